"""Probing an OpenAI-compatible endpoint: what `interviewer model check` reports.

Compatible servers differ in exactly the features the interviewer relies on (streamed turns,
`stream_options.include_usage`, strict `json_schema` structured outputs for grading), and a user
only finds out mid-interview. Four small requests answer it up front: list the models, one tiny
streamed call, one tiny structured call. Each result says what to change. Nothing here prints: the
caller renders `Check`s, and no message ever holds the API key or a password in the base URL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from interviewer_tui.core.redact import mask_url
from interviewer_tui.core.text import sanitize_terminal

if TYPE_CHECKING:
    from openai import OpenAI

Status = Literal["ok", "warn", "fail", "skipped"]

PROBE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}, "word": {"type": "string"}},
    "required": ["ok", "word"],
    "additionalProperties": False,
}
"""Tiny but strict, like the grading schema: an object, every field required, no extras."""


@dataclass(frozen=True)
class Check:
    """One capability: `name` is stable (models, streaming, stream_usage, json_schema)."""

    name: str
    status: Status
    detail: str
    advice: str = ""  # what to change; empty when nothing needs to


@dataclass(frozen=True)
class ProbeResult:
    endpoint: str  # the base URL with any password masked, or "api.openai.com (default)"
    model: str
    checks: tuple[Check, ...]

    @property
    def usable(self) -> bool:
        """Interviews work: nothing the app needs failed (a warning is a degraded feature)."""
        return all(c.status != "fail" for c in self.checks)


def _reason(exc: Exception, base_url: str | None) -> tuple[str, bool]:
    """(a one-line reason, whether the endpoint itself is unusable) for an SDK exception."""
    import openai

    if isinstance(exc, openai.AuthenticationError):
        # never the server's words: a 401 body may echo part of the key
        return "the API key was rejected (HTTP 401)", True
    if isinstance(exc, openai.APIStatusError):
        message = ""
        body = getattr(exc, "body", None)
        if isinstance(body, dict) and isinstance(body.get("message"), str):
            message = body["message"]
        message = _clean(message or str(getattr(exc, "message", "")))
        return f"HTTP {exc.status_code}" + (f": {message}" if message else ""), False
    if isinstance(exc, openai.APITimeoutError):
        return "no reply in time", True
    if isinstance(exc, openai.APIConnectionError):
        where = mask_url(base_url) if base_url else "the provider"
        return f"cannot connect to {where}", True
    return f"unexpected {type(exc).__name__}", False


def _clean(text: str) -> str:
    return sanitize_terminal(" ".join(text.split()))[:200]


class EndpointProbe:
    """The four probes over one client; `run()` stops early when the endpoint is unreachable."""

    def __init__(
        self, *, api_key: str, model: str, base_url: str | None, timeout: float = 30.0
    ) -> None:
        import openai

        self._model = model
        self._base_url = base_url
        self._client: OpenAI = openai.OpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout, max_retries=0
        )

    def close(self) -> None:
        self._client.close()

    def run(self) -> ProbeResult:
        checks: list[Check] = []
        models, fatal = self._models()
        checks.append(models)
        if fatal:
            rest = ("streaming", "stream_usage", "json_schema")
            checks += [Check(n, "skipped", "not tried: the endpoint is unusable") for n in rest]
        else:
            checks += self._streaming()
            checks.append(self._json_schema())
        endpoint = mask_url(self._base_url) if self._base_url else "api.openai.com (default)"
        return ProbeResult(endpoint=endpoint, model=self._model, checks=tuple(checks))

    def _models(self) -> tuple[Check, bool]:
        try:
            ids = sorted(m.id for m in self._client.models.list())
        except Exception as exc:
            reason, fatal = _reason(exc, self._base_url)
            if fatal:
                advice = (
                    "check OPENAI_API_KEY"
                    if "401" in reason
                    else "check OPENAI_BASE_URL (it should end in /v1) and that the server runs"
                )
                return Check("models", "fail", reason, advice), True
            return Check("models", "warn", f"the model list is not available ({reason})", ""), False
        shown = ", ".join(_clean(i) for i in ids[:8]) + (" ..." if len(ids) > 8 else "")
        if self._model in ids:
            found = f"{len(ids)} listed; {self._model!r} is one: {shown}"
            return Check("models", "ok", found), False
        return Check(
            "models",
            "fail",
            f"{len(ids)} listed ({shown or 'none'}) but not {self._model!r}",
            "set INTERVIEWER_MODEL to one of the listed models",
        ), False

    def _streaming(self) -> list[Check]:
        messages = [{"role": "user", "content": "Reply with the single word: ready"}]
        try:
            stream = self._client.chat.completions.create(
                model=self._model,
                messages=cast(Any, messages),
                stream=True,
                stream_options={"include_usage": True},
                max_completion_tokens=16,
            )
            text, usage, finished = [], False, False
            with stream:
                for chunk in stream:
                    usage = usage or chunk.usage is not None
                    for choice in chunk.choices[:1]:
                        if choice.delta and choice.delta.content:
                            text.append(choice.delta.content)
                        finished = finished or choice.finish_reason is not None
        except Exception as exc:
            reason, _ = _reason(exc, self._base_url)
            advice = "use a server or model that supports streamed chat completions"
            if "stream_options" in reason:
                return [
                    Check("streaming", "warn", f"rejected stream_options ({reason})", ""),
                    Check(
                        "stream_usage",
                        "warn",
                        "the server rejects stream_options.include_usage",
                        "nothing to do: interviews retry without it; token counts show 0",
                    ),
                ]
            return [
                Check("streaming", "fail", reason, advice),
                Check("stream_usage", "skipped", "not tried: streaming failed"),
            ]
        said = _clean("".join(text))
        said = said if len(said) <= 60 else said[:57] + "..."
        if not finished or not said:
            stream_check = Check(
                "streaming",
                "fail",
                "the stream ended without a complete reply",
                "use a server or model that supports streamed chat completions",
            )
        else:
            stream_check = Check("streaming", "ok", f"streamed a reply ({said!r})")
        usage_check = (
            Check("stream_usage", "ok", "token usage is reported at the end of a stream")
            if usage
            else Check(
                "stream_usage",
                "warn",
                "no token usage in the stream",
                "token counts in reports will show 0; upgrade the server to report usage",
            )
        )
        return [stream_check, usage_check]

    def _json_schema(self) -> Check:
        messages = [{"role": "user", "content": 'Return ok=true and word="ready" as JSON.'}]
        response_format = {
            "type": "json_schema",
            "json_schema": {"name": "probe", "strict": True, "schema": PROBE_SCHEMA},
        }
        advice = (
            "grading needs strict structured outputs (response_format json_schema): use a model"
            " or server that supports them (OpenAI, vLLM, Ollama 0.5+, LM Studio), or --offline"
        )
        try:
            completion = self._client.chat.completions.create(
                model=self._model,
                messages=cast(Any, messages),
                response_format=cast(Any, response_format),
                max_completion_tokens=64,
            )
        except Exception as exc:
            reason, _ = _reason(exc, self._base_url)
            return Check("json_schema", "fail", f"not supported ({reason})", advice)
        content = completion.choices[0].message.content if completion.choices else None
        try:
            value = json.loads(content or "")
        except json.JSONDecodeError:
            return Check("json_schema", "fail", "the reply was not JSON", advice)
        if not isinstance(value, dict) or set(value) != {"ok", "word"}:
            return Check("json_schema", "fail", "the reply ignored the schema", advice)
        return Check("json_schema", "ok", "a strict json_schema reply matched the schema")
