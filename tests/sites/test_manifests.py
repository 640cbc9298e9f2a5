"""Transfer manifests (soil task 12): destination permit checks and the reconciliation per site.

Thresholds: 5 % by mass and 7 days open (issue 10, platform defaults); the test clock is 2023-10-15
(tests/settings.py SOILGW_AS_OF).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from soilgw.sites import reconcile
from soilgw.sites.models import ReceivingFacility, TransferManifest

pytestmark = pytest.mark.django_db
d = dt.date


@pytest.fixture
def facility(db):
    return ReceivingFacility.objects.create(name="修复工厂", permit_number="P-1", permit_valid_from=d(2023, 1, 1),
                                            permit_valid_until=d(2023, 12, 31), accepted_waste_codes="HW49、HW11")


def manifest(site, facility, number, sent=100.0, received=None, departed=dt.date(2023, 10, 1), code="", save=True):
    m = TransferManifest(number=number, site=site, quantity_t=sent, volume_m3=sent / 1.6, waste_code=code,
                         carrier="运输公司", vehicle="晋M1", facility=facility, departed_on=departed,
                         shipper_signature="甲", carrier_signature="乙",
                         arrived_on=departed + dt.timedelta(days=1) if received else None, received_t=received,
                         receiver_signature="丙" if received else "")
    m.full_clean()
    if save:
        m.save()
    return m


@pytest.mark.parametrize("departed, ok", [(d(2023, 12, 31), True), (d(2024, 1, 1), False),
                                          (d(2023, 1, 1), True), (d(2022, 12, 31), False)])
def test_destination_without_a_valid_permit_is_refused(make_site, facility, departed, ok):
    site = make_site("T-1")
    if ok:
        manifest(site, facility, "M-ok", departed=departed, save=False)
    else:
        with pytest.raises(ValidationError) as exc:
            manifest(site, facility, "M-bad", departed=departed, save=False)
        assert "facility" in exc.value.message_dict


@pytest.mark.parametrize("code, ok", [("HW49", True), ("900-041-49", True), ("HW08", False),
                                      ("900-249-08", False)])
def test_waste_code_must_be_covered_by_the_permit(make_site, facility, code, ok):
    site = make_site("T-2")
    if ok:
        manifest(site, facility, "M-c", code=code, save=False)
    else:
        with pytest.raises(ValidationError) as exc:
            manifest(site, facility, "M-c", code=code, save=False)
        assert "waste_code" in exc.value.message_dict


def test_arrival_needs_quantity_and_receiver_signature(make_site, facility):
    m = manifest(make_site("T-3"), facility, "M-a", save=False)
    m.arrived_on = d(2023, 10, 2)
    with pytest.raises(ValidationError) as exc:
        m.full_clean()
    assert "received_t" in exc.value.message_dict


@pytest.mark.parametrize("received, flagged", [(95.0, False), (94.9, True), (105.0, False), (105.1, True)])
def test_mass_tolerance_edge(make_site, facility, received, flagged):
    site = make_site("T-4")
    manifest(site, facility, "M-t", sent=100.0, received=received)
    line = reconcile.reconcile(site.pk).lines[0]
    assert line.unbalanced is flagged
    assert line.difference_t == pytest.approx(received - 100.0, abs=1e-9)


@pytest.mark.parametrize("departed, overdue", [(d(2023, 10, 8), None), (d(2023, 10, 7), 8)])
def test_open_longer_than_seven_days_is_flagged(make_site, facility, departed, overdue):
    site = make_site("T-5")
    manifest(site, facility, "M-o", departed=departed)
    assert reconcile.reconcile(site.pk).lines[0].overdue_days == overdue


def test_thresholds_are_configurable(make_site, facility, settings):
    site = make_site("T-6")
    manifest(site, facility, "M-s", sent=100.0, received=93.0)
    assert reconcile.reconcile(site.pk).flagged and reconcile.is_default()
    settings.SOILGW_MANIFEST_TOLERANCE = 0.10
    assert not reconcile.reconcile(site.pk).flagged and not reconcile.is_default()
