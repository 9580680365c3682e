"""What a rule is: a registered class with clause, parameters, predicate and table expression.

A rule over ledger rows is one class::

    @attrs.frozen(kw_only=True)
    class NoVillage(RowRule):
        id = "no_village"                       # registered under this id by declaring it
        title = "台账未填写行政村"
        ledger = LedgerKind.HOUSEHOLDS
        row_type = Household
        clause = CLAUSES[4]
        messages = {"no_village": ("未填写行政村", "填写行政村")}

        def examine(self, row, ctx):            # the object predicate
            if not row.place.village:
                yield Evidence("no_village")

        def cases(self, t, ctx):                # the same rule as an Ibis table expression
            return [Case("no_village", t.village.isnull() | (t.village == ""))]

The object engine calls :meth:`RowRule.examine` on typed rows; the table engines (DuckDB, Spark
or any Ibis backend) compile :meth:`RowRule.cases` to their SQL. Both produce
:class:`Evidence`, and the rule's per-reason message templates turn evidence into the same
:class:`~xiaojie.ledgers.Finding` text.

Rules are evaluated with an explicit ``as_of`` date and never read the clock.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from dateutil.relativedelta import relativedelta

from xiaojie.dates import Span, SpanUnit, as_date
from xiaojie.errors import LedgerError
from xiaojie.ledgers._enums import Severity
from xiaojie.ledgers._privacy import MAX_YEAR, MIN_YEAR
from xiaojie.ledgers._schema import LedgerKind
from xiaojie.ledgers.rules._clauses import Clause
from xiaojie.ledgers.rules._findings import Finding


#: Ibis's false literal for ``fill_null`` (a named constant, not a bare boolean argument).
NO = False


if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from xiaojie.ledgers._model import Place


__all__ = [
    "NO",
    "RULES",
    "Case",
    "Evidence",
    "RowRule",
    "Rule",
    "TableRule",
    "span_cutoff",
]

#: Every rule class declared so far, by id (the plan's rules and any rule a user declares).
RULES: dict[str, type[Rule]] = {}


@attrs.frozen
class Evidence:
    """What a row shows when it breaks a rule: the reason and the values its text is made of.

    Attributes
    ----------
    reason
        A short code of what is wrong (``late``, ``pending`` …); selects the message template.
    day, number, amount
        A date, a whole number and an amount in yuan the message quotes (``None`` if unused).
    """

    reason: str
    day: dt.date | None = None
    number: int | None = None
    amount: decimal.Decimal | None = None


@attrs.frozen
class Case:
    """One way a row breaks a rule, as Ibis expressions over the canonical columns.

    ``condition`` selects the rows; ``day``, ``number`` and ``amount`` give the values of the
    finding's :class:`Evidence` (``None`` when unused).
    """

    reason: str
    condition: Any
    day: Any = None
    number: Any = None
    amount: Any = None


def as_of_date(value: object) -> dt.date:
    """Return ``value`` as an evaluation date (``MIN_YEAR``-``MAX_YEAR``: 1980-2100), or raise."""
    day = as_date(value, field="as_of")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        msg = f"as_of: expected a date between {MIN_YEAR} and {MAX_YEAR}, found {day}"
        raise LedgerError(msg)
    return day


def pct(value: Fraction) -> str:
    """Return a share as a percentage with one decimal (``60.0%``)."""
    return f"{float(value) * 100:.1f}%"


def share(value: object, field: str) -> Fraction:
    """Return ``value`` as an exact share between 0 and 1, or raise naming ``field``."""
    result: Fraction | None = None
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        result = Fraction(value)
    elif isinstance(value, float | decimal.Decimal | str):
        try:
            result = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
        except (ValueError, ZeroDivisionError):
            result = None
    if result is None:
        msg = f"{field}: expected a share such as 0.6 or Fraction(3, 5), found {value!r}"
        raise LedgerError(msg)
    if not 0 <= result <= 1:
        msg = f"{field}: expected a share between 0 and 1, found {value!r}"
        raise LedgerError(msg)
    return result


def positive(value: int, field: str) -> int:
    """Return ``value`` if it is a positive whole number, or raise naming ``field``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{field}: expected a positive whole number, found {value!r}"
        raise LedgerError(msg)
    return value


def span_cutoff(as_of: dt.date, span: Span) -> dt.date:
    """Return the latest anchor day whose ``span`` threshold is on or before ``as_of``.

    "Identified 1 year or more ago, as of D" holds exactly for identification days on or before
    this cut-off, so a rule computes it once and compares each row with it. Calendar months and
    years clamp to the month's end: with ``as_of`` 2025-02-28 the one-year cut-off is
    2024-02-29 (2024-02-29 plus one year is 2025-02-28).

    Parameters
    ----------
    as_of
        The evaluation date.
    span
        A span in days, weeks, months or years.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie.dates import Comparator
    >>> year = Span(amount=1, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)
    >>> span_cutoff(dt.date(2025, 8, 1), year)
    datetime.date(2024, 8, 1)
    >>> span_cutoff(dt.date(2025, 2, 28), year)
    datetime.date(2024, 2, 29)
    """
    match span.unit:
        case SpanUnit.DAYS:
            back = relativedelta(days=span.amount)
        case SpanUnit.WEEKS:
            back = relativedelta(weeks=span.amount)
        case SpanUnit.MONTHS:
            back = relativedelta(months=span.amount)
        case SpanUnit.YEARS:
            back = relativedelta(years=span.amount)
        case _:
            msg = f"span cut-off: expected a calendar span, found {span.describe()!r}"
            raise LedgerError(msg)
    cutoff: dt.date = as_of - back
    one = dt.timedelta(days=1)
    while span.threshold(cutoff + one) <= as_of:
        cutoff += one
    while span.threshold(cutoff) > as_of:
        cutoff -= one
    return cutoff


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the plan over one ledger.

    A subclass sets the class attributes (``id``, ``title``, ``ledger``, ``clause``,
    ``row_type`` and optionally ``severity``) and implements :meth:`evaluate`; declaring a
    subclass with an ``id`` registers it in :data:`RULES`. Parameters are attrs fields.
    """

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    ledger: ClassVar[LedgerKind]
    severity: ClassVar[Severity] = Severity.VIOLATION
    clause: ClassVar[Clause]
    row_type: ClassVar[type]

    def __init_subclass__(cls, **kwargs: Any) -> None:  # noqa: ANN401 - passed on unchanged
        super().__init_subclass__(**kwargs)
        rule_id = cls.__dict__.get("id")
        if not rule_id:
            return
        known = RULES.get(rule_id)
        if known is not None and (known.__module__, known.__qualname__) != (
            cls.__module__,
            cls.__qualname__,
        ):
            msg = (
                f"rule {cls.__qualname__}: expected an id not used by another rule, "
                f"found {rule_id!r} (used by {known.__module__}.{known.__qualname__})"
            )
            raise LedgerError(msg)
        RULES[rule_id] = cls

    @property
    def units(self) -> tuple[str, ...]:
        """The responsible units of the cited task."""
        return self.clause.units

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the findings of this rule over ``rows`` as of ``as_of``."""
        raise NotImplementedError

    def describe(self) -> str:
        """Return the rule with its parameters, its title and the clause it cites.

        Examples
        --------
        >>> from xiaojie.ledgers import IdentificationTimeLimit
        >>> print(IdentificationTimeLimit(days=20).describe())
        IdentificationTimeLimit(days=20): 从发现风险线索到完成监测对象识别认定不超过15天 — 任务4「对符合条件的...」
        """
        return f"{self!r}: {self.title} — {self.clause.cite()}"

    def finding(
        self,
        subject: str,
        place: Place,
        reason: str,
        *,
        found: str,
        expected: str,
        owner: str = "",
    ) -> Finding:
        """Return a finding of this rule."""
        return Finding(
            rule=self.id,
            task=self.clause.task,
            severity=self.severity,
            subject=subject,
            place=place,
            reason=reason,
            found=found,
            expected=expected,
            units=self.units,
            owner=owner,
        )


@attrs.frozen(kw_only=True)
class RowRule(Rule):
    """A rule judging rows one by one: an object predicate and a table expression.

    :meth:`examine` (on typed objects) and :meth:`cases` (an Ibis expression over the canonical
    columns) say the same thing; both give :class:`Evidence`, and :attr:`messages` turns it
    into text. ``messages`` maps each reason to ``(found, expected)`` templates for
    :meth:`str.format` with ``rule`` (the rule, for its parameters), ``as_of``, ``day``,
    ``number``, ``amount`` and whatever :meth:`message_values` adds.
    """

    messages: ClassVar[Mapping[str, tuple[str, str]]] = {}
    #: The canonical column naming the row's owner (``None``: the rows name none).
    owner_column: ClassVar[str | None] = None

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return the values that depend only on ``as_of`` (computed once per evaluation)."""
        return {"as_of": as_of}

    def examine(self, row: Any, ctx: dict[str, Any]) -> Iterator[Evidence]:  # noqa: ANN401
        """Yield the evidence of each way ``row`` breaks the rule."""
        raise NotImplementedError

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401 - ibis table
        """Return the rule as Ibis expressions over ``table`` (canonical columns)."""
        raise NotImplementedError

    def message_values(self, evidence: Evidence) -> dict[str, object]:
        """Return extra values for the message templates (none by default)."""
        del evidence
        return {}

    def texts(self, evidence: Evidence, as_of: dt.date) -> tuple[str, str]:
        """Return the ``(found, expected)`` texts of one piece of evidence."""
        try:
            found, expected = self.messages[evidence.reason]
        except KeyError:
            msg = (
                f"rule {self.id}: expected a message template for reason "
                f"{evidence.reason!r}, found only {sorted(self.messages)}"
            )
            raise LedgerError(msg) from None
        values: dict[str, object] = {
            "rule": self,
            "as_of": as_of,
            "day": evidence.day,
            "number": evidence.number,
            "amount": evidence.amount,
            **self.message_values(evidence),
        }
        return found.format(**values), expected.format(**values)

    def owner_of(self, row: Any) -> str:  # noqa: ANN401
        """Return the unit the row names (the :attr:`owner_column` attribute, else empty)."""
        column = self.owner_column
        return "" if column is None else str(getattr(row, column) or "")

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the findings over ``rows`` as of ``as_of``."""
        ctx = self.context(as_of)
        return [
            self.make(row.id, row.place, evidence, as_of=as_of, owner=self.owner_of(row))
            for row in rows
            for evidence in self.examine(row, ctx)
        ]

    def make(
        self, subject: str, place: Place, evidence: Evidence, *, as_of: dt.date, owner: str = ""
    ) -> Finding:
        """Build the finding of one piece of evidence (shared by every engine)."""
        found, expected = self.texts(evidence, as_of)
        return self.finding(
            subject, place, evidence.reason, found=found, expected=expected, owner=owner
        )


@attrs.frozen(kw_only=True)
class TableRule(Rule):
    """A rule judging groups of rows: per-group tallies, as an Ibis aggregation and in Python.

    :meth:`tallies` (objects) and :meth:`tally_table` (Ibis) compute the same tallies;
    :meth:`judge` turns them into findings (shared by every engine).
    """

    def tallies(self, rows: Sequence[Any]) -> list[Any]:
        """Return the tallies of ``rows``."""
        raise NotImplementedError

    def tally_table(self, table: Any) -> Any:  # noqa: ANN401 - ibis
        """Return the tallies as an Ibis aggregation of ``table``."""
        raise NotImplementedError

    def from_records(self, records: Sequence[Mapping[str, Any]]) -> list[Any]:
        """Return the tallies from the rows of :meth:`tally_table`."""
        raise NotImplementedError

    def merge(self, tallies: Sequence[Any], extra: Sequence[Any]) -> list[Any]:
        """Return ``tallies`` with the tallies of extra rows added."""
        raise NotImplementedError

    def judge(self, tallies: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the findings of the tallies."""
        raise NotImplementedError

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the findings over ``rows``."""
        return self.judge(self.tallies(rows), as_of=as_of)
