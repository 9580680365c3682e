"""Documents that need only the plan: the 任务分工表 and each unit's 任务清单.

The 完成时限 of a task
----------------------
A 任务分工表 gives each task a time limit. xiaojie never invents one; the column says:

1. the plan's own phrases for the task's dated items — its milestones and the due dates of its
   indicators' targets — in order of due date, each once ("7月底前、8月底前");
2. then the cadence phrases of its recurring duties ("每月开展1次");
3. for a task with neither, ``长期坚持`` when the plan makes it a standing duty (its title or
   text says 常态化, 长效 or 长期), otherwise ``持续推进``.

Both words mark an undated task; neither is a date and neither can become overdue.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xiaojie import queries
from xiaojie.model import (
    Indicator,
    Milestone,
    Owner,
    Plan,
    ResponsibleUnit,
    Role,
    Task,
    TrackingMode,
)
from xiaojie.render._doc import Cell, Document, Heading, Paragraph, Ref, Table, Text, text
from xiaojie.render._labels import Lang, check_lang, label, label_of


if TYPE_CHECKING:
    import datetime as dt

    from xiaojie.model import Obligation, TimeLimit


__all__ = [
    "DatedItem",
    "attribution",
    "campaign_label",
    "campaign_page",
    "campaign_word",
    "dated_items",
    "division_table",
    "owner_ref",
    "owners_in_order",
    "owners_text",
    "period_notice",
    "plan_line",
    "responsibility_table",
    "task_ref",
    "task_time_limit",
    "unit_sheet",
    "unit_sheets",
]

_STANDING = re.compile(r"常态化|长效|长期")
_NUMERALS = "一二三四五六七八九十"


def owner_ref(owner: Owner) -> Ref:
    """Return a link to ``owner``'s page."""
    return Ref(owner.name, "unit", owner.id)


def task_ref(task: Task) -> Ref:
    """Return a link to ``task`` (shown as ``4.精准开展监测帮扶``)."""
    return Ref(str(task), "task", str(task.number))


def owners_text(owners: tuple[Owner, ...], *, sep: str = "、") -> Text:
    """Return links to ``owners`` separated by ``sep``."""
    parts: list[str | Ref] = []
    for k, owner in enumerate(owners):
        if k:
            parts.append(sep)
        parts.append(owner_ref(owner))
    return tuple(parts)


_CAMPAIGN_WORDS = {
    "one": ("campaign", "section"),
    "many": ("campaigns", "sections"),
    "count": ("campaigns_count", "sections_count"),
}


def campaign_word(plan: Plan, lang: str = "zh", *, form: str = "one") -> str:
    """Return the word for the first level of ``plan``: 攻坚行动 only where the plan says so.

    A 攻坚行动方案 (the bundled plan) calls its parts 攻坚行动; the parts of other plans (the
    一、二、… of a 分工方案 or 实施意见, or the one part of a plan without that level) are 工作方面
    ("Section" in English), so a column, a heading or a count never calls them campaigns.

    Parameters
    ----------
    plan
        The plan.
    lang
        ``"zh"`` or ``"en"``.
    form
        ``"one"`` (a column's name), ``"many"`` (a heading) or ``"count"`` (after a number).

    Examples
    --------
    >>> import attrs
    >>> from xiaojie import load_plan
    >>> from xiaojie.model import Campaign
    >>> plan = load_plan()
    >>> campaign_word(plan), campaign_word(plan, "en", form="count")
    ('攻坚行动', 'campaigns')
    >>> other = attrs.evolve(plan, title="某区消防安全实施方案",
    ...                      campaigns=[Campaign(number=c.number, name=f"第{c.number}部分")
    ...                                 for c in plan.campaigns])
    >>> campaign_word(other), campaign_word(other, form="count"), campaign_word(other, "en")
    ('工作方面', '个方面', 'Section')
    """
    language = check_lang(lang)
    campaigns, sections = _CAMPAIGN_WORDS[form]
    said = "攻坚行动" in plan.title or any("攻坚行动" in c.name for c in plan.campaigns)
    return label(campaigns if said else sections, language)


def _dated_end(plan: Plan) -> dt.date | None:
    """Return the last day a dated part of ``plan`` ends on; ``None`` if nothing has an end."""
    ends = [p.when.end for p in plan.phases]
    ends.extend(m.when.end for m in plan.milestones)
    ends.extend(o.active.end for o in plan.obligations)
    ends.extend(t.due.end for i in plan.indicators for t in i.targets if t.due is not None)
    known = [e for e in ends if e is not None]
    return max(known) if known else None


def period_notice(plan: Plan, as_of: dt.date, lang: str = "zh") -> str | None:
    """Return the sentence that says ``as_of`` lies before or after the plan; ``None`` inside.

    The plan's period is :meth:`Plan.period <xiaojie.model.Plan.period>`. A plan with nothing
    dated (every task 持续推进 or 长期坚持) has no end: no day is after it, and a day before its
    date is said to be before the plan's date, not before a period of one day.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> period_notice(load_plan(), dt.date(2026, 3, 1))
    '报告日期 2026-03-01 晚于方案期限(2025-06-11至2025-12-31)。'
    >>> period_notice(load_plan(), dt.date(2025, 7, 1)) is None
    True
    """
    language = check_lang(lang)
    start, end = plan.period()
    words = {"as_of": as_of.isoformat(), "start": start.isoformat(), "end": end.isoformat()}
    termless = _dated_end(plan) is None
    if as_of > end and not termless:
        return label("as_of_after_plan", language).format(**words)
    if as_of < start:
        key = "as_of_before_plan_date" if termless else "as_of_before_plan"
        return label(key, language).format(**words)
    return None


def campaign_label(number: int) -> str:
    """Return the Chinese ordinal a plan numbers a campaign with: ``(一)`` for 1.

    Examples
    --------
    >>> campaign_label(3), campaign_label(12)
    ('(三)', '(12)')
    """
    numeral = _NUMERALS[number - 1] if 1 <= number <= len(_NUMERALS) else str(number)
    return f"({numeral})"


class DatedItem:
    """One dated thing of a plan: a milestone, or one target of an indicator with a due date.

    Attributes
    ----------
    due : datetime.date
        The due date (the last day that counts).
    start : datetime.date or None
        The window's first day, for things that happen inside a window ("7月中旬").
    phrase : str
        The plan's own time phrase ("7月底前"), or a canonical one when the plan gave none.
    title : str
        What is due.
    item_id : str
        The milestone's or indicator's id.
    key : str
        Its one id, the key of its status entry: the milestone's id, ``<indicator-id>#<n>``
        for the indicator's target number ``n`` (as :class:`xiaojie.tracking.Entry` keys).
    task : int or None
        The task it belongs to.
    owners : tuple of Owner
        Who answers for it (its own owners, else its task's units).
    """

    __slots__ = ("due", "item_id", "key", "owners", "phrase", "start", "task", "title")

    def __init__(
        self,
        *,
        due: dt.date,
        start: dt.date | None,
        phrase: str,
        title: str,
        item_id: str,
        task: int | None,
        owners: tuple[Owner, ...],
        key: str = "",
    ) -> None:
        self.key = key or item_id
        self.due = due
        self.start = start
        self.phrase = phrase
        self.title = title
        self.item_id = item_id
        self.task = task
        self.owners = owners

    def __repr__(self) -> str:
        return f"DatedItem({self.item_id!r}, {self.phrase!r}, due={self.due})"


def _task_roles(plan: Plan) -> dict[str, list[tuple[Task, Role]]]:
    """Return each owner id's tasks and its role in each, in the plan's order."""

    def make() -> dict[str, list[tuple[Task, Role]]]:
        index: dict[str, list[tuple[Task, Role]]] = {}
        for task in plan.tasks:
            seen: set[str] = set()
            for held in plan.owner_roles(task):
                if held.owner.id not in seen:
                    seen.add(held.owner.id)
                    index.setdefault(held.owner.id, []).append((task, held.role))
        return index

    return plan.derived("render.task_roles", lambda _: make())


def item_owners(plan: Plan) -> dict[str, tuple[Owner, ...]]:
    """Return who answers for each item of ``plan`` (:meth:`Plan.owners_of`), computed once."""
    return plan.derived("render.item_owners", lambda p: {i.id: p.owners_of(i) for i in p.items()})


def _item_roles(plan: Plan) -> dict[str, dict[str, Role]]:
    """Return each owner id's role for each item it answers for (:meth:`Plan.owner_roles`)."""

    def make() -> dict[str, dict[str, Role]]:
        index: dict[str, dict[str, Role]] = {}
        for item in plan.items():
            for held in plan.owner_roles(item):
                index.setdefault(held.owner.id, {}).setdefault(item.id, held.role)
        return index

    return plan.derived("render.item_roles", lambda _: make())


def dated_items(plan: Plan) -> tuple[DatedItem, ...]:
    """Return every milestone and dated indicator target of ``plan``, sorted by ``(due, id)``.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> items = dated_items(load_plan())
    >>> items[0].phrase, items[-1].due.isoformat()
    ('6月中旬', '2025-12-31')
    >>> [i.phrase for i in items if i.task == 18]
    ['7月底前', '8月底前']
    """
    return plan.derived("render.dated_items", _dated_items)


def _dated_items(plan: Plan) -> tuple[DatedItem, ...]:
    result: list[DatedItem] = []
    for item in plan.items():
        if isinstance(item, Milestone):
            result.append(
                DatedItem(
                    due=item.due,
                    start=item.when.start,
                    phrase=str(item.when),
                    title=item.title,
                    item_id=item.id,
                    task=item.task,
                    owners=plan.owners_of(item),
                )
            )
        elif isinstance(item, Indicator):
            for number, target in enumerate(item.targets):
                if target.due is None or target.due.end is None:
                    continue
                result.append(
                    DatedItem(
                        due=target.due.end,
                        start=None,
                        phrase=str(target.due),
                        title=f"{item.name}{target.describe()}",
                        item_id=item.id,
                        task=item.task,
                        owners=plan.owners_of(item),
                        key=f"{item.id}#{number}",
                    )
                )
    result.sort(key=lambda d: (d.due, d.item_id, d.title))
    return tuple(result)


def _time_limit_phrases(plan: Plan) -> dict[int, list[str]]:
    """Return each task's dated phrases, then its cadences, each once, in order."""

    def make() -> dict[int, list[str]]:
        index: dict[int, list[str]] = {}
        for item in dated_items(plan):
            if item.task is not None and item.phrase not in index.setdefault(item.task, []):
                index[item.task].append(item.phrase)
        for obligation in plan.obligations:
            phrase = obligation.cadence.describe()
            if obligation.task is not None and phrase not in index.setdefault(obligation.task, []):
                index[obligation.task].append(phrase)
        return index

    return plan.derived("render.time_limits", lambda _: make())


def task_time_limit(plan: Plan, task: Task | int, *, lang: str = "zh") -> str:
    """Return the 完成时限 of a task, in the plan's own words (see the module notes).

    Parameters
    ----------
    plan
        The plan.
    task
        The task or its number.
    lang
        The language of the two undated words (长期坚持, 持续推进); the plan's phrases are
        quoted as written.

    Returns
    -------
    str

    Raises
    ------
    UnknownItemError
        If the plan has no such task.
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> task_time_limit(plan, 18)
    '7月底前、8月底前'
    >>> task_time_limit(plan, 5)
    '每月开展1次'
    >>> task_time_limit(plan, 1), task_time_limit(plan, 2), task_time_limit(plan, 1, lang="en")
    ('长期坚持', '持续推进', 'Ongoing (standing duty)')
    """
    language = check_lang(lang)
    found = plan.task(task) if isinstance(task, int) else task
    phrases = _time_limit_phrases(plan).get(found.number)
    if phrases:
        return "、".join(phrases)
    standing = _STANDING.search(found.title) or _STANDING.search(found.text)
    return label("ongoing" if standing else "continuing", language)


def _division_extras(plan: Plan) -> tuple[bool, bool]:
    """Whether the 分工表 needs a 落实单位 column and a 责任人 column (some task names them).

    Asked once per plan (each unit's 任务清单 asks again).
    """

    def make(of: Plan) -> tuple[bool, bool]:
        return (
            any(task.implementing for task in of.tasks),
            any(task.persons for task in of.tasks),
        )

    return plan.derived("render.division_extras", make)


def _division_rows(plan: Plan, tasks: tuple[Task, ...], lang: Lang) -> list[tuple[Cell, ...]]:
    implementing, persons = _division_extras(plan)
    rows: list[tuple[Cell, ...]] = []
    for task in tasks:
        row: list[Cell] = [
            str(task.number),
            (Ref(task.title, "task", str(task.number)),),
            (owner_ref(task.lead),),
        ]
        if implementing:
            row.append(owners_text(_supporting(task)))
            row.append(owners_text(task.implementing))
        else:
            row.append(owners_text(task.co_responsible))
        if persons:
            row.append("、".join(task.persons))
        row.append(task_time_limit(plan, task, lang=lang))
        rows.append(tuple(row))
    return rows


def _supporting(task: Task) -> tuple[Owner, ...]:
    """Return the owners after the lead that do not implement (责任单位, 配合单位)."""
    return tuple(r.owner for r in task.responsibilities[1:] if r.role is not Role.IMPLEMENT)


def _division_columns(plan: Plan, lang: Lang) -> tuple[str, ...]:
    implementing, persons = _division_extras(plan)
    keys = ["no", "task", "lead", "units"]
    if implementing:
        keys.append("implementing_units")
    if persons:
        keys.append("persons")
    keys.append("time_limit")
    return tuple(label(k, lang) for k in keys)


def attribution(plan: Plan, lang: Lang = "zh") -> tuple[str, ...]:
    """Return who issued the plan (印发) and who reposted it (转发), each as "word: name".

    A plan whose issuer is not recorded names its publisher as 发布机构; a publisher that is
    the issuer itself is not named twice.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> attribution(load_plan())
    ('印发: 宁夏回族自治区党委、人民政府', '转发: 同心县农业农村局')
    """
    if not plan.issuer:
        return (f"{label('publisher', lang)}: {plan.publisher}",) if plan.publisher else ()
    lines = [f"{label('issuer', lang)}: {plan.issuer}"]
    if plan.publisher and plan.publisher != plan.issuer:
        lines.append(f"{label('reposted_by', lang)}: {plan.publisher}")
    return tuple(lines)


def plan_line(plan: Plan, lang: Lang) -> Paragraph:
    """Return the line that names the plan a document comes from, by its issuer."""
    when = plan.date
    return Paragraph(
        label("plan_line", lang).format(
            title=plan.title, publisher=plan.issuer or plan.publisher, date=when.isoformat()
        )
    )


def division_table(plan: Plan, *, campaign: int | None = None, lang: str = "zh") -> Document:
    """Return the 任务分工表: every task with its lead, other units and time limit.

    Parameters
    ----------
    plan
        The plan.
    campaign
        A campaign number for that campaign's table only; ``None`` for the whole plan, where
        each campaign is a group row.
    lang
        ``"zh"`` for Chinese labels, ``"en"`` for English.

    Returns
    -------
    Document
        One table with the columns 序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限, tasks in plan
        order; with a 落实单位 column after 责任单位 when some task names units that carry it out,
        and a 责任人 column before 完成时限 when some task names persons.

    Raises
    ------
    UnknownItemError
        If ``campaign`` is not a campaign of the plan.
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import plain
    >>> doc = division_table(load_plan())
    >>> doc.title, len(doc.tables()[0].rows)
    ('任务分工表', 25)
    >>> [plain(c) for c in doc.tables()[0].rows[17]]
    ['18', '强化驻村帮扶成效', '自治区党委组织部', '自治区党委农村工作领导小组办公室、自治区农业农村厅、有驻村帮扶任务的单位', '7月底前、8月底前']
    >>> division_table(load_plan(), campaign=9)
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownItemError: unknown campaign 9; known: 1, 2, 3, 4, 5, 6, 7, 8
    """
    language = check_lang(lang)
    if campaign is None:
        rows: list[tuple[Cell, ...]] = []
        groups: list[tuple[int, Text]] = []
        for c in plan.campaigns:
            groups.append((len(rows), (f"{campaign_label(c.number)}{c.name}",)))
            rows.extend(_division_rows(plan, plan.tasks_of(c), language))
        table = Table(
            name="division",
            columns=_division_columns(plan, language),
            rows=rows,
            groups=groups,
            group_column=campaign_word(plan, language),
        )
        return Document(
            slug="division",
            title=label("division", language),
            lang=language,
            blocks=(plan_line(plan, language), table),
        )
    found = plan.campaign(campaign)
    table = Table(
        name=f"campaign-{found.number}",
        columns=_division_columns(plan, language),
        rows=_division_rows(plan, plan.tasks_of(found), language),
        sheet=f"{campaign_word(plan)}-{found.number}",
    )
    title = f"{campaign_label(found.number)}{found.name}"
    return Document(
        slug=f"campaign-{found.number}",
        title=title,
        lang=language,
        blocks=(
            plan_line(plan, language),
            Heading(label("division", language)),
            table,
        ),
    )


def owners_in_order(plan: Plan) -> tuple[Owner, ...]:
    """Return every unit and group that answers for something, in the plan's own order.

    The same as :meth:`Plan.owners_in_order <xiaojie.model.Plan.owners_in_order>`, which is
    the one place this order is made; kept here for callers of ``xiaojie.render``.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> owners_in_order(plan) == plan.owners_in_order()
    True
    """
    return plan.owners_in_order()


class _OwnerLists:
    """What one owner answers for, in the plan's order: dated items, obligations, indicators, limits."""

    __slots__ = ("dated", "indicators", "limits", "obligations")

    def __init__(self) -> None:
        self.dated: list[DatedItem] = []
        self.obligations: list[Obligation] = []
        self.indicators: list[Indicator] = []
        self.limits: list[TimeLimit] = []


_NO_LISTS = _OwnerLists()


def _owner_lists(plan: Plan) -> dict[str, _OwnerLists]:
    """Return each owner id's items and time limits (those of its tasks), built once per plan."""

    def make(_: Plan) -> dict[str, _OwnerLists]:
        owners_of_item: dict[str, list[str]] = {}
        for owner_id, roles in _item_roles(plan).items():
            for item_id in roles:
                owners_of_item.setdefault(item_id, []).append(owner_id)
        owners_of_task: dict[int, list[str]] = {}
        for owner_id, held in _task_roles(plan).items():
            for task, _role in held:
                owners_of_task.setdefault(task.number, []).append(owner_id)
        index: dict[str, _OwnerLists] = {}

        def lists(owner_id: str) -> _OwnerLists:
            found = index.get(owner_id)
            if found is None:
                found = index[owner_id] = _OwnerLists()
            return found

        for dated in dated_items(plan):
            for owner_id in owners_of_item.get(dated.item_id, ()):
                lists(owner_id).dated.append(dated)
        for obligation in plan.obligations:
            for owner_id in owners_of_item.get(obligation.id, ()):
                lists(owner_id).obligations.append(obligation)
        for indicator in plan.indicators:
            for owner_id in owners_of_item.get(indicator.id, ()):
                lists(owner_id).indicators.append(indicator)
        for limit in plan.limits:
            if limit.task is not None:
                for owner_id in owners_of_task.get(limit.task, ()):
                    lists(owner_id).limits.append(limit)
        return index

    return plan.derived("render.owner_lists", make)


def _resolve_owner(plan: Plan, unit: Owner | str) -> Owner:
    if isinstance(unit, str):
        return plan.units.resolve(unit)
    return plan.units.by_id(unit.id)


def _task_campaign(plan: Plan, task: Task) -> str:
    campaign = plan.campaign(task.campaign)
    return campaign.short_name or campaign.name


def _roles(plan: Plan, owner: Owner) -> dict[str, Role]:
    """Return the owner's role for each item it answers for (:meth:`Plan.owner_roles`)."""
    return dict(_item_roles(plan).get(owner.id, {}))


def _role_words(roles: dict[str, Role], item_id: str, lang: Lang) -> str:
    role = roles.get(item_id)
    if role is None:
        return ""
    return label_of(role, lang)


def _task_cell(plan: Plan, number: int | None) -> Text:
    if number is None:
        return ()
    return (task_ref(plan.task(number)),)


def unit_sheet(plan: Plan, unit: Owner | str, *, lang: str = "zh") -> Document:
    """Return one unit's 任务清单: what it leads, what it co-owns and what it answers for.

    Parameters
    ----------
    plan
        The plan.
    unit
        A unit or unit group, or any name it is written as (``"医保局"``).
    lang
        ``"zh"`` for Chinese labels, ``"en"`` for English.

    Returns
    -------
    Document
        Sections, in order: tasks it leads; tasks it co-owns; tasks of the groups it belongs to
        (when the plan lists their members); dated items with the plan's time phrase; recurring
        duties with their cadence; indicators with their targets; time limits. Empty sections
        after the first two are left out.

    Raises
    ------
    UnknownUnitError
        If no unit has that name.
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import plain
    >>> doc = unit_sheet(load_plan(), "教育厅")
    >>> doc.title, doc.slug
    ('自治区教育厅 任务清单', 'unit-education')
    >>> [plain(r[1]) for r in doc.tables()[0].rows]
    ['提高义务教育保障水平']
    >>> unit_sheet(load_plan(), "教委")
    Traceback (most recent call last):
    ...
    xiaojie.errors.UnknownUnitError: unknown unit '教委'; closest known: ...
    """
    language = check_lang(lang)
    owner = _resolve_owner(plan, unit)
    blocks: list[Heading | Paragraph | Table] = [plan_line(plan, language)]
    facts: list[str] = []
    if owner.aliases:
        facts.append(f"{label('aliases', language)}: {'、'.join(owner.aliases)}")
    groups = plan.units.groups_of(owner) if isinstance(owner, ResponsibleUnit) else ()
    if groups:
        facts.append(f"{label('member_of', language)}: {'、'.join(g.name for g in groups)}")
    blocks.extend(Paragraph(f) for f in facts)

    none = label("none", language)
    for role, name, heading, other in (
        (Role.LEAD, "led", "led", "co_units"),
        (Role.CO_RESPONSIBLE, "co-owned", "co_owned", "lead"),
        (Role.IMPLEMENT, "implemented", "implemented", "lead"),
    ):
        wanted = {role, Role.SUPPORT} if role is Role.CO_RESPONSIBLE else {role}
        held = [t for t, r in _task_roles(plan).get(owner.id, ()) if r in wanted]
        if role is Role.IMPLEMENT and not held:
            continue  # only plans that name implementing units have this section
        blocks.append(Heading(label(heading, language)))
        persons = _division_extras(plan)[1]  # a 责任人 column when the plan names persons
        keys = ("no", "task", "campaign", other, *(("persons",) if persons else ()), "time_limit")
        table = Table(
            name=name,
            columns=[
                campaign_word(plan, language) if k == "campaign" else label(k, language)
                for k in keys
            ],
            rows=[
                (
                    str(t.number),
                    (Ref(t.title, "task", str(t.number)),),
                    _task_campaign(plan, t),
                    owners_text(t.co_responsible) if role is Role.LEAD else (owner_ref(t.lead),),
                    *(("、".join(t.persons),) if persons else ()),
                    task_time_limit(plan, t, lang=language),
                )
                for t in held
            ],
        )
        # none said in words; the unit's workbook has the sheet all the same, with the words
        blocks.append(table if held else Paragraph(none, instead_of=table))

    via = [
        (h.obj, plan.units.by_id(h.via))
        for h in queries.items_of(plan, owner, via_groups=True)
        if isinstance(h.obj, Task) and h.via is not None
    ]
    roles = _roles(plan, owner)
    if via:
        blocks.append(Heading(label("via_group", language)))
        blocks.append(
            Table(
                name="via-group",
                columns=[label(k, language) for k in ("no", "task", "group", "time_limit")],
                rows=[
                    (
                        str(t.number),
                        (Ref(t.title, "task", str(t.number)),),
                        (owner_ref(g),),
                        task_time_limit(plan, t, lang=language),
                    )
                    for t, g in via
                ],
            )
        )

    lists = _owner_lists(plan).get(owner.id, _NO_LISTS)
    dated = lists.dated
    if dated:
        blocks.append(Heading(label("dated", language)))
        blocks.append(
            Table(
                name="dated",
                columns=[label(k, language) for k in ("when", "due", "item", "of_task", "role")],
                rows=[
                    (
                        d.phrase,
                        d.due.isoformat(),
                        d.title,
                        _task_cell(plan, d.task),
                        _role_words(roles, d.item_id, language),
                    )
                    for d in dated
                ],
            )
        )

    recurring = lists.obligations
    if recurring:
        blocks.append(Heading(label("recurring", language)))
        blocks.append(
            Table(
                name="recurring",
                columns=[label(k, language) for k in ("cadence", "item", "of_task", "active")],
                rows=[
                    (
                        o.cadence.describe()
                        + (
                            f"({label('standard', language)})"
                            if o.tracking is TrackingMode.STANDARD
                            else ""
                        ),
                        o.title,
                        _task_cell(plan, o.task),
                        str(o.active),
                    )
                    for o in recurring
                ],
            )
        )

    indicators = lists.indicators
    if indicators:
        blocks.append(Heading(label("indicators", language)))
        blocks.append(
            Table(
                name="indicators",
                columns=[label(k, language) for k in ("indicator", "target", "when", "of_task")],
                rows=[
                    (
                        i.name,
                        t.describe(),
                        str(t.due) if t.due is not None else "",
                        _task_cell(plan, i.task),
                    )
                    for i in indicators
                    for t in i.targets
                ],
            )
        )

    limits = lists.limits
    if limits:
        blocks.append(Heading(label("limits", language)))
        blocks.append(
            Table(
                name="limits",
                columns=[label(k, language) for k in ("requirement", "item", "of_task")],
                rows=[
                    (lim.span.describe(), lim.title, _task_cell(plan, lim.task)) for lim in limits
                ],
            )
        )

    title = label("unit_list_of", language).format(unit=owner.name)
    return Document(slug=f"unit-{owner.id}", title=title, lang=language, blocks=blocks)


def unit_sheets(plan: Plan, *, lang: str = "zh") -> tuple[Document, ...]:
    """Return the 任务清单 of every unit that answers for something, in the plan's own order.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> sheets = unit_sheets(load_plan())
    >>> sheets[1].title
    '自治区医疗保障局 任务清单'
    """
    language = check_lang(lang)
    return tuple(unit_sheet(plan, o, lang=language) for o in owners_in_order(plan))


def campaign_page(plan: Plan, campaign: int, *, lang: str = "zh") -> Document:
    """Return a campaign's page: its 任务分工表, then each task in the plan's words.

    Raises
    ------
    UnknownItemError
        If ``campaign`` is not a campaign of the plan.
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import Heading, plain
    >>> doc = campaign_page(load_plan(), 6)
    >>> [plain(b.text) for b in doc.blocks if isinstance(b, Heading)][1:]
    ['17.拓展东西部协作帮扶成效', '18.强化驻村帮扶成效', '19.提升定点帮扶成效']
    """
    language = check_lang(lang)
    table = division_table(plan, campaign=campaign, lang=language)
    blocks: list[Heading | Paragraph | Table] = [
        b for b in table.blocks if isinstance(b, Heading | Paragraph | Table)
    ]
    for task in plan.tasks_of(campaign):
        blocks.append(Heading(str(task), level=3, anchor=f"task-{task.number}"))
        blocks.append(Paragraph(task.text or task.title))
        blocks.append(
            Paragraph(
                text(
                    f"{label('lead', language)}: ",
                    [owner_ref(task.lead)],
                    f";{label('units', language)}: " if _supporting(task) else "",
                    owners_text(_supporting(task)),
                    f";{label('implementing_units', language)}: " if task.implementing else "",
                    owners_text(task.implementing),
                    f";{label('persons', language)}: {'、'.join(task.persons)}"
                    if task.persons
                    else "",
                    f";{label('time_limit', language)}: {task_time_limit(plan, task, lang=language)}",
                )
            )
        )
    return Document(slug=table.slug, title=table.title, lang=language, blocks=blocks)


def responsibility_table(plan: Plan, *, lang: str = "zh") -> Table:
    """Return every unit's duties as one flat table, for filtering in a spreadsheet.

    One row per unit and duty: the tasks it leads or co-owns, its dated items, recurring duties
    and indicators, units in the plan's own order.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> from xiaojie.render import plain
    >>> table = responsibility_table(load_plan())
    >>> table.columns
    ('责任单位', '角色', '类别', '事项', '时限', '所属任务')
    >>> [plain(c) for c in table.rows[0]][:4]
    ['自治区党委农村工作领导小组成员单位', '牵头', '重点任务', '1.常态化抓好梳理排查']
    """
    language = check_lang(lang)
    rows: list[tuple[Cell, ...]] = []
    lists = _owner_lists(plan)
    for owner in owners_in_order(plan):
        name: Text = (owner_ref(owner),)
        roles = _item_roles(plan).get(owner.id, {})
        held = lists.get(owner.id, _NO_LISTS)
        for task, role in _task_roles(plan).get(owner.id, ()):
            rows.append(
                (
                    name,
                    label_of(role, language),
                    label("task", language),
                    (task_ref(task),),
                    task_time_limit(plan, task, lang=language),
                    str(task.number),
                )
            )
        rows.extend(
            (
                name,
                _role_words(roles, d.item_id, language),
                label("dated", language),
                d.title,
                d.phrase,
                str(d.task or ""),
            )
            for d in held.dated
        )
        rows.extend(
            (
                name,
                _role_words(roles, o.id, language),
                label("recurring", language),
                o.title,
                o.cadence.describe(),
                str(o.task or ""),
            )
            for o in held.obligations
        )
        for i in held.indicators:
            rows.extend(
                (
                    name,
                    _role_words(roles, i.id, language),
                    label("indicator", language),
                    f"{i.name}{t.describe()}",
                    str(t.due) if t.due is not None else "",
                    str(i.task or ""),
                )
                for t in i.targets
            )
    columns = [label(k, language) for k in ("units", "role", "cadence", "item", "when", "of_task")]
    columns[2] = label("kind", language)
    return Table(name="responsibilities", columns=columns, rows=rows)
