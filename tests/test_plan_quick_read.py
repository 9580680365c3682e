"""The quick way a plan file is read gives the reference way's plan or error, value for value."""

from __future__ import annotations

import copy
from pathlib import Path  # noqa: TC003 - used at run time by the fixtures' paths
from typing import TYPE_CHECKING, Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from fuzz_mutations import FUZZ
from xiaojie.errors import PlanFileError
from xiaojie.io import _limits, _mapping, plan_from_mapping, plan_to_mapping
from xiaojie.model import Task


if TYPE_CHECKING:
    from xiaojie.model import Plan


pytest.importorskip("toml_rs")

MAPPING = plan_to_mapping(xj.load_plan())

_PERIOD_FIELDS = (("milestones", "when"), ("obligations", "active"), ("phases", "when"))
_UNIT_FIELDS = (("tasks", "units"), ("milestones", "owners"), ("indicators", "owners"))


def _periods() -> list[Any]:
    """Every period value of the bundled plan's mapping (tables), plus phrases and bad values."""
    found = [row[field] for key, field in _PERIOD_FIELDS for row in MAPPING[key] if field in row]
    return [
        *found,
        "7月底前",
        "2025年12月底前",
        "每月",
        "",
        [found[0]],
        list(found[0].items()),
        {**found[0], "start": "2025-02-30"},
        {**found[0], "end": 20250731},
        {**found[0], "text": 7},
        {"text": "7月底前"},
        {**found[0], "extra": 1},
        7,
        None,
    ]


def _unit_lists() -> list[Any]:
    """Every list of unit names of the bundled plan's mapping, plus broken ones."""
    found = [row[field] for key, field in _UNIT_FIELDS for row in MAPPING[key] if field in row]
    first = found[0]
    return [
        *found,
        [],
        [first[0], first[0]],
        [*first, "没有这个单位"],
        [first[0], 7],
        [first[0], ""],
        tuple(first),
        first[0],
        [[first[0]]],
        {"name": first[0]},
    ]


_PERIOD_VALUES = _periods()
_UNIT_VALUES = _unit_lists()


@st.composite
def _rewritten(draw: st.DrawFn) -> dict[str, Any]:
    """Return the bundled plan's mapping with periods and unit lists swapped for others, good or bad."""
    data = copy.deepcopy(MAPPING)
    for fields, values in ((_PERIOD_FIELDS, _PERIOD_VALUES), (_UNIT_FIELDS, _UNIT_VALUES)):
        for key, field in fields:
            rows = data[key]
            for index in draw(st.lists(st.integers(0, len(rows) - 1), max_size=6)):
                rows[index][field] = copy.deepcopy(draw(st.sampled_from(values)))
    return data


def _outcome(data: dict[str, Any]) -> tuple[str, Plan | str]:
    try:
        return "plan", plan_from_mapping(data, source="p")
    except PlanFileError as err:
        return "error", str(err)


@FUZZ
@given(data=_rewritten())
def test_values_read_once_per_plan_give_the_same_plan_or_errors(data: dict[str, Any]) -> None:
    """Periods and unit lists kept once read give the plan and the problems of reading each anew."""
    kept = _outcome(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_mapping, "_READ_ONCE", False)
        anew = _outcome(data)
    assert kept == anew


def test_values_read_once_are_shared() -> None:
    """Two tasks naming the same units share one tuple of responsibilities (the plan repeats them)."""
    data = copy.deepcopy(MAPPING)
    data["tasks"][1]["units"] = list(data["tasks"][0]["units"])
    plan = plan_from_mapping(data)
    assert plan.tasks[0].responsibilities is plan.tasks[1].responsibilities


def _file(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return path


def _load_both(path: Path) -> list[tuple[str, Plan | str]]:
    """Load ``path`` the quick way, then as if the speed extra were not installed."""
    outcomes: list[tuple[str, Plan | str]] = []
    for quick in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not quick:
                patch.setattr(_limits, "available", lambda _module: False)
            try:
                outcomes.append(("plan", xj.load_plan(path)))
            except PlanFileError as err:
                outcomes.append(("error", str(err)))
    return outcomes


@pytest.mark.parametrize("digits", [20, 4200, 4250, 4301, 6000])
@pytest.mark.parametrize(
    ("key", "field"), [("tasks", "number"), ("campaigns", "number"), ("limits", "task")]
)
def test_long_integers_same_outcome_either_way(
    tmp_path: Path, digits: int, key: str, field: str
) -> None:
    """An integer of thousands of digits in a plan gives the same plan or error either way."""
    marker = 987_654_321
    data = copy.deepcopy(MAPPING)
    data[key][0][field] = marker
    text = tomli_w.dumps(data).replace(str(marker), "7" * digits, 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, "utf-8")
    outcomes = _load_both(path)
    assert outcomes[0] == outcomes[1]
    if digits > 4300:
        assert outcomes[0][0] == "error"
        assert "a number of at most 4,300 digits" in str(outcomes[0][1])


def test_long_integer_refused_on_the_quick_way_only_when_unchecked() -> None:
    """An integer too long for the interpreter is refused by the quick build, read by the other."""
    data = copy.deepcopy(MAPPING)
    data["limits"][0]["span"]["amount"] = 1 << _limits.LONG_INTEGER_BITS
    with pytest.raises(PlanFileError, match=r"limits\[0\]\.span\.amount: .*a very long integer"):
        _mapping.plan_from_unchecked(data, source="p")
    assert (
        plan_from_mapping(data, source="p").limits[0].span.amount == 1 << _limits.LONG_INTEGER_BITS
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["tasks"][0].update(units=[[[["深"]]]]),
        lambda d: d["plan"].update(extra=[[[]]]),
        lambda d: d.update(schema=[[1]]),
        lambda d: d["tasks"][0].update(number="1"),
        lambda d: d["milestones"][0].update(when={"end": [[[[]]]]}),
    ],
    ids=["nested-units", "nested-extra-key", "nested-schema", "string-number", "nested-period"],
)
def test_damaged_plan_same_error_either_way(tmp_path: Path, damage: Any) -> None:
    """A plan file with a bad value gives the same located error the quick way or the other."""
    data = copy.deepcopy(MAPPING)
    damage(data)
    outcomes = _load_both(_file(tmp_path, data))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == "error"
    assert str(tmp_path) in str(outcomes[0][1])


def test_deep_nesting_same_error_either_way(tmp_path: Path) -> None:
    """Data nested deeper than the limit under an unknown key is refused the same either way."""
    data = copy.deepcopy(MAPPING)
    deep: Any = 1
    for _ in range(40):
        deep = {"k": deep}
    data["plan"]["extra"] = deep
    outcomes = _load_both(_file(tmp_path, data))
    assert outcomes[0] == outcomes[1]
    assert "nested at most 32 deep" in str(outcomes[0][1])


@pytest.mark.parametrize("plan", [xj.load_plan()], ids=["bundled"])
def test_owners_and_dated_tasks_as_the_roles_say(plan: Plan) -> None:
    """owners_of and tasks_with_dated_items agree with owner_roles and dated_items_of_task."""
    for thing in (*plan.tasks, *plan.items()):
        assert plan.owners_of(thing) == tuple(o.owner for o in plan.owner_roles(thing))
    dated = {t.number for t in plan.tasks if plan.dated_items_of_task(t.number)}
    assert plan.tasks_with_dated_items() == dated


_ODD_VALUES: tuple[Any, ...] = (
    7,
    0,
    -1,
    2**70,
    "",
    "x",
    " ",
    None,
    True,
    1.5,
    [],
    {},
    ["x"],
    {"x": 1},
    "2025-02-30",
)
_TABLE_KEYS = ("campaigns", "tasks", "phases", "milestones", "obligations", "indicators", "limits")


@st.composite
def _broken(draw: st.DrawFn) -> dict[str, Any]:
    """Return the bundled plan's mapping (rewritten) with fields of its tables changed or removed."""
    data = draw(_rewritten())
    for _ in range(draw(st.integers(0, 4))):
        rows = data[draw(st.sampled_from(_TABLE_KEYS))]
        row = rows[draw(st.integers(0, len(rows) - 1))]
        field = draw(st.sampled_from(sorted(row)))
        if draw(st.booleans()):
            del row[field]
        else:
            row[field] = copy.deepcopy(draw(st.sampled_from(_ODD_VALUES)))
    return data


@FUZZ
@given(data=_broken())
def test_tables_read_quickly_give_the_same_plan_or_errors(data: dict[str, Any]) -> None:
    """Tables read the quick way first give the plan and the problems of the detailed reader alone."""
    quick = _outcome(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_mapping, "_QUICK", False)
        detailed = _outcome(data)
    assert quick == detailed


def test_tables_read_quickly_when_nothing_is_wrong() -> None:
    """A good plan's tasks are each read by the quick reader, none of them a second time."""
    hook = _mapping._CONVERTER.get_structure_hook(Task)
    assert hook.__closure__ is not None
    made = hook.__closure__[hook.__code__.co_freevars.index("quick")].cell_contents
    reader = _mapping._quick_reader(Task)
    outcomes: list[str] = []

    def spy(value: dict[str, Any]) -> Any:
        try:
            task = reader(value)
        except Exception as exc:
            outcomes.append(type(exc).__name__)
            raise
        outcomes.append("read")
        return task

    saved = list(made)
    made[:] = [spy]
    try:
        plan = plan_from_mapping(copy.deepcopy(MAPPING))
    finally:
        made[:] = saved
    assert outcomes == ["read"] * len(MAPPING["tasks"])
    assert len(plan.tasks) == len(MAPPING["tasks"])


@pytest.mark.parametrize("odd", [True, 1.0, "1"])
def test_repeated_tables_told_apart_by_type(odd: object) -> None:
    """A cadence written like a good one but with True, 1.0 or "1" for 1 is refused, not shared."""
    data = copy.deepcopy(MAPPING)
    first, second = data["obligations"][0], data["obligations"][1]
    second["cadence"] = {**first["cadence"], "min_count": 1}
    first["cadence"] = {**first["cadence"], "min_count": 1}
    good = plan_from_mapping(copy.deepcopy(data))
    assert good.obligations[0].cadence is good.obligations[1].cadence
    second["cadence"]["min_count"] = odd
    with pytest.raises(PlanFileError, match=r"obligations\[1\]\.cadence\.min_count"):
        plan_from_mapping(data)


@pytest.mark.parametrize("bits", [_limits.LONG_INTEGER_BITS, _limits.LONG_INTEGER_BITS + 1])
@pytest.mark.parametrize("sign", [1, -1])
def test_integer_fields_refuse_long_integers_at_the_limit(bits: int, sign: int) -> None:
    """An integer field's inline quick test refuses exactly what the hook refuses: bit length >= the limit."""
    data = copy.deepcopy(MAPPING)
    data["tasks"][0]["number"] = sign * (1 << (bits - 1))  # ``bits`` bits long
    with pytest.raises(PlanFileError, match=r"tasks\[0\]\.number: .*a very long integer"):
        _mapping.plan_from_unchecked(data, source="p")
