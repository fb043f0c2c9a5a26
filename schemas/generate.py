"""Write the JSON Schemas of the batch output from the pydantic models.

    python -m qa_app.schemas.generate
"""

from __future__ import annotations

import json
from pathlib import Path

from qa_app.schemas.records import ArticleRecords, BatchOutput, Event

HERE = Path(__file__).resolve().parent
TARGETS = {
    "batch_output.schema.json": BatchOutput,
    "article_records.schema.json": ArticleRecords,
    "event.schema.json": Event,
}


def render(model) -> str:
    return json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    for name, model in TARGETS.items():
        (HERE / name).write_text(render(model), encoding="utf-8")
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
