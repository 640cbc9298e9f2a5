"""Analyte catalogue: aliases named in issue 3 and the shared-interface contract (COMMON brief)."""

import pytest

from soilgw.standards.analytes import UnknownAnalyteError, all_analytes, fold_name, lookup, lookup_many


@pytest.mark.parametrize(
    ("names", "code"),
    [
        (["镉", "Cd", "cadmium", "CADMIUM", "7440-43-9", "总镉"], "cd"),
        (["六价铬", "Cr(VI)", "chromium(VI)", "铬（六价）", "铬(六价)", "18540-29-9"], "cr_vi"),
        (["硝酸盐(以N计)", "硝酸盐（以N计）", "nitrate as N", "NO3-N"], "nitrate_n"),
        (["耗氧量", "CODMn", "高锰酸盐指数", "耗氧量（CODMn法，以O2计）"], "codmn"),
        (["苯并[a]芘", "苯并(a)芘", "benzo[a]pyrene", "BaP", "50-32-8", "苯并［ａ］芘"], "benzo_a_pyrene"),
        (["间二甲苯+对二甲苯", "间-二甲苯+对-二甲苯", "108-38-3", "106-42-3"], "xylene_mp"),
        (["三氯乙烯", "TCE", "trichloroethylene", "79-01-6", "Trichlorethen"], "trichloroethylene"),
        (["pH", "ph", "ＰＨ"], "ph"),
    ],
)
def test_aliases_resolve_to_one_code(names, code):
    assert {lookup(n).code for n in names} == {code}


def test_folding_handles_width_case_spacing():
    assert fold_name("Ｃｄ") == fold_name("cd") == fold_name(" C d ")


def test_unknown_analyte_lists_closest_names():
    with pytest.raises(UnknownAnalyteError, match="closest known names: 'Cadmium'"):
        lookup("cadmum")
    assert issubclass(UnknownAnalyteError, KeyError) and issubclass(UnknownAnalyteError, ValueError)


def test_lookup_many_and_dimensions():
    got = lookup_many(["Cd", "浑浊度", "总大肠菌群", "总α放射性", "色", "嗅和味", "pH"])
    assert [a.dimension for a in got] == [
        "mass_concentration", "turbidity", "count", "radioactivity", "colour", "qualitative", "ph"]
    assert "mass_fraction" in got[0].unit_dimensions


def test_catalogue_fields_are_filled():
    for a in all_analytes():
        assert a.code and a.name_zh and a.name_en, a
