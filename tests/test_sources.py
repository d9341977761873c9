"""Reading exports: JSON shapes, the CSV package, and the ORUK API over a loopback server."""

from __future__ import annotations

import io
import json
import threading
import zipfile
from pathlib import Path

import pytest

from desktop.data.feeds.fetch import FetchCancelled, Fetcher, FetchError, Limits, check_url
from desktop.data.feeds.jsonstream import JsonItems, JsonShapeError
from desktop.data.feeds.oruk import NormaliseReport, normalise_all
from desktop.data.feeds.record import SkippedValue
from desktop.data.feeds.sources import Source, SourceError
from tests.feedserver import serve

DATA = Path(__file__).parent / "data"
FAST = dict(timeout=2.0, backoff=0.01, max_retry_wait=0.05)


def ids(source: Source) -> list[str]:
    return [s.get("id") for s in source.services()]


def page(n: int) -> dict:
    return json.loads((DATA / f"oruk-v3-page{n}.json").read_text())


# -- JSON shapes ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ('[{"id": "a"}, {"id": "b"}]', ["a", "b"]),
        ('{"total_pages": 1, "contents": [{"id": "a"}], "last_page": true}', ["a"]),
        ('{"totalPages": 1, "content": [{"id": "a"}]}', ["a"]),
        ('[{"content": [{"id": "a"}]}, {"content": [{"id": "b"}]}]', ["a", "b"]),
        ('{"contents": [{"id": "a"}]}\n{"contents": [{"id": "b"}]}\n', ["a", "b"]),
        ('\ufeff{"id": "a", "name": "One service"}', ["a"]),
        ('{"total_pages": 0, "contents": null}', []),
    ],
)
def test_json_shapes(text: str, expected: list[str]) -> None:
    assert [s["id"] for s in JsonItems(io.StringIO(text))] == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"contents": [{"id": "a"}, {"id": "b"', "cut short"),
        ('"just a string"', "not JSON"),
        ("<html><body>Service unavailable</body></html>", "web page"),
        ('{"status": "ok"}', "no list of services"),
        ("", "empty"),
    ],
)
def test_bad_json_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(JsonShapeError, match=message):
        list(JsonItems(io.StringIO(text)))


def test_a_record_over_the_size_limit_is_skipped_not_the_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.data.feeds.jsonstream.CHUNK", 64)  # stepped over chunk by chunk
    big = {"id": "b", "description": 'x\\"' * 300}
    text = json.dumps({"contents": [{"id": "a"}, big, {"id": "c"}]})
    out = list(JsonItems(io.StringIO(text), max_record_chars=100))
    assert out[0] == {"id": "a"} and out[2] == {"id": "c"}
    assert out[1] == SkippedValue("larger than the limit of 100 characters")
    with pytest.raises(JsonShapeError, match="larger than the limit"):  # an envelope field
        list(JsonItems(io.StringIO(json.dumps({"note": "x" * 500, "contents": []})), 100))


def test_stream_reads_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("desktop.data.feeds.jsonstream.CHUNK", 7)
    services = [{"id": f"s{n}", "name": "é" * n} for n in range(50)]
    text = json.dumps({"total_pages": 1, "contents": services})
    assert list(JsonItems(io.StringIO(text))) == services


def test_json_file_sources(tmp_path: Path) -> None:
    assert ids(Source(str(DATA / "oruk-v3-page1.json"))) == ["v3-1", "v3-2"]
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps([page(1), page(2)]))
    assert ids(Source(str(pages))) == ["v3-1", "v3-2", "v3-3", "v3-4"]
    with pytest.raises(SourceError, match="There is no file"):
        ids(Source(str(tmp_path / "missing.json")))
    broken = tmp_path / "broken.json"
    broken.write_text((DATA / "oruk-v3-page1.json").read_text()[:200])
    with pytest.raises(SourceError, match=r"broken\.json cannot be used"):
        ids(Source(str(broken)))


# -- CSV data package --------------------------------------------------------------------------
def zip_package(out: Path, extra: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(out, "w") as archive:
        for path in (DATA / "hsds-package").iterdir():
            archive.write(path, f"export/{path.name}")
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return out


def test_csv_package_is_joined_into_services(tmp_path: Path) -> None:
    for location in (DATA / "hsds-package", zip_package(tmp_path / "p.zip")):
        report = NormaliseReport()
        records = {r.id: r for r in normalise_all(Source(str(location)).services(), report)}
        assert set(records) == {"csv-1", "csv-2"}
        first = records["csv-1"]
        assert first.organisation == "Brookvale Example Charity"
        assert first.postcode == "BV1 2AA" and first.latitude == 52.41
        assert first.contacts[0].phones[0].number == "0121 496 0555"  # the quotes inside were dropped
        assert first.is_free and (first.min_age, first.max_age) == (2, 11)
        assert {t.id for t in first.terms} == {
            "category:education",
            "feed-category:tt-1",  # the feed's own vocabulary may not pose as the app's
            "need:speech-language-and-communication-needs",
            "need-area:communication",
        }
        assert "javascript" not in first.description
        second = records["csv-2"]
        assert second.url == "http://example.org/insecure"  # http: is kept (issue 10)
        assert second.email == ""  # a bad e-mail is dropped
        assert second.latitude is None  # latitude 100 is out of range
        assert report.hidden == 1 and report.skipped == ["record 4: no id (name: No id here)"]


def test_zip_with_a_path_outside_the_package_is_rejected(tmp_path: Path) -> None:
    bad = zip_package(tmp_path / "bad.zip", {"../evil.csv": "id,name\n"})
    before = sorted(p.name for p in tmp_path.parent.iterdir())
    with pytest.raises(SourceError, match="unsafe path"):
        ids(Source(str(bad)))
    assert sorted(p.name for p in tmp_path.parent.iterdir()) == before
    assert not (tmp_path.parent / "evil.csv").exists()


def test_csv_without_a_required_column(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "datapackage.json").write_text("{}")
    (folder / "services.csv").write_text("id,description\ns1,No name column\n")
    with pytest.raises(SourceError, match=r"services\.csv has no 'name' column"):
        ids(Source(str(folder)))


# -- network rules -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url", ["http://example.org/api", "ftp://example.org/x", "file:///etc/passwd", "https://"]
)
def test_only_https_or_loopback_http(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)
    assert check_url("https://example.org/api") and check_url("http://127.0.0.1:8000/x")


def test_api_v3_pages_and_user_agent() -> None:
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", page(1))
        feed.set("/services?page=2&per_page=200", page(2))
        source = Source(feed.base + "/", limits=Limits(**FAST))
        assert ids(source) == ["v3-1", "v3-2", "v3-3", "v3-4"]
    assert source.progress.pages_done == 2 and source.progress.pages_total == 2
    assert all(ua.startswith("SENDAdviserDesk/") for ua in feed.user_agents)


def test_api_v1_envelope() -> None:
    with serve() as feed:
        for n in (1, 2):
            feed.set(
                f"/services?page={n}&per_page=200",
                json.loads((DATA / f"oruk-v1-page{n}.json").read_text()),
            )
        assert ids(Source(feed.base + "/services", limits=Limits(**FAST))) == [
            "v1-1",
            "v1-2",
            "v1-3",
        ]


def test_list_items_without_detail_are_fetched_one_by_one() -> None:
    full = page(1)["contents"]
    bare = [{"id": s["id"], "name": s["name"]} for s in full]
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", {"total_pages": 1, "contents": bare})
        feed.set("/services/v3-1", full[0])  # v3-2 has no detail route: 404, list entry kept
        source = Source(feed.base, limits=Limits(**FAST))
        services = list(source.services())
    assert services[0]["contacts"] and "contacts" not in services[1]
    assert source.progress.details_total == 2 and source.progress.details_done == 2
    assert any("v3-2" in w for w in source.warnings)


def test_retry_after_is_honoured_then_success() -> None:
    answers = [(503, {"Retry-After": "0"}, b"busy"), (429, {}, b"slow down")]

    def flaky():
        return (
            answers.pop(0)
            if answers
            else (200, {}, json.dumps(page(1) | {"last_page": True}).encode())
        )

    with serve() as feed:
        feed.set("/services?page=1&per_page=200", flaky)
        assert ids(Source(feed.base, limits=Limits(**FAST))) == ["v3-1", "v3-2"]
        assert len(feed.requests) == 3


def test_an_unreadable_retry_after_falls_back_to_the_usual_wait() -> None:
    """A Retry-After that is neither seconds nor a date must not end the refresh in a crash."""
    answers = [(503, {"Retry-After": "soon"}, b"busy")]

    def flaky():
        return (
            answers.pop(0)
            if answers
            else (200, {}, json.dumps(page(1) | {"last_page": True}).encode())
        )

    with serve() as feed:
        feed.set("/services?page=1&per_page=200", flaky)
        assert ids(Source(feed.base, limits=Limits(**FAST))) == ["v3-1", "v3-2"]
        assert len(feed.requests) == 2


@pytest.mark.parametrize(
    "status, message", [(404, "error 404"), (500, "error 500"), (403, "refused access")]
)
def test_http_errors_have_a_clear_message(status: int, message: str) -> None:
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", (status, {}, b"<html>error</html>"))
        with pytest.raises(SourceError, match=message):
            ids(Source(feed.base, limits=Limits(**FAST, retries=1)))


def test_html_error_page_with_200() -> None:
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", (200, {}, b"<!doctype html><p>Oops</p>"))
        with pytest.raises(SourceError, match=r"did not send services.*web page"):
            ids(Source(feed.base, limits=Limits(**FAST)))


def test_timeout() -> None:
    release = threading.Event()

    def slow():
        release.wait(5)
        return 200, {}, b"[]"

    with serve() as feed:
        feed.set("/services?page=1&per_page=200", slow)
        try:
            with pytest.raises(SourceError, match="took too long"):
                ids(Source(feed.base, limits=Limits(timeout=0.2, retries=0)))
        finally:
            release.set()


def test_page_loop_is_detected() -> None:
    looping = page(1) | {"total_pages": 5, "last_page": False}
    with serve() as feed:
        for n in range(1, 6):
            feed.set(f"/services?page={n}&per_page=200", looping)
        with pytest.raises(SourceError, match="page loop"):
            ids(Source(feed.base, limits=Limits(**FAST)))


def test_total_pages_beyond_the_real_end_stops_with_a_warning() -> None:
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", page(1) | {"total_pages": 9, "last_page": False})
        feed.set("/services?page=2&per_page=200", {"total_pages": 9, "contents": []})
        source = Source(feed.base, limits=Limits(**FAST))
        assert ids(source) == ["v3-1", "v3-2"]
    assert any("9 pages" in w for w in source.warnings)


def test_page_cap() -> None:
    with serve() as feed:
        for n in (1, 2, 3):
            feed.set(
                f"/services?page={n}&per_page=200",
                {"total_pages": 3, "contents": [{"id": f"p{n}", "name": "x"}]},
            )
        with pytest.raises(SourceError, match="more than 2 pages"):
            ids(Source(feed.base, limits=Limits(**FAST, max_pages=2)))


def test_body_over_the_size_cap() -> None:
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", page(1))
        with pytest.raises(SourceError, match="larger than the"):
            ids(Source(feed.base, limits=Limits(**FAST, max_total_bytes=100)))


def test_redirect_loop_and_redirect_to_insecure() -> None:
    with serve() as feed:
        feed.set("/services?page=1&per_page=200", (302, {"Location": feed.base + "/a"}, b""))
        feed.set("/a", (302, {"Location": feed.base + "/b"}, b""))
        feed.set("/b", (302, {"Location": feed.base + "/a"}, b""))
        with pytest.raises(SourceError, match="redirects in a loop"):
            ids(Source(feed.base, limits=Limits(**FAST)))
        feed.set("/services?page=1&per_page=200", (302, {"Location": "http://example.org/x"}, b""))
        with pytest.raises(SourceError, match="not a secure"):
            ids(Source(feed.base, limits=Limits(**FAST)))


def test_fetcher_cancel_stops_before_the_request() -> None:
    with serve() as feed:
        fetcher = Fetcher(Limits(**FAST), cancelled=lambda: True)
        with pytest.raises(FetchCancelled):
            fetcher.get(feed.base + "/services")
        assert feed.requests == []


# -- the shared byte budget under the detail threads ------------------------------------------
def test_detail_threads_count_every_byte() -> None:
    details = {
        f"d{i}": {"id": f"d{i}", "name": f"Detail {i}", "contacts": [], "pad": "x" * i}
        for i in range(60)
    }
    with serve() as feed:
        feed.set(
            "/services?page=1&per_page=200",
            {"total_pages": 1, "contents": [{"id": k, "name": k} for k in details]},
        )
        for key, document in details.items():
            feed.set(f"/services/{key}", document)
        source = Source(feed.base, limits=Limits(**FAST, detail_workers=8))
        assert len(list(source.services())) == 60
        expected = sum(len(route[2]) for route in feed.routes.values())  # type: ignore[index]
    assert source.progress.bytes_read == expected


class _SlowCap(Limits):
    """A cap that is read through Python code, so an unlocked check-then-add would race."""

    @property  # type: ignore[override]
    def max_total_bytes(self) -> int:
        return _cap()

    @max_total_bytes.setter
    def max_total_bytes(self, value: int) -> None:
        pass


def _cap() -> int:
    return 50_000


def test_concurrent_counting_is_exact_and_never_passes_the_cap() -> None:
    import sys

    fetcher = Fetcher(_SlowCap(**FAST))
    accepted = [0] * 8

    def work(n: int) -> None:
        for _ in range(60_000):  # more than the cap: every thread ends refused
            try:
                fetcher.count(1)
            except FetchError:
                return
            accepted[n] += 1

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert sum(accepted) == 50_000  # exactly the cap: no byte lost, none let through twice
    assert fetcher.bytes_read == 50_000 + 8  # each thread's refused byte is counted once
    with pytest.raises(FetchError, match="larger than"):
        fetcher.count(1)


def test_pages_are_asked_for_in_sizes_every_real_platform_serves() -> None:
    """Outpost's public API answers "Per page limit is 200" to anything larger, so the
    default page size must not pass 200 (a refresh from an Outpost directory failed)."""
    from desktop.data.feeds.fetch import Limits

    assert 0 < Limits().per_page <= 200
