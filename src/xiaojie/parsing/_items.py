"""Reading dated items in running text: milestones, obligations, targets and limits."""

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from attrs import evolve

from xiaojie.dates import Cadence, Found, Frequency, Period, PeriodSeries, Span
from xiaojie.errors import XiaojieError
from xiaojie.model import (
    CheckMode,
    Owner,
    Target,
    TrackingMode,
)
from xiaojie.parsing._catalogue import bundled_catalogue
from xiaojie.parsing._clauses import FACT_OR_FRAME, body_like, goes_on, role_part
from xiaojie.parsing._owners import owner_like, split_names
from xiaojie.parsing._report import (
    NoteKind,
)
from xiaojie.parsing._state import Context, Draft, Reading, State, date_only
from xiaojie.parsing._structure import chinese_number
from xiaojie.parsing._targets import Finding, clean_name, find_targets, split_coordinated
from xiaojie.parsing._text import Clause, Passage, split_clauses
from xiaojie.parsing._time import Hit, is_by_end, is_frame, is_whole_year


__all__ = ["ItemReader", "has_end", "periods_of"]


_REPORTING = re.compile(r"报送|上报|提交|呈报")
_DELIVERABLE = re.compile(r"召开|举办|制定|印发|出台|报送|上报|提交|形成|完成|编制|发布")
_ENTITLEMENT = re.compile(r"补贴|补助|返还|奖补|减免|免征|享受|给予|申领|列支")
_RANGE_WORD = re.compile(r"至|到|—|-|~")
_MEETING = re.compile(r"(?:专题会议|常务会议|常委会会议|全体会议|工作会议|会议|专题会|会)$")
_CONVENE = re.compile(r"召开([^,;。]+)")
_DESCRIPTIVE_SUBJECT = re.compile(r"各[^,;。]{0,20}?(?:部门|单位|政府)")
_LEVEL_SUBJECT = re.compile(
    r"(?:自治区|省|市|州|县|区|乡|镇|旗|盟|中共)[^,;。、和与及(“]{1,16}?"
    r"(?:党委和政府|党委、政府|厅|局|委员会|委|办公室|办|部|党委|人民政府|政府|领导小组|中心|法院|"
    r"检察院)(?![会议])"
)
_NOT_AFTER_BODY = frozenset("门属内员长")
"""Characters after a known body's name that make it part of a word (教育部门, 局属)."""


_KINDS_OF_BODIES = ("部门", "单位", "机构", "机关")
"""Endings of a kind of body (教育部门: departments of education), not a body's name."""


def _known_body(text: str, pos: int) -> str | None:
    """Return the longest name at ``pos`` the catalogue knows (国家卫生健康委, 教育部), or None.

    National bodies and others written without a local level (省, 市, 县 …) are subjects too
    ("2019年3月底前，国家卫生健康委推行…": its milestone's owner; it stayed in the title).
    """
    catalogue = bundled_catalogue()
    for stop in range(min(len(text), pos + 16), pos + 2, -1):
        name = text[pos:stop]
        if (
            text[stop : stop + 1] in _NOT_AFTER_BODY
            or name.endswith(_KINDS_OF_BODIES)
            or not body_like(name)
        ):
            continue
        if catalogue.knows(name):
            return name
    return None


_CADENCE_PARTS = re.compile(
    r"^(?:每(?:个)?|按|逐|一个|一)?(?:月度|月|季度|季|周|星期|年度|年|半年度|半年)(?:底前|末)?"
    r"(?P<verb>.*?)"
    r"(?:(?:至少|不少于|最多|不超过|不多于)?[\d一二两三四五六七八九十]+(?:[—–~-][\d一二两三四五六七八九十]+)?次(?:以上)?)?$"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:个百分点|%|[万亿千百]?[个人户元项家所次名座处套间亩吨分])?")
_LEADING_OF = re.compile(r"^对[^,;。]*?的(?=.)")
_RATE_HEADS = ("率", "比例", "占比", "比重", "增速", "增幅", "进度")


class ItemReader(State):
    """Milestones, obligations, indicators and time limits from the text's sentences."""

    # ---------------------------------------------------------------------------------------
    # items

    def read(self) -> None:
        section = ""
        top = Context(section="", clause="0", task=None, phase=None)
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
            context = Context(section=section, clause=node.clause_id, task=task, phase=phase)
            is_phase = id(node) in self.phases
            passages = self.passages(node, skip_title=is_phase)
            for passage in passages:
                for cut in self.outside(node, passage):
                    self.read_passage(cut, context)

    def read_passage(self, passage: Passage, ctx: Context) -> None:
        text = passage.text
        clauses, quoted = split_clauses(text)
        if not clauses:
            return
        errors_before = len(self.scanner.errors)
        hits = [self.scanner.scan(text, c.start, c.end) for c in clauses]
        self.count_from_each(text, clauses, hits)
        for offset, phrase, reason in self.scanner.errors[errors_before:]:
            self.note(
                NoteKind.BAD_DATE,
                passage.where(offset),
                f"cannot read the time phrase {phrase!r}: {reason}",
                sentence=text,
                phrase=phrase,
            )
        r = Reading(passage=passage, clauses=clauses, quoted=quoted, hits=hits, ctx=ctx)
        # (a phrase reported unread is no number of a target either: 每周三9:00)
        r.used.extend((o, o + len(p)) for o, p, _ in self.scanner.errors[errors_before:])
        attached: dict[int, set[str]] = {}
        index = 0
        while index < len(clauses):
            stop = index
            while stop < len(clauses) and clauses[stop].sentence == clauses[index].sentence:
                stop += 1
            attached[clauses[index].sentence] = self.read_sentence(r, index, stop)
            index = stop
        self.unattached(r, attached)

    def count_from_each(self, text: str, clauses: Sequence[Clause], hits: list[list[Hit]]) -> None:
        """Re-read a dated clause after a duty's clause in the same segment, with the duty.

        In "每季度向县政府报送落实情况,包括本季度完成的整改清单" the quarter is each report's, not
        the plan's: read with the clause of 每季度 before it, the time phrases leave such a
        relative period out (see :func:`xiaojie.dates.find_when`).
        """
        duty_from: dict[int, int] = {}
        for k, clause in enumerate(clauses):
            start = duty_from.get(clause.segment)
            if start is not None and any(
                isinstance(h.found.value, Period | PeriodSeries) for h in hits[k]
            ):
                again = self.scanner.scan_whole(text, start, clause.end)
                hits[k] = [h for h in again if h.start >= clause.start]
            if start is None and any(isinstance(h.found.value, Cadence) for h in hits[k]):
                duty_from[clause.segment] = clause.start

    def read_sentence(self, r: Reading, first: int, stop: int) -> set[str]:
        text = r.text
        clauses = r.clauses
        owners_seen: set[str] = set()
        sentence_scope: Hit | None = None
        segment_scope: Hit | None = None
        segment = clauses[first].segment
        # a page's words: above the items, or a line with a page's counters (浏览:3013)
        page_words = (r.ctx.task is None and r.ctx.phase is None) or bool(
            _PAGE_COUNTERS.search(text)
        )
        pending: tuple[Hit, int] | None = None
        yearly = False  # a yearly duty in the sentence so far
        folded: dict[int, Hit] = {}  # a yearly duty's next January, by the duty's start
        dated = False
        itemised = False
        for k in range(first, stop):
            clause = clauses[k]
            if clause.segment != segment:
                segment = clause.segment
                segment_scope = None
                owners_seen |= self.close_pending(r, pending, first)
                itemised |= pending is not None and pending[0].start in r.used_hits
                pending = None
            here = r.hits[k]
            if page_words:
                stamps = [h for h in here if _page_stamp(text, h)]  # 发布时间:2019-02-20 11:02
                r.used_hits.update(h.start for h in stamps)
                here = [h for h in here if h not in stamps]
            here = [h for h in here if not _names_a_plan(text, h)]
            for hit in here:
                if _compared_with(text, hit) or _of_last_year(text, hit):
                    r.used_hits.add(hit.start)
            here = [h for h in here if not _compared_with(text, h) and not _of_last_year(text, h)]
            periods = [h for h in here if isinstance(h.found.value, Period | PeriodSeries)]
            cadences = [h for h in here if isinstance(h.found.value, Cadence)]
            yearly = yearly or any(_yearly(h) for h in cadences)
            if yearly:  # 每年…于下年度1月10日前报送: each year's due, in the next January
                following = [
                    h
                    for h in periods
                    if _NEXT_JANUARY.fullmatch(h.found.text)
                    and _each_year(r, clauses[first].start, clause, h, here)
                ]
                periods = [h for h in periods if h not in following]
                here = [h for h in here if h not in following]
                if following:
                    cadences, folded = _fold_next_january(cadences, following, clause)
                    r.used_hits.update(h.start for h in following)
            spans = [h for h in here if isinstance(h.found.value, Span)]
            if periods:
                dated = True
            if date_only(text, clause, here):
                hit = here[0]
                if _policy_window(text, clauses, first, stop, hit):
                    self.note_window(r, hit, text[clauses[first].start : clauses[stop - 1].end])
                elif is_frame(hit.found):
                    # It dates every target of the sentence; in a task, "到2016年底," and
                    # "到2020年," are also the deadline of the step after them. Outside tasks
                    # ("到2025年年底,…走在全国前列", a goal) it only frames the sentence.
                    sentence_scope = hit
                    if _by_year_in_task(r, hit) or (
                        r.ctx.task is not None and is_by_end(hit.found)
                    ):
                        pending = (hit, k)
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
                    owners_seen |= self.make_obligation(r, k, hit, folded.get(hit.start))
            frames = [h for h in periods if is_whole_year(h.found) and not is_by_end(h.found)]
            for hit in frames:
                segment_scope = hit
            own = [h for h in periods if h not in frames]
            if sentence_scope is None:
                # "到2018年全市居民人均可支配收入比2010年实现翻一番,城镇居民…达到36600元以上":
                # the year that opens the sentence dates the targets after it too.
                sentence_scope = next(
                    (h for h in own if _opens_with_year(text, clauses[first].start, h)), None
                )
            staged = _staged(own, findings) if len(own) > 1 and len(findings) > 1 else []
            if staged:
                # "6月底前下达60%以上、9月底前下达80%以上、11月底前全部下达到位": each target is
                # due by the date before it; a dated step after the last target is a milestone.
                itemised = True
                for hit, finding in staged:
                    self.make_indicators(
                        r, k, first, [finding], due=hit, scope=None, text_start=clause.start
                    )
                for hit in own:
                    if hit.start > findings[-1].end and has_end(hit.found):
                        owners_seen |= self.make_milestone(
                            r,
                            k,
                            hit,
                            text_start=clause.start,
                            after_date=False,
                            title_from=findings[-1].end,
                        )
                r.used.append((clause.start, clause.end))
                pending = None
                continue
            if findings:
                itemised = True
                due: Hit | None = own[0] if own else None
                start = clause.start
                if due is None and pending is not None:
                    due = pending[0]
                    start = clauses[pending[1]].start
                scope = (frames[0] if frames else None) or segment_scope or sentence_scope
                self.make_indicators(r, k, first, findings, due=due, scope=scope, text_start=start)
                pending = None
                continue
            with_end = [h for h in own if has_end(h.found)]
            if pending is not None and not with_end:
                hit, where = pending
                itemised = True
                owners_seen |= self.make_milestone(
                    r, k, hit, text_start=clauses[where].start, after_date=True
                )
                r.used.append((clauses[where].start, clause.end))
                pending = None
            windows = [h for h in with_end if _policy_window(text, clauses, first, stop, h)]
            for hit in windows:
                self.note_window(r, hit, text[clauses[first].start : clauses[stop - 1].end])
            for hit in with_end:
                if hit in windows:
                    continue
                itemised = True
                owners_seen |= self.make_milestone(
                    r, k, hit, text_start=clause.start, after_date=False
                )
                r.used.append((clause.start, clause.end))
        owners_seen |= self.close_pending(r, pending, first)
        itemised |= pending is not None and pending[0].start in r.used_hits
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

    def close_pending(self, r: Reading, pending: tuple[Hit, int] | None, first: int) -> set[str]:
        """Make the deadline ending a segment of a task's sentence its words' milestone.

        ``做好衔接,2025年底前`` (then ``。``, ``;`` or a bracket of roles): the date stands alone
        after what is done, with no step after it to date; the words before it in its segment
        are the milestone's title. A date opening its segment, or one outside a task or phase
        (a goal's frame), is left as it was (reported as not attached).
        """
        if pending is None or (r.ctx.task is None and r.ctx.phase is None):
            return set()
        if r.ctx.task is not None and r.ctx.task.deadline:
            return set()  # (its clause has a deadline of its own: which holds is unsure)
        hit, k = pending
        clauses = r.clauses
        if k + 1 < len(clauses) and clauses[k + 1].segment == clauses[k].segment:
            return set()  # (a step after it in its segment left it: not the words' deadline)
        ends = [p.end for p in periods_of(hit.found) if p.end is not None]
        if (
            (is_frame(hit.found) and not is_by_end(hit.found))
            or FACT_OR_FRAME.match(hit.found.text)
            or self.as_of_before(r.text, hit)
            or any(end < self.reference for end in ends)
        ):
            return set()  # (到2025年 frames a goal; 截至/至2025年2月底, 2024年底 date a figure)
        before = [j for j in range(first, k) if clauses[j].segment == clauses[k].segment]
        # its title: the words before it, less bodies and their roles (县民政局负责) and a
        # time that goes on (长期坚持); none when a step before it has a time of its own
        # (6月底前完成,县财政局配合,年底前: whose deadline is unsure), nor after a label
        # (完成时限:2025年6月底前, read as the label's)
        if any(r.hits[j] or clauses[j].sep != "," for j in before):
            return set()
        if before and find_targets(
            r.text, clauses[before[0]].start, clauses[k - 1].end, quoted=r.quoted, blocked=()
        ):
            return set()  # (覆盖率达到100%,2025年底前: the date is the target's, not read here)
        words = [
            part
            for part in (text_of(r.text, clauses[j]) for j in before)
            if not role_part(part) and not goes_on(part)
        ]
        if any(_NUMBER.search(part) for part in words):
            return set()  # (新增就业500人,2025年底前: a figure or target, not read as one here)
        if not words or not has_end(hit.found) or hit.start in r.used_hits:
            return set()
        start = clauses[before[0]].start
        owners = self.make_milestone(
            r, k, hit, text_start=start, after_date=False, title=",".join(words)
        )
        r.used.append((start, clauses[k].end))
        return owners

    def note_window(self, r: Reading, hit: Hit, sentence: str) -> None:
        """Report a range in which a support applies; it makes no milestone."""
        r.used_hits.add(hit.start)
        self.note(
            NoteKind.UNATTACHED_DATE,
            r.passage.where(hit.start),
            f"{hit.found.text!r} is the window in which a support applies "
            "(a subsidy or refund from one date to another), not a deadline",
            sentence=sentence,
            phrase=hit.found.text,
        )

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
            if found is None and (owner_like(name) or _known_body(name, 0) == name):
                found = self.create(name, where, phrase)
            if found is None:
                return []
            owners.append(found)
        return owners

    def subject_at(self, r: Reading, pos: int) -> tuple[list[Owner], int]:
        text = r.text
        owners: list[Owner] = []
        end = pos
        while end < len(text):
            found = self.book.prefix(text, end, minimum=3)
            if found is None:
                match = _DESCRIPTIVE_SUBJECT.match(text, end) or _LEVEL_SUBJECT.match(text, end)
                known = _known_body(text, end) if match is None else None
                if match is None and known is None:
                    break
                name = match.group() if match is not None else known
                assert name is not None  # noqa: S101 - one of the two matched
                owner = self.create(name, r.passage.where(end), text)
                found = (owner, end + len(name))
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
        self, r: Reading, k: int, anchor: tuple[int, int]
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
        if date_only(text, r.clauses[segment[0]], r.hits[segment[0]]) and len(segment) > 1:
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

    def add(self, kind: str, r: Reading, offset: int, **fields: Any) -> None:  # noqa: ANN401
        ctx = r.ctx
        group = 0 if ctx.phase is not None else 1
        phase_number = ctx.phase.number if ctx.phase is not None else 0
        fields["task"] = ctx.task.number if ctx.task is not None else None
        fields["phase"] = ctx.phase
        self.position += 1
        self.drafts.append(
            Draft(
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
        self,
        r: Reading,
        k: int,
        hit: Hit,
        *,
        text_start: int,
        after_date: bool,
        title_from: int | None = None,
        title: str | None = None,
    ) -> set[str]:
        text = r.text
        clause = r.clauses[k]
        r.used_hits.add(hit.start)
        if self.as_of_before(text, hit):
            # 截至2025年6月底,全县累计识别监测对象320户 in a plan of July: a figure, no deadline
            self.note(
                NoteKind.SKIPPED,
                r.passage.where(hit.start),
                f"{hit.found.text!r} dates what was reached before the reference date "
                f"{self.reference}: not a deadline, no milestone",
                sentence=text[clause.start : clause.end],
                phrase=hit.found.text,
            )
            return set()
        owners, subject = self.owners_for(r, k, (hit.start, hit.end))
        body = text[clause.start : clause.end]
        # 并于6月底前报送: the 于 that dates the step is no word of its title
        before = _date_words_start(text, hit.start)
        unstripped = text[clause.start : hit.start] + text[hit.end : clause.end]  # (并于 alone)
        if title_from is not None:
            body = text[title_from:before] + text[hit.end : clause.end]
        elif not after_date:
            body = text[clause.start : before] + text[hit.end : clause.end]
            if subject is not None and subject[0] < hit.start:
                body = text[subject[1] : before] + text[hit.end : clause.end]
        if after_date and subject is not None and subject[0] >= clause.start:
            body = text[subject[1] : clause.end]
        if not after_date and subject is not None and subject[0] >= hit.end:
            body = text[subject[1] : clause.end]
        if (
            hit.found.remark
        ):  # 完成验收（遇节假日顺延）: the note is part of the date, not the title
            body = body.replace(hit.found.remark, "", 1)
        title = title or body.strip(",、;: ") or unstripped.strip(",、;: ")
        title = title or text[clause.start : clause.end]
        title = _work_after_modal(title, owners, r, k) or title
        item_text = text[text_start : clause.end]
        for period in periods_of(hit.found):
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

    def make_phase_milestone(self, r: Reading, first: int, stop: int) -> set[str]:
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

    def make_obligation(self, r: Reading, k: int, hit: Hit, due: Hit | None = None) -> set[str]:
        """Make the recurring duty of ``hit``; ``due`` is a date of the clause it took as its due."""
        text = r.text
        clause = r.clauses[k]
        cadence = hit.found.value
        assert isinstance(cadence, Cadence)  # noqa: S101 - the caller selects cadences
        r.used.append((clause.start, clause.end))
        owners, _ = self.owners_for(r, k, (hit.start, hit.end))
        parts = _CADENCE_PARTS.match(hit.found.text)
        # A phrase with a due rule (每年1月15日前, 每周三 …) holds no verb, only the rule (a
        # due taken from the clause's next January is no part of the phrase)
        ruled = due is None and cadence != Cadence(
            frequency=cadence.frequency,
            min_count=cadence.min_count,
            max_count=cadence.max_count,
        )
        verb = parts.group("verb") if parts is not None and not ruled else ""
        verb = re.sub(r"^(?:至少|不少于)", "", verb)
        opening = max(clause.start, _date_words_start(text, hit.start))  # 应当于每年…: 于 too
        title = text[clause.start : opening] + verb + text[hit.end : clause.end]
        if due is not None and due.start >= hit.end:  # 每年工作总结于下年度1月10日前报送
            cut = max(hit.end, _date_words_start(text, due.start))
            title = text[clause.start : hit.start] + verb + text[hit.end : cut]
            title += text[due.end : clause.end]
        elif hit.found.text == cadence.text and _NEXT_JANUARY.fullmatch(cadence.text):
            # 并于下年度1月10日前报…: the duty is 报…
            opens = max(clause.start, _date_words_start(text, hit.start))
            title = text[clause.start : opens] + text[hit.end : clause.end]
        if hit.found.remark:
            title = title.replace(hit.found.remark, "", 1)
        title = re.sub(r"“[,、]+", "“", title)
        title = re.sub(r"[,、]+”", "”", title).replace("“”", "").strip(",、 ")
        inside = any(a <= hit.start < b for a, b in r.quoted)
        self.add(
            "obligation",
            r,
            clause.start,
            title=title or hit.found.text,
            text=text[clause.start : clause.end],
            cadence=evolve(cadence, text=cadence.text if hit.found.remark else hit.found.text),
            owners=tuple(owners),
            tracking=TrackingMode.STANDARD if inside else TrackingMode.REPORTED,
        )
        return {o.id for o in owners}

    def make_limit(self, r: Reading, clause: Clause, hit: Hit) -> None:
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
        r: Reading,
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
                periods = list(periods_of(source.found)) or [None]
            elif r.ctx.phase is not None and not finding.zero:
                periods = [r.ctx.phase.when]
            else:
                periods = [None]
            periods = [p if p is not None and p.end is not None else None for p in periods]
            for p in periods:
                if p is not None and p.end is not None:
                    self.latest = max(self.latest, p.end)
            statement = text[start : clause.end]
            if source is not None and self.stated_result(text, source, finding, periods):
                self.note(
                    NoteKind.SKIPPED,
                    r.passage.where(finding.start),
                    f"{finding.text!r} is a result stated for {source.found.text!r}, before the "
                    f"reference date {self.reference}, with no 到/力争/确保: not a target",
                    sentence=statement,
                    phrase=finding.text,
                )
                continue
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

    def as_of_before(self, text: str, hit: Hit) -> bool:
        """Whether ``hit`` is "截至X" dating a fact: X ends before the reference date.

        "截至2025年6月底,全县累计识别监测对象320户" in a plan of July 2025 states a figure; a
        plan sets no deadline already past. A deadline's wording keeps it one: 前 at its end
        ("截至2025年6月底前完成"), or 力争, 确保, 要 … right before it or right after it
        ("截至2025年6月底,各乡镇要完成…").
        """
        value = hit.found.value
        if not (
            hit.found.text.startswith(_AS_OF)
            and isinstance(value, Period)
            and value.end is not None
            and value.end < self.reference
        ):
            return False
        if hit.found.text.endswith(("前", "为止")):
            return False
        before = re.split(r"[,，。;；:：]", text[max(0, hit.start - 6) : hit.start])[-1]
        after = text[hit.end : hit.end + 30].lstrip(",， ")
        after = re.split(r"[,，。;；]", after)[0]
        return not before.endswith(_INTENT) and _INTENT_AFTER.search(after) is None

    def stated_result(
        self, text: str, source: Hit, finding: Finding, periods: list[Period | None]
    ) -> bool:
        """Whether a target dated by ``source`` states a result reached before the plan.

        ``2015年,人均预期寿命达到76.34岁`` in a plan of 2016: every period ends before the
        reference date and nothing says the value is still to be reached (到2015年, 力争,
        确保, 2015年底前).
        """
        if finding.soft or any(p is None or p.end is None for p in periods):
            return False
        if any(p.end >= self.reference for p in periods if p is not None and p.end is not None):
            return False
        return (
            _DEADLINE_WORDING.search(source.found.text) is None
            and _STILL_TO_REACH.search(text[max(0, source.start - 4) : source.start]) is None
            and _STILL_TO_REACH.search(text[source.end : finding.start]) is None
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

    def unattached(self, r: Reading, attached: dict[int, set[str]]) -> None:
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


_NEXT_JANUARY = re.compile(
    r"(?:下一?年度?|次年|翌年|第二年)(?:1|一)月(?:(?P<day>3[01]|[12]\d|0?[1-9]|三十一?|"
    r"二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]|(?P<end>底|末))?(?:前|之前|以前)"
)
"""The next January, by when each year's work is due (下年度1月10日前, 次年1月底前)."""


def _yearly(hit: Hit) -> bool:
    value = hit.found.value
    return isinstance(value, Cadence) and value.frequency is Frequency.YEARLY


def _fold_next_january(
    cadences: list[Hit], following: list[Hit], clause: Clause
) -> tuple[list[Hit], dict[int, Hit]]:
    """Give the next January's dates of a sentence with a yearly duty to its yearly duties.

    A yearly duty of the same clause with no due of its own takes the date (每年工作总结于
    下年度1月10日前报送: one duty, due each 10 January after its year); otherwise the date is a
    yearly duty of its own (每年12月底前完成…,并于下年度1月10日前报送: the report, due each
    January), not one milestone of the plan's first year.
    """
    out = list(cadences)
    folded: dict[int, Hit] = {}
    for hit in following:
        match = _NEXT_JANUARY.fullmatch(hit.found.text)
        assert match is not None  # noqa: S101 - selected by the caller
        written = match.group("day")
        day = (int(written) if written.isdigit() else chinese_number(written)) if written else None
        bare = [
            i
            for i, h in enumerate(out)
            if clause.start <= h.start < hit.start and _yearly(h) and _no_due(h.found.value)
        ]
        if bare:
            own = out[bare[0]]
            value = own.found.value
            assert isinstance(value, Cadence)  # noqa: S101 - a yearly duty's
            out[bare[0]] = Hit(
                evolve(own.found, value=evolve(value, due_next_month=True, due_day=day))
            )
            folded[own.start] = hit
        else:
            cadence = Cadence(
                frequency=Frequency.YEARLY, due_next_month=True, due_day=day, text=hit.found.text
            )
            out.append(Hit(evolve(hit.found, value=cadence)))
    return sorted(out, key=lambda h: h.start), folded


def _each_year(r: Reading, opens: int, clause: Clause, hit: Hit, here: list[Hit]) -> bool:
    """Whether a next January's date in a sentence with a yearly duty is due every year.

    Not when a year is named before it in its sentence (2025年度考核结果于次年1月底前报送: the
    January of 2026), when it dates a target (次年1月底前考核优秀率达到90%), nor when it stands
    alone in its clause (每年开展一次考核,次年1月10日前: whose date, the duty's or the item's, is
    unsure).
    """
    text = r.text
    if _NAMED_YEAR.search(text, opens, hit.start):
        return False
    words = (text[clause.start : hit.start] + text[hit.end : clause.end]).strip(" ,、;:")
    if not words.removeprefix("并").lstrip("于在").strip():
        return False
    blocked = tuple((h.start, h.end) for h in here)
    return not find_targets(text, clause.start, clause.end, quoted=r.quoted, blocked=blocked)


_NAMED_YEAR = re.compile(
    r"\d{2,4}\s*年|[〇零一二三四五六七八九]{4}年|[今本当首该同]年|本年度|上年|去年|明年"
)
"""A year named before a next January (2025年度, 今年, 本年度): the January after that year."""


def _no_due(cadence: object) -> bool:
    """Whether a cadence says how often only, not by when (每年, 每年1次; not 每年12月底前)."""
    return isinstance(cadence, Cadence) and cadence == Cadence(
        frequency=cadence.frequency, min_count=cadence.min_count, max_count=cadence.max_count
    )


def text_of(text: str, clause: Clause) -> str:
    """Return the words of a clause, without the marks around them."""
    return text[clause.start : clause.end].strip(" ,、;:。")


def _date_words_start(text: str, at: int) -> int:
    """Return where the words dating a step begin, before its date at ``at`` (并于, 于, 在).

    A 于 or 在 right before the date is the date's (于2025年底前完成, 总结于…报送, 要在…报送;
    并于: both go), unless it ends a word of its own (定于, 不迟于, 在于, 位于, 用于; 旨在, 放在).
    """
    if at == 0 or text[at - 1] not in "于在":
        return at
    if text[max(0, at - 2) : at] == "并" + text[at - 1]:
        return at - 2
    if text[max(0, at - 2) : at] in _WORDS or text[max(0, at - 3) : at] in _WORDS:
        return at
    return at - 1


_WORDS = frozenset(
    [first + "于" for first in "迟早等关由至属基鉴出处善急便易难利乐勇敢在定终晚始位用限高低大小多少"
     "对过趋归陷忙苦安甘精长见源免力足眼决助注焦"]
    + [first + "在" for first in "旨重放定落处存现正实所内外自好发"]
    + ["相当于", "服务于"]
)  # fmt: skip
"""Words ending in 于 or 在 (定于, 不迟于, 位于, 相当于; 旨在, 放在): the 于/在 is no date's there
(应当于, 任务于 are a date's)."""


_MODAL_END = re.compile(r"(?:要|应当?|须|必须|务必|需要?|将)(?:于|在)?$")
"""Words of duty left at a title's end when the work follows the date (县民政局要于6月底前,对…)."""


def _work_after_modal(title: str, owners: list[Owner], r: Reading, k: int) -> str:
    """Return the work a clause leaves to the next when a title is its owner and a modal only.

    ``县民政局要于2019年12月底前,对试点情况进行总结`` titled its milestone ``县民政局要``: the work is
    the next clause of the sentence (``对试点情况进行总结``); "" when there is none.
    """
    bare = _MODAL_END.sub("", title).strip(",、 ")
    if bare == title or (bare and bare not in {o.name for o in owners}):
        return ""
    text, clauses = r.text, r.clauses
    if k + 1 >= len(clauses) or clauses[k + 1].segment != clauses[k].segment:
        return ""
    following = text[clauses[k + 1].start : clauses[k + 1].end].strip(",、;: 。")
    return "" if not following or _TIME_WORDS.search(following) else following


_TIME_WORDS = re.compile(r"\d{4}年|\d{1,2}月|季度|年底|年内|每[年月周]")


def periods_of(found: Found) -> list[Period]:
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


def _staged(own: list[Hit], findings: list[Finding]) -> list[tuple[Hit, Finding]]:
    """Pair each target with the date just before it, when a clause has one date per target.

    Empty unless there are several dates and several targets and every target has a date of
    its own before it.
    """
    if len(own) < 2 or len(findings) < 2:
        return []
    pairs: list[tuple[Hit, Finding]] = []
    for finding in findings:
        before = [h for h in own if h.end <= finding.start and has_end(h.found)]
        if not before or any(before[-1] is hit for hit, _ in pairs):
            return []
        pairs.append((before[-1], finding))
    return pairs


def has_end(found: Found) -> bool:
    value = found.value
    if isinstance(value, PeriodSeries):
        return all(p.end is not None for p in value.periods)
    return isinstance(value, Period) and value.end is not None


def _policy_window(text: str, clauses: tuple[Clause, ...], first: int, stop: int, hit: Hit) -> bool:
    """Whether ``hit`` is a range in which a support applies, not a deadline.

    ``2019年1月1日至12月31日,对…参保企业返还…``: a range with its own start, in a sentence that
    grants a subsidy, refund or exemption and asks for no deliverable.
    """
    value = hit.found.value
    if not isinstance(value, Period) or value.start is None or value.end is None:
        return False
    if _RANGE_WORD.search(hit.found.text) is None:
        return False
    sentence = text[clauses[first].start : clauses[stop - 1].end]
    return _ENTITLEMENT.search(sentence) is not None and _DELIVERABLE.search(sentence) is None


def _by_year_in_task(r: Reading, hit: Hit) -> bool:
    """Whether ``hit`` is ``到2020年`` opening a sentence of a task: the year the step is due by."""
    value = hit.found.value
    return (
        r.ctx.task is not None
        and hit.found.text.startswith("到")
        and isinstance(value, Period)
        and value.start is None
        and value.end is not None
    )


_DEADLINE_WORDING = re.compile(r"^(?:力争|确保|争取)?(?:到|至)(?!今)|(?:前|以前|之前)$")
"""A time phrase that sets a deadline (到2015年, 2015年底前) rather than dating a fact."""
_STILL_TO_REACH = re.compile(r"力争|确保|争取|要|将|计划|预计|目标")
"""Words around a target that say the value is still to be reached."""
_AS_OF = ("截至", "截止")
"""How a time phrase dating a figure starts ("截至2025年6月底,全县累计…")."""
_INTENT = ("力争", "确保", "争取", "务必", "必须", "要", "须", "将", "计划", "预计")
"""Words right before 截至X that make it a deadline ("确保截至6月底完成")."""
_INTENT_AFTER = re.compile(
    r"力争|确保|争取|务必|必须"
    r"|(?<!已经)(?<!重新)(?<![已曾主重纲概摘供相响适对反效])(?:要|须|将|应当?)(?![求急近])"
)
"""Words in the clause after 截至X that make it a deadline ("截至6月底,各乡镇要完成", 需要, 必将);
not in 已将, 已经将, 曾将, 重新将 (done), 将近 (about), 主要, 重要, 供应, 应急 …"""
_COMPARED_BEFORE = ("比", "较", "同")
_LAST_YEAR = re.compile(r"^到?(?:上一?年度?|去年|前一年度?)$")
_NOT_A_NOUN = frozenset("底末前内以之起同至到")


def _compared_with(text: str, hit: Hit) -> bool:
    """Whether ``hit`` is the base a value is compared with (比2010年, 较上年, 与2015年相比).

    >>> from xiaojie.dates import Found, Period
    >>> import datetime as dt
    >>> year = Period(dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    >>> _compared_with("收入比2010年实现翻一番", Hit(Found("2010年", 3, year)))
    True
    >>> _compared_with("2010年完成", Hit(Found("2010年", 0, year)))
    False
    """
    before = text[hit.start - 1] if hit.start > 0 else ""
    if before in _COMPARED_BEFORE:
        return True
    return before == "与" and text.startswith(("相比", "比较"), hit.end)


def _of_last_year(text: str, hit: Hit) -> bool:
    """Whether ``hit`` is 上年度 naming last year's figure (放宽到上年度全国…控制目标).

    A bare 上年度 or 去年 followed by the noun it qualifies is a level, not a time: no
    deadline is due at the end of last year.
    """
    if _LAST_YEAR.match(hit.found.text) is None or hit.end >= len(text):
        return False
    following = text[hit.end]
    return "\u4e00" <= following <= "\u9fff" and following not in _NOT_A_NOUN


def _opens_with_year(text: str, sentence_start: int, hit: Hit) -> bool:
    """Whether ``hit`` is 到2018年 (a year, no month) opening its sentence, after 力争 or 确保."""
    lead = text[sentence_start : hit.start]
    return (
        lead in ("", "力争", "确保", "争取")
        and hit.found.text.startswith("到")
        and is_frame(hit.found)
    )


_BARE_YEAR = re.compile(r"\d{4}年度?")
_PLAN_NOUN = re.compile(
    r"(?:培训|工作|实施|行动|建设|年度)?(?:计划|方案|要点|清单)(?=[,，。;；、的]|$)"
)


_STAMP_KEY_BEFORE = re.compile(
    r"(?:发布|发布时间|发布日期|颁布时间|颁布日期|颁发日期|公开日期|公布时间|公布日期|更新时间|"
    r"更新日期|发表时间|发表日期|生成日期|成文日期|发文日期|印发日期)\s*[:：]\s*$"
)
_PAGE_COUNTERS = re.compile(
    r"(?:浏览|点击|阅读|访问)(?:次数|量|数)?\s*[:：]\s*\d|【字体|字体\s*[:：]\s*[大中小]|\d次收藏"
)
"""A page's counters and buttons (浏览:3013, 【字体:大 中 小】): a line holding them is the page's,
not the plan's (浏览器, 浏览量 in an item's words are no counters)."""
_STAMPED_DAY = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s?\d{1,2}[:：]\d{2}")
"""A day in digits and a clock time, as a page stamps when it was put up (2023-01-05 10:00)."""


def _page_stamp(text: str, hit: Hit) -> bool:
    """Whether a day is when a page or file was put up, not a time of the plan's work.

    A day written in digits with a clock time after it (``2023-01-05 10:00``; not
    ``2025年6月30日14:30召开``, a meeting's time) or after a page's key (``发布:2019-04-17浏览:3013``,
    ``颁布时间:2016-04-06``) stands in a page's residue; the document's own date is read from its
    header (:func:`header_line`), not from such a line. Asked only of the words above a plan's
    items and of lines holding a page's counters (``浏览:3013`` below the last item): inside an
    item such a day is its own (``截止日期:2025/6/30 18:00``, ``结果发布:…``).

    >>> from xiaojie.dates import Found, Period
    >>> import datetime as dt
    >>> day = Period(dt.date(2019, 2, 20), dt.date(2019, 2, 20))
    >>> stamp = Hit(Found("2019-02-20 11:02", 6, day))
    >>> _page_stamp("发布时间: 2019-02-20 11:02", stamp), _page_stamp("2019-02-20前完成", Hit(Found("2019-02-20", 0, day)))
    (True, False)
    """
    value = hit.found.value
    if not isinstance(value, Period) or value.start is None or value.start != value.end:
        return False
    before = text[max(0, hit.start - 8) : hit.start]
    return bool(_STAMPED_DAY.match(hit.found.text) or _STAMP_KEY_BEFORE.search(before))


def _names_a_plan(text: str, hit: Hit) -> bool:
    """Whether a bare year names a plan document ("2023年培训计划,培养…"), not a time frame.

    >>> from xiaojie.dates import Found, Period
    >>> import datetime as dt
    >>> text = "做实2023年培训计划,培养不少于3500名基层医生。"
    >>> hit = Hit(Found("2023年", 2, Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31))))
    >>> _names_a_plan(text, hit), _names_a_plan("2023年完成培训。", Hit(Found("2023年", 0, hit.found.value)))
    (True, False)
    """
    return bool(_BARE_YEAR.fullmatch(hit.found.text)) and bool(_PLAN_NOUN.match(text, hit.end))
