"""Web addresses from feeds and provider files: cleaning on the way in (pure, no I/O).

The one place that decides what a stored website may be. The UI's link allow-list
(``desktop.ui.actions``) asks this module too, so a link is judged the same way
wherever it is shown or opened.
"""

from __future__ import annotations

from typing import Any


def _s(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def clean_url(value: Any) -> str:
    """A website as stored: ``https://…`` (``www.`` gets ``https://``), else ''."""
    url = _s(value)
    if url.lower().startswith("www."):
        url = "https://" + url
    return url if url.lower().startswith("https://") and " " not in url else ""
