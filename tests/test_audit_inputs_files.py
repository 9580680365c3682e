"""Odd side files (a plan's CSV 分工表, body catalogues, place and counterpart tables) get located errors."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest

from xiaojie.cli._main import main
from xiaojie.errors import PlaceError, PlanParseError, XiaojieError
from xiaojie.parsing import parse_plan
from xiaojie.parsing._catalogue import load_catalogue
from xiaojie.places import load_counterparts, load_places


if TYPE_CHECKING:
    from pathlib import Path


_TABLE = "事项,牵头单位,完成时限\n加强组织领导,自治区农业农村厅,2025年6月底前\n"
_DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"
_LONG_INT_TOML = "a = " + "9" * 5000 + "\n"


def test_plan_csv_with_an_oversized_cell_is_a_located_error(tmp_path: Path) -> None:
    """A 分工表 CSV whose cell is over the csv module's field limit names the file and line."""
    path = tmp_path / "fengong.csv"
    path.write_text(_TABLE + "推进," + "很" * 200_000 + ",2025年9月底前\n", encoding="utf-8")
    with pytest.raises(
        PlanParseError,
        match=r"fengong\.csv:3:2: expected a CSV 分工表 cell of at most 131,072 characters, found one of 200,000",
    ) as err:
        parse_plan(path, reference=dt.date(2025, 6, 18))
    assert "很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很" not in str(err.value)


def test_plan_csv_limit_does_not_depend_on_a_ledger_read_before(tmp_path: Path) -> None:
    """Reading a ledger CSV leaves the csv module's cell limit as it was, so a 分工表 reads alike."""
    import csv

    from xiaojie.ledgers import read_ledger

    before = csv.field_size_limit()
    ledger = tmp_path / "户.csv"
    ledger.write_text(
        "户编号,县(市、区),乡(镇),行政村,户类型\nH1,同心县,豫海镇,V1村,脱贫户\n", "utf-8"
    )
    read_ledger(ledger, "households")
    assert csv.field_size_limit() == before
    path = tmp_path / "fengong.csv"
    path.write_text(_TABLE + "推进," + "很" * 200_000 + ",2025年9月底前\n", encoding="utf-8")
    with pytest.raises(
        PlanParseError,
        match=r"fengong\.csv:3:2: expected a CSV 分工表 cell of at most 131,072 characters, found one of 200,000",
    ):
        parse_plan(path, reference=dt.date(2025, 6, 18))
    assert csv.field_size_limit() == before


def test_the_cell_limit_is_put_back_after_the_last_of_two_readers(tmp_path: Path) -> None:
    """Two ledger CSVs read at once: closing the first keeps the second's limit; the last restores."""
    import csv

    from xiaojie.ledgers._read import _csv_rows

    before = csv.field_size_limit()
    long = "很" * 200_000
    first = io.StringIO(f"a\n{long}\n")
    second = io.StringIO(f"a\n{long}\n")
    reading_first, reading_second = _csv_rows(first, ","), _csv_rows(second, ",")
    assert next(reading_first) == ["a"]
    assert next(reading_second) == ["a"]
    reading_first.close()
    assert next(reading_second) == [long]
    reading_second.close()
    assert csv.field_size_limit() == before


def test_plan_csv_with_old_mac_line_ends_is_read(tmp_path: Path) -> None:
    """A 分工表 CSV whose rows end in a bare carriage return (old Mac) is read, not a crash."""
    unix, mac = tmp_path / "unix.csv", tmp_path / "mac.csv"
    unix.write_bytes(_TABLE.encode("utf-8"))
    mac.write_bytes(_TABLE.replace("\n", "\r").encode("utf-8"))
    read = [parse_plan(p, reference=dt.date(2025, 6, 18)).plan for p in (unix, mac)]
    titles = [[m.title for m in plan.milestones] for plan in read]
    assert titles[0] == titles[1]
    assert "加强组织领导" in titles[0][0]


def test_cli_parse_of_a_broken_csv_prints_an_error(tmp_path: Path, capsys) -> None:
    """``xiaojie parse`` of a CSV with a cell too long exits 1 with one ``error:`` line."""
    path = tmp_path / "fengong.csv"
    path.write_text(_TABLE + "推进," + "很" * 200_000 + "\n", encoding="utf-8")
    assert main(["parse", str(path), "-o", str(tmp_path / "plan.toml")]) == 1
    assert capsys.readouterr().err.startswith(f"error: {path}:3:2: expected a CSV 分工表 cell")
    assert not (tmp_path / "plan.toml").exists()


@pytest.mark.parametrize("text", [_DEEP_TOML, _LONG_INT_TOML], ids=["deep", "long-integer"])
def test_catalogue_with_hostile_toml_is_a_located_error(tmp_path: Path, text: str) -> None:
    """A body catalogue nested thousands deep or with a 5,000-digit number is a PlanParseError."""
    path = tmp_path / "bodies.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanParseError, match=r"bodies\.toml:1:5: expected .*(nested|digits)"):
        load_catalogue(path)


@pytest.mark.parametrize("text", [_DEEP_TOML, _LONG_INT_TOML], ids=["deep", "long-integer"])
@pytest.mark.parametrize("loader", [load_places, load_counterparts], ids=["places", "counterparts"])
def test_place_tables_with_hostile_toml_are_place_errors(
    tmp_path: Path, text: str, loader: object
) -> None:
    """A place or counterpart file nested thousands deep or with a huge number is a PlaceError."""
    path = tmp_path / "table.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlaceError, match=r"table\.toml: expected TOML .*(nested|digits)"):
        loader(path)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "counterparts = 3\n",
            r"counterparts: expected a list of \[\[counterparts\]\] tables, found 3",
        ),
        (
            '[[counterpart]]\nunit = "agriculture"\nname = "{place}农牧局"\n',
            r"expected .*counterparts.*found counterpart",
        ),
        ('[default]\nfalback = "party"\n', r"default: expected .*fallback.*found falback"),
    ],
    ids=["not-a-list", "misspelt-table", "misspelt-default-key"],
)
def test_counterpart_file_shape_errors(tmp_path: Path, text: str, found: str) -> None:
    """A counterpart file of the wrong shape or with a misspelt key is refused, not half-read."""
    path = tmp_path / "counterparts.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlaceError, match=found):
        load_counterparts(path)


def test_cli_cascade_with_deep_places_prints_an_error(tmp_path: Path, capsys) -> None:
    """``xiaojie cascade --places`` of a hostile TOML file exits 1 without a traceback."""
    path = tmp_path / "places.toml"
    path.write_text(_DEEP_TOML, encoding="utf-8")
    code = main(
        ["cascade", "--to", "同心县", "--places", str(path), "-o", str(tmp_path / "c.toml")]
    )
    assert code == 1
    assert capsys.readouterr().err.startswith(f"error: {path}: expected TOML")


def test_errors_here_are_xiaojie_errors() -> None:
    """The errors these readers raise are all XiaojieError subclasses (so the CLI prints them)."""
    assert issubclass(PlaceError, XiaojieError)
    assert issubclass(PlanParseError, XiaojieError)


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_plan_workbook_with_an_error_cell_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    """A 分工表 XLSX whose 牵头单位 is ``#N/A`` names the sheet and cell instead of a unit '#N/A'."""
    openpyxl = pytest.importorskip("openpyxl")
    if streamed:  # as a workbook over 4 MB is read
        monkeypatch.setattr("xiaojie.parsing._readers._MERGES_UP_TO", 0)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "分工表"
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    sheet.append([1, "加强组织领导", "自治区农业农村厅", "2025年6月底前"])
    sheet.append([2, "压实工作责任", "#N/A", "2025年9月底前"])
    sheet["C3"].data_type = "e"
    path = tmp_path / "fengong.xlsx"
    book.save(path)
    where = "row 3 column 3" if streamed else "cell C3"
    with pytest.raises(
        PlanParseError,
        match=rf"fengong\.xlsx:3:3: sheet '分工表' {where}: expected a value, found the spreadsheet error #N/A",
    ):
        parse_plan(path, reference=dt.date(2025, 6, 18))


def _merged_plan_workbook(old: bytes, new: bytes) -> tuple[bytes, bytes]:
    """Return a small 分工表 workbook merging A5:B6, and the same with ``old`` replaced by ``new``."""
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    sheet.append([1, "加强组织领导", "自治区农业农村厅", "2025年6月底前"])
    sheet.merge_cells("A5:B6")
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    replaced = 0
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            replaced += data.count(old)
            target.writestr(name, data.replace(old, new))
    assert replaced == 1
    return plain.getvalue(), out.getvalue()


def test_a_merged_range_written_with_a_tab_and_single_quotes_is_counted(tmp_path: Path) -> None:
    """``<mergeCell\tref='A1:XFD1048576'/>`` is a range too: the workbook is streamed, not built."""
    from xiaojie.parsing._readers import _merges_fit

    plain, changed = _merged_plan_workbook(
        b'<mergeCell ref="A5:B6"', b"<mergeCell\tref='A1:XFD1048576'"
    )
    assert _merges_fit(plain)
    assert not _merges_fit(changed)
    path = tmp_path / "fengong.xlsx"
    path.write_bytes(changed)
    plan = parse_plan(path, reference=dt.date(2025, 6, 18)).plan
    assert any("加强组织领导" in m.title for m in plan.milestones)


def test_plan_workbook_laying_out_millions_of_cells_is_a_located_error(tmp_path: Path) -> None:
    """Cells in column XFD on 400 rows (6.5 million cells laid out) are refused, not built."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    for row in range(2, 402):
        sheet.cell(row=row, column=16_384, value="x")
    path = tmp_path / "fengong.xlsx"
    book.save(path)
    with pytest.raises(
        PlanParseError,
        match=r"fengong\.xlsx:1:1: sheet 'Sheet': expected a table of at most 5,000,000 cells laid out in rows, found 6,553,604",
    ):
        parse_plan(path, reference=dt.date(2025, 6, 18))


def _far_cell_workbook(path: Path, ref: bytes) -> Path:
    """Write a 分工表 workbook, then move its last cell's reference to ``ref`` in the sheet XML."""
    import io
    import re
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "牵头单位", "完成时限"])
    sheet.append([1, "加强组织领导", "自治区农业农村厅", "2025年6月底前"])
    sheet["A3"] = "附"
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
                data = data.replace(
                    b'<row r="3"', b'<row r="' + ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ") + b'"'
                )
                data = data.replace(b'r="A3"', b'r="' + ref + b'"')
            target.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_plan_workbook_with_a_cell_beyond_the_sheet_is_a_located_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    """A 分工表 cell at row 10^12 is a PlanParseError naming the cell, not openpyxl's ValueError."""
    if streamed:  # as a workbook over 4 MB is read
        monkeypatch.setattr("xiaojie.parsing._readers._MERGES_UP_TO", 0)
    path = _far_cell_workbook(tmp_path / "fengong.xlsx", b"A1000000000000")
    with pytest.raises(
        PlanParseError,
        match=r"fengong\.xlsx:1048577:1: sheet 'Sheet' cell A1000000000000: expected .*within rows 1-1,048,576",
    ):
        parse_plan(path, reference=dt.date(2025, 6, 18))


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_plan_workbook_whose_last_cell_is_xfd1048576_is_read_at_the_cost_of_its_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    """A 分工表 whose stray cell sits at XFD1048576 is read quickly, its table as without it."""
    if streamed:
        monkeypatch.setattr("xiaojie.parsing._readers._MERGES_UP_TO", 0)
    path = _far_cell_workbook(tmp_path / "fengong.xlsx", b"XFD1048576")
    plan = parse_plan(path, reference=dt.date(2025, 6, 18)).plan
    assert any("加强组织领导" in m.title for m in plan.milestones)


def test_plan_workbook_merged_over_the_whole_sheet_is_read_without_the_merge(
    tmp_path: Path,
) -> None:
    """A merged range A1:XFD1048576 (17 billion cells for openpyxl) is streamed, its table read."""
    _, changed = _merged_plan_workbook(b'ref="A5:B6"', b'ref="A1:XFD1048576"')
    path = tmp_path / "fengong.xlsx"
    path.write_bytes(changed)
    plan = parse_plan(path, reference=dt.date(2025, 6, 18)).plan
    assert any("加强组织领导" in m.title for m in plan.milestones)


@pytest.mark.parametrize("value", ["30000000", "-1", "x"])
def test_word_table_cell_spanning_millions_of_columns_is_a_located_error(
    tmp_path: Path, value: str
) -> None:
    """A DOCX 分工表 cell with gridSpan 30,000,000 (python-docx walks every column) is refused."""
    import io
    import zipfile

    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {
        (0, 0): "工作任务",
        (0, 1): "牵头单位",
        (1, 0): "加强组织领导",
        (1, 1): "自治区农业农村厅",
    }.items():
        table.cell(r, c).text = text
    plain = io.BytesIO()
    document.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(
                    b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="' + value.encode() + b'"/>', 1
                )
            target.writestr(name, data)
    path = tmp_path / "fengong.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(
        PlanParseError,
        match=rf"fengong\.docx:\d+:1: table 1: expected a cell spanning at most 63 columns, found w:gridSpan '{value}'",
    ):
        parse_plan(path, reference=dt.date(2025, 6, 18))


def test_plan_workbook_with_a_cell_on_row_zero_is_a_located_error(tmp_path: Path) -> None:
    """A 分工表 cell written as A0 (no such row) is a PlanParseError, not an IndexError."""
    path = _far_cell_workbook(tmp_path / "fengong.xlsx", b"A0")
    with pytest.raises(
        PlanParseError,
        match=r"fengong\.xlsx:1:1: sheet 'Sheet' cell A0: expected a cell within rows",
    ):
        parse_plan(path, reference=dt.date(2025, 6, 18))
