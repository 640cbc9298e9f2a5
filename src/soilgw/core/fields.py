"""Model fields shared by the registries."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

#: How several choices are written in one cell: 、 as Chinese lists are written; , ， ; ； also accepted on input.
SEPARATOR = "、"
_SPLIT = re.compile(r"[、,，;；]")


def choices_by_name(choices) -> dict[str, str]:
    """``{name: code}`` for a flat choice list: each code, and each label in Chinese and in English.

    What an imported cell may hold for a choice field, so a sheet written by hand (``通过``) and one the
    platform exported (labels in the user's language) both read back.
    """
    by_name = {}
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            by_name |= {str(label): str(v) for v, label in choices if not isinstance(label, (list, tuple))}
    return by_name | {str(v): str(v) for v, _ in choices}


class ChoiceListField(models.CharField):
    """Several values of one choice list stored as one text, in the list's order, joined by ``、``.

    ``item_choices`` is a ``TextChoices`` ``.choices`` list. Forms show one check box per choice; an imported
    cell may name the choices by code or by their Chinese or English label (``饮用地下水、…``). Read the stored
    value with :meth:`items` (codes), or as display names with the model's ``get_<name>_display()`` that the
    field adds, as Django does for a choice field.

    The model's ``clean()`` calls :meth:`clean_items`, so forms, imports and API writes refuse an unknown name alike.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = [(str(v), label) for v, label in item_choices]
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def items(self, value: str | list | None) -> list[str]:
        """The codes in ``value`` (stored text or a list), in the choice list's order; unknown names kept last."""
        names = value if isinstance(value, (list, tuple)) else _SPLIT.split(value or "")
        by_name = choices_by_name(self.item_choices)
        codes = [by_name.get(n.strip(), n.strip()) for n in names if n and n.strip()]
        order = [v for v, _ in self.item_choices]
        return [v for v in order if v in codes] + [c for c in dict.fromkeys(codes) if c not in order]

    def labels(self, value: str | None) -> str:
        """The stored ``value`` as its display names joined by ``、`` (active language)."""
        names = dict(self.item_choices)
        return SEPARATOR.join(str(names.get(c, c)) for c in self.items(value))

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, f"get_{name}_display", lambda obj: self.labels(getattr(obj, self.attname)))

    def to_python(self, value):
        return SEPARATOR.join(self.items(value)) if isinstance(value, (list, tuple)) or value else (value or "")

    def clean_items(self, instance) -> None:
        """Normalise ``instance``'s value to codes; ``ValidationError`` naming any unknown name and the choices."""
        value = self.to_python(getattr(instance, self.attname))
        setattr(instance, self.attname, value)
        known = {v for v, _ in self.item_choices}
        bad = [c for c in self.items(value) if c not in known]
        if bad:
            raise ValidationError(_("Unknown: %(bad)s; choose from %(valid)s.") % {
                "bad": SEPARATOR.join(bad), "valid": SEPARATOR.join(str(label) for _, label in self.item_choices)},
                code="invalid_choice")

    def value_from_object(self, obj):
        return self.items(super().value_from_object(obj))

    def save_form_data(self, instance, data):
        setattr(instance, self.attname, self.to_python(data))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.item_choices, required=not self.blank, label=capfirst(self.verbose_name),
            help_text=self.help_text, widget=forms.CheckboxSelectMultiple)
