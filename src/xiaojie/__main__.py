"""``python -m xiaojie``: the command line, as the ``xiaojie`` script runs it."""

import sys

from xiaojie.cli._main import script


def run() -> None:
    """Run the ``xiaojie`` script: the command line, then exit with its code."""
    sys.exit(script())


if __name__ == "__main__":
    run()
