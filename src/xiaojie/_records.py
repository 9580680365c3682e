"""Typed records: rows of plain Python values that become a pandas or Arrow table in one call.

Every table xiaojie hands an analyst (a status snapshot, ledger findings, the plan's tasks,
responsibilities and milestones, query results) is a :class:`Records`: named, typed columns
and rows of plain values. Dates are :class:`datetime.date`, numbers are numbers, owners are
lists. :meth:`Records.to_records` gives dicts (what ``--json`` prints); :meth:`Records.to_arrow`
and :meth:`Records.to_pandas` need the ``frames`` extra (pandas and pyarrow).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._extras import require
from xiaojie.errors import MissingExtraError, PlanValidationError


if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence


__all__ = [
    "KINDS",
    "Column",
    "Records",
    "as_table",
    "records",
    "register_rows_table",
    "register_table",
]

KINDS = ("str", "int", "float", "date", "bool", "list", "ints")
"""The kinds a column may hold: text, whole numbers, numbers, dates, yes/no, lists of text,
lists of whole numbers."""


@attrs.frozen
class Column:
    """A column: its name and the kind of its values (one of :data:`KINDS`; ``None`` allowed)."""

    name: str
    kind: str = attrs.field()

    @kind.validator
    def _check_kind(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if value not in KINDS:
            raise PlanValidationError(f"column {self.name!r}.kind", f"one of {KINDS}", repr(value))


def _plain(value: object) -> object:
    """Return ``value`` as a plain value: enums as their value, tuples as lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _json(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json(v) for v in value]
    return value


def _needs(module: str, purpose: str) -> Any:  # noqa: ANN401 - an optional module
    try:
        return require(module, purpose)
    except MissingExtraError as err:
        raise MissingExtraError.naming(module, "frames", purpose) from err


def _columns(value: Iterable[Column]) -> tuple[Column, ...]:
    return tuple(value)


def _rows(value: Iterable[Iterable[Any]]) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(_plain(v) for v in row) for row in value)


@attrs.frozen
class Records:
    """Typed rows: the columns, then one tuple of values per row (in column order).

    Every table xiaojie hands out is one (a snapshot's entries, ledger findings, the plan's
    tables, the answer of any query: see :mod:`xiaojie.records`). Values are plain Python:
    enums become their value and tuples become lists when the records are made.

    Parameters
    ----------
    columns
        The columns, each a :class:`Column` (name and kind, one of :data:`KINDS`).
    rows
        One sequence of values per row, in column order; ``None`` for a missing value.

    Examples
    --------
    >>> import datetime as dt
    >>> table = Records(
    ...     columns=(Column("item", "str"), Column("due", "date"), Column("owners", "list")),
    ...     rows=[("meeting", dt.date(2025, 7, 31), ("财政厅",))],
    ... )
    >>> table.to_records()
    [{'item': 'meeting', 'due': datetime.date(2025, 7, 31), 'owners': ['财政厅']}]
    >>> table.to_json()
    [{'item': 'meeting', 'due': '2025-07-31', 'owners': ['财政厅']}]
    >>> len(table), table.names
    (1, ('item', 'due', 'owners'))

    As pandas or Arrow (the ``frames`` extra), typed column by column:

    >>> frame = table.to_pandas()
    >>> str(frame["item"].dtype), frame["due"].dtype.kind, frame["owners"][0]
    ('string', 'M', ['财政厅'])
    >>> str(table.to_arrow().schema.field("due").type)
    'date32[day]'

    An empty table keeps its columns:

    >>> Records(columns=table.columns, rows=[]).to_pandas().columns.tolist()
    ['item', 'due', 'owners']

    .. versionadded:: 0.2.0
    """

    columns: tuple[Column, ...] = attrs.field(converter=_columns)
    rows: tuple[tuple[Any, ...], ...] = attrs.field(converter=_rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def names(self) -> tuple[str, ...]:
        """The column names."""
        return tuple(c.name for c in self.columns)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dict per row: dates as dates, numbers as numbers, lists as lists."""
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def to_json(self) -> list[dict[str, Any]]:
        """Return :meth:`to_records` with dates as ISO strings (what ``--json`` prints)."""
        return [{k: _json(v) for k, v in r.items()} for r in self.to_records()]

    def to_arrow(self) -> Any:  # noqa: ANN401 - a pyarrow.Table (optional extra)
        """Return a :class:`pyarrow.Table` with one typed column per column.

        Raises
        ------
        MissingExtraError
            If pyarrow is not installed (``pip install 'xiaojie[frames]'``).
        """
        pa = _needs("pyarrow", "a table as Arrow")
        types = {
            "str": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "date": pa.date32(),
            "bool": pa.bool_(),
            "list": pa.list_(pa.string()),
            "ints": pa.list_(pa.int64()),
        }
        schema = pa.schema([pa.field(c.name, types[c.kind]) for c in self.columns])
        arrays = [
            pa.array([row[i] for row in self.rows], type=types[c.kind])
            for i, c in enumerate(self.columns)
        ]
        return pa.Table.from_arrays(arrays, schema=schema)

    def to_pandas(self) -> Any:  # noqa: ANN401 - a pandas.DataFrame (optional extra)
        """Return a :class:`pandas.DataFrame`: text as ``string``, whole numbers as ``Int64``,
        numbers as ``Float64``, dates as ``datetime64``, yes/no as ``boolean``, lists as lists
        (of text or of whole numbers).

        Raises
        ------
        MissingExtraError
            If pandas or pyarrow is not installed (``pip install 'xiaojie[frames]'``).
        """  # noqa: D205 - the dtypes are the summary
        pd = _needs("pandas", "a table as pandas")
        pa = _needs("pyarrow", "a table as pandas")
        mapping = {
            pa.string(): pd.StringDtype(),
            pa.large_string(): pd.StringDtype(),
            pa.int64(): pd.Int64Dtype(),
            pa.float64(): pd.Float64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
        }
        frame = self.to_arrow().to_pandas(types_mapper=mapping.get, date_as_object=False)
        for column in self.columns:
            if column.kind in {"list", "ints"}:
                frame[column.name] = [
                    list(v) if v is not None else None for v in frame[column.name]
                ]
        return frame


def records(columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]) -> Records:
    """Return :class:`Records` from ``(name, kind)`` pairs and rows.

    Raises
    ------
    PlanValidationError
        If a kind is not one of :data:`KINDS`.

    Examples
    --------
    >>> records([("task", "int"), ("units", "ints")], [(4, (1, 2))]).to_records()
    [{'task': 4, 'units': [1, 2]}]
    >>> records([("task", "number")], [])
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanValidationError: column 'task'.kind: expected one of ('str', 'int', 'float', 'date', 'bool', 'list', 'ints'), found 'number'
    """
    return Records(columns=tuple(Column(n, k) for n, k in columns), rows=rows)


_SHAPES: dict[type, tuple[tuple[tuple[str, str], ...], Callable[[Any], Sequence[Any]]]] = {}
"""How each kind of result becomes a row: its columns and a function from a result to a row."""

_WHOLES: dict[type, Callable[[Any], Records]] = {}
"""Results that are a table by themselves (a matrix, a comparison, a list of answers)."""


def register_table(
    kind: type,
    columns: Sequence[tuple[str, str]] | None = None,
    row: Callable[[Any], Sequence[Any]] | None = None,
    *,
    whole: Callable[[Any], Records] | None = None,
) -> None:
    """Teach :func:`as_table` a kind of result: its ``(name, kind)`` columns and its ``row``,
    or (``whole``) a function that makes records of one result by itself.

    The modules that define results register them when they are imported (queries, roll-up,
    comparison, versions, 序时进度), so nothing here imports a layer above it.
    """  # noqa: D205 - the two ways are the summary
    if whole is not None:
        _WHOLES[kind] = whole
        return
    if columns is None or row is None:
        raise PlanValidationError(
            f"register_table({kind.__name__})", "columns and row, or whole", "neither"
        )
    _SHAPES[kind] = (tuple(columns), row)


def _refuse(found: str) -> PlanValidationError:
    return PlanValidationError("result", "a query result (workload, slack, entries …)", found)


def as_table(result: object) -> Records:
    """Return the answer of a query as typed records: one result, or a sequence of one kind.

    An empty answer gives records with no columns and no rows. See
    :func:`xiaojie.queries.as_table` for the results it knows.

    Raises
    ------
    PlanValidationError
        If ``result`` is not a known result, or mixes kinds of results.
    """
    whole = _WHOLES.get(type(result))
    if whole is not None:
        return whole(result)
    if type(result) in _SHAPES:
        rows: list[Any] = [result]
    elif isinstance(result, str | bytes) or not hasattr(result, "__iter__"):
        raise _refuse(type(result).__name__)
    else:
        rows = list(result)
    if not rows:
        return Records(columns=(), rows=())
    kind = type(rows[0])
    mixed = any(type(r) is not kind for r in rows)
    if not mixed and kind in _SEQUENCE_WHOLES:
        return _SEQUENCE_WHOLES[kind](rows)
    shape = _SHAPES.get(kind)
    if shape is None or mixed:
        raise _refuse(", ".join(sorted({type(r).__name__ for r in rows})))
    columns, row = shape
    return records(columns, (row(r) for r in rows))


_SEQUENCE_WHOLES: dict[type, Callable[[list[Any]], Records]] = {}
"""Results whose sequence is turned into records at once (one row may give several)."""


def register_rows_table(kind: type, table: Callable[[list[Any]], Records]) -> None:
    """Teach :func:`as_table` a kind of result whose sequence becomes records at once."""
    _SEQUENCE_WHOLES[kind] = table
