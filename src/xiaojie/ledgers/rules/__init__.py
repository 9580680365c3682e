"""The plan's rules over ledgers, one module per ledger kind, and the findings they produce.

Each rule is one class (see :class:`RowRule` and :class:`TableRule`) citing the clause it
enforces, with its limits as parameters whose defaults come from the plan object
(:func:`plan_limits`), so the same rule can check another plan's numbers::

    IdentificationTimeLimit()          # 不超过15天 (task 4, the plan's limit)
    IdentificationTimeLimit(days=20)   # another plan's limit

Declaring a rule class registers it in :data:`RULES`. Every rule runs on typed objects
(:func:`check`) and, through Ibis, on DuckDB, Spark or any Ibis backend
(:func:`~xiaojie.ledgers.check_columnar`, :func:`~xiaojie.ledgers.check_table`).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from xiaojie.errors import LedgerError
from xiaojie.ledgers._model import Asset, FundRecord, Household, Problem
from xiaojie.ledgers._schema import LedgerKind
from xiaojie.ledgers.rules._base import (
    RULES,
    Case,
    Evidence,
    RowRule,
    Rule,
    TableRule,
    as_of_date,
    span_cutoff,
)
from xiaojie.ledgers.rules._clauses import CLAUSES, Clause
from xiaojie.ledgers.rules._findings import (
    Finding,
    FindingCounts,
    Findings,
    Tally,
    summary_table,
)
from xiaojie.ledgers.rules._limits import MilestoneLimit, PlanLimits, limits_of, plan_limits
from xiaojie.ledgers.rules.assets import (
    RegistrationAndHandover,
    RevitalisationRate,
    RevitalisationTally,
    ScrappedWriteOff,
)
from xiaojie.ledgers.rules.funds import IndustryShare, SpendingMilestone, SpendingProgress
from xiaojie.ledgers.rules.households import (
    EliminationIncomeNotAboveLine,
    EliminationTooEarly,
    EliminationWithoutLabour,
    EliminationWithoutMeasure,
    HouseholdRule,
    IdentificationTimeLimit,
    LongUnresolved,
)
from xiaojie.ledgers.rules.problems import RectificationDeadline


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from xiaojie.model import Plan


__all__ = [
    "CLAUSES",
    "DEFAULT_RULES",
    "RULES",
    "Case",
    "Clause",
    "EliminationIncomeNotAboveLine",
    "EliminationTooEarly",
    "EliminationWithoutLabour",
    "EliminationWithoutMeasure",
    "Evidence",
    "Finding",
    "FindingCounts",
    "Findings",
    "HouseholdRule",
    "IdentificationTimeLimit",
    "IndustryShare",
    "LongUnresolved",
    "MilestoneLimit",
    "PlanLimits",
    "RectificationDeadline",
    "RegistrationAndHandover",
    "RevitalisationRate",
    "RevitalisationTally",
    "RowRule",
    "Rule",
    "ScrappedWriteOff",
    "SpendingMilestone",
    "SpendingProgress",
    "TableRule",
    "Tally",
    "as_of_date",
    "check",
    "default_rules",
    "limits_of",
    "plan_limits",
    "rules_for",
    "span_cutoff",
    "summary_table",
]


def _milestones(limits: PlanLimits) -> tuple[SpendingMilestone, ...]:
    return tuple(
        SpendingMilestone(m.due, m.share, excluding_retention=m.excluding_retention)
        for m in limits.spending
    )


def default_rules(plan: Plan | None = None) -> tuple[Rule, ...]:
    """Return the plan's rules with the limits of ``plan`` (default: the bundled plan).

    The income rule finds nothing until a monitoring line is supplied:
    ``EliminationIncomeNotAboveLine(monitoring_line=...)``.

    Examples
    --------
    >>> [r.id for r in default_rules()][:2]
    ['identification_time_limit', 'long_unresolved']
    """
    limits = plan_limits() if plan is None else limits_of(plan)
    return (
        IdentificationTimeLimit(days=limits.identification_days),
        LongUnresolved(years=limits.unresolved_years),
        EliminationTooEarly(),
        EliminationWithoutMeasure(),
        EliminationIncomeNotAboveLine(),
        EliminationWithoutLabour(),
        RevitalisationRate(target=limits.revitalisation_target, due=limits.revitalisation_due),
        RegistrationAndHandover(due=limits.registration_due),
        ScrappedWriteOff(due=limits.write_off_due),
        SpendingProgress(milestones=_milestones(limits)),
        IndustryShare(share=limits.industry_share),
        RectificationDeadline(),
    )


if TYPE_CHECKING:
    #: The plan's rules with the bundled plan's own limits.
    DEFAULT_RULES: tuple[Rule, ...]


def __getattr__(name: str) -> object:
    # DEFAULT_RULES is made on first use (PEP 562): it reads the bundled plan.
    if name == "DEFAULT_RULES":
        return _default_rules()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


@functools.cache
def _default_rules() -> tuple[Rule, ...]:
    """Return :data:`DEFAULT_RULES` (made once, on first use)."""
    return default_rules()


def rules_for(ledger: LedgerKind | str, rules: Iterable[Rule] | None = None) -> tuple[Rule, ...]:
    """Return the rules (default: :data:`DEFAULT_RULES`) that apply to ``ledger``.

    Examples
    --------
    >>> [r.id for r in rules_for("funds")]
    ['fund_spending_progress', 'fund_industry_share']
    """
    kind = LedgerKind(ledger)
    return tuple(r for r in (_default_rules() if rules is None else rules) if r.ledger is kind)


def check(
    rows: Iterable[Household | Asset | FundRecord | Problem],
    *,
    as_of: dt.date,
    rules: Iterable[Rule] | None = None,
) -> Findings:
    """Evaluate rules over typed ledger rows as of a date (the object engine).

    Parameters
    ----------
    rows
        Households, assets, fund records and/or problems (mixed is fine).
    as_of
        The evaluation date (keyword-only; the clock is never read).
    rules
        The rules to apply (default :data:`DEFAULT_RULES`); each sees only rows of its ledger.

    Returns
    -------
    Findings

    Raises
    ------
    DateValueError
        If ``as_of`` is not a date (a ``datetime`` is refused).
    LedgerError
        If ``as_of`` is outside 1980–2100 or a row is not a ledger object.

    Examples
    --------
    >>> import datetime as dt
    >>> rows = [Household(id="A", kind="脱贫户", identified_on="2024-08-01")]
    >>> check(rows, as_of=dt.date(2025, 8, 1)).by_rule()["long_unresolved"]
    1
    >>> check(rows, as_of=dt.datetime(2025, 8, 1))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: as_of: expected a date, found a datetime '2025-08-01T00:00:00'
    """
    day = as_of_date(as_of)
    chosen = tuple(_default_rules() if rules is None else rules)
    by_type: dict[type, list[Any]] = defaultdict(list)
    for row in rows:
        if not isinstance(row, Household | Asset | FundRecord | Problem):
            msg = f"check: expected ledger rows (Household, Asset, ...), found {type(row).__name__}"
            raise LedgerError(msg)
        by_type[type(row)].append(row)
    findings: list[Finding] = []
    for rule in chosen:
        findings.extend(rule.evaluate(by_type.get(rule.row_type, []), as_of=day))
    return Findings(day, findings, tuple(r.id for r in chosen))
