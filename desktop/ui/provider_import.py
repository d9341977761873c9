"""File → Import providers…: choose a list, see what is good and what will be skipped, keep it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.data import provider_files
from desktop.data.providers import ProviderLoad
from desktop.ui import plain


class ImportReportDialog(QDialog):
    """What a providers file holds: the good entries to import and the ones that will be skipped."""

    def __init__(self, path: Path, loaded: ProviderLoad, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        good, bad = len(loaded.providers), len(loaded.errors)
        self.setWindowTitle("Import providers")
        self.setAccessibleName("Import providers: check the list")
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"{path.name} has {good} provider{'s' * (good != 1)} ready to import."
            + (
                f" {bad} entr{'ies' if bad != 1 else 'y'} will be skipped; the reasons are below. "
                "Fix them in the file and import it again to include them."
                if bad
                else " Nothing needs fixing."
            )
            + " Importing replaces any list you imported before."
        )
        plain.label(summary)  # the file's name can hold markup
        summary.setWordWrap(True)
        summary.setObjectName("importSummary")
        layout.addWidget(summary)
        self.summary = summary
        names = "\n".join(f"• {p.name} ({p.id})" for p in loaded.providers)
        problems = "\n".join(f"• {e}" for e in loaded.errors)
        report = QPlainTextEdit(self)
        report.setReadOnly(True)
        report.setAccessibleName("Import report")
        report.setPlainText(
            "Will be imported:\n" + names + ("\n\nWill be skipped:\n" + problems if bad else "")
        )
        layout.addWidget(report, 1)
        self.report = report
        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            f"&Import {good} provider{'s' * (good != 1)}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)


def choose_and_import(parent: QWidget, data_dir: Path) -> bool:
    from desktop.ui.save_dialog import start_folder  # the last folder used, or Documents

    path, _ = QFileDialog.getOpenFileName(
        parent, "Import providers", str(start_folder()), "Providers lists (*.toml);;All files (*)"
    )
    return import_path(parent, Path(path), data_dir) if path else False


def import_path(parent: QWidget, path: Path, data_dir: Path) -> bool:
    """Check ``path``, ask, then keep a copy. True when the list was imported."""
    try:
        loaded = provider_files.check_file(path, path.name)
    except provider_files.ProviderFileError as exc:
        plain.warn(parent, "Import providers", str(exc))
        return False
    if not loaded.providers:
        plain.warn(
            parent,
            "Import providers",
            f"Nothing can be imported from {path.name}, and your providers are unchanged:\n\n"
            + "\n".join(loaded.errors),
        )
        return False
    if ImportReportDialog(path, loaded, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        provider_files.import_file(path, data_dir)
    except provider_files.ProviderFileError as exc:
        plain.warn(parent, "Import providers", str(exc))
        return False
    return True
