"""Documents of a roll-up: the places ranked and named, and one page per place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.model import Indicator
from xiaojie.render._doc import Document, Heading, Paragraph, Ref, Table
from xiaojie.render._items import state_label
from xiaojie.render._labels import check_lang


if TYPE_CHECKING:
    from collections.abc import Sequence

    from xiaojie.rollup import RollUp


__all__ = ["place_page", "place_path", "rollup_report"]

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
        "lagging": "低于{bound}的地区",
        "none_lagging": "没有低于{bound}的地区。",
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
        "lagging": "places below {bound}",
        "none_lagging": "No place is below {bound}.",
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
            if lagging:
                blocks.append(
                    Paragraph(
                        f"{w['lagging'].format(bound=shown)}: {_names([r.place.name for r in lagging])}"
                    )
                )
            else:
                blocks.append(Paragraph(w["none_lagging"].format(bound=shown)))
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
