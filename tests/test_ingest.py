"""Ingest: residue, metadata, encodings and bad input."""

from __future__ import annotations

import gzip

import pytest

from reconcile.errors import InputError, ManifestError
from reconcile.ingest import ingest
from reconcile.settings import Settings

ST = Settings(quiet=True)
ARTICLE = "Storm Hits Coast\n\nThe storm killed at least 30 people on Tuesday, officials said.\nRescuers reached the town of Dover.\n"


def test_residue_removed_and_counted(seed_claims):
    corpus, _ = seed_claims
    by = {s.file[:3]: s for s in corpus.sources}
    kinds = {k: [r.kind for r in s.residue] for k, s in by.items()}
    assert kinds["000"].count("image file name") == 3
    assert "ticker" in kinds["003"] and "view counter" in kinds["003"] and "teaser of another article" in kinds["003"]
    assert "menu or navigation" in kinds["002"]
    assert "photo credit" in kinds["001"] and "photo credit" in kinds["004"]
    # The teaser glued to a sentence is gone, the article's own sentences stay.
    assert "worthlessness as an ally" not in by["003"].clean
    assert "Russia will not provide military assistance to Tehran" in by["003"].clean


def test_outlets_and_relays_from_text(tmp_path):
    (tmp_path / "a.txt").write_text("Putin Ready to Drop Iran After Venezuela, Says Bloomberg\n\nBloomberg reports that officials met on Monday.\n")
    (tmp_path / "b.txt").write_text("Headline about the war in the region today\n\nKyiv • UNN\n\nThe minister said the talks failed.\n")
    c = ingest([str(tmp_path)], ST)
    a, b = c.sources
    assert a.relays == ("Bloomberg",)
    assert (b.outlet.value, b.outlet.origin) == ("UNN", "text")


def test_inferred_publication_date(tmp_path):
    (tmp_path / "a.txt").write_text("Flood News Today Here\n\nOn March 3, 2024 the river rose. By March 5, 2024 it fell.\n")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert (src.published.value, src.published.origin) == ("2024-03-05", "inferred")


@pytest.mark.parametrize("encoding", ["cp1251", "latin-1"])
def test_legacy_encodings(tmp_path, encoding):
    text = "Café owner José said the fire started at night. " * 5 if encoding == "latin-1" else "Mayor said the bridge was closed. Город Москва. " * 5
    (tmp_path / "a.txt").write_bytes(text.encode(encoding))
    src = ingest([str(tmp_path)], ST).sources[0]
    assert ("José" if encoding == "latin-1" else "Москва") in src.text


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\t\n", "only whitespace"),
        ("png.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
        ("pdf.txt", b"%PDF-1.4\n%\xe2\xe3", "PDF"),
        ("gz.txt", gzip.compress(b"hello"), "gzip"),
        ("nul.txt", b"abc\x00\x00\x01\x02def", "binary"),
    ],
)
def test_bad_files_are_skipped_with_reason(tmp_path, name, data, reason):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / name).write_bytes(data)
    c = ingest([str(tmp_path)], ST)
    assert [s.file for s in c.sources] == ["good.txt"]
    assert any(s.path.endswith(name) and reason in s.reason for s in c.skipped)


def test_other_files_and_duplicates_accounted(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "notes.csv").write_text("x,y")
    c = ingest([str(tmp_path)], ST)
    assert [s.file for s in c.sources] == ["a.txt"]
    reasons = {s.path.split("/")[-1]: s.reason for s in c.skipped}
    assert "duplicate of a.txt" in reasons["b.txt"] and "not an article" in reasons["notes.csv"]


def test_symlink_loop_is_not_followed(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "loop").symlink_to(tmp_path)
    c = ingest([str(tmp_path)], ST)
    assert len(c.sources) == 1 and any("symlink" in s.reason for s in c.skipped)


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        ingest(["/nonexistent/folder"], ST)


def test_non_english_is_skipped(tmp_path):
    (tmp_path / "de.txt").write_text("Der Sturm hat am Dienstag mindestens dreißig Menschen getötet, sagten die Behörden. " * 4)
    (tmp_path / "en.txt").write_text(ARTICLE)
    c = ingest([str(tmp_path)], ST)
    assert any("not English" in s.reason for s in c.skipped)


def test_html_through_trafilatura(tmp_path):
    html = ("<html><head><title>Quake strikes city</title><meta property='og:site_name' content='Daily Planet'></head><body>"
            "<nav>Home News Sport</nav><article><h1>Quake strikes city</h1>"
            + "<p>The earthquake killed at least 12 people on Monday, officials said in a statement to reporters.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "a.html").write_text(html)
    src = ingest([str(tmp_path)], ST).sources[0]
    assert "killed at least 12 people" in src.text and src.kind == "html"


PAGE = """<!DOCTYPE html>
<html>
<head>
<title>Fire kills 12 in Harlow warehouse</title>
<script>var teaser = "The fire killed 99 people in Harlow on Monday, officials said.";</script>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Fire kills 12 in Harlow warehouse</h1>
<p>A fire at a warehouse in Harlow killed 12 people on Monday,
officials said. Firefighters battled the blaze for six hours.</p>

<p>The fire broke out at about 3 a.m. in the <b>Templefields</b> industrial
estate, according to Essex Fire &amp; Rescue Service.</p>
<p>
  Forty people were taken to hospital, the ambulance service said.
</p>
</article>
</body>
</html>
"""


def test_html_claims_give_the_line_of_the_page_source(tmp_path, settings):
    """file:line of an HTML claim is the line of the file a reader opens, not of the extracted text: the
    line its sentence starts on, inside a paragraph wrapped over several lines, past tags and entities,
    never inside a script."""
    from reconcile.claims import source_claims

    (tmp_path / "page.html").write_text(PAGE)
    src = ingest([str(tmp_path)], ST).sources[0]
    lines = {c.text: c.line for c in source_claims(src, settings)}
    assert lines == {
        "Fire kills 12 in Harlow warehouse": 4,
        "A fire at a warehouse in Harlow killed 12 people on Monday, officials said.": 11,
        "Firefighters battled the blaze for six hours.": 12,
        "The fire broke out at about 3 a.m. in the Templefields industrial estate, according to Essex Fire & Rescue Service.": 14,
        "Forty people were taken to hospital, the ambulance service said.": 17,
    }


def test_html_line_map_when_text_is_not_on_the_page():
    from reconcile.ingest import html_line, html_line_map

    page = "<html><body>\n<p>First line of the story.</p>\n<p>Third paragraph here.</p>\n</body></html>"
    text = "First line of the story.\nA line trafilatura rewrote.\nThird paragraph here."
    got = html_line_map(page, text)
    assert [html_line(got, text.index(t)) for t in ("First", "A line", "Third")] == [2, 2, 3]
    assert html_line_map(page, "Nothing of this is on the page.") == ()


@pytest.mark.parametrize(
    "manifest,match",
    [
        ('[[source]]\nfile = "missing.txt"\n', "does not exist"),
        ('[[source]]\nfile = "a.txt"\npublished = "2026-13-01"\n', "published"),
        ('[[source]\nfile = ', "not valid TOML"),
        ('[[source]]\nfile = "a.txt"\ncolour = "red"\n', "unknown field"),
    ],
)
def test_malformed_manifest(tmp_path, manifest, match):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sources.toml").write_text(manifest)
    with pytest.raises(ManifestError, match=match):
        ingest([str(tmp_path)], ST)


@pytest.mark.parametrize(
    "line,outlet,published",
    [
        ("By Tomas Berg, Meridian News Service, 15 October 2026", "Meridian News Service", "2026-10-15"),
        ("By Daniel Okafor, Northgate Wire, October 29, 2026", "Northgate Wire", "2026-10-29"),
        ("By Ana Ruiz and Li Wei | The Courier | Oct. 29, 2026 10:14 GMT", "The Courier", "2026-10-29"),
        ("By Jane Doe, Staff Reporter, The Daily Star", "The Daily Star", None),
        ("By Sam Hale, Political Editor", None, None),
        ("By Sam Hale in London", None, None),
        # The outlet first, or the reporter without "By", between bars.
        ("Northlight News | By Priya Raman | 6 November 2026", "Northlight News", "2026-11-06"),
        ("Marco Ferreira | RunDesk | 8 November 2026", "RunDesk", "2026-11-08"),
        ("The Morning Ledger | Samuel Okoro | 13 October 2026", "The Morning Ledger", "2026-10-13"),
        ("City Beacon - Tuesday 13 October 2026 - by Petra Lindqvist", "City Beacon", "2026-10-13"),
        ("Sophie Lindqvist, Environment Correspondent - Tidewater Times, Saturday 7 March 2026", "Tidewater Times", "2026-03-07"),
        ("Northlight News | Priya Raman | Oct. 29, 2026", "Northlight News", "2026-10-29"),
    ],
)
def test_byline_names_outlet_and_date(tmp_path, line, outlet, published):
    body = "The council voted on Tuesday to close the bridge. It will reopen on 3 March 2031, officials said.\n"
    (tmp_path / "a.txt").write_text(f"Council votes to close the old bridge\n{line}\n\n{body}")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert (src.outlet.value if src.outlet else None) == outlet
    # Without a date in the byline, nothing in the text dates the article: the reopening is to come.
    assert (src.published.value if src.published else None) == published
    assert line not in src.clean  # the byline is residue, not a claim


@pytest.mark.parametrize(
    "lines,outlet,published",
    [
        # The outlet and its date on a line of their own under the reporter's line.
        ("By Tom Reddick, Chief Reporter\nThe Ashvale Gazette, Monday 4 May 2026", "The Ashvale Gazette", "2026-05-04"),
        ("The Daily Sentinel | 5 May 2026", "The Daily Sentinel", "2026-05-05"),
        # A place and a date is a dateline, not an outlet; nor is a reporter's role.
        ("LONDON, 4 May 2026", None, "2026-05-04"),
        # The reporter and the outlet on one line, the date on the next.
        ("Morag Keir, The Capital Evening Post\n4 May 2026", "The Capital Evening Post", "2026-05-04"),
        ("Jonas Ekberg, Estovia Today\nWednesday, 20 May 2026", "Estovia Today", "2026-05-20"),
        ("Morag Keir, Crime Reporter\n4 May 2026", None, "2026-05-04"),
        ("By Tom Reddick\nChief Reporter, 4 May 2026", None, "2026-05-04"),
    ],
)
def test_an_outlet_and_date_line(tmp_path, lines, outlet, published):
    body = "The council voted on Tuesday to close the bridge. It will reopen on 3 March 2031, officials said.\n"
    (tmp_path / "a.txt").write_text(f"Council votes to close the old bridge\n{lines}\n\n{body}")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert (src.outlet.value if src.outlet else None) == outlet
    assert (src.published.value if src.published else None) == published


@pytest.mark.parametrize(
    "title,outlet",
    [
        ("Quake strikes city | The Investors' Bulletin", "The Investors' Bulletin"),
        ("Quake strikes city - Harbourline News", "Harbourline News"),
        ("Quake strikes city", None),
        ("Quake strikes city | Live updates 2026", None),  # no outlet: a digit
        ("Breaking | Quake strikes city", None),  # the headline is not the part before the bar
    ],
)
def test_an_html_page_title_names_its_outlet(tmp_path, title, outlet):
    html = (f"<html><head><title>{title}</title></head><body><article><h1>Quake strikes city</h1>"
            + "<p>An earthquake killed at least 12 people in the city on Tuesday, officials said.</p>" * 3
            + "</article></body></html>")
    (tmp_path / "a.html").write_text(html)
    src = ingest([str(tmp_path)], ST).sources[0]
    assert (src.outlet.value if src.outlet else None) == outlet


def test_section_trail_is_not_a_byline(tmp_path):
    (tmp_path / "a.txt").write_text("Council votes to close the old bridge\nPolitics | Local | 6 November 2026\n\n"
                                    "The council voted on Tuesday to close the bridge.\n")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert src.outlet is None and not [r for r in src.residue if r.kind == "byline"]


def test_a_headline_with_bars_and_a_date_is_not_a_byline(tmp_path):
    (tmp_path / "a.txt").write_text("Prime Minister Resigns - 5 November 2026 - Live Updates\n\n"
                                    "The prime minister resigned on Thursday after losing a vote.\n")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert src.outlet is None and src.title.startswith("Prime Minister Resigns")


def test_wire_dateline_names_outlet_and_day(tmp_path):
    # "PORT ALDRIN, Nov 5 (Meridian Wire) -": the outlet, and the day, whose year the other articles give.
    (tmp_path / "a.txt").write_text("Bank cuts rates for first time since 2020\n\nPORT ALDRIN, Nov 5 (Meridian Wire) - The bank "
                                    "cut its rate to 4.50% on Thursday, its first cut since May 2020.\n")
    (tmp_path / "b.txt").write_text("Bank cuts rates\nBy Ana Ruiz, The Courier, 4 November 2026\n\nThe bank is expected to cut rates.\n")
    (tmp_path / "c.txt").write_text("Shares fall\n\nLONDON, Oct. 29, 2025 (Reuters) - Shares fell on Wednesday.\n")
    got = {s.file: (s.outlet.value, s.published.value if s.published else None) for s in ingest([str(tmp_path)], ST).sources}
    assert got == {"a.txt": ("Meridian Wire", "2026-11-05"), "b.txt": ("The Courier", "2026-11-04"), "c.txt": ("Reuters", "2025-10-29")}
    alone = ingest([str(tmp_path / "a.txt")], ST).sources[0]
    assert alone.outlet.value == "Meridian Wire" and alone.published is None  # no year to be had: not guessed


def test_published_line_outranks_updated_line(tmp_path):
    (tmp_path / "a.txt").write_text("Council votes to close the old bridge\nUpdated: 16 October 2026\nPublished: 15 October 2026\n\n"
                                    "The council voted on Thursday to close the bridge.\n")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert (src.published.value, src.published.origin) == ("2026-10-15", "text")


def test_inferred_date_skips_what_is_to_come(tmp_path):
    (tmp_path / "a.txt").write_text("Government falls in a no-confidence vote\n\nParliament voted on 15 October 2026 to oust the "
                                    "government. The president set new elections for 13 December 2026.\n")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert (src.published.value, src.published.origin) == ("2026-10-15", "inferred")


@pytest.mark.parametrize("line", ["By Christmas Eve, 40 people had died.", "By Friday Morning the river had burst its banks",
                                  "By The Time Rescuers Arrived, the fire had spread"])
def test_a_sentence_starting_with_by_is_not_a_byline(tmp_path, line):
    (tmp_path / "a.txt").write_text(f"River floods the old town after storm\n\n{line}\n\nOfficials said the water was receding.\n")
    src = ingest([str(tmp_path)], ST).sources[0]
    assert line in src.clean and not [r for r in src.residue if r.kind == "byline"]


@pytest.mark.parametrize("name, iso", [
    ("bourse_daily_2026-03-06.txt", "2026-03-06"),
    ("20260306-report.md", "2026-03-06"),
    ("report_2026_03_06.html", "2026-03-06"),
    ("a00012.txt", None),  # no date
    ("from_2026-03-01_to_2026-03-06.txt", None),  # two dates: which one?
    ("notes_2026-02-30.txt", None),  # no such day
])
def test_a_date_in_the_file_name(name, iso):
    from reconcile.ingest import file_date

    assert file_date(name) == iso


def test_a_file_name_dates_an_article_that_states_no_date(tmp_path):
    """After the manifest, the HTML, the text's cues and a dateline; before a date inferred from the text."""
    (tmp_path / "harbour_post_2026-03-04.txt").write_text("Harbour closes after spill\n\nThe harbour was closed on 1 March after a fuel spill.\n")
    (tmp_path / "CALLOWRIDGE.txt").write_text("Deal agreed\n\nCALLOWRIDGE, Friday 6 March - Brantmoor agreed to buy Ellisford on Thursday.\n")
    corpus = ingest([str(tmp_path)], Settings(use_cache=False, quiet=True))
    got = {s.file: (s.published.value, s.published.origin) for s in corpus.sources if s.published}
    assert got["harbour_post_2026-03-04.txt"] == ("2026-03-04", "file name")
    # A dateline with a weekday and no outlet in brackets, its year from the other articles.
    assert got["CALLOWRIDGE.txt"] == ("2026-03-06", "text")
