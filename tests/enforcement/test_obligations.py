"""Joint-meeting follow-ups as obligations (soil task 14 "要适时召开联席会议"): due on the date the meeting set.

The sample follow-up is due 2023-04-15 (set by the meeting of 2023-03-20): open on 04-14 and 04-15, overdue on
04-16; done when done on or before 04-15; late when done on 04-16.
"""

from __future__ import annotations

import datetime as dt

import pytest

from soilgw.enforcement.models import MeetingFollowUp
from soilgw.plans.models import Obligation
from soilgw.plans.obligations import engine

from . import builders as b

RULE = "joint-meeting-follow-up"
ONE = dt.timedelta(days=1)
DUE = dt.date(2023, 4, 15)


@pytest.fixture
def follow_up(county):
    with engine.paused():
        return b.follow_up()


def _status(f, on):
    with engine.paused():
        engine.refresh([RULE], on=on)
    return Obligation.objects.get(rule_id=RULE, subject_id=f.pk)


def _done(f, day):
    with engine.paused():
        MeetingFollowUp.objects.filter(pk=f.pk).update(done_on=day, result="已落实")


def test_due_minus_one_due_due_plus_one(follow_up):
    assert _status(follow_up, DUE - ONE).status == "open"
    ob = _status(follow_up, DUE)
    assert ob.status == "open" and ob.due == DUE and not ob.due_is_default
    ob = _status(follow_up, DUE + ONE)
    assert ob.status == "overdue" and ob.holder.code == "police" and ob.plan_task.number == 14


def test_done_on_the_due_date_and_a_day_late(follow_up):
    _done(follow_up, DUE)
    assert _status(follow_up, DUE + ONE).status == "done"
    _done(follow_up, DUE + ONE)
    ob = _status(follow_up, DUE + ONE)
    assert ob.status == "overdue" and ob.evidence_late


def test_meeting_page_shows_each_follow_up_obligation(follow_up, settings, client, eeb_editor):
    settings.SOILGW_AS_OF = "2023-04-16"
    engine.refresh([RULE])
    client.force_login(eeb_editor)
    html = client.get(follow_up.meeting.get_absolute_url()).content.decode()
    assert 'class="badge overdue"' in html


def test_no_obligation_before_the_meeting(follow_up):
    engine.refresh([RULE], on=dt.date(2023, 3, 19))
    assert not Obligation.objects.filter(rule_id=RULE).exists()
