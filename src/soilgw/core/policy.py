"""The one object-permission policy: per registry model, who may create, edit, run each workflow step and
delete, what an external account may do, and which fields nobody may change directly.

Each app declares its models' rules in ``<app>/policy.py`` as ``RULES = {"app_label.Model": Rule(...)}``;
``core`` collects them at start-up (``autodiscover``). Everything that decides about a record — the registry
pages and API (``core.registry``), custom views, imports, the admin, the permission-matrix test and
``docs/permissions.md`` — reads this table through ``core.permissions``.

Why a table and not django-rules predicates or NetBox's ``ObjectPermission`` rows: our rules are data
(department codes and paths from a record to a department) so that the same declaration can be printed for
a bureau administrator and turned into the expected answers of the matrix test; a predicate is opaque, and
rules stored in the database would let the plans' division of duties drift per installation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Manager, Model
from django.utils.module_loading import autodiscover_modules

from .choices import Role


@dataclass(frozen=True)
class Step:
    """Who may run one workflow step (``RegistryAction.name`` or a model method such as ``close``).

    ``departments`` (codes) and ``via`` (paths from the record to a ``Department``) name the departments
    whose members of at least ``role`` may run it; both empty means "whoever may edit the record".
    ``via_where``: path → ORM filter for a ``via`` path through a many-valued relation (as on ``Rule``).
    ``four_eyes``: the person who submitted the record (``core.permissions.submitted_by``) may not run the step.
    """

    departments: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    role: str = Role.EDITOR
    four_eyes: bool = False
    via_where: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    """The policy of one model.

    ``departments`` (codes) and ``via`` (paths such as ``"township__department"``) give the departments
    whose editors may edit a record; a new record must pass the same check (so a township files only its
    own lists). ``create`` (codes) additionally limits who may open the create form (default: the
    ``departments``, or any editor where ``via`` decides). ``delete_role``: the role needed in an editing
    department to delete. ``external``: an external account may submit and edit records within its scope.
    ``owner_locked``: fields an external account may not set or change. ``locked``: field → reason; nobody
    changes it by a direct edit (a workflow does). ``steps``: step name → ``Step``. ``via_where``: path →
    ORM filter for a ``via`` path through a many-valued relation (e.g. only the lead and joint task roles).
    ``step_fields``: field → step; setting or changing the field is that step (e.g. a report's review is
    its acceptance) and needs the step's departments. ``scope``: the lookup from the model to an external
    account's scope object, for records that have no registry page of their own (else the registry's
    ``scope_field``); an external account links only records within it.
    """

    departments: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    create: tuple[str, ...] | None = None
    delete_role: str = Role.ADMINISTRATOR
    external: bool = False
    owner_locked: tuple[str, ...] = ()
    locked: dict[str, str] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    via_where: dict[str, dict] = field(default_factory=dict)
    step_fields: dict[str, str] = field(default_factory=dict)
    scope: str | None = None


#: model label (``app_label.ModelName``, lower case) → its rule.
RULES: dict[str, Rule] = {}


def autodiscover() -> None:
    """Import every app's ``policy`` module and collect its ``RULES`` (called from ``CoreConfig.ready``)."""
    autodiscover_modules("policy")
    for config in apps.get_app_configs():
        module = getattr(config.module, "policy", None)
        for label, rule in getattr(module, "RULES", {}).items():
            RULES[label.lower()] = rule


def rule_for(model: type[Model] | Model) -> Rule | None:
    """The rule of ``model`` (class or instance), or None when the policy has no entry (then only superusers)."""
    return RULES.get(model._meta.label_lower)


def department_ids_at(obj: Model, paths: tuple[str, ...], where: dict | None = None) -> set[int]:
    """Primary keys of the departments reached from ``obj`` along ``paths`` (``a__b`` = ``obj.a.b``).

    A chain of foreign keys is followed on the object as it stands (so an unsaved change counts); a path
    through a many-valued relation is read from the database, filtered by ``where[path]``.
    """
    found: set[int] = set()
    for p in paths:
        filters = (where or {}).get(p)
        *head, last = p.split("__")
        target, walked = obj, filters is None
        for part in head:
            target = getattr(target, part, None) if target is not None else None
            if isinstance(target, Manager):
                walked = False
                break
        if walked:
            if target is not None and getattr(target, f"{last}_id", None) is not None:
                found.add(getattr(target, f"{last}_id"))
        elif obj.pk is not None:
            qs = type(obj)._default_manager.filter(pk=obj.pk, **(filters or {}))
            found |= {pk for pk in qs.values_list(p, flat=True) if pk is not None}
    return found


def codes_to_ids(codes: tuple[str, ...]) -> set[int]:
    """Primary keys of the departments with these codes."""
    if not codes:
        return set()
    from .models import Department

    return set(Department.objects.filter(code__in=codes).values_list("pk", flat=True))
