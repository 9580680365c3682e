"""Tables for analysts, part two: recurring duties, indicators and every query result as records."""

import datetime as dt
import doctest
import os
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import xiaojie as xj
from strategies import HORIZON_END, HORIZON_START, plans
from xiaojie import queries
from xiaojie.errors import PlanValidationError
from xiaojie.progress import Completion, Measurement, Occurrence, Progress
from xiaojie.tracking import EntryKind, status


PLAN = xj.load_plan()
AS_OF = dt.date(2025, 8, 1)
PROGRESS = Progress(
    [
        Measurement("spending-progress", "2025-07-31", 58),
        Occurrence("monthly-data-comparison", "2025-06-25"),
        Completion("resident-work-meeting", "2025-07-30"),
    ]
)


class TestRecordsArePublic:
    def test_one_class_three_names(self):
        """Records is public as xiaojie.records.Records and xiaojie.Records, the private path kept."""
        from xiaojie._records import Records as Private
        from xiaojie.records import Records

        assert Private is Records is xj.Records
        assert isinstance(xj.status(PLAN, as_of=AS_OF).records(), xj.Records)


class TestObligationsTable:
    def test_one_row_per_window_keyed_as_the_snapshot(self):
        """Each recurring duty has one row per window, keyed as its status entry, due dates typed."""
        rows = queries.plan_table(PLAN, "obligations").to_records()
        snap = status(PLAN, as_of=AS_OF)
        expected = [
            e.key for e in snap if e.kind in {EntryKind.OBLIGATION, EntryKind.OBLIGATION_WINDOW}
        ]

        assert sorted(expected) == sorted(r["key"] for r in rows)
        monthly = [r for r in rows if r["id"] == "monthly-data-comparison"]
        assert dt.date(2025, 6, 30) == monthly[0]["due"]
        assert dt.date(2025, 6, 18) == monthly[0]["window_start"]
        assert all(type(r["active_start"]) is dt.date for r in rows)
        standard = [r for r in rows if r["tracking"] == "standard"]
        assert 1 == len(standard)
        assert standard[0]["due"] is None

    def test_states_as_of_a_date(self):
        """With a snapshot each window says its state: the June comparison done, July's overdue."""
        rows = queries.plan_table(PLAN, "obligations", snapshot=status(PLAN, PROGRESS, as_of=AS_OF))
        by_key = {r["key"]: r for r in rows.to_records()}

        june = by_key["monthly-data-comparison@2025-06-18"]
        assert ("done_on_time", dt.date(2025, 6, 25)) == (june["state"], june["done_on"])
        assert "overdue" == by_key["monthly-data-comparison@2025-07-01"]["state"]


class TestIndicatorsTable:
    def test_one_row_per_target_with_stages(self):
        """Each target of an indicator is a row: staged targets numbered, values and dates typed."""
        rows = queries.plan_table(PLAN, "indicators").to_records()
        spending = [r for r in rows if r["id"] == "spending-progress"]

        assert sum(len(i.targets) for i in PLAN.indicators) == len(rows)
        assert [1, 2] == [r["stage"] for r in spending]
        assert {2} == {r["stages"] for r in spending}
        assert [60.0, 85.0] == [r["target"] for r in spending]
        assert [dt.date(2025, 7, 31), dt.date(2025, 10, 31)] == [r["due"] for r in spending]
        assert {"%"} == {r["unit"] for r in spending}
        assert all(r["owners"] for r in spending)

    def test_values_as_of_a_date(self):
        """With a snapshot the first stage carries the reported 58 (not met, overdue); the second is upcoming."""
        table = queries.plan_table(PLAN, "indicators", snapshot=status(PLAN, PROGRESS, as_of=AS_OF))
        by_key = {r["key"]: r for r in table.to_records()}

        first, second = by_key["spending-progress#0"], by_key["spending-progress#1"]
        assert (58.0, "not_met", "overdue") == (first["value"], first["result"], first["state"])
        assert ("upcoming", dt.date(2025, 10, 31)) == (second["state"], second["due"])

    def test_to_pandas_dtypes(self):
        """As a DataFrame: targets and values Float64, stages Int64, due dates datetime, soft boolean."""
        pd = pytest.importorskip("pandas")
        snap = status(PLAN, PROGRESS, as_of=AS_OF)
        frame = queries.plan_table(PLAN, "indicators", snapshot=snap).to_pandas()

        assert pd.Float64Dtype() == frame["target"].dtype
        assert pd.Float64Dtype() == frame["value"].dtype
        assert pd.Int64Dtype() == frame["stage"].dtype
        assert frame["due"].dtype.kind == "M"
        assert frame["done_on"].dtype.kind == "M"
        assert pd.BooleanDtype() == frame["soft"].dtype
        assert 58.0 == frame.set_index("key").loc["spending-progress#0", "value"]

    def test_a_snapshot_of_another_plan_is_refused(self):
        """A snapshot of another plan is refused, naming both ids."""
        other = attrs.evolve(PLAN, id="other-plan")

        with pytest.raises(PlanValidationError, match=r"snapshot\.plan_id: expected 'other-plan'"):
            queries.plan_table(other, "indicators", snapshot=status(PLAN, as_of=AS_OF))


@settings(max_examples=30, deadline=None)
@given(
    plans(), st.dates(HORIZON_START - dt.timedelta(days=30), HORIZON_END + dt.timedelta(days=60))
)
def test_dated_tables_are_the_snapshot(plan, as_of):
    """The dated tables hold one row per dated entry of a snapshot, with that entry's state and due date."""
    snap = status(plan, as_of=as_of)
    rows = [
        r
        for name in ("milestones", "obligations", "indicators")
        for r in queries.plan_table(plan, name, snapshot=snap).to_records()
    ]
    entries = {e.key: e for e in snap if e.kind is not EntryKind.TASK_DUTY}

    assert sorted(entries) == sorted(r["key"] for r in rows)
    for row in rows:
        entry = entries[row["key"]]
        assert str(entry.state) == row["state"]
        assert entry.due == row["due"]
        assert entry.done_on == row["done_on"]


class TestQueryResults:
    def test_workload_of_every_unit(self):
        """as_table of every unit's workload gives its counts and its campaigns and months as lists."""
        loads = [queries.workload(PLAN, u) for u in PLAN.owners_in_order()]
        rows = queries.as_table(loads).to_records()

        assert [w.owner.id for w in loads] == [r["owner_id"] for r in rows]
        for w, r in zip(loads, rows, strict=True):
            assert (w.lead, w.co_responsible, w.tasks) == (
                r["lead"],
                r["co_responsible"],
                r["tasks"],
            )
            assert list(w.by_campaign) == list(
                zip(r["campaigns"], r["campaign_tasks"], strict=True)
            )
            assert list(w.by_month) == list(zip(r["months"], r["month_dates"], strict=True))
        assert queries.as_table(loads[0]).to_records() == rows[:1]

    def test_workload_lists_of_whole_numbers_in_arrow_and_pandas(self):
        """Campaign numbers are a list<int64> column in Arrow and lists of ints in pandas."""
        pa = pytest.importorskip("pyarrow")
        pytest.importorskip("pandas")
        table = queries.as_table([queries.workload(PLAN, "财政厅")])

        assert pa.list_(pa.int64()) == table.to_arrow().schema.field("campaigns").type
        assert [7] == table.to_pandas()["campaigns"].iloc[0]

    def test_slack(self):
        """Slack rows are the entries with their days left, fewest first, dates typed."""
        found = queries.slack(PLAN, dt.date(2025, 9, 5))
        rows = queries.as_table(found).to_records()

        assert [(s.key, s.days, s.due) for s in found] == [
            (r["key"], r["days"], r["due"]) for r in rows
        ]
        assert -77 == rows[0]["days"]

    def test_due_between(self):
        """Entries due in September 2025 become rows, with no-owner entries kept (owners empty)."""
        found = queries.due_between(PLAN, dt.date(2025, 9, 1), dt.date(2025, 9, 30))
        rows = queries.as_table(found).to_records()

        assert 10 == len(rows)
        assert [e.key for e in found] == [r["key"] for r in rows]
        assert any(r["owners"] == [] for r in rows)

    def test_slips_pairs_holdings_and_owners(self):
        """Slips, shared tasks, bridges, holdings and indicator owners keep their values typed."""
        slips = queries.as_table(
            queries.slip_impact(PLAN, "mobilisation-meetings", 10)
        ).to_records()
        pairs = queries.as_table(queries.co_responsibility(PLAN)).to_records()
        bridges = queries.as_table(queries.bridging_units(PLAN)).to_records()
        held = queries.as_table(queries.items_of(PLAN, "财政厅")).to_records()
        owners = queries.as_table(queries.indicator_owners(PLAN, "spending-progress")).to_records()

        assert ("milestone", dt.date(2025, 6, 30), 10, True) == (
            slips[0]["kind"],
            slips[0]["new_date"],
            slips[0]["delay"],
            slips[0]["late"],
        )
        assert [4, 5, 8, 9, 13, 23, 25] == pairs[0]["tasks"]
        assert 7 == pairs[0]["weight"]
        assert isinstance(bridges[0]["score"], float)
        assert ("task", 20, "co_responsible") == (held[0]["kind"], held[0]["task"], held[0]["role"])
        assert ("自治区农业农村厅", "lead", True) == (
            owners[0]["owner"],
            owners[0]["role"],
            owners[0]["inherited"],
        )

    def test_tasks_and_indicators_of_a_unit(self):
        """Tasks a unit leads and the indicators it answers for become rows."""
        led = queries.as_table(queries.tasks_led_by(PLAN, "农业农村厅")).to_records()
        indicators = queries.as_table(queries.indicators_of(PLAN, "财政厅")).to_records()

        assert [t.number for t in queries.tasks_led_by(PLAN, "农业农村厅")] == [
            r["number"] for r in led
        ]
        assert {"自治区农业农村厅"} == {r["lead"] for r in led}
        assert "spending-progress" in [r["id"] for r in indicators]

    def test_responsibility_matrix_is_long(self):
        """The matrix becomes one row per task and owner named for it, with the role."""
        matrix = queries.responsibility_matrix(PLAN)
        rows = queries.as_table(matrix).to_records()

        assert sum(c is not None for row in matrix.cells for c in row) == len(rows)
        assert {"lead", "co_responsible"} == {r["role"] for r in rows}
        assert all(matrix.role(r["task"], r["owner_id"]).value == r["role"] for r in rows)

    def test_owner_entries(self):
        """Per-owner answers give the same rows as owner_entries_table."""
        rows = queries.units_with_overdue_tasks(PLAN, status(PLAN, as_of=AS_OF))

        assert queries.owner_entries_table(rows) == queries.as_table(rows)

    def test_empty_answer(self):
        """An empty answer is an empty table, also as a DataFrame."""
        pytest.importorskip("pandas")
        empty = queries.units_with_overdue_tasks(PLAN, status(PLAN, as_of=dt.date(2025, 6, 18)))

        assert 0 == len(queries.as_table(empty))
        assert 0 == len(queries.as_table(empty).to_pandas())

    @pytest.mark.parametrize("bad", [[1, 2], "text", 3])
    def test_not_a_query_result(self, bad):
        """Anything that is not a query result is refused, naming what was found."""
        with pytest.raises(PlanValidationError, match="result: expected a query result"):
            queries.as_table(bad)

    def test_mixed_results_are_refused(self):
        """Results of two kinds in one list are refused, naming both."""
        mixed = [queries.workload(PLAN, "财政厅"), *queries.slack(PLAN, AS_OF)[:1]]

        with pytest.raises(PlanValidationError, match="found Slack, Workload"):
            queries.as_table(mixed)


class TestResultsAboveTheQueries:
    def test_rollup_across_and_ranking(self):
        """A roll-up's entries across places and its ranking become rows with place names and values."""
        from xiaojie.rollup import rollup

        result = rollup(
            PLAN,
            {
                "同心县": Progress([Measurement("spending-progress", "2025-07-31", 58)]),
                "盐池县": Progress([Measurement("spending-progress", "2025-07-31", 71.5)]),
            },
            as_of=AS_OF,
        )
        ranks = queries.as_table(result.ranking("spending-progress")).to_records()
        across = queries.as_table(result.across()).to_records()

        assert [("盐池县", 71.5), ("同心县", 58.0)] == [(r["place"], r["value"]) for r in ranks]
        assert dt.date(2025, 7, 31) == ranks[0]["on"]
        assert len(result.across()) == len(across)
        assert all(isinstance(r["missing"], list) for r in across)

    def test_diff_compare_and_pace(self):
        """Changes between versions, a comparison's findings and 序时进度 become typed rows."""
        from xiaojie.pace import indicator_pace
        from xiaojie.versions import diff

        moved = attrs.evolve(PLAN.milestones[0], title="改过的标题")
        new = attrs.evolve(PLAN, milestones=(moved, *PLAN.milestones[1:]))
        changes = queries.as_table(diff(PLAN, new)).to_records()
        pace = indicator_pace(PLAN, "spending-progress", PROGRESS, as_of=AS_OF)
        paced = queries.as_table(pace).to_records()[0]

        assert [c.ref for c in diff(PLAN, new)] == [r["ref"] for r in changes]
        assert "改过的标题" in changes[0]["new"]
        assert (58.0, True, AS_OF) == (paced["actual"], paced["behind"], paced["as_of"])
        assert isinstance(paced["expected"], float)

    def test_comparison(self):
        """A comparison of a local plan with its parent gives one row per finding."""
        from xiaojie.compare import compare

        local = attrs.evolve(PLAN, id="local", tasks=PLAN.tasks[:-1])
        try:
            found = compare(PLAN, local)
        except xj.XiaojieError as err:  # rapidfuzz missing: the levels extra
            pytest.skip(str(err))
        rows = queries.as_table(found).to_records()

        assert rows
        assert [str(f.kind) for f in found.findings] == [r["kind"] for r in rows]
        assert queries.as_table(found.findings) == queries.as_table(found)


ROOT = Path(__file__).parents[1]


def _example(*args, cwd, env=None):
    return subprocess.run(  # noqa: S603 - our own example script
        [sys.executable, str(ROOT / "examples" / "analyse_with_pandas.py"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


class TestAnalystDocsAndExample:
    def test_analysis_page_examples_run(self):
        """Every Python example of docs/analysis.md gives the output shown."""
        pytest.importorskip("pandas")
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        result = doctest.testfile(
            str(ROOT / "docs" / "analysis.md"), module_relative=False, optionflags=flags
        )

        assert result.attempted > 20
        assert 0 == result.failed

    def test_example_prints_the_four_tables(self, tmp_path):
        """The example, run from another folder, prints the four tables and writes nothing."""
        pytest.importorskip("pandas")
        done = _example(cwd=tmp_path)

        assert 0 == done.returncode, done.stderr
        assert "(截至 2025-09-15)" in done.stdout
        assert "done_on_time    24" in done.stdout
        assert (
            "资金支出进度      1       2    60.0    % 2025-07-31   63.5    done_late" in done.stdout
        )
        assert "自治区农业农村厅    10               5     15" in done.stdout
        assert [] == list(tmp_path.iterdir())

    def test_example_bad_date_and_missing_pandas_are_one_line(self, tmp_path):
        """A bad date, or pandas missing, is one error line (the latter naming the extra)."""
        bad = _example("2025-02-30", cwd=tmp_path)
        blocker = tmp_path / "block"
        blocker.mkdir()
        (blocker / "pandas.py").write_text("raise ImportError('blocked')\n", encoding="utf-8")
        missing = _example(cwd=tmp_path, env={"PYTHONPATH": str(blocker)})

        assert 1 == bad.returncode == missing.returncode
        assert [
            "error: AS_OF: expected a real calendar date YYYY-MM-DD, found '2025-02-30'"
        ] == bad.stderr.strip().splitlines()
        [line] = missing.stderr.strip().splitlines()
        assert "pip install 'xiaojie[frames]'" in line
