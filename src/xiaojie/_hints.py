"""The "did you mean" hint of error messages about a misspelt key."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = ["did_you_mean"]


def did_you_mean(key: object, allowed: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the allowed key closest to ``key``, else ``""``.

    Examples
    --------
    >>> did_you_mean("shrot", ("names", "short", "kind"))
    " (did you mean 'short'?)"
    >>> did_you_mean("zzz", ("names", "short"))
    ''
    """
    close = difflib.get_close_matches(str(key), list(allowed), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
