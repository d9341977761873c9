"""The bundle's stamp: a start from a checkout knows the bundled database is current from
its sources' sizes and times, without hashing them (issue 16), and never when in doubt."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from desktop import bundle
from desktop.bundle import ensure_built
from tests.conftest import RESOURCES

HOUR_AGO = time.time_ns() - 3600 * 10**9


@pytest.fixture
def res(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the resources, and of the modules that shape the rows (the stamp covers
    them too; copies, so that a module just edited in the checkout cannot matter)."""
    folder = tmp_path / "resources"
    shutil.copytree(RESOURCES, folder, ignore=shutil.ignore_patterns("installer", "icons"))
    code = tmp_path / "code"
    code.mkdir()
    copies = {}
    for name in bundle.SHAPING_CODE:
        copies[name] = code / f"{name}.py"
        shutil.copyfile(bundle._module_file(name), copies[name])
    monkeypatch.setattr(bundle, "_module_file", copies.__getitem__)
    return folder


def _age(paths: list[Path]) -> None:
    for path in paths:
        os.utime(path, ns=(HOUR_AGO, HOUR_AGO))


def _settled(out: Path, res: Path) -> None:
    """Every file the stamp covers changed an hour ago; one full check writes a stamp that
    vouches for them all."""
    _age(bundle.covered_files(out, res))
    assert ensure_built(out, res) is False  # the full check (hashes), which writes the stamp
    assert bundle.stamp_matches(out, res)


def _no_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(_resources: Path) -> str:
        raise AssertionError("the sources were hashed")

    monkeypatch.setattr(bundle, "sources_digest", refuse)


def test_a_settled_stamp_answers_without_hashing(
    tmp_path: Path, res: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "b.sqlite"
    assert ensure_built(out, res) is True
    _settled(out, res)
    _no_hashing(monkeypatch)
    assert ensure_built(out, res) is False


def test_a_stamp_written_just_after_a_build_does_not_vouch_for_the_build(
    tmp_path: Path, res: Path
) -> None:
    out = tmp_path / "b.sqlite"
    assert ensure_built(out, res) is True
    assert (tmp_path / "b.sqlite.stamp").exists()
    assert not bundle.stamp_matches(out, res)  # the bundle's own time is too recent


def test_an_edited_source_is_seen(tmp_path: Path, res: Path) -> None:
    out = tmp_path / "b.sqlite"
    ensure_built(out, res)
    _settled(out, res)
    section = next((res / "guidance").glob("*.md"))
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("a", "b", 1), encoding="utf-8")  # same size, new time
    assert not bundle.stamp_matches(out, res)
    assert ensure_built(out, res) is True


def test_an_edit_that_keeps_size_and_time_is_still_seen_when_recent(
    tmp_path: Path, res: Path
) -> None:
    """A file written twice within the clock's granularity keeps its time: the stamp does
    not vouch for a file changed within STAMP_SETTLED_NS of it, so it is hashed."""
    out = tmp_path / "b.sqlite"
    section = next((res / "guidance").glob("*.md"))
    ensure_built(out, res)
    _age([p for p in bundle.covered_files(out, res) if p != section])
    os.utime(section)  # the section changed just now
    assert ensure_built(out, res) is False  # hashed (a file changed), writes a stamp
    before = section.stat()
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("a", "b", 1), encoding="utf-8")
    os.utime(section, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    assert ensure_built(out, res) is True


def test_a_new_or_removed_source_is_seen(tmp_path: Path, res: Path) -> None:
    out = tmp_path / "b.sqlite"
    ensure_built(out, res)
    _settled(out, res)
    extra = res / "guidance" / "zz-extra.md"
    shutil.copyfile(next((res / "guidance").glob("*.md")), extra)
    assert not bundle.stamp_matches(out, res)
    extra.unlink()
    assert bundle.stamp_matches(out, res)  # back as it was


@pytest.mark.parametrize("stamp", ["", "{", '{"written_ns": "soon"}', "[]", '{"stats": 3}'])
def test_a_damaged_stamp_means_the_full_check(tmp_path: Path, res: Path, stamp: str) -> None:
    out = tmp_path / "b.sqlite"
    ensure_built(out, res)
    (tmp_path / "b.sqlite.stamp").write_text(stamp, encoding="utf-8")
    assert not bundle.stamp_matches(out, res)
    assert ensure_built(out, res) is False  # hashed, found current, stamp rewritten


def test_another_version_of_the_app_does_not_trust_the_stamp(
    tmp_path: Path, res: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "b.sqlite"
    ensure_built(out, res)
    _settled(out, res)
    monkeypatch.setattr(bundle, "__version__", "99.0.0")
    assert not bundle.stamp_matches(out, res)
    assert ensure_built(out, res) is True  # the version is part of the digest


def test_a_stamp_that_cannot_be_written_costs_only_the_full_check(
    tmp_path: Path, res: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "b.sqlite"
    ensure_built(out, res)
    (tmp_path / "b.sqlite.stamp").unlink()
    (tmp_path / "b.sqlite.stamp").mkdir()  # a folder where the stamp goes
    (tmp_path / "b.sqlite.stamp" / "x").write_text("x")
    _age(bundle.covered_files(out, res))
    assert ensure_built(out, res) is False
    assert ensure_built(out, res) is False
    assert not bundle.stamp_matches(out, res)


def test_a_file_replaced_by_another_of_the_same_size_and_time_is_seen(
    tmp_path: Path, res: Path
) -> None:
    """An editor that saves to a new file and renames it over the old one: the size and the
    time can match, the inode does not."""
    out = tmp_path / "b.sqlite"
    ensure_built(out, res)
    _settled(out, res)
    section = next((res / "guidance").glob("*.md"))
    new = section.with_suffix(".new")
    new.write_text(section.read_text(encoding="utf-8").replace("a", "b", 1), encoding="utf-8")
    os.utime(new, ns=(HOUR_AGO, HOUR_AGO))
    os.replace(new, section)
    assert not bundle.stamp_matches(out, res)
    assert ensure_built(out, res) is True


def test_the_stamp_takes_its_time_from_the_file_system_not_the_machine_clock(
    tmp_path: Path, res: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A share whose clock runs behind this machine's: a file changed just now there must
    not look settled because this machine's clock is ahead."""
    out = tmp_path / "b.sqlite"
    section = next((res / "guidance").glob("*.md"))
    ensure_built(out, res)
    _age([p for p in bundle.covered_files(out, res) if p != section])
    os.utime(section)
    ahead = time.time_ns() + 60 * 10**9
    monkeypatch.setattr(time, "time_ns", lambda: ahead)  # this machine a minute ahead
    assert ensure_built(out, res) is False  # writes the stamp
    before = section.stat()
    section.write_text(section.read_text(encoding="utf-8").replace("a", "b", 1), encoding="utf-8")
    os.utime(section, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert ensure_built(out, res) is True
