"""The Local Offer details pane after a real refresh from each feed shape's fixture.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m tests.tools.feed_screenshots docs/screenshots

Writes ``local-offer-outpost.png`` (Kingfisher Swimming Club, from the Outpost fixture)
and ``local-offer-placecube.png`` (Brookvale Care Leavers Hub, from the Placecube one):
the window with the service found by name and its details open, as an adviser sees it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.tools.search_screenshots import _save, _settle
from tests.tools.shots import parse_args, start_app

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"
SHOTS = (
    ("local-offer-outpost", "outpost/services.json", "Kingfisher swimming"),
    ("local-offer-placecube", "placecube/services.json", "care leavers"),
)


def _refresh(live: Path, fixture: str) -> None:
    from desktop.data.feeds import refresh
    from desktop.data.feeds.sources import Source

    refresh.commit(refresh.prepare(live, Source(str(FEEDS / fixture))), force=True)


def _shot(app: Any, settings: Any, out: Path, name: str, search: str, suffix: str) -> None:
    from desktop.data.livedb import open_live
    from desktop.ui.main_window import MainWindow

    opened = open_live(settings.live_db, settings.bundled_db)
    window = MainWindow(opened.store, settings, opened.notice)
    window.resize(1560, 1000)
    window.show()
    _settle(app)
    offer = window.local_offer
    window.tabs.setCurrentWidget(offer)
    offer.search.setText(search)
    offer.run_search()
    offer.open_details()
    _settle(app, lambda: bool(offer.details.toPlainText()))
    _settle(app, ms=500)
    _save(window, out, f"{name}{suffix}.png")
    window.close()
    opened.store.close()


def main() -> None:
    args = parse_args(__doc__)
    app, settings, opened = start_app(args, fresh_data=True)
    opened.store.close()  # the first start copied the bundled data; the refresh replaces it
    for name, fixture, search in SHOTS:
        _refresh(settings.live_db, fixture)
        _shot(app, settings, args.out, name, search, args.suffix)


if __name__ == "__main__":
    main()
