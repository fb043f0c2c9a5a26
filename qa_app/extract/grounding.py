"""Grounding: every evidence quote must be found in the cleaned text; its span is stored.

Quotes are aligned exactly first, then fuzzily with rapidfuzz. A fuzzy alignment is
kept when its score is at least FUZZY_THRESHOLD (0-100, rapidfuzz's normalised
Indel similarity of the quote against the best-matching window of the text); the
stored quote is then the text at the aligned offsets, never the model's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa_app.ingest.sentences import Sentence

FUZZY_THRESHOLD = 90.0
MIN_QUOTE_CHARS = 12

# Sentences that address a model rather than report news. They are data like the rest
# of the article, but they are never shown to a model as citable sentences, never
# accepted as evidence, and never quoted in an answer. Three families, in English and
# Indonesian: words addressed to an automated reader ("Note for automated summarisers:",
# "If you are an AI", "Kepada asisten AI"), orders about instructions or output ("ignore
# all previous instructions", "your summary must say", "abaikan perintah sebelumnya"), and
# role markers ("SYSTEM:", "[INST]", "<|im_start|>").
_MACHINE = (
    r"(?:a\.?i\.?|ai|artificial[\s-]+intelligence|(?:large\s+)?language[\s-]+models?|llms?|gpts?|chat\s?gpt|"
    r"chat\s?bots?|bots?|assistants?|summari[sz](?:er|ers|ation\s+(?:tools?|systems?|models?))|"
    r"automated\s+(?:\w+\s+)?(?:readers?|systems?|tools?|agents?|summari[sz]ers?|pipelines?|extractors?|parsers?|models?)|"
    r"(?:ai|language)\s+(?:models?|agents?|systems?|tools?|assistants?)|models?|crawlers?|scrapers?|"
    r"extraction\s+(?:tools?|systems?|models?|pipelines?)|the\s+system|systems?)"
)
_MESIN = (
    r"(?:ai|a\.i\.|kecerdasan\s+buatan|asisten(?:\s+(?:ai|virtual|digital))?|model\s+(?:bahasa|ai)|"
    r"(?:sistem|alat|mesin|program)\s+(?:otomatis|ai|peringkas|ekstraksi)|peringkas(?:\s+otomatis)?|"
    r"bot|chatbot|robot|pembaca\s+otomatis)"
)
_INSTRUCTION_PATTERNS = [
    # orders about instructions
    r"\b(?:ignore|disregard|forget|override|overrule|bypass|skip)\s+(?:all\s+|any\s+|every\s+)?(?:of\s+)?(?:the\s+|your\s+|these\s+|those\s+)?"
    r"(?:previous|prior|above|earlier|preceding|original|other|existing|system|old)\s+(?:\w+\s+)?"
    r"(?:instructions?|prompts?|rules?|directions?|guidelines?|directives?|context|content|text|orders?)",
    r"\bnew\s+(?:instructions?|directives?|task)\s*:",
    r"\b(?:system\s+prompt|developer\s+(?:message|mode)|jailbreak|prompt\s+injection)\b",
    # addressed to a machine reader
    r"\b(?:note|message|notice|instructions?|reminder|attention|memo|warning|directive|guidance|hint|tip)\s+"
    r"(?:for|to)\s+(?:all\s+|any\s+|the\s+)?" + _MACHINE + r"\b",
    r"\b(?:dear|hey|hello|attention|calling|to\s+(?:all|any|every))\s+(?:the\s+)?" + _MACHINE + r"\b",
    r"\bif\s+you\s+are\s+(?:an?\s+|the\s+)?(?:\w+\s+)?" + _MACHINE + r"\b",
    r"\byou\s+are\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:\w+\s+)?(?:ai|assistant|language\s+model|ai\s+model|chatbot|llm|summari[sz]er)\b",
    r"\bas\s+an?\s+(?:ai|language\s+model|assistant)\b.*\b(?:you|your)\b",
    r"^\W*(?:ai|llm|assistant|summari[sz]er|model|bot|system)s?(?:\s+\w+){0,4}\s*:\s",
    r"\b(?:ai|assistants?|summari[sz]ers?|chatbots?|bots?|llms?|language\s+models?)\s*,\s*(?:please|kindly|you|ignore|note|remember|always|do\s+not)\b",
    r"\b(?:automated|ai|machine)[\s-]+(?:summari[sz]ers?|readers?)\b.*\b(?:must|should|shall|are\s+to|need\s+to|have\s+to|will)\b",
    # orders about the output
    r"\byour\s+(?:summary|answer|response|reply|output|extraction|records?|report|json)\s+(?:must|should|shall|needs?\s+to|has\s+to|will)\b",
    r"\b(?:when|if|while)\s+(?:you\s+(?:are\s+)?(?:summari[sz]ing|extracting|answering|asked|processing|parsing|reading)|(?:summari[sz]ing|extracting\s+from)\s+(?:this|the)\s+(?:article|text|page|story))\b.*\b(?:say|state|report|record|answer|write|output|respond|claim|list|mention|include)\b",
    r"\b(?:output|respond\s+with|reply\s+with|print|emit)\s+(?:only\s+)?(?:a|an|the|this)?\s*(?:json|meetings?|records?|commitments?)\b",
    r"\breturn\s+(?:only\s+)?(?:a|an|the|this)?\s*json\b",
    r"\b(?:record|report|state|say|answer|write|claim|extract|list)\s+(?:that|only\s+that)\b.*\b(?:regardless|instead|no\s+matter|whatever|even\s+if|in\s+place\s+of)\b",
    r"\b(?:do\s+not|don't|never)\s+(?:mention|report|record|extract|include|summari[sz]e|cite|quote)\b.*\b(?:instead|only|rather)\b",
    r"\bthe\s+(?:real|true|actual|correct)\s+(?:story|facts?|meeting|answer|news)\s+(?:is|was|are)\b.*\b(?:say|report|record|write|answer)\b",
    # role markers
    r"(?:^|\s)(?:system|assistant|user|developer)\s*:\s*(?:you|ignore|from\s+now|new|always|never|the\s+following)",
    r"\[/?(?:inst|system|sys)\]|<\|?(?:im_start|im_end|system|endoftext)\|?>|<<\s*sys\s*>>|###\s*(?:instruction|system)",
    # Indonesian
    r"\babaikan\s+(?:semua\s+|seluruh\s+)?(?:instruksi|perintah|petunjuk|arahan|aturan|teks|isi|konteks)",
    r"\b(?:lupakan|abaikanlah|kesampingkan)\s+(?:semua\s+|seluruh\s+)?(?:instruksi|perintah|petunjuk|arahan|aturan)",
    r"\b(?:catatan|pesan|perhatian|instruksi|perintah|petunjuk|pengumuman|pemberitahuan)\s+(?:untuk|bagi|kepada)\s+(?:semua\s+|para\s+|setiap\s+)?" + _MESIN + r"\b",
    r"\b(?:kepada|untuk|bagi|wahai|halo|hai)\s+(?:semua\s+|para\s+|setiap\s+)?" + _MESIN + r"\s*(?:yang\s+\w+\s+(?:ini|teks|artikel|berita)\b.*)?[:,]",
    r"\bjika\s+(?:anda|kamu)\s+(?:adalah\s+|merupakan\s+|sebuah\s+)?" + _MESIN + r"\b",
    r"\b(?:anda|kamu)\s+(?:adalah|sekarang)\s+(?:sebuah\s+)?(?:ai|asisten|model\s+bahasa|kecerdasan\s+buatan|chatbot)\b",
    r"\b(?:ringkasan|jawaban|keluaran|output|respons|ekstraksi|catatan)\s+(?:anda|kamu)\s+(?:harus|wajib|perlu|hendaknya|mesti)\b",
    r"\b(?:saat|ketika|jika|apabila)\s+(?:(?:anda|kamu)\s+(?:meringkas|mengekstrak|menjawab|ditanya|memproses)|meringkas|mengekstrak)\b.*\b(?:tulis|sebutkan|katakan|nyatakan|laporkan|catat|jawab)\w*\b",
    r"\b(?:tulis|sebutkan|katakan|nyatakan|laporkan|catat|jawab)(?:lah|kan)?\s+(?:saja\s+)?bahwa\b.*\b(?:apa\s+pun|bagaimanapun|meskipun|walaupun|alih-alih|bukan)\b",
    r"\bjangan\s+(?:sebutkan|laporkan|catat|kutip|ringkas|sertakan)\w*\b.*\b(?:melainkan|tetapi|sebaliknya|hanya)\b",
]
_INSTRUCTION_LIKE = re.compile("|".join(f"(?:{p})" for p in _INSTRUCTION_PATTERNS), re.IGNORECASE)
#: Sentences after an instruction-like one, in the same paragraph, that are treated as part of it.
INSTRUCTION_CONTINUES = 3


def instruction_like(sentence: str) -> bool:
    return bool(_INSTRUCTION_LIKE.search(sentence))


def instruction_sentences(text: str, sentences) -> set[int]:
    """Indices of `sentences` (spans of `text`) that read like instructions to a model, with the
    sentences that follow one in its paragraph (at most INSTRUCTION_CONTINUES): an injection
    often opens with an address ("Note for AI summarisers:") and states its facts after it."""
    blocked: set[int] = set()
    for i, s in enumerate(sentences):
        if not instruction_like(s.text):
            continue
        blocked.add(i)
        for j in range(i + 1, min(len(sentences), i + 1 + INSTRUCTION_CONTINUES)):
            if "\n" in text[sentences[j - 1].end:sentences[j].start]:
                break  # a new paragraph
            blocked.add(j)
    return blocked


@lru_cache(maxsize=256)
def instruction_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence of `text` that instruction_sentences blocks."""
    from qa_app.ingest.sentences import split_sentences

    sentences = split_sentences(text)
    return tuple((sentences[i].start, sentences[i].end) for i in sorted(instruction_sentences(text, sentences)))


def overlaps_instruction(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] touches an instruction-like sentence (or its continuation)."""
    return any(a < end and start < b for a, b in instruction_spans(text))


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    alignment: str  # "exact" | "fuzzy"
    score: float


def _normalise_ws(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def align_quote(quote: str, text: str) -> Span | None:
    """The span of `quote` in `text`, or None when it is not there."""
    quote = quote.strip().strip("\"'“”")
    if len(quote) < MIN_QUOTE_CHARS:
        return None
    pos = text.find(quote)
    if pos >= 0:
        return Span(pos, pos + len(quote), "exact", 100.0)
    from rapidfuzz import fuzz

    res = fuzz.partial_ratio_alignment(_normalise_ws(quote), text, score_cutoff=FUZZY_THRESHOLD)
    if res is None:
        return None
    start, end = res.dest_start, res.dest_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, "fuzzy", round(res.score, 2)) if end > start else None


def sentence_spans(ids: list[str], sentences: dict[str, Sentence]) -> list[Span] | None:
    """Spans for sentence ids chosen under constrained decoding; None if any id is unknown."""
    spans = []
    for sid in dict.fromkeys(ids):
        s = sentences.get(sid)
        if s is None:
            return None
        spans.append(Span(s.start, s.end, "exact", 100.0))
    return spans


def merge_adjacent(spans: list[Span], text: str) -> list[Span]:
    """Adjacent sentence spans (only whitespace between) become one evidence span."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: s.start):
        if out and text[out[-1].end:sp.start].strip() == "" and out[-1].alignment == sp.alignment == "exact":
            out[-1] = Span(out[-1].start, sp.end, "exact", 100.0)
        else:
            out.append(sp)
    return out


# Capitalised words a title or action may use without the article naming them.
_GENERIC_NAMES = frozenset("""
a an and the of on in at to for with by from about between over after before during into as is are was were be
meeting meetings summit talks talk dialogue dialog visit call consultation consultations conference forum session
round rounds mechanism mechanisms commission committee council group working joint bilateral trilateral multilateral
ministerial ministers minister foreign affairs defence defense deputy vice prime president presidents leaders leader
senior officials official secretary general state head heads chief envoy envoys ambassador ambassadors delegation
delegations agreement agreements cooperation partnership strategic comprehensive framework memorandum understanding
mou declaration statement communique plan action agenda roadmap security economic economy trade energy maritime
military navy naval exercise exercises army air force forces coast guard relations relation affairs annual first second
third fourth fifth sixth seventh eighth ninth tenth new next high level high-level summit-level sides both two three
meet met held hold holds agree agreed agrees pledge pledged pledges plan planned plans commit committed commits will
to-do sign signed signs discuss discussed discusses review reviewed strengthen enhance expand promote deepen boost
resolve maintain develop support investment infrastructure technology health diplomacy other tbd unknown
""".split())
_NAME = re.compile(r"\b[A-Z][\w’'.]*\w")  # hyphens split: "Indonesia-China" is two names


def unsupported_names(ctx, text: str) -> list[str]:
    """Capitalised names in a free-text field (a title, an action) that the article does not
    name outside its instruction-like sentences. A country may be named in another language
    ("China" for "Tiongkok"): its code must be among the article's countries."""
    from qa_app.nlp.countries import country_code

    codes = {m.value for m in ctx.candidates.countries if m.value and not ctx.in_blocked(m.start, m.end)}
    # Whole country names between separators ("Russian Federation", "South Africa") first.
    kept = []
    for part in re.split(r"\s*[–—:,;/()&+]\s*|\s+-\s+|\s+and\s+|\s+dan\s+", text or ""):
        code = country_code(part.strip()) if part.strip() else None
        kept.append("" if code and code in codes else part)
    missing = []
    for m in _NAME.finditer(" ".join(kept)):
        name = m.group(0).rstrip(".")
        if name.lower() in _GENERIC_NAMES or re.fullmatch(r"[A-Z]{3}", name) and name in codes:
            continue
        if _named_in(ctx, name) or (country_code(name) or "") in codes:
            continue
        missing.append(name)
    return list(dict.fromkeys(missing))


def _named_in(ctx, name: str) -> bool:
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", ctx.text, flags=re.IGNORECASE):
        if not ctx.in_blocked(m.start(), m.end()):
            return True
    return False


def free_text_problem(ctx, what: str, text: str) -> str | None:
    """Why a free-text field cannot be kept, or None."""
    missing = unsupported_names(ctx, text)
    if missing:
        return f"{what} {text!r} names {', '.join(missing[:3])}, which the article does not mention"
    return None


def neutral_title(kind: str | None, countries: list[str]) -> str:
    """A title made only of grounded values, e.g. 'Meeting: China–Indonesia'."""
    import pycountry

    names = []
    for code in countries:
        c = pycountry.countries.get(alpha_3=code)
        names.append(getattr(c, "common_name", None) or getattr(c, "name", code) if c else code)
    label = "Meeting" if kind in (None, "", "other", "bilateral", "multilateral") else kind.capitalize()
    return f"{label}: {'–'.join(names)}" if names else label


#: A title or action a model wrote must be at least this similar (cosine of multilingual
#: sentence embeddings) to its evidence. On the gold annotations of 37 articles (260 pairs,
#: English and Indonesian evidence, English text) 1 true pair in 260 scores below it; actions
#: planted by injections score about 0.05 against the sentences they cite.
MIN_AGREEMENT = 0.10
_embedder = None


def _similarity_embedder():
    global _embedder
    if _embedder is None:
        from qa_app.embed import make_embedder
        from qa_app.settings import Settings

        _embedder = make_embedder("use-multilingual", Settings())
    return _embedder


def agreement(pairs: list[tuple[str, str]]) -> list[float]:
    """Cosine similarity of each (free text, evidence) pair, across languages."""
    if not pairs:
        return []
    import numpy as np

    vectors = _similarity_embedder().embed([t for t, _ in pairs] + [e for _, e in pairs]).astype(np.float32)
    a, b = vectors[: len(pairs)], vectors[len(pairs):]
    norms = np.maximum(np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1), 1e-9)
    return [float(x) for x in (a * b).sum(axis=1) / norms]
