"""Provenance: the seeds' tree, the eval gate on the labelled corpus, and the edge cases."""

from __future__ import annotations

import json

import pytest
from bench.cluster_data import CORPUS, SEEDS
from tests.conftest import Embed, build_article

from storyline.model import Article, Provenance
from storyline.provenance import find_credits, trace_provenance
from storyline.represent import USE_LANGUAGES

LABELS = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))

# Measured 2026-11-23: kind 66/67 = 0.985 (leave-one-event-out 65/67 = 0.970, see
# bench/calibrate_provenance.py), original 19/19 = 1.0 (corpus events + seeds).
# Issue 4 asks for 0.9 on kinds; the floor keeps a margin of three relations below today's
# 66/67 (the kind model is fitted on this corpus, so the held-out figure is the honest one).
KIND_FLOOR = 0.94
ORIGINAL_FLOOR = 0.9

WIRE = (
    "Flooding on the Vistula forced the evacuation of 2,300 residents of Sandomierz on Monday, "
    "the regional crisis centre said. The river rose to 8.4 metres at noon, the highest level "
    "since 2010. Firefighters built sandbag walls along the old town's lower streets overnight. "
    "Two schools were turned into shelters and the railway bridge was closed to traffic. The "
    "mayor, Marcin Kowalski, said the water was expected to peak on Tuesday evening."
)

# A wire report with quotations, an AI-style rewrite that repeats one of them and pads the rest,
# and a reporter's own account of the same evening with other people's words and figures.
WIRE_QUOTED = (
    "Flooding on the Vistula forced the evacuation of 2,300 residents of Sandomierz on Monday, "
    "the regional crisis centre said. The river rose to 8.4 metres at noon, the highest level "
    "since 2010. Firefighters built sandbag walls along the old town's lower streets overnight. "
    '"We have never moved this many people in one day, and the water is still rising," the '
    "mayor, Marcin Kowalski, told reporters. Two schools were turned into shelters and the "
    'railway bridge was closed to traffic. "Anyone living below the cathedral must leave '
    'tonight," said the head of the crisis centre, Ewa Lis.'
)
REWRITE = (
    "Sandomierz is under water again. More than 2,000 people had to leave their homes on Monday "
    "as the swollen Vistula climbed to its highest level in well over a decade, flooding the "
    'lower streets of the historic old town. "We have never moved this many people in one day," '
    "the mayor, Marcin Kowalski, said. Residents below the cathedral were told to leave tonight. "
    "The flood is a stark reminder of the growing risks posed by extreme weather in central "
    "Europe, and many will be asking whether enough has been done to protect riverside towns. "
    "Only time will tell how quickly the town can recover."
)
INDEPENDENT = (
    "Water reached the steps of the cathedral in Sandomierz on Monday evening as volunteers from "
    'nearby Tarnobrzeg joined firefighters on the sandbag lines. "I have lived here for 61 years '
    'and I have never seen the river this close," said Halina Mazur, 74, who was carried out of '
    "her ground-floor flat by two firefighters. At the school on Mickiewicza Street, now a "
    'shelter, 180 people spent the night on camping beds. "We need dry blankets and baby food '
    'more than anything," said the head teacher, Tomasz Wrona. The regional water authority said '
    "the river would crest at about 8.7 metres on Tuesday."
)
GERMAN_REWRITE = (
    "Land unter in Sandomierz: Mehr als 2000 Menschen mussten am Montag ihre Häuser verlassen, "
    "weil die Weichsel so hoch stieg wie seit über einem Jahrzehnt nicht mehr. „Wir haben noch "
    "nie so viele Menschen an einem Tag in Sicherheit gebracht“, sagte Bürgermeister Marcin "
    "Kowalski. Die Katastrophe zeigt einmal mehr, wie verwundbar Städte an großen Flüssen sind. "
    "Experten warnen seit Jahren vor solchen Extremereignissen, und viele fragen sich nun, ob "
    "genug getan wurde. Ob die Stadt sich schnell erholt, bleibt abzuwarten."
)


def kinds(provenance: Provenance) -> dict[str, str]:
    return {r.article_id: r.kind.value for r in provenance.relations}


def labelled_stories() -> list[tuple[str, list[str], str, list[dict[str, str]]]]:
    stories = [
        (e["event"], e["articles"], e["original"], e["relations"])
        for e in LABELS["events"]
        if len(e["articles"]) > 1
    ]
    seed = EXPECTED["stories"][0]
    return [*stories, ("seeds", seed["articles"], seed["original"], seed["relations"])]


def test_seeds_tree_is_what_a_careful_reader_concludes(
    labelled: dict[str, Article], embed: Embed
) -> None:
    seed = EXPECTED["stories"][0]
    provenance = trace_provenance([labelled[i] for i in seed["articles"]], embed, "seeds")
    assert provenance.original == "003_f07694c2c2caf22c"
    assert "reuters" in provenance.original_reason
    assert kinds(provenance) == {
        "000_cdbcb4438c33dd7d": "independent",
        "001_0503947bb9252ab9": "rewrite",
        "002_24fa2d3f4f5e834b": "rewrite",
    }
    assert provenance.independent_origins == 2


def test_kind_and_original_accuracy_on_the_labelled_corpus(
    labelled: dict[str, Article], embed: Embed
) -> None:
    """Kind accuracy: share of labelled relations (every article but the original) whose kind
    the tracer gives (an article the tracer calls the original counts as wrong). Original
    accuracy: share of labelled stories (≥ 2 articles, and the seeds) whose original it names."""
    right_kinds = total_kinds = right_originals = 0
    stories = labelled_stories()
    for story_id, ids, original, relations in stories:
        provenance = trace_provenance(
            [labelled[i] for i in ids], embed, story_id, encoder_languages=USE_LANGUAGES
        )
        found = kinds(provenance)
        right_originals += provenance.original == original
        for relation in relations:
            total_kinds += 1
            right_kinds += found.get(relation["article"]) == relation["kind"]
    assert right_kinds / total_kinds >= KIND_FLOOR
    assert right_originals / len(stories) >= ORIGINAL_FLOOR


def test_relations_point_inside_the_story_and_form_no_cycle(
    labelled: dict[str, Article], embed: Embed
) -> None:
    for story_id, ids, _, _ in labelled_stories():
        provenance = trace_provenance([labelled[i] for i in ids], embed, story_id)
        linked = [r.article_id for r in provenance.relations]
        assert sorted(linked) == sorted(set(ids) - {provenance.original}) or (
            provenance.original is None and len(linked) == len(ids) - 1
        )
        parent = {r.article_id: r.of for r in provenance.relations}
        for article_id in ids:
            seen = set()
            while article_id in parent:
                assert article_id not in seen, f"{story_id}: cycle through {article_id}"
                seen.add(article_id)
                article_id = parent[article_id]


def test_evidence_sentences_exist_in_both_articles(
    labelled: dict[str, Article], embed: Embed
) -> None:
    ids = next(e["articles"] for e in LABELS["events"] if e["event"] == "E01")
    articles = {i: labelled[i] for i in ids}
    provenance = trace_provenance(list(articles.values()), embed, "E01")
    for relation in provenance.relations:
        for pair in relation.evidence.aligned:
            assert 0 <= pair.sentence < len(articles[relation.article_id].sentences)
            assert 0 <= pair.source_sentence < len(articles[relation.of].sentences)
        for span in relation.evidence.shared_spans:
            assert span in articles[relation.article_id].text
            assert span in articles[relation.of].text


def test_a_copy_published_before_its_original_is_still_the_copy(embed: Embed) -> None:
    original = build_article("wire", "en", WIRE, "2025-04-07T10:00:00+00:00", "Vistula Wire")
    abridged = " ".join(WIRE.split(". ")[:2]) + "."
    copy = build_article("early-copy", "en", abridged, "2025-04-07T09:55:00+00:00", "Copy Daily")
    provenance = trace_provenance([copy, original], embed)
    assert provenance.original == "wire"
    assert "containment wins" in provenance.original_reason
    assert kinds(provenance) == {"early-copy": "copy"}
    assert provenance.relations[0].evidence.time_order == "before"


def test_same_timestamp_is_decided_by_credits(embed: Embed) -> None:
    stamp = "2025-04-07T10:00:00+00:00"
    original = build_article("wire", "en", WIRE, stamp, "Vistula Wire")
    copy = build_article("copy", "en", WIRE + "\n(Vistula Wire)", stamp, "Copy Daily")
    provenance = trace_provenance([copy, original], embed)
    assert provenance.original == "wire"
    assert kinds(provenance) == {"copy": "copy"}


def test_same_timestamp_and_nothing_else_to_go_on_says_so(embed: Embed) -> None:
    stamp = "2025-04-07T10:00:00+00:00"
    one = build_article("one", "en", WIRE, stamp, "Paper One")
    other = build_article("other", "en", WIRE, stamp, "Paper Two")
    provenance = trace_provenance([one, other], embed)
    assert provenance.original is None
    assert "share the first timestamp" in provenance.original_reason


def test_an_abridged_translation_is_a_translation(embed: Embed) -> None:
    original = build_article("wire", "en", WIRE, "2025-04-07T10:00:00+00:00", "Vistula Wire")
    german = build_article(
        "de",
        "de",
        "Das Hochwasser an der Weichsel hat am Montag die Evakuierung von 2.300 Einwohnern von "
        "Sandomierz erzwungen, teilte das regionale Krisenzentrum mit. Der Fluss stieg am Mittag "
        "auf 8,4 Meter, den höchsten Stand seit 2010.",
        "2025-04-07T11:30:00+00:00",
        "Rheinpost",
    )
    provenance = trace_provenance([german, original], embed)
    assert provenance.original == "wire"
    assert kinds(provenance) == {"de": "translation"}


def test_undated_articles_with_no_clear_first_say_so(embed: Embed) -> None:
    one = build_article("one", "en", WIRE)
    other = build_article("other", "en", WIRE)
    provenance = trace_provenance([one, other], embed)
    assert provenance.original is None
    assert "no article is dated" in provenance.original_reason


@pytest.mark.parametrize(
    ("text", "removed", "agency", "role"),
    [
        ("MOSCOW (Reuters) - Russia said on Tuesday it would talk.", (), "reuters", "credit"),
        ("Body.\n(Reporting by Reuters, writing by Mark Trevelyan)", (), "reuters", "byline"),
        ("Body text.", ("Source: aajtak",), "aajtak", "source"),
        ("Body text.", ("(c)UNIAN 2021",), "unian", "byline"),
        ("Об этом сообщает «Евразия-Пресс».", (), "евразия пресс", "source"),
        ("Treść.\nŹródło: Serwis Informacyjny Wisła", (), "serwis informacyjny wisła", "source"),
        (
            "Texto.\n(Con información de Agence Hexagone Presse)",
            (),
            "agence hexagone presse",
            "source",
        ),
    ],
)
def test_credits_are_found_in_several_languages(
    text: str, removed: tuple[str, ...], agency: str, role: str
) -> None:
    article = build_article("a", "en", text, removed=removed)
    found = {(c.agency, c.role) for c in find_credits(article)}
    assert (agency, role) in found, found


def test_a_photo_credit_is_not_a_source() -> None:
    article = build_article("a", "en", "Body.\n(AP Photo/Ebrahim Noroozi)")
    assert find_credits(article) == ()


def test_a_rewrite_repeats_its_sources_quotes_an_independent_report_has_its_own(
    embed: Embed,
) -> None:
    wire = build_article("wire", "en", WIRE_QUOTED, "2025-04-07T10:00:00+00:00", "Vistula Wire")
    rewrite = build_article("rewrite", "en", REWRITE, "2025-04-07T14:00:00+00:00", "Daily Buzz")
    scene = build_article("scene", "en", INDEPENDENT, "2025-04-07T19:00:00+00:00", "Tydzień")
    provenance = trace_provenance([scene, rewrite, wire], embed, encoder_languages=USE_LANGUAGES)
    assert provenance.original == "wire"
    assert kinds(provenance) == {"rewrite": "rewrite", "scene": "independent"}
    assert provenance.independent_origins == 2


def test_a_rewrite_in_another_language_is_a_rewrite_not_a_translation(embed: Embed) -> None:
    """It keeps the mayor's words but drops most facts, changes the figures and adds comment:
    a translation would keep the content and its figures."""
    wire = build_article("wire", "en", WIRE_QUOTED, "2025-04-07T10:00:00+00:00", "Vistula Wire")
    german = build_article(
        "de", "de", GERMAN_REWRITE, "2025-04-07T16:00:00+00:00", "Nachrichten Kompakt"
    )
    provenance = trace_provenance([german, wire], embed, encoder_languages=USE_LANGUAGES)
    assert kinds(provenance) == {"de": "rewrite"}


def test_reprints_of_a_translation_in_a_big_story_are_copies_of_it(embed: Embed) -> None:
    """Twenty papers reprint a German translation with the same footer, so each reprint's nearest
    articles are other (often later) reprints; each must still find an earlier one to copy."""
    german = (
        "Das Hochwasser an der Weichsel hat am Montag die Evakuierung von 2.300 Einwohnern von "
        "Sandomierz erzwungen, teilte das regionale Krisenzentrum mit. Der Fluss stieg am Mittag "
        "auf 8,4 Meter, den höchsten Stand seit 2010. Feuerwehrleute errichteten über Nacht "
        "Sandsackwälle in den unteren Straßen der Altstadt. Zwei Schulen wurden zu "
        "Notunterkünften, und die Eisenbahnbrücke wurde gesperrt."
    )
    wire = build_article("wire", "en", WIRE, "2025-04-07T10:00:00+00:00", "Vistula Wire")
    translation = build_article("de", "de", german, "2025-04-07T11:00:00+00:00", "Rheinpost")
    reprints = [
        build_article(
            f"de-{n:02d}",
            "de",
            german + "\nMehr zum Thema: Hochwasser in Polen",
            f"2025-04-07T{12 + n // 6:02d}:{(n % 6) * 10:02d}:00+00:00",
            f"Blatt {n}",
        )
        for n in range(20)
    ]
    provenance = trace_provenance([wire, translation, *reversed(reprints)], embed)
    assert kinds(provenance) == {"de": "translation"} | {r.id: "copy" for r in reprints}
    assert provenance.independent_origins == 1
