"""iter_documents on files, folders, JSON and stdin: what comes out, in what order, with what id."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

from storyline.errors import ConfigurationError
from storyline.ingest import IngestSettings, iter_documents
from storyline.model import ContentKind, RawDocument, Rejected, Stage

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"

WIRE_STORY = (
    "MOSCOW, April 2 (Reuters) - The Kremlin said on Tuesday that Russia had important issues to "
    "discuss with the Taliban, and that it was working to remove the movement from its list of "
    "banned terrorist organisations.\n\n"
    '"This is a country that borders us, and we have some contacts with them," Kremlin '
    "spokesman Dmitry Peskov told reporters.\n"
)

NEWS_PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>Kreml will Taliban von Terrorliste streichen</title>
</head>
<body>
  <nav><a href="/">Startseite</a> | <a href="/politik">Politik</a> | <a href="/welt">Welt</a></nav>
  <article>
    <h1>Kreml will Taliban von Terrorliste streichen</h1>
    <p>Moskau. Der Kreml hat am Dienstag erklärt, Russland habe mit den Taliban „wichtige
    Fragen“ zu besprechen. Man arbeite daran, die Bewegung von der Liste verbotener
    Terrororganisationen zu streichen, sagte Sprecher Dmitri Peskow.</p>
  </article>
  <footer>© 2024 Beispiel-Zeitung · Impressum · Datenschutz</footer>
</body>
</html>
"""


def documents(items: list[RawDocument | Rejected]) -> dict[str, RawDocument]:
    return {item.id: item for item in items if isinstance(item, RawDocument)}


def rejections(items: list[RawDocument | Rejected]) -> dict[str, Rejected]:
    return {item.id: item for item in items if isinstance(item, Rejected)}


def test_seed_folder_yields_the_five_articles_as_text_with_their_file_names_as_ids() -> None:
    items = list(iter_documents([SEEDS]))

    assert [item.id for item in items] == [
        "000_cdbcb4438c33dd7d",
        "001_0503947bb9252ab9",
        "002_24fa2d3f4f5e834b",
        "003_f07694c2c2caf22c",
        "004_519643cf1c8da25f",
    ]
    for document in items:
        assert isinstance(document, RawDocument)
        path = SEEDS / f"{document.id}.txt"
        assert document.kind is ContentKind.TEXT
        assert document.origin == str(path)
        assert document.encoding == "utf-8"
        assert document.body == path.read_text(encoding="utf-8")
        assert document.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
        assert (document.url, document.source, document.title) == (None, None, None)
    assert "Peskov" in documents(items)["003_f07694c2c2caf22c"].body


def test_a_json_file_without_article_records_is_rejected_only_when_named() -> None:
    # In the folder it was skipped (previous test); named on its own, the user learns why.
    [item] = list(iter_documents([SEEDS / "expected.json"]))

    assert isinstance(item, Rejected)
    assert item.id == "expected"
    assert item.stage is Stage.INGEST
    assert "no article records" in item.reason


def test_folders_are_walked_recursively_in_sorted_order_skipping_hidden_and_unknown(
    tmp_path: Path,
) -> None:
    (tmp_path / "b-wire.txt").write_text(WIRE_STORY, encoding="utf-8")
    (tmp_path / "a-regional").mkdir()
    (tmp_path / "a-regional" / "zeitung.html").write_text(NEWS_PAGE, encoding="utf-8")
    (tmp_path / "a-regional" / "agency.TXT").write_text(WIRE_STORY + "\nUpdated.", "utf-8")
    (tmp_path / "a-regional" / ".draft.txt").write_text("not ready", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text("ref: refs/heads/main", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# reading list", encoding="utf-8")
    (tmp_path / "c-photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    (tmp_path / "reuters.2024-04-02.htm").write_text(NEWS_PAGE, encoding="utf-8")

    items = list(iter_documents([tmp_path]))

    assert [(item.id, type(item).__name__) for item in items] == [
        ("agency", "RawDocument"),
        ("zeitung", "RawDocument"),
        ("b-wire", "RawDocument"),
        ("reuters.2024-04-02", "RawDocument"),
    ]
    kinds = {item.id: item.kind for item in documents(items).values()}
    assert kinds["zeitung"] is ContentKind.HTML
    assert kinds["reuters.2024-04-02"] is ContentKind.HTML
    assert kinds["agency"] is ContentKind.TEXT


def test_named_paths_that_cannot_be_read_are_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text(WIRE_STORY, encoding="utf-8")
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.7\n")

    items = list(iter_documents([tmp_path / "missing.txt", report, wire]))

    rejected = rejections(items)
    assert rejected["missing"].reason == "no such file or folder"
    assert rejected["missing"].origin == str(tmp_path / "missing.txt")
    assert "unsupported file type '.pdf'" in rejected["report.pdf"].reason
    assert ".jsonl" in rejected["report.pdf"].reason  # tells the user what would work
    assert documents(items)["wire"].body == WIRE_STORY


def test_gzip_compressed_html_is_read_as_html_and_hashed_by_its_content(tmp_path: Path) -> None:
    raw = NEWS_PAGE.encode("utf-8")
    (tmp_path / "kreml.html.gz").write_bytes(gzip.compress(raw))
    (tmp_path / "wire.txt.gz").write_bytes(gzip.compress(WIRE_STORY.encode("utf-8")))

    found = documents(list(iter_documents([tmp_path])))

    page = found["kreml"]
    assert page.kind is ContentKind.HTML
    assert page.body == NEWS_PAGE
    assert page.content_hash == hashlib.sha256(raw).hexdigest()
    assert found["wire"].kind is ContentKind.TEXT
    assert found["wire"].body == WIRE_STORY


def test_a_json_list_file_yields_one_document_per_record(tmp_path: Path) -> None:
    records = [
        {
            "id": "reuters-2024-04-02-kremlin-taliban",
            "url": "https://www.reuters.com/world/kremlin-taliban-2024-04-02/",
            "source": "Reuters",
            "title": "Kremlin says Russia has important issues to discuss with Taliban",
            "published": "2024-04-02T10:15:00Z",
            "lang": "en",
            "text": WIRE_STORY,
        },
        {"source": "Beispiel-Zeitung", "html": NEWS_PAGE, "lang": "de", "section": "Politik"},
    ]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=2), encoding="utf-8")

    first, second = iter_documents([path])

    assert isinstance(first, RawDocument)
    assert first.id == "reuters-2024-04-02-kremlin-taliban"
    assert first.origin == f"{path}:record 1"
    assert first.kind is ContentKind.TEXT
    assert first.body == WIRE_STORY
    assert first.url == "https://www.reuters.com/world/kremlin-taliban-2024-04-02/"
    assert first.published == "2024-04-02T10:15:00Z"
    assert first.lang_hint == "en"
    assert first.encoding is None
    assert isinstance(second, RawDocument)
    assert second.id == "feed:2"
    assert second.origin == f"{path}:record 2"
    assert second.kind is ContentKind.HTML
    assert second.source == "Beispiel-Zeitung"
    assert second.title is None


def test_a_json_file_of_one_record_takes_its_id_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "peskov-statement.json"
    path.write_text(json.dumps({"title": "Peskov on the Taliban", "text": WIRE_STORY}), "utf-8")

    [document] = iter_documents([path])

    assert isinstance(document, RawDocument)
    assert (document.id, document.origin, document.title) == (
        "peskov-statement",
        str(path),
        "Peskov on the Taliban",
    )


def test_stdin_is_read_as_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        {"id": "tass-1", "text": "Песков: у России есть важные вопросы к талибам.", "lang": "ru"},
        {"html": NEWS_PAGE, "source": "Beispiel-Zeitung"},
    ]
    data = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))

    first, second = iter_documents(["-"])

    assert isinstance(first, RawDocument)
    assert (first.id, first.origin, first.lang_hint) == ("tass-1", "stdin:line 1", "ru")
    assert first.body == "Песков: у России есть важные вопросы к талибам."
    assert isinstance(second, RawDocument)
    assert (second.id, second.origin, second.kind) == ("stdin:2", "stdin:line 2", "html")


def test_bad_files_are_rejected_with_reasons_while_good_files_come_through(tmp_path: Path) -> None:
    (tmp_path / "good-wire.txt").write_text(WIRE_STORY, encoding="utf-8")
    (tmp_path / "good-page.html").write_text(NEWS_PAGE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\t\r\n  \n", encoding="utf-8")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4
    (tmp_path / "photo.txt").write_bytes(png)
    (tmp_path / "dump.txt").write_bytes(b"Kremlin\x00\x00\x00\x01statement\x00" * 50)
    (tmp_path / "terminal.txt").write_bytes(b"\x1b[0m\x1b[1;31m\x07\x08\x02\x03ok\x1b[0m\x04" * 40)
    (tmp_path / "noise.txt").write_bytes(bytes((7 * i * i + 131) % 128 + 128 for i in range(3000)))
    (tmp_path / "huge.txt").write_text(WIRE_STORY * 40, encoding="utf-8")
    (tmp_path / "corrupt.txt.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"this is not deflate" * 5)
    truncated = gzip.compress(WIRE_STORY.encode("utf-8") * 3)[:-20]
    (tmp_path / "truncated.html.gz").write_bytes(truncated)
    (tmp_path / "plain-named-gz.txt.gz").write_text(WIRE_STORY, encoding="utf-8")

    items = list(iter_documents([tmp_path], IngestSettings(max_bytes=4096)))

    assert sorted(documents(items)) == ["good-page", "good-wire"]
    reasons = {item.id: item.reason for item in rejections(items).values()}
    assert reasons == {
        "blank": "file contains only whitespace",
        "corrupt": reasons["corrupt"],
        "dump": "file contains NUL bytes: binary data, not text",
        "empty": "file is empty (0 bytes)",
        "huge": reasons["huge"],
        "noise": "bytes are not text in UTF-8 or any legacy encoding storyline recognises",
        "photo": "file is a PNG image, not text",
        "plain-named-gz": reasons["plain-named-gz"],
        "terminal": reasons["terminal"],
        "truncated": reasons["truncated"],
    }
    assert reasons["corrupt"].startswith("broken gzip file")
    assert reasons["truncated"].startswith("broken gzip file")
    assert reasons["plain-named-gz"].startswith("broken gzip file")
    assert "larger than the 4.0 KiB limit" in reasons["huge"]
    assert "control characters" in reasons["terminal"]
    assert all(item.stage is Stage.INGEST for item in rejections(items).values())


def test_a_file_over_the_limit_is_rejected_by_its_size_without_being_read(tmp_path: Path) -> None:
    # A sparse 50 MiB file of NUL bytes: were it read, it would be rejected as binary instead.
    sparse = tmp_path / "archive-dump.txt"
    with sparse.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)

    [item] = iter_documents([sparse])

    assert isinstance(item, Rejected)
    assert item.reason == "50.0 MiB is larger than the 20.0 MiB limit (IngestSettings.max_bytes)"


def test_a_small_gzip_file_that_expands_past_the_limit_is_stopped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * 200_000))
    assert bomb.stat().st_size < 4096

    [item] = iter_documents([bomb], IngestSettings(max_bytes=4096))

    assert isinstance(item, Rejected)
    assert "decompresses to more than 4.0 KiB" in item.reason


def test_an_id_seen_again_with_other_content_is_rejected_naming_the_first(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "kremlin.txt").write_text(WIRE_STORY, encoding="utf-8")
    (tmp_path / "b" / "kremlin.txt").write_text(WIRE_STORY + "Corrected.\n", encoding="utf-8")
    feed = tmp_path / "c-feed.jsonl"
    feed.write_text(
        json.dumps({"id": "kremlin", "text": "Another story altogether."})
        + "\n"
        + json.dumps({"id": "tass-1", "text": "Песков заявил."})
        + "\n",
        encoding="utf-8",
    )

    items = list(iter_documents([tmp_path]))

    assert [(item.id, type(item).__name__) for item in items] == [
        ("kremlin", "RawDocument"),
        ("kremlin", "Rejected"),
        ("kremlin", "Rejected"),
        ("tass-1", "RawDocument"),
    ]
    first_origin = str(tmp_path / "a" / "kremlin.txt")
    for duplicate in items[1:3]:
        assert isinstance(duplicate, Rejected)
        assert "duplicate id 'kremlin'" in duplicate.reason
        assert first_origin in duplicate.reason
    assert items[2].origin == f"{feed}:line 1"


def test_an_identical_copy_is_skipped_silently(tmp_path: Path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text(WIRE_STORY, encoding="utf-8")
    (tmp_path / "mirror").mkdir()
    (tmp_path / "mirror" / "wire.txt").write_text(WIRE_STORY, encoding="utf-8")
    line = json.dumps({"id": "feed-7", "text": WIRE_STORY})
    (tmp_path / "feed.jsonl").write_text(f"{line}\n{line}\n", encoding="utf-8")

    items = list(iter_documents([wire, tmp_path]))

    # The folder holds wire.txt again, a byte-identical mirror of it, and a repeated feed line.
    assert [(item.id, item.origin) for item in items] == [
        ("wire", str(wire)),
        ("feed-7", f"{tmp_path / 'feed.jsonl'}:line 1"),
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_links_in_folders_are_followed_only_when_asked(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "wire.txt").write_text(WIRE_STORY, encoding="utf-8")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "page.html").write_text(NEWS_PAGE, encoding="utf-8")
    (inbox / "archive").symlink_to(archive, target_is_directory=True)
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)

    default = [item.id for item in iter_documents([inbox])]
    followed = [item.id for item in iter_documents([inbox], IngestSettings(follow_symlinks=True))]

    assert default == ["page"]
    assert followed == ["wire", "page"]  # and the loop back to inbox is not entered again


def test_settings_refuse_a_limit_that_reads_nothing() -> None:
    with pytest.raises(ConfigurationError, match="max_bytes"):
        IngestSettings(max_bytes=0)


def test_a_single_path_given_without_a_list_is_read_as_one_path() -> None:
    items = list(iter_documents(str(SEEDS)))  # a str is a Sequence[str] too: easy to pass

    assert len(items) == 5
    assert all(isinstance(item, RawDocument) for item in items)
