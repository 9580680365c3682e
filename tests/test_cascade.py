"""Cascading a plan one level down: lineage, counterpart units, lead times and local targets."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import plans
from xiaojie.cascade import LeadTime, cascade, weaker
from xiaojie.cli import main
from xiaojie.dates import count_working_days, is_working_day
from xiaojie.errors import PlaceError, PlanValidationError
from xiaojie.model import Target


PLAN = xj.load_plan()
TONGXIN = cascade(PLAN, to="同心县")


def _dues(plan):
    """Every due date of a plan by (kind, id, position): milestones, obligations, targets, phases."""
    dues = {}
    for m in plan.milestones:
        dues["milestone", m.id, 0] = m.when.end
    for o in plan.obligations:
        dues["obligation", o.id, 0] = o.active.end
    for i in plan.indicators:
        for k, t in enumerate(i.targets):
            if t.due is not None:
                dues["indicator", i.id, k] = t.due.end
    for ph in plan.phases:
        dues["phase", ph.id, 0] = ph.when.end
    return dues


def _owner_refs(plan):
    """Yield (ref, owner) for every owner named by a task or an item."""
    for t in plan.tasks:
        for o in t.units:
            yield t.id, o
    for item in plan.items():
        for o in item.owners:
            yield item.id, o


def _check_cascade(parent, result):
    """The three promises of a cascade: lineage, county units or reported, no later deadline."""
    local = result.plan
    lineage = local.lineage
    assert lineage is not None
    assert lineage.parent == parent.id
    local_refs = [t.id for t in local.tasks] + [x.id for x in (*local.phases, *local.items())]
    for ref in local_refs:
        parent_ref = lineage.parent_of(ref)
        assert parent_ref is not None, ref
        if parent_ref.startswith("task-"):
            assert parent.task(int(parent_ref.removeprefix("task-")))
        else:
            assert parent_ref in {x.id for x in (*parent.phases, *parent.items())}
    local_ids = set(dict(result.units).values())
    stand_ins = {u.action.removeprefix("lead replaced by ") for u in result.unmapped}
    for _ref, owner in _owner_refs(local):
        assert owner.id in local_ids or owner.name in stand_ins
        assert local.units.by_id(owner.id) == owner
    unmapped = {u.unit_id for u in result.unmapped}
    for ref, owner in _owner_refs(parent):
        assert result.local_of(owner.id) is not None or owner.id in unmapped, (ref, owner)
        if owner.id in unmapped:
            assert ref in next(u.refs for u in result.unmapped if u.unit_id == owner.id)
    parent_dues = _dues(parent)
    local_dues = _dues(local)
    assert parent_dues.keys() == local_dues.keys()
    for key, due in local_dues.items():
        assert due <= parent_dues[key], key
    return parent_dues, local_dues


class TestBundledToTongxin:
    def test_every_item_links_to_its_parent_units_are_county_units_and_no_deadline_is_later(self):
        """Cascading the bundled plan to 同心县 keeps lineage, county units and earlier deadlines."""
        _check_cascade(PLAN, TONGXIN)
        for owner in TONGXIN.plan.units:
            assert "同心" in owner.name, owner.name

    def test_the_unmapped_units_are_reported_by_name_and_place(self):
        """Regional bodies with no county counterpart are listed with where they appeared."""
        assert [(u.unit_id, u.refs, u.action) for u in TONGXIN.unmapped] == [
            ("wine_park", ("task-11",), "dropped"),
            ("pboc_ningxia", ("task-13",), "dropped"),
            ("nongken", ("task-20", "task-21"), "dropped"),
            ("city_committees", ("city-monthly-briefing", "city-quarterly-study"), "dropped"),
        ]
        assert "宁夏农垦集团有限公司 (nongken) in task-20, task-21: dropped" in TONGXIN.report()

    def test_counterparts_follow_the_table(self):
        """自治区农业农村厅 → 同心县农业农村局; 生态环境厅 → the city bureau's branch; 党委组织部 → 县委组织部."""
        local = TONGXIN.plan
        assert local.task(4).lead.name == "同心县农业农村局"
        assert local.units.by_id("ecology_environment").name == "吴忠市生态环境局同心分局"
        assert local.units.by_id("organisation_dept").name == "同心县委组织部"
        assert local.title.startswith("同心县")

    def test_a_milestone_is_due_five_working_days_earlier_by_default(self):
        """The mid-term report due 8-31 (a Sunday) is due from the county's units on 8-25."""
        assert PLAN.item("midterm-report").when.end == dt.date(2025, 8, 31)
        local = TONGXIN.plan.item("midterm-report")
        assert local.when.end == dt.date(2025, 8, 25)
        assert local.when.text == "8月25日前"

    def test_a_report_over_the_october_holiday_moves_back_past_it(self):
        """With 1 working day of lead, a 10-9 deadline becomes 9-30 (1-8 October is a holiday)."""
        assert LeadTime(1, working=True).before(dt.date(2025, 10, 9)) == dt.date(2025, 9, 30)

    def test_local_targets_may_be_stricter_never_weaker(self):
        """A county may ask 65% spending by July; asking 50% is refused with the parent's value."""
        result = cascade(PLAN, to="640324", targets={"spending-progress": [65, 90]})
        values = [t.value for t in result.plan.item("spending-progress").targets]
        assert values == [65, 90]
        with pytest.raises(PlanValidationError, match=r"spending-progress\[0\].*60%.*found 50"):
            cascade(PLAN, to="640324", targets={"spending-progress": [50, 85]})

    def test_the_local_plan_round_trips_through_a_plan_file(self, tmp_path):
        """Saving and loading the county plan keeps its lineage and every unit."""
        path = xj.save_plan(TONGXIN.plan, tmp_path / "tongxin.toml")
        again = xj.load_plan(path)
        assert again == TONGXIN.plan
        assert again.lineage == TONGXIN.plan.lineage

    def test_an_unknown_place_or_the_province_itself_is_refused(self):
        """A typo suggests the closest place; the region cannot be cascaded to itself."""
        with pytest.raises(PlaceError, match="found '同心'; closest: 同心县"):
            cascade(PLAN, to="同心")
        with pytest.raises(PlaceError, match="below the province level, found 宁夏回族自治区"):
            cascade(PLAN, to="640000")

    def test_a_cascaded_plan_cascades_only_further_down(self):
        """A county plan cannot be cascaded to itself or to a city; a city plan goes on to its counties."""
        with pytest.raises(
            PlaceError,
            match="expected a place below 同心县, the place of plan 'ningxia-2025-640324', found 同心县",
        ):
            cascade(TONGXIN.plan, to="同心县")
        city = cascade(PLAN, to="吴忠市").plan
        with pytest.raises(PlaceError, match=r"below 吴忠市.*found 西吉县"):
            cascade(city, to="西吉县")
        county = cascade(city, to="同心县", lead_time=LeadTime(2)).plan
        assert county.task(4).lead.name == "同心县农业农村局"
        assert county.item("midterm-report").due < city.item("midterm-report").due
        assert county.lineage.parent == city.id

    def test_a_negative_lead_time_is_refused(self):
        """Lead times are whole numbers of days, never negative."""
        with pytest.raises(
            PlanValidationError, match=r"lead_time.days: expected a whole number >= 0, found -1"
        ):
            LeadTime(-1)


LEADS = st.builds(LeadTime, st.integers(0, 25), working=st.booleans())
PLACES = st.sampled_from(["同心县", "640100", "西吉县", "640502", "中卫市"])


@settings(max_examples=60, deadline=None)
@given(plan=plans(), lead=LEADS, milestone_lead=LEADS, place=PLACES)
def test_cascade_of_generated_plans_keeps_its_promises(plan, lead, milestone_lead, place):
    """For any plan, place and lead times: lineage everywhere, units mapped or reported, no later due date."""
    leads = {"indicator": lead, "obligation": lead, "phase": lead, "milestone": milestone_lead}
    result = cascade(plan, to=place, lead_time=leads)
    parent_dues, local_dues = _check_cascade(plan, result)
    for (kind, item_id, k), due in local_dues.items():
        used = milestone_lead if kind == "milestone" else lead
        parent_due = parent_dues[kind, item_id, k]
        if used.days == 0:
            assert due == parent_due
        elif not used.working:
            assert due == parent_due - dt.timedelta(days=used.days)
        else:
            assert is_working_day(due)
            expected = used.days - (0 if is_working_day(parent_due) else 1)
            assert count_working_days(due, parent_due) == expected


def test_weaker_compares_floors_ceilings_and_strictness():
    """A lower floor, a higher ceiling or ">=" for ">" is weaker; the same or stricter is not."""
    assert weaker(Target(value=59, comparator=">="), Target(value=60, comparator=">="))
    assert weaker(Target(value=60, comparator=">="), Target(value=60, comparator=">"))
    assert not weaker(Target(value=60, comparator=">"), Target(value=60, comparator=">="))
    assert weaker(Target(value=16, comparator="<="), Target(value=15, comparator="<="))
    assert not weaker(Target(value=10, comparator="<="), Target(value=15, comparator="<="))


def test_cli_cascade_then_docs_gives_the_county_division_table_and_task_lists(tmp_path, capsys):
    """`xiaojie cascade --to 同心县 -o tongxin-2025.toml` then `xiaojie docs --plan` writes the county's 分工表 and 任务清单."""
    plan_file = tmp_path / "tongxin-2025.toml"
    assert main(["cascade", "--to", "同心县", "-o", str(plan_file)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {plan_file}" in out
    assert "unmapped: 宁夏农垦集团有限公司" in out
    site = tmp_path / "site"
    code = main(
        [
            "docs",
            "--plan",
            str(plan_file),
            "--out",
            str(site),
            "--as-of",
            "2025-07-01",
            "--format",
            "html",
            "--format",
            "csv",
        ]
    )
    assert code == 0
    division = (site / "tables" / "division.csv").read_text(encoding="utf-8-sig")
    assert "4,精准开展监测帮扶,同心县农业农村局,同心县教育局" in division
    assert "自治区" not in division
    sheet = (site / "units" / "agriculture.html").read_text(encoding="utf-8")
    assert "同心县农业农村局" in sheet
    assert "精准开展监测帮扶" in sheet


def test_cli_cascade_reports_an_unknown_place(tmp_path, capsys):
    """An unknown place is one error line naming the closest place, exit code 1."""
    code = main(["cascade", "--to", "同心", "-o", str(tmp_path / "x.toml")])
    err = capsys.readouterr().err
    assert code == 1
    assert "closest: 同心县" in err
    assert not (tmp_path / "x.toml").exists()


@pytest.mark.parametrize("days", ["-3", "99999999999", "3661", "x"])
def test_cli_cascade_refuses_a_lead_time_naming_the_option(tmp_path, capsys, days):
    """A --lead-days below 0, beyond ten years or not a number is refused naming the option."""
    code = main(["cascade", "--to", "同心县", "-o", str(tmp_path / "x.toml"), "--lead-days", days])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        f"argument --lead-days: expected a whole number of days from 0 to 3660, found '{days}'"
        in err
    )
    assert not (tmp_path / "x.toml").exists()


def test_the_saved_county_plan_follows_the_plan_schema():
    """The cascaded plan's file, lineage included, is valid against plan.schema.json."""
    import json
    from importlib import resources

    import jsonschema

    from xiaojie.io import plan_to_mapping

    schema = json.loads(
        resources.files("xiaojie.data").joinpath("plan.schema.json").read_text(encoding="utf-8")
    )
    data = json.loads(json.dumps(plan_to_mapping(TONGXIN.plan), default=dt.date.isoformat))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["lineage"]["links"]["midterm-report"] == "midterm-report"


def test_a_plan_file_with_a_broken_lineage_is_refused_with_its_path(tmp_path):
    """A link from an id the plan does not have, or a lineage without a parent, is a located error."""
    path = xj.save_plan(TONGXIN.plan, tmp_path / "county.toml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('task-1 = "task-1"', 'task-99 = "task-1"'), encoding="utf-8")
    with pytest.raises(xj.PlanFileError, match=r"county\.toml") as caught:
        xj.load_plan(path)
    assert (
        "lineage.links[0]: expected the id of a task or item of the plan, found 'task-99'"
        in str(caught.value.problems[0])
    )
    path.write_text(text.replace('parent = "ningxia-2025"', 'parent = ""'), encoding="utf-8")
    with pytest.raises(xj.PlanFileError, match=r"county\.toml") as caught:
        xj.load_plan(path)
    assert "lineage.parent: expected the id of the parent plan, found nothing" in str(
        caught.value.problems[0]
    )
