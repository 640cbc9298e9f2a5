"""The one FilterSet base of the platform's list pages and API lists.

Date-time filter values are moved to UTC before they reach the database: ISO 8601 allows any offset and Python
accepts up to ±23:59, but PostgreSQL refuses an offset beyond ±15:59 and aborts the transaction, so a query such
as ``?updated_at=2024-05-01T08:00+16:57`` would answer 500 there and be fine on SQLite. A value that cannot be
moved (year 1 or 9999 at the edge) is a form error, not a server error.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField


class UTCDateTimeField(IsoDateTimeField):
    """ISO 8601 date-time; an aware value is returned in UTC. Raises ``ValidationError`` when it has no UTC
    equivalent within years 1–9999."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or value.utcoffset() is None:
            return value
        try:
            return value.astimezone(dt.UTC)
        except OverflowError:
            raise forms.ValidationError(_("Enter a valid date/time."), code="invalid") from None


class UTCDateTimeFilter(django_filters.DateTimeFilter):
    field_class = UTCDateTimeField


class FilterSet(django_filters.FilterSet):
    """``django_filters.FilterSet`` whose date-time filters take ISO 8601 with any offset (see module text)."""

    FILTER_DEFAULTS = {**django_filters.FilterSet.FILTER_DEFAULTS,
                       models.DateTimeField: {"filter_class": UTCDateTimeFilter}}
