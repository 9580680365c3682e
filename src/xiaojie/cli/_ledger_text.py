"""The text check-ledger prints for a table engine's findings, without an object per finding.

:func:`ledger_text` gives exactly what the screen prints in a pipe for the ledger report,
``scrub(to_text(ledger_report(report, findings.to_findings(), …)))``: the report's head (file,
counts, rules not run, findings per rule) comes from :func:`~xiaojie.render.ledger_report`
itself, given the counts and the last finding of each rule; the table of findings (a hundred
thousand rows for a million-row ledger) is laid out here from the findings' columns as
:func:`~xiaojie.render.to_text` lays out a table, each distinct cell measured and padded once;
the whole passes :func:`~xiaojie._privacy.scrub_layout` (the text :func:`scrub` gives).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Literal, cast

import attrs

from xiaojie._privacy import scrub_layout
from xiaojie._width import display_width
from xiaojie.ledgers import Place, Severity
from xiaojie.render import Table, ledger_report, plan_unit_name, to_text
from xiaojie.render._labels import label_of
from xiaojie.render._text import cell_text


if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiaojie.ledgers import ColumnarFindings, Findings, LedgerReport, Rule
    from xiaojie.model import Plan


__all__ = ["ledger_text"]

_MAX_WIDTH = 36
"""The widest a column is padded to (:func:`~xiaojie.render.to_text`'s default)."""


@attrs.frozen
class _Last:
    """What the report's head reads of a rule's last finding (its task; the rest is unused)."""

    rule: str
    task: str
    severity: Severity
    subject: str
    place: str
    found: str
    expected: str
    units: tuple[str, ...] = ()


@attrs.frozen
class _Counted:
    """The findings as the report's head reads them: date, counts, one finding per rule."""

    as_of: Any
    counts: dict[str, int]
    last: tuple[_Last, ...]

    def by_rule(self) -> dict[str, int]:
        return dict(self.counts)

    def __iter__(self) -> Any:  # noqa: ANN401 - an iterator of _Last
        return iter(self.last)


def ledger_text(
    report: LedgerReport,
    findings: ColumnarFindings,
    *,
    rules: tuple[Rule, ...],
    not_run: Sequence[tuple[Rule, str]],
    plan: Plan,
    lang: str,
) -> str:
    """Return the ledger report as the screen prints it in a pipe (masked, columns aligned)."""
    unit_name = functools.cache(functools.partial(plan_unit_name, plan))
    keys, columns = findings.sorted_columns(unit_name)
    last = dict(zip(columns["rule"], range(len(keys)), strict=True))  # each rule's last row
    counted = _Counted(
        findings.as_of,
        findings.by_rule(),
        tuple(
            _Last(
                rule=rule,
                task=columns["task"][i],
                severity=Severity(columns["severity"][i]),
                subject=columns["subject"][i],
                place=str(
                    Place(columns["county"][i], columns["township"][i], columns["village"][i])
                ),
                found=columns["found"][i],
                expected=columns["expected"][i],
            )
            for rule, i in last.items()
        ),
    )
    document = ledger_report(
        report, cast("Findings", counted), rules=rules, not_run=not_run, plan=plan, lang=lang
    )
    table = document.blocks[-1] if document.blocks else None
    if not keys or not isinstance(table, Table) or table.name != "findings":
        # no table of findings: the head is the whole report
        shown = findings.to_findings()
        return scrub_layout(
            to_text(
                ledger_report(report, shown, rules=rules, not_run=not_run, plan=plan, lang=lang)
            )
        )
    head = to_text(attrs.evolve(document, blocks=document.blocks[:-1]))
    cells = _cells(columns, rules, document.lang)
    lines = _table_lines(table.columns, cells)
    return scrub_layout(head + "\n".join(lines) + "\n")


def _cells(columns: dict[str, list[Any]], rules: tuple[Rule, ...], lang: str) -> list[list[str]]:
    """Return the columns of the table of findings as :func:`ledger_report` fills them."""
    titles = {r.id: r.title or r.id for r in rules}
    language: Literal["zh", "en"] = "en" if lang == "en" else "zh"
    severities = {value: label_of(Severity(value), language) for value in set(columns["severity"])}
    places = {
        where: str(Place(*where))
        for where in set(
            zip(columns["county"], columns["township"], columns["village"], strict=True)
        )
    }
    return [
        [titles.get(rule, rule) for rule in columns["rule"]],
        list(map(severities.__getitem__, columns["severity"])),
        columns["subject"],
        list(
            map(
                places.__getitem__,
                zip(columns["county"], columns["township"], columns["village"], strict=True),
            )
        ),
        columns["found"],
        columns["expected"],
        columns["task"],
        columns["units"],
    ]


def _one_line_cells(column: list[str]) -> list[str]:
    """Return a column's cells as :func:`cell_text` shows them (each distinct cell once)."""
    shown = {c: cell_text(c) for c in set(column) if not c.isprintable()}
    return [shown.get(c, c) for c in column] if shown else column


def _table_lines(labels: Sequence[str], cells: list[list[str]]) -> list[str]:
    """Return a table's lines as :func:`~xiaojie.render.to_text` writes them (no group rows)."""
    labels = [cell_text(label) for label in labels]
    cells = [_one_line_cells(column) for column in cells]  # one line each, no escapes
    widths = [
        min(max(display_width(c) for c in {label, *column}), _MAX_WIDTH)
        for label, column in zip(labels, cells, strict=True)
    ]
    padded = []
    for column, width in zip(cells[:-1], widths[:-1], strict=True):
        pads = {c: c + " " * max(width - display_width(c), 0) for c in set(column)}
        padded.append(list(map(pads.__getitem__, column)))
    head = [
        *(
            label + " " * max(w - display_width(label), 0)
            for label, w in zip(labels[:-1], widths[:-1], strict=True)
        ),
        labels[-1],
    ]
    return [
        "  ".join(head).rstrip(),
        "  ".join("-" * w for w in widths).rstrip(),
        *("  ".join(row).rstrip() for row in zip(*padded, cells[-1], strict=True)),
    ]
