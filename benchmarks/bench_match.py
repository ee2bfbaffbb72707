"""Candidate generation at scale: `match.candidate_pairs` against sentence-transformers' paraphrase mining.

Usage: python benchmarks/bench_match.py [--sizes 20000 100000 300000] [--real CACHE_DIR] [--exact]

For each size N, both run on the same unit vectors (384 dimensions, as all-MiniLM-L6-v2 gives):
- `candidate_pairs(vecs, threshold, k)`: exact blocked products up to 20,000 vectors, the inverted-file
  index above (sub-quadratic);
- `util.paraphrase_mining_embeddings(vecs, top_k=k)`: exact top-k of every vector (quadratic);
and it prints both times and the pair recall of candidate_pairs: the share of the pairs that paraphrase
mining finds at or above the threshold (the suggest threshold) that candidate_pairs finds too.
`--exact` also times candidate_pairs forced onto the exact path.

The vectors are synthetic by default: clusters of about six near-paraphrases (cosine about 0.75) within
topics (about 0.4) around a shared direction (about 0.2), roughly the geometry of sentence embeddings of
news; for speed and recall measurements only. `--real CACHE_DIR` instead uses every vector in a reconcile
embedding cache (real all-MiniLM-L6-v2 embeddings, e.g. of a benchmarks/bench.py run), at its own size.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconcile.match import candidate_pairs  # noqa: E402
from reconcile.settings import Settings  # noqa: E402


def clustered_vectors(n: int, dim: int = 384, seed: int = 0) -> np.ndarray:
    """n unit vectors in clusters of about six within topics of about fifty clusters (deterministic)."""
    rng = np.random.default_rng(seed)
    n_clusters = max(1, n // 6)
    topic_of = rng.integers(0, max(1, n_clusters // 50), n_clusters)
    shared = rng.normal(size=dim)
    topics = rng.normal(size=(max(1, n_clusters // 50), dim))
    clusters = rng.normal(size=(n_clusters, dim))
    out = np.empty((n, dim), dtype=np.float32)
    for s in range(0, n, 50_000):
        m = min(n, s + 50_000) - s
        lab = rng.integers(0, n_clusters, m)
        v = 0.5 * shared + 0.5 * topics[topic_of[lab]] + 0.7 * clusters[lab] + 0.55 * rng.normal(size=(m, dim))
        out[s : s + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def cached_vectors(cache_dir: Path) -> np.ndarray:
    """Every vector of a reconcile embedding cache."""
    conn = sqlite3.connect(cache_dir / "embeddings.sqlite3")
    rows = [np.frombuffer(b, dtype=np.float32) for (b,) in conn.execute("SELECT vec FROM vectors ORDER BY hash")]
    conn.close()
    mat = np.vstack(rows)
    return (mat / np.linalg.norm(mat, axis=1, keepdims=True)).astype(np.float32)


def paraphrase_pairs(vecs: np.ndarray, threshold: float, k: int) -> set[tuple[int, int]]:
    """Pairs at or above the threshold among each vector's exact top k, by sentence-transformers."""
    import torch
    from sentence_transformers import util

    found = util.paraphrase_mining_embeddings(torch.from_numpy(vecs), top_k=k, max_pairs=len(vecs) * k)
    return {(int(i), int(j)) for score, i, j in found if score >= threshold}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000, 300_000])
    ap.add_argument("--real", type=Path, help="use the vectors of this reconcile cache folder instead")
    ap.add_argument("--k", type=int, default=30)
    ap.add_argument("--threshold", type=float, default=Settings().suggest_threshold)
    ap.add_argument("--exact", action="store_true", help="also time the exact path of candidate_pairs")
    ap.add_argument("--skip-paraphrase", action="store_true", help="skip paraphrase mining (recall then vs the exact path)")
    a = ap.parse_args()
    sets = [("real", cached_vectors(a.real))] if a.real else [("synthetic", clustered_vectors(n)) for n in a.sizes]
    print(f"threshold {a.threshold}, k {a.k}")
    for label, vecs in sets:
        n = len(vecs)
        t0 = time.perf_counter()
        ours = candidate_pairs(vecs, a.threshold, a.k, exact_max=0)
        t_ours = time.perf_counter() - t0
        got = {(i, j) for i, j, _ in ours}
        line = f"{label} N={n:,}: candidate_pairs (index) {t_ours:.1f}s, {len(got):,} pairs"
        ref: set[tuple[int, int]] | None = None
        if a.exact:
            t0 = time.perf_counter()
            ref = {(i, j) for i, j, _ in candidate_pairs(vecs, a.threshold, a.k, exact_max=n)}
            line += f" | exact path {time.perf_counter() - t0:.1f}s, recall vs exact {len(got & ref) / max(1, len(ref)):.4f}"
        if not a.skip_paraphrase:
            t0 = time.perf_counter()
            ref = paraphrase_pairs(vecs, a.threshold, a.k)
            t_pm = time.perf_counter() - t0
            line += (f" | paraphrase_mining {t_pm:.1f}s, {len(ref):,} pairs >= threshold"
                     f" | recall {len(got & ref) / max(1, len(ref)):.4f} | time ratio {t_ours / t_pm:.2f}")
        print(line, flush=True)


if __name__ == "__main__":
    main()
