"""The compiled TOML reader (the ``speed`` extra) gives what tomllib gives, data and errors alike."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from importlib import resources
from pathlib import Path  # noqa: TC003 - used at run time by the fixtures' paths
from typing import Any

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

import xiaojie as xj
from fuzz_mutations import FUZZ, mutated_bytes
from xiaojie.errors import PlanFileError
from xiaojie.io import _limits, plan_to_mapping
from xiaojie.io._limits import parse_text


pytest.importorskip("toml_rs")

SEED = tomli_w.dumps(plan_to_mapping(xj.load_plan())).encode()


def _same(a: Any, b: Any) -> bool:
    """Return whether two parsed values are equal, type for type (NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b) and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, dt.datetime | dt.time):
        return a == b and repr(a.tzinfo) == repr(b.tzinfo)
    return bool(a == b)


def _exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read TOML as if the speed extra were not installed."""
    monkeypatch.setattr(_limits, "available", lambda _module: False)


_SCALARS = (
    st.text()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True)
    | st.booleans()
    | st.dates()
    | st.datetimes()
    | st.datetimes(timezones=st.timezones() | st.just(dt.UTC))
    | st.times()
)
_KEYS = st.text(min_size=1, max_size=8)
_DOCUMENTS = st.dictionaries(
    _KEYS,
    st.recursive(
        _SCALARS,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=4),
        max_leaves=20,
    ),
    max_size=6,
)


def _toml(document: dict[str, Any]) -> str | None:
    """Return ``document`` as TOML, or None if the writer refuses it."""
    try:
        return tomli_w.dumps(document)
    except (TypeError, ValueError):
        return None


@FUZZ
@given(document=_DOCUMENTS)
def test_fast_reader_reads_valid_toml_as_tomllib(document: dict[str, Any]) -> None:
    """A valid TOML document with paired brackets is read by the compiled reader as tomllib reads it."""
    text = _toml(document)
    if text is None:
        return
    fast = _limits._fast_toml(text)
    try:
        exact = tomllib.loads(text)
    except tomllib.TOMLDecodeError:  # the writer wrote what TOML 1.0 cannot hold
        assert fast is None, text
        return
    if not _limits.shallow_brackets(text):  # an odd bracket in a string: tomllib reads it
        assert fast is None, text
        return
    assert fast is not None, text
    assert _same(fast, exact), text


@FUZZ
@given(data=mutated_bytes(SEED))
def test_fast_reader_never_accepts_what_tomllib_refuses(data: bytes) -> None:
    """On a damaged plan file the compiled reader gives tomllib's data or leaves it to tomllib."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    fast = _limits._fast_toml(text)
    if fast is None:
        return
    assert _same(fast, tomllib.loads(text))


@FUZZ
@given(data=mutated_bytes(SEED))
def test_damaged_plan_file_same_error_with_or_without_the_extra(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    """A damaged plan file gives the same plan or the same located error with the extra or without."""
    path = tmp_path_factory.mktemp("plan") / "plan.toml"
    path.write_bytes(data)
    outcomes = []
    for fast in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            if not fast:
                _exact(patch)
            try:
                outcomes.append(("plan", xj.load_plan(path)))
            except PlanFileError as err:
                outcomes.append(("error", str(err)))
    assert outcomes[0] == outcomes[1]


_TOML_1_1_ONLY = [
    "a = {x = 1,\n y = 2}\n",
    "a = {x = 1, }\n",
    'a = "\\e"\n',
    'a = "\\x41"\n',
    "a = 07:32\n",
    "a = 2025-01-02T07:32Z\n",
]


@pytest.mark.parametrize("text", _TOML_1_1_ONLY)
def test_toml_1_1_syntax_refused_as_tomllib_does(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Syntax new in TOML 1.1 is not read by the fast path; tomllib's error is raised."""
    assert _limits._fast_toml(text) is None
    with pytest.raises(tomllib.TOMLDecodeError, match=r"\(at line \d+, column \d+\)") as fast:
        parse_text(text, "toml")
    _exact(monkeypatch)
    with pytest.raises(tomllib.TOMLDecodeError, match=r"\(at line \d+, column \d+\)") as exact:
        parse_text(text, "toml")
    assert str(fast.value) == str(exact.value)


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "7" * 4301 + "\n",
        "a = " + "7" * 4200 + "\n",
        "a = 0x" + "f" * 5000 + "\n",
        "a = " + "[" * 33 + "]" * 33 + "\n",
        "a = " + "[" * 32 + "]" * 32 + "\n",
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "a = " + "[" * 20000 + "]" * 20000 + "\n",
        "a = " + "{a=" * 20000 + "1" + "}" * 20000 + "\n",
        "a = " + "[" * 100 + "]" * 100 + "\n",
        "a = " + "{b=" * 40 + "1" + "}" * 40 + "\n",
        "[" + ".".join(["t"] * 40) + "]\nx = 1\n",
    ],
    ids=[
        "4301-digits",
        "4200-digits",
        "hex",
        "33-deep",
        "32-deep",
        "5000-deep",
        "20000-deep-arrays",
        "20000-deep-tables",
        "100-deep",
        "tables",
        "keys",
    ],
)
def test_long_numbers_and_deep_nesting_same_result(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over-long integers and deep nesting give the same data or problem with the extra or without."""
    fast = parse_text(text, "toml")
    _exact(monkeypatch)
    exact = parse_text(text, "toml")
    assert fast[1] == exact[1]
    assert _same(fast[0], exact[0])


def test_over_long_integer_left_to_tomllib() -> None:
    """An integer tomllib refuses (over 4,300 digits) is not read by the compiled reader."""
    assert _limits._fast_toml("a = " + "7" * 4301) is None
    problem = parse_text("a = " + "7" * 4301, "toml")[1]
    assert problem is not None
    assert problem.expected == "a number of at most 4,300 digits"


def test_bundled_plan_file_same_data() -> None:
    """The bundled plan file is read by the compiled reader into exactly tomllib's data."""
    resource = resources.files("xiaojie.data").joinpath("ningxia-2025.toml")
    text = resource.read_text(encoding="utf-8")
    fast = _limits._fast_toml(text)
    assert fast is not None
    assert _same(fast, tomllib.loads(text))


def test_plan_file_same_plan_with_or_without_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan file loads into an equal plan whichever reader reads it."""
    path = tmp_path / "plan.toml"
    path.write_bytes(SEED)
    fast = xj.load_plan(path)
    _exact(monkeypatch)
    assert xj.load_plan(path) == fast


@pytest.mark.parametrize(
    ("text", "shallow"),
    [
        ("a = [[1], {b = [2]}]\n[[t]]\nx = 1\n", True),
        ("a = " + "[" * 64 + "]" * 64, True),
        ("a = " + "[" * 129 + "]" * 129, False),
        ("a = " + "[{" * 32 + "}]" * 32, True),
        ("a = " + "[{" * 65 + "}]" * 65, False),
        ('a = "[" # an odd bracket in a string\n', False),
        ("a = [1}", False),
    ],
)
def test_only_shallow_brackets_reach_the_compiled_reader(text: str, *, shallow: bool) -> None:
    """Brackets 64 deep reach the compiled reader; over 128 deep or unpaired never do."""
    assert _limits.shallow_brackets(text) is shallow
