"""The whole run, stage by stage.

1. ingest:  PATHs -> Sources (+ skipped inputs)
2. claims:  Sources -> Claims with dates, quantities, attributes, entities, attribution, events, facts
            (per-source extraction from the SQLite claim cache where a source is unchanged, the rest in
            worker processes when there are many; aliases, events and facts are corpus-wide, never cached)
3. embed:   fact spans (values masked) and sentences -> vectors (SQLite cache; only new texts encoded)
4. match:   vectors + facts -> Links (two tiers) -> Clusters
5. compare: Links -> Findings with relation, values compared and reason
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .cache import ClaimCache, claims_key
from .claims import make_claims, source_claims
from .compare import make_findings
from .embed import Embedder, embed_texts, make_embedder, release_freed_memory
from .errors import InputError
from .ingest import Corpus, ingest
from .match import cluster, link_units, make_units
from .models import Claim, Cluster, Finding, Skipped, Source
from .progress import progress
from .settings import Settings


@dataclass(frozen=True)
class Result:
    """Everything a report shows."""

    corpus: Corpus
    claims: tuple[Claim, ...]
    n_links: int  # links the matcher made (the findings are their best per claim pair; the links are not kept)
    clusters: tuple[Cluster, ...]
    findings: tuple[Finding, ...]
    settings: Settings
    model: str
    warnings: tuple[str, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage of this run, for benchmarks and -v
    encode_seconds: float = 0.0  # of the embedding stage, the model's own encoding (benchmarks)


def _shown(name: str) -> str:
    """A file name for a one-line message: quoted only when it holds a line break or other control character."""
    return name if name.isprintable() else repr(name)


def _stderr(settings: Settings) -> Callable[[str], None]:
    def say(msg: str) -> None:
        if not settings.quiet:
            print(msg, file=sys.stderr)

    return say


# Extraction is single-threaded Python (pysbd, dateparser, quantulum3): with this many sources to
# extract, they are shared among one worker process per CPU. Below it, the workers cost more than
# they save.
PARALLEL_MIN_SOURCES = 64
# Sources per task sent to a worker, and between two writes to the claim cache (an interrupted long
# run keeps what it had extracted).
CHUNK_SOURCES = 8
WRITE_EVERY = 64


def _extract_chunk(args: tuple[list[Source], Settings]) -> list[list[Claim]]:
    """A worker's task: the claims of a few sources."""
    sources, settings = args
    return [source_claims(src, settings) for src in sources]


def _can_fork() -> bool:
    """Whether worker processes may be forked now: Linux, fork available, no other Python thread.

    tqdm starts a watchdog thread with its first bar (even a disabled one) and keeps it: it is stopped
    here, and not started again, or one progress bar before extraction would make it single-process."""
    import multiprocessing

    from tqdm import tqdm

    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return False
    tqdm.monitor_interval = 0
    if tqdm.monitor is not None:
        tqdm.monitor.exit()
        tqdm.monitor = None
    return threading.active_count() == 1


def _workers(n_sources: int, n_chunks: int, meanwhile: bool = False) -> int:
    """How many worker processes extraction uses: one per CPU for many sources, where forking is safe;
    with work to do meanwhile in this process (loading the model), one for fewer sources too.

    Fork, not spawn: spawn re-imports the caller's main module in every worker, which re-runs an
    unguarded script (or `python -m reconcile`). A fork copies only the calling thread, so it is used
    only while no other Python thread runs; the workers never touch torch, whose native threads a
    fork does not carry.
    """
    cpus = _fork_workers()
    if not cpus:
        return 0
    if n_sources < PARALLEL_MIN_SOURCES:
        return 1 if meanwhile else 0
    return min(cpus, n_chunks)


def _fork_workers() -> int:
    """Processes a stage may work in now: one per CPU, or 0 with a single CPU or where forking is unsafe."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cpus if cpus >= 2 and _can_fork() else 0


# A forked child that judges findings copies most of the heap it reads (refcounts are writes): about three
# quarters of this process's (measured at 1,000 and 3,000 synthetic articles). Above this size the findings
# are judged here alone, so that a run's processes together stay within 4 GiB at 10,000 articles.
FINDINGS_FORK_MAX_RSS = 1536 << 20


def _rss() -> int:
    """This process's resident memory in bytes (0 where /proc is not available)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _findings_workers() -> int:
    """Processes the findings may be judged in: a forked child beside this one while this one is small."""
    rss = _rss()
    return _fork_workers() if 0 < rss <= FINDINGS_FORK_MAX_RSS else 0


def _warm_up_extraction(src: Source, settings: Settings) -> None:
    """Load the extraction libraries (and their lazily built tables) once, before forking."""
    source_claims(replace(src, clean=src.clean[:2000]), settings)


def extract_sources(sources: list[Source], settings: Settings, warn: Callable[[str], None] = lambda m: None,
                    meanwhile: Callable[[], None] | None = None, meanwhile_here: bool = True) -> dict[str, list[Claim]]:
    """Each source's claims before corpus-level merging: from the claim cache where the source and the
    extraction code are unchanged, else extracted (in worker processes when there are many) and stored.

    `meanwhile` is called once when some source needs extracting. With `meanwhile_here` it is work for
    this process (loading the model in a thread): it is then called only beside worker processes, after
    they have been forked, and even a few sources go to one. Otherwise it starts work elsewhere (the
    model loading in a child process) and is called before any extraction starts, as soon as a source is
    known to be missing from the cache (before the cached sources' claims are decoded)."""
    cache = ClaimCache(settings.cache_dir / "claims.sqlite3", warn) if settings.use_cache else None
    pool = None
    try:
        keys = {src.file: claims_key(src, settings) for src in sources} if cache else {}
        elsewhere = meanwhile if meanwhile and not meanwhile_here else None
        if elsewhere and (not cache or not set(keys.values()) <= cache.present(list(keys.values()))):
            # Some source is new: the model starts loading elsewhere before the cached claims are decoded
            # (seconds for a thousand sources), since the new source's texts will need it.
            elsewhere()
            elsewhere = None
        have = cache.get(list(keys.values())) if cache else {}
        out = {src.file: have[keys[src.file]] for src in sources if cache and keys[src.file] in have}
        todo = [src for src in sources if src.file not in out]
        if not todo:
            return out
        chunks = [todo[s : s + CHUNK_SOURCES] for s in range(0, len(todo), CHUNK_SOURCES)]
        workers = _workers(len(todo), len(chunks), meanwhile is not None and meanwhile_here)
        if elsewhere:
            elsewhere()  # every source was stored, but an entry did not decode
        if workers:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            if workers > 1:
                _warm_up_extraction(todo[0], settings)  # the workers inherit the loaded libraries
            if cache:
                cache.close()  # no SQLite connection crosses a fork
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            futures = [pool.submit(_extract_chunk, (c, settings)) for c in chunks]  # forks before any bar thread
            if cache:
                cache = ClaimCache(settings.cache_dir / "claims.sqlite3", warn)
            results = (f.result() for f in futures)
            if meanwhile and meanwhile_here:
                meanwhile()  # only beside worker processes: in-process extraction would contend for the GIL
        else:
            results = (_extract_chunk((c, settings)) for c in chunks)
        pending: dict[str, list[Claim]] = {}
        with progress(None, settings, "extracting claims", "article", total=len(todo)) as bar:
            for batch, claims in zip(chunks, results):
                for src, cl in zip(batch, claims):
                    out[src.file] = cl
                    if cache:
                        pending[keys[src.file]] = cl
                bar.update(len(batch))
                if cache and len(pending) >= WRITE_EVERY:
                    cache.put(pending)
                    pending = {}
        if cache and pending:
            cache.put(pending)
        return out
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if cache:
            cache.close()


def no_usable(paths: list[str], skipped: Sequence[Skipped], what: str = "articles") -> InputError:
    """The one-line error for a run left with nothing to read, with the first reasons files were skipped."""
    reasons = "; ".join(f"{_shown(s.path)}: {s.reason}" for s in skipped[:3]) or "no .txt, .md or .html files found"
    return InputError(f"no usable {what} in {', '.join(_shown(p) for p in paths)} ({reasons})")


def read_corpus(paths: list[str], settings: Settings, manifest: str | None = None) -> Corpus:
    """Stage 1: ingest PATHs; an error when no article is usable."""
    corpus = ingest(paths, settings, manifest)
    if not corpus.sources:
        raise no_usable(paths, corpus.skipped)
    _stderr(settings)(f"read {len(corpus.sources)} article(s), skipped {len(corpus.skipped)}")
    return corpus


def extract_corpus(paths: list[str], settings: Settings, manifest: str | None = None) -> tuple[Corpus, list[Claim]]:
    """Stages 1-2: read the inputs and cut them into claims."""
    say = _stderr(settings)
    corpus = read_corpus(paths, settings, manifest)
    sources = list(corpus.sources)
    claims = make_claims(sources, settings, extract_sources(sources, settings, lambda m: say("warning: " + m)))
    return corpus, claims


def _quietly(fn: Callable[[], None]) -> None:
    try:
        fn()
    except Exception:  # noqa: BLE001 - the same call in the main thread reports it
        pass


def run(paths: list[str], settings: Settings, manifest: str | None = None, embedder: Embedder | None = None) -> Result:
    """Run every stage on PATHs and return the findings."""
    return run_corpus(read_corpus(paths, settings, manifest), settings, embedder)


def run_corpus(corpus: Corpus, settings: Settings, embedder: Embedder | None = None) -> Result:
    """Stages 2-5 on an already ingested corpus (used by `check`, which adds the draft as a source)."""
    warnings: list[str] = []
    say = _stderr(settings)

    def warn(msg: str) -> None:
        warnings.append(msg)
        say("warning: " + msg)

    timings: list[tuple[str, float]] = []
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings.append((stage, now - clock))
        clock = now

    # 2. (A source to extract means new texts to embed, most likely: the model starts loading, in a
    # child process where sentence-transformers is not imported yet, else in a thread while worker
    # processes extract.)
    # Only a model this run makes for itself goes to a child process: a caller's embedder is kept loaded
    # here for its next run.
    own = embedder is None
    embedder = embedder or make_embedder(settings)
    elsewhere = own and embedder.can_load_elsewhere()
    loader = threading.Thread(target=_quietly, args=(embedder.preload,), daemon=True)
    sources = list(corpus.sources)
    meanwhile = None if embedder.loaded else embedder.load_elsewhere if elsewhere else loader.start
    try:
        extracted = extract_sources(sources, settings, warn, meanwhile, meanwhile_here=not elsewhere)
        # The load goes on while the claims are made; the first batch waits for it, and a failed load is
        # raised, with its message, by that batch.
        lap("claims: per-source extraction")
        claims = make_claims(sources, settings, extracted)
        lap("claims: aliases, events, facts")
        say(f"cut {len(claims)} claim(s), {sum(len(c.facts) for c in claims)} fact(s)")
        # 3.
        units = make_units(claims)
        encoded = embedder.encode_seconds
        vectors = embed_texts([u.text for u in units], embedder, settings, warn)
        encoded = embedder.encode_seconds - encoded
    finally:
        embedder.close()  # a child process the model ran in is not needed past here, nor after an error
    release_freed_memory()
    lap("embed")
    # 4.
    links = link_units(units, vectors, settings, consume=True)  # empties vectors as it goes
    del units, vectors  # not needed past matching: hundreds of MB at 10,000 articles
    release_freed_memory()
    lap("match: candidates and scores")
    clusters = cluster(claims, links)
    # 5.
    findings = make_findings(claims, links, clusters, list(corpus.sources), settings, workers=_findings_workers())
    n_links = len(links)
    del links  # freed before the report is written
    release_freed_memory()
    lap("clusters and findings")
    say(f"{len(findings)} finding(s) in {sum(1 for c in clusters if len(c.claim_ids) > 1)} cluster(s)")
    if settings.verbose:
        say("time per stage: " + ", ".join(f"{name} {sec:.1f}s" for name, sec in timings))
    return Result(corpus, tuple(claims), n_links, tuple(clusters), tuple(findings), settings, embedder.name, tuple(warnings), tuple(timings),
                  encoded)
