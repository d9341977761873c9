"""The review's "Other observations" (not counted in its 251): each re-checked here as O1–O8."""

from __future__ import annotations

import json
import zipfile

from tests.tools.rerun.core import Check, observation
from tests.tools.rerun.env import Env, clean_exit

OK = "id,name\ns1,Kept one\ns2,Kept two\n"


@observation("O1", "after a kill -9, .new and the lock are tidied by info and by the app's start")
def o1(env: Env) -> Check:
    c = Check()
    env.make_live()
    for args in (["info"], ["--smoke"]):
        run = env.py("-m", "tests.tools.rerun.killer", "refresh", str(env.services_feed(40)),
                     env={"KILL_ENTRY": "desktop.data.feeds.writer.finish"})  # fmt: skip
        c.that(run.rc in (-9, 137), "not killed")
        left = env.leftovers()
        clean_exit(c, env.cli(*args), 0)
        c.see(f"{args[0]}: left by the kill {left}, after {env.leftovers()}")
        c.that(left and not env.leftovers(), f"{args[0]} did not tidy {left}")
    return c


@observation("O2", "devsetup start with QT_QPA_PLATFORM=offscreen runs --smoke, not the window")
def o2(env: Env) -> Check:
    c = Check()
    code = ("import sys\nfrom desktop import devsetup\n"
            "devsetup.ensure_system_packages = lambda: None\ndevsetup.ensure_venv = lambda extras: None\n"
            "devsetup.hand_over = lambda cmd, env=None: print('RUN', ' '.join(cmd)) or 0\n"
            "sys.exit(devsetup.main(['start']))\n")  # fmt: skip
    run = env.py("-c", code, env={"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    clean_exit(c, run, 0)
    c.that("--smoke" in run.out, f"would run {run.out.strip()[-120:]}")
    return c


@observation("O3", "a refresh keeps a live file the user made read-only (0444) read-only")
def o3(env: Env) -> Check:
    c = Check()
    env.make_live()
    env.live.chmod(0o444)
    clean_exit(c, env.cli("refresh", str(env.services_feed(4))), 0)
    mode = env.live.stat().st_mode & 0o777
    c.that(mode == 0o444, f"now {oct(mode)}")
    return c


@observation("O4", "duplicate zip members, and the same CSV in two folders, are refused")
def o4(env: Env) -> Check:
    import warnings

    c = Check()
    env.make_live()
    for name, members in (("dup.zip", [("services.csv", OK), ("services.csv", OK)]),
                          ("two.zip", [("a/services.csv", OK), ("b/services.csv", OK)])):  # fmt: skip
        path = env.root / name
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(path, "w") as archive:
                for member, data in members:
                    archive.writestr(member, data)
        run = env.cli("refresh", str(path))
        clean_exit(c, run, 1)
    return c


@observation("O5", "a folder package does not follow a link to another file")
def o5(env: Env) -> Check:
    c = Check()
    env.make_live()
    secret = env.root / "secret.txt"
    secret.write_text("id,name\nleak,Secret\n")
    folder = env.root / "pkg"
    folder.mkdir()
    (folder / "services.csv").symlink_to(secret)
    run = env.cli("refresh", str(folder))
    clean_exit(c, run, 1)
    c.that(run.said("is a link to another file"), "the link was followed")
    return c


@observation("O6", "an unterminated CSV quote no longer swallows the rest of the file")
def o6(env: Env) -> Check:
    c = Check()
    env.make_live()
    path = env.root / "quote.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("services.csv", 'id,name,description\ns1,One,"never closed\ns2,Two,x\ns3,Three,y\n')
    run = env.cli("refresh", str(path))
    clean_exit(c, run, 0)
    c.that((env.count() or 0) >= 2, f"{env.count()} services: the rows after the quote were lost")
    return c


@observation("O7", "loopback http -> external https redirect (allowed by design; not re-run)")
def o7(env: Env) -> Check:
    c = Check(not_run=True)
    c.see("not re-run: it needs a route off this machine, which the re-run never uses")
    return c


@observation("O8", "premium-rate numbers get no tel:, valid international numbers get E.164")
def o8(env: Env) -> Check:
    from desktop.data.phones import parse_phones

    c = Check()
    premium, _ = parse_phones("0909 879 0000")
    abroad, _ = parse_phones("+33 1 23 45 67 89")
    c.see(json.dumps({"premium": [p.tel for p in premium], "abroad": [p.tel for p in abroad]}))
    c.that(premium and not premium[0].tel, "a premium number is callable")
    c.that(abroad and abroad[0].tel.startswith("+33"), "a valid French number has no tel:")
    return c


