"""Time values and Chinese time phrases: the lowest layer of xiaojie.

Meanings are those of the project's time specification: a period is a closed interval
``[start, end]`` of :class:`datetime.date`; "X前" is due at the end of X, inclusive; months and
years are calendar lengths. Nothing here reads the clock.
"""

from xiaojie.dates._values import (
    Cadence,
    Comparator,
    Frequency,
    Period,
    Span,
    SpanUnit,
    as_date,
)


__all__ = [
    "Cadence",
    "Comparator",
    "Frequency",
    "Period",
    "Span",
    "SpanUnit",
    "as_date",
]
