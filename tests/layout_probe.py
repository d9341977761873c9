"""Start the app as a first run on a simulated screen and print what fits, as JSON.

Run by tests/test_layout.py in a fresh process per screen, because the screen and the
scale are fixed when Qt starts:

    QT_QPA_PLATFORM=offscreen:configfile=screen.json QT_SCALE_FACTOR=1.5 \
        python -m tests.layout_probe

``screen.json`` is the offscreen platform's configuration (a screen of the given size in
physical pixels); Qt then lays the app out exactly as on a laptop at that scale.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _rect(r: Any) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def focus_ring(window: Any, widget: Any, settle: Any) -> dict[str, Any]:
    """Whether the focus ring shows around ``widget``, its colour and its thickness in the
    screen's own pixels (at 200% a 3-pixel ring is 6 pixels thick)."""
    from PySide6.QtCore import QPoint

    from desktop.ui import style

    window.activateWindow()
    settle()
    widget.setFocus()
    settle()
    ring = style.focus_ring_around(widget)
    if ring is None:
        return {"visible": False}
    image = window.grab().toImage()
    ratio = image.devicePixelRatio()
    top_left = ring.mapTo(window, QPoint(0, 0))
    x, y = round((top_left.x() + ring.width() // 2) * ratio), round(top_left.y() * ratio)
    colour = image.pixelColor(x, y)
    thickness = 0
    while image.pixelColor(x, y + thickness) == colour:
        thickness += 1
    return {
        "visible": True,
        "colour": colour.name(),
        "expected": style.ring_colours()[0].name(),
        "thickness": thickness,
        "width": style.ring_width(),
    }


def measure(window: Any, app: Any) -> dict[str, Any]:
    def settle() -> None:
        for _ in range(6):
            app.processEvents()

    screen = window.screen().availableGeometry()
    out: dict[str, Any] = {
        "scale": window.devicePixelRatioF(),
        "available": _rect(screen),
        "frame": _rect(window.frameGeometry()),
        "window": _rect(window.geometry()),
        "window_minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
    }
    bar = window.statusBar()
    out["status_bar"] = _rect(bar.geometry())
    out["status_bar_visible"] = bar.isVisible()
    tabs: dict[str, Any] = {}
    guidance = window.guidance
    window.tabs.setCurrentWidget(guidance)
    guidance.pages.setCurrentIndex(0)
    settle()
    tabs["guidance"] = {"sections": guidance.sections.width(), "text": guidance.text.width()}
    guidance.pages.setCurrentWidget(guidance.routes)
    settle()
    routes = guidance.routes
    tabs["route_finder"] = {
        "who": routes.who.width(),
        "result": routes.result.width(),
        "result_height": routes.result.height(),
        "save_button_right": routes.pdf_button.mapTo(window, routes.pdf_button.rect().bottomRight()).x(),
    }
    guidance.pages.setCurrentWidget(guidance.calculator)
    settle()
    tabs["calculator"] = {"result": guidance.calculator.result.width()}
    window.tabs.setCurrentWidget(window.providers)
    settle()
    tabs["providers"] = {"list": window.providers.list.width(), "card": window.providers.card.width()}
    tab = window.local_offer
    window.tabs.setCurrentWidget(tab)
    settle()

    def local_offer() -> dict[str, Any]:
        return {
            "mode": tab.panes.mode,
            "results": tab.results.width(),
            "results_height": tab.results.height(),
            "details": tab.details.width() if tab.details.isVisible() else 0,
            "shortlist": tab.shortlist.width() if tab.shortlist.isVisible() else 0,
            "readable": tab.panes.readable_results_width(),
            "filters_bottom": tab.filters.geometry().bottom(),
        }

    tabs["local_offer_empty_shortlist"] = local_offer()
    for row in (0, 1):
        tab.results.setCurrentIndex(tab.model.index(row))
        tab.add_current()
    settle()
    tabs["local_offer"] = local_offer()
    out["tabs"] = tabs
    out["ring"] = focus_ring(window, tab.results, settle)
    out["status_bar_after"] = _rect(bar.geometry())
    tab.shortlist.shortlist = type(tab.shortlist.shortlist)()  # nothing to lose on close
    return out


def main() -> int:
    from desktop.app import make_application
    from desktop.config import load_settings
    from desktop.data.livedb import open_live
    from desktop.ui.main_window import MainWindow

    app = make_application()
    settings = load_settings()
    opened = open_live(settings.live_db, settings.bundled_db)
    text = os.environ.get("LAYOUT_PROBE_TEXT")  # a text size in per cent, set beforehand
    if text:
        from desktop.preferences import Preferences

        Preferences().text_scale = int(text)
    window = MainWindow(opened.store, settings, opened.notice)
    window.show()
    snap = os.environ.get("LAYOUT_PROBE_SNAP")  # "960x1040": snapped to half the screen
    if snap:
        width, height = (int(n) for n in snap.split("x"))
        extra = window.frameGeometry().size() - window.size()
        window.resize(width - extra.width(), height - extra.height())
        window.move(0, 0)  # the frame's top left, as a snap puts it
    for _ in range(6):
        app.processEvents()
    result = measure(window, app)
    window.close()
    opened.store.close()
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
