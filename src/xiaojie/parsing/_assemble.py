"""Applying an overlay and assembling the plan and its report."""

import os
import re
from typing import Any

import attrs

from xiaojie.dates import Period
from xiaojie.errors import PlanFileError, PlanParseError
from xiaojie.io import plan_from_mapping
from xiaojie.model import Plan, ResponsibleUnit, UnitRegistry
from xiaojie.parsing._mapping import encode_draft, encode_phase, encode_plan, encode_task
from xiaojie.parsing._overlay import Overlay, bundled_overlays, load_overlay
from xiaojie.parsing._report import (
    Heading,
    Location,
    NoteKind,
    ParseReport,
)
from xiaojie.parsing._state import Draft, PhaseInfo, State
from xiaojie.parsing._structure import Document


#: A phrase that names its year (2021年4月30日, 2021-04-30, 今年): a date before the reference
#: date is then meant, not a year taken from the reference (which ``before_reference`` notes).
_YEAR_SAID = re.compile(
    r"\d{4}\s*(?:年|[-/.]\s*\d)|[〇零一二三四五六七八九]{4}年|[今本当去上前次明翌]年"
)
_BARE_DONE = re.compile(r"(?:并|要|须)?(?:完成|完毕|办结)(?:任务|工作)?")
"""The words of a milestone or duty that only say the work is done (6月底前完成, 每月5日前完成):
titled by its task. Words that tell stages apart (基本完成, 全面完成) stay."""

__all__ = ["Assembler", "select_overlay"]

_PLACEHOLDER = ResponsibleUnit(id="placeholder", name="(none)")
_ROW_PATH = re.compile(r"^(tasks|phases|milestones|obligations|indicators|limits)\[(\d+)\]")


class Assembler(State):
    """Overlay ids and titles, then the plan and its parse report."""

    def apply_overlay(self, overlay: Overlay | None) -> dict[str, str]:
        if overlay is None:
            return {}
        claimed: set[int] = set()
        phase_drafts = [
            Draft(
                kind="phase",
                id=info.id,
                title=info.name,
                text=info.node.heading,
                where=self.node_where(info.node),
                clause=info.node.clause_id,
                order=(0, info.number, 0),
                fields={"info": info},
            )
            for info in self.phases.values()
        ]
        pools = {"phase": phase_drafts}
        for entry in overlay.entries:
            pool = pools.get(entry.kind) or [d for d in self.drafts if d.kind == entry.kind]
            target = next(
                (d for d in pool if id(d) not in claimed and entry.matches(d.text, d.title)),
                None,
            )
            if target is None:
                self.note(
                    NoteKind.OVERLAY,
                    (1, 1),
                    f"overlay {overlay.name!r}: no {entry.kind} matches {entry.source!r}",
                    phrase=entry.source,
                )
                continue
            claimed.add(id(target))
            for key, value in entry.values:
                if key == "id":
                    target.id = str(value)
                elif key in ("title", "name"):
                    target.title = str(value)
                elif key == "task" and isinstance(value, int):
                    target.fields["task"] = value
                elif key == "after" and isinstance(value, list):
                    target.fields["after"] = tuple(str(v) for v in value)
            if entry.kind == "phase":
                target.fields["info"].id = target.id
        return dict(overlay.plan_values)

    # ---------------------------------------------------------------------------------------
    # the plan

    def build(self, *, plan_id: str, issuer: str, source: str) -> tuple[Plan, ParseReport]:
        """Write what was read as a plan-file mapping and load it with ``plan_from_mapping``."""
        phases = sorted(self.phases.values(), key=lambda i: i.number)
        taken: set[str] = {p.id for p in phases}
        # a 完成时限 of 每季度 restating a duty the task's text already gives is that duty
        recurring = {
            (d.fields.get("task"), d.fields["cadence"].frequency)
            for d in self.drafts
            if d.kind == "obligation" and not d.fields.get("from_deadline")
        }
        self.drafts = [
            d
            for d in self.drafts
            if not d.fields.get("from_deadline")
            or (d.fields.get("task"), d.fields["cadence"].frequency) not in recurring
        ]
        for draft in sorted(self.drafts, key=lambda d: d.order):
            if draft.id in taken:
                base = draft.id
                copy = 2
                while f"{base}-{copy}" in taken:
                    copy += 1
                self.note(
                    NoteKind.OVERLAY,
                    draft.where,
                    f"id {base!r} is used twice; this {draft.kind} is {base}-{copy}",
                )
                draft.id = f"{base}-{copy}"
            taken.add(draft.id)
        drafts = sorted(self.drafts, key=lambda d: d.order)
        task_numbers = {t.number for t in self.tasks}
        titles = {t.number: t.title for t in self.tasks}
        active = Period(self.reference, max(self.latest, self.reference))
        rows: dict[str, list[tuple[dict[str, Any], tuple[int, int], str, str]]] = {
            kind: [] for kind in ("phases", "milestones", "obligations", "indicators", "limits")
        }
        for info in phases:
            row = encode_phase(info.id, info.number, info.name, info.when, info.node.heading)
            where = self.node_where(info.node)
            rows["phases"].append((row, where, info.id, info.node.clause_id))
        for draft in drafts:
            fields = draft.fields
            number = self._task_of(draft)
            if number is not None and number in titles and _BARE_DONE.fullmatch(draft.title):
                draft.title = titles[number]  # 6月底前完成: the task's work is what is done
            due = fields["when"].end if draft.kind == "milestone" else None
            said = getattr(fields.get("when"), "text", "") or draft.text
            if due is not None and due < self.reference and not _YEAR_SAID.search(said):
                self.note(
                    NoteKind.BEFORE_REFERENCE,
                    draft.where,
                    f"{draft.id} ({draft.title}) is due {due}, before the reference date "
                    f"{self.reference}: a date without a year takes the reference's year; write "
                    "次年 or the year where the next year is meant",
                    sentence=draft.text,
                )
            for owner in fields.get("owners", ()):
                self.book.use(owner)
            task = number
            if task is not None and task not in task_numbers:
                fields["task"] = None
            held = fields.get("phase")
            within = held if isinstance(held, PhaseInfo) else None
            fields["phase_id"] = (
                within.id if within is not None and draft.kind == "milestone" else None
            )
            fields["active"] = within.when if within is not None else active
            fields["after"] = tuple(a for a in fields.get("after", ()) if a in taken)
            kind = f"{draft.kind}s"
            rows[kind].append((encode_draft(draft), draft.where, draft.id, draft.clause))
        registry = self.book.registry()
        task_rows = [(encode_task(t, registry), t.where, t.id, "") for t in self.tasks]
        header = self.doc.header
        head = {
            "id": plan_id,
            "title": header.title,
            "issuer": issuer,
            "publisher": header.publisher,
            "index_number": header.index_number,
            "document_number": header.document_number,
            "published": header.published,
            "reference_date": self.reference,
            "source": source,
        }
        tables = {"tasks": task_rows, **rows}
        plan = self.load(head, registry, tables)
        built = {row_id for entries in tables.values() for _, _, row_id, _ in entries}
        for info in phases:
            if info.id in built:
                where = self.node_where(info.node)
                self.locations.append((info.id, Location(*where, info.node.clause_id)))
        for draft in drafts:
            if draft.id in built:
                self.locations.append((draft.id, Location(*draft.where, draft.clause)))
        headings = tuple(
            Heading(n.clause_id, n.level, n.line.number if n.line else 0, n.heading)
            for n in self.doc.nodes()
        )
        self.notes.sort(key=lambda n: (n.line, n.column))
        report = ParseReport(
            source=self.source,
            reference=self.reference,
            notes=tuple(self.notes),
            headings=headings,
            locations=tuple(self.locations),
            duties=tuple(self.duties),
            original=self.original,
        )
        return plan, report

    def load(
        self,
        head: dict[str, Any],
        registry: UnitRegistry,
        tables: dict[str, list[tuple[dict[str, Any], tuple[int, int], str, str]]],
    ) -> Plan:
        """Load the mapping; rows a problem points at are dropped (and noted), then retried.

        A plan file needs at least one unit; a text without any (no task found) is loaded with a
        placeholder unit that is then taken out again.
        """
        empty = not registry.units and not registry.groups
        # attrs' mypy plugin types ``converter=tuple`` parameters as an unsolved Iterable[_T_co].
        loaded = UnitRegistry((_PLACEHOLDER,), ()) if empty else registry  # type: ignore[arg-type]
        for _ in range(4):
            mapping = encode_plan(
                head, loaded, self.campaigns, {k: [r[0] for r in v] for k, v in tables.items()}
            )
            try:
                plan = plan_from_mapping(mapping, source=self.source)
                return attrs.evolve(plan, units=registry) if empty else plan
            except PlanFileError as err:
                bad: dict[tuple[str, int], list[str]] = {}
                for problem in err.problems:
                    match = _ROW_PATH.match(problem.path)
                    if match is None or match.group(1) not in tables:
                        raise PlanParseError(
                            f"the parsed parts do not make a valid plan: {problem}",
                            line=1,
                            column=1,
                            source=self.source,
                        ) from err
                    bad.setdefault((match.group(1), int(match.group(2))), []).append(str(problem))
                for (kind, index), problems in sorted(bad.items(), reverse=True):
                    _, where, row_id, _ = tables[kind][index]
                    self.note(
                        NoteKind.SKIPPED,
                        where,
                        f"{kind[:-1]} {row_id} not built: {'; '.join(problems)}",
                    )
                    del tables[kind][index]
                self.drop_dangling(tables)
        raise PlanParseError(
            "the parsed parts do not make a valid plan", line=1, column=1, source=self.source
        )

    @staticmethod
    def drop_dangling(
        tables: dict[str, list[tuple[dict[str, Any], tuple[int, int], str, str]]],
    ) -> None:
        """Unlink items from tasks, phases and predecessors that were dropped."""
        tasks = {row["number"] for row, *_ in tables["tasks"]}
        ids = {row_id for kind, entries in tables.items() for _, _, row_id, _ in entries}
        for kind, entries in tables.items():
            for row, *_ in entries:
                if kind != "tasks" and row.get("task") is not None and row["task"] not in tasks:
                    del row["task"]
                if "phase" in row and row["phase"] not in ids:
                    del row["phase"]
                if "after" in row:
                    row["after"] = [a for a in row["after"] if a in ids]


def select_overlay(
    overlay: Overlay | str | os.PathLike[str] | None, doc: Document
) -> Overlay | None:
    if overlay is None:
        return None
    if isinstance(overlay, Overlay):
        return overlay
    if isinstance(overlay, str) and overlay == "auto":
        header = doc.header
        return next(
            (
                o
                for o in bundled_overlays()
                if o.applies_to(index_number=header.index_number, title=header.title)
            ),
            None,
        )
    return load_overlay(overlay)
