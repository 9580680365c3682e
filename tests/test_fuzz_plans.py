"""Fuzzed plan files: whatever the bytes, load_plan gives a plan or a located PlanFileError."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable  # noqa: TC003 - fixtures' annotations
from pathlib import Path  # noqa: TC003 - used at run time by the fixtures' paths

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from fuzz_mutations import FUZZ, mutated_bytes
from xiaojie.errors import PlanFileError, XiaojieError
from xiaojie.io import plan_to_mapping


MAPPING = plan_to_mapping(xj.load_plan())
TOML_SEED = tomli_w.dumps(MAPPING).encode()
JSON_SEED = json.dumps(MAPPING, ensure_ascii=False, indent=1, default=str).encode()


def _load(tmp: Path, name: str, data: bytes) -> None:
    """Load ``data`` as the plan file ``name``; only a located PlanFileError may escape."""
    path = tmp / name
    path.write_bytes(data)
    error: XiaojieError | None = None
    try:
        xj.load_plan(path)
    except XiaojieError as err:
        error = err
    if error is None:
        return
    text = str(error)
    assert isinstance(error, PlanFileError), f"{type(error).__name__}: {text}"
    assert str(path) in text, text
    assert error.exceptions, text
    for problem in error.exceptions:
        assert problem.expected, text
        assert problem.found, text
    assert "object at 0x" not in text, text  # no internal objects shown


@FUZZ
@given(data=mutated_bytes(TOML_SEED))
def test_fuzzed_toml_plan(example_folder: Callable[[str], Path], data: bytes) -> None:
    """A damaged TOML plan file loads or raises a PlanFileError naming the file."""
    _load(example_folder("plan-toml"), "plan.toml", data)


@FUZZ
@given(data=mutated_bytes(JSON_SEED))
def test_fuzzed_json_plan(example_folder: Callable[[str], Path], data: bytes) -> None:
    """A damaged JSON plan file loads or raises a PlanFileError naming the file."""
    _load(example_folder("plan-json"), "plan.json", data)


@FUZZ
@given(
    depth=st.integers(33, 20_000),
    digits=st.integers(4301, 30_000),
    kind=st.sampled_from(["toml-array", "toml-table", "json-array", "json-object", "number"]),
    suffix=st.sampled_from([".toml", ".json"]),
)
def test_deep_nesting_and_huge_numbers(
    example_folder: Callable[[str], Path], depth: int, digits: int, kind: str, suffix: str
) -> None:
    """Nesting deeper than 32 and integers over 4,300 digits give a located PlanFileError."""
    if kind == "number":
        text = f"id = {'7' * digits}\n" if suffix == ".toml" else f'{{"id": {"7" * digits}}}'
        expected = "at most 4,300 digits"
    elif suffix == ".toml":
        inner = (
            "[" * depth + "]" * depth
            if kind.endswith("array")
            else "{a=" * depth + "1" + "}" * depth
        )
        text = f"deep = {inner}\n"
        expected = "nested at most 32 deep"
    else:
        inner = (
            "[" * depth + "]" * depth
            if kind.endswith("array")
            else '{"a":' * depth + "1" + "}" * depth
        )
        text = f'{{"deep": {inner}}}'
        expected = "nested at most 32 deep"
    path = example_folder("plan-deep") / f"plan{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanFileError, match=expected) as caught:
        xj.load_plan(path)
    assert str(path) in str(caught.value)
    assert "line 1, column" in str(caught.value) or "deep" in str(caught.value)


def test_seeds_are_valid(tmp_path: Path) -> None:
    """The seeds the mutations start from are valid plan files (so mutations test damage)."""
    assert tomllib.loads(TOML_SEED.decode()) == MAPPING
    for name, seed in (("seed.toml", TOML_SEED), ("seed.json", JSON_SEED)):
        (tmp_path / name).write_bytes(seed)
        assert xj.load_plan(tmp_path / name) == xj.load_plan()
