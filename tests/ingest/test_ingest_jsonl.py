"""JSON Lines: record fields, bad lines among good ones, streaming, gzip."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from storyline.ingest import IngestSettings, iter_documents
from storyline.model import ContentKind, RawDocument, Rejected

TASS = (
    "Пресс-секретарь президента России Дмитрий Песков заявил, что у Москвы есть вопросы к талибам."
)
ANSA = (
    "Il portavoce del Cremlino Dmitrij Peskov ha dichiarato martedì che la Russia ha questioni "
    "importanti da discutere con i talebani."
)
PAGE = (
    "<html><head><title>Kremlin and the Taliban</title></head><body><article><p>The Kremlin "
    "said on Tuesday that Russia had important issues to discuss with the Taliban.</p>"
    "</article></body></html>"
)


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def test_bad_lines_are_rejected_one_by_one_and_good_lines_come_through(tmp_path: Path) -> None:
    feed = write_lines(
        tmp_path / "wire-feed.jsonl",
        [
            record(id="tass-0402", text=TASS, lang="ru", published="2024-04-02"),
            '{"id": "cut-off", "text": "Der Kreml hat am Dienstag',
            record(id="no-body", title="Peskov on the Taliban", url="https://example.org/a"),
            record(id="blank-text", text="   \n  "),
            record(id="empty-html", html=""),
            record(id="epoch-date", text=ANSA, published=1712016000),
            record(id="title-list", text=ANSA, title=["Kremlin", "Taliban"]),
            record(id=True, text=ANSA),
            record(id="text-number", text=144),
            "[1, 2, 3]",
            record(id="ansa-0402", text=ANSA, source="ANSA"),
        ],
    )

    items = list(iter_documents([feed]))

    good = [item for item in items if isinstance(item, RawDocument)]
    assert [(doc.id, doc.origin) for doc in good] == [
        ("tass-0402", f"{feed}:line 1"),
        ("ansa-0402", f"{feed}:line 11"),
    ]
    reasons = {
        item.origin.rsplit(":", 1)[1]: item.reason for item in items if isinstance(item, Rejected)
    }
    assert reasons == {
        "line 2": "line is not valid JSON: Unterminated string starting at (column 27)",
        "line 3": "record has neither a 'text' nor an 'html' field",
        "line 4": "the record's 'text' field is empty",
        "line 5": "the record's 'html' field is empty",
        "line 6": "field 'published' must be a string (an ISO 8601 date), got a JSON number",
        "line 7": "field 'title' must be a string, got a JSON array",
        "line 8": "field 'id' must be a non-empty string or an integer, got a JSON boolean",
        "line 9": "field 'text' must be a string, got a JSON number",
        "line 10": "record is a JSON array, not an object",
    }
    ids = {item.origin: item.id for item in items if isinstance(item, Rejected)}
    assert ids[f"{feed}:line 2"] == "wire-feed:2"  # no id could be read: stem and line number
    assert ids[f"{feed}:line 3"] == "no-body"


def test_record_fields_become_document_metadata(tmp_path: Path) -> None:
    feed = write_lines(
        tmp_path / "feed.jsonl",
        [
            record(
                id=20240402,
                url="https://www.ansa.it/esteri/2024/04/02/cremlino-talebani.html",
                source="ANSA",
                title="Cremlino: questioni importanti con i talebani",
                published="2 aprile 2024",  # passed through as declared, validated later
                lang="it",
                text=ANSA,
                tags=["Russia", "Afghanistan"],
            ),
            record(html=PAGE, text="The Kremlin said on Tuesday …", title=""),
        ],
    )

    first, second = iter_documents([feed])

    assert first == RawDocument(
        id="20240402",
        origin=f"{feed}:line 1",
        kind=ContentKind.TEXT,
        body=ANSA,
        content_hash=first.content_hash,
        url="https://www.ansa.it/esteri/2024/04/02/cremlino-talebani.html",
        source="ANSA",
        title="Cremlino: questioni importanti con i talebani",
        published="2 aprile 2024",
        lang_hint="it",
        encoding=None,
    )
    assert isinstance(second, RawDocument)
    assert (second.id, second.kind, second.body, second.title) == ("feed:2", "html", PAGE, None)


def test_the_content_hash_ignores_key_order_and_whitespace(tmp_path: Path) -> None:
    compact = '{"id":"a","text":"Peskov spoke.","source":"Reuters"}'
    spaced = '{ "source" : "Reuters",  "text" : "Peskov spoke.", "id" : "a" }'
    changed = '{"id":"a","text":"Peskov spoke again.","source":"Reuters"}'
    hashes = []
    for name, line in [("one", compact), ("two", spaced), ("three", changed)]:
        [document] = iter_documents([write_lines(tmp_path / f"{name}.jsonl", [line])])
        assert isinstance(document, RawDocument)
        hashes.append(document.content_hash)

    assert hashes[0] == hashes[1] != hashes[2]


def test_the_content_hash_is_the_sha256_of_the_canonical_json(tmp_path: Path) -> None:
    # Stored articles are matched by this hash on the next run, so its definition must hold
    # whichever JSON library reads and writes: sorted keys, no whitespace, UTF-8, json's escapes.
    records = [
        {"id": "tass-1", "text": TASS + '\n"Цитата"\tи \\ обратная косая\x01\x1f', "lang": "ru"},
        {"id": "ansa", "source": "ANSA", "text": ANSA + " 😀\u2028", "url": "https://ansa.it/a"},
        {"id": 123456789012345678901234567890, "text": "A feed with numeric ids."},
        {
            "id": "nested",
            "text": "Extra fields count too.",
            "tags": ["a", 2.5, {"b": 1, "a": None}],
        },
    ]
    feed = write_lines(
        tmp_path / "feed.jsonl", [json.dumps(r, ensure_ascii=False) for r in records]
    )

    documents = list(iter_documents([feed]))

    assert [d.id for d in documents] == [
        "tass-1",
        "ansa",
        "123456789012345678901234567890",
        "nested",
    ]
    for document, original in zip(documents, records, strict=True):
        assert isinstance(document, RawDocument)
        canonical = json.dumps(original, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert document.content_hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def test_blank_lines_a_bom_and_windows_line_ends_are_tolerated(tmp_path: Path) -> None:
    feed = tmp_path / "exported.jsonl"
    lines = [record(id="tass", text=TASS), "", "   ", record(id="ansa", text=ANSA)]
    feed.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))

    items = list(iter_documents([feed]))

    assert [(item.id, item.origin) for item in items] == [
        ("tass", f"{feed}:line 1"),
        ("ansa", f"{feed}:line 4"),
    ]


def test_a_line_that_is_not_utf8_is_rejected(tmp_path: Path) -> None:
    feed = tmp_path / "legacy.jsonl"
    feed.write_bytes(
        record(id="cp1251", text=TASS).encode("cp1251")
        + b"\n"
        + record(id="ok", text=ANSA).encode()
    )

    first, second = iter_documents([feed])

    assert isinstance(first, Rejected)
    assert first.reason == "line is not UTF-8 text (JSON Lines must be UTF-8)"
    assert isinstance(second, RawDocument)
    assert second.id == "ok"


def test_an_overlong_line_is_skipped_and_the_next_line_is_read(tmp_path: Path) -> None:
    feed = write_lines(
        tmp_path / "feed.jsonl",
        [
            record(id="short", text=ANSA),
            record(id="long", text=ANSA * 500),
            record(id="after", text=TASS),
        ],
    )

    items = list(iter_documents([feed], IngestSettings(max_bytes=2048)))

    assert [type(item).__name__ for item in items] == ["RawDocument", "Rejected", "RawDocument"]
    assert items[1].id == "feed:2"  # the line was never parsed, so its id is unknown
    assert "larger than the 2.0 KiB limit" in items[1].reason
    assert items[2].id == "after"


def test_json_lines_are_read_lazily_one_line_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "".join(record(id=f"a{n}", text=f"{ANSA} ({n})") + "\n" for n in range(2000)).encode()
    stream = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))

    documents = iter_documents(["-"])
    first = next(documents)

    assert first.id == "a0"
    assert stream.tell() < 500  # only the first line has been consumed
    assert sum(1 for _ in documents) == 1999


def test_gzip_json_lines_stream_and_a_truncated_archive_keeps_what_was_read(
    tmp_path: Path,
) -> None:
    lines = "".join(record(id=f"ansa-{n}", text=f"{ANSA} #{n}") + "\n" for n in range(300))
    whole = tmp_path / "archive.jsonl.gz"
    whole.write_bytes(gzip.compress(lines.encode()))
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])

    complete = list(iter_documents([whole]))
    partial = list(iter_documents([broken]))

    assert len(complete) == 300
    assert all(isinstance(item, RawDocument) for item in complete)
    *good, last = partial
    assert 0 < len(good) < 300
    assert all(isinstance(item, RawDocument) for item in good)
    assert isinstance(last, Rejected)
    assert last.reason.startswith(f"input is broken after line {len(good)}")


def test_a_file_that_is_not_gzip_but_named_so_is_rejected(tmp_path: Path) -> None:
    fake = write_lines(tmp_path / "feed.jsonl.gz", [record(id="a", text=ANSA)])

    [item] = iter_documents([fake])

    assert isinstance(item, Rejected)
    assert item.id == "feed"
    assert "Not a gzipped file" in item.reason
