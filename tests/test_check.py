"""`reconcile check`: a draft's claims against the seeds (real packaged model, shared cache)."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from markdown_it import MarkdownIt

from reconcile.check import check
from reconcile.cli import cli
from reconcile.models import Attribution, Claim, Fact, Finding, Side
from reconcile.review import load_reviews

TREATY = "Russia and Iran signed their comprehensive strategic partnership treaty in 2024."
MADURO = "Venezuelan leader Nicolas Maduro was detained by US forces on January 3, 2026."
NOBODY = "The city council of Springfield approved a new tram depot on Elm Street for 42 million dollars."
PUBLISHED = "2026-03-05"  # after every seed, so no seed is "newer" than the draft


def draft(*sentences: str) -> str:
    """A draft: a headline and one paragraph per sentence."""
    return "# Russia, Iran and Venezuela: a desk draft\n\n" + "\n\n".join(sentences) + "\n"



@pytest.fixture(scope="module")
def checked(tmp_path_factory, settings, embedder):  # type: ignore[no-untyped-def]
    p = tmp_path_factory.mktemp("draft") / "draft.md"
    p.write_text(draft(TREATY, MADURO, NOBODY), encoding="utf-8")
    return check(str(p), [str(SEEDS)], settings, published=PUBLISHED, embedder=embedder)


def by_text(cr, text):  # type: ignore[no-untyped-def]
    return next(c for c in cr.checks if c.claim.text == text)


def invoke(*args: str, input: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=input)


# Statuses -----------------------------------------------------------------------------------------


def test_treaty_in_2024_is_contradicted_by_003(checked):
    c = by_text(checked, TREATY)
    assert c.status == "contradicted"
    against = [e for e in c.evidence if e.role == "contradicts"]
    assert [e.source.source_file[:3] for e in against] == ["003"]
    e = against[0]
    assert e.source.value == "2025-01" and e.draft_value == "2024" and e.source.location == "003_83472a3ae774d39c.txt:27"
    assert "2024" in e.reason and "2025-01" in e.reason and "signed" in e.reason
    # 002 says 2024 too: shown as support, but a contradiction outranks it.
    assert any(x.role == "supports" and x.source.source_file.startswith("002") for x in c.evidence)


def test_maduro_detention_is_supported_by_000_and_004_with_one_origin(checked):
    c = by_text(checked, MADURO)
    assert c.status == "supported"
    supporting = {e.source.source_file[:3] for e in c.evidence if e.role == "supports"}
    assert supporting == {"000", "004"}
    assert c.origins == ("Bloomberg",)  # both relay Bloomberg: one independent origin
    assert c.to_dict()["independent_origins"] == 1


def test_sentence_no_source_states_is_unsupported(checked):
    c = by_text(checked, NOBODY)
    assert c.status == "unsupported" and not [e for e in c.evidence if e.role == "supports"]


def test_claims_in_draft_order_and_only_draft_claims(checked):
    assert [c.claim.text for c in checked.checks] == [TREATY, MADURO, NOBODY]
    assert [c.claim.line for c in checked.checks] == [3, 5, 7]
    assert checked.not_checkable == 1  # the headline
    assert all(e.source.source_file != "draft.md" for c in checked.checks for e in c.evidence)
    assert checked.counts() == {"contradicted": 1, "updated": 0, "supported": 1, "unsupported": 1, "not_checkable": 1}
    assert [s.file for s in checked.sources] == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_failing_by_fail_on(checked):
    assert [c.status for c in checked.failing("contradicted")] == ["contradicted"]
    assert [c.status for c in checked.failing("unsupported")] == ["contradicted", "unsupported"]


# The status rules, on hand-made findings (independent of what the matcher links) -----------------


def _claim(file: str, text: str, facts: int = 1) -> Claim:
    fact = Fact("date", "2026-01-03", "detained", (0, 4), "x", "main:x", 0)
    return Claim(id=file + text[:8], source_file=file, index=0, text=text, start=0, end=len(text), line=3, checkable=True,
                 attribution=Attribution("", "", "article"), origin=file, negated=False, negation_cue="", facts=(fact,) * facts)


def _finding(relation: str, draft: Claim, src: Claim, src_published: str, measure: str = "detained", value: str = "2026-01-03") -> Finding:
    d = Side(draft.id, draft.source_file, draft.text, 3, "2026-01-03", draft.text, "draft.md", "2026-02-01")
    o = Side(src.id, src.source_file, src.text, 7, value, src.text, src.origin, src_published)
    return Finding(f"{relation}-{src.source_file}", relation, d, o, measure, f"{relation} because", 0.8, True, "")


@pytest.mark.parametrize(
    ("findings", "status"),
    [
        ([("updates", "2026-03-01", "detained", "x")], "updated"),  # the source is newer than the draft
        ([("updates", "2026-01-10", "detained", "x")], "unsupported"),  # the draft is newer: the source is an older state
        ([("updates", "2026-03-01", "detained", "x"), ("corroborates", "2026-01-10", "detained", "2026-01-03")], "updated"),
        ([("contradicts", "2026-01-10", "detained", "2025"), ("updates", "2026-03-01", "detained", "x")], "contradicted"),
        ([("corroborates", "2026-01-10", "statement", "statement")], "unsupported"),  # a similar sentence does not check values
        ([("corroborates", "2026-01-10", "detained", "2026-01-03")], "supported"),
        ([("related", "2026-01-10", "detained", "2026-01"), ("possible", "2026-01-10", "detained", "2026-01")], "unsupported"),
    ],
)
def test_status_rules(findings, status):
    from types import SimpleNamespace

    from reconcile.check import check_claims

    draft_src = SimpleNamespace(file="draft.md")
    mine = _claim("draft.md", "Maduro was detained on January 3, 2026.")
    fs = [_finding(rel, mine, _claim(f"s{i}.txt", "Some source sentence."), pub, measure, value)
          for i, (rel, pub, measure, value) in enumerate(findings)]
    checks, _ = check_claims(draft_src, SimpleNamespace(claims=[mine], findings=fs), None, {})  # type: ignore[arg-type]
    assert [c.status for c in checks] == [status]


def test_statement_support_counts_for_a_claim_without_values():
    from types import SimpleNamespace

    from reconcile.check import check_claims

    mine = _claim("draft.md", "Putin met Pezeshkian in Moscow.", facts=0)
    f = _finding("corroborates", mine, _claim("s.txt", "Putin and Pezeshkian met in Moscow."), "2026-01-10", "statement", "statement")
    checks, _ = check_claims(SimpleNamespace(file="draft.md"), SimpleNamespace(claims=[mine], findings=[f]), None, {})  # type: ignore[arg-type]
    assert checks[0].status == "supported" and checks[0].origins == ("s.txt",)


def test_only_the_draft_is_embedded_when_sources_are_cached(tmp_path, settings, embedder, seeds_result):
    """The seeds' texts are in the cache (seeds_result ran them); a check embeds the draft's texts only."""
    from reconcile.embed import Embedder
    from reconcile.match import make_units

    class Counting(Embedder):
        name = embedder.name

        def __init__(self) -> None:
            self.seen: list[str] = []

        def embed_batch(self, texts):  # type: ignore[no-untyped-def]
            self.seen.extend(texts)
            return embedder.embed_batch(texts)

    counting = Counting()
    p = tmp_path / "fresh.txt"
    p.write_text(draft("The Kremlin said on Tuesday that 17 envoys would travel to Tehran next week for talks on grain."))
    cr = check(str(p), [str(SEEDS)], settings, published=PUBLISHED, embedder=counting)
    draft_texts = {u.text for u in make_units([c for c in cr.result.claims if c.source_file == "fresh.txt"])}
    assert counting.seen and set(counting.seen) <= draft_texts


def test_draft_inside_the_against_folder_is_not_its_own_source(tmp_path, settings, embedder):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    p = corpus / "zz_draft.md"
    p.write_text(draft(MADURO))
    cr = check(str(p), [str(corpus)], settings, published=PUBLISHED, embedder=embedder)
    assert cr.draft.file == "zz_draft.md" and "zz_draft.md" not in [s.file for s in cr.sources]
    assert any(s.reason == "the draft being checked" for s in cr.result.corpus.skipped)
    assert by_text(cr, MADURO).status == "supported"


# CLI: exit codes, output --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentences", "fail_on", "code"),
    [
        ((TREATY, MADURO, NOBODY), "contradicted", 1),
        ((TREATY, MADURO, NOBODY), "unsupported", 1),
        ((MADURO, NOBODY), "contradicted", 0),
        ((MADURO, NOBODY), "unsupported", 1),
        ((MADURO,), "contradicted", 0),
        ((MADURO,), "unsupported", 0),
    ],
)
def test_exit_codes_for_each_fail_on(tmp_path, cache_dir, shared_model, sentences, fail_on, code):
    p = tmp_path / "draft.md"
    p.write_text(draft(*sentences))
    r = invoke("check", str(p), "--against", str(SEEDS), "--published", PUBLISHED, "--fail-on", fail_on,
               "--cache-dir", str(cache_dir), "--quiet", "--format", "json")
    assert r.exit_code == code, r.output
    data = json.loads(r.stdout)
    assert data["ok"] is (code == 0) and data["fail_on"] == fail_on


def test_markdown_report(tmp_path, cache_dir, shared_model):
    p = tmp_path / "draft.md"
    p.write_text(draft(TREATY, MADURO, NOBODY))
    out = tmp_path / "check.md"
    r = invoke("check", str(p), "--against", str(SEEDS), "--published", PUBLISHED, "-o", str(out), "--cache-dir", str(cache_dir))
    assert r.exit_code == 1
    assert "1 contradicted, 0 updated, 1 supported, 1 unsupported" in r.stderr
    md = out.read_text()
    heads = [ln for ln in md.splitlines() if ln.startswith("### ")]
    assert heads == [
        "### 1 · ✗ contradicted · `draft.md:3`",
        "### 2 · ✓ supported · `draft.md:5`",
        "### 3 · ? unsupported · `draft.md:7`",
    ]
    assert "**Result: FAIL**" in md and "`003_83472a3ae774d39c.txt:27`" in md and "**Independent origins:** 1 (Bloomberg)" in md


def test_hostile_draft_text_stays_inert(tmp_path, cache_dir, shared_model):
    p = tmp_path / "evil.md"
    p.write_text(draft("Maduro was detained on January 3, 2026 <script>alert(1)</script> | [x](javascript:alert(1)) by US forces."))
    r = invoke("check", str(p), "--against", str(SEEDS), "--published", PUBLISHED, "--cache-dir", str(cache_dir), "--quiet")
    html = MarkdownIt("commonmark").enable("table").render(r.stdout)
    assert "<script" not in html and "javascript:" not in html.replace("javascript\u200b:", "")


def test_draft_from_stdin(cache_dir, shared_model):
    r = invoke("check", "-", "--against", str(SEEDS), "--published", PUBLISHED, "--cache-dir", str(cache_dir), "--quiet",
               "--format", "json", input=draft(MADURO).encode())
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["draft"] == "<stdin>" and [c["status"] for c in data["claims"]] == ["supported"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "2026-13-05"], "is not a date"),
        (["--published", "last week"], "is not a date"),
        (["--fail-on", "everything"], "Invalid value for '--fail-on'"),
    ],
)
def test_usage_errors_exit_2(tmp_path, args, message):
    p = tmp_path / "draft.md"
    p.write_text(draft(MADURO))
    r = invoke("check", str(p), "--against", str(SEEDS), *args)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_input_errors_exit_2(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text(draft(MADURO))
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "draft.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "bad.toml").write_text('[[review]]\nid = "abc\n')
    cases = [
        (["check", str(tmp_path / "missing.md"), "--against", str(SEEDS)], "no such draft file"),
        (["check", str(tmp_path / "empty.md"), "--against", str(SEEDS)], "cannot check this draft: empty file"),
        (["check", str(tmp_path / "draft.pdf"), "--against", str(SEEDS)], "must be .txt, .md or .html"),
        (["check", str(p), "--against", str(tmp_path / "nowhere")], "no such file or folder"),
        (["check", str(p)], "Missing option '--against'"),
        (["check", str(p), "--against", str(SEEDS), "--reviews", str(tmp_path / "bad.toml")], "bad.toml:2: not valid TOML"),
    ]
    for args, message in cases:
        r = invoke(*args)
        assert r.exit_code == 2, (args, r.output)
        assert message in r.output and "Traceback" not in r.output, (args, r.output)
        assert len(r.output.strip().splitlines()) == 1 or "Usage:" in r.output


# Review decisions in a check ---------------------------------------------------------------------


def test_dismissed_contradiction_does_not_fail(tmp_path, cache_dir, shared_model):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    p = tmp_path / "draft.md"
    p.write_text(draft(TREATY, MADURO))
    base = ["--published", PUBLISHED, "--cache-dir", str(cache_dir), "--quiet"]
    r = invoke("check", str(p), "--against", str(corpus), *base, "--format", "json")
    assert r.exit_code == 1
    fid = next(e["finding"] for c in json.loads(r.stdout)["claims"] for e in c["evidence"] if e["role"] == "contradicts")

    r = invoke("review", "dismiss", fid, str(corpus), "--draft", str(p), *base, "--note", "the 2024 framework text", "--by", "desk")
    assert r.exit_code == 0, r.output
    d = load_reviews(corpus / "reviews.toml").get(fid)
    assert d is not None and d.decision == "dismissed" and d.draft and d.by == "desk"

    r = invoke("check", str(p), "--against", str(corpus), *base, "--format", "json")
    assert r.exit_code == 0, r.output
    claim = next(c for c in json.loads(r.stdout)["claims"] if c["text"] == TREATY)
    assert claim["status"] == "supported"  # 002's "In 2024" remains
    assert any(e["role"] == "dismissed" and e["review"]["note"] == "the 2024 framework text" for e in claim["evidence"])

    # A corpus report sets draft decisions aside: they are not orphans of the corpus.
    r = invoke("report", str(corpus), "-o", "-", "--format", "json", "--cache-dir", str(cache_dir), "--quiet")
    reviews = json.loads(r.stdout)["reviews"]
    assert reviews["orphaned"] == [] and reviews["counts"]["elsewhere"] == 1


@pytest.mark.parametrize(("value", "status"), [("2024", "supported"), ("2025-01", "contradicted")])
def test_resolved_contradiction_follows_the_correct_value(tmp_path, settings, embedder, value, status):
    from reconcile.review import Reviews, decide

    p = tmp_path / "draft.md"
    p.write_text(draft(TREATY))
    cr = check(str(p), [str(SEEDS)], settings, published=PUBLISHED, embedder=embedder)
    e = next(e for e in by_text(cr, TREATY).evidence if e.role == "contradicts")
    f = next(f for f in cr.result.findings if f.id == e.finding_id)
    reviews = decide(Reviews(str(tmp_path / "reviews.toml")), f, "resolved", value=value, by="desk", draft_file="draft.md")
    cr = check(str(p), [str(SEEDS)], settings, published=PUBLISHED, embedder=embedder, reviews=reviews)
    assert by_text(cr, TREATY).status == status


def test_several_against_paths_after_one_option(tmp_path, cache_dir, shared_model):
    p = tmp_path / "draft.md"
    p.write_text(draft(MADURO))
    r = invoke("check", str(p), "--against", str(SEEDS / "000_2beca3dde1389bfc.txt"), str(SEEDS / "004_03ebcb0a49025be3.txt"),
               "--published", PUBLISHED, "--cache-dir", str(cache_dir), "--quiet", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["against"] == ["000_2beca3dde1389bfc.txt", "004_03ebcb0a49025be3.txt"]
    assert data["claims"][0]["status"] == "supported" and data["claims"][0]["origins"] == ["Bloomberg"]


def test_a_possible_contradiction_is_named_but_never_decides():
    """A source that may disagree (a possible contradiction) leaves the claim unsupported, says so in the
    reason and shows the quote as "may contradict (review)"; a supporting source still wins."""
    from dataclasses import replace
    from types import SimpleNamespace

    from reconcile.check import check_claims

    draft_src = SimpleNamespace(file="draft.md")
    mine = _claim("draft.md", "Maduro was detained on January 3, 2026.")
    maybe = replace(_finding("possible", mine, _claim("s1.txt", "Some source sentence."), "2026-01-10", value="2025-12-30"), conflict=True)
    (alone,), _ = check_claims(draft_src, SimpleNamespace(claims=[mine], findings=[maybe]), None, {})  # type: ignore[arg-type]
    assert alone.status == "unsupported" and "may disagree (review)" in alone.reason
    assert [e.role for e in alone.evidence] == ["conflict"]
    support = _finding("corroborates", mine, _claim("s2.txt", "Another source sentence."), "2026-01-10")
    (both,), _ = check_claims(draft_src, SimpleNamespace(claims=[mine], findings=[maybe, support]), None, {})  # type: ignore[arg-type]
    assert both.status == "supported" and [e.role for e in both.evidence] == ["supports", "conflict"]
