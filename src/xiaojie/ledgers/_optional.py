"""Optional dependencies of the ledger engines, imported on first use with a clear error."""

from __future__ import annotations

import importlib
from typing import Any

from xiaojie.errors import XiaojieError


__all__ = ["MissingExtraError", "duckdb_module", "ibis_module", "pyarrow_module", "require"]


class MissingExtraError(XiaojieError, ImportError):
    """An optional dependency (DuckDB, pyarrow, Ibis, PySpark, openpyxl) is not installed."""


_COLUMNAR = "the columnar engine needs duckdb, pyarrow and ibis: pip install 'xiaojie[columnar]'"


def require(module: str, message: str) -> Any:  # noqa: ANN401 - untyped third-party modules
    """Return the imported ``module``, or raise :class:`MissingExtraError` with ``message``."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtraError(message) from err


def duckdb_module() -> Any:  # noqa: ANN401
    """Return :mod:`duckdb`."""
    return require("duckdb", _COLUMNAR)


def pyarrow_module() -> Any:  # noqa: ANN401
    """Return :mod:`pyarrow`."""
    return require("pyarrow", _COLUMNAR)


def ibis_module() -> Any:  # noqa: ANN401
    """Return :mod:`ibis`."""
    return require("ibis", _COLUMNAR)
