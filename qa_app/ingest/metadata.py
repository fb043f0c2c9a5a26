"""Language, title and publication date of an article, each with its provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from qa_app.ingest.clean import CleanResult, is_dateline
from qa_app.ingest.published import published_in_lines


@dataclass
class Field:
    value: str | None
    provenance: str  # "given" | "html" | "detected" | "none"


@dataclass
class ArticleMeta:
    language: Field
    title: Field
    published: Field


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text (py3langid; ships its model, no network)."""
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return lang


def detect_query_language(query: str, vocab_by_language: dict[str, set[str]]) -> str | None:
    """Language of a short query among the store's languages, or None when unsure.

    Short queries fool character n-gram models ("joint military exercises Indonesia
    China" scores as Indonesian), so a confident py3langid verdict restricted to the
    store's languages is taken first, and otherwise the language whose vocabulary
    covers most of the query's words.
    """
    from qa_app.store.lexical import tokenize

    langs = [lang for lang in vocab_by_language if lang]
    if len(langs) <= 1:
        return langs[0] if langs else None
    by_function_words = _function_word_vote(query)
    if by_function_words in langs:
        return by_function_words
    lang, prob = _restricted_identifier(tuple(sorted(langs))).classify(query)
    if prob >= 0.9:
        return lang
    tokens = tokenize(query)
    coverage = {lang: sum(t in vocab_by_language[lang] for t in tokens) for lang in langs}
    ranked = sorted(coverage.values(), reverse=True)
    if not tokens or ranked[0] == ranked[1]:
        return None
    return max(coverage, key=coverage.get)


_FUNCTION_WORDS = {
    "en": set("the a an of in on at to for and or is are was were did do does who whom what when where which why how "
              "with from by about between this that these those has have had".split()),
    "id": set("yang dan di ke dari untuk pada dengan ini itu dalam adalah siapa apa kapan mana mengapa bagaimana "
              "apakah oleh antara tentang sudah telah akan dengan para".split()),
}


def _function_word_vote(query: str) -> str | None:
    """The language whose function words the query uses most, if one clearly leads."""
    words = re.findall(r"\w+", query.lower())
    votes = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if ranked[0][1] > ranked[1][1] else None


@lru_cache(maxsize=8)
def _restricted_identifier(langs: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(langs))
    return ident


_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")


def date_from_dateline(line: str) -> str | None:
    """ISO date of a dateline such as "Jum'at, 01/03/2024 05:05 WIB" (day first)."""
    m = _DMY.search(line)
    if not m:
        return None
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_FALLBACK_DATE_LANGUAGES = ["en", "id", "ms", "fr", "es", "pt", "de", "nl", "it", "ru", "ar", "zh", "ja", "ko", "vi", "th", "tl"]


def normalize_published(value: str, language: str | None = None) -> str | None:
    """ISO date (YYYY-MM-DD) of a given publication date in any common format."""
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", value):
        try:
            return date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None  # "2024-13-45": not a date
    import dateparser

    langs = [language, "en"] if language and language != "en" else ["en"]
    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(value, languages=langs, settings=settings)
    if parsed is None:
        # Site metadata need not share the article's language ("6 Mei 2024" on an
        # English page): try common news languages (a fixed list; dateparser's full
        # auto-detection costs seconds on its first call).
        parsed = dateparser.parse(value, languages=_FALLBACK_DATE_LANGUAGES, settings=settings)
    return parsed.date().isoformat() if parsed else None


def _dateline_in(raw_head: str) -> str | None:
    for line in raw_head.splitlines()[:8]:
        if is_dateline(line) or re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}[:.]\d{2}", line):
            found = date_from_dateline(line)
            if found:
                return found
    return None


def build_meta(
    cleaned: CleanResult,
    raw_text: str,
    given_title: str | None,
    given_published: str | None,
    given_source: str,
) -> ArticleMeta:
    language = Field(detect_language(cleaned.text), "detected")
    if given_title:
        title = Field(given_title.strip(), given_source)
    elif cleaned.header_lines:
        title = Field(cleaned.header_lines[0], "detected")
    else:
        first = cleaned.text.split("\n", 1)[0]
        title = Field(first[:120].rstrip() + ("…" if len(first) > 120 else ""), "detected")
    published = Field(None, "none")
    if given_published:
        iso = normalize_published(given_published, language.value)
        if iso:
            published = Field(iso, given_source)
    if published.value is None:
        found = published_in_lines(raw_text) or _dateline_in(raw_text[:2000])
        if found:
            published = Field(found, "detected")
    return ArticleMeta(language, title, published)
