"""What every screenshot tool shares: its arguments and an app opened on a scratch data dir."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any


def parse_args(description: str | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("out", type=Path)
    parser.add_argument("--suffix", default="")
    parser.add_argument(
        "--font-scale", type=float, default=1.0, help="system font size × this (e.g. 1.5)"
    )
    return parser.parse_args()


def start_app(args: argparse.Namespace, *, fresh_data: bool = False) -> tuple[Any, Any, Any]:
    """(app, settings, opened) on a throw-away data dir (``fresh_data``: always a new one)."""
    data = tempfile.mkdtemp(prefix="send-desk-shots-")
    if fresh_data:
        os.environ["SEND_DESK_DATA_DIR"] = data
    else:
        os.environ.setdefault("SEND_DESK_DATA_DIR", data)
    os.environ.setdefault("XDG_CONFIG_HOME", tempfile.mkdtemp(prefix="send-desk-shots-cfg-"))

    from PySide6.QtGui import QFontDatabase

    from desktop.app import make_application
    from desktop.bundle import ensure_built
    from desktop.config import load_settings, resources_dir
    from desktop.data.livedb import open_live
    from tests.tools.fonts import scale_font

    app = make_application()
    scale_font(app, args.font_scale)
    assert QFontDatabase.families(), "no fonts installed: text would render as boxes"
    settings = load_settings()
    ensure_built(settings.bundled_db, resources_dir())
    opened = open_live(settings.live_db, settings.bundled_db)
    args.out.mkdir(parents=True, exist_ok=True)
    return app, settings, opened
