"""Shared fixtures: the real packaged model for golden runs, a fake embedder for unit tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from reconcile.embed import Embedder
from reconcile.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


class FakeEmbedder(Embedder):
    """Deterministic bag-of-words vectors: texts sharing words are close."""

    name = "fake"

    def embed_batch(self, texts):  # type: ignore[no-untyped-def]
        out = np.zeros((len(texts), 256), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % 256] += 1.0
        return out


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="session")
def settings(cache_dir: Path) -> Settings:
    return Settings(cache_dir=cache_dir, quiet=True)


@pytest.fixture(scope="session")
def seeds_result(settings: Settings):  # type: ignore[no-untyped-def]
    from reconcile.pipeline import run

    return run([str(SEEDS)], settings)


@pytest.fixture(scope="session")
def seeds_json(seeds_result):  # type: ignore[no-untyped-def]
    from reconcile.report import to_json

    return to_json(seeds_result)


@pytest.fixture(scope="session")
def seed_claims(settings: Settings):  # type: ignore[no-untyped-def]
    from reconcile.pipeline import extract_corpus

    corpus, claims = extract_corpus([str(SEEDS)], settings)
    return corpus, claims


@pytest.fixture(scope="session")
def embedder(settings: Settings):  # type: ignore[no-untyped-def]
    """One loaded model for the session (the CLI would load it for every invocation)."""
    from reconcile.embed import make_embedder

    e = make_embedder(settings)
    e.preload()  # in this process, once: a run would otherwise load it in a child process of its own
    return e


@pytest.fixture()
def shared_model(monkeypatch, embedder):  # type: ignore[no-untyped-def]
    """CLI runs in this test reuse the session's loaded model."""
    import reconcile.pipeline

    monkeypatch.setattr(reconcile.pipeline, "make_embedder", lambda settings: embedder)


def find_claim(claims, file_prefix: str, quote: str):  # type: ignore[no-untyped-def]
    """The claim of a file (by name prefix) whose text contains quote."""
    for c in claims:
        if c.source_file.startswith(file_prefix) and quote in c.text:
            return c
    raise AssertionError(f"no claim in {file_prefix} contains {quote!r}")
