"""Helpers for the reliability-review cases (reviews/reliability-review.md) kept as tests.

Each case asserts the live database's hash (or the user's file's bytes), the sentence the
user reads and that no traceback reached them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.file_digests import digest as digest
from tests.file_digests import tree as tree

DB_NAME = "send-desk.sqlite"


def no_traceback(*texts: str) -> bool:
    joined = "\n".join(texts)
    return "Traceback" not in joined and "--- Logging error ---" not in joined


def one_sentence(text: str) -> str:
    """The message the user read: stderr without blank lines, which must be one line."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


def unprivileged() -> list[str]:
    """A command prefix that makes root obey file permissions (as an ordinary user would):
    setpriv drops the capabilities that let root write a read-only file."""
    if getattr(os, "geteuid", lambda: 1)() != 0:  # Windows has no root: chmod 0444 is enough
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to run read-only cases as root"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def run_cli(
    args: list[str],
    data_dir: Path,
    bundled: Path,
    *,
    prefix: list[str] | None = None,
    timeout: float = 120,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The real ``send-desk`` in a subprocess, offscreen, on ``data_dir``."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SEND_DESK_DATA_DIR": str(data_dir),
        "SEND_DESK_BUNDLED_DB": str(bundled),
        "PYTHONPATH": str(ROOT),
        **(extra_env or {}),
    }
    env.pop("SEND_DESK_POLICY", None)
    return subprocess.run(
        [*(prefix or []), sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def make_live(data_dir: Path, bundled: Path) -> Path:
    """A live copy in ``data_dir`` made from the bundle (what the first start does)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    live = data_dir / DB_NAME
    shutil.copyfile(bundled, live)
    live.chmod(0o644)
    return live


def mark_refreshed(live: Path, services: int | None = None) -> None:
    """Make ``live`` look like a refreshed (non-demo) copy, optionally keeping fewer services."""
    conn = sqlite3.connect(live)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
        conn.execute("UPDATE meta SET value = 'refreshed-copy' WHERE key = 'source'")
        if services is not None:
            conn.execute("DELETE FROM service_terms WHERE service_rid > ?", (services,))
            conn.execute("DELETE FROM contacts WHERE service_rid > ?", (services,))
            conn.execute("DELETE FROM services WHERE rid > ?", (services,))
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'service_count'", (str(services),)
            )
    conn.close()


def corrupt_pages(path: Path, table: str, pages: slice) -> list[int]:
    """Overwrite some leaf pages of ``table`` with garbage (a partially damaged file)."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    numbers = [
        r[0]
        for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,),
        )
    ][pages]
    conn.close()
    with open(path, "r+b") as handle:
        for n in numbers:
            handle.seek((n - 1) * size)
            handle.write(b"\x0d" + b"\xff" * (size - 1))
    return numbers


# Cases that only exist where there are device files, FIFOs and unprivileged symlinks.
POSIX_ONLY = pytest.mark.skipif(
    sys.platform == "win32", reason="needs POSIX device files, FIFOs or symlinks"
)
