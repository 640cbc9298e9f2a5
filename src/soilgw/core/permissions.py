"""Who may see and change what.

Internal users belong to departments with a role (viewer < editor < approver < administrator); superusers
may do everything. External accounts (enterprises, consultants) are scoped to one object and see and
submit only what links to it. Anonymous users see only what a view marks public.

Views declare:
- ``public_read = True`` for disclosed information readable without login;
- ``scope_field`` — the lookup from the view's model to the scoped object (e.g. ``"enterprise"``);
  without it, external accounts see nothing;
- models decide who may edit an object through ``editing_department_ids()`` (see ``can_edit``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .choices import ROLE_RANK, Role


def memberships(user):
    """The user's memberships (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_soilgw_memberships", None)
    if cached is None:
        cached = list(user.memberships.select_related("department"))
        user._soilgw_memberships = cached
    return cached


def department_ids(user, min_role: str = Role.VIEWER) -> set[int]:
    """Ids of the departments where ``user`` holds at least ``min_role``."""
    rank = ROLE_RANK[Role(min_role)]
    return {m.department_id for m in memberships(user) if ROLE_RANK[Role(m.role)] >= rank}


def external_account(user):
    """The user's ``ExternalAccount`` or ``None``."""
    if not getattr(user, "is_authenticated", False):
        return None
    from .models import ExternalAccount

    return ExternalAccount.objects.filter(user=user).select_related("scope_type").first()


def is_internal(user) -> bool:
    """True for superusers and members of any department."""
    return bool(getattr(user, "is_superuser", False) or memberships(user))


def scope_queryset(user, queryset: QuerySet, scope_field: str | None) -> QuerySet:
    """Restrict ``queryset`` to what ``user`` may read.

    Internal users read everything; an external account reads the rows whose ``scope_field`` is its scope
    object (none when the view has no ``scope_field`` or the scope is of another model; ``scope_field`` naming
    the primary key means the scope object itself); others read nothing.
    """
    if is_internal(user):
        return queryset
    account = external_account(user)
    if account is None or not scope_field:
        return queryset.none()
    field = queryset.model._meta.get_field(scope_field.split("__")[0])
    if field.primary_key:  # the scope object itself (an enterprise reading its own record)
        if ContentType.objects.get_for_model(queryset.model) != account.scope_type:
            return queryset.none()
        return queryset.filter(pk=account.scope_id)
    target = field.related_model if field.is_relation else None
    if len(scope_field.split("__")) == 1 and target is not None:
        if ContentType.objects.get_for_model(target) != account.scope_type:
            return queryset.none()
        return queryset.filter(**{f"{scope_field}_id": account.scope_id})
    return queryset.filter(**{scope_field: account.scope})


def in_scope(user, obj: Model, scope_field: str | None) -> bool:
    """True if an external ``user``'s scope covers ``obj`` (via ``scope_field``)."""
    if not scope_field:
        return False
    return scope_queryset(user, type(obj)._default_manager.filter(pk=obj.pk), scope_field).exists()


def can_edit(user, obj: Model, scope_field: str | None = None) -> bool:
    """May ``user`` change ``obj``?

    Superusers: yes. Department members: when they hold editor or higher in one of
    ``obj.editing_department_ids()``. External accounts: when ``obj`` is within their scope and the model
    allows external submissions (``external_can_edit = True``).
    """
    if getattr(user, "is_superuser", False):
        return True
    if external_account(user) is not None:
        return bool(getattr(obj, "external_can_edit", False)) and in_scope(user, obj, scope_field)
    allowed = set(obj.editing_department_ids()) if hasattr(obj, "editing_department_ids") else set()
    return bool(allowed & department_ids(user, Role.EDITOR))


class DepartmentPermission(BasePermission):
    """Default API permission: see the module docstring.

    Anonymous: only safe methods of views with ``public_read``. Authenticated: reads are filtered by
    ``scope_queryset`` in the view; writes are checked per object with ``can_edit`` and, for creation,
    by the view's ``can_create(request)`` (default: editor in any department).
    """

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS and getattr(view, "public_read", False):
            return True
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method in SAFE_METHODS:
            return True
        if getattr(view, "action", None) == "create" or request.method == "POST" and not view.kwargs:
            checker = getattr(view, "can_create", None)
            if checker is not None:
                return bool(checker(request))
            return bool(request.user.is_superuser or department_ids(request.user, Role.EDITOR))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        checker = getattr(view, "can_edit_object", None)
        if checker is not None:
            return bool(checker(request, obj))
        return can_edit(request.user, obj, getattr(view, "scope_field", None))
