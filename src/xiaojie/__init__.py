"""xiaojie (衔接): Chinese government action plans as typed, queryable, testable software.

>>> import datetime
>>> import xiaojie as xj
>>> plan = xj.load_plan()
>>> plan.task(4).lead.name
'自治区农业农村厅'
>>> plan.units.resolve("医保局").name
'自治区医疗保障局'
>>> snapshot = xj.status(plan, as_of=datetime.date(2025, 8, 1))
>>> names = [row.owner.name for row in xj.queries.units_with_overdue_tasks(plan, snapshot)]
>>> "自治区财政厅" in names, "自治区商务厅" in names
(True, False)
"""

import importlib
from typing import TYPE_CHECKING

from xiaojie._extras import load_lazily
from xiaojie.errors import (
    CalendarCoverageError,
    DateValueError,
    DependencyCycleError,
    LedgerError,
    PlanFileError,
    PlanValidationError,
    ProgressError,
    TimePhraseError,
    UnknownItemError,
    UnknownUnitError,
    XiaojieError,
)


if TYPE_CHECKING:
    from xiaojie import dates
    from xiaojie.io import load_plan, plan_from_mapping, plan_to_mapping, save_plan
    from xiaojie.model import (
        Campaign,
        CheckMode,
        GroupKind,
        Indicator,
        Milestone,
        Obligation,
        Phase,
        Plan,
        Responsibility,
        ResponsibleUnit,
        Role,
        Target,
        Task,
        TimeLimit,
        Tracking,
        TrackingMode,
        UnitGroup,
        UnitKind,
        UnitRegistry,
    )
    from xiaojie.parsing import ParseResult, PlanParseError, parse_plan
    from xiaojie.progress import (
        Completion,
        Measurement,
        Occurrence,
        Progress,
        read_progress,
        write_progress,
    )
    from xiaojie.records import Records
    from xiaojie.tracking import Entry, EntryKind, Result, Snapshot, State, item_status, status

    __version__: str


# Submodules with heavier imports (networkx, optional extras) load on first use:
# ``xj.queries.units_with_overdue_tasks(...)`` works after a plain ``import xiaojie as xj``.
_LAZY = frozenset({"dates", "graph", "ledgers", "queries", "render", "pace", "records"})
_LAZY |= {"io", "model", "parsing", "progress", "tracking"}  # imported eagerly before
_LAZY |= {"cascade", "compare", "places", "rollup", "versions"}  # plans across levels

# The public names of the submodules, imported on first use (PEP 562): ``import xiaojie`` (and
# every ``import xiaojie.<submodule>``) then loads only what is used.
_FROM = {
    "xiaojie.io": ("load_plan", "plan_from_mapping", "plan_to_mapping", "save_plan"),
    "xiaojie.model": (
        "Campaign", "CheckMode", "GroupKind", "Indicator", "Milestone", "Obligation", "Phase",
        "Plan", "Responsibility", "ResponsibleUnit", "Role", "Target", "Task", "TimeLimit",
        "Tracking", "TrackingMode", "UnitGroup", "UnitKind", "UnitRegistry",
    ),
    "xiaojie.parsing": ("ParseResult", "PlanParseError", "parse_plan"),
    "xiaojie.progress": (
        "Completion", "Measurement", "Occurrence", "Progress", "read_progress", "write_progress",
    ),
    "xiaojie.records": ("Records",),
    "xiaojie.tracking": (
        "Entry", "EntryKind", "Result", "Snapshot", "State", "item_status", "status",
    ),
}  # fmt: skip
_WHERE = {name: module for module, names in _FROM.items() for name in names}


def __getattr__(name: str) -> object:
    if name == "__version__":  # importlib.metadata is slow to import: read on first use
        from importlib.metadata import version  # noqa: PLC0415

        value = globals()[name] = version("xiaojie")
        return value
    if name in _LAZY and name not in _WHERE:
        return importlib.import_module(f"xiaojie.{name}")
    return load_lazily(__name__, _WHERE, name, globals())


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_WHERE, "__version__"})


__all__ = [
    "CalendarCoverageError",
    "Campaign",
    "CheckMode",
    "Completion",
    "DateValueError",
    "DependencyCycleError",
    "Entry",
    "EntryKind",
    "GroupKind",
    "Indicator",
    "LedgerError",
    "Measurement",
    "Milestone",
    "Obligation",
    "Occurrence",
    "ParseResult",
    "Phase",
    "Plan",
    "PlanFileError",
    "PlanParseError",
    "PlanValidationError",
    "Progress",
    "ProgressError",
    "Records",
    "Responsibility",
    "ResponsibleUnit",
    "Result",
    "Role",
    "Snapshot",
    "State",
    "Target",
    "Task",
    "TimeLimit",
    "TimePhraseError",
    "Tracking",
    "TrackingMode",
    "UnitGroup",
    "UnitKind",
    "UnitRegistry",
    "UnknownItemError",
    "UnknownUnitError",
    "XiaojieError",
    "__version__",
    "dates",
    "item_status",
    "load_plan",
    "parse_plan",
    "plan_from_mapping",
    "plan_to_mapping",
    "read_progress",
    "save_plan",
    "status",
    "write_progress",
]
