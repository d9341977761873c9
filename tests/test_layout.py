"""Layouts that fit (issue 13 §2): a first start on small and scaled screens, every tab.

How screens are simulated (docs/decisions.md, "Everyday use"): at ``QT_SCALE_FACTOR`` s a
W×H screen lays widgets out exactly as 100% does on a (W/s)×(H/s) screen, counted in
device-independent pixels (the fonts scale with it). The end-to-end checks start the app
in a fresh process per screen, using the offscreen platform's ``configfile`` (a screen of
that many physical pixels) and the real ``QT_SCALE_FACTOR``; the quick checks below
resize one window to the device-independent size they stand for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from desktop.preferences import Preferences
from desktop.ui.local_offer import panes
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets import ElidedLabel, FlowLayout
from desktop.ui.window_geometry import first_run_geometry, fitted

ROOT = Path(__file__).resolve().parent.parent

# name: (physical screen without a 40 px taskbar, scale, window snapped to WxH or None).
# 2560×1600 at 200% (1280×780 to lay out) sits between 1920×1080 at 150% and the 100%
# screens the rest of the suite uses, so it has no process of its own (each costs ~1 s).
SCREENS = {
    "1366x768@150": ((1366, 728), 1.5, None),
    "1920x1080@150": ((1920, 1040), 1.5, None),
    "half of 1920x1080 (960 px)": ((1920, 1040), 1.0, "960x1040"),
    "1920x1080@200": ((1920, 1040), 2.0, None),
}


@pytest.fixture(scope="module")
def probes(bundled_db: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Each screen's measurements from tests/layout_probe.py, the processes run side by side."""
    running = {}
    for name, ((width, height), scale, snap) in SCREENS.items():
        folder = tmp_path_factory.mktemp("screen")
        config = folder / "screen.json"
        config.write_text(
            json.dumps(
                {
                    "windowFrameMargins": True,
                    "screens": [
                        {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
                    ],
                }
            )
        )
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "QT_SCALE_FACTOR": str(scale),
            "XDG_CONFIG_HOME": str(folder / "config"),  # a first run: nothing remembered
            "SEND_DESK_DATA_DIR": str(folder / "data"),
            "SEND_DESK_BUNDLED_DB": str(bundled_db),
            "LAYOUT_PROBE_SNAP": snap or "",
        }
        env.pop("SEND_DESK_POLICY", None)
        running[name] = subprocess.Popen(
            [sys.executable, "-m", "tests.layout_probe"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, f"{name}: {err[-2000:]}"
        results[name] = json.loads(out)
    return results


def rect(values: list[int]) -> QRect:
    return QRect(*values)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_first_start_fits_the_screen_with_the_status_bar_on_it(probes, screen: str) -> None:
    m = probes[screen]
    available, frame, inner = rect(m["available"]), rect(m["frame"]), rect(m["window"])
    assert m["scale"] == SCREENS[screen][1]
    assert available.contains(frame), f"{frame} is not inside the screen's {available}"
    assert m["window_minimum"][0] <= available.width()
    assert m["window_minimum"][1] <= available.height()
    bar = rect(m["status_bar"])
    assert m["status_bar_visible"] and bar.height() > 0
    assert bar.bottom() == inner.height() - 1  # at the bottom of the window, which is on screen
    assert rect(m["status_bar_after"]) == bar


@pytest.mark.parametrize("screen", list(SCREENS))
def test_local_offer_results_keep_a_readable_width(probes, screen: str) -> None:
    for state in ("local_offer_empty_shortlist", "local_offer"):
        lo = probes[screen]["tabs"][state]
        assert lo["results"] >= lo["readable"] >= 200, (state, lo)
        assert lo["results_height"] >= 100, (state, lo)
        if lo["mode"] == panes.WIDE:
            assert lo["details"] >= 300, (state, lo)
    empty, full = (probes[screen]["tabs"][k] for k in ("local_offer_empty_shortlist", "local_offer"))
    if empty["mode"] == full["mode"] == panes.WIDE:
        assert empty["shortlist"] < 100 < full["shortlist"]  # a narrow bar until it has a service


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_tab_has_room_for_its_content(probes, screen: str) -> None:
    tabs, width = probes[screen]["tabs"], probes[screen]["window"][2]
    assert tabs["guidance"]["sections"] >= 200 and tabs["guidance"]["text"] >= 300
    assert tabs["route_finder"]["result"] >= 500 and tabs["route_finder"]["result_height"] >= 70
    assert tabs["route_finder"]["save_button_right"] < width  # the last button is not cut off
    assert tabs["calculator"]["result"] >= 500
    assert tabs["providers"]["list"] >= 250 and tabs["providers"]["card"] >= 300


@pytest.mark.parametrize("screen", list(SCREENS))
def test_focus_ring_scales_with_the_screen(probes, screen: str) -> None:
    ring, scale = probes[screen]["ring"], SCREENS[screen][1]
    assert ring["visible"] and ring["colour"] == ring["expected"]
    assert ring["thickness"] >= int(ring["width"] * scale)  # 3 px at 100%, 6 at 200%


# -- quick checks in this process ------------------------------------------------------------
def test_first_run_geometry_stays_inside_any_available_area() -> None:
    for available in (
        QRect(0, 0, 911, 485),  # 1366×768 at 150%, taskbar at the bottom
        QRect(0, 0, 1280, 693),  # 1920×1080 at 150%
        QRect(0, 0, 960, 520),  # 1920×1080 at 200%
        QRect(1920, 40, 1280, 760),  # a second screen, taskbar at the top
    ):
        inner = first_run_geometry(available)
        frame = inner.adjusted(-8, -32, 8, 8)  # the frame the allowance stands for
        assert available.contains(frame), (available, frame)
        assert inner.width() <= 1100 and inner.height() <= 720
    assert first_run_geometry(QRect(0, 0, 2560, 1400)).size() == QSize(1100, 720)


def test_a_window_larger_than_its_screen_is_pulled_back_inside() -> None:
    available = QRect(0, 0, 911, 485)
    size, position = fitted(QRect(-50, 100, 1116, 760), QSize(1100, 720), available)
    assert QRect(position, size + QSize(16, 40)).intersected(available) == QRect(
        position, size + QSize(16, 40)
    )
    assert fitted(QRect(10, 10, 500, 400), QSize(484, 360), available) is None


def test_a_size_remembered_on_a_bigger_screen_is_fitted_on_this_one(qtbot, data_dir) -> None:
    from tests.qt_helpers import open_main_window

    first = open_main_window(qtbot)
    first.setGeometry(300, 200, 1500, 1000)  # bigger than the 800×800 test screen
    first.close()
    first.store.close()
    prefs_geometry = Preferences().geometry
    from desktop.config import load_settings
    from desktop.data.livedb import open_live

    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    try:
        Preferences().geometry = prefs_geometry
        second = MainWindow(opened.store, settings)
        qtbot.addWidget(second)
        second.show()
        qtbot.waitExposed(second)
        available = second.screen().availableGeometry()
        assert available.contains(second.frameGeometry())
        second.close()
    finally:
        opened.store.close()


def test_filters_wrap_onto_another_line_instead_of_widening_the_window(window) -> None:
    bar = window.local_offer.filters
    one_line = bar.layout().sizeHint()
    assert bar.minimumSizeHint().width() < 300 < one_line.width()
    assert bar.layout().heightForWidth(300) >= 3 * one_line.height()
    assert bar.layout().heightForWidth(one_line.width()) == one_line.height()


def test_flow_keeps_a_label_on_the_line_of_its_field(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    fields = []
    for n in range(4):
        field = QLineEdit(host)
        field.setFixedWidth(120)
        label = QLabel(f"Label {n}", host)
        label.setBuddy(field)
        flow.addWidget(label)
        flow.addWidget(field)
        fields.append((label, field))
    host.resize(330, flow.heightForWidth(330))
    host.show()
    qtbot.waitExposed(host)
    rows = {label.geometry().center().y() for label, _ in fields}
    assert len(rows) > 1  # it did wrap
    for label, field in fields:
        assert abs(label.geometry().center().y() - field.geometry().center().y()) <= 2
        assert label.geometry().right() < field.geometry().left()


def test_status_bar_source_gives_way_instead_of_widening_the_window(window) -> None:
    label = window.status_bar.source_label
    assert isinstance(label, ElidedLabel)
    assert label.minimumSizeHint().width() < label.sizeHint().width()
    label.resize(label.minimumSizeHint())
    assert label.is_elided()


def test_empty_shortlist_is_a_narrow_bar_that_widens_when_used(window, qtbot) -> None:
    window.resize(1280, 760)  # 2560×1600 at 200%
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.panes.mode == panes.WIDE, timeout=2000)
    char = tab.panes.chars(1)
    assert tab.shortlist.width() <= (panes.BAR_CHARS + 2) * char
    assert not tab.shortlist.view.isVisible()  # no Tab stop on an empty list
    tab.results.setCurrentIndex(tab.model.index(0))
    tab.add_current()
    qtbot.waitUntil(lambda: tab.shortlist.width() >= panes.SHORTLIST_CHARS * char, timeout=2000)
    assert tab.shortlist.view.isVisible()
    assert tab.results.width() >= tab.panes.readable_results_width()
    tab.shortlist.remove(tab.shortlist.services()[0].id)
    qtbot.waitUntil(lambda: tab.shortlist.width() <= (panes.BAR_CHARS + 2) * char, timeout=2000)


@pytest.fixture
def restore_text_size(qapp):
    yield
    from desktop.ui import style

    style.apply_appearance(qapp, 100, "system")
    Preferences().text_scale = 100


@pytest.mark.usefixtures("restore_text_size")
def test_larger_text_moves_the_panes_and_keeps_the_results_readable(window, qtbot) -> None:
    """1366×768 at 150% is 911×485: larger text turns the columns into tabs, then a stack."""
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    tab.results.setCurrentIndex(tab.model.index(0))
    tab.add_current()
    window.resize(911, 485)
    seen = {}
    for percent in (100, 125, 150, 175, 200):
        window.view.set_text_scale(percent)
        qtbot.waitUntil(lambda: tab.panes.mode == tab.panes.mode_for(tab.panes.width()))
        QApplication.processEvents()
        seen[percent] = tab.panes.mode
        assert tab.results.width() >= tab.panes.readable_results_width(), percent
        assert window.statusBar().isVisible()
        assert window.minimumSizeHint().height() <= 485
        if tab.panes.mode != panes.WIDE:
            assert tab.panes.side.isVisible() and tab.panes.side.count() == 2
            assert tab.panes.side.tabText(1) == "Shortlist (1)"
    # Measured here (DejaVu Sans): 100–125% side by side, 150–175% tabs, 200% stacked.
    # Other fonts move the steps, never their order.
    order = [panes.WIDE, panes.TABS, panes.STACKED]
    steps = [order.index(seen[p]) for p in sorted(seen)]
    assert steps == sorted(steps)
    assert seen[100] == panes.WIDE and seen[200] != panes.WIDE


def test_each_arrangement_starts_where_the_one_before_runs_out_of_room(window) -> None:
    area = window.local_offer.panes
    needed = area.needed()
    assert needed[panes.WIDE] > needed[panes.TABS] > area.readable_results_width()
    assert area.mode_for(needed[panes.WIDE]) == panes.WIDE
    assert area.mode_for(needed[panes.WIDE] - 1) == panes.TABS
    assert area.mode_for(needed[panes.TABS]) == panes.TABS
    assert area.mode_for(needed[panes.TABS] - 1) == panes.STACKED
