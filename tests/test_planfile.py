"""Plan files: loading, saving, round trips and located, collected errors."""

import json
import re
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given

import xiaojie as xj
from model_strategies import plans
from xiaojie.io import plan_to_mapping


BUNDLED = Path(xj.__file__).parent / "data" / "ningxia-2025.toml"


def _bundled_data() -> dict:
    return tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(xj.PlanFileError) as info:
        xj.load_plan(path)
    return [str(p) for p in info.value.problems]


class TestLoadPlan:
    def test_bundled_plan_loads_and_is_cached(self):
        """load_plan() returns the bundled plan, the same object each time."""
        assert xj.load_plan() is xj.load_plan()
        assert "ningxia-2025" == xj.load_plan().id

    def test_bundled_file_loads_by_path(self):
        """Loading the bundled file by its path gives an equal plan."""
        assert xj.load_plan() == xj.load_plan(BUNDLED)

    def test_missing_file(self, tmp_path):
        """A missing file is one clear problem naming the file."""
        path = tmp_path / "nope.toml"
        with pytest.raises(xj.PlanFileError, match=r"nope\.toml: 1 problem"):
            xj.load_plan(path)

    def test_invalid_toml_names_line(self, tmp_path):
        """Broken TOML syntax reports the line and column."""
        path = tmp_path / "broken.toml"
        path.write_text('schema = "xiaojie-plan/1"\n[plan\nid = "x"\n', encoding="utf-8")

        assert any(re.search(r"line 2", p) for p in _problems(path))

    def test_impossible_date_in_toml_literal(self, tmp_path):
        """An impossible TOML date literal (2月30日) is reported with its line."""
        text = BUNDLED.read_text(encoding="utf-8").replace(
            "reference_date = 2025-06-18", "reference_date = 2025-02-30"
        )
        path = tmp_path / "impossible.toml"
        path.write_text(text, encoding="utf-8")

        problems = _problems(path)
        assert 1 == len(problems)
        assert re.search(r"valid TOML.*line \d+", problems[0])


class TestCollectedErrors:
    def test_every_problem_at_once(self, tmp_path):
        """Missing field, unknown unit, impossible date and end before start are reported together with paths."""
        data = _bundled_data()
        del data["tasks"][0]["title"]
        data["tasks"][3]["units"][1] = "自治区外交厅"
        data["milestones"][4]["when"]["end"] = "2025-02-30"
        data["phases"][1]["when"]["start"] = data["phases"][1]["when"]["end"].replace(month=10)
        problems = _problems(_write(tmp_path, data))

        assert any(
            p.startswith("tasks[0].title: expected the task's title, found nothing")
            for p in problems
        )
        assert any(
            p.startswith("tasks[3].units[1]: expected a unit or group of the plan")
            and "'自治区外交厅'" in p
            for p in problems
        )
        assert any(
            p.startswith("milestones[4].when.end: expected a real calendar date")
            and "2025-02-30" in p
            for p in problems
        )
        assert any(
            p.startswith("phases[1].when.end: expected a date on or after the start 2025-10-30")
            for p in problems
        )
        assert 4 == len(problems)

    def test_duplicate_task_number(self, tmp_path):
        """A duplicate task number is reported with both positions."""
        data = _bundled_data()
        data["tasks"][1]["number"] = 1
        problems = _problems(_write(tmp_path, data))

        assert [
            "tasks[1].number: expected a unique task number, found 1, already used by tasks[0]"
        ] == problems

    def test_unknown_unit_suggests_close_names(self, tmp_path):
        """An unknown unit in a task suggests the closest known names."""
        data = _bundled_data()
        data["tasks"][20]["units"][1] = "财政局"
        problems = _problems(_write(tmp_path, data))

        assert 1 == len(problems)
        assert "closest" in problems[0]
        assert "财政厅" in problems[0]

    def test_wrong_types_and_enum_values(self, tmp_path):
        """Wrong types and unknown enum values name the field, the expectation and what was found."""
        data = _bundled_data()
        data["tasks"][0]["number"] = "one"
        data["units"][0]["kind"] = "ministry"
        data["indicators"][0]["targets"][0]["comparator"] = "≈"
        problems = _problems(_write(tmp_path, data))

        assert "tasks[0].number: expected a positive integer, found str 'one'" in problems
        assert any(
            p.startswith("units[0].kind: expected one of government_department") for p in problems
        )
        assert any(
            p.startswith("indicators[0].targets[0].comparator: expected one of >=")
            for p in problems
        )

    def test_dangling_references(self, tmp_path):
        """A milestone pointing at an unknown task, phase or prerequisite is reported."""
        data = _bundled_data()
        data["milestones"][0]["task"] = 99
        data["milestones"][1]["phase"] = "nowhere"
        data["milestones"][2]["after"] = ["no-such-item"]
        problems = _problems(_write(tmp_path, data))

        assert "milestones[0].task: expected the number of a task in the plan, found 99" in problems
        assert any(p.startswith("milestones[1].phase: expected one of") for p in problems)
        assert (
            "milestones[2].after[0]: expected the id of an item in the plan, found 'no-such-item'"
            in problems
        )

    def test_datetime_rejected(self, tmp_path):
        """A date with a time of day is refused: plan dates are calendar days."""
        data = _bundled_data()
        data["plan"]["reference_date"] = "2025-06-18T09:00:00"
        problems = _problems(_write(tmp_path, data))

        assert [
            "plan.reference_date: expected a real calendar date YYYY-MM-DD, found '2025-06-18T09:00:00'"
        ] == problems

    def test_wrong_schema(self, tmp_path):
        """A file of another format is named as such."""
        data = _bundled_data()
        data["schema"] = "something-else/2"

        assert ["schema: expected 'xiaojie-plan/1', found 'something-else/2'"] == _problems(
            _write(tmp_path, data)
        )


class TestSavePlan:
    def test_toml_and_json_round_trip(self, tmp_path):
        """The bundled plan saved as TOML and as JSON loads back equal."""
        plan = xj.load_plan()

        assert plan == xj.load_plan(xj.save_plan(plan, tmp_path / "p.toml"))
        assert plan == xj.load_plan(xj.save_plan(plan, tmp_path / "p.json"))

    def test_round_trip_keeps_quoted_text(self, tmp_path):
        """Quoted phrases (not part of equality) survive a save too."""
        plan = xj.load_plan()
        again = xj.load_plan(xj.save_plan(plan, tmp_path / "p.toml"))

        assert [m.when.text for m in plan.milestones] == [m.when.text for m in again.milestones]
        assert [t.units_text for t in plan.tasks] == [t.units_text for t in again.tasks]

    def test_json_is_readable_chinese(self, tmp_path):
        """JSON output keeps Chinese characters readable (not \\u escapes)."""
        path = xj.save_plan(xj.load_plan(), tmp_path / "p.json")

        assert "自治区农业农村厅" in path.read_text(encoding="utf-8")
        assert "ningxia-2025" == json.loads(path.read_text(encoding="utf-8"))["plan"]["id"]

    def test_failed_save_keeps_existing_file(self, tmp_path, monkeypatch):
        """A save that fails midway leaves the existing file untouched and no temporary file."""
        path = xj.save_plan(xj.load_plan(), tmp_path / "p.toml")
        before = path.read_bytes()

        def boom(*_args, **_kwargs):
            raise OSError("disk full")

        monkeypatch.setattr("os.fsync", boom)
        with pytest.raises(OSError, match="disk full"):
            xj.save_plan(xj.load_plan(), path)

        assert before == path.read_bytes()
        assert ["p.toml"] == [p.name for p in tmp_path.iterdir()]

    @given(plans())
    def test_generated_plans_round_trip(self, plan):
        """Any valid plan saved and loaded again is equal to itself (TOML)."""
        data = tomllib.loads(tomli_w.dumps(plan_to_mapping(plan)))

        assert plan == xj.plan_from_mapping(data, source="generated")

    @given(plans())
    def test_generated_plans_round_trip_json(self, plan):
        """Any valid plan survives the JSON interchange form too."""
        text = json.dumps(plan_to_mapping(plan), ensure_ascii=False, default=str)

        assert plan == xj.plan_from_mapping(json.loads(text), source="generated.json")


class TestPhrases:
    def test_when_written_as_a_phrase(self, tmp_path):
        """A period may be written as the plan's own phrase; it is read in the plan's reference year."""
        data = _bundled_data()
        data["milestones"][7]["when"] = "9月10日前"
        data["phases"][0]["when"] = "6月中旬"
        plan = xj.load_plan(_write(tmp_path, data))

        assert plan.milestones[7].when == xj.load_plan().milestones[7].when
        assert "9月10日前" == plan.milestones[7].when.text
        assert plan.phases[0].when == xj.load_plan().phases[0].when

    def test_bad_phrases_are_located(self, tmp_path):
        """Impossible and non-period phrases are reported with their paths."""
        data = _bundled_data()
        data["milestones"][0]["when"] = "2月30日前"
        data["milestones"][1]["when"] = "每月1次"
        problems = _problems(_write(tmp_path, data))

        assert any(
            p.startswith("milestones[0].when: expected a time phrase that names one period")
            and "2月30日" in p
            for p in problems
        )
        assert any(
            p.startswith(
                "milestones[1].when: expected a time phrase that names one period, found a Cadence"
            )
            for p in problems
        )
        assert 2 == len(problems)
