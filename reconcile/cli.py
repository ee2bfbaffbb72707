"""Command line: parse options, build Settings, call the library, write output. Nothing else."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import ReconcileError
from .settings import CACHE_ENV, DEVICE_ENV, DEVICE_PATTERN, MODEL_ENV, PRECISION_ENV, PRECISIONS, Settings


def _precision_opt(help_: str = "Encoder arithmetic: fp32 (default), or bf16, about 1.7x faster on CPUs with native "
                    f"bf16 (AVX-512 BF16, AMX), vectors within cosine 0.9999 of fp32's (env {PRECISION_ENV}).") -> Any:
    return click.option("--precision", type=click.Choice(PRECISIONS), envvar=PRECISION_ENV, help=help_)


def _device_ok(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    import re

    if value is not None:
        if not re.fullmatch(DEVICE_PATTERN, value):
            raise click.BadParameter(f"{value!r} is not a device: use cpu, cuda, cuda:N or mps")
        ctx.meta["reconcile_device"] = value


def _device_opt(f: Any) -> Any:
    """--device, kept in the click context (read by _settings) so that no command's signature carries it."""
    return click.option("--device", envvar=DEVICE_ENV, expose_value=False, callback=_device_ok,
                        help=f"Where the encoder runs: cpu (default), cuda, cuda:N or mps, where torch has that GPU (env {DEVICE_ENV}). "
                        "A GPU's vectors differ from the CPU's in the last bits, so they are cached and named apart.")(f)


def _settings(**kw: object) -> Settings:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and "reconcile_device" in ctx.meta:
        kw["device"] = ctx.meta["reconcile_device"]
    if kw.get("precision") == "bf16" and kw.get("device", "cpu") == "cpu" and not kw.get("quiet"):
        from .embed import cpu_has_bf16

        if not cpu_has_bf16():
            click.echo("note: this CPU has no native bf16; --precision bf16 will be slower than fp32 here", err=True)
    return Settings().with_(**kw)


def _fail(e: Exception) -> click.ClickException:
    return click.ClickException(str(e))


class InputFailure(click.ClickException):
    """An error of `check`: exit 2, because exit 1 means "a claim is contradicted" to a CI pipeline."""

    exit_code = 2


def _write(text: str, output: str) -> None:
    """Write atomically (temp file + rename) so an interrupted run leaves the previous file intact."""
    if output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
@click.option("--max-bytes", type=click.IntRange(min=1), help="Skip input files larger than this (default 20,000,000).")
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
        from .report import json_text

        click.echo(json_text(data), nl=False)
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
@_precision_opt()
@_device_opt
@manifest_opt
@click.option("--match-threshold", type=click.FloatRange(0, 1), help="Fact-pair score above which facts are linked.")
@click.option("--suggest-threshold", type=click.FloatRange(0, 1), help="Score above which a pair is listed as a possible match.")
@click.option("--cache-dir", type=click.Path(file_okay=False), envvar=CACHE_ENV, help=f"Embedding cache folder (env {CACHE_ENV}).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--max-bytes", type=click.IntRange(min=1), help="Skip input files larger than this.")
@verbose_opt
@quiet_opt
@click.option("--reviews", "reviews_file", type=click.Path(dir_okay=False),
              help="Review decisions to show (default: reviews.toml beside the corpus, when it exists).")
@click.option("--full", is_flag=True, help="Write every corroborated, related, possible and single-source entry; by default each "
              f"of those Markdown sections stops after {Settings.report_limit:,} and says how many it left out (contradictions and updates never stop; JSON has all).")
def report(paths: tuple[str, ...], output: str | None, fmt: str, model: str | None, precision: str | None, manifest: str | None, match_threshold: float | None,
           suggest_threshold: float | None, cache_dir: str | None, no_cache: bool, max_bytes: int | None, verbose: bool, quiet: bool,
           reviews_file: str | None, full: bool) -> None:
    """Match claims across outlets and write the discrepancy report.

    \b
    Example:
        reconcile report seeds/                      # writes reports/seeds.md
        reconcile report seeds/ --format json -o -   # JSON on stdout
    """
    from .pipeline import read_corpus
    from .report import render_report
    from .review import default_reviews_path

    if match_threshold is not None and suggest_threshold is not None and suggest_threshold > match_threshold:
        raise click.UsageError("--suggest-threshold must not exceed --match-threshold")
    st = _settings(model=model, precision=precision, match_threshold=match_threshold, suggest_threshold=suggest_threshold,
                   cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache, max_bytes=max_bytes,
                   verbose=verbose, quiet=quiet, report_limit=0 if full else None)
    rpath = Path(reviews_file) if reviews_file else default_reviews_path(paths)
    if reviews_file and not rpath.is_file():
        raise click.ClickException(f"{rpath}: reviews file not found")
    try:
        corpus = read_corpus(list(paths), st, manifest)
        done = render_report(corpus, st, fmt, rpath)
    except ReconcileError as e:
        raise _fail(e) from None
    if not quiet:
        if done.from_cache:
            click.echo("inputs, settings, model and code unchanged since a previous run: its report is reused (--no-cache recomputes)", err=True)
        if done.orphaned:
            click.echo(f"note: {done.orphaned} orphaned review decision(s) in {rpath}: their claims are gone (listed in the report)", err=True)
    text = done.text
    out = output or str(Path("reports") / f"{corpus.name}.{'json' if fmt == 'json' else 'md'}")
    try:
        _write(text, out)
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from None
    if out != "-" and not quiet:
        click.echo(f"wrote {out}", err=True)


@cli.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--model", envvar=MODEL_ENV, help="Embedding model (as for report).")
@_precision_opt("As for report.")
@_device_opt
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
def eval_(gold: str, model: str | None, precision: str | None, cache_dir: str | None, no_cache: bool, min_link_recall: float, min_relation_accuracy: float,
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

    st = _settings(model=model, precision=precision, cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache, quiet=True)
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


def _run_settings(model: str | None, precision: str | None, match_threshold: float | None, suggest_threshold: float | None,
                  cache_dir: str | None, no_cache: bool, quiet: bool, max_bytes: int | None = None) -> Settings:
    if match_threshold is not None and suggest_threshold is not None and suggest_threshold > match_threshold:
        raise click.UsageError("--suggest-threshold must not exceed --match-threshold")
    return _settings(model=model, precision=precision, match_threshold=match_threshold, suggest_threshold=suggest_threshold,
                     cache_dir=Path(cache_dir) if cache_dir else None, use_cache=not no_cache, max_bytes=max_bytes, quiet=quiet)


def run_options(f: Any) -> Any:
    """The options that decide a run's findings, shared by check and the review commands."""
    for opt in reversed([
        click.option("--model", envvar=MODEL_ENV, help="Embedding model (as for report)."),
        _precision_opt("As for report."),
        _device_opt,
        manifest_opt,
        click.option("--match-threshold", type=click.FloatRange(0, 1), help="As for report."),
        click.option("--suggest-threshold", type=click.FloatRange(0, 1), help="As for report."),
        click.option("--cache-dir", type=click.Path(file_okay=False), envvar=CACHE_ENV, help=f"Embedding cache folder (env {CACHE_ENV})."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache."),
        quiet_opt,
    ]):
        f = opt(f)
    return f


def _published_ok(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from .ingest import parse_published

    if value is not None and parse_published(value) is None:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD (or YYYY-MM)")
    return value


@cli.command()
@click.argument("draft")
@click.argument("more_against", nargs=-1, metavar="[PATH]...")
@click.option("--against", "against", multiple=True, required=True,
              help="Source articles: a file or folder; more may follow it (--against a/ b/) or repeat the option.")
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("--fail-on", type=click.Choice(["contradicted", "unsupported"]), default="contradicted", show_default=True,
              help="Exit 1 when a claim is contradicted; with 'unsupported', whenever a claim is not supported.")
@click.option("--published", callback=_published_ok, help="The draft's date, YYYY-MM-DD (default: today).")
@click.option("-o", "--output", default="-", show_default=True, help="Output file; '-' for stdout.")
@click.option("--reviews", "reviews_file", type=click.Path(dir_okay=False),
              help="Review decisions (default: reviews.toml beside the first --against path): a dismissed contradiction does not fail.")
@run_options
def check(draft: str, more_against: tuple[str, ...], against: tuple[str, ...], fmt: str, fail_on: str, published: str | None, output: str, reviews_file: str | None,
          model: str | None, precision: str | None, manifest: str | None, match_threshold: float | None, suggest_threshold: float | None, cache_dir: str | None,
          no_cache: bool, quiet: bool) -> None:
    """Check a draft's claims against source articles before publication.

    DRAFT is a .txt, .md or .html file, or '-' for stdin. Each checkable claim of the draft is
    supported, contradicted, updated (a newer source reports a changed state) or unsupported.
    Exit 0: clean; 1: a claim is contradicted (or, with --fail-on unsupported, not supported);
    2: usage or input error.

    \b
    Example:
        reconcile check draft.md --against seeds/ --published 2026-03-05
        reconcile check - --against seeds/ --format json --fail-on unsupported < draft.txt
    """
    from .check import check as run_check
    from .report import check_to_markdown, dumps_check_json
    from .review import default_reviews_path, load_reviews

    against = against + more_against
    st = _run_settings(model, precision, match_threshold, suggest_threshold, cache_dir, no_cache, quiet)
    rpath = Path(reviews_file) if reviews_file else default_reviews_path(against)
    if reviews_file and not rpath.is_file():
        raise InputFailure(f"{rpath}: reviews file not found")
    stdin = None
    if draft == "-":
        with click.open_file("-", "rb") as fh:
            stdin = fh.read()
    try:
        reviews = load_reviews(rpath) if rpath.is_file() else None
        cr = run_check(draft, list(against), st, published=published, stdin=stdin, manifest=manifest, reviews=reviews)
    except ReconcileError as e:
        raise InputFailure(str(e)) from None
    text = dumps_check_json(cr, fail_on) if fmt == "json" else check_to_markdown(cr, fail_on)
    try:
        _write(text, output)
    except OSError as e:
        raise InputFailure(f"cannot write {output}: {e.strerror or e}") from None
    failing = cr.failing(fail_on)
    if not quiet:
        n = cr.counts()
        click.echo(f"{cr.draft.file}: {n['contradicted']} contradicted, {n['updated']} updated, {n['supported']} supported, "
                   f"{n['unsupported']} unsupported" + (f"; wrote {output}" if output != "-" else ""), err=True)
    if failing:
        sys.exit(1)


# Review ---------------------------------------------------------------------------------------


@cli.group()
def review() -> None:
    """Record fact-checker decisions on findings (confirmed, dismissed, resolved) in reviews.toml.

    Decisions are keyed by a finding's stable id and survive re-runs, new articles and threshold
    changes as long as both claims exist; others are listed as orphaned, never dropped.

    \b
    Example:
        reconcile review list seeds/
        reconcile review dismiss b72c3fe66e07 seeds/ --note "different agreement"
        reconcile review resolve b72c3fe66e07 seeds/ --value 2025-01 --note "Kremlin text"
    """


reviews_opt = click.option("--reviews", "reviews_file", type=click.Path(dir_okay=False),
                           help="Reviews file (default: reviews.toml beside the first PATH).")
draft_opt = click.option("--draft", type=click.Path(dir_okay=False),
                         help="Review the findings of `reconcile check DRAFT --against PATH...` instead of the corpus's.")
published_opt = click.option("--published", callback=_published_ok, help="With --draft: the draft's date, as given to check.")


def _review_run(paths: tuple[str, ...], draft: str | None, published: str | None, st: Settings, manifest: str | None) -> tuple[Any, str | None]:
    """The run whose findings are reviewed: the corpus's, or a draft check's (draft claims vs sources only)."""
    from dataclasses import replace as dc_replace

    from .check import check as run_check
    from .pipeline import run

    if draft is None:
        return run(list(paths), st, manifest), None
    cr = run_check(draft, list(paths), st, published=published, manifest=manifest)
    mine = tuple(f for f in cr.result.findings if (f.a.source_file == cr.draft.file) != (f.b.source_file == cr.draft.file))
    return dc_replace(cr.result, findings=mine), cr.draft.file


def _load(paths: tuple[str, ...], reviews_file: str | None) -> tuple[Path, Any]:
    from .review import default_reviews_path, load_reviews

    rpath = Path(reviews_file) if reviews_file else default_reviews_path(paths)
    try:
        return rpath, load_reviews(rpath)
    except ReconcileError as e:
        raise _fail(e) from None


@review.command("list")
@click.argument("paths", nargs=-1, required=True)
@reviews_opt
@draft_opt
@published_opt
@click.option("--relation", "relations", multiple=True,
              type=click.Choice(["contradicts", "updates", "possible-contradiction", "corroborates", "related", "possible", "all"]),
              help="Open findings of these relations (repeatable; default: contradicts, updates and possible contradictions).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@run_options
def review_list(paths: tuple[str, ...], reviews_file: str | None, draft: str | None, published: str | None, relations: tuple[str, ...], fmt: str,
                model: str | None, precision: str | None, manifest: str | None, match_threshold: float | None, suggest_threshold: float | None,
                cache_dir: str | None, no_cache: bool, quiet: bool) -> None:
    """List open findings (no decision yet), decided ones, and orphaned decisions.

    \b
    Example:
        reconcile review list seeds/
        reconcile review list seeds/ --relation possible --format json
    """
    from tabulate import tabulate

    from .review import apply_reviews, open_findings

    st = _run_settings(model, precision, match_threshold, suggest_threshold, cache_dir, no_cache, quiet=True)
    rpath, reviews = _load(paths, reviews_file)
    try:
        res, draft_file = _review_run(paths, draft, published, st, manifest)
    except ReconcileError as e:
        raise _fail(e) from None
    view = apply_reviews(reviews, res, draft_file)
    rels = ("contradicts", "updates", "corroborates", "related", "possible") if "all" in relations else (
        relations or ("contradicts", "updates", "possible-contradiction"))
    todo = open_findings(res, view, rels)
    decided = [(f, view.applied[f.id]) for f in res.findings if f.id in view.applied]
    if fmt == "json":
        data = {
            "reviews": str(rpath),
            "open": [f.to_dict() for f in todo],
            "decided": [f.to_dict() | {"review": d.to_dict()} for f, d in decided],
            "unlinked": [d.to_dict() for d in view.unlinked],
            "orphaned": [o.to_dict() for o in view.orphaned],
        }
        from .report import json_text

        click.echo(json_text(data), nl=False)
        return

    def clip(t: str, n: int = 70) -> str:
        t = " ".join(t.split())
        return t if len(t) <= n else t[: n - 1] + "…"

    click.echo(f"reviews file: {rpath}" + ("" if rpath.exists() else " (not created yet)"))
    click.echo(f"\nOpen findings ({len(todo)}; {', '.join(rels)}):")
    if todo:
        rows = [[f.id, "possible contradiction" if f.conflict else f.relation, clip(f.measure or "statement", 20), f"{f.a.location} {f.a.value}",
                 f"{f.b.location} {f.b.value}"] for f in todo]
        click.echo(tabulate(rows, headers=["id", "relation", "fact", "A", "B"], tablefmt="simple"))
    click.echo(f"\nDecided ({len(decided)}):")
    if decided:
        rows = [[f.id, f.relation, d.decision + (f" = {d.value}" if d.value else ""), d.by, d.at, clip(d.note, 50)] for f, d in decided]
        click.echo(tabulate(rows, headers=["id", "relation", "decision", "by", "at", "note"], tablefmt="simple"))
    if view.unlinked:
        click.echo(f"\nDecided, claims not linked in this run ({len(view.unlinked)}):")
        rows = [[d.id, d.decision, d.a_file, d.b_file] for d in view.unlinked]
        click.echo(tabulate(rows, headers=["id", "decision", "A file", "B file"], tablefmt="simple"))
    click.echo(f"\nOrphaned decisions ({len(view.orphaned)}; a claim is gone):")
    for o in view.orphaned:
        d = o.decision
        click.echo(f"  {d.id} {d.decision}" + (f" = {d.value}" if d.value else "") + f" ({d.relation or '?'})")
        for side, file, text in (("a", d.a_file, d.a_text), ("b", d.b_file, d.b_text)):
            click.echo(f"    {'GONE ' if side in o.missing else 'here '}{file}: {clip(text, 90)}")


def _decide(decision: str, finding_id: str, paths: tuple[str, ...], value: str, note: str, by: str | None, reviews_file: str | None,
            draft: str | None, published: str | None, st: Settings, manifest: str | None, quiet: bool) -> None:
    from .review import decide, dumps_reviews, find_finding

    rpath, reviews = _load(paths, reviews_file)
    try:
        res, draft_file = _review_run(paths, draft, published, st, manifest)
        f = find_finding(res.findings, finding_id)
        before = reviews.get(f.id)
        new = decide(reviews, f, decision, value=value, note=note, by=by or _user(), draft_file=draft_file)
    except ReconcileError as e:
        raise _fail(e) from None
    try:
        _write(dumps_reviews(new), str(rpath))
    except OSError as e:
        raise click.ClickException(f"cannot write {rpath}: {e.strerror or e}") from None
    if not quiet:
        was = f" (was {before.decision})" if before else ""
        click.echo(f"{f.id} ({f.relation}, {f.a.location} / {f.b.location}): {decision}{was}; wrote {rpath}", err=True)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def _decision_command(decision: str, summary: str, example: str) -> None:
    """Define `reconcile review <verb>` for one decision."""
    verb = {"confirmed": "confirm", "dismissed": "dismiss", "resolved": "resolve"}[decision]

    @review.command(verb, help=f"{summary}\n\n\b\nExample:\n    {example}")
    @click.argument("finding_id")
    @click.argument("paths", nargs=-1, required=True)
    @click.option("--note", default="", help="Free text: why, and with what evidence.")
    @click.option("--by", envvar="RECONCILE_REVIEWER", help="Who decides (env RECONCILE_REVIEWER; default: your user name).")
    @reviews_opt
    @draft_opt
    @published_opt
    @run_options
    def cmd(finding_id: str, paths: tuple[str, ...], note: str, by: str | None, reviews_file: str | None, draft: str | None,
            published: str | None, model: str | None, precision: str | None, manifest: str | None, match_threshold: float | None, suggest_threshold: float | None,
            cache_dir: str | None, no_cache: bool, quiet: bool, value: str = "") -> None:
        st = _run_settings(model, precision, match_threshold, suggest_threshold, cache_dir, no_cache, quiet=True)
        _decide(decision, finding_id, paths, value, note, by, reviews_file, draft, published, st, manifest, quiet)

    if decision == "resolved":
        click.option("--value", required=True, help="The correct value, as the report writes values (2025-01, 45).")(cmd)


_decision_command("confirmed", "Confirm a finding: the discrepancy is real.", "reconcile review confirm b72c3fe66e07 seeds/ --note \"checked both\"")
_decision_command("dismissed", "Dismiss a finding as a false alarm: it leaves the report's counts and no longer fails `check`.",
                  "reconcile review dismiss 8662de1ea8d4 seeds/ --note \"different agreements\"")
_decision_command("resolved", "Resolve a finding with the correct value.", "reconcile review resolve b72c3fe66e07 seeds/ --value 2025-01")


@review.command("reopen")
@click.argument("finding_id")
@click.argument("paths", nargs=-1)
@reviews_opt
@quiet_opt
def review_reopen(finding_id: str, paths: tuple[str, ...], reviews_file: str | None, quiet: bool) -> None:
    """Remove the decision on a finding (by its full id): it is open again.

    \b
    Example:
        reconcile review reopen b72c3fe66e07 seeds/
    """
    from .review import dumps_reviews

    if not paths and not reviews_file:
        raise click.UsageError("give the corpus PATH or --reviews FILE")
    rpath, reviews = _load(paths, reviews_file)
    if reviews.get(finding_id) is None:
        raise click.ClickException(f"{rpath}: no decision on finding {finding_id!r}")
    try:
        _write(dumps_reviews(reviews.without(finding_id)), str(rpath))
    except OSError as e:
        raise click.ClickException(f"cannot write {rpath}: {e.strerror or e}") from None
    if not quiet:
        click.echo(f"{finding_id}: reopened; wrote {rpath}", err=True)


def main() -> None:
    """Entry point: exit codes 0 ok, 1 findings/input errors, 2 usage, 130 interrupted; never a traceback for Ctrl-C."""
    try:
        rv = cli.main(prog_name="reconcile", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted; no report written", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except MemoryError:
        click.echo("Error: out of memory; run on fewer articles at once, or on a machine with more memory", err=True)
        sys.exit(1)
    except Exception as e:  # a bug, not bad input: still one line, unless asked for the traceback
        if os.environ.get("RECONCILE_DEBUG"):
            raise
        click.echo(f"Error: internal error ({type(e).__name__}: {e}); this is a bug in reconcile: please report it, "
                   "with RECONCILE_DEBUG=1 set for the traceback", err=True)
        sys.exit(1)
    sys.exit(rv if isinstance(rv, int) else 0)
