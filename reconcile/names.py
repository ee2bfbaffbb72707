"""Names as values: the findings that a name, not a number or a date, decides.

Six checks, each on claims already placed in their stories (`claims.make_claims`), each giving contradictions (the
fifth and sixth: possible contradictions for review) with both quotes, the two values and the reason:

- **A quote with two speakers**: the same quoted words (six words or more) attributed to one named person in
  one article and to another in a second article of the same story ("This outbreak is entirely
  preventable ...", Dr Miriam Okafor told reporters / ... said Dr Thomas Reilly).
- **A role with two names**: the same role in the same story held by two people whose names share one word
  and differ in the other ("chief executive Fionnuala Desmond" / "chief executive Fionnuala Dempsey"), and
  no article names both. Names that share no word may be two holders of the role (two spokesmen, two
  companies' chief executives) and are left alone, unless the post has one holder (`SINGLE_POSTS`: mayor,
  chief executive, a ship's master, general manager, the head of an investigation ("X, who is leading the
  investigation")...) and the story says which: both articles give it as the one post of
  its kind ("Ilse Varga, the mayor" / "Dragan Petek, the mayor of Dolmeni"), or another article gives one of
  the two another post ("Finance director Ruth Adeyemi", against "chief executive Ruth Adeyemi").
- **A person with two ages**: one person, by name or by a descriptor with a place ("a 41-year-old man from
  Breda"), given ages two or more years apart, where the matcher gave those two ages no verdict.
- **A thing with two owners**: one thing of the story (the ship, the reservoir) given two owning organisations by
  two articles ("The ship is owned by Corvane Maritime" / "Tessaline Line, the ship's owner"), where no article
  gives both and neither name is part of the other; sentences about an earlier event are left out.
- **A person with two sides**: one full name given two teams, parties or companies with "of" by two articles ("Ruben
  Aastveit of Velosta-Krim" / "Ruben Aastveit of Solenne Pro Cycling"), right after the name or after a post that both
  name ("Elias Kovner, the founder of Harbourline Estates" / "Elias Kovner, founder and chief executive of Harbourgate
  Developments"), or as the person who runs a firm ("Harrier Point Capital, the investment firm run by ... Lorcan
  Faraday"), where no article gives both and neither name is part of the other. A possible contradiction for review,
  not a contradiction: people change sides, and "of" may give a home town.
- **A person with two posts**: one full name given two officer posts by two articles ("Chief financial officer Marcus
  Oduya" / "Marcus Oduya, Veltrane's chief operating officer"; a title and its synonyms are one post: "finance chief",
  "CFO"), where no article gives both. For review: people move between posts, and may hold two.

The sentence-level matcher misses these: the two sentences agree on everything but the name (or share little
else at all), and names are what tells events apart elsewhere.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .extract import TITLES, entity_key
from .models import Claim, Finding, Side, Source, stable_id

# Courtesy and office titles before a name ("Dr Miriam Okafor", "Mayor Ana Ruiz"): not part of the name.
HONORIFIC = re.compile(
    r"^(?:(?:dr|mr|mrs|ms|miss|mx|prof|professor|sir|dame|lord|lady|rev|reverend|judge|justice|mayor|governor|senator|"
    r"president|minister|chancellor|sheikh|general|gen|col|colonel|capt|captain|lt|sgt|sergeant|det|detective|inspector|"
    r"superintendent|commissioner|ambassador|bishop|father|rabbi|imam|coach|chief|officer|rep|representative|"
    r"councillor|cllr|deputy|president-elect)\.?\s+)+",
    re.I,
)
# Quoted words: straight or curly double quotes, at least six words inside.
QUOTE = re.compile(r"[“\"]([^”\"]+)[”\"]")
# The head of a role phrase: a title that one person holds in a story.
ROLE_HEAD = (
    r"(?:chief executive|chief financial officer|chief operating officer|chief constable|chief inspector|chief medical officer|"
    r"chief|executive|ceo|cfo|chairman|chairwoman|chairperson|chair|president|vice-president|prime minister|minister|"
    r"secretary|spokesman|spokeswoman|spokesperson|coach|manager|captain|director|governor|mayor|commissioner|"
    r"head|leader|ambassador|prosecutor|founder|owner|referee|superintendent|inspector|commander|editor|"
    r"headteacher|principal|dean|sheriff|coroner|administrator|envoy|mediator|negotiator|pilot|skipper|striker|"
    r"goalkeeper|defender|midfielder|winger|master|auctioneer|returning officer|judge)"
)
# Every word of a role head: a sentence with none of them names no role (a set lookup per word, not a search).
ROLE_WORDS = frozenset(re.findall(r"[a-z-]+", ROLE_HEAD))
# (With the place or body it is of: "The senior coroner for Wendmarsh, Nigel Ormsby".)
ROLE_BEFORE = re.compile(rf"(?:^|[\s(])(?P<role>(?:[a-z][\w-]*\s+){{0,2}}?{ROLE_HEAD})(?:\s+(?:of|for|at)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)?"
                         rf",?\s+(?:[A-Z][a-z]+\s+(?:national|citizen)\s+)?$", re.I)
ROLE_AFTER = re.compile(
    rf"^,\s+(?:who\s+(?:is\s+|serves\s+)?as\s+|who\s+is\s+|as\s+)?"  # "Dr Oskar Lindqvist, who as chief medical officer at Kestrel Ridge ..."
    rf"(?:the\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*[’']s\s+|the\s+|a\s+|an\s+|its\s+|their\s+|(?:[A-Z][\w&.-]*\s+){{0,3}}[A-Z][\w&.-]*[’']s\s+|(?:[A-Z][\w&.-]*\s+){{1,4}}?)?"
    rf"(?P<role>(?:[a-z][\w-]*\s+){{0,2}}?{ROLE_HEAD})(?P<of>\s+(?:of|for|at)\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?\b"
)
# A sentence with none of these names no role, nor leads or chairs anything ("who is leading the investigation",
# "chaired by").
ROLE_CUES = ROLE_WORDS | frozenset("chaired headed leading led leads heading heads overseeing oversees oversaw running runs ran charge "
                                     "justice".split())  # ("Mrs Justice Catherine Elphick": a judge)
# Words before a role that say nothing of which post ("its chief executive", "whose spokesman").
ROLE_FILLER = frozenset("a an the its his her their our your my whose this that and or as who which became becomes is was "
                        "has had been remains remained said says told added".split())


# Lower-case parts of names: "Nasser al-Dhahri", "Ludwig van Beethoven", "Ursula von der Leyen".
NAME_PARTICLE = re.compile(r"(?:al|el|ad|as|an|bin|ibn|bint|abu|van|von|de|da|di|du|del|della|der|den|la|le|ter|ten|dos|das)(?:-[A-Z]|$)")


def _person_name(key: str) -> str:
    """An entity key as a person's name of two or more words without an honorific, or ''."""
    name = POST_NOMINAL.sub("", HONORIFIC.sub("", key).strip())
    return name if len(name.split()) >= 2 else ""


# Letters after a name are no part of it: "Martin Greaves KC" and "Ruth Ellery KC" share no name.
POST_NOMINAL = re.compile(r"(?:\s+(?:kc|qc|mp|mep|obe|cbe|mbe|kbe|dbe|jr|sr)\.?)+$", re.I)


def _norm_quote(q: str) -> str:
    return " ".join(re.findall(r"[\w']+", q.lower().replace("’", "'")))


def _people(c: Claim, spelled: bool = False) -> list[tuple[str, str, int, int]]:
    """(name, surface, start, end) of the claim's people: entities of two or more words, honorifics dropped.
    The name is the corpus-wide canonical one (close spellings merged), or with `spelled` the sentence's own
    spelling: a role check must see "Daniel Okafor" and "David Okafor", which the aliases merge."""
    out = []
    for e in c.entities:
        # A name after an office title is not typed a person by extraction ("Governor Tom Hale"); it is one here.
        if e.kind != "person" and not (e.kind == "other" and (TITLES.match(e.text + " ") or HONORIFIC.match(e.text + " "))):
            continue
        if not all(w[:1].isupper() or NAME_PARTICLE.match(w) for w in HONORIFIC.sub("", TITLES.sub("", e.text + " ")).split()):
            continue
        name = _person_name(entity_key(e.text) if spelled else e.key)
        if name:
            out.append((name, HONORIFIC.sub("", e.text).strip(), e.start, e.end))
    return out


def _same_person(a: str, b: str) -> bool:
    """One person: the same name, or one a shorter form of the other ("Ali Khamenei" / "Ayatollah Ali Khamenei")."""
    wa, wb = a.split(), b.split()
    if wa == wb:
        return True
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    return len(short) < len(long_) and long_[-len(short):] == short


def speaker(c: Claim, quotes: Sequence[re.Match[str]]) -> tuple[str, str] | None:
    """(name, surface) of the one named person a quoted sentence attributes its quote to, or None: the person
    must stand outside the quotes, next to a verb of saying ("…,” said Dr Thomas Reilly, …" / "Dr Miriam
    Okafor, director of public health, told reporters"), and be the only such person."""
    inside = [(m.start(), m.end()) for m in quotes]
    found: dict[str, str] = {}
    for name, surface, s, e in _people(c):
        if any(a <= s < b for a, b in inside):
            continue
        before = c.text[max(0, s - 30) : s]
        after = c.text[e : e + 100]
        # "said Dr Thomas Reilly" / "Reilly said" / "Okafor, director of public health for X, told reporters"
        if re.search(r"\b(?:said|says|told|added|wrote|according to)\s+(?:[A-Z][\w.]*\s+){0,3}$", before) or re.match(
            r"^(?:,[^,“”\"]{0,90},)?\s+(?:said|says|told|tells|added|adds|wrote|writes|insisted|warned|stated|explained|announced|admitted)\b", after
        ):
            found.setdefault(name, surface)
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def roles(c: Claim) -> list[tuple[str, str, str]]:
    """(role, name, surface) for each person the sentence names with a role right before or after the name:
    "chief executive Fionnuala Desmond", "Dr Miriam Okafor, director of public health for ...". The role is
    lower case with its modifiers ("former chief executive" is another post than "chief executive"), and with
    "of X" kept where it follows a role after the name ("director of public health")."""
    return [(role, name, surface) for role, name, surface, _ in marked_roles(c)]


def marked_roles(c: Claim, common: frozenset[str] = frozenset()) -> list[tuple[str, str, str, bool]]:
    """`roles`, each with whether the sentence gives the role as the one post of its kind: with "the" or a
    possessive ("Ilse Varga, the mayor", "Dolmeni's mayor", "The ship's master, Captain Davor Kelic"). `common`: words
    the corpus writes in lower case, which are no name when they open a sentence ("Airport chief executive Martin
    Eckhardt" is the airport's, another post than "chief executive")."""
    out: list[tuple[str, str, str, bool]] = []
    if not c.entities or ROLE_CUES.isdisjoint(re.findall(r"[a-z-]+", c.text.lower())):
        return out  # most sentences name no role: nothing to look for around their names
    for name, surface, s, e in _people(c, spelled=True):
        lo = max(0, s - 60)
        m = ROLE_BEFORE.search(c.text, lo, s)
        role = ""
        definite = False
        if m:
            # Lower case ("Corrib Air chief executive X": the company's name is not the role), its first word
            # capitalised where it opens the sentence ("Chief financial officer Daniel Okafor said").
            words = m.group("role").split()
            if not c.text[: m.start("role")].strip(" \"“‘'("):
                # (A capitalised first word that is no part of a role is a name: "Castlemere chief executive Ruth Adeyemi".)
                words[0] = words[0].lower() if words[0].lower() in ROLE_WORDS | ROLE_MODIFIERS | common else words[0]
            while words and not all(w.islower() for w in words):
                words = words[1:]  # the longest lower-case end
            role = " ".join(words)
        if not role:
            m2 = ROLE_AFTER.match(c.text[e : e + 120])
            if m2:
                role = m2.group("role") + (m2.group("of") or "")
                definite = bool(DEFINITE_BEFORE.search(m2.group(0)[: m2.start("role")]))
                # "who as chief medical officer at Kestrel Ridge": the post of a named organisation is its one post.
                definite = definite or bool(re.match(r",\s+(?:who\s+|as\s+)", m2.group(0)) and OWNER_AFTER.match(c.text, e + m2.end("role")))
        if not role and re.match(r"(?:[Jj]udge|(?:Mr|Mrs|Ms|Lord|Lady)\.?\s+Justice)\s", c.text[s:e]):
            # "Judge Helen Marchbank told the court", "Mrs Justice Catherine Elphick found ...": the title is the post
            role = "judge"
            m = None
        if not role and (ch := CHAIRED_BY.search(c.text, max(0, s - 80), s)):
            # "The commission, chaired by Martin Greaves KC": the one chair of the commission.
            role, definite = f"chair of the {ch.group('body').lower()}", True
            m = None
        if not role and LEADS_AFTER.match(c.text, e):
            # "Detective Chief Superintendent Colin Marsh, who is leading the investigation": the one who leads it.
            role, definite = LEAD_ROLE, True
            m = None
        if role and PAST_HOLDER.search(c.text, max(0, s - 80), min(len(c.text), e + 40)):
            role = "then " + role  # "The company's chief medical officer at the time, Dr Harald Brenn": a post held before
        words = role.lower().split()
        while words and words[0] in ROLE_FILLER:
            words = words[1:]
        if words and m and role:
            # Before the role's own words ("The returning officer, Colin Ashdown"; "said the returning officer, ...").
            head = m.end("role") - len(" ".join(words))
            definite = bool(DEFINITE_BEFORE.search(c.text, max(0, head - 40), head))
        if words:
            out.append((" ".join(words), name, surface, definite))
    return out


# A post held at an earlier time: "The company's chief medical officer at the time, Dr Harald Brenn".
PAST_HOLDER = re.compile(r"\b(?:at the time|then-|at that time)\b", re.I)
# Leading an investigation (or a search, a rescue) is a post of one holder: "Ruth Abernethy, who has led the inquiry
# since Thursday", "Colin Marsh, who is leading the investigation".
LEAD_ROLE = "head of the investigation"
CHAIRED_BODIES = ("commission", "committee", "inquiry", "panel", "board", "tribunal", "review", "hearing", "taskforce")
# ("The commission, chaired by ...", "That inquiry is chaired by ...", "an independent inquiry into the collapse would be led by
# Professor Helen Crane", "The inquiry, chaired by the geotechnical engineer Professor Hester Vane".)
CHAIRED_BY = re.compile(rf"\b(?P<body>{'|'.join(CHAIRED_BODIES)})(?:\s+into\s+(?:the\s+)?[a-z-]+(?:\s+of\s+[a-z-]+)?)?,?\s+"
                        r"(?:(?:which|that)\s+)?(?:(?:is|was|will\s+be|would\s+be|has\s+been|had\s+been)\s+)?(?:chaired|headed|led)\s+by\s+"
                        r"(?:the\s+(?:[a-z-]+\s+){1,3})?$", re.I)
LEADS_AFTER = re.compile(r",\s+who\s+(?:is\s+|was\s+|has\s+|had\s+)?(?:been\s+)?(?:leading|led|leads|heading|heads|headed|running|runs|ran|"
                         r"overseeing|oversees|oversaw|in\s+charge\s+of)\s+(?:the|this|its)\s+(?:police\s+|criminal\s+|murder\s+)?"
                         r"(?:investigation|inquiry|manhunt|hunt|search)\b")
OWNER_AFTER = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?[A-Z]")
ROLE_MODIFIERS = frozenset("former acting interim deputy new then outgoing incoming senior assistant vice co-founder finance".split())
# Before a role: "the", or a possessive ("Dolmeni's", "the ship's"): the post is the one of its kind.
DEFINITE_BEFORE = re.compile(r"(?:^|[\s,(])(?:the|[\w-]+[’']s)\s+(?:[a-z][\w-]*\s+){0,2}$", re.I)
# Posts one person holds at a time in a story's organisation or place: two names for one of them, given as the one
# post of its kind, disagree. (Not spokesmen, ministers, directors or officials, of whom there are many, nor a
# match's two managers or captains.)
SINGLE_POSTS = frozenset({"mayor", "chief executive", "ceo", "chairman", "chairwoman", "chairperson", "master", "auctioneer", "coroner",
                          "headteacher", "principal", "referee", "skipper", "sheriff", "chief constable", "chief financial officer",
                          "cfo", "chief operating officer", "chief medical officer", "governor", "returning officer",
                          "general manager", "head coach", "senior coroner", LEAD_ROLE}) | frozenset(f"chair of the {b}" for b in CHAIRED_BODIES)


def _side(c: Claim, value: str, span: str, src: Source | None) -> Side:
    pub = src.published.value if src and src.published else ""
    return Side(c.id, c.source_file, c.text, c.line, value, span, c.origin, pub)


def contradiction(kind: str, ca: Claim, va: str, cb: Claim, vb: str, measure: str, basis: str, src: Mapping[str, Source],
                  cluster_of: Mapping[str, str], shown: tuple[str, str] | None = None) -> Finding:
    """A contradiction between two claims whose values are `va` and `vb`; `basis` is formatted with a, b (the
    values, or `shown`, the words the sentences write them in) and fa, fb (their files), in the finding's order
    of sides (by file, then line)."""
    sa, sb = shown or (va, vb)
    if (ca.source_file, ca.line, ca.index) > (cb.source_file, cb.line, cb.index):
        ca, va, sa, cb, vb, sb = cb, vb, sb, ca, va, sa
    return Finding(
        id=stable_id(kind, ca.source_file, ca.text, cb.source_file, cb.text),
        relation="contradicts",
        a=_side(ca, va, ca.text, src.get(ca.source_file)),
        b=_side(cb, vb, cb.text, src.get(cb.source_file)),
        measure=measure,
        basis=basis.format(a=sa, b=sb, fa=ca.source_file, fb=cb.source_file),
        score=1.0,
        independent=ca.origin != cb.origin,
        cluster=cluster_of.get(ca.id, ""),
    )


def _short(q: str, words: int = 12) -> str:
    w = q.split()
    return " ".join(w[:words]) + (" …" if len(w) > words else "")


def quote_speakers(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str]) -> list[Finding]:
    """Contradictions between articles of one story that give the same quoted words (six words or more, one
    quote the whole or a part of the other) to two different named people."""
    by_story: dict[str, list[tuple[str, Claim, str, str, str]]] = defaultdict(list)
    for c in claims:
        if '"' not in c.text and "“" not in c.text:
            continue
        quotes = [m for m in QUOTE.finditer(c.text) if len(_norm_quote(m.group(1)).split()) >= 6]
        if not quotes:
            continue
        who = speaker(c, quotes)
        if who is None:
            continue
        for m in quotes:
            by_story[c.story].append((_norm_quote(m.group(1)), c, who[0], who[1], m.group(1).strip()))
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for story in sorted(by_story):
        items = by_story[story]
        for i, (qa, ca, na, sa, raw_a) in enumerate(items):
            for qb, cb, nb, sb, raw_b in items[i + 1 :]:
                if ca.source_file == cb.source_file or _same_person(na, nb) or (ca.id, cb.id) in seen:
                    continue
                short, long_ = sorted((qa, qb), key=len)
                if not (short == long_ or f" {short} " in f" {long_} "):
                    continue
                # A sentence that names both people may be quoting one through the other ("X said, echoing Y").
                if any(_same_person(n, nb) for n, *_ in _people(ca)) or any(_same_person(n, na) for n, *_ in _people(cb)):
                    continue
                seen.add((ca.id, cb.id))
                words = _short(raw_a if len(raw_a) <= len(raw_b) else raw_b).replace("{", "{{").replace("}", "}}")
                basis = f"the same quoted words (“{words}”) are attributed to {{a}} in {{fa}} and to {{b}} in {{fb}}"
                out.append(contradiction("quote-speaker", ca, sa, cb, sb, "speaker of a quote", basis, src, cluster_of))
    return out


def role_holders(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str]) -> list[Finding]:
    """Contradictions between articles of one story that give one role to two names that share one word and
    differ in the other ("chief executive Fionnuala Desmond" / "chief executive Fionnuala Dempsey"), where no
    article names both people; or one post of a single holder to two names that share none, where both
    articles give it as the one post of its kind or another article gives one of the two another post (see the
    module's docstring)."""
    # story -> role -> name -> source -> its first (claim, surface, owner) that gives the role; story -> source -> its names
    held: dict[str, dict[str, dict[str, dict[str, tuple[Claim, str, str]]]]] = defaultdict(lambda: defaultdict(dict))
    named: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    # story -> name -> source -> the roles that source gives the name; story -> role -> names given it as the one post
    posts: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    the_post: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    # story -> role -> the organisations or places it is given of ("Quenby's chief executive", "the mayor of Dolmeni")
    owners: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    common = frozenset(w for c in claims for w in re.findall(r"(?<![\w'’-])[a-z][a-z'’-]*", c.text))
    for c in claims:
        for name, *_ in _people(c):
            named[c.story][c.source_file].add(name)
        for role, name, surface, definite in marked_roles(c, common):
            owner = role_owner(c, surface, role)
            # (A possessive is no part of the name shown: "Mrs Justice Catherine Ellwood's judgment".)
            held[c.story][role].setdefault(name, {}).setdefault(c.source_file, (c, re.sub(r"['’]s$", "", surface), owner))
            posts[c.story][name][c.source_file].add(role)
            if definite:
                the_post[c.story][role].add(name)
            if owner and not owner.startswith("the "):
                owners[c.story][role].add(owner)  # (named owners: "the airport's" is one only against another named one)
    out: list[Finding] = []
    for story in sorted(held):
        for role in sorted(held[story]):
            names = sorted(held[story][role])
            for i, na in enumerate(names):
                for nb in names[i + 1 :]:
                    wa, wb = na.split(), nb.split()
                    both = [f for f, ns in named[story].items() if na in ns and nb in ns]
                    # An article that names both gives them two posts ("Finance director Ruth Adeyemi" and "Daniel
                    # Ferrers, who became chief executive"): two people, one of them given the other's post elsewhere.
                    apart = all(posts[story][na][f] and posts[story][nb][f] and not posts[story][na][f] & posts[story][nb][f] for f in both)
                    why = ""
                    weak = False  # only another article's other post tells them apart
                    if both and not (apart and role in SINGLE_POSTS):
                        continue  # one article names both: two people
                    if len(wa) == len(wb) and sum(x != y for x, y in zip(wa, wb)) == 1 and not both:
                        why = "two names that share a word"
                    elif role in SINGLE_POSTS and not set(wa) & set(wb):
                        # Names that share no word: two holders of the post, unless it has one holder and the story says
                        # so: each article gives it as the one post ("Ilse Varga, the mayor" / "Dragan Petek, the mayor
                        # of Dolmeni"), or another article gives one of the two another post ("Finance director Ruth
                        # Adeyemi" against "Castlemere chief executive Ruth Adeyemi").
                        if na in the_post[story][role] and nb in the_post[story][role] and not both:
                            why = "the post is given as the only one of its kind in both"
                        else:
                            for who in (na, nb):
                                other = sorted((f, r) for f, rs in posts[story][who].items() for r in rs
                                               if r not in SINGLE_POSTS and role not in r and f not in held[story][role][who])
                                if other:
                                    why, weak = f"{other[0][0]} calls {who.title()} “{other[0][1]}”", True
                                    break
                    if not why:
                        continue
                    # One finding per pair of articles: each article's first sentence that gives the role.
                    firsts_a, firsts_b = held[story][role][na], held[story][role][nb]
                    for fa in sorted(firsts_a):
                        for fb in sorted(firsts_b):
                            if fa == fb:
                                continue
                            (ca, sa, oa), (cb, sb, ob) = firsts_a[fa], firsts_b[fb]
                            by_name, by_kind = sorted((oa, ob), key=lambda o: o.startswith("the "))  # a named owner first
                            if weak and by_name and not by_name.startswith("the ") and by_kind.startswith("the ") and by_kind[4:] not in by_name:
                                continue  # "CASD chief executive Dr Owen Petrakis" / "Neil Corran, the airport's chief executive"
                            oa, ob = ("" if oa.startswith("the ") else oa), ("" if ob.startswith("the ") else ob)
                            # ("Corrick's managing director" / "managing director of Corrick Chemicals": one owner, named short.)
                            if (oa and ob and not _one_name(oa, ob)) or (not (oa and ob) and len(owners[story][role]) > 1
                                                                        and not _one_owner(owners[story][role])):
                                continue  # "Quenby's chief executive, Gideon Fairlow" / "Ellisford's chief executive, Tobias Renwick"
                            named_both = f"{both[0]} names both, in two posts" if both else "no article names both"
                            basis = f"same story, same role (“{role}”), {why}: {{a}} in {{fa}} vs {{b}} in {{fb}}; {named_both}"
                            out.append(contradiction("role-holder", ca, sa, cb, sb, role, basis, src, cluster_of))
    return out


# The one owner of a thing the story is about, given by two articles as two organisations: "The ship is owned by Corvane
# Maritime" / "Tessaline Line, the ship's owner and operator", "Tessaline Line, which owns and operates the vessel";
# "The reservoir, owned by Ashcombe District Council" / "Wenmoor Water, the privatised utility that owns the reservoir".
_ORG = r"(?P<org>(?:[A-Z][\w&.'’-]*\s+(?:of\s+|and\s+|for\s+)?){0,4}[A-Z][\w&.'’-]*)"
_THING = r"(?:[A-Z][\w'’-]*\s+)?(?P<thing>[A-Za-z]+)"
OWNER_PATTERNS = (
    re.compile(rf"\b(?:[Tt]he|[Ii]ts)\s+{_THING},?\s+(?:which\s+is\s+|is\s+|was\s+|has\s+been\s+|had\s+been\s+)?(?:wholly\s+)?owned\s+by\s+(?:the\s+)?{_ORG}"),
    re.compile(rf"{_ORG},\s+(?:which|that|(?:the|a|an)\s+[\w\s'’-]{{0,40}}?\s(?:that|which))\s+(?:also\s+)?owns\s+(?:and\s+(?:runs|operates|manages)\s+)?(?:the\s+|its\s+)?{_THING}\b"),
    re.compile(rf"{_ORG},\s+(?:the|its)\s+(?P<thing>[a-z]+)['’]s\s+owners?\b"),
    re.compile(rf"\b(?:[Tt]he)\s+(?P<thing>[a-z]+)['’]s\s+owners?,\s+(?:the\s+)?{_ORG}"),
)
OWNED_ALIKE = {"vessel": "ship", "boat": "ship", "dam": "reservoir"}  # one thing, two words


def owned_by(c: Claim) -> list[tuple[str, str, str]]:
    """(thing, owner, owner as written) for each thing the sentence says an organisation owns (`OWNER_PATTERNS`)."""
    if "own" not in c.text:
        return []
    out = []
    for rx in OWNER_PATTERNS:
        for m in rx.finditer(c.text):
            words = m.group("org").split()
            while words and words[0] in NOT_A_NAME_START:
                words = words[1:]  # "On Friday Wenmoor Water, which owns ...": the name is "Wenmoor Water"
            org = " ".join(words)
            if org.endswith(".") and not ABBREVIATED.search(org):
                org = org[:-1]  # "... funded entirely by the airport's owners, Calloway Infrastructure Partners.": the full stop ends the sentence
            thing = m.group("thing").lower()
            if len(org) > 2 and thing not in FUNCTION_THINGS:
                out.append((OWNED_ALIKE.get(thing, thing), org.lower(), org))
    return out


ABBREVIATED = re.compile(r"(?:\b(?:Inc|Co|Corp|Ltd|Bros|Plc|Assn)|\b[A-Z])\.$")  # "Acme Inc.", "J.P. Morgan & Co."
NOT_A_NAME_START = frozenset("The A An On In At By But And Or As So Yet Last Yesterday Today Tonight Meanwhile However Earlier Later "
                             "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
FUNCTION_THINGS = frozenset("a an the its his her their which that who".split())


def _two_names_of_one(claims: Sequence[Claim], read: Callable[[Claim], list[tuple[Any, ...]]]) -> Iterator[tuple[Any, ...]]:
    """For each story and each thing `read` finds names of (a ship's owner, a person's side): each two names that no
    article gives both of and neither of which is part of the other, as (thing, a's first (claim, written, ...), b's).
    `read` gives (thing, name, name as written, ...) per sentence; sentences about an earlier event (background) are
    left out."""
    # story -> thing -> name -> source -> its first (claim, name as written, ...)
    held: dict[str, dict[str, dict[str, dict[str, tuple[Any, ...]]]]] = defaultdict(lambda: defaultdict(dict))
    for c in claims:
        if c.background:
            continue
        for thing, name, *rest in read(c):
            held[c.story][thing].setdefault(name, {}).setdefault(c.source_file, (c, *rest))
    for story in sorted(held):
        for thing in sorted(held[story]):
            names = sorted(held[story][thing])
            for i, na in enumerate(names):
                for nb in names[i + 1 :]:
                    if _one_name(na, nb):
                        continue
                    a, b = held[story][thing][na], held[story][thing][nb]
                    if set(a) & set(b):
                        continue  # one article gives both: joint owners, a sale, a move
                    yield thing, a[min(a)], b[min(b)]


def thing_owners(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str]) -> list[Finding]:
    """Contradictions between articles of one story that give one thing (the ship, the reservoir) two owners, where no
    article gives both as its owner and neither name is part of the other ("Wenmoor Water" / "Wenmoor Water plc").
    Sentences about an earlier event (background) are left out."""
    out: list[Finding] = []
    for thing, (ca, sa), (cb, sb) in _two_names_of_one(claims, owned_by):
        basis = f"same story, one owner of the {thing}: {{a}} in {{fa}} vs {{b}} in {{fb}}; no article gives both as its owner"
        out.append(contradiction("owner", ca, sa, cb, sb, f"owner of the {thing}", basis, src, cluster_of))
    return out


# A person's side: the team, party or company a full name is "of" ("Ruben Aastveit of Velosta-Krim", "Saskia Brandt of the
# Civic Labour Party"). Not a name that is itself an institution's or a post's ("Bank of England", "Chief Executive of ...").
PERSON_OF = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})"
                       # (or with a post between: "Elias Kovner, the founder of Harbourline Estates", "Elias Kovner, founder and
                       # chief executive of Harbourgate Developments")
                       r"(?:,\s+(?:the\s+|a\s+|its\s+)?(?P<post>(?:[a-z][\w-]*\s+){1,4}?))?\s*\bof\s+(?:the\s+)?"
                       r"(?P<org>[A-Z][\w&'’-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w&'’-]*)*)")
NOT_A_PERSON_WORD = frozenset("bank university ministry department port museum church council court house party union league tour "
                              "cup club city state republic kingdom duke duchess earl prince princess king queen bishop office "
                              "school college institute agency authority board commission committee society federation".split())


# A firm given as a person's: "Harrier Point Capital, the investment firm run by the retail entrepreneur Lorcan Faraday",
# "Kestrel Bay Capital, the investment vehicle of former Hallerton's buying director Lorcan Faraday".
FIRM_OF_PERSON = re.compile(
    r"(?P<org>\b[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}),\s+(?:the|a|an|his|her)\s+(?:[a-z-]+\s+){0,2}"
    r"(?:firm|company|group|fund|vehicle|business|consortium|investor|bank)\s+(?:(?:run|led|founded|owned|headed|controlled|"
    r"set\s+up|chaired)\s+by|of)\s+(?:[\w'’-]+\s+){0,5}?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})\b(?![\s-]+[A-Z])")


def affiliations(c: Claim) -> list[tuple[str, str, str, frozenset[str]]]:
    """(person, side, side as written, the post's role words) for each full name a sentence gives a side with "of"
    (`PERSON_OF`), right after the name or after a post ("Elias Kovner, the founder of Harbourline Estates"); and for
    each a sentence gives a firm of (`FIRM_OF_PERSON`: the role words are then "firm")."""
    if " of " not in c.text and " by " not in c.text:
        return []
    out = []
    for m in FIRM_OF_PERSON.finditer(c.text):
        words = HONORIFIC.sub("", m.group("name") + " ").split()
        org_words = m.group("org").split()
        while org_words and org_words[0] in NOT_A_NAME_START:
            org_words = org_words[1:]  # "The Foo Group, the firm run by ..."
        org = " ".join(org_words)
        if len(words) >= 2 and org and not any(w.lower() in NOT_A_PERSON_WORD for w in words):
            out.append((" ".join(words).lower(), entity_key(org), org, frozenset({"firm"})))
    for m in PERSON_OF.finditer(c.text):
        words = HONORIFIC.sub("", m.group("name") + " ").split()
        while words and words[0] in NOT_A_NAME_START:
            words = words[1:]
        if len(words) < 2 or any(w.lower() in NOT_A_PERSON_WORD or w.lower() in ROLE_WORDS for w in words):
            continue
        if any(w.lower() in MONTHS for w in m.group("org").split()):
            continue
        post = m.group("post") or ""
        roles = frozenset(w for w in post.split() if w in ROLE_WORDS)
        if post and not roles:
            continue  # "Tomas Brenner, a member of ...", "Kovner, in charge of ...": no post of one holder
        org = m.group("org")
        if re.fullmatch(r"[A-Z]{2,}s?", org.split()[0]):
            continue  # an acronym ("the head of UNRWA in Gaza") may be the other's full name ("the UN Relief and Works agency")
        out.append((" ".join(words).lower(), entity_key(org), org, roles))
    return out


MONTHS = frozenset("january february march april may june july august september october november december".split())


def person_sides(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str]) -> list[Finding]:
    """Possible contradictions between articles of one story that give one person (a full name) two sides with "of"
    ("Ruben Aastveit of Velosta-Krim" / "Ruben Aastveit of Solenne Pro Cycling"), where no article gives both and neither
    side's name is part of the other's. For review: a person may change sides, and "of" may also give a home town."""
    out: list[Finding] = []
    for person, (ca, sa, ra), (cb, sb, rb) in _two_names_of_one(claims, affiliations):
        if bool(ra) != bool(rb) or (ra and not ra & rb):
            continue  # "the founder of X" / "the chairman of Y": two posts may be of two bodies
        basis = f"same story, one person ({person.title()}) given two sides: {{a}} in {{fa}} vs {{b}} in {{fb}}; no article gives both"
        found = contradiction("side", ca, sa, cb, sb, f"side of {person.title()}", basis, src, cluster_of)
        out.append(replace(found, relation="possible", conflict=True))
    return out


# Capitalised words before a post that name no body: "The chief executive", "Former chief executive", "But chief executive".
ROLE_OWNER_NOT = frozenset("The A An Its His Her Their Our Former Interim Acting Deputy New Then Outgoing Incoming Senior But And As "
                           "When While Meanwhile However Yesterday Today".split())


def _one_name(a: str, b: str) -> bool:
    """Whether two names of an organisation are one, the one part of the other ("corrick" / "corrick chemicals")."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def _one_owner(names: set[str]) -> bool:
    """Whether the owners a story gives a role are all one organisation's names (`_one_name`)."""
    longest = max(sorted(names), key=len)
    return all(_one_name(n, longest) for n in names)


def role_owner(c: Claim, surface: str, role: str) -> str:
    """The organisation or place a sentence gives a person's role of, lower case, or '': a possessive before the role
    ("Quenby's chief executive, Gideon Fairlow", "Tobias Renwick, Ellisford's chief executive"), "of" after it ("Dragan
    Petek, the mayor of Dolmeni") or a name right before it ("CASD chief executive Dr Owen Petrakis"); or a thing of the
    story named by its kind, as "the " and the noun ("Gail Ormerod, the airport's chief executive": "the airport")."""
    at = c.text.find(surface)
    if at < 0:
        return ""
    window = c.text[max(0, at - 80) : at + len(surface) + 80]
    r = re.escape(role).replace(r"\ ", r"\s+")
    m = re.search(rf"\b((?:[A-Z][\w&.-]*\s+){{0,3}}[A-Z][\w&.-]*)['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}?(?i:{r})\b", window) or \
        re.search(rf"\b(?i:{r})\s+(?:of|at|for)\s+(?:the\s+)?((?:[A-Z][\w&.-]*\s+){{0,3}}[A-Z][\w&.-]*)", window)
    if m:
        return re.sub(r"^the\s+", "", m.group(1).lower())
    # "CASD chief executive Dr Owen Petrakis", "Airport chief executive Martin Eckhardt": a body's name right before the role.
    m = re.search(rf"(?<![\w&.-])((?:[A-Z][\w&.-]*\s+){{0,3}}[A-Z][\w&.-]*)\s+(?i:{r})\s+(?:(?:Dr|Mr|Mrs|Ms|Prof|Professor|Sir|Dame)\.?\s+)?$",
                  window[: window.find(surface)])
    if m and m.group(1).split()[0] not in ROLE_OWNER_NOT:
        return m.group(1).lower()
    # "Neil Corran, the airport's chief executive": a thing of the story named by its kind, kept apart from named owners.
    m = re.search(rf"\bthe\s+([a-z][\w-]*)['’]s\s+(?i:{r})\b", window)
    return "the " + m.group(1) if m else ""


# Who an age belongs to when no name does: "a 41-year-old man from Breda" (a descriptor with a place).
AGE_DESCRIPTOR = re.compile(
    r"^\s+(?P<noun>man|woman|boy|girl|teenager|youth|mother|father|son|daughter|pensioner|student)\s+(?:from|of)\s+"
    r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)


def age_holder(c: Claim, start: int, end: int, surnames: Mapping[str, str] | None = None) -> str:
    """Whose age the sentence gives at [start, end): a person's name right before it ("Tomas Rehak, 41," /
    "Rehak (41)", "Katrin Albers, the 61-year-old chief executive", "Eleanor Voss, a 78-year-old retired
    teacher") or right after it ("41-year-old Tomas Rehak"), else a descriptor with a place ("a 41-year-old
    man from Breda": "man from breda"); '' when neither."""
    for name, _, s, e in _people(c):
        if e <= start and re.fullmatch(r"\s*(?:,|\()\s*(?:aged\s+|the\s+|an?\s+)?", c.text[e:start]):
            return name
        if s >= end and re.fullmatch(r"\s*", c.text[end:s]):
            return name
    # A surname alone, of one person the story names in full ("Grell, a 47-year-old former army sergeant": Mateo Grell).
    one = SURNAME_BEFORE.search(c.text, max(0, start - 40), start)
    if one and surnames and (full := surnames.get(one.group(1).lower())):
        return full
    m = AGE_DESCRIPTOR.match(c.text[end : end + 60])
    return f"{m.group('noun')} from {m.group('place').lower()}" if m else ""


SURNAME_BEFORE = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?([A-Z][\w'’-]{2,})\s*(?:,|\()\s*(?:aged\s+|the\s+|an?\s+)?$")


def story_surnames(claims: Iterable[Claim]) -> dict[str, str]:
    """Surname -> full name, for the surnames of exactly one person the claims name in full."""
    full: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        for name, *_ in _people(c):
            full[name.split()[-1]].add(name)
    return {k: next(iter(v)) for k, v in full.items() if len(v) == 1}


def person_ages(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str],
                judged: set[frozenset[tuple[str, str]]]) -> list[Finding]:
    """Contradictions between articles of one story that give one person two ages more than a year apart
    ("Tomas Rehak, 41" / "44-year-old Tomas Rehak"; "a 41-year-old man from Breda" / "a 47-year-old man from
    Breda"), where the matcher gave no finding on these two ages (`judged` holds the (claim id, value) pairs of
    its findings: their verdict stands, whatever it is). The sentences may say nothing else alike, so their
    wording never linked them."""
    ages: dict[str, dict[str, list[tuple[Claim, str]]]] = defaultdict(lambda: defaultdict(list))
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_story[c.story].append(c)
    surnames = {story: story_surnames(cl) for story, cl in by_story.items()}
    for c in claims:
        for a in c.attributes:
            if a.kind == "age" and not c.background and (who := age_holder(c, a.start, a.end, surnames[c.story])):
                ages[c.story][who].append((c, a.value))
    out: list[Finding] = []
    for story in sorted(ages):
        for who in sorted(ages[story]):
            seen: set[tuple[str, str]] = set()
            items = ages[story][who]
            for i, (ca, va) in enumerate(items):
                for cb, vb in items[i + 1 :]:
                    key = (ca.id, cb.id) if ca.id < cb.id else (cb.id, ca.id)
                    if (ca.source_file == cb.source_file or key in seen or abs(int(va) - int(vb)) < 2
                            or frozenset(((ca.id, va), (cb.id, vb))) in judged):
                        continue
                    seen.add(key)
                    basis = f"the same person's age (“{who}”) differs: {{a}} in {{fa}} vs {{b}} in {{fb}}"
                    out.append(contradiction("age", ca, va, cb, vb, "age", basis, src, cluster_of))
    return out


# Officer posts of one organisation, each under one name (a title and its synonyms): one person given two of them by two
# articles, where no article gives both, is a disagreement to review.
OFFICER_POSTS = {r: group.split(",")[0] for group in (
    "chief executive,chief executive officer,ceo",
    "chief financial officer,cfo,finance chief,finance director,financial director",
    "chief operating officer,coo,operations director,director of operations,operations chief,chief operations officer",
    "chief technology officer,cto,technology chief",
    "managing director",
    "chairman,chairwoman,chairperson,chair",
) for r in group.split(",")}


def officer_posts(c: Claim) -> list[tuple[str, str, str]]:
    """(person, post, post as written) for each officer post (`OFFICER_POSTS`) a sentence gives a named person."""
    return [(name, OFFICER_POSTS[role], role) for role, name, _ in roles(c) if role in OFFICER_POSTS]


def person_posts(claims: Sequence[Claim], src: Mapping[str, Source], cluster_of: Mapping[str, str]) -> list[Finding]:
    """Possible contradictions between articles of one story that give one person two officer posts ("Chief financial
    officer Marcus Oduya" / "Marcus Oduya, Veltrane's chief operating officer"), where no article gives both. For review:
    people move between posts, and may hold two."""
    out: list[Finding] = []
    for person, (ca, sa), (cb, sb) in _two_names_of_one(claims, officer_posts):
        basis = f"same story, one person ({person.title()}) given two posts: {{a}} in {{fa}} vs {{b}} in {{fb}}; no article gives both"
        found = contradiction("post", ca, sa, cb, sb, f"post of {person.title()}", basis, src, cluster_of)
        out.append(replace(found, relation="possible", conflict=True))
    return out


def name_findings(claims: Sequence[Claim], sources: Iterable[Source], cluster_of: Mapping[str, str],
                  judged: set[frozenset[tuple[str, str]]] | None = None) -> list[Finding]:
    """The six checks' findings, in a fixed order; `judged`: the sides ((claim id, value) pairs) of the
    findings the matcher's links already gave."""
    src = {s.file: s for s in sources}
    found = (quote_speakers(claims, src, cluster_of) + role_holders(claims, src, cluster_of)
             + person_ages(claims, src, cluster_of, judged or set()) + thing_owners(claims, src, cluster_of)
             + person_sides(claims, src, cluster_of) + person_posts(claims, src, cluster_of))
    return sorted(found, key=lambda f: (f.a.source_file, f.a.line, f.b.source_file, f.b.line, f.id))
