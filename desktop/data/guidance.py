"""Guidance sections: Markdown files with TOML front matter between ``+++`` lines. Pure parsing."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path

from desktop.data.records import GuidanceSection
from desktop.errors import UserError


class GuidanceError(UserError):
    """A guidance file cannot be used; the message names the file and what to fix."""


def parse_section(text: str, name: str, checked_on: str) -> GuidanceSection:
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].strip() != "+++":
        raise GuidanceError(f"{name}: must start with a +++ front-matter block")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise GuidanceError(f"{name}: front matter is not closed with +++") from None
    try:
        front = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise GuidanceError(f"{name}: front matter is not valid TOML: {exc}") from None
    missing = [k for k in ("id", "title", "order", "sources") if k not in front]
    if missing:
        raise GuidanceError(f"{name}: front matter lacks {', '.join(missing)}")
    sources = front["sources"]
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        raise GuidanceError(f"{name}: sources must be a non-empty list of citations")
    body = "\n".join(lines[end + 1 :]).strip() + "\n"
    return GuidanceSection(
        id=str(front["id"]),
        title=str(front["title"]),
        order=int(front["order"]),
        summary=str(front.get("summary", "")),
        body=body,
        sources=tuple(sources),
        checked_on=_checked_on(front.get("checked_on"), checked_on, name),
    )


def _checked_on(value: object, fallback: str, name: str) -> str:
    """The section's own ``checked_on`` (a TOML date or an ISO date string) wins; the caller's
    date is only for a section that has none."""
    if value is None:
        return fallback
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise GuidanceError(f"{name}: checked_on must be a date like 2026-12-01, not {value!r}")


def load_sections(folder: Path, checked_on: str) -> list[GuidanceSection]:
    sections = [
        parse_section(p.read_text(encoding="utf-8"), p.name, checked_on)
        for p in sorted(folder.glob("*.md"))
    ]
    ids = [s.id for s in sections]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise GuidanceError(f"duplicate guidance ids: {', '.join(sorted(dupes))}")
    return sorted(sections, key=lambda s: (s.order, s.id))
