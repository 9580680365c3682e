"""Atomic file writes: a temporary file in the target's folder, flushed, then renamed over it.

A write that fails part-way (a full disk, an exception while rendering) leaves the old file
untouched and no temporary file behind: nothing already saved is lost. A write that is killed
(no chance to clean up) leaves a hidden ``.name.xiaojie-<pid>.<random>.tmp``; the first write
into that folder by a later process removes those whose process is gone. After the rename the folder itself is flushed
(``fsync``), so the new name survives a power cut.

Also the file names xiaojie makes from names (:func:`safe_file_name`,
:func:`distinct_file_names`): one file per unit, named after the unit, whatever the unit is called.

Also the csv module's cell limit, which is the process's, raised while CSV files are read
(:func:`csv_cells_up_to`) and put back when the last reader is done; and a workbook part's XML
read in chunks (:func:`xml_chunks`), for the scans that size a workbook before it is opened.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
import re
import stat
import tempfile
import threading
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    import zipfile
    from collections.abc import Callable, Iterable, Iterator


__all__ = [
    "NAME_BYTES",
    "atomic_path",
    "atomic_write",
    "column_number",
    "csv_cells_up_to",
    "distinct_file_names",
    "flush_files",
    "safe_file_name",
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


NAME_BYTES = 200
"""The longest file name :func:`safe_file_name` makes, in bytes of UTF-8.

Most file systems take names of up to 255 bytes; an atomic write first writes a hidden
temporary file ``.<name>.xiaojie-<pid>.<random>.tmp``, some 30 bytes longer, which must fit too.
"""

_KEY_BYTES = 64
"""The longest key :func:`safe_file_name` appends whole; a longer one is cut, with a digest."""

_NOT_IN_NAMES = frozenset('\\/:*?"<>|')
"""Characters Windows refuses in a file name (``/`` and ``\\`` separate folders)."""
_NOT_IN_NAMES_KINDS = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Zs"})
"""Unicode categories never kept: control and format characters, surrogates, separators, blanks."""
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{device}{n}" for device in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)
"""Names Windows keeps for devices, in any case and with any extension (``nul.docx``)."""


def _clean(text: str) -> str:
    """Return ``text`` with each character a file name cannot hold replaced by ``_``."""
    return "".join(
        "_" if char in _NOT_IN_NAMES or unicodedata.category(char) in _NOT_IN_NAMES_KINDS else char
        for char in text
    )


def _cut(text: str, size: int) -> str:
    """Return the longest start of ``text`` of at most ``size`` bytes of UTF-8, whole characters."""
    data = text.encode("utf-8")
    if len(data) <= size:
        return text
    return data[: max(size, 0)].decode("utf-8", "ignore")


def _reserved(stem: str) -> bool:
    """Return whether Windows keeps a file name beginning with ``stem`` for a device."""
    return stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def _key_part(key: str, mask: Callable[[str], str]) -> str:
    """Return ``key`` fit for a file name: cleaned, and cut to a start and a digest if long."""
    shown = mask(key)
    clean = _clean(shown).strip(". ") or "_"
    if len(clean.encode("utf-8")) <= _KEY_BYTES:
        return clean
    digest = hashlib.blake2b(clean.encode("utf-8"), digest_size=8).hexdigest()
    return f"{_cut(clean, _KEY_BYTES - len(digest) - 1)}-{digest}"


def safe_file_name(
    name: str,
    *,
    mask: Callable[[str], str],
    prefix: str = "",
    suffix: str = "",
    key: str = "",
) -> str:
    r"""Return a file name made from ``name`` (a unit's): masked, cleaned, capped, never a path.

    Every file xiaojie names after a name (``xiaojie word``'s 任务清单, ``xiaojie sheets``'
    调度表) gets its name here:

    - ``mask`` (the personal-data filter :func:`xiaojie._privacy.scrub`) is applied to
      ``name`` first: a file name shows what the document shows (``138****5678``);
    - each character a file name cannot hold on Windows, macOS or Linux becomes ``_``: ``\ /
      : * ? " < > |``, control and format characters, surrogates, line and paragraph
      separators and blanks. A name therefore never holds a folder: the file is written in
      the folder asked for, never below or above it;
    - dots and blanks at the start (a hidden file, ``..``) and at the end of the name (which
      Windows drops) are left out; a name that Windows keeps for a device (``CON``, ``NUL``,
      ``COM1`` …, in any case, also with an extension) gets ``_`` in front;
    - the name is cut, whole characters, so that it holds at most :data:`NAME_BYTES` bytes of
      UTF-8 with ``prefix``, the key and ``suffix`` kept whole;
    - a name changed in any of these ways gets ``-<key>`` before ``suffix`` (the unit's id):
      two names that clean to the same text (县人社局/县就业服务中心 and 县人社局:县就业服务中心), or
      share their first 200 bytes, get distinct names, the same on every run. A name that
      needed no change is kept as it is.

    Parameters
    ----------
    name
        The name (a unit's), as the plan writes it.
    mask
        The personal-data filter applied to ``name`` and ``key``.
    prefix
        Text put before the name (``任务清单-``), cleaned but not masked.
    suffix
        The extension (``.docx``), kept whole.
    key
        What tells the name apart when it had to be changed: the unit's id.

    Returns
    -------
    str
        A file name (no folder) of at most :data:`NAME_BYTES` bytes of UTF-8.

    Examples
    --------
    >>> from xiaojie._privacy import scrub
    >>> safe_file_name("自治区财政厅", mask=scrub, prefix="任务清单-", suffix=".docx", key="finance")
    '任务清单-自治区财政厅.docx'
    >>> safe_file_name("县人社局/县就业服务中心", mask=scrub, prefix="任务清单-", suffix=".docx",
    ...                key="dept-30f1f43b")
    '任务清单-县人社局_县就业服务中心-dept-30f1f43b.docx'
    >>> safe_file_name("教育厅(电话13812345678)", mask=scrub, suffix=".docx", key="education")
    '教育厅(电话138____5678)-education.docx'
    >>> safe_file_name("../../ESCAPED", mask=scrub, suffix=".docx", key="x")
    '_.._ESCAPED-x.docx'
    >>> safe_file_name("con", mask=scrub, suffix=".docx", key="c"), safe_file_name("", mask=scrub)
    ('_con-c.docx', '_')
    >>> long = safe_file_name("乡" * 100, mask=scrub, prefix="任务清单-", suffix=".docx", key="k")
    >>> len(long.encode()), long[-12:]
    (200, '乡乡乡乡乡-k.docx')
    """
    plain = prefix + name
    stem = _clean(prefix + mask(name)).lstrip(". ")
    tail = _clean(suffix)
    changed = (
        stem != plain
        or stem != stem.rstrip(". ")
        or _reserved(stem)
        or len((stem + tail).encode("utf-8")) > NAME_BYTES
    )
    marker = f"-{_key_part(key, mask)}" if changed and key else ""
    room = NAME_BYTES - len((marker + tail).encode("utf-8"))
    stem = _cut(stem, room).rstrip(". ") or "_"
    if _reserved(stem):
        stem = "_" + _cut(stem, room - 1)
    return stem + marker + tail


def _folded(name: str) -> str:
    """Return ``name`` as a file system that ignores case or Unicode normalisation sees it."""
    return unicodedata.normalize("NFC", name).casefold()


def distinct_file_names(names: Iterable[str]) -> list[str]:
    """Return ``names`` with each one that repeats an earlier one numbered (``-2``, ``-3`` …).

    Names are compared as a file system that ignores case or Unicode normalisation sees them
    (Windows, macOS: ``A.docx`` and ``a.docx`` are one file there). The number goes before the
    extension (from the last dot), within :data:`NAME_BYTES`. The first of equal names keeps
    its name, so that the result depends on the names and their order only.

    Examples
    --------
    >>> distinct_file_names(["a.docx", "A.docx", "b.docx", "a.docx", "a-2.docx"])
    ['a.docx', 'A-2.docx', 'b.docx', 'a-3.docx', 'a-2-2.docx']
    """
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        stem, dot, extension = name.rpartition(".")
        if not stem:  # no extension (or a name that is one)
            stem, dot, extension = name, "", ""
        candidate, count = name, 1
        while _folded(candidate) in seen:
            count += 1
            tail = f"-{count}{dot}{extension}"
            candidate = _cut(stem, NAME_BYTES - len(tail.encode("utf-8"))) + tail
        seen.add(_folded(candidate))
        out.append(candidate)
    return out


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
