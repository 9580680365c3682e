"""The exceptions xiaojie raises.

Every error the library raises derives from :class:`XiaojieError`. Each concrete error also
derives from the builtin it behaves like, so ``except ValueError`` keeps working for callers that
do not know xiaojie.

Messages name the object and field, what was expected and what was found. Structured
attributes (``.path``, ``.name``, ``.phrase`` …) carry the same facts for programs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, Self

from xiaojie._privacy import scrub


if TYPE_CHECKING:
    from collections.abc import Sequence


__all__ = [
    "CalendarCoverageError",
    "CommandError",
    "DateValueError",
    "DependencyCycleError",
    "FuzzyMatchUnavailableError",
    "HolidayNoticeError",
    "LedgerError",
    "LedgerFileError",
    "LedgerValueError",
    "LifecycleError",
    "MissingExtraError",
    "PlaceError",
    "PlanFileError",
    "PlanParseError",
    "PlanValidationError",
    "ProgressError",
    "RenderError",
    "SheetError",
    "TimePhraseError",
    "UnknownItemError",
    "UnknownUnitError",
    "XiaojieError",
]


class XiaojieError(Exception):
    """The root of every error raised by xiaojie.

    Its text passes the personal-data filter (:func:`xiaojie._privacy.scrub`): an identity
    number, a mobile number or a known name in a message is shown masked, wherever it came from.

    Examples
    --------
    >>> str(XiaojieError("household '640324199001011234' is unknown"))
    "household '6403**********1234' is unknown"
    """

    def __str__(self) -> str:
        """Return the message with personal data masked."""
        return scrub(super().__str__())

    def __repr__(self) -> str:
        """Return the representation with personal data masked."""
        return scrub(super().__repr__())


class DateValueError(XiaojieError, ValueError):
    """A time value is impossible or inconsistent (an end before its start, 2月30日 …)."""


class TimePhraseError(DateValueError):
    """A Chinese time phrase could not be parsed.

    Attributes
    ----------
    phrase : str
        The text that was given.
    reason : str
        What was wrong with it.
    """

    def __init__(self, phrase: str, reason: str) -> None:
        self.phrase = phrase
        self.reason = reason
        super().__init__(f"time phrase {phrase!r}: {reason}")


class HolidayNoticeError(DateValueError):
    """A holiday notice could not be read: ``source``, ``line`` (1-based, 0 for the whole text).

    Attributes
    ----------
    source : str
        Where the text came from (a file name, an address).
    line : int
        The line of the problem, 0 when it concerns the whole text.
    reason : str
        What was expected and what was found.
    """

    def __init__(self, source: str, line: int, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        where = f"{source}, line {line}" if line else source
        super().__init__(f"holiday notice {where}: {reason}")


class CalendarCoverageError(XiaojieError, LookupError):
    """The official working-day calendar has no data for the asked year (``year``, if known)."""

    year: int | None = None


class PlanValidationError(XiaojieError, ValueError):
    """One problem in a plan: a field at ``path`` expected one thing and found another.

    Attributes
    ----------
    path : str
        Where the problem is, e.g. ``tasks[3].units[1]`` (empty for the object itself).
    expected : str
        What a valid value looks like.
    found : str
        What was found instead.
    """

    def __init__(self, path: str, expected: str, found: str) -> None:
        self.path = path
        self.expected = expected
        self.found = found
        where = f"{path}: " if path else ""
        super().__init__(f"{where}expected {expected}, found {found}")

    def at(self, prefix: str) -> PlanValidationError:
        """Return the same problem with ``prefix`` put in front of its path."""
        if not prefix:
            return self
        path = (
            f"{prefix}.{self.path}"
            if self.path and not self.path.startswith("[")
            else (f"{prefix}{self.path}")
        )
        return PlanValidationError(path, self.expected, self.found)


class PlanFileError(XiaojieError, ExceptionGroup):
    """Every problem found while loading one plan file, reported together.

    ``.exceptions`` holds one :class:`PlanValidationError` per problem; ``str()`` lists them all,
    one per line, each with its path.
    """

    def __new__(cls, source: str, problems: Sequence[PlanValidationError]) -> Self:
        """Build the group (``ExceptionGroup`` sets its message in ``__new__``)."""
        self = super().__new__(cls, _summary(source, problems), list(problems))
        self.source = source
        return self

    def __init__(self, source: str, problems: Sequence[PlanValidationError]) -> None:
        super().__init__(_summary(source, problems), list(problems))
        self.source = source

    def derive(self, excs: Sequence[Exception]) -> PlanFileError:  # type: ignore[override]
        """Keep the type when ``except*`` splits the group."""
        return PlanFileError(self.source, [e for e in excs if isinstance(e, PlanValidationError)])

    @property
    def problems(self) -> tuple[PlanValidationError, ...]:
        """The problems, in the order they were found."""
        return tuple(e for e in self.exceptions if isinstance(e, PlanValidationError))

    def __str__(self) -> str:
        return self.message


def _summary(source: str, problems: Sequence[PlanValidationError]) -> str:
    lines = [f"{source}: {len(problems)} problem(s)"]
    lines.extend(f"  {p}" for p in problems)
    return "\n".join(lines)


class UnknownUnitError(XiaojieError, KeyError):
    """A unit name is not in the registry.

    Attributes
    ----------
    name : str
        The name that was looked up.
    suggestions : tuple of str
        The closest known names, best first (may be empty).
    """

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; closest known: {'、'.join(self.suggestions)}" if self.suggestions else ""
        self.message = f"unknown unit {name!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class UnknownItemError(XiaojieError, KeyError):
    """A task, milestone, indicator or other item id is not in the plan."""

    def __init__(self, kind: str, key: object, known: Sequence[str] = ()) -> None:
        self.kind = kind
        self.key = key
        shown = ", ".join(known[:8]) + (" …" if len(known) > 8 else "")
        hint = f"; known: {shown}" if known else ""
        self.message = f"unknown {kind} {key!r}{hint}"
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class DependencyCycleError(XiaojieError, ValueError):
    """Precedence declarations form a cycle.

    Attributes
    ----------
    cycle : tuple of str
        The ids on the cycle, in order; the first follows the last.
    """

    def __init__(self, cycle: Sequence[str]) -> None:
        self.cycle = tuple(cycle)
        ring = " → ".join([*self.cycle, self.cycle[0]]) if self.cycle else "?"
        super().__init__(f"precedence cycle: {ring}")


class ProgressError(XiaojieError, ValueError):
    """A progress record or progress file is invalid (every bad row is listed)."""


class LedgerError(XiaojieError, ValueError):
    """A ledger (台账) file or row is invalid (every bad row is listed)."""


class _LedgerReportLike(Protocol):
    """What :class:`LedgerFileError` needs of a :class:`xiaojie.ledgers.LedgerReport`."""

    @property
    def issues(self) -> tuple[Any, ...]:
        """Every problem found."""
        ...


class LedgerFileError(LedgerError):
    """A ledger file has bad rows; ``str()`` lists every one (personal data masked).

    Attributes
    ----------
    report : xiaojie.ledgers.LedgerReport
        The full report.
    issues : tuple of RowIssue
        Every problem found.
    """

    def __init__(self, report: _LedgerReportLike) -> None:
        self.report = report
        self.issues = report.issues
        super().__init__(str(report))


class LedgerValueError(LedgerError):
    """An object in a ledger is invalid.

    Attributes
    ----------
    kind : str
        What the object is (``household``, ``asset`` …).
    object_id : str
        Its id, masked when the id is personal data.
    field : str
        The field that is wrong.
    expected : str
        What a valid value looks like.
    found : str
        What was found (masked when personal).
    """

    def __init__(self, kind: str, object_id: str, field: str, expected: str, found: str) -> None:
        self.kind = kind
        self.object_id = object_id
        self.field = field
        self.expected = expected
        self.found = found
        super().__init__(f"{kind} {object_id!r}: {field}: expected {expected}, found {found}")


class LifecycleError(LedgerValueError):
    """A lifecycle change is not allowed from the object's current state."""


class CommandError(XiaojieError, ValueError):
    """A command of the command line cannot do what it was asked (an unusable path or option)."""


class RenderError(XiaojieError, ValueError):
    """A document was asked for with an argument it cannot use (an unknown language or format)."""


class MissingExtraError(XiaojieError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it.

    Attributes
    ----------
    package : str
        The missing package (``openpyxl``, ``duckdb`` …).
    extra : str
        The xiaojie extra that installs it (``xlsx``, ``columnar``, ``docs``).
    """

    def __init__(self, message: str, *, package: str = "", extra: str = "") -> None:
        self.package = package
        self.extra = extra
        super().__init__(message, name=package or None)

    @classmethod
    def naming(cls, package: str, extra: str, purpose: str) -> Self:
        """Return the error for ``package``, missing for ``purpose``, installed by ``extra``.

        Examples
        --------
        >>> print(MissingExtraError.naming("openpyxl", "xlsx", "writing XLSX"))
        writing XLSX: expected the package openpyxl, found it missing; install it with: pip install 'xiaojie[xlsx]'
        """
        message = (
            f"{purpose}: expected the package {package}, found it missing; "
            f"install it with: pip install 'xiaojie[{extra}]'"
        )
        return cls(message, package=package, extra=extra)


class FuzzyMatchUnavailableError(MissingExtraError):
    """Aligning plans by text needs ``rapidfuzz``: ``pip install 'xiaojie[levels]'``."""


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

    def __init__(self, reason: str, *, line: int, column: int, source: str = "<text>") -> None:
        self.reason = reason
        self.line = line
        self.column = column
        self.source = source
        super().__init__(f"{source}:{line}:{column}: {reason}")


class PlaceError(XiaojieError, ValueError):
    """A place, a place file or a counterpart table (对口表) is unknown or invalid."""


class SheetError(XiaojieError, ValueError):
    """A progress sheet (调度表) cannot be made or a returned one cannot be read."""
