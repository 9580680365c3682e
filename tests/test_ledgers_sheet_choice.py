"""Which sheet of a workbook a ledger is read from, on both engines and on the command line.

A hidden first sheet (an old copy of the ledger kept out of sight) was read instead of the
shown one; ``sheet=-1`` raised OverflowError from python-calamine; the command line could not
choose a sheet, and a workbook whose first sheet holds instructions was "not a ledger" without
saying which sheet was read.
"""

import datetime as dt
from pathlib import Path

import pytest

from test_ledgers_columnar import CON, located
from xiaojie.cli import main
from xiaojie.errors import LedgerError
from xiaojie.ledgers import check_columnar, read_households


openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

AS_OF = dt.date(2025, 8, 1)
HEADER = ["户编号", "乡(镇)", "行政村", "户类型", "风险线索发现时间", "识别时间"]
OLD = [["H9", "预旺镇", "峡隆村", "一般农户", "2024-01-01", "2024-01-30"]]
NEW = [
    ["H1", "预旺镇", "峡隆村", "一般农户", "2025-06-01", "2025-06-30"],
    ["H2", "王团镇", "风富村", "一般农户", "2025-06-01", "2025-06-05"],
]


def _book(path: Path, *, hidden_first: bool = False, notes_first: bool = False) -> Path:
    workbook = openpyxl.Workbook()
    first = workbook.active
    if notes_first:
        first.title = "填表说明"
        first.append(["请按要求填写台账"])
    else:
        first.title = "旧台账"
        first.append(HEADER)
        for row in OLD:
            first.append(row)
        if hidden_first:
            first.sheet_state = "hidden"
    current = workbook.create_sheet("监测户台账")
    current.append(HEADER)
    for row in NEW:
        current.append(row)
    workbook.active = 1
    workbook.save(path)
    return path


def test_a_hidden_first_sheet_is_passed_over(tmp_path: Path) -> None:
    path = _book(tmp_path / "ledger.xlsx", hidden_first=True)
    read = read_households(path)
    assert [h.id for h in read.rows] == ["H1", "H2"]
    columnar = check_columnar(path, as_of=AS_OF, connection=CON)
    assert (columnar.report.rows, columnar.report.good) == (2, 2)
    assert located(columnar.report) == located(read.report)


def test_a_shown_first_sheet_is_still_the_one_read(tmp_path: Path) -> None:
    # guard: the first shown worksheet is read, as before
    path = _book(tmp_path / "ledger.xlsx")
    assert [h.id for h in read_households(path).rows] == ["H9"]
    assert [h.id for h in read_households(path, sheet="监测户台账").rows] == ["H1", "H2"]
    assert [h.id for h in read_households(path, sheet=1).rows] == ["H1", "H2"]


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_a_negative_sheet_number_is_a_ledger_error(tmp_path: Path, engine: str) -> None:
    path = _book(tmp_path / "ledger.xlsx")

    def read() -> object:
        if engine == "objects":
            return read_households(path, sheet=-1)
        return check_columnar(path, as_of=AS_OF, sheet=-1, connection=CON)

    with pytest.raises(LedgerError, match=r"sheet -1: expected a sheet's number from 0"):
        read()


@pytest.mark.parametrize("sheet", ["监测户台账", "2"])
@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_the_command_line_chooses_a_sheet(tmp_path: Path, capsys, sheet: str, engine: str) -> None:
    path = _book(tmp_path / "ledger.xlsx", notes_first=True)
    argv = ["check-ledger", str(path), "--as-of", "2025-08-01", "--engine", engine, "--json"]
    assert main([*argv, "--sheet", sheet]) == 0
    assert '"rows": 2' in capsys.readouterr().out


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_a_first_sheet_of_instructions_names_the_sheets(tmp_path: Path, capsys, engine) -> None:
    path = _book(tmp_path / "ledger.xlsx", notes_first=True)
    assert main(["check-ledger", str(path), "--as-of", "2025-08-01", "--engine", engine]) == 1
    err = capsys.readouterr().err
    assert (
        "read sheet '填表说明' of '填表说明'、'监测户台账': choose another with --sheet NAME" in err
    )


@pytest.mark.parametrize("sheet", ["0", "3"])
def test_a_sheet_number_out_of_the_workbook_is_refused(tmp_path: Path, capsys, sheet) -> None:
    path = _book(tmp_path / "ledger.xlsx", notes_first=True)
    assert main(["check-ledger", str(path), "--as-of", "2025-08-01", "--sheet", sheet]) == 1
    err = capsys.readouterr().err
    assert f"--sheet {sheet}: expected a sheet's number from 1, or its name" in err
    assert "1 '填表说明'、2 '监测户台账'" in err


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_a_sheet_named_with_digits_is_that_sheet(tmp_path: Path, capsys, engine) -> None:
    """--sheet 2025 names the sheet 2025 (it was refused as a number out of range)."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    for title, rows in (("2024", OLD), ("2025", NEW)):
        sheet = workbook.create_sheet(title)
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "ledger.xlsx"
    workbook.save(path)
    argv = ["check-ledger", str(path), "--as-of", "2025-08-01", "--engine", engine, "--json"]
    assert main([*argv, "--sheet", "2025"]) == 0
    assert '"rows": 2' in capsys.readouterr().out
    assert main([*argv, "--sheet", "2"]) == 0  # the second sheet, 2024
    assert '"rows": 1' in capsys.readouterr().out
    assert main([*argv, "--sheet", "²"]) == 1
    assert "expected a sheet" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
def test_with_the_kind_given_the_sheets_are_named_too(tmp_path: Path, capsys, engine) -> None:
    path = _book(tmp_path / "ledger.xlsx", notes_first=True)
    argv = ["check-ledger", str(path), "--as-of", "2025-08-01", "--engine", engine]
    assert main([*argv, "--kind", "households"]) == 1
    err = capsys.readouterr().err
    assert (
        "read sheet '填表说明' of '填表说明'、'监测户台账': choose another with --sheet NAME" in err
    )
