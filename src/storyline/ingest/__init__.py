"""Ingest: read files, folders and stdin into RawDocument records (or Rejected ones).

Public entry point: ``iter_documents(paths, settings)``.
"""

from storyline.ingest.reader import IngestSettings, iter_documents

__all__ = ["IngestSettings", "iter_documents"]
