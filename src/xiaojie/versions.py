"""Plan versions: what changed between two versions of a plan, as records and as a document.

:func:`diff` compares an old and a new version of a plan (a revised county plan, a plan before
and after editing) and lists every change a reader should check: tasks added, removed or
re-worded, units added to or dropped from a task, a new lead, items added or removed,
deadlines moved and targets changed. :func:`xiaojie.render.diff_document` turns the changes into a
document for Markdown or HTML.

Tasks are matched by their title first (so inserting a task does not make every later task
look re-worded), then by number. Items are matched by id when the id was written (``midterm-report``);
an id a parsed plan numbered by position (``milestone-3.1-2``) shifts when an item is inserted
above, so such items are matched by title and due date, then by likeness of wording, and by id last.

Examples
--------
>>> import attrs
>>> from xiaojie import load_plan
>>> from xiaojie.dates import Period
>>> old = load_plan()
>>> moved = attrs.evolve(old.item("midterm-report"), when=Period(None, "2025-09-15"))
>>> new = attrs.evolve(old, milestones=[moved if m.id == moved.id else m for m in old.milestones])
>>> [str(c) for c in diff(old, new)]
['deadline_moved midterm-report: 2025-08-31 → 2025-09-15']
"""

from __future__ import annotations

import difflib
import enum
import re
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._records import register_table
from xiaojie.model import Indicator, Milestone, Obligation


if TYPE_CHECKING:
    from collections.abc import Callable

    from xiaojie.model import Item, Plan, Task


__all__ = ["Change", "ChangeKind", "diff"]


class ChangeKind(enum.StrEnum):
    """What changed."""

    TASK_ADDED = "task_added"
    TASK_REMOVED = "task_removed"
    TASK_REWORDED = "task_reworded"
    TASK_RENUMBERED = "task_renumbered"
    LEAD_CHANGED = "lead_changed"
    UNIT_ADDED = "unit_added"
    UNIT_DROPPED = "unit_dropped"
    ITEM_ADDED = "item_added"
    ITEM_REMOVED = "item_removed"
    ITEM_REWORDED = "item_reworded"
    DEADLINE_MOVED = "deadline_moved"
    TARGET_CHANGED = "target_changed"
    CADENCE_CHANGED = "cadence_changed"

    @property
    def label(self) -> str:
        """The change in Chinese."""
        return _LABELS[self]


_LABELS = {
    ChangeKind.TASK_ADDED: "新增任务",
    ChangeKind.TASK_REMOVED: "删除任务",
    ChangeKind.TASK_REWORDED: "任务表述调整",
    ChangeKind.TASK_RENUMBERED: "任务序号调整",
    ChangeKind.LEAD_CHANGED: "牵头单位调整",
    ChangeKind.UNIT_ADDED: "新增责任单位",
    ChangeKind.UNIT_DROPPED: "删除责任单位",
    ChangeKind.ITEM_ADDED: "新增事项",
    ChangeKind.ITEM_REMOVED: "删除事项",
    ChangeKind.ITEM_REWORDED: "事项表述调整",
    ChangeKind.DEADLINE_MOVED: "时限调整",
    ChangeKind.TARGET_CHANGED: "目标调整",
    ChangeKind.CADENCE_CHANGED: "频次调整",
}


@attrs.frozen
class Change:
    """One change: its kind, what it concerns (``task-N`` or an item id), the old and new value."""

    kind: ChangeKind
    ref: str
    old: str = ""
    new: str = ""

    def __str__(self) -> str:
        arrow = f": {self.old or '—'} → {self.new or '—'}" if self.old or self.new else ""
        return f"{self.kind.value} {self.ref}{arrow}"

    def record(self) -> dict[str, Any]:
        """Return the change as a plain record."""
        return {
            "kind": str(self.kind),
            "label": self.kind.label,
            "ref": self.ref,
            "old": self.old,
            "new": self.new,
        }


_SIMILAR = 0.6
"""How alike (difflib's ratio of title and text) two tasks must be to be one task re-worded."""


def _likeness(pairs: tuple[tuple[str, str], ...]) -> float:
    """Return the best ratio of the pairs of wordings, or 0.0 if none reaches :data:`_SIMILAR`.

    The full ratio is computed only where difflib's cheap upper bounds reach the threshold:
    every pair of tasks or items of two versions is compared, and most are far apart.
    """
    best = 0.0
    for x, y in pairs:
        if not x or not y:
            continue
        matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
        floor = max(best, _SIMILAR)
        if matcher.real_quick_ratio() >= floor and matcher.quick_ratio() >= floor:
            best = max(best, matcher.ratio())
    return best if best >= _SIMILAR else 0.0


def _similar(a: Task, b: Task) -> float:
    """Return how alike two tasks are: the better of their titles' and their texts' ratio."""
    return _likeness(((a.title, b.title), (f"{a.title}{a.text}", f"{b.title}{b.text}")))


def _match_tasks(old: Plan, new: Plan) -> list[tuple[Task | None, Task | None]]:
    """Pair the tasks of two versions: by title, then by likeness of wording, then by number.

    Likeness comes before the number so that a task re-worded after a task was inserted or
    removed above it is paired with itself, not with the task that now has its number.
    """
    by_title: dict[str, Task] = {}
    for t in new.tasks:
        by_title.setdefault(t.title, t)
    titled: dict[int, Task] = {}
    used: set[int] = set()
    for t in old.tasks:
        other = by_title.get(t.title)
        if other is not None and other.number not in used:
            titled[t.number] = other
            used.add(other.number)
    left_old = [t for t in old.tasks if t.number not in titled]
    left_new = [t for t in new.tasks if t.number not in used]
    scored = sorted(
        (-score, a.number, b.number)
        for a in left_old
        for b in left_new
        if (score := _similar(a, b)) >= _SIMILAR
    )
    new_by_number = {t.number: t for t in new.tasks}
    for _score, a_number, b_number in scored:
        if a_number in titled or b_number in used:
            continue
        titled[a_number] = new_by_number[b_number]
        used.add(b_number)
    numbers = new_by_number
    pairs: list[tuple[Task | None, Task | None]] = []
    for t in old.tasks:
        other = titled.get(t.number)
        if other is None and t.number in numbers and t.number not in used:
            other = numbers[t.number]
            used.add(t.number)
        pairs.append((t, other))
    pairs.extend((None, t) for t in new.tasks if t.number not in used)
    return pairs


def _period(end: object) -> str:
    return "" if end is None else str(end)


def _task_changes(a: Task, b: Task) -> list[Change]:
    ref = b.id
    changes = []
    if a.number != b.number:
        changes.append(Change(ChangeKind.TASK_RENUMBERED, ref, a.id, b.id))
    if (a.title, a.text) != (b.title, b.text):
        old = a.title if a.title != b.title else a.text
        new = b.title if a.title != b.title else b.text
        changes.append(Change(ChangeKind.TASK_REWORDED, ref, old, new))
    if a.lead.name != b.lead.name:
        changes.append(Change(ChangeKind.LEAD_CHANGED, ref, a.lead.name, b.lead.name))
    old_units = [o.name for o in a.units]
    new_units = [o.name for o in b.units]
    changes.extend(
        Change(ChangeKind.UNIT_ADDED, ref, "", name) for name in new_units if name not in old_units
    )
    changes.extend(
        Change(ChangeKind.UNIT_DROPPED, ref, name, "")
        for name in old_units
        if name not in new_units
    )
    return changes


def _title(item: Item) -> str:
    return item.name if isinstance(item, Indicator) else item.title


def _item_changes(a: Item, b: Item) -> list[Change]:
    ref = b.id
    changes = []
    if _title(a) != _title(b):
        changes.append(Change(ChangeKind.ITEM_REWORDED, ref, _title(a), _title(b)))
    if isinstance(a, Milestone) and isinstance(b, Milestone) and a.when != b.when:
        changes.append(Change(ChangeKind.DEADLINE_MOVED, ref, _period(a.due), _period(b.due)))
    if isinstance(a, Obligation) and isinstance(b, Obligation):
        if a.active.end != b.active.end:
            changes.append(
                Change(ChangeKind.DEADLINE_MOVED, ref, _period(a.active.end), _period(b.active.end))
            )
        if a.cadence != b.cadence:
            changes.append(
                Change(ChangeKind.CADENCE_CHANGED, ref, a.cadence.describe(), b.cadence.describe())
            )
    if isinstance(a, Indicator) and isinstance(b, Indicator):
        for k in range(max(len(a.targets), len(b.targets))):
            ta = a.targets[k] if k < len(a.targets) else None
            tb = b.targets[k] if k < len(b.targets) else None
            sub = f"{ref}#{k}"
            if ta is None or tb is None:
                changes.append(
                    Change(
                        ChangeKind.TARGET_CHANGED,
                        sub,
                        "" if ta is None else ta.describe(),
                        "" if tb is None else tb.describe(),
                    )
                )
                continue
            due_a = None if ta.due is None else ta.due.end
            due_b = None if tb.due is None else tb.due.end
            if due_a != due_b:
                changes.append(
                    Change(ChangeKind.DEADLINE_MOVED, sub, _period(due_a), _period(due_b))
                )
            same = (ta.value, ta.comparator, ta.unit, ta.soft, ta.benchmark) == (
                tb.value,
                tb.comparator,
                tb.unit,
                tb.soft,
                tb.benchmark,
            )
            if not same:
                changes.append(
                    Change(
                        ChangeKind.TARGET_CHANGED,
                        sub,
                        f"{ta.comparator.value} {ta.describe()}",
                        f"{tb.comparator.value} {tb.describe()}",
                    )
                )
    return changes


_POSITIONAL = re.compile(
    r"^(?:milestone|obligation|indicator)-\d+(?:\.\d+)*(?:-\d+)*-(?:\d+|deadline)$"
)
"""An item id a parsed plan gives by position: kind, heading numbers, count (a copy's count),
or a table row's 完成时限 (``milestone-2-deadline``, ``milestone-1.2-2-deadline``)."""


def _due(item: Item) -> tuple[str, ...]:
    """Return an item's due dates: a milestone's due, an obligation's end, each target's due."""
    if isinstance(item, Milestone):
        return (_period(item.due),)
    if isinstance(item, Obligation):
        return (_period(item.active.end),)
    return tuple(_period(None if t.due is None else t.due.end) for t in item.targets)


def _alike(a: Item, b: Item) -> float:
    """Return how alike two items' wordings are: the better of their titles' and texts' ratio."""
    return _likeness(((_title(a), _title(b)), (f"{_title(a)}{a.text}", f"{_title(b)}{b.text}")))


def _match_items(old: list[Item], new: list[Item]) -> dict[int, int]:
    """Pair the items of two versions (old index → new index), each pair of one type.

    A written id pairs first, then a positional id with the title unchanged; then the same
    title and due date, the same title, wording alike (the same due date breaking ties), and a
    positional id last, so that items shifted by an insertion are paired with themselves.
    """
    paired: dict[int, int] = {}
    used: set[int] = set()

    def pair_by(key: Callable[[Item], object], *, fixed: Callable[[Item], bool]) -> None:
        index: dict[tuple[type, object], list[int]] = {}
        for j, b in enumerate(new):
            if j not in used and fixed(b):
                index.setdefault((type(b), key(b)), []).append(j)
        for i, a in enumerate(old):
            if i in paired or not fixed(a):
                continue
            free = [j for j in index.get((type(a), key(a)), ()) if j not in used]
            if free:
                paired[i] = free[0]
                used.add(free[0])

    def positional(item: Item) -> bool:
        return _POSITIONAL.match(item.id) is not None

    pair_by(lambda item: item.id, fixed=lambda item: not positional(item))
    pair_by(lambda item: (item.id, _title(item)), fixed=lambda _item: True)
    pair_by(lambda item: (_title(item), _due(item)), fixed=lambda _item: True)
    pair_by(_title, fixed=lambda _item: True)
    scored = sorted(
        (-score, _due(a) != _due(b), i, j)
        for i, a in enumerate(old)
        if i not in paired
        for j, b in enumerate(new)
        if j not in used and type(a) is type(b) and (score := _alike(a, b)) >= _SIMILAR
    )
    for _score, _moved, i, j in scored:
        if i not in paired and j not in used:
            paired[i] = j
            used.add(j)
    pair_by(lambda item: item.id, fixed=lambda _item: True)
    return paired


def diff(old: Plan, new: Plan) -> tuple[Change, ...]:
    """Return every change from ``old`` to ``new``: tasks (old order, added ones last), then items.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> diff(load_plan(), load_plan())
    ()
    """
    changes: list[Change] = []
    for a, b in _match_tasks(old, new):
        if a is None and b is not None:
            changes.append(Change(ChangeKind.TASK_ADDED, b.id, "", b.title))
        elif b is None and a is not None:
            changes.append(Change(ChangeKind.TASK_REMOVED, a.id, a.title, ""))
        elif a is not None and b is not None:
            changes.extend(_task_changes(a, b))
    old_items, new_items = list(old.items()), list(new.items())
    paired = _match_items(old_items, new_items)
    before = {j: old_items[i] for i, j in paired.items()}
    for i, item in enumerate(old_items):
        if i not in paired:
            changes.append(Change(ChangeKind.ITEM_REMOVED, item.id, _title(item), ""))
    for j, item in enumerate(new_items):
        if j in before:
            changes.extend(_item_changes(before[j], item))
        else:
            changes.append(Change(ChangeKind.ITEM_ADDED, item.id, "", _title(item)))
    return tuple(changes)


# the changes as typed records: xiaojie.queries.as_table(diff(old, new))
register_table(
    Change,
    (("kind", "str"), ("label", "str"), ("ref", "str"), ("old", "str"), ("new", "str")),
    lambda c: (c.kind, c.kind.label, c.ref, c.old, c.new),
)
