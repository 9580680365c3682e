"""Returned 调度 sheets as units really send them back.

A sheet re-saved by LibreOffice, a formula never computed, a column inserted or a row above the
header, the progress sheet renamed among other sheets, two units' sheets in one workbook, an
item filled twice, the same sheet returned twice, a .xls or .et, an empty file, numbers and
dates typed as text: each is read as the unit meant it, or refused with the file, the sheet,
the row and the column, what was expected and what was found — never passed over in silence.
"""

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.errors import SheetError
from xiaojie.io import COLUMNS, Verdict, collect, progress_sheets, write_sheets
from xiaojie.io._progressfile import _parse_date, _parse_number
from xiaojie.tracking import status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
COL = {name: index + 1 for index, name in enumerate(COLUMNS)}
SENT = progress_sheets(PLAN, status(PLAN, as_of=AS_OF))


def _send(folder: Path, *units: str) -> list[Path]:
    return write_sheets(PLAN, [next(s for s in SENT if s.unit.id == u) for u in units], folder)


def _edit(path: Path, change) -> None:
    """Open ``path`` as a unit does, let ``change(book, sheet)`` edit it, and save it."""
    book = openpyxl.load_workbook(path)
    change(book, book.active)
    book.save(path)


def _task20_done(book, ws, *, row: int = 6, on: object = dt.date(2025, 7, 20)) -> None:
    """Finance's task 20 (row 6) marked 已完成 on ``on``."""
    ws.cell(row=row, column=COL["完成情况"]).value = "已完成"
    ws.cell(row=row, column=COL["完成时间"]).value = on


def _collect(folder: Path):
    return collect(PLAN, folder, sent=SENT, as_of=AS_OF)


def _refused(folder: Path) -> str:
    with pytest.raises(SheetError) as info:
        _collect(folder)
    return str(info.value)


# --- what the unit did to the layout ----------------------------------------------------------


def test_a_formula_never_computed_is_named_not_taken_for_an_empty_cell(tmp_path):
    """A workbook written by a program holds =40+18 without its value: never a blank."""
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        ws.cell(row=5, column=COL["完成时间"]).value = dt.date(2025, 7, 31)
        ws.cell(row=5, column=COL["数值"]).value = "=40+18"
        ws.cell(row=7, column=COL["完成情况"]).value = '=IF(1,"已完成","")'

    _edit(path, change)
    message = _refused(tmp_path)
    assert f"{path} sheet '调度表'" in message
    assert "row 5, 数值: '=40+18'" in message
    assert 'row 7, 完成情况: \'=IF(1,"已完成","")\'' in message
    assert "never computed" in message


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_sheet_re_saved_by_libreoffice_is_read_with_its_computed_formula(tmp_path):
    (path,) = _send(tmp_path / "sent", "finance")

    def change(book, ws):
        ws.cell(row=5, column=COL["完成时间"]).value = dt.date(2025, 7, 31)
        ws.cell(row=5, column=COL["数值"]).value = "=40+18.5"
        ws.cell(row=5, column=COL["说明"]).value = "全区\n衔接资金"
        _task20_done(book, ws)

    _edit(path, change)
    returned = tmp_path / "returned"
    subprocess.run(  # noqa: S603 - a fixed command
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(returned), str(path)],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
    )
    result = _collect(returned)
    assert [(r.key, r.verdict) for r in result.rows] == [
        ("spending-progress#0", Verdict.ACCEPTED),
        ("task-20", Verdict.ACCEPTED),
    ]
    first = result.rows[0].record
    assert (first.value, first.on, first.note) == (58.5, dt.date(2025, 7, 31), "全区\n衔接资金")


def test_a_column_inserted_by_the_unit_is_read_by_its_header(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        ws.insert_cols(9)  # between 目标 and 完成情况, and between 方案 and its value on row 2
        ws.cell(row=4, column=9).value = "备注栏"

    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert (row.key, row.verdict, row.record.on) == (
        "task-20",
        Verdict.ACCEPTED,
        dt.date(2025, 7, 20),
    )


@pytest.mark.parametrize("inserted", [1, 3])
def test_rows_inserted_above_the_header_move_no_item_out_of_its_row(tmp_path, inserted):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        ws.insert_rows(1, inserted)

    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert (row.line, row.verdict, row.reasons) == (6 + inserted, Verdict.ACCEPTED, ())


def test_a_row_moved_below_a_moved_header_is_still_caught(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws, row=7)  # task 20 was sent on row 6
        ws.cell(row=7, column=1).value, ws.cell(row=7, column=3).value = (
            "task-20",
            "健全衔接资金管理机制",
        )
        ws.insert_rows(1)

    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert row.verdict is Verdict.REJECTED
    assert row.reasons[0].startswith(
        "'task-20' was sent on row 6 (row 7 below the header on row 5), found on row 8"
    )


@pytest.mark.parametrize("position", [0, 1])
def test_the_progress_sheet_is_found_renamed_among_other_sheets(tmp_path, position):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        ws.title = "Sheet1"
        book.create_sheet("填报人信息", position)["A1"] = "填报人:某某"

    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert (row.key, row.verdict) == ("task-20", Verdict.ACCEPTED)


def test_two_units_sheets_in_one_workbook_are_refused_by_name(tmp_path):
    finance, agriculture = _send(tmp_path, "finance", "agriculture")
    other = openpyxl.load_workbook(agriculture).active

    def change(book, ws):
        _task20_done(book, ws)
        copy = book.create_sheet("农业农村厅")
        for cells in other.iter_rows(values_only=True):
            copy.append(cells)
        copy.cell(row=5, column=COL["完成情况"]).value = "正在推进"

    _edit(finance, change)
    agriculture.unlink()
    message = _refused(tmp_path)
    assert (
        f"{finance}: expected one progress sheet in the workbook, found 2 sheets of different "
        "units or dates ('调度表' (自治区财政厅, 截至 2025-08-01)、'农业农村厅' (自治区农业农村厅, "
        "截至 2025-08-01))"
    ) in message


def test_two_units_sheets_pasted_one_below_the_other_are_refused_at_the_row(tmp_path):
    finance, agriculture = _send(tmp_path, "finance", "agriculture")
    other = list(openpyxl.load_workbook(agriculture).active.iter_rows(values_only=True))

    def change(book, ws):
        _task20_done(book, ws)
        for number, cells in enumerate(other, start=10):
            for column, value in enumerate(cells, start=1):
                ws.cell(row=number, column=column).value = value

    _edit(finance, change)
    agriculture.unlink()
    message = _refused(tmp_path)
    assert f"{finance} sheet '调度表' row 11: expected the rows of one unit's sheet" in message
    assert "found another unit line" in message


def test_a_deleted_key_column_is_named(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        ws.delete_cols(1)

    _edit(path, change)
    message = _refused(tmp_path)
    assert (
        f"{path} sheet '调度表' row 4: expected the header with the hidden column 编号" in message
    )
    assert "found the header without it" in message


# --- what the unit filled in ------------------------------------------------------------------


def test_an_item_filled_twice_with_different_answers_is_not_chosen(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        for column in range(1, len(COLUMNS) + 1):
            ws.cell(row=9, column=column).value = ws.cell(row=6, column=column).value
        ws.cell(row=9, column=COL["完成时间"]).value = dt.date(2025, 7, 28)

    _edit(path, change)
    rows = _collect(tmp_path).rows
    assert [(r.line, r.verdict) for r in rows] == [(6, Verdict.REJECTED), (9, Verdict.REJECTED)]
    assert all(
        "'task-20' is filled on rows 6、9 of this sheet with different answers" in r.reasons[-1]
        for r in rows
    )


def test_the_same_sheet_returned_twice_gives_one_record(tmp_path):
    (path,) = _send(tmp_path, "finance")
    _edit(path, _task20_done)
    copy = tmp_path / "调度表 财政厅 (2).xlsx"
    shutil.copy(path, copy)
    result = _collect(tmp_path)
    assert len(result.progress) == 1
    later = next(r for r in result.rows if r.verdict is Verdict.REJECTED)
    earlier = next(r for r in result.rows if r.verdict is Verdict.ACCEPTED)
    assert earlier.source == min(str(path), str(copy))  # by file name, not by order given
    assert later.reasons == (
        (
            f"the same answer as {earlier.where}: the unit's sheet came back more than once, "
            "and the answer is kept once"
        ),
    )


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("财政厅.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "'.xls' (an Excel 97-2003 workbook)"),
        ("财政厅.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "'.et' (a WPS workbook)"),
        ("财政厅.xlsx", b"", "expected a returned sheet, found an empty file (0 bytes)"),
        (
            "财政厅.csv",
            b"\xef\xbb\xbf\r\n",
            "expected a returned sheet, found an empty file (5 bytes)",
        ),
    ],
)
def test_a_file_that_is_no_readable_sheet_is_named_not_passed_over(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "~$财政厅.xlsx").write_bytes(b"\x0c")
    message = _refused(tmp_path)
    if name.endswith((".xls", ".et")):
        expected = (
            f"expected a returned sheet (.xlsx or .csv), found {expected}: "
            "open it in Excel or WPS and save it as an Excel workbook (.xlsx)"
        )
    assert message.splitlines() == [
        "1 returned sheet(s) cannot be read:",
        f"{tmp_path / name}: {expected}",
    ]


# --- cells typed as text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "2025/7/20 0:00",
        "2025-07-20 00:00:00",
        "2025年7月20日",
        "2025.7.20 ",
        "２０２５－０７－２０",
    ],
)
def test_a_completion_date_typed_as_text_is_read(tmp_path, typed):
    (path,) = _send(tmp_path, "finance")
    _edit(path, lambda book, ws: _task20_done(book, ws, on=typed))
    (row,) = _collect(tmp_path).rows
    assert (row.verdict, row.record.on) == (Verdict.ACCEPTED, dt.date(2025, 7, 20))


def test_a_date_without_its_year_is_rejected_saying_so(tmp_path):
    (path,) = _send(tmp_path, "finance")
    _edit(path, lambda book, ws: _task20_done(book, ws, on="7月20日"))
    (row,) = _collect(tmp_path).rows
    assert row.reasons == ("完成时间: expected a date with its year (YYYY-MM-DD), found '7月20日'",)


@pytest.mark.parametrize("typed", ["5_8", "58,5", "5,80", "1,2,3", "01,234"])
def test_a_value_that_is_no_number_is_not_read_as_another(tmp_path, typed):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        ws.cell(row=5, column=COL["完成时间"]).value = dt.date(2025, 7, 31)
        ws.cell(row=5, column=COL["数值"]).value = typed

    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert (row.verdict, row.record) == (Verdict.REJECTED, None)
    assert row.reasons == (f"数值: expected a number (such as 1,234.5), found {typed!r}",)


@settings(max_examples=200, deadline=None)
@given(
    number=st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False),
    grouped=st.booleans(),
    percent=st.booleans(),
)
@example(number=__import__("decimal").Decimal("1234.5"), grouped=True, percent=False)
def test_a_number_written_as_spreadsheets_show_it_is_read_as_itself(number, grouped, percent):
    text = f"{number:,}" if grouped else f"{number}"
    value, problem = _parse_number(text + ("%" if percent else ""))
    assert problem is None
    assert value == float(number)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_saved_as_text_with_midnight_is_the_day(day):
    for text in (f"{day.year}/{day.month}/{day.day} 0:00", f"{day.isoformat()} 00:00:00"):
        assert _parse_date(text) == (day, None)
    assert _parse_date(f"{day.isoformat()} 09:30")[0] is None


# --- formulas: computed or not ----------------------------------------------------------------


def _libreoffice(path: Path, out: Path, home: Path) -> Path:
    """Re-save ``path`` with LibreOffice, as a unit working in it does; return the copy."""
    subprocess.run(  # noqa: S603 - a fixed command
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    return out / path.name


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_formula_computed_to_empty_text_is_a_computed_empty_cell(tmp_path):
    """LibreOffice (and Excel) store a formula computed to "" as t="str" with an empty value."""
    (path,) = _send(tmp_path / "sent", "finance")
    letter = openpyxl.utils.get_column_letter(COL["完成情况"])

    def change(book, ws):
        _task20_done(book, ws)
        for row in range(5, 8):  # the unit's reminder: empty unless the item is under way
            ws.cell(
                row=row, column=COL["说明"]
            ).value = f'=IF({letter}{row}="正在推进","请说明原因","")'

    _edit(path, change)
    returned = _libreoffice(path, tmp_path / "returned", tmp_path / "home")
    (row,) = _collect(returned.parent).rows
    assert (row.key, row.verdict, row.note) == ("task-20", Verdict.ACCEPTED, "")


def test_a_formula_written_by_xlsxwriter_is_named_not_read_as_0(tmp_path):
    """xlsxwriter stores 0 for every formula it writes, and asks Excel to compute on opening."""
    xlsxwriter = pytest.importorskip("xlsxwriter")
    (path,) = _send(tmp_path / "sent", "finance")
    sent = openpyxl.load_workbook(path).active
    target = tmp_path / "returned" / path.name
    target.parent.mkdir()
    book = xlsxwriter.Workbook(str(target))
    sheet = book.add_worksheet("调度表")
    for cells in sent.iter_rows():
        for c in cells:
            if c.value is not None:
                sheet.write(c.row - 1, c.column - 1, c.value)
    sheet.write_string(4, COL["完成时间"] - 1, "2025-07-31")
    sheet.write_formula(4, COL["数值"] - 1, "=40+18")
    book.close()
    message = _refused(target.parent)
    assert (
        f"{target} sheet '调度表': expected values in the filled cells, found 1 formula(s) whose "
        "value was never computed (row 5, 数值: '=40+18')"
    ) in message


@pytest.mark.parametrize("helpers", [0, 26])
def test_every_uncomputed_formula_of_the_fill_in_columns_is_counted(tmp_path, helpers):
    """Formulas elsewhere on the sheet (a program's 序号 =ROW()-4) hide none below them."""
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        for column in range(14, 14 + helpers):  # right of the sheet, on the title row
            ws.cell(row=1, column=column).value = "=COLUMN()"
        ws.cell(row=7, column=COL["完成情况"]).value = '=IF(1,"已完成","")'
        ws.cell(row=7, column=COL["完成时间"]).value = dt.date(2025, 7, 20)
        for row in range(10, 35):  # 25 more, on rows the unit added: 26 in all
            ws.cell(row=row, column=COL["数值"]).value = f"={row}*2"

    _edit(path, change)
    message = _refused(tmp_path)
    assert "found 26 formula(s) whose value was never computed (row 7, 完成情况:" in message
    assert "row 28, 数值: '=28*2'; and 6 more)" in message


# --- several sheets in one workbook -----------------------------------------------------------


def _copy_sheet(title: str, *, hidden: bool = False, filled: bool = False):
    def change(book, ws):
        copy = book.copy_worksheet(ws)
        copy.title = title
        copy.sheet_state = "hidden" if hidden else "visible"
        if filled:
            _task20_done(book, copy)
        _task20_done(book, ws)

    return change


def _instructions(book, ws):
    """A 填表说明 sheet before the progress sheet, explaining each column under its name."""
    _task20_done(book, ws)
    sheet = book.create_sheet("填表说明", 0)
    sheet.append(list(COLUMNS))
    sheet.append(["系统编号,勿改", *[""] * 7, "下拉选择", "2025-07-31", "数字", "数字", "文字"])


@pytest.mark.parametrize(
    "change",
    [
        _copy_sheet("调度表 (2)"),  # the blank sheet kept as a backup before filling it in
        _copy_sheet("调度表 (2)", hidden=True),
        _copy_sheet("调度表 (2)", filled=True),  # a copy filled in alike
        _instructions,
    ],
    ids=["blank-copy", "hidden-copy", "same-copy", "instructions"],
)
def test_copies_of_the_units_own_sheet_or_an_instructions_sheet_are_read_past(tmp_path, change):
    (path,) = _send(tmp_path, "finance")
    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert (row.key, row.verdict, row.record.on) == (
        "task-20",
        Verdict.ACCEPTED,
        dt.date(2025, 7, 20),
    )


def test_the_filled_copy_is_read_when_the_sheet_sent_is_left_blank(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        copy = book.copy_worksheet(ws)
        copy.title = "8月"
        _task20_done(book, copy)

    _edit(path, change)
    (row,) = _collect(tmp_path).rows
    assert (row.line, row.verdict, row.record.on) == (6, Verdict.ACCEPTED, dt.date(2025, 7, 20))


def test_two_copies_of_a_units_sheet_filled_in_differently_are_refused_naming_both(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        copy = book.copy_worksheet(ws)
        copy.title = "调度表 (2)"
        _task20_done(book, copy, on=dt.date(2025, 7, 25))
        _task20_done(book, ws)

    _edit(path, change)
    message = _refused(tmp_path)
    assert (
        f"{path}: expected one filled copy of the sheet of 自治区财政厅, 截至 2025-08-01, found "
        "sheets '调度表' and '调度表 (2)' filled in differently (first on row 6)"
    ) in message


def test_a_workbook_of_chart_sheets_only_is_named(tmp_path):
    from openpyxl.chart import BarChart, Reference

    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        sheet = book.create_chartsheet("图表")
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=5, max_row=7))
        sheet.add_chart(chart)
        book.remove(ws)

    _edit(path, change)
    assert _refused(tmp_path).splitlines()[1] == (
        f"{path}: expected a workbook with a worksheet, found only chart sheets ('图表')"
    )


def test_merged_header_cells_are_named_by_sheet_and_row(tmp_path):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        ws.merge_cells(
            start_row=4, start_column=COL["完成情况"], end_row=4, end_column=COL["完成时间"]
        )

    _edit(path, change)
    assert _refused(tmp_path).splitlines()[1] == (
        f"{path} sheet '调度表' row 4: expected the columns 完成时间, found them missing "
        "(were header cells merged or renamed?)"
    )


def test_a_workbook_with_many_sheets_is_opened_once(tmp_path, monkeypatch):
    (path,) = _send(tmp_path, "finance")

    def change(book, ws):
        _task20_done(book, ws)
        for number in range(8):
            sheet = book.create_sheet(f"明细{number}")
            for row in range(1, 50):
                sheet.append([row, "某村", row * 2, "备注"])

    _edit(path, change)
    opened = []
    load = openpyxl.load_workbook

    def counted(*args, **kwargs):
        opened.append(args)
        return load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", counted)
    (row,) = _collect(tmp_path).rows
    assert (row.key, row.verdict, len(opened)) == ("task-20", Verdict.ACCEPTED, 1)


# --- repeats ----------------------------------------------------------------------------------


def _first_and_corrected(folder: Path) -> tuple[Path, Path]:
    """Finance's sheet with task 20 filled twice (rejected), and the sheet sent again corrected."""
    (path,) = _send(folder, "finance")
    corrected = folder / "调度表-2025-08-01-自治区财政厅_修改.xlsx"
    shutil.copy(path, corrected)

    def twice(book, ws):
        _task20_done(book, ws)
        for column in range(1, len(COLUMNS) + 1):
            ws.cell(row=9, column=column).value = ws.cell(row=6, column=column).value
        ws.cell(row=9, column=COL["完成时间"]).value = dt.date(2025, 7, 28)

    _edit(path, twice)
    _edit(corrected, _task20_done)
    return path, corrected


def test_a_corrected_sheet_is_not_rejected_as_a_repeat_of_a_rejected_row(tmp_path):
    path, corrected = _first_and_corrected(tmp_path)
    result = _collect(tmp_path)
    assert [(Path(r.source).name, r.line, r.verdict) for r in result.rows] == [
        (path.name, 6, Verdict.REJECTED),
        (path.name, 9, Verdict.REJECTED),
        (corrected.name, 6, Verdict.ACCEPTED),
    ]
    assert [(r.item, r.on) for r in result.progress] == [("task-20", dt.date(2025, 7, 20))]


def test_two_answers_of_a_unit_for_one_item_are_in_conflict_whatever_their_order(tmp_path):
    (path,) = _send(tmp_path, "finance")
    again = tmp_path / "调度表-2025-08-01-自治区财政厅(更正).xlsx"
    shutil.copy(path, again)
    _edit(path, _task20_done)

    def noted(book, ws):
        ws.cell(row=6, column=COL["完成情况"]).value = "正在推进"
        ws.cell(row=6, column=COL["说明"]).value = "待验收"

    _edit(again, noted)
    for order in ([path, again], [again, path]):
        rows = collect(PLAN, order, sent=SENT, as_of=AS_OF).rows
        assert {r.verdict for r in rows} == {Verdict.CONFLICT}
        assert rows[0].reasons == (
            (
                "task-20: different answers from finance in more than one file: 正在推进 / 待验收 "
                f"({again} row 6)、已完成 / 2025-07-20 ({path} row 6)"
            ),
        )


def _returned_twice(folder: Path) -> list[Path]:
    """Finance's sheet as .xlsx and as the .csv the unit also saved, a copy, a correction."""
    import csv

    (path,) = _send(folder, "finance")

    def change(book, ws):
        ws.cell(row=5, column=COL["完成时间"]).value = dt.date(2025, 7, 31)
        ws.cell(row=5, column=COL["数值"]).value = 58
        _task20_done(book, ws)

    _edit(path, change)
    sheet = openpyxl.load_workbook(path).active
    as_csv = path.with_suffix(".csv")
    with as_csv.open("w", newline="", encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        for cells in sheet.iter_rows(values_only=True):
            writer.writerow(
                [
                    "" if v is None else v.strftime("%Y/%-m/%-d") if isinstance(v, dt.date) else v
                    for v in cells
                ]
            )
    copy = folder / "财政厅 (2).xlsx"
    shutil.copy(path, copy)
    *_, corrected = _first_and_corrected(folder / "b")
    return [path, as_csv, copy, corrected]


def test_the_same_sheet_as_xlsx_and_csv_gives_each_record_once(tmp_path):
    path, as_csv, *_ = _returned_twice(tmp_path)
    result = collect(PLAN, [path, as_csv], sent=SENT, as_of=AS_OF)
    assert sorted((r.item, r.on) for r in result.progress) == [
        ("spending-progress", dt.date(2025, 7, 31)),
        ("task-20", dt.date(2025, 7, 20)),
    ]
    assert {r.source for r in result.rows if r.verdict is Verdict.ACCEPTED} == {str(as_csv)}


@pytest.fixture(scope="module")
def returned_files(tmp_path_factory):
    return _returned_twice(tmp_path_factory.mktemp("returned"))


@settings(max_examples=12, deadline=None)
@given(order=st.permutations(range(4)))
def test_the_verdicts_do_not_depend_on_the_order_of_the_files(returned_files, order):
    def outcome(paths):
        result = collect(PLAN, paths, sent=SENT, as_of=AS_OF)
        verdicts = {(r.source, r.line): (r.verdict, r.record, r.reasons) for r in result.rows}
        return verdicts, sorted(map(repr, result.progress))

    assert outcome([returned_files[i] for i in order]) == outcome(returned_files)


# --- the folder -------------------------------------------------------------------------------


def test_a_sub_folder_of_the_returned_folder_is_named_in_the_notes(tmp_path):
    (path,) = _send(tmp_path, "finance")
    _edit(path, _task20_done)
    old = tmp_path / "7月"
    _send(old, "agriculture")
    result = _collect(tmp_path)
    assert [r.source for r in result.rows] == [str(path)]
    assert result.notes == (
        (
            f"{old}: a sub-folder, not read: give its sheets to collect themselves, or move them "
            f"into {tmp_path}, if they are this 调度's"
        ),
    )


@pytest.mark.parametrize("typed", ["0,123", "00,000", "-0,5"])
def test_a_comma_after_a_leading_zero_is_refused_as_ambiguous(typed):
    assert _parse_number(typed) == (
        None,
        (
            f"expected a number (such as 1,234.5), found {typed!r}: a comma after a leading zero may "
            "be a decimal comma or a thousands separator; write the number without it"
        ),
    )


@settings(max_examples=100, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_date_saved_as_text_with_midnight_on_a_12_hour_clock_is_the_day(day):
    slashed = f"{day.year}/{day.month}/{day.day}"
    for text in (f"{slashed} 12:00:00 AM", f"{slashed} 上午 12:00:00", f"{slashed} 0:00 am"):
        assert _parse_date(text) == (day, None)
    for noon in (f"{slashed} 12:00:00 PM", f"{slashed} 下午 12:00:00"):
        assert _parse_date(noon)[0] is None


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/styles.xml"])
def test_a_damaged_part_of_a_returned_workbook_is_a_located_error(tmp_path, part):
    """A broken deflate stream inside the package: a SheetError naming the file, no zlib.error."""
    import struct
    import zipfile

    from xiaojie.io import read_returned

    (path,) = _send(tmp_path, "finance")
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    name_length, extra_length = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_length + extra_length
    raw[start : start + 8] = b"\xff" * 8  # an invalid deflate block
    path.write_bytes(bytes(raw))
    with pytest.raises(SheetError) as caught:
        read_returned(path)
    assert path.name in str(caught.value)
