"""Places (行政区划): the region, its cities and counties, with their GB/T 2260 division codes."""

from __future__ import annotations

import enum
import re
import sys
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.errors import PlaceError
from xiaojie.model import normalize_name


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator


__all__ = ["PLACES_SCHEMA", "Level", "Place", "Places", "load_places"]

PLACES_SCHEMA = "xiaojie-places/1"
"""The value of the ``schema`` key of a place file."""

_CODE_RE = re.compile(r"^(?:[0-9]{6}|[0-9]{9}|[0-9]{12})$")


class Level(enum.StrEnum):
    """The level of a place: 省级 → 地级 → 县级 → 乡级 → 村级."""

    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    @property
    def label(self) -> str:
        """The Chinese word: 省级, 地级, 县级, 乡级 or 村级."""
        return {
            Level.PROVINCE: "省级",
            Level.PREFECTURE: "地级",
            Level.COUNTY: "县级",
            Level.TOWNSHIP: "乡级",
            Level.VILLAGE: "村级",
        }[self]

    @property
    def depth(self) -> int:
        """0 for a province, 1 for a prefecture … 4 for a village."""
        return list(Level).index(self)


def _code(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _CODE_RE.match(value):
        msg = f"{attribute.name}: expected a division code of 6, 9 or 12 digits, found {value!r}"
        raise PlaceError(msg)


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _places(value: Iterable[Place]) -> tuple[Place, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Place:
    """One place: a province, a prefecture-level city, a county-level division, a township ….

    Parameters
    ----------
    code
        Its division code (GB/T 2260 for county and above: ``640324``; 9 or 12 digits below).
    name
        Its official name (``同心县``).
    level
        Its level.
    parent
        The code of the place it belongs to; ``None`` for a province.
    short_name
        How unit names begin at this level (``自治区`` for the region, else the name).
    aliases
        Other names it is written as.

    Examples
    --------
    >>> p = Place(code="640324", name="同心县", level="county", parent="640300")
    >>> p.prefix, p.stem
    ('同心县', '同心')
    >>> Place(code="64", name="x", level="county")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlaceError: code: expected a division code of 6, 9 or 12 digits, found '64'
    """

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=attrs.validators.min_len(1))
    level: Level = attrs.field(converter=Level)
    parent: str | None = None
    short_name: str = ""
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_names)

    @property
    def prefix(self) -> str:
        """The start of its units' names: the short name, else the name."""
        return self.short_name or self.name

    @property
    def stem(self) -> str:
        """The name without its last character when that is 市, 县, 区, 旗, 镇 or 乡 (同心)."""
        if len(self.name) > 2 and self.name[-1] in "市县区旗镇乡":
            return self.name[:-1]
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        """The name, the short name (if any) and the aliases."""
        return tuple(dict.fromkeys(n for n in (self.name, self.short_name, *self.aliases) if n))

    def __str__(self) -> str:
        return self.name


@attrs.frozen
class Places:
    """A set of places, found by code or by any name.

    Raises
    ------
    PlaceError
        If two places share a code or a name, or a parent is unknown or not one level up.

    Examples
    --------
    >>> places = load_places()
    >>> places.find("同心县").code, places.find("640324").name
    ('640324', '同心县')
    >>> [p.name for p in places.ancestors("同心县")]
    ['吴忠市', '宁夏回族自治区']
    >>> len(places.at_level("prefecture")), len(places.at_level("county"))
    (5, 22)
    """

    places: tuple[Place, ...] = attrs.field(converter=_places)
    _by_code: dict[str, Place] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _by_name: dict[str, Place] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Place] = {}
        by_name: dict[str, Place] = {}
        for place in self.places:
            if place.code in by_code:
                msg = f"places.{place.code}: expected a unique code, found it twice"
                raise PlaceError(msg)
            by_code[place.code] = place
        for place in self.places:
            for name in place.names:
                key = normalize_name(name)
                other = by_name.get(key)
                if other is not None and other.code != place.code and name == place.name:
                    msg = f"places.{place.code}.name: expected a unique name, {name!r} also names {other.code}"
                    raise PlaceError(msg)
                if other is None or name == place.name:
                    by_name[key] = place
            if place.parent is not None:
                parent = by_code.get(place.parent)
                if parent is None:
                    msg = f"places.{place.code}.parent: expected the code of a known place, found {place.parent!r}"
                    raise PlaceError(msg)
                if parent.level.depth >= place.level.depth:
                    msg = (
                        f"places.{place.code}.parent: expected a place above the {place.level.label} "
                        f"level, found {parent.name} ({parent.level.label})"
                    )
                    raise PlaceError(msg)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_name", by_name)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def get(self, key: str | Place) -> Place | None:
        """Return the place with this code or name, or ``None``."""
        if isinstance(key, Place):
            return self._by_code.get(key.code)
        return self._by_code.get(key.strip()) or self._by_name.get(normalize_name(key))

    def find(self, key: str | Place) -> Place:
        """Return the place with this code or name.

        Raises
        ------
        PlaceError
            If no place has that code or name; the error lists the closest names.
        """
        found = self.get(key)
        if found is None:
            import difflib  # noqa: PLC0415 - only on error

            close = difflib.get_close_matches(str(key), [p.name for p in self], n=3, cutoff=0.3)
            hint = f"; closest: {'、'.join(close)}" if close else ""
            msg = f"place: expected a division code or a place name, found {key!r}{hint}"
            raise PlaceError(msg)
        return found

    def parent_of(self, place: str | Place) -> Place | None:
        """Return the place above ``place``, or ``None`` for a province."""
        p = self.find(place)
        return None if p.parent is None else self._by_code[p.parent]

    def ancestors(self, place: str | Place) -> tuple[Place, ...]:
        """Return the places above ``place``, nearest first."""
        chain = []
        up = self.parent_of(place)
        while up is not None:
            chain.append(up)
            up = self.parent_of(up)
        return tuple(chain)

    def children(self, place: str | Place) -> tuple[Place, ...]:
        """Return the places directly below ``place``, in file order."""
        code = self.find(place).code
        return tuple(p for p in self if p.parent == code)

    def at_level(self, level: str | Level) -> tuple[Place, ...]:
        """Return every place of one level, in file order."""
        wanted = Level(level)
        return tuple(p for p in self if p.level is wanted)

    def up_to(self, place: str | Place, level: str | Level) -> Place | None:
        """Return the place of ``level`` that ``place`` lies in (itself if of that level)."""
        wanted = Level(level)
        p = self.find(place)
        for candidate in (p, *self.ancestors(p)):
            if candidate.level is wanted:
                return candidate
        return None

    def merge(self, others: Iterable[Place]) -> Places:
        """Return a new set with ``others`` added (a user's townships, another province).

        Raises
        ------
        PlaceError
            If an added place clashes with one already known.
        """
        return Places((*self.places, *others))


def _read(data: dict[str, Any], source: str) -> tuple[Place, ...]:
    if data.get("schema", PLACES_SCHEMA) != PLACES_SCHEMA:
        msg = f"{source}: schema: expected {PLACES_SCHEMA!r}, found {data.get('schema')!r}"
        raise PlaceError(msg)
    rows = data.get("places")
    if not isinstance(rows, list) or not rows:
        msg = f"{source}: places: expected a list of [[places]] tables, found {rows!r}"
        raise PlaceError(msg)
    made = []
    allowed = {"code", "name", "level", "parent", "short_name", "aliases"}
    for k, row in enumerate(rows):
        where = f"{source}: places[{k}]"
        if not isinstance(row, dict):
            msg = f"{where}: expected a table, found {row!r}"
            raise PlaceError(msg)
        extra = sorted(set(row) - allowed)
        if extra:
            msg = f"{where}: expected only {', '.join(sorted(allowed))}, found {', '.join(extra)}"
            raise PlaceError(msg)
        try:
            made.append(Place(**row))
        except (TypeError, ValueError) as err:
            msg = f"{where}: {err}"
            raise PlaceError(msg) from None
    return tuple(made)


def read_toml(
    path: str | os.PathLike[str] | None, *, bundled: str, what: str
) -> tuple[dict[str, Any], str]:
    """Return the TOML table of ``path`` (the bundled file ``bundled`` when ``None``) and its name.

    Raises
    ------
    PlaceError
        If the file cannot be read as UTF-8 or is not TOML, naming the file and ``what`` it
        should have been.
    """
    if path is None:
        text = resources.files("xiaojie.data").joinpath(bundled).read_text("utf-8")
        source = bundled
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            msg = f"{source}: expected a readable UTF-8 {what}, found {err}"
            raise PlaceError(msg) from None
    try:
        return tomllib.loads(text), source
    except tomllib.TOMLDecodeError as err:
        msg = f"{source}: expected TOML, found an error: {err}"
        raise PlaceError(msg) from None
    except RecursionError:
        msg = f"{source}: expected TOML with arrays and tables nested a few deep, found deeper nesting"
        raise PlaceError(msg) from None
    except ValueError:  # the interpreter's limit on the digits of an integer
        limit = sys.get_int_max_str_digits()
        msg = (
            f"{source}: expected TOML with numbers of at most {limit:,} digits, found a longer one"
        )
        raise PlaceError(msg) from None


def load_places(path: str | os.PathLike[str] | None = None) -> Places:
    """Read a place file (TOML); without ``path``, the bundled places of Ningxia.

    Parameters
    ----------
    path
        A file of ``[[places]]`` rows (see ``docs/places.md``).

    Raises
    ------
    PlaceError
        If the file is not valid TOML or a row is invalid; the message names the file and row.

    Examples
    --------
    >>> load_places().find("640000").name
    '宁夏回族自治区'
    """
    data, source = read_toml(path, bundled="places-ningxia.toml", what="place file")
    return Places(_read(data, source))
