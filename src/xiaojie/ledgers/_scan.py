"""One scan of a ledger on DuckDB: validation and row rules together; duplicate keys apart.

The validation marks every row that might be bad (``__suspect``) and the row rules flag their
cases; both are evaluated in one pass over the file, which returns the rows breaking a rule
and the numbers of the suspect rows. The raw cells of the suspect rows (few, and none in a
clean ledger) are then fetched and judged in Python; the keys used twice are found from the
key column alone, by sorting 64-bit hashes of its cells (eight bytes a row, outside DuckDB's
memory), in a scan that also tests the keys, identity and phone numbers held as text by NumPy
(:mod:`xiaojie.ledgers._bytes`); the findings of the rows left out are dropped from the Arrow
table. When text columns besides the key are tested (the identity and phone numbers of a
full check) and the ledger is a Parquet file, that scan reads them by Arrow and hashes the
keys by NumPy.
"""

from __future__ import annotations

import collections
import concurrent.futures
import os
import threading
from collections import defaultdict
from typing import TYPE_CHECKING, Any, NamedTuple

from xiaojie.ledgers._bytes import (
    arrow_numbers,
    blank_suspects,
    id_number_suspects,
    key_hashes,
    numbers,
    phone_suspects,
)
from xiaojie.ledgers._engine import (
    ColumnarFindings,
    _cases,
    evaluate,
    is_value,
    narrow_batch,
    narrow_schema,
    quiet,
    split_values,
    wide_table,
)
from xiaojie.ledgers._optional import ibis_module, pyarrow_module, require
from xiaojie.ledgers._read import RowIssue, row_issues, set_aside
from xiaojie.ledgers._schema import MEASURE_COLUMNS, FieldKind, IssueKind, parse_cell
from xiaojie.ledgers._sql import (
    ROW,
    _category,
    _cross_checks,
    _ident,
    create_typed,
    vocabularies,
)


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterator, Mapping, Sequence

    from xiaojie.ledgers._columnar import Source
    from xiaojie.ledgers._schema import Schema
    from xiaojie.ledgers.rules import Rule

_ROW = ROW


__all__ = [
    "Text",
    "judged_findings",
    "key_and_cells",
    "key_text",
    "raw_rows",
    "repeated_hashes",
    "scan",
    "text_of",
    "without_rows",
]

_SUSPECT = "__suspect"
_BATCH = 1 << 17
_KEY_BATCH = 1 << 15
"""Rows a batch of the key's scan: DuckDB's buffers for streaming the key and identity columns
grow with the batch (at 10^7 rows, 1 << 17 took ~45 MiB more peak memory, same time)."""
_PENDING = 4
"""Batches judged by NumPy at once at most (each ~1.5 MB of keys, identity and phone numbers)."""
_OUTSIDE: dict[FieldKind, Callable[[Any], Any]] = {
    FieldKind.KEY: blank_suspects,
    FieldKind.ID_NUMBER: id_number_suspects,
    FieldKind.PHONE: phone_suspects,
}
"""The text fields tested by NumPy in the key's scan, and their tests."""


_COMPILED: collections.OrderedDict[Any, str] = collections.OrderedDict()
_COMPILED_MOST = 32
_COMPILED_LOCK = threading.Lock()


def compiled(backend: Any, expr: Any) -> str:  # noqa: ANN401 - ibis backend and expression
    """Return the SQL of ``expr``, compiled once for every check of the same shape.

    The scan's expression is built on a table named but not bound to a connection, so the
    same ledger columns, rules, day and facts give an equal expression from one check to the
    next; compiling it (Ibis's rewrites and sqlglot) cost each check about as much as the scan of
    a small ledger. The SQL names the table; it is the same as the bound table's.
    """
    key = expr.op()
    with _COMPILED_LOCK:
        sql = _COMPILED.get(key)
        if sql is not None:
            _COMPILED.move_to_end(key)
            return sql
    sql = str(backend.compile(expr))
    with _COMPILED_LOCK:
        _COMPILED[key] = sql
        while len(_COMPILED) > _COMPILED_MOST:
            _COMPILED.popitem(last=False)
    return sql


def scan(
    backend: Any,  # noqa: ANN401 - ibis duckdb backend
    table: Any,  # noqa: ANN401 - ibis table with canonical columns and __suspect
    schema: Schema,
    rules: Sequence[Rule],
    as_of: dt.date,
) -> tuple[Any, list[int], dict[str, Any]]:
    """Run validation and rules in one scan; return the rules' rows and the suspect rows.

    The first is an Arrow table of the rows breaking a rule (with the row number), without
    their value columns, the second the numbers of the rows the validation sets aside, the
    third the value columns kept apart (see :func:`split_values`).
    """
    pa = pyarrow_module()
    pc = require("pyarrow.compute", "the columnar engine")
    cases = _cases(rules, table, as_of)
    expr, same = _compact(wide_table(table, schema, cases, suspect=_SUSPECT, keep=(ROW,)))
    # Streamed batch by batch: the engine never holds the whole result beside its Arrow copy.
    batches = []
    parts: dict[str, list[Any]] = {}
    suspects: list[int] = []
    with quiet():
        sql = compiled(backend, expr)
        reader = backend.con.sql(sql).to_arrow_reader(_BATCH)
        for batch in reader:
            aside = batch.column(_SUSPECT)
            if pc.any(aside).as_py():
                suspects.extend(int(n) for n in batch.filter(aside).column(ROW).to_pylist())
                batch = batch.filter(pc.invert(aside))  # noqa: PLW2901 - the kept part
            rows, values = split_values(batch.drop_columns([_SUSPECT]), same)
            batches.append(narrow_batch(rows))
            for name, column in values.items():
                parts.setdefault(name, []).append(column)
        kept = reader.schema.remove(reader.schema.get_field_index(_SUSPECT))
    wide = pa.Table.from_batches(
        batches, schema=narrow_schema(pa.schema([f for f in kept if not is_value(f.name)]))
    )
    del batches
    values = {
        name: pa.chunked_array(parts.get(name, []), type=kept.field(held).type)
        for name, held in same.items()
        if is_value(name)
    }
    return (
        wide.select([name for name in same if name != _SUSPECT and not is_value(name)]),
        suspects,
        values,
    )


def _compact(expr: Any) -> tuple[Any, dict[str, str]]:  # noqa: ANN401 - ibis table
    """Return the scan with each repeated value column once, and day counts as 32-bit integers.

    Several cases of a rule often carry the same value (the day a clue was found, the day a
    risk was eliminated); the scan returns it once, and the column names map each original
    column to the one returned (the Arrow arrays are then shared, not copied).
    """
    values = expr.op().values
    first: dict[Any, str] = {}
    same: dict[str, str] = {}
    kept = []
    for name, value in values.items():
        evidence = name[:1] in {"d", "n", "x"} and name[1:].isdigit()
        if evidence and value in first:
            same[name] = first[value]
            continue
        if evidence:
            first[value] = name
        same[name] = name
        kept.append(
            expr[name].cast("int32").name(name) if name[:1] == "n" and evidence else expr[name]
        )
    return expr.select(*kept), same


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
    suspect = pa.Table.from_arrays([arrow_numbers(sorted(rows), "int64")], names=[ROW])
    con.register("suspect_rows", suspect)
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
        pc = require("pyarrow.compute", "the columnar engine")
        left_out = pc.is_in(wide.column(ROW), value_set=arrow_numbers(sorted(rows), "int64"))
        wide = wide.filter(pc.invert(left_out))
    return wide.drop_columns([ROW])


def without_rows_and_values(
    wide: Any,  # noqa: ANN401 - Arrow table
    values: dict[str, Any],
    rows: set[int],
) -> tuple[Any, dict[str, Any]]:
    """Return :func:`without_rows` of ``wide``, and its value columns kept apart likewise."""
    if rows:
        pc = require("pyarrow.compute", "the columnar engine")
        kept = pc.invert(pc.is_in(wide.column(ROW), value_set=arrow_numbers(sorted(rows), "int64")))
        values = {
            name: column.filter(kept.filter(wide.column(f"f{name[1:]}")))
            for name, column in values.items()
        }
    return without_rows(wide, rows), values


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
    ibis = ibis_module()
    with quiet():
        # named, not bound: compiled once per shape, as the one scan is (see compiled)
        table = ibis.table(backend.table("judged_rows").schema(), name="judged_rows")
        cases = _cases(rules, table, as_of)
        result = backend.con.sql(
            compiled(backend, wide_table(table, schema, cases))
        ).to_arrow_table()
    return result.select(list(columns))


class Text(NamedTuple):
    """A column's cells as text, an empty one as NULL: SQL, and the column if it holds text.

    ``column`` is the name of the column (as the ledger spells it) when its cells are text
    already, so that a file's column can be read without DuckDB; ``None`` when the SQL casts.
    """

    sql: str
    column: str | None = None


def text_of(source: Source, column: str) -> Text:
    """Return the cells of ``column`` of ``source`` as :class:`Text`."""
    raw = _ident(column)
    if _category(source.types.get(column, "VARCHAR")) != "text":
        return Text(f"nullif(CAST({raw} AS VARCHAR), '')")
    return Text(f"nullif({raw}, '')", column)


def repeated_hashes(con: Any, relation: str, text: Text, capacity: int) -> list[int]:  # noqa: ANN401
    """Return the 64-bit hashes of ``text`` shared by more than one row of ``relation``.

    The hashes are streamed into one array of ``capacity`` entries and sorted in place: eight
    bytes a row, where grouping them in the engine needs several times that. Equal cells have
    equal hashes, so no shared hash means no key used twice.
    """
    return key_and_cells(con, relation, text, capacity)[0]


def key_and_cells(
    con: Any,  # noqa: ANN401
    relation: str,
    text: Text,
    capacity: int,
    cells: Sequence[tuple[Text, Callable[[Any], Any]]] = (),
    *,
    parquet: str | None = None,
) -> tuple[list[int], list[int]]:
    """Return the repeated key hashes (see :func:`repeated_hashes`) and the rows whose cells fail.

    ``text`` is the key's cells; ``cells`` are other text cells and their tests (:mod:`xiaojie.ledgers._bytes`:
    an Arrow array in, the positions of the failing cells out); they are read in the same scan
    as the key and tested batch by batch on every core (NumPy releases the interpreter lock).
    The second list holds the row numbers of the cells that fail.

    ``parquet`` is the Parquet file ``relation`` views (every column, and the row numbers) when
    it is one. When there are cells of columns other than the key and the key and cells are
    text columns of that file, the columns are read from the file by Arrow
    (less work than DuckDB's reading and Arrow export of three text columns), row group by row
    group on every core; the keys are
    hashed by NumPy (:func:`~xiaojie.ledgers._bytes.key_hashes`) and only the keys of a shared
    hash, if any, by DuckDB.
    """
    pa = pyarrow_module()
    found = _parquet_columns(parquet, text, [cell for cell, _ in cells])
    if found is not None:
        try:
            return _parquet_key_and_cells(con, *found, capacity, [test for _, test in cells])
        except (pa.ArrowException, OSError):
            pass  # a file Arrow does not read as DuckDB does: read by DuckDB below
    return _duck_key_and_cells(con, relation, text.sql, capacity, [(c.sql, t) for c, t in cells])


def _duck_key_and_cells(
    con: Any,  # noqa: ANN401
    relation: str,
    text: str,
    capacity: int,
    cells: Sequence[tuple[str, Callable[[Any], Any]]],
) -> tuple[list[int], list[int]]:
    """Return :func:`key_and_cells` from DuckDB's hashes and cells, streamed as Arrow."""
    np = require("numpy", "the columnar engine")
    pc = require("pyarrow.compute", "the columnar engine")
    held = _Halves(np, capacity)
    if cells:
        # Every row (its cells are tested); an empty key has no hash (DuckDB hashes NULL too).
        read = "".join(f", {cell}" for cell, _ in cells)
        hashed = f"CASE WHEN {text} IS NULL THEN NULL ELSE hash({text}) END"
        sql = f"SELECT {hashed}, {_ROW}{read} FROM {relation}"  # noqa: S608 - own names
    else:
        sql = f"SELECT hash({text}) FROM {relation} WHERE {text} IS NOT NULL"  # noqa: S608
    reader = con.sql(sql).to_arrow_reader(_KEY_BATCH)

    def judge(batch: Any) -> list[int]:  # noqa: ANN401 - an Arrow batch
        rows = None
        found: list[Any] = []
        for k, (_, test) in enumerate(cells):
            bad = test(batch.column(k + 2))
            if len(bad):
                rows = numbers(batch.column(1), "int64") if rows is None else rows
                found.append(rows[bad])
        return [int(n) for part in found for n in part]

    suspects: list[int] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=_workers()) as pool:
        pending: collections.deque[concurrent.futures.Future[list[int]]] = collections.deque()
        for batch in reader:
            # Split here: splitting in the pool held more batches (~10 MiB more peak memory)
            # and was no faster.
            hashes = batch.column(0)
            if hashes.null_count:
                hashes = pc.drop_null(hashes)
            held.add(*_halves(np, numbers(hashes, "uint64")))
            if cells:
                pending.append(pool.submit(judge, batch))
                while len(pending) > _PENDING:
                    suspects.extend(pending.popleft().result())
        for future in pending:
            suspects.extend(future.result())
        twice = held.repeated(pool)
    return sorted(int(h) for h in twice), sorted(suspects)


def _workers() -> int:
    return max(os.cpu_count() or 1, 1)


def _halves(np: Any, hashes: Any) -> tuple[Any, Any]:  # noqa: ANN401 - numpy, uint64 array
    """Return the hashes below 2**63 and the others (see :class:`_Halves`)."""
    top = hashes.view(np.int64) < 0
    return hashes[~top], hashes[top]


def _parquet_columns(
    path: str | None,
    text: Text,
    cells: Sequence[Text],
) -> tuple[str, str, list[str]] | None:
    """Return the Parquet file ``path``, its key column and cell columns, if Arrow reads them.

    ``None`` unless there is a file, and the key and cells are text columns of the file, each
    named once (DuckDB's names are not case-sensitive), some cells of columns other than the
    key.
    """
    pa = pyarrow_module()
    names = [cell.column for cell in (text, *cells) if cell.column is not None]
    if path is None or len(names) != 1 + len(cells):
        return None
    if not set(names[1:]) - {names[0]}:
        # The key alone is read as fast by DuckDB (its hash costs nothing beside the reading),
        # and with less memory (~8 MiB less peak at 10^7 rows).
        return None
    try:
        schema = require("pyarrow.parquet", "the columnar engine").read_schema(path)
    except (pa.ArrowException, OSError):
        return None
    folded = [name.casefold() for name in schema.names]
    for name in names:
        at = schema.get_all_field_indices(name)
        kind = schema.field(at[0]).type if len(at) == 1 else None
        if (
            folded.count(name.casefold()) != 1
            or kind is None
            or not (pa.types.is_string(kind) or pa.types.is_large_string(kind))
        ):
            return None
    return path, names[0], names[1:]


def _parquet_key_and_cells(  # noqa: PLR0917
    con: Any,  # noqa: ANN401
    path: str,
    key: str,
    columns: Sequence[str],
    capacity: int,
    tests: Sequence[Callable[[Any], Any]],
) -> tuple[list[int], list[int]]:
    """Return :func:`key_and_cells` read from a Parquet file by Arrow, row group by row group.

    Each row group is read, its keys hashed (:func:`~xiaojie.ledgers._bytes.key_hashes`) and
    its cells judged on a core of its own. A hash held by several rows sends the keys holding
    it through DuckDB's ``hash`` (found by reading the key column again, only then).
    """
    np = require("numpy", "the columnar engine")
    read = list(dict.fromkeys([key, *columns]))  # the key may be tested too
    groups = _RowGroups(path, read)

    def judge(group: int) -> tuple[list[Any], list[Any], list[int]]:
        lower, upper, found = [], [], []
        for first, batch in groups.batches(group):
            low, high = _halves(np, key_hashes(batch.column(key))[0])
            lower.append(low)
            upper.append(high)
            for name, test in zip(columns, tests, strict=True):
                found.extend((test(batch.column(name)) + first).tolist())
        return lower, upper, found

    held = _Halves(np, capacity)
    suspects: list[int] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=_workers()) as pool:
        pending: collections.deque[concurrent.futures.Future[Any]] = collections.deque()

        def take(done: concurrent.futures.Future[Any]) -> None:
            lower, upper, failed = done.result()
            for low, high in zip(lower, upper, strict=True):
                held.add(low, high)
            suspects.extend(failed)

        for group in range(groups.count):
            pending.append(pool.submit(judge, group))
            while len(pending) > _workers():
                take(pending.popleft())
        while pending:
            take(pending.popleft())
        twice = held.repeated(pool)
        held.release()
        # Arrow's allocator keeps the batches' memory for reuse: handed back before the main
        # scan, whose peak would otherwise sit on top of it.
        pyarrow_module().default_memory_pool().release_unused()
        if not twice:
            return [], sorted(suspects)
        wanted = np.array(sorted(twice), dtype=np.uint64)

        def keys(group: int) -> list[Any]:
            found = []
            for _, batch in groups.batches(group, [key]):
                hashes, at = key_hashes(batch.column(key))
                hit = at[np.isin(hashes, wanted)]
                if len(hit):
                    found.append(batch.column(key).take(hit))
            return found

        shared = [part for parts in pool.map(keys, range(groups.count)) for part in parts]
    pa = pyarrow_module()
    texts = pa.chunked_array([part.cast(pa.string()) for part in shared], type=pa.string())
    texts = texts.combine_chunks()
    return sorted({int(h) for h in _duck_hashes(con, texts)}), sorted(suspects)


class _RowGroups:
    """The row groups of a Parquet file, read in batches with their first row numbers."""

    def __init__(self, path: str, columns: Sequence[str]) -> None:
        pq = require("pyarrow.parquet", "the columnar engine")
        self.pq = pq
        self.path = path
        self.columns = list(columns)
        self.local = threading.local()
        meta = pq.ParquetFile(path).metadata
        self.count = meta.num_row_groups
        self.starts = [0]
        for k in range(self.count):
            self.starts.append(self.starts[-1] + meta.row_group(k).num_rows)

    def batches(
        self, group: int, columns: Sequence[str] | None = None
    ) -> Iterator[tuple[int, Any]]:
        """Yield ``(number of the first row, Arrow batch)`` of a row group (a file per thread)."""
        if not hasattr(self.local, "file"):
            self.local.file = self.pq.ParquetFile(self.path)
        first = self.starts[group] + 1
        for batch in self.local.file.iter_batches(
            _KEY_BATCH, row_groups=[group], columns=columns or self.columns, use_threads=False
        ):
            yield first, batch
            first += batch.num_rows


def _duck_hashes(con: Any, keys: Any) -> Any:  # noqa: ANN401 - Arrow text array in, uint64 out
    """Return DuckDB's ``hash`` of each key, as the key's scan hashes it."""
    pa = pyarrow_module()
    con.register("__xiaojie_keys", pa.table({"k": keys}))
    try:
        hashes = con.sql("SELECT hash(k) FROM __xiaojie_keys").to_arrow_table().column(0)
    finally:
        con.unregister("__xiaojie_keys")
    return numbers(hashes, "uint64").copy()


class _Halves:
    """64-bit hashes held in one array: those below 2**63 from its start, the others from its end.

    Equal hashes share their top bit, so each half is sorted on its own (in place, on its own
    core) and no merge of the two, nor its temporary copy of half the hashes, is needed. The
    hashes arrive split already (:func:`_halves`; from a Parquet file, on the cores reading it).
    """

    def __init__(self, np: Any, capacity: int) -> None:  # noqa: ANN401 - the numpy module
        self.np = np
        self.values = np.empty(max(capacity, 1), dtype=np.uint64)
        self.low = 0
        self.high = len(self.values)

    def add(self, lower: Any, upper: Any) -> None:  # noqa: ANN401 - uint64 NumPy arrays
        """Append hashes below 2**63 and hashes above, each to its half."""
        if self.low + len(lower) > self.high - len(upper):  # the count said fewer rows
            grown = self.np.empty(len(self.values) + len(lower) + len(upper), dtype=self.np.uint64)
            kept = len(self.values) - self.high
            grown[: self.low] = self.values[: self.low]
            grown[len(grown) - kept :] = self.values[self.high :]
            self.high = len(grown) - kept
            self.values = grown
        self.values[self.low : self.low + len(lower)] = lower
        self.low += len(lower)
        self.values[self.high - len(upper) : self.high] = upper
        self.high -= len(upper)

    def parts(self) -> tuple[Any, Any]:
        """Return the two halves (views of the one array)."""
        return self.values[: self.low], self.values[self.high :]

    def release(self) -> None:
        """Let the hashes go (their array is the scan's peak of memory)."""
        self.values = self.np.empty(0, dtype=self.np.uint64)
        self.low = self.high = 0

    def repeated(self, pool: concurrent.futures.Executor) -> list[Any]:
        """Return the values held more than once, each half sorted in place on its own core."""
        return [h for part in pool.map(_shared, self.parts()) for h in part.tolist()]


def _shared(part: Any) -> Any:  # noqa: ANN401 - uint64 NumPy array, sorted in place
    """Sort ``part`` in place; return the values it holds more than once."""
    np = require("numpy", "the columnar engine")
    part.sort()
    same = part[1:] == part[:-1]
    return np.unique(part[1:][same])


def _judge(
    records: Sequence[Sequence[Any]],
    fields: Sequence[str],
    source: Source,
    schema: Schema,
    label: str,
) -> tuple[dict[int, list[RowIssue]], dict[int, Any], int]:
    """Judge suspect rows ``(row, raw cells…)`` with the Python parser.

    Returns the issues by row, the good objects by row, and the number of blank rows.
    """
    names = schema.names
    issues: dict[int, list[RowIssue]] = {}
    objects: dict[int, Any] = {}
    blank = 0
    for record in sorted(records, key=lambda r: r[0]):
        number = record[0]
        parsed = schema.parse_row(dict(zip(fields, record[1:], strict=True)))
        if parsed is None:
            blank += 1
        elif parsed.issues:
            issues[number] = row_issues(label, number, source.columns, names, parsed.issues)
        else:
            objects[number] = parsed.value
    return issues, objects, blank


def key_text(source: Source, schema: Schema) -> Text:
    """Return the key cell of a row as text (NULL when empty)."""
    return text_of(source, source.columns[schema.key[0]])


def _duplicates(
    con: Any,  # noqa: ANN401
    source: Source,
    schema: Schema,
    label: str,
    *,
    suspects: Sequence[tuple[int, object]],
    issues: dict[int, list[RowIssue]],
    objects: dict[int, Any],
    total: int,
    twice: list[int] | None = None,
    candidates: Callable[[set[str]], list[tuple[int, object]]] | None = None,
) -> set[int]:
    """Find keys used by more than one row; report and return every row but the first.

    Keys are compared as the Python parser reads them (blanks at the ends removed, invalid
    keys ignored). Grouping the raw cells finds the candidates cheaply; the rows of those
    keys, and the suspect rows (whose cells may be padded), are then keyed in Python.
    ``suspects`` holds ``(row, raw key cell)`` of every suspect row; ``twice`` the result of
    :func:`repeated_hashes` when it was already found. ``candidates`` (another engine's finder of
    the rows of keys that might repeat, given the wanted keys) replaces the DuckDB query.
    """
    names = schema.names
    key = schema.key[0]
    field = names[key]
    cell = _ident(source.columns[key])
    text = key_text(source, schema).sql

    def parsed(cell: object) -> str | None:
        value, issue, _ = parse_cell(field, cell)
        return str(value) if issue is None and value is not None else None

    if candidates is not None:
        wanted = {k for _, cell in suspects if (k := parsed(cell)) is not None and k != cell}
        return _later(candidates(wanted), suspects, parsed, source, schema, label, issues, objects)
    # Keys used twice are found from 64-bit hashes of the cells, sorted outside the engine; a
    # hash shared by different keys only adds candidates, keyed exactly below.
    if twice is None:
        twice = repeated_hashes(con, source.name, key_text(source, schema), total)
    wanted = {k for _, cell in suspects if (k := parsed(cell)) is not None and k != cell}
    if not twice and not wanted:
        return set()
    pa = pyarrow_module()
    con.register("candidate_hashes", pa.Table.from_arrays([arrow_numbers(twice, "uint64")], ["h"]))
    con.register("candidate_keys", pa.table({"k": pa.array(sorted(wanted), pa.string())}))
    # The cells are keyed as they are (a decimal or time is no key), not as their text.
    rows = con.sql(
        f"SELECT {_ROW}, {cell} FROM {source.name} "  # noqa: S608
        f"WHERE hash({text}) IN (SELECT h FROM candidate_hashes) "
        f"OR {text} IN (SELECT k FROM candidate_keys)"
    ).fetchall()
    return _later(rows, suspects, parsed, source, schema, label, issues, objects)


def _later(  # noqa: PLR0917
    rows: Sequence[tuple[int, object]],
    suspects: Sequence[tuple[int, object]],
    parsed: Callable[[object], str | None],
    source: Source,
    schema: Schema,
    label: str,
    issues: dict[int, list[RowIssue]],
    objects: dict[int, Any],
) -> set[int]:
    """Key the candidate rows as the parser reads them; report every row after the first."""
    key = schema.key[0]
    field = schema.names[key]
    groups: dict[str, set[int]] = defaultdict(set)
    for number, cell in [*rows, *suspects]:
        k = parsed(cell)
        if k is not None:
            groups[k].add(number)
    key_column = source.columns.get(key, field.label)
    later: set[int] = set()
    for members in groups.values():
        numbers = sorted(members)
        for number in numbers[1:]:
            later.add(number)
            objects.pop(number, None)
            issues.setdefault(number, []).append(
                RowIssue(
                    label,
                    number,
                    key_column,
                    key,
                    IssueKind.DUPLICATE,
                    f"{field.label}: expected a value not used before, "
                    f"found a duplicate of row {numbers[0]}",
                )
            )
    return later


def _judge_needed(
    records: Sequence[Sequence[Any]],
    fields: Sequence[str],
    source: Source,
    schema: Schema,
    label: str,
) -> tuple[dict[int, list[RowIssue]], dict[int, dict[str, Any]], int]:
    """Judge suspect rows on the needed fields only; return issues, typed values and blanks."""
    names = schema.names
    issues: dict[int, list[RowIssue]] = {}
    good: dict[int, dict[str, Any]] = {}
    blank = 0
    for record in sorted(records, key=lambda r: r[0]):
        number = record[0]
        cells = dict(zip(fields, record[1:], strict=True))
        parsed = schema.parse_row(cells)
        if parsed is None:
            blank += 1
            continue
        found = [issue for issue in parsed.issues if issue[0] in cells]
        if found:
            issues[number] = row_issues(label, number, source.columns, names, found)
            continue
        good[number] = {name: parse_cell(names[name], raw)[0] for name, raw in cells.items()}
    return issues, good, blank


def _without_extra_measures(table: Any, measures: int) -> Any:  # noqa: ANN401 - ibis table
    """Drop the measure columns beyond the ``measures`` the ledger has (always empty)."""
    extra = [
        column
        for k in range(measures + 1, MEASURE_COLUMNS + 1)
        for column in (f"measure_{k}", f"measure_{k}_start")
        if column in table.columns
    ]
    return table.drop(*extra) if extra else table


def judge_suspects(
    duck: Any,  # noqa: ANN401
    records: list[tuple[Any, ...]],
    registered: Source,
    schema: Schema,
    label: str,
    *,
    needed: bool,
    total: int,
    twice: list[int] | None = None,
    candidates: Callable[[set[str]], list[tuple[int, object]]] | None = None,
) -> tuple[dict[int, list[RowIssue]], dict[int, Any], dict[int, dict[str, Any]], int, set[int]]:
    """Judge the suspect rows in Python, then find repeated keys among all rows.

    Returns the issues by row, the judged objects (every column validated) or typed rows
    (``needed``: only the columns the rules read), the count of blank rows and the rows left
    out for a repeated key. ``twice`` are the repeated key hashes when already found;
    ``candidates`` finds the rows of keys that might repeat on an engine other than DuckDB
    (``duck`` is then not used).
    """
    fields = list(registered.columns)
    objects: dict[int, Any] = {}
    typed_rows: dict[int, dict[str, Any]] = {}
    if needed:
        issues, typed_rows, blank = _judge_needed(records, fields, registered, schema, label)
    else:
        issues, objects, blank = _judge(records, fields, registered, schema, label)
    at = fields.index(schema.key[0]) + 1
    repeated = _duplicates(
        duck,
        registered,
        schema,
        label,
        suspects=[(record[0], record[at]) for record in records],
        issues=issues,
        objects=typed_rows if needed else objects,
        total=total,
        twice=twice,
        candidates=candidates,
    )
    return issues, objects, typed_rows, blank, repeated


def _one_scan(  # noqa: PLR0917 - the parts of one check
    duck: Any,  # noqa: ANN401
    registered: Source,
    schema: Schema,
    chosen: tuple[Rule, ...],
    day: dt.date,
    label: str,
    *,
    only: frozenset[str] | None,
    measures: int,
    total: int,
    learn: Callable[[], Mapping[str, frozenset[str]]] | None = None,
) -> tuple[dict[int, list[RowIssue]], int, ColumnarFindings]:
    """Validate and apply the row rules in one scan; judge suspects; drop repeated keys."""
    pa = pyarrow_module()
    # Keys, identity and phone numbers held as text are tested by NumPy in the key's scan:
    # taking their columns out of DuckDB costs less than its string tests and arithmetic.
    outside = frozenset(
        field.name
        for field in schema.fields
        if field.kind in _OUTSIDE
        and field.name in registered.columns
        and _category(registered.types.get(registered.columns[field.name], "VARCHAR")) == "text"
    )
    fields = list(registered.columns)
    # The repeated keys first: their sorted hashes are gone before the scan's rows arrive.
    tested = [
        (text_of(registered, registered.columns[name]), _OUTSIDE[schema.names[name].kind])
        for name in sorted(outside)
    ]
    twice, failed = key_and_cells(
        duck, registered.name, key_text(registered, schema), total, tested,
        parquet=registered.parquet,
    )  # fmt: skip
    # The vocabulary columns' few distinct cells (a column of canonical words then needs no
    # test a row), read after the key's scan, the check's peak of memory.
    seen, pairs = vocabularies(duck, registered, schema, only)
    padded = learn() if learn is not None else None
    create_typed(
        duck, registered, schema, raw=False, only=only, outside=outside, padded=padded, seen=seen
    )
    cross = " OR ".join(_cross_checks(schema.ledger, measures, pairs, only)) or "false"
    checked = f"SELECT * EXCLUDE (__bad), (__bad OR coalesce({cross}, false)) AS __suspect"
    duck.execute(f"CREATE OR REPLACE TEMP VIEW checked AS {checked} FROM typed")
    # Ibis (with sqlglot and rich, ~20 MiB) is loaded after the key's scan, whose hashes of
    # every row are the check's other peak of memory.
    ibis = ibis_module()
    with quiet():
        backend = ibis.duckdb.from_connection(duck)
        bound = backend.table("checked")
        table = _without_extra_measures(bound, measures)
        # the same columns named, not bound: its SQL is compiled once per shape (compiled)
        named = _without_extra_measures(ibis.table(bound.schema(), name="checked"), measures)
    wide, suspects, values = scan(backend, named, schema, chosen, day)
    # Rows whose identity number failed are set aside as the view's suspects are: judged in
    # Python, their findings (if any) dropped from the scan's rows.
    # so are the rows of a CSV file read with bytes its encoding cannot read
    failed_only = set(failed).union(registered.aside).difference(suspects)
    suspects = sorted(failed_only.union(suspects))
    cells = [_ident(registered.columns[name]) for name in fields]
    records = raw_rows(duck, registered.name, cells, suspects)
    issues, objects, typed_rows, blank, later = judge_suspects(
        duck, records, registered, schema, label, needed=only is not None, total=total,
        twice=twice,
    )  # fmt: skip
    set_aside(registered.aside, issues, (objects, typed_rows), only)
    wide, values = without_rows_and_values(wide, values, later | failed_only)
    if typed_rows:
        names = [_ROW, *(f.name for f in schema.fields if f.name in table.columns)]
        with quiet():
            rows = pa.Table.from_pylist(
                [{_ROW: n, **typed_rows[n]} for n in sorted(typed_rows)],
                schema=table.select(*names).schema().to_pyarrow(),
            )
        extra = judged_findings(backend, rows, schema, chosen, day, [*wide.column_names, *values])
        extra, more = split_values(extra)
        wide = pa.concat_tables([wide, extra.cast(wide.schema)])
        values = {
            name: pa.chunked_array(
                [*column.chunks, *more[name].cast(column.type).chunks], column.type
            )
            for name, column in values.items()
        }
    judged = [objects[n] for n in sorted(objects)]
    findings = evaluate(table, schema, chosen, day, judged=judged, wide=wide, values=values)
    return issues, blank, findings
