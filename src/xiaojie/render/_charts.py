"""Charts for the status report and the site: overdue items by unit, indicators against 序时进度.

Both are SVG written by hand, with no script: a page shows them as they are, and a Markdown
file gets the same content as a Mermaid ``xychart-beta``. Text is CJK and the drawings name the
common CJK fonts (as the timeline does), falling back to the reader's sans-serif font.

* :func:`overdue_chart` — one horizontal bar per unit (or unit group) named for an overdue
  entry, longest first, with the count at the end of the bar.
* :func:`pace_chart` — an indicator with staged targets over its year: the target steps (the
  value each stage requires, held until its date), the 序时进度 line between them (dashed),
  the reported values (points joined by a line) and the report date.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as _xml_escape
from xml.sax.saxutils import quoteattr

from xiaojie._privacy import scrub
from xiaojie.model._text import visible
from xiaojie.pace import expected_value, indicator_pace
from xiaojie.progress import Measurement
from xiaojie.render._doc import Figure
from xiaojie.render._labels import check_lang
from xiaojie.render._timeline import FONT


if TYPE_CHECKING:
    from xiaojie.model import Indicator, Owner, Plan
    from xiaojie.progress import Progress
    from xiaojie.tracking import Snapshot


__all__ = ["overdue_chart", "overdue_counts", "pace_chart"]


def escape(value: str) -> str:
    """Return ``value`` escaped for XML, personal data masked first."""
    return _xml_escape(scrub(visible(value)))


_WIDTH = 900
_BAR_LABEL = 300
_BAR_ROW = 24
_TOP = 56
_PAD = 24


def _mermaid(value: str) -> str:
    text = scrub(value).replace('"', "'").replace("<", "\uff1c").replace(">", "\uff1e")
    return text.replace("&", "\uff06").replace("`", "'").replace("\n", " ")


def _svg_open(width: int, height: int, title: str) -> list[str]:
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(scrub(title))} '
        f'font-family="{FONT}">'
    )
    heading = (
        f'<text x="{_PAD}" y="30" font-size="18" font-weight="bold" fill="#1f2933">'
        f"{escape(title)}</text>"
    )
    return [
        opening,
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        heading,
    ]


def _cut(words: str, limit: int) -> str:
    width = 0
    for index, char in enumerate(words):
        width += 2 if ord(char) > 0x2E7F else 1
        if width > limit:
            return words[: max(index - 1, 0)] + "…"
    return words


def overdue_counts(plan: Plan, snapshot: Snapshot) -> tuple[tuple[Owner, int], ...]:
    """Return each unit or group named for an overdue entry and how many it has, most first.

    Ties keep the plan's order of units.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> [(o.id, n) for o, n in overdue_counts(plan, status(plan, as_of=dt.date(2025, 8, 1)))][:2]
    [('agriculture', 4), ('rural_work_group', 3)]
    """
    order = plan.unit_order()
    counts: dict[str, int] = {}
    owners: dict[str, Owner] = {}
    for entry in snapshot.overdue():
        for owner in entry.owners:
            owners[owner.id] = owner
            counts[owner.id] = counts.get(owner.id, 0) + 1
    ranked = sorted(counts, key=lambda u: (-counts[u], order.get(u, len(order)), u))
    return tuple((owners[u], counts[u]) for u in ranked)


def overdue_chart(plan: Plan, snapshot: Snapshot, *, lang: str = "zh") -> Figure | None:
    """Return a bar chart of overdue entries by unit, or ``None`` when nothing is overdue.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> figure = overdue_chart(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> figure.svg.startswith("<svg"), "<script" in figure.svg, "自治区农业农村厅" in figure.svg
    (True, False, True)
    >>> overdue_chart(plan, status(plan, as_of=dt.date(2025, 6, 1))) is None
    True
    """
    language = check_lang(lang)
    counts = overdue_counts(plan, snapshot)
    if not counts:
        return None
    title = (
        f"逾期事项按责任单位(截至{snapshot.as_of.isoformat()})"
        if language == "zh"
        else f"Overdue items by unit (as of {snapshot.as_of.isoformat()})"
    )
    height = _TOP + len(counts) * _BAR_ROW + _PAD
    most = max(n for _, n in counts)
    span = _WIDTH - _BAR_LABEL - 2 * _PAD - 40
    out = _svg_open(_WIDTH, height, title)
    for index, (owner, count) in enumerate(counts):
        y = _TOP + index * _BAR_ROW
        length = max(2, round(span * count / most))
        name = _cut(owner.name, 40)
        out.append(
            f'<text x="{_PAD + _BAR_LABEL - 8}" y="{y + 16}" font-size="13" text-anchor="end" '
            f'fill="#1f2933">{escape(name)}<title>{escape(owner.name)}</title></text>'
        )
        out.append(
            f'<rect x="{_PAD + _BAR_LABEL}" y="{y + 4}" width="{length}" height="{_BAR_ROW - 8}" '
            f'fill="#d64545"><title>{escape(owner.name)}: {count}</title></rect>'
        )
        out.append(
            f'<text x="{_PAD + _BAR_LABEL + length + 6}" y="{y + 16}" font-size="13" '
            f'fill="#1f2933">{count}</text>'
        )
    out.append("</svg>")
    names = ", ".join(f'"{_mermaid(o.name)}"' for o, _ in counts)
    values = ", ".join(str(n) for _, n in counts)
    axis = "逾期事项" if language == "zh" else "overdue items"
    mermaid = (
        "xychart-beta horizontal\n"
        f'    title "{_mermaid(title)}"\n'
        f"    x-axis [{names}]\n"
        f'    y-axis "{axis}" 0 --> {most}\n'
        f"    bar [{values}]\n"
    )
    return Figure(caption=title, svg="\n".join(out) + "\n", mermaid=mermaid)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def pace_chart(
    plan: Plan,
    indicator: Indicator | str,
    progress: Progress | None,
    *,
    as_of: dt.date,
    lang: str = "zh",
) -> Figure:
    """Return an indicator's staged targets, its 序时进度 and its reported values over the year.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.progress import Measurement, Progress
    >>> done = Progress([Measurement("spending-progress", "2025-07-31", 58)])
    >>> figure = pace_chart(load_plan(), "spending-progress", done, as_of=dt.date(2025, 8, 1))
    >>> "资金支出进度" in figure.svg, "<script" in figure.svg, "58%" in figure.svg
    (True, False, True)
    """
    language = check_lang(lang)
    pace = indicator_pace(plan, indicator, progress, as_of=as_of)
    stages = pace.stages
    unit = pace.unit
    title = (
        f"{pace.name}:阶段目标与序时进度" if language == "zh" else f"{pace.name}: targets and pace"
    )
    year = stages[0][0].year if stages else as_of.year
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    points = sorted(
        (r.on, r.value)
        for r in progress or ()
        if isinstance(r, Measurement) and r.indicator == pace.indicator and r.on <= as_of
    )
    top = max([100.0, *(v for _, v in stages), *(v for _, v in points)])
    width, height = _WIDTH, 380
    left, right, upper, lower = 64, 24, _TOP + 10, 48
    plot_w, plot_h = width - left - right, height - upper - lower

    def x(day: dt.date) -> float:
        day = min(max(day, first), last)
        return round(left + plot_w * (day - first).days / (last - first).days, 1)

    def y(value: float) -> float:
        return round(upper + plot_h * (1 - value / top), 1)

    out = _svg_open(width, height, title)
    for tick in range(0, 101, 20):
        value = top * tick / 100
        out.append(
            f'<line x1="{left}" y1="{y(value)}" x2="{left + plot_w}" y2="{y(value)}" '
            'stroke="#e4e7eb" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y(value) + 4}" font-size="11" text-anchor="end" '
            f'fill="#52606d">{_number(value)}{escape(unit)}</text>'
        )
    for month in range(1, 13):
        day = dt.date(year, month, 1)
        words = f"{month}月" if language == "zh" else day.strftime("%b")
        out.append(
            f'<text x="{x(day)}" y="{upper + plot_h + 18}" font-size="11" fill="#52606d">'
            f"{words}</text>"
        )
    if stages:
        step = [f"{x(first)},{y(stages[0][1])}"]
        previous = first
        for day, value in stages:
            step.append(f"{x(previous)},{y(value)}")
            step.append(f"{x(day)},{y(value)}")
            previous = day
        out.append(
            f'<polyline points="{" ".join(step[1:])}" fill="none" stroke="#9aa5b1" '
            'stroke-width="6" stroke-linecap="butt" opacity="0.5"/>'
        )
        line = [f"{x(first)},{y(0)}", *(f"{x(d)},{y(v)}" for d, v in stages)]
        out.append(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="#4c78a8" '
            'stroke-width="2" stroke-dasharray="6,4"/>'
        )
        for day, value in stages:
            cx, cy = x(day), y(value)
            out.append(
                f'<polygon points="{cx},{cy - 6} {cx + 6},{cy} {cx},{cy + 6} {cx - 6},{cy}" '
                f'fill="#4c78a8"><title>{day.isoformat()} {_number(value)}{escape(unit)}</title>'
                "</polygon>"
            )
            out.append(
                f'<text x="{cx + 8}" y="{cy - 8}" font-size="12" fill="#4c78a8">'
                f"{day.month}月{day.day}日 {_number(value)}{escape(unit)}</text>"
            )
    if points:
        path = " ".join(f"{x(d)},{y(v)}" for d, v in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="#d64545" stroke-width="2"/>')
        for day, value in points:
            out.append(
                f'<circle cx="{x(day)}" cy="{y(value)}" r="4" fill="#d64545">'
                f"<title>{day.isoformat()} {_number(value)}{escape(unit)}</title></circle>"
            )
            out.append(
                f'<text x="{x(day) + 6}" y="{y(value) + 16}" font-size="12" fill="#d64545">'
                f"{_number(value)}{escape(unit)}</text>"
            )
    mark = x(as_of)
    out.append(
        f'<line x1="{mark}" y1="{upper}" x2="{mark}" y2="{upper + plot_h}" stroke="#1f2933" '
        'stroke-width="1.5" stroke-dasharray="5,4"/>'
    )
    expected = "" if pace.expected is None else f" 序时进度{_number(pace.expected)}{unit}"
    if language == "en":
        expected = "" if pace.expected is None else f" expected {_number(pace.expected)}{unit}"
    as_of_words = "截至" if language == "zh" else "as of"
    out.append(
        f'<text x="{mark + 4}" y="{upper + 12}" font-size="12" fill="#1f2933">'
        f"{as_of_words} {as_of.isoformat()}{escape(expected)}</text>"
    )
    legend = (
        ("阶段目标", "序时进度", "实际进度")
        if language == "zh"
        else ("staged target", "expected", "reported")
    )
    lx = left
    for words, colour, dash in zip(
        legend, ("#9aa5b1", "#4c78a8", "#d64545"), ("", ' stroke-dasharray="6,4"', ""), strict=True
    ):
        out.append(
            f'<line x1="{lx}" y1="{height - 12}" x2="{lx + 24}" y2="{height - 12}" '
            f'stroke="{colour}" stroke-width="3"{dash}/>'
        )
        out.append(
            f'<text x="{lx + 30}" y="{height - 8}" font-size="12" fill="#1f2933">{words}</text>'
        )
        lx += 130
    out.append("</svg>")
    months = [dt.date(year, m, 1) for m in range(2, 13)] + [dt.date(year + 1, 1, 1)]
    month_ends = [m - dt.timedelta(days=1) for m in months]
    origin = (first, 0.0) if stages and stages[0][0] > first else None
    values = [expected_value(stages, d, origin=origin) or 0.0 for d in month_ends]
    axis = ", ".join(f'"{d.month}月"' if language == "zh" else f'"{d:%b}"' for d in month_ends)
    mermaid = (
        "xychart-beta\n"
        f'    title "{_mermaid(title)}"\n'
        f"    x-axis [{axis}]\n"
        f'    y-axis "{_mermaid(unit or pace.name)}" 0 --> {_number(top)}\n'
        f"    line [{', '.join(_number(v) for v in values)}]\n"
    )
    return Figure(caption=title, svg="\n".join(out) + "\n", mermaid=mermaid)
