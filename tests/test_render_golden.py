"""Golden files: every document renders byte for byte as committed under tests/data/golden/."""

import difflib

import pytest

from regenerate_golden import CASES, GOLDEN


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name):
    """The document renders exactly as its golden file (regenerate with tests/regenerate_golden.py)."""
    expected = (GOLDEN / name).read_bytes()

    actual = CASES[name]()

    if expected != actual:
        diff = "\n".join(
            difflib.unified_diff(
                expected.decode("utf-8", "replace").splitlines(),
                actual.decode("utf-8", "replace").splitlines(),
                "golden",
                "rendered",
                lineterm="",
                n=1,
            )
        )
        pytest.fail(f"{name} differs from its golden file:\n{diff[:4000]}")


def test_every_golden_file_is_a_case():
    """No golden file is left behind without a case that renders it."""
    files = {p.name for p in GOLDEN.iterdir()}

    assert set(CASES) == files


def test_rendering_is_deterministic():
    """Rendering a case twice gives the same bytes (no clock, no set order)."""
    for name in ("plan.ics", "division.csv", "timeline.svg", "site-index.html"):
        assert CASES[name]() == CASES[name]()
