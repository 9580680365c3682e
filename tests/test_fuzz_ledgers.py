"""Fuzzed ledgers (CSV, XLSX, Parquet): good rows and a located report, or a located error."""

import datetime as dt
import io
import re
from collections.abc import Callable
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
def test_fuzzed_csv_ledger(example_folder: Callable[[str], Path], data: st.DataObject) -> None:
    """A damaged households CSV gives good rows and a located report, or a located XiaojieError."""
    _read(example_folder("ledger-csv") / "h.csv", data.draw(mutated_bytes(CSV_SEED)))


@FUZZ
@given(data=st.data())
def test_fuzzed_xlsx_ledger(example_folder: Callable[[str], Path], data: st.DataObject) -> None:
    """A damaged households workbook gives good rows and a located report, or a located XiaojieError."""
    _read(example_folder("ledger-xlsx") / "h.xlsx", data.draw(mutated_zip(XLSX_SEED)))


def _columnar_read(path: Path, data: bytes) -> None:
    """Read ``data`` as the columnar engine reads a workbook: texts, or a XiaojieError naming the file."""
    from xiaojie.ledgers._arrow import text_table
    from xiaojie.ledgers._read import _headers
    from xiaojie.ledgers._schema import schema_for

    schema = schema_for("households")
    path.write_bytes(data)
    error: Exception | None = None
    try:
        table, _, at = text_table(
            path, schema, _headers(schema.ledger, None), header_row=None, sheet=None, encoding=None
        )
    except XiaojieError as err:
        error = err
    if error is not None:
        assert str(path.name) in str(error), str(error)
        return
    rows = table.column("__row").to_pylist()
    assert rows == list(range(at + 1, at + 1 + len(rows)))


@FUZZ
@given(data=st.data())
def test_fuzzed_xlsx_ledger_columnar(
    example_folder: Callable[[str], Path], data: st.DataObject
) -> None:
    """A damaged households workbook read for the columnar engine gives numbered texts or a located XiaojieError."""
    pytest.importorskip("pyarrow")
    _columnar_read(example_folder("columnar-xlsx") / "h.xlsx", data.draw(mutated_zip(XLSX_SEED)))


def _odd_parquet(kind: str) -> object:
    """Return an odd but possible Parquet ledger (a table), or the bytes of a broken one."""
    import pyarrow as pa

    base = {
        "户编号": ["H1", "H2"],
        "户类型": ["脱贫户", "监测对象"],
        "识别时间": ["2024-08-01", "2024-08-02"],
    }
    columns = {k: pa.array(v) for k, v in base.items()}
    odd = {
        "list": {"绿色通道": pa.array([[1], [2]])},
        "struct": {"绿色通道": pa.array([{"a": 1}, {"a": 2}])},
        "binary": {"户编号": pa.array([b"\xff\xfe", b"H2"], pa.binary())},
        "late": {"识别时间": pa.array([dt.date(9999, 12, 31), dt.date(2024, 1, 1)])},
        "collide": {"file_row_number": pa.array([1, 2]), "__row": pa.array([1, 2])},
        "flags01": {"绿色通道": pa.array([0, 1])},
    }
    if kind in odd:
        return pa.table({**columns, **odd[kind]})
    return {"empty": b"", "corrupt": b"PAR1garbagePAR1", "truncated": b"PAR1\x00\x00"}[kind]


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
@pytest.mark.parametrize(
    "kind",
    ["list", "struct", "binary", "late", "collide", "flags01", "empty", "corrupt", "truncated"],
)
def test_odd_parquet(tmp_path: Path, kind: str, engine: str) -> None:
    """An odd or broken Parquet ledger reads, or gives a XiaojieError naming the file, on either engine."""
    pq = pytest.importorskip("pyarrow.parquet")
    from xiaojie.ledgers import check_columnar

    path = tmp_path / f"{kind}.parquet"
    data = _odd_parquet(kind)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        pq.write_table(data, path)
    error: Exception | None = None
    try:
        if engine == "objects":
            read_households(path)
        else:
            pytest.importorskip("duckdb")
            check_columnar(path, as_of=AS_OF)
    except XiaojieError as err:
        error = err
    if kind in {"empty", "corrupt", "truncated", "collide"} and engine == "duckdb":
        assert error is not None
    if error is not None:
        assert path.name in str(error), str(error)
