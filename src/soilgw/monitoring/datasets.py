"""The bundled datasets: where each comes from (stored on its points) and the name pages show for it.

A dataset is a free label on points and units (``MonitoringPoint.dataset``, ``FarmlandUnit.dataset``); one a
user imports under their own label is shown as typed.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

#: Provenance of each bundled dataset, stored as the points' ``origin`` as written here (English); pages show it
#: in their language through :func:`dataset_origin`.
ORIGINS = {
    "basel": gettext_noop("AUE Basel-Stadt, Switzerland (data.bs.ch 100067, 100164, 100182) via GitHub "
                          "lcalmbach/gw-temp-bs — not Jiang County"),
    "dagu": gettext_noop("Dagu River Basin, Qingdao, Shandong (Liu et al. 2021) via WQChartPy — not Jiang County"),
    "jianghan": gettext_noop("Jianghan Plain, Hubei (Yang et al. 2020) via WQChartPy — not Jiang County"),
    "gwsdat_basic": gettext_noop("GWSDAT 3.3.0 BasicExample (Shell; provenance unconfirmed) — not Jiang County"),
    "gwsdat_comprehensive": gettext_noop("GWSDAT 3.3.0 ComprehensiveExample (Shell; probably real, anonymised) — "
                                         "not Jiang County"),
    "hunan_cropland": gettext_noop("Southern Hunan cropland soil Cd (Xu et al., GitHub xu624/cadmium-management) — "
                                   "not Jiang County"),
    "sinu": gettext_noop("Sinú River floodplain soils, Colombia (Zenodo 10.5281/zenodo.15296988) — not Jiang County"),
    "jura": gettext_noop("Swiss Jura topsoil (Atteia et al. 1994; gstat jura.pred) — not Jiang County"),
    "meuse": gettext_noop("Meuse floodplain, Netherlands (Rikken & Van Rijn 1993; gstat meuse.all) — not Jiang County"),
    "tccb": gettext_noop("US cleanup site TcCB (USEPA 1994b, EnvStats EPA.94b.tccb.df) — not Jiang County"),
    "skagit": gettext_noop("Skagit River at Marblemount, WA, USA, NH3-N 1978–2010 (EnvStats Skagit.NH3_N.df) — "
                           "not Jiang County"),
    "millard_deverel": gettext_noop("San Joaquin Valley, CA, USA, shallow groundwater Cu/Zn (Millard & Deverel 1988; "
                                    "EnvStats) — not Jiang County"),
    "ace_tce": gettext_noop("USACE EM 200-1-16 (2013) example, TCE at 10 wells before/after remediation (EnvStats) — "
                            "not Jiang County"),
}

#: What a page calls each bundled dataset.
NAMES = {
    "basel": _("Basel-Stadt groundwater (Switzerland)"),
    "dagu": _("Dagu River basin groundwater (Qingdao)"),
    "jianghan": _("Jianghan Plain groundwater (Hubei)"),
    "gwsdat_basic": _("GWSDAT basic example"),
    "gwsdat_comprehensive": _("GWSDAT comprehensive example"),
    "hunan_cropland": _("Southern Hunan cropland soil cadmium"),
    "sinu": _("Sinú River floodplain soils (Colombia)"),
    "jura": _("Swiss Jura topsoil"),
    "meuse": _("Meuse floodplain soils (Netherlands)"),
    "tccb": _("US cleanup site TcCB"),
    "skagit": _("Skagit River ammonia nitrogen (USA)"),
    "millard_deverel": _("San Joaquin Valley shallow groundwater Cu/Zn (USA)"),
    "ace_tce": _("USACE TCE example (10 wells)"),
}


def dataset_name(label: str) -> str:
    """The name a page shows for a dataset label: the bundled dataset's name, else the label as typed."""
    return str(NAMES.get(label, label))


def dataset_origin(label: str, stored: str = "") -> str:
    """Where a dataset's data come from, as a page says it: a bundled dataset's origin in the active language,
    else ``stored`` (the points' ``origin`` as imported)."""
    return gettext(ORIGINS[label]) if label in ORIGINS else str(stored or "")
