"""Places (行政区划): the region, its cities and counties, with their GB/T 2260 division codes."""

from __future__ import annotations

import enum
import functools
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.errors import PlaceError
from xiaojie.model import normalize_name


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

    from xiaojie.model import Plan


__all__ = [
    "PLACES_SCHEMA",
    "Level",
    "Place",
    "Places",
    "load_places",
    "national_places",
    "plan_province",
]

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


_DIGITS = {
    Level.PROVINCE: 6,
    Level.PREFECTURE: 6,
    Level.COUNTY: 6,
    Level.TOWNSHIP: 9,
    Level.VILLAGE: 12,
}
"""The digits of a division code by level: GB/T 2260 for county and above, then 9 and 12."""


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

    def __attrs_post_init__(self) -> None:
        digits = _DIGITS[self.level]
        if len(self.code) != digits:
            msg = (
                f"code: expected a division code of {digits} digits for a {self.level.label} "
                f"place ({self.name}), found {self.code!r}"
            )
            raise PlaceError(msg)
        zeros = {Level.PROVINCE: 4, Level.PREFECTURE: 2}.get(self.level, 0)
        if zeros and not self.code.endswith("0" * zeros):
            msg = (
                f"code: expected a division code ending in {'0' * zeros} for a "
                f"{self.level.label} place ({self.name}), found {self.code!r}"
            )
            raise PlaceError(msg)

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
    _shared: dict[str, tuple[Place, ...]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )
    _above: dict[str, list[frozenset[str]]] = attrs.field(
        init=False, factory=dict, eq=False, repr=False, hash=False
    )
    _stems: Counter[str] = attrs.field(
        init=False, factory=Counter, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Place] = {}
        by_name: dict[str, Place] = {}
        shared: dict[str, tuple[Place, ...]] = {}
        for place in self.places:
            if place.code in by_code:
                msg = f"places.{place.code}: expected a unique code, found it twice"
                raise PlaceError(msg)
            by_code[place.code] = place
        for place in self.places:
            for name in place.names:
                key = normalize_name(name)
                if key in shared:
                    if name == place.name:
                        shared[key] = self._share(shared[key], place, name)
                    continue
                other = by_name.get(key)
                if other is not None and other.code != place.code and name == place.name:
                    if normalize_name(other.name) != key:
                        # an official name wins over another place's alias
                        by_name[key] = place
                        continue
                    # two places of one name (城关镇, 新区) in different counties or cities
                    shared[key] = self._share((other,), place, name)
                    del by_name[key]
                    continue
                if other is None:
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
                below_county = place.level.depth > Level.COUNTY.depth
                if below_county and not place.code.startswith(parent.code):
                    msg = (
                        f"places.{place.code}.code: expected a code beginning with {parent.code}, "
                        f"the code of {parent.name} it lies in, found {place.code!r} ({place.name})"
                    )
                    raise PlaceError(msg)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_shared", shared)

    @staticmethod
    def _share(known: tuple[Place, ...], place: Place, name: str) -> tuple[Place, ...]:
        """Add ``place`` to the places of one name, refusing two of them under one parent."""
        for other in known:
            if other.parent == place.parent:
                msg = (
                    f"places.{place.code}.name: expected a unique name among the places under "
                    f"{place.parent or 'no parent'}, {name!r} also names {other.code}"
                )
                raise PlaceError(msg)
        return (*known, place)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def get(self, key: str | Place) -> Place | None:
        """Return the place with this code or name, or ``None`` (also for a name of two places)."""
        found = self.lookup(key)
        return found[0] if len(found) == 1 else None

    def lookup(self, key: str | Place) -> tuple[Place, ...]:
        """Return every place with this code or name: none, one, or more for a shared name.

        A name two places share (城关镇 in two counties) is told apart by the name of a place
        above it written before it: ``同心县城关镇``, ``同心县-城关镇``.

        Examples
        --------
        >>> places = load_places()
        >>> [p.code for p in places.lookup("同心县")], places.lookup("火星县")
        (['640324'], ())
        """
        if isinstance(key, Place):
            known = self._by_code.get(key.code)
            return () if known is None else (known,)
        text = unicodedata.normalize("NFKC", key).strip()
        by_code = self._by_code.get(text)
        if by_code is not None:
            return (by_code,)
        name = normalize_name(text)
        if not name:
            return ()
        by_name = self._by_name.get(name)
        if by_name is not None:
            return (by_name,)
        if name in self._shared:
            return self._shared[name]
        return self._qualified(name)

    def _qualified(self, name: str) -> tuple[Place, ...]:
        """Return the places named ``<places above><its name>`` (同心县城关镇, 甘肃省定西市安定区).

        Each way of cutting ``name`` in two is looked up (a dictionary hit each, not a scan of
        the places): the tail must name a place and the head, separators stripped, one or more
        places above it, outermost first (each by any of its names, or by its name without 市, 县
        or 区: 宁夏吴忠同心县). Of several places so named, those whose nearest named place above is
        nearest are kept: ``吴忠市同心县`` is the county under 吴忠市 rather than a town named
        同心县 two levels below it.
        """
        found: dict[Place, int] = {}
        for cut in range(1, len(name)):
            tail = name[cut:]
            known = self._by_name.get(tail)
            candidates = (known,) if known is not None else self._shared.get(tail, ())
            if not candidates:
                continue
            above = name[:cut].rstrip("-_.·/")
            if not above:
                continue
            for place in candidates:
                distance = self._above_distance(place, above)
                if distance is not None:
                    found[place] = min(distance, found.get(place, distance))
        if not found:
            return ()
        nearest = min(found.values())
        return tuple(p for p, distance in found.items() if distance == nearest)

    def _above_distance(self, place: Place, above: str) -> int | None:
        """Return how far above ``place`` the place ``above`` names is, or ``None``.

        ``above`` is one place's name or several, outermost first (甘肃省定西市 above 安定区):
        each name, read from the end, must be a place further up than the one after it.
        """
        levels = self._names_above(place)
        nearest: int | None = None
        rest = above
        start = 0
        while rest:
            for distance in range(start, len(levels)):
                ends = [n for n in levels[distance] if n and rest.endswith(n)]
                name = max(ends, key=len) if ends else None  # 甘肃省, not its 省
                if name is not None:
                    nearest = distance if nearest is None else nearest
                    rest = rest[: -len(name)].rstrip("-_.·/")
                    start = distance + 1
                    break
            else:
                return None
        return nearest

    def _names_above(self, place: Place) -> list[frozenset[str]]:
        """Return the names (normalised) of each place above ``place``, nearest first; kept.

        A place above may also be written without its 市, 县 or 区 (宁夏吴忠同心县: 吴忠 is 吴忠市),
        unless another place has that stem or name too (长沙 of 长沙县 and 长沙市).
        """
        known = self._above.get(place.code)
        if known is None:
            if not self._stems:
                for other in self.places:
                    self._stems.update({normalize_name(other.stem), normalize_name(other.name)})
            # a stem another place has too (长沙 of 长沙县 and 长沙市) names neither
            known = []
            for up in self._chain(place):
                stem = normalize_name(up.stem)
                names = {normalize_name(n) for n in up.names}
                if len(stem) >= 2 and stem not in names and self._stems[stem] == 1:
                    names.add(stem)
                known.append(frozenset(names))
            self._above[place.code] = known
        return known

    def _chain(self, place: Place) -> list[Place]:
        chain = []
        up = place.parent
        while up is not None and up in self._by_code:
            chain.append(self._by_code[up])
            up = self._by_code[up].parent
        return chain

    def find(self, key: str | Place) -> Place:
        """Return the place with this code or name.

        Raises
        ------
        PlaceError
            If no place has that code or name (the error lists the closest names), or if two
            places share the name (the error lists them with their codes and the places above).
        """
        found = self.lookup(key)
        if len(found) == 1:
            return found[0]
        if found:
            listed = "、".join(
                f"{p.name} ({p.code}, {'、'.join(a.name for a in self._chain(p)[:1]) or '—'})"
                for p in found
            )
            above = self._chain(found[0])
            example = f"{above[0].name}{found[0].name}" if above else found[0].code
            msg = (
                f"place: expected a division code or the name of one place, found {key!r}, "
                f"the name of {len(found)} places: {listed}; give the code or the name of the "
                f"place above it first ({example})"
            )
            raise PlaceError(msg)
        import difflib  # noqa: PLC0415 - only on error

        close = difflib.get_close_matches(str(key), [p.name for p in self], n=3, cutoff=0.3)
        code = str(key).strip()
        if code.isdigit() and len(code) in {6, 9, 12} and close:
            close = []  # a code of a province not known: the names of other places mislead
        hint = f"; closest: {'、'.join(close)}" if close else ""
        msg = (
            f"place: expected a division code or a place name, found {key!r}{hint}; {self.scope()}"
        )
        raise PlaceError(msg)

    def tops(self) -> tuple[Place, ...]:
        """Return the places with none above them here: the provinces (or regions) covered.

        Examples
        --------
        >>> [p.name for p in load_places().tops()]
        ['宁夏回族自治区']
        """
        return tuple(p for p in self if p.parent is None or p.parent not in self._by_code)

    def scope(self) -> str:
        """Return the sentence an error about an unknown place ends with: which places are known."""
        tops = self.tops()
        known = "、".join(p.name for p in tops[:5]) + ("…" if len(tops) > 5 else "")
        return (
            f"the places known are those of {known or 'no province'} (another province's: "
            "load_places(region=...), --region; a place file of your own adds others: "
            "load_places(path), --places FILE)"
        )

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


def load_places(
    path: str | os.PathLike[str] | None = None,
    *,
    base: Places | None = None,
    region: str | None = None,
) -> Places:
    """Read a place file (TOML); without ``path``, the bundled places of Ningxia.

    Parameters
    ----------
    path
        A file of ``[[places]]`` rows (see ``docs/places.md``).
    base
        Places the file's rows are added to: a file of townships names their counties as
        parents, which ``base`` holds (``load_places("towns.toml", base=load_places())``).
    region
        A province-level division of the bundled national table (its name, its short form or
        its code: ``甘肃省``, ``甘肃``, ``620000``) whose places, with its prefecture- and
        county-level divisions, are the base instead of Ningxia's; ``"全国"`` for the whole
        country (see :func:`national_places`). Not with ``base``.

    Raises
    ------
    PlaceError
        If the file is not valid TOML, a row is invalid, or the rows clash with each other or
        with ``base``; the message names the file and the row or code. If ``region`` names no
        province-level division.

    Examples
    --------
    >>> load_places().find("640000").name
    '宁夏回族自治区'
    >>> gansu = load_places(region="甘肃")
    >>> gansu.find("省").name, [p.name for p in gansu.ancestors("安定区")]
    ('甘肃省', ['定西市', '甘肃省'])
    """
    if region is not None:
        if base is not None:
            msg = "region: expected either region or base, found both"
            raise PlaceError(msg)
        base = national_places(region)
        if path is None:
            return base
    data, source = read_toml(path, bundled="places-ningxia.toml", what="place file")
    rows = _read(data, source)
    try:
        return Places(rows if base is None else (*base.places, *rows))
    except PlaceError as err:
        msg = f"{source}: {err}"
        raise PlaceError(msg) from None


_NATIONAL = "places-china.txt"
_WHOLE_COUNTRY = frozenset({"全国", "中国", "china", "CN", "000000"})
# How the units of a province-level division begin (省农业农村厅, 自治区民政厅, 市财政局) and
# what else a plan calls it: by the end of its name.
_PROVINCE_KINDS = (("特别行政区", ""), ("自治区", "自治区"), ("省", "省"), ("市", "市"))
_WHOLE = {"省": "全省", "自治区": "全区", "市": "全市"}
_ETHNIC = re.compile(r"(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$")


@functools.cache
def _national_lines() -> tuple[tuple[int, str, str], ...]:
    text = resources.files("xiaojie.data").joinpath(_NATIONAL).read_text("utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line and not line.startswith("#"):
            code, _, name = line.partition(" ")
            rows.append((number, code, name))
    return tuple(rows)


def national_places(region: str | None = None) -> Places:
    """Return the bundled national table of places, or one province-level division's part.

    The table lists every province-level, prefecture-level and county-level division with its
    GB/T 2260 code, as of 31 December 2024 (the Ministry of Civil Affairs' list; the file
    ``xiaojie/data/places-china.txt`` names its source). A county's parent is its
    prefecture-level division, or its province where none is listed (the districts of 北京市,
    天津市, 上海市 and 重庆市; 省直辖县级行政区划 such as 济源市).

    For one province-level division (``region``: its name, its short form such as ``甘肃``,
    ``广西`` or ``内蒙古``, or its code), the province also goes by the words its own plans use
    for it (``省``, ``自治区`` or ``市``, and ``全省``, ``全区`` or ``全市``) and its units'
    names begin with them (省农业农村厅); in the whole country's table, only by its name and
    short form.

    Raises
    ------
    PlaceError
        If ``region`` names no province-level division.

    Examples
    --------
    >>> china = national_places()
    >>> len(china.at_level("province")), len(china.at_level("prefecture"))
    (34, 333)
    >>> china.find("济源市").parent, national_places("广西").find("全区").name
    ('410000', '广西壮族自治区')
    """
    lines = _national_lines()
    provinces = {code: name for _, code, name in lines if code.endswith("0000")}
    if region is None or region.strip() in _WHOLE_COUNTRY:
        return _national(None)
    return _national(_province_code(region.strip(), provinces))


@functools.cache
def _national(chosen: str | None) -> Places:
    """Return the national table, or the part of the province of code ``chosen`` (cached)."""
    lines = _national_lines()
    listed = {code for _, code, _ in lines}
    made = []
    for number, code, name in lines:
        if chosen is not None and not code.startswith(chosen[:2]):
            continue
        try:
            made.append(_national_place(code, name, listed, one=chosen is not None))
        except PlaceError as err:  # only a broken installation gets here
            msg = f"{_NATIONAL}, line {number}: {err}"
            raise PlaceError(msg) from None
    return Places(made)


def _province_code(region: str, provinces: dict[str, str]) -> str:
    for code, name in provinces.items():
        if region in {code, code[:2], name, _ETHNIC.sub("", name)}:
            return code
    choices = "、".join(_ETHNIC.sub("", n) for n in provinces.values())
    msg = (
        f"region: expected a province-level division (its name, short form or code: {choices}) "
        f"or 全国, found {region!r}"
    )
    raise PlaceError(msg)


def _national_place(code: str, name: str, listed: set[str], *, one: bool) -> Place:
    if code.endswith("0000"):
        short, aliases = "", [_ETHNIC.sub("", name)]
        kind = next(k for k, _ in _PROVINCE_KINDS if name.endswith(k))
        if one and dict(_PROVINCE_KINDS)[kind]:
            short = dict(_PROVINCE_KINDS)[kind]
            aliases.append(_WHOLE[short])
        aliases = [a for a in aliases if a and a != name]
        return Place(code=code, name=name, level=Level.PROVINCE, short_name=short, aliases=aliases)
    if code.endswith("00"):
        return Place(code=code, name=name, level=Level.PREFECTURE, parent=code[:2] + "0000")
    above = code[:4] + "00"
    parent = above if above in listed else code[:2] + "0000"
    return Place(code=code, name=name, level=Level.COUNTY, parent=parent)


# Words before a place's name at the start of an issuer (中共甘肃省委办公厅).
_PARTY_LEAD = ("中国共产党", "中共")
_LONGEST_PLACE_NAME = 12


def plan_province(plan: Plan) -> Place | None:
    """Return the province-level division a plan belongs to, when the plan says; else ``None``.

    A local plan's place (its lineage, as ``cascade`` writes it) says it by its code; otherwise
    the place its issuer or its title begins with, at any level down to the county
    (``甘肃省人民政府办公厅``, ``中共定西市委``, ``鞍山市立山区人民政府``, ``甘肃省2025年…方案``), in
    the bundled national table. A name shared by places of two provinces (朝阳区) says nothing.

    Examples
    --------
    >>> import attrs
    >>> from xiaojie import load_plan
    >>> plan_province(load_plan()).name
    '宁夏回族自治区'
    >>> plan_province(attrs.evolve(load_plan(), issuer="鞍山市立山区人民政府")).name
    '辽宁省'
    >>> plan_province(attrs.evolve(load_plan(), issuer="国务院办公厅", title="关于…的通知")) is None
    True
    """
    china = national_places()
    if plan.lineage is not None and plan.lineage.place[:2].isdigit():
        return china.get(plan.lineage.place[:2] + "0000")
    starts, provinces = _place_starts(), _province_names()
    for text in (plan.issuer, plan.title):
        head = normalize_name(text)
        for lead in _PARTY_LEAD:
            head = head.removeprefix(lead)
        for size in range(min(len(head), _LONGEST_PLACE_NAME), 1, -1):
            codes = starts.get(head[:size])
            if codes is None or not _names_a_place(head, size, province=head[:size] in provinces):
                continue
            if len(codes) == 1:
                return china.get(next(iter(codes)))
            break
    return None


# A province's short form followed by one of these is another place (海南州, 河南县, 吉林市).
_PLACE_ENDS = frozenset("省市州县区旗盟")
# After a province's short form, the ending of another place and what follows such a name.
_ANOTHER_PLACE = re.compile(r"[省市州县区旗盟](?:人民政府|政府|党委|委|[0-9]|[,，。、]|$)")
# What may follow a name of two characters (矿区, 新县, 城区) for it to be a place's.
_OFFICE_AFTER = ("人民政府", "政府", "党委", "委员会", "委")


def _names_a_place(head: str, size: int, *, province: bool) -> bool:
    """Whether the first ``size`` characters of ``head`` name a place, not part of a word.

    A name must not be followed by a place's ending (海南州 is in 青海, 河南县 too); a name of
    two characters other than a province's (新县, 矿区) only before 人民政府, 委 …: at a
    title's start it is as often a word (新县城建设, 矿区生态修复).
    """
    name, after = head[:size], head[size:]
    if not name.endswith(tuple(_PLACE_ENDS)) and _ANOTHER_PLACE.match(after):
        return False  # 海南州人民政府, 河南县2025年…; not 江西县域, 浙江区域
    return province or size > 2 or after.startswith(_OFFICE_AFTER)


@functools.cache
def _province_names() -> frozenset[str]:
    """Return the names and short forms of the province-level divisions, normalised."""
    return frozenset(
        normalize_name(name) for p in national_places().at_level("province") for name in p.names
    )


@functools.cache
def _place_starts() -> dict[str, frozenset[str]]:
    """Return every name a plan's issuer may begin with → the codes of the provinces it names."""
    found: dict[str, set[str]] = {}
    for place in national_places():
        province = place.code[:2] + "0000"
        for name in place.names if place.level is Level.PROVINCE else (place.name,):
            found.setdefault(normalize_name(name), set()).add(province)
    return {name: frozenset(codes) for name, codes in found.items()}
