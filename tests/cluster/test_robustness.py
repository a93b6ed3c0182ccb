"""Grouping survives the inputs that break clusterers: unknown scripts, one-liners, floods of
copies, shared boilerplate and absurd dates. Each case runs through the real pipeline (ingest,
clean, language, analyze, represent with the default USE embedder, cluster)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from storyline import Engine, RunSettings, Story
from storyline.cluster import StoryClusterer, event_window
from storyline.model import Article, LanguageTag, PublicationDate
from storyline.represent import HashingEmbedder, features

# One process: these inputs are small, and starting workers would cost more than they save.
SETTINGS = RunSettings(workers=1)

FLOOD_KA = (
    "თბილისი, 12 მაისი. ძლიერმა წვიმამ იმერეთის რეგიონში მდინარე რიონი ადიდა და ქუთაისის სამ "
    "უბანში სახლები დატბორა.\n"
    "საგანგებო სიტუაციების სამსახურის ცნობით, 140 ოჯახი ევაკუირებულია, დაშავებულთა შესახებ "
    "ინფორმაცია არ არის. მაშველები ნავებით გადაჰყავთ მოსახლეობა უსაფრთხო ადგილებზე.\n"
    "ქალაქის მერიამ განაცხადა, რომ დაზარალებულებს დროებითი საცხოვრებელი სკოლებში მიეცემათ. "
    "სინოპტიკოსები ნალექს კიდევ ორი დღის განმავლობაში პროგნოზირებენ."
)
BUDGET_KA = (
    "საქართველოს პარლამენტმა მესამე მოსმენით მიიღო 2026 წლის სახელმწიფო ბიუჯეტი. "
    "კანონპროექტს 84 დეპუტატმა დაუჭირა მხარი, 30 წინააღმდეგ იყო.\n"
    "ფინანსთა მინისტრის თქმით, ბიუჯეტის ხარჯები 32 მილიარდ ლარს აღწევს, ხოლო ეკონომიკური "
    "ზრდა 6 პროცენტით არის დაგეგმილი.\n"
    "ოპოზიციამ ბიუჯეტი გააკრიტიკა და განაცხადა, რომ ჯანდაცვისა და განათლების დაფინანსება "
    "არასაკმარისია. დოკუმენტი ძალაში პრეზიდენტის ხელმოწერის შემდეგ შევა."
)
COFFEE_AM = (
    "ኢትዮጵያ በዚህ የበጀት ዓመት ከቡና ወጪ ንግድ 1.4 ቢሊዮን ዶላር ማግኘቷን የኢትዮጵያ ቡናና ሻይ ባለስልጣን "
    "አስታወቀ። ባለስልጣኑ እንደገለጸው ወደ ውጭ የተላከው ቡና መጠን 300 ሺህ ቶን ደርሷል።\n"
    "ዋና ዋና መዳረሻዎች ጀርመን፣ ሳዑዲ ዓረቢያና አሜሪካ ናቸው። አርሶ አደሮች የተሻለ ዋጋ ማግኘታቸውን ገልጸዋል።"
)

# Twenty unrelated reports, each a different event in a different place.
UNRELATED = [
    "The city council of Brackenford approved a new tram line to the northern suburbs on "
    "Tuesday. The 11-kilometre route will cost 480 million pounds and open in 2029, said "
    "transport chief Delia Marchetti.",
    "A fire destroyed a timber warehouse in the port of Saltmarsh overnight. Forty firefighters "
    "fought the blaze for six hours; nobody was hurt, said station officer Kieran Boyle.",
    "Researchers at the University of Eastvale reported a new battery chemistry based on sodium "
    "that keeps 92% of its capacity after 5,000 cycles, according to a paper in Joule.",
    "Striker Tomasz Wielgus scored twice as Granite Rovers beat Harbour City 3-1 to reach the "
    "cup final for the first time in 37 years.",
    "Die Stadtwerke Lindenau erhöhen zum 1. Juli die Wasserpreise um 7,5 Prozent. Begründet "
    "wird der Schritt mit gestiegenen Energiekosten, sagte Geschäftsführerin Petra Olbrich.",
    "Le musée de Valbonne-sur-Loire a rouvert ses portes après deux ans de travaux. La "
    "rénovation a coûté 14 millions d'euros, a précisé la conservatrice Hélène Garrigue.",
    "El Ayuntamiento de Villalmar prohibirá los patinetes eléctricos en el casco antiguo a "
    "partir de septiembre, anunció el alcalde Ramón Escudero tras 56 accidentes este año.",
    "Rada Miasta Borowice przyjęła budżet na 2026 rok. Wydatki wyniosą 812 mln zł, z czego "
    "jedna trzecia trafi na drogi, poinformował skarbnik Jerzy Malinowski.",
    "A magnitude 4.6 earthquake shook the Orvanne valley early on Sunday. Windows broke in "
    "several villages, but no injuries were reported, the seismological institute said.",
    "Shares of Quillon Robotics jumped 18% after the company won a 2.3 billion dollar contract "
    "to automate warehouses for the retailer Brightcart.",
    "Il comune di Rocca Serena ha inaugurato un nuovo ponte pedonale sul fiume Tessa. L'opera "
    "è costata 3,8 milioni di euro, ha detto la sindaca Chiara Benedetti.",
    "O governo do estado de Vale Azul anunciou a contratação de 1.200 professores para a rede "
    "pública, disse a secretária de Educação Mariana Toledo.",
    "Kuzeykent Belediyesi, şehir merkezinde 450 araçlık yeni bir otopark açtı. Belediye "
    "Başkanı Selim Aydoğan, projenin 96 milyon liraya mal olduğunu söyledi.",
    "Міська рада Зорянська ухвалила програму ремонту 35 шкіл до кінця року, повідомив "
    "заступник міського голови Олег Гнатюк.",
    "Astronomers using the Halvorsen telescope in Chile found a gas giant orbiting a red dwarf "
    "just 31 light years away, lead author Priya Raman said.",
    "The fishing trawler Northern Dawn ran aground off Skerrin Point in heavy fog; its crew of "
    "nine was lifted to safety by a coastguard helicopter.",
    "A strike by baggage handlers at Fenwick airport cancelled 140 flights on Friday, union "
    "leader Marcus Oyelaran said talks would resume next week.",
    "The Ashgrove orchestra named the Finnish conductor Aino Lehtimäki as its new music "
    "director from the 2026 season.",
    "Police in Dunmere seized 2.4 tonnes of counterfeit cigarettes hidden in a lorry carrying "
    "frozen vegetables, detective inspector Ruth Calloway said.",
    "A rare white moose calf was filmed in the forests near Kallavik, wildlife officer Nils "
    "Bergqvist said, the first sighting in the region since 2011.",
]

BOILERPLATE = (
    "Subscribe to the Morning Ledger newsletter to get the day's top stories in your inbox.\n"
    "The Morning Ledger is committed to accuracy. If you spot an error in this article, please "
    "write to our corrections desk and our standards editor will review it within one working "
    "day.\n"
    "Copyright 2025 Morning Ledger Media Group. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed without permission."
)


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def run_stories(path: Path) -> tuple[list[Story], int]:
    with Engine(memory=True, settings=SETTINGS) as engine:
        result = engine.add([path])
        return engine.stories(), result.added


def story_of(stories: Sequence[Story]) -> dict[str, str]:
    return {member.article_id: story.id for story in stories for member in story.members}


def test_languages_no_model_covers_still_group_copies_and_stay_apart(tmp_path: Path) -> None:
    """Georgian and Amharic are outside USE's languages: its vectors of two unrelated Georgian
    texts are close (0.84), so copies must meet on copy and word evidence, not on meaning."""
    copy_of_flood = FLOOD_KA.replace("თბილისი, 12 მაისი. ", "")  # the dateline dropped
    records = [
        {"id": "ka-flood", "text": FLOOD_KA, "published": "2025-05-12T09:00:00+04:00"},
        {"id": "ka-flood-copy", "text": copy_of_flood, "published": "2025-05-12T11:30:00+04:00"},
        {"id": "ka-budget", "text": BUDGET_KA, "published": "2025-05-13T10:00:00+04:00"},
        {"id": "am-coffee", "text": COFFEE_AM, "published": "2025-05-12T08:00:00+03:00"},
        {"id": "en-tram", "text": UNRELATED[0], "published": "2025-05-12T08:00:00+00:00"},
        {"id": "en-quake", "text": UNRELATED[8], "published": "2025-05-12T07:00:00+00:00"},
    ]
    stories, added = run_stories(write_jsonl(tmp_path / "scripts.jsonl", records))
    assert added == len(records)
    label = story_of(stories)
    assert label["ka-flood"] == label["ka-flood-copy"]
    others = ["ka-budget", "am-coffee", "en-tram", "en-quake"]
    assert len({label[a] for a in ["ka-flood", *others]}) == 5, label


def test_an_article_of_one_line_is_grouped_alone_or_rejected_with_a_reason(
    tmp_path: Path,
) -> None:
    records = [
        {"id": "one-line", "text": "Ferry services to Inishcorran resume after the storm."},
        *(
            {"id": f"other-{n}", "text": text, "published": "2025-03-03T10:00:00+00:00"}
            for n, text in enumerate(UNRELATED[:4])
        ),
    ]
    with Engine(memory=True, settings=SETTINGS) as engine:
        result = engine.add([write_jsonl(tmp_path / "short.jsonl", records)])
        stories = engine.stories()
    rejected = {r.id: r.reason for r in result.rejected}
    label = story_of(stories)
    if "one-line" in rejected:
        assert rejected["one-line"].strip()
    else:
        assert sum(1 for a in label.values() if a == label["one-line"]) == 1
    assert len(stories) == len(label)  # every other article alone too


def test_five_hundred_copies_of_one_text_are_one_story(tmp_path: Path) -> None:
    body = UNRELATED[1] + "\n" + UNRELATED[1].replace("overnight", "in the night")
    start = dt.datetime(2025, 6, 1, 6, 0, tzinfo=dt.UTC)
    records = [
        {
            "id": f"copy-{n:03d}",
            "source": f"Outlet {n % 37}",
            "text": body,
            "published": (start + dt.timedelta(minutes=7 * n)).isoformat(),
        }
        for n in range(500)
    ]
    records.append({"id": "unrelated", "text": UNRELATED[2], "published": start.isoformat()})
    stories, added = run_stories(write_jsonl(tmp_path / "copies.jsonl", records))
    assert added == 501
    sizes = sorted((len(s.members) for s in stories), reverse=True)
    assert sizes == [500, 1]


def test_unrelated_articles_sharing_boilerplate_are_not_merged(tmp_path: Path) -> None:
    records = [
        {
            "id": f"ledger-{n:02d}",
            "source": "Morning Ledger",
            "text": f"{text}\n{BOILERPLATE}",
            "published": f"2025-04-{1 + n:02d}T09:00:00+00:00",
        }
        for n, text in enumerate(UNRELATED)
    ]
    stories, added = run_stories(write_jsonl(tmp_path / "boilerplate.jsonl", records))
    assert added == 20
    assert [len(s.members) for s in stories] == [1] * 20


@pytest.mark.parametrize("bogus", ["2099-06-01T12:00:00+00:00", "1970-01-01T00:00:00+00:00"])
def test_an_absurd_date_on_one_copy_does_not_split_or_swamp_its_story(
    tmp_path: Path, bogus: str
) -> None:
    """A CMS default (the Unix epoch) or a typo'd year (2099) is not when the event happened:
    the copy still joins its story, the story's dates stay those of the real reports, and
    unrelated articles carrying the same absurd date do not merge with one another."""
    records = [
        {"id": "quake-1", "text": UNRELATED[8], "published": "2025-02-09T06:10:00+00:00"},
        {"id": "quake-2", "text": UNRELATED[8], "published": "2025-02-09T08:00:00+00:00"},
        {"id": "quake-bogus", "text": UNRELATED[8], "published": bogus},
        *(
            {"id": f"bogus-{n}", "text": text, "published": bogus}
            for n, text in enumerate(UNRELATED[10:16])
        ),
    ]
    stories, added = run_stories(write_jsonl(tmp_path / "dates.jsonl", records))
    assert added == len(records)
    label = story_of(stories)
    assert label["quake-1"] == label["quake-2"] == label["quake-bogus"]
    quake = next(s for s in stories if s.id == label["quake-1"])
    assert (quake.first_time, quake.last_time) == ("2025-02-09", "2025-02-09")
    assert sorted(len(s.members) for s in stories) == [1] * 6 + [3]


def _article(article_id: str, text: str, published: str | None) -> Article:
    return Article(
        id=article_id,
        content_hash=article_id,
        origin=f"{article_id}.txt",
        text=text,
        lang=LanguageTag("en", 1.0, "test"),
        title=text.split(".")[0],
        published=PublicationDate(published, "metadata") if published else None,
    )


def test_a_far_future_date_does_not_retire_the_live_stories_of_a_stream() -> None:
    """In a live stream the clock is the newest date seen; one article dated 2099 must not
    jump it forward and retire every active story."""
    embedder = HashingEmbedder()
    first = [
        _article("march-1", UNRELATED[0], "2025-03-01T10:00:00+00:00"),
        _article("typo-2099", UNRELATED[3], "2099-03-01T10:00:00+00:00"),
    ]
    clusterer = StoryClusterer().partial_fit(first, features(first, embedder))
    assert clusterer.clock_ == dt.date(2025, 3, 1)
    later = [_article("march-2", UNRELATED[0], "2025-03-02T08:00:00+00:00")]
    clusterer.partial_fit(later, features(later, embedder))
    assert clusterer.labels_["march-2"] == clusterer.labels_["march-1"]


def test_one_wrong_but_possible_date_does_not_move_the_streams_clock() -> None:
    """A date ten months ahead of the stream (a text date resolved to the wrong year) is
    possible, so it stays; but one article must not retire the stories everyone else is on."""
    embedder = HashingEmbedder()
    first = [
        _article("march-1", UNRELATED[0], "2025-03-01T10:00:00+00:00"),
        _article("wrong-year", UNRELATED[3], "2026-01-10T10:00:00+00:00"),
    ]
    clusterer = StoryClusterer().partial_fit(first, features(first, embedder))
    later = [_article("march-2", UNRELATED[0], "2025-03-02T08:00:00+00:00")]
    clusterer.partial_fit(later, features(later, embedder))
    assert clusterer.labels_["march-2"] == clusterer.labels_["march-1"]


def test_absurd_publication_dates_leave_the_event_time_unknown() -> None:
    for bogus in ("2099-06-01T12:00:00+00:00", "1970-01-01T00:00:00+00:00"):
        assert not event_window(_article("a", UNRELATED[0], bogus)).known
    real = event_window(_article("b", UNRELATED[0], "1994-05-10T12:00:00+00:00"))
    assert real.latest == dt.date(1994, 5, 10)
