"""Command line: thin wrappers over the Python API; every command is a plain function too.

Exit codes: 0 everything went in, 3 some inputs were rejected (see rejected.jsonl), 2 bad usage,
1 an unexpected failure.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from storyline import __version__
from storyline.engine import (
    ARTICLES_NAME,
    DATABASE_NAME,
    REPORT_NAME,
    STORIES_NAME,
    Engine,
    write_text_atomically,
)
from storyline.engine import run as run_storyline
from storyline.errors import ConfigurationError, StorylineError
from storyline.model import Comparison, Provenance, RelationKind, RemovedLine, Story
from storyline.pipeline import RunResult, RunSettings
from storyline.report import render_report

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_REJECTED = 3
SHOW_ARTICLES_UP_TO = 20  # a small run lists its articles; a big one only counts them
SHOW_STORIES_UP_TO = 30
PIPED_WIDTH = 120

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="storyline: turn a pile or a stream of news articles into stories.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """storyline: turn a pile or a stream of news articles into stories."""


@app.command("run")
def run_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders (.txt, .html, .json, .jsonl, also .gz); - for JSONL on stdin."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path(
        "storyline-out"
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON summary on stdout (for scripts).")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="Reject inputs larger than this many bytes.")
    ] = RunSettings().max_bytes,
    workers: Annotated[
        int, typer.Option("--workers", help="Worker processes; 0 means one per CPU core.")
    ] = 0,
) -> None:
    """Clean, language-tag and store articles; write OUT/articles.jsonl and OUT/rejected.jsonl."""
    if max_bytes <= 0 or workers < 0:
        _fail_usage("--max-bytes must be positive and --workers zero or more")
    settings = RunSettings(max_bytes=max_bytes, workers=workers)
    stderr = Console(stderr=True)
    show_progress = not quiet and not as_json and stderr.is_terminal
    try:
        if show_progress:
            with Progress(
                SpinnerColumn(),
                TextColumn("[bold]storyline[/] {task.description}"),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=stderr,
                transient=True,
            ) as bar:
                task = bar.add_task("articles", total=None)
                result = run_storyline(paths, out, settings, lambda n: bar.advance(task, n))
        else:
            result = run_storyline(paths, out, settings)
    except ConfigurationError as exc:
        _fail_usage(str(exc))
    except StorylineError as exc:
        stderr.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_FAILURE) from None
    summary = run_summary(result)
    if as_json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False) + "\n")
    elif not quiet:
        # Piped output (make demo, a log file) gets a readable width instead of rich's 80.
        console = _console()
        if 0 < result.added <= SHOW_ARTICLES_UP_TO:
            _print_articles(console, out)
        _print_stories(console, out)
        _print_summary(console, summary)
    raise typer.Exit(EXIT_REJECTED if result.rejected else EXIT_OK)


def run_summary(result: RunResult) -> dict[str, Any]:
    """The facts of a run as plain data (what ``--json`` prints)."""
    return {
        "run_id": result.run_id,
        "added": result.added,
        "skipped_already_stored": result.skipped,
        "rejected": len(result.rejected),
        "stories": result.stories,
        "rejected_by_reason": dict(Counter(r.reason.split(":")[0] for r in result.rejected)),
        "seconds": round(result.seconds, 3),
        "files": result.files,
    }


def _print_summary(console: Console, summary: dict[str, Any]) -> None:
    console.print(
        f"added {summary['added']} articles, skipped {summary['skipped_already_stored']} "
        f"already stored, rejected {summary['rejected']} in {summary['seconds']:.1f}s"
    )
    for label, path in summary["files"].items():
        console.print(f"  {label}: {path}")


def _print_articles(console: Console, out: Path) -> None:
    table = Table(title="articles", title_justify="left")
    table.add_column("id", no_wrap=True)
    for column in ("lang", "published", "evidence", "sentences", "removed"):
        table.add_column(column)
    with Engine(out) as engine:
        for article in engine.articles():
            published = article.published
            table.add_row(
                article.id,
                f"{article.lang.code} {article.lang.confidence:.2f}",
                published.value if published else "-",
                (published.evidence or published.source) if published else "",
                str(len(article.sentences)),
                _removed_summary(article.removed),
            )
    console.print(table)


def _print_stories(console: Console, out: Path) -> None:
    """One line per story: size, languages, time span, headline."""
    with Engine(out) as engine:
        stories = engine.stories()
    if not stories:
        return
    console.print(f"[bold]{len(stories)} stories[/]")
    for story in stories[:SHOW_STORIES_UP_TO]:
        span = story.first_time or "undated"
        if story.last_time and story.last_time != story.first_time:
            span += f"..{story.last_time}"
        console.print(
            f"  {story.id}  {len(story.members):>3} articles  {','.join(story.languages):<11} "
            f"{span:<22} {story.headline[:90]}",
            markup=False,
            highlight=False,
            no_wrap=True,
            overflow="ellipsis",
        )
    if len(stories) > SHOW_STORIES_UP_TO:
        console.print(f"  … and {len(stories) - SHOW_STORIES_UP_TO} more in stories.json")


@app.command("show")
def show_command(
    story_ref: Annotated[
        str, typer.Argument(metavar="STORY", help="A story id (or its start) or an article id.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder a run wrote to.")] = Path(
        "storyline-out"
    ),
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the story as stories.json has it.")
    ] = False,
) -> None:
    """Show one story: its derivation tree with kinds, and its fact table with verdicts."""
    if not (out / DATABASE_NAME).is_file():
        _fail_usage(f"{out} holds no storyline run (no {DATABASE_NAME}); use --out")
    with Engine(out) as engine:
        story = _find_story(engine.stories(), story_ref)
        if story is None:
            _fail_usage(f"no story matches {story_ref!r}")
        assert story is not None
        if as_json:
            document = engine.story_document(story)
            typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
            return
        provenance, comparison = engine.provenance(story), engine.comparison(story)
    console = _console()
    console.print(Text.assemble((story.id, "bold"), " ", story.headline))
    console.print(
        f"{len(story.members)} articles, {provenance.independent_origins} independent origin(s); "
        f"original: {provenance.original or 'unclear'} ({provenance.original_reason})",
        markup=False,
        highlight=False,
    )
    console.print(derivation_tree(story, provenance))
    if comparison.facts:
        console.print(fact_table(comparison))


@app.command("report")
def report_command(
    out: Annotated[Path, typer.Argument(metavar="DIR", help="The folder a run wrote to.")],
    report_path: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Where to write the HTML file (default DIR/report.html)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing.")] = False,
) -> None:
    """Write one self-contained HTML report of the stories in DIR (works offline)."""
    stories_path, articles_path = out / STORIES_NAME, out / ARTICLES_NAME
    if not stories_path.is_file() or not articles_path.is_file():
        _fail_usage(f"{out} has no {STORIES_NAME} and {ARTICLES_NAME}: run `storyline run` first")
    stories = json.loads(stories_path.read_text(encoding="utf-8"))["stories"]
    with articles_path.open(encoding="utf-8") as lines:
        articles = {record["id"]: record for record in map(json.loads, lines)}
    target = report_path or out / REPORT_NAME
    write_text_atomically(target, render_report(stories, articles))
    if not quiet:
        typer.echo(f"report: {target}")


@app.command("serve")
def serve_command(
    out: Annotated[Path, typer.Argument(metavar="DIR", help="The folder a run wrote to.")],
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="STORYLINE_TOKEN",
            help="Bearer token that POST /api/articles requires (writing is off without one).",
        ),
    ] = None,
    max_body: Annotated[
        int, typer.Option("--max-body", help="Largest request body in bytes (larger: 413).")
    ] = 2 * 1024 * 1024,
) -> None:
    """Serve the stories in DIR: pages and a REST API (OpenAPI at /docs)."""
    import uvicorn

    from storyline.web import create_app

    if not (out / DATABASE_NAME).is_file():
        _fail_usage(f"{out} holds no storyline run (no {DATABASE_NAME})")
    uvicorn.run(create_app(out, token=token, max_body=max_body), host=host, port=port)


def derivation_tree(story: Story, provenance: Provenance) -> Tree:
    """Original at the root, each article under the one it derives from; independent reports
    (and what derives from them) beside the original."""
    children: dict[str, list[tuple[str, str, float]]] = {}
    independent: list[str] = []
    for relation in provenance.relations:
        if relation.kind is RelationKind.INDEPENDENT:
            independent.append(relation.article_id)
        else:
            children.setdefault(relation.of, []).append(
                (relation.article_id, relation.kind.value, relation.confidence)
            )
    tree = Tree(Text(f"story {story.id}"))

    def grow(node: Tree, article_id: str, seen: set[str]) -> None:
        for child, kind, confidence in sorted(children.get(article_id, [])):
            if child not in seen:
                seen.add(child)
                grow(node.add(Text(f"{child}  [{kind} {confidence:.2f}]")), child, seen)

    seen: set[str] = set()
    linked = {r.article_id for r in provenance.relations}
    roots = [provenance.original] if provenance.original else []
    roots += independent + sorted(
        a for a in story.article_ids if a not in linked and a != provenance.original
    )
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        label = "original" if root == provenance.original else "independent"
        grow(tree.add(Text(f"{root}  [{label}]")), root, seen)
    return tree


def fact_table(comparison: Comparison) -> Table:
    table = Table("quantity", "verdict", "article", "says", "interval", title="facts")
    for fact in comparison.facts:
        for index, value in enumerate(fact.values):
            low = "-∞" if value.low is None else f"{value.low:g}"
            high = "∞" if value.high is None else f"{value.high:g}"
            # Article text is untrusted: Text() shows it as written, never as rich markup.
            table.add_row(
                Text(fact.quantity if index == 0 else ""),
                Text(fact.verdict if index == 0 else ""),
                Text(value.article_id),
                Text(value.text),
                Text(f"[{low}, {high}]"),
            )
        table.add_section()
    return table


def _console() -> Console:
    return Console() if sys.stdout.isatty() else Console(width=PIPED_WIDTH)


def _find_story(stories: Sequence[Story], ref: str) -> Story | None:
    for story in stories:
        if story.id == ref or ref in story.article_ids:
            return story
    starting = [story for story in stories if story.id.startswith(ref)]
    return starting[0] if len(starting) == 1 else None


def _removed_summary(removed: Sequence[RemovedLine]) -> str:
    if not removed:
        return "-"
    reasons = [reason for reason, _ in Counter(line.reason for line in removed).most_common(2)]
    return f"{len(removed)}: {', '.join(reasons)}"


def _fail_usage(message: str) -> None:
    Console(stderr=True).print(f"[red]usage error:[/] {message}")
    raise typer.Exit(EXIT_USAGE)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
