"""Meeting and commitment cue words, status hints, topics and named mechanisms.

All word lists live in lex_cues.json. Cues match on word boundaries and
case-insensitively (acronyms such as "KTT" or "LNG" too); a cue ending in "*"
matches any word ending.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, make

_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _word_re(words: list[str]) -> re.Pattern:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(p[:-2] + r"\w*" if w.endswith("*") else p)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def _langs(language: str) -> list[str]:
    return [language] if language == "en" else [language, "en"]


@lru_cache(maxsize=8)
def _meeting_re(language: str) -> re.Pattern:
    lex = load("cues")["meeting"]
    return _word_re([w for lang in _langs(language) for w in lex.get(lang, [])])


@lru_cache(maxsize=1)
def _commitment_res() -> dict[str, re.Pattern]:
    return {modality: _word_re(words) for modality, words in load("cues")["commitment"].items()}


@lru_cache(maxsize=8)
def _status_re(kind: str, language: str) -> re.Pattern:
    lex = load("cues")[kind]
    return _word_re([w for lang in _langs(language) for w in lex.get(lang, [])])


@lru_cache(maxsize=1)
def _topic_res() -> dict[str, re.Pattern]:
    return {topic: _word_re(words) for topic, words in load("cues")["topics"].items()}


def _found(rx: re.Pattern, sentence: str) -> list[str]:
    return [" ".join(m.group().split()) for m in rx.finditer(sentence)]


def find_cues(sentence: str, language: str = "en") -> dict:
    """Cue words of one sentence.

    Returns {"meeting": [words], "commitment": [(word, modality)], "status_planned":
    [words], "status_past": [words], "topics": {topic: [words]}}. modality is one of
    agreed | pledged | intends | plans | reaffirmed | supports.
    """
    commitment: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    for modality, rx in _commitment_res().items():
        for m in rx.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue  # "menegaskan kembali" counted once
            taken.append((m.start(), m.end()))
            commitment.append((m.start(), " ".join(m.group().split()), modality))
    return {
        "meeting": _found(_meeting_re(language), sentence),
        "commitment": [(w, mod) for _, w, mod in sorted(commitment)],
        "status_planned": _found(_status_re("status_planned", language), sentence),
        "status_past": _found(_status_re("status_past", language), sentence),
        "topics": {t: words for t, rx in _topic_res().items() if (words := _found(rx, sentence))},
    }


def topic_scores(sentence: str, language: str = "en") -> dict[str, int]:
    return {t: len(rx.findall(sentence)) for t, rx in _topic_res().items()}


def topic_of(sentence: str, language: str = "en") -> str:
    """The topic with the most keyword hits (ties: lexicon order), or "other"."""
    scores = topic_scores(sentence, language)
    best = max(scores.values(), default=0)
    if best == 0:
        return "other"
    return next(t for t, s in scores.items() if s == best)


# --- mechanisms -----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _mechanism_re() -> tuple[re.Pattern, list[dict]]:
    specs = load("cues")["mechanisms"]
    parts, specs_out = [], []
    for i, spec in enumerate(specs):
        alts = "|".join(f"(?:{p})" for p in spec["patterns"])
        parts.append(f"(?P<m{i}>{alts})")
        specs_out.append(spec)
    return re.compile(rf"(?<![\w+])(?:{'|'.join(parts)})(?![\w+])"), specs_out


@lru_cache(maxsize=1)
def _round_res() -> tuple[re.Pattern, re.Pattern, dict[str, int]]:
    lex = load("cues")["rounds"]
    ords = lex["ordinals"]
    words = "|".join(re.escape(w) for w in sorted(lex["round_words"], key=len, reverse=True))
    ord_alt = "|".join(sorted(ords, key=len, reverse=True))
    # After a mechanism: "putaran ke-17", "Putaran ke-17", "17th round", "round 17", "ke-VI".
    after = re.compile(
        rf"\s+(?:(?P<n3>{ord_alt})\b|ke-?(?P<n4>\d{{1,3}})\b)"
        rf"|[^.;\n]{{0,40}}?(?:\b(?:{words})\s+(?:ke-?\s*)?(?P<n1>\d{{1,3}}\b|[IVXLC]{{1,6}}\b|(?:{ord_alt})\b)"
        rf"|\b(?P<n2>\d{{1,3}})(?:st|nd|rd|th)\s+(?:{words})\b)",
        re.IGNORECASE)
    # Before a mechanism: "the first Senior Officials' Meeting", "17th", "VI Meeting", "ke-17".
    before = re.compile(
        rf"(?:\b(?P<w>{ord_alt})|\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)|\b(?P<r>[IVXLC]{{1,6}})|ke-(?P<k>\d{{1,3}}))"
        rf"(?P<gap>(?:[\s“”\"'‘’-]+[\w-]+){{0,3}}?)[\s“”\"'‘’(]*$",
        re.IGNORECASE)
    return after, before, {k.lower(): v for k, v in ords.items()}


def _number(token: str | None, ords: dict[str, int]) -> int | None:
    if not token:
        return None
    t = token.strip()
    if t.isdigit():
        return int(t)
    if t.lower() in ords:
        return ords[t.lower()]
    if t.isupper() and _ROMAN.match(t):
        total = 0
        for a, b in zip(t, t[1:] + " "):
            v = _ROMAN_VALUES[a]
            total += -v if b != " " and _ROMAN_VALUES.get(b, 0) > v else v
        return total
    return None


def _round_near(text: str, start: int, end: int) -> tuple[int, str] | None:
    after, before, ords = _round_res()
    m = after.match(text, end, min(len(text), end + 60))
    if m:
        n = _number(m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4"), ords)
        if n:
            return n, m.group().strip()
    line_start = max(text.rfind("\n", 0, start) + 1, start - 60)
    m = before.search(text, line_start, start)
    if m:
        token = m.group("w") or m.group("n") or m.group("r") or m.group("k")
        if m.group("r") and not m.group("r").isupper():
            return None
        n = _number(token, ords)
        if n:
            return n, text[m.start():start].strip()
    return None


def find_mechanisms(text: str) -> list[Mention]:
    """Named dialogue mechanisms and forums.

    value = the mechanism's name; extra["family"] groups names of one mechanism (the
    Joint Ministerial Dialogue and its Senior Officials' Meeting are both "2+2");
    extra["round"] / ["round_text"] when the text numbers the round ("putaran ke-17",
    "first", "pertama", "VI").
    """
    rx, specs = _mechanism_re()
    out: list[Mention] = []
    for m in rx.finditer(text):
        idx = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        start, end = m.start(), m.end()
        # Quotes around "2+2" stay outside the span.
        while start < end and text[start] in "“\"'‘":
            start += 1
        while end > start and text[end - 1] in "”\"'’":
            end -= 1
        extra: dict = {"family": specs[idx].get("family", specs[idx]["value"])}
        if specs[idx].get("forum"):
            extra["forum"] = True  # a forum of many states, not a channel between two
        rnd = _round_near(text, m.start(), m.end())
        if rnd:
            extra["round"], extra["round_text"] = rnd
        out.append(make("mechanism", text, start, end, specs[idx]["value"], extra))
    taken = [(m.start, m.end) for m in out]
    for start, end, value, stated in _named_mechanisms(text):
        # "Dialog Bersama (SOM 2+2)", "Dialog Bersama SOM 2+2": a name glossed by a listed mechanism is that one
        if any(a < end and start < b or 0 <= a - end <= 3 for a, b in taken):
            continue
        extra = {"family": value.lower(), "named": True}
        rnd = stated or _round_near(text, start, end)
        if rnd:
            extra["round"], extra["round_text"] = rnd
        out.append(make("mechanism", text, start, end, value, extra))
    return sorted(out + _acronyms_of(text, out), key=lambda m: m.start)


_ACRONYM_AFTER = re.compile(r"\s*\((?P<a>[A-Z][A-Z0-9+-]{1,7})\)")


def _acronyms_of(text: str, found: list[Mention]) -> list[Mention]:
    """"Indonesia-Africa Forum (IAF) ... IAF ke-2 berlangsung ...": an acronym the text defines in
    brackets after a mechanism's name stands for that mechanism wherever it comes later."""
    out: list[Mention] = []
    for m in found:
        d = _ACRONYM_AFTER.match(text, m.end)
        if d is None:
            continue
        taken = [(x.start, x.end) for x in found + out]
        for use in re.finditer(rf"(?<![\w-]){re.escape(d.group('a'))}(?![\w-])", text[d.end():]):
            a, b = d.end() + use.start(), d.end() + use.end()
            if not any(x < b and a < y for x, y in taken):
                extra = dict(m.extra)
                rnd = _round_near(text, a, b)
                extra.pop("round", None), extra.pop("round_text", None)
                if rnd:
                    extra["round"], extra["round_text"] = rnd
                out.append(make("mechanism", text, a, b, m.value, extra))
    return out


_CAP = r"[A-Z][\w'’-]*"
_ORDINAL_WORD = re.compile(r"(?i)^(ke-?\d+|\d+(st|nd|rd|th)?|[IVXLC]+)[,.;:]?$")


@lru_cache(maxsize=1)
def _named_re() -> tuple[re.Pattern, re.Pattern, frozenset[str]]:
    lex = load("cues")["named_mechanisms"]

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    join = alt(lex["joiners"])
    last = re.compile(rf"\b{_CAP}(?:\s+(?:{_CAP}|(?:{join})(?=\s+[A-Z]))){{0,5}}?\s+(?:{alt(lex['heads_last'])})\b")
    first = re.compile(rf"\b(?:{alt(lex['heads_first'])})(?:\s+(?:{_CAP}|(?:{join})(?=\s+[A-Z]))){{1,5}}")
    return last, first, frozenset(lex["leading"])


def _title_case_line(text: str, pos: int) -> bool:
    """A headline written in title case ("Modi dan Xi Bertemu di Kazan, Pertemuan Resmi Pertama")
    capitalises every word, so its capitals name nothing."""
    a, b = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text[a:b if b >= 0 else len(text)]) if len(w) >= 5]
    return len(words) >= 5 and sum(w[0].isupper() for w in words) / len(words) >= 0.75


# "the Xi'an International Conference Center", "Gedung Konferensi Asia Afrika": a building, not a forum
VENUE_AFTER = re.compile(r"\s+(?:Center|Centre|Hall|Hotel|Building|Complex|Palace|Stadium|Arena|Auditorium|"
                         r"Pavilion|Room|Grounds)\b")
_VENUE_BEFORE = re.compile(r"\b(?:Gedung|Balai|Hotel|Istana|Wisma|Bangunan|Pusat)\s+$")


def _named_mechanisms(text: str) -> list[tuple[int, int, str, tuple[int, str] | None]]:
    """Meeting series written as proper names ("the 13th Annual Consultation", "Retreat Pemimpin
    Malaysia-Singapura Ke-10"): (start, end, the name without leading words, countries or round
    numbers, the round written right after it or None)."""
    from qa_app.nlp.countries import country_code

    last, first, leading = _named_re()
    out = []
    for rx in (last, first):
        for m in rx.finditer(text):
            words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"\S+", m.group())]

            def country(w: str) -> bool:
                return all(country_code(p) for p in re.split(r"[-–]", w.strip("'’")) if p)

            while words and (words[0][2] in leading or country(words[0][2])):
                words.pop(0)
            stated = None
            while words and (country(words[-1][2]) or _ORDINAL_WORD.match(words[-1][2])
                             or words[-1][2].lower() in ("dan", "and", "on", "of")):
                w = words.pop()[2]
                if _ORDINAL_WORD.match(w) and stated is None:
                    n = _number(re.sub(r"(?i)^ke-?|(st|nd|rd|th)?[,.;:]?$", "", w), _round_res()[2])
                    stated = (n, w) if n else None
            if len(words) < 2 or (rx is last and any(country(w) for _, _, w in words[:-1]) and len(words) == 2):
                continue
            start, end = m.start() + words[0][0], m.start() + words[-1][1]
            if VENUE_AFTER.match(text, end) or _VENUE_BEFORE.search(text, max(0, start - 20), start):
                continue  # "the Xi'an International Conference Center", "Gedung Konferensi Asia Afrika": a building
            if not _title_case_line(text, start):
                out.append((start, end, " ".join(w for _, _, w in words), stated))
    return out
