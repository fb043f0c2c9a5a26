"""`rules+SPEC`: rules propose, a model chooses; the model can only remove proposals."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from qa_app.backends import parse_spec
from qa_app.backends.combined import RulesThenModelBackend, choice_model
from qa_app.backends.rules import RulesBackend
from qa_app.errors import ConfigError
from qa_app.extract.article import ExtractOptions, extract_article
from tests.fakes import FakeBackend
from tests.test_extract_unit import doc_of

pytestmark = pytest.mark.unit


def test_spec_parsing():
    assert parse_spec("rules+smollm2") == ("combined", "smollm2")
    assert parse_spec("rules+openai:gpt-4o-mini") == ("combined", "openai:gpt-4o-mini")
    for bad in ("rules+rules", "rules+", "rules+gpt"):
        with pytest.raises(ConfigError):
            parse_spec(bad)
    with pytest.raises(ConfigError):
        RulesThenModelBackend(RulesBackend())


def test_choice_model_accepts_only_proposal_ids():
    model = choice_model(["M1", "C1"])
    model.model_validate({"keep": ["M1"]})
    with pytest.raises(ValidationError):
        model.model_validate({"keep": ["M7"]})


def test_model_choice_filters_rules_proposals():
    doc = doc_of("001")
    everything = extract_article(doc, RulesBackend(), ExtractOptions())[0]
    assert everything.meetings and everything.commitments
    chooser = FakeBackend([{"keep": ["M1", "C1"]}])
    kept = extract_article(doc, RulesThenModelBackend(chooser), ExtractOptions())[0]
    assert [m.title for m in kept.meetings] == [everything.meetings[0].title]
    assert [c.evidence for c in kept.commitments] == [everything.commitments[0].evidence]
    assert kept.provenance.backend == "rules+model" and kept.provenance.tokens_in == 100
    prompt = chooser.calls[0]["messages"][-1]["content"]
    assert "[M1]" in prompt and "[C1]" in prompt
