"""The ``xiaojie`` command line: a thin shell over the library.

Subcommands call pure library functions that build documents or data; :func:`main` prints
them. In a terminal, tables are drawn with ``rich`` (when installed) and long work shows a
progress bar; when the output is piped, it is plain text with aligned columns, and ``--json``
gives data for scripts.

Errors are one ``error: …`` line per problem on stderr with exit code 1; usage errors (an
unknown command or option, a missing argument) exit with 2. ``--as-of`` defaults to today:
this module is the only place in xiaojie that reads the clock.
"""

from xiaojie.cli._main import main
from xiaojie.cli._shared import show_plan


__all__ = ["main", "show_plan"]
