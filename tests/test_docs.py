"""The README documents the command line as it is (sqlite-utils' test_docs pattern): every
subcommand and every option of ``send-desk`` appears in README.md."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from desktop.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser, **actions[0].choices}


def _options() -> list[tuple[str, str]]:
    found = []
    for name, parser in _subcommands().items():
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    found.append((name, option))
    return found


def test_the_walk_finds_the_commands() -> None:
    assert {"info", "search", "refresh", "deadline", "publish"} <= set(_subcommands())
    assert ("search", "--limit") in _options()


@pytest.mark.parametrize("command", sorted(c for c in _subcommands() if c))
def test_every_subcommand_is_in_the_readme(command: str) -> None:
    assert f"send-desk {command}" in README


def _usage_lines() -> list[str]:
    """The lines of the README's command-line block."""
    block = README[README.index("## Command line") :].split("```")[1]
    return block.splitlines()


@pytest.mark.parametrize(("command", "option"), _options())
def test_every_option_is_in_the_readme(command: str, option: str) -> None:
    """Each option stands on a line of the usage block that names its command (``--db``
    is listed once, with the subcommands that accept it after their name)."""
    lines = _usage_lines()
    if option == "--db" and command:
        accepted = next(line for line in lines if "also accepted after" in line)
        at = lines.index(accepted)
        assert command in " ".join(lines[at : at + 2]), f"send-desk {command} --db"
        return
    prefix = f"send-desk {command}".rstrip()
    named = [line for line in lines if line.startswith(prefix)]
    assert any(option in line.split() or f"[{option}" in line for line in named), (
        f"{prefix} {option} is not in README.md's command-line block"
    )


@pytest.mark.parametrize("command", sorted(c for c in _subcommands() if c))
def test_every_subcommand_has_help(command: str) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help for choice in sub._choices_actions}
    assert helps.get(command), f"send-desk {command} has no help text"


def _listed(path: Path, doc: str) -> bool:
    """``path`` is named in a row of the table: in full, or by file name in a row that
    names its folder (``desktop/data/text.py``, ``phones.py``)."""
    rel = path.relative_to(ROOT).as_posix()
    rows = [line for line in doc.splitlines() if line.startswith("|")]
    folder = path.parent.relative_to(ROOT).as_posix() + "/"
    return any(
        rel in row or (folder in row and f"`{path.name}`" in row)
        or (path.parent.name == "shapes" and "shapes/" in row and f"`{path.stem}`" in row)
        for row in rows
    )


def test_every_module_is_in_the_architecture_table() -> None:
    """Entry, Data, Feeds and UI, sub-packages included (a moved module must be re-listed)."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    modules = list((ROOT / "desktop").rglob("*.py"))
    missing = [
        p.relative_to(ROOT).as_posix()
        for p in modules
        if p.name not in ("__init__.py", "__main__.py") and not _listed(p, doc)
    ]
    assert missing == []


def test_every_deadline_rule_is_named_in_the_readme() -> None:
    """`send-desk deadline RULE`: the README's list of rules is the one a user reads."""
    from desktop.data.deadline_rules import RULES

    named = set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+|\b[a-z]+\b", README))
    missing = [
        rule
        for rule in RULES
        if rule not in named
        and not (rule.startswith(("order-", "unopposed-")) and rule.split("-", 1)[1] in named)
    ]
    assert missing == []
