"""The public surface is exactly ``storyline.__all__``: every name there exists, and every
public record or error is listed (httpx's tests/test_exported_members.py does the same)."""

from __future__ import annotations

import inspect

import storyline
from storyline import errors, model


def test_all_names_exist() -> None:
    missing = [name for name in storyline.__all__ if not hasattr(storyline, name)]
    assert missing == []


def test_every_record_and_error_is_exported() -> None:
    public = set(storyline.__all__)
    for module in (model, errors):
        for name, value in vars(module).items():
            if inspect.isclass(value) and value.__module__ == module.__name__:
                assert name in public, f"{module.__name__}.{name} is not in storyline.__all__"
