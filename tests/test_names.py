"""Names as values (`reconcile.names`): a quote given to two speakers, a role given to two names."""

from __future__ import annotations

import pytest

from reconcile.extract import extract_entities
from reconcile.models import Attribution, Claim
from reconcile.names import name_findings, roles, speaker, QUOTE
from reconcile.pipeline import extract_corpus

from conftest import DATA


def _claim(text: str, source: str = "a.txt", story: str = "main:x", line: int = 1) -> Claim:
    return Claim(f"{source}:{line}", source, line, text, 0, len(text), line, True, Attribution("", "", "article"), source,
                 False, "", entities=tuple(extract_entities(text)), story=story)


@pytest.mark.parametrize("text, role, name", [
    ("Chief financial officer Daniel Okafor said the company would grow.", "chief financial officer", "daniel okafor"),
    ("Corrib Air chief executive Fionnuala Desmond said in a statement.", "chief executive", "fionnuala desmond"),
    ("The firm, whose chief executive Jane Roe quit, said nothing.", "chief executive", "jane roe"),
    ("Dr Miriam Okafor, director of public health for Pellingham City Council, told reporters.", "director of public health", "miriam okafor"),
    ("Former chief executive John Smith said he was sorry.", "former chief executive", "john smith"),
])
def test_roles_are_read_before_and_after_the_name(text, role, name):
    assert (role, name) in [(r, n) for r, n, _ in roles(_claim(text))]


def test_a_sentence_without_a_role_gives_none():
    assert roles(_claim("Fionnuala Desmond said the airline was sorry.")) == []


@pytest.mark.parametrize("text, who", [
    ('"This outbreak is entirely preventable, and every parent should act," said Dr Thomas Reilly, a consultant.', "thomas reilly"),
    ('"This outbreak is entirely preventable, and every parent should act," Dr Miriam Okafor, director of public health, told reporters.', "miriam okafor"),
    ('"We will rebuild every single home that was lost here," Mayor Ana Ruiz said on Monday.', "ana ruiz"),
])
def test_the_speaker_stands_next_to_a_verb_of_saying(text, who):
    c = _claim(text)
    got = speaker(c, list(QUOTE.finditer(c.text)))
    assert got is not None and got[0] == who


def test_two_people_outside_the_quote_leave_the_speaker_unknown():
    c = _claim('"We will rebuild every single home that was lost here," Ana Ruiz said, and John Smith said the same.')
    assert speaker(c, list(QUOTE.finditer(c.text))) is None


def test_a_quote_given_to_two_speakers_is_a_contradiction():
    q = '"We will rebuild every single home that was lost in this fire,"'
    a = _claim(f"{q} Mayor Ana Ruiz said on Monday.", "a.txt")
    b = _claim(f"{q} said Governor Tom Hale, visiting the town.", "b.txt")
    c = _claim(f"{q} Ana Ruiz told reporters.", "c.txt")  # the same speaker: agreement, not a finding
    got = name_findings([a, b, c], [], {})
    assert {(f.a.source_file, f.a.value, f.b.source_file, f.b.value) for f in got} == {
        ("a.txt", "Ana Ruiz", "b.txt", "Tom Hale"), ("b.txt", "Tom Hale", "c.txt", "Ana Ruiz")}
    f = got[0]
    assert f.relation == "contradicts" and "attributed to Ana Ruiz in a.txt and to Tom Hale in b.txt" in f.reason


def test_a_shorter_part_of_the_quote_still_counts_but_other_stories_do_not():
    a = _claim('"We will rebuild every single home that was lost in this fire, and we will do it fast," Ana Ruiz said.', "a.txt")
    b = _claim('"We will rebuild every single home that was lost in this fire," said Tom Hale.', "b.txt")
    other = _claim('"We will rebuild every single home that was lost in this fire," said Tom Hale.', "c.txt", story="main:y")
    assert len(name_findings([a, b], [], {})) == 1
    assert name_findings([a, other], [], {}) == []


def test_a_role_with_two_names_that_share_a_word_is_a_contradiction():
    a = _claim("Chief executive Fionnuala Desmond apologised to passengers.", "a.txt")
    b = _claim("The airline will pay €150 each, chief executive Fionnuala Dempsey announced.", "b.txt")
    got = name_findings([a, b], [], {})
    assert [(f.relation, f.a.value, f.b.value, f.measure) for f in got] == [("contradicts", "Fionnuala Desmond", "Fionnuala Dempsey", "chief executive")]


@pytest.mark.parametrize("b_text", [
    "Chief executive Pieter Vos of the supplier said it was investigating.",  # no shared word: maybe another company's
    "Former chief executive Fionnuala Dempsey said she was saddened.",  # another post
])
def test_different_people_in_a_role_are_left_alone(b_text):
    a = _claim("Chief executive Fionnuala Desmond apologised to passengers.", "a.txt")
    assert name_findings([a, _claim(b_text, "b.txt")], [], {}) == []


def test_names_one_article_uses_side_by_side_are_two_people():
    a = _claim("Chief executive Mark Kelly said the launch would go ahead.", "a.txt")
    b = _claim("Chief executive Scott Kelly said the launch would go ahead.", "b.txt")
    both = _claim("Mark Kelly and Scott Kelly are twins.", "c.txt")
    assert name_findings([a, b], [], {}) and not name_findings([a, b, both], [], {})


def test_the_test_stories_name_discrepancies(settings):
    """The outage story's chief executive (Desmond in four outlets, Dempsey in one) and the outbreak story's quote
    given to Dr Okafor in one outlet and to Dr Reilly in another; no other corpus here has one. (Ages are left
    out here: without the matcher's findings, the trial story's 43 vs 34, which the matcher finds, is found
    again.)"""
    corpus, claims = extract_corpus([str(DATA / "outage-story")], settings)
    got = name_findings(claims, corpus.sources, {})
    assert {(f.a.value, f.b.value) for f in got} == {("Fionnuala Desmond", "Fionnuala Dempsey")}
    assert {f.a.source_file for f in got} == {"a_meridianwire.txt", "b_dublinledger.txt", "c_atlanticbusiness.txt", "d_skylineaviation.txt"}
    corpus, claims = extract_corpus([str(DATA / "outbreak-story")], settings)
    got = name_findings(claims, corpus.sources, {})
    assert [(f.a.value, f.b.value) for f in got] == [("Miriam Okafor", "Thomas Reilly")]
    for name in ("airstrike-yida", "offer-teixeira", "cupfinal-story", "resignation-story", "trial-story"):
        corpus, claims = extract_corpus([str(DATA / name)], settings)
        assert [f for f in name_findings(claims, corpus.sources, {}) if f.measure != "age"] == [], name


@pytest.mark.parametrize("text, start_word, who", [
    ("Tomas Rehak, 41, was freed on Tuesday.", "41", "tomas rehak"),
    ("The 44-year-old Tomas Rehak walked off the plane.", "44-year-old", "tomas rehak"),
    ("Police held a 41-year-old man from Breda on Wednesday.", "41-year-old", "man from breda"),
    ("Katrin Albers, the 61-year-old chief executive, faces her toughest test.", "61-year-old", "katrin albers"),
    ("Among the oldest was Eleanor Voss, a 78-year-old retired teacher.", "78-year-old", "eleanor voss"),
    ("Police held a 41-year-old man on Wednesday.", "41-year-old", ""),  # no name, no place: anyone
])
def test_whose_age(text, start_word, who):
    from reconcile.names import age_holder

    c = _claim(text)
    s = text.index(start_word)
    assert age_holder(c, s, s + len(start_word)) == who


def _aged(text: str, source: str) -> Claim:
    from dataclasses import replace

    from reconcile.extract import extract_attributes

    return replace(_claim(text, source), attributes=tuple(a for a in extract_attributes(text) if a.kind == "age"))


def test_one_person_given_two_ages_is_a_contradiction_unless_a_verdict_stands():
    a = _aged("Police arrested a 41-year-old man from Breda on Wednesday.", "a.txt")
    b = _aged("Among the nine suspects is a 47-year-old man from Breda, prosecutors said.", "b.txt")
    c = _aged("A 42-year-old man from Breda was also questioned.", "c.txt")  # a year from a's: a birthday, maybe
    d = _aged("A 47-year-old man from Tilburg was released.", "d.txt")  # another man
    got = name_findings([a, b, c, d], [], {})
    assert [(f.a.value, f.b.value, f.measure) for f in got] == [("41", "47", "age"), ("47", "42", "age")]
    assert "the same person's age (“man from breda”) differs: 41 in a.txt vs 47 in b.txt" in got[0].reason
    # The matcher's verdict on the same two ages stands (here: any finding with these sides).
    assert name_findings([a, b], [], {}, {frozenset(((a.id, "41"), (b.id, "47")))}) == []


def test_one_post_of_its_kind_with_two_names_is_a_contradiction():
    """Names that share no word: given as the one post of its kind ("the mayor", "Dolmeni's mayor", "the ship's
    master") in both articles, they disagree; given otherwise ("a mayor"), or for a post many hold (spokesman),
    they may be two people."""
    from reconcile.names import marked_roles

    a = _claim("Ilse Varga, the mayor, said she had lost count of the families.", "a.txt")
    b = _claim("Dragan Petek, the mayor of Dolmeni, said the church hall was a morgue.", "b.txt")
    assert marked_roles(a) == [("mayor", "ilse varga", "Ilse Varga", True)]
    assert marked_roles(_claim("Dolmeni's mayor, Ilse Varga, wept.")) == [("mayor", "ilse varga", "Ilse Varga", True)]
    said = _claim('The council said the returning officer, Margaret Ellery, "stands by the count".')
    assert marked_roles(said) == [("returning officer", "margaret ellery", "Margaret Ellery", True)]
    got = name_findings([a, b], [], {})
    assert [(f.a.value, f.b.value, f.measure) for f in got] == [("Ilse Varga", "Dragan Petek", "mayor")]
    assert "the only one of its kind in both" in got[0].reason
    assert name_findings([a, _claim("Dragan Petek, a mayor from the next valley, came to help.", "b.txt")], [], {}) == []
    spokes = [_claim("Anna Berg, the spokeswoman, said so.", "a.txt"), _claim("Eva Lind, the spokeswoman, said so.", "b.txt")]
    assert name_findings(spokes, [], {}) == []
    both = _claim("Ilse Varga and Dragan Petek toured the village.", "c.txt")  # one article names both: two people
    assert name_findings([a, b, both], [], {}) == []


def test_a_post_given_to_someone_another_article_gives_another_post():
    a = _claim("Chief executive Daniel Ferrers said the bank regretted the failings.", "a.txt")
    b = _claim("Castlemere chief executive Ruth Adeyemi replied in a letter.", "b.txt")
    c = _claim("Finance director Ruth Adeyemi and chief executive Daniel Ferrers met analysts.", "c.txt")
    found = name_findings([a, b, c], [], {})
    got = [f for f in found if f.relation == "contradicts"]
    assert [(f.a.source_file, f.a.value, f.b.source_file, f.b.value) for f in got] == [
        ("a.txt", "Daniel Ferrers", "b.txt", "Ruth Adeyemi"), ("b.txt", "Ruth Adeyemi", "c.txt", "Daniel Ferrers")]
    assert "c.txt calls Ruth Adeyemi “finance director”" in got[0].reason
    # And one person given two officer posts by two articles, for review.
    assert [(f.a.value, f.b.value) for f in found if f.relation == "possible"] == [("chief executive", "finance director")]
    assert name_findings([a, b], [], {}) == []  # without c: perhaps two companies' chief executives


def test_leading_the_investigation_is_one_post():
    """"Detective Chief Superintendent Colin Marsh, who is leading the investigation" / "Ruth Abernethy, who has led the
    inquiry since Lena was taken": one investigation has one head, so the two names disagree; "general manager" is a
    post of one holder too ("Stefan Holmgard, the team's general manager" / "Ruben Aldecott, the general manager of
    Corvane-Halden Racing")."""
    from reconcile.names import LEAD_ROLE, marked_roles

    a = _claim("Detective Chief Superintendent Colin Marsh, who is leading the investigation, said officers were supporting the family.", "a.txt")
    b = _claim('"Lena is safe," Detective Chief Superintendent Ruth Abernethy, who has led the inquiry since Thursday, told reporters.', "b.txt")
    assert marked_roles(a) == [(LEAD_ROLE, "colin marsh", "Colin Marsh", True)]
    got = name_findings([a, b], [], {})
    assert [(f.a.value, f.b.value) for f in got] == [("Colin Marsh", "Ruth Abernethy")]
    assert name_findings([a, _claim("Ruth Abernethy, who visited the scene, said nothing.", "b.txt")], [], {}) == []
    gm = [_claim("Stefan Holmgard, the team's general manager, spoke to the Weekly.", "a.txt"),
          _claim("Ruben Aldecott, the general manager of Corvane-Halden Racing, said on Monday all tests were clear.", "b.txt")]
    assert [(f.a.value, f.b.value) for f in name_findings(gm, [], {})] == [("Stefan Holmgard", "Ruben Aldecott")]


def test_one_thing_given_two_owners_is_a_contradiction():
    """"The ship is owned by Corvane Maritime" / "Tessaline Line, the ship's owner and operator": one ship, two owners.
    Not when one article gives both (joint owners, a sale), when one name is part of the other, or when the sentence
    tells of an earlier event."""
    from dataclasses import replace

    from reconcile.names import owned_by

    a = _claim("The ship is owned by Corvane Maritime and was inbound from Asia.", "a.txt")
    b = _claim("Tessaline Line, which owns and operates the vessel, said discharge would begin.", "b.txt")
    assert owned_by(b) == [("ship", "tessaline line", "Tessaline Line")]
    got = name_findings([a, b], [], {})
    assert [(f.a.value, f.b.value, f.measure) for f in got] == [("Corvane Maritime", "Tessaline Line", "owner of the ship")]
    assert name_findings([a, _claim("Corvane Maritime Holdings, the ship's owner, said nothing.", "b.txt")], [], {}) == []
    both = _claim("The ship is owned by Tessaline Line and was inbound.", "a.txt")  # a.txt now gives both
    assert name_findings([a, both, b], [], {}) == []
    assert name_findings([a, replace(b, background=True)], [], {}) == []
    assert owned_by(_claim("On Friday Wenmoor Water, the privatised utility that owns the reservoir, apologised.")) == [
        ("reservoir", "wenmoor water", "Wenmoor Water")]


def test_chairs_coroners_and_past_holders():
    """"The commission, chaired by Martin Greaves KC" / "The three-member commission, chaired by Ruth Ellery KC": one chair
    ("KC" is no part of either name). "The senior coroner for Wendmarsh, Nigel Ormsby" / "Dr Alison Threlfall, the senior
    coroner for Wendmarsh": one coroner. "The company's chief medical officer at the time, Dr Harald Brenn" held the post
    before, so he does not disagree with today's holder."""
    from reconcile.names import marked_roles

    a = _claim("The commission, chaired by Martin Greaves KC, found that the losses exceeded the limit.", "a.txt")
    b = _claim("The three-member commission, chaired by Ruth Ellery KC, applied the guidelines to the letter.", "b.txt")
    assert marked_roles(a) == [("chair of the commission", "martin greaves", "Martin Greaves KC", True)]
    assert [(f.a.value, f.b.value) for f in name_findings([a, b], [], {})] == [("Martin Greaves KC", "Ruth Ellery KC")]
    c = _claim("The senior coroner for Wendmarsh, Nigel Ormsby, has been informed of the deaths.", "a.txt")
    d = _claim("Dr Alison Threlfall, the senior coroner for Wendmarsh, opened the inquest on Tuesday.", "b.txt")
    assert [(f.a.value, f.b.value) for f in name_findings([c, d], [], {})] == [("Nigel Ormsby", "Alison Threlfall")]
    then = _claim("The company's chief medical officer at the time, Dr Harald Brenn, left later that year.", "a.txt")
    now = _claim("Dr Ilse Marrow, the company's chief medical officer, said the decision was the result of years of work.", "b.txt")
    assert marked_roles(then)[0][0] == "then chief medical officer"
    assert name_findings([then, now], [], {}) == []


def test_one_person_given_two_sides_is_for_review():
    """"Ruben Aastveit of Velosta-Krim won the stage" / "Ruben Aastveit of Solenne Pro Cycling took the stage": one rider,
    two teams; a possible contradiction for review (a person may change sides, and "of" may give a home town). Not when
    one article gives both, when one name is part of the other, or for an institution's name ("the Bank of England")."""
    from reconcile.names import affiliations

    a = _claim("Ruben Aastveit of Velosta-Krim won the stage from a reduced group.", "a.txt")
    b = _claim("Ruben Aastveit of Solenne Pro Cycling took the stage in a sprint.", "b.txt")
    assert affiliations(b) == [("ruben aastveit", "solenne pro cycling", "Solenne Pro Cycling", frozenset())]
    # With a post between: the same post's body.
    kovner = _claim("Elias Kovner, the founder of Harbourline Estates, was detained.", "a.txt")
    assert affiliations(kovner) == [("elias kovner", "harbourline estates", "Harbourline Estates", frozenset({"founder"}))]
    other = _claim("Elias Kovner, founder and chief executive of Harbourgate Developments, was named.", "b.txt")
    assert [(f.a.value, f.b.value) for f in name_findings([kovner, other], [], {})] == [("Harbourline Estates", "Harbourgate Developments")]
    mayor = _claim("Elias Kovner, the mayor of Varnholm, said nothing.", "b.txt")  # another post: another body
    assert name_findings([kovner, mayor], [], {}) == []
    assert affiliations(_claim("John Ging, the head of UNRWA in Gaza, said.")) == []  # an acronym may be the other's name
    got = name_findings([a, b], [], {})
    assert [(f.relation, f.conflict, f.a.value, f.b.value) for f in got] == [("possible", True, "Velosta-Krim", "Solenne Pro Cycling")]
    assert name_findings([a, _claim("Race leader Ruben Aastveit of Velosta-Krim Racing was held up.", "b.txt")], [], {}) == []
    both = _claim("Ruben Aastveit of Solenne Pro Cycling beat Fenn Halloran of Velosta-Krim.", "a.txt")
    assert name_findings([both, b], [], {}) == []  # the same side for him; another person's side is his own
    for text in ("The Bank of England raised rates.", "The Tour of Halvesland began on Saturday.", "Chief Executive Officer of Tamsdale"):
        assert affiliations(_claim(text)) == []


def test_an_owner_named_short_and_a_full_stop():
    """"Patricia Lennox, Corrick's managing director" / "Patricia Renshaw, managing director of Corrick Chemicals": one
    firm's one post, named short in one. A sentence's full stop is no part of an owner's name ("... by the airport's
    owners, Calloway Infrastructure Partners."), but an abbreviation's is ("Acme Inc.")."""
    from reconcile.names import owned_by

    a = _claim("Patricia Lennox, Corrick's managing director, went to the rest centre yesterday evening.", "a.txt")
    b = _claim("Patricia Renshaw, managing director of Corrick Chemicals, said in a statement that it was sorry.", "b.txt")
    assert [(f.a.value, f.b.value) for f in name_findings([a, b], [], {})] == [("Patricia Lennox", "Patricia Renshaw")]
    c = _claim("Patricia Renshaw, managing director of Harlow Chemicals, said in a statement that it was sorry.", "b.txt")
    assert name_findings([a, c], [], {}) == []  # two firms' posts
    assert owned_by(_claim("The £1.8bn project will be funded entirely by the airport's owners, Calloway Infrastructure Partners.")) == [
        ("airport", "calloway infrastructure partners", "Calloway Infrastructure Partners")]
    assert owned_by(_claim("The ship's owner, Acme Inc.")) == [("ship", "acme inc.", "Acme Inc.")]


def test_a_justice_is_a_judge():
    """"Mrs Justice Catherine Elphick found ..." / "Mrs Justice Catherine Ellwood's judgment ...": one judge's post given
    two names that share a word; the possessive is no part of the name shown."""
    from reconcile.names import marked_roles

    a = _claim("Mrs Justice Catherine Elphick found that two of the four articles were defamatory.", "a.txt")
    b = _claim("Mrs Justice Catherine Ellwood's judgment runs to 96 pages.", "b.txt")
    assert marked_roles(a)[0][:2] == ("judge", "catherine elphick")
    assert [(f.a.value, f.b.value) for f in name_findings([a, b], [], {})] == [("Catherine Elphick", "Catherine Ellwood")]
