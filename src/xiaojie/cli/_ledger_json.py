"""What check-ledger prints with ``--json`` and writes with ``--out``, in the plan's words.

The rules name the units of the task they cite in their own words (自治区医保局); the JSON and
the written findings name them as the plan's registry does (自治区医疗保障局), as the text
report does. The file's problems carry their machine-readable kind (``bad_date`` …) beside a
message in the report's language.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from xiaojie._privacy import scrub
from xiaojie.ledgers import Findings
from xiaojie.render import ledger_problem, ledger_skip_reason, plan_unit_name


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from xiaojie.ledgers import ColumnarFindings, LedgerReport
    from xiaojie.model import Plan


__all__ = ["ledger_json", "sorted_records"]

#: A finding's sort key (rule, subject, reason, found) and its flat record.
Keyed = tuple[tuple[str, str, str, str], dict[str, str]]


def sorted_records(findings: Findings | ColumnarFindings, plan: Plan) -> list[Keyed]:
    """Return ``(sort key, record)`` of each finding, units named as the plan's registry does.

    The records are :meth:`~xiaojie.ledgers.Finding.record`'s, in the findings' order; a table
    engine's findings give them without a :class:`~xiaojie.ledgers.Finding` per row.
    """
    unit_name = functools.cache(functools.partial(plan_unit_name, plan))
    if not isinstance(findings, Findings):
        return findings.sorted_records(unit_name)
    return [
        (
            (f.rule, f.subject, f.reason, f.found),
            {**f.record(), "units": "、".join(map(unit_name, f.units))},
        )
        for f in findings.items
    ]


def ledger_json(
    report: LedgerReport,
    findings: Findings | ColumnarFindings,
    records: list[dict[str, str]],
    *,
    skipped: Sequence[tuple[Any, str]],
    engine: str,
    plan: Plan,
    as_of: dt.date,
    lang: str,
) -> dict[str, Any]:
    """Return one checked file as the JSON check-ledger prints (``records`` already named)."""
    return {
        "file": scrub(report.source),  # a file may be named after a person
        "ledger": str(report.ledger),
        "as_of": as_of.isoformat(),
        "plan": plan.id,
        "engine": engine,
        "rows": report.rows,
        "good": report.good,
        "bad_rows": list(report.bad_rows),
        "ignored_columns": [scrub(column) for column in report.ignored_columns],
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
        "findings": records,
    }
