"""A line break inside a time phrase, and due dates listed after 每年, read by the parser.

A text wrapped by hand or copied from a printed page breaks lines anywhere, inside a date too
("2025年7月上" / "旬前完成"): the plan must read the same as with the line whole. A duty due
"每年6月底和12月底前" is one half-yearly obligation, not a yearly one plus a milestone.
"""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from xiaojie.dates import Cadence, Frequency
from xiaojie.parsing import parse_plan
from xiaojie.parsing._input import join_broken_times


REF = dt.date(2025, 3, 1)
HEAD = "宁夏某县2025年工作方案\n\n一、重点任务\n"
DUTY = "(县乡村振兴局牵头，各乡镇配合)"


def _plan(body: str) -> str:
    return f"{HEAD}(一)开展排查。{body}{DUTY}\n(二)推进整改。2025年12月底前完成。{DUTY}\n"


def _dates(text: str) -> list[tuple[str, object, int | None]]:
    plan = parse_plan(text, reference=REF).plan
    return [(m.title, m.when, m.task) for m in plan.milestones]


@st.composite
def broken(draw: st.DrawFn) -> tuple[str, str]:
    """A clause with a time phrase, and the same with a line break inside the phrase."""
    month = draw(st.integers(1, 12))
    part = draw(st.sampled_from(["上旬", "中旬", "下旬", "底", "", "15日"]))
    marker = draw(st.sampled_from(["前", ""])) if part else "底前"
    phrase = f"2025年{month}月{part}{marker}"
    cut = draw(st.integers(1, len(phrase) - 1))
    clause = "各乡镇完成一次全面排查。"
    return phrase + clause, phrase[:cut] + "\n" + phrase[cut:] + clause


@given(broken())
def test_a_break_inside_a_time_phrase_reads_as_the_whole_line(case: tuple[str, str]) -> None:
    whole, cut = case
    assert _dates(_plan(cut)) == _dates(_plan(whole))


@st.composite
def broken_twice(draw: st.DrawFn) -> tuple[str, str]:
    """A clause with a time phrase, and the same with two line breaks inside the phrase."""
    whole, _ = draw(broken())
    phrase = whole.removesuffix("各乡镇完成一次全面排查。")
    first, second = sorted(
        draw(st.lists(st.integers(1, len(phrase) - 1), min_size=2, max_size=2, unique=True))
    )
    middle = phrase[first:second]
    # a number alone on its line is joined only when the phrase goes on two characters past
    # it (15 / 日前): before a line that does not go on with 月/日 (1 / 2025年…) or before 日
    # alone (3 / 日常监测预警) it is a table's row number
    assume(not middle.isdigit() or (phrase[second] in "月日" and len(phrase) - second >= 2))
    cut = f"{phrase[:first]}\n{middle}\n{phrase[second:]}"
    return whole, cut + "各乡镇完成一次全面排查。"


@given(broken_twice())
def test_a_phrase_broken_twice_reads_as_the_whole_line(case: tuple[str, str]) -> None:
    # (每月 / 15 / 日前: the lone number in the middle joined neither line)
    whole, cut = case
    assert _dates(_plan(cut)) == _dates(_plan(whole))


def test_a_monthly_day_broken_around_its_number_is_one_duty() -> None:
    lines = ["(一)开展排查。各乡镇每月", "15", "日前报送进展。"]
    assert join_broken_times(lines) == ["(一)开展排查。各乡镇每月15日前报送进展。", "", ""]
    # guards: a row's number after words, before a town's name, stays on its line; a lone
    # number before a line that does not go on with 月/日 is a row's number
    assert join_broken_times(["各乡镇", "1", "月浦镇"]) == ["各乡镇", "1", "月浦镇"]
    assert join_broken_times(["每月", "1", "2025年底前完成"]) == ["每月", "1", "2025年底前完成"]
    # a row's number before a task that opens with 日 or 月 (日常, 月度) after a date
    for lines in (
        ["县民政局", "2025年12月", "3", "日常监测预警"],
        ["县民政局", "每月", "3", "日常走访"],
        ["县民政局", "每年", "3", "月度调度"],
        ["县民政局", "6月", "3", "日完成"],
        ["县民政局", "每月", "三", "日常走访"],
    ):
        assert join_broken_times(lines) == lines


def test_the_break_keeps_line_numbers() -> None:
    text = _plan("2025年7月上\n旬前完成排查。").replace("2025年12月底前", "2025年2月30日前")
    result = parse_plan(text, reference=REF)
    [first] = result.plan.milestones
    assert first.when.end == dt.date(2025, 7, 10)
    # the impossible date of the second task is on line 6 of the text, as written
    [impossible] = [note for note in result.report.notes if "2月30日" in note.message]
    assert impossible.line == 6


def test_lines_are_joined_only_across_a_phrase() -> None:
    lines = [
        "(一)开展排查。2025年7月上",  # joined: 上 / 旬
        "旬前完成。",
        "完成时限:2025年",  # kept: no phrase runs on into the next line
        "各乡镇配合。",
        "于2025年6月底前。",  # kept: a sentence ends
        "7月底前完成。",
        "一、2025年",  # kept: the next line is a new item
        "1.8月底前完成",
    ]
    assert join_broken_times(lines) == [
        "(一)开展排查。2025年7月上旬前完成。",
        "",
        *lines[2:],
    ]


def test_twice_a_year_is_one_half_yearly_obligation() -> None:
    plan = parse_plan(
        _plan("每年6月底和12月底前，各乡镇完成一次全面排查并报送结果。"), reference=REF
    ).plan
    [duty] = [o for o in plan.obligations if o.task == 1]
    assert isinstance(duty.cadence, Cadence)
    assert (duty.cadence.frequency, duty.cadence.due_month) == (Frequency.HALF_YEARLY, 6)
    assert [m.task for m in plan.milestones] == [2]


def test_an_uneven_list_is_noted_not_split() -> None:
    result = parse_plan(_plan("各乡镇每年6月底和11月底前完成一次全面排查。"), reference=REF)
    assert [o for o in result.plan.obligations if o.task == 1] == []
    assert [m.task for m in result.plan.milestones] == [2]
    assert any("每年6月底和11月底" in note.message for note in result.report.notes)


def test_rows_of_a_table_typed_as_text_are_never_joined() -> None:
    """A row ending in a month and the next starting with its 序号 (2025年6月 / 2…) stay apart."""
    rows = [
        ["序号", "具体措施", "牵头单位", "完成时限"],
        ["1", "开展劳动力摸底排查", "县人社局", "2025年6月"],
        ["2", "组织技能培训", "县农业农村局", "2025年9月"],
        ["3", "推进就业帮扶", "县财政局", "2025年12月"],
    ]
    for sep in ("\t", "|", "  "):
        text = "某县方案\n" + "\n".join(sep.join(row) for row in rows) + "\n"
        plan = parse_plan(text, reference=REF).plan
        assert ["开展劳动力摸底排查", "组织技能培训", "推进就业帮扶"] == [
            t.title for t in plan.tasks
        ]
        assert [dt.date(2025, m, d) for m, d in ((6, 30), (9, 30), (12, 31))] == [
            m.when.end for m in plan.milestones
        ]


_UNITS = ("县教育局", "县民政局", "县财政局", "县卫健局", "县人社局", "县乡村振兴局")


def _owners(text: str) -> list[tuple[str, list[str]]]:
    plan = parse_plan(text, reference=REF).plan
    return [(t.title, [u.name for u in t.units]) for t in plan.tasks]


@given(
    units=st.lists(st.sampled_from(_UNITS), min_size=2, max_size=5, unique=True),
    form=st.sampled_from(["labelled", "roles"]),
    wide=st.booleans(),
    data=st.data(),
)
def test_a_responsibility_bracket_broken_after_a_separator_reads_whole(units, form, wide, data):
    """（责任单位：县教育局、/县民政局）: a list a printed page broke keeps every unit."""
    colon, comma, left, right = ("：", "，", "（", "）") if wide else (":", ",", "(", ")")
    if form == "labelled":
        inner = f"责任单位{colon}" + "、".join(units)
    else:
        inner = f"{units[0]}牵头{comma}" + "、".join(units[1:]) + "配合"
    clause = f"{left}{inner}{right}"
    # every place just after a list separator (or the label's colon) inside the bracket
    cuts = [i + 1 for i, ch in enumerate(clause) if ch in "、" + colon + comma]
    cut = data.draw(st.sampled_from(cuts))
    whole = f"{HEAD}1.开展排查，6月底前完成。{clause}\n2.推进整改。{DUTY}\n"
    broken_text = (
        f"{HEAD}1.开展排查，6月底前完成。{clause[:cut]}\n{clause[cut:]}\n2.推进整改。{DUTY}\n"
    )
    assert _owners(broken_text) == _owners(whole)
    assert [u for _, units_ in _owners(whole)[:1] for u in units_] == units


@given(wide=st.booleans())
def test_a_labelled_list_broken_inside_a_name_reads_whole_with_full_width_colons(wide):
    """协办单位：区委编办、园区党工 / 委、各街道党工委: the full-width colon reads as ':'."""
    colon = "：" if wide else ":"
    text = (
        f"{HEAD}(一)加强组织建设。\n牵头单位{colon}区委组织部\n协办单位{colon}区委编办、园区党工\n"
        f"委、各街道党工委\n(二)推进整改。{DUTY}\n"
    )
    assert _owners(text)[0][1] == ["区委组织部", "区委编办", "区园区党工委", "各街道党工委"]


def test_a_bracket_left_open_is_not_joined_to_the_next_item():
    """An open bracket followed by a new item stays as written (the next item is not eaten)."""
    text = f"{HEAD}1.开展排查。（责任单位：县教育局、\n2.推进整改。{DUTY}\n"
    assert [t for t, _ in _owners(text)] == ["开展排查", "推进整改"]


@given(
    page=st.integers(1, 999),
    form=st.sampled_from(["— {} —", "-{}-", "- {} -", "第{}页", "第 {} 页 共 99 页", "－{}－"]),
)
def test_a_page_number_between_lines_is_residue(page, form):
    """A printed page's footer (— 3 —) inside an item is no number of a target, and no line."""
    footer = form.format(page)
    text = f"{HEAD}1.开展排查，6月底前完成。（责任单位：县教育局、\n{footer}\n县民政局）\n2.推进整改。{DUTY}\n"
    result = parse_plan(text, reference=REF)
    assert next((t.title, [u.name for u in t.units]) for t in result.plan.tasks) == (
        "开展排查,6月底前完成",
        ["县教育局", "县民政局"],
    )
    assert not [n for n in result.report.notes if n.kind == "unattached_number"]


@pytest.mark.parametrize("broken", [True, False])
def test_a_bracket_of_examples_is_no_responsibility(broken):
    """（包括学校、医院、养老机构）lists what the item is about, not who answers for it."""
    examples = "（包括学校、医院、\n养老机构）" if broken else "（包括学校、医院、养老机构）"
    text = f"{HEAD}1.加强重点场所安全检查{examples}\n2.开展排查，2025年9月底前完成。{DUTY}\n"
    units = [[u.name for u in t.units] for t in parse_plan(text, reference=REF).plan.tasks]
    assert ["包括学校"] not in [u[:1] for u in units]
    assert all("包括学校" not in u for u in units)
