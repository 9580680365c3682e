"""One scan of a ledger on DuckDB: validation and row rules together; duplicate keys apart.

The validation marks every row that might be bad (``__suspect``) and the row rules flag their
cases; both are evaluated in one pass over the file, into a temporary table of the rows that
are suspect or break a rule (the suspect ones with their raw cells). The suspect rows are then
judged in Python; the keys used twice are found from the key column alone, by sorting 64-bit
hashes of its cells (a few bytes per row, outside DuckDB's memory); the findings of the rows
that are left out are dropped in the engine before the rest is fetched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie.ledgers._engine import _cases, quiet, wide_table
from xiaojie.ledgers._optional import require
from xiaojie.ledgers._sql import ROW


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from xiaojie.ledgers._schema import Schema
    from xiaojie.ledgers.rules import Rule


__all__ = ["SCAN_TABLE", "fetch_findings", "judged_findings", "repeated_hashes", "scan"]

#: The temporary table holding the result of the one scan.
SCAN_TABLE = "xiaojie_scan"
_SUSPECT = "__suspect"


def scan(  # noqa: PLR0917 - the parts of one check
    backend: Any,  # noqa: ANN401 - ibis duckdb backend
    table: Any,  # noqa: ANN401 - ibis table with canonical columns, __suspect and raw cells
    schema: Schema,
    rules: Sequence[Rule],
    as_of: dt.date,
    raw: Sequence[str],
) -> list[tuple[Any, ...]]:
    """Run validation and rules in one scan; return ``(row, raw cells…)`` of the suspect rows.

    The rows breaking a rule stay in :data:`SCAN_TABLE` for :func:`fetch_findings`.
    """
    cases = _cases(rules, table, as_of)
    expr = wide_table(table, schema, cases, suspect=_SUSPECT, carry=raw, keep=(ROW,))
    with quiet():
        sql = str(backend.compile(expr))
    con = backend.con
    con.execute(f"CREATE OR REPLACE TEMP TABLE {SCAN_TABLE} AS {sql}")
    columns = ", ".join([ROW, *raw])
    return [
        tuple(record)
        for record in con.sql(
            f"SELECT {columns} FROM {SCAN_TABLE} WHERE {_SUSPECT}"  # noqa: S608 - own names
        ).fetchall()
    ]


def fetch_findings(con: Any, raw: Sequence[str], *, left_out: bool) -> Any:  # noqa: ANN401
    """Return the rule columns of the scanned rows that are kept, as an Arrow table.

    With ``left_out`` the rows listed in the registered table ``excluded`` are dropped.
    """
    drop = ", ".join([ROW, _SUSPECT, *raw])
    where = f"NOT {_SUSPECT}"
    if left_out:
        where += f" AND {ROW} NOT IN (SELECT {ROW} FROM excluded)"  # noqa: S608
    with quiet():
        return con.sql(
            f"SELECT * EXCLUDE ({drop}) FROM {SCAN_TABLE} WHERE {where}"  # noqa: S608
        ).to_arrow_table()


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
