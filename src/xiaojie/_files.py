"""Atomic file writes: a temporary file in the target's folder, flushed, then renamed over it.

A write that fails part-way (a full disk, an exception while rendering) leaves the old file
untouched and no temporary file behind: nothing already saved is lost. A write that is killed
(no chance to clean up) leaves a hidden ``.name.xiaojie-<pid>.<random>.tmp``; the first write
into that folder by a later process removes those whose process is gone. After the rename the folder itself is flushed
(``fsync``), so the new name survives a power cut.

Also the csv module's cell limit, which is the process's, raised while CSV files are read
(:func:`csv_cells_up_to`) and put back when the last reader is done; and a workbook part's XML
read in chunks (:func:`xml_chunks`), for the scans that size a workbook before it is opened.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import stat
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    import zipfile
    from collections.abc import Iterable, Iterator


__all__ = [
    "atomic_path",
    "atomic_write",
    "column_number",
    "csv_cells_up_to",
    "flush_files",
    "write_new",
    "xml_chunks",
]

_CSV_LOCK = threading.Lock()
_CSV_READERS = {"inside": 0, "before": 0}
"""How many readers hold the csv module's cell limit raised, and the limit before the first."""


@contextlib.contextmanager
def csv_cells_up_to(limit: int) -> Iterator[None]:
    """Let the csv module read cells of up to ``limit`` characters inside the block.

    The limit is the process's: it is raised when the first reader enters (never lowered
    while another is inside) and put back as it was when the last one leaves, whatever the
    order readers on other threads or suspended generators leave in.

    Examples
    --------
    >>> import csv
    >>> before = csv.field_size_limit()
    >>> with csv_cells_up_to(1 << 24):
    ...     csv.field_size_limit() >= 1 << 24
    True
    >>> csv.field_size_limit() == before
    True
    """
    with _CSV_LOCK:
        if not _CSV_READERS["inside"]:
            _CSV_READERS["before"] = csv.field_size_limit()
        _CSV_READERS["inside"] += 1
        if csv.field_size_limit() < limit:
            csv.field_size_limit(limit)
    try:
        yield
    finally:
        with _CSV_LOCK:
            _CSV_READERS["inside"] -= 1
            if not _CSV_READERS["inside"]:
                csv.field_size_limit(_CSV_READERS["before"])


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; move it over ``path`` if the block succeeds.

    For writers that want a file name (openpyxl, DuckDB, pyarrow). The folder must exist.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    target = Path(path)
    _remove_stale(target.parent)
    try:
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.xiaojie-{os.getpid()}.", suffix=".tmp"
        )
    except OSError as err:
        raise _about(err, target) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        with temporary.open("rb+") as written:
            os.fsync(written.fileno())
        # mkstemp makes 0600: an overwritten file keeps its mode, a new one follows the umask
        temporary.chmod(_mode_of(target))
        temporary.replace(target)
        _sync_folder(target.parent)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        if err.filename in {name, str(temporary)}:
            raise _about(err, target) from None
        raise
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _about(err: OSError, target: Path) -> OSError:
    """Return ``err`` as if about ``target``: the temporary file's name means nothing to a reader."""
    return type(err)(err.errno, err.strerror, str(target))


def _mode_of(target: Path) -> int:
    """Return the mode a file written to ``target`` gets: the existing file's, or plain open()'s."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _alive(pid: int) -> bool:
    """Return whether a process ``pid`` exists (signal 0 asks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


_TEMP = re.compile(r"^\..+\.xiaojie-(\d+)\.[^.]+\.tmp$")
_CLEANED: set[str] = set()


def _remove_stale(folder: Path) -> None:
    """Remove temporary files left in ``folder`` by writers that were killed (their pid is gone).

    Each folder is looked at once per process, so writing many files into it stays linear.
    """
    key = str(folder.resolve())
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            Path(entry.path).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk (where the system allows opening a folder)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _umask() -> int:
    """Return the process's umask (reading it means setting it; it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, creating the folder if needed; return the path.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "sub" / "out.txt"
    >>> atomic_write(target, "完成".encode()).read_text(encoding="utf-8")
    '完成'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
    return target


def write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new file ``path`` in a folder nobody reads yet (a set built to be swapped in).

    No temporary file and no flush: the caller flushes the whole set once with
    :func:`flush_files` before it swaps the folder in. The file follows the umask.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def flush_files(paths: Iterable[Path], *, folders: Iterable[Path] = ()) -> None:
    """Make files just written durable: one flush of the system where it has one, else file by file.

    One ``sync()`` costs about what one ``fsync`` of one file does, so a set of thousands of
    files is flushed at the cost of one rather than thousands. ``folders`` are flushed too
    (their entries: files renamed in or out).
    """
    if hasattr(os, "sync"):
        os.sync()
        return
    touched = set(folders)
    for path in paths:
        with path.open("rb+") as written:
            os.fsync(written.fileno())
        touched.add(path.parent)
    for folder in sorted(touched):
        _sync_folder(folder)


_XML_CHUNK = 1 << 20


def xml_chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """Yield a zip part's XML in chunks of about a megabyte, each cut before a ``<``."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(_XML_CHUNK):
            text = tail + chunk
            cut = text.rfind(b"<")
            text, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            yield text
    if tail:
        yield tail


def column_number(letters: bytes) -> int:
    """Return the number of a spreadsheet column written in letters (``b"A"`` is 1).

    Examples
    --------
    >>> column_number(b"A"), column_number(b"AA"), column_number(b"XFD")
    (1, 27, 16384)
    """
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
