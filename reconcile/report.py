"""Stage 7: Result -> Markdown (tabulate) and JSON. Everything from articles is escaped."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from tabulate import tabulate

from . import __version__
from .models import Finding
from .pipeline import Result

MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~^=$-])")


def escape(text: str) -> str:
    """Inert Markdown: no HTML, links, headings, code or table breaks can come from article text."""
    text = " ".join(str(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"([\\`*_{}\[\]()#+!|~^=$])", r"\\\1", text)
    # A line starting with "-", "1." or ":" would become a list item or definition inside a cell.
    text = re.sub(r"^(\d+)\.", r"\1\\.", text)
    text = re.sub(r"^-", r"\\-", text)
    # Bare URLs are autolinked by GitHub; break the scheme so no link survives.
    text = re.sub(r"(?i)\b(https?|ftp|javascript|data|mailto|www)(:|\.)", lambda m: m.group(1) + "\u200b" + m.group(2), text)
    return text


def code(text: str) -> str:
    """An inline code span: backslashes are literal there, so only backticks need removing."""
    return "`" + " ".join(str(text).split()).replace("`", "'") + "`"


def _quote(f: Finding, side: str) -> str:
    s = getattr(f, side)
    span = s.span
    if span != s.text and span in s.text:
        pre = "…" if not s.text.startswith(span) else ""
        post = "…" if not s.text.endswith(span) else ""
        return f"{pre}“{escape(span)}”{post}"
    return f"“{escape(s.text)}”"


def _who(res: Result, file: str) -> str:
    src = next((s for s in res.corpus.sources if s.file == file), None)
    if src and src.outlet:
        return src.outlet.value
    return file


# JSON ------------------------------------------------------------------------------------------


def to_json(res: Result) -> dict[str, Any]:
    """Everything the Markdown shows, with the GOLD.md fields (claims[], clusters[].claims[], findings[])."""
    by_id = {c.id: c for c in res.claims}
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
        "sources": [s.to_dict() | {"claims": sum(1 for c in res.claims if c.source_file == s.file)} for s in res.corpus.sources],
        "skipped": [{"path": s.path, "reason": s.reason} for s in res.corpus.skipped],
        "claims": claims,
        "clusters": [
            {"id": cl.id, "size": len(cl.claim_ids), "claims": [{"id": i, "source_file": by_id[i].source_file, "text": by_id[i].text, "location": by_id[i].location} for i in cl.claim_ids]}
            for cl in res.clusters
            if len(cl.claim_ids) > 1
        ],
        "findings": [f.to_dict() for f in res.findings],
        "warnings": list(res.warnings),
    }


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
        "single_source_checkable": sum(1 for c in res.claims if c.checkable and c.id not in linked),
    }


def dumps_json(res: Result) -> str:
    """Deterministic JSON text."""
    return json.dumps(to_json(res), ensure_ascii=False, indent=2, sort_keys=False, default=str) + "\n"


# Markdown --------------------------------------------------------------------------------------


def _finding_block(res: Result, f: Finding, n: str) -> list[str]:
    rows = [
        [escape(_who(res, f.a.source_file)), _quote(f, "a"), escape(f.a.value), code(f.a.location)],
        [escape(_who(res, f.b.source_file)), _quote(f, "b"), escape(f.b.value), code(f.b.location)],
    ]
    indep = "independent sources" if f.independent else f"same origin ({escape(f.a.origin)}): not independent"
    return [
        f"#### {n} · {escape(f.measure or 'statement')} · `{f.id}`",
        "",
        tabulate(rows, headers=["source", "quote", "value", "location"], tablefmt="github"),
        "",
        f"**Why:** {escape(f.reason)}  ",
        f"**Independence:** {indep}; origins {escape(f.a.origin)} / {escape(f.b.origin)}",
        "",
    ]


def _compact(res: Result, fs: list[Finding]) -> str:
    rows = []
    for f in fs:
        rows.append([
            escape(f.measure or "statement"),
            f"{_quote(f, 'a')} {code(f.a.location)}",
            f"{_quote(f, 'b')} {code(f.b.location)}",
            escape(f"{f.a.value} / {f.b.value}"),
            "yes" if f.independent else f"no (1 origin: {escape(f.a.origin)})",
            code(f.id),
        ])
    return tabulate(rows, headers=["fact", "A", "B", "values", "independent", "id"], tablefmt="github")


def _node(name: str) -> str:
    return "n" + re.sub(r"[^A-Za-z0-9]", "", name)[:24] + str(abs(hash_stable(name)) % 1000)


def hash_stable(s: str) -> int:
    """A run-independent integer hash (Python's hash() is salted per process)."""
    import hashlib

    return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16)


def to_markdown(res: Result) -> str:
    """The discrepancy report a fact-checker reads: what to act on first, every quote with file:line."""
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
                ["possible matches (review)", s["possible"]], ["single-source checkable claims", s["single_source_checkable"]],
            ],
            headers=["", "count"], tablefmt="github",
        ),
        "",
        "## Sources",
        "",
    ]
    rows = []
    for src in res.corpus.sources:
        pub = f"{escape(src.published.value)} ({src.published.origin})" if src.published else "unknown"
        outlet = f"{escape(src.outlet.value)} ({src.outlet.origin})" if src.outlet else "—"
        resid = Counter(r.kind for r in src.residue)
        rows.append([
            code(src.file), outlet, pub, sum(1 for c in res.claims if c.source_file == src.file),
            escape(", ".join(src.relays)) or "—", escape(", ".join(f"{k} ×{v}" for k, v in sorted(resid.items()))) or "—",
        ])
    out += [tabulate(rows, headers=["file", "outlet", "published (how known)", "claims", "relays", "residue removed"], tablefmt="github"), ""]

    contra = [f for f in res.findings if f.relation == "contradicts"]
    upd = [f for f in res.findings if f.relation == "updates"]
    out += ["## Discrepancies", ""]
    if not contra and not upd:
        out += ["No contradictions or updates found.", ""]
    out += [f"### Contradictions ({len(contra)})", ""]
    for i, f in enumerate(contra, 1):
        out += _finding_block(res, f, f"C{i}")
    out += [f"### Updates ({len(upd)})", "", "Values differ, but the later article reports a newer state.", ""]
    for i, f in enumerate(upd, 1):
        out += _finding_block(res, f, f"U{i}")

    cor = [f for f in res.findings if f.relation == "corroborates"]
    out += [f"## Corroborated facts ({len(cor)})", ""]
    if cor:
        # Per cluster: how many outlets and how many independent origins stand behind it.
        by_cluster: dict[str, list[Finding]] = {}
        for f in cor:
            by_cluster.setdefault(f.cluster, []).append(f)
        for cid in sorted(by_cluster, key=lambda k: (-len(by_cluster[k]), k)):
            fs = by_cluster[cid]
            files = sorted({x.a.source_file for x in fs} | {x.b.source_file for x in fs})
            origins = sorted({x.a.origin for x in fs} | {x.b.origin for x in fs})
            head = fs[0]
            out += [
                f"<details><summary>{escape(head.measure or 'statement')}: {len(files)} sources, "
                f"{len(origins)} independent origin(s) ({escape(', '.join(origins))})</summary>",
                "",
                _compact(res, fs),
                "",
                "</details>",
                "",
            ]
    rel = [f for f in res.findings if f.relation == "related"]
    out += [f"## Related facts ({len(rel)})", "", "Same subject, different fact (for example a different event of the same thing).", ""]
    if rel:
        out += ["<details><summary>show</summary>", "", _compact(res, rel), "", "</details>", ""]
    pos = [f for f in res.findings if f.relation == "possible"]
    out += [f"## Possible matches for review ({len(pos)})", "", "Scored between the suggest and match thresholds: not counted above.", ""]
    if pos:
        out += ["<details><summary>show</summary>", "", _compact(res, pos), "", "</details>", ""]

    linked = {f.a.claim_id for f in res.findings if f.relation != "possible"} | {f.b.claim_id for f in res.findings if f.relation != "possible"}
    single = [c for c in res.claims if c.checkable and c.id not in linked]
    out += [f"## Single-source checkable claims ({len(single)})", "", "No other source states these: check them at the origin.", ""]
    if single:
        rows = [[code(c.location), f"“{escape(c.text)}”", escape(", ".join([d.display for d in c.dates] + [q.text for q in c.quantities]))] for c in single]
        out += ["<details><summary>show</summary>", "", tabulate(rows, headers=["location", "claim", "values"], tablefmt="github"), "", "</details>", ""]

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
    out += ["## Source agreement matrix", "", "corroborations / contradictions between each pair of sources.", ""]
    rows = [[escape(a)] + ["—" if a == b else f"{agree[(a, b)]} / {clash[(a, b)]}" for b in names] for a in names]
    out += [tabulate(rows, headers=[""] + [escape(n) for n in names], tablefmt="github"), ""]
    out += ["## Source graph", "", "```mermaid", "graph LR"]
    for n in names:
        label = re.sub(r"[^A-Za-z0-9 ._-]", "", n)[:40] or "source"
        out.append(f'  {_node(n)}["{label}"]')
    done = set()
    for (a, b), k in sorted(agree.items()):
        if a < b:
            out.append(f"  {_node(a)} ---|agree {k}| {_node(b)}")
            done.add((a, b))
    for (a, b), k in sorted(clash.items()):
        if a < b:
            out.append(f"  {_node(a)} -.-|contradict {k}| {_node(b)}")
    out += ["```", ""]
    out += [f"## Skipped inputs ({len(res.corpus.skipped)})", ""]
    if res.corpus.skipped:
        out += [tabulate([[code(s.path), escape(s.reason)] for s in res.corpus.skipped], headers=["input", "reason"], tablefmt="github"), ""]
    else:
        out += ["None: every input file was read.", ""]
    if res.warnings:
        out += ["## Warnings", ""] + [f"- {escape(w)}" for w in res.warnings] + [""]
    return "\n".join(out)
