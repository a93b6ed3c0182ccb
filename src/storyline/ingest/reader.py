"""Walk paths and yield one RawDocument or Rejected per input article.

What ``iter_documents(paths, settings)`` accepts
-------------------------------------------------
- ``-`` (as ``str`` or ``Path``): JSON Lines on standard input (``sys.stdin.buffer``).
- A file, by name. Its format comes from the name, case-insensitively:

  ========================  =========================================================
  ``.txt``                  one article as plain text → ``ContentKind.TEXT``
  ``.html``, ``.htm``       one article page → ``ContentKind.HTML``
  ``.json``                 one record object, or a list of record objects
  ``.jsonl``                one record object per line
  any of them + ``.gz``     the same, gzip-compressed (``.txt.gz``, ``.jsonl.gz`` …)
  ========================  =========================================================

  The fields of a record are described in ``storyline.ingest.records``.
- A folder: every file beneath it, depth-first in sorted name order, so two runs over the same
  folder see the same order. Names starting with a dot are skipped (``.git``, ``.DS_Store``),
  and so are symbolic links unless ``IngestSettings.follow_symlinks``. Files of other types are
  skipped with a debug log, and so is a ``.json`` file that holds no article records (a record
  is an object with a ``text`` or ``html`` field), such as the ``expected.json`` next to the seed
  articles. A ``.json`` file that is not valid JSON at all is rejected, in a folder too: it may be
  a damaged feed.

Ids and origins
---------------
A ``.txt``/``.html`` file (or a ``.json`` file of one object without ``id``) gets its file name
without the recognised suffixes as id: ``003_f07694c2c2caf22c.txt`` → ``003_f07694c2c2caf22c``.
Its origin is the path. A JSON Lines record without ``id`` gets ``<stem>:<line number>`` and
origin ``<path>:line N`` (``stdin:N`` and ``stdin:line N`` on standard input); a record in a JSON
list gets ``<stem>:<position>`` and origin ``<path>:record N`` (1-based).

``content_hash`` is the sha256 of the file's bytes (after gzip decompression, so ``a.txt`` and
``a.txt.gz`` hash alike) or of a record's canonical JSON. Encodings are detected as described in
``storyline.ingest.decode``; JSON records carry ``encoding=None``.

Nothing bad raises
------------------
Every input that cannot become a document becomes a ``Rejected`` (stage ``ingest``) with a reason
a user can act on, and the batch goes on: a path that does not exist or cannot be read, a file
type named explicitly that storyline does not read, an empty or whitespace-only file, binary
data, undecodable bytes, a broken gzip stream, a file larger than ``max_bytes`` (its size is
checked before it is read; for JSON Lines the limit applies to each line), a line that is not
JSON, a record without a non-empty ``text``/``html`` or with a field of the wrong type, a
``.json`` file named explicitly that holds no article records.

Duplicate ids
-------------
Ids are unique within one call, across all files and lines. When an id comes again:

- with the same ``content_hash`` (the same file named twice, a record repeated in a feed) the
  copy is skipped with a debug log: it adds nothing;
- with a different ``content_hash`` the later one is rejected and the reason names where the
  first came from. The first one wins because it is the one the user has already seen.

Note that the same article as a ``.txt`` file and as a JSON record hashes differently.

Memory
------
Documents are produced one at a time: a folder is never read in full, and JSON Lines are read a
line at a time. What grows with the input is one id → (hash, origin) entry per document, for
the duplicate check. A ``.json`` file is parsed whole, so it is bounded by ``max_bytes``; use
JSON Lines for large collections.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import ConfigurationError, InputError
from storyline.ingest.decode import decode_bytes
from storyline.ingest.files import (
    SUPPORTED_TYPES,
    FileType,
    InputFormat,
    UnlistableFolder,
    classify,
    describe_suffix,
    open_binary,
    read_bytes,
    walk_folder,
)
from storyline.ingest.records import iter_jsonl, load_json_records, record_to_document
from storyline.model import ContentKind, RawDocument, Rejected, Stage

logger = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """How ingest reads its inputs.

    ``max_bytes``: the largest file (or JSON Lines line) read, in bytes; larger ones are rejected
    without being read. ``follow_symlinks``: follow symbolic links met inside folders (a link
    named explicitly is always followed).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    follow_symlinks: bool = False

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigurationError(f"max_bytes must be positive, got {self.max_bytes}")


def iter_documents(
    paths: Sequence[str | Path], settings: IngestSettings | None = None
) -> Iterator[RawDocument | Rejected]:
    """Yield a ``RawDocument`` or a ``Rejected`` for every article found under ``paths``."""
    if isinstance(paths, str | Path):  # a lone "folder" would otherwise be walked letter by letter
        paths = [paths]
    settings = settings or IngestSettings()
    first_seen: dict[str, tuple[str, str]] = {}  # id -> (content_hash, origin)
    for item in _iter_inputs(paths, settings):
        if isinstance(item, Rejected):
            yield item
            continue
        earlier = first_seen.get(item.id)
        if earlier is None:
            first_seen[item.id] = (item.content_hash, item.origin)
            yield item
        elif earlier[0] == item.content_hash:
            logger.debug("skipping %s: same id and content as %s", item.origin, earlier[1])
        else:
            yield Rejected(
                item.id,
                item.origin,
                Stage.INGEST,
                f"duplicate id '{item.id}' with different content; the first came from "
                f"{earlier[1]}",
                item.content_hash,
            )


def _iter_inputs(
    paths: Sequence[str | Path], settings: IngestSettings
) -> Iterator[RawDocument | Rejected]:
    for given in paths:
        if str(given) == STDIN:
            yield from iter_jsonl(
                sys.stdin.buffer, stem="stdin", origin_prefix="stdin", max_bytes=settings.max_bytes
            )
            continue
        path = Path(given)
        try:
            is_folder = path.is_dir()
            path.stat()
        except OSError as exc:
            reason = "no such file or folder" if isinstance(exc, FileNotFoundError) else None
            yield _rejected_path(path, reason or f"cannot read: {exc.strerror or exc}")
            continue
        if not is_folder:
            yield from _read_file(path, settings, named=True)
            continue
        for found in walk_folder(path, follow_symlinks=settings.follow_symlinks):
            if isinstance(found, UnlistableFolder):
                yield _rejected_path(found.path, found.reason)
            else:
                yield from _read_file(found, settings, named=False)


def _read_file(
    path: Path, settings: IngestSettings, *, named: bool
) -> Iterator[RawDocument | Rejected]:
    """Read one file; ``named`` means the user gave this path rather than its folder."""
    file_type = classify(path)
    if file_type is None:
        if named:
            reason = (
                f"unsupported file type {describe_suffix(path)}: storyline reads {SUPPORTED_TYPES}"
            )
            yield _rejected_path(path, reason)
        else:
            logger.debug("skipping %s: not a file type storyline reads", path)
        return
    try:
        if file_type.format is InputFormat.JSONL:
            with open_binary(path, compressed=file_type.compressed) as stream:
                yield from iter_jsonl(
                    stream,
                    stem=file_type.stem,
                    origin_prefix=str(path),
                    max_bytes=settings.max_bytes,
                )
            return
        raw = read_bytes(path, compressed=file_type.compressed, max_bytes=settings.max_bytes)
    except InputError as exc:
        yield Rejected(file_type.stem, str(path), Stage.INGEST, exc.reason)
        return
    except OSError as exc:
        yield Rejected(
            file_type.stem, str(path), Stage.INGEST, f"cannot read: {exc.strerror or exc}"
        )
        return
    if file_type.format is InputFormat.JSON:
        yield from _json_file_documents(path, file_type, raw, named=named)
    else:
        yield _text_file_document(path, file_type, raw)


def _text_file_document(path: Path, file_type: FileType, raw: bytes) -> RawDocument | Rejected:
    content_hash = hashlib.sha256(raw).hexdigest()
    is_html = file_type.format is InputFormat.HTML
    try:
        body, encoding = decode_bytes(raw, html=is_html)
    except InputError as exc:
        return Rejected(file_type.stem, str(path), Stage.INGEST, exc.reason, content_hash)
    return RawDocument(
        id=file_type.stem,
        origin=str(path),
        kind=ContentKind.HTML if is_html else ContentKind.TEXT,
        body=body,
        content_hash=content_hash,
        encoding=encoding,
    )


def _json_file_documents(
    path: Path, file_type: FileType, raw: bytes, *, named: bool
) -> Iterator[RawDocument | Rejected]:
    try:
        content = load_json_records(raw)
    except InputError as exc:
        yield Rejected(
            file_type.stem, str(path), Stage.INGEST, exc.reason, hashlib.sha256(raw).hexdigest()
        )
        return
    if not content.records:
        if named:
            reason = "JSON holds no article records (no object with a 'text' or 'html' field)"
            yield Rejected(file_type.stem, str(path), Stage.INGEST, reason)
        else:
            logger.debug("skipping %s: JSON holds no article records", path)
        return
    if content.single:
        yield record_to_document(content.records[0], default_id=file_type.stem, origin=str(path))
        return
    for position, record in enumerate(content.records, start=1):
        yield record_to_document(
            record, default_id=f"{file_type.stem}:{position}", origin=f"{path}:record {position}"
        )


def _rejected_path(path: Path, reason: str) -> Rejected:
    file_type = classify(path)
    return Rejected(file_type.stem if file_type else path.name, str(path), Stage.INGEST, reason)
