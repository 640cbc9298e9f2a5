"""The safe-utilization rate from stored units and measures (science: soilgw.assessment.safe_utilization)."""

from __future__ import annotations

import pandas as pd
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from soilgw.assessment.safe_utilization import NOTES, SafeUtilizationRate, safe_utilization_rate

from ..choices import PRIORITY_MEASURES, SAFE_MEASURES, STRICT_MEASURES
from ..models import FarmlandUnit, Measure

#: The method's caveats (assessment NOTES, in English for the API and CLI) in the page's language.
NOTE_TEXT = dict(zip(NOTES, (
    gettext_lazy("C: crop compliance is recorded per unit with each safe-utilization measure; the method's section "
                 "二 (C类面积核算) was not available, so its finer rules are not applied."),
    gettext_lazy("A unit counts only under its own category (the method's rule for units with both safe-utilization "
                 "and strict-control measures was not available)."),
), strict=True))


def notes_shown(rate: SafeUtilizationRate) -> list:
    """The rate's notes in the active language (a note without a translation as written)."""
    return [NOTE_TEXT.get(n, n) for n in rate.notes]


def unit_table(year: int, units=None) -> pd.DataFrame:
    """One row per categorised unit with the B/C/D flags of ``year`` and the C evidence per unit."""
    units = (units if units is not None else FarmlandUnit.objects.all()).exclude(category="").select_related("township")
    rows = {u.pk: {"unit_id": u.code, "township": u.township.name if u.township_id else "—", "area": u.area_mu,
                   "category": u.category, "slightly_polluted": u.slightly_polluted, "priority_measures": False,
                   "safe_measures": False, "crop_compliant": False, "strict_measures": False, "c_evidence": ""}
            for u in units}
    for m in Measure.objects.filter(year=year, unit_id__in=rows):
        r = rows[m.unit_id]
        if m.kind in PRIORITY_MEASURES:
            r["priority_measures"] = True
        elif m.kind in SAFE_MEASURES:
            r["safe_measures"] = True
            if m.crop_compliant:
                r["crop_compliant"] = True
                r["c_evidence"] = "; ".join(filter(None, [r["c_evidence"], m.evidence]))
        elif m.kind in STRICT_MEASURES:
            r["strict_measures"] = True
    return pd.DataFrame(list(rows.values()), columns=[
        "unit_id", "township", "area", "category", "slightly_polluted", "priority_measures", "safe_measures",
        "crop_compliant", "strict_measures", "c_evidence"])


def county_rate(year: int, units=None) -> SafeUtilizationRate | None:
    """A = (B + C + D) / E × 100 % per township and for the county in ``year`` [mu]; None without units."""
    table = unit_table(year, units)
    if table.empty:
        return None
    return safe_utilization_rate(table, area_unit="mu", county=_("whole county"))
