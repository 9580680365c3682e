"""Responsibility clauses: who leads, who supports, who implements, who answers for an item.

A clause is read by the first of :data:`CLAUSE_READERS` that accepts it; each reader is one
small function from the clause's content (without brackets) to a :class:`Duty`, so a new format
is one new function in that tuple. The formats seen in the wild::

    牵头单位:A;责任单位:B、C;责任人:张三;完成时限:2021年底前     labelled parts
    部门分工:省发展改革委牵头,各地、各部门配合                     a label, then role verbs
    A、B牵头;C、D配合;各州(市)党委和政府落实                      lead / support / implement
    由A牵头,B、C配合          A牵头,各有关部门按职责分工负责
    A、B、C等按职责分工负责     国务院各部门分别负责,年内持续推进   first listed leads (a guess)
    A、B                                                            a bare list of bodies

Only body-like names (:func:`body_like`) become units; other fragments are kept as text in
:attr:`Duty.leftovers` and reported. A time phrase in a clause is the item's deadline.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING
from unicodedata import normalize

import attrs

from xiaojie.dates import Cadence, Period, PeriodSeries, find_when
from xiaojie.parsing._catalogue import bundled_catalogue
from xiaojie.parsing._owners import cut_spaces, group_spans, split_names
from xiaojie.parsing._text import is_residue, split_outside


if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = [
    "CLAUSE_READERS",
    "LABEL_RE",
    "Duty",
    "body_like",
    "find_clauses",
    "find_responsibility",
    "goes_on",
    "heading_persons",
    "parse_responsibility",
    "unread_clauses",
]

_LEAD_LABELS = (
    "主要责任单位",
    "牵头责任单位",
    "牵头单位",
    "牵头部门",
    "牵头负责部门",
    "主责单位",
    "主责部门",
    "主办单位",
    "责任牵头单位",
)
_SUPPORT_LABELS = (
    "其他责任单位",
    "协同配合单位",
    "协作单位",
    "协同责任单位",
    "配合责任单位",
    "配合单位",
    "配合部门",
    "协办单位",
    "协办部门",
    "参与单位",
    "参与部门",
    "协同单位",
    "协同部门",
    "协助单位",
)
_IMPLEMENT_LABELS = ("落实单位", "实施单位", "实施主体")
_GENERIC_LABELS = (
    "具体责任单位",
    "承办单位",
    "责任单位",
    "责任部门",
    "负责部门",
    "负责单位",
    "责任主体",
    "部门分工",
    "责任分工",
    "任务分工",
    "职责分工",
)
_PERSON_LABELS = (
    "牵头负责领导",
    "牵头县领导",
    "牵头市领导",
    "县级领导",
    "市级领导",
    "分管省领导",
    "分管市领导",
    "分管县领导",
    "分管区领导",
    "责任领导",
    "分管领导",
    "牵头领导",
    "联系领导",
    "包抓领导",
    "责任人",
    "负责人",
)
_DEADLINE_LABELS = (
    "完成时限",
    "完成时间",
    "完成日期",
    "截止时间",
    "截止日期",
    "办结时间",
    "时间节点",
    "时限要求",
    "完成期限",
    "办结时限",
    "时间进度",
    "进度安排",
    "时间安排",
)
_OTHER_LABELS = (
    "适用范围",
    "实施范围",
    "适用地区",
    "试点范围",
    "试点地区",
    "覆盖范围",
    "工作目标",
    "预期成果",
    "成果形式",
    "备注",
)
"""Labelled parts that name no unit (``适用范围:所有自贸试验区``): read past, never units."""
_ROLE_OF_LABEL = {
    **dict.fromkeys(_LEAD_LABELS, "lead"),
    **dict.fromkeys(_SUPPORT_LABELS, "support"),
    **dict.fromkeys(_IMPLEMENT_LABELS, "implement"),
    **dict.fromkeys(_GENERIC_LABELS, "generic"),
    **dict.fromkeys(_PERSON_LABELS, "person"),
    **dict.fromkeys(_DEADLINE_LABELS, "deadline"),
    **dict.fromkeys(_OTHER_LABELS, "other"),
}
_LABELS = sorted(_ROLE_OF_LABEL, key=len, reverse=True)
_ALTERNATIVES = "|".join(_LABELS)
LABEL_RE = re.compile(f"(?:【(?P<boxed>{_ALTERNATIVES})】\\s*:?|(?P<plain>{_ALTERNATIVES})\\s*:)")
"""A label and its colon, as normalised text writes them (``牵头单位:`` or ``【牵头单位】``)."""


def _label(match: re.Match[str]) -> str:
    return match.group("boxed") or match.group("plain")


_VERBS: tuple[tuple[str, str], ...] = (
    ("lead", r"为牵头单位|为牵头部门|为主责单位|负责牵头|牵头负责|牵头抓总|负总责|牵头|主责"),
    (
        "support",
        (
            r"为配合单位|为配合部门|为协办单位|为参与单位|按职责分工配合|按职责配合|配合落实|"
            r"协同配合|共同配合|配合|协助|协同|参与|参加|协办"
        ),
    ),
    (
        "implement",
        (
            r"具体落实|负责落实|切实抓好落实|抓好落实|推进落实|贯彻落实|狠抓落实|认真落实|切实落实|确保落实|"
            r"组织落实|组织实施|"
            r"负责实施|具体实施|持续推进|督办落实|督促落实|督导落实|落实"
        ),
    ),
    (
        "generic",
        (
            r"为责任单位|为责任部门|按照职责分工负责|按职责分工负责|按职责分工落实|按职责落实|"
            r"按职责分别负责|按职责负责|按职能职责负责|分别负责|"
            r"共同负责|分工负责|各负其责|负责|指导"
        ),
    ),
)
_VERB_RE = re.compile(
    "(?:" + "|".join(f"(?P<{role}>{pattern})" for role, pattern in _VERBS) + r")$"
)
_KIN = r"(?:(?:省|市|县|区|州|盟|旗)(?:直|级)?(?:相关|有关)|相关|有关)?"
"""What may stand between 等 and the 部门 closing a list: ``有关``, or a level and ``有关``
(``等省有关部门``, ``等市直相关单位``)."""
_ETC = re.compile(rf"(?:等{_KIN}(?:部门|单位)(?:和|及)(?:部门|单位)|等{_KIN}(?:部门|单位)?)$")
_AND_MORE = re.compile(rf"等{_KIN}(?:部门|单位)?(?:和|及|与)(?!(?:部门|单位)$)")
_TIME_LIKE = re.compile(
    r"\d{4}年|年内|年底|年末|年前|\d{1,2}月|上半年|下半年|季度|长期|持续|常态|逐年|每年|"
    r"\d{4}[-./]\d{1,2}"
)
_BODY_END = re.compile(
    r"(?:局|厅|委|办|部|院|会|社|行|署|处|所|站|队|室|馆|校|组|公司|集团|中心|政府|党委|支部|"
    r"总支|单位|部门|机关|机构|办公室|委员会|管委会|法院|检察院|残联|妇联|团委|工会|科协|"
    r"村委会|居委会|乡镇|街道|各地|地区|开发区|园区|新区|专班|工作组|指挥部|办事处|镇街|"
    r"海关|监狱|气象台|电视台|电台|林场|农场|牧场|渔场|机场|高新区|经开区|保税区|示范区|试验区)$"
)
_NOT_BODY = re.compile(
    r"[,。;:!?]|\d{3,}|会议$|大会$|机制$|制度$|社会$|体系$|部署$|^(?:医生)?团队$|"
    r"^(?:根据|按照|依据|依照|通过|对于|对|在|将|把|为|加强|推进|做好|确保)|"
    r"不少于|不低于|不多于|不超过|不高于|全年|每年|每季度?|每月|每周|"
    r"^(?:以下|下文)?(?:简称|统称|称)|^(?:试行|暂行|草案|修订稿?|征求意见稿|送审稿)$|"
    r"(?:执行|进行|实行|运行|施行|推行|履行|试行|暂行|自行|另行|先行|通行)$"
)
"""What no body's name holds: punctuation, long numbers, things (会议, 机制 …), a sentence's
opening verb, an amount or a frequency (``各单位全年不少于一场`` is a note on an amount), a name a
bracket gives (``以下简称县整治办``), a draft's status (``试行``) or a verb ending a note (``…按规定执行``)."""


_EACH_WORDS = re.compile(
    r"(?:单位|部门|乡镇|镇|村|地|级|区|县|市|社区|街道|政府|党委)"
    r"(?:要|应(?!急)|须|务必|必须|把|将|切实|确保|坚持|认真|严格|全力|积极|主动|履行)|高度重视|摆在|站位|"
    r"进一步|主体责任|同志|亲自|^各项"
)
"""Words of a sentence that no group named with 各 holds (各部门要高度重视, 各乡镇把…摆在…; not
各应急管理站, 各要素保障部门)."""


@functools.lru_cache(maxsize=8192)
def body_like(name: str) -> bool:
    """Whether ``name`` can be a responsible body: it ends like one, or the catalogue knows it.

    Examples
    --------
    >>> body_like("省发展改革委"), body_like("各地"), body_like("年内持续推进")
    (True, True, False)
    >>> body_like("根据国家有关规定开展工作"), body_like("各单位全年不少于一场")
    (False, False)
    """
    if len(name) < 2 or len(name) > 40 or _NOT_BODY.search(name) or name in _ROLE_OF_LABEL:
        return False
    bare = _TRAILING_NOTE.sub("", name) or name
    if bare.startswith("各") and len(bare) <= 20:
        return _EACH_WORDS.search(bare) is None  # 各部门要高度重视: words, not a group
    return _BODY_END.search(bare) is not None or bundled_catalogue().knows(bare)


_PERSON = re.compile(r"(?:省长|市长|县长|区长|州长|乡长|镇长|秘书长|书记|主任|领导|同志)$")


_AND = re.compile(r"会同|及|和|与")
_PERSON_SPLIT = re.compile(r"[、,;]")


def _split_and(name: str) -> list[str]:
    """Split ``A及B`` / ``A和B`` / ``A会同B`` when both sides are bodies (not 党委和政府, 人力资源和社会保障局).

    Examples
    --------
    >>> _split_and("县住建局及各乡镇"), _split_and("县人力资源和社会保障局")
    (['县住建局', '各乡镇'], ['县人力资源和社会保障局'])
    """
    if not _AND.search(name):
        return [name]
    groups = group_spans(name)
    for match in _AND.finditer(name):
        if any(a < match.start() < b for a, b in groups):
            continue  # 各乡镇和街道办事处 is one group
        left, right = name[: match.start()], name[match.end() :]
        # a short right side is words (人力资源和社会保障局), unless it is 各乡镇, 各区 …
        # or a level's body (县委和县政府)
        whole = (
            len(right) >= 4
            or (right.startswith("各") and len(right) >= 2)
            or (len(right) >= 3 and right[0] in "省市县区州旗盟乡镇")
        )
        if whole and body_like(left) and body_like(right):
            return [left, *_split_and(right)]
    return [name]


_LEAD_MARK = re.compile(r"\((?:牵头|牵头单位|牵头部门|主责|主责单位)\)$")
_TRAILING_NOTE = re.compile(r"\([^()]*\)$")


def _loose_name(name: str) -> bool:
    return (
        2 <= len(name) <= 24
        and not _NOT_BODY.search(name)
        and not _TIME_LIKE.search(name)
        and name not in _ROLE_OF_LABEL
    )


@attrs.frozen
class Duty:
    """A responsibility clause read into roles.

    Parameters
    ----------
    units_text
        The clause's content as written.
    leads, supports, implements
        Names of the units in each role (牵头 / 配合, 协办, 参与 / 落实), in the clause's order.
    persons
        Named persons and offices (责任人, 分管领导), kept as text, never as units.
    deadline
        A time phrase the clause gives (完成时限:…, 年内持续推进), as written.
    guessed
        Whether the lead was taken as the first listed unit (no 牵头 in the clause).
    leftovers
        Fragments that are not body-like and were kept as text.
    written
        The names of :attr:`names` as written, before a level prefix was carried over.
    assisting
        The names (of :attr:`names`) that a support word or label names (配合, 协办, 参与,
        ``配合单位:``): they support the lead, where the others after it share its
        responsibility (责任单位, a 负责 or 会同 list).
    standing
        Implementers a remark of the clause names for every later item
        (``以下政策措施均需各县区人民政府落实,不再单独列出``); not units of this clause.
    """

    __module__ = "xiaojie.parsing"

    units_text: str
    leads: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    implements: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    deadline: str = ""
    guessed: bool = False
    leftovers: tuple[str, ...] = ()
    written: tuple[str, ...] = ()
    assisting: tuple[str, ...] = ()
    standing: tuple[str, ...] = ()

    @property
    def as_written(self) -> tuple[str, ...]:
        """Every name as the text wrote it (before a level prefix was carried), leads first."""
        return self.written if len(self.written) == len(self.names) else self.names

    @property
    def others(self) -> tuple[str, ...]:
        """Every name that is not a lead: supports, then implementers."""
        return self.supports + self.implements

    @property
    def names(self) -> tuple[str, ...]:
        """Every name, leads first."""
        return self.leads + self.others

    @property
    def labelled_lead(self) -> bool:
        """Whether the clause says who leads (the opposite of :attr:`guessed`)."""
        return not self.guessed

    def merged(self, other: Duty) -> Duty:
        """Return this duty with ``other``'s names, persons and deadline added.

        When this duty says who leads and ``other`` only guessed its lead (a ``配合单位:`` or
        ``责任单位:`` line after a ``牵头单位:`` line), ``other``'s units all support.
        """
        if self.leads and not self.guessed and other.guessed:
            other = attrs.evolve(
                other, leads=(), supports=other.leads + other.supports, guessed=False
            )
        if (
            self.leads
            and other.leads
            and not other.guessed
            and "牵头" in other.units_text
            and not _LEAD_SAID.search(self.units_text)
        ):
            # 县医保局负责。由县民政局牵头…: the body said to 牵头 leads; a body in charge
            # before it shares the work (it led for being written first), one that only
            # 配合 supports, one that only carries the work out (各乡镇具体实施) implements
            first = _supporters(self)
            if first.leads and _only_implementing(first.units_text):
                first = _implementers(first)
            swapped = attrs.evolve(other, guessed=True).merged(attrs.evolve(first, guessed=True))
            # (each clause's deadline stays, in the order written)
            return attrs.evolve(
                swapped, guessed=False, deadline=_both(self.deadline, other.deadline)
            )
        return Duty(
            units_text=";".join(t for t in (self.units_text, other.units_text) if t),
            leads=self.leads + other.leads,
            supports=self.supports + other.supports,
            implements=self.implements + other.implements,
            persons=self.persons + other.persons,
            deadline=_both(self.deadline, other.deadline),
            assisting=self.assisting + other.assisting,
            guessed=self.guessed if self.leads else other.guessed,
            standing=other.standing or self.standing,
            leftovers=self.leftovers + other.leftovers,
            written=(
                self.as_written[: len(self.leads)]
                + other.as_written[: len(other.leads)]
                + self.as_written[len(self.leads) :]
                + other.as_written[len(other.leads) :]
            ),
        )


_LEAD_SAID = re.compile(r"牵头|主责|负总责|抓总|主要责任")
"""Words that say a body leads (牵头, 主责单位:, 主要责任单位:, 负总责), not only that it is in charge."""


def _both(first: str, second: str) -> str:
    """Return the deadlines of two clauses of one item, one a line (each a milestone), as written."""
    return "\n".join(dict.fromkeys(d for part in (first, second) for d in part.split("\n") if d))


def _depth_split(text: str, seps: str) -> list[str]:
    """Return the stripped, non-empty pieces of ``text`` split at ``seps`` outside brackets."""
    return [p.strip() for p in split_outside(text, seps) if p.strip()]


def _names(text: str, *, loose: bool = False) -> tuple[list[str], list[str]]:
    """Split a list into body-like names and leftovers.

    Under a label (``责任单位:``) every short name that is not a sentence or a date is a unit.
    """
    text = _AND_MORE.sub("、", text.strip().removeprefix("由").removeprefix("会同"))
    text = _ETC.sub("", text)
    names: list[str] = []
    rest: list[str] = []
    for name in (part for whole in split_names(text, carry=False) for part in _split_and(whole)):
        clean = _ETC.sub("", name).strip()
        if clean.startswith("请") and body_like(clean[1:]):
            clean = clean[1:]  # (请省科技厅、省财政厅负责): a request to the body
        if body_like(clean) or (loose and _loose_name(clean)):
            names.append(clean)
        elif clean:
            rest.append(clean)
    return names, rest


@attrs.define
class _Roles:
    lead: list[str] = attrs.Factory(list)
    support: list[str] = attrs.Factory(list)
    implement: list[str] = attrs.Factory(list)
    generic: list[str] = attrs.Factory(list)
    person: list[str] = attrs.Factory(list)
    deadline: list[str] = attrs.Factory(list)
    rest: list[str] = attrs.Factory(list)
    verbs: int = 0
    helping: set[str] = attrs.Factory(set)
    """Names a support word or label named (配合, 协办 …), not a 会同 list."""
    order: dict[str, int] = attrs.Factory(dict)
    """Where each name was first written, so the units after the lead keep the clause's order."""
    labelled: bool = False
    """Read from labels (责任单位:, 配合单位:): a lead named by no label is a guess."""

    def duty(self, units_text: str) -> Duty | None:
        lead, others = list(self.lead), list(self.support)
        guessed = False
        if not lead and self.generic:
            # one body 负责 beside bodies that 配合 or 落实 leads (县民政局负责,县医保局配合)
            lead = self.generic[:1]
            guessed = self.labelled or len(self.generic) > 1 or not (self.support or self.implement)
            others = self.generic[1:] + others
        else:
            others = others + self.generic
        last = len(self.order)
        others.sort(key=lambda name: self.order.get(name, last))
        if not lead and not others and not self.implement:
            if self.person or self.deadline:
                return Duty(
                    units_text=units_text,
                    persons=tuple(self.person),
                    deadline="、".join(self.deadline),
                )
            return None
        if not lead:
            # bodies that 落实 lead before bodies that only 配合 (县民政局组织落实,县医保局配合)
            helping_only = bool(others) and all(name in self.helping for name in others)
            from_others = bool(others) and not (self.implement and helping_only)
            pool = others if from_others else list(self.implement)
            lead, guessed = pool[:1], True
            if from_others:
                others = others[1:]
            else:
                self.implement = self.implement[1:]
        # Carry a list head's level prefix (省, 市, 县 …) over every role's names.
        written = [*lead, *others, *self.implement]
        everything = split_names("、".join(written))
        if len(everything) != len(written):
            everything = written
        a, b = len(lead), len(lead) + len(others)
        return Duty(
            units_text=units_text,
            leads=tuple(everything[:a]),
            supports=tuple(everything[a:b]),
            implements=tuple(everything[b:]),
            persons=tuple(self.person),
            deadline="、".join(self.deadline),
            guessed=guessed,
            leftovers=tuple(self.rest),
            written=tuple(written),
            assisting=tuple(
                name
                for name, as_written in zip(everything, written, strict=True)
                if as_written in self.helping
            ),
        )


def _chain_into(roles: _Roles, text: str, default: str, *, loose: bool = False) -> None:
    """Read ``A牵头,B配合;C落实`` segments into ``roles``; unmarked names take ``default``."""
    for segment in _depth_split(text, ",;。"):
        match = _VERB_RE.search(segment)
        role = default
        body = segment
        helping = role == "support"
        if match is not None:
            role = match.lastgroup or default
            helping = role == "support"
            body = segment[: match.start()]
            roles.verbs += 1
        elif segment.startswith("会同"):
            role, helping = "support", False
        names, rest = _names(body, loose=loose and match is None)
        persons = [r for r in rest if _PERSON.search(r)]
        if persons:
            roles.person.extend(persons)
            rest = [r for r in rest if r not in persons]
        if not names and _TIME_LIKE.search(segment):
            roles.deadline.append(segment)
            continue
        for name in names:
            marked = _LEAD_MARK.search(name)
            if marked is not None:
                roles.lead.append(name[: marked.start()])
                roles.verbs += 1
            else:
                getattr(roles, role).append(name)
                roles.order.setdefault(name, len(roles.order))
                if helping:
                    roles.helping.add(name)
        roles.rest.extend(rest)


_ANY_LABEL = re.compile(r"(?<=[,;])\s*[\u4e00-\u9fff]{2,6}\s*:")
"""A part after ``,`` or ``;`` that opens with a label of its own, known or not (``适用范围:``)."""


def _part_end(body: str, start: int, stop: int) -> int:
    """Where a labelled part's content ends: at the next label, known or not."""
    other = _ANY_LABEL.search(body, start, stop)
    return other.start() - 1 if other is not None else stop


def read_labelled(body: str) -> Duty | None:
    """``牵头单位:A;配合单位:B;责任人:…;完成时限:…`` (every part labelled).

    A part with a label that names no unit (``适用范围:…``), or with a label of no known kind
    after ``;`` or ``,``, ends the part before it and is read past.

    Examples
    --------
    >>> d = read_labelled("负责部门:商务部、海关总署;适用范围:所有自贸试验区,以下同")
    >>> d.leads, d.supports, d.leftovers
    (('商务部',), ('海关总署',), ())
    >>> read_labelled("负责单位:县发改局;完成时限:2021年底前").deadline
    '2021年底前'
    """
    matches = list(LABEL_RE.finditer(body))
    if not matches or matches[0].start() != 0:
        return None
    roles = _Roles(labelled=True)
    for index, match in enumerate(matches):
        stop = matches[index + 1].start() if index + 1 < len(matches) else len(body)
        stop = _part_end(body, match.end(), stop)
        content = body[match.end() : stop].strip().split("。", 1)[0].strip(",;。 ")
        role = _ROLE_OF_LABEL[_label(match)]
        if not content or role == "other":
            continue
        if role == "person":
            roles.person.extend(p for p in _PERSON_SPLIT.split(content) if p)
        elif role == "deadline":
            roles.deadline.append(content)
        else:
            _chain_into(roles, content, role, loose=True)
    if len(matches) == 1 and _ROLE_OF_LABEL[_label(matches[0])] == "generic":
        stop = _part_end(body, matches[0].end(), len(body))
        return roles.duty(body[matches[0].end() : stop].strip(",; "))
    return roles.duty(body)


def read_role_chain(body: str) -> Duty | None:
    """``A牵头,B、C配合;D落实`` and ``A、B等按职责分工负责`` (role verbs, no labels)."""
    roles = _Roles()
    _chain_into(roles, body, "generic")
    if roles.verbs == 0 or (roles.rest and not (roles.lead or roles.generic)):
        return None
    return roles.duty(body)


def read_bare_list(body: str) -> Duty | None:
    """``A、B、C``: a bracket holding only names of bodies; the first listed leads."""
    names, rest = _names(body)
    if not names or rest or len(names) > 30:
        return None
    return Duty(
        units_text=body,
        leads=(names[0],),
        supports=tuple(names[1:]),
        guessed=True,
        written=tuple(names),
    )


_YOU_HUITONG = re.compile(
    r"由(?P<lead>[^,。;:()由]{2,40}?)(?:牵头)?[,]?会同(?P<others>[^。;:]{2,200}?)"
    r"(?:等(?:有关|相关)?(?:部门|单位)|(?=[,。;]|$|负责|研究|共同|制定|开展|落实|推进|组织(?!部)))"
)
_YOU_QIANTOU = re.compile(r"由(?P<lead>[^,。;:()由]{2,40}?)牵头")
_HUITONG = re.compile(
    r"会同(?P<others>[^。;:]{2,200}?)(?:等(?:有关|相关)?(?:部门|单位)|(?=[,。;]|$))"
)

_SUBJECT_HUITONG = re.compile(
    r"(?:^|(?<=[,。;]))(?P<lead>[^,。;:()、]{2,30}?)会同(?P<others>[^。;:()]{2,200}?)"
    r"等(?:有关|相关)?(?:部门|单位)"
)


def _read_subject_huitong(match: re.Match[str]) -> Duty | None:
    """``X会同Y、Z等部门…`` opening a sentence part: X leads, Y and Z (at least two) support."""
    if not body_like(match.group("lead")):
        return None
    duty = _running(match.group("lead"), match.group("others"), match.group())
    if duty is None or duty.leftovers or len(duty.supports) < 2:
        return None
    return duty


def _read_you_huitong(text: str, match: re.Match[str]) -> Duty | None:
    """``由X会同Y、Z等部门…`` in running text: X leads, Y and Z support.

    ``由X牵头,会同Y、Z做好排查,W配合``: the role parts the 由X牵头 reader finds in the sentence
    (W) are added after Y and Z (W was lost).
    """
    duty = _running(match.group("lead"), match.group("others"), match.group())
    lead = _YOU_QIANTOU.match(text, match.start())
    if duty is None or lead is None or duty.leftovers:
        return duty
    more = _read_you_qiantou(text, lead, huitong=False)
    if more is None or more.leftovers or more.leads != duty.leads:
        return duty
    known = set(duty.names)
    supports = tuple(name for name in more.supports if name not in known)
    implements = tuple(name for name in more.implements if name not in known)
    if not supports and not implements:
        return duty
    return attrs.evolve(
        duty,
        supports=(*duty.supports, *supports),
        implements=(*duty.implements, *implements),
        written=(*duty.written, *supports, *implements),
        assisting=(*duty.assisting, *(name for name in more.assisting if name in supports)),
    )


def _read_you_qiantou(text: str, match: re.Match[str], *, huitong: bool = True) -> Duty | None:
    """``由X牵头,根据…,会同Y、Z等相关部门…``: X leads; bodies after 会同 in the sentence support.

    ``由X牵头,Y配合,年底前完成`` and ``由X牵头组织开展…,Y配合``: the parts ending the sentence
    that are bodies and their roles (before one deadline at most, left to the item's text) are
    read with it (Y was dropped), when the words between name no role of their own. So are the
    role parts right after X's (``由X牵头,Y配合,做好排查``; ``由X牵头负责,Y、Z具体实施,确保…``),
    when the words after them name no role of their own (``…,要求各乡镇负责到底``: the lead alone).
    ``huitong=False`` leaves out the bodies after 会同 (the caller has read them).
    """
    stop = text.find("。", match.end())
    sentence = text[match.end() : stop if stop >= 0 else len(text)]
    parts = sentence.split(",")
    ending = _ending_roles(parts)
    if ending is None or ending[0] == ending[1]:  # roles before steps with their times
        head = _before_timed_work(sentence)
        if head:
            parts = head.split(",")
            ending = _ending_roles(parts)
    first, end = ending or (len(parts), len(parts))
    opening = 1 if not parts[0].strip() or _VERB_RE.fullmatch(parts[0].strip()) else 0
    after = opening  # 由X牵头,Y配合,做好排查: the role parts right after X's are read too
    while opening and after < first and _role_part(parts[after].strip()):
        after += 1
    words = parts[after:first] if after > opening else parts[:first]
    if words and _VERB_RE.fullmatch(words[0].strip()):  # 由X牵头负责,Y配合: 负责 is X's
        words = words[1:]
    roles = [*parts[opening:after], *parts[first:end]]
    one_lead = len(_names(match.group("lead"))[0]) == 1  # 由A和B牵头: read whole, as before
    more = _HUITONG.search(sentence)
    others = more.group("others") if more is not None else ""
    if one_lead and roles and not _ROLES_IN_WORDS.search(",".join(words)):
        duty = parse_responsibility(",".join([match.group(), *roles]), bare=False)
        if duty is not None and not duty.leftovers and duty.leads:
            # …,Y配合,会同Z、W等部门…: the bodies after 会同 share the work, as they do alone
            joined, dropped = _others_names(others) if others and huitong else ([], [])
            fresh = tuple(name for name in joined if name not in duty.names)
            if dropped or not fresh:
                return duty
            return attrs.evolve(
                duty, supports=(*duty.supports, *fresh), written=(*duty.written, *fresh)
            )
    others = others if huitong else ""
    return _running(match.group("lead"), others, text[match.start() : match.end() + len(sentence)])


_WORK_START = re.compile(
    r"做好|抓好|搞好|开展|推进|推动|落实|加强|完善|建立|健全|组织|实施|制定|研究|共同|负责|督促|"
    r"指导|排查|核查|摸排|核实|跟踪|监测|统筹|协调|加快|强化|深化|认真|切实|及时|对接|审核|做实"
)
"""Words that open the work after the last body of a 会同 list (会同县财政局、县医保局做好排查)."""


def _body_before_work(piece: str) -> str:
    """Return the body opening ``piece`` when words of work follow it (县医保局做好排查), or ""."""
    for end in range(2, len(piece) - 1):
        head = piece[:end]
        if (
            _ROLE_BODY_END.search(head)
            and _WORK_START.match(piece, end)
            and not _NOT_IN_BODIES.search(head)
            and body_like(head)
        ):
            return head
    return ""


def _others_names(text: str) -> tuple[list[str], list[str]]:
    """Return the bodies of a 会同 list and its leftovers; the last may run on into the work."""
    others, dropped = _names(text)
    if len(dropped) == 1 and text.rstrip().endswith(dropped[0]):
        body = _body_before_work(dropped[0])  # 会同县财政局、县医保局做好排查: 县医保局
        more, rest = _names(body) if body else ([], [])
        if more and not rest:
            return [*others, *more], []
    return others, dropped


def _running(lead_text: str, others_text: str, units_text: str) -> Duty | None:
    leads, rest = _names(lead_text)
    others, dropped = _others_names(others_text) if others_text else ([], [])
    if len(leads) != 1 or rest:
        return None
    written = [*leads, *others]
    names = split_names("、".join(written))
    if len(names) != len(written):
        names = written
    return Duty(
        units_text=units_text,
        leads=tuple(names[:1]),
        supports=tuple(names[1:]),
        written=tuple(written),
        leftovers=tuple(dropped),
    )


CLAUSE_READERS: tuple[Callable[[str], Duty | None], ...] = (
    read_labelled,
    read_role_chain,
    read_bare_list,
)
"""The clause formats, tried in order; the first that returns a :class:`Duty` wins."""


_FIRST_LEADS = re.compile(
    r"[,;。]\s*(?:排在|排|列在?)第一位(?:的|者)?(?:部门|单位)?为牵头(?:部门|单位)"
    r"(?:[,;]?\s*(?:下同|余同|以下同))?$"
)
"""The convention a clause may state about itself: ``…负责,排在第一位的部门为牵头部门,下同``."""

_LEAD_NOTE = re.compile(
    r"[(（]\s*(?:排在|排|列在?|居)?(?:首位|第一位|第一个|最前)(?:的|者)?(?:部门|单位)?(?:为|是)"
    r"牵头(?:部门|单位)(?:[,;，；]?\s*(?:下同|余同|以下同))?\s*[)）]"
)
"""The same convention written as a note after the first name of a list:
``县发改局(首位单位为牵头单位,下同)、县财政局``. Not a clause, and not part of the name."""

_SEMICOLON_LABEL = re.compile(f"^(?:{_ALTERNATIVES})\\s*;")
"""A label opening a clause with a semicolon typed for its colon (``责任单位;住建局、畜牧局``)."""

_STANDING_REMARK = re.compile(
    r"[。;]\s*以下[^。;]*(?:不再(?:单独|另行|一一|逐一)?(?:列出|列举|列明|标注)|下同)$"
)
"""A remark after a clause's units that names an implementer for every later item
(``…负责落实。以下均需试点城市政府落实,不再列出``): not part of this clause's list."""

_STANDING_WHO = re.compile(
    r"以下[^。;,]*?(?:均需|均由|均要|都需|需要|需|由)(?P<who>[^。;,]{2,80}?)(?:负责|组织|抓好)?落实"
)
"""The implementers a standing remark names (``以下政策措施均需各县区人民政府、园区管委会落实``)."""


def standing_implementers(remark: str) -> tuple[str, ...]:
    """Return the bodies a standing remark names as implementers of every later item.

    Examples
    --------
    >>> standing_implementers("以下政策措施均需各县区人民政府、园区管委会落实,不再单独列出")
    ('各县区人民政府', '园区管委会')
    >>> standing_implementers("以下同")
    ()
    """
    who = _STANDING_WHO.search(remark)
    if who is None:
        return ()
    names, rest = _names(who.group("who"))
    return () if rest else tuple(names)


_CONTACT_WORDS = "联系人|联络人|联络员|联系电话|联系方式|联系手机|办公电话|咨询电话|电话|手机|座机"
_PHONE = r"(?<![0-9-])(?:1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8}(?:-[0-9]{1,5})?)(?![0-9])"
_CONTACT_BRACKET = re.compile(rf"\((?:[^()]*?(?:{_CONTACT_WORDS})[^()]*|[^()]*?{_PHONE}[^()]*)\)")
_CONTACT_PART = re.compile(
    rf"(?:^|[,;、])\s*(?:{_CONTACT_WORDS})(?:及(?:电话|联系方式))?\s*:?.*?(?=[,;]\s*(?:{_ALTERNATIVES})\s*:|;|$)"
    rf"|(?<![,;、:])(?:{_CONTACT_WORDS})\s*(?=:|{_PHONE}).*?(?=[,;]\s*(?:{_ALTERNATIVES})\s*:|;|$)"
)
_NAMED_PHONE = re.compile(rf"(?:^|(?<=[,;、:]))(?P<name>[\u4e00-\u9fff·]{{2,4}})\s*{_PHONE}")
_BARE_PHONE = re.compile(rf"\s*{_PHONE}")
_DOUBLED = re.compile(r"([,;、])[,;、\s]+")


def without_contacts(body: str) -> str:
    """Return a responsibility clause without the contact details written into it.

    A contact person and telephone number (联系人:王某,电话:139…; a bracketed
    ``(联系人:李某,138…)`` after a unit; a name and number of their own; a bare number after a
    unit's name) name no unit, and a number stuck to a name hid the unit it follows.

    Examples
    --------
    >>> without_contacts("县人社局13812345678;配合单位:县财政局")
    '县人社局;配合单位:县财政局'
    >>> without_contacts("县教育局,联系人:王某,电话13912345678")
    '县教育局'
    >>> without_contacts("牵头单位:县人社局(联系人:李某,0951-5012345);配合单位:县财政局")
    '牵头单位:县人社局;配合单位:县财政局'
    >>> without_contacts("县教育局、县民政局,王某某13912345678")
    '县教育局、县民政局'
    >>> without_contacts("县卫健局、县民政局电话:5012345")
    '县卫健局、县民政局'
    """
    if not any(word in body for word in ("联系", "联络", "电话", "手机", "座机")) and not (
        re.search(_PHONE, body)
    ):
        return body
    text = _CONTACT_BRACKET.sub("", body)
    text = _CONTACT_PART.sub("", text)

    def named(match: re.Match[str]) -> str:
        name = match.group("name")
        return name if _BODY_END.search(name) or name.endswith(("县", "市", "区")) else ""

    text = _NAMED_PHONE.sub(named, text)
    text = _BARE_PHONE.sub("", text)
    return _DOUBLED.sub(r"\1", text).strip(",;、 ")


_EXAMPLES = re.compile(
    r"^(?:包括|包含|含|如|例如|比如|诸如|涵盖|即|重点是|主要是|主要包括|重点包括)"
)
"""A bracket that lists examples of what the item is about, not who answers for it."""


@functools.lru_cache(maxsize=4096)
def parse_responsibility(body: str, *, bare: bool = True) -> Duty | None:
    """Read a responsibility clause's content (without its brackets), or return ``None``.

    Examples
    --------
    >>> r = parse_responsibility("牵头单位:自治区发展改革委;责任单位:财政厅、农业农村厅")
    >>> r.leads, r.others
    (('自治区发展改革委',), ('自治区财政厅', '自治区农业农村厅'))
    >>> r = parse_responsibility("省医保局牵头,民政厅、卫生健康委配合")
    >>> r.leads, r.others
    (('省医保局',), ('省民政厅', '省卫生健康委'))
    >>> r = parse_responsibility("国务院各部门分别负责,年内持续推进")
    >>> r.leads, r.deadline, r.guessed
    (('国务院各部门',), '年内持续推进', True)
    >>> parse_responsibility("项目质保金除外") is None
    True
    >>> parse_responsibility("商务部、农业农村部等和各有关省级人民政府负责").names
    ('商务部', '农业农村部', '各有关省级人民政府')
    >>> parse_responsibility("人力资源社会保障部、教育部等有关部门和单位负责").names
    ('人力资源社会保障部', '教育部')
    >>> r = parse_responsibility("税务总局、财政部负责,排在第一位的部门为牵头部门,下同")
    >>> r.names, r.guessed
    (('税务总局', '财政部'), False)
    """
    body = without_contacts(body.strip().rstrip("。.;"))
    if _EXAMPLES.match(body):
        return None  # (包括学校、医院、养老机构): examples of the item's subject, not its units
    label = _SEMICOLON_LABEL.match(body)
    if label is not None:
        body = f"{body[: label.end() - 1].rstrip()}:{body[label.end() :]}"
    remark = _STANDING_REMARK.search(body)
    standing: tuple[str, ...] = ()
    if remark is not None:
        standing = standing_implementers(remark.group())
        body = body[: remark.start()].rstrip("。.;, ")
    convention = _FIRST_LEADS.search(body)
    if convention is not None:
        body = body[: convention.start()].rstrip("。.;, ")
    if not body or len(body) > 600:
        return None
    readers = CLAUSE_READERS if bare else CLAUSE_READERS[:-1]
    for reader in readers:
        duty = reader(body)
        if duty is not None and duty.names:
            if convention is not None and duty.guessed:
                duty = attrs.evolve(duty, guessed=False)
            return attrs.evolve(duty, standing=standing) if standing else duty
    return None


_PAIRS = {"(": ")", "〔": "〕", "[": "]", "【": "】"}


_BRACKET_CHARS = re.compile(r"[()〔〕\[\]【】]")


def _brackets(text: str) -> list[tuple[int, int, bool]]:
    """Return ``(start, end, closed)`` of every outermost bracket pair (( ), 〔 〕, [ ], 【 】).

    A bracket still open when the text ends (an excerpt cut inside its clause) runs to the end.
    """
    found: list[tuple[int, int, bool]] = []
    closing = ""
    depth = 0
    start = 0
    for match in _BRACKET_CHARS.finditer(text):
        index, ch = match.start(), match.group()
        if depth == 0 and ch in _PAIRS:
            start, closing, depth = index, _PAIRS[ch], 1
        elif depth and ch == closing:
            depth -= 1
            if depth == 0:
                found.append((start, index + 1, True))
        elif depth and ch in _PAIRS and _PAIRS[ch] == closing:
            depth += 1
    if depth:
        found.append((start, len(text), False))
    return found


def find_clauses(text: str) -> list[tuple[int, int, Duty]]:
    """Find every responsibility clause in one line of an item: ``(start, end, duty)``.

    A note that the first listed leads (``A(首位单位为牵头单位,下同)、B``) is read past: it is
    neither a clause nor part of a name, and the list it stands in names its lead. The offsets
    returned are those of ``text`` as given. See :func:`_find_clauses` for the formats.

    Examples
    --------
    >>> text = "增收。责任单位:县发改局(首位单位为牵头单位,下同)、县财政局"
    >>> [(text[a:b], d.leads, d.supports, d.guessed) for a, b, d in find_clauses(text)]
    [('责任单位:县发改局(首位单位为牵头单位,下同)、县财政局', ('县发改局',), ('县财政局',), False)]
    """
    notes = list(_LEAD_NOTE.finditer(text)) if "牵头" in text else []
    if not notes:
        return _find_clauses(text)
    spans = [(m.start(), m.end()) for m in notes]
    clean = text
    for start, end in reversed(spans):
        clean = clean[:start] + clean[end:]
    cuts: list[tuple[int, int]] = []  # (offset in clean text, characters removed before it)
    removed = 0
    for start, end in spans:
        cuts.append((start - removed, end - start))
        removed += end - start

    def back(offset: int, *, is_end: bool) -> int:
        return offset + sum(n for at, n in cuts if at < offset or (is_end and at == offset))

    found: list[tuple[int, int, Duty]] = []
    for start, end, read in _find_clauses(clean):
        covers = any(start <= at <= end for at, _ in cuts)
        duty = attrs.evolve(read, guessed=False) if covers and read.guessed else read
        found.append((back(start, is_end=False), back(end, is_end=True), duty))
    return found


def _find_clauses(text: str) -> list[tuple[int, int, Duty]]:
    """Find every responsibility clause in one line of an item: ``(start, end, duty)``.

    A bracketed clause may stand anywhere; a bare list of bodies counts only when it ends a
    sentence. A line that starts with a label (牵头单位:, 部门分工:, 责任人: …) is a clause to its
    end; so is a last sentence with a role verb (``A牵头,B配合。``).

    Examples
    --------
    >>> text = "加强核实。(牵头单位:扶贫办;责任单位:各村支部)整改到位。"
    >>> [(text[a:b], d.leads) for a, b, d in find_clauses(text)]
    [('(牵头单位:扶贫办;责任单位:各村支部)', ('扶贫办',))]
    """
    if LABEL_RE.match(text):
        duty = read_labelled(without_contacts(text.strip().rstrip("。.;")))
        return [(0, len(text), duty)] if duty is not None else []
    if not _MAYBE.search(text) and not LABEL_RE.search(text):
        return []
    found: list[tuple[int, int, Duty]] = []
    for start, end, closed in _brackets(text):
        following = text[end : end + 1]
        ends_sentence = closed and following in ("", "。", ";", ".")
        body = text[start + 1 : end - 1] if closed else text[start + 1 : end]
        duty = parse_responsibility(body, bare=ends_sentence)
        if duty is not None:
            found.append(_with_roles_before(text, start, end, body) or (start, end, duty))
    if found:
        tail = LABEL_RE.search(text, found[-1][1])
        if tail is not None and text[tail.start() - 1] in "。;. ":
            extra = read_labelled(without_contacts(text[tail.start() :].strip().rstrip("。.;")))
            if extra is not None:
                found.append((tail.start(), len(text), extra))
        return [*found, *_deadline_sentences(text, found)]
    for match in LABEL_RE.finditer(text):
        if text[match.start() - 1] in "。;. " and match.group("plain") != "部门分工":
            duty = read_labelled(without_contacts(text[match.start() :].strip().rstrip("。.;")))
            if duty is not None and duty.names:
                return [(match.start(), len(text), duty)]
            break
    for match in _YOU_HUITONG.finditer(text):
        duty = _read_you_huitong(text, match)
        if duty is not None:
            found.append((match.start(), match.start(), duty))
    if not found:
        for match in _YOU_QIANTOU.finditer(text):
            duty = _read_you_qiantou(text, match)
            if duty is not None:
                found.append((match.start(), match.start(), duty))
        if found:  # the other sentences of the item, beside the 由X牵头 one
            opens = text.rfind("。", 0, found[0][0]) + 1
            ends = text.find("。", found[0][0])
            others = text[:opens] + (text[ends + 1 :] if ends >= 0 else "")
            # 排查,由县民政局牵头。衔接,县财政局负责,年底前: every sentence ends in its roles
            every = _sentences_ending_in_roles(text.rstrip(" 。.;")) if _names_roles(others) else []
            if every:
                return every
    if not found:
        for match in _SUBJECT_HUITONG.finditer(text):
            duty = _read_subject_huitong(match)
            if duty is not None:
                found.append((match.start(), match.start(), duty))
                break
    if found:
        return found[:1]
    stripped = text.rstrip(" 。.;")
    cut = max(stripped.rfind("。"), stripped.rfind(". "))
    last = stripped[cut + 1 :]
    head = _before_timed_work(last)
    if head and _dated_steps(last[len(head) + 1 :]) > 1:  # two steps with dates: each a milestone
        steps = _roles_before_steps(stripped, cut, head)
        if steps:
            return steps
    roles_at = _trailing_roles(last) if last else None
    named_before = _ROLES_IN_WORDS.search(stripped[: max(cut, 0)]) is not None
    if roles_at is not None:
        duty = parse_responsibility(last[roles_at:], bare=False)
        before = last[:roles_at].rstrip(" ,")
        part_at = before.rfind(",") + 1
        if duty is not None and not duty.deadline and _deadline_opening(before[part_at:]):
            roles_at = part_at  # 2025年底前,县民政局负责: the roles' deadline
            duty = parse_responsibility(last[roles_at:], bare=False)
        if duty is not None and not duty.leftovers:
            # from the comma before the roles (or the sentence's start)
            clause = (cut + roles_at + (roles_at == 0), len(text), duty)
            earlier = stripped[: max(cut, 0)]
            if named_before:
                # 排查,县民政局负责。衔接,县财政局负责,年底前: each earlier sentence ends in its
                # roles (or nothing is read here: roles in their words, whose is unsure; a time
                # in an earlier sentence beside the deadline: whose is unsure)
                timed = bool(duty.deadline) and (
                    _TIME_LIKE.search(earlier) is not None or not _due_by(duty.deadline)
                )
                every = (
                    [] if timed else _sentences_ending_in_roles(earlier, (*clause, last[roles_at:]))
                )
                if every:
                    return every
            elif earlier and any(map(_roles_ending, earlier.split("。"))):
                # 帮扶,各乡镇抓好落实。…: the earlier sentences' roles and the last's
                return _sentences_ending_in_roles(earlier, (*clause, last[roles_at:])) or [clause]
            else:
                return [clause]
    if last and (
        "牵头" in last or _VERB_RE.search(last) or _lone_roles_then_deadline(stripped, cut)
    ):
        duty = parse_responsibility(last, bare=False)
        if duty is not None and not duty.leftovers:
            unsure = set(duty.leads) <= set(duty.assisting) or duty.guessed
            if cut > 0 and (unsure or any(map(_roles_ending, stripped[:cut].split("。")))):
                # 县医保局配合 or 县财政局持续推进 alone after a sentence naming roles: whose lead?
                # (or earlier sentences of roles beside it: 县财政局协助。…,县民政局负责)
                return _sentences_ending_in_roles(stripped) or [(cut + 1, len(text), duty)]
            return [(cut + 1, len(text), duty)]
    if head:  # (the earlier sentences' roles are read with its own, or nothing is)
        return _roles_before_steps(stripped, cut, head) or _sentences_ending_in_roles(stripped)
    for match in _SENTENCE_LEAD.finditer(stripped):  # 县乡村振兴局牵头,层层压实各乡镇责任
        if (
            _BODY_START.match(match.group("lead"))
            and _role_part(match.group())
            and not _ROLES_IN_WORDS.search(stripped, 0, match.start())
        ):
            duty = _read_you_qiantou(text, match)
            if duty is not None and not duty.leftovers:
                return [(match.start(), match.start(), duty)]
    return _sentences_ending_in_roles(stripped)


def _names_roles(text: str) -> bool:
    """Whether any sentence of ``text`` names roles or ends in a role verb."""
    return any(
        _ROLES_IN_WORDS.search(sentence) or _VERB_RE.search(sentence)
        for sentence in text.rstrip(" 。.;").split("。")
    )


def _due_by(part: str) -> bool:
    """Whether a part after roles is a time of theirs, as in a one-sentence item.

    One window by which (6月底前完成), a cadence (每季度调度一次) or the work going on
    (持续推进); not a date that dates a fact or frames a goal (截至2025年2月底, 到2025年).
    """
    if FACT_OR_FRAME.match(part):
        return False
    if goes_on(part):
        return True
    value = _only_phrase(part)  # (one window: a series, 6月、9月底前, is neither)
    return isinstance(value, Cadence) or (isinstance(value, Period) and value.end is not None)


FACT_OR_FRAME = re.compile(r"(?:截至|截止|至|自|从|到(?!.*前(?:完成)?$))")
"""What opens a date that dates a fact or frames a goal (截至2025年2月底, 到2025年), not a deadline."""


def _sentences_ending_in_roles(
    text: str, last: tuple[int, int, Duty, str] | None = None
) -> list[tuple[int, int, Duty]]:
    """Read the roles ending each sentence of an item that names any (排查,县民政局负责。帮扶,县医保局负责).

    Every sentence whose words name a role ends in its roles or is roles whole
    (:func:`_roles_ending`), with no deadline after them: the item's units are all of theirs.
    A sentence that only ends in a role verb (确保各项政策落实) and reads as no roles is words.
    Otherwise nothing is read (which roles are whose is unsure), nor when every body read only
    配合. Bodies of a sentence that only 落实 (各乡镇抓好落实) implement what another sentence's
    bodies lead. ``last`` is a clause of the item's last sentence already read after ``text``
    (start, end, duty and its roles as written), perhaps with a deadline after its roles.
    Without ``last``, the last sentence's roles may have one deadline by which after them (see
    :func:`_due_by`) when no earlier sentence has a time of its own.
    """
    found: list[tuple[int, int, Duty]] = []
    implementing: list[bool] = []
    start = 0
    every = text.split("。")
    for at, sentence in enumerate(every, 1):
        end = start + len(sentence)
        named = _ROLES_IN_WORDS.search(sentence) is not None
        # the last sentence's deadline after its roles is theirs (…,县财政局配合,年底前), when
        # no earlier sentence has a time of its own (whose the deadline is would be unsure)
        dated = last is None and at == len(every) and not _TIME_LIKE.search(text, 0, start)
        if named or dated or _VERB_RE.search(sentence):
            read = _roles_ending(sentence, deadline=dated)
            if read is None and named:
                return []  # roles in the words, or a deadline after them: whose is unsure
            if read is not None:
                roles_at, duty = read
                found.append((start + roles_at - (roles_at > 0), end, duty))
                implementing.append(_only_implementing(sentence[roles_at:]))
        start = end + 1
    if last is not None:
        found.append(last[:3])
        implementing.append(_only_implementing(last[3]))
    if all(set(duty.leads) <= set(duty.assisting) for _, _, duty in found):
        return []  # (bodies that only 配合: the lead stands elsewhere, in words)
    leading = [
        duty
        for (_, _, duty), only in zip(found, implementing, strict=True)
        if not only and set(duty.leads) - set(duty.assisting)
    ]
    if leading:  # 各乡镇抓好落实 or 县医保局配合 beside 县民政局负责: they implement or support
        # one body alone in its sentence in charge, the others' bodies helping: no guess
        alone = len(found) > 1 and len(leading) == 1 and len(leading[0].names) == 1
        sentences = found
        found = []
        for (start, end, duty), only in zip(sentences, implementing, strict=True):
            if only:
                role = _implementers(duty)
            elif alone and duty is leading[0]:
                role = attrs.evolve(duty, guessed=False)
            else:
                role = _supporters(duty)
            found.append((start, end, role))
    return found


def _only_implementing(roles: str) -> bool:
    """Whether the bodies of roles only carry out or support the work (各乡镇抓好落实,县医保局配合)."""
    verbs = [_VERB_RE.search(part.strip()) for part in roles.split(",")]
    groups = {verb.lastgroup for verb in verbs if verb}  # (a deadline part has no verb)
    doing = {verb.group() for verb in verbs if verb and verb.lastgroup == "implement"}
    # 负责落实, 负责实施: in charge of it, as 负责 is
    in_charge = any(verb.startswith("负责") for verb in doing)
    return "implement" in groups and groups <= {"implement", "support"} and not in_charge


def _supporters(duty: Duty) -> Duty:
    """Return roles that only support (县医保局配合) another sentence's lead as supports, or ``duty``."""
    if not duty.leads or not set(duty.leads) <= set(duty.assisting):
        return duty
    return attrs.evolve(duty, leads=(), supports=duty.leads + duty.supports, guessed=False)


def _implementers(duty: Duty) -> Duty:
    """Return roles that carry out (各乡镇抓好落实) another sentence's lead's work as implementers."""
    written = duty.as_written
    leads = len(duty.leads)
    return attrs.evolve(
        duty,
        leads=(),
        implements=duty.leads + duty.implements,
        guessed=False,
        written=(
            written[leads : leads + len(duty.supports)]
            + written[:leads]
            + written[leads + len(duty.supports) :]
        ),
    )


def _roles_ending(sentence: str, *, deadline: bool = False) -> tuple[int, Duty] | None:
    """Return where the roles ending a sentence begin and what they say, or ``None``.

    Nothing when a deadline follows them (each keeps its sentence), unless ``deadline`` (the
    item's last sentence: its deadline is the roles', read with them), or when the words
    before name roles of their own.
    """
    parts = sentence.split(",")
    ending = _ending_roles(parts)
    if ending is None or (ending[1] != len(parts) and not deadline):
        return None
    if ending[1] != len(parts) and not _due_by(parts[-1].strip()):
        return None  # (截至2025年2月底, 到2025年: a fact's date or a goal's frame, not theirs)
    first = 0 if _role_part(parts[0].strip()) and ending[0] == 1 else ending[0]
    if first >= ending[1] or _ROLES_IN_WORDS.search(",".join(parts[:first])):
        return None
    roles_at = sum(len(part) + 1 for part in parts[:first])
    duty = parse_responsibility(sentence[roles_at:], bare=False)
    if duty is None or duty.leftovers or (duty.deadline and not deadline):
        return None
    return roles_at, duty


_SENTENCE_LEAD = re.compile(r"(?:^|(?<=[。;]))(?P<lead>[^,。;:()由]{2,40}?)牵头(?=,)")
"""Bodies that lead, opening a sentence that goes on in words (as ``由X牵头`` does)."""
_BODY_START = re.compile(r"(?:自治区|省|市|县|区|州|盟|旗|乡|镇|街道|各)(?!级)")
"""How a body's name begins after a sentence's start (县乡村振兴局; not 坚持党委, 实行党委)."""


def _roles_before_steps(stripped: str, cut: int, head: str) -> list[tuple[int, int, Duty]]:
    """Read the roles ending ``head``, the last sentence before its timed steps.

    ``cut`` is where the last sentence of ``stripped`` (the item's line) begins (its 。, or -1);
    ``head`` is that sentence before the steps (:func:`_before_timed_work`). The clause found
    ends where the steps begin, which stay the item's words (its milestones and duties).
    Earlier sentences that name roles are read with it when each ends in its roles
    (:func:`_sentences_ending_in_roles`); otherwise nothing is.
    """
    roles_at = _trailing_roles(head)
    if roles_at is None and all(_role_part(part.strip()) for part in head.split(",")):
        roles_at = 0  # the sentence opens with its roles (县民政局负责,6月底前完成,9月底前验收)
    if roles_at is None:
        return []
    duty = parse_responsibility(head[roles_at:].lstrip(","), bare=False)
    if duty is None or duty.leftovers or duty.deadline:
        return []
    clause = (cut + 1 + roles_at - (roles_at > 0), cut + 1 + len(head), duty)
    if _ROLES_IN_WORDS.search(stripped[: max(cut, 0)]):  # 排查,县民政局负责。衔接,县财政局负责,…
        return _sentences_ending_in_roles(stripped[:cut], (*clause, head[roles_at:]))
    return [clause]


def _before_timed_work(sentence: str) -> str:
    """Return the sentence before the parts ending it that each say when a step is done, or "".

    ``县民政局负责,6月底前完成,9月底前验收``: each last part opens with a time phrase naming one
    window or a recurring one (每月调度一次; after 于, 并于 … at most) and says a step in a few
    words with no role in them (完成, 验收, 完成验收); the roles before them are the item's
    clause, and each part stays a milestone (or a duty) of its words.
    """
    parts = sentence.split(",")
    end = len(parts)
    while end > 1 and _timed_work(parts[end - 1].strip()):
        end -= 1
    if end == len(parts):
        return ""
    return ",".join(parts[:end])


def _dated_steps(steps: str) -> int:
    """How many of the timed steps (parts after a comma) name a date, not a cadence (每季度…)."""
    return sum(
        not isinstance(found[0].value, Cadence)
        for part in steps.split(",")
        if (found := find_when(_DEADLINE_LEAD.sub("", part.strip()), reference=_ANY_REFERENCE))
    )


_STEP = re.compile(r"[\u4e00-\u9fff]{0,8}")


def _timed_work(part: str) -> bool:
    """Whether a part is a time phrase (one window, or a cadence) and then a step (``9月底前验收``)."""
    content = _DEADLINE_LEAD.sub("", part)
    found = find_when(content, reference=_ANY_REFERENCE)
    if len(found) != 1 or found.unread or found[0].offset != 0:
        return False
    step = content[found[0].end :]
    return (
        _STEP.fullmatch(step) is not None
        and _VERB_RE.search(step) is None
        and not _ROLES_IN_WORDS.search(step)
        and not isinstance(found[0].value, PeriodSeries)
    )


def _with_roles_before(text: str, start: int, end: int, body: str) -> tuple[int, int, Duty] | None:
    """Read a bracket of roles after the roles it adds to: ``县民政局负责(县医保局配合)``.

    The part before the bracket (after the last 。, ; or ,) is bodies and a role verb (see
    :func:`_role_part`), the bracket's content role parts with a verb of their own; the clause
    runs from that part to the bracket's end, or to the end of the sentence when one deadline
    part follows (``…(县医保局配合),6月底前完成``). Role parts just before that part join it
    (``由县民政局牵头,县财政局负责(县医保局配合)``), and so do role parts after the bracket
    (``县民政局负责(县医保局配合),县财政局负责``, perhaps then one deadline part, ending the
    sentence): the sentence's roles are one clause, with a deadline part opening the sentence
    before them (``2025年底前,县民政局牵头,…``). ``None`` otherwise: the bracket is read alone.
    """
    part_start = max(text.rfind(mark, max(0, start - 80), start) for mark in "。;,") + 1
    written = text[part_start:start]
    before = written.strip()
    if not before or len(before) > 60 or not _role_part(before) or _VERB_RE.search(body) is None:
        return None
    while text[part_start - 1 : part_start] == ",":  # earlier role parts of the sentence
        earlier = max(text.rfind(mark, 0, part_start - 1) for mark in "。;,") + 1
        part = text[earlier : part_start - 1].strip()
        opening = text[earlier - 1 : earlier] in ("", "。", ";") and _deadline_opening(part)
        if not (_role_part(part) or opening) or len(part) + len(before) > 80:
            break
        before = f"{part},{before}"
        written = text[earlier:start]
        part_start = earlier
    stop = min(
        (i for i in (text.find("。", end), text.find(";", end)) if i >= 0), default=len(text)
    )
    after = text[end:stop].strip()
    pieces = after[1:].split(",") if after.startswith(",") else []
    roles = 0
    while roles < len(pieces) and len(pieces[roles]) <= 40 and _role_part(pieces[roles].strip()):
        roles += 1
    rest = pieces[roles:]
    deadline = len(rest) == 1 and len(rest[0]) <= 40 and _deadline_part(rest[0].strip())
    if (after and not pieces) or not (rest == [] or deadline):
        after = ""  # words after the bracket: its clause ends there
        stop = end
    duty = parse_responsibility(f"{before},{body}{after}", bare=False)
    if duty is None or duty.leftovers:
        return None
    return start - len(written.lstrip()), stop, duty  # (from the roles, past blanks before them)


_DEADLINE_WORDS = re.compile(r"^(?!截至|截止|自|从).*(?<!以来)(?<!起)$")
"""A deadline's words (年底前, 2025年9月, 第三季度), not a date that starts or dates a fact
(2024年以来, 自2025年起, 截至2024年底)."""


def _deadline_opening(words: str) -> bool:
    """Whether the words right before roles are one deadline part (``2025年底前,县民政局负责``)."""
    part = words.strip(" ,")
    return (
        "," not in part
        and _DEADLINE_WORDS.match(part) is not None
        and _deadline_part(part) is True
        and not goes_on(part)
    )


_ROLE_BODY_END = re.compile(
    r"(?:局|厅|委|委员会|联合会|协会|工会|红十字会|办|办公室|中心|政府|人民政府|乡镇|街道|部|院|队|所|站|"
    r"公司|银行|支行|分行|管委会|党委|党组|党工委|团委|妇联|残联|科协|工商联|小组|专班|工作组|"
    r"指挥部|室|企业|集团|学校)$"
)
"""How the name of a body ends, for a sentence of roles and a deadline read as a clause: stricter
than :data:`_BODY_END` (no bare 会, which ends names of people: 王晓会负责)."""
_NOT_IN_BODIES = re.compile(
    r"[要须将把对在于已可由]|应(?!急)|(?<!节)能(?!源)|(?<!社)会(?!$)|严格|认真|及时|切实|负责|所需|经费|资金|项目|"
    r"全部|布局|局部|格局|"
    r"后报|报(?:县|市|区|乡|镇|各|省)|推送|移交"
)
"""What a body's name does not hold (各乡镇要严格落实, 所需经费由县财政局, 项目资金全部, 产业布局:
words, not a body)."""


def _lone_roles_then_deadline(text: str, cut: int) -> bool:
    """Whether the last sentence of ``text`` (after ``cut``) alone is roles then a deadline.

    ``县民政局负责,6月底前完成。县财政局配合,9月底前完成。`` gives each deadline its own unit as
    sentences of the item; read as one clause the last would take both.
    """
    if not _roles_then_deadline(text[cut + 1 :], ongoing=True):
        return False
    # (an earlier 县民政局负责,长期坚持 has no date to keep: the last deadline stays the item's)
    earlier = re.split(r"。|\. ", text[: max(cut, 0)])
    return not any(_roles_then_deadline(s, ongoing=False) for s in earlier if s)


def _roles_then_deadline(last: str, *, ongoing: bool) -> bool:
    """Whether a last sentence is roles, then its deadline: ``县民政局负责,6月底前完成``.

    Each part before the deadline names bodies (a body's ending, none of the words of a
    sentence: 各乡镇要严格落实 is none) and ends with a role verb; every part from the first
    time phrase on is one time phrase, with 完成 after it at most. ``由X牵头,Y配合,时限`` is read
    already (牵头); this reads ``X负责,时限`` and ``X落实,时限`` alike.
    """
    parts = [part.strip() for part in last.split(",")]
    if len(parts) < 2 or _VERB_RE.search(parts[0]) is None:  # roles first, then the time
        return False  # (a quick test: the time phrases are read only after one)

    def time_part(part: str) -> bool:
        return bool(ongoing and _ONGOING.match(part)) or _one_time_phrase(part)

    first = next((i for i, part in enumerate(parts) if time_part(part)), None)
    windows = (
        bool(ongoing and _ONGOING.match(part)) or _one_window(part) for part in parts[first or 0 :]
    )
    if not first or not all(windows):
        return False  # (6月、9月底前完成: two milestones of the sentence, not a clause's deadline)
    return all(_role_part(part) for part in parts[:first])


def _trailing_roles(sentence: str) -> int | None:
    """Return where the roles ending a sentence begin, after what it says is done, or ``None``.

    ``全面开展排查,县乡村振兴局牵头,县民政局、县医保局配合,6月底前完成``: the parts after the
    first are each bodies and a role verb (as :func:`_role_part` reads them), one of them a lead's
    or a duty's (not 配合 alone), then one time phrase at most; the words before name no role
    (…由街镇牵头,区绿化市容局配合落实 is not read), nor do the item's earlier sentences (the caller
    tests those). The sentence's own words stay the item's; a sentence that is roles whole is read
    as it was.
    """
    parts = sentence.split(",")
    if len(parts) < 2 or not any(_VERB_RE.search(part.strip()) for part in parts[1:]):
        return None  # (a quick test: the time phrases are read only after one)
    ending = _ending_roles(parts)
    if ending is None:
        return None
    first, last = ending
    if first == last or _role_part(parts[0].strip()):
        return None
    verbs = [_VERB_RE.search(part.strip()) for part in parts[first:last]]
    if all(verb is None or verb.lastgroup == "support" for verb in verbs):
        return None  # (…由街镇牵头,区绿化市容局配合落实: the lead stands before, in words)
    if _ROLES_IN_WORDS.search(",".join(parts[:first])):
        return None  # the words before name roles of their own: which is whose is unsure
    return sum(len(part) + 1 for part in parts[:first])


def _ending_roles(parts: list[str]) -> tuple[int, int] | None:
    """Return ``(first, end)`` of the role parts ending a sentence, before one deadline at most.

    ``parts[first:end]`` are role parts (see :func:`_role_part`) after the sentence's first
    part; ``parts[end:]`` is its deadline, if any.

    ``None`` when the last part names several windows (6月、9月底前完成: two milestones of the
    sentence, not a clause's deadline).
    """
    deadline = _deadline_part(parts[-1].strip()) if len(parts) > 1 else False
    if deadline is None:
        return None
    end = len(parts) - 1 if deadline else len(parts)
    first = end
    while first > 1 and _role_part(parts[first - 1].strip()):
        first -= 1
    return first, end


_ROLES_IN_WORDS = re.compile(
    r"牵头|负责|负总责|主责|抓总|配合|协助|参与|落实单位|责任单位|由[^,]{2,30}?(?:承担|实施|落实)"
)
"""Roles named in the words of a sentence before the roles that end it."""


def _role_part(part: str) -> bool:
    """Whether a part of a sentence is bodies and a role verb only (``县民政局、县医保局配合``).

    Each name ends as a body's does (局, 委, 政府 …; 县直有关单位, 各村; a note in brackets after
    it, 县乡村振兴局(县农业农村局); 等部门 after the last), holds none of the words of a sentence
    (要, 严格, 经费 …), and opens with no verb (邀请省农科院, 督促各乡镇人民政府: the item's
    words).
    """
    verb = _VERB_RE.search(part)
    if verb is None or verb.start() == 0:
        return False
    names = _ETC.sub("", part[: verb.start()].removeprefix("由"))
    listed = [piece for name in names.split("、") for piece in _split_and(name)]
    return all(
        (_ROLE_BODY_END.search(name) or _GROUP_BODIES.match(name))
        and not _NOT_IN_BODIES.search(name)
        and not _VERB_FIRST.match(name)
        and not _EACH_INSIDE.search(name)
        and len(name) <= 30
        for name in (_TRAILING_NOTE.sub("", n) for n in listed)
    )


role_part = _role_part
"""Whether a part of a sentence is bodies and a role verb only (see :func:`_role_part`)."""

_GROUP_BODIES = re.compile(
    r"^(?:各(?:村|社区|行政村|嘎查)|"
    r"(?=.{3})(?:(?:省|市|县|区|州|旗)直)?各?(?:有关|相关)?(?:部门|单位))$"
)
"""Bodies named as a group rather than by a body's ending (各村, 县直有关单位, 县直各单位, 相关部门)."""
_VERB_FIRST = re.compile(
    r"^(?:邀请|接受|督促|协调|推动|组织|指导|联合|会同|依托|争取|对接|聘请|委托|商请|提请|报请|请|"
    r"引导|鼓励|支持|动员|发动|带领|帮助|向|同|对|经|通过|结合|加强|积极|主动|深入|全面|督导|"
    r"确保|力争|并|根据|按照|依据|依照|做好|推进|压实|明确|安排|指定|责成|要求|统筹|调度|通报|"
    r"推送|报送|上报|报|移交|反馈|层层|逐户|逐级|逐村|定期|及时|联系|督办|核实|分解|下达|交由|"
    r"转交|提交|抄送|告知|通知|会商|衔接|名单|清单|数据|信息|问题|结果|情况|资料|材料|督查|监督|"
    r"检查|审核|审查|考核|评估|验收|抽查|巡查|核查|排查|指派|函请|抽调|召集|吸收|选派|邀|"
    r"协同|配合|协助|会同){1,3}"
    r"(?=各|全|县|市|区|省|州|盟|旗|乡|镇|自治区|国家|有关|相关)"
)
"""Verbs (one to three) before a body's level (统筹各乡镇, 名单推送县医保局, 邀请省农科院): the item's
words, a verb and its object; not a body named so (同心县人民政府, 组织部, 数据局, 联合党委)."""
_EACH_INSIDE = re.compile(r"(?<=[^直级])各")
"""各 inside a name (督查各乡镇, 协调督促指导各乡镇): a verb and its object; not 县直各单位."""
_DEADLINE_LEAD = re.compile(r"^(?:并于|并在|于|在|确保|力争|务必|须|要)")
_ONGOING = re.compile(
    r"^(?:并|要|须)?(?:长期坚持|长期推进|长期实施|持续推进|持续开展|持续实施|持续落实|"
    r"常态化推进|常态化开展|常态化实施)$"
)
"""A clause's time that is no date: the work goes on (``县财政局负责,长期坚持``)."""


def goes_on(text: str) -> bool:
    """Whether a clause's time says only that the work goes on (长期坚持, 持续推进, 常态化开展).

    Examples
    --------
    >>> goes_on("长期坚持"), goes_on("6月底前")
    (True, False)
    """
    return _ONGOING.match(text.strip(" ,;。")) is not None


def _deadline_part(part: str) -> bool | None:
    """Whether a sentence's last part is one time phrase naming one window (``于6月底前完成``).

    ``None`` when it is a time phrase naming several (6月、9月底前完成: two milestones of the
    sentence, not a clause's deadline). Words saying the work goes on (长期坚持, 持续推进) are
    the clause's time too.
    """
    if _ONGOING.match(part):
        return True
    content = _DEADLINE_LEAD.sub("", part)
    if not _one_time_phrase(content):
        return False
    return True if _one_window(content) else None


def _deadline_sentences(
    text: str, clauses: list[tuple[int, int, Duty]]
) -> list[tuple[int, int, Duty]]:
    """Read "完成时限:2025年6月底前。" standing in an item's text before its clause.

    ``开展排查。完成时限:2025年6月底前。(责任单位:县农业农村局)``: a sentence (after a
    sentence's end or a comma, up to the next 。 or the clause) whose label is a deadline's and
    whose content is one time phrase alone (with 完成 after it at most). Nothing is read when the
    clause has a deadline of its own, when two such sentences stand there, or when the content
    says more (a schedule of several dates, "按要求", "并建立台账"): it stays in the item's text.
    """
    if any(duty.deadline for _, _, duty in clauses):
        return []
    stop = clauses[0][0]
    found: list[tuple[int, int, Duty]] = []
    for match in LABEL_RE.finditer(text, 0, stop):
        if (
            match.start() == 0
            or _label(match) not in _DEADLINE_SENTENCE_LABELS
            or text[match.start() - 1] not in "。;.,，"
        ):
            continue
        end = text.find("。", match.end(), stop)
        end = stop if end < 0 else end + 1
        content = text[match.end() : end].strip(" 。.;,，")
        if not _one_time_phrase(content):
            return []
        duty = read_labelled(text[match.start() : end].strip().rstrip("。.;,"))
        if duty is None or not duty.deadline or duty.names:
            return []
        found.append((match.start(), end, duty))
    return found if len(found) == 1 else []


_DEADLINE_SENTENCE_LABELS = frozenset(_DEADLINE_LABELS) - {"时间进度", "进度安排", "时间安排"}
"""The labels of a deadline a sentence of an item may give (not 进度安排, 时间安排: schedules)."""
_AFTER_DEADLINE = ("", "完成", "前完成", "之前完成", "以前完成")
_ANY_REFERENCE = dt.date(2025, 1, 1)
"""A reference date for asking whether a text is one time phrase (its shape, not its date)."""


def _one_window(content: str) -> bool:
    """Whether ``content`` is one time phrase naming one window ("6月底前", not "6月、9月底前")."""
    value = _only_phrase(content)
    return value is not None and not isinstance(value, PeriodSeries)


def _one_time_phrase(content: str) -> bool:
    """Whether ``content`` is one time phrase, with 完成 after it at most ("2025年6月底前")."""
    return _only_phrase(content) is not None


def _only_phrase(content: str) -> object | None:
    """Return the value of the one time phrase ``content`` is (完成 after it at most), or ``None``."""
    found = find_when(content, reference=_ANY_REFERENCE)
    if (
        len(found) == 1
        and not found.unread
        and found[0].offset == 0
        and content[found[0].end :] in _AFTER_DEADLINE
    ):
        return found[0].value
    return None


_ROLE_HINT = re.compile(r"牵头|负责|配合|单位:|部门:|落实")
_MAYBE = re.compile(r"[(〔\[【]|会同|牵头|负责|配合|落实|参与|协办|参加")


def unread_clauses(text: str, read: frozenset[int] | None = None) -> list[tuple[int, str]]:
    """Return ``(start, content)`` of brackets that look like clauses but could not be read.

    ``read`` holds the starts of the clauses :func:`find_clauses` read (found again if omitted).

    Examples
    --------
    >>> unread_clauses("加强核实。(牵头单位:)")
    [(5, '牵头单位:')]
    """
    if not _ROLE_HINT.search(text):
        return []
    if read is None:
        read = frozenset(start for start, _, _ in find_clauses(text))
    found: list[tuple[int, str]] = []
    for start, end, closed in _brackets(text):
        body = text[start + 1 : end - 1] if closed else text[start + 1 : end]
        if (
            start not in read
            and _ROLE_HINT.search(body)
            and len(body) <= 200
            and not _LEAD_NOTE.fullmatch(text, start, end)
            # (read with the roles before it: 县民政局负责(县医保局配合))
            and parse_responsibility(body, bare=False) is None
        ):
            found.append((start, body))
    return found


def find_responsibility(text: str) -> tuple[int, Duty] | None:
    """Find the responsibility clause of an item's line: ``(start, duty)`` of the last one.

    Examples
    --------
    >>> text = "精准开展监测帮扶。加强核实。(责任单位:自治区农业农村厅、教育厅)"
    >>> start, resp = find_responsibility(text)
    >>> text[:start], resp.names
    ('精准开展监测帮扶。加强核实。', ('自治区农业农村厅', '自治区教育厅'))
    >>> find_responsibility("加强核实(项目质保金除外)。") is None
    True
    """
    found = find_clauses(text)
    if not found:
        return None
    start, _, duty = found[-1]
    return start, duty


_OFFICE = r"(?:常务)?副?(?:省长|市长|县长|区长|州长|盟长|旗长|乡长|镇长|主席|书记|秘书长|主任|部长)"
_OFFICE_WORD = re.compile(r"长|主席|书记|主任")
_NAMED_OFFICIAL = re.compile(f"(?P<name>[\u4e00-\u9fff]{{2,4}}?)(?:同志)?{_OFFICE}")
_HEADING_VERB = re.compile(
    r"^(?P<who>[^,。;:()]{4,60}?)(?:共同)?(?:主抓|牵头抓|牵头负责|牵头|负责|分管|领衔|联系|包抓|挂帅)"
)
_NOT_A_NAME = re.compile(r"^[各全本该省市县区乡镇]|委|党|政府|部门|厅|局|办|人民")
_HEADING_BRACKET = re.compile(r"\((?P<body>[^()]*)\)$")


@functools.lru_cache(maxsize=4096)
def heading_persons(title: str) -> tuple[tuple[str, ...], int]:
    """Persons a section heading names, and where its title ends without them.

    A heading may say who answers for every item under it: ``袁家军省长主抓重点工作`` (the
    officials' names before the verb 主抓/牵头/负责/分管 …), or a bracket of person labels at its
    end, ``(责任领导:王强副县长)``. Returns the persons (names without their office for the
    first form, as written for the second) and the length of the title without such a bracket.

    Examples
    --------
    >>> heading_persons("袁家军省长主抓重点工作")
    (('袁家军',), 11)
    >>> heading_persons("郑栅洁常务副省长、冯飞副省长共同牵头的重点工作")
    (('郑栅洁', '冯飞'), 23)
    >>> heading_persons("稳定脱贫成果(责任领导:王强副县长;分管领导:李明)")
    (('王强副县长', '李明'), 6)
    >>> heading_persons("省发展改革委牵头的重点工作"), heading_persons("县委书记负责")
    (((), 13), ((), 6))
    """
    persons: list[str] = []
    stop = len(title)
    if not title.endswith(")") and _OFFICE_WORD.search(title) is None:
        return (), stop
    bracket = _HEADING_BRACKET.search(title)
    if bracket is not None and LABEL_RE.match(bracket.group("body")):
        duty = read_labelled(without_contacts(bracket.group("body").strip().rstrip("。.;")))
        if duty is not None and duty.persons and not duty.names:
            persons.extend(duty.persons)
            stop = bracket.start()
    verb = _HEADING_VERB.match(title)
    if verb is not None:
        named: list[str] = []
        for part in re.split(r"[、和及]", verb.group("who")):
            official = _NAMED_OFFICIAL.fullmatch(part)
            if official is None or _NOT_A_NAME.search(official.group("name")):
                named = []
                break
            named.append(official.group("name"))
        persons[:0] = named
    return tuple(dict.fromkeys(persons)), stop


_UNIT_ROLES = frozenset({"lead", "support", "implement", "generic"})
_WRAP_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十\d]+[))]|\d+[.、]|[①-⑳])"
)
_LIST_SEPARATORS = re.compile(r"[、,;]")


def _continues_list(line: str, following: str) -> bool:
    """Whether ``following`` is the rest of the unit list a labelled ``line`` broke off."""
    label = LABEL_RE.match(line)
    if label is None or _ROLE_OF_LABEL[_label(label)] not in _UNIT_ROLES:
        return False
    if not line[label.end() :].strip() or line[-1] in "。;:!?)":
        return False
    rest = following.rstrip("。;")
    if (
        not rest
        or not "\u4e00" <= rest[0] <= "\u9fff"
        or len(rest) > 80
        or _WRAP_HEADING.match(rest)
        or LABEL_RE.match(rest)
        or any(ch in rest for ch in "。:!?")
    ):
        return False
    pieces = [p.strip() for p in _LIST_SEPARATORS.split(rest)]
    if any(not p or len(p) > 30 for p in pieces):
        return False
    if not all(body_like(p) for p in pieces[1:]):
        return False
    if line[-1] in "、,":
        return body_like(pieces[0])
    last = _LIST_SEPARATORS.split(line[label.end() :])[-1].strip()
    return not body_like(last) and body_like(last + pieces[0])


_RAW_LABEL = re.compile(
    f"(?:【(?P<boxed>{_ALTERNATIVES})】\\s*[:：]?|(?P<plain>{_ALTERNATIVES})\\s*[:：])"
)
"""A label and its colon as a line is given, before it is normalised (``责任单位：``)."""
_RAW_BRACKET = re.compile(r"[(（〔]([^()（）〔〕]*)[)）〕]")
_RAW_LIST_END = re.compile(r"[)）〕】\]。;；!！?？]")


def space_separated_units(line: str) -> str:
    """Return ``line`` with the spaces between the unit names of its lists made 、.

    A list in brackets or after a unit label (``（责任单位：同心县教育局　县公安局）``) may
    separate names by a run of spaces, full-width or no-break spaces; :func:`cut_spaces` gives
    each run between two whole names a 、 (and keeps a space inside a name). The line keeps its
    length, so columns keep.

    Examples
    --------
    >>> space_separated_units("加强帮扶。（责任单位：同心县教育局\u3000县公安局）")
    '加强帮扶。（责任单位：同心县教育局、县公安局）'
    >>> space_separated_units("牵头单位：县教育局  县公安局")
    '牵头单位：县教育局、 县公安局'
    >>> space_separated_units("1　加强帮扶　同心县教育局")
    '1　加强帮扶　同心县教育局'
    """
    if not any(ch.isspace() for ch in line):
        return line
    spans: list[tuple[int, int]] = []
    for match in _RAW_LABEL.finditer(line):
        if _ROLE_OF_LABEL[match.group("boxed") or match.group("plain")] in _UNIT_ROLES:
            stop = _RAW_LIST_END.search(line, match.end())
            spans.append((match.end(), len(line) if stop is None else stop.start()))
    spans.extend(m.span(1) for m in _RAW_BRACKET.finditer(line))
    chars = list(line)
    for start, end in spans:
        cut = cut_spaces("".join(chars[start:end]))
        chars[start:end] = list(cut)
    return "".join(chars)


_WIDE = str.maketrans("：；，（）\u3000", ":;,() ")
"""Full-width punctuation as the clause patterns write it, one character for one."""


def _open_duty(line: str) -> int:
    """Return where a responsibility bracket the line leaves open starts its content, else -1.

    ``1.开展排查。(责任单位:县教育局、``: a labelled or role clause, or a list of bodies ending
    with a separator, whose closing bracket is on a later line.
    """
    depth, start = 0, -1
    for index, ch in enumerate(line):
        if ch == "(":
            depth, start = depth + 1, index + 1 if depth == 0 else start
        elif ch == ")" and depth:
            depth -= 1
    if depth != 1:
        return -1
    content = line[start:].strip()
    if LABEL_RE.match(content):
        return start
    if _EXAMPLES.match(content):
        return -1
    names = [p for p in _LIST_SEPARATORS.split(content) if p]
    if content and content[-1] in "、,;" and names and all(_named_body(p) for p in names):
        return start  # (县教育局、 / 县民政局): not (包括学校、医院、 / 养老机构)
    return -1


def _named_body(piece: str) -> bool:
    """Whether a piece of a list names a body, with or without its role (县教育局牵头)."""
    verb = _VERB_RE.search(piece)
    return body_like(piece if verb is None else piece[: verb.start()])


def _closes_duty(line: str, start: int, following: str) -> bool:
    """Whether ``following`` goes on with the open bracket of ``line`` (names, then maybe ``)``)."""
    close = following.find(")")
    rest = (following if close < 0 else following[:close]).rstrip("。;")
    if (
        not rest
        or not "\u4e00" <= rest[0] <= "\u9fff"
        or len(rest) > 80
        or _WRAP_HEADING.match(rest)
        or "(" in rest
        or any(ch in rest for ch in "。!?")
        or (close >= 0 and following[close + 1 :].strip("。;.,") != "")
    ):
        return False
    if close < 0 and rest[-1] not in "、,;":
        return False  # a line of names that neither closes the bracket nor goes on
    head = line[start:].rstrip()
    return head[-1] in "、,;:" or bool(LABEL_RE.fullmatch(head))


def join_wrapped_lists(lines: list[str]) -> list[str]:
    """Return ``lines`` with a unit list that a printed copy broke over lines joined.

    Names a list separates by spaces are separated by 、 (:func:`space_separated_units`).

    A copy of a printed page breaks lines at the page's width, inside names too:
    ``协办单位:区委编办、园区党工`` / ``委、各街道党工委``. A line that only continues such a
    list (names and separators, no heading, label or sentence end) is joined to the labelled
    line, and an empty line keeps its place so that line numbers stay. So is the rest of a
    responsibility bracket left open at a list separator (``…(责任单位：县教育局、`` /
    ``县民政局)``), also across a page's footer between them. Full-width punctuation reads as
    its ASCII form.

    Examples
    --------
    >>> join_wrapped_lists(["牵头单位:区委组织部", "协办单位:区委编办、园区党工", "委、各街道党工委", "2.推进"])
    ['牵头单位:区委组织部', '协办单位:区委编办、园区党工委、各街道党工委', '', '2.推进']
    >>> join_wrapped_lists(["责任单位:区委编办", "加强督查"])
    ['责任单位:区委编办', '加强督查']
    >>> join_wrapped_lists(["1.开展排查。（责任单位：县教育局、", "县民政局）", "2.推进"])
    ['1.开展排查。（责任单位：县教育局、县民政局）', '', '2.推进']
    """
    lines = [space_separated_units(line) for line in lines]
    out = list(lines)
    target, opened = -1, -1
    for index, line in enumerate(lines):
        text = line.strip()
        plain = text.translate(_WIDE)
        if target >= 0 and text and is_residue("".join(normalize("NFKC", text).split())):
            continue  # a page's footer (— 3 —) between the two parts
        if target >= 0 and text:
            head = out[target].rstrip()
            joins = (
                _closes_duty(head.translate(_WIDE), opened, plain)
                if opened >= 0
                else _continues_list(head.translate(_WIDE), plain)
            )
            if joins:
                out[target] = head + text
                out[index] = ""
                if opened >= 0 and ")" in plain:
                    target = -1
                continue
        opened = _open_duty(plain) if text else -1
        if opened >= 0:
            target = index
            opened += len(line) - len(line.lstrip())  # where the content starts in the line
        else:
            target = index if text and LABEL_RE.match(plain) else -1
    return out
