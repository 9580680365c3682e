"""What check-ledger prints with ``--json`` and writes with ``--out``, in the plan's words.

The rules name the units of the task they cite in their own words (自治区医保局); the JSON and
the written findings name them as the plan's registry does (自治区医疗保障局), as the text
report does. The file's problems carry their machine-readable kind (``bad_date`` …) beside a
message in the report's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import scrub
from xiaojie.render import ledger_problem, ledger_skip_reason, plan_unit_name


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from xiaojie.ledgers import Findings, LedgerReport
    from xiaojie.model import Plan


__all__ = ["ledger_json", "named_as_plan"]


def named_as_plan(findings: Findings, plan: Plan) -> Findings:
    """Return ``findings`` with each responsible unit named as the plan's registry names it."""
    renamed: dict[tuple[str, ...], tuple[str, ...]] = {}
    items = []
    for finding in findings.items:
        units = finding.units
        if units not in renamed:
            renamed[units] = tuple(plan_unit_name(plan, unit) for unit in units)
        named = renamed[units]
        items.append(finding if named == units else attrs.evolve(finding, units=named))
    return attrs.evolve(findings, items=items)


def ledger_json(
    report: LedgerReport,
    findings: Findings,
    *,
    skipped: Sequence[tuple[Any, str]],
    engine: str,
    plan: Plan,
    as_of: dt.date,
    lang: str,
) -> dict[str, Any]:
    """Return one checked file as the JSON check-ledger prints (``findings`` already named)."""
    return {
        "file": report.source,
        "ledger": str(report.ledger),
        "as_of": as_of.isoformat(),
        "plan": plan.id,
        "engine": engine,
        "rows": report.rows,
        "good": report.good,
        "bad_rows": list(report.bad_rows),
        "issues": [
            {
                "row": issue.row,
                "column": scrub(issue.column),
                "field": issue.field,
                "kind": str(issue.kind),
                "message": scrub(ledger_problem(issue.message, lang)),
            }
            for issue in report.issues
        ],
        "by_rule": findings.by_rule(),
        "not_run": [
            {
                "rule": rule.id,
                "title": rule.title,
                "reason": why,
                "why": ledger_skip_reason(why, lang),
            }
            for rule, why in skipped
        ],
        "findings": findings.records(),
    }
