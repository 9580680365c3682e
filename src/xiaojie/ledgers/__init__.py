"""Ledgers (台账) and the plan's rules over them.

Typed rows (:class:`Household`, :class:`Asset`, :class:`FundRecord`, :class:`Problem`), readers
for the CSV, XLSX and Parquet ledgers counties keep, the plan's rules as named objects citing
their clauses (one registered class each, see :mod:`xiaojie.ledgers.rules`), and engines that give
the same findings: plain Python objects for small ledgers, DuckDB (optional extra ``columnar``)
for large ones, and Spark or any Ibis backend (extra ``spark``) where the data lives in a cluster.
"""

from typing import TYPE_CHECKING

from xiaojie._extras import load_lazily
from xiaojie._privacy import PersonalNames, names_scope
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
    Severity,
)
from xiaojie.ledgers._model import (
    Asset,
    AssistanceMeasure,
    FundRecord,
    Household,
    LedgerValueError,
    LifecycleError,
    Member,
    Place,
    Problem,
    Transition,
)
from xiaojie.ledgers._privacy import (
    is_valid_id_number,
    mask_id_number,
    mask_name,
    mask_phone,
)
from xiaojie.ledgers._read import (
    LedgerFileError,
    LedgerRead,
    LedgerReport,
    RowIssue,
    read_assets,
    read_funds,
    read_households,
    read_ledger,
    read_problems,
)
from xiaojie.ledgers._schema import FieldKind, HeaderMap, IssueKind, LedgerKind
from xiaojie.ledgers.rules import (
    CLAUSES,
    RULES,
    Case,
    Clause,
    EliminationIncomeNotAboveLine,
    EliminationTooEarly,
    EliminationWithoutLabour,
    EliminationWithoutMeasure,
    Evidence,
    Finding,
    Findings,
    IdentificationTimeLimit,
    IndustryShare,
    LongUnresolved,
    RectificationDeadline,
    RegistrationAndHandover,
    RevitalisationRate,
    RowRule,
    Rule,
    ScrappedWriteOff,
    SpendingMilestone,
    SpendingProgress,
    TableRule,
    check,
    default_rules,
    plan_limits,
    rules_for,
)


if TYPE_CHECKING:
    from xiaojie.ledgers._columnar import (
        DEFAULT_MEMORY_LIMIT,
        ColumnarCheck,
        ColumnarFindings,
        MissingExtraError,
        assets_to_arrow,
        check_columnar,
        check_table,
        households_to_arrow,
        rules_sql,
        sniff_ledger,
    )
    from xiaojie.ledgers._write import write_findings, write_report
    from xiaojie.ledgers.rules import DEFAULT_RULES


# The engines (and the file writers) load on first use (PEP 562): reading or checking a small
# ledger with the object engine imports neither, nor the plan files they lead to.
_FROM = {
    "xiaojie.ledgers._columnar": (
        "DEFAULT_MEMORY_LIMIT", "ColumnarCheck", "ColumnarFindings", "MissingExtraError",
        "assets_to_arrow", "check_columnar", "check_table", "households_to_arrow", "rules_sql",
        "sniff_ledger",
    ),
    "xiaojie.ledgers._write": ("write_findings", "write_report"),
    "xiaojie.ledgers.rules": ("DEFAULT_RULES",),  # reads the bundled plan
}  # fmt: skip
_WHERE = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str) -> object:
    return load_lazily(__name__, _WHERE, name, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "CLAUSES",
    "DEFAULT_MEMORY_LIMIT",
    "DEFAULT_RULES",
    "RULES",
    "Asset",
    "AssetClass",
    "AssetState",
    "AssistanceMeasure",
    "Case",
    "Clause",
    "ColumnarCheck",
    "ColumnarFindings",
    "DiscoveryChannel",
    "EliminationIncomeNotAboveLine",
    "EliminationMode",
    "EliminationTooEarly",
    "EliminationWithoutLabour",
    "EliminationWithoutMeasure",
    "Evidence",
    "FieldKind",
    "Finding",
    "Findings",
    "FundRecord",
    "HeaderMap",
    "Household",
    "HouseholdKind",
    "IdentificationTimeLimit",
    "IndustryShare",
    "IssueKind",
    "LedgerEnum",
    "LedgerFileError",
    "LedgerKind",
    "LedgerRead",
    "LedgerReport",
    "LedgerValueError",
    "LifecycleError",
    "LongUnresolved",
    "MeasureKind",
    "Member",
    "MissingExtraError",
    "MonitoringCategory",
    "PersonalNames",
    "Place",
    "Problem",
    "ProblemSource",
    "ProblemState",
    "RectificationDeadline",
    "RegistrationAndHandover",
    "RevitalisationRate",
    "RiskType",
    "RowIssue",
    "RowRule",
    "Rule",
    "ScrappedWriteOff",
    "Severity",
    "SpendingMilestone",
    "SpendingProgress",
    "TableRule",
    "Transition",
    "assets_to_arrow",
    "check",
    "check_columnar",
    "check_table",
    "default_rules",
    "households_to_arrow",
    "is_valid_id_number",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "names_scope",
    "plan_limits",
    "read_assets",
    "read_funds",
    "read_households",
    "read_ledger",
    "read_problems",
    "rules_for",
    "rules_sql",
    "sniff_ledger",
    "write_findings",
    "write_report",
]
