"""The layout rule from STYLE.md: stages never import each other, the store, the CLI or the web."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
STAGES = ["ingest", "clean", "language", "analyze", "represent", "cluster", "provenance", "compare"]
FORBIDDEN_FOR_STAGES = [*STAGES, "store", "cli", "web", "pipeline", "report"]


def imported_storyline_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "storyline" and len(parts) > 1:
                found.add(parts[1])
    return found


def existing_stages() -> list[str]:
    return [stage for stage in STAGES if (PACKAGE / stage).is_dir()]


@pytest.mark.parametrize("stage", existing_stages())
def test_stage_imports_only_model_errors_and_itself(stage: str) -> None:
    offenders = []
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        for module in imported_storyline_modules(path):
            if module != stage and module in FORBIDDEN_FOR_STAGES:
                offenders.append(f"{path.relative_to(PACKAGE)} imports storyline.{module}")
    assert offenders == []


def test_checker_notices_a_sideways_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from storyline.store import SQLiteStore\nimport storyline.clean.dispatch\n")
    assert imported_storyline_modules(bad) == {"store", "clean"}


def test_core_stages_exist() -> None:
    for name in ["ingest", "clean", "language", "analyze", "store"]:
        assert (PACKAGE / name / "__init__.py").is_file(), name
    for name in ["model.py", "errors.py", "pipeline.py"]:
        assert (PACKAGE / name).is_file(), name
