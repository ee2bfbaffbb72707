"""Stage 5: Claims -> Links and Clusters. Embeddings find candidates; facts, measures and events gate them.

1. Units: one per fact (value masked in its clause) and one per checkable sentence (statements).
2. Candidates: cosine nearest neighbours within a value type (dates with dates, money with money).
3. Score: masked-span cosine + measure similarity (rapidfuzz) + shared entities; events must agree.
4. Two tiers: links above the match threshold, possible matches above the suggest threshold.
5. Clusters: connected components of links, deterministic for any input order.
"""

from __future__ import annotations

from collections.abc import Sequence
import re
from dataclasses import dataclass

import numpy as np

from .models import Claim, Cluster, Fact, Link, stable_id
from .settings import Settings


@dataclass(frozen=True)
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


def value_group(claim: Claim, f: Fact) -> str:
    """Facts are only compared with facts of the same value type (and dimension)."""
    if f.kind == "quantity":
        q = [q for q in claim.quantities][f.index]
        dim = "duration" if q.is_duration else q.dimension
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
    """(similarity 0..1, predicates_differ). Known predicates compare by identity, others fuzzily."""
    from rapidfuzz import fuzz

    from .claims import PREDICATES

    pa = a.measure.split(" ")[0] if a.measure else ""
    pb = b.measure.split(" ")[0] if b.measure else ""
    names = {n.split(" ")[0] for n in PREDICATES}
    if pa in names and pb in names:
        same = a.measure.startswith(pb) or b.measure.startswith(pa)
        return (1.0 if same else 0.0), not same
    if not a.measure or not b.measure:
        return 0.5, False
    # token_sort_ratio, not token_set_ratio: a subset of words must not score 100.
    return fuzz.token_sort_ratio(a.measure, b.measure) / 100.0, False


IDF: dict[str, float] = {}


def set_entity_weights(claims: Sequence[Claim]) -> None:
    """Inverse document frequency of entity keys: sharing "S-300" says more than sharing "Russia"."""
    import math
    from collections import Counter

    df = Counter(k for c in claims for k in c.entity_keys())
    n = max(1, len(claims))
    IDF.clear()
    IDF.update({k: math.log(1 + n / v) for k, v in df.items()})


def entity_overlap(a: Claim, b: Claim, span_a: tuple[int, int] | None = None, span_b: tuple[int, int] | None = None) -> float:
    """IDF-weighted Jaccard overlap of entity keys (within the fact spans when given)."""
    ea = {e.key for e in a.entities if span_a is None or span_a[0] <= e.start < span_a[1]}
    eb = {e.key for e in b.entities if span_b is None or span_b[0] <= e.start < span_b[1]}
    if not ea or not eb:
        return 0.0
    w = lambda keys: sum(IDF.get(k, 1.0) for k in keys)  # noqa: E731
    # Overlap coefficient (shared over the smaller side): a sentence that adds one more name
    # ("Venezuela's airspace") still states the same thing about the shared rare ones.
    return w(ea & eb) / min(w(ea), w(eb))


def events_agree(a: Claim, fa: Fact, b: Claim, fb: Fact) -> bool:
    """Facts are comparable only within one event: the same main-event group, or a shared background subject."""
    if fa.event.startswith("main:") and fb.event.startswith("main:"):
        return fa.event == fb.event
    return bool(a.entity_keys() & b.entity_keys())


def candidate_pairs(vecs: np.ndarray, threshold: float, k: int) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) with cosine >= threshold among each item's k nearest neighbours.

    Exact blocked matrix products below 20,000 items; an HNSW index (usearch) above.
    """
    n = len(vecs)
    out: dict[tuple[int, int], float] = {}
    if n < 2:
        return []
    if n <= 20_000:
        for s in range(0, n, 2048):
            sims = vecs[s : s + 2048] @ vecs.T
            for r in range(sims.shape[0]):
                i = s + r
                row = sims[r]
                kk = min(k + 1, n)
                idx = np.argpartition(-row, kk - 1)[:kk]
                for j in idx:
                    j = int(j)
                    if j != i and row[j] >= threshold:
                        key = (min(i, j), max(i, j))
                        out[key] = float(row[j])
    else:
        from usearch.index import Index

        index = Index(ndim=vecs.shape[1], metric="cos", dtype="f32", connectivity=32, expansion_add=128, expansion_search=256)
        index.add(np.arange(n), vecs)
        matches = index.search(vecs, min(k + 1, n))
        for i in range(n):
            for j, dist in zip(matches.keys[i], matches.distances[i]):
                j = int(j)
                sim = 1.0 - float(dist)
                if j != i and j >= 0 and sim >= threshold:
                    out[(min(i, j), max(i, j))] = sim
    return sorted((i, j, s) for (i, j), s in out.items())


def link_units(units: list[Unit], vectors: dict[str, np.ndarray], settings: Settings, k: int = 30) -> list[Link]:
    """Score candidate pairs within each value group and keep those above the suggest threshold."""
    links: dict[tuple[str, str, int, int], Link] = {}
    set_entity_weights(list({u.claim.id: u.claim for u in units}.values()))
    groups: dict[str, list[Unit]] = {}
    for u in units:
        groups.setdefault(u.group, []).append(u)
    for gname in sorted(groups):
        us = groups[gname]
        if len(us) < 2:
            continue
        mat = np.vstack([vectors[u.text] for u in us])
        floor = settings.min_cosine if gname != "statement" else min(settings.statement_suggest, settings.min_cosine + 0.1)
        for i, j, cos in candidate_pairs(mat, floor, k):
            ua, ub = us[i], us[j]
            if ua.claim.source_file == ub.claim.source_file:
                continue
            if ua.claim.id > ub.claim.id:
                ua, ub = ub, ua
            if gname == "statement":
                ent = max(entity_overlap(ua.claim, ub.claim), entity_overlap(ua.claim, ub.claim, ua.clause, ub.clause))
                score = settings.w_statement_cosine * cos + (1 - settings.w_statement_cosine) * ent
                if score < settings.statement_suggest:
                    continue
                tier = "match" if score >= settings.statement_threshold else "possible"
                key = (ua.claim.id, ub.claim.id, -1, -1)
                if key not in links or links[key].score < score:
                    links[key] = Link(ua.claim.id, ub.claim.id, -1, -1, score, cos, 0.0, ent, tier)
                continue
            fa, fb = ua.fact_obj, ub.fact_obj
            assert fa is not None and fb is not None
            if not events_agree(ua.claim, fa, ub.claim, fb):
                continue
            msim, differ = measure_similarity(fa, fb)
            ent = max(entity_overlap(ua.claim, ub.claim, fa.span, fb.span), entity_overlap(ua.claim, ub.claim) * 0.8)
            if differ:
                # Different predicates (signed vs came into effect): judge on subject alone; at best related.
                score = (settings.w_cosine * cos + settings.w_entities * ent) / (settings.w_cosine + settings.w_entities)
            else:
                score = settings.w_cosine * cos + settings.w_measure * msim + settings.w_entities * ent
            if score < settings.suggest_threshold:
                continue
            # A different-event pair can at most be "related", which raises no alarm: link it at the suggest tier.
            tier = "match" if score >= (settings.suggest_threshold if differ else settings.match_threshold) else "possible"
            key = (ua.claim.id, ub.claim.id, ua.fact, ub.fact)
            links[key] = Link(ua.claim.id, ub.claim.id, ua.fact, ub.fact, score, cos, msim if not differ else -1.0, ent, tier)
    return [links[k] for k in sorted(links)]


def cluster(claims: Sequence[Claim], links: Sequence[Link]) -> list[Cluster]:
    """Connected components over match-tier links; every claim is in exactly one cluster."""
    parent = {c.id: c.id for c in claims}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ln in links:
        if ln.tier != "match":
            continue
        ra, rb = find(ln.a), find(ln.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = {}
    for c in claims:
        members.setdefault(find(c.id), []).append(c.id)
    out = [Cluster(stable_id(*sorted(m)), tuple(sorted(m))) for m in members.values()]
    return sorted(out, key=lambda c: (-len(c.claim_ids), c.id))
