"""A valid quarterly progress report row and the workbook a township sends (import and job tests)."""

from __future__ import annotations

import io

import pandas as pd

GOOD = {"计划": "土壤", "任务编号": 1, "部门": "市生态环境局绛县分局", "年度": 2023, "季度": 3, "状态": "进行中",
        "完成比例(%)": 50, "进展情况": "名录已更新"}


def progress_xlsx(rows) -> bytes:
    """Rows (dicts keyed by the Chinese headers) as the one-sheet workbook 季度进展."""
    buf = io.BytesIO()
    pd.DataFrame(rows).to_excel(buf, index=False, sheet_name="季度进展")
    return buf.getvalue()
