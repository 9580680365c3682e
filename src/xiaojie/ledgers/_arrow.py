"""Ledgers as Arrow tables: typed objects to canonical columns, and text files to text columns."""

from __future__ import annotations

import codecs
import datetime as dt
import mmap
import re
from typing import TYPE_CHECKING, Any

from xiaojie.errors import LedgerError
from xiaojie.ledgers._optional import pyarrow_module
from xiaojie.ledgers._read import (
    Held,
    Runs,
    UndecodedRow,
    Where,
    _csv_rows,
    _detect_encoding,
    cell_value,
    find_header,
    lenient_errors,
    open_sheet,
    text_delimiter,
    undecoded_header,
    undecoded_note,
    undecoded_row,
    undecoded_rows,
    unreadable_text,
)
from xiaojie.ledgers._schema import (
    BLANKS,
    MEASURE_COLUMNS,
    HeaderMap,
    Schema,
    cell_text,
    joined_header,
    mapped_fields,
)
from xiaojie.ledgers._sql import ROW
from xiaojie.ledgers._xlsx import (
    Formulas,
    arrow_texts,
    dense_enough,
    open_workbook,
    placed_uncomputed,
    rows_texts,
    sheet_shape,
    uncomputed_message,
    worksheet_choice,
)


if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from pathlib import Path

    import pyarrow as pa

    from xiaojie.ledgers._model import Asset, Household


__all__ = ["assets_to_arrow", "households_to_arrow", "text_table", "with_rows"]

_ROW = ROW
NO_VALUE = False


def with_rows(table: Any, *, first: int) -> Any:  # noqa: ANN401 - pyarrow
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415

    ones = pc.if_else(pc.is_null(pa.nulls(table.num_rows, pa.int8())), 1, 0).cast(pa.int64())
    rows = pc.add(pc.cumulative_sum(ones), first - 1)
    return table.append_column(_ROW, rows)


def text_table(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    encoding: str | None,
    aside: dict[int, UndecodedRow] | None = None,
) -> tuple[Any, list[str], int]:
    """Read a CSV or XLSX file into an Arrow table of texts, keeping spreadsheet row numbers.

    A CSV file is decoded strictly; if a byte does not decode, it is read again with each
    such byte as U+FFFD, and ``aside`` (when given) gets the rows whose fields' cells held
    one, with the issues the object reader gives them (see
    :func:`xiaojie.ledgers._read.undecoded_row`). An XLSX cell the ledger reads holding a
    formula with no computed value reads as empty, and ``aside`` gets its row the same way.

    Raises
    ------
    LedgerError
        If the file has no header row, or one holding a byte its encoding cannot read or a
        formula with no computed value; without ``aside``, if a cell the ledger reads in an
        XLSX sheet holds such a formula.
    """
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _xlsx_table(path, schema, headers, header_row=header_row, sheet=sheet, aside=aside)
    encoding = encoding or _detect_encoding(path)
    try:
        try:
            return _csv_table(path, schema, headers, header_row, encoding, None)
        except UnicodeDecodeError:
            lenient = {} if aside is None else aside  # without ``aside``: U+FFFD, and no issue
            return _csv_table(path, schema, headers, header_row, encoding, lenient)
    except UnicodeError as err:  # utf-16 without a byte order mark
        raise unreadable_text(path, encoding, err) from None


def _csv_table(  # noqa: PLR0917 - the reading options
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    header_row: int | None,
    encoding: str,
    aside: dict[int, UndecodedRow] | None,
) -> tuple[Any, list[str], int]:
    """Read a CSV file as :func:`text_table` does: strictly, or leniently with ``aside``."""
    pa = pyarrow_module()
    found: dict[int, dict[int, Runs]] = {}
    errors = "strict" if aside is None else lenient_errors()
    delimiter = text_delimiter(path, encoding)
    with path.open(encoding=encoding, errors=errors, newline="") as handle:
        rows = _csv_rows(handle, delimiter)
        iterator = iter(rows if aside is None else undecoded_rows(rows, found))
        head: list[Sequence[object]] = []
        for row in iterator:
            head.append(row)
            if len(head) >= (header_row or 10):
                break
        head = joined_header(head, schema, headers)
        try:
            at = (
                find_header(head, schema, headers, path.name)
                if header_row is None
                else header_row - 1
            )
        except LedgerError as err:
            raise undecoded_note(err, len(head), found, encoding) from None
        if not 0 <= at < len(head):
            msg = f"{path.name}: expected a header row 1-{len(head)}, found {header_row}"
            raise LedgerError(msg)
        undecoded_header(path.name, head, at, found, encoding)
        names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in head[at]]
        index, _, _ = mapped_fields(names, headers)
        wanted = sorted(set(index.values()))
        # Arrow reads UTF-8 strictly: a byte it cannot read leaves the file to the csv module
        fast = _engine_csv(path, encoding, head[: at + 1], wanted, names)
        if fast is not None:
            return fast, names, at + 1
        data: dict[str, list[str | None]] = {names[i]: [] for i in wanted}
        numbers: list[int] = []
        number = at + 1
        columns = {name: names[i] for name, i in index.items()}
        fields = [(schema.names[name], i) for name, i in index.items()]

        def take(row: Sequence[object]) -> None:
            width = len(row)
            for i in wanted:
                data[names[i]].append(cell_text(row[i]) if i < width else None)
            numbers.append(number)
            if found and number in found:  # read leniently, and this row held such bytes
                put_aside(row, found[number])

        def put_aside(row: Sequence[object], held: Mapping[int, Runs]) -> None:
            bad = {field.name: held[i] for field, i in fields if i in held}
            if not bad or aside is None:  # only in columns no field reads
                return
            width = len(row)
            cells = [(field, cell_text(row[i]) if i < width else None) for field, i in fields]
            where = Where(path.name, number, columns, encoding)
            parsed = undecoded_row(schema, cells, bad, at=where)
            if parsed is not None:  # a cell holding U+FFFD: never a blank row
                aside[number] = UndecodedRow(frozenset(bad), tuple(parsed[1]))

        for row in head[at + 1 :]:
            number += 1
            take(row)
        for row in iterator:
            number += 1
            take(row)
    arrays = {name: pa.array(values, pa.string()) for name, values in data.items()}
    arrays[_ROW] = pa.array(numbers, pa.int64())
    return pa.table(arrays), names, at + 1


def _engine_csv(
    path: Path,
    encoding: str,
    head: Sequence[Sequence[object]],
    wanted: Sequence[int],
    names: Sequence[str],
) -> Any:  # noqa: ANN401 - a pyarrow table, or None
    """Read the rows after the header with Arrow's CSV reader (C++, all cores), or return None.

    Only a UTF-8 file whose every row has as many cells as the header is read this way; the
    rows are then exactly those :func:`csv.reader` gives. Anything else (another encoding, a
    bad byte, a short or long row, an empty line, a line break inside a cell above the data, a
    cell too long for a block) returns None and the file is read by the csv module, which
    keeps every row.
    """
    pa = pyarrow_module()
    import pyarrow.csv as pcsv  # noqa: PLC0415 - optional extra

    try:
        if codecs.lookup(encoding).name not in {"utf-8", "utf-8-sig"}:
            return None
    except LookupError:
        return None
    if any("\n" in str(c) or "\r" in str(c) for row in head for c in row) or _empty_lines(path):
        return None
    if _inner_mark(path):  # a file joined after the first: the csv module drops its mark
        return None
    quotes = _quoted(path)
    width = len(head[-1])
    columns = [f"c{i}" for i in range(width)]
    try:
        table = pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(
                skip_rows=len(head), column_names=columns, block_size=1 << 24
            ),
            parse_options=pcsv.ParseOptions(
                delimiter=text_delimiter(path, encoding),
                # a line break can sit inside a value only within quotes: a file without any
                # quote is split into lines by every core at once
                newlines_in_values=quotes,
                ignore_empty_lines=False,
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                # with quotes, every column: the last row is looked at below
                include_columns=None if quotes else [columns[i] for i in wanted],
            ),
        )
    except (pa.ArrowException, OSError, ValueError):  # a row of another width, a bad byte …
        return None
    if quotes and table.num_rows:
        # Arrow reads a quote never closed to the end of the file as one last cell; a last row
        # holding a line break is left to the csv module, which tells the two apart
        last = table.slice(table.num_rows - 1).to_pylist()[0].values()
        if any("\n" in cell or "\r" in cell for cell in last):
            return None
    first = len(head) + 1
    arrays = {names[i]: table.column(columns[i]) for i in wanted}
    arrays[_ROW] = _row_numbers(first, table.num_rows)
    return pa.table(arrays)


def _row_numbers(first: int, count: int) -> Any:  # noqa: ANN401 - a pyarrow array
    """Return the Arrow array ``first, first + 1, …`` of ``count`` row numbers.

    Built by NumPy when it is installed (a million numbers in milliseconds, where Arrow takes a
    quarter of a second to read them from a Python ``range``), handed to Arrow as a buffer:
    ``pa.array`` of a NumPy array would import pandas (half a second) to look at it.

    >>> _row_numbers(2, 3).to_pylist()
    [2, 3, 4]
    """
    pa = pyarrow_module()
    try:
        import numpy as np  # noqa: PLC0415 - optional extra
    except ImportError:  # pragma: no cover - pyarrow without NumPy
        return pa.array(range(first, first + count), pa.int64())
    numbers = np.arange(first, first + count, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), count, [None, pa.py_buffer(numbers)])


def _quoted(path: Path) -> bool:
    """Whether the file may hold a quoted cell (a line break inside a cell, a quote left open)."""
    with path.open("rb") as handle:
        try:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return data.find(b'"') >= 0
        except (ValueError, OSError):  # an empty file, or one that cannot be mapped
            return True


def _inner_mark(path: Path) -> bool:
    """Whether the file holds a UTF-8 byte order mark after its first byte."""
    with path.open("rb") as handle:
        try:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return data.find(codecs.BOM_UTF8, 1) >= 0
        except (ValueError, OSError):  # an empty file, or one that cannot be mapped
            return True


_EMPTY_LINE = re.compile(b"\n\n")


def _empty_lines(path: Path) -> bool:
    """Whether the file may hold an empty line (which the csv module reads as a row of no cells)."""
    with path.open("rb") as handle:
        try:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                if data.find(b"\r") < 0:  # one byte: a fast search; most files end lines in \n
                    # two bytes: the regular expression finds them three times faster than find
                    return _EMPTY_LINE.search(data) is not None
                return any(data.find(pair) >= 0 for pair in (b"\n\n", b"\n\r", b"\r\r"))
        except (ValueError, OSError):  # an empty file, or one that cannot be mapped
            return True


def _xlsx_table(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    aside: dict[int, UndecodedRow] | None = None,
) -> tuple[Any, list[str], int]:
    """Read an XLSX sheet into an Arrow table of texts, a column at a time.

    A sheet whose references are odd or span a rectangle far larger than its cells is streamed
    (:func:`xiaojie.ledgers._xlsx.dense_enough`). Otherwise fastexcel reads it straight into
    Arrow columns (:func:`xiaojie.ledgers._xlsx.arrow_texts`); when that path is not sure to
    give the very texts the object reader sees, python-calamine returns the sheet at once and
    each wanted column is turned into the texts :func:`cell_text` gives, by Arrow casts when the
    column holds one kind of value (texts, dates, whole numbers) and cell by cell otherwise.

    A cell the ledger reads holding a formula with no computed value reads as empty; ``aside``
    gets its row (see :func:`text_table`).
    """
    formulas: Formulas = {}
    sheet = worksheet_choice(path, sheet)
    table, names, at = _xlsx_texts(
        path, schema, headers, header_row=header_row, sheet=sheet, formulas=formulas
    )
    if formulas:
        index = mapped_fields(names, headers)[0]
        if aside is None:
            row, cells = min(formulas.items())
            raise LedgerError(uncomputed_message(path.name, [(row, min(cells) + 1)], names))
        aside.update(_formula_rows(table, schema, names, index, formulas, path.name))
    return table, names, at


def _formula_rows(  # noqa: PLR0917 - the table's facts
    table: Any,  # noqa: ANN401 - a pyarrow table
    schema: Schema,
    names: Sequence[str],
    index: Mapping[str, int],
    formulas: Formulas,
    source: str,
) -> dict[int, UndecodedRow]:
    """Return the rows of ``table`` holding formulas never computed, with the reader's issues.

    A row whose cells the ledger reads are all empty is a blank row, as the object reader
    reads it, and is left in the table.
    """
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415

    fields = [(schema.names[name], i) for name, i in index.items()]
    columns = {name: names[i] for name, i in index.items()}
    wanted = pa.array(sorted(formulas), pa.int64())
    found: dict[int, UndecodedRow] = {}
    for record in table.filter(pc.is_in(table.column(_ROW), wanted)).to_pylist():
        number = record[_ROW]
        held: Mapping[int, Held] = formulas[number]
        bad = {field.name: held[i] for field, i in fields if i in held}
        if not bad:
            continue
        cells = [(field, record.get(names[i])) for field, i in fields]
        parsed = undecoded_row(schema, cells, bad, at=Where(source, number, columns, "utf-8"))
        if parsed is not None:
            found[number] = UndecodedRow(frozenset(bad), tuple(parsed[1]))
    return found


def _xlsx_texts(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    formulas: Formulas,
) -> tuple[Any, list[str], int]:
    """Read an XLSX sheet as :func:`_xlsx_table` does; ``formulas`` gets the uncomputed ones."""
    pa = pyarrow_module()
    opened = open_workbook(path)  # in a thread, while the scan runs
    if not dense_enough(path):
        return _rows_table(
            path, schema, headers, header_row=header_row, sheet=sheet, uncomputed=formulas
        )
    fast = arrow_texts(
        path, schema, headers, header_row=header_row, sheet=sheet, opened=opened,
        uncomputed=formulas,
    )  # fmt: skip
    if fast is not None:
        table, names, at = fast
        rows = _row_numbers(at + 1, table.num_rows)
        return table.append_column(_ROW, rows), names, at
    workbook, worksheet = open_sheet(path, sheet)
    try:
        grid = worksheet.to_python(skip_empty_area=False)
        title = worksheet.name
    finally:
        workbook.close()
    head = joined_header(
        [[cell_value(v) for v in row] for row in grid[: header_row or 10]], schema, headers
    )
    at = find_header(head, schema, headers, path.name) if header_row is None else header_row - 1
    if not 0 <= at < len(head):
        msg = f"{path.name}: expected a header row 1-{len(head)}, found {header_row}"
        raise LedgerError(msg)
    names = ["" if c is None else str(cell_text(c)).strip(BLANKS) for c in head[at]]
    index, _, _ = mapped_fields(names, headers)
    wanted = set(index.values())
    shape = sheet_shape(path, sheet)
    formulas.update(placed_uncomputed(shape, path.name, at + 1, names, wanted, title=lambda: title))
    body = grid[at + 1 :]
    columns = list(zip(*body, strict=True)) if body else []
    arrays = {
        names[i]: _text_column(columns[i] if i < len(columns) else (None,) * len(body))
        for _, i in index.items()
    }
    arrays[_ROW] = _row_numbers(at + 2, len(body))
    return pa.table(arrays), names, at + 1


def _rows_table(
    path: Path,
    schema: Schema,
    headers: HeaderMap,
    *,
    header_row: int | None,
    sheet: str | int | None,
    uncomputed: Formulas,
) -> tuple[Any, list[str], int]:
    """Read a sheet that is streamed row by row (see :func:`workbook_rows`), with row numbers."""
    table, names, at = rows_texts(
        path, schema, headers, header_row=header_row, sheet=sheet, uncomputed=uncomputed
    )
    return table.append_column(_ROW, _row_numbers(at + 1, table.num_rows)), names, at


def _text_column(values: Sequence[object]) -> Any:  # noqa: ANN401 - pyarrow array
    pa = pyarrow_module()
    kinds = set(map(type, values))
    if kinds <= {str}:
        array = pa.array(values, pa.string())
        return _blank_as_null(array)
    cells = [None if v == "" else v for v in values]
    kinds.discard(str)
    if kinds <= {dt.date} and all(type(v) is not str for v in cells if v is not None):
        return pa.array(cells, pa.date32()).cast(pa.string())
    if kinds <= {float, int} and all(type(v) is not str for v in cells if v is not None):
        return number_texts(pa.array(cells, pa.float64()))
    return pa.array([cell_text(cell_value(v)) for v in values], pa.string())


def number_texts(numbers: Any) -> Any:  # noqa: ANN401 - pyarrow array
    """Return the texts :func:`cell_text` gives for an Arrow column of spreadsheet numbers.

    Whole numbers lose their ``.0``; others are written with Python's shortest digits, and an
    exponent is written out in full cell by cell, as ``cell_text`` does.
    """
    pa = pyarrow_module()
    import pyarrow.compute as pc  # noqa: PLC0415

    whole = pc.and_(pc.equal(pc.floor(numbers), numbers), pc.less(pc.abs(numbers), 1e15)).fill_null(
        NO_VALUE
    )
    ints = pc.if_else(whole, numbers, 0).cast(pa.int64()).cast(pa.string())
    texts = pc.if_else(whole, ints, numbers.cast(pa.string()))
    if not pc.any(pc.match_substring(texts, "e")).as_py():
        return texts
    return pa.array([cell_text(cell_value(v)) for v in numbers.to_pylist()], pa.string())


def _blank_as_null(array: Any) -> Any:  # noqa: ANN401 - pyarrow array
    import pyarrow.compute as pc  # noqa: PLC0415

    return pc.if_else(pc.equal(array, ""), None, array)


# -- objects to Arrow ------------------------------------------------------------------------


def households_to_arrow(households: Iterable[Household]) -> pa.Table:
    """Return households as an Arrow table with the canonical typed columns.

    Personal data (names, identity numbers, phones) are left out: no rule reads them. The
    table has as many ``measure_k`` / ``measure_k_start`` pairs as the household with the most
    measures (at least one).

    Examples
    --------
    >>> from xiaojie.ledgers import Household
    >>> h = Household(id="H1", kind="一般农户", clue_on="2025-06-01")
    >>> households_to_arrow([h]).column("clue_on").to_pylist()
    [datetime.date(2025, 6, 1)]
    """
    pa = pyarrow_module()
    rows = list(households)
    measures = max([len(h.measures) for h in rows] + [1])
    if measures > MEASURE_COLUMNS:
        many = next(h.id for h in rows if len(h.measures) == measures)
        msg = (
            f"household {many!r}: measures: expected at most {MEASURE_COLUMNS} for a ledger "
            f"row, found {measures}"
        )
        raise LedgerError(msg)
    columns: dict[str, Any] = {
        "household_id": pa.array([h.id for h in rows], pa.string()),
        "county": pa.array([h.place.county for h in rows], pa.string()),
        "township": pa.array([h.place.township for h in rows], pa.string()),
        "village": pa.array([h.place.village for h in rows], pa.string()),
        "kind": pa.array([h.kind.value for h in rows], pa.string()),
        "monitoring_category": pa.array([h.monitoring_category.value for h in rows], pa.string()),
        "discovery": pa.array(
            [h.discovery.value if h.discovery else None for h in rows], pa.string()
        ),
        "clue_on": pa.array([h.clue_on for h in rows], pa.date32()),
        "identified_on": pa.array([h.identified_on for h in rows], pa.date32()),
        "fast_track": pa.array([h.fast_track for h in rows], pa.bool_()),
    }
    for k in range(measures):
        columns[f"measure_{k + 1}"] = pa.array(
            [h.measures[k].kind.value if k < len(h.measures) else None for h in rows], pa.string()
        )
        columns[f"measure_{k + 1}_start"] = pa.array(
            [h.measures[k].start if k < len(h.measures) else None for h in rows], pa.date32()
        )
    columns["eliminated_on"] = pa.array([h.eliminated_on for h in rows], pa.date32())
    columns["elimination_mode"] = pa.array(
        [h.elimination_mode.value if h.elimination_mode else None for h in rows], pa.string()
    )
    columns["income_per_capita"] = pa.array(
        [h.income_per_capita for h in rows], pa.decimal128(18, 2)
    )
    columns["size"] = pa.array([h.size for h in rows], pa.int64())
    columns["no_labour"] = pa.array([h.no_labour for h in rows], pa.bool_())
    return pa.table(columns)


def assets_to_arrow(assets: Iterable[Asset]) -> pa.Table:
    """Return assets as an Arrow table with the canonical typed columns."""
    pa = pyarrow_module()
    rows = list(assets)
    return pa.table(
        {
            "asset_id": pa.array([a.id for a in rows], pa.string()),
            "project": pa.array([a.project for a in rows], pa.string()),
            "county": pa.array([a.place.county for a in rows], pa.string()),
            "township": pa.array([a.place.township for a in rows], pa.string()),
            "village": pa.array([a.place.village for a in rows], pa.string()),
            "asset_class": pa.array([a.asset_class.value for a in rows], pa.string()),
            "value": pa.array([a.value for a in rows], pa.decimal128(18, 2)),
            "funding_year": pa.array([a.funding_year for a in rows], pa.int64()),
            "state": pa.array([a.state.value for a in rows], pa.string()),
            "responsible_unit": pa.array([a.responsible_unit for a in rows], pa.string()),
            "registered_on": pa.array([a.registered_on for a in rows], pa.date32()),
            "handed_over_on": pa.array([a.handed_over_on for a in rows], pa.date32()),
            "revitalised_on": pa.array([a.revitalised_on for a in rows], pa.date32()),
            "scrapped": pa.array([a.scrapped for a in rows], pa.bool_()),
            "written_off_on": pa.array([a.written_off_on for a in rows], pa.date32()),
        }
    )
