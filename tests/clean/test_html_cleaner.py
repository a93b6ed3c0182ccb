"""The HTML path of the clean stage on pages written to look like real news sites."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.clean.html import CLEANER_NAME, clean_html, plain_paragraphs
from storyline.errors import InputError, NoArticleError
from storyline.model import CleanedDocument, ContentKind, RawDocument

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def page(name: str, url: str | None = None) -> RawDocument:
    body = (PAGES / name).read_text(encoding="utf-8")
    return RawDocument(
        id=Path(name).stem,
        origin=str(PAGES / name),
        kind=ContentKind.HTML,
        body=body,
        content_hash="0" * 64,
        url=url,
    )


def html_document(body: str) -> RawDocument:
    return RawDocument(
        id="inline", origin="test", kind=ContentKind.HTML, body=body, content_hash="0" * 64
    )


@pytest.fixture(scope="module")
def news() -> CleanedDocument:
    return clean_html(page("news_article_with_comments.html"))


@pytest.fixture(scope="module")
def german() -> CleanedDocument:
    return clean_html(page("german_article.html"))


@pytest.fixture(scope="module")
def spanish() -> CleanedDocument:
    return clean_html(page("article_with_meta_tags.html"))


def test_news_article_keeps_every_body_paragraph(news: CleanedDocument) -> None:
    paragraphs = news.text.split("\n")
    assert paragraphs[0].startswith("The harbour bridge was closed to all traffic")
    assert paragraphs[-1].startswith("Emergency services will keep one lane open")
    assert len(paragraphs) == 7
    assert '"We would rather have a week of traffic jams' in news.text
    assert news.cleaner == CLEANER_NAME
    assert news.cleaner.startswith("html:trafilatura-")


@pytest.mark.parametrize(
    "chrome",
    [
        "Politics",  # section navigation
        "Search the Herald",
        "Share on Facebook",
        "Copy link",
        "Sign up for our newsletter",
        "Related stories",
        "Ferry fares to rise by eight percent",  # related-stories list
        "Privacy policy",
        "We use cookies",
        "All rights reserved",
    ],
)
def test_news_article_drops_page_chrome(news: CleanedDocument, chrome: str) -> None:
    assert chrome not in news.text


@pytest.mark.parametrize(
    "comment_text",
    [
        "nobody at the council ever listened",  # first reader comment
        "bring back the old night bus",  # second reader comment
        "HarbourWatcher",
        "14 comments",
        "Leave a Reply",  # the comment form
        "Your email address will not be published",
        "Post Comment",
    ],
)
def test_news_article_drops_reader_comments_and_the_comment_form(
    news: CleanedDocument, comment_text: str
) -> None:
    assert comment_text not in news.text


def test_headline_is_a_field_not_the_first_paragraph(news: CleanedDocument) -> None:
    assert news.page.title == "Harbour bridge closed after cracks found in main span"
    assert not news.text.startswith("Harbour bridge closed")


def test_news_article_metadata_from_markup(news: CleanedDocument) -> None:
    # No meta author: the rel=author link in the byline names her, without the job title.
    assert news.page.author == "Maria Lindqvist"
    assert news.page.site == "The Coastal Herald"
    assert news.page.published == "2024-03-05"  # from <time datetime=...>
    assert news.page.canonical_url is None  # the page declares none


def test_meta_tags_fill_every_metadata_field(spanish: CleanedDocument) -> None:
    assert spanish.page.title == "El embalse de La Serena supera el 60 % por primera vez desde 2019"
    assert spanish.page.author == "Lucía Fernández Rubio"
    assert spanish.page.site == "Diario del Guadiana"
    assert spanish.page.canonical_url == (
        "https://www.diariodelguadiana.es/extremadura/embalse-la-serena-60-por-ciento/"
    )
    # article:published_time, not the later article:modified_time
    assert spanish.page.published == "2024-04-02"


def test_spanish_article_body_and_table_as_plain_text(spanish: CleanedDocument) -> None:
    assert spanish.text.startswith("Las intensas lluvias de marzo han dejado el embalse")
    assert "«Es un alivio, pero una buena primavera no compensa cuatro años secos»" in spanish.text
    assert "La Serena\t3.219\t61,3 %" in spanish.text.split("\n")
    assert "|" not in spanish.text
    assert "---" not in spanish.text
    for chrome in ("Suscríbete", "Compartir en Facebook", "Lo más leído", "Aviso legal"):
        assert chrome not in spanish.text


def test_german_article_keeps_umlauts_and_drops_chrome(german: CleanedDocument) -> None:
    assert "Nach jahrelangem Streit hat der Stadtrat am Donnerstagabend" in german.text
    assert "„historischen Tag für den öffentlichen Nahverkehr“" in german.text
    assert "Die Kosten werden auf rund 142 Millionen Euro geschätzt." in german.text
    assert "Ende 2029 durch den Südosten fahren." in german.text
    for chrome in (
        "Alle akzeptieren",
        "Startseite",
        "Per WhatsApp teilen",
        "Das könnte Sie auch interessieren",
        "Radweg am Ring",
        "Impressum",
        "Abo bestellen",
    ):
        assert chrome not in german.text


def test_german_metadata_from_json_ld(german: CleanedDocument) -> None:
    assert german.page.title == "Stadtrat beschließt Ausbau der Straßenbahn nach Südost"
    assert german.page.author == "Jürgen Weißmüller"
    assert german.page.site == "Rheintal Anzeiger"
    assert german.page.published == "2024-11-14"
    # A relative canonical link cannot be resolved without the page's URL...
    assert german.page.canonical_url is None


def test_relative_canonical_link_resolved_against_the_page_url() -> None:
    cleaned = clean_html(
        page("german_article.html", url="https://www.rheintal-anzeiger.de/lokales/?ref=home")
    )
    assert cleaned.page.canonical_url == (
        "https://www.rheintal-anzeiger.de/lokales/stadtrat-strassenbahn-suedost-100.html"
    )


def test_index_page_has_no_article() -> None:
    with pytest.raises(NoArticleError, match="link text"):
        clean_html(page("index_page.html"))


def test_truncated_page_with_broken_markup_still_yields_its_paragraphs() -> None:
    cleaned = clean_html(page("broken_truncated.html"))
    assert "Le conseil métropolitain a voté vendredi le prolongement de la ligne 5" in cleaned.text
    assert "35 000 voyageurs par jour" in cleaned.text
    assert "Accueil" not in cleaned.text


@pytest.mark.parametrize(
    "body",
    [
        "",
        "   \n\t ",
        "<html><head><title>x</title></head><body></body></html>",
        "<html><body><div class='article'><p>Le maire a indiqué que les premières rames",
        "<<<>>><</>\x00\x01\x02 <p <div =>",
        "\ufeff<?xml version='1.0' encoding='utf-8'?><html><body><p></p></body></html>",
        "<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a> <a href='/c'>Sport</a>"
        "</nav></body></html>",
        "<frameset><frame src='/menu.html'><frame src='/main.html'></frameset>",
        "%PDF-1.4 \x00\x00\x00 binary garbage that is not a web page at all",
    ],
    ids=[
        "empty",
        "whitespace",
        "empty-body",
        "cut-after-a-few-words",
        "garbage-markup",
        "xml-declaration-empty",
        "navigation-only",
        "frameset",
        "binary",
    ],
)
def test_pages_without_an_article_raise_no_article_error(body: str) -> None:
    with pytest.raises(NoArticleError) as caught:
        clean_html(html_document(body))
    assert caught.value.reason
    assert caught.value.article_id == "inline"
    assert caught.value.stage == "clean"


def test_broken_page_errors_are_input_errors_so_the_batch_goes_on() -> None:
    # Whatever goes wrong inside the libraries, the pipeline only has to catch InputError.
    deeply_nested = "<div>" * 5000 + "<p>" + "Ein Satz ohne Ende " * 50
    try:
        cleaned = clean_html(html_document(deeply_nested))
    except InputError:
        return
    assert "Ein Satz ohne Ende" in cleaned.text


def test_plain_paragraphs_turns_markdown_tables_and_lists_into_plain_lines() -> None:
    extracted = "\n".join(
        [
            "| Party | Seats |",
            "|---|---|",
            "| Greens | 12 |",
            "- first item of a list",
            "  * nested item",
            "A paragraph   with   runs of spaces.",
            "",
        ]
    )
    assert plain_paragraphs(extracted).split("\n") == [
        "Party\tSeats",
        "Greens\t12",
        "first item of a list",
        "nested item",
        "A paragraph with runs of spaces.",
    ]


def test_plain_paragraphs_says_a_repeated_paragraph_once() -> None:
    paragraph = "The council voted 41 to 15 in favour of the new tram line on Thursday."
    extracted = "\n".join(["Conclusion", paragraph, "Conclusion", paragraph.upper()])
    # Short lines such as headings may repeat; a long paragraph said again is a page copy.
    assert plain_paragraphs(extracted).split("\n") == ["Conclusion", paragraph, "Conclusion"]
