"""The command line's JSON writer gives exactly the text of ``json.dumps(..., indent=2)``."""

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xiaojie.cli import _json
from xiaojie.cli._json import dumps


_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(alphabet=st.characters(codec="utf-8"))
)
_keys = st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none()
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(_keys, inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_values)
def test_same_text_as_the_standard_library(value: object) -> None:
    """Any JSON-able value (nested, empty, odd keys, NaN, control characters) is written as json.dumps writes it."""
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_records_of_findings() -> None:
    """A list of flat records, the shape the ledger check prints, round-trips."""
    records = [{"subject": f"H{k}", "村": "杨红村", "days": k, "x": math.pi} for k in range(3)]
    value = {"findings": records, "rows": 3}
    assert json.loads(dumps(value)) == value
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_not_serializable() -> None:
    """An object JSON cannot hold is refused, as by the standard library."""
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": object()})
    with pytest.raises(TypeError, match="keys must be"):
        dumps({(1, 2): 1})


@given(_values)
def test_written_in_pieces_same_text(value: object) -> None:
    """Written a few pieces at a time, any JSON-able value gives the text of json.dumps."""
    pieces: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_json, "_PIECES", 2)
        _json.dump(value, pieces.append)
    assert "".join(pieces) == json.dumps(value, ensure_ascii=False, indent=2)


def test_long_list_written_in_pieces() -> None:
    """A list of ten thousand records is written in several pieces, none of them the whole text."""
    value = {"findings": [{"rule": "r", "n": n} for n in range(10_000)]}
    pieces: list[str] = []
    _json.dump(value, pieces.append)
    assert len(pieces) > 1
    assert max(map(len, pieces)) < len(dumps(value)) / 2
    assert "".join(pieces) == dumps(value)


def test_lists_of_records_of_texts() -> None:
    """Records of texts in a list (the findings) read as json.dumps writes them, whatever breaks the pattern."""
    value = [
        {"rule": "r1", "subject": 'H"1\n', "found": "纳入监测\t176天"},
        {"rule": "r2", "subject": "H2", "found": ""},
        {"rule": "r3", "subject": None, "found": "x"},
        {"subject": "H4", "rule": "r4", "found": "y"},
        {"a%s": "%d", "b": "%%"},
        {1: "one", "b": "two"},
        {"rule": "r5", "nested": {"a": "b"}},
        {},
        "text",
        {"rule": "r6", "subject": "H6", "found": "z"},
    ]
    for data in (value, {"findings": value, "n": 1}):
        assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2)
