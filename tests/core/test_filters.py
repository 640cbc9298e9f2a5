"""Date-time filters take any ISO 8601 offset and hand the database UTC (core/filters.py)."""

import datetime as dt

import pytest
from django import forms

from soilgw.core.filters import UTCDateTimeField
from tests.registry_base import registry_test_classes


def test_an_offset_beyond_what_postgresql_accepts_is_moved_to_utc():
    value = UTCDateTimeField().clean("2024-05-01T08:00:00+16:57")
    assert value == dt.datetime(2024, 4, 30, 15, 3, tzinfo=dt.UTC)
    assert value.utcoffset() == dt.timedelta(0)


def test_a_naive_value_is_read_in_the_current_time_zone():
    # TIME_ZONE is Asia/Shanghai (UTC+8)
    assert UTCDateTimeField().clean("2024-05-01T08:00:00") == dt.datetime(2024, 5, 1, 0, 0, tzinfo=dt.UTC)


def test_a_value_without_a_utc_equivalent_is_a_form_error():
    with pytest.raises(forms.ValidationError):
        UTCDateTimeField().clean("0001-01-01T00:00:00+05:00")


@pytest.mark.django_db
def test_every_registry_list_filters_date_times_through_it():
    checked = 0
    for config in {id(cls.config): cls.config for cls in registry_test_classes()}.values():
        for name, f in config.filterset_class.base_filters.items():
            # field_class, not .field: building a base filter's form field would freeze its label
            if issubclass(f.field_class, forms.DateTimeField):
                assert issubclass(f.field_class, UTCDateTimeField), (config.model.__name__, name)
                checked += 1
    assert checked > 20
