"""Robustness and security: hostile and broken input, injection, atomic writes, the cache, determinism.

Every bad input ends in one of two ways: a one-line `Error: …` with exit 1 (never a traceback), or a
row under "Skipped inputs" with its reason. No input file is dropped silently.

The interrupt and concurrent-cache tests start real `python -m reconcile report` processes with the real
packaged model; everything else runs in process, with the fake embedder where the model does not matter.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, FakeEmbedder
from markdown_it import MarkdownIt

from reconcile.cli import cli
from reconcile.errors import CacheError
from reconcile.ingest import ingest
from reconcile.pipeline import extract_corpus, run
from reconcile.report import dumps_json, escape, to_markdown
from reconcile.settings import Settings

ARTICLE = (
    "Dam Breaks Upstream of Millford\n\n"
    "The Kessel dam collapsed on Tuesday, officials said.\n"
    "At least 12 people were killed when the water reached Millford, the mayor said.\n"
    "The dam was built in 1962 and held 40 million cubic metres of water.\n"
    "Rescuers evacuated 3,000 residents from the valley, said café owner José Ortiz’s brother.\n"
)
OTHER = (
    "Flood Hits Millford After Dam Failure\n\n"
    "The Kessel dam burst on Tuesday morning, the regional governor said.\n"
    "At least 15 people were killed in Millford, according to the police.\n"
    "The dam, built in 1964, held 40 million cubic metres of water.\n"
    "Some 3,000 residents were evacuated from the valley.\n"
)
THIRD = (
    "Kessel Dam Collapse Leaves Valley Under Water\n\n"
    "The Kessel dam collapsed on Tuesday after days of rain, engineers said.\n"
    "At least 12 people were killed in Millford, the mayor told reporters.\n"
    "The dam was built in 1962.\n"
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def runner(tmp: Path) -> CliRunner:
    """A CLI runner whose caches live under tmp, never in the user's home."""
    return CliRunner(env={"RECONCILE_CACHE_DIR": str(tmp / "cache")})


def assert_one_line_error(r, *needles: str) -> None:  # type: ignore[no-untyped-def]
    """Exit 1 through click (not an escaped exception), one line `Error: …` naming the problem."""
    assert r.exit_code == 1, r.output
    assert isinstance(r.exception, SystemExit), repr(r.exception)  # a traceback would show up here
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), r.output
    for n in needles:
        assert n in lines[0], lines[0]


def fast_settings(tmp: Path, **kw: object) -> Settings:
    return Settings(quiet=True, cache_dir=tmp / "cache").with_(**kw)


# Hostile file system -----------------------------------------------------------------------------------


@contextmanager
def unreadable(*paths: Path) -> Iterator[None]:
    """chmod 000; as root (who reads anyway) also make opening and listing these paths fail."""
    blocked = {os.path.abspath(p) for p in paths}
    real_open, real_scandir = Path.open, os.scandir

    def fake_open(self, *a, **k):  # type: ignore[no-untyped-def]
        if os.path.abspath(self) in blocked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    def fake_scandir(p="."):  # type: ignore[no-untyped-def]
        if isinstance(p, (str, os.PathLike)) and os.path.abspath(p) in blocked:
            raise PermissionError(13, "Permission denied", str(p))
        return real_scandir(p)

    mp = pytest.MonkeyPatch()
    for p in paths:
        os.chmod(p, 0)
    try:
        if os.geteuid() == 0:
            mp.setattr(Path, "open", fake_open)
            mp.setattr(os, "scandir", fake_scandir)
        yield
    finally:
        mp.undo()
        for p in paths:
            os.chmod(p, 0o755)


def unblock_fifo_later(fifo: Path, after: float = 20.0) -> None:
    """If a reader hangs on the FIFO (a regression), open its other end so the test fails instead of hanging."""

    def poke() -> None:
        deadline = time.time() + after + 30
        time.sleep(after)
        while time.time() < deadline:
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                return
            except OSError:
                time.sleep(0.2)

    threading.Thread(target=poke, daemon=True).start()


FIFTY_MB = 50 * 1024 * 1024

# name -> the reason it must be listed with (every file in the zoo but the two good articles).
ZOO_REASONS = {
    "empty.txt": "empty file",
    "blank.txt": "only whitespace",
    "image.txt": "binary file (PNG image)",
    "paper.txt": "binary file (PDF document)",
    "archive.txt": "binary file (gzip archive)",
    "undecodable.txt": "undecodable bytes",
    "huge.txt": "larger than --max-bytes",
    "german.txt": "not English",
    "chinese.txt": "not English",
    "russian.txt": "not English",
    "same.txt": "duplicate of good.txt",
    "same-crlf.txt": "duplicate of good.txt",
    "same-bom.txt": "duplicate of good.txt",
    "same-cp1252.txt": "duplicate of good.txt",
    "loop": "symlinked folder not followed",
    "self-loop.txt": "cannot read",
    "dangling.txt": "cannot read",
    "pipe.txt": "not a regular file (named pipe)",
    "locked.txt": "permission denied",
    "locked-folder": "cannot read folder",
    "notes.csv": "not an article file",
    "page.html": "no extractable article text",
    ".draft.txt": "hidden file",
}


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with two good articles and one of every kind of bad input."""
    d = tmp_path_factory.mktemp("zoo")
    write(d / "good.txt", ARTICLE)
    write(d / "other.txt", OTHER)
    write(d / "empty.txt", b"")
    write(d / "blank.txt", b" \n\t\r\n  \n")
    write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    write(d / "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    write(d / "archive.txt", gzip.compress(ARTICLE.encode()))
    write(d / "undecodable.txt", bytes(range(0x80, 0x100)) * 16)
    with open(d / "huge.txt", "wb") as f:  # real text, not a sparse file: the size limit must act before reading
        block = (OTHER.split("\n", 2)[2] * 200).encode()
        while f.tell() < FIFTY_MB:
            f.write(block)
    write(d / "german.txt", "Sturm trifft Küste\n\nDer Sturm tötete am Dienstag mindestens 45 Menschen in Dover, sagten Beamte.\n")
    write(d / "chinese.txt", "大坝在周二倒塌\n\n官员说，周二凯塞尔大坝倒塌，至少15人在米尔福德死亡。该大坝建于1964年，蓄水4000万立方米。\n" * 2)
    write(d / "russian.txt", "Плотина рухнула во вторник\n\nВо вторник рухнула плотина, погибли не менее 15 человек, сообщили власти.\n")
    write(d / "same.txt", ARTICLE)
    write(d / "same-crlf.txt", ARTICLE.replace("\n", "\r\n"))
    write(d / "same-bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode())
    write(d / "same-cp1252.txt", ARTICLE.encode("cp1252"))
    (d / "loop").symlink_to(d)
    (d / "self-loop.txt").symlink_to(d / "self-loop.txt")
    (d / "dangling.txt").symlink_to(d / "no-such-file.txt")
    os.mkfifo(d / "pipe.txt")
    write(d / "locked.txt", THIRD)
    write(d / "locked-folder" / "inside.txt", THIRD)
    write(d / "notes.csv", "a,b\n1,2\n")
    write(d / ".draft.txt", OTHER)
    write(d / ".DS_Store", b"\x00\x00\x00\x01Bud1")  # tool metadata, not an input
    write(d / "page.html", "<html><head><title></title><script>var x = 1;</script></head><body></body></html>")
    yield d
    (d / "huge.txt").unlink()  # pytest keeps recent temp folders; not 50 MB of them


@pytest.fixture(scope="module")
def zoo_claims(zoo: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """`reconcile claims ZOO --format json`, run once for the module."""
    unblock_fifo_later(zoo / "pipe.txt")
    with unreadable(zoo / "locked.txt", zoo / "locked-folder"):
        return runner(tmp_path_factory.mktemp("zoo-cache")).invoke(cli, ["claims", str(zoo), "--format", "json", "--quiet"])


def test_bad_inputs_do_not_stop_the_run(zoo_claims):
    assert zoo_claims.exit_code == 0, zoo_claims.output
    assert zoo_claims.exception is None
    data = json.loads(zoo_claims.stdout)
    assert sorted(s["file"] for s in data["sources"]) == ["good.txt", "other.txt"]


@pytest.mark.parametrize("name,reason", sorted(ZOO_REASONS.items()))
def test_bad_input_is_listed_with_its_reason(zoo_claims, name, reason):
    skipped = {Path(s["path"]).name: s["reason"] for s in json.loads(zoo_claims.stdout)["skipped"]}
    assert name in skipped, sorted(skipped)
    assert reason in skipped[name]
    assert "\n" not in skipped[name]


def test_no_input_is_dropped_silently(zoo, zoo_claims):
    data = json.loads(zoo_claims.stdout)
    seen = {Path(s["file"]).name for s in data["sources"]} | {Path(s["path"]).name for s in data["skipped"]}
    assert seen == set(os.listdir(zoo)) - {".DS_Store"}
    assert len(data["skipped"]) == len({s["path"] for s in data["skipped"]})  # each listed once


def test_skipped_inputs_are_in_the_report(zoo, tmp_path):
    unblock_fifo_later(zoo / "pipe.txt")
    with unreadable(zoo / "locked.txt", zoo / "locked-folder"):
        res = run([str(zoo)], fast_settings(tmp_path), embedder=FakeEmbedder())
    md = to_markdown(res)
    section = md.split("## Skipped inputs", 1)[1]
    for name, reason in ZOO_REASONS.items():
        row = next((ln for ln in section.splitlines() if name in ln), "")
        assert escape(reason) in row, (name, row)
    data = json.loads(dumps_json(res))
    assert {Path(s["path"]).name for s in data["skipped"]} == set(ZOO_REASONS)
    # A duplicate never corroborates its original: it is not a source at all.
    assert {f["a"]["source_file"] for f in data["findings"]} | {f["b"]["source_file"] for f in data["findings"]} <= {"good.txt", "other.txt"}
    assert all(f["a"]["source_file"] != f["b"]["source_file"] for f in data["findings"])


def test_fifty_megabytes_are_refused_without_reading_them(zoo):
    tracemalloc.start()
    try:
        c = ingest([str(zoo / "huge.txt"), str(zoo / "good.txt")], Settings(quiet=True))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [s.file for s in c.sources] == ["good.txt"]
    size = (zoo / "huge.txt").stat().st_size
    assert size >= FIFTY_MB and c.skipped[0].reason == f"larger than --max-bytes ({size:,} > 20,000,000 bytes)"
    assert peak < 5_000_000, f"peak {peak:,} bytes: the file was read"


def test_max_bytes_option(tmp_path):
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "b.txt", OTHER * 10)
    r = runner(tmp_path).invoke(cli, ["claims", str(tmp_path / "in"), "--max-bytes", "1000", "--format", "json", "--quiet"])
    assert r.exit_code == 0, r.output
    skipped = json.loads(r.stdout)["skipped"]
    assert skipped == [{"path": "b.txt", "reason": f"larger than --max-bytes ({len((OTHER * 10).encode()):,} > 1,000 bytes)"}]


def test_endless_device_is_not_read(tmp_path):
    write(tmp_path / "a.txt", ARTICLE)
    c = ingest([str(tmp_path / "a.txt"), "/dev/zero"], Settings(quiet=True))
    assert [s.file for s in c.sources] == ["a.txt"]
    assert c.skipped[0].reason == "not a regular file (character device)"


def test_a_20000_character_sentence(tmp_path):
    words = "the flood reached the town of Millford and the river kept rising as rescuers worked".split()
    sentence = "Officials said that " + " ".join(words[i % len(words)] for i in range(4000))
    sentence = sentence[:19_995] + " in 1962."
    assert len(sentence) >= 20_000
    write(tmp_path / "in" / "long.txt", "Long Sentence About the Flood in Millford\n\n" + sentence + "\n")
    t = time.time()
    r = runner(tmp_path).invoke(cli, ["claims", str(tmp_path / "in"), "--format", "json", "--quiet"])
    assert r.exit_code == 0, r.output
    assert time.time() - t < 30
    claims = json.loads(r.stdout)["claims"]
    limit = Settings().max_sentence_chars
    assert all(len(c["text"]) <= limit for c in claims)
    assert sum(len(c["text"]) for c in claims) >= len(sentence) - len(claims)  # cut into pieces, nothing lost


# Languages and encodings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Der Sturm tötete am Dienstag mindestens 45 Menschen in Dover, sagten die Beamten der Stadt.\n",
        "Во вторник рухнула плотина, погибли не менее 15 человек, сообщили власти.\n",
        "官员说，周二凯塞尔大坝倒塌，至少15人在米尔福德死亡。该大坝建于1964年，蓄水4000万立方米。\n",
        "السد انهار يوم الثلاثاء وقتل خمسة عشر شخصا على الأقل في المدينة حسب الشرطة.\n",
    ],
    ids=["german", "russian", "chinese", "arabic"],
)
def test_other_languages_are_skipped_not_matched(tmp_path, text):
    write(tmp_path / "in" / "en.txt", OTHER)
    write(tmp_path / "in" / "xx.txt", "Headline\n\n" + text)
    res = run([str(tmp_path / "in")], fast_settings(tmp_path), embedder=FakeEmbedder())
    assert [s.file for s in res.corpus.sources] == ["en.txt"]
    assert [(s.path, s.reason) for s in res.corpus.skipped] == [("xx.txt", "not English (reconcile reads English articles only)")]
    assert not res.findings


def test_english_with_a_foreign_quote_is_read(tmp_path):
    write(tmp_path / "a.txt", OTHER + "A banner read «Мы не забудем» and «我们不会忘记» outside the town hall, witnesses said.\n")
    assert [s.file for s in ingest([str(tmp_path)], Settings(quiet=True)).sources] == ["a.txt"]


def test_mixed_encodings_keep_the_utf8_text(tmp_path):
    # An article in UTF-8 with one line pasted from a cp1251 page.
    data = ARTICLE.encode("utf-8") + "Мэр сказал: «Город Москва помогает».\n".encode("cp1251")
    write(tmp_path / "a.txt", data)
    src = ingest([str(tmp_path)], Settings(quiet=True)).sources[0]
    assert "café owner José Ortiz’s brother" in src.text  # not "cafÃ©", not Thai
    assert "mixed" in src.encoding
    assert src.text.strip().splitlines()[-1] == "Мэр сказал: «Город Москва помогает»."


def test_mostly_legacy_text_with_one_utf8_line(tmp_path):
    body = "The minister said the talks in Genève had failed, and the café owners agreed. " * 6
    data = ("Talks Fail in Geneva\n\n" + body + "\n").encode("cp1252") + "Update: the mayor of Zürich said talks resume in 2025.\n".encode("utf-8")
    write(tmp_path / "a.txt", data)
    src = ingest([str(tmp_path)], Settings(quiet=True)).sources[0]
    assert "Genève" in src.text and "café" in src.text and "Zürich" in src.text


# Names and duplicates ----------------------------------------------------------------------------------


def test_same_file_name_in_two_folders(tmp_path):
    write(tmp_path / "x" / "a.txt", ARTICLE)
    write(tmp_path / "y" / "a.txt", OTHER)
    one = ingest([str(tmp_path / "x"), str(tmp_path / "y")], Settings(quiet=True))
    two = ingest([str(tmp_path / "y"), str(tmp_path / "x")], Settings(quiet=True))
    assert [s.file for s in one.sources] == [s.file for s in two.sources] == ["x/a.txt", "y/a.txt"]


def test_a_file_named_twice_is_read_once(tmp_path):
    write(tmp_path / "in" / "a.txt", ARTICLE)
    write(tmp_path / "in" / "sub" / "b.txt", OTHER)
    for args in ([tmp_path / "in", tmp_path / "in" / "sub" / "b.txt"], [tmp_path / "in" / "sub" / "b.txt", tmp_path / "in", tmp_path / "in"]):
        c = ingest([str(a) for a in args], Settings(quiet=True))
        assert [s.file for s in c.sources] == ["a.txt", "sub/b.txt"] and not c.skipped


def test_duplicate_under_another_name_does_not_corroborate_itself(tmp_path):
    write(tmp_path / "in" / "original.txt", ARTICLE)
    write(tmp_path / "in" / "renamed.txt", ARTICLE.replace("\n", "\r\n"))
    res = run([str(tmp_path / "in")], fast_settings(tmp_path), embedder=FakeEmbedder())
    assert [s.file for s in res.corpus.sources] == ["original.txt"]
    assert [(s.path, s.reason) for s in res.corpus.skipped] == [("renamed.txt", "duplicate of original.txt (same text)")]
    assert not [f for f in res.findings if f.relation in ("corroborates", "contradicts")]


# Bad input that stops the run: one line, exit 1 --------------------------------------------------------


def _manifest_case(tmp: Path, manifest: str) -> list[str]:
    write(tmp / "in" / "a.txt", ARTICLE)
    write(tmp / "in" / "sources.toml", manifest)
    return ["report", str(tmp / "in"), "--no-cache", "-o", str(tmp / "out.md")]


def _gold_case(tmp: Path, gold: str) -> list[str]:
    write(tmp / "in" / "a.txt", ARTICLE)
    write(tmp / "gold.toml", 'corpus = "in"\n' + gold)
    return ["eval", str(tmp / "gold.toml"), "--no-cache"]


def _nothing_usable(t: Path) -> list[str]:
    write(t / "in" / "e.txt", b"")
    write(t / "in" / "p.txt", b"\x89PNG\r\n\x1a\n")
    return ["claims", str(t / "in")]


def _manifest_not_utf8(t: Path) -> list[str]:
    args = _manifest_case(t, "")
    write(t / "in" / "sources.toml", b'[[source]]\nfile = "a.txt"\noutlet = "\xff"\n')
    return args


def _manifest_option_missing(t: Path) -> list[str]:
    write(t / "in" / "a.txt", ARTICLE)
    return ["claims", str(t / "in"), "--manifest", str(t / "none.toml")]


def _gold_corpus_nul(t: Path) -> list[str]:
    write(t / "gold.toml", 'corpus = "in\\u0000"\n')
    return ["eval", str(t / "gold.toml")]


PAIR = '[[pairs]]\na = {file = "a.txt", quote = "dam"}\nb = {file = "a.txt", quote = "dam"}\n'
ERROR_CASES = {
    "nothing usable": (_nothing_usable, ["no usable articles", "e.txt: empty file", "p.txt: binary file (PNG image)"]),
    "manifest names a missing file": (lambda t: _manifest_case(t, '[[source]]\nfile = "gone.txt"\n'), ["gone.txt", "does not exist"]),
    "manifest with a bad date": (lambda t: _manifest_case(t, '[[source]]\nfile = "a.txt"\npublished = "2025-02-30"\n'), ["published", "2025-02-30"]),
    "manifest with year 1": (lambda t: _manifest_case(t, '[[source]]\nfile = "a.txt"\npublished = 0001-01-05\n'), ["published", "0001-01-05"]),
    "manifest with a NUL in a name": (lambda t: _manifest_case(t, '[[source]]\nfile = "a\\u0000.txt"\n'), ["does not exist"]),
    "manifest with a too long name": (lambda t: _manifest_case(t, f'[[source]]\nfile = "{"x" * 5000}.txt"\n'), ["does not exist"]),
    "manifest not TOML": (lambda t: _manifest_case(t, "[[source]\nfile = "), ["not valid TOML"]),
    "manifest not UTF-8": (_manifest_not_utf8, ["cannot read manifest"]),
    "--manifest missing": (_manifest_option_missing, ["manifest not found"]),
    "gold not TOML": (lambda t: _gold_case(t, "[[pairs]\n"), ["not valid TOML"]),
    "gold pairs not a table": (lambda t: _gold_case(t, "pairs = 3\n"), ["pairs"]),
    "gold relation not a string": (lambda t: _gold_case(t, PAIR + 'relation = ["contradicts"]\n'), ["pair #1", "relation"]),
    "gold quote not a string": (lambda t: _gold_case(t, PAIR.replace('quote = "dam"}', "quote = 3}", 1) + 'relation = "related"\n'), ["pair #1"]),
    "gold unknown relation": (lambda t: _gold_case(t, PAIR + 'relation = "agrees"\n'), ["pair #1", "agrees"]),
    "gold corpus with a NUL": (_gold_corpus_nul, ["does not exist"]),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_bad_input_is_a_one_line_error(tmp_path, case):
    make, needles = ERROR_CASES[case]
    r = runner(tmp_path).invoke(cli, make(tmp_path))
    assert_one_line_error(r, *needles)


def test_a_line_break_in_a_file_name_keeps_the_error_on_one_line(tmp_path):
    write(tmp_path / "in" / "bad\nname.txt", b"")
    r = runner(tmp_path).invoke(cli, ["claims", str(tmp_path / "in")])
    assert_one_line_error(r, "no usable articles", "empty file")


# Injection ----------------------------------------------------------------------------------------------

MARK = "ZQX"  # in every hostile string, so a heading or link made of article text can be recognised
HOSTILE_A = (
    f"# {MARK} Dam <img src=x onerror=alert(1)> Breaks\n\n"
    f"The Kessel dam collapsed on Tuesday <script>alert('{MARK}')</script> | officials | said.\n"
    f"The flood killed 12 people [{MARK}](javascript:alert(1)) in Millford on Tuesday, the mayor said.\n"
    f"## {MARK} heading: the dam was built in 1962 and held 40 million cubic metres, engineers said.\n"
    f"Rescuers said ```mermaid graph LR; A-->B; click A call alert('{MARK}')``` and `rm -rf /` were found on 3 March 2024.\n"
    f"Visit https://evil.example/{MARK} or www.evil.com, **the governor** said ~~on~~ Tuesday, ![{MARK}](http://e.x/i.png).\n"
    f"- 1. {MARK} <b>list</b> &lt;script&gt; item: police said 300 homes were flooded.\n"
    f"Engineers wrote &lt;script&gt; on gauge {MARK} at seven metres, a witness said.\n"  # one source only: quoted whole
)
HOSTILE_B = (
    "Flood Hits Millford After Dam Failure\n\n"
    f"The Kessel dam collapsed on Tuesday <iframe src=javascript:alert('{MARK}')>, officials said.\n"
    f"The flood killed 15 people in Millford on Tuesday | [{MARK}]: http://evil.example \\| the mayor said.\n"
    "The dam was built in 1964 and held 40 million cubic metres, engineers said.\n"
    "Police said 250 homes were flooded on Tuesday.\n"
)
HOSTILE_OUTLET = f"<b onmouseover=alert(1)>{MARK}</b> | `x` [y](javascript:z) %%{{init}}%% click"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A run over articles, file names and outlet names full of Markdown, HTML and mermaid syntax."""
    d = tmp_path_factory.mktemp("hostile") / f"news <i>{MARK} [x](javascript:1)"
    write(d / "a.txt", HOSTILE_A)
    write(d / f"[{MARK}](javascript:alert(1)) `b` |c.txt", HOSTILE_B)
    write(d / f"<img src=x onerror=alert('{MARK}')>.txt", b"")
    write(d / "sources.toml", f'[[source]]\nfile = "a.txt"\noutlet = {json.dumps(HOSTILE_OUTLET)}\n')
    return run([str(d)], Settings(quiet=True, use_cache=False), embedder=FakeEmbedder())


MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _walk(tokens):  # type: ignore[no-untyped-def]
    for tok in tokens:
        yield tok
        yield from _walk(tok.children or [])


def test_hostile_text_renders_inert_in_markdown(hostile):
    md = to_markdown(hostile)
    # The hostile sentences reach every kind of table: a contradiction block, the compact tables.
    assert {"contradicts", "corroborates"} <= {f.relation for f in hostile.findings}
    assert "#### C1" in md
    tokens = MD.parse(md)
    heading = False
    for tok in _walk(tokens):
        assert tok.type not in ("html_inline", "image", "code_block"), tok
        if tok.type == "link_open":
            raise AssertionError(f"a link survived: {tok.attrs}")
        if tok.type == "html_block":
            # The template's own <details>/<summary> are the only HTML; article text inside them is escaped.
            assert "<" not in re.sub(r"</?(?:details|summary|code)>", "", tok.content), tok.content
            # Markdown is not read in raw HTML: its escapes and code spans would show as typed.
            assert not re.search(r"\\[\\`*_{}\[\]()#+!|~^=$]", tok.content), tok.content
        if tok.type == "fence":
            assert tok.info == "mermaid"
            # Node ids and labels are sanitised to letters, digits and a few marks; nothing else gets in.
            for line in tok.content.splitlines():
                line = re.sub(r'\["[A-Za-z0-9 ._-]*"\]', "", line).strip()
                assert re.fullmatch(r"graph \w+|n[A-Za-z0-9]+(?: [-.=>ox]+\|[a-z]+ \d+\| n[A-Za-z0-9]+)?", line), line
        if tok.type == "heading_open":
            heading = True
        elif heading and tok.type == "inline":
            heading = False
            # Headings come from the template: a finding's heading starts "C1 · ", the title "Reconcile report:".
            assert not tok.content.lstrip("\\# ").startswith(MARK), tok.content
            assert MARK not in tok.content or re.match(r"(?:[CU]\d+ · |Reconcile report: )", tok.content), tok.content
    html = MD.render(md)
    for bad in ("<script", "<img", "<iframe", "<b ", "<b>", "<a ", "<i>"):
        assert bad not in html, bad


def test_hostile_text_stays_visible_as_text(hostile):
    """Inert, not deleted: the reader sees what the article said."""
    md = to_markdown(hostile)
    shown = "".join(t.content for t in _walk(MD.parse(md)) if t.type in ("text", "code_inline")).replace("\u200b", "")
    for s in (f"<script>alert('{MARK}')</script>", f"[{MARK}](javascript:alert(1))", "officials | said", "&lt;script&gt;"):
        assert s in shown, s


def test_hostile_text_does_not_break_tables(hostile):
    md = to_markdown(hostile)
    table: list[int] = []
    for line in md.splitlines() + [""]:
        if line.startswith("|"):
            table.append(len(re.findall(r"(?<!\\)\|", line)))
        elif table:
            assert len(set(table)) == 1, f"a row with another cell count: {table}"
            table = []


def test_hostile_text_is_plain_data_in_json(hostile):
    """JSON carries the article's own characters: no Markdown or HTML escaping leaks into it."""
    data = json.loads(dumps_json(hostile))
    texts = [c["text"] for c in data["claims"] if c["source_file"] == "a.txt"]
    assert f"The Kessel dam collapsed on Tuesday <script>alert('{MARK}')</script> | officials | said." in texts
    assert any("```mermaid graph LR; A-->B;" in t for t in texts)
    assert not [t for t in texts if "\\" in t or "&amp;" in t or "&lt;script&gt;alert" in t or "\u200b" in t]
    names = {s["file"] for s in data["sources"]} | {s["path"] for s in data["skipped"]}
    assert f"[{MARK}](javascript:alert(1)) `b` |c.txt" in names and f"<img src=x onerror=alert('{MARK}')>.txt" in names
    assert HOSTILE_OUTLET in [s["outlet"]["value"] for s in data["sources"] if s["outlet"]]


def test_json_report_is_strict_json(tmp_path):
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    json.loads(dumps_json(_quick_result(tmp_path)), parse_constant=refuse)


# Atomic writes and interrupts -------------------------------------------------------------------------


def _quick_result(tmp: Path):  # type: ignore[no-untyped-def]
    write(tmp / "in" / "a.txt", ARTICLE)
    return run([str(tmp / "in")], Settings(quiet=True, use_cache=False), embedder=FakeEmbedder())


def test_report_is_written_through_a_temp_file_and_rename(tmp_path, monkeypatch):
    res = _quick_result(tmp_path)
    monkeypatch.setattr("reconcile.pipeline.run_corpus", lambda *a, **k: res)
    renames: list[tuple[str, str]] = []
    real = os.replace
    monkeypatch.setattr("reconcile.cli.os.replace", lambda a, b: (renames.append((str(a), str(b))), real(a, b))[1])
    out = tmp_path / "reports" / "r.json"
    r = CliRunner().invoke(cli, ["report", str(tmp_path / "in"), "--format", "json", "-o", str(out), "--quiet"])
    assert r.exit_code == 0, r.output
    assert len(renames) == 1 and renames[0][1] == str(out)
    assert Path(renames[0][0]).parent == out.parent  # same folder, so the rename is atomic
    assert json.loads(out.read_text()) and os.listdir(out.parent) == ["r.json"]


def test_failed_write_keeps_the_previous_report(tmp_path, monkeypatch):
    res = _quick_result(tmp_path)
    monkeypatch.setattr("reconcile.pipeline.run_corpus", lambda *a, **k: res)

    def disk_full(a, b):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reconcile.cli.os.replace", disk_full)
    out = write(tmp_path / "reports" / "r.md", "previous report\n")
    r = CliRunner().invoke(cli, ["report", str(tmp_path / "in"), "-o", str(out), "--quiet"])
    assert_one_line_error(r, "cannot write", "No space left on device")
    assert out.read_text() == "previous report\n"


def test_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    res = _quick_result(tmp_path)
    monkeypatch.setattr("reconcile.pipeline.run_corpus", lambda *a, **k: res)
    monkeypatch.setattr("reconcile.cli.os.replace", lambda a, b: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    out = write(tmp_path / "reports" / "r.md", "previous report\n")
    CliRunner().invoke(cli, ["report", str(tmp_path / "in"), "-o", str(out), "--quiet"])
    assert os.listdir(out.parent) == ["r.md"]


def test_interrupt_exits_130_with_a_one_line_message(tmp_path, monkeypatch, capsys):
    from reconcile.cli import main

    def interrupted(*a, **k):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr("reconcile.pipeline.run_corpus", interrupted)
    write(tmp_path / "in" / "a.txt", ARTICLE)
    monkeypatch.setattr(sys, "argv", ["reconcile", "report", str(tmp_path / "in"), "-o", str(tmp_path / "r.md"), "--no-cache"])
    with pytest.raises(SystemExit) as e:
        main()
    assert e.value.code == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "interrupted; no report written" and not any("Traceback" in x for x in err)


def _reconcile(*args: str, seed: str = "0", cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """`python -m reconcile ARGS` in a real process, with SIGINT delivered as in a terminal."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.Popen(
        [sys.executable, "-m", "reconcile", *args], cwd=cwd or ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # A shell starts background jobs with SIGINT ignored, and Python keeps it ignored: reset it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _cache_is_sound(cache: Path) -> None:
    """Every SQLite file of the cache passes integrity_check and opens without a 'rebuilding' warning."""
    from reconcile.embed import EmbeddingCache

    files = sorted(cache.glob("*.sqlite3"))
    assert files
    for f in files:
        with sqlite3.connect(f) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # readers never block the writer
    warned: list[str] = []
    EmbeddingCache(cache / "embeddings.sqlite3", warned.append).close()
    assert not warned


def _rows(db: Path, model: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM vectors WHERE model = ?", (model,)).fetchone()[0]


def test_sigint_during_embedding_keeps_previous_report_and_cache(tmp_path):
    corpus = tmp_path / "in"
    write(corpus / "a.txt", ARTICLE)
    write(corpus / "b.txt", OTHER)
    # Enough sentences that embedding runs in several batches, with a progress bar to watch.
    write(corpus / "c.txt", "Rescue Teams Report From the Valley\n\n" + "".join(
        f"Rescue team {i} said {i * 7 % 97 + 3} homes in district {i} were flooded on Tuesday.\n" for i in range(240)))
    cache, out = tmp_path / "cache", tmp_path / "reports" / "in.md"
    # A previous run (in this process, fake vectors): its report, and a cache holding its claims, so the
    # real run below goes straight to embedding.
    write(out, to_markdown(run([str(corpus)], fast_settings(tmp_path), embedder=FakeEmbedder())))
    before, fake_rows = out.read_bytes(), _rows(cache / "embeddings.sqlite3", "fake")
    p = _reconcile("report", str(corpus), "-o", str(out), "--cache-dir", str(cache))
    os.set_blocking(p.stderr.fileno(), False)  # type: ignore[union-attr]
    err = b""
    deadline = time.time() + 120
    while not re.search(rb"embedding:[^\r\n]*\b[1-9]\d*/\d+", err) and p.poll() is None and time.time() < deadline:
        err += p.stderr.read() or b""  # type: ignore[union-attr]
        time.sleep(0.02)
    assert p.poll() is None, "the run ended before it could be interrupted: " + err.decode(errors="replace")[-500:]
    p.send_signal(signal.SIGINT)  # after the first batch is encoded, before the last
    p.wait(60)
    os.set_blocking(p.stderr.fileno(), True)  # type: ignore[union-attr]
    err = (err + p.stderr.read()).decode(errors="replace")  # type: ignore[union-attr]
    assert p.returncode != 0 and "Traceback" not in err, err[-1000:]
    assert "wrote" not in err
    assert out.read_bytes() == before
    assert sorted(os.listdir(out.parent)) == ["in.md"]  # no temp file left behind
    _cache_is_sound(cache)
    assert _rows(cache / "embeddings.sqlite3", "fake") == fake_rows
    # Whatever the interrupted run stored is whole: every vector has its full length.
    with sqlite3.connect(cache / "embeddings.sqlite3") as conn:
        for dim, blob in conn.execute("SELECT dim, vec FROM vectors WHERE model = ?", (Settings().model,)):
            assert dim == 384 and len(blob) == 4 * dim


# The cache ----------------------------------------------------------------------------------------------


def _fake_run(corpus: Path, cache: Path):  # type: ignore[no-untyped-def]
    return run([str(corpus)], Settings(quiet=True, cache_dir=cache), embedder=FakeEmbedder())


@pytest.fixture()
def cached(tmp_path):  # type: ignore[no-untyped-def]
    """A corpus, its report without a cache, and a cache folder filled by one run."""
    corpus = tmp_path / "in"
    write(corpus / "a.txt", ARTICLE)
    write(corpus / "b.txt", OTHER)
    plain = to_markdown(run([str(corpus)], Settings(quiet=True, use_cache=False), embedder=FakeEmbedder()))
    cache = tmp_path / "cache"
    assert to_markdown(_fake_run(corpus, cache)) == plain
    return corpus, cache, plain


def _replace_db(path: Path, make) -> None:  # type: ignore[no-untyped-def]
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    make(path)


def _garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))


def _foreign_schema(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema', '99')")


def _other_app(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (name TEXT, email TEXT)")
        conn.execute("INSERT INTO users VALUES ('ann', 'ann@example.com')")


def _same_table_names(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        for table in ("vectors", "claims"):
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, note TEXT)")


@pytest.mark.parametrize(
    "damage",
    [
        _garbage,
        _foreign_schema,
        pytest.param(_other_app),
        pytest.param(_same_table_names),
    ],
    ids=["garbage", "foreign-schema", "another-programs-db", "same-table-names"],
)
def test_broken_cache_is_rebuilt_with_a_warning(cached, damage):
    corpus, cache, plain = cached
    dbs = sorted(cache.glob("*.sqlite3"))
    assert dbs
    for db in dbs:
        _replace_db(db, damage)
    res = _fake_run(corpus, cache)
    assert to_markdown(res).split("## Warnings")[0].rstrip("\n") == plain.rstrip("\n")
    for db in dbs:
        assert any(db.name in w and "rebuilding" in w for w in res.warnings), (db.name, res.warnings)
    # Rebuilt: the next run reads it without a warning.
    assert not _fake_run(corpus, cache).warnings


def test_a_locked_cache_is_not_deleted(cached, monkeypatch):
    from reconcile.embed import EmbeddingCache

    _, cache, _ = cached
    db = cache / "embeddings.sqlite3"
    rows = sqlite3.connect(db).execute("SELECT count(*) FROM vectors").fetchone()[0]
    calls = []
    real = EmbeddingCache._connect

    def busy(self):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return real(self)

    monkeypatch.setattr(EmbeddingCache, "_connect", busy)
    try:
        EmbeddingCache(db).close()  # after a wait and a retry
    except CacheError:
        pass  # or a clear error; never a deletion
    assert sqlite3.connect(db).execute("SELECT count(*) FROM vectors").fetchone()[0] == rows


# Concurrency and determinism ------------------------------------------------------------------------------


def _seeds() -> tuple[str, str]:
    """Two hash seeds unlike this process's, so set and dict order differ between the runs compared."""
    mine = os.environ.get("PYTHONHASHSEED")
    return tuple(s for s in ("101", "202", "303") if s != mine)[:2]  # type: ignore[return-value]


def test_two_runs_share_one_cache_at_the_same_time(tmp_path):
    """Real model, real processes at once on one fresh cache: both finish, without a warning.

    Their output is also the determinism check across processes: each is compared byte for byte with a
    run in this process (another hash seed, the files in another order, every vector from the cache).
    """
    corpus = tmp_path / "in"
    for name, text in (("a.txt", ARTICLE), ("b.txt", OTHER), ("c.txt", THIRD)):
        write(corpus / name, text)
    cache = tmp_path / "cache"
    a, b, c = (str(corpus / n) for n in ("a.txt", "b.txt", "c.txt"))
    # Claims extracted here, so the processes skip loading quantulum3 and meet at the embedding cache.
    extract_corpus([str(corpus)], Settings(quiet=True, cache_dir=cache))
    s1, s2 = _seeds()
    p1 = _reconcile("report", a, b, c, "-o", str(tmp_path / "r1.md"), "--cache-dir", str(cache), seed=s1)
    p2 = _reconcile("report", c, b, a, "--format", "json", "-o", str(tmp_path / "r2.json"), "--cache-dir", str(cache), seed=s2)
    errs = [p.communicate(timeout=300)[1].decode(errors="replace") for p in (p1, p2)]
    assert (p1.returncode, p2.returncode) == (0, 0), errs
    assert not [e for e in errs if "warning" in e.lower() or "Traceback" in e], errs
    _cache_is_sound(cache)
    with sqlite3.connect(cache / "embeddings.sqlite3") as conn:
        stored = conn.execute("SELECT count(*) FROM vectors").fetchone()[0]

    here = CliRunner()
    r = here.invoke(cli, ["report", b, c, a, "-o", str(tmp_path / "r3.md"), "--cache-dir", str(cache), "--quiet"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "r3.md").read_bytes() == (tmp_path / "r1.md").read_bytes()
    r = here.invoke(cli, ["report", str(corpus), "--format", "json", "-o", str(tmp_path / "r4.json"), "--cache-dir", str(cache), "--quiet"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "r4.json").read_bytes() == (tmp_path / "r2.json").read_bytes()
    assert json.loads((tmp_path / "r4.json").read_text())["findings"]
    with sqlite3.connect(cache / "embeddings.sqlite3") as conn:  # the concurrent runs stored every vector
        assert conn.execute("SELECT count(*) FROM vectors").fetchone()[0] == stored


def test_output_does_not_depend_on_argument_order(tmp_path):
    corpus = tmp_path / "in"
    for name, text in (("a.txt", ARTICLE), ("b.txt", OTHER), ("c.txt", THIRD), ("d.txt", HOSTILE_B), ("e.txt", HOSTILE_A)):
        write(corpus / name, text)
    files = sorted(str(p) for p in corpus.iterdir())
    outs = set()
    for args in (files, files[::-1], [str(corpus)], [files[3], str(corpus), files[0]]):
        res = run(args, Settings(quiet=True, use_cache=False), embedder=FakeEmbedder())
        outs.add((to_markdown(res), dumps_json(res)))
    assert len(outs) == 1
    assert "Contradictions (0)" not in next(iter(outs))[0]
