"""The one place that knows paths and IT policy. Computed lazily; nothing happens at import.

Environment overrides (used by tests and by IT for unusual set-ups):
  SEND_DESK_DATA_DIR     per-user data folder (live database, logs)
  SEND_DESK_BUNDLED_DB   the read-only bundled database to copy on first run
  SEND_DESK_POLICY       an INI file of policy keys (read after the system policy)
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop import APP_NAME, ORG_NAME

POLICY_KEYS = (
    "RefreshUrl",
    "RefreshDisabled",
    "StaleAfterDays",
    "OrganisationName",
    "ProvidersFile",
    "NoPhoneHandler",
    "TaxonomyMapFile",
)
POLICY_REGISTRY_KEY = r"HKEY_LOCAL_MACHINE\Software\Policies\SEND Adviser Desk"
SYSTEM_POLICY_INI = Path("/etc/xdg/send-adviser-desk/policy.ini")
DB_NAME = "send-desk.sqlite"
DEFAULT_STALE_AFTER_DAYS = 180


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def source_root() -> Path:
    """The repository root when running from a checkout (the folder holding resources/)."""
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Where resources/ lives, from source or frozen (sys._MEIPASS)."""
    if is_frozen():
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    return source_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@dataclass(frozen=True)
class Policy:
    refresh_url: str = ""
    refresh_disabled: bool = False
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    organisation_name: str = ""
    providers_file: str = ""
    no_phone_handler: bool = False  # Call shows the number to dial instead of opening tel:
    taxonomy_map_file: str = ""  # extra category/needs crosswalk entries (taxonomy-map.toml format)
    problems: tuple[str, ...] = ()


def _truthy(value: str) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def policy_from_values(values: dict[str, str]) -> Policy:
    problems = []
    stale = DEFAULT_STALE_AFTER_DAYS
    if "StaleAfterDays" in values:
        try:
            stale = int(str(values["StaleAfterDays"]).strip())
            if stale < 1:
                raise ValueError
        except ValueError:
            problems.append(
                f"StaleAfterDays {values['StaleAfterDays']!r} is not a whole number of days"
            )
            stale = DEFAULT_STALE_AFTER_DAYS
    return Policy(
        refresh_url=str(values.get("RefreshUrl", "")).strip(),
        refresh_disabled=_truthy(values.get("RefreshDisabled", "0")),
        stale_after_days=stale,
        organisation_name=str(values.get("OrganisationName", "")).strip(),
        providers_file=str(values.get("ProvidersFile", "")).strip(),
        no_phone_handler=_truthy(values.get("NoPhoneHandler", "0")),
        taxonomy_map_file=str(values.get("TaxonomyMapFile", "")).strip(),
        problems=tuple(problems),
    )


def _read_ini(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return {}
    values: dict[str, str] = {}
    for section in parser.sections():
        for key, value in parser.items(section):
            if key in POLICY_KEYS:
                values[key] = value
    return values


def _read_registry() -> dict[str, str]:
    if sys.platform != "win32":
        return {}
    from PySide6.QtCore import QSettings

    settings = QSettings(POLICY_REGISTRY_KEY, QSettings.Format.NativeFormat)
    return {k: str(settings.value(k)) for k in POLICY_KEYS if settings.contains(k)}


def read_policy() -> Policy:
    """Registry (Windows) or system INI, then the INI named by SEND_DESK_POLICY; later wins."""
    values = _read_registry()
    if sys.platform != "win32" and SYSTEM_POLICY_INI.exists():
        values.update(_read_ini(SYSTEM_POLICY_INI))
    env = os.environ.get("SEND_DESK_POLICY")
    if env:
        values.update(_read_ini(Path(env)))
    return policy_from_values(values)


def default_data_dir() -> Path:
    env = os.environ.get("SEND_DESK_DATA_DIR")
    if env:
        return Path(env)
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(location) if location else Path.home() / ".send-adviser-desk"


def bundled_db_path() -> Path:
    env = os.environ.get("SEND_DESK_BUNDLED_DB")
    if env:
        return Path(env)
    if is_frozen():
        return Path(sys._MEIPASS) / "data" / DB_NAME  # type: ignore[attr-defined]
    return source_root() / "build" / "bundled" / DB_NAME


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    bundled_db: Path
    policy: Policy
    db_override: Path | None = None

    @property
    def live_db(self) -> Path:
        return self.db_override or self.data_dir / DB_NAME

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "send-desk.log"


def load_settings(db_override: str | Path | None = None) -> Settings:
    return Settings(
        data_dir=default_data_dir(),
        bundled_db=bundled_db_path(),
        policy=read_policy(),
        db_override=Path(db_override) if db_override else None,
    )
