"""Benchmark: the rules extractor's speed, what prompt pruning saves, and what candidate
finding and per-article enums add to a local model extraction.

    .venv/bin/python eval/bench_rules.py [--repeat 40]

- rules throughput: articles/s through the whole pipeline step (context with candidates,
  draft, grounding) over distinct variants of the sample articles;
- pruning: prompt tokens (bundled model's tokenizer) with and without pruning, and the
  share of gold evidence sentences still in the pruned prompt (recall ceiling of a model);
- overhead: seconds per article for candidates + enum response model, against the
  seconds per article of a local extraction from eval/out/bench_extract.json.
Writes eval/out/bench_rules.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _docs(repeat: int):
    from qa_app.ingest.pipeline import prepare
    from qa_app.ingest.readers import RawArticle

    docs = []
    for i in range(repeat):
        for path in sorted((ROOT / "eval" / "articles").glob("*.txt")):
            text = path.read_text(encoding="utf-8") + (f"\nCatatan redaksi nomor {i}." if i else "")
            docs.append(prepare(RawArticle(source=path.name, text=text, kind="text"), 800).row)
    return docs


def rules_throughput(repeat: int) -> dict:
    from qa_app.extract.build import build_records
    from qa_app.extract.context import build_context
    from qa_app.extract.extractors.rules import RulesExtractor

    docs = _docs(repeat)
    extractor = RulesExtractor()
    build_records(build_context(docs[0]), extractor.extract(build_context(docs[0])).draft)  # load lexicons once
    t = time.perf_counter()
    for doc in docs:
        ctx = build_context(doc)
        build_records(ctx, extractor.extract(ctx).draft)
    dt = time.perf_counter() - t
    return {"articles": len(docs), "seconds": round(dt, 3), "articles_per_s": round(len(docs) / dt, 1)}


def pruning_and_overhead() -> dict:
    from qa_app.backends import bundled_smollm2_path
    from qa_app.extract.extractors.model import build_messages, prompt_sentences
    from qa_app.prompt_templates import load_prompt
    from qa_app.extract.context import build_context
    from qa_app.extract.drafts import build_constrained_model
    from qa_app.evaluation.gold import load_gold

    from llama_cpp import Llama

    llm = Llama(model_path=str(bundled_smollm2_path()), vocab_only=True, verbose=False)
    gold = load_gold(ROOT / "eval" / "gold")
    by_name = gold.articles
    rows, overhead = [], []
    for doc in _docs(1):
        t = time.perf_counter()
        ctx = build_context(doc)
        ids_full = prompt_sentences(ctx, prune=False)
        ids = prompt_sentences(ctx, prune=True)
        build_constrained_model(ids, ctx.candidates.country_codes(), sorted({m.value for m in ctx.candidates.people if m.value}))
        overhead.append(time.perf_counter() - t)
        tokens = {}
        for label, chosen in (("full", ids_full), ("pruned", ids)):
            text = "\n".join(m["content"] for m in build_messages(ctx, chosen, load_prompt()))
            tokens[label] = len(llm.tokenize(text.encode("utf-8"), add_bos=False))
        kept_text = " ".join(ctx.sentences[s].text for s in ids)
        g = by_name[doc.source]
        quotes = [q for item in (*g.meetings, *g.commitments) for q in item.evidence]
        kept = sum(1 for q in quotes if all(part.strip() in kept_text for part in _sentences(q)))
        rows.append({"article": doc.source, "tokens_full": tokens["full"], "tokens_pruned": tokens["pruned"],
                     "sentences_full": len(ids_full), "sentences_pruned": len(ids),
                     "gold_evidence": len(quotes), "gold_evidence_kept": kept})
    extract_json = ROOT / "eval" / "out" / "bench_extract.json"
    per_article = json.loads(extract_json.read_text())["seconds_per_article"] if extract_json.exists() else None
    mean_overhead = statistics.mean(overhead)
    return {
        "rows": rows,
        "tokens_full": sum(r["tokens_full"] for r in rows), "tokens_pruned": sum(r["tokens_pruned"] for r in rows),
        "gold_evidence": sum(r["gold_evidence"] for r in rows), "gold_evidence_kept": sum(r["gold_evidence_kept"] for r in rows),
        "candidates_and_enums_s_per_article": round(mean_overhead, 4),
        "local_extraction_s_per_article": per_article,
        "overhead_share": round(mean_overhead / per_article, 4) if per_article else None,
    }


def _sentences(quote: str) -> list[str]:
    from qa_app.text.sentences import split_sentences

    return [s.text for s in split_sentences(quote)] or [quote]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=40, help="variants of each sample article for the throughput run")
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "out" / "bench_rules.json")
    args = ap.parse_args()
    result = {"rules": rules_throughput(args.repeat), "pruning": pruning_and_overhead()}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    r, p = result["rules"], result["pruning"]
    share = p["tokens_pruned"] / p["tokens_full"]
    print(f"rules extraction           {r['articles_per_s']} articles/s ({r['articles']} articles)  (target >= 50)")
    print(f"prompt tokens full/pruned  {p['tokens_full']} / {p['tokens_pruned']}  = {share:.2f} of the tokens (target <= 0.50)")
    print(f"gold evidence kept         {p['gold_evidence_kept']} / {p['gold_evidence']} after pruning")
    if p["overhead_share"] is not None:
        print(f"candidates + enums         {p['candidates_and_enums_s_per_article'] * 1000:.1f} ms/article = "
              f"{p['overhead_share'] * 100:.2f}% of a local extraction ({p['local_extraction_s_per_article']} s)  (target <= 5%)")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
