"""Golden findings on the seeds, asserted by content (sources, values, relation) on the JSON."""

from __future__ import annotations

import json

import pytest


def relation(js, a_file: str, a_quote: str, b_file: str, b_quote: str) -> str | None:
    """The relation of the finding between the claims containing the quotes (None: no finding)."""
    for f in js["findings"]:
        for x, y in ((f["a"], f["b"]), (f["b"], f["a"])):
            if x["source_file"].startswith(a_file) and a_quote in x["text"] and y["source_file"].startswith(b_file) and b_quote in y["text"]:
                return f["relation"]
    return None


def finding(js, a_file, a_quote, b_file, b_quote):  # type: ignore[no-untyped-def]
    for f in js["findings"]:
        for x, y in ((f["a"], f["b"]), (f["b"], f["a"])):
            if x["source_file"].startswith(a_file) and a_quote in x["text"] and y["source_file"].startswith(b_file) and b_quote in y["text"]:
                return f
    raise AssertionError("no finding")


def test_treaty_signing_date_contradiction(seeds_json):
    f = finding(seeds_json, "002", "In 2024, Moscow and Tehran signed", "003", "signed with Iran in January 2025")
    assert f["relation"] == "contradicts"
    assert {f["a"]["value"], f["b"]["value"]} == {"2024", "2025-01"}
    assert "signed" in f["reason"] and "2024" in f["reason"] and "2025-01" in f["reason"]
    assert f["independent"]


@pytest.mark.parametrize("other", [("002", "In 2024, Moscow and Tehran signed"), ("003", "signed with Iran in January 2025")])
def test_entry_into_force_is_related_not_contradiction(seeds_json, other):
    assert relation(seeds_json, "000", "came into effect in October 2025", *other) == "related"


def test_assad_fall_corroborated(seeds_json):
    f = finding(seeds_json, "000", "collapsed in December 2024", "002", "fall of the Bashar al-Assad regime in Syria in December")
    assert f["relation"] == "corroborates"
    assert {f["a"]["value"], f["b"]["value"]} == {"2024-12"}


def test_maduro_capture_corroborated(seeds_json):
    f = finding(seeds_json, "000", "detained by US forces in January 2026", "004", "On January 3")
    assert f["relation"] == "corroborates"
    assert {f["a"]["value"], f["b"]["value"]} == {"2026-01", "2026-01-03"}
    assert not f["independent"] and f["a"]["origin"] == f["b"]["origin"] == "Bloomberg"


@pytest.mark.parametrize(
    "q000,q004",
    [
        ("Relations with the US are more important to Moscow now than Venezuela", "relations with the US are now more important for Moscow"),
        ("US cyberattacks reportedly disrupted Caracas", "US cyberattacks led to power outages"),
        pytest.param(
            "the S-300 and Buk-M2, did not function effectively", "S-300 and Buk-M2 surface-to-air missile systems",
            marks=pytest.mark.xfail(strict=True, reason="known miss: sentence cosine 0.48, below the statement threshold"),
        ),
    ],
)
def test_bloomberg_relays_corroborate_with_one_origin(seeds_json, q000, q004):
    f = finding(seeds_json, "000", q000, "004", q004)
    assert f["relation"] == "corroborates"
    assert not f["independent"]
    assert f["a"]["origin"] == f["b"]["origin"] == "Bloomberg"


def test_no_mutual_defence_corroborated_independently(seeds_json):
    f = finding(seeds_json, "002", "does not oblige Moscow to provide military assistance", "003", "does not provide for mutual defense")
    assert f["relation"] == "corroborates"
    assert f["independent"]


def test_khamenei_death_updates_protests(seeds_json):
    assert relation(seeds_json, "003", "after the death of the country's supreme leader Ali Khamenei", "004", "Khamenei is now confronting") == "updates"


def test_no_contradiction_between_different_subjects(seeds_json):
    contra = [f for f in seeds_json["findings"] if f["relation"] == "contradicts"]
    for f in contra:
        # Every contradiction is about one measure with both values named in the reason.
        assert f["a"]["value"] in f["reason"] and f["b"]["value"] in f["reason"]
    assert relation(seeds_json, "004", "between 30 million and 50 million barrels", "000", "over $3 billion") in (None, "possible")
    assert relation(seeds_json, "002", "In 2024, Moscow and Tehran signed", "000", "12-day war") in (None, "possible", "related")


def test_same_source_never_corroborates_itself(seeds_json):
    for f in seeds_json["findings"]:
        assert f["a"]["source_file"] != f["b"]["source_file"]


def test_stable_finding_ids_and_gold_fields(seeds_json):
    for f in seeds_json["findings"]:
        assert len(f["id"]) == 12 and f["relation"]
        for s in ("a", "b"):
            assert f[s]["source_file"] and f[s]["text"]
    for cl in seeds_json["clusters"]:
        assert all(c["source_file"] and c["text"] for c in cl["claims"])


def test_deterministic_in_any_file_order(settings, seeds_json, tmp_path):
    from conftest import SEEDS

    from reconcile.pipeline import run
    from reconcile.report import dumps_json, to_markdown

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    r1 = run(files, settings, str(SEEDS / "sources.toml"))
    r2 = run(list(reversed(files)), settings, str(SEEDS / "sources.toml"))
    assert dumps_json(r1) == dumps_json(r2)
    assert to_markdown(r1) == to_markdown(r2)
    assert json.loads(dumps_json(r1))["findings"] == seeds_json["findings"]


@pytest.mark.parametrize("noise", [1e-7, -1e-7])
def test_headline_fact_does_not_hang_on_float_noise(settings, noise):
    """Two facts of one sentence pair that score the same (identical sentences) up to a cosine's last bits,
    which vary with the batch a text was encoded in: the finding names the first fact either way."""
    from reconcile.claims import make_claims
    from reconcile.compare import make_findings
    from reconcile.models import Link, Meta, Source

    text = "The fire killed 12 people and injured 40 others on Monday, officials said.\n"
    srcs = [Source(f, f, text, text, "", "utf-8", "txt", published=Meta("2024-05-06", "manifest")) for f in ("a.txt", "b.txt")]
    ca, cb = sorted(make_claims(srcs, settings), key=lambda c: c.id)
    assert len(ca.facts) >= 2 and [f.value for f in ca.facts] == [f.value for f in cb.facts]
    links = [Link(ca.id, cb.id, k, k, 1.0 - (noise if k == 0 else 0.0), 1.0, 1.0, 1.0, "match") for k in range(2)]
    found = make_findings([ca, cb], links, [], srcs, settings)
    assert [(f.relation, f.a.value, f.b.value) for f in found] == [("corroborates", ca.facts[0].value, ca.facts[0].value)]
