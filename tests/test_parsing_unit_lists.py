"""Parsed plans: unit lists separated by spaces, and the diff of two parsed versions.

Names in a unit list may be separated by spaces (ASCII, full-width U+3000, no-break U+00A0).
Items of a plan parsed from text have ids by position, which an inserted item shifts.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from xiaojie.model import split_unit_list
from xiaojie.parsing import parse_plan
from xiaojie.parsing._owners import cut_spaces, split_names
from xiaojie.versions import ChangeKind, diff


if TYPE_CHECKING:
    from xiaojie.model import Plan


_HEAD = "关于印发同心县工作方案的通知\n一、重点任务\n"
_REFERENCE = dt.date(2025, 6, 1)


def _units(units_text: str, *, bracketed: bool = True) -> list[tuple[str, list[str]]]:
    clause = f"（责任单位：{units_text}）" if bracketed else f"\n责任单位：{units_text}"
    plan = parse_plan(f"{_HEAD}1.加强教育帮扶。{clause}\n", reference=_REFERENCE).plan
    return [(t.lead.name, [o.name for o in t.units]) for t in plan.tasks]


_PREFIXES = ("县", "同心县", "自治区", "市", "区")
_STEMS = {
    "局": ("教育", "公安", "财政", "民政", "自然资源", "农业农村", "医疗保障", "乡村振兴"),
    "委": ("发展改革", "卫生健康", "教育工作"),
    "办": ("政府", "巩固衔接", "农"),
    "中心": ("融媒体", "政务服务", "疾病预防控制"),
}
_NAMES = st.one_of(
    st.builds(
        lambda prefix, ending_stem: prefix + ending_stem[1] + ending_stem[0],
        st.sampled_from(_PREFIXES),
        st.sampled_from([(end, stem) for end, stems in _STEMS.items() for stem in stems]),
    ),
    st.sampled_from(("同心县人民政府", "吴忠市人民政府", "同心县政府", "各乡镇")),
)
_SEPARATORS = st.sampled_from(
    ("、", "，", " ", "  ", "\u3000", "\u00a0", " \u3000", "\u3000\u3000", "\u00a0 ")
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    names=st.lists(_NAMES, min_size=2, max_size=5, unique=True),
    separators=st.lists(_SEPARATORS, min_size=4, max_size=4),
    bracketed=st.booleans(),
)
def test_spaces_separate_units_as_the_list_mark_does(
    names: list[str], separators: list[str], bracketed: bool
) -> None:
    """A run of spaces between names reads as a 、 would, whatever the 、 and ， around it.

    A ， ends a list's principal group (a level carried from the list's head stops there), so
    the names are compared with the same list where each run of spaces is a 、, each ， kept.
    """
    mixed = names[0] + "".join(s + n for s, n in zip(separators, names[1:], strict=False))
    marks = ["，" if s == "，" else "、" for s in separators]
    plain = names[0] + "".join(s + n for s, n in zip(marks, names[1:], strict=False))
    assert _units(mixed, bracketed=bracketed) == _units(plain, bracketed=bracketed)


@pytest.mark.parametrize("space", [" ", "  ", "\u3000", "\u00a0", " \u3000 "])
def test_a_space_between_two_units_separates_them(space: str) -> None:
    """（责任单位：同心县教育局　县公安局） names two units, 同心县教育局 leading."""
    assert _units(f"同心县教育局{space}县公安局") == [
        ("同心县教育局", ["同心县教育局", "县公安局"])
    ]


@pytest.mark.parametrize(
    "written",
    [
        "自治区 医保局",
        "县委 组织部",
        "县人民政府 办公室",
        "同心县 教育局",
        "县教育局 (牵头)",
        "中共同心县委 宣传部",
        "同心县委 组织部",
        "吴忠市委 宣传部",
        "中共宁夏回族自治区委员会 组织部",
        "同心县人民政府 办公室",
    ],
)
def test_a_space_inside_one_name_keeps_it_whole(written: str) -> None:
    """A space after a level or before a part of a name (办公室, 组织部) is not a separator."""
    assert cut_spaces(written) == written
    assert len(split_names(written, carry=False)) == 1
    assert len(_units(written)[0][1]) == 1


@given(
    text=st.text(
        st.sampled_from("县教育局公安委员会办各乡镇 \u3000\u00a0、，(（)）:：2.。"), max_size=30
    )
)
def test_cutting_spaces_keeps_offsets(text: str) -> None:
    """Only a space becomes a 、, and the text keeps its length (columns in errors stay right)."""
    cut = cut_spaces(text)
    assert len(cut) == len(text)
    assert all(a == b or (a.isspace() and b == "、") for a, b in zip(text, cut, strict=True))


_LINES = (
    "加强教育帮扶。2025年9月底前完成校舍改造。（责任单位：县教育局）",
    "推进产业发展。每季度报送一次产业进展情况。（责任单位：县农业农村局）",
    "完善医疗保障。2025年12月底前实现参保率达到99%。（责任单位：县医保局）",
    "加强就业帮扶。2025年8月底前完成技能培训。（责任单位：县人社局）",
    "改善人居环境。2025年10月底前完成农村厕所改造。（责任单位：县住建局）",
    "强化兜底保障。每月核查一次低保对象名单。（责任单位：县民政局）",
    "提升饮水安全。2025年底前农村自来水普及率达到95%。（责任单位：县水务局）",
)
_ITEM_KINDS = frozenset(
    {ChangeKind.ITEM_ADDED, ChangeKind.ITEM_REMOVED, ChangeKind.ITEM_REWORDED}
    | {ChangeKind.DEADLINE_MOVED, ChangeKind.TARGET_CHANGED, ChangeKind.CADENCE_CHANGED}
)


def _plan(lines: list[str]) -> Plan:
    numbered = "".join(f"{k}.{line}\n" for k, line in enumerate(lines, start=1))
    return parse_plan(_HEAD + numbered, reference=_REFERENCE).plan


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(range(len(_LINES))),
    size=st.integers(2, len(_LINES) - 1),
    at=st.integers(0, len(_LINES)),
)
def test_inserting_an_item_is_one_item_added(order: list[int], size: int, at: int) -> None:
    """An item inserted into a parsed plan is one item_added; the shifted items are unchanged."""
    lines = [_LINES[k] for k in order[:size]]
    inserted = _LINES[order[size]]
    at = min(at, size)
    old = _plan(lines)
    new = _plan([*lines[:at], inserted, *lines[at:]])
    inserted_items = new.items_of_task(at + 1)
    assert len(inserted_items) == 1
    changes = [(c.kind, c.ref) for c in diff(old, new) if c.kind in _ITEM_KINDS]
    assert changes == [(ChangeKind.ITEM_ADDED, inserted_items[0].id)]
    removed = [(c.kind, c.ref) for c in diff(new, old) if c.kind in _ITEM_KINDS]
    assert removed == [(ChangeKind.ITEM_REMOVED, inserted_items[0].id)]


def test_an_item_reworded_in_place_is_still_paired() -> None:
    """A parsed item whose wording and due date change in place is one item, re-worded and moved."""
    old = _plan(list(_LINES[:3]))
    new = _plan(
        [_LINES[0].replace("完成校舍改造", "完成校舍加固").replace("9月", "11月"), *_LINES[1:3]]
    )
    changes = [(c.kind, c.old, c.new) for c in diff(old, new) if c.kind in _ITEM_KINDS]
    assert changes == [
        (ChangeKind.ITEM_REWORDED, "完成校舍改造", "完成校舍加固"),
        (ChangeKind.DEADLINE_MOVED, "2025-09-30", "2025-11-30"),
    ]


@pytest.mark.parametrize("sep", ["、", "，", ",", "；"])
@pytest.mark.parametrize(
    "place", ["同心县人民政府", "吴忠市农业农村局", "利通区教育局", "盐池县委"]
)
def test_the_region_prefix_is_not_carried_to_a_named_place(sep: str, place: str) -> None:
    """自治区教育局、同心县人民政府: the county's government is not the region's (自治区同心县…)."""
    assert split_names(f"县公安局{sep}自治区教育局、{place}") == ["县公安局", "自治区教育局", place]
    assert split_names(f"自治区教育局、公安厅、{place}") == ["自治区教育局", "自治区公安厅", place]


_PLACE_WORD_DEPARTMENTS = (
    "城市管理局",
    "市场监管局",
    "城乡建设局",
    "县域经济办",
    "乡村振兴局",
    "区域协调办",
)


@pytest.mark.parametrize("level", ["县", "市", "区", "旗"])
@pytest.mark.parametrize("department", _PLACE_WORD_DEPARTMENTS)
def test_a_department_named_with_a_place_word_takes_the_level_prefix(
    level: str, department: str
) -> None:
    """县住建局、城市管理局: 城市 is not a city, the bureau is the county's (县城市管理局)."""
    assert split_names(f"{level}住建局、{department}、财政局") == [
        f"{level}住建局",
        f"{level}{department}",
        f"{level}财政局",
    ]
    # and such a head carries its level on (县城市管理局、住建局)
    assert split_names(f"{level}{department}、住建局") == [f"{level}{department}", f"{level}住建局"]


@pytest.mark.parametrize("department", [d[:-1] + "厅" for d in _PLACE_WORD_DEPARTMENTS])
def test_the_region_prefix_is_carried_to_a_department_named_with_a_place_word(
    department: str,
) -> None:
    """自治区教育厅、市场监管厅: the region's market regulator, not a city's body."""
    assert split_unit_list(f"自治区教育厅、{department}") == ("自治区教育厅", f"自治区{department}")
    assert split_names(f"自治区教育厅、{department}") == ["自治区教育厅", f"自治区{department}"]


def _table(rows: list[tuple[str, str, str]]) -> Plan:
    head = "某县分工表\n发文时间:2025年3月5日\n序号\t具体措施\t牵头单位\t完成时限\n"
    text = head + "".join(f"{k}\t{t}\t{u}\t{d}\n" for k, (t, u, d) in enumerate(rows, 1))
    return parse_plan(text).plan


@pytest.mark.parametrize("at", [0, 1, 2])
def test_a_row_inserted_into_a_table_with_deadlines_is_one_item_added(at: int) -> None:
    """A 分工表 row inserted above others: its 完成时限 is one item added, the rest unchanged."""
    rows = [
        ("完成整改清单制定。", "县财政局", "2025年6月底前"),
        ("组织开展中期评估。", "县民政局", "2025年9月底前"),
    ]
    inserted = [*rows[:at], ("召开部署动员会议。", "县教育局", "2025年3月底前"), *rows[at:]]

    changes = diff(_table(rows), _table(inserted))

    items = [c.kind for c in changes if c.kind.value.startswith(("item_", "deadline_"))]
    assert items == [ChangeKind.ITEM_ADDED]


_UNITS = st.sampled_from(
    ["县教育局", "县公安局", "县民政局", "县财政局", "同心县人民政府", "县委组织部"]
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(
    lead=_UNITS,
    support=st.lists(_UNITS, min_size=1, max_size=3, unique=True),
    verbs=st.sampled_from([("牵头", "配合"), ("负责", "参与"), ("牵头", "协助")]),
    space=st.sampled_from([" ", "\u3000", "\u00a0", "  "]),
    inner=st.sampled_from(["、", " ", "\u3000"]),
)
def test_spaces_in_a_role_clause_separate_its_parts(
    lead: str, support: list[str], verbs: tuple[str, str], space: str, inner: str
) -> None:
    """（县教育局牵头　县公安局 县民政局配合） reads as（县教育局牵头，县公安局、县民政局配合）."""
    assume(lead not in support)
    first, second = verbs
    spaced = f"{lead}{first}{space}{inner.join(support)}{second}"
    written = f"{lead}{first}，{'、'.join(support)}{second}"
    assert _roles(spaced) == _roles(written)
    assert _roles(spaced)[0] == (lead, "lead")


def _roles(clause: str) -> list[tuple[str, str]]:
    plan = parse_plan(f"{_HEAD}1.加强教育帮扶。（{clause}）\n", reference=_REFERENCE).plan
    return [(o.owner.name, o.role.value) for o in plan.owner_roles(plan.tasks[0])]


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("应急局", "应急管理局"),
        ("人社局", "人力资源和社会保障局"),
        ("医保局", "医疗保障局"),
        ("市场监管局", "市场监督管理局"),
        ("退役军人局", "退役军人事务局"),
    ],
)
@pytest.mark.parametrize("level", ["区", "县", "市"])
def test_a_unit_written_short_is_found_by_its_standard_name(written, standard, level):
    """区应急局 in the plan is found as 区应急管理局 too (xiaojie unit 区应急管理局)."""
    plan = parse_plan(
        f"{_HEAD}1.加强应急演练。（责任单位：{level}{written}、{level}财政局）\n",
        reference=_REFERENCE,
    ).plan
    unit = plan.units.resolve(f"{level}{standard}")
    assert unit.name == f"{level}{written}"
    assert plan.units.resolve(f"{level}财政局").aliases == ()  # written in full: no alias


@pytest.mark.parametrize("other", ["市政府办公室", "市委组织部", "县政府办", "市人民政府"])
def test_a_body_of_another_level_is_not_taken_for_a_department_word(other):
    """市政府办公室 is the city's (市 + 政府), not a department named 市政… of the list head."""
    assert split_unit_list(f"自治区教育厅、{other}") == ("自治区教育厅", other)
    assert split_names(f"县教育局、{other}") == ["县教育局", other]


@pytest.mark.parametrize("other", ["城市管理局", "市容环卫局", "市场监管局", "乡村振兴局"])
def test_a_department_named_with_a_place_word_after_a_space_is_a_unit(other):
    """县住建局 城市管理局: two units, the second the county's."""
    assert split_names(f"县住建局 {other}") == ["县住建局", f"县{other}"]


def test_a_municipal_works_department_takes_the_level_prefix():
    """市政公用局 is a department (市政), 市政府办公室 and 市政协办公室 the city's."""
    assert split_names("县住建局、市政公用局、市政府办公室、市政协办公室") == [
        "县住建局",
        "县市政公用局",
        "市政府办公室",
        "市政协办公室",
    ]


@pytest.mark.parametrize(
    ("written", "standard"),
    [
        ("大数据局", "大数据管理局"),
        ("经信局", "经济和信息化局"),
        ("教体局", "教育和体育局"),
        ("文广旅局", "文化广电和旅游局"),
        ("政务服务局", "政务服务管理局"),
    ],
)
def test_the_standard_name_given_is_the_one_the_short_name_abbreviates(written, standard):
    """县经信局 is 县经济和信息化局, not 县工业和信息化局 (another body of the same entry)."""
    plan = parse_plan(f"{_HEAD}1.开展排查。（责任单位：县{written}）\n", reference=_REFERENCE).plan
    (unit,) = plan.units
    assert unit.aliases == (f"县{standard}",)
