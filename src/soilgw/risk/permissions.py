"""Who may see, create and change risk assessments.

- Internal users (any department) read every assessment; editors (or higher) of the eco-environment branch
  and superusers create and change them (``risk.policy``).
- External accounts (site-investigation consultants) create assessments and see and change only those they
  created themselves.
- Anonymous users see nothing.
"""

from __future__ import annotations

from django.db.models import QuerySet

from soilgw.core.models import Department
from soilgw.core.permissions import can_create as policy_can_create
from soilgw.core.permissions import can_edit, external_account, is_internal

from .models import EDITING_DEPARTMENT, RiskAssessment


def visible(user, queryset: QuerySet | None = None) -> QuerySet:
    """The assessments ``user`` may read."""
    qs = RiskAssessment.objects.all() if queryset is None else queryset
    if is_internal(user):
        return qs
    if external_account(user) is not None:
        return qs.filter(created_by=user)
    return qs.none()


def can_create(user) -> bool:
    """Superusers, editors of the eco-environment branch, and external (consultant) accounts (``risk.policy``;
    an external account's scope is the assessments it created)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return policy_can_create(user, RiskAssessment, scope_field="created_by")


def can_change(user, obj: RiskAssessment) -> bool:
    """Superusers and branch editors for any assessment; an external account for its own."""
    if external_account(user) is not None:
        return obj.created_by_id == user.pk
    return can_edit(user, obj)


def owning_department(user) -> Department | None:
    """The department recorded on a new assessment: the branch for its members, none for external accounts."""
    if external_account(user) is not None:
        return None
    return Department.objects.filter(code=EDITING_DEPARTMENT).first()
