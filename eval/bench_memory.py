"""Benchmark: peak memory of ingesting the largest input that is accepted.

    .venv/bin/python eval/bench_memory.py [--file-bytes N] [--line-bytes N]

Each case runs `qa-app ingest` in a fresh process on a fresh store and reports that
process's peak resident memory (ru_maxrss):
- a .txt file of QA_APP_MAX_FILE_BYTES with no sentence break at all (one line of words);
- a .jsonl file whose one line is QA_APP_MAX_LINE_BYTES long, its text without a sentence break;
- the same .txt size made of ordinary sentences and paragraphs (the realistic case);
- the five sample articles (the baseline: what loading the embedder and the store costs).
Target: at most 1 GB in every case. Writes eval/out/bench_memory.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_MB = 1024
WORDS = ("kerja sama pertahanan maritim Indonesia Jepang menteri luar negeri bertemu Jakarta "
         "defence cooperation talks ministers agreed joint exercise region security").split()

# Runs in the child: ingest, then print the report and the peak RSS in KiB.
CHILD = """
import json, resource, sys
from qa_app.ingest.pipeline import ingest
from qa_app.settings import Settings
from qa_app.store import Store
store = Store(Settings(store=sys.argv[1]))
report = ingest(sys.argv[2:], store)
store.close()
print(json.dumps({"report": {k: v for k, v in report.to_dict().items() if k != "items"},
                  "reasons": [i["reason"] for i in report.to_dict()["items"] if i["status"] == "failed"],
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def words_of(n_bytes: int, sentence_every: int = 0) -> str:
    """About `n_bytes` of text; with `sentence_every`, a full stop after that many words and
    a paragraph break every ten sentences, else no sentence break at all."""
    out, size, i = [], 0, 0
    while size < n_bytes:
        w = WORDS[i % len(WORDS)]
        i += 1
        if sentence_every and i % sentence_every == 0:
            w = w + (".\n" if i % (sentence_every * 10) == 0 else ".")
            w = w if not out else w
        out.append(w)
        size += len(w) + 1
    text = " ".join(out)
    if sentence_every:  # capitalise sentence starts so the splitter sees boundaries
        text = ". ".join(s[:1].upper() + s[1:] for s in text.split(". "))
    return text[:n_bytes]


def run_case(name: str, files: list[Path], workdir: Path) -> dict:
    store = workdir / f"store-{name}"
    res = subprocess.run([sys.executable, "-c", CHILD, str(store), *map(str, files)], capture_output=True,
                         cwd=ROOT, env=dict(os.environ, ANONYMIZED_TELEMETRY="False"))
    if res.returncode != 0:
        raise SystemExit(f"{name}: ingest failed:\n{res.stderr.decode()[-2000:]}")
    out = json.loads(res.stdout.decode().strip().splitlines()[-1])
    size = sum(f.stat().st_size for f in files)
    return {"case": name, "input_bytes": size, "peak_mb": round(out["peak_kib"] / 1024, 1), **out["report"],
            "failed_reasons": out["reasons"]}


def main() -> None:
    from qa_app.settings import Settings

    defaults = Settings(store=tempfile.gettempdir())
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file-bytes", type=int, default=defaults.max_file_bytes)
    ap.add_argument("--line-bytes", type=int, default=defaults.max_line_bytes)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="qa-bench-memory-") as tmp:
        work = Path(tmp)
        flat = work / "no-sentence-breaks.txt"
        flat.write_text(words_of(args.file_bytes), encoding="utf-8")
        line = work / "one-long-line.jsonl"
        # The JSON line is the limit; the text inside it a little less (quotes and the key).
        line.write_text(json.dumps({"text": words_of(args.line_bytes - 20)}) + "\n", encoding="utf-8")
        prose = work / "ordinary-prose.txt"
        prose.write_text(words_of(args.file_bytes, sentence_every=18), encoding="utf-8")
        cases = [
            run_case("samples", [ROOT / "eval" / "articles"], work),
            run_case("txt-no-breaks", [flat], work),
            run_case("jsonl-long-line", [line], work),
            run_case("txt-prose", [prose], work),
        ]
    print(f"{'case':<18} {'input':>12} {'chunks':>7} {'ingested':>8} {'peak MB':>8}")
    for c in cases:
        print(f"{c['case']:<18} {c['input_bytes']:>12,} {c['chunks']:>7} {c['ingested']:>8} {c['peak_mb']:>8}")
    worst = max(c["peak_mb"] for c in cases)
    print(f"largest peak {worst} MB; target <= {TARGET_MB} MB: {'met' if worst <= TARGET_MB else 'NOT met'}")
    out_dir = ROOT / "eval" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "bench_memory.json").write_text(json.dumps(
        {"cases": cases, "target_mb": TARGET_MB, "max_file_bytes": args.file_bytes, "max_line_bytes": args.line_bytes},
        indent=2) + "\n")


if __name__ == "__main__":
    main()
