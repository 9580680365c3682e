"""Unknown keys in the parser's own TOML files (overlays, body catalogues): named, never ignored."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from collections.abc import Collection, Iterable


__all__ = ["unknown_keys"]


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
        close = difflib.get_close_matches(str(key), expected, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        parts.append(f"unknown key {str(key)!r}{hint}")
    if not parts:
        return ""
    return f"{where}: {', '.join(parts)}; expected one of {', '.join(expected)}"
