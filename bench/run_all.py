"""`make bench`: run every benchmark in turn; each writes its results under bench/results/."""

from __future__ import annotations

import importlib
import sys
import time

BENCHES = [
    "bench.clean_html",
    "bench.clean_text",
    "bench.language_accuracy",
    "bench.analyze_speed",
    "bench.throughput",
    "bench.cluster_quality",
    "bench.provenance_speed",
    # A year's stream of 100,000 articles, end to end (~25 minutes on 2 cores); it writes the
    # store compare_speed reads.
    "bench.stream_bench",
    "bench.compare_speed",
]


def main() -> None:
    failed = []
    for name in BENCHES:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        module = importlib.import_module(name)
        saved_argv = sys.argv
        sys.argv = [name]
        try:
            module.main()
        except Exception as exc:  # one broken bench must not hide the others' numbers
            failed.append(f"{name}: {exc!r}")
        finally:
            sys.argv = saved_argv
        print(f"== {name} took {time.perf_counter() - started:.0f}s", flush=True)
    if failed:
        print("failed:\n  " + "\n  ".join(failed), file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
