"""Problems in the parser's own TOML files (overlays, body catalogues): located and bounded.

An unknown key is named, never ignored; every problem gives the line of the table or key it is
about (``tomllib`` gives no positions, so :class:`TomlLines` finds them in the text); a value a
message quotes is cut to :data:`SHOWN` characters with personal data masked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xiaojie._hints import did_you_mean
from xiaojie._privacy import scrub


if TYPE_CHECKING:
    from collections.abc import Collection, Iterable


__all__ = ["SHOWN", "TomlLines", "decode_position", "shown", "unknown_keys"]

SHOWN = 60
"""How many characters of a value an error message quotes at most."""


def shown(value: object, limit: int = SHOWN) -> str:
    """Return ``repr(value)`` for a message: personal data masked, at most ``limit`` characters.

    Examples
    --------
    >>> shown("x" * 100)[-3:], len(shown("x" * 100))
    ('xx…', 60)
    >>> shown("640324199001011234")
    "'6403**********1234'"
    """
    text = repr(value)
    if len(text) > 4 * limit:
        text = text[: 4 * limit]  # masking looks at a bounded stretch only
    text = scrub(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unknown_keys(keys: Iterable[object], allowed: Collection[str], where: str) -> str:
    """Describe the keys not in ``allowed``, with the closest allowed key; ``""`` when none.

    Examples
    --------
    >>> unknown_keys(["names", "shrot"], ("names", "short", "kind"), "body[1]")
    "body[1]: unknown key 'shrot' (did you mean 'short'?); expected one of kind, names, short"
    >>> unknown_keys(["names"], ("names", "short", "kind"), "body[1]")
    ''
    """
    expected = sorted(allowed)
    parts = []
    for key in keys:
        if key in allowed:
            continue
        hint = did_you_mean(key, expected) if len(str(key)) <= SHOWN else ""
        parts.append(f"unknown key {shown(str(key))}{hint}")
    if not parts:
        return ""
    return f"{where}: {', '.join(parts)}; expected one of {', '.join(expected)}"


_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"\s*(?:\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]")
_DECODE_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def decode_position(error: Exception) -> tuple[int, int]:
    r"""Return the line and column a ``tomllib.TOMLDecodeError`` names, else ``(1, 1)``.

    Examples
    --------
    >>> import tomllib
    >>> try:
    ...     tomllib.loads("a = 1\nb = =")
    ... except tomllib.TOMLDecodeError as err:
    ...     decode_position(err)
    (2, 5)
    """
    found = _DECODE_AT.search(str(error))
    return (int(found.group(1)), int(found.group(2))) if found else (1, 1)


class TomlLines:
    r"""Where tables and keys of a TOML text are: ``[match]``, the third ``[[body]]``, a key in it.

    A best effort over the lines of the text (headers and ``key =`` lines, the usual layout of
    these files): what it cannot find is placed on the table's header line, else line 1.

    Examples
    --------
    >>> lines = TomlLines('[match]\ntitle = "x"\n\n[[body]]\nnames = ["a"]\n[[body]]\nkind = "b"\n')
    >>> lines.locate("body", 1, "kind"), lines.locate("body", 1), lines.locate("match", None, "title")
    ((7, 1), (6, 1), (2, 1))
    >>> lines.locate(None, None, "nothing")
    (1, 1)
    """

    def __init__(self, text: str | None) -> None:
        self._headers: dict[tuple[str | None, int | None], int] = {}
        self._keys: dict[tuple[str | None, int | None, str], tuple[int, int]] = {}
        counts: dict[str, int] = {}
        table: tuple[str | None, int | None] = (None, None)
        for number, line in enumerate((text or "").splitlines(), start=1):
            header = _HEADER.match(line)
            if header is not None and not line.lstrip().startswith(('["', "['")):
                name = re.sub(r"\s+", "", header.group(2))
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = (name, index)
                else:
                    table = (name, None)
                self._headers.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key is not None:
                name = next(g for g in key.groups() if g is not None)
                column = len(line) - len(line.lstrip()) + 1
                self._keys.setdefault((*table, name), (number, column))

    def locate(
        self, table: str | None, index: int | None, key: str | None = None
    ) -> tuple[int, int]:
        """Return (line, column) of ``key`` in a table (``index`` for an array of tables, from 0)."""
        if key is not None:
            found = self._keys.get((table, index, key))
            if found is not None:
                return found
        line = self._headers.get((table, index))
        return (line, 1) if line is not None else (1, 1)
