"""Ledger schemas: the fields of each ledger, the headers real ledgers use, and cell parsing.

A ledger file is a table whose header names fields: ``户编号`` or ``household_id`` name the
household id, ``识别时间`` or ``纳入监测时间`` the identification date, and so on. A
:class:`HeaderMap` holds these names; users extend it for their own ledgers.

Cells are parsed here, once, for every reader: the object reader calls :meth:`Schema.parse_row`
on every row, and the columnar engine calls it on every row its SQL filter finds suspect, so the
two paths cannot report a row differently.

Cell meanings
-------------
* Surrounding blanks (space, tab, line breaks, the ideographic space U+3000) are removed; an
  empty cell is a missing value.
* Dates: ``2025-06-01``, ``2025/6/1``, ``2025.6.1``, ``2025年6月1日``, ``20250601``, optionally
  followed by a time of day (ignored); typed date cells (XLSX, Parquet) are taken as they are.
  Years outside 1900–2100 and impossible days (2月30日) are errors.
* Flags: 是/否, Y/N, 1/0, true/false, √/×; an empty flag is "no".
* Money: yuan, optional thousands separators, rounded to the fen (halves away from zero).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from xiaojie.errors import LedgerError
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
from xiaojie.ledgers._model import (
    BLANKS,
    MAX_HOUSEHOLD_SIZE,
    MONEY_LIMIT,
    Asset,
    AssistanceMeasure,
    FundRecord,
    Household,
    LedgerValueError,
    Member,
    Place,
    Problem,
    assembled,
    asset_problems,
    fund_problems,
    household_problems,
    problem_problems,
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


__all__ = [
    "BLANKS",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "Field",
    "FieldKind",
    "HeaderMap",
    "IssueKind",
    "LedgerKind",
    "ParsedRow",
    "Schema",
    "cell_text",
    "normalize_header",
    "schema_for",
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
INT_PATTERN = r"[0-9]+"
PHONE_PATTERN = r"[0-9][0-9-]{4,19}"
KEY_PATTERN = "[^" + BLANKS + "]+"
LIST_SEPARATORS = r"[、,，;；/ ]+"

_DATE = re.compile(DATE_PATTERN)
_COMPACT_DATE = re.compile(COMPACT_DATE_PATTERN)
_MONEY = re.compile(MONEY_PATTERN)
_INT = re.compile(INT_PATTERN)
_PHONE = re.compile(PHONE_PATTERN)
_KEY = re.compile(KEY_PATTERN)
_LIST_SPLIT = re.compile(LIST_SEPARATORS)
_FOUND_LIMIT = 60


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
        The accepted range of an ``INT`` field.
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
            case FieldKind.ID_NUMBER:
                return mask_id_number(text)
            case FieldKind.PHONE:
                return mask_phone(text)
            case _:
                shown = scrub(text)
                return shown if len(shown) <= _FOUND_LIMIT else shown[: _FOUND_LIMIT - 1] + "…"


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


@attrs.frozen
class HeaderMap:
    """Which header names which field, for one ledger.

    :meth:`default` gives the headers of real ledgers (Chinese and English); :meth:`extend`
    adds a user's own. Headers are compared after :func:`normalize_header`.

    Examples
    --------
    >>> headers = HeaderMap.default("households").extend({"村名": "village"})
    >>> headers.field("村名"), headers.field("纳入监测时间"), headers.field("致贫/返贫风险2")
    ('village', 'identified_on', 'risk_2')
    >>> headers.field("备注") is None
    True
    >>> headers.extend({"村名": "hamlet"})
    Traceback (most recent call last):
    ...
    xiaojie.errors.LedgerError: header map for households: expected a field name (household_id, head_name, ...), found 'hamlet' for header '村名'
    """

    ledger: LedgerKind = attrs.field(converter=LedgerKind)
    table: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def default(cls, ledger: LedgerKind | str) -> HeaderMap:
        """Return the built-in header map of ``ledger``."""
        schema = schema_for(ledger)
        table: dict[str, str] = {}
        for field in schema.fields:
            for header in (field.name, field.label, *field.headers):
                table.setdefault(normalize_header(header), field.name)
        return cls(schema.ledger, table)

    def extend(self, extra: Mapping[str, str]) -> HeaderMap:
        """Return a map that also reads each header of ``extra`` as the given field.

        Raises
        ------
        LedgerError
            If a target is not a field of this ledger.
        """
        names = schema_for(self.ledger).names
        table = dict(self.table)
        for header, name in extra.items():
            if name not in names:
                shown = ", ".join(list(names)[:2])
                msg = (
                    f"header map for {self.ledger}: expected a field name ({shown}, ...), "
                    f"found {name!r} for header {header!r}"
                )
                raise LedgerError(msg)
            table[normalize_header(header)] = name
        return HeaderMap(self.ledger, table)

    def field(self, header: str) -> str | None:
        """Return the field a header names, or ``None`` if it names none."""
        return self.table.get(normalize_header(header))

    def headers_for(self, name: str) -> tuple[str, ...]:
        """Return the (normalised) headers that name field ``name``."""
        return tuple(h for h, f in self.table.items() if f == name)


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
        raise _Bad(IssueKind.BAD_KEY, "an id without spaces")
    return text


def _text(field: Field, text: str) -> object:
    del field
    return text


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
    plain = text.replace(",", "").replace("，", "")
    if not _MONEY.fullmatch(plain):
        raise _Bad(IssueKind.BAD_NUMBER, "an amount in yuan such as 8523.50")
    return _money(decimal.Decimal(plain))


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


def _phone(field: Field, text: str) -> object:
    del field
    if not _PHONE.fullmatch(text):
        raise _Bad(IssueKind.BAD_PHONE, "5-20 digits or hyphens")
    return text


_TEXT_PARSERS: dict[FieldKind, Callable[[Field, str], object]] = {
    FieldKind.KEY: _key,
    FieldKind.TEXT: _text,
    FieldKind.NAME: _text,
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
    raise _Bad(IssueKind.BAD_TYPE, f"a {kind.value} value")


def parse_cell(field: Field, raw: object) -> tuple[object, IssueKind | None, str]:
    """Parse one cell: return ``(value, None, "")`` or ``(None, issue, expected)``.

    A missing value comes back as ``None`` (``False`` for a flag) without an issue; whether it
    is required is the row's business.

    Examples
    --------
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


# -- schemas --------------------------------------------------------------------------------


@attrs.frozen
class ParsedRow:
    """The result of parsing one row: the object, or the issues that stopped it.

    ``issues`` holds ``(field, kind, expected, found)`` with ``found`` already masked.
    """

    value: Any
    issues: tuple[tuple[str, IssueKind, str, str], ...]
    key: str | None


Builder = Callable[[dict[str, Any]], Any]
Checker = Callable[[dict[str, Any]], Iterator[tuple[str, str, str]]]


@attrs.frozen
class Schema:
    """The fields of one ledger and how a parsed row becomes an object.

    Parameters
    ----------
    ledger
        Which ledger.
    fields
        The fields, in output order.
    key
        The fields whose values identify a row (duplicates are errors).
    build
        Makes the object from parsed values.
    check
        Yields ``(field, expected, found)`` for cross-field contradictions.
    """

    ledger: LedgerKind
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    build: Builder = attrs.field(eq=False, repr=False)
    check: Checker = attrs.field(eq=False, repr=False)
    _by_name: dict[str, Field] = attrs.field(init=False, eq=False, repr=False)
    _required: tuple[Field, ...] = attrs.field(init=False, eq=False, repr=False)
    _required_key: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "_required", tuple(f for f in self.fields if f.required))
        object.__setattr__(
            self, "_required_key", tuple(k for k in self.key if self._by_name[k].required)
        )

    @property
    def names(self) -> dict[str, Field]:
        """Fields by name."""
        return self._by_name

    def field(self, name: str) -> Field:
        """Return the field called ``name``.

        Raises
        ------
        LedgerError
            If the ledger has no such field.
        """
        try:
            return self._by_name[name]
        except KeyError:
            msg = f"{self.ledger}: expected a field name, found {name!r}"
            raise LedgerError(msg) from None

    def parse_row(self, cells: Mapping[str, object]) -> ParsedRow | None:
        """Parse one row given as ``{field: raw cell}``; ``None`` if every cell is blank.

        Every problem is reported: each unparseable or missing cell, then (when the cells
        they need are readable) every cross-field contradiction.
        """
        by_name = self._by_name
        return self.parse_items([(by_name[name], raw) for name, raw in cells.items()])

    def parse_items(self, items: Sequence[tuple[Field, object]]) -> ParsedRow | None:
        """Parse one row given as ``(field, raw cell)`` pairs (see :meth:`parse_row`)."""
        values: dict[str, Any] = {}
        issues: list[tuple[str, IssueKind, str, str]] = []
        bad: set[str] = set()
        blank = True
        for field, raw in items:
            if raw is None:
                continue
            if type(raw) is str:
                text = raw.strip(BLANKS)
                if not text:
                    continue
                blank = False
                try:
                    values[field.name] = field.parser(field, text)
                except _Bad as failure:
                    bad.add(field.name)
                    issues.append((field.name, failure.kind, failure.expected, field.mask(text)))
                except (decimal.InvalidOperation, ValueError, OverflowError):
                    bad.add(field.name)
                    issues.append((field.name, IssueKind.BAD_NUMBER, "a number", field.mask(text)))
                continue
            blank = False
            value, issue, expected = parse_cell(field, raw)
            if issue is not None:
                bad.add(field.name)
                issues.append((field.name, issue, expected, field.mask(_found_text(raw))))
            elif value is not None:
                values[field.name] = value
        if blank:
            return None
        for field in self._required:
            if field.name not in values and field.name not in bad:
                bad.add(field.name)
                issues.append((field.name, IssueKind.MISSING, f"a {field.label}", ""))
        key = None
        if all(values.get(k) is not None for k in self._required_key):
            key = "\x1f".join(str(values.get(k) or "") for k in self.key)
        if not bad & CHECK_INPUTS[self.ledger]:
            for name, expected, found in self.check(values):
                kind = (
                    IssueKind.INCOMPLETE if name.startswith("measure_") else IssueKind.INCONSISTENT
                )
                issues.append((name, kind, expected, found))
        if issues:
            return ParsedRow(None, tuple(issues), key)
        try:
            obj = self.build(values)
        except LedgerValueError as err:
            where = err.field if err.field in self._by_name else self.fields[0].name
            return ParsedRow(None, ((where, IssueKind.INCONSISTENT, err.expected, err.found),), key)
        return ParsedRow(obj, (), key)


def _place(values: Mapping[str, Any]) -> Place:
    return Place(
        values.get("county") or "", values.get("township") or "", values.get("village") or ""
    )


# Households ---------------------------------------------------------------------------------

RISK_COLUMNS = 5
MEASURE_COLUMNS = 8


def _household_fields() -> tuple[Field, ...]:
    fields = [
        Field(
            "household_id", FieldKind.KEY, "户编号", ("户码", "household id", "id"), required=True
        ),
        Field("head_name", FieldKind.NAME, "户主姓名", ("姓名", "户主", "name", "head name")),
        Field(
            "head_id_number",
            FieldKind.ID_NUMBER,
            "证件号码",
            ("户主证件号码", "身份证号", "身份证号码", "户主身份证号", "id number"),
        ),
        Field("phone", FieldKind.PHONE, "联系电话", ("户联系电话", "手机号", "手机号码", "电话")),
        Field("county", FieldKind.TEXT, "县(市、区)", ("县(市、区、旗)", "县", "县区", "县(区)")),
        Field("township", FieldKind.TEXT, "乡(镇)", ("乡镇", "乡(镇、街道)", "乡")),
        Field("village", FieldKind.TEXT, "行政村", ("村", "村(社区)", "村名")),
        Field(
            "kind",
            FieldKind.ENUM,
            "户类型",
            ("household type", "household kind"),
            enum=HouseholdKind,
            required=True,
        ),
        Field(
            "monitoring_category",
            FieldKind.ENUM,
            "监测对象类别",
            ("易返贫致贫户(监测对象)类型", "监测对象类型", "category"),
            enum=MonitoringCategory,
        ),
        Field(
            "risks",
            FieldKind.ENUM_LIST,
            "风险类型",
            ("致贫返贫风险", "致贫/返贫风险"),
            enum=RiskType,
        ),
    ]
    fields.extend(
        Field(
            f"risk_{k}",
            FieldKind.ENUM,
            f"致贫返贫风险{k}",
            (f"致贫/返贫风险{k}", f"风险类型{k}", f"风险{k}", f"致贫原因{k}"),
            enum=RiskType,
        )
        for k in range(1, RISK_COLUMNS + 1)
    )
    fields.extend(
        [
            Field(
                "discovery",
                FieldKind.ENUM,
                "风险线索来源",
                ("线索来源", "发现方式", "发现渠道", "discovery channel"),
                enum=DiscoveryChannel,
            ),
            Field(
                "clue_on",
                FieldKind.DATE,
                "风险线索发现时间",
                ("线索发现时间", "发现风险线索时间", "风险发现时间", "clue date"),
            ),
            Field(
                "identified_on",
                FieldKind.DATE,
                "识别时间",
                (
                    "纳入监测时间",
                    "识别认定时间",
                    "风险识别时间",
                    "识别纳入时间",
                    "identification date",
                ),
            ),
            Field(
                "fast_track", FieldKind.FLAG, "绿色通道", ("是否绿色通道", "是否通过绿色通道纳入")
            ),
        ]
    )
    for k in range(1, MEASURE_COLUMNS + 1):
        fields.append(
            Field(
                f"measure_{k}",
                FieldKind.ENUM,
                f"帮扶措施{k}",
                (f"帮扶措施类型{k}", f"措施{k}"),
                enum=MeasureKind,
            )
        )
        fields.append(
            Field(
                f"measure_{k}_start",
                FieldKind.DATE,
                f"帮扶措施{k}开始时间",
                (f"帮扶措施{k}落实时间", f"帮扶措施{k}时间", f"措施{k}时间"),
            )
        )
    fields.extend(
        [
            Field(
                "eliminated_on", FieldKind.DATE, "风险消除时间", ("消除时间", "elimination date")
            ),
            Field(
                "elimination_mode",
                FieldKind.ENUM,
                "风险消除方式",
                ("消除方式",),
                enum=EliminationMode,
            ),
            Field(
                "income_per_capita",
                FieldKind.MONEY,
                "人均纯收入",
                ("家庭人均纯收入", "人均纯收入(元)", "家庭人均纯收入(元)", "income"),
            ),
            Field(
                "size",
                FieldKind.INT,
                "家庭人口数",
                ("人数", "家庭人口", "household size"),
                minimum=1,
                maximum=MAX_HOUSEHOLD_SIZE,
            ),
            Field(
                "no_labour",
                FieldKind.FLAG,
                "整户无劳动能力",
                ("整户无劳动能力兜底保障户", "是否整户无劳动能力"),
            ),
        ]
    )
    return tuple(fields)


_MEASURE_KEYS = tuple(
    (k, f"measure_{k}", f"measure_{k}_start") for k in range(1, MEASURE_COLUMNS + 1)
)
_RISK_KEYS = tuple(f"risk_{k}" for k in range(1, RISK_COLUMNS + 1))
_PLACES: dict[tuple[str, str, str], Place] = {}


def _household_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for k, kind_key, start_key in _MEASURE_KEYS:
        kind, start = values.get(kind_key), values.get(start_key)
        if kind is None and start is None:
            continue
        if kind is not None and start is None:
            yield (f"measure_{k}_start", f"a start date for 帮扶措施{k}", "none")
        if kind is None and start is not None:
            yield (f"measure_{k}", f"a kind for the 帮扶措施{k} starting {start}", "none")
    kind = values.get("kind")
    if kind is None:
        return
    yield from household_problems(
        kind=kind,
        monitoring_category=values.get("monitoring_category") or MonitoringCategory.UNSPECIFIED,
        clue_on=values.get("clue_on"),
        identified_on=values.get("identified_on"),
        eliminated_on=values.get("eliminated_on"),
        elimination_mode=values.get("elimination_mode"),
    )


def _household_build(values: dict[str, Any]) -> Household:
    """Build a household from a parsed row whose every check has passed.

    The row's cells were parsed by the field parsers and its contradictions looked for with
    :func:`household_problems`, which are the checks ``Household`` runs on construction, so
    the objects are assembled without running them again (see :func:`assembled`). The tests
    rebuild every household the readers make through the validating constructor.
    """
    risks: list[RiskType] = []
    for risk in (*(values.get("risks") or ()), *(values.get(key) for key in _RISK_KEYS)):
        if risk is not None and risk not in risks:
            risks.append(risk)
    measures = tuple(
        assembled(AssistanceMeasure, kind=values[kind_key], start=values[start_key])
        for _, kind_key, start_key in _MEASURE_KEYS
        if kind_key in values
    )
    where = (values.get("county") or "", values.get("township") or "", values.get("village") or "")
    place = _PLACES.get(where)
    if place is None:
        if len(_PLACES) > 100_000:
            _PLACES.clear()
        place = _PLACES[where] = assembled(
            Place, county=where[0], township=where[1], village=where[2]
        )
    name = values.get("head_name") or ""
    number = values.get("head_id_number") or ""
    phone = values.get("phone") or ""
    members = (
        (assembled(Member, name=name, id_number=number, phone=phone, relation="户主"),)
        if name or number or phone
        else ()
    )
    return assembled(
        Household,
        id=values["household_id"],
        place=place,
        kind=values["kind"],
        monitoring_category=values.get("monitoring_category") or MonitoringCategory.UNSPECIFIED,
        risks=tuple(risks),
        discovery=values.get("discovery"),
        clue_on=values.get("clue_on"),
        identified_on=values.get("identified_on"),
        fast_track=bool(values.get("fast_track")),
        measures=measures,
        eliminated_on=values.get("eliminated_on"),
        elimination_mode=values.get("elimination_mode"),
        income_per_capita=values.get("income_per_capita"),
        size=values.get("size"),
        no_labour=bool(values.get("no_labour")),
        members=members,
    )


# Assets -------------------------------------------------------------------------------------


def _asset_fields() -> tuple[Field, ...]:
    return (
        Field("asset_id", FieldKind.KEY, "资产编号", ("资产代码", "asset id", "id"), required=True),
        Field("project", FieldKind.TEXT, "项目名称", ("资产名称", "project name")),
        Field("county", FieldKind.TEXT, "县(市、区)", ("县(市、区、旗)", "县", "县区", "县(区)")),
        Field("township", FieldKind.TEXT, "乡(镇)", ("乡镇", "乡(镇、街道)", "乡")),
        Field("village", FieldKind.TEXT, "行政村", ("村", "村(社区)", "村名")),
        Field(
            "asset_class",
            FieldKind.ENUM,
            "资产类别",
            ("资产类型", "class"),
            enum=AssetClass,
            required=True,
        ),
        Field("value", FieldKind.MONEY, "资产原值", ("资产原值(元)", "资产价值"), required=True),
        Field(
            "funding_year",
            FieldKind.INT,
            "形成年度",
            ("资金年度", "立项年度", "年度"),
            required=True,
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
        ),
        Field(
            "state",
            FieldKind.ENUM,
            "资产状态",
            ("使用状态", "运营状态"),
            enum=AssetState,
            required=True,
        ),
        Field(
            "responsible_unit",
            FieldKind.TEXT,
            "管护责任单位",
            ("管护主体", "管护单位", "责任单位"),
        ),
        Field("registered_on", FieldKind.DATE, "确权登记时间", ("确权时间",)),
        Field("handed_over_on", FieldKind.DATE, "资产移交时间", ("移交时间",)),
        Field("revitalised_on", FieldKind.DATE, "盘活时间", ("盘活利用时间",)),
        Field("scrapped", FieldKind.FLAG, "报废报损", ("是否报废报损",)),
        Field("written_off_on", FieldKind.DATE, "核销时间", ()),
    )


def _asset_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("funding_year") is None or values.get("state") is None:
        return
    yield from asset_problems(
        funding_year=values["funding_year"],
        state=values["state"],
        scrapped=bool(values.get("scrapped")),
        registered_on=values.get("registered_on"),
        handed_over_on=values.get("handed_over_on"),
        revitalised_on=values.get("revitalised_on"),
        written_off_on=values.get("written_off_on"),
    )


def _asset_build(values: dict[str, Any]) -> Asset:
    return Asset(
        id=values["asset_id"],
        project=values.get("project") or "",
        asset_class=values["asset_class"],
        value=values["value"],
        funding_year=values["funding_year"],
        state=values["state"],
        place=_place(values),
        responsible_unit=values.get("responsible_unit") or "",
        registered_on=values.get("registered_on"),
        handed_over_on=values.get("handed_over_on"),
        revitalised_on=values.get("revitalised_on"),
        scrapped=bool(values.get("scrapped")),
        written_off_on=values.get("written_off_on"),
    )


# Funds --------------------------------------------------------------------------------------


def _fund_fields() -> tuple[Field, ...]:
    return (
        Field(
            "county",
            FieldKind.TEXT,
            "县(市、区)",
            ("县(市、区、旗)", "县", "县区", "县(区)", "市、县(区)"),
            required=True,
        ),
        Field(
            "reported_on",
            FieldKind.DATE,
            "统计截止时间",
            ("截至时间", "统计时间", "填报时间", "report date"),
            required=True,
        ),
        Field(
            "allocated",
            FieldKind.MONEY,
            "下达资金",
            ("下达资金(元)", "资金规模", "下达金额"),
            required=True,
        ),
        Field(
            "spent",
            FieldKind.MONEY,
            "累计支出",
            ("累计支出(元)", "已支出", "支出金额"),
            required=True,
        ),
        Field(
            "industry",
            FieldKind.MONEY,
            "产业发展支出",
            ("用于产业发展", "产业发展资金", "industry spent"),
        ),
        Field("retention", FieldKind.MONEY, "项目质保金", ("质保金",)),
        Field("fund", FieldKind.TEXT, "资金类型", ("资金来源", "资金名称")),
    )


def _fund_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("allocated") is None or values.get("spent") is None:
        return
    zero = decimal.Decimal("0.00")
    yield from fund_problems(
        allocated=values["allocated"],
        spent=values["spent"],
        industry=values.get("industry") or zero,
        retention=values.get("retention") or zero,
    )


def _fund_build(values: dict[str, Any]) -> FundRecord:
    zero = decimal.Decimal("0.00")
    return FundRecord(
        county=values["county"],
        reported_on=values["reported_on"],
        allocated=values["allocated"],
        spent=values["spent"],
        industry=values.get("industry") or zero,
        retention=values.get("retention") or zero,
        fund=values.get("fund") or "",
    )


# Problems -----------------------------------------------------------------------------------


def _problem_fields() -> tuple[Field, ...]:
    return (
        Field("problem_id", FieldKind.KEY, "问题编号", ("编号", "problem id", "id"), required=True),
        Field("source", FieldKind.ENUM, "问题来源", (), enum=ProblemSource, required=True),
        Field(
            "description",
            FieldKind.TEXT,
            "问题表现",
            ("问题描述", "问题内容", "存在问题"),
            required=True,
        ),
        Field("measures", FieldKind.LINES, "整改措施", ()),
        Field("unit", FieldKind.TEXT, "整改责任单位", ("责任单位", "责任部门"), required=True),
        Field("deadline", FieldKind.DATE, "整改时限", ("完成时限", "整改期限"), required=True),
        Field(
            "state",
            FieldKind.ENUM,
            "整改状态",
            ("状态", "整改进展"),
            enum=ProblemState,
            required=True,
        ),
        Field("county", FieldKind.TEXT, "县(市、区)", ("县(市、区、旗)", "县", "县区", "县(区)")),
        Field("township", FieldKind.TEXT, "乡(镇)", ("乡镇",)),
        Field("village", FieldKind.TEXT, "行政村", ("村",)),
        Field("found_on", FieldKind.DATE, "发现时间", ("交办时间",)),
        Field("accepted_on", FieldKind.DATE, "验收时间", ()),
        Field("closed_on", FieldKind.DATE, "销号时间", ()),
    )


def _problem_check(values: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    if values.get("state") is None or values.get("deadline") is None:
        return
    yield from problem_problems(
        state=values["state"],
        measures=len(values.get("measures") or ()),
        found_on=values.get("found_on"),
        deadline=values["deadline"],
        accepted_on=values.get("accepted_on"),
        closed_on=values.get("closed_on"),
    )


def _problem_build(values: dict[str, Any]) -> Problem:
    return Problem(
        id=values["problem_id"],
        source=values["source"],
        description=values["description"],
        measures=values.get("measures") or (),
        unit=values["unit"],
        deadline=values["deadline"],
        state=values["state"],
        place=_place(values),
        found_on=values.get("found_on"),
        accepted_on=values.get("accepted_on"),
        closed_on=values.get("closed_on"),
    )


_SCHEMAS: dict[LedgerKind, Schema] = {
    LedgerKind.HOUSEHOLDS: Schema(
        LedgerKind.HOUSEHOLDS,
        _household_fields(),
        ("household_id",),
        _household_build,
        _household_check,
    ),
    LedgerKind.ASSETS: Schema(
        LedgerKind.ASSETS, _asset_fields(), ("asset_id",), _asset_build, _asset_check
    ),
    LedgerKind.FUNDS: Schema(
        LedgerKind.FUNDS,
        _fund_fields(),
        ("county", "reported_on", "fund"),
        _fund_build,
        _fund_check,
    ),
    LedgerKind.PROBLEMS: Schema(
        LedgerKind.PROBLEMS, _problem_fields(), ("problem_id",), _problem_build, _problem_check
    ),
}

#: Fields whose failure to parse makes cross-field checks meaningless (they are skipped then).
CHECK_INPUTS: dict[LedgerKind, frozenset[str]] = {
    LedgerKind.HOUSEHOLDS: frozenset(
        {
            "kind",
            "monitoring_category",
            "clue_on",
            "identified_on",
            "eliminated_on",
            "elimination_mode",
            *(f"measure_{k}" for k in range(1, MEASURE_COLUMNS + 1)),
            *(f"measure_{k}_start" for k in range(1, MEASURE_COLUMNS + 1)),
        }
    ),
    LedgerKind.ASSETS: frozenset(
        {
            "funding_year",
            "state",
            "scrapped",
            "registered_on",
            "handed_over_on",
            "revitalised_on",
            "written_off_on",
        }
    ),
    LedgerKind.FUNDS: frozenset({"allocated", "spent", "industry", "retention"}),
    LedgerKind.PROBLEMS: frozenset(
        {"state", "measures", "found_on", "deadline", "accepted_on", "closed_on"}
    ),
}


def schema_for(ledger: LedgerKind | str) -> Schema:
    """Return the schema of ``ledger`` (``households``, ``assets``, ``funds`` or ``problems``).

    Raises
    ------
    LedgerError
        If there is no such ledger.

    Examples
    --------
    >>> [f.name for f in schema_for("funds").fields][:4]
    ['county', 'reported_on', 'allocated', 'spent']
    """
    try:
        return _SCHEMAS[LedgerKind(ledger)]
    except ValueError:
        known = ", ".join(k.value for k in LedgerKind)
        msg = f"ledger: expected one of {known}, found {ledger!r}"
        raise LedgerError(msg) from None


def describe_issue(field: Field, kind: IssueKind, expected: str, found: str) -> str:
    """Return the message of one issue: ``<label>: expected …, found …``."""
    if kind is IssueKind.MISSING:
        return f"{field.label}: expected a value, found an empty cell"
    shown = (
        f"{found!r}"
        if kind not in {IssueKind.INCONSISTENT, IssueKind.INCOMPLETE, IssueKind.DUPLICATE}
        else found
    )
    return f"{field.label}: expected {expected}, found {shown}"


def mapped_fields(
    header_row: Sequence[object], headers: HeaderMap
) -> tuple[dict[str, int], list[str], list[tuple[str, str]]]:
    """Map a header row to fields: ``({field: column index}, ignored, duplicated)``.

    ``duplicated`` lists ``(header, field)`` for a header naming a field already named by an
    earlier column; the earlier column wins.
    """
    index: dict[str, int] = {}
    ignored: list[str] = []
    duplicated: list[tuple[str, str]] = []
    for i, cell in enumerate(header_row):
        text = cell_text(cell)
        if text is None or not text.strip(BLANKS):
            continue
        name = headers.field(text)
        if name is None:
            ignored.append(text)
        elif name in index:
            duplicated.append((text, name))
        else:
            index[name] = i
    return index, ignored, duplicated
