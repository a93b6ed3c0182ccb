"""Shared inputs for the represent tests.

* ``ostrava`` / ``ohio``: one invented event (a chlorine train derails near Ostrava) told in nine
  languages as title + lead, and a different event on the same topic (a vinyl-chloride train in
  Ohio). Written for storyline.
* ``seed``: the seed articles as the pipeline would hand them to this stage. Cleaning is not under
  test here, so the known chrome before the body is cut at the first body sentence that
  examples/seeds/expected.json names, and the sentences come from the analyze stage's splitter.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.analyze import split_sentences
from storyline.model import Article, LanguageTag

# Event A: a chlorine train derails near Ostrava. Title + lead, as grouping_text would give it.
OSTRAVA = {
    "en": (
        "Freight train carrying chlorine derails near Ostrava, 1,200 residents evacuated\n"
        "A freight train carrying chlorine derailed on Sunday night near the Czech city of "
        "Ostrava, forcing the evacuation of about 1,200 residents. Regional governor Tomáš Hradil "
        "said two tank wagons were leaking and firefighters had sealed one of them by morning. "
        "Rail operator ČD Cargo said the train had been travelling from Katowice to Vienna."
    ),
    "de": (
        "Güterzug mit Chlor entgleist bei Ostrava, 1.200 Anwohner evakuiert\n"
        "Ein mit Chlor beladener Güterzug ist in der Nacht zum Montag nahe der tschechischen "
        "Stadt Ostrava entgleist; rund 1.200 Anwohner mussten ihre Häuser verlassen. "
        "Regionalgouverneur Tomáš Hradil sagte, zwei Kesselwagen seien undicht, einen davon habe "
        "die Feuerwehr bis zum Morgen abgedichtet. Der Bahnbetreiber ČD Cargo teilte mit, der Zug "
        "sei von Katowice nach Wien unterwegs gewesen."
    ),
    "pl": (
        "Pociąg towarowy z chlorem wykoleił się pod Ostrawą, ewakuowano 1200 mieszkańców\n"
        "Pociąg towarowy przewożący chlor wykoleił się w niedzielę w nocy w pobliżu czeskiej "
        "Ostrawy, co zmusiło do ewakuacji około 1200 mieszkańców. Hetman kraju Tomáš Hradil "
        "powiedział, że z dwóch cystern wyciekał chlor, a strażacy do rana uszczelnili jedną z "
        "nich. Przewoźnik ČD Cargo poinformował, że pociąg jechał z Katowic do Wiednia."
    ),
    "tr": (
        "Ostrava yakınlarında klor taşıyan yük treni raydan çıktı, 1.200 kişi tahliye edildi\n"
        "Klor taşıyan bir yük treni pazar gecesi Çekya'nın Ostrava kenti yakınlarında raydan "
        "çıktı ve yaklaşık 1.200 kişi tahliye edildi. Bölge valisi Tomáš Hradil, iki tanker "
        "vagonun sızdırdığını ve itfaiyenin sabaha kadar bunlardan birini kapattığını söyledi. "
        "Demiryolu şirketi ČD Cargo, trenin Katowice'den Viyana'ya gittiğini açıkladı."
    ),
    "pt": (
        "Comboio de mercadorias com cloro descarrila perto de Ostrava; 1.200 moradores retirados\n"
        "Um comboio de mercadorias que transportava cloro descarrilou na noite de domingo perto "
        "da cidade checa de Ostrava, obrigando à retirada de cerca de 1.200 moradores. O "
        "governador regional Tomáš Hradil disse que dois vagões-cisterna tinham fugas e que os "
        "bombeiros selaram um deles até de manhã. A operadora ferroviária ČD Cargo afirmou que o "
        "comboio seguia de Katowice para Viena."
    ),
    "it": (
        "Treno merci carico di cloro deraglia vicino a Ostrava, evacuati 1.200 residenti\n"
        "Un treno merci che trasportava cloro è deragliato domenica notte vicino alla città ceca "
        "di Ostrava, costringendo all'evacuazione di circa 1.200 residenti. Il governatore "
        "regionale Tomáš Hradil ha detto che due carri cisterna perdevano e che i vigili del "
        "fuoco ne avevano sigillato uno entro la mattina. L'operatore ferroviario ČD Cargo ha "
        "riferito che il treno viaggiava da Katowice a Vienna."
    ),
    # Outside USE's 16 training languages:
    "uk": (
        "Під Остравою зійшов з рейок вантажний потяг з хлором, евакуйовано 1200 мешканців\n"
        "Вантажний потяг, що перевозив хлор, у неділю вночі зійшов з рейок поблизу чеського "
        "міста Острава, через що довелося евакуювати близько 1200 мешканців. Губернатор краю "
        "Томаш Градил заявив, що з двох цистерн витікав хлор, і до ранку рятувальники "
        "загерметизували одну з них. Перевізник ČD Cargo повідомив, що потяг прямував з Катовіце "
        "до Відня."
    ),
    "cs": (
        "U Ostravy vykolejil nákladní vlak s chlorem, evakuováno 1200 obyvatel\n"
        "Nákladní vlak převážející chlor vykolejil v neděli v noci nedaleko Ostravy a asi 1200 "
        "obyvatel muselo opustit své domovy. Hejtman Tomáš Hradil uvedl, že ze dvou cisternových "
        "vozů unikal chlor a hasiči jeden z nich do rána utěsnili. Dopravce ČD Cargo sdělil, že "
        "vlak jel z Katovic do Vídně."
    ),
    "sv": (
        "Godståg med klor spårade ur nära Ostrava, 1 200 invånare evakuerades\n"
        "Ett godståg lastat med klor spårade ur natten till måndag nära den tjeckiska staden "
        "Ostrava och omkring 1 200 invånare fick lämna sina hem. Regionguvernören Tomáš Hradil "
        "sade att två tankvagnar läckte och att räddningstjänsten hade tätat en av dem på "
        "morgonen. Järnvägsbolaget ČD Cargo uppgav att tåget var på väg från Katowice till Wien."
    ),
}

# Event B: same topic (a chemical train derails, residents leave), another place and time.
OHIO = (
    "Train carrying vinyl chloride derails in Ohio, town told to shelter in place\n"
    "A freight train carrying vinyl chloride derailed on Friday night outside East Palestine, "
    "Ohio, and about 2,000 residents were told to leave their homes. Governor Mike DeWine said "
    "five tank cars were at risk of exploding and crews had started a controlled release of the "
    "chemical. Norfolk Southern said 38 cars had left the tracks."
)


SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
EXPECTED = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
TITLES = {
    "003_f07694c2c2caf22c": (
        "Russia says it is working on removing Taliban from its terrorist list. Here's why"
    ),
    "004_519643cf1c8da25f": "Moscow has declared “good relations” with the Taliban, preparing for "
    "talks",
}


def seed_article(article_id: str) -> Article:
    text = (SEEDS / f"{article_id}.txt").read_text(encoding="utf-8")
    body = EXPECTED["body"].get(article_id)
    if body:
        text = text[text.index(body["first_sentence"]) :]
        text = text[: text.index(body["last_sentence"]) + len(body["last_sentence"])]
    lang = EXPECTED["languages"][article_id]
    return Article(
        id=article_id,
        content_hash=article_id,
        origin=f"seeds/{article_id}.txt",
        text=text,
        lang=LanguageTag(lang, 1.0, "expected.json"),
        title=TITLES.get(article_id),
        sentences=tuple(split_sentences(text, lang)),
    )


@pytest.fixture(scope="session")
def ostrava() -> dict[str, str]:
    return OSTRAVA


@pytest.fixture(scope="session")
def ohio() -> str:
    return OHIO


@pytest.fixture(scope="session")
def seed() -> Callable[[str], Article]:
    return seed_article
