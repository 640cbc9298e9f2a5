"""Shape a stored assessment for the page and the reports (no computation: only the stored records)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Pathway code → label (HJ 25.3-2019 §5), then the per-medium totals.
PATHWAY_LABELS = {
    "ois": _("oral ingestion of soil"),
    "dcs": _("dermal contact with soil"),
    "pis": _("inhalation of soil particles"),
    "iov1": _("outdoor vapour from surface soil"),
    "iov2": _("outdoor vapour from subsurface soil"),
    "iiv1": _("indoor vapour from subsurface soil"),
    "iov3": _("outdoor vapour from groundwater"),
    "iiv2": _("indoor vapour from groundwater"),
    "cgw": _("drinking groundwater"),
    "soil_total": _("soil pathways, total"),
    "groundwater_total": _("groundwater pathways, total"),
}
TOTALS = ("soil_total", "groundwater_total")
#: The effect that sets the soil control value (``governing`` of ``risk.control_values``).
GOVERNING_LABELS = {"carcinogenic": _("carcinogenic"), "non-carcinogenic": _("non-carcinogenic")}
#: A sensitivity change smaller than this [%] is shown as no effect (floating-point noise).
SENSITIVITY_FLOOR_PCT = 1e-9


def chemicals(obj) -> list[dict]:
    """Per chemical: inputs, pathway rows, the two totals, control values and flags."""
    cv = {r["chemical"]: r for r in obj.control_values}
    out = []
    for conc in obj.concentrations:
        name = conc["chemical"]
        rows = [r for r in obj.results if r["chemical"] == name]
        pathway_rows = [{**r, "label": PATHWAY_LABELS[r["pathway"]]} for r in rows if r["pathway"] not in TOTALS]
        totals = {r["pathway"]: {**r, "label": PATHWAY_LABELS[r["pathway"]]} for r in rows if r["pathway"] in TOTALS}
        out.append({
            "input": conc, "name": name, "name_zh": conc.get("name_zh", ""), "cas": conc.get("cas", ""),
            "pathways": pathway_rows, "soil_total": totals.get("soil_total"),
            "groundwater_total": totals.get("groundwater_total"), "control": cv.get(name, {}),
            "governing": GOVERNING_LABELS.get(cv.get(name, {}).get("governing"), ""),
            "above_csat": any(r.get("above_csat") for r in pathway_rows),
            "reason": next((r["reason"] for r in rows if r.get("reason")), ""),
        })
    return out


def chart_data(obj) -> dict:
    """Pathway contributions [%] to the soil and groundwater totals of CR and HQ, per chemical (for plotly)."""
    names = [c["chemical"] for c in obj.concentrations]
    series = []
    for code, label in PATHWAY_LABELS.items():
        if code in TOTALS:
            continue
        by_chem = {r["chemical"]: r for r in obj.results if r["pathway"] == code}
        series.append({
            "code": code, "label": str(label),
            "cr_pct": [by_chem.get(n, {}).get("cr_contribution_pct") for n in names],
            "hq_pct": [by_chem.get(n, {}).get("hq_contribution_pct") for n in names],
            "cr": [by_chem.get(n, {}).get("carcinogenic_risk") for n in names],
            "hq": [by_chem.get(n, {}).get("hazard_quotient") for n in names],
        })
    return {"chemicals": names, "pathways": series}


def sensitivity(obj) -> list[dict]:
    """Per chemical, the parameters that change total CR or HI, largest effect first.

    Each row: ``parameter, unit, base_value, cr_minus, cr_plus, hi_minus, hi_plus`` (change [%] when the
    parameter moves by −/+ the stored delta). ``None`` = not defined (no risk of that kind, or a perturbation
    that leaves the soil without air-filled porosity).
    """
    table: dict[str, dict[str, dict]] = {}
    for r in obj.sensitivity:
        row = table.setdefault(r["chemical"], {}).setdefault(r["parameter"], {
            "parameter": r["parameter"], "unit": r["unit"], "base_value": r["base_value"]})
        side = "minus" if r["direction"] == "-" else "plus"
        row[f"cr_{side}"] = r["cr_change_pct"]
        row[f"hi_{side}"] = r["hi_change_pct"]
    out = []
    for chem, rows in table.items():
        def effect(row):
            return max(abs(row.get(k) or 0.0) for k in ("cr_minus", "cr_plus", "hi_minus", "hi_plus"))
        kept = sorted((r for r in rows.values() if effect(r) > SENSITIVITY_FLOOR_PCT), key=effect, reverse=True)
        out.append({"chemical": chem, "rows": kept, "unaffected": sorted(p for p, r in rows.items()
                                                                          if effect(r) <= SENSITIVITY_FLOOR_PCT)})
    return out
