"""The language detector protocol and its default implementation."""

from __future__ import annotations

from typing import Protocol

from storyline.model import LanguageTag


class LanguageDetector(Protocol):
    def detect(self, text: str) -> LanguageTag: ...


def default_detector() -> LanguageDetector:
    raise NotImplementedError
