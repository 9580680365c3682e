"""Due dates listed after 每年, and spaces inside a month's part (find_when).

"每年6月底和12月底前" is one duty each half-year, "每年3月、6月、9月、12月底前" one each quarter; a list
that is not evenly spaced, or not on one day, is reported unread — never a yearly duty on the
first date plus a one-off deadline on the second.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, find_when, parse_when


REF = dt.date(2025, 3, 1)
SEPARATORS = ["和", "、", "及", "与", "以及"]
STEPS = {2: Frequency.HALF_YEARLY, 4: Frequency.QUARTERLY}


def _last_day(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _listed(months: list[int], day: int | None, seps: list[str], bare: list[bool]) -> str:
    """``每年`` and the months, each with its day (底 or N日) unless ``bare`` (not the last)."""
    tail = "底" if day is None else f"{day}日"
    parts = [
        f"{m}月" + ("" if b and k < len(months) - 1 else tail)
        for k, (m, b) in enumerate(zip(months, bare, strict=True))
    ]
    text = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        text += sep + part
    return "每年" + text


@st.composite
def even_lists(draw: st.DrawFn) -> tuple[str, int, int, int | None]:
    count = draw(st.sampled_from(sorted(STEPS)))
    step = 12 // count
    first = draw(st.integers(1, step))
    months = [first + step * k for k in range(count)]
    day = draw(st.one_of(st.none(), st.integers(1, 28)))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=count - 1, max_size=count - 1))
    bare = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    before = draw(st.sampled_from(["前", "之前", ""]))
    return _listed(months, day, seps, bare) + before + "报送", count, first, day


@given(even_lists(), st.integers(2024, 2030))
def test_an_even_list_is_one_duty_due_on_each_listed_date(
    case: tuple[str, int, int, int | None], year: int
) -> None:
    text, count, first, day = case
    found = find_when(text, reference=REF)
    assert not found.unread
    assert len(found) == 1
    cadence = found[0].value
    assert isinstance(cadence, Cadence)
    assert cadence.frequency is STEPS[count]
    assert cadence.due_month == first
    assert cadence.due_day == day
    step = 12 // count
    wanted = [
        dt.date(year, m, _last_day(year, m) if day is None else day)
        for m in (first + step * k for k in range(count))
    ]
    due = [
        cadence.due_in(cadence.full_window(dt.date(year, m, 1)))
        for m in (first + step * k for k in range(count))
    ]
    assert due == wanted


@st.composite
def uneven_lists(draw: st.DrawFn) -> str:
    count = draw(st.integers(2, 4))
    months = sorted(draw(st.lists(st.integers(1, 12), min_size=count, max_size=count, unique=True)))
    days = draw(st.lists(st.one_of(st.none(), st.integers(1, 28)), min_size=count, max_size=count))
    step = 12 // count
    even = count in STEPS and months == [months[0] + step * k for k in range(count)]
    ends = all(d is None or d == _last_day(2000, m) for m, d in zip(months, days, strict=True))
    same = len(set(days)) == 1 or ends  # one day, or every month's last day
    if even and same:
        days[-1] = 15 if days[-1] is None else None  # not one day any more
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=count - 1, max_size=count - 1))
    parts = [
        f"{m}月" + ("底" if d is None else f"{d}日") for m, d in zip(months, days, strict=True)
    ]
    text = parts[0]
    for sep, part in zip(seps, parts[1:], strict=True):
        text += sep + part
    return "每年" + text + "前报送"


@given(uneven_lists())
def test_a_list_that_is_not_one_duty_is_reported_not_split(text: str) -> None:
    found = find_when(text, reference=REF)
    assert [f.value for f in found] == []
    assert len(found.unread) == 1
    assert "evenly spaced" in found.unread[0].reason
    assert found.unread[0].text.startswith("每年")


@pytest.mark.parametrize(
    ("text", "frequency", "month", "day"),
    [
        ("每年6月底和12月底前", Frequency.HALF_YEARLY, 6, None),
        ("每年3月、6月、9月、12月底前", Frequency.QUARTERLY, 3, None),
        ("每年1月10日和7月10日前", Frequency.HALF_YEARLY, 1, 10),
        ("每年1月、7月10日前", Frequency.HALF_YEARLY, 1, 10),
        ("每年6月和12月", Frequency.HALF_YEARLY, 6, None),
        ("每年6月30日和12月31日前", Frequency.HALF_YEARLY, 6, None),
        ("每年3月31日、6月30日、9月30日、12月31日前", Frequency.QUARTERLY, 3, None),
        ("每年1月、2月", Frequency.YEARLY, 2, None),  # months in a row: one stretch
    ],
)
def test_examples(text: str, frequency: Frequency, month: int, day: int | None) -> None:
    cadence = parse_when(text, reference=REF)
    assert isinstance(cadence, Cadence)
    assert (cadence.frequency, cadence.due_month, cadence.due_day) == (frequency, month, day)


def test_one_date_and_a_dated_deadline_stay_apart() -> None:
    found = find_when("每年6月底和2026年12月底前", reference=REF)
    assert [f.text for f in found] == ["每年6月底", "2026年12月底前"]
    assert isinstance(found[0].value, Cadence)
    assert found[0].value.frequency is Frequency.YEARLY
    assert found[1].value == Period(None, dt.date(2026, 12, 31))


SPACES = st.text(alphabet=" \u3000\xa0\t", min_size=1, max_size=3)


@st.composite
def spaced_phrases(draw: st.DrawFn) -> tuple[str, str]:
    """A month phrase with its part and marker, and the same with spaces between its pieces."""
    month = draw(st.integers(1, 12))
    part = draw(st.sampled_from(["上旬", "中旬", "下旬", "底", "末"]))
    marker = draw(st.sampled_from(["前", ""]))
    year = draw(st.sampled_from([[], ["2025", "年"]]))
    pieces = [*year, str(month), "月", *part, marker]
    pieces = [p for p in pieces if p]
    spaced = pieces[0]
    for piece in pieces[1:]:
        spaced += (draw(SPACES) if draw(st.booleans()) else "") + piece
    return "".join(pieces), spaced


@given(spaced_phrases())
def test_spaces_inside_a_phrase_do_not_change_it(case: tuple[str, str]) -> None:
    plain, spaced = case
    text = f"各乡镇{spaced}完成排查"
    found = find_when(text, reference=REF)
    assert [f.value for f in found] == [parse_when(plain, reference=REF)]
    assert found[0].text == spaced
    assert found[0].offset == 3


def test_every_month_listed_is_a_monthly_duty() -> None:
    months = "、".join(f"{m}月" for m in range(1, 12))
    cadence = parse_when(f"每年{months}、12月15日前", reference=REF)
    assert isinstance(cadence, Cadence)
    assert (cadence.frequency, cadence.due_month, cadence.due_day) == (Frequency.MONTHLY, None, 15)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("每年3月、9月开展两次专项督查", 1),
        ("每年6月和12月各开展一次", 1),
        ("每年3月、9月开展三次", None),
    ],
)
def test_a_count_after_a_list_is_the_number_of_dates(text: str, count: int | None) -> None:
    """两次 after two dates is once at each (a count per half-year of 2 would ask for four)."""
    found = find_when(text, reference=REF)
    if count is None:
        assert [f.value for f in found] == []
        assert "dates listed" in found.unread[0].reason
    else:
        [cadence] = [f.value for f in found]
        assert isinstance(cadence, Cadence)
        assert (cadence.frequency, cadence.min_count, cadence.max_count) == (
            Frequency.HALF_YEARLY,
            count,
            count,
        )


def test_months_in_a_row_are_one_yearly_stretch() -> None:
    cadence = parse_when("每年1月、2月", reference=REF)
    assert isinstance(cadence, Cadence)
    assert str(cadence.occurrence(cadence.full_window(dt.date(2026, 5, 1)))) == (
        "2026年1月1日至2026年2月28日"
    )
