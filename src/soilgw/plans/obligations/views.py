"""Obligation pages: every obligation overdue first, grouped by department, township or duty holder."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, Value, When
from django.shortcuts import render

from soilgw.core.clock import as_of
from soilgw.core.models import Department, Township
from soilgw.core.permissions import external_account, is_internal

from . import engine
from .models import STATUS_ORDER, Obligation, ObligationStatus
from .rules import rules

GROUPS = {"department": ("department_id", "department__name"), "township": ("township_id", "township__name"),
          "holder": ("holder_id", "holder_label")}


def ordered(qs):
    """Overdue first, then open, then done; earliest due first within each."""
    rank = Case(*[When(status=s, then=Value(i)) for i, s in enumerate(STATUS_ORDER)], output_field=IntegerField())
    return qs.annotate(status_rank=rank).order_by("status_rank", "due", "rule_id", "subject_label")


def visible(user):
    """Obligations ``user`` may read: internal users all; an external account those it holds.

    Statuses are first brought up to the clock's date (``engine.ensure_current``)."""
    engine.ensure_current()
    qs = Obligation.objects.select_related("department", "township", "plan_task__plan")
    if is_internal(user):
        return qs
    account = external_account(user)
    if account is None:
        return qs.none()
    return qs.filter(holder_type=account.scope_type, holder_id=account.scope_id)


def obligations_of(obj):
    """Obligations held by ``obj`` or about ``obj``, in due-date order."""
    engine.ensure_current()
    ct = ContentType.objects.get_for_model(obj)
    return list(Obligation.objects.filter(Q(holder_type=ct, holder_id=obj.pk) | Q(subject_type=ct, subject_id=obj.pk))
                .select_related("plan_task__plan").order_by("due", "rule_id"))


def apply_filters(qs, params):
    """Filters shared by the page and the API: status, department (code), township (name), rule, holder."""
    if params.get("status") in ObligationStatus.values:
        qs = qs.filter(status=params["status"])
    if params.get("department"):
        qs = qs.filter(department__code=params["department"])
    if params.get("township"):
        qs = qs.filter(township__name=params["township"])
    if params.get("rule"):
        qs = qs.filter(rule_id=params["rule"])
    if params.get("holder"):
        qs = qs.filter(holder_label__icontains=params["holder"])
    return qs


@login_required
def obligation_list(request):
    """All obligations, overdue first, with counts grouped by department, township or duty holder."""
    qs = visible(request.user)
    if not is_internal(request.user) and external_account(request.user) is None:
        raise PermissionDenied
    qs = apply_filters(qs, request.GET)
    group = request.GET.get("group", "department")
    key, label = GROUPS.get(group, GROUPS["department"])
    counts: dict[str, Counter] = defaultdict(Counter)
    for name, status in qs.values_list(label, "status"):
        counts[name or "—"][status] += 1
    grouped = sorted(((name, [c.get(s, 0) for s in STATUS_ORDER]) for name, c in counts.items()),
                     key=lambda x: (-x[1][0], -x[1][1], x[0]))
    return render(request, "plans/obligations.html", {
        "obligations": ordered(qs)[:500], "total": qs.count(), "grouped": grouped, "group": group,
        "statuses": [ObligationStatus(s) for s in STATUS_ORDER], "rules": sorted(rules().values(), key=lambda r: r.id),
        "departments": Department.objects.exclude(kind="township"), "townships": Township.objects.all(),
        "params": request.GET, "today": as_of(),
    })
