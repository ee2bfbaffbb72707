"""The whole run, stage by stage.

1. ingest:  PATHs -> Sources (+ skipped inputs)
2. claims:  Sources -> Claims with dates, quantities, attributes, entities, attribution, events, facts
3. embed:   fact spans (values masked) and sentences -> vectors (SQLite cache; only new texts encoded)
4. match:   vectors + facts -> Links (two tiers) -> Clusters
5. compare: Links -> Findings with relation, values compared and reason
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from .claims import make_claims
from .compare import make_findings
from .embed import Embedder, embed_texts, make_embedder
from .errors import InputError
from .ingest import Corpus, ingest
from .match import cluster, link_units, make_units
from .models import Claim, Cluster, Finding, Link
from .settings import Settings


@dataclass(frozen=True)
class Result:
    """Everything a report shows."""

    corpus: Corpus
    claims: tuple[Claim, ...]
    links: tuple[Link, ...]
    clusters: tuple[Cluster, ...]
    findings: tuple[Finding, ...]
    settings: Settings
    model: str
    warnings: tuple[str, ...] = ()


def _stderr(settings: Settings) -> Callable[[str], None]:
    def say(msg: str) -> None:
        if not settings.quiet:
            print(msg, file=sys.stderr)

    return say


def extract_corpus(paths: list[str], settings: Settings, manifest: str | None = None) -> tuple[Corpus, list[Claim]]:
    """Stages 1-2: read the inputs and cut them into claims."""
    say = _stderr(settings)
    corpus = ingest(paths, settings, manifest)
    if not corpus.sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in corpus.skipped[:3]) or "no .txt, .md or .html files found"
        raise InputError(f"no usable articles in {', '.join(paths)} ({reasons})")
    say(f"read {len(corpus.sources)} article(s), skipped {len(corpus.skipped)}")
    claims = make_claims(list(corpus.sources), settings)
    return corpus, claims


def run(paths: list[str], settings: Settings, manifest: str | None = None, embedder: Embedder | None = None) -> Result:
    """Run every stage on PATHs and return the findings."""
    say = _stderr(settings)
    corpus = ingest(paths, settings, manifest)
    if not corpus.sources:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in corpus.skipped[:3]) or "no .txt, .md or .html files found"
        raise InputError(f"no usable articles in {', '.join(paths)} ({reasons})")
    say(f"read {len(corpus.sources)} article(s), skipped {len(corpus.skipped)}")
    return run_corpus(corpus, settings, embedder)


def run_corpus(corpus: Corpus, settings: Settings, embedder: Embedder | None = None) -> Result:
    """Stages 2-5 on an already ingested corpus (used by `check`, which adds the draft as a source)."""
    warnings: list[str] = []
    say = _stderr(settings)

    def warn(msg: str) -> None:
        warnings.append(msg)
        say("warning: " + msg)

    # 2.
    claims = make_claims(list(corpus.sources), settings)
    say(f"cut {len(claims)} claim(s), {sum(len(c.facts) for c in claims)} fact(s)")
    # 3.
    embedder = embedder or make_embedder(settings)
    units = make_units(claims)
    vectors = embed_texts([u.text for u in units], embedder, settings, warn)
    # 4.
    links = link_units(units, vectors, settings)
    clusters = cluster(claims, links)
    # 5.
    findings = make_findings(claims, links, clusters, list(corpus.sources), settings)
    say(f"{len(findings)} finding(s) in {sum(1 for c in clusters if len(c.claim_ids) > 1)} cluster(s)")
    return Result(corpus, tuple(claims), tuple(links), tuple(clusters), tuple(findings), settings, embedder.name, tuple(warnings))
