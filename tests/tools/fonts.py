"""Screenshot helper: a larger system font, as a user with bigger text would set it."""

from __future__ import annotations

from typing import Any


def scale_font(app: Any, scale: float) -> None:
    """Multiply the application font's point size by ``scale`` (1.0 leaves it alone)."""
    if scale == 1.0:
        return
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    app.setFont(font)
