"""Reports read before, read again from disk (model layer, no Qt).

Reading a report means compiling the parser's ~80 patterns (~27 ms) and then parsing:
every session or demo with a scan report paid that before its window's first paint
(issue #17, start-up). :func:`radviz.imaging.parser.parse_report` is a pure function of
the text and of radviz's own code and knowledge, so :func:`read_report` keeps each
report's document on disk (:func:`radviz.resources.cache_dir`, checksummed like every
cache) under a key of the text and of every file the parser reads, and imports the parser
only when the key is new. A missing, stale, torn or edited cache file only costs a parse.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from radviz.imaging.document import ImagingError, ImagingReport
from radviz.resources import cache_dir, content_key, knowledge_dir, read_cache, write_cache

__all__ = ["read_report"]

CACHE_FORMAT = 1

_PACKAGE = Path(__file__).resolve().parent.parent
_PARSER_SOURCES = (
    "imaging/parser.py",
    "imaging/spelling.py",
    "imaging/document.py",
    "imaging/report_cache.py",
    "anatomy/vocab.py",
    "anatomy/levels.py",
    "reasoning/findings.py",
    "knowledge/loader.py",
)
"""radviz's modules that the parser runs (the test keeps the list complete)."""


@functools.cache
def _fingerprint() -> bytes:
    """The bytes a parse depends on besides the text: the parser's modules and the
    knowledge files (roots' compression levels come from ``roots.toml``)."""
    parts = [f"{CACHE_FORMAT}|".encode()]
    files = [_PACKAGE / name for name in _PARSER_SOURCES]
    files += sorted(knowledge_dir().glob("*.toml"))
    for path in files:
        try:
            parts.append(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            parts.append(path.name.encode() + b"\0?\0")  # unreadable: never matches a cache
    return content_key(*parts).encode()


def _cache_file(text: bytes) -> Path:
    return cache_dir() / f"report-{content_key(_fingerprint(), text)}.json"


def read_report(text: str) -> ImagingReport:
    """``parse_report(text)``: from the disk cache when this text was read before by this
    very parser, otherwise parsed (and kept)."""
    file = _cache_file(text.encode("utf-8", "surrogatepass"))
    raw = read_cache(file)  # None unless its own checksum matches its content
    if raw is not None:
        try:
            kept = json.loads(raw.decode("utf-8"))
            # the text itself is kept too: a key shared by two texts is a miss, not a mix-up
            if isinstance(kept, dict) and kept.get("text") == text:
                return ImagingReport.from_dict(kept.get("report"))
        except (ValueError, RecursionError, ImagingError):
            pass  # not ours after all: parse again, below
    from radviz.imaging.parser import parse_report  # ~27 ms of patterns, on a miss only

    report = parse_report(text)
    kept = {"text": text, "report": report.to_dict()}
    write_cache(file, json.dumps(kept).encode("utf-8", "surrogatepass"))
    return report
