"""Units listed one a line in a 分工表 cell (Alt+Enter in Excel, a paragraph each in Word).

A cell ``县民政局⏎县财政局`` names two units; it was read as one unit ``县民政局县财政局``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xiaojie.parsing import parse_plan


if TYPE_CHECKING:
    from pathlib import Path


_UNITS = ("县民政局", "县财政局", "县教育局", "县卫健局", "各乡镇人民政府", "中共同心县委组织部")
_HEADER = ["序号", "具体措施", "牵头单位", "配合单位", "完成时限"]
_TITLE = ["同心县巩固拓展脱贫攻坚成果任务分工表", "发文时间：2025年3月1日"]


def _rows(lead: list[str], support: list[str], break_: str) -> list[list[str]]:
    return [
        _HEADER,
        ["1", "完善监测机制", break_.join(lead), break_.join(support), "2025年6月底前"],
        ["2", "壮大集体经济", "县农业农村局", "县财政局", "2025年年底前"],
    ]


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in _TITLE:
        sheet.append([line])
    for row in rows:
        sheet.append(row)
    book.save(path)


def _docx(path: Path, rows: list[list[str]], *, paragraphs: bool) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in _TITLE:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                if paragraphs:
                    cell.add_paragraph(line)
                else:
                    run = cell.paragraphs[-1].add_run()
                    run.add_break()
                    run.add_text(line)
    document.save(path)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    units=st.lists(st.sampled_from(_UNITS), min_size=2, max_size=5, unique=True),
    split=st.integers(1, 4),
    form=st.sampled_from(["xlsx", "docx paragraphs", "docx breaks", "xlsx crlf"]),
)
def test_units_one_a_line_are_each_a_unit(tmp_path_factory, units, split, form) -> None:
    """Each line of a units cell is a unit, in a workbook and in a Word table alike."""
    split = min(split, len(units) - 1)
    lead, support = units[:split], units[split:]
    break_ = "\r\n" if form == "xlsx crlf" else "\n"
    rows = _rows(lead, support, break_)
    folder = tmp_path_factory.mktemp("cells")
    if form.startswith("xlsx"):
        path = folder / "fengong.xlsx"
        _xlsx(path, rows)
    else:
        path = folder / "fengong.docx"
        _docx(path, rows, paragraphs=form == "docx paragraphs")
    tasks = parse_plan(path, reference=dt.date(2025, 3, 1)).plan.tasks
    assert tasks[0].lead.name == lead[0]
    assert [u.name for u in tasks[0].units] == units
    assert [u.name for u in tasks[1].units] == ["县农业农村局", "县财政局"]


def test_a_name_a_narrow_cell_broke_stays_one_name(tmp_path: Path) -> None:
    """中共同心县委⏎组织部 is the county committee's organisation department, one unit."""
    path = tmp_path / "fengong.xlsx"
    _xlsx(path, _rows(["中共同心县委\n组织部"], ["县财政局、\n县教育局"], "\n"))
    task = parse_plan(path, reference=dt.date(2025, 3, 1)).plan.tasks[0]
    assert [u.name for u in task.units] == ["中共同心县委组织部", "县财政局", "县教育局"]


@pytest.mark.parametrize("form", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "keys",
    [
        [["发文时间：2025年4月10日"]],
        [["发文时间", "2025年4月10日"]],
        [["文号：同政办发〔2025〕12号"], ["发文时间:", "2025年4月10日"]],
    ],
)
def test_the_keys_above_a_sheets_table_are_read(tmp_path: Path, form: str, keys) -> None:
    """发文时间 in a row above the 分工表 header gives the reference date (it was dropped)."""
    rows = [["同心县任务分工表"], *keys, *_rows(["县民政局"], ["县财政局"], "\n")]
    if form == "xlsx":
        path = tmp_path / "fengong.xlsx"
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        import csv

        path = tmp_path / "fengong.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    plan = parse_plan(path).plan
    assert plan.date == dt.date(2025, 4, 10)
    assert [t.lead.name for t in plan.tasks] == ["县民政局", "县农业农村局"]


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("县人民政府\n办公室", ["县人民政府办公室"]),
        ("中共同心县委\n政法委员会", ["中共同心县委政法委员会"]),
        ("县委\n机构编制委员会办公室", ["县委机构编制委员会办公室"]),
        ("县教育局（牵头）\n县民政局", ["县教育局", "县民政局"]),
        ("民政局\n财政局", ["县民政局", "县财政局"]),
    ],
)
def test_a_cells_lines_are_units_as_names_after_a_space_are(cell, units):
    """A line is a unit of its own exactly when a name written after a space would be."""
    from xiaojie.parsing._tables import table_lines

    rows = [["序号", "具体措施", "牵头单位", "配合单位"], ["1", "完善机制", "县发改局", cell]]
    (line,) = table_lines(rows)
    plan = parse_plan(f"某县分工方案\n一、重点任务\n{line}\n", reference=dt.date(2025, 3, 1)).plan
    assert [u.name for u in plan.tasks[0].units][1:] == units


def test_two_cells_above_the_header_that_are_no_key_are_two_lines(tmp_path: Path) -> None:
    """附件1 | 某县分工表 and 填报单位：… | 填报时间：… are not joined into one key."""
    from xiaojie.parsing._readers import _lines_above_header

    rows = [
        ["附件1", "某县2025年重点任务分工表"],
        ["填报单位：县政府办", "填报时间：2025年3月5日"],
        ["发文时间", "2025年3月1日"],
        ["序号", "具体措施", "牵头单位"],
    ]
    assert _lines_above_header(rows)[0] == [
        "附件1",
        "某县2025年重点任务分工表",
        "填报单位：县政府办",
        "填报时间：2025年3月5日",
        "发文时间：2025年3月1日",
    ]
