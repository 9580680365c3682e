"""Commands for plans across levels: cascade, compare, rollup, diff."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xiaojie.errors import CommandError as _CommandError
from xiaojie.io import load_plan
from xiaojie.render import (
    site_files,
    write_site,
)


if TYPE_CHECKING:
    import datetime as dt

    from xiaojie.model import Plan


from xiaojie.cli._shared import (
    _as_of,
    _lead_days,
    _Screen,
    _write_file,
)


def _refuse_writing_over(output: str, option: str, **inputs: str | None) -> None:
    """Refuse an output that is one of the files read, before anything is written.

    Writing a cascade over its own parent plan, or the changes over one of the two versions,
    would lose the file read with no copy left.
    """
    target = Path(output)
    for name, given in inputs.items():
        if given is None:
            continue
        source = Path(given)
        same = (
            target.samefile(source)
            if target.exists() and source.exists()
            else target.resolve() == source.resolve()
        )
        if same:
            msg = (
                f"{option} {output}: expected a file other than {name} {given}, found the same "
                f"file: writing it would overwrite the plan read from it; choose another {option}"
            )
            raise _CommandError(msg)


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
        type=_lead_days,
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


def _rollup_option() -> argparse.ArgumentParser:
    """Return the ``--rollup FILE…`` option of status, docs and notice: progress by place."""
    option = argparse.ArgumentParser(add_help=False)
    option.add_argument(
        "--rollup",
        metavar="FILE",
        nargs="+",
        help="progress files by place (640324.csv …, or one CSV with a 地区 column): "
        "add progress by place, the lagging places named",
    )
    option.add_argument(
        "--rollup-expect",
        metavar="PLACE",
        action="append",
        help="with --rollup: every county under PLACE should report (repeatable)",
    )
    return option


def _read_rollup(
    plan: Plan,
    files: list[str],
    *,
    as_of: dt.date,
    places_file: str | None = None,
    expect: list[str] | None = None,
    expect_level: str = "county",
    due_soon_days: int = 7,
    args: argparse.Namespace | None = None,
) -> Any:  # noqa: ANN401 - a RollUp
    """Read progress files by place and roll them up as of ``as_of``."""
    from xiaojie.rollup import (  # noqa: PLC0415 - loaded only when asked
        read_place_progress,
        read_progress_by_place,
        rollup,
    )

    places = _places_arg(places_file, plan, args)
    if len(files) == 1 and _has_place_column(files[0]):
        reports = read_progress_by_place(files[0], plan=plan, places=places)
    else:
        reports = read_place_progress(files, plan=plan, places=places)
    expected = []
    for above in expect or ():
        under = places.find(above)
        found = [p for p in places.at_level(expect_level) if under in places.ancestors(p)]
        if not found:
            msg = (
                f"--expect {above}: expected a place with places of level {expect_level} under "
                f"it, found none under {under.name} ({under.level.label}); give a place above "
                "that level or another --expect-level"
            )
            raise _CommandError(msg)
        expected.extend(found)
    return rollup(
        plan,
        reports,
        as_of=as_of,
        places=places,
        expect=expected,
        due_soon_days=due_soon_days,
    )


def _rollup_arg(args: argparse.Namespace, plan: Plan, as_of: dt.date) -> Any:  # noqa: ANN401
    """Return the roll-up asked for with ``--rollup``, or ``None``."""
    if not getattr(args, "rollup", None):
        return None
    return _read_rollup(
        plan,
        args.rollup,
        as_of=as_of,
        expect=args.rollup_expect,
        due_soon_days=getattr(args, "due_soon_days", 7),
        args=args,
    )


def rollup_json(result: Any, indicators: list[str]) -> dict[str, Any]:  # noqa: ANN401 - a RollUp
    """Return a roll-up's rankings, lagging and silent places on ``indicators`` as data."""
    return {
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
            for i in indicators
        },
    }


def _cmd_rollup(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.render import rollup_report  # noqa: PLC0415 - loaded only when asked

    result = _read_rollup(
        plan,
        args.files,
        as_of=_as_of(args.as_of),
        places_file=args.places,
        expect=args.expect,
        expect_level=args.expect_level,
        args=args,
    )
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
        screen.data(rollup_json(result, chosen))
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

    if args.output != "-":
        _refuse_writing_over(args.output, "--output", OLD=args.old, NEW=args.new)
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
    """Whether ``path`` is one CSV of many places: its header (first non-blank row) has 地区."""
    from xiaojie.rollup import _has_place_column as has  # noqa: PLC0415 - loaded only when asked

    return has(path)


def _places_arg(
    path: str | None, plan: Plan | None = None, args: argparse.Namespace | None = None
) -> Any:  # noqa: ANN401 - a Places
    """Return the places a command works with: ``--places`` added to the plan's province.

    The province is ``--region`` when given, else the one the plan's place (a local plan's
    lineage) or its issuer or title names (甘肃省人民政府办公厅 …), else Ningxia's bundled
    places. Ningxia is always its bundled file.
    """
    from xiaojie.places import load_places, national_places  # noqa: PLC0415

    region = getattr(args, "region", None)
    if region is not None:
        chosen = national_places(region)  # 全国: the whole country's, where 朝阳区 is ambiguous
        provinces = chosen.at_level("province")
        whole = len(provinces) > 1
        code = None if whole else provinces[0].code
    else:
        code, whole = _province_of(plan), False
    if whole:
        base = chosen
    elif code is None or code.startswith("64"):
        base = load_places()
    else:
        base = national_places(code)
    return base if path is None else load_places(path, base=base)


def _province_of(plan: Plan | None) -> str | None:
    """Return the code of the province a plan belongs to, when it says, else ``None``."""
    from xiaojie.places import plan_province  # noqa: PLC0415

    found = None if plan is None else plan_province(plan)
    return None if found is None else found.code


def _cmd_cascade(args: argparse.Namespace, plan: Plan, screen: _Screen) -> None:
    from xiaojie.cascade import LeadTime, cascade  # noqa: PLC0415 - loaded only when asked
    from xiaojie.io import save_plan  # noqa: PLC0415
    from xiaojie.places import load_counterparts  # noqa: PLC0415

    _refuse_writing_over(args.output, "--output", **{"--plan": getattr(args, "plan", None)})
    lead = None
    if args.lead_days is not None:
        lead = LeadTime(args.lead_days, working=not args.calendar_days)
    result = cascade(
        plan,
        to=args.to,
        counterparts=load_counterparts(args.counterparts),
        places=_places_arg(args.places, plan, args),
        lead_time=lead,
    )
    written = save_plan(result.plan, args.output)
    screen.text(f"wrote {written}\n{result.report()}")
