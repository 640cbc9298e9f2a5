"""The permission matrix, generated from the policy (``core.policy``) and the URL/API registry.

Every route of ``get_resolver()`` (pages, API, admin) is classified; a record route (a registry page or an API
viewset on a model) without a policy entry fails. For every registry model × role (anonymous, viewer and
editor of a department the policy names, editor of another department, an external account scoped elsewhere)
the create page, the import page and the API create are checked against the answer the policy gives; every
route is requested anonymously and may answer only when it is declared public. Prints the counts.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from soilgw.core.models import Department, ExternalAccount, Township
from soilgw.core.policy import rule_for
from soilgw.core.registry import RegistryConfig

pytestmark = pytest.mark.django_db

#: Pages that anonymous visitors may read (disclosed information, login, health, language switch).
PUBLIC_PAGES = {"", "health/", "accounts/login/", "accounts/logout/", "i18n/setlang/", "admin/login/",
                "api/schema/", "api/docs/", "api/redoc/", "api/"}
#: API viewsets on reference data (departments, townships) or on a record reached only through its parent,
#: with the access they have: they are read-only for everyone logged in.
REFERENCE_VIEWSETS = {"DepartmentViewSet", "TownshipViewSet", "ImportBatchViewSet", "SampleViewSet",
                      "ResultViewSet", "WaterLevelViewSet"}
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")


def routes():
    """(path with sample arguments, callback) for every URL pattern."""
    found = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.append((prefix + str(p.pattern), p.callback))

    walk(get_resolver().url_patterns, "")
    return found


def concrete(route: str) -> str:
    path = CONVERTER.sub(lambda m: "1" if m.group(1) in (None, "int", "path") else "x", route)
    path = REGEX_GROUP.sub("1", path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace("/?", "/")
    path = re.sub(r"\.\(\?P<format>[^)]*\)", "", path)
    return "/" + path


def kind_of(callback) -> str:
    if isinstance(getattr(callback, "__self__", None), RegistryConfig):
        return "registry"
    if hasattr(callback, "cls"):
        return "api"
    module = getattr(callback, "__module__", "") or ""
    return "admin" if module.startswith("django.contrib.admin") or "admin" in getattr(callback, "__qualname__", "") \
        else "page"


def test_every_record_route_has_a_policy_entry():
    missing = []
    for route, cb in routes():
        kind = kind_of(cb)
        if kind == "registry" and rule_for(cb.__self__.model) is None:
            missing.append(route)
        if kind == "api":
            qs = getattr(cb.cls, "queryset", None)
            if cb.cls.__name__ in REFERENCE_VIEWSETS or qs is None:
                continue
            if rule_for(qs.model) is None:
                missing.append(f"{route} ({qs.model._meta.label})")
    assert not missing, f"routes without a policy entry: {missing}"


def test_anonymous_reaches_only_public_routes(client):
    checked, leaks = 0, []
    for route, cb in routes():
        public = (route in PUBLIC_PAGES or getattr(cb, "public_read", False)
                  or getattr(getattr(cb, "cls", None), "public_read", False)
                  or getattr(getattr(cb, "__self__", None), "public_read", False))
        if public or "format" in route:
            continue
        resp = client.get(concrete(route))
        checked += 1
        if resp.status_code == 200:
            leaks.append(route)
    print(f"permission matrix: {checked} routes requested anonymously")
    assert checked > 500 and not leaks, leaks


def _allowed_codes(rule) -> set[str] | None:
    """Department codes whose editors may create under the policy; None = any department's editors."""
    if rule.create is not None:
        return set(rule.create)
    if rule.via:
        return None
    return set(rule.departments)


def test_matrix_of_create_and_import_per_role(client, county, make_user):
    configs = {cb.__self__.slug: cb.__self__ for _, cb in routes() if kind_of(cb) == "registry"}
    codes = list(Department.objects.values_list("code", flat=True))
    town = Township.objects.first()
    external = make_user("matrix-external")
    ExternalAccount.objects.create(user=external, scope_type=ContentType.objects.get_for_model(town),
                                   scope_id=town.pk)
    users: dict[str, object] = {"external": external}
    checks, wrong = 0, []
    from rest_framework.test import APIClient

    api = APIClient()
    for slug, config in sorted(configs.items()):
        rule = rule_for(config.model)
        allowed = _allowed_codes(rule)
        inside = sorted(allowed)[0] if allowed else "eeb"
        outside = next(c for c in codes if allowed is not None and c not in allowed) if allowed else None
        roles = [("anonymous", None, False), ("viewer", (inside, "viewer"), False),
                 ("editor", (inside, "editor"), True), ("external", None, rule.external and bool(config.scope_field))]
        if outside:
            roles.append(("other-department", (outside, "editor"), False))
        for role, membership, expected in roles:
            if membership is not None:
                key = f"{membership[0]}-{membership[1]}"
                if key not in users:
                    users[key] = make_user(f"m-{key}", *membership)
                user = users[key]
            else:
                user = users.get(role)
            client.logout()
            api.logout()
            if user is not None:
                client.force_login(user)
                api.force_authenticate(user)
            for view in ("create", "import"):
                resp = client.get(f"/{config.namespace}/{config.slug}/{'new' if view == 'create' else 'import'}/")
                ok = resp.status_code == 200
                checks += 1
                if ok != expected:
                    wrong.append((slug, view, role, resp.status_code))
            checks += 1
            api_url = next((r for r, cb in routes() if kind_of(cb) == "api" and hasattr(cb.cls, "can_create")
                            and cb.cls.queryset.model is config.model and "pk" not in r and "format" not in r), None)
            if api_url is None:
                continue
            resp = api.post(concrete(api_url), {}, format="json")
            ok = resp.status_code in (201, 400)
            if ok != expected:
                wrong.append((slug, "api-create", role, resp.status_code))
    print(f"permission matrix: {len(configs)} registries × roles, {checks} create/import checks")
    assert not wrong, wrong
