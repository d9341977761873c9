"""Reading a small file someone else controls: a policy INI, a providers list, a cache.

Only a regular file is read. A FIFO, ``/dev/zero``, ``/dev/urandom``, a folder or a socket
is refused before anything can block, and at most ``max_bytes + 1`` bytes are ever read
(``st_size`` is 0 for devices and pipes, so it cannot be trusted on its own). A hostile
or mistaken path can therefore neither hang the app nor fill its memory (review F15).

Standard library only, so every layer may use it (config included).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Opening a FIFO for reading blocks until a writer appears; O_NONBLOCK makes it return at
# once (POSIX). Windows has no FIFOs in the file system and no such flag.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class FileRefused(OSError):
    """The path names something that is not read: ``str()`` is a phrase after the name."""


class NotRegularFile(FileRefused):
    pass


class TooLarge(FileRefused):
    pass


def _check(mode: int, size: int, path: Path, max_bytes: int) -> None:
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not an ordinary file"
        raise NotRegularFile(f"{path} is {kind}")
    if size > max_bytes:
        raise TooLarge(f"{path.name} is larger than {max_bytes:,} bytes")


def read_bytes(path: str | Path, max_bytes: int) -> bytes:
    """The whole file, if it is a regular file of at most ``max_bytes`` bytes.

    Raises NotRegularFile, TooLarge (both FileRefused, an OSError) or the OSError of the
    operating system (missing, no permission).
    """
    path = Path(path)
    st = os.stat(path)
    _check(st.st_mode, st.st_size, path, max_bytes)
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as stream:
        st = os.fstat(stream.fileno())  # the file actually opened, not the name checked
        _check(st.st_mode, st.st_size, path, max_bytes)
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # it grew after the check
        raise TooLarge(f"{path.name} is larger than {max_bytes:,} bytes")
    return data
