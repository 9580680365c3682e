"""What the queries return: small frozen records, sorted the plan's way."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

import attrs

from xiaojie.errors import PlanValidationError, UnknownItemError
from xiaojie.model import (
    Indicator,
    Milestone,
    Obligation,
    Owner,
    ResponsibleUnit,
    Role,
    Task,
    UnitGroup,
)
from xiaojie.tracking import Entry


if TYPE_CHECKING:
    from xiaojie.graph import NodeKind


__all__ = [
    "Bridge",
    "Holding",
    "OwnedEntry",
    "OwnerEntries",
    "ResponsibilityMatrix",
    "SharedTasks",
    "Slack",
    "Slip",
    "Workload",
]


_Owned = Task | Milestone | Obligation | Indicator


# --- results ---------------------------------------------------------------------------------


class OwnedEntry(NamedTuple):
    """A snapshot entry as one owner sees it: the entry, the owner's role, the group it came by.

    Attributes
    ----------
    entry
        The entry of the snapshot (its state, due date, window, task …).
    role
        The owner's role for it.
    via
        The id of the group through which a member unit owns the entry, or ``None`` when the
        owner is named for it directly.
    """

    entry: Entry
    role: Role
    via: str | None = None

    @property
    def key(self) -> str:
        """The entry's key."""
        return self.entry.key

    @property
    def title(self) -> str:
        """What is to be done."""
        return self.entry.title

    @property
    def due(self) -> dt.date | None:
        """The entry's due date."""
        return self.entry.due

    @property
    def task(self) -> int | None:
        """The number of the entry's task, if any."""
        return self.entry.task

    @property
    def expanded(self) -> bool:
        """Whether the owner has the entry only as a member of a group (``via`` is set)."""
        return self.via is not None


@attrs.frozen(kw_only=True)
class OwnerEntries:
    """One owner (a unit or a group) and the entries it answers for, earliest due first.

    The entries, the owner's role in each and the group each came through are kept as three
    parallel tuples (the headline query builds many rows and tuples are cheap);
    :attr:`owned` pairs them up.

    Attributes
    ----------
    owner
        The unit or group.
    entries
        Its entries, in snapshot order: by due date, then key.
    roles
        The owner's role in each entry.
    via
        For each entry, the id of the group it came through, or ``None`` when the owner is
        named for it directly.
    """

    owner: Owner
    entries: tuple[Entry, ...]
    roles: tuple[Role, ...]
    via: tuple[str | None, ...]

    def __attrs_post_init__(self) -> None:
        if not len(self.entries) == len(self.roles) == len(self.via):
            lengths = f"{len(self.entries)}, {len(self.roles)}, {len(self.via)}"
            raise PlanValidationError("owner_entries", "as many roles and vias as entries", lengths)

    @property
    def owned(self) -> tuple[OwnedEntry, ...]:
        """The entries with the owner's role and the group each came through."""
        return tuple(map(OwnedEntry, self.entries, self.roles, self.via))

    @property
    def is_group(self) -> bool:
        """Whether the owner is a unit group reported as a whole."""
        return self.owner.is_group

    @property
    def expanded(self) -> bool:
        """Whether every entry reached the owner through a group it is a member of."""
        return all(group is not None for group in self.via)

    @property
    def keys(self) -> tuple[str, ...]:
        """The entries' keys."""
        return tuple(e.key for e in self.entries)

    @property
    def tasks(self) -> tuple[int, ...]:
        """The numbers of the tasks the entries belong to, ascending."""
        return tuple(sorted({e.task for e in self.entries if e.task is not None}))

    def __len__(self) -> int:
        return len(self.entries)

    def __str__(self) -> str:
        shown = "、".join(
            f"{e.key}({e.role.label}{', via ' + e.via if e.via else ''})" for e in self.owned
        )
        return f"{self.owner.name}: {shown}"


@attrs.frozen(kw_only=True)
class Holding:
    """Something an owner answers for: a task or an item, with the owner's role.

    Attributes
    ----------
    node
        The graph node (``task:4``, ``indicator:spending-progress`` …).
    obj
        The task, milestone, obligation or indicator.
    role
        The owner's role.
    inherited
        Whether the owner answers for an item through its task.
    via
        The id of the group through which the owner holds it, or ``None``.
    """

    node: str
    obj: _Owned
    role: Role
    inherited: bool = False
    via: str | None = None

    @property
    def kind(self) -> NodeKind:
        """What the held thing is."""
        from xiaojie.graph import NodeKind  # noqa: PLC0415 - the graph (and networkx) when asked

        return NodeKind(self.node.partition(":")[0])

    def __str__(self) -> str:
        from xiaojie.graph import label_of  # noqa: PLC0415 - the graph (and networkx) when asked

        return f"{label_of(self.obj)}({self.role.label})"


@attrs.frozen(kw_only=True)
class Workload:
    """How much one owner answers for.

    Attributes
    ----------
    owner
        The unit or group.
    lead
        The number of tasks it leads.
    co_responsible
        The number of tasks it shares without leading.
    by_campaign
        ``(campaign number, tasks)`` pairs, by campaign number.
    by_month
        ``("YYYY-MM", due dates)`` pairs, by month: the due dates of its milestones, of its
        indicators' dated targets and of the windows of its reported obligations.
    """

    owner: Owner
    lead: int
    co_responsible: int
    by_campaign: tuple[tuple[int, int], ...]
    by_month: tuple[tuple[str, int], ...]

    @property
    def tasks(self) -> int:
        """The number of tasks it leads or shares."""
        return self.lead + self.co_responsible


@attrs.frozen(kw_only=True)
class SharedTasks:
    """Two owners that share tasks: the pair and the tasks both are named for.

    Attributes
    ----------
    first, second
        The owners, ``first`` earlier in the plan's order.
    tasks
        The numbers of the tasks they share, ascending.
    """

    first: Owner
    second: Owner
    tasks: tuple[int, ...]

    @property
    def weight(self) -> int:
        """The number of shared tasks."""
        return len(self.tasks)


@attrs.frozen(kw_only=True)
class Bridge:
    """An owner that joins campaigns, with its betweenness in the owner–campaign graph.

    Attributes
    ----------
    owner
        The unit or group.
    score
        Its normalised betweenness centrality (see :func:`bridging_units`).
    campaigns
        The numbers of the campaigns it owns tasks in, ascending.
    """

    owner: Owner
    score: float
    campaigns: tuple[int, ...]


@attrs.frozen(kw_only=True)
class Slip:
    """Where something would fall if an item slipped: its planned and its new date.

    Attributes
    ----------
    node
        The graph node.
    obj
        The task, phase, milestone, obligation or indicator.
    due
        Its planned date (``None`` for a task with no dated item).
    new_date
        The date it can be done by after the slip.
    """

    node: str
    obj: object
    due: dt.date | None
    new_date: dt.date

    @property
    def delay(self) -> int:
        """Days after its planned date (0 when the slip is absorbed or it has no date)."""
        return 0 if self.due is None else max((self.new_date - self.due).days, 0)

    @property
    def late(self) -> bool:
        """Whether it would now be done after its planned date."""
        return self.delay > 0

    def __str__(self) -> str:
        due = "undated" if self.due is None else self.due.isoformat()
        return f"{self.node}: {due} → {self.new_date} (+{self.delay})"


@attrs.frozen(kw_only=True)
class Slack:
    """Days left until an entry's due date (negative once it is overdue).

    Attributes
    ----------
    entry
        The entry.
    days
        Its due date minus the snapshot's date, in calendar days.
    """

    entry: Entry
    days: int

    @property
    def key(self) -> str:
        """The entry's key."""
        return self.entry.key

    @property
    def due(self) -> dt.date | None:
        """The entry's due date."""
        return self.entry.due


_MARKS = {
    Role.LEAD: "lead",
    Role.CO_RESPONSIBLE: "co_responsible",
    Role.IMPLEMENT: "implement",
    Role.SUPPORT: "support",
}


@attrs.frozen(kw_only=True)
class ResponsibilityMatrix:
    """Tasks × owners with each owner's role in each task.

    Attributes
    ----------
    rows
        The tasks, by number.
    columns
        The owners named for at least one task, in the plan's order.
    cells
        ``cells[i][j]`` is the role of ``columns[j]`` in ``rows[i]``, or ``None``.
    """

    rows: tuple[Task, ...]
    columns: tuple[Owner, ...]
    cells: tuple[tuple[Role | None, ...], ...]

    def role(self, task: int, owner: str | Owner) -> Role | None:
        """Return the role of ``owner`` (an id, a name as listed, or the object) in ``task``.

        Raises
        ------
        UnknownItemError
            If the matrix has no such task or owner.
        """
        numbers = [t.number for t in self.rows]
        if task not in numbers:
            raise UnknownItemError("task", task, [str(n) for n in numbers])
        wanted = owner.id if isinstance(owner, ResponsibleUnit | UnitGroup) else owner
        for j, column in enumerate(self.columns):
            if wanted in (column.id, *column.names):
                return self.cells[numbers.index(task)][j]
        raise UnknownItemError("owner", wanted, [c.id for c in self.columns])

    def to_rows(
        self,
        *,
        lead: str = Role.LEAD.label,
        co_responsible: str = Role.CO_RESPONSIBLE.label,
        empty: str = "",
        implement: str = Role.IMPLEMENT.label,
        support: str | None = None,
    ) -> tuple[tuple[str, ...], ...]:
        """Return the matrix as rows of strings: a header of owner names, then one row per task.

        Each row starts with the task (``4.精准开展监测帮扶``); a cell holds ``lead``,
        ``co_responsible``, ``support`` (``co_responsible``'s mark unless given), ``implement``
        or ``empty``. Ready for :mod:`csv`.
        """
        from xiaojie.graph import label_of  # noqa: PLC0415 - the graph (and networkx) when asked

        marks = {
            Role.LEAD: lead,
            Role.CO_RESPONSIBLE: co_responsible,
            Role.IMPLEMENT: implement,
            Role.SUPPORT: co_responsible if support is None else support,
            None: empty,
        }
        header = ("任务", *(c.name for c in self.columns))
        body = tuple(
            (label_of(task), *(marks[cell] for cell in row))
            for task, row in zip(self.rows, self.cells, strict=True)
        )
        return (header, *body)

    def lines(
        self,
        *,
        lead: str = "●",
        co_responsible: str = "○",
        empty: str = "·",
        implement: str = "◇",
        support: str | None = None,
    ) -> tuple[str, ...]:
        """Return a compact text picture: one character per owner, then a numbered legend.

        Two header lines give each column's number (tens, then units); each task line holds the
        task number and one mark per column; the legend names the columns.
        """
        marks = {
            Role.LEAD: lead,
            Role.CO_RESPONSIBLE: co_responsible,
            Role.IMPLEMENT: implement,
            Role.SUPPORT: co_responsible if support is None else support,
            None: empty,
        }
        width = len(str(max((t.number for t in self.rows), default=0)))
        numbers = [str(j + 1).rjust(2) for j in range(len(self.columns))]
        pad = " " * (width + 1)
        picture = [
            pad + "".join(n[0] for n in numbers),
            pad + "".join(n[1] for n in numbers),
        ]
        picture.extend(
            f"{task.number:>{width}} " + "".join(marks[cell] for cell in row)
            for task, row in zip(self.rows, self.cells, strict=True)
        )
        picture.extend(f"{j + 1:>3} {c.name}" for j, c in enumerate(self.columns))
        return tuple(picture)
