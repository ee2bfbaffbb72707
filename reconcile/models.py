"""Pure-value dataclasses that flow between the stages.

Every class has `to_dict()` for JSON; identity (ids) is derived from content, never from run order.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def stable_id(*parts: str, length: int = 12) -> str:
    """A short content hash: the same inputs give the same id in every run."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


@dataclass(frozen=True)
class Meta:
    """A metadata value with where it came from: manifest, html, text or inferred."""

    value: str
    origin: str
    evidence: str = ""


@dataclass(frozen=True)
class Residue:
    """Scraping residue removed from a source before claims were cut."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True)
class Skipped:
    """An input that was not used, with the reason."""

    path: str
    reason: str


@dataclass(frozen=True)
class Source:
    """One article: its text and what is known about it."""

    file: str  # name shown in reports: path relative to the PATH argument
    path: str
    text: str  # decoded text (extracted main text for HTML)
    clean: str  # `text` with residue blanked out (same length, so offsets agree)
    sha256: str
    encoding: str
    kind: str  # txt | md | html
    title: str = ""
    outlet: Meta | None = None
    published: Meta | None = None
    url: Meta | None = None
    relays: tuple[str, ...] = ()
    residue: tuple[Residue, ...] = ()
    duplicate_of: str | None = None
    # HTML: (offset in `text`, line of the page's source) wherever the source line changes (ingest.html_line_map),
    # so a claim's file:line points into the file itself; () for text files, whose lines are their own.
    line_map: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = {
            "file": self.file,
            "title": self.title,
            "kind": self.kind,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "outlet": asdict(self.outlet) if self.outlet else None,
            "published": asdict(self.published) if self.published else None,
            "url": asdict(self.url) if self.url else None,
            "relays": list(self.relays),
            "residue_removed": _count(r.kind for r in self.residue),
            "duplicate_of": self.duplicate_of,
        }
        return d


def _count(items: Any) -> dict[str, int]:
    out: dict[str, int] = {}
    for k in items:
        out[k] = out.get(k, 0) + 1
    return dict(sorted(out.items()))


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date mention resolved to an interval [start, end] (ISO days) at a granularity."""

    text: str
    start: int  # character offsets within the claim text
    end: int
    low: str  # ISO yyyy-mm-dd
    high: str
    granularity: str  # day | month | season | year | span | decade
    display: str  # normalised: 2026-01-03, 2026-01, 2025, mid-2025, summer 2025


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, qualifier and range."""

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str  # "" for counts; "USD", "km", "barrel", "day" ...
    dimension: str  # count | currency | length | mass | time | volume | percent | other
    qualifier: str  # "", over, at least, about, up to, between, hundreds ...
    is_duration: bool = False


@dataclass(frozen=True, slots=True)
class Attribute:
    """A closed-class value: direction, time of day, weekday, inside/outside, polarity cue."""

    kind: str  # direction | time | weekday | position
    value: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity, normalised; `key` merges spelling variants across the corpus."""

    text: str
    key: str
    kind: str  # person | place | org | weapon | other
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a claim comes from."""

    who: str  # the outlet, person or group named as the origin
    cue: str  # the words that say so
    kind: str  # outlet | person | source | analysts | quote | relay | article


@dataclass(frozen=True, slots=True)
class Fact:
    """One value of a claim with its measure and event."""

    kind: str  # date | quantity | attribute | statement
    value: str  # display value
    measure: str  # words saying what the value measures
    span: tuple[int, int]  # within the claim text
    masked: str  # the fact-bearing span with values replaced by placeholders
    event: str  # event key: "main:<group>" or "bg:<anchor>"
    index: int  # position of the value among the claim's values of this kind
    counted: str = ""  # for counts: the noun counted, singular ("soldier"); '^' marks a capitalised one ("^gazan")


@dataclass(frozen=True)
class Claim:
    """A sentence of an article with the facts it carries."""

    id: str
    source_file: str
    index: int
    text: str
    start: int
    end: int
    line: int
    checkable: bool
    attribution: Attribution
    origin: str  # independent origin: outlet relayed, or the source's own outlet/file
    negated: bool
    negation_cue: str
    dates: tuple[DateValue, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    entities: tuple[Entity, ...] = ()
    event: str = ""
    background: bool = False
    facts: tuple[Fact, ...] = field(default=())
    story: str = ""  # the main event group of the claim's article, even when the claim itself is background

    @property
    def location(self) -> str:
        return f"{self.source_file}:{self.line}"

    def entity_keys(self) -> frozenset[str]:
        # Computed once per claim (matching asks millions of times); replace() makes a new claim.
        got = self.__dict__.get("_entity_keys")
        if got is None:
            got = frozenset(e.key for e in self.entities)
            object.__setattr__(self, "_entity_keys", got)
        return got

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_file": self.source_file,
            "line": self.line,
            "location": self.location,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "checkable": self.checkable,
            "attribution": asdict(self.attribution),
            "origin": self.origin,
            "negated": self.negated,
            "negation_cue": self.negation_cue,
            "event": self.event,
            "background": self.background,
            "story": self.story,
            "dates": [asdict(d) for d in self.dates],
            "quantities": [asdict(q) for q in self.quantities],
            "attributes": [asdict(a) for a in self.attributes],
            "entities": [asdict(e) for e in self.entities],
            "facts": [asdict(f) for f in self.facts],
        }


@dataclass(frozen=True, slots=True)
class Link:
    """Two facts (or statements) of different claims that the matcher links."""

    a: str  # claim ids, a < b
    b: str
    fact_a: int  # index into claim.facts, -1 for whole-sentence statements
    fact_b: int
    score: float
    cosine: float
    measure: float
    entities: float
    tier: str  # match | possible


@dataclass(frozen=True, slots=True)
class Cluster:
    """Claims linked (transitively) by matched facts."""

    id: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a finding."""

    claim_id: str
    source_file: str
    text: str
    line: int
    value: str
    span: str
    origin: str
    published: str

    @property
    def location(self) -> str:
        # Computed, not stored: a large corpus has millions of sides.
        return f"{self.source_file}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id, "source_file": self.source_file, "text": self.text, "line": self.line,
            "location": self.location, "value": self.value, "span": self.span, "origin": self.origin, "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A verdict on a cross-source pair of claims."""

    id: str
    relation: str  # corroborates | contradicts | updates | related | possible
    a: Side
    b: Side
    measure: str
    basis: str  # why the relation holds; `reason` adds whether the two origins are independent
    score: float
    independent: bool
    cluster: str
    # A possible match whose values were compared and are incompatible, with nothing that says the facts
    # differ: only the similarity is short of a contradiction's. Listed for review under Discrepancies.
    conflict: bool = False

    @property
    def reason(self) -> str:
        # Computed, not stored: a large corpus has millions of findings, and the basis alone recurs.
        if self.independent:
            return f"{self.basis}; independent origins ({self.a.origin} / {self.b.origin})"
        return f"{self.basis}; one origin ({self.a.origin})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "relation": self.relation,
            "possible_contradiction": self.conflict,
            "measure": self.measure,
            "reason": self.reason,
            "score": round(self.score, 3),
            "independent": self.independent,
            "cluster": self.cluster,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
        }
