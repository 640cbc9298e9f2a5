"""Helpers shared by the enforcement models."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from soilgw.core.models import Department


def department_ids(*codes: str) -> set[int]:
    """Primary keys of the departments with these codes (those loaded)."""
    return set(Department.objects.filter(code__in=codes).values_list("pk", flat=True))


def department(code: str) -> Department:
    """The department with ``code``; ``ValidationError`` if the county's departments are not loaded."""
    found = Department.objects.filter(code=code).first()
    if found is None:
        raise ValidationError(_("Department %(code)s is not loaded (run load-county-data).") % {"code": code})
    return found


def not_before(errors: dict, later, later_name: str, earlier, label) -> None:
    """Record an error on ``later_name`` when date ``later`` precedes ``earlier``."""
    if later is not None and earlier is not None and later < earlier:
        errors[later_name] = _("This date cannot be before %(what)s (%(date)s).") % {"what": label, "date": earlier}


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


class RegistryUrlMixin:
    """``get_absolute_url`` through the app's registry detail page (``<namespace>:<slug>_detail``)."""

    registry_url = ""  # "enforcement:leads"

    def get_absolute_url(self) -> str:
        return reverse(f"{self.registry_url}_detail", args=[self.pk])
