"""Applying an overlay and assembling the plan and its report."""

import os

import attrs

from xiaojie.dates import Period
from xiaojie.errors import XiaojieError
from xiaojie.model import (
    Indicator,
    Milestone,
    Obligation,
    Phase,
    Plan,
    TimeLimit,
)
from xiaojie.parsing._errors import PlanParseError
from xiaojie.parsing._overlay import Overlay, bundled_overlays, load_overlay
from xiaojie.parsing._report import (
    Heading,
    Location,
    NoteKind,
    ParseReport,
)
from xiaojie.parsing._state import Draft, PhaseInfo, State
from xiaojie.parsing._structure import Document


__all__ = ["Assembler", "select_overlay"]


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
        phases: list[Phase] = []
        for info in sorted(self.phases.values(), key=lambda i: i.number):
            phases.append(
                Phase(
                    id=info.id,
                    number=info.number,
                    name=info.name,
                    when=info.when,
                    text=info.node.heading,
                )
            )
            self.locations.append(
                (info.id, Location(*self.node_where(info.node), info.node.clause_id))
            )
        taken: set[str] = {p.id for p in phases}
        milestones: list[Milestone] = []
        obligations: list[Obligation] = []
        indicators: list[Indicator] = []
        limits: list[TimeLimit] = []
        active = Period(self.reference, max(self.latest, self.reference))
        task_numbers = {t.number for t in self.tasks}
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
        for draft in drafts:
            fields = draft.fields
            owners = tuple(self.book.use(o) for o in fields.get("owners", ()))
            task = self._task_of(draft)
            if task is not None and task not in task_numbers:
                task = None
            held = fields.get("phase")
            phase_info: PhaseInfo | None = held if isinstance(held, PhaseInfo) else None
            phase = phase_info.id if phase_info is not None and draft.kind == "milestone" else None
            try:
                if draft.kind == "milestone":
                    after = tuple(a for a in fields.get("after", ()) if a in taken)
                    milestones.append(
                        Milestone(
                            id=draft.id,
                            title=draft.title,
                            when=fields["when"],
                            owners=owners,
                            task=task,
                            phase=phase,
                            after=after,
                            text=draft.text,
                        )
                    )
                elif draft.kind == "obligation":
                    obligations.append(
                        Obligation(
                            id=draft.id,
                            title=draft.title,
                            cadence=fields["cadence"],
                            owners=owners,
                            task=task,
                            active=phase_info.when if phase_info is not None else active,
                            tracking=fields["tracking"],
                            text=draft.text,
                        )
                    )
                elif draft.kind == "indicator":
                    indicators.append(
                        Indicator(
                            id=draft.id,
                            name=draft.title,
                            targets=fields["targets"],
                            task=task,
                            owners=(),
                            check=fields["check"],
                            exclusions=fields["exclusions"],
                            section=fields["section"],
                            text=draft.text,
                        )
                    )
                else:
                    limits.append(
                        TimeLimit(
                            id=draft.id,
                            title=draft.title,
                            span=fields["span"],
                            task=task,
                            text=draft.text,
                        )
                    )
            except XiaojieError as err:
                self.note(NoteKind.SKIPPED, draft.where, f"{draft.kind} not built: {err}")
                continue
            self.locations.append((draft.id, Location(*draft.where, draft.clause)))
        built = {m.id for m in milestones} | {o.id for o in obligations} | {p.id for p in phases}
        built |= {i.id for i in indicators} | {lim.id for lim in limits}
        milestones = [
            m
            if set(m.after) <= built
            else attrs.evolve(m, after=[a for a in m.after if a in built])
            for m in milestones
        ]
        header = self.doc.header
        try:
            plan = Plan(
                id=plan_id,
                title=header.title,
                issuer=issuer,
                publisher=header.publisher,
                index_number=header.index_number,
                document_number=header.document_number,
                published=header.published,
                reference_date=self.reference,
                source=source,
                campaigns=self.campaigns,
                tasks=self.tasks,
                phases=phases,
                milestones=milestones,
                obligations=obligations,
                indicators=indicators,
                limits=limits,
                units=self.book.registry(),
            )
        except XiaojieError as err:
            raise PlanParseError(
                f"the parsed parts do not make a valid plan: {err}",
                line=1,
                column=1,
                source=self.source,
            ) from err
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
        )
        return plan, report


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
