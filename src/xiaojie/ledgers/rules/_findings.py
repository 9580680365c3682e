"""Findings: what the rules found, and the one aggregation every engine shares.

The object engine keeps every :class:`Finding`; the table engines keep a table of the rows
breaking a rule and build findings only when asked. Both give their counts as one tally,
``(rule, county, township, village, owner) -> count``, and :class:`FindingCounts` computes
every aggregate (by rule, place, responsible unit and owner, and the summary table) from that
tally, once for all engines.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

import attrs

from xiaojie._privacy import scrub_texts, scrubbed_repr
from xiaojie._records import records
from xiaojie._width import display_width
from xiaojie.ledgers._enums import Severity
from xiaojie.ledgers._model import Place


if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from xiaojie._records import Records


__all__ = ["Finding", "FindingCounts", "Findings", "Tally", "summary_table"]

#: ``(rule, county, township, village, owner) -> count``.
Tally = Counter[tuple[str, str, str, str, str]]


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
    subject: str = attrs.field(repr=scrubbed_repr)
    place: Place
    reason: str
    found: str = attrs.field(repr=scrubbed_repr)
    expected: str = attrs.field(repr=scrubbed_repr)
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
        """Return the finding as a flat record of texts (for CSV, XLSX, Parquet and JSON).

        Personal data in it are masked (a household keyed by an identity number, a name typed
        into the village column).
        """
        place = self.place
        subject, county, township, village, found, expected, owner = scrub_texts(
            (self.subject, place.county, place.township, place.village, self.found,
             self.expected, self.owner)
        )  # fmt: skip
        return {
            "rule": self.rule,
            "task": str(self.task),
            "severity": self.severity.value,
            "subject": subject,
            "county": county,
            "township": township,
            "village": village,
            "reason": self.reason,
            "found": found,
            "expected": expected,
            "units": "、".join(self.units),
            "owner": owner,
        }


def _sort_key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.rule, finding.subject, finding.reason, finding.found)


def _sorted_findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(items, key=_sort_key))


_LEVELS = {"county": 1, "township": 2, "village": 3}


def _tally_key(rule: str, place: tuple[str, ...], owner: str) -> tuple[str, str, str, str, str]:
    county, township, village = place
    return (rule, county, township, village, owner)


class FindingCounts:
    """The aggregates of findings, computed from one tally whatever engine found them.

    A subclass provides :meth:`tally`, :meth:`rule_ids` and :meth:`rule_units`.
    """

    as_of: dt.date

    def tally(self) -> Tally:
        """Return ``(rule, county, township, village, owner) -> count``."""
        raise NotImplementedError

    def rule_ids(self) -> tuple[str, ...]:
        """Return the ids of the rules evaluated, in evaluation order."""
        raise NotImplementedError

    def rule_units(self) -> Mapping[str, tuple[str, ...]]:
        """Return the responsible units of each rule that has findings."""
        raise NotImplementedError

    def by_rule(self) -> dict[str, int]:
        """Count findings per rule (every evaluated rule appears, in evaluation order)."""
        counts: Counter[str] = Counter()
        for (rule, *_), count in self.tally().items():
            counts[rule] += count
        rules = self.rule_ids()
        order = list(rules) + sorted(set(counts) - set(rules))
        return {rule: counts.get(rule, 0) for rule in order}

    def by_place(self, level: str = "village") -> dict[tuple[str, ...], dict[str, int]]:
        """Count findings per place (down to ``level``) and rule, places sorted.

        Raises
        ------
        LedgerError
            If ``level`` is not ``county``, ``township`` or ``village``.
        """
        Place().key(level)
        depth = _LEVELS[level]
        table: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for (rule, *place, _), count in self.tally().items():
            table[tuple(place[:depth])][rule] += count
        return {place: dict(sorted(table[place].items())) for place in sorted(table)}

    def by_unit(self) -> dict[str, dict[str, int]]:
        """Count findings per responsible unit of the cited task, and rule."""
        units = self.rule_units()
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for rule, count in self.by_rule().items():
            for unit in units.get(rule, ()) if count else ():
                table[unit][rule] += count
        return {unit: dict(sorted(table[unit].items())) for unit in sorted(table)}

    def by_owner(self) -> dict[str, dict[str, int]]:
        """Count findings per unit named in the rows themselves (problems, assets, funds)."""
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for (rule, *_, owner), count in self.tally().items():
            if owner:
                table[owner][rule] += count
        return {owner: dict(sorted(table[owner].items())) for owner in sorted(table)}

    def summary(self, level: str = "village") -> str:
        """Return a plain-text table: findings per place (rows) and rule (columns)."""
        return summary_table(self.as_of, self.by_place(level), self.by_rule(), level)


@attrs.frozen
class Findings(FindingCounts):
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
    >>> from xiaojie.ledgers import Household, IdentificationTimeLimit, check
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

    def tally(self) -> Tally:
        """Return ``(rule, county, township, village, owner) -> count``."""
        place = Place.key
        return Counter(_tally_key(f.rule, place(f.place), f.owner) for f in self.items)

    def rule_ids(self) -> tuple[str, ...]:
        """Return the ids of the rules evaluated."""
        return self.rules

    def rule_units(self) -> dict[str, tuple[str, ...]]:
        """Return the responsible units of each rule that has findings."""
        return {f.rule: f.units for f in self.items}

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

    def table(self) -> Records:
        """Return the findings as typed records: ``as_of`` a date, ``task`` a whole number,
        ``units`` a list; the other columns those of :meth:`Finding.record`.
        """  # noqa: D205 - the columns are the summary
        return records(
            (
                ("as_of", "date"),
                ("rule", "str"),
                ("task", "int"),
                ("severity", "str"),
                ("subject", "str"),
                ("county", "str"),
                ("township", "str"),
                ("village", "str"),
                ("reason", "str"),
                ("found", "str"),
                ("expected", "str"),
                ("units", "list"),
                ("owner", "str"),
            ),
            (
                (
                    self.as_of,
                    f.rule,
                    f.task,
                    f.severity.value,
                    f.subject,
                    f.place.county,
                    f.place.township,
                    f.place.village,
                    f.reason,
                    f.found,
                    f.expected,
                    list(f.units),
                    f.owner,
                )
                for f in self.items
            ),
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return one typed dict per finding (see :meth:`table`)."""
        return self.table().to_records()

    def to_pandas(self) -> Any:  # noqa: ANN401 - a pandas.DataFrame (optional extra)
        """Return the findings as a :class:`pandas.DataFrame` (needs the ``frames`` extra)."""
        return self.table().to_pandas()

    def to_arrow(self) -> Any:  # noqa: ANN401 - a pyarrow.Table (optional extra)
        """Return the findings as a :class:`pyarrow.Table` (needs the ``frames`` extra)."""
        return self.table().to_arrow()


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
    """Render findings per place and rule as a plain-text table (shared by every engine)."""
    rules = list(by_rule)
    lines = [f"findings as of {as_of.isoformat()} by {level} and rule"]
    header = ["place", *rules, "total"]
    rows = [header]
    for place, counts in by_place.items():
        shown = "/".join(p for p in place if p) or "(no place)"
        values = [counts.get(rule, 0) for rule in rules]
        rows.append([shown, *map(str, values), str(sum(values))])
    rows.append(["total", *(str(by_rule[r]) for r in rules), str(sum(by_rule.values()))])
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
