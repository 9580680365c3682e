"""任务分工表 rows as text (tabs, ``|``) and as Word tables with merged cells, columns mapped by meaning."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.model import Role
from xiaojie.parsing import parse_plan
from xiaojie.parsing._tables import row_lines, text_tables


if TYPE_CHECKING:
    from pathlib import Path

    import xiaojie as xj


HEAD = ["某市2025年巩固拓展脱贫攻坚成果重点任务分工方案", "发布日期:2025-03-01", "一、重点任务分工"]
HEADER = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "产业帮扶", "完善联农带农机制", "市农业农村局", "市财政局、市乡村振兴局", "2025年底前"],
    ["2", "", "壮大村级集体经济", "市委组织部", "市财政局", "2025年10月底前"],
    ["3", "就业帮扶", "稳定脱贫劳动力务工规模", "市人社局", "", "2025年6月底前"],
    ["4", "", "开发乡村公益性岗位", "市人社局", "市财政局", ""],
]
"""A 分工表 as a sheet holds it: the group written once (the cells under it merged, copied out
empty), one row with no supporting unit and one with no time limit."""

TAIL = ["二、保障措施", "各地要加强组织领导。"]

EXPECTED_TASKS = [
    (1, 1, "完善联农带农机制", ["市农业农村局", "市财政局", "市乡村振兴局"], dt.date(2025, 12, 31)),
    (2, 1, "壮大村级集体经济", ["市委组织部", "市财政局"], dt.date(2025, 10, 31)),
    (3, 2, "稳定脱贫劳动力务工规模", ["市人社局"], dt.date(2025, 6, 30)),
    (4, 2, "开发乡村公益性岗位", ["市人社局", "市财政局"], None),
]


def _read(plan: xj.Plan) -> list[tuple[int, int, str, list[str], dt.date | None]]:
    """Each task as (number, campaign, title, units, deadline of its clause)."""
    out = []
    for task in plan.tasks:
        due = [m.due for m in plan.milestones if m.task == task.number]
        out.append(
            (
                task.number,
                task.campaign,
                task.title,
                [o.name for o in task.units],
                due[0] if due else None,
            )
        )
    return out


def _tab(rows: list[list[str]]) -> list[str]:
    return ["\t".join(r) for r in rows]


class TestTextRows:
    def test_tab_rows_keep_empty_cells(self):
        """Tab rows with empty cells keep their columns: nothing shifts into the wrong column."""
        plan, report = parse_plan("\n".join([*HEAD, *_tab([HEADER, *ROWS]), *TAIL]))

        assert EXPECTED_TASKS == _read(plan)
        assert ["产业帮扶", "就业帮扶"] == [c.name for c in plan.campaigns]
        assert not report.of_kind("unsplit")

    def test_pipe_rows_with_a_rule_line(self):
        """A table written with ``|`` and a ``|---|`` rule under its header reads the same."""
        lines = [f"| {' | '.join(HEADER)} |", "|" + "---|" * len(HEADER)]
        lines += [f"| {' | '.join(r)} |" for r in ROWS]
        plan, _ = parse_plan("\n".join([*HEAD, *lines, *TAIL]))

        assert EXPECTED_TASKS == _read(plan)

    def test_pipe_rows_without_outer_bars(self):
        """Rows ``1 | 产业帮扶 | …`` without bars at the ends read the same."""
        lines = [" | ".join(r) for r in [HEADER, *ROWS]]
        plan, _ = parse_plan("\n".join([*HEAD, *lines, *TAIL]))

        assert EXPECTED_TASKS == _read(plan)

    def test_table_ends_at_the_next_heading(self):
        """The line after the last row is text again: 二、保障措施 stays a heading of the plan."""
        rewritten = text_tables([*HEAD, *_tab([HEADER, *ROWS]), *TAIL])

        assert TAIL == rewritten[-2:]
        assert "" == rewritten[3]  # the header line
        assert rewritten[5].startswith(
            "2.壮大村级集体经济。(牵头单位:市委组织部;配合单位:市财政局;"
        )

    def test_columns_mapped_by_meaning(self):
        """Other header words map to the same roles; 协办单位 supports, 落实单位 and 责任人 reach the task."""
        header = ["编号", "工作任务", "牵头部门", "协办单位", "落实单位", "责任领导", "时间节点"]
        row = [
            "1",
            "完善防止返贫监测机制",
            "县乡村振兴局",
            "县民政局",
            "各乡镇人民政府",
            "分管副县长",
            "2025年9月底前",
        ]
        plan, _ = parse_plan("\n".join([*HEAD, *_tab([header, row])]))
        task = plan.task(1)

        assert [
            ("县乡村振兴局", Role.LEAD),
            ("县民政局", Role.SUPPORT),
            ("各乡镇人民政府", Role.IMPLEMENT),
        ] == [(r.owner.name, r.role) for r in task.responsibilities]
        assert ("分管副县长",) == task.persons
        assert [dt.date(2025, 9, 30)] == [m.due for m in plan.milestones if m.task == 1]

    def test_caller_header_words(self):
        """A header word the caller adds (``主办处室``) maps its column in text rows too."""
        header = ["序号", "具体措施", "主办处室", "配合单位"]
        row = ["1", "完善监测机制", "市民政局", "市财政局"]
        text = "\n".join([*HEAD, *(" | ".join(r) for r in (header, row))])

        plan, _ = parse_plan(text, columns={"主办处室": "lead"})

        assert [["市民政局", "市财政局"]] == [[o.name for o in t.units] for t in plan.tasks]

    def test_a_line_without_the_separator_ends_a_tab_table(self):
        """In a tab table, a line with no tab is not a row, even if it starts with a number."""
        rows = _tab([HEADER, ROWS[0]])
        plan, _ = parse_plan("\n".join([*HEAD, *rows, "2 市财政局 年内完成"]))

        assert [1] == [t.number for t in plan.tasks]

    def test_rows_numbered_with_a_mark(self):
        """Row numbers written ``1.`` or ``(2)`` are the tasks' numbers."""
        rows = [["1.", *ROWS[0][1:]], ["(2)", *ROWS[1][1:]]]
        plan, _ = parse_plan("\n".join([*HEAD, *_tab([HEADER, *rows])]))

        assert [1, 2] == [t.number for t in plan.tasks]


class TestTableRows:
    def test_two_columns_of_one_role_are_both_read(self):
        """Two support columns (配合单位, 协办单位) both give supporting units."""
        table = [
            ["序号", "具体措施", "牵头单位", "配合单位", "协办单位"],
            ["1", "完善机制", "县民政局", "县财政局", "县医保局"],
        ]

        assert [(1, ["1.完善机制。(牵头单位:县民政局;配合单位:县财政局、县医保局)"])] == row_lines(
            table
        )

    def test_header_of_two_rows(self):
        """责任单位 over 牵头单位 | 配合单位: the lower header row gives the roles."""
        table = [
            ["序号", "具体措施", "责任单位", "责任单位", "完成时限"],
            ["序号", "具体措施", "牵头单位", "配合单位", "完成时限"],
            ["1", "完善机制", "县民政局", "县财政局", "年底前"],
        ]

        assert [
            (2, ["1.完善机制。(牵头单位:县民政局;配合单位:县财政局;完成时限:年底前)"])
        ] == row_lines(table)

    def test_starred_units_lead(self):
        """责任部门(加*号为牵头部门,其余为参与部门): the starred unit leads, the others support."""
        table = [
            ["序号", "具体措施", "责任部门(加*号为牵头部门,其余为参与部门)", "完成时限"],
            ["1", "建设示范村", "区规划资源局、区农业农村委*", "12月底前"],
            ["2", "培训干部", "＊区人社局、区财政局、区民政局", "10月底前"],
            ["3", "排查风险", "区卫健委", "9月底前"],
        ]

        assert [
            (1, ["1.建设示范村。(牵头单位:区农业农村委;配合单位:区规划资源局;完成时限:12月底前)"]),
            (2, ["2.培训干部。(牵头单位:区人社局;配合单位:区财政局、区民政局;完成时限:10月底前)"]),
            (3, ["3.排查风险。(责任单位:区卫健委;完成时限:9月底前)"]),
        ] == row_lines(table)

    def test_a_table_copied_one_cell_a_line_with_a_time_node_column(self):
        """完成时间节点 names the deadline column of a table copied one cell a line (a web page)."""
        cells = ["序号", "重点任务", "具体措施", "责任部门", "配合单位", "完成时间节点"]
        cells += [
            "1",
            "完成示范村建设",
            "完成1个乡村振兴示范村建设。",
            "区农业农村委",
            "浦江镇",
            "10月底",
        ]
        cells += [
            "2",
            "遴选示范村",
            "按市级部署遴选1个示范村开展建设。",
            "区农业农村委",
            "浦江镇",
            "12月底",
        ]
        text = "某区分工表\n发布日期:2023年2月10日\n" + "\n".join(cells) + "\n"

        plan, _ = parse_plan(text)

        assert [
            ("完成1个乡村振兴示范村建设", [("区农业农村委", Role.LEAD), ("浦江镇", Role.SUPPORT)]),
            (
                "按市级部署遴选1个示范村开展建设",
                [("区农业农村委", Role.LEAD), ("浦江镇", Role.SUPPORT)],
            ),
        ] == [(t.title, [(r.owner.name, r.role) for r in t.responsibilities]) for t in plan.tasks]
        assert [dt.date(2023, 10, 31), dt.date(2023, 12, 31)] == [m.due for m in plan.milestones]

    def test_a_lead_column_wins_over_stars(self):
        """Where a 牵头单位 column names the lead, stars elsewhere only leave the names."""
        table = [
            ["序号", "具体措施", "牵头单位", "责任乡镇", "完成时限"],
            ["1", "建设示范村", "区农业农村委", "浦江镇*、马桥镇", "12月底前"],
            ["2", "培训干部", "区发改委*、区财政局", "马桥镇（*）", "10月底前"],
        ]

        assert [
            (
                1,
                ["1.建设示范村。(牵头单位:区农业农村委;落实单位:浦江镇、马桥镇;完成时限:12月底前)"],
            ),
            (2, ["2.培训干部。(牵头单位:区发改委、区财政局;落实单位:马桥镇;完成时限:10月底前)"]),
        ] == row_lines(table)

    @pytest.mark.parametrize("column", ["责任乡镇", "责任街镇", "责任街道", "实施乡镇"])
    def test_a_column_of_townships_gives_implementing_units(self, column):
        """A 责任乡镇 column is read: its towns carry the task out (落实单位), none is dropped."""
        text = (
            f"某区分工表\n发布日期:2023年2月10日\n序号\t具体措施\t牵头单位\t{column}\t完成时限\n"
            "1\t建设示范村。\t区农业农村委\t浦江镇、马桥镇\t12月底前\n"
        )

        plan, _ = parse_plan(text)

        [task] = plan.tasks
        assert [
            ("区农业农村委", Role.LEAD),
            ("浦江镇", Role.IMPLEMENT),
            ("马桥镇", Role.IMPLEMENT),
        ] == [(r.owner.name, r.role) for r in task.responsibilities]


def _docx_table(
    tmp_path: Path, rows: list[list[str | None]], merges: list[tuple[int, int, int, int]]
) -> Path:
    """Write a .docx with the plan's head as paragraphs and ``rows`` as a table with ``merges``."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in HEAD:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value:
                table.cell(i, j).text = value
    for top, left, bottom, right in merges:
        text = table.cell(top, left).text
        table.cell(top, left).merge(table.cell(bottom, right)).text = text
    document.add_paragraph(TAIL[0])
    path = tmp_path / "fengong.docx"
    document.save(str(path))
    return path


class TestDocxTables:
    def test_vertically_merged_cells(self, tmp_path):
        """A group cell merged down over its rows, and a lead cell merged over two rows, are read for each row."""
        rows: list[list[str | None]] = [HEADER, *([*r] for r in ROWS)]
        rows[4][3] = ""  # the second 市人社局 is the merged cell above
        path = _docx_table(tmp_path, rows, [(1, 1, 2, 1), (3, 1, 4, 1), (3, 3, 4, 3)])

        plan, _ = parse_plan(path)

        assert EXPECTED_TASKS == _read(plan)
        assert ["产业帮扶", "就业帮扶"] == [c.name for c in plan.campaigns]

    def test_header_merged_over_two_rows(self, tmp_path):
        """责任单位 merged across 牵头单位 | 配合单位, the other header cells merged down: roles from the lower row."""
        top = ["序号", "重点任务", "具体措施", "责任单位", "", "完成时限"]
        lower = ["", "", "", "牵头单位", "配合单位", ""]
        rows: list[list[str | None]] = [top, lower, *([*r] for r in ROWS)]
        merges = [(0, j, 1, j) for j in (0, 1, 2, 5)] + [(0, 3, 0, 4)]
        path = _docx_table(tmp_path, rows, merges)

        plan, _ = parse_plan(path)

        assert EXPECTED_TASKS == _read(plan)


BODIES = (
    "县民政局",
    "县财政局",
    "县医保局",
    "县人社局",
    "县农业农村局",
    "县委组织部",
    "县教育体育局",
)
TASK_WORDS = st.text(alphabet="完善机制推进建设落实帮扶就业产业监测保障", min_size=4, max_size=12)
GROUPS = ("产业帮扶", "就业帮扶", "兜底保障")


@st.composite
def fengong_tables(draw):
    """A 分工表 as rows: a group written on its first row only, a lead, 0-2 supports, maybe a deadline."""
    rows = []
    group = ""
    for number in range(1, draw(st.integers(1, 6)) + 1):
        new_group = draw(st.sampled_from(GROUPS)) if number == 1 or draw(st.booleans()) else group
        lead = draw(st.sampled_from(BODIES))
        supports = draw(
            st.lists(st.sampled_from([b for b in BODIES if b != lead]), max_size=2, unique=True)
        )
        month = draw(st.none() | st.integers(1, 12))
        rows.append(
            [
                str(number),
                new_group if new_group != group else "",
                draw(TASK_WORDS),
                lead,
                "、".join(supports),
                f"2025年{month}月底前" if month else "",
            ]
        )
        group = new_group
    return rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=fengong_tables(), form=st.sampled_from(["tab", "pipe", "pipe-ruled"]))
def test_any_text_table_reads_cell_by_cell(rows, form):
    """Whatever cells are empty, each row gives its task with the lead, supports, group and deadline of its own cells."""
    if form == "tab":
        lines = _tab([HEADER, *rows])
    else:
        lines = [f"| {' | '.join(r)} |" for r in [HEADER, *rows]]
        if form == "pipe-ruled":
            lines.insert(1, "|" + ":---|" * len(HEADER))
    plan, _ = parse_plan("\n".join([*HEAD, *lines, *TAIL]))

    assert len(rows) == len(plan.tasks)
    group = ""
    for row, task in zip(rows, plan.tasks, strict=True):
        group = row[1] or group
        supports = [s for s in row[4].split("、") if s]
        assert int(row[0]) == task.number
        assert row[2] == task.title
        assert [row[3], *supports] == [o.name for o in task.units]
        assert group == plan.campaign(task.campaign).name
        due = [m.due for m in plan.milestones if m.task == task.number]
        if row[5]:
            month = int(row[5][5:-3])
            assert [dt.date(2025, month, calendar.monthrange(2025, month)[1])] == due
        else:
            assert [] == due


def test_xlsx_merged_cells(tmp_path):
    """In a workbook, a lead merged over two rows leads both, and a group merged down groups its rows."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([HEAD[0]])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([*row[:3], "" if row[0] == "4" else row[3], *row[4:]])
    sheet.merge_cells("B3:B4")  # 产业帮扶 over rows 1 and 2
    sheet.merge_cells("B5:B6")  # 就业帮扶 over rows 3 and 4
    sheet.merge_cells("D5:D6")  # 市人社局 leads rows 3 and 4
    path = tmp_path / "fengong.xlsx"
    book.save(path)

    plan, report = parse_plan(path, reference=dt.date(2025, 3, 1))

    assert EXPECTED_TASKS == _read(plan)
    assert not report.of_kind("guessed_lead")
