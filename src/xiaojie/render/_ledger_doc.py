"""The ledger check report (台账核查结果): bad rows, findings by rule, and every finding.

Personal data never appears: a row is named by its ledger id (户编号, 资产编号 …), the row
problems are the ledger reader's messages (which mask names, ID numbers and telephone numbers)
and a finding carries only what the rule found and what the plan requires.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from xiaojie.errors import UnknownUnitError
from xiaojie.render._doc import Cell, Document, Heading, Paragraph, Table
from xiaojie.render._labels import check_lang, label, label_of


if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from xiaojie.ledgers import Findings, LedgerReport, Rule
    from xiaojie.model import Plan


__all__ = ["ledger_problem", "ledger_report", "ledger_skip_reason", "plan_unit_name"]

_PROBLEM = re.compile(r"^(?P<head>.*?)expected (?P<expected>.+), found (?P<found>.*)$", re.DOTALL)
_EXPECTED_ZH: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^a real calendar date$"), "真实的日历日期"),
    (re.compile(r"^a date such as (\S+) or (\S+)$"), r"日期,如\1或\2"),
    (re.compile(r"^a date between (\d+) and (\d+)$"), r"\1年至\2年之间的日期"),
    (re.compile(r"^a date$"), "日期"),
    (re.compile(r"^an amount in yuan such as (\S+)$"), r"以元计的金额,如\1"),
    (re.compile(r"^an amount below 10\*\*16 yuan$"), "小于10的16次方元的金额"),
    (re.compile(r"^a whole number (\d+)-(\d+)$"), r"\1至\2之间的整数"),
    (re.compile(r"^a whole number$"), "整数"),
    (re.compile(r"^an id without spaces or invisible characters$"), "不含空格或不可见字符的编号"),
    (re.compile(r"^是 or 否 \(1 or 0\)$"), "是或否(1或0)"),
    (re.compile(r"^是 or 否$"), "是或否"),
    (re.compile(r"^5-20 digits or hyphens$"), "5至20位数字或连字符"),
    (re.compile(r"^an? (\S+) value$"), lambda m: _KIND_ZH.get(m.group(1), m.group(1))),
    (re.compile(r"^a value$"), "有值"),
    (re.compile(r"^a value not used before$"), "不重复的值"),
    (re.compile(r"^a positive whole number$"), "正整数"),
    (re.compile(r"^an amount in yuan$"), "以元计的金额"),
    (re.compile(r"^a share between 0 and 1$"), "0到1之间的比例"),
    (
        re.compile(r"^an elimination on or after the identification (\S+)$"),
        r"风险消除时间不早于识别时间\1",
    ),
    (
        re.compile(r"^a valid GB 11643-1999 identity number(?: \((.+)\))?$"),
        lambda m: "符合GB 11643-1999的身份证号码" + _id_problem_zh(m.group(1)),
    ),
    (
        re.compile(r"^17 digits and a check character \(18 characters\)$"),
        "17位数字加1位校验码(共18位)",
    ),
    (re.compile(r"^an acceptance date for a (\S+) problem$"), r"\1问题的验收时间"),
    (re.compile(r"^no acceptance date for a (\S+) problem$"), r"\1问题不填验收时间"),
    (re.compile(r"^a closing date for a (\S+) problem$"), r"\1问题的销号时间"),
    (re.compile(r"^no closing date for a (\S+) problem$"), r"\1问题不填销号时间"),
    (re.compile(r"^at least one 整改措施 for a (\S+) problem$"), r"\1问题至少一项整改措施"),
    (re.compile(r"^a deadline on or after (\S+)$"), r"不早于\1的整改时限"),
    (re.compile(r"^a closing on or after the acceptance (\S+)$"), r"不早于验收时间\1的销号时间"),
    (
        re.compile(r"^an acceptance on or after the registration (\S+)$"),
        r"不早于发现时间\1的验收时间",
    ),
    (re.compile(r"^a date in or after the funding year (\d+)$"), r"不早于资金年度\1年的日期"),
    (
        re.compile(r"^a revitalisation date only for a revitalised asset$"),
        "盘活时间仅用于已盘活的资产",
    ),
    (re.compile(r"^a write-off only for a scrapped asset$"), "核销仅用于报废报损的资产"),
    (re.compile(r"^more than 0 yuan$"), "大于0元"),
    (re.compile(r"^an amount of at least 0 yuan$"), "不小于0元的金额"),
    (re.compile(r"^at most the spent (\S+)$"), r"不超过已支出金额\1"),
    (re.compile(r"^(脱贫不稳定户|边缘易致贫户) only for a (\S+)$"), r"\1仅限\2"),
    (
        re.compile(r"^an identification on or after the risk clue (\S+)$"),
        r"识别时间不早于风险线索发现时间\1",
    ),
    (re.compile(r"^an elimination only after an identification$"), "先识别认定再消除风险"),
    (re.compile(r"^a 风险消除方式 only with a 风险消除时间$"), "有风险消除时间才填风险消除方式"),
    (re.compile(r"^a start date for (\S+)$"), r"\1的开始时间"),
    (re.compile(r"^a kind for the (\S+) starting (\S+)$"), r"\2开始的\1的类型"),
    (re.compile(r"^已验收 before 已销号$"), "先已验收后已销号"),
    (re.compile(r"^a scrapped asset \(报废报损\) before a write-off$"), "先报废报损再核销"),
    (re.compile(r"^at most the allocated (\S+)$"), r"不超过下达金额\1"),
    (re.compile(r"^one of (.+)$"), r"\1之一"),
    (re.compile(r"^text in (\S+)$"), r"\1编码的文本"),
)
_FOUND_ZH: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^an empty cell$"), "空白"),
    (re.compile(r"^none$"), "无"),
    (re.compile(r"^no identification$"), "无识别时间"),
    (re.compile(r"^(脱贫不稳定户|边缘易致贫户) for a (\S+)$"), r"\2标为\1"),
    (re.compile(r"^a duplicate of row (\d+)$"), r"与第\1行重复"),
    (
        re.compile(
            r"^a formula with no computed value \(cell (\S+) of sheet (.+); open and save the "
            r"workbook in Excel or LibreOffice to compute it\)$",
            re.DOTALL,
        ),
        r"未计算结果的公式(工作表\2的\1单元格;请用Excel或LibreOffice打开并保存工作簿后重新计算)",
    ),
    (
        re.compile(
            r"^bytes that are not (\S+) \((\d+) bytes?, not shown: they may spell personal data\)$"
        ),
        r"不能按\1读取的字节(\2个,可能含个人信息,不予显示)",
    ),
    (
        re.compile(r"^bytes that are not (\S+) \(([^()]*)\) in (.+)$", re.DOTALL),
        r"不能按\1读取的字节(\2),在\3中",
    ),
    (re.compile(r"^bytes that are not (\S+) \(([^()]*)\)$"), r"不能按\1读取的字节(\2)"),
)
"""The words of what a cell held ("found …") that are not the cell itself, in Chinese."""
_SKIP_REASONS = {
    "no_line": (
        "缺少当年监测线(元/人),无法判断人均纯收入是否稳定超过监测范围;用 --monitoring-line 给出",
        "no monitoring line (yuan per person) was given, so income cannot be compared; give it with --monitoring-line",
    ),
}


_KIND_ZH: dict[str, str] = {
    "key": "编号",
    "text": "文本",
    "lines": "文本",
    "name": "姓名",
    "id_number": "身份证号码",
    "phone": "电话号码",
    "date": "日期",
    "flag": "是或否",
    "money": "金额",
    "int": "整数",
    "enum": "规定的选项之一",
    "enum_list": "规定的选项",
}
"""What a typed cell (Parquet, a typed spreadsheet cell) of each kind of field should hold."""
_ID_PROBLEMS_ZH: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^expected 17 digits and a check character \(18 characters\), found a full-width "
            r"digit at character (\d+).*$"
        ),
        r"第\1位是全角数字,请用半角数字填写",
    ),
    (
        re.compile(
            r"^expected 17 digits and a check character \(18 characters\), found a (letter|sign) "
            r"at character (\d+)$"
        ),
        r"第\2位不是数字(\1)",
    ),
    (
        re.compile(
            r"^expected 17 digits and a check character \(18 characters\), found (\d+) characters$"
        ),
        r"应为17位数字加1位校验码(共18位),实为\1位",
    ),
    (re.compile(r"^characters 7-14 are not a real birth date$"), "第7至14位不是真实的出生日期"),
    (
        re.compile(r"^characters 7-10 are not a birth year between (\d+) and (\d+)$"),
        r"第7至10位不是\1至\2年之间的出生年份",
    ),
    (
        re.compile(r"^the check character does not match the checksum; its last digits are 000.*$"),
        "校验码与前17位不符;末三位为000,像是表格把号码存成了数字(只保留15位):请将该列设为文本后重新录入",
    ),
    (re.compile(r"^the check character does not match the checksum$"), "校验码与前17位不符"),
)


def _id_problem_zh(problem: str | None) -> str:
    """Return what is wrong with an identity number in Chinese, in brackets ("" if unsaid)."""
    if not problem:
        return ""
    for pattern, words in _ID_PROBLEMS_ZH:
        if pattern.match(problem):
            said = pattern.sub(words, problem).replace("(letter)", "(字母)")
            return f"({said.replace('(sign)', '(符号)')})"
    return f"({problem})"


def ledger_skip_reason(code: str, lang: str = "zh") -> str:
    """Return why a rule could not run, in words (``code`` ``"no_line"``: no monitoring line).

    Examples
    --------
    >>> ledger_skip_reason("no_line")[:8]
    '缺少当年监测线('
    """
    zh, en = _SKIP_REASONS.get(code, (code, code))
    return en if lang == "en" else zh


def ledger_problem(message: str, lang: str = "zh") -> str:
    """Return a ledger reader's problem message in the report's language.

    In Chinese the message reads "列: 应为…,实为…" (words the table does not know are kept);
    in English it is returned as the reader wrote it.

    Examples
    --------
    >>> ledger_problem("识别时间: expected a real calendar date, found '2025-02-30'")
    "识别时间: 应为真实的日历日期,实为'2025-02-30'"
    >>> ledger_problem("识别时间: expected a date, found 'x'", "en")
    "识别时间: expected a date, found 'x'"
    >>> ledger_problem("something else")
    'something else'
    >>> ledger_problem("行政村: expected text in GB18030, found bytes that are not GB18030 (0xB9)")
    '行政村: 应为GB18030编码的文本,实为不能按GB18030读取的字节(0xB9)'
    >>> ledger_problem("户编号: expected a value, found an empty cell")
    '户编号: 应为有值,实为空白'
    """
    return message if lang == "en" else _problem_zh(message)


def _problem_zh(message: str) -> str:
    """Return a reader's problem line in Chinese: "列: 应为…,实为…" (unknown words kept)."""
    match = _PROBLEM.match(message)
    if match is None:
        return message
    expected = match["expected"]
    for pattern, words in _EXPECTED_ZH:
        if pattern.match(expected):
            expected = pattern.sub(words, expected)
            break
    found = match["found"]
    for pattern, words in _FOUND_ZH:
        if pattern.match(found):
            found = pattern.sub(words, found)
            break
    return f"{match['head']}应为{expected},实为{found}"


def plan_unit_name(plan: Plan | None, name: str) -> str:
    """Return a unit's name as the plan's registry spells it (``name`` itself if unknown).

    Ledger rules name the units of the task they cite in their own words (自治区医保局); a
    report, its JSON and written findings name them as the plan does.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> plan_unit_name(load_plan(), "自治区医保局")
    '自治区医疗保障局'
    >>> plan_unit_name(load_plan(), "某某委员会"), plan_unit_name(None, "自治区医保局")
    ('某某委员会', '自治区医保局')
    """
    if plan is None:
        return name
    try:
        return plan.units.resolve(name).name
    except UnknownUnitError:
        return name


def _w(key: str, lang: str) -> str:
    return label(f"ledger_{key}", "en" if lang == "en" else "zh")


def ledger_report(
    report: LedgerReport,
    findings: Findings,
    *,
    rules: tuple[Rule, ...] = (),
    not_run: Sequence[tuple[Rule, str]] = (),
    plan: Plan | None = None,
    lang: str = "zh",
) -> Document:
    r"""Return the report of a ledger check: what was read and what the plan's rules found.

    Parameters
    ----------
    report
        The reader's report (:func:`xiaojie.ledgers.read_ledger` ``.report``).
    findings
        The findings (:func:`xiaojie.ledgers.check`), which fix the date.
    rules
        The rules that were applied, for their titles; rule ids are shown when left out.
    not_run
        The rules that could not run, each with why (:func:`ledger_skip_reason`): they are
        named in the report, so that no rule is skipped silently.
    plan
        The plan: responsible units are named as its registry names them (自治区医疗保障局,
        not 自治区医保局).
    lang
        ``"zh"`` or ``"en"``.

    Returns
    -------
    Document
        A summary; the file's problems (row, column, masked message); the count of findings
        per rule; every finding, sorted by rule and subject.

    Raises
    ------
    RenderError
        If ``lang`` is not supported.

    Examples
    --------
    >>> import datetime as dt, pathlib, tempfile
    >>> from xiaojie.ledgers import check, read_ledger, rules_for
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "户.csv").write_text(
    ...     "户编号,户类型,风险线索发现时间,识别时间\n"
    ...     "H1,一般农户,2025-06-01,2025-06-30\n", encoding="utf-8")
    >>> read = read_ledger(folder / "户.csv", "households")
    >>> doc = ledger_report(read.report, check(read.rows, as_of=dt.date(2025, 8, 1)),
    ...                     rules=rules_for("households"))
    >>> [t.name for t in doc.tables()], doc.tables()[1].rows[0][2]
    (['by_rule', 'findings'], ('H1',))
    """
    language = check_lang(lang)
    titles = {r.id: r.title or r.id for r in rules}
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(
            f"{_w('file', language)}: {report.source} · {_w('ledger', language)}: "
            f"{report.ledger} · {_w('as_of', language)} {findings.as_of.isoformat()}"
        ),
        Paragraph(
            _w("read", language).format(
                rows=report.rows,
                good=report.good,
                bad=len(report.bad_rows),
                issues=len(report.issues),
            )
        ),
    ]
    if report.ignored_columns:
        # a misspelt header is a column no rule reads: named, so that it is not lost silently
        columns = ("、" if language == "zh" else ", ").join(report.ignored_columns)
        blocks.append(Paragraph(_w("ignored", language).format(columns=columns)))
    if not_run:
        blocks.append(Heading(_w("not_run", language)))
        blocks.append(
            Table(
                name="not_run",
                columns=[_w(k, language) for k in ("rule", "why")],
                rows=[(r.title or r.id, why) for r, why in not_run],
            )
        )
    if report.issues:
        blocks.append(Heading(_w("issues", language)))
        words = (lambda m: m) if language == "en" else _problem_zh
        blocks.append(
            Table(
                name="issues",
                columns=[_w(k, language) for k in ("row", "column", "problem")],
                rows=[(str(i.row), i.column, words(i.message)) for i in report.issues],
            )
        )
    if report.rows == 0:
        blocks.append(Paragraph(_w("empty", language), notice=True))
        return Document(slug="ledger", title=_w("title", language), lang=language, blocks=blocks)
    counts = {rule: n for rule, n in findings.by_rule().items() if n}
    if not counts:
        blocks.append(Paragraph(_w("none", language)))
        return Document(slug="ledger", title=_w("title", language), lang=language, blocks=blocks)
    task_of = {f.rule: f.task for f in findings}
    blocks.append(Heading(_w("by_rule", language)))
    blocks.append(
        Table(
            name="by_rule",
            columns=[_w(k, language) for k in ("rule", "task", "count")],
            rows=[(titles.get(r, r), str(task_of[r]), str(n)) for r, n in counts.items()],
        )
    )
    blocks.append(Heading(_w("findings", language)))
    rows: list[tuple[Cell, ...]] = [
        (
            titles.get(f.rule, f.rule),
            label_of(f.severity, language),
            f.subject,
            str(f.place),
            f.found,
            f.expected,
            str(f.task),
            "、".join(plan_unit_name(plan, u) for u in f.units),
        )
        for f in findings
    ]
    blocks.append(
        Table(
            name="findings",
            columns=[
                _w(k, language)
                for k in (
                    "rule",
                    "severity",
                    "subject",
                    "place",
                    "found",
                    "expected",
                    "task",
                    "units",
                )
            ],
            rows=rows,
        )
    )
    return Document(slug="ledger", title=_w("title", language), lang=language, blocks=blocks)
