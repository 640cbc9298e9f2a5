"""The batch land-action check: an Excel/CSV list of parcels, each answered and logged by the gate engine.

A parcel that matches no site is checked without one: the rules then block a sensitive use (R2: no
investigation) and allow any other use with the warning ``no_site_record``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

from soilgw.core.imports import Problem, read_sheets

from . import gates
from .choices import Action, CheckSource
from .models import LandUseCode, Site
from .models.codes import UnknownLandUseError

HEADERS = {"parcel_code": ("地块编号", "parcel_code", "宗地编号"), "proposed_use": ("拟用途", "proposed_use", "用途"),
           "action": ("事项", "action")}
ACTION_WORDS = {"收回": Action.RECOVERY, "收购": Action.ACQUISITION, "供应": Action.SUPPLY, "供地": Action.SUPPLY,
                "改变用途": Action.USE_CHANGE, "用途变更": Action.USE_CHANGE, "规划许可": Action.PLANNING_PERMIT,
                "开工建设": Action.CONSTRUCTION, **{a: a for a in Action.values}}


def template_xlsx() -> bytes:
    """The parcel-list template: Chinese headers and one example row."""
    import pandas as pd

    from soilgw.core.xlsx import frames_to_xlsx

    return frames_to_xlsx({"地块清单": pd.DataFrame([["JX-2023-001", "R2", "供应"]],
                                                    columns=[h[0] for h in HEADERS.values()])})


def parse_parcels(content: bytes, filename: str) -> tuple[list[dict], list[Problem]]:
    """Rows ``{parcel_code, proposed_use, action, row}`` and every problem (file, sheet, row, column)."""
    index = {h.lower(): f for f, hs in HEADERS.items() for h in hs}
    rows, problems = [], []
    suffix = Path(filename).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(content)
        tmp.flush()
        sheets = read_sheets(Path(tmp.name), filename)
    for sheet, df in sheets.items():
        df = df.rename(columns=lambda c: index.get(str(c).strip().lower(), str(c).strip()))
        missing = [HEADERS[c][0] for c in ("parcel_code", "proposed_use") if c not in df.columns]
        if missing:
            problems.append(Problem(_("missing column(s): %(columns)s") % {"columns": "、".join(missing)},
                                    filename, sheet, 1))
            continue
        for i, rec in enumerate(df.to_dict("records")):
            row = i + 2
            code = str(rec.get("parcel_code") or "").strip()
            use = str(rec.get("proposed_use") or "").strip()
            action = ACTION_WORDS.get(str(rec.get("action") or "supply").strip())
            if not code:
                problems.append(Problem(_("the parcel code is empty"), filename, sheet, row, HEADERS["parcel_code"][0]))
            if action is None:
                words = "、".join(w for w in ACTION_WORDS if w not in Action.values)
                problems.append(Problem(_("unknown action '%(text)s'; use %(words)s") % {"text": rec.get("action"),
                                                                                       "words": words},
                                        filename, sheet, row, HEADERS["action"][0]))
            try:
                LandUseCode.resolve(use)
            except UnknownLandUseError as exc:
                problems.append(Problem(str(exc), filename, sheet, row, HEADERS["proposed_use"][0]))
            rows.append({"row": row, "sheet": sheet, "parcel_code": code, "proposed_use": use, "action": action})
    return rows, problems


def run_batch(rows: list[dict], user) -> list[dict]:
    """Check each row (logged with source ``batch``); returns the rows with their answers."""
    sites = Site.objects.in_bulk([r["parcel_code"] for r in rows], field_name="parcel_code")
    out = []
    for r in rows:
        check = gates.check(sites.get(r["parcel_code"]), r["action"], r["proposed_use"],
                            parcel_code=r["parcel_code"], user=user, source=CheckSource.BATCH)
        out.append({**r, "site_id": check.site_id, **check.as_answer()})
    return out
