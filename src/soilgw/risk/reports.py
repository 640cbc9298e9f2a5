"""Excel (openpyxl) and Word (python-docx) reports of a stored assessment.

Both list the inputs, every exposure/site and chemical parameter with its value, unit, source, source id and
whether it was verified, the risk per pathway with totals, the control values and the sensitivity table, so a
reviewer can retrace the decision.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from soilgw.core.docx import new_document
from soilgw.core.xlsx import text_only

from . import presentation
from .services import CONCENTRATION_FIELDS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

PARAMETER_COLUMNS = ["symbol", "name_zh", "name_en", "unit", "value", "default", "overridden", "source", "source_id",
                     "verified"]
CHEMICAL_PARAMETER_COLUMNS = ["chemical", "cas", "parameter", "value", "unit", "source", "source_id", "tox_keys",
                              "verified"]
RESULT_COLUMNS = ["chemical", "cas", "pathway", "pathway_zh", "medium", "concentration", "unit", "exposure_ca",
                  "exposure_nc", "carcinogenic_risk", "hazard_quotient", "cr_contribution_pct", "hq_contribution_pct",
                  "exceeds_acr", "exceeds_ahq", "above_csat", "reason"]
CONTROL_COLUMNS = ["chemical", "name_zh", "cas", "gb36600_item", "rcvs_mg_per_kg", "hcvs_mg_per_kg",
                   "control_value_mg_per_kg", "governing", "rcvg_mg_per_l", "hcvg_mg_per_l",
                   "groundwater_control_value_mg_per_l", "csat_mg_per_kg", "above_csat", "verified", "reason"]
SENSITIVITY_COLUMNS = ["chemical", "parameter", "unit", "direction", "base_value", "perturbed_value", "total_cr_base",
                       "total_cr", "cr_change_pct", "hi_base", "hi", "hi_change_pct"]


def summary(obj) -> list[tuple[str, object]]:
    """Label → value pairs describing the assessment (first sheet / first table)."""
    who = obj.created_by.get_username() if obj.created_by else ""
    return [
        (_("Title"), obj.title), (_("Land class"), obj.get_land_class_display()),
        (_("Method"), obj.get_method_display()), (_("Standard and clauses"), obj.standard),
        (_("SoilGW version"), obj.core_version),
        (_("Computed at"), obj.computed_at.isoformat(timespec="seconds") if obj.computed_at else ""),
        (_("Created by"), who), (_("Department"), str(obj.department or "")),
        (_("Highest total carcinogenic risk"), obj.max_carcinogenic_risk),
        (_("Highest hazard index"), obj.max_hazard_index),
        (_("Exceeds acceptable level"), obj.exceeds_acceptable),
        (_("All parameters verified"), obj.parameters_verified),
        (_("Overrides"), ", ".join(f"{k} = {v}" for k, v in obj.overrides.items()) or _("none (standard defaults)")),
        (_("Notes"), obj.notes),
    ]


def _sheets(obj) -> list[tuple[str, list[str], list[list]]]:
    conc_cols = ["query", "chemical", "name_zh", "cas", *CONCENTRATION_FIELDS]
    return [
        (_("Concentrations"), conc_cols, [[r.get(c) for c in conc_cols] for r in obj.concentrations]),
        (_("Risk per pathway"), RESULT_COLUMNS, [[r.get(c) for c in RESULT_COLUMNS] for r in obj.results]),
        (_("Control values"), CONTROL_COLUMNS, [[r.get(c) for c in CONTROL_COLUMNS] for r in obj.control_values]),
        (_("Parameters"), PARAMETER_COLUMNS, [[r.get(c) for c in PARAMETER_COLUMNS] for r in obj.parameters]),
        (_("Chemical parameters"), CHEMICAL_PARAMETER_COLUMNS,
         [[r.get(c) for c in CHEMICAL_PARAMETER_COLUMNS] for r in obj.chemical_parameters]),
        (_("Sensitivity"), SENSITIVITY_COLUMNS, [[r.get(c) for c in SENSITIVITY_COLUMNS] for r in obj.sensitivity]),
    ]


def xlsx(obj) -> bytes:
    """The Excel report: a summary sheet, then one sheet per table."""
    wb = Workbook()
    ws = wb.active
    ws.title = _("Summary")
    for label, value in summary(obj):
        ws.append([str(label), value if isinstance(value, (int, float, bool)) or value is None else str(value)])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    for title, columns, rows in _sheets(obj):
        sheet = wb.create_sheet(str(title)[:31])
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    text_only(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return f"{value:.3g}" if 1e-3 <= abs(value) < 1e5 or value == 0 else f"{value:.2E}"
    return str(value)


def _table(doc, columns: list[str], rows: list[list]) -> None:
    # All rows at once: python-docx's add_row() copies the table grid each time (quadratic on long tables).
    table = doc.add_table(rows=len(rows) + 1, cols=len(columns))
    table.style = "Table Grid"
    for row, values in zip(table.rows, [columns, *rows], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value if isinstance(value, str) else _cell(value)


def docx(obj) -> bytes:
    """The Word report (A4, :func:`soilgw.core.docx.new_document`): summary, unverified parameters, results,
    control values, sensitivity, parameters."""
    doc = new_document(font_size=Pt(9))  # 小五: the wide tables need it
    doc.add_heading(_("Health risk assessment: %(title)s") % {"title": obj.title}, level=1)
    _table(doc, [_("Item"), _("Value")], [[str(k), v] for k, v in summary(obj)])
    title, columns, rows = _sheets(obj)[0]
    doc.add_heading(str(title), level=2)
    _table(doc, columns, rows)
    unverified = obj.unverified_parameters
    doc.add_heading(_("Parameters not verified against a second source"), level=2)
    if unverified:
        doc.add_paragraph(_("These values were used but carry verified = false in the shipped tables; the results "
                            "that depend on them are provisional."))
        _table(doc, ["symbol / chemical", "parameter", "value", "source", "source_id"],
               [[r.get("symbol") or r.get("chemical"), r.get("name_en") or r.get("parameter"), r.get("value"),
                 r.get("source"), r.get("source_id")] for r in unverified])
    else:
        doc.add_paragraph(_("All parameters used are verified."))
    doc.add_heading(_("Risk per pathway"), level=2)
    for chem in presentation.chemicals(obj):
        doc.add_heading(f"{chem['name']} {chem['name_zh']} ({chem['cas']})", level=3)
        rows = [[str(r["label"]), r["concentration"], r["carcinogenic_risk"], r["hazard_quotient"],
                 r["above_csat"]] for r in chem["pathways"]]
        rows += [[str(t["label"]), None, t["carcinogenic_risk"], t["hazard_quotient"], None]
                 for t in (chem["soil_total"], chem["groundwater_total"]) if t]
        _table(doc, [_("Pathway"), _("Concentration"), "CR", "HQ", _("Above saturation")], rows)
        if chem["reason"]:
            doc.add_paragraph(chem["reason"])
    doc.add_heading(_("Control values"), level=2)
    cols = ["chemical", "rcvs_mg_per_kg", "hcvs_mg_per_kg", "control_value_mg_per_kg", "rcvg_mg_per_l",
            "hcvg_mg_per_l", "csat_mg_per_kg", "above_csat"]
    _table(doc, cols, [[r.get(c) for c in cols] for r in obj.control_values])
    doc.add_heading(_("Sensitivity (one parameter at a time, ±20 %)"), level=2)
    doc.add_paragraph(_("Change of total CR and HI [%] when the parameter moves by −20 % / +20 %; parameters "
                        "without effect are omitted (the Excel report lists every perturbation)."))
    for chem in presentation.sensitivity(obj):
        doc.add_heading(chem["chemical"], level=3)
        if not chem["rows"]:
            doc.add_paragraph(_("No risk to vary: the chemical has no toxicity value, or its concentrations are zero."))
            continue
        keys = ["parameter", "unit", "base_value", "cr_minus", "cr_plus", "hi_minus", "hi_plus"]
        _table(doc, ["parameter", "unit", "value", "CR −20 %", "CR +20 %", "HI −20 %", "HI +20 %"],
               [[r.get(k) for k in keys] for r in chem["rows"]])
    for title, columns, rows in _sheets(obj)[3:5]:
        doc.add_heading(str(title), level=2)
        _table(doc, columns, rows)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
