"""Review F15/F16: special and hostile providers files never hang or crash a start; a big list
is validated once, not at every start."""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path

import pytest

from desktop import safe_read
from desktop.data import provider_cache, provider_files, providers
from tests.test_providers import GOOD

NESTED_ARRAY = "x = " + "[" * 3000 + "]" * 3000 + "\n"
NESTED_TABLE = "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="devices and FIFOs are POSIX")


def finishes(work, *args):
    """Run ``work`` in a thread and return its result; fail (not hang) if it blocks."""
    out: list[object] = []
    thread = threading.Thread(target=lambda: out.append(work(*args)), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"{work.__name__} blocked"
    return out[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "providers.toml"
    os.mkfifo(path)
    return path


@posix_only
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_providers_file_is_refused_at_once(tmp_path: Path, device: str) -> None:
    """Cases 195, 198: st_size is 0 for a device, so the old size check read it for ever."""
    org = finishes(provider_files.load_org_providers, [], tmp_path, device)
    assert org.providers == []
    assert f"{device} is not an ordinary file" in org.problems[0]
    assert not (tmp_path / "providers" / provider_files.POLICY_COPY).exists()


@posix_only
def test_a_fifo_as_providers_file_does_not_block(tmp_path: Path, fifo: Path) -> None:
    """Case 199: opening a FIFO with no writer blocked the start for ever."""
    org = finishes(provider_files.load_org_providers, [], tmp_path, str(fifo))
    assert "is not an ordinary file" in org.problems[0]
    with pytest.raises(provider_files.ProviderFileError, match="not an ordinary file"):
        provider_files.check_file(fifo, "x")


def test_safe_read_refuses_a_folder_and_an_oversized_file(tmp_path: Path) -> None:
    with pytest.raises(safe_read.NotRegularFile, match="is a folder"):
        safe_read.read_bytes(tmp_path, 10)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 11)
    with pytest.raises(safe_read.TooLarge):
        safe_read.read_bytes(big, 10)
    assert safe_read.read_bytes(big, 11) == b"#" * 11


def test_a_providers_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "huge.toml"
    big.write_bytes(b"#" * (provider_files.MAX_BYTES + 1))
    org = provider_files.load_org_providers([], tmp_path, str(big))
    assert "huge.toml is larger than 2 MB" in org.problems[0]


@pytest.mark.parametrize("text", [NESTED_ARRAY, NESTED_TABLE], ids=["array", "inline-table"])
def test_deeply_nested_toml_is_one_reason_not_a_crash(tmp_path: Path, text: str) -> None:
    """Cases 202, 203: tomllib raised RecursionError, which the app did not catch."""
    loaded = providers.parse_providers(text, "deep.toml")
    assert loaded.providers == []
    assert loaded.errors == ["deep.toml: not a providers list (it is nested too deeply)"]
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    org = provider_files.load_org_providers([], tmp_path / "data", str(path))
    assert "nested too deeply" in org.problems[0]
    with pytest.raises(provider_files.ProviderFileError, match="Nothing was imported"):
        provider_files.import_file(path, tmp_path / "data")


def test_the_copy_is_kept_only_after_the_list_parsed(tmp_path: Path) -> None:
    """Case 204: the copy was written before parsing, so a broken file broke it too."""
    data, share = tmp_path / "data", tmp_path / "providers.toml"
    copy = data / "providers" / provider_files.POLICY_COPY
    share.write_text(NESTED_ARRAY, encoding="utf-8")
    provider_files.load_org_providers([], data, str(share))
    assert not copy.exists()
    share.write_text(GOOD, encoding="utf-8")
    assert [p.id for p in provider_files.load_org_providers([], data, str(share)).providers] == [
        "brookvale-sendiass"
    ]
    assert copy.read_text(encoding="utf-8") == GOOD
    share.write_text(NESTED_TABLE, encoding="utf-8")  # the share now holds a broken file
    org = provider_files.load_org_providers([], data, str(share))
    assert copy.read_text(encoding="utf-8") == GOOD
    assert [p.id for p in org.providers] == ["brookvale-sendiass"]
    assert "nested too deeply" in org.problems[0]
    assert "Showing the copy kept from the last time it was read." in org.problems[1]


def test_a_list_with_no_usable_entry_falls_back_to_the_copy(tmp_path: Path) -> None:
    data, share = tmp_path / "data", tmp_path / "providers.toml"
    share.write_text(GOOD, encoding="utf-8")
    provider_files.load_org_providers([], data, str(share))
    share.write_text('[[provider]]\nid = "x"\n', encoding="utf-8")
    org = provider_files.load_org_providers([], data, str(share))
    assert [p.id for p in org.providers] == ["brookvale-sendiass"]
    assert any("name is missing" in line for line in org.problems)
    assert org.problems[-1] == (
        "providers.toml has no provider that can be used. "
        "Showing the copy kept from the last time it was read."
    )


# -- F16: validated once ---------------------------------------------------------------------
@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = providers.phone_display

    def counting(raw: str) -> str:
        seen.append(raw)
        return real(raw)

    monkeypatch.setattr(providers, "phone_display", counting)
    return seen


def test_a_list_is_validated_once_and_read_from_the_cache_after(
    tmp_path: Path, validations: list[str]
) -> None:
    """Case 205: every start validated every phone number again (6 s for 110k numbers)."""
    data, share = tmp_path / "data", tmp_path / "providers.toml"
    share.write_text(GOOD, encoding="utf-8")
    first = provider_files.load_org_providers([], data, str(share))
    assert len(validations) == 2
    second = provider_files.load_org_providers([], data, str(share))
    assert len(validations) == 2  # nothing validated again
    assert second.providers == first.providers and second.problems == first.problems
    share.write_text(GOOD.replace("07700 900123", "07700 900124"), encoding="utf-8")
    changed = provider_files.load_org_providers([], data, str(share))
    assert len(validations) == 4
    assert changed.providers[0].phones[1] == "07700 900124"


def test_a_damaged_or_foreign_cache_is_not_trusted(tmp_path: Path, validations: list[str]) -> None:
    data, share = tmp_path / "data", tmp_path / "providers.toml"
    share.write_text(GOOD, encoding="utf-8")
    good = provider_files.load_org_providers([], data, str(share)).providers
    cache = data / "providers" / provider_files.POLICY_CACHE
    document = json.loads(cache.read_text(encoding="utf-8"))
    for broken in ("{not json", json.dumps({**document, "key": "0" * 64}), json.dumps([1])):
        cache.write_text(broken, encoding="utf-8")
        assert provider_files.load_org_providers([], data, str(share)).providers == good
    assert len(validations) == 2 * 4
    assert provider_cache.key(GOOD, "a") != provider_cache.key(GOOD, "b")


def test_the_imported_list_is_cached_and_its_cache_removed_with_it(
    tmp_path: Path, validations: list[str]
) -> None:
    data, source = tmp_path / "data", tmp_path / "ours.toml"
    source.write_text(GOOD, encoding="utf-8")
    provider_files.import_file(source, data)
    provider_files.load_org_providers([], data, "")
    count = len(validations)
    assert [p.id for p in provider_files.load_org_providers([], data, "").providers] == [
        "brookvale-sendiass"
    ]
    assert len(validations) == count
    provider_files.remove_imported(data)
    assert not (data / "providers" / provider_files.IMPORTED_CACHE).exists()


def test_a_cache_that_cannot_be_written_still_loads_the_list(tmp_path: Path) -> None:
    data, share = tmp_path / "data", tmp_path / "providers.toml"
    share.write_text(GOOD, encoding="utf-8")
    data.mkdir()
    (data / "providers").write_text("a file where the folder should be", encoding="utf-8")
    for _ in range(2):
        org = provider_files.load_org_providers([], data, str(share))
        assert [p.id for p in org.providers] == ["brookvale-sendiass"]
        assert org.problems == []
