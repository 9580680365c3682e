"""The plan parser: from the text of an action plan to a :class:`~xiaojie.model.Plan`.

How the text is read
--------------------
Structure
    Headings are found by their markers (一、 / (一) / 1. / (1) / ①). A numbered item that ends
    with a responsibility clause is a **task**; the heading it sits under is its **campaign**.
    A heading whose title is a name followed by a period in brackets ("(二)集中攻坚(6月中旬—
    9月底)") is a **phase**. Nothing depends on the wording of one particular plan.
Time
    Every time phrase is read by :func:`xiaojie.dates.find_when` with the plan's reference date.
    A clause made only of a time phrase ("9月10日前,") dates the clause after it; one without a
    month or day ("到2025年年底,") frames the whole sentence. A whole year inside a clause
    ("2025年实现…") frames the rest of its segment (up to ; or 。). Any other dated clause that
    states no target is a **milestone**; a window used with 报送/上报/提交 is due at its end.
    Inside a phase, a sentence with no date that states a deliverable (召开, 制定, 印发, 报送,
    形成, 完成 …) is a milestone dated by the phase.
Owners
    A milestone or obligation inside a task belongs to the task's units. Elsewhere its owners
    are the units named at the start of its clause ("自治区党委和政府每季度…"), right after its
    date ("9月10日前,各市、县(区)和有关部门开展…"), at the start of its segment, or as the
    conveners of the meetings it holds ("召开党委专题会议、政府常务会议"); else none.
Targets
    See :mod:`xiaojie.parsing._targets`. A target takes the date of its clause, else of the
    clause before it, else the frame of its segment or sentence, else its phase. "动态清零"
    targets are standing conditions and take no frame. A target of 主要目标 restated word for
    word in a task ("基本医疗保险参保率稳定在99%以上") is one indicator, linked to that task.
Order
    Items are listed phase by phase first (the plan's timeline), then in document order.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from xiaojie._gc import collector_paused
from xiaojie.errors import PlanParseError
from xiaojie.parsing._assemble import Assembler, select_overlay
from xiaojie.parsing._catalogue import Catalogue, load_catalogue
from xiaojie.parsing._input import read_input
from xiaojie.parsing._items import ItemReader
from xiaojie.parsing._report import (
    NoteKind,
    ParseResult,
)
from xiaojie.parsing._state import plan_id_for
from xiaojie.parsing._structure import notice_issuer, read_document
from xiaojie.parsing._tasks import TaskFinder
from xiaojie.parsing._text import Line, split_lines


if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    from xiaojie.dates import NamedPeriods
    from xiaojie.model import (
        UnitRegistry,
    )
    from xiaojie.parsing._overlay import Overlay


__all__ = ["parse_plan"]


class _Builder(TaskFinder, ItemReader, Assembler):
    """The whole builder."""


def _moved(line: Line, number: int, column: int) -> Line:
    """``line``, a piece of the source's line ``number`` that began at ``column`` (0-based)."""
    if number == line.number and not column:
        return line
    cols = None if line.cols is None else tuple(c + column for c in line.cols)
    return attrs.evolve(line, number=number, cols=cols, shift=line.shift + column)


def _default_registry(chosen: Overlay | None) -> UnitRegistry:
    """Return the bundled plan's units for its own text, and no units for any other text."""
    from xiaojie.io import BUNDLED_PLAN, load_plan  # noqa: PLC0415 - io imports the model; parsing sits beside it
    from xiaojie.model import UnitRegistry  # noqa: PLC0415 - only needed here

    if chosen is not None and chosen.name == BUNDLED_PLAN:
        return load_plan().units
    return UnitRegistry((), ())


def parse_plan(
    text_or_path: str | os.PathLike[str],
    *,
    reference: dt.date | None = None,
    registry: UnitRegistry | None = None,
    overlay: Overlay | str | os.PathLike[str] | None = "auto",
    named: NamedPeriods | None = None,
    plan_id: str | None = None,
    source: str | None = None,
    catalogue: Catalogue | str | os.PathLike[str] | None = None,
    columns: Mapping[str, str] | None = None,
) -> ParseResult:
    """Read the text of an action plan into a :class:`~xiaojie.model.Plan` and a report.

    Parameters
    ----------
    text_or_path
        The plan's text, or a path to a file: text (UTF-8 or GB18030), ``.docx`` (paragraphs and
        tables), ``.xlsx``/``.csv`` (a 分工表), saved ``.html`` (main text) or ``.pdf`` (text
        layer). A ``str`` is taken as a path when it has no line break and names an existing
        file. Text in traditional script is converted to simplified. The file formats other
        than text need the extra ``xiaojie[parse]``.
    reference
        The date that gives phrases without a year their year. By default the header's
        date of issue (发文时间, 成文日期 …; before a 发布日期 wherever it stands) or another 日期
        field, else a line holding only a date. Never the clock.
    registry
        The units to resolve names against; by default the bundled plan's registry
        (``load_plan().units``). Pass ``UnitRegistry(())`` to start from nothing. Names the
        registry does not know become new units, listed in the report.
    overlay
        Editorial ids, titles and links to apply (see :mod:`xiaojie.parsing._overlay`):
        ``"auto"`` applies a bundled overlay whose document matches the header (the bundled
        plan's text then parses to exactly the bundled plan); ``None`` applies none; or an
        :class:`Overlay`, a bundled overlay's name or a path to an overlay file.
    named
        The registry of named periods (过渡期, 十四五 …); the default registry when omitted.
    plan_id
        The plan's id; by default from the overlay, else from the file name, else derived from
        the title.
    source
        Where the text comes from, recorded as the plan's ``source``; by default the file's
        name, or empty for text given directly.
    catalogue
        The body names that make short and standard forms one unit (发改委 = 发展改革委): a
        :class:`~xiaojie.parsing._catalogue.Catalogue` or a TOML file of ``[[body]]`` entries
        that extends the bundled one (see ``docs/parsing.md``).
    columns
        More 分工表 header words and their roles (``{"主办处室": "lead"}``), added to
        :data:`~xiaojie.parsing._tables.COLUMNS`.

    Returns
    -------
    ParseResult
        ``(plan, report)``: the plan and the :class:`ParseReport` that lists new units, lines
        ignored as web-page residue, and every sentence with a date, number or unit that no item
        took, each with its line and column.

    Raises
    ------
    PlanParseError
        With a line and column: when no reference date can be found and none is given, when a
        file cannot be read or decoded, or when the text cannot make a valid plan.

    Examples
    --------
    >>> import datetime as dt
    >>> text = '''标题:示例行动方案
    ... 发文时间:2025-03-01
    ... 一、重点任务
    ... (一)实施产业帮扶行动
    ... 1.强化产业帮扶。6月底前完成项目审查,脱贫人口务工规模达到5万人以上。(牵头单位:自治区农业农村厅;责任单位:财政厅)
    ... '''
    >>> plan, report = parse_plan(text)
    >>> [u.name for u in plan.task(1).units]
    ['自治区农业农村厅', '自治区财政厅']
    >>> plan.milestones[0].title, str(plan.milestones[0].due)
    ('完成项目审查', '2025-06-30')
    >>> target = plan.indicators[0].targets[0]
    >>> plan.indicators[0].name, target.value, target.unit, str(target.comparator)
    ('脱贫人口务工规模', 5, '万人', '>=')
    >>> parse_plan("一、没有日期的方案")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanParseError: <text>:1:1: no reference date: the text has no 发文时间 and no line holding only a date; pass reference=datetime.date(…)

    .. versionadded:: 0.1.0
    """
    if reference is not None and (
        not isinstance(reference, dt.date) or isinstance(reference, dt.datetime)
    ):
        msg = f"reference: expected a datetime.date, found {type(reference).__name__}"
        raise PlanParseError(msg, line=1, column=1)
    with collector_paused():
        return _parse(
            text_or_path,
            reference=reference,
            registry=registry,
            overlay=overlay,
            named=named,
            plan_id=plan_id,
            source=source,
            catalogue=catalogue,
            columns=columns,
        )


def _parse(
    text_or_path: str | os.PathLike[str],
    *,
    reference: dt.date | None,
    registry: UnitRegistry | None,
    overlay: Overlay | str | os.PathLike[str] | None,
    named: NamedPeriods | None,
    plan_id: str | None,
    source: str | None,
    catalogue: Catalogue | str | os.PathLike[str] | None,
    columns: Mapping[str, str] | None,
) -> ParseResult:
    text, file_name, original, guesses, origins = read_input(text_or_path, columns=columns)
    if source is not None:
        file_name = source
    source_name = file_name or "<text>"
    lines = split_lines(text)
    if origins is not None and len(lines) <= len(origins):
        # a line split in pieces: each piece's notes point into the source (the text's lines
        # are the pieces, but for a last empty one)
        lines = [_moved(line, *origin) for line, origin in zip(lines, origins, strict=False)]
    doc = read_document(lines)
    header = doc.header
    if reference is None:
        reference = header.published
    if reference is None and doc.dated_line is not None:
        reference = doc.dated_line[0]
    if reference is None:
        msg = (
            "no reference date: the text has no 发文时间 and no line holding only a date; "
            "pass reference=datetime.date(…)"
        )
        raise PlanParseError(msg, line=1, column=1, source=source_name)
    chosen = select_overlay(overlay, doc)
    if registry is None:
        registry = _default_registry(select_overlay("auto", doc))
    if catalogue is not None and not isinstance(catalogue, Catalogue):
        catalogue = load_catalogue(catalogue)
    builder = _Builder(
        doc,
        reference=reference,
        registry=registry,
        named=named,
        source=source_name,
        catalogue=catalogue,
    )
    if original:
        builder.note(
            NoteKind.CONVERTED,
            (1, 1),
            "the text is in traditional script; it was converted to simplified (OpenCC t2s); "
            "report.original holds it as given",
        )
    for index, guess in guesses:
        builder.note(NoteKind.TABLE_GUESS, (index + 1, 1), guess)
    for line in doc.ignored:
        builder.note(
            NoteKind.IGNORED_LINE,
            (line.number, line.column(0)),
            "web-page residue ignored",
            sentence=line.text,
        )
    for number, column, value in header.bad_dates:
        builder.note(
            NoteKind.BAD_DATE,
            (number, column),
            f"header date {value!r} is not a date YYYY-MM-DD",
            phrase=value,
        )
    if not header.title:
        header.title = Path(file_name).stem if file_name else "未命名方案"
        builder.note(NoteKind.DEFAULTED, (1, 1), f"no title found; using {header.title!r}")
    builder.find_structure()
    builder.read()
    builder.link_main_goals()
    plan_values = builder.apply_overlay(chosen)
    final_id = plan_id or plan_values.get("id") or plan_id_for(file_name, header.title)
    if not re.match(r"^[a-z0-9][a-z0-9_.-]*$", final_id):
        msg = f"plan_id: expected lower-case letters, digits, '_', '.' or '-', found {final_id!r}"
        raise PlanParseError(msg, line=1, column=1, source=source_name)
    builder.original = original
    plan, report = builder.build(
        plan_id=final_id,
        issuer=plan_values.get("issuer", "") or notice_issuer(header.notice),
        source=file_name,
    )
    return ParseResult(plan, report)
