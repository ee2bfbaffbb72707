"""Fact-checker decisions on findings, kept in a plain TOML file beside the corpus (`reviews.toml`).

1. Load: read and validate the reviews file; every error names the file and line.
2. Decide: record confirmed / dismissed / resolved on a finding found by its stable id.
3. Apply: match decisions to a run's findings. A finding id is a content hash of its two claims
   (file and text), so a decision follows the finding across re-runs, new articles and threshold
   changes; a decision whose claims are gone is orphaned and listed, never dropped.
4. Serialise: deterministic, sorted by id, one key per line, so the file diffs well in git.

Nothing here writes files: `dumps_reviews` returns the text and the CLI writes it atomically.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import ReviewError
from .models import Finding
from .pipeline import Result

REVIEWS_NAME = "reviews.toml"
DECISIONS = ("confirmed", "dismissed", "resolved")
# Serialisation order; also the set of keys a [[review]] table may have.
FIELDS = ("id", "decision", "value", "note", "by", "at", "relation", "measure", "a_file", "a_text", "b_file", "b_text", "draft")
REQUIRED = ("id", "decision", "a_file", "a_text", "b_file", "b_text")
HEADER = """\
# Review decisions on reconcile findings, written by `reconcile review`; safe to edit and to keep in git.
# One [[review]] per finding id, sorted by id. decision: confirmed | dismissed (false alarm) | resolved
# (value = the correct value). a_*/b_* name the finding's two claims, so a decision whose claims
# disappear from the corpus is listed as orphaned. draft = true: a finding of `reconcile check`.
"""


@dataclass(frozen=True)
class Decision:
    """One fact-checker decision on one finding."""

    id: str
    decision: str  # confirmed | dismissed | resolved
    a_file: str
    a_text: str
    b_file: str
    b_text: str
    value: str = ""  # the correct value, for resolved
    note: str = ""
    by: str = ""
    at: str = ""  # ISO date of the decision
    relation: str = ""  # the finding's relation when it was decided
    measure: str = ""
    draft: bool = False  # one claim is a draft's (`reconcile check`), not a corpus article's

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in FIELDS}

    def label(self) -> str:
        """One line for people: "resolved (2025-01) by alice on 2026-03-05: note"."""
        out = self.decision + (f" ({self.value})" if self.value else "")
        if self.by:
            out += f" by {self.by}"
        if self.at:
            out += f" on {self.at}"
        return out + (f": {self.note}" if self.note else "")


@dataclass(frozen=True)
class Reviews:
    """The decisions of one reviews file, sorted by finding id."""

    path: str
    decisions: tuple[Decision, ...] = ()

    def get(self, finding_id: str) -> Decision | None:
        """The decision on a finding, if any."""
        return next((d for d in self.decisions if d.id == finding_id), None)

    def with_decision(self, d: Decision) -> Reviews:
        """A copy with d added, replacing an earlier decision on the same finding."""
        rest = [x for x in self.decisions if x.id != d.id]
        return replace(self, decisions=tuple(sorted([*rest, d], key=lambda x: x.id)))

    def without(self, finding_id: str) -> Reviews:
        """A copy without the decision on finding_id."""
        return replace(self, decisions=tuple(d for d in self.decisions if d.id != finding_id))

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.path, "decisions": [d.to_dict() for d in self.decisions]}


@dataclass(frozen=True)
class Orphan:
    """A decision whose claims are no longer in the corpus."""

    decision: Decision
    missing: tuple[str, ...]  # "a", "b" or both

    def to_dict(self) -> dict[str, Any]:
        return self.decision.to_dict() | {"missing": list(self.missing)}


@dataclass(frozen=True)
class ReviewView:
    """Decisions matched to one run: applied to a finding, unlinked, orphaned, or about other drafts."""

    reviews: Reviews
    applied: Mapping[str, Decision] = field(default_factory=dict)  # finding id -> decision
    unlinked: tuple[Decision, ...] = ()  # both claims exist, but they are not linked in this run
    orphaned: tuple[Orphan, ...] = ()
    elsewhere: tuple[Decision, ...] = ()  # decisions on drafts this run does not include

    def of(self, f: Finding) -> Decision | None:
        """The decision on a finding, if any."""
        return self.applied.get(f.id)

    def dismissed(self, f: Finding) -> bool:
        d = self.applied.get(f.id)
        return d is not None and d.decision == "dismissed"

    def counts(self) -> dict[str, int]:
        """How many decisions there are of each kind, and how many are orphaned."""
        out = {k: sum(1 for d in self.applied.values() if d.decision == k) for k in DECISIONS}
        out |= {"unlinked": len(self.unlinked), "orphaned": len(self.orphaned), "elsewhere": len(self.elsewhere)}
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.reviews.path,
            "counts": self.counts(),
            "unlinked": [d.to_dict() for d in self.unlinked],
            "orphaned": [o.to_dict() for o in self.orphaned],
        }


# 1. Loading ----------------------------------------------------------------------------------------


def default_reviews_path(paths: Sequence[str]) -> Path:
    """reviews.toml beside the corpus: in the first PATH if it is a folder, else in its folder."""
    first = Path(paths[0]) if paths else Path(".")
    return (first if first.is_dir() else first.parent) / REVIEWS_NAME


def _table_lines(text: str) -> list[int]:
    """The line number of each [[review]] header, in order (tomllib reports no line for values)."""
    return [i for i, ln in enumerate(text.splitlines(), 1) if re.match(r"\s*\[\[\s*review\s*\]\]", ln)]


def _key_line(text: str, start: int, end: int | None, key: str) -> int:
    """The line of `key = …` inside the table starting at line start, else the table's line."""
    lines = text.splitlines()
    stop = (end - 1) if end else len(lines)
    for i in range(start, stop):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start


def load_reviews(path: Path) -> Reviews:
    """Read a reviews file; a missing file is an empty one. Errors name the file and line."""
    if not path.exists():
        return Reviews(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewError(f"{path}: cannot read reviews file: {e}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        where = f"{path}:{m.group(1)}" if m else str(path)
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(e))
        raise ReviewError(f"{where}: not valid TOML: {msg}; fix or remove that line") from None
    unknown_top = set(data) - {"review"}
    if unknown_top:
        raise ReviewError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown_top))}; only [[review]] tables are allowed")
    entries = data.get("review", [])
    if not isinstance(entries, list):
        raise ReviewError(f"{path}: 'review' must be [[review]] tables")
    starts = _table_lines(text)
    out: dict[str, Decision] = {}
    for n, entry in enumerate(entries):
        start = starts[n] if n < len(starts) else 1
        end = starts[n + 1] if n + 1 < len(starts) else None

        def fail(key: str | None, msg: str, _s: int = start, _e: int | None = end, _n: int = n) -> ReviewError:
            line = _key_line(text, _s, _e, key) if key else _s
            return ReviewError(f"{path}:{line}: [[review]] #{_n + 1}: {msg}")

        if not isinstance(entry, dict):
            raise fail(None, "not a table")
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            raise fail(unknown[0], f"unknown key '{unknown[0]}' (allowed: {', '.join(FIELDS)})")
        for key in FIELDS:
            if key not in ("at", "draft") and key in entry and not isinstance(entry[key], str):
                raise fail(key, f"'{key}' must be a string")
        for key in REQUIRED:
            if key not in entry:
                raise fail(None, f"missing key '{key}'")
        if entry["decision"] not in DECISIONS:
            raise fail("decision", f"decision {entry['decision']!r} is not one of {', '.join(DECISIONS)}")
        if entry["decision"] == "resolved" and not entry.get("value", "").strip():
            raise fail("decision", "a resolved decision needs value = \"the correct value\"")
        at = entry.get("at", "")
        if not isinstance(at, (str, date)):
            raise fail("at", "'at' must be a date (YYYY-MM-DD)")
        if not isinstance(entry.get("draft", False), bool):
            raise fail("draft", "'draft' must be true or false")
        if entry["id"] in out:
            raise fail("id", f"a second decision on finding {entry['id']}; keep one")
        out[entry["id"]] = Decision(
            id=entry["id"], decision=entry["decision"], a_file=entry["a_file"], a_text=entry["a_text"], b_file=entry["b_file"], b_text=entry["b_text"],
            value=entry.get("value", ""), note=entry.get("note", ""), by=entry.get("by", ""), at=str(at), relation=entry.get("relation", ""),
            measure=entry.get("measure", ""), draft=bool(entry.get("draft", False)),
        )
    return Reviews(str(path), tuple(out[k] for k in sorted(out)))


# 2. Deciding ---------------------------------------------------------------------------------------


def find_finding(findings: Iterable[Finding], ref: str) -> Finding:
    """The finding whose id is ref, or the only one whose id starts with it (at least 6 characters)."""
    ref = ref.strip().strip("`")
    fs = list(findings)
    exact = [f for f in fs if f.id == ref]
    if exact:
        return exact[0]
    pref = [f for f in fs if len(ref) >= 6 and f.id.startswith(ref)]
    if len(pref) == 1:
        return pref[0]
    if len(pref) > 1:
        raise ReviewError(f"finding id {ref!r} is ambiguous ({', '.join(f.id for f in pref[:5])}); give more characters")
    raise ReviewError(
        f"no finding {ref!r} in this run; ids are in the report (`reconcile review list`). "
        "Use the same PATHs, thresholds and --draft as the run that showed it"
    )


def decide(
    reviews: Reviews, finding: Finding, decision: str, *, value: str = "", note: str = "", by: str = "", at: str = "",
    draft_file: str | None = None,
) -> Reviews:
    """Reviews with a decision on finding recorded (replacing an earlier one on the same finding)."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision {decision!r} is not one of {', '.join(DECISIONS)}")
    if decision == "resolved" and not value.strip():
        raise ReviewError("a resolved decision needs the correct value (--value)")
    if decision != "resolved" and value:
        raise ReviewError("--value is only for resolved decisions")
    d = Decision(
        id=finding.id, decision=decision, a_file=finding.a.source_file, a_text=finding.a.text, b_file=finding.b.source_file,
        b_text=finding.b.text, value=value.strip(), note=" ".join(note.split()), by=by, at=at or date.today().isoformat(),
        relation=finding.relation, measure=finding.measure,
        draft=draft_file is not None and draft_file in (finding.a.source_file, finding.b.source_file),
    )
    return reviews.with_decision(d)


# 3. Applying ---------------------------------------------------------------------------------------


def apply_reviews(reviews: Reviews, res: Result, draft_file: str | None = None) -> ReviewView:
    """Match decisions to a run's findings.

    Without draft_file (a corpus report) decisions on drafts are set aside. With draft_file (a check)
    only decisions on that draft's findings count, and others are set aside.
    """
    present = {(c.source_file, c.text) for c in res.claims}
    by_id = {f.id: f for f in res.findings}
    applied: dict[str, Decision] = {}
    unlinked: list[Decision] = []
    orphaned: list[Orphan] = []
    elsewhere: list[Decision] = []
    for d in reviews.decisions:
        mine = draft_file in (d.a_file, d.b_file) if draft_file else not d.draft
        if not mine:
            elsewhere.append(d)
            continue
        if d.id in by_id:
            applied[d.id] = d
            continue
        missing = tuple(s for s, key in (("a", (d.a_file, d.a_text)), ("b", (d.b_file, d.b_text))) if key not in present)
        if missing:
            orphaned.append(Orphan(d, missing))
        else:
            unlinked.append(d)
    return ReviewView(reviews, applied, tuple(unlinked), tuple(orphaned), tuple(elsewhere))


def open_findings(res: Result, view: ReviewView, relations: Sequence[str]) -> list[Finding]:
    """Findings of the given relations with no decision yet, in report order ("possible-contradiction":
    the possible matches flagged as such)."""
    conflicts = "possible-contradiction" in relations
    return [f for f in res.findings if (f.relation in relations or (conflicts and f.conflict)) and f.id not in view.applied]


# 4. Serialising ------------------------------------------------------------------------------------


def _toml_str(s: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def dumps_reviews(reviews: Reviews) -> str:
    """The reviews file text: a header comment, then one [[review]] per decision, sorted by id."""
    out = [HEADER]
    for d in sorted(reviews.decisions, key=lambda x: x.id):
        out.append("[[review]]")
        for k in FIELDS:
            v = getattr(d, k)
            if k == "draft":
                if v:
                    out.append("draft = true")
            elif k == "at" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
                out.append(f"at = {v}")  # a TOML date
            elif v or k in REQUIRED:
                out.append(f"{k} = {_toml_str(v)}")
        out.append("")
    return "\n".join(out)
