"""`rules+SPEC`: rules propose, a model chooses; the model can only remove proposals."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from qa_app.errors import ConfigError
from qa_app.extract.article import extract_article
from qa_app.extract.batch import article_cache_key
from qa_app.extract.extractors import parse_spec
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.extract.extractors.rules_then_model import RulesThenModelExtractor, choice_model
from qa_app.extract.rules import rules_identity
from qa_app.prompt_templates import load_prompt
from tests.fakes import FakeBackend
from tests.test_extract_unit import doc_of

pytestmark = pytest.mark.unit


def test_spec_parsing():
    assert parse_spec("rules+smollm2") == ("rules+model", "smollm2")
    assert parse_spec("rules+openai:gpt-4o-mini") == ("rules+model", "openai:gpt-4o-mini")
    for bad in ("rules+rules", "rules+", "rules+gpt", "rules+rules+smollm2"):
        with pytest.raises(ConfigError, match="after 'rules\\+' give a model"):
            parse_spec(bad)


def test_choice_model_accepts_only_proposal_ids():
    model = choice_model(["M1", "C1"])
    model.model_validate({"keep": ["M1"]})
    with pytest.raises(ValidationError):
        model.model_validate({"keep": ["M7"]})


def test_model_choice_filters_rules_proposals():
    doc = doc_of("001")
    everything = extract_article(doc, RulesExtractor())[0]
    assert everything.meetings and everything.commitments
    chooser = FakeBackend([{"keep": ["M1", "C1"]}])
    kept, raw = extract_article(doc, RulesThenModelExtractor(chooser))
    assert [m.title for m in kept.meetings] == [everything.meetings[0].title]
    assert [c.evidence for c in kept.commitments] == [everything.commitments[0].evidence]
    assert kept.provenance.backend == "rules+model" and kept.provenance.tokens_in == 100
    assert raw == '{"keep": ["M1", "C1"]}'
    system, user = (m["content"] for m in chooser.calls[0]["messages"])
    prompt = load_prompt("choose_proposals_v1")
    assert system == prompt.system and "[M1]" in user and "[C1]" in user
    assert user.startswith("<article>\n[S1] ") and user.endswith("Which proposals are correct?")


def test_cache_key_names_the_prompt_sent_and_the_rules_lexicons():
    extractor = RulesThenModelExtractor(FakeBackend([]))
    assert extractor.info.prompt_version == load_prompt("choose_proposals_v1").version
    assert extractor.info.prompt_version != load_prompt("extract_v1").version
    assert extractor.identity == f"{rules_identity()}+{extractor.backend.identity}"
    assert article_cache_key("ab" * 8, extractor) != article_cache_key("ab" * 8, RulesExtractor())


def test_no_proposal_means_no_model_call():
    chooser = FakeBackend([])
    records, raw = extract_article(doc_of("001", "Cuaca hari ini cerah. Tidak ada berita lain."),
                                   RulesThenModelExtractor(chooser))
    assert records.meetings == [] and records.commitments == [] and raw == ""
    assert chooser.calls == [] and records.provenance.tokens_in == 0


def test_the_choice_is_required_so_a_grammar_cannot_skip_it():
    from qa_app.extract.extractors.rules_then_model import choice_model

    schema = choice_model(["M1", "C1"]).model_json_schema()
    assert schema["required"] == ["keep"]
