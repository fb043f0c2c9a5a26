"""Dates: find them with exact spans and resolve them to ISO values with a precision.

Month and weekday names come from dateparser's locale data (plus lex_dates.json);
the patterns are our own regexes, because on news text ``dateparser.search`` is slow
(~25 ms an article) and both misses ("Selasa, 13 Agustus 2024", "Senin dan Selasa")
and invents dates ("Sun" the surname, "may", "2+2", "20th"). dateparser is still used
for its locale data, for languages without a lexicon here (``search_dates`` with a
RELATIVE_BASE), and as the fallback parser of :func:`resolve_date`.

Resolution never uses today's date: relative expressions are resolved against the
publication date, year-less dates take their year from the publication date or from
other dates in the article, and otherwise stay unresolved (value None).

Modules: `date_lexicon` (words and patterns per language), `date_hits` (pattern matches),
`date_resolve` (ISO values), `date_fallback` (dateparser), `calendar_words` (page dates).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from qa_app.nlp.date_fallback import dateparser_resolve, search_fallback
from qa_app.nlp.date_hits import Hit, raw_hits
from qa_app.nlp.date_lexicon import alt, lang_table
from qa_app.nlp.date_resolve import Context, DateValue, resolve_hit, safe_date, year_of
from qa_app.nlp.lexicon import load
from qa_app.nlp.mentions import Mention, make
from qa_app.text.dates import ISO_CHARS, PRECISION

__all__ = ["DateValue", "announces", "find_dates", "resolve_date"]


def _parse_published(published: str | dt.date | None) -> dt.date | None:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(published))
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


_ABSOLUTE_KINDS = ("dm_dm_range", "md_md_range", "dm_range", "md_range", "dmy", "mdy", "numeric", "iso", "month_year", "year",
                   "year_range", "wd_numeric")


def _explicit_year(h: Hit) -> int | None:
    if h.kind not in _ABSOLUTE_KINDS:
        return None
    y = h.g.get("y") or h.g.get("y1")
    return year_of(y) if y else None


def _sentence_flags(text: str, lang_code: str) -> list[tuple[int, int, int | None, bool]]:
    """(start, end, offset of the first future cue or None, has_report_cue) per sentence."""
    import bisect

    from qa_app.text.sentences import sentences_of as sentences
    from qa_app.text.tokens import word_tokens as tokenize

    future, report = _cue_sets()
    sents = sentences(text)
    starts = [s.start for s in sents]
    flags = [[s.start, s.end, None, False] for s in sents]
    prev = ""
    for t in tokenize(text):
        word = t.text.lower()
        col = 2 if word in future and prev not in _DETERMINERS else 3 if word in report else 0
        prev = word
        if col:
            i = bisect.bisect_right(starts, t.start) - 1
            if i >= 0 and t.end <= flags[i][1]:
                flags[i][col] = True if col == 3 else (t.start if flags[i][2] is None else flags[i][2])
    for f in flags:  # "US and Russian officials to meet in Riyadh on Tuesday": a headline's "to" is to come
        m = _headline_future().search(text, f[0], f[1]) if not _TERMINAL.search(text, f[0], f[1]) else None
        if m and (f[2] is None or m.start() < f[2]):
            f[2] = m.start()
        m = _BE_TO.search(text, f[0], f[1]) if lang_code == "en" else None
        if m and (f[2] is None or m.start() < f[2]):
            f[2] = m.start()
    return [tuple(f) for f in flags]


# "is to meet", "are set to hold", "is going to visit": the present of "be" with "to" tells what is to come
# (the verb one of meeting or travel: "the aim is to reach a deal" is no plan with a day)
_BE_TO = re.compile(r"\b(?:is|are|am)\s+(?:(?:set|poised|going)\s+)?to\s+(?:meet|visit|hold|host|travel|attend|sign|"
                    r"receive|fly|arrive|pay|make\s+(?:a|an|his|her|their)\s+(?:\w+\s+)?(?:visit|trip)|co-chair|chair|"
                    r"join|lead|head|call|speak)\b", re.IGNORECASE)

_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:meeting|visiting|hosting|travell?ing|heading|flying|holding)\b",
                          re.IGNORECASE)

# "was due to", "were expected to", "had been scheduled to": to come then, not necessarily now
_WAS_BEFORE = re.compile(r"\b(?:was|were|been)\s+$", re.IGNORECASE)

_TERMINAL = re.compile(r"[.!?][\"'”’)]*\s*$")


@lru_cache(maxsize=1)
def _headline_future() -> re.Pattern:
    words = "|".join(re.escape(w) for w in load("dates")["headline_future"])
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


# "... is expected to come up during that trip, though neither side would confirm it on Monday": a new
# clause leaves the future word behind
_CLAUSE_TURN = re.compile(r";|,\s*(?:though|although|but|while|whereas|meanwhile|namun|tetapi|sementara|padahal)\b",
                          re.IGNORECASE)
# "had announced plans for the pact when Modi visited Washington in February": a when-clause told in
# the past dates something done, whatever future word came before it
_PAST_VERB = r"\w+ed|met|held|went|flew|spoke|was|were|had|made|took|came|gave|saw"
_PAST_WHEN = re.compile(rf"\b(?:when|after|as)\s+(?:[\w.'’-]+\s+){{0,4}}?(?:{_PAST_VERB})\b(?!\s+to\b)", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\b(?:since|sejak|semenjak|depuis)\s+(?:tahun\s+|the\s+)?$", re.IGNORECASE)
_PAST_AFTER = re.compile(r"\s*(?:lalu|silam|yang lalu|ago|dernier|dernière)\b", re.IGNORECASE)
_SCHEDULED = re.compile(r"\b(?:opens|begins|starts|kicks off|convenes|takes place|runs|resumes)\s+(?:on\s+|from\s+)?$",
                        re.IGNORECASE)
_OPENING = re.compile(r"\s*(?:on|pada|this|next|coming|by|le|ce)?\s*", re.IGNORECASE)
# "announced in Darwin on Sunday": a place may sit between the reporting verb and the day; so may who
# reported or was told ("cited by Kyodo News on Friday", "told reporters on Monday")
_REPORTED_ON = re.compile(r"\b(\w+)\s+(?:by\s+(?:(?-i:[A-Z][\w.-]*)\s+){1,4}|(?:reporters|journalists|wartawan|"
                          r"the media|media)\s+)?(?:(?:in|at|di)\s+(?-i:[A-Z][\w-]+)(?:\s+(?-i:[A-Z][\w-]+))?\s+)?"
                          r"(?:on\s+|pada\s+)?$")


# words that tell something as done: a past verb (English), a completed-action word (Indonesian, Malay)
_DONE = re.compile(rf"\b(?:{_PAST_VERB}|said|told|began|left|sent|won|led|"
                   r"telah|sudah|pernah|lalu|kemarin|semalam|silam|sebelumnya)\b", re.IGNORECASE)


# "In October that year", "pada Oktober tahun itu": the year is the one the text told last
_THAT_YEAR = re.compile(r"\s*(?:of\s+)?(?:that|the same|that same)\s+year\b|\s*(?:tahun\s+(?:itu|tersebut|yang sama))\b",
                        re.IGNORECASE)


def _verb_before(text: str, start: int) -> tuple[bool, bool]:
    """(reported, settled): the date follows a reporting verb ("announced Tuesday", "said on Monday",
    "mengatakan pada Rabu"), or a verb of something done ("agreed on Thursday")."""
    m = _REPORTED_ON.search(text, max(0, start - 50), start)
    word = m.group(1).lower() if m else ""
    return word in _cue_sets()[1], word in _settled_cues()


@lru_cache(maxsize=1)
def _settled_cues() -> frozenset[str]:
    return frozenset(w.lower() for w in load("dates")["settled_cues"])


# "That plan was unveiled in March": after a determiner a future word is a noun, naming no time to come
_DETERMINERS = frozenset({"the", "that", "this", "a", "its", "their", "our", "his", "her"})


@lru_cache(maxsize=1)
def _cue_sets() -> tuple[frozenset[str], frozenset[str]]:
    lex = load("dates")
    return frozenset(w.lower() for w in lex["future_cues"]), frozenset(w.lower() for w in lex["report_cues"])


def announces(text: str) -> bool:
    """Does the text carry a future cue ("will", "akan", "scheduled", "doit")?"""
    future, _ = _cue_sets()
    return any(w.lower() in future for w in re.findall(r"\w+", text))


@lru_cache(maxsize=8)
def _cue_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"\b(?:{alt(words)})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _report_re() -> re.Pattern:
    return _cue_re(tuple(sorted(_cue_sets()[1])))


def _sentence_of(flags, pos: int):
    for f in flags:
        if f[0] <= pos < f[1]:
            return f
    return None


@dataclass
class _Years:
    """Where a year-less date takes its year: publication, else explicit years nearby."""

    published: dt.date | None
    years: list[tuple[int, int]]  # (offset, year) of dates that state their year

    def for_date(self, pos: int, sent: tuple | None, that_year: bool = False):
        def year_for() -> tuple[int | None, str]:
            told = [y for s, y in self.years if s < pos]
            if that_year and told:
                return told[-1], "context"  # "In October that year": the year told last
            framed = self._framing_year(pos, sent)
            if framed is not None:
                return framed, "sentence"
            if self.published:
                return self.published.year, "published"
            before = [(s, y) for s, y in self.years if s < pos]
            after = [(s, y) for s, y in self.years if s > pos]
            if before:
                s, y = before[-1]
                return y, "sentence" if sent and s >= sent[0] else "context"
            if after:
                s, y = after[0]
                return y, "sentence" if sent and s < sent[1] else "context"
            return None, "none"
        return year_for


    def _framing_year(self, pos: int, sent: tuple | None) -> int | None:
        """"in 1996, when Nazarbayev visited in May ... and Mahathir returned the visit in July": a past
        year the sentence states before a year-less date, in a sentence that announces nothing, frames it."""
        if not sent or not self.published or sent[2] is not None:
            return None
        inside = [y for s, y in self.years if sent[0] <= s < pos]
        if len({y for y in inside}) != 1 or inside[0] >= self.published.year:
            return None
        return inside[0]


def _report_anchor(h: Hit, dv: DateValue, sent: tuple | None, hits: list[Hit], reported: bool) -> tuple[int, dt.date] | None:
    """'demikian laporan Kementerian ... pada Rabu': the report day, when its sentence has one weekday."""
    if h.kind != "weekday" or not dv.value or not sent or not sent[3] or not reported:
        return None  # "the ministry said on Wednesday": the report's day; not a day inside what it reports
    in_sentence = [x for x in hits if x.kind in ("weekday", "wd_pair") and sent[0] <= x.start < sent[1]]
    return (sent[0], dt.date.fromisoformat(dv.value)) if len(in_sentence) == 1 else None


def find_dates(text: str, language: str = "en", published: str | dt.date | None = None,
               use_search: bool | None = None) -> list[Mention]:
    """Date mentions; value = ISO value (or None when unresolved), extra = DateValue fields.

    extra also holds "pattern", "phrase" (the words with a preposition right before
    them: "pada hari Senin dan Selasa"), and where they apply "weekday_check" (ok |
    adjusted | mismatch), "year_source" (published | sentence | context) and "anchor"
    (report_day: weekdays after "laporan ... pada Rabu" count back from that Wednesday).
    use_search: also run ``dateparser.search.search_dates`` (default: only for languages
    with no lexicon in lex_dates.json).
    """
    lang = lang_table(language)
    pub = _parse_published(published)
    hits = raw_hits(text, lang)
    flags = _sentence_flags(text, language)
    # "sejak 1970", "since 1998": how long something has lasted lends no year to the dates after it
    years = _Years(pub, [(h.start, _explicit_year(h)) for h in hits
                         if _explicit_year(h) and not _SINCE_BEFORE.search(text, max(0, h.start - 12), h.start)])
    anchor = None
    out: list[Mention] = []
    for h in hits:
        sent = _sentence_of(flags, h.start)
        reported, settled = _verb_before(text, h.start)
        # announced only when the future word comes first: "signed on Monday a pact that will ..." is past
        # "... will visit on Sunday, Yoon's office announced Tuesday": the day of a report is not to come
        future = bool(sent and sent[2] is not None and sent[2] < h.start) and not (reported or settled) \
            and not _CLAUSE_TURN.search(text, sent[2], h.start) and not _PAST_WHEN.search(text, sent[2], h.start)
        # "On Sunday, the two ministers are due in Addu City": a date that opens a sentence announcing
        future = future or bool(sent and sent[2] is not None and _OPENING.fullmatch(text, sent[0], h.start))
        # "The G7 summit opens on Friday": a schedule told in the present names a day to come
        future = future or bool(_SCHEDULED.search(text, max(0, h.start - 30), h.start))
        # "is meeting her counterpart on Thursday", "are travelling to Lima on Friday": the present
        # progressive of a meeting or a journey, with nothing told as done between it and a bare weekday (not
        # a range of days: "is visiting Malaysia from Monday to Wednesday" may be a visit under way)
        future = future or (h.kind == "weekday" and language == "en" and sent is not None
                            and (pm := _PROGRESSIVE.search(text, sent[0], h.start)) is not None
                            and not _DONE.search(text, pm.end(), h.start) and not (reported or settled)
                            and not _CLAUSE_TURN.search(text, pm.end(), h.start))
        # "takes Yoon to Vientiane for the summit on Thursday, ... where the two are due to ...": a bare
        # weekday in a sentence that announces, with nothing told as done before it and no one's words
        # between it and the future word ("Speaking on Monday, he said he expected ...": Monday is past)
        future = future or (h.kind in ("weekday", "wd_pair") and bool(sent and sent[2] is not None and sent[2] > h.end)
                            and not (reported or settled) and not _CLAUSE_TURN.search(text, h.end, sent[2])
                            and not _DONE.search(text, sent[0], h.start)
                            and not _report_re().search(text, h.end, sent[2]))
        future = future and not _PAST_AFTER.match(text, h.end)  # "pada 22 Januari lalu": past, whatever comes
        expected_then = bool(future and sent[2] is not None and _WAS_BEFORE.search(text, max(0, sent[2] - 12), sent[2]))
        ctx = Context(pub, lang, text, future=future, expected_then=expected_then)
        if h.kind in ("weekday", "wd_pair") and anchor and sent and anchor[0] < sent[0]:
            h.extra["_anchor"] = anchor[1]
            h.extra["anchor"] = "report_day"
        dv = resolve_hit(h, ctx, years.for_date(h.start, sent, bool(_THAT_YEAR.match(text, h.end))))
        anchor = anchor or _report_anchor(h, dv, sent, hits, reported)
        extra = {**asdict(dv), "pattern": h.kind, "phrase": _phrase(text, h.start, h.end)}
        if reported:
            extra["reported"] = True  # "Kyodo reported on Friday that ...": the day of a report
        extra.update({k: v for k, v in h.extra.items() if not k.startswith("_")})
        out.append(make("date", text, h.start, h.end, dv.value, extra))
    out = _join_relative_years(text, out)
    out = _weekdays_of_named_weeks(text, lang, pub, out)
    out = _days_after_previous(text, language, out)
    out = _period_of_previous(text, language, out)
    _opening_day_spans(text, out)
    out = _possessive_weekdays(text, out)
    story = _story_date(out, pub)
    if story is not None:
        # Relative and year-less dates count from the story's own day, not the page's.
        out = find_dates(text, language, story, use_search)
        for m in out:
            m.extra["reference"] = "story_day"
        return out
    if use_search or (use_search is None and not lang.covered):
        out.extend(search_fallback(text, language, pub, out))
        out.sort(key=lambda m: m.start)
    return out


PREVIOUS_DATE_CHARS = 400  # "a day later" counts from a day told this close before it


@lru_cache(maxsize=16)
def _previous_phrases(table: str, language: str) -> tuple[dict, re.Pattern]:
    """The phrases of a `lex_dates.json` table that point at the date told before (English ones, the
    language's own, and Indonesian ones for Malay), and one pattern for them: `after_previous` counts
    days from it, `same_as_previous` names its day, month or year (not before "as": "on the same day as
    the Oslo talks" names its own point of reference)."""
    rows = load("dates")[table]
    phrases = {**rows.get("en", {}), **rows.get(language, {}), **(rows.get("id", {}) if language == "ms" else {})}
    own_reference = r"(?!\s+(?:as|dengan|seperti|que)\b)" if table == "same_as_previous" else ""
    return phrases, re.compile(rf"\b(?:{alt(list(phrases))})\b{own_reference}", re.IGNORECASE)


def _days_after_previous(text: str, language: str, found: list[Mention]) -> list[Mention]:
    """"A day later Putin received ...", "keesokan harinya", "the day before": a day counted from the
    day-precise date told just before (the previous sentence's), not from the publication."""
    phrases, rx = _previous_phrases("after_previous", language)
    out = list(found)
    for m in rx.finditer(text):
        if any(f.start < m.end() and m.start() < f.end for f in out):
            continue
        if _day_then_clause(text, m):
            continue
        prev = [f for f in out if f.end <= m.start() and m.start() - f.end <= PREVIOUS_DATE_CHARS and f.value
                and f.extra.get("precision") == "day" and not f.extra.get("end")]
        if not prev:
            continue
        base = dt.date.fromisoformat(max(prev, key=lambda f: f.end).value[:10])
        value = (base + dt.timedelta(days=phrases[m.group().lower()])).isoformat()
        extra = {"value": value, "end": None, "precision": "day", "text": m.group(), "resolution": "relative_to_published",
                 "pattern": "after_previous", "phrase": m.group()}
        out.append(make("date", text, m.start(), m.end(), value, extra))
    return sorted(out, key=lambda f: f.start)


def _period_of_previous(text: str, language: str, found: list[Mention]) -> list[Mention]:
    """"Starmer and Scholz had discussed it earlier that month", "pada hari yang sama", "the same year":
    the day, month or year of the date told just before (the previous sentence's), at that precision,
    when that date is at least as precise."""
    phrases, rx = _previous_phrases("same_as_previous", language)
    out = list(found)
    for m in rx.finditer(text):
        if any(f.start < m.end() and m.start() < f.end or (y := _THAT_YEAR.match(text, f.end)) and y.end() == m.end()
               for f in out):
            continue  # "In October that year": the month's own year, which it took from the text
        precision = phrases[m.group().lower()]
        prev = [f for f in out if f.end <= m.start() and m.start() - f.end <= PREVIOUS_DATE_CHARS and f.value
                and PRECISION.get(f.extra.get("precision"), 0) >= PRECISION[precision]
                and not f.extra.get("end")]
        if not prev:
            continue
        base = max(prev, key=lambda f: f.end)
        value = base.value[:ISO_CHARS[precision]]
        # as sure as the date it repeats
        extra = {"value": value, "end": None, "precision": precision, "text": m.group(),
                 "resolution": base.extra.get("resolution") or "absolute",
                 "pattern": "same_as_previous", "phrase": m.group()}
        out.append(make("date", text, m.start(), m.end(), value, extra))
    return sorted(out, key=lambda f: f.start)


# "The two-day summit, which opened on Thursday", "kunjungan tiga hari yang dimulai Senin (15/5)": the day
# a meeting of a stated length opened on starts the days it ran
_DAYS_LONG = re.compile(r"\b(two|three|four|five|2|3|4|5|dua|tiga|empat|lima)[- ](?:day|hari)\b", re.IGNORECASE)
_OPENED_ON = re.compile(r"\b(?:opened|began|started|kicked off|opens|begins|starts|dibuka|dimulai|dimulakan)\s+"
                        r"(?:on\s+|pada\s+|sejak\s+)?$", re.IGNORECASE)
_DAYS_OF = {"two": 2, "three": 3, "four": 4, "five": 5, "dua": 2, "tiga": 3, "empat": 4, "lima": 5}
SPAN_WORDS_BEFORE = 80  # how far before the opening verb the length may be stated


def _opening_day_spans(text: str, found: list[Mention]) -> None:
    """Give a day after an opening verb, with a length told just before it, the end of those days."""
    for m in found:
        if not m.value or m.extra.get("precision") != "day" or m.extra.get("end"):
            continue
        opened = _OPENED_ON.search(text, max(0, m.start - 20), m.start)
        length = opened and [d for d in _DAYS_LONG.finditer(text, max(0, opened.start() - SPAN_WORDS_BEFORE),
                                                              opened.start())
                             if not re.search(r"[.!?]\s", text[d.end():opened.start()])]
        if not length:
            continue
        days = _DAYS_OF.get(length[-1].group(1).lower()) or int(length[-1].group(1))
        end = dt.date.fromisoformat(m.value[:10]) + dt.timedelta(days=days - 1)
        m.extra["end"] = end.isoformat()
        m.extra["opening"] = True


_POSSESSIVE = re.compile(r"['’]s\b")


def _possessive_weekdays(text: str, found: list[Mention]) -> list[Mention]:
    """"... from Tuesday's talks": a weekday owning a meeting names the day of a meeting told elsewhere, the
    one every other bare mention of that weekday in the article resolves to (a coming Tuesday, read past
    when the possessive alone has no word of the future)."""
    out = []
    for m in found:
        if m.extra.get("pattern") == "weekday" and m.value and _POSSESSIVE.match(text, m.end):
            day = m.text.lower()
            others = {f.value for f in found if f is not m and f.extra.get("pattern") == "weekday"
                      and f.text.lower() == day and f.value and not _POSSESSIVE.match(text, f.end)}
            if len(others) == 1 and (value := next(iter(others))) != m.value \
                    and abs((dt.date.fromisoformat(m.value) - dt.date.fromisoformat(value)).days) == 7:
                m = make("date", text, m.start, m.end, value, {**m.extra, "value": value, "resolution": "same_weekday"})
        out.append(m)
    return out


_IN_THE_DAY = re.compile(r"\bin\s+$", re.IGNORECASE)
_GERUND_NEXT = re.compile(r"\s+\w+ing\b", re.IGNORECASE)


def _day_then_clause(text: str, m: re.Match) -> bool:
    """"later in the day before flying home", "the day before heading to Kyiv": "the day" is the
    sentence's own day and "before" opens a clause, so no day is counted from the one told before."""
    if not m.group().lower().endswith(" before"):
        return False
    return bool(_IN_THE_DAY.search(text, max(0, m.start() - 8), m.start()) or _GERUND_NEXT.match(text, m.end()))


STALE_PAGE_DAYS = 183  # a weekday-dated report this far before the page date means the page date is not the story's


def _story_date(found: list[Mention], pub: dt.date | None) -> dt.date | None:
    """The day a re-published report was written, when the page's date cannot be it.

    "Rabu (13/7)" on a page dated January 2024 names a Wednesday that falls in 2022: when every
    weekday-checked date had to leave the publication year and the first lies half a year or more
    before the page date, that day is the story's, and "pekan depan" or "pada Maret" count from it.
    """
    if pub is None:
        return None
    checked = [m for m in found if m.extra.get("weekday_check") in ("ok", "adjusted") and m.value
               and m.extra.get("year_source") == "published"]
    if not checked or any(m.extra["weekday_check"] == "ok" for m in checked):
        return None
    day = dt.date.fromisoformat(checked[0].value)
    return day if (pub - day).days >= STALE_PAGE_DAYS else None


@lru_cache(maxsize=1)
def _lead() -> re.Pattern:
    """A preposition right before a date ("pada", "since"), ending where the date starts."""
    return re.compile(rf"(?:^|(?<=\W))(?:{alt(load('dates')['lead_prepositions'])})\s+$", re.IGNORECASE)


def _phrase(text: str, start: int, end: int) -> str:
    """The date words with a preposition right before them ("pada hari Senin dan Selasa")."""
    m = _lead().search(text, max(0, start - 12), start)
    return text[m.start() if m else start:end]


def resolve_date(words: str, language: str = "en", published: str | dt.date | None = None,
                 context_year: int | None = None) -> DateValue:
    """Resolve one date expression ("Senin (19/9)", "on Tuesday", "Oktober 2023").

    `words` may carry a few words around the date ("akan digelar pada bulan Oktober");
    a future cue among them keeps a year-less date from moving into the past.
    Year-less dates take the publication year, else `context_year`; relative ones
    need the publication date. Expressions our patterns do not cover go to dateparser,
    and a result that depends on the current date is reported as unresolved.
    """
    lang = lang_table(language)
    pub = _parse_published(published)
    hits = raw_hits(words, lang)
    if len(hits) == 1:
        h = hits[0]
        ctx = Context(pub, lang, words, future=bool(_cue_re(tuple(load("dates")["future_cues"])).search(words)))

        def year_for() -> tuple[int | None, str]:
            if pub:
                return pub.year, "published"
            return (context_year, "context") if context_year else (None, "none")

        dv = resolve_hit(h, ctx, year_for)
        return DateValue(dv.value, dv.end, dv.precision, words, dv.resolution)
    return dateparser_resolve(words, language, pub, context_year)


def _join_relative_years(text: str, found: list[Mention]) -> list[Mention]:
    """"November 29 to 30 last year", "awal April tahun lalu", "in March of last year": the year word
    dates the day or month right before it; the two become one mention with that year."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if (prev is not None and m.extra.get("precision") == "year" and m.extra.get("pattern") == "relative"
                and prev.value and prev.extra.get("precision") in ("day", "month")
                and prev.extra.get("resolution") != "absolute" and text[prev.end:m.start].strip().lower() in ("", "of")
                and m.value):
            out[-1] = _with_year(text, prev, m)
            continue
        out.append(m)
    return out


# "Tuesday last week", "Monday of last week", "Selasa pekan lalu"; "last week, on Tuesday", "pekan lalu pada Selasa"
_WEEKDAY_THEN_WEEK = frozenset({"", "of", ",", "in", "pada", "de"})
_WEEK_THEN_WEEKDAY = frozenset({"on", ", on", "pada", ", pada", ","})


def _weekdays_of_named_weeks(text: str, lang, pub: dt.date | None, found: list[Mention]) -> list[Mention]:
    """A bare weekday with the week named beside it is that day of that calendar week (Monday to
    Sunday): "Tuesday last week", written on a Wednesday, is eight days before, not the day before."""
    if pub is None:
        return found
    out: list[Mention] = []
    skip: set[int] = set()
    for i, m in enumerate(found):
        if i in skip:
            continue
        days = _bare_weekdays(m, lang)
        if days:
            for j, first in ((i + 1, True), (i - 1, False)):
                if not 0 <= j < len(found) or j in skip:
                    continue
                week = _week_shift(found[j], lang)
                gap = text[m.end:found[j].start] if first else text[found[j].end:m.start]
                if week is None or " ".join(gap.lower().split()) not in (_WEEKDAY_THEN_WEEK if first else _WEEK_THEN_WEEKDAY):
                    continue
                monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=week)
                value = (monday + dt.timedelta(days=days[0])).isoformat()
                last = (monday + dt.timedelta(days=days[-1])).isoformat() if len(days) > 1 else None
                start, end = (m.start, found[j].end) if first else (found[j].start, m.end)
                m = make("date", text, start, end, value, {**m.extra, "value": value, "end": last, "precision": "day",
                                                            "resolution": "relative_to_published", "week": week})
                if first:
                    skip.add(j)
                else:
                    out = [x for x in out if x is not found[j]]
                break
        out.append(m)
    return out


def _bare_weekdays(m: Mention, lang) -> list[int]:
    """The weekday (0 = Monday), or the first and last of a pair ("Thursday and Friday"), of a mention
    with no "last"/"next" of its own; none for any other mention."""
    if m.extra.get("pattern") not in ("weekday", "wd_pair") or m.extra.get("anchor"):
        return []
    words = re.findall(r"[\w'’]+", m.text.lower())
    days = [lang.weekdays[w] for w in words if w in lang.weekdays]
    if len(days) != (1 if m.extra["pattern"] == "weekday" else 2) or any(w in lang.modifiers for w in words) \
            or days != sorted(days):
        return []
    return days


def _week_shift(m: Mention, lang) -> int | None:
    """-1, 0 or 1 for "last week", "this week", "next week" (and their Indonesian and Malay forms)."""
    if m.extra.get("pattern") != "relative":
        return None
    amount, unit = lang.relative.get(" ".join(m.text.lower().split()), (None, None))
    return amount if unit == "week" and amount in (-1, 0, 1) else None


def _with_year(text: str, m: Mention, year_m: Mention) -> Mention:
    year = int(year_m.value[:4])
    shift = year - int(m.value[:4])

    def moved(v: str | None) -> str | None:
        return f"{int(v[:4]) + shift:04d}{v[4:]}" if v else v

    value, end = moved(m.value), moved(m.extra.get("end"))
    if len(value) == 10 and not safe_date(int(value[:4]), int(value[5:7]), int(value[8:10])):
        return m  # 29 February of a year without one
    extra = {**m.extra, "value": value, "end": end, "text": text[m.start:year_m.end],
             "resolution": "relative_to_published", "phrase": _phrase(text, m.start, year_m.end)}
    return make("date", text, m.start, year_m.end, value, extra)

