"""Properties of finding time phrases and of recurring due dates, for any input."""

import calendar
import datetime as dt
import itertools

import attrs
from hypothesis import assume, example, given
from hypothesis import strategies as st

from xiaojie.dates import (
    Cadence,
    Frequency,
    Period,
    PeriodSeries,
    count_working_days,
    covered_years,
    find_when,
    is_working_day,
    parse_when,
)


D = dt.date

# Pieces a year can be followed by, odd ones included. No range separator, no 年 (so no other
# year can be written), no "after" marker (后, 起 … move a period past its year on purpose).
YEAR_TAILS = [
    "前三季度",
    "前两个季度",
    "前10个月",
    "前十一个月",
    "首季度",
    "首月",
    "第二季度",
    "一季度末",
    "四季度初",
    "上半年",
    "下半年",
    "底",
    "末",
    "初",
    "中",
    "内",
    "前",
    "之前",
    "3月",
    "12月底",
    "6月中旬",
    "5月10日",
    "1月3",
    "十月",
    "2月29日",
    "13月",
    "2月30日",
    "第5季度",
    "前13个月",
    "全区",
    "各地",
    "份",
    "度",
    "左右",
    "3",
    "10",
    "个",
    "季度",
    "月",
    "日",
    "旬",
    "上",
    "下",
    "完成",
    " ",
]
CN_DIGITS = "〇一二三四五六七八九"


@st.composite
def year_phrases(draw):
    """A phrase that names a year Y explicitly, and Y."""
    year = draw(st.integers(min_value=1990, max_value=2060))
    form = draw(st.sampled_from(["digits", "chinese", "spaced", "two-digit"]))
    if form == "digits":
        written = f"{year}年"
    elif form == "chinese":
        written = "".join(CN_DIGITS[int(c)] for c in str(year)) + "年"
    elif form == "spaced":
        written = f"{year} 年 "
    else:
        written = f"{year % 100:02d}年"
    tail = "".join(draw(st.lists(st.sampled_from(YEAR_TAILS), max_size=5)))
    return year, written + tail


def bounds(value):
    periods = list(value) if isinstance(value, PeriodSeries) else [value]
    return [b for p in periods if isinstance(p, Period) for b in (p.start, p.end) if b is not None]


class TestExplicitYear:
    """A phrase that carries an explicit year is read in that year or reported: never in the reference year."""

    @given(case=year_phrases(), reference_year=st.integers(min_value=2000, max_value=2040))
    @example(case=(2024, "2024年1—9月"), reference_year=2025)
    @example(case=(2024, "2024年前三季度"), reference_year=2025)
    @example(case=(2024, "2024年全区3月底前"), reference_year=2025)
    @example(case=(2019, "19年底"), reference_year=2021)
    @example(case=(2024, "2024年13月3月"), reference_year=2025)
    def test_periods_lie_in_the_year_or_are_unread(self, case, reference_year):
        """Every period found in the phrase lies in its year Y; what cannot be read is reported."""
        year, phrase = case
        if phrase[2] == "年":  # a two-digit year means the century nearest the reference
            nearest = min(
                (year % 100 + c for c in (1900, 2000, 2100)), key=lambda y: abs(y - reference_year)
            )
            year = nearest if abs(nearest - reference_year) <= 40 else -1
        assume(year != reference_year)
        text = f"经研究，{phrase}。其他"
        start = text.index(phrase[:2])
        end = start + len(phrase)
        result = find_when(text, reference=D(reference_year, 6, 18), errors="report")

        for f in result:
            if f.offset < end and f.end > start:
                for bound in bounds(f.value):
                    assert bound.year == year, (f.text, f.value)
        if not phrase[:4].isdigit():
            return
        # A four-digit year is always read or reported, never dropped silently.
        covered = [(f.offset, f.end) for f in result] + [(u.offset, u.end) for u in result.unread]
        assert any(a <= start < b for a, b in covered)


VOCABULARY = [
    *YEAR_TAILS,
    "2025年",
    "二〇二五年",
    "今年",
    "上年",
    "前年",
    "次年",
    "当年",
    "19年",
    "本月",
    "上季度",
    "今明两年",
    "近三年",
    "每年",
    "每月",
    "每季度",
    "每周三",
    "结束后10日内",
    "次月5日前",
    "至少1次",
    "下午",
    "—",
    "至",
    "到",
    "起",
    "止",
    "自",
    "和",
    "、",
    "，",
    "。",
    "\n",
    "1.",
    "过渡期",
    "不超过15天",
    "5个工作日",
    "95分",
    "60%",
]
texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(VOCABULARY), max_size=14).map("".join),
    st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=3)), max_size=10).map("".join),
)
references = st.one_of(
    st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31)),
    st.sampled_from([D(1, 1, 1), D(9999, 12, 31)]),
)


class TestScanning:
    """find_when (by default: errors="report") returns for any text, and agrees with parse_when."""

    @given(text=texts, reference=references)
    @example(text="开展上年11月至今年3月冬春行动,6月底前完成", reference=D(2025, 6, 18))
    @example(text="9999年12月至次年3月", reference=D(9999, 12, 31))
    @example(text="去年底前", reference=D(1, 1, 1))
    @example(text="上季度末", reference=D(1, 2, 1))
    @example(text="下个月", reference=D(9999, 12, 31))
    @example(text="今后20年", reference=D(9990, 1, 1))
    @example(text="今明两年", reference=D(9999, 12, 31))
    @example(text="本季度", reference=D(1, 1, 1))
    @example(text="每周三下午", reference=D(2025, 6, 18))
    def test_never_raises_and_each_phrase_is_parse_when_of_its_span(self, text, reference):
        """Each reported phrase is what parse_when gives for its span; found and unread never overlap."""
        result = find_when(text, reference=reference)

        for f in result:
            assert text[f.offset : f.end] == f.text
            assert parse_when(f.text + f.remark, reference=reference) == f.value, f.text
        for u in result.unread:
            assert text[u.offset : u.end] == u.text
            assert u.reason
        spans = sorted(
            [(f.offset, f.end) for f in result] + [(u.offset, u.end) for u in result.unread]
        )
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))

    @given(text=texts)
    def test_raise_mode_finds_the_same_or_raises(self, text):
        """Without unread stretches, errors="raise" returns exactly what errors="report" finds."""
        reference = D(2025, 6, 18)
        reported = find_when(text, reference=reference, errors="report")
        if reported.unread:
            return
        assert find_when(text, reference=reference, errors="raise") == reported


# --------------------------------------------------------------------------------------------
# Recurring due dates

days = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))
covered_days = st.dates(
    min_value=D(min(covered_years()), 1, 1), max_value=D(max(covered_years()) - 1, 10, 31)
)


@st.composite
def cadences_with_rules(draw):
    """A cadence with one due rule, as the parser reads them."""
    rule = draw(st.sampled_from(["due_month", "next_month", "weekday", "after_days", "season"]))
    if rule == "weekday":
        return Cadence(frequency=Frequency.WEEKLY, weekday=draw(st.integers(1, 7)))
    if rule == "season":
        first = draw(st.integers(1, 12))
        due = draw(st.integers(first, 12))
        return Cadence(frequency=Frequency.YEARLY, start_month=first, due_month=due)
    frequency = draw(
        st.sampled_from(
            [Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY]
        )
    )
    if rule == "after_days":
        return Cadence(frequency=frequency, due_after_days=draw(st.integers(1, 60)))
    due_day = draw(st.one_of(st.none(), st.integers(1, 31)))
    if rule == "next_month":
        return Cadence(frequency=frequency, due_next_month=True, due_day=due_day)
    assume(frequency is not Frequency.MONTHLY)
    month = draw(st.integers(1, frequency.months))
    if frequency is Frequency.YEARLY and due_day is not None:
        assume(due_day <= {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(month, 31))
    return Cadence(frequency=frequency, due_month=month, due_day=due_day)


class TestDueRules:
    """Deadline logic of the cadence due rules."""

    @given(cadence=cadences_with_rules(), day=days)
    def test_due_is_where_the_rule_says(self, cadence, day):
        """A due month or weekday falls inside the window; a next month or offset falls after it."""
        window = cadence.full_window(day)
        due = cadence.due_in(window)

        if cadence.due_month is not None or cadence.weekday is not None:
            assert window.start <= due <= window.end
        else:
            assert due > window.end
        if cadence.weekday is not None:
            assert due.isoweekday() == cadence.weekday
        if cadence.due_after_days is not None:
            assert (due - window.end).days == cadence.due_after_days
        if cadence.due_next_month:
            following = window.end + dt.timedelta(days=1)
            assert (due.year, due.month) == (following.year, following.month)
        if cadence.due_day is not None:
            month_length = calendar.monthrange(due.year, due.month)[1]
            assert due.day == min(cadence.due_day, month_length)
        elif cadence.due_month is not None or cadence.due_next_month:
            assert (due + dt.timedelta(days=1)).day == 1  # the end of the month

    @given(cadence=cadences_with_rules(), start=days, length=st.integers(0, 800))
    def test_clipped_windows_keep_their_due_dates_and_dues_increase(self, cadence, start, length):
        """A window clipped to a range is due when its full window is; dues strictly increase."""
        end = start + dt.timedelta(days=length)
        windows = cadence.windows(start, end)
        dues = [cadence.due_in(w) for w in windows]

        assert dues == [cadence.due_in(cadence.full_window(w.start)) for w in windows]
        assert all(a < b for a, b in itertools.pairwise(dues))

    @given(cadence=cadences_with_rules(), day=days)
    def test_occurrence_ends_on_the_due_date(self, cadence, day):
        """Each occurrence is a non-empty period that ends on the due date."""
        window = cadence.full_window(day)
        occurrence = cadence.occurrence(window)

        assert occurrence.end == cadence.due_in(window)
        assert occurrence.start <= occurrence.end

    @given(
        frequency=st.sampled_from(list(Frequency)),
        amount=st.integers(1, 30),
        day=covered_days,
    )
    def test_working_day_offset(self, frequency, amount, day):
        """N working days after the window ends is a working day, N working days after the end."""
        cadence = Cadence(frequency=frequency, due_after_working_days=amount)
        window = cadence.full_window(day)
        assume(window.end.year + 1 in covered_years())
        due = cadence.due_in(window)

        assert is_working_day(due)
        assert count_working_days(window.end, due) == amount

    @given(cadence=cadences_with_rules(), count=st.integers(1, 3), at_least=st.booleans())
    def test_describe_reads_back(self, cadence, count, at_least):
        """describe() gives a phrase parse_when reads back as the same cadence."""

        cadence = attrs.evolve(cadence, min_count=count, max_count=None if at_least else count)

        assert parse_when(cadence.describe(), reference=D(2025, 6, 18)) == cadence


_NAMED_NAMES = st.text(alphabet="春耕夏管秋收冬藏攻坚巩固提升", min_size=2, max_size=4)


class TestNamedPeriodEnd:
    """ "X末" of a named period is its last year, cut to its start; "到X末" is due on its last day."""

    @given(
        name=_NAMED_NAMES,
        start=st.dates(min_value=D(2000, 1, 1), max_value=D(2080, 12, 31)),
        days=st.integers(min_value=0, max_value=8 * 366),
        quoted=st.booleans(),
        word=st.sampled_from(("末", "期末", "末期")),
    )
    def test_end_of_named_period(self, name, start, days, quoted, word):
        """X末 ends on X's last day and starts no earlier than X or the first day of that year."""
        from xiaojie.dates import NAMED_PERIODS

        registry = NAMED_PERIODS.copy()
        assume(registry.match(name, 0) is None)
        end = start + dt.timedelta(days=days)
        registry.register(name, Period(start, end))
        written = f"“{name}”" if quoted else name
        (found,) = find_when(f"力争{written}{word}实现", reference=start, named=registry)
        assert found.text == f"{written}{word}"
        assert found.value == Period(max(start, D(end.year, 1, 1)), end)
        (by,) = find_when(f"到{written}{word},实现", reference=start, named=registry)
        assert by.text == f"到{written}{word}"
        assert by.value == Period(None, end)

    @given(
        names=st.lists(_NAMED_NAMES, min_size=2, max_size=2, unique=True),
        start=st.dates(min_value=D(2000, 1, 1), max_value=D(2080, 12, 31)),
        days=st.lists(st.integers(min_value=0, max_value=4 * 366), min_size=3, max_size=3),
        quoted=st.lists(st.booleans(), min_size=2, max_size=2),
        sep=st.sampled_from(("至", "到", "—")),
    )
    def test_a_range_of_named_periods(self, names, start, days, quoted, sep):
        """X至Y of two named periods runs from X's start to Y's end, quoted or not.

        "“十四五”至“十五五”" was read as the two periods apart.
        """
        from xiaojie.dates import NAMED_PERIODS

        registry = NAMED_PERIODS.copy()
        assume(all(registry.match(name, 0) is None for name in names))
        assume(not names[0].startswith(names[1]) and not names[1].startswith(names[0]))
        first_end = start + dt.timedelta(days=days[0])
        second_start = first_end + dt.timedelta(days=1 + days[1])
        second_end = second_start + dt.timedelta(days=days[2])
        registry.register(names[0], Period(start, first_end))
        registry.register(names[1], Period(second_start, second_end))
        written = [f"“{n}”" if q else n for n, q in zip(names, quoted, strict=True)]
        text = written[0] + sep + written[1]
        found = find_when(f"{text}，持续推进", reference=start, named=registry)
        assert [(f.text, f.value) for f in found] == [(text, Period(start, second_end))]

    @given(reference=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
    def test_niandu_nei_is_the_reference_year(self, reference):
        """年度内 without a year is the whole reference year, as 年内 and 本年度内 are."""
        whole = Period(D(reference.year, 1, 1), D(reference.year, 12, 31))
        for form in ("年度内", "年内", "本年度内"):
            (found,) = find_when(f"{form}完成改造", reference=reference)
            assert (found.text, found.value) == (form, whole)
