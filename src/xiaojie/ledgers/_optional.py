"""Optional dependencies of the ledger engines, imported on first use through the one helper.

:func:`xiaojie._extras.require` imports a package or raises
:class:`~xiaojie.errors.MissingExtraError` naming the extra that installs it.
"""

from __future__ import annotations

from typing import Any

from xiaojie._extras import require as _require
from xiaojie.errors import MissingExtraError


__all__ = ["MissingExtraError", "duckdb_module", "ibis_module", "pyarrow_module", "require"]

_COLUMNAR = "the columnar engine"


def require(module: str, purpose: str) -> Any:  # noqa: ANN401 - untyped third-party modules
    """Return the imported ``module``, or raise :class:`MissingExtraError` naming its extra."""
    return _require(module, purpose)


def duckdb_module() -> Any:  # noqa: ANN401
    """Return :mod:`duckdb`."""
    return require("duckdb", _COLUMNAR)


def pyarrow_module() -> Any:  # noqa: ANN401
    """Return :mod:`pyarrow`."""
    return require("pyarrow", _COLUMNAR)


def ibis_module() -> Any:  # noqa: ANN401
    """Return :mod:`ibis`."""
    return require("ibis", _COLUMNAR)
