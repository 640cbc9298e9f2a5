"""The obligation refresh as a background job: the same statuses as the direct refresh, and the job's result
holds its counts; an unknown rule fails the job with a message naming it."""

from __future__ import annotations

import pytest

from soilgw.core import jobs
from soilgw.plans.models import Obligation
from tests.plans.test_obligation_rules import ONE, _status, setup  # noqa: F401  setup is a fixture

pytestmark = pytest.mark.django_db

RULE = "ksu-hazard-investigation"


def test_the_refresh_job_marks_an_obligation_overdue_after_its_due_date(setup):  # noqa: F811
    ent, subject, due, period, _ = setup(RULE)
    assert _status(RULE, subject, period, due).status == "open"
    job = jobs.start("obligations.refresh", rule_ids=[RULE], as_of=(due + ONE).isoformat())
    assert job.status == "succeeded" and job.progress == 100
    assert job.result["overdue"] == Obligation.objects.filter(rule_id=RULE, status="overdue").count() == 1
    ob = Obligation.objects.get(rule_id=RULE, subject_id=subject.pk, period=period)
    assert ob.status == "overdue" and ob.days_overdue == 1


def test_an_unknown_rule_fails_the_job_with_its_name(county):
    job = jobs.start("obligations.refresh", rule_ids=["no-such-rule"])
    assert job.status == "failed" and "no-such-rule" in job.error


def test_only_who_the_policy_lets_create_obligations_may_retry_the_refresh(client, county, make_user):
    job = jobs.start("obligations.refresh", rule_ids=["no-such-rule"])
    editor = make_user("ob-editor", "eeb", "administrator")
    job.department = editor.memberships.get().department  # so the page is shown to its department
    job.save()
    client.force_login(editor)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200
    client.post(f"/jobs/{job.pk}/", {"action": "retry"})
    job.refresh_from_db()
    # plans.policy: obligations are derived, no department edits them: the retry is refused, not queued
    assert job.status == "failed" and job.attempts == 1
    with pytest.raises(PermissionError):
        jobs.retry(job, editor)
    client.force_login(make_user("root", is_superuser=True))
    client.post(f"/jobs/{job.pk}/", {"action": "retry"})
    job.refresh_from_db()
    assert job.attempts == 2  # retried (and failed again on the same unknown rule)
