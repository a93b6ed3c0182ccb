"""Find publication and event dates in text, multilingual, with their raw spans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from storyline.model import DateMention, PublicationDate


def find_dates(text: str, lang: str) -> tuple[DateMention, ...]:
    raise NotImplementedError


def resolve_relative(mentions: Sequence[DateMention], reference: dt.date) -> tuple[DateMention, ...]:
    raise NotImplementedError


def choose_publication_date(mentions: Sequence[DateMention]) -> PublicationDate | None:
    raise NotImplementedError
