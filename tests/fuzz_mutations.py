"""Structural mutations for the fuzz tests: broken text, odd encodings, broken zips and XML.

A mutation starts from a valid file and damages it the way a damaged or hostile file is
damaged: bytes inserted, dropped or repeated, hostile tokens spliced in (numbers of thousands of
digits, nesting thousands deep, cells of 200 K characters, entity expansion), text re-encoded
(UTF-16 with a byte-order mark, GB18030, a bad byte after the first megabyte), zip parts dropped
or corrupted, cell references moved to row 10¹² or column ``ZZZZZZZ``.
"""

from __future__ import annotations

import io
import os
import zipfile

from hypothesis import settings
from hypothesis import strategies as st


FUZZ = settings.get_profile(
    {"ci": "fuzz-ci", "big": "fuzz-big"}.get(os.environ.get("HYPOTHESIS_PROFILE", ""), "fuzz-dev")
)
"""The settings every fuzz test runs with (profiles in ``conftest.py``): 2,000 examples per
entry point in CI (``HYPOTHESIS_PROFILE=ci``), 6,000 with ``HYPOTHESIS_PROFILE=big``."""

HOSTILE_TOKENS: tuple[bytes, ...] = (
    b"9" * 5000,
    b"-" + b"1" * 4400,
    b"1e999999",
    b"[" * 3000,
    b"{" * 3000,
    b'{"a":' * 2000,
    b"a = " + b"[" * 2000,
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3\x28",
    b'"' + "长".encode() * 70_000 + b'"',
    b"x" * 200_000,
    b"9999-12-31",
    b"0000-00-00",
    b"2025-02-30",
    b"NaN",
    b"inf",
    b'"""',
    b"'''",
    b"\r\n\r\n",
    b",,,,,,,,",
    b'"',
    b"=cmd|' /C calc'!A0",
    "６４０３２４１９９００１０１１２３４".encode(),
    b"\\u0000",
    b"\\ud800",
)

_OPS = ("insert", "delete", "duplicate", "token", "truncate", "flip")


@st.composite
def mutated_bytes(draw: st.DrawFn, seed: bytes) -> bytes:
    """Return ``seed`` after one to four random mutations (and maybe a re-encoding)."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(_OPS))
        at = draw(st.integers(0, len(data)))
        if op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "duplicate":
            span = bytes(data[at : at + draw(st.integers(1, 64))])
            data[at:at] = span * draw(st.integers(1, 50))
        elif op == "token":
            data[at:at] = draw(st.sampled_from(HOSTILE_TOKENS))
        elif op == "truncate":
            del data[at:]
        elif data:
            where = min(at, len(data) - 1)
            data[where] ^= 1 << draw(st.integers(0, 7))
    out = bytes(data)
    encoding = draw(st.sampled_from(("asis", "asis", "asis", "utf-16", "gb18030", "late-bad")))
    text = out.decode("utf-8", errors="replace")
    if encoding == "utf-16":
        return text.encode("utf-16")
    if encoding == "gb18030":
        return text.encode("gb18030", errors="replace")
    if encoding == "late-bad":
        return out + b" " * (1 << 20) + b"\xff\xfe\xfd"
    return out


_XML_EDITS: tuple[tuple[bytes, bytes], ...] = (
    (b'r="A2"', b'r="A1000000000000"'),
    (b'r="A2"', b'r="ZZZZZZZ2"'),
    (b'r="B2"', b'r="b2"'),
    (b'r="B2"', b'r="2"'),
    (b'<row r="2"', b'<row r="x"'),
    (b'<row r="2"', b'<row r="1000000000000"'),
    (b'<row r="2"', b'<row r="2.5"'),
    (b't="inlineStr"', b't="b"'),
    (b't="inlineStr"', b't="s"'),
    (b't="inlineStr"', b't="d"'),
    (b't="inlineStr"', b't="e"'),
    (b's="1"', b's="999"'),
    (b's="1"', b's="x"'),
    (b"<v>", b"<v>1e308"),
    (b"<v>", b"<v>-99999999"),
    (b"<v>", b"<v>abc"),
    (b'<dimension ref="A1:F2"/>', b'<dimension ref="A1:ZZZZZZZ1000000000000"/>'),
    (
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    ),
    (b"<sheetData>", b"<sheetData>" + b"<row/>" * 2000),
)

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
        for n in range(1, 10)
    )
    + b"]><lolz>&lol9;</lolz>"
)


@st.composite
def mutated_zip(draw: st.DrawFn, seed: bytes) -> bytes:
    """Return the XLSX ``seed`` with its parts dropped, damaged or replaced, or its bytes broken."""
    kind = draw(st.sampled_from(("xml", "xml", "xml", "drop", "laughs", "bytes", "junk")))
    if kind == "bytes":
        return draw(mutated_bytes(seed))
    if kind == "junk":
        return draw(st.binary(max_size=200))
    with zipfile.ZipFile(io.BytesIO(seed)) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    names = sorted(parts)
    target = draw(st.sampled_from(names))
    if kind == "drop":
        del parts[target]
    elif kind == "laughs":
        parts[target] = LAUGHS
    else:
        sheet = next((n for n in names if n.startswith("xl/worksheets/")), target)
        chosen = draw(st.sampled_from((sheet, sheet, target)))
        xml = parts[chosen]
        for old, new in draw(st.lists(st.sampled_from(_XML_EDITS), min_size=1, max_size=3)):
            xml = xml.replace(old, new, 1)
        if draw(st.booleans()):
            xml = draw(mutated_bytes(xml))
        parts[chosen] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()
