"""Plan files: a human-editable TOML format (and JSON for interchange), with a JSON Schema.

The file's mapping becomes a plan (and a plan a mapping) by :mod:`xiaojie.io._mapping`; this
module reads and writes the files. Loading reports **every** problem at once: a
:class:`~xiaojie.errors.PlanFileError` lists each one with its path (``tasks[3].units[1]``), what was expected and what was found. Saving writes
atomically (a temporary file in the same folder, then a rename), so a failed save never
replaces a good file.

The format is described field by field in ``docs/plan-format.md`` and by the schema shipped at
``xiaojie/data/plan.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from xiaojie._extras import available
from xiaojie._files import atomic_write
from xiaojie.errors import PlanFileError, PlanValidationError
from xiaojie.io import _pieces
from xiaojie.io._limits import parse_text, plain, read_toml_unchecked, shallow_brackets
from xiaojie.io._mapping import (
    PIECE_ARRAYS,
    SCHEMA_ID,
    _Problem,
    _text,
    plan_from_mapping,
    plan_from_pieces,
    plan_from_unchecked,
    plan_to_mapping,
)


if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import BinaryIO

    from xiaojie.model import Plan


__all__ = [
    "BUNDLED_PLAN",
    "SCHEMA_ID",
    "bundled_source_text",
    "load_plan",
    "plan_from_mapping",
    "plan_to_mapping",
    "save_plan",
]

BUNDLED_PLAN = "ningxia-2025"
"""The id of the plan :func:`load_plan` returns when given no path."""


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} to JSON"
    raise TypeError(msg)


def save_plan(plan: Plan, path: str | os.PathLike[str]) -> Path:
    """Write ``plan`` to a plan file (TOML, or JSON when the name ends in ``.json``), atomically.

    Parameters
    ----------
    plan
        The plan to write.
    path
        Where to write it; the folder is created if needed.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    PlanFileError
        If a string of the plan holds a lone surrogate (half a character), which no file can
        hold; every such field is named, and nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from xiaojie import load_plan
    >>> plan = load_plan()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     written = save_plan(plan, pathlib.Path(folder) / "copy.toml")
    ...     load_plan(written) == plan
    True
    """
    target = Path(path)
    _check_suffix(target)
    data = plan_to_mapping(plan)
    if target.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    else:
        text = tomli_w.dumps(data)
    try:
        blob = text.encode()
    except UnicodeEncodeError:
        raise PlanFileError(str(target), list(_halves(data, ""))) from None
    atomic_write(target, blob)
    return target


def _halves(value: object, path: str) -> Iterator[PlanValidationError]:
    """Yield a problem for each string under ``value`` that holds a lone surrogate, at its path."""
    if isinstance(value, str):
        try:
            _text(value)
        except _Problem as problem:
            yield PlanValidationError(path, problem.expected or "", problem.found)
    elif isinstance(value, dict):
        for key, item in value.items():
            name = str(key) if str(key).isprintable() else repr(str(key))
            where = f"{path}.{name}" if path else name
            yield from _halves(str(key), where)
            yield from _halves(item, where)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _halves(item, f"{path}[{index}]")


def bundled_source_text(plan_id: str = BUNDLED_PLAN) -> str:
    """Return the source text the bundled plan was curated from.

    Examples
    --------
    >>> bundled_source_text().splitlines()[5]
    '一、主要目标'
    """
    name = {BUNDLED_PLAN: "ningxia-2025-action-plan.txt"}.get(plan_id)
    if name is None:
        raise PlanFileError(
            plan_id, [PlanValidationError("plan_id", repr(BUNDLED_PLAN), repr(plan_id))]
        )
    return resources.files("xiaojie.data").joinpath(name).read_text(encoding="utf-8")


def _check_suffix(path: Path) -> None:
    """Refuse a plan file name that does not end in .toml or .json (a .yaml would be misread)."""
    if path.suffix.lower() not in {".toml", ".json"}:
        found = repr(path.suffix) if path.suffix else "no suffix"
        problem = PlanValidationError("", "a plan file name ending in .toml or .json", found)
        raise PlanFileError(str(path), [problem])


def _read_file(path: Path, handle: BinaryIO | None = None) -> tuple[bytes, str]:
    """Return a plan file's bytes and its text (a byte order mark dropped).

    ``handle`` is the file opened already (read from its start), else it is opened by ``path``.
    """
    _check_suffix(path)
    try:
        if handle is None:
            raw = path.read_bytes()
        else:
            handle.seek(0)
            raw = handle.read()
    except OSError as err:
        problem = PlanValidationError(
            "", "a readable plan file", f"{type(err).__name__}: {err.strerror}"
        )
        raise PlanFileError(str(path), [problem]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problem = PlanValidationError(
            "", "UTF-8 text", f"an undecodable byte at offset {err.start}"
        )
        raise PlanFileError(str(path), [problem]) from None
    return raw, text


def _parse_file(path: Path, text: str | None = None, *, compiled: bool = True) -> dict[str, Any]:
    if text is None:
        _, text = _read_file(path)
    if path.suffix.lower() == ".json":
        try:
            data, limit = parse_text(text, "json")
        except json.JSONDecodeError as err:
            problem = PlanValidationError(
                f"line {err.lineno}, column {err.colno}", "valid JSON", err.msg
            )
            raise PlanFileError(str(path), [problem]) from None
    else:
        try:
            data, limit = parse_text(text, "toml", compiled=compiled)
        except tomllib.TOMLDecodeError as err:
            problem = PlanValidationError("", "valid TOML", str(err))
            raise PlanFileError(str(path), [problem]) from None
    if limit is not None:
        problem = PlanValidationError(limit.where, limit.expected, limit.found)
        raise PlanFileError(str(path), [problem])
    if not isinstance(data, dict):
        found = f"{type(data).__name__} {data!r:.80}"
        raise PlanFileError(str(path), [PlanValidationError("", "a table at the top", found)])
    return data


def _quick_plan(text: str, *, shallow: bool, source: str) -> Plan | None:
    """Return the plan of a TOML text read the quick way, or ``None`` to read it the reference way.

    The reference way (:func:`_parse_file`) walks the whole data once more before building the
    plan, to refuse deep nesting and over-long integers; building the plan checks every key and
    value anyway, so here the walk is made only when the build fails. Data that passes that walk
    is what the reference way builds from, so its error is raised as is; other data goes the
    reference way, whose reader decides (the same located errors with or without this path).
    """
    data = read_toml_unchecked(text, shallow=shallow)
    if data is None:
        return None
    try:
        return plan_from_unchecked(data, source=source)
    except PlanFileError:
        if plain(data):
            raise
        return None
    except Exception:  # noqa: BLE001 - data not walked yet: the reference way decides
        return None


_CACHE: dict[str, Plan] = {}


def load_plan(path: str | os.PathLike[str] | None = None) -> Plan:
    """Load a plan: the bundled 2025 Ningxia plan, or a user's plan file.

    Parameters
    ----------
    path
        A ``.toml`` or ``.json`` plan file; ``None`` for the bundled plan.

    Returns
    -------
    Plan

    Raises
    ------
    PlanFileError
        If the file cannot be read or has problems; every problem is listed with its path.

    Examples
    --------
    >>> plan = load_plan()
    >>> len(plan.campaigns), len(plan.tasks)
    (8, 25)
    >>> plan.task(4).lead.name
    '自治区农业农村厅'
    >>> load_plan("no-such-plan.toml")
    Traceback (most recent call last):
    ...
    xiaojie.errors.PlanFileError: no-such-plan.toml: 1 problem(s)
      expected a readable plan file, found FileNotFoundError: No such file or directory
    """
    if path is None:
        cached = _CACHE.get(BUNDLED_PLAN)
        if cached is None:
            resource = resources.files("xiaojie.data").joinpath(f"{BUNDLED_PLAN}.toml")
            with resources.as_file(resource) as bundled:
                cached = plan_from_mapping(
                    _parse_file(bundled), source=f"xiaojie/data/{BUNDLED_PLAN}.toml"
                )
            _CACHE[BUNDLED_PLAN] = cached
        return cached
    file = Path(path)
    if file.suffix.lower() != ".toml":
        return plan_from_mapping(_parse_file(file), source=str(file))
    _check_suffix(file)
    try:
        handle = file.open("rb")
    except OSError:  # read below, which says why
        return _load_toml(file)
    with handle:
        plan = _plan_in_pieces(handle, source=str(file))
        return plan if plan is not None else _load_toml(file, handle)


PIECES_FROM = 4 << 20
"""TOML plan files of this many bytes or more are read in pieces (:func:`_plan_in_pieces`)."""


def _plan_in_pieces(handle: BinaryIO, *, source: str) -> Plan | None:
    """Return the plan of a large TOML plan file read piece by piece, or ``None`` to read it whole.

    The file is read in pieces of a few megabytes cut before its lines ``[[tasks]]``,
    ``[[milestones]]`` …, and each piece's rows are built into the plan's objects before the
    next piece is read (:func:`~xiaojie.io._pieces.read_toml_pieces`,
    :func:`~xiaojie.io._mapping.plan_from_pieces`), so that the data of the whole file is never
    held at once (a 160 MB file's data takes over a gigabyte). ``None`` for a file under
    :data:`PIECES_FROM` bytes, without the ``speed`` extra, and whenever the pieces might not
    give the plan the whole file gives or the file has any problem: it is then read whole,
    whose plan and errors decide.
    """
    try:
        if os.fstat(handle.fileno()).st_size < PIECES_FROM or not available("toml_rs"):
            return None
        pieces = _pieces.read_toml_pieces(handle, PIECE_ARRAYS, _pieces.PIECE_BYTES)
        return plan_from_pieces(pieces, source=source)
    except Exception:  # noqa: BLE001 - doubtful pieces, a refused piece, a failed read: read whole
        return None


def _load_toml(file: Path, handle: BinaryIO | None = None) -> Plan:
    """Return the plan of a TOML plan file read whole (from ``handle`` when it is open)."""
    raw, text = _read_file(file, handle)
    shallow = shallow_brackets(raw)
    del raw  # a large file's bytes are not kept while it is read
    plan = _quick_plan(text, shallow=shallow, source=str(file))
    if plan is not None:
        return plan
    # the compiled reader refused the text or made data the walk refuses: tomllib decides
    return plan_from_mapping(_parse_file(file, text, compiled=False), source=str(file))
