"""Before and after a public holiday: 春节前, 端午节前, 春节后, 国庆节后, "12月至春节期间".

A holiday that moves (春节, 清明, 端午, 中秋) is due the day before its first day off on the
official calendar; after any holiday is from the day after its last day off; a range may end
at a holiday's 期间 (its last day off) or 前.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xiaojie.dates import (
    NamedPeriods,
    Period,
    covered_years,
    find_when,
    is_working_day,
    read_holiday_notice,
    register_holiday_notice,
)
from xiaojie.dates._workdays import holiday_days


D = dt.date
ONE = dt.timedelta(days=1)
# The words a plan writes, by the holiday the calendar knows (清明, 端午, 中秋: public since 2008).
MOVING = {"春节": "春节", "清明节": "清明", "清明": "清明", "端午节": "端午", "端午": "端午",
          "中秋节": "中秋", "中秋": "中秋"}  # fmt: skip
FIXED = {"元旦": "元旦", "五一": "劳动", "劳动节": "劳动", "国庆": "国庆", "国庆节": "国庆"}
YEARS = range(max(2009, covered_years().start), covered_years().stop)
BEFORE = ["前", "之前", "以前"]
AFTER = ["后", "之后", "以后", "过后"]


def only(text: str, reference: dt.date) -> Period:
    result = find_when(text, reference=reference)
    assert result.unread == (), result.unread
    [found] = result
    assert isinstance(found.value, Period)
    return found.value


def coming(holiday: str, reference: dt.date, *, before: bool) -> tuple[dt.date, dt.date]:
    """The holiday's days off that have not begun on ``reference`` (前), or (后) that did not
    end more than 30 days before it."""
    first, last = holiday_days(holiday, reference.year)
    if (first <= reference) if before else (last + dt.timedelta(days=30) < reference):
        first, last = holiday_days(holiday, reference.year + 1)
    return first, last


@given(
    year=st.sampled_from(list(YEARS)),
    word=st.sampled_from(sorted(MOVING)),
    marker=st.sampled_from(BEFORE),
)
def test_before_a_moving_holiday_is_the_eve_of_its_days_off(year, word, marker):
    first, _ = holiday_days(MOVING[word], year)

    value = only(f"各地要在{year}年{word}{marker}完成排查", D(year - 1, 11, 20))

    assert value == Period(None, first - ONE)
    assert value.end + ONE == first
    assert not is_working_day(first)  # the next day is the first day off


@given(
    year=st.sampled_from(list(YEARS)),
    word=st.sampled_from(sorted(MOVING | FIXED)),
    marker=st.sampled_from(AFTER),
)
def test_after_a_holiday_is_from_the_day_after_its_last_day_off(year, word, marker):
    first, last = holiday_days((MOVING | FIXED)[word], year)

    value = only(f"{year}年{word}{marker}启动", D(year - 1, 11, 20))

    assert value == Period(last + ONE, None)
    assert first <= last < value.start


@given(
    reference=st.dates(D(YEARS.start, 1, 1), D(YEARS.stop - 2, 12, 31)),
    word=st.sampled_from(sorted(MOVING)),
)
def test_before_without_a_year_is_the_coming_holiday(reference, word):
    first, _ = coming(MOVING[word], reference, before=True)

    value = only(f"确保{word}前发放到位", reference)

    assert value == Period(None, first - ONE)
    assert reference <= value.end  # never a deadline before the plan was written


@given(
    reference=st.dates(D(YEARS.start, 1, 1), D(YEARS.stop - 2, 12, 31)),
    word=st.sampled_from(sorted(MOVING | FIXED)),
)
def test_after_without_a_year_is_the_holiday_just_past_or_coming(reference, word):
    _, last = coming((MOVING | FIXED)[word], reference, before=False)

    value = only(f"{word}后开工", reference)

    assert value == Period(last + ONE, None)
    assert reference - dt.timedelta(days=31) < value.start  # a notice just after the break


def test_after_a_holiday_just_past_is_that_holiday():
    # a notice of 6 February 2025, two days after the break (28 January-4 February)
    assert only("春节后各地要迅速组织复工复产", D(2025, 2, 6)) == Period(D(2025, 2, 5), None)
    # two months after it, the next one's
    assert only("春节后组织复工复产", D(2025, 4, 6)) == Period(D(2026, 2, 24), None)


@given(
    reference=st.dates(D(YEARS.start, 1, 1), D(YEARS.stop - 2, 12, 31)),
    word=st.sampled_from(sorted(FIXED)),
)
def test_before_a_fixed_holiday_is_the_day_before_the_coming_one(reference, word):
    """元旦前, 五一前, 国庆节前: the day before the date in the name, whatever the days off."""
    month, day = {"元旦": (1, 1), "劳动": (5, 1), "国庆": (10, 1)}[FIXED[word]]
    holiday = D(reference.year, month, day)
    if holiday <= reference:
        holiday = D(reference.year + 1, month, day)

    value = only(f"{word}前完成", reference)

    assert value == Period(None, holiday - ONE)
    assert reference <= value.end


@given(
    year=st.sampled_from(list(YEARS)[:-1]),
    month=st.integers(1, 12),
    word=st.sampled_from(sorted(MOVING | FIXED)),
    marker=st.sampled_from(["期间", "前"]),
)
def test_a_range_may_end_at_a_holiday(year, month, word, marker):
    start = D(year, month, 1)
    holiday = (MOVING | FIXED)[word]
    ends = []
    for y in (year, year + 1):
        first, last = holiday_days(holiday, y)
        if marker == "期间":
            ends.append(last)
        elif word in FIXED:
            fixed = {"元旦": D(y + 1, 1, 1), "劳动": D(y, 5, 1), "国庆": D(y, 10, 1)}[holiday]
            ends.append(fixed - ONE)
        else:
            ends.append(first - ONE)
    assume(any(end >= start for end in ends))

    value = only(f"{year}年{month}月至{word}{marker}开展集中排查", D(year, 1, 1))

    assert value == Period(start, min(end for end in ends if end >= start))


def test_the_range_of_a_real_notice():
    # 2024年12月: the winter campaign of a notice on the 2025 holidays runs to their end
    assert only("2024年12月至春节期间开展集中排查", D(2024, 11, 28)) == Period(
        D(2024, 12, 1), D(2025, 2, 4)
    )


def test_real_sentences():
    # 中共广东省委办公厅、广东省人民政府办公厅关于做好2025年元旦春节期间有关工作的通知
    # (December 2024), https://www.dutenews.com/n/article/8604912
    text = "有序推进因灾倒损住房恢复重建，确保春节前群众搬进新居。"
    assert only(text, D(2024, 12, 20)) == Period(None, D(2025, 1, 27))  # days off 28 Jan-4 Feb
    # 中办国办关于做好2026年元旦春节期间有关工作的通知 (December 2025): two holidays, one 期间
    result = find_when("统筹做好2026年元旦春节期间各项工作", reference=D(2025, 12, 22))
    # the year qualifies the holidays, and is no period of its own (not the whole of 2026)
    assert [f.text for f in result] == []
    assert [u.text for u in result.unread] == ["2026年元旦春节期间"]
    assert "several holidays for one 期间" in result.unread[0].reason


@pytest.mark.parametrize(
    ("text", "stretch"),
    [
        ("2026年元旦、春节期间", "2026年元旦、春节期间"),
        ("2026 年中秋国庆期间", "2026 年中秋国庆期间"),
        ("2026年迎春节期间", "2026年迎春节期间"),
        ("2026年度汛期前完成", "2026年度汛期前"),
        ("2025年2月30日前完成", "2025年2月30日"),
        ("计划到2026年汛期前完成", "到2026年汛期前"),
        ("截至2026年元旦春节期间", "截至2026年元旦春节期间"),
        ("今年春节前后", "今年春节前后"),
        ("2025年\xa0元旦春节期间", "2025年\xa0元旦春节期间"),
    ],
)
def test_a_year_before_a_stretch_not_read_goes_with_it(text, stretch):
    """A year right before what cannot be read qualifies it: never read as the whole year."""
    result = find_when(text, reference=D(2025, 11, 20))
    assert [f.text for f in result] == []
    assert [u.text for u in result.unread] == [stretch]


def test_a_year_in_another_cell_is_a_year_of_its_own():
    result = find_when("1\t2025年\t元旦春节期间\t县民政局", reference=D(2025, 11, 20))
    assert [f.text for f in result] == ["2025年"]
    assert [u.text for u in result.unread] == ["元旦春节期间"]


@given(
    st.integers(2000, 2099),
    st.sampled_from(["", " ", "　"]),
    st.sampled_from(["元旦春节期间", "中秋、国庆期间", "迎春节期间", "汛期前", "春节前后"]),
    st.sampled_from(["", "，", "\n"]),
)
def test_a_year_is_read_alone_only_apart_from_a_stretch_not_read(year, space, rest, joint):
    """Right before the stretch (spaces between at most) the year is part of it; after a comma
    or a line's end it is a year of its own."""
    text = f"{year}{space}年{joint}{rest}开展工作"
    result = find_when(text, reference=D(2025, 11, 20))
    assert len(result.unread) == 1
    if joint:
        assert [f.text for f in result] == [f"{year}{space}年"]
        assert result.unread[0].text.startswith(rest[:2])
    else:
        assert [f.text for f in result] == []
        assert result.unread[0].text.startswith(f"{year}{space}年")


@pytest.mark.parametrize(
    ("text", "stretch", "reason"),
    [
        ("春节前后开展走访", "春节前后", "around the 春节 holiday"),
        ("2026年春节前后开展走访", "2026年春节前后", "around the 春节 holiday"),
        ("春节前夕开展慰问", "春节前夕", "around the 春节 holiday"),
        ("春节前期开展走访", "春节前期", "around the 春节 holiday"),
        ("春节后期", "春节后期", "around the 春节 holiday"),
        ("2026年春节前期开展走访", "2026年春节前期", "around the 春节 holiday"),
        ("12月至春节前期", "春节前期", "around the 春节 holiday"),
        ("元旦春节前完成", "元旦春节前", "several holidays for one 前"),
        ("中秋、国庆后开展", "中秋、国庆后", "several holidays for one 后"),
        ("每年春节前开展慰问", "春节前", "of every year"),
        ("每逢端午节后", "端午节后", "of every year"),
        ("春节后一周内完成", "春节后一周内", "a length counted from the holiday"),
        ("春节后的一周内", "春节后的一周内", "a length counted from the holiday"),
        ("春节前一个月完成", "春节前一个月", "a length counted from the holiday"),
        ("春节后半个月内完成", "春节后半个月内", "a length counted from the holiday"),
        ("春节后几天内", "春节后几天内", "a length counted from the holiday"),
        ("春节后前三天", "春节后前三天", "a length counted from the holiday"),
        ("国庆节前一周完成", "国庆节前一周", "a length counted from the holiday"),
        # the range's start is reported with it (12月 was neither read nor reported)
        ("12月至春节前一周完成", "12月至春节前一周", "a length counted from the holiday"),
        ("节前完成", None, None),
        ("春节前第一个工作日", "春节前第一个工作日", "a length counted from the holiday"),
        ("春节后第二个工作日", "春节后第二个工作日", "a length counted from the holiday"),
        ("2026年春节后10日内", "2026年春节后10日内", "a length counted from the holiday"),
        ("2026年国庆节前3天", "2026年国庆节前3天", "a length counted from the holiday"),
        ("每到春节前开展走访", "春节前", "of every year"),
        ("每年的春节前", "春节前", "of every year"),
        ("历年春节后", "春节后", "of every year"),
        ("每年国庆节前完成", "国庆节前", "of every year"),
        ("中秋国庆前完成", "中秋国庆前", "several holidays for one 前"),
        ("元旦至春节前", "元旦至春节前", "a range from one holiday to another"),
        ("每次春节前", "春节前", "of every year"),
        ("每年11月至次年春节前", "每年11月至次年春节前", "of every year"),
        ("2025年“五一”劳动节前后", "2025年“五一”劳动节前后", "around the 五一 holiday"),
        ("2025年12月至2026年春节后", "2025年12月至2026年春节后", "ends a range after a holiday"),
        ("春节前至3月底", "春节前至3月底", "starts a range before a holiday"),
        ("春节后至2月10日", "春节后至2月10日", "the range ends before it starts"),
        ("春节后半年", "春节后半年", "a length counted from the holiday"),
        ("国庆节暨中秋节后", "国庆节暨中秋节后", "several holidays for one 后"),
        ("春节前3个工作日", "春节前3个工作日", "a length counted from the holiday"),
        ("每年12月至春节期间", "每年12月至春节期间", "a range of every year"),
        ("春节后至2025年1月", "春节后至2025年1月", "the range ends before it starts"),
        ("迎国庆期间开展", "迎国庆期间", "run-up to the 国庆 holiday"),
        ("喜迎春节期间", "迎春节期间", "run-up to the 春节 holiday"),
        ("2005年端午节前", "2005年端午节前", "no public holiday of 2005"),
    ],
)
def test_what_is_not_one_day_before_or_after(text, stretch, reason):
    result = find_when(text, reference=D(2025, 6, 1))

    assert not [f for f in result if f.offset > 0]  # nor a span of the count ("一周内")
    if stretch is None:
        assert list(result) == []
        assert result.unread == ()
        return
    assert [u.text for u in result.unread] == [stretch]
    assert reason in result.unread[0].reason


@pytest.mark.parametrize("text", ["春节后续保障", "做好春节后勤保障", "国庆后备力量", "强大后盾"])
def test_a_word_of_its_own_after_the_holiday_is_no_time(text):
    result = find_when(text, reference=D(2025, 6, 1))
    assert (list(result), result.unread) == ([], ())


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("春节后至3月底开展复工检查", D(2025, 6, 1), Period(D(2026, 2, 24), D(2026, 3, 31))),
        ("国庆节后至年底", D(2025, 6, 1), Period(D(2025, 10, 9), D(2025, 12, 31))),
        ("元旦后至春节前", D(2025, 11, 20), Period(D(2026, 1, 4), D(2026, 2, 14))),
        ("2026年春节后至3月底", D(2025, 11, 20), Period(D(2026, 2, 24), D(2026, 3, 31))),
        ("五一劳动节后", D(2025, 11, 20), Period(D(2026, 5, 6), None)),
        ("“五一”劳动节后", D(2025, 11, 20), Period(D(2026, 5, 6), None)),
        ("五一劳动节前", D(2025, 11, 20), Period(None, D(2026, 4, 30))),
        ("2026年“国庆”前", D(2025, 6, 1), Period(None, D(2026, 9, 30))),
        ("2026年度国庆节前", D(2025, 6, 1), Period(None, D(2026, 9, 30))),
        ("国庆节前", D(2025, 11, 1), Period(None, D(2026, 9, 30))),  # the coming one
        ("确保农民工工资春节前一次性足额支付到位", D(2025, 11, 20), Period(None, D(2026, 2, 14))),
        ("国庆节前一定要完成整改", D(2025, 3, 1), Period(None, D(2025, 9, 30))),
        ("春节后第一时间组织复工", D(2025, 11, 20), Period(D(2026, 2, 24), None)),
        ("适逢国庆节前", D(2025, 3, 1), Period(None, D(2025, 9, 30))),
        ("国庆节后至3月底", D(2025, 11, 20), Period(D(2026, 10, 8), D(2027, 3, 31))),
        ("2025年“五一”劳动节前完成", D(2025, 6, 1), Period(None, D(2025, 4, 30))),
        ("2025年“五一”劳动节期间", D(2025, 6, 1), Period(D(2025, 5, 1), D(2025, 5, 5))),
    ],
)
def test_ranges_from_a_holiday_and_its_other_names(text, reference, expected):
    assert only(text, reference) == expected


def test_a_year_the_calendar_lacks_is_read_once_its_notice_is_registered(clean_registry):
    year = covered_years().stop
    first = D(year, 2, 1) + dt.timedelta(days=(5 - D(year, 2, 1).weekday()) % 7)
    last = first + dt.timedelta(days=6)
    reference = D(year - 1, 12, 1)
    result = find_when("春节前完成，春节后开工", reference=reference)
    assert [u.text for u in result.unread] == ["春节前", "春节后"]
    assert "register the year's holiday notice" in result.unread[0].reason

    register_holiday_notice(
        read_holiday_notice(
            f"国务院办公厅关于{year}年部分节假日安排的通知\n"
            f"二、春节：{first.month}月{first.day}日至{last.day}日放假调休，共7天。"
        )
    )

    before, after = find_when("春节前完成，春节后开工", reference=reference)
    assert before.value == Period(None, first - ONE)
    assert after.value.start > last


@pytest.mark.parametrize(
    ("text", "found"),
    [("“五一”劳动节后开展", "“五一”劳动节后"), ("在五一劳动节前完成", "五一劳动节前")],
)
def test_may_day_s_two_names_are_one_phrase(text, found):
    [one] = find_when(text, reference=D(2025, 11, 20))
    assert (one.text, one.offset) == (found, text.index(found))


def test_the_eve_of_the_first_new_year_is_reported_not_raised():
    result = find_when("0001年元旦前完成", reference=D(2025, 1, 5))
    assert [u.text for u in result.unread] == ["0001年元旦前"]
    assert "outside the calendar" in result.unread[0].reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("春节假期后开工", Period(D(2026, 2, 24), None)),
        ("国庆长假期间加强值守", Period(D(2026, 10, 1), D(2026, 10, 7))),
        ("“五一”小长假期间", Period(D(2026, 5, 1), D(2026, 5, 5))),
        ("2026年春节假期期间", Period(D(2026, 2, 15), D(2026, 2, 23))),
        ("12月至春节假期前", Period(D(2025, 12, 1), D(2026, 2, 14))),
        ("2026年国庆假期后", Period(D(2026, 10, 8), None)),
    ],
)
def test_the_break_a_holiday_gives_is_the_holiday(text, expected):
    """春节假期, 国庆长假, “五一”小长假: the same days off as the holiday's name alone."""
    found = only(text, D(2025, 11, 20))
    assert found == expected
    phrase = find_when(text, reference=D(2025, 11, 20))[0].text
    assert phrase == text.removesuffix("加强值守").removesuffix("开工")


def test_a_year_before_a_holiday_named_without_one_must_be_the_holiday_s():
    """ "2026年要在春节前完成": the coming Spring Festival is 2026's, so the year agrees."""
    [year, spring] = find_when("2026年要在春节前完成", reference=D(2025, 11, 20))
    assert (year.text, spring.text, spring.value) == (
        "2026年",
        "春节前",
        Period(None, D(2026, 2, 14)),
    )
    # the coming National Day is 2026's, not the 2025 the sentence names: not read in either
    result = find_when("2025年各地要在国庆节前完成", reference=D(2025, 11, 20))
    assert [f.text for f in result] == ["2025年"]
    assert [u.text for u in result.unread] == ["国庆节前"]
    assert "names the holiday of 2026" in result.unread[0].reason


@given(
    reference=st.dates(D(YEARS.start, 1, 1), D(YEARS.stop - 2, 12, 31)),
    word=st.sampled_from(sorted(MOVING | FIXED)),
    since=st.sampled_from(["即日起至", "自即日起至", "从即日起到", "自本通知印发之日起至"]),
    marker=st.sampled_from(["前", "期间"]),
)
def test_from_the_plans_date_to_a_holiday(reference, word, since, marker):
    """ "即日起至春节期间" runs from the plan's date to the last day off of the holiday "春节期间"
    names; "即日起至春节前" to the deadline "春节前" is."""
    plain = only(f"要在{word}{marker}开展", reference)
    assert plain.end is not None
    if plain.end < reference:
        return  # a fixed holiday's 期间 under way: the coming 前 is next year's, 期间 this one
    value = only(f"{since}{word}{marker}开展走访", reference)
    assert value == Period(reference, plain.end)


@given(
    year=st.sampled_from(list(YEARS)),
    word=st.sampled_from(sorted(MOVING | FIXED)),
    lead=st.sampled_from(["至", "截至", "到", "直至"]),
)
def test_to_a_holiday_s_days_off_is_to_the_last_of_them(year, word, lead):
    """ "至2026年春节期间" (and without its year) is a deadline: the holiday's last day off."""
    _, last = holiday_days((MOVING | FIXED)[word], year)
    reference = D(year - 1, 11, 20)
    prefix = "工作持续" if lead == "到" else "持续"
    assert only(f"{prefix}{lead}{year}年{word}期间", reference) == Period(None, last)


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        # 关于做好2025年元旦春节期间有关工作的通知 and the like: "即日起至春节前" is common
        ("即日起至春节前开展走访慰问", "即日起至春节前", Period(D(2025, 11, 20), D(2026, 2, 14))),
        (
            "自即日起至春节期间，开展安全检查",
            "自即日起至春节期间",
            Period(D(2025, 11, 20), D(2026, 2, 23)),
        ),
        ("即日起至“五一”前", "即日起至“五一”前", Period(D(2025, 11, 20), D(2026, 4, 30))),
        ("值守持续至春节期间", "至春节期间", Period(None, D(2026, 2, 23))),
        ("截至国庆节前", "截至国庆节前", Period(None, D(2026, 9, 30))),
        (
            "即日起至2026年春节期间",
            "即日起至2026年春节期间",
            Period(D(2025, 11, 20), D(2026, 2, 23)),
        ),
        # 至 and 到 in words of their own: the holiday's days off, as before
        ("甚至春节期间也要值守", "春节期间", Period(D(2026, 2, 15), D(2026, 2, 23))),
        ("做到春节期间供应不断档", "春节期间", Period(D(2026, 2, 15), D(2026, 2, 23))),
        ("冬至春节期间", "春节期间", Period(D(2026, 2, 15), D(2026, 2, 23))),
    ],
)
def test_to_a_holiday(text, found, value):
    result = find_when(text, reference=D(2025, 11, 20))
    assert result.unread == ()
    assert [(f.text, f.value) for f in result] == [(found, value)]


@pytest.mark.parametrize("text", ["即日起至春节后", "工作持续到春节后", "至春节假期后"])
def test_to_after_a_holiday_is_reported(text):
    """ "至春节后" gives no day the period ends (it used to read as from the day after the break)."""
    result = find_when(text, reference=D(2025, 11, 20))
    assert [f.text for f in result] == []
    assert len(result.unread) == 1
    assert "runs to a time after a holiday" in result.unread[0].reason


@given(
    year=st.sampled_from(list(YEARS)),
    word=st.sampled_from(sorted(MOVING | FIXED)),
    words=st.sampled_from(["第一个工作日", "首个工作日", "上班第一天", "的第一个工作日"]),
    due=st.sampled_from(["", "前", "之前"]),
)
def test_the_first_working_day_after_a_holiday(year, word, words, due):
    """ "2026年春节后第一个工作日" is the first working day after the last day off (that day;
    with 前, the deadline), with its year or without (the coming one, as "春节后" is)."""
    _, last = holiday_days((MOVING | FIXED)[word], year)
    reference = D(year - 1, 11, 20)
    if (last + ONE).year > covered_years().stop - 1:
        return  # the day after lies in a year the calendar lacks
    value = only(f"请于{year}年{word}后{words}{due}报送", reference)
    day = value.end
    assert value == Period(None if due else day, day)
    assert last < day
    assert is_working_day(day)
    assert all(not is_working_day(last + ONE * k) for k in range(1, (day - last).days))
    # without its year: the holiday "后" alone names
    after = only(f"{word}后启动", reference)
    assert only(f"请于{word}后{words}{due}报送", reference).end == min(
        d for d in (after.start + ONE * k for k in range(15)) if is_working_day(d)
    )


@pytest.mark.parametrize(
    ("text", "reference", "day"),
    [
        # the State Council's notices: 2025 国庆 1-8 October; 2026 春节 15-23 February; 2026 元旦
        # 1-3 January, Sunday 4 January a working day; 2025 劳动节 1-5 May
        ("2025年国庆节后第一个工作日", D(2025, 9, 1), D(2025, 10, 9)),
        ("春节后上班第一天", D(2025, 11, 20), D(2026, 2, 24)),
        ("元旦后首个工作日", D(2025, 11, 20), D(2026, 1, 4)),
        ("2025年“五一”后第一个工作日", D(2025, 3, 1), D(2025, 5, 6)),
    ],
)
def test_the_first_working_day_of_real_notices(text, reference, day):
    assert only(text, reference) == Period(day, day)


@pytest.mark.parametrize(
    ("text", "found", "value"),
    [
        (
            "春节后第一个工作日至3月底",
            "春节后第一个工作日至3月底",
            Period(D(2026, 2, 24), D(2026, 3, 31)),
        ),
        (
            "12月至春节后第一个工作日",
            "12月至春节后第一个工作日",
            Period(D(2025, 12, 1), D(2026, 2, 24)),
        ),
        ("春节后第一个工作日起", "春节后第一个工作日起", Period(D(2026, 2, 24), None)),
        ("春节后第一个工作日后", "春节后第一个工作日后", Period(D(2026, 2, 25), None)),
        ("即日起直至春节期间", "即日起直至春节期间", Period(D(2025, 11, 20), D(2026, 2, 23))),
        ("直到春节期间", "直到春节期间", Period(None, D(2026, 2, 23))),
        ("推迟至国庆节后举行", "国庆节后", Period(D(2026, 10, 8), None)),
        # 至 and 到 in words of their own, with a year too
        (
            "做到2026年春节期间不发生重大事故",
            "2026年春节期间",
            Period(D(2026, 2, 15), D(2026, 2, 23)),
        ),
        ("甚至2026年国庆期间", "2026年国庆期间", Period(D(2026, 10, 1), D(2026, 10, 7))),
        ("起到春节期间保供稳价的作用", "春节期间", Period(D(2026, 2, 15), D(2026, 2, 23))),
        ("时至春节期间", "春节期间", Period(D(2026, 2, 15), D(2026, 2, 23))),
        ("2025年12月起到春节前", "2025年12月起到春节前", Period(D(2025, 12, 1), D(2026, 2, 14))),
        ("12月至“五一”劳动节前", "12月至“五一”劳动节前", Period(D(2025, 12, 1), D(2026, 4, 30))),
    ],
)
def test_around_the_first_working_day_and_until_words(text, found, value):
    result = find_when(text, reference=D(2025, 11, 20))
    assert result.unread == ()
    assert [(f.text, f.value) for f in result] == [(found, value)]


@pytest.mark.parametrize(
    ("text", "stretch"),
    [
        ("春节后第一个工作日前3天", "春节后第一个工作日前3天"),
        ("春节后第一个工作日的前一天", "春节后第一个工作日的前一天"),
        ("春节后第一个工作日前后", "春节后第一个工作日前后"),
        ("2026年春节后第一个工作日前3天", "2026年春节后第一个工作日前3天"),
        ("12月至春节后", "12月至春节后"),
    ],
)
def test_what_the_first_working_day_does_not_give(text, stretch):
    result = find_when(text, reference=D(2025, 11, 20))
    assert [f.text for f in result] == []
    assert [u.text for u in result.unread] == [stretch]


def test_a_count_after_a_holiday_the_calendar_lacks_is_no_length():
    """The count is refused before the calendar is asked ("春节后一周内" was a week's Span)."""
    reference = D(covered_years().stop, 3, 1)
    result = find_when("春节后一周内完成", reference=reference)
    assert [f.text for f in result] == []
    assert [u.text for u in result.unread] == ["春节后一周内"]
    assert "a length counted from the holiday" in result.unread[0].reason


@pytest.mark.parametrize(
    ("text", "stretch"),
    [
        ("春耕前完成", "春耕前"),
        ("2025年秋收后开展", "2025年秋收后"),
        ("利用冬闲至下一年春耕前完成", "至下一年春耕前"),
        ("至明年春耕前", "至明年春耕前"),
        ("三夏期间做好防火", "三夏期间"),
    ],
)
def test_a_season_of_farm_work_is_reported_not_read_as_a_year(text, stretch):
    """至下一年春耕前 was read as a period to the end of next year; 春耕 falls in spring, on no
    date the plan gives (a plan may register it, :class:`NamedPeriods`)."""
    result = find_when(text, reference=D(2025, 3, 20))
    assert [f.text for f in result] == []
    assert [u.text for u in result.unread] == [stretch]
    assert "dated by an event" in result.unread[0].reason


@pytest.mark.parametrize("text", ["做好春耕备耕", "春耕生产有序推进", "秋收工作"])
def test_a_season_of_farm_work_without_before_or_after_is_no_time(text):
    # guard: the work of the season, not a time
    result = find_when(text, reference=D(2025, 3, 20))
    assert list(result) == []
    assert list(result.unread) == []


def test_a_season_a_plan_registers_is_read():
    # guard: a named period goes before the event words
    named = NamedPeriods()
    named.register("春耕", Period(D(2025, 3, 1), D(2025, 5, 31)))
    [found] = find_when("春耕前完成", reference=D(2025, 3, 20), named=named)
    assert found.value.end == D(2025, 5, 31)


@pytest.mark.parametrize("text", ["做好麦收后茬作物播种", "抓好春播前茬处理", "夯实春耕前提"])
def test_a_farm_season_before_a_word_of_its_own_is_no_time(text):
    # guard: 后茬, 前茬, 前提 are words, not 后 or 前 of the season
    assert list(find_when(text, reference=D(2025, 3, 20)).unread) == []


@pytest.mark.parametrize(
    ("text", "stretch", "named"),
    [
        ("春耕生产前完成农资储备", "春耕生产前", "春耕"),
        ("秋收结束后开展土地整治", "秋收结束后", "秋收"),
        ("三夏大忙期间做好防火", "三夏大忙期间", "三夏"),
        ("春耕备耕前完成", "春耕备耕前", "春耕"),
        ("汛期到来前完成排查", "汛期到来前", "汛期"),
        ("主汛期结束后复核", "主汛期结束后", "主汛期"),
        ("三夏、三秋期间严禁焚烧秸秆", "三夏、三秋期间", "三夏、三秋"),
        ("春耕和秋收前后各开展一次", "春耕和秋收前后", "春耕、秋收"),
        ("秋收秋种期间严禁焚烧秸秆", "秋收秋种期间", "秋收、秋种"),
        ("秋收開始前召開動員會", "秋收開始前", "秋收"),
        ("秋种前完成农资储备", "秋种前", "秋种"),
    ],
)
def test_a_season_with_words_of_its_work_or_listed_with_others_is_reported(text, stretch, named):
    """春耕生产前, 秋收结束后, 三夏大忙期间 gave nothing (the season was not right before its
    marker), and 三夏、三秋期间 reported 三秋期间 alone (三夏 was left unsaid)."""
    result = find_when(text, reference=D(2025, 3, 20))
    assert [f.text for f in result] == []
    assert [u.text for u in result.unread] == [stretch]
    assert f"dated by an event ({named})" in result.unread[0].reason


@pytest.mark.parametrize(
    "text", ["春耕生产有序推进", "三夏和秋收工作", "防汛结束后复盘", "秋收开始"]
)
def test_a_season_s_work_without_its_marker_is_no_time(text):
    # guard: the words of the season's work without 前/后/期间 are no time, nor 防汛
    result = find_when(text, reference=D(2025, 3, 20))
    assert list(result) == []
    assert list(result.unread) == []


@pytest.mark.parametrize(
    ("text", "stretch", "start", "end"),
    [
        ("春耕生产前完成", "春耕生产前", None, D(2025, 5, 31)),
        ("春耕结束后开展", "春耕结束后", D(2025, 6, 1), None),
    ],
)
def test_a_registered_season_with_words_of_its_work_reads_as_the_season(text, stretch, start, end):
    # 春耕生产前 was read as 春耕 (the whole season) once a plan registered 春耕
    named = NamedPeriods()
    named.register("春耕", Period(D(2025, 3, 1), D(2025, 5, 31)))
    [found] = find_when(text, reference=D(2025, 3, 20), named=named)
    assert (found.text, found.value.start, found.value.end) == (stretch, start, end)


@pytest.mark.parametrize("text", ["汛期到来前完成", "汛期来临之前完成", "春耕开始前完成"])
def test_the_start_of_a_registered_season_is_reported(text):
    # 汛期到来前 was read as 汛期, the whole season, once a plan registered it
    named = NamedPeriods()
    named.register("汛期", Period(D(2025, 6, 1), D(2025, 9, 30)))
    named.register("春耕", Period(D(2025, 3, 1), D(2025, 5, 31)))
    result = find_when(text, reference=D(2025, 3, 20), named=named)
    assert list(result) == []
    [unread] = result.unread
    assert "counts from the start of" in unread.reason
