"""Stage 7: Result -> Markdown (tabulate) and JSON. Everything from articles is escaped."""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tabulate import tabulate

from . import __version__
from .ingest import Corpus
from .models import Finding, Side
from .pipeline import Result
from .progress import progress
from .settings import Settings

if TYPE_CHECKING:
    from .check import CheckResult, Evidence
    from .review import Decision, ReviewView

_MD_CHARS = re.compile(r"([\\`*_{}\[\]()#+!|~^=$])")
_LIST_NUM = re.compile(r"^(\d+)\.")
_SCHEME = re.compile(r"(?i)\b(https?|ftp|javascript|data|mailto|xmpp|www)(:|\.)")
_MENTION = re.compile(r"@(?=\w)")


def escape(text: str) -> str:
    """Inert Markdown: no HTML, links, headings, code or table breaks can come from article text."""
    return _escape(str(text))


@lru_cache(maxsize=1 << 16)
def _escape(text: str) -> str:  # memoised: a claim's text is escaped once per finding it is in
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_CHARS.sub(r"\\\1", text)
    # A line starting with "-", "1." or ":" would become a list item or definition inside a cell.
    text = _LIST_NUM.sub(r"\1\\.", text)
    if text.startswith("-"):
        text = "\\" + text
    return _unlinked(text)


def _unlinked(text: str) -> str:
    """Text in which nothing is autolinked: bare URLs lose their scheme's form, e-mail addresses and @names
    their "@" (GitHub links both), by a zero-width space."""
    text = _SCHEME.sub(lambda m: m.group(1) + "\u200b" + m.group(2), text)
    return _MENTION.sub("@\u200b", text)


def html_text(text: str) -> str:
    """Inert text for a raw HTML line of the report (a `<summary>`): Markdown is not read there, so its
    escapes would show as backslashes; HTML escapes are used instead, and no link or mention survives."""
    import html

    return _unlinked(html.escape(" ".join(str(text).split()), quote=False))


def html_code(text: str) -> str:
    """A file:line location inside a `<summary>`: HTML code, not a Markdown code span."""
    return f"<code>{html_text(text)}</code>"


def code(text: str) -> str:
    """An inline code span for a table cell: backticks become quotes, and a pipe is escaped.

    Backslashes are literal inside code, but a GFM table is split into cells before code spans are
    read, so "a|b" would still cut the cell in two; the table parser turns "\\|" back into "|".
    """
    return "`" + " ".join(str(text).split()).replace("`", "'").replace("|", "\\|") + "`"


def _quote(f: Finding, side: str) -> str:
    return _side_quote(getattr(f, side))


def _side_quote(s: Any) -> str:
    """The quote of a finding's side: the fact's span inside its sentence, with ellipses where cut."""
    span = s.span
    if span != s.text and span in s.text:
        pre = "…" if not s.text.startswith(span) else ""
        post = "…" if not s.text.endswith(span) else ""
        return f"{pre}“{escape(span)}”{post}"
    return f"“{escape(s.text)}”"


def _who(res: Result, file: str) -> str:
    src = res.corpus.source(file)
    if src and src.outlet:
        return src.outlet.value
    return file


# JSON ------------------------------------------------------------------------------------------


def to_json(res: Result, reviews: ReviewView | None = None) -> dict[str, Any]:
    """Everything the Markdown shows, with the GOLD.md fields (claims[], clusters[].claims[], findings[]).

    With review decisions, every finding carries `review` (null when undecided), the summary counts
    leave dismissed findings out (as the Markdown does), and `reviews` lists orphaned decisions.
    """
    findings = [f.to_dict() for f in res.findings]
    if reviews is not None:
        for d, f in zip(findings, res.findings):
            dec = reviews.of(f)
            d["review"] = dec.to_dict() if dec else None
        res = _without_dismissed(res, reviews)
    by_id = {c.id: c for c in res.claims}
    per_source = Counter(c.source_file for c in res.claims)
    cluster_of = {cid: cl.id for cl in res.clusters for cid in cl.claim_ids}
    claims = []
    for c in res.claims:
        d = c.to_dict()
        d["cluster"] = cluster_of.get(c.id, "")
        claims.append(d)
    return {
        "reconcile": __version__,
        "corpus": res.corpus.name,
        "model": res.model,
        "settings": {
            "match_threshold": res.settings.match_threshold,
            "suggest_threshold": res.settings.suggest_threshold,
            "statement_threshold": res.settings.statement_threshold,
            "statement_suggest": res.settings.statement_suggest,
        },
        "summary": summary(res),
        "sources": [s.to_dict() | {"claims": per_source[s.file]} for s in res.corpus.sources],
        "skipped": [{"path": s.path, "reason": s.reason} for s in res.corpus.skipped],
        "claims": claims,
        "clusters": [
            {"id": cl.id, "size": len(cl.claim_ids), "claims": [{"id": i, "source_file": by_id[i].source_file, "text": by_id[i].text, "location": by_id[i].location} for i in cl.claim_ids]}
            for cl in res.clusters
            if len(cl.claim_ids) > 1
        ],
        "findings": findings,
        "warnings": list(res.warnings),
    } | ({"reviews": reviews.to_dict()} if reviews is not None else {})


def summary(res: Result) -> dict[str, int]:
    """Counts shown at the top of the report."""
    rel = Counter(f.relation for f in res.findings)
    linked = {f.a.claim_id for f in res.findings if f.relation != "possible"} | {f.b.claim_id for f in res.findings if f.relation != "possible"}
    return {
        "sources": len(res.corpus.sources),
        "skipped": len(res.corpus.skipped),
        "claims": len(res.claims),
        "checkable_claims": sum(1 for c in res.claims if c.checkable),
        "contradicts": rel["contradicts"],
        "updates": rel["updates"],
        "corroborates": rel["corroborates"],
        "related": rel["related"],
        "possible": rel["possible"],
        "possible_contradictions": sum(1 for f in res.findings if f.conflict),
        "single_source_checkable": sum(1 for c in res.claims if c.checkable and c.id not in linked),
    }


def _finite(x: Any) -> Any:
    """JSON has no Infinity: an open bound ("at least 12" has no upper one) is written as null."""
    if isinstance(x, float):
        return x if math.isfinite(x) else None
    if isinstance(x, dict):
        return {k: _finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_finite(v) for v in x]
    return x


def json_text(data: Any) -> str:
    """Valid, deterministic JSON text (non-finite numbers as null)."""
    return json.dumps(_finite(data), ensure_ascii=False, indent=2, sort_keys=False, default=str, allow_nan=False) + "\n"


def dumps_json(res: Result, reviews: ReviewView | None = None) -> str:
    """Deterministic JSON text."""
    return json_text(to_json(res, reviews))


@dataclass(frozen=True)
class Rendered:
    """A rendered corpus report, and what the command tells the user about it."""

    text: str
    orphaned: int  # review decisions whose claims are gone
    warnings: tuple[str, ...]
    from_cache: bool
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage when computed (benchmarks)
    encode_seconds: float = 0.0  # the model's own encoding within them (benchmarks)


def render_report(corpus: Corpus, settings: Settings, fmt: str, reviews_path: Path | None) -> Rendered:
    """Run the pipeline on an ingested corpus and render it as Markdown or JSON, with the review
    decisions in reviews_path (when it exists).

    The rendered text is kept in the output cache: when the corpus, its metadata, the settings, the
    model files, the reviews file and the code are all unchanged, the stored text is returned and
    nothing after ingest is recomputed (a warm re-run). Any change is a miss and a full run.
    """
    from .cache import OutputCache, output_key
    from .embed import model_stamp
    from .pipeline import run_corpus
    from .review import apply_reviews, load_reviews

    # Read the decisions first: a malformed file fails before the long run, not after.
    reviews = load_reviews(reviews_path) if reviews_path is not None and reviews_path.is_file() else None
    store = key = None
    if settings.use_cache:
        reviews_bytes = reviews_path.read_bytes() if reviews is not None and reviews_path is not None else b""
        variant = json.dumps([fmt, hashlib.sha256(reviews_bytes).hexdigest(), str(reviews_path or "")])
        key = output_key(corpus, settings, model_stamp(settings), variant)
        store = OutputCache(settings.cache_dir / "outputs.sqlite3")
    try:
        got = store.get(key) if store is not None and key is not None else None
        if got is not None:
            text, meta = got
            return Rendered(text, int(meta.get("orphaned", 0)), (), True)
        res = run_corpus(corpus, settings)
        clock = time.perf_counter()
        view = apply_reviews(reviews, res) if reviews is not None else None
        text = dumps_json(res, view) if fmt == "json" else to_markdown(res, view)
        timings = (*res.timings, (f"{fmt} report", time.perf_counter() - clock))
        out = Rendered(text, len(view.orphaned) if view is not None else 0, res.warnings, False, timings, res.encode_seconds)
        # A run that warned (a cache rebuilt, a write that failed) is not kept: its report says so,
        # and a later run should not repeat that about itself.
        if store is not None and key is not None and not res.warnings:
            store.put(key, text, {"orphaned": out.orphaned})
        return out
    finally:
        if store is not None:
            store.close()


def _without_dismissed(res: Result, reviews: ReviewView) -> Result:
    """The run as the reader sees it after review: dismissed findings (false alarms) taken out."""
    return replace(res, findings=tuple(f for f in res.findings if not reviews.dismissed(f)))


# Markdown --------------------------------------------------------------------------------------


# Above this many sources (outlets, or files where the outlet is unknown) the agreement matrix and the
# graph give way to a list of source pairs.
MATRIX_MAX_SOURCES = 30

REVIEW_MARK = {"confirmed": "✔ confirmed", "resolved": "✎ resolved", "dismissed": "✗ dismissed"}


def _review_line(d: Decision) -> str:
    """The decision on a finding, for people; everything typed by a reviewer is escaped."""
    out = f"**Review:** {REVIEW_MARK[d.decision]}"
    if d.value:
        out += f", correct value: {escape(d.value)}"
    if d.by or d.at:
        out += " (" + escape(" ".join(x for x in (d.by, d.at) if x)) + ")"
    return out + (f": {escape(d.note)}" if d.note else "")


def _review_cell(d: Decision | None) -> str:
    if d is None:
        return "—"
    out = REVIEW_MARK[d.decision] + (f": {escape(d.value)}" if d.value else "")
    if d.by:
        out += f" ({escape(d.by)})"
    return out + (f" — {escape(d.note)}" if d.note else "")


def _finding_block(res: Result, f: Finding, n: str, reviews: ReviewView | None = None) -> list[str]:
    dec = reviews.of(f) if reviews is not None else None
    rows = [
        [escape(_who(res, f.a.source_file)), _quote(f, "a"), escape(f.a.value), code(f.a.location)],
        [escape(_who(res, f.b.source_file)), _quote(f, "b"), escape(f.b.value), code(f.b.location)],
    ]
    indep = "independent sources" if f.independent else f"same origin ({escape(f.a.origin)}): not independent"
    mark = f" · {REVIEW_MARK[dec.decision]}" if dec else ""
    return _block(
        f"#### {n} · {escape(f.measure or 'statement')} · `{f.id}`{mark}", rows, f.reason,
        [f"**Independence:** {indep}; origins {escape(f.a.origin)} / {escape(f.b.origin)}" + ("  " if dec else "")]
        + ([_review_line(dec)] if dec else []),
    )


def _block(heading: str, rows: list[list[str]], why: str, tail: list[str]) -> list[str]:
    """A discrepancy block: heading, the quotes table (source | quote | value | location), the reason."""
    return [
        heading, "",
        tabulate(rows, headers=["source", "quote", "value", "location"], tablefmt="github", disable_numparse=True), "",
        f"**Why:** {escape(why)}  ",
    ] + tail + [""]


def _contradiction_blocks(contra: list[Finding]) -> list[list[Finding]]:
    """Contradictions grouped by the disagreement they state: the cluster (so two stories of an archive
    that disagree on the same numbers stay apart), the event word (the measure's first word) and the two
    values, in the order of their first finding."""
    groups: dict[tuple[str, str, frozenset[str]], list[Finding]] = {}
    for f in contra:
        groups.setdefault((f.cluster, (f.measure or "statement").split(" ")[0], frozenset((f.a.value, f.b.value))), []).append(f)
    return list(groups.values())


def _shared_block(res: Result, fs: list[Finding], n: str, reviews: ReviewView | None = None) -> list[str]:
    """One disagreement stated by several sentence pairs: every quote once, the reason, and each pair
    with its id, independence and review decision."""
    first = fs[0]
    values = sorted({first.a.value, first.b.value})
    sides: dict[tuple[str, str], Any] = {}
    for f in fs:
        for x in (f.a, f.b):
            sides.setdefault((x.claim_id, x.value), x)
    rows = [[escape(_who(res, x.source_file)), _side_quote(x), escape(x.value), code(x.location)]
            for x in sorted(sides.values(), key=lambda x: (x.value, x.source_file, x.line))]
    pairs = []
    for f in fs:
        dec = reviews.of(f) if reviews is not None else None
        indep = "independent" if f.independent else f"same origin ({escape(f.a.origin)})"
        pairs.append(f"{code(f.id)} {code(f.a.location)} / {code(f.b.location)}, {indep}" + (f", {_review_cell(dec)}" if dec else ""))
    why = first.basis
    heading = f"#### {n} · {escape(first.measure or 'statement')} · {escape(values[0])} vs {escape(values[-1])} · {len(fs)} sentence pairs"
    return _block(heading, rows, why, ["**Pairs:** " + "; ".join(pairs)])


def _compact(res: Result, fs: list[Finding], reviews: ReviewView | None = None, why: bool = False) -> str:
    """One row per finding: fact, both quotes with file:line, values, independence (or, with `why`, the
    reason), id, and the review decision when there are reviews."""
    rows = []
    for f in fs:
        review = [_review_cell(reviews.of(f))] if reviews is not None else []
        rows.append([
            escape(f.measure or "statement"),
            f"{_quote(f, 'a')} {code(f.a.location)}",
            f"{_quote(f, 'b')} {code(f.b.location)}",
            escape(f"{f.a.value} / {f.b.value}"),
            escape(f.reason) if why else "yes" if f.independent else f"no (1 origin: {escape(f.a.origin)})",
            code(f.id),
            *review,
        ])
    headers = ["fact", "A", "B", "values", "why" if why else "independent", "id"] + (["review"] if reviews is not None else [])
    # Every cell is escaped text: no number parsing (it was most of the report's time).
    return tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)


def _corroboration_groups(cor: list[Finding]) -> list[tuple[str, list[Finding], list[bool]]]:
    """Corroborations grouped around anchors (a claim, or one value of a claim): repeatedly take the
    anchor with the most corroborations left, to be shown as side A. Each group is (anchor, findings,
    whether each is to be turned so that the anchor is its side A: `_turned`). Groups with values come
    first, then larger groups; ties break on ids (deterministic).
    Degrees are kept in a heap lazily: an entry may hold an out-of-date, higher degree, and is put back
    with the current one when it comes to the top, so this is n log n, not n², with one heap entry per
    anchor that comes up stale rather than one per corroboration removed. An entry that comes to the top
    with its current degree is the anchor a heap of current degrees would give (the most left, then the
    lowest number): every other entry is at least its anchor's current degree.
    Findings and anchors are numbered in id and name order, so the numbers order as the ids and names
    do: at 10,000 articles there are 2.5 million corroborations, and a pair of anchor names for each
    was most of the report's memory."""
    import heapq

    def node(f: Finding, side: str) -> str:
        x = f.a if side == "a" else f.b
        return x.claim_id if f.measure == "statement" else f"{x.claim_id}|{x.value}"

    fs_all = sorted({f.id: f for f in cor}.values(), key=lambda f: f.id)  # index order is id order
    number: dict[str, int] = {}
    for f in fs_all:
        number.setdefault(node(f, "a"), 0)
        number.setdefault(node(f, "b"), 0)
    names = sorted(number)
    number = {n: i for i, n in enumerate(names)}
    end_a = [number[node(f, "a")] for f in fs_all]
    end_b = [number[node(f, "b")] for f in fs_all]
    incident: list[set[int]] = [set() for _ in names]
    for i in range(len(fs_all)):
        incident[end_a[i]].add(i)
        incident[end_b[i]].add(i)
    heap = [(-len(ids), n) for n, ids in enumerate(incident)]
    heapq.heapify(heap)
    left = len(fs_all)
    groups: list[tuple[str, list[Finding], list[bool]]] = []
    while left:
        d, anchor = heapq.heappop(heap)
        now = len(incident[anchor])
        if -d != now:
            if now:
                heapq.heappush(heap, (-now, anchor))  # out of date: back with its current degree
            continue
        members = sorted(incident[anchor])
        left -= len(members)
        for i in members:
            other = end_b[i] if end_a[i] == anchor else end_a[i]
            incident[other].discard(i)
        incident[anchor] = set()
        # Turned when the anchor is side B; within a group, by the other side's place.
        rows = sorted(((fs_all[i], end_a[i] != anchor) for i in members),
                      key=lambda r: ((r[0].a if r[1] else r[0].b).source_file, (r[0].a if r[1] else r[0].b).line, r[0].id))
        groups.append((names[anchor], [r[0] for r in rows], [r[1] for r in rows]))

    def head(g: tuple[str, list[Finding], list[bool]]) -> Side:
        return g[1][0].b if g[2][0] else g[1][0].a

    return sorted(groups, key=lambda g: (g[1][0].measure == "statement", -len(g[1]), head(g).source_file, head(g).line, g[0]))


def _turned(fs: list[Finding], turn: list[bool]) -> list[Finding]:
    """A group's findings, each one marked to be turned with its sides swapped."""
    return [replace(f, a=f.b, b=f.a) if t else f for f, t in zip(fs, turn)]


def _node(name: str) -> str:
    return "n" + re.sub(r"[^A-Za-z0-9]", "", name)[:24] + str(abs(hash_stable(name)) % 1000)


def hash_stable(s: str) -> int:
    """A run-independent integer hash (Python's hash() is salted per process)."""
    import hashlib

    return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16)


def to_markdown(res: Result, reviews: ReviewView | None = None) -> str:
    """The discrepancy report a fact-checker reads: what to act on first, every quote with file:line.

    With review decisions: confirmed and resolved findings are marked where they stand, dismissed
    ones move to a collapsed "Dismissed" section, and orphaned decisions are listed.
    """
    dismissed = [f for f in res.findings if reviews is not None and reviews.dismissed(f)]
    if reviews is not None:
        res = _without_dismissed(res, reviews)
    s = summary(res)
    st = res.settings
    out: list[str] = [
        f"# Reconcile report: {escape(res.corpus.name)}",
        "",
        f"reconcile {__version__} · model `{escape(res.model)}` · match threshold {st.match_threshold} · "
        f"suggest threshold {st.suggest_threshold} · statement threshold {st.statement_threshold}",
        "",
        "## Summary",
        "",
        tabulate(
            [
                ["articles read", s["sources"]], ["inputs skipped", s["skipped"]], ["claims", s["claims"]],
                ["checkable claims", s["checkable_claims"]], ["**contradictions**", s["contradicts"]],
                ["updates", s["updates"]], ["corroborations", s["corroborates"]], ["related", s["related"]],
                ["possible contradictions (review)", s["possible_contradictions"]],
                ["possible matches (review)", s["possible"]], ["single-source checkable claims", s["single_source_checkable"]],
            ] + ([["dismissed on review", len(dismissed)]] if reviews is not None else []),
            headers=["", "count"], tablefmt="github",
        ),
        "",
        "## Sources",
        "",
    ]
    rows = []
    per_source = Counter(c.source_file for c in res.claims)
    for src in res.corpus.sources:
        pub = f"{escape(src.published.value)} ({src.published.origin})" if src.published else "unknown"
        outlet = f"{escape(src.outlet.value)} ({src.outlet.origin})" if src.outlet else "—"
        resid = Counter(r.kind for r in src.residue)
        rows.append([
            code(src.file), outlet, pub, per_source[src.file],
            escape(", ".join(src.relays)) or "—", escape(", ".join(f"{k} ×{v}" for k, v in sorted(resid.items()))) or "—",
        ])
    out += [tabulate(rows, headers=["file", "outlet", "published (how known)", "claims", "relays", "residue removed"], tablefmt="github"), ""]

    contra = [f for f in res.findings if f.relation == "contradicts"]
    upd = [f for f in res.findings if f.relation == "updates"]
    out += ["## Discrepancies", ""]
    if not contra and not upd:
        out += ["No contradictions or updates found.", ""]
    out += [f"### Contradictions ({len(contra)})", ""]
    # A bar over the findings being written (large reports only).
    bar = progress(None, st, "writing the report", "finding", total=len(res.findings), min_total=20_000)
    blocks = _contradiction_blocks(contra)
    if len(blocks) < len(contra):
        out += [f"{len(contra)} findings in {len(blocks)} block{'s' if len(blocks) > 1 else ''}: sentence pairs that state the same disagreement (the same "
                "event word, the same two values) share one block.", ""]
    for i, fs in enumerate(blocks, 1):
        out += _finding_block(res, fs[0], f"C{i}", reviews) if len(fs) == 1 else _shared_block(res, fs, f"C{i}", reviews)
        bar.update(len(fs))
    out += [f"### Updates ({len(upd)})", "", "Values differ, but the later article reports a newer state.", ""]
    for i, f in enumerate(upd, 1):
        out += _finding_block(res, f, f"U{i}", reviews)
        bar.update(1)
    conflicts = sorted((f for f in res.findings if f.conflict), key=lambda f: (-f.score, f.id))
    out += [f"### Possible contradictions to review ({len(conflicts)})", ""]
    if not conflicts:
        out += ["None.", ""]
    else:
        out += [
            "Same measure, incompatible values, and nothing says the facts differ, but the sentences are not close "
            "enough to call them one fact: read both quotes. Strongest first; also counted under possible matches.", "",
            _compact(res, _capped(conflicts, st), reviews, why=True), "",
        ]
        out += _left_out_line(conflicts, "possible contradiction(s)", st)

    cor = [f for f in res.findings if f.relation == "corroborates"]
    out += [f"## Corroborated facts ({len(cor)})", ""]
    if cor:
        # One group per statement: the claim most sources agree with, and the quotes that agree with it.
        # (Grouping by cluster chains loosely linked claims into one block nobody can read.)
        groups = _corroboration_groups(cor)
        shown = 0
        for g, (anchor, unturned, turn) in enumerate(groups):
            if st.report_limit and shown >= st.report_limit:
                rest = groups[g:]
                out += [_left_out(f"{len(rest)} more group(s) ({sum(len(x[1]) for x in rest)} corroborations)", st), ""]
                break
            fs = _turned(unturned, turn)
            shown += len(fs)
            files = sorted({x.a.source_file for x in fs} | {x.b.source_file for x in fs})
            origins = sorted({x.a.origin for x in fs} | {x.b.origin for x in fs})
            head = fs[0].a
            is_fact = fs[0].measure != "statement"
            text = head.span if is_fact else head.text
            short = text if len(text) <= 100 else text[:100].rsplit(" ", 1)[0] + "…"
            value = f" ({html_text(head.value)})" if is_fact else ""
            out += [
                # Raw HTML: Markdown escapes would show as backslashes there.
                f"<details><summary>{html_text(fs[0].measure or 'statement')}{value}: “{html_text(short)}” "
                f"{html_code(head.location)}: {len(files)} sources, {len(origins)} independent origin(s) "
                f"({html_text(', '.join(origins))})</summary>",
                "",
                _compact(res, fs, reviews),
                "",
                "</details>",
                "",
            ]
            bar.update(len(fs))
    rel = [f for f in res.findings if f.relation == "related"]
    out += [f"## Related facts ({len(rel)})", "", "Same subject, different fact (for example a different event of the same thing).", ""]
    if rel:
        out += ["<details><summary>show</summary>", "", _compact(res, _capped(rel, st), reviews), "", "</details>", ""]
        out += _left_out_line(rel, "related pair(s)", st)
        bar.update(len(rel))
    pos = [f for f in res.findings if f.relation == "possible"]
    out += [f"## Possible matches for review ({len(pos)})", "", "Scored between the suggest and match thresholds: not counted above.", ""]
    if pos:
        out += ["<details><summary>show</summary>", "", _compact(res, _capped(pos, st), reviews), "", "</details>", ""]
        out += _left_out_line(pos, "possible match(es)", st)
    bar.close()
    if reviews is not None:
        out += _reviews_section(res, reviews, dismissed)

    linked = {f.a.claim_id for f in res.findings if f.relation != "possible"} | {f.b.claim_id for f in res.findings if f.relation != "possible"}
    single = [c for c in res.claims if c.checkable and c.id not in linked]
    out += [f"## Single-source checkable claims ({len(single)})", "", "No other source states these: check them at the origin.", ""]
    if single:
        rows = [[code(c.location), f"“{escape(c.text)}”", escape(", ".join([d.display for d in c.dates] + [q.text for q in c.quantities]))]
                for c in _capped(single, st)]
        out += ["<details><summary>show</summary>", "", tabulate(rows, headers=["location", "claim", "values"], tablefmt="github"), "", "</details>", ""]
        out += _left_out_line(single, "claim(s)", st)

    names = sorted({_who(res, s.file) for s in res.corpus.sources})
    agree: Counter[tuple[str, str]] = Counter()
    clash: Counter[tuple[str, str]] = Counter()
    for f in res.findings:
        a, b = _who(res, f.a.source_file), _who(res, f.b.source_file)
        for x, y in ((a, b), (b, a)):
            if f.relation == "corroborates":
                agree[(x, y)] += 1
            elif f.relation == "contradicts":
                clash[(x, y)] += 1
    if len(names) <= MATRIX_MAX_SOURCES:
        out += ["## Source agreement matrix", "", "corroborations / contradictions between each pair of sources.", ""]
        rows = [[escape(a)] + ["—" if a == b else f"{agree[(a, b)]} / {clash[(a, b)]}" for b in names] for a in names]
        out += [tabulate(rows, headers=[""] + [escape(n) for n in names], tablefmt="github"), ""]
        out += ["## Source graph", "", "```mermaid", "graph LR"]
        for n in names:
            label = re.sub(r"[^A-Za-z0-9 ._-]", "", n)[:40] or "source"
            out.append(f'  {_node(n)}["{label}"]')
        for (a, b), k in sorted(agree.items()):
            if a < b:
                out.append(f"  {_node(a)} ---|agree {k}| {_node(b)}")
        for (a, b), k in sorted(clash.items()):
            if a < b:
                out.append(f"  {_node(a)} -.-|contradict {k}| {_node(b)}")
        out += ["```", ""]
    else:
        # A matrix of hundreds of sources is unreadable (and grows with its square): the pairs instead,
        # most contradicted first.
        pairs = sorted({(a, b) for a, b in (*agree, *clash) if a < b}, key=lambda p: (-clash[p], -agree[p], p))
        out += ["## Source pairs", "", f"{len(names)} sources: the pairs that share findings, most contradictions first.", ""]
        rows = [[escape(a), escape(b), agree[(a, b)], clash[(a, b)]] for a, b in pairs]
        out += [tabulate(rows, headers=["source", "source", "corroborations", "contradictions"], tablefmt="github"), ""]
    out += [f"## Skipped inputs ({len(res.corpus.skipped)})", ""]
    if res.corpus.skipped:
        out += [tabulate([[code(s.path), escape(s.reason)] for s in res.corpus.skipped], headers=["input", "reason"], tablefmt="github"), ""]
    else:
        out += ["None: every input file was read.", ""]
    if res.warnings:
        out += ["## Warnings", ""] + [f"- {escape(w)}" for w in res.warnings] + [""]
    return "\n".join(out)


def _capped(items: list[Any], st: Settings) -> list[Any]:
    """The first `report_limit` items of a bulk section (all with no limit)."""
    return items[: st.report_limit] if st.report_limit else items


def _left_out(what: str, st: Settings) -> str:
    return (f"*Not shown: {what}, beyond this section's limit of {st.report_limit}. "
            "`reconcile report --full` writes them all; the JSON report (`--format json`) always has every finding.*")


def _left_out_line(items: list[Any], what: str, st: Settings) -> list[str]:
    """The note under a cut section, or nothing when it was not cut."""
    if not st.report_limit or len(items) <= st.report_limit:
        return []
    return [_left_out(f"{len(items) - st.report_limit} more {what}", st), ""]


def _reviews_section(res: Result, reviews: ReviewView, dismissed: list[Finding]) -> list[str]:
    """Decisions at a glance, the dismissed findings (collapsed), and decisions that no longer apply."""
    n = reviews.counts()
    out = [
        "## Review decisions",
        "",
        f"From {code(reviews.reviews.path)}: {n['confirmed']} confirmed, {n['resolved']} resolved, {n['dismissed']} dismissed, "
        f"{n['orphaned']} orphaned, {n['unlinked']} not linked in this run"
        + (f", {n['elsewhere']} on drafts (`reconcile check`)" if n["elsewhere"] else "") + ".",
        "",
        f"### Dismissed ({len(dismissed)})",
        "",
        "False alarms by a reviewer's decision: not counted above.",
        "",
    ]
    if dismissed:
        out += ["<details><summary>show</summary>", "", _compact(res, dismissed, reviews), "", "</details>", ""]
    out += [f"### Orphaned decisions ({len(reviews.orphaned)})", "", "A claim these decisions rest on is no longer in the corpus (edited or removed).", ""]
    if reviews.orphaned:
        rows = [
            [code(o.decision.id), _review_cell(o.decision), escape(o.decision.relation or "—"),
             f"“{escape(o.decision.a_text)}” {code(o.decision.a_file)}" + (" **(gone)**" if "a" in o.missing else ""),
             f"“{escape(o.decision.b_text)}” {code(o.decision.b_file)}" + (" **(gone)**" if "b" in o.missing else "")]
            for o in reviews.orphaned
        ]
        out += [tabulate(rows, headers=["id", "decision", "relation then", "A", "B"], tablefmt="github"), ""]
    if reviews.unlinked:
        out += [f"### Decisions on claims not linked in this run ({len(reviews.unlinked)})", "",
                "Both claims are still there, but this run (its thresholds) does not link them; the decision is kept.", ""]
        rows = [[code(d.id), _review_cell(d), f"{code(d.a_file)} / {code(d.b_file)}"] for d in reviews.unlinked]
        out += [tabulate(rows, headers=["id", "decision", "files"], tablefmt="github"), ""]
    return out


# Draft check -----------------------------------------------------------------------------------

STATUS_MARK = {"contradicted": "✗ contradicted", "updated": "⟳ updated", "supported": "✓ supported", "unsupported": "? unsupported"}
ROLE_LABEL = {
    "contradicts": "contradicts", "updates": "newer state", "supports": "supports",
    "conflict": "may contradict (review)", "older": "older state (draft is newer)",
    "similar": "similar sentence, values not compared", "related": "related, not support", "possible": "possible match, not support",
    "dismissed": "dismissed on review",
}
MAX_WEAK = 3  # similar sentences, related or possible matches shown per draft claim (JSON has all)


def _evidence_rows(evidence: tuple[Evidence, ...], with_review: bool) -> list[list[str]]:
    rows = []
    weak = 0
    for e in evidence:
        if e.role in ("similar", "related", "possible"):
            weak += 1
            if weak > MAX_WEAK:
                continue
        row = [escape(ROLE_LABEL[e.role]), escape(e.outlet), _side_quote(e.source), escape(e.source.value), code(e.source.location), code(e.finding_id)]
        rows.append(row + ([_review_cell(e.review)] if with_review else []))
    return rows


def check_to_markdown(cr: CheckResult, fail_on: str) -> str:
    """The draft check: draft claims in draft order, each with its status and the source quotes behind it."""
    n = cr.counts()
    failing = cr.failing(fail_on)
    pub = cr.draft.published.value if cr.draft.published else "unknown"
    out = [
        f"# Draft check: {escape(cr.draft.file)}",
        "",
        (f"reconcile {__version__} · model `{escape(cr.result.model)}` · draft dated {escape(pub)} "
         f"({'--published' if cr.published_how == 'option' else 'today'}) · checked against {len(cr.sources)} source(s) · "
         f"fails on: {escape(fail_on)}"),
        "",
        (f"**Result: FAIL**: {len(failing)} claim(s) " + ("contradicted" if fail_on == "contradicted" else "not supported") + "."
         if failing else "**Result: OK**: " + ("no claim is contradicted." if fail_on == "contradicted" else "every checkable claim is supported.")),
        "",
        "## Summary",
        "",
        tabulate([[STATUS_MARK[k], n[k]] for k in ("contradicted", "updated", "supported", "unsupported")]
                 + [["not checkable (no date, number or named actor)", n["not_checkable"]]], headers=["status", "claims"], tablefmt="github"),
        "",
        "## Draft claims",
        "",
    ]
    if not cr.checks:
        out += ["The draft has no checkable claims.", ""]
    with_review = cr.reviews is not None and any(e.review for c in cr.checks for e in c.evidence)
    for i, c in enumerate(cr.checks, 1):
        out += [f"### {i} · {STATUS_MARK[c.status]} · {code(c.claim.location)}", "", f"> “{escape(c.claim.text)}”", ""]
        lines = [f"**Why:** {escape(c.reason)}"]
        if c.status == "supported":
            lines.append(f"**Independent origins:** {len(c.origins)}" + (f" ({escape(', '.join(c.origins))})" if c.origins else ""))
        out += ["  \n".join(lines), ""]
        rows = _evidence_rows(c.evidence, with_review)
        if rows:
            headers = ["", "source", "quote", "value", "location", "finding"] + (["review"] if with_review else [])
            out += [tabulate(rows, headers=headers, tablefmt="github"), ""]
    src_rows = [[code(s.file), escape(s.outlet.value) if s.outlet else "—", escape(s.published.value) if s.published else "unknown",
                 str(sum(1 for c in cr.result.claims if c.source_file == s.file))] for s in cr.sources]
    out += [f"## Sources ({len(cr.sources)})", "", tabulate(src_rows, headers=["file", "outlet", "published", "claims"], tablefmt="github"), ""]
    if cr.result.corpus.skipped:
        out += [f"## Skipped inputs ({len(cr.result.corpus.skipped)})", "",
                tabulate([[code(s.path), escape(s.reason)] for s in cr.result.corpus.skipped], headers=["input", "reason"], tablefmt="github"), ""]
    if cr.reviews is not None and cr.reviews.orphaned:
        out += [f"## Orphaned decisions ({len(cr.reviews.orphaned)})", "", "Decisions on this draft whose claims are no longer in it.", ""]
        rows = [[code(o.decision.id), _review_cell(o.decision), f"“{escape(o.decision.a_text)}” {code(o.decision.a_file)}",
                 f"“{escape(o.decision.b_text)}” {code(o.decision.b_file)}"] for o in cr.reviews.orphaned]
        out += [tabulate(rows, headers=["id", "decision", "A", "B"], tablefmt="github"), ""]
    if cr.result.warnings:
        out += ["## Warnings", ""] + [f"- {escape(w)}" for w in cr.result.warnings] + [""]
    return "\n".join(out)


def dumps_check_json(cr: CheckResult, fail_on: str) -> str:
    """Deterministic JSON text of a draft check."""
    return json_text(cr.to_dict(fail_on))
