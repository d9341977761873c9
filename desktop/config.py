"""The one place that knows paths and IT policy. Computed lazily; nothing happens at import.

Environment overrides (used by tests and by IT for unusual set-ups):
  SEND_DESK_DATA_DIR     per-user data folder (live database, logs)
  SEND_DESK_BUNDLED_DB   the read-only bundled database to copy on first run
  SEND_DESK_POLICY       an INI file of policy keys (read after the system policy)
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from desktop import APP_NAME, ORG_NAME
from desktop.policy_ini import read_ini
from desktop.policy_registry import RegistryPolicy, read_registry

log = logging.getLogger(__name__)

POLICY_KEYS = (
    "RefreshUrl",
    "RefreshDisabled",
    "StaleAfterDays",
    "OrganisationName",
    "ProvidersFile",
    "NoPhoneHandler",
    "TaxonomyMapFile",
    "DataFile",
)
POLICY_REGISTRY_KEY = r"HKEY_LOCAL_MACHINE\Software\Policies\SEND Adviser Desk"
SYSTEM_POLICY_INI = Path("/etc/xdg/send-adviser-desk/policy.ini")
DB_NAME = "send-desk.sqlite"
DEFAULT_STALE_AFTER_DAYS = 180
# What the CLI says and the greyed-out menu entries show when IT sets RefreshDisabled.
REFRESH_MANAGED = (
    "Refreshing the Local Offer is managed by your organisation (IT policy RefreshDisabled)."
)


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def source_root() -> Path:
    """The repository root when running from a checkout (the folder holding resources/)."""
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Where resources/ lives, from source or frozen (sys._MEIPASS)."""
    if is_frozen():
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]  # set by PyInstaller
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
    data_file: str = ""  # the central database IT publishes (a path or an https: URL), or ''
    problems: tuple[str, ...] = ()  # every unreadable file or value, for Help → About and the log


_ON = {"1", "true", "yes", "on"}
_OFF = {"0", "false", "no", "off"}
# Switches that fail closed: a value that cannot be read counts as "on", the safe side
# (refresh off; Call shows the number instead of launching a phone app).
_SWITCHES = ("RefreshDisabled", "NoPhoneHandler")
_SAFE = "so it is taken as 1 to be safe"


def _switch(values: dict[str, str], key: str, problems: list[str]) -> bool:
    if key not in values:
        return False
    value = str(values[key]).strip().lower()
    if value in _ON or value in _OFF:
        return value in _ON
    problems.append(f"{key} {values[key]!r} is not 0 or 1, {_SAFE}")
    return True


def policy_from_values(
    values: dict[str, str], problems: tuple[str, ...] | list[str] = (), *, locked: bool = False
) -> Policy:
    """The Policy for ``values``; ``locked`` turns refresh off (a policy source was unreadable)."""
    problems = list(problems)
    stale = DEFAULT_STALE_AFTER_DAYS
    if "StaleAfterDays" in values:
        try:
            stale = int(str(values["StaleAfterDays"]).strip())
            if stale < 1:
                raise ValueError
        except ValueError:
            problems.append(
                f"StaleAfterDays {values['StaleAfterDays']!r} is not a whole number of days, "
                f"so {DEFAULT_STALE_AFTER_DAYS} is used"
            )
            stale = DEFAULT_STALE_AFTER_DAYS
    switches = {key: _switch(values, key, problems) for key in _SWITCHES}
    data_file = str(values.get("DataFile", "")).strip()
    if data_file and (why := data_file_problem(data_file)):
        problems.append(f"DataFile {data_file!r} {why}, so it is not used")
        data_file = ""
    return Policy(
        refresh_url=str(values.get("RefreshUrl", "")).strip(),
        refresh_disabled=switches["RefreshDisabled"] or locked,
        stale_after_days=stale,
        organisation_name=str(values.get("OrganisationName", "")).strip(),
        providers_file=str(values.get("ProvidersFile", "")).strip(),
        no_phone_handler=switches["NoPhoneHandler"],
        taxonomy_map_file=str(values.get("TaxonomyMapFile", "")).strip(),
        data_file=data_file,
        problems=tuple(problems),
    )


def data_file_problem(value: str) -> str:
    """Why a DataFile value cannot name the central database ('' when it can): an https:
    address (http: only to this computer, for tests; the fetch code checks again) or a
    full path, such as \\\\server\\share\\send-desk.sqlite."""
    if "://" in value:
        scheme = value.split("://", 1)[0].lower()
        return "" if scheme in ("https", "http") else "is not an https:// address"
    if PureWindowsPath(value).is_absolute() or PurePosixPath(value).is_absolute():
        return ""
    return "is neither a full path nor an https:// address"


def _read_registry() -> RegistryPolicy:
    """HKLM\\Software\\Policies\\SEND Adviser Desk (Windows only; ``desktop.policy_registry``)."""
    if sys.platform != "win32":
        return RegistryPolicy()
    return read_registry(POLICY_KEYS)


def _registry_values(
    found: dict[str, str] | RegistryPolicy, problems: list[str]
) -> dict[str, str]:
    """The values a registry reader gave; a switch whose value has the wrong type fails closed."""
    if not isinstance(found, RegistryPolicy):
        return dict(found)
    values = dict(found.values)
    problems.extend(found.problems)
    for key, what in found.unusable.items():
        wrong = f"{key} in the registry is {what}, not text or a number"
        if key in _SWITCHES:
            values[key] = "1"
            problems.append(f"{wrong}, {_SAFE}")
        else:
            problems.append(f"{wrong}, so it is ignored")
    return values


def read_policy(
    *,
    registry: Callable[[], dict[str, str] | RegistryPolicy] | None = None,
    system_ini: Path | None = None,
    env_ini: str | None = None,
) -> Policy:
    """Registry (Windows) or system INI, then the INI named by SEND_DESK_POLICY; later wins.

    Each argument replaces one source (tests inject a registry reader this way); by default
    they are :func:`_read_registry`, ``SYSTEM_POLICY_INI`` (not on Windows) and the
    environment variable. Every problem goes into ``Policy.problems``. Refresh is turned
    off (fails closed) when a policy source cannot be read, or when ``RefreshDisabled``
    is given twice with different values.
    """
    values: dict[str, str] = {}
    problems: list[str] = []
    locked = False
    switched_on = False  # some source turned refresh off: a later one cannot turn it back on

    def merge(found: dict[str, str]) -> None:
        nonlocal switched_on
        if "RefreshDisabled" in found:
            switched_on |= str(found["RefreshDisabled"]).strip().lower() not in _OFF
        values.update(found)

    try:
        merge(_registry_values((registry or _read_registry)(), problems))
    except OSError as exc:  # the key exists but cannot be read (policy_registry raises these)
        problems.append(f"the policy in the registry cannot be read ({exc})")
        locked = True
    except Exception as exc:  # a bug in reading it: still fail closed, but never quietly
        log.error("reading the registry policy failed", exc_info=exc)
        problems.append(f"the policy in the registry cannot be read (a bug: {exc!r})")
        locked = True
    inis: list[Path] = []
    system = system_ini if system_ini is not None else SYSTEM_POLICY_INI
    if (system_ini is not None or sys.platform != "win32") and os.path.lexists(system):
        inis.append(system)
    env = env_ini if env_ini is not None else os.environ.get("SEND_DESK_POLICY")
    if env:
        inis.append(Path(env))
    for path in inis:
        read = read_ini(path, POLICY_KEYS)
        merge(read.values)
        problems.extend(read.problems)
        locked |= read.unreadable
        if "RefreshDisabled" in read.conflicting:
            problems.append(f"RefreshDisabled has different values in {path.name}, {_SAFE}")
            values["RefreshDisabled"] = "1"
            switched_on = True
    if switched_on and str(values.get("RefreshDisabled", "")).strip().lower() in _OFF:
        problems.append("RefreshDisabled is 0 in a later policy source, but an earlier one sets it")
        values["RefreshDisabled"] = "1"
    if locked:
        problems.append("Refreshing is turned off because a policy source could not be read")
    return policy_from_values(values, problems, locked=locked)


def windows_data_dir(environ: Mapping[str, str]) -> PureWindowsPath | None:
    """``%LOCALAPPDATA%\\<org>\\<app>``, the folder Qt's AppLocalDataLocation names on
    Windows (the local profile: a database in the roaming one is copied at every logon);
    None when LOCALAPPDATA is not set to a full path."""
    local = environ.get("LOCALAPPDATA", "").strip()
    if not local or not PureWindowsPath(local).is_absolute():
        return None
    return PureWindowsPath(local) / ORG_NAME / APP_NAME


def default_data_dir(
    *, platform: str | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """SEND_DESK_DATA_DIR; on Windows %LOCALAPPDATA%\\<org>\\<app> (without loading Qt); else
    Qt's AppLocalDataLocation. ``platform`` and ``environ`` are seams for the tests."""
    environ = os.environ if environ is None else environ
    env = environ.get("SEND_DESK_DATA_DIR")
    if env:
        return Path(env)
    if (platform or sys.platform) == "win32" and (local := windows_data_dir(environ)):
        return Path(str(local))
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
        return Path(sys._MEIPASS) / "data" / DB_NAME  # type: ignore[attr-defined]  # PyInstaller
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
