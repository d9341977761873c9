"""The app's error vocabulary: problems the user can act on, apart from bugs (design §8).

``UserError`` and its subclasses carry one sentence (``str(exc)``) that says what
happened and what to do, and the exit status the command line ends with. Entry points
(the CLI, the GUI, workers) catch ``UserError`` and show that sentence; anything else is
a bug: logged with its traceback and reported as one, with the user's data untouched.
This module imports nothing, so every layer may use it.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of every ``send-desk`` command (README, "Exit codes")."""

    OK = 0
    FAILED = 1  # the smoke test failed; a refresh or restore was refused or failed (data unchanged)
    USAGE = 2  # bad command line (argparse's own code), nothing to refresh from, no display
    TOO_NEW = 3  # the database was written by a newer version
    DATA = 4  # the data could not be opened (not this app's file, damaged, unreadable)
    IN_USE = 5  # the database is in use by another program: try again in a moment
    BUG = 70  # an unexpected error (a bug, sysexits' EX_SOFTWARE): logged, data unchanged
    INTERRUPTED = 130  # stopped with Ctrl+C (128 + SIGINT, as shells report it)


class UserError(Exception):
    """A problem the user can act on; ``str()`` is one sentence saying what to do."""

    exit_code: ExitCode = ExitCode.FAILED
