"""任务清单 tables flattened to one cell a line, as copying a web page's table gives them.

A header is a run of short lines that are column names (a name may be split over lines:
``牵头`` + ``部门``). Its column count and the shape of the first row's cells (a section marker
``（一）``, a group ``1、``, a numbered task ``（1）``, a unit name, free text) are learned; the
body is then read line by line against the expected column:

* a line shaped like another marker column starts that column (columns skipped on the way are
  cells merged with the row above: they keep its value; a new row that starts at a group keeps
  no merged unit cells of the group before);
* a unit-like line where free text is expected starts the unit cells; more unit lines than unit
  columns put the extra ones in the first unit column (a cell of two names on two lines);
* a unit line ending in ``、`` (or ``，``) goes on on the next unit line (a cell broken after a
  separator), and a line that is only a date (``2019年3月``) is a date column's cell;
* short label lines past a row's cells, before the number that starts the next row, are that
  row's group cells (a group column left of the 序号: ``旧区改造`` / ``4``) and, before them,
  heading rows of their own (``行动二：…``); a row so opened keeps the unit cells above it (a
  unit cell merged over rows of several groups), unless a heading row came between;
* free text where a unit or a marker is expected continues the cell before (a cell of several
  lines).

Each guess is returned with its line so the parse report can say what was guessed. The rows are
then read as any 分工表 (:func:`~xiaojie.parsing._tables.row_lines`).
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from xiaojie.parsing._tables import (
    COLUMNS,
    PROGRESS_HEADER,
    column_role,
    could_be_plan,
    header_roles,
    row_lines,
)


if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = ["flat_tables", "read_flat"]

_SHAPES = (
    ("section", re.compile(r"^[(（][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、")),
    ("numbered", re.compile(r"^[(（]\d{1,3}[)）]")),
    ("group", re.compile(r"^\d{1,2}[、.．](?!\d)")),
    ("number", re.compile(r"^\d{1,3}$")),
)
_DATE_CELL = re.compile(
    r"^(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?)"
    r"(?:[底末]|[上中下]旬)?(?:前|以前|之前)?(?:完成)?$"
)
"""A cell that is only a date (``2019年``, ``2019年3月``, ``6月底前``): a 时间节点 column's cell."""
_BARE_MARKER = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d{1,2}、)$"
)
_UNIT_END = re.compile(
    r"(?:局|厅|委|办|部|院|会|社|署|处|所|站|队|室|中心|公司|集团|政府|党委|单位|部门|机构|"
    r"各区|各县|各地|街道|乡镇|镇街|街镇|协会|管委会|[妇残侨文]联|工商联|科协)$"
)
_LIST_GOES_ON = re.compile(r"[、，,]$")
"""A unit line ending in a list's separator: the cell goes on on the next line."""
_UNIT_ROLES = frozenset({"lead", "units", "support", "implement"})
_ENDS = re.compile(r"^(?:附件|[一二三四五六七八九十]+、|\d{4}年\d{1,2}月\d{1,2}日$)")
"""A line that ends a flattened table: an attachment, a top-level heading, a signature date."""


_QUALIFIER = re.compile(r"^(?:主要|重点|具体)")
"""A qualifier a column name may put before a header word (``主要工作任务``)."""

_MOST_COLUMNS = 24
"""The most columns a flattened header names (a 任务清单 has about ten)."""
_ROW_LINES = 400
"""The most lines one flattened row may take; a longer one is no table's row: the table ends."""


def _unit_like(line: str) -> bool:
    """Whether a line reads as a cell of unit names (short, no sentence, ends like a body)."""
    bare = re.sub(r"[(（][^()（）]*[)）]$", "", _LIST_GOES_ON.sub("", line))
    return len(line) <= 60 and not re.search(r"[。；;：:]", line) and bool(_UNIT_END.search(bare))


def _shape(line: str, role: str) -> str:
    """Return the shape of a cell: a marker kind, ``unit`` or ``text``."""
    for name, pattern in _SHAPES:
        if pattern.search(line):
            return name
    if _DATE_CELL.match(line):
        return "date"
    if role in _UNIT_ROLES and _unit_like(line):
        return "unit"
    return "text"


def _header(
    lines: list[str],
    start: int,
    columns: Mapping[str, str] | None,
    seen: dict[str, str] | None = None,
) -> tuple[list[str], int] | None:
    """Column names of a header run starting at ``start`` and the line after it, or ``None``.

    No names (and the line after the run) when the run names more than ``_MOST_COLUMNS``
    columns: no header starts inside it.

    A name is the longest run of up to three short lines that a header word names whole.
    ``seen`` keeps the roles already looked up, for a caller trying many starts.
    """
    seen = {} if seen is None else seen
    names: list[str] = []
    index = start
    while index < len(lines):
        best = None
        for size in (3, 2, 1):
            parts = [p.strip() for p in lines[index : index + size]]
            if len(parts) < size or any(len(p) > 16 or not p for p in parts):
                continue
            name = "".join(parts)
            if name not in seen:
                seen[name] = _whole_role(name, columns)
            if seen[name]:
                best = (name, size)
                break
        if best is None:
            break
        names.append(best[0])
        index += best[1]
        if len(names) > _MOST_COLUMNS:  # a run of column words, not one table's header
            return [], index
    if len(names) > _MOST_COLUMNS:
        return [], index
    roles = header_roles(names, columns) if len(names) >= 3 else None
    if roles is None or not all(roles):
        return None
    return names, index


def _whole_role(name: str, columns: Mapping[str, str] | None) -> str:
    """Return the role of a column name only a header word names whole (not a part of it).

    A name spaced out to its column's width (``主 要 工 作 任 务``) is the word it spells, and
    a header word after a qualifier (``主要工作任务``, ``重点工作任务``) names the column the
    word names.

    Examples
    --------
    >>> _whole_role("主 要 工 作 任 务", None), _whole_role("责 任 单 位", None)
    ('task', 'units')
    >>> _whole_role("主要工作", None), _whole_role("主要成效", None)
    ('', '')
    """
    key = re.sub(r"[(（][^()（）]*[)）]$", "", re.sub(r"\s", "", name))
    table = {**COLUMNS, **(columns or {})}
    progress = PROGRESS_HEADER.match(key) is not None
    if key not in table and not progress and not could_be_plan(name, table):
        word = _QUALIFIER.sub("", key)
        return table.get(word, "") if word != key else ""  # most lines: no lookup needed
    role = column_role(name, columns)
    return role if key in table or role in ("plan", "progress") else ""


def read_flat(
    lines: list[str], roles: list[str], start: int, stop: int
) -> tuple[list[tuple[int, list[str]]], list[tuple[int, str]], int]:
    """Read the body lines ``start:stop`` into rows of ``len(roles)`` cells.

    Returns the rows (each with the index of its first line) with merged cells filled from the
    row above, the guesses made, each with its line index, and the index of the line after the
    table: ``stop``, or the line where a row would take more than ``_ROW_LINES`` lines.

    Examples
    --------
    >>> body = ["（一）", "提升品质", "1、改善道路", "（1）建设精品道路。", "建设10条。", "设施处",
    ...         "各区", "（2）整治井盖。", "完成5个。"]
    >>> rows, guesses, end = read_flat(
    ...     body, ["group", "group", "task", "plan", "lead", "implement"], 0, 9
    ... )
    >>> [cells for _, cells in rows]
    [['（一）提升品质', '1、改善道路', '（1）建设精品道路。', '建设10条。', '设施处', '各区'], ['（一）提升品质', '1、改善道路', '（2）整治井盖。', '完成5个。', '设施处', '各区']]
    """
    n = len(roles)
    units = [j for j, r in enumerate(roles) if r in _UNIT_ROLES]
    learned: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    guesses: list[tuple[int, str]] = []
    current: list[str] = []
    own: set[int] = set()
    first = start
    column = 0
    index = start
    starts_group = False

    def close() -> None:
        if not current:
            return
        given = [k for k in units if k in own]
        if starts_group and len(given) < len(units):
            shown = f"a row starting a group shows {len(given)} of {len(units)} unit cells"
            guesses.append((first, f"{shown}: taken in column order, the others empty"))
        rows.append((first, list(current)))

    while index < stop:
        line = lines[index].strip()
        at = index
        index += 1
        if not line:
            continue
        if at - first >= _ROW_LINES and current:
            guesses.append((at, f"a row of more than {_ROW_LINES} lines: the table ends here"))
            stop = at
            break
        if _BARE_MARKER.match(line) and index < stop and lines[index].strip():
            line += lines[index].strip()
            index += 1
        if len(learned) < n:  # the first row is read in order: it teaches each column's shape
            if (
                learned
                and learned[-1] == "unit"
                and _LIST_GOES_ON.search(current[-1])
                and _unit_like(line)
            ):
                current[-1] += line  # a unit cell broken after a separator
                continue
            learned.append(_shape(line, roles[len(learned)]))
            if not current:
                first = at
            current.append(line)
            own.add(len(current) - 1)
            column = len(current)
            continue
        shape = _shape(line, "lead")
        markers = [j for j in range(n) if learned[j] == shape and shape not in ("text", "unit")]
        if shape == "date":  # several date columns (开始时间, 完成时间): the next one on
            markers = [j for j in markers if j >= column] or markers
        if markers:
            j = markers[0]
            if j < column or column >= n:  # a new row: cells before j are merged from above
                previous = current
                close()
                # a row that starts a group keeps no unit cells of the group before
                starts_group = learned[j] in ("section", "group")
                keep = set(range(j)) | (set() if starts_group else set(units))
                current = [previous[k] if k in keep else "" for k in range(n)]
                own = set()
                first = at
            elif j > column:
                guesses.append((at, f"cells {column + 1}–{j} taken as merged with the row above"))
            current[j] = line
            own.add(j)
            column = j + 1
            continue
        if shape == "unit" and units:
            if column - 1 in units and _LIST_GOES_ON.search(current[column - 1]):
                # a cell broken after a separator (``区绿化市容局、`` / ``区农业农村委``)
                current[column - 1] += line
                continue
            if column <= units[0]:
                if column < units[0]:
                    guesses.append(
                        (at, "the unit cells start here: the cells before them are empty")
                    )
                    column = units[0]
                current[column] = line
                own.add(column)
                column += 1
                continue
            if units[0] < column <= units[-1] and column in units:
                current[column] = line
                own.add(column)
                column += 1
                continue
            if column > units[-1] and all(k in own for k in units):
                # one unit line more than unit columns: the first unit cell held two names
                values = [current[k] for k in units] + [line]
                current[units[0]] = f"{values[0]}、{values[1]}"
                for k, value in zip(units[1:], values[2:], strict=True):
                    current[k] = value
                guesses.append(
                    (at, "one unit line more than unit columns: the first unit cell holds two")
                )
                continue
        # free text: its column if it expects text, else the cell before continues
        if column < n and learned[column] == "text":
            current[column] = line
            own.add(column)
            column += 1
            continue
        labels = _group_labels(lines, at, stop, learned=learned, roles=roles, column=column)
        if labels is not None:
            # labels before the next row's number: headings, then its merged group cells
            heads, cells, index = labels
            previous = current
            close()
            for k, head in heads:
                rows.append((k, [head if j == cells[0][0] else "" for j in range(n)]))
            keep = set() if heads else set(units)
            current = [previous[k] if k in keep else "" for k in range(n)]
            for j, (_k, label) in cells:
                current[j] = label
            own = {j for j, _ in cells}
            first = cells[0][1][0]
            column = max(own) + 1
            starts_group = False
            continue
        back = max((k for k in own if learned[k] == "text"), default=None)
        if back is None:
            guesses.append((at, "a line that fits no column was left out"))
            continue
        current[back] += line
    close()
    return rows, guesses, stop


_LABEL_LONGEST = 40
"""The longest line read as a group label or a heading row of a flattened table."""


def _group_labels(
    lines: list[str],
    at: int,
    stop: int,
    *,
    learned: list[str],
    roles: list[str],
    column: int,
) -> tuple[list[tuple[int, str]], list[tuple[int, tuple[int, str]]], int] | None:
    """Read short label lines at ``at`` that open the next row, or return ``None``.

    A table whose group column (任务类型) comes before its number column writes a group's label
    on a line of its own before the number of the row it opens, and a heading row spanning the
    table (``行动二：…``) as one line too. Where a run of short lines (no sentence end) past the
    cells of the current row is followed by the number that starts a new row, the last lines of
    the run fill the group columns before that number, one each, and any lines before them are
    heading rows. Returns the heading rows ``(line index, text)``, the group cells
    ``(column, (line index, text))`` and the index of the number's line.
    """
    groups = [
        j for j in range(len(roles)) if learned[j] == "text" and roles[j] in ("group", "section")
    ]
    run: list[tuple[int, str]] = []
    index = at
    while index < stop:
        line = lines[index].strip()
        if line:
            if _shape(line, "lead") != "text":
                break
            if len(line) > _LABEL_LONGEST or line[-1] in "。；;！!？?":
                return None
            run.append((index, line))
        index += 1
    if not run or index >= stop:
        return None
    shape = _shape(lines[index].strip(), "lead")
    markers = [
        j for j in range(len(roles)) if learned[j] == shape and shape not in ("text", "unit")
    ]
    if not markers or not (markers[0] < column or column >= len(roles)):
        return None  # the next line does not start a row
    before = [j for j in groups if j < markers[0]]
    if not before or len(run) < len(before):
        return None
    split = len(run) - len(before)
    return run[:split], list(zip(before, run[split:], strict=True)), index


def flat_tables(
    lines: list[str], columns: Mapping[str, str] | None = None
) -> tuple[list[str], list[tuple[int, str]]]:
    """Rewrite 分工表 flattened one cell a line into item lines; return them and the guesses.

    Every other line is kept; the header's lines are emptied and each row's lines go to the line
    of its first cell, so line numbers still point into the source. A table copied with a blank
    line between its cells (and no table read without them) is read over its non-blank lines.

    Examples
    --------
    >>> text = ["附件", "任务", "牵头", "部门", "配合", "部门", "（1）建设道路。", "市建设局", "各区",
    ...         "（2）整治井盖。", "市道路中心", "各街道"]
    >>> flat_tables(text)[0][6:]
    ['1.建设道路。(牵头单位:市建设局;配合单位:各区)', '', '', '2.整治井盖。(牵头单位:市道路中心;配合单位:各街道)', '', '']
    """
    out, guesses = _flat_tables(lines, columns)
    if out != lines or not any(not line.strip() for line in lines):
        return out, guesses
    # One cell a line with a blank line between cells: read the lines that hold text.
    kept = [k for k, line in enumerate(lines) if line.strip()]
    found, guessed = _flat_tables([lines[k] for k in kept], columns)
    if found == [lines[k] for k in kept]:
        return out, guesses
    for k, line in zip(kept, found, strict=True):
        out[k] = line
    return out, [(kept[k], guess) for k, guess in guessed]


def _flat_tables(
    lines: list[str], columns: Mapping[str, str] | None
) -> tuple[list[str], list[tuple[int, str]]]:
    """Do the work of :func:`flat_tables` on lines with no blank line between cells."""
    out = list(lines)
    guesses: list[tuple[int, str]] = []
    words = {**COLUMNS, **(columns or {})}
    starts = {word[:k] for word in words for k in range(1, len(word) + 1)}
    seen: dict[str, str] = {}  # column names already looked up
    ends = [k for k, line in enumerate(lines) if _ENDS.match(line.strip())]
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if line not in starts and not line[:1].isdigit():  # no header starts here
            index += 1
            continue
        found = _header(lines, index, columns, seen)
        if found is None:
            index += 1
            continue
        names, body = found
        if not names:
            index = body
            continue
        roles = header_roles(names, columns)
        assert roles is not None  # noqa: S101 - checked by _header
        after = bisect.bisect_left(ends, body)
        stop = ends[after] if after < len(ends) else len(lines)
        rows, found_guesses, stop = read_flat(lines, roles, body, stop)
        rendered = row_lines([names, *(cells for _, cells in rows)], columns) or []
        if not any(part for _, part in rendered):
            index += 1
            continue
        for k in range(index, stop):
            out[k] = ""
        for (first, _), (_, part) in zip(rows, rendered, strict=True):
            out[first] = "\n".join(part)
        guesses.extend(found_guesses)
        index = stop
    return out, guesses
