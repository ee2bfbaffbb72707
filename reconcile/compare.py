"""Stage 6: Links -> Findings. Each cross-source claim pair gets one relation and a reason in words.

corroborates: same fact, compatible values (dates at their shared granularity, quantities within
qualifiers and ranges, physical units converted). contradicts: same event and measure, incompatible
values, or the same statement with opposite polarity. updates: values differ but the later article
reports a newer state (a rising toll, a death). related: same subject, different fact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .claims import published_interval
from .extract import to_base
from .models import Claim, Cluster, Fact, Finding, Link, Side, Source, stable_id
from .settings import Settings

RANK = {"contradicts": 5, "updates": 4, "corroborates": 3, "related": 2, "possible": 1}
CUMULATIVE = re.compile(r"\b(?:killed|dead|died|deaths?|toll|injured|wounded|hurt|casualties|missing|displaced|arrested|detained|refugees|fled|evacuated|cases|infected)\b", re.I)
STATE_CHANGE = re.compile(
    r"\b(?:death of|died|was killed|killed|late|collapsed|collapse|toppled|fled|resigned|resignation|ousted|overthrown|fell|fall of|arrested|captured|"
    r"dismissed|replaced|former|after the death|stepped down|assassinat\w+|executed)\b",
    re.I,
)


def _state_change_near(c: Claim, key: str) -> str:
    """A state-change cue ("death of", "ousted") within a few words of an entity, or ''."""
    for e in c.entities:
        if e.key != key:
            continue
        window = c.text[max(0, e.start - 45) : e.end + 25]
        m = STATE_CHANGE.search(window)
        if m:
            return m.group(0)
    return ""


def _pub(src: Source | None) -> tuple[date, date] | None:
    return published_interval(src) if src else None


def _fmt_interval(lo: float, hi: float) -> str:
    if hi == float("inf"):
        return f"≥ {lo:,.6g}"
    if lo == hi:
        return f"{lo:,.6g}"
    return f"{lo:,.6g}–{hi:,.6g}"


def compare_values(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> tuple[bool | None, str]:
    """(compatible?, explanation). None when the values cannot be compared (e.g. different currencies)."""
    if fa.kind == "date":
        da, db = ca.dates[fa.index], cb.dates[fb.index]
        ok = da.low <= db.high and db.low <= da.high
        how = f"{da.display} ({da.granularity}) vs {db.display} ({db.granularity})"
        return ok, ("the periods overlap: " if ok else "the periods do not overlap: ") + how
    if fa.kind == "quantity":
        qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
        if qa.dimension == "currency" and qa.unit != qb.unit:
            return None, f"different currencies ({qa.unit} vs {qb.unit})"
        la, ha = to_base(qa) if qa.dimension != "currency" else (qa.low, qa.high)
        lb, hb = to_base(qb) if qb.dimension != "currency" else (qb.low, qb.high)
        # Rounding in conversions ("8 kilometres (5 miles)") is tolerated at 5%.
        tol = 0.05 if qa.unit != qb.unit else 0.0
        ok = la * (1 - tol) <= hb * (1 + tol) and lb * (1 - tol) <= ha * (1 + tol)
        conv = " after unit conversion" if qa.unit != qb.unit else ""
        how = f"{fa.value} [{_fmt_interval(qa.low, qa.high)}] vs {fb.value} [{_fmt_interval(qb.low, qb.high)}]{conv}"
        return ok, ("the amounts are compatible: " if ok else "the amounts are incompatible: ") + how
    # Attributes: closed-class values compare by identity.
    aa, ab = ca.attributes[_attr_index(ca, fa)], cb.attributes[_attr_index(cb, fb)]
    if aa.kind == "time":
        za, zb = aa.value.split(" ", 1)[1], ab.value.split(" ", 1)[1]
        if aa.value.split(" ")[0] == ab.value.split(" ")[0]:
            return True, f"same time: {aa.value} vs {ab.value}"
        if "unspecified" in (za + zb):
            return None, f"times {aa.value} vs {ab.value} may be in different zones"
    ok = aa.value == ab.value
    return ok, f"{aa.kind}: “{aa.text}” vs “{ab.text}”"


def _attr_index(c: Claim, f: Fact) -> int:
    kind = f.kind.split(":", 1)[1]
    idx = [i for i, a in enumerate(c.attributes) if a.kind == kind]
    # Fact.index counts values of the fact's kind; attributes of several kinds share "attribute:<kind>".
    same = [i for i, ff in enumerate(c.facts) if ff.kind == f.kind]
    pos = same.index(c.facts.index(f)) if f in c.facts else 0
    return idx[min(pos, len(idx) - 1)]


def side(c: Claim, f: Fact | None, src: Source | None) -> Side:
    """One side of a finding, with the value and the span it rests on."""
    value = f.value if f else ("negated: " + c.negation_cue if c.negated else "statement")
    span = c.text[f.span[0] : f.span[1]] if f else c.text
    pub = src.published.value if src and src.published else ""
    return Side(c.id, c.source_file, c.text, c.line, c.location, value, span, c.origin, pub)


def _later(a: Source | None, b: Source | None, gap_days: int) -> int:
    """1 if b is published later than a by more than gap_days, -1 if a is, 0 if unknown or close."""
    pa, pb = _pub(a), _pub(b)
    if not pa or not pb:
        return 0
    if (pb[0] - pa[1]).days > gap_days:
        return 1
    if (pa[0] - pb[1]).days > gap_days:
        return -1
    return 0


def judge_fact_pair(ca: Claim, fa: Fact, cb: Claim, fb: Fact, link: Link, sa: Source | None, sb: Source | None, settings: Settings) -> tuple[str, str]:
    """Relation and reason for two linked facts."""
    measure = fa.measure or fb.measure or fa.kind
    if link.measure < 0:
        return "related", f"same subject, different events: “{fa.measure}” ({fa.value}) vs “{fb.measure}” ({fb.value})"
    ok, how = compare_values(ca, fa, cb, fb)
    if ok is None:
        return "related", f"same subject, values not comparable: {how}"
    if ok:
        return "corroborates", f"{measure}: {how}"
    order = _later(sa, sb, settings.update_gap_days)
    if fa.kind == "quantity" and order and CUMULATIVE.search(fa.measure + " " + fb.measure + " " + fa.masked + " " + fb.masked):
        qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
        newer, older = (qb, qa) if order > 0 else (qa, qb)
        if newer.low >= older.low:
            return "updates", f"{measure}: a running count rose between publications: {how}"
    if link.cosine < settings.contradiction_cosine or link.measure < settings.contradiction_measure or not (fa.measure and fb.measure):
        return "possible", f"{measure}: values differ but the facts may not be the same ({how}; span similarity {link.cosine:.2f}, measure similarity {link.measure:.2f})"
    return "contradicts", f"{measure}: same event, {how}"


def judge_statement_pair(ca: Claim, cb: Claim, link: Link, sa: Source | None, sb: Source | None, settings: Settings) -> tuple[str, str]:
    """Relation and reason for two linked sentences without comparable values."""
    from rapidfuzz import fuzz

    order = _later(sa, sb, settings.update_gap_days)
    if order:
        newer, older = (cb, ca) if order > 0 else (ca, cb)
        # A changed state of a person both sentences name: "death of Ali Khamenei" after "Khamenei faces protests".
        for person in sorted(k for k in newer.entity_keys() & older.entity_keys() if len(k.split()) >= 2):
            cue = _state_change_near(newer, person)
            if cue and not _state_change_near(older, person):
                return "updates", f"the later article ({newer.source_file}) reports a changed state of {person}: “{cue}”"
    if ca.negated != cb.negated:
        strip = lambda t: re.sub(r"\b(?:not|no|never|n't|did|does|do)\b", " ", t.lower())  # noqa: E731
        if fuzz.token_sort_ratio(strip(ca.text), strip(cb.text)) >= 85:
            neg = ca if ca.negated else cb
            return "contradicts", f"the same statement with opposite polarity (“{neg.negation_cue}” in {neg.source_file})"
    if link.tier == "possible":
        return "possible", f"similar statements (score {link.score:.2f}, below the match threshold): review"
    shared = sorted(ca.entity_keys() & cb.entity_keys())
    return "corroborates", "the same statement" + (f" about {', '.join(shared[:4])}" if shared else "") + f" (similarity {link.cosine:.2f})"


def make_findings(
    claims: Sequence[Claim], links: Sequence[Link], clusters: Sequence[Cluster], sources: Sequence[Source], settings: Settings
) -> list[Finding]:
    """One finding per linked cross-source claim pair: the strongest relation among its linked facts."""
    by_id = {c.id: c for c in claims}
    src = {s.file: s for s in sources}
    cluster_of = {cid: cl.id for cl in clusters for cid in cl.claim_ids}
    best: dict[tuple[str, str], tuple[tuple[int, int, float], Finding]] = {}
    for ln in links:
        ca, cb = by_id[ln.a], by_id[ln.b]
        sa, sb = src.get(ca.source_file), src.get(cb.source_file)
        if ln.fact_a >= 0:
            fa, fb = ca.facts[ln.fact_a], cb.facts[ln.fact_b]
            rel, reason = judge_fact_pair(ca, fa, cb, fb, ln, sa, sb, settings)
            if ln.tier == "possible" and rel != "contradicts":
                rel, reason = "possible", f"{reason} (score {ln.score:.2f}, below the match threshold): review"
            elif ln.tier == "possible":
                rel, reason = "possible", f"possible contradiction, {reason} (score {ln.score:.2f}): review"
            measure = fa.measure or fb.measure
        else:
            fa = fb = None
            rel, reason = judge_statement_pair(ca, cb, ln, sa, sb, settings)
            measure = "statement"
        independent = ca.origin != cb.origin
        origin_note = f"; independent origins ({ca.origin} / {cb.origin})" if independent else f"; one origin ({ca.origin})"
        f = Finding(
            id=stable_id(ca.source_file, ca.text, cb.source_file, cb.text),
            relation=rel,
            a=side(ca, fa, sa),
            b=side(cb, fb, sb),
            measure=measure,
            reason=reason + origin_note,
            score=ln.score,
            independent=independent,
            cluster=cluster_of.get(ca.id, ""),
        )
        key = (ln.a, ln.b)
        # Facts decide: a verdict on values outranks a sentence-level similarity.
        rank = (int(ln.fact_a >= 0 and rel != "possible"), RANK[rel], ln.score)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, f)
    out = [f for _, f in best.values()]
    return sorted(out, key=lambda f: (-RANK[f.relation], f.a.source_file, f.a.line, f.b.source_file, f.b.line, f.id))
