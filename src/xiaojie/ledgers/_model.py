"""Typed ledger rows: households, members, assets, fund records and rectification problems.

Every class is a frozen attrs class, validated on construction. Problems are reported as a
:class:`LedgerValueError` that names the object (its id; masked when the id is personal data),
the field, what was expected and what was found. Lifecycle changes (identifying a household,
accepting a rectification …) are methods that return a new object and refuse impossible
transitions with a :class:`LifecycleError`.

The checks here are about what *cannot* be (an elimination before the identification, a
problem closed without acceptance). Whether a possible state breaks the plan (identified after
more than 15 days, say) is for the rules in :mod:`xiaojie.ledgers` to find.

Money is a :class:`~decimal.Decimal` in yuan, rounded to the fen (0.01, halves away from zero);
dates are :class:`datetime.date` (never ``datetime``) between 1900 and 2100.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

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
from xiaojie.ledgers._privacy import (
    MAX_YEAR,
    MIN_YEAR,
    id_number_problem,
    mask_id_number,
    mask_name,
    mask_phone,
)


__all__ = [
    "MAX_HOUSEHOLD_SIZE",
    "MONEY_LIMIT",
    "Asset",
    "AssistanceMeasure",
    "FundRecord",
    "Household",
    "LedgerValueError",
    "LifecycleError",
    "Member",
    "Place",
    "Problem",
    "Transition",
    "asset_problems",
    "fund_problems",
    "household_problems",
    "problem_problems",
    "to_money",
]

#: The largest household size accepted (家庭人口数).
MAX_HOUSEHOLD_SIZE = 99
#: Money amounts must be below this many yuan in absolute value (16 integer digits).
MONEY_LIMIT = decimal.Decimal(10) ** 16
_FEN = decimal.Decimal("0.01")
#: Characters that count as blank around (and, for ids, inside) a ledger text.
BLANKS = " \t\n\r\f\v\u3000"
_PHONE = re.compile(r"[0-9][0-9-]{4,19}")


class LedgerValueError(LedgerError):
    """An object in a ledger is invalid.

    Attributes
    ----------
    kind : str
        What the object is (``household``, ``asset`` …).
    object_id : str
        Its id, masked when the id is personal data.
    field : str
        The field that is wrong.
    expected : str
        What a valid value looks like.
    found : str
        What was found (masked when personal).
    """

    def __init__(self, kind: str, object_id: str, field: str, expected: str, found: str) -> None:
        self.kind = kind
        self.object_id = object_id
        self.field = field
        self.expected = expected
        self.found = found
        super().__init__(f"{kind} {object_id!r}: {field}: expected {expected}, found {found}")


class LifecycleError(LedgerValueError):
    """A lifecycle change is not allowed from the object's current state."""


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

    county: str = ""
    township: str = ""
    village: str = ""

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


@attrs.frozen(kw_only=True)
class Member:
    """A household member's personal data: name, citizen identity number and telephone.

    These are personal data: ``repr``, ``str`` and every error show them masked.

    Parameters
    ----------
    name
        The person's name (may be empty when only the number is known).
    id_number
        The 18-character GB 11643-1999 citizen identity number, or ``""``.
    phone
        A telephone number (digits and hyphens, 5–20 characters), or ``""``.
    relation
        与户主关系; ``户主`` for the head of household.

    Raises
    ------
    LedgerValueError
        If the identity number fails the GB 11643-1999 checks, the phone number is malformed,
        or no field identifies the person.

    Examples
    --------
    >>> Member(name="张三", id_number="11010519491231002X", phone="13812345678")
    Member(name='张*', id_number='1101**********002X', phone='138****5678', relation='户主')
    >>> Member(name="张三", id_number="110105194912310021")
    Traceback (most recent call last):
    ...
    xiaojie.ledgers._model.LedgerValueError: member '1101**********0021': id_number: expected a valid GB 11643-1999 identity number, found the check character does not match the checksum
    """

    name: str = attrs.field(default="", repr=_masked_name)
    id_number: str = attrs.field(default="", repr=_masked_id)
    phone: str = attrs.field(default="", repr=_masked_phone)
    relation: str = "户主"

    def __attrs_post_init__(self) -> None:
        oid = self.masked_id
        for field in ("name", "id_number", "phone", "relation"):
            _check_text("member", oid, field, getattr(self, field), required=False)
        if not (self.name or self.id_number or self.phone):
            raise LedgerValueError(
                "member", oid, "name", "a name, identity number or phone", "none of them"
            )
        if self.id_number:
            problem = id_number_problem(self.id_number)
            if problem is not None:
                raise LedgerValueError(
                    "member",
                    oid,
                    "id_number",
                    "a valid GB 11643-1999 identity number",
                    problem,
                )
        if self.phone and not _PHONE.fullmatch(self.phone):
            raise LedgerValueError(
                "member",
                oid,
                "phone",
                "5-20 digits or hyphens",
                repr(mask_phone(self.phone)),
            )

    @property
    def masked_id(self) -> str:
        """An id safe to show: the masked identity number, else the masked name or phone."""
        if self.id_number:
            return mask_id_number(self.id_number)
        if self.name:
            return mask_name(self.name)
        return mask_phone(self.phone)

    def __str__(self) -> str:
        return f"{mask_name(self.name)}({self.relation})"


@attrs.frozen
class AssistanceMeasure:
    """An assistance measure (帮扶措施) and the day it started.

    Examples
    --------
    >>> import datetime as dt
    >>> AssistanceMeasure("产业帮扶", "2025-06-05")
    AssistanceMeasure(kind=<MeasureKind.INDUSTRY: '产业帮扶'>, start=datetime.date(2025, 6, 5))
    """

    kind: MeasureKind = attrs.field(converter=_measure_kind)
    start: dt.date = attrs.field(converter=_date_converter)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, MeasureKind):
            raise LedgerValueError(
                "measure", "", "kind", "one of the 帮扶措施 kinds", repr(self.kind)
            )
        _check_date("measure", self.kind.value, "start", self.start, optional=False)


# -- households ------------------------------------------------------------------------------


def household_problems(
    *,
    kind: HouseholdKind,
    monitoring_category: MonitoringCategory,
    clue_on: dt.date | None,
    identified_on: dt.date | None,
    eliminated_on: dt.date | None,
    elimination_mode: EliminationMode | None,
) -> Iterator[tuple[str, str, str]]:
    """Yield ``(field, expected, found)`` for every cross-field rule a household breaks.

    These are the impossible combinations (DOMAIN §1.2, §1.6); the reader reports each at the
    column of ``field`` and the columnar engine checks the same list in SQL.

    Examples
    --------
    >>> import datetime as dt
    >>> list(household_problems(
    ...     kind=HouseholdKind.ORDINARY,
    ...     monitoring_category=MonitoringCategory.UNSTABLE_LIFTED_OUT,
    ...     clue_on=None, identified_on=dt.date(2025, 3, 1),
    ...     eliminated_on=dt.date(2025, 1, 1), elimination_mode=None))
    ... # doctest: +NORMALIZE_WHITESPACE
    [('monitoring_category', '脱贫不稳定户 only for a 脱贫户', '脱贫不稳定户 for a 一般农户'),
     ('eliminated_on', 'an elimination on or after the identification 2025-03-01', '2025-01-01')]
    """
    if (
        monitoring_category is MonitoringCategory.UNSTABLE_LIFTED_OUT
        and kind is not HouseholdKind.LIFTED_OUT
    ):
        yield (
            "monitoring_category",
            "脱贫不稳定户 only for a 脱贫户",
            f"脱贫不稳定户 for a {kind.value}",
        )
    if monitoring_category is MonitoringCategory.MARGINAL_AT_RISK and kind is not (
        HouseholdKind.ORDINARY
    ):
        yield (
            "monitoring_category",
            "边缘易致贫户 only for a 一般农户",
            f"边缘易致贫户 for a {kind.value}",
        )
    if clue_on is not None and identified_on is not None and identified_on < clue_on:
        yield (
            "identified_on",
            f"an identification on or after the risk clue {clue_on.isoformat()}",
            identified_on.isoformat(),
        )
    if eliminated_on is not None and identified_on is None:
        yield ("eliminated_on", "an elimination only after an identification", "no identification")
    if eliminated_on is not None and identified_on is not None and eliminated_on < identified_on:
        yield (
            "eliminated_on",
            f"an elimination on or after the identification {identified_on.isoformat()}",
            eliminated_on.isoformat(),
        )
    if elimination_mode is not None and eliminated_on is None:
        yield (
            "elimination_mode",
            "a 风险消除方式 only with a 风险消除时间",
            elimination_mode.value,
        )


_HOUSEHOLD_ID = re.compile("[^" + BLANKS + "]+")


@attrs.frozen(kw_only=True)
class Household:
    """A household in the monitoring ledger (防止返贫致贫监测对象台账), DOMAIN §1.

    Parameters
    ----------
    id
        户编号, the national-system household number (any text without spaces).
    place
        County, township and administrative village.
    kind
        户类型: 脱贫户 or 一般农户.
    monitoring_category
        监测对象类别; :attr:`MonitoringCategory.UNSPECIFIED` when not stated.
    risks
        致贫/返贫风险 types, in ledger order, without repeats.
    discovery
        How the risk clue was found (农户自主申报, 干部排查, 部门筛查预警).
    clue_on
        风险线索发现时间: the day the risk clue was found.
    identified_on
        识别时间 / 纳入监测时间: the day the household was identified as a monitoring object.
    fast_track
        绿色通道: identified through the fast track (assistance first, procedure in parallel).
    measures
        Assistance measures with their start dates.
    eliminated_on, elimination_mode
        风险消除时间 and 风险消除方式.
    income_per_capita
        人均纯收入 in yuan per person and year.
    size
        家庭人口数.
    no_labour
        整户无劳动能力: no member of the household can work.
    members
        Personal data of members (usually the head of household); masked in every output.

    Raises
    ------
    LedgerValueError
        If a field has the wrong type or the fields contradict each other (see
        :func:`household_problems`).

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="6403240001", place=Place("同心县", "豫海镇", "红星村"),
    ...               kind="一般农户", clue_on="2025-06-01")
    >>> h = h.identify(dt.date(2025, 6, 16), category="边缘易致贫户")
    >>> h.is_monitored, h.monitoring_category
    (True, <MonitoringCategory.MARGINAL_AT_RISK: '边缘易致贫户'>)
    >>> h.eliminate(dt.date(2025, 6, 1), mode="帮扶后消除")
    Traceback (most recent call last):
    ...
    xiaojie.ledgers._model.LifecycleError: household '6403240001': eliminated_on: expected an elimination on or after the identification 2025-06-16, found 2025-06-01
    """

    id: str
    place: Place = attrs.field(factory=Place)
    kind: HouseholdKind = attrs.field(converter=_household_kind)
    monitoring_category: MonitoringCategory = attrs.field(
        default=MonitoringCategory.UNSPECIFIED,
        converter=_monitoring_category,
    )
    risks: tuple[RiskType, ...] = attrs.field(default=(), converter=_risks_converter)
    discovery: DiscoveryChannel | None = attrs.field(default=None, converter=_discovery_channel)
    clue_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    identified_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    fast_track: bool = False
    measures: tuple[AssistanceMeasure, ...] = attrs.field(default=(), converter=_tuple)
    eliminated_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    elimination_mode: EliminationMode | None = attrs.field(
        default=None, converter=_elimination_mode
    )
    income_per_capita: decimal.Decimal | None = attrs.field(
        default=None, converter=_money_converter
    )
    size: int | None = None
    no_labour: bool = False
    members: tuple[Member, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _check_text("household", repr(self.id), "id", self.id, required=True)
        oid = self.id
        if not _HOUSEHOLD_ID.fullmatch(oid):
            raise LedgerValueError("household", oid, "id", "a text without spaces", repr(oid))
        _check_type("household", oid, "place", self.place, Place, expected="a Place")
        _check_type(
            "household", oid, "kind", self.kind, HouseholdKind, expected="脱贫户 or 一般农户"
        )
        _check_type(
            "household",
            oid,
            "monitoring_category",
            self.monitoring_category,
            MonitoringCategory,
            expected="a 监测对象类别",
        )
        if not isinstance(self.risks, tuple) or not all(
            isinstance(r, RiskType) for r in self.risks
        ):
            raise LedgerValueError(
                "household", oid, "risks", "a sequence of 风险类型", repr(self.risks)
            )
        if self.discovery is not None:
            _check_type(
                "household",
                oid,
                "discovery",
                self.discovery,
                DiscoveryChannel,
                expected="a 风险线索来源",
            )
        for field in ("clue_on", "identified_on", "eliminated_on"):
            _check_date("household", oid, field, getattr(self, field), optional=True)
        for flag in ("fast_track", "no_labour"):
            _check_type("household", oid, flag, getattr(self, flag), bool, expected="True or False")
        if not isinstance(self.measures, tuple) or not all(
            isinstance(m, AssistanceMeasure) for m in self.measures
        ):
            raise LedgerValueError(
                "household", oid, "measures", "a sequence of AssistanceMeasure", repr(self.measures)
            )
        if self.elimination_mode is not None:
            _check_type(
                "household",
                oid,
                "elimination_mode",
                self.elimination_mode,
                EliminationMode,
                expected="a 风险消除方式",
            )
        _check_money("household", oid, "income_per_capita", self.income_per_capita,
                     optional=True, minimum=None)  # fmt: skip
        if self.size is not None:
            _check_type(
                "household", oid, "size", self.size, int, expected="a whole number of people"
            )
            if not 1 <= self.size <= MAX_HOUSEHOLD_SIZE:
                raise LedgerValueError(
                    "household", oid, "size", f"1-{MAX_HOUSEHOLD_SIZE} people", str(self.size)
                )
        if not isinstance(self.members, tuple) or not all(
            isinstance(m, Member) for m in self.members
        ):
            raise LedgerValueError("household", oid, "members", "a sequence of Member", "other")
        for field, expected, found in household_problems(
            kind=self.kind,
            monitoring_category=self.monitoring_category,
            clue_on=self.clue_on,
            identified_on=self.identified_on,
            eliminated_on=self.eliminated_on,
            elimination_mode=self.elimination_mode,
        ):
            raise LedgerValueError("household", oid, field, expected, found)

    # -- derived facts -----------------------------------------------------------------------

    @property
    def is_monitored(self) -> bool:
        """Whether the household has been identified as a monitoring object (监测对象)."""
        return self.identified_on is not None

    @property
    def is_eliminated(self) -> bool:
        """Whether the household's risk has been marked eliminated (风险已消除)."""
        return self.eliminated_on is not None

    @property
    def head(self) -> Member | None:
        """The head of household (户主), if the ledger names one."""
        for member in self.members:
            if member.relation == "户主":
                return member
        return None

    def first_measure_on(self, *, until: dt.date | None = None) -> dt.date | None:
        """Return the earliest start of an assistance measure (on or before ``until``)."""
        starts = [m.start for m in self.measures if until is None or m.start <= until]
        return min(starts) if starts else None

    # -- lifecycle ---------------------------------------------------------------------------

    def _refuse(self, field: str, expected: str, found: str) -> LifecycleError:
        return LifecycleError("household", self.id, field, expected, found)

    def _evolve(self, **changes: Any) -> Household:  # noqa: ANN401 - attrs.evolve passthrough
        try:
            return attrs.evolve(self, **changes)
        except LifecycleError:
            raise
        except LedgerValueError as err:
            raise LifecycleError(
                err.kind, err.object_id, err.field, err.expected, err.found
            ) from None

    def record_clue(
        self, on: dt.date, *, channel: DiscoveryChannel | str | None = None
    ) -> Household:
        """Return the household with a risk clue found ``on`` the given day.

        Raises
        ------
        LifecycleError
            If a clue is already recorded or the household was identified before ``on``.
        """
        if self.clue_on is not None:
            raise self._refuse("clue_on", "no clue recorded yet", self.clue_on.isoformat())
        return self._evolve(
            clue_on=on, discovery=channel if channel is not None else self.discovery
        )

    def identify(
        self,
        on: dt.date,
        *,
        category: MonitoringCategory | str = MonitoringCategory.UNSPECIFIED,
        fast_track: bool | None = None,
    ) -> Household:
        """Return the household identified as a monitoring object ``on`` the given day.

        Raises
        ------
        LifecycleError
            If it is already identified, ``on`` is before the risk clue, or the category does
            not fit the household type.
        """
        if self.identified_on is not None:
            raise self._refuse(
                "identified_on", "a household not yet identified", self.identified_on.isoformat()
            )
        return self._evolve(
            identified_on=on,
            monitoring_category=category,
            fast_track=self.fast_track if fast_track is None else fast_track,
        )

    def add_measure(self, kind: MeasureKind | str, start: dt.date) -> Household:
        """Return the household with one more assistance measure starting on ``start``.

        Raises
        ------
        LifecycleError
            If the kind is unknown or ``start`` is not a valid date.
        """
        try:
            measure = AssistanceMeasure(kind, start)
        except LedgerValueError as err:
            raise self._refuse(f"measures.{err.field}", err.expected, err.found) from None
        return self._evolve(measures=(*self.measures, measure))

    def eliminate(self, on: dt.date, *, mode: EliminationMode | str) -> Household:
        """Return the household with its risk marked eliminated ``on`` the given day.

        Whether the elimination meets the plan's conditions (six months, a measure, income above
        the line …) is for the rules to judge; this only refuses the impossible.

        Raises
        ------
        LifecycleError
            If the household is not identified, already eliminated, or ``on`` is before the
            identification.
        """
        if self.eliminated_on is not None:
            raise self._refuse(
                "eliminated_on", "a risk not yet eliminated", self.eliminated_on.isoformat()
            )
        if mode is None:
            raise self._refuse("elimination_mode", "a 风险消除方式", "None")
        return self._evolve(eliminated_on=on, elimination_mode=mode)


# -- assets ----------------------------------------------------------------------------------


def asset_problems(
    *,
    funding_year: int,
    state: AssetState,
    scrapped: bool,
    registered_on: dt.date | None,
    handed_over_on: dt.date | None,
    revitalised_on: dt.date | None,
    written_off_on: dt.date | None,
) -> Iterator[tuple[str, str, str]]:
    """Yield ``(field, expected, found)`` for every cross-field rule an asset breaks.

    Examples
    --------
    >>> import datetime as dt
    >>> list(asset_problems(funding_year=2022, state=AssetState.IDLE, scrapped=False,
    ...     registered_on=None, handed_over_on=None, revitalised_on=None,
    ...     written_off_on=dt.date(2025, 10, 1)))
    [('written_off_on', 'a write-off only for a scrapped asset', '2025-10-01')]
    """
    formed = dt.date(funding_year, 1, 1)
    for field, day in (
        ("registered_on", registered_on),
        ("handed_over_on", handed_over_on),
        ("revitalised_on", revitalised_on),
        ("written_off_on", written_off_on),
    ):
        if day is not None and day < formed:
            yield (field, f"a date in or after the funding year {funding_year}", day.isoformat())
    if revitalised_on is not None and state in {AssetState.IDLE, AssetState.INEFFICIENT}:
        yield ("revitalised_on", "a revitalisation date only for a revitalised asset", state.value)
    if written_off_on is not None and not scrapped:
        yield (
            "written_off_on",
            "a write-off only for a scrapped asset",
            written_off_on.isoformat(),
        )


@attrs.frozen(kw_only=True)
class Asset:
    """A poverty-alleviation project asset (扶贫(帮扶)项目资产), DOMAIN §2.

    Parameters
    ----------
    id
        资产编号.
    project
        项目名称.
    asset_class
        经营性, 公益性 or 到户类.
    value
        资产原值 in yuan (at least 0).
    funding_year
        形成年度, the year the funds that formed it were allocated.
    state
        在用, 闲置, 低效, 已盘活 or 已处置.
    place
        Where the asset is.
    responsible_unit
        管护责任单位, the unit that keeps the asset (may be empty).
    registered_on, handed_over_on
        确权登记 and 资产移交 dates.
    revitalised_on
        The day an idle or inefficient asset was brought back into use (盘活).
    scrapped
        报废报损: the asset is to be scrapped or written down.
    written_off_on
        核销 date of a scrapped asset.

    Examples
    --------
    >>> import datetime as dt
    >>> a = Asset(id="ZC-001", project="肉牛养殖圈舍", asset_class="经营性", value="120000",
    ...           funding_year=2021, state="闲置")
    >>> a.revitalise(dt.date(2025, 7, 10)).state
    <AssetState.REVITALISED: '已盘活'>
    >>> a.write_off(dt.date(2025, 10, 1))
    Traceback (most recent call last):
    ...
    xiaojie.ledgers._model.LifecycleError: asset 'ZC-001': scrapped: expected a scrapped asset (报废报损) before a write-off, found False
    """

    id: str
    project: str = ""
    asset_class: AssetClass = attrs.field(converter=_asset_class)
    value: decimal.Decimal = attrs.field(converter=_money_converter)
    funding_year: int
    state: AssetState = attrs.field(default=AssetState.IN_USE, converter=_asset_state)
    place: Place = attrs.field(factory=Place)
    responsible_unit: str = ""
    registered_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    handed_over_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    revitalised_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    scrapped: bool = False
    written_off_on: dt.date | None = attrs.field(default=None, converter=_date_converter)

    def __attrs_post_init__(self) -> None:
        _check_text("asset", repr(self.id), "id", self.id, required=True)
        oid = self.id
        _check_text("asset", oid, "project", self.project, required=False)
        _check_type(
            "asset", oid, "asset_class", self.asset_class, AssetClass, expected="a 资产类别"
        )
        _check_money("asset", oid, "value", self.value, optional=False)
        _check_type("asset", oid, "funding_year", self.funding_year, int, expected="a year")
        if not MIN_YEAR <= self.funding_year <= MAX_YEAR:
            raise LedgerValueError(
                "asset",
                oid,
                "funding_year",
                f"a year {MIN_YEAR}-{MAX_YEAR}",
                str(self.funding_year),
            )
        _check_type("asset", oid, "state", self.state, AssetState, expected="a 资产状态")
        _check_type("asset", oid, "place", self.place, Place, expected="a Place")
        _check_text("asset", oid, "responsible_unit", self.responsible_unit, required=False)
        _check_type("asset", oid, "scrapped", self.scrapped, bool, expected="True or False")
        for field in ("registered_on", "handed_over_on", "revitalised_on", "written_off_on"):
            _check_date("asset", oid, field, getattr(self, field), optional=True)
        for field, expected, found in asset_problems(
            funding_year=self.funding_year,
            state=self.state,
            scrapped=self.scrapped,
            registered_on=self.registered_on,
            handed_over_on=self.handed_over_on,
            revitalised_on=self.revitalised_on,
            written_off_on=self.written_off_on,
        ):
            raise LedgerValueError("asset", oid, field, expected, found)

    @property
    def needs_revitalising(self) -> bool:
        """Whether the asset is idle or inefficient (闲置低效) now."""
        return self.state in {AssetState.IDLE, AssetState.INEFFICIENT}

    def _refuse(self, field: str, expected: str, found: str) -> LifecycleError:
        return LifecycleError("asset", self.id, field, expected, found)

    def _evolve(self, **changes: Any) -> Asset:  # noqa: ANN401 - attrs.evolve passthrough
        try:
            return attrs.evolve(self, **changes)
        except LedgerValueError as err:
            raise LifecycleError(
                err.kind, err.object_id, err.field, err.expected, err.found
            ) from None

    def report_idle(self, *, inefficient: bool = False) -> Asset:
        """Return the asset marked idle (闲置) or, with ``inefficient``, inefficient (低效).

        Raises
        ------
        LifecycleError
            If the asset is disposed.
        """
        if self.state is AssetState.DISPOSED:
            raise self._refuse("state", "an asset not disposed", self.state.value)
        state = AssetState.INEFFICIENT if inefficient else AssetState.IDLE
        return self._evolve(state=state, revitalised_on=None)

    def revitalise(self, on: dt.date) -> Asset:
        """Return the asset brought back into use (盘活) ``on`` the given day.

        Raises
        ------
        LifecycleError
            If the asset is not idle or inefficient.
        """
        if not self.needs_revitalising:
            raise self._refuse("state", "an idle or inefficient asset", self.state.value)
        return self._evolve(state=AssetState.REVITALISED, revitalised_on=on)

    def register(self, on: dt.date) -> Asset:
        """Return the asset with its title registered (确权登记) ``on`` the given day.

        Raises
        ------
        LifecycleError
            If it is already registered.
        """
        if self.registered_on is not None:
            raise self._refuse("registered_on", "no registration yet", str(self.registered_on))
        return self._evolve(registered_on=on)

    def hand_over(self, on: dt.date) -> Asset:
        """Return the asset handed over (资产移交) ``on`` the given day.

        Raises
        ------
        LifecycleError
            If it is already handed over.
        """
        if self.handed_over_on is not None:
            raise self._refuse("handed_over_on", "no hand-over yet", str(self.handed_over_on))
        return self._evolve(handed_over_on=on)

    def scrap(self) -> Asset:
        """Return the asset marked for scrapping or loss (报废报损) and disposed."""
        return self._evolve(scrapped=True, state=AssetState.DISPOSED)

    def write_off(self, on: dt.date) -> Asset:
        """Return the scrapped asset written off (核销) ``on`` the given day.

        Raises
        ------
        LifecycleError
            If the asset is not scrapped or is already written off.
        """
        if not self.scrapped:
            raise self._refuse(
                "scrapped", "a scrapped asset (报废报损) before a write-off", "False"
            )
        if self.written_off_on is not None:
            raise self._refuse("written_off_on", "no write-off yet", str(self.written_off_on))
        return self._evolve(written_off_on=on)


# -- funds -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FundRecord:
    """A county's linkage-fund (衔接资金) position reported on a day.

    Parameters
    ----------
    county
        The county (市、县(区)) the money was allocated to.
    reported_on
        The day the figures are as of.
    allocated
        下达资金: money allocated for the year, in yuan (more than 0).
    spent
        累计支出: money spent by ``reported_on`` (at most ``allocated``).
    industry
        Of ``spent``, the money spent on industry development (用于产业发展).
    retention
        项目质保金: quality-guarantee money held back, excluded from the year-end execution rate.
    fund
        Which money this is, e.g. ``中央衔接资金`` (free text).

    Examples
    --------
    >>> import datetime as dt
    >>> r = FundRecord(county="同心县", reported_on=dt.date(2025, 7, 31),
    ...                allocated="1000000", spent="600000", industry="400000")
    >>> r.progress
    Decimal('0.6')
    >>> FundRecord(county="同心县", reported_on=dt.date(2025, 7, 31), allocated="10", spent="11")
    Traceback (most recent call last):
    ...
    xiaojie.ledgers._model.LedgerValueError: fund record '同心县@2025-07-31': spent: expected at most the allocated 10.00, found 11.00
    """

    county: str
    reported_on: dt.date = attrs.field(converter=_date_converter)
    allocated: decimal.Decimal = attrs.field(converter=_money_converter)
    spent: decimal.Decimal = attrs.field(converter=_money_converter)
    industry: decimal.Decimal = attrs.field(
        default=decimal.Decimal("0.00"), converter=_money_converter
    )
    retention: decimal.Decimal = attrs.field(
        default=decimal.Decimal("0.00"), converter=_money_converter
    )
    fund: str = ""

    def __attrs_post_init__(self) -> None:
        _check_text("fund record", repr(self.county), "county", self.county, required=True)
        _check_date("fund record", self.county, "reported_on", self.reported_on, optional=False)
        oid = self.id
        for field in ("allocated", "spent", "industry", "retention"):
            _check_money(
                "fund record", oid, field, getattr(self, field), optional=False, minimum=None
            )
        for field, expected, found in fund_problems(
            allocated=self.allocated,
            spent=self.spent,
            industry=self.industry,
            retention=self.retention,
        ):
            raise LedgerValueError("fund record", oid, field, expected, found)
        _check_text("fund record", oid, "fund", self.fund, required=False)

    @property
    def id(self) -> str:
        """``county@reported_on`` (and ``/fund`` when the fund is named): the record's key."""
        fund = f"/{self.fund}" if self.fund else ""
        return f"{self.county}@{self.reported_on.isoformat()}{fund}"

    @property
    def progress(self) -> decimal.Decimal:
        """资金支出进度: spent / allocated."""
        return self.spent / self.allocated


def fund_problems(
    *,
    allocated: decimal.Decimal,
    spent: decimal.Decimal,
    industry: decimal.Decimal,
    retention: decimal.Decimal,
) -> Iterator[tuple[str, str, str]]:
    """Yield ``(field, expected, found)`` for every way a fund record's amounts disagree.

    Examples
    --------
    >>> from decimal import Decimal as D
    >>> list(fund_problems(allocated=D("0"), spent=D("0"), industry=D("0"), retention=D("0")))
    [('allocated', 'more than 0 yuan', '0')]
    """
    if allocated <= 0:
        yield ("allocated", "more than 0 yuan", str(allocated))
    for field, amount in (("spent", spent), ("industry", industry), ("retention", retention)):
        if amount < 0:
            yield (field, "an amount of at least 0 yuan", str(amount))
    if spent > allocated:
        yield ("spent", f"at most the allocated {allocated}", str(spent))
    if industry > spent:
        yield ("industry", f"at most the spent {spent}", str(industry))
    if retention > allocated:
        yield ("retention", f"at most the allocated {allocated}", str(retention))


# -- rectification problems ------------------------------------------------------------------


@attrs.frozen
class Transition:
    """One lifecycle step of a rectification problem: the state entered and the day."""

    state: ProblemState = attrs.field(converter=_problem_state)
    on: dt.date = attrs.field(converter=_date_converter)
    note: str = ""


_NEXT: dict[ProblemState, frozenset[ProblemState]] = {
    ProblemState.OPEN: frozenset({ProblemState.RECTIFYING}),
    ProblemState.RECTIFYING: frozenset({ProblemState.ACCEPTED}),
    ProblemState.ACCEPTED: frozenset({ProblemState.CLOSED, ProblemState.RECTIFYING}),
    ProblemState.CLOSED: frozenset({ProblemState.RECTIFYING}),
}


@attrs.frozen(kw_only=True)
class Problem:
    """A rectification item (整改问题) in a 问题清单, tasks 1–3 of the plan.

    The lifecycle is open → rectifying → accepted (验收) → closed (销号); a follow-up review
    (回头看) can send an accepted or closed problem back to rectifying (再整改) with a new
    deadline.

    Parameters
    ----------
    id
        问题编号.
    source
        Where the problem was found (中央考核评估反馈, 巡视巡查, 审计监督 …).
    description
        问题表现.
    measures
        整改措施; at least one before rectification starts.
    unit
        整改责任单位, the responsible unit (a name as written).
    deadline
        整改时限.
    state
        The current state.
    place
        Where the problem is (often just a county).
    found_on
        When the problem was registered (may be unknown).
    accepted_on, closed_on
        验收 and 销号 dates of the current round.
    history
        The transitions so far, oldest first (empty when read from a ledger).

    Raises
    ------
    LedgerValueError
        If the state and dates contradict each other (closed without acceptance …).

    Examples
    --------
    >>> import datetime as dt
    >>> p = Problem(id="WT-01", source="中央考核评估反馈", description="监测识别不及时",
    ...             measures=("逐户排查",), unit="同心县农业农村局", deadline=dt.date(2025, 9, 10))
    >>> p = p.start_rectifying(dt.date(2025, 6, 20)).accept(dt.date(2025, 9, 1))
    >>> p.close(dt.date(2025, 9, 5)).state
    <ProblemState.CLOSED: '已销号'>
    >>> Problem(id="WT-02", source="审计监督", description="台账不全", unit="某局",
    ...         deadline=dt.date(2025, 9, 10)).close(dt.date(2025, 9, 5))
    Traceback (most recent call last):
    ...
    xiaojie.ledgers._model.LifecycleError: problem 'WT-02': state: expected 已验收 before 已销号, found 待整改
    """

    id: str
    source: ProblemSource = attrs.field(converter=_problem_source)
    description: str
    measures: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    unit: str
    deadline: dt.date = attrs.field(converter=_date_converter)
    state: ProblemState = attrs.field(default=ProblemState.OPEN, converter=_problem_state)
    place: Place = attrs.field(factory=Place)
    found_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    accepted_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    closed_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    history: tuple[Transition, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        _check_text("problem", repr(self.id), "id", self.id, required=True)
        oid = self.id
        _check_type("problem", oid, "source", self.source, ProblemSource, expected="a 问题来源")
        _check_text("problem", oid, "description", self.description, required=True)
        if not isinstance(self.measures, tuple) or not all(
            isinstance(m, str) and m.strip() for m in self.measures
        ):
            raise LedgerValueError(
                "problem", oid, "measures", "a sequence of non-empty texts", repr(self.measures)
            )
        _check_text("problem", oid, "unit", self.unit, required=True)
        _check_date("problem", oid, "deadline", self.deadline, optional=False)
        _check_type("problem", oid, "state", self.state, ProblemState, expected="a 整改状态")
        _check_type("problem", oid, "place", self.place, Place, expected="a Place")
        for field in ("found_on", "accepted_on", "closed_on"):
            _check_date("problem", oid, field, getattr(self, field), optional=True)
        for field, expected, found in problem_problems(
            state=self.state,
            measures=len(self.measures),
            found_on=self.found_on,
            deadline=self.deadline,
            accepted_on=self.accepted_on,
            closed_on=self.closed_on,
        ):
            raise LedgerValueError("problem", oid, field, expected, found)
        self._check_history()

    def _check_history(self) -> None:
        if not isinstance(self.history, tuple) or not all(
            isinstance(t, Transition) for t in self.history
        ):
            raise LedgerValueError(
                "problem", self.id, "history", "a sequence of Transition", repr(self.history)
            )
        previous: Transition | None = None
        for step in self.history:
            came_from = ProblemState.OPEN if previous is None else previous.state
            if step.state not in _NEXT[came_from]:
                raise LedgerValueError(
                    "problem",
                    self.id,
                    "history",
                    f"a step allowed after {came_from.value}",
                    step.state.value,
                )
            if previous is not None and step.on < previous.on:
                raise LedgerValueError(
                    "problem",
                    self.id,
                    "history",
                    f"steps in date order (after {previous.on.isoformat()})",
                    step.on.isoformat(),
                )
            previous = step
        if previous is not None and previous.state is not self.state:
            raise LedgerValueError(
                "problem",
                self.id,
                "state",
                f"{previous.state.value} (the last step)",
                self.state.value,
            )

    @property
    def reopened(self) -> int:
        """How many times a follow-up review (回头看) sent the problem back to rectification."""
        return sum(
            1
            for before, after in zip(self.history, self.history[1:], strict=False)
            if before.state in {ProblemState.ACCEPTED, ProblemState.CLOSED}
            and after.state is ProblemState.RECTIFYING
        )

    @property
    def last_change(self) -> dt.date | None:
        """The day of the latest known step (or of the registration)."""
        days = [d for d in (self.found_on, self.accepted_on, self.closed_on) if d is not None]
        days.extend(t.on for t in self.history)
        return max(days) if days else None

    def _refuse(self, field: str, expected: str, found: str) -> LifecycleError:
        return LifecycleError("problem", self.id, field, expected, found)

    def _step(self, state: ProblemState, on: dt.date, note: str = "", **changes: Any) -> Problem:  # noqa: ANN401
        last = self.last_change
        if isinstance(on, dt.date) and last is not None and on < last:
            raise self._refuse("on", f"a day on or after {last.isoformat()}", on.isoformat())
        if (
            self.state is ProblemState.OPEN
            and state is ProblemState.RECTIFYING
            and not (self.measures)
        ):
            raise self._refuse("measures", "at least one 整改措施 before rectification", "none")
        try:
            step = Transition(state, on, note)
            return attrs.evolve(self, state=state, history=(*self.history, step), **changes)
        except LedgerValueError as err:
            raise LifecycleError(
                err.kind, err.object_id, err.field, err.expected, err.found
            ) from None

    def add_measure(self, measure: str) -> Problem:
        """Return the problem with one more rectification measure (整改措施).

        Raises
        ------
        LifecycleError
            If the measure is empty or the problem is closed.
        """
        if self.state is ProblemState.CLOSED:
            raise self._refuse("state", "an open problem", self.state.value)
        if not isinstance(measure, str) or not measure.strip():
            raise self._refuse("measures", "a non-empty text", repr(measure))
        return attrs.evolve(self, measures=(*self.measures, measure))

    def start_rectifying(self, on: dt.date) -> Problem:
        """Return the problem under rectification from ``on``.

        Raises
        ------
        LifecycleError
            If the problem is not open, has no measure, or ``on`` is before its last step.
        """
        if self.state is not ProblemState.OPEN:
            raise self._refuse(
                "state", f"{ProblemState.OPEN.value} before 整改中", self.state.value
            )
        return self._step(ProblemState.RECTIFYING, on)

    def accept(self, on: dt.date) -> Problem:
        """Return the problem accepted (验收) ``on`` the given day.

        Raises
        ------
        LifecycleError
            If the problem is not being rectified or ``on`` is before its last step.
        """
        if self.state is not ProblemState.RECTIFYING:
            raise self._refuse(
                "state", f"{ProblemState.RECTIFYING.value} before 已验收", self.state.value
            )
        return self._step(ProblemState.ACCEPTED, on, accepted_on=on)

    def close(self, on: dt.date) -> Problem:
        """Return the problem closed (销号) ``on`` the given day.

        Raises
        ------
        LifecycleError
            If the problem has not been accepted or ``on`` is before the acceptance.
        """
        if self.state is not ProblemState.ACCEPTED:
            raise self._refuse(
                "state", f"{ProblemState.ACCEPTED.value} before 已销号", self.state.value
            )
        return self._step(ProblemState.CLOSED, on, closed_on=on)

    def reopen(self, on: dt.date, *, deadline: dt.date, note: str = "回头看") -> Problem:
        """Return the problem sent back to rectification (再整改) by a follow-up review.

        Raises
        ------
        LifecycleError
            If the problem is neither accepted nor closed, ``on`` is before its last step, or
            the new deadline is before ``on``.
        """
        if self.state not in {ProblemState.ACCEPTED, ProblemState.CLOSED}:
            raise self._refuse("state", "已验收 or 已销号 before 回头看", self.state.value)
        if isinstance(on, dt.date) and isinstance(deadline, dt.date) and deadline < on:
            raise self._refuse(
                "deadline", f"a deadline on or after {on.isoformat()}", deadline.isoformat()
            )
        return self._step(
            ProblemState.RECTIFYING, on, note, accepted_on=None, closed_on=None, deadline=deadline
        )


def problem_problems(
    *,
    state: ProblemState,
    measures: int,
    found_on: dt.date | None,
    deadline: dt.date,
    accepted_on: dt.date | None,
    closed_on: dt.date | None,
) -> Iterator[tuple[str, str, str]]:
    """Yield ``(field, expected, found)`` for every way a problem's state and dates disagree.

    Examples
    --------
    >>> import datetime as dt
    >>> list(problem_problems(state=ProblemState.CLOSED, measures=1, found_on=None,
    ...      deadline=dt.date(2025, 9, 10), accepted_on=None, closed_on=dt.date(2025, 9, 1)))
    [('accepted_on', 'an acceptance date for a 已销号 problem', 'none')]
    """
    if found_on is not None and deadline < found_on:
        yield ("deadline", f"a deadline on or after {found_on.isoformat()}", deadline.isoformat())
    if (
        state in {ProblemState.RECTIFYING, ProblemState.ACCEPTED, ProblemState.CLOSED}
        and not measures
    ):
        yield ("measures", f"at least one 整改措施 for a {state.value} problem", "none")
    if state in {ProblemState.ACCEPTED, ProblemState.CLOSED} and accepted_on is None:
        yield ("accepted_on", f"an acceptance date for a {state.value} problem", "none")
    if state in {ProblemState.OPEN, ProblemState.RECTIFYING} and accepted_on is not None:
        yield (
            "accepted_on",
            f"no acceptance date for a {state.value} problem",
            accepted_on.isoformat(),
        )
    if state is ProblemState.CLOSED and closed_on is None:
        yield ("closed_on", "a closing date for a 已销号 problem", "none")
    if state is not ProblemState.CLOSED and closed_on is not None:
        yield ("closed_on", f"no closing date for a {state.value} problem", closed_on.isoformat())
    if accepted_on is not None and closed_on is not None and closed_on < accepted_on:
        yield (
            "closed_on",
            f"a closing on or after the acceptance {accepted_on.isoformat()}",
            closed_on.isoformat(),
        )
    if found_on is not None and accepted_on is not None and accepted_on < found_on:
        yield (
            "accepted_on",
            f"an acceptance on or after the registration {found_on.isoformat()}",
            accepted_on.isoformat(),
        )


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
