"""Responsible units, unit groups and the registry that resolves names as written in plans."""

from __future__ import annotations

import difflib
import enum
import functools
import re
import unicodedata
from typing import TYPE_CHECKING

import attrs

from xiaojie.errors import PlanValidationError, UnknownUnitError
from xiaojie.model._text import alias_texts, name_text


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


__all__ = [
    "DEPARTMENT_WORDS",
    "GroupKind",
    "Owner",
    "ResponsibleUnit",
    "UnitGroup",
    "UnitKind",
    "UnitRegistry",
    "normalize_name",
    "split_unit_list",
    "starts_with_place",
]

_ID_RE = r"^[a-z0-9][a-z0-9_-]*$"


class UnitKind(enum.StrEnum):
    """What kind of body a responsible unit is."""

    GOVERNMENT_DEPARTMENT = "government_department"
    PARTY_ORGAN = "party_organ"
    PEOPLES_ORGANISATION = "peoples_organisation"
    ENTERPRISE = "enterprise"
    FINANCIAL_INSTITUTION = "financial_institution"
    COOPERATIVE = "cooperative"
    REGIONAL_BODY = "regional_body"
    LEADERSHIP = "leadership"
    OTHER = "other"


class GroupKind(enum.StrEnum):
    """What kind of set of units a group is."""

    LEADING_GROUP_MEMBERS = "leading_group_members"
    """The member units of a leading group (领导小组成员单位)."""
    SUBSET = "subset"
    """The relevant part of another group (相关成员单位)."""
    DESCRIPTIVE = "descriptive"
    """A set described by a property (有驻村帮扶任务的单位, 各相关行业主管部门)."""


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


_IGNORED_IN_NAMES = re.compile(r"[\s“”\"'‘’]")


@functools.lru_cache(maxsize=16384)
def normalize_name(name: str) -> str:
    """Return ``name`` in the form used for matching: NFKC, no whitespace, no quotes.

    Examples
    --------
    >>> normalize_name(" 自治区 医保局 ")
    '自治区医保局'
    >>> normalize_name("（自治区）残联")
    '(自治区)残联'
    """
    return _IGNORED_IN_NAMES.sub("", unicodedata.normalize("NFKC", name))


@attrs.frozen(kw_only=True)
class ResponsibleUnit:
    """A body that can be responsible for a task: a department, party organ, enterprise ….

    Parameters
    ----------
    id
        A stable ASCII identifier (lower case, digits, ``_`` and ``-``), e.g. ``"finance"``.
    name
        The canonical name, as the plan's level writes it in full: ``自治区医疗保障局``.
    aliases
        Other names the unit is written as: short forms (``医保局``), official full names
        (``宁夏回族自治区医疗保障局``), abbreviations.
    kind
        What kind of body it is.

    Examples
    --------
    >>> u = ResponsibleUnit(id="healthcare_security", name="自治区医疗保障局",
    ...                     aliases=("医保局",), kind=UnitKind.GOVERNMENT_DEPARTMENT)
    >>> u.names
    ('自治区医疗保障局', '医保局')
    >>> ResponsibleUnit(id="Bad Id", name="x")
    Traceback (most recent call last):
    ...
    ValueError: ("'id' must match regex '^[a-z0-9][a-z0-9_-]*$' ('Bad Id' doesn't)", ...)
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(_ID_RE))
    name: str = attrs.field(converter=name_text, validator=attrs.validators.min_len(1))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=alias_texts)
    kind: UnitKind = attrs.field(default=UnitKind.OTHER, converter=UnitKind)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    @property
    def is_group(self) -> bool:
        """Always ``False``: a unit is one body (see :class:`UnitGroup`)."""
        return False

    def __str__(self) -> str:
        return self.name


@attrs.frozen(kw_only=True)
class UnitGroup:
    """A set of units named as one owner: 领导小组成员单位, 有驻村帮扶任务的单位 ….

    Parameters
    ----------
    id
        A stable ASCII identifier.
    name
        The name as the plan writes it.
    aliases
        Other spellings.
    kind
        Members of a leading group, a subset of another group, or a descriptive set.
    members
        The ids of the member units, or ``None`` when the membership is not known (the plan
        does not list it).
    parent
        For a subset, the id of the group it is part of.
    """

    id: str = attrs.field(validator=attrs.validators.matches_re(_ID_RE))
    name: str = attrs.field(converter=name_text, validator=attrs.validators.min_len(1))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=alias_texts)
    kind: GroupKind = attrs.field(default=GroupKind.DESCRIPTIVE, converter=GroupKind)
    members: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_names)
    )
    parent: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)

    @property
    def is_group(self) -> bool:
        """Always ``True``."""
        return True

    @property
    def membership_known(self) -> bool:
        """Whether the member units are listed."""
        return self.members is not None

    def __str__(self) -> str:
        return self.name


Owner = ResponsibleUnit | UnitGroup
"""Anything that can own a task or an item: one unit or a group of units."""

# Prefixes that a list head carries over to the items after it ("自治区教育厅、公安厅").
_REGION_PREFIXES = ("宁夏回族自治区", "自治区")
# Department names that begin with a place word but name no place (城市管理局, 市场监管厅, 县域办,
# 区域协调办, 乡村振兴局, 村镇建设办).
DEPARTMENT_WORDS = ("城市", "城乡", "城镇", "市场", "市容", "县域", "区域", "乡村", "村镇")
_PLACE_START = re.compile(
    rf"^(?!{'|'.join(DEPARTMENT_WORDS)})"
    r"(?:[\u4e00-\u9fff]{1,5}?(?:自治县|自治州|省|市|县|州|盟|旗)|[\u4e00-\u9fff]{2,4}?区)"
)
# Items that never take a carried prefix: other levels, enterprises, banks, descriptive sets.
_NO_CARRY_RE = re.compile(
    r"^(?:宁夏|中国|中央|国家|人民银行|有|各|相关|其他|市(?!场|容|政(?!府|协))|县(?!域)|乡(?!村)|村(?!镇))|"
    r"集团|公司|银行|分行|管委会|单位$|部门$"
)


def starts_with_place(name: str) -> bool:
    """Whether a unit's name begins with a named place (同心县…, 吴忠市…, 利通区…, 甘肃省…).

    A body of that place, which a list head's level prefix is not carried to; a department whose
    name merely begins with a place word (城市管理局, 市场监管局, 区域协调办) names no place.

    Examples
    --------
    >>> [starts_with_place(n) for n in ("同心县人民政府", "吴忠市农业农村局", "利通区", "甘肃省")]
    [True, True, True, True]
    >>> [starts_with_place(n) for n in ("城市管理局", "市场监管厅", "区块链办", "乡村振兴局", "教育厅")]
    [False, False, False, False, False]
    """
    return _PLACE_START.match(name) is not None


def split_unit_list(text: str) -> tuple[str, ...]:
    """Split a responsibility list into names, carrying the list head's 自治区 prefix over.

    ``、`` separates peers; ``,`` ``;`` (and their full-width forms) separate a principal group
    from a trailing addition. The 自治区 prefix of the first item carries over to the following
    items of the list, but not to items that belong to another level or are not government
    bodies (人民银行宁夏区分行, 农垦集团, 贺兰山东麓葡萄酒产业园区管委会, 有驻村帮扶任务的单位,
    各相关行业主管部门).

    Parameters
    ----------
    text
        The list as written, e.g. ``"自治区教育厅、公安厅、民政厅、残联"``.

    Returns
    -------
    tuple of str
        The names with the prefix carried over where it applies.

    Examples
    --------
    >>> split_unit_list("自治区教育厅、公安厅、民政厅")
    ('自治区教育厅', '自治区公安厅', '自治区民政厅')
    >>> split_unit_list("自治区农业农村厅、人民银行宁夏区分行、农垦集团")
    ('自治区农业农村厅', '人民银行宁夏区分行', '农垦集团')
    >>> split_unit_list("自治区党委组织部、农办、农业农村厅,有驻村帮扶任务的单位")[-1]
    '有驻村帮扶任务的单位'
    >>> split_unit_list("自治区教育厅、同心县人民政府、吴忠市农业农村局")
    ('自治区教育厅', '同心县人民政府', '吴忠市农业农村局')
    >>> split_unit_list("")
    ()
    """
    normalized = unicodedata.normalize("NFKC", text)
    parts = [p.strip() for p in re.split(r"[、,;]", normalized)]
    names = [p for p in parts if p]
    if not names:
        return ()
    prefix = next((p for p in _REGION_PREFIXES if names[0].startswith(p)), "")
    if not prefix:
        return tuple(names)
    result = [names[0]]
    for name in names[1:]:
        carried = (
            name.startswith(_REGION_PREFIXES)
            or _NO_CARRY_RE.search(name) is not None
            or starts_with_place(name)
        )
        result.append(name if carried else prefix + name)
    return tuple(result)


def _strip_region(name: str) -> str:
    for prefix in ("中共宁夏回族自治区委员会", "宁夏回族自治区人民政府", *_REGION_PREFIXES):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


@attrs.frozen
class UnitRegistry:
    """The units and unit groups of a plan, with lookup by any name they are written as.

    Names are matched after :func:`normalize_name`. A name matches a unit when it is one of its
    names, or when both are equal once a leading 自治区 / 宁夏回族自治区 is removed — so
    ``医保局``, ``自治区医保局`` and ``宁夏回族自治区医疗保障局`` (if listed) are one unit.

    Raises
    ------
    PlanValidationError
        On construction, if two units share an id or a name resolves to two different units.

    Examples
    --------
    >>> reg = UnitRegistry((
    ...     ResponsibleUnit(id="hs", name="自治区医疗保障局", aliases=("医保局", "医疗保障局")),
    ...     ResponsibleUnit(id="ag", name="自治区农业农村厅", aliases=("农业农村厅",)),
    ... ))
    >>> reg.resolve("医保局") is reg.resolve("自治区医疗保障局")
    True
    >>> reg.resolve("农业厅")
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownUnitError: unknown unit '农业厅'; closest known: 农业农村厅、自治区农业农村厅
    """

    units: tuple[ResponsibleUnit, ...] = attrs.field(converter=tuple)
    groups: tuple[UnitGroup, ...] = attrs.field(default=(), converter=tuple)
    _index: dict[str, Owner] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _by_id: dict[str, Owner] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Owner] = {}
        index: dict[str, Owner] = {}
        problems: list[PlanValidationError] = []
        owners: list[Owner] = [*self.units, *self.groups]
        for owner in owners:
            if owner.id in by_id:
                problems.append(
                    PlanValidationError(
                        f"units.{owner.id}", "a unique id", f"{owner.id!r} used twice"
                    )
                )
            by_id[owner.id] = owner
        for owner in owners:
            for raw in owner.names:
                for key in {normalize_name(raw), _strip_region(normalize_name(raw))}:
                    other = index.get(key)
                    if other is not None and other.id != owner.id:
                        problems.append(
                            PlanValidationError(
                                f"units.{owner.id}",
                                "names that belong to one unit only",
                                f"{raw!r} also names {other.id!r}",
                            )
                        )
                    index.setdefault(key, owner)
        for group in self.groups:
            problems.extend(
                PlanValidationError(f"groups.{group.id}.members", "ids of known units", repr(m))
                for m in group.members or ()
                if m not in by_id or by_id[m].is_group
            )
            if group.parent is not None and group.parent not in by_id:
                problems.append(
                    PlanValidationError(
                        f"groups.{group.id}.parent", "the id of a known group", repr(group.parent)
                    )
                )
        if problems:
            raise problems[0]
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_by_id", by_id)

    def __iter__(self) -> Iterator[Owner]:
        yield from self.units
        yield from self.groups

    def __len__(self) -> int:
        return len(self.units) + len(self.groups)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def find(self, name: str) -> Owner | None:
        """Return the unit or group ``name`` denotes, or ``None`` if it is unknown."""
        key = normalize_name(name)
        found = self._index.get(key)
        if found is None:
            found = self._index.get(_strip_region(key))
        return found

    def resolve(self, name: str) -> Owner:
        """Return the one unit or group that ``name`` denotes, however the plan wrote it.

        Parameters
        ----------
        name
            Any name: canonical, alias, with or without the 自治区 prefix.

        Returns
        -------
        ResponsibleUnit or UnitGroup

        Raises
        ------
        UnknownUnitError
            If no unit has that name; the error suggests the closest known names.
        """
        found = self.find(name)
        if found is None:
            raise UnknownUnitError(name, self.suggest(name))
        return found

    def resolve_list(self, text: str) -> tuple[Owner, ...]:
        """Resolve a whole responsibility list as written (see :func:`split_unit_list`).

        Raises
        ------
        UnknownUnitError
            For the first name that is not known.
        """
        return tuple(self.resolve(name) for name in split_unit_list(text))

    def by_id(self, unit_id: str) -> Owner:
        """Return the unit or group with this id.

        Raises
        ------
        UnknownUnitError
            If no unit or group has that id.
        """
        try:
            return self._by_id[unit_id]
        except KeyError:
            raise UnknownUnitError(unit_id, self.suggest(unit_id)) from None

    def suggest(self, name: str, *, limit: int = 3) -> tuple[str, ...]:
        """Return up to ``limit`` known names closest to ``name``, best first."""
        known = sorted({n for owner in self for n in owner.names})
        key = normalize_name(name)
        close = difflib.get_close_matches(key, known, n=limit, cutoff=0.4)
        if not close:
            stripped = _strip_region(key)
            close = [n for n in known if stripped and (stripped in n or n in stripped)][:limit]
        return tuple(close)

    def members_of(self, group: UnitGroup) -> tuple[ResponsibleUnit, ...] | None:
        """Return the member units of ``group`` in registry order, or ``None`` if unknown."""
        if group.members is None:
            return None
        wanted = set(group.members)
        return tuple(u for u in self.units if u.id in wanted)

    def groups_of(self, unit: ResponsibleUnit) -> tuple[UnitGroup, ...]:
        """Return the groups whose known membership includes ``unit``."""
        return tuple(g for g in self.groups if g.members is not None and unit.id in g.members)
