"""Language of a document or of a short query (py3langid ships its model: no network)."""

from __future__ import annotations

import re
from functools import lru_cache

from qa_app.text.tokens import index_terms


# Malay and Indonesian share most of their words: a word index built on one finds the other
_WORD_FAMILY = {"ms": "id"}


def word_family(language: str | None) -> str | None:
    """The language whose words an index can match for `language` ("ms" -> "id")."""
    return _WORD_FAMILY.get(language, language) if language else language


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text."""
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
    langs = [lang for lang in vocab_by_language if lang]
    by_function_words = _function_word_vote(query)
    if len(langs) <= 1:  # an English question to a store of Indonesian articles is still English
        return by_function_words or (langs[0] if langs else None)
    if by_function_words in langs:
        return by_function_words
    lang, prob = _restricted_identifier(tuple(sorted(langs))).classify(query)
    if prob >= 0.9:
        return lang
    tokens = index_terms(query)
    coverage = {lang: sum(t in vocab_by_language[lang] for t in tokens) for lang in langs}
    ranked = sorted(coverage.values(), reverse=True)
    if not tokens or ranked[0] == ranked[1]:
        return None
    return max(coverage, key=coverage.get)


# Words that tell a question's language. Not stopwords: question words such as "siapa" and
# "did" are the strongest votes, and a word both languages share would only blur them.
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
