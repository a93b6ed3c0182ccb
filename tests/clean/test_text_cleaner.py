"""The plain-text cleaner on the seeds and on scraped pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.text import TextCleaner
from storyline.errors import ConfigurationError, NoArticleError
from storyline.model import CleanedDocument, ContentKind, RawDocument, Rejected, Stage

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


@pytest.fixture(scope="module")
def cleaner() -> TextCleaner:
    return TextCleaner()


def raw(body: str, doc_id: str = "doc", source: str | None = None) -> RawDocument:
    return RawDocument(
        id=doc_id,
        origin=f"test:{doc_id}",
        kind=ContentKind.TEXT,
        body=body,
        content_hash="0" * 64,
        source=source,
    )


def seed(name: str) -> RawDocument:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return raw(path.read_text(encoding="utf-8"), doc_id=path.stem)


def removed_reasons(result: CleanedDocument) -> dict[str, str]:
    return {line.text: line.reason for line in result.removed}


def test_seed_003_keeps_the_wire_story_and_drops_page_chrome(cleaner: TextCleaner) -> None:
    result = cleaner.clean(seed("003"))
    lines = result.text.splitlines()
    assert lines[0].startswith("Russia said on Tuesday it had important matters to discuss")
    assert lines[-1] == (
        "(Reporting by Reuters, writing by Mark Trevelyan, editing by Angus MacSwan)"
    )
    assert "Kremlin spokesman Dmitry Peskov told reporters" in result.text
    assert "Skip to main content" not in result.text
    assert "Share" not in lines
    assert "Taliban leaders attend a ceremony" not in result.text
    assert "CTVNews.ca" not in result.text
    assert "MPs targeted by Chinese hackers" not in result.text
    assert "income tax return" not in result.text
    reasons = removed_reasons(result)
    assert reasons["Skip to main content"] == "navigation"
    assert reasons["Share"] == "share-button"
    caption = next(text for text in reasons if text.startswith("Taliban leaders attend"))
    assert reasons[caption] == "caption-repeat"
    assert reasons["CTVNews.ca Top Stories"] == "related-links"
    # The headline is not body: it is removed as "title" and offered as the page title.
    headline = "Russia says it is working on removing Taliban from its terrorist list. Here's why"
    assert reasons[headline] == "title"
    assert result.page.title == headline


def test_seed_004_drops_every_comment_and_the_comment_form(cleaner: TextCleaner) -> None:
    result = cleaner.clean(seed("004"))
    lines = result.text.splitlines()
    assert lines[0].startswith("Russia has already planned contacts with the political leadership")
    assert lines[-1].endswith("There have been several fatal incidents at Kabul airport.")
    assert "Now we will talk to Mullah Baradar while there in Doha." in result.text
    for comment in ("Putler wants", "Liked by 4 people", "англійський масон", "terry taliban"):
        assert comment not in result.text
    for form in ("Leave a Reply", "You are commenting using", "Akismet"):
        assert form not in result.text
    reasons = removed_reasons(result)
    # The credit stays available to the date stage, which reads removed lines too.
    assert reasons["(c)UNIAN 2021"] == "credits"
    assert reasons["Liked by 4 people"] == "comment"
    putler = next(text for text in reasons if "Putler wants" in text)
    assert reasons[putler] == "comment"
    assert reasons["Leave a Reply"] == "comment-form"
    akismet = next(text for text in reasons if "Akismet" in text)
    assert reasons[akismet] == "comment-form"


@pytest.mark.parametrize("name", ["000", "001", "002"])
def test_clean_seeds_lose_no_body(cleaner: TextCleaner, name: str) -> None:
    document = seed(name)
    result = cleaner.clean(document)
    body_lines = [
        line.strip()
        for line in document.body.splitlines()
        if line.strip() and not line.startswith("Source:")
    ]
    assert result.text.splitlines() == body_lines


def test_seed_001_keeps_headings_and_removes_source_lines_as_credits(cleaner: TextCleaner) -> None:
    result = cleaner.clean(seed("001"))
    assert "Links Between Moscow Attacks and the Taliban Surfaced" in result.text.splitlines()
    assert "The Next Phase in This Dynamic" in result.text.splitlines()
    sources = [line for line in result.removed if line.text == "Source: aajtak"]
    assert [line.line_number for line in sources] == [6, 13, 18]
    assert {line.reason for line in sources} == {"credits"}


def test_removed_lines_point_back_at_the_original_text(cleaner: TextCleaner) -> None:
    document = seed("004")
    original = document.body.splitlines()
    result = cleaner.clean(document)
    assert result.removed
    for line in result.removed:
        assert original[line.line_number].strip() == line.text
        assert line.reason
        assert 0.0 <= line.score <= 1.0
    assert result.cleaner == cleaner.name
    assert cleaner.name.startswith("text:")


GERMAN = """\
Zum Inhalt springen
Startseite
Politik
Wirtschaft
Sport
Suche
Bahnstreik: GDL kündigt neuen Ausstand im Güterverkehr an
Teilen
Drucken
Die Lokführergewerkschaft GDL hat einen weiteren Streik im Güter- und Personenverkehr der \
Deutschen Bahn angekündigt. Der Ausstand soll am Mittwochabend beginnen und bis Montagfrüh dauern, \
teilte die Gewerkschaft am Dienstag in Frankfurt mit.
GDL-Chef Claus Weselsky warf dem Konzern vor, kein verhandlungsfähiges Angebot vorgelegt zu haben. \
"Die Bahn spielt auf Zeit, und die Fahrgäste zahlen die Zeche", sagte er.
Die Bahn kritisierte den Streik als unverhältnismäßig. Ein Sprecher kündigte einen Notfahrplan an, \
mit dem etwa ein Fünftel der Fernzüge fahren solle. Reisende sollten ihre Fahrt nach Möglichkeit \
verschieben, Fahrkarten behielten ihre Gültigkeit.
Der Tarifkonflikt dauert seit November an. Strittig ist vor allem die Forderung der GDL nach einer \
Senkung der Wochenarbeitszeit von 38 auf 35 Stunden bei vollem Lohnausgleich.
Mehr zum Thema
Streik bei der Bahn: Was Fahrgäste jetzt wissen müssen
Lufthansa: Verdi ruft Bodenpersonal zum Warnstreik auf
Newsletter abonnieren
Kommentare (3)
Hans M. vor 2 Stunden
Schon wieder! Ich pendle jeden Tag nach Köln und weiß nicht mehr, wie ich zur Arbeit komme.
Antworten
Petra K. vor 1 Stunde
Die Forderungen sind berechtigt, die Bahn hat jahrelang gespart.
Antworten
"""

RUSSIAN = """\
Главная
Новости
Политика
Экономика
Поиск
В Москве открылась выставка отечественной авиатехники
Поделиться
Вконтакте
Telegram
В Москве во вторник открылась международная выставка авиационной техники, на которой представлено \
более 200 образцов гражданских и транспортных самолётов. Организаторы ожидают около 100 тысяч \
посетителей за пять дней работы.
Главным событием первого дня стала презентация нового регионального самолёта. По словам \
генерального конструктора, первые поставки авиакомпаниям запланированы на конец следующего года.
Эксперты отмечают, что выставка проходит в условиях ограничений на поставку зарубежных \
комплектующих, поэтому большинство экспонатов собрано из отечественных деталей.
Читайте также
Авиакомпании сократили число рейсов на юг
Цены на билеты выросли на 15 процентов
Комментарии
Иван Петров
Интересно, когда этот самолёт реально начнут возить пассажиров?
Ответить
Мария
Была вчера, очень понравилось, советую всем.
Ответить
"""

SPANISH = """\
Ir al contenido
Inicio
Nacional
Internacional
Deportes
Buscar
El Gobierno aprueba una subida del salario mínimo del 5 %
Compartir en Facebook
Compartir en Twitter
El Consejo de Ministros aprobó este martes una subida del salario mínimo interprofesional del 5 %, \
que quedará fijado en 1.134 euros mensuales en catorce pagas, con efectos retroactivos desde el \
1 de enero.
La ministra de Trabajo defendió que la medida beneficiará a unos 2,5 millones de trabajadores y \
recordó que el acuerdo fue firmado con los sindicatos mayoritarios, aunque sin el respaldo de la \
patronal.
Las organizaciones empresariales advirtieron de que el incremento puede afectar al empleo en las \
pequeñas empresas del sector agrario y de la hostelería, que concentran buena parte de los \
contratos con el salario mínimo.
Te puede interesar
La inflación se modera en enero hasta el 3,4 %
El paro baja en 30.000 personas en diciembre
Suscríbete a nuestro boletín
Comentarios
Laura G.
Ya era hora, con los precios como están no se puede vivir.
Responder
Pedro
Esto lo pagarán los autónomos, como siempre.
Responder
"""


FRENCH = """\
Aller au contenu principal
Accueil
Politique
Économie
Culture
Recherche
Connexion
Incendies : des milliers d'hectares brûlés dans le sud de la France
Partager sur Facebook
Partager sur X
Copier le lien
Plus de 2 000 pompiers étaient mobilisés mercredi pour lutter contre un incendie qui a déjà \
parcouru près de 7 000 hectares dans l'Aude, selon la préfecture. Le feu, parti mardi après-midi \
d'un talus en bord de route, a été attisé par un vent violent.
Plusieurs villages ont été évacués dans la nuit et une centaine d'habitants ont été hébergés dans \
des gymnases. « La situation reste très préoccupante », a déclaré le préfet lors d'un point presse \
en fin de matinée.
Les moyens aériens, dont six Canadair, ont été engagés dès l'aube. Les autorités appellent la \
population à éviter la zone et à ne pas gêner l'intervention des secours.
À lire aussi
Canicule : douze départements placés en vigilance orange
Sécheresse : les restrictions d'eau étendues à 60 départements
Abonnez-vous à notre newsletter
Commentaires
Jean-Pierre
Courage aux pompiers, ils font un travail incroyable.
Répondre
Sophie L.
Chaque été c'est la même chose, il faudrait plus de prévention.
Répondre
"""


@pytest.mark.parametrize(
    ("text", "first", "last", "chrome", "comments"),
    [
        (
            GERMAN,
            "Die Lokführergewerkschaft GDL hat einen weiteren Streik",
            "bei vollem Lohnausgleich.",
            ["Zum Inhalt springen", "Startseite", "Teilen", "Mehr zum Thema", "Lufthansa: Verdi"],
            ["Schon wieder!", "Die Forderungen sind berechtigt", "Antworten", "Hans M."],
        ),
        (
            RUSSIAN,
            "В Москве во вторник открылась международная выставка",
            "собрано из отечественных деталей.",
            ["Главная", "Поделиться", "Читайте также", "Цены на билеты выросли"],
            ["Интересно, когда этот самолёт", "Ответить", "очень понравилось"],
        ),
        (
            SPANISH,
            "El Consejo de Ministros aprobó este martes",
            "contratos con el salario mínimo.",
            ["Ir al contenido", "Compartir en Facebook", "Te puede interesar", "La inflación"],
            ["Ya era hora", "Responder", "Esto lo pagarán los autónomos"],
        ),
        (
            FRENCH,
            "Plus de 2 000 pompiers étaient mobilisés mercredi",
            "l'intervention des secours.",
            ["Aller au contenu", "Partager sur Facebook", "À lire aussi", "Canicule", "Abonnez"],
            ["Courage aux pompiers", "Répondre", "Chaque été c'est la même chose"],
        ),
    ],
    ids=["de", "ru", "es", "fr"],
)
def test_scraped_pages_in_other_languages(
    cleaner: TextCleaner,
    text: str,
    first: str,
    last: str,
    chrome: list[str],
    comments: list[str],
) -> None:
    result = cleaner.clean(raw(text))
    lines = result.text.splitlines()
    assert lines[0].startswith(first)
    assert lines[-1].endswith(last)
    assert len(lines) >= 3
    for fragment in chrome + comments:
        assert fragment not in result.text
    reasons = removed_reasons(result)
    comment_reasons = {
        reason for line, reason in reasons.items() if any(c in line for c in comments)
    }
    assert comment_reasons <= {"comment", "comment-form"}


def test_footer_repeated_across_a_source_is_removed(cleaner: TextCleaner) -> None:
    footer = "© 2024 Nordkurier Mediengruppe. Alle Rechte vorbehalten. Impressum und Datenschutz."
    bodies = [
        "Der Stadtrat hat am Montag den Haushalt für das kommende Jahr beschlossen. Die Mehrheit "
        "stimmte für höhere Ausgaben bei Schulen und Kitas, die Opposition kritisierte die neuen "
        "Schulden.\nDer Kämmerer rechnet mit einem Defizit von vier Millionen Euro.",
        "Die Polizei sucht Zeugen eines Unfalls auf der Bundesstraße 104. Ein Autofahrer war am "
        "Sonntagabend von der Fahrbahn abgekommen und gegen einen Baum geprallt.\nDer Mann wurde "
        "schwer verletzt in eine Klinik gebracht.",
        "Das Freibad in Neubrandenburg öffnet in diesem Jahr zwei Wochen früher als geplant. Grund "
        "sei das warme Wetter, teilten die Stadtwerke mit.\nDie Eintrittspreise bleiben stabil.",
    ]
    documents = [
        raw(f"{body}\n{footer}", doc_id=f"nk-{i}", source="nordkurier.de")
        for i, body in enumerate(bodies)
    ]
    results = cleaner.clean_batch(documents)
    for result, body in zip(results, bodies, strict=True):
        assert isinstance(result, CleanedDocument)
        assert footer not in result.text
        assert body.splitlines()[0] in result.text
        assert removed_reasons(result)[footer] == "repeated-across-source"
    # Alone, a document has no batch to compare with; the footer is judged on its own.
    single = cleaner.clean(documents[0])
    assert "repeated-across-source" not in removed_reasons(single).values()


def test_chrome_only_text_is_rejected_and_the_batch_goes_on(cleaner: TextCleaner) -> None:
    chrome = raw("Home\nNews\nSport\nLogin\nShare\nCookie settings\nAccept all", doc_id="chrome")
    with pytest.raises(NoArticleError) as raised:
        cleaner.clean(chrome)
    assert raised.value.article_id == "chrome"
    article = seed("002")
    results = cleaner.clean_batch([chrome, article, raw("   \n\n  ", doc_id="blank")])
    assert isinstance(results[0], Rejected)
    assert results[0].stage is Stage.CLEAN
    assert isinstance(results[1], CleanedDocument)
    assert results[1].raw is article
    assert isinstance(results[2], Rejected)


def test_one_article_sent_three_times_keeps_its_body(cleaner: TextCleaner) -> None:
    article = seed("002")
    copies = [raw(article.body, doc_id=f"copy-{i}", source="example.com") for i in range(3)]
    results = cleaner.clean_batch(copies)
    alone = cleaner.clean(article)
    for result in results:
        assert isinstance(result, CleanedDocument)
        assert result.text == alone.text
        assert "repeated-across-source" not in removed_reasons(result).values()


def test_html_documents_are_refused(cleaner: TextCleaner) -> None:
    html = RawDocument(
        id="page", origin="test", kind=ContentKind.HTML, body="<p>Hi</p>", content_hash=""
    )
    with pytest.raises(ConfigurationError):
        cleaner.clean(html)
