"""The per-source claim cache: exact round trips, keys that see every input, safe files."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from conftest import SEEDS

from reconcile import pipeline
from reconcile.cache import EXTRACTION_SETTINGS, ClaimCache, claims_key, decode_claims, encode_claims
from reconcile.claims import make_claims, source_claims
from reconcile.ingest import ingest
from reconcile.models import Meta
from reconcile.settings import Settings


@pytest.fixture(scope="module")
def sources():  # type: ignore[no-untyped-def]
    return list(ingest([str(SEEDS)], Settings(quiet=True)).sources)


@pytest.fixture(scope="module")
def extracted(sources):  # type: ignore[no-untyped-def]
    st = Settings(quiet=True)
    return {s.file: source_claims(s, st) for s in sources}


def test_codec_round_trip_is_exact(extracted):
    for claims in extracted.values():
        assert decode_claims(encode_claims(claims)) == claims


def test_warm_extraction_reads_the_cache_and_gives_the_same_claims(tmp_path, sources, extracted, monkeypatch):
    st = Settings(cache_dir=tmp_path, quiet=True)
    assert pipeline.extract_sources(sources, st) == extracted

    def refuse(src, settings):  # type: ignore[no-untyped-def]
        raise AssertionError(f"{src.file} extracted again")

    monkeypatch.setattr(pipeline, "source_claims", refuse)
    warm = pipeline.extract_sources(sources, st)
    assert warm == extracted
    assert make_claims(sources, st, warm) == make_claims(sources, st)


def test_extraction_beside_the_model_load(tmp_path, sources, extracted):
    """With work to do meanwhile, even a few sources go to a forked worker (where forking is safe):
    the same claims, the callback runs once, and not at all when nothing needs extracting."""
    st = Settings(cache_dir=tmp_path, quiet=True)
    calls: list[int] = []
    forked = pipeline._workers(len(sources), 1, meanwhile=True) > 0
    assert pipeline.extract_sources(sources, st, meanwhile=lambda: calls.append(1)) == extracted
    assert calls == ([1] if forked else [])  # never beside in-process extraction
    assert pipeline.extract_sources(sources, st, meanwhile=lambda: calls.append(1)) == extracted
    assert calls == ([1] if forked else [])  # all from the cache: no model will be needed
    if pipeline._can_fork() and len(os.sched_getaffinity(0)) >= 2:
        assert pipeline._workers(len(sources), 1, meanwhile=True) == 1
    assert pipeline._workers(len(sources), 1) == 0


def test_extraction_beside_a_model_loading_elsewhere(tmp_path, sources, extracted, monkeypatch):
    """When the model loads in a child process, the callback starts it before any source is extracted
    (here, in this process: a few sources), and never when every source is cached."""
    st = Settings(cache_dir=tmp_path, quiet=True)
    events: list[str] = []
    real = pipeline.source_claims
    monkeypatch.setattr(pipeline, "source_claims", lambda src, s: events.append("extract") or real(src, s))
    assert pipeline.extract_sources(sources, st, meanwhile=lambda: events.append("load"), meanwhile_here=False) == extracted
    assert events == ["load"] + ["extract"] * len(sources)
    events.clear()
    assert pipeline.extract_sources(sources, st, meanwhile=lambda: events.append("load"), meanwhile_here=False) == extracted
    assert events == []


def test_a_progress_bar_before_extraction_does_not_stop_the_workers():
    """tqdm's watchdog thread (started by any bar, even a disabled one) made extraction single-process."""
    import sys
    import threading

    from tqdm import tqdm

    for _ in tqdm(range(3), disable=True):
        pass
    if sys.platform == "linux":
        assert pipeline._can_fork() and threading.active_count() == 1
        if len(os.sched_getaffinity(0)) >= 2:
            assert pipeline._workers(pipeline.PARALLEL_MIN_SOURCES, 8) == 2


def test_one_changed_source_is_the_only_one_extracted(tmp_path, sources, monkeypatch):
    st = Settings(cache_dir=tmp_path, quiet=True)
    pipeline.extract_sources(sources, st)
    changed = [*sources[:-1], replace(sources[-1], clean=sources[-1].clean + "\nOn Monday 40 people were killed in Dover.")]
    seen: list[str] = []

    def spy(src, settings):  # type: ignore[no-untyped-def]
        seen.append(src.file)
        return source_claims(src, settings)

    monkeypatch.setattr(pipeline, "source_claims", spy)
    out = pipeline.extract_sources(changed, st)
    assert seen == [sources[-1].file]
    assert any("40 people" in c.text for c in out[sources[-1].file])


def test_key_sees_every_input(sources):
    st = Settings(quiet=True)
    src = sources[0]
    base = claims_key(src, st)
    variants = [
        replace(src, clean=src.clean + " "),
        replace(src, file="other.txt"),
        replace(src, published=Meta("2020-01-01", "manifest")),
        replace(src, outlet=Meta("Somewhere Times", "manifest")),
        replace(src, relays=("Reuters",)),
    ]
    keys = {claims_key(v, st) for v in variants}
    assert base not in keys and len(keys) == len(variants)
    assert claims_key(src, st.with_(approx_tolerance=0.2)) != base
    assert claims_key(src, st.with_(max_sentence_chars=500)) != base
    assert claims_key(src, st.with_(match_threshold=0.9, quiet=False)) == base  # matching settings do not matter


def test_extraction_reads_only_the_settings_in_the_key(sources):
    """If source_claims starts reading another setting, the cache key must include it."""
    read: set[str] = set()

    class Spy:
        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            read.add(name)
            return getattr(Settings(quiet=True), name)

    for src in sources:
        source_claims(src, Spy())  # type: ignore[arg-type]
    assert read <= set(EXTRACTION_SETTINGS), read - set(EXTRACTION_SETTINGS)


def test_corrupt_claim_cache_is_rebuilt(tmp_path, sources):
    path = tmp_path / "claims.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    st = Settings(cache_dir=tmp_path, quiet=True)
    out = pipeline.extract_sources(sources[:1], st, warnings.append)
    assert warnings and "corrupt" in warnings[0]
    cache = ClaimCache(path)
    try:
        assert cache.get([claims_key(sources[0], st)]) == {claims_key(sources[0], st): out[sources[0].file]}
    finally:
        cache.close()


def test_undecodable_entry_is_a_miss(tmp_path, sources):
    st = Settings(cache_dir=tmp_path, quiet=True)
    cache = ClaimCache(tmp_path / "claims.sqlite3")
    key = claims_key(sources[0], st)
    cache.write("INSERT OR REPLACE INTO claims VALUES (?, ?)", [(key, b"garbage")])
    assert cache.get([key]) == {}
    cache.close()
    assert pipeline.extract_sources(sources[:1], st)[sources[0].file] == source_claims(sources[0], st)


# The output cache: a warm re-run reuses the rendered report; any change is a miss -----------------------


@pytest.fixture()
def corpus_dir(tmp_path):  # type: ignore[no-untyped-def]
    import shutil

    d = tmp_path / "story"
    shutil.copytree(SEEDS, d)
    return d


def _render(folder, settings, fmt="md", reviews=None):  # type: ignore[no-untyped-def]
    from reconcile.pipeline import read_corpus
    from reconcile.report import render_report

    return render_report(read_corpus([str(folder)], settings), settings, fmt, reviews)


def test_unchanged_rerun_reuses_the_report_and_computes_nothing(corpus_dir, settings, monkeypatch):
    cold = _render(corpus_dir, settings)
    assert not cold.from_cache

    def refuse(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("recomputed")

    monkeypatch.setattr(pipeline, "run_corpus", refuse)
    warm = _render(corpus_dir, settings)
    assert warm.from_cache and warm.text == cold.text


def test_every_input_of_the_report_is_a_miss_when_changed(corpus_dir, settings):
    base = _render(corpus_dir, settings)
    assert _render(corpus_dir, settings).from_cache
    assert not _render(corpus_dir, settings, fmt="json").from_cache  # another format
    assert not _render(corpus_dir, settings.with_(match_threshold=0.7)).from_cache  # a setting
    reviews = corpus_dir / "reviews.toml"
    reviews.write_text("")
    assert not _render(corpus_dir, settings, reviews=reviews).from_cache  # a reviews file appears
    reviews.write_text('[[review]]\nid = "a"\ndecision = "confirmed"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\n')
    assert not _render(corpus_dir, settings, reviews=reviews).from_cache  # ... and changes
    reviews.unlink()
    first = sorted(corpus_dir.glob("*.txt"))[0]
    first.write_text(first.read_text() + "\nOn Monday 40 people were killed in Dover, police said.\n")
    changed = _render(corpus_dir, settings)  # an article
    assert not changed.from_cache and changed.text != base.text
    (corpus_dir / "notes.bin").write_bytes(b"\x00\x01")
    assert not _render(corpus_dir, settings).from_cache  # a skipped input is listed in the report
    assert not _render(corpus_dir, settings.with_(use_cache=False)).from_cache
    assert not _render(corpus_dir, settings.with_(use_cache=False)).from_cache  # --no-cache stores nothing


def test_model_stamp_sees_a_replaced_model_file(tmp_path):
    from reconcile.cache import output_key
    from reconcile.embed import model_stamp
    from reconcile.ingest import Corpus

    model = tmp_path / "my-model"
    model.mkdir()
    (model / "weights.bin").write_bytes(b"a")
    st = Settings(model=str(model), quiet=True)
    corpus = Corpus((), (), "c")
    k1 = output_key(corpus, st, model_stamp(st), "md")
    (model / "weights.bin").write_bytes(b"bb")
    k2 = output_key(corpus, st, model_stamp(st), "md")
    assert k2 != k1
    bf = st.with_(precision="bf16")
    assert output_key(corpus, bf, model_stamp(bf), "md") != k2
    assert model_stamp(Settings(model="some/hub-name"))[0] == "some/hub-name"


def test_corrupt_output_cache_is_rebuilt(corpus_dir, settings, tmp_path):
    st = settings.with_(cache_dir=tmp_path / "c")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "outputs.sqlite3").write_bytes(b"not a database" * 100)
    (tmp_path / "c" / "claims.sqlite3").write_bytes(b"not a database" * 100)
    # the embedding cache is new too: only the seeds' texts are embedded, with the real model
    first = _render(corpus_dir, st)
    assert not first.from_cache and any("claim cache" in w for w in first.warnings)
    # a report that warned (here: the claim cache was rebuilt) is not reused; the next clean one is
    second = _render(corpus_dir, st)
    assert not second.from_cache and not second.warnings
    assert _render(corpus_dir, st).from_cache
