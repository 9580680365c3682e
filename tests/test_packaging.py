"""The package's public face: version, exports and typing marker."""

from importlib.metadata import version
from pathlib import Path

import xiaojie as xj


class TestPackaging:
    def test_version_matches_metadata(self):
        """__version__ is the installed distribution's version."""
        assert version("xiaojie") == xj.__version__

    def test_all_is_sorted_and_importable(self):
        """Every name in __all__ exists and the list is sorted."""
        assert sorted(xj.__all__) == list(xj.__all__)
        for name in xj.__all__:
            assert hasattr(xj, name)

    def test_py_typed_shipped(self):
        """The package ships the py.typed marker."""
        assert (Path(xj.__file__).parent / "py.typed").is_file()

    def test_every_error_is_a_xiaojie_error(self):
        """Every exception class exported derives from XiaojieError."""
        errors = [getattr(xj, n) for n in xj.__all__ if n.endswith("Error")]

        assert len(errors) >= 8
        assert all(issubclass(e, xj.XiaojieError) for e in errors)
