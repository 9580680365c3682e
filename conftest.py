"""Settings for every test pytest collects, the docstring examples in ``src/`` among them."""

from __future__ import annotations

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _doctest_scratch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point ``tempfile`` at the example's own ``tmp_path`` while a docstring example runs.

    The examples make folders with ``tempfile.mkdtemp()`` as a reader would; without this every
    run would leave them in the system's temporary folder.
    """
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.setattr(tempfile, "tempdir", str(request.getfixturevalue("tmp_path")))
