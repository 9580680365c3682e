"""The table engine: the rules' Ibis expressions compiled to DuckDB, Spark or any Ibis backend.

Every row rule states its cases as Ibis expressions (:meth:`RowRule.cases`); this module puts
all cases of the requested rules into one scan (one boolean ``f<i>`` per case, and the values
``d<i>``, ``n<i>``, ``x<i>`` its finding is made of), runs it where the table lives, and keeps
the few rows it returns as an Arrow table. Group rules (:class:`TableRule`) run their
aggregation there too and are judged in Python. :class:`ColumnarFindings` aggregates the
result through the same :class:`~xiaojie.ledgers.rules.FindingCounts` as the object engine.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import warnings
from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import scrub_all
from xiaojie.errors import LedgerError
from xiaojie.ledgers._model import Place
from xiaojie.ledgers._optional import duckdb_module, ibis_module, require
from xiaojie.ledgers._read import LedgerReport
from xiaojie.ledgers._schema import FieldKind, LedgerKind, Schema, schema_for
from xiaojie.ledgers.rules import (
    Evidence,
    Finding,
    FindingCounts,
    Findings,
    RowRule,
    Rule,
    TableRule,
    Tally,
    as_of_date,
    rules_for,
)
from xiaojie.ledgers.rules._base import NO
from xiaojie.ledgers.rules._findings import _tally_key


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from xiaojie.ledgers.rules import Case


__all__ = [
    "ColumnarCheck",
    "ColumnarFindings",
    "canonical_schema",
    "check_table",
    "connect",
    "is_value",
    "narrow_batch",
    "narrow_schema",
    "spark_session",
    "split_values",
    "wide_table",
]

_PLACE = ("county", "township", "village")
_IBIS_TYPES = {
    FieldKind.DATE: "date",
    FieldKind.MONEY: "decimal(18, 2)",
    FieldKind.INT: "int64",
    FieldKind.FLAG: "boolean",
}


def canonical_schema(ledger: LedgerKind | str, measures: int) -> dict[str, str]:
    """Return the canonical columns of a ledger and their Ibis types.

    Examples
    --------
    >>> canonical_schema("assets", 0)["value"]
    'decimal(18, 2)'
    """
    schema = schema_for(ledger)
    columns = {}
    for field in schema.fields:
        name = field.name
        if name.startswith("measure_"):
            k = int(name.split("_")[1])
            if k > measures:
                continue
        columns[name] = _IBIS_TYPES.get(field.kind, "string")
    return columns


def _cases(rules: Sequence[Rule], table: Any, as_of: dt.date) -> list[tuple[RowRule, Case]]:  # noqa: ANN401
    cases: list[tuple[RowRule, Case]] = []
    failed = ibis_module().common.exceptions.IbisError
    for rule in rules:
        if isinstance(rule, RowRule):
            ctx = rule.context(as_of)
            try:
                cases.extend((rule, case) for case in rule.cases(table, ctx))
            except failed as err:
                msg = (
                    f"rule {rule.id!r}: cases() expected to build an Ibis expression of the "
                    f"table's columns, found an error: {err} (the table may be named, not bound "
                    "to a connection: cases() runs no query; a value it needs is a parameter of "
                    "the rule or a column)"
                )
                raise LedgerError(msg) from None
    return cases


def wide_table(
    table: Any,  # noqa: ANN401 - ibis table
    schema: Schema,
    cases: Sequence[tuple[RowRule, Case]],
    *,
    suspect: str | None = None,
    keep: Sequence[str] = (),
) -> Any:  # noqa: ANN401
    """Return one scan of ``table``: the rows breaking any case, a flag and values per case.

    With ``suspect`` (a boolean column of rows the validation sets aside) the scan also keeps
    those rows, with every case flag false, and that column: validation and rules are then one
    scan. ``keep`` columns (the row number) are kept as they are.
    """
    ibis = ibis_module()
    t = table
    key = schema.key[0]
    owners = {rule.owner_column for rule, _ in cases if rule.owner_column}
    owner = t[owners.pop()].fill_null("") if len(owners) == 1 else ibis.literal("")
    columns: dict[str, Any] = {
        "subject": t[key].cast("string"),
        **{level: t[level].fill_null("") for level in _PLACE},
        "owner": owner,
        **{name: t[name] for name in keep},
    }
    conditions = []
    aside = t[suspect] if suspect is not None else None
    for i, (_, case) in enumerate(cases):
        flag = case.condition.fill_null(NO)
        # The filter takes the bare condition (a NULL there drops the row as false would):
        # wrapped in COALESCE, DuckDB evaluates every term on every row, not only the rows
        # the terms before left undecided.
        conditions.append(case.condition)
        columns[f"f{i}"] = flag if aside is None else flag & ~aside
        for prefix, value, kind in (
            ("d", case.day, "date"),
            ("n", case.number, "int64"),
            ("x", case.amount, "decimal(18, 2)"),
        ):
            if value is not None:
                columns[f"{prefix}{i}"] = value.cast(kind)
    if aside is not None:
        columns[suspect] = aside  # type: ignore[index]
        conditions.append(aside)
    if not conditions:
        return t.filter(ibis.literal(NO)).select(**columns)
    return t.filter(ibis.or_(*conditions)).select(**columns)


_NARROW = (*_PLACE, "owner")
"""The columns of the scan's rows that hold a few distinct texts, kept dictionary-encoded."""


def narrow_schema(schema: Any) -> Any:  # noqa: ANN401 - an Arrow schema
    """Return the schema of the scan's rows after :func:`narrow_batch`."""
    pa = require("pyarrow", "the columnar engine")
    for name in _NARROW:
        at = schema.get_field_index(name)
        if at >= 0 and not pa.types.is_dictionary(schema.field(at).type):
            field = schema.field(at)
            schema = schema.set(at, field.with_type(pa.dictionary(pa.int32(), field.type)))
    return schema


def narrow_batch(batch: Any) -> Any:  # noqa: ANN401 - an Arrow record batch
    """Return a batch of the scan's rows in memory of its own, the place and owner texts encoded.

    A batch handed over by the engine is held by one allocation: a column kept keeps the
    whole batch (dropped columns and spare capacity included). Each column is copied out, the
    place and owner texts (a few hundred villages and owners among millions of rows) as a
    dictionary: four bytes a row instead of the text and its offset.
    """
    pa = require("pyarrow", "the columnar engine")
    pc = require("pyarrow.compute", "the columnar engine")
    columns = []
    for name, column in zip(batch.schema.names, batch.columns, strict=True):
        if name in _NARROW and not pa.types.is_dictionary(column.type):
            columns.append(pc.dictionary_encode(column))
        else:
            columns.append(pa.concat_arrays([column]))
    return pa.RecordBatch.from_arrays(columns, schema=narrow_schema(batch.schema))


def is_value(name: str) -> bool:
    """Return whether ``name`` is a value column of the scan's rows (``d<i>``, ``n<i>``, ``x<i>``)."""
    return name[:1] in {"d", "n", "x"} and name[1:].isdigit()


def split_values(rows: Any, same: dict[str, str] | None = None) -> tuple[Any, dict[str, Any]]:  # noqa: ANN401
    """Return the scan's rows without their value columns, and each case's values apart.

    A row breaks one or two of the cases, so a value column is mostly unused: each is kept for
    the rows its case's flag ``f<i>`` marks only, in the rows' order (what :meth:`ColumnarFindings.
    to_findings` reads). ``same`` maps value column names to the column holding them (default:
    their own). ``rows`` is an Arrow batch or table.
    """
    names = rows.schema.names
    values = {
        name: rows.column(held).filter(rows.column(f"f{name[1:]}"))
        for name, held in (same or {name: name for name in names}).items()
        if is_value(name)
    }
    return rows.select([name for name in names if not is_value(name)]), values


@attrs.frozen(eq=False)
class ColumnarFindings(FindingCounts):
    """Findings of a table engine: the rows its scan returned, plus findings made in Python.

    Aggregates are computed on the Arrow table without building a Python object per finding
    (through :class:`~xiaojie.ledgers.rules.FindingCounts`, as for the object engine);
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
    values
        When given, the value columns kept apart (see :func:`split_values`): each holds the
        values of the rows its case's flag marks only, and ``table`` has no value column.
    """

    as_of: dt.date
    table: Any
    cases: tuple[tuple[str, str], ...]
    extra: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    values: dict[str, Any] | None = None
    _tally: list[Tally] = attrs.field(factory=list, init=False, repr=False)

    def __len__(self) -> int:
        return sum(self.tally().values())

    def tally(self) -> Tally:
        """Return ``(rule, county, township, village, owner) -> count`` (computed once)."""
        if not self._tally:
            self._tally.append(self._count())
        return Counter(self._tally[0])

    def _count(self) -> Tally:
        counts: Tally = Counter(_tally_key(f.rule, f.place.key(), f.owner) for f in self.extra)
        if not self.cases or self.table.num_rows == 0:
            return counts
        # Grouped by DuckDB on the Arrow table: Arrow's own group_by loads its query engine,
        # which imports pandas (about 57 MiB resident in all).
        keys = ", ".join(f'"{k}"' for k in (*_PLACE, "owner"))
        sums = ", ".join(f'count_if("f{i}")' for i in range(len(self.cases)))
        duck = duckdb_module().connect()
        try:
            duck.register("findings_rows", self.table)
            grouped = duck.sql(
                f"SELECT {keys}, {sums} FROM findings_rows GROUP BY {keys}"  # noqa: S608
            ).fetchall()
        finally:
            duck.close()
        for row in grouped:
            for i, (rule, _) in enumerate(self.cases):
                count = row[4 + i]
                if count:
                    counts[_tally_key(rule, row[:3], row[3])] += int(count)
        return counts

    def _evidence(self, part: Any, name: str, names: set[str], none: list[None]) -> list[Any]:  # noqa: ANN401
        """Return value column ``name`` of the rows of ``part`` (those its case's flag marks)."""
        if self.values is not None:
            column = self.values.get(name)
            return none if column is None else column.to_pylist()
        return part.column(name).to_pylist() if name in names else none

    def rule_ids(self) -> tuple[str, ...]:
        """Return the ids of the rules evaluated."""
        return tuple(rule.id for rule in self.rules)

    def rule_units(self) -> dict[str, tuple[str, ...]]:
        """Return the responsible units of each rule."""
        return {rule.id: rule.units for rule in self.rules}

    def to_findings(self) -> Findings:
        """Return every finding as :class:`Finding` objects (as the object engine would)."""
        by_id = {rule.id: rule for rule in self.rules}
        items = list(self.extra)
        names = set(self.table.column_names) if self.cases else set()
        places: dict[tuple[str, str, str], Place] = {}
        for i, (rule_id, reason) in enumerate(self.cases):
            rule = by_id[rule_id]
            if not isinstance(rule, RowRule):  # pragma: no cover - only row rules have cases
                continue
            part = self.table.filter(self.table.column(f"f{i}"))
            if not part.num_rows:
                continue
            columns = {
                name: part.column(name).to_pylist() for name in ("subject", *_PLACE, "owner")
            }
            none = [None] * part.num_rows
            days, numbers, amounts = (
                self._evidence(part, f"{prefix}{i}", names, none) for prefix in ("d", "n", "x")
            )
            texts: dict[tuple[Any, Any, Any], tuple[str, str]] = {}
            for j in range(part.num_rows):
                where = (columns["county"][j], columns["township"][j], columns["village"][j])
                place = places.get(where)
                if place is None:  # one Place per distinct place
                    place = places[where] = Place(*where)
                evidence = (days[j], numbers[j], amounts[j])
                pair = texts.get(evidence)
                if pair is None:  # Rule.make's texts, once per distinct piece of evidence
                    pair = texts[evidence] = rule.texts(Evidence(reason, *evidence), self.as_of)
                items.append(
                    rule.finding(
                        columns["subject"][j],
                        place,
                        reason,
                        found=pair[0],
                        expected=pair[1],
                        owner=columns["owner"][j],
                    )
                )
        return Findings(self.as_of, items, self.rule_ids())

    def records(self) -> list[dict[str, str]]:
        """Return every finding as a flat record (see :meth:`Finding.record`).

        The records equal those of :meth:`to_findings`, in the same order, without a
        :class:`Finding` object per row.
        """
        return [record for _, record in self.sorted_records()]

    def sorted_records(
        self, unit_name: Callable[[str], str] | None = None
    ) -> list[tuple[tuple[str, str, str, str], dict[str, str]]]:
        """Return ``(sort key, record)`` of every finding, in the order of :meth:`to_findings`.

        The key is the findings' own (rule, subject, reason, found), unmasked; the record is
        :meth:`Finding.record`, with each responsible unit passed through ``unit_name`` when
        given. A message text is made once per distinct piece of evidence of a case, and each
        distinct value masked once.
        """
        keys, named = self.sorted_columns(unit_name)
        columns = [named[name] for name in _COLUMNS]
        distinct = list({value for index in _MASKED for value in columns[index]})
        # each distinct value masked once, all of them in one pass
        masked = dict(zip(distinct, scrub_all(distinct), strict=True))
        for index in _MASKED:
            columns[index] = list(map(masked.__getitem__, columns[index]))
        fields = [columns[_COLUMNS.index(name)] for name in _RECORD]
        return list(
            zip(
                keys,
                (dict(zip(_RECORD, row, strict=True)) for row in zip(*fields, strict=True)),
                strict=True,
            )
        )

    def sorted_columns(
        self, unit_name: Callable[[str], str] | None = None
    ) -> tuple[list[tuple[str, str, str, str]], dict[str, list[Any]]]:
        """Return the sort keys of every finding and its columns, in the order of :meth:`to_findings`.

        The columns are those of :meth:`sorted_records`' records before masking (``rule``,
        ``subject``, ``reason``, ``found``, ``task`` as text, ``severity``'s value, ``county``,
        ``township``, ``village``, ``expected``, ``units`` named and joined by 、, ``owner``).
        """
        columns: list[list[Any]] = [[] for _ in _COLUMNS]
        (rules, subjects, reasons, founds, tasks, severities, counties, townships, villages,
         expecteds, units, owners) = columns  # fmt: skip
        for f in self.extra:
            row = (f.rule, f.subject, f.reason, f.found, f.task, f.severity.value, *f.place.key(),
                   f.expected, f.units, f.owner)  # fmt: skip
            for column, value in zip(columns, row, strict=True):
                column.append(value)
        by_id = {rule.id: rule for rule in self.rules}
        names = set(self.table.column_names) if self.cases else set()
        for i, (rule_id, reason) in enumerate(self.cases):
            rule = by_id[rule_id]
            if not isinstance(rule, RowRule):  # pragma: no cover - only row rules have cases
                continue
            part = self.table.filter(self.table.column(f"f{i}"))
            size = part.num_rows
            if not size:
                continue
            for column, name in zip(
                (subjects, counties, townships, villages, owners),
                ("subject", *_PLACE, "owner"),
                strict=True,
            ):
                column.extend(_python_values(part.column(name)))
            none = [None] * size
            evidence = list(
                zip(
                    *(
                        self._evidence(part, f"{prefix}{i}", names, none)
                        for prefix in ("d", "n", "x")
                    ),
                    strict=True,
                )
            )
            # Rule.make's texts, once per distinct piece of evidence
            texts = {e: rule.texts(Evidence(reason, *e), self.as_of) for e in set(evidence)}
            pairs = list(map(texts.__getitem__, evidence))
            founds.extend(found for found, _ in pairs)
            expecteds.extend(expected for _, expected in pairs)
            for column, value in (
                (rules, rule_id),
                (reasons, reason),
                (tasks, rule.clause.task),
                (severities, rule.severity.value),
                (units, rule.units),
            ):
                column.extend([value] * size)
        for place in set(zip(counties, townships, villages, strict=True)):
            Place(*place)  # each distinct place checked as the findings check it
        keys = list(zip(rules, subjects, reasons, founds, strict=True))
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable, as Findings sorts
        columns = [list(map(column.__getitem__, order)) for column in columns]
        named = {
            spelt: "、".join(spelt if unit_name is None else map(unit_name, spelt))
            for spelt in set(columns[_UNITS])
        }
        columns[_UNITS] = list(map(named.__getitem__, columns[_UNITS]))
        columns[_TASK] = list(map(str, columns[_TASK]))
        return list(map(keys.__getitem__, order)), dict(zip(_COLUMNS, columns, strict=True))


def _python_values(column: Any) -> list[Any]:  # noqa: ANN401 - an Arrow chunked array
    """Return the values of an Arrow column, each word of a dictionary made once.

    ``to_pylist`` of a dictionary-encoded column makes a new string per row (slow for a hundred
    thousand rows, and each is hashed again later); here each row gets its word's one string.
    """
    values: list[Any] = []
    for chunk in column.chunks:
        words = getattr(chunk, "dictionary", None)
        if words is None or chunk.null_count:
            values.extend(chunk.to_pylist())
        else:
            values.extend(map(words.to_pylist().__getitem__, chunk.indices.to_pylist()))
    return values


_COLUMNS = (
    "rule", "subject", "reason", "found", "task", "severity", "county", "township", "village",
    "expected", "units", "owner",
)  # fmt: skip
"""The columns of a finding gathered for its record (the sort key first)."""
_MASKED = tuple(_COLUMNS.index(c) for c in ("subject", "found", "county", "township", "village", "expected", "owner"))  # fmt: skip
_UNITS = _COLUMNS.index("units")
_TASK = _COLUMNS.index("task")
_RECORD = (
    "rule", "task", "severity", "subject", "county", "township", "village", "reason", "found",
    "expected", "units", "owner",
)  # fmt: skip
"""The keys of :meth:`Finding.record`, in its order."""


@attrs.frozen(eq=False)
class ColumnarCheck:
    """The result of :func:`check_columnar`: the findings and the reading report."""

    findings: ColumnarFindings
    report: LedgerReport


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the deprecation DuckDB 2 reports for a method Ibis 12 calls (same results)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "fetch_arrow_table", DeprecationWarning)
        # PySpark's conversion passes pandas 3 a keyword it deprecates; the result is the same.
        warnings.filterwarnings("ignore", "The copy keyword is deprecated")
        warnings.filterwarnings("ignore", ".*pandas 4")
        yield


def fetch(expr: Any) -> Any:  # noqa: ANN401 - ibis expression to Arrow
    """Run an Ibis expression on its backend and return the result as an Arrow table."""
    with quiet():
        return expr.to_pyarrow()


def evaluate(
    table: Any,  # noqa: ANN401 - ibis table with the canonical columns
    schema: Schema,
    rules: Sequence[Rule],
    as_of: dt.date,
    *,
    judged: Sequence[Any] = (),
    wide: Any = None,  # noqa: ANN401 - an Arrow table
    values: dict[str, Any] | None = None,
) -> ColumnarFindings:
    """Run ``rules`` over an Ibis table; ``judged`` are rows judged in Python, left out of it.

    ``wide`` is the result of the row rules' scan when it was already run (see
    :func:`wide_table`); only the group rules then run on ``table``. ``values`` are its value
    columns when kept apart (see :func:`split_values`).
    """
    cases = _cases(rules, table, as_of)
    if wide is None:
        wide = fetch(wide_table(table, schema, cases))
    extra: list[Finding] = []
    for rule in rules:
        if isinstance(rule, RowRule):
            extra.extend(rule.evaluate(judged, as_of=as_of))
        elif isinstance(rule, TableRule):
            records = fetch(rule.tally_table(table)).to_pylist()
            tallies = rule.merge(rule.from_records(records), judged)
            extra.extend(rule.judge(tallies, as_of=as_of))
        else:
            extra.extend(rule.evaluate(judged, as_of=as_of))
    return ColumnarFindings(
        as_of,
        wide,
        tuple((rule.id, case.reason) for rule, case in cases),
        tuple(extra),
        tuple(rules),
        values,
    )


def check_table(
    table: Any,  # noqa: ANN401 - ibis table
    *,
    as_of: dt.date,
    ledger: LedgerKind | str = LedgerKind.HOUSEHOLDS,
    rules: Iterable[Rule] | None = None,
) -> ColumnarFindings:
    """Run the rules over an Ibis table of canonical typed columns, on its own backend.

    The table may live in DuckDB, Spark, Polars, a warehouse … (any Ibis backend); the rules'
    expressions are compiled to its SQL and only the rows breaking a rule come back. The rows
    are trusted (a ledger already checked, or a warehouse table with typed columns): use
    :func:`check_columnar` to read and validate a file.

    Parameters
    ----------
    table
        An Ibis table with the canonical columns (see :func:`households_to_arrow`).
    as_of
        The evaluation date (keyword-only; the clock is never read).
    ledger
        ``households`` (default) or ``assets``.
    rules
        The rules (default: the plan's rules for the ledger).

    Raises
    ------
    LedgerError
        If the ledger is not one with table rules, or a column a rule needs is missing.

    Examples
    --------
    >>> import datetime as dt, ibis
    >>> from xiaojie.ledgers import Household, households_to_arrow
    >>> rows = [Household(id="H1", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")]
    >>> table = ibis.memtable(households_to_arrow(rows))
    >>> check_table(table, as_of=dt.date(2025, 8, 1)).by_rule()["identification_time_limit"]
    1
    """
    day = as_of_date(as_of)
    schema = schema_for(ledger)
    if schema.ledger not in {LedgerKind.HOUSEHOLDS, LedgerKind.ASSETS}:
        msg = (
            f"check_table: expected a households or assets ledger, found {schema.ledger.value!r} "
            "(fund and problem ledgers are small: use check())"
        )
        raise LedgerError(msg)
    chosen = rules_for(schema.ledger, rules)
    try:
        with quiet():
            return evaluate(table, schema, chosen, day)
    except AttributeError as err:
        msg = f"check_table: expected the canonical column {err.name!r}, found none"
        raise LedgerError(msg) from None


def spark_session(master: str | None = None) -> Any:  # noqa: ANN401 - pyspark is untyped
    """Return the active SparkSession, or start one (local mode unless ``master`` is given).

    Started by ``spark-submit`` (which hands the driver its gateway), the session takes the
    master spark-submit was given, unless ``master`` names one.
    """
    sql = require("pyspark.sql", "the Spark engine")
    active = sql.SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    builder = sql.SparkSession.builder.appName("xiaojie")
    if master is not None or "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master(master or "local[*]")
    return (
        builder.config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


def connect(engine: str, *, spark: Any = None, master: str | None = None) -> Any:  # noqa: ANN401
    """Return an Ibis connection for ``engine`` (``duckdb`` or ``spark``)."""
    ibis = ibis_module()
    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "spark":
        require("pyspark", "the Spark engine")
        return ibis.pyspark.connect(spark if spark is not None else spark_session(master))
    msg = f"engine: expected 'objects', 'duckdb' or 'spark', found {engine!r}"
    raise LedgerError(msg)
