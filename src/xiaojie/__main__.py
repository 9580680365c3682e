"""``python -m xiaojie``: the command line, as the ``xiaojie`` script runs it."""

import sys

from xiaojie.cli import main


if __name__ == "__main__":
    sys.exit(main())
