"""Clock times of one named moment: "the 7.45pm kick-off" / "the 8pm kick-off", "the tornado touched down at
5:42 p.m." / "the tornado touching down at 6:24 p.m.".

Two sentences that give one moment two times often share little else, so their wording never links them
(the matcher's cosine of the two is 0.49 for the kick-offs). Here the moment itself is the key:

- a noun the time qualifies ("the 7.45pm kick-off", "the 8pm kick-off"), or
- a verb the time dates ("touched down at 5:42 p.m.", "touching down at 6:24 p.m.": one verb, any tense),
  with a content word of its subject in common ("tornado"), since "arrived at 5:50" may be two arrivals.

Two such times of one story in two articles that differ, in the same zone (or both in local time), are a
contradiction unless the matcher gave these two times a verdict of its own (a possible match is none, and
is replaced), either sentence states a plan rather than what happened ("was due to kick off at 8pm"), or
the sentences name different days.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Mapping, Sequence

from .claims import content_words
from .models import Attribute, Claim, Finding, Source
from .names import contradiction

# "touched down at", "kicked off shortly after", "began around", "went down at about": the verb a time dates, with its
# particle.
VERB_AT = re.compile(
    r"\b(?P<v>[a-z]{3,}?)(?:ed|ing|es|s)?(?P<p>\s+(?:down|off|up|out))?\s+(?:at\s+)?(?:at|around|about|approximately|shortly after|"
    r"just after|shortly before|just before)\s+$"
)
# "declared the result at 7.45pm": the verb with its object.
VERB_OBJECT_AT = re.compile(
    r"\b(?P<v>[a-z]{3,}?)(?:ed|ing|es|s)?\s+(?:the|a|an)\s+(?P<o>[a-z]{3,})\s+(?:at\s+)?(?:at|around|about|approximately|shortly after|"
    r"just after|shortly before|just before)\s+$"
)
# Words news uses for one thing: a subject word in common is one in common after these ("The fire broke out" /
# "The blaze broke out").
SAME_THING = {"blaze": "fire", "flames": "fire", "inferno": "fire", "blast": "explosion", "twister": "tornado",
              "quake": "earthquake", "tremor": "earthquake"}
# "the 7.45pm kick-off": the noun a time qualifies, right after it, when an article stands before it.
NOUN_AFTER = re.compile(r"^\s+(?P<n>[a-z][a-z-]{2,})\b")
EARLIER = re.compile(r"\b(?:years? ago|last year|a year (?:earlier|ago|before)|in (?:19|20)\d\d(?!-))\b", re.I)
ORDER_WORDS = re.compile(r"\b(?:first|second|third|last|final|another|next|earlier|later|latest|previous|new)\b", re.I)
PLAN = re.compile(r"\b(?:due|scheduled|expected|planned|set|supposed|meant|to be|would|will|was to|were to)\b", re.I)
# Verbs that date nothing of their own: every statement is said at some time.
NO_MOMENT = frozenset("said say told tell add report announc confirm stat releas publish post tweet writ".split())
STOP = frozenset("the a an and or of in on at to for with by from as its his her their this that was were is are be "
                 "been has have had it he she they we who which when where after before".split())


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s)$", "", word.lower())


def moment(c: Claim, a: Attribute) -> tuple[str, frozenset[str]] | None:
    """(key, subject words) of the moment a clock time gives, or None: ("noun:kick-off", ∅) for "the 7.45pm
    kick-off", ("verb:touch down", {"tornado"}) for "the tornado touched down at 5:42 p.m."."""
    before = c.text[max(0, a.start - 80) : a.start]
    if re.search(r"\b(?:the|a|an)\s+$", before.lower()) and (m := NOUN_AFTER.match(c.text[a.end : a.end + 30])):
        return "noun:" + m.group("n").lower(), frozenset()
    obj = VERB_OBJECT_AT.search(before)
    m = obj or VERB_AT.search(before)
    if m is None or _stem(m.group("v")) in NO_MOMENT or m.group("v") in STOP:
        return None
    words = [w for w in content_words(before[: m.start()])[-6:] if w.lower() not in STOP] + ([obj.group("o")] if obj else [])
    if not words or ORDER_WORDS.search(before[max(0, m.start() - 60) : m.start()]):
        return None  # "the first ambulance arrived at 5:50" / "the last one at 7:10": two moments
    particle = "" if obj else (m.group("p") or "").lower()
    return "verb:" + _stem(m.group("v")) + particle, frozenset(SAME_THING.get(w.lower(), w.lower()) for w in words)


def _as_written(c: Claim, a: Attribute, key: str) -> str:
    """The moment as the sentence writes it ("declared" for the stem "declar"), or the key's word."""
    what = key.split(":", 1)[1]
    if key.startswith("verb:"):
        stem, *particle = what.split()
        found = list(re.finditer(rf"\b{re.escape(stem)}[a-z]*", c.text[: a.start], re.I))
        if found:
            return " ".join([found[-1].group(0).lower(), *particle])
    return what


def _either_half(a: Attribute) -> bool:
    """"at 5:42" with no a.m. or p.m. and no 24-hour form ("05:42", "17:42") may be either half of the day."""
    return not re.search(r"[ap]\.?\s?m\b|^\d{2}[:.]|^(?:1[3-9]|2\d)", a.text.lower()) and a.value[:2] < "13"


def _clock_zone(a: Attribute) -> tuple[str, str]:
    clock, zone = a.value.split(" ", 1)
    return clock, "local" if zone in ("unspecified zone", "local time") else zone


def _days(c: Claim) -> set[str]:
    """The days a sentence names, a full date by its weekday too ("on Tuesday 12 May" is "on Tuesday")."""
    days = {d.display for d in c.dates} | {x.value for x in c.attributes if x.kind == "weekday"}
    return days | {date.fromisoformat(d.low).strftime("%A") for d in c.dates if d.granularity == "day" and d.low == d.high}


def moment_times(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str],
                 judged: set[frozenset[tuple[str, str]]]) -> list[Finding]:
    """Contradictions between two articles of one story that give one named moment two clock times."""
    by_key: dict[tuple[str, str], list[tuple[Claim, Attribute, frozenset[str]]]] = defaultdict(list)
    for c in claims:
        if c.background or PLAN.search(c.text) or EARLIER.search(c.text):
            continue  # (a plan; an earlier time's event: "Four years ago ... the result was declared at 2.10am")
        for a in c.attributes:
            if a.kind != "time" or _either_half(a):
                continue
            if got := moment(c, a):
                by_key[(c.story, got[0])].append((c, a, got[1]))
    out: list[Finding] = []
    for (story, key) in sorted(by_key):
        items = by_key[(story, key)]
        seen: set[tuple[str, str]] = set()
        for i, (ca, aa, wa) in enumerate(items):
            for cb, ab, wb in items[i + 1 :]:
                pair = (ca.id, cb.id) if ca.id < cb.id else (cb.id, ca.id)
                (ta, za), (tb, zb) = _clock_zone(aa), _clock_zone(ab)
                if (ca.source_file == cb.source_file or pair in seen or ta == tb or za != zb
                        or (key.startswith("verb:") and not wa & wb)):
                    continue
                da, db = _days(ca), _days(cb)
                if da and db and not da & db:
                    continue  # "kicked off at 3pm on Saturday" / "at 8pm on Sunday": two matches
                if frozenset(((ca.id, aa.value), (cb.id, ab.value))) in judged:
                    continue
                seen.add(pair)
                what = _as_written(ca, aa, key)
                basis = f"one moment (“{what}”), two clock times: “{{a}}” in {{fa}} vs “{{b}}” in {{fb}}"
                out.append(contradiction("moment", ca, aa.value, cb, ab.value, what, basis, src, cluster_of, shown=(aa.text, ab.text)))
    return out
