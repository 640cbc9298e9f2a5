"""``?format=csv`` (or ``Accept: text/csv``) on every API list: a sheet Excel opens as it is.

djangorestframework-csv's paginated renderer writes the page's rows, not the pagination envelope. On top of it:

- headers are the serializer's field labels (the model's verbose names, in the request's language), in the
  serializer's field order; a choice is written as its display name, a yes/no as 是/否;
- an object or list value (GeoJSON geometry, JSON fields) stays one field, as JSON text, rather than one column
  per coordinate;
- text that Excel would run as a formula is neutralised (:func:`soilgw.core.xlsx.csv_text`);
- UTF-8 with a byte-order mark: without it Excel reads the file in the system code page (GBK) and garbles it.
"""

from __future__ import annotations

import codecs
import json

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework_csv.renderers import PaginatedCSVRenderer

from ..xlsx import csv_text


class CSVRenderer(PaginatedCSVRenderer):
    """The API's CSV renderer (settings ``REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"]``; lists only, as
    :class:`ListCSVNegotiation` offers it)."""

    def render(self, data, media_type=None, renderer_context=None):
        """The rows of ``data`` (a page, a list or one object) as UTF-8 CSV with a byte-order mark."""
        renderer_context = renderer_context or {}
        if isinstance(data, dict) and self.results_field in data:
            data = data[self.results_field]
        rows = data if isinstance(data, list) else [data]
        rows = [row if isinstance(row, dict) else {"": row} for row in rows]
        fields = _readable_fields(renderer_context.get("view"))
        header = [name for name in fields if not rows or any(name in row for row in rows)]
        header += [key for key in dict.fromkeys(k for row in rows for k in row) if key not in header]
        table = [{key: _cell(row.get(key), fields.get(key)) for key in header} for row in rows]
        labels = {name: str(field.label or name) for name, field in fields.items()}
        body = super().render(table, media_type, {**renderer_context, "header": header, "labels": labels})
        return codecs.BOM_UTF8 + (body or b"")


class ListCSVNegotiation(DefaultContentNegotiation):
    """DRF's content negotiation, with CSV on list actions only (``REST_FRAMEWORK["DEFAULT_CONTENT_NEGOTIATION_CLASS"]``).

    A record, a GeoJSON collection or a workflow step's answer is documented as JSON alone; ``?format=csv``
    there is DRF's 404 for a format the endpoint does not offer.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        """DRF's choice among ``renderers``, without CSV unless the view is answering its ``list`` action."""
        view = (getattr(request, "parser_context", None) or {}).get("view")
        if getattr(view, "action", None) != "list":
            renderers = [r for r in renderers if not isinstance(r, CSVRenderer)]
        return super().select_renderer(request, renderers, format_suffix)


def _readable_fields(view) -> dict[str, serializers.Field]:
    # Duck-typed: importing rest_framework.generics here would be circular (DRF imports renderers at start-up).
    get_serializer = getattr(view, "get_serializer", None)
    if get_serializer is None:  # a function view or plain ViewSet: its rows' keys are the headers
        return {}
    return {name: field for name, field in get_serializer().fields.items() if not field.write_only}


def _cell(value, field: serializers.Field | None):
    if value is None:
        return ""
    if isinstance(field, serializers.ChoiceField) and not isinstance(value, (list, dict)):
        value = field.choices.get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return csv_text(str(value))
