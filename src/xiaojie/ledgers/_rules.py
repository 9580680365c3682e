"""The plan's rules over ledgers, and the findings they produce.

Each rule is a named object that cites the clause it enforces (task number, verbatim text and
the task's responsible units) and carries its limits as parameters with the plan's values as
defaults, so the same rule can check another plan's numbers::

    IdentificationTimeLimit()          # 不超过15天 (task 4)
    IdentificationTimeLimit(days=20)   # another plan's limit

Rules are evaluated with an explicit ``as_of`` date and never read the clock. Events after
``as_of`` are treated as not having happened yet, so a ledger can be re-checked as of any past
date. Thresholds that depend only on ``as_of`` (the "1年以上" cut-off day, for example) are
computed once per evaluation.

Household rules also state their logic in SQL (:meth:`HouseholdRule.sql_cases`), right next to
the Python, for the columnar engine; tests run both on generated ledgers and require the same
findings.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections import Counter, defaultdict
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs
from dateutil.relativedelta import relativedelta

from xiaojie.dates import Comparator, Span, SpanUnit, as_date
from xiaojie.errors import LedgerError
from xiaojie.ledgers._enums import AssetState
from xiaojie.ledgers._model import (
    Asset,
    FundRecord,
    Household,
    Place,
    Problem,
    months_after,
)
from xiaojie.ledgers._privacy import MAX_YEAR, MIN_YEAR
from xiaojie.ledgers._schema import LedgerKind


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence


__all__ = [
    "CLAUSES",
    "DEFAULT_RULES",
    "Clause",
    "EliminationIncomeNotAboveLine",
    "EliminationTooEarly",
    "EliminationWithoutLabour",
    "EliminationWithoutMeasure",
    "Finding",
    "Findings",
    "HouseholdRule",
    "IdentificationTimeLimit",
    "IndustryShare",
    "LongUnresolved",
    "RectificationDeadline",
    "RegistrationAndHandover",
    "RevitalisationRate",
    "RowRule",
    "Rule",
    "ScrappedWriteOff",
    "Severity",
    "SpendingMilestone",
    "SpendingProgress",
    "SqlCase",
    "check",
    "rules_for",
    "span_cutoff",
]


class Severity(enum.StrEnum):
    """How serious a finding is."""

    VIOLATION = "违反"
    """A binding limit of the plan is broken."""
    SOFT_TARGET = "力争未达"
    """A 力争 (strive-for) target is not reached: reported, not a failure."""
    ATTENTION = "需关注"
    """A row the plan singles out for follow-up (逐户分析)."""


# -- clauses ---------------------------------------------------------------------------------

_LEADING_GROUP = "自治区党委农村工作领导小组成员单位"


@attrs.frozen(kw_only=True)
class Clause:
    """A clause of the plan that a rule enforces.

    Attributes
    ----------
    task
        The task number (1–25).
    title
        The task's title.
    text
        The clause, quoted verbatim from the plan.
    responsibility
        The task's 责任单位 text, verbatim.
    units
        The responsible units with the 自治区 prefix carried over (DOMAIN §4.1).
    basis
        Where further conditions come from when the plan names them without spelling them out.
    """

    task: int
    title: str
    text: str
    responsibility: str
    units: tuple[str, ...]
    basis: str = ""

    def cite(self) -> str:
        """Return ``任务N「text」``."""
        return f"任务{self.task}「{self.text}」"


CLAUSES: dict[int, Clause] = {
    2: Clause(
        task=2,
        title="高质量抓好整改落实",
        text="建立问题清单、任务清单、责任清单,逐项明确问题表现、整改措施、整改责任和时限",
        responsibility=_LEADING_GROUP,
        units=(_LEADING_GROUP,),
    ),
    4: Clause(
        task=4,
        title="精准开展监测帮扶",
        text=(
            "对符合条件的从发现风险线索到完成监测对象识别认定不超过15天;对因灾因突发事故等"
            "特殊情况需纳入监测对象的,开通“绿色通道”,优先落实帮扶措施,同步履行纳入程序"
        ),
        responsibility=(
            "自治区农业农村厅、教育厅、民政厅、人力资源社会保障厅、住房和城乡建设厅、水利厅、"
            "卫生健康委、应急管理厅、医保局、残联"
        ),
        units=(
            "自治区农业农村厅",
            "自治区教育厅",
            "自治区民政厅",
            "自治区人力资源社会保障厅",
            "自治区住房和城乡建设厅",
            "自治区水利厅",
            "自治区卫生健康委",
            "自治区应急管理厅",
            "自治区医保局",
            "自治区残联",
        ),
    ),
    6: Clause(
        task=6,
        title="及时消除返贫风险",
        text=(
            "健全风险消除机制,规范设置风险消除条件和程序,对纳入1年以上未消除风险的监测对象,"
            "逐户分析,分类开展精准帮扶,确保稳定消除风险"
        ),
        responsibility=f"{_LEADING_GROUP},医保局",
        units=(_LEADING_GROUP, "自治区医保局"),
        basis=(
            "风险消除条件 (DOMAIN §1.6): 识别认定监测对象时间至少半年以上且针对返贫致贫风险落实"
            "至少一项帮扶措施的,才能履行风险消除程序; 年人均纯收入稳定超过当年监测范围; 对整户"
            "无劳动力的监测对象,暂不标注“风险消除” (弋江区 2024, 枞阳县)"
        ),
    ),
    11: Clause(
        task=11,
        title="强化产业帮扶",
        text="中央衔接资金用于产业发展比例高于60%",
        responsibility=(
            "自治区农业农村厅、商务厅、文化和旅游厅、林草局、贺兰山东麓葡萄酒产业园区管委会、供销社"
        ),
        units=(
            "自治区农业农村厅",
            "自治区商务厅",
            "自治区文化和旅游厅",
            "自治区林草局",
            "贺兰山东麓葡萄酒产业园区管委会",
            "自治区供销社",
        ),
    ),
    21: Clause(
        task=21,
        title="健全项目实施推进机制",
        text=(
            "7月底和10月底前,资金支出进度分别达到60%、85%,12月底前资金预算(项目质保金除外)"
            "执行率必须达到100%"
        ),
        responsibility="自治区农业农村厅、财政厅、发展改革委、民委、林草局、农垦集团",
        units=(
            "自治区农业农村厅",
            "自治区财政厅",
            "自治区发展改革委",
            "自治区民委",
            "自治区林草局",
            "农垦集团",
        ),
    ),
    22: Clause(
        task=22,
        title="健全资产长效管理机制",
        text=(
            "力争7月底前年度盘活利用率达到80%以上;9月底前对符合条件的项目完成确权登记和资产移交;"
            "10月底前对应报废报损项目进行核销处理"
        ),
        responsibility="自治区党委农村工作领导小组相关成员单位、国资委",
        units=("自治区党委农村工作领导小组相关成员单位", "自治区国资委"),
    ),
}


# -- findings --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Finding:
    """One row (or group of rows) that breaks one rule.

    Attributes
    ----------
    rule
        The rule's id.
    task
        The plan task the rule cites.
    severity
        Violation, unmet 力争 target, or attention.
    subject
        The row's id (户编号, 资产编号, 问题编号), the county of a fund record, or the place of
        a group (``同心县/豫海镇``).
    place
        Where the subject is.
    reason
        A short code of what is wrong (``late``, ``pending`` …).
    found
        What the ledger shows.
    expected
        What the plan requires.
    units
        The responsible units of the cited task.
    owner
        The unit the row itself names (a problem's responsible unit, an asset's keeper, a
        fund's county); empty when the row names none.
    """

    rule: str
    task: int
    severity: Severity
    subject: str
    place: Place
    reason: str
    found: str
    expected: str
    units: tuple[str, ...]
    owner: str = ""

    def message(self) -> str:
        """Return a one-line description of the finding."""
        where = f" ({self.place})" if str(self.place) else ""
        return (
            f"{self.rule} [{self.severity}] {self.subject}{where}: {self.found}; "
            f"expected {self.expected} (任务{self.task})"
        )

    def record(self) -> dict[str, str]:
        """Return the finding as a flat record of texts (for CSV, XLSX, Parquet and JSON)."""
        return {
            "rule": self.rule,
            "task": str(self.task),
            "severity": self.severity.value,
            "subject": self.subject,
            "county": self.place.county,
            "township": self.place.township,
            "village": self.place.village,
            "reason": self.reason,
            "found": self.found,
            "expected": self.expected,
            "units": "、".join(self.units),
            "owner": self.owner,
        }


def _sort_key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.rule, finding.subject, finding.reason, finding.found)


def _sorted_findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(items, key=_sort_key))


@attrs.frozen
class Findings:
    """Every finding of one evaluation, with aggregates by rule, place and unit.

    Attributes
    ----------
    as_of
        The date the rules were evaluated as of.
    items
        The findings, sorted by rule, subject and reason.
    rules
        The ids of the rules evaluated (a rule with no finding is still listed).

    Examples
    --------
    >>> import datetime as dt
    >>> h = Household(id="H1", place=Place("同心县", "豫海镇", "红星村"), kind="一般农户",
    ...               clue_on="2025-06-01", identified_on="2025-06-17")
    >>> found = check([h], as_of=dt.date(2025, 8, 1), rules=[IdentificationTimeLimit()])
    >>> found.by_rule()
    {'identification_time_limit': 1}
    >>> found.by_place("township")
    {('同心县', '豫海镇'): {'identification_time_limit': 1}}
    >>> print(found.items[0].found)
    从发现风险线索到识别认定用时16天(2025-06-17识别认定)
    """

    as_of: dt.date
    items: tuple[Finding, ...] = attrs.field(converter=_sorted_findings)
    rules: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)

    def by_rule(self) -> dict[str, int]:
        """Count findings per rule (every evaluated rule appears, in evaluation order)."""
        counts = Counter(f.rule for f in self.items)
        order = list(self.rules) + sorted(set(counts) - set(self.rules))
        return {rule: counts.get(rule, 0) for rule in order}

    def by_place(self, level: str = "village") -> dict[tuple[str, ...], dict[str, int]]:
        """Count findings per place (down to ``level``) and rule, places sorted.

        Raises
        ------
        LedgerError
            If ``level`` is not ``county``, ``township`` or ``village``.
        """
        Place().key(level)
        table: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for finding in self.items:
            table[finding.place.key(level)][finding.rule] += 1
        return {place: dict(sorted(table[place].items())) for place in sorted(table)}

    def by_unit(self) -> dict[str, dict[str, int]]:
        """Count findings per responsible unit of the cited task, and rule."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for finding in self.items:
            for unit in finding.units:
                table[unit][finding.rule] += 1
        return {unit: dict(sorted(table[unit].items())) for unit in sorted(table)}

    def by_owner(self) -> dict[str, dict[str, int]]:
        """Count findings per unit named in the rows themselves (problems, assets, funds)."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for finding in self.items:
            if finding.owner:
                table[finding.owner][finding.rule] += 1
        return {owner: dict(sorted(table[owner].items())) for owner in sorted(table)}

    def where(
        self,
        *,
        rule: str | None = None,
        severity: Severity | str | None = None,
        place: Place | None = None,
    ) -> Findings:
        """Return the findings of one rule, severity and/or place (a prefix of the place)."""
        items = [
            f
            for f in self.items
            if (rule is None or f.rule == rule)
            and (severity is None or f.severity == severity)
            and (place is None or _within(f.place, place))
        ]
        return Findings(self.as_of, items, self.rules)

    def records(self) -> list[dict[str, str]]:
        """Return every finding as a flat record (see :meth:`Finding.record`)."""
        return [f.record() for f in self.items]

    def summary(self, level: str = "village") -> str:
        """Return a plain-text table: findings per place (rows) and rule (columns)."""
        return summary_table(self.as_of, self.by_place(level), self.by_rule(), level)


def _within(place: Place, prefix: Place) -> bool:
    return all(
        not want or have == want for have, want in zip(place.key(), prefix.key(), strict=True)
    )


def summary_table(
    as_of: dt.date,
    by_place: dict[tuple[str, ...], dict[str, int]],
    by_rule: dict[str, int],
    level: str,
) -> str:
    """Render findings per place and rule as a plain-text table (shared by both engines)."""
    rules = list(by_rule)
    lines = [f"findings as of {as_of.isoformat()} by {level} and rule"]
    header = ["place", *rules, "total"]
    rows = [header]
    for place, counts in by_place.items():
        shown = "/".join(p for p in place if p) or "(no place)"
        values = [counts.get(rule, 0) for rule in rules]
        rows.append([shown, *map(str, values), str(sum(values))])
    rows.append(["total", *(str(by_rule[r]) for r in rules), str(sum(by_rule.values()))])
    widths = [max(_width(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


# -- rules -----------------------------------------------------------------------------------


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


def _as_of(value: object) -> dt.date:
    day = as_date(value, field="as_of")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        msg = f"as_of: expected a date between {MIN_YEAR} and {MAX_YEAR}, found {day}"
        raise LedgerError(msg)
    return day


def _pct(value: Fraction) -> str:
    return f"{float(value) * 100:.1f}%"


def _share(value: object, field: str) -> Fraction:
    share: Fraction | None = None
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        share = Fraction(value)
    elif isinstance(value, float | decimal.Decimal | str):
        try:
            share = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
        except (ValueError, ZeroDivisionError):
            share = None
    if share is None:
        msg = f"{field}: expected a share such as 0.6 or Fraction(3, 5), found {value!r}"
        raise LedgerError(msg)
    if not 0 <= share <= 1:
        msg = f"{field}: expected a share between 0 and 1, found {value!r}"
        raise LedgerError(msg)
    return share


def _target(value: object) -> Fraction:
    return _share(value, "target")


def _share_of(value: object) -> Fraction:
    return _share(value, "share")


def _positive(value: int, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        msg = f"{field}: expected a positive whole number, found {value!r}"
        raise LedgerError(msg)
    return value


@attrs.frozen(kw_only=True)
class Rule:
    """A rule of the plan over one ledger.

    Subclasses set the class attributes and implement :meth:`evaluate`.
    """

    id: ClassVar[str] = ""
    title: ClassVar[str] = ""
    ledger: ClassVar[LedgerKind]
    severity: ClassVar[Severity] = Severity.VIOLATION
    clause: ClassVar[Clause]
    row_type: ClassVar[type]

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
        >>> print(IdentificationTimeLimit(days=20).describe())
        IdentificationTimeLimit(days=20): 从发现风险线索到完成监测对象识别认定不超过15天 — 任务4「对符合条件的...」
        """
        return f"{self!r}: {self.title} — {self.clause.cite()}"

    def _finding(
        self,
        subject: str,
        place: Place,
        reason: str,
        *,
        found: str,
        expected: str,
        owner: str = "",
    ) -> Finding:
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


# Households ---------------------------------------------------------------------------------


@attrs.frozen
class SqlCase:
    """One way a household breaks a rule, in SQL over the canonical columns.

    ``condition`` selects the rows; ``day``, ``number`` and ``amount`` give the values the
    finding's text is made of (``NULL`` when unused).
    """

    rule: str
    reason: str
    condition: str
    day: str = "NULL"
    number: str = "NULL"
    amount: str = "NULL"


def sql_date(day: dt.date) -> str:
    """Return a SQL date literal."""
    return f"DATE '{day.isoformat()}'"


Evidence = tuple[str, dt.date | None, int | None, decimal.Decimal | None]


@attrs.frozen(kw_only=True)
class RowRule(Rule):
    """A rule judging rows one by one, stated in Python and in SQL.

    :meth:`examine` (Python, on objects) and :meth:`sql_cases` (SQL, on the canonical columns)
    say the same thing; both produce ``(reason, day, number, amount)`` evidence that
    :meth:`make` turns into the same finding.
    """

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return the values that depend only on ``as_of`` (computed once per evaluation)."""
        return {"as_of": as_of}

    def examine(self, row: Any, ctx: dict[str, Any]) -> Iterator[Evidence]:  # noqa: ANN401
        """Yield ``(reason, day, number, amount)`` for each way ``row`` breaks the rule."""
        raise NotImplementedError

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """Return the rule in SQL; ``measures`` is how many measure columns the table has."""
        raise NotImplementedError

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Return the text of what the ledger shows, from a case's values."""
        raise NotImplementedError

    def expected(self, reason: str) -> str:
        """Return the text of what the plan requires, for a reason."""
        raise NotImplementedError

    def owner_of(self, row: Any) -> str:  # noqa: ANN401
        """Return the unit the row names (empty for households)."""
        del row
        return ""

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the findings over ``rows`` as of ``as_of``."""
        ctx = self.context(as_of)
        findings = []
        for row in rows:
            for reason, day, number, amount in self.examine(row, ctx):
                findings.append(
                    self.make(
                        row.id,
                        row.place,
                        reason,
                        day=day,
                        number=number,
                        amount=amount,
                        as_of=as_of,
                        owner=self.owner_of(row),
                    )
                )
        return findings

    def make(
        self,
        subject: str,
        place: Place,
        reason: str,
        *,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
        owner: str = "",
    ) -> Finding:
        """Build the finding of one case (shared by the object and the columnar engine)."""
        found = self.found(reason, day, number, amount, as_of)
        return self._finding(
            subject, place, reason, found=found, expected=self.expected(reason), owner=owner
        )


@attrs.frozen(kw_only=True)
class HouseholdRule(RowRule):
    """A row rule over households."""

    ledger: ClassVar[LedgerKind] = LedgerKind.HOUSEHOLDS
    row_type: ClassVar[type] = Household


def _measure_starts(measures: int) -> list[str]:
    return [f"measure_{k}_start" for k in range(1, measures + 1)]


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
        The limit in calendar days (15 in the plan; 以内/不超过 includes the bound).

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
    days: int = attrs.field(default=15, validator=lambda _s, _a, v: _positive(v, "days"))

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
                yield (f"late{suffix}", event, days, None)
        elif clue <= ctx["pending_until"]:
            yield (f"pending{suffix}", clue, (as_of - clue).days, None)

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL."""
        as_of = sql_date(ctx["as_of"])
        base = f"clue_on <= {as_of}"
        starts = [f"CASE WHEN {c} <= {as_of} THEN {c} END" for c in _measure_starts(measures)]
        if not starts:
            first = "CAST(NULL AS DATE)"
        elif len(starts) == 1:
            first = f"({starts[0]})"
        else:
            first = f"least({', '.join(starts)})"
        pending = f"clue_on <= {sql_date(ctx['pending_until'])}"
        waited = f"date_diff('day', clue_on, {as_of})"
        return [
            SqlCase(
                self.id,
                "late",
                f"{base} AND NOT fast_track AND identified_on <= {as_of} "
                f"AND date_diff('day', clue_on, identified_on) > {self.days}",
                "identified_on",
                "date_diff('day', clue_on, identified_on)",
            ),
            SqlCase(
                self.id,
                "pending",
                f"{pending} AND NOT fast_track AND (identified_on IS NULL OR identified_on > {as_of})",
                "clue_on",
                waited,
            ),
            SqlCase(
                self.id,
                "late_measure",
                f"{base} AND fast_track AND date_diff('day', clue_on, {first}) > {self.days}",
                first,
                f"date_diff('day', clue_on, {first})",
            ),
            SqlCase(
                self.id,
                "pending_measure",
                f"{pending} AND fast_track AND {first} IS NULL",
                "clue_on",
                waited,
            ),
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the late or pending case."""
        del amount
        match reason:
            case "late":
                return f"从发现风险线索到识别认定用时{number}天({day}识别认定)"
            case "pending":
                return f"风险线索发现于{day},截至{as_of}已{number}天仍未识别认定"
            case "late_measure":
                return f"绿色通道:从发现风险线索到落实首项帮扶措施用时{number}天({day}落实)"
            case _:
                return f"绿色通道:风险线索发现于{day},截至{as_of}已{number}天仍未落实帮扶措施"

    def expected(self, reason: str) -> str:
        """State the limit."""
        if reason.endswith("_measure"):
            return f"绿色通道:从发现风险线索起{self.days}天内优先落实帮扶措施,同步履行纳入程序"
        return f"从发现风险线索到完成监测对象识别认定不超过{self.days}天"


@attrs.frozen(kw_only=True)
class LongUnresolved(HouseholdRule):
    """Monitored ``years`` or more without the risk eliminated (task 6: 纳入1年以上未消除风险).

    "1年以上" includes the bound and counts calendar years: a household identified on
    2024-08-01 and not eliminated is flagged as of 2025-08-01; one identified on 2024-02-29 is
    flagged from 2025-02-28. The cut-off day is computed once per evaluation
    (:func:`span_cutoff`). The plan asks for household-by-household analysis of these, so the
    findings have severity ``ATTENTION``.

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
    years: int = attrs.field(default=1, validator=lambda _s, _a, v: _positive(v, "years"))

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return ``as_of`` and the identification cut-off day."""
        span = Span(amount=self.years, unit=SpanUnit.YEARS, comparator=Comparator.AT_LEAST)
        return {"as_of": as_of, "cutoff": span_cutoff(as_of, span)}

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the household if identified by the cut-off and not eliminated as of."""
        ident, gone, as_of = household.identified_on, household.eliminated_on, ctx["as_of"]
        if ident is not None and ident <= ctx["cutoff"] and (gone is None or gone > as_of):
            yield ("unresolved", ident, (as_of - ident).days, None)

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL."""
        del measures
        as_of = sql_date(ctx["as_of"])
        return [
            SqlCase(
                self.id,
                "unresolved",
                f"identified_on <= {sql_date(ctx['cutoff'])} "
                f"AND (eliminated_on IS NULL OR eliminated_on > {as_of})",
                "identified_on",
                f"date_diff('day', identified_on, {as_of})",
            )
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the long monitoring."""
        del reason, amount
        return f"{day}纳入监测,截至{as_of}已{number}天未消除风险"

    def expected(self, reason: str) -> str:
        """State what the plan asks for such households."""
        del reason
        return f"纳入{self.years}年以上未消除风险的监测对象逐户分析,分类开展精准帮扶"


@attrs.frozen(kw_only=True)
class _EliminationRule(HouseholdRule):
    clause: ClassVar[Clause] = CLAUSES[6]

    @staticmethod
    def _eliminated(household: Household, as_of: dt.date) -> dt.date | None:
        gone = household.eliminated_on
        return gone if gone is not None and gone <= as_of else None


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
    months: int = attrs.field(default=6, validator=lambda _s, _a, v: _positive(v, "months"))

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination if it came before identification plus ``months``."""
        gone, ident = self._eliminated(household, ctx["as_of"]), household.identified_on
        if gone is not None and ident is not None and gone < months_after(ident, self.months):
            yield ("too_early", gone, (gone - ident).days, None)

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL (DuckDB month arithmetic clamps to the month's end too)."""
        del measures
        return [
            SqlCase(
                self.id,
                "too_early",
                f"eliminated_on <= {sql_date(ctx['as_of'])} AND eliminated_on < "
                f"CAST(identified_on + INTERVAL ({self.months}) MONTH AS DATE)",
                "eliminated_on",
                "date_diff('day', identified_on, eliminated_on)",
            )
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the early elimination."""
        del reason, amount, as_of
        return f"纳入监测{number}天后即于{day}标注风险消除"

    def expected(self, reason: str) -> str:
        """State the minimum monitoring time."""
        del reason
        return f"识别认定监测对象时间至少{self.months}个月以上才能履行风险消除程序"


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

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination if no measure started on or before it."""
        gone = self._eliminated(household, ctx["as_of"])
        if gone is not None and not any(m.start <= gone for m in household.measures):
            yield ("no_measure", gone, len(household.measures), None)

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL."""
        started = " OR ".join(f"{c} <= eliminated_on" for c in _measure_starts(measures))
        count = " + ".join(
            f"CAST(measure_{k} IS NOT NULL AS BIGINT)" for k in range(1, measures + 1)
        )
        return [
            SqlCase(
                self.id,
                "no_measure",
                f"eliminated_on <= {sql_date(ctx['as_of'])} "
                f"AND NOT coalesce({started or 'false'}, false)",
                "eliminated_on",
                count or "0",
            )
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the elimination without a measure."""
        del reason, amount, as_of
        later = f"(台账共{number}项措施,均晚于消除)" if number else ""
        return f"于{day}标注风险消除,此前未落实帮扶措施{later}"

    def expected(self, reason: str) -> str:
        """State the requirement."""
        del reason
        return "针对返贫致贫风险落实至少一项帮扶措施后才能履行风险消除程序"


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
    monitoring_line: decimal.Decimal | None = attrs.field(default=None, converter=_line)

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination if the income is at or below the line."""
        gone, income = self._eliminated(household, ctx["as_of"]), household.income_per_capita
        line = self.monitoring_line
        if line is not None and gone is not None and income is not None and income <= line:
            yield ("income_not_above_line", gone, None, income)

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL (no case without a line)."""
        del measures
        if self.monitoring_line is None:
            return []
        return [
            SqlCase(
                self.id,
                "income_not_above_line",
                f"eliminated_on <= {sql_date(ctx['as_of'])} AND income_per_capita <= "
                f"CAST('{self.monitoring_line}' AS DECIMAL(18,2))",
                "eliminated_on",
                amount="income_per_capita",
            )
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the income."""
        del reason, number, as_of
        return f"于{day}标注风险消除时人均纯收入{amount}元"

    def expected(self, reason: str) -> str:
        """State the line."""
        del reason
        return f"年人均纯收入稳定超过当年监测范围({self.monitoring_line}元)"


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

    def examine(self, household: Household, ctx: dict[str, Any]) -> Iterator[Evidence]:
        """Yield the elimination of a household with no labour capacity."""
        gone = self._eliminated(household, ctx["as_of"])
        if gone is not None and household.no_labour:
            yield ("no_labour", gone, None, None)

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL."""
        del measures
        return [
            SqlCase(
                self.id,
                "no_labour",
                f"eliminated_on <= {sql_date(ctx['as_of'])} AND coalesce(no_labour, false)",
                "eliminated_on",
            )
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the elimination."""
        del reason, number, amount, as_of
        return f"整户无劳动能力,于{day}标注风险消除"

    def expected(self, reason: str) -> str:
        """State the rule."""
        del reason
        return "对整户无劳动能力的监测对象暂不标注风险消除,持续跟踪监测"


# Assets -------------------------------------------------------------------------------------


RateBasis = Literal["count", "value", "mean_of_both"]


@attrs.frozen
class RevitalisationTally:
    """The counts and values a revitalisation rate is computed from, for one place."""

    place: tuple[str, ...]
    count: int
    revitalised_count: int
    value: decimal.Decimal
    revitalised_value: decimal.Decimal


@attrs.frozen(kw_only=True)
class RevitalisationRate(Rule):
    """The year's revitalisation rate of idle and inefficient assets (task 22: 80%以上 by 7月底).

    The plan writes "力争7月底前年度盘活利用率达到80%以上": a 力争 target, so findings have
    severity ``SOFT_TARGET``. No official formula is published (DOMAIN §2), so the basis is a
    parameter:

    ``count`` (default)
        revitalised assets / assets needing revitalisation — the common reading of
        "盘活闲置低效资产";
    ``value``
        the same with 资产原值 instead of numbers of assets;
    ``mean_of_both``
        the mean of the two (a county template's formula).

    The assets in the year's scope are those idle or inefficient now, plus those revitalised
    this year (or on an unknown day). A revitalised asset counts if it was revitalised by the
    due day (or on an unknown day). Disposed assets are out of scope. A place with no asset in
    scope has no rate and no finding. The rate is judged per place at ``level`` once ``as_of``
    is after the due day; comparisons are exact (fractions, not floats).

    Examples
    --------
    >>> import datetime as dt
    >>> assets = [
    ...     Asset(id=f"A{i}", asset_class="经营性", value=100, funding_year=2021,
    ...           state="已盘活" if i < 3 else "闲置", revitalised_on="2025-07-01" if i < 3 else None,
    ...           place=Place("同心县"))
    ...     for i in range(4)
    ... ]
    >>> [f.found for f in RevitalisationRate().evaluate(assets, as_of=dt.date(2025, 8, 1))]
    ['年度盘活利用率75.0%(按数量:3/4项;按金额:300.00/400.00元)']
    """

    id: ClassVar[str] = "asset_revitalisation_rate"
    title: ClassVar[str] = "年度盘活利用率达到80%以上"
    ledger: ClassVar[LedgerKind] = LedgerKind.ASSETS
    severity: ClassVar[Severity] = Severity.SOFT_TARGET
    clause: ClassVar[Clause] = CLAUSES[22]
    row_type: ClassVar[type] = Asset
    target: Fraction = attrs.field(default=Fraction(4, 5), converter=_target)
    due: dt.date = attrs.field(default=dt.date(2025, 7, 31), converter=_as_of)
    by: RateBasis = attrs.field(default="count")
    level: str = attrs.field(default="county")

    @by.validator
    def _check_by(self, _attribute: object, value: object) -> None:
        if value not in {"count", "value", "mean_of_both"}:
            msg = f"by: expected 'count', 'value' or 'mean_of_both', found {value!r}"
            raise LedgerError(msg)

    @level.validator
    def _check_level(self, _attribute: object, value: str) -> None:
        Place().key(value)

    def in_scope(self, asset: Asset) -> bool:
        """Whether the asset counts in the year's denominator."""
        if asset.state in {AssetState.IDLE, AssetState.INEFFICIENT}:
            return True
        return asset.state is AssetState.REVITALISED and (
            asset.revitalised_on is None or asset.revitalised_on.year >= self.due.year
        )

    def counted(self, asset: Asset) -> bool:
        """Whether the asset counts as revitalised by the due day."""
        return asset.state is AssetState.REVITALISED and (
            asset.revitalised_on is None or asset.revitalised_on <= self.due
        )

    def tallies(self, rows: Sequence[Asset]) -> list[RevitalisationTally]:
        """Return the counts and values per place."""
        zero = decimal.Decimal("0.00")
        acc: dict[tuple[str, ...], list[Any]] = {}
        for asset in rows:
            if not self.in_scope(asset):
                continue
            entry = acc.setdefault(asset.place.key(self.level), [0, 0, zero, zero])
            entry[0] += 1
            entry[2] += asset.value
            if self.counted(asset):
                entry[1] += 1
                entry[3] += asset.value
        return [RevitalisationTally(place, *values) for place, values in sorted(acc.items())]

    def rate(self, tally: RevitalisationTally) -> Fraction:
        """Return the rate of one place on the chosen basis (exact)."""
        by_count = Fraction(tally.revitalised_count, tally.count)
        by_value = (
            Fraction(tally.revitalised_value) / Fraction(tally.value) if tally.value else by_count
        )
        match self.by:
            case "count":
                return by_count
            case "value":
                return by_value
            case _:
                return (by_count + by_value) / 2

    def judge(self, tallies: Iterable[RevitalisationTally], *, as_of: dt.date) -> list[Finding]:
        """Return the findings for places whose rate is below target (shared by both engines)."""
        if as_of <= self.due:
            return []
        findings = []
        for tally in tallies:
            if tally.count == 0:
                continue
            rate = self.rate(tally)
            if rate < self.target:
                place = Place(*tally.place)
                found = (
                    f"年度盘活利用率{_pct(rate)}(按数量:{tally.revitalised_count}/{tally.count}项;"
                    f"按金额:{tally.revitalised_value}/{tally.value}元)"
                )
                expected = (
                    f"{self.due}前年度盘活利用率达到{_pct(self.target)}以上(按{_BASIS[self.by]})"
                )
                findings.append(
                    self._finding(str(place), place, "below_target", found=found, expected=expected)
                )
        return findings

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the places whose rate was below target on the due day."""
        return self.judge(self.tallies(rows), as_of=as_of)


_BASIS = {"count": "数量", "value": "金额", "mean_of_both": "数量与金额的平均"}


@attrs.frozen(kw_only=True)
class _AssetRowRule(RowRule):
    ledger: ClassVar[LedgerKind] = LedgerKind.ASSETS
    row_type: ClassVar[type] = Asset
    clause: ClassVar[Clause] = CLAUSES[22]
    due: dt.date = dt.date(2025, 1, 1)

    def context(self, as_of: dt.date) -> dict[str, Any]:
        """Return ``as_of`` and whether the due day has passed."""
        return {"as_of": as_of, "active": as_of > self.due}

    def owner_of(self, row: Any) -> str:  # noqa: ANN401
        """Return the asset's keeper (管护责任单位)."""
        return str(row.responsible_unit)

    def _dated(self, step: str, day: dt.date | None, as_of: dt.date) -> Iterator[Evidence]:
        if day is None or day > as_of:
            yield (f"{step}_missing", None, None, None)
        elif day > self.due:
            yield (f"{step}_late", day, None, None)

    def _sql_dated(self, step: str, column: str, scope: str, as_of: str) -> list[SqlCase]:
        return [
            SqlCase(
                self.id,
                f"{step}_missing",
                f"{scope} AND ({column} IS NULL OR {column} > {as_of})",
            ),
            SqlCase(
                self.id,
                f"{step}_late",
                f"{scope} AND {column} <= {as_of} AND {column} > {sql_date(self.due)}",
                column,
            ),
        ]


_STEPS = {"registration": "确权登记", "handover": "资产移交", "write_off": "核销"}


@attrs.frozen(kw_only=True)
class RegistrationAndHandover(_AssetRowRule):
    """Title registration and hand-over of eligible assets by ``due`` (task 22: 9月底前).

    Eligible ("符合条件的项目") is read as: not disposed, not scrapped, and formed in or before
    the due year. Once ``as_of`` is after the due day, each eligible asset not registered
    (``registration_missing``) or registered after the due day (``registration_late``) is a
    finding, and likewise for the hand-over.

    Examples
    --------
    >>> import datetime as dt
    >>> a = Asset(id="A1", asset_class="公益性", value=1, funding_year=2022,
    ...           registered_on="2025-09-30", responsible_unit="红星村委会")
    >>> [f.reason for f in RegistrationAndHandover().evaluate([a], as_of=dt.date(2025, 10, 1))]
    ['handover_missing']
    """

    id: ClassVar[str] = "asset_registration_handover"
    title: ClassVar[str] = "符合条件的项目完成确权登记和资产移交"
    due: dt.date = attrs.field(default=dt.date(2025, 9, 30), converter=_as_of)

    def eligible(self, asset: Asset) -> bool:
        """Whether the asset must be registered and handed over."""
        return (
            asset.state is not AssetState.DISPOSED
            and not asset.scrapped
            and asset.funding_year <= self.due.year
        )

    def examine(self, row: Any, ctx: dict[str, Any]) -> Iterator[Evidence]:  # noqa: ANN401
        """Yield the missing or late registration and hand-over."""
        if ctx["active"] and self.eligible(row):
            yield from self._dated("registration", row.registered_on, ctx["as_of"])
            yield from self._dated("handover", row.handed_over_on, ctx["as_of"])

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL."""
        del measures
        if not ctx["active"]:
            return []
        scope = (
            f"state <> '{AssetState.DISPOSED.value}' AND NOT coalesce(scrapped, false) "
            f"AND funding_year <= {self.due.year}"
        )
        as_of = sql_date(ctx["as_of"])
        return [
            *self._sql_dated("registration", "registered_on", scope, as_of),
            *self._sql_dated("handover", "handed_over_on", scope, as_of),
        ]

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the missing or late step."""
        del number, amount
        step, _, state = reason.rpartition("_")
        label = _STEPS[step]
        if state == "missing":
            return f"截至{as_of}未完成{label}"
        return f"{day}完成{label},晚于{self.due}"

    def expected(self, reason: str) -> str:
        """State the deadline."""
        return f"{self.due}前完成{_STEPS[reason.rpartition('_')[0]]}"


@attrs.frozen(kw_only=True)
class ScrappedWriteOff(_AssetRowRule):
    """Write-off of scrapped or lost assets by ``due`` (task 22: 10月底前 核销).

    Examples
    --------
    >>> import datetime as dt
    >>> a = Asset(id="A1", asset_class="到户类", value=1, funding_year=2019, scrapped=True,
    ...           state="已处置", written_off_on="2025-11-03")
    >>> [f.found for f in ScrappedWriteOff().evaluate([a], as_of=dt.date(2025, 12, 1))]
    ['2025-11-03核销,晚于2025-10-31']
    """

    id: ClassVar[str] = "asset_write_off"
    title: ClassVar[str] = "报废报损项目核销"
    due: dt.date = attrs.field(default=dt.date(2025, 10, 31), converter=_as_of)

    def examine(self, row: Any, ctx: dict[str, Any]) -> Iterator[Evidence]:  # noqa: ANN401
        """Yield the missing or late write-off of a scrapped asset."""
        if ctx["active"] and row.scrapped:
            yield from self._dated("write_off", row.written_off_on, ctx["as_of"])

    def sql_cases(self, ctx: dict[str, Any], measures: int) -> list[SqlCase]:
        """State the rule in SQL."""
        del measures
        if not ctx["active"]:
            return []
        scope = "coalesce(scrapped, false)"
        return self._sql_dated("write_off", "written_off_on", scope, sql_date(ctx["as_of"]))

    def found(
        self,
        reason: str,
        day: dt.date | None,
        number: int | None,
        amount: decimal.Decimal | None,
        as_of: dt.date,
    ) -> str:
        """Describe the missing or late write-off."""
        del number, amount
        if reason.endswith("missing"):
            return f"截至{as_of}未核销"
        return f"{day}核销,晚于{self.due}"

    def expected(self, reason: str) -> str:
        """State the deadline."""
        del reason
        return f"{self.due}前对报废报损项目进行核销处理"


# Funds --------------------------------------------------------------------------------------


@attrs.frozen
class SpendingMilestone:
    """A spending target: by ``due``, spent / allocated at least ``share``.

    With ``excluding_retention`` the allocation net of 项目质保金 is the base (the plan's
    12月底 budget-execution rate).
    """

    due: dt.date = attrs.field(converter=_as_of)
    share: Fraction = attrs.field(converter=_share_of)
    excluding_retention: bool = False


def _latest(records: Iterable[FundRecord], until: dt.date) -> FundRecord | None:
    best = None
    for record in records:
        if record.reported_on <= until and (best is None or record.reported_on > best.reported_on):
            best = record
    return best


def _by_fund(rows: Sequence[FundRecord]) -> dict[tuple[str, str], list[FundRecord]]:
    groups: dict[tuple[str, str], list[FundRecord]] = defaultdict(list)
    for record in rows:
        groups[(record.county, record.fund)].append(record)
    return dict(sorted(groups.items()))


@attrs.frozen(kw_only=True)
class SpendingProgress(Rule):
    """Fund spending progress by the milestones of task 21 (60% / 85% / 100%).

    For each county (and fund) and each milestone whose due day is before ``as_of``, the latest
    record on or before the due day is judged: spent / allocated must reach the share (达到
    includes it); the year-end one excludes 项目质保金 from the allocation. A county with no
    record by a due day is a finding (``no_report``). Records after ``as_of`` are ignored.

    Examples
    --------
    >>> import datetime as dt
    >>> r = FundRecord(county="同心县", reported_on="2025-07-31", allocated=100, spent="59.99")
    >>> [f.found for f in SpendingProgress().evaluate([r], as_of=dt.date(2025, 8, 1))]
    ['2025-07-31资金支出进度60.0%(59.99/100.00元)']
    """

    id: ClassVar[str] = "fund_spending_progress"
    title: ClassVar[str] = "资金支出进度7月底60%、10月底85%,12月底执行率100%"
    ledger: ClassVar[LedgerKind] = LedgerKind.FUNDS
    clause: ClassVar[Clause] = CLAUSES[21]
    row_type: ClassVar[type] = FundRecord
    milestones: tuple[SpendingMilestone, ...] = attrs.field(
        default=(
            SpendingMilestone(dt.date(2025, 7, 31), Fraction(3, 5)),
            SpendingMilestone(dt.date(2025, 10, 31), Fraction(17, 20)),
            SpendingMilestone(dt.date(2025, 12, 31), Fraction(1), excluding_retention=True),
        ),
        converter=tuple,
    )

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the counties behind a passed milestone."""
        findings = []
        for (county, fund), records in _by_fund(rows).items():
            subject = f"{county}/{fund}" if fund else county
            for milestone in self.milestones:
                if as_of <= milestone.due:
                    continue
                finding = self._judge(subject, county, records, milestone)
                if finding is not None:
                    findings.append(finding)
        return findings

    def _judge(
        self, subject: str, county: str, records: list[FundRecord], milestone: SpendingMilestone
    ) -> Finding | None:
        what = "资金预算执行率(项目质保金除外)" if milestone.excluding_retention else "资金支出进度"
        expected = f"{milestone.due}前{what}达到{_pct(milestone.share)}"
        record = _latest(records, milestone.due)
        place = Place(county)
        if record is None:
            found = f"截至{milestone.due}无资金支出记录"
            return self._finding(
                subject, place, "no_report", found=found, expected=expected, owner=county
            )
        base = record.allocated - (record.retention if milestone.excluding_retention else 0)
        if base <= 0:
            return None
        progress = Fraction(record.spent) / Fraction(base)
        if progress >= milestone.share:
            return None
        found = f"{record.reported_on}{what}{_pct(progress)}({record.spent}/{base}元)"
        reason = f"behind_{milestone.due.isoformat()}"
        return self._finding(subject, place, reason, found=found, expected=expected, owner=county)


@attrs.frozen(kw_only=True)
class IndustryShare(Rule):
    """Share of linkage funds used for industry development above ``share`` (task 11: 高于60%).

    高于 excludes the bound: exactly 60% is a finding. The latest record of each county (and
    fund) on or before ``as_of`` is judged. The share's base is a parameter: ``spent`` (default:
    industry spending / all spending, meaningful at any date) or ``allocated`` (industry
    spending / allocation, meaningful at year end). Records with nothing in the base are not
    judged. Filter the records to 中央衔接资金 with ``fund`` when a ledger mixes funds.

    Examples
    --------
    >>> import datetime as dt
    >>> r = FundRecord(county="同心县", reported_on="2025-07-31", allocated=100, spent=50,
    ...                industry=30)
    >>> [f.found for f in IndustryShare().evaluate([r], as_of=dt.date(2025, 8, 1))]
    ['2025-07-31用于产业发展比例60.0%(30.00/50.00元)']
    """

    id: ClassVar[str] = "fund_industry_share"
    title: ClassVar[str] = "中央衔接资金用于产业发展比例高于60%"
    ledger: ClassVar[LedgerKind] = LedgerKind.FUNDS
    clause: ClassVar[Clause] = CLAUSES[11]
    row_type: ClassVar[type] = FundRecord
    share: Fraction = attrs.field(default=Fraction(3, 5), converter=_share_of)
    basis: Literal["spent", "allocated"] = attrs.field(default="spent")
    fund: str | None = None

    @basis.validator
    def _check_basis(self, _attribute: object, value: object) -> None:
        if value not in {"spent", "allocated"}:
            msg = f"basis: expected 'spent' or 'allocated', found {value!r}"
            raise LedgerError(msg)

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the counties whose industry share is not above the bound."""
        findings = []
        for (county, fund), records in _by_fund(rows).items():
            if self.fund is not None and fund != self.fund:
                continue
            record = _latest(records, as_of)
            if record is None:
                continue
            base = record.spent if self.basis == "spent" else record.allocated
            if base <= 0:
                continue
            share = Fraction(record.industry) / Fraction(base)
            if share > self.share:
                continue
            subject = f"{county}/{fund}" if fund else county
            found = f"{record.reported_on}用于产业发展比例{_pct(share)}({record.industry}/{base}元)"
            expected = f"用于产业发展比例高于{_pct(self.share)}(以{_BASE[self.basis]}为基数)"
            findings.append(
                self._finding(
                    subject,
                    Place(county),
                    "not_above",
                    found=found,
                    expected=expected,
                    owner=county,
                )
            )
        return findings


_BASE = {"spent": "累计支出", "allocated": "下达资金"}


# Problems -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RectificationDeadline(Rule):
    """Rectification accepted by its deadline (task 2: 整改责任和时限; task 3: 整改、验收、销号).

    A problem is done when accepted (验收). Once ``as_of`` is after the deadline, a problem not
    accepted as of then is ``overdue`` and one accepted after the deadline is ``late``. A problem
    sent back by a follow-up review (回头看) is judged against its new deadline.

    Examples
    --------
    >>> import datetime as dt
    >>> p = Problem(id="P1", source="审计监督", description="台账不全", measures=("补全",),
    ...             unit="同心县农业农村局", deadline="2025-09-10", state="整改中")
    >>> [f.found for f in RectificationDeadline().evaluate([p], as_of=dt.date(2025, 9, 20))]
    ['截至2025-09-20逾期10天未完成整改验收']
    """

    id: ClassVar[str] = "problem_rectification_deadline"
    title: ClassVar[str] = "问题在整改时限内完成整改验收"
    ledger: ClassVar[LedgerKind] = LedgerKind.PROBLEMS
    clause: ClassVar[Clause] = CLAUSES[2]
    row_type: ClassVar[type] = Problem

    def evaluate(self, rows: Sequence[Any], *, as_of: dt.date) -> list[Finding]:
        """Return the overdue or late problems."""
        findings = []
        for problem in rows:
            if as_of <= problem.deadline:
                continue
            accepted = problem.accepted_on
            expected = f"{problem.deadline}前完成整改并通过验收"
            if accepted is None or accepted > as_of:
                days = (as_of - problem.deadline).days
                reason, found = "overdue", f"截至{as_of}逾期{days}天未完成整改验收"
            elif accepted > problem.deadline:
                days = (accepted - problem.deadline).days
                reason, found = "late", f"{accepted}通过验收,逾期{days}天"
            else:
                continue
            findings.append(
                self._finding(
                    problem.id,
                    problem.place,
                    reason,
                    found=found,
                    expected=expected,
                    owner=problem.unit,
                )
            )
        return findings


#: The plan's rules with the plan's own limits. The income rule finds nothing until a
#: monitoring line is supplied: ``EliminationIncomeNotAboveLine(monitoring_line=...)``.
DEFAULT_RULES: tuple[Rule, ...] = (
    IdentificationTimeLimit(),
    LongUnresolved(),
    EliminationTooEarly(),
    EliminationWithoutMeasure(),
    EliminationIncomeNotAboveLine(),
    EliminationWithoutLabour(),
    RevitalisationRate(),
    RegistrationAndHandover(),
    ScrappedWriteOff(),
    SpendingProgress(),
    IndustryShare(),
    RectificationDeadline(),
)


def rules_for(ledger: LedgerKind | str, rules: Iterable[Rule] | None = None) -> tuple[Rule, ...]:
    """Return the rules (default: :data:`DEFAULT_RULES`) that apply to ``ledger``.

    Examples
    --------
    >>> [r.id for r in rules_for("funds")]
    ['fund_spending_progress', 'fund_industry_share']
    """
    kind = LedgerKind(ledger)
    return tuple(r for r in (DEFAULT_RULES if rules is None else rules) if r.ledger is kind)


def check(
    rows: Iterable[Household | Asset | FundRecord | Problem],
    *,
    as_of: dt.date,
    rules: Iterable[Rule] | None = None,
) -> Findings:
    """Evaluate rules over typed ledger rows as of a date.

    Parameters
    ----------
    rows
        Households, assets, fund records and/or problems (mixed is fine).
    as_of
        The evaluation date (keyword-only; the clock is never read).
    rules
        The rules to apply (default :data:`DEFAULT_RULES`); each sees only rows of its ledger.

    Returns
    -------
    Findings

    Raises
    ------
    DateValueError
        If ``as_of`` is not a date (a ``datetime`` is refused).
    LedgerError
        If ``as_of`` is outside 1900–2100 or a row is not a ledger object.

    Examples
    --------
    >>> import datetime as dt
    >>> rows = [Household(id="A", kind="脱贫户", identified_on="2024-08-01")]
    >>> check(rows, as_of=dt.date(2025, 8, 1)).by_rule()["long_unresolved"]
    1
    >>> check(rows, as_of=dt.datetime(2025, 8, 1))
    Traceback (most recent call last):
    ...
    xiaojie.errors.DateValueError: as_of: expected a date, found a datetime '2025-08-01T00:00:00'
    """
    day = _as_of(as_of)
    chosen = tuple(DEFAULT_RULES if rules is None else rules)
    by_type: dict[type, list[Any]] = defaultdict(list)
    for row in rows:
        if not isinstance(row, Household | Asset | FundRecord | Problem):
            msg = f"check: expected ledger rows (Household, Asset, ...), found {type(row).__name__}"
            raise LedgerError(msg)
        by_type[type(row)].append(row)
    findings: list[Finding] = []
    for rule in chosen:
        findings.extend(rule.evaluate(by_type.get(rule.row_type, []), as_of=day))
    return Findings(day, findings, tuple(r.id for r in chosen))
