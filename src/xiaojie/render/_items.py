"""What the status report, the 通报 and the site share: items by unit, the state summary.

Each item (a :class:`xiaojie.tracking.Entry`) is listed under every unit that answers for it,
with its role (牵头 or 配合, or via a group), units in the plan's own order as
:func:`xiaojie.queries.units_with_overdue_tasks` and :func:`xiaojie.queries.upcoming_deadlines`
group them; items the plan gives no unit are listed last, under 未明确责任单位.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, overload

from xiaojie import queries
from xiaojie.errors import RenderError
from xiaojie.model import Obligation
from xiaojie.render._charts import overdue_chart
from xiaojie.render._doc import Cell, Figure, Paragraph, Table, Text
from xiaojie.render._labels import Lang, check_lang, label, label_of
from xiaojie.render._plan_docs import owner_ref, task_ref
from xiaojie.tracking import EntryKind, State
from xiaojie.tracking._snapshot import EntryView


if TYPE_CHECKING:
    from collections.abc import Iterator

    from xiaojie.dates import Period
    from xiaojie.model import Owner, Plan, Role
    from xiaojie.queries import OwnedEntry
    from xiaojie.tracking import Entry, Snapshot


__all__ = [
    "check_snapshot",
    "entry_task",
    "entry_when",
    "items_table",
    "more_row",
    "overdue_blocks",
    "owner_rows",
    "role_words",
    "state_label",
    "summary_table",
]


def check_snapshot(plan: Plan, snapshot: Snapshot) -> None:
    """Refuse a snapshot of another plan.

    Raises
    ------
    RenderError
        If ``snapshot`` is the status of another plan than ``plan``.
    """
    if snapshot.plan_id != plan.id:
        msg = f"snapshot: expected a status of plan {plan.id!r}, found one of {snapshot.plan_id!r}"
        raise RenderError(msg)


def state_label(state: State, lang: str = "zh") -> str:
    """Return the words for a state: ``已逾期`` / ``overdue`` ….

    Examples
    --------
    >>> from xiaojie.tracking import State
    >>> state_label(State.OVERDUE), state_label(State.DUE_SOON, "en")
    ('已逾期', 'due soon')
    """
    return label_of(state, check_lang(lang))


def summary_table(snapshot: Snapshot, lang: Lang) -> Table:
    """Return the table ``summary``: how many entries are in each state, worst first."""
    counts = snapshot.counts()
    return Table(
        name="summary",
        columns=(label("state", lang), label("count", lang)),
        rows=[
            (state_label(state, lang), str(counts[state]))
            for state in sorted(State, key=lambda s: -s.severity)
        ],
    )


def more_row(count: int, width: int, lang: Lang) -> tuple[Cell, ...]:
    """Return the row that stands for ``count`` rows left out of a table of ``width`` columns."""
    return (label("more_rows", lang).format(count=f"{count:,}"), *[""] * (width - 1))


def overdue_blocks(
    plan: Plan,
    snapshot: Snapshot,
    lang: Lang,
    nothing: str,
    *,
    limit: int | None = None,
    figures: bool = True,
) -> list[Table | Figure | Paragraph]:
    """Return the overdue items by unit and their bar chart, or the paragraph ``nothing``.

    ``limit`` and ``figures`` are those of :func:`items_table` and of the status report.
    """
    overdue = _overdue_view(snapshot)
    if not overdue:
        return [Paragraph(nothing)]
    blocks: list[Table | Figure | Paragraph] = [
        items_table(plan, snapshot, "overdue", overdue, lang, limit=limit)
    ]
    chart = overdue_chart(plan, snapshot, lang=lang) if figures else None
    if chart is not None:
        blocks.append(chart)
    return blocks


def _window_words(plan: Plan, window: Period, lang: Lang) -> str:
    """Return a window as 7月1日至7月31日, with years only when outside the plan's year."""
    start, end = window.start, window.end
    if lang == "en" and start is not None and end is not None:
        return f"{start.isoformat()} – {end.isoformat()}"
    year = plan.reference_date.year
    if start is None or end is None or not start.year == end.year == year:
        return window.canonical()
    if start == end:
        return f"{start.month}月{start.day}日"
    return f"{start.month}月{start.day}日至{end.month}月{end.day}日"


def entry_when(plan: Plan, entry: Entry, lang: Lang = "zh") -> str:
    """Return the plan's phrase for the entry's time: "7月底前", or the cadence and its window."""
    if entry.kind is EntryKind.OBLIGATION_WINDOW:
        item = plan.item(entry.item_id)
        cadence = item.cadence.describe() if isinstance(item, Obligation) else ""
        window = _window_words(plan, entry.window, lang) if entry.window is not None else ""
        return f"{cadence}({window})" if cadence else window
    if entry.window is not None:
        return str(entry.window)
    return ""


def entry_task(plan: Plan, entry: Entry) -> Text:
    return (task_ref(plan.task(entry.task)),) if entry.task is not None else ()


class _Held(Sequence["OwnedEntry"]):
    """Some entries of a unit, each made an :class:`~xiaojie.queries.OwnedEntry` when read.

    A unit of a large plan holds thousands of entries of which a screen shows a few: the pairs
    (and, for a status made of rows, the entries) are made for those only. The ``k``-th is
    ``entries[places[k]]`` with ``roles[k]`` and ``via[k]``.
    """

    __slots__ = ("_entries", "_keys", "_places", "_roles", "_via")

    def __init__(
        self,
        entries: Sequence[Entry],
        places: Sequence[int],
        roles: Sequence[Role],
        via: Sequence[str | None],
        keys: Sequence[str] | None = None,
    ) -> None:
        self._entries = entries
        self._places = places
        self._roles = roles
        self._via = via
        self._keys = keys

    def __len__(self) -> int:
        return len(self._places)

    @overload
    def __getitem__(self, index: int) -> OwnedEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[OwnedEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> OwnedEntry | tuple[OwnedEntry, ...]:
        if isinstance(index, slice):
            return tuple(map(self._pair, range(len(self._places))[index]))
        return self._pair(range(len(self._places))[index])

    def __iter__(self) -> Iterator[OwnedEntry]:
        return map(self._pair, range(len(self._places)))

    def _pair(self, k: int) -> OwnedEntry:
        return queries.OwnedEntry(self._entries[self._places[k]], self._roles[k], self._via[k])

    def keys(self) -> Iterator[str]:
        """Yield the entries' keys, without making pairs (nor entries, given their keys)."""
        if self._keys is not None:
            return map(self._keys.__getitem__, self._places)
        entries = self._entries
        return (entries[place].key for place in self._places)


def _overdue_view(snapshot: Snapshot) -> Sequence[Entry]:
    """Return the snapshot's overdue entries, made when read (see ``Snapshot._in_state``)."""
    return snapshot._in_state(State.OVERDUE)  # noqa: SLF001 - a report's view of the entries


def owner_rows(
    plan: Plan, snapshot: Snapshot, name: str, entries: Sequence[Entry]
) -> list[tuple[Owner, Sequence[OwnedEntry]]]:
    """Group entries by owner, with roles, as :mod:`xiaojie.queries` does."""
    # every entry of the overdue rows is one of the snapshot's overdue entries: none to leave out
    every = name == "overdue" and (
        entries is _overdue_view(snapshot) or entries is snapshot.overdue()
    )
    if every:
        grouped = queries._overdue_groups(plan, snapshot)  # noqa: SLF001 - of a status's rows
        if grouped is not None:
            view, owners, _ = grouped
            known = view.column("key") if isinstance(view, EntryView) else None
            return [
                (owner, _Held(view, places, roles, via, known))
                for owner, places, roles, via in owners
            ]
    if name == "overdue":
        rows = queries.units_with_overdue_tasks(plan, snapshot)
    else:
        dues = [e.due for e in entries if e.due is not None]
        if not dues:
            return []
        rows = queries.upcoming_deadlines(plan, snapshot, start=min(dues), end=max(dues))
    keys = set() if every else {e.key for e in entries}
    kept: list[tuple[Owner, Sequence[OwnedEntry]]] = []
    for row in rows:
        if row.owner is queries.NO_OWNER:  # listed last, under 未明确责任单位
            continue
        if every:
            kept.append(
                (row.owner, _Held(row.entries, range(len(row.entries)), row.roles, row.via))
            )
            continue
        places = [k for k, entry in enumerate(row.entries) if entry.key in keys]
        if places:
            held = _Held(
                row.entries,
                places,
                list(map(row.roles.__getitem__, places)),
                list(map(row.via.__getitem__, places)),
            )
            kept.append((row.owner, held))
    return kept


def role_words(owned: OwnedEntry, plan: Plan, lang: Lang) -> str:
    words = label_of(owned.role, lang)
    if owned.via is None:
        return words
    group = plan.units.by_id(owned.via).name
    return label("role_via", lang).format(role=words, group=group)


def items_table(
    plan: Plan,
    snapshot: Snapshot,
    name: str,
    entries: Sequence[Entry],
    lang: Lang,
    *,
    limit: int | None = None,
) -> Table:
    """Return the table ``name`` (``overdue`` or ``due_soon``) of ``entries`` grouped by unit.

    Columns: the item, the plan's time phrase, the due date, days overdue (or left), its task
    and the unit's role; one group row per unit. With ``limit``, a unit lists at most that
    many items (the earliest due), then one row that counts the others.
    """
    days_key = "days_overdue" if name == "overdue" else "days_left"
    rows: list[tuple[Cell, ...]] = []
    groups: list[tuple[int, Text]] = []

    def add(entry: Entry, role: str) -> None:
        due = entry.due
        days = ""
        if due is not None:
            days = str(
                (snapshot.as_of - due).days if name == "overdue" else (due - snapshot.as_of).days
            )
        rows.append(
            (
                entry.title,
                entry_when(plan, entry, lang),
                due.isoformat() if due is not None else "",
                days,
                entry_task(plan, entry),
                role,
            )
        )

    def more(count: int) -> None:
        if count > 0:
            rows.append(more_row(count, 6, lang))

    owned = owner_rows(plan, snapshot, name, entries)
    for owner, held in owned:
        groups.append((len(rows), (owner_ref(owner),)))
        for item in held[:limit]:
            add(item.entry, role_words(item, plan, lang))
        more(len(held) - len(held[:limit]))
    grouped = queries._overdue_groups(plan, snapshot) if name == "overdue" else None  # noqa: SLF001
    if grouped is not None and entries is grouped[0]:  # the entries no one answers for
        orphans = [entries[k] for k in grouped[2]]
    else:
        covered = {
            key
            for _, held in owned
            for key in (held.keys() if isinstance(held, _Held) else (o.entry.key for o in held))
        }
        if isinstance(entries, EntryView):  # read the keys, make the entries left over only
            keys = entries.column("key")
            orphans = [entries[k] for k, key in enumerate(keys) if key not in covered]
        else:
            orphans = [e for e in entries if e.key not in covered]
    if orphans:
        groups.append((len(rows), (label("no_owner", lang),)))
        for entry in orphans[:limit]:
            add(entry, "")
        more(len(orphans) - len(orphans[:limit]))
    return Table(
        name=name,
        columns=[label(k, lang) for k in ("item", "when", "due", days_key, "of_task", "role")],
        rows=rows,
        groups=groups,
        group_column=label("units", lang),
    )
