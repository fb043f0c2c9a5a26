"""The ordinary words of a language: those at least as frequent as COMMON_ZIPF in the word
frequency lists of the `wordfreq` package (English, Indonesian, Malay, French and many more).

The lists are read straight from the package's data files: importing `wordfreq` itself pulls in
ftfy and langcodes, which added about a third of a second to a cold `qa-app ask` (eval/HISTORY.md,
release 64's benchmark). Should their format change, the package's own lookup is used instead."""

from __future__ import annotations

import gzip
import importlib.util
from functools import lru_cache
from pathlib import Path

# Zipf scale: 3.5 is about 3 occurrences per million words
COMMON_ZIPF = 3.5
# a cBpack file holds, after its header, one list of words per centibel of frequency:
# list i holds the words of frequency -i cB, Zipf 9 - i/100
_HEADER = {"format": "cB", "version": 1}
_LAST_COMMON_BIN = round((9 - COMMON_ZIPF) * 100)


def _data_file(language: str) -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"small_{language}.msgpack.gz"
    return path if path.is_file() else None


@lru_cache(maxsize=16)
def _common_words(language: str) -> frozenset[str] | None:
    """The language's common words, or None when its list cannot be read directly."""
    import msgpack

    path = _data_file(language)
    if path is None:
        return None
    with gzip.open(path, "rb") as fh:
        bins = msgpack.load(fh, raw=False)
    if not bins or bins[0] != _HEADER:
        return None
    return frozenset(w for words in bins[1:_LAST_COMMON_BIN + 1] for w in words)


@lru_cache(maxsize=8192)
def is_common_word(word: str, language: str) -> bool:
    """Whether the lower-case `word` is an ordinary word of `language` (False for a language
    `wordfreq` has no list for)."""
    words = _common_words(language)
    if words is not None:
        return word in words
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, language, wordlist="small") >= COMMON_ZIPF
    except LookupError:
        return False
