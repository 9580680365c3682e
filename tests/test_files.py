"""Atomic writes: a killed writer's temporary file is removed later; the folder is flushed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from xiaojie import _files
from xiaojie._files import atomic_path, atomic_write


KILLED_WRITER = """
import os, sys
from xiaojie._files import atomic_path
with atomic_path(sys.argv[1]) as temporary:
    temporary.write_bytes(b"half")
    os.kill(os.getpid(), 9)
"""


def test_a_killed_writers_temp_file_is_removed_by_the_next_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write killed mid-way leaves a hidden temp file; the next write into the folder removes it."""
    target = tmp_path / "report.csv"
    target.write_bytes(b"old")
    run = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(target)], check=False)  # noqa: S603
    assert run.returncode == -9
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1
    assert target.read_bytes() == b"old"  # nothing already saved is lost
    monkeypatch.setattr(_files, "_CLEANED", set())
    atomic_write(tmp_path / "other.csv", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.csv", "report.csv"]


def test_a_live_writers_temp_file_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A temporary file of a process that still runs (this one) is not touched by another write."""
    monkeypatch.setattr(_files, "_CLEANED", set())
    with atomic_path(tmp_path / "a.txt") as temporary:
        temporary.write_bytes(b"a")
        monkeypatch.setattr(_files, "_CLEANED", set())
        atomic_write(tmp_path / "b.txt", b"b")
        assert temporary.exists()
    assert (tmp_path / "a.txt").read_bytes() == b"a"


def test_the_folder_is_flushed_after_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the rename, the folder is opened and fsync'ed so that the new name is durable."""
    synced: list[int] = []
    real = os.fsync
    opened: dict[int, str] = {}
    real_open = os.open

    def spy_open(path: object, flags: int, *args: object) -> int:
        handle = real_open(path, flags, *args)  # type: ignore[arg-type]
        opened[handle] = str(path)
        return handle

    def spy_fsync(handle: int) -> None:
        synced.append(handle)
        real(handle)

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    atomic_write(tmp_path / "x.txt", b"x")
    assert str(tmp_path) in [opened.get(h) for h in synced]


KILLED_SITE = """
import os, sys
from xiaojie import load_plan
from xiaojie.render import site_files, write_site

def step(item):
    step.count = getattr(step, "count", 0) + 1
    if step.count == 5:
        os.kill(os.getpid(), 9)

write_site(site_files(load_plan(), formats=["md"]), sys.argv[1], on_file=step)
"""


def test_a_killed_docs_run_leaves_the_old_folder_whole(tmp_path: Path) -> None:
    """A docs run killed half-way leaves the old folder as it was; the next run removes its leftovers."""
    from xiaojie import load_plan
    from xiaojie.render import site_files, write_site

    out = tmp_path / "site"
    write_site(site_files(load_plan(), formats=["md"]), out)
    (out / "mine.txt").write_text("kept", encoding="utf-8")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    run = subprocess.run([sys.executable, "-c", KILLED_SITE, str(out)], check=False)  # noqa: S603
    assert run.returncode == -9
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert any(p.name.startswith(".site.xiaojie-new-") for p in tmp_path.iterdir())
    written = write_site(site_files(load_plan(), formats=["md"]), out)
    assert (out / "mine.txt").read_text(encoding="utf-8") == "kept"
    assert all(p.exists() for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
