"""The platform clock: the date every deadline is judged against.

``SOILGW_AS_OF`` (ISO date) fixes it so that a past plan year can be replayed and tests are repeatable;
unset, it is today in the county's time zone.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def as_of() -> dt.date:
    """Return the judging date. Raises ``ValueError`` if ``SOILGW_AS_OF`` is not an ISO date."""
    value = getattr(settings, "SOILGW_AS_OF", "") or ""
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError(f"SOILGW_AS_OF={value!r} is not an ISO date (YYYY-MM-DD)") from exc
    return timezone.localdate()


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """First and last day of calendar ``quarter`` (1–4) of ``year``. Raises ``ValueError`` for another quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1, 2, 3 or 4 (calendar quarters 1–4), not {quarter!r}")
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + quarter // 4, quarter % 4 * 3 + 1, 1) - dt.timedelta(days=1)
    return start, end
