"""A line break inside a time phrase, and due dates listed after 每年, read by the parser.

A text wrapped by hand or copied from a printed page breaks lines anywhere, inside a date too
("2025年7月上" / "旬前完成"): the plan must read the same as with the line whole. A duty due
"每年6月底和12月底前" is one half-yearly obligation, not a yearly one plus a milestone.
"""

import datetime as dt

from hypothesis import given
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
