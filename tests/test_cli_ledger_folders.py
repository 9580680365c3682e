"""check-ledger on what a county's folders hold: the ledger named as --out, a village workbook
that cannot be read, ledgers of other suffixes, last month's findings, a workbook of a sheet per
village, and amounts with a comma for the decimal point."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from xiaojie.cli import main
from xiaojie.errors import LedgerError
from xiaojie.ledgers import check, check_columnar, read_households, write_findings


ROOT = Path(__file__).parents[1]
HOUSEHOLDS = ROOT / "examples" / "county_ledger" / "households.csv"
AS_OF = "2025-08-01"


def _small(path: Path, rows: int = 5) -> Path:
    """Write the first ``rows`` households of the county's ledger to ``path``."""
    lines = HOUSEHOLDS.read_text(encoding="utf-8").splitlines()[: rows + 1]
    if path.suffix == ".tsv":
        lines = [line.replace(",", "\t") for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check-ledger", *argv, "--as-of", AS_OF])
    out, err = capsys.readouterr()
    return code, out, err


def test_out_naming_the_ledger_is_refused_and_the_ledger_kept(tmp_path, capsys):
    """The ledger was replaced by the findings (exit 0)."""
    ledger = _small(tmp_path / "台账.csv")
    before = ledger.read_bytes()
    code, _, err = _run(capsys, str(ledger), "--out", str(ledger))
    assert code == 1
    assert "would replace the ledger" in err
    assert ledger.read_bytes() == before


def test_write_findings_never_replaces_a_ledger(tmp_path):
    ledger = _small(tmp_path / "h.csv")
    before = ledger.read_bytes()
    found = check(read_households(ledger).rows, as_of=dt.date(2025, 8, 1))
    with pytest.raises(LedgerError, match="found a households ledger"):
        write_findings(found, ledger)
    assert ledger.read_bytes() == before
    # findings written before are replaced as asked
    out = write_findings(found, tmp_path / "findings.csv")
    assert write_findings(found, out) == out


def test_a_folder_reads_every_ledger_suffix_and_names_the_others(tmp_path, capsys):
    """.tsv, .txt and .xlsm ledgers of a folder were skipped without a word (read one by one)."""
    _small(tmp_path / "01红星村.csv")
    _small(tmp_path / "02新华村.tsv")
    (tmp_path / "03丰马村.xls").write_bytes(b"\xd0\xcf\x11\xe0 an old workbook")
    code, out, err = _run(capsys, str(tmp_path), "--json")
    assert code == 0
    files = [Path(one["file"]).name for one in json.loads(out)["files"]]
    assert files == ["01红星村.csv", "02新华村.tsv"]
    assert "skipped" in err
    assert "03丰马村.xls" in err


def test_one_unreadable_ledger_of_a_folder_leaves_the_others_reported(tmp_path, capsys):
    """Nothing was reported for the good ledgers: the first error ended the run."""
    _small(tmp_path / "01红星村.csv")
    (tmp_path / "02丰马村.xlsx").write_bytes(b"PK\x03\x04 cut in half")
    _small(tmp_path / "03新华村.csv")
    out_file = tmp_path.parent / f"{tmp_path.name}-findings.csv"
    code, out, err = _run(capsys, str(tmp_path), "--json", "--out", str(out_file))
    assert code == 1
    files = [Path(one["file"]).name for one in json.loads(out)["files"]]
    assert files == ["01红星村.csv", "03新华村.csv"]
    assert "02丰马村.xlsx" in err
    assert "1 of 3 not read" in err
    assert out_file.is_file()  # the readable ledgers' findings are written


def test_last_month_s_findings_in_the_folder_are_not_read_as_a_ledger(tmp_path, capsys):
    """A folder run failed on the findings --out had written beside the ledgers."""
    _small(tmp_path / "01红星村.csv")
    findings = tmp_path / "核查结果.xlsx"
    assert _run(capsys, str(tmp_path), "--out", str(findings))[0] == 0
    assert findings.is_file()
    code, _, err = _run(capsys, str(tmp_path))
    assert code == 0
    assert "skipped" in err
    assert "核查结果.xlsx" in err
    # and written again into the same folder
    assert _run(capsys, str(tmp_path), "--out", str(findings))[0] == 0


def test_other_sheets_of_a_workbook_are_named(tmp_path, capsys):
    """Only the first sheet was read, and nothing said the workbook held another village."""
    rows = [line.split(",") for line in HOUSEHOLDS.read_text(encoding="utf-8").splitlines()]
    workbook = Workbook()
    first = workbook.active
    first.title = "豫海镇"
    second = workbook.create_sheet("丁塘镇")
    for row in rows[:3]:
        first.append(row)
    for row in [rows[0], *rows[3:6]]:
        second.append(row)
    path = tmp_path / "乡镇台账.xlsx"
    workbook.save(path)
    code, _, err = _run(capsys, str(path))
    assert code == 0
    assert "only the first sheet was checked" in err
    assert "丁塘镇" in err
    # guard: with --sheet the choice is the caller's, no note
    code, _, err = _run(capsys, str(path), "--sheet", "丁塘镇")
    assert code == 0
    assert "only the first sheet" not in err


@pytest.mark.parametrize(
    ("income", "read"),
    [("8600.5", "8600.50"), ("8,600.5", "8600.50"), ("8600,5", None), ("86,00.5", None)],
)
def test_a_comma_in_an_amount_groups_thousands_only(tmp_path, income, read):
    """8600,5 (a decimal comma) was read as 86005 yuan: no issue, and the income rule's finding
    disappeared. Both engines read the cell alike."""
    lines = HOUSEHOLDS.read_text(encoding="utf-8").splitlines()[:2]
    header, row = lines[0].split(","), lines[1].split(",")
    row[header.index("人均纯收入")] = f'"{income}"'
    path = tmp_path / "h.csv"
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    result = read_households(path)
    bad = [str(issue) for issue in result.report.issues]
    if read is None:
        assert any("人均纯收入" in text for text in bad)
        assert not result.rows
    else:
        assert bad == []
        assert str(result.rows[0].income_per_capita) == read
    objects = check(result.rows, as_of=dt.date(2025, 8, 1))
    columnar = check_columnar(path, as_of=dt.date(2025, 8, 1))
    assert columnar.report.bad_rows == result.report.bad_rows
    nonzero = {rule: n for rule, n in objects.by_rule().items() if n}
    assert {rule: n for rule, n in columnar.findings.by_rule().items() if n} == nonzero


def test_the_tsv_ledger_copied_in_reads_as_its_csv(tmp_path):
    # guard for the folder test: the tab-separated copy holds the same households
    a = read_households(_small(tmp_path / "a.csv")).rows
    b = read_households(_small(tmp_path / "b.tsv")).rows
    assert [h.id for h in a] == [h.id for h in b]
    shutil.rmtree(tmp_path)


def test_control_characters_of_cells_never_reach_the_terminal(tmp_path, capsys):
    """A village written with Alt+Enter split its finding's row over two lines, and a terminal
    escape in a cell (ESC[8m, conceal) went out raw, hiding the rest of the line."""
    lines = HOUSEHOLDS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:400]]
    village = header.index("行政村")
    for row in rows:
        row[village] = '"' + row[village] + '\n(原一队)\x1b[8m"'
    path = tmp_path / "h.csv"
    path.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    texts = []
    for engine in ("objects", "duckdb"):
        code, out, _ = _run(capsys, str(path), "--engine", engine)
        assert code == 0
        assert "\x1b" not in out
        assert "⏎(原一队)" in out
        texts.append(out)
    assert texts[0] == texts[1]


def test_a_text_note_beside_the_ledgers_is_named_not_read(tmp_path, capsys):
    """A folder's .txt is read when it is a ledger (Excel's Unicode text), named when it is not."""
    _small(tmp_path / "01红星村.csv")
    (tmp_path / "02新华村.txt").write_text(
        HOUSEHOLDS.read_text(encoding="utf-8").replace(",", "\t")[:2000].rsplit("\n", 1)[0] + "\n",
        encoding="utf-16",
    )
    (tmp_path / "填报说明.txt").write_text("请于每月5日前报送台账。\n", encoding="utf-8")
    code, out, err = _run(capsys, str(tmp_path), "--json")
    assert code == 0
    files = [Path(one["file"]).name for one in json.loads(out)["files"]]
    assert files == ["01红星村.csv", "02新华村.txt"]
    assert "填报说明.txt" in err


def test_last_month_s_parquet_findings_are_not_read_as_a_ledger(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    _small(tmp_path / "01红星村.csv")
    findings = tmp_path / "核查结果.parquet"
    assert _run(capsys, str(tmp_path), "--out", str(findings))[0] == 0
    code, _, err = _run(capsys, str(tmp_path))
    assert code == 0
    assert "核查结果.parquet" in err
