"""Shared state of the plan builder: notes, passages, drafts and reading contexts."""

import datetime as dt
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import shown_text
from xiaojie.dates import Findings, NamedPeriods, Period, PeriodSeries
from xiaojie.model import (
    Owner,
    UnitRegistry,
)
from xiaojie.parsing._catalogue import Catalogue
from xiaojie.parsing._owners import OwnerBook
from xiaojie.parsing._report import (
    Location,
    NoteKind,
    ParseNote,
)
from xiaojie.parsing._structure import Document, Node
from xiaojie.parsing._text import Clause, Passage
from xiaojie.parsing._time import Hit, TimeScanner


if TYPE_CHECKING:
    from xiaojie.parsing._clauses import Duty


__all__ = [
    "Context",
    "Draft",
    "PhaseInfo",
    "Reading",
    "State",
    "TaskInfo",
    "date_only",
    "plan_id_for",
]

_DATE_PREFIX = re.compile(r"^(?:到|在|于|并于|并在|截至|截止|自|从)?$")


@attrs.define
class TaskInfo:
    number: int
    owners: tuple[Owner, ...]
    node: Node
    deadline: str = ""  # the deadline its clause states (完成时限:…), if any


@attrs.define
class PhaseInfo:
    number: int
    name: str
    when: Period
    node: Node
    id: str = ""


@attrs.define
class Context:
    section: str
    clause: str
    task: TaskInfo | None
    phase: PhaseInfo | None
    counters: dict[str, int] = attrs.Factory(dict)

    def next_id(self, kind: str) -> str:
        count = self.counters.get(kind, 0) + 1
        self.counters[kind] = count
        return f"{kind}-{self.clause}-{count}"


@attrs.define
class Reading:
    """A passage being read: its clauses, quotations, time phrases and what is used."""

    passage: Passage
    clauses: tuple[Clause, ...]
    quoted: tuple[tuple[int, int], ...]
    hits: list[list[Hit]]
    ctx: Context
    used: list[tuple[int, int]] = attrs.Factory(list)
    used_hits: set[int] = attrs.Factory(set)

    @property
    def text(self) -> str:
        return self.passage.text

    def sentence(self, number: int) -> str:
        members = [c for c in self.clauses if c.sentence == number]
        if not members:
            return ""
        return self.text[members[0].start : members[-1].end]


def date_only(text: str, clause: Clause, here: list[Hit]) -> bool:
    """Whether a clause is only a time phrase (with 到/在/于/截至 before it)."""
    if len(here) != 1 or not isinstance(here[0].found.value, Period | PeriodSeries):
        return False
    hit = here[0]
    rest = (text[clause.start : hit.start] + text[hit.end : clause.end]).strip()
    return _DATE_PREFIX.match(rest) is not None


@attrs.define
class Draft:
    kind: str
    id: str
    title: str
    text: str
    where: tuple[int, int]
    clause: str
    order: tuple[int, int, int]
    fields: dict[str, Any]


@attrs.define
class TaskRow:
    """A task as read: what the plan file's ``[[tasks]]`` row will hold."""

    number: int
    title: str
    text: str
    campaign: int
    owners: tuple[Owner, ...]
    written: tuple[str, ...]
    units_text: str
    where: tuple[int, int]
    implementing: tuple[Owner, ...] = ()
    persons: tuple[str, ...] = ()
    supporting: tuple[Owner, ...] = ()

    @property
    def units(self) -> tuple[Owner, ...]:
        """The task's units, lead first."""
        return self.owners

    @property
    def id(self) -> str:
        """The task's id, as :attr:`xiaojie.model.Task.id` makes it."""
        return f"task-{self.number}"


@attrs.define
class CampaignRow:
    """A campaign as read."""

    number: int
    name: str
    short_name: str


def plan_id_for(source: str, title: str) -> str:
    stem = Path(source).stem.lower() if source else ""
    slug = re.sub(r"[^a-z0-9_.-]+", "-", stem).strip("-.")
    if slug and re.match(r"^[a-z0-9]", slug):
        return slug
    digest = hashlib.blake2b(shown_text(title).encode(), digest_size=4).hexdigest()
    return f"plan-{digest}"


class State:
    """What every part of the builder reads and writes."""

    def __init__(
        self,
        doc: Document,
        *,
        reference: dt.date,
        registry: UnitRegistry,
        named: NamedPeriods | None,
        source: str,
        catalogue: Catalogue | None = None,
    ) -> None:
        self.doc = doc
        self.reference = reference
        self.book = OwnerBook(registry, catalogue)
        self.scanner = TimeScanner(reference, named)
        self.source = source
        self.notes: list[ParseNote] = []
        self.tasks: list[TaskRow] = []
        self.task_info: dict[int, TaskInfo] = {}
        self.resp: dict[int, tuple[Duty, list[Passage]]] = {}
        self.duties: list[tuple[int, Duty]] = []
        self.deadlines: dict[str, Findings] = {}
        self.heading_people: dict[int, tuple[str, ...]] = {}
        self.original = ""
        self.campaigns: list[CampaignRow] = []
        self.phases: dict[int, PhaseInfo] = {}
        self.drafts: list[Draft] = []
        self.locations: list[tuple[str, Location]] = []
        self.position = 0
        self.latest = dt.date(reference.year, 12, 31)

    # ---------------------------------------------------------------------------------------
    # notes

    def note(
        self,
        kind: NoteKind,
        where: tuple[int, int],
        message: str,
        *,
        sentence: str = "",
        phrase: str = "",
    ) -> None:
        self.notes.append(
            ParseNote(
                kind=kind,
                line=where[0],
                column=where[1],
                message=message,
                sentence=sentence,
                phrase=phrase,
            )
        )

    # ---------------------------------------------------------------------------------------
    # structure

    def create(self, name: str, where: tuple[int, int], sentence: str) -> Owner:
        """Return the unit ``name`` names, noting it when the plan's registry did not know it."""
        owner, created = self.book.get(name)
        if created:
            self.note(
                NoteKind.NEW_UNIT,
                where,
                f"unknown unit {name!r} added as a new {owner.kind} ({owner.id})",
                sentence=sentence,
                phrase=owner.name,
            )
        return owner

    def passages(self, node: Node, *, skip_title: bool = False) -> list[Passage]:
        result: list[Passage] = []
        if node.line is not None:
            start = node.title_stop if skip_title else node.start
            if start < len(node.line.text):
                result.append(Passage(node.line, start, len(node.line.text)))
        result.extend(Passage(line, 0, len(line.text)) for line in node.paragraphs if line.text)
        return result

    def node_where(self, node: Node) -> tuple[int, int]:
        if node.line is None:
            return (1, 1)
        return node.line.number, node.line.column(0)

    def heading_title(self, node: Node) -> str:
        if node.line is None:
            return ""
        title = node.title
        held = self.resp.get(id(node))
        if held is not None:
            cuts = [span.start for span in held[1] if span.line is node.line]
            if cuts:
                title = node.line.text[node.start : min(node.title_stop, *cuts)]
                # "开展排查，完成时限：6月底前": the comma before a clause cut off goes with it
                title = title.rstrip(" ,，;；")
        return title.strip().rstrip("。")

    def outside(self, node: Node, passage: Passage) -> list[Passage]:
        """Return the pieces of ``passage`` outside the node's responsibility clauses."""
        held = self.resp.get(id(node))
        if held is None:
            return [passage]
        pieces: list[Passage] = []
        start = passage.start
        for span in sorted(held[1], key=lambda s: s.start):
            if span.line is not passage.line or span.end <= start:
                continue
            if span.start > start:
                pieces.append(Passage(passage.line, start, min(span.start, passage.end)))
            start = max(start, span.end)
        if start < passage.end:
            pieces.append(Passage(passage.line, start, passage.end))
        return [p for p in pieces if p.end > p.start]

    def _task_of(self, draft: Draft) -> int | None:
        value = draft.fields.get("task")
        return value if isinstance(value, int) else None
