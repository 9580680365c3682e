"""The plan's rules over the fund (衔接资金) ledger: tasks 11 and 21.

The milestones (60% by 7月底, 85% by 10月底, 100% of the budget net of 项目质保金 by 12月底)
and the industry share (高于60%) come from the plan object (indicators ``spending-progress``,
``budget-execution`` and ``industry-share``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs

from xiaojie.errors import LedgerError
from xiaojie.ledgers._model import FundRecord, Place
from xiaojie.ledgers._schema import LedgerKind
from xiaojie.ledgers.rules._base import Rule, as_of_date, pct, share
from xiaojie.ledgers.rules._clauses import CLAUSES, Clause
from xiaojie.ledgers.rules._limits import plan_limits


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xiaojie.ledgers.rules._findings import Finding


__all__ = ["IndustryShare", "SpendingMilestone", "SpendingProgress"]


def _share_of(value: object) -> Fraction:
    return share(value, "share")


@attrs.frozen
class SpendingMilestone:
    """A spending target: by ``due``, spent / allocated at least ``share``.

    With ``excluding_retention`` the allocation net of 项目质保金 is the base (the plan's
    12月底 budget-execution rate).
    """

    due: dt.date = attrs.field(converter=as_of_date)
    share: Fraction = attrs.field(converter=_share_of)
    excluding_retention: bool = False


def _plan_milestones() -> tuple[SpendingMilestone, ...]:
    return tuple(
        SpendingMilestone(m.due, m.share, excluding_retention=m.excluding_retention)
        for m in plan_limits().spending
    )


def _milestone_tuple(value: Iterable[SpendingMilestone]) -> tuple[SpendingMilestone, ...]:
    return tuple(value)


def _industry_share() -> Fraction:
    return plan_limits().industry_share


def _latest(records: Iterable[FundRecord], until: dt.date) -> FundRecord | None:
    best = None
    for record in records:
        if record.reported_on <= until and (best is None or record.reported_on > best.reported_on):
            best = record
    return best


def _by_fund(rows: Sequence[FundRecord]) -> dict[tuple[str, str], list[FundRecord]]:
    groups: dict[tuple[str, str], list[FundRecord]] = defaultdict(list)
    for record in rows:
        groups[(record.county, record.fund)].append(record)
    return dict(sorted(groups.items()))


@attrs.frozen(kw_only=True)
class SpendingProgress(Rule):
    """Fund spending progress by the milestones of task 21 (60% / 85% / 100%).

    For each county (and fund) and each milestone whose due day is before ``as_of``, the latest
    record on or before the due day is judged: spent / allocated must reach the share (达到
    includes it); the year-end one excludes 项目质保金 from the allocation. A county with no
    record by a due day is a finding (``no_report``). Records after ``as_of`` are ignored.

    Examples
    --------
    >>> import datetime as dt
    >>> r = FundRecord(county="同心县", reported_on="2025-07-31", allocated=100, spent="59.99")
    >>> [f.found for f in SpendingProgress().evaluate([r], as_of=dt.date(2025, 8, 1))]
    ['2025-07-31资金支出进度60.0%(59.99/100.00元)']
    """

    id: ClassVar[str] = "fund_spending_progress"
    title: ClassVar[str] = "资金支出进度7月底60%、10月底85%,12月底执行率100%"
    ledger: ClassVar[LedgerKind] = LedgerKind.FUNDS
    clause: ClassVar[Clause] = CLAUSES[21]
    row_type: ClassVar[type] = FundRecord
    milestones: tuple[SpendingMilestone, ...] = attrs.field(
        factory=_plan_milestones, converter=_milestone_tuple
    )

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the counties behind a passed milestone."""
        findings = []
        for (county, fund), records in _by_fund(rows).items():
            subject = f"{county}/{fund}" if fund else county
            for milestone in self.milestones:
                if as_of <= milestone.due:
                    continue
                finding = self._judge(subject, county, records, milestone)
                if finding is not None:
                    findings.append(finding)
        return findings

    def _judge(
        self, subject: str, county: str, records: list[FundRecord], milestone: SpendingMilestone
    ) -> Finding | None:
        what = "资金预算执行率(项目质保金除外)" if milestone.excluding_retention else "资金支出进度"
        expected = f"{milestone.due}前{what}达到{pct(milestone.share)}"
        record = _latest(records, milestone.due)
        place = Place(county)
        if record is None:
            found = f"截至{milestone.due}无资金支出记录"
            return self.finding(
                subject, place, "no_report", found=found, expected=expected, owner=county
            )
        base = record.allocated - (record.retention if milestone.excluding_retention else 0)
        if base <= 0:
            return None
        progress = Fraction(record.spent) / Fraction(base)
        if progress >= milestone.share:
            return None
        found = f"{record.reported_on}{what}{pct(progress)}({record.spent}/{base}元)"
        reason = f"behind_{milestone.due.isoformat()}"
        return self.finding(subject, place, reason, found=found, expected=expected, owner=county)


@attrs.frozen(kw_only=True)
class IndustryShare(Rule):
    """Share of linkage funds used for industry development above ``share`` (task 11: 高于60%).

    高于 excludes the bound: exactly 60% is a finding. The latest record of each county (and
    fund) on or before ``as_of`` is judged. The share's base is a parameter: ``spent`` (default:
    industry spending / all spending, meaningful at any date) or ``allocated`` (industry
    spending / allocation, meaningful at year end). Records with nothing in the base are not
    judged. Filter the records to 中央衔接资金 with ``fund`` when a ledger mixes funds.

    Examples
    --------
    >>> import datetime as dt
    >>> r = FundRecord(county="同心县", reported_on="2025-07-31", allocated=100, spent=50,
    ...                industry=30)
    >>> [f.found for f in IndustryShare().evaluate([r], as_of=dt.date(2025, 8, 1))]
    ['2025-07-31用于产业发展比例60.0%(30.00/50.00元)']
    """

    id: ClassVar[str] = "fund_industry_share"
    title: ClassVar[str] = "中央衔接资金用于产业发展比例高于60%"
    ledger: ClassVar[LedgerKind] = LedgerKind.FUNDS
    clause: ClassVar[Clause] = CLAUSES[11]
    row_type: ClassVar[type] = FundRecord
    share: Fraction = attrs.field(factory=_industry_share, converter=_share_of)
    basis: Literal["spent", "allocated"] = attrs.field(default="spent")
    fund: str | None = None

    @basis.validator
    def _check_basis(self, _attribute: object, value: object) -> None:
        if value not in {"spent", "allocated"}:
            msg = f"basis: expected 'spent' or 'allocated', found {value!r}"
            raise LedgerError(msg)

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the counties whose industry share is not above the bound."""
        findings = []
        for (county, fund), records in _by_fund(rows).items():
            if self.fund is not None and fund != self.fund:
                continue
            record = _latest(records, as_of)
            if record is None:
                continue
            base = record.spent if self.basis == "spent" else record.allocated
            if base <= 0:
                continue
            share = Fraction(record.industry) / Fraction(base)
            if share > self.share:
                continue
            subject = f"{county}/{fund}" if fund else county
            found = f"{record.reported_on}用于产业发展比例{pct(share)}({record.industry}/{base}元)"
            expected = f"用于产业发展比例高于{pct(self.share)}(以{_BASE[self.basis]}为基数)"
            findings.append(
                self.finding(
                    subject,
                    Place(county),
                    "not_above",
                    found=found,
                    expected=expected,
                    owner=county,
                )
            )
        return findings


_BASE = {"spent": "累计支出", "allocated": "下达资金"}
