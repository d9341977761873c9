"""Fallbacks say so (code review c.9): a garbled or missing input that makes the app use a
default leaves a log line or a problem entry, and a bug is never taken for such an input."""

from __future__ import annotations

import logging
import os
import shutil
import ssl
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import bundle
from desktop.config import read_policy
from desktop.data import livedb, provider_files
from desktop.data.feeds import fetch
from tests.conftest import ROOT

# Modules bundle.build loads that do not shape the bundled rows (so are not hashed).
NOT_SHAPING = {
    "desktop",
    "desktop.errors",
    "desktop.safe_read",
    "desktop.data",
    "desktop.data.feeds",
    "desktop.data.feeds.shapes",
    # CSV packages: loaded by the shape detection, but the demo is a JSON file
    "desktop.data.feeds.tabular",
    "desktop.data.feeds.shapes.hsds_csv",
    "desktop.data.feeds.shapes.hsds11_csv",
}


def test_the_bundle_digest_covers_every_module_that_shapes_its_rows(tmp_path: Path) -> None:
    """A module the build uses but the digest leaves out would let a source checkout keep a
    stale bundled database after a change to it, with no word (the digest raises for a
    listed module that has gone; this catches one that was never listed)."""
    code = (
        "import sys; from pathlib import Path; from desktop import bundle; "
        f"bundle.build(Path({str(tmp_path / 'b.sqlite')!r}), Path({str(ROOT / 'resources')!r})); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('desktop'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "desktop.data.feeds.writer" in loaded
    assert sorted(set(loaded) - set(bundle.SHAPING_CODE) - NOT_SHAPING) == []
    assert len(set(bundle.SHAPING_CODE)) == len(bundle.SHAPING_CODE)


def test_without_truststore_the_fetch_says_which_certificates_it_uses(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "truststore", None)  # import raises ImportError
    with caplog.at_level(logging.WARNING):
        context = fetch._ssl_context()
    assert isinstance(context, ssl.SSLContext)
    assert "truststore unavailable" in caplog.text


def test_a_bug_in_truststore_is_not_taken_for_a_missing_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import truststore

    def broken(*args: object) -> ssl.SSLContext:
        raise TypeError("a bug")

    monkeypatch.setattr(truststore, "SSLContext", broken)
    with pytest.raises(TypeError, match="a bug"):
        fetch._ssl_context()


def test_a_bug_reading_the_registry_fails_closed_and_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> dict[str, str]:
        raise AttributeError("'NoneType' object has no attribute 'values'")

    with caplog.at_level(logging.ERROR):
        policy = read_policy(registry=broken, system_ini=tmp_path / "none.ini", env_ini="")
    assert policy.refresh_disabled
    assert "cannot be read (a bug: AttributeError" in policy.problems[0]
    assert "reading the registry policy failed" in caplog.text and "Traceback" in caplog.text


def test_an_unreadable_bundle_leaves_the_live_copy_as_it_is_and_says_so(
    tmp_path: Path, bundled_db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    live = tmp_path / "send-desk.sqlite"
    shutil.copyfile(bundled_db, live)
    os.chmod(live, 0o644)
    garbage = tmp_path / "bundled.sqlite"
    garbage.write_bytes(b"not a database at all")
    with caplog.at_level(logging.WARNING):
        opened = livedb.open_live(live, garbage)
    opened.store.close()
    assert opened.notice == ""
    assert "live copy not updated" in caplog.text and str(garbage) in caplog.text


def test_an_unreadable_note_of_the_imported_list_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "our-list.toml"
    source.write_text(
        '[[provider]]\nid = "x"\nname = "X mediation"\nkind = "mediation"\n'
        'summary = "Mediation."\nphones = ["0121 496 0001"]\nchecked_on = "2026-11-30"\n'
        'source = "Our own list"\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    assert provider_files.import_file(source, data).providers
    (data / provider_files.FOLDER / provider_files.IMPORTED_INFO).write_text("{broken")
    with caplog.at_level(logging.WARNING):
        org = provider_files.load_org_providers([], data, "")
    assert org.providers[0].origin == "your imported list"
    assert "imported.json unreadable" in caplog.text
