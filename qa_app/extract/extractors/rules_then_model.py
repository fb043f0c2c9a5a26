"""`rules+SPEC`: the rules extractor proposes, a model chooses.

The rules draft every meeting and commitment they can find. The model sees the article's
sentences and the numbered proposals and returns the ids of the proposals the article really
supports; under constrained decoding it can only answer with those ids. Everything kept is a
rules proposal, so grounding holds by construction; the model can only remove records, never
invent them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from qa_app.backends.base import Backend
from qa_app.extract.context import ArticleContext
from qa_app.extract.extractors.base import Extraction, Extractor, ExtractorInfo
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.extract.rules import RuleCommitment, RuleDraft, RuleMeeting
from qa_app.prompt_templates import load_prompt

PROMPT = "choose_proposals_v1"


def choice_model(ids: list[str]) -> type[BaseModel]:
    Choice = Literal[tuple(ids)] if ids else Literal["NONE"]  # type: ignore[valid-type]
    return create_model("Choice", __config__=ConfigDict(extra="forbid"),
                        # required: with a default the grammar would let the model close the object at once
                        keep=(list[Choice], Field(..., max_length=max(1, len(ids)))))


class RulesThenModelExtractor(Extractor):
    def __init__(self, backend: Backend, rules: RulesExtractor | None = None):
        self.rules = rules or RulesExtractor()
        self.backend = backend
        self.prompt = load_prompt(PROMPT)
        self.info = ExtractorInfo("rules+model", f"rules + {backend.info.model}", self.prompt.version)

    @property
    def identity(self) -> str:
        return f"{self.rules.identity}+{self.backend.identity}"

    @property
    def mode(self) -> str:
        return "choice"

    def extract(self, ctx: ArticleContext) -> Extraction:
        proposed = self.rules.propose(ctx)
        items: dict[str, RuleMeeting | RuleCommitment] = {f"M{i}": m for i, m in enumerate(proposed.meetings, start=1)}
        items.update({f"C{i}": c for i, c in enumerate(proposed.commitments, start=1)})
        if not items:
            return Extraction(proposed, model_written=False)
        result = self.backend.structured(self.messages(ctx, items), choice_model(list(items)),
                                         max_retries=1, max_tokens=256)
        keep = set(result.value.keep)
        chosen = RuleDraft([m for pid, m in items.items() if pid[0] == "M" and pid in keep],
                           [c for pid, c in items.items() if pid[0] == "C" and pid in keep])
        return Extraction(chosen, model_written=False, usage=result.usage, raw=result.raw)

    def messages(self, ctx: ArticleContext, items: dict[str, RuleMeeting | RuleCommitment]) -> list[dict]:
        listing = "\n".join(f"[{pid}] {self._describe(ctx, item)}" for pid, item in items.items())
        article = "\n".join(f"[{sid}] {s.text}" for sid, s in ctx.sentences.items() if sid not in ctx.blocked)
        return self.prompt.messages(article=article, proposals=listing)

    def _describe(self, ctx: ArticleContext, item: RuleMeeting | RuleCommitment) -> str:
        quotes = " ".join(ctx.sentences[s].text for s in item.evidence if s in ctx.sentences)
        if isinstance(item, RuleMeeting):
            return self.prompt.part("meeting", status=item.status, kind=item.kind, countries=", ".join(item.countries),
                                    date=item.date_text or "unknown", evidence=quotes)
        return self.prompt.part("commitment", actors=", ".join(item.actors), modality=item.modality,
                                action=item.action, evidence=quotes)
