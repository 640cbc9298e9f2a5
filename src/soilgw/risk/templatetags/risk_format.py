"""Number formatting for risk results: scientific notation for risks, three significant figures otherwise."""

from django import template
from django.utils.html import format_html

from soilgw.assessment.risk.parameters import PRINTED_SYMBOLS

register = template.Library()


@register.filter
def sci(value, digits=2):
    """``1.23E-06``; em dash for a missing value."""
    if value is None or value == "":
        return "—"
    return f"{float(value):.{int(digits)}E}"


@register.filter
def sig(value, digits=3):
    """Significant figures (``0.761``, ``2.7E+03`` beyond the readable range); em dash for missing."""
    if value is None or value == "":
        return "—"
    v = float(value)
    if v != 0 and not 1e-3 <= abs(v) < 1e5:
        return f"{v:.{int(digits) - 1}E}"
    return f"{v:.{int(digits)}g}"


@register.filter
def pct(value):
    """A signed percentage with one decimal; em dash for missing."""
    if value is None or value == "":
        return "—"
    return f"{float(value):+.1f} %"


@register.filter
def symbol(code):
    """An HJ 25.3-2019 parameter symbol as the standard prints it (``rho_b`` → ρ<sub>b</sub>); HTML-safe."""
    letters, sub = PRINTED_SYMBOLS.get(code, (code, ""))
    return format_html("{}<sub>{}</sub>", letters, sub) if sub else letters


@register.filter
def unit(text):
    """A parameter unit for display: blank for dimensionless and on/off parameters."""
    return "" if text in ("unitless", "bool") else text
