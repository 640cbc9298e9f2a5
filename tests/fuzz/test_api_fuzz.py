"""API fuzzing: schemathesis drives every operation of the OpenAPI schema against the WSGI app in-process.

One record of every registry is stored first (each registry test's ``make_object``), so detail, PUT, PATCH
and DELETE requests reach stored rows as well as missing ones. The run is repeated with an editor's token and
with an external (enterprise) account's token. Every response must be below 500 and conform to the schema
(status code, content type, body); each failure is reported with the request as a reproducible curl command.
Prints the number of operations and requests.
"""

from __future__ import annotations

import re
import time

import hypothesis
import pytest
import schemathesis
from django.urls import Resolver404, resolve
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.registry_base import seed_registries

pytestmark = pytest.mark.django_db

#: Examples per operation: small enough that both runs take a few minutes on two cores.
MAX_EXAMPLES = 8
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
#: DELETE last, so the stored rows are there for the other methods.
METHOD_ORDER = {"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}


@pytest.fixture
def keep_connection():
    """The WSGI handler closes the database connection after each request; inside the test's transaction on
    PostgreSQL that ends the transaction, so — as Django's test client does — the handler is told not to."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(county, keep_connection):
    """One record per registry model: {model: pk}."""
    return seed_registries()


def account(role: str, make_user):
    from django.contrib.contenttypes.models import ContentType

    from soilgw.core.models import ExternalAccount
    from soilgw.enterprises.models import Enterprise

    if role == "editor":
        return make_user("fuzz-editor", "eeb", "editor")
    user = make_user("fuzz-enterprise")
    own = Enterprise.objects.order_by("pk").first()
    ExternalAccount.objects.create(user=user, scope_type=ContentType.objects.get_for_model(own), scope_id=own.pk)
    return user


def stored_pk(path: str, seeded: dict) -> int | None:
    """The stored record an ``/api/…/{id}/…`` path names, when one of its model was stored."""
    try:
        view = resolve(re.sub(r"\{\w+\}", "1", path)).func
    except Resolver404:
        return None
    qs = getattr(getattr(view, "cls", None), "queryset", None)
    return seeded.get(qs.model) if qs is not None else None


@pytest.mark.parametrize("role", ["editor", "external"])
def test_api_answers_within_its_schema(role, seeded, make_user):
    from django.core.wsgi import get_wsgi_application
    from rest_framework.authtoken.models import Token

    headers = {"Authorization": f"Token {Token.objects.create(user=account(role, make_user)).key}"}
    started = time.monotonic()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    operations = sorted((r.ok() for r in schema.get_all_operations()),
                        key=lambda op: (METHOD_ORDER[op.method.lower()], op.path))
    requests, failures = 0, {}

    for operation in operations:
        strategy = operation.as_strategy()
        pk = stored_pk(operation.path, seeded) if "{id}" in operation.path else None
        if pk is not None:
            strategy = st.one_of(operation.as_strategy(path_parameters={"id": pk}), strategy)

        @hypothesis.given(case=strategy)
        @hypothesis.settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                             phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
                             suppress_health_check=list(hypothesis.HealthCheck))
        def fuzz(case):
            nonlocal requests
            response = case.call(headers=headers)
            requests += 1
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except FailureGroup as exc:
                failures.setdefault(case.operation.label, str(exc))

        fuzz()
    print(f"api fuzz ({role}): {len(operations)} operations, {requests} requests, "
          f"{time.monotonic() - started:.0f} s, {len(failures)} failing operations")
    assert not failures, "\n".join(f"== {label}\n{text}" for label, text in failures.items())
