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
