"""Finding tasks, campaigns and phases in the heading tree."""

import datetime as dt
import itertools
import re
from typing import TYPE_CHECKING

import attrs

from xiaojie.dates import Cadence, Findings, Period, PeriodSeries, find_when, parse_when
from xiaojie.dates._read_periods import _EXCLUSIVE
from xiaojie.errors import XiaojieError
from xiaojie.model import TrackingMode
from xiaojie.parsing._clauses import (
    FACT_OR_FRAME,
    Duty,
    find_clauses,
    goes_on,
    heading_persons,
    unread_clauses,
)
from xiaojie.parsing._report import (
    Location,
    NoteKind,
)
from xiaojie.parsing._state import CampaignRow, Draft, PhaseInfo, State, TaskInfo, TaskRow
from xiaojie.parsing._structure import Node
from xiaojie.parsing._text import Passage


if TYPE_CHECKING:
    from xiaojie.model import (
        Owner,
    )


__all__ = ["TaskFinder"]


_LABELLED = re.compile(r"^[\u4e00-\u9fff]{2,8}\s*:")
_LEFT_BY_CLAUSES = re.compile(
    r"[,、;]+(?=。)|(?<=。)[。,、;]+|[,、;]+(?=[,;])|^[。,、;]+(?=[^。,、;]|$)"
)
"""Marks left next to each other where clauses were taken out of an item's words (``低保,。``,
``。。``, ``低保,,确保``, ``低保,;做好``): the last of them stays; marks opening the words
(``。`` of an item whose sentences were all roles: 县财政局协助。县民政局负责。) go."""
_CAMPAIGN_NAME = re.compile(r"(?:深入实施|实施|开展|推进)(.+?)(?:攻坚行动|专项行动)")


def _chapter(node: Node) -> Node:
    """Return the top-level heading ``node`` stands under (itself if it is one)."""
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def with_standing(duty: Duty, standing: tuple[str, ...]) -> Duty:
    """Return ``duty`` with the implementers an earlier standing remark named, where unlisted.

    A clause may say that every later item is carried out by the same bodies, which are then
    left out (``以下政策措施均需各县区人民政府、园区管委会落实,不再单独列出``): they implement each
    later item of the same chapter (the top-level heading the remark stands under) that does
    not list them. A later chapter (实施步骤, 保障措施) is not taken to be covered.
    """
    extra = tuple(name for name in standing if name not in duty.names)
    if not extra:
        return duty
    return attrs.evolve(
        duty,
        implements=duty.implements + extra,
        written=duty.as_written + extra,
        units_text=f"{duty.units_text}(+{'、'.join(extra)})",
    )


# A day left out at the end of a deadline ("2025年6月30日（不含）"), which is then due the day before.
_LEFT_OUT_AT_END = re.compile(_EXCLUSIVE.pattern + r"\s*$")


class TaskFinder(State):
    """Tasks (items ending with a responsibility clause), their campaigns, and phases."""

    def find_structure(self) -> None:
        nodes = list(self.doc.nodes())
        if nodes:
            self.detach_closing(nodes[-1])
        standing: tuple[int, tuple[str, ...]] = (0, ())
        for node in nodes:
            duty: Duty | None = None
            spans: list[Passage] = []
            for passage in self.passages(node):
                clauses = find_clauses(passage.text)
                for start, end, found in clauses:
                    duty = found if duty is None else duty.merged(found)
                    spans.append(Passage(passage.line, passage.start + start, passage.start + end))
                read = frozenset(start for start, _, _ in clauses)
                for start, body in unread_clauses(passage.text, read):
                    self.note(
                        NoteKind.UNSPLIT,
                        passage.where(start),
                        f"({body}) looks like a responsibility clause but names no unit; not read",
                        sentence=passage.text,
                        phrase=body,
                    )
            if duty is not None and duty.names:
                chapter = id(_chapter(node))
                carried = standing[1] if standing[0] == chapter else ()
                self.resp[id(node)] = (with_standing(duty, carried), spans)
                if duty.standing:
                    standing = (chapter, duty.standing)
        for node in nodes:
            self.hoist(node)
        task_nodes = [
            n
            for n in nodes
            if id(n) in self.resp and not any(id(d) in self.resp for d in n.walk() if d is not n)
        ]
        self.note_ownerless(nodes, task_nodes)
        parents: list[Node] = []
        campaign_of: dict[int, int] = {}
        for node in task_nodes:
            parent = node.parent
            assert parent is not None  # noqa: S101 - every heading has a parent
            if id(parent) not in campaign_of:
                parents.append(parent)
                campaign_of[id(parent)] = len(parents)
        for number, parent in enumerate(parents, start=1):
            name = self.heading_title(parent)
            name = name[: heading_persons(name)[1]].strip() if name else name
            name = name or self.doc.header.title or "重点任务"
            match = _CAMPAIGN_NAME.fullmatch(name)
            short = match.group(1) if match is not None else name
            self.campaigns.append(CampaignRow(number=number, name=name, short_name=short))
        ordinals = [n.ordinal for n in task_nodes]
        increasing = all(a < b for a, b in itertools.pairwise(ordinals))
        if task_nodes and not increasing:
            first = next(
                (b for a, b in itertools.pairwise(task_nodes) if b.ordinal <= a.ordinal),
                task_nodes[0],
            )
            self.note(
                NoteKind.RENUMBERED,
                self.node_where(first),
                "task numbers do not run strictly upwards; tasks are numbered in document order",
                sentence=first.heading,
            )
        for position, node in enumerate(task_nodes, start=1):
            number = node.ordinal if increasing else position
            self.make_task(node, number, campaign_of[id(node.parent)])
        if not task_nodes:
            self.note(
                NoteKind.NO_TASKS,
                (1, 1),
                "no numbered item ends with a responsibility clause (责任单位:…); the plan has no tasks",
            )
        self.find_phases(nodes, set(map(id, task_nodes)) | set(map(id, parents)))

    def detach_closing(self, last: Node) -> None:
        """Keep the document's closing paragraphs out of its last item.

        After the last numbered item, a notice often ends with paragraphs for the whole text
        (``各有关部门…于2018年12月31日前报送``): paragraphs after the last item's final clause that
        hold no clause and start with no label (``整改措施:`` continues the item) are not the
        item's; they are reported and left unread.
        """
        if last.line is None or not last.paragraphs:
            return
        texts = [last.line.text[last.start :], *(p.text for p in last.paragraphs)]
        closed = [i for i, text in enumerate(texts) if find_clauses(text)]
        if not closed or closed[-1] == len(texts) - 1:
            return
        tail = last.paragraphs[closed[-1] :]
        if any(_LABELLED.match(line.text) for line in tail):
            return
        del last.paragraphs[closed[-1] :]
        for line in tail:
            self.note(
                NoteKind.IGNORED_LINE,
                (line.number, line.column(0)),
                "closing text after the last item's responsibility clause; not part of the item",
                sentence=line.text,
            )

    def note_ownerless(self, nodes: list[Node], task_nodes: list[Node]) -> None:
        """Note an item between tasks that names no responsible unit: it is no task of its own.

        ``（二）加强产业帮扶，6月底前完成。`` between two items of the same heading with a 责任单位
        clause (or with tasks under them) is read as the plan's text, not a task; its dates stay
        the plan's milestones without a task. Items before the first task or after the last (steps, an attachment's
        list before a 分工表), and headings without a sentence (a group of a table's rows:
        ``行动二:重塑美丽新居行动``), are not noted.
        """
        holding: set[int] = set()  # the tasks and every heading above one
        for task in task_nodes:
            above: Node | None = task
            while above is not None and id(above) not in holding:
                holding.add(id(above))
                above = above.parent
        # per heading and level: where each sub-item stands, the first and last holding a task
        spans: dict[tuple[int, int], tuple[dict[int, int], int, int]] = {}
        for node in nodes:
            parent = node.parent
            if id(node) in holding or parent is None or node.line is None:
                continue  # a task, or its sub-items are the tasks
            texts = (node.line.text, *(p.text for p in node.paragraphs))
            if not any(mark in text for text in texts for mark in "。,;!?、"):
                continue  # a name, no sentence (行动二:重塑美丽新居行动, a group of a table's rows)
            key = (id(parent), node.level)
            if key not in spans:
                siblings = [s for s in parent.children if s.level == node.level]
                held = [i for i, s in enumerate(siblings) if id(s) in holding] or [-1]
                spans[key] = ({id(s): i for i, s in enumerate(siblings)}, held[0], held[-1])
            places, first, last = spans[key]
            if not first < places[id(node)] < last:
                continue  # not between two siblings holding tasks (in them or below them)
            self.note(
                NoteKind.SKIPPED,
                self.node_where(node),
                f"item {node.marker} stands among tasks but names no responsible unit "
                "(责任单位/牵头单位); not a task",
                sentence=node.heading,
            )

    def hoist(self, node: Node) -> None:
        """Give a clause written on its own lines after a list of sub-items to the parent item.

        ``1.…(1)…(2)…`` followed by ``(牵头单位:A;责任单位:B)`` covers item 1, not (2): when
        only the last sub-item holds a clause and the clause fills whole lines of its own.
        """
        held = self.resp.get(id(node))
        parent = node.parent
        if held is None or parent is None or parent.line is None or id(parent) in self.resp:
            return
        siblings = parent.children
        if len(siblings) < 2 or node is not siblings[-1] or node.children:
            return
        if any(id(s) in self.resp for s in siblings[:-1]):
            return
        spans = held[1]
        own_lines = all(
            span.line is not node.line
            and span.start == 0
            and span.end >= len(span.line.text.rstrip("。.;"))
            for span in spans
        )
        if own_lines:
            self.resp[id(parent)] = held
            del self.resp[id(node)]

    def heading_persons(self, node: Node) -> tuple[str, ...]:
        """Persons named on a task's heading and the headings above it (``袁家军省长主抓…``).

        They answer for every item under the heading: they are the task's persons, outermost
        heading first, never units. Each heading is read once per plan.
        """
        known = self.heading_people.get(id(node))
        if known is not None:
            return known
        above = self.heading_persons(node.parent) if node.parent is not None else ()
        own = heading_persons(node.title)[0] if node.line is not None else ()
        persons = (*above, *own)
        self.heading_people[id(node)] = persons
        return persons

    def make_task(self, node: Node, number: int, campaign: int) -> None:
        resp, spans = self.resp[id(node)]
        where = spans[0].where(0)
        pieces = [p.text for passage in self.passages(node) for p in self.outside(node, passage)]
        for child in node.walk():
            if child is not node:
                pieces.extend(p.text for p in self.passages(child))
        text = _LEFT_BY_CLAUSES.sub("", "".join(pieces).strip())
        # (the words outside a clause that opens the item: ",6月底前完成,9月底前验收。", "。")
        title = self.heading_title(node) or text.strip(" ,;。.")[:30] or f"任务{number}"
        owners: list[Owner] = []
        written_forms: list[str] = []
        implementing: list[Owner] = []
        supporting: list[Owner] = []
        assisting = set(resp.assisting)
        first_implementer = len(resp.names) - len(resp.implements)
        for position, (name, written) in enumerate(zip(resp.names, resp.as_written, strict=True)):
            owner = self.create(name, where, resp.units_text)
            if any(o.id == owner.id for o in owners):
                self.note(
                    NoteKind.REPEATED_OWNER,
                    where,
                    f"task {number} names {owner.name!r} twice; it is listed once",
                    sentence=resp.units_text,
                    phrase=name,
                )
                continue
            owners.append(self.book.use(owner, written))
            written_forms.append(written)
            if position >= first_implementer and len(owners) > 1:
                implementing.append(owner)
            elif name in assisting and len(owners) > 1:
                supporting.append(owner)
        if resp.guessed and len(resp.names) > 1:
            self.note(
                NoteKind.GUESSED_LEAD,
                where,
                f"task {number}: the clause does not say who leads; "
                f"{resp.names[0]!r}, listed first, is taken as the lead",
                sentence=resp.units_text,
                phrase=resp.names[0],
            )
        if resp.leftovers:
            parts = "、".join(resp.leftovers)
            self.note(
                NoteKind.UNSPLIT,
                where,
                f"task {number}: {parts!r} in the responsibility clause "
                f"{'is not a body' if len(resp.leftovers) == 1 else 'are not bodies'}; "
                "kept as text",
                sentence=resp.units_text,
                phrase=parts,
            )
        leads = len(dict.fromkeys(resp.leads))  # (one body leading two sentences leads once)
        if leads > 1:
            self.note(
                NoteKind.MULTIPLE_LEADS,
                where,
                f"task {number} names {leads} lead units; the first leads, "
                "the others are co-responsible",
                sentence=resp.units_text,
            )
        task = TaskRow(
            number=number,
            title=title,
            text=text,
            campaign=campaign,
            owners=tuple(owners),
            written=tuple(written_forms),
            units_text=resp.units_text,
            where=where,
            implementing=tuple(implementing),
            supporting=tuple(supporting),
            persons=tuple(dict.fromkeys((*self.heading_persons(node), *resp.persons))),
        )
        self.tasks.append(task)
        self.task_info[id(node)] = TaskInfo(number, tuple(owners), node, resp.deadline)
        self.duties.append((number, resp))
        self.deadline_milestone(node, task, resp.deadline, where)

    def deadline_milestone(
        self, node: Node, task: TaskRow, deadline: str, where: tuple[int, int], suffix: str = ""
    ) -> None:
        """Make the clause's deadline (完成时限:…, 年内持续推进) a milestone of the task.

        The deadlines of several clauses of the item (one a line) are each a milestone.
        """
        if "\n" in deadline:
            seen: set[dt.date | None] = set()
            for number, each in enumerate(deadline.split("\n"), 1):
                due = self.latest_end(each)
                if number > 1 and (
                    due in seen or FACT_OR_FRAME.match(each) or (due and due < self.reference)
                ):
                    if due not in seen:  # (截至2025年2月底 in a later clause: no deadline)
                        self.note(
                            NoteKind.UNATTACHED_DATE,
                            where,
                            f"task {task.number}: the deadline {each!r} of a later clause is "
                            "no date by which the work is done; not a milestone",
                            phrase=each,
                        )
                    continue
                seen.add(due)
                self.deadline_milestone(node, task, each, where, f"-{number}" * (number > 1))
            return
        if not deadline:
            return
        # 完成时限:2025年6月30日（不含）: a deadline's day left out is the day before it
        phrase = deadline + "前" if _LEFT_OUT_AT_END.search(deadline) else deadline
        found, periods = self.read_deadline(phrase)
        for unread in found.unread:
            self.note(
                NoteKind.BAD_DATE,
                where,
                f"task {task.number}: cannot read the time phrase {unread.text!r} of the "
                f"deadline {deadline!r}: {unread.reason}",
                phrase=unread.text,
            )
        if not periods and found.unread:
            return
        cadences = [f for f in found if isinstance(f.value, Cadence)]
        if cadences:  # 完成时限: 每季度 — a duty that recurs (and, with a date, a milestone too)
            first = cadences[0]
            cadence = attrs.evolve(
                first.value, text=first.value.text if first.remark else first.text
            )
            self.deadline_draft(node, task, deadline, where, "obligation", cadence=cadence,
                                tracking=TrackingMode.REPORTED, from_deadline=True,
                                suffix=suffix)  # fmt: skip
        if not periods and cadences:
            return
        if not periods and goes_on(deadline):
            return  # 长期坚持, 持续推进: the work goes on, no date is missing
        if not periods:
            self.note(
                NoteKind.UNATTACHED_DATE,
                where,
                f"task {task.number}: the deadline {deadline!r} names no date; not a milestone",
                phrase=deadline,
            )
            return
        due, text = max(periods, key=lambda period: period[0])  # the latest date it names
        if phrase != deadline and text.endswith("前"):
            text = text[:-1]  # as written, without the 前 added to read it
        when = Period(None, due, text=text)
        self.deadline_draft(node, task, deadline, where, "milestone", when=when, suffix=suffix)
        self.locations.append((task.id, Location(*self.node_where(node), node.clause_id)))

    def read_deadline(self, phrase: str) -> tuple[Findings, list[tuple[dt.date, str]]]:
        """Return a deadline's time phrases (read once a phrase) and the days it names."""
        found = self.deadlines.get(phrase)
        if found is None:
            found = find_when(phrase, reference=self.reference, named=self.scanner.named)
            self.deadlines[phrase] = found
        periods = [
            (p.end, f.text)
            for f in found
            for p in (f.value if isinstance(f.value, PeriodSeries) else [f.value])
            if isinstance(p, Period) and p.end is not None
        ]
        return found, periods

    def latest_end(self, deadline: str) -> dt.date | None:
        """Return the latest day a deadline names (its milestone's), or ``None``."""
        return max((end for end, _ in self.read_deadline(deadline)[1]), default=None)

    def deadline_draft(
        self,
        node: Node,
        task: TaskRow,
        deadline: str,
        where: tuple[int, int],
        kind: str,
        *,
        suffix: str = "",
        **fields: object,
    ) -> None:
        """Add the milestone or obligation a task's 完成时限 makes, owned by the task's units."""
        self.position += 1
        self.drafts.append(
            Draft(
                kind=kind,
                id=f"{kind}-{node.clause_id}-deadline{suffix}",
                title=task.title,
                text=deadline,
                where=where,
                clause=node.clause_id,
                order=(1, 0, self.position),
                fields={**fields, "owners": tuple(task.units), "task": task.number, "phase": None},
            )
        )

    def find_phases(self, nodes: list[Node], excluded: set[int]) -> None:
        previous_end: dt.date | None = None
        for node in nodes:
            if node.level < 2 or id(node) in excluded or node.line is None:
                continue
            match = re.fullmatch(r"(?P<name>[^()]+?)\((?P<when>[^()]+)\)", node.title)
            if match is None:
                continue
            try:
                value = parse_when(match.group("when"), reference=self.reference)
            except XiaojieError:
                continue
            if not isinstance(value, Period) or value.end is None:
                continue
            start = value.start
            if start is None:
                start = previous_end + dt.timedelta(days=1) if previous_end else self.reference
                if start > value.end:
                    self.note(
                        NoteKind.SKIPPED,
                        self.node_where(node),
                        f"phase {match.group('name')!r} ends on {value.end}, before it can start",
                        sentence=node.heading,
                    )
                    continue
            number = len(self.phases) + 1
            when = Period(start, value.end, text=match.group("when"))
            self.phases[id(node)] = PhaseInfo(
                number, match.group("name"), when, node, f"phase-{number}"
            )
            previous_end = value.end
            self.latest = max(self.latest, value.end)
