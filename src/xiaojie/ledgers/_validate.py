r"""Validating the canonical columns as Ibis expressions: one definition for every engine.

The same four levels as the DuckDB statement of :mod:`xiaojie.ledgers._sql` (cleaned cells,
parsed values, year-checked values, a suspect flag), written with Ibis so that they compile
to Spark SQL, DuckDB or any other backend Ibis knows. Every expression is chosen to mean the
same thing in each dialect: regular expressions are anchored with ``\\A``/``\\z`` (a ``$``
in Java also matches before a final line break), casts that may fail are ``TRY_CAST`` (Spark 4
raises on a failed plain cast), and the identity-number checksum takes its digits one by one
(Ibis divides integers through a double, which loses the last digits of a 17-digit number).

A row whose cells might be bad is flagged ``__suspect``; its raw cells are fetched and judged
by the Python row parser (:func:`xiaojie.ledgers._scan.judge_suspects`), exactly as on the
DuckDB engine, so each engine reports the same problems at the same rows.

Rows are numbered by the reader, never by the engine's scan order: a CSV or XLSX file and an
Arrow table carry the numbers the reader gave them (``__row``), a Parquet file read by Spark
takes ``_metadata.row_index`` (the row's position in the file, as DuckDB's
``file_row_number``), and a table in a Spark catalog is numbered by file and position in the
file when Spark can tell them.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from xiaojie._privacy import owner_names, remember_names, remember_places
from xiaojie.errors import LedgerError
from xiaojie.ledgers._arrow import text_table, with_rows
from xiaojie.ledgers._cells import (
    COMPACT_DATE_PATTERN,
    DATE_PATTERN,
    FALSE_WORDS,
    INT_PATTERN,
    KEY_REFUSED,
    LIST_SEPARATORS,
    MONEY_TEXT_PATTERN,
    PHONE_PATTERN,
    TRUE_WORDS,
    Field,
    FieldKind,
    LedgerKind,
)
from xiaojie.ledgers._engine import ColumnarCheck, evaluate, quiet, wide_table
from xiaojie.ledgers._enums import AssetState, MonitoringCategory
from xiaojie.ledgers._optional import ibis_module, pyarrow_module, require
from xiaojie.ledgers._privacy import CHECK_CHARS, MAX_YEAR, MIN_BIRTH_YEAR, MIN_YEAR
from xiaojie.ledgers._read import (
    LedgerReport,
    UndecodedRow,
    _check_columns,
    needed_aside,
    set_aside,
)
from xiaojie.ledgers._scan import _without_extra_measures, judge_suspects
from xiaojie.ledgers._schema import MEASURE_COLUMNS, mapped_fields, schema_for
from xiaojie.ledgers._sql import ROW, _ident, _lit, _re_escape
from xiaojie.ledgers._values import BLANKS
from xiaojie.ledgers.rules import RowRule
from xiaojie.ledgers.rules._base import NO


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping, Sequence

    from xiaojie.ledgers._columnar import Source
    from xiaojie.ledgers._schema import HeaderMap, Schema
    from xiaojie.ledgers.rules import Rule


__all__ = ["SUSPECT", "Views", "category", "check_validated", "cross_checks", "typed_table"]

SUSPECT = "__suspect"
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
_TYPES = {
    FieldKind.DATE: "date",
    FieldKind.MONEY: "decimal(18, 2)",
    FieldKind.INT: "int64",
    FieldKind.FLAG: "boolean",
}
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Blanks and other control characters at either end of a cell (as ``ord(c) <= 32``).
_BLANK_CLASS = (
    "[\\x00-\\x20" + "".join(f"\\x{{{ord(ch):x}}}" for ch in BLANKS if ord(ch) > 32) + "]"
)
"""A blank or control character (the Python parser strips the blanks; RE2 and Java syntax)."""
_PAD = rf"\A{_BLANK_CLASS}|{_BLANK_CLASS}\z"
#: Identity-number rows wider than this many suspects are fetched by a join, not a list.
_LIST_LIMIT = 1000


def _full(pattern: str) -> str:
    """Return ``pattern`` anchored at both ends, in a form RE2 and Java read alike."""
    return rf"\A(?:{pattern})\z"


def category(dtype: Any) -> str:  # noqa: ANN401 - an ibis data type
    """Return how a column of this Ibis type is read (text, date, timestamp, bool, int …)."""
    if dtype.is_string():
        return "text"
    if dtype.is_date():
        return "date"
    if dtype.is_timestamp():
        return "timestamp"
    if dtype.is_boolean():
        return "bool"
    if dtype.is_integer():
        return "int"
    if dtype.is_decimal():
        return "decimal"
    if dtype.is_floating():
        return "float"
    return "other"


def _null_of(field: Field) -> Any:  # noqa: ANN401
    ibis = ibis_module()
    if field.kind is FieldKind.FLAG:
        return ibis.literal(value=False)
    return ibis.null().cast(_TYPES.get(field.kind, "string"))


def _in_words(c: Any, words: frozenset[str]) -> Any:  # noqa: ANN401
    return c.isin(sorted(words))


def _date_from(c: Any) -> Any:  # noqa: ANN401
    """Return a date read from text by the Python parser's two patterns (no year check)."""
    ibis = ibis_module()
    branches = []
    for pattern in (DATE_PATTERN, COMPACT_DATE_PATTERN):
        full = _full(pattern)
        year, month, day = (c.re_extract(full, group) for group in (1, 2, 3))
        text = year.concat("-", month.lpad(2, "0"), "-", day.lpad(2, "0"))
        branches.append((c.re_search(full), text.try_cast("date")))
    return ibis.cases(*branches, else_=ibis.null().cast("date"))


def _int_range(field: Field, number: Any) -> Any:  # noqa: ANN401
    ibis = ibis_module()
    inside = number.between(field.minimum, field.maximum)
    return ibis.cases((inside, number), else_=ibis.null().cast("int64"))


def id_number_valid(c: Any) -> Any:  # noqa: ANN401
    """GB 11643-1999 as an Ibis expression: shape, a real birth date 1900-2100, check character.

    The digits are taken one by one from the text: integer division in Ibis goes through a
    double, which cannot hold 17 digits exactly.
    """
    ibis = ibis_module()
    digits = [c.substr(i, 1).try_cast("int64") for i in range(17)]
    total = digits[0] * _WEIGHTS[0]
    for digit, weight in zip(digits[1:], _WEIGHTS[1:], strict=True):
        total += digit * weight
    year = c.substr(6, 4).try_cast("int64")
    month = c.substr(10, 2).try_cast("int64")
    day = c.substr(12, 2).try_cast("int64")
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    last = ibis.cases(
        (month == 2, ibis.cases((leap, 29), else_=28)),
        (month.isin([4, 6, 9, 11]), 30),
        else_=31,
    )
    check = ibis.literal(CHECK_CHARS).substr(total % 11, 1)
    valid = (
        year.between(MIN_BIRTH_YEAR, MAX_YEAR)
        & month.between(1, 12)
        & day.between(1, last)
        & (check == c.substr(17, 1).upper())
    )
    return ibis.cases((c.re_search(_full("[0-9]{17}[0-9Xx]")), valid), else_=False)


def _cell(field: Field, column: Any, kind: str, *, clean: bool) -> tuple[Any, str, Any]:  # noqa: ANN401
    """Return the cell (level 1), the category it is read as, and a padding test (or None).

    As :func:`xiaojie.ledgers._sql._cell`: padded cells of strict kinds fail their patterns
    and are suspect; free text gets a padding test instead.
    """
    if kind == "int" and field.kind in _TEXT_KINDS:
        column, kind = column.cast("string"), "text"
    if kind != "text":
        return column, kind, None
    cell = column.nullif("")
    if not clean or field.kind is not FieldKind.TEXT:
        return cell, "text", None
    return cell, "text", cell.re_search(_PAD).fill_null(NO)


def _parse(field: Field, c: Any, kind: str) -> tuple[Any, bool]:  # noqa: ANN401
    """Return the value (level 2) of a cleaned cell and whether it needs a year check."""
    ibis = ibis_module()
    fk = field.kind
    if kind == "text":
        if fk in _TEXT_KINDS and fk is not FieldKind.ENUM:
            return c, False
        if fk is FieldKind.DATE:
            return _date_from(c), True
        if fk is FieldKind.FLAG:
            return ibis.cases(
                (c.isnull(), False),
                (_in_words(c, TRUE_WORDS), True),
                (_in_words(c, FALSE_WORDS), False),
                else_=ibis.null().cast("boolean"),
            ), False
        if fk is FieldKind.MONEY:
            plain = c.replace(",", "").replace("，", "")
            return _least_amount(
                field,
                ibis.cases(
                    (c.re_search(_full(MONEY_TEXT_PATTERN)), plain.try_cast("decimal(18, 2)")),
                    else_=ibis.null().cast("decimal(18, 2)"),
                ),
            ), False
        if fk is FieldKind.INT:
            number = ibis.cases(
                (c.re_search(_full(INT_PATTERN)), c.try_cast("int64")),
                else_=ibis.null().cast("int64"),
            )
            return _int_range(field, number), False
        assert field.enum is not None  # noqa: S101 - schema invariant
        words = sorted(field.enum.aliases().items(), key=lambda item: item[0] != item[1].value)
        return ibis.cases(
            *((c == word, member.value) for word, member in words),
            else_=ibis.null().cast("string"),
        ), False
    if fk is FieldKind.DATE and kind in {"date", "timestamp"}:
        return c.cast("date"), True
    if fk is FieldKind.FLAG and kind == "bool":
        return c.fill_null(NO), False
    if fk is FieldKind.FLAG and kind == "int":
        return ibis.cases(
            (c.isnull() | (c == 0), False), (c == 1, True), else_=ibis.null().cast("boolean")
        ), False
    if fk is FieldKind.FLAG:
        return ibis.cases((c.isnull(), False), else_=ibis.null().cast("boolean")), False
    if fk is FieldKind.INT and kind == "int":
        return _int_range(field, c.try_cast("int64")), False
    if fk is FieldKind.INT and kind in {"decimal", "float"}:
        whole = ibis.cases((c == c.floor(), c.try_cast("int64")), else_=ibis.null().cast("int64"))
        return _int_range(field, whole), False
    if fk is FieldKind.MONEY and kind in {"int", "decimal", "float"}:
        return _least_amount(field, c.try_cast("decimal(18, 2)")), False
    return _null_of(field), False


def _least_amount(field: Field, amount: Any) -> Any:  # noqa: ANN401 - an Ibis expression
    """Return ``amount``, NULL below the field's least (a negative 资产原值): the row is judged."""
    if field.minimum is None:
        return amount
    ibis = ibis_module()
    return ibis.cases((amount >= field.minimum, amount), else_=ibis.null().cast("decimal(18, 2)"))


def _suspect(field: Field, c: Any, value: Any, kind: str) -> Any:  # noqa: ANN401
    """Return the test of a cell that might be bad (``None`` if it cannot be)."""
    fk = field.kind
    if kind == "text":
        if fk in {FieldKind.TEXT, FieldKind.NAME, FieldKind.LINES}:
            return None
        if fk is FieldKind.KEY:
            blank = c.contains(KEY_REFUSED[0])
            for ch in KEY_REFUSED[1:]:
                blank |= c.contains(ch)
            return c.notnull() & blank
        if fk is FieldKind.ID_NUMBER:
            return c.notnull() & ~id_number_valid(c)
        if fk is FieldKind.PHONE:
            return c.notnull() & ~c.re_search(_full(PHONE_PATTERN))
        if fk is FieldKind.ENUM_LIST:
            assert field.enum is not None  # noqa: S101 - schema invariant
            words = "|".join(_re_escape(w) for w in field.enum.aliases())
            pattern = f"(?:{words})(?:{LIST_SEPARATORS}(?:{words}))*"
            return c.notnull() & ~c.re_search(_full(pattern))
        return c.notnull() & value.isnull()
    if fk is FieldKind.FLAG and kind == "bool":
        return None
    return c.notnull() & value.isnull()


def cross_checks(ledger: LedgerKind, t: Any) -> list[Any]:  # noqa: ANN401
    """Return the contradictions between fields of a typed table (as ``_sql._cross_checks``).

    A field the table leaves out (``validate="needed"``) counts as empty.
    """
    ibis = ibis_module()
    names = schema_for(ledger).names

    typed = t

    class _Columns:
        columns = typed.columns

        def __getattr__(self, name: str) -> Any:  # noqa: ANN401
            return self[name]

        def __getitem__(self, name: str) -> Any:  # noqa: ANN401
            return typed[name] if name in typed.columns else _null_of(names[name])

    t = _Columns()
    if ledger is LedgerKind.HOUSEHOLDS:
        checks = [
            (t.monitoring_category == MonitoringCategory.UNSTABLE_LIFTED_OUT.value)
            & (t.kind != "脱贫户"),
            (t.monitoring_category == MonitoringCategory.MARGINAL_AT_RISK.value)
            & (t.kind != "一般农户"),
            t.identified_on < t.clue_on,
            t.eliminated_on.notnull() & t.identified_on.isnull(),
            t.eliminated_on < t.identified_on,
            t.elimination_mode.notnull() & t.eliminated_on.isnull(),
        ]
        checks.extend(
            t[f"measure_{k}"].isnull() != t[f"measure_{k}_start"].isnull()
            for k in range(1, MEASURE_COLUMNS + 1)
            if f"measure_{k}" in t.columns or f"measure_{k}_start" in t.columns
        )
        return checks
    if ledger is LedgerKind.ASSETS:
        start = ibis.date(t.funding_year, 1, 1)
        checks = [
            t[column] < start
            for column in ("registered_on", "handed_over_on", "revitalised_on", "written_off_on")
        ]
        checks.append(
            t.revitalised_on.notnull()
            & ((t.state == AssetState.IDLE.value) | (t.state == AssetState.INEFFICIENT.value))
        )
        checks.append(t.written_off_on.notnull() & ~t.scrapped.fill_null(NO))
        return checks
    return []


def typed_table(
    raw: Any,  # noqa: ANN401 - ibis table of raw cells with __row
    schema: Schema,
    columns: Mapping[str, str],
    *,
    only: frozenset[str] | None = None,
) -> Any:  # noqa: ANN401
    """Return ``__row``, the canonical typed columns and ``__suspect`` of a raw table.

    ``columns`` maps the schema's fields to the raw table's columns. With ``only`` the table
    has (and checks) only those fields. A row is suspect when a cell might not parse, a
    required value is missing or two fields contradict each other (:func:`cross_checks`).
    """
    ibis = ibis_module()
    types = raw.schema()
    cells: dict[str, Any] = {ROW: raw[ROW]}
    kinds: dict[str, str] = {}
    suspects: list[Any] = []
    for field in schema.fields:
        name = field.name
        if only is not None and name not in only:
            continue
        column = columns.get(name)
        if column is None:
            if field.required:
                suspects.append(ibis.literal(value=True))
            continue
        cell, kind, padded = _cell(field, raw[column], category(types[column]), clean=True)
        cells[f"c_{name}"] = cell
        kinds[name] = kind
        if padded is not None:
            cells[f"p_{name}"] = padded
    level1 = raw.select(**cells)
    values: dict[str, Any] = {ROW: level1[ROW]}
    for field in schema.fields:
        name = field.name
        if only is not None and name not in only:
            continue
        if name not in kinds:
            values[name] = _null_of(field)
            continue
        c = level1[f"c_{name}"]
        value, dated = _parse(field, c, kinds[name])
        if dated:
            value = ibis.cases(
                (value.year().between(MIN_YEAR, MAX_YEAR), value), else_=ibis.null().cast("date")
            )
        values[name] = value
        values[f"c_{name}"] = c
        if f"p_{name}" in level1.columns:
            values[f"p_{name}"] = level1[f"p_{name}"]
    level2 = level1.select(**values)
    suspects.extend(level2[c] for c in level2.columns if c.startswith("p_"))
    for field in schema.fields:
        name = field.name
        if name not in kinds:
            continue
        suspect = _suspect(field, level2[f"c_{name}"], level2[name], kinds[name])
        if suspect is not None:
            suspects.append(suspect)
        if field.required:
            suspects.append(level2[name].isnull())
    suspects.extend(cross_checks(schema.ledger, level2))
    flag = ibis.or_(*(s.fill_null(NO) for s in suspects)) if suspects else ibis.literal(NO)
    names = [name for name in values if not name.startswith(("c_", "p_"))]
    return level2.select(*names, **{SUSPECT: flag})


# -- the check on any Ibis backend ---------------------------------------------------------


@attrs.define
class Views:
    """The temporary views and tables one check makes on a backend, under names of its own.

    A Spark session (or a DuckDB connection) is shared: two checks running on it at once must
    not replace each other's views. Each check names its views ``xiaojie_<12 hex>_<what>``
    (a random prefix of its own) and drops them when it ends (:meth:`drop`).

    Examples
    --------
    >>> views = Views(backend=None, spark=None)
    >>> views.name("raw").startswith("xiaojie_") and views.name("raw").endswith("_raw")
    True
    >>> Views(None, None).prefix != Views(None, None).prefix
    True
    """

    backend: Any
    spark: Any
    prefix: str = attrs.field(factory=lambda: f"xiaojie_{uuid.uuid4().hex[:12]}")
    made: dict[str, None] = attrs.field(factory=dict)

    def name(self, what: str) -> str:
        """Return this check's name for its view ``what`` (remembered, to be dropped)."""
        name = f"{self.prefix}_{what}"
        self.made[name] = None
        return name

    def upload(self, what: str, table: Any) -> Any:  # noqa: ANN401 - an Arrow table in, ibis out
        """Put an Arrow table on the backend as this check's view ``what``; return it."""
        name = self.name(what)
        backend, spark = self.backend, self.spark
        if spark is not None:
            spark.createDataFrame(table).createOrReplaceTempView(name)
            return backend.table(name)
        if getattr(backend, "name", "") == "duckdb":
            backend.con.register(name, table)
            return backend.table(name)
        return backend.create_table(name, table, overwrite=True)

    def drop(self) -> None:
        """Drop every view and table this check made (those already gone are skipped)."""
        backend, spark = self.backend, self.spark
        for name in self.made:
            if spark is not None:
                spark.catalog.dropTempView(name)
            elif getattr(backend, "name", "") == "duckdb":
                backend.con.unregister(name)  # an Arrow table registered
                backend.con.execute(f"DROP VIEW IF EXISTS {_ident(name)}")  # a view of a file
            else:
                backend.drop_table(name, force=True)
        self.made.clear()


def _raw_table(
    views: Views,
    source: object,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
    aside: dict[int, UndecodedRow],
) -> tuple[Any, list[str], int, str]:
    """Return the raw table with ``__row`` on the backend, its column names, header row, label.

    ``aside`` gets the rows of a CSV or XLSX file set aside with the issues the object reader
    gives them (see :func:`xiaojie.ledgers._arrow.text_table`).
    """
    from xiaojie.ledgers._columnar import _check_parquet, is_table_name  # noqa: PLC0415 - circular

    pa = pyarrow_module()
    if isinstance(source, pa.Table):
        return (
            views.upload("raw", with_rows(source, first=1)),
            list(source.column_names),
            0,
            "arrow table",
        )
    text = os.fspath(cast("str | os.PathLike[str]", source))
    path = Path(text)
    suffix = path.suffix.lower()
    if is_table_name(text):
        return _catalog_table(views, text), [], 0, text
    if views.spark is not None and suffix in {".parquet", ".pq", ""} and not path.is_file():
        # a Parquet file or folder where the cluster reads it (hdfs://, s3a://, a local folder)
        return _spark_parquet(views, text), [], 0, text
    if not path.is_file():
        msg = f"ledger file: expected an existing file, found {text!r}"
        raise LedgerError(msg)
    if suffix in {".parquet", ".pq"}:
        return _parquet_table(views, path, _check_parquet(path)), [], 0, path.name
    if suffix in {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}:
        table, names, at = text_table(
            path, schema, headers, header_row=header_row, sheet=sheet, encoding=encoding,
            aside=aside,
        )  # fmt: skip
        return views.upload("raw", table), names, at, path.name
    msg = f"{path.name}: expected a .csv, .xlsx or .parquet file, found {suffix!r}"
    raise LedgerError(msg)


def _parquet_table(views: Views, path: Path, arrow_schema: Any) -> Any:  # noqa: ANN401
    """Read a Parquet file with each row numbered by its position in the file (from 1).

    ``arrow_schema`` is the file's Arrow schema (see :func:`xiaojie.ledgers._columnar._check_parquet`).
    """
    from xiaojie.ledgers._columnar import _local_times, _zones  # noqa: PLC0415 - circular

    backend, spark = views.backend, views.spark
    # A time with a zone is read as the clock there showed it (as the objects reader and the
    # DuckDB engine read it), not in the engine's session zone.
    if spark is not None:
        sql = require("pyspark.sql.functions", "the Spark engine")
        try:
            frame = spark.read.parquet(str(path))
        except Exception as err:  # noqa: BLE001 - Spark raises its own analysis errors
            reason = str(err).split("\n", 1)[0][:200]
            msg = f"{path.name}: expected a Parquet file Spark can read, found one it cannot ({reason})"
            raise LedgerError(msg) from None
        zones = _zones(arrow_schema, written=True)
        if zones:
            # the instant shifted so that the session zone's clock shows the file zone's clock
            session = spark.conf.get("spark.sql.session.timeZone")
            frame = frame.withColumns({
                name: sql.from_utc_timestamp(sql.to_utc_timestamp(frame[name], session), zone)
                for name, zone in zones.items()
            })  # fmt: skip
        name = views.name("raw")
        frame.select("*", (sql.col("_metadata.row_index") + 1).alias(ROW)).createOrReplaceTempView(
            name
        )
        return backend.table(name)
    if getattr(backend, "name", "") == "duckdb":
        zones = _zones(arrow_schema)
        if zones:
            local = ", ".join(
                f"timezone({_lit(zone)}, {_ident(name)}) AS {_ident(name)}"
                for name, zone in zones.items()
            )
            name = views.name("raw")
            backend.con.execute(
                f"CREATE OR REPLACE TEMP VIEW {_ident(name)} AS "  # noqa: S608 - own names
                f"SELECT * EXCLUDE (file_row_number) REPLACE ({local}), "
                f"file_row_number + 1 AS {ROW} FROM read_parquet({_lit(str(path))}, "
                "file_row_number = true, hive_partitioning = false)"
            )
            return backend.table(name)
        # the file's own columns: a folder named 户编号=H1 gives no column's values
        table = backend.read_parquet(str(path), file_row_number=True, hive_partitioning=False)
        return table.mutate(**{ROW: table.file_row_number + 1}).drop("file_row_number")
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra

    return views.upload("raw", with_rows(_local_times(pq.read_table(path)), first=1))


def _catalog_table(views: Views, text: str) -> Any:  # noqa: ANN401
    """Return a table of the catalog numbered by file and position in the file (Spark only)."""
    spark = views.spark
    if spark is None:
        msg = (
            f"ledger table {text!r}: expected a file or an Arrow table to validate on this "
            "engine (a table there has no row numbers), found a table name; pass validate=False"
        )
        raise LedgerError(msg)
    try:
        frame = spark.table(text)
    except Exception as err:  # noqa: BLE001 - Spark raises its own analysis errors
        msg = f"ledger table: expected a table named {text!r}, found none ({type(err).__name__})"
        raise LedgerError(msg) from None
    return _numbered(views, frame)


def _spark_parquet(views: Views, text: str) -> Any:  # noqa: ANN401
    """Return Parquet data Spark reads where it lives, numbered by file and place in the file."""
    try:
        frame = views.spark.read.parquet(text)
    except Exception as err:  # noqa: BLE001 - Spark raises its own analysis errors
        reason = str(err).split("\n", 1)[0][:200]
        msg = f"{text}: expected Parquet data Spark can read, found none it can ({reason})"
        raise LedgerError(msg) from None
    return _numbered(views, frame)


def _numbered(views: Views, frame: Any) -> Any:  # noqa: ANN401 - a Spark DataFrame
    """Return ``frame`` as this check's view, its rows numbered from 1 (``__row``).

    The rows are taken in order of data file (by path) and place in the file. The rows of each file are counted in one aggregation (a row per file comes back); a row's
    number is then the rows of the files before its own plus its place in the file, computed
    where the row is, without moving the rows to one partition. A table not stored in files
    is numbered in the order Spark reads it.
    """
    sql = require("pyspark.sql", "the Spark engine")
    functions = sql.functions
    path, index = functions.col("_metadata.file_path"), functions.col("_metadata.row_index")
    name = views.name("raw")
    try:
        counts = frame.groupBy(path.alias("file")).count().collect()
    except Exception:  # noqa: BLE001 - not a file-based table: its own order
        window = sql.Window.orderBy(functions.monotonically_increasing_id())
        row = functions.row_number().over(window)
    else:
        offsets: list[Any] = []
        before = 0
        for file, count in sorted((r["file"], r["count"]) for r in counts):
            offsets.extend((functions.lit(file), functions.lit(before)))
            before += count
        start = functions.create_map(*offsets)[path] if len(offsets) > 2 else functions.lit(0)
        row = start + index + 1
    frame.select("*", row.cast("bigint").alias(ROW)).createOrReplaceTempView(name)
    return views.backend.table(name)


def learn_names(table: Any, schema: Schema, columns: Mapping[str, str]) -> None:  # noqa: ANN401
    """Register the names and places of the raw table with the personal-data filter.

    As :func:`xiaojie.ledgers._learn.learn_names`, with Ibis: only distinct values of a
    name's shape leave the engine.
    """
    from xiaojie.ledgers._learn import (  # noqa: PLC0415
        _NAME_SQL,
        _NAMES_SQL,
        _OWNER_FIELDS,
        _OWNER_SQL,
    )

    wanted: dict[str, Any] = {}
    for field in schema.fields:
        if field.kind is FieldKind.NAME and field.name in columns:
            text = table[columns[field.name]].cast("string")
            shaped = text.re_search(_NAME_SQL) | text.re_search(_NAMES_SQL)
            wanted[field.name] = text.collect(where=shaped, distinct=True)
    for name in _OWNER_FIELDS:  # an asset kept by a household names its head
        if name in columns:
            text = table[columns[name]].cast("string")
            owned = text.re_search(_OWNER_SQL) & (text.length() <= 200)
            wanted[name] = text.collect(where=owned, distinct=True)
    for name in ("county", "township", "village"):
        if name in columns:
            text = table[columns[name]].cast("string")
            wanted[name] = text.collect(where=text.strip().length() >= 3, distinct=True)
    if not wanted:
        return
    # One aggregation for every column: each distinct list is short (names, places).
    found = table.aggregate(**wanted).to_pyarrow().to_pylist()[0]
    for name, values in found.items():
        kept = [v for v in values or () if v is not None]
        if name in {"county", "township", "village"}:
            remember_places(kept)
        elif name in _OWNER_FIELDS:
            remember_names(person for value in kept for person in owner_names(value))
        else:
            remember_names(kept)


def _rows_of(views: Views, table: Any, rows: Sequence[int]) -> Any:  # noqa: ANN401
    """Return ``table`` limited to the given row numbers."""
    if len(rows) <= _LIST_LIMIT:
        return table.filter(table[ROW].isin(list(rows)))
    pa = pyarrow_module()
    wanted = views.upload("rows", pa.table({ROW: pa.array(rows, pa.int64())}))
    return table.semi_join(wanted, ROW)


def _repeated(views: Views, raw: Any, source: Source, schema: Schema) -> Any:  # noqa: ANN401
    """Return a finder of ``(row, raw key cell)`` for keys that might be used twice.

    The engine groups the key cells as text; the rows of cells used more than once, and of the
    keys ``wanted`` (suspect rows' keys as the parser reads them), are returned for
    :func:`judge_suspects` to key in Python.
    """
    column = source.columns[schema.key[0]]
    cell = raw[column]
    text = (cell if cell.type().is_string() else cell.cast("string")).nullif("")

    def candidates(wanted: set[str]) -> list[tuple[int, object]]:
        keyed = raw.select(ROW, k=text, cell=cell).filter(lambda t: t.k.notnull())
        twice = keyed.group_by("k").aggregate(n=keyed.count()).filter(lambda t: t.n > 1)
        found = keyed.semi_join(twice.select("k"), "k")
        if wanted:
            pa = pyarrow_module()
            keys = views.upload("keys", pa.table({"k": sorted(wanted)}))
            found = found.union(keyed.semi_join(keys, "k"), distinct=True)
        with quiet():
            result = found.select(ROW, "cell").to_pyarrow()
        return list(
            zip(result.column(ROW).to_pylist(), result.column("cell").to_pylist(), strict=True)
        )

    return candidates


def check_validated(
    backend: Any,  # noqa: ANN401 - ibis backend
    source: object,
    schema: Schema,
    *,
    chosen: tuple[Rule, ...],
    day: dt.date,
    headers: HeaderMap,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
    validate: bool | Literal["needed"],
    strict: bool,
    spark: Any = None,  # noqa: ANN401 - the SparkSession when backend is Spark
) -> ColumnarCheck:
    """Read, validate and check a ledger on an Ibis backend (Spark, or DuckDB through Ibis).

    The same steps as the DuckDB engine's one scan: validation and row rules in one pass,
    suspect rows judged in Python, repeated keys left out, group rules over the rows kept.
    """
    views = Views(backend, spark)
    try:
        with quiet():
            return _check_validated(
                views, source, schema, chosen=chosen, day=day, headers=headers,
                header_row=header_row, sheet=sheet, encoding=encoding, validate=validate,
                strict=strict,
            )  # fmt: skip
    finally:
        views.drop()


def _check_validated(
    views: Views,
    source: object,
    schema: Schema,
    *,
    chosen: tuple[Rule, ...],
    day: dt.date,
    headers: HeaderMap,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
    validate: bool | Literal["needed"],
    strict: bool,
) -> ColumnarCheck:
    from xiaojie.ledgers._columnar import Source, needed_fields  # noqa: PLC0415 - circular

    pa = pyarrow_module()
    aside: dict[int, UndecodedRow] = {}  # rows of a text file the reader sets aside
    raw, names, at, label = _raw_table(
        views, source, schema, headers, header_row=header_row, sheet=sheet,
        encoding=encoding, aside=aside,
    )  # fmt: skip
    if not names:
        names = [c for c in raw.columns if c != ROW]
    index, ignored, duplicated = mapped_fields(names, headers)
    _check_columns(schema, label, index, duplicated)
    columns = {name: names[i] for name, i in index.items()}
    learn_names(raw, schema, columns)
    only = needed_fields(schema, chosen, day) if validate == "needed" else None
    if only is not None:
        columns = {k: v for k, v in columns.items() if k in only}
        aside = needed_aside(aside, only)
    types = {c: category(raw.schema()[c]) for c in columns.values()}
    registered = Source(label, columns, types, tuple(ignored), at, aside=aside)
    total = int(raw.count().to_pyarrow().as_py())
    measures = max(
        (k for k in range(1, MEASURE_COLUMNS + 1)
         if f"measure_{k}" in columns or f"measure_{k}_start" in columns),
        default=0,
    )  # fmt: skip
    typed = _without_extra_measures(typed_table(raw, schema, columns, only=only), measures)
    wide, suspects = _scan(typed, schema, chosen, day, views.spark)
    # the rows set aside by the reader are judged as the suspects are (their keys count for
    # repeated keys), their findings dropped from the scan's rows
    aside_only = set(aside).difference(suspects)
    suspects = sorted(aside_only.union(suspects))
    fields = list(columns)
    records: list[tuple[Any, ...]] = []
    if suspects:
        part = _rows_of(views, raw, suspects)
        got = part.select(ROW, *(columns[f] for f in fields)).order_by(ROW).to_pyarrow()
        records = [tuple(r.values()) for r in got.to_pylist(maps_as_pydicts="strict")]
    issues, objects, typed_rows, blank, later = judge_suspects(
        None, records, registered, schema, label, needed=only is not None, total=total,
        candidates=_repeated(views, raw, registered, schema),
    )  # fmt: skip
    set_aside(aside, issues, (objects, typed_rows), only)
    wide = _without_rows(wide, later | aside_only)
    kept_names = [ROW, *(f.name for f in schema.fields if f.name in typed.columns)]
    typed_schema = typed.select(*kept_names).schema().to_pyarrow()
    judged_table = None
    if typed_rows:
        rows = pa.Table.from_pylist(
            [{ROW: n, **typed_rows[n]} for n in sorted(typed_rows)], schema=typed_schema
        )
        judged_table = views.upload("judged", rows)
        extra = _wide_of(judged_table, schema, chosen, day).select(wide.column_names)
        wide = pa.concat_tables([wide, extra.cast(wide.schema)])
    judged = [objects[n] for n in sorted(objects)]
    if any(not isinstance(rule, RowRule) for rule in chosen):
        kept = typed.filter(~typed[SUSPECT]).select(*kept_names)
        if later or aside_only:
            kept = kept.anti_join(_rows_of_table(views, sorted(later | aside_only)), ROW)
        if judged_table is not None:
            kept = kept.union(judged_table)
        findings = evaluate(kept, schema, chosen, day, judged=judged, wide=wide)
    else:
        findings = evaluate(typed, schema, chosen, day, judged=judged, wide=wide)
    rows_count = total - blank
    report = LedgerReport(
        source=label,
        ledger=schema.ledger,
        rows=rows_count,
        good=rows_count - len(issues),
        issues=tuple(issue for number in sorted(issues) for issue in issues[number]),
        ignored_columns=tuple(ignored),
        header_row=at,
    )
    if strict:
        report.raise_for_issues()
    return ColumnarCheck(findings, report)


def _rows_of_table(views: Views, rows: Sequence[int]) -> Any:  # noqa: ANN401
    pa = pyarrow_module()
    return views.upload("left_out", pa.table({ROW: pa.array(rows, pa.int64())}))


#: Spark's optimizer rule that pushes filters below the projections they read.
_PUSH_FILTERS = "org.apache.spark.sql.catalyst.optimizer.PushDownPredicates"
_EXCLUDED = "spark.sql.optimizer.excludedRules"
_WHOLE_STAGE = "spark.sql.codegen.wholeStage"


@contextlib.contextmanager
def _scan_settings(spark: Any) -> Iterator[None]:  # noqa: ANN401 - a SparkSession or None
    """Plan and run the validated scan on Spark the way that suits its size.

    The scan keeps the rows that are suspect or break a rule, so its filter reads the
    validation's result. Pushed below the projections, the filter would compute the whole
    validation a second time from the raw cells; and the stage's generated code exceeds
    Java's 64 KB method limit either way, so Spark's attempt to compile it (seconds per scan)
    fails and the stage runs without whole-stage code generation anyway. While the scan
    runs, the session's optimizer leaves filters where they are and whole-stage code
    generation is off (measured 1.5x faster at 3·10⁵ rows, the same findings); both settings
    are put back when the last scan running on the session ends. They change the plan only, never a result: a query run
    meanwhile on the same session is merely planned the same way.
    """
    if spark is None:
        yield
        return
    with _SCANS_LOCK:  # scans running at once on a session share one change of its settings
        running = _SCANS.get(id(spark))
        if running is None:
            before = {key: spark.conf.get(key, None) for key in (_EXCLUDED, _WHOLE_STAGE)}
            rules = [r for r in (before[_EXCLUDED] or "").split(",") if r]
            spark.conf.set(_EXCLUDED, ",".join([*rules, _PUSH_FILTERS]))
            spark.conf.set(_WHOLE_STAGE, "false")
            running = _SCANS[id(spark)] = [0, before]
        running[0] += 1
    try:
        yield
    finally:
        with _SCANS_LOCK:
            running[0] -= 1
            if not running[0]:  # the last scan puts the session's own settings back
                del _SCANS[id(spark)]
                for key, value in running[1].items():
                    if value is None:
                        spark.conf.unset(key)
                    else:
                        spark.conf.set(key, value)


_SCANS_LOCK = threading.Lock()
#: Per SparkSession (by id) running its validated scan: how many, and its settings before.
_SCANS: dict[int, list[Any]] = {}


def _scan(
    typed: Any,  # noqa: ANN401
    schema: Schema,
    rules: Sequence[Rule],
    day: dt.date,
    spark: Any = None,  # noqa: ANN401 - the SparkSession when the backend is Spark
) -> tuple[Any, list[int]]:
    """Run validation and row rules in one pass; return the rules' rows and the suspect rows."""
    from xiaojie.ledgers._engine import _cases  # noqa: PLC0415

    pc = require("pyarrow.compute", "the columnar engine")
    cases = _cases(rules, typed, day)
    with _scan_settings(spark):
        result = wide_table(typed, schema, cases, suspect=SUSPECT, keep=(ROW,)).to_pyarrow()
    aside = result.column(SUSPECT)
    suspects = sorted(int(n) for n in result.filter(aside).column(ROW).to_pylist())
    kept = result.filter(pc.invert(aside)).drop_columns([SUSPECT])
    return kept, suspects


def _wide_of(table: Any, schema: Schema, rules: Sequence[Rule], day: dt.date) -> Any:  # noqa: ANN401
    from xiaojie.ledgers._engine import _cases  # noqa: PLC0415

    cases = _cases(rules, table, day)
    return wide_table(table, schema, cases).to_pyarrow()


def _without_rows(wide: Any, rows: set[int]) -> Any:  # noqa: ANN401
    from xiaojie.ledgers._scan import without_rows  # noqa: PLC0415

    return without_rows(wide, rows)
