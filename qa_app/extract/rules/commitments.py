"""Commitments, one per clause: a sentence with a commitment cue whose actors are the states
named before the cue (the subject), the meeting's states for a group subject ("both sides",
"the three governments", "we" in a quote), or the speaker's state for "I" in a quote.

A later cue opens its own commitment when a new subject comes after a coordinator ("..., and
the two governments agreed to ...") or another kind of promise follows ("agreed to X and
pledged Y"). Items of a list under an intro line ("The documents signed included:") are
commitments of the intro's parties. Not commitments: "agreed that ..." stating a view (but
"agreed that ... would ..." is one), "stressed the importance of ...", what a state
"should" do, a negated cue, a schedule ("dijadwalkan"), a planned meeting, a headline.
Coordinated actions ("... serta ...") are split; repeated statements of one commitment are
merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa_app.extract.rules.anchors import party_count, party_countries, topic_start
from qa_app.extract.rules.document import QUOTED as _QUOTED
from qa_app.extract.rules.document import Doc, Sent, is_header_line, is_headline
from qa_app.extract.rules.drafts import RuleCommitment
from qa_app.extract.rules.groups import Group
from qa_app.extract.rules.lexicon import TOKEN
from qa_app.nlp.amounts import AMOUNT_RX
from qa_app.text.sentences import CAPTION

# A coordinated action starts with a verb: Indonesian meN-/ber- forms, English -ing forms.
_VERBISH = re.compile(r"(?:me|ber)[a-z]{3,}|[a-z]{3,}ing", re.IGNORECASE)


# what opens the list of documents a sentence names: "yakni", "namely", "including", a colon
_NAMELY = re.compile(r"\b(?:yakni|yaitu|iaitu|antara lain|namely|including|includes?|included|covers?|covered|"
                     r"meliputi|mencakup|termasuk|notamment)\b|:", re.IGNORECASE)
# "Other parts of the deal, according to a summary ...:": an intro line naming the one accord its items are of
_ONE_ACCORD = re.compile(r"\b(?:deal|agreement|pact|accord|treaty|declaration|joint statement|perjanjian|"
                         r"kesepakatan|pernyataan bersama|perjanjian|persetujuan)\b", re.IGNORECASE)
# a passive verb after the modal: "akan diperkuat", "will be expanded"
_PASSIVE = re.compile(r"\s+(?:di(?!a\b|ri\b|sini\b|sana\b)[a-z]{4,}|be\s+[a-z]+(?:ed|en))\b", re.IGNORECASE)
_ATTENDED = re.compile(r"\s+(?:didampingi|diwakili|dipimpin|disambut|diterima|dijamu|diiringi|dihadiri|"
                       r"be\s+(?:accompanied|represented|led|received|welcomed|hosted|joined|attended)\s+by)\b",
                       re.IGNORECASE)
_FRONTED = re.compile(r"(?:di|dalam|pada|untuk|in|on|for|at)\s+[^,]{3,40},\s*", re.IGNORECASE)
# "will get", "akan mendapat": the subject receives what another gives ("receive", "menerima" also take guests)
_RECEIVES = re.compile(r"\s+(?:get|obtain|gain|mendapat|mendapatkan|memperoleh|beroleh)\b", re.IGNORECASE)
# "Among the initiatives announced at the summit:", "Hasil pertemuan itu antara lain:": a list of what the
# meeting produced
_OUTCOMES = re.compile(r"\b(?:initiatives?|outcomes?|deliverables?|results|announcements|inisiatif|hasil|capaian|"
                       r"keputusan|kesepakatan|persetujuan)\b", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[•\-–*▪])\s+")
# what may stand between a promise word and the colon of a line that only opens a list of what was
# promised: "agreed to:", "agreed on the following:", "sepakat untuk hal-hal berikut:", "ont convenu de ce qui suit :"
_BARE_INTRO = re.compile(r"(?:\s|\b(?:to|on|upon|that|the|following|as|follows|these|several|a|number|of|points?|"
                         r"measures|steps|matters|items|issues|things|below|untuk|pada|atas|bahwa|bahawa|hal|hal-hal|"
                         r"berikut|berikutnya|ini|sebagai|seperti|beberapa|sejumlah|perkara|langkah|poin|butir|de|ce|"
                         r"qui|suit|les|mesures)\b)*:\s*", re.IGNORECASE)


# "... disepakati kedua pemerintah, yaitu:", "... signed by the two sides, namely the following:"
_NAMELY_END = re.compile(r"[^.;:\"“”]{0,80}?\b(?:yakni|yaitu|iaitu|antara lain|namely|including|as follows|berikut|"
                         r"sebagai berikut|seperti berikut)(?:\s+(?:the\s+)?following)?\s*:\s*", re.IGNORECASE)


# "and" before another document of a list, not inside one ("antara BSN dan SASO")
_ANOTHER_DOCUMENT = re.compile(r"\s+(?:and|dan|serta)\s+(?=(?:a|an|the|MoU|protokol|protocol|perjanjian|nota|"
                               r"memorandum|rencana aksi|plan of action)\s)", re.IGNORECASE)
# what follows the documents a sentence lists: "... include", "... itu antara lain", "... signed on Friday cover"
_DOCUMENTS_LISTED = re.compile(r"(?:\s+(?:signed|agreed|exchanged|diteken|ditandatangani|yang|itu|tersebut|"
                               r"antarpemerintah|on\s+\w+day|that\s+day))*\s*(?:include|includes|included|"
                               r"cover|covers|covered|antara lain|meliputi|mencakup|termasuk|yakni|yaitu|iaitu|are|were)\b",
                               re.IGNORECASE)


_COUNT = re.compile(r"\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|dua|tiga|empat|lima|enam|tujuh|delapan|"
                    r"sembilan|sepuluh|belas|puluh", re.IGNORECASE)


_SCHEDULE_COMPARED = frozenset({"than", "as", "dari", "daripada", "sesuai", "seperti", "mengikut"})


_DATE_LEAD = re.compile(r"[\s,]*(?:(?:on|in|pada|hari|le)\s+)?", re.IGNORECASE)


_QUOTE_MARK = re.compile(r"[\"“”]")


_COORDINATOR = re.compile(r"(?:\band\b|\bdan\b|\bserta\b|\bet\b|,)", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r",?\s+(?:and|dan|serta|while|sementara|as well as)\s+|[,;]\s+", re.IGNORECASE)


_INFINITIVE_MARKS = frozenset({"to", "de", "d'", "d’"})
_DETERMINERS = frozenset({"the", "a", "an", "their", "its", "his", "her", "this", "that", "these", "those", "le", "la",
                          "les", "l", "un", "une", "des", "du", "leur", "leurs"})
_NOT_VERBS = frozenset({"menteri", "media", "meeting", "during", "including", "morning", "evening"})


@dataclass
class _Found:
    actors: frozenset
    words: set[str]
    commitment: RuleCommitment


_ALSO = re.compile(r"\b(?:also|juga|pula|turut)\s+$", re.IGNORECASE)
# a short subject of its own before a modal, perhaps with a verb of speech: "Seoul said it", "that China",
# "India", "Jepang pun" (not a relative clause: "which Korea")
_OWN_SUBJECT = re.compile(r"(?!(?:which|who|whom|whose|where|yang|di mana)\b)(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+\s*",
                          re.IGNORECASE)
# a subject that counts the meeting's sides by their office, right before the cue: "The two presidents
# agreed", "both defence chiefs pledged", "ketiga panglima sepakat", "kedua-dua perdana menteri bersetuju"
_GROUP_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|dan|serta|while|sementara)\s+)(?:the\s+|all\s+)?(?:(?<![\w-])both|two|three|four|five|six|seven|"
    r"eight|nine|ten|(?:kedua|ketiga|keempat|kelima)(?:-(?:dua|tiga|empat|lima))?)\s+((?:[^\W\d_][\w'’-]*\s+){1,3}?)"
    r"(?:(?:also|have|had|then|juga|pun|turut|telah|sudah)\s+)*$", re.IGNORECASE)


class CommitmentFinder:
    def __init__(self, doc: Doc, groups: list[Group], planned_anchor_pos: set[int]) -> None:
        self.doc = doc
        self.groups = groups
        self.planned_anchor_pos = planned_anchor_pos
        # states a commitment may name: those the text names, and those of its meetings' hosts and
        # people ("Menlu Retno bertemu Menlu China Wang Yi di Jakarta": Indonesia, never written)
        self.grounded = set(doc.mentioned).union(*(g.countries for g in groups))
        self.found: list[_Found] = []
        self._stop = None

    def run(self, sents: list[Sent]) -> list[RuleCommitment]:
        intro = None  # "Dokumen yang diteken antara lain:" heads a list of agreed items
        told: _Found | None = None  # what the sentence before agreed, for a bare "Among them were:"
        for s in sents:
            if is_headline(self.doc, s) or is_header_line(self.doc, s) or CAPTION.match(s.text):
                continue  # a headline repeats what the body says, in words cut short; a caption tells of a picture
            item = _LIST_ITEM.match(s.text)
            if item and intro is not None:
                before = len(self.found)
                if s.get("commit"):
                    self._sentence(s)  # "2. Kedua negara akan membuka kembali kedutaan ...": the item says who commits
                if len(self.found) == before and s.pos not in self.planned_anchor_pos:  # "4. The ministers will meet ..."
                    self._list_item(s, intro, item.end())
                continue
            before = len(self.found)
            if s.get("commit"):
                self._sentence(s)
                if len(self.found) == before:
                    self._documents_named(s)  # "The documents signed on Friday include A, B and C"
            else:
                self._exchange(s)
            if s.text.rstrip().endswith(":"):
                # "The ministers agreed to carry five issues forward:" is itself the commitment and the
                # items its content; "The documents signed that day included:" heads a list of them,
                # as does "Among the documents exchanged were:" (an exchange that names nothing itself)
                if not s.get("commit") and len(self.found) > before:
                    exchanged = self.found[before:]
                    del self.found[before:]
                    intro = (set(exchanged[0].commitment.actors), "agreed")
                elif len(self.found) > before and self._bare_intro(s):
                    # "the two governments agreed to:", "agreed on the following:": the promise is in
                    # the items; the line only says who made it, and how
                    made = self.found[before:]
                    del self.found[before:]
                    intro = (set(made[0].commitment.actors), made[0].commitment.modality)
                elif len(self.found) > before and self._namely_intro(s):
                    # "the eight documents agreed by the two governments, namely:": what was agreed is the
                    # items; the words up to the colon only name them
                    made = self.found[before:]
                    del self.found[before:]
                    actors = set(made[0].commitment.actors)
                    if len(actors) < 2:
                        actors |= self._meeting_states(s)
                    intro = (actors, made[0].commitment.modality) if len(actors) >= 2 else None
                else:
                    intro = self._list_intro(s) if len(self.found) == before else None
                if intro is None and len(self.found) == before and told is not None:
                    # "Ten agreements were exchanged. Among them were:": the list is of the documents
                    # told just before, and its items say more than their count
                    intro = (set(told.commitment.actors), told.commitment.modality)
                    self.found.remove(told)
            elif not item:
                intro = None
            told = self.found[-1] if len(self.found) > before and s.get("agreement_nouns") else None
        return [f.commitment for f in self.found]


    def _exchange(self, s: Sent) -> None:
        """'The delegations exchanged five documents, on health, ...', 'Four memoranda of understanding
        were exchanged': an exchange of signed documents is an agreement of the states that exchange
        them (named before, else the meeting's)."""
        doc = self.doc
        pair = next(((v, n) for v in s.get("document_exchange") for n in s.get("agreement_nouns")
                     if 0 <= n[0] - v[1] <= 4 or 0 <= v[0] - n[1] <= 4), None)
        if pair is None:
            self._documents_named(s)
            return
        first = min(pair[0][0], pair[1][0])
        if first > 0 and _COUNT.fullmatch(doc.low[first - 1]):
            first -= 1  # "four memoranda ..."
        actors = self._actors(s, s.start, doc.char(first))
        if len(actors) < 2:
            actors |= self._meeting_states(s)
        if len(actors) < 2:
            return
        items = self._named_items(s, doc.char(first))
        for a, b in items or [(doc.char(first), s.end)]:
            self._add(s, actors, "agreed", a, b, item=bool(items))

    def _documents_named(self, s: Sent) -> None:
        """"The documents include A, B and C", "Dokumen antarpemerintah itu antara lain A, serta B": the
        sentence's subject is the signed documents and it names them; each is an agreement of the states of
        the meeting told nearby."""
        doc = self.doc
        first = doc.tok(max(s.start, s.dateline_end))
        noun = next((n for n in s.get("agreement_nouns") if n[0] - first <= 6), None)
        if noun is None or not _DOCUMENTS_LISTED.match(doc.ctx.text, doc.tend[noun[1] - 1], s.end):
            return
        items = self._named_items(s, doc.tend[noun[1] - 1])
        actors = self._meeting_states(s) if items else set()
        for a, b in items if len(actors) >= 2 else []:
            self._add(s, actors, "agreed", a, b, item=True)

    def _named_items(self, s: Sent, start: int) -> list[tuple[int, int]]:
        """"... sejumlah nota kesepahaman, yakni A, B, serta C": the documents the sentence names, one
        span each (commas part them; "dan" inside an item, "antara BSN dan SASO", does not)."""
        text = self.doc.ctx.text
        m = _NAMELY.search(text, start, s.end)
        if m is None or text.count("(", start, m.start()) > text.count(")", start, m.start()):
            return []  # "(including the Pulau Sebatik segment)": a remark inside one item
        out, at = [], m.end()
        parts = [(at + p.start(), at + p.end()) for p in re.finditer(r"[^,;]+", text[at:s.end])]
        if parts:  # "..., a protocol on exports and a plan for research": the last two joined by "and"
            a, b = parts.pop()
            cut = _ANOTHER_DOCUMENT.search(text, a, b)
            parts += [(a, cut.start()), (cut.start(), b)] if cut and cut.start() > a else [(a, b)]
        for a, b in parts:
            lead = re.match(r"\s*(?:(?:dan|serta|and|et)\s+)?", text[a:b])
            a += lead.end()
            b = a + len(text[a:b].rstrip(" .;"))
            if len(TOKEN.findall(text[a:b])) >= 2:
                out.append((a, b))
        return out if len(out) >= 2 else []

    def _after_last_promise(self, s: Sent, rx: re.Pattern) -> bool:
        """Does `rx` match all that follows the sentence's last promise word?"""
        last = max(j for _, j, _ in s.get("commit"))
        return bool(rx.fullmatch(self.doc.ctx.text, self.doc.tend[last - 1], s.end))

    def _bare_intro(self, s: Sent) -> bool:
        """Does nothing but list-opening words follow the sentence's last promise word?"""
        return self._after_last_promise(s, _BARE_INTRO)

    def _namely_intro(self, s: Sent) -> bool:
        """Does the sentence's last promise word lead, in a few words, to "namely:" / "yaitu:" and the end?"""
        return self._after_last_promise(s, _NAMELY_END)

    def _list_intro(self, s: Sent) -> tuple[set[str], str] | None:
        """(actors, modality) of a sentence that opens a list of agreements."""
        hits = s.get("commit")
        if not hits and not s.get("agreement_nouns") and not _ONE_ACCORD.search(s.text) \
                and not _OUTCOMES.search(s.text):
            return None
        actors = {m.value for m in party_countries(self.doc, s) if m.value} & self.grounded
        if len(actors) < 2:
            actors = self._meeting_states(s)
        modality = next((label for _, _, label in hits if label != "plans"), "agreed")
        return (actors, modality) if len(actors) >= 2 else None

    def _list_item(self, s: Sent, intro: tuple[set[str], str], body_at: int) -> None:
        actors, modality = intro
        start = s.start + body_at
        for a, b in self._split_coordinated(s, start):
            self._add(s, set(actors), modality, a, b, item=True)

    def _sentence(self, s: Sent) -> None:
        """One commitment per clause: 'Xi agreed to X, and the two governments agreed to Y' has two,
        with their own actors; 'agreed to X and pledged Y' has two with the same actors."""
        hits = s.get("commit")
        if s.pos in self.planned_anchor_pos:
            # a planned meeting, not a commitment, nor is what it is to do ("will meet next week to
            # review the details and sign the agreement"); a promise stated before it still counts
            meet = min((i for i, _, _ in s.get("meet")), default=None)
            hits = [h for h in hits if h[2] != "plans" and (meet is None or h[0] < meet)]
            if not hits:
                return
        hits = [h for h in hits if not self._as_planned(h)]
        if not hits:
            return
        hits = self._inner_promise(s, hits)
        clauses = self._clauses(s, hits)
        actors: set[str] = set()
        for k, (hit, subject_at, end) in enumerate(clauses):
            if self._negated(s, hit):
                if k == 0:
                    return
                continue
            own = self._actors(s, subject_at, self.doc.char(hit[0]))
            if own and self._first_person_subject(s, hit):
                own = set()  # "Visas for Indonesians akan kami perpanjang": the pronoun is the subject
            elif own and self._joined_speaker(s, subject_at, hit):
                own |= self._speaker_state(s)  # "President Xi and I agreed ...": the speaker's side too
            quoted = not own and self._quoted_actors(s, subject_at, self.doc.char(hit[0]), hit)
            actors = own or quoted or actors or self._meeting_subject(s, subject_at, hit)
            if own and _RECEIVES.match(self.doc.ctx.text, self.doc.tend[hit[1] - 1]):
                # "Fiji and Comoros will get solar projects backed by Indian money, Modi announced": those
                # who receive are no actors; the giver is
                actors = self._givers(s, hit, end, own)
            if not actors or not (self._international(s) or quoted or len(actors) >= 2
                                  or self._party_pledge(s, actors, hit)):
                continue
            modality = hit[2]
            if k == 0 and len(clauses) == 1:
                weak = {i for i, _, _ in s.get("weak_commitment")}
                modality = next((label for i, _, label in hits if i not in weak), hit[2])
            if modality == "plans" and _QUOTE_MARK.search(s.text) and self._in_quote(s, hit[0]):
                modality = "pledged"  # "we will ...", "Japan will stand with ...": said aloud, a promise
            begin = self.doc.tend[hit[1] - 1]
            if _ATTENDED.match(self.doc.ctx.text, begin):
                continue  # "Ramaphosa akan didampingi para menteri ...", "will be represented by ...": who comes
            if _PASSIVE.match(self.doc.ctx.text, begin):
                # "kolaborasi industri antara Jakarta dan Hanoi akan diperkuat": what is to be done is
                # told before the modal, as its subject
                begin = self._passive_subject(s, subject_at, self.doc.char(hit[0]))
            for start, stop in self._split_coordinated(s, begin, end):
                self._add(s, actors, modality, start, stop)

    def _as_planned(self, hit: tuple[int, int, str]) -> bool:
        """'molor satu jam dari rencana', 'longer than planned', 'sesuai rencana', 'as scheduled': a
        comparison with the schedule, not a plan."""
        i = hit[0]
        return hit[2] == "plans" and i > 0 and self.doc.low[i - 1] in _SCHEDULE_COMPARED

    def _passive_subject(self, s: Sent, lo: int, cue: int) -> int:
        """Where the subject of a passive clause starts: after a list dash and a fronted phrase
        ("- Di ranah pertahanan, ...")."""
        text = self.doc.ctx.text
        at = lo + len(text[lo:cue]) - len(text[lo:cue].lstrip(" -–•*"))
        fronted = _FRONTED.match(text, at, cue)
        return fronted.end() if fronted else at

    def _givers(self, s: Sent, hit: tuple[int, int, str], end: int, receivers: set[str]) -> set[str]:
        """The states named after a receiving verb ("... of Indian money", "dari Jepang"), else the
        state of the person who announced it."""
        doc = self.doc
        after = doc.tend[hit[1] - 1]
        named = {m.value for m in party_countries(doc, s) if m.value and after <= m.start < end} - receivers
        named |= {c for p in s.people if after <= p.start and (c := self._country_of(p))} - receivers
        return (named or self._speaker_state(s)) - receivers

    def _inner_promise(self, s: Sent, hits: list) -> list:
        """'Sugiono menegaskan bahwa Indonesia berkomitmen memajukan ...', 'X stressed that Japan is
        committed to ...': a saying verb before 'that' frames the promise told after it, whose own
        word and subject count."""
        first = hits[0]
        if not any(j0 in (first[1], first[1] + 1) for j0, _, _ in s.get("complementizers")):
            return hits  # not "the importance of ...": that is no promise at all
        weak = {i for i, _, _ in s.get("weak_commitment")}
        inner = [h for h in hits[1:] if h[0] not in weak and h[0] > first[1] + 1]
        return inner or hits

    def _clauses(self, s: Sent, hits: list) -> list[tuple[tuple[int, int, str], int, int]]:
        """(cue, where its subject may start, where its action ends) for each clause of the sentence.
        A later cue opens a clause when it is not a weak one (will, akan) and stands apart from the
        previous cue; its subject starts after the previous cue's action, at the first party named."""
        doc = self.doc
        weak = {i for i, _, _ in s.get("weak_commitment")}
        nouns = {i for i, _, _ in s.get("commitment_nouns")}
        heads = [hits[0]]
        for h in hits[1:]:
            if h[0] in nouns or h[0] - heads[-1][1] < 3:
                continue
            start = self._subject_start(s, doc.tend[heads[-1][1] - 1], doc.char(h[0]))
            between = doc.ctx.text[start:doc.char(h[0])]
            if h[0] in weak:
                # "Japan agreed to lift the curbs, while Seoul said it would drop its complaint", "..., and
                # India will take on ...": a modal opens a clause only after a subject of its own
                if start < doc.char(h[0]) and _OWN_SUBJECT.fullmatch(between) and self._actors(s, start, doc.char(h[0])):
                    heads.append(h)
                continue
            if not between.strip() or _ALSO.fullmatch(between.strip() + " "):
                if self._coordinated(h[0]) and (h[2] != heads[-1][2] or _ALSO.search(
                        doc.ctx.text, doc.char(h[0]) - 12, doc.char(h[0]))):
                    # "agreed to start X and pledged Y": another kind of promise; "sepakat ... dan juga
                    # sepakat ...", "agreed to X and also agreed to Y": the same kind once more
                    heads.append(h)
            elif self._actors(s, start, doc.char(h[0])):
                heads.append(h)  # "..., and the two governments agreed to Y": a subject of its own
        out = []
        for k, h in enumerate(heads):
            end = s.end
            if k + 1 < len(heads):
                nxt = doc.char(heads[k + 1][0])
                end = self._subject_start(s, doc.tend[h[1] - 1], nxt)
            out.append((h, s.start if k == 0 else out[-1][2], end))
        return out

    def _meeting_subject(self, s: Sent, subject_at: int, hit: tuple[int, int, str]) -> set[str]:
        """"The 25-minute meeting ended with an agreement to deepen ...", "Pertemuan itu menghasilkan
        kesepakatan untuk ...": an agreement *to do* something that the meeting the sentence points
        back at produced is a promise of that meeting's states."""
        doc = self.doc
        cue, after = hit[0], hit[1]
        if hit[0] not in {i for i, _, _ in s.get("commitment_nouns")} or \
                after >= len(doc.low) or doc.low[after] not in ("to", "untuk"):
            return set()
        nouns = [i for i, _, _ in s.get("meeting_nouns") if doc.char(i) >= subject_at and i < cue]
        pointed = {j for _, j, _ in s.get("anaphora_before") + s.get("anaphora_the")} | \
                  {i for i, _, _ in s.get("anaphora_after")}
        if not any(i in pointed or i + 1 in pointed or (i - 1) in pointed or any(i < p <= i + 3 for p in pointed)
                   for i in nouns):
            return set()
        return self._meeting_states(s)

    def _coordinated(self, tok: int) -> bool:
        """'and' / 'dan' / 'serta' / a comma within the two tokens before the cue."""
        doc = self.doc
        lo = doc.tend[tok - 3] if tok >= 3 else 0
        return bool(_COORDINATOR.search(doc.ctx.text[lo:doc.char(tok)]))

    def _subject_start(self, s: Sent, after: int, cue: int) -> int:
        """Where the next clause starts: at the last coordinator or comma before its cue ("..., and
        the two governments agreed"), else at the cue (the same subject goes on: "and pledged")."""
        m = None
        for m in _CLAUSE_BREAK.finditer(self.doc.ctx.text, after, cue):
            pass
        return m.end() if m else cue

    def _quoted_actors(self, s: Sent, lo: int, cue: int, hit: tuple[int, int, str]) -> set[str]:
        """A pledge in a direct quote. "We agreed ...", "our two countries will ...", "we will ...
        together" are the meeting's states; a plain "we will ..." / "kami berkomitmen ..." is the
        speaker's side ("kami" excludes the one spoken to), as is "I will ..."."""
        doc = self.doc
        if not _QUOTE_MARK.search(s.text):
            return set()
        we = [(i, j) for i, j, _ in s.get("we_subjects") if lo <= doc.char(i) < cue or self._right_after(hit, i)]
        if we:
            group = any(j - i >= 2 for i, j in we)  # "our two countries", "the three of us"
            if group or hit[2] == "agreed" or _TOGETHER.search(s.text):
                return self._meeting_states(s)
            return self._speaker_state(s) or self._meeting_states(s)
        if any(lo <= doc.char(i) < cue or self._right_after(hit, i) for i, _, _ in s.get("i_subjects")):
            return self._speaker_state(s)
        return set()

    def _joined_speaker(self, s: Sent, lo: int, hit: tuple[int, int, str]) -> bool:
        """'X and I' / 'X dan saya' before the cue, inside a quote."""
        doc = self.doc
        if not _QUOTE_MARK.search(s.text) or not self._in_quote(s, hit[0]):
            return False
        return any(lo <= doc.char(i) and j <= hit[0] and self._joined(i) for i, j, _ in s.get("i_subjects"))

    @staticmethod
    def _right_after(hit: tuple[int, int, str], tok: int) -> bool:
        return tok == hit[1]  # "akan kami perpanjang": the agent right after the modal

    def _first_person_subject(self, s: Sent, hit: tuple[int, int, str]) -> bool:
        """A first-person pronoun inside a quote right before the cue or right after a modal one."""
        if not _QUOTE_MARK.search(s.text) or not self._in_quote(s, hit[0]):
            return False
        marks = s.get("we_subjects") + s.get("i_subjects")
        return any((j in (hit[0], hit[0] - 1) or self._right_after(hit, i)) and not self._joined(i)
                   for i, j, _ in marks)

    def _joined(self, tok: int) -> bool:
        """'Xi and I': the pronoun joined to a name, not a clause of its own (', and we will')."""
        doc = self.doc
        if tok < 2 or doc.low[tok - 1] not in _WITH_OTHERS:
            return False
        return "," not in doc.ctx.text[doc.tend[tok - 2]:doc.char(tok - 1)]

    def _in_quote(self, s: Sent, tok: int) -> bool:
        at = self.doc.char(tok)
        return any(m.start() <= at < m.end() for m in _QUOTED.finditer(self.doc.ctx.text, s.start, s.end))

    def _speaker_state(self, s: Sent) -> set[str]:
        """The state of the person the sentence quotes: named outside the quotation marks."""
        doc = self.doc
        text = doc.ctx.text
        inside = [(m.start(), m.end()) for m in _QUOTED.finditer(text, s.start, s.end)]
        for p in s.people:
            if any(a <= p.start < b for a, b in inside):
                continue
            country = p.extra.get("country") or doc.full_people.get(p.value, p).extra.get("country")
            if country:
                return {country} & self.grounded or {country}
        return set()

    def _actors(self, s: Sent, lo: int, cue: int) -> set[str]:
        doc = self.doc
        said = self._attribution_spans(s, cue)
        past_topic = cue > topic_start(doc, s)  # its verb lies past where the meeting's topic starts
        actors = {m.value for m in party_countries(doc, s, from_topic=past_topic) if m.value and lo <= m.start < cue
                  and not any(a <= m.start < b for a, b in said) and not _of_firms(doc.ctx.text, m)}
        subject = [p for p in s.people if lo <= p.start and p.end <= cue and not any(a <= p.start < b for a, b in said)]
        actors |= {self._country_of(p) for p in subject if self._country_of(p)}
        if any(lo <= doc.char(i) < cue for i, _, _ in s.get("both_sides")) or self._group_subject(lo, cue):
            actors |= self._meeting_states(s)
        elif len(subject) >= 2 and any(not self._country_of(p) for p in subject):
            # "Kamikawa and Teodoro signed ...": people of the meeting, one of them of no stated country
            states = self._meeting_states(s)
            if actors <= states:
                actors |= states
        return actors & self.grounded

    def _group_subject(self, lo: int, cue: int) -> bool:
        """"The two presidents agreed ...": the sides counted by their office, not their firms ("the two
        countries' companies") nor a part of them ("two of the ministers")."""
        m = _GROUP_SUBJECT.search(self.doc.ctx.text[lo:cue])
        if m is None or _NOT_THE_SIDES.search(m.group()):
            return False
        head = m.group(1).split()[-1].lower()
        heads = _office_words()
        return head in heads or head[:-1] in heads or (head.endswith("es") and head[:-2] in heads)

    def _country_of(self, person) -> str | None:
        """The person's state, from this mention or from the fullest mention of the name."""
        return person.extra.get("country") or self.doc.full_people.get(person.value, person).extra.get("country")

    def _attribution_spans(self, s: Sent, cue: int) -> list[tuple[int, int]]:
        """"According to Finnish minister Laakso, ...", "Menurut Parly, ...": who says it is no actor."""
        out = []
        for i, _, _ in s.get("attribution"):
            start = self.doc.char(i)
            comma = s.text.find(",", start - s.start)
            if start < cue and comma >= 0 and s.start + comma < cue:
                out.append((start, s.start + comma))
        return out

    def _negated(self, s: Sent, first: tuple[int, int, str]) -> bool:
        if any(first[0] - 3 <= j <= first[0] for _, j, _ in s.get("negations")):
            return True  # "did not reach any agreement", "tidak sepakat"
        return self._not_a_promise(s, first)

    def _not_a_promise(self, s: Sent, first: tuple[int, int, str]) -> bool:
        """'agreed that ...', 'stressed the importance of ...', 'reiterated its positions', 'harus ...',
        and how things stand ('kedua negara terus memperdalam ... dukungan'), not what is promised."""
        if any(j0 in (first[1], first[1] + 1) for j0, _, _ in s.get("not_commitment_next")):
            # "agreed that ..." states a view, unless what follows is something to be done:
            # "agreed that their ministers would meet every year", "sepakat bahwa ... bisa ..."
            return not any(first[1] < i <= first[1] + 15 for i, _, _ in s.get("modal_complement"))
        if any(i < first[0] for i, _, _ in s.get("opinion")):
            return True
        modal = any(i < first[0] for i, _, _ in s.get("weak_commitment"))
        return not modal and any(i < first[0] for i, _, _ in s.get("ongoing"))

    def _meeting_states(self, s: Sent) -> set[str]:
        live = [g for g in self.groups if not g.planned and len(g.countries) >= 2]
        n = party_count(self.doc, s)
        if n and any(len(g.countries) == n for g in live):
            live = [g for g in live if len(g.countries) == n]  # "keduanya": a meeting of two, not of four
        if not live:
            return set()
        g = min(live, key=lambda g: (min(abs(p - s.pos) for p in g.positions), g.positions[0]))
        return set(g.countries)

    def _party_pledge(self, s: Sent, actors: set[str], hit: tuple[int, int, str]) -> bool:
        """'Norway pledged to double its funding for ocean research', 'Lavrov promised to raise the
        request in Moscow', 'The Saudi side expressed interest in ...': one state's pledge or intention
        (not a plan), told in an article about its meeting with others, whose states it names nowhere
        else in the sentence."""
        if len(actors) != 1 or hit[2] not in ("pledged", "intends") \
                or hit[0] in {i for i, _, _ in s.get("commitment_nouns")}:
            return False  # "stressing China's commitment to deepening reforms": a policy at home
        return any(actors < g.countries and not g.planned for g in self.groups if len(g.countries) >= 2)

    def _international(self, s: Sent) -> bool:
        states = {m.value for m in s.countries if m.value} | {self._country_of(p) for p in s.people} - {None}
        return len(states) >= 2 or bool(s.get("both_sides")) or bool(s.get("scope"))

    def _actions(self, s: Sent, first: tuple[int, int, str]) -> list[tuple[int, int]]:
        """Char spans of the committed actions after the cue, split at 'serta' / 'as well as' / 'and to'."""
        return self._split_coordinated(s, self.doc.tend[first[1] - 1])

    def _split_coordinated(self, s: Sent, start: int, stop: int | None = None) -> list[tuple[int, int]]:
        doc = self.doc
        stop = s.end if stop is None else stop
        spans, at = [], start
        for i, j, _ in s.get("action_splitters"):
            nxt = doc.low[j] if j < len(doc.low) and doc.char(j) < stop else ""
            infinitive = doc.low[j - 1] in _INFINITIVE_MARKS  # "and to broaden", "et de renforcer"
            # "... 5 juta dolar AS untuk X, serta 3 juta dolar AS untuk Y": a second sum, a second pledge
            money = j < len(doc.low) and AMOUNT_RX.match(doc.ctx.text, doc.char(j))
            if at < doc.char(i) < stop and (_VERBISH.fullmatch(nxt) or money or infinitive and nxt.isalpha()
                                             and nxt not in _DETERMINERS) \
                    and nxt not in _NOT_VERBS:
                spans.append((at, doc.char(i)))
                at = doc.tend[j - 1]
        spans.append((at, stop))
        return [sp for sp in spans if len(TOKEN.findall(doc.ctx.text[sp[0]:sp[1]])) >= 3] or [(start, stop)]

    def _only_when(self, s: Sent, start: int, end: int) -> bool:
        """Is the span nothing but a date ("on Thursday", "pada Kamis (13/3)")?"""
        text = self.doc.ctx.text
        lead = _DATE_LEAD.match(text, start, end).end()
        last = start + len(text[start:end].rstrip(" .,;"))
        return lead < last and any(d.start <= lead and d.end >= last for d in s.dates)

    def _add(self, s: Sent, actors: set[str], modality: str, start: int, end: int, item: bool = False) -> None:
        doc = self.doc
        words = self._content(doc.ctx.text[start:end])
        key = frozenset(actors)
        # the same action told again joins the first telling; items of one list ("MoU kerja sama
        # perikanan", "MoU kerja sama industri") share their frame words but are each their own
        share = 1.0 if item else 0.6
        for f in self.found:
            shared = len(words & f.words)
            if f.actors == key and shared >= 3 and shared >= share * min(len(words), len(f.words)):
                if s.sid not in f.commitment.evidence:
                    f.commitment.evidence.append(s.sid)
                return
        lead = _PLACE_FIRST.match(doc.ctx.text, start, end) or _WHEN_FIRST.match(doc.ctx.text, start, end)
        if lead is not None:
            start = lead.end()  # "agreed in Tokyo that their militaries would ...", "agreed on Saturday that ..."
        if (lead := _IN_RETURN.match(doc.ctx.text, start, end)) is not None:
            start = lead.end()  # "Canberra agreed in return to suspend its complaint": what it gives back
        if _TOLD_ACCORD.match(doc.ctx.text, start, end):
            # "Kamikawa and Teodoro signed the pact at Malacañang ...": the accord told just before, told again
            told = next((f for f in reversed(self.found) if f.actors == key), None)
            if told is not None:
                if s.sid not in told.commitment.evidence:
                    told.commitment.evidence.append(s.sid)
                return
        if self._only_when(s, start, end):
            return  # "..., Dahl and Vidal agreed on Thursday.": what they agreed was told before; this is when
        topic = self._topic(s, start, end)
        action = _clip(doc.ctx.text[start:end])  # the clause of the evidence; the modality has its own field
        if not _ACTION_START.match(action):
            return  # "(Defence Cooperation Agreement/DCA) di Aula ...": a name's end and a place, no action
        if _ONE_MEETING.match(action) and not _RECURRING.search(action):
            return  # "agreed to meet face to face soon", "hoped to see Xi at the Apec summit": a meeting to come
        self.found.append(_Found(key, words, RuleCommitment([s.sid], sorted(actors), action, topic, modality)))

    def _content(self, text: str) -> set[str]:
        if self._stop is None:
            from qa_app.text.stopwords import clause_stopwords

            self._stop = clause_stopwords()
        return {w for w in (t.lower() for t in TOKEN.findall(text)) if w not in self._stop and len(w) > 2}

    def _topic(self, s: Sent, start: int, end: int) -> str:
        """The first topic named in the action; else the sentence's most frequent; else diplomacy."""
        doc = self.doc
        hits = s.get("topic")
        inside = [label for i, _, label in hits if start <= doc.char(i) < end]
        if inside:
            return inside[0]
        if hits:
            labels = [label for _, _, label in hits]
            return max(dict.fromkeys(labels), key=labels.count)
        return "diplomacy"


# "President Xi and I agreed": the pronoun is one of several subjects
_WITH_OTHERS = frozenset({"and", "dan", "serta", "&", "et", "with", "dengan"})
# a promise made together: "we will keep strengthening our deterrence together", "each other's interests"
_TOGETHER = re.compile(r"\b(?:together|jointly|each other(?:'s|’s)?|one another|bersama-sama|satu sama lain|"
                       r"saling|ensemble)\b", re.IGNORECASE)


_WEEKDAYS_RX = (r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Isnin|Khamis|Monday|Tuesday|Wednesday|"
                r"Thursday|Friday|Saturday|Sunday)")


# an accord named only by a word that points back at it, then where or how it was signed
_TOLD_ACCORD = re.compile(r"\s*(?:(?:the|this|that)\s+(?:pact|agreement|accord|deal|treaty|memorandum|MoU)"
                          r"|(?:perjanjian|kesepakatan|nota kesepahaman|MoU|pakta)\s+(?:tersebut|itu|ini))"
                          r"(?=\s*(?:[,.;]|$|\b(?:at|in|on|during|before|after|di|pada|dalam|disaksikan)\b))", re.IGNORECASE)
_PLACE_FIRST = re.compile(r"\s*(?:there\s+|(?:in|at|di)\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:that\s+|bahwa\s+)?)"
                          r"(?=(?:to|untuk|their|the|its|both|kedua|all)\b)")
_WHEN_FIRST = re.compile(rf"\s*(?:on|pada|hari)\s+{_WEEKDAYS_RX}(?:\s*\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\))?,?\s+"
                         r"(?:that|bahwa|bahawa)\s+", re.IGNORECASE)
_IN_RETURN = re.compile(r"\s*(?:in return|in turn|in exchange|for (?:its|their|his|her) part|sebagai (?:imbalan|gantinya)|"
                        r"sebaliknya)\s*,?\s*(?:to\s+)?", re.IGNORECASE)
# "Japanese companies had committed ...", "Vietnam Airlines will buy ...", "perusahaan China berkomitmen ...":
# firms of a state commit themselves, not the state
_FIRMS = (r"(?:compan(?:y|ies)|firms?|business(?:es| leaders)?|investors?|corporations?|conglomerates?|"
          r"manufacturers?|airlines?|airways|perusahaan(?:-perusahaan)?|syarikat(?:-syarikat)?|pengusaha|"
          r"korporasi|pelabur|entreprises?)")
_FIRMS_AFTER = re.compile(rf"\s*{_FIRMS}\b", re.IGNORECASE)
_FIRMS_BEFORE = re.compile(rf"\b{_FIRMS}\s+(?:asal\s+|dari\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _office_words() -> frozenset[str]:
    """The last word of each title the people finder knows ("president", "menteri", "chief")."""
    from qa_app.nlp.lexicon import load

    titles = load("titles")
    return frozenset(t.split()[-1].lower() for t in titles["titles"] + titles["lower_titles"])


_NOT_THE_SIDES = re.compile(rf"\b(?:of|dari|from|among|antara|{_FIRMS})\b", re.IGNORECASE)


def _of_firms(text: str, m) -> bool:
    return bool(_FIRMS_AFTER.match(text, m.end) or _FIRMS_BEFORE.search(text, max(0, m.start - 40), m.start))


# an action that is itself one meeting or visit to come; meetings held "every year" or "regularly" are
# a promise of the states (their own record is the planned meeting, if any)
_ONE_MEETING = re.compile(
    r"(?:to\s+)?(?:meet(?!\s+(?:\S+\s+){0,3}?(?:targets?|needs?|demands?|obligations?|requirements?|goals?|"
    r"standards?|commitments?|criteria|deadlines?|costs?|expectations?)\b)|see\s+(?-i:[A-Z][a-z]+\b)|"
    r"visit|attend|travel\s+to|come\s+to|"
    r"hold\s+(?:(?:a|the|this\s+year['’]s|their|further|more|direct)\s+)?(?:\w+\s+)?(?:talks|meeting|summit|2\+2)|"
    r"bertemu|berjumpa|berkunjung|mengunjungi|melawat|bertandang|datang\s+ke|hadir\s+(?:di|dalam|pada)|menghadiri|"
    r"melakukan\s+(?:lawatan|kunjungan)|mengadakan\s+(?:lawatan|kunjungan|pertemuan|pembicaraan)|"
    r"menggelar\s+(?:pertemuan|pembicaraan))\b", re.IGNORECASE)
_RECURRING = re.compile(r"\b(?:annual|annually|every|each|regular|regularly|at least|once a|twice a|tahunan|rutin|"
                        r"berkala|setiap|secara teratur|sekali)\b", re.IGNORECASE)
# an action opens with a word, not with punctuation or the place or time of the clause, nor with a relative
# word ("the Military Maritime Consultative Agreement, which is meant to ..."): the cue was a name, not a promise
_ACTION_START = re.compile(r"(?!(?:di|in|at|pada|dans|en|which|whose|yang)\b)[^\W_]", re.IGNORECASE)


_TRAILING_DAY = re.compile(rf",?\s+(?:(?:on|pada|hari)\s+)?{_WEEKDAYS_RX}(?:\s*\(\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?\))?$")
_TRAILING_PLACE = re.compile(r"\s+(?:di|in|at)\s+(?:[A-Z][\w'’.-]*(?:\s+(?:dan|and|of|de)\s+)?[\s,]*){1,10}$")


def _clip(fragment: str, limit: int = 160) -> str:
    text = " ".join(fragment.split()).strip(" ,;.")
    text = re.sub(r"^(?:(?:to|untuk|on|for|de|à)\s+|d['’])", "", text, flags=re.IGNORECASE)  # "convenus de renforcer"
    # a pledge quoted: "We will keep pooling what we have,” Blinken told reporters": the words end the quote
    close = text.find("”")
    if close > 0 and "“" not in text[:close]:
        text = text[:close].rstrip(" ,;.")
    elif text.count('"') % 2 and text.find('"') > 0:
        text = text[:text.find('"')].rstrip(" ,;.")
    # "agreed to start a dialogue and pledged more support": the action ends before the next verb
    text = re.sub(r"(?:[\s,;]+(?:and|or|dan|serta|atau|et|ou|while|whereas|sementara))+$", "", text, flags=re.IGNORECASE)
    # "meneken DCA di Aula Graha Utama Akademi Militer, Magelang, Kamis (29/8/2024)": where and when
    # it was signed close the clause; they are the meeting's, not the action's ("membangun sekolah di
    # Wutung" keeps its place)
    dated = _TRAILING_DAY.search(text)
    if dated:
        text = _TRAILING_PLACE.sub("", text[:dated.start()]).rstrip(" ,;")
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[:cut.rfind(" ")].rstrip(" ,;") + " …"
