"""General clause rules a plan from another province needs: label and verb variants, body names
with unusual endings, footer words inside an item, and header words of 分工表 columns."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.model import Role
from xiaojie.parsing import NoteKind, parse_plan
from xiaojie.parsing._text import is_residue


_HEAD = "发文时间:2023-03-01\n一、重点任务\n"
LEAD, CO, SUPPORT, IMPLEMENT = Role.LEAD, Role.CO_RESPONSIBLE, Role.SUPPORT, Role.IMPLEMENT


def _roles(clause: str) -> list[tuple[str, Role]]:
    plan = parse_plan(f"{_HEAD}(一)推进改革。完善机制。{clause}\n", overlay=None).plan
    (task,) = plan.tasks
    return [(r.owner.name, r.role) for r in task.responsibilities]


@pytest.mark.parametrize(
    ("clause", "roles"),
    [
        ("(主办单位:市发改委;协办单位:市财政局)", [("市发改委", LEAD), ("市财政局", SUPPORT)]),
        (
            "(市发改委为牵头单位,市财政局、市统计局为配合单位)",
            [("市发改委", LEAD), ("市财政局", SUPPORT), ("市统计局", SUPPORT)],
        ),
        ("(市发改委负责牵头,市财政局配合)", [("市发改委", LEAD), ("市财政局", SUPPORT)]),
        ("(市发改委主责,市财政局协同)", [("市发改委", LEAD), ("市财政局", SUPPORT)]),
        ("(市发改委、市财政局按职责分工落实)", [("市发改委", LEAD), ("市财政局", CO)]),
        ("(市发改委为牵头单位,市财政局为责任单位)", [("市发改委", LEAD), ("市财政局", CO)]),
    ],
)
def test_label_and_verb_variants(clause: str, roles: list[tuple[str, Role]]) -> None:
    """主办/协办 labels, 为牵头单位/为配合单位 phrasing, 负责牵头, 主责 and 按职责分工落实 are read."""
    assert _roles(clause) == roles


@pytest.mark.parametrize(
    ("clause", "roles"),
    [
        ("(南宁海关、市商务局负责)", [("南宁海关", LEAD), ("市商务局", CO)]),
        ("(市气象台、市广播电视台负责)", [("市气象台", LEAD), ("市广播电视台", CO)]),
        ("(市林场、市农场负责)", [("市林场", LEAD), ("市农场", CO)]),
        ("(市监狱管理局牵头,市第一监狱配合)", [("市监狱管理局", LEAD), ("市第一监狱", SUPPORT)]),
        (
            "(市商务局牵头,南宁海关、南宁综合保税区配合)",
            [("市商务局", LEAD), ("南宁海关", SUPPORT), ("南宁综合保税区", SUPPORT)],
        ),
    ],
)
def test_bodies_with_unusual_endings(clause: str, roles: list[tuple[str, Role]]) -> None:
    """海关, 监狱, 气象台, 电视台, 林场, 农场, 保税区 end the names of bodies too."""
    assert _roles(clause) == roles


_ENDINGS = ("海关", "监狱", "气象台", "电视台", "林场", "农场", "高新区", "经开区", "保税区")
_PLACES = st.text(alphabet="南宁柳州桂林梧州北海钦防城贺百色", min_size=2, max_size=4)


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(st.tuples(_PLACES, st.sampled_from(_ENDINGS)), min_size=2, max_size=4),
    verb=st.sampled_from(("负责", "按职责分工负责", "牵头")),
)
def test_any_list_of_such_bodies_is_read_whole(names: list[tuple[str, str]], verb: str) -> None:
    """A 负责/牵头 list of bodies with those endings gives every body, the first leading."""
    bodies = list(dict.fromkeys(place + ending for place, ending in names))
    roles = _roles(f"({'、'.join(bodies)}{verb})")
    assert [name for name, _ in roles] == bodies
    assert roles[0][1] is LEAD


def test_footer_words_inside_an_item_are_not_residue() -> None:
    """主办单位 in an item's clause is a label; a page footer with 主办单位 is still residue."""
    assert not is_residue("(一)完善机制。(主办单位:市发改委;协办单位:市财政局)")
    assert is_residue("主办单位:某县人民政府办公室 技术支持:某公司 地址:某路1号")
    assert is_residue("网站主办单位:某县人民政府办公室")


def test_table_header_variants() -> None:
    """A 分工表 with 主办单位 / 协办部门 columns gives the lead and the supporting unit."""
    header = "序号\t工作任务\t主办单位\t协办部门\t完成时限"
    row = "1\t完善监测机制\t市民政局\t市财政局\t2023年底前"
    plan = parse_plan(f"{_HEAD}{header}\n{row}\n", overlay=None).plan
    (task,) = plan.tasks
    assert [(r.owner.name, r.role) for r in task.responsibilities] == [
        ("市民政局", LEAD),
        ("市财政局", SUPPORT),
    ]


def _table_roles(body: str) -> list[list[tuple[str, Role]]]:
    plan = parse_plan(_HEAD + body, overlay=None).plan
    return [[(r.owner.name, r.role) for r in t.responsibilities] for t in plan.tasks]


def test_lead_cell_merged_over_several_tasks_is_inherited() -> None:
    """A numbered row with an empty 牵头单位 cell (merged with the row above) keeps that lead."""
    body = (
        "序号\t工作任务\t牵头单位\t配合单位\n"
        "1\t完善监测机制\t市发改委\t市财政局\n"
        "2\t推进改革\t\t市统计局\n"
        "3\t加强督查\t市督查室\t\n"
    )
    assert _table_roles(body) == [
        [("市发改委", LEAD), ("市财政局", SUPPORT)],
        [("市发改委", LEAD), ("市统计局", SUPPORT)],
        [("市督查室", LEAD)],
    ]
    report = parse_plan(_HEAD + body, overlay=None).report
    (guess,) = report.of_kind(NoteKind.TABLE_GUESS)
    assert guess.line == 5
    assert "分工表 row 2: the 牵头单位 cell is empty; the lead above (市发改委)" in guess.message


@pytest.mark.parametrize(
    "header",
    [
        "序 号\t工 作 任 务\t牵 头 单 位\t配 合 单 位",
        "序号｜工作任务｜牵头单位｜配合单位",
        "序号  |  工作任务  |  牵头单位  |  配合单位",
    ],
)
def test_header_spacing_and_full_width_bars(header: str) -> None:
    """Header words spaced out (牵 头 单 位) and full-width bars (｜) still make a 分工表."""
    separator = "｜" if "｜" in header else ("\t" if "\t" in header else " | ")
    row = separator.join(["1", "完善监测机制", "市发改委", "市财政局、各街镇、开发区"])
    assert _table_roles(f"{header}\n{row}\n") == [
        [("市发改委", LEAD), ("市财政局", SUPPORT), ("各街镇、开发区", SUPPORT)]
    ]
