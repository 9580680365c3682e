"""Progress files of Ningxia's 22 county-level places, for the roll-up tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from xiaojie.places import load_places
from xiaojie.progress import write_progress


if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from xiaojie.places import Place
    from xiaojie.progress import Progress

COUNTIES = load_places().at_level("county")


def write_county_files(
    folder: Path, progress_of: Callable[[Place], Progress], *, by_name_only_every: int = 0
) -> list[Path]:
    """One progress file per county, named ``<code>-<name>.csv``.

    With ``by_name_only_every=n``, every n-th county's file is named ``<name>.csv`` only, so
    the roll-up must find the county by its name.
    """
    paths = []
    for k, county in enumerate(COUNTIES):
        by_name = by_name_only_every and k % by_name_only_every == 0
        name = f"{county.name}.csv" if by_name else f"{county.code}-{county.name}.csv"
        paths.append(write_progress(progress_of(county), folder / name))
    return paths
