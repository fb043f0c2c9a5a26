"""The three patterns that find a titled person in one sentence: title first, title-comma-name,
and name-comma-title (apposition), with the role, rank and country each gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention
from qa_app.nlp.people_lexicon import person_lexicon
from qa_app.nlp.people_tokens import TextContext, Tok, match_phrase, sentence_tokens

_BOUNDARY_PUNCT = frozenset(",.;:()[]\"“”!?")
_MAX_NAME = 4


@dataclass
class PersonHit:
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


def title_at(toks: list[Tok], i: int) -> int:
    """Tokens of [modifiers] title starting at toks[i]; 0 if no title starts here."""
    lex = person_lexicon()
    word = toks[i].text
    if word == "PM" and i and toks[i - 1].text[-1:].isdigit():
        return 0  # "05:12 PM", a time
    if word not in lex.modifiers and word not in lex.titles and not (word.isupper() and len(word) > 2):
        return 0
    j = i
    for _ in range(2):
        n = match_phrase(toks, j, lex.modifiers)
        if not n:
            break
        j += n
    n = match_phrase(toks, j, lex.titles)
    return (j + n - i) if n else 0


def _tail(ctx: "TextContext", toks: list[Tok], i: int) -> int:
    """End index (exclusive) of the run of capitalised words/connectors from toks[i].

    The run stops where another title starts ("... Joko Widodo and Japanese Prime
    Minister ...") and at a connector that follows a name ("Widodo dan Xi"): a
    connector only joins the parts of an organisation ("Asia Pasifik dan Afrika").
    """
    j = i
    while j < len(toks):
        t = toks[j]
        if j > i and _starts_new_role(ctx, toks, j) and not _title_in_name(ctx, toks, j):
            break
        prefix = _prefix_at(ctx.text, t.start) if t.is_word and t.is_cap else None
        if prefix and ctx.text[prefix.end() - 1:prefix.end()] in ". " and prefix.end() > t.end:
            # "Dr. H." / "Maj. Gen.": a rank or honorific with dots stays in the run
            while j < len(toks) and toks[j].start < prefix.end():
                j += 1
        elif _initial_at(ctx, toks, j) and (ctx.name_like(toks[j + 2]) or _initial_at(ctx, toks, j + 2)):
            j += 2  # "S. Jaishankar"
        elif t.is_word and t.is_cap:
            j += 1
        elif t.is_word and not t.is_cap and ctx.country_at(t) and ctx.text[t.start:t.end].islower():
            j += 1  # "le président français Emmanuel Macron": a demonym written in lower case
        elif j > i and (ctx.name_like(toks[j - 1]) or _GENERATION.fullmatch(toks[j - 1].text)) and _after_particles(
                ctx, toks, j, len(toks)) > j:
            j = _after_particles(ctx, toks, j, len(toks))  # "Alberto van Klaveren"
        elif _paren_abbreviation(toks, j):
            j += _paren_abbreviation(toks, j)  # "Menteri Pertahanan (Menhan) Sjafrie", "TNI (Purn.) Donny"
        elif (t.text.lower() in person_lexicon().connectors and j + 1 < len(toks) and toks[j + 1].is_word
              and toks[j + 1].is_cap and not ctx.name_like(toks[j - 1])):
            j += 1
        elif t.text == "," and j > i and toks[j - 1].is_word and not ctx.name_like(toks[j - 1]) and _portfolio_goes_on(
                ctx, toks, j + 1):
            j += 1  # "Menteri Investasi, Perdagangan, dan Industri Tengku Zafrul Aziz": one office, three fields
        else:
            break
    # A run never ends on a connector or on a parenthesis ("Wang Lutong (RRT)").
    while j > i:
        if toks[j - 1].text.lower() in person_lexicon().connectors:
            j -= 1
        elif toks[j - 1].text == ")":
            k = j - 1
            while k > i and toks[k].text != "(":
                k -= 1
            j = k
        else:
            break
    return j


def _title_in_name(ctx: "TextContext", toks: list[Tok], j: int) -> bool:
    """A one-word title that is the middle of a name ("Datuk Seri Tiong King Sing"): a name word
    before it, one after it, and the name ends there."""
    if not (0 < j < len(toks) - 1 and title_at(toks, j) == 1):
        return False
    spaced = all(ctx.text[toks[k - 1].end:toks[k].start] == " " for k in (j, j + 1))
    return (spaced and ctx.name_like(toks[j - 1]) and ctx.name_like(toks[j + 1])
            and _boundary_after(toks, j + 2))


def _portfolio_goes_on(ctx: "TextContext", toks: list[Tok], k: int) -> bool:
    """After a comma inside an office: another capitalised field of it (not a name, not a new title)."""
    if k < len(toks) and toks[k].text.lower() in person_lexicon().connectors:
        k += 1
    return (k < len(toks) and toks[k].is_word and toks[k].is_cap and not ctx.name_like(toks[k])
            and not title_at(toks, k) and not ctx.country_at(toks[k]))


def _paren_abbreviation(toks: list[Tok], j: int) -> int:
    """Tokens of a one-word abbreviation in parentheses at toks[j] ("(Menhan)", "(RRT)", "(Purn.)"), else 0,
    when a capitalised word follows it."""
    if toks[j].text != "(" or j + 2 >= len(toks):
        return 0
    k = j + 1
    if not (toks[k].is_word and toks[k].text[:1].isupper() and len(toks[k].text) <= 12):
        return 0
    k += 1
    if k < len(toks) and toks[k].text == ".":
        k += 1
    if k >= len(toks) or toks[k].text != ")" or k + 1 >= len(toks):
        return 0
    nxt = toks[k + 1]
    if nxt.text.lower() in person_lexicon().connectors and k + 2 < len(toks):
        nxt = toks[k + 2]  # "Duta Besar Republik Rakyat Tiongkok (RRT) untuk Indonesia"
    return k + 1 - j if nxt.is_word and nxt.is_cap else 0


def _starts_new_role(ctx: "TextContext", toks: list[Tok], j: int) -> bool:
    if title_at(toks, j):
        return True
    c = ctx.country_at(toks[j])
    if c and c.extra.get("via") == "demonym":
        k = j
        while k < len(toks) and toks[k].start < c.end:
            k += 1
        return bool(title_at(toks, k))
    return False


def _prefix_at(text: str, pos: int) -> re.Match | None:
    return person_lexicon().prefix_re.match(text, pos)


def _name_run(ctx: TextContext, toks: list[Tok], i: int, limit: int | None = None) -> int:
    """Number of consecutive name-like tokens from toks[i] (separated by single spaces)."""
    limit = len(toks) if limit is None else limit
    j, words = i, 0
    while j < limit and words < _MAX_NAME and toks[j].is_word:
        if j > i and ctx.text[toks[j - 1].end:toks[j].start] != " ":
            break
        if j > i and j + 2 < limit and _initial_at(ctx, toks, j) and ctx.name_like(toks[j + 2]):
            j += 2  # "Antony J. Blinken": a middle initial
            continue
        if j == i and _letters_as_given_name(ctx, toks, j):
            j += 1  # "Gen. CQ Brown"
            continue
        if not ctx.name_like(toks[j]) and not (j > i and _title_in_name(ctx, toks, j)):
            break
        words += toks[j].text not in _cap_particles()
        j += 1
        j = _after_particles(ctx, toks, j, limit)
    return j - i


def _after_particles(ctx: TextContext, toks: list[Tok], j: int, limit: int) -> int:
    """Where a name goes on after lower-case particles ('Alberto van Klaveren', 'Ursula von der
    Leyen', 'Lula da Silva'): past them when a name-like word follows, else at `j`."""
    def spaced(i: int) -> bool:
        return ctx.text[toks[i - 1].end:toks[i].start] == " "

    k = j
    while k < limit and k - j < 2 and toks[k].text in _lower_particles() and spaced(k):
        k += 1
    if j < k < limit and spaced(k) and toks[k].is_word and ctx.name_like(toks[k]):
        return k
    return j


@lru_cache(maxsize=1)
def _lower_particles() -> frozenset[str]:
    return frozenset(w for w in load("people").get("name_particles", []) if w.islower())


@lru_cache(maxsize=1)
def _cap_particles() -> frozenset[str]:
    """Capitalised name parts (Abdul, Mohd, Tengku) that do not count towards a name's length:
    "Tengku Zafrul Tengku Abdul Aziz" is a name of three words."""
    return frozenset(w for w in load("people").get("name_particles", []) if not w.islower())


def _boundary_after(toks: list[Tok], j: int) -> bool:
    if j >= len(toks):
        return True
    t = toks[j]
    return t.text in _BOUNDARY_PUNCT or (t.is_word and not t.is_cap) or t.text in "–—-"


def _country_in(ctx: TextContext, start: int, end: int) -> Mention | None:
    """The first country named in a role: "Duta Besar RI untuk Tiongkok" is Indonesian."""
    return next((m for m in ctx.countries if m.start >= start and m.end <= end), None)


def _country_before(ctx: TextContext, pos: int) -> Mention | None:
    """A country or demonym that ends just before `pos` ("Japanese Prime Minister", "China's")."""
    for m in ctx.countries:
        gap = ctx.text[m.end:pos]
        if m.end <= pos and (gap == " " or gap in ("'s ", "’s ")):
            return m
    return None


def rank_country(rank: str | None) -> str | None:
    if not rank:
        return None
    for word, iso3 in person_lexicon().rank_countries.items():
        if re.search(rf"\b{re.escape(word)}\b", rank):
            return iso3
    return None


def _name_in_tail(ctx: TextContext, toks: list[Tok], start: int, end: int) -> tuple[int, int, str | None, int | None] | None:
    """The name inside a title's tail: after a rank ("Panglima TNI Jenderal Agus Subiyanto"),
    else its trailing name-like words ("Presiden Rusia Vladimir Putin").

    Returns (first token, end token, rank, rank offset) or None.
    """
    for k in range(start, end):
        m = _prefix_at(ctx.text, toks[k].start)
        if not m or (k > start and toks[k].text in _cap_particles() and ctx.name_like(toks[k - 1])):
            continue  # "Hassan Sheikh Mohamud": an honorific inside a name is a part of it
        first = next((j for j in range(k, end) if toks[j].start >= m.end()), None)
        if first is not None and first + _name_run(ctx, toks, first, end) == end:
            return first, end, " ".join(m.group().split()), toks[k].start
    k, words = end, 0
    if end - start >= 2 and _GENERATION.fullmatch(toks[end - 1].text) and ctx.name_like(toks[end - 2]):
        k = end - 1  # "Lloyd J. Austin III", "Ferdinand Marcos Jr": the suffix is part of the name
    while k > start and words < _MAX_NAME:
        if ctx.name_like(toks[k - 1]) or (words and _title_in_name(ctx, toks, k - 1)):
            k, words = k - 1, words + (toks[k - 1].text not in _cap_particles())
        elif k < end and k - 2 >= start and _initial_at(ctx, toks, k - 2):
            k -= 2  # "S. Jaishankar", "Retno L. P. Marsudi": initials stay in the name
        elif words and _letters_as_given_name(ctx, toks, k - 1) and not (
                k - 1 > start and ctx.name_like(toks[k - 2])):
            k -= 1  # "Chairman CQ Brown": the given names end the name
            break
        elif k < end and toks[k - 1].text in _lower_particles():
            p = k - 1  # the particles of "Alberto van Klaveren", "Ursula von der Leyen", when a name word comes before
            while p > start and k - p < 2 and toks[p - 1].text in _lower_particles():
                p -= 1
            if p > start and ctx.name_like(toks[p - 1]):
                k = p
            elif p - 1 > start and _GENERATION.fullmatch(toks[p - 1].text) and ctx.name_like(toks[p - 2]):
                k, words = p - 2, words + 1  # "Abdullah II bin Al-Hussein"
            else:
                break
        else:
            break
    k = _past_a_place(ctx, toks, k, end)
    if end - k == 1 and _a_place(ctx.text[toks[k].start:toks[k].end]):
        return None  # "Ruler of Dubai": the office's place, no name
    return (k, end, None, None) if k < end else None


_GENERATION = re.compile(r"Jr|Sr|II|III|IV")


def _letters_as_given_name(ctx: TextContext, toks: list[Tok], k: int) -> bool:
    """Two capitals standing for the given names before a name word ("CQ Brown", "KP Sharma"): not
    a state's abbreviation."""
    t = toks[k]
    return (k + 1 < len(toks) and len(t.text) == 2 and t.text.isalpha() and t.text.isupper()
            and not _GENERATION.fullmatch(t.text) and ctx.country_at(t) is None
            and t.text.lower() not in person_lexicon().non_name
            and ctx.text[t.end:toks[k + 1].start] == " " and ctx.name_like(toks[k + 1]))


def _initial_at(ctx: TextContext, toks: list[Tok], k: int) -> bool:
    """An initial at toks[k]: one capital letter, a full stop right after it, then a space or another
    initial ("J.D. Vance")."""
    if not (k + 2 < len(toks) and len(toks[k].text) == 1 and toks[k].text.isupper() and toks[k + 1].text == "."
            and toks[k + 1].start == toks[k].end):
        return False
    gap = ctx.text[toks[k + 1].end:toks[k + 2].start]
    return gap == " " or (gap == "" and len(toks[k + 2].text) == 1 and _initial_at(ctx, toks, k + 2))


def _a_place(word: str) -> bool:
    from qa_app.nlp.places import place_state

    return place_state(word) is not None


def _past_a_place(ctx: TextContext, toks: list[Tok], k: int, end: int) -> int:
    """'Ketua Menteri Sabah Hajiji Noor', 'Governor Okinawa Denny Tamaki': a state, province or city
    that opens a run of three or more words belongs to the title, and the name follows it."""
    from qa_app.nlp.places import place_state

    for n in (2, 1):
        if end - (k + n) >= 2 and place_state(ctx.text[toks[k].start:toks[k + n - 1].end]):
            return k + n
    return k


# "Perdana Menteri Singapura ketika itu, Lee ...": the office was held then
_THEN_AFTER = (("ketika", "itu"), ("saat", "itu"), ("kala", "itu"), ("pada", "masa", "itu"), ("pada", "waktu", "itu"),
               ("ketika", "tu"), ("at", "the", "time"), ("then",), ("à", "l'époque"), ("à", "l’époque"))


def _comma_after_qualifier(toks: list[Tok], j: int) -> int:
    """Where the comma of a comma form is, past a qualifier of the office in parentheses
    ("Menteri di Jabatan Perdana Menteri (Hal Ehwal Agama), Datuk Dr ...") or past words
    saying the office was held then; `j` when none."""
    for words in _THEN_AFTER:
        end = j + len(words)
        if end < len(toks) and toks[end].text == "," and tuple(t.text.lower() for t in toks[j:end]) == words:
            return end
    if j < len(toks) and toks[j].text == "(":
        close = next((k for k in range(j + 1, min(j + 7, len(toks))) if toks[k].text == ")"), None)
        if (close is not None and close + 1 < len(toks) and toks[close + 1].text == ","
                and all(t.is_word and t.text[:1].isupper() for t in toks[j + 1:close])):
            return close + 1
    return j


def _name_after_comma(ctx: TextContext, toks: list[Tok], comma: int) -> tuple[int, int, str | None] | None:
    """'..., [rank] Name' right after the comma at toks[comma]: (first token, end token, rank)."""
    k = comma + 1
    rank = None
    # "Tengku Datuk Seri Zafrul ...": a royal name part before the honorifics goes with them
    lead = k + 1 if k + 1 < len(toks) and toks[k].text in _cap_particles() else k
    for r in dict.fromkeys((k, lead)):
        m = _prefix_at(ctx.text, toks[r].start) if r < len(toks) else None
        if m:
            rank = " ".join(ctx.text[toks[k].start:m.end()].split())
            while k < len(toks) and toks[k].start < m.end():
                k += 1
            break
    run = _name_run(ctx, toks, k) if k < len(toks) else 0
    if run and _boundary_after(toks, k + run):
        return k, k + run, rank
    return None


def _title_first(ctx: TextContext, toks: list[Tok], i: int, n_title: int) -> PersonHit | None:
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
    comma = _comma_after_qualifier(toks, tail_end)
    if (found is None or rank is None) and comma < len(toks) and toks[comma].text == ",":
        after = _name_after_comma(ctx, toks, comma)
        if after and (after[2] or (found is None and after[1] - after[0] >= 2)):
            name_i, name_j, rank = after
            org_end = toks[comma - 1 if toks[comma - 1].text == ")" else tail_end - 1].end
    if name_i is None:
        return None
    role, country, via, phrase_start = _role_and_country(ctx, toks, i, title_end, org_end)
    if not country and name_i > title_end:  # "Ketua Menteri Sabah": the state the place is in
        from qa_app.nlp.places import place_state

        country = place_state(ctx.text[toks[title_end].start:toks[name_i - 1].end])
        via = "role" if country else None
    if not country and rank_country(rank):
        country, via = rank_country(rank), "rank"
    return PersonHit(toks[name_i].start, toks[name_j - 1].end, role, toks[i].start, rank, country, via,
                phrase_start, toks[name_j - 1].end, "title_first")


def _role_and_country(ctx: TextContext, toks: list[Tok], i: int, title_end: int, org_end: int):
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
    if inner and re.search(r"\b(?:to|untuk)\s+$", text[:inner.start]):
        inner = None  # "US Ambassador to Indonesia": the state it is sent to is not its own
    before = _country_before(ctx, role_start)
    country, via = None, None
    if inner:
        country, via = inner.value, "role"
        if not text[title_stop:inner.start].strip() and inner.end >= role_end - 1:
            role = text[role_start:title_stop]  # the country is not part of the role
    elif before:
        country, via = before.value, "role"
    if not country and rank_country(role):
        country, via = rank_country(role), "role"  # "Panglima TNI"
    return role or None, country, via, (before.start if before else role_start)


_AT_THE_TIME = frozenset({"then", "former", "now", "mantan", "kini", "ancien", "alors"})


def _apposition(ctx: TextContext, toks: list[Tok], i: int, n_title: int) -> PersonHit | None:
    """'Name, Title [org]' (the title at toks[i])."""
    text = ctx.text
    end = i - 1
    # "Donny Ermawan, then Secretary General of ...", "Richard Marles, Australia's Deputy Prime Minister",
    # "Grant Shapps, the British Secretary of State": the office held at the time, its state
    for _ in range(3):
        if end > 0 and (toks[end].text.lower() in _AT_THE_TIME or toks[end].text.lower() == "the"
                        or ctx.country_at(toks[end])) and toks[end].text != ",":
            end -= 1
    if end < 2 or toks[end].text != ",":
        return None
    start, words = end, 0
    while start > 0 and words < _MAX_NAME and toks[start - 1].is_word:
        if ctx.name_like(toks[start - 1]):
            start -= 1
            words += toks[start].text not in _cap_particles()
        elif start < end and start > 1 and toks[start - 1].text in _lower_particles() and ctx.name_like(toks[start - 2]):
            start -= 1  # "Mohammed bin Rashid Al Maktoum"
        elif start < end and _letters_as_given_name(ctx, toks, start - 1):
            start -= 1  # "Gen. CQ Brown, the chairman of ..."
            break
        else:
            break
    if end - start < 2:
        return None
    if start > 0 and toks[start - 1].is_word and toks[start - 1].is_cap:
        honorific = next((k for k in range(max(0, start - 3), start)
                          if (m := _prefix_at(text, toks[k].start)) and m.end() == toks[start].start), None)
        if honorific is None:
            return None  # part of a longer capitalised run
        start = honorific  # "Sheikh Mohammed bin Rashid Al Maktoum, the UAE Vice President"
    tail_end = _tail(ctx, toks, i + n_title)
    role_end = toks[tail_end - 1].end if tail_end > i + n_title else toks[i + n_title - 1].end
    role = text[toks[i].start:role_end]
    country = _country_in(ctx, toks[i].start, role_end) or _country_before(ctx, toks[i].start)
    m = _prefix_at(text, toks[start].start)
    rank = " ".join(m.group().split()) if m else None
    return PersonHit(toks[start].start, toks[end - 1].end, role, toks[i].start, rank,
                country.value if country else None, "role" if country else None,
                toks[start].start, role_end, "apposition")


_FROM = frozenset({"from", "of", "dari"})


def _title_from_country(ctx: TextContext, toks: list[Tok], i: int, n_title: int) -> PersonHit | None:
    """'his counterpart from Finland, Aino Laakso', 'rakan sejawatannya dari Singapura, Lawrence Wong':
    the title, where its holder comes from, a comma, and the name."""
    k = i + n_title
    if k + 3 >= len(toks) or toks[k].text.lower() not in _FROM:
        return None
    country = ctx.country_at(toks[k + 1])
    if country is None:
        return None
    j = k + 1
    while j < len(toks) and toks[j].start < country.end:
        j += 1
    if j >= len(toks) or toks[j].text != ",":
        return None
    run = _name_run(ctx, toks, j + 1)
    if run < 2 or not _boundary_after(toks, j + 1 + run):
        return None
    first, last = toks[j + 1], toks[j + run]
    role = ctx.text[toks[i].start:toks[i + n_title - 1].end]
    return PersonHit(first.start, last.end, role, toks[i].start, None, country.value, "role", toks[i].start, last.end,
                     "title_from_country")


_POSSESSIVE = ("'s", "’s")


def _possessive_country(ctx: TextContext, toks: list[Tok], i: int) -> PersonHit | None:
    """"Japan's Yoko Kamikawa hosted ...", "India's Subrahmanyam Jaishankar": an English state in
    the possessive, then a name of two or more words that holds no title or organisation word."""
    if ctx.language != "en":
        return None
    country = ctx.country_at(toks[i])
    if country is None or not country.value:
        return None
    tail = ctx.text[country.end:country.end + 3]
    if not (tail[:2] in _POSSESSIVE and tail[2:] == " "):
        return None
    k = next((k for k in range(i, len(toks)) if toks[k].start >= country.end + 3), len(toks))
    if k >= len(toks) or title_at(toks, k):
        return None
    run = _name_run(ctx, toks, k)
    if run < 2 or not _boundary_after(toks, k + run):
        return None
    first, last = toks[k], toks[k + run - 1]
    return PersonHit(first.start, last.end, None, None, None, country.value, "possessive", toks[i].start, last.end,
                     "possessive_country")


def _lower_title_at(ctx: TextContext, toks: list[Tok], i: int) -> int:
    """Tokens of an English title written in lower case right after ', the' or ',' (0 if none)."""
    if ctx.language != "en" or not toks[i].text.islower() or i < 2:
        return 0
    k = i - 1  # back over "the", the office's state ("the U.S.", "China's") to the comma
    while k > 0 and i - k <= 5 and (toks[k].text in ("the", ".") or ctx.country_at(toks[k])):
        k -= 1
    if toks[k].text != ",":
        return 0
    window = [Tok(t.start, t.end, t.text.capitalize() if t.text.islower() and t.text not in _LOWER_KEEP else t.text)
              for t in toks[i:i + 6]]
    return title_at(window, 0)


_LOWER_KEEP = frozenset({"of", "for", "and", "the", "on", "in"})
_BEFORE_LOWER_TITLE = frozenset({"the", "his", "her", "its", "their", "former", "new", "then"})


def _lower_title_before_name(ctx: TextContext, toks: list[Tok], i: int) -> PersonHit | None:
    """"Britain's foreign secretary, Liz Truss", "the German chancellor, Olaf Scholz": an English
    title in lower case after "the", a possessive or a state's adjective, then the name."""
    if ctx.language != "en" or not toks[i].text.islower() or i < 1:
        return None
    prev = toks[i - 1]
    if not (prev.text.lower() in _BEFORE_LOWER_TITLE or ctx.country_at(prev) or prev.text in ("'s", "’s")):
        return None
    window = [Tok(t.start, t.end, t.text.capitalize() if t.text.islower() and t.text not in _LOWER_KEEP else t.text)
              for t in toks[i:i + 6]]
    n = title_at(window, 0)
    if not n:
        return None
    return _title_first(ctx, toks[:i] + window[:n] + toks[i + n:], i, n)


_PALACE = frozenset({"istana"})


def scan_sentence(ctx: TextContext, s_start: int, s_end: int) -> list[PersonHit]:
    toks = sentence_tokens(ctx.text, s_start, s_end)
    hits: list[PersonHit] = []
    i = 0
    while i < len(toks):
        n = title_at(toks, i) if toks[i].is_word else 0
        lower = _lower_title_at(ctx, toks, i) if not n and toks[i].is_word else 0
        if lower:
            # "Nguyen Phu Trong, the general secretary of Vietnam's Communist Party": English news
            # writes an office after the name in lower case
            hit = _apposition(ctx, toks, i, lower)
            if hit:
                hits.append(hit)
                i = next((k for k, t in enumerate(toks) if t.start >= toks[i + lower - 1].end), len(toks))
                continue
        if not n and toks[i].is_word and (plural := _plural_title_at(toks, i)):
            pair = _plural_pair(ctx, toks, i, plural)
            if pair:
                hits.extend(pair)
                i = next((k for k, t in enumerate(toks) if t.start >= pair[-1].name_end), len(toks))
                continue
        if not n:
            hit = _lower_title_before_name(ctx, toks, i) if toks[i].is_word else None
            hit = hit or (_possessive_country(ctx, toks, i) if toks[i].is_word else None)
            if hit:
                hits.append(hit)
                i = next((k for k, t in enumerate(toks) if t.start >= hit.name_end), len(toks))
            else:
                i += 1
            continue
        if i and toks[i - 1].text.lower() in _PALACE:
            i += n  # "Istana Presiden Akorda": the palace's name, not a president's
            continue
        hit = _title_first(ctx, toks, i, n) or _title_from_country(ctx, toks, i, n) or _apposition(ctx, toks, i, n)
        if hit:
            hits.append(hit)
            # continue after the name (title-first) or after the title (apposition)
            nxt = next((k for k, t in enumerate(toks) if t.start >= max(hit.name_end, toks[i + n - 1].end)), len(toks))
            i = max(i + 1, nxt)
        else:
            i += n
    _apply_delegations(ctx, s_start, s_end, hits)
    _apply_side(ctx, s_start, s_end, hits)
    return hits


def _plural_title_at(toks: list[Tok], i: int) -> int:
    """Tokens of a title written in the plural at toks[i] ("Presidents", "Foreign Ministers"); 0 if none."""
    lex = person_lexicon()
    first = toks[i].text[:1].upper() + toks[i].text[1:]
    if first not in lex.titles and first[:-1] not in lex.titles and first not in lex.modifiers:
        return 0  # no title starts here, in the singular or the plural
    for n in (1, 2, 3):
        k = i + n - 1
        if k >= len(toks) or not toks[k].is_word:
            return 0
        word = toks[k].text
        if len(word) > 3 and word.endswith("s"):
            # "foreign ministers Wang Yi and Penny Wong", "Climate envoys John Kerry and Xie Zhenhua"
            singular = [t._replace(text=t.text[:1].upper() + t.text[1:]) for t in toks[i:k]] + [
                toks[k]._replace(text=word[:1].upper() + word[1:-1])]
            if title_at(singular, 0) == n:
                return n
    return 0


def _plural_pair(ctx: TextContext, toks: list[Tok], i: int, n: int) -> list[PersonHit]:
    """'Presidents Joe Biden and Xi Jinping', 'Foreign Ministers Wong and Wang': two people who
    share the title; each one's state comes from elsewhere."""
    a = i + n
    a_len = _name_run(ctx, toks, a)
    b = a + a_len + 1
    if not a_len or b >= len(toks) or toks[b - 1].text.lower() not in ("and", "dan", "et"):
        return []
    b_len = _name_run(ctx, toks, b)
    if not b_len or not _boundary_after(toks, b + b_len):
        return []
    role = " ".join(t.text for t in toks[i:a])[:-1]
    return [PersonHit(toks[x].start, toks[x + m - 1].end, role, toks[i].start, None, None, None, toks[x].start,
                      toks[x + m - 1].end, "plural_title") for x, m in ((a, a_len), (b, b_len))]


# "Dari pihak Filipina, ...", "On the Philippine side, ...": the sentence names one side's people
_SIDE = re.compile(r"\s*(?:(?:dari|di|pada)\s+pihak|(?:on|from)\s+the)\s+(?P<c>[^,]{2,40}?)(?:\s+side)?\s*,", re.IGNORECASE)


def _apply_side(ctx: TextContext, s_start: int, s_end: int, hits: list[PersonHit]) -> None:
    """People of a sentence that opens by naming a side get that side's state."""
    m = _SIDE.match(ctx.text, s_start, s_end)
    if not m:
        return
    country = next((c for c in ctx.countries if m.start("c") <= c.start and c.end <= m.end("c")), None)
    if country is None or not country.value:
        return
    for h in hits:
        if h.name_start >= m.end() and not h.country:
            h.country, h.country_via = country.value, "side"


def _apply_delegations(ctx: TextContext, s_start: int, s_end: int, hits: list[PersonHit]) -> None:
    """'Indonesia diwakili oleh A, serta B': A and B get IDN unless their role names a country."""
    cues = list(person_lexicon().delegation_re.finditer(ctx.text, s_start, s_end))
    for k, cue in enumerate(cues):
        c0 = cue.start()
        country = next((m for m in reversed(ctx.countries) if m.end <= c0 and c0 - m.end <= 25
                        and re.fullmatch(r"[\s\w]*", ctx.text[m.end:c0])), None)
        if not country:
            continue
        stop = cues[k + 1].start() if k + 1 < len(cues) else s_end
        semi = ctx.text.find(";", cue.end(), stop)
        stop = semi if semi >= 0 else stop  # "...; also at the table were Kyrgyz President ...": another clause
        for h in hits:
            if cue.end() <= h.name_start < stop and not h.country:
                h.country, h.country_via = country.value, "delegation"

