"""A synthetic news corpus for speed and scale measurements only: its findings mean nothing.

Usage: python benchmarks/gen_corpus.py OUT_FOLDER --articles N [--seed 7]

How it is made (deterministic for a given N and seed):
- a pool of real news sentences is taken from seeds/ and tests/data/*/ (about a thousand sentences);
- the articles are grouped into stories of about eight articles each. A story has its own date, its own
  invented names (every capitalised name of the pool is swapped for a generated one, so the corpus has
  thousands of distinct entities, as a real one would) and its own set of about 60 pool sentences;
- a story rewords its sentences: half of the pool's content words (five letters or more, common words
  kept) are swapped for other pool words, the same way in all of its articles. Without this (version 1,
  `--reword 0`) every pool sentence recurs nearly verbatim in one story of every sixteen, a corpus of
  500 articles had 129,420 findings, most between unrelated stories, and the report's size grew with
  the square of the corpus, which no real archive does;
- each article of a story is written by one of 40 invented outlets a few days after the story's date:
  a Title Case headline and about 30 sentences from the story's set, in paragraphs of 2 to 5 sentences.
  Numbers keep the story's value most of the time and drift otherwise (so outlets disagree now and then);
- a `sources.toml` manifest gives every article its outlet and publication date.

The text reads like news sentence by sentence but not as a whole; use it to time the stages and to watch
how they grow with N, never to judge findings.
"""

from __future__ import annotations

import argparse
import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENT_SPLIT = re.compile(r"(?<=[a-z0-9%)”\"][.!?])[\"”']*\s+(?=[\"“]?[A-Z])")
NAME_RE = re.compile(r"\b[A-Z][a-z]{2,}(?:[ -][A-Z][a-z]{2,}){0,2}\b")
KEEP_WORDS = frozenset(
    "The This That These Those According But And However Meanwhile While When After Before Since During It He She They "
    "We Its His Her Their In On At Of For From By With As If Some Many Most All Both Each Officials Analysts Sources "
    "January February March April May June July August September October November December Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday President Minister Prime General".split()
)
# Lower-case content words of five letters or more (common words stay: they carry the grammar).
WORD_RE = re.compile(r"\b[a-z]{5,}\b")
STOP_WORDS = frozenset("about after again against among around because before being below between could during every "
                       "first former further having killed other since their there these those through under until where "
                       "which while would people least years".split())
REWORD = 0.5
SYLLABLES = "ka lo mi ra ten vor sa del un bri ga zo pel ha rin tu mar os che lav qui ne dor fa ish bel ur tro".split()
OUTLET_WORDS = "Daily Herald Courier Times Post Wire Ledger Observer Tribune Gazette Dispatch Monitor Review Journal".split()


def _pool() -> list[str]:
    """Real sentences of 6 to 60 words from the repository's article folders."""
    out: list[str] = []
    folders = [ROOT / "seeds", *sorted(p for p in (ROOT / "tests" / "data").iterdir() if p.is_dir())]
    for folder in folders:
        for p in sorted(folder.glob("*.txt")):
            for para in p.read_text(encoding="utf-8", errors="replace").splitlines():
                for s in SENT_SPLIT.split(para.strip()):
                    if 6 <= len(s.split()) <= 60 and s[:1].isupper() and s.rstrip()[-1:] in ".!?\"”":
                        out.append(s.strip())
    return sorted(set(out))


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(words))


def _numbers(text: str, rng: random.Random, story_year: int, drift: float) -> str:
    """Years move to the story's era; other numbers keep their size, drifting with probability `drift`."""

    def sub(m: re.Match[str]) -> str:
        s = m.group(0)
        v = int(s.replace(",", ""))
        if 1900 <= v <= 2030 and "," not in s:
            return str(story_year - (2026 - v) // 4)
        if rng.random() < drift:
            v = max(1, int(v * rng.choice((0.5, 0.8, 1.2, 1.5, 2.0))))
        return f"{v:,}" if "," in s else str(v)

    return re.sub(r"\d{1,3}(?:,\d{3})+|\d+", sub, text)


def _cased(word: str, new: str | None) -> str:
    if new is None:
        return word
    return new.capitalize() if word[:1].isupper() else new


def generate(folder: Path, n: int, seed: int = 7, reword: float = REWORD) -> None:
    """Write n synthetic articles and their sources.toml into folder."""
    rng = random.Random(seed)
    pool = _pool()
    vocab = sorted({w.lower() for s in pool for w in WORD_RE.findall(s)} - STOP_WORDS)
    # Names from mid-sentence only: a sentence's first word is capitalised whatever it is.
    names = sorted({m.group(0) for s in pool for m in NAME_RE.finditer(s) if m.start() > 0 and m.group(0).split()[0] not in KEEP_WORDS})
    outlets = sorted({f"The {rng.choice(SYLLABLES).capitalize()}{rng.choice(SYLLABLES)} {rng.choice(OUTLET_WORDS)}" for _ in range(60)})[:40]
    folder.mkdir(parents=True, exist_ok=True)
    n_stories = max(1, n // 8)
    stories = []
    for k in range(n_stories):
        srng = random.Random(seed * 1_000_003 + k)
        swap = {nm: _name(srng, len(nm.split())) for nm in names if srng.random() < 0.85}
        rx = re.compile(r"\b(?:" + "|".join(re.escape(nm) for nm in sorted(swap, key=len, reverse=True)) + r")\b") if swap else None
        day = date(2012, 1, 1) + timedelta(days=srng.randrange(365 * 14))
        sents = srng.sample(pool, min(60, len(pool)))
        if rx is not None:
            sents = [rx.sub(lambda m: swap[m.group(0)] if m.start() > 0 else m.group(0), s) for s in sents]
        if reword:
            # The story's own wording: a share of the pool's content words swapped for others, so that
            # two stories drawing the same pool sentence do not state near-identical things.
            swap_w = {w: srng.choice(vocab) for w in vocab if srng.random() < reword}
            sents = [WORD_RE.sub(lambda m: _cased(m.group(0), swap_w.get(m.group(0).lower())), s) for s in sents]
        sents = [_numbers(s, srng, day.year, 0.0) for s in sents]
        headline_words = [w for s in sents[:3] for w in re.findall(r"[A-Z][a-z]{3,}", s)][:4] or ["Events"]
        stories.append((day, sents, headline_words))
    manifest = ["# Synthetic corpus (benchmarks/gen_corpus.py): for speed measurements only.\n"]
    for i in range(n):
        day, sents, words = stories[i % n_stories]
        arng = random.Random(seed * 7_919 + i)
        outlet = arng.choice(outlets)
        published = day + timedelta(days=arng.randint(0, 3))
        body = [_numbers(s, arng, day.year, 0.15) for s in arng.sample(sents, min(len(sents), arng.randint(26, 34)))]
        paras, pos = [], 0
        while pos < len(body):
            step = arng.randint(2, 5)
            paras.append(" ".join(body[pos : pos + step]))
            pos += step
        title = " ".join([*words, arng.choice(("Says", "Reports", "Confirms", "Denies")), arng.choice(("Officials", "Witnesses", "Sources"))])
        name = f"a{i:05d}.txt"
        (folder / name).write_text(f"{title}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        manifest.append(f'[[source]]\nfile = "{name}"\noutlet = "{outlet}"\npublished = "{published.isoformat()}"\n')
    (folder / "sources.toml").write_text("\n".join(manifest), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reword", type=float, default=REWORD, help="share of content words each story swaps (0: version 1, verbatim pool sentences)")
    a = ap.parse_args()
    generate(a.folder, a.articles, a.seed, a.reword)
    print(f"wrote {a.articles} synthetic articles to {a.folder}")


if __name__ == "__main__":
    main()
