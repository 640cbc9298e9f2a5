"""Bundled data of the sites app: the land-use code table and the 示例 sample sites."""

from __future__ import annotations

import csv
import io
from importlib import resources

from soilgw.core.loaders import register_loader

from .models import LandUseCode

CODES_FILE = "land_use_codes.csv"


def read_codes() -> list[dict]:
    text = (resources.files("soilgw.sites.data") / CODES_FILE).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@register_loader("land-use-codes")
def load_land_use_codes() -> str:
    """``data/land_use_codes.csv`` → LandUseCode (idempotent on system + code)."""
    rows = read_codes()
    existing = {(c.system, c.code): c for c in LandUseCode.objects.all()}
    new, changed = [], []
    for r in rows:
        values = dict(name_zh=r["name_zh"], name_en=r["name_en"], group=r["group"],
                      gb36600_class=r["gb36600_class"], sensitive_use=r["sensitive_use"] == "true",
                      class_basis=r["class_basis"], sensitive_basis=r["sensitive_basis"],
                      verified=r["verified"] == "true", note=r["note"])
        obj = existing.get((r["system"], r["code"]))
        if obj is None:
            new.append(LandUseCode(system=r["system"], code=r["code"], **values))
        else:
            for k, v in values.items():
                setattr(obj, k, v)
            changed.append(obj)
    LandUseCode.objects.bulk_create(new)
    if changed:
        LandUseCode.objects.bulk_update(changed, list(values))
    return f"{len(new)} land-use codes added, {len(changed)} updated"


from . import samples  # noqa: E402,F401  registers the sample-site loader
