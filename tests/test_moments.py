"""Clock times of one named moment (`reconcile.moments`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reconcile.extract import extract_attributes, extract_entities
from reconcile.models import Attribution, Claim
from reconcile.moments import moment, moment_times


def _claim(text: str, source: str, story: str = "main:x") -> Claim:
    c = Claim(f"{source}:{text[:20]}", source, 0, text, 0, len(text), 1, True, Attribution("", "", "article"), source,
              False, "", entities=tuple(extract_entities(text)), story=story)
    return replace(c, attributes=tuple(extract_attributes(text)))


def _time(c: Claim):  # type: ignore[no-untyped-def]
    return next(a for a in c.attributes if a.kind == "time")


@pytest.mark.parametrize("text, key", [
    ("The crush began minutes after the 7.45pm kick-off.", "noun:kick-off"),
    ("The tornado touched down at 5:42 p.m. near the town.", "verb:touch down"),
    ("An effort began within minutes of the tornado touching down at 6:24 p.m. on Tuesday.", "verb:touch down"),
    ("Police said at 3pm that two men had been arrested.", None),  # saying dates no moment of its own
    ("The first ambulance arrived at 5:50 p.m.", None),  # one of several arrivals
    ("The group's computer systems went down at around 5.40am on Tuesday.", "verb:went down"),  # "at around"
    ("Returning officer Margaret Ellery declared the result at 7.45pm on Monday.", "verb:declar"),  # with its object
    ("Four years ago the count rejected 49 papers and the result was declared at 2.10am.", "verb:declar"),
])
def test_the_moment_a_time_gives(text, key):
    c = _claim(text, "a.txt")
    got = moment(c, _time(c))
    assert (got[0] if got else None) == key


def test_one_moment_given_two_times_is_a_contradiction():
    a = _claim("The tornado touched down at 5:42 p.m. about four miles southwest of town.", "a.txt")
    b = _claim("Searchers began within minutes of the tornado touching down at 6:24 p.m.", "b.txt")
    c = _claim("The tornado touched down at 5:42 in the evening in a wheat field.", "c.txt")  # "in the evening": 17:42
    got = moment_times([a, b, c], {}, {}, set())
    assert {(f.a.source_file, f.b.source_file) for f in got} == {("a.txt", "b.txt"), ("b.txt", "c.txt")}
    assert "one moment (“touched down”), two clock times: “5:42 p.m.” in a.txt vs “6:24 p.m.” in b.txt" in got[0].reason


@pytest.mark.parametrize("b_text", [
    "The match was due to kick off at 8pm, but the 7.45pm start was kept.",  # a plan
    "Rovers hosted City at Brennock Park in the 3pm kick-off on Sunday.",  # another day: another match
    "The hurricane touched down at 6:24 p.m.",  # another subject
])
def test_plans_other_days_and_other_subjects_are_left_alone(b_text):
    a = _claim("The crush began after the 8pm kick-off on Saturday as the tornado touched down at 5:42 p.m.", "a.txt")
    assert moment_times([a, _claim(b_text, "b.txt")], {}, {}, set()) == []


def test_a_moment_by_its_object_a_synonym_and_a_full_date():
    """"declared the result at 7.45pm" and "the result was finally declared at 10.15pm" are one moment (its object is
    a subject word in common); "The fire broke out" and "The blaze broke out" too; "on Tuesday 12 May" names the
    Tuesday that "on Tuesday" does. An earlier event ("Four years ago ... was declared at 2.10am") is left alone."""
    a = _claim("Returning officer Margaret Ellery declared the result at 7.45pm on Monday.", "a.txt")
    b = _claim("When the result was finally declared at 10.15pm on Monday, the hall was half empty.", "b.txt")
    old = _claim("Four years ago the count rejected 49 papers and the result was declared at 2.10am.", "c.txt")
    got = moment_times([a, b, old], {}, {}, set())
    assert [(f.a.value, f.b.value, f.measure) for f in got] == [("19:45 unspecified zone", "22:15 unspecified zone", "declared")]
    fire = [_claim("The fire broke out shortly after 1pm on Tuesday.", "a.txt"), _claim("The blaze broke out at about 10.15am in a warehouse.", "b.txt")]
    assert len(moment_times(fire, {}, {}, set())) == 1
    from reconcile.extract import extract_dates
    from datetime import date

    text = "Computer systems went down at about 3.15am on Tuesday 12 May, when staff found a ransom note."
    dated = replace(_claim(text, "a.txt"), dates=tuple(extract_dates(text, date(2026, 5, 13))[0]))
    other = _claim("The group's computer systems went down at around 5.40am on Tuesday, the group said.", "b.txt")
    assert len(moment_times([dated, other], {}, {}, set())) == 1


def _dated(text: str, source: str, published: tuple[int, int, int]) -> Claim:
    from datetime import date

    from reconcile.extract import extract_dates

    return replace(_claim(text, source), dates=tuple(extract_dates(text, date(*published))[0]))


def test_a_passive_subject_is_the_active_object():
    """"The MV Aldera Grace was boarded at about 3.40am" and "The pirates boarded the Aldera Grace shortly before
    5am": one boarding, its ship named as the subject of one and the object of the other."""
    a = _claim("The MV Aldera Grace was boarded at about 3.40am local time on Tuesday, the owner said.", "a.txt")
    b = _claim("The pirates boarded the Aldera Grace shortly before 5am local time on Tuesday.", "b.txt")
    other_ship = _claim("The pirates boarded the Orsina Bay shortly before 5am local time on Tuesday.", "c.txt")
    got = moment_times([a, b, other_ship], {}, {}, set())
    assert [(f.a.source_file, f.b.source_file, f.measure) for f in got] == [("a.txt", "b.txt", "boarded")]


@pytest.mark.parametrize("text, deed", [
    ("Havlík was dismissed on Monday, the day after his side were beaten at home.", "dismiss"),
    ("Calderwick Health Group's systems went down on Monday 11 May, and clinicians are on paper.", "went down"),
    ("The petition was lodged at the High Court in Lenchester on Thursday afternoon.", "fil"),  # lodged = filed
    ("The petition would be lodged at the High Court on Thursday.", None),  # a plan
    ("Havlík was not dismissed on Monday.", None),  # a denial
    ("A soldier was killed on Monday near the border.", None),  # one of several, perhaps
    ("The death toll rose on Monday to 23.", None),  # a change that recurs
    ("Police arrested a man on Monday.", None),  # an object: one arrest of several, perhaps
    ("The club announced the decision on Monday.", None),  # a statement
    ("Four years ago the children were evacuated on Monday.", "evacuat"),  # (an earlier event: moment_days skips it)
])
def test_the_deed_a_day_dates(text, deed):
    from reconcile.moments import dated_deed, day_references

    c = _dated(text, "a.txt", (2026, 11, 12))
    refs = day_references(c)
    got = dated_deed(c, refs[0][0], frozenset({"havlík"})) if refs else None  # (a name the story writes elsewhere)
    assert (got[0] if got else None) == deed


def test_one_deed_given_two_days_is_a_contradiction():
    """"dismissed on Monday" / "dismissed on Tuesday 10 November" (the weekday of a full date counts), a "related"
    verdict on the two weekdays settled; the same day written two ways, another subject, or an earlier event
    is no contradiction."""
    from reconcile.moments import moment_days

    a = _dated("Marek Havlík was dismissed on Monday, the day after his side were beaten at home by Racing Montefrío.", "a.txt", (2026, 11, 12))
    b = _dated("Havlík was dismissed on Tuesday 10 November, two days after the Montefrío defeat.", "b.txt", (2026, 11, 16))
    same = _dated("Havlík was dismissed on Monday 9 November.", "c.txt", (2026, 11, 14))
    other = _dated("Ferrándiz was dismissed on Friday.", "d.txt", (2026, 11, 14))
    old = _dated("Four years ago Havlík was dismissed on Sunday by another club.", "e.txt", (2026, 11, 14))
    got, settled = moment_days([a, b, same, other, old], {}, {}, set())
    assert sorted((f.a.source_file, f.a.value, f.b.source_file, f.b.value) for f in got) == [
        ("a.txt", "Monday", "b.txt", "2026-11-10"), ("b.txt", "2026-11-10", "c.txt", "2026-11-09")]
    assert "one deed (“dismissed”), two days: “on Monday” in a.txt vs “on Tuesday 10 November” in b.txt" in got[0].reason
    assert frozenset(((a.id, "Monday"), (b.id, "Tuesday"))) in settled
    # A verdict the matcher gave on the two days stands.
    assert moment_days([a, b], {}, {}, {frozenset(((a.id, "Monday"), (b.id, "2026-11-10")))})[0] == []


def test_a_deed_of_an_indefinite_subject_dates_nothing():
    """"Flights were cancelled on Monday" / "Flights were cancelled on Tuesday": other flights, perhaps (both true)."""
    from reconcile.moments import moment_days

    a = _dated("Flights were cancelled on Monday as the storm arrived.", "a.txt", (2026, 11, 12))
    b = _dated("Flights were cancelled on Tuesday, the airport said.", "b.txt", (2026, 11, 12))
    assert moment_days([a, b], {}, {}, set())[0] == []
