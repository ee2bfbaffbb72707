"""Stage 5: Claims -> Links and Clusters. Embeddings find candidates; facts, measures and events gate them.

1. Units: one per fact (value masked in its clause) and one per checkable sentence (statements).
2. Candidates: cosine nearest neighbours within a value type (dates with dates, money with money).
3. Score: masked-span cosine + measure similarity (rapidfuzz) + shared entities; events must agree.
4. Two tiers: links above the match threshold, possible matches above the suggest threshold.
5. Clusters: connected components of links, deterministic for any input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .models import Claim, Cluster, Fact, Link, stable_id
from .progress import progress
from .settings import Settings


@dataclass(frozen=True, slots=True)
class Unit:
    """A matchable thing: one fact of a claim, or a whole checkable sentence (fact index -1)."""

    claim: Claim
    fact: int
    group: str
    text: str
    clause: tuple[int, int] | None = None  # the clause span of a clause unit

    @property
    def fact_obj(self) -> Fact | None:
        return self.claim.facts[self.fact] if self.fact >= 0 else None


@dataclass(frozen=True)
class LinkTable:
    """Links as columns, sorted by (a, b, fact_a, fact_b), one row per key.

    A large corpus has millions of links (1.2 million at 3,000 synthetic articles). As objects, each with
    its four floats, they took about 300 bytes apiece and were the peak of a run's memory; a row here
    takes 45. Iterating gives `Link` objects, made as they are read (a few thousand at a time)."""

    ids: Sequence[str]  # claim ids in sorted order; a and b index it, so index order is id order
    a: np.ndarray  # int32, a < b
    b: np.ndarray
    fact_a: np.ndarray  # int32: index into claim.facts, -1 for statements
    fact_b: np.ndarray
    score: np.ndarray  # float64, the very floats the scoring computed
    cosine: np.ndarray  # the vectors' own float type (float32): the cosines exactly as computed
    measure: np.ndarray
    entities: np.ndarray
    match: np.ndarray  # bool: the match tier, else possible

    @classmethod
    def of(cls, ids: Sequence[str], parts: list[list[np.ndarray]]) -> LinkTable:
        """A table from column chunks [a, b, fact_a, fact_b, score, cosine, measure, entities, match], in
        order: sorted by key, and where a key comes twice, its later row is kept. The chunks are emptied
        as their columns are joined, and the columns are put in order one at a time: at 10,000 articles
        (five million links) the table is built at about twice its own size, not four times."""
        cols: list[np.ndarray] = []
        for k, dt in enumerate([np.int32] * 4 + [np.float64, None, np.float64, np.float64, bool]):
            if parts:
                col = np.concatenate([p[k] for p in parts])
                cols.append(col.astype(dt if dt is not None else np.result_type(col, np.float32), copy=False))
            else:
                cols.append(np.zeros(0, dtype=dt or np.float32))
            for p in parts:
                p[k] = np.zeros(0, dtype=cols[k].dtype)
        order = np.lexsort(cols[3::-1])  # by a, b, fact_a, fact_b; stable: equal keys keep their order
        for k in range(4):
            cols[k] = cols[k][order]
        a, b, fa, fb = cols[:4]
        last = np.ones(len(a), dtype=bool)
        last[:-1] = (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (fa[1:] != fa[:-1]) | (fb[1:] != fb[:-1])
        pick = order[last]
        del order
        for k in range(9):
            cols[k] = cols[k][last] if k < 4 else cols[k][pick]
        return cls(ids, *cols)

    def __len__(self) -> int:
        return len(self.a)

    def __iter__(self) -> Iterator[Link]:
        return self.rows(0, len(self.a))

    def rows(self, lo: int, hi: int) -> Iterator[Link]:
        """The links of rows lo to hi (exclusive), as objects."""
        ids = self.ids
        for s in range(lo, hi, 4096):
            e = min(s + 4096, hi)
            rows = zip(*(c[s:e].tolist() for c in (self.a, self.b, self.fact_a, self.fact_b, self.score,
                                                    self.cosine, self.measure, self.entities, self.match)))
            for a, b, fa, fb, sc, cs, ms, en, m in rows:
                yield Link(ids[a], ids[b], fa, fb, sc, cs, ms, en, "match" if m else "possible")


def value_group(claim: Claim, f: Fact) -> str:
    """Facts are only compared with facts of the same value type (and dimension)."""
    if f.kind == "quantity":
        q = [q for q in claim.quantities][f.index]
        dim = q.dimension
        return f"quantity:{dim}"
    return f.kind


def make_units(claims: Sequence[Claim]) -> list[Unit]:
    """Fact units and statement units of all checkable claims."""
    units: list[Unit] = []
    for c in claims:
        for i, f in enumerate(c.facts):
            units.append(Unit(c, i, value_group(c, f), f.masked))
        if c.checkable:
            units.append(Unit(c, -1, "statement", REPORTING_FRAME.sub("", c.text, count=1)))
            # Clauses too: a sentence often carries several statements, and a paraphrase of one of
            # them scores low against the whole sentence.
            for k, (s, e) in enumerate(clauses(c.text)):
                units.append(Unit(c, -2 - k, "statement", c.text[s:e], (s, e)))
    return units


# "Bloomberg notes that …", "They also point to …": the frame says who reports, not what.
REPORTING_FRAME = re.compile(
    r"^(?:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}|They|He|She|It|Officials|Sources|Analysts)(?: also)? "
    r"(?:notes?|says?|said|reports?|reported|writes?|wrote|claims?|believes?|points? to|added|told \w+) (?:that )?"
)


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of five or more words, when a sentence has more than one."""
    from .claims import CLAUSE_SPLIT

    cuts = sorted({0, len(text), *(m.end() for m in CLAUSE_SPLIT.finditer(text)), *(m.end() for m in re.finditer(r",\s", text))})
    spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if len(text[a:b].split()) >= 5]
    return spans if len(spans) > 1 else []


def measure_similarity(a: Fact, b: Fact) -> tuple[float, bool]:
    """(similarity 0..1, predicates_differ). Known predicates compare by identity, others fuzzily.

    This and `entity_overlap` and `events_agree` state the rules for one pair; `link_facts` and
    `link_statements` apply them to all candidate pairs at once, and tests/test_scale.py holds the two equal."""
    return _measure_similarity(a.measure, b.measure)


@lru_cache(maxsize=1)
def _predicate_words() -> frozenset[str]:
    from .claims import PREDICATES

    return frozenset(n.split(" ")[0] for n in PREDICATES)


@lru_cache(maxsize=1)
def _metric_names() -> frozenset[str]:
    from .claims import METRIC_MODIFIERS, METRICS

    return frozenset(METRICS) | frozenset(f"{m} {k}" for m in METRIC_MODIFIERS for k in METRICS) | {"per share"}


def named_measure(measure: str) -> bool:
    """Whether a measure names an event or a metric (a known predicate such as "killed", or "revenue"), rather than
    being only the words around its figure."""
    return bool(measure) and (measure in _metric_names() or measure.split(" ")[0] in _predicate_words())


@lru_cache(maxsize=1 << 16)  # a story repeats its measures ("killed", "signed") in pair after pair
def _measure_similarity(ma: str, mb: str) -> tuple[float, bool]:
    from rapidfuzz import fuzz

    pa = ma.split(" ")[0] if ma else ""
    pb = mb.split(" ")[0] if mb else ""
    metrics = _metric_names()
    if ma in metrics and mb in metrics:  # named metrics compare by identity: "core inflation" is not "inflation"
        return (1.0 if ma == mb else 0.0), ma != mb
    names = _predicate_words()
    if pa in names and pb in names:
        same = ma.startswith(pb) or mb.startswith(pa)
        return (1.0 if same else 0.0), not same
    if not ma or not mb:
        return 0.5, False
    # token_sort_ratio, not token_set_ratio: a subset of words must not score 100.
    return fuzz.token_sort_ratio(ma, mb) / 100.0, False


IDF: dict[str, float] = {}
# Entity key sets (and their IDF weight) per claim and span, for `entity_overlap` one pair at a time; cleared with IDF.
_KEYS: dict[tuple[str, tuple[int, int] | None], tuple[frozenset[str], float]] = {}
# The IDF keys in sorted order (column of each) and their weights, for `_KeyRows`; cleared with IDF.
_VOCAB: list[tuple[dict[str, int], np.ndarray]] = []


def set_entity_weights(claims: Sequence[Claim]) -> None:
    """Inverse document frequency of entity keys: sharing "S-300" says more than sharing "Russia"."""
    import math
    from collections import Counter

    df = Counter(k for c in claims for k in c.entity_keys())
    n = max(1, len(claims))
    IDF.clear()
    _KEYS.clear()
    _VOCAB.clear()
    IDF.update({k: math.log(1 + n / v) for k, v in df.items()})


def _span_keys(c: Claim, span: tuple[int, int] | None) -> frozenset[str]:
    """The entity keys of a claim, or of those of its entities that start within span."""
    return frozenset(e.key for e in c.entities if span is None or span[0] <= e.start < span[1])


def _weighted_keys(c: Claim, span: tuple[int, int] | None) -> tuple[frozenset[str], float]:
    got = _KEYS.get((c.id, span))
    if got is None:
        keys = _span_keys(c, span)
        got = _KEYS[(c.id, span)] = (keys, sum(IDF.get(k, 1.0) for k in sorted(keys)))
    return got


def entity_overlap(a: Claim, b: Claim, span_a: tuple[int, int] | None = None, span_b: tuple[int, int] | None = None) -> float:
    """IDF-weighted overlap of entity keys (within the fact spans when given).

    Overlap coefficient (shared over the smaller side): a sentence that adds one more name
    ("Venezuela's airspace") still states the same thing about the shared rare ones."""
    ea, wa = _weighted_keys(a, span_a)
    eb, wb = _weighted_keys(b, span_b)
    if not ea or not eb:
        return 0.0
    shared = ea & eb
    if not shared:
        return 0.0
    return sum(IDF.get(k, 1.0) for k in sorted(shared)) / min(wa, wb)


def events_agree(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Facts are comparable only within one event: the same main-event group, or a background fact that
    shares a name with the other claim or comes from an article of the same story ("pre-tax profit fell
    to £310m last year" in two reports of the same results)."""
    if fa.event.startswith("main:") and fb.event.startswith("main:"):
        return fa.event == fb.event
    return bool(a.entity_keys() & b.entity_keys()) or bool(a.story and a.story == b.story)


EXACT_MAX = 20_000  # up to this many vectors, exact blocked products; above, an inverted-file index
# Rows per block of the exact path: its temporaries (products, their top-k indices) are rows x n, so
# 512 rows of 20,000 keep them near 100 MB; larger blocks gain nothing from BLAS.
EXACT_BLOCK = 512
IVF_PROBES = 24  # cells searched per vector by the index; benchmarks/bench_match.py shows the recall it buys


def _top_k(block: np.ndarray, kk: int) -> np.ndarray:
    """Column positions of each row's kk largest values (in no particular order); among values tied at
    the kk-th place, the lower positions. numpy's argpartition alone picks among ties by its own
    selection order, which differs between its SIMD implementations (AVX2, AVX-512): the same vectors
    would give another machine other neighbours. Values of -inf (below a threshold) are never kept by
    the caller, so ties among them do not matter."""
    part = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
    vals = np.take_along_axis(block, part, axis=1)
    kth = vals.min(axis=1, keepdims=True)  # each row's kk-th largest value
    above = vals > kth  # fewer than kk per row, all of them among the selected
    eq = block == kth
    # Only a row with more ties at the kk-th value than places left has a choice to make.
    need = kk - above.sum(axis=1)
    tied = np.flatnonzero((eq.sum(axis=1) > need) & np.isfinite(kth[:, 0]))
    if len(tied):
        ar, ac = np.nonzero(above[tied])
        tr, tc = np.nonzero(eq[tied])  # row-major: each row's ties in column order
        rank = np.arange(len(tr)) - np.searchsorted(tr, np.arange(len(tied)))[tr]
        first = rank < need[tied][tr]
        rows = np.concatenate([ar, tr[first]])
        cols = np.concatenate([part[tied][ar, ac], tc[first]])
        part[tied] = cols[np.argsort(rows, kind="stable")].reshape(len(tied), kk)  # exactly kk per row
    return part


def candidate_pairs(vecs: np.ndarray, threshold: float, k: int, exact_max: int = EXACT_MAX, probes: int = IVF_PROBES) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) with cosine >= threshold among each item's k nearest neighbours, as tuples
    (`candidate_arrays` gives the same as three arrays, a fraction of the memory)."""
    a, b, sim = candidate_arrays(vecs, threshold, k, exact_max, probes)
    return list(zip(a.tolist(), b.tolist(), sim.tolist()))


def candidate_arrays(vecs: np.ndarray, threshold: float, k: int, exact_max: int = EXACT_MAX,
                     probes: int = IVF_PROBES, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs (i < j, sorted) with cosine >= threshold among each item's k nearest neighbours.
    The items are the rows of `vecs`, or with `rows`, vecs[rows] (never built above `exact_max`: a group's
    units share texts, so their vectors, three times over at 3,000 articles).

    Up to `exact_max` items, exact blocked matrix products (quadratic, in BLAS). Above, an inverted-file
    index: k-means cells of about sqrt(n) vectors, each vector compared only with the members of its
    `probes` nearest cells, so about n^1.5 products; its pair recall against the exact search is
    reported by benchmarks/bench_match.py and checked by tests/test_scale.py. A pair found from both
    ends keeps the cosine of the later row.
    """
    n = len(vecs) if rows is None else len(rows)
    if n < 2:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    kk = min(k + 1, n)
    if rows is not None and n <= exact_max:
        vecs, rows = vecs[rows], None
    at: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    sims: list[np.ndarray] = []
    if n <= exact_max:
        for s in range(0, n, EXACT_BLOCK):
            block = vecs[s : s + EXACT_BLOCK] @ vecs.T
            above = block >= threshold
            # A row with at most kk values above the threshold keeps them all; only fuller rows need the
            # selection itself (ties at the kk-th place: the lower column, as in the index).
            full = np.flatnonzero(above.sum(axis=1) > kk)
            above[full] = False
            r, c = np.nonzero(above)
            at.append(r + s)
            cols.append(c)
            sims.append(block[r, c])
            if len(full):
                rows_full = block[full]
                idx = _top_k(rows_full, kk)
                at.append(np.repeat(full + s, kk))
                cols.append(idx.ravel())
                sims.append(np.take_along_axis(rows_full, idx, axis=1).ravel())
    else:
        r, c, v = _ivf_neighbours(np.ascontiguousarray(vecs, dtype=np.float32), threshold, kk, probes, rows)
        at.append(r)
        cols.append(c)
        sims.append(v)
    i = np.concatenate(at).astype(np.int32, copy=False)
    j = np.concatenate(cols).astype(np.int32, copy=False)
    sim = np.concatenate(sims)
    del at, cols, sims
    keep = (j != i) & (sim >= threshold)
    i, j, sim = i[keep], j[keep], sim[keep]
    del keep
    # One key per unordered pair; per pair, the entry of the largest row i wins (rows were visited in
    # order). A few bytes of temporaries per entry: the largest group has millions of entries.
    key = np.minimum(i, j).astype(np.int64) * n + np.maximum(i, j)
    order = np.lexsort((i, key))
    del i, j
    key, sim = key[order], sim[order]
    del order
    last = np.ones(len(key), dtype=bool)
    last[:-1] = key[1:] != key[:-1]
    key, sim = key[last], sim[last]
    a, b = _pair_of(key, n)
    return a, b, sim


def _pair_of(key: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The index arrays (a, b) of pair keys a * n + b: int32, as every candidate index array is."""
    return (key // n).astype(np.int32), (key % n).astype(np.int32)


def _kmeans(vecs: np.ndarray, cells: int, iters: int = 6, seed: int = 0, rows: np.ndarray | None = None) -> np.ndarray:
    """Spherical k-means centroids of the rows of vecs (or vecs[rows]), trained on a fixed sample
    (deterministic for given vectors)."""
    rng = np.random.default_rng(seed)
    n = len(vecs) if rows is None else len(rows)
    pick = np.sort(rng.choice(n, min(n, cells * 40), replace=False))
    sample = vecs[pick if rows is None else rows[pick]]
    cent = sample[np.sort(rng.choice(len(sample), cells, replace=False))].copy()
    for _ in range(iters):
        lab = np.concatenate([np.argmax(sample[s : s + 8192] @ cent.T, axis=1) for s in range(0, len(sample), 8192)])
        sums = np.zeros_like(cent)
        np.add.at(sums, lab, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        cent = np.where(empty[:, None], cent, sums / np.where(norms == 0, 1, norms))
    return cent.astype(np.float32)


def _ivf_neighbours(vecs: np.ndarray, threshold: float, kk: int, probes: int,
                    rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, cosines) of each vector's best kk neighbours above the threshold among its probed cells
    (the vectors: the rows of vecs, or vecs[rows]). Index arrays of n x probes and n x kk entries are
    int32: they are the index's memory (647,000 statement units at 10,000 articles)."""
    n = len(vecs) if rows is None else len(rows)

    def take(idx: np.ndarray | slice) -> np.ndarray:
        return vecs[idx] if rows is None else vecs[rows[idx]]

    cells = max(2, int(np.sqrt(n)))
    probes = min(probes, cells)
    cent = _kmeans(vecs, cells, rows=rows)
    home = np.empty(n, dtype=np.int64)
    probe = np.empty((n, probes), dtype=np.int32)
    for s in range(0, n, 8192):
        cs = take(slice(s, s + 8192)) @ cent.T
        home[s : s + 8192] = np.argmax(cs, axis=1)
        probe[s : s + 8192] = np.argpartition(-cs, probes - 1, axis=1)[:, :probes]
    members = np.argsort(home, kind="stable")
    bounds = np.searchsorted(home[members], np.arange(cells + 1))
    # Invert the probe lists: for each cell, the vectors that search it.
    c_of = probe.ravel()
    by_cell = np.argsort(c_of, kind="stable")
    qb = np.searchsorted(c_of[by_cell], np.arange(cells + 1))
    del probe, c_of
    q_sorted = (by_cell // probes).astype(np.int32)  # the vector of each probe-list entry, by cell
    del by_cell
    # Each row's kk best so far (ties: the lower column index), merged cell by cell, so memory stays
    # n x kk however many pairs pass the threshold (a corpus of near-duplicates has hundreds per row).
    best_s = np.full((n, kk), -np.inf, dtype=np.float32)
    best_i = np.full((n, kk), n, dtype=np.int32)  # n: an empty slot, sorted after every real index
    for c in range(cells):
        db = members[bounds[c] : bounds[c + 1]]
        qs_all = q_sorted[qb[c] : qb[c + 1]]
        if not len(db) or not len(qs_all):
            continue
        step = max(256, (1 << 23) // len(db))  # at most about 8M products at once: with their top-k indices, 100 MB
        if rows is not None:
            # Units share texts (a story's sentences recur across its articles): each distinct pair of
            # vectors is multiplied once, and the products are spread to the units' rows and columns.
            db_vecs, db_of = np.unique(rows[db], return_inverse=True)
            db_mat = vecs[db_vecs]
        else:
            db_mat = vecs[db]
        for s in range(0, len(qs_all), step):
            qs = qs_all[s : s + step]
            if rows is None:
                block = vecs[qs] @ db_mat.T
            else:
                q_vecs, q_of = np.unique(rows[qs], return_inverse=True)
                block = (vecs[q_vecs] @ db_mat.T)[q_of][:, db_of]
            has = (block >= threshold).any(axis=1)  # most rows find nothing in most cells: skip them
            if not has.any():
                continue
            qs, block = qs[has], block[has]
            block[block < threshold] = -np.inf
            if len(db) > kk:
                part = _top_k(block, kk)
                top_s, top_i = np.take_along_axis(block, part, axis=1), db[part]
            else:
                top_s, top_i = block, np.broadcast_to(db, block.shape)
            cs = np.concatenate([best_s[qs], top_s], axis=1)
            ci = np.concatenate([best_i[qs], top_i], axis=1)
            # Order by column index, then stably by similarity: ties keep the lower index.
            o = np.argsort(ci, axis=1, kind="stable")
            cs, ci = np.take_along_axis(cs, o, axis=1), np.take_along_axis(ci, o, axis=1)
            o = np.argsort(-cs, axis=1, kind="stable")[:, :kk]
            best_s[qs], best_i[qs] = np.take_along_axis(cs, o, axis=1), np.take_along_axis(ci, o, axis=1)
    keep = np.isfinite(best_s) & (best_s >= threshold)
    return np.nonzero(keep)[0].astype(np.int32), best_i[keep], best_s[keep]  # row-major: the row of each kept entry


def blocked_pairs(us: Sequence[Unit], mat: np.ndarray, floor: float, k: int,
                  rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i < j, sorted, as three arrays): each unit's k nearest neighbours in the whole
    group (the index), and also within its block, the article event its claim belongs to. Unit i's
    vector is mat[i], or with `rows`, mat[rows[i]].

    A fact can only be linked within its event, or to a background fact with a shared name
    (`events_agree`). In a large archive a unit's nearest neighbours corpus-wide are mostly from
    other stories, which would crowd out its own story's facts; searching each event's block as
    well finds them, at the cost of the blocks' sizes squared (small: one story's articles)."""
    n = len(us)
    a, b, sim = candidate_arrays(mat, floor, k, rows=rows)
    whole = a.astype(np.int64) * n + b  # sorted, one entry per pair
    del a, b
    blocks: dict[str, list[int]] = {}
    for idx, u in enumerate(us):
        f = u.fact_obj
        event = f.event if f is not None else u.claim.event
        if event.startswith("main:"):
            blocks.setdefault(event, []).append(idx)
    # The blocks are disjoint, so their pairs are too; a pair the whole-group search found keeps its
    # cosine, so only the others are added.
    new_keys: list[np.ndarray] = []
    new_sims: list[np.ndarray] = []
    for event in sorted(blocks):
        ids = blocks[event]
        if len(ids) < 2 or len(ids) == n:
            continue
        where = np.asarray(ids, dtype=np.int64)
        i, j, c = candidate_arrays(mat, floor, k, rows=where if rows is None else rows[where])
        key = where[i] * n + where[j]  # ids ascend, so i < j stays so
        if len(whole):
            at = np.searchsorted(whole, key)
            fresh = whole[np.minimum(at, len(whole) - 1)] != key
            key, c = key[fresh], c[fresh]
        new_keys.append(key)
        new_sims.append(c)
    if new_keys:
        # Merge the sorted whole-group keys with the sorted new ones without sorting them all again.
        key = np.concatenate(new_keys)
        order = np.argsort(key, kind="stable")
        key, c = key[order], np.concatenate(new_sims)[order]
        del new_keys, new_sims, order
        slot = np.searchsorted(whole, key) + np.arange(len(key))
        is_new = np.zeros(len(whole) + len(key), dtype=bool)
        is_new[slot] = True
        merged = np.empty(len(is_new), dtype=np.int64)
        merged[is_new], merged[~is_new] = key, whole
        del whole
        sims = np.empty(len(is_new), dtype=sim.dtype)
        sims[is_new], sims[~is_new] = c, sim
        whole, sim = merged, sims
    a, b = _pair_of(whole, n)
    return a, b, sim


def link_units(units: list[Unit], vectors: dict[str, np.ndarray], settings: Settings, k: int = 30,
               consume: bool = False) -> LinkTable:
    """Score candidate pairs within each value group and keep those above the suggest threshold.

    With `consume`, a text's vector is removed from `vectors` once the last group that needs it has its
    matrix: freshly encoded vectors are rows of 4,096-text arrays, each freed with its last row, so the
    largest group is searched without the run's vectors held twice (about 350 MB at 10,000 articles)."""
    set_entity_weights(list({u.claim.id: u.claim for u in units}.values()))
    ids = sorted({u.claim.id for u in units})
    where = {cid: i for i, cid in enumerate(ids)}
    parts: list[list[np.ndarray]] = []
    groups: dict[str, list[Unit]] = {}
    for u in units:
        groups.setdefault(u.group, []).append(u)
    last_use = {u.text: g for g in sorted(groups) for u in groups[g]} if consume else {}
    for gname in sorted(groups):
        us = groups[gname]
        if len(us) < 2:
            for t in [u.text for u in us if consume and last_use[u.text] == gname]:
                del vectors[t]
            continue
        # One row per distinct text (a story's sentences recur across its articles), and each unit's row.
        row_of: dict[str, int] = {}
        rows = np.fromiter((row_of.setdefault(u.text, len(row_of)) for u in us), dtype=np.int64, count=len(us))
        mat = np.vstack([vectors[t] for t in row_of])
        for t in row_of if consume else ():
            if last_use[t] == gname:
                del vectors[t]
        del row_of
        floor = settings.min_cosine if gname != "statement" else min(settings.statement_suggest, settings.min_cosine + 0.1)
        pa, pb, pc = blocked_pairs(us, mat, floor, k, rows)
        del mat
        if gname == "statement":
            # Below this cosine no statement pair is kept (see link_statements), whatever names it shares.
            keep = pc.astype(np.float64) >= min(settings.statement_min_cosine - 0.04, settings.denial_min_cosine)
            pa, pb, pc = pa[keep], pb[keep], pc[keep]
            del keep
            got = link_statements(us, pa, pb, pc, settings)
        else:
            got = link_facts(us, pa, pb, pc, settings, gname)
        remap = np.fromiter((where[cid] for cid in got.ids), dtype=np.int32, count=len(got.ids))
        parts.append([remap[got.a], remap[got.b], got.fact_a, got.fact_b, got.score, got.cosine, got.measure, got.entities, got.match])
        del got
    # A key comes twice only from a sentence an article repeats word for word: one claim id (file and
    # text), two claims. As before, its later link is kept.
    return LinkTable.of(ids, parts)


PAIR_CHUNK = 1 << 18  # candidate pairs scored at once (their sparse temporaries are a few times this many rows)


def _columns(keys: Any) -> tuple[dict[str, int], np.ndarray]:
    """Each key's column (keys in sorted order) and the IDF weight of each column."""
    vocab = sorted(keys)
    return {k: i for i, k in enumerate(vocab)}, np.array([IDF.get(k, 1.0) for k in vocab], dtype=np.float64)


class _KeyRows:
    """Entity key sets as rows of sparse 0/1 matrices, for IDF-weighted overlaps of many pairs at once.

    The columns are the keys in sorted order, so a row's weight, and the weight two rows share (row
    product, then the IDF vector), add the same floats in the same order as `_weighted_keys` and
    `entity_overlap` do one pair at a time: the overlaps are bit-identical."""

    def __init__(self, us: Sequence[Unit]):
        claim_of: dict[str, int] = {}
        src_of: dict[str, int] = {}
        self.claim = np.fromiter((claim_of.setdefault(u.claim.id, len(claim_of)) for u in us), dtype=np.int64, count=len(us))
        self.source = np.fromiter((src_of.setdefault(u.claim.source_file, len(src_of)) for u in us), dtype=np.int64, count=len(us))
        self.claims = list({u.claim.id: u.claim for u in us}.values())
        extra = {e.key for c in self.claims for e in c.entities} - IDF.keys()
        if extra:  # claims the weights were not computed on (IDF.get's default, 1.0, weighs their keys)
            self.col, self.idf = _columns(IDF.keys() | extra)
        else:
            if not _VOCAB:
                _VOCAB.append(_columns(IDF.keys()))  # the same for every value group of a run: built once
            self.col, self.idf = _VOCAB[0]
        self.whole, self.w_whole = self.rows([c.entity_keys() for c in self.claims])
        # Claims in id order: rank[i] is claim i's place (a link names the lower id first).
        self.by_id = sorted(range(len(self.claims)), key=lambda i: self.claims[i].id)
        self.rank = np.empty(len(self.claims), dtype=np.int64)
        self.rank[self.by_id] = np.arange(len(self.claims))
        self.ids = [self.claims[i].id for i in self.by_id]  # rank r is the claim with ids[r]

    def cross_source(self, pa: np.ndarray, pb: np.ndarray, pc: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidate pairs whose two units come from different sources."""
        cross = self.source[pa] != self.source[pb]
        return pa[cross], pb[cross], pc[cross]

    def rows(self, keysets: list[frozenset[str]]) -> tuple[Any, np.ndarray]:
        """The matrix of these key sets and each row's weight."""
        from scipy import sparse

        indptr = np.zeros(len(keysets) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(k) for k in keysets])
        indices = np.fromiter((self.col[k] for ks in keysets for k in sorted(ks)), dtype=np.int64, count=int(indptr[-1]))
        m = sparse.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(keysets), len(self.idf)))
        return m, m @ self.idf

    def overlap(self, m: Any, w: np.ndarray, ia: np.ndarray, ib: np.ndarray) -> np.ndarray:
        """`entity_overlap` of rows ia[t] and ib[t] of m, for every t."""
        shared = m[ia].multiply(m[ib]).tocsr()
        shared.sort_indices()
        got = shared @ self.idf
        den = np.minimum(w[ia], w[ib])
        out = np.zeros(len(ia))
        nz = (got > 0) & (den > 0)
        out[nz] = got[nz] / den[nz]
        return out


def link_statements(us: Sequence[Unit], pa: np.ndarray, pb: np.ndarray, pc: np.ndarray, settings: Settings) -> LinkTable:
    """Statement links from candidate unit pairs: the best-scoring unit pair of each cross-source claim pair.

    The score is `w * cosine + (1 - w) * entity overlap`, the overlap (`entity_overlap`) taken over the
    whole sentences or over the two clauses, whichever is higher. It is computed for all pairs at once
    (`_KeyRows`), with bit-identical scores, at a fraction of the time of a Python loop."""
    kr = _KeyRows(us)
    pa, pb, pc = kr.cross_source(pa, pb, pc)
    if not len(pa):
        return LinkTable.of(kr.ids, [])
    part, w_part = kr.rows([_span_keys(u.claim, u.clause) for u in us])
    wc = settings.w_statement_cosine
    negated = np.fromiter((c.negated for c in kr.claims), dtype=bool, count=len(kr.claims))
    story_of: dict[str, int] = {}
    story = np.fromiter((story_of.setdefault(c.story, len(story_of)) for c in kr.claims), dtype=np.int64, count=len(kr.claims))
    keep_i: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    ents: list[np.ndarray] = []
    for s in progress(range(0, len(pa), PAIR_CHUNK), settings, "scoring statement pairs", "chunk", min_total=2):
        a, b = pa[s : s + PAIR_CHUNK], pb[s : s + PAIR_CHUNK]
        cos = pc[s : s + PAIR_CHUNK].astype(np.float64)
        ent = np.maximum(kr.overlap(kr.whole, kr.w_whole, kr.claim[a], kr.claim[b]), kr.overlap(part, w_part, a, b))
        score = wc * cos + (1 - wc) * ent
        # Shared names cannot make a statement match on their own: the wording must be close too.
        ok = np.flatnonzero((score >= settings.statement_suggest) & (cos >= settings.statement_min_cosine - 0.04))
        # A denial and the deed it denies may share no name ("why the village's warning siren did not sound" / "The
        # village's warning siren sounded at about 4am"): a pair of one story whose wording is close enough is kept,
        # as a possible link, where one sentence denies a deed the other states (`compare.deeds_denied`).
        ca_, cb_ = kr.claim[a], kr.claim[b]
        denial = np.flatnonzero((score < settings.statement_suggest) & (cos >= settings.denial_min_cosine)
                                & (negated[ca_] | negated[cb_]) & (story[ca_] == story[cb_]))
        if len(denial):
            # Below the statement cosine, only a denial of the very deed, by its construction (`deed_stated_alike`).
            close = cos >= settings.statement_min_cosine
            denial = np.array([t for t in denial if _denies(kr.claims[ca_[t]], kr.claims[cb_[t]], alike=not close[t])], dtype=np.int64)
            ok = np.union1d(ok, denial)
        keep_i.append(ok + s)
        scores.append(score[ok])
        ents.append(ent[ok])
    idx, score, ent = np.concatenate(keep_i), np.concatenate(scores), np.concatenate(ents)
    del keep_i, scores, ents
    # One link per claim pair (claim ids in order): its best unit pair, the first one on a tie
    # (lexsort is stable: equal keys and scores keep their order).
    ra, rb = kr.rank[kr.claim[pa[idx]]], kr.rank[kr.claim[pb[idx]]]
    key = np.minimum(ra, rb) * len(kr.claims) + np.maximum(ra, rb)
    del ra, rb
    order = np.lexsort((-score, key))
    sorted_key = key[order]
    first = order[np.r_[True, sorted_key[1:] != sorted_key[:-1]]] if len(order) else order
    del order, sorted_key
    key, sc, cs, en = key[first], score[first], pc[idx[first]], ent[first]
    del score, ent, idx
    none = np.full(len(first), -1, dtype=np.int32)
    match = (sc >= settings.statement_threshold) & (cs.astype(np.float64) >= settings.statement_min_cosine)
    lo, hi = np.divmod(key, len(kr.claims))
    return LinkTable.of(kr.ids, [[lo, hi, none, none, sc, cs, np.zeros(len(first)), en, match]])


def _denies(x: Claim, y: Claim, alike: bool = False) -> bool:
    """Whether one of two claims denies a deed the other states (`compare.deeds_denied`), or with `alike`, states of
    the same noun (`compare.deed_stated_alike`). (Imported here, at use, since the judging stage comes after this one.)"""
    from .compare import deed_stated_alike, deeds_denied

    test = deed_stated_alike if alike else deeds_denied
    return bool((x.negated and test(x, y.text)) or (y.negated and test(y, x.text)))


def link_facts(us: Sequence[Unit], pa: np.ndarray, pb: np.ndarray, pc: np.ndarray, settings: Settings, what: str = "fact") -> LinkTable:
    """Fact links of one value group from candidate unit pairs (one unit per fact, so one link per pair).

    A pair is scored only within one event (`events_agree`: the same main event, or a background fact
    sharing a name with the other claim). Score: `w_cosine * cosine + w_measure * measure similarity +
    w_entities * entity overlap` (the overlap within the two fact spans, or 0.8 of the whole sentences',
    whichever is higher, and at least `same_event_entities` for two facts of one main event); where the two predicates differ ("signed" vs "came into effect") the measure
    is left out and the link is at best a suggestion of "related". All pairs are scored at once
    (`_KeyRows`), bit-identical to scoring them one at a time."""
    kr = _KeyRows(us)
    pa, pb, pc = kr.cross_source(pa, pb, pc)
    if not len(pa):
        return LinkTable.of(kr.ids, [])
    facts = [u.fact_obj for u in us]
    fact_no = np.fromiter((u.fact for u in us), dtype=np.int64, count=len(us))
    assert all(f is not None for f in facts)
    event_of: dict[str, int] = {}
    ev = np.fromiter((event_of.setdefault(f.event, len(event_of)) for f in facts), dtype=np.int64, count=len(us))  # type: ignore[union-attr]
    main = np.fromiter((f.event.startswith("main:") for f in facts), dtype=bool, count=len(us))  # type: ignore[union-attr]
    story_of: dict[str, int] = {"": -1}
    story = np.fromiter((story_of.setdefault(u.claim.story, len(story_of)) for u in us), dtype=np.int64, count=len(us))
    measure_of: dict[str, int] = {}
    mid = np.fromiter((measure_of.setdefault(f.measure, len(measure_of)) for f in facts), dtype=np.int64, count=len(us))  # type: ignore[union-attr]
    measures = list(measure_of)
    span, w_span = kr.rows([_span_keys(u.claim, f.span) for u, f in zip(us, facts)])  # type: ignore[union-attr]
    st = settings
    parts: list[list[np.ndarray]] = []
    for s in progress(range(0, len(pa), PAIR_CHUNK), settings, f"scoring {what} pairs", "chunk", min_total=2):
        a, b = pa[s : s + PAIR_CHUNK], pb[s : s + PAIR_CHUNK]
        cos = pc[s : s + PAIR_CHUNK].astype(np.float64)
        whole = kr.overlap(kr.whole, kr.w_whole, kr.claim[a], kr.claim[b])
        agree = np.where(main[a] & main[b], ev[a] == ev[b], (whole > 0) | ((story[a] == story[b]) & (story[a] >= 0)))
        a, b, cos, whole = a[agree], b[agree], cos[agree], whole[agree]
        # Measure similarity per distinct pair of measures (symmetric, memoised).
        code = mid[a] * len(measures) + mid[b]
        uniq, inv = np.unique(code, return_inverse=True)
        got = [_measure_similarity(measures[c // len(measures)], measures[c % len(measures)]) for c in uniq.tolist()]
        msim = np.array([g[0] for g in got], dtype=np.float64)[inv] if got else np.zeros(0)
        differ = np.array([g[1] for g in got], dtype=bool)[inv] if got else np.zeros(0, dtype=bool)
        ent = np.maximum(kr.overlap(span, w_span, a, b), whole * 0.8)
        ent = np.where(main[a] & main[b], np.maximum(ent, st.same_event_entities), ent)
        score = np.where(
            differ,
            (st.w_cosine * cos + st.w_entities * ent) / (st.w_cosine + st.w_entities),
            st.w_cosine * cos + st.w_measure * msim + st.w_entities * ent,
        )
        # A different-event pair can at most be "related", which raises no alarm: link it at the suggest tier.
        match = score >= np.where(differ, st.suggest_threshold, st.match_threshold)
        t = np.flatnonzero(score >= st.suggest_threshold)
        # Each link names the claim with the lower id first.
        ra, rb = kr.rank[kr.claim[a[t]]], kr.rank[kr.claim[b[t]]]
        swap = ra > rb
        i, j = np.where(swap, b[t], a[t]), np.where(swap, a[t], b[t])
        parts.append([np.minimum(ra, rb), np.maximum(ra, rb), fact_no[i], fact_no[j], score[t], cos[t].astype(pc.dtype),
                      np.where(differ[t], -1.0, msim[t]), ent[t], match[t]])
    return LinkTable.of(kr.ids, parts)


def cluster(claims: Sequence[Claim], links: Iterable[Link]) -> list[Cluster]:
    """Connected components over match-tier links; every claim is in exactly one cluster."""
    parent = {c.id: c.id for c in claims}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if isinstance(links, LinkTable):  # read from its columns: no Link objects made
        ids = links.ids
        pairs: Iterable[tuple[str, str]] = ((ids[a], ids[b]) for a, b in zip(links.a[links.match].tolist(), links.b[links.match].tolist()))
    else:
        pairs = ((ln.a, ln.b) for ln in links if ln.tier == "match")
    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for c in claims:
        members.setdefault(find(c.id), []).append(c.id)
    out = [Cluster(stable_id(*sorted(m)), tuple(sorted(m))) for m in members.values()]
    return sorted(out, key=lambda c: (-len(c.claim_ids), c.id))
