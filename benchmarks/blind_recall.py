"""Planted contradictions found in the blind stories, and contradictions reported beyond them.

Usage: python benchmarks/blind_recall.py [STORY ...]   (default: every story with an answer key)

Each `tests/blind-keys/<story>.md` is the answer key a helper wrote with `tests/data/<story>/` without seeing the
code: five planted contradictions, each with the sentences that state the canonical value and the one that states
the conflicting value. A planted contradiction counts as found when the report pairs a canonical sentence with the
conflicting one as a contradiction or as a possible contradiction listed for review. Every other contradiction is
printed for a reader to judge: it may be one of the planted ones through a sentence the key does not quote (a
headline, a second mention), or a false one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconcile.pipeline import run  # noqa: E402
from reconcile.report import to_json  # noqa: E402
from reconcile.settings import Settings  # noqa: E402

KEYS = ROOT / "tests" / "blind-keys"


def planted(key: str) -> list[tuple[str, list[tuple[str, str]], list[tuple[str, str]]]]:
    """(title, canonical quotes, conflicting quotes) of each planted contradiction; a quote is (file, sentence)."""
    section = key.split("## 2.")[0]
    parts = re.split(r"^### (C\d+\..*)$", section, flags=re.M)[1:]
    out = []
    for title, body in zip(parts[::2], parts[1::2]):
        canonical, conflicting = body.split("Conflicting", 1)
        quotes = lambda t: re.findall(r"^> \[([^\]]+)\] (.*)$", t, re.M)  # noqa: E731
        out.append((title.strip(), quotes(canonical), quotes(conflicting)))
    return out


def main() -> None:
    names = sys.argv[1:] or sorted(p.stem for p in KEYS.glob("*.md"))
    total = found = others = 0
    for name in names:
        js = to_json(run([str(ROOT / "tests" / "data" / name)], Settings(quiet=True)))
        flagged = [f for f in js["findings"] if f["relation"] == "contradicts" or f["possible_contradiction"]]

        def says(side: dict, quotes: list[tuple[str, str]]) -> bool:  # type: ignore[type-arg]
            return any(side["source_file"] == f and (side["text"][:60] in q or q[:60] in side["text"]) for f, q in quotes)

        hit: set[str] = set()
        for title, canonical, conflicting in planted((KEYS / f"{name}.md").read_text(encoding="utf-8")):
            got = [f for f in flagged if (says(f["a"], canonical) and says(f["b"], conflicting)) or (says(f["a"], conflicting) and says(f["b"], canonical))]
            hit |= {f["id"] for f in got}
            total += 1
            found += bool(got)
            how = ("contradiction" if got[0]["relation"] == "contradicts" else "for review") if got else ""
            print(f"{name:22s} {'found' if got else 'missed':7s} {title[:70]}" + (f" ({how})" if how else ""))
        for f in flagged:
            if f["relation"] == "contradicts" and f["id"] not in hit:
                others += 1
                print(f"{name:22s} other   {f['measure']}: {f['a']['value']} / {f['b']['value']} | {f['a']['text'][:60]} | {f['b']['text'][:60]}")
    print(f"planted contradictions found: {found} of {total}; other contradictions: {others} (read them: see the docstring)")


if __name__ == "__main__":
    main()
