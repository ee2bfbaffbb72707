"""Markdown report: escaping checked with a real renderer, and the committed golden report."""

from __future__ import annotations

import pytest
from conftest import ROOT
from markdown_it import MarkdownIt

from reconcile.report import escape, to_markdown

HOSTILE = [
    "a | b | c",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "# Heading injection",
    "```mermaid\ngraph LR\n```",
    "`code` and **bold** ![img](http://e.x/i.png)",
    "visit https://evil.example now",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_inert(text):
    md = MarkdownIt("commonmark").enable("table").enable("linkify") if False else MarkdownIt("commonmark").enable("table")
    cell = f"| h |\n|---|\n| {escape(text)} |\n"
    tokens = md.parse(cell)
    flat = [t for tok in tokens for t in ([tok] + list(tok.children or []))]
    assert not any(t.type in ("html_inline", "html_block", "link_open", "image", "heading_open", "fence", "code_inline") for t in flat)
    html = md.render(cell)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert html.count("<td>") == 1  # the pipe did not split the cell


def test_injection_in_an_article_stays_inert(tmp_path, settings):
    from reconcile.pipeline import run

    body = "The storm killed 30 people in Dover on Tuesday <script>alert(1)</script> | [x](javascript:alert(1)).\n"
    (tmp_path / "a.txt").write_text("# Storm <img src=x onerror=alert(1)> Hits Coast\n\n" + body)
    (tmp_path / "b.txt").write_text("Storm report from the coast today\n\nThe storm killed 45 people in Dover on Tuesday, officials said.\n")
    md = to_markdown(run([str(tmp_path)], settings))
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.replace("javascript\u200b:", "")


def test_golden_seeds_report_is_current(seeds_result):
    """reports/seeds.md and tests/golden/seeds.md are exactly what `reconcile report seeds/` writes.

    Regenerate (an explicit, reviewed step): `reconcile report seeds/ && cp reports/seeds.md tests/golden/seeds.md`.
    """
    md = to_markdown(seeds_result)
    assert md == (ROOT / "tests" / "golden" / "seeds.md").read_text(encoding="utf-8")
    assert md == (ROOT / "reports" / "seeds.md").read_text(encoding="utf-8")


def test_many_sources_get_a_pair_list_instead_of_a_matrix(seeds_result, monkeypatch):
    import re

    from reconcile import report

    full = to_markdown(seeds_result)
    assert "## Source agreement matrix" in full and "## Source pairs" not in full
    monkeypatch.setattr(report, "MATRIX_MAX_SOURCES", 2)
    md = to_markdown(seeds_result)
    assert "## Source agreement matrix" not in md and "```mermaid" not in md
    section = md.split("## Source pairs", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and not r.startswith("| source")]
    contra = [f for f in seeds_result.findings if f.relation == "contradicts"]
    # every pair of outlets with a contradiction is listed, the most contradicted first
    counts = [int(re.split(r"\s*\|\s*", r.strip("| "))[3]) for r in rows]
    assert sum(counts) == len(contra) and counts == sorted(counts, reverse=True)


def test_bulk_sections_stop_at_the_limit_and_say_what_they_left_out(seeds_result):
    import re
    from dataclasses import replace

    full = to_markdown(replace(seeds_result, settings=seeds_result.settings.with_(report_limit=0)))
    assert full == to_markdown(seeds_result)  # the seeds stay under the default limit
    cut = to_markdown(replace(seeds_result, settings=seeds_result.settings.with_(report_limit=3)))
    by_rel = {r: [f for f in seeds_result.findings if f.relation == r] for r in ("contradicts", "updates", "corroborates", "possible")}
    # contradictions and updates are never cut: every one of their ids is still there
    for f in by_rel["contradicts"] + by_rel["updates"]:
        assert f.id in cut
    # the counts in headings stay whole; the cut sections say how many they left out
    assert f"## Corroborated facts ({len(by_rel['corroborates'])})" in cut
    assert f"## Possible matches for review ({len(by_rel['possible'])})" in cut
    pos = cut.split("## Possible matches for review", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^\| (?!fact)(?!-)", pos, re.M)) == 3
    assert f"{len(by_rel['possible']) - 3} more possible match(es)" in pos and "--full" in pos
    cor = cut.split("## Corroborated facts", 1)[1].split("\n## ", 1)[0]
    shown = len(re.findall(r"^\| (?!fact)(?!-)", cor, re.M))
    assert 3 <= shown < len(by_rel["corroborates"])
    m = re.search(r"Not shown: (\d+) more group\(s\) \((\d+) corroborations\)", cor)
    assert m and shown + int(m.group(2)) == len(by_rel["corroborates"])
    assert len(cut) < len(full)


def test_full_flag_lifts_the_limit(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from reconcile import report as report_mod
    from reconcile.cli import cli

    seen = []

    def fake(corpus, st, fmt, reviews_path):  # type: ignore[no-untyped-def]
        seen.append(st.report_limit)
        return report_mod.Rendered("report\n", (), (), False, ())

    monkeypatch.setattr(report_mod, "render_report", fake)
    for args in ([], ["--full"]):
        r = CliRunner().invoke(cli, ["report", str(ROOT / "seeds"), "-o", str(tmp_path / "r.md"), "--quiet", *args])
        assert r.exit_code == 0, r.output
    assert seen == [5000, 0]


def _groups_by_definition(cor):  # type: ignore[no-untyped-def]
    """_corroboration_groups' anchors as its docstring defines them, recomputed from scratch each time:
    the anchor with the most corroborations left, ties to the lowest name."""
    def node(f, side):  # type: ignore[no-untyped-def]
        x = f.a if side == "a" else f.b
        return x.claim_id if f.measure == "statement" else f"{x.claim_id}|{x.value}"

    left = sorted({f.id: f for f in cor}.values(), key=lambda f: f.id)
    order = []
    while left:
        degree: dict[str, int] = {}
        for f in left:
            for n in {node(f, "a"), node(f, "b")}:
                degree[n] = degree.get(n, 0) + 1
        anchor = min(degree, key=lambda n: (-degree[n], n))
        order.append((anchor, sorted(f.id for f in left if anchor in (node(f, "a"), node(f, "b")))))
        left = [f for f in left if anchor not in (node(f, "a"), node(f, "b"))]
    return sorted(order)


def test_corroboration_groups_take_anchors_as_defined():
    """The lazy heap takes the same anchors, with the same members, as recomputing every degree each time."""
    import random

    from reconcile.models import Finding, Side
    from reconcile.report import _corroboration_groups

    rng = random.Random(7)
    for trial in range(30):
        claims = [f"c{i:03d}" for i in range(rng.randint(3, 40))]
        cor = []
        for k in range(rng.randint(1, 120)):
            a, b = rng.sample(claims, 2)
            measure = rng.choice(["statement", "killed"])
            value = rng.choice(["12", "14"]) if measure != "statement" else ""
            side = lambda c: Side(c, f"{c}.txt", "t", 1, value, "s", c, "")  # noqa: E731
            cor.append(Finding(f"f{k:04d}", "corroborates", side(a), side(b), measure, "same", 1.0, True, ""))
        got = sorted((anchor, sorted(f.id for f in fs)) for anchor, fs, _ in _corroboration_groups(cor))
        assert got == _groups_by_definition(cor), trial
