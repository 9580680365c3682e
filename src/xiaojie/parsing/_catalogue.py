"""The catalogue of body names: standard names and short forms at each level of government.

The catalogue is data (``xiaojie/data/bodies.toml``): each entry lists the standard names of
one kind of body (民政部 / 民政厅 / 民政局) and the short forms documents use (发改委 for
发展和改革委员会, 人社厅 for 人力资源和社会保障厅 …). A name is read as a **level prefix**
(国家, 省, 市, 州, 县, 区 …) and a **body**; two names denote the same unit when their levels
agree and their bodies are forms of the same entry. Users extend it with a file of the same
shape (:func:`load_catalogue`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.errors import PlanParseError
from xiaojie.io._limits import parse_text
from xiaojie.model import UnitKind, normalize_name
from xiaojie.parsing._keys import TomlLines, decode_position, shown, unknown_keys


if TYPE_CHECKING:
    import os


__all__ = ["Catalogue", "bundled_catalogue", "level_of", "load_catalogue"]

_LEVEL_RE = re.compile(
    r"^(?:中共中央|国务院|国家|自治区党委|自治区|省委|省|市委|市(?!场|容|政(?!府|协))|州委|州|盟委|盟|县委|"
    r"县(?!域)|区委|区(?!域)|旗委|旗|乡党委|乡(?!村)|镇党委|镇)"
)
_PARTY_LEVEL = re.compile(r"(?:党委|委)$")


def level_of(name: str) -> tuple[str, str]:
    """Split ``name`` into its level prefix and the rest.

    Examples
    --------
    >>> level_of("省发展改革委"), level_of("市场监管总局"), level_of("财政部")
    (('省', '发展改革委'), ('', '市场监管总局'), ('', '财政部'))
    >>> level_of("省委组织部"), level_of("乡村振兴局"), level_of("县乡村振兴局")
    (('省委', '组织部'), ('', '乡村振兴局'), ('县', '乡村振兴局'))
    """
    match = _LEVEL_RE.match(name)
    if match is None or match.end() >= len(name):
        return "", name
    return match.group(), name[match.end() :]


def plain_level(prefix: str) -> str:
    """Return the level word of a prefix without its party suffix: 省委 → 省, 自治区党委 → 自治区."""
    return _PARTY_LEVEL.sub("", prefix) or prefix


@attrs.frozen
class Catalogue:
    """Body names: every standard name and short form, mapped to its entry's first name.

    Parameters
    ----------
    forms
        Each form (normalised) → ``(canonical name, kind)``.

    Examples
    --------
    >>> cat = bundled_catalogue()
    >>> cat.key("省发改委") == cat.key("省发展和改革委员会"), cat.key("省发改委") == cat.key("市发改委")
    (True, False)
    >>> cat.kind("县人社局")
    <UnitKind.GOVERNMENT_DEPARTMENT: 'government_department'>
    """

    __module__ = "xiaojie.parsing"

    forms: Mapping[str, tuple[str, UnitKind]]
    standard: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    """Each canonical name → the entry's standard names (its ``names``, not its short forms)."""

    def body(self, name: str) -> tuple[str, str, UnitKind] | None:
        """Return ``(level, canonical body, kind)`` for a known name, else ``None``."""
        prefix, rest = level_of(normalize_name(name))
        found = self.forms.get(rest)
        if found is None and prefix.endswith("委"):
            found = self.forms.get("委" + rest)
        if found is None:
            return None
        return plain_level(prefix), found[0], found[1]

    def key(self, name: str) -> str | None:
        """Return the key two names of the same body at the same level share, else ``None``."""
        found = self.body(name)
        return None if found is None else f"{found[0]}|{found[1]}"

    def kind(self, name: str) -> UnitKind | None:
        """Return the kind of a known body, else ``None``."""
        found = self.body(name)
        return None if found is None else found[2]

    def knows(self, name: str) -> bool:
        """Whether the body part of ``name`` is a catalogue form."""
        return self.body(name) is not None

    def names_of(self, canonical: str) -> tuple[str, ...]:
        """Return the standard names of the entry whose first name is ``canonical``.

        Examples
        --------
        >>> bundled_catalogue().names_of("应急管理部")
        ('应急管理部', '应急管理厅', '应急管理局')
        """
        return self.standard.get(canonical, ())

    def extended(self, other: Catalogue) -> Catalogue:
        """Return this catalogue with ``other``'s forms added (``other`` wins on conflicts)."""
        return Catalogue({**self.forms, **other.forms}, {**self.standard, **other.standard})


def _read(data: Mapping[str, Any], source: str, text: str | None = None) -> Catalogue:
    forms: dict[str, tuple[str, UnitKind]] = {}
    standard: dict[str, tuple[str, ...]] = {}
    lines = TomlLines(text)

    def fail(msg: str, index: int | None = None, key: str | None = None) -> PlanParseError:
        line, column = lines.locate("body" if index is not None else None, index, key)
        return PlanParseError(msg, line=line, column=column, source=source)

    problem = unknown_keys(data, ("body",), "the catalogue")
    if problem:
        unknown = next((str(k) for k in data if k != "body"), None)
        raise fail(problem, key=unknown)
    entries = data.get("body", [])
    if not isinstance(entries, list):
        msg = f"body: expected a list of [[body]] tables, found {type(entries).__name__}"
        raise fail(msg, key="body")
    for number, entry in enumerate(entries, start=1):
        at = number - 1
        names = entry.get("names") if isinstance(entry, dict) else None
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            msg = f"body[{number}].names: expected a non-empty list of names, found {shown(names)}"
            raise fail(msg, at, "names")
        problem = unknown_keys(entry, ("names", "short", "kind"), f"body[{number}]")
        if problem:
            unknown = next(str(k) for k in entry if k not in {"names", "short", "kind"})
            raise fail(problem, at, unknown)
        short = entry.get("short", [])
        if not isinstance(short, list) or not all(isinstance(n, str) for n in short):
            msg = f"body[{number}].short: expected a list of short names, found {shown(short)}"
            raise fail(msg, at, "short")
        raw_kind = entry.get("kind", "government_department")
        try:
            kind = UnitKind(raw_kind)
        except (ValueError, TypeError):
            choices = ", ".join(k.value for k in UnitKind)
            msg = f"body[{number}].kind: expected one of {choices}, found {shown(raw_kind)}"
            raise fail(msg, at, "kind") from None
        canonical = normalize_name(names[0])
        for form in (*names, *short):
            forms[normalize_name(form)] = (canonical, kind)
        standard[canonical] = tuple(normalize_name(n) for n in names)
    return Catalogue(forms, standard)


@functools.cache
def bundled_catalogue() -> Catalogue:
    """Return the catalogue shipped with xiaojie (``xiaojie/data/bodies.toml``).

    Examples
    --------
    >>> bundled_catalogue().knows("人社厅")
    True
    """
    text = resources.files("xiaojie.data").joinpath("bodies.toml").read_text(encoding="utf-8")
    return _read(tomllib.loads(text), "bodies.toml", text)


def load_catalogue(path: str | os.PathLike[str]) -> Catalogue:
    """Return the bundled catalogue extended with the ``[[body]]`` entries of a TOML file.

    Raises
    ------
    PlanParseError
        When the file cannot be read or an entry is malformed (naming the entry and field).
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
        data, problem = parse_text(text, "toml", compiled=False)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        msg = f"expected a readable TOML catalogue of [[body]] entries, found {type(err).__name__}: {err}"
        line, column = decode_position(err) if isinstance(err, tomllib.TOMLDecodeError) else (1, 1)
        raise PlanParseError(msg, line=line, column=column, source=str(file)) from None
    if problem is not None:  # nested thousands deep, a number of thousands of digits
        at = re.fullmatch(r"line (\d+), column (\d+)", problem.where)
        line, column = (int(at[1]), int(at[2])) if at else (1, 1)
        msg = f"expected {problem.expected}, found {problem.found}"
        raise PlanParseError(msg, line=line, column=column, source=str(file))
    return bundled_catalogue().extended(_read(data, str(file), text))
