"""A fake backend for unit tests: returns queued replies through the real instructor path."""

from __future__ import annotations

import json

from qa_app.backends.base import BackendInfo, Capabilities, Usage
from qa_app.backends.instructor_base import InstructorBackend
from qa_app.errors import BackendError


def completion(text: str, finish_reason: str = "stop"):
    from openai.types.chat import ChatCompletion

    return ChatCompletion.model_validate({
        "id": "fake", "object": "chat.completion", "created": 0, "model": "fake",
        "choices": [{"index": 0, "finish_reason": finish_reason, "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    })


class FakeBackend(InstructorBackend):
    """Each call pops the next reply: a str (raw model text), a dict (dumped as JSON) or an exception."""

    def __init__(self, replies: list, constrained: bool = True, writes_answers: bool = True):
        self.replies = list(replies)
        self.calls: list[dict] = []
        self.info = BackendInfo("fake", "fake-model")
        self.capabilities = Capabilities(constrained=constrained, writes_answers=writes_answers)

    def _next(self):
        if not self.replies:
            raise BackendError("fake backend has no reply left")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply if isinstance(reply, str) else json.dumps(reply)

    def _create(self, **kwargs):
        self.calls.append(kwargs)
        return completion(self._next())

    def complete(self, messages, max_tokens: int = 512):
        self.calls.append({"messages": messages})
        return self._next(), Usage(100, 20, 0.0, 1)
