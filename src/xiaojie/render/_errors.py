"""The error documents raise when asked for something they cannot make."""

from __future__ import annotations

from xiaojie.errors import XiaojieError


__all__ = ["RenderError"]


class RenderError(XiaojieError, ValueError):
    """A document was asked for with an argument it cannot use (an unknown language or format)."""
