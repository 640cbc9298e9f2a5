"""Monitoring display filters: ``{{ label|dataset_name }}``, ``{{ label|dataset_origin:stored }}`` (see
:mod:`soilgw.monitoring.datasets`) and ``{{ code|term }}``."""

import re

from django import template
from django.utils.html import escape, format_html_join

from soilgw.monitoring.datasets import dataset_name as _dataset_name
from soilgw.monitoring.datasets import dataset_origin as _dataset_origin
from soilgw.monitoring.terms import term as _term

register = template.Library()

#: Citation tokens kept as written in any language: repository paths, DOIs, URLs ("owner/name", "10.5281/…").
_CITATION = re.compile(r"((?:https?://)?[\w.-]+/[\w./-]*\w)")


@register.filter
def dataset_name(label) -> str:
    """The bundled dataset's name for ``label``, else the label itself."""
    return _dataset_name(str(label or ""))


@register.filter
def dataset_origin(label, stored="") -> str:
    """The bundled dataset's origin in the page's language, else ``stored``; repository paths and DOIs in it are
    marked ``translate="no"`` (citations, kept as written)."""
    pieces = _CITATION.split(_dataset_origin(str(label or ""), str(stored or "")))  # text, citation, …, text
    return format_html_join("", '{}<span translate="no">{}</span>', zip(pieces[0::2], pieces[1::2], strict=False)) \
        + escape(pieces[-1])


@register.filter
def term(code) -> str:
    """A trend verdict, anomaly rule or QA flag by name (:mod:`soilgw.monitoring.terms`)."""
    return _term(code)
