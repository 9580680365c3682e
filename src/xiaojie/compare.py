"""Check a local plan against its parent: what it leaves out, delays, weakens or gives elsewhere.

:func:`compare` aligns the local plan's tasks and items with the parent's — by lineage where
the local plan has it (a plan made by :func:`xiaojie.cascade.cascade`), else by the same id,
else by text similarity (``rapidfuzz``, the ``levels`` extra) helped by the counterpart table
(对口表) — and reports:

* parent tasks and items the local plan does not cover (``missing_task``, ``missing_item``);
* local due dates later than the parent's (``later_deadline``);
* local targets weaker than the parent's (``weaker_target``);
* tasks whose local lead is not the counterpart of the parent's lead (``not_counterpart``).

Nothing here reads the clock or writes a file.

Examples
--------
>>> from xiaojie import load_plan
>>> from xiaojie.cascade import cascade
>>> parent = load_plan()
>>> local = cascade(parent, to="同心县").plan
>>> compare(parent, local).findings
()
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._records import records, register_table
from xiaojie.cascade import weaker
from xiaojie.errors import FuzzyMatchUnavailableError, PlaceError
from xiaojie.model import Indicator, Milestone, Obligation, normalize_name
from xiaojie.places import load_counterparts, load_places


if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Callable, Sequence

    from xiaojie.model import Item, Plan, Task
    from xiaojie.places import CounterpartTable, Place, Places


__all__ = [
    "Comparison",
    "Finding",
    "FindingKind",
    "FuzzyMatchUnavailableError",
    "compare",
    "compare_text",
]

_THRESHOLD = 60.0


class FindingKind(enum.StrEnum):
    """What a finding says about the local plan."""

    MISSING_TASK = "missing_task"
    MISSING_ITEM = "missing_item"
    LATER_DEADLINE = "later_deadline"
    WEAKER_TARGET = "weaker_target"
    NOT_COUNTERPART = "not_counterpart"

    @property
    def label(self) -> str:
        """The finding in Chinese."""
        return {
            FindingKind.MISSING_TASK: "未分解的任务",
            FindingKind.MISSING_ITEM: "未分解的事项",
            FindingKind.LATER_DEADLINE: "时限晚于上级",
            FindingKind.WEAKER_TARGET: "目标低于上级",
            FindingKind.NOT_COUNTERPART: "牵头单位不对口",
        }[self]


@attrs.frozen
class Finding:
    """One difference between the local plan and its parent that the parent does not allow."""

    kind: FindingKind
    parent_ref: str
    """The parent's task (``task-N``) or item id."""
    local_ref: str | None
    """The local task or item it was aligned with, if any."""
    parent_value: str = ""
    local_value: str = ""

    def __str__(self) -> str:
        same = self.local_ref in {None, self.parent_ref.partition("#")[0]}
        where = self.parent_ref if same else f"{self.parent_ref} (local {self.local_ref})"
        if self.local_value:
            values = f": parent {self.parent_value}, local {self.local_value}"
        else:
            values = f": {self.parent_value}" if self.parent_value else ""
        return f"{self.kind.value} {where}{values}"


@attrs.frozen
class Comparison:
    """The alignment of a local plan with its parent and the findings.

    Attributes
    ----------
    pairs
        ``(parent ref, local ref, how)`` for every aligned task and item; ``how`` is
        ``lineage``, ``id`` or ``text``.
    """

    parent_id: str
    local_id: str
    place: str | None
    pairs: tuple[tuple[str, str, str], ...]
    findings: tuple[Finding, ...]

    def of_kind(self, kind: FindingKind | str) -> tuple[Finding, ...]:
        """Return the findings of one kind."""
        wanted = FindingKind(kind)
        return tuple(f for f in self.findings if f.kind is wanted)

    def records(self) -> list[dict[str, Any]]:
        """Return the findings as plain records (for JSON or a table)."""
        return [
            {
                "kind": str(f.kind),
                "label": f.kind.label,
                "parent": f.parent_ref,
                "local": f.local_ref,
                "parent_value": f.parent_value,
                "local_value": f.local_value,
            }
            for f in self.findings
        ]

    def format(self) -> str:
        """Return the comparison as text: a header line, then one line per finding."""
        head = f"{self.local_id} against {self.parent_id}: {len(self.findings)} finding(s)"
        if self.place is None:
            head += " (place unknown: leads not checked against the counterpart table)"
        return "\n".join([head, *(f"  {f}" for f in self.findings)])


def _ratio() -> Callable[[str, str], float]:
    try:
        from rapidfuzz import fuzz  # noqa: PLC0415 - optional extra, imported on first use
    except ImportError as err:
        purpose = "aligning plans by text"
        raise FuzzyMatchUnavailableError.naming("rapidfuzz", "levels", purpose) from err
    ratio: Callable[[str, str], float] = fuzz.ratio
    return ratio


def _greedy(
    parents: Sequence[str],
    locals_: Sequence[str],
    score: Callable[[str, str], float],
    taken: set[str],
    done: set[str],
) -> list[tuple[str, str]]:
    scored = sorted(
        (
            (score(p, q), k, p, q)
            for k, p in enumerate(parents)
            if p not in done
            for q in locals_
            if q not in taken
        ),
        key=lambda row: (-row[0], row[1]),
    )
    pairs = []
    for value, _k, p, q in scored:
        if value < _THRESHOLD or p in done or q in taken:
            continue
        pairs.append((p, q))
        done.add(p)
        taken.add(q)
    return pairs


def _infer_place(local: Plan, places: Places, place: str | Place | None) -> Place | None:
    if place is not None:
        return places.find(place)
    if local.lineage is not None and local.lineage.place:
        return places.get(local.lineage.place)
    counts: dict[str, int] = {}
    for owner in local.units:
        for p in places:
            if p.parent is not None and owner.name.startswith(p.name):
                counts[p.code] = counts.get(p.code, 0) + 1
    if not counts:
        # no unit names its place (县农业农村局): the title may (同心县…实施方案)
        named = [
            p
            for p in places
            if p.parent is not None
            and any(text.startswith(p.name) for text in (local.title, local.issuer) if text)
        ]
        return max(named, key=lambda p: (p.level.depth, len(p.name)), default=None)
    best = max(sorted(counts), key=lambda code: counts[code])
    return places.get(best)


def _check_place(
    parent: Plan, local: Plan, places: Places, place: str | Place | None
) -> tuple[Place | None, Place | None]:
    """Return the local plan's place and the parent's, refusing places that cannot be theirs.

    A place given or recorded in the local plan's lineage must be below the parent's place
    (the region for a plan without one) and agree with the lineage; an inferred place that is
    not below it is dropped (the counterpart check is then skipped).
    """
    above = None
    if parent.lineage is not None and parent.lineage.place:
        above = places.get(parent.lineage.place)
    where = _infer_place(local, places, place)
    recorded = None
    if local.lineage is not None and local.lineage.place:
        recorded = places.get(local.lineage.place)
    if where is None:
        return None, above
    if place is not None and recorded is not None and recorded != where:
        msg = (
            f"place: expected {recorded.name} ({recorded.code}), the place recorded in the "
            f"lineage of plan {local.id!r}, found {where.name} ({where.code})"
        )
        raise PlaceError(msg)
    fits = where.parent is not None and (above is None or above in places.ancestors(where))
    if fits:
        return where, above
    if place is None and recorded is None:
        return None, above
    if above is None:
        msg = (
            f"place: expected a place below the province level for plan {local.id!r}, "
            f"found {where.name} ({where.level.label})"
        )
    else:
        msg = (
            f"place: expected a place below {above.name}, the place of the parent plan "
            f"{parent.id!r}, found {where.name} ({where.code}) for plan {local.id!r}; "
            "are the parent and the local plan given the other way round?"
        )
    raise PlaceError(msg)


def _forms(name: str, place: Place, places: Places) -> set[str]:
    """Return the ways ``name`` can be read at ``place``: as written and with its place made explicit.

    ``县农业农村局``, ``同心县农业农村局`` and ``中共同心县委组织部`` at 同心县 read as that county's
    units, ``市生态环境局同心分局`` as one of its city's; a name with no place before it is the
    place's own.
    """
    text = normalize_name(name).removeprefix("中共")
    forms = {normalize_name(name), text}
    chain = (place, *places.ancestors(place))
    generic = {place.name[-1]} if place.name[-1] in "市县区旗" else set()
    for k, level in enumerate(chain):
        prefixes = {normalize_name(n) for n in (level.name, level.prefix, *level.aliases) if n}
        if k > 0 and level.name[-1] in "市县区旗" and level.name[-1] not in generic:
            prefixes.add(level.name[-1])
        elif k == 0:
            prefixes |= generic
        for prefix in prefixes:
            if text.startswith(prefix) and len(text) > len(prefix):
                forms.add(f"@{level.code}:{text[len(prefix) :]}")
    # written with no place before it (市场监督管理局 in a county's text): the place's own
    forms.add(f"@{place.code}:{text}")
    return forms


def _item_text(item: Item) -> str:
    return item.name if isinstance(item, Indicator) else item.title


def _task_text(task: Task) -> str:
    return f"{task.title}{task.text[:120]}"


def _align(
    parent: Plan, local: Plan, lead_bonus: Callable[[Task, Task], float]
) -> list[tuple[str, str, str]]:
    pairs: list[tuple[str, str, str]] = []
    done: set[str] = set()
    taken: set[str] = set()
    parent_refs = {t.id for t in parent.tasks} | {i.id for i in parent.items()}
    local_refs = [t.id for t in local.tasks] + [i.id for i in local.items()]
    if local.lineage is not None and local.lineage.parent == parent.id:
        for ref in local_refs:
            up = local.lineage.parent_of(ref)
            if up in parent_refs and up not in done:
                pairs.append((up, ref, "lineage"))
                done.add(up)
                taken.add(ref)
    local_items = {i.id for i in local.items()}
    for item in parent.items():
        fresh = item.id not in done and item.id in local_items and item.id not in taken
        if fresh and type(local.item(item.id)) is type(item):
            pairs.append((item.id, item.id, "id"))
            done.add(item.id)
            taken.add(item.id)
    left_tasks = [t.id for t in parent.tasks if t.id not in done]
    left_items = [i.id for i in parent.items() if i.id not in done]
    if not left_tasks and not left_items:
        return pairs
    ratio = _ratio()
    p_tasks = {t.id: t for t in parent.tasks}
    l_tasks = {t.id: t for t in local.tasks}

    def task_score(p: str, q: str) -> float:
        a, b = p_tasks[p], l_tasks[q]
        return max(ratio(a.title, b.title), ratio(_task_text(a), _task_text(b))) + lead_bonus(a, b)

    pairs += [
        (p, q, "text") for p, q in _greedy(left_tasks, list(l_tasks), task_score, taken, done)
    ]
    for kind in (Milestone, Obligation, Indicator):
        p_items = {i.id: i for i in parent.items() if isinstance(i, kind)}
        l_items = {i.id: i for i in local.items() if isinstance(i, kind)}

        def item_score(p: str, q: str, p_items: Any = p_items, l_items: Any = l_items) -> float:  # noqa: ANN401
            a, b = p_items[p], l_items[q]
            by_text = ratio(a.text, b.text) if a.text and b.text else 0.0
            return max(ratio(_item_text(a), _item_text(b)), by_text)

        pairs += [
            (p, q, "text")
            for p, q in _greedy(
                [x for x in left_items if x in p_items], list(l_items), item_score, taken, done
            )
        ]
    return pairs


def _later(parent_due: dt.date | None, local_due: dt.date | None) -> bool:
    return parent_due is not None and (local_due is None or local_due > parent_due)


def _check_item(p: Item, q: Item, findings: list[Finding]) -> None:
    if isinstance(p, Milestone) and isinstance(q, Milestone):
        if _later(p.due, q.due):
            findings.append(Finding(FindingKind.LATER_DEADLINE, p.id, q.id, str(p.due), str(q.due)))
    elif isinstance(p, Obligation) and isinstance(q, Obligation):
        if _later(p.active.end, q.active.end):
            findings.append(
                Finding(
                    FindingKind.LATER_DEADLINE, p.id, q.id, str(p.active.end), str(q.active.end)
                )
            )
    elif isinstance(p, Indicator) and isinstance(q, Indicator):
        for k, target in enumerate(p.targets):
            if k >= len(q.targets):
                findings.append(
                    Finding(FindingKind.WEAKER_TARGET, p.id, q.id, target.describe(), "none")
                )
                continue
            mine = q.targets[k]
            parent_due = None if target.due is None else target.due.end
            local_due = None if mine.due is None else mine.due.end
            if _later(parent_due, local_due):
                findings.append(
                    Finding(
                        FindingKind.LATER_DEADLINE,
                        f"{p.id}#{k}",
                        q.id,
                        str(parent_due),
                        str(local_due),
                    )
                )
            if weaker(mine, target):
                findings.append(
                    Finding(
                        FindingKind.WEAKER_TARGET,
                        f"{p.id}#{k}",
                        q.id,
                        target.describe(),
                        mine.describe(),
                    )
                )


def compare(
    parent: Plan,
    local: Plan,
    *,
    place: str | Place | None = None,
    counterparts: CounterpartTable | None = None,
    places: Places | None = None,
) -> Comparison:
    """Check ``local`` against ``parent`` and report what the parent does not allow.

    Parameters
    ----------
    parent
        The parent plan (the region's).
    local
        The local plan: a cascaded plan, an edited one, or one read from a county's text.
    place
        The local plan's place; by default its lineage's place, else the place most of its
        unit names begin with. Without a place the counterpart check is skipped.
    counterparts
        The counterpart table (default: the bundled one).
    places
        The known places (default: the bundled places of Ningxia).

    Returns
    -------
    Comparison

    Raises
    ------
    FuzzyMatchUnavailableError
        If text alignment is needed and ``rapidfuzz`` is not installed.
    PlaceError
        If ``place`` is given and unknown.

    Examples
    --------
    >>> import attrs
    >>> from xiaojie import load_plan
    >>> from xiaojie.cascade import cascade
    >>> parent = load_plan()
    >>> local = cascade(parent, to="同心县").plan
    >>> late = attrs.evolve(local.item("midterm-report"), when=parent.item("follow-up-review").when)
    >>> edited = attrs.evolve(local, milestones=[late if m.id == late.id else m for m in local.milestones])
    >>> print(compare(parent, edited).format())
    ningxia-2025-640324 against ningxia-2025: 1 finding(s)
      later_deadline midterm-report: parent 2025-08-31, local 2025-10-31
    """
    known = places if places is not None else load_places()
    where, above = _check_place(parent, local, known, place)
    # a city's plan names its units 吴忠市X局: renaming replaces that prefix one level down
    table = (counterparts if counterparts is not None else load_counterparts()).below(above)

    def expected_lead(task: Task) -> str | None:
        if where is None:
            return None
        return table.map(task.lead, where, known).name

    cache: dict[str, set[str]] = {}

    def accepted(task: Task) -> set[str]:
        """Every form of the name the local lead may have: the counterpart's, as the place writes it."""
        assert where is not None  # noqa: S101 - only called with a place
        if task.id in cache:
            return cache[task.id]
        wanted = table.map(task.lead, where, known)
        names = [] if wanted.name is None else [wanted.name]
        renamed = table.renamed(task.lead.name, where)
        if wanted.rule == "rename" or (renamed is not None and renamed == wanted.name):
            # a row that only restates the renaming: the parent's aliases rename as well
            for alias in task.lead.names:
                again = table.renamed(alias, where) or table.renamed(
                    f"{table.prefixes[0]}{alias}" if table.prefixes else alias, where
                )
                if again is not None:
                    names.append(again)
        cache[task.id] = {form for n in names for form in _forms(n, where, known)}
        return cache[task.id]

    def same_lead(p: Task, q: Task) -> bool:
        assert where is not None  # noqa: S101 - only called with a place
        mine = {form for n in q.lead.names for form in _forms(n, where, known)}
        return bool(accepted(p) & mine)

    def lead_bonus(p: Task, q: Task) -> float:
        return (
            10.0 if where is not None and expected_lead(p) is not None and same_lead(p, q) else 0.0
        )

    pairs = _align(parent, local, lead_bonus)
    aligned = {p: q for p, q, _how in pairs}
    findings: list[Finding] = []
    for task in parent.tasks:
        mine = aligned.get(task.id)
        if mine is None:
            findings.append(Finding(FindingKind.MISSING_TASK, task.id, None, task.title, ""))
            continue
        local_task = local.task(int(mine.removeprefix("task-")))
        wanted = expected_lead(task)
        if wanted is not None and not same_lead(task, local_task):
            findings.append(
                Finding(FindingKind.NOT_COUNTERPART, task.id, mine, wanted, local_task.lead.name)
            )
    for item in parent.items():
        mine = aligned.get(item.id)
        if mine is None:
            findings.append(Finding(FindingKind.MISSING_ITEM, item.id, None, _item_text(item), ""))
            continue
        _check_item(item, local.item(mine), findings)
    return Comparison(
        parent_id=parent.id,
        local_id=local.id,
        place=None if where is None else where.code,
        pairs=tuple(pairs),
        findings=tuple(findings),
    )


def compare_text(
    parent: Plan,
    text_or_path: str | os.PathLike[str],
    *,
    place: str | Place | None = None,
    counterparts: CounterpartTable | None = None,
    places: Places | None = None,
    reference: dt.date | None = None,
) -> Comparison:
    """Read a local plan's text with :func:`xiaojie.parsing.parse_plan` and compare it.

    The text is read with an empty unit registry and no overlay, so the local units keep the
    names the text gives them. Dates without a year take it from ``reference``, else from the
    text's own date of issue (发文时间), else from the parent plan's reference date: a local
    plan is drawn up within its parent's year.

    Raises
    ------
    FuzzyMatchUnavailableError
        If ``rapidfuzz`` is not installed.
    PlanParseError
        If the text cannot be read as a plan (the message names the line).
    """
    from xiaojie.errors import PlanParseError  # noqa: PLC0415
    from xiaojie.model import UnitRegistry  # noqa: PLC0415
    from xiaojie.parsing import parse_plan  # noqa: PLC0415 - the parser loads on demand

    try:
        local = parse_plan(
            text_or_path, reference=reference, registry=UnitRegistry(()), overlay=None
        ).plan
    except PlanParseError as err:
        if reference is not None or not err.reason.startswith("no reference date"):
            raise
        local = parse_plan(
            text_or_path,
            reference=parent.reference_date,
            registry=UnitRegistry(()),
            overlay=None,
        ).plan
    return compare(parent, local, place=place, counterparts=counterparts, places=places)


_FINDING_COLUMNS = (
    ("kind", "str"),
    ("label", "str"),
    ("parent", "str"),
    ("local", "str"),
    ("parent_value", "str"),
    ("local_value", "str"),
)


def _finding_row(f: Finding) -> tuple[object, ...]:
    return (f.kind, f.kind.label, f.parent_ref, f.local_ref, f.parent_value, f.local_value)


# the findings as typed records: xiaojie.queries.as_table(comparison) or of its findings
register_table(Finding, _FINDING_COLUMNS, _finding_row)
register_table(
    Comparison,
    whole=lambda c: records(_FINDING_COLUMNS, (_finding_row(f) for f in c.findings)),
)
