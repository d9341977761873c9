"""Preferences: every user preference in one place, with defaults, in QSettings user scope."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from desktop.preferences import TEXT_SCALES, Preferences


@pytest.fixture
def prefs(qapp, tmp_path) -> Preferences:
    """Preferences over a scratch INI file (never the user's real settings)."""
    return Preferences(QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat))


def test_defaults_before_anything_is_saved(prefs: Preferences) -> None:
    assert prefs.geometry is None
    assert prefs.last_tab == 0
    assert prefs.no_phone_handler is False
    assert prefs.text_scale == 100
    assert prefs.contrast == "system"
    assert prefs.save_folder == ""


def test_values_survive_a_new_preferences_object(qapp, tmp_path) -> None:
    path = str(tmp_path / "prefs.ini")
    first = Preferences(QSettings(path, QSettings.Format.IniFormat))
    first.last_tab = 2
    first.no_phone_handler = True
    first.text_scale = 150
    first.contrast = "high"
    first.save_folder = str(tmp_path)
    first.sync()
    again = Preferences(QSettings(path, QSettings.Format.IniFormat))
    assert (again.last_tab, again.no_phone_handler, again.text_scale, again.contrast) == (
        2,
        True,
        150,
        "high",
    )
    assert again.save_folder == str(tmp_path)


def test_damaged_values_fall_back_to_the_defaults(qapp, tmp_path) -> None:
    raw = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    raw.setValue(Preferences.TEXT_SCALE, "enormous")
    raw.setValue(Preferences.CONTRAST, "neon")
    raw.setValue(Preferences.LAST_TAB, "third")
    prefs = Preferences(raw)
    assert prefs.text_scale == 100
    assert prefs.contrast == "system"
    assert prefs.last_tab == 0


def test_only_known_text_sizes_and_contrasts_are_stored(prefs: Preferences) -> None:
    with pytest.raises(ValueError):
        prefs.text_scale = 333
    with pytest.raises(ValueError):
        prefs.contrast = "neon"
    assert 100 in TEXT_SCALES and prefs.text_scale == 100


def test_the_app_keeps_no_raw_qsettings_keys_outside_preferences() -> None:
    """The keys live in desktop.preferences.Preferences only (code review c.7)."""
    from pathlib import Path

    ui = Path(__file__).resolve().parent.parent / "desktop" / "ui"
    offenders = [p.name for p in ui.rglob("*.py") if "QSettings(" in p.read_text(encoding="utf-8")]
    assert offenders == []
