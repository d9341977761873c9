"""User preferences: every one with its key and default, in QSettings user scope (window
geometry and last tab, "this computer cannot make calls", text size, colours, the last
folder saved to). Split from ``desktop.config``, which owns paths and IT policy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, cast

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

TEXT_SCALES = (80, 90, 100, 110, 125, 150, 175, 200)  # per cent of the system's text size
CONTRASTS = ("system", "high")  # follow the system's colours, or the app's high-contrast ones


T = TypeVar("T")


class SettingsStore(Protocol):
    """What ``Preferences`` uses of a ``QSettings`` (typed without importing Qt here)."""

    def value(self, key: str, /, defaultValue: object = ..., type: object = ...) -> object: ...
    def setValue(self, key: str, value: object, /) -> None: ...
    def sync(self) -> None: ...


class Preferences:
    """Every user preference, each with its key and default, in QSettings user scope.

    The one place that reads or writes them (code review c.7): window geometry and last tab,
    "this computer cannot make calls", text size, colours and the last folder saved to.
    ``QSettings`` is made only when asked, so importing this module loads no Qt; the
    organisation and application names ``make_application`` sets choose where they live.
    """

    GEOMETRY = "window/geometry"
    LAST_TAB = "window/tab"
    NO_PHONE_HANDLER = "contacts/noPhoneHandler"
    TEXT_SCALE = "view/textScale"
    CONTRAST = "view/contrast"
    SAVE_FOLDER = "files/lastSaveFolder"

    def __init__(self, qsettings: SettingsStore | None = None) -> None:
        if qsettings is None:
            from PySide6.QtCore import QSettings

            qsettings = QSettings()
        self._s = qsettings

    def _get(self, key: str, default: T, kind: type[T]) -> T:
        """The value as ``kind`` (QSettings converts it), ``default`` when unset or garbled."""
        try:
            value = self._s.value(key, default, type=kind)
        except (TypeError, ValueError):
            return default
        return default if value is None else cast(T, value)

    def _set(self, key: str, value: object) -> None:
        self._s.setValue(key, value)

    def sync(self) -> None:
        self._s.sync()

    # window
    @property
    def geometry(self) -> QByteArray | None:
        """The QByteArray saved by ``QWidget.saveGeometry``, or None before the first quit."""
        return cast("QByteArray | None", self._s.value(self.GEOMETRY))

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set(self.GEOMETRY, value)

    @property
    def last_tab(self) -> int:
        try:
            return int(self._get(self.LAST_TAB, 0, int))
        except (TypeError, ValueError):
            return 0

    @last_tab.setter
    def last_tab(self, index: int) -> None:
        self._set(self.LAST_TAB, int(index))

    # contacts
    @property
    def no_phone_handler(self) -> bool:
        return bool(self._get(self.NO_PHONE_HANDLER, False, bool))

    @no_phone_handler.setter
    def no_phone_handler(self, on: bool) -> None:
        self._set(self.NO_PHONE_HANDLER, bool(on))

    # appearance
    @property
    def text_scale(self) -> int:
        """Text size in per cent of the system's (one of TEXT_SCALES; 100 by default)."""
        value = self._get(self.TEXT_SCALE, 100, int)
        return value if value in TEXT_SCALES else 100

    @text_scale.setter
    def text_scale(self, percent: int) -> None:
        if percent not in TEXT_SCALES:
            raise ValueError(f"text size {percent}% is not one of {TEXT_SCALES}")
        self._set(self.TEXT_SCALE, int(percent))

    @property
    def contrast(self) -> str:
        value = str(self._get(self.CONTRAST, "system", str))
        return value if value in CONTRASTS else "system"

    @contrast.setter
    def contrast(self, value: str) -> None:
        if value not in CONTRASTS:
            raise ValueError(f"contrast {value!r} is not one of {CONTRASTS}")
        self._set(self.CONTRAST, value)

    # files
    @property
    def save_folder(self) -> str:
        """The folder the user last saved a handout, shortlist or export in ('' if none)."""
        return str(self._get(self.SAVE_FOLDER, "", str))

    @save_folder.setter
    def save_folder(self, folder: str) -> None:
        self._set(self.SAVE_FOLDER, str(folder))
