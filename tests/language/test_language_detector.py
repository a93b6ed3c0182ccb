"""The language stage: real texts in close languages, mixed texts, hints, und, and the eval gate."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from storyline.errors import ConfigurationError
from storyline.language import (
    DecisionRules,
    FixedLanguageDetector,
    LangidDetector,
    LanguageDetector,
    LinguaDetector,
    default_detector,
    detection_sample,
)
from storyline.model import LanguageTag

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "tests" / "data" / "language" / "snippets.jsonl"
SEEDS = ROOT / "examples" / "seeds"

# The eval gate (STYLE.md, "quality floors pinned with a digest of the corpus"): changing the
# snippets means re-running bench/language_accuracy.py and updating this digest on purpose.
SNIPPETS_SHA256 = "5de97659e317d3e07095537d931f3f06a5df97c3f89332089ed25c66ad7734da"
ACCURACY_FLOOR = 0.98

ENGLISH_WITH_RUSSIAN_COMMENT = (
    "Moscow is considering removing the Taliban from its list of banned terrorist "
    "organisations, Kremlin spokesman Dmitry Peskov told reporters on Tuesday.\n"
    "Комментарий читателя: это давно нужно было сделать, они же контролируют страну.\n"
    "Peskov said Russia had to talk to the Taliban because Afghanistan was close to its borders "
    "and there were important problems to solve. The movement has been banned in Russia since "
    "2003, but its delegations have attended economic forums in St Petersburg and Kazan."
)

# Few і/ї/є on purpose: the letters that make Ukrainian easy are rare here.
UKRAINIAN = (
    "Кабмін ухвалив постанову про нову програму житла для ветеранів. Гроші отримають родини "
    "загиблих та поранених захисників, повідомила пресслужба уряду в середу. Подати заяву можна "
    "через застосунок до кінця року, а перші виплати очікують уже в лютому."
)

SLOVAK = (
    "Polícia v Žiline zadržala dvoch mužov, ktorí v noci vykradli predajňu s elektronikou. "
    "Podľa hovorcu krajského riaditeľstva spôsobili škodu vyše 20-tisíc eur. Obvinení sú "
    "z krádeže a porušovania domovej slobody, hrozí im až päť rokov väzenia."
)

PORTUGUESE = (
    "O Governo aprovou esta quinta-feira o aumento do salário mínimo para 870 euros. A ministra "
    "do Trabalho disse que a medida abrange cerca de 800 mil trabalhadores e entra em vigor em "
    "janeiro. Os sindicatos consideram o valor insuficiente e marcaram uma greve para dia 14."
)

GERMAN_ARTICLE_THEN_ENGLISH_COMMENTS = (
    "Die Stadt Köln hat am Montag den Bau einer neuen Rheinbrücke beschlossen. Der Stadtrat "
    "stimmte mit großer Mehrheit für das Projekt, das rund 480 Millionen Euro kosten soll. "
    "Oberbürgermeisterin Henriette Reker sprach von einem wichtigen Tag für die Region. Die "
    "Bauarbeiten sollen 2027 beginnen und fünf Jahre dauern.\n\nComments\n"
    + "Great article, thanks for sharing! I drive across that bridge every day and the traffic "
    "is terrible, so this is good news for everyone who commutes from Deutz.\n" * 6
)


def load_snippets() -> list[dict[str, str]]:
    with SNIPPETS.open(encoding="utf-8") as stream:
        return [json.loads(line) for line in stream if line.strip()]


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return default_detector()


def test_default_detector_is_loaded_once_per_process() -> None:
    assert default_detector() is default_detector()


def test_eval_set_is_the_pinned_one_and_covers_the_hard_pairs() -> None:
    digest = hashlib.sha256(SNIPPETS.read_bytes()).hexdigest()
    assert digest == SNIPPETS_SHA256, "snippets changed: re-run the bench, then update the digest"
    per_language = Counter(row["lang"] for row in load_snippets())
    assert len(per_language) >= 16
    assert min(per_language.values()) >= 25
    for code in ["uk", "ru", "cs", "sk", "pl", "es", "pt", "it", "de", "nl", "en", "sv", "da"]:
        assert code in per_language


def test_snippet_accuracy_of_the_default_detector_meets_the_floor(
    detector: LanguageDetector,
) -> None:
    rows = load_snippets()
    wrong = []
    for row in rows:
        tag = detector.detect(row["text"])
        assert 0.0 <= tag.confidence <= 1.0
        if tag.code != row["lang"]:
            wrong.append((row["lang"], tag.code, row["text"][:60]))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= ACCURACY_FLOOR, wrong


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_articles(detector: LanguageDetector, path: Path) -> None:
    expected = "de" if path.name.startswith("000") else "en"
    tag = detector.detect(path.read_text(encoding="utf-8"))
    assert tag.code == expected
    assert tag.confidence > 0.9


@pytest.mark.parametrize(
    ("text", "expected", "close_neighbour"),
    [
        (ENGLISH_WITH_RUSSIAN_COMMENT, "en", "ru"),
        (UKRAINIAN, "uk", "ru"),
        (SLOVAK, "sk", "cs"),
        (PORTUGUESE, "pt", "es"),
        (GERMAN_ARTICLE_THEN_ENGLISH_COMMENTS, "de", "en"),
    ],
    ids=["en-with-ru-line", "uk-not-ru", "sk-not-cs", "pt-not-es", "de-then-en-comments"],
)
def test_close_and_mixed_texts(
    detector: LanguageDetector, text: str, expected: str, close_neighbour: str
) -> None:
    assert detector.detect(text).code == expected
    # A page that declares the neighbour does not outvote text this clear.
    assert detector.detect(text, hint=close_neighbour).code == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国国家统计局周一公布的数据显示，第三季度国内生产总值同比增长4.6%。", "zh"),
        ("日本銀行は31日の金融政策決定会合で、政策金利を0.25%に引き上げることを決めた。", "ja"),
        ("أعلنت وزارة الصحة في غزة ارتفاع عدد القتلى إلى 40 ألفا.", "ar"),
        ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια.", "el"),
        ("THE PRIME MINISTER RESIGNED ON TUESDAY AFTER A VOTE OF NO CONFIDENCE.", "en"),
    ],
    ids=["zh", "ja", "ar", "el", "en-all-caps"],
)
def test_other_scripts_and_shouted_headlines(
    detector: LanguageDetector, text: str, expected: str
) -> None:
    assert detector.detect(text).code == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "2024-04-02 14:35 +0300",
        "1 234,56 € | 12 % | 3:1 (2:0) ---",
        "!!! ??? ...",
        "Kyiv",
    ],
)
def test_text_without_enough_letters_is_undetermined(detector: LanguageDetector, text: str) -> None:
    tag = detector.detect(text)
    assert (tag.code, tag.confidence) == ("und", 0.0)
    assert detector.detect(text, hint="en").code == "und"


def test_a_url_does_not_make_a_short_text_english(detector: LanguageDetector) -> None:
    text = "Více informací najdete na https://www.example.com/news/latest-updates-for-readers"
    assert "example" not in detection_sample(text)
    assert detector.detect(text).code == "cs"


def test_hint_breaks_a_near_tie_between_czech_and_slovak(detector: LanguageDetector) -> None:
    # Correct Czech and correct Slovak alike: only the page's declared language can tell.
    text = "Zápas skončil remízou."
    assert detector.detect(text).code in {"cs", "sk"}
    assert detector.detect(text, hint="sk").code == "sk"
    assert detector.detect(text, hint="cs").code == "cs"
    assert detector.detect(text, hint="sk-SK").code == "sk"


def test_hint_is_ignored_when_malformed_or_far_from_the_text(detector: LanguageDetector) -> None:
    text = "Polícia hľadá svedkov nehody na Hlinkovom námestí v Žiline."
    assert detector.detect(text, hint="cs").code == "sk"
    assert detector.detect(text, hint="not a language").code == "sk"
    assert detector.detect(text, hint="").code == "sk"


def test_detector_name_carries_library_version_and_configuration(
    detector: LanguageDetector,
) -> None:
    name = detector.detect(UKRAINIAN).detector
    assert name.startswith("py3langid-0.")
    assert "news53" in name and "400c" in name
    narrow = LangidDetector(["uk", "ru", "bg"], max_chars=200)
    assert narrow.detect(UKRAINIAN).detector not in {name, ""}
    strict = LangidDetector(rules=DecisionRules(min_confidence=0.9))
    assert strict.detect(UKRAINIAN).detector == name + ",rules=10/0.9/0.5"


def test_a_restricted_detector_answers_only_within_its_languages() -> None:
    narrow = LangidDetector(["en", "de"])
    assert narrow.detect(PORTUGUESE).code in {"en", "de", "und"}


def test_norwegian_is_reported_as_bokmal_and_accepts_no_as_hint() -> None:
    detector = LangidDetector(["nb", "da", "sv"])
    text = "Ingen ble skadd. Bussen kjørte fra Trondheim til Molde i går kveld."
    assert detector.detect(text).code == "nb"
    assert detector.detect("Ingen kom til skade.", hint="no").code == "nb"
    assert detector.detect("Ingen kom til skade.", hint="da").code == "da"


def test_batch_gives_the_same_tags_as_one_by_one() -> None:
    detector = LangidDetector()
    texts = [UKRAINIAN, SLOVAK, "12:0", PORTUGUESE]
    hints = [None, "cs", None, "es"]
    expected = [detector.detect(t, hint=h) for t, h in zip(texts, hints, strict=True)]
    assert detector.detect_batch(texts, hints=hints) == expected
    # Many texts of different lengths and scripts at once (the batch path reads them side by
    # side), with and without hints: codes and confidences are exactly the one-by-one ones.
    snippets = [snippet["text"] for snippet in load_snippets()]
    texts = [
        *snippets,
        ENGLISH_WITH_RUSSIAN_COMMENT,
        GERMAN_ARTICLE_THEN_ENGLISH_COMMENTS,
        UKRAINIAN.upper(),
        "Ingen ble skadd. Bussen kjørte fra Trondheim til Molde i går kveld.",
        "https://example.com/a/very/long/path only a link",
    ]
    hints = [(None, "cs", "ru", "pt", "xx")[i % 5] for i in range(len(texts))]
    expected = [detector.detect(t, hint=h) for t, h in zip(texts, hints, strict=True)]
    assert detector.detect_batch(texts, hints=hints) == expected
    assert len({tag.code for tag in expected}) >= 18
    with pytest.raises(ConfigurationError):
        detector.detect_batch(texts, hints=["en"])


def test_lingua_backend_shares_the_rules_and_its_batch_path_agrees() -> None:
    lingua = LinguaDetector(["en", "de", "uk", "ru", "sk", "cs", "pt", "es"])
    texts = [UKRAINIAN, SLOVAK, PORTUGUESE, ENGLISH_WITH_RUSSIAN_COMMENT, "--- 2024 ---"]
    tags = [lingua.detect(text) for text in texts]
    assert [tag.code for tag in tags] == ["uk", "sk", "pt", "en", "und"]
    assert tags[0].detector.startswith("lingua-2.") and ":low," in tags[0].detector
    assert lingua.detect_batch(texts) == tags


def test_bad_configuration_is_reported() -> None:
    with pytest.raises(ConfigurationError):
        LangidDetector(["en", "xx"])
    with pytest.raises(ConfigurationError):
        LangidDetector(["en"])
    with pytest.raises(ConfigurationError):
        LangidDetector(["english", "german"])
    with pytest.raises(ConfigurationError):
        DecisionRules(min_confidence=1.5)


def test_sample_is_bounded_and_cut_between_words() -> None:
    text = " ".join(["Bundesverfassungsgericht"] * 100)
    sample = detection_sample(text, 400)
    assert len(sample) <= 400
    assert sample.split(" ")[-1] == "Bundesverfassungsgericht"
    assert detection_sample("Kurz.", 400) == "Kurz."


def test_models_load_without_network_or_cache(tmp_path: Path) -> None:
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network disabled by the test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from storyline.language import LangidDetector, LinguaDetector\n"
        f"text = {UKRAINIAN!r}\n"
        "langid = LangidDetector().detect(text).code\n"
        "lingua = LinguaDetector(['uk', 'ru']).detect(text).code\n"
        "print(langid, lingua)\n"
    )
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["uk", "uk"]


def test_fixed_detector_for_tests_of_other_stages() -> None:
    fixed = FixedLanguageDetector("de-AT", confidence=0.8)
    tag = fixed.detect("anything at all", hint="en")
    assert tag == LanguageTag(code="de", confidence=0.8, detector="fixed")
    assert fixed.detect_batch(["a", "b"]) == [tag, tag]
    assert fixed.seen == ["anything at all", "a", "b"]
    with pytest.raises(ConfigurationError):
        FixedLanguageDetector("german")
