"""Anchor values of the printed standards (issue 3 list), table sizes, and catalogue coverage.

Every expected number below is typed from the standard's printed table, not read from the shipped file:
GB 15618-2018 Tables 1–3, GB 36600-2018 Table 1, GB/T 14848-2017 Table 1–2, GB 2762-2022 Table 2,
GB 3838-2002 Table 1. Values compare with rtol=1e-12 (they are exact decimals as printed).
"""

import numpy as np
import pytest

from soilgw.standards.analytes import lookup
from soilgw.standards.limits import gb3838, gb15618, gb36600, gbt14848
from soilgw.standards.loader import available_tables, load_table

PADDY, OTHER, ORCHARD, ROTATION = 0, 1, 2, 3


def _s(code, land):
    lim = gb15618()
    return lim.screening[lim.codes.index(code), land]


def _g(code):
    lim = gb15618()
    return lim.intervention[lim.codes.index(code)]


@pytest.mark.parametrize(
    ("code", "land", "expected"),
    [
        ("cd", PADDY, [0.3, 0.4, 0.6, 0.8]),  # GB 15618-2018 Table 1, 镉 水田
        ("cd", OTHER, [0.3, 0.3, 0.3, 0.6]),  # Table 1, 镉 其他
        ("hg", OTHER, [1.3, 1.8, 2.4, 3.4]),  # Table 1, 汞 其他
        ("as", PADDY, [30, 30, 25, 20]),  # Table 1, 砷 水田
        ("cu", ORCHARD, [150, 150, 200, 200]),  # Table 1, 铜 果园
        ("cu", OTHER, [50, 50, 100, 100]),  # Table 1, 铜 其他
        ("benzo_a_pyrene", PADDY, [0.55] * 4),  # Table 2, 苯并[a]芘
    ],
)
def test_gb15618_screening(code, land, expected):
    np.testing.assert_allclose(_s(code, land), expected, rtol=1e-12)


def test_gb15618_intervention_and_rotation():
    np.testing.assert_allclose(_g("cd"), [1.5, 2.0, 3.0, 4.0], rtol=1e-12)  # Table 3, 镉
    np.testing.assert_allclose(_g("pb"), [400, 500, 700, 1000], rtol=1e-12)  # Table 3, 铅
    # Rotation (Table 1 footnote b): the stricter of 水田 and 其他 — Cd paddy 0.3/0.4/0.6/0.8 vs other
    # 0.3/0.3/0.3/0.6 → 0.3/0.3/0.3/0.6; As paddy 30/30/25/20 vs other 40/40/30/25 → paddy.
    np.testing.assert_allclose(_s("cd", ROTATION), [0.3, 0.3, 0.3, 0.6], rtol=1e-12)
    np.testing.assert_allclose(_s("as", ROTATION), [30, 30, 25, 20], rtol=1e-12)
    assert np.isnan(_g("cu")).all()  # Cu has no intervention value (Table 3 lists Cd, Hg, As, Pb, Cr)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("苯", [1, 4, 10, 40]),
        ("三氯乙烯", [0.7, 2.8, 7, 20]),
        ("砷", [20, 60, 120, 140]),
        ("六价铬", [3.0, 5.7, 30, 78]),
        ("铅", [400, 800, 800, 2500]),
    ],
)
def test_gb36600_anchor_values(name, expected):
    """GB 36600-2018 Table 1: screening class 1/2, intervention class 1/2 [mg/kg]."""
    lim = gb36600()
    i = lim.codes.index(lookup(name).code)
    got = [*lim.screening[i], *lim.intervention[i]]
    np.testing.assert_allclose(got, expected, rtol=1e-12)


@pytest.mark.parametrize(
    ("name", "unit", "expected"),
    [
        ("硝酸盐(以N计)", "mg/L", [2, 5, 20, 30]),
        ("砷", "mg/L", [0.001, 0.001, 0.01, 0.05]),
        ("苯", "μg/L", [0.5, 1.0, 10.0, 120]),
        ("氟化物", "mg/L", [1.0, 1.0, 1.0, 2.0]),
        ("溶解性总固体", "mg/L", [300, 500, 1000, 2000]),
    ],
)
def test_gbt14848_anchor_values(name, unit, expected):
    """GB/T 14848-2017 Tables 1–2: upper limits of classes I–IV."""
    lim = gbt14848()
    i = lim.codes.index(lookup(name).code)
    assert lim.units[i] == unit
    np.testing.assert_allclose(lim.bounds[i, :4], expected, rtol=1e-12)


def test_gb2762_rice_cadmium():
    """GB 2762-2022 Table 2: 稻谷、糙米、大米(粉) cadmium 0.2 mg/kg."""
    t = load_table("gb2762_2022")
    row = t[(t["analyte_code"] == "cd") & (t["food_category_zh"] == "稻谷、糙米、大米(粉)")]
    assert float(row["limit_mg_per_kg"].iloc[0]) == pytest.approx(0.2, rel=1e-12)


def test_gb3838_anchor_values():
    """GB 3838-2002 Table 1: COD ≤15/15/20/30/40; DO ≥7.5/6/5/3/2; Hg ≤0.00005/0.00005/0.0001/0.001/0.001."""
    lim = gb3838()
    for name, expected in (("化学需氧量", [15, 15, 20, 30, 40]), ("溶解氧", [7.5, 6, 5, 3, 2]),
                           ("汞", [0.00005, 0.00005, 0.0001, 0.001, 0.001])):
        np.testing.assert_allclose(lim.bounds[lim.codes.index(lookup(name).code)], expected, rtol=1e-12)
    assert len(lim.codes) == 25  # 24 items, total phosphorus printed for rivers and for lakes


def test_row_counts():
    assert len(load_table("gb36600_2018")) == 85  # 45 (Table 1) + 40 (Table 2)
    assert len(load_table("gbt14848_2017")) == 93  # 39 conventional + 54 non-conventional


@pytest.mark.parametrize("table", ["gb15618_2018", "gb36600_2018", "gbt14848_2017", "gb5084_2021",
                                   "gb2762_2022", "gb3838_2002"])
def test_every_table_row_resolves_in_the_catalogue(table):
    t = load_table(table)
    name_col = "name_zh" if "name_zh" in t else "metal"
    for name, code in zip(t[name_col], t["analyte_code"], strict=True):
        if name_col == "name_zh":
            assert lookup(name).code == code, name
    assert {"verified"} <= set(t.columns)
    assert set(t["verified"]) <= {"true", "false"}


def test_loader_error_names_table_and_listing():
    assert "gb3838_2002" in available_tables()
    with pytest.raises(KeyError, match="available_tables"):
        load_table("gb9999_2099")


def test_gbt14848_table_split():
    """GB/T 14848-2017: 39 conventional indicators in Table 1, 54 non-conventional in Table 2."""
    lim = gbt14848()
    assert lim.tables.count("表1") == 39 and lim.tables.count("表2") == 54
