"""Evaluation against the gold files: CI fails when a score drops below its pinned floor."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reconcile.evaluate import load_gold, score
from reconcile.pipeline import run
from reconcile.report import to_json

GOLD = Path(__file__).resolve().parent / "gold"
FLOORS = tomllib.loads((GOLD / "floors.toml").read_text())


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_above_floors(name, settings):
    g = load_gold(GOLD / f"{name}.toml")
    s = score(g, to_json(run([str(g.corpus)], settings)))
    f = FLOORS[name]
    assert not [m for m in s.misses if m.startswith("quote not found")]
    assert s.link_recall >= f["link_recall"], s.misses
    assert s.relation_accuracy >= f["relation_accuracy"]
    assert s.contradiction_precision >= f["contradiction_precision"]
    assert s.contradiction_recall >= f["contradiction_recall"]
    assert s.contradiction_recall_with_review >= f["contradiction_recall_with_review"]
    assert s.false_alarms <= f["max_false_alarms"]
    assert s.false_links <= f["max_false_links"]


def test_gold_files_have_enough_pairs():
    for name, minimum in (("seeds", 20), ("airstrike-yida", 25), ("offer-teixeira", 25)):
        g = load_gold(GOLD / f"{name}.toml")
        assert len(g.pairs) >= minimum
        assert all(p.a_file != p.b_file for p in g.pairs)


def test_scorer_counts_false_alarm():
    from reconcile.evaluate import Gold, GoldPair

    g = Gold(Path("x"), Path("x"), True, (GoldPair("a", "one", "b", "two", "related", "", 1),))
    run_json = {
        "claims": [{"source_file": "a", "text": "one thing"}, {"source_file": "b", "text": "two thing"}],
        "clusters": [],
        "findings": [{"relation": "contradicts", "a": {"source_file": "a", "text": "one thing"}, "b": {"source_file": "b", "text": "two thing"}}],
    }
    s = score(g, run_json)
    assert s.false_alarms == 1 and s.contradiction_precision == 0.0


def test_scorer_counts_contradictions_listed_for_review():
    """A gold contradiction flagged as a possible contradiction is in front of the reader, though not
    reported as a contradiction: it counts for recall with review, never for recall."""
    from reconcile.evaluate import Gold, GoldPair

    pairs = (GoldPair("a", "one", "b", "two", "contradicts", "", 1), GoldPair("a", "three", "b", "four", "contradicts", "", 2))
    g = Gold(Path("x"), Path("x"), True, pairs)
    claims = [{"source_file": f, "text": t} for f, t in (("a", "one"), ("b", "two"), ("a", "three"), ("b", "four"))]
    flagged = {"relation": "possible", "possible_contradiction": True, "a": claims[0], "b": claims[1]}
    plain = {"relation": "possible", "possible_contradiction": False, "a": claims[2], "b": claims[3]}
    s = score(g, {"claims": claims, "clusters": [], "findings": [flagged, plain]})
    assert (s.contradiction_recall, s.contradiction_recall_with_review) == (0.0, 0.5)
