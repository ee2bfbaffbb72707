"""Stage 3: claim text -> typed values (dates, quantities, attributes, entities, polarity, attribution).

Dates are spotted by pattern and resolved by dateparser against the article's publication date
(past preference, English); quantities come from quantulum3, wrapped with the qualifiers, ranges and
vague amounts news uses; entities are capitalised spans normalised for alias merging.
"""

from __future__ import annotations

import calendar
import re
import sys
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from .ingest import MONTHS, WEEKDAYS, month_number as _month_num
from .models import Attribute, Attribution, DateValue, Entity, Quantity

# pysbd and quantulum3 build thousands of regular expressions on the fly through the `re` module's
# cache of 512 compiled patterns, which they overflow: about a tenth of extraction went to
# recompiling. A larger cache (about 10 MB at most) keeps them compiled.
if getattr(re, "_MAXCACHE", 0) < 8192:
    re._MAXCACHE = 8192  # type: ignore[attr-defined]

MON_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
MON = rf"(?:{MONTHS}|(?:{MON_ABBR})\.?)"
YEAR = r"(?:1[89]\d{2}|20\d{2})"
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
NUMWORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Order matters: longer, more specific patterns first; overlapping later matches are dropped.
DATE_PATTERNS: list[tuple[str, str]] = [
    ("weeks", rf"\bthe (?P<fl>first|last) (?P<n>\w+) (?P<u>weeks|months|days) of (?P<y>{YEAR})\b"),
    ("part", rf"\b(?P<p>early|mid|middle|late)[- ](?P<y>{YEAR})\b"),
    ("part", rf"\b(?P<p>early|mid|middle|late)[- ]?(?:in )?(?P<m>{MONTHS})(?:,? (?P<y>{YEAR}))?\b"),
    ("season", rf"\b(?:the )?(?P<s>spring|summer|autumn|fall|winter) (?:of )?(?P<y>{YEAR})\b"),
    # "3 March last year", "March 3 this year", "in May next year": the year is relative to publication.
    ("dm_rel", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?P<m>{MON}),? (?P<r>last|this|next) year\b"),
    ("md_rel", rf"\b(?P<m>{MON}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<r>last|this|next) year\b"),
    ("m_rel", rf"\b(?P<m>{MONTHS}),? (?P<r>last|this|next) year\b"),
    ("wday", rf"\b(?:{WEEKDAYS}),? (?P<m>{MON}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y>{YEAR}))?\b"),
    ("mdy", rf"\b(?P<m>{MON}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>{YEAR})\b"),
    ("dmy", rf"\b(?P<d>\d{{1,2}}) (?P<m>{MON}),? (?P<y>{YEAR})\b"),
    ("iso", r"\b(?P<y>(?:19|20)\d{2})-(?P<mo>\d{2})-(?P<d>\d{2})\b"),
    ("my", rf"\b(?P<m>{MON}),? (?P<y>{YEAR})\b"),
    ("md", rf"\b(?P<m>{MON}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? ?\d)"),
    ("dm", rf"\b(?P<d>\d{{1,2}}) (?P<m>{MONTHS})\b"),
    ("m", rf"\b(?i:in|since|by|until|during|from|of|last|this|early|late|through|before|after) (?P<m>{MONTHS})\b"),
    ("decade", r"\bthe (?P<y>(?:19|20)\d0)s\b"),
    # "in the coming fiscal year", "the current financial year": a financial year counted from publication (see "split").
    ("fy_rel", r"\b(?P<r>coming|next|current|this|last|previous|past) (?:fiscal|financial) year\b"),
    ("rel", r"\b(?:last|this|next|past) (?:year|month|week)\b|\byesterday\b|\btoday\b|\btomorrow\b|\b(?:a|one|two|three|\d+) (?:years?|months?|weeks?|days?) ago\b"),
    # A financial year or a season across two calendar years: "the 2026-27 budget", "the three seasons to 2024-25".
    ("split", r"(?<![\d$€£.,])\b(?P<y>(?:19|20)\d{2})[-–/](?P<y2>\d{2})\b(?![-–/]\d)"),
    ("y", rf"(?<![\d$€£.,])\b(?P<y>{YEAR})\b(?![\d,.]\d|%| (?:people|troops|soldiers|km|miles))"),
]
DATE_RES = [(k, re.compile(p)) for k, p in DATE_PATTERNS]
FUTURE_CUE = re.compile(r"\b(?:scheduled|will|would|next|upcoming|due|expected|set to|planned)\b[^.;]{0,40}$", re.I)


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=4096)
def _dp(text: str, base: date, future: bool) -> datetime | None:
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]


def _interval(kind: str, m: re.Match[str], base: date | None, future: bool, weekday: int | None = None) -> tuple[date, date, str, str] | None:
    """(low, high, granularity, display) for one date match; None when it cannot be resolved. `weekday` (Monday 0):
    the weekday written right before a day and month."""
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    try:
        if kind in ("dm_rel", "md_rel", "m_rel"):
            if base is None:
                return None
            yy = base.year + {"last": -1, "this": 0, "next": 1}[g["r"]]
            mo = _month_num(g["m"])
            if kind == "m_rel":
                return date(yy, mo, 1), _month_end(yy, mo), "month", f"{yy}-{mo:02d}"
            day = date(yy, mo, int(g["d"]))
            return day, day, "day", day.isoformat()
        if kind == "weeks":
            n = NUMWORDS.get(g["n"].lower()) or (int(g["n"]) if g["n"].isdigit() else None)
            if not n or y is None:
                return None
            days = {"weeks": 7 * n, "months": 31 * n, "days": n}[g["u"]]
            if g["fl"] == "first":
                lo, hi = date(y, 1, 1), date(y, 1, 1) + timedelta(days=days - 1)
            else:
                lo, hi = date(y, 12, 31) - timedelta(days=days - 1), date(y, 12, 31)
            return lo, hi, "span", f"{g['fl']} {g['n']} {g['u']} of {y}"
        if kind == "part":
            a, b = PARTS[g["p"]]
            if g.get("m"):
                mo = _month_num(g["m"])
                if y is None:
                    if base is None:
                        return None
                    dt = _dp(g["m"], base, future)
                    if dt is None:
                        return None
                    y = dt.year
                d0 = {"early": 1, "mid": 10, "middle": 10, "late": 20}[g["p"]]
                d1 = {"early": 10, "mid": 20, "middle": 20, "late": calendar.monthrange(y, mo)[1]}[g["p"]]
                return date(y, mo, d0), date(y, mo, d1), "span", f"{g['p']} {date(y, mo, 1):%B %Y}"
            assert y is not None
            return date(y, a, 1), _month_end(y, b), "span", f"{g['p']}-{y}"
        if kind == "season":
            assert y is not None
            a, b = SEASONS[g["s"]]
            if a > b:  # winter spans the turn of the year
                return date(y, a, 1), _month_end(y + 1, b), "season", f"winter {y}"
            return date(y, a, 1), _month_end(y, b), "season", f"{g['s']} {y}"
        if kind in ("wday", "mdy", "dmy", "md", "dm", "iso"):
            mo = int(g["mo"]) if g.get("mo") else _month_num(g["m"])
            d = int(g["d"])
            if y is None:
                if base is None:
                    return None
                dt = _dp(f"{calendar.month_name[mo]} {d}", base, future)
                if dt is None:
                    return None
                y = dt.year
                ahead = _valid(y + 1, mo, d)
                if not future and ahead is not None and (ahead - base).days <= 90 and (base - date(y, mo, d)).days >= 180:
                    # A day soon after publication, not most of a year before it: "a general meeting on 9 April" in an
                    # article of 3 March is this April's (a report cannot tell what has not happened yet as past).
                    y += 1
                # A weekday names the year: "on Thursday 9 April" in an article of 2 March 2026 is 9 April 2026 (a
                # Thursday), not 2025 (a Wednesday), whichever way the sentence's tense leans.
                wd = weekday if weekday is not None else next((i for i, n in enumerate(calendar.day_name) if n in m.group(0)), None)
                if wd is not None and date(y, mo, d).weekday() != wd:
                    fits = [yy for yy in (base.year - 1, base.year, base.year + 1) if date(yy, mo, d).weekday() == wd]
                    if fits:
                        y = min(fits, key=lambda yy: abs((date(yy, mo, d) - base).days))
            day = date(y, mo, d)
            return day, day, "day", day.isoformat()
        if kind == "my":
            mo = _month_num(g["m"])
            assert y is not None
            return date(y, mo, 1), _month_end(y, mo), "month", f"{y}-{mo:02d}"
        if kind == "m":
            if base is None:
                return None
            mo = _month_num(g["m"])
            dt = _dp(calendar.month_name[mo], base, future)
            if dt is None:
                return None
            return date(dt.year, mo, 1), _month_end(dt.year, mo), "month", f"{dt.year}-{mo:02d}"
        if kind == "decade":
            assert y is not None
            return date(y, 1, 1), date(y + 9, 12, 31), "decade", f"{y}s"
        if kind == "rel":
            if base is None:
                return None
            t = m.group(0).lower()
            if t.endswith("year"):
                yy = base.year + (-1 if t.startswith(("last", "past")) else 1 if t.startswith("next") else 0)
                return date(yy, 1, 1), date(yy, 12, 31), "year", str(yy)
            dt = _dp(t, base, future)
            if dt is None:
                return None
            if t.endswith("month"):
                return date(dt.year, dt.month, 1), _month_end(dt.year, dt.month), "month", f"{dt.year}-{dt.month:02d}"
            if t.endswith("week"):
                lo = dt.date() - timedelta(days=dt.weekday())
                return lo, lo + timedelta(days=6), "span", f"week of {lo.isoformat()}"
            if "ago" in t and ("year" in t or "month" in t):
                return date(dt.year, 1, 1), date(dt.year, 12, 31), "year", str(dt.year)
            return dt.date(), dt.date(), "day", dt.date().isoformat()
        if kind == "fy_rel":
            if base is None:
                return None
            yy = (base.year if base.month >= 7 else base.year - 1) + {"coming": 1, "next": 1, "last": -1, "previous": -1, "past": -1}.get(g["r"], 0)
            return date(yy, 7, 1), date(yy + 1, 6, 30), "year", f"{yy}-{(yy + 1) % 100:02d}"
        if kind == "split":
            # Twelve months across the turn of the year (where they start differs: April, July, August): taken from July to
            # June, so that two consecutive ones do not overlap and each overlaps both of its calendar years.
            assert y is not None
            if int(g["y2"]) != (y + 1) % 100:
                return None  # "2026-03": not a year and the next
            return date(y, 7, 1), date(y + 1, 6, 30), "year", f"{y}-{g['y2']}"
        if kind == "y":
            assert y is not None
            return date(y, 1, 1), date(y, 12, 31), "year", str(y)
    except (ValueError, KeyError):
        return None
    return None


def extract_dates(text: str, base: date | None) -> tuple[list[DateValue], list[tuple[int, int]]]:
    """Every date mention of a sentence, resolved against `base` (the publication date).

    Also returns the spans of every date-like mention, resolved or not, so that "January 3" in an
    undated article is never read as the quantity 3.
    """
    taken: list[tuple[int, int]] = []
    seen: list[tuple[int, int]] = []
    out: list[DateValue] = []
    for kind, rx in DATE_RES:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            cue = FUTURE_CUE.search(text, max(0, s - 60), s)
            # "an inspection had been scheduled for 15 October", "was due on 3 May": a plan told in the past, its day
            # not necessarily ahead of publication.
            future = bool(cue) and not PAST_FRAME.search(text, max(0, cue.start() - 30), cue.start())
            wd = WEEKDAY_BEFORE.search(text, max(0, s - 14), s) if kind in ("md", "dm") else None
            at = base
            if base is not None and kind in ("md", "dm", "m", "wday") and not m.groupdict().get("y") and LAST_YEAR_HELD.search(text[max(0, s - 80) : s]):
                # "Last year's race, held on April 13": the latest April 13 of the year before publication.
                at, future = date(base.year - 1, 12, 31), False
            got = _interval(kind, m, at, future, list(calendar.day_name).index(wd.group(1)) if wd else None)
            if not any(s < te and ts < e for ts, te in seen):
                seen.append((s, e))
            if got is None:
                continue
            lo, hi, gran, disp = got
            taken.append((s, e))
            out.append(DateValue(m.group(0), s, e, lo.isoformat(), hi.isoformat(), gran, disp))
            lead = LEAD_DAYS.search(text, max(0, s - 40), s) if kind == "dm" and gran == "day" else None
            if lead:
                # "on 24 and 29 September", "on 3, 4 and 5 March": the month's other days; "24-29 September", "between 3
                # and 5 March": from the first to the last.
                nums = list(re.finditer(r"\d{1,2}", text[lead.start() : lead.start("glue")]))
                days = [_valid(lo.year, lo.month, int(n.group(0))) for n in nums]
                if all(d is not None and d < lo for d in days):
                    glue = lead.group("glue").strip().lower()
                    if RANGE_GLUE.match(glue) or (glue == "and" and BETWEEN_BEFORE.search(text, max(0, lead.start() - 9), lead.start())):
                        first = days[0]
                        assert first is not None
                        out[-1] = DateValue(text[lead.start() : e], lead.start(), e, first.isoformat(), hi.isoformat(), "span",
                                            f"{first.isoformat()}–{disp}")
                    else:
                        for num, d in zip(nums, days):
                            assert d is not None
                            a = lead.start() + num.start()
                            out.append(DateValue(num.group(0), a, lead.start() + num.end(), d.isoformat(), d.isoformat(), "day", d.isoformat()))
                    taken.append((lead.start(), s))
                    seen.append((lead.start(), s))
    seen.sort()
    out.sort(key=lambda d: d.start)
    for i, d in enumerate(out):
        # "In March 2011, mayor Gareth Pell resigned ..., and the by-election that followed in June went to two recounts": a
        # later month the sentence names without a year is of the year it named before (not the latest June before publication).
        if d.granularity == "month" and not re.search(r"\d", d.text):
            named = [e for e in out[:i] if e.granularity in ("month", "day") and re.search(r"\b(?:19|20)\d{2}\b", e.text)]
            if named and int(named[-1].low[5:7]) < int(d.low[5:7]) and named[-1].low[:4] != d.low[:4]:
                y, mo = int(named[-1].low[:4]), int(d.low[5:7])
                out[i] = DateValue(d.text, d.start, d.end, date(y, mo, 1).isoformat(), _month_end(y, mo).isoformat(), "month", f"{y}-{mo:02d}")
    return _merge_ranges(text, out), sorted(seen)


PAST_FRAME = re.compile(r"\b(?:had\s+been|had|was|were)\s+(?:originally\s+|initially\s+|first\s+|already\s+)?$", re.I)
# The days before a day and month that share its month: "24 and", "3, 4 and", "24-", "from 24 to".
LEAD_DAYS = re.compile(r"(?<![\d.,:£$€])\b\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?P<glue>,?\s*and|&|-|–|to|until|through)\s*$", re.I)
BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
WEEKDAY_BEFORE = re.compile(rf"\b({WEEKDAYS}),?\s+(?:the\s+)?$")
# An event of the year before, and the verb that dates it: "Last year's race, held on April 13", "last year's final,
# played on 3 May".
LAST_YEAR_HELD = re.compile(r"\b(?:last year'?s|the previous year'?s|a year earlier,)\s[^.;:]{0,40}?\b(?:held|staged|run|played|contested|"
                            r"took place|was on|opened|began|started|ended)\s+(?:on\s+|in\s+)?$", re.I)
RANGE_GLUE = re.compile(r"^\s*(?:-|–|—|to|until|till|through)\s*$", re.I)


def _merge_ranges(text: str, dates: list[DateValue]) -> list[DateValue]:
    """"1983-2005", "from 1983 to 2005", "between May and July": one span, not two dates."""
    out: list[DateValue] = []
    for d in dates:
        prev = out[-1] if out else None
        glue = text[prev.end : d.start] if prev else ""
        between = prev is not None and glue.strip().lower() == "and" and text[max(0, prev.start - 8) : prev.start].lower().endswith("between ")
        if prev and prev.low <= d.low and (RANGE_GLUE.match(glue) or between):
            disp = f"{prev.display}–{d.display}"
            out[-1] = DateValue(text[prev.start : d.end], prev.start, d.end, prev.low, d.high, "span", disp)
            continue
        out.append(d)
    return out


# Times of day, weekdays, directions, inside/outside ------------------------------------------------

TIME_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<mi>\d{2})|\.(?P<md>\d{2})(?=\s*[ap]\.?\s?m\b))?\s*(?P<ap>a\.?\s?m\.?|p\.?\s?m\.?)?(?:\s*\(?(?P<z>GMT|UTC|EST|EDT|CET|CEST|MSK|BST|PST|PDT|local time|[A-Z]{2,4}T)\)?)?(?=[\s,.;)]|$)",
)
WIRE_TIME_RE = re.compile(r"(?<![\d.,:])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s+(?P<z>GMT|UTC|BST|CET|CEST|EST|EDT|ET)\b")
DAYPART_PM = re.compile(r"\s*(?:in the (?:evening|afternoon)|at night|this (?:evening|afternoon)|tonight)\b", re.I)
# A clock time in words: "twenty to eight", "a quarter past three on the morning of Tuesday", "half past six that evening".
_HOURS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_PAST_MINUTES = {"five": 5, "ten": 10, "a quarter": 15, "quarter": 15, "twenty": 20, "twenty-five": 25, "twenty five": 25, "half": 30}
# "eighteen minutes to eleven", "twenty-two minutes past nine": any count of minutes, with the word "minutes".
_MINUTE_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
                 "eighteen nineteen").split()
_MINUTE_WORDS = {w: i + 1 for i, w in enumerate(_MINUTE_UNITS)} | {"twenty": 20} | {
    f"twenty{sep}{w}": 20 + i + 1 for i, w in enumerate(_MINUTE_UNITS[:9]) for sep in ("-", " ")}
SPELLED_TIME_RE = re.compile(
    r"\b(?P<m>(?:" + "|".join(sorted(_MINUTE_WORDS, key=len, reverse=True)) + r"|\d{1,2})\s+minutes?|"
    r"twenty-five|twenty five|twenty|ten|five|a quarter|quarter|half)\s+(?P<rel>past|to)\s+(?P<h>"
    + "|".join(_HOURS) + r")\b(?!\s+(?:of|hours|minutes|days|years|people|percent|per)\b)(?:\s+o'clock)?", re.I)
# A part of the day after a spelled time: "in the evening", "that afternoon", "on the morning of Tuesday".
SPELLED_DAYPART = re.compile(r"\s*(?:in the|at|that|this|on (?:the|that|a) \w+|on \w+)?\s*(?P<p>morning|afternoon|evening|night)\b", re.I)
SPELLED_TIME_BEFORE = re.compile(r"\b(?:at|by|until|till|around|after|before)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|just\s+)?$", re.I)
SPELLED_DAYPART_BEFORE = re.compile(r"\b(?:in the|that|this|on the)\s+(?P<p>morning|afternoon|evening|night)\s+(?:at|,)?\s*$", re.I)
DIRECTIONS = r"north(?:-?(?:east|west))?|south(?:-?(?:east|west))?|east|west|northeast|northwest|southeast|southwest"
DIRECTION_RE = re.compile(rf"\b(?P<d>{DIRECTIONS})(?:ern)?\s+of\b", re.I)
WEEKDAY_RE = re.compile(rf"\b(?:on |late on |early on |last )?(?P<w>{WEEKDAYS})\b")
POSITION_RE = re.compile(
    r"\b(?P<p>inside|outside|within|on the outskirts of|near)\s+(?:the\s+)?"
    r"(?!(?:just|a|an|few|hours?|minutes?|moments?|days?|weeks?|months?|years?|seconds?|range|reach|limits?|budget|days|next|past|last)\b)(?P<o>[a-z]+)",
    re.I,
)


# A result: "beat Chelsea 3-1", "won 112-104", "passed 52-48", "a 2-0 win". The words around it say it is
# one (a bare "18-25" is an age band, "10-15 km" a range).
SCORE_RE = re.compile(
    r"(?<![\d/:–-])(?<!\d[.,])(?P<a>\d{1,3})\s?[-–]\s?(?P<b>\d{1,3})"
    r"(?![\d/:%–-]|[.,]\d|\s?(?:km|kg|mph|per|years?|months?|days?|hours?|minutes?)\b)"
)
SCORE_BEFORE = re.compile(r"\b(?:beat|beats|beaten|won|win|wins|winning|lost|lose|loses|losing|defeated|defeat|drew|draw|drawn|thrashed|edged|"
                          r"passed|passing|carried|approved|approving|rejected|voted|vote|motion|tally|ballot|scored|score|scoreline|"
                          r"leading|led|trailing|trailed|level|scoreboard|"
                          # a judge's card in boxing or a judged sport: "Ingrid Solberg-Vance's card of 117-109", "had it 114-112"
                          r"card|cards|scorecard|scorecards|had it|scored it)\b[^.;:]{0,40}$", re.I)
# A vote written out: "by 187 votes to 142", "52 votes against 48", "by a vote of 52 to 48".
VOTE_TALLY = re.compile(r"\b(?P<a>\d{1,4})\s+votes?\s+(?:to|against)\s+(?P<b>\d{1,4})\b|\bvote of (?P<a2>\d{1,4})\s*(?:to|-|–)\s*(?P<b2>\d{1,4})\b", re.I)
SCORE_AFTER = re.compile(r"^\s*(?:(?:home|away)\s+)?(?:win|wins|victory|defeat|loss|draw|thrashing|drubbing|rout|hammering|vote|result|scoreline|"
                         r"lead|up|down|score|tally|card|scorecard)\b", re.I)


# A person's age: "a 34-year-old man", "Daniel Price, 35, was sentenced" (a name, then the age between commas).
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# 1-99 written out ("seven", "twenty-three"), for ages such as "a seven-year-old girl".
SPELLED_AGE = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)} | {
    t + ("-" + u if u else ""): 20 + 10 * i + j for i, t in enumerate(_TENS) for j, u in enumerate([""] + _UNITS)}
_SPELLED_AGE_RE = "|".join(sorted(SPELLED_AGE, key=len, reverse=True))
AGE_RE = re.compile(
    rf"\b(?P<n>\d{{1,3}})-year-old\b|\b(?P<w>(?i:{_SPELLED_AGE_RE}))-year-old\b|(?<=[a-z]), (?P<m>\d{{1,2}}),(?= [a-z])"
    # "died aged 57", "at the age of 56", "dies at 56": the age of the person the sentence is about.
    r"|\b(?:aged|at the age of|(?:died|dies|dead|death) at)\s+(?P<k>\d{1,3})\b(?!\s*(?:%|percent|per cent|years? ago|[ap]\.?m\b|[:.]\d|o'clock|[a-z]+s\b|[-–]\s*\d|(?:to|and)\s+\d))"
)
AGE_NAME = re.compile(r"\b[A-Z][a-z'’-]+$")


# A rung on a named scale: "a Category 3 storm", "Level 4 alert", "Stage 2 restrictions" (a value; the number
# after such a word is not a count, nor part of a product name).
RATING_RE = re.compile(r"\b(?P<s>Category|Level|Stage|Grade|Class|Tier|Force|Phase|Defcon)[ -](?P<n>\d{1,2}|[IVX]{1,4})\b")


# A race or record time: "2:04:51", "1:02:10.4" (not a clock time with am/pm or a zone after it).
RACE_TIME_RE = re.compile(r"(?<![\d:.])\d{1,2}:[0-5]\d:[0-5]\d(?:\.\d{1,3})?(?![\d:])(?!\s*(?:[ap]\.?m\b|GMT|UTC|BST|CET|EST|EDT|PST|local time))")


def _score(text: str, ms: list[re.Match[str]]) -> Attribute:
    """A result: one score ("3-1", larger first), or a set-by-set line ("6-2, 6-2, 7-6"), one value in order."""
    if len(ms) == 1:
        a, b = int(ms[0].group("a")), int(ms[0].group("b"))
        return Attribute("score", f"{max(a, b)}-{min(a, b)}", ms[0].group(0), ms[0].start(), ms[0].end())
    value = " ".join(f"{m.group('a')}-{m.group('b')}" for m in ms)
    return Attribute("score", value, text[ms[0].start() : ms[-1].end()], ms[0].start(), ms[-1].end())


def extract_attributes(text: str) -> list[Attribute]:
    """Closed-class values news disagrees on: times with zone, weekdays, directions, inside/outside,
    results ("3-1", in the order of larger first, so "lost 1-3" and "lost 3-1" are one result), and ages."""
    out: list[Attribute] = []
    for m in AGE_RE.finditer(text):
        if m.group("n"):
            out.append(Attribute("age", m.group("n"), m.group(0), m.start(), m.end()))
        elif m.group("w"):
            out.append(Attribute("age", str(SPELLED_AGE[m.group("w").lower()]), m.group(0), m.start(), m.end()))
        elif m.group("k"):
            out.append(Attribute("age", m.group("k"), m.group(0), m.start("k"), m.end("k")))
        elif AGE_NAME.search(text[max(0, m.start() - 30) : m.start()]):
            out.append(Attribute("age", m.group("m"), m.group("m"), m.start("m"), m.end("m")))
    scores: list[re.Match[str]] = []
    for m in SCORE_RE.finditer(text):
        if scores and re.fullmatch(r",?\s*(?:and\s+)?", text[scores[-1].end() : m.start()]):
            scores.append(m)  # the next set of "6-2, 6-2, 7-6"
        elif SCORE_BEFORE.search(text[max(0, m.start() - 60) : m.start()]) or SCORE_AFTER.match(text[m.end() : m.end() + 20]):
            if scores:
                out.append(_score(text, scores))
            scores = [m]
    if scores:
        out.append(_score(text, scores))
    for m in VOTE_TALLY.finditer(text):
        if any(a.kind == "score" and a.start < m.end() and m.start() < a.end for a in out):
            continue
        a, b = int(m.group("a") or m.group("a2")), int(m.group("b") or m.group("b2"))
        start = m.start("a") if m.group("a") else m.start("a2")
        out.append(Attribute("score", f"{max(a, b)}-{min(a, b)}", text[start : m.end()], start, m.end()))
    durations = []
    for m in RACE_TIME_RE.finditer(text):
        # "won in 2:04:51": a finishing time (hours, minutes, seconds), not a clock time.
        h, rest = m.group(0).split(":", 1)
        out.append(Attribute("duration", f"{int(h)}:{rest}", m.group(0), m.start(), m.end()))  # "02:04:51" is 2:04:51
        durations.append((m.start(), m.end()))
    for m in TIME_RE.finditer(text):
        if not (m.group("mi") or m.group("ap")) or any(s <= m.start() < e for s, e in durations):
            continue
        h = int(m.group("h"))
        mi = int(m.group("mi") or m.group("md") or 0)  # "7:45 pm", and "7.45pm" as British news writes it
        ap = (m.group("ap") or "").replace(".", "").replace(" ", "").lower()
        if h > 23 or mi > 59 or (ap and h > 12):
            continue
        if not ap and h < 12 and DAYPART_PM.match(text, m.end()):
            ap = "pm"  # "at 5:42 in the evening"
        if ap == "pm" and h < 12:
            h += 12
        if ap == "am" and h == 12:
            h = 0
        zone = (m.group("z") or "").strip() or "unspecified zone"
        out.append(Attribute("time", f"{h:02d}:{mi:02d} {zone}", m.group(0).strip(), m.start(), m.start() + len(m.group(0).rstrip())))
    for m in SPELLED_TIME_RE.finditer(text):
        spelled = m.group("m").lower()
        count = spelled.rsplit(" ", 1)[0] if spelled.endswith(("minute", "minutes")) else ""
        mins = (int(count) if count.isdigit() else _MINUTE_WORDS[count]) if count else _PAST_MINUTES[spelled]
        if not 0 < mins < 60:
            continue
        h = _HOURS.index(m.group("h").lower()) + 1
        if m.group("rel").lower() == "to":
            if mins == 30:
                continue  # "half to" is no time
            h, mins = h - 1 or 12, 60 - mins
        day = SPELLED_DAYPART.match(text, m.end())
        if not (SPELLED_TIME_BEFORE.search(text[max(0, m.start() - 25) : m.start()]) or day or m.group(0).endswith("o'clock")):
            continue  # "cut the squad from twenty to five": a time needs "at", "by", "until" ... or a part of the day
        part = (day.group("p").lower() if day else "") or (m2.group("p").lower() if (m2 := SPELLED_DAYPART_BEFORE.search(text[max(0, m.start() - 30) : m.start()])) else "")
        if part in ("afternoon", "evening") or (part == "night" and h >= 6):
            h = h % 12 + 12
        elif h == 12 and part in ("morning", "night"):
            h = 0
        out.append(Attribute("time", f"{h:02d}:{mins:02d} unspecified zone", m.group(0), m.start(), m.end()))
    for m in WIRE_TIME_RE.finditer(text):
        # "down 3.4 percent at 1015 GMT": a wire service's clock time, four digits and a zone.
        out.append(Attribute("time", f"{m.group('h')}:{m.group('mi')} {m.group('z')}", m.group(0), m.start(), m.end()))
    for m in DIRECTION_RE.finditer(text):
        out.append(Attribute("direction", m.group("d").lower().replace("-", ""), m.group(0), m.start(), m.end()))
    for m in WEEKDAY_RE.finditer(text):
        out.append(Attribute("weekday", m.group("w"), m.group(0), m.start(), m.end()))
    for m in RATING_RE.finditer(text):
        out.append(Attribute("rating", f"{m.group('s').lower()} {m.group('n')}", m.group(0), m.start(), m.end()))
    for m in POSITION_RE.finditer(text):
        p = m.group("p").lower()
        val = "outside" if p in ("outside", "on the outskirts of", "near") else "inside"
        out.append(Attribute("position", f"{val} {m.group('o').lower()}", m.group(0), m.start(), m.end()))
    out.sort(key=lambda a: (a.start, a.kind))
    return out


# Quantities ----------------------------------------------------------------------------------------

QUALIFIERS = [
    ("more than", "over"), ("over", "over"), ("above", "over"), ("exceeding", "over"), ("upwards of", "over"),
    ("at least", "at least"), ("no fewer than", "at least"), ("no less than", "at least"), ("a minimum of", "at least"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("just under", "nearly"),
    ("about", "about"), ("around", "about"), ("some", "about"), ("roughly", "about"), ("approximately", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("up to", "up to"), ("as many as", "up to"), ("as much as", "up to"), ("within", "up to"), ("as high as", "up to"), ("in excess of", "over"),
    ("no more than", "up to"), ("fewer than", "under"), ("less than", "under"), ("under", "under"), ("at most", "up to"), ("below", "under"),
]
QUAL_RE = re.compile(r"(?:" + "|".join(re.escape(q) for q, _ in QUALIFIERS) + r")\s*$", re.I)
VAGUE = [
    (r"hundreds of thousands", 200_000, 999_999),
    (r"tens of thousands", 20_000, 99_999),
    (r"thousands", 2_000, 9_999),
    (r"hundreds", 200, 999),
    (r"dozens", 24, 199),
    (r"scores", 40, 199),
    (r"millions", 2_000_000, 999_999_999),
]
VAGUE_RE = re.compile(r"\b(?P<v>" + "|".join(v for v, _, _ in VAGUE) + r") of\b", re.I)
CURRENCY_NOUN = re.compile(r"[\s-](crowns?|kronor|kroner|krona|krone|koruna|korun|zloty|zlotys|forints?|lei|leva|hryvnias?|lari|tenge|somoni)\b", re.I)
UNIT_MAP = {
    "degree Celsius": ("degree Celsius", "temperature"), "degree fahrenheit": ("degree fahrenheit", "temperature"),
    "dollar": ("USD", "currency"), "euro": ("EUR", "currency"), "pound sterling": ("GBP", "currency"),
    "kilometre": ("km", "length"), "metre": ("m", "length"), "mile": ("mile", "length"), "foot": ("ft", "length"),
    "centimetre": ("cm", "length"), "inch": ("in", "length"), "kilogram": ("kg", "mass"), "tonne": ("t", "mass"),
    "pound-mass": ("lb", "mass"), "percentage": ("%", "percent"), "per cent": ("%", "percent"), "barrel": ("barrel", "volume"),
    "litre": ("l", "volume"), "day": ("day", "time"), "year": ("year", "time"), "hour": ("hour", "time"),
    "minute": ("minute", "time"), "minute of arc": ("minute", "time"), "week": ("week", "time"),
    "month": ("month", "time"), "second": ("second", "time"),
    # Speeds: quantulum3 gives some "mph" its "speed" entity and others, built from mile and hour, none.
    "mile per hour": ("mile per hour", "speed"), "kilometre per hour": ("kilometre per hour", "speed"),
    "knot": ("knot", "speed"), "metre per second": ("metre per second", "speed"),
}
# Physical conversions to a base unit of each dimension (currencies are never converted).
TO_BASE = {"km": 1000.0, "m": 1.0, "mile": 1609.344, "ft": 0.3048, "cm": 0.01, "in": 0.0254,
           "kg": 1.0, "t": 1000.0, "lb": 0.45359237, "l": 1.0, "barrel": 158.987,
           "second": 1 / 60, "minute": 1.0, "hour": 60.0, "day": 1440.0, "week": 10080.0, "month": 43830.0, "year": 525960.0,
           # Speeds to metres a second, areas to square metres ("winds of 120 mph" is "193 km/h";
           # "12,000 acres" is about "4,900 hectares").
           "nautical mile": 1852.0,
           "kilometre per hour": 1 / 3.6, "mile per hour": 0.44704, "knot": 0.514444, "metre per second": 1.0,
           "acre": 4046.8564, "hectare": 10000.0, "square kilometre": 1e6, "square mile": 2589988.1, "square metre": 1.0}


WIRE_TAG = re.compile(r"^\s*(?:UPDATE|REFILE|CORRECTED|RPT)\s*$")
NAUTICAL = re.compile(r"\s+nautical\s+miles?\b", re.I)


def _quantulum():
    # The bundled scikit-learn classifier does not load with current scikit-learn; the rule-based
    # disambiguation is deterministic and sufficient for news units. quantulum3 imports scikit-learn
    # only to offer that classifier (0.75 s of a worker's start), so it is hidden from that import.
    hide = "sklearn" not in sys.modules and "quantulum3.classifier" not in sys.modules
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if hide:
            sys.modules["sklearn"] = None  # type: ignore[assignment]  # an ImportError for quantulum3 only
        try:
            import quantulum3.classifier as clf
        finally:
            if hide:
                del sys.modules["sklearn"]
        clf.USE_CLF = False
        from quantulum3 import parser
    _speed_up_quantulum()
    return parser


def _trie(keys: Iterable[str]) -> str:
    """A regular expression for any of `keys` that, compiled with IGNORECASE, matches what their alternation
    sorted longest first matches, with the same backtracking order: a trie of the lower-cased keys, in which
    an optional ending tries the longer keys first. Python's `re` tries the branches of an alternation one
    by one, so quantulum3's alternations of thousands of unit names cost a string comparison each, at every
    number; a trie costs a few character steps."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for k in keys:
        node = root
        for ch in k.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a key ends here: the longer keys first, then this one
            return f"(?:{body})?" if len(alts) == 1 else body + "?"
        return body

    return "(?:" + build(root) + ")"


QUANTULUM_VERSION = "0.10.0"  # the version whose patterns _speed_up_quantulum rebuilds (setup.cfg pins it)
_QUANTULUM_ORIGINALS: dict[str, Any] = {}


def _speed_up_quantulum() -> None:
    """Make quantulum3 0.10.0 about five times as fast with exactly its own results, by rebuilding its two
    regular expressions with tries in place of their long alternations (`_trie`; the same patterns
    otherwise, so the same matches and groups), and by counting its disambiguation's training words per
    unit once instead of scanning the whole training set for each candidate unit. tests/test_extract.py
    checks every quantity of every sentence with a number in the test corpora against the original
    functions (kept in _QUANTULUM_ORIGINALS). Another quantulum3 version is left as it is."""
    import quantulum3
    from quantulum3 import load
    from quantulum3 import no_classifier as no_clf
    from quantulum3 import regex as reg

    if _QUANTULUM_ORIGINALS or quantulum3.__version__ != QUANTULUM_VERSION:
        return
    units = load.units("en_US")
    if any(len(k.lower()) != len(k) for k in [*units.surfaces, *units.symbols, *units.prefix_symbols, *reg.numberwords("en_US")]):
        return  # a key that lower-casing lengthens (a dotted capital I) would make the trie match other text
    _QUANTULUM_ORIGINALS.update(units_regex=reg.units_regex, text_pattern_reg=reg.text_pattern_reg,
                                disambiguate_no_classifier=no_clf.disambiguate_no_classifier)
    compiled: dict[tuple[str, str], re.Pattern[str]] = {}

    def units_regex(lang: str = "en_US") -> re.Pattern[str]:
        # quantulum3.regex.units_regex, with tries for the units and the prefix symbols.
        if ("units", lang) not in compiled:
            units_ = load.units(lang)
            all_ops = "|".join(re.escape(i) for i in sorted(reg.operators(lang), key=len, reverse=True))
            all_units = _trie(list(units_.surfaces) + list(units_.symbols))
            all_symbols = _trie(units_.prefix_symbols)
            exponent = reg.exponents_regex(lang).format(superscripts=reg.unicode_superscript_regex())
            pattern = r"""
                (?<!\w)
                (?P<prefix>(?:%s)(?![a-zA-Z]))?
                (?P<value>%s)-?
                (?:(?P<operator1>%s(?=(%s)%s))?(?P<unit1>(?:%s)%s)?)
                (?:(?P<operator2>%s(?=(%s)%s))?(?P<unit2>(?:%s)%s)?)
                (?:(?P<operator3>%s(?=(%s)%s))?(?P<unit3>(?:%s)%s)?)
                (?:(?P<operator4>%s(?=(%s)%s))?(?P<unit4>(?:%s)%s)?)
                (?!\w)
            """ % tuple([all_symbols, reg.range_pattern(lang)] + 4 * [all_ops, all_units, exponent, all_units, exponent])
            compiled[("units", lang)] = re.compile(pattern, re.VERBOSE | re.IGNORECASE)
        return compiled[("units", lang)]

    def text_pattern_reg(lang: str = "en_US") -> re.Pattern[str]:
        # quantulum3.regex.text_pattern_reg, with one trie for its number words. Each of its branches was
        # "((?<=\W)|^)word((?=\W)|$)"; the words are single words or "&", so at most one of them matches at a
        # place, whatever the order (only the whole match is read, never a group).
        if ("text", lang) not in compiled:
            words = _trie(w for w in reg.numberwords(lang) if w)
            compiled[("text", lang)] = re.compile(reg._get_regex(lang).TEXT_PATTERN.format(
                number_pattern_no_groups=reg.number_pattern_no_groups(lang),
                numberwords_regex=rf"(?:(?<=\W)|^){words}(?:(?=\W)|$)",
            ), re.VERBOSE | re.IGNORECASE)
        return compiled[("text", lang)]

    per_unit: dict[str, dict[str, tuple[int, list[tuple[str, int]]]]] = {}

    def disambiguate_no_classifier(entities, text, lang="en_US"):  # type: ignore[no-untyped-def]
        # quantulum3.no_classifier.disambiguate_no_classifier, with each unit's training words (each distinct
        # word once, with how often it occurs) and their total length gathered once: the same sums, so the
        # same choice.
        if lang not in per_unit:
            sizes: dict[str, int] = {}
            words: dict[str, Counter[str]] = {}
            for ws in load.training_set(lang):
                sizes[ws["unit"]] = sizes.get(ws["unit"], 0) + len(ws["text"])
                words.setdefault(ws["unit"], Counter()).update(ws["text"].split(" "))
            per_unit[lang] = {u: (sizes[u], list(words[u].items())) for u in sizes}
        max_entity, max_count, max_relative = None, 0, 0
        for entity in entities:
            total, counted = per_unit[lang].get(entity.name, (0, []))
            count = sum(n for word, n in counted if word in text)
            relative = count / total if total else 0
            if relative > max_relative or (relative == max_relative and count > max_count):
                max_entity, max_count, max_relative = entity, count, relative
        return max_entity

    reg.units_regex = units_regex
    reg.text_pattern_reg = text_pattern_reg
    no_clf.disambiguate_no_classifier = disambiguate_no_classifier


NEGATIVE_SUBJECT = re.compile(r"\s*(?:None|Nobody|No one|Neither)\b")
NEGATED_BOUND = re.compile(r"(?:\bnever|\bnot|n[’']t)\s+(?:\w+\s+){0,2}$", re.I)


# "11 hours over three days", "two goals over 90 minutes": "over" after a figure is a span.
SPAN_OVER = re.compile(r"\d[\d,.]*\s*(?:[a-z]+\s+){0,2}?(?:hours?|days?|minutes?|weeks?|months?|years?|goals?|points?|runs?|matches|games)\s+over\s*$", re.I)
# A court's minimum term: "jailed for life with a minimum of 18 years", "must serve at least 16 years".
SENTENCE_TERM = re.compile(r"\b(?:serve|served|serving|minimum term|tariff|jailed|sentenced|sentence|parole)\b", re.I)


# "over" meaning "because of": after a dispute, an inquiry or a sanction ("a row over $5m", "resigned over £48,200 of
# expenses", "sued over 12 deaths", "broke the code over ...").
OVER_ABOUT = re.compile(
    r"\b(?:rows?|disputes?|scandals?|resign(?:ed|s|ing)?|quit|quits|sacked|fired|sued|suing|code|rules|criticism|concerns?|"
    r"fears?|anger|outrage|probe|inquiry|investigation|clash(?:es|ed)?|fight|battle|talks|stand-?off|controversy|questions|"
    r"pressure|charged|fined|arrested|jailed|broke|breached|lawsuit|complaints?|protests?|strike|walkout)\s+over\s+(?:a\s+|an\s+|the\s+)?$",
    re.I)


def _qualify(text: str, start: int, value: float, tol: float) -> tuple[str, float, float]:
    m = QUAL_RE.search(text[max(0, start - 20) : start].rstrip() + " "[:0])
    if not m:
        return "", value, value
    q = m.group(0).strip().lower()
    kind = dict(QUALIFIERS).get(q, "")
    if q == "over" and SPAN_OVER.search(text[max(0, start - 40) : start]):
        return "", value, value  # "deliberated for 11 hours over three days": a span, not "more than"
    if q == "over" and OVER_ABOUT.search(text[max(0, start - 40) : start]):
        return "", value, value  # "broke the ministerial code over £48,200 of expenses": about, not "more than"
    if q in ("a minimum of", "at least") and SENTENCE_TERM.search(text) and re.match(r"[\w.,-]+\s+(?:years?|months?)\b", text[start : start + 30]):
        return "", value, value  # "must serve a minimum of 18 years": a court's term is one figure, not a bound
    # "never fewer than 26" is at least 26; "not more than 30" is up to 30.
    qs = max(0, start - 20) + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    # "None of the other teams has offered more than eight years": a negative subject flips the bound of
    # its clause too.
    negative_subject = NEGATIVE_SUBJECT.match(text) and not re.search(r"[;.]\s|,\s(?:and|but)\s", text[:qs])
    if NEGATED_BOUND.search(text[max(0, qs - 40) : qs]) or negative_subject:
        kind = {"under": "at least", "up to": "at least", "over": "up to", "at least": "up to"}.get(kind, kind)
    if kind in ("over", "at least"):
        return kind, value, float("inf")
    # Negative values ("under -5 degrees") keep low <= high: the bounds swap, and "up to" has no floor.
    if kind in ("up to", "under"):
        return kind, 0.0 if value >= 0 else float("-inf"), value
    if kind == "nearly":
        lo, hi = sorted((value * (1 - tol), value))
        return kind, lo, hi
    if kind == "about":
        lo, hi = sorted((value * (1 - tol), value * (1 + tol)))
        return kind, lo, hi
    return "", value, value


# Words a spelled-out number is made of ("Fifteen", "twenty-five", "two hundred"): a surface of these only
# is a number. Plurals ("hundreds", "thousands") are vague amounts, not numbers.
SPELLED = frozenset(NUMWORDS) | frozenset(
    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand million billion and a".split()
)
# A digit, or a number word as a substring (a superset of the surfaces extract_quantities keeps).
MAY_HAVE_NUMBER = re.compile(r"\d|" + "|".join(w for w in NUMWORDS if w != "one") + r"|teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion", re.I)


# A capitalised word, not a sentence's first, nor a month, weekday or function word, right before a number.
MODEL_NAME_BEFORE = re.compile(
    rf"(?<=[\w,;:)] )(?!(?:{MONTHS}|{WEEKDAYS}|The|In|On|At|By|Of|To|From|For|With|And|Or|But|Since|Until|Between|Around|About|Over|Under|Nearly|Almost|Some|Only|Just)\b)"
    r"[A-Z][A-Za-z]*[A-Z0-9]?[A-Za-z]* $"
)


ORDINAL = re.compile(r"(\d[\d,]*)(?:st|nd|rd|th)\b")
ORDINAL_WORD = re.compile(r"(?<![\w.,])(\d{1,4})(?:st|nd|rd|th)\b")


def _spelled(surface: str) -> bool:
    """A spelled-out number, alone or before its unit ("Fifteen", "two hundred", "seven-year")."""
    words = re.split(r"[\s-]+", surface.strip().lower())
    lead = []
    for w in words:
        if w not in SPELLED:
            break
        lead.append(w)
    return any(w not in ("a", "and") for w in lead)


@lru_cache(maxsize=1 << 15)
def _parse_quantities(masked: str) -> tuple[Any, ...]:
    """quantulum3's quantities of a sentence, remembered by its exact text: wire copy and quotes recur
    word for word across outlets, and quantulum3 is about half of extraction (read-only results)."""
    parser = _quantulum()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return tuple(parser.parse(masked))
    except Exception:  # quantulum3 raises on odd inputs; a sentence without quantities is the safe result
        return ()


SCALE_AFTER = re.compile(r"\s+(thousand|million|billion|trillion)\b", re.I)
PLURAL_AFTER = re.compile(r"\s+([a-z]+s|people|children|men|women)\b")
NOT_COUNTED_AFTER = frozenset("metres meters miles seconds minutes hours days weeks years times degrees was is as has".split())

# Money written the newsroom way: "£8m", "$5bn", "€450k", "$1.2 trn", "$200MM", "$ 140 million".
MONEY_SHORTHAND = re.compile(
    r"(?P<cur>[$€£¥])\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<mult>mn|m|mm|bn|b|k|tn|trn|thousand|million|billion|trillion)\b", re.I
)
MONEY_RANGE = re.compile(
    r"(?P<cur>[$€£¥])\s?(?P<a>\d[\d,]*(?:\.\d+)?)\s?(?:(?P<mult_a>mn|m|mm|bn|b|k|tn|trn|thousand|million|billion|trillion)\s?)?"
    r"(?P<sep>-|–|to|and)\s?[$€£¥]?\s?(?P<b>\d[\d,]*(?:\.\d+)?)\s?"
    r"(?P<mult>mn|m|mm|bn|b|k|tn|trn|thousand|million|billion|trillion)\b", re.I
)  # "$140-$150 million", "£4.3bn to £4.4bn" (a scale word after each end), "between €180m and €220m"
CURRENCY_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_LED = ("dollar ", "euro ", "pound sterling ")  # quantulum3's compound units that start with a currency
SHORTHAND_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
                   "billion": 1e9, "tn": 1e12, "trn": 1e12, "trillion": 1e12}
def _money(m: re.Match[str], group: str) -> float:
    """The sum a MONEY_SHORTHAND or MONEY_RANGE match writes in `group`, times its scale word (a range's
    first end may have its own: "£4.3bn to £4.4bn")."""
    own = m.groupdict().get("mult_" + group)
    return float(m.group(group).replace(",", "")) * SHORTHAND_SCALE[(own or m.group("mult")).lower()]


# A street address after a house number: "43 Tanner Street", "10 Downing St", "221B Baker Street".
ADDRESS_AFTER = re.compile(r"\s+(?:[A-Z][\w'’-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Place|Pl|"
                           r"Square|Sq|Terrace|Crescent|Close|Row|Parade|Walk|Highway|Hwy)\b\.?")
# A debt instrument named by its term: "the 10-year government bond", "two-year Treasury yields", "3-month bills".
TENOR_AFTER = re.compile(r"[\s-]*(?:(?:government|sovereign|treasury|benchmark|inflation-linked|index-linked)\s+){0,2}"
                         r"(?:bonds?|yields?|notes?|gilts?|treasur(?:y|ies)|bunds?|bills?|swaps?|JGBs?|OATs?|BTPs?)\b", re.I)
# Telephone numbers: "0800 123 4567", "+44 20 7946 0958", "(212) 555-1234", "555-123-4567".
PHONE_RE = re.compile(
    r"(?<![\w.,+])(?:(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?[\s.-]|\(0?\d{1,4}\)[\s.-]?|0\d{1,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}|\d{3}-\d{3}-\d{4})(?![\w])"
)
# A sentence about money, and one about weight: "pounds" is sterling in the first, weight in the second.
MONEY_WORDS = re.compile(r"\b(?:revenues?|sales|turnover|profits?|loss(?:es)?|earnings|dividends?|fines?|fined|costs?|cost|paid|pay|"
                         r"price[ds]?|worth|valued?|deal|bid|offer|budget|spend(?:ing)?|funding|funds?|investment|debt|charges?|sterling)\b", re.I)
WEIGHT_WORDS = re.compile(r"\b(?:weigh(?:s|ed|ing|t)?|heavy|heavier|tonnes?|tons?|kilos?|kilograms?|lbs?|cargo|load|of (?:food|meat|fish|waste|"
                          r"drugs|cocaine|cannabis|explosives|rubbish|plastic|carbon|emissions))\b", re.I)
THOUSANDS_K = re.compile(r"(\d[\d,]*(?:\.\d+)?)[kK]")
ARTICLE_BEFORE_CURRENCY = re.compile(r"\b[Aa]n?(?=\s+[$€£¥])")
# "$30 apiece", "£5 a piece": a price per item; quantulum3 reads "a" as a year and "piece" as a set.
APIECE = re.compile(r"\b(?:apiece|a piece)\b", re.I)


FRACTIONS = {"half": 1 / 2, "a half": 1 / 2, "a quarter": 1 / 4, "quarter": 1 / 4, "three quarters": 3 / 4, "a third": 1 / 3,
             "one third": 1 / 3, "two thirds": 2 / 3, "a fifth": 1 / 5, "a tenth": 1 / 10}
FRACTION_OF_SCALE = re.compile(
    r"\b(?P<f>half|a half|a quarter|quarter|three[\s-]quarters|a third|one[\s-]third|two[\s-]thirds|a fifth|a tenth)\s+(?:of\s+)?an?\s+"
    r"(?P<sc>million|billion|trillion)\b(?:\s+(?P<cur>pounds(?:\s+sterling)?|dollars|euros|yen)\b)?", re.I)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?[$€£¥]?\s*$", re.I)
_PLAIN_PART = re.compile(r"\s*[$€£¥]?\s*(?P<n>\d[\d,]*(?:\.\d+)?)(?:\s*(?:%|per\s?cent|percent|[a-z]+))?\s*", re.I)


def _from_to(text: str, s: int, surface: str) -> list[tuple[tuple[int, int], float]] | None:
    """The two values of a change that quantulum3 read as one range ("from 25 per cent to 23 per cent", "from 4%
    to 4.25%"): each part's span and value, or None when the surface is not "X to Y" after "from" or a part
    is more than a plain number with its unit ("from $1.2 billion to ..." keeps quantulum3's reading)."""
    if not FROM_BEFORE.search(text[max(0, s - 12) : s]):
        return None
    m = re.search(r"\s+to\s+", surface)
    if not m:
        return None
    parts = [(0, m.start()), (m.end(), len(surface))]
    out = []
    for a, b in parts:
        pm = _PLAIN_PART.fullmatch(surface[a:b])
        if not pm or re.search(r"\b(?:million|billion|trillion|thousand|bn|mn|m|k)\b", surface[a:b], re.I):
            return None
        out.append(((s + a, s + b), float(pm.group("n").replace(",", ""))))
    return out


NAME_WORD_AFTER = re.compile(r"\s+[A-Z][a-z]")


def extract_quantities(text: str, masked_spans: list[tuple[int, int]], tol: float) -> list[Quantity]:
    """Numbers with units, qualifiers and ranges; dates and times are masked out first."""
    chars = list(text)
    for s, e in masked_spans:
        for i in range(s, e):
            chars[i] = " "
    masked = PHONE_RE.sub(lambda m: " " * len(m.group(0)), "".join(chars))  # "call 0800 123 4567" states no amount
    out: list[Quantity] = []
    found = []
    # Only a surface with a digit or a number word is kept below, so a sentence with neither skips
    # quantulum3, which costs about half of extraction (half of news sentences carry no number).
    if MAY_HAVE_NUMBER.search(text):
        # quantulum3 reads "a $23 million deal" as 1 × dollar^23,000,000: the article is blanked first.
        blank = lambda m: " " * len(m.group(0))  # noqa: E731
        found = _parse_quantities(APIECE.sub(blank, ARTICLE_BEFORE_CURRENCY.sub(blank, masked)))
    for q in found:
        s, e = q.span
        surface = text[s:e]
        if not re.search(r"\d", surface) and not _spelled(surface):
            continue
        if surface.strip().lower() in ("one", "a", "an"):
            continue  # "one source said" is not a count anyone disputes
        if surface[:1].isupper() and s > 0 and not re.search(r"(?:^|[.!?:;\"“‘(]|\s[-–—])\s*$", text[:s]) \
                and NAME_WORD_AFTER.match(text, e) and not re.search(r"[\d-]", surface) and not is_title_case(text) \
                and not re.search(r"[A-Z][\w'’]*\s+$", text[:s]):  # (not in a headline's run of capitals: "Nationals' Eight-Year Offer")
            continue  # "The No campaign, Eighteen Is Enough", "Seven Sisters Road": a capitalised number inside a name
        if re.fullmatch(r"\d{1,4}", surface) and MODEL_NAME_BEFORE.search(text[max(0, s - 25) : s]):
            continue  # "ATR 72", "Boeing 737", "Apollo 11": a number after a name is part of the name
        if re.fullmatch(r"\d{1,5}[A-Za-z]?", surface) and ADDRESS_AFTER.match(text, e):
            continue  # "the block at 43 Tanner Street": a house number, not a count
        if re.fullmatch(r"[-–]\s?\d{2}", surface) and re.search(r"(?:19|20)\d{2}$", text[max(0, s - 4) : s]):
            continue  # "in 2026-27": a fiscal year's second year, not minus 27
        if re.fullmatch(r"[-–]?\d{1,2}[-–]?", surface.strip()) and WIRE_TAG.search(text[max(0, s - 12) : s]) and not text[:s].strip(" -–").count(" "):
            continue  # "UPDATE 3-Dolmeni landslide toll rises to 17": a wire story's version tag
        ordinal = ORDINAL.match(text, s)
        if ordinal:
            # "the 12th strike since July 2022" (quantulum3 reads "12th" as 12 tonne-hours): a rank.
            n = float(ordinal.group(1).replace(",", ""))
            out.append(Quantity(ordinal.group(0), s, ordinal.end(), n, n, n, "", "ordinal", "", False))
            continue
        uname = q.unit.name
        value = float(q.value)
        if value < 0 and surface.startswith("(") and surface.endswith(")"):
            # "fined it 186.4 million pounds ($248 million)": quantulum3 reads an accountant's brackets, a negative sum;
            # news brackets give the same sum in another currency.
            value, surface, s, e = -value, surface[1:-1], s + 1, e - 1
        if (uname == "ampere-turn" or uname.endswith(" ampere-turn")) and re.search(r"\s+at$", surface):
            # "six months at Wexley Crown Court", "9 percent at the last election", "a crowd of 19,250 at Harbourgate
            # Arena": quantulum3 reads "at" as ampere-turns.
            uname = uname[: -len(" ampere-turn")] if uname != "ampere-turn" else "dimensionless"
            surface = re.sub(r"\s+at$", "", surface)
            e = s + len(surface)
        if uname == "inch" and re.search(r"\s+In$", surface):
            # "Toll Rises To 31 In Flooded Region": a title-case headline's "In", not inches.
            uname = "dimensionless"
            surface = re.sub(r"\s+In$", "", surface)
            e = s + len(surface)
        # "43C", "105F": temperatures (quantulum3 reads coulombs and farads, which news never measures).
        if uname in ("coulomb", "farad") and re.fullmatch(r"[\d.,]+\s?[CF]\.?", surface):
            uname = "degree Celsius" if uname == "coulomb" else "degree fahrenheit"
            surface = surface.rstrip(".")
            e = s + len(surface)
        # "some 2.4 million households": quantulum3 stops before the scale word after "some".
        if uname == "dimensionless" and (sc := SCALE_AFTER.match(text, e)) and not SCALE_AFTER.search(surface):
            value *= SHORTHAND_SCALE[sc.group(1).lower()]
            e = sc.end()
            surface = text[s:e]
        # "roughly 1.4m homes", "2m people": a count in millions, not metres (a length has no plural noun after it:
        # "a 10m wall", "10m high").
        if uname == "metre" and re.fullmatch(r"\d[\d,.]*m", surface) and (pl := PLURAL_AFTER.match(text, e)) \
                and pl.group(1).lower() not in NOT_COUNTED_AFTER:
            uname, value = "dimensionless", value * 1e6
        # "in 9.8 seconds": time (quantulum3 reads seconds of arc).
        if uname == "second of arc" and re.search(r"\bsec(?:ond)?s?\b", surface, re.I):
            uname = "second"
        # "$55 a share": quantulum3 reads "a" as a year ("dollar year"); the price is per share, not per year.
        per_year = re.fullmatch(r"(.+?) (?:per )?year", uname)
        if per_year and UNIT_MAP.get(per_year.group(1), ("", ""))[1] == "currency" and re.search(r"\s+a$", surface):
            uname = per_year.group(1)
            surface = re.sub(r"\s+a$", "", surface)
            e = s + len(surface)
        # The symbol may stand apart from the number ("$ 140 million", wire style) and outside quantulum3's span.
        short = None
        if UNIT_MAP.get(uname, ("", ""))[1] != "currency":  # quantulum3's own money readings are kept (ranges)
            short = next((m for m in (MONEY_SHORTHAND.match(text, p) for p in (s, s - 1, s - 2) if p >= 0 and text[p] in CURRENCY_SYMBOL) if m), None)
        # ("€7.2 billion fab": quantulum3 reads a currency and a unit of its own making, "euro femtoampere bit", from the
        # word after the sum.)
        if short and (short.end() >= e - 1 or uname.startswith(CURRENCY_LED)):
            s = short.start()
            # "£8m", "$5bn": quantulum3 reads the suffix as metres or bits; the symbol and suffix decide.
            e, surface = short.end(), short.group(0)
            unit, dim = CURRENCY_SYMBOL[short.group("cur")], "currency"
            value = _money(short, "num")
        elif " to the " in uname:
            continue  # a unit raised to a power ("dollar to the 5") is a misparse in news text
        elif uname == "dimensionless" and (nm := NAUTICAL.match(text, e)):
            # "210 nautical miles east of the port": quantulum3 reads a bare number (and "nm" as nanometres).
            unit, dim = "nautical mile", "length"
            e = nm.end()
            surface = text[s:e]
        elif uname == "dimensionless" and (cn := CURRENCY_NOUN.match(text, e)):
            # "pay 120,000 crowns", "a 200,000-crown reward", "40,000 kronor": money quantulum3 does not know.
            unit, dim = cn.group(1).lower().rstrip("s"), "currency"
        elif uname == "dimensionless":
            unit, dim = "", "count"
        elif uname == "kelvin" and (k := THOUSANDS_K.fullmatch(surface)):
            # "310k customers": thousands (kelvin, written "310 K", is no news measure).
            unit, dim, value = "", "count", float(k.group(1).replace(",", "")) * 1e3
        elif uname == "pound-mass" and MONEY_WORDS.search(text) and not WEIGHT_WORDS.search(text):
            unit, dim = "GBP", "currency"  # "profit of 310 million pounds": sterling, not weight
        elif uname == "pound sterling" and "£" not in surface and WEIGHT_WORDS.search(text) and not MONEY_WORDS.search(text):
            unit, dim = "lb", "mass"  # "seized 40 pounds of cocaine"
        elif uname in UNIT_MAP:
            unit, dim = UNIT_MAP[uname]
        else:
            unit, dim = uname, q.unit.entity.name
        is_duration = dim == "time" and "-" in surface
        if dim == "time" and unit in ("year", "month", "week") and TENOR_AFTER.match(text, e):
            continue  # "the 10-year government bond yield", "two-year gilts": the bond's name, not a period
        if dim == "time" and SPAN_OVER.search(text[max(0, s - 40) : s]):
            continue  # "11 hours over three days": the days are the span the hours fell in, not a figure of their own
        qual, lo, hi = _qualify(text, s, value, tol)
        if q.uncertainty and (two := _from_to(text, s, surface)):
            # "cut from 25 per cent to 23 per cent": a change, the value before it and after, not a range.
            for (a, b), v in two:
                out.append(Quantity(text[a:b], a, b, v, v, v, unit, dim, "", is_duration))
            continue
        if q.uncertainty and re.search(r"\d.*(?:\band\b|\bto\b|[-–]).*\d", surface):
            # quantulum3 reports "between 30 million and 50 million" as mean ± half-width.
            qual, lo, hi = "between", value - float(q.uncertainty), value + float(q.uncertainty)
            surface = re.sub(r"^between\s+", "", surface, flags=re.I)
            s = e - len(surface)
        out.append(Quantity(surface, s, e, value, lo, hi, unit, dim, qual, is_duration))
    # "$140-$150 million", "$ 140- $ 150 million": one range, the scale word shared (quantulum3 reads
    # "140- $" as 140 dollars).
    money = "$" in masked or not masked.isascii()  # a currency symbol may be there
    for m in MONEY_RANGE.finditer(masked) if money else ():
        if m.group("sep") == "and" and not masked[: m.start()].rstrip().lower().endswith("between"):
            continue  # "€180m and €220m" is a range only after "between"
        lo, hi = sorted((_money(m, "a"), _money(m, "b")))
        out = [q for q in out if not (q.start < m.end() and m.start() < q.end)]
        out.append(Quantity(m.group(0), m.start(), m.end(), (lo + hi) / 2, lo, hi, CURRENCY_SYMBOL[m.group("cur")], "currency", "between", False))
    # Ordinals quantulum3 does not read ("in the 87th minute", "a 78th-minute header"): a rank each.
    for m in ORDINAL_WORD.finditer(masked):
        if not any(q.start < m.end() and m.start() < q.end for q in out):
            n = float(m.group(1).replace(",", ""))
            out.append(Quantity(m.group(0), m.start(), m.end(), n, n, n, "", "ordinal", "", False))
    # quantulum3 drops the second sum of "between $30 million and $50 million": money it missed is added.
    for m in MONEY_SHORTHAND.finditer(masked) if money else ():
        if not any(q.start < m.end() and m.start() < q.end for q in out):
            value = _money(m, "num")
            qual, lo, hi = _qualify(text, m.start(), value, tol)
            out.append(Quantity(m.group(0), m.start(), m.end(), value, lo, hi, CURRENCY_SYMBOL[m.group("cur")], "currency", qual, False))
    out.sort(key=lambda q: q.start)
    # Ranges: "between X and Y", "X to Y", "X-Y" become one quantity.
    merged: list[Quantity] = []
    for q in out:
        if merged:
            p = merged[-1]
            gap = text[p.end : q.start]
            before = text[max(0, p.start - 10) : p.start].lower()
            if re.fullmatch(r"\s*(?:and|to|-|–)\s*", gap) and ("between" in before or gap.strip() in ("to", "-", "–")) and not (
                gap.strip() == "to" and FROM_BEFORE.search(before)  # "rose from 9 to 12": a change, two values
            ) and (
                p.dimension == q.dimension or p.dimension == "count"
            ):
                scale = q.value / p.value if p.value and q.value / p.value >= 1e3 and p.dimension == "count" and "million" not in p.text else 1
                lo = p.value * (scale if scale > 1 else 1)
                merged[-1] = Quantity(
                    text[p.start : q.end], p.start, q.end, (lo + q.value) / 2, min(lo, q.value), max(lo, q.value),
                    q.unit, q.dimension, "between", q.is_duration,
                )
                continue
            # "two hours and 27 minutes", "three years and six months": one length of time, in the smaller unit.
            if (p.dimension == q.dimension == "time" and p.unit in TIME_ORDER and q.unit in TIME_ORDER
                    and TIME_ORDER.index(p.unit) > TIME_ORDER.index(q.unit) and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", gap)):
                f = TO_BASE[p.unit] / TO_BASE[q.unit]
                merged[-1] = Quantity(
                    text[p.start : q.end], p.start, q.end, p.value * f + q.value, p.low * f + q.low, p.high * f + q.high,
                    q.unit, q.dimension, p.qualifier or q.qualifier, p.is_duration,
                )
                continue
        merged.append(q)
    # "three-quarters of a million pounds", "half a million people": a fraction of a scale word (quantulum3 reads
    # 0.75 and a million pounds, or nothing at all).
    for m in FRACTION_OF_SCALE.finditer(masked) if "illion" in masked else ():
        value = FRACTIONS[re.sub(r"[\s-]+", " ", m.group("f").lower())] * SHORTHAND_SCALE[m.group("sc").lower()]
        cur = (m.group("cur") or "").lower()
        unit = {"pounds": "GBP", "dollars": "USD", "euros": "EUR", "yen": "JPY"}.get(cur.split(" ")[0], "")
        if unit == "GBP" and "sterling" not in cur and WEIGHT_WORDS.search(text) and not MONEY_WORDS.search(text):
            unit = "lb"  # "a quarter of a million pounds of cocaine"
        qual, lo, hi = _qualify(text, m.start(), value, tol)
        merged = [q for q in merged if not (q.start < m.end() and m.start() < q.end)]
        merged.append(Quantity(m.group(0), m.start(), m.end(), value, lo, hi, unit,
                               "mass" if unit == "lb" else "currency" if unit else "count", qual, False))
    merged.sort(key=lambda q: q.start)
    for m in VAGUE_RE.finditer(text):
        if any(q.start <= m.start() < q.end for q in merged):
            continue
        lo, hi = next((a, b) for v, a, b in VAGUE if v == m.group("v").lower())
        merged.append(Quantity(m.group("v"), m.start(), m.start() + len(m.group("v")), float(lo), float(lo), float(hi), "", "count", m.group("v").lower()))
    merged.sort(key=lambda q: q.start)
    return merged


TIME_ORDER = ("second", "minute", "hour", "day", "week", "month", "year")


def to_base(q: Quantity) -> tuple[float, float]:
    """The quantity's interval in its dimension's base unit (physical units only)."""
    f = TO_BASE.get(q.unit, 1.0)
    return q.low * f, q.high * f


# Entities ------------------------------------------------------------------------------------------

TITLES = re.compile(
    r"^(?:(?:US|U\.S\.|Russian|Iranian|Israeli|former|late|then|Supreme|Prime|Vice|Deputy|Acting|Interim)\s+)*"
    r"(?:President|Prime Minister|Minister|Ayatollah|Leader|Supreme Leader|Chancellor|King|Queen|Prince|General|Gen\.|"
    r"Dr\.|Mr\.|Mrs\.|Ms\.|Sen\.|Senator|Governor|Secretary|Spokesman|Speaker|Dictator|Pope|Sheikh)\s+",
)
STOP_CAPS = frozenset(
    """a an the this that these those it its he she they we i you his her their our in on at of for to from by with
    as after before since during while when where what which who why how but and or if then there here also however
    meanwhile according despite although though because instead unlike earlier later last next one two three some many
    four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
    thirty forty fifty sixty seventy eighty ninety hundred hundreds thousands
    dozens several few first second third
    most all both each every another other such no not yes monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december today yesterday tomorrow
    breaking news photo source update let us recall additionally furthermore moreover overall plus so still yet
    analysts officials sources""".split()
)
ENTITY_RE = re.compile(
    r"(?:[A-Z]{1,4}-\d{1,4}[A-Z0-9-]*|[A-Z][a-z]+-[A-Z]\d[\w-]*)"  # weapons systems: S-300, Buk-M2
    r"|(?:[A-Z][\w’'.&-]*|al-[A-Z][\w-]+)(?:\s+(?:of|the|de|da|del|van|von|bin|al-)?\s*(?:[A-Z][\w’'.&-]*|al-[A-Z][\w-]+))*"
)
OF_TITLE = re.compile(
    r"\s+of\s+(?=(?:(?:US|U\.S\.|former|Prime|Vice|Deputy|Acting|Interim)\s+)*(?:President|Prime Minister|Minister|"
    r"Chancellor|King|Queen|Prince|General|Gen\.|Governor|Secretary|Senator|Sen\.|Mayor|Judge|Justice|Chairman|Chief|"
    r"Coach|Manager|Director|Dr\.|Mr\.|Mrs\.|Ms\.)\s)"
)
WEAPON_RE = re.compile(r"^(?:[A-Z]{1,4}-\d{1,4}[A-Z0-9-]*|[A-Z][a-z]+-[A-Z]\d[\w-]*)$")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().replace("’", "'")


def entity_key(surface: str) -> str:
    """Normalised key: titles, possessives and accents dropped, lower case."""
    s = re.sub(r"[’']s$", "", surface.strip())
    prev = None
    while prev != s:
        prev = s
        s = TITLES.sub("", s)
    s = re.sub(r"^(?:the|The)\s+", "", s)
    return _fold(s).strip(" .")


def is_title_case(text: str) -> bool:
    """A headline in Title Case, where capitals do not mark names."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    if text.rstrip().endswith((".", "?", "!", "\"", "”")):
        return False  # headlines carry no full stop; a long sentence full of names does
    return len(words) >= 4 and sum(1 for w in words if w[0].isupper()) / len(words) >= 0.6


def extract_entities(text: str) -> list[Entity]:
    """Capitalised names (people, places, organisations) and weapons systems.

    In Title Case headlines every word is capitalised: entities are cut into single words there,
    and the claims stage keeps only those the rest of the corpus also names.
    """
    if is_title_case(text):
        out0: list[Entity] = []
        for m in re.finditer(r"[A-Z][\w'’.-]*", text):
            key = entity_key(m.group(0))
            if len(key) >= 2 and key not in STOP_CAPS:
                out0.append(Entity(m.group(0), key, "title", m.start(), m.end()))
        return out0
    out: list[Entity] = []
    for m0 in ENTITY_RE.finditer(text):
        # "Russia’s S-300" names two things: split at the possessive.
        # "Democratic Alliance of Prime Minister Luis Montenegro" names two too: split before "of" + a title.
        pieces = [x for p in re.split(r"(?<=\w)[’']s\s+(?=[A-Z])", m0.group(0)) for x in OF_TITLE.split(p)]
        off = m0.start()
        for piece in pieces:
            pos = text.find(piece, off)
            off = pos + len(piece)
            _add_entity(text, piece, pos, out)
    return out


def _add_entity(text: str, raw: str, start: int, out: list[Entity]) -> None:
    """Trim, normalise and keep one entity candidate."""
    surface = raw.strip(" .’'")
    s, e = start, start + len(surface)
    # Trim leading sentence-case stopwords ("According", "The").
    words = surface.split()
    while words and words[0].lower().strip(",") in STOP_CAPS:
        s += len(words[0]) + 1
        words = words[1:]
    while words and words[-1].lower() in STOP_CAPS | {"and", "of", "the"}:
        words = words[:-1]
    if not words:
        return
    surface = " ".join(words)
    e = s + len(surface)
    if text[s:e] != surface:  # whitespace differed; fall back to the regex span
        s = text.find(surface, start)
        if s < 0:
            return
        e = s + len(surface)
    key = entity_key(surface)
    if len(key) < 2 or key in STOP_CAPS or re.fullmatch(r"[\d\W]+", key):
        return
    kind = "weapon" if WEAPON_RE.match(surface) else ("person" if TITLES.match(surface + " ") is None and len(words) >= 2 and all(w[:1].isupper() for w in words) else "other")
    out.append(Entity(surface, key, kind, s, e))


# Polarity and attribution ------------------------------------------------------------------------

NEG_RE = re.compile(
    r"\b(?:not|never|no|none|nobody|neither|nor|without|cannot|denied|denies|deny|refused|refuses|failed to|fails to|"
    r"lack(?:s|ed)? of)\b(?!-(?!one\b)\w)|n[’']t\b",
    re.I,
)
# (A hyphenated compound names a thing, it does not negate: "a no-confidence vote", "a no-fly zone", "a
# not-for-profit group", "a no-deal Brexit"; "no-one" still negates.)


def negation(text: str) -> str:
    """The first negation cue of a span, or ''."""
    m = NEG_RE.search(text)
    return m.group(0) if m else ""


# "did not fire", "had not sounded", "never opened": a deed denied (not a verb of saying, knowing or wanting);
# "no warning siren sounded": a deed of no one.
ACTIVE_DENIAL = re.compile(r"\b(?:did|does|do|has|have|had)\s*(?:not|n't|never)\s+(?P<v>[a-z]{3,})\b", re.I)
# (With an irregular participle too: "No emergency alert was sent to mobile phones in the valley".)
NONE_DID = re.compile(r"\bno\s+(?P<subj>(?:[a-z'’-]+\s+){0,2}[a-z]+)\s+(?:was\s+|were\s+|had\s+(?:been\s+)?)?(?P<v>[a-z]+ed|sent|taken|given|held|"
                      r"made|paid|found|seen|shown|brought|built|told|sold|kept|heard|thrown|driven|written|broken|stolen|chosen|"
                      r"spoken|beaten|struck|caught|bought|spent|flown|shot|hit|shut|cut)\b", re.I)
NOT_A_DEED = frozenset("say said comment respond reply know want expect need have be go get make take give come see think believe "
                       "rule elaborate specify disclose confirm deny identify name explain return answer immediately yet".split())


def denies_a_deed(text: str) -> bool:
    """Whether a sentence denies a deed ("the siren did not sound", "no warning siren sounded"): a checkable claim
    though it has no number, date or name."""
    return any(m.group("v").lower() not in NOT_A_DEED for pat in (ACTIVE_DENIAL, NONE_DID) for m in pat.finditer(text))


NAME = r"[A-Z][\w.&'’-]*(?: (?:of |the )?[A-Z][\w.&'’-]*){0,4}"
ATTR_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("according", re.compile(rf"\b[Aa]ccording to (?:the )?(?P<w>{NAME}|the outlet|the publication|the media outlet|these sources|officials|sources|analysts)")),
    ("told", re.compile(rf"\btold (?P<w>{NAME}|the outlet|the publication|reporters)")),
    ("verb", re.compile(rf"(?P<w>{NAME}) (?:reports|reported|writes|wrote|notes|noted|says|said|claims|claimed|concludes|added|told|stated|confirmed|announced)\b")),
    ("analysts", re.compile(r"\b(?P<w>[Aa]nalysts|[Rr]esearchers|[Ee]xperts|[Oo]bservers) (?:note|claim|add|say|said|emphasize|believe|argue)\b")),
    ("source", re.compile(r"\b(?P<w>(?:[Oo]ne|[Aa]|[Tt]wo|[Tt]hree|[Ss]everal)? ?sources? (?:familiar with|close to|told|said|note)[\w ’']{0,40}?)(?=[,.;]| said| told| say|$)")),
]


def attribution(text: str, relays: tuple[str, ...], outlet: str | None) -> Attribution:
    """Who a claim comes from: an outlet or person it names, a source, analysts, or the article itself."""
    for kind, rx in ATTR_PATTERNS:
        m = rx.search(text)
        if not m:
            continue
        who = m.group("w").strip().rstrip(".,;:’'")
        if who.lower() in ("the outlet", "the publication", "the media outlet") and relays:
            return Attribution(relays[0], m.group(0), "relay")
        if kind in ("analysts", "source"):
            return Attribution(who.lower(), m.group(0), kind)
        if who.split()[0].lower() in STOP_CAPS and kind == "verb":
            continue
        from .ingest import is_outlet_name

        return Attribution(who, m.group(0), "outlet" if is_outlet_name(who) else "person")
    if re.search(r"[“\"][^”\"]{20,}[”\"]", text):
        return Attribution("quoted speaker", "direct quote", "quote")
    if relays:
        return Attribution(relays[0], "article relays " + relays[0], "relay")
    return Attribution(outlet or "", "", "article")
