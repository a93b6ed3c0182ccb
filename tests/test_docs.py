"""Every output field and every CLI option is documented; a test fails when one is not."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from storyline.cli import app
from storyline.codec import (
    article_to_dict,
    comparison_to_dict,
    provenance_to_dict,
    rejected_to_dict,
    story_to_dict,
)
from storyline.model import (
    AlignedSentences,
    Article,
    Claim,
    Comparison,
    Credit,
    DateMention,
    FactComparison,
    LanguageTag,
    NumericFact,
    Provenance,
    PublicationDate,
    Quote,
    QuoteMatch,
    Rejected,
    Relation,
    RelationEvidence,
    RelationKind,
    RemovedLine,
    SentenceRef,
    Stage,
    Story,
    StoryMember,
)

DOCS = Path(__file__).resolve().parents[1] / "docs"


def documented_fields(markdown: str, heading: str) -> set[str]:
    """Backticked names in the first column of the table under ``heading``."""
    section = markdown.split(heading, 1)[1].split("\n#", 1)[0]
    names: set[str] = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
    return names


def sample_article() -> Article:
    return Article(
        id="a",
        content_hash="h",
        origin="a.txt",
        text="On Tuesday.",
        lang=LanguageTag("en", 1.0, "t"),
        published=PublicationDate("2024-04-02", "text", "on Tuesday"),
        dates=(DateMention("On Tuesday", 0, 10, None, "weekday", True),),
        removed=(RemovedLine("Share", "share-button", 0),),
    )


def test_every_article_field_is_documented() -> None:
    output = (DOCS / "output.md").read_text(encoding="utf-8")
    record = article_to_dict(sample_article())
    assert set(record) <= documented_fields(output, "## `articles.jsonl`")
    assert set(record["dates"][0]) <= documented_fields(output, "### `dates[]`")
    assert set(record["removed"][0]) <= documented_fields(output, "### `removed[]`")


def test_every_rejected_field_is_documented() -> None:
    output = (DOCS / "output.md").read_text(encoding="utf-8")
    record = rejected_to_dict(Rejected("a", "a.txt", Stage.INGEST, "empty file"))
    assert set(record) <= documented_fields(output, "## `rejected.jsonl`")


def test_every_story_field_is_documented() -> None:
    output = (DOCS / "output.md").read_text(encoding="utf-8")
    story = Story("s-1", "Headline", "a", (StoryMember("a", 0.9),), ("en",), None, None, "m")
    record = story_to_dict(story)
    documented = documented_fields(output, "## `stories.json`")
    assert set(record) <= documented
    assert set(record["articles"][0]) <= documented | {"id"}


def test_every_provenance_and_comparison_field_is_documented() -> None:
    output = (DOCS / "output.md").read_text(encoding="utf-8")
    documented = documented_fields(output, "### Provenance fields") | documented_fields(
        output, "### Comparison fields"
    )
    credit = Credit("(Reuters)", "reuters", "text", 0, 9)
    evidence = RelationEvidence((AlignedSentences(0, 0, 0.9),), ("span",), 1.0, "after", (credit,))
    relation = Relation("b", "a", RelationKind.COPY, 0.9, evidence)
    provenance = provenance_to_dict(Provenance("s-1", "a", "first", (relation,), 1, "m"))
    fact = NumericFact("a", "at least 144", 0, 12, 144, 144, None, "min", "killed", "killed", 0)
    quote = Quote("a", "We talk", 0, 7, "Peskov", "pskv", "said", 8, 12, 0)
    claim = Claim("single-source", (SentenceRef("a", 0, "We talk."),), 1, "We talk")
    comparison = comparison_to_dict(
        Comparison(
            "s-1",
            (FactComparison("killed", "agree", (fact,)),),
            (QuoteMatch("Peskov", "pskv", (quote,)),),
            (claim,),
        )
    )
    relation_record = provenance["relations"][0]
    assert set(provenance) <= documented
    assert set(relation_record) | set(relation_record["evidence"]) <= documented
    assert set(relation_record["evidence"]["aligned"][0]) <= documented
    assert set(relation_record["evidence"]["credits"][0]) <= documented
    assert set(comparison) | set(comparison["facts"][0]) <= documented
    assert set(comparison["facts"][0]["values"][0]) <= documented
    assert set(comparison["quotes"][0]) | set(comparison["claims"][0]) <= documented
    assert set(comparison["claims"][0]["support"][0]) <= documented


def test_documentation_check_notices_a_missing_field() -> None:
    assert "not_a_field" not in documented_fields("## T\n| `id` | x |\n", "## T")


def test_every_cli_option_is_documented() -> None:
    usage = (DOCS / "usage.md").read_text(encoding="utf-8")
    command = typer.main.get_command(app)
    commands = getattr(command, "commands", {})
    assert commands, "the CLI has no commands"
    for name, sub in commands.items():
        assert f"storyline {name}" in usage, name
        for param in sub.params:
            for option in getattr(param, "opts", []):
                if option.startswith("--"):
                    assert f"`{option}`" in usage, f"{name} {option}"
