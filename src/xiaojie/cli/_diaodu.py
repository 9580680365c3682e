"""Commands of the monthly 调度: sheets out, sheets back in, the 通报 and Word documents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiaojie._files import atomic_write, distinct_file_names, safe_file_name
from xiaojie._privacy import scrub
from xiaojie.dates import as_date
from xiaojie.errors import CommandError as _CommandError
from xiaojie.render import (
    division_table,
)


if TYPE_CHECKING:
    import datetime as dt

    from xiaojie.io import ProgressSheet
    from xiaojie.model import Owner, Plan
    from xiaojie.progress import Progress, Record
    from xiaojie.tracking import Snapshot


from xiaojie.cli._levels import _places_arg, _rollup_arg, _rollup_option
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
    placed = argparse.ArgumentParser(add_help=False)
    placed.add_argument(
        "--places-under",
        metavar="PLACE",
        help="one sheet per place under PLACE instead of one per unit "
        "(宁夏回族自治区: the 22 counties), each asked about the plan's own items",
    )
    placed.add_argument(
        "--place-level",
        choices=("prefecture", "county", "township", "village"),
        default="county",
        help="with --places-under: the level of the places (default: county)",
    )
    placed.add_argument(
        "--item",
        dest="items",
        action="append",
        metavar="ID",
        help="with --places-under: ask only about this item (repeatable: spending-progress)",
    )
    sheets = sub.add_parser(
        "sheets",
        parents=[common, dated, placed],
        help="write one progress sheet (XLSX) per unit, or per place",
    )
    sheets.add_argument("--out", metavar="DIR", required=True, help="the folder to write into")
    sheets.add_argument(
        "--until", metavar="DATE", help="ask about items due by this day (default: month end)"
    )
    collect = sub.add_parser(
        "collect",
        parents=[common, dated, placed],
        help="check and merge the returned progress sheets (XLSX/CSV) of a folder",
    )
    collect.add_argument("folder", metavar="DIR", help="the folder of returned sheets")
    collect.add_argument(
        "--until",
        metavar="DATE",
        help="the --until the sheets were written with, if any (only for sheets without a "
        "record of what was sent: written by earlier versions)",
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
    collect.add_argument(
        "--by-place",
        metavar="DIR",
        help="write each place's accepted records as DIR/<code>-<name>.csv (sheets sent to "
        "places, or a cascaded plan's sheets): the files xiaojie rollup reads",
    )
    notice = sub.add_parser(
        "notice",
        parents=[common, dated, placed, _rollup_option()],
        help="write the 通报 (Markdown, HTML, DOCX or XLSX)",
    )
    notice.add_argument(
        "--returned", metavar="DIR", help="a folder of returned sheets to collect first"
    )
    notice.add_argument(
        "--until",
        metavar="DATE",
        help="the --until the sheets were written with, if any (only for sheets without a "
        "record of what was sent: written by earlier versions)",
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
    under = getattr(args, "places_under", None)
    if under is not None:
        return prior, snapshot, _place_sheets(args, plan, snapshot, under, until)
    if getattr(args, "items", None):
        msg = "--item: only with --places-under (a unit is asked about everything it answers for)"
        raise _CommandError(msg)
    place = None
    if plan.lineage is not None and plan.lineage.place:
        place = _places_arg(None, plan, args).get(plan.lineage.place)
    return prior, snapshot, progress_sheets(plan, snapshot, until=until, place=place)


def _place_sheets(
    args: argparse.Namespace,
    plan: Plan,
    snapshot: Snapshot,
    under: str,
    until: dt.date | None,
) -> tuple[ProgressSheet, ...]:
    from xiaojie.io import place_sheets  # noqa: PLC0415

    places = _places_arg(None, plan, args)
    above = places.find(under)
    chosen = [p for p in places.at_level(args.place_level) if above in places.ancestors(p)]
    if not chosen:
        msg = f"--places-under {under}: expected a place with places of level {args.place_level} under it, found none"
        raise _CommandError(msg)
    return place_sheets(plan, snapshot, chosen, until=until, items=args.items)


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
    """Return (prior progress, its status, the collection) of a folder of returned sheets.

    Each returned sheet is judged against the record of what was sent that it carries; the
    sheets rebuilt from ``--progress``/``--until`` say who was sent one, and stand for the
    sheets as sent only for sheets without a record (written by earlier versions).
    """
    from xiaojie.io import collect  # noqa: PLC0415

    prior, snapshot, sheets = _sent_sheets(args, plan)
    collection = collect(plan, Path(folder), sent=sheets, as_of=snapshot.as_of, prior=prior)
    return prior, snapshot, collection


def _same_file(first: str, second: str) -> bool:
    """Return whether two paths name one file (after resolving links and ``..``)."""
    a, b = Path(first), Path(second)
    if a.exists() and b.exists():
        return a.samefile(b)
    return a.resolve() == b.resolve()


def _refuse_overwriting(out: str, **others: str | None) -> None:
    """Refuse an ``--out`` that is one of the files read (``--progress`` …), before any writing."""
    for option, path in others.items():
        if path is not None and _same_file(out, path):
            flag = "--" + option.replace("_", "-")
            msg = (
                f"--out {out}: expected a file other than {flag} {path}, found the same file: "
                f"writing it would overwrite what {flag} holds; choose another --out"
            )
            raise _CommandError(msg)


def _with_prior(prior: Progress | None, records: Progress) -> Progress:
    """Return the progress so far plus the accepted records it does not already hold.

    Collecting the same sheets again (a late unit's sheet arrived) adds nothing twice: an
    occurrence recorded twice would count twice.
    """
    from xiaojie.progress import Measurement, Progress  # noqa: PLC0415

    def same(record: Record) -> tuple[object, ...]:
        value = (record.value, record.benchmark) if isinstance(record, Measurement) else ()
        return (record.kind, record.item, record.on, *value)

    held = {same(r) for r in prior or ()}
    new = [r for r in records if same(r) not in held]
    return (prior or Progress()).add(*new)


def _progress_target(option: str, path: Path) -> None:
    """Refuse a progress file that could not be written (a folder, another suffix), up front."""
    if path.is_dir():
        msg = f"{option} {path}: expected a progress file, found a folder"
        raise _CommandError(msg)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx", ".json"}:
        shown = repr(suffix) if suffix else "no suffix"
        msg = f"{option} {path}: expected a .csv, .xlsx or .json progress file, found {shown}"
        raise _CommandError(msg)


def _accepted_so_far(args: argparse.Namespace) -> str | None:
    """Make an existing ``--accepted`` file the progress so far, or refuse another one.

    ``--accepted`` adds this round's records to the file: without ``--progress`` an existing
    file is read as the progress recorded before (the next month's run of the same command);
    with another ``--progress`` file it would be replaced by that one's records and this
    round's, so it is refused. Returns the line that says the file was read, if it was.
    """
    if args.accepted is None:
        return None
    accepted = Path(args.accepted)
    _progress_target("--accepted", accepted)
    if not accepted.exists():
        return None
    if args.progress is None:
        args.progress = args.accepted
        return f"read --accepted {args.accepted} as the progress recorded before (--progress)"
    if not _same_file(args.progress, args.accepted):
        msg = (
            f"--accepted {args.accepted}: expected a new file or the --progress file "
            f"{args.progress}, found another existing file: it would be replaced by the records "
            "of --progress and of this 调度; give it as --progress, or another --accepted"
        )
        raise _CommandError(msg)
    return None


def _place_files(by_place: list[tuple[Path, Any]]) -> list[tuple[Path, Progress, int]]:
    """Each place's file with its records so far and this round's (and how many are new).

    A place's file from an earlier 调度 keeps what it holds; this round's records are added, and
    one of an item and day the file holds replaces it (see :func:`_newer_wins`).
    """
    from xiaojie.errors import XiaojieError  # noqa: PLC0415
    from xiaojie.progress import read_progress  # noqa: PLC0415

    files: list[tuple[Path, Progress, int]] = []
    for path, records in by_place:
        if path.is_dir():
            msg = f"--by-place: {path} is a folder, where the place's progress file goes"
            raise _CommandError(msg)
        before = None
        if path.exists():
            try:
                before = read_progress(path)
            except XiaojieError as err:
                msg = (
                    f"--by-place: {path} holds no readable progress, so it is left as it is: {err}"
                )
                raise _CommandError(msg) from None
        merged = _newer_wins(before, records)
        held = set(before or ())
        files.append((path, merged, sum(r not in held for r in merged)))
    return files


def _newer_wins(before: Progress | None, records: Progress) -> Progress:
    """Return a place's records so far with this round's; one of this round replaces its day's.

    A record of the same item, kind and day replaces the one the file holds (a corrected sheet
    sent again: 55 where 52 was, for 2025-07-31): two figures of one day would make the file
    one that rollup refuses.
    """
    from xiaojie.progress import Progress  # noqa: PLC0415

    def day(record: Record) -> tuple[object, ...]:
        return (record.kind, record.item, record.on)

    new = {day(r) for r in records}
    kept = [r for r in before or () if day(r) not in new]
    return Progress(kept).add(*records)


def _collection_lines(
    plan: Plan,
    collection: Any,  # noqa: ANN401
    args: argparse.Namespace | None = None,
) -> list[str]:
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
        places = (
            _places_arg(None, plan, args) if any(u.isdigit() for u in collection.missing) else None
        )
        names = "、".join(_sender_name(plan, u, places) for u in collection.missing)
        lines.append(f"  not reported: {names}")
    lines.extend(f"  note: {note}" for note in collection.notes)
    return lines


def _sender_name(plan: Plan, sender: str, places: Any) -> str:  # noqa: ANN401 - Places
    """Return a unit's name, or a place's name for a division code."""
    if sender.isdigit():
        found = places.get(sender)
        return sender if found is None else found.name
    return plan.units.by_id(sender).name


def _cmd_collect(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    """Collect the returned sheets; every check is made before the first file is written."""
    from xiaojie.errors import XiaojieError  # noqa: PLC0415
    from xiaojie.io import write_collection  # noqa: PLC0415
    from xiaojie.io._collect import keep_settled  # noqa: PLC0415
    from xiaojie.progress import write_progress  # noqa: PLC0415

    if args.accepted is not None and args.places_under is not None:
        msg = "--accepted: the places' records are not the plan's own; write them with --by-place"
        raise _CommandError(msg)
    _refuse_overwriting(args.out, progress=args.progress, accepted=args.accepted)
    read_accepted = _accepted_so_far(args)
    folder = Path(args.by_place) if args.by_place is not None else None
    if folder is not None and folder.exists() and not folder.is_dir():
        msg = f"--by-place {args.by_place}: expected a folder, found a file"
        raise _CommandError(msg)
    prior, _, collection = _collected(args, plan, args.folder)
    kept = 0
    if Path(args.out).exists():
        collection, kept = keep_settled(collection, args.out, prior=prior, plan=plan)
    by_place: list[tuple[Path, Any]] = []
    if folder is not None:
        places = _places_arg(None, plan, args)
        named: list[tuple[str, Any]] = []
        for code, records in collection.by_place().items():
            try:
                place = places.find(code)
            except XiaojieError as err:
                msg = f"--by-place: 区划代码 {code!r} of the returned sheets: {err}"
                raise _CommandError(msg) from None
            named.append((place_file(place.code, place.name), records))
        names = distinct_file_names(name for name, _ in named)
        by_place = [
            (folder / name, records) for name, (_, records) in zip(names, named, strict=True)
        ]
    place_files = _place_files(by_place)
    merged = None
    if args.accepted is not None:
        merged = _with_prior(prior, collection.progress)
        problems = merged.problems(plan)
        if problems:
            msg = "\n".join(
                [f"--accepted {args.accepted}: the records would not fit the plan:", *problems]
            )
            raise _CommandError(msg)
    lines = _collection_lines(plan, collection, args)
    if read_accepted is not None:
        lines.insert(0, read_accepted)
    if kept:
        lines.append(f"  kept {kept} verdict(s) settled in {args.out}")
    lines.append(f"wrote {write_collection(collection, args.out)}")
    if merged is not None:
        lines.append(f"wrote {write_progress(merged, args.accepted)}")
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        for path, records, added in place_files:
            existed = path.exists()
            written = write_progress(records, path)
            lines.append(f"wrote {written} ({added} new)" if existed else f"wrote {written}")
    screen.text("\n".join(lines))


def _cmd_notice(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.render import notice, to_docx, to_html, to_markdown, to_xlsx  # noqa: PLC0415
    from xiaojie.tracking import status  # noqa: PLC0415

    suffix = Path(args.out).suffix.lower()
    if suffix not in NOTICE_SUFFIXES:
        msg = f"--out {args.out}: expected one of {', '.join(NOTICE_SUFFIXES)}, found {suffix!r}"
        raise _CommandError(msg)
    _refuse_overwriting(args.out, progress=args.progress, collected=args.collected)
    collection = None
    lines: list[str] = []
    if args.returned is not None and args.collected is not None:
        msg = "--returned and --collected: give one of them"
        raise _CommandError(msg)
    by_place = args.places_under is not None
    if by_place and (args.rollup or (args.returned is None and args.collected is None)):
        msg = "--places-under: give it with --returned or --collected (and without --rollup)"
        raise _CommandError(msg)
    if args.returned is not None:
        prior, snapshot, collection = _collected(args, plan, args.returned)
    elif args.collected is not None:
        from xiaojie.io import read_collection  # noqa: PLC0415

        prior, snapshot, sheets = _sent_sheets(args, plan)
        collection = read_collection(
            args.collected, as_of=snapshot.as_of, sent=[s.unit.id for s in sheets], plan=plan
        )
    else:
        prior = _progress(args.progress, plan)
        snapshot = status(plan, prior, as_of=_as_of(args.as_of))
    progress = prior
    result = _rollup_arg(args, plan, snapshot.as_of)
    if collection is not None:
        lines.extend(_collection_lines(plan, collection, args))
        if by_place:
            from xiaojie.rollup import rollup  # noqa: PLC0415

            result = rollup(
                plan,
                collection.by_place(),
                as_of=snapshot.as_of,
                places=_places_arg(None, plan, args),
                expect=collection.sent,
            )
        else:
            progress = _with_prior(prior, collection.progress)
            snapshot = status(plan, progress, as_of=snapshot.as_of)
    document = notice(
        plan,
        snapshot,
        progress=progress,
        collection=collection,
        lang=args.lang,
        rollup=result,
    )
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


DIVISION_FILE = "任务分工表.docx"
"""The file ``xiaojie word`` writes the 任务分工表 to; each unit's 任务清单 is named by
:func:`unit_list_file`."""


def unit_list_file(owner: Owner) -> str:
    """Return the file name of a unit's 任务清单: ``任务清单-<name>.docx``, made safe.

    The name passes :func:`xiaojie._files.safe_file_name`: personal data masked as in the
    document, characters a file name cannot hold replaced, cut to 200 bytes, the unit's id
    appended when the name had to be changed.

    Examples
    --------
    >>> from xiaojie.model import ResponsibleUnit, UnitKind
    >>> unit_list_file(ResponsibleUnit(id="finance", name="自治区财政厅", kind=UnitKind.OTHER))
    '任务清单-自治区财政厅.docx'
    >>> unit_list_file(ResponsibleUnit(id="d-1", name="县人社局/县就业服务中心", kind=UnitKind.OTHER))
    '任务清单-县人社局_县就业服务中心-d-1.docx'
    """
    return safe_file_name(owner.name, mask=scrub, prefix="任务清单-", suffix=".docx", key=owner.id)


def place_file(code: str, name: str) -> str:
    """Return the file name ``collect --by-place`` writes a place's records to: ``<code>-<name>.csv``.

    The name passes :func:`xiaojie._files.safe_file_name` as a unit's 任务清单 does: personal
    data masked, characters a file name cannot hold replaced (a name never holds a folder),
    a name Windows keeps for a device prefixed, cut to 200 bytes, the code appended when the
    name had to be changed. The code stays first, so that ``xiaojie rollup`` finds the place.

    Examples
    --------
    >>> place_file("640324", "同心县")
    '640324-同心县.csv'
    >>> place_file("640324", "../同心县")
    '640324-.._同心县-640324.csv'
    """
    return safe_file_name(name, mask=scrub, prefix=f"{code}-", suffix=".csv", key=code)


def _cmd_word(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    """Write the 任务分工表 and each unit's 任务清单 into ``--out``, one file each.

    Every file name is made before the first file is written: two units whose names clean
    to one file name get distinct names (:func:`xiaojie._files.distinct_file_names`).
    """
    from xiaojie.render import to_docx, unit_sheets  # noqa: PLC0415

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        msg = f"--out {args.out}: expected a folder, found a file"
        raise _CommandError(msg)
    sheets = [
        (plan.units.by_id(sheet.slug.removeprefix("unit-")), sheet)
        for sheet in unit_sheets(plan, lang=args.lang)
    ]
    names = distinct_file_names([DIVISION_FILE, *(unit_list_file(o) for o, _ in sheets)])
    written = [
        atomic_write(out / names[0], to_docx(division_table(plan, lang=args.lang), landscape=True))
    ]
    for (owner, sheet), name in zip(sheets, names[1:], strict=True):
        data = to_docx(sheet, landscape=True, running_header=owner.name)
        written.append(atomic_write(out / name, data))
    screen.text(f"wrote {len(written)} files to {out}")
