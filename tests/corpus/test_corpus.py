"""The labelled corpus meets its specification, so an edit that breaks it fails here.

Benchmarks score the pipeline against these labels; a corpus that silently shrank (fewer
languages, no conflicts left, a span no longer verbatim, generated files out of date) would turn
every benchmark number into noise.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from storyline.ingest import iter_documents
from storyline.model import RawDocument, Rejected

CORPUS_DIR = Path(__file__).parents[1] / "data" / "corpus"
EVENTS_DIR = CORPUS_DIR / "events"
KINDS = {"original", "copy", "rewrite", "translation", "independent"}
REQUIRED_LANGUAGES = {"uk", "pl", "tr", "pt", "it"}
# Stems, so that inflected forms ("w piątek", "у середу", "Dienstagmorgen") match too.
WEEKDAY_STEMS = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pt": ("segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"),
    "pl": ("poniedział", "wtor", "środ", "czwart", "piąt", "sobot", "niedziel"),
    "uk": (
        "понеділ",
        "вівтор",
        "середу",
        "середа",
        "четвер",
        "п'ятниц",
        "п’ятниц",
        "субот",
        "неділ",
    ),
    "ru": ("понедельник", "вторник", "среду", "среда", "четверг", "пятниц", "суббот", "воскресень"),
    "tr": ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "pazar"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "cs": ("pondělí", "úterý", "středu", "středa", "čtvrtek", "pátek", "sobotu", "neděli"),
}


def _load_script(name: str) -> ModuleType:
    """Import a script that lives next to the corpus data (tests/data is not a package)."""
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", CORPUS_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = _load_script("check_event_files")
builder = _load_script("build_corpus")

EVENT_FILES = sorted(EVENTS_DIR.glob("*.json"))
EVENTS: list[dict[str, Any]] = builder.load_events(EVENTS_DIR)
ARTICLES = {article["id"]: article for event in EVENTS for article in event["articles"]}
STORIES = [e for e in EVENTS if len(e["articles"]) >= 3 and e["distractor_of"] is None]
DISTRACTORS = [e for e in EVENTS if e["distractor_of"] is not None]
FACTS = [fact for event in EVENTS for fact in event["numeric_facts"]]
QUOTES = [quote for event in EVENTS for quote in event["quotes"]]


def _interval(value: dict[str, Any]) -> tuple[float, float]:
    low, high = value["low"], value["high"]
    return (float("-inf") if low is None else low, float("inf") if high is None else high)


def _overlap(first: dict[str, Any], second: dict[str, Any]) -> bool:
    (low_a, high_a), (low_b, high_b) = _interval(first), _interval(second)
    return max(low_a, low_b) <= min(high_a, high_b)


@pytest.mark.parametrize("path", EVENT_FILES, ids=[path.stem for path in EVENT_FILES])
def test_event_file_passes_the_checker(path: Path) -> None:
    event = json.loads(path.read_text(encoding="utf-8"))
    assert event["event"] == path.stem
    assert checker.check_event(event) == []


def test_corpus_is_big_and_multilingual_enough() -> None:
    languages = {article["lang"] for article in ARTICLES.values()}
    assert len(STORIES) >= 12
    assert len(ARTICLES) >= 70
    assert len(languages) >= 8
    assert languages >= REQUIRED_LANGUAGES


def test_article_ids_are_unique_across_event_files() -> None:
    ids = [article["id"] for event in EVENTS for article in event["articles"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("event", STORIES, ids=[event["event"] for event in STORIES])
def test_every_story_mixes_all_provenance_kinds(event: dict[str, Any]) -> None:
    kinds = Counter(article["kind"] for article in event["articles"])
    assert set(kinds) == KINDS
    assert kinds["original"] == 1
    for article in event["articles"]:
        source = ARTICLES.get(article["of"]) if article["of"] else None
        if article["kind"] == "translation":
            assert source is not None and source["lang"] != article["lang"], article["id"]
        if article["kind"] == "copy":
            assert source is not None and source["lang"] == article["lang"], article["id"]
        if article["kind"] == "rewrite":
            assert article["added_claims"], f"{article['id']} adds no claim"


@pytest.mark.parametrize("event", STORIES, ids=[event["event"] for event in STORIES])
def test_every_story_has_numbers_quotes_and_claims(event: dict[str, Any]) -> None:
    assert any(len(fact["values"]) >= 3 for fact in event["numeric_facts"])
    assert len(event["quotes"]) >= 2
    assert len(event["claims"]) >= 3
    supported = {support["sentence"] for claim in event["claims"] for support in claim["support"]}
    for article in event["articles"]:
        for added in article["added_claims"]:
            assert added in supported, f"{article['id']}: added claim not labelled as a claim"


def test_distractors_share_topic_but_not_date_with_an_existing_event() -> None:
    by_id = {event["event"]: event for event in EVENTS}
    assert len(DISTRACTORS) >= 5
    for event in DISTRACTORS:
        target = by_id.get(event["distractor_of"])
        assert target is not None, event["event"]
        assert target["topic"] == event["topic"], event["event"]
        assert target["date"] != event["date"], event["event"]
        assert len(event["articles"]) >= 1


def test_six_singletons_on_topics_nobody_else_covers() -> None:
    singletons = [event for event in EVENTS if len(event["articles"]) == 1]
    topics = Counter(event["topic"] for event in EVENTS)
    assert len(singletons) == 6
    assert all(topics[event["topic"]] == 1 for event in singletons)


def test_between_15_and_30_percent_of_articles_are_undated() -> None:
    undated = sum(article["published"] is None for article in ARTICLES.values())
    assert 0.15 <= undated / len(ARTICLES) <= 0.30


def test_undated_articles_name_the_day_in_their_text() -> None:
    for article in ARTICLES.values():
        if article["published"] is None:
            text = article["text"].lower()
            stems = WEEKDAY_STEMS[article["lang"]]
            assert any(stem in text for stem in stems), f"{article['id']} names no weekday"


def test_numeric_verdicts_are_numerous_and_match_the_intervals() -> None:
    verdicts = Counter(fact["verdict"] for fact in FACTS)
    assert verdicts["conflict"] >= 8
    assert verdicts["compatible"] >= 8
    assert verdicts["update"] >= 2
    for fact in FACTS:
        values = fact["values"]
        for first, second in fact["conflicting"]:
            assert not _overlap(values[first], values[second]), (fact["quantity"], first, second)
        if fact["verdict"] in {"agree", "compatible"}:
            for first, second in itertools.combinations(values, 2):
                assert _overlap(values[first], values[second]), (fact["quantity"], first, second)


def test_hedged_numbers_appear_in_several_languages() -> None:
    hedged_languages = {
        ARTICLES[article_id]["lang"]
        for fact in FACTS
        if fact["verdict"] == "compatible"
        for article_id, value in fact["values"].items()
        if value["low"] != value["high"]
    }
    assert len(hedged_languages) >= 5


def test_misattributed_quotes_name_the_true_speaker() -> None:
    misattributed = [quote for quote in QUOTES if quote["misattributed"]]
    assert len(misattributed) >= 3
    for quote in misattributed:
        assert quote.get("true_speaker"), quote
        assert quote["true_speaker"] != quote["speaker"], quote
    assert all(quote["misattributed"] for quote in QUOTES if "true_speaker" in quote)


def test_quotes_come_in_several_quote_styles() -> None:
    opening_marks = set()
    for quote in QUOTES:
        text = ARTICLES[quote["article"]]["text"]
        before = text[: text.index(quote["quote"])].rstrip(" ")
        opening_marks.add(before[-1:])
    assert opening_marks >= {'"', "«", "„", "“"}
    assert opening_marks & {"–", "—"}, "no dialogue-dash quote"


def test_committed_files_are_exactly_what_the_build_produces(tmp_path: Path) -> None:
    builder.write_corpus(EVENTS_DIR, tmp_path)
    for name in (builder.ARTICLES_FILE, builder.LABELS_FILE):
        committed = (CORPUS_DIR / name).read_bytes()
        assert committed == (tmp_path / name).read_bytes(), f"{name} is stale: run build_corpus.py"


def test_readme_counts_are_current_and_wrong_hints_are_listed() -> None:
    readme = (CORPUS_DIR / builder.README_FILE).read_text(encoding="utf-8")
    assert builder.counts_markdown(EVENTS) in readme, "README counts are stale: run build_corpus.py"
    for article_id in builder.WRONG_LANG_HINTS:
        assert f"`{article_id}`" in readme


def test_labels_name_the_original_and_relate_every_other_article() -> None:
    labels = json.loads((CORPUS_DIR / builder.LABELS_FILE).read_text(encoding="utf-8"))
    assert set(labels["articles"]) == set(ARTICLES)
    for event in labels["events"]:
        members = {article_id: ARTICLES[article_id] for article_id in event["articles"]}
        original = event["original"]
        assert members[original]["kind"] == "original"
        related = {relation["article"]: relation for relation in event["relations"]}
        assert set(related) == set(members) - {original}
        for article_id, relation in related.items():
            assert relation["kind"] == members[article_id]["kind"]
            assert relation["of"] in members
            if relation["kind"] == "independent":
                assert relation["of"] == original


def test_input_records_carry_only_storyline_fields_and_a_few_wrong_hints() -> None:
    lines = (CORPUS_DIR / builder.ARTICLES_FILE).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [record["id"] for record in records] == sorted(ARTICLES)
    allowed = {"id", "source", "url", "title", "published", "lang", "text"}
    hinted = wrong = 0
    for record in records:
        article = ARTICLES[record["id"]]
        assert set(record) <= allowed
        assert record["text"] == article["text"]
        assert record.get("published") == article["published"]
        if "lang" in record:
            hinted += 1
            wrong += record["lang"] != article["lang"]
    assert 0.35 <= hinted / len(records) <= 0.65
    assert wrong == 2


def test_every_article_is_accepted_by_ingest() -> None:
    documents = list(iter_documents([CORPUS_DIR / builder.ARTICLES_FILE]))
    rejected = [doc for doc in documents if isinstance(doc, Rejected)]
    assert rejected == []
    assert all(isinstance(doc, RawDocument) for doc in documents)
    by_id = {doc.id: doc for doc in documents if isinstance(doc, RawDocument)}
    assert set(by_id) == set(ARTICLES)
    for article_id, doc in by_id.items():
        assert doc.body == ARTICLES[article_id]["text"]
        assert doc.published == ARTICLES[article_id]["published"]
        assert doc.lang_hint == builder.lang_hint(ARTICLES[article_id])
