"""Reading the input: a text, or a file of text."""

import os
from pathlib import Path

from xiaojie.parsing._errors import PlanParseError


__all__ = ["read_input"]


def read_input(text_or_path: str | os.PathLike[str]) -> tuple[str, str]:
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str)
        and "\n" not in text_or_path
        and len(text_or_path) < 1024
        and _is_file(text_or_path)
    ):
        path = Path(text_or_path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            msg = f"expected a readable plan text file, found {type(err).__name__}: {err.strerror}"
            raise PlanParseError(msg, line=1, column=1, source=str(path)) from None
        return _decode(raw, str(path)), path.name
    if not isinstance(text_or_path, str):
        msg = f"expected plan text (str) or a path, found {type(text_or_path).__name__}"
        raise PlanParseError(msg, line=1, column=1)
    return text_or_path, ""


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


def _decode(raw: bytes, source: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        first = err
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        pass
    before = raw[: first.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    msg = f"expected UTF-8 or GB18030 text, found an undecodable byte 0x{raw[first.start]:02x}"
    raise PlanParseError(msg, line=line, column=column, source=source)
