"""Number formatting for risk results: scientific notation for risks, three significant figures otherwise."""

from django import template

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
