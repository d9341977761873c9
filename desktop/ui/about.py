"""Help → About: the version, where the data came from, the IT policy's problems and how
current the guidance is.

The source, publisher, path and policy lines come from a feed, a file or the registry:
each is escaped into the box's rich text (review F4).
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import APP_NAME, __version__
from desktop.config import Policy
from desktop.data.store import Store


def guidance_as_of(store: Store) -> str:
    """The sentence the About box gives on how current the guidance is (from the sections'
    own checked-on dates, never a date written into the code)."""
    dates = sorted(s.checked_on for s in store.guidance_sections() if s.checked_on)
    when = f"between {dates[0]} and {dates[-1]}" if dates and dates[0] != dates[-1] else (
        f"on {dates[0]}" if dates else "on an unknown date"
    )
    return (
        f"The guidance covers the law in England and was checked against its sources {when}. "
        "Proposed SEND reforms may change it: the guidance section Changes ahead says what "
        "is planned."
    )


def about_html(store: Store, policy: Policy) -> str:
    meta = store.meta()
    demo = "Yes: the Local Offer services are fictional." if meta.get("is_demo") == "1" else "No"
    e = html.escape  # source, publisher and path come from a feed or a file (review F4)
    problems = policy.problems  # review F5: every unreadable policy line
    listed = (
        "<p>IT policy problems (ask IT to fix the policy):</p><ul>"
        + "".join(f"<li>{e(p)}</li>" for p in problems)
        + "</ul>"
        if problems
        else ""
    )
    return (
        f"<p><b>{APP_NAME}</b> {__version__}</p>"
        f"<p>Data source: {e(meta.get('source', ''))}<br>"
        f"Publisher: {e(meta.get('publisher', ''))}<br>"
        f"Data as of: {e(meta.get('data_as_of', ''))}<br>Demo data: {demo}<br>"
        f"Database: {e(str(store.path))}</p>{listed}"
        f"<p>{e(guidance_as_of(store))}</p>"
    )


def show_about(parent: QWidget, store: Store, policy: Policy) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_html(store, policy))
