"""What a file or a folder holds, as hashes: the attack tests and the attack re-run compare
these before and after a case to prove nothing of the user's changed. Standard library only,
so the re-run tool can import it without the test suite's conftest."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tree(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's hash, or its kind (folders, links, devices)."""
    found: dict[str, str] = {}
    for path in sorted(Path(folder).rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "link->" + os.readlink(path)
        elif path.is_file():
            found[key] = digest(path)
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = "special"
    return found
