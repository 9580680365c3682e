"""The columnar engine: the same rules over large ledgers, in DuckDB.

DuckDB is an embedded SQL engine (no server): it reads Parquet and CSV directly, runs on all
cores and spills to disk when memory runs short. The engine turns a ledger into one typed view
with the canonical columns, then runs three queries:

1. **validation** — a SQL filter marks every row that *might* be bad (a cell that does not
   parse, a required value missing, a cross-field contradiction). Those few rows are fetched
   and judged by the very same Python row parser the object reader uses, so the report is
   the same whichever engine reads the file. A suspect row that turns out good is checked by
   the object rules.
2. **duplicates** — keys used by more than one row (the raw cells are grouped, then the
   candidates are keyed as the Python parser reads them); the first row keeps the key.
3. **rules** — every row rule's SQL cases in one scan of the good rows, reading the cells as
   they are (a cell with blanks around it made its row suspect, so none is left); group rules
   (the revitalisation rate) get their tallies from one ``GROUP BY`` and are judged in Python.

The SQL is plain DuckDB SQL over the canonical columns; :func:`rules_sql` returns it, so the
same statement can be run where the data already lives (a warehouse or a distributed engine
with a DuckDB-compatible dialect).

Fund and problem ledgers are small (a row per county report, a row per problem); the engine
reads them with the object reader and applies the object rules.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import attrs

from xiaojie.errors import LedgerError, MissingExtraError
from xiaojie.ledgers._enums import AssetState, MonitoringCategory
from xiaojie.ledgers._model import Asset, Household, Place
from xiaojie.ledgers._privacy import CHECK_CHARS, MAX_YEAR, MIN_YEAR
from xiaojie.ledgers._read import (
    LedgerRead,
    LedgerReport,
    RowIssue,
    _check_columns,
    _detect_encoding,
    _headers,
    _open_workbook,
    find_header,
    read_ledger,
    sheet_rows,
)
from xiaojie.ledgers._rules import (
    Finding,
    Findings,
    RevitalisationRate,
    RevitalisationTally,
    RowRule,
    Rule,
    SqlCase,
    _as_of,
    rules_for,
    summary_table,
)
from xiaojie.ledgers._schema import (
    BLANKS,
    COMPACT_DATE_PATTERN,
    DATE_PATTERN,
    FALSE_WORDS,
    INT_PATTERN,
    KEY_PATTERN,
    LIST_SEPARATORS,
    MEASURE_COLUMNS,
    MONEY_PATTERN,
    PHONE_PATTERN,
    TRUE_WORDS,
    Field,
    FieldKind,
    HeaderMap,
    IssueKind,
    LedgerKind,
    Schema,
    cell_text,
    describe_issue,
    mapped_fields,
    parse_cell,
    schema_for,
)


if TYPE_CHECKING:
    import pyarrow as pa


__all__ = [
    "ColumnarCheck",
    "ColumnarFindings",
    "MissingExtraError",
    "check_columnar",
    "households_to_arrow",
    "rules_sql",
]

_ROW = "__row"


def _duckdb() -> Any:  # noqa: ANN401 - duckdb is untyped
    try:
        import duckdb  # noqa: PLC0415 - optional extra, imported on first use
    except ImportError as err:
        msg = "the columnar engine needs duckdb and pyarrow: pip install 'xiaojie[columnar]'"
        raise MissingExtraError(msg) from err
    return duckdb


def _pyarrow() -> Any:  # noqa: ANN401 - pyarrow is untyped
    try:
        import pyarrow as pa  # noqa: PLC0415 - optional extra, imported on first use
    except ImportError as err:
        msg = "the columnar engine needs duckdb and pyarrow: pip install 'xiaojie[columnar]'"
        raise MissingExtraError(msg) from err
    return pa


# -- SQL text ----------------------------------------------------------------------------------


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


assert all(ord(ch) <= 32 or ord(ch) == 12288 for ch in BLANKS)  # noqa: S101 - see _cell
_TEXT_TYPES = ("VARCHAR",)
_INT_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
              "UBIGINT", "HUGEINT", "UHUGEINT")  # fmt: skip
_FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL")


def _category(duck_type: str) -> str:
    upper = duck_type.upper()
    if upper.startswith(_TEXT_TYPES):
        return "text"
    if upper == "DATE":
        return "date"
    if upper.startswith("TIMESTAMP"):
        return "timestamp"
    if upper == "BOOLEAN":
        return "bool"
    if upper in _INT_TYPES:
        return "int"
    if upper.startswith("DECIMAL"):
        return "decimal"
    if upper in _FLOAT_TYPES:
        return "float"
    return "other"


def _date_from(text: str) -> str:
    """Return SQL reading a date from text by the Python parser's two patterns (no year check)."""
    branches = []
    for pattern in (DATE_PATTERN, COMPACT_DATE_PATTERN):
        anchored = _lit(f"^(?:{pattern})$")
        branches.append(
            f"WHEN regexp_full_match({text}, {_lit(pattern)}) "
            f"THEN try_cast(regexp_replace({text}, {anchored}, '\\1-\\2-\\3') AS DATE)"
        )
    return f"(CASE {' '.join(branches)} END)"


def _in_words(text: str, words: Iterable[str]) -> str:
    # list_contains, not IN: an IN list becomes a join in the plan.
    return f"list_contains([{', '.join(_lit(w) for w in sorted(words))}], {text})"


def id_number_digits(text: str) -> str:
    """Return SQL for the first 17 characters of an identity number as a BIGINT (or NULL)."""
    return f"try_cast(substr({text}, 1, 17) AS BIGINT)"


def _id_number_valid(text: str, n: str) -> str:
    """GB 11643-1999 in SQL: shape, a real birth date 1900-2100, and the check character.

    ``n`` is a column holding :func:`id_number_digits` of ``text``; the digits are taken apart
    with integer arithmetic, which is several times faster than 17 substrings.
    """
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = " + ".join(f"(({n} // {10 ** (16 - i)}) % 10) * {w}" for i, w in enumerate(weights))
    year, month, day = (
        f"CAST(({n} // {10**k}) % {m} AS BIGINT)" for k, m in ((7, 10000), (5, 100), (3, 100))
    )
    return (
        f"(CASE WHEN regexp_full_match({text}, '[0-9]{{17}}[0-9Xx]') THEN "
        f"({year} BETWEEN {MIN_YEAR} AND {MAX_YEAR} AND try(make_date({year}, {month}, {day})) "
        f"IS NOT NULL AND substr({_lit(CHECK_CHARS)}, CAST(({total}) % 11 AS INTEGER) + 1, 1) = "
        f"upper({text}[18])) ELSE false END)"
    )


_TEXT_KINDS = frozenset(
    {
        FieldKind.KEY,
        FieldKind.TEXT,
        FieldKind.NAME,
        FieldKind.ID_NUMBER,
        FieldKind.PHONE,
        FieldKind.ENUM,
        FieldKind.ENUM_LIST,
        FieldKind.LINES,
    }
)
_DATED = "dated"


def _cell(
    field: Field, column: str, duck_type: str, *, clean: bool = True
) -> tuple[str, str, str | None]:
    """Return the cell (level 1) of a field, the category it is read as, and a padding test.

    Cells are read as they are. A cell with blanks at its ends does not match the strict
    patterns of dates, numbers, flags, identity numbers or vocabulary words, so it is suspect
    and the Python parser (which removes the blanks) judges its row. Free text has no pattern,
    so with ``clean`` a free-text cell gets a padding test instead (true when a blank, or
    another control character, is at either end).
    """
    col = _ident(column)
    category = _category(duck_type)
    if category == "int" and field.kind in _TEXT_KINDS:
        col, category = f"CAST({col} AS VARCHAR)", "text"
    if category != "text":
        return col, category, None
    if not clean or field.kind is not FieldKind.TEXT:
        return f"nullif({col}, '')", "text", None
    # (IN lists become joins in the plan, so the test is written as comparisons.)
    ends = (
        f"(ord({col}) <= 32 OR ord({col}) = 12288 OR ord({col}[-1]) <= 32 "
        f"OR ord({col}[-1]) = 12288)"
    )
    return f"nullif({col}, '')", "text", f"coalesce({ends}, false)"


def _parse(field: Field, c: str, category: str) -> tuple[str, bool]:
    """Return the value (level 2) of a cleaned cell ``c`` and whether it needs a year check.

    NULL means missing or unreadable; the suspect test tells the two apart.
    """
    kind = field.kind
    if category == "text":
        if kind in _TEXT_KINDS and kind is not FieldKind.ENUM:
            return c, False
        if kind is FieldKind.DATE:
            return _date_from(c), True
        if kind is FieldKind.FLAG:
            return (
                f"(CASE WHEN {c} IS NULL THEN false WHEN {_in_words(c, TRUE_WORDS)} THEN true "
                f"WHEN {_in_words(c, FALSE_WORDS)} THEN false END)"
            ), False
        if kind is FieldKind.MONEY:
            plain = f"replace(replace({c}, ',', ''), '，', '')"
            return (
                f"(CASE WHEN regexp_full_match({plain}, {_lit(MONEY_PATTERN)}) "
                f"THEN try_cast({plain} AS DECIMAL(18,2)) END)"
            ), False
        if kind is FieldKind.INT:
            number = f"(CASE WHEN regexp_full_match({c}, {_lit(INT_PATTERN)}) THEN try_cast({c} AS BIGINT) END)"
            return _int_range(field, number), False
        assert field.enum is not None  # noqa: S101 - schema invariant
        # Empty cells first, then the canonical words: most rows stop at the first branches.
        words = sorted(field.enum.aliases().items(), key=lambda item: item[0] != item[1].value)
        branches = " ".join(
            f"WHEN {c} = {_lit(word)} THEN {_lit(member.value)}" for word, member in words
        )
        return f"(CASE WHEN {c} IS NULL THEN NULL {branches} END)", False
    if kind is FieldKind.DATE and category in {"date", "timestamp"}:
        return f"CAST({c} AS DATE)", True
    if kind is FieldKind.FLAG and category == "bool":
        return f"coalesce({c}, false)", False
    if kind is FieldKind.INT and category == "int":
        return _int_range(field, f"try_cast({c} AS BIGINT)"), False
    if kind is FieldKind.INT and category in {"decimal", "float"}:
        whole = f"(CASE WHEN {c} = floor({c}) THEN try_cast({c} AS BIGINT) END)"
        return _int_range(field, whole), False
    if kind is FieldKind.MONEY and category in {"int", "decimal", "float"}:
        return f"try_cast({c} AS DECIMAL(18,2))", False
    return _null_of(field), False


def _suspect(field: Field, c: str, value: str, category: str, digits: str = "") -> str | None:
    """Return the level-4 test of a cell that might be bad (``None`` if it cannot be).

    ``digits`` names the column holding :func:`id_number_digits` for identity numbers.
    """
    kind = field.kind
    if category == "text":
        if kind in {FieldKind.TEXT, FieldKind.NAME, FieldKind.LINES}:
            return None
        if kind is FieldKind.KEY:
            return f"({c} IS NOT NULL AND NOT regexp_full_match({c}, {_lit(KEY_PATTERN)}))"
        if kind is FieldKind.ID_NUMBER:
            return f"({c} IS NOT NULL AND NOT {_id_number_valid(c, digits)})"
        if kind is FieldKind.PHONE:
            return f"({c} IS NOT NULL AND NOT regexp_full_match({c}, {_lit(PHONE_PATTERN)}))"
        if kind is FieldKind.ENUM_LIST:
            assert field.enum is not None  # noqa: S101 - schema invariant
            words = "|".join(_re_escape(w) for w in field.enum.aliases())
            pattern = f"(?:{words})(?:{LIST_SEPARATORS}(?:{words}))*"
            return f"({c} IS NOT NULL AND NOT regexp_full_match({c}, {_lit(pattern)}))"
        return f"({c} IS NOT NULL AND {value} IS NULL)"
    if kind is FieldKind.FLAG and category == "bool":
        return None
    return f"({c} IS NOT NULL AND {value} IS NULL)"


def _re_escape(word: str) -> str:
    return "".join("\\" + ch if ch in r"\.^$|?*+()[]{}" else ch for ch in word)


def _int_range(field: Field, number: str) -> str:
    return f"(CASE WHEN {number} BETWEEN {field.minimum} AND {field.maximum} THEN {number} END)"


def _null_of(field: Field) -> str:
    if field.kind is FieldKind.FLAG:
        return "false"
    sql_type = {
        FieldKind.DATE: "DATE",
        FieldKind.MONEY: "DECIMAL(18,2)",
        FieldKind.INT: "BIGINT",
    }.get(field.kind, "VARCHAR")
    return f"CAST(NULL AS {sql_type})"


def _cross_checks(ledger: LedgerKind) -> list[str]:
    """Return SQL tests for the contradictions :func:`household_problems` and others find."""
    if ledger is LedgerKind.HOUSEHOLDS:
        checks = [
            (
                f"(monitoring_category = {_lit(MonitoringCategory.UNSTABLE_LIFTED_OUT.value)} "
                "AND kind <> '脱贫户')"
            ),
            (
                f"(monitoring_category = {_lit(MonitoringCategory.MARGINAL_AT_RISK.value)} "
                "AND kind <> '一般农户')"
            ),
            "(identified_on < clue_on)",
            "(eliminated_on IS NOT NULL AND identified_on IS NULL)",
            "(eliminated_on < identified_on)",
            "(elimination_mode IS NOT NULL AND eliminated_on IS NULL)",
        ]
        checks.extend(
            f"((measure_{k} IS NULL) <> (measure_{k}_start IS NULL))"
            for k in range(1, MEASURE_COLUMNS + 1)
        )
        return checks
    if ledger is LedgerKind.ASSETS:
        start = "make_date(CAST(funding_year AS BIGINT), 1, 1)"
        checks = [
            f"({column} < {start})"
            for column in ("registered_on", "handed_over_on", "revitalised_on", "written_off_on")
        ]
        checks.append(
            f"(revitalised_on IS NOT NULL AND (state = {_lit(AssetState.IDLE.value)} "
            f"OR state = {_lit(AssetState.INEFFICIENT.value)}))"
        )
        checks.append("(written_off_on IS NOT NULL AND NOT coalesce(scrapped, false))")
        return checks
    return []


# -- sources -------------------------------------------------------------------------------


@attrs.frozen
class _Source:
    """A registered ledger: its view name, mapped columns and header facts."""

    name: str
    columns: dict[str, str]
    types: dict[str, str]
    ignored: tuple[str, ...]
    header_row: int


def _register(
    con: Any,  # noqa: ANN401 - duckdb connection
    source: object,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
) -> tuple[_Source, str]:
    pa = _pyarrow()
    if isinstance(source, pa.Table):
        table = _with_rows(source, first=1)
        con.register("src_arrow", table)
        con.execute("CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM src_arrow")
        names, at, label = list(source.column_names), 0, "arrow table"
    else:
        path = Path(os.fspath(cast("str | os.PathLike[str]", source)))
        label = path.name
        if not path.is_file():
            msg = f"ledger file: expected an existing file, found {str(path)!r}"
            raise LedgerError(msg)
        suffix = path.suffix.lower()
        if suffix in {".parquet", ".pq"}:
            con.execute(
                "CREATE OR REPLACE TEMP VIEW src AS SELECT * EXCLUDE (file_row_number), "  # noqa: S608
                f"file_row_number + 1 AS {_ROW} FROM read_parquet({_lit(str(path))}, "
                "file_row_number = true)"
            )
            names, at = [c for c in con.sql("SELECT * FROM src LIMIT 0").columns if c != _ROW], 0
        elif suffix in {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}:
            table, names, at = _text_table(
                path, schema, headers, header_row=header_row, sheet=sheet, encoding=encoding
            )
            con.register("src_arrow", table)
            con.execute("CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM src_arrow")
        else:
            msg = f"{path.name}: expected a .csv, .xlsx or .parquet file, found {suffix!r}"
            raise LedgerError(msg)
    index, ignored, duplicated = mapped_fields(names, headers)
    _check_columns(schema, label, index, duplicated)
    described = con.sql("SELECT * FROM src LIMIT 0")
    types = dict(zip(described.columns, (str(t) for t in described.types), strict=True))
    columns = {name: names[i] for name, i in index.items()}
    return _Source("src", columns, types, tuple(ignored), at), label


def _with_rows(table: Any, *, first: int) -> Any:  # noqa: ANN401 - pyarrow
    pa = _pyarrow()
    import pyarrow.compute as pc  # noqa: PLC0415

    ones = pc.if_else(pc.is_null(pa.nulls(table.num_rows, pa.int8())), 1, 0).cast(pa.int64())
    rows = pc.add(pc.cumulative_sum(ones), first - 1)
    return table.append_column(_ROW, rows)


def _text_table(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
) -> tuple[Any, list[str], int]:
    """Read a CSV or XLSX file into an Arrow table of texts, keeping spreadsheet row numbers."""
    pa = _pyarrow()
    rows: Iterable[Sequence[object]]
    workbook = None
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        workbook = _open_workbook(path)
        try:
            worksheet = (
                workbook.worksheets[0]
                if sheet is None
                else workbook.worksheets[sheet]
                if isinstance(sheet, int)
                else workbook[sheet]
            )
        except (IndexError, KeyError):
            workbook.close()
            msg = f"{path.name}: expected a sheet {sheet!r}, found none"
            raise LedgerError(msg) from None
        rows = sheet_rows(worksheet)
        handle = None
    else:
        import csv  # noqa: PLC0415

        handle = path.open(encoding=encoding or _detect_encoding(path), newline="")
        rows = csv.reader(handle, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    try:
        iterator: Iterator[Sequence[object]] = iter(rows)
        head: list[Sequence[object]] = []
        for row in iterator:
            head.append(row)
            if len(head) >= (header_row or 10):
                break
        at = find_header(head, schema, headers, path.name) if header_row is None else header_row - 1
        if not 0 <= at < len(head):
            msg = f"{path.name}: expected a header row 1-{len(head)}, found {header_row}"
            raise LedgerError(msg)
        names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in head[at]]
        index, _, _ = mapped_fields(names, headers)
        wanted = list(index.items())
        data: dict[str, list[str | None]] = {names[i]: [] for _, i in wanted}
        numbers: list[int] = []
        number = at + 1

        def take(row: Sequence[object]) -> None:
            width = len(row)
            for _, i in wanted:
                data[names[i]].append(cell_text(row[i]) if i < width else None)
            numbers.append(number)

        for row in head[at + 1 :]:
            number += 1
            take(row)
        for row in iterator:
            number += 1
            take(row)
    finally:
        if handle is not None:
            handle.close()
        if workbook is not None:
            workbook.close()
    arrays = {name: pa.array(values, pa.string()) for name, values in data.items()}
    arrays[_ROW] = pa.array(numbers, pa.int64())
    return pa.table(arrays), names, at + 1


# -- objects to Arrow ------------------------------------------------------------------------


def households_to_arrow(households: Iterable[Household]) -> pa.Table:
    """Return households as an Arrow table with the canonical typed columns.

    Personal data (names, identity numbers, phones) are left out: no rule reads them. The
    table has as many ``measure_k`` / ``measure_k_start`` pairs as the household with the most
    measures (at least one).

    Examples
    --------
    >>> h = Household(id="H1", kind="一般农户", clue_on="2025-06-01")
    >>> households_to_arrow([h]).column("clue_on").to_pylist()
    [datetime.date(2025, 6, 1)]
    """
    pa = _pyarrow()
    rows = list(households)
    measures = max([len(h.measures) for h in rows] + [1])
    if measures > MEASURE_COLUMNS:
        many = next(h.id for h in rows if len(h.measures) == measures)
        msg = (
            f"household {many!r}: measures: expected at most {MEASURE_COLUMNS} for a ledger "
            f"row, found {measures}"
        )
        raise LedgerError(msg)
    columns: dict[str, Any] = {
        "household_id": pa.array([h.id for h in rows], pa.string()),
        "county": pa.array([h.place.county for h in rows], pa.string()),
        "township": pa.array([h.place.township for h in rows], pa.string()),
        "village": pa.array([h.place.village for h in rows], pa.string()),
        "kind": pa.array([h.kind.value for h in rows], pa.string()),
        "monitoring_category": pa.array([h.monitoring_category.value for h in rows], pa.string()),
        "discovery": pa.array(
            [h.discovery.value if h.discovery else None for h in rows], pa.string()
        ),
        "clue_on": pa.array([h.clue_on for h in rows], pa.date32()),
        "identified_on": pa.array([h.identified_on for h in rows], pa.date32()),
        "fast_track": pa.array([h.fast_track for h in rows], pa.bool_()),
    }
    for k in range(measures):
        columns[f"measure_{k + 1}"] = pa.array(
            [h.measures[k].kind.value if k < len(h.measures) else None for h in rows], pa.string()
        )
        columns[f"measure_{k + 1}_start"] = pa.array(
            [h.measures[k].start if k < len(h.measures) else None for h in rows], pa.date32()
        )
    columns["eliminated_on"] = pa.array([h.eliminated_on for h in rows], pa.date32())
    columns["elimination_mode"] = pa.array(
        [h.elimination_mode.value if h.elimination_mode else None for h in rows], pa.string()
    )
    columns["income_per_capita"] = pa.array(
        [h.income_per_capita for h in rows], pa.decimal128(18, 2)
    )
    columns["size"] = pa.array([h.size for h in rows], pa.int64())
    columns["no_labour"] = pa.array([h.no_labour for h in rows], pa.bool_())
    return pa.table(columns)


def assets_to_arrow(assets: Iterable[Asset]) -> pa.Table:
    """Return assets as an Arrow table with the canonical typed columns."""
    pa = _pyarrow()
    rows = list(assets)
    return pa.table(
        {
            "asset_id": pa.array([a.id for a in rows], pa.string()),
            "project": pa.array([a.project for a in rows], pa.string()),
            "county": pa.array([a.place.county for a in rows], pa.string()),
            "township": pa.array([a.place.township for a in rows], pa.string()),
            "village": pa.array([a.place.village for a in rows], pa.string()),
            "asset_class": pa.array([a.asset_class.value for a in rows], pa.string()),
            "value": pa.array([a.value for a in rows], pa.decimal128(18, 2)),
            "funding_year": pa.array([a.funding_year for a in rows], pa.int64()),
            "state": pa.array([a.state.value for a in rows], pa.string()),
            "responsible_unit": pa.array([a.responsible_unit for a in rows], pa.string()),
            "registered_on": pa.array([a.registered_on for a in rows], pa.date32()),
            "handed_over_on": pa.array([a.handed_over_on for a in rows], pa.date32()),
            "revitalised_on": pa.array([a.revitalised_on for a in rows], pa.date32()),
            "scrapped": pa.array([a.scrapped for a in rows], pa.bool_()),
            "written_off_on": pa.array([a.written_off_on for a in rows], pa.date32()),
        }
    )


# -- findings ------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class ColumnarFindings:
    """Findings of the columnar engine: the rules' SQL result, plus object findings.

    Aggregates are computed on the Arrow table without building a Python object per finding;
    :meth:`to_findings` builds them (the same :class:`Finding` objects the object engine
    returns).

    Attributes
    ----------
    as_of
        The evaluation date.
    table
        One row per ledger row breaking at least one case: ``subject``, ``county``,
        ``township``, ``village``, ``owner``, then for case ``i`` a flag ``f<i>`` and the
        values its finding is made of (``d<i>``, ``n<i>``, ``x<i>``).
    cases
        ``(rule id, reason)`` of case ``i``.
    extra
        Findings made in Python: group rules and rows judged by the Python parser.
    rules
        The rules evaluated.
    """

    as_of: dt.date
    table: Any
    cases: tuple[tuple[str, str], ...]
    extra: tuple[Finding, ...]
    rules: tuple[Rule, ...]

    def __len__(self) -> int:
        return sum(self._case_counts()) + len(self.extra)

    def _case_counts(self) -> list[int]:
        if not self.cases or self.table.num_rows == 0:
            return [0] * len(self.cases)
        import pyarrow.compute as pc  # noqa: PLC0415

        return [
            int(pc.sum(self.table.column(f"f{i}")).as_py() or 0) for i in range(len(self.cases))
        ]

    def _group(self, keys: list[str]) -> list[tuple[tuple[Any, ...], str, int]]:
        """Return ``(key values, rule id, count)`` for every group with findings."""
        if not self.cases or self.table.num_rows == 0:
            return []
        flags = [(f"f{i}", "sum") for i in range(len(self.cases))]
        grouped = self.table.group_by(keys).aggregate(flags).to_pylist()
        result = []
        for row in grouped:
            key = tuple(row[k] for k in keys)
            for i, (rule, _) in enumerate(self.cases):
                count = row[f"f{i}_sum"]
                if count:
                    result.append((key, rule, int(count)))
        return result

    def by_rule(self) -> dict[str, int]:
        """Count findings per rule (every evaluated rule appears)."""
        counts: Counter[str] = Counter(f.rule for f in self.extra)
        for (rule, _), count in zip(self.cases, self._case_counts(), strict=True):
            counts[rule] += count
        order = [r.id for r in self.rules]
        order += sorted(set(counts) - set(order))
        return {rule: counts.get(rule, 0) for rule in order}

    def by_place(self, level: str = "village") -> dict[tuple[str, ...], dict[str, int]]:
        """Count findings per place (down to ``level``) and rule, places sorted."""
        depth = len(Place().key(level))
        keys = ["county", "township", "village"][:depth]
        table: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for key, rule, count in self._group(keys):
            table[key][rule] += count
        for finding in self.extra:
            table[finding.place.key(level)][finding.rule] += 1
        return {place: dict(sorted(table[place].items())) for place in sorted(table)}

    def by_unit(self) -> dict[str, dict[str, int]]:
        """Count findings per responsible unit of the cited task, and rule."""
        units = {rule.id: rule.units for rule in self.rules}
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for rule, count in self.by_rule().items():
            for unit in units.get(rule, ()):
                if count:
                    table[unit][rule] += count
        return {unit: dict(sorted(table[unit].items())) for unit in sorted(table)}

    def by_owner(self) -> dict[str, dict[str, int]]:
        """Count findings per unit named in the rows themselves."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for (owner,), rule, count in self._group(["owner"]):
            if owner:
                table[owner][rule] += count
        for finding in self.extra:
            if finding.owner:
                table[finding.owner][finding.rule] += 1
        return {owner: dict(sorted(table[owner].items())) for owner in sorted(table)}

    def to_findings(self) -> Findings:
        """Return every finding as :class:`Finding` objects (as the object engine would)."""
        by_id = {rule.id: rule for rule in self.rules}
        items = list(self.extra)
        names = set(self.table.column_names) if self.cases else set()
        for i, (rule_id, reason) in enumerate(self.cases):
            rule = by_id[rule_id]
            assert isinstance(rule, RowRule)  # noqa: S101 - only row rules have SQL cases
            part = self.table.filter(self.table.column(f"f{i}"))
            if not part.num_rows:
                continue
            columns = {
                name: part.column(name).to_pylist()
                for name in ("subject", "county", "township", "village", "owner")
            }
            none = [None] * part.num_rows
            days, numbers, amounts = (
                part.column(f"{prefix}{i}").to_pylist() if f"{prefix}{i}" in names else none
                for prefix in ("d", "n", "x")
            )
            for j in range(part.num_rows):
                place = Place(columns["county"][j], columns["township"][j], columns["village"][j])
                items.append(
                    rule.make(
                        columns["subject"][j],
                        place,
                        reason,
                        day=days[j],
                        number=numbers[j],
                        amount=amounts[j],
                        as_of=self.as_of,
                        owner=columns["owner"][j],
                    )
                )
        return Findings(self.as_of, items, tuple(r.id for r in self.rules))

    def summary(self, level: str = "village") -> str:
        """Return a plain-text table: findings per place (rows) and rule (columns)."""
        return summary_table(self.as_of, self.by_place(level), self.by_rule(), level)

    def records(self) -> list[dict[str, str]]:
        """Return every finding as a flat record (see :meth:`Finding.record`)."""
        return self.to_findings().records()


@attrs.frozen(eq=False)
class ColumnarCheck:
    """The result of :func:`check_columnar`: the findings and the reading report."""

    findings: ColumnarFindings
    report: LedgerReport


# -- the engine ----------------------------------------------------------------------------


def _create_typed(
    con: Any,  # noqa: ANN401
    source: _Source,
    schema: Schema,
    *,
    raw: bool,
    checks: bool = True,
    view: str = "typed",
) -> None:
    """Create the ``typed`` view: canonical typed columns, ``__bad`` and (with ``raw``) the cells.

    Four levels keep each expression short: cleaned cells (``c_<field>``), parsed values,
    year-checked values, and ``__bad``, which marks rows with a cell that might not parse or a
    required value missing. The raw cells ride along as ``__raw_<i>`` so suspect rows can be
    fetched in the same scan.

    Without ``checks`` the view has only the values, without the year checks: the rules run on
    it after the validation has set every suspect row aside.
    """
    cells = [_ROW]
    parsed = [_ROW]
    final = [_ROW]
    suspects: list[str] = []
    for field in schema.fields:
        name = field.name
        column = source.columns.get(name)
        if column is None:
            parsed.append(f"{_null_of(field)} AS {name}")
            final.append(name)
            if field.required:
                suspects.append("true")
            continue
        cell, category, padded = _cell(
            field, column, source.types.get(column, "VARCHAR"), clean=checks
        )
        cells.append(f"{cell} AS c_{name}")
        if padded is not None:
            cells.append(f"{padded} AS p_{name}")
            parsed.append(f"p_{name}")
            final.append(f"p_{name}")
            suspects.append(f"p_{name}")
        value, dated = _parse(field, f"c_{name}", category)
        parsed.extend([f"c_{name}", f"{value} AS {name}"])
        if dated and checks:
            final.append(
                f"(CASE WHEN year({name}) BETWEEN {MIN_YEAR} AND {MAX_YEAR} THEN {name} END) AS {name}"
            )
        else:
            final.append(name)
        final.append(f"c_{name}")
        if field.kind is FieldKind.ID_NUMBER and category == "text":
            parsed.append(f"{id_number_digits(f'c_{name}')} AS n_{name}")
            final.append(f"n_{name}")
        suspect = _suspect(field, f"c_{name}", name, category, f"n_{name}")
        if suspect is not None:
            suspects.append(suspect)
        if field.required:
            suspects.append(f"({name} IS NULL)")
    if raw:
        extra = [
            f"{_ident(column)} AS __raw_{i}" for i, column in enumerate(source.columns.values())
        ]
        cells.extend(extra)
        names = [f"__raw_{i}" for i in range(len(source.columns))]
        parsed.extend(names)
        final.extend(names)
    bad = (" OR ".join(suspects) or "false") if checks else "false"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {view} AS "  # noqa: S608
        f"SELECT *, ({bad}) AS __bad FROM ("
        f"SELECT {', '.join(final)} FROM ("
        f"SELECT {', '.join(parsed)} FROM ("
        f"SELECT {', '.join(cells)} FROM {source.name}) AS l1) AS l2) AS l3"
    )


def _judge(
    records: Sequence[Sequence[Any]],
    fields: Sequence[str],
    source: _Source,
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
            issues[number] = [
                RowIssue(
                    label,
                    number,
                    source.columns.get(name, names[name].label),
                    name,
                    kind,
                    describe_issue(names[name], kind, expected, found),
                )
                for name, kind, expected, found in parsed.issues
            ]
        else:
            objects[number] = parsed.value
    return issues, objects, blank


def _duplicates(
    con: Any,  # noqa: ANN401
    source: _Source,
    schema: Schema,
    label: str,
    *,
    suspects: Sequence[tuple[int, object]],
    issues: dict[int, list[RowIssue]],
    objects: dict[int, Any],
) -> set[int]:
    """Find keys used by more than one row; report and return every row but the first.

    Keys are compared as the Python parser reads them (blanks at the ends removed, invalid
    keys ignored). Grouping the raw cells finds the candidates cheaply; the rows of those
    keys, and the suspect rows (whose cells may be padded), are then keyed in Python.
    ``suspects`` holds ``(row, raw key cell)`` of every suspect row.
    """
    names = schema.names
    key = schema.key[0]
    field = names[key]
    column = source.columns[key]
    raw = _ident(column)
    if _category(source.types.get(column, "VARCHAR")) != "text":
        raw = f"CAST({raw} AS VARCHAR)"
    text = f"nullif({raw}, '')"

    def parsed(cell: object) -> str | None:
        value, issue, _ = parse_cell(field, cell)
        return str(value) if issue is None and value is not None else None

    wanted = {
        k
        for (k,) in con.sql(
            f"SELECT k FROM (SELECT {text} AS k FROM {source.name}) "  # noqa: S608
            "WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1"
        ).fetchall()
    }
    wanted.update(k for _, cell in suspects if (k := parsed(cell)) is not None and k != cell)
    if not wanted:
        return set()
    pa = _pyarrow()
    con.register("candidate_keys", pa.table({"k": pa.array(sorted(wanted), pa.string())}))
    rows = con.sql(
        f"SELECT {_ROW}, {raw} FROM {source.name} "  # noqa: S608
        f"WHERE {text} IN (SELECT k FROM candidate_keys)"
    ).fetchall()
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


def _cases(rules: Sequence[Rule], as_of: dt.date, measures: int) -> list[tuple[RowRule, SqlCase]]:
    cases: list[tuple[RowRule, SqlCase]] = []
    for rule in rules:
        if isinstance(rule, RowRule):
            ctx = rule.context(as_of)
            cases.extend((rule, case) for case in rule.sql_cases(ctx, measures))
    return cases


def rules_sql(
    ledger: LedgerKind | str = LedgerKind.HOUSEHOLDS,
    *,
    as_of: dt.date,
    rules: Iterable[Rule] | None = None,
    table: str = "typed",
    measures: int = MEASURE_COLUMNS,
) -> str:
    """Return the SQL that evaluates the row rules of ``ledger`` over a table of canonical columns.

    The statement selects every row breaking at least one rule, with one boolean column
    ``f<i>`` per case and the values (``d<i>``, ``n<i>``, ``x<i>``) its finding is made of. It is
    plain DuckDB SQL, so it can be run where the data already lives.

    Parameters
    ----------
    ledger
        ``households`` or ``assets``.
    as_of
        The evaluation date.
    rules
        The rules (default: the plan's rules for the ledger).
    table
        The table or view with the canonical columns (see :func:`households_to_arrow`).
    measures
        How many ``measure_k`` / ``measure_k_start`` column pairs the table has.

    Examples
    --------
    >>> import datetime as dt
    >>> sql = rules_sql("households", as_of=dt.date(2025, 8, 1))
    >>> "date_diff('day', clue_on, identified_on) > 15" in sql
    True
    """
    schema = schema_for(ledger)
    chosen = rules_for(schema.ledger, rules)
    return _wide_sql(schema, _cases(chosen, _as_of(as_of), measures), table, numbered=False)


def _wide_sql(
    schema: Schema,
    cases: Sequence[tuple[RowRule, SqlCase]],
    table: str,
    *,
    exclude: bool = False,
    numbered: bool = True,
) -> str:
    """One scan: the rows breaking any case, with a flag and the values of each case."""
    key = schema.key[0]
    owner = "coalesce(responsible_unit, '')" if schema.ledger is LedgerKind.ASSETS else "''"
    select = [
        *([_ROW] if numbered else []),
        f"{key} AS subject",
        "coalesce(county, '') AS county",
        "coalesce(township, '') AS township",
        "coalesce(village, '') AS village",
        f"{owner} AS owner",
    ]
    for i, (_, case) in enumerate(cases):
        select.append(f"coalesce({case.condition}, false) AS f{i}")
        for prefix, value, sql_type in (
            ("d", case.day, "DATE"),
            ("n", case.number, "BIGINT"),
            ("x", case.amount, "DECIMAL(18,2)"),
        ):
            if value != "NULL":
                select.append(f"CAST({value} AS {sql_type}) AS {prefix}{i}")
    source = f"{table} ANTI JOIN excluded USING ({_ROW})" if exclude else table
    where = " OR ".join(f"({case.condition})" for _, case in cases) or "false"
    return f"SELECT {', '.join(select)} FROM {source} WHERE {where}"  # noqa: S608


def _tallies(con: Any, rule: RevitalisationRate, *, exclude: bool) -> list[RevitalisationTally]:  # noqa: ANN401
    depth = len(Place().key(rule.level))
    keys = ["coalesce(county, '')", "coalesce(township, '')", "coalesce(village, '')"][:depth]
    idle = (
        f"(state = {_lit(AssetState.IDLE.value)} OR state = {_lit(AssetState.INEFFICIENT.value)})"
    )
    revitalised = f"state = {_lit(AssetState.REVITALISED.value)}"
    in_scope = (
        f"({idle} OR ({revitalised} AND (revitalised_on IS NULL "
        f"OR year(revitalised_on) >= {rule.due.year})))"
    )
    counted = f"({revitalised} AND (revitalised_on IS NULL OR revitalised_on <= DATE '{rule.due}'))"
    source = f"ledger_values ANTI JOIN excluded USING ({_ROW})" if exclude else "ledger_values"
    group = ", ".join(keys)
    rows = con.sql(
        f"SELECT {group}, count(*), count(*) FILTER (WHERE {counted}), "  # noqa: S608
        f"coalesce(sum(value), 0), coalesce(sum(value) FILTER (WHERE {counted}), 0) "
        f"FROM {source} WHERE {in_scope} GROUP BY {group} ORDER BY {group}"
    ).fetchall()
    cents = decimal.Decimal("0.01")
    return [
        RevitalisationTally(
            tuple(row[:depth]),
            int(row[depth]),
            int(row[depth + 1]),
            decimal.Decimal(row[depth + 2]).quantize(cents),
            decimal.Decimal(row[depth + 3]).quantize(cents),
        )
        for row in rows
    ]


def _merge_tallies(
    tallies: list[RevitalisationTally], rule: RevitalisationRate, extra: Sequence[Asset]
) -> list[RevitalisationTally]:
    if not extra:
        return tallies
    table = {t.place: t for t in tallies}
    for t in rule.tallies(extra):
        old = table.get(t.place)
        table[t.place] = (
            t
            if old is None
            else RevitalisationTally(
                t.place,
                old.count + t.count,
                old.revitalised_count + t.revitalised_count,
                old.value + t.value,
                old.revitalised_value + t.revitalised_value,
            )
        )
    return [table[place] for place in sorted(table)]


def check_columnar(
    source: str | os.PathLike[str] | pa.Table | Sequence[Household] | Sequence[Asset],
    *,
    as_of: dt.date,
    ledger: LedgerKind | str = LedgerKind.HOUSEHOLDS,
    rules: Iterable[Rule] | None = None,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    validate: bool = True,
    strict: bool = False,
    threads: int | None = None,
    memory_limit: str | None = None,
    connection: Any = None,  # noqa: ANN401 - a duckdb connection
) -> ColumnarCheck:
    """Read and check a large ledger with the embedded columnar engine (DuckDB).

    Gives the same findings and the same report as reading the file with :func:`read_ledger`
    and calling :func:`check`, without building a Python object per row.

    Parameters
    ----------
    source
        A ``.parquet``, ``.csv`` or ``.xlsx`` file, an Arrow table with ledger headers, or a
        sequence of :class:`Household` or :class:`Asset` objects.
    as_of
        The evaluation date (keyword-only; the clock is never read).
    ledger
        ``households`` (default), ``assets``, ``funds`` or ``problems``.
    rules
        The rules (default: the plan's rules for the ledger).
    headers, header_row, sheet, encoding
        As for :func:`read_ledger`.
    validate
        Check every row and leave bad ones out (default). With ``False`` the rows are trusted
        (a ledger this library already checked): unreadable cells count as empty and no
        report is made.
    strict
        Raise :class:`LedgerFileError` listing every problem instead of returning a report.
    threads, memory_limit
        DuckDB settings (default: all cores, DuckDB's default limit), e.g. ``"2GB"``.
    connection
        An open DuckDB connection to run on (default: a new in-memory one). The engine
        replaces its temporary views and tables (``src``, ``src_arrow``, ``typed``,
        ``ledger_values``, ``excluded``, ``candidate_keys``) on it.

    Returns
    -------
    ColumnarCheck
        ``.findings`` (:class:`ColumnarFindings`) and ``.report``.

    Raises
    ------
    MissingExtraError
        If DuckDB or pyarrow is not installed.
    LedgerError
        If the file cannot be read at all (see :func:`read_ledger`).
    LedgerFileError
        In strict mode, if any row has a problem.

    Examples
    --------
    >>> import datetime as dt
    >>> rows = [Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")]
    >>> result = check_columnar(rows, as_of=dt.date(2025, 8, 1))
    >>> result.findings.by_rule()["identification_time_limit"]
    1
    >>> result.findings.to_findings().items[0].reason
    'late'
    """
    day = _as_of(as_of)
    schema = schema_for(ledger)
    chosen = rules_for(schema.ledger, rules)
    header_map = _headers(schema.ledger, headers)
    if schema.ledger in {LedgerKind.FUNDS, LedgerKind.PROBLEMS}:
        return _check_small(
            source,
            schema,
            chosen,
            day,
            header_map,
            header_row=header_row,
            sheet=sheet,
            encoding=encoding,
            strict=strict,
        )
    pa = _pyarrow()
    duckdb = _duckdb()
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        source = (
            households_to_arrow(source)  # type: ignore[arg-type]
            if schema.ledger is LedgerKind.HOUSEHOLDS
            else assets_to_arrow(source)  # type: ignore[arg-type]
        )
    con = duckdb.connect() if connection is None else connection
    if connection is None:
        con.execute("SET enable_progress_bar = false")
    try:
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        if memory_limit is not None:
            con.execute(f"SET memory_limit = {_lit(memory_limit)}")
        registered, label = _register(
            con, source, schema, header_map, header_row=header_row, sheet=sheet, encoding=encoding
        )
        total = int(con.execute(f"SELECT count(*) FROM {registered.name}").fetchone()[0])  # noqa: S608
        measures = max(
            (k for k in range(1, MEASURE_COLUMNS + 1)
             if f"measure_{k}" in registered.columns or f"measure_{k}_start" in registered.columns),
            default=0,
        )  # fmt: skip
        cases = _cases(chosen, day, measures)
        issues: dict[int, list[RowIssue]] = {}
        objects: dict[int, Any] = {}
        leave_out: set[int] = set()
        blank = 0
        if validate:
            _create_typed(con, registered, schema, raw=True)
            cross = " OR ".join(_cross_checks(schema.ledger)) or "false"
            fields = list(registered.columns)
            raw = "".join(f", __raw_{i}" for i in range(len(fields)))
            records = con.sql(
                f"SELECT {_ROW}{raw} FROM typed WHERE __bad OR coalesce({cross}, false)"  # noqa: S608
            ).fetchall()
            issues, objects, blank = _judge(records, fields, registered, schema, label)
            leave_out = {record[0] for record in records}
            at = fields.index(schema.key[0]) + 1
            leave_out |= _duplicates(
                con,
                registered,
                schema,
                label,
                suspects=[(record[0], record[at]) for record in records],
                issues=issues,
                objects=objects,
            )
        _create_typed(con, registered, schema, raw=False, checks=False, view="ledger_values")
        con.register("excluded", pa.table({_ROW: pa.array(sorted(leave_out), pa.int64())}))
        wide = con.sql(
            _wide_sql(schema, cases, "ledger_values", exclude=bool(leave_out), numbered=False)
        ).to_arrow_table()
        judged = [objects[n] for n in sorted(objects)]
        extra: list[Finding] = []
        for rule in chosen:
            if isinstance(rule, RowRule):
                extra.extend(rule.evaluate(judged, as_of=day))
            elif isinstance(rule, RevitalisationRate):
                tallies = _tallies(con, rule, exclude=bool(leave_out))
                extra.extend(rule.judge(_merge_tallies(tallies, rule, judged), as_of=day))
            else:
                extra.extend(rule.evaluate(judged, as_of=day))
    finally:
        if connection is None:
            con.close()
    rows = total - blank
    report = LedgerReport(
        source=label,
        ledger=schema.ledger,
        rows=rows,
        good=rows - len(issues),
        issues=tuple(issue for number in sorted(issues) for issue in issues[number]),
        ignored_columns=registered.ignored,
        header_row=registered.header_row,
    )
    if strict:
        report.raise_for_issues()
    findings = ColumnarFindings(
        day, wide, tuple((rule.id, case.reason) for rule, case in cases), tuple(extra), chosen
    )
    return ColumnarCheck(findings, report)


def _check_small(
    source: object,
    schema: Schema,
    rules: tuple[Rule, ...],
    as_of: dt.date,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
    strict: bool,
) -> ColumnarCheck:
    pa = _pyarrow()
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        read: LedgerRead[Any] = LedgerRead(
            tuple(source),
            LedgerReport("objects", schema.ledger, len(source), len(source), header_row=0),
        )
    else:
        read = read_ledger(
            source,  # type: ignore[arg-type]
            schema.ledger,
            headers=headers,
            header_row=header_row,
            sheet=sheet,
            encoding=encoding,
            strict=strict,
        )
    extra: list[Finding] = []
    for rule in rules:
        extra.extend(rule.evaluate(read.rows, as_of=as_of))
    empty = pa.schema([("subject", pa.string())]).empty_table()
    return ColumnarCheck(ColumnarFindings(as_of, empty, (), tuple(extra), rules), read.report)
