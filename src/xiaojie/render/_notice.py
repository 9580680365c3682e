"""The 通报: the status of a plan as of a date, as the lead office circulates it after a 调度.

:func:`notice` builds the document from a status (:func:`xiaojie.tracking.status`), the
progress it was computed from and, when sheets were collected, the
:class:`~xiaojie.io.Collection`. Its numbered parts:

一、总体情况
    counts of the tracked entries by state and, after a 调度, of the sheets sent and returned
    and the rows accepted, rejected and in conflict;
二、逾期未完成事项
    the overdue items by unit with days overdue (as the status report lists them: every unit
    that answers for an item, with its role);
三、指标序时进度
    each indicator with staged targets: its 序时进度 on the date (:mod:`xiaojie.pace`), the
    latest reported value, the gap, and the units behind it;
四、未报送单位
    the units that were sent a sheet and sent nothing back;
五、进展排名
    the ranking task 21 asks for ("对进度靠后的…进行通报提醒"): every unit with something due
    by the date, by the share of it done (then fewer overdue first); units below the overall
    share are marked 进度靠后. Given progress by place (a :class:`~xiaojie.rollup.RollUp`), the
    places instead: on each indicator with staged targets, every place's latest value against
    the 序时进度 of the date, highest first, and the places behind it named (市、县(区));
六、数据核实情况
    the rows of returned sheets that were rejected or are in conflict, with the reason, so
    that units can correct them.

Parts 二 and 三 carry their charts (:func:`~xiaojie.render.overdue_chart`,
:func:`~xiaojie.render.pace_chart`). Render it with
:func:`~xiaojie.render.to_markdown`, :func:`~xiaojie.render.to_html` (charts inline as SVG),
:func:`~xiaojie.render.to_docx` (no charts) or :func:`~xiaojie.render.to_xlsx` (its tables).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.pace import indicator_pace, paced_indicators
from xiaojie.render._charts import pace_chart
from xiaojie.render._doc import Cell, Document, Figure, Heading, Paragraph, Table
from xiaojie.render._items import check_snapshot, summary_table
from xiaojie.render._labels import check_lang
from xiaojie.render._places_doc import check_rollup, place_paces
from xiaojie.render._plan_docs import owner_ref, owners_text, period_notice
from xiaojie.render._status_doc import overdue_section
from xiaojie.tracking import State


if TYPE_CHECKING:
    from xiaojie.io import Collection
    from xiaojie.model import Indicator, Owner, Plan
    from xiaojie.progress import Progress
    from xiaojie.rollup import RollUp
    from xiaojie.tracking import Snapshot


__all__ = ["UnitRank", "notice", "unit_ranking"]

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("关于{plan}落实情况的通报", "Notice on the implementation of {plan}"),
    "intro": (
        "按照调度通报制度要求,现将截至{date}方案落实情况通报如下。",
        "The implementation of the plan as of {date} is notified as follows.",
    ),
    "summary": ("一、总体情况", "1. Overview"),
    "overdue": ("二、逾期未完成事项", "2. Overdue items"),
    "pace": ("三、指标序时进度", "3. Indicators against their staged targets"),
    "missing": ("四、未报送单位", "4. Units that did not report"),
    "ranking": ("五、进展排名", "5. Ranking of units"),
    "place_ranking": ("五、进展排名", "5. Ranking of places"),
    "checks": ("六、数据核实情况", "6. Returned rows to be corrected"),
    "nothing_overdue": ("截至通报日期,无逾期未完成事项。", "Nothing is overdue."),
    "no_pace": ("方案中无分阶段目标的指标。", "No indicator has staged targets."),
    "no_collection": ("本次未收集调度表。", "No sheets were collected this time."),
    "all_reported": ("各单位均已报送。", "Every unit reported."),
    "none_to_check": ("报送数据均已采纳。", "Every returned row was accepted."),
    "nothing_ranked": (
        "截至通报日期,尚无到期事项,暂不排名。",
        "Nothing was due by the report date: no unit is ranked yet.",
    ),
    "no_unit_ranked": (
        "截至通报日期到期的事项均未明确责任单位,暂不排名。",
        "No item due by the report date names a responsible unit: no unit is ranked.",
    ),
    "rank": ("名次", "Rank"),
    "unit": ("单位", "Unit"),
    "due": ("到期事项", "Due"),
    "done": ("已完成", "Done"),
    "overdue_n": ("逾期", "Overdue"),
    "share": ("完成率", "Share done"),
    "remark": ("备注", "Remark"),
    "lagging": ("进度靠后", "lagging"),
    "indicator": ("指标", "Indicator"),
    "stages": ("阶段目标", "Staged targets"),
    "expected": ("序时进度", "Expected"),
    "actual": ("实际进度", "Reported"),
    "reported_on": ("数据日期", "Reported on"),
    "gap": ("差距", "Gap"),
    "units": ("责任单位", "Units"),
    "verdict": ("结论", "Verdict"),
    "source": ("来源", "Source"),
    "item": ("事项", "Item"),
    "reason": ("原因", "Reason"),
    "behind": ("滞后", "behind"),
    "on_pace": ("达到序时进度", "on pace"),
    "not_reported": ("未报送", "not reported"),
    "before_stages": ("未到首个阶段", "before the first stage"),
    "place": ("地区", "Place"),
    "code": ("区划代码", "Code"),
    "places_silent": ("未报送进度的地区:", "Places that reported nothing: "),
    "places_all_reported": ("各地区均已报送进度。", "Every place reported."),
    "place_rank_lead": (
        "按{indicator}排名:截至{date},序时进度应达{expected}。",
        "Places by {indicator}: on {date} the expected value is {expected}.",
    ),
    "place_rank_before": (
        "按{indicator}排名:截至{date}尚未到首个阶段目标。",
        "Places by {indicator}: {date} is before the first stage.",
    ),
    "places_behind": (
        "{indicator}低于序时进度、进度靠后的地区:{names},请加快推进。",
        "Places behind the expected {indicator}: {names}.",
    ),
    "places_none_behind": (
        "各地区{indicator}均达到序时进度。",
        "Every place that reported is on pace for {indicator}.",
    ),
    "places_no_value": (
        "未报送{indicator}的地区:{names}。",
        "Places that reported no {indicator}: {names}.",
    ),
}


def _w(key: str, lang: str, **values: str) -> str:
    zh, en = _WORDS[key]
    return (en if lang == "en" else zh).format(**values)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class UnitRank:
    """One unit's place in the ranking: what it had due by the date and how much is done."""

    __slots__ = ("done", "due", "overdue", "owner")

    def __init__(self, owner: Owner, due: int, done: int, overdue: int) -> None:
        self.owner = owner
        self.due = due
        self.done = done
        self.overdue = overdue

    @property
    def share(self) -> float:
        """The share of its due entries that is done (0–1)."""
        return self.done / self.due if self.due else 1.0

    def __repr__(self) -> str:
        return (
            f"UnitRank({self.owner.id!r}, due={self.due}, done={self.done}, overdue={self.overdue})"
        )


def unit_ranking(plan: Plan, snapshot: Snapshot) -> tuple[UnitRank, ...]:
    """Rank the units that had something due by the snapshot's date, best first.

    An entry counts for every unit or group named for it (:meth:`Plan.owners_of`); it is due
    when its due date is on or before the date. Units are ordered by the share done, then by
    fewer overdue, then in the plan's order.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> ranks = unit_ranking(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> ranks[-1]
    UnitRank('agriculture', due=4, done=0, overdue=4)
    """
    order = plan.unit_order()
    counts: dict[str, list[int]] = {}
    owners: dict[str, Owner] = {}
    for entry in snapshot:
        if entry.due is None or entry.due > snapshot.as_of:
            continue
        for owner in entry.owners:
            owners[owner.id] = owner
            due, done, overdue = counts.setdefault(owner.id, [0, 0, 0])
            counts[owner.id] = [
                due + 1,
                done + int(entry.state.is_done),
                overdue + int(entry.state is State.OVERDUE),
            ]
    ranks = [UnitRank(owners[u], *c) for u, c in counts.items()]
    return tuple(
        sorted(ranks, key=lambda r: (-r.share, r.overdue, order.get(r.owner.id, len(order))))
    )


def notice(
    plan: Plan,
    snapshot: Snapshot,
    *,
    progress: Progress | None = None,
    collection: Collection | None = None,
    lang: str = "zh",
    rollup: RollUp | None = None,
) -> Document:
    """Return the 通报 of ``plan`` as of the snapshot's date.

    Parameters
    ----------
    plan
        The plan.
    snapshot
        Its status as of the 通报 date, computed from ``progress``.
    progress
        The progress records the status was computed from (for the indicators' reported
        values against their 序时进度).
    collection
        The sheets collected in this 调度, if any (for the units that did not report and the
        rows to be corrected).
    lang
        ``"zh"`` or ``"en"``.
    rollup
        Progress by place on the same date (:func:`xiaojie.rollup.rollup`). With it, part 五
        ranks the places on each indicator with staged targets against its 序时进度 and names
        those behind (task 21: 对进度靠后的市、县(区)进行通报提醒), instead of ranking units;
        part 四 names the places that reported nothing.

    Raises
    ------
    RenderError
        If the snapshot or the roll-up is of another plan, the roll-up of another date, or
        ``lang`` is not supported.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import plain
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> doc = notice(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> [plain(b.text) for b in doc.blocks if type(b).__name__ == "Heading"][:3]
    ['一、总体情况', '二、逾期未完成事项', '三、指标序时进度']
    """
    language = check_lang(lang)
    check_snapshot(plan, snapshot)
    day = snapshot.as_of
    date_words = f"{day.year}年{day.month}月{day.day}日" if language == "zh" else day.isoformat()
    outside = period_notice(plan, day, language)  # a 调度 date before or after the plan
    blocks: list[Heading | Paragraph | Table | Figure] = [
        Paragraph(_w("intro", language, date=date_words)),
        *([Paragraph(outside, notice=True)] if outside is not None else []),
        Heading(_w("summary", language)),
    ]
    counts = snapshot.counts()
    done = counts[State.DONE_ON_TIME] + counts[State.DONE_LATE]
    if language == "zh":
        words = (
            f"方案共明确跟踪事项{len(snapshot)}项。截至{date_words},已完成{done}项"
            f"(其中按时完成{counts[State.DONE_ON_TIME]}项、逾期完成{counts[State.DONE_LATE]}项),"
            f"逾期未完成{counts[State.OVERDUE]}项,即将到期{counts[State.DUE_SOON]}项,"
            f"持续推进{counts[State.ONGOING]}项。"
        )
    else:
        words = (
            f"The plan tracks {len(snapshot)} entries. As of {date_words}, {done} are done "
            f"({counts[State.DONE_ON_TIME]} on time, {counts[State.DONE_LATE]} late), "
            f"{counts[State.OVERDUE]} are overdue, {counts[State.DUE_SOON]} due soon and "
            f"{counts[State.ONGOING]} ongoing."
        )
    blocks.append(Paragraph(words))
    if collection is not None:
        from xiaojie.io import Verdict  # noqa: PLC0415 - io is only needed with a collection

        accepted = len(collection.with_verdict(Verdict.ACCEPTED))
        rejected = len(collection.with_verdict(Verdict.REJECTED))
        conflict = len(collection.with_verdict(Verdict.CONFLICT))
        sent, back = len(collection.sent), len(collection.returned)
        if language == "zh":
            words = (
                f"本次调度向{sent}个单位发送调度表,收回{back}个;采纳记录{accepted}条,"
                f"退回{rejected}条,存在冲突{conflict}条。"
            )
        else:
            words = (
                f"Sheets were sent to {sent} units and {back} came back; {accepted} rows were "
                f"accepted, {rejected} rejected and {conflict} are in conflict."
            )
        blocks.append(Paragraph(words))
    blocks.append(summary_table(snapshot, language))

    blocks.append(Heading(_w("overdue", language)))
    blocks.extend(overdue_section(plan, snapshot, language, _w("nothing_overdue", language)))

    blocks.append(Heading(_w("pace", language)))
    paced = paced_indicators(plan)
    if not paced:  # said in words; a workbook gets the table's header and the words
        blocks.append(Paragraph(_w("no_pace", language), instead_of=_pace_table(language, rows=[])))
    rows: list[tuple[Cell, ...]] = []
    behind_lines: list[str] = []
    for indicator in paced:
        pace = indicator_pace(plan, indicator, progress, as_of=day)
        unit = pace.unit
        stages = "、".join(f"{d.month}月{d.day}日{_number(v)}{unit}" for d, v in pace.stages)
        if pace.expected is None:
            remark = _w("before_stages", language)
        elif pace.actual is None:
            remark = _w("not_reported", language)
        else:
            remark = _w("behind" if pace.behind else "on_pace", language)
        rows.append(
            (
                pace.name,
                stages,
                "" if pace.expected is None else f"{_number(pace.expected)}{unit}",
                "" if pace.actual is None else f"{_number(pace.actual)}{unit}",
                "" if pace.measured_on is None else pace.measured_on.isoformat(),
                "" if pace.gap is None else _number(pace.gap),
                owners_text(pace.owners),
                remark,
            )
        )
        if pace.behind and pace.expected is not None:
            names = "、".join(o.name for o in pace.owners)
            if language == "zh":
                shown = "未报送" if pace.actual is None else f"为{_number(pace.actual)}{unit}"
                behind_lines.append(
                    f"{pace.name}序时进度应达{_number(pace.expected)}{unit},实际{shown},"
                    f"低于序时进度。责任单位:{names}。"
                )
            else:
                shown = "not reported" if pace.actual is None else f"{_number(pace.actual)}{unit}"
                behind_lines.append(
                    f"{pace.name}: expected {_number(pace.expected)}{unit}, reported {shown}. "
                    f"Units: {names}."
                )
    if rows:
        blocks.append(_pace_table(language, rows=rows))
    blocks.extend(Paragraph(line) for line in behind_lines)
    blocks.extend(
        pace_chart(plan, indicator, progress, as_of=day, lang=language) for indicator in paced
    )

    blocks.append(Heading(_w("missing", language)))
    if rollup is not None:
        check_rollup(plan, snapshot, rollup)
        silent = [p.place.name for p in rollup.places if not len(p.progress)]
        sep = "、" if language == "zh" else ", "
        blocks.append(
            Paragraph(
                _w("places_silent", language)
                + sep.join(silent)
                + ("。" if language == "zh" else ".")
                if silent
                else _w("places_all_reported", language)
            )
        )
    if collection is None:
        blocks.append(Paragraph(_w("no_collection", language)))
    elif not collection.missing:
        blocks.append(Paragraph(_w("all_reported", language)))
    else:
        missing = [_sender_name(plan, u) for u in collection.missing]
        sep = "、" if language == "zh" else ", "
        lead = "未按时报送调度表的单位:" if language == "zh" else "Units that sent nothing back: "
        blocks.append(Paragraph(lead + sep.join(missing) + ("。" if language == "zh" else ".")))

    ranked_places = rollup is not None and bool(paced)
    blocks.append(Heading(_w("place_ranking" if ranked_places else "ranking", language)))
    if rollup is not None and paced:
        for indicator in paced:
            blocks.extend(_place_ranking(rollup, indicator, date_words, language))
    else:
        table = _unit_ranking_table(plan, snapshot, language)
        if table.rows:
            blocks.append(table)
        else:  # said in words; a workbook gets the table's header and the words
            due = any(e.due is not None and e.due <= snapshot.as_of for e in snapshot)
            words = _w("no_unit_ranked" if due else "nothing_ranked", language)
            blocks.append(Paragraph(words, instead_of=table))

    if collection is not None:
        from xiaojie.io import Verdict  # noqa: PLC0415

        blocks.append(Heading(_w("checks", language)))
        flagged = [r for r in collection.rows if r.verdict in {Verdict.REJECTED, Verdict.CONFLICT}]
        if not flagged:  # said in words; a workbook gets the table's header and the words
            blocks.append(
                Paragraph(
                    _w("none_to_check", language), instead_of=_checks_table(language, rows=[])
                )
            )
        else:
            from pathlib import Path  # noqa: PLC0415

            blocks.append(
                _checks_table(
                    language,
                    rows=[
                        (
                            (owner_ref(plan.units.by_id(r.unit)),)
                            if not r.place or not r.unit.isdigit()
                            else _sender_name(plan, r.unit),
                            f"{Path(r.source).name} 第{r.line}行"
                            if language == "zh"
                            else f"{Path(r.source).name} row {r.line}",
                            r.title or r.key,
                            r.verdict.label if language == "zh" else r.verdict.value,
                            ";".join(r.reasons),
                        )
                        for r in flagged
                    ],
                )
            )
    title = _w("title", language, plan=f"《{plan.title}》" if language == "zh" else plan.title)
    return Document(slug="notice", title=title, lang=language, blocks=blocks)


def _pace_table(language: str, *, rows: list[tuple[Cell, ...]]) -> Table:
    """Return the table ``pace`` (part 三) of ``rows``: each indicator against its 序时进度."""
    keys = ("indicator", "stages", "expected", "actual", "reported_on", "gap", "units", "remark")
    return Table(name="pace", columns=[_w(k, language) for k in keys], rows=rows)


def _checks_table(language: str, *, rows: list[tuple[Cell, ...]]) -> Table:
    """Return the table ``checks`` (part 六) of ``rows``: returned rows to be corrected."""
    keys = ("unit", "source", "item", "verdict", "reason")
    return Table(name="checks", columns=[_w(k, language) for k in keys], rows=rows)


def _unit_ranking_table(plan: Plan, snapshot: Snapshot, language: str) -> Table:
    ranks = unit_ranking(plan, snapshot)
    total_due = sum(r.due for r in ranks)
    overall = sum(r.done for r in ranks) / total_due if total_due else 1.0
    return Table(
        name="ranking",
        columns=[
            _w(k, language) for k in ("rank", "unit", "due", "done", "overdue_n", "share", "remark")
        ],
        rows=[
            (
                str(place),
                (owner_ref(rank.owner),),
                str(rank.due),
                str(rank.done),
                str(rank.overdue),
                f"{rank.share * 100:.0f}%",
                _w("lagging", language) if rank.share < overall else "",
            )
            for place, rank in enumerate(ranks, start=1)
        ],
    )


def _place_ranking(
    rollup: RollUp, indicator: Indicator, date_words: str, language: str
) -> list[Paragraph | Table]:
    """Return the places ranked on ``indicator`` against its 序时进度, the lagging named."""
    paces = place_paces(rollup, indicator)
    unit = next((t.unit for t in indicator.targets if t.unit), "")
    expected = next((p.pace.expected for p in paces), None)
    sep = "、" if language == "zh" else ", "
    blocks: list[Paragraph | Table] = []
    if expected is None:
        blocks.append(
            Paragraph(_w("place_rank_before", language, indicator=indicator.name, date=date_words))
        )
    else:
        blocks.append(
            Paragraph(
                _w(
                    "place_rank_lead",
                    language,
                    indicator=indicator.name,
                    date=date_words,
                    expected=f"{_number(expected)}{unit}",
                )
            )
        )
    rows: list[tuple[Cell, ...]] = []
    rank = 0
    for entry in paces:
        pace = entry.pace
        if pace.actual is not None:
            rank += 1
        if pace.expected is None:
            remark = _w("before_stages", language)
        elif pace.actual is None:
            remark = _w("not_reported", language)
        else:
            remark = _w("behind" if pace.behind else "on_pace", language)
        rows.append(
            (
                str(rank) if pace.actual is not None else "—",
                entry.place.name,
                entry.place.code,
                "" if pace.actual is None else f"{_number(pace.actual)}{unit}",
                "" if pace.measured_on is None else pace.measured_on.isoformat(),
                "" if pace.expected is None else f"{_number(pace.expected)}{unit}",
                "" if pace.gap is None else _number(pace.gap),
                remark,
            )
        )
    blocks.append(
        Table(
            name=f"place-rank-{indicator.id}"[:31],
            columns=[
                _w(k, language)
                for k in (
                    "rank",
                    "place",
                    "code",
                    "actual",
                    "reported_on",
                    "expected",
                    "gap",
                    "remark",
                )
            ],
            rows=rows,
        )
    )
    if expected is not None:
        behind = [p.place.name for p in paces if p.pace.actual is not None and p.pace.behind]
        if behind:
            blocks.append(
                Paragraph(
                    _w("places_behind", language, indicator=indicator.name, names=sep.join(behind))
                )
            )
        else:
            blocks.append(Paragraph(_w("places_none_behind", language, indicator=indicator.name)))
        silent = [p.place.name for p in paces if p.pace.actual is None]
        if silent:
            blocks.append(
                Paragraph(
                    _w(
                        "places_no_value",
                        language,
                        indicator=indicator.name,
                        names=sep.join(silent),
                    )
                )
            )
    return blocks


def _sender_name(plan: Plan, sender: str) -> str:
    """Return the name of the unit that was sent a sheet, or of the place with this code."""
    if not sender.isdigit():
        return plan.units.by_id(sender).name
    from xiaojie.places import load_places  # noqa: PLC0415 - only for sheets sent to places

    found = load_places().get(sender)
    return sender if found is None else found.name
