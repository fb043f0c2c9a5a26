"""Word tokens. One module, three token shapes, each kept for a reason:

- `word_tokens`: letters and digits runs with offsets (`[^\\W_]+`); hyphens and apostrophes
  split ("Asia-Pacific" is two tokens) so that a gazetteer can join them back by rule. Names,
  dates, countries and places are found over these.
- `index_terms`: lower-cased `\\w+` words without the stopwords, for BM25, the store's vocabulary
  per language and the concepts that compare questions with sentences. `\\w` keeps "_" inside a
  word; changing it would change every stored BM25 index.
- `PHRASE_TOKEN`: words joined by "+", "'", "’" or "-" stay one token ("Asia-Pacific",
  "counter-terrorism"), as the cue phrases of the rules' lexicon are written; a French elided
  article or pronoun ("l’", "s’", "qu’") is a token of its own.
- `NAME_TOKEN`: a name word keeps its inner apostrophes and hyphens ("O'Brien",
  "Jean-Yves"), a number is one token and every punctuation mark is its own token; the people
  finder reads titles and names from this sequence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from qa_app.text.stopwords import index_stopwords

_WORD = re.compile(r"[^\W_]+")
_INDEX_WORD = re.compile(r"\w+", re.UNICODE)
# a French elided article or pronoun is a token of its own: "s’entretiendra" is "s’" + "entretiendra"
PHRASE_TOKEN = re.compile(r"(?<!\w)(?i:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=\w)|\w+(?:[+'’\-]\w+)*")
NAME_TOKEN = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*|\d+|[^\w\s]")


class Token(NamedTuple):
    start: int
    end: int
    text: str


@lru_cache(maxsize=64)
def word_tokens(text: str) -> tuple[Token, ...]:
    """Letter-and-digit runs of `text` with their offsets (cached: several finders read one text)."""
    return tuple(Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(text))


def index_terms(text: str) -> list[str]:
    """Lower-cased words of `text` without stopwords, in order (repeats kept)."""
    stop = index_stopwords()
    return [t for t in _INDEX_WORD.findall(text.lower()) if t not in stop]
