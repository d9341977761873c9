"""``send-desk`` that kills itself (SIGKILL: no clean-up, as a power cut) at a chosen point.

    KILL_ENTRY=module.function       on entering that function
    KILL_IN=module.function KILL_AT=n KILL_WHEN=before|after
                                     at the n-th file operation (link, replace, rename,
                                     unlink, chmod, fsync, copyfile) made inside it

Run as ``python -m tests.tools.rerun.killer ARGS…`` with the CLI's arguments.
"""

from __future__ import annotations

import importlib
import os
import shutil
import signal
import sys
from typing import Any


def _wrap(target: str, wrapper: Any) -> None:
    module_name, function = target.rsplit(".", 1)
    module = importlib.import_module(module_name)
    setattr(module, function, wrapper(getattr(module, function)))


def main() -> int:
    state = {"armed": False, "calls": 0}
    if entry := os.environ.get("KILL_ENTRY"):
        def on_entry(real: Any) -> Any:
            def killed(*args: Any, **kwargs: Any) -> Any:
                os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)
            return killed
        _wrap(entry, on_entry)
    if target := os.environ.get("KILL_IN"):
        n, when = int(os.environ["KILL_AT"]), os.environ["KILL_WHEN"]

        def counted(real: Any) -> Any:
            def step(*args: Any, **kwargs: Any) -> Any:
                if not state["armed"]:
                    return real(*args, **kwargs)
                state["calls"] += 1
                if state["calls"] == n and when == "before":
                    os.kill(os.getpid(), signal.SIGKILL)
                result = real(*args, **kwargs)
                if state["calls"] == n and when == "after":
                    os.kill(os.getpid(), signal.SIGKILL)
                return result
            return step

        for name in ("link", "replace", "rename", "unlink", "chmod", "fsync"):
            setattr(os, name, counted(getattr(os, name)))
        shutil.copyfile = counted(shutil.copyfile)

        def arming(real: Any) -> Any:
            def armed(*args: Any, **kwargs: Any) -> Any:
                state["armed"] = True
                try:
                    return real(*args, **kwargs)
                finally:
                    state["armed"] = False
            return armed
        _wrap(target, arming)
    from desktop.cli import main as cli

    code = cli(sys.argv[1:])
    sys.stderr.write(f"\nSTEPS={state['calls']}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
