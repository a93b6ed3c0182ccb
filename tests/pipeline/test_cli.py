"""The CLI: exit codes, --json, --quiet, stdin, and bad input reported per article."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def storyline_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
    )


def test_run_on_the_seeds_exits_0_and_prints_a_json_summary(tmp_path: Path) -> None:
    done = storyline_cli("run", str(SEEDS), "--out", str(tmp_path), "--json")
    assert done.returncode == 0, done.stderr.decode()
    summary = json.loads(done.stdout)
    assert summary["added"] == 5 and summary["rejected"] == 0
    assert Path(summary["files"]["articles"]).is_file()


def test_quiet_prints_nothing(tmp_path: Path) -> None:
    done = storyline_cli("run", str(SEEDS), "--out", str(tmp_path), "--quiet")
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert storyline_cli("run", "--out", str(tmp_path)).returncode == 2
    assert storyline_cli("run", str(SEEDS), "--max-bytes", "0").returncode == 2
    assert storyline_cli("no-such-command").returncode == 2


def test_bad_inputs_are_rejected_one_by_one_and_the_batch_goes_on(tmp_path: Path) -> None:
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "good.txt").write_text(
        (SEEDS / "003_f07694c2c2caf22c.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (pile / "empty.txt").write_bytes(b"")
    (pile / "picture.txt").write_bytes(PNG)
    (pile / "broken.html.gz").write_bytes(gzip.compress(b"<html><body><p>cut")[:-9])
    (pile / "feed.jsonl").write_text(
        '{"id": "ok-1", "text": "Die Regierung in Berlin hat am Dienstag ein neues Gesetz '
        'beschlossen. Der Bundestag soll im Mai darüber abstimmen, sagte ein Sprecher."}\n'
        "this line is not json\n"
        '{"id": "no-text", "title": "A record without a body"}\n',
        encoding="utf-8",
    )
    done = storyline_cli("run", str(pile), "--out", str(tmp_path / "out"), "--json")
    assert done.returncode == 3, done.stderr.decode()
    summary = json.loads(done.stdout)
    assert summary["added"] == 2
    rejected = [
        json.loads(line)
        for line in (tmp_path / "out" / "rejected.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    reasons = {r["origin"].rsplit("/", 1)[-1]: r["reason"] for r in rejected}
    assert reasons.keys() == {
        "empty.txt",
        "picture.txt",
        "broken.html.gz",
        "feed.jsonl:line 2",
        "feed.jsonl:line 3",
    }
    assert "empty" in reasons["empty.txt"]
    assert "PNG" in reasons["picture.txt"]
    assert "gzip" in reasons["broken.html.gz"]
    assert "not valid JSON" in reasons["feed.jsonl:line 2"]
    assert "text" in reasons["feed.jsonl:line 3"]
    articles = (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8")
    assert '"ok-1"' in articles and '"lang": "de"' in articles


def test_jsonl_on_stdin(tmp_path: Path) -> None:
    record = {
        "id": "stdin-1",
        "source": "Example Wire",
        "url": "https://wire.example/a",
        "title": "Parliament approves budget",
        "published": "2025-03-04T09:12:00Z",
        "lang": "fr",
        "text": "Parliament approved the budget on Tuesday after a long debate. "
        "The opposition said it would challenge the vote in court.",
    }
    done = storyline_cli(
        "run", "-", "--out", str(tmp_path), "--quiet", stdin=json.dumps(record).encode() + b"\n"
    )
    assert done.returncode == 0, done.stderr.decode()
    article = json.loads((tmp_path / "articles.jsonl").read_text(encoding="utf-8"))
    assert article["lang"] == "en"  # the declared "fr" is only a hint: the text decides
    assert article["published"].startswith("2025-03-04T09:12")
    assert article["published_source"] == "metadata"
    assert (article["source"], article["title"]) == ("Example Wire", "Parliament approves budget")
    tuesday = next(d for d in article["dates"] if "Tuesday" in d["text"])
    assert tuesday["value"] == "2025-03-04"  # the most recent Tuesday on or before publication
