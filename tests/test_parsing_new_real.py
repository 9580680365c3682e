"""Forms found in the plans added to the real-document corpus last: a 责任分解 table flattened
one cell a line whose task column is a qualified header word spaced out to the column's width
(``主 要 工 作 任 务``), and a unit list closed by ``等`` and a level's ``有关部门`` before the
implementing governments (``…能源局等省有关部门和各地级以上市人民政府按职责分工负责``)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.model import Role
from xiaojie.parsing import parse_plan


LEAD, CO = Role.LEAD, Role.CO_RESPONSIBLE

# The table of the 嘉兴 2023 责任分解 (zj-jiaxing-2023-7-zerenfenjie), one cell a line with a
# blank line between cells, as the page gives it; its second row completed.
_JIAXING = (
    "嘉兴市人民政府办公室\n\n2023年3月1日\n\n(此件公开发布)\n\n\n"
    "2023年政府工作报告重点工作责任分解\n\n序号\n\n主 要 工 作 任 务\n\n责任单位\n\n"
    "1\n\n地区生产总值增长6%左右。\n\n市发展改革委\n\n"
    "2\n\n研发投入强度达到3.2%。\n\n市科技局\n"
)


def _tasks(text: str) -> list[tuple[str, list[tuple[str, Role]]]]:
    plan = parse_plan(text, reference=dt.date(2023, 3, 1), overlay=None).plan
    return [
        (task.title + task.text, [(r.as_written, r.role) for r in task.responsibilities])
        for task in plan.tasks
    ]


def test_flat_table_with_a_spaced_out_qualified_task_column_is_read() -> None:
    """``主 要 工 作 任 务`` names the task column: each row is a task of its 责任单位."""
    tasks = _tasks(_JIAXING)
    assert len(tasks) == 2
    (first, first_units), (second, second_units) = tasks
    assert "地区生产总值增长6%左右" in first
    assert first_units == [("市发展改革委", LEAD)]
    assert "研发投入强度达到3.2%" in second
    assert second_units == [("市科技局", LEAD)]


_TASK_WORDS = st.sampled_from(["工作任务", "工作内容", "具体措施", "主要内容", "任务"])
_QUALIFIERS = st.sampled_from(["", "主要", "重点", "具体"])
_UNIT_WORDS = st.sampled_from(["责任单位", "责任部门", "牵头单位"])


def _spaced(word: str, gaps: list[str]) -> str:
    """``word`` with ``gaps[i]`` written after its i-th character (the last gap unused)."""
    return "".join(c + g for c, g in zip(word, gaps, strict=False)).rstrip() or word


@settings(max_examples=40, deadline=None)
@given(
    st.tuples(_QUALIFIERS, _TASK_WORDS, _UNIT_WORDS),
    st.lists(st.sampled_from(["", " ", "  ", "\u3000"]), min_size=8, max_size=8),
    st.lists(st.sampled_from(["", " ", "\u3000"]), min_size=6, max_size=6),
    st.booleans(),
)
def test_any_spacing_of_a_qualified_header_word_names_its_column(
    words: tuple[str, str, str], task_gaps: list[str], unit_gaps: list[str], blank_lines: bool
) -> None:
    """Spaced out or not, after 主要/重点/具体 or not, the header words name the same columns."""
    qualifier, task_word, unit_word = words
    gap = "\n\n" if blank_lines else "\n"
    cells = [
        "重点工作责任分解",
        "序号",
        _spaced(qualifier + task_word, task_gaps),
        _spaced(unit_word, unit_gaps),
        "1",
        "地区生产总值增长6%左右。",
        "市发展改革委",
        "2",
        "研发投入强度达到3.2%。",
        "市科技局",
    ]
    tasks = _tasks(gap.join(cells) + "\n")
    assert [units for _, units in tasks] == [[("市发展改革委", LEAD)], [("市科技局", LEAD)]]


# Item 2 of 粤府办〔2023〕5号 as the page gives it (gd-yuefubanfa-2023-5-minjian-spun), but with 负责
# where the page's copy writes 卖力; the page's other rewritten words stay (生长改造委).
_GUANGDONG = (
    "一、施展重大项目牵引和政府投资撬动作用\n"
    "2.对具有稳固收益、可获得较好预期投资回报的交通及相关站场服务设施、水利、都会基础设施、"
    "节能降碳等领域重点项目,原则上推行市场化运作,激励支持民间资源介入。"
    "(省生长改造委、交通运输厅、水利厅、住房城乡建设厅、能源局等省有关部门和各地级以上市人民政府"
    "按职责分工负责)\n"
)


def test_a_list_closed_by_a_levels_related_departments_keeps_its_names() -> None:
    """``能源局等省有关部门和各地级以上市人民政府``: 等省有关部门 closes the list, no unit."""
    ((_, units),) = _tasks(_GUANGDONG)
    assert [name for name, _ in units] == [
        "省生长改造委",
        "交通运输厅",
        "水利厅",
        "住房城乡建设厅",
        "能源局",
        "各地级以上市人民政府",
    ]
    assert units[0][1] is LEAD


_BODIES = st.sampled_from(["市财政局", "市交通运输局", "市水务局", "市自然资源局", "市商务局"])
_LEVELS = st.sampled_from(["省", "市", "县", "区", "州", "省直", "市直", "县直", "区直", "市级"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_BODIES, min_size=1, max_size=4, unique=True),
    st.tuples(_LEVELS, st.sampled_from(["有关", "相关"]), st.sampled_from(["部门", "单位"])),
    st.sampled_from(["", "和各区人民政府", "及各区人民政府"]),
    st.sampled_from(["按职责分工负责", "负责"]),
)
def test_any_levels_closing_phrase_is_no_unit(
    bodies: list[str], closing: tuple[str, str, str], governments: str, verb: str
) -> None:
    """``A、B等{省|市直…}{有关|相关}{部门|单位}[和C]负责``: A, B (and C), nothing else."""
    level, kin, kind = closing
    clause = f"(市发展改革委、{'、'.join(bodies)}等{level}{kin}{kind}{governments}{verb})"
    ((_, units),) = _tasks(f"一、重点任务\n1.推进改革。完善机制。{clause}\n")
    expected = ["市发展改革委", *bodies] + (["各区人民政府"] if governments else [])
    assert [name for name, _ in units] == expected
