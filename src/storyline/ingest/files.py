"""Find input files, tell their format from the name, and read their bytes within a size limit."""

from __future__ import annotations

import gzip
import io
import logging
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from storyline.errors import InputError, TooLargeError

logger = logging.getLogger(__name__)

GZIP_SUFFIX = ".gz"


class InputFormat(StrEnum):
    """How a file's content is laid out."""

    TEXT = "text"
    HTML = "html"
    JSON = "json"  # one record object or a list of them
    JSONL = "jsonl"  # one record object per line


FORMAT_BY_SUFFIX: dict[str, InputFormat] = {
    ".txt": InputFormat.TEXT,
    ".html": InputFormat.HTML,
    ".htm": InputFormat.HTML,
    ".json": InputFormat.JSON,
    ".jsonl": InputFormat.JSONL,
}

SUPPORTED_TYPES = (
    ".txt, .html, .htm, .json and .jsonl files, each optionally gzip-compressed (name ending .gz)"
)

# Errors the gzip module raises for a damaged or truncated stream.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


@dataclass(frozen=True, slots=True)
class FileType:
    """What a file name says about its content, and the article id it implies."""

    format: InputFormat
    compressed: bool
    stem: str  # the file name without the recognised suffixes: the default article id


def classify(path: Path) -> FileType | None:
    """Read the format from the file name (case-insensitive); None when storyline does not read it.

    Only the recognised suffixes are removed for the stem, so ``reuters.2024-04-02.txt`` keeps
    its inner dots.
    """
    name = path.name
    lowered = name.lower()
    compressed = lowered.endswith(GZIP_SUFFIX)
    if compressed:
        name = name[: -len(GZIP_SUFFIX)]
        lowered = lowered[: -len(GZIP_SUFFIX)]
    dot = lowered.rfind(".")
    if dot <= 0:
        return None
    input_format = FORMAT_BY_SUFFIX.get(lowered[dot:])
    if input_format is None:
        return None
    return FileType(format=input_format, compressed=compressed, stem=name[:dot])


def describe_suffix(path: Path) -> str:
    """The suffix a user would recognise in an error message, e.g. "'.pdf'" or "(no extension)"."""
    suffixes = (
        "".join(path.suffixes[-2:]) if path.name.lower().endswith(GZIP_SUFFIX) else path.suffix
    )
    return f"'{suffixes}'" if suffixes else "(no extension)"


@dataclass(frozen=True, slots=True)
class UnlistableFolder:
    """A folder met during a walk whose entries could not be read."""

    path: Path
    reason: str


def walk_folder(root: Path, *, follow_symlinks: bool) -> Iterator[Path | UnlistableFolder]:
    """Yield the files under ``root`` depth-first in sorted name order, skipping hidden entries.

    Hidden means the name starts with a dot. Symbolic links are skipped unless
    ``follow_symlinks``; when followed, a folder already visited is not entered again, so a
    link cycle cannot loop. A folder that cannot be listed is yielded as ``UnlistableFolder``.
    """
    visited: set[tuple[int, int]] = set()
    yield from _walk(root, follow_symlinks=follow_symlinks, visited=visited)


def _walk(
    folder: Path, *, follow_symlinks: bool, visited: set[tuple[int, int]]
) -> Iterator[Path | UnlistableFolder]:
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in visited:
            logger.debug("skipping %s: folder already visited through a link", folder)
            return
        visited.add(key)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield UnlistableFolder(folder, f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            logger.debug("skipping hidden %s", path)
            continue
        try:
            if entry.is_symlink() and not follow_symlinks:
                logger.debug("skipping symbolic link %s (follow_symlinks is off)", path)
                continue
            if entry.is_dir():
                yield from _walk(path, follow_symlinks=follow_symlinks, visited=visited)
            elif entry.is_file():
                yield path
            else:
                logger.debug("skipping %s: not a regular file", path)
        except OSError as exc:  # a dangling link or an entry removed while we walk
            logger.debug("skipping %s: %s", path, exc)


def open_binary(path: Path, *, compressed: bool) -> io.BufferedIOBase:
    """Open a file for binary reading, decompressing gzip on the fly."""
    if compressed:
        return gzip.open(path, "rb")
    return path.open("rb")


def read_bytes(path: Path, *, compressed: bool, max_bytes: int) -> bytes:
    """Read a whole file (decompressed) but never more than ``max_bytes``.

    The size on disk is checked before anything is read; for a compressed file the decompressed
    size is checked as it streams, so a small archive that expands to gigabytes is stopped early.
    """
    with path.open("rb") as raw_file:
        size = os.fstat(raw_file.fileno()).st_size
        if size > max_bytes:
            raise TooLargeError(too_large_reason(size, max_bytes))
        if not compressed:
            # Ask for the size we expect: read(max_bytes + 1) would allocate max_bytes every time.
            data = raw_file.read(size + 1)
            if len(data) > size:  # the file grew since fstat
                data += raw_file.read(max_bytes + 1 - len(data))
        else:
            with gzip.GzipFile(fileobj=raw_file, mode="rb") as unzipped:
                try:
                    data = unzipped.read(max_bytes + 1)
                except GZIP_ERRORS as exc:
                    raise InputError(f"broken gzip file: {exc}") from None
    if len(data) > max_bytes:
        what = "decompresses to" if compressed else "grew to"
        raise TooLargeError(
            f"file {what} more than {human_size(max_bytes)}, the limit (IngestSettings.max_bytes)"
        )
    return data


def too_large_reason(size: int, max_bytes: int) -> str:
    return (
        f"{human_size(size)} is larger than the {human_size(max_bytes)} limit "
        "(IngestSettings.max_bytes)"
    )


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"
