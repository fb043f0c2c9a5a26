"""The `rules` extractor: the deterministic drafts of `qa_app.extract.rules`, no model."""

from __future__ import annotations

from qa_app.extract.context import ArticleContext
from qa_app.extract.extractors.base import Extraction, Extractor, ExtractorInfo
from qa_app.extract.rules import RuleDraft, draft, rules_identity


class RulesExtractor(Extractor):
    def __init__(self):
        self.info = ExtractorInfo("rules", rules_identity())

    @property
    def identity(self) -> str:
        return rules_identity()  # the content hash of the lexicons and of the code applying them

    @property
    def mode(self) -> str:
        return "rules"

    def propose(self, ctx: ArticleContext) -> RuleDraft:
        return draft(ctx)

    def extract(self, ctx: ArticleContext) -> Extraction:
        return Extraction(self.propose(ctx), model_written=False)
