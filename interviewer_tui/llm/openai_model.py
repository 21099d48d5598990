"""The OpenAI interviewer: Chat Completions via the official SDK, so any compatible server works.

We switch the SDK's own retries off and retry here instead, because a streamed turn that breaks
half way must be retried as a whole and listeners told to discard what they showed (`Retrying`).
Turns stream; grading and the report use strict structured outputs, validated again in code.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from interviewer_tui.config import DEFAULT_MODEL, Settings
from interviewer_tui.core import prompts
from interviewer_tui.core.models import (
    Evaluation,
    EvaluationRequest,
    ReportDraft,
    ReportRequest,
    TurnRequest,
    Usage,
    Utterance,
)
from interviewer_tui.errors import ModelError
from interviewer_tui.llm import schemas
from interviewer_tui.llm.protocol import Delta, Listener, ModelInfo, Retrying

if TYPE_CHECKING:
    from openai import DefaultHttpxClient, OpenAI
    from openai.types.chat import ChatCompletionMessageParam
    from openai.types.completion_usage import CompletionUsage

    from interviewer_tui.llm.model_answer import ModelAnswerRequest

T = TypeVar("T")

STRUCTURED_ATTEMPTS = 3
"""Refusals and malformed JSON are asked again this many times in all before giving up."""


class _Transient(Exception):
    """A failure worth retrying; `retry_after` is the server's hint in seconds, if any."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _BadReply(Exception):
    """A complete reply we cannot use (refusal, malformed JSON): asked again a few times."""


@dataclass(frozen=True)
class _Streamed:
    text: str
    usage: Usage


def _usage(raw: CompletionUsage | None) -> Usage:
    if raw is None:
        return Usage()
    return Usage(int(raw.prompt_tokens or 0), int(raw.completion_tokens or 0))


def _notify(on_event: Listener | None, event: Delta | Retrying) -> None:
    if on_event is not None:
        on_event(event)


def parse_retry_after(headers: Any) -> float | None:
    """Seconds from `retry-after-ms`, `retry-after` (seconds or an HTTP date); None if absent."""
    if headers is None:
        return None
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


_shared_lock = threading.Lock()
_shared: list[DefaultHttpxClient] = []


def shared_http_client() -> DefaultHttpxClient:
    """One connection pool for every interviewer model this process makes.

    Building an SDK client builds an HTTP client, and with it an SSL context that loads the CA
    bundle: 50-90 ms of CPU. The server makes a model for every request that drives a turn, so
    paying that each time was most of an answer's latency under load (bench/server_load.py).
    httpx clients are thread-safe; each model still sets its own base URL, key and timeout.
    """
    with _shared_lock:
        if not _shared:
            import openai

            _shared.append(openai.DefaultHttpxClient())
        return _shared[0]


class OpenAIInterviewer:
    """An `InterviewerModel` over Chat Completions (OpenAI, Ollama, vLLM, LM Studio, gateways)."""

    def __init__(
        self,
        *,
        api_key: str,
        model: str = DEFAULT_MODEL,
        base_url: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 20.0,
        retry_after_cap: float = 30.0,
        structured_attempts: int = STRUCTURED_ATTEMPTS,
        reasoning_effort: str | None = None,
        grading_temperature: float | None = 0.2,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        http_client: DefaultHttpxClient | None = None,
    ) -> None:
        """`http_client`: a pool to share (see `shared_http_client`), which `close` leaves open;
        without one the model has a client of its own."""
        import openai

        self._model = model
        self._base_url = base_url
        self._timeout = timeout
        self._max_retries = max_retries
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._retry_after_cap = retry_after_cap
        self._structured_attempts = max(1, structured_attempts)
        self._reasoning_effort = reasoning_effort
        self._grading_temperature = grading_temperature  # None, or refused once: model default
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._stream_usage = True  # switched off for servers that reject stream_options
        self._owns_http = http_client is None
        self._client: OpenAI = openai.OpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=http_client,
        )

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> OpenAIInterviewer:
        if settings.openai_api_key is None:
            raise ModelError("no API key: set OPENAI_API_KEY, or use --offline")
        kwargs: dict[str, Any] = {
            "api_key": settings.openai_api_key.get_secret_value(),
            "model": settings.model,
            "base_url": settings.openai_base_url,
            "timeout": settings.openai_timeout,
            "max_retries": settings.openai_max_retries,
            "grading_temperature": settings.interviewer_temperature,
            "http_client": shared_http_client(),
        }
        kwargs.update(overrides)
        return cls(**kwargs)

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(provider="openai", model=self._model)

    def close(self) -> None:
        if self._owns_http:  # a shared pool outlives the interview
            self._client.close()

    # -- the protocol -------------------------------------------------------------------------

    def stream_turn(self, request: TurnRequest, on_event: Listener) -> Utterance:
        messages = prompts.turn_messages(request)
        spent = Usage()

        def attempt() -> _Streamed:
            nonlocal spent
            streamed = self._stream_once(messages, on_event)
            spent = spent + streamed.usage
            if not streamed.text.strip():
                raise _Transient("the model sent an empty reply")
            return streamed

        result = self._with_retries(attempt, on_event)
        return Utterance(text=result.text, usage=spent)

    def stream_model_answer(self, request: ModelAnswerRequest, on_event: Listener) -> Utterance:
        """A strong answer to an already-answered question, streamed (see llm/model_answer.py)."""
        from interviewer_tui.llm.model_answer import MODEL_ANSWER_MAX_TOKENS, model_answer_messages

        messages = model_answer_messages(request)
        spent = Usage()

        def attempt() -> _Streamed:
            nonlocal spent
            streamed = self._stream_once(messages, on_event, max_tokens=MODEL_ANSWER_MAX_TOKENS)
            spent = spent + streamed.usage
            if not streamed.text.strip():
                raise _Transient("the model sent an empty reply")
            return streamed

        result = self._with_retries(attempt, on_event)
        return Utterance(text=result.text, usage=spent)

    def evaluate(self, request: EvaluationRequest, on_event: Listener | None = None) -> Evaluation:
        return self._structured(
            prompts.evaluation_messages(request),
            name="evaluation",
            schema=schemas.evaluation_schema(),
            max_tokens=prompts.EVALUATION_MAX_TOKENS,
            parse=schemas.parse_evaluation,
            what="grade the answer",
            on_event=on_event,
            grading=True,
        )

    def write_report(self, request: ReportRequest, on_event: Listener | None = None) -> ReportDraft:
        return self._structured(
            prompts.report_messages(request),
            name="report",
            schema=schemas.report_schema(),
            max_tokens=prompts.REPORT_MAX_TOKENS,
            parse=schemas.parse_report,
            what="write the report",
            on_event=on_event,
        )

    # -- one call -----------------------------------------------------------------------------

    def _common(self, max_tokens: int) -> dict[str, Any]:
        # `temperature` only for grading (see evaluate); `max_completion_tokens` replaces max_tokens
        extra: dict[str, Any] = {"model": self._model, "max_completion_tokens": max_tokens}
        if self._reasoning_effort:
            extra["reasoning_effort"] = self._reasoning_effort
        return extra

    def _stream_once(
        self,
        messages: list[prompts.ChatMessage],
        on_event: Listener,
        *,
        max_tokens: int = prompts.TURN_MAX_TOKENS,
    ) -> _Streamed:
        kwargs = self._common(max_tokens)
        if self._stream_usage:
            kwargs["stream_options"] = {"include_usage": True}
        stream = self._client.chat.completions.create(
            messages=cast("list[ChatCompletionMessageParam]", messages), stream=True, **kwargs
        )
        parts: list[str] = []
        usage = Usage()
        finished = False
        with stream:
            try:
                for chunk in stream:
                    if chunk.usage is not None:
                        usage = _usage(chunk.usage)
                    for choice in chunk.choices[:1]:
                        text = choice.delta.content if choice.delta else None
                        if text:
                            parts.append(text)
                            on_event(Delta(text))
                        if choice.finish_reason is not None:
                            finished = True
            except ValueError as exc:  # an SSE line that is not JSON
                raise _Transient("the stream sent malformed data") from exc
        if not finished:
            # the connection closed cleanly but the reply never said it was complete
            raise _Transient("the stream broke off before the reply was complete")
        return _Streamed("".join(parts), usage)

    def _structured(
        self,
        messages: list[prompts.ChatMessage],
        *,
        name: str,
        schema: dict[str, Any],
        max_tokens: int,
        parse: Callable[[object, Usage], T],
        what: str,
        on_event: Listener | None,
        grading: bool = False,
    ) -> T:
        spent = Usage()
        problem = ""
        for attempt in range(1, self._structured_attempts + 1):

            def call() -> Any:
                extra = self._common(max_tokens)
                if grading and self._grading_temperature is not None:
                    # low for grading: the same answer should get the same grade
                    extra["temperature"] = self._grading_temperature
                return self._client.chat.completions.create(
                    messages=cast("list[ChatCompletionMessageParam]", messages),
                    response_format=cast(Any, schemas.response_format(name, schema)),
                    **extra,
                )

            completion = self._with_retries(call, on_event)
            spent = spent + _usage(completion.usage)
            try:
                return parse(self._decode(completion), spent)
            except (_BadReply, ValueError) as exc:
                problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if attempt < self._structured_attempts:
                _notify(on_event, Retrying(attempt=attempt, delay=0.0, reason=problem))
        raise ModelError(
            f"the model could not {what} after {self._structured_attempts} attempts: {problem}"
        )

    @staticmethod
    def _decode(completion: Any) -> object:
        if not completion.choices:
            raise _BadReply("the model sent no choices")
        message = completion.choices[0].message
        if getattr(message, "refusal", None):
            raise _BadReply("the model refused")
        content = message.content
        if not content or not content.strip():
            raise _BadReply("the model sent an empty reply")
        try:
            return json.loads(content)
        except json.JSONDecodeError as exc:
            raise _BadReply("the model sent malformed JSON") from exc

    # -- retries ------------------------------------------------------------------------------

    def _with_retries(self, call: Callable[[], T], on_event: Listener | None) -> T:
        retries = 0
        while True:
            try:
                return call()
            except Exception as exc:
                try:
                    failure = self._classify(exc)
                except ModelError as final:
                    # not chained: the SDK error holds the request, Authorization header included
                    raise final from None
                if retries >= self._max_retries:
                    raise ModelError(
                        f"the model provider failed after {retries + 1} attempts: {failure.reason}"
                    ) from None
                retries += 1
                delay = self._delay(retries, failure.retry_after)
                _notify(on_event, Retrying(attempt=retries, delay=delay, reason=failure.reason))
                self._sleep(delay)

    def _delay(self, retry: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self._retry_after_cap)
        ceiling = min(self._backoff_cap, self._backoff_base * 2 ** (retry - 1))
        return float(ceiling * (0.5 + self._rng.random() / 2))  # jitter spreads clients apart

    def _classify(self, exc: Exception) -> _Transient:
        """Return the transient failure to retry, or raise ModelError for ones that are final."""
        import openai

        if isinstance(exc, _Transient):
            return exc
        if isinstance(exc, openai.AuthenticationError):
            raise ModelError(
                "the API key was rejected (HTTP 401): check OPENAI_API_KEY"
                + (f" for {self._base_url}" if self._base_url else "")
                + ", or use --offline"
            ) from None
        if isinstance(exc, openai.APIStatusError):
            return self._classify_status(exc)
        if isinstance(exc, openai.APITimeoutError):
            return _Transient(f"no reply within {self._timeout:g} s")
        if isinstance(exc, openai.APIConnectionError):
            return _Transient("the connection to the model provider failed or broke off")
        if type(exc).__module__.split(".")[0] in ("httpx2", "httpx", "httpcore"):
            return _Transient("the connection to the model provider broke off")
        raise exc

    def _classify_status(self, exc: Any) -> _Transient:
        status = int(exc.status_code)
        detail = _server_message(exc)
        if status == 429 and exc.code == "insufficient_quota":
            raise ModelError("the provider says the account's quota is used up (HTTP 429)")
        if status in (408, 409, 429) or status >= 500:
            label = "rate limited" if status == 429 else "server error"
            return _Transient(f"{label} (HTTP {status})", parse_retry_after(exc.response.headers))
        if status == 403:
            raise ModelError(f"the provider refused access (HTTP 403){detail}")
        if status == 404:
            where = f" at {self._base_url}" if self._base_url else ""
            raise ModelError(f"model {self._model!r} was not found{where} (HTTP 404){detail}")
        if status == 400 and self._grading_temperature is not None and "temperature" in detail:
            self._grading_temperature = None  # e.g. a reasoning model: use its default from now
            return _Transient("the model does not accept a temperature; using its default", 0.0)
        if status == 400 and self._stream_usage and "stream_options" in detail:
            self._stream_usage = False  # an older compatible server: retry without usage
            return _Transient("the server does not support stream usage", 0.0)
        raise ModelError(f"the provider rejected the request (HTTP {status}){detail}")


def _server_message(exc: Any) -> str:
    """The provider's own words, shortened; only for non-auth errors (a 401 may echo the key)."""
    message = getattr(exc, "message", "") or ""
    body = getattr(exc, "body", None)
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        message = body["message"]
    message = " ".join(str(message).split())[:200]
    return f": {message}" if message else ""
