"""The plan's rules over the asset (扶贫项目资产) ledger: task 22.

The due days and the 80% target come from the plan object (indicator
``asset-revitalisation-rate``, milestones ``asset-registration-handover`` and
``asset-write-off``).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from xiaojie.errors import LedgerError
from xiaojie.ledgers._enums import AssetState, Severity
from xiaojie.ledgers._model import Asset, Place
from xiaojie.ledgers._schema import LedgerKind
from xiaojie.ledgers.rules._base import (
    NO,
    Case,
    Evidence,
    RowRule,
    TableRule,
    as_of_date,
    pct,
    share,
)
from xiaojie.ledgers.rules._clauses import CLAUSES, Clause
from xiaojie.ledgers.rules._limits import plan_limits


if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from xiaojie.ledgers.rules._findings import Finding


__all__ = [
    "RateBasis",
    "RegistrationAndHandover",
    "RevitalisationRate",
    "RevitalisationTally",
    "ScrappedWriteOff",
]

RateBasis = Literal["count", "value", "mean_of_both"]
_CENTS = decimal.Decimal("0.01")


def _ibis() -> Any:  # noqa: ANN401 - ibis is imported only by the table engines
    import ibis  # noqa: PLC0415 - optional extra

    return ibis


@attrs.frozen
class RevitalisationTally:
    """The counts and values a revitalisation rate is computed from, for one place."""

    place: tuple[str, ...]
    count: int
    revitalised_count: int
    value: decimal.Decimal
    revitalised_value: decimal.Decimal


def _target(value: object) -> Fraction:
    return share(value, "target")


def _revitalisation_target() -> Fraction:
    return plan_limits().revitalisation_target


def _revitalisation_due() -> dt.date:
    return plan_limits().revitalisation_due


_BASIS = {"count": "数量", "value": "金额", "mean_of_both": "数量与金额的平均"}
_LEVELS = ("county", "township", "village")


@attrs.frozen(kw_only=True)
class RevitalisationRate(TableRule):
    """The year's revitalisation rate of idle and inefficient assets (task 22: 80%以上 by 7月底).

    The plan writes "力争7月底前年度盘活利用率达到80%以上": a 力争 target, so findings have
    severity ``SOFT_TARGET``. No official formula is published (DOMAIN §2), so the basis is a
    parameter:

    ``count`` (default)
        revitalised assets / assets needing revitalisation — the common reading of
        "盘活闲置低效资产";
    ``value``
        the same with 资产原值 instead of numbers of assets;
    ``mean_of_both``
        the mean of the two (a county template's formula).

    The assets in the year's scope are those idle or inefficient now, plus those revitalised
    this year (or on an unknown day). A revitalised asset counts if it was revitalised by the
    due day (or on an unknown day). Disposed assets are out of scope. A place with no asset in
    scope has no rate and no finding. The rate is judged per place at ``level`` once ``as_of``
    is after the due day; comparisons are exact (fractions, not floats).

    Examples
    --------
    >>> import datetime as dt
    >>> assets = [
    ...     Asset(id=f"A{i}", asset_class="经营性", value=100, funding_year=2021,
    ...           state="已盘活" if i < 3 else "闲置", revitalised_on="2025-07-01" if i < 3 else None,
    ...           place=Place("同心县"))
    ...     for i in range(4)
    ... ]
    >>> [f.found for f in RevitalisationRate().evaluate(assets, as_of=dt.date(2025, 8, 1))]
    ['年度盘活利用率75.0%(按数量:3/4项;按金额:300.00/400.00元)']
    """

    id: ClassVar[str] = "asset_revitalisation_rate"
    title: ClassVar[str] = "年度盘活利用率达到80%以上"
    ledger: ClassVar[LedgerKind] = LedgerKind.ASSETS
    severity: ClassVar[Severity] = Severity.SOFT_TARGET
    clause: ClassVar[Clause] = CLAUSES[22]
    row_type: ClassVar[type] = Asset
    target: Fraction = attrs.field(factory=_revitalisation_target, converter=_target)
    due: dt.date = attrs.field(factory=_revitalisation_due, converter=as_of_date)
    by: RateBasis = attrs.field(default="count")
    level: str = attrs.field(default="county")

    @by.validator
    def _check_by(self, _attribute: object, value: object) -> None:
        if value not in {"count", "value", "mean_of_both"}:
            msg = f"by: expected 'count', 'value' or 'mean_of_both', found {value!r}"
            raise LedgerError(msg)

    @level.validator
    def _check_level(self, _attribute: object, value: str) -> None:
        Place().key(value)

    def in_scope(self, asset: Asset) -> bool:
        """Whether the asset counts in the year's denominator."""
        if asset.state in {AssetState.IDLE, AssetState.INEFFICIENT}:
            return True
        return asset.state is AssetState.REVITALISED and (
            asset.revitalised_on is None or asset.revitalised_on.year >= self.due.year
        )

    def counted(self, asset: Asset) -> bool:
        """Whether the asset counts as revitalised by the due day."""
        return asset.state is AssetState.REVITALISED and (
            asset.revitalised_on is None or asset.revitalised_on <= self.due
        )

    def tallies(self, rows: Sequence[Asset]) -> list[RevitalisationTally]:
        """Return the counts and values per place."""
        zero = decimal.Decimal("0.00")
        acc: dict[tuple[str, ...], list[Any]] = {}
        for asset in rows:
            if not self.in_scope(asset):
                continue
            entry = acc.setdefault(asset.place.key(self.level), [0, 0, zero, zero])
            entry[0] += 1
            entry[2] += asset.value
            if self.counted(asset):
                entry[1] += 1
                entry[3] += asset.value
        return [RevitalisationTally(place, *values) for place, values in sorted(acc.items())]

    def tally_table(self, table: Any) -> Any:  # noqa: ANN401 - ibis
        """Return the counts and values per place as one Ibis aggregation."""
        ibis, t = _ibis(), table
        keys = _LEVELS[: len(Place().key(self.level))]
        t = t.mutate(**{k: t[k].fill_null("") for k in keys})
        state, day = t.state, t.revitalised_on
        revitalised = state == AssetState.REVITALISED.value
        idle = (state == AssetState.IDLE.value) | (state == AssetState.INEFFICIENT.value)
        in_scope = idle | (revitalised & (day.isnull() | (day.year() >= self.due.year)))
        counted = (
            revitalised & (day.isnull() | (day <= ibis.literal(self.due, type="date")))
        ).fill_null(NO)
        scoped = t.mutate(counted_=counted, in_scope_=in_scope.fill_null(NO))
        scoped = scoped.filter(scoped.in_scope_)
        return scoped.group_by(list(keys)).aggregate(
            count=scoped.count(),
            revitalised_count=scoped.counted_.cast("int64").sum(),
            value=scoped.value.sum(),
            revitalised_value=scoped.value.sum(where=scoped.counted_),
        )

    def from_records(self, records: Sequence[Mapping[str, Any]]) -> list[RevitalisationTally]:
        """Return the tallies from the rows of :meth:`tally_table`."""
        keys = _LEVELS[: len(Place().key(self.level))]
        zero = decimal.Decimal(0)
        tallies = [
            RevitalisationTally(
                tuple(r[k] for k in keys),
                int(r["count"]),
                int(r["revitalised_count"] or 0),
                decimal.Decimal(r["value"] or zero).quantize(_CENTS),
                decimal.Decimal(r["revitalised_value"] or zero).quantize(_CENTS),
            )
            for r in records
        ]
        return sorted(tallies, key=lambda t: t.place)

    def merge(
        self, tallies: Sequence[RevitalisationTally], extra: Sequence[Asset]
    ) -> list[RevitalisationTally]:
        """Return ``tallies`` with the tallies of extra assets (judged in Python) added."""
        table = {t.place: t for t in tallies}
        for t in self.tallies(extra):
            old = table.get(t.place)
            table[t.place] = (
                t
                if old is None
                else RevitalisationTally(
                    t.place,
                    old.count + t.count,
                    old.revitalised_count + t.revitalised_count,
                    old.value + t.value,
                    old.revitalised_value + t.revitalised_value,
                )
            )
        return [table[place] for place in sorted(table)]

    def rate(self, tally: RevitalisationTally) -> Fraction:
        """Return the rate of one place on the chosen basis (exact)."""
        by_count = Fraction(tally.revitalised_count, tally.count)
        by_value = (
            Fraction(tally.revitalised_value) / Fraction(tally.value) if tally.value else by_count
        )
        match self.by:
            case "count":
                return by_count
            case "value":
                return by_value
            case _:
                return (by_count + by_value) / 2

    def judge(self, tallies: Sequence[RevitalisationTally], *, as_of: dt.date) -> list[Finding]:
        """Return the findings for places whose rate is below target (shared by every engine)."""
        if as_of <= self.due:
            return []
        findings = []
        for tally in tallies:
            if tally.count == 0:
                continue
            rate = self.rate(tally)
            if rate < self.target:
                place = Place(*tally.place)
                found = (
                    f"年度盘活利用率{pct(rate)}(按数量:{tally.revitalised_count}/{tally.count}项;"
                    f"按金额:{tally.revitalised_value}/{tally.value}元)"
                )
                expected = (
                    f"{self.due}前年度盘活利用率达到{pct(self.target)}以上(按{_BASIS[self.by]})"
                )
                findings.append(
                    self.finding(str(place), place, "below_target", found=found, expected=expected)
                )
        return findings


@attrs.frozen(kw_only=True)
class _AssetRowRule(RowRule):
    ledger: ClassVar[LedgerKind] = LedgerKind.ASSETS
    row_type: ClassVar[type] = Asset
    clause: ClassVar[Clause] = CLAUSES[22]
    owner_column: ClassVar[str | None] = "responsible_unit"
    due: dt.date = dt.date(2025, 1, 1)

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return ``as_of`` and whether the due day has passed."""
        return {"as_of": as_of, "active": as_of > self.due}

    def _dated(self, step: str, day: dt.date | None, as_of: dt.date) -> Iterator[Evidence]:
        if day is None or day > as_of:
            yield Evidence(f"{step}_missing")
        elif day > self.due:
            yield Evidence(f"{step}_late", day)

    def _dated_cases(self, step: str, column: Any, scope: Any, as_of: dt.date) -> list[Case]:  # noqa: ANN401
        ibis = _ibis()
        day = ibis.literal(as_of, type="date")
        due = ibis.literal(self.due, type="date")
        return [
            Case(f"{step}_missing", scope & (column.isnull() | (column > day))),
            Case(f"{step}_late", scope & (column <= day) & (column > due), column),
        ]


def _registration_due() -> dt.date:
    return plan_limits().registration_due


def _write_off_due() -> dt.date:
    return plan_limits().write_off_due


def _step_messages(step: str, label: str, expected: str) -> dict[str, tuple[str, str]]:
    return {
        f"{step}_missing": (f"截至{{as_of}}未完成{label}", expected),
        f"{step}_late": (f"{{day}}完成{label},晚于{{rule.due}}", expected),
    }


@attrs.frozen(kw_only=True)
class RegistrationAndHandover(_AssetRowRule):
    """Title registration and hand-over of eligible assets by ``due`` (task 22: 9月底前).

    Eligible ("符合条件的项目") is read as: not disposed, not scrapped, and formed in or before
    the due year. Once ``as_of`` is after the due day, each eligible asset not registered
    (``registration_missing``) or registered after the due day (``registration_late``) is a
    finding, and likewise for the hand-over.

    Examples
    --------
    >>> import datetime as dt
    >>> a = Asset(id="A1", asset_class="公益性", value=1, funding_year=2022,
    ...           registered_on="2025-09-30", responsible_unit="红星村委会")
    >>> [f.reason for f in RegistrationAndHandover().evaluate([a], as_of=dt.date(2025, 10, 1))]
    ['handover_missing']
    """

    id: ClassVar[str] = "asset_registration_handover"
    title: ClassVar[str] = "符合条件的项目完成确权登记和资产移交"
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        **_step_messages("registration", "确权登记", "{rule.due}前完成确权登记"),
        **_step_messages("handover", "资产移交", "{rule.due}前完成资产移交"),
    }
    due: dt.date = attrs.field(factory=_registration_due, converter=as_of_date)

    def eligible(self, asset: Asset) -> bool:
        """Whether the asset must be registered and handed over."""
        return (
            asset.state is not AssetState.DISPOSED
            and not asset.scrapped
            and asset.funding_year <= self.due.year
        )

    def examine(self, row: Any, ctx: dict[str, Any]) -> Iterator[Evidence]:  # noqa: ANN401
        """Yield the missing or late registration and hand-over."""
        if ctx["active"] and self.eligible(row):
            yield from self._dated("registration", row.registered_on, ctx["as_of"])
            yield from self._dated("handover", row.handed_over_on, ctx["as_of"])

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as Ibis expressions."""
        if not ctx["active"]:
            return []
        t = table
        scope = (
            (t.state != AssetState.DISPOSED.value)
            & ~t.scrapped.fill_null(NO)
            & (t.funding_year <= self.due.year)
        )
        return [
            *self._dated_cases("registration", t.registered_on, scope, ctx["as_of"]),
            *self._dated_cases("handover", t.handed_over_on, scope, ctx["as_of"]),
        ]


@attrs.frozen(kw_only=True)
class ScrappedWriteOff(_AssetRowRule):
    """Write-off of scrapped or lost assets by ``due`` (task 22: 10月底前 核销).

    Examples
    --------
    >>> import datetime as dt
    >>> a = Asset(id="A1", asset_class="到户类", value=1, funding_year=2019, scrapped=True,
    ...           state="已处置", written_off_on="2025-11-03")
    >>> [f.found for f in ScrappedWriteOff().evaluate([a], as_of=dt.date(2025, 12, 1))]
    ['2025-11-03核销,晚于2025-10-31']
    """

    id: ClassVar[str] = "asset_write_off"
    title: ClassVar[str] = "报废报损项目核销"
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "write_off_missing": ("截至{as_of}未核销", "{rule.due}前对报废报损项目进行核销处理"),
        "write_off_late": ("{day}核销,晚于{rule.due}", "{rule.due}前对报废报损项目进行核销处理"),
    }
    due: dt.date = attrs.field(factory=_write_off_due, converter=as_of_date)

    def examine(self, row: Any, ctx: dict[str, Any]) -> Iterator[Evidence]:  # noqa: ANN401
        """Yield the missing or late write-off of a scrapped asset."""
        if ctx["active"] and row.scrapped:
            yield from self._dated("write_off", row.written_off_on, ctx["as_of"])

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as Ibis expressions."""
        if not ctx["active"]:
            return []
        scope = table.scrapped.fill_null(NO)
        return self._dated_cases("write_off", table.written_off_on, scope, ctx["as_of"])
