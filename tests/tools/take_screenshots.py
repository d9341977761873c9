"""Save a PNG of each tab at 1280×800 (and optionally at 200% scale) for review and the README.

Run under a real X server so fonts and styles are as a user sees them:
    xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.take_screenshots docs/screenshots
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.take_screenshots /tmp/shots --suffix @2x
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.tools.shots import parse_args, start_app


def shortlist_page(tab: object, path: Path) -> None:
    """The printed shortlist as it lays out on A4 (QTextDocument painted to an image)."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.ui.local_offer.shortlist import page_document

    doc = page_document(tab.shortlist.services(), tab.shortlist.demo)  # type: ignore[attr-defined]
    width = 794  # A4 at 96 dpi
    doc.setPageSize(QSizeF(width - 96, 1123 - 96))
    image = QImage(width, 1123, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(48, 48)
    doc.drawContents(painter)
    painter.end()
    image.save(str(path))
    print(path)


def _wait_for_facets(tab: Any) -> None:
    """Filter counts come from their own thread: run the event loop until they are shown."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    tab.facets_shown.connect(loop.quit)
    tab.update_facets()
    loop.exec()
    tab.facets_shown.disconnect(loop.quit)


def _postcode_shot(app: Any, window: Any, path: Path) -> None:
    """The Local Offer with a postcode district typed into the area box."""
    window.tabs.setCurrentWidget(window.local_offer)
    tab = window.local_offer
    tab.filters.clear()
    tab.search.setText("")
    tab.filters.area.setEditText("bv3")
    tab.filters.area.lineEdit().editingFinished.emit()
    tab.results.setCurrentIndex(tab.model.index(0))
    _wait_for_facets(tab)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(path))
    print(path)


def main() -> int:
    args = parse_args()
    app, settings, opened = start_app(args)

    from desktop.ui.main_window import MainWindow

    window = MainWindow(opened.store, settings, opened.notice)
    window.resize(1280, 800)
    window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    names = ["guidance", "providers", "local-offer"]
    for n, name in enumerate(names):
        window.tabs.setCurrentIndex(n)
        if name == "providers":
            window.providers.show_provider("kids-sen-mediation")
        if name == "local-offer":
            tab = window.local_offer
            tab.search.setText("speech")
            tab.filters.age.setValue(7)
            tab.run_search()
            for row in (0, 2):
                tab.results.setCurrentIndex(tab.model.index(row))
                tab.add_current()
            tab.results.setCurrentIndex(tab.model.index(1))
            _wait_for_facets(tab)
        for _ in range(5):
            app.processEvents()
        path = args.out / f"{name}{args.suffix}.png"
        window.grab().save(str(path))
        print(path)
    _guidance_shots(app, window, args.out, args.suffix)
    _postcode_shot(app, window, args.out / f"local-offer-postcode{args.suffix}.png")
    shortlist_page(window.local_offer, args.out / f"shortlist-page{args.suffix}.png")
    window.close()
    opened.store.close()
    return 0


def _guidance_shots(app: object, window: object, out: Path, suffix: str) -> None:
    """The guidance tab's route finder (several routes), calculator, search highlight and the
    handout page, one of them counted from a mediation certificate."""
    import datetime as dt

    tab = window.guidance  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]
    routes = tab.routes

    def save(name: str) -> None:
        for _ in range(5):
            app.processEvents()  # type: ignore[attr-defined]
        path = out / f"{name}{suffix}.png"
        window.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    def route(who: str, topic: str, date: dt.date | None, **more: dt.date) -> None:
        routes.choose(who, topic)
        routes.date.set_date(date)
        for name, day in more.items():
            getattr(routes, name).set_date(day)

    tab.search.setText("certificate")
    save("guidance-search")
    tab.search.clear()
    tab.pages.setCurrentWidget(routes)
    route("council", "refused-plan", dt.date(2026, 12, 31))
    save("guidance-route-finder")
    route("council", "plan-contents", dt.date(2026, 10, 1), certificate=dt.date(2026, 12, 4))
    save("guidance-route-certificate")
    _handout_page(routes.handout(), out / f"handout-certificate{suffix}.png")
    route("council", "school-named", dt.date(2026, 10, 26), dated=dt.date(2026, 10, 24))
    save("guidance-route-school-named")
    route("school", "exclusions", dt.date(2026, 12, 18))
    save("guidance-route-exclusions")
    route("tribunal", "tribunal-order", dt.date(2026, 12, 1))
    save("guidance-route-tribunal-order")
    tab.pages.setCurrentWidget(tab.calculator)
    tab.calculator.set_rule("appeal")
    tab.calculator.start.set_date(dt.date(2026, 10, 26))
    tab.calculator.dated.set_date(dt.date(2026, 10, 24))
    save("guidance-calculator")
    tab.pages.setCurrentWidget(routes)
    route("council", "refused-plan", dt.date(2026, 12, 31))
    _handout_page(routes.handout(), out / f"handout{suffix}.png")


def _handout_page(html: str, path: Path) -> None:
    """The handout as it prints: A4 at 100 dpi."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QImage, QPainter

    from desktop.ui import printing

    doc = printing.fitted_document(html, "handout", 1)
    rect = printing._layout().paintRectPoints()
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    scale = 100 / 72
    margin = printing.MARGIN_MM / 25.4 * 100
    image = QImage(round(210 / 25.4 * 100), round(297 / 25.4 * 100), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(margin, margin)
    painter.scale(scale, scale)
    doc.drawContents(painter)
    painter.end()
    image.save(str(path))
    print(path)


if __name__ == "__main__":
    raise SystemExit(main())
