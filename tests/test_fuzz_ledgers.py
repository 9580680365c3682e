"""Fuzzed ledgers (CSV, XLSX, Parquet): good rows and a located report, or a located error."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzz_mutations import FUZZ, mutated_bytes, mutated_zip
from ledger_strategies import HEADERS, household_row
from xiaojie.errors import XiaojieError
from xiaojie.ledgers import Household, read_households


AS_OF = dt.date(2025, 8, 1)
LOCATED = re.compile(r"row \d+|line \d+|column|cell|sheet|offset|byte")


def _seed_households() -> list[list[str]]:
    rows = [HEADERS]
    for k in range(4):
        household = Household(
            id=f"H{k}", kind="脱贫户", identified_on=dt.date(2024, 8, 1 + k), fast_track=k % 2 == 0
        )
        rows.append(household_row(household, k))
    return rows


SEED_ROWS = _seed_households()
CSV_SEED = "\n".join(",".join(f'"{c}"' for c in row) for row in SEED_ROWS).encode() + b"\n"


def _xlsx_seed() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in SEED_ROWS:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    book.close()
    return buffer.getvalue()


XLSX_SEED = _xlsx_seed()


def _read(path: Path, data: bytes) -> None:
    """Read ``data`` as the ledger ``path``: rows and a report, or a XiaojieError naming the file."""
    path.write_bytes(data)
    error: Exception | None = None
    try:
        read = read_households(path)
    except XiaojieError as err:
        error = err
    if error is not None:
        assert str(path.name) in str(error), str(error)
        return
    for issue in read.report.issues:
        assert LOCATED.search(str(issue)) or issue.row, str(issue)


@FUZZ
@given(data=st.data())
def test_fuzzed_csv_ledger(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """A damaged households CSV gives good rows and a located report, or a located XiaojieError."""
    _read(tmp_path_factory.mktemp("csv") / "h.csv", data.draw(mutated_bytes(CSV_SEED)))


@FUZZ
@given(data=st.data())
def test_fuzzed_xlsx_ledger(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    """A damaged households workbook gives good rows and a located report, or a located XiaojieError."""
    _read(tmp_path_factory.mktemp("xlsx") / "h.xlsx", data.draw(mutated_zip(XLSX_SEED)))
