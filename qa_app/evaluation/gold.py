"""Gold annotations: typed loading, verbatim-evidence checks, and spans in the cleaned text.

A gold directory holds one `<article stem>.json` per sample article and `questions.json`
(see eval/README.md for the rules). Evidence quotes are copied from the raw article file;
the metrics compare them with predicted spans in the *cleaned* text
(`qa_app.ingest.clean.clean_text(raw).text`), so `locate_evidence` maps every quote to
its spans there. A quote found in the raw file but not in the cleaned text sits in a line
the cleaner drops as junk: that is an annotation error and is reported as a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from qa_app.ingest.clean import clean_text
from qa_app.ingest.pipeline import document_id
from qa_app.schemas.records import MeetingKind, MeetingStatus, Modality, Precision, Resolution, Topic

ISO3_PATTERN = r"^[A-Z]{3}$"
QUESTIONS_FILE = "questions.json"
_DATE_FORMATS = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$"}

# article name -> quote -> every (start, end) of the quote in the cleaned text
GoldSpans = dict[str, dict[str, list[tuple[int, int]]]]


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldDate(_Gold):
    value: str | None = None
    precision: Precision | None = None
    text: str = ""
    end: str | None = None
    resolution: Resolution = "unresolved"

    @model_validator(mode="after")
    def _consistent(self) -> "GoldDate":
        if (self.value is None) != (self.precision is None):
            raise ValueError("date value and precision must both be set or both be null")
        for v in (self.value, self.end):
            if v is not None and self.precision and not re.match(_DATE_FORMATS[self.precision], v):
                raise ValueError(f"date {v!r} does not have {self.precision} precision")
        if self.end is not None and self.value is None:
            raise ValueError("a date span needs a start value")
        if self.value is None and self.resolution != "unresolved":
            raise ValueError("a null date must have resolution 'unresolved'")
        return self


class GoldLocation(_Gold):
    city: str | None = None
    region: str | None = None
    country: str | None = Field(None, pattern=ISO3_PATTERN)
    aliases: list[str] = Field(default_factory=list, description="Other accepted spellings of the city.")


class GoldParticipant(_Gold):
    name: str = Field(min_length=1)
    role: str | None = None
    country: str | None = Field(None, pattern=ISO3_PATTERN)


class GoldMeeting(_Gold):
    event: str = Field(min_length=1, description="Same key for the same real-world meeting in every article.")
    title: str = Field(min_length=1)
    kind: MeetingKind
    status: MeetingStatus
    date: GoldDate = Field(default_factory=GoldDate)
    location: GoldLocation = Field(default_factory=GoldLocation)
    countries: list[str] = Field(min_length=1)
    participants: list[GoldParticipant] = Field(default_factory=list)
    mechanism: str | None = None
    mechanism_aliases: list[str] = Field(default_factory=list)
    round: int | None = None
    topics: list[Topic] = Field(default_factory=list)
    evidence: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes(self) -> "GoldMeeting":
        _check_codes(self.countries)
        return self


class GoldCommitment(_Gold):
    actors: list[str] = Field(min_length=1)
    action: str = Field(min_length=1)
    topic: Topic
    modality: Modality
    target_date: GoldDate | None = None
    event: str | None = None
    evidence: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _codes(self) -> "GoldCommitment":
        _check_codes(self.actors)
        return self


class GoldArticle(_Gold):
    article: str = Field(description="File name of the article in the articles folder.")
    language: str
    title: str | None = None
    published: str | None = None
    notes: str = ""
    meetings: list[GoldMeeting] = Field(default_factory=list)
    commitments: list[GoldCommitment] = Field(default_factory=list)
    not_meetings: list[str] = Field(default_factory=list, description="Junk lines that look like news but are not meetings.")


class GoldEvidence(_Gold):
    article: str
    quote: str = Field(min_length=1)


Fact = str | list[str]


class GoldQuestion(_Gold):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    language: Literal["en", "id"]
    answerable: bool
    answer: str
    must_contain: list[Fact] = Field(default_factory=list)
    evidence: list[GoldEvidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> "GoldQuestion":
        if self.answerable and not (self.must_contain and self.evidence):
            raise ValueError(f"{self.id}: an answerable question needs must_contain and evidence")
        if not self.answerable and (self.must_contain or self.evidence):
            raise ValueError(f"{self.id}: an unanswerable question has empty must_contain and evidence")
        if any(isinstance(f, list) and not f for f in self.must_contain):
            raise ValueError(f"{self.id}: empty list of alternatives in must_contain")
        return self

    def articles(self) -> set[str]:
        return {e.article for e in self.evidence}


class GoldQuestions(_Gold):
    questions: list[GoldQuestion]

    @model_validator(mode="after")
    def _unique(self) -> "GoldQuestions":
        ids = [q.id for q in self.questions]
        if len(ids) != len(set(ids)):
            raise ValueError("question ids are not unique")
        return self


def _check_codes(codes: list[str]) -> None:
    bad = [c for c in codes if not re.match(ISO3_PATTERN, c)]
    if bad:
        raise ValueError(f"not ISO 3166-1 alpha-3 codes: {bad}")
    if len(set(codes)) != len(codes):
        raise ValueError(f"repeated country codes: {codes}")


@dataclass
class GoldSet:
    articles: dict[str, GoldArticle]  # by article file name
    questions: list[GoldQuestion]

    def meetings(self) -> Iterator[tuple[str, int, GoldMeeting]]:
        for name, art in self.articles.items():
            for i, m in enumerate(art.meetings):
                yield name, i, m


@dataclass(frozen=True)
class ArticleText:
    name: str  # file name, e.g. "001_317e17d52efed6ef.txt"
    raw: str
    cleaned: str

    @property
    def doc_id(self) -> str:
        return document_id(self.cleaned)


# --- loading -------------------------------------------------------------------------


def load_article_gold(path: Path) -> GoldArticle:
    return GoldArticle.model_validate_json(Path(path).read_text(encoding="utf-8"))


def load_questions(path: Path) -> list[GoldQuestion]:
    return GoldQuestions.model_validate_json(Path(path).read_text(encoding="utf-8")).questions


def load_gold(gold_dir: Path) -> GoldSet:
    """Every `*.json` of `gold_dir` (questions.json apart) as a GoldArticle, plus the questions."""
    gold_dir = Path(gold_dir)
    articles: dict[str, GoldArticle] = {}
    for path in sorted(gold_dir.glob("*.json")):
        if path.name == QUESTIONS_FILE:
            continue
        art = load_article_gold(path)
        if Path(art.article).stem != path.stem:
            raise ValueError(f"{path.name}: names article {art.article!r}; the file must be named after it")
        articles[art.article] = art
    qpath = gold_dir / QUESTIONS_FILE
    questions = load_questions(qpath) if qpath.exists() else []
    return GoldSet(articles, questions)


def read_article(path: Path) -> ArticleText:
    """Raw text decoded as the ingest pipeline does (UTF-8, BOM dropped, newlines untouched)."""
    path = Path(path)
    raw = path.read_bytes().decode("utf-8-sig")
    return ArticleText(path.name, raw, clean_text(raw).text)


def read_articles(articles_dir: Path, pattern: str = "*.txt") -> dict[str, ArticleText]:
    return {p.name: read_article(p) for p in sorted(Path(articles_dir).glob(pattern))}


def doc_map(articles: Iterable[ArticleText]) -> dict[str, str]:
    """Every key a prediction may use for an article -> the article's file name.

    Keys: the file name, its stem, and the document id of the ingest pipeline
    (sha256 of the cleaned text, first 16 hex digits).
    """
    out: dict[str, str] = {}
    for art in articles:
        for key in (art.name, Path(art.name).stem, art.doc_id):
            out[key] = art.name
    return out


# --- evidence checks and spans ------------------------------------------------------


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where `quote` occurs verbatim in `text` (overlapping allowed)."""
    spans, i = [], text.find(quote)
    while quote and i >= 0:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def _quotes(art: GoldArticle) -> Iterator[tuple[str, str]]:
    """(where, quote) for every evidence quote of an article's gold."""
    for i, m in enumerate(art.meetings):
        for q in m.evidence:
            yield f"meeting {i} ({m.event})", q
    for i, c in enumerate(art.commitments):
        for q in c.evidence:
            yield f"commitment {i} ({c.action[:40]})", q


def _question_quotes(questions: Iterable[GoldQuestion]) -> Iterator[tuple[str, str, str]]:
    for q in questions:
        for e in q.evidence:
            yield e.article, f"question {q.id}", e.quote


def _check_quote(name: str, where: str, quote: str, text: ArticleText | None) -> list[str]:
    if text is None:
        return [f"{name}: {where}: article file not found"]
    if quote not in text.raw:
        return [f"{name}: {where}: evidence not found verbatim in the article: {quote[:80]!r}"]
    if quote not in text.cleaned:
        return [f"{name}: {where}: evidence is in a line the cleaner drops as junk: {quote[:80]!r}"]
    return []


def _check_meeting_fields(name: str, i: int, m: GoldMeeting, text: ArticleText) -> list[str]:
    problems = []
    if m.date.text and not any(m.date.text in q for q in m.evidence):
        problems.append(f"{name}: meeting {i}: date text {m.date.text!r} is in none of its evidence quotes")
    for p in m.participants:
        if p.name not in text.raw:
            problems.append(f"{name}: meeting {i}: participant {p.name!r} is not named in the article")
    return problems


def check_evidence(gold: GoldSet, articles: Mapping[str, ArticleText]) -> list[str]:
    """Every problem with the gold's evidence: an empty list means all quotes are verbatim.

    Checks that each evidence quote (meetings, commitments, questions) is a substring of
    the raw article file and survives cleaning, that each not-meeting line is a line of
    the raw file and is dropped by the cleaner, that a meeting's date words appear in its
    evidence, that participants are named in the article, and that no meeting's title or
    evidence comes from a not-meeting line.
    """
    problems: list[str] = []
    for name, art in gold.articles.items():
        text = articles.get(name)
        for where, quote in _quotes(art):
            problems += _check_quote(name, where, quote, text)
        if text is None:
            continue
        problems += _check_not_meetings(name, art, text)
        events = [m.event for m in art.meetings]
        repeated = sorted({e for e in events if events.count(e) > 1})
        problems += [f"{name}: event key {e!r} is used by two meetings" for e in repeated]
        for i, m in enumerate(art.meetings):
            problems += _check_meeting_fields(name, i, m, text)
    for article, where, quote in _question_quotes(gold.questions):
        problems += _check_quote(article, where, quote, articles.get(article))
    return problems


def _check_not_meetings(name: str, art: GoldArticle, text: ArticleText) -> list[str]:
    problems = []
    raw_lines = {line.strip() for line in text.raw.splitlines()}
    for junk in art.not_meetings:
        if junk.strip() not in raw_lines:
            problems.append(f"{name}: not-meeting line is not a line of the article: {junk[:60]!r}")
        elif junk in text.cleaned:
            problems.append(f"{name}: not-meeting line survives cleaning: {junk[:60]!r}")
    for i, m in enumerate(art.meetings):
        for line in [m.title, *m.evidence]:
            if comes_from_junk(line, art.not_meetings):
                problems.append(f"{name}: meeting {i}: title or evidence comes from a not-meeting line: {line[:60]!r}")
    return problems


def comes_from_junk(text: str, junk_lines: Iterable[str]) -> bool:
    """True when `text` is part of a junk line or contains one (case-insensitive)."""
    low = " ".join(text.split()).casefold()
    for junk in junk_lines:
        j = " ".join(junk.split()).casefold()
        if j and low and (low in j or j in low):
            return True
    return False


def locate_evidence(gold: GoldSet, articles: Mapping[str, ArticleText]) -> tuple[GoldSpans, list[str]]:
    """Spans of every gold evidence quote in the cleaned article text, and the quotes not found.

    A quote that occurs several times maps to all its occurrences.
    """
    spans: GoldSpans = {}
    problems: list[str] = []
    items = [(name, where, q) for name, art in gold.articles.items() for where, q in _quotes(art)]
    items += list(_question_quotes(gold.questions))
    for name, where, quote in items:
        text = articles.get(name)
        found = find_all(text.cleaned, quote) if text else []
        if not found:
            problems.append(f"{name}: {where}: evidence not found in the cleaned text: {quote[:80]!r}")
            continue
        spans.setdefault(name, {})[quote] = found
    return spans, problems
