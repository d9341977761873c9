"""What each re-run case runs in: its own scratch folder, the real ``send-desk``, users, limits.

Every case gets a fresh folder (``Env.root``) holding its data folder, and runs the real
console script ``.venv/bin/send-desk`` with ``SEND_DESK_DATA_DIR`` pointing there. A run
can be made as ``nobody`` (``setpriv --reuid=nobody``), as root without the capabilities
that let it ignore file modes (``nocaps``), under an address-space limit (``prlimit
--as``), under Xvfb, and always under ``/usr/bin/time`` so its peak memory is known. The
whole run lives in a private mount namespace (``attack_rerun`` sees to it), so the
tmpfs and read-only mounts made here vanish with it even after a crash.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.file_digests import digest as digest
from tests.file_digests import tree as tree
from tests.tools.rerun.core import TRACEBACK, Check, short

ROOT = Path(__file__).resolve().parents[3]
PYTHON = ROOT / ".venv" / "bin" / "python"
SEND_DESK = ROOT / ".venv" / "bin" / "send-desk"
DB_NAME = "send-desk.sqlite"
GIB = 1024**3
REPORT_LINE = "The full report is saved in"
NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
NOCAPS = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


@dataclass
class Run:
    args: list[str]
    rc: int
    out: str
    err: str
    seconds: float
    rss_mb: float | None = None
    timed_out: bool = False

    @property
    def lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]

    @property
    def last(self) -> str:
        """The sentence the user read last on stderr (progress lines come before it)."""
        said = [line for line in self.lines if not line.startswith(REPORT_LINE)]
        return said[-1].strip() if said else ""

    @property
    def traceback(self) -> bool:
        return bool(TRACEBACK.search(self.out + self.err))

    def said(self, text: str) -> bool:
        return text.lower() in (self.out + self.err).lower()

    def brief(self) -> str:
        extra = f" {self.seconds:.1f}s" + (f" {self.rss_mb:.0f}MB" if self.rss_mb else "")
        what = "timed out" if self.timed_out else f"rc {self.rc}"
        done = [line for line in self.out.splitlines() if line.startswith("Done: ")]
        shown = (done[-1] if done and self.rc == 0 else self.last) or (
            self.out.strip().splitlines() or [""]
        )[-1]
        return f"{what}{extra}: {short(shown, 150)}"


def clean_exit(check: Check, run: Run, rc: int | tuple[int, ...] | None = None) -> None:
    """The usual demands on a run: it ended, no traceback, not a bug, the expected code."""
    check.see(run.brief())
    check.that(not run.timed_out, f"did not finish in time ({run.seconds:.0f} s)")
    check.that(not run.traceback, "a traceback reached the user")
    check.that(run.rc != 70, "reported as a bug (exit 70)")
    if rc is not None:
        wanted = rc if isinstance(rc, tuple) else (rc,)
        check.that(run.rc in wanted, f"exit {run.rc}, expected {wanted}")


@dataclass
class Env:
    root: Path
    bundled: Path
    mounts: list[Path] = field(default_factory=list)
    procs: list[subprocess.Popen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        self.data = self.root / "data"
        self.home = self.root / "home"
        self.home.mkdir(exist_ok=True)
        self.home.chmod(0o777)

    @property
    def live(self) -> Path:
        return self.data / DB_NAME

    # -- running the app ---------------------------------------------------------------------
    def environ(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SEND_DESK_", "QT_", "ATTACK_RERUN"))
        }
        env.update(
            {
                "QT_QPA_PLATFORM": "offscreen",
                "SEND_DESK_DATA_DIR": str(self.data),
                "SEND_DESK_BUNDLED_DB": str(self.bundled),
                "XDG_CONFIG_HOME": str(self.home / "config"),
                "HOME": str(self.home),
                "PYTHONPATH": str(ROOT),
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        for key, value in (extra or {}).items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def command(
        self, argv: list[str], *, user: str | None = None, mem_gb: float | None = None,
        xvfb: bool = False, rss: Path | None = None,
    ) -> list[str]:  # fmt: skip
        prefix: list[str] = []
        if user == "nobody":
            prefix += NOBODY
        elif user == "nocaps":
            prefix += NOCAPS
        if xvfb:
            prefix += ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
        if mem_gb:
            prefix += ["prlimit", f"--as={int(mem_gb * GIB)}"]
        if rss is not None:
            prefix += ["/usr/bin/time", "-f", "%M", "-o", str(rss)]
        return prefix + argv

    def run(
        self, argv: list[str], *, user: str | None = None, mem_gb: float | None = None,
        timeout: float = 120, env: dict[str, str] | None = None, xvfb: bool = False,
        stdin: str | None = None,
    ) -> Run:  # fmt: skip
        rss = self.root / f".rss-{time.monotonic_ns()}"
        rss.touch()
        rss.chmod(0o666)
        environ = self.environ(env)
        if xvfb:
            environ.pop("QT_QPA_PLATFORM", None)
        cmd = self.command(argv, user=user, mem_gb=mem_gb, xvfb=xvfb, rss=rss)
        start = time.monotonic()
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=environ, text=True, start_new_session=True,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, errors="replace",
        )  # fmt: skip
        timed_out = False
        try:
            out, err = proc.communicate(stdin, timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            with_group(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
        seconds = time.monotonic() - start
        peak = None
        words = rss.read_text(errors="replace").split()
        if words and words[-1].isdigit():
            peak = int(words[-1]) / 1024
        rss.unlink(missing_ok=True)
        return Run(argv, proc.returncode, out, err, seconds, peak, timed_out)

    def cli(self, *args: str, **kw: object) -> Run:
        return self.run([str(SEND_DESK), *args], **kw)  # type: ignore[arg-type]

    def py(self, *args: str, **kw: object) -> Run:
        return self.run([str(PYTHON), *args], **kw)  # type: ignore[arg-type]

    def gui(self, scenario: str, *args: str, **kw: object) -> tuple[Run, dict]:
        """A scenario of ``gui_driver`` in its own process; its JSON answer (or {})."""
        run = self.py("-m", "tests.tools.rerun.gui_driver", scenario, *args, **kw)
        for line in reversed(run.out.splitlines()):
            if line.startswith("{"):
                try:
                    return run, json.loads(line)
                except ValueError:
                    break
        return run, {}

    def spawn(self, argv: list[str], *, env: dict[str, str] | None = None, **kw: object) -> subprocess.Popen:
        proc = subprocess.Popen(
            argv, cwd=ROOT, env=self.environ(env), text=True, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, errors="replace", **kw,
        )  # fmt: skip
        self.procs.append(proc)
        return proc

    # -- data ---------------------------------------------------------------------------------
    def make_live(self, *, refreshed: bool = False, services: int | None = None) -> Path:
        self.data.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.bundled, self.live)
        self.live.chmod(0o644)
        if refreshed:
            mark_refreshed(self.live, services)
        return self.live

    def json_feed(self, name: str, records: object, *, raw: bytes | None = None) -> Path:
        path = self.root / name
        path.write_bytes(raw if raw is not None else json.dumps(records).encode())
        return path

    def services_feed(self, n: int, name: str = "feed.json", prefix: str = "s") -> Path:
        return self.json_feed(name, [{"id": f"{prefix}{i}", "name": f"Service {i}"} for i in range(n)])

    def count(self, path: Path | None = None) -> int | None:
        try:
            conn = sqlite3.connect(f"file:{path or self.live}?mode=ro", uri=True)
            try:
                return conn.execute("SELECT count(*) FROM services").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            return None

    def names(self, folder: Path | None = None) -> list[str]:
        folder = folder or self.data
        return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []

    def leftovers(self) -> list[str]:
        return [
            n for n in self.names()
            if n.endswith((".new", ".copying", ".lock", ".bak.tmp", "-journal")) or ".tmp-" in n
        ]  # fmt: skip

    # -- mounts, owners, locks ------------------------------------------------------------------
    def tmpfs(self, path: Path, size: str, *, inodes: int | None = None) -> Path:
        path.mkdir(parents=True, exist_ok=True)
        options = f"size={size},mode=0755" + (f",nr_inodes={inodes}" if inodes else "")
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
        self.mounts.append(path)
        return path

    def read_only(self, path: Path) -> None:
        """Make ``path`` (a folder) a read-only bind mount of itself."""
        subprocess.run(["mount", "--bind", str(path), str(path)], check=True)
        self.mounts.append(path)
        subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], check=True)

    def fill(self, folder: Path, leave: int = 0) -> None:
        """Fill the file system holding ``folder`` until ``leave`` bytes are free."""
        stats = os.statvfs(folder)
        free = stats.f_bavail * stats.f_frsize - leave
        with open(folder / "filler", "wb") as handle:
            chunk = b"\0" * (1 << 20)
            while free > 0:
                try:
                    handle.write(chunk[: min(free, len(chunk))])
                    handle.flush()
                except OSError:
                    break
                free -= len(chunk)

    def give(self, path: Path, user: str = "nobody") -> None:
        subprocess.run(["chown", "-R", f"{user}:", str(path)], check=True)

    def hold_exclusive(self, path: Path) -> subprocess.Popen:
        """Another process holding ``path`` with an EXCLUSIVE SQLite lock until released."""
        code = (
            "import sqlite3,sys\nc=sqlite3.connect(sys.argv[1],isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\nprint('locked',flush=True)\nsys.stdin.read()\n"
        )
        proc = subprocess.Popen(
            [str(PYTHON), "-c", code, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        self.procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        return proc

    def cleanup_data(self) -> None:
        """Remove the data folder (to set a case up again)."""
        subprocess.run(["rm", "-rf", "--one-file-system", str(self.data)], check=False)

    def cleanup(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                try:
                    with_group(proc.pid, signal.SIGKILL)
                except OSError:
                    proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired, ValueError, OSError):
                proc.communicate(timeout=10)
        for path in reversed(self.mounts):
            subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)
        self.mounts.clear()
        # Never cross into another file system (a mount that could not be undone).
        subprocess.run(["rm", "-rf", "--one-file-system", str(self.root)], check=False)


def with_group(pid: int, sig: int) -> None:
    """Signal ``pid``'s process group (its own session), or the process alone."""
    try:
        if os.getpgid(pid) != pid:  # not a group leader: never signal our own group
            raise ProcessLookupError
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)


def mark_refreshed(live: Path, services: int | None = None) -> None:
    """Make ``live`` look like a refreshed (non-demo) copy, optionally with fewer services."""
    conn = sqlite3.connect(live)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'is_demo'")
        conn.execute("UPDATE meta SET value = 'refreshed-copy' WHERE key = 'source'")
        if services is not None:
            for table in ("service_terms", "contacts", "phones", "locations", "costs", "links",
                          "send_answers", "service_texts"):  # fmt: skip
                conn.execute(f"DELETE FROM {table} WHERE service_rid > ?", (services,))
            conn.execute("DELETE FROM services WHERE rid > ?", (services,))
            conn.execute("UPDATE meta SET value = ? WHERE key = 'service_count'", (str(services),))
    conn.close()


_SHARED_LOCK = threading.Lock()


def shared(bundled: Path, name: str, make: Callable[[Path], None]) -> Path:
    """A file made once per run (beside the bundle) and shared by the cases that read it."""
    path = bundled.parent.parent / "shared" / name
    with _SHARED_LOCK:
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            make(path.with_name(name + ".making"))
            path.with_name(name + ".making").rename(path)
    return path


def wait_for(test: object, timeout: float, every: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if test():  # type: ignore[operator]
            return True
        time.sleep(every)
    return bool(test())  # type: ignore[operator]


def python_exe() -> str:
    return str(PYTHON if PYTHON.exists() else sys.executable)
