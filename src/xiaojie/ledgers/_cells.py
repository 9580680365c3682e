"""Ledger cells: the field kinds, the header vocabulary and parsing one cell."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import re
import unicodedata
from collections.abc import Callable

import attrs

from xiaojie._privacy import mask_health, owner_names, remember_names
from xiaojie.ledgers._enums import (
    LedgerEnum,
)
from xiaojie.ledgers._model import (
    BLANKS,
    MONEY_LIMIT,
)
from xiaojie.ledgers._privacy import (
    MAX_YEAR,
    MIN_YEAR,
    id_number_problem,
    mask_id_number,
    mask_name,
    mask_phone,
    scrub,
)
from xiaojie.ledgers._values import INVISIBLES, KEY_REFUSED


__all__ = [
    "BLANKS",
    "FALSE_WORDS",
    "INVISIBLES",
    "KEY_REFUSED",
    "TRUE_WORDS",
    "Field",
    "FieldKind",
    "IssueKind",
    "LedgerKind",
    "cell_text",
    "normalize_header",
    "parse_cell",
]

#: Flag words meaning yes / no.
TRUE_WORDS = frozenset({"是", "Y", "y", "1", "true", "True", "TRUE", "yes", "Yes", "YES", "√", "✓"})
FALSE_WORDS = frozenset(
    {"否", "N", "n", "0", "false", "False", "FALSE", "no", "No", "NO", "×", "✗"}
)
#: Date texts (year, month, day groups); shared with the SQL of the columnar engine.
DATE_PATTERN = (
    r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?"
    r"(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
)
COMPACT_DATE_PATTERN = r"([0-9]{4})([0-9]{2})([0-9]{2})"
MONEY_PATTERN = r"-?[0-9]+(?:\.[0-9]+)?"
MONEY_TEXT_PATTERN = r"-?(?:[0-9]+|[0-9]{1,3}(?:[,，][0-9]{3})+)(?:\.[0-9]+)?"
"""An amount as a cell writes it: commas only between groups of three digits (7,800.50; not
8600,5, a decimal comma read as 86005)."""
INT_PATTERN = r"[0-9]+"
PHONE_PATTERN = r"[0-9][0-9-]{4,19}"
KEY_PATTERN = "[^" + KEY_REFUSED + "]+"
LIST_SEPARATORS = r"[、,，;；/ ]+"

_DATE = re.compile(DATE_PATTERN)
_COMPACT_DATE = re.compile(COMPACT_DATE_PATTERN)
_MONEY = re.compile(MONEY_PATTERN)
_MONEY_TEXT = re.compile(MONEY_TEXT_PATTERN)
_INT = re.compile(INT_PATTERN)
_PHONE = re.compile(PHONE_PATTERN)
_KEY = re.compile(KEY_PATTERN)
_LIST_SPLIT = re.compile(LIST_SEPARATORS)
_FOUND_LIMIT = 60
_LONG_NUMBER = re.compile("[0-9０-９]{16,}")
"""Sixteen digits or more in a cell: a bank card, maybe one whose spreadsheet number lost its
last digits (and its Luhn check digit with them): 6222021234567890128 read as
6222021234567890000 is no card to :func:`scrub`, but still shows the card's first 16 digits."""
_ID_CHARS = re.compile("[0-9Xx０-９Ｘｘ]+")
"""What an identity number, however wrong, is made of: its masked ends show nothing else."""
_PHONE_CHARS = re.compile(r"[0-9０-９+＋\-－() ]+")


class LedgerKind(enum.StrEnum):
    """The four ledgers (台账) the rules read."""

    HOUSEHOLDS = "households"
    ASSETS = "assets"
    FUNDS = "funds"
    PROBLEMS = "problems"


class FieldKind(enum.Enum):
    """How a field's cells are read."""

    KEY = "key"
    TEXT = "text"
    LINES = "lines"
    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    DATE = "date"
    FLAG = "flag"
    MONEY = "money"
    INT = "int"
    ENUM = "enum"
    ENUM_LIST = "enum_list"

    @property
    def personal(self) -> bool:
        """Whether cells of this kind are personal data (always masked)."""
        return self in {FieldKind.NAME, FieldKind.ID_NUMBER, FieldKind.PHONE}


class IssueKind(enum.StrEnum):
    """What is wrong with a cell or row."""

    MISSING = "missing"
    BAD_KEY = "bad_key"
    BAD_DATE = "bad_date"
    BAD_NUMBER = "bad_number"
    BAD_FLAG = "bad_flag"
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_VALUE = "unknown_value"
    BAD_ID_NUMBER = "bad_id_number"
    BAD_PHONE = "bad_phone"
    BAD_TYPE = "bad_type"
    INCOMPLETE = "incomplete"
    INCONSISTENT = "inconsistent"
    DUPLICATE = "duplicate"


@attrs.frozen
class Field:
    """One field of a ledger: its name, how it is read and the headers that name it.

    Parameters
    ----------
    name
        The canonical (English) field name, also the header written in outputs.
    kind
        How cells are read.
    label
        The Chinese header used in messages and outputs.
    headers
        Further headers that name the field.
    enum
        The vocabulary of an ``ENUM`` or ``ENUM_LIST`` field.
    required
        Whether a row must have a value.
    minimum, maximum
        The accepted range of an ``INT`` field; ``minimum`` is also the least amount of a
        ``MONEY`` field that has one (资产原值 is at least 0).
    """

    name: str
    kind: FieldKind
    label: str
    headers: tuple[str, ...] = ()
    enum: type[LedgerEnum] | None = None
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    parser: Callable[[Field, str], object] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "parser", _TEXT_PARSERS[self.kind])

    @property
    def personal(self) -> bool:
        """Whether the field holds personal data."""
        return self.kind.personal

    def mask(self, text: str) -> str:
        """Return ``text`` as it may be shown for this field (masked, scrubbed, shortened)."""
        match self.kind:
            case FieldKind.NAME:
                return mask_name(text)
            case FieldKind.ID_NUMBER if _ID_CHARS.fullmatch(text):
                return mask_id_number(text)
            case FieldKind.PHONE if _PHONE_CHARS.fullmatch(text):
                return mask_phone(text)
            case FieldKind.ID_NUMBER | FieldKind.PHONE:
                # not a number: the ends kept by the masks above may be a name or an illness
                return "*" * min(len(text), _FOUND_LIMIT)
            case FieldKind.KEY:
                # a household's or an asset's own number, however long, names the row
                shown = mask_health(scrub(text))
            case _:
                shown = _LONG_NUMBER.sub(_mask_long, mask_health(scrub(text)))
        # a cell that runs over lines (an unbalanced quote in a CSV swallows the rows after
        # it, their names unknown to the masking) is shown up to its first break
        first, broken, _ = shown.partition("\n")
        if broken:
            return first[: _FOUND_LIMIT - 1] + "…"
        return shown if len(shown) <= _FOUND_LIMIT else shown[: _FOUND_LIMIT - 1] + "…"


def _mask_long(match: re.Match[str]) -> str:
    return mask_id_number(match.group(0))


def normalize_header(header: str) -> str:
    """Return the comparison form of a header: NFKC, no blanks, no ``*`` marks, ASCII lowercase.

    Full-width brackets become ASCII ones, so ``县（市、区）`` and ``县(市、区)`` are the same header.

    Examples
    --------
    >>> normalize_header(" 县（市、区） ")
    '县(市、区)'
    >>> normalize_header("*Household ID")
    'householdid'
    """
    text = unicodedata.normalize("NFKC", header)
    text = "".join(ch for ch in text if not ch.isspace() and ch not in "*_")
    return (
        text.lower()
        if text.isascii()
        else "".join(ch.lower() if ch.isascii() else ch for ch in text)
    )


# -- cell parsing --------------------------------------------------------------------------


def cell_text(value: object) -> str | None:
    """Return the text of a spreadsheet cell, as both readers see it.

    Dates and datetimes become ISO dates (a time of day is kept after a space), integral
    numbers lose their ``.0``, other numbers are written out without an exponent, and flags
    become 是/否.

    Examples
    --------
    >>> import datetime as dt
    >>> cell_text(dt.datetime(2025, 6, 1)), cell_text(4.0), cell_text(8523.5), cell_text(True)
    ('2025-06-01', '4', '8523.5', '是')
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(decimal.Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Bad(Exception):  # noqa: N818 - internal signal, never escapes
    def __init__(self, kind: IssueKind, expected: str) -> None:
        self.kind = kind
        self.expected = expected


def _text_date(text: str) -> dt.date:
    match = _DATE.fullmatch(text) or _COMPACT_DATE.fullmatch(text)
    if match is None:
        raise _Bad(IssueKind.BAD_DATE, "a date such as 2025-06-01 or 2025年6月1日")
    try:
        day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise _Bad(IssueKind.BAD_DATE, "a real calendar date") from None
    return _year_checked(day)


def _year_checked(day: dt.date) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _Bad(IssueKind.BAD_DATE, f"a date between {MIN_YEAR} and {MAX_YEAR}")
    return day


def _money(amount: decimal.Decimal) -> decimal.Decimal:
    rounded = amount.quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)
    if abs(rounded) >= MONEY_LIMIT:
        raise _Bad(IssueKind.OUT_OF_RANGE, "an amount below 10**16 yuan")
    return rounded


def _int_checked(field: Field, number: int) -> int:
    if (field.minimum is not None and number < field.minimum) or (
        field.maximum is not None and number > field.maximum
    ):
        raise _Bad(IssueKind.OUT_OF_RANGE, f"a whole number {field.minimum}-{field.maximum}")
    return number


def _key(field: Field, text: str) -> object:
    del field
    if not _KEY.fullmatch(text):
        raise _Bad(IssueKind.BAD_KEY, "an id without spaces or invisible characters")
    return text


def _text(field: Field, text: str) -> object:
    if field.name in OWNER_FIELDS:  # an asset kept by a household names its head (bad rows too)
        remember_names(owner_names(text))
    return text


OWNER_FIELDS = ("responsible_unit", "unit")
"""The owners of assets and problems, which may name a person (到户类: the household's head)."""


def _lines(field: Field, text: str) -> object:
    del field
    return tuple(part.strip(BLANKS) for part in re.split(r"[;；\n]+", text) if part.strip(BLANKS))


def _date_text(field: Field, text: str) -> object:
    del field
    return _text_date(text)


def _flag(field: Field, text: str) -> object:
    del field
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise _Bad(IssueKind.BAD_FLAG, "是 or 否")


def _money_text(field: Field, text: str) -> object:
    del field
    if not _MONEY_TEXT.fullmatch(text):
        raise _Bad(IssueKind.BAD_NUMBER, "an amount in yuan such as 8523.50")
    return _money(decimal.Decimal(text.replace(",", "").replace("，", "")))


def _int_text(field: Field, text: str) -> object:
    if not _INT.fullmatch(text):
        raise _Bad(IssueKind.BAD_NUMBER, "a whole number")
    return _int_checked(field, int(text))


def _unknown(field: Field) -> _Bad:
    assert field.enum is not None  # noqa: S101 - schema invariant
    return _Bad(IssueKind.UNKNOWN_VALUE, "one of " + "、".join(m.value for m in field.enum))


def _enum(field: Field, text: str) -> object:
    assert field.enum is not None  # noqa: S101 - schema invariant
    member = field.enum.aliases().get(text)
    if member is None:
        raise _unknown(field)
    return member


def _enum_list(field: Field, text: str) -> object:
    assert field.enum is not None  # noqa: S101 - schema invariant
    table = field.enum.aliases()
    members = []
    for part in _LIST_SPLIT.split(text):
        member = table.get(part)
        if member is None:
            raise _unknown(field)
        members.append(member)
    return tuple(members)


def _id_number(field: Field, text: str) -> object:
    del field
    problem = id_number_problem(text)
    if problem is not None:
        raise _Bad(IssueKind.BAD_ID_NUMBER, f"a valid GB 11643-1999 identity number ({problem})")
    return text


def _name(field: Field, text: str) -> object:
    """Read a person's name as text and make it known to the personal-data filter."""
    remember_names((text,))
    return _text(field, text)


def _phone(field: Field, text: str) -> object:
    del field
    if not _PHONE.fullmatch(text):
        raise _Bad(IssueKind.BAD_PHONE, "5-20 digits or hyphens")
    return text


_TEXT_PARSERS: dict[FieldKind, Callable[[Field, str], object]] = {
    FieldKind.KEY: _key,
    FieldKind.TEXT: _text,
    FieldKind.NAME: _name,
    FieldKind.LINES: _lines,
    FieldKind.DATE: _date_text,
    FieldKind.FLAG: _flag,
    FieldKind.MONEY: _money_text,
    FieldKind.INT: _int_text,
    FieldKind.ENUM: _enum,
    FieldKind.ENUM_LIST: _enum_list,
    FieldKind.ID_NUMBER: _id_number,
    FieldKind.PHONE: _phone,
}


def _parse_text(field: Field, text: str) -> object:
    return _TEXT_PARSERS[field.kind](field, text)


def _parse_typed(field: Field, value: object) -> object:
    kind = field.kind
    if kind is FieldKind.DATE:
        if isinstance(value, dt.datetime):
            return _year_checked(value.date())
        if isinstance(value, dt.date):
            return _year_checked(value)
    elif kind is FieldKind.FLAG:
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            if value in {0, 1}:
                return value == 1
            raise _Bad(IssueKind.BAD_FLAG, "是 or 否 (1 or 0)")
    elif kind is FieldKind.INT:
        if isinstance(value, int) and not isinstance(value, bool):
            return _int_checked(field, value)
        if isinstance(value, float | decimal.Decimal) and value == int(value):
            return _int_checked(field, int(value))
    elif kind is FieldKind.MONEY:
        if isinstance(value, decimal.Decimal | int) and not isinstance(value, bool):
            return _money(decimal.Decimal(value))
        if isinstance(value, float) and math.isfinite(value):
            return _money(decimal.Decimal(repr(value)))
    elif isinstance(value, int) and not isinstance(value, bool):
        return _parse_text(field, str(value))
    article = "an" if kind.value[0] in "aeiou" else "a"
    raise _Bad(IssueKind.BAD_TYPE, f"{article} {kind.value} value")


def parse_cell(field: Field, raw: object) -> tuple[object, IssueKind | None, str]:
    """Parse one cell: return ``(value, None, "")`` or ``(None, issue, expected)``.

    A missing value comes back as ``None`` (``False`` for a flag) without an issue; whether it
    is required is the row's business.

    Examples
    --------
    >>> from xiaojie.ledgers._schema import schema_for
    >>> f = schema_for("households").field("identified_on")
    >>> parse_cell(f, "2025年6月16日")
    (datetime.date(2025, 6, 16), None, '')
    >>> parse_cell(f, "2025-02-30")
    (None, <IssueKind.BAD_DATE: 'bad_date'>, 'a real calendar date')
    """
    try:
        if raw is None:
            value: object = None
        elif isinstance(raw, str):
            text = raw.strip(BLANKS)
            value = _parse_text(field, text) if text else None
        else:
            value = _parse_typed(field, raw)
    except _Bad as bad:
        return None, bad.kind, bad.expected
    except (decimal.InvalidOperation, ValueError, OverflowError):
        return None, IssueKind.BAD_NUMBER, "a number"
    if value is None and field.kind is FieldKind.FLAG:
        value = False
    return value, None, ""


def _found_text(raw: object) -> str:
    text = cell_text(raw)
    return "" if text is None else text.strip(BLANKS)
