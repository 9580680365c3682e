"""The status report (进展情况报告): overdue and due-soon items by unit, indicators, tasks.

Built from a :class:`xiaojie.tracking.Snapshot`, which holds the report date (``as_of``); the
report reads no clock. Items are listed under every unit that answers for them, with its role
(牵头 or 配合), units in the plan's own order, as :func:`xiaojie.queries.units_with_overdue_tasks`
and :func:`xiaojie.queries.upcoming_deadlines` group them; items the plan gives no unit are
listed last, under 未明确责任单位. Within a unit, items are sorted by ``(due, key)``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from xiaojie.errors import RenderError
from xiaojie.pace import paced_indicators
from xiaojie.render._charts import pace_chart
from xiaojie.render._doc import Cell, Document, Figure, Heading, Paragraph, Table, Text
from xiaojie.render._items import (
    check_snapshot,
    entry_task,
    entry_when,
    items_table,
    more_row,
    overdue_blocks,
    owner_rows,
    role_words,
    state_label,
    summary_table,
)
from xiaojie.render._labels import Lang, check_lang, label
from xiaojie.render._places_doc import check_rollup, rollup_blocks
from xiaojie.render._plan_docs import owner_ref, period_notice, plan_line, task_ref
from xiaojie.tracking import EntryKind, Result, State


if TYPE_CHECKING:
    from xiaojie.model import Owner, Plan
    from xiaojie.progress import Progress
    from xiaojie.queries import OwnedEntry
    from xiaojie.rollup import RollUp
    from xiaojie.tracking import Snapshot
    from xiaojie.tracking._snapshot import EntryView


__all__ = [
    "overdue_report",
    "overdue_section",
    "state_label",
    "status_notices",
    "status_report",
    "unit_status",
]

_RESULT_KEYS = {
    Result.MET: "met",
    Result.NOT_MET: "not_met",
    Result.NOT_REPORTED: "not_reported",
}


def status_notices(plan: Plan, snapshot: Snapshot, *, lang: str = "zh") -> tuple[str, ...]:
    """Return what a reader of a status must know first: no progress given, a date off the plan.

    Parameters
    ----------
    plan
        The plan.
    snapshot
        Its status.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    tuple of str
        "未提供进度记录: 所有事项按未完成计。" when the snapshot was computed from no progress
        records, and a sentence when ``as_of`` lies before or after :meth:`Plan.period`.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> for line in status_notices(plan, status(plan, as_of=dt.date(2026, 3, 1))):
    ...     print(line)
    未提供进度记录: 所有事项按未完成计。
    报告日期 2026-03-01 晚于方案期限(2025-06-11至2025-12-31)。
    """
    language = check_lang(lang)
    notices: list[str] = []
    if snapshot.progress_records == 0:
        notices.append(label("no_progress", language))
    outside = period_notice(plan, snapshot.as_of, language)
    if outside is not None:
        notices.append(outside)
    return tuple(notices)


def _notice_blocks(plan: Plan, snapshot: Snapshot, lang: Lang) -> list[Paragraph]:
    return [Paragraph(n, notice=True) for n in status_notices(plan, snapshot, lang=lang)]


def overdue_section(
    plan: Plan,
    snapshot: Snapshot,
    lang: Lang,
    nothing: str,
    *,
    limit: int | None = None,
    figures: bool = True,
) -> list[Table | Figure | Paragraph]:
    """Return the overdue items by unit and their chart, or ``nothing`` standing for the table.

    With nothing overdue the sentence stands for the empty 逾期事项 table
    (``Paragraph.instead_of``): a workbook of the report keeps that sheet, with the table's
    header and the sentence, on every date.
    """
    blocks = overdue_blocks(plan, snapshot, lang, nothing, limit=limit, figures=figures)
    if any(isinstance(b, Table) for b in blocks):
        return blocks
    empty = _empty_items_table("overdue", lang)
    return [
        attrs.evolve(b, instead_of=empty)
        if isinstance(b, Paragraph) and b.instead_of is None
        else b
        for b in blocks
    ]


def _empty_items_table(name: str, lang: Lang) -> Table:
    """Return the table ``name`` (``overdue`` or ``due_soon``) with no row, as :func:`items_table`.

    Made without asking the snapshot who owns what (which a plan of thousands of entries
    would pay for on a day nothing is overdue); the columns are those of :func:`items_table`.
    """
    days_key = "days_overdue" if name == "overdue" else "days_left"
    return Table(
        name=name,
        columns=[label(k, lang) for k in ("item", "when", "due", days_key, "of_task", "role")],
        rows=[],
        group_column=label("units", lang),
    )


def status_report(
    plan: Plan,
    snapshot: Snapshot,
    *,
    lang: str = "zh",
    progress: Progress | None = None,
    rollup: RollUp | None = None,
    limit: int | None = None,
    figures: bool = True,
) -> Document:
    """Return the status report of ``plan`` as of the snapshot's date.

    Parameters
    ----------
    plan
        The plan.
    snapshot
        Its status (:func:`xiaojie.tracking.status`), which fixes the report date.
    lang
        ``"zh"`` or ``"en"``.
    progress
        The progress records the snapshot was computed from: the reported values drawn in the
        charts of indicators with staged targets (without it, only the targets and 序时进度).
    rollup
        The plan's status across places on the same date (:func:`xiaojie.rollup.rollup`). With
        it the report has the section 各地进度: for each indicator with staged targets, the
        places below the target that applies on the date, those that reported no value and
        the ranking, then the places that reported nothing at all.
    limit
        At most this many rows for each unit in the overdue and due-soon tables, for each
        result in the indicator table and in the task table, each list followed by one row
        that counts what is left out (a plan of thousands of tasks stays readable on a
        screen); ``None`` (the default) lists everything. The summary counts everything.
    figures
        Whether to draw the charts; a plain-text report has no use for them.

    Returns
    -------
    Document
        A summary; overdue items by unit (with days overdue) and their bar chart; items due
        soon by unit (with days left); indicator targets grouped as not met, not reported and
        met (and to be checked), with a chart of each staged indicator against its 序时进度;
        the state of each task; with a roll-up, progress by place.

    Raises
    ------
    RenderError
        If the snapshot or the roll-up is of another plan, the roll-up of another date,
        ``lang`` is not supported or ``limit`` is not a positive integer.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> doc = status_report(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> doc.title, [t.name for t in doc.tables()]
    ('进展情况报告', ['summary', 'overdue', 'indicators', 'tasks'])
    >>> from xiaojie.tracking import Snapshot
    >>> status_report(plan, Snapshot(as_of=dt.date(2025, 8, 1), plan_id="other", entries=[]))
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: snapshot: expected a status of plan 'ningxia-2025', found one of 'other'
    """
    language = check_lang(lang)
    check_snapshot(plan, snapshot)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        msg = f"limit: expected a positive integer or None, found {limit!r}"
        raise RenderError(msg)
    due_soon = snapshot.due_soon()
    targets = snapshot._of_kind(EntryKind.TARGET, ordered=False)  # noqa: SLF001 - sorted below
    as_of = snapshot.as_of.isoformat()
    blocks: list[Heading | Paragraph | Table | Figure] = [
        plan_line(plan, language),
        Paragraph(f"{label('as_of', language)} {as_of}"),
        *_notice_blocks(plan, snapshot, language),
        Heading(label("summary", language)),
        summary_table(snapshot, language),
        Heading(label("overdue", language)),
        *overdue_section(
            plan,
            snapshot,
            language,
            label("nothing_overdue", language),
            limit=limit,
            figures=figures,
        ),
    ]
    days = snapshot.due_soon_days
    soon_title = label("due_soon_within", language).format(days=days)
    blocks.append(Heading(soon_title))
    if due_soon:
        blocks.append(items_table(plan, snapshot, "due_soon", due_soon, language, limit=limit))
    else:  # said in words; a workbook gets the table's header and the words, on every date
        empty = _empty_items_table("due_soon", language)
        blocks.append(Paragraph(label("nothing_due_soon", language), instead_of=empty))

    blocks.append(Heading(label("indicator_status", language)))
    if figures:
        blocks.extend(
            pace_chart(plan, indicator, progress, as_of=snapshot.as_of, lang=language)
            for indicator in paced_indicators(plan)
        )
    blocks.append(_indicator_table(plan, targets, language, limit))
    blocks.append(Heading(label("task_states", language)))
    tasks = plan.tasks[:limit]
    states = snapshot._task_states_of([t.number for t in tasks])  # noqa: SLF001 - those shown
    task_rows: list[tuple[Cell, ...]] = [
        (
            str(task.number),
            (task_ref(task),),
            (owner_ref(task.lead),),
            state_label(states.get(task.number, State.ONGOING), language),
        )
        for task in tasks
    ]
    if len(tasks) < len(plan.tasks):
        task_rows.append(more_row(len(plan.tasks) - len(tasks), 4, language))
    blocks.append(
        Table(
            name="tasks",
            columns=[label(k, language) for k in ("no", "task", "lead", "state")],
            rows=task_rows,
        )
    )
    if rollup is not None:
        check_rollup(plan, snapshot, rollup)
        blocks.extend(rollup_blocks(rollup, lang=language))
    title = label("status", language)
    return Document(slug="status", title=title, lang=language, blocks=blocks)


_RESULT_ORDER = {id(Result.NOT_MET): 0, id(Result.NOT_REPORTED): 1, id(Result.MET): 2, id(None): 3}
"""The order of the indicator table's groups, by each result's identity (no hash of a member)."""


def _target_order(targets: EntryView) -> list[int]:
    """Return the targets' places sorted by (result group, undated last, due date, key).

    One sort per part, least significant first (each sort is stable), each by a list lookup.
    """
    results = targets.column("result")
    dues = targets.column("due")
    keys = targets.column("key")
    order = sorted(range(len(keys)), key=keys.__getitem__)
    latest = dt.date.max
    order.sort(key=[latest if d is None else d for d in dues].__getitem__)
    order.sort(key=[d is None for d in dues].__getitem__)
    ranks: list[int] = [_RESULT_ORDER.get(id(r), -1) for r in results]
    if -1 in ranks:  # results given as their values ("met") in a snapshot made by hand
        ranks = [_RESULT_ORDER[id(Result(r))] if r is not None else 3 for r in results]
    order.sort(key=ranks.__getitem__)
    return order


def _indicator_table(plan: Plan, targets: EntryView, lang: Lang, limit: int | None) -> Table:
    """Return the table of indicator targets grouped as not met, not reported, met, unknown.

    Only the targets shown are made (``targets`` makes its entries when read).
    """
    rows: list[tuple[Cell, ...]] = []
    groups: list[tuple[int, Text]] = []
    current: str | None = None
    shown = left = 0
    results = targets.column("result")
    headings: dict[int, str] = {}
    for place in _target_order(targets):
        result = results[place]
        heading = headings.get(id(result))
        if heading is None:
            heading = headings[id(result)] = (
                state_label(State.UNKNOWN, lang)
                if result is None
                else label(_RESULT_KEYS[Result(result)], lang)
            )
        if heading != current:
            if left:
                rows.append(more_row(left, 5, lang))
            groups.append((len(rows), (heading,)))
            current = heading
            shown = left = 0
        if limit is not None and shown >= limit:
            left += 1
            continue
        shown += 1
        entry = targets[place]
        soft = f"({label('soft', lang)})" if entry.soft else ""
        value = "" if entry.value is None else f"{entry.value:g}"
        rows.append(
            (
                entry.title + soft,
                entry_when(plan, entry, lang),
                state_label(entry.state, lang),
                value,
                entry_task(plan, entry),
            )
        )
    if left:
        rows.append(more_row(left, 5, lang))
    return Table(
        name="indicators",
        columns=[label(k, lang) for k in ("indicator", "when", "state", "value", "of_task")],
        rows=rows,
        groups=groups,
        group_column=label("result", lang),
    )


def overdue_report(plan: Plan, snapshot: Snapshot, *, lang: str = "zh") -> Document:
    """Return only the overdue items of a status, by unit (units in the plan's own order).

    Raises
    ------
    RenderError
        If the snapshot is of another plan, or ``lang`` is not supported.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import plain
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> doc = overdue_report(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> doc.title, plain(doc.tables()[0].groups[0][1])
    ('逾期事项', '自治区医疗保障局')
    >>> overdue_report(plan, status(plan, as_of=dt.date(2025, 6, 1))).blocks[-1]
    Paragraph(text=('无逾期事项。',))
    """
    language = check_lang(lang)
    check_snapshot(plan, snapshot)
    overdue = snapshot.overdue()
    blocks: list[Paragraph | Table] = [
        plan_line(plan, language),
        Paragraph(f"{label('as_of', language)} {snapshot.as_of.isoformat()}"),
        *_notice_blocks(plan, snapshot, language),
    ]
    table = items_table(plan, snapshot, "overdue", overdue, language)
    if overdue:
        blocks.append(table)
    else:  # said in words; a workbook or CSV file gets the table's header and the words
        blocks.append(Paragraph(label("nothing_overdue", language), instead_of=table))
    return Document(slug="overdue", title=label("overdue", language), lang=language, blocks=blocks)


def _held_by_owner(plan: Plan, snapshot: Snapshot) -> dict[str, list[OwnedEntry]]:
    """Return each owner's overdue, then due-soon entries with roles, built once per snapshot."""

    def make(snap: Snapshot) -> tuple[Plan, dict[str, list[OwnedEntry]]]:
        held: dict[str, list[OwnedEntry]] = {}
        for name, entries in (("overdue", snap.overdue()), ("due_soon", snap.due_soon())):
            for found, items in owner_rows(plan, snap, name, entries):
                held.setdefault(found.id, []).extend(items)
        return plan, held

    of_plan, held = snapshot.derived("render.held_by_owner", make)
    return held if of_plan is plan else make(snapshot)[1]


def unit_status(plan: Plan, snapshot: Snapshot, unit: Owner | str, *, lang: str = "zh") -> Document:
    """Return one unit's overdue and due-soon items as of the snapshot's date.

    The unit's page of the HTML site shows this under its 任务清单. Items and roles are those of
    :func:`xiaojie.queries.units_with_overdue_tasks` and :func:`xiaojie.queries.upcoming_deadlines`.

    Raises
    ------
    UnknownUnitError
        If ``unit`` is a name no unit has.
    RenderError
        If the snapshot is of another plan, or ``lang`` is not supported.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import plain
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> doc = unit_status(plan, status(plan, as_of=dt.date(2025, 8, 1)), "财政厅")
    >>> [plain(c) for c in doc.tables()[0].rows[0]][:4]
    ['资金支出进度:60%', '7月底', '2025-07-31', '已逾期']
    >>> unit_status(plan, status(plan, as_of=dt.date(2025, 6, 1)), "财政厅").blocks[-1]
    Paragraph(text=('无逾期或即将到期事项。',))
    """
    language = check_lang(lang)
    check_snapshot(plan, snapshot)
    owner = plan.units.resolve(unit) if isinstance(unit, str) else plan.units.by_id(unit.id)
    held = _held_by_owner(plan, snapshot).get(owner.id, [])
    as_of = snapshot.as_of.isoformat()
    title = label("status_of_unit", language).format(as_of=as_of)
    blocks: list[Heading | Paragraph | Table] = []
    table = Table(
        name="unit_status",
        columns=[label(k, language) for k in ("item", "when", "due", "state", "of_task", "role")],
        rows=[
            (
                o.entry.title,
                entry_when(plan, o.entry, language),
                o.entry.due.isoformat() if o.entry.due is not None else "",
                state_label(o.entry.state, language),
                entry_task(plan, o.entry),
                role_words(o, plan, language),
            )
            for o in held
        ],
    )
    if not held:  # said in words; a workbook or CSV file gets the table's header and the words
        blocks.append(Paragraph(label("nothing_open", language), instead_of=table))
    else:
        blocks.append(table)
    return Document(slug=f"status-{owner.id}", title=title, lang=language, blocks=blocks)
