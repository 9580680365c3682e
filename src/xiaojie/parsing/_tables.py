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

import re
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


__all__ = ["COLUMNS", "Table", "header_roles", "row_lines", "table_lines", "text_tables"]

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
    "牵头单位": "lead",
    "牵头负责部门": "lead",
    "牵头负责单位": "lead",
    "牵头部门": "lead",
    "主责单位": "lead",
    "牵头责任单位": "lead",
    "主要责任单位": "lead",
    "其他责任单位": "support",
    "承办单位": "units",
    "责任单位": "units",
    "责任部门": "units",
    "负责部门": "units",
    "负责单位": "units",
    "配合单位": "support",
    "配合部门": "support",
    "协办单位": "support",
    "参与单位": "support",
    "协同单位": "support",
    "协同责任单位": "support",
    "落实单位": "implement",
    "实施单位": "implement",
    "实施主体": "implement",
    "责任人": "person",
    "责任领导": "person",
    "分管领导": "person",
    "牵头领导": "person",
    "完成时限": "deadline",
    "完成时间": "deadline",
    "时间节点": "deadline",
    "时限": "deadline",
    "进度安排": "deadline",
    "时间进度": "deadline",
    "时间安排": "deadline",
}
"""Header words → column role: number, group, task, lead, units, support, implement, person,
deadline."""

_LABEL = {
    "lead": "牵头单位",
    "units": "责任单位",
    "support": "配合单位",
    "implement": "落实单位",
    "person": "责任人",
    "deadline": "完成时限",
}
_CN = "一二三四五六七八九十"
_HEADER_HINT = re.compile(r"牵头|责任|配合|主责|负责")
_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{2,}| {2,}")


def header_roles(row: Sequence[str], columns: Mapping[str, str] | None = None) -> list[str] | None:
    """Return each column's role if ``row`` is a 分工表 header, else ``None``.

    A header needs a task column and a lead or units column. When a table has both 重点任务
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
    table = {**COLUMNS, **(columns or {})}
    words = sorted(table, key=len, reverse=True)
    roles: list[str] = []
    for cell in row:
        key = re.sub(r"\s", "", cell)
        role = table.get(key) or (
            next((table[w] for w in words if w in key), "") if len(key) <= 12 else ""
        )
        roles.append(role)
    if "task" not in roles and roles.count("group") == 1:
        roles[roles.index("group")] = "task"
    if "task" not in roles or not ({"lead", "units"} & set(roles)):
        return None
    if "lead" in roles:
        roles = ["support" if r == "units" else r for r in roles]
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
    table: Table, columns: Mapping[str, str] | None = None
) -> list[tuple[int, list[str]]] | None:
    """Return ``(row index, its lines)`` for each row of a 分工表, or ``None`` for other tables.

    A row gives its item line, after a campaign heading when its group (重点任务) changes; an
    empty group cell (a cell merged with the one above, copied out as nothing) keeps the group
    of the row before. A row whose only text is one cell (or one cell repeated, as a merged row
    reads) is a group heading of its own.

    Examples
    --------
    >>> rows = [["序号", "重点任务", "具体措施", "牵头单位"], ["1", "产业", "完善机制", "县农业农村局"],
    ...         ["2", "", "壮大集体经济", "县委组织部"]]
    >>> row_lines(rows)
    [(1, ['(一)产业', '1.完善机制。(牵头单位:县农业农村局)']), (2, ['2.壮大集体经济。(牵头单位:县委组织部)'])]
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
    out: list[tuple[int, list[str]]] = []
    group = ""
    groups = 0
    count = 0
    for index, row in enumerate(table[start + 1 :], start=start + 1):
        lines: list[str] = []
        out.append((index, lines))
        cells: dict[str, str] = {}
        for i, role in enumerate(roles):
            value = re.sub(r"\s+", "", row[i]) if i < len(row) and role else ""
            if value and value != cells.get(role):  # two columns of one role: both are read
                cells[role] = f"{cells[role]}、{value}" if cells.get(role) else value
            else:
                cells.setdefault(role, "")
        filled = {re.sub(r"\s+", "", c) for c in row if c.strip()}
        if len(filled) == 1 and len(row) > 2:
            cells = {"group": filled.pop()}
        elif not cells.get("task", "") or header_roles(row, columns) is not None:
            continue
        task = cells.get("task", "")
        new_group = cells.get("group", "")
        if new_group and new_group != group:
            group = new_group
            groups += 1
            marker = _CN[groups - 1] if groups <= len(_CN) else str(groups)
            lines.append(
                f"({marker}){re.sub(r'^[(（]?[一二三四五六七八九十]+[)）、.]', '', group)}"
            )
        if not task:
            continue
        count += 1
        number = _NUMBER.search(cells.get("number", ""))
        ordinal = int(number.group(1)) if number is not None and int(number.group(1)) > 0 else count
        task = re.sub(r"^\d{1,3}[.、]", "", task).rstrip("。")
        parts = [f"{_LABEL[r]}:{cells[r]}" for r in _LABEL if cells.get(r)]
        clause = f"({';'.join(parts)})" if parts else ""
        lines.append(f"{ordinal}.{task}。{clause}" if clause else f"{ordinal}.{task}")
    return out


_NUMBER = re.compile(r"^[(（]?(\d{1,4})(?=[)）.、]?$)")
_RULE = re.compile(r"^[|+]?(?:\s*:?-{2,}:?\s*[|+])*\s*:?-{2,}:?\s*[|+]?$")
"""A rule line between a header and its rows (``|---|:--:|`` or ``+----+----+``)."""


def text_tables(lines: list[str], columns: Mapping[str, str] | None = None) -> list[str]:
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
    index = 0
    while index < len(lines):
        if not _HEADER_HINT.search(lines[index]):
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
            cells = _row(lines[stop], separator, roles)
            if cells is None or (numbered and _NUMBER.search(cells[0]) is None):
                break
            rows.append((stop, cells))
            stop += 1
        if not rows:
            index += 1
            continue
        out[index] = ""
        for line_index in range(index + 1, stop):
            if _RULE.match(lines[line_index].strip()):
                out[line_index] = ""
        read = row_lines([header, *(cells for _, cells in rows)], columns) or []
        for (position, _), (_, rendered) in zip(rows, read, strict=True):
            out[position] = "\n".join(rendered)
        index = stop
    return out


def _separator(line: str) -> str:
    """Return how a header line separates its cells: a tab, ``|``, or runs of spaces (``""``)."""
    if "\t" in line:
        return "\t"
    if "|" in line:
        return "|"
    return ""


def _row(line: str, separator: str, roles: list[str]) -> list[str] | None:
    """Return a row's cells fitted to the header's columns, or ``None`` if it is not a row."""
    if separator:
        if separator not in line:
            return None
        cells = _cells(line, separator)
        while len(cells) > len(roles) and not cells[-1]:
            cells.pop()
        if len(cells) > len(roles) or len([c for c in cells if c]) < 2:
            return None
        return cells + [""] * (len(roles) - len(cells))
    return _fit(_cells(line) if _SPLIT.search(line) else line.split(), roles)


def _fit(cells: list[str], roles: list[str]) -> list[str] | None:
    """Fit a row's cells to the header: extra cells join the task's cell; too few is not a row."""
    if len(cells) < 2:
        return None
    if len(cells) > len(roles):
        task = roles.index("task")
        extra = len(cells) - len(roles)
        cells = [*cells[:task], "".join(cells[task : task + extra + 1]), *cells[task + extra + 1 :]]
    return cells + [""] * (len(roles) - len(cells))


def _cells(line: str, separator: str = "") -> list[str]:
    """Split a row into cells: at each tab or ``|`` (empty cells kept), else at runs of spaces."""
    if separator == "\t":
        return [c.strip() for c in line.strip("\r\n").split("\t")]
    if separator == "|":
        text = line.strip()
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
