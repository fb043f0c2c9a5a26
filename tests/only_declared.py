"""Run Python as in a virtualenv made only from pyproject.toml: a module can be imported only
when it is in the standard library, in qa_app itself, or in a distribution that qa-app's
runtime requirements bring in (transitively, with extras and markers evaluated).

    python tests/only_declared.py [--block MODULE]... -m qa_app ARGS...
    python tests/only_declared.py [--block MODULE]... -c CODE

--block also hides MODULE, as if a dependency resolution had left it out.
"""

from __future__ import annotations

import importlib.abc
import importlib.metadata as md
import re
import runpy
import sys


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_closure(root: str = "qa-app") -> set[str]:
    """Canonical names of every distribution `root` needs at run time."""
    from packaging.requirements import Requirement

    seen: set[tuple[str, frozenset[str]]] = set()
    names: set[str] = set()
    todo = [(root, frozenset())]
    while todo:
        name, extras = todo.pop()
        if (canonical(name), extras) in seen:
            continue
        seen.add((canonical(name), extras))
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # a requirement whose marker did not apply here, or an optional extra
        names.add(canonical(name))
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (extras | {""})):
                continue
            todo.append((req.name, frozenset(req.extras)))
    return names


def undeclared_modules(extra_blocked: set[str]) -> set[str]:
    allowed = requirement_closure()
    blocked = set(extra_blocked)
    for module, dists in md.packages_distributions().items():
        if module != "qa_app" and not any(canonical(d) in allowed for d in dists):
            blocked.add(module)
    return blocked


class _Refuse(importlib.abc.MetaPathFinder):
    def __init__(self, blocked: set[str]):
        self.blocked = blocked

    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in self.blocked:
            raise ModuleNotFoundError(f"No module named {top!r} (not a declared dependency)", name=top)
        return None


def main(argv: list[str]) -> None:
    extra: set[str] = set()
    while argv and argv[0] == "--block":
        extra.add(argv[1])
        argv = argv[2:]
    blocked = undeclared_modules(extra)
    for name in list(sys.modules):
        if name.partition(".")[0] in blocked:
            del sys.modules[name]
    sys.meta_path.insert(0, _Refuse(blocked))
    if argv[0] == "-c":
        sys.argv = ["-c", *argv[2:]]
        exec(compile(argv[1], "<only_declared>", "exec"), {"__name__": "__main__"})
    elif argv[0] == "-m":
        sys.argv = [argv[1], *argv[2:]]
        runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
    else:
        raise SystemExit("usage: only_declared.py [--block MODULE]... (-m MODULE | -c CODE) [ARGS...]")


if __name__ == "__main__":
    main(sys.argv[1:])
