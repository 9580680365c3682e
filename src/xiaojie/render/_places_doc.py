"""Documents of a roll-up: the places ranked and named, and one page per place.

Also the parts other documents take from a roll-up: :func:`rollup_blocks` (the section 各地进度
of the status report) and :func:`place_paces` (the places against an indicator's 序时进度, which
the 通报 ranks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from xiaojie.dates import Comparator
from xiaojie.errors import RenderError
from xiaojie.model import Indicator
from xiaojie.pace import Pace, indicator_pace, paced_indicators
from xiaojie.places import Place
from xiaojie.render._doc import Cell, Document, Heading, Paragraph, Ref, Table
from xiaojie.render._items import state_label
from xiaojie.render._labels import Lang, check_lang


if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiaojie.model import Plan
    from xiaojie.rollup import RollUp
    from xiaojie.tracking import Snapshot


__all__ = [
    "PlacePace",
    "check_rollup",
    "place_paces",
    "place_page",
    "place_path",
    "rollup_blocks",
    "rollup_report",
]

_WORDS = {
    "zh": {
        "title": "各地进度",
        "as_of": "截至",
        "ranking": "排名",
        "place": "地区",
        "code": "区划代码",
        "value": "最新值",
        "on": "日期",
        "rank": "名次",
        "lagging": "{short}{bound}的地区",
        "none_lagging": "没有{short}{bound}的地区。",
        "unreported": "未报送的地区",
        "entries": "各事项完成情况",
        "item": "事项",
        "due": "时限",
        "done": "已完成",
        "late": "逾期",
        "missing": "未报送",
        "state": "状态",
        "places": "地区",
        "summary": "{n}个地区",
        "section": "各地进度",
        "silent": "未报送任何进度的地区",
        "below": "{short}{bound}",
        "target_now": "截至{date}应达到的目标为{bound}。",
    },
    "en": {
        "title": "Progress by place",
        "as_of": "as of",
        "ranking": "ranking",
        "place": "place",
        "code": "code",
        "value": "latest value",
        "on": "date",
        "rank": "rank",
        "lagging": "places {short} {bound}",
        "none_lagging": "No place is {short} {bound}.",
        "unreported": "places that reported nothing",
        "entries": "entries across places",
        "item": "item",
        "due": "due",
        "done": "done",
        "late": "late",
        "missing": "not reported",
        "state": "state",
        "places": "places",
        "summary": "{n} places",
        "section": "Progress by place",
        "silent": "places that reported nothing at all",
        "below": "{short} {bound}",
        "target_now": "The target that applies on {date} is {bound}.",
    },
}


# what falls short of a target, by its comparator: below 60% for 达到60% (>=), 60% or below for
# 高于60% (>), above 0人 for 动态清零 (<= 0) …
_SHORT = {
    "zh": {
        Comparator.AT_LEAST: "低于",
        Comparator.MORE_THAN: "不高于",
        Comparator.AT_MOST: "高于",
        Comparator.LESS_THAN: "不低于",
        Comparator.EQUAL: "不等于",
    },
    "en": {
        Comparator.AT_LEAST: "below",
        Comparator.MORE_THAN: "at or below",
        Comparator.AT_MOST: "above",
        Comparator.LESS_THAN: "at or above",
        Comparator.EQUAL: "other than",
    },
}


def place_path(code: str) -> str:
    """Return the site path of a place's page: ``places/<code>.html``."""
    return f"places/{code}.html"


def _names(places: Sequence[object]) -> str:
    return "、".join(str(p) for p in places) or "—"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def rollup_report(
    rollup: RollUp, *, indicators: Sequence[str] | None = None, lang: str = "zh"
) -> Document:
    """Return the roll-up as a document: rankings, lagging places named, entries by place.

    Parameters
    ----------
    rollup
        The roll-up.
    indicators
        The indicators to rank (default: every indicator some place measured).
    lang
        ``"zh"`` or ``"en"``.
    """
    language = check_lang(lang)
    w = _WORDS[language]
    plan = rollup.plan
    if indicators is None:
        measured = {r.item.partition("#")[0] for p in rollup.places for r in p.progress}
        indicators = [i.id for i in plan.indicators if i.id in measured]
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(
            f"{w['as_of']} {rollup.as_of.isoformat()} · {w['summary'].format(n=len(rollup.places))}"
        )
    ]
    for indicator_id in indicators:
        indicator = plan.item(indicator_id)
        assert isinstance(indicator, Indicator)  # noqa: S101 - ranking checks it first
        ranked = rollup.ranking(indicator_id)
        bound = rollup.threshold(indicator_id)
        unit = indicator.targets[0].unit
        blocks.append(Heading(f"{indicator.name}{w['ranking']}", anchor=f"rank-{indicator_id}"))
        if bound is not None:
            lagging = rollup.lagging(indicator_id)
            shown = f"{bound:g}{unit}"
            short = _SHORT[language][rollup.target(indicator_id).comparator]
            if lagging:
                blocks.append(
                    Paragraph(
                        f"{w['lagging'].format(short=short, bound=shown)}: {_names([r.place.name for r in lagging])}"
                    )
                )
            else:
                blocks.append(Paragraph(w["none_lagging"].format(short=short, bound=shown)))
        unreported = rollup.unreported(indicator_id)
        if unreported:
            blocks.append(Paragraph(f"{w['unreported']}: {_names([p.name for p in unreported])}"))
        blocks.append(
            Table(
                name=f"rank-{indicator_id}"[:31],
                columns=(w["rank"], w["place"], w["code"], w["value"], w["on"]),
                rows=[
                    (
                        str(k + 1) if r.value is not None else "—",
                        Ref(r.place.name, "page", place_path(r.place.code)),
                        r.place.code,
                        _number(r.value),
                        "—" if r.on is None else r.on.isoformat(),
                    )
                    for k, r in enumerate(ranked)
                ],
            )
        )
    rows = [
        (
            a.title,
            "—" if a.due is None else a.due.isoformat(),
            _names([p.name for p in a.done]),
            _names([p.name for p in a.late]),
            _names([p.name for p in a.missing]),
        )
        for a in rollup.across()
    ]
    blocks.append(Heading(w["entries"]))
    blocks.append(
        Table(
            name="entries",
            columns=(w["item"], w["due"], w["done"], w["late"], w["missing"]),
            rows=rows,
        )
    )
    return Document(slug="places", title=w["title"], lang=language, blocks=tuple(blocks))


def place_page(rollup: RollUp, place: str, *, lang: str = "zh") -> Document:
    """Return one place's page: its values of measured indicators and every entry's state."""
    language = check_lang(lang)
    w = _WORDS[language]
    status = rollup.place(place)
    snapshot = status.snapshot
    rows = [
        (
            e.title,
            "—" if e.due is None else e.due.isoformat(),
            state_label(e.state, language),
            _number(e.value),
            w["missing"] if not status.reported(e.item_id) else "",
        )
        for e in snapshot
    ]
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(f"{status.place.code} · {w['as_of']} {rollup.as_of.isoformat()}"),
        Paragraph((Ref(w["title"], "page", "places/index.html"),)),
        Table(
            name=f"place-{status.place.code}",
            columns=(w["item"], w["due"], w["state"], w["value"], w["missing"]),
            rows=rows,
        ),
    ]
    return Document(
        slug=f"place-{status.place.code}",
        title=f"{status.place.name}: progress" if language == "en" else f"{status.place.name}进度",
        lang=language,
        blocks=tuple(blocks),
    )


def check_rollup(plan: Plan, snapshot: Snapshot, rollup: RollUp) -> None:
    """Refuse a roll-up of another plan or of another date than the snapshot's.

    Raises
    ------
    RenderError
        Naming the plan or the date expected and found.
    """
    if rollup.plan.id != plan.id:
        msg = f"rollup: expected a roll-up of plan {plan.id!r}, found one of {rollup.plan.id!r}"
        raise RenderError(msg)
    if rollup.as_of != snapshot.as_of:
        msg = (
            f"rollup: expected a roll-up as of the snapshot's date {snapshot.as_of.isoformat()}, "
            f"found one as of {rollup.as_of.isoformat()}"
        )
        raise RenderError(msg)


def rollup_blocks(
    rollup: RollUp, *, lang: Lang = "zh", heading: bool = True
) -> list[Heading | Paragraph | Table]:
    """Return the section 各地进度 of the status report: each staged indicator across places.

    For every indicator with staged targets (:func:`xiaojie.pace.paced_indicators`): the target
    that applies on the roll-up's date (:meth:`RollUp.threshold`), the places below it
    (:meth:`RollUp.lagging`), the places that reported no value, and the ranking; then the
    places that reported nothing at all.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.progress import Measurement, Progress
    >>> from xiaojie.render import plain
    >>> from xiaojie.rollup import rollup
    >>> r = rollup(load_plan(), {
    ...     "同心县": Progress([Measurement("spending-progress", "2025-07-31", 58)]),
    ...     "盐池县": Progress([Measurement("spending-progress", "2025-07-31", 71.5)]),
    ...     "红寺堡区": Progress(),
    ... }, as_of=dt.date(2025, 8, 1))
    >>> [plain(b.text) for b in rollup_blocks(r) if isinstance(b, Paragraph)][1:3]
    ['资金支出进度低于60%的地区: 同心县', '资金支出进度未报送的地区: 红寺堡区']
    """
    language = check_lang(lang)
    w = _WORDS[language]
    plan = rollup.plan
    blocks: list[Heading | Paragraph | Table] = []
    if heading:
        blocks.append(Heading(w["section"], anchor="places"))
    blocks.append(
        Paragraph(
            f"{w['as_of']} {rollup.as_of.isoformat()} · {w['summary'].format(n=len(rollup.places))}"
        )
    )
    sep = " " if language == "en" else ""
    for indicator in paced_indicators(plan):
        bound = rollup.threshold(indicator.id)
        unit = next((t.unit for t in indicator.targets if t.unit), "")
        shown = "" if bound is None else f"{bound:g}{unit}"
        short = _SHORT[language][rollup.target(indicator.id).comparator]
        lagging = {r.place.code for r in rollup.lagging(indicator.id)}
        unreported = rollup.unreported(indicator.id)
        if bound is not None:
            names = _names([r.place.name for r in rollup.lagging(indicator.id)])
            lead = w["lagging"].format(short=short, bound=shown)
            blocks.append(Paragraph(f"{indicator.name}{sep}{lead}: {names}"))
        blocks.append(
            Paragraph(
                f"{indicator.name}{sep}{w['unreported']}: {_names([p.name for p in unreported])}"
            )
        )
        rows: list[tuple[Cell, ...]] = []
        for k, r in enumerate(rollup.ranking(indicator.id)):
            if r.value is None:
                remark = w["missing"]
            elif r.place.code in lagging:
                remark = w["below"].format(short=short, bound=shown)
            else:
                remark = ""
            rows.append(
                (
                    str(k + 1) if r.value is not None else "—",
                    r.place.name,
                    r.place.code,
                    _number(r.value),
                    "—" if r.on is None else r.on.isoformat(),
                    remark,
                )
            )
        blocks.append(
            Table(
                name=f"places-{indicator.id}"[:31],
                columns=(w["rank"], w["place"], w["code"], w["value"], w["on"], w["state"]),
                rows=rows,
            )
        )
    silent = [p.place.name for p in rollup.places if not len(p.progress)]
    blocks.append(Paragraph(f"{w['silent']}: {_names(silent)}"))
    return blocks


@attrs.frozen
class PlacePace:
    """One place against an indicator's 序时进度: the place and its :class:`~xiaojie.pace.Pace`."""

    place: Place
    pace: Pace


def place_paces(rollup: RollUp, indicator: Indicator | str) -> tuple[PlacePace, ...]:
    """Return every place of the roll-up against the indicator's 序时进度, best first.

    Places are ordered by how far their latest value is above the 序时进度 (the highest value
    first, as every place is measured against the same line); places with no value come last,
    in the roll-up's order.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.progress import Measurement, Progress
    >>> from xiaojie.rollup import rollup
    >>> r = rollup(load_plan(), {
    ...     "同心县": Progress([Measurement("spending-progress", "2025-07-31", 60)]),
    ...     "盐池县": Progress([Measurement("spending-progress", "2025-07-31", 71.5)]),
    ... }, as_of=dt.date(2025, 8, 1))
    >>> [(p.place.name, p.pace.behind) for p in place_paces(r, "spending-progress")]
    [('盐池县', False), ('同心县', True)]
    """
    found = indicator if isinstance(indicator, str) else indicator.id
    order = {p.place.code: k for k, p in enumerate(rollup.places)}
    paces = [
        PlacePace(p.place, indicator_pace(rollup.plan, found, p.progress, as_of=rollup.as_of))
        for p in rollup.places
    ]
    return tuple(
        sorted(
            paces,
            key=lambda p: (
                p.pace.actual is None,
                -(p.pace.actual or 0.0),
                order[p.place.code],
            ),
        )
    )
