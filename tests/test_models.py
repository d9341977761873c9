"""Every Qt item model of the app passes pytest-qt's ``qtmodeltester`` (Qt's
QAbstractItemModelTester): rows, indexes, parents and data roles agree, and the tester
stays attached while the rows are reset or fetched a page at a time, so a wrong
begin/end signal fails here. The last test finds every model class in ``desktop/`` and
fails when one has no test in this file."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import QAbstractItemModel, Qt

import desktop
from desktop.data.store import Store
from desktop.ui.models import (
    ROW_ROLE,
    GuidanceSectionModel,
    ProviderModel,
    RowListModel,
    ServiceListModel,
)

TESTED = {"RowListModel", "GuidanceSectionModel", "ProviderModel", "ServiceListModel", "ShortlistModel"}


def test_the_row_list_base_model(qtmodeltester) -> None:
    model: RowListModel[str] = RowListModel(["one", "two", "three"])
    qtmodeltester.check(model)
    assert model.data(model.index(1, 0)) == "two"
    model.set_rows(["four"])  # a reset, with the tester still attached
    model.set_rows([])
    assert model.rowCount() == 0


def test_the_guidance_section_model(qtmodeltester, store: Store) -> None:
    sections = store.guidance_sections()
    model = GuidanceSectionModel(sections)
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert model.data(first) == sections[0].title
    assert model.data(first, ROW_ROLE) is sections[0]
    assert model.data(first, Qt.ItemDataRole.ToolTipRole) == (sections[0].summary or None)
    model.set_rows(sections[:1])
    assert model.rowCount() == 1


def test_the_provider_model(qtmodeltester, store: Store) -> None:
    providers = store.providers()
    model = ProviderModel(providers)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)).startswith(providers[0].name + "\n")
    model.set_rows(list(reversed(providers)))
    assert model.row_object(0) == providers[-1]


def test_the_service_list_model_fetching_page_by_page(
    qtmodeltester, store: Store, monkeypatch
) -> None:
    """The tester itself calls ``fetchMore`` (its checkChildren does, once per check) and
    checks the inserted rows. It is not left attached while the test fetches: Qt's tester
    fetches again from inside every rowsInserted, which fails even a textbook model."""
    monkeypatch.setattr(ServiceListModel, "PAGE", 10)
    model = ServiceListModel(store)
    model.set_query("")
    assert model.total > 20 and model.rowCount() == 10
    qtmodeltester.check(model)
    assert model.rowCount() > 10  # the tester fetched a page and checked it
    model.set_query("no service is called this xyzzy")  # a reset, the tester attached
    assert model.rowCount() == 0 and model.data(model.index(0, 0)) is None


def test_the_shortlist_model(qtmodeltester, store: Store) -> None:
    from desktop.ui.local_offer.shortlist import ShortlistModel

    ids = [s.id for s in store.search_services("", limit=3)]
    details = [d for d in (store.service(i) for i in ids) if d is not None]
    model = ShortlistModel()
    qtmodeltester.check(model)
    model.set_rows(details)
    assert model.rowCount() == len(details) == 3
    model.set_rows(details[1:])
    assert model.row_object(0) == details[1]


def model_classes() -> set[str]:
    """The QAbstractItemModel subclasses defined anywhere in desktop/."""
    found = set()
    for info in pkgutil.walk_packages(desktop.__path__, "desktop."):
        if info.name in ("desktop.__main__", "desktop.devsetup"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, QAbstractItemModel)
                and value.__module__ == module.__name__
            ):
                found.add(name)
    return found


def test_every_model_class_has_a_test_here() -> None:
    assert model_classes() == TESTED
