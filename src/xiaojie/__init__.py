"""xiaojie (衔接): Chinese government action plans as typed, queryable, testable software."""

from importlib.metadata import version as _version

from xiaojie import dates
from xiaojie.errors import XiaojieError


__version__ = _version("xiaojie")

__all__ = [
    "XiaojieError",
    "__version__",
    "dates",
]
