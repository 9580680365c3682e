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
import unicodedata
from typing import TYPE_CHECKING

import attrs

from xiaojie._privacy import shown_text
from xiaojie.errors import XiaojieError
from xiaojie.model import (
    GroupKind,
    ResponsibleUnit,
    UnitGroup,
    UnitKind,
    UnitRegistry,
    normalize_name,
    split_unit_list,
)
from xiaojie.model._units import DEPARTMENT_WORDS, starts_with_place
from xiaojie.parsing._catalogue import Catalogue, bundled_catalogue, level_of, plain_level


if TYPE_CHECKING:
    from xiaojie.model import Owner


__all__ = [
    "OwnerBook",
    "cut_spaces",
    "group_spans",
    "infer_kind",
    "join_groups",
    "owner_like",
    "split_names",
    "whole_after",
]

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
_PLACE = (
    r"(?:县级市|自治县|自治州|自治旗|开发区|高新区|经开区|功能区|度假区|保税区|新区|园区|片区|"
    r"街道|街镇|镇街|乡镇|乡街|县区|区县|市县|县市区|县市|市州|村居|社区|农场|林场|牧场|苏木|嘎查|"
    r"地区|[省市州盟县区旗乡镇村])(?:\([^()]*\))?"
)
_GROUP_END = (
    r"(?=$|[、,;)\s]|等|和|及|与|(?:人民)?政府|党委|党工委|管委会|办事处|街道办|村委会|居委会|"
    r"分别|共同|按职|各自|配合|落实|负责|牵头|参与|参加|协助|协同|抓好|具体|要)"
)
_CITY_COUNTY = re.compile(
    rf"(市)、(县)|(?:各|有关|相关){_PLACE}(?:(?:、|和|及){_PLACE})+{_GROUP_END}"
)
"""A group of places that one 、 (or 和) does not split: 各区、县级市, 各街镇、开发区, 各乡镇和街道."""


def group_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of the group names of places in ``text`` (see :func:`join_groups`)."""
    return [m.span() for m in _CITY_COUNTY.finditer(text)]


def join_groups(text: str, mark: str = "\ue000") -> str:
    """Return ``text`` with the 、 inside group names of places replaced by ``mark``.

    ``各X、Y`` (and ``各X和Y``) where X and Y are kinds of place (区, 县级市, 街镇, 开发区,
    乡镇, 街道 …) names one group — each X and each Y — not two units; ``各街道、区直各部门``
    and ``各区、各部门`` stay two.

    Examples
    --------
    >>> join_groups("区水务局、各街镇、开发区", "|")
    '区水务局、各街镇|开发区'
    >>> join_groups("各街道、区直各部门", "|")
    '各街道、区直各部门'
    """
    return _CITY_COUNTY.sub(lambda m: m.group().replace("、", mark), text)


_CARRIED_LEVELS = frozenset(("省", "市", "州", "盟", "县", "区", "旗", "乡", "镇"))
_NO_CARRY = re.compile(
    r"^(?:各|有|相关|其他|其它|所有|全体|涉及|中国|中央|国家|国务院|人民银行|团)|集团|公司|银行|分行|"
    r"单位$|部门$|政府$|党委$"
)
_DEPT_END = re.compile(r"(?:厅|局|委|办|委员会|办公室)$")


def _no_carry(name: str) -> bool:
    """Whether a list item keeps its own name: another place's body, an enterprise, a set."""
    return _NO_CARRY.search(name) is not None or starts_with_place(name)


_LEVEL_OWN = re.compile(r"委|政府|人民政府|人大|政协|纪委")
"""What follows a level's word in the names of its own bodies (县委, 县政府, 县人大常委会)."""


def _carry_level(names: list[str]) -> list[str]:
    """Carry the list head's level prefix (省, 市, 县 …) to the bare department names after it."""
    if len(names) < 2:
        return names
    prefix, rest = level_of(names[0])
    level = plain_level(prefix)
    if level not in _CARRIED_LEVELS or rest.startswith("(") or _no_carry(rest):
        return names
    catalogue = bundled_catalogue()
    result = [names[0]]
    for name in names[1:]:
        own, _ = level_of(name)
        known = catalogue.body(level + name)
        bare_known = known is not None and catalogue.knows(name)
        if (
            own
            # the level's own bodies: 县委, 县政府 after 县乡村振兴局 (not 县县委; 市场监管局 takes 市)
            or (name.startswith(level) and _LEVEL_OWN.match(name, len(level)) is not None)
            or (not bare_known and (_no_carry(name) or not _DEPT_END.search(name)))
        ):
            result.append(name)
        elif known is not None and known[2] is UnitKind.PARTY_ORGAN and not name.startswith("委"):
            result.append(level + "委" + name)
        else:
            result.append(level + name)
    return result


_SPACES = re.compile(r"(\s+)")
_UNIT_END = re.compile(
    r"(?:乡镇|街道|镇街|社区|办事处|村委会|居委会|开发区|园区|新区|工作组|专班|指挥部)$"
)
_NAME_START = re.compile(
    rf"^(?:各|中共|宁夏|{'|'.join(DEPARTMENT_WORDS)}|市政(?!府|协)|(?:自治区|省|市|州|盟|县|区|旗|乡|镇))"
)
"""A name starting after a space: 各…, 中共…, a department named with a place word (城市管理局,
市场监管局, 市政公用局), a level word; or a place (see below)."""
_SIDE_NOTE = re.compile(r"(?:\([^()]*\)|等)$")
_ROLE_TAIL = re.compile(r"(?:牵头|负责|配合|参与|协助|协办|落实)$")
"""A role verb closing one part of a role clause (县教育局牵头, 县公安局配合)."""
_HAS_DEPARTMENTS = re.compile(r"(?:[县市区州旗盟]委|党委|党工委|党组|委员会|政府)$")
"""A body whose departments follow its name (县委 宣传部, 县人民政府 办公室): no unit ends here."""
_LIST_SEPARATOR = re.compile(r"[、,;]")


def _ends_unit(name: str) -> bool:
    """Whether ``name`` ends like a whole unit: a body (局, 委, 中心 …) or a group (各乡镇)."""
    bare = _SIDE_NOTE.sub("", name)
    return (
        owner_like(bare)
        or _UNIT_END.search(bare) is not None
        or (bare.startswith("各") and 2 <= len(bare) <= 12)
    )


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is ``name`` with characters left out (教体局 of 教育体育局).

    Examples
    --------
    >>> _abbreviates("经信局", "经济和信息化局"), _abbreviates("经信局", "工业和信息化局")
    (True, False)
    """
    rest = iter(name)
    return all(ch in rest for ch in short)


def whole_after(left: str, right: str) -> bool:
    """Whether ``right``, written after ``left`` and a space, is a unit of its own.

    It is when it ends like a unit and starts like one (a level or a place: 县, 同心县, 各),
    or when the catalogue knows it and not ``left + right`` (县委 组织部 is one unit).
    """
    if not _ends_unit(right):
        return False
    if _NAME_START.match(right) is not None or starts_with_place(right):
        return True
    if _HAS_DEPARTMENTS.search(left) is not None:
        return False  # 同心县委 宣传部, 中共…委员会 组织部: a department of the body before it
    bare = _SIDE_NOTE.sub("", right)
    catalogue = bundled_catalogue()
    return catalogue.knows(bare) and not catalogue.knows(left + bare)


def cut_spaces(text: str) -> str:
    """Return a list of names with each run of spaces between two whole unit names made a 、.

    Hand-typed lists and flattened table cells separate names by spaces (ASCII, full-width
    U+3000 or no-break U+00A0): ``同心县教育局 县公安局`` is two units. A space inside one name
    stays (``自治区 医保局``, ``县人民政府 办公室``, ``县委 组织部``), as does one inside
    brackets. The first character of a run becomes the 、, so offsets in ``text`` keep.

    Examples
    --------
    >>> cut_spaces("同心县教育局\u3000县公安局  各乡镇")
    '同心县教育局、县公安局、 各乡镇'
    >>> cut_spaces("自治区 医保局、县委 组织部、县人民政府 办公室")
    '自治区 医保局、县委 组织部、县人民政府 办公室'

    A space after a role verb ends that role's part as a ，does:

    >>> cut_spaces("县教育局牵头　县公安局、县民政局配合")
    '县教育局牵头，县公安局、县民政局配合'
    """
    if not any(ch.isspace() for ch in text):
        return text
    parts = _SPACES.split(text)
    out = [parts[0]]
    name = unicodedata.normalize("NFKC", parts[0])
    depth = name.count("(") + name.count("〔") - name.count(")") - name.count("〕")
    for k in range(1, len(parts) - 1, 2):
        space, word = parts[k], parts[k + 1]
        plain = unicodedata.normalize("NFKC", word)
        head = _LIST_SEPARATOR.split(name.rsplit(":", 1)[-1])[-1]
        lead = _LIST_SEPARATOR.split(plain, maxsplit=1)[0]
        role = _ROLE_TAIL.search(head) if head else None
        bare = _ROLE_TAIL.sub("", lead)  # 县民政局配合: the unit before its role verb
        if depth <= 0 and head and bare and _ends_unit(head) and whole_after(head, bare):
            out.append("、" + space[1:])
            name = plain
        elif (
            role is not None and bare and _ends_unit(head[: role.start()]) and whole_after("", bare)
        ):
            out.append("，" + space[1:])  # 县教育局牵头 县公安局配合: two role clauses
            name = plain
        else:
            out.append(space)
            name += plain
        out.append(word)
        depth += plain.count("(") + plain.count("〔") - plain.count(")") - plain.count("〕")
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _split_cached(text: str, *, carry: bool = True) -> tuple[str, ...]:
    text = cut_spaces(text)
    protected: list[str] = []
    depth = 0
    for ch in text:
        if ch in "(〔":
            depth += 1
        elif ch in ")〕":
            depth = max(0, depth - 1)
        protected.append(_PROTECT if ch == "、" and depth else ch)
    joined = join_groups("".join(protected), _PROTECT)
    names = [
        name.replace(_PROTECT, "、")
        for name in split_unit_list(joined)
        if normalize_name(name.replace(_PROTECT, ""))
    ]
    return tuple(names) if not carry else tuple(_carry_level(names))


def split_names(text: str, *, carry: bool = True) -> list[str]:
    """Split a list of owner names, keeping 、 inside brackets and in 市、县(区) whole.

    The 自治区 prefix of the list head carries over as :func:`xiaojie.model.split_unit_list`
    defines it; another level's prefix (省, 市, 县 …) carries over to the bare department names
    after a department head.

    Examples
    --------
    >>> split_names("自治区农业农村厅、财政厅,各市、县(区)人民政府")
    ['自治区农业农村厅', '自治区财政厅', '各市、县(区)人民政府']
    >>> split_names("县(市、区)政府、民政局")
    ['县(市、区)政府', '民政局']
    >>> split_names("省医保局、民政厅、人民银行西安分行、团省委")
    ['省医保局', '省民政厅', '人民银行西安分行', '团省委']
    >>> split_names("省医保局、民政厅,各州、市人民政府", carry=False)
    ['省医保局', '民政厅', '各州、市人民政府']
    >>> split_names("市委组织部,各有关区、县级市", carry=False)
    ['市委组织部', '各有关区、县级市']
    >>> split_names("区水务局、各街镇、开发区", carry=False)
    ['区水务局', '各街镇、开发区']
    >>> split_names("县教育局\u3000公安局 各乡镇")
    ['县教育局', '县公安局', '各乡镇']
    """
    return list(_split_cached(text, carry=carry))


def _same_level(name: str, known: str) -> bool:
    """Whether two names are not of different levels (省民政厅 is not 自治区民政厅)."""
    mine = plain_level(level_of(normalize_name(name))[0])
    theirs = plain_level(level_of(normalize_name(known))[0])
    return (
        not mine or not theirs or mine == theirs or {mine, theirs} <= {"自治区", "宁夏回族自治区"}
    )


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
    # the digest of the name as shown (numbers that are personal data masked): an id is
    # published, and a digest of a phone number in a name would give its hidden digits away
    shown = shown_text(name)
    for size in (4, 8, 16):
        candidate = f"{prefix}-{hashlib.blake2b(shown.encode(), digest_size=size).hexdigest()}"
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
    catalogue
        The body names that make short and standard forms the same unit (发改委 = 发展改革委);
        the bundled catalogue by default.
    """

    def __init__(self, base: UnitRegistry, catalogue: Catalogue | None = None) -> None:
        self.base = base
        self.catalogue = catalogue if catalogue is not None else bundled_catalogue()
        self._by_key: dict[str, Owner] = {}
        self._written: dict[str, list[str]] = {}
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
        if found is not None and not _same_level(name, found.name):
            found = None
        if found is None:
            key = normalize_name(name)
            found = self._new.get(key) or self._new.get(_strip(key))
        if found is None:
            body_key = self.catalogue.key(name)
            found = self._by_key.get(body_key) if body_key is not None else None
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
        known = self.catalogue.kind(name)
        if known is not None and not isinstance(kind, GroupKind):
            kind = known
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
        body_key = self.catalogue.key(name)
        if body_key is not None:
            self._by_key.setdefault(body_key, owner)
        self._max = max(self._max, len(key))
        self.created.append(owner)
        self._index = None
        self._found = {k: v for k, v in self._found.items() if v is not None}
        return owner, True

    def use(self, owner: Owner, written: str = "") -> Owner:
        """Mark ``owner`` as used by the plan (named ``written`` there) and return it."""
        self._used.setdefault(owner.id, owner)
        if written and normalize_name(written) != normalize_name(owner.name):
            self._written.setdefault(owner.id, []).append(normalize_name(written))
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
        plain = UnitRegistry(tuple(units), tuple(kept))  # type: ignore[arg-type]
        with_aliases = self._aliased(units, kept)
        return with_aliases if with_aliases is not None else plain

    def _standard_forms(self, name: str) -> list[str]:
        """Return the standard names of a new unit written short (区应急局 → 区应急管理局).

        The first of the catalogue's standard names of a government department written short
        that the short name abbreviates (its characters in order, 经信局 of 经济和信息化局, not of
        工业和信息化局) and that ends as it does (局, 厅 …), with the written level prefix; a name
        written in full, a party organ's or an unknown one gives none.
        """
        found = self.catalogue.body(name)
        if found is None or found[2] is not UnitKind.GOVERNMENT_DEPARTMENT:
            return []
        prefix, rest = level_of(normalize_name(name))
        if prefix.endswith("委"):
            return []
        names = self.catalogue.names_of(found[1])
        if not prefix or not rest or rest in names:
            return []  # written in full (or with no level to give the standard name)
        standard = next(
            (
                n
                for n in names
                if n[-1] == rest[-1] and not n.endswith("总局") and _abbreviates(rest, n)
            ),
            None,
        )
        return [] if standard is None else [normalize_name(prefix + standard)]

    def _aliased(
        self, units: list[ResponsibleUnit], groups: list[UnitGroup]
    ) -> UnitRegistry | None:
        """Return the registry with each new owner's written forms as aliases, if unambiguous."""
        created = {o.id for o in self.created}
        owners: list[Owner] = [*units, *groups]
        taken = {normalize_name(n) for o in owners for n in o.names}
        claims: dict[str, set[str]] = {}
        for owner_id, forms in self._written.items():
            for form in forms:
                claims.setdefault(form, set()).add(owner_id)
        for owner in self.created:
            for form in self._standard_forms(owner.name):
                claims.setdefault(form, set()).add(owner.id)
        extra: dict[str, list[str]] = {}
        for form, ids in claims.items():
            if len(ids) == 1 and form not in taken and next(iter(ids)) in created:
                extra.setdefault(next(iter(ids)), []).append(form)
        if not extra:
            return None
        new_units = [
            attrs.evolve(u, aliases=(*u.aliases, *extra[u.id])) if u.id in extra else u
            for u in units
        ]
        new_groups = [
            attrs.evolve(g, aliases=(*g.aliases, *extra[g.id])) if g.id in extra else g
            for g in groups
        ]
        try:
            # attrs' mypy plugin types ``converter=tuple`` parameters as an unsolved Iterable[_T_co].
            return UnitRegistry(tuple(new_units), tuple(new_groups))  # type: ignore[arg-type]
        except XiaojieError:
            return None
