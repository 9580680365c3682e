"""What the parser tells about its work: notes with lines and columns, clauses, item locations."""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, NamedTuple

import attrs

from xiaojie._privacy import scrub
from xiaojie.parsing._clauses import Duty


if TYPE_CHECKING:
    from xiaojie.model import Plan


__all__ = ["Heading", "Location", "NoteKind", "ParseNote", "ParseReport", "ParseResult"]


class NoteKind(enum.StrEnum):
    """What a note of the parse report is about."""

    NEW_UNIT = "new_unit"
    """A responsible unit the registry did not know was added as a new unit."""
    UNATTACHED_DATE = "unattached_date"
    """A time phrase that no milestone, target, obligation or limit took."""
    UNATTACHED_NUMBER = "unattached_number"
    """A number that is not part of a target, time phrase or quotation."""
    UNATTACHED_UNIT = "unattached_unit"
    """A known unit named in a sentence none of whose items it owns."""
    BAD_DATE = "bad_date"
    """A phrase shaped like a date that names an impossible one (2月30日)."""
    UNDATED_IN_PHASE = "undated_in_phase"
    """A sentence of a phase with no date that states no deliverable: not made a milestone."""
    IGNORED_LINE = "ignored_line"
    """A line of web-page residue (navigation, 附件下载, 扫一扫 …)."""
    RENUMBERED = "renumbered"
    """Task numbers did not run strictly upwards; tasks were numbered in document order."""
    MULTIPLE_LEADS = "multiple_leads"
    """A clause named several lead units; the first is the lead, the others co-responsible."""
    REPEATED_OWNER = "repeated_owner"
    """A responsibility list named one unit twice; it is kept once."""
    FOLDED = "folded"
    """A task restates a main-goal target; the two are one indicator, linked to the task."""
    SKIPPED = "skipped"
    """Something shaped like an item that could not be built (the note says why)."""
    OVERLAY = "overlay"
    """An overlay entry that matched nothing, or could not be applied."""
    NO_TASKS = "no_tasks"
    """No numbered item with a responsibility clause was found."""
    DEFAULTED = "defaulted"
    """A header field was missing and a default was used (the title)."""
    GUESSED_LEAD = "guessed_lead"
    """A clause did not say who leads; the first listed unit was taken as the lead."""
    UNSPLIT = "unsplit"
    """Part of a responsibility clause was not a body's name; it was kept as text."""
    CONVERTED = "converted"
    """The text was in traditional script and was converted to simplified with OpenCC."""
    TABLE_GUESS = "table_guess"
    """A table given one cell a line was read by guessing where a cell belongs (merged cells)."""
    BEFORE_REFERENCE = "before_reference"
    """A milestone due before the reference date (1月 in a plan issued in November is that
    year's January: a phrase without a year takes the reference's year)."""

    @property
    def severity(self) -> str:
        """``"info"`` for notes that need no action, else ``"warning"``."""
        quiet = {
            NoteKind.IGNORED_LINE,
            NoteKind.FOLDED,
            NoteKind.RENUMBERED,
            NoteKind.UNDATED_IN_PHASE,
        }
        return "info" if self in quiet else "warning"


@attrs.frozen(kw_only=True)
class ParseNote:
    """One thing the parser wants a reader to know, with where it is in the source.

    Parameters
    ----------
    kind
        What the note is about.
    line, column
        Where (1-based, in the text as given).
    message
        What happened, in words.
    sentence
        The sentence (or line) the note is about.
    phrase
        The phrase concerned (a date, number or unit name), when there is one.
    """

    kind: NoteKind = attrs.field(converter=NoteKind)
    line: int
    column: int
    message: str
    sentence: str = ""
    phrase: str = ""

    @property
    def severity(self) -> str:
        """``"info"`` or ``"warning"`` (see :class:`NoteKind`)."""
        return self.kind.severity

    def __str__(self) -> str:
        """Return the note in words, personal data masked (:func:`~xiaojie._privacy.scrub`)."""
        where = f"line {self.line}, column {self.column}"
        quote = f" — {self.sentence}" if self.sentence and self.sentence != self.phrase else ""
        return scrub(f"{where}: {self.severity}: {self.message}{quote}")


@attrs.frozen
class Location:
    """Where an item of the plan comes from: line, column and the clause id of its heading."""

    line: int
    column: int
    clause: str


@attrs.frozen
class Heading:
    """A heading of the source with its stable clause id (``2.2.4`` is item 4 of (二) of 二)."""

    clause: str
    level: int
    line: int
    text: str


@attrs.frozen(kw_only=True)
class ParseReport:
    """Everything the parser noticed while reading a plan.

    Parameters
    ----------
    source
        The name of the input (a file name or ``<text>``).
    reference
        The reference date used for phrases without a year.
    notes
        Every note, in source order.
    headings
        Every heading with its clause id.
    locations
        ``(item id, location)`` for every task, phase, milestone, obligation, indicator and
        limit of the plan.
    duties
        ``(task number, duty)`` for every task: its clause read into roles.
    original
        The text as given when it was in traditional script and was converted to simplified
        (line for line, so a note's line points into it too); empty otherwise.
    """

    source: str
    reference: dt.date
    notes: tuple[ParseNote, ...] = ()
    headings: tuple[Heading, ...] = ()
    locations: tuple[tuple[str, Location], ...] = ()
    duties: tuple[tuple[int, Duty], ...] = ()
    original: str = attrs.field(default="", repr=False)

    def duty(self, task: int) -> Duty | None:
        """Return the clause of task ``task`` as read (lead, support, implement, persons, deadline).

        The roles and persons are on the plan's task too: each
        :attr:`~xiaojie.model.Responsibility.role` (lead, co-responsible, support, implement),
        :attr:`~xiaojie.model.Task.supporting`, :attr:`~xiaojie.model.Task.implementing` and
        :attr:`~xiaojie.model.Task.persons`; the
        duty also keeps the clause's deadline as written, whether its lead was guessed, and the
        fragments that were not bodies.
        """
        return next((d for number, d in self.duties if number == task), None)

    @property
    def warnings(self) -> tuple[ParseNote, ...]:
        """The notes that are warnings.

        Examples
        --------
        >>> note = ParseNote(kind="ignored_line", line=51, column=1, message="residue")
        >>> report = ParseReport(source="<text>", reference=dt.date(2025, 6, 18), notes=(note,))
        >>> report.warnings, [n.line for n in report.of_kind("ignored_line")]
        ((), [51])
        """
        return tuple(n for n in self.notes if n.severity == "warning")

    @property
    def unattached(self) -> tuple[ParseNote, ...]:
        """The sentences with a date, number or unit that nothing took."""
        kinds = {NoteKind.UNATTACHED_DATE, NoteKind.UNATTACHED_NUMBER, NoteKind.UNATTACHED_UNIT}
        return tuple(n for n in self.notes if n.kind in kinds)

    @property
    def new_units(self) -> tuple[str, ...]:
        """The names of the units added because the registry did not know them."""
        return tuple(n.phrase for n in self.notes if n.kind is NoteKind.NEW_UNIT)

    def of_kind(self, kind: NoteKind | str) -> tuple[ParseNote, ...]:
        """Return the notes of one kind.

        Raises
        ------
        ValueError
            If ``kind`` is not a :class:`NoteKind`.

        Examples
        --------
        >>> ParseReport(source="<text>", reference=dt.date(2025, 6, 18)).of_kind("new_unit")
        ()
        """
        wanted = NoteKind(kind)
        return tuple(n for n in self.notes if n.kind is wanted)

    def where(self, item_id: str) -> Location | None:
        """Return where the item with this id comes from, or ``None``.

        Examples
        --------
        >>> report = ParseReport(
        ...     source="<text>",
        ...     reference=dt.date(2025, 6, 18),
        ...     locations=(("task-4", Location(14, 1, "2.2.4")),),
        ... )
        >>> report.where("task-4"), report.where("task-99")
        (Location(line=14, column=1, clause='2.2.4'), None)
        """
        return next((loc for key, loc in self.locations if key == item_id), None)

    def format(self, *, include_info: bool = False) -> str:
        """Return the report as text: a summary line, then one line per note.

        Parameters
        ----------
        include_info
            Also list the notes that need no action (``info``).

        Examples
        --------
        >>> note = ParseNote(
        ...     kind="unattached_number", line=31, column=174, message="number '12个' is not part of any target"
        ... )
        >>> print(ParseReport(source="plan.txt", reference=dt.date(2025, 6, 18), notes=(note,)).format())
        plan.txt: reference date 2025-06-18; 1 warning(s), 0 info
          line 31, column 174: warning: number '12个' is not part of any target
        """
        shown = [n for n in self.notes if include_info or n.severity == "warning"]
        counts = f"{len(self.warnings)} warning(s), {len(self.notes) - len(self.warnings)} info"
        lines = [f"{self.source}: reference date {self.reference}; {counts}"]
        lines.extend(f"  {note}" for note in shown)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


class ParseResult(NamedTuple):
    """A parsed plan and the report on how it was read; unpacks as ``plan, report``.

    Examples
    --------
    >>> from xiaojie.parsing import parse_plan
    >>> from xiaojie.io import bundled_source_text
    >>> plan, report = parse_plan(bundled_source_text())
    >>> len(plan.tasks), report.reference.isoformat()
    (25, '2025-06-18')
    """

    plan: Plan
    """The plan."""
    report: ParseReport
    """How it was read."""
