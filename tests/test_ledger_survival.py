"""Good ledger rows survive a bad cell: one damaged cell costs that row only, on every engine.

A valid households ledger is generated, written as CSV, XLSX or Parquet, and read and checked
with and without one damaged cell (a fault clerks make, a hostile token of the fuzz suite, a
huge cell, a formula). Every other row must be read and checked exactly as without the damage,
and the damage must be one problem located at its file, row and column, saying what was
expected and what was found.

The CSV reader of the columnar engine has a fast path (Arrow's reader) beside the csv module;
a property here shows both give the same rows for any text.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_mutations import HOSTILE_TOKENS
from ledger_strategies import FAULTS, FIELDS, HEADERS, household_ledgers, household_row
from xiaojie._extras import available
from xiaojie.ledgers import check, check_columnar, read_households


if TYPE_CHECKING:
    from pathlib import Path

AS_OF = dt.date(2025, 8, 1)
SURVIVAL = settings(
    max_examples=max(10, min(50, settings.default.max_examples // 2)),  # six engines x formats
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: Fields whose every value is checked against a vocabulary, a format or a range: any of the
#: hostile texts below is bad there (a phone is any 5-20 digits or hyphens, so not there).
CHECKED = sorted(set(FAULTS) - {"household_id", "phone"})


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


HOSTILE = sorted(
    {
        t.decode("utf-8")
        for t in HOSTILE_TOKENS
        if _decodes(t) and t.strip(b"\"' \r\n") and b"\x00" not in t and t != b"-" + b"1" * 4400
    }
    | {"x" * 40_000, "=cmd|' /C calc'!A0", "+1", "-", "@SUM(A1)", "\t=1", "９９", "NULL"}
)
"""Hostile texts of the fuzz suite (those a spreadsheet cell can hold) and formula starts."""


@st.composite
def damages(draw: st.DrawFn) -> tuple[str, str]:
    """A field and a bad value for it: the clerk's fault of that field, or a hostile text."""
    field = draw(st.sampled_from(sorted(FAULTS)))
    if field in CHECKED and draw(st.booleans()):
        return field, draw(st.sampled_from(HOSTILE))
    return field, FAULTS[field]


def _write(path: Path, rows: list[list[str]]) -> None:
    """Write the header and ``rows`` as ``path`` (CSV, XLSX or Parquet of text columns)."""
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([HEADERS, *rows])
    elif path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        for r, row in enumerate([HEADERS, *rows], start=1):
            for c, value in enumerate(row, start=1):
                cell = book.active.cell(r, c, value)
                cell.data_type = "s"  # text as typed, also when it starts with "=" (no formula)
        book.save(path)
        book.close()
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = list(zip(*rows, strict=True)) if rows else [()] * len(HEADERS)
        pq.write_table(
            pa.table(
                {h: pa.array(list(c), pa.string()) for h, c in zip(HEADERS, columns, strict=True)}
            ),
            path,
        )


def _run(path: Path, engine: str) -> tuple[Any, list[dict[str, str]], list[Any] | None]:
    """Read and check ``path`` on ``engine``: the report, the findings' records, the rows read."""
    if engine == "objects":
        read = read_households(path)
        return read.report, check(read.rows, as_of=AS_OF).records(), list(read.rows)
    result = check_columnar(path, as_of=AS_OF)
    return result.report, result.findings.records(), None


def _without(records: list[dict[str, str]], subject: str) -> list[dict[str, str]]:
    return sorted((r for r in records if r["subject"] != subject), key=lambda r: sorted(r.items()))


@pytest.mark.parametrize("engine", ["objects", "duckdb"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
@SURVIVAL
@given(ledger=household_ledgers(max_size=5, personal=True), data=st.data())
def test_good_rows_survive_one_bad_cell(
    tmp_path: Path, suffix: str, engine: str, ledger: list[Any], data: st.DataObject
) -> None:
    """One damaged cell gives one located problem at its row and column; every other row is read and checked as before."""
    if engine == "duckdb" and not available("duckdb"):
        pytest.skip("needs the columnar extra")
    if suffix == ".parquet" and not available("pyarrow"):
        pytest.skip("needs pyarrow")
    if not ledger:
        return
    rows = [household_row(h, data.draw(st.integers(0, 11))) for h in ledger]
    at = data.draw(st.integers(0, len(rows) - 1))
    field, bad = data.draw(damages())
    good = tmp_path / f"good{suffix}"
    damaged = tmp_path / f"damaged{suffix}"
    _write(good, rows)
    broken = [list(r) for r in rows]
    broken[at][FIELDS.index(field)] = bad
    _write(damaged, broken)

    before, found_before, rows_before = _run(good, engine)
    after, found_after, rows_after = _run(damaged, engine)

    assert before.issues == ()
    assert (after.rows, after.good) == (before.rows, before.good - 1)
    row = at + (1 if suffix == ".parquet" else 2)  # Parquet has no header row
    column = HEADERS[FIELDS.index(field)]
    assert [(i.row, i.column) for i in after.issues] == [(row, column)]
    text = str(after.issues[0])
    assert text.startswith(f"{damaged.name}: row {row}, column {column}: "), text
    assert re.search(r"expected .+, found ", text), text
    assert _without(found_after, ledger[at].id) == _without(found_before, ledger[at].id)
    if rows_before is not None:
        assert rows_after == [h for h in rows_before if h.id != ledger[at].id]


_CSV_TEXT = st.text(alphabet='ab村 ,"\r\n\t', max_size=80)


@given(body=_CSV_TEXT, header=st.sampled_from(["户编号,户类型", "户编号,户类型,识别时间"]))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_engine_csv_reads_what_the_csv_module_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, header: str
) -> None:
    """The columnar engine's fast CSV path gives the rows and row numbers the csv module gives, for any text.

    Or the same error, where a quote opened in the last row never closes.
    """
    pytest.importorskip("pyarrow")
    from xiaojie.ledgers import _arrow
    from xiaojie.ledgers._read import UnreadableTextError, _headers
    from xiaojie.ledgers._schema import schema_for

    schema = schema_for("households")
    path = tmp_path / "h.csv"
    path.write_bytes(f"{header}\n{body}".encode())

    def read() -> object:
        try:
            table, *rest = _arrow.text_table(
                path, schema, _headers(schema.ledger, None), header_row=None, sheet=None,
                encoding=None,
            )  # fmt: skip
        except UnreadableTextError as err:
            return str(err)
        return table.to_pylist(), rest

    fast = read()
    with monkeypatch.context() as patch:
        patch.setattr(_arrow, "_engine_csv", lambda *_: None)
        slow = read()
    assert fast == slow
