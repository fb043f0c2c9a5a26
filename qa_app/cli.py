"""The `qa-app` command line. Heavy modules are imported inside the commands."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from qa_app.errors import QaAppError

app = typer.Typer(
    name="qa-app",
    help="Grounded extraction and cited question answering over diplomatic news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[Optional[Path], typer.Option("--store", help="Store directory [env QA_APP_STORE; default ~/.local/share/qa-app].")]
ChromaOpt = Annotated[Optional[str], typer.Option("--chroma-url", help="Chroma server URL [env QA_APP_CHROMA_URL]; default: embedded.")]
EmbedderOpt = Annotated[Optional[str], typer.Option("--embedder", help="Embedder spec: use-multilingual | openai:MODEL [env QA_APP_EMBEDDER].")]

_state = {"verbose": False}


@app.callback()
def _root(verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Debug logging and full tracebacks.")] = False) -> None:
    _state["verbose"] = verbose
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:
        for noisy in ("bm25s", "chromadb", "httpx"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _settings(**overrides):
    from qa_app.settings import load_settings

    return load_settings(**overrides)


def _open_store(store: Optional[Path], chroma_url: Optional[str], embedder: Optional[str]):
    from qa_app.store import Store

    return Store(_settings(store=store, chroma_url=chroma_url, embedder=embedder))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, .jsonl files, or - for stdin.")],
    store: StoreOpt = None,
    chroma_url: ChromaOpt = None,
    embedder: EmbedderOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Re-index articles that are already present.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Read, clean, chunk and index articles (.txt .md .html .htm .jsonl)."""
    from qa_app.ingest.pipeline import ingest as run_ingest
    from qa_app.ui_terminal import ItemProgress, print_ingest_report

    st = _open_store(store, chroma_url, embedder)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    with ItemProgress("Ingesting", enabled=not as_json) as progress:
        report = run_ingest(paths, st, force=force, stdin=stdin, on_item=progress.advance)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_ingest_report(report, st.dir)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for, in any language.")],
    store: StoreOpt = None,
    chroma_url: ChromaOpt = None,
    embedder: EmbedderOpt = None,
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="Number of chunks.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list.")] = False,
) -> None:
    """Top chunks for a query, fusing dense and lexical retrieval."""
    from qa_app.search import search as run_search
    from qa_app.ui_terminal import print_hits

    st = _open_store(store, chroma_url, embedder)
    hits = run_search(st, query, k=k)
    if as_json:
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        print_hits(hits)


def main() -> None:
    try:
        app()
    except QaAppError as exc:
        if _state["verbose"]:
            raise
        typer.echo(f"qa-app: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("qa-app: interrupted", err=True)
        sys.exit(130)
