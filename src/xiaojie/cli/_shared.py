"""What every command of the command line shares: output, common options, dates and data."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

import attrs

from xiaojie._extras import available
from xiaojie._files import atomic_write
from xiaojie._privacy import current_names, scrub, scrub_all, scrub_cell, scrub_layout
from xiaojie.cli._json import dump
from xiaojie.dates import as_date
from xiaojie.errors import CommandError as _CommandError
from xiaojie.model import Role, UnitGroup
from xiaojie.render import (
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
    Text,
    attribution,
    label,
    plain,
    task_time_limit,
    to_text,
)
from xiaojie.render._plan_docs import campaign_label, dated_items


if TYPE_CHECKING:
    from collections.abc import Callable

    from xiaojie.model import Owner, Plan
    from xiaojie.progress import Progress
    from xiaojie.tracking import Snapshot


__all__ = ["masked_data", "overdue_json", "plan_json", "show_plan", "status_json", "unit_json"]

_T = TypeVar("_T")


EXPORT_FORMATS = ("graphml", "json", "dot", "ics")


def show_plan(plan: Plan) -> str:
    """Return the plan's campaigns, tasks and their lead units as plain text.

    Examples
    --------
    >>> from xiaojie import load_plan
    >>> print(show_plan(load_plan()).splitlines()[3])
    (一)实施问题整改清零攻坚行动
    """
    when = plan.date
    lines = [plan.title, f"{' · '.join(attribution(plan))} · {when}", ""]
    for campaign in plan.campaigns:
        lines.append(f"{campaign_label(campaign.number)}{campaign.name}")
        for task in plan.tasks_of(campaign):
            parts = [f"{Role.LEAD.label}: {task.lead.name}"]
            for role in (Role.CO_RESPONSIBLE, Role.SUPPORT, Role.IMPLEMENT):
                named = "、".join(r.owner.name for r in task.responsibilities[1:] if r.role is role)
                if named:
                    parts.append(f"{role.label}: {named}")
            if task.persons:
                parts.append(f"{label('persons')}: {'、'.join(task.persons)}")
            lines.append(f"  {task.number}. {task.title} — {'; '.join(parts)}")
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
        "issuer": plan.issuer,
        "publisher": plan.publisher,
        "published": plan.date.isoformat(),
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
                        "implementing": [_owner_json(o) for o in t.implementing],
                        "supporting": [_owner_json(o) for o in t.supporting],
                        "persons": list(t.persons),
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
            "key": d.key,
            "item_id": d.item_id,
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


def status_json(snapshot: Snapshot) -> dict[str, Any]:
    """Return a status snapshot as data (``xiaojie status --json``)."""
    return {
        "plan": snapshot.plan_id,
        "as_of": snapshot.as_of.isoformat(),
        "due_soon_days": snapshot.due_soon_days,
        "progress_records": snapshot.progress_records,
        "counts": {str(state): n for state, n in snapshot.counts().items()},
        "task_states": {str(n): str(s) for n, s in snapshot.task_states().items()},
        "entries": snapshot.records().to_json(),
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
        "entries": [e for e in snapshot.records().to_json() if e["state"] == "overdue"],
    }


_SHORTEST_NUMBER = 9
"""Fewer characters than any number :func:`xiaojie._privacy.scrub` masks holds (nine digits)."""


def _texts_of(value: object, texts: set[str], numbers: list[int | float], shortest: int) -> None:
    """Gather the texts (keys too) of ``shortest`` characters or more and the long numbers."""
    if isinstance(value, str):
        if len(value) >= shortest:
            texts.add(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and len(key) >= shortest:
                texts.add(key)
            _texts_of(item, texts, numbers, shortest)
    elif isinstance(value, list | tuple):
        for item in value:
            _texts_of(item, texts, numbers, shortest)
    elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e10:
        numbers.append(value)


def _replaced(value: object, texts: dict[str, str], numbers: dict[object, object]) -> object:
    """Return JSON data with the texts and numbers of the mappings replaced (the rest kept)."""
    if isinstance(value, str):
        return texts.get(value, value)
    if isinstance(value, dict):
        return {
            (texts.get(k, k) if isinstance(k, str) else k): _replaced(v, texts, numbers)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_replaced(item, texts, numbers) for item in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return numbers.get(value, value)
    return value


def masked_data(value: _T) -> _T:
    """Return JSON data with personal data masked as the text output masks it.

    Every text (keys too) passes :func:`xiaojie._privacy.scrub`; a number that is an
    identity or a mobile number becomes its masked text (:func:`xiaojie._privacy.scrub_cell`),
    as in a written spreadsheet. Data with nothing to mask is returned as it is. Texts
    shorter than nine characters are masked only when the run knows people's names: nothing
    else :func:`~xiaojie._privacy.scrub` masks is that short.

    Examples
    --------
    >>> masked_data({"title": "联系电话13812345678", "count": 2, "13812345678": [13812345678]})
    {'title': '联系电话138****5678', 'count': 2, '138****5678': ['138****5678']}
    >>> data = {"title": "调度进展"}
    >>> masked_data(data) is data
    True
    """
    texts: set[str] = set()
    numbers: list[int | float] = []
    _texts_of(value, texts, numbers, 0 if len(current_names()) else _SHORTEST_NUMBER)
    distinct = sorted(texts)
    changed = {
        text: masked
        for text, masked in zip(distinct, scrub_all(distinct), strict=True)
        if masked != text
    }
    changed_numbers: dict[object, object] = {}
    for number in numbers:
        masked_number = scrub_cell(number)
        if masked_number != number:
            changed_numbers[number] = masked_number
    if not changed and not changed_numbers:
        return value
    return cast("_T", _replaced(value, changed, changed_numbers))


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

    # Text, documents and data pass the personal-data filter once more, at the moment they are
    # shown: a name a ledger made known after a message was built is masked too, and a plan's
    # own text (a task's 联系电话) is masked in --json as in the text.

    def text(self, value: str) -> None:
        value = scrub(value)
        if self.console is not None:
            self.console.print(value, markup=False, highlight=False)
        else:
            self.stream.write(value if value.endswith("\n") else value + "\n")

    def data(self, value: object) -> None:
        # json.dumps(…, indent=2), faster, in pieces
        dump(masked_data(value), self.stream.write)
        self.stream.write("\n")

    def document(self, document: Document) -> None:
        if self.console is None:
            self.stream.write(scrub_layout(to_text(document)))  # scrub's result, faster
            return
        from rich import box  # noqa: PLC0415 - optional extra
        from rich.table import Table as RichTable  # noqa: PLC0415
        from rich.text import Text as RichText  # noqa: PLC0415

        console = self.console
        console.print(RichText(scrub(document.title), style="bold"))
        for block in document.blocks:
            if isinstance(block, Heading):
                console.rule(RichText(scrub(plain(block.text)), style="bold blue"), align="left")
            elif isinstance(block, Paragraph):
                console.print(RichText(scrub(plain(block.text))))
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
                        table.add_row(RichText(scrub(plain(group)), style="bold cyan"), *blanks)
                    table.add_row(*(RichText(scrub(cell)) for cell in row))
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


HOLIDAYS_HELP = (
    "the State Council's holiday notice of a year the installed calendar lacks "
    "(国务院办公厅关于YYYY年部分节假日安排的通知, as .txt, .html, .docx or .pdf); repeatable"
)


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
    common.add_argument(
        "--region",
        metavar="PROVINCE",
        default=argparse.SUPPRESS,
        help="the province whose places the plan's levels are (甘肃省, 甘肃 or 620000); "
        "default: the one the plan names, else Ningxia",
    )
    holidays_argument(common)
    return common


def holidays_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--holidays FILE`` (repeatable): a year's holiday notice for this run."""
    parser.add_argument(
        "--holidays", metavar="FILE", action="append", default=argparse.SUPPRESS, help=HOLIDAYS_HELP
    )


def _dated() -> argparse.ArgumentParser:
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument(
        "--as-of", metavar="DATE", help="the report date, YYYY-MM-DD (default: today)"
    )
    dated.add_argument(
        "--progress",
        metavar="FILE",
        help="a progress file (CSV in UTF-8 or GB18030, XLSX or JSON) of what was done",
    )
    dated.add_argument(
        "--due-soon-days",
        metavar="N",
        type=_days,
        default=7,
        help="how many days before a due date an item is due soon (default: 7)",
    )
    return dated


def _day_count(value: str, limit: int | None = None) -> int:
    """Read a whole number of days, 0 or more (at most ``limit`` when given)."""
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0 or (limit is not None and days > limit):
        wanted = ", 0 or more" if limit is None else f" from 0 to {limit}"
        msg = f"expected a whole number of days{wanted}, found {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return days


def _days(value: str) -> int:
    """Read a count of days for ``--due-soon-days``: a whole number, 0 or more."""
    return _day_count(value)


LEAD_DAYS_LIMIT = 3660
"""The longest lead time ``--lead-days`` takes: ten years (a plan's dates stay in its calendar)."""


def _lead_days(value: str) -> int:
    """Read ``--lead-days``: a whole number of days from 0 to :data:`LEAD_DAYS_LIMIT`."""
    return _day_count(value, LEAD_DAYS_LIMIT)


def _unit_snapshot(plan: Plan, snapshot: Snapshot, name: str) -> Snapshot:
    """Return ``snapshot`` with only the entries unit ``name`` answers for (directly or via a group)."""
    owner = plan.units.resolve(name)
    groups = {
        g.id for g in plan.units if isinstance(g, UnitGroup) and owner.id in (g.members or ())
    }
    wanted = {owner.id} | groups
    return attrs.evolve(
        snapshot, entries=[e for e in snapshot if any(o.id in wanted for o in e.owners)]
    )


def _unit_document(document: Document, name: str) -> Document:
    """Return ``document`` with its tables grouped by unit cut to the group of unit ``name``."""
    blocks = []
    for block in document.blocks:
        if isinstance(block, Table) and block.groups:
            starts = [i for i, _ in block.groups]
            keep: list[tuple[Text, ...]] = []
            for number, (start, text) in enumerate(block.groups):
                if plain(text) == name:
                    end = starts[number + 1] if number + 1 < len(starts) else len(block.rows)
                    keep.extend(block.rows[start:end])
            block = attrs.evolve(block, rows=keep, groups=[(0, name)] if keep else [])  # noqa: PLW2901
        blocks.append(block)
    return attrs.evolve(document, blocks=blocks)


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
