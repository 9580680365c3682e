"""Written files get the permissions a plain ``open()`` would give; an overwrite keeps the mode."""

import os
import stat

import pytest

from xiaojie._files import atomic_path, atomic_write


def _mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o027])
def test_new_file_gets_what_open_gives(tmp_path, umask):
    """A new file has the mode plain open() gives under the same umask."""
    old = os.umask(umask)
    try:
        with (tmp_path / "plain.txt").open("w") as handle:
            handle.write("x")
        atomic_write(tmp_path / "atomic.txt", b"x")
        with atomic_path(tmp_path / "by-path.txt") as temporary:
            temporary.write_bytes(b"x")
    finally:
        os.umask(old)

    expected = _mode(tmp_path / "plain.txt")
    assert 0o666 & ~umask == expected
    assert expected == _mode(tmp_path / "atomic.txt")
    assert expected == _mode(tmp_path / "by-path.txt")


@pytest.mark.parametrize(("umask", "existing"), [(0o022, 0o644), (0o077, 0o644), (0o022, 0o600)])
def test_overwrite_keeps_the_existing_mode(tmp_path, umask, existing):
    """Overwriting a file keeps its mode whatever the umask, as open("w") would."""
    target = tmp_path / "kept.txt"
    target.write_bytes(b"old")
    target.chmod(existing)
    old = os.umask(umask)
    try:
        atomic_write(target, b"new")
    finally:
        os.umask(old)

    assert b"new" == target.read_bytes()
    assert existing == _mode(target)
