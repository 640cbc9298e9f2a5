"""The Piper page draws only samples that pass the shipped ion-balance QA rule and lists the others."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

#: Two samples of JX-01 with the same cations (4.096 meq/L: Ca 40 mg/L = 1.996, Mg 12.15 = 1.000, Na 23 = 1.000,
#: K 3.91 = 0.100). S-OK has anions of 4.100 meq/L (HCO3 183 = 2.999, Cl 35.45 = 1.000, SO4 4.8 = 0.100):
#: CBE ≈ −0.05 %; S-BAD has HCO3 61 (1.000 meq/L): anions 2.100, CBE = (4.096 − 2.100)/6.196 ≈ +32 %.
IONS = {"ca": 40, "mg": 12.15, "na": 23, "k": 3.91, "chloride": 35.45, "sulfate": 4.8}
ROWS = "\n".join(f"JX-01,{s},2023-0{m}-06,{a},{v},mg/L,0.01"
                 for s, m, hco3 in (("S-OK", 5, 183), ("S-BAD", 6, 61))
                 for a, v in {**IONS, "hco3": hco3}.items())
CSV = "点位编号,样品编号,采样日期,检测项目,检测结果,单位,检出限\n" + ROWS + "\n"


def test_sample_failing_the_ion_balance_is_listed_not_drawn(mappings, points, editor, upload, client):
    batch = upload("lab_results", "ions.csv", CSV, editor)
    assert batch.status == "accepted", batch.report
    client.force_login(editor)
    resp = client.get("/monitoring/piper/?dataset=county", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert resp.context["n"] == 1
    assert [(e["sample"], e["point"]) for e in resp.context["excluded"]] == [("S-BAD", "JX-01")]
    assert resp.context["excluded"][0]["cbe_percent"] == pytest.approx(32.2, abs=0.1)
    assert "S-BAD" in resp.content.decode() and resp.context["limit_percent"] == 5
