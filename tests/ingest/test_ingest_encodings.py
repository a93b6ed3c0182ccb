"""Files in legacy encodings decode to exactly the text that was written."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import iter_documents
from storyline.model import RawDocument, Rejected

RUSSIAN = (
    "Москва, 2 апреля. Пресс-секретарь президента России Дмитрий Песков заявил, что у Москвы "
    "есть важные вопросы для обсуждения с движением «Талибан». По его словам, Россия "
    "рассматривает возможность исключения движения из списка террористических организаций."
)
UKRAINIAN = (
    "Київ, 2 квітня. Речник Кремля заявив, що Росія має нагальні питання для обговорення з рухом "
    "«Талібан». Україна уважно стежить за ситуацією в Афганістані, повідомляє УНІАН."
)
GERMAN = (
    "Am 2. April erklärte Dmitri Peskow, ein Sprecher des Präsidenten, dass es wichtige Probleme "
    "gäbe. Größere Gespräche über die Aufhebung des Status würden geführt; Außenminister Lawrow "
    "äußerte sich nicht."
)
FRENCH = (
    "Le porte-parole du Kremlin a déclaré mardi que la Russie avait des problèmes urgents à "
    "régler avec les talibans. « Nous devons résoudre des problèmes très importants », a-t-il "
    "précisé, ajoutant que l'été dernier déjà, Moscou s'était montrée prête à dialoguer."
)
FRENCH_TYPOGRAPHIC = (
    "Le Kremlin a déclaré : « Nous devons résoudre des problèmes très importants » – c’est là "
    "l’essentiel… Les talibans n’ont pas réagi."
)
POLISH = (
    "Rzecznik Kremla Dmitrij Pieskow oświadczył we wtorek, że Rosja ma pilne sprawy do omówienia "
    "z talibami. Zaznaczył, że Moskwa rozważa możliwość usunięcia ruchu z listy organizacji "
    "terrorystycznych."
)
GREEK = (
    "Ο εκπρόσωπος του Κρεμλίνου δήλωσε την Τρίτη ότι η Ρωσία έχει επείγοντα ζητήματα να "
    "συζητήσει με τους Ταλιμπάν."
)


def read_one(path: Path) -> RawDocument:
    [item] = iter_documents([path])
    assert isinstance(item, RawDocument), item
    return item


@pytest.mark.parametrize(
    ("text", "written_as", "reported_as"),
    [
        (RUSSIAN, "cp1251", {"cp1251"}),
        (UKRAINIAN, "cp1251", {"cp1251"}),
        ("Песков: у России есть вопросы к талибам", "cp1251", {"cp1251"}),  # a headline
        # Latin-1 text is reported as windows-1252, its superset, as browsers do.
        (GERMAN, "latin-1", {"cp1252", "iso8859-1"}),
        (FRENCH, "latin-1", {"cp1252", "iso8859-1"}),
        ("Le Kremlin prêt à négocier", "latin-1", {"cp1252", "iso8859-1"}),
        (FRENCH_TYPOGRAPHIC, "cp1252", {"cp1252"}),
        (POLISH, "cp1250", {"cp1250"}),
        (GREEK, "cp1253", {"cp1253"}),
        (RUSSIAN, "utf-8", {"utf-8"}),
    ],
)
def test_text_in_a_legacy_encoding_decodes_to_the_original(
    tmp_path: Path, text: str, written_as: str, reported_as: set[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(written_as))

    document = read_one(path)

    assert document.body == text
    assert document.encoding in reported_as


@pytest.mark.parametrize(
    ("mark", "codec", "reported_as"),
    [
        (b"\xff\xfe", "utf-16-le", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be", "utf-16-be"),
        (b"\xef\xbb\xbf", "utf-8", "utf-8"),
        (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    ],
)
def test_a_byte_order_mark_decides_the_encoding_and_is_removed(
    tmp_path: Path, mark: bytes, codec: str, reported_as: str
) -> None:
    text = f"{RUSSIAN}\n\n{GERMAN}\n"
    path = tmp_path / "windows-notepad.txt"
    path.write_bytes(mark + text.encode(codec))

    document = read_one(path)

    assert document.body == text
    assert document.encoding == reported_as


def html_page(charset: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
        "<title>Новости</title>\n</head>\n"
        f"<body><article><p>{body}</p></article></body>\n</html>\n"
    )


def test_html_is_read_in_the_charset_its_meta_tag_declares(tmp_path: Path) -> None:
    page = html_page("koi8-r", RUSSIAN.replace("«", '"').replace("»", '"'))  # KOI8-R has no «»
    path = tmp_path / "lenta.html"
    path.write_bytes(page.encode("koi8-r"))

    document = read_one(path)

    assert document.body == page
    assert document.encoding == "koi8-r"


def test_a_declared_iso_8859_1_is_read_as_windows_1252_like_browsers_do(tmp_path: Path) -> None:
    page = html_page("iso-8859-1", FRENCH_TYPOGRAPHIC).replace("Новости", "Actualités")
    path = tmp_path / "lemonde.html"
    path.write_bytes(page.encode("cp1252"))  # the curly quotes exist only in windows-1252

    document = read_one(path)

    assert document.body == page
    assert document.encoding == "cp1252"


def test_a_meta_charset_the_bytes_contradict_is_overruled(tmp_path: Path) -> None:
    # Templates often declare UTF-8 while the server sends windows-1251.
    page = html_page("utf-8", RUSSIAN)
    path = tmp_path / "regional.html"
    path.write_bytes(page.encode("cp1251"))

    document = read_one(path)

    assert document.body == page
    assert document.encoding == "cp1251"


def test_valid_utf8_wins_over_a_legacy_meta_charset(tmp_path: Path) -> None:
    page = html_page("windows-1251", RUSSIAN)
    path = tmp_path / "reencoded.html"
    path.write_bytes(page.encode("utf-8"))

    assert read_one(path).encoding == "utf-8"
    assert read_one(path).body == page


def test_utf8_cut_in_the_middle_of_a_character_keeps_its_text(tmp_path: Path) -> None:
    raw = f"{RUSSIAN} Талибан".encode()[:-1]  # a scraper that stopped at a byte limit
    path = tmp_path / "cut.txt"
    path.write_bytes(raw)

    document = read_one(path)

    assert document.encoding == "utf-8"
    assert document.body.startswith(RUSSIAN)
    assert document.body.endswith("\ufffd")


def test_mixed_garbage_in_a_utf8_file_is_rejected_not_guessed(tmp_path: Path) -> None:
    # Half UTF-8, half windows-1251: no single encoding reads it.
    raw = (RUSSIAN.encode("utf-8") + RUSSIAN.encode("cp1251")) * 3
    path = tmp_path / "mixed.txt"
    path.write_bytes(raw)

    [item] = iter_documents([path])

    assert isinstance(item, Rejected)
    assert "not text in UTF-8 or any legacy encoding" in item.reason


def test_the_declared_charset_settles_what_detection_alone_gets_wrong(tmp_path: Path) -> None:
    # German text with a few Polish names: as windows-1252 it would still look like German.
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="windows-1250"><title>Börse</title></head>'
        "<body><p>Der Ölpreis für die Raffinerie in Łódź stieg; Gdańsk meldet Verluste.</p>"
        "</body></html>"
    )
    path = tmp_path / "boerse.html"
    path.write_bytes(page.encode("cp1250"))

    document = read_one(path)

    assert document.body == page
    assert document.encoding == "cp1250"
