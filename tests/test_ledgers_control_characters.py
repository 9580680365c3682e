"""Control characters in a ledger's cells: a worksheet written from them shows them, never fails.

A NUL or another C0 control character is legal in CSV and Parquet text but not in an XLSX
worksheet; the findings and report written as XLSX picture each one (U+2400 …).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie._privacy import scrub_cell
from xiaojie.io._tabular import append_row, legal_text, new_workbook, workbook_bytes
from xiaojie.ledgers import check, check_columnar, read_households, write_findings


if TYPE_CHECKING:
    from pathlib import Path


AS_OF = dt.date(2025, 11, 15)
HEADER = "户编号,户主姓名,证件号码,县(市、区),乡(镇),行政村,户类型,风险线索发现时间,识别时间"


_ODD = st.sampled_from(["\x00", "\x0b", "\x1f", "\ud800", "\udfff", "\ufffe", "\uffff", "峡", "a"])


@given(
    st.lists(
        st.text(max_size=20) | st.lists(_ODD, max_size=6).map("".join), min_size=1, max_size=5
    ),
    st.booleans(),
)
def test_any_text_is_written_to_a_worksheet(values: list[str], write_only: bool) -> None:
    """Every text goes into a sheet; each control character comes back as its picture."""
    book = new_workbook(write_only=write_only)
    sheet = book.create_sheet("s")
    append_row(sheet, values)

    read = openpyxl.load_workbook(io.BytesIO(workbook_bytes(book)))["s"]
    shown = [cell.value for cell in next(read.iter_rows())]
    assert [legal_text(scrub_cell(v)) or None for v in values] == shown
    illegal = [*range(9), 11, 12, *range(14, 32), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]
    assert not any(ch in (text or "") for text in shown for ch in map(chr, illegal))


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
@pytest.mark.parametrize("control", ["\x00", "\x01", "\x1f", "\ufffe", "\uffff"])
def test_findings_of_a_village_with_a_control_character_are_written(
    tmp_path: Path, engine: str, control: str
) -> None:
    """A village cell holding a control character is written to XLSX as its picture."""
    if engine == "duckdb":
        pytest.importorskip("duckdb")
    ledger = tmp_path / "households.csv"
    ledger.write_text(
        f"{HEADER}\nH1,张伟,,同心县,预旺镇,峡{control}隆村,脱贫户,2024-01-01,2024-01-30\n",
        encoding="utf-8",
    )
    if engine == "objects":
        findings = check(read_households(ledger).rows, as_of=AS_OF)
    else:
        findings = check_columnar(ledger, as_of=AS_OF).findings
    # identified after 29 days; not resolved a year on
    assert 2 == len(findings)

    out = write_findings(findings, tmp_path / "findings.xlsx")

    sheet = openpyxl.load_workbook(out).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    shown = chr(0x2400 + ord(control)) if control < " " else "\ufffd"
    assert f"峡{shown}隆村" in cells


def test_a_sheet_named_with_control_characters_opens() -> None:
    """A table's name becomes a sheet title: its control characters are pictured there too."""
    from xiaojie.render import to_xlsx
    from xiaojie.render._doc import Table

    book = openpyxl.load_workbook(
        io.BytesIO(to_xlsx(Table(name="峡\x01隆村\uffff", columns=["单位"], rows=[])))
    )

    assert ["峡␁隆村\ufffd"] == book.sheetnames
