"""Damaged and odd ledger files (台账): spreadsheet error cells are reported, never read as blanks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from xiaojie.cli._main import main
from xiaojie.errors import LedgerFileError
from xiaojie.ledgers import read_ledger


openpyxl = pytest.importorskip("openpyxl")

_LEDGER = Path(__file__).parent / "data" / "ledgers" / "households.csv"


def _workbook_with_errors(path: Path) -> Path:
    """Write the households ledger's first rows as XLSX, two cells of row 2 holding formula errors."""
    lines = _LEDGER.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for line in lines[1:3]:
        sheet.append(line.split(","))
    for name, error in (("风险线索发现时间", "#REF!"), ("人均纯收入", "#DIV/0!")):
        cell = sheet.cell(2, header.index(name) + 1)
        cell.value, cell.data_type = error, "e"
    book.save(path)
    return path


def test_error_cells_are_row_issues_not_blanks(tmp_path: Path) -> None:
    """A #REF! date and a #DIV/0! income are each a problem of row 2, not an empty cell."""
    path = _workbook_with_errors(tmp_path / "户.xlsx")
    read = read_ledger(path, "households")
    found = {(i.row, i.column): i.message for i in read.report.issues}
    assert set(found) == {(2, "风险线索发现时间"), (2, "人均纯收入")}
    assert "#REF!" in found[2, "风险线索发现时间"]
    assert "#DIV/0!" in found[2, "人均纯收入"]
    assert read.report.good == 1
    with pytest.raises(LedgerFileError, match=r"row 2.*#REF!"):
        read_ledger(path, "households", strict=True)


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_cli_reports_error_cells_with_either_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    """``check-ledger`` lists the error cells as data problems whichever engine reads the file."""
    if engine == "duckdb":
        pytest.importorskip("duckdb")
    path = _workbook_with_errors(tmp_path / "户.xlsx")
    argv = ["check-ledger", str(path), "--as-of", "2025-09-01", "--engine", engine, "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    text = json.dumps(data, ensure_ascii=False)
    assert "#REF!" in text
    assert "#DIV/0!" in text


def _unbalanced_csv(path: Path) -> Path:
    """Write the households ledger with a stray quote in row 2 and a real-looking name in row 3."""
    lines = _LEDGER.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("家庭人口数")] = '"4'
    lines[1] = ",".join(row)
    row = lines[2].split(",")
    row[header.index("户主姓名")] = "王建国"
    lines[2] = ",".join(row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_rows_swallowed_by_a_stray_quote_are_not_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    """A quote that swallows the rows after it: the file is refused at that row, no later row's
    name is shown (the rows would be lost without a word if it were read)."""
    if engine == "duckdb":
        pytest.importorskip("duckdb")
    path = _unbalanced_csv(tmp_path / "户.csv")
    assert main(["check-ledger", str(path), "--as-of", "2025-09-01", "--engine", engine]) == 1
    shown = capsys.readouterr()
    assert "" == shown.out
    refused = (
        '户.csv: row 2 (line 2): expected each quote (") to be closed, found one that runs to '
        "the end of the file: the lines after it would be read as one cell"
    )
    assert [refused] == [line.removeprefix("error: ") for line in shown.err.splitlines()]
    assert "王建国" not in shown.err


# Input defects of the columnar engine's own modules.


def test_sniff_of_a_csv_with_undecodable_bytes_reads_its_header(tmp_path: Path) -> None:
    """A .csv whose data row holds bytes of no encoding is a ledger; the row is set aside."""
    from xiaojie.ledgers import read_ledger, sniff_ledger

    path = tmp_path / "户.csv"
    path.write_bytes("户编号,户类型\n".encode() + b"\x80\xff\xfe\n")
    assert str(sniff_ledger(path)) == "households"
    report = read_ledger(path, "households").report
    assert report.good == 0
    [first, *_] = report.issues
    assert (first.row, first.column) == (2, "户编号")
    assert (
        "expected text in UTF-8, found bytes that are not UTF-8 (0x80 0xFF 0xFE)" in first.message
    )


def test_sniff_of_a_file_of_no_ledger_suffix_is_a_ledger_error(tmp_path: Path) -> None:
    """sniff_ledger of a .docx names the suffixes a ledger file has instead of reading it as CSV."""
    from xiaojie.errors import LedgerError
    from xiaojie.ledgers import sniff_ledger

    path = tmp_path / "户.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(
        LedgerError, match=r"户\.docx: expected a ledger file \(\.csv, .*found a \.docx file"
    ):
        sniff_ledger(path)


def test_sniff_of_a_broken_parquet_is_a_ledger_error(tmp_path: Path) -> None:
    """sniff_ledger of a zero-byte .parquet should raise LedgerError naming the file."""
    pytest.importorskip("pyarrow")
    from xiaojie.errors import LedgerError
    from xiaojie.ledgers import sniff_ledger

    path = tmp_path / "户.parquet"
    path.write_bytes(b"")
    with pytest.raises(LedgerError, match=r"户\.parquet: expected a readable Parquet file"):
        sniff_ledger(path)


def test_duckdb_check_of_a_list_column_is_a_ledger_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Parquet ledger whose 帮扶措施1 is a list column should be reported, not end in a DuckDB error."""
    pytest.importorskip("duckdb")
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    lines = _LEDGER.read_text(encoding="utf-8").splitlines()
    header, row = lines[0].split(","), lines[1].split(",")
    columns = {h: pa.array([v]) for h, v in zip(header, row, strict=True)}
    columns["帮扶措施1"] = pa.array([["健康帮扶", "教育帮扶"]])
    path = tmp_path / "户.parquet"
    pq.write_table(pa.table(columns), path)
    argv = ["check-ledger", str(path), "--as-of", "2025-09-01", "--engine", "duckdb"]
    assert main(argv) in {0, 1}
    assert "帮扶措施1" in capsys.readouterr().out


def test_folder_check_skips_the_lock_file_of_an_open_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``check-ledger FOLDER`` while Excel or WPS holds 户.xlsx open skips its ``~$户.xlsx`` lock file."""
    folder = tmp_path / "台账"
    folder.mkdir()
    (folder / "户.csv").write_bytes(_LEDGER.read_bytes())
    (folder / "~$户.xlsx").write_bytes(b"\x0bWPS Office\x00\x00")
    (folder / "._户.csv").write_bytes(b"\x00\x05\x16\x07")  # macOS metadata beside a copied file
    assert main(["check-ledger", str(folder), "--as-of", "2025-09-01", "--engine", "objects"]) == 0
    captured = capsys.readouterr()
    assert "~$" not in captured.err + captured.out
    assert "户.csv" in captured.out


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        (
            "户.csv",
            "户编号,户".encode() + b"\xff" + "类型\nH1,一般农户\n".encode(),
            (
                r"户\.csv: header row 1, column 2: expected text in UTF-8, found bytes that are "
                r"not UTF-8 \(0xFF\)"
            ),
        ),
        ("户.parquet", b"", r"户\.parquet: expected a readable Parquet file, found ArrowInvalid"),
        (
            "户.docx",
            b"PK\x03\x04",
            r"户\.docx: expected a \.csv, \.xlsx or \.parquet file, found '\.docx'",
        ),
    ],
    ids=["undecodable-csv", "empty-parquet", "docx"],
)
def test_cli_default_engine_names_an_unreadable_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, found: str
) -> None:
    """``check-ledger`` with the default engine prints one error line for a file it cannot sniff."""
    pytest.importorskip("duckdb")
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["check-ledger", str(path), "--as-of", "2025-09-01"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert re.match(r"error: " + found, err), err


def test_out_in_a_missing_folder_is_refused_before_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check-ledger --out`` naming a missing folder stops at once with one located error line."""
    from xiaojie.cli import _main

    def never(*_: object, **__: object) -> object:
        raise AssertionError

    monkeypatch.setattr(_main, "_check_one_ledger", never)
    out = tmp_path / "无此目录" / "findings.csv"
    argv = ["check-ledger", str(_LEDGER), "--as-of", "2025-09-01", "--out", str(out)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert re.search(
        r"error: --out .*findings\.csv: expected a file in an existing folder, found no folder .*无此目录",
        err,
    )
    assert not out.parent.exists()


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_columns_no_field_takes_are_named_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    """A misspelt or extra header is named in the text and JSON reports, not dropped silently."""
    if engine == "duckdb":
        pytest.importorskip("duckdb")
    lines = _LEDGER.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("识别时间", "识别时问") + ",备注"
    path = tmp_path / "户.csv"
    path.write_text("\n".join([header, *(f"{line}," for line in lines[1:])]) + "\n", "utf-8")
    argv = ["check-ledger", str(path), "--as-of", "2025-09-01", "--engine", engine]
    main(argv)
    assert "未识别、未核查的列:识别时问、备注" in capsys.readouterr().out.splitlines()
    main([*argv, "--json"])
    assert json.loads(capsys.readouterr().out)["ignored_columns"] == ["识别时问", "备注"]
