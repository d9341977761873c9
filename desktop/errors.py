"""The app's error vocabulary: problems the user can act on, apart from bugs (design §8).

``UserError`` and its subclasses carry one sentence (``str(exc)``) that says what
happened and what to do. Entry points (the CLI, the GUI, workers) catch ``UserError``
and show that sentence; anything else is a bug: logged with its traceback and reported
as one, with the user's data untouched. This module imports nothing, so every layer
may use it.
"""

from __future__ import annotations

from enum import IntEnum


class UserError(Exception):
    """A problem the user can act on; ``str()`` is one sentence saying what to do."""


class ExitCode(IntEnum):
    """Exit statuses of ``send-desk`` (README, "Command line")."""

    OK = 0
    FAILED = 1  # the smoke test failed; a refresh was refused or failed (data unchanged)
    DATA = 2  # the data could not be opened (argparse also exits 2 on bad usage)
    TOO_NEW = 3  # the database was written by a newer version
