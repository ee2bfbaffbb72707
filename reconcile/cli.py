"""Command line: parse options, build Settings, call the library, write output. Nothing else."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ReconcileError
from .settings import CACHE_ENV, MODEL_ENV, Settings


def _settings(**kw: object) -> Settings:
    return Settings().with_(**kw)


def _fail(e: Exception) -> click.ClickException:
    return click.ClickException(str(e))


def _write(text: str, output: str) -> None:
    """Write atomically (temp file + rename) so an interrupted run leaves the previous file intact."""
    if output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reconcile")
def cli() -> None:
    """Reconcile claims across news outlets: who corroborates, who contradicts, and why.

    \b
    Example:
        reconcile report seeds/
    """


verbose_opt = click.option("-v", "--verbose", is_flag=True, help="Show residue removed per source and other detail.")
quiet_opt = click.option("--quiet", is_flag=True, help="No progress or notes on stderr.")
manifest_opt = click.option("--manifest", type=click.Path(dir_okay=False), help="sources.toml to use (default: the one in the folder).")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@manifest_opt
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--checkable-only", is_flag=True, help="Only claims that carry a date, quantity or named entity with a verb.")
@click.option("--max-bytes", type=int, help="Skip input files larger than this (default 20,000,000).")
@verbose_opt
@quiet_opt
def claims(paths: tuple[str, ...], manifest: str | None, fmt: str, checkable_only: bool, max_bytes: int | None, verbose: bool, quiet: bool) -> None:
    """List the claims of articles with their dates, quantities, entities, attribution and event.

    \b
    Example:
        reconcile claims seeds/ --checkable-only
        reconcile claims seeds/003_83472a3ae774d39c.txt --format json
    """
    from tabulate import tabulate

    from .pipeline import extract_corpus

    st = _settings(verbose=verbose, quiet=quiet, max_bytes=max_bytes)
    try:
        corpus, cl = extract_corpus(list(paths), st, manifest)
    except ReconcileError as e:
        raise _fail(e) from None
    if checkable_only:
        cl = [c for c in cl if c.checkable]
    if verbose and not quiet:
        for s in corpus.sources:
            kinds: dict[str, int] = {}
            for r in s.residue:
                kinds[r.kind] = kinds.get(r.kind, 0) + 1
            click.echo(f"{s.file}: removed {len(s.residue)} residue line(s) {kinds}", err=True)
            for r in s.residue:
                click.echo(f"  line {r.line} [{r.kind}] {r.text}", err=True)
    for s in corpus.skipped:
        if not quiet:
            click.echo(f"skipped {s.path}: {s.reason}", err=True)
    if fmt == "json":
        data = {
            "sources": [s.to_dict() for s in corpus.sources],
            "skipped": [{"path": s.path, "reason": s.reason} for s in corpus.skipped],
            "claims": [c.to_dict() for c in cl],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    rows = []
    for c in cl:
        rows.append([
            c.location, c.attribution.who or "—", "; ".join(d.display for d in c.dates),
            "; ".join(f.value for f in c.facts if f.kind == "quantity"),
            ", ".join(sorted({e.key for e in c.entities}))[:60], "; ".join(f.measure for f in c.facts)[:40],
            "neg" if c.negated else "", c.text[:90] + ("…" if len(c.text) > 90 else ""),
        ])
    click.echo(tabulate(rows, headers=["location", "origin", "dates", "quantities", "entities", "event", "pol", "claim"], tablefmt="simple"))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", help="Output file; '-' for stdout. Default reports/<folder>.md (or .json).")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--model", envvar=MODEL_ENV, help=f"sentence-transformers model name or folder (env {MODEL_ENV}); default: packaged all-MiniLM-L6-v2.")
@manifest_opt
@click.option("--match-threshold", type=click.FloatRange(0, 1), help="Fact-pair score above which facts are linked.")
@click.option("--suggest-threshold", type=click.FloatRange(0, 1), help="Score above which a pair is listed as a possible match.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar=CACHE_ENV, help=f"Embedding cache folder (env {CACHE_ENV}).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--max-bytes", type=int, help="Skip input files larger than this.")
@verbose_opt
@quiet_opt
def report(paths: tuple[str, ...], output: str | None, fmt: str, model: str | None, manifest: str | None, match_threshold: float | None,
           suggest_threshold: float | None, cache_dir: str | None, no_cache: bool, max_bytes: int | None, verbose: bool, quiet: bool) -> None:
    """Match claims across outlets and write the discrepancy report.

    \b
    Example:
        reconcile report seeds/                      # writes reports/seeds.md
        reconcile report seeds/ --format json -o -   # JSON on stdout
    """
    from .pipeline import run
    from .report import dumps_json, to_markdown

    if match_threshold is not None and suggest_threshold is not None and suggest_threshold > match_threshold:
        raise click.UsageError("--suggest-threshold must not exceed --match-threshold")
    st = _settings(model=model, match_threshold=match_threshold, suggest_threshold=suggest_threshold,
                   cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache, max_bytes=max_bytes,
                   verbose=verbose, quiet=quiet)
    try:
        res = run(list(paths), st, manifest)
    except ReconcileError as e:
        raise _fail(e) from None
    text = dumps_json(res) if fmt == "json" else to_markdown(res)
    out = output or str(Path("reports") / f"{res.corpus.name}.{'json' if fmt == 'json' else 'md'}")
    try:
        _write(text, out)
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from None
    if out != "-" and not quiet:
        click.echo(f"wrote {out}", err=True)


@cli.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--model", envvar=MODEL_ENV, help="Embedding model (as for report).")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar=CACHE_ENV)
@click.option("--no-cache", is_flag=True)
@click.option("--min-link-recall", type=float, default=0.0, show_default=True)
@click.option("--min-relation-accuracy", type=float, default=0.0, show_default=True)
@click.option("--min-contradiction-precision", type=float, default=0.0, show_default=True)
@click.option("--min-contradiction-recall", type=float, default=0.0, show_default=True)
@click.option("--max-false-alarms", type=int, default=None)
@click.option("--max-false-links", type=int, default=None)
@click.option("--show-misses", is_flag=True, help="List every gold pair the run got wrong.")
@quiet_opt
def eval_(gold: str, model: str | None, cache_dir: str | None, no_cache: bool, min_link_recall: float, min_relation_accuracy: float,
          min_contradiction_precision: float, min_contradiction_recall: float, max_false_alarms: int | None,
          max_false_links: int | None, show_misses: bool, quiet: bool) -> None:
    """Score a run against a gold file; exit 1 when a score is below its floor.

    \b
    Example:
        reconcile eval tests/gold/seeds.toml --min-link-recall 0.4
    """
    from .evaluate import load_gold, score
    from .pipeline import run
    from .report import to_json

    st = _settings(model=model, cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache, quiet=True)
    try:
        g = load_gold(Path(gold))
        res = run([str(g.corpus)], st)
    except ReconcileError as e:
        raise _fail(e) from None
    s = score(g, to_json(res))
    d = s.to_dict()
    misses = d.pop("misses")
    click.echo(json.dumps(d, indent=2))
    if show_misses:
        for m in misses:
            click.echo("  " + m)
    failed = []
    for name, val, floor in [("link_recall", s.link_recall, min_link_recall), ("relation_accuracy", s.relation_accuracy, min_relation_accuracy),
                             ("contradiction_precision", s.contradiction_precision, min_contradiction_precision),
                             ("contradiction_recall", s.contradiction_recall, min_contradiction_recall)]:
        if val < floor:
            failed.append(f"{name} {val:.3f} < floor {floor}")
    if max_false_alarms is not None and s.false_alarms > max_false_alarms:
        failed.append(f"false_alarms {s.false_alarms} > {max_false_alarms}")
    if max_false_links is not None and s.false_links > max_false_links:
        failed.append(f"false_links {s.false_links} > {max_false_links}")
    if failed:
        click.echo("below floor: " + "; ".join(failed), err=True)
        sys.exit(1)


def main() -> None:
    """Entry point that never shows a traceback for an interrupt."""
    try:
        cli()
    except KeyboardInterrupt:
        click.echo("interrupted; no report written", err=True)
        sys.exit(130)
