"""Collecting returned progress sheets (调度表) into one set of progress records.

:func:`collect` reads every ``.xlsx`` and ``.csv`` file of a folder (files whose names start
with ``.`` or ``~$`` — Excel's lock files — are skipped; another spreadsheet, a ``.xls`` or a
WPS ``.et``, is refused by name, never passed over), checks each filled row against the
plan and against the sheet the unit was sent (:func:`xiaojie.io.progress_sheets`), and returns
a :class:`Collection`: every filled row with its :class:`Verdict` and reasons. Nothing a unit
sent is dropped; only accepted records go into :attr:`Collection.progress`.

A row is **rejected** (退回) when

* its hidden 编号 is missing or names nothing of the plan;
* the unit does not answer for the item (:meth:`Plan.owners_of`);
* the item was not on the sheet sent to the unit, or it was edited out of its row (moved to
  another row, or its 事项 text changed) — judged against the record of what was sent that the
  sheet carries (hidden cell A2), so that collecting again with more progress recorded, or
  without the sheets' ``until``, gives the same verdicts;
* 完成情况 is not one of :data:`~xiaojie.io.FILL_STATES`;
* 完成时间 is not a date, is before the plan (its 发文时间) or after the 调度 date, or, on an
  obligation's row, outside that row's window (a meeting held late counts for no window) and
  its due date when that is after the window (次月5日前) or before it (遇节假日提前);
* a value is not a number, or a percentage lies outside 0–100, or a percent (``50%``, or 0.5 in
  a cell formatted ``0%``, which Excel shows as 50%) is given for a target counted in another
  unit (户, 人, 分 …): neither 0.5 nor 50 is sure to be the count (zero is zero either way);
* something needed is missing (a date for 已完成 or for a value, a value for an indicator
  marked 已完成, a benchmark for a relative target).
* the item is filled on several rows of the sheet with different answers (every such row), or
  the same answer of the unit stands in more than one file (the sheet returned twice, or as
  ``.xlsx`` and ``.csv``: compared as read, all but the first by file name and row).

Two answers of one unit for one item in different files (a corrected sheet sent besides the
first) are in **conflict**, whichever came first. Sub-folders of the folder are not read; they
are named in :attr:`Collection.notes`. So is a sheet whose file name, or whose 填报单位, names
another unit than its 单位编号 (another unit filled it in, or sent it under another's name): its
rows are kept, judged as the 单位编号's, as the sheet was made for.

Rows that pass become records: a milestone or a standing duty (``task-N``) marked 已完成 a
:class:`~xiaojie.progress.Completion`, an obligation's window an
:class:`~xiaojie.progress.Occurrence`, an indicator's value a
:class:`~xiaojie.progress.Measurement`. Rows that only say 正在推进/未启动 or give a remark are
**noted** (记录在案) without a record. When units report **different completion dates for one
shared item**, or different values of one target on one day — or one differs from the progress
recorded before (``prior``) — none of them is chosen: every one of those rows is marked a
**conflict** (冲突) and left out of the progress until the office decides.

A sheet that cannot be read as one of this plan and date is refused by name, as is a unit's
sheet whose 区划代码 is not the place of the sheet sent.

:func:`write_collection` writes all rows with their verdicts (CSV or XLSX) and the source file
and row of each; :func:`read_collection` reads them back with the verdicts the office settled,
and :func:`keep_settled` carries those into a new collection before it is written over them.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._files import atomic_write
from xiaojie._privacy import mask_quoted, mask_remark, scrub_cell
from xiaojie.dates import as_date
from xiaojie.errors import ProgressError, SheetError, UnknownItemError
from xiaojie.io._progressfile import _parse_date, _parse_number, _percent_shown, percent_misfit
from xiaojie.io._sheets import (
    FILL_STATES,
    HEADER_ROW,
    SPREADSHEET_SUFFIXES,
    ProgressSheet,
    ReturnedRow,
    ReturnedSheet,
    _sheet_row,
    answer_of,
    cell_text,
    read_grid,
    read_returned,
)
from xiaojie.io._tabular import append_row, csv_bytes, new_workbook, workbook_bytes
from xiaojie.io._xlsx import Percent
from xiaojie.model import Indicator, Milestone, Obligation, normalize_name
from xiaojie.progress import (
    Completion,
    Measurement,
    Occurrence,
    Progress,
    Record,
)
from xiaojie.tracking import EntryKind, status


if TYPE_CHECKING:
    from collections.abc import Iterable

    from xiaojie.io._sheets import SheetRow
    from xiaojie.model import Plan
    from xiaojie.tracking import Entry


__all__ = ["Collected", "Collection", "Verdict", "collect", "read_collection", "write_collection"]

_TASK_RE = re.compile(r"^task-([0-9]+)$")
_DONE = FILL_STATES[0]


class Verdict(enum.StrEnum):
    """What became of a filled row: accepted, rejected, in conflict, or noted without a record."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    NOTED = "noted"

    @property
    def label(self) -> str:
        """The Chinese word: 采纳, 退回, 冲突 or 记录在案."""
        return {
            Verdict.ACCEPTED: "采纳",
            Verdict.REJECTED: "退回",
            Verdict.CONFLICT: "冲突",
            Verdict.NOTED: "记录在案",
        }[self]


def _remark(value: str) -> str:
    """Return a typed remark with what it tells of a person masked (see ``mask_remark``)."""
    return mask_remark(value) if isinstance(value, str) else value


def _cell(value: str) -> str:
    """Return a filled cell (a word, a date or a number, if as asked) masked as quoted."""
    return mask_quoted(value) if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class Collected:
    """One filled row of a returned sheet and what became of it.

    Parameters
    ----------
    source
        The file it came from.
    line
        Its sheet row (XLSX) or line (CSV).
    unit
        The id of the unit that sent it.
    key
        The hidden 编号 (an entry key of the plan's status), as found.
    title
        The 事项 text, as found.
    state, done_on, value, benchmark, note
        The filled cells, as text, with what they tell of a person masked: the note (说明) as
        a progress record's note is, the other cells and the title (which should hold a word,
        a date or a number) and the reasons quoting them with illness words masked too.
    record
        The progress record the row makes, if it makes one (rejected rows keep theirs when it
        could be built, so that nothing is lost).
    verdict
        Accepted, rejected, in conflict or noted.
    reasons
        Why it was rejected or is in conflict.
    place
        The division code of the place the sheet came from (a cascaded plan's sheet or a
        place's own sheet); empty for the region's own units. For a place's own sheet
        ``unit`` holds the code too.
    """

    source: str
    line: int
    unit: str
    key: str = attrs.field(converter=_cell)
    title: str = attrs.field(converter=_remark)
    state: str = attrs.field(default="", converter=_cell)
    done_on: str = attrs.field(default="", converter=_cell)
    value: str = attrs.field(default="", converter=_cell)
    benchmark: str = attrs.field(default="", converter=_cell)
    note: str = attrs.field(default="", converter=_remark)
    record: Record | None = None
    verdict: Verdict = Verdict.ACCEPTED
    reasons: tuple[str, ...] = ()
    place: str = ""

    @property
    def where(self) -> str:
        """``<file> row <line>``."""
        return f"{self.source} row {self.line}"


@attrs.frozen(kw_only=True)
class Collection:
    """Every filled row of the returned sheets with its verdict.

    Parameters
    ----------
    as_of
        The 调度 date.
    rows
        Every filled row, by file then row.
    sent
        The ids of the units that were sent a sheet.
    returned
        The ids of the units whose sheet came back with at least one filled row.
    notes
        What the office should know beyond the rows, one sentence each: a sub-folder of the
        folder, not read (its sheets are collected only when given themselves, or a folder of
        its own); a sheet whose file name or 填报单位 (填报地区) names another unit (place) than
        its 单位编号 (区划代码), whose rows are judged as the 单位编号's.
    """

    as_of: dt.date
    rows: tuple[Collected, ...]
    sent: tuple[str, ...] = ()
    returned: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def with_verdict(self, verdict: Verdict) -> tuple[Collected, ...]:
        """Return the rows with this verdict, in order."""
        return tuple(r for r in self.rows if r.verdict is verdict)

    @property
    def progress(self) -> Progress:
        """The accepted records, each remembering its file and row in ``where``."""
        return Progress(
            attrs.evolve(r.record, where=r.where)
            for r in self.rows
            if r.verdict is Verdict.ACCEPTED and r.record is not None
        )

    @property
    def conflicts(self) -> dict[str, tuple[Collected, ...]]:
        """The rows in conflict, by the item (or target and day) they disagree on."""
        found: dict[str, list[Collected]] = {}
        for row in self.with_verdict(Verdict.CONFLICT):
            found.setdefault(_conflict_key(row.record) if row.record else row.key, []).append(row)
        return {key: tuple(rows) for key, rows in found.items()}

    def by_place(self) -> dict[str, Progress]:
        """Return the accepted records by the division code of the place that sent them.

        Rows from sheets without a place are left out. The result is what
        :func:`xiaojie.rollup.rollup` takes.
        """
        found: dict[str, list[Record]] = {}
        for row in self.rows:
            if row.place and row.verdict is Verdict.ACCEPTED and row.record is not None:
                found.setdefault(row.place, []).append(attrs.evolve(row.record, where=row.where))
        return {code: Progress(records) for code, records in found.items()}

    @property
    def missing(self) -> tuple[str, ...]:
        """The ids of units that were sent a sheet but sent nothing back filled in."""
        back = set(self.returned)
        return tuple(u for u in self.sent if u not in back)


def _conflict_key(record: Record) -> str:
    if isinstance(record, Measurement):
        return f"{record.item}@{record.on.isoformat()}"
    return record.item


def _item_of(plan: Plan, key: str) -> tuple[str, Any] | None:
    """Return (item id, the item or task) that an entry key refers to, or ``None``."""
    item_id = key.partition("@")[0].partition("#")[0]
    match = _TASK_RE.match(item_id)
    if match is not None:
        try:
            return item_id, plan.task(int(match.group(1)))
        except UnknownItemError:
            return None
    try:
        return item_id, plan.item(item_id)
    except UnknownItemError:
        return None


def _number_words(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


class _Checker:
    def __init__(self, plan: Plan, as_of: dt.date, sent: dict[str, ProgressSheet]) -> None:
        self.plan = plan
        self.as_of = as_of
        self.start = plan.date
        self.sent = sent
        self._entries: dict[str, Entry] | None = None

    @property
    def entries(self) -> dict[str, Entry]:
        """Every status entry of the plan by key (titles, windows: they do not depend on progress)."""
        if self._entries is None:
            self._entries = {e.key: e for e in status(self.plan, as_of=self.as_of)}
        return self._entries

    def recorded(self, sheet: ReturnedSheet) -> ProgressSheet | None:
        """Return the sheet as sent, rebuilt from the record it carries, or ``None`` if none.

        Raises
        ------
        SheetError
            If the record names an entry the plan does not have.
        """
        if sheet.sent_keys is None:
            return None
        sender = sheet.unit_id or sheet.place
        unknown = [k for k in sheet.sent_keys if k not in self.entries]
        if unknown:
            names = ", ".join(repr(k) for k in unknown[:5])
            msg = (
                f"{sheet.source} cell A2: expected the 编号 of entries of plan {self.plan.id!r} "
                f"in the record of what was sent, found {names}: was the sheet made from "
                "another version of the plan?"
            )
            raise SheetError(msg)
        rows = tuple(_sheet_row(self.plan, self.entries[k]) for k in sheet.sent_keys)
        given = self.sent.get(sender)
        until = sheet.sent_until or sheet.as_of
        if given is not None:
            return attrs.evolve(given, rows=rows, until=until, as_of=sheet.as_of)
        return ProgressSheet(
            plan_id=self.plan.id,
            unit=self.plan.units.by_id(sheet.unit_id),
            as_of=sheet.as_of,
            until=until,
            rows=rows,
            place=sheet.place,
        )

    def row(
        self, sheet: ReturnedSheet, row: ReturnedRow, sent: ProgressSheet | None = None
    ) -> Collected:
        reasons: list[str] = []
        found = _item_of(self.plan, row.key) if row.key else None
        sender = sheet.unit_id or sheet.place
        sent_sheet = sent if sent is not None else self.sent.get(sender)
        sent_row: SheetRow | None = None
        by_place = sent_sheet is not None and sent_sheet.by_place
        if not row.key:
            reasons.append("编号 is empty: the row was added or its hidden id was deleted")
        elif found is None:
            reasons.append(f"编号 {mask_quoted(row.key)!r} names no item of the plan")
        else:
            owners = self.plan.owners_of(found[1])
            if not by_place and all(o.id != sheet.unit_id for o in owners):
                names = "、".join(o.name for o in owners) or "no unit"
                reasons.append(
                    f"{sheet.unit_name or sheet.unit_id} does not answer for {found[0]!r} "
                    f"(its units: {names})"
                )
            elif sent_sheet is None or sent_sheet.row_of(row.key) is None:
                reasons.append(f"{mask_quoted(row.key)!r} was not on the sheet sent to this unit")
            else:
                sent_line = sent_sheet.row_of(row.key) or 0
                sent_row = next(r for r in sent_sheet.rows if r.key == row.key)
                # rows inserted above the header move every row down alike
                shift = sheet.header_line - HEADER_ROW
                if sent_line + shift != row.line:
                    moved = (
                        f" (row {sent_line + shift} below the header on row {sheet.header_line})"
                        if shift
                        else ""
                    )
                    reasons.append(
                        f"{row.key!r} was sent on row {sent_line}{moved}, found on row "
                        f"{row.line}: the item was edited out of its row"
                    )
                elif row.title != _as_read(sent_row.title):
                    # the returned cell is read NFKC-normalised (（含监管） as (含监管)): the
                    # title sent is compared as it would read back
                    reasons.append(
                        f"事项 was changed from {sent_row.title!r} to {mask_quoted(row.title)!r}: "
                        "the item was edited out of its row"
                    )
        if row.state and row.state not in FILL_STATES:
            reasons.append(
                f"完成情况: expected one of {'、'.join(FILL_STATES)}, "
                f"found {mask_quoted(row.state)!r}"
            )
        on = self._date(row.done_on, reasons)
        value = self._number(row.value, "数值", reasons)
        bench = self._number(row.benchmark, "基准值", reasons)
        if (
            value is not None
            and sent_row is not None
            and sent_row.percent
            and not 0 <= value <= 100
        ):
            shown = _percent_shown(row.value) if isinstance(row.value, Percent) else None
            reasons.append(
                f"数值: expected a percentage between 0 and 100, found {_number_words(value)}"
                + (f", shown as {shown}" if shown else "")
            )
        if found is not None and isinstance(found[1], Indicator):
            for name, cell, number in (
                ("数值", row.value, value),
                ("基准值", row.benchmark, bench),
            ):
                misfit = percent_misfit(cell, number, self.plan, row.key)
                if misfit is not None:
                    reasons.append(f"{name}: {mask_quoted(misfit)}")  # it quotes the cell
        record = self._record(row, found, sent_row, on, value, bench, reasons)
        if reasons:
            verdict = Verdict.REJECTED
        elif record is None:
            verdict = Verdict.NOTED
        else:
            verdict = Verdict.ACCEPTED
        return Collected(
            source=sheet.source,
            line=row.line,
            place=sheet.place,
            unit=sender,
            key=row.key,
            title=row.title,
            state=row.state,
            done_on=cell_text(row.done_on),
            value=cell_text(row.value),
            benchmark=cell_text(row.benchmark),
            note=row.note,
            record=record,
            verdict=verdict,
            reasons=tuple(reasons),
        )

    def _date(self, cell: object, reasons: list[str]) -> dt.date | None:
        if cell_text(cell) == "":
            return None
        if isinstance(cell, float | int) and not isinstance(cell, bool):
            reasons.append(f"完成时间: expected a date YYYY-MM-DD, found the number {cell!r}")
            return None
        day, problem = _parse_date(cell)
        if problem is not None or day is None:
            reasons.append(f"完成时间: {mask_quoted(str(problem))}")  # it quotes the cell
            return None
        if day < self.start:
            reasons.append(
                f"完成时间: expected a day on or after the plan's date {self.start.isoformat()}, "
                f"found {day.isoformat()}"
            )
        elif day > self.as_of:
            reasons.append(
                f"完成时间: expected a day on or before the 调度 date {self.as_of.isoformat()}, "
                f"found {day.isoformat()}"
            )
        return day

    @staticmethod
    def _number(cell: object, name: str, reasons: list[str]) -> float | None:
        if cell_text(cell) == "":
            return None
        number, problem = _parse_number(cell)
        if problem is not None:
            reasons.append(f"{name}: {mask_quoted(problem)}")  # it quotes the cell
            return None
        masked = scrub_cell(number)
        if masked != number:
            # 640324199001011234 or 13912345678 typed in 数值: no figure of the item, and a
            # progress file writes figures as they are
            reasons.append(
                f"{name}: expected the item's figure, found {masked}, shaped like an identity "
                "or mobile number (a sum this large is written in 万元 or 亿元)"
            )
            return None
        return number

    def _record(  # noqa: PLR0917 - the parts of one row, read once
        self,
        row: ReturnedRow,
        found: tuple[str, Any] | None,
        sent_row: SheetRow | None,
        on: dt.date | None,
        value: float | None,
        bench: float | None,
        reasons: list[str],
    ) -> Record | None:
        if found is None:
            return None
        item_id, item = found
        kind = sent_row.kind if sent_row is not None else None
        try:
            if isinstance(item, Indicator) or kind is EntryKind.TARGET:
                if value is None:
                    if row.state == _DONE:
                        reasons.append("数值: an indicator marked 已完成 needs its value")
                    return None
                if on is None:
                    if cell_text(row.done_on) == "":
                        reasons.append("完成时间: a value needs the date it refers to")
                    return None
                if sent_row is not None and sent_row.relative and bench is None:
                    reasons.append("基准值: a target relative to a benchmark needs its value")
                ref = item_id
                if isinstance(item, Indicator) and len({t.benchmark for t in item.targets}) > 1:
                    ref = row.key
                return Measurement(ref, on, value, bench, note=row.note)
            if row.state != _DONE:
                if not row.state and on is not None:
                    # a day the item was done on, 完成情况 left empty: not dropped unsaid
                    reasons.append(
                        f"完成情况: expected 已完成 beside the 完成时间 {on.isoformat()}, found "
                        "nothing: mark the item 已完成 if it was done that day"
                    )
                return None
            if on is None:
                if cell_text(row.done_on) == "":
                    reasons.append("完成时间: an item marked 已完成 needs the day it was done")
                return None
            note = _with_figure(row.note, cell_text(row.value))
            if isinstance(item, Obligation):
                self._in_window(row.key, on, reasons)
                # reported on a window's row: it counts for that window, not the one its day
                # might give (a July report sent on 3 July under 次月5日前 is not June's)
                ref = row.key if "@" in row.key else item_id
                return Occurrence(ref, on, note=note)
            if isinstance(item, Milestone) or _TASK_RE.match(item_id):
                return Completion(item_id, on, note=note)
        except ProgressError as err:
            reasons.append(str(err))
        return None

    def _in_window(self, key: str, on: dt.date, reasons: list[str]) -> None:
        """Add a reason if ``on`` is outside the window of the obligation's row ``key``.

        A day before the plan or after the 调度 date has its reason already.
        """
        entry = self.entries.get(key)
        window = entry.window if entry is not None else None
        if window is None or window.start is None or window.end is None:
            return
        if not self.start <= on <= self.as_of:
            return
        # a window due after its end (次月5日前, a due date moved past a holiday) or before its
        # start (遇节假日提前) takes occurrences up to (from) its due date too
        due = entry.due if entry is not None and entry.due is not None else window.end
        low, high = min(window.start, due), max(window.end, due)
        if not low <= on <= high:
            reasons.append(
                f"完成时间: expected a day in the window {window.start.isoformat()}.."
                f"{window.end.isoformat()} of this row"
                + (f" or up to its due date {due.isoformat()}" if due > window.end else "")
                + (f" or from its due date {due.isoformat()}" if due < window.start else "")
                + f", found {on.isoformat()}: an occurrence counts for the window it falls in, "
                "reported on that window's row"
            )


def _as_read(text: str) -> str:
    """Return a cell's text as a returned sheet's reader gives it (NFKC, blanks stripped)."""
    return unicodedata.normalize("NFKC", text).strip()


def _with_figure(note: str, value: str) -> str:
    """Return ``note`` with a 数值 given on an item that takes none ("培训1200人" as 1200).

    ``value`` is the cell's text as the collection writes it (:attr:`Collected.value`), so
    that the reviewed file read back gives the same note.

    >>> _with_figure("按期完成", "1200"), _with_figure("", "1200"), _with_figure("x", "")
    ('按期完成；数值：1200', '数值：1200', 'x')
    """
    if not value:
        return note
    return f"{note}；数值：{value}" if note else f"数值：{value}"


def _answer(row: Collected) -> tuple[object, ...]:
    """Return what a row answers, its cells parsed (58 and '58.0', a date cell and 2025/7/31 alike)."""
    return answer_of(row.state, row.done_on, row.value, row.benchmark, row.note)


def _order(row: Collected) -> tuple[str, int]:
    return (row.source, row.line)


def _mark_repeats(rows: list[Collected]) -> list[Collected]:
    """Mark the rows that repeat an item: none of them is chosen by the order of the files.

    * An item filled on several rows of one sheet with different answers (a row copied and
      filled again): every one of them is rejected.
    * One unit's answer for an item that stands (accepted, or noted) in more than one place —
      the same sheet returned twice, under two names or as ``.xlsx`` and ``.csv``: if the
      answers are the same once read (``58`` and ``58.0``, a date cell and ``2025/7/31``), the
      first of them by file name and row is kept and the others are rejected as repeats; if
      they differ (a corrected sheet sent besides the first), all are in conflict, for the
      office to decide. Rows rejected for reasons of their own do not count.
    """
    rows = list(rows)
    by_sheet: dict[tuple[str, str], list[int]] = {}
    for index, row in enumerate(rows):
        if row.key:
            by_sheet.setdefault((row.source, row.key), []).append(index)
    for (_, key), members in by_sheet.items():
        if len({_answer(rows[i]) for i in members}) < 2:
            continue
        lines = "、".join(str(rows[i].line) for i in sorted(members, key=lambda i: rows[i].line))
        reason = (
            f"{mask_quoted(key)!r} is filled on rows {lines} of this sheet with different "
            "answers: expected each item once, on the row it was sent on"
        )
        for i in members:
            rows[i] = attrs.evolve(
                rows[i], verdict=Verdict.REJECTED, reasons=(*rows[i].reasons, reason)
            )
    standing: dict[tuple[str, str, str], list[int]] = {}
    for index, row in enumerate(rows):
        if row.key and row.verdict in {Verdict.ACCEPTED, Verdict.NOTED}:
            standing.setdefault((row.unit, row.place, row.key), []).append(index)
    for (unit, _, key), members in standing.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: _order(rows[i]))
        kept = rows[members[0]]
        if len({_answer(rows[i]) for i in members}) == 1:
            reason = (
                f"the same answer as {kept.where}: the unit's sheet came back more than once, "
                "and the answer is kept once"
            )
            for i in members[1:]:
                rows[i] = attrs.evolve(
                    rows[i], verdict=Verdict.REJECTED, reasons=(*rows[i].reasons, reason)
                )
            continue
        answers = "、".join(f"{_answer_words(rows[i])} ({rows[i].where})" for i in members)
        reason = (
            f"{mask_quoted(key)}: different answers from {unit} in more than one file: {answers}"
        )
        for i in members:
            rows[i] = attrs.evolve(rows[i], verdict=Verdict.CONFLICT, reasons=(reason,))
    return rows


def _answer_words(row: Collected) -> str:
    """Return a row's answer in words: its filled cells, as typed (masked), joined by ' / '."""
    cells = (row.state, row.done_on, row.value, row.benchmark, row.note)
    return " / ".join(cell for cell in cells if cell) or "empty"


def _mark_conflicts(rows: list[Collected], *, prior: Progress | None = None) -> list[Collected]:
    """Mark the accepted rows that disagree with each other, or with ``prior``, as conflicts."""
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        if row.verdict is not Verdict.ACCEPTED or row.record is None:
            continue
        if isinstance(row.record, Completion | Measurement):
            place = f"{row.place}:" if row.place else ""
            groups.setdefault(place + _conflict_key(row.record), []).append(index)
    for key, members in groups.items():
        records = [rows[i].record for i in members]
        distinct: set[object]
        if isinstance(records[0], Measurement):
            distinct = {(r.value, r.benchmark) for r in records if isinstance(r, Measurement)}
            what = "values"
        else:
            distinct = {r.on for r in records if r is not None}
            what = "completion dates"
        if len(distinct) < 2:
            continue
        others = "、".join(
            f"{rows[i].unit} {_record_words(rows[i].record)} ({rows[i].where})" for i in members
        )
        for i in members:
            rows[i] = attrs.evolve(
                rows[i],
                verdict=Verdict.CONFLICT,
                reasons=(f"{key}: different {what} reported: {others}",),
            )
    if prior:
        for index, row in enumerate(rows):
            reason = _prior_conflict(row, prior)
            if reason is not None:
                rows[index] = attrs.evolve(row, verdict=Verdict.CONFLICT, reasons=(reason,))
    return rows


def _prior_conflict(row: Collected, prior: Progress) -> str | None:
    """Say how an accepted row disagrees with the progress recorded before, if it does.

    A place's own figures (a :func:`place_sheets` sheet) are not the plan's progress and are
    not compared.
    """
    record = row.record
    if row.verdict is not Verdict.ACCEPTED or (row.place and row.unit == row.place):
        return None
    others: list[Record]
    if isinstance(record, Measurement):
        what = "values"
        others = [
            p
            for p in prior
            if isinstance(p, Measurement)
            and p.indicator == record.indicator
            and p.on == record.on
            and (None in {p.target, record.target} or p.target == record.target)
            and (p.value, p.benchmark) != (record.value, record.benchmark)
        ]
    elif isinstance(record, Completion):
        what = "completion dates"
        done: list[Record] = [
            p for p in prior if isinstance(p, Completion) and p.item == record.item
        ]
        others = [] if any(p.on == record.on for p in done) else done
    else:
        return None
    if not others:
        return None
    before = "、".join(
        f"{_record_words(p)} in the progress so far" + (f" ({p.where})" if p.where else "")
        for p in others
    )
    return (
        f"{_conflict_key(record)}: different {what} reported: "
        f"{row.unit} {_record_words(record)} ({row.where}), {before}"
    )


def _record_words(record: Record | None) -> str:
    if isinstance(record, Measurement):
        return f"{_number_words(record.value)} on {record.on.isoformat()}"
    return record.on.isoformat() if record is not None else ""


def _code_words(code: str) -> str:
    return repr(code) if code else "none"


def _files(folder: Path) -> tuple[list[Path], list[str]]:
    """Return the sheets of a folder to read, and a note for each sub-folder, which is not read.

    A sub-folder may hold last month's sheets or the files already dealt with; reading it
    would take them for this month's, so it is named in the notes instead.
    """
    if not folder.is_dir():
        msg = f"{folder}: expected a folder of returned sheets, found {'a file' if folder.exists() else 'nothing'}"
        raise SheetError(msg)
    # a spreadsheet that cannot be read is named, never passed over
    read = {".xlsx", ".csv", *SPREADSHEET_SUFFIXES}
    entries = sorted(p for p in folder.iterdir() if not p.name.startswith((".", "~$")))
    notes = [
        f"{p}: a sub-folder, not read: give its sheets to collect themselves, or move them "
        f"into {folder}, if they are this 调度's"
        for p in entries
        if p.is_dir()
    ]
    return [p for p in entries if p.is_file() and p.suffix.lower() in read], notes


def _spellings(sheet: ProgressSheet) -> tuple[str, ...]:
    """Return how a file name may name the sender of ``sheet``: its name as the file is named."""
    code = f"{sheet.place}-" if sheet.place else ""
    prefix = f"调度表-{sheet.as_of.isoformat()}-{code}"
    name = sheet.file_name.removeprefix(prefix).removesuffix(".xlsx")
    spellings = (name, name.removesuffix(f"-{sheet.unit.id}"))
    return (*spellings, sheet.place_name, sheet.place) if sheet.by_place else spellings


def _named_senders(path: Path, plan: Plan, sent: dict[str, ProgressSheet]) -> list[str]:
    """Return the ids of the senders the name of ``path`` names, in the plan's order.

    A sender is named when its name, an alias or its name as its sheet's file is named is in
    the file's name; of names within one another only the longest counts (a file of
    自治区党委农村工作领导小组办公室 does not name 自治区党委).
    """
    stem = normalize_name(path.stem)
    spelled: dict[str, set[str]] = {o.id: set(o.names) for o in plan.units}
    for sender, sheet in sent.items():
        spelled.setdefault(sender, set()).update(_spellings(sheet))
    found: dict[str, str] = {}
    for sender, names in spelled.items():
        hits = [n for n in map(normalize_name, names) if len(n) > 1 and n in stem]
        if hits:
            found[sender] = max(hits, key=len)
    return [
        sender
        for sender, hit in found.items()
        if not any(hit != other and hit in other for other in found.values())
    ]


def _sender_name(plan: Plan, sender: str, sent: dict[str, ProgressSheet]) -> str:
    """Return the name of a unit, or of the place a sheet was sent to by its division code."""
    given = sent.get(sender)
    if given is not None:
        return given.place_name or given.unit.name if given.by_place else given.unit.name
    return plan.units.by_id(sender).name


def _sender_note(
    path: Path, sheet: ReturnedSheet, plan: Plan, sent: dict[str, ProgressSheet]
) -> str | None:
    """Say how the file name or 填报单位 of a sheet names another sender than its unit line.

    The rows are judged as the sender's that the unit line's id (单位编号, or a place's
    区划代码) names, as the sheet was made for; the note tells the office that another unit
    may have filled it in, or sent it under another's name.
    """
    sender = sheet.unit_id or sheet.place
    given = sent.get(sender)
    if sheet.unit_id:
        owner = plan.units.by_id(sheet.unit_id)
        name, names, key = owner.name, set(owner.names), "单位编号"
    else:
        name = given.place_name if given is not None else ""
        names, key = {name} - {""}, "区划代码"
    if given is not None:
        names.update(_spellings(given))
    differs: list[str] = []
    named = _named_senders(path, plan, sent)
    if named and sender not in named:
        words = "、".join(f"{_sender_name(plan, other, sent)} ({other})" for other in named)
        differs.append(f"its file name names {words}")
    typed = normalize_name(sheet.unit_name)
    if typed and names and typed not in {normalize_name(n) for n in names}:
        field = "填报单位" if sheet.unit_id else "填报地区"
        # the cell may hold more than a name (a person's, a phone number)
        differs.append(f"its {field} says {mask_quoted(repr(sheet.unit_name))}")
    if not differs:
        return None
    rows = len(sheet.rows)
    who = f"{name} ({key} {sender})" if name else f"{key} {sender}"
    return (
        f"{path}: the sheet was sent to {who}, but {' and '.join(differs)}: its {rows} filled "
        f"row(s) are judged as {sender}'s, as {key} says; ask which unit filled it in"
    )


def collect(
    plan: Plan,
    returned: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    sent: Iterable[ProgressSheet],
    as_of: dt.date,
    prior: Progress | None = None,
) -> Collection:
    """Read and check every returned sheet; return every filled row with its verdict.

    Each sheet is judged against the sheet as it was sent: the record of its rows that
    :func:`sheet_xlsx` writes into it (hidden cell A2), or, for a sheet without one, the sheet
    of its unit in ``sent``. So collecting again later, with more progress recorded, gives the
    same verdicts for the same rows.

    Parameters
    ----------
    plan
        The plan the sheets were made from.
    returned
        A folder of returned sheets (``.xlsx`` and ``.csv``), or the files themselves.
    sent
        The sheets sent (:func:`progress_sheets` of the status they were made from): who was
        sent one, and what rows of a sheet without a record of its own are checked against.
    as_of
        The 调度 date; every returned sheet must be of this date.
    prior
        The progress recorded before; a row giving another value of a target on a day it
        records, or another completion date of an item it records done, is in conflict.

    Returns
    -------
    Collection
        Every filled row with its verdict; ``notes`` names the sub-folders not read and the
        sheets whose file name or 填报单位 names another unit than their 单位编号.

    Raises
    ------
    SheetError
        Listing every file that cannot be read as a progress sheet of this plan and date, with
        the file (and line) and what was expected: also a unit's sheet whose 区划代码 is not
        the place of the sheet sent, and a record of what was sent that names no entry of the
        plan.

    Examples
    --------
    >>> import datetime as dt, pathlib, tempfile
    >>> from xiaojie import load_plan
    >>> from xiaojie.io import progress_sheets, write_sheets
    >>> from xiaojie.tracking import status
    >>> plan, day = load_plan(), dt.date(2025, 8, 1)
    >>> sheets = progress_sheets(plan, status(plan, as_of=day))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_sheets(plan, sheets, folder)
    ...     result = collect(plan, folder, sent=sheets, as_of=day)
    >>> len(result.rows), len(result.missing) == len(sheets)
    (0, True)
    """
    day = as_date(as_of, field="as_of")  # "2025-08-01" as status takes it; a datetime refused
    notes: list[str] = []
    if isinstance(returned, str | os.PathLike):
        paths, notes = _files(Path(returned))
    else:
        paths = [Path(p) for p in returned]
    sent_sheets = {s.unit.id: s for s in sent}
    places = {s.place for s in sent_sheets.values() if not s.by_place}
    checker = _Checker(plan, day, sent_sheets)
    problems: list[str] = []
    rows: list[Collected] = []
    back: set[str] = set()
    recorded: dict[str, ProgressSheet] = {}
    for path in paths:
        try:
            sheet = read_returned(path)
        except SheetError as err:
            problems.append(str(err))
            continue
        if sheet.plan_id != plan.id:
            problems.append(
                f"{path}: expected a sheet of plan {plan.id!r}, found {sheet.plan_id!r}"
            )
            continue
        if sheet.as_of != day:
            problems.append(
                f"{path}: expected a sheet of the 调度 of {day.isoformat()}, "
                f"found one of {sheet.as_of.isoformat()}"
            )
            continue
        if not sheet.unit_id:
            place_sheet = sent_sheets.get(sheet.place)
            if place_sheet is None or not place_sheet.by_place:
                problems.append(
                    f"{path}: 区划代码 {sheet.place!r} names no place that was sent a sheet"
                )
                continue
        else:
            try:
                plan.units.by_id(sheet.unit_id)
            except (KeyError, UnknownItemError):
                problems.append(f"{path}: 单位编号 {sheet.unit_id!r} names no unit of the plan")
                continue
            given = sent_sheets.get(sheet.unit_id)
            if given is not None:
                expected = given.place
            elif len(places) == 1:
                (expected,) = places
            else:
                expected = sheet.place
            if sheet.place != expected:
                problems.append(
                    f"{path}: 区划代码: expected {_code_words(expected)} (the place of the sheet "
                    f"sent to {sheet.unit_id!r}), found {_code_words(sheet.place)}"
                )
                continue
        try:
            as_sent = checker.recorded(sheet)
        except SheetError as err:
            problems.append(str(err))
            continue
        sender = sheet.unit_id or sheet.place
        note = _sender_note(path, sheet, plan, sent_sheets)
        if note is not None:
            notes.append(note)
        if as_sent is not None and sender not in sent_sheets:
            recorded.setdefault(sender, as_sent)
        if sheet.rows:
            back.add(sender)
        rows.extend(checker.row(sheet, row, as_sent) for row in sheet.rows)
    if problems:
        # the problems quote the sheets' own cells (单位编号, 截至 …), which may hold prose
        lines = [f"{len(problems)} returned sheet(s) cannot be read:", *map(mask_quoted, problems)]
        raise SheetError("\n".join(lines))
    units = (*sent_sheets, *recorded)
    return Collection(
        as_of=day,
        rows=tuple(_mark_conflicts(_mark_repeats(rows), prior=prior)),
        sent=units,
        returned=tuple(u for u in units if u in back) + tuple(sorted(back - set(units))),
        notes=tuple(notes),
    )


_MERGED_HEADER = (
    "单位编号",
    "来源文件",
    "来源行",
    "编号",
    "记录事项",
    "事项",
    "类型",
    "完成情况",
    "日期",
    "数值",
    "基准值",
    "说明",
    "结论",
    "原因",
)
_PLACE_COLUMN = "区划代码"


def _merged_rows(collection: Collection) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for row in collection.rows:
        record = row.record
        kind = record.kind.label if record is not None else ""
        rows.append(
            [
                row.unit,
                Path(row.source).name,
                row.line,
                row.key,
                record.item if record is not None else "",
                row.title,
                kind,
                row.state,
                record.on.isoformat() if record is not None else row.done_on,
                _number_words(record.value) if isinstance(record, Measurement) else row.value,
                _number_words(record.benchmark)
                if isinstance(record, Measurement) and record.benchmark is not None
                else row.benchmark,
                row.note,
                row.verdict.label,
                ";".join(row.reasons),
            ]
        )
    if any(row.place for row in collection.rows):
        for cells, collected in zip(rows, collection.rows, strict=True):
            cells.append(collected.place)
    return rows


def _merged_header(collection: Collection) -> list[str]:
    places = any(row.place for row in collection.rows)
    return [*_MERGED_HEADER, _PLACE_COLUMN] if places else list(_MERGED_HEADER)


def write_collection(collection: Collection, path: str | os.PathLike[str]) -> Path:
    """Write every collected row with its source, verdict and reasons (CSV or XLSX), atomically.

    Rows from places (:attr:`Collected.place`) add a last column 区划代码.
    CSV is UTF-8 with a byte-order mark and CRLF line ends; text that a spreadsheet would run
    as a formula is written with a leading ``'``. XLSX stores all text as text and does not
    depend on the clock.

    Raises
    ------
    SheetError
        If the suffix is neither ``.csv`` nor ``.xlsx``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    rows = _merged_rows(collection)
    if suffix == ".csv":
        return atomic_write(target, csv_bytes([_merged_header(collection), *rows]))
    if suffix == ".xlsx":
        book = new_workbook()
        sheet = book.create_sheet("汇总")
        for row in [_merged_header(collection), *rows]:
            append_row(sheet, row)
        sheet.freeze_panes = "A2"
        return atomic_write(target, workbook_bytes(book))
    msg = f"{target}: expected a .csv or .xlsx file for the collected rows, found {suffix or 'no suffix'!r}"
    raise SheetError(msg)


def _collected_cells(file: Path) -> list[tuple[int, dict[str, str]]]:
    """Return the non-empty rows of a collected file, each with its line, as text by column."""
    grid = read_grid(file, "a collected file")
    if not grid:
        msg = f"{file}: expected the header {'、'.join(_MERGED_HEADER)}, found an empty file"
        raise SheetError(msg)
    header_line, header_cells = grid[0]
    names = [str(c).strip() if c is not None else "" for c in header_cells]
    missing = [name for name in _MERGED_HEADER if name not in names]
    if missing:
        msg = f"{file} line {header_line}: expected the columns {'、'.join(missing)}, found them missing"
        raise SheetError(msg)
    position = {name: names.index(name) for name in _MERGED_HEADER}
    if _PLACE_COLUMN in names:
        position[_PLACE_COLUMN] = names.index(_PLACE_COLUMN)
    found = []
    for number, cells in grid[1:]:
        texts = {
            name: cell_text(cells[index]) if index < len(cells) else ""
            for name, index in position.items()
        }
        if any(texts.values()):
            found.append((number, texts))
    return found


def _verdict(word: str) -> Verdict | None:
    for verdict in Verdict:
        if word in {verdict.label, verdict.value}:
            return verdict
    return None


_KINDS = {"测量": "a value (数值) with its date", "完成": "its date", "开展": "its date"}


def _inferred(cells: dict[str, str], plan: Plan | None) -> tuple[str, str] | str:
    """Return (类型, 记录事项) of a row from its 编号 (and the plan), or why it cannot be told."""
    key = cells["编号"]
    if not key:
        return "编号 is empty, so the item is not known"
    if plan is not None:
        found = _item_of(plan, key)
        if found is None:
            return f"编号 {mask_quoted(key)!r} names no item of plan {plan.id!r}"
        item_id, item = found
        if isinstance(item, Indicator):
            several = len({t.benchmark for t in item.targets}) > 1
            return "测量", key if several else item_id
        return ("开展" if isinstance(item, Obligation) else "完成"), item_id
    item_id = key.partition("@")[0].partition("#")[0]
    if "#" in key:
        return "测量", item_id
    return ("开展" if "@" in key else "完成"), item_id


def _read_record(
    cells: dict[str, str],
    problems: list[str],
    where: str,
    *,
    accepted: bool = False,
    plan: Plan | None = None,
) -> Record | None:
    kind, item, day = cells["类型"], cells["记录事项"], cells["日期"]
    if not kind:
        if not accepted:
            return None
        # the office accepted a row collect could not make a record of (a date it corrected …):
        # the record's kind follows from the item
        inferred = _inferred(cells, plan)
        if isinstance(inferred, str):
            problems.append(
                f"{where}, 类型: 结论 is 采纳 but 类型 is empty and {inferred}: expected "
                "完成, 测量 or 开展, with the item in 记录事项"
            )
            return None
        kind, item = inferred
        if kind != "测量" and cells["完成情况"] != _DONE:
            problems.append(
                f"{where}, 完成情况: 结论 is 采纳, so the row must record the item done: "
                f"expected {_DONE}, found {mask_quoted(cells['完成情况'])!r}"
            )
            return None
        if not day:
            problems.append(
                f"{where}, 日期: 结论 is 采纳, so the row needs {_KINDS[kind]}, found no date"
            )
            return None
    on, problem = _parse_date(day)
    if on is None:
        problems.append(f"{where}, 日期: {problem}")
        return None
    try:
        if kind == "测量":
            value, problem = _parse_number(cells["数值"])
            if value is None:
                problems.append(f"{where}, 数值: {problem}")
                return None
            bench = None
            if cells["基准值"]:
                bench, problem = _parse_number(cells["基准值"])
                if bench is None:
                    problems.append(f"{where}, 基准值: {problem}")
                    return None
            return Measurement(item, on, value, bench, note=cells["说明"])
        if kind == "完成":
            return Completion(item, on, note=_with_figure(cells["说明"], cells["数值"]))
        if kind == "开展":
            return Occurrence(item, on, note=_with_figure(cells["说明"], cells["数值"]))
    except ProgressError as err:
        problems.append(f"{where}: {err}")
        return None
    problems.append(f"{where}, 类型: expected 完成, 测量 or 开展, found {kind!r}")
    return None


def read_collection(
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    sent: Iterable[str] = (),
    plan: Plan | None = None,
) -> Collection:
    """Read back a file written by :func:`write_collection`, with the verdicts as now written.

    The office settles a conflict by changing the 结论 of the row it accepts to 采纳 (and of the
    others to 退回); the accepted rows are the progress of the 调度. Rows marked 采纳 that still
    disagree are in conflict again: nothing is chosen silently.

    The office may also correct a rejected row (a date mistyped as 2025-02-30) and accept it.
    A row marked 采纳 whose 类型 is empty — collect could make no record of it — becomes the
    record its item takes: 测量 for an indicator, 开展 for an obligation, 完成 otherwise (with
    ``plan``, as collect makes it; without, from the shape of its 编号). It must then say
    已完成 (or give a value) and a date; a 采纳 row that records nothing is a problem, never
    silently left out.

    Parameters
    ----------
    path
        The collected file (``.csv`` or ``.xlsx``).
    as_of
        The 调度 date.
    sent
        The ids of the units that were sent a sheet (for :attr:`Collection.missing`).
    plan
        The plan, to tell the record of an accepted row without a 类型 exactly as collect
        would.

    Raises
    ------
    SheetError
        Listing every row that cannot be read (an unknown verdict, a bad date or value, a row
        marked 采纳 that records nothing), with the file and line.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> rows = (Collected(source="a.xlsx", line=5, unit="finance", key="spending-progress#0",
    ...     title="资金支出进度:60%", record=Measurement("spending-progress", "2025-07-31", 58)),)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_collection(Collection(as_of=dt.date(2025, 8, 1), rows=rows),
    ...                             pathlib.Path(folder) / "m.csv")
    ...     back = read_collection(path, as_of=dt.date(2025, 8, 1))
    >>> [(r.where, r.value) for r in back.progress]
    [('a.xlsx row 5', 58.0)]
    """
    file = Path(path)
    problems: list[str] = []
    rows: list[Collected] = []
    for number, texts in _collected_cells(file):
        where = f"{file} line {number}"
        verdict = _verdict(texts["结论"])
        if verdict is None:
            labels = "、".join(v.label for v in Verdict)
            problems.append(
                mask_quoted(f"{where}, 结论: expected one of {labels}, found {texts['结论']!r}")
            )
            continue
        record = _read_record(
            texts, problems, where, accepted=verdict is Verdict.ACCEPTED, plan=plan
        )
        line = int(texts["来源行"]) if texts["来源行"].isdigit() else 0
        rows.append(
            Collected(
                source=texts["来源文件"],
                line=line,
                unit=texts["单位编号"],
                key=texts["编号"],
                title=texts["事项"],
                state=texts["完成情况"],
                done_on=texts["日期"],
                value=texts["数值"],
                benchmark=texts["基准值"],
                note=texts["说明"],
                record=record,
                verdict=verdict,
                reasons=tuple(r for r in texts["原因"].split(";") if r),
                place=texts.get(_PLACE_COLUMN, ""),
            )
        )
    if problems:
        raise SheetError("\n".join([f"{file}: {len(problems)} problem(s)", *problems]))
    sent_units = tuple(sent)
    back = {r.unit for r in rows}
    return Collection(
        as_of=as_of,
        rows=tuple(_mark_conflicts(rows)),
        sent=sent_units,
        returned=tuple(u for u in sent_units if u in back) + tuple(sorted(back - set(sent_units))),
    )


_CONFLICT_RE = re.compile(r": different (?:completion dates|values) reported: ")
_IDENTITY = (
    "单位编号",
    "来源文件",
    "来源行",
    "编号",
    "事项",
    "完成情况",
    "日期",
    "数值",
    "基准值",
    "说明",
)


def _by_hand(texts: dict[str, str]) -> bool:
    """Return whether a row's 结论 was changed from the one collect wrote (it settles the row).

    collect writes reasons exactly for rejected rows and conflicts, and conflict reasons only
    for conflicts; it accepts only rows that make a record (their 类型 filled) and notes only
    rows that make none. A row that breaks these rules was settled by hand.
    """
    verdict = _verdict(texts["结论"])
    reasons = [r for r in texts["原因"].split(";") if r]
    conflict = bool(reasons) and all(_CONFLICT_RE.search(r) for r in reasons)
    if verdict is Verdict.ACCEPTED:
        return bool(reasons) or not texts["类型"]
    if verdict is Verdict.NOTED:
        return bool(reasons) or bool(texts["类型"])
    if verdict is Verdict.REJECTED:
        return not reasons or conflict
    return not conflict


def _identity(texts: dict[str, str]) -> tuple[str, ...]:
    """Return what makes a collected row the same row: who sent it, where, and its cells.

    Dates and numbers are compared as values, so that a file Excel saved again (2025/7/31 for
    2025-07-31) still matches.
    """
    cells = dict(texts)
    day, _ = _parse_date(cells["日期"]) if cells["日期"] else (None, None)
    if day is not None:
        cells["日期"] = day.isoformat()
    for name in ("数值", "基准值"):
        number, _ = _parse_number(cells[name]) if cells[name] else (None, None)
        if number is not None:
            cells[name] = _number_words(number)
    return (*(cells[name] for name in _IDENTITY), cells.get(_PLACE_COLUMN, ""))


def keep_settled(
    collection: Collection,
    path: str | os.PathLike[str],
    *,
    prior: Progress | None = None,
    plan: Plan | None = None,
) -> tuple[Collection, int]:
    """Keep the verdicts settled by hand in an earlier collected file; return how many were kept.

    A row of ``path`` whose 结论 was changed from the one collect wrote (a conflict settled,
    a rejection overruled) keeps that 结论 and its 原因 in ``collection`` when the row came back
    unchanged (same unit, file, row, 编号 and cells). Conflicts are then marked again: a row
    that now disagrees with one the office accepted puts both in conflict again. A row accepted
    by hand that collect could make no record of gets the record its item takes, as
    :func:`read_collection` reads it (``plan`` tells it exactly).

    Raises
    ------
    SheetError
        If ``path`` cannot be read as a collected file, holds settled verdicts of rows that are
        not returned as they were (changed, or gone), which writing ``collection`` over it
        would lose, or a row accepted by hand that records nothing: each such row is named, and
        nothing is kept.
    """
    file = Path(path)
    earlier = _collected_cells(file)
    unknown = [
        mask_quoted(
            f"{file} line {number}, 结论: expected one of {'、'.join(v.label for v in Verdict)}, "
            f"found {texts['结论']!r}"
        )
        for number, texts in earlier
        if _verdict(texts["结论"]) is None
    ]
    if unknown:
        raise SheetError("\n".join([f"{file}: {len(unknown)} problem(s)", *unknown]))
    header = _merged_header(collection)
    fresh = [
        _identity({name: cell_text(cell) for name, cell in zip(header, cells, strict=True)})
        for cells in _merged_rows(collection)
    ]
    places = {identity: index for index, identity in reversed(list(enumerate(fresh)))}
    # conflicts are marked again below, from the verdicts before marking
    rows = [
        attrs.evolve(r, verdict=Verdict.ACCEPTED, reasons=())
        if r.verdict is Verdict.CONFLICT
        else r
        for r in collection.rows
    ]
    lost: list[str] = []
    unmade: list[str] = []
    kept = 0
    for number, texts in earlier:
        if not _by_hand(texts):
            continue
        index = places.get(_identity(texts))
        if index is None:
            lost.append(
                mask_quoted(
                    f"{file} line {number}: {texts['单位编号']} {texts['来源文件']} row "
                    f"{texts['来源行']} ({texts['编号']!r}), settled as {texts['结论']}"
                )
            )
            continue
        verdict = _verdict(texts["结论"])
        assert verdict is not None  # noqa: S101 - checked above
        reasons = tuple(r for r in texts["原因"].split(";") if r)
        record = rows[index].record
        if verdict is Verdict.ACCEPTED and record is None:
            record = _read_record(
                {**texts, "类型": ""}, unmade, f"{file} line {number}", accepted=True, plan=plan
            )
        rows[index] = attrs.evolve(rows[index], verdict=verdict, reasons=reasons, record=record)
        kept += 1
    if unmade:
        raise SheetError("\n".join([f"{file}: {len(unmade)} problem(s)", *unmade]))
    if lost:
        shown = lost[:10] + ([f"… and {len(lost) - 10} more"] if len(lost) > 10 else [])
        msg = "\n".join(
            [
                (
                    f"{file}: expected every verdict settled in it to be kept, found {len(lost)} "
                    "of rows that are not returned as they were (changed, or gone), which "
                    "writing over it would lose:"
                ),
                *shown,
                "write to another file (this one is left as it is), or remove it first",
            ]
        )
        raise SheetError(msg)
    return attrs.evolve(collection, rows=tuple(_mark_conflicts(rows, prior=prior))), kept
