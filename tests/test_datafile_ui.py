"""The central data file in the app: checked after the window is shown, in a worker thread,
swapped in through the window (Store closed), retried when the share comes back, and never
changing the data under a shortlist. Waits on signals; the retry interval is injected."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.data.feeds import central
from desktop.data.feeds.central import Kind
from desktop.ui import datafile_watch
from desktop.ui.datafile_watch import LATER, DataFileWatch, watch_data_file
from tests.attack_helpers import digest
from tests.conftest import ROOT
from tests.datafile_helpers import leftovers, meta, published, sha256

WAIT_MS = 10_000


@pytest.fixture
def share(tmp_path: Path) -> Path:
    return tmp_path / "share"


def watching(window, location: Path, **kw) -> DataFileWatch:
    return DataFileWatch(window, str(location), **kw)


def run_check(qtbot, watch: DataFileWatch) -> central.Check:
    with qtbot.waitSignal(watch.checked, timeout=WAIT_MS) as got:
        assert watch.start()
    return got.args[0]


def test_newer_central_data_replaces_the_window_data_and_says_so(
    qtbot, window, share: Path, bundled_db: Path
) -> None:
    out = published(share, bundled_db)
    assert window.status_bar.as_of_label.text() == "Data as of 2026-10-22" and window.status_bar.demo_label.isVisible()
    watch = watching(window, share)
    found = run_check(qtbot, watch)
    assert found.kind is Kind.READY
    assert window.status_bar.as_of_label.text() == "Data as of 2026-11-20"
    assert window.status_bar.count_label.text() == "30 services" and not window.status_bar.demo_label.isVisible()
    assert window.statusBar().currentMessage() == (
        "The Local Offer data was updated from your organisation's copy: 30 services, data as "
        "of 2026-11-20."
    )
    assert window.local_offer.model.total == 30  # the tabs were rebuilt over the new data
    assert meta(window.store.path)["central_sha256"] == sha256(out)
    assert leftovers(window.store.path) == []
    # The next check reads only the checksum.
    assert run_check(qtbot, watch).kind is Kind.UP_TO_DATE
    assert "up to date with your organisation's copy" in window.statusBar().currentMessage()


def test_offline_is_silent_then_the_share_coming_back_is_noticed(
    qtbot, window, share: Path, bundled_db: Path
) -> None:
    live = window.store.path
    before = digest(live)
    watch = watching(window, share / "send-desk.sqlite", retry_ms=(30, 60))
    assert run_check(qtbot, watch).kind is Kind.UNREACHABLE
    assert window.status_bar.notice_label.text() == "" and window.statusBar().currentMessage() == ""
    assert window.status_bar.as_of_label.text() == "Data as of 2026-10-22"  # the local copy, its date shown
    assert digest(live) == before
    assert watch.retry.isActive() and watch.retry.interval() == 30 and watch.failures == 1
    with qtbot.waitSignal(watch.checked, timeout=WAIT_MS) as again:  # still offline: backs off
        pass
    assert again.args[0].kind is Kind.UNREACHABLE and watch.retry.interval() == 60
    published(share, bundled_db)  # back on the network
    with qtbot.waitSignal(watch.checked, timeout=WAIT_MS) as back:
        pass
    assert back.args[0].kind is Kind.READY and watch.failures == 0
    assert window.status_bar.as_of_label.text() == "Data as of 2026-11-20" and not watch.retry.isActive()


def test_a_half_written_central_file_leaves_the_data_and_says_why(
    qtbot, window, share: Path, bundled_db: Path
) -> None:
    out = published(share, bundled_db)
    out.write_bytes(out.read_bytes()[:8192])
    live = window.store.path
    before = digest(live)
    found = run_check(qtbot, watching(window, share))
    assert found.kind is Kind.PROBLEM
    assert window.status_bar.notice_label.text() == (
        "Central Local Offer data not used (it does not match its checksum): tell IT."
    )
    assert window.status_bar.notice_label.toolTip() == found.sentence  # the full sentence, and logged
    assert found.sentence.startswith("The central data file") and "checksum" in found.sentence
    assert digest(live) == before and window.status_bar.as_of_label.text() == "Data as of 2026-10-22"
    assert window.local_offer.model.total == 69


def test_a_shortlist_in_progress_is_never_swapped_away(qtbot, window, share: Path, bundled_db: Path) -> None:
    published(share, bundled_db)
    tab = window.local_offer
    service = window.store.search_services("", limit=1)[0]
    tab.shortlist.add(window.store.service(service.id))
    assert len(tab.shortlist.services()) == 1
    live = window.store.path
    before = digest(live)
    assert run_check(qtbot, watching(window, share)).kind is Kind.READY
    assert window.status_bar.notice_label.text() == LATER and "shortlist" in window.status_bar.notice_label.toolTip()
    assert digest(live) == before and leftovers(live) == [] and len(tab.shortlist.services()) == 1


def test_becoming_active_again_retries_at_once(qtbot, window, share: Path, bundled_db: Path) -> None:
    now = [0.0]
    watch = watching(window, share / "send-desk.sqlite", retry_ms=(600_000,), clock=lambda: now[0])
    assert run_check(qtbot, watch).kind is Kind.UNREACHABLE
    published(share, bundled_db)
    active = datafile_watch.Qt.ApplicationState.ApplicationActive
    watch._on_state(active)  # too soon after the last try: waits for the timer
    assert not watch.running()
    now[0] = 31.0
    with qtbot.waitSignal(watch.checked, timeout=WAIT_MS) as got:
        watch._on_state(active)
    assert got.args[0].kind is Kind.READY


def test_closing_the_window_during_a_check_drops_its_result(
    qtbot, window, share: Path, bundled_db: Path
) -> None:
    published(share, bundled_db)
    gate = threading.Event()

    def held(*args, **kw) -> central.Check:
        gate.wait(WAIT_MS / 1000)
        return central.check(*args, **kw)

    live = window.store.path
    before = digest(live)
    watch = watching(window, share, check=held)
    assert watch.start()
    window.close()
    qtbot.waitUntil(lambda: watch._stopped, timeout=WAIT_MS)
    gate.set()
    qtbot.waitUntil(lambda: not watch.running(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: leftovers(live) == [], timeout=WAIT_MS)  # cancelled, lock released
    assert digest(live) == before


def test_the_app_starts_the_watch_only_with_the_policy(
    qtbot, data_dir: Path, tmp_path: Path, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.qt_helpers import open_main_window

    win = open_main_window(qtbot)
    assert watch_data_file(win, win.settings) is None
    win.close()
    win.store.close()
    policy = tmp_path / "policy.ini"
    policy.write_text(f"[Policy]\nDataFile={share / 'send-desk.sqlite'}\n", encoding="utf-8")
    monkeypatch.setenv("SEND_DESK_POLICY", str(policy))
    win = open_main_window(qtbot)
    named = dataclasses.replace(win.settings, db_override=win.store.path)  # --db PATH
    assert watch_data_file(win, named) is None
    watch = watch_data_file(win, win.settings)
    assert watch is not None and watch.location == str(share / "send-desk.sqlite")
    assert watch.retry.isActive() and watch.retry.interval() == datafile_watch.START_DELAY_MS
    assert not watch.running()  # nothing runs before the window has been shown a moment
    with qtbot.waitSignal(watch.checked, timeout=WAIT_MS) as got:
        pass
    assert got.args[0].kind is Kind.UNREACHABLE
    win.close()
    win.store.close()


def test_start_up_with_the_policy_loads_none_of_the_check(data_dir: Path, tmp_path: Path) -> None:
    """--smoke with DataFile set: the window is shown and closed before the check starts, so
    start-up loads neither the refresh machinery nor the network code."""
    policy = tmp_path / "policy.ini"
    policy.write_text(f"[Policy]\nDataFile={tmp_path / 'share'}\n", encoding="utf-8")
    heavy = ("desktop.data.feeds.central", "desktop.data.feeds.refresh", "urllib.request")
    code = (
        "import sys\nfrom desktop.cli import main\nassert main(['--smoke']) == 0\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SEND_DESK_POLICY": str(policy)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "[]"
