"""Typed rows of the asset, fund and problem ledgers."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import (
    mask_remark,
    masked_repr,
    owner_names,
    remember_names,
    scrubbed_repr,
)
from xiaojie.ledgers._enums import (
    AssetClass,
    AssetState,
    ProblemSource,
    ProblemState,
)
from xiaojie.ledgers._privacy import (
    MAX_YEAR,
    MIN_YEAR,
)
from xiaojie.ledgers._values import (
    LedgerValueError,
    LifecycleError,
    Place,
    _asset_class,
    _asset_state,
    _check_date,
    _check_money,
    _check_text,
    _check_type,
    _date_converter,
    _money_converter,
    _problem_source,
    _problem_state,
    _tuple,
)


if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = [
    "Asset",
    "FundRecord",
    "Problem",
    "Transition",
    "asset_problems",
    "fund_problems",
    "problem_problems",
]


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


@masked_repr  # a clerk may type personal data into any field
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
    xiaojie.errors.LifecycleError: asset 'ZC-001': scrapped: expected a scrapped asset (报废报损) before a write-off, found False
    """

    id: str = attrs.field(repr=scrubbed_repr)
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
        # 到户类: the household keeps the asset, and its head's name is masked wherever it appears
        remember_names(owner_names(self.responsible_unit))
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


@masked_repr  # a clerk may type personal data into any field
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
    xiaojie.errors.LedgerValueError: fund record '同心县@2025-07-31': spent: expected at most the allocated 10.00, found 11.00
    """

    county: str = attrs.field(repr=scrubbed_repr)
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


def _remark_repr(text: object) -> str:
    """Return the ``repr`` of a text a person typed, with the people it names masked."""
    return repr(mask_remark(text) if isinstance(text, str) else text)


def _remarks_repr(texts: object) -> str:
    if isinstance(texts, tuple):
        return repr(tuple(mask_remark(t) if isinstance(t, str) else t for t in texts))
    return repr(texts)


@masked_repr  # a clerk may type personal data into any field
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


@masked_repr  # a clerk may type personal data into any field
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
    xiaojie.errors.LifecycleError: problem 'WT-02': state: expected 已验收 before 已销号, found 待整改
    """

    id: str = attrs.field(repr=scrubbed_repr)
    source: ProblemSource = attrs.field(converter=_problem_source)
    description: str = attrs.field(repr=_remark_repr)
    measures: tuple[str, ...] = attrs.field(default=(), converter=_tuple, repr=_remarks_repr)
    unit: str
    deadline: dt.date = attrs.field(converter=_date_converter)
    state: ProblemState = attrs.field(default=ProblemState.OPEN, converter=_problem_state)
    place: Place = attrs.field(factory=Place)
    found_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    accepted_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    closed_on: dt.date | None = attrs.field(default=None, converter=_date_converter)
    history: tuple[Transition, ...] = attrs.field(default=(), converter=_tuple)

    def __attrs_post_init__(self) -> None:
        remember_names(owner_names(self.unit))  # a cadre named as the owner (包村干部海占山)
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
