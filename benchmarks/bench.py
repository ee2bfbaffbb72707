"""Speed and memory of a report run: claims, cold time, pure-encode time, warm re-run, one added article, peak RSS.

Usage: python benchmarks/bench.py [--articles 500 1000] [--no-check]
       (the seeds, then a synthetic corpus of each size; see benchmarks/gen_corpus.py for how it is made:
       real news sentences recombined into invented stories, for speed only)

Each measurement runs in a fresh process, as `reconcile report` would, with its own empty cache folder:
- cold: ingest, claims, embeddings, matching, findings and the Markdown report (--no-report: without
  it), model load included;
- pure encode: the same unique texts, embedded by the same model alone (model loaded outside the
  timing), so cold / encode shows what the pipeline costs beyond the encoder;
- encoding within the cold run: the time the cold run's own model spent in its batches (the load not
  counted), so cold / that is the same ratio without the drift of this machine's speed between two runs
  minutes apart (the pure encode of two runs of the same code at 1,000 articles: 211.5 s and 180.5 s);
- warm: the same run again with the cache from the cold run (nothing changed);
- add one: the corpus plus one new article, with that cache (the other articles unchanged);
- peak RSS: of the run's own process, and of its largest child process: an extraction worker, the
  process the model loads and encodes in (see reconcile.embed.EncoderProcess), which ends after embedding,
  or the forked child that judges part of the findings (reconcile.fork.ForkedWork). A forked child's RSS
  counts the pages it still shares with the run's process: the two do not add up;
- time per stage of the cold run.

It also times `reconcile check` of a new 1,000-word draft against the seeds with the sources' embeddings
cached, in a fresh process as an editor hook would run it, then the same draft again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reconcile.pipeline import run  # noqa: E402
from reconcile.settings import Settings  # noqa: E402


def child(mode: str, folder: str, cache: str) -> None:
    """One measurement in this (fresh) process; prints a JSON line."""
    import resource

    t0 = time.perf_counter()
    st = Settings(cache_dir=Path(cache), quiet=True, precision=os.environ.get("RECONCILE_PRECISION", "fp32"),
                  device=os.environ.get("RECONCILE_DEVICE", "cpu")).with_(model=os.environ.get("RECONCILE_MODEL"))
    out: dict[str, object] = {}
    if mode == "encode":
        from reconcile.embed import make_embedder
        from reconcile.match import make_units
        from reconcile.pipeline import extract_corpus

        _, claims = extract_corpus([folder], st)  # from the claim cache the cold run filled
        texts = sorted({u.text for u in make_units(claims)})
        emb = make_embedder(st)
        t1 = time.perf_counter()
        emb.embed(texts[:8])
        out["model_load"] = time.perf_counter() - t1
        t1 = time.perf_counter()
        emb.embed(texts, st.batch_size)
        out["seconds"] = time.perf_counter() - t1
        out["texts"] = len(texts)
    elif mode == "run+report":
        # What `reconcile report` does: ingest, then the report from the output cache when nothing
        # changed, else the whole pipeline and the Markdown rendering.
        from reconcile.pipeline import read_corpus
        from reconcile.report import render_report

        corpus = read_corpus([folder], st)
        done = render_report(corpus, st, "md", None)
        stages = [["imports and ingest" + (", report from the output cache" if done.from_cache else ""), 0.0], *[list(x) for x in done.timings]]
        stages[0][1] = time.perf_counter() - t0 - sum(x[1] for x in stages[1:])
        out["stages"] = stages
        out["encode_seconds"] = done.encode_seconds
        out["seconds"] = time.perf_counter() - t0
        out["articles"] = len(corpus.sources)
        summary = dict(re.findall(r"^\| ([^|]+?) +\| +(\d+) \|$", done.text.split("## Sources", 1)[0], re.M))
        out["claims"] = int(summary["claims"])
        out["findings"] = sum(int(summary[k]) for k in ("**contradictions**", "updates", "corroborations", "related", "possible matches (review)"))
    else:
        res = run([folder], st)
        stages = [["imports and ingest", 0.0], *[list(x) for x in res.timings]]
        stages[0][1] = time.perf_counter() - t0 - sum(x[1] for x in stages[1:])
        out["stages"] = stages
        out["encode_seconds"] = res.encode_seconds
        out["seconds"] = time.perf_counter() - t0
        out["articles"] = len(res.corpus.sources)
        out["claims"] = len(res.claims)
        out["findings"] = len(res.findings)
    out["rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["worker_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(out))


def _in_fresh_process(mode: str, folder: Path, cache: Path) -> dict:  # type: ignore[type-arg]
    cmd = [sys.executable, __file__, "--child", mode, str(folder), str(cache)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(folder: Path, label: str, add_one: bool = True, report: bool = True, cold_only: bool = False) -> None:
    """Cold, encode, warm and add-one figures for the corpus in folder."""
    cache = Path(tempfile.mkdtemp(prefix="reconcile-bench-"))
    mode = "run+report" if report else "run"
    try:
        cold = _in_fresh_process(mode, folder, cache)
        if cold_only:
            print(f"{label}: {cold['articles']} articles, {cold['claims']:,} claims, {cold['findings']:,} findings\n"
                  f"  cold {cold['seconds']:.1f}s (encoding within it {cold['encode_seconds']:.1f}s, cold/that {cold['seconds'] / max(cold['encode_seconds'], 1e-9):.2f}) | peak RSS {cold['rss_mib']:,.0f} MiB (+ child processes: extraction workers, the encoder, the findings child; largest {cold['worker_rss_mib']:,.0f} MiB)\n"
                  "  cold run by stage: " + ", ".join(f"{n} {t:.1f}s" for n, t in cold["stages"]), flush=True)
            return
        enc = _in_fresh_process("encode", folder, cache)
        warm = _in_fresh_process(mode, folder, cache)
        line = (f"{label}: {cold['articles']} articles, {cold['claims']:,} claims, {enc['texts']:,} texts embedded, {cold['findings']:,} findings\n"
                f"  cold {cold['seconds']:.1f}s | pure encode {enc['seconds']:.1f}s (model load {enc['model_load']:.1f}s more)"
                f" | cold/encode {cold['seconds'] / enc['seconds']:.2f} (with the load {cold['seconds'] / (enc['seconds'] + enc['model_load']):.2f})"
                f" | warm {warm['seconds']:.1f}s (warm/cold {warm['seconds'] / cold['seconds']:.2f})")
        if add_one:
            grown = cache / "corpus-plus-one"
            shutil.copytree(folder, grown)
            extra = cache / "extra"
            import gen_corpus

            gen_corpus.generate(extra, 1, seed=99)
            (extra / "a00000.txt").rename(grown / "new-article.txt")
            manifest = (extra / "sources.toml").read_text().replace('"a00000.txt"', '"new-article.txt"').split("\n", 1)[1]
            if (grown / "sources.toml").exists():
                with open(grown / "sources.toml", "a", encoding="utf-8") as f:
                    f.write("\n" + manifest)
            plus = _in_fresh_process(mode, grown, cache)
            line += f" | add one {plus['seconds']:.1f}s (add-one/cold {plus['seconds'] / cold['seconds']:.2f})"
        if cold["encode_seconds"]:
            # The same ratio against the cold run's own encoding, timed batch by batch inside it: the
            # machine's speed drifts between the two runs above (by 15% here), not within one.
            line += f"\n  encoding within the cold run {cold['encode_seconds']:.1f}s | cold/that {cold['seconds'] / cold['encode_seconds']:.2f}"
        rss = f"{cold['rss_mib']:,.0f} MiB"
        if cold["worker_rss_mib"]:
            rss += f" (+ child processes: extraction workers, the encoder, the findings child; largest {cold['worker_rss_mib']:,.0f} MiB)"
        line += f"\n  peak RSS {rss}"
        for name, r in (("cold", cold), ("warm", warm), *((("add-one", plus),) if add_one else ())):
            line += f"\n  {name} run by stage: " + ", ".join(f"{n} {t:.1f}s" for n, t in r["stages"])
        print(line, flush=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def draft_text(words: int) -> str:
    """A draft of about `words` words: seed sentences with changed numbers, alternating with ECB+ sentences."""
    rng = random.Random(11)
    pools = []
    for pattern in ("seeds/*.txt", "tests/data/*/*.txt"):
        sents = []
        for p in sorted(ROOT.glob(pattern)):
            sents += [s.strip() for s in re.split(r"(?<=[.!?])\s+", p.read_text()) if 8 <= len(s.split()) <= 40]
        pools.append(sents)
    out: list[str] = []
    while sum(len(s.split()) for s in out) < words:
        s = rng.choice(pools[len(out) % 2])
        out.append(re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), s))
    paras = [" ".join(out[i : i + 3]) for i in range(0, len(out), 3)]
    return "A Desk Draft On Russia, Iran And Elsewhere\n\n" + "\n\n".join(paras) + "\n"


def measure_check(words: int = 1000) -> None:
    """`reconcile check` of a new draft against the seeds with the sources' embeddings cached (fresh process)."""
    import subprocess

    cache = Path(tempfile.mkdtemp())
    run([str(ROOT / "seeds")], Settings(cache_dir=cache, quiet=True))  # warm the cache with the sources
    draft = cache / "draft.md"
    draft.write_text(draft_text(words))
    cmd = [sys.executable, "-m", "reconcile", "check", str(draft), "--against", str(ROOT / "seeds"), "--published", "2026-03-05",
           "--cache-dir", str(cache), "--quiet", "-o", os.devnull]
    times = []
    for _ in range(2):  # new draft (its texts are embedded), then the same draft again (all cached)
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, check=False, cwd=ROOT).returncode
        times.append(time.perf_counter() - t0)
    print(f"check: {len(draft.read_text().split())}-word draft vs seeds, sources cached: {times[0]:.1f}s (exit {rc}); same draft again {times[1]:.1f}s")
    shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="*", default=[500], help="synthetic corpus sizes (none: seeds only)")
    ap.add_argument("--no-check", action="store_true", help="skip the `reconcile check` timing")
    ap.add_argument("--no-seeds", action="store_true", help="skip the seeds")
    ap.add_argument("--no-report", action="store_true", help="time the pipeline without rendering the Markdown report")
    ap.add_argument("--cold-only", action="store_true", help="only the cold run of each synthetic corpus (for the largest sizes)")
    ap.add_argument("--reword", type=float, default=None, help="gen_corpus.py --reword (default: its own)")
    ap.add_argument("--precision", choices=["fp32", "bf16"], help="encoder arithmetic of every step (as reconcile --precision)")
    ap.add_argument("--device", help="encoder device of every step (as reconcile --device: cuda, cuda:N, mps)")
    ap.add_argument("--model", help="embedding model name or folder of every step (as reconcile --model)")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    a = ap.parse_args()
    for env, value in (("RECONCILE_PRECISION", a.precision), ("RECONCILE_DEVICE", a.device), ("RECONCILE_MODEL", a.model)):
        if value:
            os.environ[env] = value  # the child processes read it
    if a.child:
        child(*a.child)
        return
    if not a.no_seeds:
        measure(ROOT / "seeds", "seeds", report=not a.no_report)
    if not a.no_check:
        measure_check()
    import gen_corpus

    for n in a.articles:
        tmp = Path(tempfile.mkdtemp(prefix="reconcile-corpus-"))
        try:
            gen_corpus.generate(tmp, n, **({"reword": a.reword} if a.reword is not None else {}))
            measure(tmp, f"synthetic x{n}", report=not a.no_report, cold_only=a.cold_only)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
