"""The extractor interface: the spec registry, results that belong to their call, and cache keys
that follow the prompt sent and the rules' lexicons."""

from __future__ import annotations

import dataclasses
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from importlib import resources

import pytest

from qa_app import prompt_templates
from qa_app.backends.base import Backend, BackendInfo, Capabilities, StructuredResult, Usage
from qa_app.errors import BackendError, ConfigError
from qa_app.extract import rules
from qa_app.extract.article import extract_article
from qa_app.extract.batch import article_cache_key
from qa_app.extract.context import build_context
from qa_app.extract.extractors import make_extractor, model_spec_of, parse_spec
from qa_app.extract.extractors.model import ExtractOptions, ModelExtractor
from qa_app.extract.extractors.rules import RulesExtractor
from qa_app.extract.extractors.rules_then_model import RulesThenModelExtractor
from qa_app.prompt_templates import load_prompt
from qa_app.settings import Settings
from tests.fakes import FakeBackend
from tests.test_extract_unit import doc_of

pytestmark = pytest.mark.unit

DOC_ID = "0123456789abcdef"


def test_specs_resolve_to_extractors_and_models():
    assert parse_spec(None) == ("rules", "") and parse_spec(" rules ") == ("rules", "")
    assert parse_spec("smollm2") == ("model", "smollm2")
    assert parse_spec("/m/x.gguf") == ("model", "/m/x.gguf")
    assert parse_spec("openai:gpt-4o-mini") == ("model", "openai:gpt-4o-mini")
    assert [model_spec_of(s) for s in ("rules", "rules+smollm2", "openai:m")] == [None, "smollm2", "openai:m"]
    for bad in ("gpt-4o", "rules:", "local:", "openai:"):
        with pytest.raises(ConfigError, match="valid: rules, smollm2, qwen2.5-coder-1.5b, local:PATH.gguf"):
            parse_spec(bad)
    extractor = make_extractor("rules", Settings())
    assert isinstance(extractor, RulesExtractor) and extractor.backend is None and extractor.concurrent


def test_rules_extractor_sends_no_prompt_and_keys_on_its_lexicons(monkeypatch, tmp_path):
    extractor = RulesExtractor()
    records, raw = extract_article(doc_of("001"), extractor)
    assert raw == "" and records.provenance.prompt_version == "none" and records.provenance.tokens_in == 0
    assert records.provenance.model == extractor.identity == rules.rules_identity()
    before = article_cache_key(DOC_ID, extractor)
    data = tmp_path / "data"
    shutil.copytree(resources.files("qa_app.data"), data)
    titles = data / "lex_titles.json"
    titles.write_text(titles.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    real = resources.files
    monkeypatch.setattr(resources, "files", lambda pkg: data if pkg == "qa_app.data" else real(pkg))
    rules.rules_identity.cache_clear()
    try:
        assert article_cache_key(DOC_ID, extractor) != before  # one byte of a lexicon changed
    finally:
        monkeypatch.undo()
        rules.rules_identity.cache_clear()
    assert article_cache_key(DOC_ID, extractor) == before


@pytest.fixture
def prompt_files(monkeypatch, tmp_path):
    """A copy of the prompt files that the loader reads instead of the shipped ones."""
    folder = tmp_path / "prompts"
    shutil.copytree(resources.files("qa_app.prompts"), folder)
    monkeypatch.setattr(prompt_templates, "prompts_folder", lambda: folder)
    load_prompt.cache_clear()
    yield folder
    load_prompt.cache_clear()


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    load_prompt.cache_clear()


def _keys() -> dict[str, str]:
    extractors = {"rules": RulesExtractor(), "model": ModelExtractor(FakeBackend([])),
                  "rules+model": RulesThenModelExtractor(FakeBackend([]))}
    return {name: article_cache_key(DOC_ID, e) for name, e in extractors.items()}


def test_editing_a_prompt_file_changes_the_key_of_the_extractors_that_send_it(prompt_files):
    first = _keys()
    assert _keys() == first  # deterministic
    _edit(prompt_files / "extract_v1.md", "for analysts", "for policy analysts")
    second = _keys()
    assert second["model"] != first["model"]
    assert second["rules"] == first["rules"] and second["rules+model"] == first["rules+model"]
    _edit(prompt_files / "choose_proposals_v1.md", "Evidence: {evidence}", "Evidence (quoted): {evidence}")
    third = _keys()
    assert third["rules+model"] != second["rules+model"]
    assert third["model"] == second["model"] and third["rules"] == second["rules"]


def test_the_edited_prompt_is_the_one_sent(prompt_files):
    _edit(prompt_files / "extract_v1.md", "for analysts", "for policy analysts")
    _edit(prompt_files / "choose_proposals_v1.md", "Which proposals are correct?", "Which ones hold?")
    backend = FakeBackend([{"meetings": [], "commitments": []}, {"keep": []}])
    extract_article(doc_of("001"), ModelExtractor(backend, ExtractOptions(prune=False)))
    extract_article(doc_of("001"), RulesThenModelExtractor(backend))
    assert "for policy analysts" in backend.calls[0]["messages"][0]["content"]
    assert backend.calls[1]["messages"][-1]["content"].endswith("Which ones hold?")


def test_the_generative_answer_prompt_comes_from_its_file(prompt_files):
    from qa_app.qa.generative import generate
    from qa_app.qa.retrieve import Passage

    _edit(prompt_files / "answer_v1.md", "Answer in {language_name}.", "Always answer in {language_name}.")
    backend = FakeBackend([BackendError("stop after the request")])
    with pytest.raises(BackendError):
        generate(None, "Who met?", "id", [Passage("d", 0, 9, "Jokowi met Xi.")], backend, [], facts="Jokowi met Xi")
    system, user = (m["content"] for m in backend.calls[0]["messages"])
    assert system.endswith("Always answer in Indonesian.")
    assert user == ("Sources:\n[1] Jokowi met Xi.\n\nFacts from the extracted records (cite the sources, not this "
                    "line): Jokowi met Xi\n\nQuestion: Who met?")


class CountingBackend(Backend):
    """Thread-safe: each reply is an empty extraction (or choice) whose token count is the
    number of sentence lines the prompt showed; both calls are in flight at once."""

    def __init__(self):
        self.info = BackendInfo("counting", "counting")
        self.capabilities = Capabilities(constrained=True, concurrent=True)
        self.together = threading.Barrier(2, timeout=30)

    def structured(self, messages, response_model, max_retries=2, max_tokens=1024) -> StructuredResult:
        shown = messages[-1]["content"].count("\n[S")
        self.together.wait()
        empty = {"keep": []} if "keep" in response_model.model_fields else {"meetings": [], "commitments": []}
        return StructuredResult(response_model.model_validate(empty), Usage(shown, 1, 0.0, 1), f"raw {shown}")

    def complete(self, messages, max_tokens=512):
        raise NotImplementedError


@pytest.mark.parametrize("make", [lambda b: ModelExtractor(b, ExtractOptions(prune=False)), RulesThenModelExtractor],
                         ids=["model", "rules+model"])
def test_two_threads_with_one_extractor_get_their_own_usage(make):
    extractor = make(CountingBackend())
    docs = [doc_of("000"), doc_of("001")]
    shown = []
    for doc in docs:
        ctx = build_context(doc)
        shown.append(len([s for s in ctx.sentences if s not in ctx.blocked]))
    assert shown[0] != shown[1]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda d: extract_article(d, extractor), docs))
    assert [r.provenance.tokens_in for r, _raw in results] == shown
    assert [raw for _r, raw in results] == [f"raw {n}" for n in shown]


def test_an_extraction_cannot_be_changed_after_the_call():
    result = RulesExtractor().extract(build_context(doc_of("001")))
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.raw = "x"  # type: ignore[misc]
