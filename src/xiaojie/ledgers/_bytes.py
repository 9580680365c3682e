"""Cell checks of fixed shape run by NumPy over the bytes of an Arrow text column.

An identity number is 18 ASCII bytes; its GB 11643-1999 test (17 digits and a check character,
a real birth date between 1900 and 2100, the weighted checksum) is a few integer operations on
those bytes. Evaluated by the SQL engine it costs a regular expression, a cast and 34 divisions a
row, about half of a full check; here each row's bytes are read as two unaligned 64-bit words
and the digits taken apart with masks and shifts, the weighted sums made by one multiplication
per four digits (16-bit lanes, no carry between them). NumPy releases the interpreter lock, so
batches are judged on every core.

The tests mark a row *suspect*, exactly as the SQL test does (see ``_sql._id_number_valid``):
a non-empty cell that is not a valid number. Suspect rows are judged by the Python parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from xiaojie.ledgers._optional import pyarrow_module, require
from xiaojie.ledgers._privacy import CHECK_CHARS, MAX_YEAR, MIN_YEAR


if TYPE_CHECKING:
    import numpy as np


__all__ = ["arrow_numbers", "id_number_suspects", "numbers", "valid"]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_WIDTH = 18
_HIGH = 0xF0F0F0F0F0F0F0F0
_LOW = 0x0F0F0F0F0F0F0F0F
_THREES = 0x3030303030303030
_SIXES = 0x0606060606060606
_EVEN = 0x00FF00FF00FF00FF
_LANE = 0xFFFF


def _lanes(first: int) -> tuple[int, int]:
    """Return the multipliers summing the even and odd digits of chars ``first``..``first+7``.

    A word's even bytes, spread into 16-bit lanes (lane ``k`` = byte ``2k``), times the first
    multiplier leave the weighted sum of those digits in the top lane; the odd bytes likewise.
    """
    even = sum(_WEIGHTS[first + 2 * k] << (16 * (3 - k)) for k in range(4))
    odd = sum(_WEIGHTS[first + 2 * k + 1] << (16 * (3 - k)) for k in range(4))
    return even, odd


_MULTIPLIERS = (*_lanes(0), *_lanes(8))


def _tables() -> tuple[Any, Any, Any]:
    np = require("numpy", "the columnar engine")
    check = np.frombuffer(CHECK_CHARS.encode(), dtype=np.uint8)
    month_days = np.zeros(100, dtype=np.int64)
    month_days[1:13] = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    years = np.arange(10000)
    leap = ((years % 4 == 0) & (years % 100 != 0)) | (years % 400 == 0)
    return check, month_days, leap


def _valid_rows(rows: np.ndarray) -> np.ndarray:
    """Return whether each row of an ``(m, 18)`` byte array is a valid identity number."""
    np = require("numpy", "the columnar engine")
    check, month_days, leap = _tables()
    m = rows.shape[0]
    flat = np.ascontiguousarray(rows).reshape(-1)
    u64 = np.dtype("<u8")
    a = np.ndarray((m,), dtype=u64, buffer=flat, offset=0, strides=(_WIDTH,)).copy()
    b = np.ndarray((m,), dtype=u64, buffer=flat, offset=8, strides=(_WIDTH,)).copy()
    last_digit = rows[:, 16].astype(np.int64) - 48
    mark = rows[:, 17]
    ok = (last_digit >= 0) & (last_digit <= 9)
    for word in (a, b):
        ok &= (word & np.uint64(_HIGH)) == np.uint64(_THREES)
        ok &= ((word + np.uint64(_SIXES)) & np.uint64(_HIGH)) == np.uint64(_THREES)
    ok &= ((mark >= ord("0")) & (mark <= ord("9"))) | (mark == ord("X")) | (mark == ord("x"))
    a &= np.uint64(_LOW)
    b &= np.uint64(_LOW)
    even_a, odd_a = a & np.uint64(_EVEN), (a >> np.uint64(8)) & np.uint64(_EVEN)
    even_b, odd_b = b & np.uint64(_EVEN), (b >> np.uint64(8)) & np.uint64(_EVEN)
    top = np.uint64(48)
    total = (
        ((even_a * np.uint64(_MULTIPLIERS[0])) >> top)
        + ((odd_a * np.uint64(_MULTIPLIERS[1])) >> top)
        + ((even_b * np.uint64(_MULTIPLIERS[2])) >> top)
        + ((odd_b * np.uint64(_MULTIPLIERS[3])) >> top)
    ).astype(np.int64) + np.where(ok, last_digit, 0) * _WEIGHTS[16]
    wanted = check[total % 11]
    ok &= (mark == wanted) | ((mark == ord("x")) & (wanted == ord("X")))
    lane = np.uint64(_LANE)
    # Characters 7-10 (year), 11-12 (month), 13-14 (day): bytes 6 and 7 of the first word,
    # bytes 0-5 of the second.
    year = (
        (even_a >> top).astype(np.int64) * 1000
        + (odd_a >> top).astype(np.int64) * 100
        + (even_b & lane).astype(np.int64) * 10
        + (odd_b & lane).astype(np.int64)
    )
    month = ((even_b >> np.uint64(16)) & lane).astype(np.int64) * 10 + (
        (odd_b >> np.uint64(16)) & lane
    ).astype(np.int64)
    day = ((even_b >> np.uint64(32)) & lane).astype(np.int64) * 10 + (
        (odd_b >> np.uint64(32)) & lane
    ).astype(np.int64)
    year = np.where(ok, year, 0)
    month = np.where(ok, month, 0)
    last = month_days[month] + ((month == 2) & leap[year])
    ok &= (year >= MIN_YEAR) & (year <= MAX_YEAR) & (day >= 1) & (day <= last)
    return ok


def _text_buffers(column: Any) -> tuple[Any, Any, Any]:  # noqa: ANN401 - an Arrow array
    """Return the offsets (int64), the data bytes and the cells present (not null, not empty)."""
    np = require("numpy", "the columnar engine")
    pa = pyarrow_module()
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = column.cast(pa.large_string())
    n = len(column)
    buffers = column.buffers()
    wide = pa.types.is_large_string(column.type)
    size = 8 if wide else 4
    offsets = np.frombuffer(
        buffers[1], dtype=np.int64 if wide else np.int32, count=n + 1, offset=column.offset * size
    ).astype(np.int64)
    data = np.zeros(0, np.uint8) if buffers[2] is None else np.frombuffer(buffers[2], np.uint8)
    present = np.diff(offsets) > 0
    if column.null_count:
        present &= valid(column)
    return offsets, data, present


def numbers(column: Any, dtype: str) -> Any:  # noqa: ANN401 - Arrow array in, NumPy array out
    """Return the values of a fixed-width Arrow array without nulls as a NumPy view.

    Arrow's own ``to_numpy`` imports pandas (about 45 MiB resident) even for a copy-free view;
    the values buffer is read directly instead.

    >>> import pyarrow as pa
    >>> numbers(pa.array([1, 2, 3], pa.int64()).slice(1), "int64").tolist()
    [2, 3]
    """
    np = require("numpy", "the columnar engine")
    pa = pyarrow_module()
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    wanted = pa.type_for_alias(dtype)
    if column.type != wanted:
        column = column.cast(wanted)
    kind = np.dtype(dtype)
    return np.frombuffer(
        column.buffers()[1], dtype=kind, count=len(column), offset=column.offset * kind.itemsize
    )


def arrow_numbers(values: Any, dtype: str) -> Any:  # noqa: ANN401 - numbers in, Arrow array out
    """Return an Arrow array of ``values`` (integers) of NumPy/Arrow type ``dtype``, no nulls.

    Built from a NumPy buffer: ``pyarrow.array`` imports pandas (to test for a pandas Series).

    >>> arrow_numbers([3, 1], "int64").to_pylist()
    [3, 1]
    """
    np = require("numpy", "the columnar engine")
    pa = pyarrow_module()
    array = np.asarray(values, dtype=dtype)
    return pa.Array.from_buffers(pa.type_for_alias(dtype), len(array), [None, pa.py_buffer(array)])


def valid(column: Any) -> Any:  # noqa: ANN401 - Arrow array in, NumPy array out
    """Return a boolean NumPy array: which cells of an Arrow array are not null.

    >>> import pyarrow as pa
    >>> valid(pa.array([1, None, 3]).slice(1)).tolist()
    [False, True]
    """
    np = require("numpy", "the columnar engine")
    n = len(column)
    bitmap = column.buffers()[0]
    if bitmap is None:
        return np.ones(n, dtype=bool)
    bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little")
    return bits[column.offset : column.offset + n].astype(bool)


def id_number_suspects(column: Any) -> Any:  # noqa: ANN401 - Arrow array in, NumPy array out
    """Return the positions of the cells of ``column`` that are not valid identity numbers.

    ``column`` is an Arrow text array; empty and null cells are not suspect (a missing number
    is the required-value test's business). Every other cell is suspect unless it is exactly a
    valid GB 11643-1999 number, as ``_sql._id_number_valid`` tests it.

    Examples
    --------
    >>> import pyarrow as pa
    >>> id_number_suspects(pa.array(["11010519491231002X", "110105194912310021", None, ""]))
    array([1])
    """
    np = require("numpy", "the columnar engine")
    offsets, data, present = _text_buffers(column)
    n = len(present)
    lengths = np.diff(offsets)
    if n and offsets[-1] - offsets[0] == _WIDTH * n and bool((lengths == _WIDTH).all()):
        rows = data[offsets[0] : offsets[-1]].reshape(n, _WIDTH)
        return np.flatnonzero(present & ~_valid_rows(rows))
    shaped = np.flatnonzero(present & (lengths == _WIDTH))
    good = np.zeros(n, dtype=bool)
    if len(shaped):
        rows = data[offsets[:-1][shaped, None] + np.arange(_WIDTH)]
        good[shaped] = _valid_rows(rows)
    return np.flatnonzero(present & ~good)
