"""The `rules` extractor: deterministic extraction from candidates and cue lexicons, no model.

It is the offline default and the baseline the evaluation compares models against. It only
points at what the candidate finders found (sentence ids, ISO3 codes, people, date words,
places, mechanisms), so grounding holds by construction. Word lists live in
`qa_app/data/lex_cues.json` ("meeting", "commitment", "status_planned", "topics" and the
"rules" block). One job per module:

- `lexicon`: the token table of every cue class; `document`: the article's sentences with
  their hits and candidates; `intervals`: dates as intervals, precisions, mechanism families;
- `anchors`: one sentence's report of a meeting; `groups`: anchors joined into meetings;
  `status`: held, planned or referenced; `meetings`: the whole pass over an article;
- `commitments`: commitments per clause; `drafts`: what `extract.build` turns into records.
"""

from __future__ import annotations

from functools import lru_cache

from qa_app.extract.rules.drafts import (
    RuleCommitment,
    RuleDraft,
    RuleMeeting,
    RuleParticipant,
)

__all__ = ["RuleCommitment", "RuleDraft", "RuleMeeting", "RuleParticipant", "draft", "rules_identity"]


def draft(ctx) -> RuleDraft:
    """Draft meetings and commitments of one article (an `extract.context.ArticleContext`)."""
    from qa_app.extract.rules.commitments import CommitmentFinder
    from qa_app.extract.rules.document import Doc
    from qa_app.extract.rules.meetings import MeetingFinder, to_rule_meeting

    doc = Doc(ctx)
    sents = [s for s in doc.sents if s.sid not in ctx.blocked]
    groups, planned_anchor_pos = MeetingFinder(doc).run(sents)
    meetings = [to_rule_meeting(doc, g) for g in groups]
    return RuleDraft(meetings, CommitmentFinder(doc, groups, planned_anchor_pos).run(sents))


@lru_cache(maxsize=1)
def rules_identity() -> str:
    """"rules-<hash>": the content hash of the lexicons and of the code that applies them, so that
    changing either makes cached extractions stale instead of silently reused."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    data = resources.files("qa_app.data")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith((".json", ".txt"))):
        h.update(name.encode() + b"\0" + data.joinpath(name).read_bytes())
    code = resources.files("qa_app")
    for part in ("extract/rules", "nlp", "text", "ingest/clean.py", "ingest/published.py", "extract/build.py"):
        node = code.joinpath(part)
        files = sorted(node.iterdir(), key=lambda p: p.name) if node.is_dir() else [node]
        for f in files:
            if f.name.endswith(".py"):
                h.update(f.name.encode() + b"\0" + f.read_bytes())
    return f"rules-{h.hexdigest()[:12]}"
