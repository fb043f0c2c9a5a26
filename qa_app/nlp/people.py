"""People with their titles, ranks and countries.

Three patterns find a person, all anchored on a title from lex_titles.json:

* title first: "Presiden Rusia Vladimir Putin", "Japanese Prime Minister Fumio Kishida",
  "Sekretaris Dewan Keamanan Federasi Rusia Nikolai Patrushev";
* title, comma, name: "Wakil Menteri Luar Negeri, Sun Weidong",
  "Sekdirjen Strategi Pertahanan, Brigjen TNI Oktaheroe Ramsi";
* name, comma, title (apposition): "Yang Jiechi, Anggota Biro Politik ...".

Well-known people from lex_people.json are found without a title. Mention.text is
the name alone (rank and title excluded); value is the canonical name; extra holds
role, rank, country (with country_via) and the span of the whole phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, dedupe, make
from qa_app.text.tokens import NAME_TOKEN as _TOKEN

_CONNECTORS = frozenset({"dan", "and", "of", "the", "for", "on", "untuk", "&"})
_BOUNDARY_PUNCT = frozenset(",.;:()[]\"“”!?")
_MAX_NAME = 4


class _Tok(NamedTuple):
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()


@dataclass
class _Lex:
    titles: dict[str, list[tuple[str, ...]]]  # first word -> title word tuples, longest first
    modifiers: dict[str, list[tuple[str, ...]]]
    rank_re: re.Pattern
    honorific_re: re.Pattern
    prefix_re: re.Pattern  # one or more ranks/honorifics at the start of a name
    post_nominal_re: re.Pattern
    non_name: frozenset[str]  # lower-cased words that are never part of a person's name
    rank_countries: dict[str, str]
    reporting_verbs: frozenset[str]
    common_words: dict[str, frozenset[str]]
    delegation_re: re.Pattern
    known: dict[str, tuple[str, str | None]]  # surface form -> (canonical, country)


def _phrase_index(phrases: list[str]) -> dict[str, list[tuple[str, ...]]]:
    idx: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        words = tuple(_TOKEN.findall(p))
        idx.setdefault(words[0], []).append(words)
    for v in idx.values():
        v.sort(key=len, reverse=True)
    return idx


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    t = load("titles")
    ranks, honor = t["ranks"], t["honorifics"]
    end = r"(?![\w])"
    rank_re = re.compile(rf"(?:{_alternation(ranks)}){end}")
    honorific_re = re.compile(rf"(?:{_alternation(honor)})(?:(?<=\.)|{end})")
    prefix_re = re.compile(rf"(?:(?:{_alternation(ranks + honor)})(?:(?<=\.)|{end})\s*)+")
    post = re.compile(rf"(?:,?\s*(?:{_alternation(t['post_nominals'])}))+\s*$")
    non_name = {w.lower() for w in t["org_words"]}
    non_name.update(w.lower() for w in t.get("not_name_words", []))
    for phrase in t["titles"] + t["modifiers"] + ranks + [h for h in honor if " " not in h]:
        non_name.update(w.lower() for w in _TOKEN.findall(phrase) if w[0].isalpha())
    months_days = ("january february march april may june july august september october november december "
                   "januari februari maret mei juni juli agustus oktober desember monday tuesday wednesday "
                   "thursday friday saturday sunday senin selasa rabu kamis jumat sabtu minggu").split()
    non_name.update(months_days)
    deleg = re.compile(rf"\b(?:{_alternation(t['delegation_cues'])})\b", re.IGNORECASE)
    known: dict[str, tuple[str, str | None]] = {}
    for p in load("people")["people"]:
        for form in [p["name"], *p["aliases"]]:
            known[form] = (p["name"], p["country"])
    return _Lex(
        titles=_phrase_index(t["titles"] + t.get("lower_titles", [])),
        modifiers=_phrase_index(t["modifiers"]),
        rank_re=rank_re,
        honorific_re=honorific_re,
        prefix_re=prefix_re,
        post_nominal_re=post,
        non_name=frozenset(non_name),
        rank_countries=t["rank_countries"],
        reporting_verbs=frozenset(w.lower() for w in t["reporting_verbs"]),
        common_words={k: frozenset(v) for k, v in t["common_words"].items()},
        delegation_re=deleg,
        known=known,
    )


@lru_cache(maxsize=1)
def _known_re() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{_alternation(list(_lex().known))})(?![\w])")


def canonical_person(raw_name: str) -> tuple[str, str | None]:
    """(name, prefix): leading ranks/honorifics moved out, aliases mapped to the canonical name.

    >>> canonical_person("Brigjen TNI Oktaheroe Ramsi")
    ('Oktaheroe Ramsi', 'Brigjen TNI')
    """
    lex = _lex()
    name = " ".join(raw_name.split())
    prefix = None
    m = lex.prefix_re.match(name)
    if m and m.end() < len(name):
        prefix = " ".join(m.group().split())
        name = name[m.end():]
    name = lex.post_nominal_re.sub("", name).strip(" ,")
    name = re.sub(r"['’]s$", "", name)  # "Fumio Kishida's visit": the name without the possessive
    if name in lex.known:
        name = lex.known[name][0]
    return name, prefix


# --- tokens -----------------------------------------------------------------------------


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return [_Tok(*m.span(), m.group()) for m in _TOKEN.finditer(text, start, end)]


@lru_cache(maxsize=32)
def _text_tokens(text: str) -> tuple[list[_Tok], list[int]]:
    toks = _tokens(text, 0, len(text))
    return toks, [t.start for t in toks]


def _sentence_tokens(text: str, start: int, end: int) -> list[_Tok]:
    """Tokens of text[start:end], cut from the tokens of the whole text."""
    import bisect

    toks, starts = _text_tokens(text)
    i = bisect.bisect_left(starts, start)
    j = bisect.bisect_left(starts, end, lo=i)
    if j > i and toks[j - 1].end > end:
        j -= 1
    return toks[i:j]


def _match_phrase(toks: list[_Tok], i: int, index: dict[str, list[tuple[str, ...]]]) -> int:
    """Number of tokens of the longest phrase of `index` at toks[i] (0 if none)."""
    if i >= len(toks):
        return 0
    word = toks[i].text
    cands = index.get(word) or (index.get(word.capitalize()) if word.isupper() and len(word) > 2 else None)
    for phrase in cands or ():
        n = len(phrase)
        if i + n <= len(toks) and all(_same(toks[i + k].text, phrase[k]) for k in range(n)):
            return n
    return 0


def _same(tok: str, word: str) -> bool:
    return tok == word or (tok.isupper() and len(tok) > 2 and tok == word.upper())


class _Ctx:
    """Per-text helpers: which offsets are countries."""

    def __init__(self, text: str, language: str) -> None:
        from qa_app.nlp.countries import find_countries

        self.text = text
        self.language = language
        self.countries = [m for m in find_countries(text) if m.extra.get("via") != "capital"]
        self._country_at = {}
        for m in self.countries:
            for pos in range(m.start, m.end):
                self._country_at[pos] = m

    def country_at(self, tok: _Tok) -> Mention | None:
        return self._country_at.get(tok.start)

    def name_like(self, tok: _Tok) -> bool:
        t = tok.text
        if not t[0].isupper() or not any(c.islower() for c in t):
            return False  # lower-case words and acronyms (CPC, BRICS)
        if t.lower() in _lex().non_name or self.country_at(tok):
            return False
        from qa_app.nlp.geonames import capitals

        if t in capitals():
            return False
        # Indonesian derived nouns (Keamanan, Pertahanan, Pembangunan) are not names.
        return not re.fullmatch(r"(?:Ke|Per|Pe[mn]?g?|Pen)[a-z]+an", t)


# --- patterns ---------------------------------------------------------------------------


@dataclass
class _Hit:
    name_start: int
    name_end: int
    role: str | None
    role_start: int | None
    rank: str | None
    country: str | None
    country_via: str | None
    phrase_start: int
    phrase_end: int
    pattern: str


def _title_at(toks: list[_Tok], i: int) -> int:
    """Tokens of [modifiers] title starting at toks[i]; 0 if no title starts here."""
    lex = _lex()
    word = toks[i].text
    if word not in lex.modifiers and word not in lex.titles and not (word.isupper() and len(word) > 2):
        return 0
    j = i
    for _ in range(2):
        n = _match_phrase(toks, j, lex.modifiers)
        if not n:
            break
        j += n
    n = _match_phrase(toks, j, lex.titles)
    return (j + n - i) if n else 0


def _tail(ctx: "_Ctx", toks: list[_Tok], i: int) -> int:
    """End index (exclusive) of the run of capitalised words/connectors from toks[i].

    The run stops where another title starts ("... Joko Widodo and Japanese Prime
    Minister ...") and at a connector that follows a name ("Widodo dan Xi"): a
    connector only joins the parts of an organisation ("Asia Pasifik dan Afrika").
    """
    j = i
    while j < len(toks):
        t = toks[j]
        if j > i and _starts_new_role(ctx, toks, j):
            break
        prefix = _prefix_at(ctx.text, t.start) if t.is_word and t.is_cap else None
        if prefix and ctx.text[prefix.end() - 1:prefix.end()] in ". " and prefix.end() > t.end:
            # "Dr. H." / "Maj. Gen.": a rank or honorific with dots stays in the run
            while j < len(toks) and toks[j].start < prefix.end():
                j += 1
        elif t.is_word and t.is_cap:
            j += 1
        elif (t.text.lower() in _CONNECTORS and j + 1 < len(toks) and toks[j + 1].is_word
              and toks[j + 1].is_cap and not ctx.name_like(toks[j - 1])):
            j += 1
        else:
            break
    # A run never ends on a connector.
    while j > i and toks[j - 1].text.lower() in _CONNECTORS:
        j -= 1
    return j


def _starts_new_role(ctx: "_Ctx", toks: list[_Tok], j: int) -> bool:
    if _title_at(toks, j):
        return True
    c = ctx.country_at(toks[j])
    if c and c.extra.get("via") == "demonym":
        k = j
        while k < len(toks) and toks[k].start < c.end:
            k += 1
        return bool(_title_at(toks, k))
    return False


def _prefix_at(text: str, pos: int) -> re.Match | None:
    return _lex().prefix_re.match(text, pos)


def _name_run(ctx: _Ctx, toks: list[_Tok], i: int, limit: int | None = None) -> int:
    """Number of consecutive name-like tokens from toks[i] (separated by single spaces)."""
    limit = len(toks) if limit is None else limit
    j = i
    while j < limit and j - i < _MAX_NAME and toks[j].is_word and ctx.name_like(toks[j]):
        if j > i and ctx.text[toks[j - 1].end:toks[j].start] != " ":
            break
        j += 1
    return j - i


def _boundary_after(toks: list[_Tok], j: int) -> bool:
    if j >= len(toks):
        return True
    t = toks[j]
    return t.text in _BOUNDARY_PUNCT or (t.is_word and not t.is_cap) or t.text in "–—-"


def _country_in(ctx: _Ctx, start: int, end: int) -> Mention | None:
    """The first country named in a role: "Duta Besar RI untuk Tiongkok" is Indonesian."""
    return next((m for m in ctx.countries if m.start >= start and m.end <= end), None)


def _country_before(ctx: _Ctx, pos: int) -> Mention | None:
    """A country or demonym that ends just before `pos` ("Japanese Prime Minister", "China's")."""
    for m in ctx.countries:
        gap = ctx.text[m.end:pos]
        if m.end <= pos and (gap == " " or gap in ("'s ", "’s ")):
            return m
    return None


def _rank_country(rank: str | None) -> str | None:
    if not rank:
        return None
    for word, iso3 in _lex().rank_countries.items():
        if re.search(rf"\b{re.escape(word)}\b", rank):
            return iso3
    return None


def _name_in_tail(ctx: _Ctx, toks: list[_Tok], start: int, end: int) -> tuple[int, int, str | None, int | None] | None:
    """The name inside a title's tail: after a rank ("Panglima TNI Jenderal Agus Subiyanto"),
    else its trailing name-like words ("Presiden Rusia Vladimir Putin").

    Returns (first token, end token, rank, rank offset) or None.
    """
    for k in range(start, end):
        m = _prefix_at(ctx.text, toks[k].start)
        if not m:
            continue
        first = next((j for j in range(k, end) if toks[j].start >= m.end()), None)
        if first is not None and first + _name_run(ctx, toks, first, end) == end:
            return first, end, " ".join(m.group().split()), toks[k].start
    k = end
    while k > start and end - k < _MAX_NAME and ctx.name_like(toks[k - 1]):
        k -= 1
    return (k, end, None, None) if k < end else None


def _name_after_comma(ctx: _Ctx, toks: list[_Tok], comma: int) -> tuple[int, int, str | None] | None:
    """'..., [rank] Name' right after the comma at toks[comma]: (first token, end token, rank)."""
    k = comma + 1
    rank = None
    if k < len(toks):
        m = _prefix_at(ctx.text, toks[k].start)
        if m:
            rank = " ".join(m.group().split())
            while k < len(toks) and toks[k].start < m.end():
                k += 1
    run = _name_run(ctx, toks, k) if k < len(toks) else 0
    if run and _boundary_after(toks, k + run):
        return k, k + run, rank
    return None


def _title_first(ctx: _Ctx, toks: list[_Tok], i: int, n_title: int) -> _Hit | None:
    """'Title [org/country] Name' or 'Title [org], [rank] Name' (the title at toks[i])."""
    title_end = i + n_title
    tail_end = _tail(ctx, toks, title_end)
    found = _name_in_tail(ctx, toks, title_end, tail_end)
    if found:
        name_i, name_j, rank, rank_start = found
        org_end = rank_start if rank_start is not None else toks[name_i].start
    else:
        name_i = name_j = rank = None
        org_end = toks[tail_end - 1].end
    # Comma form, taken when the tail holds no name or when a rank follows the comma.
    if (found is None or rank is None) and tail_end < len(toks) and toks[tail_end].text == ",":
        after = _name_after_comma(ctx, toks, tail_end)
        if after and (after[2] or (found is None and after[1] - after[0] >= 2)):
            name_i, name_j, rank = after
            org_end = toks[tail_end - 1].end
    if name_i is None:
        return None
    role, country, via, phrase_start = _role_and_country(ctx, toks, i, title_end, org_end)
    if not country and _rank_country(rank):
        country, via = _rank_country(rank), "rank"
    return _Hit(toks[name_i].start, toks[name_j - 1].end, role, toks[i].start, rank, country, via,
                phrase_start, toks[name_j - 1].end, "title_first")


def _role_and_country(ctx: _Ctx, toks: list[_Tok], i: int, title_end: int, org_end: int):
    """(role as stated, country, country_via, phrase start) of a title at toks[i:title_end]
    whose organisation part ends at offset org_end.

    "Presiden Rusia": role "Presiden", RUS. "Sekretaris Dewan Keamanan Federasi Rusia": the
    whole phrase is the role, RUS. "Japanese Prime Minister": JPN from the demonym before.
    """
    text = ctx.text
    role_start = toks[i].start
    title_stop = toks[title_end - 1].end
    role_end = max(role_start, org_end)
    role = text[role_start:role_end].rstrip(" ,")
    inner = _country_in(ctx, title_stop, role_end) if role_end > title_stop else None
    before = _country_before(ctx, role_start)
    country, via = None, None
    if inner:
        country, via = inner.value, "role"
        if not text[title_stop:inner.start].strip() and inner.end >= role_end - 1:
            role = text[role_start:title_stop]  # the country is not part of the role
    elif before:
        country, via = before.value, "role"
    if not country and _rank_country(role):
        country, via = _rank_country(role), "role"  # "Panglima TNI"
    return role or None, country, via, (before.start if before else role_start)


def _apposition(ctx: _Ctx, toks: list[_Tok], i: int, n_title: int) -> _Hit | None:
    """'Name, Title [org]' (the title at toks[i])."""
    text = ctx.text
    if i < 3 or toks[i - 1].text != ",":
        return None
    end = i - 1
    start = end
    while start > 0 and end - start < _MAX_NAME and toks[start - 1].is_word and ctx.name_like(toks[start - 1]):
        start -= 1
    if end - start < 2:
        return None
    if start > 0 and toks[start - 1].is_word and toks[start - 1].is_cap:
        return None  # part of a longer capitalised run
    tail_end = _tail(ctx, toks, i + n_title)
    role_end = toks[tail_end - 1].end if tail_end > i + n_title else toks[i + n_title - 1].end
    role = text[toks[i].start:role_end]
    country = _country_in(ctx, toks[i].start, role_end) or _country_before(ctx, toks[i].start)
    m = _prefix_at(text, toks[start].start)
    rank = " ".join(m.group().split()) if m else None
    return _Hit(toks[start].start, toks[end - 1].end, role, toks[i].start, rank,
                country.value if country else None, "role" if country else None,
                toks[start].start, role_end, "apposition")


def _sentences(text: str):
    from qa_app.text.sentences import sentences_of as sentences

    return sentences(text)


def _scan_sentence(ctx: _Ctx, s_start: int, s_end: int) -> list[_Hit]:
    toks = _sentence_tokens(ctx.text, s_start, s_end)
    hits: list[_Hit] = []
    i = 0
    while i < len(toks):
        n = _title_at(toks, i) if toks[i].is_word else 0
        if not n:
            i += 1
            continue
        hit = _title_first(ctx, toks, i, n) or _apposition(ctx, toks, i, n)
        if hit:
            hits.append(hit)
            # continue after the name (title-first) or after the title (apposition)
            nxt = next((k for k, t in enumerate(toks) if t.start >= max(hit.name_end, toks[i + n - 1].end)), len(toks))
            i = max(i + 1, nxt)
        else:
            i += n
    _apply_delegations(ctx, s_start, s_end, hits)
    return hits


def _apply_delegations(ctx: _Ctx, s_start: int, s_end: int, hits: list[_Hit]) -> None:
    """'Indonesia diwakili oleh A, serta B': A and B get IDN unless their role names a country."""
    cues = list(_lex().delegation_re.finditer(ctx.text, s_start, s_end))
    for k, cue in enumerate(cues):
        c0 = cue.start()
        country = next((m for m in reversed(ctx.countries) if m.end <= c0 and c0 - m.end <= 25
                        and re.fullmatch(r"[\s\w]*", ctx.text[m.end:c0])), None)
        if not country:
            continue
        stop = cues[k + 1].start() if k + 1 < len(cues) else s_end
        for h in hits:
            if cue.end() <= h.name_start < stop and not h.country:
                h.country, h.country_via = country.value, "delegation"


def _known_hits(ctx: _Ctx) -> list[_Hit]:
    out = []
    for m in _known_re().finditer(ctx.text):
        out.append(_Hit(m.start(), m.end(), None, None, None, None, None, m.start(), m.end(), "lexicon"))
    return out


def _to_mention(ctx: _Ctx, h: _Hit) -> Mention:
    raw = ctx.text[h.name_start:h.name_end]
    name, prefix = canonical_person(raw)
    rank = h.rank or prefix
    country, via = h.country, h.country_via
    known = _lex().known.get(name)
    if not country and known and known[1]:
        country, via = known[1], "lexicon"
    if not country and _rank_country(rank):
        country, via = _rank_country(rank), "rank"
    extra = {"role": h.role, "rank": rank, "country": country, "country_via": via,
             "phrase_start": h.phrase_start, "phrase_end": h.phrase_end, "pattern": h.pattern,
             "short": len(name.split()) == 1}
    return make("person", ctx.text, h.name_start, h.name_end, name, **extra)


def find_people(text: str, language: str = "en") -> list[Mention]:
    """People named with a title (or well-known people), with role, rank and country.

    Single-word names that are the first or last word of a full name found in the
    same text are left to :func:`link_short_names`.
    """
    ctx = _Ctx(text, language)
    hits: list[_Hit] = []
    for s in _sentences(text):
        hits.extend(_scan_sentence(ctx, s.start, s.end))
    taken = {(h.name_start, h.name_end) for h in hits}
    hits.extend(h for h in _known_hits(ctx) if not any(a < h.name_end and h.name_start < b for a, b in taken))
    mentions = _coordinated_countries(text, dedupe([_to_mention(ctx, h) for h in hits]))
    parts = _name_parts([m for m in mentions if not m.extra["short"]])
    return [m for m in mentions if not (m.extra["short"] and m.value in parts)]


_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|dan|serta|as well as|et)\s*$", re.IGNORECASE)


def _coordinated_countries(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Japanese Foreign Minister Yoko Kamikawa and Defence Minister Minoru Kihara": the second
    title shares the state named before the first."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        prev = out[-1] if out else None
        start = m.extra.get("phrase_start", m.start)
        if (prev is not None and not m.extra.get("country") and prev.extra.get("country")
                and prev.extra.get("country_via") == "role" and m.extra.get("role")
                and prev.end <= start and _COORDINATION.match(text[prev.end:start])):
            m = make("person", text, m.start, m.end, m.value,
                     {**m.extra, "country": prev.extra["country"], "country_via": "coordination"})
        out.append(m)
    return out


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    return frozenset(w.lower() for w in load("people").get("name_particles", []))


def _name_parts(full: list[Mention]) -> dict[str, str]:
    """First/last word of each full name -> full name (ambiguous words dropped); a middle word
    too when it is a name of its own ("Mohamed Khaled Nordin" -> "Khaled"), not a particle."""
    out: dict[str, str | None] = {}
    particles = _name_particles()
    for m in full:
        words = m.value.split()
        middle = {w for w in words[1:-1] if len(w) >= 4 and w[0].isupper() and w.lower() not in particles}
        for w in {words[0], words[-1]} | middle:
            if len(w) < 2:
                continue
            out[w] = m.value if out.get(w, m.value) == m.value else None
    return {k: v for k, v in out.items() if v}


def link_short_names(mentions: list[Mention], text: str, language: str = "en") -> list[Mention]:
    """Mentions for later references to people already found with their full name.

    Short references ("Jailani", "Kishida", "Yang", "Xi") get value = the canonical
    full name and extra short=True; untitled repeats of the full name ("Menurut Abdul
    Kadir Jailani") get extra repeat=True. extra carries the full mention's country,
    the title right before the reference if any, and linked_to = the full name.
    """
    full = [m for m in mentions if m.kind == "person" and not m.extra.get("short")]
    parts = _name_parts(full)
    if not parts:
        return []
    by_name = {m.value: m for m in full}
    surface = {m.text: m.value for m in full} | {v: v for v in by_name}
    forms = {**parts, **surface}
    spans = [(m.start, m.end) for m in mentions if m.kind == "person"]
    ctx = _Ctx(text, language)
    lex = _lex()
    common = lex.common_words.get(language, frozenset())
    pattern = _forms_re(tuple(sorted(forms)))
    sentence_starts = {s.start for s in _sentences(text)}
    out: list[Mention] = []
    for m in pattern.finditer(text):
        a, b = m.start(), m.end()
        word = m.group()
        if any(x < b and a < y for x, y in spans):
            continue
        repeat = word in surface
        if not repeat:
            if _name_neighbour(ctx, text, a, b):
                continue  # "Kadir Jailani" inside another name, "Sun Yat-sen"
            if word.lower() in common and (a in sentence_starts or _after_quote(text, a)):
                nxt = re.match(r"(\s*,)|\s+([^\W\d_]+)", text[b:b + 30])
                if not (nxt and (nxt.group(1) or _verbish(nxt.group(2), lex))):
                    continue  # Indonesian "Yang ..." opening a sentence
        full_m = by_name[forms[word]]
        out.append(make("person", text, a, b, full_m.value, role=_title_before(text, a), rank=None,
                        country=full_m.extra.get("country"), country_via=full_m.extra.get("country_via"),
                        short=not repeat, repeat=repeat, linked_to=full_m.value, phrase_start=a,
                        phrase_end=b, pattern="repeat" if repeat else "short"))
    return out


@lru_cache(maxsize=256)
def _forms_re(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<![\w'’-])(?:{_alternation(list(forms))})(?![\w'’]|-\w)")


def _name_neighbour(ctx: _Ctx, text: str, a: int, b: int) -> bool:
    prev_word = re.search(r"([^\W\d_][\w'’]*) $", text[max(0, a - 30):a])
    next_word = re.match(r" ([^\W\d_][\w'’]*)", text[b:b + 30])
    return any(w and w.group(1)[0].isupper() and ctx.name_like(_Tok(0, 0, w.group(1))) for w in (prev_word, next_word))


def _after_quote(text: str, a: int) -> bool:
    return bool(re.search(r"[\"“(]\s*$", text[max(0, a - 3):a]))


def _verbish(word: str | None, lex: _Lex) -> bool:
    if not word:
        return False
    w = word.lower()
    return w in lex.reporting_verbs or bool(re.match(r"(?:me|ber|di)[a-z]{3,}", w))


def _title_before(text: str, pos: int) -> str | None:
    toks = _tokens(text, max(0, pos - 80), pos)
    for i in range(len(toks)):
        n = _title_at(toks, i)
        if n and i + n == len(toks):
            return text[toks[i].start:toks[-1].end]
    return None
