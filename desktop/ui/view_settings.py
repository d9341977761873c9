"""The Settings menu's work: text size, colours and Settings → All settings….

Each choice is stored in ``Preferences`` and applied to the whole app (``style``), and a
confirmation goes out through ``message`` for the status bar. The menu's actions call
these methods; the window only connects ``message``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from desktop.preferences import TEXT_SCALES, Preferences
from desktop.ui import style

if TYPE_CHECKING:
    from desktop.ui.settings_dialog import Choices, SettingsDialog


class ViewSettings(QObject):
    message = Signal(str)  # a confirmation for the status bar ("Text size 110%.")
    contrast_changed = Signal(str)  # "high" or "system" (the menu's tick follows it)

    def __init__(self, no_phone: QAction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.no_phone = no_phone  # Settings → This computer cannot make calls

    def set_text_scale(self, percent: int) -> None:
        app = QApplication.instance()
        if percent not in TEXT_SCALES or not isinstance(app, QApplication):
            return
        Preferences().text_scale = percent
        style.apply_text_scale(app, percent)
        self.message.emit(f"Text size {percent}%.")

    def step_text_scale(self, steps: int) -> None:
        """Ctrl+Plus / Ctrl+Minus: the next size up or down (80% to 200%)."""
        index = TEXT_SCALES.index(Preferences().text_scale) + steps
        self.set_text_scale(TEXT_SCALES[min(max(index, 0), len(TEXT_SCALES) - 1)])

    def set_contrast(self, contrast: str) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        Preferences().contrast = contrast
        style.apply_contrast(app, contrast)
        self.contrast_changed.emit(contrast)
        self.message.emit(
            "High-contrast colours." if contrast == "high" else "Following the system's colours."
        )

    def open_settings(self, parent: QWidget) -> SettingsDialog:
        from desktop.ui.settings_dialog import Choices, SettingsDialog  # loaded when first used
        from desktop.ui.widgets import guard_combos

        prefs = Preferences()
        dialog = SettingsDialog(
            Choices(prefs.text_scale, prefs.contrast, self.no_phone.isChecked()),
            calls_locked=not self.no_phone.isEnabled(),
            parent=parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_choices(dialog.choices()))
        guard_combos(dialog)
        dialog.open()
        return dialog

    def apply_choices(self, choices: Choices) -> None:
        prefs = Preferences()
        if choices.text_scale != prefs.text_scale:
            self.set_text_scale(choices.text_scale)
        if choices.contrast != prefs.contrast:
            self.set_contrast(choices.contrast)
        if self.no_phone.isEnabled():
            self.no_phone.setChecked(choices.no_phone_handler)  # stores it, too
