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

from storyline import __version__
from storyline.engine import Engine
from storyline.engine import run as run_storyline
from storyline.errors import ConfigurationError, StorylineError
from storyline.model import RemovedLine
from storyline.pipeline import RunResult, RunSettings

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
        console = Console() if sys.stdout.isatty() else Console(width=PIPED_WIDTH)
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
