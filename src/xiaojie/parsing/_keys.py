"""Unknown keys in the parser's own TOML files (overlays, body catalogues): named, never ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie._hints import did_you_mean


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
        parts.append(f"unknown key {str(key)!r}{did_you_mean(key, expected)}")
    if not parts:
        return ""
    return f"{where}: {', '.join(parts)}; expected one of {', '.join(expected)}"
