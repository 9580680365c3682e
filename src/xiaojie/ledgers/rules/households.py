"""The plan's rules over the household (监测户) ledger: tasks 4 and 6.

Each rule is one class: its clause, its parameters (defaults from the plan object, see
:func:`~xiaojie.ledgers.rules.plan_limits`), its object predicate (:meth:`examine`), its table
expression (:meth:`cases`, Ibis) and its message templates.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from xiaojie.dates import Comparator, Span, SpanUnit
from xiaojie.errors import LedgerError
from xiaojie.ledgers._enums import Severity
from xiaojie.ledgers._model import Household, months_after
from xiaojie.ledgers._schema import LedgerKind
from xiaojie.ledgers.rules._base import NO, Case, Evidence, RowRule, positive, span_cutoff
from xiaojie.ledgers.rules._clauses import CLAUSES, Clause
from xiaojie.ledgers.rules._limits import plan_limits


if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = [
    "EliminationIncomeNotAboveLine",
    "EliminationTooEarly",
    "EliminationWithoutLabour",
    "EliminationWithoutMeasure",
    "HouseholdRule",
    "IdentificationTimeLimit",
    "LongUnresolved",
]

_MEASURE_START = re.compile(r"measure_([0-9]+)_start")


def _ibis() -> Any:  # noqa: ANN401 - ibis is imported only by the table engines
    import ibis  # noqa: PLC0415 - optional extra

    return ibis


def measure_starts(table: Any) -> list[str]:  # noqa: ANN401 - ibis table
    """Return the ``measure_k_start`` columns of ``table``, in order."""
    found = [(int(m.group(1)), c) for c in table.columns if (m := _MEASURE_START.fullmatch(c))]
    return [column for _, column in sorted(found)]


@attrs.frozen(kw_only=True)
class HouseholdRule(RowRule):
    """A row rule over households."""

    ledger: ClassVar[LedgerKind] = LedgerKind.HOUSEHOLDS
    row_type: ClassVar[type] = Household


def _days() -> int:
    return plan_limits().identification_days


def _years() -> int:
    return plan_limits().unresolved_years


_LIMIT = "从发现风险线索到完成监测对象识别认定不超过{rule.days}天"
_FAST = "绿色通道:从发现风险线索起{rule.days}天内优先落实帮扶措施,同步履行纳入程序"


@attrs.frozen(kw_only=True)
class IdentificationTimeLimit(HouseholdRule):
    """Identification within ``days`` of the risk clue (task 4: 不超过15天).

    A household whose risk clue was found on day C must be identified by C + ``days``
    (inclusive). Findings:

    ``late``
        identified after the limit;
    ``pending``
        not identified as of ``as_of``, and the limit has passed.

    **Fast track (绿色通道).** The plan says: "开通“绿色通道”,优先落实帮扶措施,同步履行纳入程序"
    — assistance first, the procedure in parallel. For a fast-track household the rule
    therefore checks that an assistance measure started within the limit (reasons
    ``late_measure`` and ``pending_measure``) and does not time the identification, which may
    complete later.

    Parameters
    ----------
    days
        The limit in calendar days (the plan's limit ``identification-limit``, 15; 以内/不超过
        includes the bound).

    Examples
    --------
    >>> import datetime as dt
    >>> rule = IdentificationTimeLimit()
    >>> on_time = Household(id="A", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-16")
    >>> late = Household(id="B", kind="一般农户", clue_on="2025-06-01", identified_on="2025-06-17")
    >>> [f.subject for f in rule.evaluate([on_time, late], as_of=dt.date(2025, 7, 1))]
    ['B']
    """

    id: ClassVar[str] = "identification_time_limit"
    title: ClassVar[str] = "从发现风险线索到完成监测对象识别认定不超过15天"
    clause: ClassVar[Clause] = CLAUSES[4]
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "late": ("从发现风险线索到识别认定用时{number}天({day}识别认定)", _LIMIT),
        "pending": ("风险线索发现于{day},截至{as_of}已{number}天仍未识别认定", _LIMIT),
        "late_measure": (
            "绿色通道:从发现风险线索到落实首项帮扶措施用时{number}天({day}落实)",
            _FAST,
        ),
        "pending_measure": (
            "绿色通道:风险线索发现于{day},截至{as_of}已{number}天仍未落实帮扶措施",
            _FAST,
        ),
    }
    days: int = attrs.field(factory=_days, validator=lambda _s, _a, v: positive(v, "days"))

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return ``as_of`` and the last clue day whose limit has passed by ``as_of``."""
        return {"as_of": as_of, "pending_until": as_of - dt.timedelta(days=self.days + 1)}

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the late or pending identification (or first measure, on the fast track)."""
        clue, as_of = household.clue_on, ctx["as_of"]
        if clue is None or clue > as_of:
            return
        if household.fast_track:
            event, suffix = household.first_measure_on(until=as_of), "_measure"
        else:
            ident = household.identified_on
            event, suffix = (ident if ident is not None and ident <= as_of else None), ""
        if event is not None:
            days = (event - clue).days
            if days > self.days:
                yield Evidence(f"late{suffix}", event, days)
        elif clue <= ctx["pending_until"]:
            yield Evidence(f"pending{suffix}", clue, (as_of - clue).days)

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as Ibis expressions."""
        ibis, t = _ibis(), table
        as_of = ibis.literal(ctx["as_of"], type="date")
        clue, ident, fast = t.clue_on, t.identified_on, t.fast_track
        starts = [ibis.ifelse(t[c] <= as_of, t[c], None) for c in measure_starts(t)]
        if not starts:
            first = ibis.null("date")
        elif len(starts) == 1:
            first = starts[0]
        else:
            first = ibis.least(*starts)
        pending = clue <= ibis.literal(ctx["pending_until"], type="date")
        waited = as_of.delta(clue, unit="day")
        took = ident.delta(clue, unit="day")
        first_took = first.delta(clue, unit="day")
        return [
            Case(
                "late", (clue <= as_of) & ~fast & (ident <= as_of) & (took > self.days), ident, took
            ),
            Case("pending", pending & ~fast & (ident.isnull() | (ident > as_of)), clue, waited),
            Case(
                "late_measure", (clue <= as_of) & fast & (first_took > self.days), first, first_took
            ),
            Case("pending_measure", pending & fast & first.isnull(), clue, waited),
        ]


@attrs.frozen(kw_only=True)
class LongUnresolved(HouseholdRule):
    """Monitored ``years`` or more without the risk eliminated (task 6: 纳入1年以上未消除风险).

    "1年以上" includes the bound and counts calendar years: a household identified on
    2024-08-01 and not eliminated is flagged as of 2025-08-01; one identified on 2024-02-29 is
    flagged from 2025-02-28. The cut-off day is computed once per evaluation
    (:func:`span_cutoff`). The plan asks for household-by-household analysis of these, so the
    findings have severity ``ATTENTION``. ``years`` defaults to the plan's limit
    ``long-unresolved``.

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="A", kind="脱贫户", identified_on="2024-08-01")
    >>> len(LongUnresolved().evaluate([h], as_of=dt.date(2025, 7, 31)))
    0
    >>> len(LongUnresolved().evaluate([h], as_of=dt.date(2025, 8, 1)))
    1
    """

    id: ClassVar[str] = "long_unresolved"
    title: ClassVar[str] = "纳入1年以上未消除风险的监测对象"
    clause: ClassVar[Clause] = CLAUSES[6]
    severity: ClassVar[Severity] = Severity.ATTENTION
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "unresolved": (
            "{day}纳入监测,截至{as_of}已{number}天未消除风险",
            "纳入{rule.years}年以上未消除风险的监测对象逐户分析,分类开展精准帮扶",
        )
    }
    years: int = attrs.field(factory=_years, validator=lambda _s, _a, v: positive(v, "years"))

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return ``as_of`` and the identification cut-off day."""
        span = Span(amount=self.years, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)
        return {"as_of": as_of, "cutoff": span_cutoff(as_of, span)}

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the household if identified by the cut-off and not eliminated as of."""
        ident, gone, as_of = household.identified_on, household.eliminated_on, ctx["as_of"]
        if ident is not None and ident <= ctx["cutoff"] and (gone is None or gone > as_of):
            yield Evidence("unresolved", ident, (as_of - ident).days)

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as an Ibis expression."""
        ibis, t = _ibis(), table
        as_of = ibis.literal(ctx["as_of"], type="date")
        condition = (t.identified_on <= ibis.literal(ctx["cutoff"], type="date")) & (
            t.eliminated_on.isnull() | (t.eliminated_on > as_of)
        )
        return [
            Case("unresolved", condition, t.identified_on, as_of.delta(t.identified_on, unit="day"))
        ]


@attrs.frozen(kw_only=True)
class _EliminationRule(HouseholdRule):
    clause: ClassVar[Clause] = CLAUSES[6]

    @staticmethod
    def _eliminated(household: Household, as_of: dt.date) -> dt.date | None:
        gone = household.eliminated_on
        return gone if gone is not None and gone <= as_of else None

    @staticmethod
    def _eliminated_by(table: Any, ctx: dict[str, Any]) -> Any:  # noqa: ANN401
        return table.eliminated_on <= _ibis().literal(ctx["as_of"], type="date")


@attrs.frozen(kw_only=True)
class EliminationTooEarly(_EliminationRule):
    """Risk eliminated less than ``months`` after identification (DOMAIN §1.6, task 6).

    "识别认定监测对象时间至少半年以上 … 才能履行风险消除程序": an elimination on or after the
    identification day plus six calendar months is allowed (以上 includes the bound).

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="A", kind="一般农户", identified_on="2025-01-31",
    ...               eliminated_on="2025-07-30", elimination_mode="帮扶后消除")
    >>> [f.reason for f in EliminationTooEarly().evaluate([h], as_of=dt.date(2025, 8, 1))]
    ['too_early']
    """

    id: ClassVar[str] = "elimination_too_early"
    title: ClassVar[str] = "识别认定不满半年即消除风险"
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "too_early": (
            "纳入监测{number}天后即于{day}标注风险消除",
            "识别认定监测对象时间至少{rule.months}个月以上才能履行风险消除程序",
        )
    }
    months: int = attrs.field(default=6, validator=lambda _s, _a, v: positive(v, "months"))

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination if it came before identification plus ``months``."""
        gone, ident = self._eliminated(household, ctx["as_of"]), household.identified_on
        if gone is not None and ident is not None and gone < months_after(ident, self.months):
            yield Evidence("too_early", gone, (gone - ident).days)

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule (month arithmetic clamps to the month's end on every engine)."""
        ibis, t = _ibis(), table
        allowed = (t.identified_on + ibis.interval(months=self.months)).cast("date")
        condition = self._eliminated_by(t, ctx) & (t.eliminated_on < allowed)
        return [
            Case(
                "too_early",
                condition,
                t.eliminated_on,
                t.eliminated_on.delta(t.identified_on, unit="day"),
            )
        ]


@attrs.frozen(kw_only=True)
class EliminationWithoutMeasure(_EliminationRule):
    """Risk eliminated without any assistance measure started by then (DOMAIN §1.6, task 6).

    "针对返贫致贫风险落实至少一项帮扶措施的,才能履行风险消除程序": at least one measure must
    have started on or before the elimination day, whatever the elimination mode.

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="A", kind="一般农户", identified_on="2024-01-10",
    ...               eliminated_on="2025-01-10", elimination_mode="风险自然消失")
    >>> [f.reason for f in EliminationWithoutMeasure().evaluate([h], as_of=dt.date(2025, 8, 1))]
    ['no_measure']
    """

    id: ClassVar[str] = "elimination_without_measure"
    title: ClassVar[str] = "未落实帮扶措施即消除风险"
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "no_measure": (
            "于{day}标注风险消除,此前未落实帮扶措施{later}",
            "针对返贫致贫风险落实至少一项帮扶措施后才能履行风险消除程序",
        )
    }

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination if no measure started on or before it."""
        gone = self._eliminated(household, ctx["as_of"])
        if gone is not None and not any(m.start <= gone for m in household.measures):
            yield Evidence("no_measure", gone, len(household.measures))

    def message_values(self, evidence: Evidence) -> dict[str, object]:
        """Say how many (later) measures the ledger has."""
        n = evidence.number
        return {"later": f"(台账共{n}项措施,均晚于消除)" if n else ""}

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as an Ibis expression."""
        ibis, t = _ibis(), table
        starts = measure_starts(t)
        started = ibis.literal(NO)
        count = ibis.literal(0, type="int64")
        for column in starts:
            started = started | (t[column] <= t.eliminated_on)
            kind = column.removesuffix("_start")
            if kind in t.columns:
                count = count + t[kind].notnull().cast("int64")
        condition = self._eliminated_by(t, ctx) & ~started.fill_null(NO)
        return [Case("no_measure", condition, t.eliminated_on, count)]


def _line(value: object) -> decimal.Decimal | None:
    if value is None:
        return None
    try:
        amount = decimal.Decimal(str(value)).quantize(
            decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_UP
        )
    except decimal.InvalidOperation:
        msg = f"monitoring_line: expected an amount in yuan, found {value!r}"
        raise LedgerError(msg) from None
    return amount


@attrs.frozen(kw_only=True)
class EliminationIncomeNotAboveLine(_EliminationRule):
    """Risk eliminated while income is not above the monitoring line (DOMAIN §1.6, task 6).

    "年人均纯收入稳定超过当年监测范围": 超过 excludes the bound, so an income equal to the line
    is a finding. The line is set by each province every year (Ningxia's is not public), so it
    must be supplied; without it the rule finds nothing. Households with no income recorded
    are not judged.

    Parameters
    ----------
    monitoring_line
        The year's monitoring line in yuan per person (e.g. ``8700``), or ``None``.

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="A", kind="一般农户", identified_on="2024-01-10", income_per_capita=8700,
    ...               eliminated_on="2025-01-10", elimination_mode="帮扶后消除")
    >>> rule = EliminationIncomeNotAboveLine(monitoring_line=8700)
    >>> [f.found for f in rule.evaluate([h], as_of=dt.date(2025, 8, 1))]
    ['于2025-01-10标注风险消除时人均纯收入8700.00元']
    """

    id: ClassVar[str] = "elimination_income_not_above_line"
    title: ClassVar[str] = "人均纯收入未稳定超过监测范围即消除风险"
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "income_not_above_line": (
            "于{day}标注风险消除时人均纯收入{amount}元",
            "年人均纯收入稳定超过当年监测范围({rule.monitoring_line}元)",
        )
    }
    monitoring_line: decimal.Decimal | None = attrs.field(default=None, converter=_line)

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination if the income is at or below the line."""
        gone, income = self._eliminated(household, ctx["as_of"]), household.income_per_capita
        line = self.monitoring_line
        if line is not None and gone is not None and income is not None and income <= line:
            yield Evidence("income_not_above_line", gone, amount=income)

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as an Ibis expression (no case without a line)."""
        if self.monitoring_line is None:
            return []
        ibis, t = _ibis(), table
        line = ibis.literal(self.monitoring_line, type="decimal(18, 2)")
        condition = self._eliminated_by(t, ctx) & (t.income_per_capita <= line)
        return [
            Case("income_not_above_line", condition, t.eliminated_on, amount=t.income_per_capita)
        ]


@attrs.frozen(kw_only=True)
class EliminationWithoutLabour(_EliminationRule):
    """Risk eliminated for a household with no labour capacity (DOMAIN §1.6, task 6).

    "对整户无劳动力的监测对象,暂不标注“风险消除”".

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="A", kind="脱贫户", identified_on="2024-01-10", no_labour=True,
    ...               eliminated_on="2025-01-10", elimination_mode="帮扶后消除")
    >>> [f.reason for f in EliminationWithoutLabour().evaluate([h], as_of=dt.date(2025, 8, 1))]
    ['no_labour']
    """

    id: ClassVar[str] = "elimination_without_labour"
    title: ClassVar[str] = "整户无劳动能力的监测对象标注风险消除"
    messages: ClassVar[Mapping[str, tuple[str, str]]] = {
        "no_labour": (
            "整户无劳动能力,于{day}标注风险消除",
            "对整户无劳动能力的监测对象暂不标注风险消除,持续跟踪监测",
        )
    }

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination of a household with no labour capacity."""
        gone = self._eliminated(household, ctx["as_of"])
        if gone is not None and household.no_labour:
            yield Evidence("no_labour", gone)

    def cases(self, table: Any, ctx: dict[str, Any]) -> list[Case]:  # noqa: ANN401
        """State the rule as an Ibis expression."""
        t = table
        condition = self._eliminated_by(t, ctx) & t.no_labour.fill_null(NO)
        return [Case("no_labour", condition, t.eliminated_on)]
