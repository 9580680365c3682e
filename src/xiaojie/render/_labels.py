"""The words documents are made of, in Chinese (the default) and English.

Only the labels are translated: the plan's own text (task titles, unit names, time phrases) is
always quoted as the plan writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from xiaojie.errors import RenderError
from xiaojie.model import Role
from xiaojie.tracking import State


if TYPE_CHECKING:
    import enum

    from xiaojie.ledgers import Severity


__all__ = ["LANGS", "Lang", "check_lang", "label", "label_of"]

Lang = Literal["zh", "en"]
"""A document language: ``"zh"`` (Chinese labels, the default) or ``"en"`` (English labels)."""

LANGS: tuple[Lang, ...] = ("zh", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # the division of tasks (任务分工表)
    "division": ("任务分工表", "Division of tasks"),
    "no": ("序号", "No."),
    "task": ("重点任务", "Key task"),
    "lead": ("牵头单位", "Lead unit"),
    "units": ("责任单位", "Responsible units"),
    "implementing_units": ("落实单位", "Implementing units"),
    "time_limit": ("完成时限", "Time limit"),
    "campaign": ("攻坚行动", "Campaign"),
    "campaigns": ("攻坚行动", "Campaigns"),
    "campaigns_count": ("项攻坚行动", "campaigns"),
    # the first level of a plan whose parts are not 攻坚行动 (一、… of a 分工方案)
    "section": ("工作方面", "Section"),
    "sections": ("工作方面", "Sections"),
    "sections_count": ("个方面", "sections"),
    "ongoing": ("长期坚持", "Ongoing (standing duty)"),
    "continuing": ("持续推进", "Continuing"),
    # the task list of one unit (任务清单)
    "unit_list": ("任务清单", "Task list"),
    "unit_lists": ("各单位任务清单", "Task lists by unit"),
    "aliases": ("又称", "Also written as"),
    "member_of": ("所在单位组", "Member of"),
    "led": ("牵头任务", "Tasks led"),
    "co_owned": ("配合任务", "Tasks co-owned"),
    "implemented": ("落实任务", "Tasks it carries out"),
    "via_group": ("所在单位组承担的任务", "Tasks of its groups"),
    "group": ("单位组", "Group"),
    "co_units": ("配合单位", "Co-responsible units"),
    "dated": ("时间节点", "Dated items"),
    "recurring": ("常态化工作", "Recurring duties"),
    "indicators": ("负责指标", "Indicators"),
    "limits": ("时限要求", "Time limits"),
    "when": ("时限", "When"),
    "due": ("截止日期", "Due"),
    "window": ("时间窗口", "Window"),
    "item": ("事项", "Item"),
    "of_task": ("所属任务", "Task"),
    "role": ("角色", "Role"),
    "persons": ("责任人", "Persons"),
    "cadence": ("频次", "Cadence"),
    "active": ("起止", "Active"),
    "indicator": ("指标", "Indicator"),
    "target": ("目标", "Target"),
    "requirement": ("要求", "Requirement"),
    "none": ("无", "None"),
    "standard": ("服务标准", "service standard"),
    "soft": ("力争", "aim"),
    "whole_plan": ("全局", "Whole plan"),
    "no_owner": ("未明确责任单位", "No unit named"),
    # the timeline
    "timeline": ("时间轴", "Timeline"),
    "phases": ("实施阶段", "Phases"),
    "phase": ("阶段", "Phase"),
    "milestones": ("时间节点", "Milestones"),
    "deadlines": ("时间节点总表", "All dated items"),
    "nothing_dated": (
        "方案未规定实施阶段,也未给任何事项规定日期。",
        "The plan names no phases and gives no item a date.",
    ),
    "period": ("时间", "Period"),
    "owners": ("责任单位", "Owners"),
    # the status report
    "status": ("进展情况报告", "Status report"),
    "as_of": ("截至", "As of"),
    "as_of_after_edge": ("截至 {as_of}(在方案期限之后)", "As of {as_of} (after the plan)"),
    "as_of_before_edge": ("截至 {as_of}(在方案期限之前)", "As of {as_of} (before the plan)"),
    "overdue": ("逾期事项", "Overdue"),
    "due_soon": ("即将到期事项", "Due soon"),
    "by_unit": ("按责任单位", "By unit"),
    "state": ("状态", "State"),
    "indicator_status": ("指标完成情况", "Indicators"),
    "met": ("已达标", "Met"),
    "not_met": ("未达标", "Not met"),
    "not_reported": ("未报告", "Not reported"),
    "value": ("报告值", "Reported value"),
    "reported_on": ("报告日期", "Reported on"),
    "summary": ("概况", "Summary"),
    "count": ("数量", "Count"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "days_left": ("剩余天数", "Days left"),
    "nothing_overdue": ("无逾期事项。", "Nothing is overdue."),
    "nothing_due_soon": ("近期无到期事项。", "Nothing is due soon."),
    "task_states": ("重点任务进展", "Tasks"),
    "result": ("完成情况", "Result"),
    "more_rows": ("…… 另有 {count} 项未列出", "… {count} more not listed"),
    "no_progress": (
        "未提供进度记录: 所有事项按未完成计。",
        "No progress records were given: every item is counted as not done.",
    ),
    "as_of_after_plan": (
        "报告日期 {as_of} 晚于方案期限({start}至{end})。",
        "The report date {as_of} is after the plan's period ({start} to {end}).",
    ),
    "as_of_before_plan": (
        "报告日期 {as_of} 早于方案期限({start}至{end})。",
        "The report date {as_of} is before the plan's period ({start} to {end}).",
    ),
    "as_of_before_plan_date": (
        "报告日期 {as_of} 早于方案日期({start})。",
        "The report date {as_of} is before the plan's date ({start}).",
    ),
    # the site
    "home": ("首页", "Home"),
    "search_units": ("按单位名称或简称查找", "Find a unit by name or alias"),
    "downloads": ("下载", "Downloads"),
    "plan": ("方案", "Plan"),
    "publisher": ("发布机构", "Publisher"),
    "issuer": ("印发", "Issued by"),
    "reposted_by": ("转发", "Reposted by"),
    "published": ("发文时间", "Published"),
    "index_number": ("索引号", "Index number"),
    "calendar": ("日历订阅", "Calendar"),
    "tasks_count": ("项重点任务", "key tasks"),
    "units_count": ("个责任单位", "responsible units"),
    "groups_count": ("个单位群组(如成员单位)", "groups of units"),
    "no_match": ("没有匹配的单位。", "No unit matches."),
    "plan_items": ("全局事项", "Plan-wide items"),
    # words with places to fill (str.format)
    "plan_line": ("{title}({publisher} {date})", "{title} ({publisher}, {date})"),
    "unit_list_of": ("{unit} 任务清单", "Task list: {unit}"),
    "due_soon_within": ("即将到期事项({days}日内)", "Due soon (within {days} days)"),
    "status_of_unit": ("进展情况(截至 {as_of})", "Status as of {as_of}"),
    "nothing_open": ("无逾期或即将到期事项。", "Nothing is overdue or due soon."),
    "role_via": ("{role}(经{group})", "{role} (via {group})"),
    "kind": ("类别", "Kind"),
    "start": ("开始", "Start"),
    "end": ("结束", "End"),
    # the ledger check
    "ledger_title": ("台账核查结果", "Ledger check"),
    "ledger_file": ("文件", "File"),
    "ledger_ledger": ("台账", "Ledger"),
    "ledger_as_of": ("截至", "As of"),
    "ledger_read": (
        "读取{rows}行,有效{good}行,问题行{bad}行,问题{issues}个。",
        "{rows} rows read, {good} good, {bad} bad, {issues} problems.",
    ),
    "ledger_ignored": (
        "未识别、未核查的列:{columns}",
        "Columns not recognised, not checked: {columns}",
    ),
    "ledger_issues": ("数据问题", "Problems in the file"),
    "ledger_not_run": ("未能运行的规则", "Rules that could not run"),
    "ledger_why": ("原因", "Why"),
    "ledger_empty": (
        "读取0行:文件只有表头或为空,没有核查任何数据。",
        "0 rows read: the file has a header only or is empty; nothing was checked.",
    ),
    "ledger_row": ("行", "Row"),
    "ledger_column": ("列", "Column"),
    "ledger_problem": ("问题", "Problem"),
    "ledger_by_rule": ("按规则统计", "Findings by rule"),
    "ledger_rule": ("规则", "Rule"),
    "ledger_task": ("所属任务", "Task"),
    "ledger_count": ("数量", "Count"),
    "ledger_findings": ("问题清单", "Findings"),
    "ledger_severity": ("性质", "Severity"),
    "ledger_subject": ("对象", "Subject"),
    "ledger_place": ("地点", "Place"),
    "ledger_found": ("情况", "Found"),
    "ledger_expected": ("要求", "Expected"),
    "ledger_units": ("责任单位", "Responsible units"),
    "ledger_none": ("未发现问题。", "No findings."),
}

_ENUM_EN: dict[enum.Enum, str] = {
    Role.LEAD: "lead",
    Role.CO_RESPONSIBLE: "co-responsible",
    Role.IMPLEMENT: "implementing",
    Role.SUPPORT: "supporting",
    State.UPCOMING: "upcoming",
    State.IN_WINDOW: "in window",
    State.DUE_SOON: "due soon",
    State.OVERDUE: "overdue",
    State.DONE_ON_TIME: "done on time",
    State.DONE_LATE: "done late",
    State.ONGOING: "ongoing",
    State.UNKNOWN: "to be checked",
}
"""English words of the enumerations whose Chinese words are their own ``label``."""

_SEVERITY_EN: dict[str, str] = {
    "violation": "violation",
    "soft_target": "soft target not reached",
    "attention": "attention",
}
"""English words of a ledger finding's :class:`~xiaojie.ledgers.Severity`, by its code (so that
documents need not load the ledgers to name one)."""


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if it is a supported document language.

    Raises
    ------
    RenderError
        If ``lang`` is neither ``"zh"`` nor ``"en"``.

    Examples
    --------
    >>> check_lang("en")
    'en'
    >>> check_lang("fr")
    Traceback (most recent call last):
    ...
    xiaojie.errors.RenderError: lang: expected one of zh, en, found 'fr'
    """
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    msg = f"lang: expected one of {', '.join(LANGS)}, found {lang!r}"
    raise RenderError(msg)


def label(key: str, lang: Lang = "zh") -> str:
    """Return the label ``key`` in ``lang``.

    Examples
    --------
    >>> label("division"), label("division", "en")
    ('任务分工表', 'Division of tasks')
    """
    zh, en = _LABELS[key]
    return en if lang == "en" else zh


def label_of(member: Role | State | Severity, lang: Lang = "zh") -> str:
    """Return the words for a role, a state or a finding's severity in ``lang``.

    The Chinese words are the enumeration's own (``Role.label``, ``State.label``: the plan's
    vocabulary, which the lower layers also print); the English ones are here.

    Examples
    --------
    >>> label_of(Role.LEAD), label_of(Role.CO_RESPONSIBLE, "en")
    ('牵头', 'co-responsible')
    >>> label_of(State.OVERDUE), label_of(State.DUE_SOON, "en")
    ('已逾期', 'due soon')
    """
    if lang != "en":
        return member.label
    return _ENUM_EN[member] if member in _ENUM_EN else _SEVERITY_EN[member.value]
