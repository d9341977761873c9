"""Case registry and verdicts for the attack re-run.

A case is a function ``(env) -> Check`` registered with :func:`case` under the review's
number and root cause (``F1``…``F19``; groups the review found holding are named ``H-…``).
A :class:`Check` gathers evidence (what was seen) and problems (what did not hold); the
case holds when it has no problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# The review's counts: causes F1–F19 failed in these many cases; held groups are ours
# (the review names the groups that held, not their case numbers).
REVIEW_FAILED = {
    "F1": 6, "F2": 1, "F3": 1, "F4": 1, "F5": 4, "F6": 3, "F7": 6, "F8": 3, "F9": 1, "F10": 1,
    "F11": 7, "F12": 3, "F13": 23, "F14": 4, "F15": 9, "F16": 1, "F17": 5, "F18": 1, "F19": 12,
}  # fmt: skip
GROUPS = {
    "H-kill": "kill -9 during download, import and swap",
    "H-lock": "the refresh lock",
    "H-disk": "disk full",
    "H-ro": "read-only folders, files and mounts",
    "H-damage": "damaged, odd and locked databases",
    "H-feed": "hostile JSON feeds",
    "H-zip": "CSV packages: zip traversal, odd zips",
    "H-http": "hostile HTTP behaviours",
    "H-redirect": "redirects to other schemes, loops",
    "H-endless": "endless bodies and pages",
    "H-conc": "concurrent refreshes and searches",
    "H-socket": "start-up opens no socket",
    "H-links": "tel:, mailto: and website links",
    "H-prov": "providers files",
    "H-policy": "policy files",
    "H-db": "--db paths",
}
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|--- Logging error ---")


@dataclass
class Check:
    evidence: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_run: bool = False  # an observation that cannot be re-run here (it says why)

    def see(self, text: str) -> None:
        self.evidence.append(text)

    def that(self, ok: object, problem: str) -> bool:
        if not ok:
            self.problems.append(problem)
        return bool(ok)

    @property
    def held(self) -> bool:
        return not self.problems

    def summary(self, width: int = 400) -> str:
        text = "; ".join(self.problems + self.evidence)
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class Case:
    number: int
    cause: str
    title: str
    run: Callable[[Any], Check]
    slow: bool = False  # takes tens of seconds (deadlines, bombs, big databases)


CASES: dict[int, Case] = {}


def case(number: int, cause: str, title: str, *, slow: bool = False) -> Callable:
    def register(fn: Callable[[Any], Check]) -> Callable[[Any], Check]:
        assert number not in CASES, f"case {number} registered twice"
        assert cause in REVIEW_FAILED or cause in GROUPS or cause.startswith("O"), cause
        CASES[number] = Case(number, cause, title, fn, slow)
        return fn

    return register


# Observations the review did not count: numbered O1…, run and reported apart.
OBSERVATIONS: dict[str, Case] = {}


def observation(key: str, title: str) -> Callable:
    def register(fn: Callable[[Any], Check]) -> Callable[[Any], Check]:
        OBSERVATIONS[key] = Case(0, key, title, fn)
        return fn

    return register


def short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
