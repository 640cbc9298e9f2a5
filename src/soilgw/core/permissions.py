"""Who may see and change what.

Internal users belong to departments with a role (viewer < editor < approver < administrator); superusers
may do everything. External accounts (enterprises, consultants) are scoped to one object and see and
submit only what links to it. Anonymous users see only what a view marks public.

Views declare:
- ``public_read = True`` for disclosed information readable without login (a function view: the
  ``public_page`` decorator);
- ``scope_field`` — the lookup from the view's model to the scoped object (e.g. ``"enterprise"``);
  without it, external accounts see nothing;
- who may create, edit, delete and run each workflow step on a record is the policy (``core.policy``),
  read through ``can_create``, ``can_edit``, ``can_delete``, ``step_refusal`` and ``locked_field_errors``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .choices import ROLE_RANK, Role

#: model → the ``scope_field`` of its registry (None: internal only), for checking relations external
#: accounts set; models without a registry (departments, townships, codes) are reference data.
SCOPE_FIELDS: dict[type[Model], str | None] = {}

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
    if getattr(field, "primary_key", False):  # the scope object itself (an enterprise reading its own record)
        if ContentType.objects.get_for_model(queryset.model) != account.scope_type:
            return queryset.none()
        return queryset.filter(pk=account.scope_id)
    target = field.related_model if field.is_relation else None
    if len(scope_field.split("__")) == 1 and target is not None:
        if ContentType.objects.get_for_model(target) != account.scope_type:
            return queryset.none()
        return queryset.filter(**{f"{scope_field}_id": account.scope_id})
    return queryset.filter(**{scope_field: account.scope})


def readable_queryset(user, queryset: QuerySet, scope_field: str | None, public_read: bool,
                      method: str = "GET") -> QuerySet:
    """The one definition of what ``user`` may read of ``queryset``, shared by pages, API and the portal.

    A disclosed list (``public_read``) is read whole by everyone, logged in or not, with a safe ``method``;
    anything else is ``scope_queryset``. (Pages and API used to differ here: the register page filtered
    anonymous users to nothing while the API showed every entry.)
    """
    if public_read and method in SAFE_METHODS:
        return queryset
    return scope_queryset(user, queryset, scope_field)


def public_page(view):
    """Declare a function view public (``public_read``: disclosed information, readable without login).

    The declaration is what the permission matrix (tests/core/test_permission_matrix.py) reads; the view
    itself must show disclosed records only (``readable_queryset`` of a ``public_read`` list, or public fields).
    """
    view.public_read = True
    return view


def in_scope(user, obj: Model, scope_field: str | None) -> bool:
    """True if an external ``user``'s scope covers ``obj`` (via ``scope_field``)."""
    if not scope_field:
        return False
    return scope_queryset(user, type(obj)._default_manager.filter(pk=obj.pk), scope_field).exists()


def _rule(obj_or_model):
    from .policy import rule_for

    return rule_for(obj_or_model)


def editing_department_ids(obj: Model) -> set[int]:
    """Departments whose editors may edit ``obj`` under the policy (``core.policy``)."""
    from .policy import codes_to_ids, department_ids_at

    rule = _rule(obj)
    if rule is None:
        return set()
    return codes_to_ids(rule.departments) | department_ids_at(obj, rule.via, rule.via_where)


def can_edit(user, obj: Model, scope_field: str | None = None) -> bool:
    """May ``user`` change ``obj`` (or create it, when ``obj`` is unsaved)?

    Superusers: yes. Department members: editor or higher in one of the policy's editing departments of
    ``obj``. External accounts: when the policy allows external submissions and ``obj`` is within their scope.
    """
    if getattr(user, "is_superuser", False):
        return True
    rule = _rule(obj)
    if rule is None:
        return False
    if external_account(user) is not None:
        if not rule.external:
            return False
        if obj.pk is None:
            return scope_allows(user, obj, scope_field)
        return in_scope(user, obj, scope_field)
    return bool(editing_department_ids(obj) & department_ids(user, Role.EDITOR))


def can_create(user, model: type[Model], scope_field: str | None = None) -> bool:
    """May ``user`` open the create form or an import of ``model``? The new record itself is then checked
    with ``can_edit`` (so it must fall within the user's departments or scope)."""
    from .policy import codes_to_ids

    if getattr(user, "is_superuser", False):
        return True
    rule = _rule(model)
    if rule is None:
        return False
    if external_account(user) is not None:
        return rule.external and bool(scope_field)
    mine = department_ids(user, Role.EDITOR)
    codes = rule.create if rule.create is not None else rule.departments
    if rule.via and rule.create is None:
        return bool(mine)
    return bool(mine & codes_to_ids(codes))


def can_delete(user, obj: Model) -> bool:
    """May ``user`` delete ``obj``? Superusers, or the policy's ``delete_role`` in an editing department."""
    if getattr(user, "is_superuser", False):
        return True
    rule = _rule(obj)
    if rule is None or external_account(user) is not None:
        return False
    return bool(editing_department_ids(obj) & department_ids(user, rule.delete_role))


def step_refusal(user, obj: Model, step: str, scope_field: str | None = None) -> str | None:
    """Why ``user`` may not run workflow ``step`` on ``obj`` (None when allowed), naming the rule."""

    from .policy import codes_to_ids, department_ids_at

    if getattr(user, "is_superuser", False):
        return None
    rule = _rule(obj)
    spec = rule.steps.get(step) if rule is not None else None
    if spec is None or not (spec.departments or spec.via):
        if not can_edit(user, obj, scope_field):
            return _("You may not edit this record.")
    else:
        if external_account(user) is not None:
            return _("Only the departments named in the policy may run this step.")
        allowed = codes_to_ids(spec.departments) | department_ids_at(obj, spec.via, spec.via_where)
        if not allowed & department_ids(user, spec.role):
            return _("Only the departments named in the policy may run this step.")
    if spec is not None and spec.four_eyes and submitted_by(obj) == getattr(user, "pk", None):
        return _("Four-eyes rule: the person who submitted the record may not also approve it.")
    return None


def submitted_by(obj: Model) -> int | None:
    """Id of the user who submitted ``obj``: its ``submitted_by`` field where the model has one (a
    resubmission names its new author), else its first change-log entry; None when unknown."""
    if getattr(obj, "submitted_by_id", None) is not None:
        return obj.submitted_by_id
    history = getattr(obj, "history", None)
    if history is None or obj.pk is None:
        return None
    first = history.order_by("history_date", "history_id").values_list("history_user_id", flat=True).first()
    return first


def locked_field_errors(user, obj: Model, before: Model | None) -> dict[str, str]:
    """Fields of ``obj`` that ``user`` changed (against ``before``; None = new record) but may not: the
    policy's ``locked`` fields of an existing record (changed only through their workflow) and, for external
    accounts, its
    ``owner_locked`` fields. Returns field → reason."""

    rule = _rule(obj)
    if rule is None:
        return {}
    errors: dict[str, str] = {}
    external = external_account(user) is not None
    names = [*(rule.locked if before is not None else ()), *(rule.owner_locked if external else ())]
    for name in names:
        if type(obj)._meta.get_field(name).many_to_many:
            continue  # checked on the submitted data by the caller
        new = getattr(obj, name, None)
        if before is None:
            default = type(obj)._meta.get_field(name).get_default()
            changed = new not in (None, "", default)
        else:
            changed = getattr(before, name, None) != new
        if changed:
            errors[name] = str(rule.locked.get(name) or _("An external account may not set this field."))
    return errors


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

        if str(getattr(view, "action", "")).startswith("step_"):
            return True  # a workflow step checks ``step_refusal`` itself and names the rule
        if request.method == "DELETE":
            self.message = _("Policy: deleting needs the administrator role in one of the record's departments.")
            return can_delete(request.user, obj)
        self.message = _("Policy: only the record's editing departments (or its own external account) may "
                         "change it.")
        return can_edit(request.user, obj, getattr(view, "scope_field", None))


def scope_allows(user, instance, scope_field: str | None) -> bool:
    """May ``user`` create ``instance``? External accounts only inside their scope (``scope_field`` → scope)."""
    account = external_account(user)
    if account is None:
        return True
    if not scope_field or "__" in scope_field:
        return False
    target = instance._meta.get_field(scope_field).related_model
    return (ContentType.objects.get_for_model(target) == account.scope_type
            and getattr(instance, f"{scope_field}_id") == account.scope_id)


def step_field_errors(user, instance, before, scope_field) -> dict[str, str]:
    """Fields of the policy's ``step_fields`` that ``user`` set or changed without the right to the step."""
    from .policy import rule_for

    rule = rule_for(instance)
    errors: dict[str, str] = {}
    for name, step in (rule.step_fields.items() if rule is not None else ()):
        new = getattr(instance, name)
        old = getattr(before, name) if before is not None else instance._meta.get_field(name).get_default()
        if new != old:
            refusal = step_refusal(user, before if before is not None else instance, step, scope_field)
            if refusal:
                errors[name] = f"{refusal} ({step})"
    return errors


def owner_locked(instance) -> tuple[str, ...]:
    """Fields the policy forbids an owner (external account) to change on ``instance``."""
    from .policy import rule_for

    rule = rule_for(instance)
    return rule.owner_locked if rule is not None else ()


def relation_scope_errors(user, instance, m2m: dict) -> dict[str, str]:
    """Relations an external ``user`` set on ``instance`` to objects outside its scope: field → reason.

    A related record (a model with a policy entry) is within scope when the account may read it through
    that model's registry (``SCOPE_FIELDS``; none without one); models without a policy entry are reference
    data (departments, townships, land-use codes) and always allowed.
    """
    from .policy import rule_for

    errors: dict[str, str] = {}
    related: dict[str, tuple[type[Model], list[int]]] = {}
    for f in instance._meta.concrete_fields:
        if f.is_relation and f.related_model is not None and getattr(instance, f.attname) is not None:
            related[f.name] = (f.related_model, [getattr(instance, f.attname)])
    for name, objs in m2m.items():
        f = instance._meta.get_field(name)
        related[name] = (f.related_model, [o.pk for o in objs])
    for name, (model, ids) in related.items():
        rule = rule_for(model)
        if rule is None or SCOPE_FIELDS.get(model) == "__public__" or not ids:
            continue
        try:
            readable = scope_queryset(user, model._default_manager.filter(pk__in=ids),
                                      rule.scope or SCOPE_FIELDS.get(model)).distinct().count()
        except ValueError:  # the scope object is of another model than the lookup reaches
            readable = 0
        if readable != len(set(ids)):
            errors[name] = _("You may only link records within your own scope (%(model)s).") % {
                "model": model._meta.verbose_name}
    return errors
