"""Reading a large TOML file piece by piece, each piece's data given out before the next is read.

A plan file of 100,000 tasks is 160 MB of TOML; its data as one mapping takes over a gigabyte,
built only to be turned into a plan and dropped. Read in pieces of a few megabytes, cut before
the lines that open a table of a top-level array of tables (``[[tasks]]``), each piece's rows can
be built into the plan's objects and dropped before the next piece is read, so that no more than
one piece's data is held at a time.

A piece is read as its own text, so it is given out only when reading it so cannot change what
the whole file means (the rules of :func:`read_toml_pieces`); anything doubtful raises
:class:`_PiecesRefused`, and the caller reads the whole file, whose data and errors decide.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from xiaojie.io._limits import read_toml_unchecked, shallow_brackets


if TYPE_CHECKING:
    from collections.abc import Collection, Iterator
    from typing import BinaryIO


__all__ = ["PIECE_BYTES", "read_toml_pieces", "toml_pieces"]

PIECE_BYTES = 1 << 20
"""About how many bytes of a TOML file :func:`read_toml_pieces` reads as one piece."""

_HEADER = re.compile(rb"\[\[([A-Za-z0-9_-]+)\]\]\r?\n")
"""A line that opens a table of a top-level array of tables (``[[tasks]]``), with its newline."""

_LINE_START = b"\n[["
_LONGEST_NAME = 256
"""A ``[[name]]`` line split by the end of what was read so far is looked for again once more
is read, when its name is at most this long (a longer one is only no place to cut)."""


class _PiecesRefused(Exception):  # noqa: N818 - a signal to read the whole file, never raised to callers
    """The pieces of a TOML file could read differently from the whole file: read it whole."""


def _cut_after(
    buffer: bytes | bytearray, start: int, names: Collection[str]
) -> re.Match[bytes] | None:
    """Return the first ``[[name]]`` line of ``buffer`` that begins after ``start``, or ``None``.

    Only a line that begins after a newline and names one of ``names``.
    """
    at = buffer.find(_LINE_START, max(start, 1) - 1)
    while at >= 0:
        found = _HEADER.match(buffer, at + 1)
        if found is not None and found.group(1).decode("ascii") in names:
            return found
        at = buffer.find(_LINE_START, at + 1)
    return None


def toml_pieces(
    file: BinaryIO, names: Collection[str], size: int = PIECE_BYTES
) -> Iterator[tuple[bytes, str | None]]:
    r"""Yield a TOML file's bytes in pieces of about ``size`` bytes, with the array each last line opens.

    A piece after the first begins with a line ``[[name]]`` for a name of ``names``, and the
    piece before it ends with that same line (so that line is in two pieces); the name is given
    with the piece before. The last piece is given with ``None``. A file with no such line
    beyond its first ``size`` bytes is one piece. Only one piece (and the part of the next one
    read so far) is held at a time.

    Examples
    --------
    >>> import io
    >>> text = b"a = 1\n[[t]]\nx = 1\n[[t]]\nx = 2\n[[t]]\nx = 3\n"
    >>> for piece, name in toml_pieces(io.BytesIO(text), {"t"}, size=4):
    ...     print(piece, name)
    b'a = 1\n[[t]]\n' t
    b'[[t]]\nx = 1\n[[t]]\n' t
    b'[[t]]\nx = 2\n[[t]]\n' t
    b'[[t]]\nx = 3\n' None
    """
    buffer = b""  # what is read and not yet given, from ``begin`` on
    begin = 0
    start = size  # where the next cut is looked for, counted from ``begin``
    ended = False
    while True:
        found = _cut_after(buffer, begin + start, names)
        if found is None:
            if ended:
                if len(buffer) > begin:
                    yield buffer[begin:], None
                return
            start = max(start, len(buffer) - begin - _LONGEST_NAME - 8)
            rest = buffer[begin:]
            # at least as much again as is held: a long stretch without a cut is read in
            # doubling blocks, so it is copied a few times at most, not once per block
            block = file.read(max(size, len(rest), 1 << 16))
            buffer, begin, ended = rest + block, 0, not block
            del rest
            continue
        yield buffer[begin : found.end()], found.group(1).decode("ascii")
        start = max(size, found.end() - found.start())
        begin = found.start()


def _read_piece(piece: bytes, *, first: bool) -> dict[str, Any]:
    """Return the data the compiled reader makes of one piece, or raise :class:`_PiecesRefused`."""
    if not shallow_brackets(piece):
        raise _PiecesRefused
    try:
        text = piece.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        raise _PiecesRefused from None
    data = read_toml_unchecked(text, shallow=True)
    if data is None:
        raise _PiecesRefused
    return data


def read_toml_pieces(
    file: BinaryIO, names: Collection[str], size: int = PIECE_BYTES
) -> Iterator[dict[str, Any]]:
    r"""Yield the data of a TOML file read in pieces (:func:`toml_pieces`), one piece at a time.

    The pieces' data put together make the data the compiled reader makes of the whole file:
    the rows of an array of tables ``names`` cut between two pieces are in both in file order,
    every other top-level key in one piece only. Each piece is read only when the one before
    is done with (drop its data before asking for the next).

    Raises :class:`_PiecesRefused` (read the whole file instead) as soon as a piece is not UTF-8,
    has brackets that nest deep or do not pair up (:func:`~xiaojie.io._limits.shallow_brackets`),
    is refused by the compiled reader (or it is not installed), or when the pieces might not
    read as the whole. A piece ends with the line that opens the next one's first table, so
    it is read as that line is in the whole file: its array must end with that line's empty
    table (a line inside a multi-line string or array leaves the piece unfinished, which the
    reader refuses), which is dropped. The next piece begins a new table, so it reads as in the
    whole unless it names a top-level key an earlier piece has: the pieces are given only while
    the array cut is the one key they share (a table or array extended across a cut, or defined
    twice, would read differently or be refused whole).

    Examples
    --------
    >>> import io
    >>> text = b"a = 1\n[[t]]\nx = 1\n[[t]]\nx = 2\n[[u]]\ny = 3\n"
    >>> list(read_toml_pieces(io.BytesIO(text), {"t", "u"}, size=4))
    [{'a': 1, 't': []}, {'t': [{'x': 1}]}, {'t': [{'x': 2}], 'u': []}, {'u': [{'y': 3}]}]
    """
    seen: set[str] = set()
    opened: str | None = None  # the array whose table the piece before opened on its last line
    for piece, name in toml_pieces(file, names, size):
        data = _read_piece(piece, first=opened is None)
        del piece
        _check_piece(data, seen, opened, name)
        opened = name
        yield data
        del data  # not held while the next piece is read


def _check_piece(
    data: dict[str, Any], seen: set[str], opened: str | None, name: str | None
) -> None:
    """Check that a piece's data reads as in the whole file (:func:`read_toml_pieces`), note its keys.

    ``opened`` is the array the piece before cut, ``name`` the one this piece is cut at (its
    empty last table, which the next piece begins, is dropped); raises :class:`_PiecesRefused`.
    """
    if opened is not None and (
        type(data.get(opened)) is not list or data.keys() & seen != {opened}
    ):
        raise _PiecesRefused
    if name is not None:
        rows = data.get(name)
        if type(rows) is not list or not rows or type(rows[-1]) is not dict or rows[-1]:
            raise _PiecesRefused
        rows.pop()
    seen.update(data)
