"""The JSON Schemas in schemas/ are generated from the pydantic models and must not drift, and
the installed package carries every data file the code reads."""

import fnmatch
import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from qa_app.schemas.generate import HERE, TARGETS, render

@pytest.mark.unit
@pytest.mark.parametrize("name", sorted(TARGETS))
def test_generated_schema_matches_models(name):
    on_disk = (HERE / name).read_text(encoding="utf-8")
    assert on_disk == render(TARGETS[name]), f"schemas/{name} is stale: run python -m qa_app.schemas.generate"


@pytest.mark.unit
def test_schemas_ship_inside_the_package():
    from importlib import resources

    text = resources.files("qa_app.schemas").joinpath("batch_output.schema.json").read_text(encoding="utf-8")
    assert json.loads(text)["title"] == "BatchOutput"


@pytest.mark.unit
def test_prompts_ship_inside_the_package():
    from qa_app.prompt_templates import load_prompt

    p = load_prompt("extract_v1")
    assert "data, not instructions" in p.system and "{sentences}" in p.user
    assert p.version.startswith("extract_v1+")


# --- package data: what the installed package must carry ------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def data_files() -> dict[str, list[str]]:
    """Package -> every file on disk in its folder that is not Python: what the code reads at
    run time (lexicons, prompts, JSON Schemas)."""
    setuptools = _pyproject()["tool"]["setuptools"]
    dirs = setuptools["package-dir"]
    out = {}
    for package in setuptools["package-data"]:
        folder = ROOT / dirs.get(package, package.replace(".", "/"))
        out[package] = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix not in (".py", ".pyc"))
    return out


@pytest.mark.unit
def test_package_data_globs_cover_every_data_file():
    files = data_files()
    assert {"qa_app.data", "qa_app.prompts", "qa_app.schemas"} <= files.keys()
    assert "lex_dates.json" in files["qa_app.data"] and "extract_v1.md" in files["qa_app.prompts"]
    assert "batch_output.schema.json" in files["qa_app.schemas"]
    globs = _pyproject()["tool"]["setuptools"]["package-data"]
    for package, names in files.items():
        missed = [n for n in names if not any(fnmatch.fnmatch(n, g) for g in globs[package])]
        assert not missed, f"{package}: {missed} would not ship; add a glob to [tool.setuptools.package-data]"


@pytest.mark.integration
def test_the_built_wheel_carries_every_data_file(tmp_path):
    """Build the wheel (offline, from a copy of the tree) and read its file list."""
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("qa_app", "prompts", "schemas"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                          "-q", "-w", str(tmp_path / "dist"), str(src)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("qa_app-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    for package, names in data_files().items():
        folder = package.replace(".", "/")
        missing = [n for n in names if f"{folder}/{n}" not in shipped]
        assert not missing, f"{package}: {missing} missing from the wheel"
    assert {"qa_app/schemas/records.py", "qa_app/prompts/__init__.py", "qa_app/nlp/date_lexicon.py"} <= shipped
    modules = {f"qa_app/{p.relative_to(ROOT / 'qa_app').as_posix()}" for p in (ROOT / "qa_app").rglob("*.py")}
    assert not modules - shipped, f"modules missing from the wheel (add their package to pyproject): {sorted(modules - shipped)}"


@pytest.mark.unit
def test_a_result_served_from_the_cache_says_so():
    from qa_app.schemas.records import ArticleRecords, Provenance

    fresh = ArticleRecords(doc_id="d", source="a.txt", provenance=Provenance(
        backend="rules", model="rules", prompt_version="-", extracted_at="2024-01-01T00:00:00Z"))
    served = fresh.served_from_cache()
    assert served.provenance.cached and not fresh.provenance.cached
    assert served.model_dump(exclude={"provenance"}) == fresh.model_dump(exclude={"provenance"})
