"""Reading the input: a text, or a file in one of the formats of :mod:`._readers`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from xiaojie.parsing._errors import PlanParseError
from xiaojie.parsing._readers import READERS, looks_traditional, read_text, to_simplified
from xiaojie.parsing._tables import text_tables


if TYPE_CHECKING:
    from collections.abc import Mapping


__all__ = ["read_input"]


def read_input(
    text_or_path: str | os.PathLike[str], *, columns: Mapping[str, str] | None = None
) -> tuple[str, str, bool]:
    """Return ``(text, file name, converted)`` for a text or a path.

    ``converted`` tells whether the text was in traditional script and was converted.
    """
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
        reader = READERS.get(path.suffix.lower(), read_text)
        text, name = reader(path, raw).text(columns), path.name
    elif isinstance(text_or_path, str):
        text, name = text_or_path, ""
    else:
        msg = f"expected plan text (str) or a path, found {type(text_or_path).__name__}"
        raise PlanParseError(msg, line=1, column=1)
    converted = looks_traditional(text)
    if converted:
        text = to_simplified(text, name or "<text>")
    lines = text.split("\n")
    rewritten = text_tables(lines, columns)
    if rewritten != lines:
        text = "\n".join(rewritten)
    return text, name, converted


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False
