"""Days that stamp a page, times of day after a day, and milestones that only say "done".

A page copied from a government site keeps its stamps: ``发布时间: 2019-02-20 11:02``,
``颁布时间:2016-04-06 00:00:00.000``, ``发布:2019-04-17浏览:3013``, ``2023-01-05 10:00 区人民政府办公室``.
Each made a milestone of the plan titled by the stamp's residue ("11", "00", "浏览") and due on
the day the page went up, and the clock's digits were reported as numbers of no target. A time
of day after a day (``于2025年6月30日14:30召开推进会``) split the clause at its colon: the milestone
was titled "于14". A number alone on its line (a table's cell, ``11``) was joined with a next line
that began with 月 (``月浦镇``, a town) into "11月". A milestone whose words only say the work
is done (``6月底前完成``) was titled "完成"; it takes its task's title.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.dates import find_when
from xiaojie.parsing import parse_plan
from xiaojie.parsing._input import join_broken_times
from xiaojie.parsing._text import split_clauses


HEAD = "某县2025年防返贫监测帮扶工作方案\n2025年3月10日\n\n"
BODY = "一、重点任务\n（一）开展排查。6月底前完成（责任单位：县民政局）。\n"


@pytest.mark.parametrize(
    "stamp",
    [
        "湖南省人民政府门户网站 www.hunan.gov.cn 发布时间: 2025-03-10 11:02 【字体:",
        "颁布时间:2025-03-10 00:00:00.000 发文单位:某县人民政府办公室",
        "栏目:策划方案发布:2025-03-10浏览:3013下载230次收藏",
        "2025-03-10 10:00 县人民政府办公室",
    ],
)
def test_a_page_s_stamp_makes_no_milestone(stamp: str) -> None:
    result = parse_plan(HEAD + stamp + "\n" + BODY)
    assert [m.due for m in result.plan.milestones] == [dt.date(2025, 6, 30)]
    on_stamp = [n for n in result.report.notes if n.line == 4]
    assert not [n for n in on_stamp if n.kind.value == "unattached_date"]
    # (the page's counts, 浏览:3013, are still reported; the clock's digits are not)
    numbers = [n.phrase for n in on_stamp if n.kind.value == "unattached_number"]
    assert not [n for n in numbers if n.startswith(("00", "02", "10"))]


@pytest.mark.parametrize(
    ("item", "title", "due"),
    [
        # guard: a day after an item's own key stays its deadline
        (
            "（一）开展排查（责任单位：县民政局）。完成时间：2025年6月30日",
            "开展排查",
            dt.date(2025, 6, 30),
        ),
        # a meeting's day and hour: the hour is part of the time phrase
        (
            "（一）召开推进会。于2025年6月30日14:30召开推进会（责任单位：县民政局）。",
            "召开推进会",
            dt.date(2025, 6, 30),
        ),
        (
            "（一）召开推进会。于2025年6月30日上午9时召开推进会（责任单位：县民政局）。",
            "召开推进会",
            dt.date(2025, 6, 30),
        ),
    ],
)
def test_days_of_the_plan_s_work_stay_milestones(item: str, title: str, due: dt.date) -> None:
    result = parse_plan(HEAD + "一、重点任务\n" + item + "\n")
    assert [(m.title, m.due) for m in result.plan.milestones] == [(title, due)]
    assert not [n for n in result.report.notes if n.kind.value == "unattached_number"]


def test_a_number_alone_on_its_line_is_not_joined_to_a_line_beginning_with_yue() -> None:
    assert join_broken_times(["杨行镇", "11", "月浦镇"]) == ["杨行镇", "11", "月浦镇"]
    text = HEAD + "一、重点任务\n（一）垃圾分类（责任单位：县城管局）。\n序号\n11\n月浦镇\n"
    assert parse_plan(text).plan.milestones == ()


def test_a_colon_between_an_hour_and_its_minutes_does_not_end_a_clause() -> None:
    text = (
        "于6月30日14:30召开,8:00-12:00集中排查,步骤1:3月底前完成,步骤2:12月底前,责任单位:县民政局"
    )
    clauses, _ = split_clauses(text)
    assert [text[c.start : c.end] for c in clauses] == [
        "于6月30日14:30召开",
        "8:00-12:00集中排查",
        "步骤1",  # a label's number before a month: the colon is the label's
        "3月底前完成",
        "步骤2",
        "12月底前",
        "责任单位",
        "县民政局",
    ]


_CLOCKS = st.one_of(
    st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]}:{t[1]:02d}"),
    st.tuples(
        st.sampled_from(["", "上午", "下午", "晚上"]),
        st.integers(1, 12),
        st.sampled_from(["时", "点", "点半", "时30分"]),
    ).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
)


@given(
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    _CLOCKS,
    st.sampled_from(["", "前"]),
)
def test_a_time_of_day_after_a_day_is_part_of_its_phrase(
    day: dt.date, clock: str, before: str
) -> None:
    written = f"{day.year}年{day.month}月{day.day}日"
    plain = find_when(f"于{written}{before}召开会议", reference=dt.date(2025, 3, 10))
    timed = find_when(f"于{written}{clock}{before}召开会议", reference=dt.date(2025, 3, 10))
    assert [f.value for f in timed] == [f.value for f in plain]
    assert [f.text for f in timed] == [f"{written}{clock}{before}"]


@pytest.mark.parametrize(
    ("item", "titles"),
    [
        ("（一）开展排查。6月底前完成（责任单位：县民政局）。", ["开展排查"]),
        ("（一）开展排查。县民政局负责，6月底前完成，9月底前验收。", ["开展排查", "验收"]),
        # guards: words of their own stay the milestone's title, and so do words telling
        # stages apart
        ("（一）开展排查。6月底前完成摸底（责任单位：县民政局）。", ["完成摸底"]),
        (
            "（一）开展排查。县民政局负责，2025年6月底前基本完成，2025年12月底前全面完成。",
            ["基本完成", "全面完成"],
        ),
    ],
)
def test_a_milestone_that_only_says_done_takes_its_task_s_title(
    item: str, titles: list[str]
) -> None:
    # 6月底前完成 made a milestone titled 完成
    plan = parse_plan(HEAD + "一、重点任务\n" + item + "\n").plan
    assert [m.title for m in plan.milestones] == titles


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("6月30日三点要求", "6月30日"),  # three points, not three o'clock
        ("6月30日3点位", "6月30日"),
        ("6月30日十点", "6月30日"),
        ("6月30日上午九点", "6月30日上午九点"),
        ("6月30日九时", "6月30日九时"),
        ("6月30日8:00-12:00集中排查", "6月30日8:00-12:00"),
    ],
)
def test_an_hour_is_read_only_where_it_is_one(text: str, found: str) -> None:
    assert [f.text for f in find_when(text, reference=dt.date(2025, 3, 10))] == [found]


def test_a_day_s_hours_are_not_the_milestone_s_title() -> None:
    item = "（一）开展排查。于2025年6月30日8:00-12:00集中排查（责任单位：县民政局）。"
    plan = parse_plan(HEAD + "一、重点任务\n" + item + "\n").plan
    assert [(m.title, m.due) for m in plan.milestones] == [("集中排查", dt.date(2025, 6, 30))]


@pytest.mark.parametrize(
    "item",
    [
        "（一）开展排查（责任单位：县民政局）。截止日期：2025/6/30 18:00",
        "（一）开展排查（责任单位：县民政局）。截止时间：2025-06-30 17:00",
    ],
)
def test_a_day_and_hour_inside_an_item_stay_its_deadline(item: str) -> None:
    # guard: only the words above the items are a page's; 截止日期, 截止时间 are deadline labels
    plan = parse_plan(HEAD + "一、重点任务\n" + item + "\n").plan
    assert [(m.title, m.due) for m in plan.milestones] == [("开展排查", dt.date(2025, 6, 30))]


def test_a_deadline_broken_after_a_number_alone_on_its_line_is_joined() -> None:
    # guard: a table flattened one cell a line, its deadline broken after the month's number
    text = (
        "某县2025年重点工作责任分解\n\n2025年3月1日\n\n序号\n工作任务\n责任单位\n完成时限\n"
        "1\n开展低保对象排查。\n县民政局\n12\n月底前\n2\n开展技能培训。\n县人社局\n9月底前\n"
    )
    plan = parse_plan(text).plan
    assert [m.due for m in plan.milestones] == [dt.date(2025, 12, 31), dt.date(2025, 9, 30)]


@pytest.mark.parametrize("label", ["截止日期", "截止时间", "完成日期", "办结时间"])
def test_more_deadline_labels_are_read_in_items_and_tables(label: str) -> None:
    # these labels' days were attached to nothing (in an item) or dropped (a table's column)
    item = f"（一）开展排查。{label}：2025年6月30日（责任单位：县民政局）。"
    plan = parse_plan(HEAD + "一、重点任务\n" + item + "\n").plan
    assert [m.due for m in plan.milestones] == [dt.date(2025, 6, 30)]
    table = (
        f"某县2025年重点工作责任分解\n2025年3月1日\n\n序号\t工作任务\t责任单位\t{label}\n"
        "1\t开展低保对象排查\t县民政局\t2025年6月30日\n2\t开展技能培训\t县人社局\t2025年9月底前\n"
    )
    plan = parse_plan(table).plan
    assert [m.due for m in plan.milestones] == [dt.date(2025, 6, 30), dt.date(2025, 9, 30)]


def test_a_row_s_number_alone_on_its_line_is_not_joined_to_its_task() -> None:
    # guard: 1 / 年内完成… read as the phrase 1年内 glued the row's number to its task
    text = (
        "某县2025年重点工作责任分解\n\n2025年3月1日\n\n序号\n工作任务\n责任单位\n完成时限\n"
        "1\n年内完成老旧小区改造。\n县住建局\n12月底前\n2\n开展技能培训。\n县人社局\n9月底前\n"
    )
    plan = parse_plan(text).plan
    assert [(t.title, [r.owner.name for r in t.responsibilities]) for t in plan.tasks] == [
        ("年内完成老旧小区改造", ["县住建局"]),
        ("开展技能培训", ["县人社局"]),
    ]
    # (the first task's 年内完成 is a milestone of its words too)
    assert [(m.task, m.due) for m in plan.milestones if m.id.endswith("deadline")] == [
        (1, dt.date(2025, 12, 31)),
        (2, dt.date(2025, 9, 30)),
    ]


def test_a_page_s_stamp_below_the_last_item_makes_no_milestone() -> None:
    text = HEAD + BODY + "附件下载\n发布：2025-03-12浏览：3013\n"
    assert [m.due for m in parse_plan(text).plan.milestones] == [dt.date(2025, 6, 30)]


def test_the_numbers_of_a_phrase_reported_unread_are_not_reported_again() -> None:
    item = "（一）开展培训。每周三9:00开展培训（责任单位：县人社局）。"
    notes = parse_plan(HEAD + "一、重点任务\n" + item + "\n").report.notes
    assert [(n.kind.value, n.phrase) for n in notes if n.kind.value != "new_unit"] == [
        ("bad_date", "每周三9:00")
    ]


def test_an_item_s_words_about_pages_are_no_page_s_counters() -> None:
    # guard: 字体, 浏览量 in an item's words; the day after them stays the item's
    item = "（一）优化网页字体：截止时间2025-06-30 18:00（责任单位：县融媒体中心）。"
    plan = parse_plan(HEAD + "一、重点任务\n" + item + "\n").plan
    assert [m.due for m in plan.milestones] == [dt.date(2025, 6, 30)]
