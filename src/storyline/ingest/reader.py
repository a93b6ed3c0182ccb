"""Walk paths and yield one RawDocument or Rejected per input article."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.model import RawDocument, Rejected

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class IngestSettings:
    max_bytes: int = DEFAULT_MAX_BYTES


def iter_documents(
    paths: Sequence[str | Path], settings: IngestSettings = IngestSettings()
) -> Iterator[RawDocument | Rejected]:
    raise NotImplementedError
