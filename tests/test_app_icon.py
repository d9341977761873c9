"""The window icon: set once by make_application, from resources/icons/."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import desktop.app as app_module
from desktop.app import app_icon_path, make_application

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_icon_before(qapp: QApplication) -> Iterator[None]:
    QApplication.setWindowIcon(QIcon())
    yield
    QApplication.setWindowIcon(QIcon())


def test_make_application_sets_a_window_icon_that_draws() -> None:
    assert QApplication.windowIcon().isNull()
    make_application()
    icon = QApplication.windowIcon()
    assert not icon.isNull()
    pixmap = icon.pixmap(32, 32)  # the SVG is read here, through the svg icon engine
    assert not pixmap.isNull() and pixmap.width() == 32
    image = pixmap.toImage()
    assert any(image.pixelColor(x, 16).alpha() > 0 for x in range(32)), "icon drew nothing"


def test_icon_is_the_svg_from_source_and_the_bundled_png_when_frozen() -> None:
    source = app_icon_path(frozen=False)
    assert source == ROOT / "resources" / "icons" / "send-desk.svg" and source.is_file()
    frozen = app_icon_path(frozen=True)
    assert frozen.parts[-3:] == ("resources", "icons", "send-desk.png")
    # build_installer.spec renders that PNG and bundles it under resources/icons.
    spec = (ROOT / "build_installer.spec").read_text()
    assert '(str(icons / "send-desk.png"), "resources/icons")' in spec


def test_missing_icon_file_still_starts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(app_module, "app_icon_path", lambda: tmp_path / "gone.svg")
    with caplog.at_level(logging.WARNING):
        assert make_application() is QApplication.instance()
    assert QApplication.windowIcon().isNull()
    assert "gone.svg" in caplog.text
