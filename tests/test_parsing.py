"""Parsing the bundled plan's text reproduces the curated plan, item by item.

How the comparison works
------------------------
The curated file ``xiaojie/data/ningxia-2025.toml`` holds two kinds of facts:

* facts of the text — campaigns, tasks and their units, dates, owners, cadences, targets with
  their values, comparators, units and due dates, limits — which the parser must derive;
* editorial choices — item ids (``self-check-acceptance``), a few shortened titles, two
  indicator names the sentences do not state, the task four 主要目标 indicators belong to, and
  the order of three milestones — which no parser can guess.

The editorial choices live in the overlay ``xiaojie/parsing/overlays/ningxia-2025.toml``, keyed
by passages of their source sentences. Two comparisons follow:

1. with the overlay (the default), the parsed plan equals the curated one — ``==`` on the
   frozen model objects — and every field compares equal item by item;
2. without the overlay, items are matched by kind, dates, owners and source sentence, and every
   semantic field is compared; ids, and the titles, names, task links and precedences that the
   overlay sets, are left out — exactly those, nothing else.

Source texts (``text`` fields, excluded from ``==`` by the model) are compared by containment:
the parser quotes the clause an item comes from, while the curated file sometimes quotes one
clause more or less; one must contain the other.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import xiaojie as xj
from xiaojie.dates import Period
from xiaojie.io import bundled_source_text, load_plan, plan_to_mapping
from xiaojie.model import UnitRegistry
from xiaojie.parsing import (
    NoteKind,
    Overlay,
    ParseResult,
    PlanParseError,
    load_overlay,
    parse_plan,
)


if TYPE_CHECKING:
    from pathlib import Path


SOURCE = "ningxia-2025-action-plan.txt"
TEXT = bundled_source_text()
CURATED = load_plan()
OVERLAY = load_overlay("ningxia-2025")
KINDS = ("phase", "milestone", "obligation", "indicator", "limit")


def _parse(**kwargs: Any) -> ParseResult:
    return parse_plan(TEXT, source=SOURCE, **kwargs)


def _overlap(a: str, b: str) -> bool:
    return a in b or b in a


def _period(p: Period | None) -> tuple[dt.date | None, dt.date | None] | None:
    return None if p is None else (p.start, p.end)


def _editorial() -> dict[tuple[str, str], set[str]]:
    """(kind, curated id) → the fields the overlay sets for that item."""
    fields: dict[tuple[str, str], set[str]] = {}
    for entry in OVERLAY.entries:
        item_id = entry.get("id")
        keys = {k for k, _ in entry.values}
        fields[(entry.kind, item_id)] = {"title" if k == "name" else k for k in keys}
    return fields


def _items(plan: xj.Plan, kind: str) -> tuple[Any, ...]:
    return {
        "phase": plan.phases,
        "milestone": plan.milestones,
        "obligation": plan.obligations,
        "indicator": plan.indicators,
        "limit": plan.limits,
    }[kind]


def _title(item: Any) -> str:
    return item.name if hasattr(item, "name") and not hasattr(item, "title") else item.title


def _owners(item: Any) -> tuple[str, ...]:
    return tuple(o.id for o in getattr(item, "owners", ()))


def _semantic(kind: str, item: Any, phase_numbers: dict[str, int]) -> dict[str, Any]:
    """Every field of an item except id, title/name, source text and precedence."""
    if kind == "phase":
        return {"number": item.number, "name": item.name, "when": _period(item.when)}
    if kind == "milestone":
        return {
            "when": _period(item.when),
            "owners": _owners(item),
            "task": item.task,
            "phase": phase_numbers.get(item.phase) if item.phase else None,
        }
    if kind == "obligation":
        c = item.cadence
        return {
            "cadence": (c.frequency, c.min_count, c.max_count, c.due_day, c.text),
            "owners": _owners(item),
            "task": item.task,
            "active": _period(item.active),
            "tracking": item.tracking,
        }
    if kind == "indicator":
        return {
            "targets": [
                (
                    t.value,
                    t.comparator,
                    t.unit,
                    _period(t.due),
                    t.soft,
                    t.approximate,
                    t.benchmark,
                )
                for t in item.targets
            ],
            "owners": _owners(item),
            "task": item.task,
            "check": item.check,
            "exclusions": item.exclusions,
            "section": item.section,
        }
    span = item.span
    return {"span": (span.amount, span.unit, span.comparator, span.text), "task": item.task}


def _key(kind: str, item: Any, phase_numbers: dict[str, int]) -> tuple[Any, ...]:
    """What identifies an item without its id: its dates, owners and place."""
    fields = _semantic(kind, item, phase_numbers)
    if kind == "indicator":
        return (tuple(t[3] for t in fields["targets"]), fields["section"])
    if kind == "obligation":
        return (fields["cadence"][:3], fields["owners"])
    if kind == "limit":
        return (fields["span"][:3],)
    if kind == "milestone":
        return (fields["when"], fields["owners"], fields["phase"])
    return (fields["number"],)


def plan_differences(parsed: xj.Plan, curated: xj.Plan, *, overlay: bool) -> list[str]:
    """Return every difference between two plans, one readable line each (empty if none).

    With ``overlay`` false, items are matched without ids and the fields the overlay sets are
    not compared.
    """
    problems: list[str] = []
    editorial = {} if overlay else _editorial()

    head = ("title", "publisher", "index_number", "document_number", "published")
    head += ("reference_date", "source")
    if overlay:
        head += ("id", "issuer")
    problems.extend(
        f"plan.{field}: parsed {getattr(parsed, field)!r} ≠ curated {getattr(curated, field)!r}"
        for field in head
        if getattr(parsed, field) != getattr(curated, field)
    )

    a, b = plan_to_mapping(parsed), plan_to_mapping(curated)
    problems.extend(
        f"{section}: parsed {a[section]!r}\n    ≠ curated {b[section]!r}"
        for section in ("units", "groups", "campaigns")
        if a[section] != b[section]
    )
    if len(parsed.tasks) != len(curated.tasks):
        problems.append(f"tasks: parsed {len(parsed.tasks)} ≠ curated {len(curated.tasks)}")
    for mine, theirs in zip(parsed.tasks, curated.tasks, strict=False):
        problems.extend(
            f"task {theirs.number}.{field}: parsed {getattr(mine, field)!r} "
            f"≠ curated {getattr(theirs, field)!r}"
            for field in ("number", "title", "text", "campaign", "units_text")
            if getattr(mine, field) != getattr(theirs, field)
        )
        roles = [(r.owner.id, r.role) for r in mine.responsibilities]
        if roles != [(r.owner.id, r.role) for r in theirs.responsibilities]:
            problems.append(f"task {theirs.number}.units: parsed {roles!r}")

    numbers_a = {p.id: p.number for p in parsed.phases}
    numbers_b = {p.id: p.number for p in curated.phases}
    id_map: dict[str, str] = {}
    for kind in KINDS:
        mine_all = list(_items(parsed, kind))
        theirs_all = list(_items(curated, kind))
        if len(mine_all) != len(theirs_all):
            problems.append(f"{kind}s: parsed {len(mine_all)} ≠ curated {len(theirs_all)}")
        unmatched = list(range(len(mine_all)))
        for position, theirs in enumerate(theirs_all):
            label = f"{kind} {theirs.id!r}"
            fixed = editorial.get((kind, theirs.id), {"id"} if not overlay else set())
            text = getattr(theirs, "text", "")
            candidates = [
                i
                for i in unmatched
                if _key(kind, mine_all[i], numbers_a) == _key(kind, theirs, numbers_b)
                and _overlap(getattr(mine_all[i], "text", ""), text)
                and ("title" in fixed or _title(mine_all[i]) == _title(theirs))
            ]
            if not candidates:
                problems.append(f"{label}: no parsed {kind} matches (text {text!r})")
                continue
            index = candidates[0]
            unmatched.remove(index)
            mine = mine_all[index]
            id_map[mine.id] = theirs.id
            if index != position:
                problems.append(f"{label}: parsed at position {index}, curated at {position}")
            mine_fields = _semantic(kind, mine, numbers_a)
            theirs_fields = _semantic(kind, theirs, numbers_b)
            problems.extend(
                f"{label}.{field}: parsed {mine_fields[field]!r} ≠ curated {value!r}"
                for field, value in theirs_fields.items()
                if field not in fixed and mine_fields[field] != value
            )
            if "id" not in fixed and mine.id != theirs.id:
                problems.append(f"{label}.id: parsed {mine.id!r}")
            if "title" not in fixed and _title(mine) != _title(theirs):
                problems.append(
                    f"{label}.title: parsed {_title(mine)!r} ≠ curated {_title(theirs)!r}"
                )
            if kind == "indicator":
                problems.extend(
                    f"{label}.targets.text: {a.text!r} vs {b.text!r}"
                    for a, b in zip(mine.targets, theirs.targets, strict=False)
                    if not _overlap(a.text, b.text)
                )
            if kind == "milestone" and "after" not in fixed:
                after = tuple(id_map.get(x, x) for x in mine.after)
                if after != theirs.after:
                    problems.append(f"{label}.after: parsed {after!r} ≠ curated {theirs.after!r}")
        problems.extend(
            f"{kind} {mine_all[i].id!r}: parsed but not in the curated plan" for i in unmatched
        )
    return problems


class TestSeedWithOverlay:
    def test_parsed_plan_equals_curated_plan(self):
        """The seed text parses to a plan equal (==) to the bundled curated plan."""
        plan, _ = _parse()

        assert CURATED == plan

    def test_every_field_item_by_item(self):
        """Item by item, every field including ids, titles and precedence is the curated one."""
        plan, _ = _parse()

        assert [] == plan_differences(plan, CURATED, overlay=True)

    def test_overlay_applies_by_itself(self):
        """The bundled overlay is chosen from the header's 索引号 without being named."""
        auto, _ = _parse()
        named, _ = _parse(overlay="ningxia-2025")
        explicit, _ = _parse(overlay=OVERLAY)

        assert auto == named == explicit

    def test_parsing_the_bundled_file_path(self):
        """Parsing the bundled text file by path gives the curated plan, source name included."""
        resource = resources.files("xiaojie.data").joinpath(SOURCE)
        with resources.as_file(resource) as path:
            plan, report = parse_plan(path)

        assert CURATED == plan
        assert SOURCE == report.source

    def test_every_overlay_entry_is_used(self):
        """No overlay entry is left unmatched (a stale entry would be reported)."""
        _, report = _parse()

        assert () == report.of_kind(NoteKind.OVERLAY)


class TestSeedWithoutOverlay:
    def test_semantic_fields_match(self):
        """Without the overlay every semantic field matches; only the overlay's fields may differ."""
        plan, _ = _parse(overlay=None)

        assert [] == plan_differences(plan, CURATED, overlay=False)

    def test_counts(self):
        """Eight campaigns, 25 tasks, 3 phases, 16 milestones, 7 obligations, 22 indicators, 3 limits."""
        plan, _ = _parse(overlay=None)

        counts = [len(plan.campaigns), len(plan.tasks), len(plan.phases), len(plan.milestones)]
        counts += [len(plan.obligations), len(plan.indicators), len(plan.limits)]
        assert [8, 25, 3, 16, 7, 22, 3] == counts

    def test_derived_ids_are_clause_ids(self):
        """Derived ids name the clause an item comes from (2.6.18 is task 18 of (六) of 二)."""
        plan, report = _parse(overlay=None)

        assert ["milestone-2.6.18-1", "milestone-2.6.18-2"] == [
            m.id for m in plan.milestones if m.task == 18
        ]
        assert "phase-2" == plan.phases[1].id
        assert report.where("milestone-2.6.18-1") == xj.parsing.Location(32, 120, "2.6.18")

    def test_plan_id_from_file_name(self):
        """Without an overlay the plan's id comes from the file name."""
        plan, _ = _parse(overlay=None)

        assert "ningxia-2025-action-plan" == plan.id
        assert "" == plan.issuer

    def test_differences_are_readable(self):
        """A difference is reported as one line naming the item, field and both values."""
        plan, _ = _parse(overlay=None)

        changed = attrs.evolve(plan, milestones=plan.milestones[1:])
        problems = plan_differences(changed, CURATED, overlay=False)

        assert any("'mobilisation-meetings': no parsed milestone matches" in p for p in problems)


class TestSeedDetails:
    def test_staged_targets_keep_their_own_wording(self):
        """7月底和10月底前 … 分别达到60%、85% gives two targets, each with its own due phrase."""
        plan, _ = _parse()
        spending = plan.item("spending-progress")

        assert [(60, "7月底"), (85, "10月底前")] == [
            (t.value, t.due.text) for t in spending.targets
        ]

    def test_reporting_verb_makes_a_deadline(self):
        """9月底向党中央…报送 is due on 30 September with no start (a deadline)."""
        plan, _ = _parse()

        assert Period(None, dt.date(2025, 9, 30)) == plan.item("rectification-summary-report").when

    def test_main_goal_restated_in_a_task_is_folded(self):
        """Task 8 restates the 主要目标 insurance target: one indicator, linked to task 8."""
        plan, report = _parse(overlay=None)
        names = [i.name for i in plan.indicators]

        assert 8 == next(i.task for i in plan.indicators if i.name == "脱贫人口基本医疗保险参保率")
        assert not any("农村低收入人口基本医疗保险参保率" in n for n in names)
        assert 1 == len(report.of_kind(NoteKind.FOLDED))

    def test_report_lists_unattached_sentences_with_lines(self):
        """Dates and numbers nothing took are reported with their lines (2021年以来, 12个 …)."""
        _, report = _parse()
        found = {(n.kind, n.phrase, n.line) for n in report.unattached}

        assert (NoteKind.UNATTACHED_DATE, "2021年以来", 11) in found
        assert (NoteKind.UNATTACHED_NUMBER, "12个", 31) in found
        assert (NoteKind.UNATTACHED_NUMBER, "9个", 48) in found
        assert (NoteKind.UNATTACHED_UNIT, "自治区党委农办", 44) in found

    def test_undated_phase_sentence_without_deliverable_is_noted(self):
        """全面启动八项攻坚行动… has no date and no deliverable: noted, not a milestone."""
        plan, report = _parse()
        notes = report.of_kind(NoteKind.UNDATED_IN_PHASE)

        assert [44] == [n.line for n in notes]
        assert not any("全面启动" in m.text for m in plan.milestones)

    def test_residue_lines_are_ignored_and_reported(self):
        """附件下载 and 扫一扫 at the end are listed as ignored web-page residue."""
        _, report = _parse()

        assert [51, 52] == [n.line for n in report.of_kind(NoteKind.IGNORED_LINE)]

    def test_no_new_units_with_the_bundled_registry(self):
        """Every unit of the seed is known to the bundled registry."""
        _, report = _parse()

        assert () == report.new_units

    def test_headings_have_clause_ids(self):
        """The report lists headings with clause ids: task 4 is 2.2.4."""
        _, report = _parse()
        ids = {h.clause: h.text for h in report.headings}

        assert "4.精准开展监测帮扶" == ids["2.2.4"]
        assert "(二)集中攻坚(6月中旬—9月底)" == ids["3.2"]

    def test_empty_registry_creates_every_unit(self):
        """With an empty registry every owner is a new unit with a derived kind, none is dropped."""
        plan, report = _parse(registry=UnitRegistry(()), overlay=None)
        bank = plan.units.resolve("人民银行宁夏区分行")
        task_19 = [u.name for u in plan.task(19).units]

        assert 25 == len(plan.tasks)
        assert xj.UnitKind.FINANCIAL_INSTITUTION == bank.kind
        assert "自治区党委统战部" in task_19
        assert len(report.new_units) == len(plan.units)

    def test_parse_is_deterministic(self):
        """Parsing twice gives equal plans and equal reports."""
        assert _parse() == _parse()


class TestReferenceDate:
    def test_from_the_header(self):
        """The reference date is the header's 发文时间."""
        assert dt.date(2025, 6, 18) == _parse().report.reference

    def test_given_reference_wins(self):
        """An explicit reference date gives phrases without a year that date's year."""
        plan, _ = _parse(reference=dt.date(2026, 1, 5), overlay=None)

        assert dt.date(2026, 9, 10) == plan.milestones[7].due
        assert dt.date(2025, 6, 18) == plan.published

    @pytest.mark.parametrize(
        "header",
        [
            "发布日期: 2025年01月06日\n发文日期: 2024年12月28日",
            "发文日期: 2024年12月28日\n发布日期: 2025年01月06日",
            "|发布日期|2025年01月06日|成文日期|2024年12月28日|",
            "发布日期:2025年01月06日 印发日期:2024年12月28日",
        ],
    )
    def test_the_date_of_issue_wins_over_the_date_of_publication(self, header):
        """发文日期 (成文日期, 印发日期) is the reference whichever header line comes first.

        A page published in January lists 发布日期 first; taking it would move every 12月底前
        of a plan issued in late December a year on.
        """
        text = (
            f"某县方案\n{header}\n一、重点任务\n1.开展排查。12月底前完成排查。(责任单位:县民政局)\n"
        )

        plan, report = parse_plan(text)

        assert dt.date(2024, 12, 28) == report.reference
        assert [dt.date(2024, 12, 31)] == [m.due for m in plan.milestones]

    def test_a_milestone_before_the_reference_date_is_noted(self):
        """1月底前 in a plan issued in November is that year's January, and the report says so."""
        text = (
            "某县方案\n发布时间:2024年11月20日\n一、重点任务\n"
            "1.排查。12月中旬前完成排查,1月底前完成整改,次年3月底前全面验收。(责任单位:县水利局)\n"
        )

        plan, report = parse_plan(text)

        assert [dt.date(2024, 12, 20), dt.date(2024, 1, 31), dt.date(2025, 3, 31)] == [
            m.due for m in plan.milestones
        ]
        [note] = report.of_kind(NoteKind.BEFORE_REFERENCE)
        assert (4, 17) == (note.line, note.column)
        assert "完成整改" in note.message
        assert "due 2024-01-31, before the reference date 2024-11-20" in note.message
        assert "warning" == note.kind.severity

    @pytest.mark.parametrize(
        "phrase", ["至2024年4月30日", "2024-04-30前", "今年4月底前", "二〇二四年4月底前"]
    )
    def test_a_milestone_dated_with_its_year_before_the_reference_is_not_noted(self, phrase):
        """A phrase naming its year means a date before the plan: nothing to note."""
        text = f"某县方案\n发布时间:2024年11月20日\n一、重点任务\n1.排查。{phrase}完成排查。(责任单位:县水利局)\n"

        plan, report = parse_plan(text)

        assert [dt.date(2024, 4, 30)] == [m.due for m in plan.milestones]
        assert () == tuple(report.of_kind(NoteKind.BEFORE_REFERENCE))

    def test_a_date_of_publication_alone_is_the_reference(self):
        text = "某县方案\n发布日期: 2025年01月06日\n一、重点任务\n1.排查。12月底前完成。(责任单位:县民政局)\n"

        assert dt.date(2025, 1, 6) == parse_plan(text)[1].reference

    def test_from_a_dated_line(self):
        """Without a header date, a line holding only a date is the reference."""
        text = "某镇方案\n一、任务\n(一)行动\n1.完成。6月底前完成。(责任单位:自治区民政厅)\n2024年3月5日\n"

        plan, _ = parse_plan(text)

        assert dt.date(2024, 3, 5) == plan.reference_date
        assert dt.date(2024, 6, 30) == plan.milestones[0].due

    def test_missing_reference_is_a_clear_error(self):
        """No header date, no dated line, no reference=: an error that says how to fix it."""
        with pytest.raises(
            PlanParseError, match=r"^<text>:1:1: no reference date.*reference="
        ) as info:
            parse_plan("一、任务\n(一)行动\n1.完成。(责任单位:自治区民政厅)")

        assert (1, 1) == (info.value.line, info.value.column)
        assert isinstance(info.value, xj.XiaojieError)

    def test_datetime_is_refused(self):
        """A datetime is not a date: refused rather than silently truncated."""
        with pytest.raises(PlanParseError, match=r"expected a datetime\.date, found datetime"):
            parse_plan(TEXT, reference=dt.datetime(2025, 6, 18, 9, 0))


class TestInputs:
    def test_path_and_str_path(self, tmp_path: Path):
        """A PathLike and a one-line str naming a file are both read as files."""
        file = tmp_path / "plan.txt"
        file.write_text(TEXT, encoding="utf-8")

        assert parse_plan(file).plan == parse_plan(str(file)).plan

    def test_gb18030_file(self, tmp_path: Path):
        """A GB18030-encoded file (common on government sites) is read."""
        file = tmp_path / "gbk.txt"
        file.write_bytes(TEXT.encode("gb18030"))

        assert 25 == len(parse_plan(file).plan.tasks)

    def test_undecodable_file_names_line_and_column(self, tmp_path: Path):
        """Bytes that are neither UTF-8 nor GB18030 raise an error with the line and column."""
        file = tmp_path / "bad.txt"
        file.write_bytes("一、任务\n1.甲乙".encode() + b"\xff\xff\xff")

        with pytest.raises(PlanParseError, match=r"bad.txt:2:5: expected UTF-8 or GB18030") as info:
            parse_plan(file)

        assert (2, 5) == (info.value.line, info.value.column)

    def test_missing_file(self, tmp_path: Path):
        """A path that cannot be read is an error naming it."""
        with pytest.raises(PlanParseError, match="expected a readable plan text file"):
            parse_plan(tmp_path / "none.txt")

    def test_not_text(self):
        """Something that is neither text nor a path is refused."""
        with pytest.raises(PlanParseError, match="expected plan text"):
            parse_plan(b"bytes")  # type: ignore[arg-type]

    def test_bad_plan_id(self):
        """A plan id that is not a valid id is refused before anything is built."""
        with pytest.raises(PlanParseError, match="plan_id: expected lower-case"):
            _parse(plan_id="Ningxia 2025")

    def test_explicit_plan_id(self):
        """An explicit plan id wins over the overlay's."""
        assert "mine" == _parse(plan_id="mine").plan.id

    def test_saved_plan_loads_back(self, tmp_path: Path):
        """A parsed plan written with save_plan loads back equal."""
        plan, _ = _parse(overlay=None)
        written = xj.save_plan(plan, tmp_path / "plan.toml")

        assert plan == xj.load_plan(written)


class TestOverlay:
    def test_unmatched_entry_is_reported(self, tmp_path: Path):
        """An overlay entry that matches nothing is a warning in the report, not an error."""
        file = tmp_path / "overlay.toml"
        file.write_text('[[milestone]]\nsource = "没有这句话"\nid = "x"\n', encoding="utf-8")

        _, report = _parse(overlay=file)

        assert ["没有这句话"] == [n.phrase for n in report.of_kind(NoteKind.OVERLAY)]

    def test_invalid_overlay(self, tmp_path: Path):
        """An overlay with an unknown field is refused with the field named."""
        file = tmp_path / "overlay.toml"
        file.write_text('[[milestone]]\nsource = "x"\nwhen = "7月"\n', encoding="utf-8")

        with pytest.raises(
            PlanParseError,
            match=r"milestone\[0\]: unknown key 'when'; expected one of after, id, match_name",
        ):
            load_overlay(file)

    def test_invalid_toml(self, tmp_path: Path):
        """A file that is not TOML is refused."""
        file = tmp_path / "overlay.toml"
        file.write_text("[[milestone", encoding="utf-8")

        with pytest.raises(PlanParseError, match="invalid TOML"):
            load_overlay(file)

    def test_overlay_does_not_apply_elsewhere(self):
        """The bundled overlay matches its own document only."""
        assert isinstance(OVERLAY, Overlay)
        assert not OVERLAY.applies_to(index_number="640000001/2025-00012", title="其他方案")

    def test_duplicate_ids_from_an_overlay_are_made_unique(self, tmp_path: Path):
        """Two items given one id keep distinct ids; the clash is reported."""
        file = tmp_path / "overlay.toml"
        body = "".join(
            f'[[milestone]]\nsource = "{s}"\nid = "same"\n' for s in ("7月中旬召开", "8月中旬,委托")
        )
        file.write_text(body, encoding="utf-8")

        plan, report = _parse(overlay=file)
        ids = [m.id for m in plan.milestones]

        assert "same" in ids
        assert "same-2" in ids
        assert any("used twice" in n.message for n in report.of_kind(NoteKind.OVERLAY))
