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

The same holds for the day of one dated deed (`moment_days`): "Havlík was dismissed on Monday" / "Havlík was
dismissed on Tuesday 10 November", "the systems went down at about 3.15am on Tuesday 12 May" / "the systems went
down on Monday 11 May". The deed is a verb in the past with no object between it and the day, and its subject
(the words before it) shares a word with the other's: "arrested a man on Monday" / "arrested two women on
Wednesday" have objects (two arrests, perhaps); "a soldier was killed on Monday" has an indefinite subject (one
of several, perhaps), and "the toll rose on Monday" is a change that recurs, so none of them is a deed dated
once.
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
    r"\b(?P<v>[a-z]{3,}?)(?:ed|ing|es|s)?\s+(?:the|a|an)\s+(?P<o>[a-z]{3,}|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})\s+(?:at\s+)?(?:at|around|about|approximately|shortly after|"
    r"just after|shortly before|just before)\s+$"
)
# Words news uses for one thing: a subject word in common is one in common after these ("The fire broke out" /
# "The blaze broke out").
SAME_THING = {"blaze": "fire", "flames": "fire", "inferno": "fire", "blast": "explosion", "twister": "tornado",
              "quake": "earthquake", "tremor": "earthquake"}
# "the 7.45pm kick-off": the noun a time qualifies, right after it, when an article stands before it.
NOUN_AFTER = re.compile(r"^\s+(?P<n>[a-z][a-z-]{2,})\b")
EARLIER = re.compile(r"\b(?:years? ago|last year|a year (?:earlier|ago|before)|in (?:19|20)\d\d(?!-))\b", re.I)
# A deed undone or done once more happens on more than one day: "The runway was reopened at 9.15am on Saturday but closed
# again" / "The runway finally reopened at 11.50am on Sunday".
AGAIN = re.compile(r"\b(?:again|once more|a second time|for the (?:second|third) time)\b", re.I)
ORDER_WORDS = re.compile(r"\b(?:first|second|third|last|final|another|next|earlier|later|latest|previous|new)\b", re.I)
PLAN = re.compile(r"\b(?:due|scheduled|expected|planned|set|supposed|meant|to be|would|will|was to|were to)\b", re.I)
# Verbs that date nothing of their own: every statement is said at some time.
NO_MOMENT = frozenset("said say told tell add report announc confirm stat releas publish post tweet writ".split())
# Where a clause ends, for the words before a value: a sentence's stop or a comma; or a conjunction that opens a
# clause of its own ("... and the systems went down").
CLAUSE_OR_COMMA = re.compile(r"[;:.!?]\s|,\s")
CLAUSE_BREAK = re.compile(r"[;:.!?]\s|\b(?:and|but|when|after|before|while|as)\s")
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
    lead = before[: m.start()]
    words = [w for w in content_words(lead)[-6:] if w.lower() not in STOP] + (obj.group("o").lower().split() if obj else [])
    # The names of its subject too ("The MV Aldera Grace was boarded at about 3.40am"), which an active sentence
    # names as the object ("The pirates boarded the Aldera Grace shortly before 5am").
    words += [w.lower() for w in re.findall(r"\b[A-Z][\w-]{2,}", CLAUSE_OR_COMMA.split(lead)[-1])[-4:]
              if w.lower() not in STOP and w.lower() not in GENERIC_SUBJECT]
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


# How a time is hedged, by the words right before it: "shortly after 2 a.m." is 2:00 to 2:20, "at about 2.10am" 1:55 to
# 2:25 ("shortly after 2 a.m." and "about 2.10am" agree; "shortly before 5am" and "about 3.40am" do not).
HEDGES = (
    (re.compile(r"\b(?:shortly|just|soon|moments?|minutes?)\s+after\s+$", re.I), 0, 20),
    (re.compile(r"\b(?:shortly|just|moments?|minutes?)\s+before\s+$", re.I), -20, 0),
    (re.compile(r"\b(?:about|around|approximately|roughly|some time around|sometime around|circa|c\.)\s+$", re.I), -15, 15),
)


def clock_range(c: Claim, a: Attribute) -> tuple[int, int]:
    """The minutes of the day a clock time stands for, as its hedge reads ("shortly after 2 a.m.": 120 to 140)."""
    hh, mm = (int(x) for x in a.value.split(" ")[0].split(":"))
    at = hh * 60 + mm
    before = c.text[max(0, a.start - 30) : a.start]
    for rx, lo, hi in HEDGES:
        if rx.search(before):
            return at + lo, at + hi
    return at, at


def clocks_agree(ca: Claim, aa: Attribute, cb: Claim, ab: Attribute) -> bool:
    """Whether two clock times can be one, as their hedges read (`clock_range`)."""
    (la, ha), (lb, hb) = clock_range(ca, aa), clock_range(cb, ab)
    return la <= hb and lb <= ha


# Which end of something a time is: its start ("departed runway 27L at 10:42", "the polls opened at 7am") or its end
# ("touched down ... at 10.58am", "closed at 10pm"): a start's time and an end's are two moments.
START_WORDS = re.compile(r"\b(?:depart(?:ed|ing|s|ure)?|took off|take-?off|taking off|left|leaving|began|begun|beginning|started|starting|"
                         r"opened|opening|kick(?:ed)? off|kick-off|set off|set out)\b", re.I)
END_WORDS = re.compile(r"\b(?:land(?:ed|ing|s)?|touch(?:ed|es|ing)? down|arriv(?:ed|ing|es|al)|ended|ending|finished|finishing|closed|closing|"
                       r"concluded|returned)\b", re.I)


def phase(c: Claim, start: int) -> tuple[str, str] | None:
    """("start" or "end", the word) of the last start or end word in the clause before a time, or None."""
    clause = CLAUSE_OR_COMMA.split(c.text[max(0, start - 80) : start])[-1]
    found = [("start", m) for m in START_WORDS.finditer(clause)] + [("end", m) for m in END_WORDS.finditer(clause)]
    if not found:
        return None
    kind, m = max(found, key=lambda x: x[1].start())
    return kind, m.group(0)


def _clock_zone(a: Attribute) -> tuple[str, str]:
    clock, zone = a.value.split(" ", 1)
    return clock, "local" if zone in ("unspecified zone", "local time") else zone


def _days(c: Claim) -> set[str]:
    """The days a sentence names, a full date by its weekday too ("on Tuesday 12 May" is "on Tuesday")."""
    days = {d.display for d in c.dates} | {x.value for x in c.attributes if x.kind == "weekday"}
    return days | {date.fromisoformat(d.low).strftime("%A") for d in c.dates if d.granularity == "day" and d.low == d.high}


# A verb in the past: regular ("dismissed", "lodged", "taken") or one of the irregular ones news dates events with.
PAST = r"(?:(?<=was |ere |een |had |has |ave )[a-z]{3,}en|[a-z]{2,}(?<!e)(?<!hundr)ed|went|came|began|broke|struck|hit|met|took|held|won|lost|left|shot|found|sold|shut|ran|fled|sank|froze|blew|fell)"
# The deed a day dates: the verb, its particle, at most one prepositional phrase ("at about 3.15am", "at the High
# Court in Lenchester", "before dawn"), then "on" (or nothing before "yesterday").
DAY_VERB = re.compile(
    rf"\b(?P<v>{PAST})(?P<p>\s+(?:down|off|up|out|over|away))?"
    r"(?P<mid>\s+(?:at|in|near|outside|from|before|after|shortly after|shortly before|just after|just before|early|late)\s+(?:[^,;.]|\.(?=\d)){1,40}?)?"
    r"\s+(?:on\s+(?:the\s+)?)?$"
)
# Deeds that recur, or are reported anew each day: a change of a figure, a market's day, a statement.
RECURRING = frozenset("ris ros fell climb jump dropp increas decreas gain slipp trad clos open end finish fallen risen "
                      "continu remain resum stay held met spoken spok".split())
# One deed, two words: "filed"/"lodged" (a petition, a lawsuit), "sacked"/"dismissed".
SAME_DEED = {"lodg": "fil", "sack": "dismiss"}
INDEFINITE = re.compile(r"\b(?:a|an|one|another|two|three|several|some|many|more|further|other|\d[\d,]*)\s+(?:\w+\s+){0,2}$", re.I)
DEFINITE = re.compile(r"\b(?:the|its|their|his|her|this|that|these|those)\b|\w['’]s\b", re.I)
NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
GENERIC_SUBJECT = frozenset("people person man woman men women police officials authorities someone it they he she we "
                            "which who that there".split())


def dated_deed(c: Claim, start: int, names: frozenset[str] = frozenset()) -> tuple[str, frozenset[str]] | None:
    """(deed key, subject words) of the deed a day reference at `start` dates ("went down on Monday 11 May":
    ("went down", {"calderwick", "health", "group", "systems"})), or None. `names`: the lower-case words that the
    story writes as names (`name_words`), by which a capitalised first word is told from a name."""
    before = c.text[max(0, start - 120) : start]
    m = DAY_VERB.search(before)
    if m is None:
        return None
    verb = m.group("v").lower()
    stem = _stem(verb)
    if stem in RECURRING or verb in RECURRING or any(stem.startswith(x) for x in NO_MOMENT):
        return None
    lead = before[: m.start()]
    lead = re.sub(r"\b(?:was|were|had been|has been|have been|is|are|been|had|has|have)\s+$", "", lead, flags=re.I)
    clause = CLAUSE_BREAK.split(lead)[-1]
    if INDEFINITE.search(clause) or ORDER_WORDS.search(clause):
        return None  # "a soldier was killed", "the first systems failed": one of several, perhaps
    said = CLAUSE_BREAK.split(before)[-1]
    if PLAN.search(said) or NEGATION.search(said):
        return None  # "would be lodged on Thursday", "was not dismissed on Monday"
    # A definite subject: "the petition", "its systems", "Calderwick Health Group's systems", "Havlík" (a name; not a
    # capitalised first word alone); not "Flights were cancelled on Monday" / "on Tuesday" (other flights, perhaps).
    at = max(0, start - 120) + len(lead) - len(clause)
    if not (DEFINITE.search(clause) or any(at <= e.start < at + len(clause) and (e.start > 0 or " " in e.text or e.text.lower() in names)
                                           for e in c.entities)):
        return None
    words = [w.lower().strip("'’").removesuffix("'s").removesuffix("’s") for w in re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", clause)]
    subject = frozenset(SAME_THING.get(w, w) for w in words[-6:] if len(w) >= 3 and w not in STOP and w not in GENERIC_SUBJECT)
    if not subject:
        return None
    stem = SAME_DEED.get(stem, stem)
    return stem + ((" " + m.group("p").strip().lower()) if m.group("p") else ""), subject


def day_references(c: Claim) -> list[tuple[int, str, str]]:
    """(start, value, weekday) of each single day a sentence names: a full date (its value the fact's, with its
    weekday), or a weekday alone ("on Monday"); a weekday right before a date ("Tuesday 12 May") is that date."""
    out: list[tuple[int, str, str]] = []
    dates = [d for d in c.dates if d.granularity == "day" and d.low == d.high]
    for d in dates:
        out.append((d.start, d.display, date.fromisoformat(d.low).strftime("%A")))
    for a in c.attributes:
        if a.kind != "weekday":
            continue
        joined = next((k for k, d in enumerate(dates) if 0 <= d.start - a.end <= 2), None)
        if joined is not None:
            d = dates[joined]
            out[joined] = (a.start, d.display, out[joined][2])
        elif not any(d.start <= a.start < d.end for d in dates):
            out.append((a.start, a.value, a.value))
    return sorted(out)


def name_words(claims: Sequence[Claim]) -> frozenset[str]:
    """The lower-case words of the names the claims write inside a sentence or in names of two words or more
    ("Marek Havlík": "havlík"), so that "Havlík was dismissed" opens with a name and "Flights were cancelled" not."""
    return frozenset(w.lower() for c in claims for e in c.entities if e.start > 0 or " " in e.text for w in e.text.split())


def moment_days(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str],
                judged: set[frozenset[tuple[str, str]]]) -> tuple[list[Finding], set[frozenset[tuple[str, str]]]]:
    """Contradictions between two articles of one story that give one dated deed two days, and the pairs of
    values (weekday or date of either day) they settle."""
    by_key: dict[tuple[str, str], list[tuple[Claim, int, str, str, frozenset[str]]]] = defaultdict(list)
    names = name_words(claims)
    for c in claims:
        if c.background or EARLIER.search(c.text) or AGAIN.search(c.text):
            continue
        for start, value, weekday in day_references(c):
            if got := dated_deed(c, start, names):
                by_key[(c.story, got[0])].append((c, start, value, weekday, got[1]))
    out: list[Finding] = []
    settled: set[frozenset[tuple[str, str]]] = set()
    for (story, key) in sorted(by_key):
        items = by_key[(story, key)]
        seen: set[tuple[str, str]] = set()
        for i, (ca, sa, va, wa, ua) in enumerate(items):
            for cb, sb, vb, wb, ub in items[i + 1 :]:
                pair = (ca.id, cb.id) if ca.id < cb.id else (cb.id, ca.id)
                if ca.source_file == cb.source_file or pair in seen or not ua & ub or wa == wb or va == vb:
                    continue
                if frozenset(((ca.id, va), (cb.id, vb))) in judged:
                    continue
                seen.add(pair)
                values_a = {va} | {x.value for x in ca.attributes if x.kind == "weekday"}
                values_b = {vb} | {x.value for x in cb.attributes if x.kind == "weekday"}
                settled |= {frozenset(((ca.id, x), (cb.id, y))) for x in values_a for y in values_b}
                what = _as_written_deed(ca, sa, key)
                basis = f"one deed (“{what}”), two days: “{{a}}” in {{fa}} vs “{{b}}” in {{fb}}"
                out.append(contradiction("day", ca, va, cb, vb, what, basis, src, cluster_of, shown=(_day_text(ca, sa, va), _day_text(cb, sb, vb))))
    return out, settled


def _as_written_deed(c: Claim, start: int, key: str) -> str:
    m = DAY_VERB.search(c.text[max(0, start - 120) : start])
    return " ".join([m.group("v").lower(), *([m.group("p").strip().lower()] if m and m.group("p") else [])]) if m else key


def _day_text(c: Claim, start: int, value: str) -> str:
    """The day as the sentence writes it ("Tuesday 12 May")."""
    d = next((d for d in c.dates if d.display == value and d.start >= start), None)
    end = d.end if d else next((a.end for a in c.attributes if a.start == start), start)
    return c.text[start:end]


def moment_times(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str],
                 judged: set[frozenset[tuple[str, str]]]) -> list[Finding]:
    """Contradictions between two articles of one story that give one named moment two clock times."""
    by_key: dict[tuple[str, str], list[tuple[Claim, Attribute, frozenset[str]]]] = defaultdict(list)
    for c in claims:
        if c.background or PLAN.search(c.text) or EARLIER.search(c.text) or AGAIN.search(c.text):
            continue  # (a plan; an earlier time's event: "Four years ago ... the result was declared at 2.10am"; one done again)
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
                        or (key.startswith("verb:") and not wa & wb) or clocks_agree(ca, aa, cb, ab)):
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
