"""HTML to text: the sanitiser's cost on hostile and large inputs, before and after its caps.

    .venv/bin/python tests/benchmarks/bench_html.py

"before" is ``html_to_text`` as it was until the caps (copied below as ``before``): nh3 on
the whole input, which is quadratic in nesting depth (reliability review F9), after regexes
that rescanned the rest of the text for every unclosed ``<li``. "after" is ``html_to_text`` today:
nh3 up to ``HTML_LIMITS`` (100,000 characters, nesting 256), the linear stripper beyond.
Each figure is the best of three runs, in seconds ("before" runs once where it takes
seconds); "(minutes)" marks inputs not run "before" because they would take that long.
"""

from __future__ import annotations

import html
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nh3

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desktop.data.text import HTML_LIMITS, html_to_text  # noqa: E402

_OLD_BLOCK_END = re.compile(r"(?i)<\s*(br\s*/?|/p|/div|/h[1-6]|/ul|/ol|/tr)\s*>")
_OLD_LIST_ITEM = re.compile(r"(?i)<\s*li(\s[^>]*)?>")


def before(raw: str) -> str:
    """The old html_to_text, without its whitespace tidying (which is linear)."""
    marked = _OLD_LIST_ITEM.sub("\n• ", _OLD_BLOCK_END.sub("\n", raw))
    return html.unescape(nh3.clean(marked, tags=set(), strip_comments=True))


PARA = "<p>Sessions for <strong>children with SEND</strong> &amp; their families.</p>\n"


def cases() -> list[tuple[str, str, bool]]:
    """(label, markup, also run 'before')."""
    return [
        ("10k nested <div>", "<div>" * 10_000 + "x" + "</div>" * 10_000, True),
        ("20k nested <div>", "<div>" * 20_000 + "x" + "</div>" * 20_000, True),
        ("40k nested <div>", "<div>" * 40_000 + "x" + "</div>" * 40_000, True),
        ("depth 256 + 20k stray </p>", "<div>" * 256 + "</p>" * 20_000, True),
        ("1 MB description, flat HTML", PARA * (1_000_000 // len(PARA)), True),
        (
            "1.2 MB description, 100k nested <div>",
            "<div>" * 100_000 + "text " * 20_000 + "</div>" * 100_000,
            True,
        ),
        ("5 MB record, flat HTML", PARA * (5_000_000 // len(PARA)), True),
        ("50 KB of unclosed '<li '", "<li " * 12_500, True),
        ("200 KB of unclosed '<li '", "<li " * 50_000, True),
        ("5 MB of unclosed '<li '", "<li " * 1_250_000, False),
        ("5 MB of unclosed '<!--'", "<!--" * 1_250_000, True),
        ("typical 2 KB description", PARA * (2_000 // len(PARA)), True),
    ]


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    times: list[float] = []
    for _ in range(runs):
        if times and times[-1] > 2:
            break
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    print(f"limits: {HTML_LIMITS}")
    print(f"{'input':40} {'chars':>10} {'before s':>10} {'after s':>10}")
    for label, markup, run_before in cases():
        old = (
            f"{best_of(lambda m=markup: before(m)):10.4f}"
            if run_before
            else f"{'(minutes)':>10}"
        )
        after = best_of(lambda m=markup: html_to_text(m))
        print(f"{label:40} {len(markup):10,} {old} {after:10.4f}")


if __name__ == "__main__":
    main()
