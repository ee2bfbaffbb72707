"""On-disk caches in SQLite: the shared handling, and the per-source claim cache.

Both caches (embeddings, claims) live as separate files in one cache folder. Each file is opened in WAL
mode with a busy timeout, so concurrent runs wait instead of failing; every write is one transaction, so
an interrupted run leaves the file as it was before that write; a corrupt or foreign file is rebuilt.

The claim cache stores the output of `claims.source_claims` for one Source, keyed by a hash of everything
that output depends on: the source's clean text, file name, outlet, publication date and relays, the
settings extraction reads, the versions of the libraries it calls, the source code of the modules that
make claims, and `EXTRACTOR_VERSION`. An edit to any of them is a cache miss, never a stale hit.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import time
import types
import typing
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import CacheError
from .models import Claim, Source
from .settings import Settings

# Bump when extraction changes in a way the digests below cannot see (a library's data files, say).
EXTRACTOR_VERSION = "1"
# The settings `source_claims` reads; tests/test_cache.py checks that it reads no others.
EXTRACTION_SETTINGS = ("max_sentence_chars", "approx_tolerance")
# The modules whose code decides a source's claims, and the libraries they call.
EXTRACTION_MODULES = ("claims.py", "extract.py", "ingest.py", "models.py")
EXTRACTION_LIBRARIES = ("pysbd", "dateparser", "quantulum3", "rapidfuzz")


OPEN_TRIES = 5  # opening a cache file another run is creating (SqliteStore._open)


class SqliteStore:
    """A SQLite file with a schema stamp: WAL mode, a busy timeout, rebuilt when corrupt or foreign."""

    schema = "1"
    what = "cache"

    def __init__(self, path: Path, warn: Callable[[str], None] = lambda m: None):
        self.path = path
        self.warn = warn
        self.conn = self._open()

    def create_tables(self, conn: sqlite3.Connection) -> None:  # pragma: no cover - interface
        """Create this store's tables (IF NOT EXISTS) and touch them once."""
        raise NotImplementedError

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "meta" not in tables:
                raise sqlite3.DatabaseError("not a reconcile cache")  # another program's file: rebuilt, never adopted
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (self.schema,))
            elif row[0] != self.schema:
                raise sqlite3.DatabaseError("foreign schema")
            self.create_tables(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise CacheError(f"cannot create cache folder {self.path.parent}: {e.strerror}; use --no-cache or --cache-dir") from None
        for attempt in range(OPEN_TRIES):
            started = time.monotonic()
            try:
                return self._connect()
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e):
                    # Two runs opening one new file at once: switching it to WAL needs a lock SQLite may refuse at
                    # once, without waiting out the busy timeout (seen once in the concurrency test): tried again a
                    # few times. A file held past the busy timeout is busy: not corruption, never deleted.
                    if attempt + 1 < OPEN_TRIES and time.monotonic() - started < 5:
                        time.sleep(0.2 * (attempt + 1))
                        continue
                    raise CacheError(f"cache {self.path} is busy ({e}); try again, or use --no-cache") from None
                self.warn(f"{self.what} {self.path} is corrupt or not a reconcile cache ({e}); rebuilding it")
                return self._rebuild()
            except sqlite3.DatabaseError as e:
                self.warn(f"{self.what} {self.path} is corrupt or not a reconcile cache ({e}); rebuilding it")
                return self._rebuild()
        raise AssertionError("unreachable")  # pragma: no cover

    def _rebuild(self) -> sqlite3.Connection:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(str(self.path) + suffix)
            except FileNotFoundError:
                pass
        try:
            return self._connect()
        except sqlite3.Error as e2:
            raise CacheError(f"cannot rebuild cache {self.path}: {e2}; use --no-cache") from None

    def write(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """All rows in one transaction: an interrupted or failed write leaves the file as it was."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.executemany(sql, rows)
            self.conn.execute("COMMIT")
        except sqlite3.Error as e:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self.warn(f"could not write the {self.what} ({e}); continuing without storing")

    def select_in(self, sql: str, fixed: Sequence[Any], keys: Sequence[str]) -> Iterable[tuple[Any, ...]]:
        """Rows of `sql` (ending in `IN ({})`) for keys, queried in chunks under SQLite's variable limit."""
        for s in range(0, len(keys), 500):
            chunk = keys[s : s + 500]
            yield from self.conn.execute(sql.format(",".join("?" * len(chunk))), [*fixed, *chunk])

    def close(self) -> None:
        self.conn.close()


# Claims of one source --------------------------------------------------------------------------------


class ClaimCache(SqliteStore):
    """The claims of each source, before corpus-level merging, keyed by `claims_key`."""

    what = "claim cache"

    def create_tables(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, data BLOB)")
        conn.execute("SELECT count(*) FROM claims LIMIT 1").fetchone()

    def present(self, keys: Sequence[str]) -> set[str]:
        """The keys stored (without decoding their claims: a fraction of `get`'s time)."""
        return {key for (key,) in self.select_in("SELECT key FROM claims WHERE key IN ({})", (), sorted(set(keys)))}

    def get(self, keys: Sequence[str]) -> dict[str, list[Claim]]:
        """Cached claims for the keys present; an entry that does not decode is a miss."""
        out: dict[str, list[Claim]] = {}
        for key, blob in self.select_in("SELECT key, data FROM claims WHERE key IN ({})", (), sorted(set(keys))):
            try:
                out[key] = decode_claims(blob)
            except (ValueError, TypeError, KeyError, zlib.error):
                continue
        return out

    def put(self, items: dict[str, list[Claim]]) -> None:
        self.write("INSERT OR REPLACE INTO claims VALUES (?, ?)", [(k, encode_claims(v)) for k, v in sorted(items.items())])


def _fingerprint(modules: Iterable[str], libraries: Iterable[str]) -> str:
    """A digest of the named modules of this package and the installed versions of the libraries."""
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    here = Path(__file__).resolve().parent
    for name in modules:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for lib in libraries:
        try:
            h.update(f"{lib}={version(lib)}\0".encode())
        except PackageNotFoundError:
            h.update(f"{lib}=?\0".encode())
    return h.hexdigest()


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A digest of the code and library versions that extraction depends on (once per process)."""
    return _fingerprint(EXTRACTION_MODULES, EXTRACTION_LIBRARIES)


def claims_key(src: Source, settings: Settings) -> str:
    """The cache key of one source's claims: everything `source_claims` reads, and the code that reads it."""
    parts = {
        "code": extractor_fingerprint(),
        "settings": [getattr(settings, f) for f in EXTRACTION_SETTINGS],
        "file": src.file,
        "outlet": src.outlet.value if src.outlet else None,
        "published": src.published.value if src.published else None,
        "relays": list(src.relays),
        "clean": src.clean,
        "line_map": list(src.line_map),
    }
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


# A compact codec: a dataclass becomes the list of its field values, rebuilt from the type hints. JSON,
# not pickle, so a cache file can never run code; zlib, because claim text repeats a lot.


def _encode(v: Any) -> Any:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return [_encode(getattr(v, f.name)) for f in dataclasses.fields(v)]
    if isinstance(v, (tuple, list)):
        return [_encode(x) for x in v]
    return v


@lru_cache(maxsize=None)
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A function that rebuilds a value of type `tp` from its `_encode` form.

    A dataclass's decoder is generated as one function that builds the instance and its nested values
    in a single expression (a claim cache holds tens of thousands of claims: a generic loop over fields
    and their decoders took twice as long as reading the JSON)."""
    env: dict[str, Any] = {}
    body = _decode_expr(tp, "v", env, 0)
    src = f"def dec(v):\n    return {body}\n"
    exec(compile(src, f"<decoder of {getattr(tp, '__name__', tp)}>", "exec"), env)  # noqa: S102 - code made here, from type hints
    return env["dec"]


def _decode_expr(tp: Any, x: str, env: dict[str, Any], depth: int) -> str:
    """A Python expression that rebuilds a value of type `tp` from the expression `x` (its `_encode` form).
    Named callables go into `env`; `depth` keeps comprehension variables apart."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        name = f"_{tp.__name__}_{len(env)}"
        if depth == 0:
            hints = typing.get_type_hints(tp)
            fields = dataclasses.fields(tp)
            env[name] = tp
            env["_fields_check"] = _fields_check
            args = ", ".join(_decode_expr(hints[f.name], f"{x}[{i}]", env, depth + 1) for i, f in enumerate(fields))
            return f"{name}({args}) if _fields_check({x}, {len(fields)}, {tp.__name__!r}) else None"
        env[name] = _decoder(tp)
        return f"{name}({x})"
    if origin is tuple:
        args = typing.get_args(tp)
        y = f"y{depth}"
        if len(args) == 2 and args[1] is Ellipsis:
            inner = _decode_expr(args[0], y, env, depth + 1)
            return f"tuple({x})" if inner == y else f"tuple([{inner} for {y} in {x}])"
        parts = [_decode_expr(a, f"{y}[{i}]", env, depth + 1) for i, a in enumerate(args)]
        if all(p == f"{y}[{i}]" for i, p in enumerate(parts)):
            return f"tuple({x})[:{len(args)}]"
        name = f"_tuple_{len(env)}"
        env[name] = eval(f"lambda {y}: ({', '.join(parts)},)", env)  # noqa: S307 - code made here
        return f"{name}({x})"
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            return x
        inner = _decode_expr(args[0], x, env, depth)
        return x if inner == x else f"(None if {x} is None else {inner})"
    if tp is float:
        return f"float({x})"
    return x


def _fields_check(v: Any, n: int, what: str) -> bool:
    """True when a stored dataclass has as many fields as the class; else the entry is a miss."""
    if len(v) != n:
        raise ValueError(f"{what}: {len(v)} fields stored, {n} expected")
    return True


def encode_claims(claims: Sequence[Claim]) -> bytes:
    """Claims as compressed JSON."""
    return zlib.compress(json.dumps([_encode(c) for c in claims], ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 1)


def decode_claims(blob: bytes) -> list[Claim]:
    """The claims `encode_claims` stored."""
    dec = _decoder(Claim)
    return [dec(v) for v in json.loads(zlib.decompress(blob).decode("utf-8"))]


# Rendered outputs of whole runs ----------------------------------------------------------------------


class OutputCache(SqliteStore):
    """A report as rendered, keyed by `output_key`: a re-run over unchanged inputs, settings, model and
    code returns it without recomputing anything after ingest. The most recent `KEEP` outputs are kept."""

    what = "report cache"
    KEEP = 8

    def create_tables(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, text BLOB, meta TEXT, stamp INTEGER)")
        conn.execute("SELECT count(*) FROM outputs LIMIT 1").fetchone()

    def get(self, key: str) -> tuple[str, dict[str, Any]] | None:
        """The stored text and its notes; an entry that does not decode is a miss."""
        try:
            row = self.conn.execute("SELECT text, meta FROM outputs WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            return zlib.decompress(row[0]).decode("utf-8"), json.loads(row[1])
        except (sqlite3.Error, zlib.error, UnicodeDecodeError, ValueError):
            return None

    def put(self, key: str, text: str, meta: dict[str, Any]) -> None:
        import time

        self.write("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                   [(key, zlib.compress(text.encode("utf-8"), 1), json.dumps(meta, sort_keys=True), time.time_ns())])
        self.write("DELETE FROM outputs WHERE key NOT IN (SELECT key FROM outputs ORDER BY stamp DESC LIMIT ?)", [(self.KEEP,)])


# Everything a rendered report depends on besides its inputs: all of the package's code, and the
# libraries whose behaviour reaches the findings or their rendering.
OUTPUT_LIBRARIES = (*EXTRACTION_LIBRARIES, "numpy", "tabulate", "sentence-transformers", "transformers", "torch", "trafilatura", "charset-normalizer")
# Settings that change only what is printed on stderr or where the cache lives, not the output.
UI_SETTINGS = frozenset({"cache_dir", "use_cache", "verbose", "quiet"})


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of every module of the package and the versions of the libraries it calls."""
    return _fingerprint(sorted(p.name for p in Path(__file__).resolve().parent.glob("*.py")), OUTPUT_LIBRARIES)


def output_key(corpus: Any, settings: Settings, model_stamp: Any, variant: str) -> str:
    """The key of a rendered output: the whole ingested corpus (texts, metadata, skipped inputs), the
    settings that reach the findings, the model's identity, the code, and the variant (format, reviews)."""
    h = hashlib.sha256()
    h.update(code_fingerprint().encode())
    settings_part = {f.name: str(getattr(settings, f.name)) for f in dataclasses.fields(settings) if f.name not in UI_SETTINGS}
    h.update(json.dumps([settings_part, model_stamp, variant], sort_keys=True, ensure_ascii=False).encode("utf-8"))
    h.update(json.dumps(_encode(corpus), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return h.hexdigest()
