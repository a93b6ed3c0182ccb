"""Fit the provenance tracer's kind model on the labelled corpus and the seeds.

For every labelled story the tracer runs as it does in the pipeline up to the kind decision
(``storyline.provenance.trace.kind_cases``): the original, each article's likely source and the
pair's features (``KIND_FEATURES``). Copies are decided by their verbatim share before the model,
so the model is fitted on the other labelled relations: a multinomial logistic regression over
independent / rewrite / translation, on standardised features (a translation is ruled out when
both articles share a language).

Honest numbers: besides the in-sample kind accuracy, the script reports leave-one-event-out
accuracy: the model is refitted without the event being scored, for every event in turn.

Run from the repository root (writes src/storyline/provenance/kind_weights.json and
bench/results/provenance_calibration.json)::

    .venv/bin/python -m bench.calibrate_provenance [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from bench.cluster_data import CORPUS, SEEDS
from storyline.engine import Engine
from storyline.model import RelationKind
from storyline.provenance.trace import (
    KIND_FEATURES,
    KIND_WEIGHTS_FILE,
    Embed,
    KindCase,
    KindModel,
    kind_cases,
)
from storyline.represent import USE_LANGUAGES, Embedder, default_embedder

RESULTS = Path(__file__).resolve().parent / "results" / "provenance_calibration.json"
KINDS = (RelationKind.INDEPENDENT, RelationKind.REWRITE, RelationKind.TRANSLATION)
# Inverse regularisation strength: the corpus has ~50 relations for 7 features, so the fit is
# kept smooth rather than tuned to the last example.
C = 1.0


@dataclass(frozen=True)
class Labelled:
    event: str
    case: KindCase | None  # None: the tracer made this article the story's original
    kind: str


def labelled_cases() -> tuple[list[Labelled], str]:
    """Every labelled relation of the corpus and the seeds with the tracer's case for it, and
    the name of the encoder the cases were measured with."""
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    stories = [(e["event"], e["articles"], e["relations"]) for e in labels["events"]]
    seed = expected["stories"][0]
    stories.append(("seeds", seed["articles"], seed["relations"]))
    with Engine(memory=True) as engine:
        engine.add([CORPUS / "articles.jsonl", SEEDS])
        articles = {a.id: a for a in engine.articles()}
    embedder = default_embedder()
    embed = _cached_embed(embedder)
    found = []
    for event, ids, relations in stories:
        if len(ids) < 2:
            continue
        cases = {c.article: c for c in kind_cases([articles[i] for i in ids], embed, USE_LANGUAGES)}
        found += [Labelled(event, cases.get(r["article"]), r["kind"]) for r in relations]
    return found, embedder.name


def _cached_embed(embedder: Embedder) -> Embed:
    cache: dict[str, np.ndarray] = {}

    def embed(texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in cache]
        if new:
            cache.update(zip(new, embedder.embed(new), strict=True))
        return np.stack([cache[t] for t in texts])

    return embed


def fit(rows: Sequence[Labelled]) -> KindModel:
    train = [r for r in rows if r.case is not None and not r.case.copied and r.kind != "copy"]
    x = np.array([r.case.features for r in train if r.case is not None])
    y = np.array([KINDS.index(RelationKind(r.kind)) for r in train])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=5000).fit((x - mean) / scale, y)
    present = [KINDS[k] for k in model.classes_]
    return KindModel(
        kinds=tuple(present),
        mean=mean,
        scale=scale,
        weights=model.coef_,
        bias=model.intercept_,
    )


def predict(model: KindModel, case: KindCase | None) -> str:
    if case is None:
        return "original"
    if case.copied:
        return RelationKind.COPY.value
    probabilities = model.probabilities(case.features, case.same_language)
    return model.kinds[int(probabilities.argmax())].value


def leave_one_event_out(rows: Sequence[Labelled]) -> tuple[int, list[dict[str, str]]]:
    right, wrong = 0, []
    for event in sorted({r.event for r in rows}):
        model = fit([r for r in rows if r.event != event])
        for r in rows:
            if r.event != event:
                continue
            got = predict(model, r.case)
            right += got == r.kind
            if got != r.kind:
                wrong.append({"article": _article(r), "want": r.kind, "got": got})
    return right, wrong


def _article(row: Labelled) -> str:
    return row.case.article if row.case else f"{row.event} (read as the original)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="report only, write no weights")
    args = parser.parse_args()
    rows, encoder = labelled_cases()
    model = fit(rows)
    in_sample = [(r, predict(model, r.case)) for r in rows]
    right = sum(got == r.kind for r, got in in_sample)
    held_out_right, held_out_wrong = leave_one_event_out(rows)
    n = len(rows)
    weights = {
        "features": list(KIND_FEATURES),
        "kinds": [k.value for k in model.kinds],
        "mean": [round(float(v), 6) for v in model.mean],
        "scale": [round(float(v), 6) for v in model.scale],
        "weights": [[round(float(v), 6) for v in row] for row in model.weights],
        "bias": [round(float(v), 6) for v in model.bias],
        "C": C,
        "encoder": encoder,
    }
    weights["version"] = (
        "calibrated-"
        + hashlib.sha256(json.dumps(weights, sort_keys=True).encode()).hexdigest()[:12]
    )
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "relations": n,
        "kind_accuracy_in_sample": round(right / n, 4),
        "kind_right_in_sample": right,
        "kind_accuracy_leave_one_event_out": round(held_out_right / n, 4),
        "kind_right_leave_one_event_out": held_out_right,
        "wrong_in_sample": [
            {"article": _article(r), "want": r.kind, "got": got}
            for r, got in in_sample
            if got != r.kind
        ],
        "wrong_leave_one_event_out": held_out_wrong,
        "weights": weights,
    }
    if not args.dry_run:
        KIND_WEIGHTS_FILE.write_text(json.dumps(weights, indent=2) + "\n", encoding="utf-8")
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "weights"}, indent=2))


if __name__ == "__main__":
    main()
