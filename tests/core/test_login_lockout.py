"""Repeated wrong passwords lock the account (django-axes); the right password is then refused too."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _wrong_then_right(client, username, wrong_attempts):
    """Post ``wrong_attempts`` wrong passwords for ``username``, then the right one; returns the last response."""
    url = reverse("login")
    for _ in range(wrong_attempts):
        client.post(url, {"username": username, "password": "wrong"})
    return client.post(url, {"username": username, "password": f"pw-{username}"})


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_account_is_locked_after_repeated_failures(client, make_user):
    make_user("target")
    resp = _wrong_then_right(client, "target", 5)
    assert resp.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5)
def test_a_success_before_the_limit_resets_the_count(client, make_user):
    make_user("typo")
    resp = _wrong_then_right(client, "typo", 4)
    assert resp.status_code == 302 and client.session.get("_auth_user_id")
