"""Pre-publication check: a draft's claims against the sources' claims.

1. Read the draft (a file, or bytes from stdin) as one more Source, dated by --published or today.
2. Ingest the sources (--against) and run the pipeline on sources + draft (embeddings of the
   sources come from the cache; only the draft's new texts reach the model).
3. Keep only findings between a draft claim and a source claim; findings between two sources, and
   decisions on them, are the report's business. The draft never corroborates anything.
4. Give every checkable draft claim one status from its findings, strongest first:
   contradicted > updated > supported > unsupported. Related and possible matches never support.
   A claim with values (dates, quantities, attributes) is supported only by a source whose values
   were compared and agree; a similar sentence alone leaves it unsupported, listed for reading.
5. Review decisions on the draft's findings apply: a dismissed finding counts for nothing, a
   resolved one whose correct value is the draft's value supports it.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import InputError
from .ingest import ARTICLE_EXTS, Corpus, ingest, parse_published, read_source
from .models import Claim, Finding, Meta, Side, Skipped, Source
from .pipeline import Result, no_usable, run_corpus
from .review import Decision, Reviews, ReviewView, apply_reviews
from .settings import Settings

STATUSES = ("contradicted", "updated", "supported", "unsupported")
FAIL_ON = {
    # --fail-on contradicted: only a contradiction fails; --fail-on unsupported: anything not supported.
    "contradicted": ("contradicted",),
    "unsupported": ("contradicted", "updated", "unsupported"),
}
STDIN_NAME = "<stdin>"
ROLE_ORDER = {"contradicts": 0, "updates": 1, "supports": 2, "conflict": 3, "older": 4, "similar": 5, "related": 6, "possible": 7, "dismissed": 8}


@dataclass(frozen=True)
class Evidence:
    """A source claim that bears on a draft claim, through one finding."""

    role: str  # contradicts | updates | supports | conflict | older | similar | related | possible | dismissed
    finding_id: str
    relation: str  # the finding's relation
    reason: str
    draft_value: str
    source: Side  # the source claim's side of the finding
    outlet: str  # outlet name for people, or the file name
    review: Decision | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "finding": self.finding_id,
            "relation": self.relation,
            "reason": self.reason,
            "draft_value": self.draft_value,
            "outlet": self.outlet,
            "source": self.source.to_dict(),
            "review": self.review.to_dict() if self.review else None,
        }


@dataclass(frozen=True)
class ClaimCheck:
    """One checkable draft claim with its status and the source quotes behind it."""

    claim: Claim
    status: str  # contradicted | updated | supported | unsupported
    reason: str
    origins: tuple[str, ...]  # independent origins of the supporting quotes
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "id": c.id,
            "line": c.line,
            "location": c.location,
            "text": c.text,
            "status": self.status,
            "reason": self.reason,
            "independent_origins": len(self.origins),
            "origins": list(self.origins),
            "values": [f.value for f in c.facts],
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class CheckResult:
    """A checked draft: per-claim statuses, the run behind them, and the review decisions applied."""

    draft: Source
    published_how: str  # option | today
    checks: tuple[ClaimCheck, ...]
    not_checkable: int
    result: Result
    reviews: ReviewView | None = None

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(s for s in self.result.corpus.sources if s.file != self.draft.file)

    def counts(self) -> dict[str, int]:
        """Claims per status, plus the draft claims that carry nothing to check."""
        out = {s: sum(1 for c in self.checks if c.status == s) for s in STATUSES}
        return out | {"not_checkable": self.not_checkable}

    def failing(self, fail_on: str) -> tuple[ClaimCheck, ...]:
        """The claims that make a check fail under --fail-on."""
        bad = FAIL_ON[fail_on]
        return tuple(c for c in self.checks if c.status in bad)

    def to_dict(self, fail_on: str = "contradicted") -> dict[str, Any]:
        failing = self.failing(fail_on)
        return {
            "draft": self.draft.file,
            "published": self.draft.published.value if self.draft.published else "",
            "published_how": self.published_how,
            "model": self.result.model,
            "against": [s.file for s in self.sources],
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.result.corpus.skipped],
            "fail_on": fail_on,
            "ok": not failing,
            "summary": self.counts(),
            "claims": [c.to_dict() for c in self.checks],
            "reviews": self.reviews.to_dict() if self.reviews else None,
            "warnings": list(self.result.warnings),
        }


# 1. The draft --------------------------------------------------------------------------------------


def parse_draft_date(value: str | None) -> tuple[str, str]:
    """(ISO date, how known) from --published, or today when it is not given."""
    if value is None:
        return date.today().isoformat(), "today"
    if parse_published(value) is None:
        raise InputError(f"--published {value!r} is not a date: use YYYY-MM-DD (or YYYY-MM)")
    return value.strip(), "option"


def _sniff_kind(data: bytes) -> str:
    head = data.lstrip()[:200].lower()
    return "html" if head.startswith((b"<!doctype html", b"<html")) else "txt"


def read_draft(path: str, settings: Settings, published: str, data: bytes | None = None, taken: frozenset[str] = frozenset()) -> Source:
    """The draft as a Source dated `published`; path '-' reads `data` (stdin). Unusable drafts raise InputError."""
    if path == "-":
        if data is None:
            raise InputError("draft '-' given but no input on stdin")
        # ingest reads files only; a temporary file lets stdin go through exactly the same reading
        # (decoding, HTML extraction, residue) as a draft on disk.
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / ("draft." + _sniff_kind(data))
            p.write_bytes(data)
            got = read_source(p, p.parent, settings, {})
        name = STDIN_NAME
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError(f"{path}: no such draft file" if not p.exists() else f"{path}: the draft must be a file")
        if p.suffix.lower() not in ARTICLE_EXTS:
            raise InputError(f"{path}: a draft must be .txt, .md or .html (got {p.suffix or 'no extension'})")
        got = read_source(p, p.parent, settings, {})
        name = p.name
    if isinstance(got, Skipped):
        raise InputError(f"{path}: cannot check this draft: {got.reason}")
    if name in taken:
        name = "draft/" + name  # a source with the same name: keep claim and finding ids apart
    # The draft's own name is its origin, never an outlet's: it corroborates nobody.
    return replace(got, file=name, path=path, outlet=None, relays=(), published=Meta(published, "check", "--published or today"))


# 2.-5. Checking ------------------------------------------------------------------------------------


def build_corpus(draft: Source, sources: Corpus) -> Corpus:
    """The sources plus the draft; the draft file itself is removed from the sources if it is among them."""
    same = Path(draft.path).resolve() if draft.path != "-" else None
    kept = tuple(s for s in sources.sources if same is None or Path(s.path).resolve() != same)
    skipped = sources.skipped + tuple(Skipped(s.file, "the draft being checked") for s in sources.sources if s not in kept)
    return Corpus(kept + (draft,), tuple(sorted(skipped, key=lambda s: s.path)), sources.name)


def _has_values(c: Claim) -> bool:
    return bool(c.facts)


def _newer(a: str, b: str) -> int:
    """1 if date b is after date a, -1 if before, 0 if unknown or overlapping."""
    pa, pb = parse_published(a) if a else None, parse_published(b) if b else None
    if not pa or not pb:
        return 0
    return 1 if pb[0] > pa[1] else -1 if pa[0] > pb[1] else 0


def _role(f: Finding, draft: Side, src: Side, claim: Claim, decision: Decision | None) -> str:
    if decision and decision.decision == "dismissed":
        return "dismissed"
    if decision and decision.decision == "resolved":
        return "supports" if decision.value.strip().lower() == draft.value.strip().lower() else "contradicts"
    if f.relation == "contradicts":
        return "contradicts"
    if f.relation == "updates":
        # Only a source newer than the draft updates it; an older one is the draft's past state.
        return "updates" if _newer(draft.published, src.published) >= 0 else "older"
    if f.relation == "corroborates":
        fact_level = f.measure != "statement" and src.value != "statement" and not src.value.startswith("negated")
        return "supports" if fact_level or not _has_values(claim) else "similar"
    if f.conflict:
        return "conflict"  # a possible contradiction: same measure, incompatible values, wording short of one fact
    return f.relation  # related | possible


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _status(claim: Claim, ev: list[Evidence]) -> tuple[str, str, tuple[str, ...]]:
    roles = {e.role for e in ev}
    sup = [e for e in ev if e.role == "supports"]
    origins = tuple(sorted({e.source.origin for e in sup if not (e.review and e.review.decision == "resolved")}))
    if "contradicts" in roles:
        c = [e for e in ev if e.role == "contradicts"]
        first = c[0]
        return "contradicted", f"{_n(len(c), 'source claim disagrees', 'source claims disagree')}: {first.reason}", origins
    if "updates" in roles:
        u = [e for e in ev if e.role == "updates"]
        return "updated", f"a newer source reports a changed state: {u[0].reason}", origins
    if sup:
        n = len({e.source.source_file for e in sup})
        return "supported", f"stated by {_n(n, 'source', 'sources')}, {_n(len(origins), 'independent origin', 'independent origins')}", origins
    if "conflict" in roles:
        c = [e for e in ev if e.role == "conflict"]
        return "unsupported", f"no source states it, and {_n(len(c), 'source claim', 'source claims')} may disagree (review): {c[0].reason}", origins
    if "similar" in roles:
        return "unsupported", "similar sentences exist, but no source states its values", origins
    if "older" in roles:
        return "unsupported", "sources report only an earlier state (the draft is newer)", origins
    return "unsupported", "no source states it", origins


def check_claims(draft: Source, res: Result, view: ReviewView | None, outlets: dict[str, str]) -> tuple[list[ClaimCheck], int]:
    """Statuses of the draft's checkable claims, in draft order; and how many claims are not checkable."""
    mine = [c for c in res.claims if c.source_file == draft.file]
    by_claim: dict[str, list[Evidence]] = {c.id: [] for c in mine}
    claim_of = {c.id: c for c in mine}
    for f in res.findings:
        if (f.a.source_file == draft.file) == (f.b.source_file == draft.file):
            continue  # two sources (or the draft with itself): not the draft's business
        d_side, s_side = (f.a, f.b) if f.a.source_file == draft.file else (f.b, f.a)
        claim = claim_of[d_side.claim_id]
        decision = view.of(f) if view else None
        role = _role(f, d_side, s_side, claim, decision)
        by_claim[claim.id].append(Evidence(role, f.id, f.relation, f.reason, d_side.value, s_side, outlets.get(s_side.source_file, s_side.source_file), decision))
    out: list[ClaimCheck] = []
    for c in mine:
        if not c.checkable:
            continue
        ev = sorted(by_claim[c.id], key=lambda e: (ROLE_ORDER[e.role], e.source.source_file, e.source.line, e.finding_id))
        status, reason, origins = _status(c, ev)
        out.append(ClaimCheck(c, status, reason, origins, tuple(ev)))
    return out, sum(1 for c in mine if not c.checkable)


def check(
    draft_path: str, against: list[str], settings: Settings, *, published: str | None = None, stdin: bytes | None = None,
    manifest: str | None = None, reviews: Reviews | None = None, embedder: Any = None,
) -> CheckResult:
    """Check a draft against source articles: one status per checkable draft claim."""
    day, how = parse_draft_date(published)
    # 2. The sources first: a missing --against path is reported before the draft is read.
    sources = ingest(against, settings, manifest)
    itself = Path(draft_path).resolve() if draft_path != "-" else None
    taken = frozenset(s.file for s in sources.sources if Path(s.path).resolve() != itself)
    draft = read_draft(draft_path, settings, day, stdin, taken)
    corpus = build_corpus(draft, sources)
    if len(corpus.sources) < 2:
        raise no_usable(against, corpus.skipped, "source articles")
    res = run_corpus(corpus, settings, embedder)
    # 5.
    view = apply_reviews(reviews, res, draft.file) if reviews is not None else None
    outlets = {s.file: s.outlet.value for s in corpus.sources if s.outlet}
    checks, n_not = check_claims(draft, res, view, outlets)
    return CheckResult(draft, how, tuple(checks), n_not, res, view)

