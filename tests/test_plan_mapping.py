"""The one path between a plan file's mapping and a plan: generic over fields, located problems."""

import json
import tomllib
from importlib import resources

import attrs
import jsonschema
import pytest
import tomli_w
from hypothesis import given

import xiaojie as xj
from model_strategies import cadences
from xiaojie.dates import Cadence
from xiaojie.io import plan_from_mapping, plan_to_mapping
from xiaojie.io._mapping import _CONVERTER, _WRITER, _problems
from xiaojie.model import Milestone


@attrs.frozen(kw_only=True)
class LinkedMilestone(Milestone):
    """A milestone with one more optional field, as a later version of the model may add."""

    parent: str | None = None
    weight: int = 1


class TestNewFieldsFlowThrough:
    def test_new_optional_field_is_read_and_written(self):
        """A field added to an item class is read and written with no code of its own."""
        plan = xj.load_plan()
        row = plan_to_mapping(plan)["milestones"][0] | {"parent": "task-3", "weight": 2}
        token = _set_context(plan)
        try:
            read = _CONVERTER.structure(row, LinkedMilestone)
        finally:
            token()
        assert ("task-3", 2) == (read.parent, read.weight)
        written = _WRITER.unstructure(read, LinkedMilestone)
        assert ("task-3", 2) == (written["parent"], written["weight"])
        default = attrs.evolve(read, parent=None, weight=1)
        assert "parent" not in _WRITER.unstructure(default, LinkedMilestone)

    def test_new_field_of_wrong_type_is_located(self):
        """A wrong value in the new field is reported at its path with what it should be."""
        plan = xj.load_plan()
        row = plan_to_mapping(plan)["milestones"][0] | {"weight": "heavy"}
        token = _set_context(plan)
        try:
            with pytest.raises(Exception) as caught:
                _CONVERTER.structure(row, LinkedMilestone)
        finally:
            token()
        assert ["m.weight: expected an integer, found str 'heavy'"] == [
            str(p) for p in _problems(caught.value, "m")
        ]


def _set_context(plan):
    from xiaojie.io import _mapping

    registry = _mapping._REGISTRY.set(plan.units)
    reference = _mapping._REFERENCE.set(plan.reference_date)

    def reset():
        _mapping._REGISTRY.reset(registry)
        _mapping._REFERENCE.reset(reference)

    return reset


class TestLocatedProblems:
    def test_every_problem_of_one_row(self):
        """Several problems in one row are all reported, each at its own path."""
        data = plan_to_mapping(xj.load_plan())
        data["milestones"][0] |= {"title": 5, "owners": ["自治区外交厅", ""], "when": {"end": "x"}}
        with pytest.raises(xj.PlanFileError, match=r"3 problem") as caught:
            plan_from_mapping(data, source="demo")
        assert [
            "milestones[0].title: expected what is to be done, found int 5",
            "milestones[0].when.end: expected a real calendar date YYYY-MM-DD, found 'x'",
            "milestones[0].owners[1]: expected a non-empty string, found str ''",
        ] == [str(p) for p in caught.value.problems]

    def test_strict_scalars(self):
        """A number written as a string, or a boolean as a number, is refused."""
        data = plan_to_mapping(xj.load_plan())
        data["campaigns"][0]["number"] = True
        data["indicators"][0]["targets"][0]["soft"] = 1
        with pytest.raises(xj.PlanFileError, match=r"2 problem") as caught:
            plan_from_mapping(data, source="demo")
        assert [
            "campaigns[0].number: expected a positive integer, found bool True",
            "indicators[0].targets[0].soft: expected true or false, found int 1",
        ] == [str(p) for p in caught.value.problems]

    def test_empty_targets(self):
        """An indicator with an empty list of targets is reported at its targets."""
        data = plan_to_mapping(xj.load_plan())
        data["indicators"][0]["targets"] = []
        with pytest.raises(xj.PlanFileError, match=r"1 problem") as caught:
            plan_from_mapping(data, source="demo")
        assert ["indicators[0].targets: expected at least one target, found an empty list"] == [
            str(p) for p in caught.value.problems
        ]


PLAN = xj.load_plan()
SCHEMA = jsonschema.Draft202012Validator(
    json.loads(
        resources.files("xiaojie.data").joinpath("plan.schema.json").read_text(encoding="utf-8")
    )
)


def _with_cadence(cadence: Cadence) -> xj.Plan:
    """The bundled plan with its first obligation recurring by ``cadence``."""
    first = attrs.evolve(PLAN.obligations[0], cadence=cadence)
    return attrs.evolve(PLAN, obligations=(first, *PLAN.obligations[1:]))


class TestCadenceFields:
    @given(cadences(holidays=True))
    def test_every_cadence_field_round_trips(self, cadence):
        """Every field of a cadence, due rules included, is written and read back (TOML and JSON)."""
        data = plan_to_mapping(_with_cadence(cadence))
        written = data["obligations"][0]["cadence"]
        for text in (tomli_w.dumps(data), json.dumps(data, ensure_ascii=False, default=str)):
            loaded = tomllib.loads(text) if text.startswith("schema") else json.loads(text)
            read = plan_from_mapping(loaded).obligations[0].cadence
            assert attrs.asdict(cadence) == attrs.asdict(read)
        set_fields = {
            f.name
            for f in attrs.fields(Cadence)
            if getattr(cadence, f.name) != f.default and f.name != "text"
        }
        assert set_fields <= set(written)

    @given(cadences(holidays=True))
    def test_schema_allows_every_cadence(self, cadence):
        """The JSON form of a plan with any valid cadence satisfies plan.schema.json."""
        data = plan_to_mapping(_with_cadence(cadence))
        text = json.dumps(data, ensure_ascii=False, default=str)

        assert [] == [e.message for e in SCHEMA.iter_errors(json.loads(text))]

    @pytest.mark.parametrize(
        ("field", "value"),
        [("due_month", 13), ("weekday", 0), ("due_after_days", "10"), ("due_next_month", 1)],
    )
    def test_schema_refuses_bad_rule_fields(self, field, value):
        """A due-rule field out of range or of the wrong type fails the schema and the loader."""
        data = plan_to_mapping(PLAN)
        data = json.loads(json.dumps(data, ensure_ascii=False, default=str))
        data["obligations"][0]["cadence"][field] = value

        assert not SCHEMA.is_valid(data)
        with pytest.raises(xj.PlanFileError, match=rf"obligations\[0\]\.cadence\b.*{field}"):
            plan_from_mapping(data)
