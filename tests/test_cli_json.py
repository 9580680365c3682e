"""The command line's JSON writer gives exactly the text of ``json.dumps(..., indent=2)``."""

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
