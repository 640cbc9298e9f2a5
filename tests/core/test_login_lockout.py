"""Repeated wrong passwords lock the account (django-axes); the right password is then refused too."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_account_is_locked_after_repeated_failures(client, make_user):
    make_user("target")
    url = reverse("login")
    for _ in range(5):
        client.post(url, {"username": "target", "password": "wrong"})
    resp = client.post(url, {"username": "target", "password": "pw-target"})
    assert resp.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_a_success_before_the_limit_resets_the_count(client, make_user):
    make_user("typo")
    url = reverse("login")
    for _ in range(4):
        client.post(url, {"username": "typo", "password": "wrong"})
    resp = client.post(url, {"username": "typo", "password": "pw-typo"})
    assert resp.status_code == 302 and client.session.get("_auth_user_id")
