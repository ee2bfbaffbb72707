"""A contradiction needs the same incident and the same measure: the rules that tell them apart.

tests/data/fire-story is a made-up three-outlet story written for these tests (a warehouse fire
with a separate fire elsewhere, a county-wide running total, injured firefighters vs residents).
"""

from __future__ import annotations

from datetime import date

import pytest

from reconcile.claims import counted_noun
from reconcile.extract import extract_dates

from conftest import DATA
from test_findings import relation


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
