"""Typed household rows: households, their members and assistance measures."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import masked_repr, remember_names, scrubbed_repr
from xiaojie.ledgers._enums import (
    DiscoveryChannel,
    EliminationMode,
    HouseholdKind,
    MeasureKind,
    MonitoringCategory,
    RiskType,
)
from xiaojie.ledgers._privacy import (
    id_number_problem,
    mask_id_number,
    mask_name,
    mask_phone,
)
from xiaojie.ledgers._values import (
    _PHONE,
    KEY_REFUSED,
    MAX_HOUSEHOLD_SIZE,
    LedgerValueError,
    LifecycleError,
    Place,
    _check_date,
    _check_money,
    _check_text,
    _check_type,
    _date_converter,
    _discovery_channel,
    _elimination_mode,
    _household_kind,
    _masked_id,
    _masked_name,
    _masked_phone,
    _measure_kind,
    _money_converter,
    _monitoring_category,
    _risks_converter,
    _tuple,
)


if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = [
    "AssistanceMeasure",
    "Household",
    "Member",
    "household_problems",
]


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
    xiaojie.errors.LedgerValueError: member '1101**********0021': id_number: expected a valid GB 11643-1999 identity number, found the check character does not match the checksum
    """

    name: str = attrs.field(default="", repr=_masked_name)
    id_number: str = attrs.field(default="", repr=_masked_id)
    phone: str = attrs.field(default="", repr=_masked_phone)
    relation: str = "户主"

    def __attrs_post_init__(self) -> None:
        if self.name:
            remember_names((self.name,))  # masked wherever it appears later, in any column
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


@masked_repr  # a clerk may type personal data into any field
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


_HOUSEHOLD_ID = re.compile("[^" + KEY_REFUSED + "]+")


@masked_repr  # a clerk may type personal data into any field
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
    xiaojie.errors.LifecycleError: household '6403240001': eliminated_on: expected an elimination on or after the identification 2025-06-16, found 2025-06-01
    """

    id: str = attrs.field(repr=scrubbed_repr)
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
