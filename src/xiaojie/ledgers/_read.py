"""Reading ledger files (CSV, XLSX, Parquet) into typed objects, with a complete error report.

Every bad row is reported with its file, row and column; the good rows are kept. In strict mode
the reader raises one :class:`LedgerFileError` that lists every problem instead.

Row numbers are the numbers a spreadsheet shows: in CSV and XLSX files the header is on row
``header_row`` (found automatically among the first ten rows, so title rows above the header
are fine) and data follow it; in Parquet files, which have no header row, the first record is
row 1. CSV rows are counted as records, so a quoted cell spanning two lines is one row.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from xiaojie.errors import LedgerError
from xiaojie.ledgers._schema import (
    BLANKS,
    Field,
    FieldKind,
    HeaderMap,
    IssueKind,
    LedgerKind,
    Schema,
    cell_text,
    describe_issue,
    mapped_fields,
    schema_for,
)


if TYPE_CHECKING:
    import os
    from collections.abc import Iterator, Mapping, Sequence

    from xiaojie.ledgers._model import Asset, FundRecord, Household, Problem


__all__ = [
    "LedgerFileError",
    "LedgerRead",
    "LedgerReport",
    "RowIssue",
    "read_assets",
    "read_funds",
    "read_households",
    "read_ledger",
    "read_problems",
]

logger = logging.getLogger("xiaojie.ledgers")

T = TypeVar("T")
_HEADER_SEARCH_ROWS = 10
_CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_PARQUET_SUFFIXES = frozenset({".parquet", ".pq"})


@attrs.frozen
class RowIssue:
    """One problem in one row of a ledger file.

    Attributes
    ----------
    source
        The file name (without its directory).
    row
        The row number as a spreadsheet shows it (see the module notes).
    column
        The column header as written in the file.
    field
        The field the column holds.
    kind
        What kind of problem it is.
    message
        A readable message; personal data in it are masked.
    """

    source: str
    row: int
    column: str
    field: str
    kind: IssueKind
    message: str

    def __str__(self) -> str:
        return f"{self.source}: row {self.row}, column {self.column}: {self.message}"


@attrs.frozen
class LedgerReport:
    """What reading a ledger file found: how many rows, which were bad and why.

    Attributes
    ----------
    source
        The file name.
    ledger
        Which ledger was read.
    rows
        Data rows read (blank rows are skipped and not counted).
    good
        Rows that became objects.
    issues
        Every problem, by row then column order.
    ignored_columns
        Headers that name no field (their contents are never read or shown).
    header_row
        The row the header was found on (0 for Parquet).
    """

    source: str
    ledger: LedgerKind
    rows: int
    good: int
    issues: tuple[RowIssue, ...] = ()
    ignored_columns: tuple[str, ...] = ()
    header_row: int = 1

    @property
    def ok(self) -> bool:
        """Whether no row had a problem."""
        return not self.issues

    @property
    def bad_rows(self) -> tuple[int, ...]:
        """The numbers of the rows that had a problem, ascending."""
        return tuple(sorted({issue.row for issue in self.issues}))

    def summary(self) -> str:
        """Return one line: rows read, good rows, bad rows and problems."""
        return (
            f"{self.source}: {self.rows} rows read, {self.good} good, "
            f"{len(self.bad_rows)} bad, {len(self.issues)} problems"
        )

    def __str__(self) -> str:
        lines = [self.summary()]
        lines.extend(f"  {issue}" for issue in self.issues)
        return "\n".join(lines)

    def raise_for_issues(self) -> None:
        """Raise :class:`LedgerFileError` listing every problem, if there is any.

        Raises
        ------
        LedgerFileError
            If the report has issues.
        """
        if self.issues:
            raise LedgerFileError(self)


class LedgerFileError(LedgerError):
    """A ledger file has bad rows; ``str()`` lists every one (personal data masked).

    Attributes
    ----------
    report : LedgerReport
        The full report.
    issues : tuple of RowIssue
        Every problem found.
    """

    def __init__(self, report: LedgerReport) -> None:
        self.report = report
        self.issues = report.issues
        super().__init__(str(report))


@attrs.frozen
class LedgerRead(Generic[T]):
    """The good rows of a ledger file, as objects, and the report of the bad ones."""

    rows: tuple[T, ...]
    report: LedgerReport

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


# -- the shared row loop -----------------------------------------------------------------------


@attrs.define
class _Collector:
    """Turns raw rows into objects and issues (one collector per file)."""

    schema: Schema
    source: str
    columns: dict[str, str]
    issues: list[RowIssue] = attrs.Factory(list)
    objects: list[Any] = attrs.Factory(list)
    seen: dict[str, int] = attrs.Factory(dict)
    rows: int = 0

    def add(self, row: int, cells: Sequence[tuple[Field, object]]) -> None:
        parsed = self.schema.parse_items(cells)
        if parsed is None:
            return
        self.rows += 1
        names = self.schema.names
        row_issues = [
            RowIssue(
                self.source,
                row,
                self.columns.get(name, names[name].label),
                name,
                kind,
                describe_issue(names[name], kind, expected, found),
            )
            for name, kind, expected, found in parsed.issues
        ]
        if parsed.key is not None:
            first = self.seen.setdefault(parsed.key, row)
            if first != row:
                key_field = names[self.schema.key[0]]
                row_issues.append(
                    RowIssue(
                        self.source,
                        row,
                        self.columns.get(key_field.name, key_field.label),
                        key_field.name,
                        IssueKind.DUPLICATE,
                        f"{key_field.label}: expected a value not used before, "
                        f"found a duplicate of row {first}",
                    )
                )
        if row_issues:
            self.issues.extend(row_issues)
        else:
            self.objects.append(parsed.value)

    def finish(
        self, ledger: LedgerKind, ignored: Sequence[str], header_row: int
    ) -> LedgerRead[Any]:
        report = LedgerReport(
            source=self.source,
            ledger=ledger,
            rows=self.rows,
            good=len(self.objects),
            issues=tuple(self.issues),
            ignored_columns=tuple(ignored),
            header_row=header_row,
        )
        logger.info("%s", report.summary())
        return LedgerRead(tuple(self.objects), report)


def _headers(ledger: LedgerKind, headers: HeaderMap | Mapping[str, str] | None) -> HeaderMap:
    if headers is None:
        return HeaderMap.default(ledger)
    if isinstance(headers, HeaderMap):
        if headers.ledger is not ledger:
            msg = f"header map: expected one for {ledger}, found one for {headers.ledger}"
            raise LedgerError(msg)
        return headers
    return HeaderMap.default(ledger).extend(headers)


def _check_columns(
    schema: Schema, source: str, index: Mapping[str, int], duplicated: Sequence[tuple[str, str]]
) -> None:
    problems = [
        f"expected a column for {field.label} ({field.name}), found none"
        for field in schema.fields
        if field.required and field.name not in index
    ]
    problems.extend(
        f"expected one column for {schema.field(name).label}, found a second one {header!r}"
        for header, name in duplicated
    )
    if problems:
        msg = f"{source}: " + "; ".join(problems)
        raise LedgerError(msg)


_MIDNIGHT = dt.time()


def _cell(field: Field, value: object) -> object:
    """Return a spreadsheet cell as the parser reads it: its text (see :func:`cell_text`).

    A date cell in a date column is passed on as a date, which the parser reads exactly as it
    would read the date's text.
    """
    if type(value) is str or value is None:
        return value
    if (
        field.kind is FieldKind.DATE
        and isinstance(value, dt.datetime)
        and value.time() == _MIDNIGHT
    ):
        return value.date()
    return cell_text(value)


def find_header(
    rows: Sequence[Sequence[object]], schema: Schema, headers: HeaderMap, source: str
) -> int:
    """Return the 0-based index, among ``rows``, of the header row.

    The header is the row naming the most fields among those that name the key field.

    Raises
    ------
    LedgerError
        If no row names the key field.
    """
    best, best_count = -1, 0
    key = schema.key[0]
    for i, row in enumerate(rows):
        index, _, _ = mapped_fields(row, headers)
        if key in index and len(index) > best_count:
            best, best_count = i, len(index)
    if best < 0:
        label = schema.field(key).label
        msg = (
            f"{source}: expected a header row naming {label} ({key}) within the first "
            f"{len(rows)} rows, found none"
        )
        raise LedgerError(msg)
    return best


def _collect_table(
    schema: Schema,
    source: str,
    rows: Iterator[Sequence[object]],
    headers: HeaderMap,
    header_row: int | None,
) -> LedgerRead[Any]:
    head: list[Sequence[object]] = []
    for row in rows:
        head.append(row)
        if len(head) >= (header_row or _HEADER_SEARCH_ROWS):
            break
    if header_row is None:
        at = find_header(head, schema, headers, source)
    else:
        if header_row < 1 or header_row > len(head):
            msg = f"{source}: expected a header row 1-{len(head)}, found {header_row}"
            raise LedgerError(msg)
        at = header_row - 1
    index, ignored, duplicated = mapped_fields(head[at], headers)
    _check_columns(schema, source, index, duplicated)
    columns = {name: str(cell_text(head[at][i])).strip(BLANKS) for name, i in index.items()}
    collector = _Collector(schema, source, columns)
    items = [(schema.names[name], i) for name, i in index.items()]

    def cells(row: Sequence[object]) -> list[tuple[Field, object]]:
        width = len(row)
        return [
            (field, (value if type(value) is str or value is None else _cell(field, value)))
            for field, i in items
            for value in ((row[i] if i < width else None),)
        ]

    number = at + 1
    for row in head[at + 1 :]:
        number += 1
        collector.add(number, cells(row))
    for row in rows:
        number += 1
        collector.add(number, cells(row))
    return collector.finish(schema.ledger, ignored, at + 1)


# -- CSV ------------------------------------------------------------------------------------


def _detect_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    if len(sample) == 1 << 20:
        cut = sample.rfind(b"\n")
        sample = sample[: cut + 1] if cut > 0 else sample
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _csv_rows(handle: IO[str], delimiter: str) -> Iterator[Sequence[object]]:
    yield from csv.reader(handle, delimiter=delimiter)


def _read_csv(
    path: Path, schema: Schema, headers: HeaderMap, header_row: int | None, encoding: str | None
) -> LedgerRead[Any]:
    encoding = encoding or _detect_encoding(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding=encoding, newline="") as handle:
        return _collect_table(schema, path.name, _csv_rows(handle, delimiter), headers, header_row)


# -- XLSX -----------------------------------------------------------------------------------


def _open_workbook(path: Path) -> Any:  # noqa: ANN401 - openpyxl is untyped
    try:
        from openpyxl.reader.excel import ExcelReader  # noqa: PLC0415 - optional extra
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        msg = "reading .xlsx ledgers needs openpyxl: pip install 'xiaojie[xlsx]'"
        raise LedgerError(msg) from err

    class _Reader(ExcelReader):  # type: ignore[misc]
        """openpyxl's read-only reader with a lean shared-string table.

        openpyxl builds a rich-text object per shared string; ledgers hold one string per
        household id and identity number, so that step alone can take longer than reading the
        cells. The plain text of each string (its ``t`` runs, without phonetic guides) is all a
        ledger needs.
        """

        def read_strings(self) -> None:
            from openpyxl.xml.constants import SHARED_STRINGS  # noqa: PLC0415

            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                with self.archive.open(part.PartName[1:]) as src:
                    self.shared_strings = _shared_strings(src)

    import warnings  # noqa: PLC0415

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        reader = _Reader(str(path), read_only=True, data_only=True, keep_links=False)
        reader.read()
    return reader.wb


def _shared_strings(src: IO[bytes]) -> list[str]:
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415 - trusted-format parser

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    si, t, r = f"{main}si", f"{main}t", f"{main}r"
    strings: list[str] = []
    for _, node in iterparse(src):  # noqa: S314 - workbook parts, as openpyxl itself parses them
        if node.tag != si:
            continue
        parts = []
        for child in node:
            if child.tag == t:
                parts.append(child.text or "")
            elif child.tag == r:
                parts.extend(run.text or "" for run in child if run.tag == t)
        strings.append("".join(parts).replace("x005F_", ""))
        node.clear()
    return strings


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet_rows(worksheet: Any) -> Iterator[tuple[object, ...]]:  # noqa: ANN401 - openpyxl sheet
    """Yield the cell values of each row of a read-only worksheet, row 1 first.

    The values are those of ``worksheet.iter_rows(values_only=True)`` (dates as
    ``datetime``, numbers, booleans, texts; empty rows as empty tuples), except that rows are
    not padded to the sheet's width. openpyxl opens the workbook and supplies the shared
    strings and date styles; the rows are then read from the sheet's XML with the same
    conversions, because openpyxl's general cell objects cost more per cell than the values.
    A worksheet without the read-only internals this relies on is read with ``iter_rows``.
    """
    try:
        strings = worksheet._shared_strings  # noqa: SLF001
        dates = worksheet.parent._date_formats  # noqa: SLF001
        durations = worksheet.parent._timedelta_formats  # noqa: SLF001
        epoch = worksheet.parent.epoch
        source = worksheet._get_source()  # noqa: SLF001
    except AttributeError:
        yield from worksheet.iter_rows(values_only=True)
        return
    from xml.etree.ElementTree import iterparse  # noqa: PLC0415 - as openpyxl parses

    from openpyxl.utils.datetime import from_excel, from_ISO8601  # noqa: PLC0415

    row_tag, cell_tag, value_tag = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v"
    inline_tag, text_tag, run_text = f"{_MAIN}is", f"{_MAIN}t", f"{_MAIN}r/{_MAIN}t"
    columns: dict[str, int] = {}
    date_styles: dict[str, tuple[bool, bool]] = {}
    expected = 1
    with source:
        for _, element in iterparse(source):  # noqa: S314 - workbook parts, as openpyxl does
            if element.tag != row_tag:
                continue
            number = int(element.get("r") or expected)
            while expected < number:
                yield ()
                expected += 1
            values: dict[int, object] = {}
            position = 0
            for cell in element:
                if cell.tag != cell_tag:
                    continue
                reference = cell.get("r")
                if reference:
                    letters = reference.rstrip("0123456789")
                    position = columns.get(letters) or columns.setdefault(
                        letters, _column_index(letters)
                    )
                else:
                    position += 1
                kind = cell.get("t", "n")
                if kind == "s":
                    text = cell.findtext(value_tag)
                    if text:
                        values[position] = strings[int(text)]
                    continue
                if kind == "inlineStr":
                    inline = cell.find(inline_tag)
                    if inline is not None:
                        parts = [t.text or "" for t in inline.findall(text_tag)]
                        parts.extend(t.text or "" for t in inline.findall(run_text))
                        values[position] = "".join(parts)
                    continue
                text = cell.findtext(value_tag)
                if not text:
                    continue
                if kind == "n":
                    found: object = (
                        float(text) if ("." in text or "E" in text or "e" in text) else int(text)
                    )
                    style = cell.get("s", "0")
                    dated = date_styles.get(style)
                    if dated is None:
                        code = int(style)
                        dated = date_styles[style] = (code in dates, code in durations)
                    if dated[0]:
                        try:
                            found = from_excel(found, epoch, timedelta=dated[1])
                        except (OverflowError, ValueError):
                            found = "#VALUE!"
                elif kind == "b":
                    found = bool(int(text))
                elif kind == "d":
                    found = from_ISO8601(text)
                else:
                    found = text
                values[position] = found
            element.clear()
            row: list[object] = [None] * max(values, default=0)
            for index, value in values.items():
                row[index - 1] = value
            yield tuple(row)
            expected = number + 1


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _read_xlsx(
    path: Path, schema: Schema, headers: HeaderMap, header_row: int | None, sheet: str | int | None
) -> LedgerRead[Any]:
    workbook = _open_workbook(path)
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif isinstance(sheet, int):
            worksheet = workbook.worksheets[sheet]
        else:
            worksheet = workbook[sheet]
    except (IndexError, KeyError):
        names = "、".join(workbook.sheetnames)
        msg = f"{path.name}: expected a sheet {sheet!r} ({names}), found none"
        raise LedgerError(msg) from None
    try:
        return _collect_table(schema, path.name, sheet_rows(worksheet), headers, header_row)
    finally:
        workbook.close()


# -- Parquet --------------------------------------------------------------------------------


def _read_parquet(path: Path, schema: Schema, headers: HeaderMap) -> LedgerRead[Any]:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - optional extra
    except ImportError as err:  # pragma: no cover - exercised only without the extra
        msg = "reading .parquet ledgers needs pyarrow: pip install 'xiaojie[columnar]'"
        raise LedgerError(msg) from err
    parquet = pq.ParquetFile(path)
    names = list(parquet.schema_arrow.names)
    index, ignored, duplicated = mapped_fields(names, headers)
    _check_columns(schema, path.name, index, duplicated)
    columns = {name: names[i] for name, i in index.items()}
    collector = _Collector(schema, path.name, columns)
    wanted = [names[i] for i in index.values()]
    fields = [schema.names[name] for name in index]
    number = 0
    for batch in parquet.iter_batches(batch_size=65_536, columns=wanted):
        data = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
        for values in zip(*data, strict=True):
            number += 1
            collector.add(number, list(zip(fields, values, strict=True)))
    return collector.finish(schema.ledger, ignored, 0)


# -- public readers -------------------------------------------------------------------------


def read_ledger(
    path: str | os.PathLike[str],
    ledger: LedgerKind | str,
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Any]:
    r"""Read a ledger file into typed objects and a report of every bad row.

    Parameters
    ----------
    path
        A ``.csv`` (or ``.tsv``), ``.xlsx`` or ``.parquet`` file.
    ledger
        ``households``, ``assets``, ``funds`` or ``problems``.
    headers
        A :class:`HeaderMap`, or extra ``{header: field}`` pairs added to the default one.
    header_row
        The 1-based row of the header in CSV and XLSX files (found automatically by default).
    sheet
        The XLSX sheet, by name or 0-based position (the first sheet by default).
    encoding
        The CSV encoding (UTF-8, with or without BOM, or GB18030 is detected by default).
    strict
        Raise :class:`LedgerFileError` listing every problem instead of returning a report.

    Returns
    -------
    LedgerRead
        ``.rows`` (the good rows as objects) and ``.report``.

    Raises
    ------
    LedgerError
        If the file cannot be read at all: unknown format, no header row, a required column
        missing, a column named twice.
    LedgerFileError
        In strict mode, if any row has a problem.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "户.csv").write_text(
    ...     "户编号,户类型,风险线索发现时间,识别时间\n"
    ...     "H1,一般农户,2025-06-01,2025-06-16\n"
    ...     "H2,一般农户,2025-06-01,2025-02-30\n", encoding="utf-8")
    >>> read = read_ledger(folder / "户.csv", "households")
    >>> [h.id for h in read.rows], read.report.bad_rows
    (['H1'], (3,))
    >>> print(read.report.issues[0])
    户.csv: row 3, column 识别时间: 识别时间: expected a real calendar date, found '2025-02-30'
    """
    path = Path(path)
    schema = schema_for(ledger)
    header_map = _headers(schema.ledger, headers)
    suffix = path.suffix.lower()
    if not path.is_file():
        msg = f"ledger file: expected an existing file, found {str(path)!r}"
        raise LedgerError(msg)
    if suffix in _CSV_SUFFIXES:
        result = _read_csv(path, schema, header_map, header_row, encoding)
    elif suffix in _XLSX_SUFFIXES:
        result = _read_xlsx(path, schema, header_map, header_row, sheet)
    elif suffix in _PARQUET_SUFFIXES:
        result = _read_parquet(path, schema, header_map)
    else:
        msg = (
            f"{path.name}: expected a .csv, .xlsx or .parquet file, found {suffix or 'no suffix'!r}"
        )
        raise LedgerError(msg)
    if strict:
        result.report.raise_for_issues()
    return result


def read_households(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Household]:
    r"""Read a household monitoring ledger; see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "households.csv"
    >>> _ = path.write_text("household_id,kind,clue_on\nH1,ordinary,2025-06-01\n")
    >>> read_households(path).rows[0].kind
    <HouseholdKind.ORDINARY: '一般农户'>
    """
    return read_ledger(
        path,
        LedgerKind.HOUSEHOLDS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )


def read_assets(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Asset]:
    r"""Read a project-asset ledger (资产管理台账); see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "assets.csv"
    >>> _ = path.write_text("资产编号,资产类别,资产原值,形成年度,资产状态\nA1,经营性,1000,2021,闲置\n")
    >>> read_assets(path).rows[0].state
    <AssetState.IDLE: '闲置'>
    """
    return read_ledger(
        path,
        LedgerKind.ASSETS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )


def read_funds(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[FundRecord]:
    r"""Read a fund-spending ledger (资金支出台账); see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "funds.csv"
    >>> _ = path.write_text("县,统计截止时间,下达资金,累计支出\n同心县,2025-07-31,100,59\n")
    >>> read_funds(path).rows[0].progress
    Decimal('0.59')
    """
    return read_ledger(
        path,
        LedgerKind.FUNDS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )


def read_problems(
    path: str | os.PathLike[str],
    *,
    headers: HeaderMap | Mapping[str, str] | None = None,
    header_row: int | None = None,
    sheet: str | int | None = None,
    encoding: str | None = None,
    strict: bool = False,
) -> LedgerRead[Problem]:
    r"""Read a rectification ledger (问题整改台账); see :func:`read_ledger`.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "problems.csv"
    >>> _ = path.write_text(
    ...     "问题编号,问题来源,问题表现,整改措施,整改责任单位,整改时限,整改状态,销号时间\n"
    ...     "P1,审计监督,台账不全,补全台账,某局,2025-09-10,已销号,2025-09-01\n")
    >>> read_problems(path).report.issues[0].message
    '验收时间: expected an acceptance date for a 已销号 problem, found none'
    """
    return read_ledger(
        path,
        LedgerKind.PROBLEMS,
        headers=headers,
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
        strict=strict,
    )
