"""分工表 layouts met in real documents: continued rows, tables flattened one cell a line, saved pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.parsing import NoteKind, parse_plan
from xiaojie.parsing._flat import flat_tables, read_flat


sys.path.insert(0, str(Path(__file__).parent))
import real_corpus as rc


HEAD = ["广州市某某工作实施方案", "2023年10月19日", "附件 任务分工表"]
TAB_TABLE = [
    "序号\t工作事项\t主要内容\t牵头单位\t配合单位\t市卫健委内牵头处室\t市卫健委内配合处室",
    "1\t有序扩大家庭医生来源。\t现阶段家庭医生包括全科医生。\t各区政府\t市卫生健康委\t基层处\t医政处",
    "\t\t推动人才资源向基层倾斜。\t各区政府\t市卫生健康委、市人社局\t人事处\t基层处",
    "2\t完善培养培训体系。\t贯彻落实培训方案。\t各区政府、市卫生健康委\t/\t科教处\t基层处",
    "\t\t做实做细能力提升工程。\t市医保局，市卫生健康委\t/\t基层处\t/",
    "3\t加强组织领导\t各区要强化属地责任。\t各区政府\t/\t/\t/",
]


def _units(plan, number):
    task = next(t for t in plan.tasks if t.number == number)
    return [o.name for o in task.units]


def test_tab_table_rows_continue_their_numbered_item():
    """Rows with empty 序号/工作事项 cells join the item above; '/' is none; offices are no units."""
    plan, _ = parse_plan("\n".join([*HEAD, *TAB_TABLE]))

    assert [1, 2, 3] == [t.number for t in plan.tasks]
    assert ["各区政府", "市卫生健康委", "市人社局"] == _units(plan, 1)
    assert ["各区政府", "市卫生健康委", "市医保局"] == _units(plan, 2)
    assert ["各区政府"] == _units(plan, 3)
    first = plan.tasks[0]
    assert "推动人才资源向基层倾斜" in first.title + first.text
    assert not any("处" in o.name for t in plan.tasks for o in t.units)


FLAT = [
    "交通领域某某行动计划任务清单（2024-2026年）",
    "任务",
    "分类",
    "主要方向",
    "重点任务（2024-2026）",
    "2024年工作项目",
    "2025年计划",
    "牵头",
    "部门",
    "配合",
    "部门",
    "实施",
    "主体",
    "（一）",
    "提升交通设施环境品质",
    "1、改善城市道路环境",
    "（1）建设精品道路300条。",
    "建设精品道路100条。",
    "建设精品道路100条。",
    "设施运行处",
    "设施养护处",
    "各相关部门和单位",
    "各行业主管部门、各区",
    "（2）整治人行道。",
    "完成150万平方米。",
    "完成100万平方米。",
    "2、提升出行服务",
    "（3）建设客运系统。",
    "推进系统建设。",
    "深化服务。",
    "随申行公司",
    "3、推进养护",
    "（4）整治桥梁栏杆。",
    "完成269座；",
    "完成70千米。",
    "完成65座。",
    "设施养护处",
    "市道运中心",
    "市道运中心",
]


def test_flattened_table_with_merged_cells():
    """A 任务清单 given one cell a line: split header words, merged unit cells, a two-name cell."""
    plan, report = parse_plan("\n".join(["某某行动计划", "2024年12月31日", *FLAT]))

    assert [1, 2, 3, 4] == [t.number for t in plan.tasks]
    several = ["设施运行处", "设施养护处", "各相关部门和单位", "各行业主管部门", "各区"]
    assert several == _units(plan, 1)
    assert several == _units(plan, 2)  # the group's merged unit cells
    assert ["随申行公司"] == _units(plan, 3)  # a new group keeps none of the cells before
    assert ["设施养护处", "市道运中心"] == _units(plan, 4)
    assert "完成65座" in plan.tasks[3].text  # a cell of two lines stays the task's text
    # 任务分类 over 主要方向: the finer group names the campaign, its own number dropped
    assert ["改善城市道路环境", "提升出行服务", "推进养护"] == [c.name for c in plan.campaigns]
    guesses = [n for n in report.notes if n.kind is NoteKind.TABLE_GUESS]
    assert any("two" in n.message for n in guesses)
    assert any("1 of 3 unit cells" in n.message for n in guesses)  # 随申行公司 alone
    assert guesses[0].line == FLAT.index("各行业主管部门、各区") + 3


ROLES = ["number", "task", "lead", "support", "deadline"]
HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
BODIES = ["市民政局", "市财政局", "市人社局", "市农业农村局", "市委组织部", "各区政府"]
TASK = st.text(alphabet="完善机制推进建设落实帮扶就业产业监测保障", min_size=3, max_size=14).map(
    lambda s: s + "。"
)


@st.composite
def tables(draw):
    """A 分工表 with every cell filled: number, task, lead, support, deadline."""
    rows = []
    for number in range(1, draw(st.integers(1, 8)) + 1):
        lead = draw(st.sampled_from(BODIES))
        support = draw(st.sampled_from([b for b in BODIES if b != lead]))
        month = draw(st.integers(1, 12))
        rows.append([str(number), draw(TASK), lead, support, f"2025年{month}月底前"])
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=tables())
def test_flattened_tables_without_merged_cells_read_back(rows):
    """Any table flattened one cell a line, no cell merged, reads back to the same rows."""
    lines = [c for row in rows for c in row]

    read, guesses, end = read_flat(lines, ROLES, 0, len(lines))

    assert rows == [cells for _, cells in read]
    assert guesses == []
    assert end == len(lines)
    out, _ = flat_tables(["附件", *HEADER, *lines])
    assert [f"{r[0]}." for r in rows] == [
        line[: len(r[0]) + 1] for line, r in zip([x for x in out[1:] if x], rows, strict=True)
    ]


def test_saved_page_reads_its_table_as_a_table():
    """The saved gkmlpt page (body in a script's JSON, a rowspan table) gives the truth's tasks."""
    pytest.importorskip("trafilatura")
    page = Path(__file__).parent / "data" / "html" / "gd-guangzhou-2023-jiatingyisheng.html"
    document = next(d for d in rc.load_corpus() if d.slug == "gd-guangzhou-2023-jiatingyisheng")
    result = parse_plan(page, reference=document.reference)

    totals = rc.score(lambda _text, _ref: result, [document]).totals()

    assert (24, 24, 24, 24, 24) == (
        totals.truth,
        totals.found,
        totals.matched,
        totals.units_right,
        totals.lead_right,
    )


@pytest.mark.parametrize("form", ["pipe", "spaces"])
def test_continued_rows_in_pipe_and_space_tables(form):
    """'|' rows keep their empty merged cells; space rows missing their leading cells are continuations."""
    rows = [line.split("\t") for line in TAB_TABLE]
    if form == "pipe":
        lines = [" | ".join(r) for r in rows]
    else:
        lines = ["  ".join(c for c in r if c) for r in rows]

    plan, _ = parse_plan("\n".join([*HEAD, *lines, "二、保障措施", "各地要 加强 组织领导。"]))

    assert [1, 2, 3] == [t.number for t in plan.tasks]
    assert ["各区政府", "市卫生健康委", "市人社局"] == _units(plan, 1)
    assert ["各区政府", "市卫生健康委", "市医保局"] == _units(plan, 2)


def test_html_table_with_rowspan_cells(tmp_path):
    """A saved page's 分工表 whose 序号/工作事项 cells span rows gives one task per number."""
    pytest.importorskip("trafilatura")
    page = tmp_path / "fengong.html"
    page.write_text(
        "<html><head><title>某市工作方案</title></head><body><article>"
        "<h1>某市工作实施方案</h1><p>2023年10月19日</p><p>附件 任务分工表</p>"
        "<table><tr><th>序号</th><th>工作事项</th><th>主要内容</th><th>牵头单位</th><th>配合单位</th></tr>"
        "<tr><td rowspan='2'>1</td><td rowspan='2'>扩大家庭医生来源。</td><td>招聘全科医生。</td>"
        "<td>各区政府</td><td>市卫生健康委</td></tr>"
        "<tr><td>推动人才资源向基层倾斜。</td><td>各区政府</td><td>市人社局</td></tr>"
        "<tr><td>2</td><td>加强宣传引导。</td><td>广泛宣传签约服务。</td>"
        "<td colspan='2'>市卫生健康委</td></tr></table></article></body></html>",
        encoding="utf-8",
    )

    plan, _ = parse_plan(page)

    assert [1, 2] == [t.number for t in plan.tasks]
    assert ["各区政府", "市卫生健康委", "市人社局"] == _units(plan, 1)
    assert ["市卫生健康委"] == _units(plan, 2)
    assert "推动人才资源向基层倾斜" in plan.tasks[0].text


def test_page_whose_script_holds_the_body(tmp_path):
    """A page whose markup is empty and whose script holds the body as JSON is read from that JSON."""
    pytest.importorskip("trafilatura")
    body = (
        "<p>某县2025年就业帮扶工作方案</p><p>发布日期:2025-05-08</p><p>一、重点任务</p>"
        "<p>(一)稳定务工就业</p>"
        "<p>1.扩大劳务输出。全年农村劳动力转移就业2.5万人以上。(县人社局牵头,县农业农村局配合)</p>"
        + "<p>各乡镇要加强组织领导,压实工作责任,确保各项任务落到实处。</p>"
        * 12
    )
    detail = json.dumps({"id": 1, "title": "某县就业帮扶工作方案", "content": body})
    page = tmp_path / "gkmlpt.html"
    page.write_text(
        "<html><head><title>某县就业帮扶工作方案</title><script>window._CONFIG = {DETAIL: "
        f"{detail}}};</script></head><body><div id='app'></div></body></html>",
        encoding="utf-8",
    )

    plan, _ = parse_plan(page)

    assert ["扩大劳务输出"] == [t.title for t in plan.tasks]
    assert ["县人社局", "县农业农村局"] == _units(plan, 1)
