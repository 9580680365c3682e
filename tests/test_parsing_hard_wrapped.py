"""A plan copied out of print: every line broken at the page's width, inside words and labels."""

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.io import bundled_source_text
from xiaojie.parsing import parse_plan
from xiaojie.parsing._input import unwrap_printed


TEXT = bundled_source_text()
HEADER_LINES = 4  # the web page's table of metadata above the plan: not printed text


def _columns(ch: str) -> int:
    return 1 if ch.isascii() and (ch.isalnum() or ch == " ") else 2


def printed(text: str, width: int) -> str:
    """Break every line of the plan's body at ``width`` columns, as a PDF viewer copies it."""
    out = []
    for number, line in enumerate(text.split("\n")):
        if number < HEADER_LINES or not line.strip():
            out.append(line)
            continue
        piece, used = "", 0
        for ch in line:
            if used + _columns(ch) > width:
                out.append(piece)
                piece, used = "", 0
            piece += ch
            used += _columns(ch)
        out.append(piece)
    return "\n".join(out)


def _shape(plan):
    return (
        [
            (t.number, t.title, [(r.owner.name, r.role) for r in t.responsibilities])
            for t in plan.tasks
        ],
        [(m.id, m.when, m.title, m.owners) for m in plan.milestones],
        [(o.id, o.cadence, o.title, o.owners) for o in plan.obligations],
        [(i.id, i.targets) for i in plan.indicators],
        sorted(u.name for u in plan.units),
    )


@functools.cache
def _whole():
    return _shape(parse_plan(TEXT).plan)


@settings(max_examples=12, deadline=None)
@given(width=st.integers(40, 90))
def test_a_printed_copy_parses_as_the_plan(width):
    """The bundled plan broken at any width from 20 to 45 characters parses to the same plan.

    Names (县乡村振兴局 / 兴局), labels (（责任 / 单位：…）) and sentences are cut at the
    width; a line that ends a sentence at the width goes on too.
    """
    copy = printed(TEXT, width)
    assert copy != TEXT

    assert _shape(parse_plan(copy).plan) == _whole()


@settings(max_examples=30, deadline=None)
@given(width=st.integers(40, 90))
def test_line_numbers_stay_those_of_the_file(width):
    """Joined lines leave empty lines, so a note's line is the line of the file."""
    copy = printed(TEXT, width)

    assert len(unwrap_printed(copy).split("\n")) == len(copy.split("\n"))


def test_a_plan_of_one_paragraph_a_line_is_left_as_it_is():
    assert unwrap_printed(TEXT) == TEXT


def test_a_few_alike_lines_are_not_a_width():
    """Menu lines repeated at the top of a page do not make a text broken at their width."""
    lines = [
        "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
        "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
        "类 别:其他经济法规文 号:甘政办发[2016]112号颁发日期:2016-07-22",
        "某县2025年重点工作任务分工方案",
        "各乡镇人民政府:",
        "2025年3月1日",
    ]
    text = "\n".join(lines)

    assert unwrap_printed(text) == text


def test_a_label_line_is_not_joined_but_a_label_cut_in_a_bracket_is():
    lines = [
        "1.开展防止返贫动态监测专项排查，全面摸清风险底数，6月",
        "底前完成排查。（责任",
        "单位：县乡村振兴局、县财政局、县民政局、县教育体育局）",
        "2.加强产业帮扶，推动脱贫地区特色产业提质增效，10月底",
        "前完成项目验收，巩固提升帮扶产业发展成效，确保项目见效",
        "牵头单位：县农业农村局",
        "3.强化就业帮扶，确保脱贫劳动力务工规模稳定，年底前完",
        "成目标任务，持续扩大劳务输出规模，稳定务工就业收入水平",
    ]
    joined = unwrap_printed("\n".join(lines)).split("\n")

    assert joined[0].endswith("（责任单位：县乡村振兴局、县财政局、县民政局、县教育体育局）")
    assert joined[3].endswith("确保项目见效")
    assert joined[5] == "牵头单位：县农业农村局"
