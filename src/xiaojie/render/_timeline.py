"""The timeline of a plan: its phases and milestones as an SVG drawing and a Mermaid gantt.

The SVG is written by hand (no drawing library): one row per phase and per milestone, a month
axis, bars for periods and diamonds for deadlines. Text is CJK; the drawing names the common
CJK fonts (Noto Sans CJK, Source Han Sans, PingFang, Microsoft YaHei) and falls back to the
reader's sans-serif font. Long labels are cut with "…" and shown whole as a tooltip.

A milestone due by a date ("9月10日前") is a diamond on that date; one that happens inside a
window ("7月中旬") is a bar over the window. Given ``as_of``, a dashed line marks that day; a
day outside the plan's period does not stretch the drawing: an arrow at the edge points to it
and says so in words.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape as _xml_escape

from dateutil.relativedelta import relativedelta

from xiaojie._privacy import scrub
from xiaojie._width import char_width
from xiaojie.model._text import visible
from xiaojie.render._doc import Cell, Document, Figure, Heading, Paragraph, Table
from xiaojie.render._labels import Lang, check_lang, label
from xiaojie.render._plan_docs import (
    dated_items,
    owners_text,
    period_notice,
    plan_line,
    task_ref,
)


if TYPE_CHECKING:
    from collections.abc import Callable

    from xiaojie.model import Plan


__all__ = ["timeline", "timeline_mermaid", "timeline_svg"]


def escape(value: str) -> str:
    """Return ``value`` escaped for XML, personal data masked first."""
    return _xml_escape(scrub(visible(value)))


FONT = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
_WIDTH = 1200
_LABEL = 430
_PAD = 24
_ROW = 26
_TOP = 78
_PHASE_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2")


class _Row:
    __slots__ = ("end", "kind", "label", "start", "tooltip")

    def __init__(
        self, kind: str, label: str, start: dt.date | None, end: dt.date, tooltip: str
    ) -> None:
        self.kind = kind
        self.label = label
        self.start = start
        self.end = end
        self.tooltip = tooltip


def _rows(plan: Plan) -> tuple[list[_Row], list[_Row]]:
    phases = []
    for phase in plan.phases:
        assert phase.when.start is not None  # noqa: S101 - phases always have both bounds
        assert phase.when.end is not None  # noqa: S101
        text = f"{phase.name}({phase.when})"
        phases.append(_Row("phase", text, phase.when.start, phase.when.end, text))
    milestones = sorted(plan.milestones, key=lambda m: (m.due, m.when.start or m.due, m.id))
    rows = [
        _Row("milestone", f"{m.when} {m.title}", m.when.start, m.due, f"{m.when} {m.title}")
        for m in milestones
    ]
    return phases, rows


def _after(day: dt.date) -> dt.date:
    """Return the day after ``day`` (9999-12-31 itself, which has none)."""
    return day + dt.timedelta(days=1) if day < dt.date.max else day


_MAX_TICKS = 60
"""The most month ticks a timeline draws before it ticks years (then decades) instead."""


def _range(plan: Plan, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
    """Return the first day of the drawing and the day after its last (whole months).

    ``as_of`` widens the drawing only when it lies inside the plan's period
    (:meth:`Plan.period <xiaojie.model.Plan.period>`): a date after the plan's end keeps the
    plan's span, and the drawing points to the date from its edge.
    """
    days = [plan.reference_date]
    for phase in plan.phases:
        days.extend(d for d in (phase.when.start, phase.when.end) if d is not None)
    for milestone in plan.milestones:
        days.extend(d for d in (milestone.when.start, milestone.due) if d is not None)
    if as_of is not None and _inside(plan, as_of):
        days.append(as_of)
    first = min(days).replace(day=1)
    last_month = max(days).replace(day=1)
    if last_month.year == dt.MAXYEAR and last_month.month == 12:
        return first, dt.date.max
    end: dt.date = last_month + relativedelta(months=1)
    return first, end


def _inside(plan: Plan, day: dt.date) -> bool:
    """Return whether ``day`` lies in the plan's period (both bounds included)."""
    start, end = plan.period()
    return start <= day <= end


def _cut(value: str, width: int) -> str:
    """Cut ``value`` to about ``width`` pixels at 13px (CJK characters count double)."""
    units = 0
    for index, ch in enumerate(value):
        units += char_width(ch)
        if units * 6.6 > width:
            return value[: max(index - 1, 1)] + "…"
    return value


def timeline_svg(plan: Plan, *, as_of: dt.date | None = None, lang: str = "zh") -> str:
    """Return the plan's phases and milestones as a standalone SVG drawing.

    Parameters
    ----------
    plan
        The plan.
    as_of
        If given, a dashed line marks this day. A day outside the plan's period does not
        stretch the drawing: an arrow at the left or right edge points to it, with its date
        and "before/after the plan" in words.
    lang
        ``"zh"`` or ``"en"`` for the labels of the drawing's own words.

    Returns
    -------
    str
        An SVG document (UTF-8 text) that starts with ``<svg``.

    Raises
    ------
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> svg = timeline_svg(load_plan())
    >>> svg.startswith("<svg"), "动员部署" in svg, svg.count("<polygon")
    (True, True, 9)
    """
    language = check_lang(lang)
    phases, milestones = _rows(plan)
    first, end = _range(plan, as_of)
    span = (end - first).days
    chart = _WIDTH - _LABEL - _PAD

    def x(day: dt.date) -> float:
        return round(_LABEL + chart * (day - first).days / span, 1)

    height = _TOP + _ROW * (len(phases) + len(milestones) + 2) + _PAD
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
            f'viewBox="0 0 {_WIDTH} {height}" font-family="{FONT}" font-size="13" role="img">'
        ),
        f"<title>{escape(plan.title)} {escape(label('timeline', language))}</title>",
        f'<rect width="{_WIDTH}" height="{height}" fill="#ffffff"/>',
        (
            f'<text x="{_PAD}" y="30" font-size="17" font-weight="bold" fill="#1f2933">'
            f"{escape(label('timeline', language))}</text>"
        ),
    ]
    # one tick a month; a year or a decade when the plan runs for many years
    months = (end.year - first.year) * 12 + end.month - first.month
    step = 1 if months <= _MAX_TICKS else 12 if months <= 12 * _MAX_TICKS else 120
    month = first if step == 1 else first.replace(month=1)
    while month < end:
        try:
            following: dt.date = min(month + relativedelta(months=step), end)
        except (OverflowError, ValueError):  # past 9999-12-31
            following = end
        left, right = x(max(month, first)), x(following)
        if step > 1:
            name = f"{month.year}年" if language == "zh" else str(month.year)
        else:
            name = f"{month.month}月" if language == "zh" else month.strftime("%b")
            if month == first or month.month == 1:
                year = f"{month.year}年" if language == "zh" else str(month.year)
                out.append(
                    f'<text x="{round(left + 3, 1)}" y="{_TOP - 30}" font-weight="bold" '
                    f'fill="#52606d">{escape(year)}</text>'
                )
        out.append(
            f'<line x1="{left}" y1="{_TOP - 22}" x2="{left}" y2="{height - _PAD}" '
            'stroke="#d9dee5" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{round((left + right) / 2, 1)}" y="{_TOP - 8}" text-anchor="middle" '
            f'fill="#52606d">{escape(name)}</text>'
        )
        month = following
    out.append(
        f'<line x1="{x(end)}" y1="{_TOP - 22}" x2="{x(end)}" y2="{height - _PAD}" '
        'stroke="#d9dee5" stroke-width="1"/>'
    )
    y = _TOP
    sections = (("phases", phases), ("milestones", milestones))
    for key, rows in sections:
        out.append(
            f'<text x="{_PAD}" y="{y + 17}" font-weight="bold" fill="#1f2933">'
            f"{escape(label(key, language))}</text>"
        )
        y += _ROW
        for number, row in enumerate(rows):
            mid = y + _ROW / 2
            if number % 2 == 0:
                out.append(
                    f'<rect x="{_PAD}" y="{y}" width="{_WIDTH - 2 * _PAD}" height="{_ROW}" '
                    'fill="#f5f7fa"/>'
                )
            out.append(
                f'<text x="{_PAD + 8}" y="{mid + 4.5}" fill="#323f4b">'
                f"<title>{escape(row.tooltip)}</title>{escape(_cut(row.label, _LABEL - _PAD - 16))}"
                "</text>"
            )
            colour = _PHASE_COLOURS[number % len(_PHASE_COLOURS)]
            if row.kind == "phase" and row.start is not None:
                left = x(row.start)
                width = max(x(_after(row.end)) - left, 2)
                out.append(
                    f'<rect x="{left}" y="{y + 5}" width="{round(width, 1)}" height="{_ROW - 10}" '
                    f'rx="3" fill="{colour}"><title>{escape(row.tooltip)}</title></rect>'
                )
            elif row.start is not None:
                left = x(row.start)
                width = max(x(_after(row.end)) - left, 2)
                out.append(
                    f'<rect x="{left}" y="{y + 8}" width="{round(width, 1)}" height="{_ROW - 16}" '
                    f'rx="2" fill="#8aa4c8"><title>{escape(row.tooltip)}</title></rect>'
                )
            else:
                cx = x(_after(row.end))
                out.append(
                    f'<polygon points="{cx},{mid - 7} {cx + 7},{mid} {cx},{mid + 7} {cx - 7},{mid}" '
                    f'fill="#d64545"><title>{escape(row.tooltip)}</title></polygon>'
                )
            y += _ROW
    if as_of is not None:
        outside = period_notice(plan, as_of, language) is not None
        out.extend(
            _as_of_mark(as_of, language, x, drawn=(first, end), height=height, outside=outside)
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _as_of_mark(
    as_of: dt.date,
    language: Lang,
    x: Callable[[dt.date], float],
    *,
    drawn: tuple[dt.date, dt.date],
    height: int,
    outside: bool = True,
) -> list[str]:
    """Return the drawing's mark of ``as_of``: a dashed line on the day, or an arrow at the edge.

    A day inside the drawn months gets a dashed line and its 截至 label beside it, kept inside
    the picture. A day outside the plan's period (not drawn: the plan keeps its span) gets an
    arrow at the left or right edge and a label saying the day lies before or after the plan,
    unless ``outside`` is false (a plan with nothing dated has no end to be after): then the
    label gives the date only.
    """
    first, end = drawn
    words = f"{label('as_of', language)} {as_of.isoformat()}"
    y = height - _PAD + 14
    if first <= as_of < end:
        line = x(_after(as_of))
        # 12px text: a CJK character is about 12px wide, a digit or dash about 7px
        wide = sum(12 if char_width(ch) == 2 else 7 for ch in words)
        if line + 4 + wide <= _WIDTH - 4:
            place = f'x="{line + 4}"'
        else:
            place = f'x="{round(line - 4, 1)}" text-anchor="end"'
        return [
            (
                f'<line x1="{line}" y1="{_TOP - 22}" x2="{line}" y2="{height - _PAD}" '
                'stroke="#1f2933" stroke-width="1.5" stroke-dasharray="5,4"/>'
            ),
            (f'<text {place} y="{y}" font-size="12" fill="#1f2933">{escape(words)}</text>'),
        ]
    after = as_of >= end
    key = "as_of_after_edge" if after else "as_of_before_edge"
    text = label(key, language).format(as_of=as_of.isoformat()) if outside else words
    mid = y - 4
    if after:
        tip = x(end)
        arrow = f"{tip},{mid} {tip - 9},{mid - 5} {tip - 9},{mid + 5}"
        place = f'x="{round(tip - 13, 1)}" text-anchor="end"'
    else:
        tip = x(first)
        arrow = f"{tip},{mid} {tip + 9},{mid - 5} {tip + 9},{mid + 5}"
        place = f'x="{round(tip + 13, 1)}"'
    return [
        f'<polygon class="as-of-edge" points="{arrow}" fill="#1f2933"/>',
        (
            f'<text class="as-of-edge" {place} y="{y}" font-size="12" fill="#1f2933">'
            f"{escape(text)}</text>"
        ),
    ]


def _mermaid_text(value: str) -> str:
    text = scrub(value).replace(":", ":").replace(";", ";").replace("#", "#")
    return (
        text.replace("<", "\uff1c").replace(">", "\uff1e").replace("&", "\uff06").replace("\n", " ")
    )


def timeline_mermaid(plan: Plan, *, lang: str = "zh") -> str:
    r"""Return the plan's phases and milestones as a Mermaid ``gantt`` diagram.

    Phases and milestones that happen inside a window are bars (start and length in days);
    deadlines are Mermaid milestones on their due date.

    Raises
    ------
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> print("\n".join(timeline_mermaid(load_plan()).splitlines()[:6]))
    gantt
        title 时间轴
        dateFormat YYYY-MM-DD
        axisFormat %m-%d
        section 实施阶段
        动员部署(6月中旬) :p1, 2025-06-11, 10d
    """
    language = check_lang(lang)
    lines = [
        "gantt",
        f"    title {_mermaid_text(label('timeline', language))}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m-%d",
        f"    section {_mermaid_text(label('phases', language))}",
    ]
    for number, phase in enumerate(plan.phases, start=1):
        days = phase.when.days
        start = phase.when.start
        assert start is not None  # noqa: S101 - phases always have both bounds
        lines.append(
            f"    {_mermaid_text(f'{phase.name}({phase.when})')} :p{number}, "
            f"{start.isoformat()}, {days}d"
        )
    lines.append(f"    section {_mermaid_text(label('milestones', language))}")
    milestones = sorted(plan.milestones, key=lambda m: (m.due, m.when.start or m.due, m.id))
    for number, m in enumerate(milestones, start=1):
        name = _mermaid_text(f"{m.when} {m.title}")
        if m.when.start is not None:
            lines.append(f"    {name} :m{number}, {m.when.start.isoformat()}, {m.when.days}d")
        else:
            lines.append(f"    {name} :milestone, m{number}, {m.due.isoformat()}, 0d")
    return "\n".join(lines) + "\n"


def timeline(plan: Plan, *, as_of: dt.date | None = None, lang: str = "zh") -> Document:
    """Return the timeline document: the drawing, the phases and every dated item.

    Parameters
    ----------
    plan
        The plan.
    as_of
        If given, the drawing marks this day; a day outside the plan's period is not drawn
        (the drawing keeps the plan's span) but pointed to from the edge, and a notice says
        it lies before or after the plan.
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    Document
        A figure (SVG plus Mermaid), a table of phases and a table of every milestone and dated
        indicator target, sorted by due date. What the plan does not have is left out: the
        figure without phases or milestones, a table without rows; a plan that names no phase
        and dates nothing gets one sentence that says so instead (which a workbook or CSV file
        of the timeline writes under the header of the table of dated items).

    Raises
    ------
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> doc = timeline(load_plan())
    >>> [t.name for t in doc.tables()]
    ['phases', 'deadlines']

    A plan with nothing dated says so, with no empty table or drawing:

    >>> import attrs
    >>> from xiaojie.render import plain
    >>> undated = attrs.evolve(load_plan(), phases=[], milestones=[], obligations=[],
    ...                        indicators=[], limits=[])
    >>> [plain(b.text) for b in timeline(undated).blocks[1:]]
    ['方案未规定实施阶段,也未给任何事项规定日期。']

    A date after the plan's period is said in words; the drawing still ends with the plan:

    >>> import datetime as dt
    >>> late = timeline(load_plan(), as_of=dt.date(2026, 12, 4))
    >>> [plain(b.text) for b in late.blocks if getattr(b, "notice", False)]
    ['报告日期 2026-12-04 晚于方案期限(2025-06-11至2025-12-31)。']
    >>> svg = next(b.svg for b in late.blocks if hasattr(b, "svg"))
    >>> "2026年" in svg, "截至 2026-12-04(在方案期限之后)" in svg
    (False, True)
    """
    language: Lang = check_lang(lang)
    phase_rows: list[tuple[Cell, ...]] = []
    for phase in plan.phases:
        assert phase.when.start is not None  # noqa: S101 - phases always have both bounds
        assert phase.when.end is not None  # noqa: S101
        phase_rows.append(
            (
                phase.name,
                str(phase.when),
                phase.when.start.isoformat(),
                phase.when.end.isoformat(),
            )
        )
    item_rows: list[tuple[Cell, ...]] = [
        (
            d.phrase,
            d.due.isoformat(),
            d.title,
            (task_ref(plan.task(d.task)),) if d.task is not None else (),
            owners_text(d.owners),
        )
        for d in dated_items(plan)
    ]
    start_end = (label("start", language), label("end", language))
    blocks: list[Heading | Paragraph | Table | Figure] = [plan_line(plan, language)]
    outside = period_notice(plan, as_of, language) if as_of is not None else None
    if outside is not None:
        blocks.append(Paragraph(outside, notice=True))
    if plan.phases or plan.milestones:  # what the drawing draws
        blocks.append(
            Figure(
                caption=label("timeline", language),
                svg=timeline_svg(plan, as_of=as_of, lang=language),
                mermaid=timeline_mermaid(plan, lang=language),
            )
        )
    if phase_rows:
        blocks.append(Heading(label("phases", language)))
        blocks.append(
            Table(
                name="phases",
                columns=(label("phase", language), label("period", language), *start_end),
                rows=phase_rows,
            )
        )
    deadlines = Table(
        name="deadlines",
        columns=[label(k, language) for k in ("when", "due", "item", "of_task", "owners")],
        rows=item_rows,
    )
    if item_rows:
        blocks.append(Heading(label("deadlines", language)))
        blocks.append(deadlines)
    elif not phase_rows:  # a workbook or CSV file gets the table's header and the sentence
        blocks.append(Paragraph(label("nothing_dated", language), instead_of=deadlines))
    return Document(
        slug="timeline", title=label("timeline", language), lang=language, blocks=blocks
    )
