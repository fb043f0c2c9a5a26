"""The application layer: the use-cases the CLI, the web UI and the evaluation share.

- `ingest`: paths or uploaded items into the store, one result per item;
- `extract`: optional ingest, extraction with a model spec, merge, records and events saved;
- `answer`: a question in, an answer with citations out;
- `records`: the stored records that match a set of filters.

Use-cases report progress through typed events (`progress`) and return typed results; they
never print. They may import every room below them, never the CLI or the UI.
"""
