"""Screenshots of the Providers tab, the fallback dialog and the import report.

    xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.provider_screenshots docs/screenshots
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python -m tests.tools.provider_screenshots /tmp/shots --suffix @2x

The organisation list shown is a made-up one (drama numbers, example.org).
"""

from __future__ import annotations

from tests.tools.shots import parse_args, start_app

DEMO_LIST = """
[[provider]]
id = "brookvale-sendiass"
name = "Brookvale SENDIASS (example)"
kind = "sendiass"
description = "A made-up service, to show how an organisation's own list looks."
phones = ["0121 496 0123 ext 12", "07700 900123"]
email = "info@example.org"
website = "https://example.org/sendiass"
hours = "Monday to Friday, 9am to 4pm"
source = "Brookvale SENDIASS staff list"
checked_on = 2026-11-20

[[provider]]
id = "broken"
name = "Broken entry"
kind = "mediation"
phones = ["call us"]
source = "leaflet"
checked_on = 2026-11-20
"""


def main() -> int:
    args = parse_args()
    app, settings, opened = start_app(args, fresh_data=True)
    data = settings.data_dir

    from PySide6.QtWidgets import QApplication

    from desktop.data import provider_files
    from desktop.ui import actions
    from desktop.ui.main_window import MainWindow
    from desktop.ui.provider_import import ImportReportDialog

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def save(widget: object, name: str) -> None:
        settle()
        path = args.out / f"{name}{args.suffix}.png"
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    window = MainWindow(opened.store, settings, opened.notice)
    window.resize(1280, 800)
    window.show()
    window.tabs.setCurrentWidget(window.providers)
    window.providers.show_provider("kids-sen-mediation")
    save(window, "providers")

    actions.open_url(actions.tel_url("03330 062 835"), window, force_fallback=True)
    settle()
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, actions.FallbackDialog)
    )
    save(dialog, "providers-fallback")
    dialog.close()

    org = data / "brookvale.toml"
    org.write_text(DEMO_LIST, encoding="utf-8")
    report = ImportReportDialog(org, provider_files.check_file(org, org.name), window)
    report.show()
    save(report, "providers-import")
    report.close()
    provider_files.import_file(org, data)
    window.providers.reload()
    window.providers.show_provider("brookvale-sendiass")
    save(window, "providers-organisation")

    window.close()
    opened.store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
