"""One scan of a ledger on DuckDB: validation and row rules together; duplicate keys apart.

The validation marks every row that might be bad (``__suspect``) and the row rules flag their
cases; both are evaluated in one pass over the file, which returns the rows breaking a rule
and the numbers of the suspect rows. The raw cells of the suspect rows (few, and none in a
clean ledger) are then fetched and judged in Python; the keys used twice are found from the
key column alone, by sorting 64-bit hashes of its cells (eight bytes a row, outside DuckDB's
memory); the findings of the rows left out are dropped from the Arrow table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie.ledgers._engine import _cases, quiet, wide_table
from xiaojie.ledgers._optional import pyarrow_module, require
from xiaojie.ledgers._sql import ROW


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from xiaojie.ledgers._schema import Schema
    from xiaojie.ledgers.rules import Rule


__all__ = ["judged_findings", "raw_rows", "repeated_hashes", "scan", "without_rows"]

_SUSPECT = "__suspect"
_BATCH = 1 << 17


def scan(
    backend: Any,  # noqa: ANN401 - ibis duckdb backend
    table: Any,  # noqa: ANN401 - ibis table with canonical columns and __suspect
    schema: Schema,
    rules: Sequence[Rule],
    as_of: dt.date,
) -> tuple[Any, list[int]]:
    """Run validation and rules in one scan; return the rules' rows and the suspect rows.

    The first is an Arrow table of the rows breaking a rule (with the row number), the second
    the numbers of the rows the validation sets aside.
    """
    pa = pyarrow_module()
    pc = require("pyarrow.compute", "the columnar engine")
    cases = _cases(rules, table, as_of)
    expr = wide_table(table, schema, cases, suspect=_SUSPECT, keep=(ROW,))
    # Streamed batch by batch: the engine never holds the whole result beside its Arrow copy.
    batches = []
    suspects: list[int] = []
    with quiet():
        sql = str(backend.compile(expr))
        reader = backend.con.sql(sql).to_arrow_reader(_BATCH)
        for batch in reader:
            aside = batch.column(_SUSPECT)
            if pc.any(aside).as_py():
                suspects.extend(int(n) for n in batch.filter(aside).column(ROW).to_pylist())
                batch = batch.filter(pc.invert(aside))  # noqa: PLW2901 - the kept part
            batches.append(batch.drop_columns([_SUSPECT]))
        schema_out = reader.schema.remove(reader.schema.get_field_index(_SUSPECT))
    return pa.Table.from_batches(batches, schema=schema_out), suspects


def raw_rows(
    con: Any,  # noqa: ANN401
    relation: str,
    columns: Sequence[str],
    rows: Sequence[int],
) -> list[tuple[Any, ...]]:
    """Return ``(row, raw cells…)`` of the given rows of ``relation``, in row order."""
    if not rows:
        return []
    pa = pyarrow_module()
    con.register("suspect_rows", pa.table({ROW: pa.array(sorted(rows), pa.int64())}))
    return [
        tuple(record)
        for record in con.sql(
            f"SELECT {ROW}, {', '.join(columns)} FROM {relation} "  # noqa: S608 - own names
            f"WHERE {ROW} IN (SELECT {ROW} FROM suspect_rows) ORDER BY {ROW}"
        ).fetchall()
    ]


def without_rows(wide: Any, rows: set[int]) -> Any:  # noqa: ANN401 - Arrow table
    """Return the rules' rows without the given row numbers, and without the row column."""
    if rows:
        pa = pyarrow_module()
        pc = require("pyarrow.compute", "the columnar engine")
        left_out = pc.is_in(wide.column(ROW), value_set=pa.array(sorted(rows), pa.int64()))
        wide = wide.filter(pc.invert(left_out))
    return wide.drop_columns([ROW])


def judged_findings(  # noqa: PLR0917
    backend: Any,  # noqa: ANN401
    rows: Any,  # noqa: ANN401 - Arrow table of typed rows judged good in Python
    schema: Schema,
    rules: Sequence[Rule],
    as_of: dt.date,
    columns: Sequence[str],
) -> Any:  # noqa: ANN401
    """Run the row rules over a few rows judged in Python; return their findings' columns."""
    backend.con.register("judged_rows", rows)
    with quiet():
        table = backend.table("judged_rows")
        cases = _cases(rules, table, as_of)
        result = wide_table(table, schema, cases).to_pyarrow()
    return result.select(list(columns))


def repeated_hashes(con: Any, relation: str, text: str, capacity: int) -> list[int]:  # noqa: ANN401
    """Return the 64-bit hashes of ``text`` shared by more than one row of ``relation``.

    The hashes are streamed into one array of ``capacity`` entries and sorted in place: eight
    bytes a row, where grouping them in the engine needs several times that. Equal cells have
    equal hashes, so no shared hash means no key used twice.
    """
    np = require("numpy", "the columnar engine")
    values = np.empty(max(capacity, 1), dtype=np.uint64)
    at = 0
    reader = con.sql(
        f"SELECT hash({text}) FROM {relation} WHERE {text} IS NOT NULL"  # noqa: S608
    ).to_arrow_reader(1 << 17)
    for batch in reader:
        column = batch.column(0).to_numpy(zero_copy_only=False)
        if at + len(column) > len(values):  # pragma: no cover - the count said fewer rows
            values = np.resize(values, at + len(column))
        values[at : at + len(column)] = column
        at += len(column)
    values = values[:at]
    values.sort()
    same = values[1:] == values[:-1]
    return [int(h) for h in np.unique(values[1:][same])]
