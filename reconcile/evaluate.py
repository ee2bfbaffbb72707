"""`reconcile eval`: score a run against a gold file (format in README, "Gold files")."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compare import RANK
from .errors import GoldError

RELATIONS = {"corroborates", "contradicts", "updates", "related", "unrelated"}
LINKED_GOLD = {"corroborates", "contradicts", "related"}


@dataclass(frozen=True)
class GoldPair:
    """One labelled pair of quotes."""

    a_file: str
    a_quote: str
    b_file: str
    b_quote: str
    relation: str
    note: str
    line: int


@dataclass(frozen=True)
class Gold:
    """A parsed gold file."""

    path: Path
    corpus: Path
    exhaustive: bool
    pairs: tuple[GoldPair, ...]


@dataclass
class Scores:
    """The scores of GOLD.md, with the pairs behind each miss."""

    link_recall: float = 0.0
    relation_accuracy: float = 0.0
    false_alarms: int = 0
    contradiction_precision: float = 1.0
    contradiction_recall: float = 1.0
    # Gold contradictions reported as contradictions or listed as possible contradictions to review.
    contradiction_recall_with_review: float = 1.0
    false_links: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in self.__dict__.items()}


def _norm(s: str) -> str:
    return " ".join(s.split())


def load_gold(path: Path) -> Gold:
    """Parse and validate a gold file; errors name the pair."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise GoldError(f"{path}: gold file not found") from None
    except tomllib.TOMLDecodeError as e:
        raise GoldError(f"{path}: not valid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise GoldError(f"{path}: cannot read: {e}") from None
    if "corpus" not in data or not isinstance(data["corpus"], str):
        raise GoldError(f"{path}: missing 'corpus' (folder of articles, relative to the gold file)")
    try:
        corpus = (path.parent / data["corpus"]).resolve()
        found = corpus.is_dir()
    except (OSError, ValueError):  # a NUL byte or an over-long name
        found = False
        corpus = path.parent / data["corpus"]
    if not found:
        raise GoldError(f"{path}: corpus folder {str(corpus)!r} does not exist")
    pairs = []
    lines = text.splitlines()
    pair_lines = [i + 1 for i, ln in enumerate(lines) if ln.strip() == "[[pairs]]"]
    raw_pairs = data.get("pairs", [])
    if not isinstance(raw_pairs, list):
        raise GoldError(f"{path}: 'pairs' must be [[pairs]] tables, not {type(raw_pairs).__name__}")
    for n, p in enumerate(raw_pairs, 1):
        where = f"{path}: pair #{n} (line {pair_lines[n - 1] if n <= len(pair_lines) else '?'})"
        try:
            a, b, rel = p["a"], p["b"], p["relation"]
            if not all(isinstance(v, str) for v in (a["file"], a["quote"], b["file"], b["quote"], rel, p.get("note", ""))):
                raise TypeError
            pair = GoldPair(a["file"], _norm(a["quote"]), b["file"], _norm(b["quote"]), rel, p.get("note", ""), pair_lines[n - 1] if n <= len(pair_lines) else 0)
        except (KeyError, TypeError):
            raise GoldError(f"{where}: needs a = {{file, quote}}, b = {{file, quote}} and relation, all strings") from None
        if rel not in RELATIONS:
            raise GoldError(f"{where}: relation {rel!r} is not one of {', '.join(sorted(RELATIONS))}")
        pairs.append(pair)
    return Gold(path, corpus, bool(data.get("contradictions_exhaustive", False)), tuple(pairs))


def score(gold: Gold, run_json: dict[str, Any]) -> Scores:
    """Score a run's JSON (GOLD.md fields only) against the gold pairs."""
    claims: list[tuple[str, str]] = [(c["source_file"], _norm(c["text"])) for c in run_json.get("claims", [])]
    cluster_of: dict[tuple[str, str], int] = {}
    for i, cl in enumerate(run_json.get("clusters", [])):
        for c in cl.get("claims", []):
            cluster_of[(c["source_file"], _norm(c["text"]))] = i
    finding: dict[frozenset[tuple[str, str]], str] = {}
    flagged: set[frozenset[tuple[str, str]]] = set()
    for f in run_json.get("findings", []):
        key = frozenset({(f["a"]["source_file"], _norm(f["a"]["text"])), (f["b"]["source_file"], _norm(f["b"]["text"]))})
        # Two sentences may disagree on several facts: the pair's relation is its strongest finding's.
        if key not in finding or RANK.get(f["relation"], 0) > RANK.get(finding[key], 0):
            finding[key] = f["relation"]
        if f.get("possible_contradiction"):
            flagged.add(key)

    def locate(file: str, quote: str) -> tuple[str, str] | None:
        for c in claims:
            if c[0] == file and quote in c[1]:
                return c
        return None

    s = Scores()
    linked_total = linked = correct = 0
    gold_contra: set[frozenset[tuple[str, str]]] = set()
    contra_found = contra_total = contra_shown = 0
    for p in gold.pairs:
        s.counts[p.relation] = s.counts.get(p.relation, 0) + 1
        ca, cb = locate(p.a_file, p.a_quote), locate(p.b_file, p.b_quote)
        label = f"line {p.line}: {p.a_file} “{p.a_quote[:40]}” / {p.b_file} “{p.b_quote[:40]}” ({p.relation})"
        if ca is None or cb is None:
            s.misses.append(f"quote not found in any claim: {label}")
            continue
        key = frozenset({ca, cb})
        rel = finding.get(key)
        if rel == "possible":
            rel = None  # a possible match is listed for review, not a link
        is_linked = rel is not None or (ca in cluster_of and cluster_of.get(ca) == cluster_of.get(cb))
        if p.relation == "contradicts":
            gold_contra.add(key)
            contra_total += 1
            if rel == "contradicts":
                contra_found += 1
            if rel == "contradicts" or key in flagged:
                contra_shown += 1
        if p.relation in LINKED_GOLD:
            linked_total += 1
            if is_linked:
                linked += 1
                predicted = rel or "related"
                if predicted == p.relation:
                    correct += 1
                else:
                    s.misses.append(f"predicted {predicted}: {label}")
            else:
                s.misses.append(f"not linked: {label}")
        if p.relation in ("updates", "related", "unrelated") and rel == "contradicts":
            s.false_alarms += 1
            s.misses.append(f"false alarm: {label}")
        if p.relation == "unrelated" and is_linked:
            s.false_links += 1
            s.misses.append(f"false link: {label}")
        if p.relation == "updates" and rel not in (None, "updates", "contradicts"):
            s.misses.append(f"predicted {rel}: {label}")
    s.link_recall = linked / linked_total if linked_total else 1.0
    s.relation_accuracy = correct / linked if linked else 0.0
    s.contradiction_recall = contra_found / contra_total if contra_total else 1.0
    s.contradiction_recall_with_review = contra_shown / contra_total if contra_total else 1.0
    run_contra = [k for k, r in finding.items() if r == "contradicts"]
    if run_contra:
        s.contradiction_precision = sum(1 for k in run_contra if k in gold_contra) / len(run_contra)
    return s
