"""Numbers that share the unit of the last: "二、三季度", "3、6、9、12月底前", "2025、2026年".

Written this way the unit (and its part: 底, 末, 上旬 …) belongs to every number, as if written
out ("3、6月底前" is "3月底、6月底前"). Each was read as the last number alone: "二、三季度"
as the third quarter, "2025年二、三季度完成" as the whole of 2025 beside the third quarter,
"每年3、6、9、12月底前" as a yearly duty beside a one-off deadline in December.

Left as they were (guards, passing before and after): at the start of a line after a line
break, with nothing before the numbers and more words after them, "一、三季度工作情况" is a
heading's number and the third quarter, "1、3月底前完成摸底排查" an item's number and March; a
day or month after the unit ("3、6月30日", "2025、2026年3月") and numbers that are no such
window ("十三、12月") keep the last number's reading; after a year or a deadline's word, months
before a day ("2025年1、7月10日前", "不晚于1、7月10日") each take the day. A list running into the next year
("12、1、2月", read as February before, then reported) is read into it, as "12月至2月" is;
after 每年 it is reported.

In a plan the parser takes headings' numbers off and reads clauses by pieces, so "二、三季度各
开展一次" in a clause is two milestones and a 完成时限 "2025年二、三季度" is due at the end of
the third quarter (it was read as "2025年二", the whole year).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency, Period, PeriodSeries, find_when
from xiaojie.parsing import parse_plan


REF = dt.date(2025, 3, 20)
_CN = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN[n]
    return "十" + _CN[n - 10]


def _read(text: str) -> tuple[list[tuple[str, object]], list[str]]:
    found = find_when(text, reference=REF)
    return [(f.text, f.value) for f in found], [u.reason for u in found.unread]


def _values(text: str) -> tuple[list[object], list[str]]:
    found = find_when(text, reference=REF)
    return [f.value for f in found], [u.reason for u in found.unread]


UNITS = {
    "quarter": (range(1, 5), ["季度", "季度末", "季度初"]),
    "month": (
        range(1, 13),
        ["月", "月份", "月底", "月末", "月初", "月上旬", "月中旬", "月下旬", "月份底"],
    ),
    "year": (range(2020, 2031), ["年", "年底", "年度", "年末", "年初", "年上半年", "年下半年"]),
}


@st.composite
def shared_lists(draw: st.DrawFn) -> tuple[str, str]:
    """A list written with the unit once, and the same list written out."""
    kind = draw(st.sampled_from(sorted(UNITS)))
    values, units = UNITS[kind]
    unit = draw(st.sampled_from(units))
    numbers = draw(st.lists(st.sampled_from(list(values)), min_size=2, max_size=4, unique=True))
    numbers.sort()
    chinese = draw(st.lists(st.booleans(), min_size=len(numbers), max_size=len(numbers)))
    spelled = [
        _cn(n) if c and kind != "year" else str(n) for n, c in zip(numbers, chinese, strict=True)
    ]
    if kind == "quarter" and draw(st.booleans()):
        spelled = ["第" + s for s in spelled]
    year = "" if kind == "year" else draw(st.sampled_from(["", "2025年", "今年", "明年", "2027年"]))
    lead = draw(st.sampled_from(["各地", "请各县区", "完成时限：", "并于", "要在", "，", "\n于"]))
    prefix = draw(st.sampled_from(["", "于", "在", "截至", "自", "从", "到"]))
    suffix = draw(st.sampled_from(["", "前", "以前", "之前", "起", "后", "内", "期间"]))
    if suffix == "期间" and unit[-1] in "初中末":
        suffix = ""  # 初期间, 末期间: 初期 and 末期 are words of their own
    tail = draw(st.sampled_from(["", "完成", "报送。", "开展", "，", "。"]))
    before = lead + prefix + year
    if before.endswith(("各地", "请各县区")) and spelled[0][0] in _CN:
        # after a word the written-out list's first numeral is part of it ("各地三月"): not
        # read, where the list is ("各地三、5月", see test_after_a_word below)
        spelled[0] = str(numbers[0])
    after = suffix + tail
    shared = before + "、".join(spelled[:-1]) + "、" + spelled[-1] + unit + after
    written = before + "、".join(s + unit for s in spelled) + after
    return shared, written


@given(shared_lists())
def test_a_shared_unit_reads_as_the_list_written_out(case: tuple[str, str]) -> None:
    shared, written = case
    assert _values(shared) == _values(written)


@given(
    st.lists(st.integers(1, 12), min_size=2, max_size=4, unique=True).map(sorted),
    st.integers(1, 28),
    st.sampled_from(["前", "", "以前"]),
    st.sampled_from(["2025年", "明年", "今年", "不晚于"]),
    st.sampled_from(["各地", "完成时限：", "并于", "，"]),
)
def test_months_sharing_a_day_read_as_the_dates_written_out(
    months: list[int], day: int, before: str, year: str, lead: str
) -> None:
    """2025年1、7月10日前 is 2025年1月10日、7月10日前 (it was read as the whole of 2025 beside
    7月10日前, the 1 dropped); so after a deadline's word (不晚于1、7月10日)."""
    shared = lead + year + "、".join(map(str, months)) + f"月{day}日{before}报送"
    written = lead + year + "、".join(f"{m}月{day}日" for m in months) + f"{before}报送"
    values, unread = _values(shared)
    assert (values, unread) == _values(written)
    assert not unread
    [value] = values
    assert isinstance(value, PeriodSeries)
    assert [(p.end.month, p.end.day) for p in value if p.end is not None] == [
        (m, day) for m in months
    ]
    assert all(p.start is None for p in value) == (bool(before) or year == "不晚于")


@given(
    st.sampled_from([(2, [6, 12]), (4, [3, 6, 9, 12]), (4, [1, 4, 7, 10]), (2, [5, 11])]),
    st.sampled_from(["底", "月底", "末", "", "上旬", "下旬"]),
    st.sampled_from(["前", "", "之前"]),
    st.sampled_from(["报送", "开展", "。"]),
)
def test_each_year_a_shared_unit_is_the_duty_written_out(
    listed: tuple[int, list[int]], part: str, before: str, tail: str
) -> None:
    _, months = listed
    part = part.removeprefix("月")
    shared = "每年" + "、".join(str(m) for m in months) + "月" + part + before + tail
    written = "每年" + "、".join(f"{m}月" + part for m in months) + before + tail
    assert _values(shared) == _values(written)
    values, unread = _values(shared)
    if part in {"底", "末", ""}:
        assert not unread
        assert len(values) == 1
        assert isinstance(values[0], Cadence)


@pytest.mark.parametrize(
    ("text", "quoted", "periods"),
    [
        ("二、三季度", "二、三季度", [(4, 1, 6, 30), (7, 1, 9, 30)]),
        ("完成时限：2025年二、三季度", "2025年二、三季度", [(4, 1, 6, 30), (7, 1, 9, 30)]),
        ("第一、二季度完成", "第一、二季度", [(1, 1, 3, 31), (4, 1, 6, 30)]),
        ("并于一、三季度末报送", "一、三季度末", [(3, 1, 3, 31), (9, 1, 9, 30)]),
        ("各地6、7月份集中开展", "6、7月份", [(6, 1, 6, 30), (7, 1, 7, 31)]),
        ("上、下半年各开展一次", "上、下半年", [(1, 1, 6, 30), (7, 1, 12, 31)]),
        ("上、下半年末", "上、下半年末", [(6, 1, 6, 30), (12, 1, 12, 31)]),
        ("6月5、6、7日召开", "6月5、6、7日", [(6, 5, 6, 5), (6, 6, 6, 6), (6, 7, 6, 7)]),
        ("1月、3、4月", "1月、3、4月", [(1, 1, 1, 31), (3, 1, 3, 31), (4, 1, 4, 30)]),
    ],
)
def test_examples_in_the_reference_year(
    text: str, quoted: str, periods: list[tuple[int, int, int, int]]
) -> None:
    found, unread = _read(text)
    assert not unread
    expected = PeriodSeries(
        [Period(dt.date(2025, a, b), dt.date(2025, c, d)) for a, b, c, d in periods]
    )
    assert found == [(quoted, expected)]


@pytest.mark.parametrize(
    ("text", "quoted", "ends"),
    [
        ("请于3、6、9、12月底前报送", "3、6、9、12月底前", [(2025, 3, 31), (2025, 6, 30), (2025, 9, 30), (2025, 12, 31)]),
        ("2025、2026年底前完成", "2025、2026年底前", [(2025, 12, 31), (2026, 12, 31)]),
        ("二〇二四、二〇二五年底前", "二〇二四、二〇二五年底前", [(2024, 12, 31), (2025, 12, 31)]),
        ("完成时限：2025、2026年前", "2025、2026年前", [(2025, 12, 31), (2026, 12, 31)]),
    ],
)  # fmt: skip
def test_examples_of_deadlines(text: str, quoted: str, ends: list[tuple[int, int, int]]) -> None:
    found, unread = _read(text)
    assert not unread
    assert found == [(quoted, PeriodSeries([Period(None, dt.date(*end)) for end in ends]))]


def test_every_year_each_quarter() -> None:
    found, unread = _read("每年3、6、9、12月底前报送")
    assert not unread
    assert found == [
        (
            "每年3、6、9、12月底前",
            Cadence(frequency=Frequency.QUARTERLY, due_month=3, due_day=None),
        )
    ]


@pytest.mark.parametrize(
    "text", ["每年一、三季度末报送", "每年上、下半年各报送一次", "每年上半年、三、四季度各开展一次"]
)
def test_parts_of_each_year_listed_are_reported_as_written_out(text: str) -> None:
    # as "每年上半年和下半年各报送一次": a list of parts of each year is not read
    found, unread = _read(text)
    assert found == []
    assert len(unread) == 1
    assert "a list of parts of each year is not read" in unread[0]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("工作总结\n一、三季度工作情况", "三季度"),  # a heading's number and the third quarter
        ("工作总结\n\u3000\u3000三、四季度重点工作", "四季度"),
        ("工作安排\n1、3月底前完成摸底排查", "3月底前"),  # an item's number
        ("会上、下半年工作要点", "下半年"),  # 会上 is a word
        ("配套比例1:1、6月底前拨付到位", "6月底前"),  # a ratio, not a label's colon
        ("是重点项目之一、3月底前开工", "3月底前"),  # 之一
        ("做到统一、三月底前完成", "三月底前"),  # 统一
        ("3、6月30日前", "6月30日前"),  # with no year before it, 3 may be a step's number
        ("2025、2026年3月", "2026年3月"),  # the month may be the last year's alone
        ("十三、12月", "12月"),  # 13 is no month
        ("2、3个月内完成", "3个月内"),  # lengths, not windows
    ],
)
def test_left_as_the_last_number(text: str, quoted: str) -> None:
    found, unread = _read(text)
    assert not unread
    assert [q for q, _ in found] == [quoted]


def test_numbered_steps_with_dates_keep_their_numbers() -> None:
    # 1、 and 2、 number the steps: not January nor February
    found, unread = _read("县民政局负责，1、6月30日前完成摸底；2、7月31日前完成录入。")
    assert not unread
    assert [q for q, _ in found] == ["6月30日前", "7月31日前"]


@pytest.mark.parametrize(
    "text", ["2025年1、7月10日、20日前", "2025年1、7月10日和20日前", "不晚于1、7月10日、20日"]
)
def test_months_before_several_days_are_reported(text: str) -> None:
    # which days of January? (read as the whole of 2025 beside July's days, the 1 dropped)
    found, unread = _read(text + "报送")
    assert found == []
    assert len(unread) == 1
    assert "months listed before several days" in unread[0]


@pytest.mark.parametrize("lead", ["请于", "并于", "要在", "于"])
def test_months_sharing_a_day_after_the_word_dating_a_step(lead: str) -> None:
    # 于 or 在 dates the step: 1 is January, not the step's number
    [(quoted, value)] = _read(f"各地{lead}1、7月10日前报送")[0]
    assert quoted == "1、7月10日前"
    assert isinstance(value, PeriodSeries)
    assert [p.end for p in value] == [dt.date(2025, 1, 10), dt.date(2025, 7, 10)]


@pytest.mark.parametrize("text", ["一、二级", "第一、二批", "第1、2条", "二、三产业", "第3、4个月"])
def test_lists_of_other_numbers_are_no_time(text: str) -> None:
    assert _read(text) == ([], [])


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("一、三季度工作情况", "一、三季度"),  # a heading passed alone has its number taken off
        ("1、2月份完成摸底排查", "1、2月份"),  # a clause's sentence
        ("总结\n二、三季度", "二、三季度"),  # a line holding only the list (a table's cell)
        ("全县上、下半年各开展一次集中排查", "上、下半年"),
        ("完成时限:1、4、7、10月底", "1、4、7、10月底"),  # a label's colon
        ("各地二〇二三、二〇二四、二〇二五年分别完成", "二〇二三、二〇二四、二〇二五年"),
        # a year list before a month list: the months are the last year's
        ("2025、2026年3、6、9、12月底前", "2026年3、6、9、12月底前"),
        ("2025、2026年上、下半年", "2026年上、下半年"),
        ("总结\n二、三季度。", "二、三季度"),
    ],
)
def test_the_list_at_the_start_of_the_text_or_alone_on_its_line(text: str, quoted: str) -> None:
    found, unread = _read(text)
    assert not unread
    assert [q for q, _ in found] == [quoted]


def test_a_plan_clause_and_a_deadline_with_a_shared_unit() -> None:
    text = (
        "某县工作方案\n发文时间:2025年3月1日\n一、重点任务\n"
        "（一）开展动态监测。二、三季度各开展一次集中排查。（责任单位：县农业农村局）\n"
        "（二）加强资产管理。（责任单位：县财政局；完成时限：2025年二、三季度）\n"
        "（三）开展排查。各乡镇第一、第二、第三、第四季度各开展一次集中排查。（责任单位：县民政局）\n"
    )
    plan = parse_plan(text).plan
    assert sorted((m.task, m.due) for m in plan.milestones) == [
        (1, dt.date(2025, 6, 30)),
        (1, dt.date(2025, 9, 30)),
        (2, dt.date(2025, 9, 30)),
        (3, dt.date(2025, 3, 31)),
        (3, dt.date(2025, 6, 30)),
        (3, dt.date(2025, 9, 30)),
        (3, dt.date(2025, 12, 31)),
    ]


@pytest.mark.parametrize(
    ("deadline", "due", "text"),
    [
        ("2026年6月底前、2025年12月底前", dt.date(2026, 6, 30), "2026年6月底前、2025年12月底前"),
        ("2025年底前、每季度", dt.date(2025, 12, 31), "2025年底前"),
    ],
)
def test_a_deadline_naming_several_dates_is_due_at_the_latest(
    deadline: str, due: dt.date, text: str
) -> None:
    clause = f"发文时间:2025-03-05\n一、任务\n1.报送进展。(牵头单位:县财政局;完成时限:{deadline})\n"
    [milestone] = parse_plan(clause).plan.milestones
    assert (milestone.due, milestone.when.text) == (due, text)


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("各地三、五、十月底前。", "三、五、十月底前"),
        ("全省一、二季度完成", "一、二季度"),
        ("请各县区一、三、四季度初报送。", "一、三、四季度初"),
    ],
)
def test_after_a_word(text: str, quoted: str) -> None:
    # a list in Chinese numerals after a word is read whole ("各地三月" alone is not read:
    # 统一季度报表 holds 一季度)
    found, unread = _read(text)
    assert not unread
    assert [q for q, _ in found] == [quoted]
    value = found[0][1]
    assert isinstance(value, PeriodSeries)
    assert len(value) == quoted.count("、") + 1


def test_a_quarter_inside_a_word_is_still_no_time() -> None:
    # guard
    assert _read("统一季度报表格式") == ([], [])


@pytest.mark.parametrize(
    ("text", "quoted", "starts"),
    [
        ("12、1、2月", "12、1、2月", [(2025, 12), (2026, 1), (2026, 2)]),
        (
            "冬季（11、12、1、2、3月）供暖",
            "11、12、1、2、3月",
            [(2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3)],
        ),
        ("四、一季度", "四、一季度", [(2025, 10), (2026, 1)]),
        ("分别于10、4月开展春秋季检查", "10、4月", [(2025, 10), (2026, 4)]),
        ("2024年12、1月底前", "2024年12、1月底前", [(2024, 12), (2025, 1)]),
    ],
)
def test_a_list_running_into_the_next_year_is_read_into_it(
    text: str, quoted: str, starts: list[tuple[int, int]]
) -> None:
    # as "12月至2月" ends in the next year (it was reported: the years are not named)
    found = find_when(text, reference=REF)
    assert not found.unread
    assert [f.text for f in found] == [quoted]
    value = found[0].value
    assert isinstance(value, PeriodSeries)
    assert [((p.start or p.end).year, (p.start or p.end).month) for p in value] == starts


@pytest.mark.parametrize("text", ["每年12、1、2月开展走访", "每年四、一季度", "每年3、2月底前"])
def test_each_year_a_list_running_into_the_next_is_still_reported(text: str) -> None:
    # guard: no duty of each year is read from it
    found = find_when(text, reference=REF)
    assert list(found) == []
    assert "do not run forward" in found.unread[0].reason


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("2025、2026年3项任务", "2025、2026年"),  # a count after the years, not a month
        ("在2025、2026年12个县推广", "2025、2026年"),
        ("正月初一、二月二龙抬头", None),  # 初一 is a day of the lunar calendar
    ],
)
def test_numbers_after_the_list_that_are_not_its_part(text: str, quoted: str | None) -> None:
    found, unread = _read(text)
    assert not unread
    assert [q for q, _ in found] == ([quoted] if quoted else [])


@pytest.mark.parametrize("item", ["二〇二三、", "3、", "第二、"])
def test_a_very_long_list_is_no_list_and_no_error(item: str) -> None:
    # more numbers than the months of a year share no unit; no RecursionError, no error at all
    text = "各地" + item * 1100 + item.rstrip("、") + ("年" if "〇" in item else "季度")
    found = find_when(text, reference=REF)
    assert len(found) <= 1
    assert len(found.unread) <= 1


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("安排\n1、3、6月底前完成", "3、6月底前"),  # item 1, then its list
        ("安排\n12、1、2月开展冬季巡查", "1、2月"),
    ],
)
def test_a_list_after_a_heading_number(text: str, quoted: str) -> None:
    found, unread = _read(text)
    assert not unread
    assert [q for q, _ in found] == [quoted]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("安排\n3、6、9、12月底前报送", "3、6、9、12月底前"),
        ("安排\n1、4、7、10月底前报送", "1、4、7、10月底前"),
        ("安排\n一、二、三季度开展督查", "一、二、三季度"),
    ],
)
def test_an_evenly_spaced_list_at_a_line_start_is_reported(text: str, quoted: str) -> None:
    # the first number continues the list's step: a heading's number or the list's first
    found = find_when(text, reference=REF)
    assert list(found) == []
    assert [u.text for u in found.unread] == [quoted]
