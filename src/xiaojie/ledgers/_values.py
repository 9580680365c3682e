"""Ledger values: errors, converters and checks shared by the row types, and places."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from xiaojie._privacy import scrubbed_repr
from xiaojie.errors import LedgerError, LedgerValueError, LifecycleError
from xiaojie.ledgers._enums import (
    AssetClass,
    AssetState,
    DiscoveryChannel,
    EliminationMode,
    HouseholdKind,
    LedgerEnum,
    MeasureKind,
    MonitoringCategory,
    ProblemSource,
    ProblemState,
    RiskType,
)
from xiaojie.ledgers._privacy import (
    MAX_YEAR,
    MIN_YEAR,
    mask_id_number,
    mask_name,
    mask_phone,
)


__all__ = [
    "BLANKS",
    "INVISIBLES",
    "KEY_REFUSED",
    "MAX_HOUSEHOLD_SIZE",
    "MONEY_LIMIT",
    "LedgerValueError",
    "LifecycleError",
    "Place",
    "assembled",
    "months_after",
    "to_money",
]


#: The largest household size accepted (家庭人口数).
MAX_HOUSEHOLD_SIZE = 99
#: Money amounts must be below this many yuan in absolute value (16 integer digits).
MONEY_LIMIT = decimal.Decimal(10) ** 16
_FEN = decimal.Decimal("0.01")
BLANKS = (
    " \t\n\r\f\v\u3000"
    "\u00a0\u0085\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f"
)
"""Characters that count as blank around (and, for ids, inside) a ledger text: ASCII blanks,
the ideographic space, the no-break space (U+00A0, what a web page or Word pastes), the other
Unicode spaces and line separators. 预旺镇 with a no-break space after it was another
township, H0002 with one after it another household."""
INVISIBLES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Characters of no width: zero-width space, non-joiner and joiner, word joiner, the
zero-width no-break space (a byte-order mark pasted inside a cell) and the soft hyphen."""
KEY_REFUSED = BLANKS + INVISIBLES
"""What a key (a household's or an asset's number) may not hold anywhere.

A key naming two rows alike is a duplicate, so a key must be what every document shows of
it. ``H001`` and ``H001`` followed by a zero-width space look the same in every table, form
and report, yet are two keys: the duplicate would be missed, and a lookup by the key as
printed would not find the row. Such a key is refused, as a key holding a blank is, rather
than read without the invisible characters: the row is set aside with an issue naming its
cell, so the ledger itself is corrected (a key read otherwise than its file holds it would
match no other ledger, nor the national system, holding the same bytes). Identity and phone
numbers refuse them too (they are not digits), as do dates, numbers and vocabulary words."""
_PHONE = re.compile(r"[0-9][0-9-]{4,19}")


# -- converters: lenient, so that the validators can name the object in their errors --------


def _to_member(enum_cls: type[LedgerEnum], value: object, *, optional: bool = False) -> Any:  # noqa: ANN401
    """Convert a ledger word to a member; leave anything else for the validators to report."""
    if optional and (value is None or value == ""):
        return None
    if isinstance(value, enum_cls):
        return value
    if isinstance(value, str):
        return enum_cls.aliases().get(value.strip(BLANKS), value)
    return value


# Named converters (the attrs plugin of mypy needs named functions).
def _household_kind(value: object) -> Any:  # noqa: ANN401
    return _to_member(HouseholdKind, value)


def _monitoring_category(value: object) -> Any:  # noqa: ANN401
    return _to_member(MonitoringCategory, value)


def _discovery_channel(value: object) -> Any:  # noqa: ANN401
    return _to_member(DiscoveryChannel, value, optional=True)


def _measure_kind(value: object) -> Any:  # noqa: ANN401
    return _to_member(MeasureKind, value)


def _elimination_mode(value: object) -> Any:  # noqa: ANN401
    return _to_member(EliminationMode, value, optional=True)


def _asset_class(value: object) -> Any:  # noqa: ANN401
    return _to_member(AssetClass, value)


def _asset_state(value: object) -> Any:  # noqa: ANN401
    return _to_member(AssetState, value)


def _problem_source(value: object) -> Any:  # noqa: ANN401
    return _to_member(ProblemSource, value)


def _problem_state(value: object) -> Any:  # noqa: ANN401
    return _to_member(ProblemState, value)


def _date_converter(value: object) -> Any:  # noqa: ANN401 - left unchanged when not a date
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    return value


def to_money(value: object) -> decimal.Decimal:
    """Return ``value`` as yuan rounded to the fen (halves away from zero).

    Parameters
    ----------
    value
        A :class:`~decimal.Decimal`, an ``int``, a ``float`` (read through its shortest repr)
        or a numeric string.

    Raises
    ------
    LedgerError
        If the value is not a finite number below 10**16 yuan.

    Examples
    --------
    >>> to_money("8000.005"), to_money(2.675), to_money(7)
    (Decimal('8000.01'), Decimal('2.68'), Decimal('7.00'))
    """
    if isinstance(value, bool):
        msg = f"expected an amount in yuan, found {value!r}"
        raise LedgerError(msg)
    if not isinstance(value, float | decimal.Decimal | int | str):
        msg = f"expected an amount in yuan, found {type(value).__name__}"
        raise LedgerError(msg)
    try:
        amount = decimal.Decimal(repr(value) if isinstance(value, float) else value)
        rounded = amount.quantize(_FEN, rounding=decimal.ROUND_HALF_UP)
    except (decimal.InvalidOperation, ValueError):
        rounded = None
    if rounded is None or not rounded.is_finite():
        msg = f"expected an amount in yuan, found {value!r}"
        raise LedgerError(msg)
    if abs(rounded) >= MONEY_LIMIT:
        msg = f"expected an amount below 10**16 yuan, found {value!r}"
        raise LedgerError(msg)
    return rounded


def _money_converter(value: object) -> Any:  # noqa: ANN401 - left unchanged when not money
    if value is None or (isinstance(value, decimal.Decimal) and value.as_tuple().exponent == -2):
        return value
    try:
        return to_money(value)
    except LedgerError:
        return value


def _tuple(value: object) -> Any:  # noqa: ANN401 - left unchanged when not iterable
    if isinstance(value, tuple):
        return value
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _risks_converter(value: object) -> Any:  # noqa: ANN401 - left unchanged when unknown
    value = _tuple(value)
    if not isinstance(value, tuple):
        return value
    if all(type(r) is RiskType for r in value) and len(set(value)) == len(value):
        return value
    table = RiskType.aliases()
    result: list[RiskType] = []
    for risk in value:
        member = table.get(risk.strip()) if isinstance(risk, str) else None
        if member is None:
            return value
        if member not in result:
            result.append(member)
    return tuple(result)


# -- shared checks ---------------------------------------------------------------------------


def _date_problem(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return f"a datetime {value.isoformat()!r}"
    if not isinstance(value, dt.date):
        return f"{type(value).__name__} {value!r}"
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return f"{value.isoformat()} (outside {MIN_YEAR}-{MAX_YEAR})"
    return None


def _check_date(kind: str, oid: str, field: str, value: object, *, optional: bool) -> None:
    if value is None and optional:
        return
    problem = _date_problem(value)
    if problem is not None:
        expected = f"a date between {MIN_YEAR} and {MAX_YEAR}" + (" or None" if optional else "")
        raise LedgerValueError(kind, oid, field, expected, problem)


def _check_type(
    kind: str, oid: str, field: str, value: object, cls: type, *, expected: str
) -> None:
    if not isinstance(value, cls) or (cls is int and isinstance(value, bool)):
        raise LedgerValueError(kind, oid, field, expected, repr(value))


def _check_money(
    kind: str, oid: str, field: str, value: object, *, optional: bool, minimum: int | None = 0
) -> None:
    if value is None and optional:
        return
    if not isinstance(value, decimal.Decimal):
        raise LedgerValueError(kind, oid, field, "an amount in yuan", repr(value))
    if minimum is not None and value < minimum:
        raise LedgerValueError(
            kind, oid, field, f"an amount of at least {minimum} yuan", str(value)
        )


def _check_text(kind: str, oid: str, field: str, value: object, *, required: bool) -> None:
    if not isinstance(value, str):
        raise LedgerValueError(kind, oid, field, "a text", repr(value))
    if required and not value.strip(BLANKS):
        raise LedgerValueError(kind, oid, field, "a non-empty text", "an empty text")


# -- places and people -----------------------------------------------------------------------


@attrs.frozen
class Place:
    """Where a row belongs: county (县(市、区)), township (乡(镇)) and administrative village.

    Any level may be empty ("") when a ledger does not record it.

    Examples
    --------
    >>> Place("同心县", "豫海镇", "红星村").key("township")
    ('同心县', '豫海镇')
    >>> str(Place("同心县", "豫海镇"))
    '同心县/豫海镇'
    """

    county: str = attrs.field(default="", repr=scrubbed_repr)
    township: str = attrs.field(default="", repr=scrubbed_repr)
    village: str = attrs.field(default="", repr=scrubbed_repr)

    LEVELS: ClassVar[tuple[str, ...]] = ("county", "township", "village")

    def __attrs_post_init__(self) -> None:
        for name in self.LEVELS:
            _check_text("place", str(self), name, getattr(self, name), required=False)

    def key(self, level: str = "village") -> tuple[str, ...]:
        """Return the place's key down to ``level`` (``county``, ``township`` or ``village``).

        Raises
        ------
        LedgerError
            If ``level`` is not one of the three levels.
        """
        try:
            depth = self.LEVELS.index(level) + 1
        except ValueError:
            msg = f"place level: expected one of county, township, village, found {level!r}"
            raise LedgerError(msg) from None
        return (self.county, self.township, self.village)[:depth]

    def __str__(self) -> str:
        parts = [self.county, self.township, self.village]
        while parts and not parts[-1]:
            parts.pop()
        return "/".join(parts)


def _masked_name(value: str) -> str:
    return repr(mask_name(value))


def _masked_id(value: str) -> str:
    return repr(mask_id_number(value))


def _masked_phone(value: str) -> str:
    return repr(mask_phone(value))


_T = TypeVar("_T")


def assembled(cls: type[_T], **values: Any) -> _T:  # noqa: ANN401
    """Return an instance of an attrs class built from ``values`` without running its checks.

    Only for rows a reader has already checked with the very functions the constructor would
    run; every field must be given.
    """
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(a.name for a in attrs.fields(cls))  # type: ignore[arg-type]
    obj = object.__new__(cls)
    for name in names:
        object.__setattr__(obj, name, values[name])
    return obj


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def months_after(day: dt.date, months: int) -> dt.date:
    """Return ``day`` plus calendar months, clamped to the month's end (relativedelta)."""
    result: dt.date = day + relativedelta(months=months)
    return result
