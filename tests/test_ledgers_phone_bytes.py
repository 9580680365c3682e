"""The NumPy phone check over Arrow bytes agrees with the Python parser's pattern, whatever the cells."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xiaojie.ledgers._cells import PHONE_PATTERN, parse_cell
from xiaojie.ledgers._schema import schema_for


pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")

from xiaojie.ledgers._bytes import phone_suspects  # noqa: E402 - after the skip


PHONE = re.compile(PHONE_PATTERN)
phones = st.text(alphabet="0123456789-", min_size=0, max_size=24)
near = st.text(
    alphabet=st.sampled_from([*"0123456789-", " ", "+", "１", "é", "\x00", "\u3000", "/", "x"]),
    max_size=24,
)
cells = st.one_of(phones, near, st.none(), st.just(""), st.text(max_size=22))


def _expected(values: list[str | None]) -> list[int]:
    return [i for i, v in enumerate(values) if v and PHONE.fullmatch(v) is None]


@settings(max_examples=max(200, settings.default.max_examples * 4), deadline=None)
@given(st.lists(cells, max_size=40), st.booleans(), st.integers(0, 5))
def test_suspects_are_the_cells_the_pattern_rejects(
    values: list[str | None], large: bool, skip: int
) -> None:
    """A non-empty cell is suspect exactly when the phone pattern does not match it whole."""
    column = pa.array(values, pa.large_string() if large else pa.string())
    at = min(skip, len(values))

    assert phone_suspects(column).tolist() == _expected(values)
    assert phone_suspects(column.slice(at)).tolist() == _expected(values[at:])


@settings(max_examples=max(100, settings.default.max_examples * 2), deadline=None)
@given(st.lists(cells, max_size=20))
def test_cells_passed_are_phones_to_the_parser(values: list[str | None]) -> None:
    """Every cell the NumPy check lets through is read by the Python parser without a problem."""
    field = schema_for("households").names["phone"]
    suspect = set(phone_suspects(pa.array(values, pa.string())).tolist())

    for i, value in enumerate(values):
        if value and i not in suspect:
            assert parse_cell(field, value)[1] is None


def test_chunked_string_views_and_null_slots() -> None:
    """Chunked arrays, string views and bytes under null slots are read as one column of text."""
    values = ["0951-1234567", "1234", None, "", "13912345678", "-1234567"]
    chunked = pa.chunked_array([values[:3], values[3:]])
    # A null cell whose slot still holds bytes that are no phone's.
    masked = pa.array(["12345", "ab cd", "54321"]).filter(pa.array([True, True, True]))
    nulls = pa.Array.from_buffers(
        pa.string(), 3, [pa.py_buffer(bytes([0b101])), *masked.buffers()[1:]], null_count=1
    )

    assert phone_suspects(chunked).tolist() == [1, 5]
    assert phone_suspects(pa.array(values, pa.string_view())).tolist() == [1, 5]
    assert phone_suspects(nulls).tolist() == []
