"""Responsible units: responsibility clauses, owner names in sentences, and new units.

Responsibility clauses come in the forms plans use::

    (责任单位:A、B、C)
    (牵头单位:A、B;责任单位:C、D)
    (A牵头,B、C配合)
    A牵头,各有关部门按职责分工负责

with ASCII or full-width punctuation. Names are split with :func:`xiaojie.model.split_unit_list`
(which carries a list head's 自治区 over to the items after it) and resolved through a unit
registry. A name the registry does not know becomes a new unit with a deterministic id and a
kind inferred from its name (see :func:`infer_kind`); the parse report lists it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from typing import TYPE_CHECKING

import attrs

from xiaojie.model import (
    GroupKind,
    ResponsibleUnit,
    UnitGroup,
    UnitKind,
    UnitRegistry,
    normalize_name,
    split_unit_list,
)


if TYPE_CHECKING:
    from xiaojie.model import Owner


__all__ = [
    "OwnerBook",
    "Resp",
    "find_responsibility",
    "infer_kind",
    "owner_like",
    "parse_responsibility",
    "split_names",
]

_LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位")
_OTHER_LABELS = (
    "责任单位",
    "责任部门",
    "配合单位",
    "配合部门",
    "协办单位",
    "参与单位",
    "协同单位",
    "责任主体",
)
_LABEL_RE = re.compile("^(" + "|".join(_LEAD_LABELS + _OTHER_LABELS) + ")[:]?")
_TRAILING_ROLE = re.compile(
    r"(?:等)?(?:按职责分工负责|按职责分工落实|按职责负责|按职能职责负责|分工负责|共同负责|"
    r"配合落实|协同配合|配合|参与|协助|协同|负责|落实)$"
)
_BODY_SUFFIX = re.compile(
    r"(?:厅|局|委|委员会|办|办公室|部|党委|政府|人民政府|领导小组|单位|部门|集团|公司|银行|分行|"
    r"残联|工商联|贸促会|供销社|联合社|联合会|管委会|法院|检察院|中心|总队|支队|工会|团委|妇联|科协)$"
)
_REGION_STRIP = ("中共宁夏回族自治区委员会", "宁夏回族自治区人民政府", "宁夏回族自治区", "自治区")


def _strip(key: str) -> str:
    for prefix in _REGION_STRIP:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


def owner_like(name: str) -> bool:
    """Whether ``name`` ends like the name of a body (厅, 局, 委, 党委, 单位, 部门 …).

    Examples
    --------
    >>> owner_like("自治区乡村振兴局"), owner_like("党委常委会会议")
    (True, False)
    """
    return bool(name) and len(name) <= 40 and _BODY_SUFFIX.search(name) is not None


_GROUP_MEMBERS = re.compile(r"成员单位$")
_DESCRIPTIVE = re.compile(
    r"^(?:各|有|相关|其他|其它|所有|全体|涉及)|(?:的单位|的部门|等单位|等部门|有关部门|相关部门|"
    r"主管部门|各部门|有关单位|相关单位|成员单位)$"
)
_KINDS: tuple[tuple[re.Pattern[str], UnitKind], ...] = (
    (re.compile(r"银行|分行|支行|信用社|农商行|保险|证券"), UnitKind.FINANCIAL_INSTITUTION),
    (re.compile(r"(?:集团|公司|企业)(?:有限公司)?$"), UnitKind.ENTERPRISE),
    (re.compile(r"(?:供销社|合作社|联合社)$"), UnitKind.COOPERATIVE),
    (
        re.compile(
            r"(?:组织部|宣传部|统战部|统一战线工作部|社会工作部|政法委|政法委员会|纪委|监委|"
            r"编办|工委|网信办|党校)$|党委.*(?:办公室|办|部)$|^(?:省|市|县)委.*部$|"
            r"(?:^|自治区|省委|市委|县委|党委)农办$"
        ),
        UnitKind.PARTY_ORGAN,
    ),
    (
        re.compile(
            r"(?:残联|残疾人联合会|妇联|团委|共青团.*|总工会|工会|工商联|工商业联合会|科协|侨联|"
            r"文联|社科联|红十字会|贸促会|国际贸易促进委员会)$"
        ),
        UnitKind.PEOPLES_ORGANISATION,
    ),
    (re.compile(r"(?:管委会|管理委员会)$"), UnitKind.REGIONAL_BODY),
    (
        re.compile(
            r"(?:党委|政府|人民政府|领导小组|党委和政府)$|^(?:自治区|省|市|州|县|区|乡|镇)委$"
        ),
        UnitKind.LEADERSHIP,
    ),
    (
        re.compile(r"(?:厅|局|委|委员会|办|办公室|署|院|中心|部|所)$"),
        UnitKind.GOVERNMENT_DEPARTMENT,
    ),
)


def infer_kind(name: str) -> UnitKind | GroupKind:
    """Return the kind a new unit of this name most likely is.

    A group (``GroupKind``) when the name describes a set of units: ``…成员单位`` is the
    members of a leading group (``…相关成员单位`` a subset of them); names starting with
    各/有/相关 or ending with 的单位/有关部门/主管部门 are descriptive. Otherwise a
    ``UnitKind``: 银行/分行 → financial institution; 集团/公司 → enterprise; 供销社/合作社 →
    cooperative; 组织部/宣传部/统战部/社会工作部/政法委 and 党委…部 → party organ; 残联/工商联/
    贸促会 … → people's organisation; 管委会 → regional body; 党委/政府/领导小组 → leadership;
    厅/局/委/办 → government department; anything else → other.

    Examples
    --------
    >>> infer_kind("自治区乡村振兴局"), infer_kind("宁夏农垦集团")
    (<UnitKind.GOVERNMENT_DEPARTMENT: 'government_department'>, <UnitKind.ENTERPRISE: 'enterprise'>)
    >>> infer_kind("自治区党委统战部"), infer_kind("各有关部门")
    (<UnitKind.PARTY_ORGAN: 'party_organ'>, <GroupKind.DESCRIPTIVE: 'descriptive'>)
    >>> infer_kind("农村工作领导小组相关成员单位")
    <GroupKind.SUBSET: 'subset'>
    """
    if _GROUP_MEMBERS.search(name):
        return (
            GroupKind.SUBSET if name.endswith("相关成员单位") else GroupKind.LEADING_GROUP_MEMBERS
        )
    if _DESCRIPTIVE.search(name):
        return GroupKind.DESCRIPTIVE
    for pattern, kind in _KINDS:
        if pattern.search(name):
            return kind
    return UnitKind.OTHER


_PARTY_BARE = re.compile(
    r"^(自治区|省|市|县)(组织部|宣传部|统战部|统一战线工作部|社会工作部|政法委|政法委员会)$"
)
_PARTY_HEAD = {"自治区": "自治区党委", "省": "省委", "市": "市委", "县": "县委"}


def _party_name(name: str) -> str:
    match = _PARTY_BARE.match(name)
    if match is None:
        return name
    return _PARTY_HEAD[match.group(1)] + match.group(2)


_PROTECT = "\ue000"
_MISSING = object()
_CITY_COUNTY = re.compile(r"(市)、(县)")


@functools.lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    protected: list[str] = []
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        protected.append(_PROTECT if ch == "、" and depth else ch)
    joined = _CITY_COUNTY.sub(rf"\1{_PROTECT}\2", "".join(protected))
    return tuple(
        name.replace(_PROTECT, "、")
        for name in split_unit_list(joined)
        if normalize_name(name.replace(_PROTECT, ""))
    )


def split_names(text: str) -> list[str]:
    """Split a list of owner names, keeping 、 inside brackets and in 市、县(区) whole.

    The 自治区 prefix of the list head carries over as :func:`xiaojie.model.split_unit_list`
    defines it.

    Examples
    --------
    >>> split_names("自治区农业农村厅、财政厅,各市、县(区)人民政府")
    ['自治区农业农村厅', '自治区财政厅', '各市、县(区)人民政府']
    >>> split_names("县(市、区)政府、民政局")
    ['县(市、区)政府', '民政局']
    """
    return list(_split_cached(text))


@attrs.frozen
class Resp:
    """A responsibility clause read into names: ``leads`` first, then ``others``."""

    units_text: str
    leads: tuple[str, ...]
    others: tuple[str, ...]
    labelled_lead: bool

    @property
    def names(self) -> tuple[str, ...]:
        """Every name, leads first."""
        return self.leads + self.others


def _parts(body: str) -> list[str]:
    parts: list[str] = []
    depth = 0
    start = 0
    for index, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in ";。" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return [p.strip() for p in parts if p.strip()]


def _divide(lead_text: str, other_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    leads = split_names(lead_text)
    joined = "、".join(t for t in (lead_text, other_text) if t)
    names = split_names(joined)
    return tuple(names[: len(leads)]), tuple(names[len(leads) :])


def parse_responsibility(body: str) -> Resp | None:
    """Read a responsibility clause's content (without its brackets), or return ``None``.

    Examples
    --------
    >>> r = parse_responsibility("牵头单位:自治区发展改革委;责任单位:财政厅、农业农村厅")
    >>> r.leads, r.others
    (('自治区发展改革委',), ('自治区财政厅', '自治区农业农村厅'))
    >>> parse_responsibility("自治区民政厅牵头,各有关部门按职责分工负责").others
    ('各有关部门',)
    >>> parse_responsibility("项目质保金除外") is None
    True
    """
    body = body.strip().rstrip("。.;")
    if not body or len(body) > 600:
        return None
    parts = _parts(body)
    labelled = [(_LABEL_RE.match(p), p) for p in parts]
    if labelled and all(m is not None for m, _ in labelled):
        lead_texts: list[str] = []
        other_texts: list[str] = []
        has_lead_label = False
        for match, part in labelled:
            assert match is not None  # noqa: S101 - checked just above
            rest = part[match.end() :].strip()
            if match.group(1) in _LEAD_LABELS:
                has_lead_label = True
                lead_texts.append(rest)
            else:
                other_texts.append(rest)
        if not has_lead_label:
            names = split_names("、".join(t for t in other_texts if t))
            if not names:
                return None
            units_text = other_texts[0] if len(parts) == 1 else body
            return Resp(units_text, (names[0],), tuple(names[1:]), labelled_lead=False)
        leads, others = _divide("、".join(t for t in lead_texts if t), "、".join(other_texts))
        if not leads:
            return None
        return Resp(body, leads, others, labelled_lead=True)
    position = body.find("牵头")
    if position <= 0 or len(parts) > 2:
        return None
    lead_text = body[:position].removeprefix("由").strip(",、;")
    rest = body[position + 2 :].strip(",、;")
    rest = _TRAILING_ROLE.sub("", rest).strip(",、;")
    if not lead_text or len(lead_text) > 120 or "。" in lead_text:
        return None
    leads, others = _divide(lead_text, rest)
    if not leads:
        return None
    return Resp(body, leads, others, labelled_lead=True)


def find_responsibility(text: str) -> tuple[int, Resp] | None:
    """Find the responsibility clause that ends an item's text.

    Returns
    -------
    (start, resp) or None
        ``start`` is where the clause (with its brackets) begins in ``text``; the item's own
        text is ``text[:start]``.

    Examples
    --------
    >>> text = "精准开展监测帮扶。加强核实。(责任单位:自治区农业农村厅、教育厅)"
    >>> start, resp = find_responsibility(text)
    >>> text[:start], resp.names
    ('精准开展监测帮扶。加强核实。', ('自治区农业农村厅', '自治区教育厅'))
    >>> find_responsibility("加强核实(项目质保金除外)。") is None
    True
    """
    stripped = text.rstrip(" 。.;")
    if stripped.endswith(")"):
        depth = 0
        for index in range(len(stripped) - 1, -1, -1):
            ch = stripped[index]
            if ch == ")":
                depth += 1
            elif ch == "(":
                depth -= 1
                if depth == 0:
                    resp = parse_responsibility(stripped[index + 1 : -1])
                    if resp is not None:
                        return index, resp
                    break
    cut = stripped.rfind("。")
    last = stripped[cut + 1 :]
    if last and (_LABEL_RE.match(last) or "牵头" in last):
        resp = parse_responsibility(last)
        if resp is not None:
            return cut + 1, resp
    return None


def _new_id(name: str, kind: UnitKind | GroupKind, taken: set[str]) -> str:
    if isinstance(kind, GroupKind):
        prefix = "group"
    else:
        prefix = {
            UnitKind.GOVERNMENT_DEPARTMENT: "dept",
            UnitKind.PARTY_ORGAN: "party",
            UnitKind.PEOPLES_ORGANISATION: "org",
            UnitKind.ENTERPRISE: "enterprise",
            UnitKind.FINANCIAL_INSTITUTION: "bank",
            UnitKind.COOPERATIVE: "coop",
            UnitKind.REGIONAL_BODY: "region",
            UnitKind.LEADERSHIP: "leadership",
            UnitKind.OTHER: "unit",
        }[kind]
    candidate = prefix
    for size in (4, 8, 16):
        candidate = f"{prefix}-{hashlib.blake2b(name.encode(), digest_size=size).hexdigest()}"
        if candidate not in taken:
            return candidate
    count = 2
    while f"{candidate}-{count}" in taken:
        count += 1
    return f"{candidate}-{count}"


class OwnerBook:
    """Resolves names to owners through a registry, adding new units for unknown names.

    Parameters
    ----------
    base
        The registry to resolve against.
    """

    def __init__(self, base: UnitRegistry) -> None:
        self.base = base
        self._new: dict[str, Owner] = {}
        self.created: list[Owner] = []
        self._used: dict[str, Owner] = {}
        self._taken = {owner.id for owner in base}
        self._max = max((len(normalize_name(n)) for o in base for n in o.names), default=0)
        self._index: tuple[dict[str, Owner], frozenset[str], int] | None = None
        self._found: dict[str, Owner | None] = {}

    def find(self, name: str) -> Owner | None:
        """Return the known owner ``name`` denotes (registry first, then new units)."""
        cached = self._found.get(name, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        found = self.base.find(name)
        if found is None:
            key = normalize_name(name)
            found = self._new.get(key) or self._new.get(_strip(key))
        self._found[name] = found
        return found

    def get(self, name: str) -> tuple[Owner, bool]:
        """Return the owner ``name`` denotes, creating a new unit if needed.

        Returns
        -------
        (owner, created)
        """
        name = _party_name(normalize_name(name))
        found = self.find(name)
        if found is not None:
            return found, False
        kind = infer_kind(name)
        owner_id = _new_id(name, kind, self._taken)
        self._taken.add(owner_id)
        owner: Owner
        if isinstance(kind, GroupKind):
            parent = None
            if kind is GroupKind.SUBSET:
                whole = self.find(name.replace("相关成员单位", "成员单位"))
                parent = whole.id if whole is not None and whole.is_group else None
            owner = UnitGroup(id=owner_id, name=name, kind=kind, parent=parent)
        else:
            owner = ResponsibleUnit(id=owner_id, name=name, kind=kind)
        key = normalize_name(name)
        self._new.setdefault(key, owner)
        self._new.setdefault(_strip(key), owner)
        self._max = max(self._max, len(key))
        self.created.append(owner)
        self._index = None
        self._found = {k: v for k, v in self._found.items() if v is not None}
        return owner, True

    def use(self, owner: Owner) -> Owner:
        """Mark ``owner`` as used by the plan and return it."""
        self._used.setdefault(owner.id, owner)
        return owner

    def prefix(self, text: str, pos: int, *, minimum: int = 2) -> tuple[Owner, int] | None:
        """Return the known owner whose name is the longest prefix of ``text[pos:]``.

        Returns
        -------
        (owner, end) or None
        """
        longest = min(self._max, len(text) - pos)
        for length in range(longest, minimum - 1, -1):
            candidate = text[pos : pos + length]
            found = self.find(candidate)
            if found is not None:
                return found, pos + length
        return None

    def mentions(self, text: str, start: int, end: int) -> list[tuple[Owner, int, int]]:
        """Return the known owners named in ``text[start:end]`` (names of 4 characters or more).

        Returns
        -------
        list of (owner, start, end)
        """
        if self._index is None:
            names: dict[str, Owner] = {}
            for owner in (*self.base, *self.created):
                for raw in owner.names:
                    for key in (normalize_name(raw), _strip(normalize_name(raw))):
                        if len(key) >= 4:
                            names.setdefault(key, owner)
            heads = frozenset(key[:2] for key in names)
            self._index = (names, heads, max((len(k) for k in names), default=0))
        names, heads, longest = self._index
        found: list[tuple[Owner, int, int]] = []
        position = start
        while position < end - 3:
            if text[position : position + 2] not in heads:
                position += 1
                continue
            for length in range(min(longest, end - position), 3, -1):
                owner = names.get(text[position : position + length])
                if owner is not None:
                    found.append((owner, position, position + length))
                    position += length
                    break
            else:
                position += 1
        return found

    def registry(self) -> UnitRegistry:
        """Return the registry of the owners used: known ones in registry order, then new ones."""
        wanted = set(self._used)
        new_groups = [o for o in self.created if isinstance(o, UnitGroup)]
        groups = {g.id: g for g in (*self.base.groups, *new_groups)}
        pending = [g for g in groups.values() if g.id in wanted]
        while pending:
            group = pending.pop()
            for ref in (group.parent, *(group.members or ())):
                if ref is not None and ref not in wanted:
                    wanted.add(ref)
                    if ref in groups:
                        pending.append(groups[ref])
        units = [u for u in self.base.units if u.id in wanted]
        units += [o for o in self.created if isinstance(o, ResponsibleUnit) and o.id in wanted]
        kept = [g for g in (*self.base.groups, *new_groups) if g.id in wanted]
        # attrs' mypy plugin types ``converter=tuple`` parameters as an unsolved Iterable[_T_co].
        return UnitRegistry(tuple(units), tuple(kept))  # type: ignore[arg-type]
