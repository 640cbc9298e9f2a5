"""The lifecycle rules: stages in order, accepted reports before moving on, register entry and exit decisions,
the groundwater section (groundwater task 11) and the notifications to the natural resources bureau."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from soilgw.sites.choices import Conclusion, Stage
from soilgw.sites.models import Notification, RegisterEntry, StageRecord

pytestmark = pytest.mark.django_db
d = dt.date


def record(site, stage, **kw):
    r = StageRecord(site=site, stage=stage, started_on=kw.pop("started_on", d(2023, 3, 1)), **kw)
    r.full_clean()
    r.save()
    return r


def test_a_stage_cannot_be_skipped(make_site):
    site = make_site("L-1")
    with pytest.raises(ValidationError, match="can move only to"):
        record(site, Stage.RISK_ASSESSMENT)


def test_the_next_stage_needs_an_accepted_report(make_site, pool):
    site = make_site("L-2")
    r = record(site, Stage.PRELIMINARY, practitioner=pool[0])
    with pytest.raises(ValidationError, match="accepted by the expert review"):
        record(site, Stage.DETAILED)
    r.review, r.reviewed_on, r.completed_on, r.conclusion = "accepted", d(2023, 4, 1), d(2023, 4, 1), "investigate"
    r.full_clean()
    r.save()
    record(site, Stage.DETAILED)
    site.refresh_from_db()
    assert site.stage == Stage.DETAILED and site.stage_since == d(2023, 3, 1)


def test_register_stages_only_through_a_register_decision(make_site, walk):
    site = walk(make_site("L-3"), Stage.RISK_ASSESSMENT)
    with pytest.raises(ValidationError, match="register decision"):
        record(site, Stage.ON_REGISTER)


def test_entry_needs_an_accepted_unacceptable_risk(make_site, walk):
    site = walk(make_site("L-4"), Stage.RISK_ASSESSMENT, last_conclusion=Conclusion.ACCEPTABLE)
    with pytest.raises(ValidationError, match="risk unacceptable"):
        RegisterEntry(site=site, entered_on=d(2023, 9, 1), entry_basis="x").full_clean()


def test_exit_needs_targets_met_and_a_second_entry_is_refused(make_site, walk):
    site = walk(make_site("L-5"), Stage.EVALUATION, last_conclusion=Conclusion.TARGETS_NOT_MET)
    entry = site.open_register_entry()
    with pytest.raises(ValidationError, match="already on the register"):
        RegisterEntry(site=site, entered_on=d(2024, 1, 1), entry_basis="x").full_clean()
    entry.exited_on, entry.exit_basis = d(2024, 6, 1), "y"
    with pytest.raises(ValidationError, match="targets met"):
        entry.full_clean()


def test_a_failed_evaluation_goes_back_to_remediation(make_site, walk):
    site = walk(make_site("L-6"), Stage.EVALUATION, last_conclusion=Conclusion.TARGETS_NOT_MET)
    record(site, Stage.CONTROL, started_on=d(2024, 2, 1))
    site.refresh_from_db()
    assert site.stage == Stage.CONTROL


def test_whole_lifecycle_to_post_management(make_site, walk):
    site = walk(make_site("L-7"), Stage.POST)
    assert site.stage == Stage.POST
    entry = site.register_entries.get()
    assert entry.exited_on is not None
    assert [r.stage for r in site.stage_records.order_by("started_on")] == [
        Stage.PRELIMINARY, Stage.DETAILED, Stage.RISK_ASSESSMENT, Stage.ON_REGISTER, Stage.CONTROL,
        Stage.EVALUATION, Stage.OFF_REGISTER, Stage.POST]


def test_groundwater_section_needs_groundwater_sampled_and_known_pathways(make_site):
    site = make_site("L-8")
    with pytest.raises(ValidationError) as exc:
        record(site, Stage.PRELIMINARY, groundwater_classes="IV")
    assert "groundwater_sampled" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        record(site, Stage.PRELIMINARY, groundwater_sampled=True, groundwater_pathways="drink_gw、swim_gw")
    assert "groundwater_pathways" in exc.value.message_dict
    ok = record(site, Stage.PRELIMINARY, groundwater_sampled=True, groundwater_classes="IV",
                groundwater_pathways="drink_gw、inhale_indoor_gw")
    assert ok.groundwater_pathways == "inhale_indoor_gw、drink_gw"  # stored in the choice list's order


def test_pathways_are_read_by_their_chinese_names_and_shown_by_name(make_site):
    """A lab or consultant writes the HJ 25.3 pathway names, not codes; the page shows names back."""
    site = make_site("L-8b")
    ok = record(site, Stage.PRELIMINARY, groundwater_sampled=True, groundwater_classes="III",
                groundwater_pathways="饮用地下水，吸入室外空气中来自地下水的气态污染物")
    assert ok.groundwater_pathways == "inhale_outdoor_gw、drink_gw"
    with translation.override("zh-hans"):
        assert ok.get_groundwater_pathways_display() == "吸入室外空气中来自地下水的气态污染物、饮用地下水"
    with translation.override("zh-hans"), pytest.raises(ValidationError) as exc:
        record(site, Stage.DETAILED, groundwater_sampled=True, groundwater_pathways="游泳")
    message = " ".join(exc.value.message_dict["groundwater_pathways"])
    assert "游泳" in message and "饮用地下水" in message and "drink_gw" not in message


def test_only_investigation_reports_are_filed_with_the_registry(make_site, walk):
    site = walk(make_site("L-9"), Stage.DETAILED)
    with pytest.raises(ValidationError) as exc:
        record(site, Stage.RISK_ASSESSMENT, filed_registry_on=d(2023, 5, 1))
    assert "filed_registry_on" in exc.value.message_dict


def test_the_natural_resources_bureau_is_told_of_suspected_contaminated_and_sensitive_changes(make_site, walk):
    """Soil task 11: share suspected / contaminated sites and changes of use to 一住两公."""
    site = make_site("L-10", planned="B1")
    assert Notification.objects.filter(site=site, kind="site_status", direction="to_nrb").count() == 1
    from soilgw.sites.models import LandUseCode

    site.planned_use = LandUseCode.resolve("R2")
    site.save()
    assert Notification.objects.filter(site=site, kind="sensitive_use").count() == 1
    walk(site, Stage.ON_REGISTER)
    assert Notification.objects.filter(site=site, kind="site_status").count() == 2


def test_an_accepted_report_with_groundwater_sampled_needs_its_groundwater_section(make_site):
    """Groundwater task 11: 土壤污染状况调查报告…要依法包括地下水相关内容."""
    site = make_site("L-11")
    accepted = {"review": "accepted", "reviewed_on": d(2023, 4, 1), "completed_on": d(2023, 4, 1)}
    with pytest.raises(ValidationError) as exc:
        record(site, Stage.PRELIMINARY, groundwater_sampled=True, **accepted)
    assert "groundwater_classes" in exc.value.message_dict
    record(site, Stage.PRELIMINARY, groundwater_sampled=True, groundwater_classes="III", **accepted)
