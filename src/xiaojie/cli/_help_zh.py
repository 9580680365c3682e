"""The command line's help in Chinese: shown with ``--lang zh`` or a ``LANG=zh_*`` locale.

Every help text of the parser is looked up here by its English words; a text not found stays
English (a test checks that none is missing).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


__all__ = ["HELP_ZH", "translate", "wants_chinese"]

HELP_ZH: dict[str, str] = {
    "one sheet per place under PLACE instead of one per unit (宁夏回族自治区: the 22 counties), each asked about the plan's own items": "为 PLACE 下辖的每个地区各生成一张调度表（而非每个单位一张；宁夏回族自治区：22 个县区），填报方案本身的事项",
    "progress files by place (640324.csv …, or one CSV with a 地区 column): add progress by place, the lagging places named": "各地区的进度文件（640324.csv …，或带“地区”列的一个 CSV）：加入各地进度，点名进度靠后的地区",
    "with --places-under: ask only about this item (repeatable: spending-progress)": "与 --places-under 同用：只填报该事项（可重复，如 spending-progress）",
    "with --places-under: the level of the places (default: county)": "与 --places-under 同用：地区的层级（默认：县级）",
    "with --rollup: every county under PLACE should report (repeatable)": "与 --rollup 同用：PLACE 下辖的每个县区都应报送（可重复）",
    "write each place's accepted records as DIR/<code>-<name>.csv (sheets sent to places, or a cascaded plan's sheets): the files xiaojie rollup reads": "把各地区采纳的记录写成 DIR/<代码>-<名称>.csv（发给各地区的调度表，或分解方案的调度表）：即 xiaojie rollup 读取的文件",
    "write one progress sheet (XLSX) per unit, or per place": "为每个单位（或每个地区）生成一张调度表（XLSX）",
    "Ask an action plan questions: who does what, by when.": "向行动方案提问：谁来做什么，何时完成。",
    "show this help message and exit": "显示本帮助并退出",
    "a plan file (.toml or .json); default: the bundled plan": "方案文件（.toml 或 .json）；默认：内置方案",
    "print the version": "显示版本号",
    "the plan's campaigns, tasks and lead units": "方案的攻坚行动、重点任务和牵头单位",
    "one unit's task list (任务清单), by any name": "一个单位的任务清单（全称或简称均可）",
    "the status report: overdue and due-soon items by unit, indicators, tasks": "进展情况报告：按单位列出逾期和即将到期事项、指标、重点任务",
    "the overdue items, by unit": "逾期事项，按单位列出",
    "write the documents: HTML site, Markdown, CSV/XLSX, iCalendar, SVG": "生成文档：网页、Markdown、CSV/XLSX 表格、日历、SVG 时间轴",
    "export the plan's graph (GraphML, JSON, DOT) or calendar": "导出方案的关系图（GraphML、JSON、DOT）或日历",
    "check a ledger (台账) file against the plan's rules": "按方案规则核查台账文件",
    "read a plan document's text into a plan file": "把方案文本读成方案文件",
    "re-write the plan for a city or county (层层分解)": "把方案分解到市、县（层层分解）",
    "check a local plan (plan file or text) against its parent plan": "对照上级方案核查本级方案（方案文件或文本）",
    "the plan's status across places from one progress file per place": "按地区汇总进展（每个地区一个进度文件）",
    "what changed between two versions of a plan": "比较方案的两个版本",
    "write one progress sheet (XLSX) per unit": "为每个单位生成一张调度表（XLSX）",
    "check and merge the returned progress sheets (XLSX/CSV) of a folder": "核查并汇总文件夹中报回的调度表（XLSX/CSV）",
    "write the 通报 (Markdown, HTML, DOCX or XLSX)": "生成通报（Markdown、HTML、DOCX 或 XLSX）",
    "write the 任务分工表 and every unit's 任务清单 as DOCX": "生成 Word 版任务分工表和各单位任务清单",
    "labels in Chinese (zh, the default) or English (en)": "文档用语：中文（zh，默认）或英文（en）",
    "the province whose places the plan's levels are (甘肃省, 甘肃 or 620000); default: the one the plan names, else Ningxia": "方案所属省级行政区（甘肃省、甘肃或620000），其市县为方案的下级地区；默认：方案所写的省份，否则为宁夏",
    "the State Council's holiday notice of a year the installed calendar lacks (国务院办公厅关于YYYY年部分节假日安排的通知, as .txt, .html, .docx or .pdf); repeatable": "已安装日历尚未收录年份的国务院办公厅节假日安排通知（.txt、.html、.docx 或 .pdf），可多次给出",
    "print data (JSON) for scripts": "输出数据（JSON），供程序使用",
    "the unit's name or any alias (医保局)": "单位全称或简称（如 医保局）",
    "the report date, YYYY-MM-DD (default: today)": "报告日期，年-月-日（默认：今天）",
    "a progress file (CSV in UTF-8 or GB18030, XLSX or JSON) of what was done": "进度记录文件（CSV，UTF-8 或 GB18030 编码；XLSX 或 JSON）",
    "how many days before a due date an item is due soon (default: 7)": "截止日期前多少天算即将到期（默认：7）",
    "only what this unit answers for (any name or alias)": "只看该单位负责的事项（全称或简称）",
    "list every item (the text lists at most 50 per unit and per table)": "列出全部事项（文本默认每个单位、每张表最多列 50 项）",
    "the folder to write into": "写入的文件夹",
    "only this format (repeatable; default: every format available)": "只生成这种格式（可重复；默认：全部可用格式）",
    "the format": "格式",
    "where to write (default: stdout)": "写到哪里（默认：屏幕）",
    "with --format ics: one unit's calendar": "与 --format ics 同用：一个单位的日历",
    "ledger files or folders (CSV in UTF-8 or GB18030, XLSX or Parquet); a folder: every such file in it;"
    " with --engine spark also tables of the Spark catalog (db.households)": "台账文件或文件夹（CSV，UTF-8 或 GB18030 编码；XLSX 或 Parquet）；文件夹：其中全部台账文件；与 --engine spark 同用时也可为 Spark 目录中的表（db.households）",
    "the year's monitoring line in yuan per person (8700); without it the income rule cannot run": "当年监测线，元/人（如 8700）；不给出则无法运行收入规则",
    "also write every finding to .xlsx, .csv or .parquet": "同时把全部问题写入 .xlsx、.csv 或 .parquet 文件",
    "the date of the check, YYYY-MM-DD (default: today)": "核查日期，年-月-日（默认：今天）",
    "which ledger the file is (default: the one whose columns it has)": "台账种类（默认：按列名判断）",
    "where the rules run (default: DuckDB when installed, else Python objects)": "规则在哪里运行（默认：装有 DuckDB 时用 DuckDB，否则用 Python 对象）",
    "with --engine spark: the Spark master (default: local[*])": "与 --engine spark 同用：Spark 主节点（默认：local[*]）",
    "an XLSX workbook's sheet to read: its name, or its number from 1 (default: the first shown worksheet)": "要读取的 XLSX 工作表：表名，或从 1 起的序号（默认：第一个未隐藏的工作表）",
    "list every note of the reading (routine ones too), not only those worth reading": "列出读取时的全部提示（包括常规提示）",
    "the plan: text (UTF-8/GB18030), .docx, .xlsx/.csv 分工表, saved .html or .pdf": "方案：文本（UTF-8/GB18030）、.docx、.xlsx/.csv 分工表、保存的 .html 或 .pdf",
    "a TOML file of more body names ([[body]] names/short/kind) for resolving units": "补充单位名称的 TOML 文件（[[body]] names/short/kind）",
    "the plan file to write (.toml/.json)": "要写出的方案文件（.toml/.json）",
    "the date that gives phrases without a year their year (default: the 发文时间)": "为不带年份的时间补年份所用的日期（默认：发文时间）",
    "the place: 同心县 or 640324": "地区：如 同心县 或 640324",
    "the local plan file (.toml/.json)": "本级方案文件（.toml/.json）",
    "a counterpart table (TOML)": "对口表（TOML）",
    "a place file (TOML) added to the bundled": "补充的地区文件（TOML）",
    "bring every due date forward by N days (default: milestones 5 working days)": "每个截止日期提前 N 天（默认：时间节点提前 5 个工作日）",
    "count --lead-days as calendar days": "--lead-days 按自然日计",
    "the parent plan file (.toml/.json)": "上级方案文件（.toml/.json）",
    "the local plan: a plan file or its text": "本级方案：方案文件或文本",
    "the local plan's place (default: inferred)": "本级方案的地区（默认：自动判断）",
    "progress files named after places (640324.csv)": "以地区命名的进度文件（如 640324.csv）",
    "the date, YYYY-MM-DD (default: today)": "日期，年-月-日（默认：今天）",
    "rank the places on this indicator (repeatable; default: every one measured)": "按该指标给地区排名（可重复；默认：全部有数据的指标）",
    "a place whose children should all report (repeatable; 宁夏回族自治区 for every city)": "下辖地区都应报送的地区（可重复；宁夏回族自治区 表示各市）",
    "with --expect: the level of the places expected (default: county)": "与 --expect 同用：应报送地区的层级（默认：县）",
    "also write the HTML site with a page per place": "同时生成网页，每个地区一页",
    "the old plan file (.toml/.json)": "旧版方案文件（.toml/.json）",
    "the new plan file (.toml/.json)": "新版方案文件（.toml/.json）",
    "text (default), Markdown, an HTML page or JSON records": "文本（默认）、Markdown、网页或 JSON 记录",
    "the 调度 date, YYYY-MM-DD (default: today)": "调度日期，年-月-日（默认：今天）",
    "the progress recorded before this 调度 (CSV/XLSX/JSON)": "本次调度前已有的进度记录（CSV/XLSX/JSON）",
    "ask about items due by this day (default: month end)": "询问截至该日到期的事项（默认：月底）",
    "the folder of returned sheets": "报回调度表所在的文件夹",
    "the --until the sheets were written with, if any (only for sheets without a record of "
    "what was sent: written by earlier versions)": "生成调度表时用的 --until（如有；只用于没有发送记录的旧版调度表）",
    "the merged file (.csv/.xlsx): every row with its source, verdict and reason": "汇总文件（.csv/.xlsx）：每行附来源、核查结论和理由",
    "also write the progress so far plus the accepted records, as a progress file": "同时写出已有进度加上本次采纳的记录（进度文件）",
    "a folder of returned sheets to collect first": "先汇总该文件夹中报回的调度表",
    "a file written by collect, with the verdicts as the office has settled them": "collect 写出并经办公室确认结论的汇总文件",
    "the file: .md, .html, .docx or .xlsx": "文件：.md、.html、.docx 或 .xlsx",
}
"""English help text → Chinese."""

_TITLES = {"positional arguments": "位置参数", "options": "选项"}


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法: " if prefix is None else prefix)


def wants_chinese(argv: Sequence[str], environ: dict[str, str] | None = None) -> bool:
    """Return whether help should be in Chinese: ``--lang zh`` given, or a ``zh_*`` locale.

    Examples
    --------
    >>> wants_chinese(["--lang", "zh", "--help"], {}), wants_chinese(["--help"], {"LANG": "zh_CN.UTF-8"})
    (True, True)
    >>> wants_chinese(["--help"], {"LANG": "C.UTF-8"}), wants_chinese(["--lang=en", "-h"], {"LANG": "zh_CN"})
    (False, False)
    """
    env = os.environ if environ is None else environ
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1] == "zh"
        if arg.startswith("--lang="):
            return arg == "--lang=zh"
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return locale.startswith("zh")


def translate(parser: argparse.ArgumentParser) -> None:
    """Put the Chinese help of :data:`HELP_ZH` into ``parser`` and all its subcommands."""
    parser.formatter_class = _Formatter
    if parser.description:
        parser.description = HELP_ZH.get(parser.description, parser.description)
    for group in parser._action_groups:  # noqa: SLF001 - argparse keeps section titles here
        if group.title in _TITLES:
            group.title = _TITLES[group.title]
    for action in parser._actions:  # noqa: SLF001 - argparse keeps its actions here
        if action.help and action.help != argparse.SUPPRESS:
            action.help = HELP_ZH.get(action.help, action.help)
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for choice in action._choices_actions:  # noqa: SLF001
                if choice.help:
                    choice.help = HELP_ZH.get(choice.help, choice.help)
            for sub in action.choices.values():
                translate(sub)
