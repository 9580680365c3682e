"""The limits the ledger rules apply, read from the plan object rather than copied by hand.

The bundled plan (and any plan file in the same format) states the limits the ledger rules
need: the 15-day identification limit and the 1-year follow-up span (``limits``), the 80%
revitalisation target and the 60%/85%/100% spending targets with their due days
(``indicators``), the 9月底 and 10月底 asset deadlines (``milestones``) and the 60% industry
share. :func:`plan_limits` gathers them; the rules take their defaults from it, so a change to
the plan changes the rules.
"""

from __future__ import annotations

import datetime as dt
import functools
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from xiaojie.errors import LedgerError


if TYPE_CHECKING:
    from xiaojie.model import Plan


__all__ = ["MilestoneLimit", "PlanLimits", "plan_limits"]


@attrs.frozen
class MilestoneLimit:
    """A spending target of the plan: by ``due``, at least ``share`` spent."""

    due: dt.date
    share: Fraction
    excluding_retention: bool = False


@attrs.frozen(kw_only=True)
class PlanLimits:
    """The limits of one plan the ledger rules use.

    Attributes
    ----------
    identification_days
        Days from the risk clue to identification (limit ``identification-limit``).
    unresolved_years
        Years monitored without elimination before follow-up (limit ``long-unresolved``).
    revitalisation_target, revitalisation_due
        The 力争 revitalisation rate and its due day (indicator ``asset-revitalisation-rate``).
    registration_due, write_off_due
        Deadlines of milestones ``asset-registration-handover`` and ``asset-write-off``.
    spending
        The spending milestones (indicators ``spending-progress`` and ``budget-execution``).
    industry_share
        The bound of indicator ``industry-share`` (高于: the bound itself is a finding).
    """

    identification_days: int
    unresolved_years: int
    revitalisation_target: Fraction
    revitalisation_due: dt.date
    registration_due: dt.date
    write_off_due: dt.date
    spending: tuple[MilestoneLimit, ...]
    industry_share: Fraction


def _missing(what: str) -> LedgerError:
    return LedgerError(f"plan limits: expected {what} in the plan, found none")


def limits_of(plan: Plan) -> PlanLimits:
    """Return the ledger limits stated in ``plan``.

    Raises
    ------
    LedgerError
        If the plan lacks one of the limits, indicators or milestones named above.

    Examples
    --------
    >>> from xiaojie.io import load_plan
    >>> limits = limits_of(load_plan())
    >>> limits.identification_days, limits.revitalisation_due.isoformat()
    (15, '2025-07-31')
    """
    spans = {limit.id: limit.span for limit in plan.limits}
    indicators = {indicator.id: indicator for indicator in plan.indicators}
    milestones = {milestone.id: milestone for milestone in plan.milestones}

    def span_amount(limit_id: str) -> int:
        span = spans.get(limit_id)
        if span is None:
            raise _missing(f"limit {limit_id!r}")
        return int(span.amount)

    def targets(indicator_id: str) -> list[tuple[Fraction, dt.date | None]]:
        indicator = indicators.get(indicator_id)
        if indicator is None or not indicator.targets:
            raise _missing(f"indicator {indicator_id!r} with a target")
        return [
            (
                Fraction(str(target.value)) / 100,
                target.due.end if target.due is not None else None,
            )
            for target in indicator.targets
        ]

    def due(indicator_id: str, share: Fraction, day: dt.date | None) -> dt.date:
        if day is None:
            raise _missing(f"a due day for the {share} target of indicator {indicator_id!r}")
        return day

    def deadline(milestone_id: str) -> dt.date:
        milestone = milestones.get(milestone_id)
        end = None if milestone is None else milestone.when.end
        if end is None:
            raise _missing(f"milestone {milestone_id!r} with a due day")
        return end

    spending = [
        MilestoneLimit(due("spending-progress", share, day), share)
        for share, day in targets("spending-progress")
    ]
    budget = targets("budget-execution")
    retention = bool(indicators["budget-execution"].exclusions)
    spending.extend(
        MilestoneLimit(due("budget-execution", share, day), share, excluding_retention=retention)
        for share, day in budget
    )
    ((target, target_due),) = targets("asset-revitalisation-rate")[:1]
    ((industry, _),) = targets("industry-share")[:1]
    return PlanLimits(
        identification_days=span_amount("identification-limit"),
        unresolved_years=span_amount("long-unresolved"),
        revitalisation_target=target,
        revitalisation_due=due("asset-revitalisation-rate", target, target_due),
        registration_due=deadline("asset-registration-handover"),
        write_off_due=deadline("asset-write-off"),
        spending=tuple(sorted(spending, key=lambda m: m.due)),
        industry_share=industry,
    )


@functools.cache
def plan_limits() -> PlanLimits:
    """Return the limits of the bundled plan (read once).

    Examples
    --------
    >>> plan_limits().industry_share
    Fraction(3, 5)
    """
    from xiaojie.io import load_plan  # noqa: PLC0415 - the plan loads on first use

    return limits_of(load_plan())
