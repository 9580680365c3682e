"""Spreadsheets officials can filter: unit as a column, dates as dates, Chinese sheet names.

The files are written by the installed ``xiaojie docs`` command; one per-unit workbook is opened
by LibreOffice headless (converted to CSV) to prove a spreadsheet program reads it.
"""

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess

import openpyxl
import pytest

import installed
import xiaojie as xj


CJK = re.compile(r"[\u4e00-\u9fff]")
PLAN = xj.load_plan()


_script = installed.script


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """The CSV and XLSX files of the site as of 2025-08-01."""
    script = _script()
    if script is None:
        pytest.skip("the xiaojie script is not installed")
    out = tmp_path_factory.mktemp("tables") / "site"
    done = subprocess.run(  # noqa: S603 - our own script
        [
            script,
            "docs",
            "--out",
            str(out),
            "--format",
            "csv",
            "--format",
            "xlsx",
            "--as-of",
            "2025-08-01",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert 0 == done.returncode, done.stderr
    return out / "tables"


def _books(folder):
    for path in sorted(folder.rglob("*.xlsx")):
        with path.open("rb") as handle:
            yield path, openpyxl.load_workbook(io.BytesIO(handle.read()))


def test_no_merged_group_rows(tables):
    """No worksheet has merged cells: every row stands on its own under a filter."""
    for path, book in _books(tables):
        for sheet in book.worksheets:
            assert [] == list(sheet.merged_cells.ranges), (path.name, sheet.title)


def test_sheet_names_are_chinese(tables):
    """Every sheet is named in Chinese."""
    for path, book in _books(tables):
        for name in book.sheetnames:
            assert CJK.search(name), (path.name, name)


def test_unit_is_a_column_in_status_tables(tables):
    """The overdue table names the unit on every row, in XLSX and in CSV."""
    book = openpyxl.load_workbook(io.BytesIO((tables / "status.xlsx").read_bytes()))
    rows = list(book["逾期事项"].iter_rows(values_only=True))
    text = (tables / "status-overdue.csv").read_text(encoding="utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))

    assert "责任单位" == rows[0][0] == csv_rows[0][0]
    units = {u.name for u in PLAN.units} | {"未明确责任单位"}
    assert all(r[0] in units for r in rows[1:])
    assert all(r[0] in units and r[1] for r in csv_rows[1:])


def test_dates_are_date_cells(tables):
    """The 截止日期 column holds date cells with a date format, not text."""
    sheet = openpyxl.load_workbook(io.BytesIO((tables / "status.xlsx").read_bytes()))["逾期事项"]
    header = [c.value for c in sheet[1]]
    column = header.index("截止日期") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]

    assert cells
    assert all(isinstance(c.value, dt.datetime) for c in cells)
    assert {"yyyy-mm-dd"} == {c.number_format for c in cells}


def test_every_unit_has_a_task_list_workbook(tables):
    """Each unit with a page has its 任务清单 as XLSX, with a filter on every sheet."""
    owners = PLAN.owners_in_order()
    found = {p.stem for p in (tables / "units").glob("*.xlsx")}

    assert {o.id for o in owners} == found
    book = openpyxl.load_workbook(io.BytesIO((tables / "units/finance.xlsx").read_bytes()))
    assert all(s.auto_filter.ref for s in book.worksheets)


def test_libreoffice_opens_a_unit_workbook(tables, tmp_path):
    """LibreOffice reads a unit's workbook: its first sheet (牵头任务) converts to CSV with the tasks."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice is required under CI; .ci/system-packages installs it")
        pytest.skip("LibreOffice is not installed")
    subprocess.run(  # noqa: S603 - a fixed LibreOffice command
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(tables / "units/agriculture.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    text = (tmp_path / "agriculture.csv").read_text(encoding="utf-8")

    assert "牵头" in text or "配合" in text
    assert PLAN.task(21).title in text
