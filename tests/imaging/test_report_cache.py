"""Reports read again come from the disk cache with the very document a parse gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from radviz.imaging import report_cache
from radviz.imaging.parser import parse_report, report_notes
from radviz.imaging.report_cache import read_report
from tests.imaging.corpus import CORPUS
from tests.imaging.real_sentences import CORPUS as REAL_A
from tests.imaging.real_sentences_b import CORPUS as REAL_B

TEXTS = [text for text, _ in (*CORPUS, *REAL_A, *REAL_B)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RADVIZ_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_a_cached_report_is_the_parse_of_its_text(cache: Path) -> None:
    joined = "\n".join(TEXTS[:60])  # a whole report as well as single sentences
    for text in [*TEXTS, joined]:
        first = read_report(text)  # parsed, and kept
        assert first == parse_report(text)
        again = read_report(text)  # from the disk
        assert again == first
        assert again.notes == report_notes(text)
    assert len(list(cache.glob("report-*.json"))) == len({*TEXTS, joined})


def test_cache_hit_does_not_import_the_parser(cache: Path) -> None:
    text = TEXTS[0]
    read_report(text)
    code = (
        "import sys\n"
        "from radviz.imaging.report_cache import read_report\n"
        f"report = read_report({text!r})\n"
        "assert 'radviz.imaging.parser' not in sys.modules, 'parsed again'\n"
        "print(len(report.findings))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(parse_report(text).findings)


def test_edited_or_foreign_cache_files_are_parsed_again(cache: Path) -> None:
    text = "L5-S1: left paracentral extrusion compressing the left S1 nerve root."
    truth = parse_report(text)
    read_report(text)
    (file,) = cache.glob("report-*.json")
    raw = file.read_bytes()
    file.write_bytes(raw.replace(b"extrusion", b"bulge"))  # the checksum no longer matches
    assert read_report(text) == truth
    # a well-formed cache file of another text under this text's key: a miss, not a mix-up
    body = json.dumps({"text": "something else", "report": {"findings": []}}).encode()
    from radviz.resources import write_cache

    write_cache(file, body)
    assert read_report(text) == truth
    write_cache(file, b"{not json")
    assert read_report(text) == truth


def test_the_key_names_every_module_the_parser_runs() -> None:
    code = (
        "import sys, radviz.imaging.parser as p\n"
        "p.parse_report('L4-5 grade 1 anterolisthesis; L5 sacralized. Left S1 root.')\n"
        "print('\\n'.join(getattr(m, '__file__', '') or '' for n, m in sys.modules.items()"
        " if n.startswith('radviz')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    package = Path(report_cache.__file__).resolve().parent.parent
    used = {
        Path(f).resolve().relative_to(package).as_posix()
        for f in done.stdout.split()
        if f and not f.endswith("__init__.py")
    }
    used -= {"resources.py"}  # files and caches, not what a parse finds
    assert used <= set(report_cache._PARSER_SOURCES), used - set(report_cache._PARSER_SOURCES)


def test_a_changed_parser_changes_the_key(monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    text = TEXTS[1]
    before = report_cache._cache_file(text.encode())
    report_cache._fingerprint.cache_clear()
    monkeypatch.setattr(report_cache, "CACHE_FORMAT", report_cache.CACHE_FORMAT + 1)
    try:
        assert report_cache._cache_file(text.encode()) != before
    finally:
        report_cache._fingerprint.cache_clear()
