"""The plan's rules and findings, under their former module name.

The rules live in :mod:`xiaojie.ledgers.rules`, one module per ledger kind; this module keeps
the names importable from here.
"""

from __future__ import annotations

from xiaojie.ledgers._enums import Severity
from xiaojie.ledgers.rules import (
    CLAUSES,
    DEFAULT_RULES,
    RULES,
    Case,
    Clause,
    EliminationIncomeNotAboveLine,
    EliminationTooEarly,
    EliminationWithoutLabour,
    EliminationWithoutMeasure,
    Evidence,
    Finding,
    FindingCounts,
    Findings,
    HouseholdRule,
    IdentificationTimeLimit,
    IndustryShare,
    LongUnresolved,
    RectificationDeadline,
    RegistrationAndHandover,
    RevitalisationRate,
    RevitalisationTally,
    RowRule,
    Rule,
    ScrappedWriteOff,
    SpendingMilestone,
    SpendingProgress,
    TableRule,
    check,
    rules_for,
    span_cutoff,
    summary_table,
)


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
    "RectificationDeadline",
    "RegistrationAndHandover",
    "RevitalisationRate",
    "RevitalisationTally",
    "RowRule",
    "Rule",
    "ScrappedWriteOff",
    "Severity",
    "SpendingMilestone",
    "SpendingProgress",
    "TableRule",
    "check",
    "rules_for",
    "span_cutoff",
    "summary_table",
]
