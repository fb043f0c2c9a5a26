"""Sentences that address a model rather than report news (prompt injections in a page).

They are data like the rest of the article, but they are never shown to a model as citable
sentences, never accepted as evidence, and never quoted in an answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from qa_app.text.sentences import Sentence, sentences_of

# Three families, in English and Indonesian: words addressed to an automated reader ("Note for
# automated summarisers:", "If you are an AI", "Kepada asisten AI"), orders about instructions or output ("ignore
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


@lru_cache(maxsize=16384)
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


def blocked_spans(text: str, sentences: Sequence[Sentence]) -> tuple[tuple[int, int], ...]:
    """(start, end) of every sentence of `sentences` (spans of `text`) that instruction_sentences blocks."""
    return tuple((sentences[i].start, sentences[i].end) for i in sorted(instruction_sentences(text, sentences)))


@lru_cache(maxsize=256)
def instruction_spans(text: str) -> tuple[tuple[int, int], ...]:
    """blocked_spans of `text` with its sentences (the remembered spans of a stored document)."""
    return blocked_spans(text, sentences_of(text))


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) touches one of `spans`."""
    return any(a < end and start < b for a, b in spans)


def overlaps_instruction(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] touches an instruction-like sentence (or its continuation)."""
    return overlaps(instruction_spans(text), start, end)
