"""Small builders for enterprise records used by the enterprises and obligation tests."""

from __future__ import annotations

import datetime as dt

from soilgw.enterprises import credit_code
from soilgw.enterprises.models import Enterprise

#: Unified social credit code of 华为技术有限公司 as published (zh.wikipedia.org, 華為 infobox, 機構代碼);
#: a real code whose check character GB 32100-2015 confirms.
REAL_CODE = "914403001922038216"


def code(i: int) -> str:
    first17 = f"91140826MA{i:06d}Y"
    return first17 + credit_code.check_character(first17)


def enterprise(i: int = 1, **extra) -> Enterprise:
    defaults = {"name": f"测试企业{i}", "credit_code": code(i), "lon": 111.60, "lat": 35.50}
    return Enterprise.objects.create(**{**defaults, **extra})


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
