"""The columnar engines: the same rules over large ledgers, in DuckDB (default) or Spark.

DuckDB is an embedded SQL engine (no server): it reads Parquet and CSV directly, runs on all
cores and spills to disk when memory runs short. :func:`check_columnar` turns a ledger into one
typed view with the canonical columns, then:

1. **one scan** (DuckDB) — a SQL filter marks every row that *might* be bad (a cell that
   does not parse, a required value missing, a cross-field contradiction) and every row
   rule's Ibis expression flags its cases, in the same pass; the rows breaking a rule stream
   back as Arrow with the numbers of the suspect rows (see :mod:`xiaojie.ledgers._scan`).
   The suspect rows' cells are then fetched and judged by the very same Python row parser the
   object reader uses, so the report is the same whichever engine reads the file. A suspect
   row that turns out good is checked by the object rules. A Parquet file's statistics spare
   the tests they prove needless (a date column whose every row group lies within the years
   a date may have, a text column with no NULL or empty cell).
2. **duplicates** — keys used by more than one row, from 64-bit hashes of the key column
   sorted outside the engine; the candidates are keyed as the Python parser reads them; the
   first row keeps the key, the others' findings are dropped.
3. **group rules** (the revitalisation rate) get their tallies from one aggregation and are
   judged in Python (see :mod:`xiaojie.ledgers._engine`); a check with group rules keeps the
   earlier order (validation, duplicates, then the rules over the rows kept).

With ``engine="spark"`` (or any Ibis connection passed as ``con``) the rules run where the
table lives: a Parquet file read by Spark, or a table in the cluster's catalog. Such tables are
trusted by default (typed canonical columns, see :func:`check_table`); with ``validate`` they
are validated by the same checks written as Ibis expressions (:mod:`xiaojie.ledgers._validate`).

Fund and problem ledgers are small (a row per county report, a row per problem); the engine
reads them with the object reader and applies the object rules.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from xiaojie._files import csv_cells_up_to
from xiaojie.errors import LedgerError
from xiaojie.ledgers._arrow import assets_to_arrow, households_to_arrow, text_table, with_rows
from xiaojie.ledgers._engine import (
    ColumnarCheck,
    ColumnarFindings,
    canonical_schema,
    check_table,
    connect,
    evaluate,
    fetch,
    quiet,
    spark_session,
)
from xiaojie.ledgers._learn import learn_names
from xiaojie.ledgers._optional import (
    MissingExtraError,
    duckdb_module,
    ibis_module,
    pyarrow_module,
)
from xiaojie.ledgers._read import (
    FIELD_LIMIT,
    LedgerRead,
    LedgerReport,
    RowIssue,
    UndecodedRow,
    _check_columns,
    _detect_encoding,
    _headers,
    check_reading_options,
    check_zones,
    find_header,
    lenient_errors,
    needed_aside,
    read_ledger,
    set_aside,
    text_delimiter,
    undecoded_header,
    undecoded_note,
    undecoded_rows,
    workbook_rows,
)
from xiaojie.ledgers._scan import _one_scan, _without_extra_measures, judge_suspects
from xiaojie.ledgers._schema import (
    CHECK_INPUTS,
    MEASURE_COLUMNS,
    HeaderMap,
    LedgerKind,
    Schema,
    joined_header,
    mapped_fields,
    schema_for,
)
from xiaojie.ledgers._sql import (
    ROW,
    Facts,
    _cross_checks,
    _ident,
    _lit,
    create_typed,
    id_number_digits,
    parquet_facts,
)
from xiaojie.ledgers._xlsx import worksheet_choice
from xiaojie.ledgers.rules import Finding, RowRule, Rule, TableRule, as_of_date, rules_for


if TYPE_CHECKING:
    import datetime as dt

    import pyarrow as pa

    from xiaojie.ledgers._validate import Views


__all__ = [
    "DEFAULT_MEMORY_LIMIT",
    "ColumnarCheck",
    "ColumnarFindings",
    "MissingExtraError",
    "Source",
    "assets_to_arrow",
    "check_columnar",
    "check_table",
    "households_to_arrow",
    "id_number_digits",
    "needed_fields",
    "rules_sql",
    "sniff_ledger",
]

_ROW = ROW
_with_rows = with_rows


# -- sources -------------------------------------------------------------------------------


@attrs.frozen
class Source:
    """A registered ledger: its view name, mapped columns and header facts.

    ``facts`` are what a Parquet file's statistics prove of its columns (by column name; see
    :func:`~xiaojie.ledgers._sql.parquet_facts`): the validation then leaves out the tests a
    row they make needless. ``parquet`` is the Parquet file the view reads, when it is one.
    ``aside`` are the rows of a CSV file read with bytes its encoding cannot read, set aside
    with the issues the object reader gives them (see :func:`~xiaojie.ledgers._read.set_aside`).
    """

    name: str
    columns: dict[str, str]
    types: dict[str, str]
    ignored: tuple[str, ...]
    header_row: int
    facts: dict[str, Facts] = attrs.field(factory=dict)
    parquet: str | None = None
    aside: dict[int, UndecodedRow] = attrs.field(factory=dict)


def _register(
    con: Any,  # noqa: ANN401 - duckdb connection
    source: object,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
) -> tuple[Source, str]:
    pa = pyarrow_module()
    parquet = None
    own: list[str] = []  # a Parquet file's own column names (the engine renames repeated ones)
    aside: dict[int, UndecodedRow] = {}  # a CSV file's rows holding undecodable bytes
    if isinstance(source, pa.Table):
        table = _with_rows(_local_times(source), first=1)
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
            arrow_schema = _check_parquet(path)
            own = list(arrow_schema.names)
            parquet = str(path)
            # a time with a zone is read as the clock there showed it (as the objects reader
            # does), not in the engine's session zone
            local = ", ".join(
                f"timezone({_lit(zone)}, {_ident(name)}) AS {_ident(name)}"
                for name, zone in _zones(arrow_schema).items()
            )
            replace = f" REPLACE ({local})" if local else ""
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW src AS SELECT * EXCLUDE (file_row_number){replace}, "  # noqa: S608
                f"file_row_number + 1 AS {_ROW} FROM read_parquet({_lit(str(path))}, "
                # the file's own columns: a folder named 户编号=H1 gives no column's values
                "file_row_number = true, hive_partitioning = false)"
            )
            names, at = [c for c in con.sql("SELECT * FROM src LIMIT 0").columns if c != _ROW], 0
        elif suffix in {".csv", ".tsv", ".txt", ".xlsx", ".xlsm"}:
            table, names, at = text_table(
                path, schema, headers, header_row=header_row, sheet=sheet, encoding=encoding,
                aside=aside,
            )  # fmt: skip
            con.register("src_arrow", table)
            con.execute("CREATE OR REPLACE TEMP VIEW src AS SELECT * FROM src_arrow")
        else:
            msg = f"{path.name}: expected a .csv, .xlsx or .parquet file, found {suffix!r}"
            raise LedgerError(msg)
    index, ignored, duplicated = mapped_fields(names, headers)
    if own:  # the engine renames a column named twice (户编号, 户编号_1)
        duplicated = mapped_fields(own, headers)[2] or duplicated
    _check_columns(schema, label, index, duplicated)
    described = con.sql("SELECT * FROM src LIMIT 0")
    types = dict(zip(described.columns, (str(t) for t in described.types), strict=True))
    columns = {name: names[i] for name, i in index.items()}
    facts = {} if parquet is None else parquet_facts(con, parquet, types)
    return Source("src", columns, types, tuple(ignored), at, facts, parquet, aside), label


def rules_sql(
    ledger: LedgerKind | str = LedgerKind.HOUSEHOLDS,
    *,
    as_of: dt.date,
    rules: Iterable[Rule] | None = None,
    table: str = "typed",
    measures: int = MEASURE_COLUMNS,
    dialect: str = "duckdb",
) -> str:
    r"""Return the SQL that evaluates the row rules of ``ledger`` over a table of canonical columns.

    The rules' Ibis expressions are compiled for ``dialect`` (``duckdb``, ``pyspark``,
    ``postgres``, ``bigquery`` … any dialect Ibis knows). The statement selects every row
    breaking at least one rule, with one boolean column ``f<i>`` per case and the values
    (``d<i>``, ``n<i>``, ``x<i>``) its finding is made of, so it can be run where the data
    already lives.

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
    dialect
        The SQL dialect.

    Examples
    --------
    >>> import datetime as dt
    >>> sql = rules_sql("households", as_of=dt.date(2025, 8, 1))
    >>> "DATE_DIFF('DAY', \"t0\".\"clue_on\", \"t0\".\"identified_on\") > 15" in sql
    True
    """
    ibis = ibis_module()
    schema = schema_for(ledger)
    chosen = rules_for(schema.ledger, rules)
    unbound = ibis.table(canonical_schema(schema.ledger, measures), name=table)
    from xiaojie.ledgers._engine import _cases, wide_table  # noqa: PLC0415

    cases = _cases(chosen, unbound, as_of_date(as_of))
    return str(ibis.to_sql(wide_table(unbound, schema, cases), dialect=dialect))


def check_columnar(
    source: str | os.PathLike[str] | pa.Table | Sequence[Any],
    *,
    as_of: dt.date,
    ledger: LedgerKind | str = LedgerKind.HOUSEHOLDS,
    rules: Iterable[Rule] | None = None,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    validate: bool | Literal["needed"] | None = None,
    strict: bool = False,
    threads: int | None = None,
    memory_limit: str | None = None,
    temp_directory: str | os.PathLike[str] | None = None,
    connection: Any = None,  # noqa: ANN401 - a duckdb connection
    engine: str = "duckdb",
    con: Any = None,  # noqa: ANN401 - an ibis backend connection
    spark: Any = None,  # noqa: ANN401 - a SparkSession
    spark_master: str | None = None,
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
        Check every row and leave bad ones out (default on DuckDB). With ``False`` the rows
        are trusted (a ledger this library already checked, a typed warehouse table):
        unreadable cells count as empty and no report is made. With ``"needed"`` only the
        columns the requested rules read (found in their expressions, see
        :func:`needed_fields`), the key, the place and the fields that cross-check them are
        validated: a row is set aside only for a problem there, and the report lists only
        those problems (names, identity numbers and phones are then not read at all).
        On Spark or another Ibis backend the default trusts the table; ``True`` and
        ``"needed"`` run the same validation there, written as Ibis expressions (rows
        numbered by the reader, or by their place in a Parquet file; a table in Spark's
        catalog by data file and place in it), with the same report.
    strict
        Raise :class:`LedgerFileError` listing every problem instead of returning a report.
    threads
        DuckDB's threads (default: all cores).
    memory_limit
        The most memory DuckDB may hold, e.g. ``"2GB"``; beyond it the engine spills to
        ``temp_directory``. Default: :data:`DEFAULT_MEMORY_LIMIT` (1 GB) on the engine's own
        connection, the connection's own setting on one passed as ``connection``. Memory
        outside DuckDB (the findings fetched, one 8-byte hash per row for the duplicate-key
        check) comes on top.
    temp_directory
        Where DuckDB spills (default: a new temporary folder, removed at the end).
    connection
        An open DuckDB connection to run on (default: a new in-memory one). The engine
        replaces its temporary views and tables (``src``, ``src_arrow``, ``typed``,
        ``ledger_values``, ``excluded``, ``candidate_hashes``, ``candidate_keys``) on it.
    engine
        ``"duckdb"`` (default), ``"spark"`` (a local SparkSession unless ``spark`` or
        ``spark_master`` says otherwise) or ``"objects"`` (read into typed objects and run the
        object rules: the reference).
    con
        Any Ibis backend connection to run the rules on (``ibis.pyspark.connect(spark)``,
        ``ibis.duckdb.connect()`` …); ``source`` is then a Parquet path, an Arrow table or a
        table name there.
    spark, spark_master
        The SparkSession to use, or the master URL of one to start (``local[2]``,
        ``spark://host:7077``, ``yarn``).

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
    >>> from xiaojie.ledgers import Household
    >>> rows = [Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")]
    >>> result = check_columnar(rows, as_of=dt.date(2025, 8, 1))
    >>> result.findings.by_rule()["identification_time_limit"]
    1
    >>> result.findings.to_findings().items[0].reason
    'late'
    """
    day = as_of_date(as_of)
    schema = schema_for(ledger)
    chosen = rules_for(schema.ledger, rules)
    header_map = _headers(schema.ledger, headers)
    check_reading_options(header_row, encoding)
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
    if engine == "objects":
        return _check_objects(
            source, schema, chosen, day, header_map, header_row=header_row, sheet=sheet,
            encoding=encoding, strict=strict,
        )  # fmt: skip
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        source = (
            households_to_arrow(source)  # type: ignore[arg-type]
            if schema.ledger is LedgerKind.HOUSEHOLDS
            else assets_to_arrow(source)  # type: ignore[arg-type]
        )
    if con is not None or engine != "duckdb":
        from xiaojie.ledgers._validate import Views, check_validated  # noqa: PLC0415

        if con is None and engine == "spark":
            spark = spark if spark is not None else spark_session(spark_master)
        backend = con if con is not None else connect(engine, spark=spark)
        on_spark = (
            backend._session  # noqa: SLF001 - the SparkSession Ibis runs on
            if getattr(backend, "name", "") == "pyspark"
            else None
        )
        if validate:
            return check_validated(
                backend, source, schema, chosen=chosen, day=day, headers=header_map,
                header_row=header_row, sheet=sheet, encoding=encoding, validate=validate,
                strict=strict, spark=on_spark,
            )  # fmt: skip
        views = Views(backend, on_spark)
        try:
            with quiet():
                table = _remote_table(views, source, schema)
            findings = check_table(table, as_of=day, ledger=schema.ledger, rules=chosen)
            total = int(fetch(table.count().as_table()).column(0)[0].as_py())
        finally:
            views.drop()
        report = LedgerReport(_label(source), schema.ledger, total, total, header_row=0)
        return ColumnarCheck(findings, report)
    duckdb = duckdb_module()
    own = connection is None
    duck = duckdb.connect() if own else connection
    spill = None
    if own:
        duck.execute("SET enable_progress_bar = false")
    try:
        if threads is not None:
            duck.execute(f"SET threads = {int(threads)}")
        spill = _limit_memory(duck, memory_limit, temp_directory, own=own)
        registered, label = _register(
            duck, source, schema, header_map, header_row=header_row, sheet=sheet, encoding=encoding
        )
        every = registered

        def learn() -> dict[str, frozenset[str]]:
            return learn_names(duck, every.name, schema, every.columns)

        total, blank, issues, findings = _check_duck(
            duck, registered, schema, chosen, day, label, validate=validate, learn=learn
        )
    finally:
        if own:
            duck.close()
        if spill is not None:
            spill.cleanup()
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
    return ColumnarCheck(findings, report)


#: DuckDB's memory limit on the engine's own connection unless the caller gives one: the
#: engine spills to a temporary folder beyond it (DuckDB's own default is 80% of the RAM).
DEFAULT_MEMORY_LIMIT = "1GB"


def _limit_memory(
    duck: Any,  # noqa: ANN401
    memory_limit: str | None,
    temp_directory: str | os.PathLike[str] | None,
    *,
    own: bool,
) -> tempfile.TemporaryDirectory[str] | None:
    """Set the memory limit and the folder DuckDB spills to; return a folder to remove after."""
    limit = memory_limit if memory_limit is not None else DEFAULT_MEMORY_LIMIT if own else None
    try:
        if limit is not None:
            duck.execute(f"SET memory_limit = {_lit(limit)}")
        if temp_directory is not None:
            duck.execute(f"SET temp_directory = {_lit(os.fspath(temp_directory))}")
            return None
    except duckdb_module().Error as err:
        msg = (
            f"memory_limit/temp_directory: expected a size such as '2GB' and a folder, found {err}"
        )
        raise LedgerError(msg) from None
    if not own:
        return None
    spill = tempfile.TemporaryDirectory(prefix="xiaojie-duckdb-")
    duck.execute(f"SET temp_directory = {_lit(spill.name)}")
    return spill


def _check_duck(  # noqa: PLR0917 - the parts of one check
    duck: Any,  # noqa: ANN401
    registered: Source,
    schema: Schema,
    chosen: tuple[Rule, ...],
    day: dt.date,
    label: str,
    *,
    validate: bool | Literal["needed"] | None,
    learn: Callable[[], Mapping[str, frozenset[str]]] | None = None,
) -> tuple[int, int, dict[int, list[RowIssue]], ColumnarFindings]:
    """Validate and check a registered ledger; return total rows, blank rows, issues, findings.

    ``learn`` registers the ledger's names and returns the padded values of its place columns
    (see :func:`learn_names`); the one scan calls it after the key's scan, the check's peak of
    memory.
    """
    total = int(duck.execute(f"SELECT count(*) FROM {registered.name}").fetchall()[0][0])  # noqa: S608
    measures = max(
        (k for k in range(1, MEASURE_COLUMNS + 1)
         if f"measure_{k}" in registered.columns or f"measure_{k}_start" in registered.columns),
        default=0,
    )  # fmt: skip
    issues: dict[int, list[RowIssue]] = {}
    objects: dict[int, Any] = {}
    typed_rows: dict[int, dict[str, Any]] = {}
    leave_out: set[int] = set()
    blank = 0
    only = None
    pa = pyarrow_module()
    if validate == "needed":
        only = needed_fields(schema, chosen, day)
        kept = {k: v for k, v in registered.columns.items() if k in only}
        registered = attrs.evolve(
            registered, columns=kept, aside=needed_aside(registered.aside, only)
        )
    if validate is not False and all(isinstance(rule, RowRule) for rule in chosen):
        issues, blank, findings = _one_scan(
            duck, registered, schema, chosen, day, label, only=only, measures=measures,
            total=total, learn=learn,
        )  # fmt: skip
        return total, blank, issues, findings
    padded = learn() if learn is not None else None
    ibis = ibis_module()
    if validate is not False:
        create_typed(duck, registered, schema, raw=True, only=only, padded=padded)
        cross = " OR ".join(_cross_checks(schema.ledger, measures, only=only)) or "false"
        fields = list(registered.columns)
        raw = "".join(f", __raw_{i}" for i in range(len(fields)))
        records = duck.sql(
            f"SELECT {_ROW}{raw} FROM typed WHERE __bad OR coalesce({cross}, false)"  # noqa: S608
        ).fetchall()
        issues, objects, typed_rows, blank, repeated = judge_suspects(
            duck, records, registered, schema, label, needed=only is not None, total=total
        )
        aside = set_aside(registered.aside, issues, (objects, typed_rows), only)
        leave_out = {record[0] for record in records} | repeated | aside
    create_typed(duck, registered, schema, raw=False, checks=False, view="ledger_values", only=only)
    with quiet():
        backend = ibis.duckdb.from_connection(duck)
        table = backend.table("ledger_values")
    table = _without_extra_measures(table, measures)
    if leave_out:
        excluded = pa.table({_ROW: pa.array(sorted(leave_out), pa.int64())})
        duck.register("excluded", excluded)
        with quiet():
            table = table.anti_join(backend.table("excluded"), _ROW)
    if typed_rows:
        with quiet():
            rows = pa.Table.from_pylist(
                [{_ROW: n, **typed_rows[n]} for n in sorted(typed_rows)],
                schema=table.schema().to_pyarrow(),
            )
            duck.register("judged_rows", rows)
            table = table.union(backend.table("judged_rows"))
    judged = [objects[n] for n in sorted(objects)]
    findings = evaluate(table, schema, chosen, day, judged=judged)
    return total, blank, issues, findings


def needed_fields(schema: Schema, rules: Sequence[Rule], as_of: dt.date) -> frozenset[str]:
    """Return the fields the rules' expressions read, with the key, the place and what checks them.

    The columns are found in the rules' Ibis expressions themselves, so a new rule needs no list
    of its columns. Fields that cross-check those (a household's kind and category for its
    dates; an asset's year and state for its dates) come along, so a contradiction still sets
    a row aside. A rule without a table expression needs every field.
    """
    ibis = ibis_module()
    import ibis.expr.operations as ops  # noqa: PLC0415 - optional extra

    unbound = ibis.table(canonical_schema(schema.ledger, MEASURE_COLUMNS), name="needed")
    names = {*schema.key, "county", "township", "village"}
    expressions: list[Any] = []
    for rule in rules:
        if isinstance(rule, RowRule):
            for case in rule.cases(unbound, rule.context(as_of)):
                values = (case.condition, case.day, case.number, case.amount)
                expressions.extend(v for v in values if v is not None)
            if rule.owner_column:
                names.add(rule.owner_column)
        elif isinstance(rule, TableRule):
            expressions.append(rule.tally_table(unbound))
        else:
            return frozenset(field.name for field in schema.fields)
    for expression in expressions:
        names.update(op.name for op in expression.op().find(ops.Field))
    inputs = CHECK_INPUTS.get(schema.ledger, frozenset())
    if names & inputs:
        names |= inputs
    for k in range(1, MEASURE_COLUMNS + 1):
        if f"measure_{k}" in names or f"measure_{k}_start" in names:
            names |= {f"measure_{k}", f"measure_{k}_start"}
    return frozenset(names)


def sniff_ledger(path: str | os.PathLike[str], *, sheet: str | int | None = None) -> LedgerKind:
    """Return the kind of ledger a file is, from its header row alone (no row is read).

    Of the kinds whose required columns the file has, the one naming the most fields wins.
    ``sheet`` is a workbook's sheet (its name, or its number from 0), as for
    :func:`xiaojie.ledgers.read_ledger`; by default the first shown worksheet.

    Raises
    ------
    LedgerError
        If the file is missing, unreadable, or has the columns of no ledger.
    """
    file = Path(os.fspath(path))
    if not file.is_file():
        msg = f"{os.fspath(path)}: expected a readable ledger file, found no such file"
        raise LedgerError(msg)
    suffix = file.suffix.lower()
    if suffix not in FILE_SUFFIXES:
        known = ", ".join(sorted(FILE_SUFFIXES))
        msg = f"{file.name}: expected a ledger file ({known}), found a {suffix or 'nameless'} file"
        raise LedgerError(msg)
    head: list[Sequence[object]]
    found: dict[int, dict[int, tuple[bytes, ...]]] = {}  # the bytes the encoding cannot read
    encoding = "utf-8"
    if suffix in {".parquet", ".pq"}:
        head = [_parquet_names(file)]
    elif suffix in {".xlsx", ".xlsm"}:
        # a formula never computed below the header: the reader sets its row aside
        rows = workbook_rows(file, worksheet_choice(file, sheet), uncomputed={})
        head = [row for _, row in zip(range(10), rows, strict=False)]
        rows.close()
    else:
        import csv  # noqa: PLC0415

        encoding = _detect_encoding(file)
        # a byte the encoding cannot read is read as U+FFFD here: the reader then sets its row
        # aside, or refuses a header holding one, naming it
        errors = lenient_errors()
        try:
            with (
                csv_cells_up_to(FIELD_LIMIT),
                file.open(encoding=encoding, errors=errors, newline="") as handle,
            ):
                reader = csv.reader(handle, delimiter=text_delimiter(file, encoding))
                lines = undecoded_rows(reader, found)
                head = [row for _, row in zip(range(10), lines, strict=False)]
        except csv.Error as err:
            msg = f"{file.name}: expected a CSV header, found a line the csv module refuses ({err})"
            raise LedgerError(msg) from None
    try:
        return sniff_head(head, file.name, names_only=suffix in {".parquet", ".pq"})
    except LedgerError as err:
        if not found:
            raise
        # the header of a kind holding bytes the encoding cannot read: refused as the reader
        # of that kind refuses it
        for kind in LedgerKind:
            try:
                joined = joined_header(head, schema_for(kind), _headers(kind, None))
                at = find_header(joined, schema_for(kind), _headers(kind, None), file.name)
            except LedgerError:
                continue
            undecoded_header(file.name, joined, at, found, encoding)
        raise undecoded_note(err, len(head), found, encoding) from None


def sniff_head(
    head: Sequence[Sequence[object]], label: str, *, names_only: bool = False
) -> LedgerKind:
    """Return the kind of ledger whose header is among the first rows ``head`` of ``label``.

    As :func:`sniff_ledger`, for rows already read (or a table's column names, as one row).

    Raises
    ------
    LedgerError
        If no row of ``head`` has the columns of a ledger.

    Examples
    --------
    >>> sniff_head([["户编号", "县(市、区)", "乡(镇)", "行政村", "户类型"]], "t").value
    'households'
    """
    best: tuple[int, LedgerKind] | None = None
    reasons = []
    for kind in LedgerKind:
        schema = schema_for(kind)
        headers = _headers(kind, None)
        try:
            rows = head if names_only else joined_header(head, schema, headers)
            at = find_header(rows, schema, headers, label, names_only=names_only)
            index, _, duplicated = mapped_fields(
                ["" if c is None else str(c) for c in rows[at]], headers
            )
            _check_columns(schema, label, index, duplicated)
        except LedgerError as err:
            reasons.append(f"as {kind.value}: {err}")
            continue
        if best is None or len(index) > best[0]:
            best = (len(index), kind)
    if best is None:
        msg = f"{label}: not a ledger xiaojie knows ({'; '.join(reasons)})"
        raise LedgerError(msg)
    return best[1]


def _label(source: object) -> str:
    if isinstance(source, str | os.PathLike) and not isinstance(source, bytes):
        return Path(os.fspath(source)).name
    return "arrow table" if not isinstance(source, str) else source


#: The suffixes of the files a ledger is read from; any other name is a table's.
FILE_SUFFIXES = frozenset({".parquet", ".pq", ".csv", ".tsv", ".txt", ".xlsx", ".xlsm"})


def is_table_name(text: str) -> bool:
    """Return whether ``text`` names a table (``households``, ``db.households``), not a file.

    A name is a file's when such a file exists or it ends in a ledger file's suffix.

    Examples
    --------
    >>> is_table_name("warehouse.households"), is_table_name("missing.parquet")
    (True, False)
    """
    path = Path(text)
    return "://" not in text and not path.exists() and path.suffix.lower() not in FILE_SUFFIXES


def catalog_table(views: Views, text: str) -> Any:  # noqa: ANN401
    """Return the table named ``text`` on the backend (on Spark, a view of this check's own)."""
    spark = views.spark
    try:
        if spark is None:
            return views.backend.table(text)
        name = views.name("table")
        spark.table(text).createOrReplaceTempView(name)
        return views.backend.table(name)
    except Exception as err:  # noqa: BLE001 - each backend raises its own error
        msg = f"ledger table: expected a table named {text!r}, found none ({type(err).__name__})"
        raise LedgerError(msg) from None


def _remote_table(views: Views, source: object, schema: Schema) -> Any:  # noqa: ANN401
    """Return an Ibis table of ``source`` on the backend: a table name, a Parquet path or Arrow."""
    pa = pyarrow_module()
    if isinstance(source, pa.Table):
        return views.upload(schema.ledger.value, source)
    text = os.fspath(cast("str | os.PathLike[str]", source))
    if is_table_name(text):
        return catalog_table(views, text)
    path = Path(text)
    if views.spark is not None and not path.is_file() and ("://" in text or path.is_dir()):
        return views.backend.read_parquet(text)  # Parquet data where the cluster reads it
    if path.suffix.lower() in {".parquet", ".pq"}:
        if not path.is_file():
            msg = f"ledger file: expected an existing file, found {text!r}"
            raise LedgerError(msg)
        if getattr(views.backend, "name", "") == "duckdb":  # the file's columns, as above
            return views.backend.read_parquet(str(path), hive_partitioning=False)
        return views.backend.read_parquet(str(path))
    msg = f"{path.name}: expected a .parquet file or a table name for this engine, found {path.suffix!r}"
    raise LedgerError(msg)


def _check_objects(
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
    return _check_small(
        source, schema, rules, as_of, headers, header_row=header_row, sheet=sheet,
        encoding=encoding, strict=strict,
    )  # fmt: skip


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
    pa = pyarrow_module()
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


def _parquet_names(path: Path) -> list[str]:
    """Return the column names of a Parquet file; a located LedgerError if Arrow cannot read it."""
    return list(_parquet_schema(path).names)


def _parquet_schema(path: Path) -> Any:  # noqa: ANN401 - a pyarrow schema
    """Return the Arrow schema of a Parquet file; a located LedgerError if Arrow cannot read it."""
    import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra, present with DuckDB's

    try:
        return pq.read_schema(path)
    except (pyarrow_module().ArrowException, OSError, ValueError) as err:
        msg = f"{path.name}: expected a readable Parquet file, found {type(err).__name__}: {str(err)[:160]}"
        raise LedgerError(msg) from None


_OFFSET = re.compile(r"[+-]\d{2}:\d{2}")


def _zones(schema: Any, *, written: bool = False) -> dict[str, str]:  # noqa: ANN401 - a pyarrow schema
    """Return the time zone of each column of times with a zone, as DuckDB names it.

    With ``written`` each zone is given as the file writes it (Spark reads ``+08:00`` as it
    is; DuckDB knows an offset only as ``GMT+08:00``).

    Examples
    --------
    >>> import pyarrow as pa
    >>> schema = pa.schema([("a", pa.timestamp("us", "Asia/Shanghai")), ("b", pa.timestamp("s")),
    ...                     ("c", pa.timestamp("ms", "+08:00"))])
    >>> _zones(schema)
    {'a': 'Asia/Shanghai', 'c': 'GMT+08:00'}
    >>> _zones(schema, written=True)
    {'a': 'Asia/Shanghai', 'c': '+08:00'}
    """
    pa = pyarrow_module()
    zones: dict[str, str] = {}
    for field in schema:
        if pa.types.is_timestamp(field.type) and field.type.tz:
            zone = str(field.type.tz)
            offset = not written and _OFFSET.fullmatch(zone)
            zones[field.name] = f"GMT{zone}" if offset else zone
    return zones


def _local_times(table: Any) -> Any:  # noqa: ANN401 - a pyarrow table
    """Return ``table`` with each column of times with a zone as the clock there showed them."""
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415 - optional extra

    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type) and field.type.tz:
            table = table.set_column(i, field.name, pc.local_timestamp(table.column(i)))
    return table


def _check_parquet(path: Path) -> Any:  # noqa: ANN401 - a pyarrow schema
    """Return the Arrow schema of ``path``; a located LedgerError if DuckDB cannot read it.

    A broken file, one whose columns take the names the engine adds (``file_row_number``,
    the row column), or one naming a time zone no engine knows (see
    :func:`~xiaojie.ledgers._read.check_zones`) would otherwise end with the engine's own
    exception.
    """
    arrow_schema = _parquet_schema(path)
    check_zones(path.name, arrow_schema)
    taken = sorted({"file_row_number", _ROW} & set(arrow_schema.names))
    if taken:
        msg = (
            f"{path.name}: expected no column named {', '.join(map(repr, taken))} "
            "(the engine numbers the rows under that name), found one; rename it"
        )
        raise LedgerError(msg)
    return arrow_schema
