"""Hostile and broken feeds (reliability review F6, F8, F13, F19): one sentence or a skipped
record with its reason — never a traceback, never memory in gigabytes, never an aborted
refresh for one bad record.
"""

from __future__ import annotations

import io
import json
import struct
import tracemalloc
import warnings
import zipfile
from pathlib import Path

import pytest

from desktop.data.feeds import refresh
from desktop.data.feeds.jsonstream import JsonItems
from desktop.data.feeds.oruk import Normaliser
from desktop.data.feeds.record import SkippedValue
from desktop.data.feeds.sources import Source, SourceError
from desktop.data.feeds.tabular import PackageLimits

OK_SERVICES = "id,name\ns1,Kept one\ns2,Kept two\n"


def package(
    path: Path, members: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED
) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are the point of one test
        with zipfile.ZipFile(path, "w", method) as archive:
            for name, data in members.items():
                archive.writestr(name.split("#")[0], data)
    return path


def patch_central(
    path: Path, name: str, *, flag: int | None = None, method: int | None = None
) -> None:
    """Edit a member's central directory entry, as an encrypting or exotic zipper writes it."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_len].decode() == name:
            if flag is not None:
                struct.pack_into("<H", data, at + 8, flag)
            if method is not None:
                struct.pack_into("<H", data, at + 10, method)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def ids(source: Source) -> list[str]:
    return [s["id"] for s in source.services() if isinstance(s, dict)]


# -- zip bombs (F6) ---------------------------------------------------------------------------
def test_a_28_kb_zip_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    bomb = package(tmp_path / "bomb.zip", {"services.csv": "id,name\n" + "a,b\n" * 7_300_000})
    assert bomb.stat().st_size < 40_000  # a real bomb: 29 MB of rows packed into ~28 KB
    tracemalloc.start()
    try:
        with pytest.raises(SourceError, match=r"expand .* times .* zip bomb"):
            ids(Source(str(bomb)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # not the 3.9 GB the review measured


def test_a_zip_that_lies_about_its_sizes_stops_at_the_declared_size(tmp_path: Path) -> None:
    path = package(tmp_path / "liar.zip", {"services.csv": "id,name\n" + "a,b\n" * 300_000})
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size
        at = data.find(signature)
        struct.pack_into("<I", data, at + offset, 40)
    path.write_bytes(bytes(data))
    tracemalloc.start()
    try:
        with pytest.raises(SourceError, match=r"services\.csv is damaged \(Bad CRC-32"):
            ids(Source(str(path)))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000


def test_rows_per_table_are_capped(tmp_path: Path) -> None:
    rows = "id,name\n" + "".join(f"s{i},Service number {i} of many\n" for i in range(150))
    path = package(tmp_path / "many.zip", {"services.csv": rows})
    source = Source(str(path), package_limits=PackageLimits(max_rows=100))
    with pytest.raises(SourceError, match=r"more than 100 rows"):
        ids(source)


def test_the_total_size_budget_counts_what_is_really_read(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "services.csv").write_text("id,name\n" + "s,x\n" * 2000)
    with pytest.raises(SourceError, match="larger than the size limit; ask IT to raise it"):
        ids(Source(str(folder), package_limits=PackageLimits(max_bytes=1000)))


# -- members that cannot be read, or cannot be trusted ---------------------------------------
def test_a_password_protected_table_is_reported_and_left_out(tmp_path: Path) -> None:
    path = package(
        tmp_path / "p.zip", {"services.csv": OK_SERVICES, "phones.csv": "id,service_id,number\n"}
    )
    patch_central(path, "phones.csv", flag=0x1)
    source = Source(str(path))
    assert ids(source) == ["s1", "s2"]
    assert any(
        "phones.csv is protected by a password, so it was not read" in w for w in source.warnings
    )
    patch_central(path, "services.csv", flag=0x1)
    with pytest.raises(SourceError, match=r"services\.csv is protected by a password"):
        ids(Source(str(path)))


def test_an_unsupported_compression_method_is_one_sentence(tmp_path: Path) -> None:
    path = package(tmp_path / "p.zip", {"services.csv": OK_SERVICES})
    patch_central(path, "services.csv", method=9)  # Deflate64: Python cannot read it
    with pytest.raises(SourceError, match=r"compression method the app cannot read \(method 9\)"):
        ids(Source(str(path)))


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"services.csv": OK_SERVICES, "services.csv#2": OK_SERVICES}, "services.csv twice"),
        (
            {"a/services.csv": OK_SERVICES, "b/services.csv": OK_SERVICES},
            r"services.csv in two places \(a/services.csv and b/services.csv\)",
        ),
        ({"services.csv": OK_SERVICES, "../evil.csv": "x"}, "unsafe path"),
        ({"phones.csv": "id\n"}, "has no services.csv"),
        ({"services.csv": "id,description\ns1,x\n"}, "has no 'name' column"),
    ],
)
def test_ambiguous_or_unsafe_packages_are_refused(
    tmp_path: Path, members: dict, message: str
) -> None:
    path = package(tmp_path / "p.zip", members)
    with pytest.raises(SourceError, match=message) as info:
        ids(Source(str(path)))
    assert ".." not in str(info.value).replace("../", "")  # one full stop (F19)


def test_not_a_zip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(SourceError, match="is not a readable zip file"):
        ids(Source(str(path)))


def test_a_folder_package_does_not_follow_links(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("id,name\nleak,Secret\n")
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "services.csv").write_text(OK_SERVICES)
    (folder / "phones.csv").symlink_to(secret)
    source = Source(str(folder))
    assert ids(source) == ["s1", "s2"]
    assert any("phones.csv is a link to another file" in w for w in source.warnings)
    (folder / "services.csv").unlink()
    (folder / "services.csv").symlink_to(secret)
    with pytest.raises(SourceError, match=r"services\.csv is a link to another file"):
        ids(Source(str(folder)))


def test_an_overlong_field_skips_only_its_row(tmp_path: Path) -> None:
    text = "id,name,description\ns1,One,short\ns2,Two," + "x" * 5000 + "\ns3,Three,short\n"
    path = package(tmp_path / "p.zip", {"services.csv": text})
    raws = list(Source(str(path), package_limits=PackageLimits(max_field_chars=1024)).services())
    assert [r["id"] for r in raws if isinstance(r, dict)] == ["s1", "s3"]
    [skipped] = [r for r in raws if isinstance(r, SkippedValue)]
    assert "line 3: field larger than field limit" in skipped.reason


def test_an_unclosed_quote_in_a_child_table_is_a_warning(tmp_path: Path) -> None:
    phones = 'id,service_id,number\np1,s1,"0121 496 0123\np2,s2,0121 496 0124\n'
    path = package(tmp_path / "p.zip", {"services.csv": OK_SERVICES, "phones.csv": phones})
    source = Source(str(path))
    assert len(ids(source)) == 2
    assert any("rows of phones.csv could not be read" in w for w in source.warnings)


# -- JSON: encodings, depth, numbers, surrogates (F13, F19) -----------------------------------
@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-8-sig"]
)
def test_json_in_any_unicode_encoding_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "feed.json"
    path.write_bytes(json.dumps({"contents": [{"id": "é1", "name": "Café"}]}).encode(encoding))
    assert ids(Source(str(path))) == ["é1"]


def test_one_record_nested_too_deeply_is_skipped_and_the_rest_kept(
    db_copy: Path, tmp_path: Path
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    text = (
        '{"contents": [{"id": "a", "name": "A"}, {"id": "b", "x": '
        + deep
        + '}, {"id": "c", "name": "C"}]}'
    )
    path = tmp_path / "deep.json"
    path.write_text(text)
    result = refresh.refresh(db_copy, Source(str(path)))
    assert result.service_count == 2
    assert result.report.skipped == ["record 2: cannot be decoded (it is nested too deeply)"]


def test_huge_numbers_infinities_and_lone_surrogates(db_copy: Path, tmp_path: Path) -> None:
    text = (
        '[{"id": "a", "name": "Ages '
        + "\\ud83d"
        + '", "minimum_age": Infinity, "maximum_age": 1e400},'
        ' {"id": "b", "name": "Big", "minimum_age": ' + "9" * 5000 + "},"
        ' {"id": "c", "name": "NaN cost", "cost_options": [{"amount": NaN}], "minimum_age": -1}]'
    )
    path = tmp_path / "numbers.json"
    path.write_text(text)
    result = refresh.refresh(db_copy, Source(str(path)))
    assert result.service_count == 2
    assert (
        "record 2: cannot be decoded (Exceeds the limit (4300 digits)" in result.report.skipped[0]
    )
    conn = __import__("sqlite3").connect(db_copy)
    try:
        rows = dict(conn.execute("SELECT id, name FROM services"))
        ages = conn.execute("SELECT min_age, max_age FROM services WHERE id = 'a'").fetchone()
    finally:
        conn.close()
    assert rows == {"a": "Ages", "c": "NaN cost"} and ages == (None, None)
    assert result.coverage.dropped[("ages", "not a number")] == 1


def test_a_stream_with_a_bad_record_in_an_array_of_pages() -> None:
    deep = "{" + '"a":' * 1 + "[" * 50_000 + "]" * 50_000 + "}"
    text = '[{"id": "a", "name": "A"}, ' + deep + ', {"id": "b", "name": "B"}]'
    out = list(JsonItems(io.StringIO(text)))
    assert out[0]["id"] == "a" and isinstance(out[1], SkippedValue) and out[2]["id"] == "b"


def test_a_reader_bug_skips_that_record_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.data.feeds import oruk
    from desktop.data.feeds.shapes import Shape, oruk3

    def flaky(raw: dict, ctx: object) -> object:
        if raw["id"] == "bad":
            raise KeyError("something no reader expected")
        return oruk3.read(raw, ctx)  # type: ignore[arg-type]

    monkeypatch.setitem(oruk.SHAPES, "oruk3", Shape("oruk3", "test", flaky, oruk3.KNOWN))  # type: ignore[arg-type]
    normaliser = Normaliser()
    kept = list(normaliser.records([{"id": "ok", "name": "A"}, {"id": "bad", "name": "B"}]))
    assert [r.id for r in kept] == ["ok"]
    assert normaliser.report.skipped == [
        "record 2: could not be read (KeyError: 'something no reader expected')"
    ]


def test_cancel_stops_a_big_table_while_it_is_read(tmp_path: Path) -> None:
    from desktop.data.feeds.sources import Cancelled

    phones = "id,service_id,number\n" + "".join(f"p{i},s1,0121 496 0123\n" for i in range(10_000))
    path = package(tmp_path / "p.zip", {"services.csv": OK_SERVICES, "phones.csv": phones})
    checks = []

    def cancelled() -> bool:
        checks.append(1)
        return True  # pressed at once: the first check, 2,000 rows in, stops the read

    with pytest.raises(Cancelled):
        ids(Source(str(path), cancelled=cancelled))
    assert len(checks) == 1


def test_an_unreadable_file_or_folder_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.data.feeds import sources

    feed = tmp_path / "feed.json"
    feed.write_text('{"contents": []}')
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "services.csv").write_text(OK_SERVICES)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(sources, "open", refused, raising=False)  # the JSON file
    monkeypatch.setattr(Path, "iterdir", refused)  # the folder package
    for location in (feed, folder):
        with pytest.raises(SourceError, match=r"cannot be read \(Permission denied\): check"):
            ids(Source(str(location)))
