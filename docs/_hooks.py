"""MkDocs hooks for the xiaojie documentation.

Pages of the navigation whose file is not (yet) in ``docs/`` are left out of the navigation
instead of failing the strict build, so the site builds at every stage; every page that
exists is still checked strictly.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any


log = logging.getLogger("mkdocs.plugins.xiaojie")


def _keep(entry: Any, docs: Path) -> Any:
    if isinstance(entry, str):
        return (
            entry if entry.startswith(("http://", "https://")) or (docs / entry).is_file() else None
        )
    if isinstance(entry, dict):
        kept = {}
        for title, value in entry.items():
            inner = _keep(value, docs)
            if inner not in (None, []):
                kept[title] = inner
            else:
                log.info("navigation: %r left out (no page yet)", title)
        return kept or None
    if isinstance(entry, list):
        return [k for k in (_keep(e, docs) for e in entry) if k is not None]
    return entry


def on_config(config: Any, **_kwargs: Any) -> Any:
    """Drop navigation entries whose page does not exist."""
    if config.get("nav"):
        config["nav"] = _keep(config["nav"], Path(config["docs_dir"]))
    return config
