"""Unknown keys in a plan file are located errors with a did-you-mean, never dropped silently."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import xiaojie as xj
from xiaojie.io import plan_from_mapping


BUNDLED = Path(xj.__file__).parent / "data" / "ningxia-2025.toml"
TASK_KEYS = (
    "number",
    "title",
    "text",
    "campaign",
    "units",
    "units_text",
    "persons",
    "implementing",
    "supporting",
)


def _data() -> dict[str, Any]:
    return tomllib.loads(BUNDLED.read_text(encoding="utf-8"))


def _problems(data: dict[str, Any], source: str = "plan.toml") -> list[xj.PlanValidationError]:
    with pytest.raises(xj.PlanFileError, match=re.escape(source)) as info:
        plan_from_mapping(data, source=source)
    return list(info.value.problems)


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_misspelt_implementing_in_a_task_is_a_located_error(tmp_path: Path, suffix: str) -> None:
    """A task's misspelt ``implementers`` names the file, the task, the key, the keys and the fix."""
    data = _data()
    data["tasks"][3]["implementers"] = [data["tasks"][3]["units"][-1]]
    path = tmp_path / f"county-plan{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, default=str, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    with pytest.raises(xj.PlanFileError, match=r"county-plan\.(toml|json): 1 problem") as info:
        xj.load_plan(path)
    (problem,) = info.value.problems
    assert problem.path == "tasks[3].implementers"
    assert "'implementers'" in problem.found
    assert "task 4" in problem.found
    assert "did you mean 'implementing'?" in problem.expected
    assert all(key in problem.expected for key in TASK_KEYS)


def test_unknown_keys_in_every_table_are_reported_together() -> None:
    """Misspelt keys at the top, in the plan table, units, milestones, periods and targets are all reported."""
    data = _data()
    data["milestone"] = []
    data["plan"]["titel"] = "x"
    data["units"][0]["aliasses"] = ["x"]
    data["milestones"][0]["ownres"] = ["x"]
    data["milestones"][1]["when"]["ned"] = "2025-01-01"
    data["indicators"][0]["targets"][0]["valeu"] = 3
    data["obligations"][0]["cadence"]["frequence"] = "monthly"
    found = {(p.path, p.expected.rsplit("(did you mean ", 1)[-1]) for p in _problems(data)}
    assert found == {
        ("milestone", "'milestones'?)"),
        ("plan.titel", "'title'?)"),
        ("units[0].aliasses", "'aliases'?)"),
        ("milestones[0].ownres", "'owners'?)"),
        ("milestones[1].when.ned", "'end'?)"),
        ("indicators[0].targets[0].valeu", "'value'?)"),
        ("obligations[0].cadence.frequence", "'frequency'?)"),
    }


def test_unknown_key_is_reported_beside_the_rows_other_problems() -> None:
    """A row with an unknown key and a bad value gives both problems, each at its own path."""
    data = _data()
    data["tasks"][0]["implementers"] = ["x"]
    data["tasks"][0]["title"] = 5
    paths = [p.path for p in _problems(data)]
    assert sorted(paths) == ["tasks[0].implementers", "tasks[0].title"]


def test_key_far_from_every_known_key_has_no_suggestion() -> None:
    """A key like nothing the table holds lists the expected keys without a guess."""
    data = _data()
    data["tasks"][0]["备注"] = "x"
    (problem,) = _problems(data)
    assert problem.path == "tasks[0].备注"
    assert "did you mean" not in problem.expected
    assert "units_text" in problem.expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    key=st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=14).filter(
        lambda k: k not in TASK_KEYS
    ),
    row=st.integers(min_value=0, max_value=9),
)
def test_any_unknown_task_key_is_named_never_dropped(key: str, row: int) -> None:
    """Whatever key is added to whichever task, loading fails naming exactly that key and row."""
    data = _data()
    data["tasks"][row][key] = "x"
    (problem,) = _problems(data)
    assert problem.path == f"tasks[{row}].{key}"
    assert f"task {data['tasks'][row]['number']}" in problem.found


def test_files_written_by_save_plan_have_only_known_keys(tmp_path: Path) -> None:
    """The check does not reject what the library itself writes: the bundled plan round-trips."""
    plan = xj.load_plan()
    assert xj.load_plan(xj.save_plan(plan, tmp_path / "copy.toml")) == plan
    assert xj.load_plan(xj.save_plan(plan, tmp_path / "copy.json")) == plan


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[milestones]]\nsource = "x"\nid = "y"\n',
            r"the overlay: unknown key 'milestones' \(did you mean 'milestone'\?\)",
        ),
        (
            '[plan]\nid = "p"\nisuser = "x"\n',
            r"\[plan\]: unknown key 'isuser' \(did you mean 'issuer'\?\)",
        ),
        (
            '[match]\nindex_numer = "640324017/2026-00009"\n',
            r"\[match\]: unknown key 'index_numer' \(did you mean 'index_number'\?\)",
        ),
        (
            '[[milestone]]\nsource = "x"\ntitel = "y"\n',
            r"milestone\[0\]: unknown key 'titel' \(did you mean 'title'\?\)",
        ),
    ],
)
def test_unknown_keys_in_an_overlay_are_named(tmp_path: Path, text: str, message: str) -> None:
    """An overlay's misspelt table or key is refused with the file, the key and the closest key."""
    from xiaojie.errors import PlanParseError
    from xiaojie.parsing import load_overlay

    path = tmp_path / "my-overlay.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanParseError, match=message) as info:
        load_overlay(path)
    assert "my-overlay.toml" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[bodys]]\nnames = ["数据资源局"]\n',
            r"the catalogue: unknown key 'bodys' \(did you mean 'body'\?\)",
        ),
        (
            '[[body]]\nnames = ["数据资源局"]\nshrot = ["数资局"]\n',
            r"body\[1\]: unknown key 'shrot' \(did you mean 'short'\?\); expected one of kind, names, short",
        ),
    ],
)
def test_unknown_keys_in_a_body_catalogue_are_named(
    tmp_path: Path, text: str, message: str
) -> None:
    """A catalogue's misspelt key (short forms that would be dropped) is refused with the closest key."""
    from xiaojie.errors import PlanParseError
    from xiaojie.parsing._catalogue import load_catalogue

    path = tmp_path / "more-bodies.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanParseError, match=message) as info:
        load_catalogue(path)
    assert "more-bodies.toml" in str(info.value)


_CATALOGUE_HEAD = (
    '# more bodies\n\n[[body]]\nnames = ["数据资源局"]\n\n[[body]]\nnames = ["大数据中心"]\n'
)


@pytest.mark.parametrize(
    ("tail", "line", "message"),
    [
        ('shrot = ["数资局"]\n', 10, r"body\[2\]: unknown key 'shrot'"),
        ('kind = "bureau"\n', 10, r"body\[2\]\.kind: expected one of .*, found 'bureau'"),
        ('short = "数资局"\n', 10, r"body\[2\]\.short: expected a list of short names"),
    ],
)
def test_catalogue_problems_name_their_line(
    tmp_path: Path, tail: str, line: int, message: str
) -> None:
    """A catalogue's problem is on the line of the key it is about, not on line 1."""
    from xiaojie.errors import PlanParseError
    from xiaojie.parsing._catalogue import load_catalogue

    path = tmp_path / "more-bodies.toml"
    path.write_text(_CATALOGUE_HEAD + "\n\n" + tail, encoding="utf-8")
    with pytest.raises(PlanParseError, match=message) as info:
        load_catalogue(path)
    assert (info.value.line, info.value.column) == (line, 1)
    assert str(info.value).startswith(f"{path}:{line}:1: ")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[match]\ntitle = "t"\n\n[plan]\nid = "p"\nisuser = "x"\n', 6),
        (
            '[plan]\nid = "p"\n\n[[milestone]]\nsource = "a"\n\n[[milestone]]\nsource = "b"\ntitel = "y"\n',
            9,
        ),
        ('[plan]\nid = "p"\n\n[[milestones]]\nsource = "x"\n', 4),
        ('[plan]\nid = "p"\n\n[[milestone]]\nsource = 3\n', 5),
        ('[plan]\nid = "p"\nissuer = = "x"\n', 3),
    ],
)
def test_overlay_problems_name_their_line(tmp_path: Path, text: str, line: int) -> None:
    """An overlay's unknown key, bad value or TOML syntax error names its real line."""
    from xiaojie.errors import PlanParseError
    from xiaojie.parsing import load_overlay

    path = tmp_path / "my-overlay.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanParseError, match=r"overlay: ") as info:
        load_overlay(path)
    assert info.value.line == line


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(size=st.integers(min_value=61, max_value=20_000))
def test_values_in_file_errors_are_bounded_and_masked(tmp_path: Path, size: int) -> None:
    """A long value is cut to 60 characters and an identity number in it is masked."""
    from xiaojie.errors import PlanParseError
    from xiaojie.parsing._catalogue import load_catalogue

    path = tmp_path / "more-bodies.toml"
    value = "640324199001011234" + "x" * size
    path.write_text(f'[[body]]\nnames = ["数据资源局"]\nkind = "{value}"\n', encoding="utf-8")
    with pytest.raises(PlanParseError, match=r"body\[1\]\.kind: expected one of") as info:
        load_catalogue(path)
    reason = info.value.reason
    found = reason.split("found ", 1)[1]
    assert len(found) <= 60
    assert found.endswith("…")
    assert "640324199001011234" not in reason
    assert "6403**********1234" in reason
    assert info.value.line == 3


def test_long_unknown_keys_are_bounded(tmp_path: Path) -> None:
    """An unknown key of 5,000 characters is quoted in at most 60 and gets no hint search."""
    from xiaojie.errors import PlanParseError
    from xiaojie.parsing import load_overlay

    path = tmp_path / "my-overlay.toml"
    key = "k" * 5000
    path.write_text(f'[plan]\nid = "p"\n{key} = 1\n', encoding="utf-8")
    with pytest.raises(PlanParseError, match=r"\[plan\]: unknown key 'k+…") as info:
        load_overlay(path)
    assert len(str(info.value)) < 300
    assert info.value.line == 3
