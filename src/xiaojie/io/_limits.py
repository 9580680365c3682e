"""Reading JSON and TOML text within bounds: every over-large input becomes a located problem.

Python's readers fail on hostile text with foreign exceptions: an integer of more than 4,300
digits raises ``ValueError`` (the interpreter's limit on converting digits), arrays or tables
nested a few thousand deep raise ``RecursionError``. :func:`parse_text` turns each into one
:class:`Problem` that says where (line and column) and what was expected, and rejects data
nested deeper than :data:`MAX_DEPTH` (no file of xiaojie's nests more than a handful of levels),
so that nothing downstream recurses without bound.

TOML is read by the compiled reader of the ``speed`` extra (toml-rs, held to TOML 1.0.0 as the
standard library's reader is) when it is installed; whatever that reader does not accept is read
again by :mod:`tomllib`, so a bad file gets the same located error with the extra or without,
and a good one the same data.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from typing import TYPE_CHECKING, Any, Literal

import attrs

from xiaojie._extras import available, require


if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "LONG_INTEGER_BITS",
    "MAX_DEPTH",
    "Problem",
    "parse_text",
    "plain",
    "read_toml_unchecked",
    "shallow_brackets",
]

MAX_DEPTH = 32
"""The deepest nesting of arrays and tables a plan or progress file may have."""

_DIGITS = re.compile(r"[0-9_]{4000,}")
_OPEN = re.compile(r"[\[{]+")


@attrs.frozen
class Problem:
    """What is wrong with a text: where (``line L, column C`` or a data path), expected, found."""

    where: str
    expected: str
    found: str


def _line_col(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _too_many_digits(text: str) -> Problem:
    limit = sys.get_int_max_str_digits() or 4300
    match = next(
        (m for m in _DIGITS.finditer(text) if len(m.group(0).replace("_", "")) > limit), None
    )
    where = _line_col(text, match.start()) if match else ""
    size = len(match.group(0).replace("_", "")) if match else limit + 1
    return Problem(where, f"a number of at most {limit:,} digits", f"one of {size:,} digits")


def _too_deep(text: str) -> Problem:
    best = max(_OPEN.finditer(text), key=lambda m: len(m.group(0)), default=None)
    where = _line_col(text, best.start()) if best else ""
    return Problem(where, f"arrays and tables nested at most {MAX_DEPTH} deep", "deeper nesting")


def _too_deep_data(data: dict[Any, Any] | list[Any]) -> bool:
    """Return whether ``data`` holds a value deeper than :data:`MAX_DEPTH` (containers only walked)."""
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth >= MAX_DEPTH and value:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list))
    return False


def _depth_problem(data: object) -> Problem | None:
    """Return where ``data`` nests deeper than :data:`MAX_DEPTH`, walking it without recursion."""
    if not isinstance(data, dict | list) or not _too_deep_data(data):
        return None
    stack: list[tuple[object, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return Problem(
                path, f"arrays and tables nested at most {MAX_DEPTH} deep", "deeper nesting"
            )
        if isinstance(value, dict):
            stack.extend(
                (v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in value.items()
            )
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
    return None


def _fast_toml(text: str) -> dict[str, Any] | None:
    """Return the data of a TOML text read by the compiled reader, or ``None`` to read it again.

    ``None`` when the ``speed`` extra is not installed, when its brackets nest deep or do not
    pair up (:func:`shallow_brackets`), when the data nests deeper than :data:`MAX_DEPTH` or
    holds an integer of about 4,200 digits or more (the compiled reader makes any integer, the
    interpreter refuses some), or when the reader does not accept the text for any reason (a
    syntax error, a fault of its own): the standard library's reader then decides, so every
    error is its located one.
    """
    data = read_toml_unchecked(text)
    return data if data is not None and plain(data) else None


def read_toml_unchecked(text: str, *, shallow: bool | None = None) -> dict[str, Any] | None:
    """Return the data of a TOML text read by the compiled reader, not yet checked by :func:`plain`.

    ``None`` when the ``speed`` extra is not installed, when the text's brackets nest deep or
    do not pair up, or when the reader does not accept the text. ``shallow`` is what
    :func:`shallow_brackets` said of the text's bytes when the caller asked it already.

    For a reader that checks every value of the data anyway (a plan file's, whose every key and
    type is checked) and calls :func:`plain` only when that check fails: data that passes it
    holds no deep nesting (every table and list has its place in the schema) and, when integers
    too long for the interpreter are refused there as well, is plain.
    """
    if not available("toml_rs"):
        return None
    if not (shallow_brackets(text) if shallow is None else shallow):
        return None
    reader = require("toml_rs", "reading TOML quickly")
    try:
        data: dict[str, Any] = reader.loads(text, toml_version="1.0.0")
    except Exception:  # noqa: BLE001 - any refusal is decided again by tomllib
        return None
    except BaseException as err:  # a Rust panic is a BaseException; interrupts are not caught
        if isinstance(err, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return None
    return data


_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_BRACKET_ROUNDS = 64


def shallow_brackets(text: str | bytes) -> bool:
    """Return whether the text's brackets pair up and nest at most 64 deep (never over 128).

    The compiled reader recurses on nested arrays and inline tables and overflows its stack (the
    process dies) a few thousand levels deep, so a text is given to it only when this holds.
    Each round removes the innermost ``[]`` pairs, then the innermost ``{}`` pairs: one level a
    round at least, two at most. Brackets inside strings and comments are counted too: a text with an odd
    one is left to tomllib, which is slower but reads it the same. Given the text's UTF-8 bytes,
    the same count is made without encoding it (no byte of a multi-byte character is a bracket).
    """
    blob = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    marks = blob.translate(None, _NOT_BRACKETS)
    for _ in range(_BRACKET_ROUNDS):
        if not marks:
            return True
        shorter = marks.replace(b"[]", b"").replace(b"{}", b"")
        if len(shorter) == len(marks):
            return False
        marks = shorter
    return not marks


LONG_INTEGER_BITS = 14_000
"""Integers this long (about 4,200 digits) are left to tomllib, which refuses over 4,300 digits."""


def plain(data: dict[str, Any]) -> bool:
    """Return whether ``data`` nests at most :data:`MAX_DEPTH` deep and has no very long integer.

    Data that is not plain is read again by tomllib, whose errors (and depth limits) decide.
    """
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 0)]
    push, pop = stack.append, stack.pop
    while stack:
        value, depth = pop()
        if depth >= MAX_DEPTH and value:
            return False
        children: Iterable[Any] = value.values() if type(value) is dict else value
        for child in children:
            kind = type(child)
            if kind is str:  # most values: nothing to look at
                continue
            if kind is dict or kind is list:
                push((child, depth + 1))
            elif kind is int and child.bit_length() >= LONG_INTEGER_BITS:
                return False
    return True


def parse_text(
    text: str, kind: Literal["json", "toml"], *, compiled: bool = True
) -> tuple[Any, Problem | None]:
    """Return the data of a JSON or TOML text, or ``(None, problem)`` if it cannot be read safely.

    Syntax errors are left to the caller (``json.JSONDecodeError``, ``tomllib.TOMLDecodeError``
    propagate); over-large numbers and over-deep nesting come back as a :class:`Problem`.
    ``compiled=False`` reads TOML with tomllib alone (for a caller that tried the compiled
    reader already and was refused).

    Examples
    --------
    >>> parse_text('{"a": [1, 2]}', "json")
    ({'a': [1, 2]}, None)
    >>> parse_text("a = " + "9" * 5000, "toml")[1]
    Problem(where='line 1, column 5', expected='a number of at most 4,300 digits', found='one of 5,000 digits')
    >>> parse_text("[" * 5000 + "]" * 5000, "json")[1].expected
    'arrays and tables nested at most 32 deep'
    """
    if kind == "toml" and compiled:
        fast = _fast_toml(text)
        if fast is not None:  # already known to nest within bounds
            return fast, None
    try:
        data = json.loads(text) if kind == "json" else tomllib.loads(text)
    except RecursionError:
        return None, _too_deep(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError):
        raise
    except ValueError as err:
        if "digits" in str(err):
            return None, _too_many_digits(text)
        raise
    problem = _depth_problem(data)
    return (None, problem) if problem else (data, None)
