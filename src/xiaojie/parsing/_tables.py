"""任务分工表: tables whose rows are tasks, read into item lines the parser already knows.

A table is a 分工表 when its header row names a task column and a responsibility column. The
columns are mapped by meaning through :data:`COLUMNS` (header words → role), which callers can
extend. Each row becomes one numbered item line with a labelled clause::

    序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限
    1    | 产业帮扶 | 完善联农带农机制 | 省农业农村厅 | 省财政厅 | 2025年底前

    (一)产业帮扶
    1.完善联农带农机制。(牵头单位:省农业农村厅;配合单位:省财政厅;完成时限:2025年底前)

Tables come from ``.docx``/``.xlsx``/``.csv`` readers, or from text rows separated by tabs,
``|`` or runs of spaces.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING

import attrs

from xiaojie.parsing._owners import join_groups, whole_after
from xiaojie.parsing._text import split_outside


if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


__all__ = [
    "COLUMNS",
    "PROGRESS_HEADER",
    "Table",
    "column_role",
    "could_be_plan",
    "header_roles",
    "row_lines",
    "table_lines",
    "text_tables",
]

Table = list[list[str]]
"""A table: rows of cell texts, the header row first."""

COLUMNS: dict[str, str] = {
    "序号": "number",
    "编号": "number",
    "重点任务": "group",
    "任务类别": "group",
    "主要任务": "group",
    "工作类别": "group",
    "类别": "group",
    "领域": "group",
    "工作事项": "group",
    "任务分类": "group",
    "任务类型": "group",
    "主要方向": "group",
    "重点方向": "group",
    "具体措施": "task",
    "工作措施": "task",
    "具体任务": "task",
    "任务内容": "task",
    "工作内容": "task",
    "工作任务": "task",
    "重点工作": "task",
    "主要内容": "task",
    "任务事项": "task",
    "整改措施": "task",
    "整改任务": "task",
    "任务": "task",
    "措施": "task",
    "任务名称": "task",
    "主要措施": "task",
    "工作举措": "task",
    "改革举措": "task",
    "主要举措": "task",
    "牵头单位": "lead",
    "牵头负责部门": "lead",
    "牵头负责单位": "lead",
    "牵头部门": "lead",
    "主责单位": "lead",
    "牵头责任单位": "lead",
    "主要责任单位": "lead",
    "主办单位": "lead",
    "主办部门": "lead",
    "责任主体": "units",
    "协办部门": "support",
    "配合责任单位": "support",
    "其他责任单位": "units",
    "承办单位": "units",
    "责任单位": "units",
    "责任部门": "units",
    "负责部门": "units",
    "负责单位": "units",
    "推进单位": "units",
    "推进部门": "units",
    "指导部门": "units",
    "指导单位": "units",
    "推进主体": "units",
    "配合单位": "support",
    "配合部门": "support",
    "协办单位": "support",
    "参与单位": "support",
    "协同单位": "support",
    "协同责任单位": "support",
    "责任乡镇": "implement",
    "责任街镇": "implement",
    "责任镇街": "implement",
    "责任街道": "implement",
    "实施乡镇": "implement",
    "落实乡镇": "implement",
    "落实单位": "implement",
    "实施单位": "implement",
    "实施主体": "implement",
    "责任人": "person",
    "责任领导": "person",
    "分管领导": "person",
    "牵头领导": "person",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "完成日期": "deadline",
    "截止时间": "deadline",
    "截止日期": "deadline",
    "办结时间": "deadline",
    "时间节点": "deadline",
    "完成时间节点": "deadline",
    "完成时限要求": "deadline",
    "时间要求": "deadline",
    "时限": "deadline",
    "进度安排": "deadline",
    "时间进度": "deadline",
    "时间安排": "deadline",
    "处室": "office",
    "内设处室": "office",
    "牵头处室": "office",
    "配合处室": "office",
    "责任处室": "office",
    "责任科室": "units",
    "牵头科室": "lead",
    "配合科室": "support",
    "目标任务": "task",
    "攻坚目标任务": "task",
    "任务安排": "task",
    "工作任务安排": "task",
    "完成情况": "progress",
    "进展情况": "progress",
    "执行情况": "progress",
    "推进情况": "progress",
    "工作进展": "progress",
}
"""Header words → column role: number, group, task, lead, units, support, implement, person,
deadline, plan (a year's plan of the task, read as its text: ``2025年计划``) and office (offices
inside one body, such as ``市卫健委内牵头处室``: internal contacts, not units of the plan, dropped)
and progress (a report's 完成情况 column, ``第二季度完成情况``: what was done, not the task, dropped).
A township's 科室 (责任科室) are its own offices and the units of its plan."""

_PLAN_HEADER = re.compile(
    r"^(?:\d{4}|[一二三四五六七八九十]+)年度?(?:工作)?(?:项目|计划|目标|任务|安排)$"
)
"""A column holding one year's plan of each task (``2024年工作项目``, ``2025年计划``)."""

PROGRESS_HEADER = re.compile(
    r"^(?:\d{4}年)?(?:第?[一二三四1-4]季度|[上下]半年|全年|前?\d{1,2}(?:[-—~至]\d{1,2})?月份?)?"
    r"(?:工作)?(?:完成|进展|执行|推进|落实)情况$"
)
"""A column reporting what was done in a period (``第二季度完成情况``, ``1-6月进展情况``)."""

_NONE = frozenset({"/", "／", "无", "—", "——", "－", "-", "\\", "空"})
"""What a cell writes for "none"."""

_UNIT_ROLES = frozenset({"lead", "units", "support", "implement"})
_BODY_END = re.compile(
    r"(?:局|厅|委|办|部|院|会|社|处|中心|政府|公司|集团|单位|部门|各区|各县|乡镇|街道)$"
)
_ROLE_WORD = re.compile(r"牵头|配合|负责|落实|参与|协办|会同")

_LABEL = {
    "lead": "牵头单位",
    "units": "责任单位",
    "support": "配合单位",
    "implement": "落实单位",
    "person": "责任人",
    "deadline": "完成时限",
}
_CN = "一二三四五六七八九十"


def _cn(n: int) -> str:
    """Return ``n`` (1–99) in Chinese numerals, as headings number: 十一, 二十三.

    Examples
    --------
    >>> [_cn(n) for n in (1, 10, 11, 20, 23)]
    ['一', '十', '十一', '二十', '二十三']
    """
    if n <= 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


_HEADER_HINT = re.compile(r"牵头|责任|配合|主责|负责|主办|协办|落实单位|实施主体")


@functools.lru_cache(maxsize=16)
def _header_hint(columns: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Return what a header line holds: a role word, or a header word of a unit column.

    The header words of unit columns (承办单位, 推进单位 …) and those the caller gives
    (``columns={"指导部门": "units"}``) start a table as 牵头 and 责任 do.
    """
    words = {word for word, role in (*COLUMNS.items(), *columns) if role in _UNIT_ROLES}
    extra = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(f"{_HEADER_HINT.pattern}|{extra}" if extra else _HEADER_HINT.pattern)


_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{2,}| {2,}")


def column_role(cell: str, columns: Mapping[str, str] | None = None) -> str:
    """Return the role of one header cell (``""`` when no header word names it).

    The whole cell is looked up first (without a closing note in parentheses), then a year's
    plan (``2025年计划``), then the longest header word inside a short cell.

    Examples
    --------
    >>> column_role("牵头部门"), column_role("重点任务（2024-2026）"), column_role("2025年计划")
    ('lead', 'group', 'plan')
    >>> column_role("市卫健委内牵头处室"), column_role("备注")
    ('office', '')
    """
    table = {**COLUMNS, **(columns or {})}
    key = _header_key(cell)
    role = (
        table.get(key)
        or ("plan" if _PLAN_HEADER.match(key) else "")
        or ("progress" if PROGRESS_HEADER.match(key) else "")
    )
    if role or len(key) > 12:
        return role
    return next((table[w] for w in _longest_first(table) if w in key), "")


_WORDS: list[tuple[dict[str, str], list[str]]] = []
"""The last header map seen and its words, longest first (a table's header is read often)."""


def _longest_first(table: dict[str, str]) -> list[str]:
    """Return the header words of ``table``, longest first."""
    last = _WORDS[-1] if _WORDS else None
    if last is None or last[0] != table:
        last = (dict(table), sorted(table, key=len, reverse=True))
        _WORDS[:] = [last]
    return last[1]


def _header_key(cell: str) -> str:
    """Return a header cell as looked up: no spaces, no closing note in parentheses."""
    whole = re.sub(r"\s", "", cell)
    return re.sub(r"[(（][^()（）]*[)）]$", "", whole) or whole


def could_be_plan(cell: str, table: Mapping[str, str]) -> bool:
    """Whether :func:`column_role` could read ``cell`` as a year's plan column under ``table``.

    A cheap test for readers that only want whole header words or plans.
    """
    return "plan" in table.values() or _PLAN_HEADER.match(_header_key(cell)) is not None


def header_roles(row: Sequence[str], columns: Mapping[str, str] | None = None) -> list[str] | None:
    """Return each column's role if ``row`` is a 分工表 header, else ``None``.

    A header needs a task column and a lead, units or implementers column. When a table has both 重点任务
    and 具体措施, 重点任务 groups the rows; alone, it is the task.

    Examples
    --------
    >>> header_roles(["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"])
    ['number', 'group', 'task', 'lead', 'support', 'deadline']
    >>> header_roles(["序号", "重点任务", "责任单位"])
    ['number', 'task', 'units']
    >>> header_roles(["姓名", "电话"]) is None
    True
    """
    # A cell merged across many columns repeats its text: each distinct text is looked up once.
    known: dict[str, str] = {}
    roles = [
        known[cell] if cell in known else known.setdefault(cell, column_role(cell, columns))
        for cell in row
    ]
    if "task" not in roles and "group" in roles:
        # No column of measures: the last (finest) group column holds the tasks.
        roles[len(roles) - 1 - roles[::-1].index("group")] = "task"
    if "task" not in roles or not ({"lead", "units", "implement"} & set(roles)):
        return None  # (implementers alone: the first leads, as in a clause)
    return roles


def table_lines(table: Table, columns: Mapping[str, str] | None = None) -> list[str] | None:
    """Return the item lines of a 分工表 (see the module notes), or ``None`` for other tables.

    Examples
    --------
    >>> rows = [["序号", "具体措施", "牵头单位", "配合单位"], ["1", "完善机制", "市民政局", "市财政局"]]
    >>> table_lines(rows)
    ['1.完善机制。(牵头单位:市民政局;配合单位:市财政局)']
    """
    rows = row_lines(table, columns)
    return None if rows is None else [line for _, lines in rows for line in lines]


def row_lines(
    table: Table,
    columns: Mapping[str, str] | None = None,
    guesses: list[tuple[int, str]] | None = None,
) -> list[tuple[int, list[str]]] | None:
    """Return ``(row index, its lines)`` for each row of a 分工表, or ``None`` for other tables.

    A row gives its item line, after a campaign heading when its group (重点任务) changes; an
    empty group cell (a cell merged with the one above, copied out as nothing) keeps the group
    of the row before. A row whose only text is one cell (or one cell repeated, as a merged row
    reads) is a group heading of its own. ``/`` or ``无`` in a cell is none; unit lists may be
    separated by 、，, or ；.

    Where a numbered table goes on over rows whose 序号 is empty (or repeats the one above, as a
    merged cell reads), those rows continue the numbered item: it is one task, with the text
    and the units of all its rows (the units in the order first written, the first 牵头单位
    leading). If then the group column changes exactly where the number does, it is the item's
    own title (工作事项), written before its text. A numbered row whose 牵头单位 cell is empty
    takes the lead of the item above (a lead cell merged over several tasks; a task always has
    a lead); ``guesses``, when given, receives ``(row index, what was guessed)`` for each.

    Examples
    --------
    >>> rows = [["序号", "重点任务", "具体措施", "牵头单位"], ["1", "产业", "完善机制", "县农业农村局"],
    ...         ["2", "", "壮大集体经济", "县委组织部"]]
    >>> row_lines(rows)
    [(1, ['(一)产业', '1.完善机制。(牵头单位:县农业农村局)']), (2, ['2.壮大集体经济。(牵头单位:县委组织部)'])]
    >>> rows = [["序号", "工作事项", "主要内容", "牵头单位", "配合单位"],
    ...         ["1", "扩大来源。", "招聘医生。", "各区政府", "市卫生健康委"],
    ...         ["", "", "培训医生。", "各区政府", "市人社局，市卫生健康委"], ["2", "优化团队。", "组建团队。", "各区政府", "/"]]
    >>> row_lines(rows)
    [(1, ['1.扩大来源。招聘医生。培训医生。(牵头单位:各区政府;配合单位:市卫生健康委、市人社局)']), (2, []), (3, ['2.优化团队。组建团队。(牵头单位:各区政府)'])]
    """
    start = next(
        (i for i, row in enumerate(table[:5]) if header_roles(row, columns) is not None), None
    )
    if start is None:
        return None
    roles = header_roles(table[start], columns)
    assert roles is not None  # noqa: S101 - found just above
    while start + 1 < len(table):
        # A header of two rows (责任单位 merged over 牵头单位 | 配合单位): the lower row is finer.
        lower = header_roles(table[start + 1], columns)
        if lower is None or len(lower) != len(roles):
            break
        roles = [fine or coarse for coarse, fine in zip(roles, lower, strict=True)]
        start += 1
    if roles.count("group") > 1:  # outer group columns (任务分类 over 主要方向) are sections
        last = len(roles) - 1 - roles[::-1].index("group")
        roles = ["section" if r == "group" and i != last else r for i, r in enumerate(roles)]
    body = [
        (index, _row_cells(row, roles)) for index, row in enumerate(table[start + 1 :], start + 1)
    ]
    body = [
        (index, cells)
        for index, cells in body
        if cells is None or header_roles(table[index], columns) is None
    ]
    items = _items(body, numbered="number" in roles, guesses=guesses)
    out: list[tuple[int, list[str]]] = [(index, []) for index in range(start + 1, len(table))]
    at = dict(out)
    group = section = ""
    groups = sections = 0
    count = 0
    for item in items:
        lines = at[item.first]
        if item.section and item.section != section:
            section = item.section
            sections += 1
            lines.append(
                f"{_cn(sections) if sections < 100 else sections}、{_MARKER.sub('', section)}"
            )
        if item.group and item.group != group:
            group = item.group
            groups += 1
            lines.append(f"({_cn(groups) if groups < 100 else groups}){_MARKER.sub('', group)}")
        if not item.texts:
            continue
        count += 1
        number = _NUMBER.search(item.number)
        ordinal = int(number.group(1)) if number is not None and int(number.group(1)) > 0 else count
        texts = [_OWN_NUMBER.sub("", item.texts[0]), *item.texts[1:]]
        text = "".join(t if t[-1] in "。；;！!？?" else f"{t} " for t in texts[:-1]) + texts[-1]
        if item.title:
            text = f"{item.title}{'' if item.title[-1] in '。；;:：' else ' '}{text}"
        text = text.rstrip("。")
        parts = [f"{_LABEL[r]}:{_join(item.cells[r], r)}" for r in _LABEL if item.cells.get(r)]
        clause = f"({';'.join(parts)})" if parts else ""
        lines.append(f"{ordinal}.{text}。{clause}" if clause else f"{ordinal}.{text}")
    return out


_MARKER = re.compile(r"^(?:[(（]?[一二三四五六七八九十]+[)）、.]|\d{1,2}[、.．](?!\d))")
_OWN_NUMBER = re.compile(r"^(?:[(（](\d{1,3})[)）]|(\d{1,3})[.、．](?!\d))")


def _join(values: list[str], role: str) -> str:
    """Join a role's values over an item's rows."""
    return ("；" if role == "deadline" else "、").join(values)


@attrs.define
class _Item:
    """One task of a table: its first row, number, group, title, texts and role values."""

    first: int
    number: str = ""
    section: str = ""
    group: str = ""
    title: str = ""
    texts: list[str] = attrs.Factory(list)
    cells: dict[str, list[str]] = attrs.Factory(dict)
    _taken: set[str] = attrs.field(factory=set, init=False)
    """Every value of :attr:`cells`, whatever its role (rows go on for thousands of lines)."""
    _by_role: dict[str, set[str]] = attrs.field(factory=dict, init=False)
    _seen: set[str] = attrs.field(factory=set, init=False)

    def add(self, cells: dict[str, str]) -> None:
        """Take a row's text and role values (each value once, a lead not again as a support)."""
        text = cells.get("task", "")
        plan = cells.get("plan", "")
        for piece in (text, plan):
            if piece and piece not in self._seen:
                self._seen.add(piece)
                self.texts.append(piece)
        values = _starred_lead({role: _values(cells.get(role, ""), role) for role in _LABEL})
        for role in _LABEL:
            for value in values[role]:
                if role in _UNIT_ROLES and value in self._taken:
                    continue
                known = self._by_role.setdefault(role, set())
                self.cells.setdefault(role, [])
                if value not in known:
                    known.add(value)
                    self.cells[role].append(value)
                    self._taken.add(value)


_STAR_MARK = re.compile(r"[(（][*＊★☆][)）]|[*＊★☆]+")
"""Marks of the lead units in a units column (责任部门(加*号为牵头部门,其余为参与部门))."""


def _starred_lead(values: dict[str, list[str]]) -> dict[str, list[str]]:
    """Move the starred units of a units column to the lead, the others of it to the support.

    Only where the row names no lead in a lead column (牵头单位 says who leads); the stars are
    taken off every unit's name in any case (区发改委*, 区发改委(*)).

    Examples
    --------
    >>> _starred_lead({"lead": [], "units": ["区规划资源局", "区农业农村委*"], "support": []})
    {'lead': ['区农业农村委'], 'units': [], 'support': ['区规划资源局']}
    >>> _starred_lead({"lead": ["区发改委*", "区财政局"], "implement": ["浦江镇（*）"]})
    {'lead': ['区发改委', '区财政局'], 'implement': ['浦江镇']}
    """
    starred = {role: [v for v in cell if _STAR_MARK.search(v)] for role, cell in values.items()}
    bare = {role: [_STAR_MARK.sub("", v) or v for v in cell] for role, cell in values.items()}
    if values.get("lead") or not any(starred.get(role) for role in ("units", "support")):
        return bare
    lead: list[str] = []
    support: list[str] = []
    for role in ("units", "support"):
        if not starred.get(role):
            continue
        lead += [_STAR_MARK.sub("", v) for v in values[role] if _STAR_MARK.search(v)]
        support += [v for v in values[role] if not _STAR_MARK.search(v)]
        bare[role] = []
    bare["lead"] = [v for v in lead if v]
    bare["support"] = [*support, *bare.get("support", [])]
    return bare


def _values(cell: str, role: str) -> list[str]:
    """Return a cell's values: a unit list split at 、 (whole when it names roles)."""
    if not cell:
        return []
    if role in _UNIT_ROLES and not _ROLE_WORD.search(cell):
        return [v for v in _split_units(cell) if v]
    return [cell]


def _split_units(cell: str) -> list[str]:
    """Split a unit list at 、 outside parentheses (各县(市、区) stays whole).

    Examples
    --------
    >>> _split_units("省发展改革委、各县（市、区）、")
    ['省发展改革委', '各县（市、区）', '']
    >>> _split_units("区发展改革委、各街镇、开发区")
    ['区发展改革委', '各街镇、开发区']
    """
    mark = "\ue000"
    return [
        part.replace(mark, "、")
        for part in split_outside(join_groups(cell, mark), "、", "(（〔[", ")）〕]")
    ]


_NOTE_AT_END = re.compile(r"[（(][^（）()]*[)）]$")


def _unit_lines(cell: str) -> str:
    r"""Separate the units a cell lists one a line (县民政局⏎县财政局) by 、.

    A line is a unit of its own as a unit written after a space is (:func:`whole_after`); else
    it goes on with the line before (a name a narrow cell broke: 中共同心县委⏎组织部,
    县人民政府⏎办公室).

    Examples
    --------
    >>> _unit_lines("县民政局\n县财政局\r\n各乡镇人民政府")
    '县民政局、县财政局、各乡镇人民政府'
    >>> _unit_lines("中共同心县委\n组织部\n县财政局、\n县教育局")
    '中共同心县委组织部、县财政局、县教育局'
    >>> _unit_lines("县人民政府\n办公室\n县教育局（牵头）\n县民政局")
    '县人民政府办公室、县教育局（牵头）、县民政局'
    """
    lines = [line.strip() for line in cell.splitlines() if line.strip()]
    out = lines[:1]
    for line in lines[1:]:
        before = out[-1]
        bare = _NOTE_AT_END.sub("", line.rstrip("、，,；;"))  # 县教育局（牵头）
        if before[-1] in "、，,；;" or not whole_after(before, bare):
            out[-1] = before + line
        else:
            out.append(line)
    return "、".join(out)


def _row_cells(row: list[str], roles: list[str]) -> dict[str, str] | None:
    """Return a row's values by role (a heading row of one text gives only its group)."""
    cells: dict[str, str] = {}
    for i, role in enumerate(roles):
        if not role or role in ("office", "progress"):
            continue
        raw = row[i] if i < len(row) else ""
        if role in _UNIT_ROLES and "\n" in raw:
            raw = _unit_lines(raw)
        value = re.sub(r"\s+", "", raw)
        if value in _NONE:
            value = ""
        if value and role in _UNIT_ROLES and not _ROLE_WORD.search(value):
            value = re.sub(r"[，,；;]+", "、", value).strip("、")
        if value and (value != cells.get(role) or role == "plan"):  # two columns of one role
            glue = " " if role == "plan" else "、"
            if role == "task":  # two columns of the task's text: sentences, one after the other
                glue = "" if cells.get(role, "")[-1:] in ("。", ";", "!", "?") else "。"
            cells[role] = f"{cells[role]}{glue}{value}" if cells.get(role) else value
        else:
            cells.setdefault(role, "")
    filled = {re.sub(r"\s+", "", c) for c in row if c.strip()}
    if len(filled) == 1 and len(row) > 2:
        return {"group": filled.pop()}
    return cells


def _items(
    body: list[tuple[int, dict[str, str] | None]],
    *,
    numbered: bool,
    guesses: list[tuple[int, str]] | None = None,
) -> list[_Item]:
    """Group a table's rows into items (see :func:`row_lines`)."""
    rows = [(index, cells) for index, cells in body if cells is not None]
    continued = numbered and any(
        cells.get("task") and cells.get("number", "") in ("", before.get("number"))
        for (_, before), (_, cells) in itertools.pairwise(rows)
    )
    titled = continued and _group_is_title(rows)
    items: list[_Item] = []
    group = section = ""
    for index, cells in rows:
        section = cells.get("section") or section
        if set(cells) == {"group"}:
            group = cells["group"]
            items.append(_Item(index, group=group))
            continue
        number = cells.get("number", "")
        same = (
            continued
            and items
            and items[-1].texts
            and (not number or number == items[-1].number)
            and (not cells.get("group") or cells["group"] == (items[-1].title or group))
        )
        if same:
            items[-1].add(cells)
            continue
        if not cells.get("task") and not cells.get("plan"):
            if cells.get("group") and not titled:
                group = cells["group"]
            continue
        before = items[-1] if items and items[-1].texts else None
        if (
            before is not None
            and "lead" in cells
            and not cells["lead"]
            and before.cells.get("lead")
        ):
            # A numbered row whose 牵头单位 cell is empty: the cell is merged with the row above
            # (a task always has a lead), as continued rows inherit theirs.
            row = {**cells, "lead": "、".join(before.cells["lead"])}
            if guesses is not None:
                guesses.append(
                    (
                        index,
                        (
                            f"分工表 row {number or index}: the 牵头单位 cell is empty; "
                            f"the lead above ({row['lead']}) taken as a merged cell"
                        ),
                    )
                )
        else:
            row = cells
        item = _Item(index, number=number, section=section)
        if titled:
            item.title = cells.get("group", "")
        else:
            group = cells.get("group") or group
        item.group = "" if titled else group
        item.add(row)
        items.append(item)
    return items


def _group_is_title(rows: list[tuple[int, dict[str, str]]]) -> bool:
    """Whether the group cells change exactly where the numbers do: each is its item's title."""
    number = group = ""
    for _, cells in rows:
        new_number = bool(cells.get("number")) and cells["number"] != number
        new_group = bool(cells.get("group")) and cells["group"] != group
        if new_number != new_group:
            return False
        number = cells.get("number") or number
        group = cells.get("group") or group
    return bool(group)


_NUMBER = re.compile(r"^[(（]?(\d{1,4})(?=[)）.、]?$)")
_RULE = re.compile(r"^[|+]?(?:\s*:?-{2,}:?\s*[|+])*\s*:?-{2,}:?\s*[|+]?$")
"""A rule line between a header and its rows (``|---|:--:|`` or ``+----+----+``)."""


def text_tables(
    lines: list[str],
    columns: Mapping[str, str] | None = None,
    guesses: list[tuple[int, str]] | None = None,
) -> list[str]:
    r"""Rewrite 分工表 rows written as text (tabs, ``|``, spaces) into item lines.

    Every other line is kept as it is; a table row keeps its line (one row, one line, after a
    campaign heading when its group changes), so line numbers still point into the source.
    Rows separated by tabs or ``|`` keep their empty cells (two tabs in a row are an empty cell,
    as a sheet or a Word table copied out writes a merged or blank cell); rule lines
    (``|---|---|``) are skipped. Rows separated by single spaces are fitted to the header: the
    task column takes the words that are left over.

    Examples
    --------
    >>> text_tables(["序号 | 具体措施 | 牵头单位", "1 | 完善机制 | 县民政局", "完"])
    ['', '1.完善机制。(牵头单位:县民政局)', '完']
    >>> text_tables(["序号 工 作 任 务 牵头负责部门", "1 居民消费价格涨幅3%左右 发展改革委"])
    ['', '1.居民消费价格涨幅3%左右。(牵头单位:发展改革委)']
    >>> text_tables(["序号\t具体措施\t牵头单位\t配合单位\t完成时限", "1\t完善机制\t县民政局\t\t年底前"])
    ['', '1.完善机制。(牵头单位:县民政局;完成时限:年底前)']
    """
    out = list(lines)
    # A full-width bar (｜) separates cells as | does; the lines given back keep theirs.
    lines = [line.replace("｜", "|") if "｜" in line else line for line in lines]
    index = 0
    hint = _header_hint(tuple(sorted((columns or {}).items())))
    while index < len(lines):
        if not hint.search(lines[index].replace(" ", "").replace("\u3000", "")):
            index += 1
            continue
        separator = _separator(lines[index])
        header = _cells(lines[index], separator)
        roles = header_roles(header, columns) if len(header) >= 3 else None
        if roles is None:
            index += 1
            continue
        numbered = roles[0] == "number"
        rows: list[tuple[int, list[str]]] = []
        stop = index + 1
        while stop < len(lines):
            line = lines[stop].strip()
            if not line or _RULE.match(line):
                stop += 1
                continue
            cells = _row(
                lines[stop],
                separator,
                roles,
                continued=numbered and bool(rows),
                bars=lines[index].strip().startswith("|"),
            )
            if cells is None or (
                numbered and _NUMBER.search(cells[0]) is None and (cells[0] or not rows)
            ):
                group = _group_row(lines[stop], separator)
                if group is None or not _row_follows(
                    lines, stop + 1, separator, roles, numbered=numbered
                ):
                    break  # (a heading of the plan after the table's last row ends it)
                # a row merged across the table (一、知识产权保护方面（共5项）): the group of
                # the rows after it; the table went on (every row after it was lost)
                cells = [group, *[""] * (len(roles) - 1)]
            rows.append((stop, cells))
            stop += 1
        if not rows:
            index += 1
            continue
        out[index] = ""
        for line_index in range(index + 1, stop):
            if _RULE.match(lines[line_index].strip()):
                out[line_index] = ""
        found: list[tuple[int, str]] = []
        read = row_lines([header, *(cells for _, cells in rows)], columns, found) or []
        if guesses is not None:
            guesses.extend((rows[k - 1][0], what) for k, what in found)
        for (position, _), (_, rendered) in zip(rows, read, strict=True):
            out[position] = "\n".join(rendered)
        index = stop
    return out


_GROUP_ROW = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|"
    r"第[一二三四五六七八九十]+(?:部分|类|方面)?[、:：\s])\S|[（(]共\s*\d+\s*项[)）]$"
)
"""How a row merged across a table names its group: a numbered heading or a count of items."""


def _group_row(line: str, separator: str) -> str | None:
    """Return the text of a row merged across the table (once, or repeated in every cell)."""
    cells = _cells(line, separator) if separator and separator in line else [line.strip()]
    filled = {cell for cell in cells if cell}
    if len(filled) != 1:
        return None
    text = filled.pop()
    if not _GROUP_ROW.search(text):
        return None
    return _ITEM_COUNT.sub("", text) or text  # the count of its items is no target


def _row_follows(
    lines: list[str], start: int, separator: str, roles: list[str], *, numbered: bool
) -> bool:
    """Whether the next line with words after ``start`` is a row of the table (numbered so).

    Group rows in between are passed over (四、…方面（共6项） with its rows left out, then 五、…).
    """
    line = next(
        (line for line in lines[start:] if line.strip() and _group_row(line, separator) is None),
        "",
    )
    cells = _row(line, separator, roles) if line else None
    return cells is not None and (not numbered or _NUMBER.search(cells[0]) is not None)


_ITEM_COUNT = re.compile(r"\s*[（(]共\s*\d+\s*项[)）]$")


def _separator(line: str) -> str:
    """Return how a header line separates its cells: a tab, ``|``, or runs of spaces (``""``)."""
    if "\t" in line:
        return "\t"
    if "|" in line:
        return "|"
    return ""


def _row(
    line: str, separator: str, roles: list[str], *, continued: bool = False, bars: bool = True
) -> list[str] | None:
    """Return a row's cells fitted to the header's columns, or ``None`` if it is not a row.

    With ``continued`` (a numbered table, past its first row), a space-separated row that does
    not start with a number and has too few cells lacks its leading cells (序号 and the group,
    merged with the row above): its cells are the last ones. ``bars`` says whether the header
    has outer bars (``| 序号 | … |``); without them a row's leading ``|`` is an empty first cell.
    """
    if separator:
        if separator not in line:
            return None
        cells = _cells(line, separator, bars=bars)
        while len(cells) > len(roles) and not cells[-1]:
            cells.pop()
        if len(cells) > len(roles) or len([c for c in cells if c]) < 2:
            return None
        return cells + [""] * (len(roles) - len(cells))
    cells = _cells(line) if _SPLIT.search(line) else line.split()
    if continued and 2 <= len(cells) < len(roles) and _NUMBER.search(cells[0]) is None:
        padded = [""] * (len(roles) - len(cells)) + cells
        if any(
            role in _UNIT_ROLES and _BODY_END.search(cell)
            for role, cell in zip(roles, padded, strict=True)
        ):
            return padded
        return None
    return _fit(cells, roles)


def _fit(cells: list[str], roles: list[str]) -> list[str] | None:
    """Fit a row's cells to the header: extra cells join the task's cell; too few is not a row."""
    if len(cells) < 2:
        return None
    if len(cells) > len(roles):
        task = roles.index("task")
        extra = len(cells) - len(roles)
        cells = [*cells[:task], "".join(cells[task : task + extra + 1]), *cells[task + extra + 1 :]]
    return cells + [""] * (len(roles) - len(cells))


def _cells(line: str, separator: str = "", *, bars: bool = True) -> list[str]:
    """Split a row into cells: at each tab or ``|`` (empty cells kept), else at runs of spaces.

    With ``bars`` a ``|`` row's first and last bars are outer bars; without, a leading bar ends an
    empty first cell.
    """
    if separator == "\t":
        return [c.strip() for c in line.strip("\r\n").split("\t")]
    if separator == "|":
        text = line.strip()
        if bars:
            text = text.removeprefix("|").removesuffix("|")
        return [c.strip() for c in text.split("|")]
    text = line.strip().strip("|")
    if not text:
        return []
    cells = [c.strip() for c in _SPLIT.split(text)]
    if len(cells) >= 3:
        return cells
    merged: list[str] = []
    spaced = False
    for token in text.split():
        if merged and len(token) == 1 and (spaced or len(merged[-1]) == 1):
            merged[-1] += token
            spaced = True
        else:
            merged.append(token)
            spaced = False
    return merged
