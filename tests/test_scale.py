"""Candidate generation: the index path's pair recall against exhaustive comparison, at small size.

Timings live in benchmarks/ (bench_match.py prints them); tests only check results.
"""

from __future__ import annotations

import numpy as np
import pytest

from reconcile.match import candidate_pairs
from reconcile.settings import Settings

THRESHOLD = Settings().suggest_threshold


def clustered(n: int, seed: int, spread: float) -> np.ndarray:
    """Unit vectors in small clusters within topics around a shared direction (like sentence embeddings)."""
    rng = np.random.default_rng(seed)
    n_clusters = n // 5
    topic_of = rng.integers(0, max(1, n_clusters // 20), n_clusters)
    dim = 64
    shared, topics, clusters = rng.normal(size=dim), rng.normal(size=(n_clusters // 20 + 1, dim)), rng.normal(size=(n_clusters, dim))
    lab = rng.integers(0, n_clusters, n)
    v = 0.5 * shared + 0.6 * topics[topic_of[lab]] + 0.7 * clusters[lab] + spread * rng.normal(size=(n, dim))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def exhaustive(vecs: np.ndarray, threshold: float) -> set[tuple[int, int]]:
    """Every pair at or above the threshold."""
    sims = vecs @ vecs.T
    i, j = np.nonzero(np.triu(sims >= threshold, k=1))
    return set(zip(i.tolist(), j.tolist()))


@pytest.mark.parametrize("seed,spread", [(3, 0.75), (4, 0.9)])
def test_index_recall_against_exhaustive(seed, spread):
    """Where no vector has more than k neighbours above the threshold, the index finds 99% of all such pairs."""
    vecs = clustered(6000, seed, spread)
    want = exhaustive(vecs, THRESHOLD)
    assert len(want) > 10_000  # enough pairs for the recall to mean something
    got = candidate_pairs(vecs, THRESHOLD, k=30, exact_max=0)  # force the index path
    pairs = {(i, j) for i, j, _ in got}
    assert len(pairs & want) / len(want) >= 0.99
    assert pairs <= exhaustive(vecs, THRESHOLD - 1e-4)  # no invented pairs (the margin: float rounding)
    sims = {(i, j): s for i, j, s in got}
    i, j = min(pairs)
    assert sims[(i, j)] == pytest.approx(float(vecs[i] @ vecs[j]), abs=1e-5)


@pytest.mark.parametrize("seed,spread", [(1, 0.45), (2, 0.6)])
def test_index_recall_against_exact_top_k(seed, spread):
    """Denser data: some vectors have more than k neighbours above the threshold, and both paths keep
    each vector's best k; the index finds 99% of the pairs the exact path finds."""
    vecs = clustered(6000, seed, spread)
    exact = {(i, j) for i, j, _ in candidate_pairs(vecs, THRESHOLD, k=30)}
    pairs = {(i, j) for i, j, _ in candidate_pairs(vecs, THRESHOLD, k=30, exact_max=0)}
    assert len(pairs & exact) / len(exact) >= 0.99


def _reference(vecs: np.ndarray, threshold: float, k: int) -> list[tuple[int, int, float]]:
    """The exact path row by row: each row's top k+1 by a full sort, ties to the lower column, the later
    row's cosine kept. (Products in the exact path's blocks, so that tied cosines are the same floats.)"""
    from reconcile.match import EXACT_BLOCK

    n, out = len(vecs), {}
    for s in range(0, n, EXACT_BLOCK):
        sims = vecs[s : s + EXACT_BLOCK] @ vecs.T
        for r in range(sims.shape[0]):
            i, row = s + r, sims[r]
            kk = min(k + 1, n)
            for j in np.lexsort((np.arange(n), -row))[:kk]:
                j = int(j)
                if j != i and row[j] >= threshold:
                    out[(min(i, j), max(i, j))] = float(row[j])
    return sorted((i, j, s) for (i, j), s in out.items())


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_path_matches_reference_with_ties(seed):
    """Duplicated vectors tie exactly: the vectorised exact path must pick the same pairs as the loop."""
    rng = np.random.default_rng(seed)
    base = clustered(300, seed, 0.5)
    vecs = base[rng.integers(0, len(base), 2500)]  # every vector about eight times
    for k in (1, 5, 30):
        assert candidate_pairs(vecs, THRESHOLD, k) == _reference(vecs, THRESHOLD, k)


def test_tiny_inputs():
    v = np.eye(3, dtype=np.float32)
    assert candidate_pairs(v[:1], 0.5, 5) == []
    assert candidate_pairs(v, 0.5, 5) == [] == candidate_pairs(v, 0.5, 5, exact_max=0)
    same = np.vstack([v[0], v[0]])
    assert candidate_pairs(same, 0.5, 5) == [(0, 1, 1.0)] == candidate_pairs(same, 0.5, 5, exact_max=0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_event_blocking_finds_every_pair_that_can_be_one_event(seed):
    """_event_candidates (inverted index + date sweep) against all n² article pairs."""
    import random
    from datetime import date, timedelta

    from reconcile.claims import EVENT_DAYS, _event_candidates

    rng = random.Random(seed)
    keys = [f"k{i}" for i in range(40)]
    files = [f"f{i:03d}" for i in range(150)]
    sigs = {f: set(rng.sample(keys, rng.randint(0, 6))) for f in files}
    pubs = {}
    for f in files:
        if rng.random() < 0.15:
            pubs[f] = None
        else:
            d = date(2020, 1, 1) + timedelta(days=rng.randint(0, 400))
            pubs[f] = (d, d + timedelta(days=rng.choice([0, 0, 0, 29])))  # days and months
    got = set(_event_candidates(files, sigs, pubs))
    gap = timedelta(days=EVENT_DAYS)
    want = set()
    for i, a in enumerate(files):
        for b in files[i + 1 :]:
            pa, pb = pubs[a], pubs[b]
            close = pa is None or pb is None or (pa[0] - gap <= pb[1] and pb[0] - gap <= pa[1])
            if sigs[a] & sigs[b] and close:
                want.add((a, b))
    assert got == want and len(want) < len(files) * (len(files) - 1) // 2


def cross_source_pairs(us, pa, pb, pc):  # type: ignore[no-untyped-def]
    """The candidate pairs one at a time, as the pairwise rule sees them: (unit of the lower claim id,
    the other unit, cosine), pairs within one source left out."""
    for i, j, cos in zip(pa.tolist(), pb.tolist(), pc.tolist()):
        ua, ub = us[i], us[j]
        if ua.claim.source_file == ub.claim.source_file:
            continue
        yield (ub, ua, cos) if ua.claim.id > ub.claim.id else (ua, ub, cos)


def test_vectorised_statement_scores_equal_the_pairwise_rule(seed_claims, embedder, settings):
    """link_statements scores all candidate pairs at once; it must give exactly (bit for bit) what the
    rule gives pair by pair: the best unit pair of each cross-source claim pair, score = w * cosine +
    (1 - w) * the higher of the whole-sentence and the clause entity overlaps."""
    from reconcile.embed import embed_texts
    from reconcile.match import blocked_pairs, entity_overlap, link_statements, make_units, set_entity_weights

    _, claims = seed_claims
    units = make_units(claims)
    set_entity_weights(list({u.claim.id: u.claim for u in units}.values()))
    us = [u for u in units if u.group == "statement"]
    vectors = embed_texts([u.text for u in us], embedder, settings)
    mat = np.vstack([vectors[u.text] for u in us])
    pa, pb, pc = blocked_pairs(us, mat, 0.3, 30)  # a low floor: many pairs, many ties between clauses
    want: dict[tuple[str, str], tuple[float, float, float, str]] = {}
    w = settings.w_statement_cosine
    for ua, ub, cos in cross_source_pairs(us, pa, pb, pc):
        ent = max(entity_overlap(ua.claim, ub.claim), entity_overlap(ua.claim, ub.claim, ua.clause, ub.clause))
        score = w * cos + (1 - w) * ent
        if score < settings.statement_suggest or cos < settings.statement_min_cosine - 0.04:
            continue
        tier = "match" if score >= settings.statement_threshold and cos >= settings.statement_min_cosine else "possible"
        key = (ua.claim.id, ub.claim.id)
        if key not in want or want[key][0] < score:
            want[key] = (score, cos, ent, tier)
    got = {(ln.a, ln.b): (ln.score, ln.cosine, ln.entities, ln.tier) for ln in link_statements(us, pa, pb, pc, settings)}
    assert len(want) > 50
    assert got == want
    assert all(ln.fact_a == ln.fact_b == -1 and ln.measure == 0.0 for ln in link_statements(us, pa, pb, pc, settings))


@pytest.mark.parametrize("corpus", ["seeds", "airstrike-yida"])
def test_vectorised_fact_scores_equal_the_pairwise_rule(corpus, seed_claims, embedder, settings):
    """link_facts scores a value group's candidate pairs at once; it must give exactly what the rule gives
    pair by pair (events must agree; measure, span and sentence overlaps; differing predicates)."""
    from reconcile.embed import embed_texts
    from reconcile.match import (blocked_pairs, entity_overlap, events_agree, link_facts, make_units, measure_similarity,
                                 set_entity_weights)
    from reconcile.pipeline import extract_corpus

    from conftest import DATA

    claims = seed_claims[1] if corpus == "seeds" else extract_corpus([str(DATA / corpus)], settings)[1]
    units = make_units(claims)
    set_entity_weights(list({u.claim.id: u.claim for u in units}.values()))
    st = settings
    checked = 0
    for group in sorted({u.group for u in units} - {"statement"}):
        us = [u for u in units if u.group == group]
        if len(us) < 2:
            continue
        vectors = embed_texts([u.text for u in us], embedder, settings)
        pa, pb, pc = blocked_pairs(us, np.vstack([vectors[u.text] for u in us]), 0.2, 30)
        want = {}
        for ua, ub, cos in cross_source_pairs(us, pa, pb, pc):
            fa, fb = ua.fact_obj, ub.fact_obj
            if not events_agree(ua.claim, fa, ub.claim, fb):
                continue
            msim, differ = measure_similarity(fa, fb)
            ent = max(entity_overlap(ua.claim, ub.claim, fa.span, fb.span), entity_overlap(ua.claim, ub.claim) * 0.8)
            if fa.event.startswith("main:") and fb.event.startswith("main:"):
                ent = max(ent, st.same_event_entities)
            if differ:
                score = (st.w_cosine * cos + st.w_entities * ent) / (st.w_cosine + st.w_entities)
            else:
                score = st.w_cosine * cos + st.w_measure * msim + st.w_entities * ent
            if score < st.suggest_threshold:
                continue
            tier = "match" if score >= (st.suggest_threshold if differ else st.match_threshold) else "possible"
            want[(ua.claim.id, ub.claim.id, ua.fact, ub.fact)] = (score, cos, msim if not differ else -1.0, ent, tier)
        got = {(ln.a, ln.b, ln.fact_a, ln.fact_b): (ln.score, ln.cosine, ln.measure, ln.entities, ln.tier)
               for ln in link_facts(us, pa, pb, pc, settings, group)}
        assert got == want, group
        checked += len(want)
    assert checked > (5 if corpus == "seeds" else 100)


def test_a_sentence_an_article_repeats_gives_one_link_per_key(tmp_path):
    """A sentence repeated word for word in one article is one claim (its id hashes file and text); link_units
    gives each (claim, claim, fact, fact) key once, sorted by key (LinkTable keeps the later of two rows with
    one key, should a caller's claims repeat an id)."""
    from conftest import FakeEmbedder

    from reconcile.embed import embed_texts
    from reconcile.match import link_units, make_units
    from reconcile.pipeline import extract_corpus

    st = Settings(cache_dir=tmp_path / "cache", quiet=True, use_cache=False)
    said = "The storm killed 12 people in Galveston on Tuesday, officials said."
    (tmp_path / "a.txt").write_text(f"Storm Hits Galveston\n\n{said}\n\nRescue crews are out.\n\n{said}\n")
    (tmp_path / "b.txt").write_text("Galveston Storm\n\nThe storm killed 14 people in Galveston on Tuesday, officials said.\n")
    _, claims = extract_corpus([str(tmp_path)], st)
    assert len([c for c in claims if c.text == said]) == 1
    units = make_units(claims)
    links = link_units(units, embed_texts([u.text for u in units], FakeEmbedder(), st), st)
    keys = [(ln.a, ln.b, ln.fact_a, ln.fact_b) for ln in links]
    assert keys and keys == sorted(set(keys))


@pytest.mark.parametrize("exact_max", [0, 20_000])
def test_shared_rows_give_the_same_pairs_as_the_full_matrix(exact_max):
    """Units that share a text share a vector: candidate_arrays(distinct vectors, rows=each unit's row) must
    give the pairs the full matrix (one row per unit, copies included) gives, on both paths. The index
    multiplies each distinct pair of vectors once, so copies of a vector tie exactly and the lower unit
    wins; in the full matrix's product the copies' cosines can differ in their last bit (float32 rounding,
    by the copy's place in the BLAS kernel's tiles, which differs between CPUs), and so pick another copy of
    the same vector. So the index must give the same number of pairs, between the same vectors, with
    cosines equal to the last bit; the exact path (which multiplies the full matrix itself) the very pairs."""
    from reconcile.match import candidate_arrays

    distinct = clustered(1500, 5, 0.6)
    rows = np.random.default_rng(5).integers(0, len(distinct), 4000)  # each vector about 2.7 times
    want = candidate_arrays(distinct[rows], THRESHOLD, 30, exact_max=exact_max)
    got = candidate_arrays(distinct, THRESHOLD, 30, exact_max=exact_max, rows=rows)
    assert len(want[0]) > 10_000
    if exact_max:
        assert all(np.array_equal(w, g) for w, g in zip(want, got))
        return

    def between_vectors(pairs):  # type: ignore[no-untyped-def]
        a, b = rows[pairs[0]], rows[pairs[1]]
        return sorted(zip(np.minimum(a, b).tolist(), np.maximum(a, b).tolist(), pairs[2].tolist()))

    w, g = between_vectors(want), between_vectors(got)
    assert len(w) == len(g)
    assert [x[:2] for x in w] == [x[:2] for x in g]
    assert np.allclose([x[2] for x in w], [x[2] for x in g], rtol=0, atol=1e-6)


@pytest.mark.parametrize("exact_max", [0, 20_000])
def test_blocked_pairs_add_each_events_own_neighbours_once(exact_max, monkeypatch):
    """blocked_pairs = the whole group's k nearest neighbours, plus each event block's own, one entry per
    pair, sorted, the whole-group cosine kept where both found a pair: checked against that union made the
    plain way (concatenate, then the first entry of each pair). A small k leaves the blocks much to add."""
    from dataclasses import dataclass
    from functools import partial

    import reconcile.match as match

    search = match.candidate_arrays
    monkeypatch.setattr(match, "candidate_arrays", partial(search, exact_max=exact_max))  # both paths
    vecs = clustered(3000, 7, 0.8)
    rng = np.random.default_rng(7)
    events = rng.integers(0, 40, len(vecs))

    @dataclass
    class FakeClaim:
        event: str

    @dataclass
    class FakeUnit:
        claim: FakeClaim
        fact_obj: None = None

    us = [FakeUnit(FakeClaim(f"main:{e}" if e < 35 else "background")) for e in events]
    k, floor = 3, THRESHOLD - 0.1
    a, b, sim = match.blocked_pairs(us, vecs, floor, k)
    found = [search(vecs, floor, k, exact_max=exact_max)]
    for e in range(35):
        where = np.flatnonzero(events == e)
        i, j, c = search(vecs[where], floor, k, exact_max=exact_max)
        found.append((where[i], where[j], c))
    key = np.concatenate([x[0].astype(np.int64) * len(us) + x[1] for x in found])
    _, first = np.unique(key, return_index=True)
    want_sim = np.concatenate([x[2] for x in found])[first]
    assert len(first) > len(found[0][0]) + 300  # the blocks added pairs
    assert np.array_equal(a.astype(np.int64) * len(us) + b, key[first])
    assert np.array_equal(sim, want_sim)


def test_consuming_the_vectors_gives_the_same_links(tmp_path):
    """link_units(consume=True), as a run calls it, empties the vectors as their last group is built, and
    must give exactly the links the vectors left in place give."""
    from conftest import DATA, FakeEmbedder

    from reconcile.embed import embed_texts
    from reconcile.match import link_units, make_units
    from reconcile.pipeline import extract_corpus

    st = Settings(cache_dir=tmp_path / "cache", quiet=True, use_cache=False)
    _, claims = extract_corpus([str(DATA / "airstrike-yida")], st)
    units = make_units(claims)
    kept = embed_texts([u.text for u in units], FakeEmbedder(), st)
    eaten = dict(kept)
    want, got = link_units(units, kept, st), link_units(units, eaten, st, consume=True)
    assert len(want) > 100 and not eaten and len(kept) > 100
    assert list(got) == list(want)


@pytest.fixture(scope="module")
def seeds_links(seed_claims, embedder, settings):  # type: ignore[no-untyped-def]
    """The seeds' claims, links and clusters, as a run passes them to make_findings."""
    from reconcile.embed import embed_texts
    from reconcile.match import cluster, link_units, make_units

    corpus, claims = seed_claims
    units = make_units(claims)
    links = link_units(units, embed_texts([u.text for u in units], embedder, settings), settings)
    return claims, links, cluster(claims, links), list(corpus.sources)


def _as_dicts(findings):  # type: ignore[no-untyped-def]
    return [f.to_dict() for f in findings]


def test_findings_judged_in_a_child_are_the_same(seeds_links, settings, monkeypatch):
    """With a forked child judging the later claim pairs, make_findings gives exactly the findings it gives
    alone, in the same order, and a claim's side is still one shared object."""
    import reconcile.compare as compare

    claims, links, clusters, sources = seeds_links
    want = compare.make_findings(claims, links, clusters, sources, settings)
    monkeypatch.setattr(compare, "PARALLEL_MIN_LINKS", 1)
    monkeypatch.setattr(compare, "ROWS_PER_CHUNK", 7)  # many chunks come back
    got = compare.make_findings(claims, links, clusters, sources, settings, workers=2)
    assert len(want) > 100
    assert _as_dicts(got) == _as_dicts(want)
    sides = {}
    for f in got:
        for x in (f.a, f.b):
            assert sides.setdefault((x.claim_id, x.value, x.span), x) is x


def test_a_failed_findings_child_leaves_its_share_to_the_parent(seeds_links, settings, monkeypatch, capfd):
    """A child that fails (here: it exits at once) prints nothing; its share is judged here, the same."""
    import os

    import reconcile.compare as compare
    import reconcile.fork as fork

    claims, links, clusters, sources = seeds_links
    want = compare.make_findings(claims, links, clusters, sources, settings)
    monkeypatch.setattr(compare, "PARALLEL_MIN_LINKS", 1)
    monkeypatch.setattr(fork, "_run", lambda work, path: os._exit(3))
    capfd.readouterr()
    got = compare.make_findings(claims, links, clusters, sources, settings, workers=2)
    assert _as_dicts(got) == _as_dicts(want)
    assert capfd.readouterr().err == ""


def test_forked_work_gives_its_items_in_order_and_cleans_up(capfd):
    """ForkedWork: the child's items come back in order and its file is removed; a child whose work raises
    gives None and no traceback."""
    import os

    from reconcile.fork import ForkedWork

    def work(put):  # type: ignore[no-untyped-def]
        for i in range(5):
            put({"i": i, "a": np.arange(i)})

    w = ForkedWork(work)
    got = list(w.results() or [])
    assert [x["i"] for x in got] == list(range(5)) and np.array_equal(got[4]["a"], np.arange(4))
    assert not os.path.exists(w.path)

    def fail(put):  # type: ignore[no-untyped-def]
        put(1)
        raise ValueError("boom")

    capfd.readouterr()
    w = ForkedWork(fail)
    assert w.results() is None and not os.path.exists(w.path)
    assert "Traceback" not in capfd.readouterr().err


def test_the_findings_split_never_cuts_a_claim_pair(seeds_links):
    """The child's share starts where a new claim pair starts: a pair's links are judged together."""
    from reconcile.compare import _pair_boundary

    _, links, _, _ = seeds_links
    pairs = list(zip(links.a.tolist(), links.b.tolist()))
    assert len(pairs) > len(set(pairs))  # some pairs have several links
    for at in range(1, len(pairs)):
        cut = _pair_boundary(links, at)
        assert cut >= at and (cut == len(pairs) or pairs[cut] != pairs[cut - 1])
        assert all(pairs[k] == pairs[at - 1] for k in range(at, cut))


def test_findings_without_a_temporary_file_are_judged_here(seeds_links, settings, monkeypatch):
    """Where no temporary file can be made for the child, every pair is judged here: the same findings."""
    import tempfile

    import reconcile.compare as compare

    claims, links, clusters, sources = seeds_links
    want = compare.make_findings(claims, links, clusters, sources, settings)
    monkeypatch.setattr(compare, "PARALLEL_MIN_LINKS", 1)

    def no_space(*a, **k):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    assert _as_dicts(compare.make_findings(claims, links, clusters, sources, settings, workers=2)) == _as_dicts(want)
