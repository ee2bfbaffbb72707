"""Property tests (hypothesis): ingest, sentence splitting, date and quantity extraction, escaping.

No input may raise; every offset points into the text it came from; escaping is inert and idempotent.

CI runs the "ci" profile (a modest number of examples per property). The long run, at least 10,000
examples per property:

    HYPOTHESIS_PROFILE=long python -m pytest -q tests/test_fuzz.py

("long" also turns off the example database, so every run explores fresh examples.)
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reconcile import extract as ex
from reconcile.claims import split_sentences
from reconcile.errors import GoldError, ManifestError
from reconcile.evaluate import load_gold
from reconcile.ingest import clean_residue, decode, infer_published, load_manifest, looks_english, parse_published, read_source
from reconcile.models import Skipped, Source
from reconcile.report import code, escape
from reconcile.settings import Settings

_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=_SLOW)
settings.register_profile("long", max_examples=10_000, deadline=None, database=None, suppress_health_check=_SLOW)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def fewer(n: int):  # type: ignore[no-untyped-def]
    """A smaller example count in CI for properties whose every example costs milliseconds; all of them in the long run."""
    return settings(max_examples=settings.default.max_examples if LONG else n)


# Strategies ------------------------------------------------------------------------------------------

# Pieces of news prose, Markdown/HTML syntax and date/quantity vocabulary, so generated text reaches the
# interesting branches instead of being random letters.
NEWS = [
    "The", "storm", "killed", "at least", "about", "more than", "between", "and", "to", "up to", "under", "nearly",
    "people", "km", "miles", "$", "€", "%", "million", "billion", "hundreds of", "thousands of", "dozens of",
    "January", "Jan.", "Sept.", "May", "March 3,", "2024", "1999", "the 1990s", "early", "mid-", "late", "summer",
    "winter", "of", "on Tuesday", "last year", "next week", "yesterday", "two weeks ago", "the first three months of",
    "2025-01-31", "2025-02-30", "31", "0", "-5", "1,000", "3.5", "½", "10:30 p.m.", "09:00 GMT", "north of", "inside the",
    "said", "according to Reuters", "Putin", "S-300", "Mr.", "Dr.", "U.S.", "e.g.", "i.e.", "?", "!", ".", ",", ";",
    "\u201c", "\u201d", '"', "'", "(", ")", "\n", "\n\n", " ", "  ", "\t", "\u00a0", "\u2028",
]
HOSTILE = [
    "<script>", "</script>", "<img src=x onerror=alert(1)>", "<!--", "-->", "<a href='x'>", "[x](javascript:alert(1))",
    "![i](http://e.x/i.png)", "[ref]: http://evil", "<http://evil>", "http://", "https://evil.example/", "www.evil.com",
    "mailto:", "javascript:", "data:", "`", "``", "```mermaid", "```", "~~~", "#", "## ", "|", "\\", "\\|", "*", "**",
    "_", "~~", "&amp;", "&lt;", "&#60;", "&", "1.", "1)", "- ", "+ ", "> ", "---", "===", "    ", ":", "^", "$$", "{", "}",
    "graph LR", "A-->B", "%%{init}%%", "\x00", "\u200b", "\ufeff", "\ud7ff", "\U0001f600", "ann@example.com", "@user",
    "HTTPS://", "WWW.", "ftp://", "xmpp:",
]


def pieces(vocab: list[str], max_size: int = 30) -> st.SearchStrategy[str]:
    """Text built from vocabulary pieces, joined by single spaces or nothing."""
    return st.lists(st.tuples(st.sampled_from(vocab), st.sampled_from(["", " "])), max_size=max_size).map(
        lambda xs: "".join(a + b for a, b in xs)
    )


# Full Unicode (surrogates excluded: articles are decoded bytes and cannot contain them) and biased text.
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
news_text = st.one_of(pieces(NEWS), any_text)
hostile_text = st.one_of(pieces(HOSTILE + NEWS), any_text)
# Publication dates as parse_published accepts them (years 1000-8999), near today more often.
bases = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
                  st.dates(min_value=date(1000, 1, 1), max_value=date(8999, 12, 31)))


def _fold(text: str) -> str:
    return " ".join(text.split())


# Ingest ---------------------------------------------------------------------------------------------------

_TMP = Path(tempfile.mkdtemp(prefix="reconcile-fuzz-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)  # hypothesis reuses it across examples: removed at exit
ST = Settings(quiet=True, use_cache=False)


@given(st.binary(max_size=2000))
def test_decode_never_raises(data):
    got = decode(data)
    assert got is None or (isinstance(got[0], str) and got[1])


@given(news_text)
def test_residue_blanking_keeps_offsets(text):
    clean, residue, cues = clean_residue(text)
    assert len(clean) == len(text)
    # Only whole characters are blanked, and line breaks stay where they were.
    assert all(c == t or (c == " " and t not in "\r\n") for c, t in zip(clean, text))
    assert all(r.line >= 1 for r in residue)
    looks_english(text)


@given(st.one_of(st.binary(max_size=1500), news_text.map(lambda s: s.encode("utf-8")), hostile_text.map(lambda s: s.encode("utf-8", "replace"))),
       st.sampled_from([".txt", ".md", ".html"]))
@fewer(100)
def test_read_source_never_raises(data, ext):
    p = _TMP / f"a{ext}"
    p.write_bytes(data)
    got = read_source(p, _TMP, ST, {})
    assert isinstance(got, (Source, Skipped))
    if isinstance(got, Source):
        assert len(got.clean) == len(got.text) and got.clean.strip()
        assert got.published is None or parse_published(got.published.value) is not None
    else:
        assert got.reason


@given(st.text(max_size=40))
def test_parse_published_total(value):
    got = parse_published(value)
    assert got is None or got[0] <= got[1]


@given(news_text)
@fewer(100)
def test_infer_published_is_a_date_or_none(text):
    got = infer_published(text)
    assert got is None or parse_published(got) is not None


toml_scalar = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.dates().map(str).map(lambda d: f"@{d}"))


def _toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(x)}" for k, x in v.items()) + "}"
    s = str(v)
    if s.startswith("@"):
        return s[1:]  # a bare TOML date
    # JSON's string escapes are TOML's, except that TOML wants DEL escaped too.
    return json.dumps(s, ensure_ascii=False).replace("\x7f", "\\u007f")


toml_value = st.one_of(toml_scalar, st.lists(toml_scalar, max_size=3), st.dictionaries(st.sampled_from(["file", "quote"]), toml_scalar, max_size=2))
toml_table = st.dictionaries(
    st.sampled_from(["file", "outlet", "published", "url", "relays", "colour", "a", "b", "relation", "note"]),
    st.one_of(toml_value, st.sampled_from(["a.txt", "missing.txt", "2025-01-02", "2025-13", "corroborates", "../x", "\x00"])),
    max_size=6,
)


@given(st.one_of(st.lists(toml_table, max_size=3), st.text(max_size=200)), st.sampled_from(["source", "pairs"]),
       st.one_of(st.just("."), toml_value))
@fewer(100)
@example([{"file": "\n", "colour": ""}], "source", ".")
def test_manifest_and_gold_fail_only_with_their_errors(tables, key, corpus):
    if isinstance(tables, str):
        text = tables
    else:
        text = f"corpus = {_toml_value(corpus)}\n" + "".join(
            f"[[{key}]]\n" + "".join(f"{k} = {_toml_value(v)}\n" for k, v in t.items()) for t in tables
        )
    (_TMP / "a.txt").write_text("x")
    p = _TMP / "f.toml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    # Each fails with its own error, on one line (tomllib's messages name line and column themselves).
    try:
        load_manifest(p)
    except ManifestError as e:
        assert "\n" not in str(e).strip()
    try:
        load_gold(p)
    except GoldError as e:
        assert "\n" not in str(e).strip()


# Sentences ------------------------------------------------------------------------------------------------


@given(news_text, st.integers(min_value=5, max_value=400))
def test_sentence_spans_are_bounded(text, max_chars):
    clean = text.replace("\r\n", "\n").replace("\r", "\n")
    for s, e in split_sentences(clean, max_chars):
        assert 0 <= s < e <= len(clean), (s, e)
        assert "\n" not in clean[s:e]
        assert e - s <= max_chars


@given(news_text, st.integers(min_value=5, max_value=400))
@example("0" * 6, 5)
@example("TheThe  storm", 5)
def test_sentence_spans_lose_no_character(text, max_chars):
    clean = text.replace("\r\n", "\n").replace("\r", "\n")
    covered: set[int] = set()
    for s, e in split_sentences(clean, max_chars):
        assert clean[s:e].strip() and clean[s:e] == clean[s:e].strip()
        covered.update(range(s, e))
    lost = [i for i, ch in enumerate(clean) if not ch.isspace() and i not in covered]
    assert not lost, [clean[i] for i in lost]


@given(news_text, st.integers(min_value=5, max_value=400))
@example("TheMr. Mr. Mr.", 2000)
def test_sentence_spans_do_not_overlap(text, max_chars):
    clean = text.replace("\r\n", "\n").replace("\r", "\n")
    spans = split_sentences(clean, max_chars)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans


@given(st.text(alphabet=st.sampled_from(list("ab XY,;:'\"()-–—“”‘’«»$%09\t\u00a0\u2009*|/[]<>#&.!?…")), max_size=60) | news_text)
@example("He said \"I was going to-\" He left.")
@example('(\u00a0[)\u00a0Y.')
def test_one_sentence_shortcut_agrees_with_pysbd(text):
    """A paragraph split_sentences hands to pysbd only when it has a possible inner stop gives the same spans."""
    import reconcile.claims as C

    clean = text.replace("\r\n", "\n").replace("\r", "\n")
    fast = split_sentences(clean, 2000)
    saved = C.INNER_STOP
    try:
        C.INNER_STOP = re.compile(r"[\s\S]")  # every paragraph goes to pysbd
        assert split_sentences(clean, 2000) == fast
    finally:
        C.INNER_STOP = saved


@given(st.text(alphabet=st.sampled_from(list("ab XY,;:'\"()-–—“”‘’«»$%09\t\u00a0\u2009\u3000*|/[]<>#&.!?…")), max_size=60) | news_text)
@example("Yes. Yes. Yes.")
@example("A b.  A b.\u00a0 A b.")
def test_sentence_spans_are_pysbds_own(text):
    """The segmenter finds each sentence's span as pysbd's own char_span search does, without its regexes."""
    import pysbd

    from reconcile.claims import _segmenter

    para = text.replace("\r", " ").replace("\n", " ")
    want = [(p.start, p.end) for p in pysbd.Segmenter(language="en", clean=False, char_span=True).segment(para)]
    assert _segmenter().segment_spans(para) == want


# Dates, quantities, attributes, entities -----------------------------------------------------------------


@given(news_text, bases)
def test_dates_point_into_the_text(text, base):
    dates, spans = ex.extract_dates(text, base)
    for d in dates:
        assert 0 <= d.start < d.end <= len(text) and text[d.start : d.end] == d.text
        lo, hi = date.fromisoformat(d.low), date.fromisoformat(d.high)
        assert lo <= hi
    assert all(a.end <= b.start for a, b in zip(dates, dates[1:]))  # no two dates overlap
    for s, e in spans:
        assert 0 <= s < e <= len(text)


@given(news_text, st.floats(min_value=0, max_value=0.5))
@fewer(100)
def test_quantities_point_into_the_text(text, tol):
    _, spans = ex.extract_dates(text, None)
    for q in ex.extract_quantities(text, spans, tol):
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text
        assume(q.low == q.low and q.high == q.high)  # NaN has no order to check
        assert q.low <= q.high, q
        if q.dimension != "count" or q.qualifier in ("", "between"):
            assert q.low <= q.value <= q.high or q.qualifier == "between", q


@given(news_text)
def test_attributes_and_entities_point_into_the_text(text):
    for a in ex.extract_attributes(text):
        assert 0 <= a.start < a.end <= len(text) and text[a.start : a.end].strip()
    for e in ex.extract_entities(text):
        assert 0 <= e.start < e.end <= len(text) and text[e.start : e.end] == e.text and e.key
    ex.negation(text)
    ex.attribution(text, ("Reuters",), None)


@given(news_text, bases)
@fewer(100)
def test_claims_point_into_the_source(text, published):
    """The whole claims stage on one source: no exception, every claim and value where it says it is."""
    from reconcile.claims import source_claims
    from reconcile.models import Meta

    clean = text.replace("\r\n", "\n").replace("\r", "\n")
    src = Source(file="a.txt", path="a.txt", text=clean, clean=clean, sha256="", encoding="utf-8", kind="txt",
                 published=Meta(published.isoformat(), "manifest") if published else None)
    for c in source_claims(src, ST):
        assert 0 <= c.start < c.end <= len(clean) and _fold(clean[c.start : c.end]) == c.text
        assert c.line == clean.count("\n", 0, c.start) + 1
        for v in (*c.dates, *c.quantities, *c.entities):
            assert c.text[v.start : v.end] == v.text
        for a in c.attributes:
            assert 0 <= a.start < a.end <= len(c.text)


# Escaping -------------------------------------------------------------------------------------------------

MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
ACTIVE = {"html_inline", "html_block", "link_open", "image", "heading_open", "fence", "code_block", "code_inline", "em_open",
          "strong_open", "s_open", "bullet_list_open", "ordered_list_open", "blockquote_open", "hr", "table_open"}
# Where the report puts escaped text: a table cell, a paragraph, a list item, a heading; with what the
# reader sees of the template around it.
CONTEXTS = {
    "cell": ("| h |\n|---|\n| {} |\n", {"table_open"}, "h", ""),
    "paragraph": ("**Why:** {}\n", {"strong_open"}, "Why: ", ""),
    "list": ("- {}\n", {"bullet_list_open"}, "", ""),
    "heading": ("#### C1 · {} · x\n", {"heading_open"}, "C1 · ", " · x"),
}
URL_BREAK = "\u200b"  # escape() breaks URL schemes with a zero-width space


def render(template: str, body: str) -> tuple[list[str], str, int]:
    """Token types, visible text, and the number of table cells of a rendered snippet."""
    tokens = MD.parse(template.format(body))
    types, text, cells = [], [], 0
    for tok in tokens:
        types.append(tok.type)
        cells += tok.type in ("td_open", "th_open")
        for ch in tok.children or []:
            types.append(ch.type)
            if ch.type == "text":
                text.append(ch.content)
            elif ch.type == "softbreak":
                text.append(" ")
    return types, "".join(text), cells


def visible(context: str, text: str) -> str:
    """What a reader sees of `text` escaped into a context, the template's own words removed."""
    template, _, pre, post = CONTEXTS[context]
    _, shown, _ = render(template, escape(text))
    pre, post = pre.strip(), post.strip()  # the renderer trims the template's spaces around an empty text
    assert shown.startswith(pre) and shown.endswith(post), (shown, pre, post)
    return shown[len(pre) : len(shown) - len(post)].strip()


@given(hostile_text)
@settings(max_examples=settings.default.max_examples if LONG else 300)
def test_escape_is_inert_everywhere(text):
    for template, allowed, _, _ in CONTEXTS.values():
        types, shown, cells = render(template, escape(text))
        assert not (set(types) & ACTIVE) - allowed, (template, set(types) & ACTIVE)
        if "table_open" in allowed:
            assert cells == 2  # header and one cell: the pipe did not split it
        assert "\n" not in escape(text)


@given(hostile_text)
@settings(max_examples=settings.default.max_examples if LONG else 300)
def test_escape_is_faithful_and_idempotent(text):
    """The reader sees the text itself (whitespace folded); escaping what they see shows it unchanged.

    `escape` cannot be idempotent on its own output (escaping a backslash must add one); the
    idempotence that matters is of what is read: render(escape(render(escape(x)))) == render(escape(x)).
    """
    want = _fold(text).replace("\x00", "\ufffd")  # CommonMark replaces NUL
    for context in CONTEXTS:
        once = visible(context, text)
        assert once.replace(URL_BREAK, "") == want.replace(URL_BREAK, ""), context
        assert visible(context, once) == once, context


@given(hostile_text)
@settings(max_examples=settings.default.max_examples if LONG else 300)
def test_code_span_is_one_inert_cell(text):
    tokens = MD.parse(f"| h | i |\n|---|---|\n| {code(text)} | x |\n")
    types = [t.type for tok in tokens for t in [tok, *(tok.children or [])]]
    assert types.count("td_open") == 2
    assert not {"html_inline", "link_open", "image"} & set(types)
    spans = [t.content for tok in tokens for t in tok.children or [] if t.type == "code_inline"]
    if _fold(text).replace("`", ""):
        assert spans and re.sub(r"\s+", " ", spans[0]).strip() == _fold(text).replace("`", "'").replace("\x00", "\ufffd").strip()


# GitHub's autolink extension links these in plain text, where markdown-it (CommonMark) does not.
GFM_AUTOLINK = re.compile(r"(?i)(?:\b(?:https?|ftp)://|(?<![\w.])www\.|\b(?:mailto|xmpp):|[\w.+-]@[\w-]+\.[\w-])")


@given(hostile_text)
@settings(max_examples=settings.default.max_examples if LONG else 300)
def test_escape_leaves_nothing_for_gfm_autolinks(text):
    assert not GFM_AUTOLINK.search(escape(text))


@pytest.mark.parametrize("text", ["ann@example.com", "a\\|b", "x `y` z", "| |", "www.x.org", "javascript:alert(1)", "<b>", "1. item", "\\", "-"])
def test_escape_examples_stay_readable(text):
    for context in CONTEXTS:
        assert visible(context, text).replace(URL_BREAK, "") == _fold(text), context
