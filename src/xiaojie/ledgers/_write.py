"""Writing findings and reading reports to CSV, XLSX, Parquet or JSON, atomically.

Each file is written to a temporary file in the target's directory, flushed to disk, then moved
over the target with :func:`os.replace`: a reader sees the old file or the new one, never half
of one, and a failed write leaves the old file untouched.

Findings and reports never hold personal data unmasked (findings name households by 户编号;
reports quote cells masked), so neither do the files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from xiaojie._extras import require
from xiaojie._files import atomic_path
from xiaojie._privacy import scrub_cell
from xiaojie.errors import LedgerError
from xiaojie.io._tabular import append_row, csv_bytes, new_workbook, workbook_bytes


if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Callable, Sequence

    from xiaojie.ledgers._columnar import ColumnarFindings
    from xiaojie.ledgers._read import LedgerReport
    from xiaojie.ledgers._rules import Findings


__all__ = ["atomic_path", "write_findings", "write_report"]

FINDING_COLUMNS = (
    "rule",
    "task",
    "severity",
    "subject",
    "county",
    "township",
    "village",
    "reason",
    "found",
    "expected",
    "units",
    "owner",
)
ISSUE_COLUMNS = ("source", "row", "column", "field", "kind", "message")
_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".json": "json"}


def _format(path: Path, format: str | None) -> str:  # noqa: A002 - the natural name
    chosen = format or _FORMATS.get(path.suffix.lower())
    if chosen not in set(_FORMATS.values()):
        known = ", ".join(sorted(_FORMATS))
        msg = f"{path.name}: expected a format ({known}), found {format or path.suffix!r}"
        raise LedgerError(msg)
    return chosen


def _write_rows(
    path: Path, kind: str, columns: Sequence[str], rows: list[dict[str, Any]], meta: dict[str, Any]
) -> None:
    writers: dict[str, Callable[[Path, Sequence[str], list[dict[str, Any]], dict[str, Any]], None]]
    writers = {"csv": _csv, "xlsx": _xlsx, "parquet": _parquet, "json": _json}
    # the last filter for personal data, whatever the format (a name may have become known
    # after the row that quoted it was read)
    masked: dict[str, object] = {}

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return scrub_cell(value)
        found = masked.get(value)
        if found is None:  # each distinct text masked once
            found = masked[value] = scrub_cell(value)
        return found

    rows = [{c: cell(v) for c, v in row.items()} for row in rows]
    meta = {k: cell(v) for k, v in meta.items()}  # the source file may be named after a person
    with atomic_path(path) as temporary:
        writers[kind](temporary, columns, rows, meta)


def _csv(path: Path, columns: Sequence[str], rows: list[dict[str, Any]], _: dict[str, Any]) -> None:
    path.write_bytes(csv_bytes([columns, *([row[c] for c in columns] for row in rows)]))


def _xlsx(
    path: Path, columns: Sequence[str], rows: list[dict[str, Any]], _: dict[str, Any]
) -> None:
    workbook = new_workbook(write_only=True)
    sheet = workbook.create_sheet("核查结果")
    append_row(sheet, columns)
    for row in rows:
        append_row(sheet, [row[c] for c in columns])
    path.write_bytes(workbook_bytes(workbook))


def _parquet(
    path: Path, columns: Sequence[str], rows: list[dict[str, Any]], meta: dict[str, Any]
) -> None:
    pa = require("pyarrow", "writing .parquet")
    pq = require("pyarrow.parquet", "writing .parquet")
    table = pa.table({c: pa.array([str(r[c]) for r in rows], pa.string()) for c in columns})
    table = table.replace_schema_metadata({k: str(v) for k, v in meta.items()})
    pq.write_table(table, path)


def _json(
    path: Path, columns: Sequence[str], rows: list[dict[str, Any]], meta: dict[str, Any]
) -> None:
    payload = {**meta, "rows": [{c: row[c] for c in columns} for row in rows]}
    with path.open("w", encoding="utf-8") as handle:
        _dump(payload, handle)


def _dump(payload: object, handle: IO[str]) -> None:
    json.dump(payload, handle, ensure_ascii=False, indent=2, default=str)
    handle.write("\n")


def write_findings(
    findings: Findings | ColumnarFindings,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002 - the natural name
) -> Path:
    """Write findings (one row each) to a CSV, XLSX, Parquet or JSON file, atomically.

    Parameters
    ----------
    findings
        From :func:`check` or :func:`check_columnar`.
    path
        The target; its suffix chooses the format unless ``format`` is given.
    format
        ``csv`` (UTF-8 with BOM, which spreadsheet programs read), ``xlsx``, ``parquet`` or
        ``json``.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    LedgerError
        If the format is unknown.

    Examples
    --------
    >>> import datetime as dt, pathlib, tempfile
    >>> from xiaojie.ledgers import Household, check
    >>> found = check([Household(id="H1", kind="脱贫户", identified_on="2024-08-01")],
    ...               as_of=dt.date(2025, 8, 1))
    >>> out = write_findings(found, pathlib.Path(tempfile.mkdtemp()) / "findings.csv")
    >>> out.read_text(encoding="utf-8-sig").splitlines()[1].split(",")[:4]
    ['long_unresolved', '6', 'attention', 'H1']
    """
    return write_finding_records(
        path, findings.records(), as_of=findings.as_of, counts=findings.by_rule(), format=format
    )


def write_finding_records(
    path: str | os.PathLike[str],
    records: list[dict[str, str]],
    *,
    as_of: dt.date,
    counts: dict[str, int],
    format: str | None = None,  # noqa: A002 - the natural name
) -> Path:
    """Write findings' flat records (:meth:`Finding.record`) as :func:`write_findings` does.

    ``counts`` are the findings per rule (:meth:`Findings.by_rule`), kept in the file's
    metadata where the format has some.
    """
    target = Path(path)
    kind = _format(target, format)
    _refuse_replacing_a_ledger(target)
    meta = {"as_of": as_of.isoformat(), "counts": counts}
    _write_rows(target, kind, FINDING_COLUMNS, records, meta)
    return target


def _refuse_replacing_a_ledger(target: Path) -> None:
    """Raise LedgerError when ``target`` is a ledger file: findings never replace a ledger.

    ``write_findings(found, "台账.xlsx")`` (or ``check-ledger 台账.xlsx --out 台账.xlsx``) would
    leave the county's ledger as the findings alone.
    """
    if not target.is_file() or target.suffix.lower() not in {".csv", ".xlsx", ".xlsm", ".parquet"}:
        return
    from xiaojie.ledgers._columnar import sniff_ledger  # noqa: PLC0415 - reads the header only

    try:
        kind = sniff_ledger(target)
    except (LedgerError, OSError, ValueError, UnicodeDecodeError):
        return  # no ledger (findings written before, or another file): replaced as asked
    msg = (
        f"{target.name}: expected a new file or findings written before, found a {kind} "
        "ledger: writing the findings would replace it; choose another file"
    )
    raise LedgerError(msg)


def write_report(
    report: LedgerReport,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002 - the natural name
) -> Path:
    r"""Write a reading report (one row per problem) to CSV, XLSX, Parquet or JSON, atomically.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from xiaojie.ledgers import read_households
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "h.csv").write_text("户编号,户类型\nH1,贫困户\n", encoding="utf-8")
    >>> out = write_report(read_households(folder / "h.csv").report, folder / "report.json")
    >>> "expected one of 脱贫户、一般农户" in out.read_text(encoding="utf-8")
    True
    """
    target = Path(path)
    kind = _format(target, format)
    rows = [
        {
            "source": issue.source,
            "row": issue.row,
            "column": issue.column,
            "field": issue.field,
            "kind": issue.kind.value,
            "message": issue.message,
        }
        for issue in report.issues
    ]
    meta = {
        "source": report.source,
        "ledger": report.ledger.value,
        "rows_read": report.rows,
        "good": report.good,
        "header_row": report.header_row,
    }
    _write_rows(target, kind, ISSUE_COLUMNS, rows, meta)
    return target
