"""Checking a local plan against its parent: alignment by lineage, by id and by text."""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import plans
from xiaojie.cascade import LeadTime, cascade
from xiaojie.cli import main
from xiaojie.compare import FindingKind, compare, compare_text
from xiaojie.dates import Period
from xiaojie.errors import PlaceError
from xiaojie.io import bundled_source_text
from xiaojie.model import Lineage


PARENT = xj.load_plan()
TONGXIN = cascade(PARENT, to="同心县").plan


def _edited(local):
    """The county plan with task 1 dropped, the mid-term report delayed and the July spending target weakened."""
    late = attrs.evolve(
        local.item("midterm-report"),
        when=Period(None, dt.date(2025, 9, 30)),
    )
    spending = local.item("spending-progress")
    weak = attrs.evolve(
        spending,
        targets=(attrs.evolve(spending.targets[0], value=50, text="50%"), *spending.targets[1:]),
    )
    return attrs.evolve(
        local,
        tasks=[t for t in local.tasks if t.number != 1],
        milestones=[late if m.id == late.id else m for m in local.milestones],
        indicators=[weak if i.id == weak.id else i for i in local.indicators],
        lineage=local.lineage.without("task-1"),
    )


def _summary(comparison):
    """The findings as (kind, parent ref, parent value, local value)."""
    return sorted(
        (str(f.kind), f.parent_ref, f.parent_value, f.local_value) for f in comparison.findings
    )


EXPECTED = [
    ("later_deadline", "midterm-report", "2025-08-31", "2025-09-30"),
    ("missing_task", "task-1", "常态化抓好梳理排查", ""),
    ("weaker_target", "spending-progress#0", "60%", "50%"),
]


def test_a_faithful_cascade_has_no_findings():
    """The plan cascade makes for 同心县 is covered, on time, as strict and with counterpart leads."""
    result = compare(PARENT, TONGXIN)
    assert result.findings == ()
    assert result.place == "640324"
    assert {how for _p, _q, how in result.pairs} == {"lineage"}


def test_dropped_task_delayed_deadline_and_weakened_target_are_exactly_the_findings():
    """A county plan that drops one task, delays one deadline and weakens one target reports those three."""
    assert _summary(compare(PARENT, _edited(TONGXIN))) == EXPECTED


def test_without_lineage_the_same_three_are_found_by_text_similarity():
    """With lineage removed and every item renamed, text alignment finds the same three findings."""
    edited = _edited(TONGXIN)
    renamed = attrs.evolve(
        edited,
        lineage=None,
        milestones=[
            attrs.evolve(m, id=f"local-{m.id}", after=[f"local-{a}" for a in m.after])
            for m in edited.milestones
        ],
        obligations=[attrs.evolve(o, id=f"local-{o.id}") for o in edited.obligations],
        indicators=[attrs.evolve(i, id=f"local-{i.id}") for i in edited.indicators],
    )
    result = compare(PARENT, renamed)
    assert _summary(result) == EXPECTED
    assert result.place == "640324"
    assert {how for _p, _q, how in result.pairs} == {"text"}
    assert ("midterm-report", "local-midterm-report", "text") in result.pairs


def test_a_lead_that_is_not_the_counterpart_is_reported():
    """Giving task 4 to the county's education bureau instead of its agriculture bureau is reported."""
    task = TONGXIN.task(4)
    swapped = attrs.evolve(
        task,
        responsibilities=(
            attrs.evolve(task.responsibilities[1], role="lead"),
            attrs.evolve(task.responsibilities[0], role="co_responsible"),
            *task.responsibilities[2:],
        ),
    )
    local = attrs.evolve(TONGXIN, tasks=[swapped if t.number == 4 else t for t in TONGXIN.tasks])
    result = compare(PARENT, local)
    assert _summary(result) == [("not_counterpart", "task-4", "同心县农业农村局", "同心县教育局")]


def test_the_plan_text_read_by_the_parser_aligns_with_the_curated_plan():
    """The bundled plan's own text, parsed without overlay, covers every task of the curated plan."""
    result = compare_text(PARENT, bundled_source_text())
    assert result.of_kind(FindingKind.MISSING_TASK) == ()
    assert result.of_kind(FindingKind.LATER_DEADLINE) == ()
    assert result.of_kind(FindingKind.WEAKER_TARGET) == ()
    assert len([p for p, _q, _how in result.pairs if p.startswith("task-")]) == len(PARENT.tasks)


def test_an_unknown_place_is_refused():
    """A place that is not known is an error naming what was found."""
    with pytest.raises(PlaceError, match="found '火星县'"):
        compare(PARENT, TONGXIN, place="火星县")


def test_lineage_of_another_parent_is_not_used():
    """Links to a different parent plan are ignored; alignment falls back to ids and text."""
    other = attrs.evolve(TONGXIN, lineage=Lineage(parent="other-plan", links=TONGXIN.lineage.links))
    result = compare(PARENT, other, place="同心县")
    assert result.findings == ()
    assert "lineage" not in {how for _p, _q, how in result.pairs}


def test_cli_compare_prints_the_findings_and_json(tmp_path, capsys):
    """`xiaojie compare parent local` prints one line per finding; --json gives records."""
    parent_file = xj.save_plan(PARENT, tmp_path / "parent.toml")
    local_file = xj.save_plan(_edited(TONGXIN), tmp_path / "local.toml")
    assert main(["compare", str(parent_file), str(local_file)]) == 0
    out = capsys.readouterr().out
    assert "3 finding(s)" in out
    assert "missing_task task-1" in out
    assert main(["compare", str(parent_file), str(local_file), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)["findings"]
    assert sorted(r["kind"] for r in records) == ["later_deadline", "missing_task", "weaker_target"]


def test_cli_compare_reads_a_text_file(tmp_path, capsys):
    """A local plan given as text is read by the parser before comparing."""
    text = tmp_path / "local.txt"
    text.write_text(bundled_source_text(), encoding="utf-8")
    assert main(["compare", str(xj.save_plan(PARENT, tmp_path / "p.toml")), str(text)]) == 0
    assert "finding(s)" in capsys.readouterr().out


LEADS = st.builds(LeadTime, st.integers(0, 20), working=st.booleans())


@settings(max_examples=50, deadline=None)
@given(plan=plans(), lead=LEADS, delay=st.integers(1, 60), pick=st.integers(0, 10))
def test_cascades_of_generated_plans_compare_clean_and_a_delay_is_found(plan, lead, delay, pick):
    """For any plan and lead time the cascade compares clean; delaying one milestone past its parent is the one finding."""
    local = cascade(plan, to="同心县", lead_time=lead).plan
    assert compare(plan, local).findings == ()
    if local.milestones:
        m = local.milestones[pick % len(local.milestones)]
        parent_due = plan.item(m.id).due
        late = attrs.evolve(m, when=Period(None, parent_due + dt.timedelta(days=delay)))
        edited = attrs.evolve(
            local, milestones=[late if x.id == m.id else x for x in local.milestones]
        )
        found = compare(plan, edited).findings
        assert [(f.kind, f.parent_ref, f.local_value) for f in found] == [
            (FindingKind.LATER_DEADLINE, m.id, str(parent_due + dt.timedelta(days=delay)))
        ]
