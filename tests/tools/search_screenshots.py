"""Screenshots of searching in advisers' words, for review (issue 13 items 5 and 6).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m tests.tools.search_screenshots /tmp/shots

Local Offer: a typo with its "Did you mean", Nearest first, a postcode that widens;
guidance: a stemmed search highlighted, and its "Did you mean".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.tools.shots import parse_args, start_app


def _settle(app: Any, until: Any = None, ms: int = 5000) -> None:
    from PySide6.QtCore import QDeadlineTimer

    deadline = QDeadlineTimer(ms)
    while not deadline.hasExpired():
        app.processEvents()
        if until is None or until():
            break
    app.processEvents()


def _save(window: Any, out: Path, name: str) -> None:
    path = out / name
    window.grab().save(str(path))
    print(path)


def main() -> None:
    args = parse_args(__doc__)
    app, settings, opened = start_app(args)
    from desktop.ui.main_window import MainWindow

    window = MainWindow(opened.store, settings, opened.notice)
    window.resize(1366, 768)
    window.show()
    _settle(app)
    offer = window.local_offer
    window.tabs.setCurrentWidget(offer)
    offer.search.setText("speach therapy")
    offer.run_search()
    _settle(app, offer.suggestion.isVisible)
    _save(window, args.out, f"search-suggestion{args.suffix}.png")

    offer.search.setText("")
    offer.nearest.postcode.setText("BV1 4ZZ")
    offer.nearest.check.setChecked(True)
    offer.run_search()
    _settle(app)
    _save(window, args.out, f"search-nearest{args.suffix}.png")

    offer.nearest.check.setChecked(False)
    offer.search.setText("BV3 1AA")
    offer.run_search()
    _settle(app)
    _save(window, args.out, f"search-postcode{args.suffix}.png")

    guidance = window.guidance
    window.tabs.setCurrentWidget(guidance)
    guidance.search.setText("refused to assess")
    guidance.select_section("health-and-social-care")
    _settle(app)
    _save(window, args.out, f"search-guidance{args.suffix}.png")
    guidance.search.setText("anual reveiw")
    _settle(app)
    _save(window, args.out, f"search-guidance-suggestion{args.suffix}.png")
    window.close()
    opened.store.close()


if __name__ == "__main__":
    main()
