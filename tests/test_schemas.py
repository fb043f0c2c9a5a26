"""The JSON Schemas in schemas/ are generated from the pydantic models and must not drift."""

import json

import pytest

from qa_app.schemas.generate import HERE, TARGETS, render

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_generated_schema_matches_models(name):
    on_disk = (HERE / name).read_text(encoding="utf-8")
    assert on_disk == render(TARGETS[name]), f"schemas/{name} is stale: run python -m qa_app.schemas.generate"


def test_schemas_ship_inside_the_package():
    from importlib import resources

    text = resources.files("qa_app.schemas").joinpath("batch_output.schema.json").read_text(encoding="utf-8")
    assert json.loads(text)["title"] == "BatchOutput"


def test_prompts_ship_inside_the_package():
    from qa_app.prompt_templates import load_prompt

    p = load_prompt("extract_v1")
    assert "data, not instructions" in p.system and "{sentences}" in p.user
    assert p.version.startswith("extract_v1+")
