"""File → Refresh Local Offer…: choose a source, watch progress, cancel, read the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.config import Policy
from desktop.data.feeds import refresh
from desktop.data.feeds.fetch import Limits
from desktop.data.feeds.refresh_report import done_sentence, saved_sentence
from desktop.data.feeds.sources import Progress
from desktop.ui import plain
from desktop.ui.refresh_worker import RefreshTask


class RefreshDialog(QDialog):
    data_replaced = Signal()  # emitted on the GUI thread after a successful swap
    refresh_failed = Signal(str)  # the sentence shown to the user

    def __init__(
        self,
        live: Path,
        policy: Policy,
        apply: Callable[[Callable[[], object]], object],
        parent: QWidget | None = None,
        limits: Limits | None = None,
    ) -> None:
        super().__init__(parent)
        self.live = Path(live)
        self.apply = apply  # callable(action) that runs action with the window's Store closed
        self.limits = limits
        self.taxonomy_map_file = policy.taxonomy_map_file
        self.task: RefreshTask | None = None
        self.prepared: refresh.RefreshResult | None = None
        self.report_path: Path | None = None  # the last refresh's report on disk
        self.setWindowTitle("Refresh the Local Offer")
        self.setAccessibleName("Refresh the Local Offer")
        self.setMinimumWidth(560)

        box = QGroupBox("Where should the new data come from?")
        grid = QGridLayout(box)
        self.group = QButtonGroup(self)
        self.use_policy = QRadioButton("&Your organisation's feed")
        self.policy_url = plain.label(QLabel(policy.refresh_url or "(none set by IT)"))
        self.policy_url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.use_url = QRadioButton("Another &web address:")
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://… (an Open Referral UK API)")
        self.url.setAccessibleName("Web address of the Open Referral UK API")
        self.use_file = QRadioButton("&A file or folder:")
        self.file = QLineEdit()
        self.file.setPlaceholderText("a .json export, or a .zip / folder of CSV files")
        self.file.setAccessibleName("File or folder to import")
        pick_file = QPushButton("Choose &file…")
        pick_file.clicked.connect(self.choose_file)
        pick_folder = QPushButton("Choose f&older…")
        pick_folder.clicked.connect(self.choose_folder)
        for n, button in enumerate((self.use_policy, self.use_url, self.use_file)):
            self.group.addButton(button, n)
        grid.addWidget(self.use_policy, 0, 0)
        grid.addWidget(self.policy_url, 0, 1, 1, 3)
        grid.addWidget(self.use_url, 1, 0)
        grid.addWidget(self.url, 1, 1, 1, 3)
        grid.addWidget(self.use_file, 2, 0)
        grid.addWidget(self.file, 2, 1)
        grid.addWidget(pick_file, 2, 2)
        grid.addWidget(pick_folder, 2, 3)
        grid.setColumnStretch(1, 1)
        self.use_policy.setEnabled(bool(policy.refresh_url))
        (self.use_policy if policy.refresh_url else self.use_file).setChecked(True)
        self.url.textEdited.connect(lambda: self.use_url.setChecked(True))
        self.file.textEdited.connect(lambda: self.use_file.setChecked(True))

        self.bar = QProgressBar()
        self.bar.setAccessibleName("Refresh progress")
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status = plain.label(  # shows feed addresses, file names and server replies
            QLabel("Your current data stays in use until the new data has been checked.")
        )
        self.status.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Refresh report")
        self.report.setPlaceholderText("The report appears here: what was imported and skipped.")

        self.start_button = QPushButton("&Start refresh")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.clicked.connect(self.cancel_or_close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 1)
        layout.addLayout(buttons)
        # Wide enough that a chosen file's path shows beside the two Choose buttons.
        self.resize(max(760, self.sizeHint().width()), self.sizeHint().height())

    # -- choosing -------------------------------------------------------------------------------
    def choose_file(self) -> None:
        from desktop.ui.save_dialog import start_folder  # the last folder used, or Documents

        path, _ = QFileDialog.getOpenFileName(
            self, "Choose an export", str(start_folder()), "Exports (*.json *.zip);;All files (*)"
        )
        if path:
            self.file.setText(path)
            self.use_file.setChecked(True)

    def choose_folder(self) -> None:
        from desktop.ui.save_dialog import start_folder

        path = QFileDialog.getExistingDirectory(
            self, "Choose a folder of CSV files", str(start_folder())
        )
        if path:
            self.file.setText(path)
            self.use_file.setChecked(True)

    def location(self) -> str:
        if self.use_policy.isChecked():
            return self.policy_url.text()
        if self.use_url.isChecked():
            return self.url.text().strip()
        return self.file.text().strip()

    # -- running --------------------------------------------------------------------------------
    def start(self) -> None:
        location = self.location()
        if not location:
            self.status.setText("Type a web address or choose a file first.")
            return
        self.prepared = None
        self.report_path = None
        self.report.clear()
        self.bar.setRange(0, 0)  # busy until the first page tells how many there are
        self.status.setText(f"Reading {location} …")
        self.start_button.setEnabled(False)
        self.cancel_button.setText("&Cancel")
        if self.task is not None:
            self.task.abandon()  # an earlier, ended refresh: drop anything it left
        self.task = RefreshTask(self.live, location, self.limits)
        self.task.worker.taxonomy_map_file = self.taxonomy_map_file
        self.task.progress.connect(self.on_progress)
        self.task.finished.connect(self.on_finished)
        self.task.report_saved.connect(self.on_report_saved)
        self.task.failed.connect(self.on_failed)
        self.destroyed.connect(self.task.abandon)  # deleted with its window, never closed
        self.task.start()

    def on_progress(self, p: Progress) -> None:
        if p.pages_total:
            self.bar.setRange(0, p.pages_total)
            self.bar.setValue(min(p.pages_done, p.pages_total))
        self.status.setText(p.describe())

    def on_report_saved(self, path: str) -> None:
        self.report_path = Path(path)

    def on_failed(self, message: str) -> None:
        self._done()
        self.status.setText(message)
        text = message
        if self.prepared is not None and self.prepared.report_path is not None:
            self.report_path = self.prepared.report_path
        if self.report_path is not None:
            text += "\n\n" + saved_sentence(self.report_path)
        self.report.setPlainText(text)
        self.refresh_failed.emit(message)

    def on_finished(self, result: refresh.RefreshResult) -> None:
        self._done()
        self.prepared = result
        try:
            self._use(result)
        finally:
            refresh.discard(result)  # releases the lock if _use did not end the refresh

    def _use(self, result: refresh.RefreshResult) -> None:
        force = False
        if result.needs_confirmation:
            if not self.confirm_drop(result):
                refresh.discard(result, f"Not used: declined. {result.drop_sentence()}")
                self.on_failed(f"Not used: {result.drop_sentence()} {refresh.UNCHANGED}")
                return
            force = True
        try:
            self.apply(lambda: refresh.commit(result, force=force))
        except refresh.RefreshError as exc:
            self.on_failed(str(exc))
            return
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.report_path = result.report_path
        saved = f" {saved_sentence(self.report_path)}" if self.report_path else ""
        self.status.setText(
            f"{done_sentence(result)} File → Restore previous data goes back.{saved}"
        )
        lines = result.report_lines()
        if self.report_path:
            lines += ["", saved_sentence(self.report_path)]
        self.report.setPlainText("\n".join(lines))
        self.data_replaced.emit()

    def confirm_drop(self, result: refresh.RefreshResult) -> bool:
        return plain.ask(
            self, result.confirmation_title, f"{result.drop_sentence()} Use the new data anyway?"
        )

    def _done(self) -> None:
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
        self.start_button.setEnabled(True)
        self.cancel_button.setText("&Close")

    def running(self) -> bool:
        return self.task is not None and self.task.running()

    def cancel_or_close(self) -> None:
        if self.task is not None and self.task.running():  # self.running(), for mypy
            self.status.setText("Cancelling…")
            self.task.cancel()
        else:
            self.accept()

    def stop(self) -> None:
        """Closing: cancel and let the worker finish in the background (never wait here)."""
        if self.task is not None:
            self.task.abandon()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)

    def done(self, code: int) -> None:
        self.stop()
        super().done(code)
