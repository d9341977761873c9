"""Set up everything a source checkout needs, then start the app or run the tests.

Standard library only, so it runs on a machine that has nothing but Python 3:

    python3 -m desktop.devsetup start [APP ARGS]     set up, then start the app
    python3 -m desktop.devsetup test  [PYTEST ARGS]  set up, then run the whole test suite

On Debian or Ubuntu it installs the system libraries Qt needs (and python3-venv) with
apt-get when run as root; otherwise it prints the exact apt-get line to run. It keeps
its virtual environment in .venv/ and reinstalls only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Libraries PySide6's Qt links against (offscreen) plus the X11/xcb ones for a real display.
QT_APT = [
    "libgl1", "libegl1", "libx11-6", "libdbus-1-3", "libfontconfig1", "libfreetype6",
    "libglib2.0-0", "libxkbcommon0", "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4",
    "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1",
]  # fmt: skip


def say(message: str) -> None:
    print(f"[send-desk setup] {message}", flush=True)


def run(cmd: list[str], **kwargs: Any) -> None:  # subprocess.run's own keywords
    subprocess.run(cmd, check=True, **kwargs)


def missing_apt_packages(packages: list[str]) -> list[str]:
    if not shutil.which("dpkg-query"):
        return []
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\n", *packages],
        capture_output=True,
        text=True,
    )
    installed = {
        line.split()[0].split(":")[0]
        for line in result.stdout.splitlines()
        if line.endswith(" installed")
    }
    return [p for p in packages if p not in installed]


def can_make_venv() -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import venv, ensurepip"], capture_output=True, text=True
    )
    return probe.returncode == 0


def ensure_system_packages() -> None:
    """Install what apt must provide (Qt's libraries, python3-venv); or say the exact line."""
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    wanted = list(QT_APT)
    if not VENV.exists() and not can_make_venv():
        wanted.append("python3-venv")
    missing = missing_apt_packages(wanted)
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing system packages: {' '.join(missing)}")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", *line.split()[1:], "-qq"], env=env)
        return
    say("these system packages are missing; install them, then run this command again:")
    print(f"    sudo {line}", flush=True)
    sys.exit(1)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project (editable) with ``extras`` when anything changed."""
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        run([sys.executable, "-m", "venv", str(VENV)])
    spec = f".[{extras}]" if extras else "."
    if _stamp(extras).exists() and _stamp(extras).read_text().strip() == _digest(extras):
        return
    say(f"installing the app and its dependencies ({spec}) into .venv")
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check"]
    run([*pip, "install", "-q", "--upgrade", "pip"])
    run([*pip, "install", "-q", "-e", spec], cwd=ROOT)
    # An install with extras also holds the plain app: `start` after `test` needs nothing more.
    for done in {extras, ""}:
        _stamp(done).write_text(_digest(done) + "\n")


def _stamp(extras: str) -> Path:
    return VENV / f".send-desk-installed{'-' + extras if extras else ''}"


def _digest(extras: str) -> str:
    """What an install depends on: the project file, the extras and this Python."""
    spec = f".[{extras}]" if extras else "."
    return hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + spec.encode() + sys.version.encode()
    ).hexdigest()


# Qt platforms that draw nowhere a person can see: the window would open invisibly and the
# app would never exit, so `start` runs the smoke test instead (as on a machine with no screen).
HEADLESS_QT_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl"})


def qt_platform(env: dict[str, str] | None = None) -> str:
    """The platform plugin named by QT_QPA_PLATFORM, without its options ('offscreen:x=1')."""
    value = (os.environ if env is None else env).get("QT_QPA_PLATFORM", "")
    return value.split(":", 1)[0].strip().lower()


def has_display(env: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether a window shown now would appear on a screen."""
    env = dict(os.environ) if env is None else env
    qpa = qt_platform(env)
    if qpa in HEADLESS_QT_PLATFORMS:
        return False
    if not (platform or sys.platform).startswith("linux"):
        return True
    return bool(qpa or any(env.get(k) for k in ("DISPLAY", "WAYLAND_DISPLAY")))


def hand_over(cmd: list[str], env: dict[str, str] | None = None) -> int:
    """Run ``cmd`` in place of this process (so signals and exit codes pass straight through)."""
    env = env or dict(os.environ)
    if os.name == "posix":
        sys.stdout.flush()
        os.chdir(ROOT)
        os.execve(cmd[0], cmd, env)
    return subprocess.call(cmd, cwd=ROOT, env=env)


def start(args: list[str]) -> int:
    ensure_system_packages()
    ensure_venv("")
    env = dict(os.environ)
    if not has_display() and "--smoke" not in args and not any(not a.startswith("-") for a in args):
        say(
            "no display found, so the window cannot be shown here: running the off-screen "
            "smoke test instead. To see the window, run on a desktop or under xvfb-run."
        )
        args = [*args, "--smoke"]
        if qt_platform(env) in HEADLESS_QT_PLATFORMS:
            env["QT_QPA_PLATFORM"] = "offscreen"  # 'minimal' has no fonts: check as CI does
    say("starting SEND Adviser Desk")
    return hand_over([str(PYTHON), "-m", "desktop", *args], env)


def test(args: list[str]) -> int:
    ensure_system_packages()
    ensure_venv("test")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    say("running the test suite")
    return hand_over([str(PYTHON), "-m", "pytest", *args], env)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in {"start", "test"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    try:
        return start(rest) if command == "start" else test(rest)
    except subprocess.CalledProcessError as exc:
        say(f"a set-up step failed ({' '.join(map(str, exc.cmd))}, exit {exc.returncode})")
        return exc.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
