"""Prompt templates, loaded from the `prompts/` files shipped as qa_app.prompts."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    system: str
    user: str

    @property
    def version(self) -> str:
        """File name plus a content hash: editing a prompt invalidates cached extractions."""
        digest = hashlib.sha256((self.system + "\0" + self.user).encode()).hexdigest()[:8]
        return f"{self.name}+{digest}"

    def messages(self, **fields: str) -> list[dict]:
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user.format(**fields)},
        ]


@lru_cache(maxsize=8)
def load_prompt(name: str = "extract_v1") -> PromptTemplate:
    text = resources.files("qa_app.prompts").joinpath(f"{name}.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\w+)\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M))
    return PromptTemplate(name, sections["system"].strip(), sections["user"].strip())
