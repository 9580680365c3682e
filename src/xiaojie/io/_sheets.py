"""Progress sheets (调度表): one workbook per unit, sent out to be filled in and sent back.

:func:`progress_sheets` decides what each unit is asked about as of a date: every item it
answers for (:meth:`Plan.owners_of`) that is not yet done and is due by the end of the period
(by default the end of ``as_of``'s month), or undated and open (a standing duty, an undated
target). Standards of service (送教上门) are not reported item by item and are left out, as are
items the plan names no unit for.

:func:`sheet_xlsx` writes one sheet as an XLSX workbook (``openpyxl``, the ``xlsx`` extra):

* row 1 the title, row 2 the unit, its id, the date and the plan (machine-read on return),
  row 3 the instructions (填报说明), row 4 the header, the items from row 5;
* column A holds each row's id (编号) and is hidden; its cell on row 2 records what was sent
  (``发送事项(至<period end>):<编号>;<编号>…``, every row's 编号 in order), so that a returned
  sheet is judged against the sheet as it was sent, whatever the progress is when it comes back; the unit fills in 完成情况 (a drop-down of
  :data:`FILL_STATES`), 完成时间 (a date between the plan's date and ``as_of``), 数值 (for
  indicators; the target is shown; a percentage must lie in 0–100), 基准值 (for targets relative
  to a benchmark) and 说明;
* every other cell is protected and the workbook's structure is locked; data validation makes
  Excel or WPS refuse a wrong state, date or percentage;
* text is never a formula, and the bytes do not depend on the clock (fixed document
  properties and archive time stamps), so the same sheet always gives the same file.

:func:`read_returned` reads a sheet that came back, as XLSX or as the CSV Excel saves from it.

Across levels: the sheets of a plan made by :func:`xiaojie.cascade.cascade` carry the place's
division code in their file name and unit line (区划代码), and :func:`place_sheets` writes one
sheet per city or county for the region's own plan — each place reports on the parent's items
(the spending progress of task 21 …), and the collected returns feed
:func:`xiaojie.rollup.rollup` (:meth:`xiaojie.io.Collection.by_place`).
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from xiaojie._extras import require
from xiaojie._files import atomic_write, distinct_file_names, safe_file_name
from xiaojie._privacy import mask_quoted, scrub
from xiaojie.dates import as_date
from xiaojie.errors import SheetError
from xiaojie.io._progressfile import _parse_date, _parse_number
from xiaojie.io._tabular import csv_text, text_cell, workbook_bytes
from xiaojie.io._xlsx import BadCell, sheet_rows, workbook_sheets
from xiaojie.model import (
    Indicator,
    Obligation,
    Owner,
    ResponsibleUnit,
    TrackingMode,
    UnitKind,
)
from xiaojie.tracking import EntryKind, State


if TYPE_CHECKING:
    import os
    from collections.abc import Collection, Iterable

    from xiaojie.model import Plan
    from xiaojie.tracking import Entry, Snapshot


__all__ = [
    "COLUMNS",
    "FILL_STATES",
    "FIRST_ROW",
    "ProgressSheet",
    "ReturnedRow",
    "ReturnedSheet",
    "SheetRow",
    "place_sheets",
    "progress_sheets",
    "read_returned",
    "sheet_xlsx",
    "write_sheets",
]

COLUMNS: tuple[str, ...] = (
    "编号",
    "序号",
    "事项",
    "所属任务",
    "时限",
    "截止日期",
    "当前状态",
    "目标",
    "完成情况",
    "完成时间",
    "数值",
    "基准值",
    "说明",
)
"""The header of a progress sheet; 完成情况 … 说明 are filled in by the unit."""

FILL_STATES: tuple[str, ...] = ("已完成", "正在推进", "未启动")
"""The states a unit may choose in 完成情况."""

FIRST_ROW = 5
"""The sheet row of the first item (rows 1–4: title, unit, instructions, header)."""

HEADER_ROW = 4
_FILL = ("完成情况", "完成时间", "数值", "基准值", "说明")
_SHEET_TITLE = "调度表"
_META_KEYS = ("填报单位", "单位编号", "截至", "方案")
_SENT_MARK = "发送事项"
_SENT_RE = re.compile(r"^发送事项\(至(?P<until>[^)]*)\):(?P<keys>.*)$", re.DOTALL)
_PLACE_KEYS = ("填报地区", "区划代码")
_INSTRUCTIONS = (
    "填报说明:1.只填写“完成情况”“完成时间”“数值”“基准值”“说明”五列,其余内容请勿改动,不要增删行、调整顺序;"
    "2.“完成情况”从下拉列表选择(已完成、正在推进、未启动);3.“完成时间”填写完成(或数据截至)日期,格式为2025-07-31,"
    "不得早于方案印发日期、不得晚于截至日期;4.指标类事项在“数值”填写截至该日期的数值(百分比填写0至100之间的数字,"
    "不带%);目标为“高于全国平均水平”等相对目标的,在“基准值”填写对应基准数值;5.未完成的请在“说明”中写明进展和原因。"
)


# --------------------------------------------------------------------------------------------
# What each unit is asked about
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SheetRow:
    """One item on a progress sheet: a status entry the unit answers for.

    Parameters
    ----------
    key
        The entry's key (milestone id, ``<obligation>@<window start>``, ``<indicator>#N`` or
        ``task-N``), kept in the hidden 编号 column.
    item
        The plan item it belongs to (``task-N`` for a standing duty).
    kind
        What the entry tracks; it decides the record a filled row becomes.
    title
        What is to be done, in the plan's words.
    task
        The number of its task, if any.
    when
        The time as the plan writes it (``7月底前``, a cadence and its window).
    due
        The due date, or ``None`` for open duties.
    state
        Its state when the sheet was made.
    target
        For indicator targets: the target (``≥60%``); empty otherwise.
    percent
        Whether the value is a percentage (0–100).
    relative
        Whether the target is relative to a benchmark, so that 基准值 is needed.
    """

    key: str
    item: str
    kind: EntryKind
    title: str
    task: int | None = None
    when: str = ""
    due: dt.date | None = None
    state: State = State.ONGOING
    target: str = ""
    percent: bool = False
    relative: bool = False


@attrs.frozen(kw_only=True)
class ProgressSheet:
    """The progress sheet of one unit as of a date.

    Parameters
    ----------
    plan_id
        The plan it is for.
    unit
        The unit (or unit group) it is sent to.
    as_of
        The date of the 调度.
    until
        The end of the period: items due by this day are asked about.
    rows
        The items, in the order of the sheet (the first one on row :data:`FIRST_ROW`).
    place
        The division code of the place the sheet is for: the place of a cascaded plan, or the
        place a :func:`place_sheets` sheet is sent to; empty for the region's own units.
    place_name
        The place's name, when known.
    by_place
        Whether the sheet is sent to the place itself (:func:`place_sheets`): ``unit`` then
        stands for the place (its id is the division code) and the place reports on every row.
    """

    plan_id: str
    unit: Owner
    as_of: dt.date
    until: dt.date
    rows: tuple[SheetRow, ...]
    place: str = ""
    place_name: str = ""
    by_place: bool = False

    @property
    def file_name(self) -> str:
        """The workbook's file name: ``调度表-2025-08-01-自治区财政厅.xlsx``.

        With a place: ``调度表-2025-08-01-640324-同心县农业农村局.xlsx`` (a cascaded plan's
        unit) or ``调度表-2025-08-01-640324-同心县.xlsx`` (a place's own sheet). The unit's
        name passes :func:`xiaojie._files.safe_file_name`: personal data masked, characters a
        file name cannot hold replaced by ``_``, at most 200 bytes, and the unit's id appended
        when the name had to be changed (``调度表-2025-08-01-县人社局_县就业服务中心-dept-1.xlsx``).
        """
        code = f"{self.place}-" if self.place else ""
        return safe_file_name(
            self.unit.name,
            mask=scrub,
            prefix=f"{_SHEET_TITLE}-{self.as_of.isoformat()}-{code}",
            suffix=".xlsx",
            key=self.unit.id,
        )

    def row_of(self, key: str) -> int | None:
        """Return the sheet row the item ``key`` was sent on, or ``None``."""
        for index, row in enumerate(self.rows):
            if row.key == key:
                return FIRST_ROW + index
        return None


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _when(plan: Plan, entry: Entry) -> str:
    if entry.kind is EntryKind.OBLIGATION_WINDOW:
        item = plan.item(entry.item_id)
        cadence = item.cadence.describe() if isinstance(item, Obligation) else ""
        window = str(entry.window) if entry.window is not None else ""
        return f"{cadence}({window})" if cadence else window
    return str(entry.window) if entry.window is not None else "长期坚持"


def _sheet_row(plan: Plan, entry: Entry) -> SheetRow:
    target_words = ""
    percent = relative = False
    if entry.kind is EntryKind.TARGET:
        indicator = plan.item(entry.item_id)
        if isinstance(indicator, Indicator):
            number = int(entry.key.rpartition("#")[2])
            target = indicator.targets[number]
            target_words = target.describe()
            relative = target.benchmark is not None
            percent = target.unit == "%" and not relative
    return SheetRow(
        key=entry.key,
        item=entry.item_id,
        kind=entry.kind,
        title=entry.title,
        task=entry.task,
        when=_when(plan, entry),
        due=entry.due,
        state=entry.state,
        target=target_words,
        percent=percent,
        relative=relative,
    )


def _asked(entry: Entry, until: dt.date) -> bool:
    if entry.kind is EntryKind.OBLIGATION or entry.state.is_done:
        return False
    return entry.due is None or entry.due <= until


class PlaceLike(Protocol):
    """What a sheet needs of a place: its division code and its name (a ``Place``)."""

    @property
    def code(self) -> str:
        """The division code (``640324``)."""
        ...  # pragma: no cover - a protocol

    @property
    def name(self) -> str:
        """The name (``同心县``)."""
        ...  # pragma: no cover - a protocol


def _period_end(plan: Plan, snapshot: Snapshot, until: dt.date | None) -> dt.date:
    if snapshot.plan_id != plan.id:
        msg = f"snapshot: expected a status of plan {plan.id!r}, found one of {snapshot.plan_id!r}"
        raise SheetError(msg)
    end = _month_end(snapshot.as_of) if until is None else as_date(until, field="until")
    if end < snapshot.as_of:
        msg = f"until: expected a day on or after {snapshot.as_of.isoformat()}, found {end}"
        raise SheetError(msg)
    return end


def _asked_entries(plan: Plan, snapshot: Snapshot, end: dt.date) -> list[Entry]:
    found = []
    for entry in snapshot:
        if not _asked(entry, end):
            continue
        if entry.kind is EntryKind.OBLIGATION_WINDOW:
            item = plan.item(entry.item_id)
            if isinstance(item, Obligation) and item.tracking is not TrackingMode.REPORTED:
                continue
        found.append(entry)
    return found


def _sheet_order(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.due is None, e.due or dt.date.max, e.task or 0, e.key))


def progress_sheets(
    plan: Plan,
    snapshot: Snapshot,
    *,
    until: dt.date | None = None,
    place: PlaceLike | None = None,
) -> tuple[ProgressSheet, ...]:
    """Return the progress sheet of every unit that has something to report, in plan order.

    Parameters
    ----------
    plan
        The plan.
    snapshot
        Its status as of the 调度 date (:func:`xiaojie.tracking.status`); items already done are
        not asked about again.
    until
        The end of the period (default: the last day of ``snapshot.as_of``'s month).
    place
        The place of a plan made by :func:`xiaojie.cascade.cascade` (a ``Place``, for its
        name); by default the code in the plan's lineage. The place's code is written into
        each sheet's file name and unit line.

    Returns
    -------
    tuple of ProgressSheet
        One per unit or unit group that answers directly for an open item.

    Raises
    ------
    SheetError
        If the snapshot is of another plan or ``until`` is before its date.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> sheets = progress_sheets(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> finance = next(s for s in sheets if s.unit.id == "finance")
    >>> [r.key for r in finance.rows]
    ['spending-progress#0', 'task-20', 'performance-self-evaluation#0']
    >>> finance.file_name, finance.until
    ('调度表-2025-08-01-自治区财政厅.xlsx', datetime.date(2025, 8, 31))
    """
    end = _period_end(plan, snapshot, until)
    code = place.code if place is not None else ""
    if not code and plan.lineage is not None:
        code = plan.lineage.place
    by_unit: dict[str, list[Entry]] = {}
    owners: dict[str, Owner] = {}
    for entry in _asked_entries(plan, snapshot, end):
        for owner in entry.owners:
            by_unit.setdefault(owner.id, []).append(entry)
            owners[owner.id] = owner
    order = plan.unit_order()
    return tuple(
        ProgressSheet(
            plan_id=plan.id,
            unit=owners[unit_id],
            as_of=snapshot.as_of,
            until=end,
            rows=tuple(_sheet_row(plan, e) for e in _sheet_order(by_unit[unit_id])),
            place=code,
            place_name=place.name if place is not None else "",
        )
        for unit_id in sorted(by_unit, key=lambda u: (order.get(u, len(order)), u))
    )


def place_sheets(
    plan: Plan,
    snapshot: Snapshot,
    places: Iterable[PlaceLike],
    *,
    until: dt.date | None = None,
    items: Iterable[str] | None = None,
) -> tuple[ProgressSheet, ...]:
    """Return one progress sheet per place: what each city or county reports to the region.

    Each place is asked about every item of the parent plan that is open and due by the end of
    the period (as :func:`progress_sheets` chooses them, whoever answers for them), or only
    about ``items``; its returns, collected (:func:`xiaojie.io.collect`), give the place's
    progress for :func:`xiaojie.rollup.rollup` (:meth:`xiaojie.io.Collection.by_place`).

    Parameters
    ----------
    plan
        The region's plan.
    snapshot
        Its status as of the 调度 date.
    places
        The places to write to (``Place`` objects: a code and a name each).
    until
        The end of the period (default: the last day of ``snapshot.as_of``'s month).
    items
        The ids of the items to ask about (``spending-progress``); default every open one.

    Raises
    ------
    SheetError
        If the snapshot is of another plan, ``until`` is before its date, or an id of ``items``
        names no item of the plan.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.places import load_places
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> sheets = place_sheets(plan, status(plan, as_of=dt.date(2025, 8, 1)),
    ...                       [load_places().find("同心县")], items=["spending-progress"])
    >>> [(s.file_name, [r.key for r in s.rows]) for s in sheets]
    [('调度表-2025-08-01-640324-同心县.xlsx', ['spending-progress#0'])]
    """
    end = _period_end(plan, snapshot, until)
    entries = _asked_entries(plan, snapshot, end)
    if items is not None:
        wanted = list(dict.fromkeys(items))
        known = {e.item_id for e in snapshot}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            msg = (
                f"items: expected ids of items of plan {plan.id!r}, "
                f"found {', '.join(map(repr, unknown))}"
            )
            raise SheetError(msg)
        entries = [e for e in entries if e.item_id in wanted]
    rows = tuple(_sheet_row(plan, e) for e in _sheet_order(entries))
    return tuple(
        ProgressSheet(
            plan_id=plan.id,
            unit=ResponsibleUnit(id=p.code, name=p.name, kind=UnitKind.OTHER),
            as_of=snapshot.as_of,
            until=end,
            rows=rows,
            place=p.code,
            place_name=p.name,
            by_place=True,
        )
        for p in places
    )


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _serial(day: dt.date) -> int:
    return (day - dt.date(1899, 12, 30)).days


def _sent_record(sheet: ProgressSheet) -> str:
    """Return the record of what was sent that a sheet carries in its hidden cell A2.

    Examples
    --------
    >>> import datetime as dt
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> sheets = progress_sheets(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> _sent_record(next(s for s in sheets if s.unit.id == "finance"))
    '发送事项(至2025-08-31):spending-progress#0;task-20;performance-self-evaluation#0'
    """
    keys = ";".join(row.key for row in sheet.rows)
    return f"{_SENT_MARK}(至{sheet.until.isoformat()}):{keys}"


def _check_date(plan: Plan, sheet: ProgressSheet) -> dt.date:
    """Return the plan's date; refuse a sheet dated before it, where no 完成时间 fits."""
    start = plan.date
    if sheet.as_of < start:
        msg = (
            f"as_of: expected a 调度 date on or after the plan's date {start.isoformat()} "
            f"(its 发文时间), found {sheet.as_of.isoformat()}: no 完成时间 could be entered, "
            "as it must lie between the two"
        )
        raise SheetError(msg)
    return start


def sheet_xlsx(plan: Plan, sheet: ProgressSheet) -> bytes:
    """Return one progress sheet as XLSX bytes (see the module's description of the layout).

    Raises
    ------
    SheetError
        If the sheet's date is before the plan's date (发文时间): 完成时间 must lie between
        the two, so no date could be entered.

    Examples
    --------
    >>> import datetime as dt, io, openpyxl
    >>> from xiaojie import load_plan
    >>> from xiaojie.tracking import status
    >>> plan = load_plan()
    >>> sheets = progress_sheets(plan, status(plan, as_of=dt.date(2025, 8, 1)))
    >>> sheet = next(s for s in sheets if s.unit.id == "finance")
    >>> data = sheet_xlsx(plan, sheet)
    >>> data == sheet_xlsx(plan, sheet)
    True
    >>> book = openpyxl.load_workbook(io.BytesIO(data))
    >>> book.active["C2"].value, book.active["E2"].value, book.active["A5"].value
    ('自治区财政厅', 'finance', 'spending-progress#0')
    >>> early = progress_sheets(plan, status(plan, as_of=dt.date(2025, 6, 10)))[0]
    >>> sheet_xlsx(plan, early)
    Traceback (most recent call last):
    ...
    xiaojie.errors.SheetError: as_of: expected a 调度 date on or after the plan's date 2025-06-18 (its 发文时间), found 2025-06-10: no 完成时间 could be entered, as it must lie between the two
    """
    openpyxl = require("openpyxl", "writing progress sheets")
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side  # noqa: PLC0415
    from openpyxl.workbook.protection import WorkbookProtection  # noqa: PLC0415
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415

    start = _check_date(plan, sheet)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = _SHEET_TITLE
    width = len(COLUMNS)
    last = openpyxl.utils.get_column_letter(width)
    title = f"{plan.title}工作进展调度表(截至{sheet.as_of.year}年{sheet.as_of.month}月{sheet.as_of.day}日)"
    text_cell(ws.cell(row=1, column=2), title)
    ws.merge_cells(f"B1:{last}1")
    ws["B1"].font = Font(name="黑体", size=14, bold=True)
    ws["B1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[1].height = 36
    if sheet.by_place:
        meta: tuple[str, ...] = (
            _PLACE_KEYS[0],
            sheet.place_name or sheet.unit.name,
            _PLACE_KEYS[1],
            sheet.place,
        )
    else:
        meta = (_META_KEYS[0], sheet.unit.name, _META_KEYS[1], sheet.unit.id)
    meta += (_META_KEYS[2], sheet.as_of.isoformat(), _META_KEYS[3], plan.id)
    if sheet.place and not sheet.by_place:
        meta += (_PLACE_KEYS[1], sheet.place)
    for offset, value in enumerate(meta):
        text_cell(ws.cell(row=2, column=2 + offset), value)
    text_cell(ws.cell(row=2, column=1), _sent_record(sheet))
    text_cell(ws.cell(row=3, column=2), _INSTRUCTIONS)
    ws.merge_cells(f"B3:{last}3")
    ws["B3"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[3].height = 75
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    fill_fill = PatternFill("solid", fgColor="FFF7D6")
    for column, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=column, value=name)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    fill_columns = {COLUMNS.index(name) + 1 for name in _FILL}
    for index, row in enumerate(sheet.rows):
        line = FIRST_ROW + index
        task = f"{row.task}" if row.task is not None else ""
        values: list[Any] = [
            row.key,
            index + 1,
            row.title,
            task,
            row.when,
            row.due,
            row.state.label,
            row.target,
        ]
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=line, column=column)
            if isinstance(value, str):
                text_cell(cell, value)
            else:
                cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
        for column in range(1, width + 1):
            cell = ws.cell(row=line, column=column)
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column in fill_columns:
                cell.protection = Protection(locked=False)
                cell.fill = fill_fill
        ws.cell(row=line, column=COLUMNS.index("完成时间") + 1).number_format = "yyyy-mm-dd"
        ws.cell(row=line, column=COLUMNS.index("完成情况") + 1).data_type = "s"
        ws.cell(row=line, column=COLUMNS.index("说明") + 1).number_format = "@"
    if sheet.rows:
        end = FIRST_ROW + len(sheet.rows) - 1

        def span(name: str) -> str:
            letter = openpyxl.utils.get_column_letter(COLUMNS.index(name) + 1)
            return f"{letter}{FIRST_ROW}:{letter}{end}"

        states = DataValidation(
            type="list",
            formula1='"' + ",".join(FILL_STATES) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="完成情况",
            error="请从下拉列表中选择:" + "、".join(FILL_STATES),
            promptTitle="完成情况",
            prompt="请从下拉列表中选择",
            showInputMessage=True,
        )
        states.add(span("完成情况"))
        dates = DataValidation(
            type="date",
            operator="between",
            formula1=str(_serial(start)),
            formula2=str(_serial(sheet.as_of)),
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="完成时间",
            error=(
                f"请填写{start.isoformat()}至{sheet.as_of.isoformat()}之间的日期,格式如2025-07-31"
            ),
        )
        dates.add(span("完成时间"))
        numbers = DataValidation(
            type="decimal",
            allow_blank=True,
            operator="between",
            formula1="-1E+15",
            formula2="1E+15",
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="数值",
            error="请填写数字(百分比不带%)",
        )
        percents = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2="100",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            errorTitle="数值",
            error="百分比请填写0至100之间的数字,不带%",
        )
        value_letter = openpyxl.utils.get_column_letter(COLUMNS.index("数值") + 1)
        bench_letter = openpyxl.utils.get_column_letter(COLUMNS.index("基准值") + 1)
        for index, row in enumerate(sheet.rows):
            line = FIRST_ROW + index
            (percents if row.percent else numbers).add(f"{value_letter}{line}")
            numbers.add(f"{bench_letter}{line}")
        for validation in (states, dates, numbers, percents):
            if validation.sqref:
                ws.add_data_validation(validation)
    widths = (14, 6, 40, 8, 18, 12, 10, 12, 12, 13, 10, 10, 36)
    for column, size in enumerate(widths, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(column)].width = size
    ws.column_dimensions["A"].hidden = True
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    book.security = WorkbookProtection(lockStructure=True)
    return workbook_bytes(book)


def write_sheets(
    plan: Plan, sheets: Iterable[ProgressSheet], folder: str | os.PathLike[str]
) -> list[Path]:
    """Write each sheet as an XLSX file into ``folder`` (created if needed); return the paths.

    Every sheet is made before the first is written, so that a sheet that cannot be made
    leaves the folder as it was. Each file is written atomically; files already in the folder
    with other names are left alone. Each file is named :attr:`ProgressSheet.file_name`; of
    sheets whose names a file system would take for one file (equal but for case), the later
    ones are numbered (``-2.xlsx``, :func:`xiaojie._files.distinct_file_names`).

    Raises
    ------
    SheetError
        As :func:`sheet_xlsx`, before anything is written.
    """
    target = Path(folder)
    sheets = list(sheets)
    names = distinct_file_names([s.file_name for s in sheets])
    made = [(target / name, sheet_xlsx(plan, s)) for name, s in zip(names, sheets, strict=True)]
    return [atomic_write(path, data) for path, data in made]


# --------------------------------------------------------------------------------------------
# Reading a sheet that came back
# --------------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReturnedRow:
    """One filled row of a returned sheet, its cells as found.

    ``line`` is the sheet row (XLSX) or the line (CSV); ``key`` the hidden 编号; the other
    fields are the cells of the same names (dates may be a ``date`` or text).
    """

    line: int
    key: str
    title: str
    state: str
    done_on: object
    value: object
    benchmark: object
    note: str


@attrs.frozen(kw_only=True)
class ReturnedSheet:
    """A returned sheet: who sent it, for which date and plan, and its filled rows.

    A place's own sheet (:func:`place_sheets`) has no ``unit_id``: its ``place`` (区划代码)
    says who sent it, and ``unit_name`` holds the place's name.

    ``sent_keys`` and ``sent_until`` are the record of what was sent that the sheet carries
    (hidden cell A2): the 编号 of every row as sent, in order, and the end of the period; both
    are ``None`` for a sheet without one (written by an earlier version, or by hand).
    ``header_line`` is the row of the header as found (row 4 as sent; lower when the unit
    inserted rows above it).
    """

    source: str
    unit_id: str
    unit_name: str
    as_of: dt.date
    plan_id: str
    rows: tuple[ReturnedRow, ...]
    place: str = ""
    sent_keys: tuple[str, ...] | None = None
    sent_until: dt.date | None = None
    header_line: int = HEADER_ROW


def cell_text(value: object) -> str:
    """Return the text of a spreadsheet cell: dates in ISO form, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _text(value: object) -> str:
    return unicodedata.normalize("NFKC", cell_text(value)).strip()


def _grid_xlsx(path: Path, raw: bytes) -> list[tuple[int, list[object]]]:
    require("openpyxl", f"{path}: reading XLSX")
    with sheet_rows(path, raw, title=_SHEET_TITLE, percent=True) as (title, found):
        grid = list(found)
    _refuse_bad_cells(path, title, grid)
    return grid


def _refuse_bad_cells(path: Path, title: str, grid: list[tuple[int, list[object]]]) -> None:
    bad = [(n, c) for n, cells in grid for c in cells if isinstance(c, BadCell)]
    if bad:
        lines = "; ".join(f"row {n}, cell {c.ref}: {c.problem}" for n, c in bad[:20])
        msg = f"{path} sheet {title!r}: expected readable cells, found {len(bad)} that are not ({lines})"
        raise SheetError(msg)


_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CELL_REF_RE = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_MAX_SHOWN = 20
"""The most uncomputed formulas a message quotes (it counts them all)."""


@attrs.frozen
class _Parts:
    """What a workbook's parts say beyond its cells.

    ``sheets`` maps each worksheet's title to its part (``xl/worksheets/sheet1.xml``).
    ``stale`` is true when the workbook asks to compute every formula when it is opened
    (``<calcPr fullCalcOnLoad="1">``): openpyxl and xlsxwriter write it, having computed no
    formula (openpyxl stores none of their values, xlsxwriter a 0 for each); Excel, WPS and
    LibreOffice do not when they save, having computed them.
    """

    sheets: dict[str, str]
    stale: bool


_DAMAGED = (
    KeyError,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    zipfile.BadZipFile,
)
"""What reading the parts of a damaged package raises (a broken deflate stream is a zlib.error,
an encrypted part a RuntimeError, an unknown compression NotImplementedError)."""


def _workbook_parts(raw: bytes) -> _Parts:
    """Return the worksheet parts of an XLSX workbook and whether its formulas are stale.

    A workbook whose parts cannot be read gives none (openpyxl has opened it already, so this
    only leaves the check of formulas out).
    """
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - parsed only for a workbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            book = ET.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
            rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
            names = set(archive.namelist())
    except (*_DAMAGED, ET.ParseError):
        return _Parts({}, stale=False)
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    sheets = {}
    for sheet in book.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELS_NS}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if part in names and "worksheets/" in part:
            sheets[sheet.get("name", "")] = part
    calc = book.find(f"{{{_MAIN_NS}}}calcPr")
    stale = calc is not None and calc.get("fullCalcOnLoad", "").lower() in {"1", "true"}
    return _Parts(sheets, stale=stale)


def _column_letters(number: int) -> str:
    """Return a spreadsheet column's letters (1 is A, 27 is AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _column_number(letters: str) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return column


def _uncomputed(
    raw: bytes, part: str, *, stale: bool, columns: dict[int, str], below: int
) -> list[tuple[int, str, str]]:
    """Return the formulas of a worksheet part whose value was never computed.

    Only cells in ``columns`` (column number → name) on rows after ``below`` count; each comes
    as (row, column name, formula). In a ``stale`` workbook (see :class:`_Parts`) every formula
    counts, whatever value it stores. Otherwise a formula counts when it stores no value: a
    formula computed to empty text is stored as text (``t="str"``) with an empty value, as
    Excel, WPS and LibreOffice save it, and does not count.
    """
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - parsed only for a workbook

    found: list[tuple[int, str, str]] = []
    row_tag, cell_tag = f"{{{_MAIN_NS}}}row", f"{{{_MAIN_NS}}}c"
    row = column = 0
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open(part) as stream:
            for event, element in ET.iterparse(stream, events=("start", "end")):  # noqa: S314
                if event == "start":
                    if element.tag == row_tag:
                        given = element.get("r", "")
                        row, column = (int(given) if given.isdigit() else row + 1), 0
                    continue
                if element.tag != cell_tag:
                    continue
                match = _CELL_REF_RE.match(element.get("r", ""))
                if match is not None:
                    row, column = int(match.group(2)), _column_number(match.group(1))
                else:
                    column += 1
                formula = element.find(f"{{{_MAIN_NS}}}f")
                if formula is not None and row > below and column in columns:
                    value = element.find(f"{{{_MAIN_NS}}}v")
                    empty = value is None or not value.text
                    if stale or (empty and element.get("t") != "str"):
                        text = f"={formula.text}" if formula.text else "(a shared formula)"
                        found.append((row, columns[column], text))
                element.clear()
    except (*_DAMAGED, ET.ParseError):
        return found
    return found


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """Return the workbook's shared strings as cells show them (runs joined, no phonetics)."""
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - parsed only for a workbook

    try:
        stream = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    found: list[str] = []
    item, text, phonetic = f"{{{_MAIN_NS}}}si", f"{{{_MAIN_NS}}}t", f"{{{_MAIN_NS}}}rPh"
    with stream:
        for _, element in ET.iterparse(stream):  # noqa: S314
            if element.tag == phonetic:
                element.clear()
            elif element.tag == item:
                found.append("".join(t.text or "" for t in element.iter(text)))
                element.clear()
    return found


def _headed_parts(raw: bytes, parts: _Parts) -> set[str] | None:
    """Return the worksheet parts that may hold the header: they mention 编号 and 完成情况.

    A search of the bytes, much cheaper than reading every cell of every sheet, so that a
    workbook sent back with dozens of sheets of the unit's own figures is read for the sheets
    that matter; what it finds is read in full, and the header is looked for there. A word
    counts as mentioned when a cell refers to it among the shared strings, or when its text is
    in the part (an inline string), as characters or as character references.
    ``None`` when the parts cannot be searched (then every sheet is read).
    """
    from xml.etree import ElementTree as ET  # noqa: PLC0415 - parsed only for a workbook

    found: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            shared = [unicodedata.normalize("NFKC", s).strip() for s in _shared_strings(archive)]
            for part in set(parts.sheets.values()):
                data = archive.read(part)
                if all(_mentions(data, word, shared) for word in ("编号", "完成情况")):
                    found.add(part)
    except (*_DAMAGED, ET.ParseError):
        return None
    return found


def _mentions(data: bytes, word: str, shared: list[str]) -> bool:
    spellings = (
        word.encode(),
        "".join(f"&#{ord(c)};" for c in word).encode(),  # as openpyxl writes inline strings
        "".join(f"&#x{ord(c):x};" for c in word).encode(),
        "".join(f"&#x{ord(c):X};" for c in word).encode(),
    )
    if any(spelling in data for spelling in spellings):
        return True
    indices = b"|".join(str(i).encode() for i, s in enumerate(shared) if s == word)
    if not indices:
        return False
    pattern = rb'<(?:\w+:)?c\b[^>]*\bt="s"[^>]*>\s*<(?:\w+:)?v>\s*(?:' + indices + rb")\s*</"
    return re.search(pattern, data) is not None


def _has_header(grid: list[tuple[int, list[object]]]) -> bool:
    return any(_header_words(cells) for _, cells in grid)


def _header_words(cells: list[object]) -> bool:
    words = {_text(c) for c in cells if not isinstance(c, BadCell)}
    return "编号" in words and "完成情况" in words


def _has_unit_line(grid: list[tuple[int, list[object]]]) -> bool:
    """Whether the rows above the header hold a unit line (单位编号 or 区划代码)."""
    for _, cells in grid:
        if _header_words(cells):
            return False
        words = {_text(c) for c in cells if not isinstance(c, BadCell)}
        if _META_KEYS[1] in words or _PLACE_KEYS[1] in words:
            return True
    return False


def _returned_xlsx(path: Path, raw: bytes) -> ReturnedSheet:
    """Return the progress sheet of a returned workbook, read.

    A progress sheet is a sheet with a unit line above the header (编号 … 完成情况), whatever
    it is named and wherever it is among the sheets. Several of the same unit's (a blank
    backup copy, a hidden copy) read as the one filled in, or as one when they all agree.
    Without one, the sheet with the header is read (to say what it lacks), or 调度表, or the
    first.

    Raises
    ------
    SheetError
        If the progress sheets are different units' (or of different dates), the same unit's
        filled in differently, or the sheet read cannot be read (see :func:`read_returned`).
    """
    require("openpyxl", f"{path}: reading XLSX")
    parts = _workbook_parts(raw)
    scanned = _headed_parts(raw, parts) if parts.sheets else None
    with workbook_sheets(path, raw, percent=True) as sheets:
        titles = sheets.titles
        if scanned is not None and set(titles) <= parts.sheets.keys():
            titles = tuple(t for t in titles if parts.sheets[t] in scanned) or (
                next((t for t in titles if t == _SHEET_TITLE), titles[0]),
            )
        grids = [(title, list(sheets.rows(title))) for title in titles]
    headed = [(title, grid) for title, grid in grids if _has_header(grid)]
    progress = [(title, grid) for title, grid in headed if _has_unit_line(grid)]
    if not progress:
        pool = headed or grids
        title, grid = next((e for e in pool if e[0] == _SHEET_TITLE), pool[0])
        return _read_xlsx_sheet(path, raw, parts, title, grid)
    read = [(title, _read_xlsx_sheet(path, raw, parts, title, grid)) for title, grid in progress]
    return _one_sheet(path, read)


def _read_xlsx_sheet(
    path: Path, raw: bytes, parts: _Parts, title: str, grid: list[tuple[int, list[object]]]
) -> ReturnedSheet:
    _refuse_bad_cells(path, title, grid)
    part = parts.sheets.get(title)

    def formulas(columns: dict[int, str], below: int) -> list[tuple[int, str, str]]:
        if part is None:
            return []
        return _uncomputed(raw, part, stale=parts.stale, columns=columns, below=below)

    merged = _merged_ranges(raw, part) if part is not None else []
    return _read_sheet(
        path, grid, where=f"{path} sheet {title!r}", line="row", formulas=formulas, merged=merged
    )


_MERGE_RE = re.compile(
    rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"'
)


def _merged_ranges(raw: bytes, part: str) -> list[tuple[int, int, int]]:
    """Return the ranges of a worksheet part merged down one column: (column, first, last row).

    A range over several columns (a title across the sheet) keeps its value in its first cell.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            data = archive.read(part)
    except _DAMAGED:
        return []
    found = []
    for match in _MERGE_RE.finditer(data):
        left, top, right, bottom = match.groups()
        if left == right and int(bottom) > int(top):
            found.append((_column_number(left.decode()), int(top), int(bottom)))
    return found


def _merged_down(
    grid: list[tuple[int, list[object]]],
    ranges: list[tuple[int, int, int]],
    *,
    key: int,
    items: Collection[str] | None,
) -> list[tuple[int, list[object]]]:
    """Give each item's row of a range merged down a column the value its first cell holds.

    A unit that merges 完成情况 over three rows (one 已完成 for them) or 完成时间 (one date)
    says it of each row, as the sheet shows it; the rows below the first were read empty. A
    row without an item (no 编号 in column ``key``, 0-based, or one of no item sent, ``items``
    when the sheet says them: a blank or footer row the range runs over) is left as it is.
    """
    if not ranges:
        return grid
    rows = {number: list(cells) for number, cells in grid}
    for column, top, bottom in ranges:
        first = rows.get(top, [])
        value = first[column - 1] if column <= len(first) else None
        if value is None or value == "":
            continue
        for number in range(top + 1, bottom + 1):
            cells = rows.get(number)
            if cells is None:
                continue
            named = _text(cells[key]) if key < len(cells) else ""
            if not named or (items is not None and named not in items):
                continue  # no item's row (below the last item, a footer): left as it is
            cells.extend([None] * (column - len(cells)))
            if cells[column - 1] is None or cells[column - 1] == "":
                cells[column - 1] = value
    return [(number, rows[number]) for number, _ in grid]


def _answers(sheet: ReturnedSheet) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (r.line, r.key, *answer_of(r.state, r.done_on, r.value, r.benchmark, r.note))
        for r in sheet.rows
    )


def _one_sheet(path: Path, read: list[tuple[str, ReturnedSheet]]) -> ReturnedSheet:
    """Return the one sheet that the progress sheets of a workbook stand for, or refuse.

    Raises
    ------
    SheetError
        If they are different units' (or dates'), or the same unit's filled in differently.
    """

    def whose(sheet: ReturnedSheet) -> str:
        return f"{sheet.unit_name or sheet.unit_id or sheet.place}, 截至 {sheet.as_of.isoformat()}"

    def preferred(entries: list[tuple[str, ReturnedSheet]]) -> ReturnedSheet:
        return next((s for t, s in entries if t == _SHEET_TITLE), entries[0][1])

    if len({(s.plan_id, s.unit_id, s.place, s.as_of) for _, s in read}) > 1:
        names = "、".join(f"{title!r} ({whose(sheet)})" for title, sheet in read)
        msg = (
            f"{path}: expected one progress sheet in the workbook, found {len(read)} sheets of "
            f"different units or dates ({names}): send each unit's sheet as its own file"
        )
        raise SheetError(mask_quoted(msg))
    filled = [(title, sheet) for title, sheet in read if sheet.rows]
    if not filled:
        return preferred(read)
    (first_title, first), *others = filled
    for title, sheet in others:
        if _answers(sheet) == _answers(first):
            continue
        lines = {r.line: a for r, a in zip(first.rows, _answers(first), strict=True)}
        other = {r.line: a for r, a in zip(sheet.rows, _answers(sheet), strict=True)}
        line = min(n for n in lines.keys() | other.keys() if lines.get(n) != other.get(n))
        msg = (
            f"{path}: expected one filled copy of the sheet of {whose(first)}, found sheets "
            f"{first_title!r} and {title!r} filled in differently (first on row {line}): "
            "delete the copy that is not the answer, or send each as its own file"
        )
        raise SheetError(mask_quoted(msg))
    return preferred(filled)


def answer_of(
    state: object, done_on: object, value: object, benchmark: object, note: object
) -> tuple[object, ...]:
    """Return what a filled row answers, as read: a date or number parsed, other text as typed.

    So a value typed as ``58`` or ``58.0`` or ``'58'``, a date as a date cell, ``2025-07-31`` or
    ``2025/7/31``, give the same answer.
    """

    def parsed(cell: object, parse: Any) -> object:  # noqa: ANN401 - a date or a number
        if _text(cell) == "":
            return ""
        found, problem = parse(cell)
        return found if problem is None else _text(cell)

    return (
        _text(state),
        parsed(done_on, _parse_date),
        parsed(value, _parse_number),
        parsed(benchmark, _parse_number),
        _text(note),
    )


def _grid_csv(path: Path, raw: bytes) -> list[tuple[int, list[object]]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        msg = f"{path}: expected UTF-8 or GB18030 text, found undecodable bytes"
        raise SheetError(msg)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [
            (number, [csv_text(c) for c in cells]) for number, cells in enumerate(reader, start=1)
        ]
    except csv.Error as err:
        msg = f"{path} line {reader.line_num}: expected CSV, found {err}"
        raise SheetError(msg) from None


def read_grid(path: Path, what: str) -> list[tuple[int, list[object]]]:
    """Return the rows of an XLSX or CSV file, each with its 1-based line, as cell values.

    CSV cells are read as :func:`~xiaojie.io._tabular.csv_text` (the quote that keeps a formula
    text is undone); XLSX rows are those of the progress sheet, or of the first sheet.

    Raises
    ------
    SheetError
        Naming the file (and line) if it is not ``.xlsx`` or ``.csv``, cannot be read, or is
        not a workbook or CSV text; ``what`` names what the file should have been.
    """
    suffix, raw = _read_raw(path, what)
    return _grid_xlsx(path, raw) if suffix == ".xlsx" else _grid_csv(path, raw)


SPREADSHEET_SUFFIXES: dict[str, str] = {
    ".xls": "an Excel 97-2003 workbook",
    ".xlsm": "a macro-enabled Excel workbook",
    ".xlsb": "a binary Excel workbook",
    ".xltx": "an Excel template",
    ".et": "a WPS workbook",
    ".ett": "a WPS template",
    ".ods": "an OpenDocument spreadsheet",
    ".numbers": "a Numbers spreadsheet",
}
"""Spreadsheets that are not read, by suffix: a unit that sends one back is told to save it as
``.xlsx``, never passed over."""


def _read_raw(path: Path, what: str) -> tuple[str, bytes]:
    """Return the suffix and the bytes of an ``.xlsx`` or ``.csv`` file, refusing anything else."""
    suffix = path.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        kind = SPREADSHEET_SUFFIXES.get(suffix)
        advice = (
            f" ({kind}): open it in Excel or WPS and save it as an Excel workbook (.xlsx)"
            if kind
            else ""
        )
        msg = f"{path}: expected {what} (.xlsx or .csv), found {suffix or 'no suffix'!r}{advice}"
        raise SheetError(msg)
    try:
        raw = path.read_bytes()
    except OSError as err:
        msg = f"{path}: expected a readable file, found {type(err).__name__}: {err.strerror}"
        raise SheetError(msg) from None
    if not raw.strip(b"\xef\xbb\xbf \t\r\n"):
        msg = f"{path}: expected {what}, found an empty file ({len(raw)} bytes)"
        raise SheetError(msg)
    return suffix, raw


def read_returned(path: str | os.PathLike[str]) -> ReturnedSheet:
    """Read a returned progress sheet (XLSX or CSV): the unit line and every filled row.

    Rows whose five fill-in columns are all empty are left out. Nothing is judged here:
    :func:`xiaojie.io.collect` checks the rows against the plan and the sheet as sent.
    截至 is read as 完成时间 is: ``2025-08-01``, ``2025/8/1`` (as Excel re-saves a CSV sheet),
    ``2025年8月1日`` or a spreadsheet date.

    The progress sheet of a workbook is the sheet holding a unit line above the header
    (编号 … 完成情况), however it was renamed and among whatever other sheets (an instructions
    sheet laid out as the header, without a unit line, is not one); of several copies of one
    unit's sheet (a blank backup, a hidden copy) the one filled in is read. Columns are found by
    their header (a column the unit inserted is passed over), each value of the unit line is
    the next filled cell after its key, and rows inserted above the header are recorded in
    ``header_line``.

    A number in a cell formatted as a percent comes as the percent the cell shows (50% typed in
    Excel, stored as 0.5, comes as 50.0), a :class:`~xiaojie.io._xlsx.Percent` that keeps the
    number stored and the format, so that :func:`~xiaojie.io.collect` can refuse a percent
    given for a count; a CSV saved from the sheet holds the text ``50%``.

    Raises
    ------
    SheetError
        Naming the file (and sheet, row and column) if it is empty, not a readable XLSX/CSV
        (a ``.xls`` or ``.et`` is told to be saved as ``.xlsx``), lacks the unit line or the
        header (or the hidden 编号 column), gives a date that is not a date, carries a broken
        record of what was sent, holds two units' sheets (two progress sheets of different
        units, or a second unit line or header below the first), holds two copies of one
        unit's sheet filled in differently, or holds a formula in a fill-in column whose value
        was never computed (a workbook written by a program, such as openpyxl or xlsxwriter,
        not saved by Excel, WPS or LibreOffice: read for its values it would look empty, or 0).
    """
    file = Path(path)
    suffix, raw = _read_raw(file, "a returned sheet")
    if suffix == ".xlsx":
        return _returned_xlsx(file, raw)
    return _read_sheet(file, _grid_csv(file, raw), where=str(file), line="line")


def _read_sheet(
    file: Path,
    grid: list[tuple[int, list[object]]],
    *,
    where: str,
    line: str,
    formulas: Any = None,  # noqa: ANN401 - (columns, below) -> uncomputed formulas
    merged: list[tuple[int, int, int]] | None = None,
) -> ReturnedSheet:
    """Read the rows of one sheet (``where`` names it, ``line`` is "row" or "line").

    ``merged`` are the ranges merged down one column (column, first row, last row), filled
    down into the items' rows (see :func:`_merged_down`).
    """
    at = f"{where} {line}"
    meta: dict[str, str] = {}
    header: dict[str, int] = {}
    header_line = 0
    record: tuple[int, str] | None = None
    for number, cells in grid:
        words = [_text(c) for c in cells]
        if not header and (_META_KEYS[1] in words or _PLACE_KEYS[1] in words):
            meta.update(_meta(words))
            if words and words[0].startswith(_SENT_MARK):
                record = (number, words[0])
        if "编号" in words and "完成情况" in words:
            header = {word: position for position, word in enumerate(words) if word}
            header_line = number
            break
    if not header:
        raise SheetError(_no_header(where, at, grid))
    sender = _PLACE_KEYS[1] if _PLACE_KEYS[0] in meta else _META_KEYS[1]
    missing = [name for name in (sender, _META_KEYS[2], _META_KEYS[3]) if not meta.get(name)]
    if missing:
        msg = (
            f"{where}: expected the unit line above the header ({'、'.join(_META_KEYS)}), "
            f"found {'、'.join(missing)} missing"
        )
        raise SheetError(msg)
    read = ("编号", "事项", *_FILL)
    twice = [
        (word, [p for p, w in enumerate(words) if w == word])
        for word in read
        if words.count(word) > 1
    ]
    if twice:
        # a second 数值 or 说明 added at the right: which one holds the answer is not said
        shown = "; ".join(
            f"{word} in columns {'、'.join(_column_letters(p + 1) for p in places)}"
            for word, places in twice
        )
        msg = (
            f"{at} {header_line}: expected each column of the header once, found {shown}: "
            "keep one, and send the sheet again"
        )
        raise SheetError(msg)
    absent = [name for name in read if name not in header]
    if absent:
        msg = (
            f"{at} {header_line}: expected the columns {'、'.join(absent)}, found them missing"
            + (" (were header cells merged or renamed?)" if line == "row" else "")
        )
        raise SheetError(msg)
    as_of, problem = _parse_date(meta[_META_KEYS[2]])
    if as_of is None:
        msg = mask_quoted(f"{where}: 截至: {problem}")  # it quotes the cell, which may hold prose
        raise SheetError(msg)
    sent_keys, sent_until = _read_record(where, record)
    grid = _merged_down(grid, merged or [], key=header["编号"], items=sent_keys)

    def cell(cells: list[object], name: str) -> object:
        position = header[name]
        return cells[position] if position < len(cells) else None

    rows = []
    for number, cells in grid:
        if number <= header_line:
            continue
        words = [_text(c) for c in cells]
        if _header_words(cells) or (words and words[0].startswith(_SENT_MARK)):
            msg = (
                f"{at} {number}: expected the rows of one unit's sheet below the header "
                f"on {line} {header_line}, found {'another header' if _header_words(cells) else 'another unit line'}: "
                "two sheets pasted into one? send each unit's sheet as its own file"
            )
            raise SheetError(msg)
        filled = [cell(cells, name) for name in _FILL]
        if all(_text(v) == "" for v in filled):
            continue
        rows.append(
            ReturnedRow(
                line=number,
                key=_text(cell(cells, "编号")),
                title=_text(cell(cells, "事项")),
                state=_text(filled[0]),
                done_on=filled[1],
                value=filled[2],
                benchmark=filled[3],
                note=_text(filled[4]),
            )
        )
    unread = formulas({header[n] + 1: n for n in _FILL}, header_line) if formulas else []
    if unread:
        shown = "; ".join(
            f"{line} {number}, {name}: {text if len(text) <= 40 else text[:37] + '...'!r}"
            for number, name, text in unread[:_MAX_SHOWN]
        )
        more = f"; and {len(unread) - _MAX_SHOWN} more" if len(unread) > _MAX_SHOWN else ""
        msg = (
            f"{where}: expected values in the filled cells, found {len(unread)} formula(s) whose "
            f"value was never computed ({shown}{more}): open the file in Excel, WPS or "
            "LibreOffice and save it again, or type the values"
        )
        raise SheetError(mask_quoted(msg))
    return ReturnedSheet(
        source=str(file),
        unit_id=meta.get(_META_KEYS[1], "") if sender == _META_KEYS[1] else "",
        unit_name=meta.get(_META_KEYS[0]) or meta.get(_PLACE_KEYS[0], ""),
        as_of=as_of,
        plan_id=meta[_META_KEYS[3]],
        rows=tuple(rows),
        place=meta.get(_PLACE_KEYS[1], ""),
        sent_keys=sent_keys,
        sent_until=sent_until,
        header_line=header_line,
    )


def _meta(words: list[str]) -> dict[str, str]:
    """Return the unit line's values by key: each key's value is the next filled cell after it.

    A column inserted between a key and its value leaves the pair readable.
    """
    keys = {*_META_KEYS, *_PLACE_KEYS}
    found: dict[str, str] = {}
    for position, word in enumerate(words):
        if word not in keys:
            continue
        value = next((w for w in words[position + 1 :] if w), "")
        found[word] = "" if value in keys else value
    return found


def _no_header(where: str, at: str, grid: list[tuple[int, list[object]]]) -> str:
    """Say why no header was found: none at all, or one whose hidden 编号 column was deleted."""
    for number, cells in grid:
        words = {_text(c) for c in cells}
        if "事项" in words and "完成情况" in words:
            return (
                f"{at} {number}: expected the header with the hidden column 编号 "
                "(column A, which names each row's item), found the header without it: the "
                "column was deleted; fill in the sheet as it was sent"
            )
    return f"{where}: expected a progress sheet with a header row holding 编号 and 完成情况, found none"


def _read_record(
    where: str, record: tuple[int, str] | None
) -> tuple[tuple[str, ...] | None, dt.date | None]:
    """Return the 编号 and the period's end recorded in cell A2, or ``(None, None)``."""
    if record is None:
        return None, None
    line, text = record
    match = _SENT_RE.match(text)
    until = None
    if match is not None:
        until, _ = _parse_date(match["until"])
    if match is None or until is None:
        shown = text if len(text) <= 60 else text[:57] + "..."
        msg = (
            f"{where} cell A{line}: expected the record of what was sent "
            f"({_SENT_MARK}(至YYYY-MM-DD):编号;编号…), found {shown!r}"
        )
        raise SheetError(mask_quoted(msg))
    keys = tuple(key.strip() for key in match["keys"].split(";") if key.strip())
    return keys, until
