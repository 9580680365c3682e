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

import functools
from typing import TYPE_CHECKING, Any

from xiaojie.ledgers._cells import KEY_REFUSED
from xiaojie.ledgers._optional import pyarrow_module, require
from xiaojie.ledgers._privacy import CHECK_CHARS, MAX_YEAR, MIN_BIRTH_YEAR


if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = [
    "arrow_numbers",
    "blank_suspects",
    "id_number_suspects",
    "key_hashes",
    "numbers",
    "phone_suspects",
    "valid",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_WIDTH = 18
_HIGH = 0xF0F0F0F0F0F0F0F0
_THREES = 0x3030303030303030
_SIXES = 0x0606060606060606
_EVEN = 0x00FF00FF00FF00FF
_NIBBLES = 0x0F0F0F0F
_LOWER = 0x20
"""The bit that makes ``X`` ``x`` (digits have it already)."""
_NUMBERS = 16666
"""One more than the largest number four masked characters make (see :func:`_four`)."""


def _lanes(first: int) -> tuple[int, int]:
    """Return the multipliers summing the even and odd digits of chars ``first``..``first+7``.

    A word's even bytes, spread into 16-bit lanes (lane ``k`` = byte ``2k``), times the first
    multiplier leave the weighted sum of those digits in the top lane; the odd bytes likewise.
    """
    even = sum(_WEIGHTS[first + 2 * k] << (16 * (3 - k)) for k in range(4))
    odd = sum(_WEIGHTS[first + 2 * k + 1] << (16 * (3 - k)) for k in range(4))
    return even, odd


_MULTIPLIERS = (*_lanes(0), *_lanes(8))


@functools.cache
def _tables() -> tuple[Any, Any, Any]:
    """Return the lookup tables: check character by weighted sum, month-days, years.

    The check characters (lower-cased, so ``X`` and ``x`` compare equal) are indexed by any
    16-bit sum. ``MMDD`` numbers map to 1 for a real day of the year, 2 for 29 February; years
    map to 1 within the years allowed, 3 for such a leap year, so ``days & years`` is nonzero
    exactly for a real date. Both are indexed by any number :func:`_four` makes.
    """
    np = require("numpy", "the columnar engine")
    wanted = np.frombuffer(CHECK_CHARS.encode(), dtype=np.uint8)[np.arange(1 << 16) % 11]
    wanted |= np.uint8(_LOWER)
    ends = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    days = np.zeros(_NUMBERS, dtype=np.uint8)
    for month, last in enumerate(ends, 1):
        days[month * 100 + 1 : month * 100 + last + 1] = 1
    days[229] = 2
    years = np.arange(_NUMBERS)
    leap = ((years % 4 == 0) & (years % 100 != 0)) | (years % 400 == 0)
    allowed = (years >= MIN_BIRTH_YEAR) & (years <= MAX_YEAR)
    return wanted, days, (allowed * (1 + 2 * leap)).astype(np.uint8)


def _four(word: Any) -> Any:  # noqa: ANN401 - uint32 NumPy array in and out
    """Return the number of four ASCII digits held in a little-endian 32-bit word.

    Each byte is masked to its low four bits first (so any bytes give a number below
    :data:`_NUMBERS`); ``10 * word + word >> 8`` then holds the first two digits' number in
    byte 0 and the last two's in byte 2, with no carry between bytes.
    """
    np = require("numpy", "the columnar engine")
    w = word & np.uint32(_NIBBLES)
    pairs = (w * np.uint32(10) + (w >> np.uint32(8))) & np.uint32(0x00FF00FF)
    return (pairs & np.uint32(0xFF)) * np.uint32(100) + (pairs >> np.uint32(16))


def _valid_rows(rows: Any) -> Any:  # noqa: ANN401 - (m, 18) uint8 array in, booleans out
    """Return whether each row of an ``(m, 18)`` byte array is a valid identity number.

    Characters 1-16 are read as two 64-bit words XOR ``0x30`` each byte: a byte is a digit
    when the result and the result plus 6 both keep the high nibble clear. The weighted sum
    is made in 16-bit lanes (see :func:`_lanes`) and looked up, not divided by 11; the birth
    date's year and ``MMDD`` are two 32-bit words (:func:`_four`) looked up in two tables.
    Rows failing an earlier test may index the tables with anything: every index is in range.
    """
    np = require("numpy", "the columnar engine")
    wanted, days, years = _tables()
    m = rows.shape[0]
    flat = np.ascontiguousarray(rows).reshape(-1)

    def word(dtype: str, offset: int) -> Any:  # noqa: ANN401 - a strided view
        return np.ndarray(
            (m,), dtype=np.dtype(dtype), buffer=flat, offset=offset, strides=(_WIDTH,)
        )

    a = word("<u8", 0) ^ np.uint64(_THREES)
    b = word("<u8", 8) ^ np.uint64(_THREES)
    six = np.uint64(_SIXES)
    ok = ((a | (a + six) | b | (b + six)) & np.uint64(_HIGH)) == 0
    last = rows[:, 16] - np.uint8(48)
    mark = rows[:, 17]
    ok &= last <= 9  # a digit (bytes below "0" wrap round)
    ok &= ((mark - np.uint8(48)) <= 9) | ((mark | np.uint8(_LOWER)) == ord("x"))
    even, eight = np.uint64(_EVEN), np.uint64(8)
    # Each lane of the sum holds at most 16 * 10 * 255 < 2**16 (no carry between lanes), so
    # the top lane is the weighted sum, whatever the bytes.
    total = (
        (a & even) * np.uint64(_MULTIPLIERS[0])
        + ((a >> eight) & even) * np.uint64(_MULTIPLIERS[1])
        + (b & even) * np.uint64(_MULTIPLIERS[2])
        + ((b >> eight) & even) * np.uint64(_MULTIPLIERS[3])
    ) >> np.uint64(48)
    total = total.astype(np.uint16) + (last & np.uint8(15)).astype(np.uint16) * np.uint16(
        _WEIGHTS[16]
    )
    ok &= wanted[total] == (mark | np.uint8(_LOWER))
    # Characters 7-10 (the year) and 11-14 (month and day).
    ok &= (days[_four(word("<u4", 10))] & years[_four(word("<u4", 6))]) != 0
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


_PHONE_SHORTEST = 5
_PHONE_LONGEST = 20
_HYPHEN = ord("-")


def phone_suspects(column: Any) -> Any:  # noqa: ANN401 - Arrow array in, NumPy array out
    """Return the positions of the cells of ``column`` that are not phone numbers.

    A phone number is ``PHONE_PATTERN`` (``[0-9][0-9-]{4,19}``, ASCII digits): 5 to 20 bytes,
    each a digit or a hyphen, the first a digit. Empty and null cells are not suspect, as in
    the SQL test this replaces (``_sql._suspect``). The column's bytes are classified in one
    pass; the few bytes neither digit nor hyphen are then placed in their rows.

    Examples
    --------
    >>> import pyarrow as pa
    >>> phone_suspects(pa.array(["13912345678", "0951-1234567", "-1234", "1234", None, "", "１2345"]))
    array([2, 3, 6])
    """
    np = require("numpy", "the columnar engine")
    offsets, data, present = _text_buffers(column)
    n = len(present)
    lengths = np.diff(offsets)
    ok = (lengths >= _PHONE_SHORTEST) & (lengths <= _PHONE_LONGEST)
    starts = offsets[:-1] - offsets[0]
    span = data[offsets[0] : offsets[-1]]
    if n and len(span):
        # The bytes neither digits nor hyphens (few or none); a byte below "0" wraps round.
        at = _bytes_where(span, ord("0"), ord("9"), _not_phone_bytes)
        ok[np.searchsorted(starts, at, side="right") - 1] = False
        # The first byte of each cell of the right length (the others fail already).
        first = span[np.minimum(starts, len(span) - 1)]
        ok &= (first - np.uint8(48)) <= 9
    return np.flatnonzero(present & ~ok)


def _ranges(codes: list[int]) -> list[tuple[int, int]]:
    """Return the runs of consecutive numbers in sorted ``codes`` as ``(first, last)``."""
    runs: list[tuple[int, int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


_BLOCK = 1 << 15
"""Bytes a block of :func:`_bytes_where` (its smallest and largest byte are found first)."""


def _bytes_where(span: Any, low: int, high: int, test: Callable[[Any], Any]) -> Any:  # noqa: ANN401
    """Return the positions of the bytes of ``span`` that ``test`` marks, in order.

    ``test`` takes a uint8 array and returns booleans; it marks no byte within ``low..high``.
    The bytes are taken in blocks of :data:`_BLOCK`: a block whose smallest and largest bytes
    lie within the range (most or all of a column of keys or phone numbers) is passed over,
    and only the other blocks are tested byte by byte (all bytes at once when they are many).
    Finding a block's extremes makes no array the size of the block; a test makes several.

    >>> import numpy as np
    >>> span = np.frombuffer(b"0123456789-x 0123456789", np.uint8)
    >>> _bytes_where(span, 48, 57, lambda part: ((part - np.uint8(48)) > 9) & (part != 45)).tolist()
    [11, 12]
    """
    np = require("numpy", "the columnar engine")
    whole = len(span) // _BLOCK * _BLOCK
    blocks = span[:whole].reshape(-1, _BLOCK)
    flagged = np.flatnonzero((blocks.min(axis=1) < low) | (blocks.max(axis=1) > high))
    if 4 * len(flagged) > len(blocks):
        return np.flatnonzero(test(span))
    places = [np.flatnonzero(test(blocks[k])) + k * _BLOCK for k in flagged.tolist()]
    places.append(np.flatnonzero(test(span[whole:])) + whole)
    return np.concatenate(places)


_ASCII_BLANKS = _ranges(sorted(ord(ch) for ch in KEY_REFUSED if ord(ch) < 0x80))
_WIDE_BLANKS = tuple(ch.encode() for ch in KEY_REFUSED if ord(ch) >= 0x80)
"""The UTF-8 bytes of the wide characters a key refuses: the ideographic space (E3 80 80), the
no-break space (C2 A0) and the other Unicode spaces (C2 85, E1 9A 80, E2 80 80-8A, E2 80 A8-A9,
E2 80 AF, E2 81 9F), the zero-width characters U+200B-U+200D (E2 80 8B-8D) and U+2060
(E2 81 A0), U+FEFF (EF BB BF) and the soft hyphen (C2 AD)."""
_WIDE_LEADS = sorted({wide[0] for wide in _WIDE_BLANKS})
_FIRST_PRINTED = ord("!")
"""Every ASCII blank is a byte below this one."""
assert max(last for _, last in _ASCII_BLANKS) < _FIRST_PRINTED  # noqa: S101 - what the test needs


def _blank_bytes(part: Any) -> Any:  # noqa: ANN401 - uint8 array in, booleans out
    """Mark the bytes below ``!`` and the lead bytes of the wide characters a key refuses."""
    marked = part < _FIRST_PRINTED
    for lead in _WIDE_LEADS:
        marked |= part == lead
    return marked


def _not_phone_bytes(part: Any) -> Any:  # noqa: ANN401 - uint8 array in, booleans out
    """Mark the bytes neither an ASCII digit nor a hyphen (a byte below "0" wraps round)."""
    np = require("numpy", "the columnar engine")
    return ((part - np.uint8(48)) > 9) & (part != _HYPHEN)


def blank_suspects(column: Any) -> Any:  # noqa: ANN401 - Arrow array in, NumPy array out
    r"""Return the positions of the cells of ``column`` holding a blank or an invisible character.

    The characters are ``KEY_REFUSED`` (the blanks and the zero-width characters, as
    ``KEY_PATTERN`` refuses them in a key); empty and null cells are not suspect, as in the SQL
    test this replaces (``_sql._suspect``). An ASCII blank is one byte, found by comparisons
    over the column's bytes; a wider character (the ideographic space, the zero-width ones) is
    found from its first byte, its other bytes checked at those few places. In UTF-8 neither
    byte pattern occurs inside another character.

    Examples
    --------
    >>> import pyarrow as pa
    >>> blank_suspects(pa.array(["H001", "H 002", "H003\t", None, "", "H　004", "同心县", "H\u200b5"]))
    array([1, 2, 5, 7])
    """
    np = require("numpy", "the columnar engine")
    offsets, data, present = _text_buffers(column)
    n = len(present)
    starts = offsets[:-1] - offsets[0]
    span = data[offsets[0] : offsets[-1]]
    found = np.zeros(n, dtype=bool)
    if not n or not len(span):
        return np.flatnonzero(found)
    # Every refused character is a byte below "!" or starts with the lead byte of a wide one:
    # those bytes (few or none in a column of keys, even of Chinese keys) are looked at one by one.
    at = _bytes_where(span, _FIRST_PRINTED, min(_WIDE_LEADS) - 1, _blank_bytes)
    near = span[at]
    hit = np.zeros(len(at), dtype=bool)
    for first, last in _ASCII_BLANKS:
        hit |= (near - np.uint8(first)) <= last - first
    places = [at[hit]]
    for wide in _WIDE_BLANKS:
        lead = at[near == wide[0]]
        lead = lead[lead <= len(span) - len(wide)]
        for k, byte in enumerate(wide[1:], 1):
            lead = lead[span[lead + k] == byte]
        places.append(lead)
    found[np.searchsorted(starts, np.concatenate(places), side="right") - 1] = True
    return np.flatnonzero(present & found)


_WORD = 8
_MIX = 0x9E3779B97F4A7C15
"""An odd multiplier (Fibonacci hashing) folding each word of a key into its hash."""
_FINAL = (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53)
"""The multipliers of MurmurHash3's 64-bit finaliser."""


def _width_hashes(flat: Any, m: int, width: int) -> Any:  # noqa: ANN401 - bytes in, uint64 out
    """Return the hashes of ``m`` keys of ``width`` bytes held one after another in ``flat``.

    A key is read as 64-bit words at bytes 0, 8, 16, … and its last word ending at its last
    byte (overlapping the one before; a key shorter than a word is padded with zeros).
    """
    np = require("numpy", "the columnar engine")
    if width < _WORD:
        padded = np.zeros((m, _WORD), dtype=np.uint8)
        padded[:, :width] = flat.reshape(m, width)
        flat, starts, stride = padded.reshape(-1), [0], _WORD
    else:
        starts, stride = [*range(0, width - _WORD, _WORD), width - _WORD], width
    mix, shift = np.uint64(_MIX), np.uint64(29)
    h = np.full(m, (width * _MIX) % (1 << 64), dtype=np.uint64)
    for start in starts:
        word = np.ndarray((m,), dtype="<u8", buffer=flat, offset=start, strides=(stride,))
        h ^= word
        h *= mix
        h ^= h >> shift
    # MurmurHash3's finaliser: every bit of the key moves every bit of the hash.
    h ^= h >> np.uint64(33)
    h *= np.uint64(_FINAL[0])
    h ^= h >> np.uint64(33)
    h *= np.uint64(_FINAL[1])
    h ^= h >> np.uint64(33)
    return h


def key_hashes(column: Any) -> tuple[Any, Any]:  # noqa: ANN401 - Arrow array in, NumPy out
    """Return 64-bit hashes of the keys neither null nor empty, and the keys' positions.

    Equal keys (the same bytes) have equal hashes: a hash held by one key only proves the key
    unique; keys of a shared hash are looked at again. The bytes of each key are read as
    64-bit words, each folded in by a multiplication; keys of one length need no copy.

    Examples
    --------
    >>> import pyarrow as pa
    >>> hashes, at = key_hashes(pa.array(["H01", None, "", "H02", "H01"]))
    >>> at.tolist(), bool(hashes[0] == hashes[2]), bool(hashes[0] == hashes[1])
    ([0, 3, 4], True, False)
    """
    np = require("numpy", "the columnar engine")
    offsets, data, present = _text_buffers(column)
    n = len(present)
    lengths = np.diff(offsets)
    first = int(lengths[0]) if n else 0
    if n and offsets[-1] - offsets[0] == first * n and bool((lengths == first).all()):
        if not first:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.intp)
        hashes = _width_hashes(data[offsets[0] : offsets[-1]], n, first)
        if bool(present.all()):
            return hashes, np.arange(n)
        return hashes[present], np.flatnonzero(present)
    # Keys of several lengths: each length on its own, the hashes put back in row order.
    hashes = np.zeros(n, dtype=np.uint64)
    for width in np.unique(lengths[present]).tolist():
        at = np.flatnonzero(present & (lengths == width))
        rows = data[offsets[:-1][at, None] + np.arange(width)]
        hashes[at] = _width_hashes(rows.reshape(-1), len(at), width)
    return hashes[present], np.flatnonzero(present)
