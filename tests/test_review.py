"""Review decisions: the reviews file, decisions that survive re-runs, orphans, and the report."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from markdown_it import MarkdownIt

from reconcile.cli import cli
from reconcile.errors import ReviewError
from reconcile.pipeline import run
from reconcile.report import to_json, to_markdown
from reconcile.review import Decision, Reviews, apply_reviews, decide, dumps_reviews, find_finding, load_reviews

TREATY_002 = "In 2024, Moscow and Tehran signed"
TREATY_003 = "signed with Iran in January 2025"
EXTRA = """Kremlin and Tehran review their partnership

Moscow • Wire

Russian and Iranian diplomats met in Moscow on Monday to review the strategic partnership agreement, officials said.
The two sides discussed grain deliveries and a new rail corridor through Azerbaijan.
"""



@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A private copy of the seeds, so a test can add, edit and decide freely."""
    dst = tmp_path / "corpus"
    shutil.copytree(SEEDS, dst)
    return dst


def treaty_finding(res):  # type: ignore[no-untyped-def]
    """The 002/003 contradiction on the treaty's signing date."""
    for f in res.findings:
        texts = {f.a.text, f.b.text}
        if any(TREATY_002 in t for t in texts) and any(TREATY_003 in t for t in texts):
            return f
    raise AssertionError("no 002/003 treaty finding")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


# The file --------------------------------------------------------------------------------------------


def sample(id_: str = "b72c3fe66e07", **kw: str) -> Decision:
    base = {"id": id_, "decision": "resolved", "value": "2025-01", "a_file": "003.txt", "a_text": 'He said "no" \\ then\tleft',
            "b_file": "002.txt", "b_text": "Ünïcode — “quotes”", "note": "Kremlin text", "by": "alice", "at": "2026-03-05",
            "relation": "contradicts", "measure": "signed"}
    return Decision(**(base | kw))  # type: ignore[arg-type]


def test_file_round_trips_sorted_and_deterministic(tmp_path):
    r = Reviews(str(tmp_path / "reviews.toml")).with_decision(sample("ffff00000000")).with_decision(sample("000000aaaaaa", decision="dismissed", value=""))
    text = dumps_reviews(r)
    assert text == dumps_reviews(Reviews(r.path, tuple(reversed(r.decisions))))  # order of recording does not matter
    assert text.index('id = "000000aaaaaa"') < text.index('id = "ffff00000000"')
    assert "at = 2026-03-05\n" in text  # a TOML date, one key per line
    p = tmp_path / "reviews.toml"
    p.write_text(text)
    assert load_reviews(p).decisions == r.decisions


def test_missing_file_is_empty(tmp_path):
    assert load_reviews(tmp_path / "reviews.toml").decisions == ()


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('[[review]]\nid = "abc\n', ":2:", "not valid TOML"),
        ('[[review]]\nid = "a"\ndecision = "confirmed"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\ndecison = "x"\n', ":8:", "unknown key 'decison'"),
        ('[[review]]\nid = "a"\ndecision = "maybe"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\n', ":3:", "is not one of confirmed"),
        ('# c\n\n[[review]]\nid = "a"\ndecision = "confirmed"\n', ":3:", "missing key 'a_file'"),
        ('[[review]]\nid = "a"\ndecision = "resolved"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\n', ":3:", "needs value"),
        (('[[review]]\nid = "a"\ndecision = "confirmed"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\n\n'
          '[[review]]\nid = "a"\ndecision = "dismissed"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\n'), ":10:", "a second decision"),
        ('[[review]]\nid = 12\n', ":2:", "'id' must be a string"),
    ],
)
def test_malformed_file_names_the_line(tmp_path, text, where, message):
    p = tmp_path / "reviews.toml"
    p.write_text(text)
    with pytest.raises(ReviewError) as e:
        load_reviews(p)
    assert f"reviews.toml{where}" in str(e.value) and message in str(e.value)


def test_malformed_file_is_one_line_cli_error(corpus):
    (corpus / "reviews.toml").write_text('[[review]]\nid = "a"\ndecision = "maybe"\na_file = "x"\na_text = "y"\nb_file = "z"\nb_text = "w"\n')
    r = invoke("report", str(corpus), "-o", "-")
    assert r.exit_code == 1 and "reviews.toml:3:" in r.output and "Traceback" not in r.output


# Deciding and re-running ---------------------------------------------------------------------------


def test_decision_survives_an_extra_article_and_threshold_changes(corpus, settings, embedder):
    res = run([str(corpus)], settings, embedder=embedder)
    f = treaty_finding(res)
    reviews = decide(Reviews(str(corpus / "reviews.toml")), f, "resolved", value="2025-01", note="Kremlin text", by="alice", at="2026-03-05")
    (corpus / "reviews.toml").write_text(dumps_reviews(reviews))

    (corpus / "005_extra.txt").write_text(EXTRA)
    again = run([str(corpus)], settings, embedder=embedder)
    assert "005_extra.txt" in [s.file for s in again.corpus.sources]
    view = apply_reviews(load_reviews(corpus / "reviews.toml"), again)
    assert treaty_finding(again).id == f.id and view.of(treaty_finding(again)).value == "2025-01"
    assert not view.orphaned

    # Thresholds change which pairs link, never a finding's id: the decision applies or waits, never orphans.
    for match, suggest in ((0.60, 0.50), (0.95, 0.94)):
        res_t = run([str(corpus)], settings.with_(match_threshold=match, suggest_threshold=suggest), embedder=embedder)
        view = apply_reviews(load_reviews(corpus / "reviews.toml"), res_t)
        assert not view.orphaned
        assert f.id in view.applied or [d.id for d in view.unlinked] == [f.id]


def test_orphaned_decision_is_listed_never_dropped(corpus, settings, embedder):
    res = run([str(corpus)], settings, embedder=embedder)
    f = treaty_finding(res)
    reviews = decide(Reviews(str(corpus / "reviews.toml")), f, "confirmed", note="both checked", by="alice")
    # The sentence of 003 is edited: the decision's claim is gone.
    p = corpus / "003_83472a3ae774d39c.txt"
    p.write_text(p.read_text().replace("does not contain a mutual defense clause", "contains no mutual defence clause"))
    res2 = run([str(corpus)], settings, embedder=embedder)
    view = apply_reviews(reviews, res2)
    assert [o.decision.id for o in view.orphaned] == [f.id]
    gone = "a" if TREATY_003 in view.orphaned[0].decision.a_text else "b"
    assert view.orphaned[0].missing == (gone,)
    md = to_markdown(res2, view)
    assert "### Orphaned decisions (1)" in md and f"`{f.id}`" in md and "**(gone)**" in md
    assert to_json(res2, view)["reviews"]["orphaned"][0]["id"] == f.id
    # Recording another decision keeps the orphan in the file.
    other = next(x for x in res2.findings if x.relation == "corroborates")
    kept = decide(reviews, other, "dismissed", by="bob")
    assert {d.id for d in kept.decisions} == {f.id, other.id}


def test_find_finding_by_prefix(seeds_result):
    f = treaty_finding(seeds_result)
    assert find_finding(seeds_result.findings, f.id[:8]).id == f.id
    with pytest.raises(ReviewError, match="no finding"):
        find_finding(seeds_result.findings, "zzzzzzzz")


def test_resolve_needs_a_value(seeds_result):
    with pytest.raises(ReviewError, match="needs the correct value"):
        decide(Reviews("r.toml"), treaty_finding(seeds_result), "resolved")


# The report ----------------------------------------------------------------------------------------


def test_report_shows_decisions(seeds_result):
    f = treaty_finding(seeds_result)
    other = next(x for x in seeds_result.findings if x.relation == "updates")
    reviews = decide(Reviews("reviews.toml"), f, "resolved", value="2025-01", note="<script>alert(1)</script> | [x](javascript:alert(1))", by="alice")
    reviews = decide(reviews, other, "dismissed", note="false alarm", by="bob")
    view = apply_reviews(reviews, seeds_result)
    md = to_markdown(seeds_result, view)
    assert f"`{f.id}` · ✎ resolved" in md and "correct value: 2025-01" in md
    dismissed = md[md.index("### Dismissed (1)") :]
    assert "<details>" in dismissed and f"`{other.id}`" in dismissed
    # The dismissed finding left the updates section and the counts.
    updates = md[md.index("### Updates") : md.index("## Corroborated")]
    assert f"`{other.id}`" not in updates
    assert re.search(r"\| dismissed on review +\| +1 \|", md)
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "javascript:" not in html.replace("javascript\u200b:", "")
    js = to_json(seeds_result, view)
    by_id = {x["id"]: x for x in js["findings"]}
    assert by_id[f.id]["review"]["decision"] == "resolved" and by_id[other.id]["review"]["decision"] == "dismissed"
    assert sum(1 for x in js["findings"] if x["review"] is None) == len(js["findings"]) - 2
    assert js["summary"]["updates"] == sum(1 for x in seeds_result.findings if x.relation == "updates") - 1


def test_report_without_reviews_file_is_unchanged(tmp_path, cache_dir, shared_model, seeds_result):
    out = tmp_path / "r.md"
    r = invoke("report", str(SEEDS), "-o", str(out), "--quiet", "--cache-dir", str(cache_dir))
    assert r.exit_code == 0, r.output
    assert out.read_text() == to_markdown(seeds_result)
    js = json.loads(invoke("report", str(SEEDS), "-o", "-", "--format", "json", "--quiet", "--cache-dir", str(cache_dir)).stdout)
    assert "reviews" not in js and all("review" not in f for f in js["findings"])


# The CLI -------------------------------------------------------------------------------------------


def test_review_cli_workflow(corpus, cache_dir, shared_model):
    base = ["--cache-dir", str(cache_dir), "--quiet"]
    r = invoke("review", "list", str(corpus), *base, "--format", "json")
    assert r.exit_code == 0, r.output
    listed = json.loads(r.stdout)
    contra = [f for f in listed["open"] if f["relation"] == "contradicts"]
    fid = next(f["id"] for f in contra if {f["a"]["source_file"][:3], f["b"]["source_file"][:3]} == {"002", "003"})
    assert listed["decided"] == [] and listed["orphaned"] == []

    r = invoke("review", "resolve", fid[:8], str(corpus), *base, "--value", "2025-01", "--note", "Kremlin text", "--by", "alice")
    assert r.exit_code == 0, r.output
    text = (corpus / "reviews.toml").read_text()
    assert f'id = "{fid}"' in text and 'decision = "resolved"' in text and 'by = "alice"' in text
    assert not list(corpus.glob(".reviews.toml.*"))  # written through a temporary file, renamed

    (corpus / "005_extra.txt").write_text(EXTRA)
    r = invoke("review", "list", str(corpus), *base, "--format", "json")
    listed = json.loads(r.stdout)
    assert [(f["id"], f["review"]["value"]) for f in listed["decided"]] == [(fid, "2025-01")]
    assert fid not in [f["id"] for f in listed["open"]]

    r = invoke("report", str(corpus), "-o", "-", *base)
    assert f"`{fid}` · ✎ resolved" in r.stdout and "## Review decisions" in r.stdout

    p = corpus / "003_83472a3ae774d39c.txt"
    p.write_text(p.read_text().replace("does not contain a mutual defense clause", "contains no mutual defence clause"))
    r = invoke("review", "list", str(corpus), *base)
    assert r.exit_code == 0 and "Orphaned decisions (1" in r.stdout and fid in r.stdout and "GONE 003_" in r.stdout

    r = invoke("review", "reopen", fid, str(corpus), "--quiet")
    assert r.exit_code == 0 and fid not in (corpus / "reviews.toml").read_text()


def test_review_unknown_finding_is_clear(corpus, cache_dir, shared_model):
    r = invoke("review", "confirm", "zzzzzzzzzzzz", str(corpus), "--cache-dir", str(cache_dir), "--quiet")
    assert r.exit_code == 1 and "no finding 'zzzzzzzzzzzz'" in r.output and not (corpus / "reviews.toml").exists()


@pytest.mark.parametrize("command", ["check", "review", "review list", "review confirm", "review dismiss", "review resolve", "review reopen"])
def test_new_commands_have_help_with_example(command):
    r = invoke(*command.split(), "--help")
    assert r.exit_code == 0 and "Example:" in r.output


def test_review_list_queues_possible_contradictions_by_default(tmp_path):
    """The default queue is what a fact-checker must decide on: contradictions, updates and possible
    contradictions (not the hundreds of look-alike possible matches)."""
    corpus = tmp_path / "fire"
    shutil.copytree(Path(__file__).parent / "data" / "fire-story", corpus)
    r = CliRunner().invoke(cli, ["review", "list", str(corpus), "--quiet", "--format", "json", "--cache-dir", str(tmp_path / "c")])
    assert r.exit_code == 0, r.output
    listed = json.loads(r.stdout)["open"]
    assert {f["relation"] for f in listed} == {"contradicts", "possible"}
    assert all(f["possible_contradiction"] for f in listed if f["relation"] == "possible")
    r = CliRunner().invoke(cli, ["review", "list", str(corpus), "--quiet", "--relation", "contradicts", "--cache-dir", str(tmp_path / "c")])
    assert "possible" not in r.stdout.split("Open findings", 1)[1].split("Decided", 1)[0]
