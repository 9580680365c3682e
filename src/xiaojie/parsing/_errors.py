"""The error raised when a plan text cannot be read."""

from __future__ import annotations

from xiaojie.errors import XiaojieError


__all__ = ["PlanParseError"]


class PlanParseError(XiaojieError, ValueError):
    """A plan text cannot be turned into a plan; the problem has a line and a column.

    Parameters
    ----------
    reason
        What is wrong, in words that name what was expected and what was found.
    line
        The 1-based line of the source the problem is on.
    column
        The 1-based column (in characters of the source as given, before normalisation).
    source
        How the input is named in the message: a file name or ``<text>``.

    Attributes
    ----------
    reason, line, column, source
        As given.

    Examples
    --------
    >>> err = PlanParseError("expected a reference date", line=3, column=1, source="plan.txt")
    >>> str(err)
    'plan.txt:3:1: expected a reference date'
    >>> isinstance(err, ValueError)
    True

    .. versionadded:: 0.1.0
    """

    __module__ = "xiaojie.parsing"

    def __init__(self, reason: str, *, line: int, column: int, source: str = "<text>") -> None:
        self.reason = reason
        self.line = line
        self.column = column
        self.source = source
        super().__init__(f"{source}:{line}:{column}: {reason}")
