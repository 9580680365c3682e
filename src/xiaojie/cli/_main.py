"""The command line's parser, its core commands and :func:`main`."""

from __future__ import annotations

import argparse
import atexit
import collections
import decimal
import gc
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiaojie._extras import available
from xiaojie._gc import collector_paused
from xiaojie._privacy import names_scope, scrub
from xiaojie.dates import as_date, holiday_notices, read_holiday_notice, register_holiday_notice
from xiaojie.dates._workdays import restore_holiday_notices
from xiaojie.errors import CommandError as _CommandError
from xiaojie.errors import PlanFileError, XiaojieError
from xiaojie.io import load_plan
from xiaojie.render import (
    FORMATS,
    available_formats,
    division_table,
    ledger_skip_reason,
    overdue_report,
    site_files,
    status_notices,
    status_report,
    to_ics,
    unit_sheet,
    write_site,
)


if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Sequence

    from xiaojie.model import Plan
    from xiaojie.parsing import ParseReport


__all__ = ["main"]
from xiaojie.cli._diaodu import (
    _add_diaodu_commands,
    _cmd_collect,
    _cmd_notice,
    _cmd_sheets,
    _cmd_word,
)
from xiaojie.cli._help_zh import translate, wants_chinese
from xiaojie.cli._levels import (
    _cascade_parsers,
    _cmd_cascade,
    _cmd_compare,
    _cmd_diff,
    _cmd_rollup,
    _compare_parsers,
    _diff_parsers,
    _rollup_arg,
    _rollup_option,
    _rollup_parsers,
    rollup_json,
)
from xiaojie.cli._shared import (
    EXPORT_FORMATS,
    _as_of,
    _common,
    _dated,
    _progress,
    _progress_bar,
    _Screen,
    _snapshot,
    _unit_document,
    _unit_snapshot,
    _write_file,
    holidays_argument,
    overdue_json,
    plan_json,
    show_plan,
    status_json,
    unit_json,
)


def _version() -> str:
    from xiaojie import __version__  # noqa: PLC0415 - the package's own metadata

    return __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xiaojie", description="Ask an action plan questions: who does what, by when."
    )
    parser.add_argument(
        "--plan", metavar="FILE", help="a plan file (.toml or .json); default: the bundled plan"
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=argparse.SUPPRESS)
    parser.add_argument(
        "--version", action="version", version=f"xiaojie {_version()}", help="print the version"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _common()
    dated = _dated()
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print data (JSON) for scripts")

    sub.add_parser(
        "show", parents=[common, as_json], help="the plan's campaigns, tasks and lead units"
    )
    unit = sub.add_parser(
        "unit", parents=[common, as_json], help="one unit's task list (任务清单), by any name"
    )
    unit.add_argument("name", metavar="NAME", help="the unit's name or any alias (医保局)")
    by_place = _rollup_option()
    one_unit = argparse.ArgumentParser(add_help=False)
    one_unit.add_argument(
        "--unit", metavar="NAME", help="only what this unit answers for (any name or alias)"
    )
    status_parser = sub.add_parser(
        "status",
        parents=[common, dated, as_json, one_unit, by_place],
        help="the status report: overdue and due-soon items by unit, indicators, tasks",
    )
    status_parser.add_argument(
        "--all",
        dest="all_rows",
        action="store_true",
        help=f"list every item (the text lists at most {_STATUS_ROWS} per unit and per table)",
    )
    sub.add_parser(
        "overdue", parents=[common, dated, as_json, one_unit], help="the overdue items, by unit"
    )
    docs = sub.add_parser(
        "docs",
        parents=[common, dated, by_place],
        help="write the documents: HTML site, Markdown, CSV/XLSX, iCalendar, SVG",
    )
    docs.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")
    docs.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=FORMATS,
        help="only this format (repeatable; default: every format available)",
    )
    export = sub.add_parser(
        "export", parents=[common], help="export the plan's graph (GraphML, JSON, DOT) or calendar"
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the format")
    export.add_argument(
        "-o", "--output", metavar="FILE", default="-", help="where to write (default: stdout)"
    )
    export.add_argument("--unit", metavar="NAME", help="with --format ics: one unit's calendar")
    ledger = sub.add_parser(
        "check-ledger",
        parents=[common, as_json],
        help="check a ledger (台账) file against the plan's rules",
    )
    ledger.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="ledger files or folders (CSV in UTF-8 or GB18030, XLSX or Parquet); a folder: every such file in it;"
        " with --engine spark also tables of the Spark catalog (db.households)",
    )
    ledger.add_argument(
        "--monitoring-line",
        metavar="YUAN",
        help="the year's monitoring line in yuan per person (8700); without it the income rule cannot run",
    )
    ledger.add_argument(
        "--out", metavar="FILE", help="also write every finding to .xlsx, .csv or .parquet"
    )
    ledger.add_argument(
        "--as-of", metavar="DATE", help="the date of the check, YYYY-MM-DD (default: today)"
    )
    ledger.add_argument(
        "--kind",
        choices=("households", "assets", "funds", "problems"),
        help="which ledger the file is (default: the one whose columns it has)",
    )
    ledger.add_argument(
        "--engine",
        choices=("auto", "objects", "duckdb", "spark"),
        default="auto",
        help="where the rules run (default: DuckDB when installed, else Python objects)",
    )
    ledger.add_argument(
        "--sheet",
        metavar="NAME",
        help="an XLSX workbook's sheet to read: its name, or its number from 1 (default: the "
        "first shown worksheet)",
    )
    ledger.add_argument(
        "--spark-master",
        metavar="URL",
        help="with --engine spark: the Spark master (default: local[*])",
    )
    parse = sub.add_parser("parse", help="read a plan document's text into a plan file")
    parse.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every note of the reading (routine ones too), not only those worth reading",
    )
    parse.add_argument(
        "file",
        metavar="FILE",
        help="the plan: text (UTF-8/GB18030), .docx, .xlsx/.csv 分工表, saved .html or .pdf",
    )
    parse.add_argument(
        "--catalogue",
        metavar="FILE",
        help="a TOML file of more body names ([[body]] names/short/kind) for resolving units",
    )
    parse.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the plan file to write (.toml/.json)"
    )
    holidays_argument(parse)
    parse.add_argument(
        "--reference",
        metavar="DATE",
        help="the date that gives phrases without a year their year (default: the 发文时间)",
    )
    _cascade_parsers(sub, common)
    _compare_parsers(sub)
    _rollup_parsers(sub, common)
    _diff_parsers(sub)
    _add_diaodu_commands(sub, common)
    return parser


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def _cmd_show(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    if args.json:
        screen.data(plan_json(plan))
    elif screen.console is not None:
        screen.document(division_table(plan, lang=args.lang))
    else:
        screen.text(show_plan(plan))


def _cmd_unit(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    owner = plan.units.resolve(args.name)
    if args.json:
        screen.data(unit_json(plan, owner))
    else:
        screen.document(unit_sheet(plan, owner, lang=args.lang))


_STATUS_ROWS = 50
"""How many items the text of ``status`` lists per unit and per table (``--all``: every one).

The summary counts every entry and ``--json`` lists every one; on a plan of thousands of
tasks the full text runs to hundreds of thousands of lines that no one reads on a screen."""


def _cmd_status(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    snapshot = _snapshot(args, plan)
    _keep(snapshot)
    result = _rollup_arg(args, plan, snapshot.as_of)
    if args.unit is not None:
        snapshot = _unit_snapshot(plan, snapshot, args.unit)
    if args.json:
        data = {
            **status_json(snapshot),
            "notices": list(status_notices(plan, snapshot, lang=args.lang)),
        }
        if result is not None:
            from xiaojie.pace import paced_indicators  # noqa: PLC0415

            data["places"] = rollup_json(result, [i.id for i in paced_indicators(plan)])
        screen.data(data)
    else:
        limit = None if args.all_rows else _STATUS_ROWS
        document = status_report(
            plan, snapshot, lang=args.lang, rollup=result, limit=limit, figures=False
        )
        if args.unit is not None:
            document = _unit_document(document, plan.units.resolve(args.unit).name)
        screen.document(document)


def _cmd_overdue(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    snapshot = _snapshot(args, plan)
    if args.unit is not None:
        snapshot = _unit_snapshot(plan, snapshot, args.unit)
    if args.json:
        notices = list(status_notices(plan, snapshot, lang=args.lang))
        data = overdue_json(plan, snapshot)
        if args.unit is not None:
            owner = plan.units.resolve(args.unit)
            data["units"] = [u for u in data["units"] if u["id"] == owner.id]
        screen.data({**data, "notices": notices})
    else:
        document = overdue_report(plan, snapshot, lang=args.lang)
        if args.unit is not None:
            document = _unit_document(document, plan.units.resolve(args.unit).name)
        screen.document(document)


def _cmd_docs(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    snapshot = _snapshot(args, plan)
    available = available_formats()
    wanted = tuple(dict.fromkeys(args.formats)) if args.formats else available
    missing = [f for f in wanted if f not in available]
    if args.formats and missing:
        msg = f"--format {', '.join(missing)}: needs the docs extra (pip install 'xiaojie[docs]')"
        raise _CommandError(msg)
    files = site_files(
        plan,
        snapshot=snapshot,
        lang=args.lang,
        formats=wanted,
        progress=_progress(args.progress, plan),
        rollup=_rollup_arg(args, plan, snapshot.as_of),
    )
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        msg = f"--out {args.out}: expected a folder, found a file"
        raise _CommandError(msg)
    step, close = _progress_bar(len(files), "writing documents")
    try:
        written = write_site(files, out, on_file=step)
    finally:
        close()
    skipped = [f for f in FORMATS if f not in wanted]
    lines = [f"wrote {len(written)} files to {out}"]
    lines.extend(f"note: {n}" for n in status_notices(plan, snapshot, lang=args.lang))
    if "html" in wanted:
        lines.append(f"open {out / 'index.html'}")
    if skipped and not args.formats:
        lines.append(f"skipped {', '.join(skipped)}: install the docs extra (xiaojie[docs])")
    screen.text("\n".join(lines))


def _cmd_export(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    if args.format == "ics":
        if not available("icalendar"):
            msg = "--format ics: needs the docs extra (pip install 'xiaojie[docs]')"
            raise _CommandError(msg)
        data = to_ics(plan, unit=args.unit, lang=args.lang)
    else:
        from xiaojie import graph  # noqa: PLC0415 - networkx is loaded only when asked

        writers: dict[str, Callable[[Plan], str]] = {
            "graphml": graph.to_graphml,
            "json": graph.to_node_link_json,
            "dot": graph.to_dot,
        }
        data = writers[args.format](plan).encode("utf-8")
    if args.output == "-":
        screen.stream.write(data.decode("utf-8"))
        return
    written = _write_file(args.output, data)
    print(scrub(f"wrote {written}"), file=sys.stderr)  # noqa: T201 - the CLI's job


def _sheet_arg(args: argparse.Namespace, path: Path | str) -> str | int | None:
    """Return ``--sheet`` as the readers take it: a name, or a number from 0 (given from 1)."""
    given: str | None = getattr(args, "sheet", None)
    if given is None:
        return None
    if isinstance(path, str) or Path(path).suffix.lower() not in {".xlsx", ".xlsm"}:
        msg = f"--sheet {given}: expected an XLSX workbook, found {Path(path).name}"
        raise _CommandError(msg)
    from xiaojie.ledgers._xlsx import shown_worksheets  # noqa: PLC0415

    text = given.strip()
    names = shown_worksheets(Path(path), every=True)
    if text in names or given in names:
        return text if text in names else given  # a sheet named 2025 is that sheet
    if text.isascii() and text.isdecimal():
        number = int(text)
        if number < 1 or (names and number > len(names)):
            listed = "、".join(f"{i} {name!r}" for i, name in enumerate(names, 1))
            msg = f"--sheet {given}: expected a sheet's number from 1, or its name" + (
                f" ({Path(path).name} holds {listed})" if names else ""
            )
            raise _CommandError(msg)
        return number - 1
    return text


def _hint_other_sheets(err: Exception, path: Path | str, sheet: str | int | None) -> None:
    """Raise ``err`` (no header found) with the workbook's sheets named, when it has several."""
    if isinstance(path, str) or "expected a header row naming" not in str(err):
        return
    hint = _other_sheets(Path(path), sheet)
    if hint:
        raise _CommandError(str(err) + hint) from None


def _other_sheets(path: Path, sheet: str | int | None) -> str:
    """Say which sheet of a workbook of several was read, and how to choose another."""
    from xiaojie.ledgers._xlsx import shown_worksheets  # noqa: PLC0415

    if sheet is not None or path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return ""
    names = shown_worksheets(path)
    if len(names) < 2:
        return ""
    listed = "、".join(repr(name) for name in names)
    return f" (read sheet {names[0]!r} of {listed}: choose another with --sheet NAME)"


def _read_any_ledger(path: Path, kind: str | None, sheet: str | int | None = None) -> Any:  # noqa: ANN401 - a LedgerRead
    """Read a ledger file as ``kind``, or as the one kind whose columns it has."""
    from xiaojie.errors import LedgerError  # noqa: PLC0415
    from xiaojie.ledgers import LedgerFileError, LedgerKind, read_ledger  # noqa: PLC0415
    from xiaojie.ledgers._read import UnreadableTextError  # noqa: PLC0415

    if kind is not None:
        try:
            return read_ledger(path, kind, sheet=sheet)
        except LedgerError as err:
            _hint_other_sheets(err, path, sheet)
            raise
    reads = []
    failures: dict[str, list[str]] = {}
    for candidate in LedgerKind:
        try:
            reads.append(read_ledger(path, candidate, sheet=sheet))
        except (LedgerFileError, UnreadableTextError):  # the file's fault, whatever it holds
            raise
        except LedgerError as err:
            failures.setdefault(str(err).splitlines()[0], []).append(str(candidate))
    if not reads:
        if len(failures) == 1:
            raise _CommandError(next(iter(failures)) + _other_sheets(path, sheet))
        reasons = "; ".join(f"as {'/'.join(kinds)}: {why}" for why, kinds in failures.items())
        msg = f"{path}: not a ledger xiaojie knows ({reasons}){_other_sheets(path, sheet)}"
        raise _CommandError(msg)
    return max(reads, key=lambda read: read.report.good)


def _ledger_engine(requested: str, kind: str) -> str:
    """Return the engine to run: the requested one, or DuckDB when installed for big ledgers."""
    if requested != "auto":
        return requested
    if kind not in {"households", "assets"}:
        return "objects"
    import importlib.util  # noqa: PLC0415

    wanted = ("duckdb", "pyarrow", "ibis")
    return "duckdb" if all(importlib.util.find_spec(m) for m in wanted) else "objects"


def _check_ledger_columnar(
    args: argparse.Namespace,
    path: Path | str,
    kind: str,
    engine: str,
    *,
    as_of: dt.date,
    rules: tuple[Any, ...],
) -> Any:  # noqa: ANN401
    """Check a file (or a Spark table) with a columnar engine; return ``(report, findings)``."""
    from xiaojie.ledgers import check_columnar  # noqa: PLC0415

    result = check_columnar(
        path,
        as_of=as_of,
        ledger=kind,
        rules=rules,
        engine=engine,
        sheet=_sheet_arg(args, path),
        spark_master=args.spark_master,
        validate=True,  # every engine validates every row, as the object reader does
    )
    _release_arrow_memory()
    return result.report, result.findings  # Finding objects are made only when shown


def _release_arrow_memory() -> None:
    """Give back to the system the memory Arrow's allocator keeps after the check.

    The file's text columns (hundreds of MiB for a million rows) are freed when the check
    ends, but the allocator keeps their pages for reuse: the findings printed after would
    otherwise come on top of them.
    """
    pyarrow = sys.modules.get("pyarrow")
    if pyarrow is not None:
        pyarrow.default_memory_pool().release_unused()


_LEDGER_SUFFIXES = (".csv", ".xlsx", ".parquet")
_FOLDER_SUFFIXES = frozenset({*_LEDGER_SUFFIXES, ".tsv", ".txt", ".xlsm", ".pq"})
"""What a folder's ledgers may end in: every suffix a ledger file given by name may have."""
_SHEET_LIKE = frozenset({".xls", ".xlsb", ".et", ".ods", ".numbers", ".wps", ".dbf"})
"""Spreadsheets of other formats: named when a folder holds them, never read."""


def _ledger_files(
    paths: Sequence[str], *, tables: bool = False, out: Path | None = None
) -> list[Path | str]:
    """Return the ledger files named: each file, and every ledger file of each folder.

    With ``tables`` a name that is no file or folder (nor ends like a ledger file) stays a
    name: a table of the Spark catalog. A folder's spreadsheets of other formats (.xls, .et …)
    are named on stderr, not read; ``out`` (the findings file being written) is not read.
    """
    from xiaojie.ledgers._columnar import is_table_name  # noqa: PLC0415

    found: list[Path | str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = sorted(  # not an open workbook's lock file (~$户.xlsx) nor a hidden one
                p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
            )
            inside = [
                p
                for p in files
                if p.suffix.lower() in _FOLDER_SUFFIXES and not (out and _same_path(p, out))
            ]
            notes = [p for p in inside if p.suffix.lower() == ".txt" and not _sniffs(p)]
            for p in notes:  # 填报说明.txt beside the ledgers: text, not a ledger
                print(scrub(f"skipped {p}: a text file, not a ledger"), file=sys.stderr)  # noqa: T201
            inside = [p for p in inside if p not in notes]
            ours = [p for p in inside if _findings_file(p)]
            for p in ours:  # last month's --out beside the ledgers
                msg = f"skipped {p}: the findings check-ledger --out wrote, not a ledger"
                print(scrub(msg), file=sys.stderr)  # noqa: T201
            inside = [p for p in inside if p not in ours]
            for other in (p for p in files if p.suffix.lower() in _SHEET_LIKE):
                msg = (
                    f"skipped {other}: expected a .csv, .xlsx or .parquet ledger, found "
                    f"{other.suffix!r}; save it as .xlsx to check it"
                )
                print(scrub(msg), file=sys.stderr)  # noqa: T201
            if not inside:
                msg = f"{name}: expected a folder with ledger files (.csv, .xlsx, .parquet), found none"
                raise _CommandError(msg)
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        elif tables and is_table_name(name):
            found.append(name)
        else:
            msg = (
                f"{name}: expected a ledger file or a folder of them, found no such file or folder"
            )
            raise _CommandError(msg)
    return found


def _findings_file(path: Path) -> bool:
    """Whether ``path`` holds findings written by ``check-ledger --out`` (not a ledger)."""
    from xiaojie.ledgers._write import FINDING_COLUMNS  # noqa: PLC0415

    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            with path.open("rb") as handle:
                head = handle.read(200).decode("utf-8-sig", errors="replace")
            return head.startswith(",".join(FINDING_COLUMNS[:4]) + ",")
        if suffix in {".xlsx", ".xlsm"}:
            from xiaojie.ledgers._xlsx import shown_worksheets  # noqa: PLC0415

            return shown_worksheets(path) == ["核查结果"]
        if suffix in {".parquet", ".pq"}:
            import pyarrow.parquet as pq  # noqa: PLC0415 - Parquet ledgers need it anyway

            return tuple(pq.read_schema(path).names[:4]) == FINDING_COLUMNS[:4]
    except (OSError, XiaojieError, ValueError, ImportError):
        return False  # unreadable: the reader says why
    return False


def _sniffs(path: Path) -> bool:
    """Whether ``path`` reads as a ledger of some kind (its header names one's columns)."""
    from xiaojie.ledgers import sniff_ledger  # noqa: PLC0415

    try:
        sniff_ledger(path)
    except (OSError, XiaojieError, ValueError, UnicodeDecodeError):
        return False
    return True


def _same_path(a: Path, b: Path) -> bool:
    """Whether two paths name one file (the same file, a link to it, or the same path)."""
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _monitoring_line(value: str | None) -> decimal.Decimal | None:
    if value is None:
        return None
    try:
        line = decimal.Decimal(value)
    except decimal.InvalidOperation:
        line = decimal.Decimal(-1)
    if not line.is_finite() or line <= 0 or line >= 10**16:  # an amount a ledger may hold
        msg = (
            "--monitoring-line: expected a positive number of yuan per person below 10**16, "
            f"found {value!r}"
        )
        raise _CommandError(msg)
    return line


def _ledger_rules(
    kind: str, line: decimal.Decimal | None
) -> tuple[tuple[Any, ...], list[tuple[Any, str]]]:
    """Return the rules that can run on ``kind`` and those that cannot, each with why."""
    from xiaojie.ledgers import EliminationIncomeNotAboveLine, rules_for  # noqa: PLC0415

    rules: list[Any] = []
    skipped: list[tuple[Any, str]] = []
    for rule in rules_for(kind):
        if isinstance(rule, EliminationIncomeNotAboveLine):
            if line is None:
                skipped.append((rule, "no_line"))
                continue
            rules.append(EliminationIncomeNotAboveLine(monitoring_line=line))
        else:
            rules.append(rule)
    return tuple(rules), skipped


def _spark_table_kind(args: argparse.Namespace, name: str) -> str:
    """Return the kind of ledger a table of the Spark catalog is, from its column names."""
    from xiaojie.errors import LedgerError  # noqa: PLC0415
    from xiaojie.ledgers._columnar import sniff_head  # noqa: PLC0415
    from xiaojie.ledgers._engine import spark_session  # noqa: PLC0415

    session = spark_session(args.spark_master)
    try:
        columns = session.table(name).columns
    except Exception as err:  # noqa: BLE001 - Spark raises its own analysis errors
        msg = (
            f"{name}: expected a ledger file, a folder of them or a table of the Spark catalog, "
            f"found none of these ({type(err).__name__})"
        )
        raise _CommandError(msg) from None
    try:
        return str(sniff_head([columns], name))
    except LedgerError as err:
        raise _CommandError(str(err)) from None


def _check_one_ledger(
    args: argparse.Namespace,
    path: Path | str,
    as_of: dt.date,
    line: decimal.Decimal | None,
) -> tuple[Any, Any, tuple[Any, ...], list[tuple[Any, str]], str]:
    """Check one file; return ``(report, findings, rules, skipped, engine)``."""
    from xiaojie.errors import LedgerError  # noqa: PLC0415
    from xiaojie.ledgers import check, sniff_ledger  # noqa: PLC0415 - loaded when asked

    kind = args.kind
    if kind is None and isinstance(path, str):  # a table of the Spark catalog
        kind = _spark_table_kind(args, path)
    elif kind is None and args.engine != "objects":
        if Path(path).suffix.lower() not in {*_LEDGER_SUFFIXES, ".tsv", ".txt", ".pq", ".xlsm"}:
            msg = f"{Path(path).name}: expected a .csv, .xlsx or .parquet file, found {Path(path).suffix or 'no suffix'!r}"
            raise _CommandError(msg)
        sheet = _sheet_arg(args, path)
        try:
            kind = str(sniff_ledger(path, sheet=sheet))
        except LedgerError as err:
            raise _CommandError(str(err) + _other_sheets(Path(path), sheet)) from None
        except (UnicodeDecodeError, ValueError, OSError) as err:  # left by sniff_ledger unnamed
            # (pyarrow's ArrowInvalid is a ValueError)
            msg = f"{Path(path).name}: expected a readable ledger file, found {type(err).__name__}: {str(err)[:160]}"
            raise _CommandError(msg) from None
    engine = _ledger_engine(args.engine, kind or "")
    if engine == "objects":
        read = _read_any_ledger(Path(path), kind, _sheet_arg(args, path))
        report = read.report
        rules, skipped = _ledger_rules(str(report.ledger), line)
        findings = check(read.rows, as_of=as_of, rules=rules)
    else:
        rules, skipped = _ledger_rules(kind, line)
        try:
            report, findings = _check_ledger_columnar(
                args, path, kind, engine, as_of=as_of, rules=rules
            )
        except LedgerError as err:
            _hint_other_sheets(err, path, _sheet_arg(args, path))
            raise
    return report, findings, rules, skipped, engine


def _cmd_check_ledger(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.cli._ledger_json import ledger_json, sorted_records  # noqa: PLC0415
    from xiaojie.cli._ledger_text import ledger_text  # noqa: PLC0415
    from xiaojie.ledgers import Findings  # noqa: PLC0415 - loaded when asked
    from xiaojie.ledgers._write import write_finding_records  # noqa: PLC0415
    from xiaojie.render import ledger_report  # noqa: PLC0415

    as_of = _as_of(args.as_of)
    line = _monitoring_line(args.monitoring_line)
    out = None if args.out is None else Path(args.out)
    if out is not None and out.suffix.lower() not in _LEDGER_SUFFIXES:
        found = repr(out.suffix) if out.suffix else "no suffix"
        msg = f"--out {args.out}: expected a file ending in .xlsx, .csv or .parquet, found {found}"
        raise _CommandError(msg)
    if out is not None and not out.parent.is_dir():  # said before the check, not after it
        msg = f"--out {args.out}: expected a file in an existing folder, found no folder {str(out.parent)!r}"
        raise _CommandError(msg)
    files = _ledger_files(args.files, tables=args.engine == "spark", out=out)
    for path in files:
        if out is not None and isinstance(path, Path) and _same_path(path, out):
            msg = (
                f"--out {args.out}: expected a file other than the ledger {path} being checked, "
                "found the same file: writing it would replace the ledger; choose another --out"
            )
            raise _CommandError(scrub(msg))
    checked = []
    failed: list[str] = []
    for path in files:
        try:
            checked.append(_check_one_ledger(args, path, as_of, line))
            if isinstance(path, Path) and getattr(args, "sheet", None) is None:
                others = _other_sheets(path, None)  # a workbook of a sheet per village
                if others:
                    note = f"note: {path.name}: only the first sheet was checked{others}"
                    print(scrub(note), file=sys.stderr)  # noqa: T201
        except XiaojieError as err:
            if len(files) == 1:
                raise
            # several ledgers (a folder of villages): the others are still checked and
            # reported, the unreadable ones named here and counted at the end (exit 1)
            for problem in _errors(err):
                print(scrub(f"error: {problem}"), file=sys.stderr)  # noqa: T201
            failed.append(str(path))
    if not checked:
        msg = f"expected at least one readable ledger, found none of {len(files)}"
        raise _CommandError(msg)
    # the records name units as the plan's registry does, in the JSON and the written file as
    # in the text report (which names them itself)
    keyed = [sorted_records(f, plan) for _, f, _, _, _ in checked] if out or args.json else []
    if out is not None:
        # one file's findings in the order of all files' findings together (a stable sort)
        merged = sorted((k for one in keyed for k in one), key=_finding_key)
        counts: collections.Counter[str] = collections.Counter()
        for _, findings, _, _, _ in checked:
            counts.update(findings.by_rule())
        evaluated = list(dict.fromkeys(r for _, f, _, _, _ in checked for r in f.rule_ids()))
        order = evaluated + sorted(set(counts) - set(evaluated))
        write_finding_records(
            out,
            [record for _, record in merged],
            as_of=as_of,
            counts={rule: counts[rule] for rule in order},
        )
    if args.json:
        data = [
            ledger_json(
                report,
                findings,
                [record for _, record in records],
                skipped=skipped,
                engine=engine,
                plan=plan,
                as_of=as_of,
                lang=args.lang,
            )
            for (report, findings, _, skipped, engine), records in zip(checked, keyed, strict=True)
        ]
        screen.data(data[0] if len(data) == 1 else {"files": data})
    else:
        for report, findings, rules, skipped, _ in checked:
            not_run = [(rule, ledger_skip_reason(why, args.lang)) for rule, why in skipped]
            if screen.console is None and not isinstance(findings, Findings):
                # the same text, laid out from the findings' columns
                screen.stream.write(
                    ledger_text(
                        report, findings, rules=rules, not_run=not_run, plan=plan, lang=args.lang
                    )
                )
                continue
            shown = findings if isinstance(findings, Findings) else findings.to_findings()
            screen.document(
                ledger_report(
                    report, shown, rules=rules, not_run=not_run, plan=plan, lang=args.lang
                )
            )
    if out is not None:
        total = sum(len(f) for _, f, _, _, _ in checked)
        print(scrub(f"wrote {out}: {total} findings"), file=sys.stderr)  # noqa: T201
    if failed:
        msg = (
            f"expected every ledger to be readable, found {len(failed)} of {len(files)} not "
            f"read (named above): {', '.join(failed)}"
        )
        raise _CommandError(scrub(msg))


def _finding_key(keyed: tuple[tuple[str, str, str, str], dict[str, str]]) -> Any:  # noqa: ANN401
    return keyed[0]


_ROUTINE_NOTES = frozenset(
    {"unattached_date", "unattached_number", "unattached_unit", "guessed_lead"}
)
"""Notes that are routine on a well-formed plan: counted by default, listed with --verbose.

A date, number or unit named in a sentence that owns no item is how plans speak of context; a
responsibility list whose first unit leads is the convention of most plans."""


def _parse_notes(report: ParseReport, *, verbose: bool) -> list[str]:
    """Return the lines of a parse report a reader should see (all of them with ``verbose``)."""
    if verbose:
        return list(report.format(include_info=True).splitlines())
    worth = [n for n in report.notes if n.severity == "warning" and n.kind not in _ROUTINE_NOTES]
    hidden: dict[str, int] = {}
    for note in report.notes:
        if note not in worth:
            hidden[str(note.kind)] = hidden.get(str(note.kind), 0) + 1
    lines = [f"{report.source}: reference date {report.reference}; {len(worth)} warning(s)"]
    lines.extend(f"  {note}" for note in worth)
    if hidden:
        counts = ", ".join(f"{kind} {n}" for kind, n in sorted(hidden.items()))
        lines.append(
            f"  {sum(hidden.values())} routine note(s) not shown ({counts}); --verbose lists them"
        )
    return lines


def _cmd_parse(args: argparse.Namespace, _plan: Plan | None, screen: _Screen) -> None:
    import tempfile  # noqa: PLC0415 - loaded only when asked

    from xiaojie.io import save_plan  # noqa: PLC0415
    from xiaojie.parsing import parse_plan  # noqa: PLC0415

    reference = None if args.reference is None else as_date(args.reference, field="--reference")
    output = Path(args.output)
    if output.suffix.lower() not in {".toml", ".json"}:
        found = repr(output.suffix) if output.suffix else "no suffix"
        msg = f"-o {args.output}: expected a plan file name ending in .toml or .json, found {found}"
        raise _CommandError(msg)
    plan, report = parse_plan(Path(args.file), reference=reference, catalogue=args.catalogue)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / output.name
        save_plan(plan, trial)
        try:
            load_plan(trial)
        except PlanFileError as err:
            problems = "; ".join(str(p) for p in err.problems)
            if not plan.tasks:  # the cause to name: a plan of no tasks has no units either
                msg = (
                    f"{args.file}: expected numbered task items (with 责任单位 or 牵头单位) or a "
                    f"task table, found no task, so {args.output} was not written ({problems})"
                )
            else:
                msg = (
                    f"{args.file}: the plan read from it would not load back, so {args.output} "
                    f"was not written: {problems}"
                )
            raise _CommandError(msg) from None
    written = save_plan(plan, output)
    counts = (
        f"{len(plan.campaigns)} campaigns, {len(plan.tasks)} tasks, "
        f"{len(plan.milestones)} milestones, {len(plan.obligations)} obligations, "
        f"{len(plan.indicators)} indicators"
    )
    lines = [f"wrote {written}: {counts}", *_parse_notes(report, verbose=args.verbose)]
    screen.text("\n".join(lines))


_COMMANDS: dict[str, Callable[[argparse.Namespace, Any, _Screen], None]] = {
    "show": _cmd_show,
    "unit": _cmd_unit,
    "status": _cmd_status,
    "overdue": _cmd_overdue,
    "docs": _cmd_docs,
    "export": _cmd_export,
    "check-ledger": _cmd_check_ledger,
    "cascade": _cmd_cascade,
    "rollup": _cmd_rollup,
    "sheets": _cmd_sheets,
    "collect": _cmd_collect,
    "notice": _cmd_notice,
    "word": _cmd_word,
}


def _errors(err: XiaojieError) -> list[str]:
    if isinstance(err, PlanFileError):
        return [f"{err.source}: {p}" for p in err.problems] or [str(err)]
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines or [type(err).__name__]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Returns
    -------
    int
        0 on success, 1 when the command failed (each problem printed as ``error: …`` on
        stderr), 2 for a usage error.

    Examples
    --------
    >>> main(["unit", "教育厅", "--json"])  # doctest: +ELLIPSIS
    {
      "unit": {
        "id": "education",
    ...
    0
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(*_COLLECTIONS)  # a large plan is millions of objects, none in a cycle
    try:
        return _parse_and_run(argv)
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def script() -> int:
    """Run the command line as the ``xiaojie`` script does; return the exit code.

    As :func:`main`, except that after a command that only prints (``status``, ``overdue``,
    ``show``, ``unit``, ``check-ledger`` without ``--out``) has succeeded and its output is
    flushed, the process ends at once (exit handlers and ``logging`` shut down first) rather
    than freeing every object the command made one by one: on a plan of 100,000 tasks that
    takes a second or more.
    Run in-process (tests, :func:`main`), nothing of this happens.
    """
    global _KEPT  # noqa: PLW0603 - the script's own state, set once per process
    _KEPT = []
    code = main()
    if _KEPT and _COMMAND_DONE[0] in _QUICK_EXIT and threading.active_count() == 1:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # the reader went away: the ordinary exit reports it
            return code
        atexit._run_exitfuncs()  # noqa: SLF001 - what the ordinary exit runs first (logging …)
        if "logging" in sys.modules:
            sys.modules["logging"].shutdown()
        os._exit(code)
    return code


_QUICK_EXIT = frozenset({"status", "overdue", "show", "unit", "check-ledger"})
"""The commands after which :func:`script` ends the process without freeing (when they wrote no
file: ``check-ledger`` without ``--out``)."""

_KEPT: list[object] | None = None
"""What the commands run by :func:`script` made that the process ends with (``None`` otherwise)."""

_COMMAND_DONE: list[str] = [""]
"""The command that last succeeded (for :func:`script`)."""


def _keep(value: object) -> None:
    """Keep ``value`` to the end of the process when run by :func:`script` (see there)."""
    if _KEPT is not None:
        _KEPT.append(value)


_COLLECTIONS = (100_000, 50, 100)
"""The collector's thresholds while a command runs (Python's default, 700, scans a large plan's
objects again and again: over a quarter of the time of ``status`` on 10,000 tasks)."""


def _parse_and_run(argv: Sequence[str] | None) -> int:
    parser = _parser()
    given = sys.argv[1:] if argv is None else list(argv)
    if wants_chinese(given):
        translate(parser)
    try:
        args = parser.parse_args(given)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command == "export" and args.unit is not None and args.format != "ics":
        parser.print_usage(sys.stderr)
        print("xiaojie export: error: --unit goes with --format ics only", file=sys.stderr)  # noqa: T201
        return 2
    with names_scope():  # names a ledger makes known mask this run's output only
        return _run(args, screen=_Screen(sys.stdout))


def _register_holidays(paths: Sequence[str]) -> None:
    """Read each holiday notice file and add it to the calendar of this run, earliest year first."""
    from xiaojie.parsing._readers import READERS, read_text  # noqa: PLC0415 - only with --holidays

    notices = []
    for name in paths:
        path = Path(name)
        raw = path.read_bytes()
        text = READERS.get(path.suffix.lower(), read_text)(path, raw).text()
        notices.append(read_holiday_notice(text, source=str(path)))
    for notice in sorted(notices, key=lambda n: n.year):
        register_holiday_notice(notice)


def _run(args: argparse.Namespace, *, screen: _Screen) -> int:
    """Run the parsed command; return the exit code."""
    before = holiday_notices()
    try:
        _register_holidays(getattr(args, "holidays", []))
        if args.command == "parse":
            _cmd_parse(args, None, screen)
        elif args.command == "compare":
            _cmd_compare(args, None, screen)
        elif args.command == "diff":
            _cmd_diff(args, None, screen)
        else:
            with collector_paused():  # a plan is built of objects that hold no cycle
                plan = load_plan(args.plan)
            _keep(plan)
            gc.freeze()  # the plan lives to the end: the collector need not scan it again
            if args.command in _QUICK_EXIT:  # what they make (rows, findings) holds no cycles
                with collector_paused():
                    _COMMANDS[args.command](args, plan, screen)
            else:
                _COMMANDS[args.command](args, plan, screen)
            # a command that wrote a file takes the ordinary exit (see script)
            _COMMAND_DONE[0] = args.command if getattr(args, "out", None) is None else ""
    except XiaojieError as err:
        for line in _errors(err):
            print(scrub(f"error: {line}"), file=sys.stderr)  # noqa: T201 - a plan file's too
        return 1
    except BrokenPipeError:  # pragma: no cover - the reader stopped early (`xiaojie show | head`)
        sys.stderr.close()
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(scrub(f"error: {where}{err.strerror or err}"), file=sys.stderr)  # noqa: T201
        return 1
    finally:
        restore_holiday_notices(before)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
