"""File → Import providers… and File → Remove imported providers.

They change the organisation's lists on disk and then reload the session's provider
directory, which every tab showing providers follows. They belong to the File menu, not
to the Providers tab: a tab rebuilt after a refresh leaves the menu as it was. Whether
there is an imported list to remove is looked up each time the File menu opens (and
after each change), not at start: that needs the provider files' code, ~10 ms.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.ui.data_session import DataSession


class ProviderActions:
    def __init__(self, parent: QWidget, session: DataSession, data_dir: Path | None) -> None:
        self.parent, self.session, self.data_dir = parent, session, data_dir
        self.import_action = QAction("&Import providers…", parent)
        self.import_action.setStatusTip("Add your organisation's own list of providers")
        self.import_action.triggered.connect(self.import_providers)
        self.remove_action = QAction("Re&move imported providers", parent)
        self.remove_action.triggered.connect(self.remove_imported)
        self.import_action.setEnabled(data_dir is not None)
        self.remove_action.setEnabled(False)  # until the File menu first opens (update)

    def update(self) -> None:
        """Import needs a data folder; Remove, an imported list to remove."""
        from desktop.data import provider_files

        self.import_action.setEnabled(self.data_dir is not None)
        self.remove_action.setEnabled(
            self.data_dir is not None and provider_files.has_imported(self.data_dir)
        )

    def import_providers(self) -> bool:
        from desktop.ui.provider_import import choose_and_import

        imported = self.data_dir is not None and choose_and_import(self.parent, self.data_dir)
        if imported:
            self._reload()
        self.update()
        return imported

    def _reload(self) -> None:
        """Every tab follows the directory; with the data not open (a reopen failed) the
        next reopen reads the lists anew anyway."""
        if self.session.is_open:
            self.session.directory.reload()

    def remove_imported(self) -> bool:
        from PySide6.QtWidgets import QMessageBox  # its class and enums load when first asked

        from desktop.data import provider_files

        if self.data_dir is None:
            return False
        answer = QMessageBox.question(
            self.parent,
            "Remove imported providers",
            "Remove the providers list you imported? The providers that came with the app, "
            "and any list set by your IT team, stay.",
        )
        removed = answer == QMessageBox.StandardButton.Yes
        if removed:
            provider_files.remove_imported(self.data_dir)
            self._reload()
        self.update()
        return removed
