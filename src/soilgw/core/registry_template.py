"""The Excel import template of a registry: drop-downs from the model, a 填写说明 sheet, an example row.

The template is built from the model's fields, so it cannot drift from what the import reads: choice and
yes/no columns get drop-downs of their Chinese labels (the import reads labels and codes, see
``registry._read_choices``), a foreign key looked up by name or code gets the registered values when there are
few enough to pick from, and the example row is made of values the import accepts. A registry whose rules
need particular values (a valid credit code, a summons reason that names no task) gives them in
``RegistryConfig.example``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core import validators
from django.db import models
from django.utils import translation

from .clock import as_of
from .fields import ChoiceListField
from .xlsx import TemplateColumn, template_workbook

if TYPE_CHECKING:
    from .registry import RegistryConfig

#: A related table with at most this many records gets a drop-down of their lookup values.
MAX_DROPDOWN = 300
#: Half the side of the example polygon [degree] (about 100 m).
EXAMPLE_HALF_SIDE = 0.0005


def template_xlsx(config: RegistryConfig) -> bytes:
    """The .xlsx template of ``config``'s registry, in Chinese (headers as the import reads them)."""
    with translation.override("zh-hans"):
        fields = [config.model._meta.get_field(name) for name in config.editable_fields]
        columns = [_column(config, header, f) for header, f in zip(config.headers(), fields, strict=True)]
        example = [_example(config, f) for f in fields]
        example = [value() if callable(value) else value for value in example]
        return template_workbook(str(config.model._meta.verbose_name_plural), columns, [example])


def _column(config: RegistryConfig, header: str, f: models.Field) -> TemplateColumn:
    required = not f.blank and not f.has_default() and not f.many_to_many
    notes = [str(f.help_text)] if f.help_text else []
    choices: list[str] = []
    if isinstance(f, ChoiceListField):
        notes.append("可填多项，用顿号（、）分隔")
        choices = [str(label) for _, label in f.item_choices]
    elif f.choices:
        choices = [str(label) for value, label in f.flatchoices if value != ""]
    elif isinstance(f, models.BooleanField):
        choices = ["是", "否"]
    elif isinstance(f, models.DateTimeField):
        notes.append("日期时间，如 2023-06-30 09:30")
    elif isinstance(f, models.DateField):
        notes.append("日期，如 2023-06-30")
    elif isinstance(f, models.JSONField):
        notes.append("JSON 文本（导出文件中的写法）")
    elif f.is_relation:
        lookup = config.fk_lookups.get(f.name, "pk")
        related = f.related_model
        notes.append(f"填写已登记的{related._meta.verbose_name}（{_lookup_name(related, lookup)}）")
        if f.many_to_many:
            notes.append("可填多项，用顿号（、）分隔")
        elif lookup != "pk" and related._default_manager.count() <= MAX_DROPDOWN:
            choices = [str(v) for v in related._default_manager.order_by(lookup).values_list(lookup, flat=True)]
    if not f.is_relation and isinstance(f, models.CharField) and f.max_length and not choices:
        notes.append(f"不超过 {f.max_length} 个字")
    explanation = "；".join([str(f.verbose_name), *notes])
    return TemplateColumn(header, explanation, required, choices if not f.many_to_many else ())


def _lookup_name(model, lookup: str) -> str:
    if lookup == "pk":
        return "编号"
    return str(model._meta.get_field(lookup).verbose_name)


def _county_centre() -> tuple[float, float]:
    """Centre (lon, lat) of the bundled county boundary [degree], where the example places what it locates."""
    from .context_processors import county_bbox

    x0, y0, x1, y1 = (float(v) for v in county_bbox().split(","))
    return round((x0 + x1) / 2, 5), round((y0 + y1) / 2, 5)


def _example(config: RegistryConfig, f: models.Field) -> Any:
    """A cell value the import accepts for ``f``: the registry's example (a value, or a callable giving one
    from the database), else one made from the field. Optional choices, dates and numbers stay blank: the
    rules tying them to other fields (a rating only on a rating record …) stay out of the example."""
    if f.name in config.example:
        return config.example[f.name]
    if f.name == "is_sample":
        return "是"  # the example row is sample data and says so
    if f.name in ("lon", "lat"):
        return _county_centre()[f.name == "lat"]
    if f.name == "geometry":
        import json

        x, y = _county_centre()
        d = EXAMPLE_HALF_SIDE
        ring = [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]
        return json.dumps({"type": "Polygon", "coordinates": [ring]})
    if isinstance(f, ChoiceListField):
        return "" if f.blank else str(f.item_choices[0][1])
    if f.choices:
        if f.blank and not f.has_default():
            return ""
        value = f.get_default() if f.has_default() and f.get_default() != "" else next(
            v for v, _ in f.flatchoices if v != "")
        return str(dict(f.flatchoices)[value])
    if isinstance(f, models.BooleanField):
        return "是" if f.has_default() and f.get_default() else "否"
    if not f.is_relation and f.has_default() and f.get_default() not in ("", None, [], {}):
        return str(f.get_default())
    if f.is_relation:
        lookup = config.fk_lookups.get(f.name, "pk")
        first = f.related_model._default_manager.order_by("pk").values_list(lookup, flat=True).first()
        return "" if first is None else str(first)
    if f.blank and not isinstance(f, (models.CharField, models.TextField)):
        return ""  # optional dates and numbers: the rules tying them to other fields stay out of the example
    if isinstance(f, models.DateTimeField):
        return f"{as_of().isoformat()} 09:30"
    if isinstance(f, models.DateField):
        return as_of().isoformat()
    if f.name == "year":
        return str(as_of().year)
    if isinstance(f, (models.IntegerField, models.FloatField, models.DecimalField)):
        low = max([v.limit_value for v in f.validators if isinstance(v, validators.MinValueValidator)], default=1)
        return str(low)
    if isinstance(f, models.JSONField):
        return ""
    if f.blank:
        return ""
    text = f"示例{f.verbose_name}"
    return text[: f.max_length] if getattr(f, "max_length", None) else text
