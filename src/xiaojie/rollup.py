"""Roll-up: the status of one plan across many places (市、县(区)), for the level above.

Each place reports progress against the parent plan's item ids (one progress file per place).
:func:`rollup` computes each place's status as of a date and answers, for every tracked entry,
which places are done, late or have reported nothing, and, for an indicator, a ranking of the
places by their latest value with the lagging places named — what task 21 of the bundled plan
asks for (对进度靠后的市、县(区)进行通报提醒或约谈). Nothing here reads the clock.

Examples
--------
>>> import datetime as dt
>>> from xiaojie import load_plan
>>> from xiaojie.progress import Measurement, Progress
>>> reports = {
...     "同心县": Progress([Measurement("spending-progress", "2025-07-31", 58)]),
...     "盐池县": Progress([Measurement("spending-progress", "2025-07-31", 71.5)]),
...     "红寺堡区": Progress(),
... }
>>> r = rollup(load_plan(), reports, as_of=dt.date(2025, 8, 1))
>>> [(x.place.name, x.value) for x in r.ranking("spending-progress")]
[('盐池县', 71.5), ('同心县', 58.0), ('红寺堡区', None)]
>>> [x.place.name for x in r.lagging("spending-progress")], r.threshold("spending-progress")
(['同心县'], 60)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from xiaojie._records import register_table
from xiaojie.dates import Comparator
from xiaojie.errors import PlaceError, ProgressError
from xiaojie.model import Indicator, Plan, Target
from xiaojie.places import Place, Places, load_places
from xiaojie.progress import Measurement, Progress, read_progress
from xiaojie.tracking import Snapshot, State, status


if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Mapping


__all__ = [
    "PLACE_COLUMNS",
    "Across",
    "PlaceStatus",
    "Ranked",
    "RollUp",
    "read_place_progress",
    "read_progress_by_place",
    "rollup",
]

PLACE_COLUMNS = ("地区", "区划代码", "place")
"""The headers of the place column of a progress file that holds many places."""


@attrs.frozen
class PlaceStatus:
    """One place's progress and its status as of the roll-up's date."""

    place: Place
    progress: Progress
    snapshot: Snapshot

    def reported(self, item_id: str) -> bool:
        """Whether the place has any record of ``item_id`` dated on or before the date."""
        return any(
            r.item.partition("#")[0].partition("@")[0] == item_id and r.on <= self.snapshot.as_of
            for r in self.progress
        )


@attrs.frozen
class Across:
    """One tracked entry across the places: who is done, late, or has reported nothing.

    ``late`` holds places whose entry is overdue or was done after its due date; ``missing``
    holds places with no record of the item at all (they can also be late).
    """

    key: str
    item_id: str
    title: str
    due: dt.date | None
    done: tuple[Place, ...]
    late: tuple[Place, ...]
    missing: tuple[Place, ...]


@attrs.frozen
class Ranked:
    """A place's latest value of an indicator (``None`` if it reported none)."""

    place: Place
    value: float | None
    on: dt.date | None


@attrs.frozen
class RollUp:
    """The status of one plan across places as of a date."""

    plan: Plan
    as_of: dt.date
    places: tuple[PlaceStatus, ...]

    def place(self, key: str | Place) -> PlaceStatus:
        """Return the status of one place, by code, name or :class:`~xiaojie.places.Place`.

        Raises
        ------
        PlaceError
            If the place is not part of the roll-up.
        """
        code = key.code if isinstance(key, Place) else key
        for p in self.places:
            if code in {p.place.code, p.place.name}:
                return p
        names = "、".join(p.place.name for p in self.places)
        msg = f"place: expected one of {names}, found {code!r}"
        raise PlaceError(msg)

    def across(self) -> tuple[Across, ...]:
        """Return every entry of the plan with the places done, late and missing, plan order."""
        if not self.places:
            return ()
        first = self.places[0].snapshot
        rows = []
        for entry in first:
            states = [(p, p.snapshot.entry(entry.key).state) for p in self.places]
            rows.append(
                Across(
                    key=entry.key,
                    item_id=entry.item_id,
                    title=entry.title,
                    due=entry.due,
                    done=tuple(p.place for p, s in states if s.is_done),
                    late=tuple(p.place for p, s in states if s in {State.OVERDUE, State.DONE_LATE}),
                    missing=tuple(p.place for p, _s in states if not p.reported(entry.item_id)),
                )
            )
        return tuple(rows)

    def ranking(self, indicator_id: str) -> tuple[Ranked, ...]:
        """Return the places by their latest value of an indicator, best first.

        Best is what the target that applies on the date (:meth:`target`) asks for: the highest
        first for 以上/高于 (``>=``, ``>``), the lowest first for 以下/低于/动态清零 (``<=``,
        ``<``), the closest to the bound first for ``==``. The places meeting that target come
        before those not meeting it; places with no value come last; ties keep the places'
        order.

        Raises
        ------
        UnknownItemError
            If the plan has no such item.
        """
        target = self.target(indicator_id)
        ranked = []
        for p in self.places:
            values = [
                r
                for r in p.progress
                if isinstance(r, Measurement) and r.indicator == indicator_id and r.on <= self.as_of
            ]
            latest = values[-1] if values else None
            ranked.append(
                Ranked(
                    p.place,
                    None if latest is None else latest.value,
                    None if latest is None else latest.on,
                )
            )
        order = {p.place.code: k for k, p in enumerate(self.places)}

        def key(r: Ranked) -> tuple[bool, bool, float, int]:
            if r.value is None:
                return (True, True, 0.0, order[r.place.code])
            return (False, _short_of(target, r.value), _worse(target, r.value), order[r.place.code])

        return tuple(sorted(ranked, key=key))

    def target(self, indicator_id: str) -> Target:
        """Return the target that applies on the date: the last one due by then, else the first.

        Its comparator says which way is better and whether the bound itself is enough:
        ``rollup.target("dropout-zero").comparator`` is ``<=`` (动态清零), that of
        ``industry-share`` is ``>`` (高于60%, so 60 falls short).

        Raises
        ------
        UnknownItemError
            If the plan has no such item.
        PlaceError
            If the item is not an indicator.
        """
        indicator = self._indicator(indicator_id)
        due = [
            t
            for t in indicator.targets
            if t.due is not None and t.due.end is not None and t.due.end <= self.as_of
        ]
        return due[-1] if due else indicator.targets[0]

    def threshold(self, indicator_id: str) -> float | None:
        """Return the bound of the target that applies on the date (:meth:`target`).

        ``None`` for an indicator whose targets are relative to a benchmark.
        """
        return self.target(indicator_id).value

    def lagging(self, indicator_id: str, *, below: float | None = None) -> tuple[Ranked, ...]:
        """Return the places whose latest value does not meet the target that applies on the date.

        The target's comparator decides (:meth:`target`): for 动态清零 (``<= 0``) a place with 5
        lags, for 高于60% (``> 60``) a place with exactly 60 does. With ``below``, the places
        whose value is below that number instead. Places that reported no value are not
        included (see :meth:`unreported`), nor is any place for a target relative to a benchmark
        (:meth:`threshold` is ``None``) unless ``below`` is given. In ranking order.
        """
        ranked = self.ranking(indicator_id)
        if below is not None:
            return tuple(r for r in ranked if r.value is not None and r.value < below)
        target = self.target(indicator_id)
        if target.value is None:
            return ()
        return tuple(r for r in ranked if r.value is not None and _short_of(target, r.value))

    def unreported(self, indicator_id: str) -> tuple[Place, ...]:
        """Return the places with no value of the indicator on or before the date."""
        return tuple(r.place for r in self.ranking(indicator_id) if r.value is None)

    def _indicator(self, indicator_id: str) -> Indicator:
        item = self.plan.item(indicator_id)
        if not isinstance(item, Indicator):
            msg = f"indicator: expected the id of an indicator, found {indicator_id!r} (a {type(item).__name__.lower()})"
            raise PlaceError(msg)
        return item


def _short_of(target: Target, value: float) -> bool:
    """Whether ``value`` falls short of ``target`` (``False`` when its bound is a benchmark)."""
    return target.value is not None and not target.met_by(value)


def _worse(target: Target, value: float) -> float:
    """Return a sort key: the smaller, the better ``value`` is for ``target``."""
    match target.comparator:
        case Comparator.AT_LEAST | Comparator.MORE_THAN:
            return -value
        case Comparator.AT_MOST | Comparator.LESS_THAN:
            return value
        case _:
            return 0.0 if target.value is None else abs(value - target.value)


def rollup(
    plan: Plan,
    progress: Mapping[str, Progress] | Mapping[Place, Progress],
    *,
    as_of: dt.date,
    places: Places | None = None,
    due_soon_days: int = 7,
    expect: Iterable[str | Place] = (),
) -> RollUp:
    """Compute the status of ``plan`` at every place as of ``as_of``.

    Parameters
    ----------
    plan
        The parent plan the places report against.
    progress
        Each place's progress, keyed by place code, name or :class:`~xiaojie.places.Place`.
    as_of
        The date of the roll-up (records after it are ignored).
    places
        The known places (default: the bundled places of Ningxia).
    due_soon_days
        As in :func:`xiaojie.tracking.status`.
    expect
        Places that should have reported: those with no entry in ``progress`` are added with
        no records, so they show as not reported (and late) instead of being left out.

    Raises
    ------
    PlaceError
        If a key is not a known place, or two keys name one place.
    ProgressError
        If a place's records do not fit the plan (the message names the place's file and line).
    """
    known = places if places is not None else load_places()
    made = []
    seen: set[str] = set()
    items: Iterable[tuple[str | Place, Progress]] = progress.items()
    for key, records in items:
        place = known.find(key)
        if place.code in seen:
            msg = f"progress: expected one entry per place, found {place.name} twice"
            raise PlaceError(msg)
        seen.add(place.code)
        snap = status(plan, records, as_of=as_of, due_soon_days=due_soon_days)
        made.append(PlaceStatus(place, records, snap))
    for key in expect:
        place = known.find(key)
        if place.code not in seen:
            seen.add(place.code)
            made.append(
                PlaceStatus(
                    place, Progress(), status(plan, None, as_of=as_of, due_soon_days=due_soon_days)
                )
            )
    return RollUp(plan=plan, as_of=as_of, places=tuple(made))


_NAME_PARTS = re.compile(r"[-_.\s、,，()（）\[\]【】]+")


def _place_of(path: Path, places: Places) -> Place:
    """Return the place a file is named after: the most specific of the places its name gives.

    ``宁夏-吴忠市-同心县.csv`` is 同心县 (each place lies in the next); a name giving two places
    neither of which lies in the other (``640324-盐池县.csv``), or a name several places share,
    is refused rather than read as the first one.
    """
    stem = unicodedata.normalize("NFKC", path.stem)
    whole = places.lookup(stem)
    if len(whole) == 1:
        return whole[0]
    found: list[Place] = []
    shared: list[tuple[str, tuple[Place, ...]]] = []
    for part in _NAME_PARTS.split(stem):
        named = places.lookup(part) if part else ()
        if len(named) == 1:
            found.append(named[0])
        elif named:
            shared.append((part, named))
    deepest_given = max(found, key=lambda p: p.level.depth) if found else None
    for part, named in shared:
        # a shared name (城关镇) is the one under the most specific place the name also gives
        # (吴忠市-同心县-城关镇: 同心县's, though 吴忠市 lies above another 城关镇 too)
        inside = [
            p
            for p in named
            if deepest_given is not None
            and (p == deepest_given or deepest_given in places.ancestors(p))
        ]
        if len(inside) != 1:
            listed = "、".join(f"{p.name} ({p.code})" for p in named)
            msg = (
                f"{path}: expected a file named after one place, found {part!r}, the name of "
                f"{len(named)} places: {listed}; put the division code in the file name"
            )
            raise PlaceError(msg)
        found.append(inside[0])
    if not found:
        msg = (
            f"{path}: expected a file named after a place (640324.csv, 同心县.csv, "
            f"640324-同心县.xlsx), found {path.name!r}; {places.scope()}"
        )
        raise PlaceError(msg)
    deepest = max(found, key=lambda p: p.level.depth)
    chain = {deepest, *places.ancestors(deepest)}
    others = [p for p in dict.fromkeys(found) if p not in chain]
    if others:
        names = "、".join(f"{p.name} ({p.code})" for p in dict.fromkeys(found))
        msg = (
            f"{path}: expected a file named after one place (a place may follow the places it "
            f"lies in), found places that do not lie in one another: {names}"
        )
        raise PlaceError(msg)
    return deepest


def read_place_progress(
    paths: Iterable[str | os.PathLike[str]], *, plan: Plan, places: Places | None = None
) -> dict[Place, Progress]:
    """Read one progress file per place; the place comes from the file name.

    A file is named after its place's code or name, alone or with other words separated by
    ``-`` or ``_``: ``640324.csv``, ``同心县.xlsx``, ``2025-08-640324-同心县.json``.

    Raises
    ------
    PlaceError
        If a file name names no known place, or two files name one place.
    ProgressError
        If a file is invalid (every bad row is listed with its line).
    """
    known = places if places is not None else load_places()
    result: dict[Place, Progress] = {}
    for raw in paths:
        path = Path(raw)
        place = _place_of(path, known)
        if place in result:
            msg = f"{path}: expected one file per place, found a second file for {place.name}"
            raise PlaceError(msg)
        result[place] = read_progress(path, plan=plan)
    return result


def _decode(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            msg = f"{path}: expected UTF-8 or GB18030 text, found undecodable bytes"
            raise ProgressError(msg) from None


def _place_column(cells: Iterable[str]) -> int:
    """Return the position of the place column among header cells, or -1."""
    names = [unicodedata.normalize("NFKC", c).strip().lower() for c in cells]
    return next((k for k, n in enumerate(names) if n in PLACE_COLUMNS), -1)


def _has_place_column(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a CSV file whose header (its first non-blank row) has a place column.

    The file is decoded as progress files are (UTF-8, else GB18030); ``False`` for another
    suffix or a file that cannot be read (reading it as one file per place then says why).
    """
    source = Path(path)
    if source.suffix.lower() != ".csv":
        return False
    try:
        reader = csv.reader(io.StringIO(_decode(source), newline=""))
        header = next((cells for cells in reader if any(c.strip() for c in cells)), [])
    except (OSError, ProgressError, csv.Error):
        return False
    return _place_column(header) >= 0


def _split_rows(
    path: Path, places: Places
) -> tuple[int, list[tuple[int, int, list[str], Place | None]]]:
    """Return the position of the header among the file's rows, and the rows without the place.

    Each row comes with its first and last line, its cells but the place's, and its place
    (``None`` for the header, blank rows and the rows before the header).
    """
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    rows: list[tuple[int, int, list[str], Place | None]] = []
    header: list[str] | None = None
    at = 0
    column = -1
    first = 1
    problems = []
    try:
        for cells in reader:
            last = reader.line_num
            if header is None:
                if any(c.strip() for c in cells):
                    header = cells
                    column = _place_column(cells)
                    if column < 0:
                        msg = f"{path} line {first}: expected a place column ({'/'.join(PLACE_COLUMNS)}), found {', '.join(cells)}"
                        raise PlaceError(msg)
                    at = len(rows)
                # a blank row before the header is kept blank, as read_progress skips it
                rows.append((first, last, cells, None))
            else:
                value = cells[column].strip() if column < len(cells) else ""
                named = places.lookup(value) if value else ()
                place = named[0] if len(named) == 1 else None
                blank = not any(c.strip() for c in cells)
                if len(named) > 1:
                    listed = "、".join(f"{p.name} ({p.code})" for p in named)
                    problems.append(
                        f"{path} line {first}, {header[column].strip()}: expected a place code or "
                        f"the name of one place, found {value!r}, the name of {listed}"
                    )
                elif place is None and not blank:
                    problems.append(
                        f"{path} line {first}, {header[column].strip()}: expected a place code or name, found {value!r}"
                    )
                rows.append((first, last, cells, place))
            first = last + 1
    except csv.Error as err:
        msg = f"{path} line {reader.line_num}: malformed CSV ({err})"
        raise ProgressError(msg) from None
    if header is None:
        msg = f"{path}: expected a header row, found an empty file"
        raise ProgressError(msg)
    if problems:
        raise PlaceError("\n".join(problems))
    return at, [
        (a, b, [c for k, c in enumerate(cells) if k != column], p) for a, b, cells, p in rows
    ]


def read_progress_by_place(
    path: str | os.PathLike[str], *, plan: Plan, places: Places | None = None
) -> dict[Place, Progress]:
    """Read one CSV progress file that holds many places, with a 地区 (or 区划代码) column.

    The other columns are those of a progress file (see ``docs/progress.md``). Each place's
    rows are read with :func:`xiaojie.progress.read_progress`, so problems are reported with the
    file's own name and line numbers.

    Raises
    ------
    PlaceError
        If the file has no place column or a row names no known place (every such row listed).
    ProgressError
        If a row is invalid (every bad row listed with its line).
    """
    source = Path(path)
    if source.suffix.lower() != ".csv":
        msg = f"{source}: expected a .csv file for a progress file with a place column, found {source.suffix or 'no suffix'!r}"
        raise PlaceError(msg)
    known = places if places is not None else load_places()
    at, rows = _split_rows(source, known)
    chosen = list(dict.fromkeys(p for *_rest, p in rows if p is not None))
    result: dict[Place, Progress] = {}
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for place in chosen:
            out = io.StringIO()
            # "\r\n": Python's writer quotes a cell holding a bare \r only when the line end has one
            writer = csv.writer(out, lineterminator="\r\n")
            for k, (first, last, cells, owner) in enumerate(rows):
                if k == at or owner == place:
                    writer.writerow(cells)
                else:
                    out.write("\n" * (last - first + 1))
            temp = Path(folder) / source.name
            temp.write_text(out.getvalue(), encoding="utf-8")
            try:
                progress = read_progress(temp, plan=plan)
            except ProgressError as err:
                problems.extend(
                    line.replace(str(temp), str(source)) for line in str(err).splitlines()[1:]
                )
                continue
            result[place] = Progress(
                attrs.evolve(r, where=r.where.replace(str(temp), str(source))) for r in progress
            )
    if problems:
        raise ProgressError(f"{source}: {len(problems)} problem(s)\n" + "\n".join(problems))
    return result


# the roll-up's answers as typed records: xiaojie.queries.as_table(rollup.across()) …
register_table(
    Across,
    (
        ("key", "str"),
        ("item_id", "str"),
        ("title", "str"),
        ("due", "date"),
        ("done", "list"),
        ("late", "list"),
        ("missing", "list"),
    ),
    lambda a: (
        a.key,
        a.item_id,
        a.title,
        a.due,
        [p.name for p in a.done],
        [p.name for p in a.late],
        [p.name for p in a.missing],
    ),
)
register_table(
    Ranked,
    (("place", "str"), ("code", "str"), ("value", "float"), ("on", "date")),
    lambda r: (r.place.name, r.place.code, r.value, r.on),
)
