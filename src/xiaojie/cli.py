"""The ``xiaojie`` command line: a thin shell over the library.

Subcommands call pure library functions that build documents or data; :func:`main` prints
them. In a terminal, tables are drawn with ``rich`` (when installed) and long work shows a
progress bar; when the output is piped, it is plain text with aligned columns, and ``--json``
gives data for scripts.

Errors are one ``error: …`` line per problem on stderr with exit code 1; usage errors (an
unknown command or option, a missing argument) exit with 2. ``--as-of`` defaults to today:
this module is the only place in xiaojie that reads the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from xiaojie._files import atomic_write
from xiaojie.dates import as_date
from xiaojie.errors import PlanFileError, XiaojieError
from xiaojie.io import load_plan
from xiaojie.render import (
    FORMATS,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    available_formats,
    division_table,
    overdue_report,
    plain,
    site_files,
    status_report,
    task_time_limit,
    to_ics,
    to_text,
    unit_sheet,
    write_site,
)
from xiaojie.render._plan_docs import campaign_label, dated_items


if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from xiaojie.model import Owner, Plan
    from xiaojie.progress import Progress
    from xiaojie.tracking import Entry, Snapshot


__all__ = ["main", "show_plan"]

EXPORT_FORMATS = ("graphml", "json", "dot", "ics")


def show_plan(plan: Plan) -> str:
    """Return the plan's campaigns, tasks and their lead units as plain text.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> print(show_plan(load_plan()).splitlines()[3])
    (一)实施问题整改清零攻坚行动
    """
    lines = [plan.title, f"{plan.publisher} {plan.published or plan.reference_date}", ""]
    for campaign in plan.campaigns:
        lines.append(f"{campaign_label(campaign.number)}{campaign.name}")
        for task in plan.tasks_of(campaign):
            others = "、".join(o.name for o in task.co_responsible)
            tail = f"; 配合: {others}" if others else ""
            lines.append(f"  {task.number}. {task.title} — 牵头: {task.lead.name}{tail}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Data for --json
# --------------------------------------------------------------------------------------------


def _owner_json(owner: Owner) -> dict[str, Any]:
    return {"id": owner.id, "name": owner.name}


def plan_json(plan: Plan) -> dict[str, Any]:
    """Return the plan's campaigns and tasks as data (``xiaojie show --json``)."""
    return {
        "id": plan.id,
        "title": plan.title,
        "published": (plan.published or plan.reference_date).isoformat(),
        "campaigns": [
            {
                "number": c.number,
                "name": c.name,
                "tasks": [
                    {
                        "number": t.number,
                        "title": t.title,
                        "lead": _owner_json(t.lead),
                        "co_responsible": [_owner_json(o) for o in t.co_responsible],
                        "time_limit": task_time_limit(plan, t),
                    }
                    for t in plan.tasks_of(c)
                ],
            }
            for c in plan.campaigns
        ],
    }


def unit_json(plan: Plan, owner: Owner) -> dict[str, Any]:
    """Return what one unit answers for, as data (``xiaojie unit NAME --json``)."""
    tasks = []
    for task in plan.tasks:
        role = task.role_of(owner)
        if role is not None:
            tasks.append(
                {
                    "number": task.number,
                    "title": task.title,
                    "role": str(role),
                    "time_limit": task_time_limit(plan, task),
                }
            )
    items: list[dict[str, Any]] = [
        {
            "id": d.item_id,
            "title": d.title,
            "when": d.phrase,
            "due": d.due.isoformat(),
            "task": d.task,
        }
        for d in dated_items(plan)
        if any(o.id == owner.id for o in d.owners)
    ]
    recurring = [
        {"id": o.id, "title": o.title, "cadence": o.cadence.describe(), "task": o.task}
        for o in plan.obligations
        if any(x.id == owner.id for x in plan.owners_of(o))
    ]
    indicators = [
        {
            "id": i.id,
            "name": i.name,
            "targets": [t.describe() for t in i.targets],
            "task": i.task,
        }
        for i in plan.indicators
        if any(x.id == owner.id for x in plan.owners_of(i))
    ]
    return {
        "unit": {**_owner_json(owner), "aliases": list(owner.aliases), "kind": str(owner.kind)},
        "tasks": tasks,
        "dated": items,
        "recurring": recurring,
        "indicators": indicators,
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    """Return one status entry as data."""
    return {
        "key": entry.key,
        "item_id": entry.item_id,
        "kind": str(entry.kind),
        "title": entry.title,
        "state": str(entry.state),
        "due": entry.due.isoformat() if entry.due is not None else None,
        "when": str(entry.window) if entry.window is not None else None,
        "owners": [_owner_json(o) for o in entry.owners],
        "task": entry.task,
        "done_on": entry.done_on.isoformat() if entry.done_on is not None else None,
        "result": str(entry.result) if entry.result is not None else None,
        "value": entry.value,
        "soft": entry.soft,
        "note": entry.note,
    }


def status_json(snapshot: Snapshot) -> dict[str, Any]:
    """Return a status snapshot as data (``xiaojie status --json``)."""
    return {
        "plan": snapshot.plan_id,
        "as_of": snapshot.as_of.isoformat(),
        "due_soon_days": snapshot.due_soon_days,
        "counts": {str(state): n for state, n in snapshot.counts().items()},
        "task_states": {str(n): str(s) for n, s in snapshot.task_states().items()},
        "entries": [entry_json(e) for e in snapshot],
    }


def overdue_json(plan: Plan, snapshot: Snapshot) -> dict[str, Any]:
    """Return the overdue entries by owner, with roles (``xiaojie overdue --json``).

    Owners and roles are those of :func:`xiaojie.queries.units_with_overdue_tasks`: owners in the
    plan's own order, each entry with the owner's role and the group it comes through, if any.
    """
    from xiaojie.queries import units_with_overdue_tasks  # noqa: PLC0415 - needs networkx

    rows = units_with_overdue_tasks(plan, snapshot)
    covered = {o.entry.key for row in rows for o in row.owned}
    return {
        "plan": snapshot.plan_id,
        "as_of": snapshot.as_of.isoformat(),
        "units": [
            {
                **_owner_json(row.owner),
                "is_group": row.is_group,
                "entries": [
                    {"key": o.entry.key, "role": str(o.role), "via": o.via} for o in row.owned
                ],
            }
            for row in rows
        ],
        "unowned": [e.key for e in snapshot.overdue() if e.key not in covered],
        "entries": [entry_json(e) for e in snapshot.overdue()],
    }


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


class _Screen:
    """Where output goes: rich tables in a terminal, plain text in a pipe."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.console: Any = None
        if importlib.util.find_spec("rich") is not None:
            from rich.console import Console  # noqa: PLC0415 - optional extra

            console = Console(file=stream, highlight=False, emoji=False)
            if console.is_terminal:
                self.console = console

    def text(self, value: str) -> None:
        if self.console is not None:
            self.console.print(value, markup=False, highlight=False)
        else:
            self.stream.write(value if value.endswith("\n") else value + "\n")

    def data(self, value: object) -> None:
        self.stream.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")

    def document(self, document: Document) -> None:
        if self.console is None:
            self.stream.write(to_text(document))
            return
        from rich import box  # noqa: PLC0415 - optional extra
        from rich.table import Table as RichTable  # noqa: PLC0415
        from rich.text import Text as RichText  # noqa: PLC0415

        console = self.console
        console.print(RichText(document.title, style="bold"))
        for block in document.blocks:
            if isinstance(block, Heading):
                console.rule(RichText(plain(block.text), style="bold blue"), align="left")
            elif isinstance(block, Paragraph):
                console.print(RichText(plain(block.text)))
            elif isinstance(block, Table):
                table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", expand=False)
                for column in block.columns:
                    table.add_column(column, overflow="fold")
                blanks = [""] * (len(block.columns) - 1)
                for index, row in enumerate(block.plain_rows()):
                    group = block.group_at(index)
                    if group is not None:
                        if index:
                            table.add_section()
                        table.add_row(RichText(plain(group), style="bold cyan"), *blanks)
                    table.add_row(*(RichText(cell) for cell in row))
                console.print(table)
            elif isinstance(block, Figure):
                continue


def _progress_bar(total: int, words: str) -> tuple[Callable[[object], None], Callable[[], None]]:
    """Return (step, close) for a progress bar on stderr, or no-ops when it is not a terminal."""
    if importlib.util.find_spec("rich") is None:
        return (lambda _item: None), (lambda: None)
    from rich.console import Console  # noqa: PLC0415 - optional extra
    from rich.progress import Progress  # noqa: PLC0415

    console = Console(stderr=True)
    if not console.is_terminal:
        return (lambda _item: None), (lambda: None)
    progress = Progress(console=console, transient=True)
    task = progress.add_task(words, total=total)
    progress.start()
    return (lambda _item: progress.advance(task)), progress.stop


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--plan",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="a plan file (.toml or .json); default: the bundled plan",
    )
    common.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=argparse.SUPPRESS,
        help="labels in Chinese (zh, the default) or English (en)",
    )
    return common


def _dated() -> argparse.ArgumentParser:
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument(
        "--as-of", metavar="DATE", help="the report date, YYYY-MM-DD (default: today)"
    )
    dated.add_argument(
        "--progress", metavar="FILE", help="a progress file (CSV, XLSX or JSON) of what was done"
    )
    dated.add_argument(
        "--due-soon-days",
        metavar="N",
        type=int,
        default=7,
        help="how many days before a due date an item is due soon (default: 7)",
    )
    return dated


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xiaojie", description="Ask an action plan questions: who does what, by when."
    )
    parser.add_argument(
        "--plan", metavar="FILE", help="a plan file (.toml or .json); default: the bundled plan"
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=argparse.SUPPRESS)
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
    sub.add_parser(
        "status",
        parents=[common, dated, as_json],
        help="the status report: overdue and due-soon items by unit, indicators, tasks",
    )
    sub.add_parser("overdue", parents=[common, dated, as_json], help="the overdue items, by unit")
    docs = sub.add_parser(
        "docs",
        parents=[common, dated],
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
    ledger.add_argument("file", metavar="FILE", help="the ledger file (CSV, XLSX or Parquet)")
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
        "--spark-master",
        metavar="URL",
        help="with --engine spark: the Spark master (default: local[*])",
    )
    parse = sub.add_parser(
        "parse", parents=[common], help="read a plan document's text into a plan file"
    )
    parse.add_argument("file", metavar="FILE", help="the plan's text (UTF-8)")
    parse.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the plan file to write (.toml/.json)"
    )
    parse.add_argument(
        "--reference",
        metavar="DATE",
        help="the date that gives phrases without a year their year (default: the 发文时间)",
    )
    return parser


# --------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011 - the one clock read of xiaojie: the default of --as-of


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return _today()
    return as_date(value, field="--as-of")


def _progress(path: str | None, plan: Plan) -> Progress | None:
    if path is None:
        return None
    from xiaojie.progress import read_progress  # noqa: PLC0415 - only when asked

    return read_progress(path, plan=plan)


def _snapshot(args: argparse.Namespace, plan: Plan) -> Snapshot:
    from xiaojie.tracking import status  # noqa: PLC0415 - loaded by the commands that need it

    as_of = _as_of(args.as_of)
    return status(
        plan, _progress(args.progress, plan), as_of=as_of, due_soon_days=args.due_soon_days
    )


def _write_file(path: str, data: bytes) -> Path:
    target = Path(path)
    parent = target.parent
    if not parent.is_dir():
        msg = f"{path}: the folder {str(parent)!r} does not exist"
        raise _CommandError(msg)
    return atomic_write(target, data)


class _CommandError(XiaojieError, ValueError):
    """A command cannot do what it was asked (a missing optional package, an unusable path)."""


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


def _cmd_status(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    snapshot = _snapshot(args, plan)
    if args.json:
        screen.data(status_json(snapshot))
    else:
        screen.document(status_report(plan, snapshot, lang=args.lang))


def _cmd_overdue(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    snapshot = _snapshot(args, plan)
    if args.json:
        screen.data(overdue_json(plan, snapshot))
    else:
        screen.document(overdue_report(plan, snapshot, lang=args.lang))


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
    if "html" in wanted:
        lines.append(f"open {out / 'index.html'}")
    if skipped and not args.formats:
        lines.append(f"skipped {', '.join(skipped)}: install the docs extra (xiaojie[docs])")
    screen.text("\n".join(lines))


def _cmd_export(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    if args.format == "ics":
        if importlib.util.find_spec("icalendar") is None:
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
    print(f"wrote {written}", file=sys.stderr)  # noqa: T201 - the CLI's job


def _read_any_ledger(path: str, kind: str | None) -> Any:  # noqa: ANN401 - a LedgerRead
    """Read a ledger file as ``kind``, or as the one kind whose columns it has."""
    from xiaojie.errors import LedgerError  # noqa: PLC0415
    from xiaojie.ledgers import LedgerFileError, LedgerKind, read_ledger  # noqa: PLC0415

    if kind is not None:
        return read_ledger(path, kind)
    if not Path(path).is_file():
        msg = f"{path}: expected a readable ledger file, found no such file"
        raise _CommandError(msg)
    reads = []
    failures: dict[str, list[str]] = {}
    for candidate in LedgerKind:
        try:
            reads.append(read_ledger(path, candidate))
        except LedgerFileError:  # pragma: no cover - only raised in strict mode
            raise
        except LedgerError as err:
            failures.setdefault(str(err).splitlines()[0], []).append(str(candidate))
    if not reads:
        if len(failures) == 1:
            raise _CommandError(next(iter(failures)))
        reasons = "; ".join(f"as {'/'.join(kinds)}: {why}" for why, kinds in failures.items())
        msg = f"{path}: not a ledger xiaojie knows ({reasons})"
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


def _check_ledger_columnar(args: argparse.Namespace, kind: str, engine: str, as_of: Any) -> Any:  # noqa: ANN401
    """Check a file with a columnar engine; return ``(report, findings)``."""
    from xiaojie.ledgers import check_columnar  # noqa: PLC0415

    if engine == "spark" and Path(args.file).suffix.lower() not in {".parquet", ".pq"}:
        msg = f"{args.file}: expected a .parquet file for --engine spark, found {Path(args.file).suffix!r}"
        raise _CommandError(msg)
    result = check_columnar(
        args.file,
        as_of=as_of,
        ledger=kind,
        engine=engine,
        spark_master=args.spark_master,
        validate=None if engine == "duckdb" else False,
    )
    return result.report, result.findings.to_findings()


def _cmd_check_ledger(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.errors import LedgerError  # noqa: PLC0415
    from xiaojie.ledgers import check, rules_for, sniff_ledger  # noqa: PLC0415 - loaded when asked
    from xiaojie.render import ledger_report  # noqa: PLC0415

    as_of = _as_of(args.as_of)
    kind = args.kind
    if kind is None and args.engine != "objects":
        try:
            kind = str(sniff_ledger(args.file))
        except LedgerError as err:
            raise _CommandError(str(err)) from None
    engine = _ledger_engine(args.engine, kind or "")
    if engine == "objects":
        read = _read_any_ledger(args.file, kind)
        report = read.report
        rules = rules_for(report.ledger)
        findings = check(read.rows, as_of=as_of, rules=rules)
    else:
        report, findings = _check_ledger_columnar(args, kind, engine, as_of)
        rules = rules_for(report.ledger)
    if args.json:
        screen.data(
            {
                "file": report.source,
                "ledger": str(report.ledger),
                "as_of": as_of.isoformat(),
                "plan": plan.id,
                "engine": engine,
                "rows": report.rows,
                "good": report.good,
                "bad_rows": list(report.bad_rows),
                "issues": [str(issue) for issue in report.issues],
                "by_rule": findings.by_rule(),
                "findings": findings.records(),
            }
        )
    else:
        screen.document(ledger_report(report, findings, rules=rules, lang=args.lang))


def _cmd_parse(args: argparse.Namespace, _plan: Plan | None, screen: _Screen) -> None:
    from xiaojie.io import save_plan  # noqa: PLC0415 - loaded only when asked
    from xiaojie.parsing import parse_plan  # noqa: PLC0415

    reference = None if args.reference is None else as_date(args.reference, field="--reference")
    plan, report = parse_plan(Path(args.file), reference=reference)
    written = save_plan(plan, args.output)
    counts = (
        f"{len(plan.campaigns)} campaigns, {len(plan.tasks)} tasks, "
        f"{len(plan.milestones)} milestones, {len(plan.obligations)} obligations, "
        f"{len(plan.indicators)} indicators"
    )
    lines = [f"wrote {written}: {counts}"]
    notes = report.format()
    if notes.strip():
        lines.append(notes.rstrip())
    screen.text("\n".join(lines))


_COMMANDS: dict[str, Callable[[argparse.Namespace, Any, _Screen], None]] = {
    "show": _cmd_show,
    "unit": _cmd_unit,
    "status": _cmd_status,
    "overdue": _cmd_overdue,
    "docs": _cmd_docs,
    "export": _cmd_export,
    "check-ledger": _cmd_check_ledger,
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
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command == "export" and args.unit is not None and args.format != "ics":
        parser.print_usage(sys.stderr)
        print("xiaojie export: error: --unit goes with --format ics only", file=sys.stderr)  # noqa: T201
        return 2
    screen = _Screen(sys.stdout)
    try:
        if args.command == "parse":
            _cmd_parse(args, None, screen)
        else:
            plan = load_plan(args.plan)
            _COMMANDS[args.command](args, plan, screen)
    except XiaojieError as err:
        for line in _errors(err):
            print(f"error: {line}", file=sys.stderr)  # noqa: T201 - the CLI's job
        return 1
    except BrokenPipeError:  # pragma: no cover - the reader stopped early (`xiaojie show | head`)
        sys.stderr.close()
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
