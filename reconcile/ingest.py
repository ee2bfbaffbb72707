"""Stage 1: files and folders -> Sources (decoded text, residue blanked, metadata with provenance).

1. Walk the PATHs (files or folders, recursively) and account for every file found.
2. Read bytes, refuse binaries, decode with encoding detection (charset-normalizer).
3. HTML: main text and metadata through trafilatura.
4. Blank out scraping residue (menus, tickers, image names, counters, teasers), counting it.
5. Metadata: manifest, then HTML, then cues in the text, then inferred from the text's dates.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from .errors import InputError, ManifestError
from .models import Meta, Residue, Skipped, Source
from .progress import progress
from .settings import Settings

ARTICLE_EXTS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
MANIFEST_NAME = "sources.toml"
IGNORED_NAMES = {MANIFEST_NAME, "reviews.toml"}

MAGIC = [
    (b"\x89PNG", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"PK\x03\x04", "zip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
]


@dataclass(frozen=True)
class ManifestEntry:
    """What a manifest says about one file."""

    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    relays: tuple[str, ...] = ()


@dataclass(frozen=True)
class Corpus:
    """The result of ingest: sources in a stable order, and everything skipped."""

    sources: tuple[Source, ...]
    skipped: tuple[Skipped, ...]
    name: str

    def source(self, file: str) -> Source | None:
        """The source read from `file` (a lookup table built on first use)."""
        table = self.__dict__.get("_by_file")
        if table is None:
            table = {s.file: s for s in self.sources}
            object.__setattr__(self, "_by_file", table)
        return table.get(file)


# 1. Walking -----------------------------------------------------------------


def _walk(root: Path, found: list[Path], skipped: list[Skipped]) -> None:
    """Collect files under root; symlinked folders are not followed (no loops)."""

    def unreadable(e: OSError) -> None:
        # os.walk drops a folder it cannot list; say so instead of losing its files silently.
        skipped.append(Skipped(str(e.filename or root), f"cannot read folder: {e.strerror or e}"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in dirnames:
            if (Path(dirpath) / d).is_symlink():
                skipped.append(Skipped(str(Path(dirpath) / d), "symlinked folder not followed"))
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if name in IGNORED_NAMES:
                continue
            if name.startswith("."):
                # Dot files are tool metadata (.DS_Store); a hidden article is an input, and is listed.
                if p.suffix.lower() in ARTICLE_EXTS:
                    skipped.append(Skipped(str(p), "hidden file (the name starts with '.')"))
                continue
            if p.suffix.lower() in ARTICLE_EXTS:
                found.append(p)
            else:
                skipped.append(Skipped(str(p), f"not an article file ({p.suffix or 'no extension'})"))


def collect_paths(paths: list[str]) -> tuple[list[tuple[Path, Path]], list[Skipped]]:
    """Expand PATHs to (file, base) pairs; base is what the shown name is relative to."""
    out: list[tuple[Path, Path]] = []
    skipped: list[Skipped] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise InputError(f"{raw}: no such file or folder")
        if p.is_dir():
            found: list[Path] = []
            _walk(p, found, skipped)
            out.extend((f, p) for f in found)
        elif p.is_symlink() and not p.exists():
            skipped.append(Skipped(raw, "broken symlink"))
        else:
            out.append((p, p.parent))
    return out, skipped


# 2. Reading and decoding -------------------------------------------------------


def sniff_binary(data: bytes) -> str | None:
    """The kind of binary file, or None for text."""
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if b"\x00" in head and not (head.startswith(b"\xff\xfe") or head.startswith(b"\xfe\xff")):
        return "binary data (NUL bytes)"
    return None


def _garbled(text: str) -> bool:
    """Too many control characters: a guessed encoding decoded garbage."""
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad > max(3, len(text) // 200)


# Among equally clean decodings charset-normalizer often ranks an exotic code page first (cp775 for
# German or for English with curly quotes, cp1250 for French); news pages used these.
COMMON_LEGACY = ("cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "koi8_r", "iso8859_15")


def _guess(data: bytes) -> tuple[str, str] | None:
    """Decode legacy (non-UTF-8) bytes with the most common encoding among the cleanest guesses."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    least = min(m.chaos for m in results)
    fits = {enc for m in results if m.chaos <= least for enc in (m.encoding, *m.could_be_from_charset)}
    for enc in COMMON_LEGACY:
        if enc in fits:
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            return None if _garbled(text) else (text, enc)
    text = str(best)
    return None if _garbled(text) else (text, best.encoding)


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with some lines in a legacy encoding (pasted together); None if no line is UTF-8."""
    lines = data.splitlines(keepends=True)
    out: list[str | None] = []
    utf8_evidence = False
    for ln in lines:
        try:
            out.append(ln.decode("utf-8"))
            utf8_evidence = utf8_evidence or not ln.isascii()
        except UnicodeDecodeError:
            out.append(None)
    if not utf8_evidence:
        return None
    guess = _guess(b"".join(ln for ln, t in zip(lines, out) if t is None))
    legacy = guess[1] if guess else None
    text = "".join(t if t is not None else ln.decode(legacy or "utf-8", errors="replace") for ln, t in zip(lines, out))
    if legacy:
        return text, f"utf-8 + {legacy} (mixed)"
    return text, f"utf-8 (mixed; {text.count(chr(0xFFFD))} undecodable character(s) replaced)"


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode bytes to text: UTF-8, else UTF-8 mixed with lines in a legacy encoding, else a legacy encoding."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_mixed(data) or _guess(data)


ENGLISH_STOP = frozenset(
    "the of and to in a is that for on with as was by it from at are be this has have not said "
    "will an or its his their which who but were been had after over more than also".split()
)


NOT_LATIN = re.compile(r"[\x00-\u024f]+")  # runs of ASCII and Latin letters, removed to see what else a text holds


def looks_english(text: str) -> bool:
    """A cheap check: English news prose is in Latin letters and has many English function words."""
    # Chinese, Arabic, Russian...: the word test below does not see these scripts at all. (ASCII text is all
    # Latin: the count is skipped, which was most of reading a thousand files.)
    # Text whose only non-ASCII letters are Latin ("café", curly quotes, "£") has none left once everything
    # below U+0250 is removed: the letter count, most of reading a thousand such files, is skipped too.
    if not text.isascii() and any(ch.isalpha() for ch in NOT_LATIN.sub("", text)):
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) >= 20 and sum(1 for ch in letters if ch < "\u0250") < len(letters) / 2:
            return False
    words = re.findall(r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]+", text.lower())
    if len(words) < 12:
        return True
    share = sum(1 for w in words if w in ENGLISH_STOP) / len(words)
    # Short texts need a higher share: one "in" or "a" among a dozen German or Italian words is chance.
    return share >= (0.08 if len(words) >= 30 else 0.12)


# 4. Residue ------------------------------------------------------------------------

IMAGE_RE = re.compile(r"^[-\s!\[\]()]*[-\w]*[0-9a-f]{12,}[-\w]*\.(?:jpe?g|png|gif|webp|svg)\)?\s*$", re.I)
TICKER_RE = re.compile(r"^\s*[$€£¥₴]?\s?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}\s*$")
COUNTER_RE = re.compile(r"^\s*•?\s*\d[\d\s,.]*\s+views?\s*$", re.I)
DATELINE_RE = re.compile(r"^\s*•?\s*(\d{1,2})\.(\d{1,2})\.(\d{2,4}),?\s+\d{1,2}:\d{2}\s*(?:•.*)?$")
TEASER_RE = re.compile(r"^(?P<body>.*?\S)\s*(?P<stamp>\d{2}\.\d{2}\.\d{2,4},\s*\d{1,2}:\d{2}\s*•\s*\d[\d\s,.]*views?)\s*$", re.I)
SOURCE_CUE_RE = re.compile(r"^\s*(?:Source|Via|By)\s*:\s*(?P<outlet>[A-Z][\w .&'-]{1,40}?)\s*$")
BULLET_OUTLET_RE = re.compile(r"^\s*(?P<city>[A-Z][\w' -]{1,30}?)\s*•\s*(?P<outlet>[A-Z][\w .&-]{1,30}?)\s*$")
PHOTO_RE = re.compile(r"^\s*(?:Photo|Image|Credit|Photograph)s?\s*:|^\s*[A-Z][\w.' -]+(?:\s*/\s*[A-Z][\w.' -]+){2,}\s*$")
BYLINE_RE = re.compile(r"^\s*(?:Reporting|Written|Edited|Translated) by\s+[A-Z][\w.' -]+$|^\s*[A-Z][a-z]+ [A-Z][a-z]+,\s*[\"“][^\"”]{1,30}[\"”]\s*$")
# Names of days and months, for the patterns here and in extract.py.
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "By Tomas Berg, Meridian News Service, 15 October 2026", "By Ana Ruiz and Li Wei | The Courier | Oct. 29, 2026",
# "By Sam Hale in London": a reporter's line, which may name the outlet and the date of publication.
BY_LINE_RE = re.compile(
    r"^\s*By\s+(?P<who>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|del|der|van|von|al|bin|la|le|da|di|dos))+)"
    r"(?:\s+in\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+)?)?\s*(?:(?:[,|•;]|\s[-–—]\s)\s*(?P<rest>.*))?$"
)


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept.", "October"); ValueError for anything else."""
    name = name.rstrip(".")[:3].lower()
    return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(name) + 1


# "Northlight News | By Priya Raman | 6 November 2026", "Marco Ferreira | RunDesk | 8 November 2026": a reporter's
# line of parts between bars or bullets, one of them a full date.
# ("City Beacon - Tuesday 13 October 2026 - by Petra Lindqvist": spaced dashes part it too.)
# ("Sophie Lindqvist, Environment Correspondent - Tidewater Times, Saturday 7 March 2026": commas too.)
BYLINE_SEP = r"\s[|•–—-]\s|,\s"
PIPE_BYLINE_RE = re.compile(rf"^(?:(?!{BYLINE_SEP}).){{2,60}}(?:(?:{BYLINE_SEP})(?:(?!{BYLINE_SEP}).){{2,60}}){{2,4}}$")
PERSON_RE = re.compile(r"(?:[Bb]y\s+)?[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|al|da|di)){1,3}")
# Words that make a part of a reporter's line an outlet's name rather than a person's.
OUTLET_HINT = re.compile(
    r"^The\s|\b(?:News|Times|Post|Herald|Wire|Daily|Journal|Gazette|Review|Tribune|Press|Chronicle|Observer|Courier|Standard|"
    r"Mail|Telegraph|Express|Star|Beacon|Ledger|Sun|Guardian|Independent|Record|Radio|TV|Television|Network|Agency|Service|"
    r"Bulletin|Dispatch|Monitor|Examiner|Enquirer|Inquirer|Sentinel|Advertiser|Argus|Mirror|Globe|Leader|Today|Weekly|"
    r"Online|Media|Magazine|Insider|Report)\b")
# A wire dateline before the lead: "PORT ALDRIN, Nov 5 (Meridian Wire) -", "NORTHBRIDGE, 9 November (Continental
# Press) -", "LONDON, Oct. 29, 2026 (Reuters) -": the place in capitals, the date, the outlet in brackets.
WIRE_DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+)*)(?:,\s*[A-Z][\w.'’ ]{1,30}?)?,\s*"
    rf"(?:(?P<weekday>{WEEKDAYS}),?\s+)?"
    r"(?P<when>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?)"
    r"(?:,?\s+(?P<year>(?:19|20)\d{2}))?\s*(?:\((?P<outlet>[A-Z][\w.&'’ -]{1,40}?)\)\s*[-–—]|[-–—]\s)"
)
# A publication date in a file's name: "bourse_daily_2026-03-06.txt", "20260306-report.md".
FILE_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.]?(?P<m>0[1-9]|1[0-2])[-_.]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
# "By Friday Morning", "By Christmas Eve", "By March 2024": times, not reporters.
NOT_A_NAME = re.compile(rf"{WEEKDAYS}|{MONTHS}|Christmas|Easter|New Year|Election Day|Midnight|Noon|Dawn|Nightfall|The Time|The End", re.I)
# An outlet's name on a line of its own: one to six capitalised words ("The Ashvale Gazette", "Bank of England News").
OUTLET_NAME = r"[A-Z][\w'’&.-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w'’&.-]*){0,5}"
# "The Ashvale Gazette, Monday 4 May 2026" under the headline or the reporter's line: the outlet and its date on
# a line of their own. The name must read as an outlet's ("The ...", "... Gazette"): "LONDON, 4 May 2026" is a place.
OUTLET_DATE_LINE_RE = re.compile(rf"^(?P<outlet>{OUTLET_NAME})\s*(?:,|\||\s[-–—])\s*(?:(?:{WEEKDAYS}),?\s+)?(?P<rest>.+)$")
# A reporter's name and outlet on a line of their own, without "By": "Morag Keir, The Capital Evening Post".
NAME_OUTLET_LINE_RE = re.compile(rf"^(?P<who>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){{1,3}}),\s+(?P<outlet>{OUTLET_NAME})$")
# A date on a line of its own under the headline: "4 May 2026", "Monday, 4 May 2026".
DATE_LINE_RE = re.compile(rf"^(?:(?:{WEEKDAYS}),?\s+)?(?P<rest>.+?)\.?$")
# "Published: 15 October 2026", "Posted on Oct. 29, 2026 at 10:14 GMT", "Updated 29 October 2026".
PUBLISHED_LINE_RE = re.compile(r"^\s*(?P<how>Published|Posted|First published|Updated|Last updated)(?:\s+on)?\s*:?\s*(?P<rest>.+)$", re.I)
# Words that make a byline part a reporter's role or desk, not an outlet.
ROLE_WORDS = re.compile(
    r"\b(?:editor|correspondent|reporter|writer|staff|contributor|columnist|chief|bureau|analyst|producer|desk|"
    r"journalist|photographer|intern|reporting|updated|published)s?\b", re.I)
PROMO_RE = re.compile(r"you[’']re (?:currently )?reading|follow us|subscribe to|sign up for|explore our reporting", re.I)
READING_OUTLET_RE = re.compile(r"you[’']re (?:currently )?reading (?P<outlet>[A-Z][\w-]+(?: [A-Z][\w-]+)?)", re.I)
MENU_WORD_RE = re.compile(r"^[-•*\s]*(?:[A-Z]{2}(?:\s+[A-Z]{2}){1,6}|[A-Za-z][\w'’]*(?:\s+[A-Za-z][\w'’]*){0,2})\s*$")


MD_EMPHASIS = re.compile(r"^[*_]{1,3}(\S.*?\S)[*_]{1,3}$")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def clean_residue(text: str) -> tuple[str, list[Residue], dict[str, str]]:
    """Blank scraping residue (keeping offsets) and collect metadata cues found in it."""
    chars = list(text)
    residue: list[Residue] = []
    cues: dict[str, str] = {}
    lines = text.splitlines(keepends=True)
    offsets: list[int] = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln)
    content_lines = [i for i, ln in enumerate(lines) if ln.strip()]
    # Headline: the first line with five or more words and no residue pattern.
    first_body = next((i for i in content_lines if len(lines[i].split()) >= 5 and not IMAGE_RE.match(lines[i])), 0)
    last_body = max((i for i in content_lines if re.search(r"[.!?\"”]\s*$", lines[i].strip())), default=len(lines) - 1)
    for i, ln in enumerate(lines):
        s = ln.strip().replace("\xa0", " ")
        if not s:
            continue
        s = MD_EMPHASIS.sub(r"\1", s)  # "*By Hannah Oyelaran, Launchpad Review — 21 September 2026*" (Markdown)
        kind = None
        if IMAGE_RE.match(s):
            kind = "image file name"
        elif TICKER_RE.match(s):
            kind = "ticker"
        elif COUNTER_RE.match(s):
            kind = "view counter"
        elif m := DATELINE_RE.match(s):
            kind = "dateline"
            cues.setdefault("dateline", s.strip("• "))
        elif m := TEASER_RE.match(s):
            kind = "teaser of another article"
        elif m := SOURCE_CUE_RE.match(s):
            kind = "source line"
            cues.setdefault("outlet", m.group("outlet").strip())
            cues.setdefault("outlet_evidence", s)
        elif m := BULLET_OUTLET_RE.match(s):
            kind = "place and outlet line"
            cues.setdefault("outlet", m.group("outlet").strip())
            cues.setdefault("outlet_evidence", s)
        elif PHOTO_RE.match(s) and len(s.split()) <= 14:
            kind = "photo credit"
        elif BYLINE_RE.match(s):
            kind = "byline"
        elif len(s.split()) <= 20 and not re.search(r"[.!?\"”]$", s) and (m := BY_LINE_RE.match(s)) and not NOT_A_NAME.match(m.group("who")):
            # (A sentence that starts "By Christmas Eve, 40 people had died." is not a byline: it ends as a sentence.)
            kind = "byline"
            _byline_cues(cues, s, *_byline_parts(m.group("rest") or ""))
        elif (len(s.split()) <= 18 and not re.search(r"[.!?\"”]$", s) and i != content_lines[0] and PIPE_BYLINE_RE.match(s)
              and (got := _pipe_byline(s)) is not None):
            kind = "byline"
            _byline_cues(cues, s, *got)
        elif (i in content_lines[1:5] and (m := NAME_OUTLET_LINE_RE.match(s)) and not NOT_A_NAME.search(m.group("who"))
              and not OUTLET_HINT.search(m.group("who")) and _reads_as_outlet(m.group("outlet"))):
            kind = "byline"
            _byline_cues(cues, s, m.group("outlet").strip(), None)
        elif (i in content_lines[1:5] and len(s.split()) <= 5 and (m := DATE_LINE_RE.match(s))
              and FULL_DATE_RE.fullmatch(m.group("rest").strip()) and (when := _line_date(m.group("rest")))):
            kind = "publication date line"
            cues.setdefault("byline_date", when)
            cues.setdefault("byline_date_evidence", s)
        elif (i in content_lines[1:5] and len(s.split()) <= 12 and (m := OUTLET_DATE_LINE_RE.match(s))
              and _reads_as_outlet(m.group("outlet")) and (when := _line_date(m.group("rest"))) and FULL_DATE_RE.fullmatch(m.group("rest").strip(" ."))):
            kind = "outlet and date line"
            _byline_cues(cues, s, m.group("outlet").strip(), when)
        elif len(s.split()) <= 14 and (m := PUBLISHED_LINE_RE.match(s)) and (when := _line_date(m.group("rest"))):
            kind = "publication date line"
            cue = "updated_date" if "updated" in m.group("how").lower() else "published_date"
            cues.setdefault(cue, when)
            cues.setdefault(cue + "_evidence", s)
        elif PROMO_RE.search(s) and (m2 := READING_OUTLET_RE.search(s)):
            kind = "outlet promotion"
            cues.setdefault("outlet", m2.group("outlet").strip())
            cues.setdefault("outlet_evidence", s[:80])
        elif PROMO_RE.search(s) and len(s.split()) < 60:
            kind = "outlet promotion"
        elif (i < first_body or i > last_body) and MENU_WORD_RE.match(s) and not re.search(r"[.!?]$", s):
            kind = "menu or navigation"
        elif i in content_lines[:4] and (m := WIRE_DATELINE_RE.match(s)):
            # Not residue: the dateline opens the lead sentence, which stays a claim.
            if m.group("outlet"):
                cues.setdefault("outlet", m.group("outlet").strip())
                cues.setdefault("outlet_evidence", m.group(0).strip())
            cues.setdefault("wire_date", m.group("when") + (" " + m.group("year") if m.group("year") else ""))
            cues.setdefault("wire_date_evidence", m.group(0).strip())
        if kind:
            residue.append(Residue(kind, s[:120], i + 1))
            _blank(chars, offsets[i], offsets[i] + len(ln))
    return "".join(chars), residue, cues


def _full_date(written: str) -> date | None:
    """The date a FULL_DATE_RE match writes ("15 October 2026", "Oct. 29, 2026"), or None."""
    import dateparser

    dt = dateparser.parse(written, languages=["en"], settings={"STRICT_PARSING": True})
    return dt.date() if dt else None


def _line_date(text: str) -> str | None:
    """The ISO date of the first full date in a byline or publication line ("15 October 2026", "Oct. 29, 2026")."""
    m = FULL_DATE_RE.search(text)
    d = _full_date(m.group(0)) if m else None
    return d.isoformat() if d and parse_published(d.isoformat()) else None


def _reads_as_outlet(name: str) -> bool:
    """A name on a line of its own that reads as an outlet's ("The Ashvale Gazette", "Reuters"), not a place's or a
    reporter's role ("Chief Reporter")."""
    return bool(OUTLET_HINT.search(name) or is_outlet_name(name)) and not ROLE_WORDS.search(name)


def _byline_cues(cues: dict[str, str], line: str, outlet: str, when: str | None) -> None:
    """Record a reporter's line's outlet and date (the first such line wins), with the line as evidence."""
    if outlet:
        cues.setdefault("outlet", outlet)
        cues.setdefault("outlet_evidence", line)
    if when:
        cues.setdefault("byline_date", when)
        cues.setdefault("byline_date_evidence", line)


def _pipe_byline(line: str) -> tuple[str, str] | None:
    """(outlet, ISO date) of a reporter's line in parts between bars: one part a full date, one a reporter ("By
    Priya Raman", or a name of two to four capitalised words as the first part), the outlet among the others;
    None when the line is not one (a section trail such as "Politics | Europe | 6 November 2026")."""
    when = _line_date(line)
    if when is None:
        return None
    # The date out first ("Oct. 29, 2026" has a comma of its own), and a weekday left before it.
    parts = [p.strip(" ,") for p in re.split(BYLINE_SEP, FULL_DATE_RE.sub(" ", line))]
    rest = [p for p in parts if p and not re.fullmatch(rf"(?:{WEEKDAYS})?", p)]
    by = next((p for p in rest if re.match(r"[Bb]y\s", p) and PERSON_RE.fullmatch(p)), None)
    if by is None:
        # No "By": the reporter is the first part, unless it reads as an outlet's name and the second does not
        # ("The Morning Ledger | Samuel Okoro | 13 October 2026").
        names = [p for p in rest if PERSON_RE.fullmatch(p) and not NOT_A_NAME.search(p)]
        people = [p for p in names if not OUTLET_HINT.search(p) and not is_outlet_name(p)]
        if not rest or rest[0] not in names or not people:
            return None
        by = rest[0] if rest[0] in people else people[0]
    outlet, _ = _byline_parts(" | ".join(p for p in rest if p is not by))
    return outlet, when


def file_date(name: str) -> str | None:
    """The ISO date a file's name gives ("bourse_daily_2026-03-06.txt"), or None: one date, and a real one."""
    found = FILE_DATE_RE.findall(Path(name).name)
    if len(found) != 1:
        return None
    try:
        return date(int(found[0][0]), int(found[0][1]), int(found[0][2])).isoformat()
    except ValueError:
        return None


def _wire_year(when: str, others: list[date]) -> str | None:
    """The ISO date of a wire dateline's day ("Oct 31"), its year taken from the other articles' publication
    dates (the nearest); None without them or when the day does not exist."""
    m = re.match(r"([A-Za-z]+)\.?\s+(\d{1,2})$|(\d{1,2})\s+([A-Za-z]+)\.?$", when.strip())
    if not m or not others:
        return None
    mon, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    try:
        mo = month_number(mon)
    except ValueError:
        return None
    best: tuple[int, date] | None = None
    for y in sorted({d.year + k for d in others for k in (-1, 0, 1)}):
        try:
            cand = date(y, mo, int(day))
        except ValueError:
            continue
        gap = min(abs((cand - d).days) for d in others)
        if best is None or gap < best[0]:
            best = (gap, cand)
    return best[1].isoformat() if best and best[0] <= 366 else None


def _byline_parts(rest: str) -> tuple[str, str | None]:
    """(outlet, ISO date) named after a byline's reporter: the date is any full date in it; the outlet, the
    first remaining part of one to six capitalised words that is not a role ("Political Editor") or a place
    line ("in London")."""
    when = _line_date(rest)
    rest = FULL_DATE_RE.sub(" ", rest)
    rest = re.sub(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?|GMT|UTC|BST|CET|EST|EDT|PST|ET)?\b", " ", rest, flags=re.I)
    for part in re.split(r"\s*(?:[,|•;]|\s[-–—]\s)\s*", rest):
        part = part.strip(" .-–—()")
        words = part.split()
        if (1 <= len(words) <= 6 and part[:1].isupper() and not re.search(r"\d", part) and not ROLE_WORDS.search(part)
                and not re.match(r"(?i)(?:in|at|from|for)\b", part)
                and not re.fullmatch(WEEKDAYS, part)):
            return part, when
    return "", when


# 5. Metadata -------------------------------------------------------------------------

FULL_DATE_RE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(?:19|20)\d{2}"
    r"|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)\d{2}"
    r"|(?:19|20)\d{2}-\d{2}-\d{2})\b"
)
RELAY_HEAD_RE = re.compile(r"(?:,|-|–|—)\s*(?i:says?|reports?|writes?|according to)?\s*(?P<o>[A-Z][\w.&' ]{1,30}?)\s*[.!]?\s*$")
RELAY_LEAD_RE = re.compile(
    r"\b(?P<o>[A-Z][\w.&']+(?: [A-Z][\w.&']+){0,3}) (?:reports|writes|notes|says|reported|wrote)\b"
    r"|\baccording to (?P<o2>[A-Z][\w.&']+(?: [A-Z][\w.&']+){0,3})"
    r"|(?P<o3>[A-Z][\w.&']+(?: [A-Z][\w.&']+){0,3}) writes about this"
)
OUTLET_WORDS = re.compile(
    r"^(?:Bloomberg|Reuters|AP|AFP|Associated Press|BBC|CNN|Le Monde|The New York Times|New York Times|"
    r"The Guardian|Guardian|Washington Post|The Washington Post|Financial Times|The Economist|Al Jazeera|"
    r"Meduza|TASS|Interfax|RIA Novosti|Axios|Politico|The Wall Street Journal|Wall Street Journal|WSJ|"
    r"Boston Herald|L\.A\. Times|Los Angeles Times|ESPN|NPR|Sky News|Deutsche Welle|DW|Kyiv Independent|UNN|"
    r"Ukrainska Pravda|Haaretz|Times of Israel|Der Spiegel|Nikkei|Xinhua|Yonhap)$"
)


def is_outlet_name(name: str) -> bool:
    """A known news outlet (used to tell relays from people and countries)."""
    return bool(OUTLET_WORDS.match(name.strip()))


PUBLISHED_YEARS = (1000, 8999)


@functools.lru_cache(maxsize=65536)
def parse_published(value: str) -> tuple[date, date] | None:
    """An ISO date or year-month as a (first day, last day) interval (memoised: findings ask per pair)."""
    import calendar

    value = value.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not m:
        return None
    y, mo = int(m.group(1)), int(m.group(2))
    # Year 1 or 9999 parse, but date arithmetic around them (publication minus 45 days) overflows.
    if not 1 <= mo <= 12 or not PUBLISHED_YEARS[0] <= y <= PUBLISHED_YEARS[1]:
        return None
    try:
        if m.group(3):
            d = date(y, mo, int(m.group(3)))
            return d, d
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    except ValueError:
        return None


def _dateline_to_iso(cue: str) -> str | None:
    m = re.match(r"(\d{1,2})\.(\d{1,2})\.(\d{2,4})", cue)
    if not m:
        return None
    d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if y < 100:
        y += 2000
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


# A sentence about what is to come: its date says nothing of when the article was written.
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|would|is to|are to|to be held|scheduled|set for|set to|due|expected|planned|plans?|next|upcoming|"
    r"deadline|until|by the end of)\b", re.I)

SCHEDULED_FOR = re.compile(rf"\bfor\s+(?:(?:{WEEKDAYS}),?\s+)?$", re.I)  # "elections for 13 December 2026"


def infer_published(text: str) -> str | None:
    """The latest full date the text mentions (ISO), if any, leaving out dates in sentences about what is
    to come ("Marek set new elections for 13 December", "the trial will open on March 3, 2027"): an
    article is written after what it reports, not after what it announces."""
    best: date | None = None
    for m in FULL_DATE_RE.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        ends = [e for e in (text.find(". ", m.end()), text.find("\n", m.end())) if e >= 0]
        if FUTURE_CUE.search(text[start : min(ends) if ends else len(text)]) or SCHEDULED_FOR.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        d = _full_date(m.group(0))
        if d and (best is None or d > best):
            best = d
    return best.isoformat() if best else None


def find_relays(title: str, lead: str) -> tuple[str, ...]:
    """Outlets an article passes on: named at the end of its headline or as the reporter of its lead."""
    found: list[str] = []
    m = RELAY_HEAD_RE.search(title)
    if m and is_outlet_name(m.group("o")):
        found.append(m.group("o").strip())
    for m in RELAY_LEAD_RE.finditer(lead):
        name = (m.group("o") or m.group("o2") or m.group("o3") or "").strip()
        name = re.sub(r"^(?:The|the) (?=New York Times|Washington Post|Guardian|Economist)", "The ", name)
        if is_outlet_name(name) and name not in found:
            found.append(name)
    return tuple(found)


def load_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Read a sources.toml; keys are resolved file paths. Errors name the entry and field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ManifestError(f"{path}: not valid TOML: {e}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ManifestError(f"{path}: cannot read manifest: {e}") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ManifestError(f"{path}: [[source]] entries expected")
    out: dict[str, ManifestEntry] = {}
    for n, e in enumerate(entries, 1):
        where = f"{path}: [[source]] #{n}"  # names below are quoted: a line break must not split the error
        if not isinstance(e, dict) or not isinstance(e.get("file"), str):
            raise ManifestError(f"{where}: missing field 'file'")
        unknown = set(e) - {"file", "outlet", "published", "url", "relays"}
        if unknown:
            raise ManifestError(f"{where} ({e['file']!r}): unknown field(s) {', '.join(repr(k) for k in sorted(unknown))}")
        try:
            target = (path.parent / e["file"]).resolve()
            found = target.exists()
        except (OSError, ValueError):  # a NUL byte or an over-long name
            found = False
        if not found:
            raise ManifestError(f"{where}: file {e['file']!r} does not exist next to the manifest")
        pub = e.get("published")
        if pub is not None:
            pub = str(pub)  # TOML dates arrive as datetime.date
            if parse_published(pub) is None:
                lo, hi = PUBLISHED_YEARS
                raise ManifestError(f"{where} ({e['file']!r}): field 'published' = {pub!r} is not YYYY-MM-DD or YYYY-MM (years {lo}-{hi})")
        relays = e.get("relays", [])
        if not isinstance(relays, list) or not all(isinstance(r, str) for r in relays):
            raise ManifestError(f"{where} ({e['file']!r}): field 'relays' must be a list of strings")
        for fld in ("outlet", "url"):
            if fld in e and not isinstance(e[fld], str):
                raise ManifestError(f"{where} ({e['file']!r}): field '{fld}' must be a string")
        out[str(target)] = ManifestEntry(e.get("outlet"), pub, e.get("url"), tuple(relays))
    return out


def _html_extract(raw: str) -> tuple[str, dict[str, str]]:
    import trafilatura

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        return "", {}
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    meta = {k: str(get(k)) for k in ("title", "sitename", "date", "url") if get(k)}
    if "sitename" not in meta and (site := _title_outlet(raw, meta.get("title", ""))):
        meta["sitename"] = site
    body = get("text") or ""
    title = meta.get("title", "")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return text, meta


PAGE_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _title_outlet(raw: str, headline: str) -> str:
    """The outlet a page's <title> names after its headline ("Nimbrix's long road to the public market | The
    Investors' Bulletin"): the part after the last bar or dash, when the part before it is the headline and it
    is a short capitalised name with no digits; '' otherwise."""
    import html

    m = PAGE_TITLE_RE.search(raw[:20000])
    if not m or not headline:
        return ""
    full = " ".join(html.unescape(m.group(1)).split())
    parts = re.split(r"\s+(?:\||-|–|—|::|·)\s+", full)
    if len(parts) < 2:
        return ""
    site, head = parts[-1].strip(), " ".join(full[: len(full) - len(parts[-1])].split()).rstrip(" |-–—:·")
    words = site.split()
    if (head.lower() != " ".join(headline.split()).lower() or not 1 <= len(words) <= 6 or re.search(r"\d", site)
            or not all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&", "for", "on") for w in words)):
        return ""
    return site


class _PageText:
    """The text runs of an HTML page with the source line each starts on (html.parser, entities decoded;
    script and style content left out)."""

    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self, raw: str) -> None:
        from html.parser import HTMLParser

        runs: list[tuple[str, int]] = []
        depth = 0

        class Parser(HTMLParser):
            def handle_starttag(self, tag: str, attrs: object) -> None:
                nonlocal depth
                depth += tag in _PageText.SKIP

            def handle_endtag(self, tag: str) -> None:
                nonlocal depth
                depth -= depth > 0 and tag in _PageText.SKIP

            def handle_data(self, data: str) -> None:
                if not depth:
                    runs.append((data, self.getpos()[0]))

        parser = Parser(convert_charrefs=True)
        try:
            parser.feed(raw)
            parser.close()
        except Exception:  # noqa: BLE001 - html.parser is lenient; a page it gives up on maps no line
            runs = []
        # The page's visible characters without white space, and where each source line begins in them.
        parts: list[str] = []
        self.starts: list[int] = []  # offset in self.text of each piece below
        self.lines: list[int] = []  # the source line of each piece
        size = 0
        for data, line in runs:
            for k, seg in enumerate(data.split("\n")):
                seg = "".join(seg.split())
                if seg:
                    self.starts.append(size)
                    self.lines.append(line + k)
                    parts.append(seg)
                    size += len(seg)
        self.text = "".join(parts)

    def line_at(self, pos: int) -> int:
        return self.lines[bisect.bisect_right(self.starts, pos) - 1]


# How far past the previous line the next line of the article is looked for, in non-space characters of
# the page (its own text and what lies between: links, captions); beyond it, a line is not found.
LINE_WINDOW = 200_000
LEAD_LINES = 20


def html_line_map(raw: str, text: str) -> tuple[tuple[int, int], ...]:
    """Where the text extracted from the HTML page `raw` lies in the page's source, so that `file:line`
    points into the file a reader opens: (offset in `text`, source line) at each point where the source line
    changes, in order; () when no line of the text is found on the page.

    Each line of the text is looked up by its first 60 non-space characters, within LINE_WINDOW after
    where the previous line was found (the article's order); until one is found (the title trafilatura
    puts first may not be on the page), anywhere on the page, for the first LEAD_LINES lines. Where the
    whole line is on the page as it is, each of its characters has its own source line (a paragraph
    wrapped over several); a line not found (text trafilatura rewrote) is in the source line of the text
    before it."""
    page = _PageText(raw)
    anchors: list[tuple[int, int]] = []
    at = offset = 0
    for n, ln in enumerate(text.split("\n")):
        if not anchors and n >= LEAD_LINES:
            return ()  # not this page's text (or not as html.parser reads it): lines of the extracted text
        nonspace = [i for i, ch in enumerate(ln) if not ch.isspace()]
        whole = "".join(ln[i] for i in nonspace)
        key = whole[:60]
        lo, hi = (at, at + LINE_WINDOW + len(key)) if anchors else (0, len(page.text))
        pos = page.text.find(key, lo, hi) if key else -1
        if pos >= 0:
            anchors.append((offset + nonspace[0], page.line_at(pos)))
            if page.text.startswith(whole, pos):  # the line's own characters: where a source line begins in it
                for k in range(bisect.bisect_right(page.starts, pos), bisect.bisect_left(page.starts, pos + len(whole))):
                    if page.lines[k] != anchors[-1][1]:
                        anchors.append((offset + nonspace[page.starts[k] - pos], page.lines[k]))
            at = max(at, pos + len(key))
        offset += len(ln) + 1
    if not anchors:
        return ()
    return ((0, anchors[0][1]), *anchors) if anchors[0][0] else tuple(anchors)


def html_line(line_map: tuple[tuple[int, int], ...], offset: int) -> int:
    """The source line of a page that the extracted text at `offset` comes from (see html_line_map)."""
    return line_map[max(0, bisect.bisect_right(line_map, (offset, float("inf"))) - 1)][1]


def _file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, kind in ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket")):
        if test(mode):
            return kind
    return "special file"


def read_source(path: Path, base: Path, settings: Settings, manifest: dict[str, ManifestEntry]) -> Source | Skipped:
    """Read one file into a Source, or say why it is skipped."""
    name = _shown(path, base)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            # A FIFO blocks open() forever and /dev/zero never ends: read regular files only.
            return Skipped(name, f"not a regular file ({_file_kind(st.st_mode)})")
        if st.st_size > settings.max_bytes:
            return Skipped(name, f"larger than --max-bytes ({st.st_size:,} > {settings.max_bytes:,} bytes)")
        with path.open("rb") as f:
            # Never more than one byte past the limit, so a file that grew after stat() cannot exhaust
            # memory (and a small file does not get a max_bytes buffer).
            data = f.read(st.st_size + 1)
            if len(data) > st.st_size:  # it grew, or its file system does not know its size (/proc)
                data += f.read(settings.max_bytes + 1 - len(data))
        if len(data) > settings.max_bytes:
            return Skipped(name, f"larger than --max-bytes (> {settings.max_bytes:,} bytes)")
    except PermissionError:
        return Skipped(name, "permission denied")
    except OSError as e:
        return Skipped(name, f"cannot read: {e.strerror or e}")
    if not data.strip():
        return Skipped(name, "empty file" if not data else "only whitespace")
    kind = sniff_binary(data)
    if kind:
        return Skipped(name, f"binary file ({kind}), not an article")
    decoded = decode(data)
    if decoded is None:
        return Skipped(name, "undecodable bytes (no text encoding fits)")
    text, encoding = decoded
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return Skipped(name, "only whitespace")
    ftype = ARTICLE_EXTS.get(path.suffix.lower(), "txt")
    html_meta: dict[str, str] = {}
    line_map: tuple[tuple[int, int], ...] = ()
    if ftype == "html":
        raw, (text, html_meta) = text, _html_extract(text)
        if not text.strip():
            return Skipped(name, "HTML page with no extractable article text")
        line_map = html_line_map(raw, text)
    if not looks_english(text):
        return Skipped(name, "not English (reconcile reads English articles only)")
    clean, residue, cues = clean_residue(text)
    if not clean.strip():
        return Skipped(name, "no article text left after removing page residue")
    first_lines = [ln.strip() for ln in clean.splitlines() if ln.strip()]
    title = html_meta.get("title") or (first_lines[0] if first_lines else "")
    lead = " ".join(first_lines[:4])
    entry = manifest.get(str(path.resolve()), ManifestEntry())

    outlet = None
    if entry.outlet:
        outlet = Meta(entry.outlet, "manifest")
    elif html_meta.get("sitename"):
        outlet = Meta(html_meta["sitename"], "html")
    elif cues.get("outlet"):
        outlet = Meta(cues["outlet"], "text", cues.get("outlet_evidence", ""))

    published = None
    if entry.published:
        published = Meta(entry.published, "manifest")
    elif html_meta.get("date") and parse_published(html_meta["date"][:10]):
        published = Meta(html_meta["date"][:10], "html")
    elif cues.get("dateline") and (iso := _dateline_to_iso(cues["dateline"])):
        published = Meta(iso, "text", cues["dateline"])
    elif cue := next((c for c in ("published_date", "byline_date", "updated_date") if cues.get(c)), None):
        # A "Published:" line, else the byline's date, else an "Updated:" line (the first publication dates an article).
        published = Meta(cues[cue], "text", cues.get(cue + "_evidence", ""))
    elif cues.get("wire_date") and (d := _full_date(cues["wire_date"])) and re.search(r"\d{4}", cues["wire_date"]):
        published = Meta(d.isoformat(), "text", cues["wire_date_evidence"])
    elif cues.get("wire_date"):
        # A day without its year ("PORT ALDRIN, Nov 5 (Meridian Wire) -"): kept as written (origin "wire") until
        # `ingest` has read the other articles and takes the year from theirs (`_date_wire_datelines`).
        published = Meta(cues["wire_date"], "wire", cues["wire_date_evidence"])
    elif iso := file_date(name):
        published = Meta(iso, "file name", name)
    elif iso := infer_published(clean):
        published = Meta(iso, "inferred", "latest full date in the text")

    url = Meta(entry.url, "manifest") if entry.url else (Meta(html_meta["url"], "html") if html_meta.get("url") else None)
    relays = entry.relays or find_relays(title, lead)
    return Source(
        file=name,
        path=str(path),
        text=text,
        clean=clean,
        sha256=hashlib.sha256(" ".join(clean.split()).encode()).hexdigest(),
        encoding=encoding,
        kind=ftype,
        title=title[:300],
        outlet=outlet,
        published=published,
        url=url,
        relays=tuple(relays),
        residue=tuple(residue),
        line_map=line_map,
    )


def _shown(path: Path, base: Path) -> str:
    """The name a report shows for a file: its path relative to the PATH it was found under."""
    return str(path.relative_to(base)) if path.is_relative_to(base) else path.name


def _unique_names(files: list[tuple[Path, Path]]) -> list[tuple[Path, Path]]:
    """Each file once, each under a name no other file shows (names key claims and findings)."""
    # A file named twice (a folder and a file in it) is read once, named from the top-most PATH,
    # whatever the argument order.
    def depth(base: Path) -> tuple[int, str]:
        return len(Path(os.path.abspath(base)).parts), str(base)

    by_file: dict[str, tuple[Path, Path]] = {}
    for f, b in files:
        key = os.path.abspath(f)
        if key not in by_file or depth(b) < depth(by_file[key][1]):
            by_file[key] = (f, b)
    out = list(by_file.values())
    names = [_shown(f, b) for f, b in out]
    if len(set(names)) == len(names):
        return out
    # x/a.txt and y/a.txt would both show as "a.txt": name every file from the folder above all PATHs.
    top = Path(os.path.commonpath([os.path.abspath(b) for _, b in out]))
    return [(Path(os.path.abspath(f)), top) for f, _ in out]


def _date_wire_datelines(sources: list[Source]) -> list[Source]:
    """Give a wire dateline without a year ("Oct 31") the year of the nearest publication date the other
    articles state (never an inferred one); without any, the article's latest full date (inferred), if any."""
    others = sorted({pub[0] for s in sources if s.published and s.published.origin in ("manifest", "html", "text", "file name")
                     and (pub := parse_published(s.published.value))})
    out = []
    for s in sources:
        if s.published and s.published.origin == "wire":
            iso = _wire_year(s.published.value, others)
            if iso:
                pub = Meta(iso, "text", f"{s.published.evidence} (the year from the other articles)")
            else:
                inferred = infer_published(s.clean)
                pub = Meta(inferred, "inferred", "latest full date in the text") if inferred else None
            s = replace(s, published=pub)
        out.append(s)
    return out


def ingest(paths: list[str], settings: Settings, manifest_path: str | None = None) -> Corpus:
    """Read every PATH into Sources; every file found is either a Source or a Skipped."""
    files, skipped = collect_paths(paths)
    files = _unique_names(files)
    # Read in a stable order so the kept copy of a duplicate does not depend on argument order.
    files.sort(key=lambda fb: (fb[0].name, str(fb[0])))
    manifest: dict[str, ManifestEntry] = {}
    manifests = [Path(manifest_path)] if manifest_path else []
    if not manifest_path:
        for raw in paths:
            p = Path(raw)
            cand = (p if p.is_dir() else p.parent) / MANIFEST_NAME
            if cand.is_file() and cand not in manifests:
                manifests.append(cand)
    for mp in manifests:
        if not mp.is_file():
            raise ManifestError(f"{mp}: manifest not found")
        manifest.update(load_manifest(mp))
    sources: list[Source] = []
    seen: dict[str, str] = {}
    # A bar for long reads (10,000 files take about 20 s).
    for path, base in progress(files, settings, "reading articles", "file"):
        got = read_source(path, base, settings, manifest)
        if isinstance(got, Skipped):
            skipped.append(got)
            continue
        if got.sha256 in seen:
            got = replace(got, duplicate_of=seen[got.sha256])
            skipped.append(Skipped(got.file, f"duplicate of {seen[got.sha256]} (same text)"))
            continue
        seen[got.sha256] = got.file
        sources.append(got)
    sources.sort(key=lambda s: s.file)
    sources = _date_wire_datelines(sources)
    skipped.sort(key=lambda s: s.path)
    # The report's name must not depend on argument order: one folder gives its name, several
    # paths their common folder's.
    resolved = sorted(Path(p).resolve() for p in paths)
    if len(resolved) == 1:
        name = resolved[0].name if resolved[0].is_dir() else resolved[0].stem
    else:
        name = Path(os.path.commonpath([str(p if p.is_dir() else p.parent) for p in resolved])).name
    name = name or "corpus"
    return Corpus(tuple(sources), tuple(skipped), name)
