"""Named periods: 过渡期, 十四五 and others, in a registry that users can extend.

A plan refers to some periods by name rather than by date. The built-in names are those of the
project's time specification:

=============  ==========================
name           period (closed)
=============  ==========================
过渡期          2021-01-01 – 2025-12-31
过渡期后        from 2026-01-01 (open end)
十四五          2021-01-01 – 2025-12-31
十五五          2026-01-01 – 2030-12-31
=============  ==========================

A :class:`NamedPeriods` object is the registry. :data:`NAMED_PERIODS` is the default one that
:func:`xiaojie.dates.parse_when` and :func:`xiaojie.dates.find_when` use when they are not given
another; :func:`register_named_period` adds a name to it. Programs that must not share state pass
their own registry (``NAMED_PERIODS.copy()`` plus their names) through the ``named`` argument
instead.

The parser applies the usual markers to a named period: "过渡期前" is due on its last day,
"十四五末" (also "十四五期末", and "“十四五”末" in quotes) is its last year, as 年末 is December,
so "到“十四五”末" is due on its last day,
"过渡期内" and "十四五期间" are the period itself, "十四五以来" runs from its first day with an
open end, and "X后" starts on the day after X ends.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from xiaojie.dates._grammar import _NORMALISE
from xiaojie.dates._values import Period
from xiaojie.errors import DateValueError


if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


__all__ = ["NAMED_PERIODS", "NamedPeriods", "register_named_period"]

_FORBIDDEN = frozenset("0123456789０１２３４５６７８９")


_FOLDS = frozenset(chr(point) for point in _NORMALISE)
"""The characters folded before a phrase is read (see :data:`~xiaojie.dates._grammar._NORMALISE`)."""


class NamedPeriods:
    """A registry of named periods ("过渡期" → 2021-01-01 – 2025-12-31).

    Names are matched literally and longest first, so "过渡期后" wins over "过渡期".

    Parameters
    ----------
    entries
        Names and their periods to start with.

    Raises
    ------
    DateValueError
        If a name is empty or contains a digit or whitespace, or a value is not a
        :class:`Period`.

    Examples
    --------
    >>> import datetime as dt
    >>> registry = NAMED_PERIODS.copy()
    >>> registry.register("春耕", Period(dt.date(2025, 3, 1), dt.date(2025, 5, 31)))
    >>> registry["春耕"].end, "春耕" in NAMED_PERIODS
    (datetime.date(2025, 5, 31), False)
    >>> registry.register("春耕", Period(dt.date(2025, 3, 1), dt.date(2025, 6, 30)))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: named period '春耕': already registered as 2025年3月1日至2025年5月31日; pass replace=True to change it

    .. versionadded:: 0.1.0
    """

    def __init__(self, entries: Mapping[str, Period] | None = None) -> None:
        self._entries: dict[str, Period] = {}
        self._longest_first: tuple[str, ...] = ()
        self._by_first: dict[str, tuple[tuple[str, str], ...]] = {}
        for name, period in (entries or {}).items():
            self.register(name, period)

    def register(self, name: str, period: Period, *, replace: bool = False) -> None:
        """Add ``name`` for ``period``.

        Parameters
        ----------
        name
            The name as the plan writes it, without quotation marks.
        period
            The period it stands for; either bound may be open.
        replace
            Allow changing the period of a name that is already registered.

        Raises
        ------
        DateValueError
            If the name is not usable (see the class) or is already registered with another
            period and ``replace`` is false.

        Examples
        --------
        >>> import datetime as dt
        >>> registry = NamedPeriods()
        >>> registry.register("三年行动", Period(dt.date(2023, 1, 1), dt.date(2025, 12, 31)))
        >>> registry.names()
        ('三年行动',)
        >>> registry.register("", Period(None, dt.date(2025, 1, 1)))
        Traceback (most recent call last):
        ...
        xiaojie.errors.DateValueError: named period '': expected a non-empty name without digits or spaces, found ''
        """
        if (
            not isinstance(name, str)
            or not name
            or any(ch.isspace() or ch in _FORBIDDEN for ch in name)
        ):
            msg = (
                f"named period {name!r}: expected a non-empty name without digits or spaces, "
                f"found {name!r}"
            )
            raise DateValueError(msg)
        if not isinstance(period, Period):
            msg = f"named period {name!r}: expected a Period, found {type(period).__name__}"
            raise DateValueError(msg)
        known = self._entries.get(name)
        if known is not None and known != period and not replace:
            msg = (
                f"named period {name!r}: already registered as {known.canonical()}; "
                "pass replace=True to change it"
            )
            raise DateValueError(msg)
        self._entries[name] = Period(period.start, period.end, text=name)
        self._index()

    def remove(self, name: str) -> None:
        """Remove ``name`` from the registry.

        Raises
        ------
        DateValueError
            If the name is not registered.

        Examples
        --------
        >>> registry = NAMED_PERIODS.copy()
        >>> registry.remove("十五五")
        >>> "十五五" in registry
        False
        >>> registry.remove("十五五")
        Traceback (most recent call last):
        ...
        xiaojie.errors.DateValueError: named period '十五五': not registered
        """
        if name not in self._entries:
            msg = f"named period {name!r}: not registered"
            raise DateValueError(msg)
        del self._entries[name]
        self._index()

    def _index(self) -> None:
        """Order the names longest first, and group them by their first character."""
        self._longest_first = tuple(sorted(self._entries, key=lambda n: (-len(n), n)))
        by_first: dict[str, list[tuple[str, str]]] = {}
        for name in self._longest_first:
            # find_when reads folded text (the grammar's own characters folded, 颱 as 台): a name
            # written in traditional script is matched as written and as folded
            folded = name.translate(_NORMALISE)
            for first in dict.fromkeys((name[0], folded[0])):
                by_first.setdefault(first, []).append((folded, name))
        self._by_first = {first: tuple(names) for first, names in by_first.items()}

    def names(self) -> tuple[str, ...]:
        """Return the registered names, longest first (the order in which they are matched).

        Examples
        --------
        >>> NAMED_PERIODS.names()[:2]
        ('过渡期后', '十五五')
        """
        return self._longest_first

    def copy(self) -> NamedPeriods:
        """Return an independent registry with the same entries.

        Examples
        --------
        >>> NAMED_PERIODS.copy() is NAMED_PERIODS
        False
        """
        return NamedPeriods(self._entries)

    def match(self, text: str, pos: int = 0) -> str | None:
        """Return the longest registered name that ``text`` has at ``pos``, or ``None``.

        Examples
        --------
        >>> NAMED_PERIODS.match("过渡期后的政策支持")
        '过渡期后'
        >>> NAMED_PERIODS.match("过渡", 0) is None
        True
        """
        if pos >= len(text):
            return None
        first = text[pos]
        for folded, name in self._by_first.get(first, ()):
            if text.startswith(name, pos) or text.startswith(folded, pos):
                return name
        if first in _FOLDS:  # text not folded yet (颱風季 for a name registered as 台風季)
            for folded, name in self._by_first.get(first.translate(_NORMALISE), ()):
                if text[pos : pos + len(folded)].translate(_NORMALISE) == folded:
                    return name
        return None

    def __getitem__(self, name: str) -> Period:
        try:
            return self._entries[name]
        except KeyError:
            msg = f"named period {name!r}: not registered"
            raise DateValueError(msg) from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._longest_first)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={p.canonical()}" for n, p in self._entries.items())
        return f"NamedPeriods({inner})"


NAMED_PERIODS = NamedPeriods(
    {
        "过渡期": Period(dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
        "过渡期后": Period(dt.date(2026, 1, 1), None),
        "十四五": Period(dt.date(2021, 1, 1), dt.date(2025, 12, 31)),
        "十五五": Period(dt.date(2026, 1, 1), dt.date(2030, 12, 31)),
    }
)
"""The default registry used by :func:`xiaojie.dates.parse_when` and ``find_when``."""


def register_named_period(name: str, period: Period, *, replace: bool = False) -> None:
    """Add a named period to the default registry :data:`NAMED_PERIODS`.

    Every later call of :func:`xiaojie.dates.parse_when` and :func:`xiaojie.dates.find_when`
    without its own ``named`` registry then recognises the name.

    Parameters
    ----------
    name
        The name as the plan writes it ("三年行动").
    period
        The period it stands for.
    replace
        Allow changing a name that is already registered with another period.

    Raises
    ------
    DateValueError
        If the name is unusable or already registered with another period.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import NAMED_PERIODS, parse_when, register_named_period
    >>> register_named_period("秋季攻势", Period(dt.date(2025, 9, 1), dt.date(2025, 11, 30)))
    >>> parse_when("秋季攻势前", reference=dt.date(2025, 6, 18))
    Period(start=None, end=datetime.date(2025, 11, 30))
    >>> register_named_period("过渡期", Period(dt.date(2021, 1, 1), dt.date(2026, 6, 30)))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: named period '过渡期': already registered as 2021年1月1日至2025年12月31日; pass replace=True to change it
    >>> NAMED_PERIODS.remove("秋季攻势")

    .. versionadded:: 0.1.0
    """
    NAMED_PERIODS.register(name, period, replace=replace)
