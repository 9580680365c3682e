"""序时进度: the value an indicator is expected to have reached on a date, given staged targets.

A staged target ("7月底和10月底前,资金支出进度分别达到60%、85%") fixes values on dates. Between
two stages the expected value is the straight line between them; on a stage's date it is that
stage's target; after the last stage it stays at the last target. Before the first stage the
line starts at an ``origin`` (by default the start of the plan's year at 0 for a target that
counts up from nothing, such as spending progress); without an origin there is no expectation
before the first stage.

:func:`expected_value` is the pure arithmetic; :func:`indicator_pace` applies it to an
indicator of a plan and its latest measurement as of a date. Nothing here reads the clock.

Examples
--------
>>> import datetime as dt
>>> stages = [(dt.date(2025, 7, 31), 60.0), (dt.date(2025, 10, 31), 85.0)]
>>> expected_value(stages, dt.date(2025, 7, 31))
60.0
>>> round(expected_value(stages, dt.date(2025, 9, 15)), 2)
72.5
>>> expected_value(stages, dt.date(2025, 12, 1))
85.0
>>> expected_value(stages, dt.date(2025, 7, 1)) is None
True
>>> round(expected_value(stages, dt.date(2025, 7, 1), origin=(dt.date(2025, 1, 1), 0.0)), 2)
51.47
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import attrs

from xiaojie._records import register_table
from xiaojie.dates import Comparator, as_date
from xiaojie.errors import ProgressError
from xiaojie.model import Indicator, Owner
from xiaojie.progress import Measurement


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from xiaojie.model import Plan
    from xiaojie.progress import Progress


__all__ = ["Pace", "expected_value", "indicator_pace", "paced_indicators", "stages_of"]

Stage = tuple[dt.date, float]
"""A stage: the date and the value the target requires on it."""


def _checked(stages: Iterable[Stage]) -> list[Stage]:
    ordered = sorted(stages, key=lambda s: s[0])
    for before, after in itertools.pairwise(ordered):
        if before[0] == after[0]:
            msg = f"stages: expected one target per date, found two on {before[0].isoformat()}"
            raise ProgressError(msg)
    return ordered


def expected_value(
    stages: Sequence[Stage] | Iterable[Stage], on: dt.date, *, origin: Stage | None = None
) -> float | None:
    """Return the value expected on ``on`` by linear interpolation between staged targets.

    Parameters
    ----------
    stages
        ``(date, value)`` pairs, in any order, at most one per date.
    on
        The day asked about (``as_of``).
    origin
        Where the line starts before the first stage (``(1 January, 0.0)`` for a value that
        grows from nothing). Without it, the expectation before the first stage is ``None``.

    Returns
    -------
    float or None
        The expected value; each stage's value on its date; the last stage's value after it;
        ``None`` when there are no stages, or before the first stage without an origin.

    Raises
    ------
    ProgressError
        If two stages share a date, or the origin is not before the first stage.

    Examples
    --------
    >>> import datetime as dt
    >>> expected_value([(dt.date(2025, 12, 31), 100.0)], dt.date(2025, 12, 31))
    100.0
    >>> expected_value([], dt.date(2025, 1, 1)) is None
    True
    """
    day = as_date(on, field="on")
    ordered = _checked(stages)
    if not ordered:
        return None
    if origin is not None:
        if origin[0] >= ordered[0][0]:
            msg = (
                f"origin: expected a date before the first stage {ordered[0][0].isoformat()}, "
                f"found {origin[0].isoformat()}"
            )
            raise ProgressError(msg)
        ordered.insert(0, origin)
    if day < ordered[0][0]:
        return None
    for (start, low), (end, high) in itertools.pairwise(ordered):
        if day == end:
            return float(high)
        if start <= day < end:
            share = (day - start).days / (end - start).days
            return float(low + (high - low) * share)
    return float(ordered[-1][1])


def stages_of(indicator: Indicator) -> tuple[Stage, ...]:
    """Return the dated, absolute, counting-up targets of ``indicator`` as stages, in date order.

    Only targets with a value, a due date and a comparator ``>=`` or ``>`` take part: a ceiling
    ("危房动态清零") or a target relative to a benchmark has no 序时进度.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> [(d.isoformat(), v) for d, v in stages_of(load_plan().item("spending-progress"))]
    [('2025-07-31', 60.0), ('2025-10-31', 85.0)]
    """
    found: dict[dt.date, float] = {}
    for target in indicator.targets:
        if target.value is None or target.due is None or target.benchmark is not None:
            continue
        if target.comparator not in {Comparator.AT_LEAST, Comparator.MORE_THAN}:
            continue
        end = target.due.end
        if end is not None:
            found.setdefault(end, float(target.value))
    return tuple(sorted(found.items()))


@attrs.frozen(kw_only=True)
class Pace:
    """An indicator against its 序时进度 on a date.

    Parameters
    ----------
    indicator
        The indicator's id.
    name
        Its name, as the plan writes it.
    unit
        The unit of its values (``%``).
    as_of
        The date.
    stages
        Its staged targets.
    expected
        The 序时进度 on ``as_of`` (``None`` before the first stage).
    actual
        The latest measurement on or before ``as_of`` (``None`` if none).
    measured_on
        The date of that measurement.
    owners
        Who answers for the indicator.
    """

    indicator: str
    name: str
    unit: str
    as_of: dt.date
    stages: tuple[Stage, ...]
    expected: float | None
    actual: float | None
    measured_on: dt.date | None
    owners: tuple[Owner, ...]

    @property
    def gap(self) -> float | None:
        """How far the actual value is below the expected one (positive when behind)."""
        if self.expected is None or self.actual is None:
            return None
        return self.expected - self.actual

    @property
    def behind(self) -> bool:
        """Whether the indicator is behind its 序时进度 (not reported counts as behind)."""
        if self.expected is None:
            return False
        return self.actual is None or self.actual < self.expected


def indicator_pace(
    plan: Plan, indicator: Indicator | str, progress: Progress | None, *, as_of: dt.date
) -> Pace:
    """Return the indicator's 序时进度 on ``as_of`` and its latest value against it.

    The line starts on 1 January of the first stage's year at 0, so a target that counts up
    over the year (spending progress) is expected to grow evenly until its first stage.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.progress import Measurement, Progress
    >>> done = Progress([Measurement("spending-progress", "2025-08-31", 62.0)])
    >>> pace = indicator_pace(load_plan(), "spending-progress", done, as_of=dt.date(2025, 8, 31))
    >>> round(pace.expected, 2), pace.actual, pace.behind
    (68.42, 62.0, True)
    """
    day = as_date(as_of, field="as_of")
    found = plan.item(indicator) if isinstance(indicator, str) else indicator
    if not isinstance(found, Indicator):
        msg = f"indicator: expected an indicator of the plan, found {found.id!r}"
        raise ProgressError(msg)
    stages = stages_of(found)
    origin = (dt.date(stages[0][0].year, 1, 1), 0.0) if stages else None
    if origin is not None and origin[0] == stages[0][0]:
        origin = None
    expected = expected_value(stages, day, origin=origin)
    latest: Measurement | None = None
    for record in progress or ():
        if (
            isinstance(record, Measurement)
            and record.indicator == found.id
            and record.on <= day
            and (latest is None or record.on >= latest.on)
        ):
            latest = record
    unit = next((t.unit for t in found.targets if t.unit), "")
    return Pace(
        indicator=found.id,
        name=found.name,
        unit=unit,
        as_of=day,
        stages=stages,
        expected=expected,
        actual=None if latest is None else latest.value,
        measured_on=None if latest is None else latest.on,
        owners=plan.owners_of(found),
    )


def paced_indicators(plan: Plan) -> tuple[Indicator, ...]:
    """Return the indicators that have a 序时进度: those with at least two stages.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> [i.id for i in paced_indicators(load_plan())]
    ['spending-progress']
    """
    return tuple(i for i in plan.indicators if len(stages_of(i)) >= 2)


# 序时进度 as typed records: xiaojie.queries.as_table([indicator_pace(...), ...])
register_table(
    Pace,
    (
        ("indicator", "str"),
        ("name", "str"),
        ("unit", "str"),
        ("as_of", "date"),
        ("expected", "float"),
        ("actual", "float"),
        ("measured_on", "date"),
        ("gap", "float"),
        ("behind", "bool"),
        ("owners", "list"),
        ("owner_ids", "list"),
    ),
    lambda p: (
        p.indicator,
        p.name,
        p.unit,
        p.as_of,
        p.expected,
        p.actual,
        p.measured_on,
        p.gap,
        p.behind,
        [o.name for o in p.owners],
        [o.id for o in p.owners],
    ),
)
