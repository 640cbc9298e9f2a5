"""Background jobs of the plans app (soilgw.core.jobs): the obligation refresh."""

from __future__ import annotations

import datetime as dt

from soilgw.core import jobs
from soilgw.core.permissions import can_create

from .models import Obligation
from .obligations import engine


def may_refresh(user, job) -> bool:
    """Obligations are derived records: who may refresh them is who may create them under the policy
    (``plans.policy``: nobody but superusers)."""
    return can_create(user, Obligation)


@jobs.register("obligations.refresh", may_run=may_refresh)
def refresh_obligations(job, rule_ids: list[str] | None = None, as_of: str | None = None) -> dict:
    """Recompute the obligations of ``rule_ids`` (None: every rule) as of ``as_of`` (ISO date; None: today).

    Returns the counts of ``engine.refresh``. Raises ``KeyError`` for an unknown rule id.
    """
    jobs.progress(job, 5, "refreshing obligations")
    return engine.refresh(rule_ids, on=dt.date.fromisoformat(as_of) if as_of else None)
