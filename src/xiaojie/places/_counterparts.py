"""The counterpart table (对口表): which unit does a parent unit's job one level down."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.errors import PlaceError
from xiaojie.model import normalize_name
from xiaojie.places._places import Level, Place, Places, read_toml


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable

    from xiaojie.model import Owner


__all__ = [
    "COUNTERPARTS_SCHEMA",
    "Counterpart",
    "CounterpartTable",
    "Fallback",
    "Mapped",
    "load_counterparts",
]

COUNTERPARTS_SCHEMA = "xiaojie-counterparts/1"
"""The value of the ``schema`` key of a counterpart file."""

_REGION_PREFIXES = ("宁夏回族自治区", "自治区")
_PARTY_PREFIX = "党委"


class Fallback(enum.StrEnum):
    """What becomes of a unit that has no counterpart at a level."""

    GOVERNMENT = "government"
    """The level's 人民政府 takes it."""
    PARTY = "party"
    """The level's 党委 takes it."""
    REPORT = "report"
    """It is left out of the local plan and listed in the report."""


@attrs.frozen(kw_only=True)
class Counterpart:
    """One row of the table: a parent unit and its local names by level.

    Parameters
    ----------
    unit
        The id (or a name) of the unit in the parent plan.
    names
        Pairs ``(level, template)``; the level ``"*"`` applies to every level.
    fallback
        What to do at a level with no template.
    """

    unit: str = attrs.field(validator=attrs.validators.min_len(1))
    names: tuple[tuple[str, str], ...] = ()
    fallback: Fallback | None = attrs.field(
        default=None, converter=attrs.converters.optional(Fallback)
    )

    def template(self, level: Level) -> str | None:
        """Return the template for ``level``, or ``None``."""
        found = dict(self.names)
        return found.get(str(level), found.get("*"))


@attrs.frozen
class Mapped:
    """Where a parent unit goes at one place: a local name, or ``None`` with the reason."""

    name: str | None
    rule: str
    """``table``, ``rename``, ``government``, ``party`` or ``report``."""


def _fill(template: str, place: Place, places: Places) -> str:
    city = places.up_to(place, Level.PREFECTURE) if place.level.depth > 1 else None
    try:
        return template.format(place=place.prefix, city=(city or place).prefix, stem=place.stem)
    except (KeyError, IndexError, ValueError) as err:
        msg = (
            f"counterparts: expected a name with {{place}}, {{city}} or {{stem}}, "
            f"found {template!r} ({err})"
        )
        raise PlaceError(msg) from None


def _rows(value: Iterable[Counterpart]) -> tuple[Counterpart, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CounterpartTable:
    """The table of counterpart units, with the default for units it does not list.

    Parameters
    ----------
    rows
        The table's rows.
    rename
        For units without a row: turn ``自治区X厅`` into ``{place}X局`` and ``自治区党委X`` into
        ``{place}委X`` (else the default fallback applies).
    fallback
        What to do with a unit that neither a row nor the renaming maps.
    government, party
        The names of a level's 人民政府 and 党委 (templates).
    prefixes
        The prefixes of the parent level's unit names that renaming replaces (``自治区``,
        ``宁夏回族自治区``; ``省``, ``甘肃省`` for a province), longest first.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> from xiaojie.places import load_places
    >>> plan, table, places = load_plan(), load_counterparts(), load_places()
    >>> tongxin = places.find("同心县")
    >>> table.map(plan.units.resolve("农业农村厅"), tongxin, places).name
    '同心县农业农村局'
    >>> table.map(plan.units.resolve("生态环境厅"), tongxin, places).name
    '吴忠市生态环境局同心分局'
    >>> table.map(plan.units.resolve("农垦集团"), tongxin, places)
    Mapped(name=None, rule='report')
    """

    rows: tuple[Counterpart, ...] = attrs.field(default=(), converter=_rows)
    rename: bool = True
    fallback: Fallback = attrs.field(default=Fallback.REPORT, converter=Fallback)
    government: str = "{place}人民政府"
    party: str = "{place}委"
    prefixes: tuple[str, ...] = _REGION_PREFIXES

    def below(self, place: Place | None) -> CounterpartTable:
        """Return the table for a plan of ``place`` cascaded further down (a city's plan).

        The names of ``place`` join the prefixes that renaming replaces, so that a city plan's
        ``吴忠市X局`` becomes ``{place}X局`` one level down, as ``自治区X厅`` did one level up.
        ``None`` (a plan of no known place) returns the table as it is.

        Examples
        --------
        >>> from xiaojie.places import load_places
        >>> places = load_places()
        >>> table = CounterpartTable().below(places.find("吴忠市"))
        >>> table.prefixes[-1], table.renamed("吴忠市统计局", places.find("同心县"))
        ('吴忠市', '同心县统计局')
        """
        if place is None:
            return self
        names = [n for n in (place.name, place.prefix, *place.aliases) if n]
        added = tuple(n for n in dict.fromkeys(names) if n not in self.prefixes)
        return attrs.evolve(self, prefixes=(*self.prefixes, *added))

    def row_for(self, owner: Owner) -> Counterpart | None:
        """Return the row of ``owner`` (by id, else by any of its names), or ``None``."""
        names = {normalize_name(n) for n in owner.names}
        for row in self.rows:
            if row.unit == owner.id:
                return row
        for row in self.rows:
            if normalize_name(row.unit) in names:
                return row
        return None

    def fallback_name(self, kind: Fallback, place: Place, places: Places) -> str:
        """Return the name of the level's 人民政府 or 党委 at ``place``."""
        template = self.government if kind is Fallback.GOVERNMENT else self.party
        return _fill(template, place, places)

    def map(self, owner: Owner, place: Place, places: Places) -> Mapped:
        """Return where ``owner`` goes at ``place``: a local name and the rule that gave it."""
        row = self.row_for(owner)
        if row is not None:
            template = row.template(place.level)
            if template is not None:
                return Mapped(_fill(template, place, places), "table")
            kind = row.fallback or self.fallback
        else:
            renamed = self._renamed(owner.name, place) if self.rename else None
            if renamed is not None:
                return Mapped(renamed, "rename")
            kind = self.fallback
        if kind is Fallback.REPORT:
            return Mapped(None, "report")
        return Mapped(self.fallback_name(kind, place, places), str(kind))

    def renamed(self, name: str, place: Place) -> str | None:
        """Return what the renaming rule makes of ``name`` at ``place``, or ``None``.

        ``自治区X厅`` becomes ``{place}X局``, ``自治区党委X`` ``{place}委X``; a name that begins with
        none of :attr:`prefixes` is not renamed.

        Examples
        --------
        >>> from xiaojie.places import load_places
        >>> CounterpartTable().renamed("自治区统计局", load_places().find("同心县"))
        '同心县统计局'
        """
        return self._renamed(name, place)

    def _renamed(self, name: str, place: Place) -> str | None:
        text = normalize_name(name)
        for prefix in sorted(self.prefixes, key=len, reverse=True):
            if text.startswith(prefix) and len(text) > len(prefix):
                rest = text[len(prefix) :]
                fixed = _LOCAL_FORMS.get(rest)
                if fixed is not None:  # 省政府办公厅 → 县人民政府办公室, 省军区 → 县人民武装部
                    return f"{place.prefix}{fixed}"
                if rest.startswith(_PARTY_PREFIX) and len(rest) > len(_PARTY_PREFIX):
                    return f"{place.prefix}委{rest[len(_PARTY_PREFIX) :]}"
                if rest.startswith("委") and len(rest) > 1:
                    return f"{place.prefix}委{rest[1:]}"
                if rest.endswith("厅"):
                    return f"{place.prefix}{rest[:-1]}局"
                return f"{place.prefix}{rest}"
        return None


# Bodies whose counterpart one level down has another name than the renamed one: the general
# offices (办公厅 → 办公室), the higher court, the military district, the party committee itself.
_LOCAL_FORMS = {
    "人民政府办公厅": "人民政府办公室",
    "政府办公厅": "人民政府办公室",
    "委办公厅": "委办公室",
    "党委办公厅": "委办公室",
    "人民政府": "人民政府",
    "政府": "人民政府",
    "党委": "委",
    "委": "委",
    "高级人民法院": "人民法院",
    "军区": "人民武装部",
}

_KEYS = ("schema", "default", "counterparts")
_DEFAULT_KEYS = ("rule", "prefixes", "fallback", "government", "party")


def _unknown(keys: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    """Refuse keys a counterpart file does not have (a misspelt one would be ignored silently)."""
    extra = sorted(str(k) for k in keys if k not in known)
    if extra:
        msg = f"{where}: expected only the keys {', '.join(known)}, found {', '.join(extra)}"
        raise PlaceError(msg)


def _table(data: dict[str, Any], source: str) -> CounterpartTable:
    if data.get("schema", COUNTERPARTS_SCHEMA) != COUNTERPARTS_SCHEMA:
        msg = f"{source}: schema: expected {COUNTERPARTS_SCHEMA!r}, found {data.get('schema')!r}"
        raise PlaceError(msg)
    _unknown(data, _KEYS, source)
    default = data.get("default", {})
    if not isinstance(default, dict):
        msg = f"{source}: default: expected a table, found {default!r}"
        raise PlaceError(msg)
    _unknown(default, _DEFAULT_KEYS, f"{source}: default")
    if not isinstance(data.get("counterparts", []), list):
        msg = f"{source}: counterparts: expected a list of [[counterparts]] tables, found {data['counterparts']!r}"
        raise PlaceError(msg)
    rule = default.get("rule", "rename")
    if rule not in {"rename", "none"}:
        msg = f"{source}: default.rule: expected 'rename' or 'none', found {rule!r}"
        raise PlaceError(msg)
    prefixes = default.get("prefixes", list(_REGION_PREFIXES))
    if not isinstance(prefixes, list) or not all(isinstance(x, str) and x for x in prefixes):
        msg = f"{source}: default.prefixes: expected a list of name prefixes, found {prefixes!r}"
        raise PlaceError(msg)
    prefixes = tuple(prefixes)
    rows = []
    levels = {"name": "*", "prefecture": "prefecture", "county": "county", "township": "township"}
    for k, row in enumerate(data.get("counterparts", [])):
        where = f"{source}: counterparts[{k}]"
        if not isinstance(row, dict) or not isinstance(row.get("unit"), str):
            msg = f"{where}: expected a table with a unit id or name, found {row!r}"
            raise PlaceError(msg)
        extra = sorted(set(row) - {"unit", "fallback", *levels})
        if extra:
            msg = f"{where}: expected unit, name, prefecture, county, township or fallback, found {', '.join(extra)}"
            raise PlaceError(msg)
        names = []
        for key, level in levels.items():
            if key in row:
                if not isinstance(row[key], str) or not row[key].strip():
                    msg = f"{where}.{key}: expected a unit name, found {row[key]!r}"
                    raise PlaceError(msg)
                names.append((level, row[key]))
        fallback = row.get("fallback")
        if fallback is not None and fallback not in set(Fallback):
            msg = f"{where}.fallback: expected government, party or report, found {fallback!r}"
            raise PlaceError(msg)
        if not names and fallback is None:
            msg = f"{where}: expected a name or a fallback, found neither"
            raise PlaceError(msg)
        rows.append(Counterpart(unit=row["unit"], names=tuple(names), fallback=fallback))
    fallback = default.get("fallback", "report")
    if fallback not in set(Fallback):
        msg = (
            f"{source}: default.fallback: expected government, party or report, found {fallback!r}"
        )
        raise PlaceError(msg)
    return CounterpartTable(
        rows=rows,
        rename=rule == "rename",
        fallback=fallback,
        government=str(default.get("government", "{place}人民政府")),
        party=str(default.get("party", "{place}委")),
        prefixes=prefixes,
    )


def load_counterparts(path: str | os.PathLike[str] | None = None) -> CounterpartTable:
    """Read a counterpart table (TOML); without ``path``, the bundled table of the Ningxia plan.

    Raises
    ------
    PlaceError
        If the file is not valid TOML or a row is invalid; the message names the file and row.

    Examples
    --------
    >>> len(load_counterparts().rows) > 40
    True
    """
    data, source = read_toml(path, bundled="counterparts-ningxia.toml", what="counterpart file")
    return _table(data, source)
