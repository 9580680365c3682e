"""The plan parser: from the text of an action plan to a :class:`~xiaojie.model.Plan`.

How the text is read
--------------------
Structure
    Headings are found by their markers (一、 / (一) / 1. / (1) / ①). A numbered item that ends
    with a responsibility clause is a **task**; the heading it sits under is its **campaign**.
    A heading whose title is a name followed by a period in brackets ("(二)集中攻坚(6月中旬—
    9月底)") is a **phase**. Nothing depends on the wording of one particular plan.
Time
    Every time phrase is read by :func:`xiaojie.dates.find_when` with the plan's reference date.
    A clause made only of a time phrase ("9月10日前,") dates the clause after it; one without a
    month or day ("到2025年年底,") frames the whole sentence. A whole year inside a clause
    ("2025年实现…") frames the rest of its segment (up to ; or 。). Any other dated clause that
    states no target is a **milestone**; a window used with 报送/上报/提交 is due at its end.
    Inside a phase, a sentence with no date that states a deliverable (召开, 制定, 印发, 报送,
    形成, 完成 …) is a milestone dated by the phase.
Owners
    A milestone or obligation inside a task belongs to the task's units. Elsewhere its owners
    are the units named at the start of its clause ("自治区党委和政府每季度…"), right after its
    date ("9月10日前,各市、县(区)和有关部门开展…"), at the start of its segment, or as the
    conveners of the meetings it holds ("召开党委专题会议、政府常务会议"); else none.
Targets
    See :mod:`xiaojie.parsing._targets`. A target takes the date of its clause, else of the
    clause before it, else the frame of its segment or sentence, else its phase. "动态清零"
    targets are standing conditions and take no frame. A target of 主要目标 restated word for
    word in a task ("基本医疗保险参保率稳定在99%以上") is one indicator, linked to that task.
Order
    Items are listed phase by phase first (the plan's timeline), then in document order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.dates import Cadence, Found, Period, PeriodSeries, Span, parse_when
from xiaojie.errors import XiaojieError
from xiaojie.model import (
    Campaign,
    CheckMode,
    Indicator,
    Milestone,
    Obligation,
    Owner,
    Phase,
    Plan,
    Responsibility,
    Role,
    Target,
    Task,
    TimeLimit,
    Tracking,
    UnitRegistry,
)
from xiaojie.parsing._errors import PlanParseError
from xiaojie.parsing._overlay import Overlay, bundled_overlays, load_overlay
from xiaojie.parsing._owners import OwnerBook, Resp, find_responsibility, owner_like, split_names
from xiaojie.parsing._report import (
    Heading,
    Location,
    NoteKind,
    ParseNote,
    ParseReport,
    ParseResult,
)
from xiaojie.parsing._structure import Document, Node, read_document
from xiaojie.parsing._targets import Finding, clean_name, find_targets, split_coordinated
from xiaojie.parsing._text import Clause, Passage, split_clauses, split_lines
from xiaojie.parsing._time import Hit, TimeScanner, is_frame, is_whole_year


if TYPE_CHECKING:
    from xiaojie.dates import NamedPeriods


__all__ = ["parse_plan"]

_DATE_PREFIX = re.compile(r"^(?:到|在|于|截至|截止|自|从)?$")
_REPORTING = re.compile(r"报送|上报|提交|呈报")
_DELIVERABLE = re.compile(r"召开|举办|制定|印发|出台|报送|上报|提交|形成|完成|编制|发布")
_MEETING = re.compile(r"(?:专题会议|常务会议|常委会会议|全体会议|工作会议|会议|专题会|会)$")
_CONVENE = re.compile(r"召开([^,;。]+)")
_DESCRIPTIVE_SUBJECT = re.compile(r"各[^,;。]{0,20}?(?:部门|单位|政府)")
_LEVEL_SUBJECT = re.compile(
    r"(?:自治区|省|市|州|县|区|乡|镇|旗|盟|中共)[^,;。、和与及(“]{1,16}?"
    r"(?:党委和政府|党委、政府|厅|局|委员会|委|办公室|办|部|党委|人民政府|政府|领导小组|中心|法院|"
    r"检察院)(?![会议])"
)
_CADENCE_PARTS = re.compile(
    r"^每(?:个)?(?:月|季度|季|周|星期|年度|年|半年)(?:底前|末)?(?P<verb>.*?)"
    r"(?:(?:至少|不少于|最多|不超过|不多于)?[\d一二两三四五六七八九十]+(?:[—–~-][\d一二两三四五六七八九十]+)?次(?:以上)?)?$"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:个百分点|%|[万亿千百]?[个人户元项家所次名座处套间亩吨分])?")
_LEADING_OF = re.compile(r"^对[^,;。]*?的(?=.)")
_CAMPAIGN_NAME = re.compile(r"(?:深入实施|实施|开展|推进)(.+?)(?:攻坚行动|专项行动)")
_RATE_HEADS = ("率", "比例", "占比", "比重", "增速", "增幅", "进度")


@attrs.define
class _TaskInfo:
    number: int
    owners: tuple[Owner, ...]
    node: Node


@attrs.define
class _PhaseInfo:
    number: int
    name: str
    when: Period
    node: Node
    id: str = ""


@attrs.define
class _Context:
    section: str
    clause: str
    task: _TaskInfo | None
    phase: _PhaseInfo | None
    counters: dict[str, int] = attrs.Factory(dict)

    def next_id(self, kind: str) -> str:
        count = self.counters.get(kind, 0) + 1
        self.counters[kind] = count
        return f"{kind}-{self.clause}-{count}"


@attrs.define
class _Reading:
    """A passage being read: its clauses, quotations, time phrases and what is used."""

    passage: Passage
    clauses: tuple[Clause, ...]
    quoted: tuple[tuple[int, int], ...]
    hits: list[list[Hit]]
    ctx: _Context
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


def _date_only(text: str, clause: Clause, here: list[Hit]) -> bool:
    """Whether a clause is only a time phrase (with 到/在/于/截至 before it)."""
    if len(here) != 1 or not isinstance(here[0].found.value, Period | PeriodSeries):
        return False
    hit = here[0]
    rest = (text[clause.start : hit.start] + text[hit.end : clause.end]).strip()
    return _DATE_PREFIX.match(rest) is not None


@attrs.define
class _Draft:
    kind: str
    id: str
    title: str
    text: str
    where: tuple[int, int]
    clause: str
    order: tuple[int, int, int]
    fields: dict[str, Any]


def _read_input(text_or_path: str | os.PathLike[str]) -> tuple[str, str]:
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str)
        and "\n" not in text_or_path
        and len(text_or_path) < 1024
        and _is_file(text_or_path)
    ):
        path = Path(text_or_path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            msg = f"expected a readable plan text file, found {type(err).__name__}: {err.strerror}"
            raise PlanParseError(msg, line=1, column=1, source=str(path)) from None
        return _decode(raw, str(path)), path.name
    if not isinstance(text_or_path, str):
        msg = f"expected plan text (str) or a path, found {type(text_or_path).__name__}"
        raise PlanParseError(msg, line=1, column=1)
    return text_or_path, ""


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first = err
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    before = raw[: first.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    msg = f"expected UTF-8 or GB18030 text, found an undecodable byte 0x{raw[first.start]:02x}"
    raise PlanParseError(msg, line=line, column=column, source=source)


def _plan_id(source: str, title: str) -> str:
    stem = Path(source).stem.lower() if source else ""
    slug = re.sub(r"[^a-z0-9_.-]+", "-", stem).strip("-.")
    if slug and re.match(r"^[a-z0-9]", slug):
        return slug
    digest = hashlib.blake2b(title.encode(), digest_size=4).hexdigest()
    return f"plan-{digest}"


class _Builder:
    def __init__(
        self,
        doc: Document,
        *,
        reference: dt.date,
        registry: UnitRegistry,
        named: NamedPeriods | None,
        source: str,
    ) -> None:
        self.doc = doc
        self.reference = reference
        self.book = OwnerBook(registry)
        self.scanner = TimeScanner(reference, named)
        self.source = source
        self.notes: list[ParseNote] = []
        self.tasks: list[Task] = []
        self.task_info: dict[int, _TaskInfo] = {}
        self.resp: dict[int, tuple[Resp, Passage]] = {}
        self.campaigns: list[Campaign] = []
        self.phases: dict[int, _PhaseInfo] = {}
        self.drafts: list[_Draft] = []
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

    def passages(self, node: Node, *, skip_title: bool = False) -> list[Passage]:
        result: list[Passage] = []
        if node.line is not None:
            start = node.title_stop if skip_title else node.start
            if start < len(node.line.text):
                result.append(Passage(node.line, start, len(node.line.text)))
        result.extend(Passage(line, 0, len(line.text)) for line in node.paragraphs if line.text)
        return result

    def find_structure(self) -> None:
        nodes = list(self.doc.nodes())
        for node in nodes:
            if node.level < 2:
                continue
            own = self.passages(node)
            if not own:
                continue
            last = own[-1]
            found = find_responsibility(last.text)
            if found is not None:
                start, resp = found
                self.resp[id(node)] = (resp, Passage(last.line, last.start + start, last.end))
        task_nodes = [
            n
            for n in nodes
            if id(n) in self.resp and not any(id(d) in self.resp for d in n.walk() if d is not n)
        ]
        parents: list[Node] = []
        campaign_of: dict[int, int] = {}
        for node in task_nodes:
            parent = node.parent
            assert parent is not None  # noqa: S101 - every heading has a parent
            if id(parent) not in campaign_of:
                parents.append(parent)
                campaign_of[id(parent)] = len(parents)
        for number, parent in enumerate(parents, start=1):
            name = self.heading_title(parent) or self.doc.header.title or "重点任务"
            match = _CAMPAIGN_NAME.fullmatch(name)
            short = match.group(1) if match is not None else name
            self.campaigns.append(Campaign(number=number, name=name, short_name=short))
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

    def node_where(self, node: Node) -> tuple[int, int]:
        if node.line is None:
            return (1, 1)
        return node.line.number, node.line.column(0)

    def heading_title(self, node: Node) -> str:
        if node.line is None:
            return ""
        title = node.title
        held = self.resp.get(id(node))
        if held is not None and held[1].line is node.line:
            title = node.line.text[node.start : min(node.title_stop, held[1].start)]
        return title.strip().rstrip("。")

    def make_task(self, node: Node, number: int, campaign: int) -> None:
        resp, cut = self.resp[id(node)]
        where = cut.where(0)
        passages = self.passages(node)
        pieces: list[str] = []
        for passage in passages:
            if passage.line is cut.line and passage.start <= cut.start:
                pieces.append(passage.line.text[passage.start : cut.start])
            else:
                pieces.append(passage.text)
        for child in node.walk():
            if child is not node:
                pieces.extend(p.text for p in self.passages(child))
        text = "".join(pieces).strip()
        title = self.heading_title(node) or text[:30] or f"任务{number}"
        owners: list[Owner] = []
        responsibilities: list[Responsibility] = []
        for name in resp.names:
            owner, created = self.book.get(name)
            if created:
                self.note(
                    NoteKind.NEW_UNIT,
                    where,
                    f"unknown unit {name!r} added as a new {owner.kind} ({owner.id})",
                    sentence=resp.units_text,
                    phrase=owner.name,
                )
            if any(o.id == owner.id for o in owners):
                self.note(
                    NoteKind.REPEATED_OWNER,
                    where,
                    f"task {number} names {owner.name!r} twice; it is listed once",
                    sentence=resp.units_text,
                    phrase=name,
                )
                continue
            role = Role.LEAD if not owners else Role.CO_RESPONSIBLE
            owners.append(self.book.use(owner))
            responsibilities.append(Responsibility(owner, role, as_written=name))
        if len(resp.leads) > 1:
            self.note(
                NoteKind.MULTIPLE_LEADS,
                where,
                f"task {number} names {len(resp.leads)} lead units; the first leads, "
                "the others are co-responsible",
                sentence=resp.units_text,
            )
        try:
            task = Task(
                number=number,
                title=title,
                text=text,
                campaign=campaign,
                responsibilities=responsibilities,
                units_text=resp.units_text,
            )
        except XiaojieError as err:
            self.note(NoteKind.SKIPPED, where, f"task {number} not built: {err}")
            return
        self.tasks.append(task)
        self.task_info[id(node)] = _TaskInfo(number, tuple(owners), node)
        self.locations.append((task.id, Location(*self.node_where(node), node.clause_id)))

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
            self.phases[id(node)] = _PhaseInfo(
                number, match.group("name"), when, node, f"phase-{number}"
            )
            previous_end = value.end
            self.latest = max(self.latest, value.end)

    # ---------------------------------------------------------------------------------------
    # items

    def read(self) -> None:
        section = ""
        top = _Context(section="", clause="0", task=None, phase=None)
        for line in self.doc.preamble:
            self.read_passage(Passage(line, 0, len(line.text)), top)
        for node in self.doc.nodes():
            if node.level == 1:
                section = node.title.strip().rstrip("。")
            task = None
            phase = None
            for holder in (node, *node.ancestors()):
                task = task or self.task_info.get(id(holder))
                phase = phase or self.phases.get(id(holder))
            context = _Context(section=section, clause=node.clause_id, task=task, phase=phase)
            is_phase = id(node) in self.phases
            passages = self.passages(node, skip_title=is_phase)
            held = self.resp.get(id(node))
            for passage in passages:
                cut = passage
                if held is not None and held[1].line is passage.line:
                    cut = Passage(passage.line, passage.start, max(passage.start, held[1].start))
                if cut.end > cut.start:
                    self.read_passage(cut, context)

    def read_passage(self, passage: Passage, ctx: _Context) -> None:
        text = passage.text
        clauses, quoted = split_clauses(text)
        if not clauses:
            return
        errors_before = len(self.scanner.errors)
        hits = [self.scanner.scan(text, c.start, c.end) for c in clauses]
        for offset, phrase, reason in self.scanner.errors[errors_before:]:
            self.note(
                NoteKind.BAD_DATE,
                passage.where(offset),
                f"cannot read the time phrase {phrase!r}: {reason}",
                sentence=text,
                phrase=phrase,
            )
        r = _Reading(passage=passage, clauses=clauses, quoted=quoted, hits=hits, ctx=ctx)
        attached: dict[int, set[str]] = {}
        index = 0
        while index < len(clauses):
            stop = index
            while stop < len(clauses) and clauses[stop].sentence == clauses[index].sentence:
                stop += 1
            attached[clauses[index].sentence] = self.read_sentence(r, index, stop)
            index = stop
        self.unattached(r, attached)

    def read_sentence(self, r: _Reading, first: int, stop: int) -> set[str]:
        text = r.text
        clauses = r.clauses
        owners_seen: set[str] = set()
        sentence_scope: Hit | None = None
        segment_scope: Hit | None = None
        segment = clauses[first].segment
        pending: tuple[Hit, int] | None = None
        dated = False
        itemised = False
        for k in range(first, stop):
            clause = clauses[k]
            if clause.segment != segment:
                segment = clause.segment
                segment_scope = None
                pending = None
            here = r.hits[k]
            periods = [h for h in here if isinstance(h.found.value, Period | PeriodSeries)]
            cadences = [h for h in here if isinstance(h.found.value, Cadence)]
            spans = [h for h in here if isinstance(h.found.value, Span)]
            if periods:
                dated = True
            if _date_only(text, clause, here):
                hit = here[0]
                if is_frame(hit.found):
                    sentence_scope = hit
                else:
                    pending = (hit, k)
                continue
            blocked = tuple((h.start, h.end) for h in here)
            findings = find_targets(
                text, clause.start, clause.end, quoted=r.quoted, blocked=blocked
            )
            for hit in spans:
                itemised = True
                self.make_limit(r, clause, hit)
                r.used.append((clause.start, clause.end))
                r.used_hits.add(hit.start)
            for hit in cadences:
                r.used_hits.add(hit.start)
                if not spans:
                    itemised = True
                    owners_seen |= self.make_obligation(r, k, hit)
            for hit in periods:
                if is_whole_year(hit.found):
                    segment_scope = hit
            own = [h for h in periods if not is_whole_year(h.found)]
            if findings:
                itemised = True
                due: Hit | None = own[0] if own else None
                start = clause.start
                if due is None and pending is not None:
                    due = pending[0]
                    start = clauses[pending[1]].start
                whole = [h for h in periods if is_whole_year(h.found)]
                scope = (whole[0] if whole else None) or segment_scope or sentence_scope
                self.make_indicators(r, k, first, findings, due=due, scope=scope, text_start=start)
                pending = None
                continue
            with_end = [h for h in own if _ends(h.found)]
            if pending is not None and not with_end:
                hit, where = pending
                itemised = True
                owners_seen |= self.make_milestone(
                    r, k, hit, text_start=clauses[where].start, after_date=True
                )
                r.used.append((clauses[where].start, clause.end))
                pending = None
            for hit in with_end:
                itemised = True
                owners_seen |= self.make_milestone(
                    r, k, hit, text_start=clause.start, after_date=False
                )
                r.used.append((clause.start, clause.end))
        if r.ctx.phase is not None and r.ctx.task is None and not dated and not itemised:
            sentence = text[clauses[first].start : clauses[stop - 1].end]
            if _DELIVERABLE.search(sentence):
                owners_seen |= self.make_phase_milestone(r, first, stop)
                r.used.append((clauses[first].start, clauses[stop - 1].end))
            else:
                self.note(
                    NoteKind.UNDATED_IN_PHASE,
                    r.passage.where(clauses[first].start),
                    f"no date and no deliverable in phase {r.ctx.phase.name!r}; not a milestone",
                    sentence=sentence,
                )
        return owners_seen

    # ---------------------------------------------------------------------------------------
    # owners named in sentences

    def resolve_phrase(self, phrase: str, where: tuple[int, int]) -> list[Owner]:
        phrase = phrase.strip(",、 ")
        if not phrase or len(phrase) > 40:
            return []
        whole = self.book.find(phrase)
        if whole is not None:
            return [whole]
        names = split_names(re.sub(r"和|及|与", "、", phrase))
        owners: list[Owner] = []
        for name in names:
            found = self.book.find(name)
            if found is None and owner_like(name):
                found = self.create(name, where, phrase)
            if found is None:
                return []
            owners.append(found)
        return owners

    def create(self, name: str, where: tuple[int, int], sentence: str) -> Owner:
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

    def subject_at(self, r: _Reading, pos: int) -> tuple[list[Owner], int]:
        text = r.text
        owners: list[Owner] = []
        end = pos
        while end < len(text):
            found = self.book.prefix(text, end, minimum=3)
            if found is None:
                match = _DESCRIPTIVE_SUBJECT.match(text, end) or _LEVEL_SUBJECT.match(text, end)
                if match is None:
                    break
                owner = self.create(match.group(), r.passage.where(end), text)
                found = (owner, match.end())
            owners.append(found[0])
            end = found[1]
            if end < len(text) and text[end] in "和、及与":
                nxt = self.book.prefix(text, end + 1, minimum=2)
                if nxt is not None:
                    end += 1
                    continue
            break
        return owners, end

    def owners_for(
        self, r: _Reading, k: int, anchor: tuple[int, int]
    ) -> tuple[list[Owner], tuple[int, int] | None]:
        """Return the owners named in the sentence for an item anchored at ``anchor``."""
        text = r.text
        clause = r.clauses[k]
        if r.ctx.task is not None:
            return list(r.ctx.task.owners), None
        start, end = anchor
        pre_start = min(clause.start, start)
        pre = text[pre_start:start].strip(",、 ")
        if pre:
            owners = self.resolve_phrase(pre, r.passage.where(pre_start))
            if owners:
                return owners, (pre_start, start)
        post = end
        while post < len(text) and text[post] in ", ":
            post += 1
        owners, stop = self.subject_at(r, post)
        if owners:
            return owners, (post, stop)
        segment = [i for i, c in enumerate(r.clauses) if c.segment == clause.segment]
        head = r.clauses[segment[0]].start
        if _date_only(text, r.clauses[segment[0]], r.hits[segment[0]]) and len(segment) > 1:
            head = r.clauses[segment[1]].start
        owners, _ = self.subject_at(r, head)
        if owners:
            return owners, None
        convene = _CONVENE.search(text, end, clause.end if clause.end > end else len(text))
        if convene is not None:
            found: list[Owner] = []
            for item in split_names(convene.group(1)):
                body = _MEETING.sub("", item)
                owner = self.book.find(body) if body else None
                if owner is None:
                    found = []
                    break
                found.append(owner)
            if found:
                return found, None
        return [], None

    # ---------------------------------------------------------------------------------------
    # item builders

    def add(self, kind: str, r: _Reading, offset: int, **fields: Any) -> None:  # noqa: ANN401
        ctx = r.ctx
        group = 0 if ctx.phase is not None else 1
        phase_number = ctx.phase.number if ctx.phase is not None else 0
        fields["task"] = ctx.task.number if ctx.task is not None else None
        fields["phase"] = ctx.phase
        self.position += 1
        self.drafts.append(
            _Draft(
                kind=kind,
                id=ctx.next_id(kind),
                title=str(fields.pop("title")),
                text=str(fields.pop("text")),
                where=r.passage.where(offset),
                clause=ctx.clause,
                order=(group, phase_number, self.position),
                fields=fields,
            )
        )

    def make_milestone(
        self, r: _Reading, k: int, hit: Hit, *, text_start: int, after_date: bool
    ) -> set[str]:
        text = r.text
        clause = r.clauses[k]
        r.used_hits.add(hit.start)
        owners, subject = self.owners_for(r, k, (hit.start, hit.end))
        body = text[clause.start : clause.end]
        if not after_date:
            body = text[clause.start : hit.start] + text[hit.end : clause.end]
            if subject is not None and subject[0] < hit.start:
                body = text[subject[1] : hit.start] + text[hit.end : clause.end]
        if after_date and subject is not None and subject[0] >= clause.start:
            body = text[subject[1] : clause.end]
        if not after_date and subject is not None and subject[0] >= hit.end:
            body = text[subject[1] : clause.end]
        title = body.strip(",、;: ") or text[clause.start : clause.end]
        item_text = text[text_start : clause.end]
        for period in _periods_of(hit.found):
            if period.end is None:
                continue
            when = period
            if when.start is not None and _REPORTING.search(text, hit.end, clause.end):
                when = Period(None, period.end, text=hit.found.text)
            self.latest = max(self.latest, period.end)
            self.add(
                "milestone",
                r,
                text_start,
                title=title,
                text=item_text,
                when=when,
                owners=tuple(owners),
            )
        return {o.id for o in owners}

    def make_phase_milestone(self, r: _Reading, first: int, stop: int) -> set[str]:
        phase = r.ctx.phase
        assert phase is not None  # noqa: S101 - only called inside phases
        text = r.text
        clauses = r.clauses
        start = clauses[first].start
        owners, subject = self.owners_for(r, first, (start, start))
        chosen = next(
            (c for c in clauses[first:stop] if _DELIVERABLE.search(text, c.start, c.end)),
            clauses[first],
        )
        title_start = chosen.start
        if subject is not None and chosen.start <= subject[0] < chosen.end:
            title_start = subject[1]
        title = text[title_start : chosen.end].strip(",、;: ") or text[chosen.start : chosen.end]
        self.add(
            "milestone",
            r,
            start,
            title=title,
            text=text[start : clauses[stop - 1].end],
            when=phase.when,
            owners=tuple(owners),
        )
        return {o.id for o in owners}

    def make_obligation(self, r: _Reading, k: int, hit: Hit) -> set[str]:
        text = r.text
        clause = r.clauses[k]
        cadence = hit.found.value
        assert isinstance(cadence, Cadence)  # noqa: S101 - the caller selects cadences
        r.used.append((clause.start, clause.end))
        owners, _ = self.owners_for(r, k, (hit.start, hit.end))
        parts = _CADENCE_PARTS.match(hit.found.text)
        verb = parts.group("verb") if parts is not None else ""
        verb = re.sub(r"^(?:至少|不少于)", "", verb)
        title = text[clause.start : hit.start] + verb + text[hit.end : clause.end]
        title = re.sub(r"“[,、]+", "“", title)
        title = re.sub(r"[,、]+”", "”", title).replace("“”", "").strip(",、 ")
        inside = any(a <= hit.start < b for a, b in r.quoted)
        self.add(
            "obligation",
            r,
            clause.start,
            title=title or hit.found.text,
            text=text[clause.start : clause.end],
            cadence=Cadence(
                frequency=cadence.frequency,
                min_count=cadence.min_count,
                max_count=cadence.max_count,
                due_day=cadence.due_day,
                text=hit.found.text,
            ),
            owners=tuple(owners),
            tracking=Tracking.STANDARD if inside else Tracking.REPORTED,
        )
        return {o.id for o in owners}

    def make_limit(self, r: _Reading, clause: Clause, hit: Hit) -> None:
        text = r.text
        span = hit.found.value
        assert isinstance(span, Span)  # noqa: S101 - the caller selects spans
        before = text[clause.start : hit.start].strip(",、 ")
        stripped = _LEADING_OF.sub("", before)
        if len(stripped) >= 4:
            title = stripped
        elif len(before.removeprefix("对")) >= 4:
            title = before.removeprefix("对")
        else:
            title = text[clause.start : clause.end].removeprefix("对")
        title = title.strip(",、 ") or hit.found.text
        self.add(
            "limit",
            r,
            clause.start,
            title=title,
            text=text[clause.start : clause.end],
            span=Span(
                amount=span.amount,
                unit=span.unit,
                comparator=span.comparator,
                text=hit.found.text,
            ),
        )

    def make_indicators(
        self,
        r: _Reading,
        k: int,
        first: int,
        findings: list[Finding],
        *,
        due: Hit | None,
        scope: Hit | None,
        text_start: int,
    ) -> None:
        text = r.text
        clause = r.clauses[k]
        for finding in findings:
            r.used.append((finding.start, finding.end))
            name = finding.name
            start = text_start
            exclusions = finding.exclusions
            if not name and k > first:
                previous = r.clauses[k - 1]
                name, extra = clean_name(text[previous.start : previous.end])
                exclusions += extra
                start = min(start, previous.start)
            names = split_coordinated(name) if name else ()
            if not names:
                self.note(
                    NoteKind.UNATTACHED_NUMBER,
                    r.passage.where(finding.start),
                    f"target {finding.text!r} names no quantity",
                    sentence=text[clause.start : clause.end],
                    phrase=finding.text,
                )
                continue
            source = due
            if source is None and not finding.zero:
                source = scope
            periods: list[Period | None]
            if source is not None:
                r.used_hits.add(source.start)
                periods = list(_periods_of(source.found)) or [None]
            elif r.ctx.phase is not None and not finding.zero:
                periods = [r.ctx.phase.when]
            else:
                periods = [None]
            periods = [p if p is not None and p.end is not None else None for p in periods]
            for p in periods:
                if p is not None and p.end is not None:
                    self.latest = max(self.latest, p.end)
            statement = text[start : clause.end]
            try:
                per_name = self.targets_for(finding, names, periods)
            except XiaojieError as err:
                self.note(
                    NoteKind.SKIPPED,
                    r.passage.where(finding.start),
                    f"target {finding.text!r} not built: {err}",
                    sentence=statement,
                )
                continue
            for indicator_name, targets in zip(names, per_name, strict=True):
                targets.sort(key=lambda t: (t.due is None, t.due.end if t.due else dt.date.min))
                self.add(
                    "indicator",
                    r,
                    start,
                    title=indicator_name,
                    text=statement,
                    targets=tuple(targets),
                    check=CheckMode.ALWAYS if finding.always or finding.zero else CheckMode.AT_DUE,
                    exclusions=exclusions,
                    section=r.ctx.section,
                    statement=finding.text,
                    zero=finding.zero,
                )

    @staticmethod
    def targets_for(
        finding: Finding, names: tuple[str, ...], periods: list[Period | None]
    ) -> list[list[Target]]:
        """Return the targets of each name: paired values, staged targets or one target."""
        single = len(names) == 1 and "、" not in names[0] and "和" not in names[0]
        rate = "%" if single and names[0].endswith(_RATE_HEADS) else ""
        per_name: list[list[Target]] = [[] for _ in names]
        values = finding.values

        def make(number: float, unit: str, text: str, due: Period | None) -> Target:
            return Target(
                value=number,
                comparator=finding.comparator,
                unit=unit,
                due=due,
                soft=finding.soft,
                approximate=finding.approximate,
                text=text,
            )

        if finding.benchmarks:
            for bench, bench_text in finding.benchmarks:
                target = Target(
                    value=None,
                    comparator=finding.comparator,
                    unit=rate,
                    due=periods[0],
                    soft=finding.soft,
                    benchmark=bench,
                    text=bench_text,
                )
                for bucket in per_name:
                    bucket.append(target)
        elif len(values) > 1 and len(names) == len(values):
            for bucket, value in zip(per_name, values, strict=True):
                bucket.append(make(value.number, value.unit, value.text, periods[0]))
        elif len(values) > 1:
            for position, value in enumerate(values):
                period = periods[position] if len(periods) == len(values) else periods[0]
                for bucket in per_name:
                    bucket.append(make(value.number, value.unit, value.text, period))
        else:
            value = values[0]
            for period in periods:
                for bucket in per_name:
                    bucket.append(make(value.number, value.unit, value.text, period))
        return per_name

    # ---------------------------------------------------------------------------------------
    # what was left over

    def unattached(self, r: _Reading, attached: dict[int, set[str]]) -> None:
        text = r.text
        clauses = r.clauses
        blocked = [*r.used, *r.quoted]
        for clause, here in zip(clauses, r.hits, strict=True):
            for hit in here:
                blocked.append((hit.start, hit.end))
                if hit.start not in r.used_hits:
                    self.note(
                        NoteKind.UNATTACHED_DATE,
                        r.passage.where(hit.start),
                        f"time phrase {hit.found.text!r} is not attached to any item",
                        sentence=r.sentence(clause.sentence),
                        phrase=hit.found.text,
                    )
        for clause in clauses:
            for match in _NUMBER.finditer(text, clause.start, clause.end):
                a = match.start()
                before = text[a - 1] if a else ""
                if before == "第" or (before.isascii() and (before.isalnum() or before in "+-./")):
                    continue
                if any(x <= a < y for x, y in blocked):
                    continue
                self.note(
                    NoteKind.UNATTACHED_NUMBER,
                    r.passage.where(a),
                    f"number {match.group()!r} is not part of any target",
                    sentence=r.sentence(clause.sentence),
                    phrase=match.group(),
                )
        if r.ctx.task is not None:
            return
        for sentence, owners in attached.items():
            members = [c for c in clauses if c.sentence == sentence]
            start, end = members[0].start, members[-1].end
            seen: set[str] = set()
            for owner, a, b in self.book.mentions(text, start, end):
                if owner.id in owners or owner.id in seen:
                    continue
                seen.add(owner.id)
                self.note(
                    NoteKind.UNATTACHED_UNIT,
                    r.passage.where(a),
                    f"{owner.name!r} is named but owns nothing here",
                    sentence=text[start:end],
                    phrase=text[a:b],
                )

    # ---------------------------------------------------------------------------------------
    # after reading

    def link_main_goals(self) -> None:
        task_texts = {t.number: t.text.replace("“", "").replace("”", "") for t in self.tasks}
        indicators = [d for d in self.drafts if d.kind == "indicator"]
        folded: set[int] = set()
        for draft in indicators:
            if self._task_of(draft) is not None:
                continue
            statement = re.sub(
                r"^(?:力争|确保)?(?:全部|均|都|分别)*", "", draft.fields["statement"]
            )
            if not statement:
                continue
            name = draft.title
            matches: list[tuple[int, str]] = []
            for number, body in task_texts.items():
                if statement not in body:
                    continue
                for length in range(len(name), 1, -1):
                    phrase = name[-length:] + statement
                    if phrase in body:
                        matches.append((number, phrase))
                        break
            if len(matches) != 1:
                continue
            number, phrase = matches[0]
            draft.fields["task"] = number
            for other in indicators:
                if other is draft or id(other) in folded or self._task_of(other) != number:
                    continue
                same = [(t.value, t.comparator, t.unit) for t in other.fields["targets"]] == [
                    (t.value, t.comparator, t.unit) for t in draft.fields["targets"]
                ]
                if same and phrase in other.text.replace("“", "").replace("”", ""):
                    folded.add(id(other))
                    self.note(
                        NoteKind.FOLDED,
                        other.where,
                        f"task {number} restates the main-goal indicator {draft.title!r}; "
                        "kept once, linked to the task",
                        sentence=other.text,
                    )
        self.drafts = [d for d in self.drafts if id(d) not in folded]

    def _task_of(self, draft: _Draft) -> int | None:
        value = draft.fields.get("task")
        return value if isinstance(value, int) else None

    def apply_overlay(self, overlay: Overlay | None) -> dict[str, str]:
        if overlay is None:
            return {}
        claimed: set[int] = set()
        phase_drafts = [
            _Draft(
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
            phase_info: _PhaseInfo | None = held if isinstance(held, _PhaseInfo) else None
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
        )
        return plan, report


def _periods_of(found: Found) -> list[Period]:
    """Return the periods of a phrase; the parts of a series keep their own wording."""
    value = found.value
    if isinstance(value, Period):
        return [value]
    if isinstance(value, PeriodSeries):
        parts = [p for p in re.split(r"以及|和|、|及|与", found.text) if p]
        if len(parts) == len(value.periods):
            return [
                Period(p.start, p.end, text=t) for p, t in zip(value.periods, parts, strict=True)
            ]
        return list(value.periods)
    return []


def _ends(found: Found) -> bool:
    value = found.value
    if isinstance(value, PeriodSeries):
        return all(p.end is not None for p in value.periods)
    return isinstance(value, Period) and value.end is not None


def _select_overlay(
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


def parse_plan(
    text_or_path: str | os.PathLike[str],
    *,
    reference: dt.date | None = None,
    registry: UnitRegistry | None = None,
    overlay: Overlay | str | os.PathLike[str] | None = "auto",
    named: NamedPeriods | None = None,
    plan_id: str | None = None,
    source: str | None = None,
) -> ParseResult:
    """Read the text of an action plan into a :class:`~xiaojie.model.Plan` and a report.

    Parameters
    ----------
    text_or_path
        The plan's text, or a path to a text file (UTF-8 or GB18030). A ``str`` is taken as a
        path when it has no line break and names an existing file.
    reference
        The date that gives phrases without a year their year. By default the header's
        发文时间 (or another 日期 field), else a line holding only a date. Never the clock.
    registry
        The units to resolve names against; by default the bundled plan's registry
        (``load_plan().units``). Pass ``UnitRegistry(())`` to start from nothing. Names the
        registry does not know become new units, listed in the report.
    overlay
        Editorial ids, titles and links to apply (see :mod:`xiaojie.parsing._overlay`):
        ``"auto"`` applies a bundled overlay whose document matches the header (the bundled
        plan's text then parses to exactly the bundled plan); ``None`` applies none; or an
        :class:`Overlay`, a bundled overlay's name or a path to an overlay file.
    named
        The registry of named periods (过渡期, 十四五 …); the default registry when omitted.
    plan_id
        The plan's id; by default from the overlay, else from the file name, else derived from
        the title.
    source
        Where the text comes from, recorded as the plan's ``source``; by default the file's
        name, or empty for text given directly.

    Returns
    -------
    ParseResult
        ``(plan, report)``: the plan and the :class:`ParseReport` that lists new units, lines
        ignored as web-page residue, and every sentence with a date, number or unit that no item
        took, each with its line and column.

    Raises
    ------
    PlanParseError
        With a line and column: when no reference date can be found and none is given, when a
        file cannot be read or decoded, or when the text cannot make a valid plan.

    Examples
    --------
    >>> import datetime as dt
    >>> text = '''标题:示例行动方案
    ... 发文时间:2025-03-01
    ... 一、重点任务
    ... (一)实施产业帮扶行动
    ... 1.强化产业帮扶。6月底前完成项目审查,脱贫人口务工规模达到5万人以上。(牵头单位:自治区农业农村厅;责任单位:财政厅)
    ... '''
    >>> plan, report = parse_plan(text)
    >>> [u.name for u in plan.task(1).units]
    ['自治区农业农村厅', '自治区财政厅']
    >>> plan.milestones[0].title, str(plan.milestones[0].due)
    ('完成项目审查', '2025-06-30')
    >>> target = plan.indicators[0].targets[0]
    >>> plan.indicators[0].name, target.value, target.unit, str(target.comparator)
    ('脱贫人口务工规模', 5, '万人', '>=')
    >>> parse_plan("一、没有日期的方案")
    Traceback (most recent call last):
    ...
    xiaojie.parsing.PlanParseError: <text>:1:1: no reference date: the text has no 发文时间 and no line holding only a date; pass reference=datetime.date(…)

    .. versionadded:: 0.1.0
    """
    if reference is not None and (
        not isinstance(reference, dt.date) or isinstance(reference, dt.datetime)
    ):
        msg = f"reference: expected a datetime.date, found {type(reference).__name__}"
        raise PlanParseError(msg, line=1, column=1)
    text, file_name = _read_input(text_or_path)
    if source is not None:
        file_name = source
    source_name = file_name or "<text>"
    lines = split_lines(text)
    doc = read_document(lines)
    header = doc.header
    if reference is None:
        reference = header.published
    if reference is None and doc.dated_line is not None:
        reference = doc.dated_line[0]
    if reference is None:
        msg = (
            "no reference date: the text has no 发文时间 and no line holding only a date; "
            "pass reference=datetime.date(…)"
        )
        raise PlanParseError(msg, line=1, column=1, source=source_name)
    if registry is None:
        from xiaojie.io import load_plan  # noqa: PLC0415 - io imports the model; parsing sits beside it

        registry = load_plan().units
    builder = _Builder(doc, reference=reference, registry=registry, named=named, source=source_name)
    for line in doc.ignored:
        builder.note(
            NoteKind.IGNORED_LINE,
            (line.number, line.column(0)),
            "web-page residue ignored",
            sentence=line.text,
        )
    for number, column, value in header.bad_dates:
        builder.note(
            NoteKind.BAD_DATE,
            (number, column),
            f"header date {value!r} is not a date YYYY-MM-DD",
            phrase=value,
        )
    if not header.title:
        header.title = Path(file_name).stem if file_name else "未命名方案"
        builder.note(NoteKind.DEFAULTED, (1, 1), f"no title found; using {header.title!r}")
    builder.find_structure()
    builder.read()
    builder.link_main_goals()
    chosen = _select_overlay(overlay, doc)
    plan_values = builder.apply_overlay(chosen)
    final_id = plan_id or plan_values.get("id") or _plan_id(file_name, header.title)
    if not re.match(r"^[a-z0-9][a-z0-9_.-]*$", final_id):
        msg = f"plan_id: expected lower-case letters, digits, '_', '.' or '-', found {final_id!r}"
        raise PlanParseError(msg, line=1, column=1, source=source_name)
    plan, report = builder.build(
        plan_id=final_id,
        issuer=plan_values.get("issuer", ""),
        source=file_name,
    )
    return ParseResult(plan, report)
