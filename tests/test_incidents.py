"""A contradiction needs the same incident and the same measure: the rules that tell them apart.

tests/data/fire-story is a made-up three-outlet story written for these tests (a warehouse fire
with a separate fire elsewhere, a county-wide running total, injured firefighters vs residents).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from reconcile.claims import counted_noun
from reconcile.extract import extract_dates

from conftest import DATA
from test_findings import finding, relation


@pytest.fixture(scope="module")
def fire_json(settings):  # type: ignore[no-untyped-def]
    from reconcile.pipeline import run
    from reconcile.report import to_json

    return to_json(run([str(DATA / "fire-story")], settings))


@pytest.mark.parametrize(
    "text,number,noun",
    [
        ("three Gazans were killed", "three", "^gazan"),
        ("a 200-student schoolhouse", "200", "student"),
        ("Five Israeli soldiers lost their lives", "Five", "soldier"),
        ("40 Palestinians seeking shelter", "40", "^palestinian"),
        ("some 30 people were killed", "30", "people"),
        ("four bombs were dropped", "four", "bomb"),
        ("12 dead in fire", "12", "people"),
        ("At least 12 of one family", "12", ""),
        ("Two Israeli tank shells struck the school", "Two", "shell"),  # the first plural, not the modifier
        ("planes dropped four bombs Thursday in Yida", "four", "bomb"),
    ],
)
def test_counted_noun(text, number, noun):
    assert counted_noun(text, text.index(number) + len(number)) == noun


def test_year_range_is_one_span():
    got, _ = extract_dates("some 2 million died in the latest war, from 1983-2005.", date(2011, 11, 11))
    assert [(d.low, d.high, d.granularity) for d in got] == [("1983-01-01", "2005-12-31", "span")]


def test_same_incident_different_toll_contradicts(fire_json):
    assert relation(fire_json, "a_", "killed 12 people on Tuesday", "b_", "killed nine people") == "contradicts"
    assert relation(fire_json, "c_", "on Tuesday killed 12 people", "b_", "killed nine people") == "contradicts"
    assert relation(fire_json, "a_", "killed 12 people on Tuesday", "c_", "on Tuesday killed 12 people") == "corroborates"


@pytest.mark.parametrize(
    "a,b",
    [
        (("a_", "In a separate fire at a school in Springfield"), ("b_", "killed nine people")),  # another incident
        (("b_", "Since January, fires in the county"), ("c_", "on Tuesday killed 12 people")),  # running total
        (("a_", "Two firefighters were injured"), ("b_", "Five residents of nearby homes")),  # different things counted
        (("b_", "no one was killed in the first hour"), ("a_", "killed 12 people on Tuesday")),  # another time span
    ],
)
def test_not_the_same_incident_is_never_a_contradiction(fire_json, a, b):
    assert relation(fire_json, *a, *b) != "contradicts"


def test_downgrades_say_why(fire_json):
    reasons = " ".join(f["reason"] for f in fire_json["findings"])
    assert "separate incident" in reasons
    assert "running total" in reasons
    assert "count different things (firefighter vs resident)" in reasons


def write_story(folder, headline: str, texts: dict[str, tuple[str, str]]) -> None:  # type: ignore[no-untyped-def]
    """A made-up story in `folder`: one article per name (publication date, body) and a sources.toml."""
    manifest = []
    for name, (day, text) in texts.items():
        (folder / name).write_text(f"{headline}\n\n{text}\n", encoding="utf-8")
        manifest.append(f'[[source]]\nfile = "{name}"\noutlet = "Outlet {name[0].upper()}"\npublished = "{day}"\n')
    (folder / "sources.toml").write_text("\n".join(manifest), encoding="utf-8")


ANNIVERSARY = "Acme Corp completed its takeover of Widget Ltd on March 3, the company said in a statement on its website."


def test_a_date_without_its_year_is_not_contradicted_by_another_year(tmp_path, settings, embedder):
    """"March 3" takes its year from the publication date. Two articles that say "March 3" but were
    published in different years are about different years, not in disagreement (months before
    publication, the takeover is a background fact, which links across events by its names). A day given
    with its year still contradicts, and so does another day in articles published close together."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    texts = {
        "a_2015.txt": ("2015-08-02", ANNIVERSARY),
        "b_2024.txt": ("2024-08-01", ANNIVERSARY.replace("in a statement on its website", "on Monday")),  # not a copy
        "c_2015.txt": ("2015-08-03", ANNIVERSARY.replace("March 3", "March 1")),
        "d_2015.txt": ("2015-08-03", ANNIVERSARY.replace("March 3", "March 3, 2014")),
    }
    write_story(tmp_path, "Acme takeover", texts)
    js = to_json(run([str(tmp_path)], settings, embedder=embedder))
    first = ANNIVERSARY[:40]
    f = next(f for f in js["findings"] if {f["a"]["source_file"], f["b"]["source_file"]} == {"a_2015.txt", "b_2024.txt"})
    assert f["relation"] == "related"
    assert "neither sentence gives a year" in f["reason"] and "same calendar date" in f["reason"]
    assert relation(js, "c_", first, "b_", first) == "related"  # published nine years apart
    assert relation(js, "c_", first, "a_", first) == "contradicts"  # March 1 vs March 3, published a day apart
    assert relation(js, "d_", first, "a_", first) == "contradicts"  # 2014 is stated


def _dated(text: str, published: str):  # type: ignore[no-untyped-def]
    """A one-date claim of `text`, resolved against `published`, with its fact and its source."""
    from reconcile.models import Attribution, Claim, Fact, Meta, Source

    got, _ = extract_dates(text, date.fromisoformat(published))
    d = got[0]
    fact = Fact("date", d.display, "gained", (0, len(text)), text, "bg:x", 0)
    claim = Claim("c" + published, published + ".txt", 0, text, 0, len(text), 1, True, Attribution("", "", "article"),
                  published, False, "", dates=(d,), facts=(fact,))
    src = Source(published + ".txt", "", text, text, "", "utf-8", "txt", published=Meta(published, "manifest"))
    return claim, fact, src


@pytest.mark.parametrize(
    "a,b,apart",
    [
        (("It gained independence on March 3.", "2015-08-02"), ("It gained independence on March 3.", "2024-08-01"), True),
        (("It gained independence in June.", "2015-08-02"), ("It gained independence in July.", "2016-08-01"), True),  # a year apart
        (("It gained independence last year.", "2015-08-02"), ("It gained independence last year.", "2017-08-01"), True),
        (("It gained independence 7 months ago.", "2016-05-02"), ("It gained independence 4 months ago.", "2016-05-04"), False),
        (("It gained independence on December 30.", "2016-01-02"), ("It gained independence on January 1.", "2016-01-03"), False),
        (("It gained independence on March 3, 2014.", "2015-08-02"), ("It gained independence on March 3.", "2024-08-01"), False),
    ],
)
def test_years_read_from_publication_dates(a, b, apart):
    from reconcile.compare import years_from_publication

    ca, fa, sa = _dated(*a)
    cb, fb, sb = _dated(*b)
    assert ca.dates[0].low[:4] != cb.dates[0].low[:4]  # the years differ in every case
    assert bool(years_from_publication(ca, fa, cb, fb, sa, sb)) is apart


MINE = {  # a made-up story: a total with its part, a cumulative count, money in newsroom shorthand
    "a_post.txt": "Five miners died on Monday at the Ridgeton coal mine, four of them from smoke inhalation, bringing "
                  "to 10 the number of miners killed at the site this year.\n"
                  "The company paid a $2 million fine last year for safety failures at the mine.",
    "b_times.txt": "Four miners died from smoke inhalation on Monday at the Ridgeton coal mine, officials said.\n"
                   "The company paid a £1.5m fine last year for safety failures at the mine.",
    "c_wire.txt": "Seven miners died on Monday at the Ridgeton coal mine, rescuers said.\n"
                  "The company has so far lost three miners this year at the Ridgeton site.",
}


def test_totals_parts_and_running_counts_are_told_apart(tmp_path, settings, embedder):
    """A running-total cue belongs to the count next to it: "five died ..., bringing to 10 the number"
    makes the 10 a total, not the five, so five vs seven still contradicts. A count that names no noun of
    its own after a total ("four of them") is a part: "four died from smoke" does not contradict the
    five. "£1.5m" is money, not metres, and "a $2 million" is two million dollars."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    write_story(tmp_path, "Ridgeton mine collapse", {name: ("2026-03-03", text) for name, text in MINE.items()})
    js = to_json(run([str(tmp_path)], settings, embedder=embedder))
    assert relation(js, "a_", "Five miners died", "c_", "Seven miners died") == "contradicts"
    assert relation(js, "a_", "Five miners died", "b_", "Four miners died") != "contradicts"
    assert relation(js, "a_", "Five miners died", "c_", "so far lost three") == "related"
    money = sorted((q["text"], q["value"], q["unit"]) for c in js["claims"] for q in c["quantities"] if q["dimension"] == "currency")
    assert money == [("$2 million", 2e6, "USD"), ("£1.5m", 1.5e6, "GBP")]


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("It was a $23 million deal.", 23e6, "USD"),
        ("The club paid £8m for him.", 8e6, "GBP"),
        ("Profits were $5bn last year.", 5e9, "USD"),
        ("An €3.2bn bid.", 3.2e9, "EUR"),
        ("Fees of £450k.", 450e3, "GBP"),
        ("The wall is 5m long.", 5.0, "m"),
        ("an eight-year, $200MM deal", 200e6, "USD"),
        ("offers were in the $ 140 million range", 140e6, "USD"),  # wire style: the symbol apart
    ],
)
def test_money_as_newsrooms_write_it(text, value, unit):
    from reconcile.extract import extract_quantities

    (q,) = [x for x in extract_quantities(text, [], 0.1) if x.unit == unit]  # "an eight-year, $200MM deal" has two
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_a_money_range_keeps_both_ends():
    from reconcile.extract import extract_quantities

    (q,) = extract_quantities("Damage is put at between $30 million and $50 million.", [], 0.1)
    assert (q.low, q.high, q.unit, q.qualifier) == (30e6, 50e6, "USD", "between")


def test_transliterated_one_word_names_merge_and_others_stay_apart():
    from collections import Counter

    from reconcile.claims import alias_map

    names = Counter({"jabaliya": 5, "jabalya": 2, "israel": 4, "israeli": 3, "austria": 2, "australia": 2, "sudan": 3, "sudanese": 2})
    got = alias_map(names, 88.0)
    assert got["jabalya"] == "jabaliya"
    assert all(got[k] == k for k in names if k != "jabalya")


def test_possible_contradictions_are_listed_for_review(settings):
    """A pair with the same measure and incompatible values whose sentences are not close enough to call
    it one fact is a possible contradiction: never counted as one, but listed, with quotes, values and
    reason, under Discrepancies instead of among hundreds of look-alike possible matches."""
    from reconcile.pipeline import run
    from reconcile.report import to_json, to_markdown

    res = run([str(DATA / "airstrike-yida")], settings)
    js = to_json(res)
    flagged = [f for f in js["findings"] if f["possible_contradiction"]]
    assert flagged and all(f["relation"] == "possible" for f in flagged)
    assert js["summary"]["possible_contradictions"] == len(flagged)

    def pair(qa: str, qb: str) -> dict:  # type: ignore[type-arg]
        return next(f for f in flagged for x, y in ((f["a"], f["b"]), (f["b"], f["a"])) if x["text"].startswith(qa) and y["text"].startswith(qb))

    bombs = pair("Five bombs were dropped", "Nevertheless, on Thursday afternoon an Antonov bomber")
    assert {bombs["a"]["value"], bombs["b"]["value"]} == {"5", "4"} and "incompatible" in bombs["reason"]
    toll = pair("Local official Miabek Lang said at least 12", "Enough Project sources indicated that no one")
    assert "at least 12" in {toll["a"]["value"], toll["b"]["value"]}
    md = to_markdown(res)
    section = md[md.index("### Possible contradictions to review") : md.index("## Corroborated facts")]
    assert f"### Possible contradictions to review ({len(flagged)})" in section
    assert bombs["id"] in section and toll["id"] in section and "Five bombs were dropped" in section
    # Facts of one main event need not repeat a name to be one fact (same_event_entities): five vs four
    # bombs, in two articles that name nobody in common in these sentences, is a contradiction.
    assert relation(js, "41_3ecbplus", "Five bombs were dropped", "41_9ecbplus", "According to a Samaritan's Purse") == "contradicts"
    # The first item of an enumeration is a part, not the total ("two fell on an airstrip, one hit a school
    # and one landed on a market" vs "at least four bombs").
    part = next(f for f in js["findings"] if "two bombs fell on an airstrip" in f["a"]["text"] + f["b"]["text"]
                and "At least four bombs were reportedly dropped" in f["a"]["text"] + f["b"]["text"])
    assert part["relation"] != "contradicts" and "first item of an enumeration" in part["reason"]
    # "near the airfield" vs "near the airstrip" are positions relative to different things, not a disagreement.
    assert not [f for f in js["findings"] if f["relation"] == "contradicts" and {f["a"]["value"], f["b"]["value"]} == {"outside airfield", "outside airstrip"}]


@pytest.mark.parametrize(
    "text,changed",
    [
        ("Nearly 23,000 refugees who have fled to South Sudan live in the camp.", ""),  # where they went
        ("Thousands fled across the border into South Sudan last week.", ""),
        ("After the death of Ali Khamenei, protests spread.", "After the death"),
        ("Protests spread after Ali Khamenei died.", "died"),
    ],
)
def test_a_state_change_belongs_to_its_name(tmp_path, settings, text, changed):
    """"Refugees fled to South Sudan" is not a changed state of South Sudan (it made the later of two
    articles about the camp an update of every earlier one)."""
    from reconcile.compare import _state_change_near
    from reconcile.pipeline import extract_corpus

    (tmp_path / "a.txt").write_text(f"Headline\n\n{text}\n", encoding="utf-8")
    _, claims = extract_corpus([str(tmp_path)], settings.with_(use_cache=False))
    (c,) = [c for c in claims if c.text == text]
    name = next(k for k in c.entity_keys() if len(k.split()) == 2)
    assert _state_change_near(c, name) == changed


def test_a_per_season_figure_is_not_a_total():
    from reconcile.compare import RATE

    assert RATE.match(" runs in each of the past five seasons")
    assert RATE.match(" million per season") and RATE.match(" million average annual value")
    assert not RATE.match(" home runs and 43 RBIs in 54 games")


def test_figures_of_different_parties_in_one_sentence_are_not_compared(tmp_path, settings, embedder):
    """"The Nationals bid $160 million, the Orioles $150 million" against a sentence naming both in
    another order: each figure belongs to the name before it, so $160 million (Nationals) is never set
    against $150 million (Orioles); the pair corroborates."""
    from reconcile.compare import _holder
    from reconcile.pipeline import run
    from reconcile.report import to_json

    texts = {
        "a.txt": "The Nationals have bid $160 million over eight years for the first baseman, the Orioles $150 million over seven years.",
        "b.txt": "For the first baseman the Orioles have bid $150 million over seven years and the Nationals $160 million over eight years.",
    }
    write_story(tmp_path, "Bids for the first baseman", {name: ("2008-12-20", text) for name, text in texts.items()})
    res = run([str(tmp_path)], settings, embedder=embedder)
    a = next(c for c in res.claims if c.source_file == "a.txt" and "$160" in c.text)
    assert [_holder(a, q) for q in a.quantities if q.dimension == "currency"] == ["nationals", "orioles"]
    js = to_json(res)
    assert relation(js, "a", "The Nationals have bid", "b", "the Orioles have bid") == "corroborates"
    assert not any(f["relation"] == "contradicts" for f in js["findings"])


def test_an_annual_word_further_on_is_no_rate():
    from reconcile.compare import RATE

    assert not RATE.match(" jobs after annual pre-tax profit fell")  # the profit is annual, not the 1,200 jobs


@pytest.fixture(scope="module")
def results_json(settings):  # type: ignore[no-untyped-def]
    """tests/data/results-story: a made-up business story (annual results and job cuts) in three outlets'
    styles, written for these tests: money as "£310m" and "£4.2 billion", rounded percentages, a
    background period ("last year", "for 2025"), and two figures that disagree in one sentence pair."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    return to_json(run([str(DATA / "results-story")], settings))


def test_one_disagreement_in_many_sentence_pairs_is_one_block(settings):
    """Four sentence pairs state "1,200 jobs" against "about 1,000": one Markdown block lists every quote
    once, the reason, and each pair with its id (the JSON keeps four findings)."""
    from reconcile.pipeline import run
    from reconcile.report import to_markdown

    res = run([str(DATA / "results-story")], settings)
    jobs = [f for f in res.findings if f.relation == "contradicts"]
    assert len(jobs) == 4 and all({f.a.value, f.b.value} == {"1,200", "about 1,000"} for f in jobs)
    md = to_markdown(res)
    block = md[md.index("#### C1 ") : md.index("### Updates")]
    assert "#### C2" not in block and "1,200 vs about 1,000 · 4 sentence pairs" in block
    assert all(f"`{f.id}`" in block for f in jobs)
    assert block.count("Northwind Foods is to cut about 1,000 jobs") == 1  # each quote once
    # A decision on one pair shows beside that pair.
    from reconcile.review import Reviews, apply_reviews, decide

    view = apply_reviews(decide(Reviews("reviews.toml"), jobs[1], "confirmed", by="anna"), res)
    block = to_markdown(res, view)
    block = block[block.index("#### C1 ") : block.index("### Updates")]
    assert f"`{jobs[1].id}` `{jobs[1].a.location}` / `{jobs[1].b.location}`, independent, ✔ confirmed (anna)" in block


def test_results_story_findings(results_json):
    js = results_json
    # The job cuts: 1,200 against "about 1,000", whichever sentence says it ("cut" is the event word).
    assert relation(js, "reuters", "would cut 1,200 jobs", "guardian", "about 1,000 jobs") == "contradicts"
    assert relation(js, "bbc", "1,200 jobs to go", "guardian", "about 1,000 jobs") == "contradicts"
    # The same two sentences also disagree on the profit: a second finding, flagged for review, not hidden
    # behind the first; and the BBC's background sentence ("last year") is compared within the story.
    profit = [f for f in js["findings"] if f["measure"] == "profit" and f["possible_contradiction"]]
    pairs = {frozenset((f["a"]["source_file"], f["b"]["source_file"])) for f in profit}
    assert {frozenset(("reuters.txt", "guardian.txt")), frozenset(("bbc.txt", "guardian.txt"))} <= pairs
    assert all({f["a"]["value"], f["b"]["value"]} == {"310 million GBP", "301 million GBP"} for f in profit)
    # "8%" is "8.3%" rounded; the revenue is the same metric however it is written ("revenue", "£4.2 billion").
    shares = next(f for f in js["findings"] if {f["a"]["value"], f["b"]["value"]} == {"8 %", "8.30 %"})
    assert shares["relation"] == "corroborates" and "compatible when rounded" in shares["reason"]
    assert relation(js, "reuters", "Revenue rose 4%", "guardian", "revenue of £4.2 billion") == "corroborates"
    # A running total since 2023 is not the 1,200 of this round.
    assert relation(js, "reuters", "so far since 2023", "reuters", "would cut 1,200") is None
    assert not any(f["relation"] == "contradicts" and "so far" in f["a"]["text"] + f["b"]["text"] for f in js["findings"])


def test_match_result_findings(settings):
    """tests/data/match-story: a made-up football report in three outlets' styles, written for this test.
    A result ("3-1") is a value: "won 2-1" contradicts "beat Chelsea 3-1"; another match of the same
    afternoon ("Tottenham beat Everton 2-0") names other teams and contradicts nothing."""
    from reconcile.extract import extract_attributes
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "match-story")], settings))
    assert relation(js, "b_", "Arsenal won 2-1", "a_", "Arsenal beat Chelsea 3-1") == "contradicts"
    assert relation(js, "a_", "Arsenal beat Chelsea 3-1", "c_", "Arsenal beat Chelsea 3-1") == "corroborates"
    assert not any(f["relation"] == "contradicts" and "Tottenham" in f["a"]["text"] + f["b"]["text"] for f in js["findings"])
    results = [(a.kind, a.value) for t in ("Chelsea lost 1-3 at home.", "The Lakers won 112-104.", "Voters aged 18-25 backed him.")
               for a in extract_attributes(t)]
    assert results == [("score", "3-1"), ("score", "112-104")]  # larger first; an age band is no result


def test_court_story_findings(settings):
    """tests/data/court-story: a made-up crime report (a sentencing) in three outlets' styles, written for
    this test. A participial adjunct ("after stabbing three men outside a Riverside nightclub") tells of
    another event than the sentence's verb: its place is not the sentencing's, so "jailed for 12 years"
    and "sentenced to 10 years at Bristol Crown Court" are one sentencing that the outlets disagree on,
    and the stabbing's counts (two men, three men) are compared with each other."""
    from reconcile.claims import clause_span
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "court-story")], settings))
    assert relation(js, "b_", "sentenced to 10 years", "c_", "jailed for 12 years") == "contradicts"
    assert relation(js, "b_", "Price stabbed two men", "c_", "stabbing three men") == "contradicts"
    text = "A 34-year-old man was jailed for 12 years on Friday for stabbing two men outside a nightclub in Riverside."
    s, e = clause_span(text, text.index("12"), text.index("12") + 8)
    assert text[s:e].strip() == "A 34-year-old man was jailed for 12 years on Friday"
    s, e = clause_span(text, text.index("two"), text.index("two") + 3)
    assert text[s:e] == "for stabbing two men outside a nightclub in Riverside."
    quiet = "He was held for questioning, police said."  # a short adjunct stays with its clause
    assert clause_span(quiet, 0, 2) == (0, len(quiet))


def _contradictions(js) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    return {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "contradicts"}


def test_quake_story_findings(settings):
    """tests/data/quake-story: a made-up earthquake report in three outlets' styles, written for this test.
    The magnitude, the depth and the length of the state of emergency disagree. Two earlier earthquakes
    (2001, 2007) are two events, not one misdated; a magnitude (7.3) is a measurement, not a count of quakes;
    "for 60 days" and "a 90-day state of emergency" are one measure."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "quake-story")], settings))
    assert _contradictions(js) == {frozenset(("7.30", "7.10")), frozenset(("60 day", "90 day")), frozenset(("60 km", "35 km"))}
    assert relation(js, "c_", "in 2001 killed 145", "a_", "In 2007, an earthquake near Pisco") == "related"


def test_election_story_findings(settings):
    """tests/data/election-story: a made-up election report in three outlets' styles, written for this test.
    Turnout and the winner's seats disagree. "91 of the 230 seats": 230 is the whole, not a count won; "In the
    2024 election, the alliance had won 80 seats" is the previous election; another party's seats are not
    the winner's ("Democratic Alliance of Prime Minister Luis Montenegro" names the alliance and its leader)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "election-story")], settings))
    assert _contradictions(js) == {frozenset(("58.20 %", "64.40 %")), frozenset(("91", "89"))}
    got = finding(js, "a_", "91 of the 230 seats", "b_", "had won 80 seats")
    assert got is not None and got["relation"] != "contradicts" and "earlier time" in got["reason"]
    # "91 of the 230 seats" counts seats, as "won 89 seats" does (230 is the whole): the finding of the two sentences is
    # their contradiction; "The Socialist Party won 58 seats" is another party's.
    got = finding(js, "a_", "91 of the 230 seats", "b_", "won 89 seats")
    assert got["relation"] == "contradicts" and {got["a"]["value"], got["b"]["value"]} == {"91", "89"}
    assert relation(js, "c_", "Socialist Party won 58", "a_", "91 of the 230 seats") == "related"


@pytest.mark.parametrize(
    "text,names",
    [
        ("The Democratic Alliance of Prime Minister Luis Montenegro won.", ["democratic alliance", "luis montenegro"]),
        ("The Bank of England raised rates.", ["bank of england"]),
        ("The Democratic Republic of Congo voted.", ["democratic republic of congo"]),
    ],
)
def test_a_name_of_a_titled_person_is_two_names(text, names):
    from reconcile.extract import extract_entities

    assert [e.key for e in extract_entities(text)] == names


def test_protest_story_findings(settings):
    """tests/data/protest-story: a made-up protest report in three outlets' styles, written for this test.
    The three are one event, though their short texts share few names ("About 22,000 people", "Police
    detained": a capitalised first word is no name); the crowd estimates, the arrests and the rent rise
    disagree."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "protest-story")], settings)
    assert len({c.story for c in res.claims}) == 1
    js = to_json(res)
    assert {frozenset(("over 100,000", "about 22,000")), frozenset(("38 %", "40 %"))} <= _contradictions(js)
    got = finding(js, "a_", "arrested three people", "b_", "Two people were arrested")
    assert got is not None and (got["relation"] == "contradicts" or got["possible_contradiction"])


def test_crash_story_findings(settings):
    """tests/data/crash-story: a made-up air crash report in three outlets' styles, written for this test.
    "Fourteen foreigners" and "15 foreigners" disagree (a spelled-out number is a number; "including 15
    foreigners" is all the foreigners, though a part of the passengers); "ATR 72" is an aircraft, not 72 of
    anything."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "crash-story")], settings))
    got = finding(js, "b_", "Fourteen foreigners", "c_", "including 15 foreigners")
    assert got is not None and (got["relation"] == "contradicts" or got["possible_contradiction"])
    assert not any(f["relation"] == "contradicts" for f in js["findings"])
    assert not any("72" in (f["a"]["value"], f["b"]["value"]) for f in js["findings"] if "ATR 72 had" in f["a"]["text"] + f["b"]["text"])


@pytest.mark.parametrize(
    "text,values",
    [
        ("Fifteen foreign nationals were on board.", [15]),
        ("Twenty-five people died and two hundred fled.", [25, 200]),
        ("One source said hundreds were hurt.", []),
        ("The Yeti Airlines ATR 72 had 68 passengers.", [68]),
        ("A Boeing 737 crashed, killing 12 people.", [12]),
        ("He scored 20 goals in 2023.", [20]),
    ],
)
def test_spelled_numbers_are_numbers_and_model_numbers_are_names(text, values):
    from reconcile.extract import extract_dates, extract_quantities

    _, masked = extract_dates(text, None)
    assert [q.value for q in extract_quantities(text, masked, 0.1)] == values


def test_transfer_story_findings(settings):
    """tests/data/transfer-story: a made-up football transfer in three outlets' styles, written for this test.
    The player's age and the contract's length disagree ("a seven-year contract" vs "a six-year deal": a
    spelled-out length is read, and a length measures its agreement, whatever the noun); "said the
    21-year-old" is an age, not the date of a statement; £60m and 70 million euros are not compared."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "transfer-story")], settings))
    assert _contradictions(js) == {frozenset(("20", "21")), frozenset(("7 year", "6 year"))}
    assert relation(js, "c_", "The 20-year-old midfielder", "b_", "said the 21-year-old") == "contradicts"
    got = finding(js, "a_", "agreed a £60m fee", "b_", "70 million euros")
    assert got is not None and got["relation"] != "contradicts" and "different currencies" in got["reason"]


def test_wildfire_story_findings(settings):
    """tests/data/wildfire-story: a made-up wildfire report in three outlets' styles, written for this test.
    Containment is a measure ("15% contained", "Containment stood at 25%"); "at least 45 homes" is not
    contradicted by a later 60."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "wildfire-story")], settings))
    got = finding(js, "a_", "15% contained", "b_", "Containment stood at 25%")
    assert got is not None and (got["relation"] == "contradicts" or got["possible_contradiction"])
    assert relation(js, "a_", "At least 45 homes", "b_", "60 homes") != "contradicts"


@pytest.mark.parametrize(
    "text,kind",
    [
        ("None of the other teams has been reported to have offered more than eight years.", "up to"),
        ("The club has offered more than eight years.", "over"),
        ("None of them was hurt, and more than 30 people fled.", "over"),
    ],
)
def test_a_negative_subject_flips_a_bound(text, kind):
    from reconcile.extract import extract_quantities

    assert [q.qualifier for q in extract_quantities(text, [], 0.1)][-1] == kind


def test_takeover_story_findings(settings):
    """tests/data/takeover-story: a made-up takeover in three outlets' styles, written for this test. The
    premium (a metric of its own) and the founding year disagree; "$52 per share" and "$55 a share" are one
    measure ("a share" is no year, though quantulum3 reads "$55 a" as dollars a year)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "takeover-story")], settings))
    assert _contradictions(js) == {frozenset(("31 %", "28 %")), frozenset(("1948", "1858"))}
    got = finding(js, "b_", "$52 per share", "c_", "$55 a share")
    assert got is not None and {got["a"]["value"], got["b"]["value"]} == {"$52", "$55"}
    assert got["relation"] == "contradicts" or got["possible_contradiction"]


def test_vaccine_story_findings(settings):
    """tests/data/vaccine-story: a made-up vaccine trial report in three outlets' styles, written for this
    test. The efficacy disagrees (75% vs 77%); "killed 627,000 people in 2020" and "killed 409,000 people in
    2019" are two years' statistics, and neither their years nor their figures disagree."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "vaccine-story")], settings))
    assert frozenset(("75 %", "77 %")) in _contradictions(js)
    assert relation(js, "a_", "627,000 people in 2020", "b_", "409,000 people in 2019") != "contradicts"


def test_flood_story_findings(settings):
    """tests/data/flood-story: a made-up flood report over three days in three outlets' styles, written for
    this test. A death toll that rises between publications is an update, not a contradiction; two same-day
    reports of the missing disagree ("74 people were still missing": "still" names no measure)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "flood-story")], settings))
    assert relation(js, "b_", "risen to 31", "a_", "killing at least 12") != "contradicts"
    assert relation(js, "b_", "toll rises to 31", "a_", "Floods kill 12") == "updates"
    assert _contradictions(js) == {frozenset(("60", "74"))}


def _flagged(js, a_file, a_quote, b_file, b_quote) -> bool:  # type: ignore[no-untyped-def]
    """Some finding of the two sentences is a contradiction, or a possible contradiction listed for review."""
    for f in js["findings"]:
        for x, y in ((f["a"], f["b"]), (f["b"], f["a"])):
            if x["source_file"].startswith(a_file) and a_quote in x["text"] and y["source_file"].startswith(b_file) and b_quote in y["text"]:
                if f["relation"] == "contradicts" or f["possible_contradiction"]:
                    return True
    return False


def test_strike_story_findings(settings):
    """tests/data/strike-story: a made-up rail strike in three outlets' styles, written for this test (first
    run as a held-out story, then its misses fixed). A bare "strike" near "union" or "drivers" is a walkout,
    not an attack; "the 12th since July 2022" is a rank (quantulum3 read 12 tonne-hours), and a span that
    reaches the present ("since the dispute began in July 2022") does not make the figure a past one;
    "Aslef", which only ever starts a sentence in one article, is a name because another capitalises it
    mid-sentence."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "strike-story")], settings)
    assert len({c.story for c in res.claims}) == 1
    js = to_json(res)
    assert _contradictions(js) == {frozenset(("16", "14"))}
    assert _flagged(js, "a_", "was the 12th since", "b_", "13th walkout")


def test_shooting_story_findings(settings):
    """tests/data/shooting-story: a made-up shooting in three outlets' styles, written for this test (held out,
    then fixed). Five vs six killed is listed for review: each sentence adds a detail the other lacks
    ("Colorado", "King Soopers") and they share only the story's own place, which is how outlets tell one
    incident, and also how a story's two incidents differ; the suspect's age (31 vs 21) is listed too."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "shooting-story")], settings))
    assert not _contradictions(js)
    assert _flagged(js, "b_", "Six people were killed", "a_", "killing five people")
    assert _flagged(js, "a_", "a 31-year-old man", "b_", "The 21-year-old suspect")


def test_recall_story_findings(settings):
    """tests/data/recall-story: a made-up car recall in three outlets' styles, written for this test (held
    out, then fixed). "1.1 million" and "1.2 million" are written to the same precision, so neither is the
    other rounded; "no injuries" is a count (and makes its sentence checkable); "Toyota", which starts every
    sentence it is in but never appears in lower case, is a name, so the three articles are one story."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "recall-story")], settings)
    assert len({c.story for c in res.claims}) == 1
    js = to_json(res)
    assert _contradictions(js) == {frozenset(("1.1 million", "1.2 million")), frozenset(("3", "none (“no injuries”)"))}


def test_ordinals_and_labour_strikes():
    from reconcile.claims import predicate
    from reconcile.extract import extract_quantities

    (q,) = [x for x in extract_quantities("It was the union's 13th walkout.", [], 0.1)]
    assert (q.text, q.value, q.dimension) == ("13th", 13.0, "ordinal")
    assert predicate("The union said the 24-hour strike was the 12th.", 0) == "walkout"
    assert predicate("An Israeli strike hit the school.", 0) == "attacked"


def test_hurricane_story_findings(settings):
    """tests/data/hurricane-story: a made-up hurricane in three outlets' styles, written as a held-out check,
    then fixed. "Category 3" is a rating (not a count, nor part of a name), and disagrees with "Category 2";
    winds are named by the noun before "of" and compared across units ("193 km/h" is "120 mph"; "110 mph"
    is not)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "hurricane-story")], settings))
    assert _contradictions(js) == {frozenset(("category 3", "category 2")), frozenset(("120 mile per hour", "110 mile per hour"))}
    assert relation(js, "b_", "193 km/h", "a_", "winds of 120 mph") == "corroborates"


def test_verdict_story_findings(settings):
    """tests/data/verdict-story: a made-up jury verdict in three outlets' styles, held out (found as written)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "verdict-story")], settings))
    assert _contradictions(js) == {frozenset(("$100 million", "$65 million"))}
    assert _flagged(js, "c_", "three-week trial", "a_", "two-week trial")


def test_inflation_story_findings(settings):
    """tests/data/inflation-story: a made-up inflation release in three outlets' styles, held out, then
    fixed for its false alarms: "Core inflation" is another measure than inflation (a modifier makes a
    metric of its own; named metrics compare by identity), and "fell to 2.9% in August, from 3.0% in July"
    gives July's figure, the value inflation changed from, not August's."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "inflation-story")], settings))
    assert not _contradictions(js)
    assert not _flagged(js, "c_", "Core inflation came in", "a_", "inflation cools to 2.9%")
    assert not _flagged(js, "c_", "from 3.0% in July", "a_", "inflation cools to 2.9%")


def test_tennis_story_has_no_false_alarms(settings):
    """tests/data/tennis-story: a made-up tennis final in three outlets' styles, held out. As written it gave
    two false contradictions ("two hours and 27 minutes" read as 2 hours vs 27 minutes) and two false
    possible ones (the sets of "6-2, 6-2, 7-6" compared with each other)."""
    from reconcile.extract import extract_attributes, extract_quantities
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "tennis-story")], settings))
    assert not _contradictions(js)
    assert not any(f["possible_contradiction"] for f in js["findings"])
    (q,) = extract_quantities("The match lasted two hours and 27 minutes.", [], 0.1)
    assert (q.value, q.unit) == (147.0, "minute")
    assert [a.value for a in extract_attributes("Alcaraz beat Djokovic 6-2, 6-2, 7-6 to win.")] == ["6-2 6-2 7-6"]


def test_layoffs_and_heatwave_stories(settings):
    """tests/data/layoffs-story and heatwave-story: made-up stories, held out, then fixed for their false
    alarms. "eliminated in 2022 and 2023" and "cut jobs in 2022 and 2023": each sentence states both years,
    which were paired crosswise; "43C" is a temperature (quantulum3 reads coulombs), and 109F is 43C."""
    from reconcile.extract import extract_quantities
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "layoffs-story")], settings))
    assert _contradictions(js) == {frozenset(("14,000", "30,000")), frozenset(("30,000", "about 14,000"))}
    js = to_json(run([str(DATA / "heatwave-story")], settings))
    assert _contradictions(js) == {frozenset(("41 degree Celsius", "43 degree Celsius"))}
    (q,) = extract_quantities("Athens reached 43C.", [], 0.1)
    assert (q.text, q.unit, q.dimension) == ("43C", "degree Celsius", "temperature")


@pytest.mark.parametrize("corpus", ["mine-story", "euaid-story", "ferry-story", "markets-story", "volcano-story", "train-story"])
def test_held_out_stories_raise_no_false_alarm(settings, corpus):
    """Three made-up held-out stories whose disagreements the tool still misses (README, "Held-out checks"):
    a mine blast (300 m vs 350 m deep), an EU aid deal (four years vs three), a ferry sinking (87 vs 78 on
    board). They pin that nothing false is reported there."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / corpus)], settings))
    assert not _contradictions(js)


def test_bridge_and_obituary_stories(settings):
    """tests/data/bridge-story and obituary-story: made-up held-out stories (fifth round), then fixed. "opened
    in 1977" vs "opened to traffic in 1976" share the event word "opened" (also inaugurated, completed);
    "died aged 57", "at the age of 56" and "dies at 56" are ages ("died at 5 p.m." is not); "a crew of 21"
    counts crew, and the Dali's crew is one measure ("had 22 crew members on board" / "had a crew of 21", a disagreement
    the story was not written with, found since the eleventh round). The 2.6-kilometre and 1.6-mile bridge is one length."""
    from reconcile.claims import counted_noun
    from reconcile.extract import extract_attributes
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "bridge-story")], settings))
    assert _contradictions(js) == {frozenset(("1977", "1976")), frozenset(("22", "21"))}
    js = to_json(run([str(DATA / "obituary-story")], settings))
    assert _contradictions(js) == {frozenset(("57", "56"))}
    assert _flagged(js, "a_", "in 18 countries", "b_", "in 17 countries")
    assert [a.value for a in extract_attributes("She died at 5 p.m.") if a.kind == "age"] == []
    text = "The Dali had a crew of 21."
    assert counted_noun(text, text.index("21") + 2) == "crew"


def test_earnings_story_findings(settings):
    """tests/data/earnings-story: made-up quarterly results in three outlets' styles, held out (sixth round),
    then fixed: "down 28% from a year earlier" is a change against a year before, not a rate per year, so it
    disagrees with "fell 26%"; "$11.59 billion" and "$11.6 billion" agree (rounding)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "earnings-story")], settings))
    assert _contradictions(js) == {frozenset(("7 %", "about 6 %")), frozenset(("28 %", "26 %"))}


def test_a_sentence_pair_that_disagrees_on_facts_and_polarity_gives_one_finding_per_fact(tmp_path, settings, embedder):
    """"did not cut 1,200 jobs" vs "cut 1,000 jobs": the figures contradict, and so does the polarity of
    the whole sentence. One finding (the facts decide), one id; the sentence-level verdict is never
    added as a second finding (it has no facts to tell it apart, and it crashed the run once)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    (tmp_path / "a.txt").write_text("Leeds plant\n\nThe company did not cut 1,200 jobs at its Leeds plant on Tuesday, the union said.\n")
    (tmp_path / "b.txt").write_text("Leeds plant\n\nThe company cut 1,000 jobs at its Leeds plant on Tuesday, the union said.\n")
    js = to_json(run([str(tmp_path)], settings, embedder=embedder))
    assert [(f["relation"], {f["a"]["value"], f["b"]["value"]}) for f in js["findings"]] == [("contradicts", {"1,000", "1,200"})]


@pytest.mark.parametrize("corpus", ["results-story", "match-story", "airstrike-yida"])
def test_finding_ids_are_unique(settings, corpus):
    from reconcile.pipeline import run

    ids = [f.id for f in run([str(DATA / corpus)], settings).findings]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "text,low,high",
    [
        ("Having never hit fewer than 26 homers in six seasons", 26.0, float("inf")),  # a negated bound flips
        ("It did not reach more than 40 people", 0.0, 40.0),
        ("no more than 12 people were hurt", 0.0, 12.0),
        ("The fire didn't burn more than 40 homes", 0.0, 40.0),
        ("There is no doubt more than 40 people died", 40.0, float("inf")),
    ],
)
def test_negated_bounds(text, low, high):
    from reconcile.extract import extract_quantities

    q = extract_quantities(text, [], 0.1)[0]
    assert (q.low, q.high) == (low, high)


def test_ages_are_ages_not_durations():
    """"a 34-year-old man" and "Daniel Price, 35," are ages (compared with the person's other ages), not
    durations of 34 years or counts of 35."""
    from reconcile.extract import extract_attributes

    got = [(a.kind, a.value) for t in ("A 34-year-old man was jailed for 12 years.", "Daniel Price, 35, was sentenced.")
           for a in extract_attributes(t)]
    assert got == [("age", "34"), ("age", "35")]


@pytest.mark.parametrize(
    "text,value,event",
    [
        ("A man was jailed for 12 years on Friday.", "12", "sentenced"),
        ("Price was sentenced to 10 years in prison.", "10", "sentenced"),
        ("The firm will cut 1,200 jobs.", "1,200", "cut"),
        ("Arsenal beat Chelsea 3-1 on Saturday.", "3-1", "won"),
    ],
)
def test_event_words_of_courts_companies_and_contests(text, value, event):
    """Jail terms, job cuts and results share an event word however each outlet phrases them, so
    "jailed for 12 years" and "sentenced to 10 years" are one measure that can disagree."""
    from reconcile.claims import predicate

    assert predicate(text, text.index(value)) == event


def test_days_history_and_second_clauses_keep_events_apart(tmp_path, settings, embedder):
    """Held-out stories (a data breach, a no-confidence vote) showed three ways to compare two events as one:
    share moves on two different days ("fell 4.7% on Thursday" vs "fell a further 3.1% on Monday"); this
    week's vote against a vote years ago that the government survived; and the second date of "began on 14
    September and was detected on 2 October" taking the first one's verb. The same day's two figures still
    contradict, and so do two dates of one vote."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    texts = {
        "a.txt": ("2026-10-16", "Shares in Northwind Telecom fell 4.7% on Thursday after the breach was announced. "
                                "Parliament passed a no-confidence motion in Prime Minister Ostrand's government on 15 October 2026. "
                                "The breach began on 14 September 2026 and was detected on 2 October 2026, the company said."),
        "b.txt": ("2026-10-20", "Northwind Telecom shares fell a further 3.1% on Monday. "
                                "Ostrand's government survived a no-confidence vote in parliament in March 2019. "
                                "Investigators said the intrusion began on 14 September 2026."),
        "c.txt": ("2026-10-16", "Shares in Northwind Telecom fell 7.4% on Thursday after the breach was announced. "
                                "Parliament passed a no-confidence motion in Prime Minister Ostrand's government on 14 October 2026."),
    }
    write_story(tmp_path, "Northwind breach and the vote", texts)
    js = to_json(run([str(tmp_path)], settings, embedder=embedder))
    alarms = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"]
              if f["relation"] == "contradicts" or f["possible_contradiction"]}
    assert frozenset(("4.70 %", "7.40 %")) in alarms  # the same day, two figures
    assert frozenset(("2026-10-15", "2026-10-14")) in alarms  # the same vote, two dates
    for pair in (("3.10 %", "4.70 %"), ("3.10 %", "7.40 %"), ("2026-10-15", "2019-03"), ("2026-10-14", "2019-03"),
                 ("2026-10-02", "2026-09-14")):
        assert frozenset(pair) not in alarms, pair
    got = [f for f in js["findings"] if {f["a"]["value"], f["b"]["value"]} == {"2026-10-15", "2019-03"}]
    assert all(f["relation"] == "related" for f in got), got


def test_directions_earlier_values_clock_times_and_rising_tolls(tmp_path, settings, embedder):
    """Held-out stories (company results, a rail crash): "rose 4%" and "fell 4%" are the same amount in opposite
    directions; "£310m, compared with £280m a year earlier" and "down from 29p in 2024" are earlier values (the
    year dates the 29p, not the 13p); two clock times without a zone are the story's local time; "at least
    nine killed" on one day and "14 killed" the next is a toll that rose."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    texts = {
        "a.txt": ("2026-03-03", "Shares in Brackenridge rose 4% to 412p by the close. Brackenridge's pre-tax profit for 2025 was £310m, "
                                "compared with £280m a year earlier. The board declared a full-year dividend of 31p a share. "
                                "At least nine people were killed when the train derailed at 7:42 am near Hollin."),
        "b.txt": ("2026-03-03", "Shares in Brackenridge fell 4% on the day. Brackenridge reported a pre-tax profit of £310m for 2025. "
                                "The board declared a full-year dividend of 13p a share, down from 29p in 2024. "
                                "The train derailed at 8:15 am near Hollin, officials said."),
        "c.txt": ("2026-03-04", "Fourteen people were killed when the train derailed near Hollin, officials said."),
    }
    write_story(tmp_path, "Brackenridge results and the Hollin derailment", texts)
    js = to_json(run([str(tmp_path)], settings, embedder=embedder))
    alarms = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"]
              if f["relation"] == "contradicts" or f["possible_contradiction"]}
    assert frozenset(("4 %",)) in alarms  # rose 4% vs fell 4%
    assert frozenset(("31 penny", "13 penny")) in alarms  # the 2024 dates the 29p
    assert frozenset(("07:42 unspecified zone", "08:15 unspecified zone")) in alarms
    assert frozenset(("310 million GBP", "280 million GBP")) not in alarms  # a year earlier
    ups = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert frozenset(("at least 9", "14")) in ups


def test_scopes_of_business_figures(tmp_path, settings, embedder):
    """A held-out company-results story: a half-year figure, a rival's figure, one division's revenue and a
    year's share gain are not the full-year group figures they were reported against; the same scopes still
    contradict."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    texts = {
        "a.txt": ("2026-02-12", "Brackenridge reported a pre-tax profit of £310m for the year. Revenue rose to £4.2bn. "
                                "Shares in Brackenridge rose 4% on Thursday."),
        "b.txt": ("2026-02-12", "Brackenridge made a first-half pre-tax profit of £140m. Rival Stanmore reported revenue of £2.9bn. "
                                "Brackenridge shares have gained about 18% over the past year."),
        "c.txt": ("2026-02-12", "Brackenridge reported a pre-tax profit of £301m for the year. Its insulation division reported revenue of £1.6bn. "
                                "Shares in Brackenridge rose 6% on Thursday."),
    }
    write_story(tmp_path, "Brackenridge results", texts)
    js = to_json(run([str(tmp_path)], settings, embedder=embedder))
    contra = _contradictions(js)
    for pair in (("310 million GBP", "140 million GBP"), ("301 million GBP", "140 million GBP"), ("4.2 billion GBP", "2.9 billion GBP"),
                 ("4.2 billion GBP", "1.6 billion GBP"), ("4 %", "about 18 %"), ("6 %", "about 18 %")):
        assert frozenset(pair) not in contra, pair
    alarms = contra | {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["possible_contradiction"]}
    assert frozenset(("310 million GBP", "301 million GBP")) in alarms
    assert frozenset(("4 %", "6 %")) in alarms


def test_noconfidence_and_derailment_stories(settings):
    """tests/data/noconfidence-story and derailment-story: written blind by a helper (five outlets each, one
    page as HTML), with planted contradictions, updates and a look-alike past event; kept as they were.
    Bylines name each outlet and date; the vote's tallies disagree (187-142 vs 189-140) and the 2019 vote the
    government survived is another event; six vs eight carriages and 130 vs 95 km/h disagree, the toll rose
    from "at least nine" to 14 overnight, and the HTML page's outlet and date come from its metadata."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "noconfidence-story")], settings)
    assert {s.file: (s.outlet.value, s.published.value) for s in res.corpus.sources}["b_meridian.txt"] == ("Meridian News Service", "2026-10-15")
    js = to_json(res)
    assert frozenset(("187-142", "189-140")) in _contradictions(js)
    alarms = [f for f in js["findings"] if f["relation"] == "contradicts" or f["possible_contradiction"]]
    assert not [f for f in alarms if "2019" in f["a"]["value"] + f["b"]["value"] or "176-158" in f["a"]["value"] + f["b"]["value"]]

    res = run([str(DATA / "derailment-story")], settings)
    page = next(s for s in res.corpus.sources if s.kind == "html")
    assert (page.outlet.value, page.published.value) == ("Meridian News", "2026-03-03")
    js = to_json(res)
    contra = _contradictions(js)
    assert frozenset(("6", "8")) in contra
    assert frozenset(("130 kilometre per hour", "95 kilometre per hour")) in contra
    ups = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert frozenset(("at least 9", "14")) in ups


def test_outbreak_ratedecision_and_marathon_stories(settings):
    """tests/data/outbreak-story, ratedecision-story and marathon-story: written blind by helpers (five outlets
    each, one rate-decision page as HTML), with planted contradictions, updates, expectations, look-alike past
    events and figures of other scopes; kept as they were. Bylines between bars and wire datelines ("PORT
    ALDRIN, Nov 5 (Meridian Wire) -") name the outlet and the day; a seven- and a nine-year-old first case, 82%
    vs 87% coverage and a first case on 21 vs 24 October disagree, and the 2019 outbreak is another event; the
    September inflation rate disagrees (2.8% vs 3.1%), while the 8-1 vote analysts expected, September's 6-3 vote,
    two-year vs 10-year bond yields and growth on the quarter vs on the year do not; the marathon's starters
    disagree, and its winning times are race times, compared as such."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    def alarms(js):  # type: ignore[no-untyped-def]
        return [f for f in js["findings"] if f["relation"] == "contradicts" or f["possible_contradiction"]]

    res = run([str(DATA / "outbreak-story")], settings)
    meta = {s.file: (s.outlet.value if s.outlet else None, s.published.value if s.published else None) for s in res.corpus.sources}
    assert meta["b_meridian_wire.txt"] == ("Meridian Wire", "2026-10-31")
    assert meta["d_northlight_news.txt"] == ("Northlight News", "2026-11-06")
    js = to_json(res)
    contra = _contradictions(js)
    assert {frozenset(("9", "7")), frozenset(("87 %", "82 %")), frozenset(("2026-10-21", "2026-10-24"))} <= contra
    assert not [f for f in alarms(js) if "2019" in f["a"]["value"] + f["b"]["value"]]
    ups = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert frozenset(("14", "31")) in ups

    res = run([str(DATA / "ratedecision-story")], settings)
    meta = {s.file: (s.outlet.value if s.outlet else None, s.published.value if s.published else None) for s in res.corpus.sources}
    assert meta["a_meridianwire.txt"] == ("Meridian Wire", "2026-11-05")
    js = to_json(res)
    assert frozenset(("2.80 %", "3.10 %")) in _contradictions(js)
    for f in alarms(js):
        values = {f["a"]["value"], f["b"]["value"]}
        assert not values & {"8-1", "10 year", "2 year"} and values != {"6-3", "7-2"} and values != {"0.20 %", "0.90 %"}, f["reason"]
    expected = [f for f in js["findings"] if "8-1" in (f["a"]["value"], f["b"]["value"]) and "expected" in f["reason"]]
    assert expected and all(f["relation"] == "related" for f in expected)

    res = run([str(DATA / "marathon-story")], settings)
    meta = {s.file: (s.outlet.value if s.outlet else None, s.published.value if s.published else None) for s in res.corpus.sources}
    assert meta["b_rundesk.txt"] == ("RunDesk", "2026-11-08") and meta["d_continental_press.txt"] == ("Continental Press", "2026-11-09")
    js = to_json(res)
    assert frozenset(("33,150", "35,100")) in _contradictions(js)
    assert [f for f in alarms(js) if {f["a"]["value"], f["b"]["value"]} == {"2:04:51", "2:05:12"}]
    assert not [f for f in js["findings"] if "unspecified zone" in f["a"]["value"] + f["b"]["value"]]  # race times, not clock times


def test_collapse_and_launch_stories(settings):
    """tests/data/collapse-story and launch-story: written blind by helpers (five outlets each, one launch
    article in Markdown), kept as they were. Bylines of every form name their outlets ("The Morning Ledger |
    Samuel Okoro | 13 October 2026", "City Beacon - Tuesday 13 October 2026 - by Petra Lindqvist", a Markdown
    "*By Hannah Oyelaran, Launchpad Review — 21 September 2026*", a wire dateline); the collapse's time
    disagrees (4:15 vs 3:40 am) and its toll rises (at least seven, then 13 and 19), while the block that
    came down in 2011 ("since March 2011, when the nine-storey Calder House came down, killing 23") is
    another event and "43 Tanner Street" is an address; the rocket's altitude (68 vs 86 km) is flagged."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "collapse-story")], settings)
    meta = {s.file: s.outlet.value if s.outlet else None for s in res.corpus.sources}
    assert (meta["c_morningledger.txt"], meta["d_citybeacon.txt"], meta["b_continentalwire.txt"]) == (
        "The Morning Ledger", "City Beacon", "Continental Wire")
    js = to_json(res)
    assert frozenset(("04:15 unspecified zone", "03:40 unspecified zone")) in _contradictions(js)
    ups = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert frozenset(("at least 7", "13")) in ups and frozenset(("46", "41")) in ups
    for f in js["findings"]:
        values = {f["a"]["value"], f["b"]["value"]}
        if f["relation"] in ("contradicts", "updates") or f["possible_contradiction"]:
            assert not values & {"9", "23", "43", "86"}, f["reason"]

    res = run([str(DATA / "launch-story")], settings)
    meta = {s.file: (s.outlet.value if s.outlet else None, s.published.value if s.published else None) for s in res.corpus.sources}
    assert meta["e_launchpadreview.md"] == ("Launchpad Review", "2026-09-21") and meta["a_orbitalwire.txt"] == ("Orbital Wire", "2026-09-21")
    js = to_json(res)
    assert [f for f in js["findings"] if f["possible_contradiction"] and {f["a"]["value"], f["b"]["value"]} == {"about 68 km", "86 km"}]
    # "its launch pad had not been damaged" against "which licensed the launch": one shared topic word is no denial.
    assert not [f for f in js["findings"] if "opposite polarity" in f["reason"]]


def test_a_denied_fact_is_not_corroborated(tmp_path, settings):
    """One outlet says hackers stole passwords, the other that there was no evidence they had been stolen: the
    two agree on the day ("on Thursday") but not on the fact, which is listed for review as a possible
    contradiction rather than hidden behind the agreement; a negation that denies no stated fact ("is not
    expected to", "does not oblige") is left alone (the seeds' golden report is unchanged by this rule)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    (tmp_path / "a.txt").write_text("Telecom firm says hackers stole customer data\nBy Ann Lee, Northgate Wire, 29 October 2026\n\n"
                                    "Hackers who broke into Corvane Telecom's systems also stole customers' account passwords, two "
                                    "people familiar with the investigation said on Thursday.\n")
    (tmp_path / "b.txt").write_text("Corvane says passwords were safe\nBy Tom Hale, Ledger Standard, 29 October 2026\n\n"
                                    "Corvane Telecom said on Thursday that there was no evidence that customers' account passwords "
                                    "had been stolen in the attack on its systems.\n")
    js = to_json(run([str(tmp_path)], settings))
    flagged = [f for f in js["findings"] if f["possible_contradiction"] and "opposite polarity" in f["reason"]]
    assert flagged and "passwords" in flagged[0]["reason"]
    assert not [f for f in js["findings"] if f["relation"] == "corroborates" and f["measure"] == "statement"]


def test_cupfinal_and_resignation_stories(settings):
    """tests/data/cupfinal-story and resignation-story: written blind by helpers, kept as they were. The
    winner's minute disagrees ("in the 87th minute" vs "a 78th-minute header": ordinals quantulum3 does not
    read), while "first win since 2011 ... the 2019 final" against "a wait back to 2011" pairs 2011 with
    2011, not with 2019. The inquiry's £48,200 and another outlet's £84,200 disagree ("broke the code over
    £48,200 of expenses" is about, not more than, £48,200), and the minister's age (54 vs 57, the name decides
    whatever the verb) and the count of undisclosed meetings (11 vs 17: a participle before a plural noun is
    an adjective) are flagged."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "cupfinal-story")], settings))
    assert frozenset(("87", "78")) in _contradictions(js)
    alarms = [f for f in js["findings"] if f["relation"] == "contradicts" or f["possible_contradiction"]]
    assert not [f for f in alarms if {f["a"]["value"], f["b"]["value"]} == {"2019", "2011"}]

    js = to_json(run([str(DATA / "resignation-story")], settings))
    assert frozenset(("48,200 GBP", "84,200 GBP")) in _contradictions(js)
    flagged = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "contradicts" or f["possible_contradiction"]}
    assert {frozenset(("54", "57")), frozenset(("11", "17"))} <= flagged


def test_outage_and_spill_stories(settings):
    """tests/data/outage-story and spill-story: written blind by helpers (one spill page as HTML), kept as they
    were. Reporters' lines with roles and dashes ("Helen Varga, Aviation Correspondent - Skyline Aviation
    Weekly - 18 July 2026") name the outlet; the share falls disagree (6.2% vs 2.6%), while "At Dublin Airport
    alone, 410 flights" is a part of the nationwide "more than 600", and "was not restored until 9.30pm"
    denies nothing. The crews disagree (21 vs 24, not a running count), while oiled birds rise (60, 230, 410)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "outage-story")], settings)
    assert {s.file: s.outlet.value if s.outlet else None for s in res.corpus.sources}["d_skylineaviation.txt"] == "Skyline Aviation Weekly"
    js = to_json(res)
    assert frozenset(("6.20 %", "2.60 %")) in _contradictions(js)
    # "almost 900 flights had been cancelled" by Tuesday evening, "1,240 flights" the next day: made exact, an update.
    assert relation(js, "c_", "1,240 flights had been cancelled", "b_", "almost 900 flights") == "updates"
    alarms = [f for f in js["findings"] if f["relation"] == "contradicts" or f["possible_contradiction"]]
    assert not [f for f in alarms if "410" in (f["a"]["value"], f["b"]["value"]) or "opposite polarity" in f["reason"]]

    res = run([str(DATA / "spill-story")], settings)
    assert {s.file: s.outlet.value if s.outlet else None for s in res.corpus.sources}["d_tidewatertimes.txt"] == "Tidewater Times"
    js = to_json(res)
    assert frozenset(("21", "24")) in _contradictions(js)
    ups = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert frozenset(("230", "410")) in ups


def test_trial_story(settings):
    """tests/data/trial-story: a murder trial written blind by a helper (five outlets), kept as written. All
    four planted disagreements are contradictions: the minimum term (16 vs 18 years), the defendant's age (43 vs
    34), the jury's deliberation (7 vs 11 hours: "deliberated" names the event) and the date of the stabbing
    (13 vs 3 March 2025, also against "3 March last year"), while the Monday verdict before Tuesday's
    sentencing is no contradiction."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "trial-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("16 year", "18 year")), frozenset(("43", "34")), frozenset(("11 hour", "7 hour")),
            frozenset(("2025-03-13", "2025-03-03"))} <= contra
    assert any(f["relation"] == "contradicts" and {f["a"]["value"], f["b"]["value"]} == {"2025-03-13", "2025-03-03"}
               and "chronicle_trent.txt" in (f["a"]["source_file"], f["b"]["source_file"]) for f in js["findings"])  # "3 March last year"


def test_seizure_ipo_swap_and_crush_stories(settings):
    """tests/data/seizure-, ipo-, swap- and crush-story: written blind by helpers, kept as written. Names decide
    four planted contradictions the matcher missed: a suspect's age by his descriptor ("a 41-year-old man from
    Breda" / "a 47-year-old man from Breda"), the finance chief (Daniel / David Okafor) and the mediator
    (Sheikh Nasser / Khalid al-Dhahri) by their roles. The crush story's "19 people remain in hospital" and
    "Thirty-eight people remained in hospital" are one standing count reported on two days, an update, and
    neither disagrees with the 64 "taken to hospital". An HTML page's <title> names its outlet, and so does
    a line "The Ashvale Gazette, Monday 4 May 2026" under the reporter's line."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "seizure-story")], settings)
    assert {s.file: s.outlet.value if s.outlet else None for s in res.corpus.sources}["e_harbourline.html"] == "Harbourline News"
    js = to_json(res)
    ages = [f for f in js["findings"] if f["relation"] == "contradicts" and {f["a"]["value"], f["b"]["value"]} == {"41", "47"}]
    assert {f["a"]["source_file"] for f in ages} == {"b_continental_wire.txt", "c_daily_ledger.txt", "d_lowlands_post.txt"}
    assert all("man from breda" in f["reason"] for f in ages)

    js = to_json(run([str(DATA / "ipo-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("Daniel Okafor", "David Okafor")), frozenset(("$43.40", "$41.85"))} <= contra
    # The opening price is no contradiction of the sum raised ($775 million, ten thousand times more).
    assert not [c for c in contra if "$39.50" in c]

    js = to_json(run([str(DATA / "swap-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("Nasser al-Dhahri", "Khalid al-Dhahri")), frozenset(("41", "44"))} <= contra

    res = run([str(DATA / "crush-story")], settings)
    assert {s.file: s.outlet.value if s.outlet else None for s in res.corpus.sources}["b_ashvalegazette.txt"] == "The Ashvale Gazette"
    js = to_json(res)
    assert frozenset(("1964", "1968")) in _contradictions(js)
    assert frozenset(("19:45 unspecified zone", "20:00 unspecified zone")) in _contradictions(js)  # the kick-off
    hospital = [f for f in js["findings"] if {f["a"]["value"], f["b"]["value"]} in ({"19", "38"}, {"19", "64"})]
    assert hospital and not [f for f in hospital if f["relation"] == "contradicts" or f["possible_contradiction"]]
    assert relation(js, "e_", "Nineteen people remain in hospital", "c_", "Thirty-eight people remained in hospital") == "updates"


def test_heist_budget_tornado_and_explosion_stories(settings):
    """tests/data/heist-, budget-, tornado- and explosion-story: written blind by helpers, kept as written.
    A person's age after "Name, the" or "Name, a" ("Katrin Albers, the 61-year-old chief executive", "Eleanor
    Voss, a 78-year-old retired teacher") is that person's; a deficit is not a debt (2.9% vs 71.4% of GDP), a
    corporate tax rate is not growth, "in 2026-27" is no figure of minus 27, a change "by one percentage
    point" is not a rate, "over 90 years" and "3 minutes" are different measures, and a sentence that states
    1.6% and the 1.2% another body projects pairs its 1.6 with another article's 1.6. "Morag Keir, The
    Capital Evening Post" over "4 May 2026" names the outlet and the date."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    res = run([str(DATA / "heist-story")], settings)
    src = {s.file: s for s in res.corpus.sources}["a_capital_evening_post.txt"]
    assert (src.outlet.value, src.published.value) == ("The Capital Evening Post", "2026-05-04")
    js = to_json(res)
    assert frozenset(("43", "34")) in _contradictions(js)
    assert not [f for f in js["findings"] if f["relation"] == "contradicts" and "year" in f["a"]["value"] + f["b"]["value"]]

    res = run([str(DATA / "budget-story")], settings)
    src = {s.file: s for s in res.corpus.sources}["e_estovia_today.txt"]
    assert (src.outlet.value, src.published.value) == ("Estovia Today", "2026-05-20")  # not 1 January 2027, a date to come
    contra = _contradictions(to_json(res))
    # Growth, the corporate tax rate ("cut from 25 per cent to 23 per cent": a change, not a range 23-25%) and the
    # top rate's threshold.
    assert {frozenset(("1.60 %", "1.80 %")), frozenset(("24 %", "23 %")), frozenset(("90,000 EUR", "95,000 EUR"))} <= contra
    assert not {frozenset(("71.40 %", "2.90 %")), frozenset(("1.20 %", "1.60 %")), frozenset(("1 %", "23 %"))} & contra

    contra = _contradictions(to_json(run([str(DATA / "tornado-story")], settings)))
    assert {frozenset(("84", "78")), frozenset(("17:42 unspecified zone", "18:24 unspecified zone"))} <= contra  # touched down
    contra = _contradictions(to_json(run([str(DATA / "explosion-story")], settings)))
    assert frozenset(("56", "61")) in contra
    # "fell 6.2 percent on Friday" vs "lost almost 9 percent over two trading sessions": a day and a total over days.
    assert frozenset(("6.20 %", "nearly 9 %")) not in contra


def test_hijack_fine_landslide_and_auction_stories(settings):
    """tests/data/hijack-, fine-, landslide- and auction-story: written blind by helpers, kept as written.
    "210 nautical miles east of the port" is a distance (not a count, nor a running one, whatever "seized" says);
    the ship's master and the village's mayor, each given as the one post of its kind, have one name each; an
    article that calls someone "finance director" tells against another that calls her "chief executive"; the
    dead and the missing are two counts; rain over three days, in the 24 hours before, and on one day are three
    measures; "the 80mm forecast" and "would have been £266.3m" are no outcome; "UPDATE 3-" is a wire tag; share
    prices of different days, or at 1015 GMT and at the close, are different moments. (The auction story's five
    planted contradictions are all missed, and advisers' "talking of a hammer price above £40m" against the £38m
    is a false one: see the README's known misses.)"""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "hijack-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("about 120 nautical mile", "210 nautical mile")), frozenset(("Ante Brkic", "Davor Kelic"))} <= contra
    assert not [f for f in js["findings"] if f["relation"] == "updates" and "nautical" in f["a"]["value"]]
    # "The MV Aldera Grace was boarded at about 3.40am" / "The pirates boarded the Aldera Grace shortly before 5am": one
    # boarding (the ship the subject of one, the object of the other); "did not fire any shots" / "fired warning shots".
    assert frozenset(("05:00 local time", "03:40 local time")) in contra
    assert _flagged(js, "maritime", "did not fire any shots", "daily_meridian", "fired warning shots")
    # A ransom demanded ($8m, then $5m) is not the one reportedly paid ($3.2m).
    assert not [p for p in contra if p & {"$3.2 million", "$5 million", "$8 million"}]

    js = to_json(run([str(DATA / "fine-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("186.4 million GBP", "168.4 million GBP")), frozenset(("Daniel Ferrers", "Ruth Adeyemi"))} <= contra
    assert not [p for p in contra if p & {"266.3 million GBP", "428 penny", "425 penny", "3.40 %"}]
    assert _flagged(js, "finwire", "closed down 3.1% at 412p", "city_ledger", "closed 1.3% lower at 421p")  # one Tuesday's close
    assert [f for f in js["findings"] if f["relation"] == "updates" and {f["a"]["value"], f["b"]["value"]} == {"about 300", "342"}]

    js = to_json(run([str(DATA / "landslide-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("212 millimetre", "148 millimetre")), frozenset(("Dragan Petek", "Ilse Varga"))} <= contra
    assert not [p for p in contra if p & {"390 millimetre", "35 millimetre", "80 millimetre", "3 day", "3 week", "24 hour", "3", "6"}]
    updates = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert frozenset(("23", "34")) in updates  # the toll, Wednesday then Sunday

    # (Its five planted contradictions are missed: see the README's known misses.) The price with fees, £43.6m, in
    # three articles.
    js = to_json(run([str(DATA / "auction-story")], settings))
    assert [f for f in js["findings"] if f["relation"] == "corroborates" and f["a"]["value"] == f["b"]["value"] == "43.6 million GBP"]


def test_landing_theft_avalanche_and_merger_stories(settings):
    """tests/data/landing-, theft-, avalanche- and merger-story: written blind by helpers, kept as written (answer keys in
    tests/blind-keys/). As first run they gave 13 false contradictions; each of these is a general rule now: ages in a
    list ("Lenka Marou, a 29-year-old instructor, ... a 38-year-old woman" / "Lenka Marou, 29") are different people's;
    the buried and the dead are different counts; a departure's time and a landing's are two moments; "shortly after
    2 a.m." and "at about 2.10am" agree; "In that case thieves spent about 12 minutes inside" goes on about the earlier
    theft the sentence before recalls; two companies' chief executives ("Quenby's chief executive" / "Ellisford's
    chief executive") are two posts; "has raised its offer ... to $40.25" revises the $38.50. Also: a surname alone
    ("Grell, a 47-year-old former army sergeant") is the one person the story names in full with it; a weekday names
    a yearless date's year ("on Thursday 9 April" in March 2026); a file name's date and a dateline without an outlet
    ("CALLOWRIDGE, Friday 6 March -") date an article."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "landing-story")], settings))
    assert _contradictions(js) == {frozenset(("2011", "2004"))}  # (not the departure's 10:42 against the landing's 10.58am)

    js = to_json(run([str(DATA / "theft-story")], settings))
    assert _contradictions(js) == {frozenset(("2026-04-15", "2026-04-16")), frozenset(("61", "47"))}

    js = to_json(run([str(DATA / "avalanche-story")], settings))
    assert _contradictions(js) == set()
    assert _flagged(js, "estravian", "Eleven skiers were buried", "drennau", "Seven skiers were entombed")

    js = to_json(run([str(DATA / "merger-story")], settings))
    assert _contradictions(js) == {frozenset(("$36.50", "$38.50")), frozenset(("2026-04-09", "2026-04-14"))}
    assert [f for f in js["findings"] if f["relation"] == "updates" and {f["a"]["value"], f["b"]["value"]} == {"$38.50", "$40.25"}]
    published = {s["file"]: (s["published"]["value"], s["published"]["origin"]) for s in js["sources"]}
    assert published["bourse_daily_2026-03-06.txt"] == ("2026-03-06", "text")  # "CALLOWRIDGE, Friday 6 March -"
    assert published["foodchain_insider_2026-03-05.md"] == ("2026-03-05", "file name")


def test_escape_cricket_buscrash_and_drug_stories(settings):
    """tests/data/escape-, cricket-, buscrash- and drug-story: written blind by helpers, kept as written (answer keys in
    tests/blind-keys/). As first run: 2 of 20 planted contradictions flagged and 4 false contradictions, each now a
    general rule: "Idris, who took only two wickets" / "Thorley took eight wickets" are each their own player's, and
    "losing the first Test ... by six wickets" is a margin, not a count of wickets; "Some 500 officers are now
    involved" revises "some 350 officers". Also: "will charge $1,490 for each injection" names a price; "Dr Oskar
    Lindqvist, who as chief medical officer at Kestrel Ridge" gives the post as the one of its kind; "crowns" are
    money; "suspended" is an event word, and a capitalised word is part of a name, not one ("the Kestrian Prison
    Officers' Union" dates no sentence); "has not commented publicly" denies no deed."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "escape-story")], settings))
    assert _contradictions(js) == {frozenset(("120,000 crown", "200,000 crown"))}
    assert _flagged(js, "corrections_review", "Seven officers were taken off duty", "kestrian", "four officers who were on duty")
    assert [f for f in js["findings"] if f["relation"] == "updates" and {f["a"]["value"], f["b"]["value"]} == {"about 350", "about 500"}]
    assert not _flagged(js, "kestrian", "has not commented publicly", "ostmere", "said in a short statement")

    assert _contradictions(to_json(run([str(DATA / "cricket-story")], settings))) == set()  # (no player's wickets against another's)

    assert _contradictions(to_json(run([str(DATA / "buscrash-story")], settings))) == {frozenset(("54", "47"))}

    js = to_json(run([str(DATA / "drug-story")], settings))
    assert _contradictions(js) == {frozenset(("$1,150", "$1,490")), frozenset(("Ilse Marrow", "Oskar Lindqvist"))}


def _figures(text: str):  # type: ignore[no-untyped-def]
    """A stand-in claim with the text's quantities and attributes (what the figure helpers read)."""
    from types import SimpleNamespace

    from reconcile.extract import extract_attributes, extract_quantities

    attrs = extract_attributes(text)
    masks = [(a.start, a.end) for a in attrs if a.kind == "time"]
    return SimpleNamespace(text=text, quantities=extract_quantities(text, masks, 0.1), attributes=attrs, source_file="x.txt")


@pytest.mark.parametrize("text, states", [
    ("By Wednesday morning, 23 people had been confirmed dead and 16 remained missing.", ["dead", "missing"]),
    ("The authorities put the final death toll at 34 and declared three people missing, presumed dead.", ["dead", "missing"]),
    ("The slide tore through the streets, killing at least nine people and leaving 31 unaccounted for.", ["dead", "missing"]),
    ("The blast killed 12 and injured 30.", ["dead", "injured"]),
    ("Rescuers had pulled 22 people alive from the rubble.", ["rescued"]),
    ("46 had been treated in hospital for injuries.", ["injured"]),
    ("The company cut 1,200 jobs.", [""]),
    ("Eleven skiers were buried, and three were found dead.", ["buried", "dead"]),
    ("The avalanche swept down the run on Saturday, burying 11 people under snow.", ["buried"]),
])
def test_the_state_of_those_a_count_counts(text, states):
    from reconcile.compare import _state_of

    c = _figures(text)
    assert [_state_of(c, q) for q in c.quantities] == states  # type: ignore[arg-type]


def test_a_figure_s_period_and_day():
    from reconcile.compare import _period_of, _total_over, _weekday_of_value

    c = _figures("Meteorologists said 148mm of rain had fallen in the 24 hours before the hillside collapsed.")
    assert _period_of(c, c.quantities[0]) == ("24 hours", 24.0) and _total_over(c, c.quantities[1]) is c.quantities[0]  # type: ignore[arg-type]
    c = _figures("Over the three days to that morning, 390mm of rain fell on the valley.")
    assert _period_of(c, c.quantities[1]) == ("three days", 72.0)  # type: ignore[arg-type]
    c = _figures("212 millimetres of rain fell in the day before the slope failed.")
    assert _period_of(c, c.quantities[0]) == ("day", 24)  # type: ignore[arg-type]
    c = _figures("In the event, just 35mm of rain fell on Tuesday.")
    assert _period_of(c, c.quantities[0]) is None and _weekday_of_value(c, c.quantities[0], True).value == "Tuesday"  # type: ignore[arg-type,union-attr]
    assert _weekday_of_value(c, c.quantities[0]) is None  # type: ignore[arg-type]  # (strictly: only right after the figure)
    c = _figures("Castlemere's shares closed at 425p on Thursday, above Tuesday's closing price of 412p.")
    assert [_weekday_of_value(c, q).value for q in c.quantities] == ["Thursday", "Tuesday"]  # type: ignore[arg-type,union-attr]


@pytest.mark.parametrize("neg, pos, denied", [
    ("An inquiry has been opened into why the village's warning siren did not sound on Sunday morning.",
     "The village's warning siren sounded at about 4am, residents told the Meridian, but many did not hear it.", True),
    ("Several residents said no warning siren sounded before the mudslide struck.", "The village's warning siren sounded at about 4am.", True),
    ("The frigate did not fire any shots, including warning shots, when it reached the ship.", "The Almirante Vela fired warning shots on Wednesday.", True),
    # It opened late; one airport's flights; another's offer; a deed the other sentence denies too.
    ("Turnstiles had been due to open at 5.45pm but did not open until about 6.30pm.", "The turnstiles opened about 45 minutes later than planned.", False),
    ("Cork Airport said no Corrib Air flights were cancelled there on Tuesday.", "Corrib Air cancelled more than 600 flights on Tuesday.", False),
    ("Lowe is of interest to the Red Sox, but they have not made him an offer.", "The Orioles have made an offer of $140 million.", False),
    ("The siren did not sound.", "Residents said the siren did not sound either.", False),
    # A one-word subject, when the other states the deed of that very noun (its subject, or its object).
    ("No ambulances were diverted during the outage.", "Ambulances were diverted away from the emergency departments on Tuesday.", True),
    ("Halvard Maritime said no oil had leaked from the vessel.", "Oil is leaking from the tanker Corvina Star, its owner said.", True),
    ("No money was received personally by me or by anyone connected to me.", "He said he had received no money personally.", False),
    ("No ambulances were diverted during the outage.", "Paramedics were diverted to Ashby.", False),
])
def test_a_deed_denied_against_one_stated(neg, pos, denied):
    from types import SimpleNamespace

    from reconcile.compare import deeds_denied
    from reconcile.extract import denies_a_deed

    assert bool(deeds_denied(SimpleNamespace(text=neg), pos)) is denied  # type: ignore[arg-type]
    assert denies_a_deed(neg) or not denied  # a checkable claim though it has no number, date or name


@pytest.mark.parametrize("neg, pos, alike", [
    ("The frigate did not fire any shots, including warning shots, when it reached the ship.", "The Almirante Vela fired warning shots on Wednesday.", True),
    ("The town's outdoor sirens did not sound before the tornado arrived.", "All 14 of Wrenfield's outdoor sirens sounded at 5:29 p.m.", True),
    ("No ambulances were diverted during the outage.", "Ambulances were diverted away from the emergency departments.", True),
    # "provide" of another noun: the agreement's terms, not Putin's support.
    ("Russia will not help, as the partnership agreement does not provide for mutual defense.",
     "Putin appears reluctant to provide meaningful support to Iran despite a formal strategic partnership.", False),
])
def test_a_deed_denied_of_the_same_noun(neg, pos, alike):
    """`deed_stated_alike`, the stricter test for a denial whose wording is further from the deed's (a possible link
    below the statement cosine): the denied verb of the same noun, by construction."""
    from types import SimpleNamespace

    from reconcile.compare import deed_stated_alike

    assert bool(deed_stated_alike(SimpleNamespace(text=neg), pos)) is alike  # type: ignore[arg-type]


def test_recount_factory_ransomware_and_sacking_stories(settings):
    """tests/data/recount-, factory-, ransomware- and sacking-story: written blind by helpers, kept as written.
    "declared the result at 7.45pm" / "the result was finally declared at 10.15pm", "The fire broke out shortly after
    1pm" / "The blaze broke out at about 10.15am" and "went down at about 3.15am on Tuesday 12 May" / "went down at
    around 5.40am on Tuesday" are one moment given two times; a later figure given as revised ("after marathon
    recount", "had now received 19 formal complaints", "The group now says ... 1.3 million") is an update."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "recount-story")], settings))
    contra = _contradictions(js)
    assert {frozenset(("57", "75")), frozenset(("19:45 unspecified zone", "22:15 unspecified zone")),
            frozenset(("Margaret Ellery", "Colin Ashdown"))} <= contra  # "the returning officer, ..." in both
    assert not {frozenset(("14", "9")), frozenset(("19", "6"))} & contra
    updates = {frozenset((f["a"]["value"], f["b"]["value"])) for f in js["findings"] if f["relation"] == "updates"}
    assert {frozenset(("14", "9")), frozenset(("19", "6"))} <= updates

    contra = _contradictions(to_json(run([str(DATA / "factory-story")], settings)))
    assert {frozenset(("nearly 1,400", "over 2,000")), frozenset(("13:00 unspecified zone", "10:15 unspecified zone"))} <= contra

    # "went down at about 3.15am on Tuesday 12 May" / "went down on Monday 11 May": one deed, two days.
    js = to_json(run([str(DATA / "ransomware-story")], settings))
    assert _contradictions(js) == {frozenset(("03:15 unspecified zone", "05:40 unspecified zone")), frozenset(("2026-05-11", "2026-05-12")),
                                   frozenset(("2026-05-11", "Tuesday"))}
    assert [f for f in js["findings"] if f["relation"] == "updates" and {f["a"]["value"], f["b"]["value"]} == {"up to 250,000", "1.3 million"}]
    # For review: "demanding 60 bitcoin" / "has demanded a ransom of 85 bitcoin"; "No ambulances were diverted" / "Ambulances
    # were diverted away from the emergency departments".
    assert _flagged(js, "marland", "demanding 60 bitcoin", "calder", "85 bitcoin")
    assert _flagged(js, "healthtech", "No ambulances were diverted", "marland", "Ambulances were diverted")

    # "Havlík was dismissed on Monday" / "Havlík was dismissed on Tuesday 10 November"; for review, "Sunday's 4-1 home
    # defeat by Racing Montefrío" / "a 3-1 defeat at home to Racing Montefrío" ("4-1 home defeat" is a result now).
    js = to_json(run([str(DATA / "sacking-story")], settings))
    assert _contradictions(js) == {frozenset(("Monday", "2026-11-10"))}
    assert _flagged(js, "goalmouth", "3-1 defeat", "iberia", "4-1 home defeat")

    # "would be lodged ... on Thursday" is a plan; "was lodged at the High Court ... on Thursday afternoon" / "was
    # filed on Wednesday 14 October": one deed (lodged, filed), two days.
    assert frozenset(("Thursday", "2026-10-14")) in _contradictions(to_json(run([str(DATA / "recount-story")], settings)))


@pytest.mark.parametrize("text, revised", [
    ("Helen Marsh has been elected by a margin of just nine votes after a full recount on Monday.", True),
    ("The council said it had now received 19 formal complaints about the count.", True),
    ("The group now says the records of 1.3 million patients were affected.", True),
    ("The amount spilled has risen to at least 1,100 tonnes, the directorate said.", True),
    ("Pre-tax profit fell to £310m last year, while sales rose to £4.2bn.", False),  # a change on the year before
    ("The company sold shares at $30 apiece, the top of its revised range.", False),
])
def test_a_figure_given_as_revised(text, revised):
    from reconcile.compare import REVISION

    assert bool(REVISION.search(text)) is revised


@pytest.mark.parametrize("text, who, margin", [
    ("Korland will look to their spearhead Rasmus Thorley, who took eight wickets in the first Test.", "Rasmus Thorley", ""),
    ("That is no small thing for Saltmere: Thorley took eight wickets in the first Test.", "Thorley", ""),
    ("Acme Corp said 300 jobs would go.", "", ""),  # a saying verb: Acme's word on a figure, not Acme's figure
    ("Korland trail the series 1-0 after losing the first Test at Tarrow Park by six wickets.", "", "losing the first Test at Tarrow Park by six"),
])
def test_whose_figure_and_a_margin(text, who, margin):
    from reconcile.compare import _margin, _who_holder
    from reconcile.extract import extract_entities

    c = _figures(text)
    c.entities = tuple(extract_entities(text))
    q = next(q for q in c.quantities if q.dimension == "count" and q.text not in ("1-0",))
    assert _who_holder(c, q) == who
    assert _margin(c, q) == margin


def test_quake_fraud_trial_results_and_marathon_stories(settings):
    """tests/data/tremor-, fraudtrial-, profitwarning- and citymarathon-story: written blind by helpers, kept as
    written; held out: their first run reported 32 false contradictions. A disaster's damage counted up day by day
    is a running count; hours of deliberation lie within days of it; a year's figure is not its last quarter's, nor
    one part of the business the whole ("In Germany, revenue slid", "Online sales", "Sales there"), nor what analysts
    "had pencilled in"; "That was the year of Project Anker" goes on about the earlier event the sentence before
    recalls; a range "between €180m and €220m" is one figure; "Last year's race, held on April 13" is last year's; a
    date of a relative clause ("the 2:06:31 that Abebe Tessema ran in 2023") is not the race's."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = {s: to_json(run([str(DATA / f"{s}-story")], settings)) for s in ("tremor", "fraudtrial", "profitwarning", "citymarathon")}
    assert _contradictions(js["tremor"]) == _contradictions(js["fraudtrial"]) == _contradictions(js["citymarathon"]) == set()
    # The planted ones: 52 stores to close, not 38; a net loss of €213m, not €187m (since the thirteenth round's rules).
    assert _contradictions(js["profitwarning"]) == {frozenset(("38", "52")), frozenset(("187 million EUR", "213 million EUR"))}
    assert relation(js["tremor"], "tolvar", "about 1,200 buildings had been damaged", "meridian", "6,950 buildings were damaged") == "updates"
    assert relation(js["fraudtrial"], "ashcombe", "nearly three days of deliberation", "westmarsh", "roughly 14 hours of deliberation") != "contradicts"
    pw = js["profitwarning"]
    for other in (("meridian", "For 2025 as a whole"), ("meridian", "In Germany, revenue slid"), ("shelf", "Digital sales rose")):
        assert relation(pw, "amsterdam", "Revenue in the final three months", *other) == "related"
    assert relation(pw, "northsea", "Quarterly revenue of", "lowlands", "Analysts had pencilled in") == "related"
    assert relation(pw, "amsterdam", "That was the year of Project Anker", "shelf", "shrink-to-survive") == "related"
    assert relation(pw, "lowlands", "well short of", "northsea", "Management now expects") == "corroborates"
    cm = js["citymarathon"]
    assert relation(cm, "coastline", "Last year's race, held on April 13", "eastshore", "The 27-year-old Kenyan won") == "related"
    assert relation(cm, "port_ardery", "In 2025 Wilson Cheruiyot won", "coastline", "Last year's race, held") == "corroborates"
    # Found for review: the depth (10 km / 35 kilometres) and the verdict's day (Thursday 5 March / Wednesday 4 March).
    assert _flagged(js["tremor"], "sarnak", "35 kilometres", "continental", "10 kilometres") or _flagged(js["tremor"], "sarnak", "35", "tolvar", "10")
    assert any(f["possible_contradiction"] and "Wednesday 4 March" in f["a"]["text"] + f["b"]["text"] for f in js["fraudtrial"]["findings"])
    # A light verb's denial with its object, against its irregular form; a margin against a margin.
    assert _flagged(js["fraudtrial"], "ashcombe", "did not give evidence", "kellingford", "Giving evidence over two days")
    assert _flagged(cm, "eastshore", "27 seconds clear of", "runners", "won by 12 seconds")


@pytest.mark.parametrize("neg, pos, denied", [
    ("Marlowe did not give evidence in her own defence.", "Giving evidence over two days last month, Marlowe told the jury.", True),
    ("Police did not give details of the arrest.", "Police later gave details of the arrest.", False),  # what was told
    ("A client is of interest to the Red Sox, but they have not made him an offer.", "The Red Sox made him an offer.", False),  # whose?
])
def test_a_light_verb_denied_with_its_object(neg, pos, denied):
    from types import SimpleNamespace

    from reconcile.compare import deed_stated_alike

    assert bool(deed_stated_alike(SimpleNamespace(text=neg), pos)) is denied


@pytest.mark.parametrize("text, noun", [
    ("The retailer is to close 38 of its roughly 310 stores over the course of 2026", "store"),
    ("Labour won 91 of the 230 seats", "seat"),
])
def test_a_part_counts_its_whole_s_noun(text, noun):
    assert counted_noun(text, text.index(text.split(" of ")[0].split()[-1]) + len(text.split(" of ")[0].split()[-1])) == noun


@pytest.mark.parametrize("text, day", [
    ("Last year's race, held on April 13, was won by Kenya's Wilson Cheruiyot in 2:07:12.", "2025-04-13"),
    ("This year's race, held on April 13, drew 11,482 starters.", "2026-04-13"),
    ("Last year's champion withdrew on April 13 with a calf injury.", "2026-04-13"),  # this year's withdrawal
    ("Tallis said entries for 2027 would open at the start of June.", "2026-06"),
])
def test_last_years_event_and_a_reported_plan(text, day):
    dates = extract_dates(text, date(2026, 4, 19))[0]
    assert dates[-1].display == day


def test_money_between_and_is_one_range():
    from reconcile.extract import extract_quantities

    q = extract_quantities("It expects operating profit of between €180m and €220m in 2026.", [], 0.1)[0]
    assert (q.unit, q.low, q.high, q.qualifier) == ("EUR", 180e6, 220e6, "between")
    assert len([q for q in extract_quantities("It made €180m and €220m in two years.", [], 0.1) if q.unit == "EUR"]) == 2


def test_siege_bill_vote_pilots_strike_and_drought_stories(settings):
    """tests/data/siege-, billvote-, pilotstrike- and drought-story: written blind by helpers, kept as written; held
    out: their first run flagged 10 of 20 and reported five false contradictions. One day's figure is not the total
    over the strike's days ("In all, 1,595 flights were cancelled across the four strike days", "over the four days",
    "on the first day alone"); what was offered is not what was agreed ("went into the strike offering 7 percent" /
    "a deal worth 12.5%"); a share's move "in early trading on Friday" is not its close on Friday."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    ps = to_json(run([str(DATA / "pilotstrike-story")], settings))
    assert _contradictions(ps) == {frozenset(("465", "645")), frozenset(("12.50 %", "14.50 %"))}  # both planted
    for a, b in ((("skyline", "In all, 1,595 flights"), ("portmere", "645 flights were cancelled")),
                 (("meridian", "41,000 passengers"), ("daily_ledger", "More than 200,000 passengers")),
                 (("meridian", "offering 7 percent"), ("skyline", "deal worth 12.5%")),
                 (("skyline", "rose 5.6%"), ("daily_ledger", "closing up 4.8"))):
        assert relation(ps, *a, *b) != "contradicts"
    sg = to_json(run([str(DATA / "siege-story")], settings))
    assert frozenset(("34", "43")) in _contradictions(sg)  # the gunman's age


@pytest.mark.parametrize("text, value, unit", [
    ("The ban will affect some 2.4 million households, the company said.", 2.4e6, ""),  # "some" before a scale word
    ("It covers roughly 1.4m homes supplied by Wendmoor Water.", 1.4e6, ""),  # millions of homes, not metres
    ("About 2m people live there.", 2e6, ""),
    ("The wall is 10m high.", 10.0, "m"),
    ("He won the 100m in 9.8 seconds.", 9.8, "second"),  # seconds of time, not of arc
])
def test_scale_words_and_m_for_million(text, value, unit):
    from reconcile.extract import extract_quantities

    q = extract_quantities(text, [], 0.1)[-1]
    assert (q.value, q.unit) == (value, unit)


def test_two_ceilings_are_compared_as_ceilings():
    """"a fine of up to £1,000" / "fines of up to £2,500": each states the ceiling, so they disagree."""
    from types import SimpleNamespace

    from reconcile.compare import compare_values
    from reconcile.models import Fact

    def claim(text):  # type: ignore[no-untyped-def]
        c = _figures(text)
        return SimpleNamespace(**vars(c), dates=[]), Fact("quantity", "", "fine", (0, len(text)), text, "main:x", 0, "")

    (ca, fa), (cb, fb) = claim("Anyone could face a fine of up to £1,000."), claim("Householders risk fines of up to £2,500.")
    assert compare_values(ca, fa, cb, fb)[0] is False
    (cc, fc) = claim("Offenders face a maximum fine of up to £1,000 each.")
    assert compare_values(ca, fa, cc, fc)[0] is True


@pytest.mark.parametrize("text, time", [
    ("The girl was seized by two masked men at twenty to eight on Thursday morning.", "07:40"),
    ("The first alarms went off at a quarter past three on the morning of Tuesday 12 May.", "03:15"),
    ("At twenty to six that evening, a doping control officer handed him a sealed kit.", "17:40"),
    ("By half past nine the crowd had gone.", "09:30"),
    ("The ship ran aground at about twenty past four.", "04:20"),
    ("The alarm was raised at ten past eleven at night.", "23:10"),
    ("The coach cut the squad from twenty to five.", None),  # a range of numbers, not a time
    ("He was one of twenty to five candidates.", None),
])
def test_clock_times_in_words(text, time):
    from reconcile.extract import extract_attributes

    got = [a.value.split(" ")[0] for a in extract_attributes(text) if a.kind == "time"]
    assert got == ([time] if time else [])


def test_a_demand_as_the_subject_measures_its_figure():
    """"The gang's opening demand, made in a call ..., was for $1.5 million, with a 72-hour deadline": a demand, as in
    "demanded $2.5 million" (not the deadline after it)."""
    from reconcile.claims import build_facts

    text = "The gang's opening demand, made in a call to Dariusz Holbeck on the Thursday evening, was for $1.5 million, with a 72-hour deadline."
    c = _figures(text)
    c.dates = ()
    money = [f for f in build_facts(c) if f.value.startswith("$")]
    assert money and money[0].measure.startswith("demanded")



def test_grounding_kidnap_census_and_doping_stories(settings):
    """tests/data/grounding-, kidnap-, census- and doping-story: written blind by helpers, kept as written; held out:
    their first run flagged 3 of 20 and reported one false contradiction. Sentences worded alike around a figure whose
    measure words name no event or metric ("valued at about €780m by the port authority" / "cargo worth an estimated
    €1.2bn, according to marine insurance sources") are a possible contradiction for review; a demand as the subject
    ("The gang's opening demand ... was for $1.5 million") measures its figure as "demanded $2.5 million" does; prize
    money is a metric, and "€186,400 he had earned in prize money" names that figure's metric, not the next one's
    ("contributing €15,000 to the costs"); a figure summed "across road and track cycling" is not the road's alone; the
    head of an investigation and a general manager are posts of one holder."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    gr = to_json(run([str(DATA / "grounding-story")], settings))
    assert _flagged(gr, "halvering", "valued at about €780m", "seaboard", "worth an estimated €1.2bn")
    assert frozenset(("23", "31")) in _contradictions(gr)  # the crew
    assert _flagged(gr, "national_ledger", "about 5.35am", "halvering", "at 4.20am")
    kd = to_json(run([str(DATA / "kidnap-story")], settings))
    assert _flagged(kd, "policing_today", "was for $1.5 million", "sunday_ledger", "demand for $2.5 million")
    assert frozenset(("Ruth Abernethy", "Colin Marsh")) in _contradictions(kd)  # who leads the investigation
    dp = to_json(run([str(DATA / "doping-story")], settings))
    assert frozenset(("186,400 EUR", "214,000 EUR")) in _contradictions(dp)
    assert frozenset(("Ruben Aldecott", "Stefan Holmgard")) in _contradictions(dp)  # the team's general manager
    assert not any("15,000 EUR" in pair for pair in _contradictions(dp))  # the costs, not prize money
    assert relation(dp, "peloton", "2,950 samples", "meridian", "2,310 samples") != "contradicts"


def test_worded_alike_needs_one_figure_of_its_kind_on_each_side():
    """"Just 96 millimetres of rain fell ..., against a long-term average of 234 mm" has two rainfalls, so its likeness to
    "July brought just 9mm of rain" says nothing about which figure is which: no possible contradiction from wording."""
    from reconcile.compare import _alone_of_its_kind
    from reconcile.models import Fact

    def fact(c, i):  # type: ignore[no-untyped-def]
        return Fact("quantity", "", "", (0, len(c.text)), c.text, "main:x", i, "")

    two = _figures("Just 96 millimetres of rain fell on Wendmoor between March and July, against a long-term average of 234 mm for the period.")
    one = _figures("The Aldera Crest's cargo has been valued at about €780m by the port authority, which said around 40 per cent of the boxes were due to be unloaded.")
    assert not _alone_of_its_kind(two, fact(two, 1))
    assert _alone_of_its_kind(one, fact(one, 0))  # a sum of money beside a percentage: the only sum


def test_pileup_airline_deduction_and_dambreach_stories(settings):
    """tests/data/pileup-, airline-, deduction- and dambreach-story: written blind by helpers, kept as written; held out:
    their first run flagged 2 of 20 and reported four false contradictions. A hope is an expectation ("said it hoped
    to reach 10,000 signatures" / "had passed 12,000"); a gap to a place in a table is a margin ("seven points adrift of
    safety"); what is left of a season falls as it is played ("with 11 matches of the season remaining"); a figure in a
    relative clause of a name the other sentence does not name is that party's ("above only Greyfield Rangers, who have
    18 points"); "Airport chief executive Martin Eckhardt" is the airport's (the corpus writes "airport" in lower case).
    A wire's own name in its dateline ("(MPA)", "Meridian Press Association") and its month ("Oct 16") are not names of
    the event, so the wire is grouped with the other reports of the dam breach and its figures are compared."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    pu = to_json(run([str(DATA / "pileup-story")], settings))
    assert frozenset(("2026-11-05", "2026-11-04")) in _contradictions(pu)
    assert relation(pu, "national_ledger", "hoped to reach 10,000", "wendmarsh", "passed 12,000") != "contradicts"
    al = to_json(run([str(DATA / "airline-story")], settings))
    assert not any("Martin Eckhardt" in pair for pair in _contradictions(al))
    # "appointed ... at 4.10am on Thursday, hours after talks over a £45m rescue deal broke down": the appointment's hour.
    assert frozenset(("01:30 unspecified zone", "04:10 unspecified zone")) in _contradictions(al)
    dd = to_json(run([str(DATA / "deduction-story")], settings))
    assert any(_flagged(dd, "meridian_news", "swallowed 84 per cent", other, "94 per cent") for other in ("vantmoor", "harcourt"))
    for pair in (("7", "12"), ("10", "11"), ("18", "22")):
        assert frozenset(pair) not in _contradictions(dd)
    db = to_json(run([str(DATA / "dambreach-story")], settings))
    assert _flagged(db, "national_chronicle", "plucked 52 people", "meridian_press", "rescued 37 people by boat")
    assert frozenset(("Ashcombe District Council", "Wenmoor Water")) in _contradictions(db)  # the reservoir's owner
    # A denial with an irregular participle: "No emergency alert was sent to mobile phones in the valley".
    assert _flagged(db, "water_infrastructure", "No emergency alert was sent", "meridian_press", "An emergency alert was sent")
    assert _flagged(pu, "national_ledger", "Nine lorries", "meridian_press", "including six lorries")
    assert frozenset(("Nigel Ormsby", "Alison Threlfall")) in _contradictions(pu)  # the senior coroner
    assert frozenset(("Martin Greaves KC", "Ruth Ellery KC")) in _contradictions(dd)  # the commission's chair
    assert _flagged(dd, "harcourt", "denied breaching the rules", "meridian_news", "admitted the breach")


def test_an_outlet_naming_itself_is_not_a_name_of_the_event():
    from reconcile.claims import _self_reference

    own = frozenset({"meridian", "press"})
    assert _self_reference("meridian press association", own, set())
    assert _self_reference("mpa", own, {"meridian press association"})
    assert _self_reference("oct", own, set())
    assert not _self_reference("meridian bank", own, set())  # a name that shares a word with the outlet
    assert not _self_reference("wenmoor", frozenset({"wenmoor", "weekly", "standard"}), set())  # the county the weekly is named after
    assert _self_reference("standard", frozenset({"wenmoor", "weekly", "standard"}), set())


def test_a_predicate_after_a_comma_and_a_subordinator_is_another_events():
    from reconcile.claims import predicate

    t = "The carrier appointed Holloway Brandt as administrator at 4.10am on Thursday, hours after talks over a rescue deal broke down."
    assert predicate(t, t.index("4.10am")) == "appointed"
    rain = "Data show that 212 millimetres of rain fell in the day before the slope failed."  # no comma: measured up to it
    assert predicate(rain, rain.index("212")) == "collapsed"


def test_a_recalled_date_dates_its_clause_and_those_after_it(settings):
    """"The airline's 27 aircraft are now grounded, ..., where Corvista accounted for 38 per cent of all flights in 2025":
    2025 is the 38 per cent's, not the fleet's; "memories of August 2011, when nine people died" keeps the nine in 2011."""
    from reconcile.pipeline import extract_corpus

    _, claims = extract_corpus([str(DATA / "airline-story")], settings)
    c = next(c for c in claims if "27 aircraft are now grounded" in c.text)
    events = {f.value: f.event for f in c.facts}
    assert events["27"].startswith("main:") and events["38 %"].startswith("bg:")
    _, claims = extract_corpus([str(DATA / "buscrash-story")], settings)
    c = next(c for c in claims if "revived memories of August 2011" in c.text)
    assert all(f.event.startswith("bg:") for f in c.facts if f.value == "9")


def test_a_denial_with_an_irregular_participle_is_checkable():
    from reconcile.extract import denies_a_deed

    assert denies_a_deed("No emergency alert was sent to mobile phones in the valley.")
    assert denies_a_deed("No ransom was paid, the family said.")
    assert not denies_a_deed("There was no comment from the company.")


def test_one_another_is_no_other_incident_and_a_count_of_one_noun_pairs_alike():
    """"... reconstructing the order in which they struck one another" describes no separate incident; "Nine lorries were
    among the vehicles involved" / "34 vehicles were involved, including six lorries" each count lorries once, so the
    two worded alike are a possible contradiction for review though the second has two counts."""
    from reconcile.compare import SEPARATE, _alone_counting
    from reconcile.models import Fact

    assert not SEPARATE.search("investigators reconstructed the order in which they struck one another")
    assert SEPARATE.search("In another incident, two people were hurt")

    def fact(counted):  # type: ignore[no-untyped-def]
        return Fact("quantity", "", "", (0, 1), "", "main:x", 0, counted)

    from types import SimpleNamespace
    a = SimpleNamespace(facts=(fact("lorry"),))
    b = SimpleNamespace(facts=(fact("vehicle"), fact("lorry")))
    assert _alone_counting(a, a.facts[0], b, b.facts[1])
    assert not _alone_counting(a, a.facts[0], SimpleNamespace(facts=(fact("lorry"), fact("lorry"))), fact("lorry"))


@pytest.mark.parametrize("text, state", [
    ("The six hostages still inside were brought out a few minutes later.", "held"),
    ("Three hostages were allowed to leave at about 13:50.", "released"),
    ("Five hostages were released at about 1.50pm.", "released"),
])
def test_hostages_held_and_released_are_two_states(text, state):
    from reconcile.compare import _state_of

    c = _figures(text)
    assert _state_of(c, c.quantities[0]) == state


def test_denied_against_admitted_by_one_party():
    """"Pellingford have denied breaching the rules throughout" / "Pellingford admitted the breach": one party denies what
    another article says it admitted. Another party, a pronoun, or another matter decides nothing."""
    from reconcile.compare import denied_and_admitted

    def c(text, f):  # type: ignore[no-untyped-def]
        from types import SimpleNamespace
        return SimpleNamespace(text=text, source_file=f)

    deny = c("Pellingford have denied breaching the rules throughout the process.", "a.txt")
    assert denied_and_admitted(deny, c("Pellingford admitted the breach but argued for a lighter sanction.", "b.txt"))
    assert not denied_and_admitted(deny, c("Ashcombe admitted the breach last year.", "b.txt"))  # another club
    assert not denied_and_admitted(deny, c("Pellingford admitted it had misjudged the mood of the fans.", "b.txt"))
    assert not denied_and_admitted(deny, c("It admitted the breach.", "b.txt"))


@pytest.mark.parametrize("text, maximum", [
    ("Fraud by abuse of position carries a maximum sentence of 10 years in prison.", True),
    ("The maximum sentence for fraud by abuse of position is 10 years.", True),
    ("The judge could have jailed her for up to ten years, the maximum for the offence.", True),
    ("He faces up to 14 years in prison if convicted.", True),
    ("That was within the legal maximum of four and a half hours of continuous driving.", True),
    ("Denise Marlowe, 56, was sentenced to seven years in prison on Wednesday.", False),
    ("Temperatures reached a maximum of 38 degrees on Tuesday.", False),  # a measured peak is the figure itself
    ("The maximum speed recorded was 140 km/h.", False),
])
def test_a_set_maximum_is_not_the_figure_itself(text, maximum):
    """A law's ceiling against a sentence passed ("carries a maximum sentence of 10 years" / "was sentenced to seven
    years"): two measures, at most a possible match, never a possible contradiction."""
    from types import SimpleNamespace

    from reconcile.compare import _maximum, doubtful_same_measure
    from reconcile.models import Fact

    c = _figures(text)
    q = next(q for q in c.quantities if q.dimension in ("time", "speed", "temperature") or q.unit != "dimensionless")
    assert bool(_maximum(c, q)) is maximum
    passed = _figures("Denise Marlowe was jailed for seven years on Wednesday.")
    fact = lambda c, q: Fact("quantity", q.text, "sentenced", (0, len(c.text)), c.text, "main:x", c.quantities.index(q), "")  # noqa: E731
    fa, fb = fact(c, q), fact(passed, passed.quantities[0])
    doubt = doubtful_same_measure(SimpleNamespace(**vars(c), dates=[]), fa, SimpleNamespace(**vars(passed), dates=[]), fb)
    assert ("set maximum" in doubt) is (maximum and q.dimension == "time")


@pytest.mark.parametrize("text, noun", [
    ("about 38,000 homes in Brackenford", "household"),
    ("covers 38,000 households in Brackenford", "household"),
    ("Corvista's 27 jets were grounded", "aircraft"),
    ("a fleet of 34 aircraft", "aircraft"),
    ("300 pupils were sent home", "student"),
    ("12 lorries were involved", "lorry"),  # no synonym: its own noun
])
def test_nouns_news_writes_for_one_another_count_one_thing(text, noun):
    m = re.search(r"\d[\d,]*", text)
    assert m and counted_noun(text, m.end()) == noun


@pytest.mark.parametrize("text, unit", [
    ("customers would receive £250 for each household under the notice", "household"),
    ("she announced a £150 payment to every household covered by the notice", "household"),
    ("Compensation of a hundred and fifty pounds per household will be credited to bills", "household"),
    ("businesses will be offered £500 each", ""),
    ("the council spent £150m to build a bridge", ""),
])
def test_an_amount_for_each_of_something(text, unit):
    """"£250 for each household" / "a £150 payment to every household": an amount per household is one measure, however
    the words around it differ, so the two are compared."""
    from reconcile.compare import _per_unit_of

    c = _figures(text)
    assert _per_unit_of(c, c.quantities[0]) == unit


def test_dateline_words_passives_margins_and_sums_over_parts():
    from types import SimpleNamespace

    from reconcile.claims import metric, opens_sentence
    from reconcile.compare import COMBINED, SPEAKER_AFTER, _margin, _participants
    from reconcile.models import Entity

    text = "BRACKENFORD, Fellshire, March 9 (NPA) - Around 58,000 households in Brackenford have been told to boil their water."
    assert opens_sentence(text, text.index("Around")) and not opens_sentence(text, text.index("Brackenford have"))
    ents = [Entity(w, w.lower(), "name", text.index(w), text.index(w) + len(w)) for w in ("Around", "Brackenford")]
    c = SimpleNamespace(text=text, entities=ents, attribution=SimpleNamespace(who=""))
    # A dateline's "Around" is no name; households that "have been told" are no speaker.
    assert _participants(c, frozenset()) == {"brackenford"}  # type: ignore[arg-type]
    assert not SPEAKER_AFTER.match(" have been told to boil") and SPEAKER_AFTER.match(" told reporters")
    figure = _figures("The commission found that the losses exceeded the permitted limit of £38m by £14.4m.")
    assert [bool(_margin(figure, q)) for q in figure.quantities if q.dimension == "currency"] == [False, True]
    assert COMBINED.search("About 1,800 jobs are expected to go across the two companies")
    bribe = "Harbourline Estates channelled €1.8 million in bribes to Brenner"
    assert metric(bribe, bribe.index("€"), bribe.index(" in bribes"), 0) == "bribes"


def test_cave_rescue_boil_water_bribery_and_stage_crash_stories(settings):
    """tests/data/caverescue-, boilwater-, bribery- and stagecrash-story: written blind by helpers, kept as written; held
    out: their first run flagged 7 of 20 and reported no false contradiction. An amount for each household is one measure
    however it is worded ("£250 for each household under the notice" / "a £150 payment to every household covered by the
    notice"), and a law's maximum is not a sentence passed (the fraud trial's "carries a maximum sentence of 10 years")."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = {s: to_json(run([str(DATA / f"{s}-story")], settings)) for s in ("caverescue", "boilwater", "bribery", "stagecrash", "fraudtrial")}
    assert _contradictions(js["caverescue"]) == {frozenset(("about 800 m", "about 1.20 km"))}
    assert _contradictions(js["bribery"]) == {frozenset(("3", "4"))}  # people arrested
    assert _contradictions(js["stagecrash"]) == {frozenset(("11", "6")), frozenset(("12,000 EUR", "20,000 EUR"))}
    assert _contradictions(js["boilwater"]) == set()
    assert _flagged(js["boilwater"], "water_utilities", "£150 payment to every household", "national_chronicle", "£250 for each household")
    assert _flagged(js["caverescue"], "descent_line", "No weather warning", "northmoor_press", "amber")
    # The developer's company, given after a post ("Elias Kovner, the founder of Harbourline Estates" / "Elias Kovner,
    # founder and chief executive of Harbourgate Developments"), and the stage winner's team (the names check: one
    # person, two sides).
    assert _flagged(js["bribery"], "varnholm_evening_post", "the founder of Harbourline Estates", "cpa_wire", "Harbourgate Developments")
    assert _flagged(js["stagecrash"], "continental_press", "Ruben Aastveit of Velosta-Krim", "lindmere", "Ruben Aastveit of Solenne")
    fraud = js["fraudtrial"]
    assert not _flagged(fraud, "public_finance", "sentenced to seven years", "kellingford", "maximum sentence of 10 years")
    assert not _flagged(fraud, "public_finance", "jailed for three years", "westmarsh", "The maximum sentence")


@pytest.mark.parametrize("text, shown, low, high", [
    ("Finance Minister Tomas Reiner presented a 2026-27 budget.", "2026-27", "2026-07-01", "2027-06-30"),
    ("the three seasons to 2024-25", "2024-25", "2024-07-01", "2025-06-30"),
    ("in the 2025/26 season", "2025-26", "2025-07-01", "2026-06-30"),
    ("a deficit of 2.9% of GDP in the coming fiscal year", "2026-27", "2026-07-01", "2027-06-30"),
    ("from 3.4 per cent in the current fiscal year", "2025-26", "2025-07-01", "2026-06-30"),
    ("the report 2026-03 was filed", "2026", "2026-01-01", "2026-12-31"),  # not a year and the next
])
def test_a_financial_year_or_season_across_two_years(text, shown, low, high):
    """"the 2026-27 budget" is twelve months across the turn of the year (taken July to June, so two consecutive ones do
    not overlap), not 2026; "the coming fiscal year" is counted from publication."""
    got = extract_dates(text, date(2026, 5, 13))[0]
    assert [(d.display, d.low, d.high) for d in got] == [(shown, low, high)]


def test_dates_that_name_which_one_deadlines_and_adjacent_metrics():
    from types import SimpleNamespace

    from reconcile.claims import metric
    from reconcile.compare import DEADLINE_BEFORE, _date_of_value, _dated_noun

    def dated(text):  # type: ignore[no-untyped-def]
        c = SimpleNamespace(text=text, dates=extract_dates(text, date(2026, 5, 13))[0])
        return c, c.dates[0]

    assert _dated_noun(*dated("The National Assembly approved the 2026-27 budget on Wednesday.")) == "budget"
    assert _dated_noun(*dated("A year ago, Reiner's 2025-26 budget forecast growth of 2.1%.")) == "budget"
    assert _dated_noun(*dated("In 2024 prices rose.")) == ""
    text = "The regulator ordered the exchange to submit a report on the outage by Friday 13 March."
    c, d = dated(text)
    assert DEADLINE_BEFORE.search(text, max(0, d.start - 30), d.start)
    head = "Estovia's Reiner cuts corporate tax, targets 2.9% deficit in 2026-27 budget"
    assert metric(head, head.index("2.9%"), head.index("2.9%") + 4, 0) == "deficit"  # not the corporate tax before it
    share = "The deficit is forecast to narrow to 2.9 per cent of gross domestic product, from 3.4 per cent"
    assert metric(share, share.index("3.4"), share.index("3.4") + 12, 0) == "deficit"  # a share of GDP is no growth
    op = "Underlying operating profit collapsed to €21m"
    assert metric(op, op.index("€21m"), op.index("€21m") + 4, 0) == "operating profit"
    pre = "Pre-tax profit fell to £310m"
    assert metric(pre, pre.index("£310m"), pre.index("£310m") + 5, 0) == "profit"  # a headline's "profit" is this one
    goal = _figures("The government is aiming for a deficit of 2.9% of GDP in the coming fiscal year.")
    goal.dates = extract_dates(goal.text, date(2026, 5, 13))[0]
    assert _date_of_value(goal, goal.quantities[0]).display == "2026-27"


@pytest.mark.parametrize("text, part", [
    ("In the Brennholm capital region alone, Yes took 61.3 per cent on a turnout of 76 per cent.", True),
    ("In Halvstad itself the No vote was slightly lower, at 54.9 per cent.", True),
    ("Provisional turnout was 70.9 per cent of the 5.42 million registered voters.", False),
])
def test_a_part_alone_named_with_its_kind(text, part):
    from reconcile.compare import PART_ALONE

    assert bool(PART_ALONE.search(text)) is part


def test_a_part_of_a_possessive_whole_and_one_party_s_deed():
    from types import SimpleNamespace

    from reconcile.compare import WHOLE_BEFORE, _deed
    from reconcile.extract import extract_entities

    text = "Six of the country's 11 regions voted No."
    assert counted_noun(text, text.index(" of")) == "region" and WHOLE_BEFORE.search(text[: text.index("11")])
    for t in ("Brankovan was guaranteed $4.5 million for the defence.", "Brankovan was guaranteed six and a half million dollars."):
        c = SimpleNamespace(text=t, entities=extract_entities(t))
        assert _deed(c, _figures(t).quantities[0]) == ("brankovan", "guaranteed")
    said = SimpleNamespace(text="Acme Corp said 300 jobs would go.", entities=extract_entities("Acme Corp said 300 jobs would go."))
    assert _deed(said, _figures(said.text).quantities[0]) is None  # a saying is no deed of the figure
    # All of them against some of them: "All five of the group's hospitals" / "at three of the group's hospitals".
    from reconcile.compare import doubtful_same_measure
    from reconcile.models import Fact

    def counted(t):  # type: ignore[no-untyped-def]
        c = _figures(t)
        q = c.quantities[0]
        return SimpleNamespace(**vars(c), dates=[], facts=()), Fact("quantity", q.text, "", (0, len(t)), t, "main:x", 0, counted_noun(t, q.end))

    some, every = counted("Reporters spoke to staff at three of the group's hospitals."), counted("All five of the group's hospitals were affected.")
    assert "all of them" in doubtful_same_measure(*some, *every)
    six, eight = counted("Six of the train's carriages derailed."), counted("Eight carriages derailed, the fire service said.")
    assert "all of them" not in doubtful_same_measure(*six, *eight)


def test_exchange_halt_referendum_title_fight_and_maternity_stories(settings):
    """tests/data/exchangehalt-, referendum-, titlefight- and maternity-story: written blind by helpers, kept as written;
    held out: their first run flagged 3 of 20 and reported eleven false contradictions, ten of them in the referendum
    story (an earlier referendum's turnout and regions told over three sentences, regional figures against national ones,
    the whole of "four of the country's 11 regions" against its part), one a deadline against the day of the event."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = {s: to_json(run([str(DATA / f"{s}-story")], settings)) for s in ("exchangehalt", "referendum", "titlefight", "maternity")}
    assert _contradictions(js["exchangehalt"]) == set()
    rf = js["referendum"]
    assert frozenset(("4", "6")) in _contradictions(rf) and frozenset(("50.80 %", "51.80 %")) in _contradictions(rf)
    for pair in (("71.40 %", "58.90 %"), ("76 %", "66.30 %"), ("11", "4"), ("7", "6"), ("54.90 %", "58.20 %"), ("70.90 %", "76 %")):
        assert frozenset(pair) not in _contradictions(rf)
    assert frozenset(("$4.5 million", "$6.5 million")) in _contradictions(js["titlefight"])  # the champion's purse
    # A report's finding is no toll still rising: "an independent review concluded that the deaths of 47 babies" (11 March)
    # / "Dame Helen Ashcombe's panel concluded that 64 babies died" (14 March) disagree.
    assert _flagged(js["maternity"], "ravensmoor", "deaths of 47 babies", "daily_courant", "concluded that 64 babies")


def test_a_former_post_is_a_change_only_against_the_post_held():
    """"the former senator Augustin Brell" reports no change against a sentence that gives him no post as current
    (another article's "the Halvstad-born former senator"); against "Senator Augustin Brell" it does."""
    from types import SimpleNamespace

    from reconcile.compare import _held_before
    from reconcile.extract import extract_entities

    def c(t):  # type: ignore[no-untyped-def]
        return SimpleNamespace(text=t, entities=extract_entities(t))

    later = c("Its leader, the former senator Augustin Brell, said on Wednesday that his lawyers were studying it.")
    assert not _held_before(later, c("Augustin Brell, the Halvstad-born former senator, conceded defeat on Monday."), "augustin brell")
    assert _held_before(later, c("Senator Augustin Brell said he would fight on."), "augustin brell")


def test_sinkhole_prison_riot_insolvency_and_yacht_race_stories(settings):
    """tests/data/sinkhole-, prisonriot-, insolvency- and yachtrace-story: written blind by helpers, kept as written; held
    out: their first run flagged 7 of 20 and reported four false contradictions (running totals "By Monday morning" / "By
    Tuesday evening", an earlier race's starters told in a "That year" sentence, and a first offer against the final one
    twice)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = {s: to_json(run([str(DATA / f"{s}-story")], settings)) for s in ("sinkhole", "prisonriot", "insolvency", "yachtrace")}
    yr = _contradictions(js["yachtrace"])
    # A named crew's size whatever is said of it ("crew of 12 were plucked from a liferaft" / "All nine crew members": for
    # review, the sentences are linked at the possible tier); the capsize "at around 4.15 a.m." against "at about 2.40am"
    # ("around" names no measure).
    assert _flagged(js["yachtrace"], "northmark", "crew of 12 were plucked", "meridian", "All nine crew members")
    assert frozenset(("04:15 unspecified zone", "02:40 unspecified zone")) in yr
    assert frozenset(("48", "44")) not in yr  # "That year 31 of the 44 starters retired": the 2012 race
    pr = _contradictions(js["prisonriot"])
    assert frozenset(("6 hour", "11 hour")) in pr  # "the six-hour stand-off" / "the 11-hour siege"
    assert frozenset(("Monday", "Tuesday")) not in pr  # "By Monday morning, 34 prisoners had been transferred"
    ins = _contradictions(js["insolvency"])
    assert frozenset(("about 38 million GBP", "46 million GBP")) in ins  # "owes about £38m to suppliers" / "Suppliers are owed £46m"
    assert not [p for p in ins if p & {"70 million GBP", "about 55 million GBP"}]  # the first offer and the final one
    assert [f for f in js["insolvency"]["findings"] if f["possible_contradiction"] and {f["a"]["value"], f["b"]["value"]}
            == {"Kestrel Bay Capital", "Harrier Point Capital"}]  # "the investment firm run by ... Lorcan Faraday"
    sk = js["sinkhole"]
    assert frozenset(("Hester Vane", "Helen Crane")) in _contradictions(sk)  # "chaired by" / "would be led by": the inquiry's chair
    # "£750,000 hardship fund" / "a £1.5m hardship fund ... the day after the collapse" (no collapse measured), and "had
    # received no reports of a leak" / "had received two reports of a suspected leak, on 24 and 29 September".
    assert _flagged(sk, "brannock", "open a £750,000 hardship fund", "ashmoor", "£1.5m hardship fund")
    assert _flagged(sk, "national_ledger", "received no reports of a leak", "civil_works", "received two reports")


def test_predicates_and_parts_told_around_a_figure():
    from reconcile.claims import ZERO_COUNT, predicate
    from reconcile.compare import AS_OF_BEFORE, OTHER_PARTY_SHARE, PART_OF_TOTAL, PERFECT, SEPARATE

    # An event named after the figure only to date it is not what the figure measures; nor one after another figure and a comma.
    fund = "The council set up a £1.5m hardship fund for displaced residents the day after the collapse"
    assert predicate(fund, fund.index("£")) == ""
    siege = "By the time the 11-hour siege was over, nine officers had been injured"
    assert predicate(siege, siege.index("11"), [siege.index("nine")]) == ""
    assert predicate(siege, siege.index("nine")) == "injured"
    assert PART_OF_TOTAL.match(" of that total, with the rest owed to airports") and not PART_OF_TOTAL.match(" of them were children")
    assert OTHER_PARTY_SHARE.fullmatch(" prisoners and Velsenia free ") and not OTHER_PARTY_SHARE.fullmatch(" derailed, and two of them ")
    by = "By Monday morning, 34 prisoners had been transferred to other jails"
    assert AS_OF_BEFORE.search(by, 0, by.index("Monday")) and PERFECT.search(by)
    assert [m.group("z") for m in ZERO_COUNT.finditer("it had received no reports of a leak; police have made no arrests")] == ["no reports", "no arrests"]
    assert not SEPARATE.search("the Directorate had another crisis on its hands") and SEPARATE.search("another blast hit the town")


def test_names_of_a_firm_s_person_and_an_inquiry_s_chair():
    from types import SimpleNamespace

    from reconcile.names import CHAIRED_BY, affiliations

    for text in ("That inquiry is chaired by ", "an independent inquiry into the collapse would be led by ",
                 "The independent inquiry, chaired by the geotechnical engineer "):
        assert CHAIRED_BY.search(text), text
    c = SimpleNamespace(text="Harrier Point Capital, the investment firm run by the retail entrepreneur Lorcan Faraday, is preparing a bid.")
    assert [(p, side) for p, _, side, _ in affiliations(c)] == [("lorcan faraday", "Harrier Point Capital")]  # type: ignore[arg-type]


def test_drone_closure_food_festival_stage_race_and_chip_plant_stories(settings):
    """tests/data/droneclosure-, foodfest-, stagerace- and chipplant-story: written blind by helpers, kept as written;
    held out: their first run flagged 10 of 20 and reported eight contradictions beyond them, six of them false (the
    regulator's chief executive against the airport's, a runway reopened on Saturday and closed again against its
    reopening on Sunday, an arrest against a release, and a petition's signatures rising over a week, twice). The arrest's
    day against the release's ("The two people arrested, ..., were released without charge a week ago") is still reported:
    see the README's misses of the twelfth round."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = {s: to_json(run([str(DATA / f"{s}-story")], settings)) for s in ("droneclosure", "foodfest", "stagerace", "chipplant")}
    dc = _contradictions(js["droneclosure"])
    assert not [p for p in dc if "Owen Petrakis" in p]  # "CASD chief executive Dr Owen Petrakis": another body's post
    assert frozenset(("Sunday", "Saturday")) not in dc  # "reopened ... on Saturday but closed again" / "finally reopened ... on Sunday"
    assert frozenset(("Gail Ormerod", "Neil Corran")) in dc  # the wire calls the operations director chief executive
    assert _flagged(js["droneclosure"], "meridian", "Neil Corran, the airport's chief executive", "airops", "Neil Corran, the airport's operations director")
    cp = js["chipplant"]
    assert not [p for p in _contradictions(cp) if p & {"9,600", "4,200"}]  # "had risen to 9,600" ... "has passed 15,000"
    assert _flagged(cp, "fabline", "Finance chief Marcus Oduya", "national_ledger", "Veltrane's chief operating officer")
    # Held out and found as first run: riders taken to hospital, the stalls, the hardship fund.
    assert frozenset(("7", "12")) in _contradictions(js["stagerace"])
    assert {frozenset(("46", "64")), frozenset(("15,000 GBP", "50,000 GBP"))} <= _contradictions(js["foodfest"])


def test_owners_of_a_post_deeds_done_again_and_officer_posts():
    from types import SimpleNamespace

    from reconcile.compare import REVISION
    from reconcile.extract import extract_quantities
    from reconcile.moments import AGAIN
    from reconcile.names import officer_posts, role_owner

    def c(t):  # type: ignore[no-untyped-def]
        return SimpleNamespace(text=t)

    assert role_owner(c('"It is real," CASD chief executive Dr Owen Petrakis said.'), "Owen Petrakis", "chief executive") == "casd"
    assert role_owner(c("Gail Ormerod, the airport's chief executive, apologised."), "Gail Ormerod", "chief executive") == "the airport"
    assert role_owner(c("Chief executive Daniel Ferrers told analysts."), "Daniel Ferrers", "chief executive") == ""
    assert AGAIN.search("The runway was reopened at 9.15am on Saturday but closed again at 10.05am.")
    assert REVISION.search("The petition has passed 15,000 signatures")
    assert [(q.text, q.unit) for q in extract_quantities("Veltrane's €7.2 billion fab in Harrowmere", [], 0.1)] == [("€7.2 billion", "EUR")]
    from reconcile.extract import extract_entities

    oduya = "Finance chief Marcus Oduya told analysts on a call last week."
    claim = SimpleNamespace(text=oduya, entities=extract_entities(oduya))
    assert [(p, post) for p, post, _ in officer_posts(claim)] == [("marcus oduya", "chief financial officer")]  # type: ignore[arg-type]


def test_clauses_that_tell_of_another_time_or_another_deed():
    from types import SimpleNamespace

    from reconcile.claims import THAT_TIME, build_facts, place_facts, predicate
    from reconcile.compare import REVISION
    from reconcile.extract import extract_dates, extract_quantities
    from reconcile.names import marked_roles
    from reconcile.extract import extract_entities

    # "pleaded guilty ..., admitting that it had discharged ... between 2021 and 2023": the years are the discharges'.
    plea = "Vellmoor pleaded guilty to nine offences, admitting that it had discharged sewage 212 times between 2021 and 2023."
    assert predicate(plea, plea.index("between")) == ""
    assert predicate("Police said that 12 people were killed on Monday.", 40) == "killed"
    assert THAT_TIME.search("It was fined £3.6 million, and about 900 fish died in that incident.")
    assert REVISION.search("a petition rose to more than 48,000 signatures by Friday")
    assert predicate("The longest of the discharges went on for 11 days.", 40) == "lasted"
    judge = "Judge Helen Ashdown, sitting at Kestlebury Crown Court, said the company had shown disregard."
    claim = SimpleNamespace(text=judge, entities=extract_entities(judge))
    assert [(r, n) for r, n, _, _ in marked_roles(claim)] == [("judge", "helen ashdown")]  # type: ignore[arg-type]
    # A recalled date after the figure with another figure between dates that one, not the first.
    text = "Turnout was 46.1 per cent, though below the 52.7 per cent recorded when Conrad Mallory won in May 2024."
    dates, spans = extract_dates(text, date(2026, 10, 10))
    c = SimpleNamespace(text=text, dates=tuple(dates), quantities=tuple(extract_quantities(text, spans, 0.1)), attributes=(),
                        entities=tuple(extract_entities(text)))
    facts = build_facts(c)  # type: ignore[arg-type]
    placed = place_facts(SimpleNamespace(text=text, dates=c.dates, quantities=c.quantities, facts=facts, entities=c.entities),  # type: ignore[arg-type]
                         "main:x", "2026-08-01")
    assert [(f.value, f.event.startswith("main:")) for f in placed if f.kind == "quantity"] == [("46.10 %", True), ("52.70 %", False)]


def test_by_election_gas_blast_club_sale_and_sewage_fine_stories(settings):
    """tests/data/byelection-, gasblast-, clubsale- and sewagefine-story: written blind by helpers, kept as written; held
    out: their first run flagged 9 of 20 and reported five contradictions beyond them, four of them false (an earlier
    by-election's June read as this year's, an earlier case's fish deaths "in that incident", the years of the offences
    against the day of the plea, and a petition that "rose to" more signatures)."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = {s: to_json(run([str(DATA / f"{s}-story")], settings)) for s in ("byelection", "gasblast", "clubsale", "sewagefine")}
    sf = _contradictions(js["sewagefine"])
    assert {frozenset(("Helen Marchbank", "Helen Ashdown")), frozenset(("19 day", "11 day"))} <= sf  # "Judge ...", "went on for"
    assert not [p for p in sf if p & {"about 900", "2021–2023", "31,000"}]
    by = _contradictions(js["byelection"])
    assert frozenset(("40.30 %", "46.10 %")) in by  # (its sentence's "May 2024" dates the 52.7 per cent after it, not the 46.1)
    assert frozenset(("2011-06", "2026-06")) not in by  # "In March 2011, ... the by-election that followed in June"
    assert frozenset(("85 %", "75 %")) in _contradictions(js["clubsale"])
    # The blast's time and the council's fund ("£250,000" / "a quarter of a million pounds" against £400,000).
    assert {frozenset(("02:40 unspecified zone", "04:10 unspecified zone")), frozenset(("400,000 GBP", "250,000 GBP"))} <= _contradictions(js["gasblast"])


def test_chemleak_runway_whales_and_golf_stories(settings):
    """tests/data/chemleak-, runway-, whales- and golf-story: round fourteen, written blind by helpers and kept as written
    (answer keys in tests/blind-keys/). As first run they gave 3 of 20 planted contradictions and 9 false ones; each fix
    is a general rule: an undated sentence that opens on the place only the earlier event the sentence before recalls
    is named by ("... the release at Halvern Chemicals' Saltings plant in Daneport on 2 March 2025 ... At Daneport, about
    640 residents were evacuated ...") goes on about that event; those treated in hospital are a running count; a figure
    asked for ("would ask councillors to set aside up to £150,000", "the 5,200 night flights the airport had asked for")
    is not what was granted or done; a name's sentence-final full stop is no part of it ("owners, Calloway Infrastructure
    Partners."); "Corrick's managing director" and "managing director of Corrick Chemicals" are one firm's post; two
    closely alike sentences that date one deed to days under a fortnight apart are listed for review."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "chemleak-story")], settings))
    assert _contradictions(js) == {frozenset(("Patricia Lennox", "Patricia Renshaw"))}
    assert relation(js, "meridian", "Eleven people had been treated", "northern", "Forty-three people have been treated") == "updates"
    assert not _flagged(js, "process", "At Daneport, about 640 residents", "hollinsford", "27 people had now been treated")

    js = to_json(run([str(DATA / "runway-story")], settings))
    assert _contradictions(js) == {frozenset(("39", "29"))}
    assert _flagged(js, "ellerby", "on Tuesday 14 April", "airport_business", "granted planning permission on 16 April")
    assert not _flagged(js, "ellerby", "set aside up to £250,000", "brackenford", "set aside up to £150,000")
    assert not _flagged(js, "meridian", "the 5,200 night flights", "brackenford", "around 2,900 night flights")

    js = to_json(run([str(DATA / "whales-story")], settings))
    assert _contradictions(js) == {frozenset(("Fiona Ruskin", "Fiona Rushton")), frozenset(("05:40 unspecified zone", "07:40 unspecified zone"))}
    js = to_json(run([str(DATA / "golf-story")], settings))
    assert _contradictions(js) == set()  # (its five planted ones are still missed: worded too differently)


def test_a_quote_both_deny_and_an_age_across_days(settings):
    """The same quote in two articles ("we lost our church, but we did not lose Wrenfield") is agreement, not a denial
    of the other's "lost"; a man's age is one fact on the day of his arrest and of his court appearance."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "tornado-story")], settings))
    assert relation(js, "d_", "but we did not lose Wrenfield", "a_", "but we did not lose Wrenfield") == "corroborates"
    js = to_json(run([str(DATA / "heist-story")], settings))
    assert relation(js, "c_", "Darren Kilbride, 43", "e_", "Darren Kilbride, 34") == "contradicts"


def test_modal_verbs_and_pronouns_name_no_measure():
    """"The £1.8bn project will be funded" is measured by "project funded", "The £580,000 he collected" by "collected"."""
    from reconcile.claims import content_words

    assert content_words("The project will be funded, and he collected what they could") == ["project", "funded", "collected", "what"]


def test_horserace_leadership_hoard_and_libel_stories(settings):
    """tests/data/horserace-, leadership-, hoard- and libel-story: round fifteen, written blind by helpers and kept as
    written (answer keys in tests/blind-keys/). As first run they gave 7 of 20 planted contradictions and 5 false ones;
    each fix is a general rule: one region's figure of a breakdown ("Turnout was highest in the Brennholt region, where
    76.8 per cent of members voted") is a part; "Turnout then was 64.2 per cent" goes on about the earlier contest the
    sentence before recalls; "Mrs Justice Catherine Elphick" holds the post of judge, and a possessive is no part of a
    name ("Mrs Justice Catherine Ellwood's judgment"); one verb right before two clock times of one event ("went off at
    4.15pm" / "was off at 5.15pm") is worth a review; a later article that gives an earlier article's count too ("the
    figure was 548", then 561) reports a later stage of it."""
    from reconcile.pipeline import run
    from reconcile.report import to_json

    js = to_json(run([str(DATA / "leadership-story")], settings))
    assert _contradictions(js) == {frozenset(("48,306", "43,806"))}
    assert not _flagged(js, "brennholt", "Turnout was highest in the Brennholt region", "meridian", "A total of 48,306 members")
    assert not _flagged(js, "ostervik", "Turnout then was 64.2 per cent", "meridian", "A total of 48,306 members")

    js = to_json(run([str(DATA / "libel-story")], settings))
    assert _contradictions(js) == {frozenset(("Catherine Elphick", "Catherine Ellwood"))}

    js = to_json(run([str(DATA / "horserace-story")], settings))
    assert _flagged(js, "halsey", "The race went off at 4.15pm", "meridian", "The race was off at 5.15pm")

    js = to_json(run([str(DATA / "hoard-story")], settings))
    assert _contradictions(js) == set()
    assert relation(js, "coin_and", "ended on Thursday with 548 coins", "daily_sentinel", "A hoard of 561 silver coins") == "updates"
