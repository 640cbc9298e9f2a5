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
