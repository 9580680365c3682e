"""Commands of the monthly 调度: sheets out, sheets back in, the 通报 and Word documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiaojie._files import atomic_write
from xiaojie.dates import as_date
from xiaojie.errors import CommandError as _CommandError
from xiaojie.render import (
    division_table,
)


if TYPE_CHECKING:
    from xiaojie.model import Plan


from xiaojie.cli._shared import (
    _as_of,
    _progress,
    _Screen,
    _write_file,
)


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
        data = to_xlsx(document, stamp=snapshot.as_of)
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
