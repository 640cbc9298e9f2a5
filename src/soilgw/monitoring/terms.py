"""Names pages give the monitoring codes: trend verdicts, anomaly rules and QA flags (one place).

The codes themselves come from the science (:data:`soilgw.assessment.trends_maros.VERDICTS`,
:data:`soilgw.assessment.anomaly.RULES`) and the QA rule table (``data/qa_rules.csv``); a test checks that each
has a name here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TREND_NAMES = {
    "increasing": _("increasing"), "probably_increasing": _("probably increasing"), "no_trend": _("no trend"),
    "stable": _("stable"), "probably_decreasing": _("probably decreasing"), "decreasing": _("decreasing"),
    "insufficient_data": _("too few samples"),
}
FLAG_NAMES = {
    "new_exceedance": _("new exceedance"), "class_deterioration": _("class deterioration"),
    "history_outlier": _("outlier against its history"), "upward_trend": _("upward trend"),
    "ion_balance": _("ion balance"), "field_duplicate_rpd": _("field duplicate RPD"),
    "detect_below_dl": _("detect below the detection limit"),
}


def term(code) -> str:
    """The name of a trend verdict, anomaly rule or QA flag; an unknown code unchanged (empty for none)."""
    code = "" if code is None else str(code)
    return str(TREND_NAMES.get(code) or FLAG_NAMES.get(code) or code)
