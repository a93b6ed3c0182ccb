"""Ingest: read files, folders and stdin into RawDocument records (or Rejected ones).

Public entry point: ``iter_documents(paths, settings)``. What it accepts, how it names and hashes
documents and what it rejects is described in ``storyline.ingest.reader``; record fields in
``storyline.ingest.records``; encoding detection in ``storyline.ingest.decode``.
"""

from storyline.ingest.reader import IngestSettings, iter_documents

__all__ = ["IngestSettings", "iter_documents"]
