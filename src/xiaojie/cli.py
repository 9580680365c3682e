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
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from xiaojie._extras import available
from xiaojie._files import atomic_write
from xiaojie.dates import as_date
from xiaojie.errors import CommandError as _CommandError
from xiaojie.errors import PlanFileError, XiaojieError
from xiaojie.io import load_plan
from xiaojie.model import Role
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
            tail = f"; {Role.CO_RESPONSIBLE.label}: {others}" if others else ""
            lead = f"{Role.LEAD.label}: {task.lead.name}"
            lines.append(f"  {task.number}. {task.title} — {lead}{tail}")
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
        if plan.role_of(o, owner) is not None
    ]
    indicators = [
        {
            "id": i.id,
            "name": i.name,
            "targets": [t.describe() for t in i.targets],
            "task": i.task,
        }
        for i in plan.indicators
        if plan.role_of(i, owner) is not None
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
        if available("rich"):
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
    if not available("rich"):
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
    parse = sub.add_parser(
        "parse", parents=[common], help="read a plan document's text into a plan file"
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
        progress=_progress(args.progress, plan),
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


def _cmd_check_ledger(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.ledgers import check, rules_for  # noqa: PLC0415 - loaded only when asked
    from xiaojie.render import ledger_report  # noqa: PLC0415

    as_of = _as_of(args.as_of)
    read = _read_any_ledger(args.file, args.kind)
    rules = rules_for(read.report.ledger)
    findings = check(read.rows, as_of=as_of, rules=rules)
    if args.json:
        report = read.report
        screen.data(
            {
                "file": report.source,
                "ledger": str(report.ledger),
                "as_of": as_of.isoformat(),
                "plan": plan.id,
                "rows": report.rows,
                "good": report.good,
                "bad_rows": list(report.bad_rows),
                "issues": [str(issue) for issue in report.issues],
                "by_rule": findings.by_rule(),
                "findings": findings.records(),
            }
        )
    else:
        screen.document(ledger_report(read.report, findings, rules=rules, lang=args.lang))


def _cmd_parse(args: argparse.Namespace, _plan: Plan | None, screen: _Screen) -> None:
    from xiaojie.io import save_plan  # noqa: PLC0415 - loaded only when asked
    from xiaojie.parsing import parse_plan  # noqa: PLC0415

    reference = None if args.reference is None else as_date(args.reference, field="--reference")
    plan, report = parse_plan(Path(args.file), reference=reference, catalogue=args.catalogue)
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


# --------------------------------------------------------------------------------------------
# Plans across levels: cascade, compare, rollup, diff
# --------------------------------------------------------------------------------------------


def _cascade_parsers(sub: Any, common: argparse.ArgumentParser) -> None:  # noqa: ANN401 - argparse's private subparsers type
    cas = sub.add_parser(
        "cascade", parents=[common], help="re-write the plan for a city or county (层层分解)"
    )
    cas.add_argument("--to", required=True, metavar="PLACE", help="the place: 同心县 or 640324")
    cas.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="the local plan file (.toml/.json)"
    )
    cas.add_argument("--counterparts", metavar="FILE", help="a counterpart table (TOML)")
    cas.add_argument("--places", metavar="FILE", help="a place file (TOML) added to the bundled")
    cas.add_argument(
        "--lead-days",
        metavar="N",
        type=int,
        help="bring every due date forward by N days (default: milestones 5 working days)",
    )
    cas.add_argument(
        "--calendar-days", action="store_true", help="count --lead-days as calendar days"
    )


def _compare_parsers(sub: Any) -> None:  # noqa: ANN401 - argparse's private subparsers type
    com = sub.add_parser(
        "compare", help="check a local plan (plan file or text) against its parent plan"
    )
    com.add_argument("parent", metavar="PARENT", help="the parent plan file (.toml/.json)")
    com.add_argument("local", metavar="LOCAL", help="the local plan: a plan file or its text")
    com.add_argument("--place", metavar="PLACE", help="the local plan's place (default: inferred)")
    com.add_argument("--counterparts", metavar="FILE", help="a counterpart table (TOML)")
    com.add_argument("--json", action="store_true", help="print data (JSON) for scripts")


def _cmd_compare(args: argparse.Namespace, _plan: Plan | None, screen: _Screen) -> None:
    from xiaojie.compare import compare, compare_text  # noqa: PLC0415 - loaded only when asked
    from xiaojie.places import load_counterparts  # noqa: PLC0415

    parent = load_plan(args.parent)
    table = load_counterparts(args.counterparts)
    if Path(args.local).suffix.lower() in {".toml", ".json"}:
        result = compare(parent, load_plan(args.local), place=args.place, counterparts=table)
    else:
        result = compare_text(parent, Path(args.local), place=args.place, counterparts=table)
    if args.json:
        screen.data(
            {
                "parent": result.parent_id,
                "local": result.local_id,
                "place": result.place,
                "findings": result.records(),
            }
        )
    else:
        screen.text(result.format())


def _rollup_parsers(sub: Any, common: argparse.ArgumentParser) -> None:  # noqa: ANN401 - argparse's private subparsers type
    rol = sub.add_parser(
        "rollup",
        parents=[common],
        help="the plan's status across places from one progress file per place",
    )
    rol.add_argument(
        "files", metavar="FILE", nargs="+", help="progress files named after places (640324.csv)"
    )
    rol.add_argument("--as-of", metavar="DATE", help="the date, YYYY-MM-DD (default: today)")
    rol.add_argument(
        "--indicator",
        dest="indicators",
        action="append",
        metavar="ID",
        help="rank the places on this indicator (repeatable; default: every one measured)",
    )
    rol.add_argument("--places", metavar="FILE", help="a place file (TOML) added to the bundled")
    rol.add_argument(
        "--expect",
        metavar="PLACE",
        action="append",
        help="a place whose children should all report (repeatable; 宁夏回族自治区 for every city)",
    )
    rol.add_argument(
        "--expect-level",
        choices=("prefecture", "county", "township", "village"),
        default="county",
        help="with --expect: the level of the places expected (default: county)",
    )
    rol.add_argument("--out", metavar="DIR", help="also write the HTML site with a page per place")
    rol.add_argument("--json", action="store_true", help="print data (JSON) for scripts")


def _cmd_rollup(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.render import rollup_report  # noqa: PLC0415 - loaded only when asked
    from xiaojie.rollup import (  # noqa: PLC0415
        read_place_progress,
        read_progress_by_place,
        rollup,
    )

    places = _places_arg(args.places)
    if len(args.files) == 1 and _has_place_column(args.files[0]):
        reports = read_progress_by_place(args.files[0], plan=plan, places=places)
    else:
        reports = read_place_progress(args.files, plan=plan, places=places)
    expected = [
        p
        for above in args.expect or ()
        for p in places.at_level(args.expect_level)
        if places.find(above) in places.ancestors(p)
    ]
    result = rollup(plan, reports, as_of=_as_of(args.as_of), places=places, expect=expected)
    indicators = args.indicators
    for indicator in indicators or ():
        result.ranking(indicator)
    if args.out is not None:
        files = site_files(
            plan, as_of=result.as_of, lang=args.lang, formats=["html"], rollup=result
        )
        write_site(files, Path(args.out))
    if args.json:
        chosen = indicators or [
            i.id
            for i in plan.indicators
            if any(r.item.partition("#")[0] == i.id for p in result.places for r in p.progress)
        ]
        screen.data(
            {
                "as_of": result.as_of.isoformat(),
                "indicators": {
                    i: {
                        "threshold": result.threshold(i),
                        "lagging": [r.place.name for r in result.lagging(i)],
                        "unreported": [p.name for p in result.unreported(i)],
                        "ranking": [
                            {"place": r.place.name, "code": r.place.code, "value": r.value}
                            for r in result.ranking(i)
                        ],
                    }
                    for i in chosen
                },
            }
        )
    else:
        screen.document(rollup_report(result, indicators=indicators, lang=args.lang))


def _diff_parsers(sub: Any) -> None:  # noqa: ANN401 - argparse's private subparsers type
    dif = sub.add_parser("diff", help="what changed between two versions of a plan")
    dif.add_argument("old", metavar="OLD", help="the old plan file (.toml/.json)")
    dif.add_argument("new", metavar="NEW", help="the new plan file (.toml/.json)")
    dif.add_argument(
        "--format",
        choices=("text", "md", "html", "json"),
        default="text",
        help="text (default), Markdown, an HTML page or JSON records",
    )
    dif.add_argument(
        "-o", "--output", metavar="FILE", default="-", help="where to write (default: stdout)"
    )


def _cmd_diff(args: argparse.Namespace, _plan: Plan | None, screen: _Screen) -> None:
    from xiaojie.render import (  # noqa: PLC0415 - loaded only when asked
        diff_document,
        to_html,
        to_markdown,
    )
    from xiaojie.versions import diff  # noqa: PLC0415

    old, new = load_plan(args.old), load_plan(args.new)
    if args.format == "json":
        body = json.dumps([c.record() for c in diff(old, new)], ensure_ascii=False, indent=2)
    elif args.format == "md":
        body = to_markdown(diff_document(old, new, lang=args.lang))
    elif args.format == "html":
        body = to_html(diff_document(old, new, lang=args.lang), site_title=new.title)
    else:
        body = "\n".join(
            [f"{old.id} → {new.id}: {len(diff(old, new))} change(s)", *map(str, diff(old, new))]
        )
    if args.output == "-":
        screen.text(body.rstrip("\n"))
    else:
        written = _write_file(args.output, body.encode("utf-8"))
        screen.text(f"wrote {written}")


def _has_place_column(path: str) -> bool:
    from xiaojie.rollup import PLACE_COLUMNS  # noqa: PLC0415 - loaded only when asked

    if Path(path).suffix.lower() != ".csv":
        return False
    with Path(path).open(encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline()
    return any(cell.strip().lower() in PLACE_COLUMNS for cell in first.split(","))


def _places_arg(path: str | None) -> Any:  # noqa: ANN401 - a Places
    from xiaojie.places import load_places  # noqa: PLC0415 - loaded only when asked

    bundled = load_places()
    return bundled if path is None else bundled.merge(load_places(path).places)


def _cmd_cascade(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.cascade import LeadTime, cascade  # noqa: PLC0415 - loaded only when asked
    from xiaojie.io import save_plan  # noqa: PLC0415
    from xiaojie.places import load_counterparts  # noqa: PLC0415

    lead = None
    if args.lead_days is not None:
        lead = LeadTime(args.lead_days, working=not args.calendar_days)
    result = cascade(
        plan,
        to=args.to,
        counterparts=load_counterparts(args.counterparts),
        places=_places_arg(args.places),
        lead_time=lead,
    )
    written = save_plan(result.plan, args.output)
    screen.text(f"wrote {written}\n{result.report()}")


# --------------------------------------------------------------------------------------------
# The monthly 调度: sheets out, sheets back in, the 通报 out
# --------------------------------------------------------------------------------------------

NOTICE_SUFFIXES = (".md", ".html", ".docx", ".xlsx")


def _add_diaodu_commands(sub: Any, common: argparse.ArgumentParser) -> None:  # noqa: ANN401
    """Add ``sheets``, ``collect``, ``notice`` and ``word`` to the subcommands."""
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument("--as-of", metavar="DATE", help="the 调度 date, YYYY-MM-DD (default: today)")
    dated.add_argument(
        "--progress", metavar="FILE", help="the progress recorded before this 调度 (CSV/XLSX/JSON)"
    )
    sheets = sub.add_parser(
        "sheets", parents=[common, dated], help="write one progress sheet (XLSX) per unit"
    )
    sheets.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")
    sheets.add_argument(
        "--until", metavar="DATE", help="ask about items due by this day (default: month end)"
    )
    collect = sub.add_parser(
        "collect",
        parents=[common, dated],
        help="check and merge the returned progress sheets (XLSX/CSV) of a folder",
    )
    collect.add_argument("folder", metavar="DIR", help="the folder of returned sheets")
    collect.add_argument(
        "--until", metavar="DATE", help="the --until the sheets were written with, if any"
    )
    collect.add_argument(
        "--out",
        metavar="FILE",
        required=True,
        help="the merged file (.csv/.xlsx): every row with its source, verdict and reason",
    )
    collect.add_argument(
        "--accepted",
        metavar="FILE",
        help="also write the progress so far plus the accepted records, as a progress file",
    )
    notice = sub.add_parser(
        "notice", parents=[common, dated], help="write the 通报 (Markdown, HTML, DOCX or XLSX)"
    )
    notice.add_argument(
        "--returned", metavar="DIR", help="a folder of returned sheets to collect first"
    )
    notice.add_argument(
        "--until", metavar="DATE", help="the --until the sheets were written with, if any"
    )
    notice.add_argument(
        "--collected",
        metavar="FILE",
        help="a file written by collect, with the verdicts as the office has settled them",
    )
    notice.add_argument(
        "--out", metavar="FILE", required=True, help="the file: .md, .html, .docx or .xlsx"
    )
    word = sub.add_parser(
        "word", parents=[common], help="write the 任务分工表 and every unit's 任务清单 as DOCX"
    )
    word.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")


def _sent_sheets(args: argparse.Namespace, plan: Plan) -> tuple[Any, Any, Any]:
    """Return (prior progress, its status, the sheets as sent) for the 调度 commands."""
    from xiaojie.io import progress_sheets  # noqa: PLC0415 - loaded by the 调度 commands
    from xiaojie.tracking import status  # noqa: PLC0415

    prior = _progress(args.progress, plan)
    snapshot = status(plan, prior, as_of=_as_of(args.as_of))
    until = None if args.until is None else as_date(args.until, field="--until")
    return prior, snapshot, progress_sheets(plan, snapshot, until=until)


def _cmd_sheets(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.io import write_sheets  # noqa: PLC0415

    _, snapshot, sheets = _sent_sheets(args, plan)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        msg = f"--out {args.out}: expected a folder, found a file"
        raise _CommandError(msg)
    written = write_sheets(plan, sheets, out)
    rows = sum(len(s.rows) for s in sheets)
    lines = [f"wrote {len(written)} sheets ({rows} items) as of {snapshot.as_of} to {out}"]
    lines.extend(f"  {path.name}" for path in written)
    screen.text("\n".join(lines))


def _collected(args: argparse.Namespace, plan: Plan, folder: str) -> tuple[Any, Any, Any]:
    from xiaojie.io import collect  # noqa: PLC0415

    prior, snapshot, sheets = _sent_sheets(args, plan)
    collection = collect(plan, Path(folder), sent=sheets, as_of=snapshot.as_of)
    return prior, snapshot, collection


def _collection_lines(plan: Plan, collection: Any) -> list[str]:  # noqa: ANN401
    from xiaojie.io import Verdict  # noqa: PLC0415

    counts = ", ".join(f"{len(collection.with_verdict(v))} {v.value}" for v in Verdict)
    lines = [
        (
            f"{len(collection.rows)} filled rows from {len(collection.returned)} of "
            f"{len(collection.sent)} units: {counts}"
        )
    ]
    for row in collection.rows:
        if row.verdict in {Verdict.REJECTED, Verdict.CONFLICT}:
            lines.extend(f"  {row.verdict.value}: {row.where}: {reason}" for reason in row.reasons)
    if collection.missing:
        names = "、".join(plan.units.by_id(u).name for u in collection.missing)
        lines.append(f"  not reported: {names}")
    return lines


def _cmd_collect(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.io import write_collection  # noqa: PLC0415
    from xiaojie.progress import Progress, write_progress  # noqa: PLC0415

    prior, _, collection = _collected(args, plan, args.folder)
    lines = _collection_lines(plan, collection)
    lines.append(f"wrote {write_collection(collection, args.out)}")
    if args.accepted is not None:
        merged = (prior or Progress()) + collection.progress
        lines.append(f"wrote {write_progress(merged, args.accepted)}")
    screen.text("\n".join(lines))


def _cmd_notice(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.progress import Progress  # noqa: PLC0415
    from xiaojie.render import notice, to_docx, to_html, to_markdown, to_xlsx  # noqa: PLC0415
    from xiaojie.tracking import status  # noqa: PLC0415

    suffix = Path(args.out).suffix.lower()
    if suffix not in NOTICE_SUFFIXES:
        msg = f"--out {args.out}: expected one of {', '.join(NOTICE_SUFFIXES)}, found {suffix!r}"
        raise _CommandError(msg)
    collection = None
    lines: list[str] = []
    if args.returned is not None and args.collected is not None:
        msg = "--returned and --collected: give one of them"
        raise _CommandError(msg)
    if args.returned is not None:
        prior, snapshot, collection = _collected(args, plan, args.returned)
        progress = (prior or Progress()) + collection.progress
        snapshot = status(plan, progress, as_of=snapshot.as_of)
        lines.extend(_collection_lines(plan, collection))
    elif args.collected is not None:
        from xiaojie.io import read_collection  # noqa: PLC0415

        prior, snapshot, sheets = _sent_sheets(args, plan)
        collection = read_collection(
            args.collected, as_of=snapshot.as_of, sent=[s.unit.id for s in sheets]
        )
        progress = (prior or Progress()) + collection.progress
        snapshot = status(plan, progress, as_of=snapshot.as_of)
        lines.extend(_collection_lines(plan, collection))
    else:
        progress = _progress(args.progress, plan)
        snapshot = status(plan, progress, as_of=_as_of(args.as_of))
    document = notice(plan, snapshot, progress=progress, collection=collection, lang=args.lang)
    if suffix == ".docx":
        data = to_docx(document)
    elif suffix == ".xlsx":
        from xiaojie.io._sheets import stable_zip  # noqa: PLC0415

        # openpyxl stamps each worksheet entry with the time of writing; fix every stamp
        data = stable_zip(to_xlsx(document, stamp=snapshot.as_of))
    elif suffix == ".html":
        data = to_html(document).encode("utf-8")
    else:
        data = to_markdown(document).encode("utf-8")
    lines.append(f"wrote {_write_file(args.out, data)}")
    screen.text("\n".join(lines))


def _cmd_word(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.render import to_docx, unit_sheets  # noqa: PLC0415

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        msg = f"--out {args.out}: expected a folder, found a file"
        raise _CommandError(msg)
    written = [
        atomic_write(
            out / "任务分工表.docx", to_docx(division_table(plan, lang=args.lang), landscape=True)
        )
    ]
    for sheet in unit_sheets(plan, lang=args.lang):
        owner = plan.units.by_id(sheet.slug.removeprefix("unit-"))
        data = to_docx(sheet, landscape=True, running_header=owner.name)
        written.append(atomic_write(out / f"任务清单-{owner.name}.docx", data))
    screen.text(f"wrote {len(written)} files to {out}")


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
        elif args.command == "compare":
            _cmd_compare(args, None, screen)
        elif args.command == "diff":
            _cmd_diff(args, None, screen)
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
