"""Optional dependencies: one check whether a package is there, one import that names its extra.

Heavy or specialised packages (openpyxl, DuckDB, pyarrow, icalendar, rich) live in extras. Code
that needs one calls :func:`require`, which imports it or raises
:class:`~xiaojie.errors.MissingExtraError` naming the extra to install; code that can do
without one asks :func:`available`.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

from xiaojie.errors import MissingExtraError


if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping
    from types import ModuleType


__all__ = ["EXTRAS", "available", "load_lazily", "require"]

EXTRAS: dict[str, str] = {
    "openpyxl": "xlsx",
    "duckdb": "columnar",
    "pyarrow": "columnar",
    "ibis": "columnar",
    "numpy": "columnar",
    "pyspark": "spark",
    "python_calamine": "xlsx",
    "icalendar": "docs",
    "rich": "docs",
    "pandas": "frames",
    "docx": "word",
    "rapidfuzz": "levels",
    "toml_rs": "speed",
    "xlsxwriter": "docs",
}
"""The extra that installs each optional top-level package."""


def available(module: str) -> bool:
    """Return whether ``module`` can be imported (without importing it).

    Examples
    --------
    >>> available("json"), available("no_such_package_here")
    (True, False)
    """
    top = module.partition(".")[0]
    return importlib.util.find_spec(top) is not None


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise an error naming the extra that installs it.

    Parameters
    ----------
    module
        The module to import, e.g. ``"openpyxl"`` or ``"pyarrow.parquet"``.
    purpose
        What needs it, for the message: ``"reading XLSX progress files"``.

    Raises
    ------
    MissingExtraError
        If the package is not installed.

    Examples
    --------
    >>> require("json", "reading JSON").__name__
    'json'
    >>> require("openpyxl_not_here", "writing XLSX")
    Traceback (most recent call last):
    ...
    xiaojie.errors.MissingExtraError: writing XLSX: expected the package openpyxl_not_here, found it missing; install it with: pip install 'xiaojie[all]'
    """
    top = module.partition(".")[0]
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtraError.naming(top, EXTRAS.get(top, "all"), purpose) from err


def load_lazily(
    package: str, where: Mapping[str, str], name: str, namespace: MutableMapping[str, object]
) -> object:
    """Return ``name`` of ``package``, imported on first use from its module in ``where``.

    A package's module ``__getattr__`` (PEP 562) calls this, so that importing the package does
    not import every submodule; the value is kept in ``namespace`` (the package's globals), so
    it is looked up once.

    Raises
    ------
    AttributeError
        If ``where`` does not name the module of ``name``.
    """
    module = where.get(name)
    if module is None:
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = namespace[name] = getattr(importlib.import_module(module), name)
    return value
