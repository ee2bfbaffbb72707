"""Stage 6: Links -> Findings. Each cross-source claim pair gets one relation and a reason in words.

corroborates: same fact, compatible values (dates at their shared granularity, quantities within
qualifiers and ranges, physical units converted). contradicts: same event and measure, incompatible
values, or the same statement with opposite polarity. updates: values differ but the later article
reports a newer state (a rising toll, a death). related: same subject, different fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from .claims import (CONTINUES, FUNCTION_WORDS, GENERIC_COUNTED, SAME_THING, SINCE_WHEN, THAT_TIME, _singular, content_words, counted_noun,
                     figure_between, noun_deed_date, opens_sentence, published_interval)
from .extract import ACTIVE_DENIAL, LAST_YEAR_HELD, NONE_DID, NOT_A_DEED, to_base
from .ingest import FUTURE_CUE as FUTURE_SENTENCE
from .fork import ForkedWork
from .models import Attribute, Claim, Cluster, DateValue, Fact, Finding, Link, Quantity, Side, Source, stable_id
from .moments import AGAIN, clocks_agree, moment_days, moment_times, phase
from .match import named_measure
from .names import name_findings
from .progress import progress
from .settings import Settings

RANK = {"contradicts": 5, "updates": 4, "corroborates": 3, "related": 2, "possible": 1}

# What a sentence says of one of its values (the state a count counts, the period it is the total of, the weekday it
# is written with ...) is read again for every pair the value is in: thousands of times for one value of a large
# corpus. `_per_value` keeps each answer for the run of `make_findings` (keyed by the objects themselves, which the
# entry holds, so an id is never reused while it is kept); `_forget_values` empties them all.
_MEMOS: list[dict[tuple[Any, ...], tuple[Any, Any, Any]]] = []


def _per_value(fn: Callable[..., Any]) -> Callable[..., Any]:
    memo: dict[tuple[Any, ...], tuple[Any, Any, Any]] = {}
    _MEMOS.append(memo)

    def once(c: Any, v: Any, *rest: Any, **kw: Any) -> Any:
        key = (id(c), id(v), *rest, *sorted(kw.items()))
        got = memo.get(key)
        if got is not None and got[0] is c and got[1] is v:
            return got[2]
        out = fn(c, v, *rest, **kw)
        memo[key] = (c, v, out)
        return out

    once.__doc__, once.__name__, once.__wrapped__ = fn.__doc__, fn.__name__, fn  # type: ignore[attr-defined]
    return once


def _forget_values() -> None:
    for memo in _MEMOS:
        memo.clear()


CUMULATIVE = re.compile(r"\b(?:killed|dead|died|deaths?|toll|injured|wounded|hurt|casualties|missing|displaced|arrested|detained|refugees|fled|evacuated|cases|infected|oiled|hospitali[sz]ed|"
                        # Those treated in hospital are counted up as the days go on: "Eleven people had been treated
                        # ... by late afternoon" on the first day, "Forty-three people have been treated in hospital" ten days on.
                        r"treated|refloated|"
                        # A disaster's damage is counted up as assessors go round: "about 1,200 buildings had been damaged"
                        # on the first day, "6,950 buildings were damaged" a week later.
                        r"damaged|flattened|razed|homeless)\b", re.I)
STATE_CHANGE = re.compile(
    r"\b(?:death of|died|was killed|killed|late|collapsed|collapse|toppled|fled|resigned|resignation|ousted|overthrown|fell|fall of|arrested|captured|"
    r"dismissed|replaced|former|after the death|stepped down|assassinat\w+|executed)\b",
    re.I,
)


# A running total ("so far", "bringing the toll to") is not the count of one incident.
AGGREGATE = re.compile(
    r"\b(?:so far|in total|a total of|overall|altogether|cumulative|to date|since (?:the )?(?:start|beginning|outbreak)|"
    r"bringing (?:the|to|it)|brought the|(?:toll|number|tally) (?:rose|climbed|reached|stood|stands|has risen)|rising (?:\w+ )?toll|"
    r"since (?:the )?(?:\w+ )?\w+ (?:began|started)|since (?:the |it |they )?(?:\w+ )?(?:was|were|had been|went) \w+|"
    r"in the (?:past |last |first )?(?:\w+ )?(?:days|weeks|months|years)|(?:over|in) the (?:past|last) (?:\w+ )?(?:year|month|week|decade)|"
    r"so far this (?:year|month|week)|year to date|in all(?=,)|all told|"
    # "over the four days", "across the four strike days": the total of a span, not one day's figure
    r"(?:over|across|during|throughout) the (?:\w+ ){0,2}(?:days|weeks|months|years))\b",
    re.I,
)
# A few days' total ("lost almost 9 percent over two trading sessions") against one day's figure; not "over 18
# months", which states the period a total covers, as a headline's total does without saying so, nor the days a
# length of time fell in ("deliberated for 11 hours over three days").
FEW_DAYS = re.compile(r"\b(?:over|across|in) (?:two|three|four|five|six|seven|several|\d) (?:straight |consecutive |trading )?(?:sessions|days)\b", re.I)
# A sentence that says it is about another incident than the story's main one.
SEPARATE = re.compile(
    # (Not "had another crisis on its hands", "another blow", "for another week": words of another kind than an incident.)
    r"\b(?:(?<!\bone )another(?!\s+(?:crisis|reason|matter|question|day|time|chance|way|thing|problem|issue|blow|headache|setback|"
    r"sign|example|look|word|step|option|year|week|month|hour|minute|record|story))|separate(?:ly)?|elsewhere|in an earlier|a further|(?:an|the) earlier (?:attack|strike|raid|incident|bombing|shelling|blast|crash|fire)|"
    r"a (?:second|third|fourth) (?:attack|strike|raid|incident|bombing|shelling|blast|crash|fire))\b",
    re.I,
)
# The speaker or reporter of a claim is not a participant of the event it reports.
SPEAKER_AFTER = re.compile(
    # (not a passive: "households in Brackenford have been told to boil their water" are told, not telling)
    r"^\W{0,3}(?:(?!according\b)[\w.-]+\s+){0,2}?(?:said|says|say|(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )(?:told|reported)|tells|reports|"
    r"confirmed|denied|added|wrote|announced|spokes\w+)\b",
    re.I,
)
SPEAKER_BEFORE = re.compile(r"\b(?:according to|told|reporter|correspondent|citing|cited|sportscaster|columnist|spokes\w+|analyst)\s+(?:[\w.-]+\s+){0,2}$", re.I)


# A date written without its year ("July 29", "since June", "six months ago", "last week"): its year is
# read from the article's publication date, so it is an inference, not something the article states.
STATED_YEAR = re.compile(r"\d{4}|['’]\d\d\b")
# Articles published further apart than this give a yearless date in different years as a matter of course.
YEARS_APART_DAYS = 183


def _yearless(d: DateValue) -> bool:
    return not STATED_YEAR.search(d.text)


def _leading_preposition(text: str) -> str:
    """ "of " of a date written "of December" (the date patterns take the preposition in)."""
    m = re.match(r"(?i)(?:of|in|to|since|until|through|by)\s+", text)
    return m.group(0) if m else ""


PERIOD_END = re.compile(r"\b(?:end of|as of|as at|year to|months to|weeks to|quarter to|ended|ending|through|until|since)\s+(?:the\s+)?$", re.I)
RELATIVE_YEAR = re.compile(r"(?:this|last|next) year", re.I)


def _year_known(d: DateValue) -> bool:
    """A date whose year is stated, or is "this year", "last year" or "next year" of its article."""
    return not _yearless(d) or bool(RELATIVE_YEAR.fullmatch(d.text))


def years_from_publication(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None) -> str:
    """Why two dates that differ only in their year are not a disagreement, or '' when that is not so.

    Neither sentence gives a year ("July 29", "since June", "six months ago"): each year is the one its
    article's publication date implies. When both name the same calendar date, or their articles were
    published more than half a year apart, the differing years say the articles are about different
    years, not that they disagree about one event."""
    if fa.kind != "date" or fb.kind != "date":
        return ""
    da, db = ca.dates[fa.index], cb.dates[fb.index]
    if not (_yearless(da) and _yearless(db)) or da.low[:4] == db.low[:4]:
        return ""
    far = _later(sa, sb, YEARS_APART_DAYS) != 0
    # The same day or month of different years ("last year" in two years is not the same date: far decides).
    same = da.granularity not in ("year", "decade") and (da.low[4:], da.high[4:]) == (db.low[4:], db.high[4:])
    if not (same or far):
        return ""
    why = "they name the same calendar date" if same else "the articles were published more than half a year apart"
    return (f"neither sentence gives a year (“{da.text}” vs “{db.text}”): the years come from the publication dates, "
            f"and {why}, so they are about different years")


DEMONYM = re.compile(r"(?:[^aeiou]i|is|ians?|ese|ish)$")


def _is_generic(noun: str) -> bool:
    return noun in GENERIC_COUNTED or noun.startswith("^")


def _participants(c: Claim, common: frozenset[str], span: tuple[int, int] | None = None) -> set[str]:
    """Entity keys that can tell incidents apart: not the speaker, not names the whole story shares."""
    out = set()
    for e in c.entities:
        if span and not (span[0] <= e.start < span[1]):
            continue
        if " " not in e.text and opens_sentence(c.text, e.start):
            continue  # a capitalised first word ("Reports", "Officials", a dateline's "- Around") may be no name at all
        if SPEAKER_AFTER.match(c.text[e.end : e.end + 40]) or SPEAKER_BEFORE.search(c.text[max(0, e.start - 40) : e.start]):
            continue
        if e.key in common:
            continue
        if c.attribution.who and e.key in c.attribution.who.lower():
            continue
        # Nationality words ("Israeli forces", "Sudanese", "Iranians") name sides, not incidents.
        if " " not in e.key and DEMONYM.search(e.key):
            continue
        out.add(e.key)
    return out


@_per_value
def _holder(c: Claim, q: Quantity | Attribute | DateValue, tight: bool = False) -> str:
    """The name a figure belongs to in a sentence that lists several ("the Nationals $160 million, the
    Orioles $150 million"): the nearest name before it in its clause, with no other figure between. ''
    if none. Tight: the figure right after the name, as in a list ("the Baltimore Orioles (seven years")."""
    best = ""
    for e in c.entities:
        gap = c.text[e.end : q.start]
        if e.end <= q.start and (re.fullmatch(r"[\s(:,–-]{0,3}", gap) if tight else len(gap) <= 40 and not re.search(r"[.;:]|\d", gap)):
            best = e.key
    return best


# Between a name and its figure: "Idris, who took only", "Thorley took", "Rasmus Thorley, who scored" (not a saying verb:
# "Acme Corp said 300 jobs" is Acme's word on a figure, not Acme's figure; not a place's preposition, "at Tarrow Park by").
DEED_GAP = re.compile(r"(?:,\s+who)?\s+(?!(?:by|in|at|on|of|for|from|to|with|after|before|and|or)\b)(?:(?!said\b|says\b|told\b|tells\b|estimated\b|estimates\b|reported\b|claimed\b|claims\b|believes\b|thinks\b|puts\b|put\b)[a-z]+\s+){1,3}")


@_per_value
def _who_holder(c: Claim, q: Quantity | Attribute | DateValue) -> str:
    """The person or party a figure is told of, named right before the verb of its clause ("Idris, who took only two
    wickets", "Thorley took eight wickets"), or ''. A capitalised first word alone is no name."""
    best = ""
    for e in c.entities:
        if e.end <= q.start and (e.start > 0 or " " in e.text) and DEED_GAP.fullmatch(c.text, e.end, q.start):
            best = e.text
    return best


@_per_value
def _deed(c: Claim, q: Quantity | Attribute | DateValue) -> tuple[str, str] | None:
    """(the party, its verb) when a figure's clause is a named party's deed told right before it ("Brankovan was
    guaranteed $4.5 million": ("brankovan", "guaranteed")), or None. The verb is the last word between the name and the
    figure that is no auxiliary."""
    for e in reversed(c.entities):
        # (A capitalised first word counts here: the same word and the same verb must stand in both sentences.)
        if e.end <= q.start and DEED_GAP.fullmatch(c.text, e.end, q.start):
            words = [w for w in re.findall(r"[a-z]+", c.text[e.end : q.start]) if w not in AUXILIARIES and w != "who"]
            return (e.key, words[-1]) if words and len(words[-1]) > 3 else None
    return None


# A subject that refers to a party by its kind ("The alliance won 91"); not one that stands for the story's main actor.
GENERIC_ACTORS = frozenset("company firm group business government club team side country city council ministry police army "
                           "authorities officials organisers organizers carrier airline retailer bank lender regulator court".split())


@_per_value
def _definite_subject(c: Claim, q: Quantity | Attribute | DateValue) -> str:
    """The noun of a definite subject right before the verb of a figure's clause ("The alliance won 91 of the 230
    seats": "alliance"), or '' (also for a generic actor, `GENERIC_ACTORS`, which stands for a named one)."""
    for m in re.finditer(r"\b[Tt]he\s+[a-z]{4,}\s+(?!(?:that|which|who|whose)\b)", c.text[: q.start]):
        if DEED_GAP.fullmatch(c.text, m.end() - 1, q.start):
            noun = m.group(0).split()[1]
            return "" if noun in GENERIC_ACTORS else noun
    return ""


# A margin: "losing the first Test at Tarrow Park by six wickets", "won by 55 runs", "beat them by three points".
MARGIN_BEFORE = re.compile(r"\b(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beaten|defeated|defeating|trail\w*|lead\w*|led|"
                           r"exceed(?:s|ed|ing)?|overshot|overshoot|overspent|surpass(?:ed|es)?|undershot|missed)\b"
                           r"[^.;:]{0,50}?\bby\s+(?:just\s+|only\s+|a\s+mere\s+)?$", re.I)


# Other margins: "a margin of just nine votes", "a lead of 14", "after just 14 votes separated the two leading candidates".
MARGIN_NOUN_BEFORE = re.compile(r"\b(?:margin|lead|majority)\s+of\s+(?:just\s+|only\s+|a\s+mere\s+)?$", re.I)
MARGIN_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?separated\b|\s+(?:[a-z]+\s+)?(?:margin|lead|majority)\b|"
                          r"\s+(?:clear of|ahead of|adrift of|behind|short of)\b|\s+(?:points|votes|seats|goals|runs|shots|strokes|places)\s+(?:clear of|ahead of|adrift of|behind|short of)\b", re.I)  # ("finishing 27 seconds clear of Ethiopia's Gebre Alemu")


@_per_value
def _margin(c: Claim, q: Quantity | Attribute | DateValue) -> str:
    """The words that make a figure a margin of victory or defeat ("losing ... by six", "a margin of nine", "14 votes
    separated the two"), or ''."""
    m = MARGIN_BEFORE.search(c.text, max(0, q.start - 80), q.start) or MARGIN_NOUN_BEFORE.search(c.text, max(0, q.start - 40), q.start)
    if m:
        return c.text[m.start() : q.end][:80]
    after = MARGIN_AFTER.match(c.text, q.end)
    return c.text[q.start : after.end()] if after else ""


def _same_figure(ca: Claim, x: Quantity, cb: Claim, y: Quantity) -> bool:
    """Two quantities of one kind: the same dimension and unit, and for counts the same counted noun."""
    if (x.dimension, x.unit) != (y.dimension, y.unit):
        return False
    return x.dimension != "count" or counted_noun(ca.text, x.end) == counted_noun(cb.text, y.end) != ""


@_per_value
def _several_holders(c: Claim, f: Fact) -> bool:
    """Whether the sentence gives values of this fact's kind (and dimension) to two or more different names."""
    if f.kind == "quantity":
        dim = c.quantities[f.index].dimension
        values: list[Quantity | Attribute] = [q for q in c.quantities if q.dimension == dim]
    else:
        values = [a for a in c.attributes if "attribute:" + a.kind == f.kind]
    return len({h for h in (_holder(c, v, tight=True) for v in values) if h}) >= 2


# The nouns a length of time can qualify for one agreement: "a seven-year contract", "a six-year deal".
AGREEMENT = frozenset("contract deal agreement pact offer extension treaty lease term".split())


# Kinds of fact that are measured values (a count, a result, an age), not closed-class descriptions (a
# weekday, a time, a position) that need near-identical wording to tie two sentences to one event.
VALUE_KINDS = ("quantity", "attribute:score", "attribute:age", "attribute:rating", "attribute:duration")


def _alone_of_its_kind(c: Claim, f: Fact) -> bool:
    """Whether the fact's value is the only one of its kind in its sentence (the only sum of money, the only length, the
    only date): then two sentences worded alike cannot have paired one figure with another of the same kind."""
    if f.kind == "date":
        return len(c.dates) == 1
    if f.kind == "quantity":
        dim = c.quantities[f.index].dimension
        return sum(q.dimension == dim for q in c.quantities) == 1
    return sum("attribute:" + a.kind == f.kind for a in c.attributes) == 1


def _alone_counting(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> bool:
    """Whether the two facts count the same noun and are each the only figure counting it in its sentence ("Nine lorries
    were among the vehicles involved" / "34 vehicles were involved, including six lorries")."""
    noun = fa.counted
    return bool(noun) and noun == fb.counted and all(sum(f.counted == noun for f in c.facts) == 1 for c in (ca, cb))


def _value_of(c: Claim, f: Fact) -> Quantity | Attribute | DateValue:
    if f.kind == "date":
        return c.dates[f.index]
    return c.quantities[f.index] if f.kind == "quantity" else c.attributes[_attr_index(c, f)]


# (Not a passive, nor a case confirmed: "the first case was confirmed on 21 October", "a case confirmed on 24 October"
# date the event, the confirmation.)
SAID_BEFORE = re.compile(r"\b(?<!was )(?<!were )(?<!been )(?<!is )(?<!are )(?<!case )(?<!cases )(?<!death )(?<!deaths )"
                         r"(?:said|says|told|announced|reported|added|stated|confirmed)\s+(?:\w+\s+){0,2}?(?:on\s+|late\s+|early\s+)?$", re.I)


def _event_weekdays(c: Claim) -> set[str]:
    """The weekdays a sentence dates its events to (not the day something was said: "officials said on Monday")."""
    return {a.value for a in c.attributes if a.kind == "weekday" and not SAID_BEFORE.search(c.text[max(0, a.start - 30) : a.start + 3])}


@_per_value
def _value_start(c: Claim, f: Fact) -> int | None:
    if f.kind == "date":
        return c.dates[f.index].start
    if f.kind == "quantity":
        return c.quantities[f.index].start
    a = c.attributes[_attr_index(c, f)]
    return a.start


def _verb_before(c: Claim, f: Fact, word: str) -> bool:
    """Whether a fact's clause has `word` (its first four letters) before the value: the verb the value is the time of."""
    v = _value_start(c, f)
    return v is not None and re.search(rf"\b{re.escape(word[:4])}", c.text[f.span[0] : v], re.I) is not None


RATE = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:per|a|an|each)\s+(?:year|season|month|week|day|hour|annum|head|person|capita)\b|^\s*(?:\w+\s+){0,2}?(?:annually|a year|yearly)\b|^\s*(?:(?:thousand|million|billion)\s+)?(?:average|annual|on average)\b"
                  r"|^\s*(?:[\w-]+\s+){0,4}?in each of\b", re.I)
# "down 28% from a year earlier": a comparison with a year before, not a rate per year.
YEAR_EARLIER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:a|an|one)\s+\w+\s+(?:earlier|ago|before|previously)\b", re.I)


# An amount for each of something: "£250 for each household", "a £150 payment to every household", "£40 per customer".
PER_UNIT_AFTER = re.compile(r"\s*(?:(?:[a-z-]+\s+){0,2}?(?:per|for\s+each|for\s+every|to\s+each|to\s+every|each|every)|a)\s+"
                            r"(?:affected\s+|eligible\s+|single\s+)?(?P<n>[a-z]{3,})\b")


@_per_value
def _per_unit_of(c: Claim, q: Quantity) -> str:
    m = PER_UNIT_AFTER.match(c.text, q.end, q.end + 50)
    if not m or m.group("n") in FUNCTION_WORDS or _rate(c.text[q.end : q.end + 40]):
        return ""
    noun = _singular(m.group("n"))
    return SAME_THING.get(noun, noun)


# Groups whose size is a standing fact of what they belong to: a vessel's crew, a trial's jury, a team's squad.
COLLECTIVES = frozenset("crew jury squad panel delegation cabinet".split())


def _per_unit(c: Claim, f: Fact) -> str:
    """The thing an amount is given for each of ("household" in "£250 for each household"), or ''."""
    return _per_unit_of(c, c.quantities[f.index]) if f.kind == "quantity" else ""


def _rate(after: str) -> re.Match[str] | None:
    return None if YEAR_EARLIER.match(after) else RATE.match(after)


WINDOW_BEFORE = re.compile(r"\b(?:past|last|first|next|previous|his|her|their|its|each of the|over the|in the)\s*$", re.I)
WINDOW_UNIT = re.compile(r"^\s*(?:[\w-]+\s+)?(?:seasons?|years?|months?|weeks?|days?|games?|matches|decades?)\b", re.I)
OTHER = re.compile(r"\bother\s*$|^\s*others?\b(?!\s+(?:were|was|had|have))", re.I)


def _in_breakdown(c: Claim, f: Fact) -> bool:
    """A count that follows another in a list ("12 of one family, seven children, three women and two men")."""
    q0 = c.quantities[f.index]
    if OTHER.search(c.text[max(0, q0.start - 10) : q0.start]) or OTHER.match(c.text[q0.end : q0.end + 8]):
        return True  # "three other bombs", "the other two": the rest of a total
    if re.search(r"\b(?:including|among them|of whom)\s+$", c.text[max(0, q0.start - 16) : q0.start]):
        # "68 passengers, including 15 foreigners": a part of the passengers, but all the foreigners; a
        # count of another noun than the other sentence's is told apart by the counted noun anyway.
        return False
    counts = [(i, q) for i, q in enumerate(c.quantities) if q.dimension == "count"]
    if len(counts) < 3 or f.index == 0:
        return False
    pos = [i for i, _ in counts]
    if f.index not in pos or pos.index(f.index) == 0:
        return False
    k = pos.index(f.index)
    prev, cur = counts[k - 1][1], counts[k][1]
    return len(c.text[prev.end : cur.start]) < 30 and bool(re.search(r",|\band\b", c.text[prev.end : cur.start]))


# "at least one offer better than eight years and $184 million": the figure is a yardstick, not a value.
COMPARED_WITH = re.compile(
    r"\b(?:better|bigger|larger|higher|greater|richer|lower|smaller|worse|cheaper|longer|shorter)\s+than\s+(?:[\w$£€.,-]+\s+){0,5}?$",
    re.I,
)
# A legal or set maximum: "carries a maximum sentence of 10 years", "a maximum penalty of ten years' imprisonment", "faces up
# to 14 years in prison", "punishable by up to", "the legal maximum of four and a half hours". Not an actual figure.
MAXIMUM_BEFORE = re.compile(
    r"\b(?:legal|statutory|permitted|allowed|carries\s+a|carry\s+a|carried\s+a)\s+maximum\s+(?:[a-z]+\s+){0,2}?(?:of\s+)?(?:up\s+to\s+)?$|"
    r"\bmaximum\s+(?:(?:prison|jail|custodial)\s+)?(?:sentence|penalty|term|fine)\b[^.;:\d]{0,50}?\b(?:is|was|of)\s+(?:up\s+to\s+)?$|"
    r"\b(?:faces?|facing|faced|carr(?:y|ies|ied|ying)|punishable\s+by|could\s+(?:face|get|receive|have\s+(?:jailed|fined)\s+\w+\s+for))\s+(?:a\s+)?"
    r"(?:(?:possible|potential|maximum|prison|jail|custodial)\s+)*(?:(?:sentence|term|penalty|fine)\s+of\s+)?up\s+to\s+$", re.I)
MAXIMUM_AFTER = re.compile(r"^[^.;,]{0,30}?,?\s+the\s+(?:legal\s+|statutory\s+)?maximum\s+(?:for|under|allowed|permitted)\b", re.I)


def _maximum(c: Claim, q: Quantity) -> str:
    """The words that make a figure a set maximum rather than an actual value ("maximum sentence of 10 years"), or ''."""
    m = MAXIMUM_BEFORE.search(c.text, max(0, q.start - 60), q.start)
    if m:
        return c.text[m.start() : q.end]
    m = MAXIMUM_AFTER.match(c.text[q.end : q.end + 60])
    return c.text[q.start : q.end + m.end()] if m else ""


# "the seven-year offers", "five-year deals": a figure that qualifies a plural noun is shared by several things.
PLURAL_HEAD = re.compile(r"\s+(?!(?:years|months|weeks|days|hours|times|olds)\b)[a-z]{3,}(?<!ss)s\b")


POINTS_AFTER = re.compile(r"\s*(?:percentage\s+|basis\s+)?points?\b", re.I)


def _in_points(c: Claim, q: Quantity) -> str:
    """The words of a figure given in points ("one percentage point", "25 basis points"), or ''."""
    if re.search(r"\bpoints?\b", q.text, re.I):
        return q.text
    m = POINTS_AFTER.match(c.text, q.end)
    return c.text[q.start : m.end()] if m else ""


def _typical(interval: tuple[float, float]) -> float:
    """One value for an interval: its middle, or its lower end when it is open above ("over 90 years")."""
    lo, hi = interval
    return lo if hi == float("inf") else (lo + hi) / 2


NONE_AGAINST_MANY = 1000
HOURS_IN = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0}


PART_OF_TOTAL = re.compile(r"\s+of\s+(?:that|the|this|its|their)\s+(?:\w+\s+)?(?:total|sum|amount|figure|bill|tally)\b")
ALL_OF_BEFORE = re.compile(r"\b(?:all|every one of the|each of the)\s+$", re.I)
PARTITIVE_AFTER = re.compile(r"\s+of\s+(?:the|its|their|his|her)\s+")


def doubtful_same_measure(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why two differing figures may not measure the same thing, though nothing says they differ: '' if none."""
    if fa.kind != "quantity" or fb.kind != "quantity":
        return ""
    qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
    for c, q in ((ca, qa), (cb, qb)):
        many = PLURAL_HEAD.match(c.text[q.end : q.end + 30]) if "-" in q.text else None
        if many:
            return f"in {c.source_file} “{q.text}{many.group(0)}” describes several of them, not one"
        than = COMPARED_WITH.search(c.text[max(0, q.start - 60) : q.start])
        if than:
            return f"in {c.source_file} “{q.text}” is what something is compared with (“{than.group(0).strip()} {q.text}”), not its value"
    for c, q in ((ca, qa), (cb, qb)):
        if part := PART_OF_TOTAL.match(c.text, q.end):
            # "Aircraft leases account for about £310m of that total": a share of a sum the sentence before gave.
            return f"in {c.source_file} “{q.text}{part.group(0)}” is a part of a total, not the total"
    ma, mb = _maximum(ca, qa), _maximum(cb, qb)
    if bool(ma) != bool(mb):
        # "Fraud by abuse of position carries a maximum sentence of 10 years" / "was sentenced to seven years": the law's
        # ceiling and a sentence passed are two measures.
        return f"one is a set maximum (“{ma or mb}”), the other an actual figure"
    ra, rb = _rate(ca.text[qa.end : qa.end + 40]), _rate(cb.text[qb.end : qb.end + 40])
    if bool(ra) != bool(rb):
        return "one is a rate (“" + (ra or rb).group(0).strip() + "”), the other a total"  # type: ignore[union-attr]
    for c, q in ((ca, qa), (cb, qb)):
        if WINDOW_BEFORE.search(c.text[max(0, q.start - 25) : q.start]) and WINDOW_UNIT.match(c.text[q.end : q.end + 30]):
            return f"in {c.source_file} “{q.text}” is a time window (“{c.text[max(0, q.start - 12) : q.end + 12].strip()}”), not a measured value"
    points = [_in_points(c, q) for c, q in ((ca, qa), (cb, qb))]
    if bool(points[0]) != bool(points[1]):
        # "cut by one percentage point, to 24 per cent": a change in points is not a rate.
        return f"one is a change in points (“{points[0] or points[1]}”), the other a rate"
    if qa.dimension == qb.dimension and qa.dimension not in ("count", "currency", "percent") and qa.unit != qb.unit:
        # "over 90 years" (a shop's age) vs "3 minutes" (a raid's length): the same dimension, in units that differ
        # as much as the amounts. Nobody misreports one as the other.
        small, big = sorted(_typical(to_base(q)) for q in (qa, qb))
        if small > 0 and big >= 10 * small:
            return f"the amounts differ more than tenfold in different units (“{qa.text}” vs “{qb.text}”): different measures"
        hours = {u: HOURS_IN.get(u) for u in (qa.unit, qb.unit)}
        if qa.dimension == "time" and None not in hours.values() and min(hours.values()) <= 1 and max(hours.values()) >= 24:  # type: ignore[type-var]
            # "after roughly 14 hours of deliberation" / "after nearly three days of deliberation": hours spent on
            # something within a span of days; a span and the time spent in it are two measures.
            short, long_ = (qa, qb) if hours[qa.unit] < hours[qb.unit] else (qb, qa)  # type: ignore[operator]
            if short.high * hours[short.unit] < long_.high * hours[long_.unit]:  # type: ignore[operator]
                return f"“{short.text}” may be the time spent within “{long_.text}” (hours against days): two measures"
    if qa.dimension == qb.dimension == "currency" and qa.unit == qb.unit:
        # "$39.50" (a share's price) vs "$775 million" (the sum raised): ten thousand times apart is no misprint
        # (a slipped "million" for "billion" is a thousand times, and stays a contradiction).
        small, big = sorted(_typical((q.low, q.high)) for q in (qa, qb))
        if small > 0 and big >= 1e4 * small:
            return f"the sums differ more than ten-thousandfold (“{qa.text}” vs “{qb.text}”): a price and a total, not one measure"
    if qa.dimension == "count" and qb.dimension == "count":
        standing = [f for f in (fa, fb) if STANDING.search(f.masked)]
        if len(standing) == 1 and ENTERED.search((fb if standing[0] is fa else fa).masked):
            # "19 people remain in hospital" vs "64 were taken to hospital": those still in a state, and all who
            # entered it. ("74 people were still missing" vs "60 people were missing" is one count: both now.)
            return f"one counts those still in one state (“{STANDING.search(standing[0].masked).group(0)}”), the other all who entered it"  # type: ignore[union-attr]
        if not fa.counted or not fb.counted:
            return "it is unclear what one of the numbers counts"
        alls = [c for c, q in ((ca, qa), (cb, qb)) if ALL_OF_BEFORE.search(c.text, max(0, q.start - 12), q.start)]
        parts = [c for c, q in ((ca, qa), (cb, qb)) if PARTITIVE_AFTER.match(c.text, q.end)
                 and not ALL_OF_BEFORE.search(c.text, max(0, q.start - 12), q.start)]
        if len(alls) == 1 and len(parts) == 1 and alls[0] is not parts[0]:
            # "All five of the group's hospitals were affected" / "doctors at three of the group's hospitals": all of them
            # against some of them.
            return f"in {alls[0].source_file} the count is all of them, in {parts[0].source_file} a part of them (“... of the”)"
        for c, f in ((ca, fa), (cb, fb)):
            if _in_breakdown(c, f):
                return f"in {c.source_file} “{f.value}” is one part of a breakdown, not the whole count"
        for c, q in ((ca, qa), (cb, qb)):
            items = _enumerated_after(c, q)
            if items:
                return f"in {c.source_file} “{q.text}” is the first item of an enumeration (“{items}”), one part of a whole"
        for c, f, other in ((ca, fa, qb), (cb, fb, qa)):
            part = _elliptic_part(c, f, other)
            if part:
                return f"{c.source_file} also gives “{part}” in the same sentence, a part of its count that matches the other"
        for c, f, other in ((ca, fa, qb), (cb, fb, qa)):
            q = c.quantities[f.index]
            for g in c.facts:
                p = c.quantities[g.index] if g.kind == "quantity" and g.index != f.index else None
                if p is not None and p.dimension == "count" and g.counted in ("", f.counted) and other.value > max(q.value, p.value) \
                        and q.value + p.value == other.value and OTHER_PARTY_SHARE.fullmatch(c.text, q.end, p.start):
                    # "saw Drovnia free five prisoners and Velsenia free eight" / "exchanged 13 prisoners": two parts and their sum.
                    return f"{c.source_file} gives “{q.text}” and “{p.text}”, which add up to the other's “{other.text}”: parts of one total"
        lo, hi = sorted((max(qa.low, qa.value), max(qb.low, qb.value)))
        if lo >= 1 and hi >= 10 * lo:
            return "the counts differ more than tenfold, which usually means different scopes (one incident vs a total)"
        if lo == 0 and hi >= NONE_AGAINST_MANY:
            # "There appeared to be no casualties" / "some 2 million died in the latest war, from 1983-2005": nobody
            # against thousands is one incident against a war's or a year's total, not one count told twice.
            return "none against thousands, which usually means different scopes (one incident vs a total)"
    return ""


_ITEM = re.compile(
    r"\s*(?:,|;|\band\b)\s+(?:and\s+)?(?P<n>one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:of them\s+)?"
    r"(?P<v>(?!(?:killed|wounded|injured|died|dead|hurt|missing|arrested|detained)\b)(?:\w+ed|hit|fell|struck|went|was|were|sank|flew|broke))\b"
    r"(?:(?!\band\b)[^,;])*",
    re.I,
)


def _enumerated_after(c: Claim, q: Quantity) -> str:
    """The items after a count that make it the first of an enumeration: "two bombs fell on an airstrip,
    one hit a school and one landed on a market" (two or more items after a comma, each a number with a
    verb of its own that is not a casualty word). A colon or dash after the count makes it their total
    ("five were dropped: two hit the camp and three fell outside"). '' if none."""
    end = c.text.find(",", q.end)
    if end < 0 or re.search(r"[:;–—]|\s-\s", c.text[q.end : end]):
        return ""
    items, pos = 0, end
    while m := _ITEM.match(c.text, pos):
        items, pos = items + 1, m.end()
    return c.text[end:pos].lstrip(" ,;") if items >= 2 else ""


def _elliptic_part(c: Claim, f: Fact, other: Quantity) -> str:
    """A later count in c's sentence that names no noun of its own ("five soldiers died, four from
    friendly fire") and equals the other side's count: the other side may report that part, not a
    different total. '' if none."""
    for g in c.facts:
        if g.kind != "quantity" or g.index <= f.index or g.counted:
            continue
        p = c.quantities[g.index]
        verb = OWN_VERB.match(c.text, p.end)
        if p.dimension == "count" and not verb and p.low <= other.high and other.low <= p.high:
            return p.text
    return ""


# Between two parties' shares: "Drovnia free five| prisoners and Velsenia free |eight" (not "six carriages derailed, and
# two of them rolled": a part of the first; nor "three at 1.50pm, and two more": later ones).
OTHER_PARTY_SHARE = re.compile(r"\s+(?:[a-z]+\s+){0,2}and\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,3}[a-z]+\s+")
# A count followed by its own verb ("of which four exploded") states another fact, not a part of the first.
OWN_VERB = re.compile(r"\s+(?:of (?:them|those)\s+)?(?:\w+ed|were|was|are|is|died|fell|hit|struck|lost|had|have|has|went|came|remain\w*)\b", re.I)


@_per_value
def _aggregate_near(c: Claim, f: Fact) -> re.Match[str] | None:
    """A running-total cue ("so far", "bringing to") that belongs to this count: between the count and
    its neighbouring numbers, so "five soldiers died on Wednesday, bringing to 10 the toll" marks the
    10 as the total and not the five."""
    q = c.quantities[f.index]
    lo = max([0] + [p.end for p in c.quantities if p.end <= q.start])
    hi = min([len(c.text)] + [p.start for p in c.quantities if p.start >= q.end])
    got = AGGREGATE.search(c.text, max(lo, q.start - 60), min(hi, q.end + 60))
    if got or q.dimension == "time":
        return got
    # A few days' total holds a number of its own ("lost almost 9 percent over two trading sessions"): it must
    # start before the next figure, not end there.
    return next((m for m in FEW_DAYS.finditer(c.text, max(lo, q.start - 60), min(len(c.text), q.end + 60)) if m.start() < hi), None)


# "91 of the 230 seats", "five out of 12 games": the second number is the whole the first is taken from.
WHOLE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|dozens?))"
    r"\s+(?:\w+\s+)?(?:of|out of)\s+(?:the\s+|all\s+|its\s+|their\s+|a total of\s+)?(?:[\w-]+['’]s\s+)?"
    r"(?:(?:roughly|about|around|some|nearly|almost|approximately|just over|just under|more than|over)\s+)?$",
    re.I,
)


@_per_value
def _whole_of(c: Claim, f: Fact) -> str:
    """The part-of phrase when this count is the whole a part is counted from ("91 of the 230"), or ''."""
    q = c.quantities[f.index]
    m = WHOLE_BEFORE.search(c.text[max(0, q.start - 40) : q.start])
    return (m.group(0) + q.text) if m else ""


# A figure someone expects, predicts or forecasts ("Most analysts expect the committee to vote 8-1", "analysts had
# expected profit of £300m", "is tipped to win by 20 seats"): a prediction, which the outcome may not match.
EXPECTATION = re.compile(
    r"\b(?:expect(?:s|ed|ing)?|expectations?|predict(?:s|ed|ing|ions?)?|anticipat(?:es?|ed|ing)|tipped to|target of|pencil+ed in|"
    # "said it hoped to reach 10,000 signatures by the end of the week", "aims to raise £5m"
    r"hop(?:es|ed|ing) to (?:reach|raise|get|collect|attract|hit|sell|have)|aim(?:s|ed|ing)? to (?:reach|raise|get|collect|attract|hit|sell)|"
    r"consensus|(?:is|are) seen (?:as|at)|polls? (?:show|suggest|put))\b", re.I)
# (Not "tipped over", "against the odds", nor a witness's "was seen at 10:42 pm".)
COUNTERFACTUAL = re.compile(r"\b(?:would|could|might) (?:otherwise )?have (?:been|cost|reached|totalled|totaled)\b|\bbefore (?:the |a |any )?(?:\d+\s?(?:%|per ?cent) )?discount\b", re.I)
# A figure asked for, not (yet) granted: "would ask councillors to set aside up to", "the 5,200 night flights the airport had
# asked for".
REQUEST_BEFORE = re.compile(r"\b(?:would|will|to|plans? to|intends? to|wants? to)\s+(?:ask|seek|request|propose|recommend)\b[^.;:]{0,50}$", re.I)
REQUESTED_AFTER = re.compile(r"\s+(?:[a-z-]+\s+){0,3}?(?:(?:that|which)\s+)?(?:the\s+|it\s+|they\s+)?(?:[A-Za-z-]+\s+){0,2}?(?:had|has|have)\s+"
                             r"(?:asked for|requested|sought|applied for|bid for|wanted)\b")
EXPECTED_AFTER = re.compile(r"\s+(?:of \w+\s+)?(?:forecast|predicted|expected|projected|had been forecast|that had been (?:forecast|expected))\b(?!\s+(?:to|that|for|of|by)\b)", re.I)


def expectation_vs_outcome(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why a figure that one side expects is not contradicted by the other's, or '' when neither or both
    are expectations (two outlets may disagree on what was expected)."""
    cues = []
    for c, f in ((ca, fa), (cb, fb)):
        v = _value_start(c, f)
        m = EXPECTATION.search(c.text, f.span[0], v) if v is not None else None
        if m is None and f.kind == "quantity":
            # "far less than the 80mm forecast": the figure was what was forecast.
            m = EXPECTED_AFTER.match(c.text, c.quantities[f.index].end)
        if m is None and v is not None:
            # "without which the fine would have been 266.3 million pounds": what would have been, not what is.
            m = COUNTERFACTUAL.search(c.text, max(f.span[0], v - 60), v)
        what = "expected"
        if m is None and v is not None:
            # "said she would ask councillors to set aside up to £150,000" / "Councillors agreed to set aside up to £250,000";
            # "well below the 5,200 night flights the airport had asked for" / "the airport operated around 2,900 night flights".
            m = REQUEST_BEFORE.search(c.text, max(f.span[0], v - 60), v)
            if m is None and f.kind == "quantity":
                m = REQUESTED_AFTER.match(c.text, c.quantities[f.index].end)
            what = "asked for"
        cues.append((c, m, what))
    (c1, m1, w1), (c2, m2, w2) = cues
    if bool(m1) == bool(m2):
        return ""
    c, m, what = (c1, m1, w1) if m1 else (c2, m2, w2)
    assert m is not None
    return f"{c.source_file} states what was {what} (“{m.group(0).strip()}”), not what happened"


# A figure offered in a negotiation ("Corvane went into the strike offering 7 percent", "proposed a 5% rise") and the
# figure of the deal that ended it ("a deal worth 12.5% over three years"): two stages, not one figure told twice.
OFFERED_BEFORE = re.compile(r"\b(?:offering|offered|propos(?:ed|ing)|put forward|tabled)\s+(?:(?:an?|the|its|their)\s+)?(?:[a-z-]+\s+){0,2}?(?:of\s+)?$", re.I)
# The deal made: agreed, accepted, struck, or a dispute ended by it (not "a deal worth $184 million", which may be an offer).
DEAL = re.compile(r"\b(?:agreed|settled|settlement|accepted|struck|end(?:s|ed|ing)? (?:the |a |its |their )?(?:\w+ )?(?:strike|dispute|walkout|stoppage))\b", re.I)


def offer_and_deal(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why a figure offered and a figure of the deal agreed are not one figure, or ''."""
    if fa.kind != "quantity" or fb.kind != "quantity":
        return ""
    offered = [OFFERED_BEFORE.search(c.text[max(0, q.start - 50) : q.start]) for c, q in ((ca, ca.quantities[fa.index]), (cb, cb.quantities[fb.index]))]
    if bool(offered[0]) == bool(offered[1]):
        return ""
    c, m, other = (ca, offered[0], cb) if offered[0] else (cb, offered[1], ca)
    if not DEAL.search(other.text):
        return ""
    return f"{c.source_file} gives what was offered (“{m.group(0).strip()}”), {other.source_file} what was agreed"  # type: ignore[union-attr]


def participle_date(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why two dates are of different deeds, or '': one is the date of a participle that qualifies a noun
    (`claims.PARTICIPLE_DATE`) and the other is not."""
    if fa.kind != "date" or fb.kind != "date":
        return ""
    cues = [noun_deed_date(c.text, c.dates[f.index].start) for c, f in ((ca, fa), (cb, fb))]
    if bool(cues[0]) == bool(cues[1]):
        return ""
    c, m = (ca, cues[0]) if cues[0] else (cb, cues[1])
    return f"in {c.source_file} the date is of a noun's own deed (“{m.group(0).strip()} …”), not the sentence's"  # type: ignore[union-attr]


def recalled_event(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why a figure of a sentence that goes on about the earlier event the sentence before it recalls ("... terms than
    those agreed in 2019. That was the year of Project Anker, which ... eliminated 1,300 jobs") is not about the
    other sentence's own event, or ''. (`claims.CONTINUES` put its facts in that earlier event; the sentence itself
    names no date for `past_event_of`.)"""
    for c, f, g in ((ca, fa, fb), (cb, fb, fa)):
        if f.event.startswith("bg:") and g.event.startswith("main:") and not c.dates and (m := CONTINUES.match(c.text) or THAT_TIME.search(c.text)):
            return f"{c.source_file} goes on about an earlier event the sentence before it recalls (“{m.group(0).strip()}”)"
        if f.event.startswith("bg:") and g.event.startswith("main:") and not c.dates and c.background:
            # An undated sentence placed in an earlier event by the one after it ("... The answer was No, by 52.6 per cent
            # ..., on a turnout of just 58.9 per cent. Seven of the 11 regions voted No that time").
            return f"{c.source_file} tells of an earlier event the sentences around it recall ({f.event[3:].replace('|', ', ')})"
    return ""


def past_event_of(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None) -> str:
    """Why a figure dated to an earlier event is not about the other article's event, or '' when nothing says so.

    One sentence dates its figure to a stated year at least a year before its article ("In the 2024
    election, the alliance had won 80 seats"; "In the 2006 Lebanon war, 28 civilians were killed"), or
    before it with a pluperfect ("had won"); the other gives no date of its own, so it is about its own
    article's time. Last year's figure in an annual report ("profit fell to £310m in 2025", published in
    2026) is not caught: a year is allowed for the reporting period."""
    if fa.kind == "date" or fb.kind == "date":
        return ""
    for c, f, s, o, t in ((ca, fa, sa, cb, sb), (cb, fb, sb, ca, sa)):
        pub, pub_o = _pub(s), _pub(t)
        # (A date of a noun's own deed in the other sentence is not its time: "the 2:06:31 that Abebe Tessema ran in 2023".)
        if not pub or not pub_o or any(not _yearless(d) and not noun_deed_date(o.text, d.start) for d in o.dates):
            continue
        cs, ce = f.span
        # "13p a share, down from 29p in 2024": the year dates the earlier value, not the figure.
        earlier = [q.end for q in c.quantities if _earlier_value(c, q)]
        fq = c.quantities[f.index] if f.kind == "quantity" else None
        for d in c.dates:
            if d.start >= ce:
                continue  # a date in a clause after the figure's ("..., and that the main had passed its last test in 2023")
            if fq is not None and figure_between(c.quantities, fq, d):
                continue  # another figure between: "46.1 per cent, ..., though below the 52.7 per cent recorded ... in May 2024"
            # A month or day without its year ("In September, it voted 6-3") is the latest before the article.
            # (Only against a sentence with no date nor weekday at all: "jailed on Friday after stabbing three men" has
            # its own time, and its stabbing may be the earlier one.)
            # Nor a reporting period ("net debt of £520m at the end of December", "in the year to March"): results
            # published months later are about it.
            recent = (_yearless(d) and not RELATIVE_YEAR.search(d.text) and d.granularity in ("month", "day") and not o.dates
                      and not any(a.kind == "weekday" for a in o.attributes) and not FUTURE_SENTENCE.search(c.text)
                      and not PERIOD_END.search(c.text[max(0, d.start - 24) : d.start] + _leading_preposition(d.text)))
            when_clause = SINCE_WHEN.match(c.text, d.end)  # "since March 2011, when the nine-storey block came down"
            # ("Last year's race, held on April 13": the year is known, the one before the article's.)
            last_year = LAST_YEAR_HELD.search(c.text[max(0, d.start - 80) : d.start])
            if (not _year_known(d) and not recent and not last_year) or (NOT_WHEN.search(c.text[max(0, d.start - 12) : d.start]) and not when_clause):
                continue  # "the highest since 1995" compares with a time; it does not date the figure
            if any(0 <= d.start - e <= 12 and re.fullmatch(r"\s*(?:in|for|during|at the end of)?\s*", c.text[e : d.start]) for e in earlier):
                continue
            if noun_deed_date(c.text, d.start):
                continue  # "taking down the 2:06:31 that Abebe Tessema ran in 2023": the date of that time, not of the win
            end = date.fromisoformat(d.high)
            before_other = end < pub_o[0]
            if recent:
                if before_other and (pub[0] - end).days > NEWS_DAYS and (pub_o[0] - end).days > NEWS_DAYS:
                    return (f"{c.source_file} dates its figure to an earlier month (“{d.text}”, more than a month before either "
                            f"article); {o.source_file} gives no date, so it is about its own time")
                continue
            if before_other and ((pub[0] - end).days > 366 or (PLUPERFECT.search(c.text[cs:ce]) and end < pub[0])):
                return f"{c.source_file} dates its figure to an earlier time (“{d.text}”); {o.source_file} gives no date, so it is about its own time"
    return ""


# A date this close to its article's publication is the article's news; one this far before it is another event.
NEWS_DAYS = 31
HISTORY_DAYS = 730


def news_and_history(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None) -> str:
    """Why two dates years apart are two events, or '' when nothing says so: one dates its article's news
    (within a month before its publication: "the government fell on 15 October 2026" in an article of 15
    October 2026) and the other lies more than two years before it ("survived a vote in March 2019"). No
    outlet misdates this week's event by years; a story's own past is another event. The year of
    publication itself counts as the news ("so far in 2026" against "the 2019 outbreak"). Two past dates
    ("signed in 2024" vs "in January 2025") are left to the other rules."""
    if fa.kind != "date" or fb.kind != "date":
        return ""
    da, db = ca.dates[fa.index], cb.dates[fb.index]
    for (c, d, s), (o, e) in (((ca, da, sa), (cb, db)), ((cb, db, sb), (ca, da))):
        # The earlier date must state its year; the news may leave it to the publication date ("on 24 October").
        if _yearless(e):
            continue
        pub = _pub(s)
        # A day this month, or this year as a whole ("1,140 cases so far in 2026" vs "the 2019 outbreak").
        this_year = d.granularity == "year" and pub is not None and d.low[:4] == pub[0].isoformat()[:4]
        if not pub or (d.granularity != "day" and not this_year):
            continue
        day = date.fromisoformat(d.low)
        if day <= pub[1] and ((pub[0] - day).days <= NEWS_DAYS or this_year) and (day - date.fromisoformat(e.high)).days > HISTORY_DAYS:
            return (f"{c.source_file} dates its article's own news (“{d.text}”, published {pub[0].isoformat()}), and "
                    f"“{e.text}” in {o.source_file} is years earlier: two events, not one misdated")
    return ""


NOT_WHEN = re.compile(r"\b(?:since|from|after|before|until|till|than|by)\s+(?:the\s+)?$", re.I)
PLUPERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|ght|lt|id|on|ck|ung|ew|ade)\b", re.I)


# "fell to 2.9% in August, from 3.0% in July", "rose from 3% to 4%": the value the figure changed from.
EARLIER_BEFORE = re.compile(r"\b(?:from|down from|up from|compared with|versus|against)\s+(?:a\s+|an\s+)?$", re.I)
CHANGE_WORDS = re.compile(r"\b(?:rose|rise|risen|fell|fall|fallen|dropped|climbed|increased|decreased|declined|slowed|cooled|eased|jumped|grew|shrank|down|up|cut|raised|lowered|from)\b", re.I)


# "£310m, compared with £280m a year earlier": a comparison with the past needs no change word.
YEAR_EARLIER_AFTER = re.compile(r"\s*(?:a year (?:earlier|ago|before)|the (?:previous|prior) year|the year before|last year|in the (?:previous|prior|same) (?:year|period))\b", re.I)


@_per_value
def _earlier_value(c: Claim, q: Quantity) -> str:
    """The cue when this figure is the earlier value of a change stated in the sentence, or ''."""
    m = EARLIER_BEFORE.search(c.text[max(0, q.start - 16) : q.start])
    changed = CHANGE_WORDS.search(c.text[: q.start]) or YEAR_EARLIER_AFTER.match(c.text[q.end : q.end + 30])
    if m and changed and any(o is not q and o.dimension == q.dimension for o in c.quantities):
        return (m.group(0) + q.text).strip()
    return ""


VALUE_DATE_GAP = re.compile(r"\s*(?:of\s+(?:GDP|gross\s+domestic\s+product|output|sales|revenue|turnover)\s+)?(?:(?:in|on|for|during)\s+(?:the\s+)?)?")


@_per_value
def _date_of_value(c: Claim, q: Quantity) -> DateValue | None:
    """A date written right after a figure ("3.0% in July", "killed 12 on Tuesday", "2.9% of GDP in the coming fiscal
    year"), or None."""
    for d in c.dates:
        if 0 <= d.start - q.end <= 40 and VALUE_DATE_GAP.fullmatch(c.text, q.end, d.start):
            return d
    return None


@_per_value
def _weekday_of_value(c: Claim, q: Quantity, loose: bool = False) -> Attribute | None:
    """A weekday a figure is written with: right after it ("closed at 425p on Thursday"; `loose`: a few words after
    it, "35mm of rain fell on Tuesday") or as the possessive of its noun ("Tuesday's closing price of 412p"), or None."""
    for a in c.attributes:
        if a.kind != "weekday":
            continue
        gap = c.text[q.end : a.start]
        if 0 <= a.start - q.end <= 8 and re.fullmatch(r"\s*,?\s*(?:on|last|this|next)?\s*", gap):
            return a
        if loose and 0 <= a.start - q.end <= 30 and re.fullmatch(r"[^.;,\d]*", gap) and (gap.endswith("on ") or a.text.lower().startswith("on ")):
            return a
        if 0 <= q.start - a.end <= 40 and re.fullmatch(r"['’]s\s+(?:[\w-]+\s+){0,3}(?:of|at)\s+(?:about\s+|around\s+)?", c.text[a.end : q.start]):
            return a
    return None


# The state of those a count counts, from the words around the figure: "killed 12", "the death toll has reached 31",
# "nine dead", "16 remained missing", "21 rescued alive".
STATE_WORDS = (
    ("dead", r"dead|killed|died|deaths?|bodies|lives"), ("missing", r"missing|unaccounted"),
    ("injured", r"injured|wounded|hurt|injuries"), ("rescued", r"rescued|saved|alive"), ("evacuated", r"evacuated|evacuees"),
    ("arrested", r"arrested|detained|in custody"), ("buried", r"buried|trapped"),
    # Buildings too: "640 homes destroyed and roughly 1,100 more damaged".
    ("destroyed", r"destroyed|razed|flattened|levelled|leveled"), ("damaged", r"damaged"),
    # Hostages: "The six hostages still inside" / "Three hostages were allowed to leave".
    ("released", r"freed|released|allowed to leave|let go"), ("held", r"still inside|still held|held hostage|held captive|remained inside"),
)  # (Not "in hospital": "46 had been treated in hospital for injuries" counts the injured.)
STATE_AFTER = re.compile(r"\b(?:" + "|".join(f"(?P<s{i}>{w})" for i, (_, w) in enumerate(STATE_WORDS)) + r")\b", re.I)
STATE_BEFORE = re.compile(r"(?:\b(?P<verb>(?:kill|injur|wound|rescu|evacuat|arrest|buri|trapp)(?:ed|ing)|burying)|\b(?P<toll>death toll|toll)\b[^.;,]{0,50}?\b"
                          r"(?:reached|rose to|risen to|stands at|stood at|at|to|of))\s+(?:at least |about |some |more than |nearly |almost )?$", re.I)


VERB_STATE = {"kill": "dead", "inju": "injured", "woun": "injured", "resc": "rescued", "evac": "evacuated", "arre": "arrested",
              "buri": "buried", "bury": "buried", "trap": "buried"}


@_per_value
def _state_of(c: Claim, q: Quantity) -> str:
    """The state of those a count counts ("dead", "missing", "injured"...), or '': a verb right before the figure
    ("killed 12", "toll to 34"), else the first state word after it and before the next figure."""
    b = STATE_BEFORE.search(c.text[max(0, q.start - 70) : q.start])
    if b:
        return "dead" if b.group("toll") else VERB_STATE[b.group("verb").lower()[:4]]
    nxt = min((o.start for o in c.quantities if o.start >= q.end), default=len(c.text))
    # Its own words first: "there were no dead or wounded" is a count of the dead (and another of the wounded).
    m = STATE_AFTER.search(c.text, q.start, q.end) or STATE_AFTER.search(c.text, q.end, min(nxt, q.end + 60))
    return STATE_WORDS[int(m.lastgroup[1:])][0] if m and m.lastgroup else ""


PERIOD_AFTER = re.compile(r"[^.;\d]{0,60}?\b(?:in|over|during|within)\s+the\s+(?:past\s+|last\s+|previous\s+|preceding\s+|first\s+)?"
                          r"(?:(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b", re.I)
PERIOD_HOURS = {"hour": 1, "day": 24, "week": 168, "month": 730, "year": 8766}
SMALL_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


@_per_value
def _period_of(c: Claim, q: Quantity) -> tuple[str, float] | None:
    """The period a figure is the total of ("148mm of rain had fallen in the 24 hours before", "in the day before"): its
    words and its length in hours, or None."""
    m = PERIOD_AFTER.match(c.text, q.end)
    if not m:
        # Written before it: "Over the three days to that morning, 390mm of rain fell".
        for t in c.quantities:
            if t.dimension == "time" and t.start < q.start and t.unit in PERIOD_HOURS and _total_over(c, t) is q:
                return t.text, t.value * PERIOD_HOURS[t.unit]
        return None
    n = m.group("n")
    k = float(n) if n and n.isdigit() else SMALL_NUMBERS.get((n or "one").lower(), 1)
    return m.group(0)[m.start("unit") - m.start() - (len(n) + 1 if n else 0):].strip(), k * PERIOD_HOURS[m.group("unit").lower().rstrip("s")]


@_per_value
def _total_over(c: Claim, t: Quantity) -> Quantity | None:
    """The figure a length of time is the period of ("390mm of rain fell over the three days"; "Over the three days
    to that morning, 390mm of rain fell"), or None."""
    for q in c.quantities:
        if q is t or q.dimension in ("time", "count", "ordinal"):
            continue
        if q.end <= t.start and (m := PERIOD_AFTER.match(c.text, q.end)) and m.end() >= t.end:
            return q
        if t.end <= q.start and re.fullmatch(r"[^.;\d]{0,40}", c.text[t.end : q.start]) and re.search(r"\b(?:in|over|during|within)\s+the\s+[^.;]*$", c.text[max(0, t.start - 30) : t.start], re.I):
            return q
    return None


def _states_both(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why two values were paired crosswise, or '': each sentence states both ("eliminated in 2022 and 2023" /
    "cut jobs in 2022 and 2023": 2022 is not contradicted by 2023), or, for dates, one sentence states the
    other's date too."""
    if fa.kind not in ("date", "quantity", "attribute:age", "attribute:duration", "attribute:score"):
        return ""
    va, vb = _value_of(ca, fa), _value_of(cb, fb)
    other_a = [x for x in _values_of_kind(ca, fa) if x is not va]
    other_b = [x for x in _values_of_kind(cb, fb) if x is not vb]
    if fa.kind == "attribute:age":
        # "Lenka Marou, a 29-year-old instructor, a 52-year-old man from Talheim and a 38-year-old woman" / "Lenka Marou,
        # 29": the 38 is another person's.
        for c, other, v in ((ca, other_a, vb), (cb, other_b, va)):
            if any(x.value == v.value for x in other):  # type: ignore[union-attr]
                return f"{c.source_file} gives the age “{v.value}” as well (“{next(x.text for x in other if x.value == v.value)}”): the ages of different people"  # type: ignore[union-attr]
        return ""
    if any(_same_value(x, vb) for x in other_a) and any(_same_value(x, va) for x in other_b):
        return f"each sentence states both values ({fa.value}, {fb.value}): the two were paired crosswise"
    if fa.kind == fb.kind and fa.kind in ("date", "attribute:duration", "attribute:score") or fa.kind == "quantity" == fb.kind and _same_dimension(va, vb):
        # One sentence states both years ("first win since 2011 ... the 3-0 defeat in the 2019 final") and the
        # other one of them ("a wait that stretched back to 2011"): its own 2011 is the pair, not its 2019. So with
        # figures: "growth of 1.6 per cent, more optimistic than the 1.2 per cent projected by the Fiscal Council"
        # and "growth of 1.6%": the 1.6 is the pair, not the 1.2.
        for c, other, v in ((ca, other_a, vb), (cb, other_b, va)):
            if any(_same_value(x, v) for x in other):
                return f"{c.source_file} states “{v.text}” as well: the two were paired crosswise"
    return ""


def _same_dimension(x: DateValue | Quantity, y: DateValue | Quantity) -> bool:
    return isinstance(x, Quantity) and isinstance(y, Quantity) and (x.dimension, x.unit) == (y.dimension, y.unit)


def _values_of_kind(c: Claim, f: Fact) -> list[DateValue] | list[Quantity] | list[Attribute]:
    if f.kind == "date":
        return list(c.dates)
    if f.kind.startswith("attribute:"):
        return [a for a in c.attributes if a.kind == f.kind.split(":", 1)[1]]
    q = c.quantities[f.index]
    noun = counted_noun(c.text, q.end)  # counts: of the same noun ("five bombs" is not "five aid workers")
    return [x for x in c.quantities if (x.dimension, x.unit) == (q.dimension, q.unit)
            and (q.dimension != "count" or counted_noun(c.text, x.end) == noun)]


def _same_value(x: DateValue | Quantity | Attribute, y: DateValue | Quantity | Attribute) -> bool:
    if isinstance(x, DateValue) and isinstance(y, DateValue):
        return (x.low, x.high) == (y.low, y.high)
    if isinstance(x, Quantity) and isinstance(y, Quantity):
        return (x.low, x.high, x.unit) == (y.low, y.high, y.unit)
    if isinstance(x, Attribute) and isinstance(y, Attribute):
        return (x.kind, x.value) == (y.kind, y.value)  # ("2:07:12 ... and Meron Desta won the women's race in 2:23:05")
    return False


def names_apart(ca: Claim, fa: Fact, cb: Claim, fb: Fact, common: frozenset[str]) -> str:
    """Each sentence names a place or participant the other does not, and they share only names the whole
    story uses ("in Boulder, Colorado" vs "a King Soopers store in Boulder"): outlets add details of one
    incident that way, and a story's incidents are told apart that way too. '' if not so."""
    if fa.kind not in VALUE_KINDS:
        return ""
    pa, pb = _participants(ca, frozenset(), fa.span), _participants(cb, frozenset(), fb.span)
    only_a, only_b = sorted(pa - pb), sorted(pb - pa)
    shared = sorted(pa & pb)
    if only_a and only_b and shared and not (set(shared) - common):
        return (f"each names a place or participant the other does not ({', '.join(only_a[:2])} vs {', '.join(only_b[:2])}; "
                f"both name {', '.join(shared[:2])}): one incident told with other details, or two incidents")
    return ""


# A date between a determiner or a possessive and a noun names which one of a kind ("the 2026-27 budget", "Reiner's 2025-26
# budget", "the 2019 final", "its 2024 accounts"), not when something happened.
DATED_NOUN_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|this|last|next)|['’]s)\s+$", re.I)
DATED_NOUN_AFTER = re.compile(r"\s+(?P<n>[a-z]{3,})\b")
AS_OF_BEFORE = re.compile(r"\b(?:[Bb]y|[Aa]s of|[Aa]s at)\s+(?:(?:the\s+)?(?:end|close|morning|evening|afternoon|night)\s+of\s+)?$")
PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:(?:now|already|so far|since|also|all)\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|ne|ht|st)\b")
DEADLINE_BEFORE = re.compile(r"\b(?:by|no later than|not later than|deadline of)\s+(?:the\s+end\s+of\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?$")
SPLIT_YEAR = re.compile(r"(?:19|20)\d\d[-–/]\d\d")


@_per_value
def _dated_noun(c: Claim, d: DateValue) -> str:
    """The noun a date names one of ("budget" in "the 2026-27 budget"), or ''."""
    if not DATED_NOUN_BEFORE.search(c.text, max(0, d.start - 12), d.start):
        return ""
    m = DATED_NOUN_AFTER.match(c.text, d.end)
    return m.group("n") if m and m.group("n") not in FUNCTION_WORDS and not m.group("n").endswith("ed") else ""


def different_incidents(ca: Claim, fa: Fact, cb: Claim, fb: Fact, common: frozenset[str] = frozenset()) -> str:
    """Why two facts with similar wording are not about the same thing, or '' when nothing says so.

    A contradiction needs the same event and the same measure; these are the signs that they differ:
    the numbers count different things (or one is the whole the other's part is counted from, or two
    lengths of time qualify different nouns), one is a running total and the other one incident, one
    sentence says it describes another incident, the sentences name different days or state dates that do
    not overlap, each names places or participants the other does not, a figure belongs to another party
    in a list of several parties' figures, two dates are each the period of its own figure, or two past
    dates years apart are tied by nothing but the story."""
    if fa.kind not in VALUE_KINDS:  # a date, weekday or time; not "said the 21-year-old"
        sides = [(c, f, _value_start(c, f)) for c, f in ((ca, fa), (cb, fb))]
        for c, f, v in sides:
            if v is not None and SAID_BEFORE.search(c.text[max(0, v - 30) : v]):
                return f"in {c.source_file} “{f.value}” dates when something was said, not the event"
        for c, f, v in sides:
            if v is not None and (by := AS_OF_BEFORE.search(c.text, max(0, v - 12), v)) and PERFECT.search(c.text):
                # "By Monday morning, 34 prisoners had been transferred" / "By Tuesday evening 52 prisoners had been
                # transferred": the moment a running total is given at, not the day of an event.
                end = c.dates[f.index].end if f.kind == "date" else c.attributes[_attr_index(c, f)].end
                return f"in {c.source_file} “{c.text[by.start() : end]}” is the moment a total is given at, not the day of an event"
        for c in (ca, cb):
            if again := AGAIN.search(c.text):
                # "The runway was reopened at 9.15am on Saturday but closed again" / "The runway finally reopened at 11.50am on
                # Sunday": an event undone or done once more happens on more than one day.
                return f"in {c.source_file} it happens more than once (“{again.group(0)}”)"
    if fa.kind == fb.kind == "attribute:time":
        # "departed runway 27L at 10:42" / "touched down on runway 27L at 10.58am": a start and an end.
        pa_, pb_ = phase(ca, _value_of(ca, fa).start), phase(cb, _value_of(cb, fb).start)
        if pa_ and pb_ and pa_[0] != pb_[0]:
            return f"they are the times of different moments, a start and an end (“{pa_[1]}” vs “{pb_[1]}”)"
    if fa.kind == fb.kind == "date":
        da, db = ca.dates[fa.index], cb.dates[fb.index]
        dla, dlb = (DEADLINE_BEFORE.search(c.text, max(0, d.start - 30), d.start) for c, d in ((ca, da), (cb, db)))
        if bool(dla) != bool(dlb):
            # "ordered the exchange to submit a report on the outage by Friday 13 March" / "the report ... was submitted on
            # Thursday": a deadline is not the day something was done.
            c, d = (ca, da) if dla else (cb, db)
            return f"in {c.source_file} “{c.text[(dla or dlb).start() : d.end]}” is a deadline, not the day of the event"  # type: ignore[union-attr]
        na_, nb_ = _dated_noun(ca, da), _dated_noun(cb, db)
        if na_ and na_ == nb_:
            # "approved the 2026-27 budget" / "A year ago, Reiner's 2025-26 budget": a date that names which one.
            return f"each date names which {na_} (“{da.text} {na_}” vs “{db.text} {nb_}”): two of them, not one dated twice"
        for c, d, n, other in ((ca, da, na_, db), (cb, db, nb_, da)):
            if n and SPLIT_YEAR.fullmatch(d.text) and not SPLIT_YEAR.fullmatch(other.text):
                # "Reiner's 2025-26 budget" / "presented last year's budget in May 2025": a financial year names which
                # budget; the other date is when something was done.
                return f"in {c.source_file} “{d.text} {n}” names which {n} (a financial year or season), not when something happened"
    if fa.kind == "quantity" and fb.kind == "quantity":
        wa, wb = _whole_of(ca, fa), _whole_of(cb, fb)
        if bool(wa) != bool(wb):
            c, f, part = (ca, fa, wa) if wa else (cb, fb, wb)
            return f"in {c.source_file} “{f.value}” is the whole a part is counted from (“{part}”), not the same count"
        na, nb = fa.counted, fb.counted
        # A fraction counts nothing: "a magnitude 7.3 quake" is a measurement of the quake.
        qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
        whole = any(float(q.value).is_integer() for q in (qa, qb))
        # Only a count counts things: "a seven-year contract" and "a six-year deal" are one measure.
        if na and nb and na != nb and whole and qa.dimension == qb.dimension == "count" and not (_is_generic(na) and _is_generic(nb)):
            return f"they count different things ({na.lstrip('^')} vs {nb.lstrip('^')})"
        sta, stb = _state_of(ca, qa), _state_of(cb, qb)
        if qa.dimension == qb.dimension == "count" and sta and stb and sta != stb:
            # "23 people had been confirmed dead and 16 remained missing" / "three people missing": the dead and the missing.
            return f"they count people in different states ({sta} vs {stb})"
        pra, prb = _period_of(ca, qa), _period_of(cb, qb)
        if pra and prb and pra[1] != prb[1] and qa.dimension != "time":
            # "148mm of rain had fallen in the 24 hours before" / "Over the three days to that morning, 390mm of rain fell".
            return f"each figure is a total over its own period (“{qa.text}” {pra[0]}, “{qb.text}” {prb[0]})"
        if bool(pra) != bool(prb) and qa.dimension != "time":
            # "just 35mm of rain fell on Tuesday" / "390mm of rain fell over the three days": one day's figure and a period's total.
            c, q = (cb, qb) if pra else (ca, qa)
            on = _date_of_value(c, q)
            day = _weekday_of_value(c, q, True) or (on if on and on.granularity == "day" else None)  # (not "3.1 percent in September")
            if day:
                return f"one figure is a total over a period (“{(pra or prb)[0]}”), the other of one day (“{q.text} {c.text[q.end : day.end].strip()}”)"  # type: ignore[index]
        if qa.dimension == qb.dimension == "time":
            ta, tb = _total_over(ca, qa), _total_over(cb, qb)
            if ta and tb and not _same_value(ta, tb):
                return f"each length of time is the period of its own figure (“{ta.text}” in {qa.text}, “{tb.text}” in {qb.text})"
            if bool(ta) != bool(tb):
                c, q, t = (ca, qa, ta) if ta else (cb, qb, tb)
                return f"in {c.source_file} “{q.text}” is the period of another figure (“{t.text}”), not the same length of time"  # type: ignore[union-attr]
        # A length of time measures the noun it qualifies: "a seven-year history" is not "an eight-year offer"
        # ("a seven-year contract" and "a six-year deal" are one agreement).
        if qa.dimension == qb.dimension == "time" and na and nb and na != nb and not {na, nb} <= AGREEMENT:
            return f"they measure different things (a {qa.text} {na} vs a {qb.text} {nb})"
        pa_, pb_ = _earlier_value(ca, qa), _earlier_value(cb, qb)
        if bool(pa_) != bool(pb_):
            c, q, cue = (ca, qa, pa_) if pa_ else (cb, qb, pb_)
            return f"in {c.source_file} “{q.text}” is the earlier value the figure changed from (“{cue}”)"
        wa_, wb_ = _date_of_value(ca, qa), _date_of_value(cb, qb)
        if wa_ and wb_ and not (wa_.low <= wb_.high and wb_.low <= wa_.high):
            return f"each figure is dated to its own time (“{qa.text} {ca.text[qa.end:wa_.end].strip()}” vs “{qb.text} {cb.text[qb.end:wb_.end].strip()}”)"
        da_, db_ = _weekday_of_value(ca, qa), _weekday_of_value(cb, qb)
        if da_ and db_ and da_.value != db_.value:
            # "closed at 425p on Thursday" and "closed 1.3% lower at 421p on Tuesday": two days' prices, not one in dispute.
            return f"each figure is of its own day (“{qa.text}” {da_.value}, “{qb.text}” {db_.value})"
        ga, gb = _aggregate_near(ca, fa), _aggregate_near(cb, fb)
        # (Not a total of none: "had received no reports of a leak in the weeks before the collapse" leaves no room for the
        # other's "two reports".)
        if bool(ga) != bool(gb) and qa.dimension != "ordinal" and (qa if ga else qb).qualifier != "none":  # "the 12th since July 2022" is a rank, not a total
            agg, c = (ga, ca) if ga else (gb, cb)
            return f"one is a running total (“{agg.group(0)}” in {c.source_file}), the other a single incident"  # type: ignore[union-attr]
        scope = _scope_apart(ca, fa, cb, fb)
        if scope:
            return scope
    sa, sb = SEPARATE.search(ca.text), SEPARATE.search(cb.text)
    if bool(sa) != bool(sb):
        sep, c = (sa, ca) if sa else (sb, cb)
        return f"{c.source_file} describes a separate incident (“{sep.group(0)}”)"  # type: ignore[union-attr]
    if fa.kind != "date":
        da = [d for d in ca.dates if d.granularity == "day"]
        db = [d for d in cb.dates if d.granularity == "day"]
        # (Not two weekdays: "approved ... on Tuesday 17 March" / "passed ... on Thursday" (19 March) differ in the day, which
        # is the question, not a sign of two events.)
        # (Nor two ages: "Darren Kilbride, 43, ... were lifted ... yesterday" / "Darren Kilbride, 34, ... first appeared ... on
        # Wednesday 6 May": a man is one age on both days.)
        if da and db and not any(x.low <= y.high and y.low <= x.high for x in da for y in db) and not fa.kind == fb.kind == "attribute:weekday" \
                and not fa.kind == fb.kind == "attribute:age":
            return f"they are about different days ({da[0].display} vs {db[0].display})"
        if not fa.kind.startswith("attribute:") and not (da and db):
            # "shares fell 4.7% on Thursday" and "fell 3.1% on Monday": two days' moves, not one in dispute.
            wa, wb = _event_weekdays(ca), _event_weekdays(cb)
            if wa and wb and not (wa & wb):
                return f"they are about different days ({', '.join(sorted(wa))} vs {', '.join(sorted(wb))})"
        # Stated years too: "In 2007, an earthquake near Pisco killed more than 500" and "an earthquake in
        # the same region in 2001 killed 145" are two earthquakes.
        da = [d for d in ca.dates if d.granularity in ("day", "month", "year") and _year_known(d)]
        db = [d for d in cb.dates if d.granularity in ("day", "month", "year") and _year_known(d)]
        if da and db and not any(x.low <= y.high and y.low <= x.high for x in da for y in db):
            return f"they are dated to different times ({da[0].display} vs {db[0].display})"
        if fa.kind == "attribute:weekday":
            if not (_participants(ca, common) & _participants(cb, common)):
                return "no place or participant ties the two weekdays to one event"
        if fa.kind in VALUE_KINDS:
            # Names the whole story shares do not tie two facts to one incident, but differing ones still tell them apart.
            pa, pb = _participants(ca, frozenset(), fa.span), _participants(cb, frozenset(), fb.span)
            only_a, only_b = sorted(pa - pb), sorted(pb - pa)
            if only_a and only_b and not (pa & pb):
                return f"they name different places or participants ({', '.join(only_a[:2])} vs {', '.join(only_b[:2])})"
        if fa.kind in ("quantity", "attribute:age"):
            # "Rasmus Thorley, who took eight wickets in the first Test" / "Idris, who took only two wickets in the first
            # Test": each figure is its own person's.
            wa, wb = _who_holder(ca, _value_of(ca, fa)), _who_holder(cb, _value_of(cb, fb))
            if wa and wb and not (set(wa.lower().split()) & set(wb.lower().split())) and wb.split()[-1] not in ca.text and wa.split()[-1] not in cb.text:
                return f"each figure is its own party's ({wa} vs {wb})"
            # "Pellingford are 19th, above only Greyfield Rangers, who have 18 points" / "Pellingford sit 19th on 22 points":
            # the 18 is a party's that the other sentence does not name.
            for w, w_other, c, f, o in ((wa, wb, ca, fa, cb), (wb, wa, cb, fb, ca)):
                if w and not w_other and w.split()[-1] not in o.text and WHO_HAVE.search(c.text, 0, _value_of(c, f).start):
                    return f"one figure is {w}'s, whom the other sentence does not name"
            # "The Socialist Party won 58 seats" / "The alliance won 91 of the 230 seats": a party named, and one that a
            # noun of no name in that sentence refers to ("The Democratic Alliance of ... Luis Montenegro won 89": the same).
            for w, w_other, c, o, f in ((wa, wb, cb, ca, fb), (wb, wa, ca, cb, fa)):
                noun = _definite_subject(c, _value_of(c, f)) if w and not w_other else ""
                if noun and not any(noun in e.text.lower().split() for e in o.entities) and w.split()[-1] not in c.text:
                    return f"each figure is its own party's ({w} vs the {noun})"
            ma, mb = _margin(ca, _value_of(ca, fa)), _margin(cb, _value_of(cb, fb))
            if bool(ma) != bool(mb):
                c, mg = (ca, ma) if ma else (cb, mb)
                return f"in {c.source_file} the figure is a margin of victory or defeat (“{mg}”), not the same count"
            holders = _holder(ca, _value_of(ca, fa)), _holder(cb, _value_of(cb, fb))
            if all(holders) and holders[0] != holders[1] and holders[0] in cb.entity_keys() and holders[1] in ca.entity_keys():
                return f"each sentence gives figures for both {holders[0]} and {holders[1]}; these two belong to different ones"
            # "the Baltimore Orioles (seven years, $140-150 million), Washington Nationals (eight years, ...)":
            # in a list of several parties' figures, a figure is its party's; a sentence that does not name
            # that party is not about it.
            for c, f, o in ((ca, fa, cb), (cb, fb, ca)):
                h = _holder(c, _value_of(c, f), tight=True)
                if h and h not in o.entity_keys() and _several_holders(c, f):
                    return f"{c.source_file} lists several parties' figures and this one is {h}'s, whom the other sentence does not name"
    both = _states_both(ca, fa, cb, fb)
    if both:
        return both
    if fa.kind == "date":
        # "Malaria killed 627,000 people in 2020" and "killed 409,000 people in 2019": each date is the period
        # of its own figure, two statistics, not one event dated twice. (The same figure in two years is.)
        pairs = [(x, y) for x in ca.quantities if fa.span[0] <= x.start < fa.span[1]
                 for y in cb.quantities if fb.span[0] <= y.start < fb.span[1] and _same_figure(ca, x, cb, y)]
        if pairs and not any(x.low <= y.high and y.low <= x.high for x, y in pairs):
            x, y = pairs[0]
            return f"each date is the period of its own figure ({x.text} vs {y.text}): two statistics, not one date in dispute"
    if fa.kind == "date" and not fa.event.startswith("main:") and not fb.event.startswith("main:") and not (ca.entity_keys() & cb.entity_keys()):
        # Two past dates years apart that only the story ties together ("an earthquake in the same region
        # in 2001", "In 2007, an earthquake near Pisco"): two events, not one misdated. Close dates of a
        # story's past event ("the attack happened on 14 June" vs "took place on 15 June") still disagree.
        da, db = ca.dates[fa.index], cb.dates[fb.index]
        lo, hi = sorted((da, db), key=lambda d: d.low)
        if (date.fromisoformat(hi.low) - date.fromisoformat(lo.high)).days > 366:
            return "they are past dates years apart that no shared name ties to one event"
    return ""


# A figure's scope, as business news states it in the figure's clause: the period it covers, a rival's figure,
# one division's.
PERIOD_SCOPES = (
    ("half-year", re.compile(r"\b(?:interim|half-year|half year|first[- ]half|second[- ]half|six months|H[12])\b", re.I)),
    ("quarter", re.compile(r"\b(?:(?:first|second|third|fourth|last|latest|final) quarter|quarterly|(?:first|last|latest|final) three months|"
                           r"three months (?:to|ended|ending)|Q[1-4])\b", re.I)),
    # "For 2025 as a whole, revenue fell 3.1 percent": the year's figure, not its last quarter's.
    ("whole year", re.compile(r"\b(?:full[- ]year|(?:for|over|across) (?:the|\d{4}) (?:as a whole|whole year)|for (?:the )?(?:whole|full|entire) year|"
                              r"(?:for|over|across) \d{4} as a whole|year as a whole)\b", re.I)),
)  # (not "a quarter of the staff")
# What a change is measured against: "0.2% on the previous quarter" and "0.9% higher than a year earlier" are
# two measures of one quarter's growth (checked only when both sentences name one).
CHANGE_BASES = (
    ("on the previous period", re.compile(r"\b(?:(?:compared )?(?:with|on|from|over) the (?:previous|prior|preceding) (?:three months|quarter|month|period)|"
                                         r"quarter[- ]on[- ]quarter|month[- ]on[- ]month|q/q|m/m|sequential(?:ly)?)\b", re.I)),
    ("on a year earlier", re.compile(r"\b(?:(?:than|from|on|with) (?:a|the) year (?:earlier|ago|before)|(?:than|from|on|with) the same (?:quarter|month|period) (?:a year earlier|last year|of \d{4})|"
                                    r"year[- ]on[- ]year|y/y|annual(?:ised|ized)? (?:rate|basis|terms))\b", re.I)),
)
RIVAL = re.compile(r"\b(?:rivals?|competitors?|peers?)\b", re.I)
# (Also one region's figure of a breakdown: "Turnout was highest in the Brennholt region, where 76.8 per cent of members
# voted", "in the Northern district, where 40 homes were flooded".)
PART_ALONE = re.compile(r"\b(?:highest|lowest|biggest|smallest|largest|strongest|weakest)\s+in\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,3}"
                        r"(?:region|area|district|county|province|state|ward|constituency|borough)\b|"
                        r"\bin\s+the\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:region|area|district|county|province|ward|constituency|borough),\s+where\b|"
                        r"\b(?:[A-Z][\w'’-]+\s+){1,3}alone\b|\b[Ii]n\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){0,2}(?:[a-z]+\s+){0,2}?(?:alone|itself)\b|\bon\s+(?:the\s+)?(?:\w+\s+)?day\s+alone\b")
# A figure summed over parts ("2,950 samples collected across road and track cycling", "the two plants combined"): the
# other figure may be one of the parts ("2,310 samples in road cycling").
COMBINED = re.compile(r"\bacross\s+(?:both\s+|all\s+)?(?:the\s+|its\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?\s+and\s+[\w-]+|"
                      r"\bacross\s+(?:the\s+|its\s+|their\s+)?(?:two|three|four|five|six|both|all)\s+(?:[\w-]+\s+)?"
                      r"(?:companies|groups|businesses|firms|sites|countries|regions|plants|factories|stores|divisions|villages|towns)\b|\bcombined\b(?!\s+with)|\bbetween them\b", re.I)
DIVISION = re.compile(r"\b(?:division|divisions|business unit|segment|subsidiary)(?:'s)?\b", re.I)
# A part of a company's sales named by its channel or basis ("Online sales rose 3.5%", "Like-for-like sales fell 4.8
# percent"), by a place just named ("Sales there dropped 11.4%") or by a place its clause opens with ("In Germany,
# revenue slid 11.4 percent"): not the group's figure, nor another part's.
SEGMENT = re.compile(r"\b(?P<s>online|digital|e-commerce|ecommerce|in-store|store|like-for-like|same-store|comparable(?:-store)?|wholesale|retail|"
                     r"domestic|international|overseas|export|services?|advertising|subscription)\s+(?:sales|revenues?|turnover)\b|"
                     r"\b(?:sales|revenues?|turnover) (?P<t>there)\b", re.I)
PLACE_OPENING = re.compile(r"(?:In|At|Across|Within)\s+(?P<p>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s+alone)?,\s")


PLACE_SCOPE_END = re.compile(r";|,\s+(?:and|but|while|whereas|where)\b|\s(?:while|whereas)\s")


def _segment(c: Claim, f: Fact, clause: str) -> str:
    """The part of the business a money or percentage figure's clause is about (`SEGMENT`; `PLACE_OPENING` when
    the figure is in the clause the place opens), or ''."""
    m = SEGMENT.search(clause)
    if m:
        return (m.group("s") or m.group("t")).lower()
    m = PLACE_OPENING.match(c.text)
    q = c.quantities[f.index]
    return m.group("p") if m and not PLACE_SCOPE_END.search(c.text, m.end(), q.start) else ""


@_per_value
def _scope_marks(c: Claim, f: Fact) -> tuple[Any, ...]:
    """What `_scope_apart` reads of one figure, which its sentence alone decides (read once per figure, not per pair):
    its clause with the figure blanked, the part of the year it covers, a part alone, a sum over parts, the base of a
    change, whether it is money or a share, and then its part of the business, a rival's or a division's cue."""
    q = c.quantities[f.index]
    t = (c.text[: q.start] + " " * (q.end - q.start) + c.text[q.end :])[f.span[0] : f.span[1]]  # ("jailed for six months")
    period = next((name for name, rx in PERIOD_SCOPES if rx.search(t)), "")
    base = next((name for name, rx in CHANGE_BASES if rx.search(c.text)), "")
    money = q.dimension in ("currency", "percent")
    return (t, period, PART_ALONE.search(c.text), COMBINED.search(t), base, money, _segment(c, f, t) if money else "",
            RIVAL.search(t) if money else None, DIVISION.search(t) if money else None)


def _scope_apart(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> str:
    """Why two figures have different scopes, or '': one covers a half-year or a quarter and the other does not
    (or another one), one is a rival's ("rival Stanmore reported a profit of £190m"), or one division's ("the
    insulation division's revenue of £1.6bn") and the other not, or the two measure change against different
    bases (on the previous quarter vs on a year earlier)."""
    ta, pa, pa_, sa, ba, money_a, sa_, ra, da = _scope_marks(ca, fa)
    tb, pb, pb_, sb, bb, money_b, sb_, rb, db = _scope_marks(cb, fb)
    if pa != pb:
        return f"they cover different periods ({pa or 'no part of the year named'} vs {pb or 'no part of the year named'})"
    # "At Dublin Airport alone, 410 flights were cancelled": a part of the whole the other figure may count.
    if bool(pa_) != bool(pb_):
        c, m = (ca, pa_) if pa_ else (cb, pb_)
        return f"in {c.source_file} the figure is a part (“{m.group(0).strip()}”), in the other it is not"
    if bool(sa) != bool(sb):
        c, m = (ca, sa) if sa else (cb, sb)
        return f"in {c.source_file} the figure sums several parts (“{m.group(0).strip()}”), in the other it may be one of them"
    if ba and bb and ba != bb:
        return f"they measure change against different bases ({ba} vs {bb})"
    money = money_a and money_b
    if money:
        # (A place both name is no part of one: "In Germany, revenue slid" / "German revenue fell".)
        named = sa_ and sa_[:1].isupper() and sa_[:5].lower() in tb.lower() or sb_ and sb_[:1].isupper() and sb_[:5].lower() in ta.lower()
        if sa_.lower() != sb_.lower() and not named:
            return f"they are figures of different parts of the business ({sa_ or 'not named'} vs {sb_ or 'not named'})"
    for ma, mb, what in ((ra, rb, "a rival's"), (da, db, "one division's")) if money else ():
        if bool(ma) != bool(mb):
            c, m = (ca, ma) if ma else (cb, mb)
            return f"in {c.source_file} the figure is {what} (“{m.group(0)}”), in the other it is not"
    return ""


def _state_change_near(c: Claim, key: str) -> str:
    """A state-change cue ("death of", "ousted") within a few words of an entity, or ''."""
    for e in c.entities:
        if e.key != key:
            continue
        lo = max(0, e.start - 45)
        window = c.text[lo : e.end + 25]
        for m in STATE_CHANGE.finditer(window):
            # "refugees who fled to South Sudan": the cue leads to the name; South Sudan did not flee.
            if m.end() <= e.start - lo and TOWARDS.match(window, m.end(), e.start - lo):
                continue
            if NOBODY_AFTER.match(c.text, lo + m.end()):
                continue  # "a spokesman in Bandar Ulay said police had arrested no one": nothing changed
            return m.group(0)
    return ""


NOBODY_AFTER = re.compile(r"\s+(?:no one|no-one|nobody|none|anyone)\b", re.I)
# Between a state-change cue and the name after it: the name is where something went, not who changed.
TOWARDS = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:to|into|from|across|towards?|for|in|at)\s+(?:the\s+)?$", re.I)


def _num(v: object) -> str:
    return f"{v:,.6g}" if isinstance(v, float) else str(v)


def _pub(src: Source | None) -> tuple[date, date] | None:
    return published_interval(src) if src else None


def _fmt_interval(lo: float, hi: float) -> str:
    if hi == float("inf"):
        return f"≥ {lo:,.6g}"
    if lo == float("-inf"):
        return f"≤ {hi:,.6g}"
    if lo == hi:
        return f"{lo:,.6g}"
    return f"{lo:,.6g}–{hi:,.6g}"


_UP = r"rose|rise|rises|risen|rising|up|gained|gaining|increased|climbed|jumped|grew|higher|soared|surged|advanced|added|rallied"
_DOWN = r"fell|fall|falls|fallen|falling|down|dropped|declined|lost|losing|slipped|slid|decreased|lower|plunged|sank|tumbled|dipped|eased|shed"
_ADVERBS = r"by|some|about|nearly|almost|more than|over|around|roughly|a further|another|just|only|sharply|as much as|an? (?:extra|additional)"
DIRECTION_BEFORE = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))(?:\s+(?:{_ADVERBS}))*\s*$", re.I)
DIRECTION_AFTER = re.compile(r"^\s*(?:(?P<up>rise|increase|gain|jump|climb|advance|higher|up)|(?P<down>fall|drop|decline|decrease|slide|lower|down))\b", re.I)


@_per_value
def _direction(c: Claim, q: Quantity) -> tuple[str, str] | None:
    """("up" or "down", the word) when the sentence says which way the figure moved: "rose 4%", "shares were
    down 7.4 per cent", "a 4% fall"; None when it does not ("rose 4% to 412p": 412p has none)."""
    m = DIRECTION_BEFORE.search(c.text[max(0, q.start - 40) : q.start])
    if m is None:
        m = DIRECTION_AFTER.match(c.text[q.end : q.end + 20])
    if m is None:
        return None
    return ("up", m.group("up")) if m.group("up") else ("down", m.group("down"))


def compare_values(ca: Claim, fa: Fact, cb: Claim, fb: Fact) -> tuple[bool | None, str]:
    """(compatible?, explanation). None when the values cannot be compared (e.g. different currencies)."""
    if fa.kind == "date":
        da, db = ca.dates[fa.index], cb.dates[fb.index]
        how = f"{da.display} ({da.granularity}) vs {db.display} ({db.granularity})"
        if da.text.lower() == db.text.lower() and not re.search(r"\d", da.text) and (da.low, da.high) != (db.low, db.high):
            # "this week" in a quote two articles of different days repeat: the same words, read from two dates.
            return None, f"the same relative date (“{da.text}”) read from two publication dates: {how}"
        if da.granularity == db.granularity == "span" and (da.low, da.high) != (db.low, db.high):
            # Two stated ranges ("2020 to 2022 models", "built between 2019 and 2022") state their ends:
            # overlapping is not agreeing.
            return False, "the ranges have different ends: " + how
        ok = da.low <= db.high and db.low <= da.high
        return ok, ("the periods overlap: " if ok else "the periods do not overlap: ") + how
    if fa.kind == "quantity":
        qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
        if qa.dimension == "currency" and qa.unit != qb.unit:
            return None, f"different currencies ({qa.unit} vs {qb.unit})"
        la, ha = _celsius(qa) or (to_base(qa) if qa.dimension != "currency" else (qa.low, qa.high))
        lb, hb = _celsius(qb) or (to_base(qb) if qb.dimension != "currency" else (qb.low, qb.high))
        # Rounding in conversions ("8 kilometres (5 miles)") is tolerated at 5%.
        tol = 0.05 if qa.unit != qb.unit else 0.0
        ok = la * (1 - tol) <= hb * (1 + tol) and lb * (1 - tol) <= ha * (1 + tol)
        conv = " after unit conversion" if qa.unit != qb.unit else ""
        how = f"{fa.value} [{_fmt_interval(qa.low, qa.high)}] vs {fb.value} [{_fmt_interval(qb.low, qb.high)}]{conv}"
        if qa.qualifier in CEILINGS and qb.qualifier in CEILINGS and qa.dimension in CEILING_DIMENSIONS:
            # "a fine of up to £1,000" / "fines of up to £2,500": each states the ceiling itself, so the ceilings
            # are the values compared (two ranges from nought would always overlap).
            ok = ha * (1 - tol) <= hb * (1 + tol) and hb * (1 - tol) <= ha * (1 + tol)
            return ok, ("the ceilings agree: " if ok else "the ceilings differ: ") + how
        if not ok and qa.unit == qb.unit:
            # A figure written with fewer digits may be the other one rounded: "8%" and "8.3%", "£4.2bn" and
            # "£4.23bn" agree; "£310m" and "£301m" do not.
            # Only the coarser figure is taken as rounded; two at the same precision ("1.1 million" and
            # "1.2 million") are not roundings of each other.
            ra, rb = _rounding(qa), _rounding(qb)
            coarse, fine, r = (qa, qb, ra) if ra > rb else (qb, qa, rb)
            if ra != rb and coarse.low - r <= fine.low and fine.high < coarse.high + r:
                rounded = coarse
                return True, f"the amounts are compatible when rounded: {how} (“{rounded.text}” is rounded to its last digit)"
        if ok:
            # "rose 4%" and "fell 4%": the same amount, opposite ways.
            wa, wb = _direction(ca, qa), _direction(cb, qb)
            if wa and wb and (wa[0] == "up") != (wb[0] == "up"):
                return False, f"the same amount in opposite directions: “{wa[1]} {qa.text}” vs “{wb[1]} {qb.text}”"
        return ok, ("the amounts are compatible: " if ok else "the amounts are incompatible: ") + how
    # Attributes: closed-class values compare by identity.
    aa, ab = ca.attributes[_attr_index(ca, fa)], cb.attributes[_attr_index(cb, fb)]
    if aa.kind == "time":
        # "09:17 local time" is the story's local time, as a time that names no zone is.
        za, zb = (v.split(" ", 1)[1].replace("local time", "unspecified zone") for v in (aa.value, ab.value))
        if aa.value.split(" ")[0] == ab.value.split(" ")[0]:
            return True, f"same time: {aa.value} vs {ab.value}"
        if za == zb and clocks_agree(ca, aa, cb, ab):
            return True, f"the times agree as written: “{aa.text}” vs “{ab.text}” ({aa.value.split(' ')[0]} vs {ab.value.split(' ')[0]})"
        clock = lambda c: {x.value.split(" ")[0] for x in c.attributes if x.kind == "time"}  # noqa: E731
        if aa.value.split(" ")[0] in clock(cb) or ab.value.split(" ")[0] in clock(ca):
            # "from noon to 5 p.m." vs "between 12 p.m. and 5 p.m.": a span's ends paired crosswise.
            return None, f"one sentence states both times ({aa.value.split(' ')[0]}, {ab.value.split(' ')[0]}): two ends of a span, paired crosswise"
        if za == zb == "unspecified zone":
            # Neither names a zone: each is the local time of the story's place, as news writes it.
            return False, f"the times differ: {aa.value.split(' ')[0]} vs {ab.value.split(' ')[0]} (neither names a zone: both read as local time)"
        if "unspecified" in (za + zb):
            return None, f"times {aa.value} vs {ab.value} may be in different zones"
    if aa.kind == "position" and aa.value.split(" ", 1)[1:] != ab.value.split(" ", 1)[1:]:
        # "near the airfield" vs "near the airstrip": positions relative to different things.
        return None, f"positions relative to different things (“{aa.text}” vs “{ab.text}”)"
    ok = aa.value == ab.value
    return ok, f"{aa.kind}: “{aa.text}” vs “{ab.text}”"


_WRITTEN = re.compile(r"\d[\d,]*(?:\.(\d+))?")
CEILINGS = frozenset({"up to", "at most", "as much as", "as many as"})
# (Not a distance: "within 5 km of the plant" / "up to 8 km from the plant" are two zones.)
CEILING_DIMENSIONS = frozenset({"count", "currency", "percent"})


def _celsius(q: Quantity) -> tuple[float, float] | None:
    """A Fahrenheit temperature in Celsius (an offset, which to_base's factors cannot express); None otherwise."""
    if q.unit.lower() != "degree fahrenheit":
        return None
    return (q.low - 32) * 5 / 9, (q.high - 32) * 5 / 9


def _rounding(q: Quantity) -> float:
    """Half a unit of a figure's last written digit, for figures that are rounded by custom (percentages,
    money, amounts with a scale word: "8%" is 7.5-8.5%, "£4.2bn" is 4.15-4.25bn); 0 for plain counts,
    which are exact ("12 people"), and for ranges and approximations, which carry their own width."""
    if q.qualifier or q.low != q.high:
        return 0.0
    if q.dimension not in ("percent", "currency") and not re.search(r"(?i)\d\s*(?:million|billion|trillion|bn|m|mn|k)\b", q.text):
        return 0.0
    m = _WRITTEN.search(q.text)
    if not m:
        return 0.0
    try:
        written = float(m.group(0).replace(",", ""))
    except ValueError:
        return 0.0
    if not written:
        return 0.0
    scale = q.value / written
    return 0.5 * 10 ** -len(m.group(1) or "") * scale


def _attr_index(c: Claim, f: Fact) -> int:
    kind = f.kind.split(":", 1)[1]
    idx = [i for i, a in enumerate(c.attributes) if a.kind == kind]
    # Fact.index counts values of the fact's kind; attributes of several kinds share "attribute:<kind>".
    same = [i for i, ff in enumerate(c.facts) if ff.kind == f.kind]
    pos = same.index(c.facts.index(f)) if f in c.facts else 0
    return idx[min(pos, len(idx) - 1)]


def side(c: Claim, f: Fact | None, src: Source | None) -> Side:
    """One side of a finding, with the value and the span it rests on."""
    value = f.value if f else ("negated: " + c.negation_cue if c.negated else "statement")
    span = c.text[f.span[0] : f.span[1]] if f else c.text
    pub = src.published.value if src and src.published else ""
    return Side(c.id, c.source_file, c.text, c.line, value, span, c.origin, pub)


def _later(a: Source | None, b: Source | None, gap_days: int) -> int:
    """1 if b is published later than a by more than gap_days, -1 if a is, 0 if unknown or close."""
    pa, pb = _pub(a), _pub(b)
    if not pa or not pb:
        return 0
    if (pb[0] - pa[1]).days > gap_days:
        return 1
    if (pa[0] - pb[1]).days > gap_days:
        return -1
    return 0


# A count of those still in some state ("38 people remained in hospital", "twelve remain behind bars"): it may fall
# as well as rise between reports.
STANDING = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|still(?:\s+(?:being|in|on))?)\s+(?:\w+\s+){0,2}?(?:in hospital|hospitali[sz]ed|missing|held|detained|"
    r"in custody|behind bars|in (?:\w+\s+)?prisons?|in jail|displaced|without (?:power|electricity|water)|evacuated|trapped|"
    r"in (?:a )?(?:critical|serious) condition|critical|unaccounted|homeless|in (?:emergency )?shelters?|stranded|"
    r"cut off|closed|on strike|off work|in intensive care|on bail)\b",
    re.I,
)


# Entering a state: all who were taken to hospital, arrested, evacuated (against those who remain so).
ENTERED = re.compile(r"\b(?:taken|admitted|treated|hospitali[sz]ed|brought|rushed|airlifted|arrested|detained|evacuated|rescued|jailed)\b", re.I)


# A figure in a relative clause of a name: "above only Greyfield Rangers, who have 18 points".
WHO_HAVE = re.compile(r"[A-Z][\w'’-]*,\s+who\s+(?:have|has|had|are|is|was|were)\s+(?:(?:only|just|now|still|already)\s+)?$")


# What is left of a season or a schedule, which falls as it is played: "with 11 matches of the season remaining".
STILL_LEFT = re.compile(r"\b(?:matches|games|fixtures|races|rounds|laps|stages|days|weeks|months)\s+(?:of\s+(?:the|its|their)\s+\w+\s+)?"
                        r"(?:remaining|left|still to play|to play|to go)\b", re.I)


def _standing_counts(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None, settings: Settings) -> bool:
    """Two counts of those still in one state ("remained in hospital", "remain behind bars") reported on different
    calendar days: the count changes, either way, between reports."""
    if fa.kind != "quantity" or fb.kind != "quantity" or not _later(sa, sb, settings.count_update_gap_days):
        return False
    if (STANDING.search(fa.masked) or STILL_LEFT.search(fa.masked)) and (STANDING.search(fb.masked) or STILL_LEFT.search(fb.masked)):
        return True
    # The missing: a count of those not yet found, which falls as they are ("16 remained missing", "three people missing").
    return _state_of(ca, ca.quantities[fa.index]) == _state_of(cb, cb.quantities[fb.index]) == "missing"


PROVISIONAL = re.compile(r"\b(?:provisional|preliminary|initial|early estimates?|so far|by (?:\w+ )?(?:morning|afternoon|evening|night|midday|noon))\b", re.I)
REVISED = re.compile(r"\b(?:(?:has|have|had) (?:risen|climbed|increased|grown|fallen|dropped)|(?:has|have) now|revised|(?:rises|rising|rose|climbs|climbed|falls|fell) to)\b|"
                     r"\bafter (?:\w+ ){0,4}(?:weigh|count|tally|audit|review)\w*|\bfinal (?:figure|count|tally|total)\b", re.I)
# A figure given as a revision of an earlier one, in its own clause (not "fell to £310m", a change on the year before).
REVISION = re.compile(r"\b(?:(?:has|have|had) (?:now\s+)?(?:risen|climbed|increased|grown|fallen|dropped|passed|topped|reached|surpassed|exceeded)|(?:has|have|had) now|revised (?:up|down|upwards|downwards|to)|"
                      r"now (?:says|puts|estimates|believes|reports|stands)|after (?:a |the )?(?:\w+ )?re-?count|"
                      r"after (?:\w+ ){0,4}(?:weighing|audit|review)|final (?:figure|count|tally|total)|"
                      # "has raised its offer for Ellisford Flavours to $40.25 a share": a bid or forecast changed.
                      r"(?:raised|lifted|sweetened|increased|improved|upped|lowered|cut|reduced|revised) (?:its|their|his|her|the) (?:\w+ )?"
                      r"(?:offer|bid|price|forecast|estimate|guidance|target|demand)|"
                      # "Kestrel Bay's final offer of £70 million", "an improved bid of $41 a share".
                      r"(?:final|improved|revised|increased|higher|sweetened|raised|fresh|latest) (?:\w+ )?(?:offer|bid|proposal)|"
                      # "a petition ... rose to more than 48,000 signatures by Friday": a running count as of a moment (not "sales rose to
                      # £4.2bn", a change on the year before)
                      r"(?:rose|climbed|grew|jumped|swelled) to (?:more than |over |about |some |nearly |almost )?[\d,.]+ (?:[a-z]+ ){0,2}by|"
                      r"(?:is|are) now)\b", re.I)  # "Some 500 officers are now involved in the hunt"


def _figures_of_two_days(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None,
                         settings: Settings) -> tuple[int, Quantity, Quantity] | None:
    """(order, a's quantity, b's) for two figures published on different calendar days (`_later`'s order), or None."""
    if fa.kind != "quantity" or fb.kind != "quantity":
        return None
    order = _later(sa, sb, settings.count_update_gap_days)
    return (order, ca.quantities[fa.index], cb.quantities[fb.index]) if order else None


def _estimate_firmed_up(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None, settings: Settings) -> str:
    """Why an approximate figure of an earlier day ("about 7 tonnes", "By Tuesday evening almost 900 flights") and
    an exact one of a later day within half of it either way ("has risen to 8.2 tonnes after customs officers
    finished weighing", "1,240 flights") are one figure made exact, or ''."""
    got = _figures_of_two_days(ca, fa, cb, fb, sa, sb, settings)
    if not got:
        return ""
    order, qa, qb = got
    older, newer = (qa, qb) if order > 0 else (qb, qa)
    if older.qualifier not in ("about", "nearly") or newer.qualifier or older.value <= 0:
        return ""
    if not 0.5 <= newer.value / older.value <= 1.5:
        return ""
    # Only where a sentence says the figure was provisional or has been revised: "about 1,000 jobs" and "1,200 jobs"
    # a day later, both from one announcement, still disagree.
    c_old, c_new = (ca, cb) if older is qa else (cb, ca)
    if not (PROVISIONAL.search(c_old.text) or REVISED.search(c_new.text)):
        return ""
    return f"an earlier estimate (“{older.qualifier} {older.text}”) was given exactly later (“{newer.text}”)"


def _revised_later(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None, settings: Settings) -> str:
    """Why a figure of a later day replaces an earlier one, or '': the later sentence says it was revised ("The group now
    says the records of 1.3 million patients were affected", "a margin of just nine votes after a full recount", "had
    now received 19 formal complaints")."""
    got = _figures_of_two_days(ca, fa, cb, fb, sa, sb, settings)
    if not got:
        return ""
    order, qa, qb = got
    lo, hi = sorted((abs(qa.value), abs(qb.value)))
    if lo <= 0 or hi / lo > 10:
        return ""  # ("2,318 votes" / "narrowed her lead to nine": two measures, whatever linked them)
    newer, nf = (cb, fb) if order > 0 else (ca, fa)
    cue = REVISION.search(newer.text, *nf.span)
    return f"a later article gives the figure as revised (“{cue.group(0)}”)" if cue else ""


# A count a report, a review or an inquiry found: it does not rise from one day's article to the next.
REPORT_FINDING = re.compile(r"\b(?:review|report|inquiry|panel|study|audit|investigation|inquest|analysis)\b[^.;]{0,60}?\b"
                            r"(?:found|finds|concluded|concludes|identified|identifies|established|showed|shows|says|said)\b|"
                            r"\b(?:found|concluded|identified)\b[^.;]{0,40}?\b(?:review|report|inquiry|panel)\b", re.I)


def _running_counts(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None,
                    settings: Settings) -> tuple[Quantity, Quantity] | None:
    """(newer, older) when two counts are a running count (killed, injured, arrested...) reported on different
    calendar days, else None."""
    if fa.kind != "quantity":
        return None
    order = _later(sa, sb, settings.count_update_gap_days)
    if not order or not (_cumulative(fa) or _cumulative(fb)):
        return None
    qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
    if {qa.dimension, qb.dimension} & NOT_RUNNING:
        return None  # "seized 120 nautical miles east of the port": a distance, not a count in progress
    if qa.is_duration or qb.is_duration:
        return None  # "the six-hour stand-off", "the 11-hour siege": the length of a thing, whatever the clause counts besides
    if REPORT_FINDING.search(ca.text) and REPORT_FINDING.search(cb.text):
        # "an independent review concluded that the deaths of 47 babies ..." / "Dame Helen Ashcombe's panel concluded that 64
        # babies died ...": a published report's finding is one count, not a toll still rising.
        return None
    return (qb, qa) if order > 0 else (qa, qb)


def _cumulative(f: Fact) -> bool:
    """Whether a fact's measure or wording names a running count (`CUMULATIVE`: killed, injured, cases...)."""
    got = _CUMULATIVE.get(id(f))
    if got is None or got[0] is not f:
        got = _CUMULATIVE[id(f)] = (f, bool(CUMULATIVE.search(f.measure) or CUMULATIVE.search(f.masked)))
    return got[1]


_CUMULATIVE: dict[int, tuple[Fact, bool]] = {}
_MEMOS.append(_CUMULATIVE)  # type: ignore[arg-type]


# Measures that are no running count, whatever the verb near them.
NOT_RUNNING = frozenset({"length", "speed", "temperature", "currency"})  # (a reward "to anyone whose tip helps bring the men back into custody")


# A market price or level, which moves through every trading day.
MARKET_MEASURE = re.compile(r"\b(?:share price|price|shares|stock|index|yield|exchange rate)\b", re.I)
TRADING = re.compile(r"\b(?:closed|closing|close|ended|finished|opened|traded|trading|(?:were|was|are|is) (?:up|down)|rose|fell|jumped|"
                     r"dropped|slid|gained|lost|climbed|tumbled|soared|plunged|edged|sank|rallied)\b", re.I)
INTRADAY = re.compile(r"\b(?:in (?:early|morning|afternoon|late|midday|lunchtime|early afternoon) (?:trade|trading|deals)|intraday|at one point|at the open|by midday)\b", re.I)
CLOSE = re.compile(r"\b(?:closed|closing|close|ended|finished|settled)\b", re.I)


def market_moments(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None) -> str:
    """Why two market figures (a share price, an index, a yield) are of different moments, or '': articles of
    different days that do not both tie the figure to one weekday ("ended last week at 428p" / "closed 1.3% lower at
    421p on Tuesday"), or one day's reading at a clock time against its close ("were down 3.4 percent at 1015 GMT" /
    "closed 1.3% lower")."""
    if fa.kind != "quantity" or fb.kind != "quantity" or not MARKET_MEASURE.search(f"{fa.measure} {fb.measure}"):
        return ""
    if not (TRADING.search(ca.text) and TRADING.search(cb.text)):
        return ""  # "sold its shares to investors at $30 apiece" / "sold stock at $31 a share": one offer price, not a day's trading
    qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
    # The figure's own weekday ("closed at $43.40 on Thursday"), else the sentence's ("debut on Thursday, closing at $41.85").
    days = [{w.value} if (w := _weekday_of_value(c, q, True)) else {a.value for a in c.attributes if a.kind == "weekday"}
            for c, q in ((ca, qa), (cb, qb))]
    for c, q, o in ((ca, qa, cb), (cb, qb, ca)):
        # "rose 5.6% in early trading on Friday" / "closing up 4.8 per cent on Friday": one day, two moments.
        m = INTRADAY.search(c.text)
        if m and CLOSE.search(o.text) and not CLOSE.search(c.text):
            return f"in {c.source_file} “{q.text}” is a reading during trading (“{m.group(0)}”), the other the close"
    if days[0] & days[1]:
        return ""
    if _later(sa, sb, 0):
        return "market figures of articles published on different days, not tied to one day"
    for c, q, o in ((ca, qa, cb), (cb, qb, ca)):
        t = next((a for a in c.attributes if a.kind == "time" and 0 <= a.start - q.end <= 6), None)
        if t and CLOSE.search(o.text) and not CLOSE.search(c.text):
            return f"in {c.source_file} “{q.text}” is a reading at {t.text.strip()}, the other the close"
    return ""


# The counts each article gives, for `_stage_told`: (source file, value) -> (counted noun, claim) of each; filled by
# `make_findings` for its run.
_COUNTS_TOLD: dict[tuple[str, float], list[tuple[str, Claim]]] = {}
_MEMOS.append(_COUNTS_TOLD)  # type: ignore[arg-type]


def _stage_told(ca: Claim, fa: Fact, cb: Claim, fb: Fact, sa: Source | None, sb: Source | None, settings: Settings) -> str:
    """Why two counts of one thing from articles of different days are stages of one count, or '': the later article
    gives the earlier one's figure too ("The excavation ... ended on Thursday with 548 coins" / a week on, "A hoard of 561
    silver coins ..." in an article that also says "by the time they left the site last week the figure was 548")."""
    if fa.kind != "quantity" or fb.kind != "quantity" or not fa.counted or fa.counted != fb.counted:
        return ""
    qa, qb = ca.quantities[fa.index], cb.quantities[fb.index]
    if qa.dimension != "count" or qb.dimension != "count":
        return ""
    order = _later(sa, sb, settings.update_gap_days)
    if not order:
        return ""
    newer, older = (cb, qa) if order > 0 else (ca, qb)
    if older.value < 10:
        return ""  # (not a small number, which an article may give of anything)
    # The figure as a count of the same thing: with its noun, or without one in a sentence that names it ("the figure was
    # 548" in "... had recovered 487 coins; by the time they left the site last week the figure was 548"; not "when I was
    # twelve").
    if not any(n == fa.counted or (not n and fa.counted in c.text.lower()) for n, c in _COUNTS_TOLD.get((newer.source_file, older.value), ())):
        return ""
    return f"the later article ({newer.source_file}) gives the earlier figure ({older.text}) too, as a stage before its own"


def judge_fact_pair(
    ca: Claim, fa: Fact, cb: Claim, fb: Fact, link: Link, sa: Source | None, sb: Source | None, settings: Settings,
    common: frozenset[str] = frozenset(),
) -> tuple[str, str]:
    """Relation and reason for two linked facts. "conflict" is a possible match whose values are
    incompatible and nothing but the similarity falls short of a contradiction."""
    measure = fa.measure or fb.measure or fa.kind
    if link.measure < 0:
        return "related", f"same subject, different events: “{fa.measure}” ({fa.value}) vs “{fb.measure}” ({fb.value})"
    if ca.text == cb.text and fa.index != fb.index:
        return "related", "the same sentence in both; these are two different values in it"
    ok, how = compare_values(ca, fa, cb, fb)
    if ok is None:
        return "related", f"same subject, values not comparable: {how}"
    counts = _running_counts(ca, fa, cb, fb, sa, sb, settings)

    def apart_() -> str:
        return (different_incidents(ca, fa, cb, fb, common) or expectation_vs_outcome(ca, fa, cb, fb) or years_from_publication(ca, fa, cb, fb, sa, sb)
                or past_event_of(ca, fa, cb, fb, sa, sb) or recalled_event(ca, fa, cb, fb) or participle_date(ca, fa, cb, fb) or offer_and_deal(ca, fa, cb, fb)
                or news_and_history(ca, fa, cb, fb, sa, sb)
                or market_moments(ca, fa, cb, fb, sa, sb))

    if ok and counts:
        # "At least nine killed" on the first day and "14 killed" on the next: the same running count, risen
        # (unless the larger figure is another event's: "the nine-storey block that came down in 2011").
        newer, older = counts
        if older.high == float("inf") and newer.low > older.low:
            # (Only an earlier event parts them here: a running count is reported on other days, in other words.)
            other = past_event_of(ca, fa, cb, fb, sa, sb) or years_from_publication(ca, fa, cb, fb, sa, sb)
            if other:
                return "related", f"{measure}: {how}, but {other}"
            return "updates", f"{measure}: a running count rose between publications: “{older.text}” then “{newer.text}”"
    if ok:
        return "corroborates", f"{measure}: {how}"
    apart = apart_()
    if apart:
        return "related", f"{measure}: values differ ({how}), but {apart}"
    told = _stage_told(ca, fa, cb, fb, sa, sb, settings)
    if told:
        return "updates", f"{measure}: {told}: {how}"
    if counts:
        newer, older = counts
        if newer.low >= older.low and older.high > 0:  # "no one was killed" is a denial, not a count in progress
            return "updates", f"{measure}: a running count rose between publications: {how}"
    if _standing_counts(ca, fa, cb, fb, sa, sb, settings):
        return "updates", f"{measure}: a count of those still in one state changed between publications: {how}"
    firmed = _estimate_firmed_up(ca, fa, cb, fb, sa, sb, settings) or _revised_later(ca, fa, cb, fb, sa, sb, settings)
    if firmed:
        return "updates", f"{measure}: {firmed}: {how}"
    other_measure = link.measure < settings.contradiction_measure or not (fa.measure and fb.measure)
    # A named person's age is one fact whatever the verb ("Mr Whitlock, 54, held ..." / "Whitlock, 57, held ..."): the
    # name right before it decides, not the wording.
    age_of = _holder(ca, _value_of(ca, fa), tight=True) if fa.kind == "attribute:age" else ""
    if age_of and age_of == _holder(cb, _value_of(cb, fb), tight=True):
        other_measure = False
    elif other_measure and fa.kind == fb.kind == "quantity" and ca.quantities[fa.index].dimension == "currency" \
            and (deed := _deed(ca, _value_of(ca, fa))) and deed == _deed(cb, _value_of(cb, fb)):
        # "Brankovan was guaranteed $4.5 million for the defence" / "Brankovan was guaranteed six and a half million dollars
        # for Saturday's defence": a sum one named party is told to pay or get with one verb is one measure, whatever the
        # other words. (Money only: "The river rose 10 metres above its normal level" / "rose 12 metres on Tuesday" are a
        # level and a day's rise.)
        other_measure = False
    elif other_measure and fa.kind == fb.kind == "quantity" and (unit := _per_unit(ca, fa)) and unit == _per_unit(cb, fb):
        # "£250 for each household under the notice" / "a £150 payment to every household": an amount for each of one
        # thing is one measure, whatever the other words around it.
        other_measure = False
    elif other_measure and fa.kind == fb.kind == "quantity" and fa.counted in COLLECTIVES and fa.counted == fb.counted \
            and ca.entity_keys() & cb.entity_keys():
        # "Kestrel Dawn's crew of 12 were plucked from a liferaft" / "All nine crew members of the racing yacht Kestrel Dawn
        # were rescued": the size of one named crew (jury, squad) is one measure, whatever is said of it.
        other_measure = False
    elif link.cosine < settings.contradiction_cosine or other_measure:
        # "conflict": a possible match that may be a contradiction; make_findings reports it as "possible".
        # It needs the same measure ("bombs dropped" both times); only the wording around it may differ,
        # and counts that may measure different things are not one.
        odd_kind = fa.kind.startswith("attribute:") and fa.kind not in VALUE_KINDS
        verb = fa.measure.split()[0] if fa.measure else ""
        if odd_kind and fa.kind == fb.kind == "attribute:time" and verb and fb.measure.split()[:1] == [verb] \
                and all(_verb_before(c, f, verb) for c, f in ((ca, fa), (cb, fb))):
            # "The race went off at 4.15pm in front of ..." / "The race was off at 5.15pm on ground ...": one verb before two
            # clock times of one event is worth a review, though the words after them differ (not a verb after one: "reported
            # water flowing over the crest at about 8pm, ... before the breach opened").
            odd_kind = False
        weak = other_measure or odd_kind or bool(doubtful_same_measure(ca, fa, cb, fb))
        if other_measure and not odd_kind and link.cosine >= settings.alike_cosine and not named_measure(fa.measure) \
                and not named_measure(fb.measure) and (_alone_of_its_kind(ca, fa) and _alone_of_its_kind(cb, fb) or _alone_counting(ca, fa, cb, fb)) \
                and not doubtful_same_measure(ca, fa, cb, fb):
            # "The Aldera Crest's cargo has been valued at about €780m by the port authority" / "was carrying cargo worth an
            # estimated €1.2bn, according to marine insurance sources": worded alike around the figure, and the words that
            # differ name no event or metric (the measure is only the words around each figure): worth a review.
            return "conflict", (f"{measure}: values differ ({how}) in sentences worded alike (span similarity {link.cosine:.2f}); "
                                f"the words around the figures differ (“{fa.measure}” vs “{fb.measure}”) but name no other event or metric")
        return "possible" if weak else "conflict", f"{measure}: values differ but the facts may not be the same ({how}; span similarity {link.cosine:.2f}, measure similarity {link.measure:.2f})"
    if fa.kind.startswith("attribute:") and fa.kind not in VALUE_KINDS and link.cosine < settings.attribute_contradiction_cosine:
        # Two clock times in sentences that share their names ("derailed at 7:42 am near Hollin" / "at 8:15 am
        # near Hollin"): worth a review as a possible contradiction, not only as a possible match.
        weak_time = fa.kind == "attribute:time" and link.entities >= 0.5
        return "conflict" if weak_time else "possible", f"{measure}: values differ ({how}), but a weekday, time or position alone does not show the sentences describe one event (span similarity {link.cosine:.2f})"
    doubt = doubtful_same_measure(ca, fa, cb, fb)
    if doubt:
        return "possible", f"{measure}: values differ ({how}), but {doubt}"
    apart = names_apart(ca, fa, cb, fb, common)
    if apart:
        return "conflict", f"{measure}: values differ ({how}); {apart}"
    return "contradicts", f"{measure}: same event, {how}"


NEG_SCOPE_END = re.compile(r"[,;:.!?]|\s(?:but|while|whereas|although|though|and said|said)\s")


def _negated_scope(c: Claim, denied: set[str] | None = None) -> str:
    """The words a sentence's first negation governs, for the reason shown: from the cue to the end of its clause, at
    most eleven words; with `denied` (`deeds_denied`), those of the denial of that deed ("did not sound on Sunday
    morning")."""
    # (A contracted cue is written onto its verb: "didn't".)
    m = re.search(rf"(?<![\w-]){re.escape(c.negation_cue)}(?![\w-])" if c.negation_cue[:2].lower() not in ("n'", "n’") else rf"\w+{re.escape(c.negation_cue)}",
                  c.text, re.I) if c.negation_cue else None
    if denied:
        m = next((d for pat in (ACTIVE_DENIAL, NONE_DID) for d in pat.finditer(c.text) if d.group("v").lower()[:5] in denied), m)
    if not m:
        return ""
    end = NEG_SCOPE_END.search(c.text, m.end())
    words = c.text[m.start() : end.start() if end else len(c.text)].split()
    return " ".join(words[:11]) + ("…" if len(words) > 11 else "")


def _stem_set(words: Iterable[str]) -> set[str]:
    """Words of five letters or more, cut to five ("passwords" and "password" are one), neutral ones left out."""
    return {w[:5] for w in words if len(w) >= 5 and w not in NEUTRAL_WORDS}


def _stems(text: str) -> set[str]:
    """The stems (`_stem_set`) of a text's content words."""
    return _stem_set(content_words(text))


# A denial of a fact, and where its words are: "no evidence that passwords had been accessed" (what follows),
# "passwords were not taken" (the subject and the verb), "no one was injured" (the verb). Other negations
# ("not expected to", "does not oblige", "cannot afford") deny no stated fact and are left alone.
NO_EVIDENCE = re.compile(r"\bno[\"”’']?\s+(?:evidence|sign|signs|indication|record|reports?)[\"”’']?\s+(?:that|of)\s+", re.I)
PASSIVE_DENIAL = re.compile(r"\b(?:was|were|has|have|had|is|are)\s+(?:not|never)\s+(?:been\s+)?(?P<v>\w+(?:ed|en|wn|ne|ght|ken|lt))\b"
                            r"(?!\s+(?:until|till|before)\b)", re.I)  # ("was not restored until 9.30pm" denies nothing)
NOBODY = re.compile(r"\b(?:no one|no-one|nobody|none)\s+(?:was|were|had been|has been|have been)\s+(?P<v>\w+)", re.I)
NOT_A_FACT = frozenset("expected allowed able prepared designed intended supposed meant planned scheduled "
                       # What was not said is no deed: "has not commented publicly since a brief statement on Monday".
                       "commented responded replied spoken said confirmed disclosed identified named explained".split())


def _denied(c: Claim, other: str) -> set[str]:
    """The stems of what sentence `c` denies (NO_EVIDENCE, PASSIVE_DENIAL, NOBODY) that the other sentence's
    stems include: any of what "no evidence that ..." governs; of a passive denial ("the launch pad had not been
    damaged"), its verb, or two of its subject's words and verb (one shared word, "launch", is only the topic)."""
    theirs = _stems(other)
    out: set[str] = set()
    for m in NO_EVIDENCE.finditer(c.text):
        out |= _stem_set(content_words(c.text[m.end() : m.end() + 60])[:3]) & theirs
    for m in PASSIVE_DENIAL.finditer(c.text):
        if m.group("v").lower() in NOT_A_FACT:
            continue
        verb = _stem_set([m.group("v").lower()]) & theirs
        subject = _stem_set(content_words(c.text[max(0, m.start() - 40) : m.start()])[-2:]) & theirs
        out |= verb | (subject if verb or len(subject) >= 2 else set())
    for m in NOBODY.finditer(c.text):
        out |= _stem_set([m.group("v").lower()]) & theirs
    return out | deeds_denied(c, other)


# Light verbs: no deed alone, but one with their object ("did not give evidence"), unless it is only what was told
# ("did not give details", "did not give a reason").
LIGHT_VERBS = frozenset("give make take go".split())
UNSAID_OBJECTS = frozenset("details detail reason reasons figure figures breakdown timeline name names information indication "
                           "estimate date update statement comment".split())


def _denials(c: Claim, other: str, light: bool = False) -> Iterator[tuple[str, re.Match[str], str]]:
    """("active" or "none", the match, its verb in lower case) of each deed sentence `c` denies ("did not sound", "no
    warning siren sounded"), but a non-deed ("did not comment"), a late deed ("did not open until about 6.30pm") or a
    denial of one place the other sentence does not name ("no flights were cancelled there"). With `light`, a light
    verb's denial too (`LIGHT_VERBS`), for a caller that needs its object stated with it."""
    for kind, pattern in (("active", ACTIVE_DENIAL), ("none", NONE_DID)):
        for m in pattern.finditer(c.text):
            v = m.group("v").lower()
            if (v in NOT_A_DEED and not (light and v in LIGHT_VERBS)) or (kind == "active" and UNTIL.match(c.text, m.end())) or _scoped(c.text, m.end(), other):
                continue
            yield kind, m, v


def _subject_nouns(m: re.Match[str]) -> list[str]:
    """The words of a "no X VERBed" denial's subject, its auxiliaries left out ("No ambulances were": "ambulances")."""
    return [w for w in m.group("subj").split() if w.lower() not in AUXILIARIES]


def _past_stem(v: str) -> str:
    """A verb cut to five letters, without its "-ed" ("diverted": "diver", "leaked": "leak")."""
    return (v[:-2] if v.endswith("ed") else v)[:5]


def deeds_denied(c: Claim, other: str) -> set[str]:
    """The stems of the deeds sentence `c` denies ("the siren did not sound", "no warning siren sounded") that the
    other sentence states in a clause without a negation ("the siren sounded at about 4am"), with a word of the
    deed's subject or object in common: the verb in any form ("did not fire" / "fired")."""
    theirs = _stems(other)
    out: set[str] = set()
    for kind, m, v in _denials(c, other):
        if kind == "active":
            if not _stated(v, other):
                continue
            # A word of its subject, or two of its object: "they have not made him an offer" is not "the Orioles have made an offer".
            subject = _stem_set(content_words(c.text[max(0, m.start() - 40) : m.start()])[-2:]) & theirs
            obj = _stem_set(content_words(c.text[m.end() : m.end() + 40])[:4]) & theirs
            if subject or len(obj) >= 2:
                out |= subject | obj | {v[:5]}
            continue
        words = _stem_set(content_words(m.group("subj")))
        subject = words & theirs
        # Its whole subject, two words of it at least: "no Corrib Air flights were cancelled there" is one airport's.
        if len(subject) >= 2 and subject == words and _stated(re.sub(r"e?d$", "", v), other):
            out |= subject | {v[:5]}
        elif len(noun := _subject_nouns(m)) == 1 and _done_to(noun[0], v, other):
            # A one-word subject when the other sentence states the deed of that very noun: "No ambulances were
            # diverted" / "Ambulances were diverted away from ...", "no oil had leaked" / "Oil is leaking".
            out |= (words or {noun[0].lower()}) | {v[:5], _past_stem(v)}
    return out


def _named_subject_in(before: str, other: str) -> bool:
    """Whether the word right before a denial ("Marlowe did not give") is a name the other sentence has too, not a
    pronoun ("they have not made him an offer": whose offer the other sentence states is unknown)."""
    m = re.search(r"([A-Za-z][\w'’-]*)\W*$", before)
    return bool(m) and m.group(1)[0].isupper() and m.group(1).lower() not in ("he", "she", "it", "they", "we", "i", "you", "who") \
        and re.search(rf"\b{re.escape(m.group(1))}\b", other) is not None


def deed_stated_alike(c: Claim, other: str) -> set[str]:
    """The noun and verb (cut to five letters) of a deed sentence `c` denies that the other sentence states of the
    same noun, by its construction (`_done_to`): "did not fire any shots" / "fired warning shots", "No ambulances
    were diverted" / "Ambulances were diverted away ..."; empty if none. Stricter than `deeds_denied` (a word in
    common anywhere in the sentence), for sentences whose wording is further apart."""
    for kind, m, v in _denials(c, other, light=True):
        if kind == "active":
            before = content_words(c.text[max(0, m.start() - 40) : m.start()])[-2:]
            after = content_words(c.text[m.end() : m.end() + 40])[:4]
            for i, n in enumerate(before + after):
                # (The verb's own object may be a neutral word: "did not give evidence" / "Giving evidence over two days";
                # a light verb's must be that object.)
                if _IRREGULAR_FORM.get(v, v) in LIGHT_VERBS and (i != len(before) or n in UNSAID_OBJECTS or not _named_subject_in(c.text[: m.start()], other)):
                    continue
                if len(n) >= 4 and (n not in NEUTRAL_WORDS or i == len(before)) and _done_to(n, v, other):
                    return {n[:5], re.sub(r"(?:es|s)$", "", n)[:5], v[:5]}
        elif (noun := [w.lower() for w in _subject_nouns(m)]) and _done_to(noun[-1], v, other):
            return {noun[-1][:5], v[:5], _past_stem(v)}
    return set()


AUXILIARIES = frozenset("was were had has have been is are".split())


def _done_to(noun: str, verb: str, text: str) -> bool:
    """Whether the text states the verb of the noun, as its subject ("sirens sounded", "ambulances were diverted")
    or with the noun as its object ("fired warning shots"), with no negation in the four words before."""
    n = re.escape(re.sub(r"(?:es|s)$", "", noun.lower())) + r"(?:es|s)?"
    v = f"(?:{_verb_forms(verb.lower())})"
    for m in re.finditer(rf"\b{n}\s+(?:(?:was|were|had|has|have|been|being|is|are)\s+){{0,2}}(?:\w+ly\s+)?{v}\b"
                         rf"|\b{v}\s+(?:(?!(?:no|not|never|any)\b)[\w-]+\s+){{0,2}}?{n}\b", text, re.I):
        if _affirmed_at(text, m.start()):
            return True
    return False


def _affirmed_at(text: str, at: int) -> bool:
    """Whether a deed stated at `at` is affirmed: no negation in the four words before it, and not of other ones."""
    before = text[max(0, at - 40) : at]
    return not NEGATED_BEFORE.search(before) and not OTHER_ONES.search(before)


NEGATED_BEFORE = re.compile(r"\b(?:not|n't|never|no|nor|without)\b(?:\W+\w+){0,3}\W*$", re.I)
# "Three other bombs allegedly exploded": other ones than the one denied ("the bomb did not explode").
OTHER_ONES = re.compile(r"\b(?:other|another|more|further|remaining|second|rest of the)\s+(?:\w+\s+)?$", re.I)


UNTIL = re.compile(r"\s+(?:\w+\s+)?(?:until|till)\b", re.I)
SCOPE_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}?(?:there|here|(?:at|in)\s+(?P<place>[A-Z][\w'’-]+))\b")


def _scoped(text: str, end: int, other: str) -> bool:
    """Whether a denial is of one place ("no flights were cancelled there", "did not stop in Leeds") that the other
    sentence does not name."""
    m = SCOPE_AFTER.match(text, end)
    return bool(m) and not (m.group("place") and m.group("place") in other)


# The forms of news's common irregular verbs: "did not give evidence" is denied by "Giving evidence over two days".
IRREGULAR_VERBS = {base: forms.split() for base, forms in (
    ("give", "gave given giving gives"), ("take", "took taken taking takes"), ("make", "made making makes"),
    ("go", "went gone going goes"), ("hold", "held holding holds"), ("pay", "paid paying pays"), ("win", "won winning wins"),
    ("lose", "lost losing loses"), ("find", "found finding finds"), ("leave", "left leaving leaves"), ("bring", "brought bringing brings"),
    ("buy", "bought buying buys"), ("sell", "sold selling sells"), ("tell", "told telling tells"), ("meet", "met meeting meets"),
    ("run", "ran running runs"), ("speak", "spoke spoken speaking speaks"), ("see", "saw seen seeing sees"), ("come", "came coming comes"),
    ("break", "broke broken breaking breaks"), ("fall", "fell fallen falling falls"), ("send", "sent sending sends"),
    ("spend", "spent spending spends"), ("keep", "kept keeping keeps"), ("steal", "stole stolen stealing steals"),
    ("fly", "flew flown flying flies"), ("shoot", "shot shooting shoots"), ("know", "knew known knowing knows"),
    ("write", "wrote written writing writes"), ("begin", "began begun beginning begins"), ("rise", "rose risen rising rises"),
    ("drive", "drove driven driving drives"), ("sink", "sank sunk sinking sinks"), ("strike", "struck striking strikes"),
    ("build", "built building builds"), ("seek", "sought seeking seeks"), ("catch", "caught catching catches"),
)}
_IRREGULAR_FORM = {f: base for base, forms in IRREGULAR_VERBS.items() for f in [base, *forms]}


def _verb_forms(verb: str) -> str:
    """A pattern of the verb's forms: an irregular verb's own ("give": "gave", "given", "giving"), else its stem with
    the regular endings ("fire": "fired", "fires", "firing")."""
    base = _IRREGULAR_FORM.get(verb.lower())
    if base:
        return "(?:" + "|".join(map(re.escape, [base, *IRREGULAR_VERBS[base]])) + ")"
    stem = verb[:-2] if verb.lower().endswith("ed") else verb
    return re.escape(stem) + r"(?:s|es|ed|d|ing)?" + (rf"|{re.escape(stem[:-1])}ing" if stem.lower().endswith("e") and len(stem) > 3 else "")


def _stated(verb: str, text: str) -> bool:
    """Whether the text states the verb ("fire": "fired", "fires", "firing") with no negation in the four words before."""
    for m in re.finditer(rf"\b(?:{_verb_forms(verb)})\b", text, re.I):
        if _affirmed_at(text, m.start()):
            return True
    return False


# A sentence without a negation cue may still deny: "the failure of both services to detect it", "is unlikely to".
NEGATIVE_WORDS = re.compile(r"\b(?:fail\w*|unlikely|impossible|doubts?|doubtful|reject\w*|refus\w*|ruled? out|absen\w*|lack\w*|"
                            r"deni\w*|hardly|barely|little|few|unable|prevent\w*|avoid\w*|halt\w*|stopp?\w*|ceas\w*)\b", re.I)
CLAUSE_CUT = re.compile(r"[;,]\s+(?:but|and|while|whereas|although|though)?\s*|\s+(?:but|while|whereas|although)\s+")
# Words a negation and its opposite share without stating the same thing: "no evidence", "not said".
NEUTRAL_WORDS = frozenset("evidence sign signs reason reasons comment immediately immediate clear known yet longer "
                          "there their about being would could should might seconds minutes hours weeks months years "
                          "percent million billion people".split())


# Denying against admitting: "Pellingford have denied breaching the rules throughout" / "Pellingford admitted the breach".
DENIED_VERB = re.compile(r"\b(?:denied|denies|deny|denying)\s+(?:that\s+)?", re.I)
ADMITTED_VERB = re.compile(r"\b(?:admitted|admits|admitting|accepted|accepts|conceded|concedes|acknowledged|acknowledges|confessed|"
                           r"confesses)\s+(?:that\s+)?(?:(?:it|he|she|they)\s+(?:had\s+|has\s+|have\s+)?)?(?:to\s+)?", re.I)


def denied_and_admitted(ca: Claim, cb: Claim) -> str:
    """Why one sentence denies what the other says the same party admitted, or '': the subject right before each verb
    is one name, and what is denied and what is admitted share a word ("denied breaching the rules" / "admitted the
    breach"). A pronoun or another subject decides nothing."""
    for cd, cm in ((ca, cb), (cb, ca)):
        for d in DENIED_VERB.finditer(cd.text):
            who_d = re.findall(r"[A-Z][\w'’-]+", cd.text[max(0, d.start() - 30) : d.start()])[-1:]
            if not who_d:
                continue
            what_d = {w[:5] for w in content_words(cd.text[d.end() : d.end() + 40])[:3]}
            for a in ADMITTED_VERB.finditer(cm.text):
                who_a = re.findall(r"[A-Z][\w'’-]+", cm.text[max(0, a.start() - 30) : a.start()])[-1:]
                if who_d != who_a:
                    continue
                what_a = {w[:5] for w in content_words(cm.text[a.end() : a.end() + 40])[:3]}
                if what_d & what_a:
                    return (f"{who_d[0]} denies in {cd.source_file} (“{cd.text[d.start() : d.end() + 30].strip()}”) what "
                            f"{cm.source_file} says it admitted (“{cm.text[a.start() : a.end() + 30].strip()}”)")
    return ""


def _held_before(newer: Claim, older: Claim, key: str) -> bool:
    """Whether the earlier sentence gives the person the post the later one calls former ("Senator Brell" before "the
    former senator Brell"). "The former senator Augustin Brell" against a sentence that names no post of his describes
    him; it reports no change."""
    for e in newer.entities:
        if e.key != key:
            continue
        m = re.search(r"\bformer\s+(?:[a-z-]+\s+){0,2}?(?P<post>[A-Za-z-]+)\s+(?:[A-Z][\w'’-]*\s+)*$", newer.text[max(0, e.start - 45) : e.start]) \
            or re.match(r",\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,2}?former\s+(?P<post>[a-z-]+)", newer.text[e.end : e.end + 45])
        if m:
            post = m.group("post").lower()
            return any(not re.search(r"\bformer\s+(?:[\w-]+\s+){0,2}$", older.text[: w.start()], re.I)
                       for w in re.finditer(rf"\b{re.escape(post)}\b", older.text, re.I))
    return False


def judge_statement_pair(ca: Claim, cb: Claim, link: Link, sa: Source | None, sb: Source | None, settings: Settings) -> tuple[str, str]:
    """Relation and reason for two linked sentences without comparable values."""
    order = _later(sa, sb, settings.update_gap_days)
    if order:
        newer, older = (cb, ca) if order > 0 else (ca, cb)
        # A changed state of a person both sentences name: "death of Ali Khamenei" after "Khamenei faces protests".
        for person in sorted(k for k in newer.entity_keys() & older.entity_keys() if len(k.split()) >= 2):
            cue = _state_change_near(newer, person)
            if cue and not _state_change_near(older, person) and (cue.lower() != "former" or _held_before(newer, older, person)):
                return "updates", f"the later article ({newer.source_file}) reports a changed state of {person}: “{cue}”"
    admitted = denied_and_admitted(ca, cb)
    if admitted:
        return "conflict", admitted
    if ca.negated != cb.negated:
        from rapidfuzz import fuzz

        strip = lambda t: re.sub(r"\b(?:not|no|never|n't|did|does|do)\b", " ", t.lower())  # noqa: E731
        if fuzz.token_sort_ratio(strip(ca.text), strip(cb.text)) >= 85:
            neg = ca if ca.negated else cb
            return "contradicts", f"the same statement with opposite polarity (“{neg.negation_cue}” in {neg.source_file})"
        neg, pos = (ca, cb) if ca.negated else (cb, ca)
        hedged = NEGATIVE_WORDS.search(pos.text)
        if not hedged:
            denied = _denied(neg, pos.text)
        else:
            # A deed stated in a clause of its own is stated, though another clause says "to avoid": "The Almirante
            # Vela fired warning shots when it reached the hijacked ship, but the navy then kept its distance to avoid ..."
            plain = " ".join(x for x in CLAUSE_CUT.split(pos.text) if not NEGATIVE_WORDS.search(x))
            denied = deeds_denied(neg, plain) if plain else set()
        # (A denial linked by its construction alone: "We didn't bomb any camps" / "Accuses Sudan of Bombing Civilian
        # Camp", a headline whose capitalised words share no content word.)
        denied = denied or (deed_stated_alike(neg, pos.text) if not hedged else set())
        if denied:
            # "found no evidence that passwords were accessed" vs "also stole customers' passwords": not agreement.
            return "conflict", _opposite_polarity(neg, pos, denied, _negated_scope(neg))
    elif ca.negated and cb.negated:
        # Each negates something, and one may deny a deed the other states in a clause of its own ("why the village's
        # warning siren did not sound" / "The village's warning siren sounded at about 4am, ... but many did not hear it").
        # So by construction: "Marlowe did not give evidence in her own defence" / "Giving evidence over two days last
        # month, Marlowe told the jury ... she had 'never taken a penny'".
        for neg, pos in ((ca, cb), (cb, ca)):
            denied = deeds_denied(neg, pos.text) or deed_stated_alike(neg, pos.text)
            if denied:
                scope = _negated_scope(neg, denied)
                if scope.lower() in pos.text.lower():
                    continue  # one quote in both ("we lost our church, but we did not lose Wrenfield"): both deny it
                return "conflict", _opposite_polarity(neg, pos, denied, scope)
    if link.tier == "possible":
        return "possible", f"similar statements (score {link.score:.2f}, below the match threshold): review"
    # Similar wording is not agreement when the numbers or dates in the two sentences differ.
    for kind, va, vb in (
        ("numbers", {q.value for q in ca.quantities}, {q.value for q in cb.quantities}),
        ("dates", {d.display for d in ca.dates}, {d.display for d in cb.dates}),
    ):
        if va and vb and not (va & vb):
            if kind == "dates" and (days := _misdated(ca, cb, link)):
                return "conflict", (f"similar sentences (similarity {link.cosine:.2f}) that date it to different days ({days}); "
                                    "their dates' facts were not matched: review")
            return "related", f"similar sentences (similarity {link.cosine:.2f}) whose {kind} differ ({', '.join(map(_num, sorted(va)))} vs {', '.join(map(_num, sorted(vb)))}); no fact of the two was matched"
    shared = sorted(ca.entity_keys() & cb.entity_keys())
    return "corroborates", "the same statement" + (f" about {', '.join(shared[:4])}" if shared else "") + f" (similarity {link.cosine:.2f})"


def _misdated(ca: Claim, cb: Claim, link: Link) -> str:
    """The two days, when two closely alike sentences of one story's event each give one date, a day, and the days are
    under a fortnight apart ("granted permission for the runway on Tuesday 14 April" / "granted planning permission on 16
    April"): one deed dated twice, though their dates' measures were worded too differently to be matched; else ''."""
    if link.cosine < 0.70 or ca.background or cb.background or ca.event != cb.event or len(ca.dates) != 1 or len(cb.dates) != 1:
        return ""
    da, db = ca.dates[0], cb.dates[0]
    if da.granularity != "day" or db.granularity != "day":
        return ""
    apart = abs((date.fromisoformat(da.low) - date.fromisoformat(db.low)).days)
    return f"{da.display} vs {db.display}" if 0 < apart <= 14 else ""


def _opposite_polarity(neg: Claim, pos: Claim, denied: set[str], scope: str) -> str:
    """The reason shown when `neg` denies what `pos` states: the negated words and the other's words it denies."""
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w'’-]+", pos.text)]
    said = list(dict.fromkeys(w for w in words if w not in FUNCTION_WORDS and (w[:5] in denied or any(w.startswith(d) for d in denied)
                                                                                or _IRREGULAR_FORM.get(w, "")[:5] in denied)))  # in its order
    return f"opposite polarity: {neg.source_file} negates “{scope}”, and {pos.source_file} speaks of {', '.join(said)} without a negation"


def extra_key(ln: Link, fa: Fact | None, fb: Fact | None) -> tuple[str, ...]:
    """What tells a further finding of two sentences from their first: the facts compared."""
    return (str(ln.fact_a), str(ln.fact_b), fa.value if fa else "", fb.value if fb else "")


def make_findings(
    claims: Sequence[Claim], links: Iterable[Link], clusters: Sequence[Cluster], sources: Sequence[Source], settings: Settings,
    workers: int = 1,
) -> list[Finding]:
    """One finding per linked cross-source claim pair: the strongest relation among its linked facts; and
    one more for each further contradiction or possible contradiction between other facts of the same
    two sentences ("cut 1,200 jobs after profit fell to £310m" vs "about 1,000 jobs ... profit dropped to
    £301m" disagrees twice).

    With `workers` > 1 (the caller has checked that a fork is safe) and many links in a LinkTable (as a
    run passes them), a forked child
    (`fork.ForkedWork`) judges the later 55% of the claim pairs while this process judges the rest, and
    sends its findings back as plain rows: the same findings, in the same order."""
    _forget_values()
    try:
        return _make_findings(claims, links, clusters, sources, settings, workers)
    finally:
        _forget_values()


def _make_findings(
    claims: Sequence[Claim], links: Iterable[Link], clusters: Sequence[Cluster], sources: Sequence[Source], settings: Settings,
    workers: int,
) -> list[Finding]:
    from .match import LinkTable

    by_id = {c.id: c for c in claims}
    src = {s.file: s for s in sources}
    cluster_of = {cid: cl.id for cl in clusters for cid in cl.claim_ids}
    # Names at least half the sources use are the story's common ground; they cannot tell incidents apart.
    per_source: dict[str, set[str]] = {}
    for c in claims:
        per_source.setdefault(c.source_file, set()).update(c.entity_keys())
    df: dict[str, int] = {}
    for keys in per_source.values():
        for k in keys:
            df[k] = df.get(k, 0) + 1
    common = frozenset(k for k, v in df.items() if v * 2 >= len(per_source) and len(per_source) > 2)
    for c in claims:
        if not c.background:
            for f in c.facts:
                if f.kind == "quantity" and c.quantities[f.index].dimension == "count":
                    _COUNTS_TOLD.setdefault((c.source_file, c.quantities[f.index].value), []).append((f.counted, c))
    out: list[Finding] = []
    # A claim's side is the same in every finding it is in (frozen): made once and shared, since a large
    # corpus has millions of findings over far fewer claims (10,000 synthetic articles: 8.5 million sides).
    sides: dict[tuple[str, int], Side] = {}
    bases: dict[str, str] = {}

    def side_of(c: Claim, i: int) -> Side:
        got = sides.get((c.id, i))
        if got is None:
            got = sides[(c.id, i)] = side(c, c.facts[i] if i >= 0 else None, src.get(c.source_file))
        return got

    def add(row: FindingRow) -> None:
        """A finding from its row (`FindingRow`), with shared sides and bases."""
        fid, rel, ida, ia, idb, ib, measure, basis, score, independent, clu, conflict = row
        out.append(Finding(id=fid, relation=rel, a=side_of(by_id[ida], ia), b=side_of(by_id[idb], ib), measure=measure,
                           basis=bases.setdefault(basis, basis),  # one string for each distinct basis
                           score=score, independent=independent, cluster=clu, conflict=conflict))

    Judged = tuple[tuple[int, float, float], tuple[Link, Fact | None, Fact | None, str, str, str, bool]]

    def emit(group: list[Judged], put: Callable[[FindingRow], None]) -> None:
        """The findings of one claim pair: its best-ranked link, then each further (possible) contradiction
        between other facts of the two sentences."""
        won = max(group, key=lambda r: r[0])[1]  # the first of equal ranks
        # (A statement whose polarity is opposite is an alarm too: "on Thursday" may agree while one side says
        # passwords were stolen and the other that they were not.)
        alarms = [p for r, p in sorted(group, key=lambda r: r[0], reverse=True)
                  if (p[0].fact_a >= 0 and (p[3] == "contradicts" or p[6]) or (p[0].fact_a < 0 and p[6])) and p is not won]
        ca, cb = by_id[won[0].a], by_id[won[0].b]
        independent = ca.origin != cb.origin
        used_a, used_b = {won[0].fact_a}, {won[0].fact_b}
        for extra in [won, *alarms]:
            ln, fa, fb, rel, reason, measure, conflict = extra
            if extra is not won and ln.fact_a >= 0:
                if ln.fact_a in used_a or ln.fact_b in used_b or fa is None or fb is None:
                    continue  # one finding per fact of either sentence
                used_a.add(ln.fact_a)
                used_b.add(ln.fact_b)
            put((
                stable_id(ca.source_file, ca.text, cb.source_file, cb.text, *(() if extra is won else extra_key(ln, fa, fb))),
                rel, ca.id, ln.fact_a if fa else -1, cb.id, ln.fact_b if fb else -1, measure, reason, ln.score, independent,
                cluster_of.get(ca.id, ""), conflict,
            ))

    def judge(rows: Iterable[Link], put: Callable[[FindingRow], None]) -> None:
        """The findings of these links (sorted by claim pair, whole pairs only), one claim pair at a time, so
        that only one pair's verdicts are held (not millions)."""
        group: list[Judged] = []
        for ln in rows:
            if group and (ln.a, ln.b) != (group[0][1][0].a, group[0][1][0].b):
                emit(group, put)
                group = []
            ca, cb = by_id[ln.a], by_id[ln.b]
            sa, sb = src.get(ca.source_file), src.get(cb.source_file)
            if ln.fact_a >= 0:
                fa, fb = ca.facts[ln.fact_a], cb.facts[ln.fact_b]
                rel, reason = judge_fact_pair(ca, fa, cb, fb, ln, sa, sb, settings, common)
                conflict = rel in ("conflict", "contradicts") and (rel == "conflict" or ln.tier == "possible")
                if ln.tier == "possible" and rel != "contradicts":
                    rel, reason = "possible", f"{reason} (score {ln.score:.2f}, below the match threshold): review"
                elif ln.tier == "possible":
                    rel, reason = "possible", f"possible contradiction, {reason} (score {ln.score:.2f}): review"
                elif rel == "conflict":
                    rel = "possible"
                measure = fa.measure or fb.measure
            else:
                fa = fb = None
                rel, reason = judge_statement_pair(ca, cb, ln, sa, sb, settings)
                measure = "statement"
                conflict = rel == "conflict"  # opposite polarity on a shared word: a possible contradiction
                if conflict:
                    rel = "possible"
            # Facts decide: a verdict on values outranks a sentence-level similarity. A possible contradiction
            # ranks between a corroboration and a related fact: it must not hide behind "related, both say Tuesday".
            # The score to three decimals: two facts of a sentence pair whose scores differ by less are a tie, which
            # goes to the first pair of facts, so the choice cannot hang on a cosine's last bits (those vary with the
            # batch a text was encoded in, and so with the cache's history).
            rank = (int(ln.fact_a >= 0 and (rel != "possible" or conflict)), RANK["related"] + 0.5 if conflict else RANK[rel], round(ln.score, 3))
            group.append((rank, (ln, fa, fb, rel, reason, measure, conflict)))
        if group:
            emit(group, put)

    # link_units gives the links sorted by claim pair, as a table; other input is sorted here (and judged here).
    if not isinstance(links, LinkTable):
        links = sorted(links, key=lambda x: (x.a, x.b, x.fact_a, x.fact_b))
    n = len(links)
    split = n
    if isinstance(links, LinkTable) and workers > 1 and n >= PARALLEL_MIN_LINKS:
        split = _pair_boundary(links, int(n * PARENT_SHARE))

    def judge_rest(put: Callable[[Any], None]) -> None:  # the child's share: its rows go back in chunks
        take = _chunked(put)
        judge(links.rows(split, n), take)
        take(None)

    child = None
    if split < n:
        try:
            child = ForkedWork(judge_rest)
        except OSError:  # no temporary file or no process to be had: every pair is judged here
            split = n
    mine = links if split == n else links.rows(0, split)
    try:
        with progress(mine, settings, "judging linked pairs", "pair", total=n, min_total=20_000) as bar:
            judge(bar, add)
            if child is not None:
                got = child.results()
                if got is None:  # the child failed (killed, out of memory): its share is judged here
                    judge(links.rows(split, n), add)
                else:
                    for chunk in got:
                        for row in chunk:
                            add(row)
                bar.update(n - split)
    finally:
        if child is not None:
            child.close()
    # Names decide three more kinds of contradiction (a quote given to two speakers, a role given to two names, a
    # person given two ages), and a named moment a fourth (one kick-off, two times), which no link between facts
    # carries: `names.name_findings`, `moments.moment_times`.
    # (A possible match is no verdict: a person's age found by name replaces it.)
    sides = lambda f: frozenset(((f.a.claim_id, f.a.value), (f.b.claim_id, f.b.value)))  # noqa: E731
    verdicts = {sides(f) for f in out if f.relation != "possible"}
    named = name_findings(claims, sources, cluster_of, verdicts) + moment_times(claims, src, cluster_of, verdicts)
    # One dated deed given two days (`moments.moment_days`) also settles a "related" verdict on those days: the
    # matcher found nothing to tie them to one event, and the deed and its subject do.
    days, settled = moment_days(claims, src, cluster_of, verdicts)
    named += days
    if named:
        replaced = {sides(f) for f in named}
        out = [f for f in out if not (f.relation == "possible" and sides(f) in replaced or f.relation == "related" and sides(f) in settled)] + named
    return sorted(out, key=lambda f: (-RANK[f.relation], f.a.source_file, f.a.line, f.b.source_file, f.b.line, f.id))


# With this many links and a second CPU, a forked child judges the later 55% of them (below it, forking and
# reading its findings back cost more than they save).
PARALLEL_MIN_LINKS = 50_000
# The share of the links judged here: this process also reads back and builds the child's findings
# (about a quarter of the time judging them takes), so the child takes a little more.
PARENT_SHARE = 0.45
# A finding as the child sends it: (id, relation, claim a, its fact index or -1, claim b, fact index, measure,
# basis, score, independent, cluster, conflict). Plain values: they are pickled far faster than objects.
FindingRow = tuple[str, str, str, int, str, int, str, str, float, bool, str, bool]
ROWS_PER_CHUNK = 20_000


def _chunked(put: Callable[[Any], None]) -> Callable[[FindingRow | None], None]:
    """A row sink that puts rows in lists of ROWS_PER_CHUNK; call it with None to put the last."""
    chunk: list[FindingRow] = []

    def take(row: FindingRow | None) -> None:
        if row is not None:
            chunk.append(row)
        if row is None or len(chunk) >= ROWS_PER_CHUNK:
            put(list(chunk))
            chunk.clear()

    return take


def _pair_boundary(links: Any, at: int) -> int:
    """The first index at or after `at` where a new claim pair starts in a LinkTable (a pair's links are
    judged together)."""
    n = len(links)
    if at <= 0 or at >= n:
        return n
    a, b = links.a, links.b
    while at < n and a[at] == a[at - 1] and b[at] == b[at - 1]:
        at += 1
    return at
