"""Tests for translaudit._langid (language identification)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translaudit._langid import (
    BACKENDS,
    LanguageGuess,
    backend_version,
    identify,
    identify_document,
    identify_sentences,
    supported_languages,
)

try:  # tests/ is on sys.path under pytest's default "prepend" import mode
    from langid_sentences import SENTENCES
except ImportError:  # pragma: no cover - e.g. if tests/ becomes a package
    from tests.langid_sentences import SENTENCES

LANGS = tuple(SENTENCES)
HAS_LANGDETECT = importlib.util.find_spec("langdetect") is not None
needs_langdetect = pytest.mark.skipif(not HAS_LANGDETECT, reason="langdetect not installed")


def _accuracy(backend: str, candidates: tuple[str, ...] | None) -> tuple[float, Counter[str]]:
    correct: Counter[str] = Counter()
    total = 0
    for lang, sentences in SENTENCES.items():
        for sentence in sentences:
            total += 1
            if identify(sentence, backend=backend, candidates=candidates).language == lang:
                correct[lang] += 1
    return sum(correct.values()) / total, correct


# --- the test set itself -------------------------------------------------------


def test_sentence_set_shape() -> None:
    assert set(LANGS) == {"en", "de", "fr", "es", "it", "pl", "ru", "cs", "zh", "ja"}
    for lang, sentences in SENTENCES.items():
        assert len(sentences) >= 30, lang
        assert len(set(sentences)) == len(sentences), f"duplicates in {lang}"
        assert any(len(s) <= 20 for s in sentences), f"{lang} needs short sentences"
        assert any(any(ch.isdigit() for ch in s) for s in sentences), f"{lang} needs numbers"


# --- accuracy ------------------------------------------------------------------


def test_accuracy_py3langid_open_set() -> None:
    accuracy, correct = _accuracy("py3langid", None)
    assert accuracy >= 0.98, correct
    for lang in LANGS:  # per-language sanity: no language collapses
        assert correct[lang] >= 0.9 * len(SENTENCES[lang]), (lang, correct[lang])


def test_accuracy_py3langid_restricted() -> None:
    accuracy, correct = _accuracy("py3langid", LANGS)
    assert accuracy >= 0.99, correct
    for lang in LANGS:
        assert correct[lang] >= 0.95 * len(SENTENCES[lang]), (lang, correct[lang])


@needs_langdetect
def test_accuracy_langdetect_restricted() -> None:
    accuracy, correct = _accuracy("langdetect", LANGS)
    assert accuracy >= 0.95, correct


# --- determinism ---------------------------------------------------------------

_SAMPLE = [s for sentences in SENTENCES.values() for s in sentences[:6]]


def _signature(backend: str) -> list[tuple[str | None, float, str]]:
    return [
        (g.language, round(g.confidence, 6), g.reason)
        for g in identify_sentences(_SAMPLE, document_lang="en", backend=backend)
    ]


@pytest.mark.parametrize(
    "backend", ["py3langid", pytest.param("langdetect", marks=needs_langdetect)]
)
def test_deterministic_in_process(backend: str) -> None:
    first = [identify(s, backend=backend) for s in _SAMPLE]
    second = [identify(s, backend=backend) for s in _SAMPLE]
    assert first == second
    assert _signature(backend) == _signature(backend)


@pytest.mark.parametrize(
    "backend", ["py3langid", pytest.param("langdetect", marks=needs_langdetect)]
)
def test_deterministic_across_processes(backend: str) -> None:
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_langid import _signature\n"
        f"print(json.dumps(_signature({backend!r})))\n"
    )
    outputs = set()
    for seed in ("0", "12345"):  # different str hashing -> different set orders
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    here = json.loads(outputs.pop())
    assert [tuple(x) for x in here] == _signature(backend)


# --- candidates ----------------------------------------------------------------


def test_candidates_restrict_same_script_results() -> None:
    # Spanish text forced to choose between Italian and Portuguese.
    guess = identify("¿Dónde está la estación de autobuses?", candidates={"it", "pt"})
    assert guess.language in {"it", "pt"}
    for lang in ("de", "fr", "pl", "cs"):
        for sentence in SENTENCES[lang][:10]:
            assert identify(sentence, candidates={"en", lang}).language == lang


def test_candidates_fix_short_sentence_confusions() -> None:
    assert identify("Non lo so.", candidates={"it", "en"}).language == "it"
    assert identify("Do jutra!", candidates={"pl", "en"}).language == "pl"
    assert identify("A domani!", candidates={"it", "de"}).language == "it"


def test_candidates_are_normalized() -> None:
    guess = identify("Das Wetter ist heute wirklich schön.", candidates=["EN", "de-AT", "pt_BR"])
    assert guess.language == "de"
    assert identify("会议九点半开始，请准时参加。", candidates={"zh-Hans", "ja"}).language == "zh"


def test_script_evidence_beats_candidates() -> None:
    guess = identify("Погода сегодня просто замечательная.", candidates={"en", "de"})
    assert guess == LanguageGuess(guess.language, guess.confidence, "script")
    assert guess.language == "ru"
    assert identify("今日はとても暑いですね。", candidates={"zh", "en"}).language == "ja"


def test_bad_candidates() -> None:
    with pytest.raises(ValueError, match="not supported"):
        identify("Hello there, my friend.", candidates={"en", "xx"})
    with pytest.raises(ValueError, match="empty"):
        identify("Hello there, my friend.", candidates=set())
    with pytest.raises(TypeError):
        identify("Hello there, my friend.", candidates="en")


# --- scripts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("今日はいい天気ですね。", "ja"),
        ("東京駅で待ち合わせしましょう。", "ja"),
        ("我们明天上午十点在公司门口见面。", "zh"),
        ("안녕하세요, 만나서 반갑습니다.", "ko"),
        ("Καλημέρα σε όλους και καλή εβδομάδα.", "el"),
        ("สวัสดีครับ ยินดีที่ได้รู้จัก", "th"),
        ("שלום לכולם, מה שלומכם היום?", "he"),
        ("नमस्ते, आप कैसे हैं?", "hi"),
    ],
)
def test_script_rules(text: str, lang: str) -> None:
    assert identify(text).language == lang


# --- undetermined text ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "12345",
        "3.14159",
        "— 12 —",
        "!!!",
        "🙂🙂🙂",
        "OK",
        "Q3 2024: €1.2M",
        "ISO 9001:2015",
        "Table 3: 12.5 % / 14.2 % / 19.0 %",
        "https://example.com/docs/install?lang=de",
        "john.doe@example.org",
        "x = f(y) + 2;",
        "`pip install translaudit`",
        "os.path.join(base_dir, file_name)",
        "Angela Merkel",
        "Angela Merkel.",
        "John Smith, Mary Jones",
        "Olaf Scholz, 2021–2025",
        "J. R. R. Tolkien",
        "Ludwig van Beethoven",
        "Berlin, Paris, London",
        "NASA, ESA, JAXA",
        "Владимир Путин",
    ],
)
def test_names_numbers_urls_code_are_undetermined(text: str) -> None:
    guess = identify(text)
    assert guess.language is None
    assert guess.confidence < 0.5
    # ... also with candidates and a document prior: never "untranslated".
    assert identify(text, candidates={"en", "de"}).language is None
    (in_doc,) = identify_sentences([text], document_lang="de", candidates={"en", "de"})
    assert in_doc.language is None


def test_real_sentences_with_names_stay_determined() -> None:
    assert identify("Anna Kowalska mieszka w Krakowie od 2015 roku.").language == "pl"
    assert identify("Vielen Dank!").language == "de"
    assert identify("See https://example.com for the installation guide.").language == "en"


# --- document prior ------------------------------------------------------------


def test_document_prior_on_short_sentences() -> None:
    short = ["A domani!", "Non lo so.", "Grazie mille.", "Ciao!", "Va bene."]
    results = identify_sentences(short, document_lang="it", candidates={"en", "it"})
    assert [g.language for g in results] == ["it"] * len(short)
    results = identify_sentences(short, document_lang="it")  # open set
    assert [g.language for g in results] == ["it"] * len(short)


def test_document_prior_keeps_strong_evidence() -> None:
    texts = [
        "Das ist ein vollständiger deutscher Satz.",
        "This sentence was clearly left untranslated by the system.",
        "Это предложение написано по-русски.",
        "OK",
        "Thank you.",
    ]
    results = identify_sentences(texts, document_lang="de", candidates={"en", "de"})
    assert [g.language for g in results] == ["de", "en", "ru", None, "de"]
    assert results[1].confidence >= 0.9
    assert results[2].reason == "script"
    assert results[4].reason == "prior"


def test_document_prior_never_flags_own_language() -> None:
    # No sentence of the set is moved away from its own document language.
    for lang, sentences in SENTENCES.items():
        for other in ("en", "de", "ru"):
            if other == lang:
                continue
            results = identify_sentences(sentences, document_lang=lang, candidates={lang, other})
            assert all(g.language == lang for g in results), (lang, other)


def test_identify_sentences_without_document_lang() -> None:
    texts = ["Thank you very much.", "Merci beaucoup, à demain."]
    assert identify_sentences(texts, document_lang=None) == tuple(identify(t) for t in texts)
    assert identify_sentences([], document_lang="en") == ()


# --- documents -----------------------------------------------------------------


def test_identify_document_ignores_markup_code_and_headings() -> None:
    doc = (
        "# Installation Guide\n\n"
        "Dieses Dokument beschreibt, wie Sie das Paket installieren und konfigurieren.\n\n"
        "```bash\npip install translaudit --upgrade\nexport PATH=$HOME/bin:$PATH\n```\n\n"
        "## Quick Start\n\n"
        "Weitere Informationen finden Sie unter https://example.com/docs.\n\n"
        "| Option | Default |\n|---|---|\n| --verbose | false |\n\n"
        "Bei Fragen wenden Sie sich bitte an den Support.\n"
    )
    guess = identify_document(doc)
    assert guess.language == "de"
    assert guess.confidence > 0.9


def test_identify_document_large_input_is_sampled() -> None:
    doc = "\n\n".join(SENTENCES["fr"]) * 400  # ~800 kB
    assert identify_document(doc).language == "fr"
    assert identify("\n".join(SENTENCES["pl"]) * 200).language == "pl"


@pytest.mark.parametrize("lang", LANGS)
def test_identify_document_on_each_language(lang: str) -> None:
    assert identify_document("\n".join(SENTENCES[lang])).language == lang


# --- backends ------------------------------------------------------------------


def test_unknown_backend_message() -> None:
    expected = "backend='fasttext' is not one of: 'langdetect', 'py3langid'"
    for call in (
        lambda: identify("Hello", backend="fasttext"),
        lambda: identify_document("Hello", backend="fasttext"),
        lambda: identify_sentences(["Hello"], document_lang="en", backend="fasttext"),
        lambda: backend_version("fasttext"),
    ):
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value) == expected


def test_backends_and_versions() -> None:
    assert BACKENDS == ("py3langid", "langdetect")
    assert backend_version("py3langid").startswith("py3langid-")
    assert {"en", "de", "fr", "es", "it", "pl", "ru", "cs", "zh", "ja"} <= supported_languages()
    assert "wuu" not in supported_languages()  # folded into "zh"


@needs_langdetect
def test_langdetect_backend() -> None:
    from langdetect import DetectorFactory

    assert backend_version("langdetect").startswith("langdetect-")
    assert identify("Das ist ein ganz normaler deutscher Satz.", backend="langdetect").language == (
        "de"
    )
    assert identify("这是一个中文句子。", backend="langdetect").language == "zh"  # zh-cn folded
    assert identify("Angela Merkel", backend="langdetect").language is None
    guess = identify("Buongiorno a tutti!", backend="langdetect", candidates={"it", "es"})
    assert guess.language == "it"
    # Deterministic without touching langdetect's global factory seed.
    assert DetectorFactory.seed is None


# --- robustness ----------------------------------------------------------------


def _valid(guess: LanguageGuess, backend: str = "py3langid") -> bool:
    return 0.0 <= guess.confidence <= 1.0 and (
        guess.language is None or guess.language in supported_languages(backend)
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    assert _valid(identify(text))
    assert _valid(identify(text, candidates={"en", "de", "ja"}))
    assert _valid(identify_document(text))
    assert all(_valid(g) for g in identify_sentences([text, text[::-1]], document_lang="fr"))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, categories=None), min_size=1))
def test_never_raises_with_surrogates(text: str) -> None:
    assert _valid(identify(text))


@needs_langdetect
@settings(max_examples=100, deadline=None)
@given(st.text())
def test_langdetect_never_raises(text: str) -> None:
    assert _valid(identify(text, backend="langdetect"), "langdetect")
    assert _valid(identify(text, backend="langdetect", candidates={"en", "pl"}), "langdetect")
