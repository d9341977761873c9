"""One error vocabulary (code review c.2): every exception class in desktop/ is either a
UserError (one sentence for the user) or named here as internal, none is a UserError and
a ValueError at once, and entry points tell the user's problems from bugs by type."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import desktop
from desktop.cli import main
from desktop.errors import ExitCode, UserError

# Exceptions that never reach the user as they are: each is caught and turned into a
# sentence (or a report line, or a quiet stop) by the module named.
INTERNAL = {
    "desktop.data.feeds.central.Unreachable": "offline: the central copy says nothing",
    "desktop.data.feeds.central.Changing": "the file changed while copied: tried again",
    "desktop.data.feeds.central_copy._WriteFailed": "becomes a DataFileError",
    "desktop.data.feeds.fetch.FetchCancelled": "the user pressed Cancel",
    "desktop.data.feeds.jsonstream.JsonShapeError": "a phrase, put into a SourceError",
    "desktop.data.feeds.jsonstream._Refused": "a value the decoder refuses: a skipped record",
    "desktop.data.feeds.jsonstream._TooBig": "becomes a JsonShapeError",
    "desktop.data.feeds.record.SkipRecord": "a line of the refresh report",
    "desktop.data.feeds.request_watch.Tripped": "a deadline or Cancel: a FetchError",
    "desktop.data.feeds.sources.Cancelled": "the user pressed Cancel",
    "desktop.data.feeds.tabular.PackageError": "a phrase, put into a SourceError",
    "desktop.data.feeds.tabular.PackageCancelled": "the user pressed Cancel",
    "desktop.data.ranking_index.MissingIndex": "an sqlite3 error: read as a damaged database",
    "desktop.data.routes.RouteError": "a bad id from the caller: a bug",
    "desktop.data.store.StoreInterrupted": "a newer request replaced the query: dropped",
    "desktop.safe_read.FileRefused": "an OSError: callers name the file in their sentence",
    "desktop.safe_read.NotRegularFile": "as FileRefused",
    "desktop.safe_read.TooLarge": "as FileRefused",
}


def exception_classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if info.name in ("desktop.__main__", "desktop.devsetup"):
            continue  # __main__ runs the app; devsetup is the stdlib bootstrap, not the app
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseException) and cls.__module__ == info.name:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_every_exception_is_a_user_error_or_named_as_internal() -> None:
    classes = exception_classes()
    assert "desktop.data.dbcheck.StoreError" in classes  # the walk reaches sub-packages
    unsorted = sorted(n for n, c in classes.items() if not issubclass(c, UserError))
    assert unsorted == sorted(n for n in INTERNAL if n in classes), (
        "an exception that is not a UserError must be named in INTERNAL with who turns it "
        "into a sentence"
    )
    assert set(INTERNAL) <= set(classes), "INTERNAL names a class that is gone"


def test_no_user_error_is_also_a_value_error() -> None:
    """A user sentence is never carried by ValueError: an 'except ValueError' written for
    a parsing slip would otherwise show a bug as the user's problem, or the reverse."""
    both = [
        name
        for name, cls in exception_classes().items()
        if issubclass(cls, UserError) and issubclass(cls, ValueError)
    ]
    assert both == []


def test_build_db_tells_an_unwritable_folder_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["build-db", str(blocker / "out.sqlite")]) == ExitCode.FAILED
    err = capsys.readouterr().err
    assert err.startswith("build-db failed: ") and "cannot be read or written" in err
    assert "Traceback" not in err


def test_a_bug_in_build_db_is_reported_as_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import tempfile

    from desktop import bundle, logs

    monkeypatch.setattr(logs, "_current_log", None)  # no log file (an earlier test's may be open)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # so the traceback is written here

    def broken(out: Path, resources: Path) -> dict[str, int]:
        raise ValueError("a coding mistake")

    monkeypatch.setattr(bundle, "_build", broken)
    assert main(["build-db", str(tmp_path / "out.sqlite")]) == ExitCode.BUG
    err = capsys.readouterr().err
    assert "build-db failed" not in err and "bug" in err
    assert "a coding mistake" in next(tmp_path.glob("send-desk-error-*.txt")).read_text()


def test_kept_copy_sentences_are_user_errors(tmp_path: Path) -> None:
    from desktop.data.feeds import kept

    with pytest.raises(kept.CopyUnusable, match="There is no previous data to go back to"):
        kept.choose(tmp_path / "send-desk.sqlite", None)
