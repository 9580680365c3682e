"""Notations of pages and clerks around a clause: pinyin glosses inside names, a note that the
first listed unit leads written after that unit, a label typed with a semicolon, a standing
remark naming implementers of later items, unit lists a printed copy broke over lines, and a
table flattened one cell a line with blank lines between its cells."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.model import Role
from xiaojie.parsing import NoteKind, parse_plan
from xiaojie.parsing._clauses import body_like, join_wrapped_lists
from xiaojie.parsing._readers import strip_pinyin_glosses
from xiaojie.parsing._tables import column_role


_HEAD = "发文时间:2023-03-01\n一、重点任务\n"
LEAD, CO = Role.LEAD, Role.CO_RESPONSIBLE
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


def _roles(item: str) -> list[tuple[str, Role]]:
    plan = parse_plan(f"{_HEAD}(一)推进改革。完善机制{item}\n", overlay=None).plan
    (task,) = plan.tasks
    return [(r.owner.name, r.role) for r in task.responsibilities]


def test_pinyin_glosses_inside_unit_names_are_dropped() -> None:
    """``城鄉(xiāng)`` inside a traditional-script name reads as the name without its readings."""
    clause = "(牽頭單位:省自然資源廳;責任單位:省住房城鄉(xiāng)建設(shè)廳,各市、縣人民政府)"
    assert _roles(clause) == [
        ("省自然资源厅", LEAD),
        ("省住房城乡建设厅", CO),
        ("各市、县人民政府", CO),
    ]


def test_pinyin_glosses_in_simplified_text_and_full_width_brackets() -> None:
    """Glosses are dropped in simplified text too, in half- or full-width brackets."""
    clause = "(牵头单位:市住房城乡(xiāng)建设局;责任单位:市财（cái）政局)"
    assert _roles(clause) == [("市住房城乡建设局", LEAD), ("市财政局", CO)]


@pytest.mark.parametrize(
    "text",
    [
        "措施(a)和(b)",
        "方案(app)",
        "(一)推进",
        "见附件(chū)",
        "城乡(xiang)",
        "市(ABC)局",
        "城(xiāng x)",
    ],
)
def test_brackets_that_are_not_glosses_stay(text: str) -> None:
    """Latin list markers, words, untoned or several syllables and a bracket after no character stay."""
    expected = text.replace("附件(chū)", "附件") if "附件" in text else text
    assert strip_pinyin_glosses(text) == expected


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_SYLLABLE = st.builds(
    lambda a, t, b: a + t + b,
    st.text(alphabet="bcdfghjklmnpqrstwxyz", max_size=2),
    st.sampled_from(_TONED),
    st.text(alphabet="aeinoug", max_size=2),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_CJK, st.one_of(st.none(), _SYLLABLE)), min_size=1, max_size=12),
    st.sampled_from(["()", "（）"]),
)
def test_any_glossed_text_loses_exactly_its_glosses(
    parts: list[tuple[str, str | None]], brackets: str
) -> None:
    """Characters each optionally followed by a toned syllable in brackets give the bare characters."""
    glossed = "".join(ch + (f"{brackets[0]}{g}{brackets[1]}" if g else "") for ch, g in parts)
    assert strip_pinyin_glosses(glossed) == "".join(ch for ch, _ in parts)


@given(st.text(alphabet=st.characters(exclude_characters=_TONED), max_size=60))
def test_text_without_tone_marks_is_unchanged(text: str) -> None:
    """A text holding no tone-marked vowel is never changed."""
    assert strip_pinyin_glosses(text) == text


@pytest.mark.parametrize(
    "note",
    [
        "(首位单位为牵头单位,下同)",
        "(排在第一位的为牵头单位)",
        "(列第一位者为牵头部门,以下同)",
        "（排在首位的部门为牵头部门）",
    ],
)
def test_first_listed_note_after_the_first_name(note: str) -> None:
    """A note that the first listed leads is no unit, no clause, and makes the lead no guess."""
    result = parse_plan(
        f"{_HEAD}(一)推进改革。完善机制。责任单位:县发改局{note}、县财政局、县税务局\n",
        overlay=None,
    )
    (task,) = result.plan.tasks
    assert [(r.owner.name, r.role) for r in task.responsibilities] == [
        ("县发改局", LEAD),
        ("县财政局", CO),
        ("县税务局", CO),
    ]
    assert task.title == "推进改革"
    kinds = {n.kind for n in result.report.notes}
    assert NoteKind.UNSPLIT not in kinds
    assert NoteKind.GUESSED_LEAD not in kinds


_BODY = st.sampled_from(
    ["县发改局", "县财政局", "县税务局", "县农业农村局", "县卫健委", "县教育局"]
)


@settings(max_examples=30, deadline=None)
@given(st.lists(_BODY, min_size=1, max_size=6, unique=True), st.booleans())
def test_note_leaves_any_list_as_without_it(names: list[str], bracketed: bool) -> None:
    """With the note after its first name, any list reads as the same list without the note."""
    note = "(首位单位为牵头单位,下同)"
    plain = "、".join(names)
    noted = "、".join([names[0] + note, *names[1:]])
    if bracketed:
        assert _roles(f"。({noted})") == _roles(f"。({plain})")
    else:
        assert _roles(f"。责任单位:{noted}") == _roles(f"。责任单位:{plain}")


@pytest.mark.parametrize("label", ["责任单位", "牵头单位", "责任部门"])
def test_label_typed_with_a_semicolon_opens_a_clause(label: str) -> None:
    """``(责任单位;A、B)``, a semicolon typed for the colon, reads as ``(责任单位:A、B)``."""
    assert _roles(f"。({label};县住建局、县畜牧局、各乡镇场)") == _roles(
        f"。({label}:县住建局、县畜牧局、各乡镇场)"
    )
    assert _roles(f"。({label};县住建局、县畜牧局)")[0] == ("县住建局", LEAD)


def test_label_word_with_a_semicolon_in_running_text_is_no_clause() -> None:
    """``明确责任单位;加强督查`` in a sentence names no unit: the item has no clause."""
    plan = parse_plan(f"{_HEAD}(一)推进改革。明确责任单位;加强督查。\n", overlay=None).plan
    assert plan.tasks == ()


_STANDING_TEXT = (
    "发文时间:2022-03-01\n一、落实财税政策\n"
    "1.争取专项资金。(责任单位:市工信局、市财政局,各县区人民政府、园区管委会。{remark})\n"
    "2.成立工作专班。(责任单位:市工信局、市财政局)\n"
    "3.落实减税政策。(责任单位:市税务局、园区管委会)\n"
    "二、保障措施\n"
    "1.加强督查。(责任单位:市政府办)\n"
)


def _all_roles(text: str) -> list[list[tuple[str, Role]]]:
    plan = parse_plan(text, overlay=None).plan
    return [[(r.owner.name, r.role) for r in t.responsibilities] for t in plan.tasks]


@pytest.mark.parametrize(
    "remark",
    [
        "以下政策措施均需各县区人民政府、园区管委会落实,不再单独列出",
        "以下均需各县区人民政府、园区管委会落实,不再列出",
        "以下措施均由各县区人民政府、园区管委会负责落实,不再一一列出",
    ],
)
def test_standing_implementers_carry_to_later_items_of_the_chapter(remark: str) -> None:
    """Implementers a standing remark names implement each later item of its chapter, unlisted."""
    tasks = _all_roles(_STANDING_TEXT.format(remark=remark))
    assert [name for name, _ in tasks[0]] == [
        "市工信局",
        "市财政局",
        "各县区人民政府",
        "园区管委会",
    ]
    assert tasks[1] == [
        ("市工信局", LEAD),
        ("市财政局", CO),
        ("各县区人民政府", Role.IMPLEMENT),
        ("园区管委会", Role.IMPLEMENT),
    ]
    assert tasks[2] == [
        ("市税务局", LEAD),
        ("园区管委会", CO),
        ("各县区人民政府", Role.IMPLEMENT),
    ]
    assert tasks[3] == [("市政府办", LEAD)]


def test_remark_naming_no_implementer_carries_nothing() -> None:
    """A remark that only says ``以下同`` or names no body adds nothing to later items."""
    text = _STANDING_TEXT.format(remark="以下政策措施不再单独列出")
    assert _all_roles(text)[1] == [("市工信局", LEAD), ("市财政局", CO)]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(_BODY, min_size=1, max_size=3, unique=True), min_size=1, max_size=5))
def test_every_later_item_gets_exactly_the_unlisted_implementers(units: list[list[str]]) -> None:
    """Each later item keeps its own units, then the standing implementers it did not list."""
    standing = ["县教育局", "各乡镇人民政府"]
    lines = [
        "发文时间:2022-03-01",
        "一、重点任务",
        "1.推进改革。(责任单位:县发改局。以下措施均需县教育局、各乡镇人民政府落实,不再列出)",
    ]
    lines += [f"{n}.完善机制。(责任单位:{'、'.join(u)})" for n, u in enumerate(units, start=2)]
    tasks = _all_roles("\n".join(lines) + "\n")
    assert len(tasks) == len(units) + 1
    for own, got in zip(units, tasks[1:], strict=True):
        expected = own + [s for s in standing if s not in own]
        assert [name for name, _ in got] == expected
        assert all(role is Role.IMPLEMENT for name, role in got if name not in own)


def _wrapped_plan(support_lines: list[str]) -> list[list[tuple[str, Role]]]:
    lines = [
        "发文时间:2019-04-17",
        "一、加强基层党建",
        "1.完善领导体制机制,优",
        "化决策程序。",
        "牵头单位:区委组织部",
        *support_lines,
        "— — — 3 —",
        "2.构建党建工作体系。",
        "牵头单位:区民政局",
    ]
    return _all_roles("\n".join(lines) + "\n")


def test_unit_list_broken_inside_a_name_is_joined() -> None:
    """``协办单位:…、园区党工`` / ``委、各街道党工委`` (a printed line break) reads as one list."""
    tasks = _wrapped_plan(["协办单位:区委编办、园区党工", "委、各街道党工委"])
    assert tasks == _wrapped_plan(["协办单位:区委编办、园区党工委、各街道党工委"])
    assert len(tasks[0]) == 4
    assert tasks[0][-1] == ("各街道党工委", Role.SUPPORT)
    assert tasks[1] == [("区民政局", LEAD)]


def test_unit_list_broken_after_a_separator_is_joined() -> None:
    """A list line ending in ``、`` continues with the names on the next line."""
    tasks = _wrapped_plan(["协办单位:区委编办、", "区财政局、各街道党工委"])
    assert [name for name, _ in tasks[0]] == ["区委组织部", "区委编办", "区财政局", "各街道党工委"]


@pytest.mark.parametrize(
    "following",
    ["加强督查", "2.推进改革。", "完成时限:2019年底前", "园区党工委负责落实。"],
)
def test_lines_that_do_not_continue_a_list_stay_apart(following: str) -> None:
    """A sentence, a heading, a label or a line ending a sentence after a full name is not joined."""
    lines = ["协办单位:区委编办", following]
    assert join_wrapped_lists(lines) == lines


_LONG_BODIES = st.sampled_from(
    [
        "区委编办",
        "区财政局",
        "园区党工委",
        "区民政局",
        "区人力社保局",
        "各街道党工委",
        "区卫生健康委",
    ]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_LONG_BODIES, min_size=2, max_size=5, unique=True), st.data())
def test_any_break_inside_a_name_reads_as_the_unbroken_list(
    names: list[str], data: st.DataObject
) -> None:
    """Wherever a printed line breaks a name (leaving no body name before it), the list is whole."""
    joined = "、".join(names)
    cuts = [
        i
        for i in range(1, len(joined))
        if joined[i - 1] != "、" and joined[i] != "、" and not body_like(joined[:i].split("、")[-1])
    ]
    if not cuts:
        return
    cut = data.draw(st.sampled_from(cuts))
    broken = ["协办单位:" + joined[:cut], joined[cut:]]
    assert join_wrapped_lists(broken) == ["协办单位:" + joined, ""]
    assert _wrapped_plan(broken) == _wrapped_plan(["协办单位:" + joined])


_FLAT_HEADER = [
    "序号",
    "重点工作",
    "责任",
    "领导",
    "责任",
    "科室",
    "攻坚目标",
    "任务",
    "第二季度",
    "完成情况",
]
_FLAT_ROWS = [
    [
        "1",
        "水库工程政策处理",
        "欧乾震",
        "水库工程工作领导小组",
        "完成政策处理工作。",
        "迁移进度达60%。",
    ],
    ["2", "现代化美丽城镇", "吴宇凡", "乡村振兴办", "创建美丽城镇。", "完成投资3000万元。"],
    ["3", "污水零直排", "王强", "农业农村办", "完成5个村改造。", "完成3个村。"],
]


def _flat_text(rows: list[list[str]], blanks: list[int]) -> str:
    cells = ["泗洲头镇2024年度重点工作计划二季度执行情况", *_FLAT_HEADER]
    cells += [cell for row in rows for cell in row]
    lines: list[str] = []
    for k, cell in enumerate(cells):
        lines.append(cell)
        lines.extend([""] * blanks[k % len(blanks)])
    return "\n".join(lines) + "\n"


def _flat_tasks(text: str) -> list[tuple[str, list[str], tuple[str, ...]]]:
    plan = parse_plan(text, overlay=None, reference=dt.date(2024, 7, 1)).plan
    return [(t.text, [r.owner.name for r in t.responsibilities], t.persons) for t in plan.tasks]


def test_flat_table_with_blank_lines_and_split_column_names() -> None:
    """A township table, one cell a line, blank lines between, 责任/科室 split: a task per row."""
    tasks = _flat_tasks(_flat_text(_FLAT_ROWS[:2], [1]))
    assert [(units, persons) for _, units, persons in tasks] == [
        (["水库工程工作领导小组"], ("欧乾震",)),
        (["乡村振兴办"], ("吴宇凡",)),
    ]
    assert "完成政策处理工作" in tasks[0][0]
    assert all("完成投资" not in text and "迁移进度" not in text for text, _, _ in tasks)


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("第二季度完成情况", "progress"),
        ("1-6月进展情况", "progress"),
        ("2024年上半年工作推进情况", "progress"),
        ("完成情况", "progress"),
        ("责任科室", "units"),
        ("攻坚目标任务", "task"),
        ("情况说明", ""),
    ],
)
def test_progress_and_township_column_names(header: str, role: str) -> None:
    """A period's 完成情况 column is progress (dropped), 责任科室 holds units, 攻坚目标任务 the task."""
    assert column_role(header) == role


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=3),
    st.lists(st.integers(min_value=0, max_value=2), min_size=1, max_size=4),
)
def test_blank_lines_between_cells_change_nothing(rows: int, blanks: list[int]) -> None:
    """However many blank lines stand between the cells, the table reads as without them."""
    tasks = _flat_tasks(_flat_text(_FLAT_ROWS[:rows], blanks))
    assert tasks == _flat_tasks(_flat_text(_FLAT_ROWS[:rows], [0]))
    assert len(tasks) == rows
