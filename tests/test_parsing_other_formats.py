"""Files in formats no reader here reads are refused by name, not decoded into noise.

An OFD 版式文档, an OpenDocument file, an RTF document or a .docx given another suffix, read
as text, gave an "undecodable byte" error or a plan of control words.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import pytest

import office
from xiaojie.errors import PlanParseError
from xiaojie.parsing import parse_plan


if TYPE_CHECKING:
    from pathlib import Path


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OFD = _zip({"OFD.xml": b'<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>', "Doc_0/x": b"x"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("plan.txt", OFD, "an OFD document"),  # a .ofd file goes to the OFD reader
        ("plan.odt", ODT, "an OpenDocument file"),
        ("plan.rtf", rb"{\rtf1\ansi\ansicpg936 {\fonttbl} \f0 \u20851?\u20110? 1.abc}", "an RTF"),
        ("plan.zip", _zip({"a.txt": b"x"}), "a ZIP archive"),
    ],
)
def test_a_file_of_another_format_is_refused_by_name(tmp_path: Path, name, data, found) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PlanParseError) as caught:
        parse_plan(path)
    message = str(caught.value)
    assert name in message
    assert found in message
    assert "save it as .docx, .pdf or text" in message


def test_a_word_file_with_another_suffix_is_refused_by_name(tmp_path: Path) -> None:
    """A .docx saved as plan.txt is an Office Open XML package, not text."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("关于印发某县工作方案的通知")
    path = tmp_path / "plan.txt"
    document.save(path)
    with pytest.raises(PlanParseError, match="an Office Open XML package"):
        parse_plan(path)


@pytest.mark.parametrize("target", ["odt", "rtf"])
def test_files_written_by_libreoffice_are_refused_by_name(tmp_path: Path, target: str) -> None:
    """What LibreOffice saves as .odt or .rtf is named, with what to save it as instead."""
    source = tmp_path / "plan.txt"
    source.write_text("关于印发某县工作方案的通知\n发文时间：2025年3月1日\n", encoding="utf-8")
    written = office.convert(source, target, tmp_path / "out", tmp_path / "profile")
    with pytest.raises(PlanParseError, match=r"save it as \.docx, \.pdf or text"):
        parse_plan(written)
