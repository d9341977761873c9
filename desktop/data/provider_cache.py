"""The validated result of a providers list, kept beside it so a start does not validate again.

Checking every phone number with ``phonenumbers`` costs about 50 µs a number: a 2 MB list
with 110,000 numbers added seconds to every start (review F16). The result of
:func:`desktop.data.providers.parse_providers` is therefore saved as JSON, keyed by a
SHA-256 of the file's text, its origin label, the app's version and (in a source checkout)
the code that validates. Any change to one of them, or an unreadable cache, means the file
is parsed again. No Qt.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import logging
import os
from functools import cache
from pathlib import Path

from desktop import __version__, safe_read
from desktop.data.providers import ProviderLoad, parse_providers
from desktop.data.records import Provider

log = logging.getLogger(__name__)

FORMAT = "1"
MAX_CACHE_BYTES = 32_000_000
# The modules whose rules decide what a valid entry is: their source is part of the key.
_RULES = (
    "desktop.data.providers",
    "desktop.data.phones",
    "desktop.data.emails",
    "desktop.data.urls",
    "desktop.data.records",
)


@cache
def _code_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for name in _RULES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec else None
        if origin and origin.endswith(".py") and os.path.isfile(origin):
            digest.update(Path(origin).read_bytes())  # a frozen app has only its version
    return digest.hexdigest()


def key(text: str, origin: str) -> str:
    digest = hashlib.sha256()
    for part in (FORMAT, _code_fingerprint(), origin, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _from_json(document: object, wanted: str) -> ProviderLoad | None:
    if not isinstance(document, dict) or document.get("key") != wanted:
        return None
    try:
        providers = [Provider(**{**p, "phones": tuple(p["phones"])}) for p in document["providers"]]
        errors = [str(e) for e in document["errors"]]
    except (KeyError, TypeError, ValueError):
        return None
    return ProviderLoad(providers, errors)


def parse_cached(text: str, origin: str, cache_file: Path | None) -> ProviderLoad:
    """``parse_providers(text, origin)``, from ``cache_file`` when it holds this very result."""
    if cache_file is None:
        return parse_providers(text, origin)
    wanted = key(text, origin)
    try:
        loaded = _from_json(json.loads(safe_read.read_bytes(cache_file, MAX_CACHE_BYTES)), wanted)
    except (OSError, ValueError, RecursionError):
        loaded = None
    if loaded is not None:
        return loaded
    loaded = parse_providers(text, origin)
    document = {
        "key": wanted,
        "providers": [dataclasses.asdict(p) for p in loaded.providers],
        "errors": loaded.errors,
    }
    tmp = cache_file.with_name(cache_file.name + ".writing")
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, cache_file)
    except (OSError, UnicodeEncodeError) as exc:  # a read-only data folder: parse every time
        log.info("providers cache not written (%s)", exc)
    return loaded
