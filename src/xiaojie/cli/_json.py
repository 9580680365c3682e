"""JSON for the screen: the text ``json.dumps(value, ensure_ascii=False, indent=2)`` gives, faster.

The standard library encodes indented JSON in pure Python, one generator step per token; the
command line prints hundreds of thousands of finding records. Here each flat record is
written by one call of the standard library's C encoder (its item separator carries the line
break and the indent) and other strings by its C string encoder.
"""

from __future__ import annotations

import functools
import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any


if TYPE_CHECKING:
    from collections.abc import Callable


__all__ = ["dump", "dumps"]

_FLOAT = json.JSONEncoder().iterencode
_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)


def dumps(value: object) -> str:
    """Return ``value`` as ``json.dumps(value, ensure_ascii=False, indent=2)`` writes it.

    Examples
    --------
    >>> print(dumps({"a": [1, "二", None], "b": {}, "c": [{"x": 1.5, "y": True}]}))
    {
      "a": [
        1,
        "二",
        null
      ],
      "b": {},
      "c": [
        {
          "x": 1.5,
          "y": true
        }
      ]
    }
    """
    out: list[str] = []
    _encode(value, "\n", out)
    return "".join(out)


def dump(value: object, write: Callable[[str], object]) -> None:
    """Write ``value`` as :func:`dumps` gives it, a few thousand pieces at a time.

    The text of a long list never exists whole (a million findings are hundreds of MiB of
    text twice over: the string and its encoded bytes).

    Examples
    --------
    >>> import io
    >>> stream = io.StringIO()
    >>> dump({"a": [1, "二"]}, stream.write)
    >>> stream.getvalue() == dumps({"a": [1, "二"]})
    True
    """
    out: list[str] = []

    def flush() -> None:
        if len(out) >= _PIECES:
            write("".join(out))
            out.clear()

    _encode(value, "\n", out, flush)
    write("".join(out))


_PIECES = 4096
"""How many encoded pieces :func:`dump` gathers before writing them."""


@functools.cache
def _flat(inner: str) -> json.JSONEncoder:
    return json.JSONEncoder(ensure_ascii=False, separators=("," + inner, ": "))


def _scalar(value: Any) -> str:  # noqa: ANN401 - any JSON scalar
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return "".join(_FLOAT(value))


def _key(key: object) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float | int | bool) or key is None:
        return encode_basestring(_scalar(key))
    msg = f"keys must be str, int, float, bool or None, not {type(key).__name__}"
    raise TypeError(msg)


def _record_form(keys: tuple[object, ...], newline: str) -> str:
    """Return the text of a flat dict with ``keys`` and text values, ``%s`` for each value.

    An empty form (which no value fills) when a key is not text.
    """
    names = [k for k in keys if isinstance(k, str)]
    if len(names) != len(keys):
        return ""
    inner = newline + "  "
    items = ("," + inner).join(encode_basestring(k).replace("%", "%%") + ": %s" for k in names)
    return "{" + inner + items + newline + "}"


def _encode(
    value: object, newline: str, out: list[str], flush: Callable[[], None] | None = None
) -> None:
    """Append the pieces of ``value``'s text to ``out``; call ``flush`` after each list item."""
    inner = newline + "  "
    if isinstance(value, dict):
        if not value:
            out.append("{}")
        elif _SCALAR_TYPES.issuperset(map(type, value.values())):
            # one call of the C encoder: its item separator carries the line break and indent
            # (an encoded string never holds a raw line break)
            body = _flat(inner).encode(value)
            out.append("{" + inner + body[1:-1] + newline + "}")
        else:
            out.append("{")
            for n, (k, v) in enumerate(value.items()):
                out.append(("," if n else "") + inner + _key(k) + ": ")
                _encode(v, inner, out, flush)
            out.append(newline + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        out.append("[")
        record: tuple[tuple[object, ...], str] = ((), "")  # keys of the last record, its form
        for n, item in enumerate(value):
            out.append(("," if n else "") + inner)
            if type(item) is dict and item:
                keys = tuple(item)
                if keys != record[0]:
                    record = (keys, _record_form(keys, inner))
                try:  # a record of texts (a finding): its form filled with the encoded texts
                    out.append(record[1] % tuple(map(encode_basestring, item.values())))
                except TypeError:  # a value that is not text, or a key (no form then)
                    _encode(item, inner, out, flush)
            else:
                _encode(item, inner, out, flush)
            if flush is not None:
                flush()
        out.append(newline + "]")
    elif isinstance(value, _SCALARS):
        out.append(_scalar(value))
    else:
        msg = f"Object of type {type(value).__name__} is not JSON serializable"
        raise TypeError(msg)
