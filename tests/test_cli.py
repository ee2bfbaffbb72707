"""The command line through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from reconcile.cli import cli


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", ["claims", "report", "eval"])
def test_every_command_has_help_with_example(runner, command):
    r = runner.invoke(cli, [command, "--help"])
    assert r.exit_code == 0 and "Example:" in r.output


def test_version(runner):
    r = runner.invoke(cli, ["--version"])
    assert r.exit_code == 0 and "reconcile, version" in r.output


def test_claims_table_and_json(runner):
    r = runner.invoke(cli, ["claims", str(SEEDS), "--checkable-only", "--quiet"])
    assert r.exit_code == 0 and "003_83472a3ae774d39c.txt:27" in r.output
    r = runner.invoke(cli, ["claims", str(SEEDS / "003_83472a3ae774d39c.txt"), "--format", "json", "--quiet"])
    data = json.loads(r.stdout)
    assert any("January 2025" in c["text"] for c in data["claims"])


def test_claims_verbose_shows_residue(runner):
    r = runner.invoke(cli, ["claims", str(SEEDS), "-v"])
    assert r.exit_code == 0 and "[image file name]" in r.stderr


def test_missing_path_is_one_line_error(runner):
    r = runner.invoke(cli, ["claims", "/no/such/folder"])
    assert r.exit_code == 1
    assert r.output.strip() == "Error: /no/such/folder: no such file or folder"


def test_folder_without_articles(runner, tmp_path):
    (tmp_path / "x.csv").write_text("a,b")
    r = runner.invoke(cli, ["claims", str(tmp_path)])
    assert r.exit_code == 1 and "no usable articles" in r.output and "Traceback" not in r.output


def test_malformed_manifest_names_field(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Some headline here now\n\nThe mayor said the bridge closed on Monday.\n")
    (tmp_path / "sources.toml").write_text('[[source]]\nfile = "a.txt"\npublished = "yesterday"\n')
    r = runner.invoke(cli, ["claims", str(tmp_path)])
    assert r.exit_code == 1 and "published" in r.output and "Traceback" not in r.output


def test_report_json_to_stdout(runner, cache_dir):
    r = runner.invoke(cli, ["report", str(SEEDS), "--format", "json", "-o", "-", "--quiet", "--cache-dir", str(cache_dir)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert {"claims", "clusters", "findings", "sources", "skipped"} <= set(data)


def test_report_markdown_file(runner, cache_dir, tmp_path):
    out = tmp_path / "r.md"
    r = runner.invoke(cli, ["report", str(SEEDS), "-o", str(out), "--quiet", "--cache-dir", str(cache_dir)])
    assert r.exit_code == 0, r.output
    text = out.read_text()
    assert "## Discrepancies" in text and "signed" in text


def test_unknown_model_is_clear_error(runner, tmp_path):
    r = runner.invoke(cli, ["report", str(SEEDS), "--model", str(tmp_path / "nope"), "--no-cache", "-o", "-", "--quiet"])
    assert r.exit_code == 1 and "cannot load embedding model" in r.output and "Traceback" not in r.output


def test_threshold_order_checked(runner):
    r = runner.invoke(cli, ["report", str(SEEDS), "--match-threshold", "0.5", "--suggest-threshold", "0.7"])
    assert r.exit_code == 2 and "suggest-threshold" in r.output


def test_unknown_precision_is_a_usage_error(runner, monkeypatch):
    r = runner.invoke(cli, ["report", str(SEEDS), "--precision", "int4"])
    assert r.exit_code == 2 and "precision" in r.output and "Traceback" not in r.output
    monkeypatch.setenv("RECONCILE_PRECISION", "fp16")
    r = runner.invoke(cli, ["check", "-", "--against", str(SEEDS)], input="x")
    assert r.exit_code == 2 and "precision" in r.output


def test_device_option(runner, monkeypatch, tmp_path):
    """A device name that is none is a usage error; a GPU torch cannot see is the model's one-line error
    (this project installs the CPU build of torch), not a traceback."""
    r = runner.invoke(cli, ["report", str(SEEDS), "--device", "gpu"])
    assert r.exit_code == 2 and "'gpu' is not a device" in r.output
    monkeypatch.setenv("RECONCILE_DEVICE", "cuda:x")
    r = runner.invoke(cli, ["check", "-", "--against", str(SEEDS)], input="x")
    assert r.exit_code == 2 and "not a device" in r.output
    monkeypatch.delenv("RECONCILE_DEVICE")
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a CUDA GPU")
    r = runner.invoke(cli, ["report", str(SEEDS), "--device", "cuda", "--no-cache", "--quiet", "-o", str(tmp_path / "r.md")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert "device 'cuda' is not available" in r.output and len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "r.md").exists()


def test_bad_gold_file(runner, tmp_path):
    g = tmp_path / "g.toml"
    g.write_text("corpus = [")
    r = runner.invoke(cli, ["eval", str(g)])
    assert r.exit_code == 1 and "not valid TOML" in r.output


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    """A bug must still end in one line and exit 1 (RECONCILE_DEBUG=1 shows the traceback)."""
    import reconcile.cli as rc

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    monkeypatch.setattr(rc.cli, "main", boom)
    monkeypatch.delenv("RECONCILE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as e:
        rc.main()
    err = capsys.readouterr().err
    assert e.value.code == 1 and err.count("\n") == 1 and "internal error (ValueError: boom)" in err
    monkeypatch.setenv("RECONCILE_DEBUG", "1")
    with pytest.raises(ValueError):
        rc.main()
