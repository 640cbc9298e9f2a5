"""The shipped land-use code table: two independent attributes per code.

Expected values: GB 36600-2018 §4 (first-class land: R, A33, A5, A6, community and children's parks in G1;
second-class: M, W, B, S, U, A except A33/A5/A6, G except those parks) as transcribed in
shared/standards/notes/gb36600_land_classes.md; 一住两公 = 住宅、公共管理与公共服务 (seed, soil task 8).
"""

from __future__ import annotations

import pytest

from soilgw.sites.loaders import load_land_use_codes, read_codes
from soilgw.sites.models import LandUseCode
from soilgw.sites.models.codes import UnknownLandUseError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code, land_class, sensitive", [
    ("R", "class_1", True), ("R22", "class_1", True),
    ("A33", "class_1", True), ("A5", "class_1", True), ("A6", "class_1", True),
    ("A1", "class_2", True),  # administrative offices: second-class land but a sensitive use
    ("A31", "class_2", True),
    ("G12", "class_1", False),  # community park: first-class land, not 一住两公
    ("G1", "class_2", False), ("M2", "class_2", False), ("W1", "class_2", False), ("B1", "class_2", False),
    ("0701", "class_1", True), ("0801", "class_2", True), ("080403", "class_1", True), ("0806", "class_1", True),
    ("1001", "class_2", False),
])
def test_class_and_sensitive_use_are_independent(codes, code, land_class, sensitive):
    c = LandUseCode.resolve(code)
    assert (c.gb36600_class, c.sensitive_use) == (land_class, sensitive)


def test_every_row_cites_its_basis_and_unverified_rows_say_so(codes):
    rows = read_codes()
    assert len({(r["system"], r["code"]) for r in rows}) == len(rows)
    for r in rows:
        if r["gb36600_class"]:
            assert r["class_basis"].startswith("GB 36600-2018 §4"), r["code"]
        assert r["sensitive_basis"] == "seed soil task 8 (一住两公)"
        assert r["verified"] in ("true", "false")
    assert {r["code"] for r in rows if r["verified"] == "true"} == {"0804"}


def test_resolve_by_name_and_system_and_unknown(codes):
    assert LandUseCode.resolve("中小学用地").gb36600_class == "class_1"
    assert LandUseCode.resolve("national:0804").name_zh == "教育用地"
    with pytest.raises(UnknownLandUseError, match="unknown land use"):
        LandUseCode.resolve("Z9")


def test_loader_is_idempotent(codes):
    n = LandUseCode.objects.count()
    assert "0 land-use codes added" in load_land_use_codes()
    assert LandUseCode.objects.count() == n == len(read_codes())
