"""A year left blank in a template (20**年, 20xx年, 某年) is reported as such."""

import datetime as dt

import pytest

from xiaojie.dates import find_when


REF = dt.date(2025, 3, 1)


@pytest.mark.parametrize("year", ["20**年", "20xx年", "20XX年", "202*年", "20××年", "某年"])
def test_blank_year_is_named_in_the_reason(year):
    [unread] = find_when(f"{year}6月底前完成排查", reference=REF).unread

    assert unread.text.startswith(year)
    assert f"the year {year!r} is left blank" in unread.reason


def test_a_written_year_keeps_its_reason():
    [unread] = find_when("2024年全区3月底前完成", reference=REF).unread

    assert "may belong to that year" in unread.reason
