"""Editorial overlays: ids, titles and links that a curated plan file adds to what the text says.

A parser derives every field it can from the text. A few things in a curated plan are choices
of its editor rather than facts of the text: short ids (``self-check-acceptance``), short titles,
an indicator's name where the sentence has none, which task a 主要目标 indicator belongs to, and
the order in which milestones follow each other. An overlay records those choices, keyed by a
passage of the source sentence, so that parsing the text reproduces the curated file exactly.

Overlay files are TOML::

    [match]                       # when the overlay applies by itself ("auto")
    index_number = "640324017/2026-00009"

    [plan]
    id = "ningxia-2025"
    issuer = "宁夏回族自治区党委、人民政府"

    [[milestone]]
    source = "9月中旬,委托第三方开展评估验收"   # a passage of the item's source text
    id = "third-party-evaluation"
    after = ["self-check-acceptance"]

Tables ``[[phase]]``, ``[[milestone]]``, ``[[obligation]]``, ``[[indicator]]`` and ``[[limit]]``
each take ``source`` (required) and, to tell apart items of one sentence, ``match_name`` (the
parsed name or title); they set ``id`` and ``title`` (``name`` for indicators), and also
``task`` (indicators) and ``after`` (milestones).
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie.errors import PlanParseError
from xiaojie.model import normalize_name
from xiaojie.parsing._keys import TomlLines, decode_position, shown, unknown_keys


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable


__all__ = ["KINDS", "Overlay", "OverlayEntry", "bundled_overlays", "load_overlay"]

KINDS = ("phase", "milestone", "obligation", "indicator", "limit")
_SETTABLE = {
    "phase": {"id"},
    "milestone": {"id", "title", "after"},
    "obligation": {"id", "title"},
    "indicator": {"id", "name", "task"},
    "limit": {"id", "title"},
}


@attrs.frozen(kw_only=True)
class OverlayEntry:
    """One overlay entry: which item it applies to and what it sets.

    Parameters
    ----------
    kind
        ``phase``, ``milestone``, ``obligation``, ``indicator`` or ``limit``.
    source
        A passage of the item's source text (normalised: NFKC, no whitespace).
    match_name
        The parsed name or title the item must have, when a sentence yields several items.
    values
        The fields to set: ``id``, ``title``/``name``, ``task``, ``after``.
    """

    kind: str
    source: str
    match_name: str = ""
    values: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str) -> Any:  # noqa: ANN401 - field values are str, int or list
        """Return the value set for ``key``, or ``None``."""
        return next((v for k, v in self.values if k == key), None)

    def matches(self, text: str, name: str) -> bool:
        """Whether this entry applies to an item with this source text and parsed name."""
        if self.match_name and normalize_name(self.match_name) != normalize_name(name):
            return False
        key = normalize_name(self.source)
        here = normalize_name(text)
        return bool(key) and bool(here) and (key in here or here in key)


@attrs.frozen(kw_only=True)
class Overlay:
    """Editorial choices to apply to a parsed plan (see the module documentation).

    Examples
    --------
    >>> overlay = load_overlay("ningxia-2025")
    >>> overlay.plan_values["id"], overlay.applies_to(index_number="640324017/2026-00009", title="")
    ('ningxia-2025', True)
    """

    name: str
    match_index_number: str = ""
    match_title: str = ""
    plan_values: dict[str, str] = attrs.field(factory=dict, hash=False)
    entries: tuple[OverlayEntry, ...] = ()

    def applies_to(self, *, index_number: str, title: str) -> bool:
        """Whether the overlay says it belongs to a document with this header."""
        if self.match_index_number and normalize_name(index_number) == normalize_name(
            self.match_index_number
        ):
            return True
        return bool(self.match_title) and normalize_name(title) == normalize_name(self.match_title)

    def of_kind(self, kind: str) -> tuple[OverlayEntry, ...]:
        """Return the entries for one kind of item."""
        return tuple(e for e in self.entries if e.kind == kind)


def _fail(name: str, reason: str, at: tuple[int, int] = (1, 1)) -> PlanParseError:
    return PlanParseError(f"overlay: {reason}", line=at[0], column=at[1], source=name)


def _top_level(lines: TomlLines, key: str | None) -> tuple[int, int]:
    """Where a top-level key is: a ``key =`` line, else its ``[key]`` / first ``[[key]]`` header."""
    if key is None:
        return (1, 1)
    at = lines.locate(None, None, key)
    if at == (1, 1):
        at = lines.locate(key, None)
    if at == (1, 1):
        at = lines.locate(key, 0)
    return at


def _first_unknown(keys: Iterable[object], allowed: Iterable[str]) -> str | None:
    known = set(allowed)
    return next((str(k) for k in keys if k not in known), None)


def overlay_from_mapping(
    data: dict[str, Any], *, name: str = "overlay", text: str | None = None
) -> Overlay:
    """Build an :class:`Overlay` from the mapping an overlay TOML file parses to.

    Parameters
    ----------
    data
        The parsed file.
    name
        How errors name the file.
    text
        The file's text, when known: errors then give the line of the table or key they are
        about (else line 1).

    Raises
    ------
    PlanParseError
        If a table or field is not what the format expects.
    """
    lines = TomlLines(text)
    match = data.get("match", {})
    plan = data.get("plan", {})
    if not isinstance(match, dict) or not isinstance(plan, dict):
        bad = "match" if not isinstance(match, dict) else "plan"
        raise _fail(name, "[match] and [plan] must be tables", _top_level(lines, bad))
    tables: tuple[tuple[str | None, dict[str, Any], tuple[str, ...]], ...] = (
        (None, data, ("match", "plan", *KINDS)),
        ("match", match, ("index_number", "title")),
        ("plan", plan, ("id", "issuer")),
    )
    for table, keys, allowed in tables:
        problem = unknown_keys(keys, allowed, f"[{table}]" if table else "the overlay")
        if problem:
            key = _first_unknown(keys, allowed)
            at = lines.locate(table, None, key) if table else _top_level(lines, key)
            raise _fail(name, problem, at)
    entries: list[OverlayEntry] = []
    for kind in KINDS:
        rows = data.get(kind, [])
        if not isinstance(rows, list):
            raise _fail(name, f"[[{kind}]] must be an array of tables", _top_level(lines, kind))
        for position, row in enumerate(rows):
            where = f"{kind}[{position}]"
            if not isinstance(row, dict) or not isinstance(row.get("source"), str):
                found = shown(row.get("source") if isinstance(row, dict) else row)
                raise _fail(
                    name,
                    f"{where}: expected a table with a 'source' string, found {found}",
                    lines.locate(kind, position, "source"),
                )
            allowed_keys = {*_SETTABLE[kind], "source", "match_name"}
            problem = unknown_keys(row, allowed_keys, where)
            if problem:
                at = lines.locate(kind, position, _first_unknown(row, allowed_keys))
                raise _fail(name, problem, at)
            values = tuple((k, row[k]) for k in sorted(_SETTABLE[kind]) if k in row)
            entries.append(
                OverlayEntry(
                    kind=kind,
                    source=row["source"],
                    match_name=str(row.get("match_name", "")),
                    values=values,
                )
            )
    return Overlay(
        name=name,
        match_index_number=str(match.get("index_number", "")),
        match_title=str(match.get("title", "")),
        plan_values={k: str(v) for k, v in plan.items() if k in {"id", "issuer"}},
        entries=tuple(entries),
    )


def load_overlay(path: str | os.PathLike[str]) -> Overlay:
    """Load an overlay file, or a bundled overlay by name (``"ningxia-2025"``).

    Parameters
    ----------
    path
        A ``.toml`` file, or the name of an overlay shipped with xiaojie.

    Returns
    -------
    Overlay

    Raises
    ------
    PlanParseError
        If the file cannot be read or is not a valid overlay.

    Examples
    --------
    >>> len(load_overlay("ningxia-2025").of_kind("milestone")) > 0
    True
    >>> load_overlay("no-such-overlay")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanParseError: no-such-overlay:1:1: overlay: no such file or bundled overlay
    """
    name = str(path)
    bundled = resources.files("xiaojie.parsing").joinpath("overlays", f"{name}.toml")
    try:
        if bundled.is_file():
            raw = bundled.read_text(encoding="utf-8")
        else:
            raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise _fail(name, "no such file or bundled overlay") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as err:
        raise _fail(name, f"invalid TOML: {err}", decode_position(err)) from None
    return overlay_from_mapping(data, name=name, text=raw)


def bundled_overlays() -> tuple[Overlay, ...]:
    """Return the overlays shipped with xiaojie (applied automatically to their documents).

    Examples
    --------
    >>> [o.name for o in bundled_overlays()]
    ['ningxia-2025']
    """
    folder = resources.files("xiaojie.parsing").joinpath("overlays")
    names = sorted(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )
    return tuple(load_overlay(name) for name in names)
