"""Stage 2: Sources -> Claims (sentences with offsets, values, attribution, event, facts).

1. Cut each paragraph into sentences (pysbd), keeping offsets into the original text.
2. Extract values per sentence (extract.py), resolving dates against the publication date.
3. Merge entity spelling variants across the corpus (rapidfuzz).
4. Resolve events: each article's main event, grouped across articles; old-dated facts are background.
5. Split each sentence into facts: one value, its measure, its span, its event.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from . import extract as ex
from .ingest import html_line, parse_published
from .models import Claim, DateValue, Fact, Quantity, Source, stable_id
from .progress import progress
from .settings import Settings

VERBISH = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|said|says|\w+ed|\w+s)\b")

# Event predicates common in news; words in one set name the same action.
PREDICATES: dict[str, tuple[str, ...]] = {
    "signed": ("signed", "sign", "signing", "inked", "concluded"),
    "came into effect": ("came into effect", "come into effect", "entered into force", "took effect", "in force", "into effect", "effective", "ratified"),
    "collapsed": ("collapsed", "collapse", "fell", "fall", "toppled", "overthrown", "ousted", "deposed", "fled", "removed"),
    "detained": ("detained", "captured", "capture", "arrested", "arrest", "seized", "detention", "custody", "apprehended"),
    "killed": ("killed", "dead", "died", "deaths", "death toll", "fatalities", "lives", "killing", "death", "casualties",
               "murdered", "shot dead", "stabbed to death", "gunned down", "kills", "kill"),
    "injured": ("injured", "wounded", "hurt", "injuries"),
    "attacked": ("attacked", "struck", "hit", "bombed", "bombing", "bombs", "strike", "strikes", "attack", "shelled", "shelling", "raid", "dropped", "fired",
                 "stabbed", "stabbing", "assaulted"),
    "offered": ("offered", "offer", "bid", "proposal", "proposed"),
    "pleaded": ("pleaded", "plea"),
    # A court's verdict: "was convicted on Monday", "a guilty verdict after 11 hours".
    "convicted": ("convicted", "found guilty", "verdict", "verdicts", "acquitted"),  # (not a bare "guilty": "pleaded guilty")
    # A declaration is its own event: "the outbreak was declared on 28 October" is not when it began.
    "declared": ("declared", "declaration", "declares"),
    "deliberated": ("deliberated", "deliberation", "deliberations", "deliberating"),
    "trial": ("trial", "trials"),  # "after a two-week trial": the trial's length, not the jury's deliberation
    "met": ("met", "meeting", "talks", "visited"),
    # Contests: elections and matches ("won 52-48", "beat Chelsea 3-1", "was elected in 2019").
    "won": ("won", "win", "wins", "beat", "beats", "beaten", "defeated", "defeat", "victory", "drew", "elected", "election", "vote", "voted"),
    "born": ("born", "birth"),
    "founded": ("founded", "established", "created"),
    "opened": ("opened", "inaugurated", "completed", "opened to traffic", "built", "constructed", "erected"),  # a bridge, a building, a line
    "returned": ("returned", "return"),
    "began": ("began", "begun", "started", "broke out", "erupted", "outbreak"),
    "scheduled": ("scheduled", "will be held", "set for"),
    "lasted": ("lasted", "duration", "went on for", "continued for"),
    "supplied": ("supplied", "provided", "delivered", "transferred", "transfer", "sold"),
    "home to": ("home to", "houses", "sheltering", "hosts", "living"),
    "sentenced": ("sentenced", "sentence", "jailed", "jail", "imprisoned", "imprisonment", "prison"),
    "suspended": ("suspended", "suspension", "suspensions"),  # officers, players, trading
    "appointed": ("appointed", "appointment"),  # administrators, a chief executive, an inquiry's chair
    "owed": ("owed", "owes", "owe", "owing"),  # "owes about £38m to suppliers" / "Suppliers are owed £46m"
    # A labour strike; a bare "strike" is an attack unless the clause speaks of work (`predicate`).
    "walkout": ("walked out", "walkout", "walkouts", "walk-out", "on strike", "strike action", "industrial action", "stoppage"),
    "cut": ("cut", "cuts", "cutting", "axe", "axes", "axed", "axing", "slash", "slashed", "shed", "lay off", "laid off",
            "layoffs", "redundancies", "to go", "job losses"),
}
# What a figure measures when the sentence names it: "pre-tax profit fell to £310m", "shares were down
# 8.3%", "turnout was 64%". The noun says more than the verb (rose, fell, dropped), which is shared by
# every metric and, for "fell" or "dropped", by unrelated events. Spelling variants map to one name.
METRICS: dict[str, tuple[str, ...]] = {
    "revenue": ("revenue", "revenues", "sales", "turnover"),
    "profit": ("profit", "profits", "earnings", "net income"),
    "loss": ("loss", "losses"),
    "share price": ("shares", "share price", "stock", "stock price"),
    "price": ("price", "prices", "charge", "charges", "charging"),  # "will charge $1,490 for each injection"
    "inflation": ("inflation", "consumer prices", "consumer price index", "cpi", "price growth"),  # (not growth)
    "unemployment": ("unemployment", "jobless rate"),
    "growth": ("growth", "gdp", "gross domestic product"),
    "turnout": ("turnout",),
    "containment": ("contained", "containment"),  # a wildfire's
    "premium": ("premium",),  # a takeover's, over the share price
    "efficacy": ("efficacy", "effective"),  # a vaccine's or a drug's
    "vote share": ("vote", "votes", "vote share"),
    "debt": ("debt",),
    "deficit": ("deficit", "shortfall"),  # a year's borrowing, not the debt it adds to
    "tax rate": ("tax rate", "tax rates", "corporate tax", "corporation tax", "income tax", "sales tax", "vat", "value added tax"),
    "pay": ("salary", "salaries", "wage", "wages"),
    "dividend": ("dividend", "dividends"),
    "valuation": ("valuation", "market value", "market capitalisation", "market capitalization"),
    "budget": ("budget",),
    "interest rate": ("interest rate", "interest rates", "base rate"),
    "fine": ("fine", "penalty", "fined"),
    "prize money": ("prize money", "winnings"),  # a player's or rider's, to win or to hand back
    "bribes": ("bribe", "bribes", "kickback", "kickbacks"),  # "€1.2m in bribes", "bribes totalling 1.2 million euros"
}
_METRIC_WORDS = "|".join(sorted((re.escape(w) for ws in METRICS.values() for w in ws), key=len, reverse=True))
_METRIC_RE = re.compile(rf"\b({_METRIC_WORDS})\b", re.I)
_METRIC_AFTER = re.compile(rf"\s*(?:(?:in|of)\s+(?:the\s+)?)?({_METRIC_WORDS})\b", re.I)  # "of the vote", "£168.4m penalty"
_METRIC_OF = {w: name for name, ws in METRICS.items() for w in ws}
GDP_WORDS = frozenset({"gdp", "gross domestic product"})
_METRIC_NEXT = re.compile(rf"\s+({_METRIC_WORDS})\b(?!\s+(?:of|rate|rates)\b)", re.I)  # "2.9% deficit" (not "5% tax rate": that is "tax rate")


def metric(text: str, start: int, end: int, clause_start: int) -> str:
    """The metric a figure measures: the nearest metric noun before it in its clause (within 50
    characters), or "of the vote" style right after it; '' if none."""
    best = ""
    # The nearest metric before the figure in its clause, else in the sentence before it ("Core inflation,
    # which excludes food and energy, was 3.2%").
    def own(m: re.Match[str]) -> bool:
        # "the €186,400 he had earned in prize money ..., as well as contributing €15,000 to the costs": "in prize money"
        # names the earlier figure's metric, not this one's.
        # ("of" is left alone: "the 45 per cent top rate of income tax" names the threshold's tax as well.)
        # "2.9 per cent of gross domestic product": a share of GDP is no growth figure, for that figure or any after it.
        if m.group(1).lower() in GDP_WORDS and re.search(r"\bof\s+(?:the\s+)?$", text[max(0, m.start() - 8) : m.start()]):
            return False
        return not (re.search(r"\bin\s+$", text[max(0, m.start() - 4) : m.start()]) and re.search(r"\d", text[max(0, m.start() - 60) : m.start()]))

    adjacent = _METRIC_NEXT.match(text, end)
    if adjacent:
        # "targets 2.9% deficit", "a £3m profit": the metric right after the figure is its own, whatever comes before
        # ("cuts corporate tax, targets 2.9% deficit").
        return _METRIC_OF[adjacent.group(1).lower()]
    before = [m for m in _METRIC_RE.finditer(text, max(clause_start, start - 50), start) if own(m)] \
        or [m for m in _METRIC_RE.finditer(text, max(0, start - 200), start) if own(m)]
    for m in before:
        best = _METRIC_OF[m.group(1).lower()]
        # "Core inflation was 3.2%" is not inflation of 2.9%: a modifier that makes another measure.
        mod = METRIC_MODIFIER.search(text, max(0, m.start() - 14), m.start())
        if mod:
            best = mod.group(1).lower() + " " + best
    if best:
        return best
    if PER_SHARE.match(text, end):
        return "per share"  # "an offer of $52 per share", "will pay $55 a share"
    m = _METRIC_AFTER.match(text, end)
    if m and m.group(1).lower() in GDP_WORDS and re.match(r"\s*of\b", m.group(0)):
        return ""  # "a deficit of 2.9% of GDP": a share of GDP, not growth
    return _METRIC_OF[m.group(1).lower()] if m else ""


# ("operating profit" and "gross profit" are other measures than a profit; "pre-tax" and "net" are left out: a headline's
# "profit" is usually the body's pre-tax or net profit.)
METRIC_MODIFIERS = ("core", "underlying", "monthly", "quarterly", "weekly", "operating", "gross")
METRIC_MODIFIER = re.compile(r"\b(" + "|".join(METRIC_MODIFIERS) + r")\s+$", re.I)
PER_SHARE = re.compile(r"\s*(?:per|a)\s+share\b", re.I)


_PRED_RES = [
    (name, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I), tuple(w.lower() for w in words))
    for name, words in PREDICATES.items()
]
CLAUSE_SPLIT = re.compile(r";\s|,\s(?:and|but|while|whereas)\s|\s[-–—]\s|,\s(?=(?:and |but )?(?:former|the|his|her|their|which|who|where)\b)")
# A fact's clause also ends before a participial adjunct, which tells of another, earlier or later, event:
# "was jailed for 12 years on Friday | after stabbing three men outside a Riverside nightclub". Its names
# and numbers are not the jailing's. (Statements are not cut there: a shorter clause only matches looser.)
FACT_CLAUSE_SPLIT = re.compile(
    CLAUSE_SPLIT.pattern + r"|,?\s(?=(?:after|before|for|since|while|by)\s(?!(?:during|nothing|something|everything|anything|morning|evening|spring|king|string|thing|ceiling|ring|building|wing|funding|training|housing|spending|lending|parking|clothing)\b)[a-z]+ing\b)"
)
FUNCTION_WORDS = frozenset(
    "the a an of and or to in on at by for with from as that this these those is are was were be been has have had "
    "it its his her their which who whom whose than then also about over more at least into its "
    # Adverbs that qualify a state, not name a measure: "74 people were still missing" is "people missing".
    "still yet now already just currently reportedly apparently allegedly so far "
    # Qualifiers of a figure, not what it measures: "capsized at around 4.15 a.m." is "capsized", as "at about 2.40am" is.
    "around roughly approximately nearly almost some "
    # Modal verbs and subject pronouns name no measure either: "The £1.8bn project will be funded" is "project funded", "The
    # £580,000 he collected for winning" is "collected winning".
    "will would shall should could can may might must he she they we".split()
)


# 1. Sentences ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def _pysbd_spans(para: str) -> tuple[tuple[int, int], ...]:
    """pysbd's sentence spans in a paragraph, remembered by its exact text (reprinted wire copy)."""
    try:
        return tuple(_segmenter().segment_spans(para))
    except Exception:  # pysbd can fail on pathological text; fall back to the paragraph
        return ((0, len(para)),)


def _literal_spans(sentences: Sequence[str], text: str) -> list[tuple[int, int]]:
    r"""Where pysbd's sentences lie in its input, as pysbd itself finds them, without its regular
    expressions: pysbd compiles `re.escape(sentence) + r"\s*"` for every sentence (a new pattern each
    time, so a sixth of all extraction went to compiling them). Each sentence's first non-overlapping
    occurrence, with the white space after it, that ends after the previous one."""
    spans: list[tuple[int, int]] = []
    prior = 0
    for sent in sentences:
        if not sent:
            continue  # pysbd's pattern would match empty text; it never yields an empty sentence
        pos = 0
        while (s := text.find(sent, pos)) >= 0:
            e = s + len(sent)
            while e < len(text) and text[e].isspace():  # `\s` is str.isspace for str patterns
                e += 1
            if e > prior:
                spans.append((s, e))
                prior = e
                break
            pos = e
    return spans


@lru_cache(maxsize=1)
def _segmenter():  # type: ignore[no-untyped-def]
    import pysbd

    class Segmenter(pysbd.Segmenter):  # type: ignore[misc]
        def segment_spans(self, text: str) -> list[tuple[int, int]]:
            if not text:
                return []
            return _literal_spans(self.processor(text).process(), text)

    return Segmenter(language="en", clean=False, char_span=True)


def split_sentences(clean: str, max_chars: int) -> list[tuple[int, int]]:
    """Sentence spans of the residue-free text: paragraphs (lines) first, then pysbd within each."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in clean.split("\n"):
        if para.strip():
            if not INNER_STOP.search(para.rstrip()[:-1]):
                parts = [(0, len(para))]  # one sentence: nothing pysbd could split at (a third of its time)
            else:
                parts = list(_pysbd_spans(para))
            parts = [sub for s, e in parts for sub in _resplit(para, s, e)]
            end = max((e for _, e in parts), default=0)
            if para[end:].strip():
                parts.append((end, len(para)))  # pysbd drops what follows an abbreviation's stop ("Mr.??"): never lose text
            last = 0
            first = len(spans)
            for s, e in parts:
                gap = para[last:s].strip() if s > last else ""
                gap_end = para.index(gap, last) + len(gap) if gap else last
                if gap and CLOSING_ONLY.fullmatch(gap) and len(spans) > first and pos + gap_end - spans[-1][0] <= max_chars:
                    # A closing quotation mark pysbd left between two sentences ("... 'a strategic decline both regionally
                    # and globally.' In Syria, ..."): it ends the sentence before.
                    spans[-1] = (spans[-1][0], pos + gap_end)
                    last = gap_end
                elif gap:
                    s = last  # other text between two of its spans goes with the next: never lose text
                # pysbd's spans can point at an earlier copy of repeated text: never go back.
                if s < last:
                    found = para.find(para[s:e].strip(), last)
                    if found >= 0:
                        s, e = found, found + len(para[s:e].strip())
                s, e = max(s, last), max(e, last)
                while s < e and para[s].isspace():
                    s += 1
                while e > s and para[e - 1].isspace():
                    e -= 1
                # Over-long "sentences" (tables, run-on scrapes) are cut at a word boundary.
                while e - s > max_chars:
                    cut = para.rfind(" ", s + 1, s + max_chars)
                    cut = cut if cut > s else s + max_chars
                    end = cut
                    while end > s and para[end - 1].isspace():
                        end -= 1
                    if end > s:
                        spans.append((pos + s, pos + end))
                    s = cut
                    while s < e and para[s].isspace():
                        s += 1
                if e > s:
                    spans.append((pos + s, pos + e))
                    last = e
        pos += len(para) + 1
    return spans


CLOSING_ONLY = re.compile(r"[\"'”’)\]]+")
LONG_SENTENCE = 320
# Where pysbd may end a sentence: stops, and any white space other than a plain space (it cuts at a
# quotation mark or bracket before a no-break space), and a hyphen before a quotation mark
# ("going to-" He). A paragraph with none of these before its last
# character is one sentence.
INNER_STOP = re.compile(r"[.!?…]|[^\S ]|-[\"'“”‘’]")
HARD_STOP = re.compile(r"(?<=[a-z0-9%)][.!?])[\"”']*\s+(?=[\"“]?[A-Z])")


def _resplit(para: str, s: int, e: int) -> list[tuple[int, int]]:
    """pysbd keeps an unclosed quotation open to the paragraph's end; re-cut such long spans at full stops."""
    if e - s <= LONG_SENTENCE:
        return [(s, e)]
    out, start = [], s
    for m in HARD_STOP.finditer(para, s, e):
        if m.start() - start >= 20:
            out.append((start, m.start()))
            start = m.end()
    out.append((start, e))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def published_interval(src: Source) -> tuple[date, date] | None:
    """The source's publication date as an interval, if known."""
    return parse_published(src.published.value) if src.published else None


# 3. Aliases -----------------------------------------------------------------------------------------


def alias_map(keys: Counter[str], score: float) -> dict[str, str]:
    """Map each entity key to a canonical variant: close spellings and surname-only mentions merge.

    Keys are taken from the most frequent; each multi-word key joins the first earlier multi-word head
    that is a close spelling (Masoud/Massoud Pezeshkian), shares the surname with a looser spelling
    (Binyamin/Benjamin Netanyahu), or is a word-suffix of it or it of them (Ayatollah Ali Khamenei /
    Ali Khamenei). Blocking: a key is compared only with the heads that share one of its words (a
    variant spelled differently in every word is not merged), in one rapidfuzz call per key, so the
    work grows with the names that share words, not with the square of an archive's names."""
    import numpy as np
    from rapidfuzz import fuzz, process

    ordered = sorted(keys, key=lambda k: (-keys[k], k))
    canon: dict[str, str] = {}
    heads: list[str] = []
    head_last: list[str] = []
    head_at: dict[str, int] = {}  # head -> position
    ends_with: dict[str, int] = {}  # word-suffix of a head -> first head that ends so
    with_word: dict[str, list[int]] = {}  # word -> heads that have it, in order
    one_word: dict[tuple[str, str], list[str]] = {}  # (first three letters, last two) -> one-word heads
    for k in ordered:
        kw = k.split()
        if len(kw) < 2:
            # A one-word name merges only with a transliteration of it (Jabalya / Jabaliya): six letters or
            # more, the same first three and last two, a close spelling. Israel / Israeli, Austria / Australia
            # and Sudan / Sudanese stay apart. It is never a head for longer names (see surnames below).
            block = one_word.setdefault((k[:3], k[-2:]), []) if len(k) >= 6 else []
            near = [h for h in block if fuzz.ratio(k, h) >= score]
            canon[k] = near[0] if near else k
            if len(k) >= 6 and not near:
                block.append(k)
            continue
        best = len(heads)
        cand = sorted({i for w in set(kw) for i in with_word.get(w, ())})
        if cand:
            ratios = process.cdist([k], [heads[i] for i in cand], scorer=fuzz.ratio, dtype=np.float32)[0]
            same_last = np.fromiter((head_last[i] == kw[-1] for i in cand), dtype=bool, count=len(cand))
            ok = (ratios >= score) | (same_last & (ratios >= score - 10))
            hit = np.flatnonzero(ok)
            if len(hit):
                best = cand[int(hit[0])]
        best = min(best, ends_with.get(k, best))  # a head that ends with this key
        for i in range(1, len(kw) - 1):  # a head this key ends with (two words or more)
            best = min(best, head_at.get(" ".join(kw[i:]), best))
        if best < len(heads):
            canon[k] = heads[best]
            continue
        head_at[k] = len(heads)
        for w in set(kw):
            with_word.setdefault(w, []).append(len(heads))
        for i in range(0, len(kw) - 1):
            ends_with.setdefault(" ".join(kw[i:]), len(heads))
        heads.append(k)
        head_last.append(kw[-1])
        canon[k] = k
    # Surname-only mentions ("Maduro") join the single full name that ends with them. Not a name of something "of" a place
    # ("University of Fellshire"), whose last word is the place: "the Fellshire town of Brackenford" names the place.
    fulls: dict[str, set[str]] = {}
    for k, c in canon.items():
        if len(c.split()) >= 2 and not re.search(r" (?:of|for|on|upon|at|in) ", c):
            fulls.setdefault(c.split()[-1], set()).add(c)
    for k in list(canon):
        if len(k.split()) == 1 and k in fulls and len(fulls[k]) == 1:
            canon[k] = next(iter(fulls[k]))
    return canon


# 4. Events ------------------------------------------------------------------------------------------


# A dateline's dash: "BRACKENFORD, Fellshire, March 9 (NPA) - Around 58,000 households": the word after it opens the sentence.
OPENING_DASH = re.compile(r"\s[-–—]+\s*$")


def opens_sentence(text: str, start: int) -> bool:
    """Whether a word at `start` opens its sentence: at its start, or right after a dateline's dash."""
    return start == 0 or bool(OPENING_DASH.search(text, 0, start))


def _names(by_source: Mapping[str, Sequence[Claim]]) -> set[str]:
    """Entity keys that are names: every key of more than one word, and a single capitalised word if some
    article capitalises it inside a sentence, or if it starts sentences in two or more articles and never
    appears in lower case ("Toyota recalls...", "Toyota said..."). A word that starts a sentence in one
    article only, or that the corpus also writes in lower case ("About 22,000 people", "Average rents"),
    may be any word."""
    named: set[str] = set()
    starts: dict[str, set[str]] = {}
    for f, cl in by_source.items():
        for c in cl:
            for e in c.entities:
                if not opens_sentence(c.text, e.start) or " " in e.text:
                    named.add(e.key)
                else:
                    starts.setdefault(e.key, set()).add(f)
    candidates = {k for k, fs in starts.items() if k not in named and len(fs) >= 2}
    if candidates:
        lower = {w for cl in by_source.values() for c in cl for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", c.text)}
        named |= candidates - lower
    return named


# Words of news outlets' names: with a word of the article's own outlet, a name made of them is the outlet naming itself
# ("Meridian Press Association", "the Wendmoor Weekly Standard", "the Ledger"), which says nothing of the event.
OUTLET_WORDS = frozenset("association agency news press wire service services daily weekly sunday evening morning times post herald "
                         "chronicle gazette ledger review standard journal today star courier mail telegraph tribune observer "
                         "guardian express echo argus record mercury sentinel bulletin dispatch monitor report reporter "
                         "business national international world".split())
# Month names and their abbreviations in a dateline ("ELDERBROOK, Oct 16 (MPA)") are dates, not names ("May" may be one).
MONTH_KEYS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec january february march april june july august "
                       "september october november december".split())


def own_outlet_words(src: Source) -> frozenset[str]:
    """The words of an article's own outlet: its name where known, and its file name's words before any date."""
    words = re.findall(r"[a-z]+", (src.outlet.value.lower() if src.outlet else ""))
    words += re.findall(r"[a-z]+", re.split(r"\d", Path(src.file).stem.lower())[0])
    return frozenset(words)


def _self_reference(key: str, own: frozenset[str], dropped: set[str]) -> bool:
    words = key.split()
    if len(words) > 1:
        return any(w in own for w in words) and all(w in own or w in OUTLET_WORDS for w in words)
    return (key in own and key in OUTLET_WORDS) or key in MONTH_KEYS or (len(key) <= 5 and any(
        "".join(w[0] for w in d.split()) == key for d in dropped))


def _signature(claims: list[Claim], named: set[str] | frozenset[str], title_lines: int = 3, own: frozenset[str] = frozenset()) -> set[str]:
    """An article's salient names: the ten most frequent, headline and lead counting three times.

    A capitalised single word that starts a sentence ("About 22,000 people", "Police arrested") is a
    name only if some article also capitalises it inside a sentence (`named`): otherwise it is any word
    that begins a sentence, and such words crowded short articles' signatures until they matched nothing.
    Nor do the article's own outlet naming itself (`own`: its words; "Meridian Press Association" and "MPA" in
    the wire's dateline) or a dateline's month ("Oct 16") count."""
    counts: Counter[str] = Counter()
    keys = {k for c in claims for k in c.entity_keys()}
    dropped = {k for k in keys if " " in k and _self_reference(k, own, set())}
    skipped = dropped | {k for k in keys if _self_reference(k, own, dropped)}  # decided once per key, not per mention
    for i, c in enumerate(claims):
        for k in c.entity_keys():
            if k not in named and " " not in k:
                continue
            if k in skipped:
                continue
            counts[k] += 3 if i < title_lines else 1
    return {k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]}


EVENT_DAYS = 31  # two articles can report one main event when published at most this many days apart


def _event_candidates(files: list[str], sigs: dict[str, set[str]], pubs: dict[str, tuple[date, date] | None]) -> list[tuple[str, str]]:
    """The article pairs that can be one event, by blocking: they share a salient entity, and their
    publication dates are within EVENT_DAYS (or one of them is unknown).

    An inverted index of signature keys gives the articles that share one; within a key's list, a sweep
    over publication dates pairs only articles close in time, so a name an archive of years mentions
    everywhere does not pair every article with every other."""
    posting: dict[str, list[str]] = {}
    for f in files:
        for k in sigs[f]:
            posting.setdefault(k, []).append(f)
    gap = timedelta(days=EVENT_DAYS)
    pairs: set[tuple[str, str]] = set()
    for fs in posting.values():
        dated = sorted((f for f in fs if pubs[f] is not None), key=lambda f: (pubs[f][0], f))  # type: ignore[index]
        undated = [f for f in fs if pubs[f] is None]
        for i, a in enumerate(dated):
            end = pubs[a][1] + gap  # type: ignore[index]
            for b in dated[i + 1 :]:
                if pubs[b][0] > end:  # type: ignore[index]
                    break
                pairs.add((min(a, b), max(a, b)))
        for i, a in enumerate(undated):
            for b in (*undated[i + 1 :], *dated):
                pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def event_groups(sources: list[Source], by_source: dict[str, list[Claim]], settings: Settings) -> dict[str, str]:
    """Group articles that report the same main event: shared salient entities and close dates."""
    named = _names(by_source)
    sigs = {s.file: _signature(by_source.get(s.file, []), named, own=own_outlet_words(s)) for s in sources}
    pubs = {s.file: published_interval(s) for s in sources}
    parent = {s.file: s.file for s in sources}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    files = sorted(parent)
    for a, b in _event_candidates(files, sigs, pubs):
        sa, sb = sigs[a], sigs[b]
        if len(sa & sb) / min(len(sa), len(sb)) >= settings.event_overlap:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {f: find(f) for f in files}


# 5. Facts -------------------------------------------------------------------------------------------


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a value: split at semicolons, dashes and coordinating conjunctions."""
    bounds = [0] + [m.end() for m in FACT_CLAUSE_SPLIT.finditer(text)] + [len(text)]
    cuts = sorted(set(bounds))
    for i in range(len(cuts) - 1):
        s, e = cuts[i], cuts[i + 1]
        if s <= start < e or (i == len(cuts) - 2):
            # A short clause ("In 2024,") borrows the next one, where its predicate is.
            if len(text[s:e].split()) < 6 and i + 2 < len(cuts):
                e = cuts[i + 2]
            if len(text[s:e].split()) < 6 and i > 0:
                s = cuts[i - 1]
            return s, max(e, end)
    return 0, len(text)


# A second clause with its own verb: "and was detected", "but has since", "and injured" (not "eight years and $184 million").
COORDINATED = re.compile(
    r"\b(?:and|but|while|whereas)\s+(?:then\s+|later\s+|also\s+)?(?:(?:was|were|is|are|has|have|had|will|would|did)\b|\w+ed\b)|;"
)


# A clause after the value, set off by a comma, that tells of another event, which its predicate is: "appointed Holloway
# Brandt as administrator at 4.10am on Thursday, hours after talks over a £45m rescue deal broke down" (not "talks"). (Not
# "212 millimetres of rain fell in the day before the slope failed": the rain is measured up to the failure.)
SUBORDINATE = re.compile(r",\s+(?:\w+\s+){0,2}?(?:after|before|when|until|because|although|though|once)\b", re.I)
# A value in a clause that a verb introduces with "that" is that clause's: "pleaded guilty to nine offences, admitting that it
# had discharged untreated sewage ... between 2021 and 2023" (the discharges' years, not the plea's).
THAT_CLAUSE = re.compile(r"\b(?:admitting|admitted|saying|said|says|claiming|claimed|alleging|alleged|finding|found|accepting|accepted|"
                         r"denying|denied|confirming|confirmed|arguing|argued)\s+that\b")
# An event named after the value only to date it: "set up a £1.5m fund the day after the collapse", "12 were evacuated
# before the blast". It is not what the value measures.
TIME_ADJUNCT = re.compile(r"\b(?:after|before|since|following|until|during|ahead\s+of)\s+(?:the|its|their|this|that)\s+$", re.I)
# (Or a comma: "By the time the 11-hour siege was over, nine officers had been injured": "injured" is the nine's.)
AFTER_CONJUNCTION = re.compile(r"\b(?:and|but|while|whereas)\b|[;,]")


def predicate(span_text: str, value_pos: int, others: Sequence[int] = ()) -> str:
    """The event predicate nearest the value ("signed", "killed"), or ''. A predicate before another value
    of the same kind, which a coordinated clause separates from this one, is that value's ("began on 14
    September and was detected on 2 October": "began" is not the second date's; "won 91 of the 230 seats",
    "50 km (30 miles)" and "an eight-year, $160 million offer" keep theirs); `others` are those values'
    positions."""
    best: tuple[str, int, int] = ("", 10**9, 0)
    # ASCII text: a pattern none of whose words occurs as a substring cannot match (skip its scan).
    # Other text can match case-insensitively in ways lower() does not show ("ı"), so it is scanned.
    low = span_text.lower() if span_text.isascii() else None
    # A capitalised event word is part of a name ("the Kestrian Prison Officers' Union"), except in a headline's title
    # case ("Nationals' Eight-Year Offer to Teixeira").
    tokens = span_text.split()
    title_case = sum(t[:1].isupper() for t in tokens) * 5 > len(tokens) * 3
    for name, rx, words in _PRED_RES:
        if low is not None and not any(w in low for w in words):
            continue
        for m in rx.finditer(span_text):
            if m.start() > 0 and m.group(0)[0].isupper() and not title_case:
                continue  # part of a name: "the Kestrian Prison Officers' Union", "the Court of Appeal"
            d = abs(m.start() - value_pos)
            # (And one after a further value that a conjunction sets apart: in "17 people were still missing and 46 had been
            # treated for injuries", "injuries" is the 46's.)
            if d < best[1] and not any(m.start() < o < value_pos and COORDINATED.search(span_text, o, value_pos) for o in others) \
                    and not any(value_pos < o < m.start() and AFTER_CONJUNCTION.search(span_text, value_pos, o) for o in others) \
                    and not (m.end() <= value_pos and THAT_CLAUSE.search(span_text, m.end(), value_pos)) \
                    and not (m.start() > value_pos and (SUBORDINATE.search(span_text, value_pos, m.start())
                                                        or TIME_ADJUNCT.search(span_text, max(value_pos, m.start() - 30), m.start()))):
                labour = name == "attacked" and m.group(0).lower() in ("strike", "strikes") and LABOUR.search(span_text)
                best = ("walkout" if labour else name, d, m.start())
    if best[0]:
        # The object of another predicate is not the event: "declared the outbreak on 28 October" is the declaration.
        for name, rx, words in _PRED_RES:
            if name == best[0] or (low is not None and not any(w in low for w in words)):
                continue
            m = rx.search(span_text, max(0, best[2] - 30), best[2])
            if m and re.fullmatch(r"\s+(?:the|a|an|its|their|his|her)\s+", span_text[m.end() : best[2]]):
                return name
    return best[0]


# Words that make a bare "strike" a labour one: "the union said the 24-hour strike was the 12th".
LABOUR = re.compile(r"\b(?:unions?|workers|drivers|staff|employees|nurses|doctors|teachers|pay|wages?|pickets?|walk(?:ed)? ?out|industrial)\b", re.I)


def content_words(text: str) -> list[str]:
    """Lower-case content words; names (capitalised words), placeholders and numbers dropped."""
    return [w for w in re.findall(r"(?<![A-Za-z'-])[a-z][a-z'-]+", text) if w not in FUNCTION_WORDS]


# Words after a number that end the noun it counts ("three Gazans were killed", "40 Palestinians seeking").
_COUNT_STOP = FUNCTION_WORDS | frozenset(
    "were was had have has been being who which that when where while after before during since per each "
    "said says say lost died fell killed wounded injured hit struck landed exploded remain remained".split()
)
GENERIC_COUNTED = frozenset("people person persons others other individual individuals civilian civilians victim victims resident residents those".split())


def _singular(w: str) -> str:
    if w in ("people", "others", "those"):
        return w
    for plural, single in (("men", "man"), ("children", "child"), ("women", "woman"), ("ies", "y")):
        if w.endswith(plural) and len(w) > len(plural) + (0 if plural in ("men", "children", "women") else 1):
            return w[: -len(plural)] + single
    if w.endswith(("ches", "shes", "xes", "sses", "zzes")) and len(w) > 5:
        return w[:-2]  # "matches", "crashes", "taxes", "businesses"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


PART_OF_WHOLE = re.compile(r"\s+(?:out\s+)?of\s+(?:(?:the|its|their|his|her|our|all|all the)\s+)?(?:[\w-]+['’]s\s+)?"
                           r"(?:(?:roughly|about|around|some|nearly|almost|approximately|more than|over|just over|just under)\s+)?\d[\d,.]*\s")


@lru_cache(maxsize=1 << 18)  # findings ask again for the same sentence's numbers, pair after pair
def counted_noun(text: str, end: int) -> str:
    """The noun a number counts, singular and lower-case ("40 Palestinians" -> "palestinian";
    "a 200-student school" -> "student"; "five Israeli soldiers" -> "soldier"); '' when unclear.
    A capitalised head (a demonym such as "Gazans") is marked with a leading '^'."""
    rest = text[end : end + 60]
    if re.match(r"\s+(?:people\s+)?(?:dead|killed|injured|wounded|hurt|missing|died)\b", rest, re.I):
        return "people"  # "12 dead", "nine killed"
    m = re.match(r"-([A-Za-z]+)", rest)
    if m and m.group(1).lower() != "strong":
        return _singular(m.group(1).lower())
    if m:
        rest = rest[m.end() :]  # "her nine-strong crew", "a 40-strong team": the noun after it
    m = PART_OF_WHOLE.match(rest)
    if m:
        return counted_noun(text, end + m.end() - 1)  # "close 38 of its roughly 310 stores": 38 stores
    rest = re.sub(r"^\s+of\s+(?=[A-Za-z])", " ", rest) if re.match(r"^\s+of\s+(?:the\s+)?[A-Z]?[a-z]+s\b", rest) else rest
    # "all 640 of the exchange's listed securities": the noun after a possessive whole.
    rest = re.sub(r"^\s+of\s+(?:the\s+|its\s+|their\s+)?[\w-]+['’]s\s+(?=[a-z])", " ", rest)
    words: list[str] = []
    toks = [t.group(0) for t in re.finditer(r"[A-Za-z][A-Za-z'-]*|[^\sA-Za-z]", rest)]
    for i, w in enumerate(toks):
        # A participle before a plural noun is an adjective ("17 undisclosed meetings", "31 confirmed cases"); before
        # anything else it is the verb ("12 died", "40 arrested on Monday").
        adjective = w.lower().endswith("ed") and i + 1 < len(toks) and toks[i + 1][0].islower() and _plural_common(toks[i + 1])
        if not w[0].isalpha() or w.lower() in _COUNT_STOP or w.lower().endswith("ing") or (w.lower().endswith("ed") and len(w) > 4 and not adjective):
            break
        words.append(w)
        if len(words) == 3:
            break
    if not words:
        # "a crew of 21", "a team of 15": the noun before "of" is what the number counts.
        of = re.search(r"(?:\b(?:an?|the|its|his|her|their)|['’]s)\s+([a-z]{3,})\s+of\s+(?:about\s+|around\s+|some\s+|nearly\s+|more than\s+)?[\w.,]+$", text[max(0, end - 80) : end])
        return _singular(of.group(1)) if of and of.group(1) not in ("total", "number", "maximum", "minimum", "average", "height", "depth", "length") else ""
    # The head of "two Israeli tank shells" or "four bombs Thursday" is its first plural common noun;
    # without one, the second word at most ("three Gazans", "one Israeli soldier").
    head = next((w for w in words if _plural_common(w)), words[: 2][-1])
    noun = _singular(head.lower())
    return ("^" if head[0].isupper() else "") + SAME_THING.get(noun, noun)


# Nouns news writes for one another when it counts the same things: "38,000 homes" / "38,000 households", "27 jets" /
# "27 aircraft", "the ship" / "the vessel". Each is counted under the first of its group.
SAME_THING = {w: group.split()[0] for group in (
    "household home house",
    "aircraft jet plane airliner aeroplane airplane",
    "vessel ship",
    "soldier troop",
    "student pupil",
    "siege stand-off standoff",
    "discharge spill",  # of sewage, of oil
) for w in group.split()}


IRREGULAR_PLURALS = frozenset("people men women children police troops staff personnel cattle crew".split())


def _plural_common(w: str) -> bool:
    """A lower-case word that reads as a plural noun ("shells", "casualties", "people")."""
    if not w.islower() or "'" in w:
        return False
    return w in IRREGULAR_PLURALS or (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")))


# "No one was killed", "there were no casualties": a count of zero that can contradict "12 people were killed".
ZERO_COUNT = re.compile(
    r"\b(?:no one|no-one|nobody)\b(?=\s+(?:\w+\s+){0,3}?(?:killed|died|dead|injured|wounded|hurt)\b)"
    r"|\bno (?:casualties|deaths|fatalities|injuries|dead(?= or wounded| or injured)|one dead)\b"
    # "Ashmoor Water said it had received no reports of a leak" against "had received two reports of a suspected leak": a
    # count of zero of what was received or made (the noun is what it counts).
    r"|\b(?:received|had|made|found|filed|lodged|recorded|logged) (?P<z>no (?:formal |prior |previous |earlier )?"
    r"(?:reports|complaints|warnings|calls|arrests|charges|requests|bids|offers|objections))\b",
    re.I,
)
# The noun a ZERO_COUNT "z" phrase counts: "no reports" counts reports (the others count people).
ZERO_OF = re.compile(r"no (?:formal |prior |previous |earlier )?(?P<noun>reports|complaints|warnings|calls|arrests|charges|requests|bids|offers|"
                     r"objections)$", re.I)


def with_zero_counts(claim: Claim) -> Claim:
    """Add a zero quantity for each "no one was killed"-style phrase (outside the spans of other numbers)."""
    extra = []
    for m in ZERO_COUNT.finditer(claim.text):
        s, e = m.span("z") if m.group("z") else m.span()
        if any(q.start <= s < q.end or s <= q.start < e for q in claim.quantities):
            continue
        extra.append(Quantity(claim.text[s:e], s, e, 0.0, 0.0, 0.0, "", "count", "none"))
    if not extra:
        return claim
    # "it knew of no injuries or deaths" states a count (none): checkable.
    return replace(claim, quantities=tuple(sorted(claim.quantities + tuple(extra), key=lambda q: q.start)), checkable=True)


# A figure that is the object of a demand: a ransom, a union's pay claim ("demanding 60 bitcoin", "has demanded a ransom
# of 85 bitcoin", "the $8 million they first sought"). Not a demand after the figure ("100,000 people marched,
# demanding rent controls"), nor a bare "ransom" (one demanded is not one paid).
DEMAND_BEFORE = re.compile(r"\b(?:demand(?:ed|ing|s)?|sought|seeking|asking for|asked for)\s+(?:(?:an?|the|their|its)\s+)?(?:[a-z]+\s+){0,2}?"
                           r"(?:of\s+)?(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+)?$", re.I)
# The demand as the subject: "The gang's opening demand, made in a call to Dariusz Holbeck on the Thursday evening, was for
# $1.5 million".
DEMAND_SUBJECT = re.compile(r"\bdemands?\b[^.;]{0,90}?\b(?:was|is|had been|has been|stood at|came to|amounted to)\s+(?:for\s+)?"
                            r"(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+)?$", re.I)
DEMAND_AFTER = re.compile(r"^\s+(?:that\s+)?(?:they|it|he|she|the\s+\w+)\s+(?:had\s+)?(?:first\s+|initially\s+|originally\s+)?"
                          r"(?:sought|demanded|wanted|asked for)\b", re.I)

# Words after a length that make it a distance from somewhere.
BEARINGS = frozenset("north south east west northeast northwest southeast southwest north-east north-west south-east south-west "
                     "offshore inland away off from outside".split())


def build_facts(claim: Claim) -> tuple[Fact, ...]:
    """One fact per value: date, quantity or attribute, with measure, span and masked text. Each reads
    only its claim's text and values, so facts are made with the claims of their article (and cached with
    them); their events are corpus-wide and placed later (`place_facts`)."""
    text = claim.text
    values: list[tuple[str, int, int, str, str]] = []  # kind, start, end, display, placeholder
    for d in claim.dates:
        values.append(("date", d.start, d.end, d.display, "[DATE]"))
    for q in claim.quantities:
        unit = f" {q.unit}" if q.unit and q.unit not in ("USD",) else ""
        vague = q.qualifier in VAGUE_QUALIFIERS
        disp = f"{q.qualifier + ' ' if q.qualifier and q.qualifier != 'between' and not vague else ''}{_fmt_num(q)}{unit}"
        if q.qualifier == "none":
            disp = f"none (“{q.text}”)"
        if q.unit == "USD":
            disp = f"{q.qualifier + ' ' if q.qualifier and q.qualifier != 'between' else ''}${_fmt_num(q)}"
        values.append(("quantity", q.start, q.end, disp, "[MONEY]" if q.dimension == "currency" else "[NUM]"))
    for a in claim.attributes:
        values.append(("attribute:" + a.kind, a.start, a.end, a.value, f"[{a.kind.upper()}]"))
    masked_chars = list(text)
    for _, s, e, _, ph in sorted(values, key=lambda v: -v[1]):
        masked_chars[s:e] = list(ph)
    facts: list[Fact] = []
    counters: Counter[str] = Counter()
    for kind, s, e, disp, ph in sorted(values, key=lambda v: (v[1], v[0])):
        cs, ce = clause_span(text, s, e)
        span_text = text[cs:ce]
        masked = _mask_range(text, values, cs, ce)
        pred = predicate(span_text, s - cs, [v[1] - cs for v in values if v[0] == kind and v[1] != s and cs <= v[1] < ce])
        after = content_words(text[e : min(len(text), e + 40)])[:2]
        before = content_words(text[max(cs, s - 40) : s])[-2:]
        counted = counted_noun(text, e) if kind == "quantity" else ""
        if kind == "quantity" and disp.startswith("none "):
            zero = ZERO_OF.match(text[s:e])
            counted = _singular(zero.group("noun").lower()) if zero else "people"
        if kind == "quantity":
            # Money and percentages are measured by the metric the sentence names; counts by their event word.
            q = claim.quantities[counters[kind]]
            named = metric(text, s, e, cs) if q.dimension in ("currency", "percent") else ""
            if q.dimension not in ("count", "currency", "percent", "ordinal", "time") and not named:
                # A measurement is named by the noun before it: "winds of 120 mph", "at a depth of 35 km".
                of = MEASURED_BEFORE.search(text, max(cs, s - 40), s)
                named = of.group(1).lower() if of else ""
            if not named and q.dimension == "length" and after and after[0] in BEARINGS:
                # "seized 120 nautical miles east of the port", "40km north of the capital": how far, whatever the verb.
                named = "distance " + after[0]
            if DEMAND_BEFORE.search(text, cs, s) or DEMAND_SUBJECT.search(text, cs, s) or DEMAND_AFTER.match(text[e : e + 60]):
                pred = "demanded"
            if not named and not pred and q.is_duration and counted and counted != "old":  # (not an age: "an 11-month-old baby")
                named = counted  # "the six-hour stand-off", "an 11-hour siege": the thing that lasted
            # Nothing after the figure ("declared a state of emergency for 60 days."): the words before it.
            measure = named or " ".join(([pred] if pred else []) + after[:2]) or " ".join(before)
        elif kind == "date":
            measure = pred or " ".join(before + after[:1])
        elif kind == "attribute:rating":
            measure = disp.split(" ")[0]  # the scale names what is rated: "category" (of a storm)
        else:
            measure = " ".join(([pred] if pred else []) + [w for w in before[-1:] + after[:1] if w != pred])
        facts.append(Fact(kind, disp, measure.strip(), (cs, ce), masked, "", counters[kind], counted))
        counters[kind] += 1
    return tuple(facts)


def _mask_range(text: str, values: list[tuple[str, int, int, str, str]], cs: int, ce: int) -> str:
    out = text[cs:ce]
    for _, s, e, _, ph in sorted(values, key=lambda v: -v[1]):
        if cs <= s and e <= ce:
            out = out[: s - cs] + ph + out[e - cs :]
    return _norm(out)


# A date of a participle with its agent or of a relative clause, either qualifying a noun ("the course record of 2:06:31
# set by Abebe Tessema in 2023", "the 2:06:31 that Abebe Tessema ran in 2023"): it dates that noun's deed, not the
# sentence's. (Not an appositive of the subject, "The vessel, built in 2004, was sailing ...": that is the subject's.)
PARTICIPLE_DATE = re.compile(
    # with its agent: "set by Abebe Tessema in 2023" (not a passive main verb: "the record was set by ... in 2023")
    r"(?:(?<!was )(?<!were )(?<!been )(?<!is )\b(?:set|established|built|founded|opened|completed|recorded|achieved|signed|introduced|"
    r"bought|acquired)\s+by\s+(?:[A-Z][\w'’-]*\s+){1,4}|"
    # or a relative clause with a named subject: "the 2:06:31 that Abebe Tessema ran in 2023"
    r"\b(?:that|which)\s+(?:[A-Z][\w'’-]*\s+){1,4}[a-z]+\s+)(?:in|on|back in)\s+$")


def noun_deed_date(text: str, start: int) -> re.Match[str] | None:
    """The `PARTICIPLE_DATE` cue before a date that starts at `start` in `text`, or None."""
    return PARTICIPLE_DATE.search(text[max(0, start - 60) : start])


def place_facts(claim: Claim, main: str, limit: str | None) -> tuple[Fact, ...]:
    """The claim's facts, each in its event: the article's main event, or a background event (an
    earlier event the sentence recalls) when a date is older than `limit` (the article's publication
    less `background_days`; None: no publication date, no background): for a date, its own; for another
    value, any date of the sentence but a "since ..." one."""
    old = [d for d in claim.dates if d.high < limit] if limit is not None else []
    if not old:
        return tuple(_in_event(f, main) for f in claim.facts)
    # A date fact is background by its own date: its value's start is the index-th date start, since
    # build_facts numbers the date facts in text order.
    starts = sorted(d.start for d in claim.dates)
    # "the 12th strike since July 2022": a span that reaches the present dates no figure in the past.
    # Nor a date of a noun's own deed (`PARTICIPLE_DATE`): "won ... taking down the 2:06:31 that Abebe Tessema ran in 2023".
    recalls = [d for d in old if not SINCE_BEFORE.search(claim.text[max(0, d.start - 50) : d.start])
               and not noun_deed_date(claim.text, d.start)]
    # "the most serious incident since June 2012, when the yacht Solan Reach capsized and its seven crew spent six hours in a
    # liferaft": a clause that tells what happened at a "since" date recalls it for the figures in that clause.
    told = [d for d in old if d not in recalls and SINCE_WHEN.match(claim.text, d.end)]
    bg = "bg:" + "|".join(sorted({e.key for e in claim.entities})[:3])
    out = []
    for f in claim.facts:
        if f.kind == "date":
            past = any(d.start == starts[f.index] for d in old)
        elif f.kind == "quantity" and any(d.end < claim.quantities[f.index].start for d in told):
            past = True
        elif f.kind == "quantity":
            # A date after the figure with another figure of its kind between dates that one: "Turnout was 46.1 per cent, ...,
            # though below the 52.7 per cent recorded when Conrad Mallory won in May 2024" (not "Two men were jailed for 14
            # years in 2012": the years are the sentence's, not another count).
            q = claim.quantities[f.index]
            past = any(d.start < f.span[1] and not figure_between(claim.quantities, q, d) for d in recalls)
        else:
            # A recalled date dates the figures of its own clause and of the clauses after it ("memories of August 2011,
            # when nine people died"), not those before it: "The airline's 27 aircraft are now grounded, ..., where
            # Corvista accounted for 38 per cent of all flights in 2025" recalls 2025 for the 38 per cent only.
            past = any(d.start < f.span[1] for d in recalls)
        out.append(_in_event(f, bg if past else main))
    return tuple(out)


SINCE_WHEN = re.compile(r",?\s+when\b")  # a clause that tells what happened at the date before it


def figure_between(quantities: Sequence[Quantity], q: Quantity, d: DateValue) -> bool:
    """Whether another figure of q's kind stands between q and a date after it, which then dates that figure, not q."""
    return d.start > q.end and any(q.end <= p.start < d.start and p.dimension == q.dimension for p in quantities)


def _in_event(f: Fact, event: str) -> Fact:
    return Fact(f.kind, f.value, f.measure, f.span, f.masked, event, f.index, f.counted)


VAGUE_QUALIFIERS = frozenset(v for v, _, _ in ex.VAGUE)


def _fmt_num(q) -> str:  # type: ignore[no-untyped-def]
    def f(v: float) -> str:
        if v >= 1e9 and v % 1e8 == 0:
            return f"{v / 1e9:g} billion"
        if v >= 1e6 and v % 1e5 == 0:
            return f"{v / 1e6:g} million"
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"

    if q.qualifier == "between":
        return f"{f(q.low)}–{f(q.high)}"
    if q.qualifier in VAGUE_QUALIFIERS:
        return f"{q.qualifier} ({f(q.low)}–{f(q.high)})"
    return f(q.value)


# Putting it together ----------------------------------------------------------------------------


def make_claims(sources: list[Source], settings: Settings, extracted: Mapping[str, Sequence[Claim]] | None = None) -> list[Claim]:
    """All claims of all sources, in source then sentence order, with corpus-level aliases and events.

    `extracted` holds `source_claims` results computed (or cached) beforehand, by source file; sources
    missing from it are extracted here.
    """
    raw: dict[str, list[Claim]] = {}
    for src in sources:
        got = extracted.get(src.file) if extracted is not None else None
        raw[src.file] = list(got) if got is not None else list(source_claims(src, settings))
    counts: Counter[str] = Counter(e.key for cl in raw.values() for c in cl for e in c.entities if e.kind != "title")
    canon = alias_map(counts, settings.alias_score)
    known = set(counts) | set(canon.values())
    for f, cl in raw.items():
        # Headline words count as entities only where the body text names them too; every key becomes
        # its canonical variant. (Claims and entities that do not change are kept as they are.)
        out_cl = []
        for c in cl:
            ents = tuple(
                e if canon.get(e.key, e.key) == e.key else replace(e, key=canon[e.key])
                for e in c.entities
                if e.kind != "title" or e.key in known
            )
            same = len(ents) == len(c.entities) and all(x is y for x, y in zip(ents, c.entities))
            out_cl.append(c if same else replace(c, entities=ents))
        raw[f] = out_cl
    groups = event_groups(sources, raw, settings)
    out: list[Claim] = []
    # About 25 s for 10,000 articles: a bar.
    for src in progress(sources, settings, "placing facts in events", "article"):
        pub = published_interval(src)
        main = "main:" + groups.get(src.file, src.file)
        limit = (pub[0] - timedelta(days=settings.background_days)).isoformat() if pub is not None else None
        prev: Claim | None = None
        first = len(out)
        for c in raw[src.file]:
            facts = place_facts(c, main, limit)
            if prev is not None and prev.background and prev.index == c.index - 1 and facts and (CONTINUES.match(c.text) or at_place_of(c, prev)):
                # "In 2011 thieves at the Tessary Gallery ... In that case thieves spent about 12 minutes inside": the
                # sentence goes on about the earlier event the one before it recalls.
                facts = tuple(_in_event(f, prev.event) for f in facts)
            elif facts and not c.dates and THAT_TIME.search(c.text):
                # "On Sunday 15 May 2011, Velmara was asked ... The answer was No, by 52.6 per cent ... Seven of the 11
                # regions voted No that time": it and the undated sentences between go on about the earlier event.
                back = [k for k in range(len(out) - 1, max(first, len(out) - 3) - 1, -1)]
                at = next((k for k in back if out[k].background and out[k].index >= c.index - 3), None)
                if at is not None and all(not out[k].dates for k in range(at + 1, len(out))):
                    event = out[at].event
                    facts = tuple(_in_event(f, event) for f in facts)
                    for k in range(at + 1, len(out)):
                        moved = tuple(_in_event(f, event) for f in out[k].facts)
                        out[k] = replace(out[k], facts=moved, background=bool(moved), event=event if moved else out[k].event)
            background = bool(facts) and all(f.event.startswith("bg:") for f in facts)
            prev = replace(c, facts=facts, background=background, event=facts[0].event if background else main, story=main)
            out.append(prev)
    return out


# A sentence that goes on about what the one before it told: "In that case ...", "That slide released at ...", "At
# the time, ...", "On that occasion ...".
CONTINUES = re.compile(r"(?:(?:In|On|At|During|After|Before|By)\s+that\s+(?!time\b)[a-z]+\b|That\s+(?!is\b|was\b|means\b|said\b|would\b|could\b|may\b|might\b|will\b)[a-z]+\s|"
                       r"At the time\b|Back then\b|Then,|There,|That was (?:also )?the (?:year|month|week|day|season|time|edition)\b)")


# A sentence that opens on a place: "At Daneport, about 640 residents were evacuated ...".
AT_PLACE = re.compile(r"(?:At|In|Near|Around)\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s*,")


def at_place_of(c: Claim, prev: Claim) -> bool:
    """Whether an undated sentence opens on a place that the earlier event the sentence before it recalls is named by
    ("... the release at Halvern Chemicals' Saltings plant in Daneport on 2 March 2025 ... At Daneport, about 640
    residents were evacuated ..."): it goes on about that event. (A background event is named by up to three of its
    sentence's names, `place_facts`.)"""
    m = AT_PLACE.match(c.text)
    if m is None or c.dates or not prev.event.startswith("bg:"):
        return False
    names = set(prev.event[3:].split("|"))
    return any(e.start == m.start(1) and e.key in names for e in c.entities)


# A sentence without a date of its own that says "that time" or "back then" goes on about the earlier event the sentence
# before it recalls: "On Sunday 15 May 2011, Velmara was asked ... Seven of the 11 regions voted No that time".
THAT_TIME = re.compile(r"\b(?:that time|back then|on that occasion|at that time|then\s+(?:was|were|stood at|had been)|(?:in|on|during|after) that (?:incident|case|spill|attack|crash|"
                       r"fire|flood|race|election|contest|disaster|outbreak|riot|collapse|explosion|strike))\b", re.I)


# "winds of 120 mph", "peak winds estimated at 190 mph" (the noun, not the participle), "at a depth of 35 km".
MEASURED_BEFORE = re.compile(
    r"\b([a-z]{3,})\s+(?:(?:estimated|measured|recorded|clocked|put|rated|reported|gusting|blowing)\s+)?(?:of|at|reaching)\s+"
    r"(?:up to\s+|about\s+|around\s+|nearly\s+|more than\s+)?$", re.I)
SINCE_BEFORE = re.compile(r"\b(?:since\b[^,.;]{0,40}|from\s+(?:the\s+)?)$", re.I)


def source_claims(src: Source, settings: Settings) -> list[Claim]:
    """The claims of one source before corpus-level alias merging, each with its facts (their events are
    placed corpus-wide, by `make_claims`)."""
    pub = published_interval(src)
    base = pub[1] if pub else None
    outlet = src.outlet.value if src.outlet else None
    out: list[Claim] = []
    seen: set[str] = set()
    for i, (s, e) in enumerate(split_sentences(src.clean, settings.max_sentence_chars)):
        text = _norm(src.clean[s:e])
        # A sentence the article repeats word for word (a pull quote, a recap) is one claim, at its first place:
        # its id is a hash of file and text, which must name one claim.
        if text in seen or not re.search(r"[A-Za-z]", text):
            continue
        seen.add(text)
        dates, date_spans = ex.extract_dates(text, base)
        attrs = ex.extract_attributes(text)
        masks = date_spans + [(a.start, a.end) for a in attrs if a.kind in ("time", "score", "age", "rating", "duration")]
        quants = [q for q in ex.extract_quantities(text, masks, settings.approx_tolerance)]
        # A weekday that is part of a full date is not a separate attribute.
        attrs = [a for a in attrs if not (a.kind == "weekday" and any(d.start <= a.start < d.end for d in dates))]
        ents = ex.extract_entities(text)
        neg = ex.negation(text)
        attr = ex.attribution(text, src.relays, outlet)
        origin = attr.who if attr.kind in ("outlet", "relay") else (src.relays[0] if src.relays else (outlet or src.file))
        checkable = bool(dates or quants or [a for a in attrs if a.kind != "weekday"] or (ents and VERBISH.search(text))
                         or (neg and ex.denies_a_deed(text)))
        line = html_line(src.line_map, s) if src.line_map else src.clean.count("\n", 0, s) + 1
        cid = stable_id(src.file, text)
        claim = with_zero_counts(Claim(
            id=cid, source_file=src.file, index=len(out), text=text, start=s, end=e, line=line,
            checkable=checkable, attribution=attr, origin=origin, negated=bool(neg), negation_cue=neg,
            dates=tuple(dates), quantities=tuple(quants), attributes=tuple(attrs), entities=tuple(ents),
        ))
        out.append(replace(claim, facts=build_facts(claim)))
    return out
