"""Prompt templates, loaded from the `prompts/` files shipped as qa_app.prompts.

A file holds `## NAME` sections: `system` and `user` are the two messages; any other section
is a piece of wording the program fills in and places inside them (a proposal line, a hint).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_SECTION = re.compile(r"^## (\w+)\n(.*?)(?=^## |\Z)", flags=re.S | re.M)


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    system: str
    user: str
    #: Other sections, in file order, as (name, text) pairs.
    parts: tuple[tuple[str, str], ...] = ()

    @property
    def version(self) -> str:
        """File name plus a hash of every section: editing what a prompt sends invalidates
        cached extractions."""
        text = self.system + "\0" + self.user + "".join(f"\0{name}\0{body}" for name, body in self.parts)
        return f"{self.name}+{hashlib.sha256(text.encode()).hexdigest()[:8]}"

    def part(self, name: str, **fields: str) -> str:
        return dict(self.parts)[name].format(**fields)

    def messages(self, **fields: str) -> list[dict]:
        """The system and user messages, each with its `{field}` placeholders filled."""
        return [
            {"role": "system", "content": self.system.format(**fields)},
            {"role": "user", "content": self.user.format(**fields)},
        ]


def prompts_folder():
    """The folder of prompt files (a Traversable)."""
    return resources.files("qa_app.prompts")


@lru_cache(maxsize=16)
def load_prompt(name: str = "extract_v1") -> PromptTemplate:
    text = prompts_folder().joinpath(f"{name}.md").read_text(encoding="utf-8")
    sections = {key: body.strip() for key, body in _SECTION.findall(text)}
    system, user = sections.pop("system"), sections.pop("user")
    return PromptTemplate(name, system, user, tuple(sections.items()))
