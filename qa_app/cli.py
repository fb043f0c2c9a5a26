"""The `qa-app` command line. Heavy modules are imported inside the commands."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from qa_app.errors import ConfigError, InputError, InterruptedRun, QaAppError

app = typer.Typer(
    name="qa-app",
    help="Grounded extraction and cited question answering over diplomatic news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: rich's help renderer costs ~0.3 s of imports
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
        # instructor logs each failed attempt; the batch reports failures itself.
        logging.getLogger("instructor").setLevel(logging.CRITICAL)


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
    from qa_app.app.ingest import ingest as run_ingest
    from qa_app.app.progress import ItemIngested
    from qa_app.ui_terminal import ItemProgress, print_ingest_report

    st = _open_store(store, chroma_url, embedder)
    stdin = sys.stdin.buffer.read() if "-" in paths else None
    seen = []

    def on_event(event) -> None:
        if isinstance(event, ItemIngested):
            seen.append(event.item.status)
            progress.advance()

    try:
        with ItemProgress("Ingesting", enabled=not as_json) as progress:
            report = run_ingest(st, paths, force=force, stdin=stdin, on_event=on_event)
    except KeyboardInterrupt:
        raise InterruptedRun(f"interrupted: {seen.count('ingested')} article(s) ingested and saved in {st.dir}; "
                             "rerun the same command to resume (articles already ingested are skipped)") from None
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


@app.command()
def reindex(
    store: StoreOpt = None,
    chroma_url: ChromaOpt = None,
    embedder: EmbedderOpt = None,
) -> None:
    """Rebuild the vector and lexical indexes from the stored chunks and the embedding cache (no source file is read)."""
    from qa_app.store.reindex import reindex as run_reindex
    from qa_app.ui_terminal import console

    st = _open_store(store, chroma_url, embedder)
    report = run_reindex(st)
    console.print(report.summary(st))


ModelOpt = Annotated[Optional[str], typer.Option("--model", help="Model spec: rules | smollm2 | qwen2.5-coder-1.5b | local:PATH.gguf | openai:MODEL | rules+SPEC [env QA_APP_MODEL].")]
BaseUrlOpt = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible server for openai:MODEL [env QA_APP_BASE_URL].")]
TimeoutOpt = Annotated[Optional[float], typer.Option("--timeout", min=0.1, metavar="SECONDS", help="Seconds one model server request may take [env QA_APP_TIMEOUT; default 60].")]


@app.command()
def extract(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Ingest these first and extract only them; default: every ingested article.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Output file: .json (one document) or .jsonl (one article per line).")] = None,
    store: StoreOpt = None,
    chroma_url: ChromaOpt = None,
    embedder: EmbedderOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: Annotated[str, typer.Option("--mode", help="constrained (choose among found sentences, countries, people) or free (quoted JSON).")] = "constrained",
    shard: Annotated[Optional[str], typer.Option("--shard", help="Process only slice K of N (stable by document id), e.g. 2/4.")] = None,
    concurrency: Annotated[Optional[int], typer.Option("--concurrency", min=1, help="Parallel requests to an HTTP backend [env QA_APP_CONCURRENCY].")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ignore cached results and extract again.")] = False,
    no_prune: Annotated[bool, typer.Option("--no-prune", help="Send every sentence to the model, not only those with candidates and cues.")] = False,
    timeout: TimeoutOpt = None,
) -> None:
    """Extract meetings and commitments, grounded in the article text, to JSON/JSONL and the store."""
    from qa_app.app.extract import ExtractRequest, extract as run_extract, open_extractor
    from qa_app.store import Store
    from qa_app.ui_terminal import ExtractDisplay, print_extract_report

    settings = _settings(store=store, chroma_url=chroma_url, embedder=embedder, model=model, base_url=base_url,
                         concurrency=concurrency, timeout=timeout)
    request = ExtractRequest(mode=mode, prune=not no_prune, force=force, shard=shard, paths=paths or [], out=out)
    extractor = open_extractor(settings.model, settings, request)  # a bad spec or model file fails before any work
    st = Store(settings)
    if request.paths and "-" in request.paths:
        request.stdin = sys.stdin.buffer.read()
    with ExtractDisplay(st.dir) as display:
        result = run_extract(st, extractor, request, on_event=display.on_event)
    if result.nothing_to_extract:
        from qa_app.ui_terminal import console

        console.print("Nothing to extract: no article is ingested in this store.")
    else:
        print_extract_report(result.batch, result.events, result.written, show_failures=False)  # printed as they failed
    if not result.ok:
        raise typer.Exit(1)


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in English, Indonesian or another language.")],
    store: StoreOpt = None,
    chroma_url: ChromaOpt = None,
    embedder: EmbedderOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: Annotated[Optional[str], typer.Option("--mode", help="extractive (no model) or generative; default: generative when the model can write answers.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    timeout: TimeoutOpt = None,
) -> None:
    """Answer a question from the ingested articles, citing the exact sentences."""
    from qa_app.app.answer import answer as run_answer, answerer_for, checked_question
    from qa_app.store import Store

    settings = _settings(store=store, chroma_url=chroma_url, embedder=embedder, model=model, base_url=base_url,
                         timeout=timeout)
    checked_question(question)
    answerer = answerer_for(settings, mode)
    result = run_answer(Store(settings), answerer, question)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        from qa_app.ui_terminal import print_answer

        print_answer(result)


@app.command()
def records(
    country: Annotated[Optional[list[str]], typer.Option("--country", metavar="ISO3", help="Records involving this country (repeatable: all of them).")] = None,
    person: Annotated[Optional[str], typer.Option("--person", metavar="NAME", help="Part of a participant's name or role.")] = None,
    mechanism: Annotated[Optional[str], typer.Option("--mechanism", metavar="TEXT", help="Part of the mechanism's name, e.g. 2+2.")] = None,
    date_from: Annotated[Optional[str], typer.Option("--from", metavar="DATE", help="Dated on or after: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", metavar="DATE", help="Dated on or before: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    kind: Annotated[Optional[list[str]], typer.Option("--kind", metavar="KIND", help="meetings | commitments | events (repeatable); default: all.")] = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many records.")] = None,
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list, each record with its evidence.")] = False,
) -> None:
    """List the stored records (meetings, commitments, merged events) that match the filters."""
    from qa_app.app.records import RecordFilter, list_records, write_records_json
    from qa_app.store import Store

    settings = _settings(store=store)
    query = RecordFilter(country or [], person or "", mechanism or "", date_from or "", date_to or "", kind or [],
                         limit).query()  # bad filters fail before the store is opened
    st = Store(settings)
    try:
        if as_json:  # a JSON array, one record per line (UTF-8), written as it is read
            sys.stdout.flush()
            try:
                write_records_json(st, query, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            except BrokenPipeError:  # the reader stopped early (`| head`): not an error
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except OSError as exc:
                raise QaAppError(f"could not write the records to standard output ({exc.strerror or exc})") from exc
            return
        rows = list_records(st, query)
    finally:
        st.close()
    from qa_app.ui_terminal import print_records

    print_records(rows)


@app.command()
def ui(
    store: StoreOpt = None,
    chroma_url: ChromaOpt = None,
    embedder: EmbedderOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; anything but loopback needs a login.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 7860,
    auth: Annotated[Optional[str], typer.Option("--auth", help="Login USER:PASS [env QA_APP_UI_AUTH, which keeps it out of the process list].")] = None,
    insecure_no_auth: Annotated[bool, typer.Option("--insecure-no-auth", help="Serve a non-loopback address with no login.")] = False,
    allowed_host: Annotated[Optional[list[str]], typer.Option("--allowed-host", metavar="NAME", help="Also answer to this Host name, e.g. a reverse proxy's (repeatable) [env QA_APP_UI_ALLOWED_HOSTS, comma-separated].")] = None,
) -> None:
    """Open the web UI: cited chat, records, timeline, uploads (http://127.0.0.1:7860)."""
    from qa_app.ui.app import UiOptions, serve

    settings = _settings(store=store, chroma_url=chroma_url, embedder=embedder, model=model, base_url=base_url)
    names = [*(allowed_host or []), *settings.ui_allowed_hosts.split(",")]
    serve(settings, UiOptions(host=host, port=port, auth=auth, insecure_no_auth=insecure_no_auth,
                              allowed_hosts=tuple(n.strip() for n in names if n.strip())))


@app.command("eval")
def eval_command(
    model: Annotated[Optional[list[str]], typer.Option("--model", metavar="SPEC", help="Also evaluate this model spec (repeatable): smollm2 | qwen2.5-coder-1.5b | local:PATH.gguf | openai:MODEL. The rules baseline always runs.")] = None,
    gold: Annotated[Path, typer.Option("--gold", metavar="DIR", help="Gold annotations folder (eval/README.md).")] = Path("eval/gold"),
    articles: Annotated[Optional[Path], typer.Option("--articles", metavar="DIR", help="Folder of the articles the gold names; default: articles/ beside the gold folder.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="DIR", help="Where report.json and report.md go; default: out/ beside the gold folder.")] = None,
    store: Annotated[Optional[Path], typer.Option("--store", metavar="DIR", help="A store folder used only for evaluation, kept afterwards (extraction is cached per backend); default: a fresh temporary store.")] = None,
    mode: Annotated[str, typer.Option("--mode", help="Extraction mode for model backends: constrained or free.")] = "constrained",
) -> None:
    """Score extraction, retrieval and answers against the gold annotations, one column per backend."""
    from qa_app.evaluation.report import write_report
    from qa_app.evaluation.run import EvalOptions, run_eval
    from qa_app.ui_terminal import ItemProgress, console, print_eval_report

    if mode not in ("constrained", "free"):
        raise ConfigError(f"unknown --mode {mode!r}; valid: constrained, free")
    options = EvalOptions(gold_dir=gold, articles_dir=articles, out_dir=out, store_dir=store, models=model or [],
                          extract_mode=mode).resolved()
    report = run_eval(options, progress=lambda label, total: ItemProgress(label, total=total))
    print_eval_report(report)
    for path in write_report(report, options.out_dir):
        console.print(f"wrote {path}")
    if any(b.get("error") for b in report["backends"].values()):
        raise typer.Exit(1)


def _write_weights(model: dict, out: Optional[Path], file_name: str, what: str) -> Path:
    """Write learned weights as JSON to `out`, by default the file the package ships; the path written."""
    import json

    if out is None:
        import qa_app.data

        out = Path(qa_app.data.__file__).parent / file_name
    try:
        out.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {what} to {out}: {exc.strerror or exc}") from exc
    return out


@app.command("train-ranker")
def train_ranker(
    gold: Annotated[list[Path], typer.Option("--gold", metavar="DIR", help="Gold annotations folder with questions.json, its articles in articles/ beside it (repeatable).")],
    hold_out: Annotated[Optional[list[str]], typer.Option("--hold-out", metavar="PREFIX", help="Do not train on questions whose evidence is in articles whose file names start with PREFIX (repeatable); they are reported instead.")] = None,
    hold_out_untuned: Annotated[bool, typer.Option("--hold-out-untuned", help="Do not train on questions about articles the rules were not tuned on (those qa-app eval reports as held out); they are reported instead.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="FILE", help="Where the weights go; default: the file the package ships (qa_app/data/sentence_ranker.json).")] = None,
) -> None:
    """Learn which candidate sentence answers a question (the sentence ranker) from gold questions."""
    from qa_app.evaluation.ranker_training import train
    from qa_app.ui_terminal import console

    dirs = [Path(d).expanduser() for d in gold]
    for d in dirs:
        if not (d / "questions.json").is_file():
            raise InputError(f"{d} holds no questions.json; give gold folders made as eval/README.md says")
    try:
        model, report = train(dirs, tuple(hold_out or ()), hold_out_untuned)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    from qa_app.qa.sentence_ranker import MODEL_FILE

    out = _write_weights(model, out, MODEL_FILE, "the ranker weights")
    console.print(f"{report['questions']} questions, {report['lists']} with a gold sentence among the candidates "
                  f"({report['without_gold']} answerable ones without)")
    for part in ("trained", "held_out"):
        r = report[part]
        n = r["questions"]
        if n:
            console.print(f"{part.replace('_', ' ')}: of {n} questions answered from sentences, the top sentence is gold for "
                          f"{r['hand_top']} by the hand-set rank, {r['learned_top']} by the learned one; a gold sentence "
                          f"is quoted for {r['hand_quoted']} and {r['learned_quoted']}")
    console.print(f"wrote {out}")


@app.command("train-parties")
def train_parties(
    gold: Annotated[list[Path], typer.Option("--gold", metavar="DIR", help="Gold annotations folder, its articles in articles/ beside it (repeatable).")],
    out: Annotated[Optional[Path], typer.Option("--out", metavar="FILE", help="Where the weights go; default: the file the package ships (qa_app/data/party_model.json).")] = None,
) -> None:
    """Learn which of a meeting's states took part (the party model of the rules) from gold meetings."""
    from qa_app.evaluation.party_training import train
    from qa_app.evaluation.tuning import tuned_prefixes
    from qa_app.ui_terminal import console

    dirs = [Path(d).expanduser() for d in gold]
    for d in dirs:
        if not d.is_dir() or not (d.parent / "articles").is_dir():
            raise InputError(f"{d} is not a gold folder with articles/ beside it; give gold folders made as eval/README.md says")
    try:
        model, report = train(dirs, tuple(sorted(tuned_prefixes())))
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    from qa_app.extract.rules.parties import MODEL_FILE

    out = _write_weights(model, out, MODEL_FILE, "the party model")
    states = report["states"]
    console.print(f"{states['labelled']} states of meetings of three or more labelled by the gold, "
                  f"{states['parties']} of them parties")
    console.print("meetings, each batch extracted with a model fitted on the others (P / R / F1):")
    for key, label in (("", "all articles"), ("untuned_", "articles the rules were not tuned on")):
        a, b = report[f"{key}without"], report[f"{key}with"]
        console.print(f"  {label}: rules alone {a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f}; "
                      f"with the model {b['precision']:.3f} / {b['recall']:.3f} / {b['f1']:.3f}")
    console.print(f"wrote {out}")


def main() -> None:
    try:
        app()
    except InterruptedRun as exc:
        typer.echo(f"qa-app: {exc}", err=True)
        sys.stderr.flush()
        sys.stdout.flush()
        # Model requests still in flight would keep the process alive until they time out;
        # everything finished is already committed to the store.
        os._exit(exc.exit_code)
    except QaAppError as exc:
        if _state["verbose"]:
            raise
        typer.echo(f"qa-app: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except sqlite3.DatabaseError as exc:  # a store file damaged after it was opened
        if _state["verbose"]:
            raise
        typer.echo(f"qa-app: error: a store database is damaged (SQLite: {exc}); restore qa_app.sqlite3 from a "
                   "backup, or move the store folder aside and ingest the articles again", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("qa-app: interrupted", err=True)
        sys.stderr.flush()
        sys.stdout.flush()
        os._exit(130)  # as above: requests in flight must not hold the process open
