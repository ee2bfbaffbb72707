"""Speed and memory of a report run: claims, cold time, pure-encode time, warm re-run, peak RSS.

Usage: python benchmarks/bench.py [--articles N]   (default: the seeds, then a synthetic corpus of N=500)

The synthetic corpus is made by recombining the seed sentences with shuffled numbers and names
(deterministic seed): it is for speed only, its findings mean nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconcile.embed import make_embedder  # noqa: E402
from reconcile.match import make_units  # noqa: E402
from reconcile.pipeline import extract_corpus, run  # noqa: E402
from reconcile.settings import Settings  # noqa: E402


def synth(folder: Path, n: int) -> None:
    rng = random.Random(7)
    sents = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        sents += [s.strip() for s in re.split(r"(?<=[.!?])\s+", p.read_text()) if len(s.split()) > 6]
    for i in range(n):
        body = " ".join(re.sub(r"\d+", lambda m: str(rng.randint(1, 999)), rng.choice(sents)) for _ in range(30))
        (folder / f"a{i:05d}.txt").write_text(f"Synthetic Article Number {i} About Events\n\n{body}\n")


def measure(paths: list[str], label: str) -> None:
    cache = Path(tempfile.mkdtemp())
    st = Settings(cache_dir=cache, quiet=True)
    t0 = time.perf_counter()
    res = run(paths, st)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    run(paths, st)
    warm = time.perf_counter() - t0
    _, claims = extract_corpus(paths, st)
    texts = sorted({u.text for u in make_units(claims)})
    emb = make_embedder(st)
    emb.embed(texts[:8])  # load the model outside the timing
    t0 = time.perf_counter()
    emb.embed(texts, st.batch_size)
    enc = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label}: {len(res.corpus.sources)} articles, {len(res.claims)} claims, {len(texts)} texts embedded")
    print(f"  cold {cold:.1f}s | pure encode {enc:.1f}s | cold/encode {cold / enc:.2f} | warm {warm:.1f}s (warm/cold {warm / cold:.2f}) | peak RSS {rss:.0f} MiB")
    shutil.rmtree(cache, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=500)
    a = ap.parse_args()
    measure([str(ROOT / "seeds")], "seeds")
    tmp = Path(tempfile.mkdtemp())
    synth(tmp, a.articles)
    measure([str(tmp)], f"synthetic x{a.articles}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
