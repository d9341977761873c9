"""Settings → All settings…: text size, "this computer cannot make calls" and colours.

The dialog only collects choices; ``MainWindow`` stores them in ``Preferences`` and applies
them (app-wide text size, the palette, the Call behaviour).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.preferences import TEXT_SCALES


@dataclass(frozen=True)
class Choices:
    text_scale: int = 100
    contrast: str = "system"
    no_phone_handler: bool = False


def scale_label(percent: int) -> str:
    return f"{percent}%" + (" (the system's size)" if percent == 100 else "")


class SettingsDialog(QDialog):
    def __init__(
        self, current: Choices, *, calls_locked: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        self.text_size = QComboBox(self)
        self.text_size.setAccessibleName("Text size")
        for percent in TEXT_SCALES:
            self.text_size.addItem(scale_label(percent), percent)
        self.text_size.setCurrentIndex(max(self.text_size.findData(current.text_scale), 0))
        self.text_size.setToolTip("Also Ctrl+Plus, Ctrl+Minus and Ctrl+0 anywhere in the app")
        self.text_size.setAccessibleDescription(self.text_size.toolTip())
        size_label = QLabel("&Text size:", self)
        size_label.setBuddy(self.text_size)

        self.no_phone = QCheckBox("This computer cannot make &calls", self)
        self.no_phone.setChecked(current.no_phone_handler or calls_locked)
        self.no_phone.setToolTip(
            "Set by your IT team"
            if calls_locked
            else "Call shows the number large, copied, instead of opening a phone app"
        )
        self.no_phone.setAccessibleDescription(self.no_phone.toolTip())
        self.no_phone.setEnabled(not calls_locked)

        colours = QGroupBox("Colours", self)
        self.follow_system = QRadioButton(
            "Follow the &system's colours (light, dark or its high contrast)", colours
        )
        self.high_contrast = QRadioButton(
            "&High contrast: white and yellow on black, thicker focus ring", colours
        )
        (self.high_contrast if current.contrast == "high" else self.follow_system).setChecked(True)
        column = QVBoxLayout(colours)
        column.addWidget(self.follow_system)
        column.addWidget(self.high_contrast)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(size_label, self.text_size)
        form.addRow(self.no_phone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(colours)
        layout.addWidget(buttons)

    def choices(self) -> Choices:
        return Choices(
            text_scale=int(self.text_size.currentData()),
            contrast="high" if self.high_contrast.isChecked() else "system",
            no_phone_handler=self.no_phone.isChecked(),
        )
