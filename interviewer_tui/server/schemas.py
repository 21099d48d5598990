"""The /v1 wire models: request bodies (strict: unknown fields and NUL characters refused) and
responses (what the OpenAPI schema promises and schemathesis checks)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL: larger ones can never exist


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and no person types one: refuse it as bad input
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
ShortText = Annotated[str, Field(max_length=1024), AfterValidator(_no_nul)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- requests -----------------------------------------------------------------------------------


class RegisterIn(Strict):
    username: ShortText
    email: ShortText
    password: ShortText


class VerifyIn(Strict):
    token: Annotated[str, Field(max_length=8192), AfterValidator(_no_nul)]


class LoginIn(Strict):
    identifier: ShortText = Field(description="Username or email address.")
    password: ShortText


class RefreshIn(Strict):
    refresh_token: ShortText


class LogoutIn(Strict):
    everywhere: bool = False


class PasswordChangeIn(Strict):
    current_password: ShortText
    new_password: ShortText


class ForgotIn(Strict):
    email: ShortText


class ResetIn(Strict):
    token: ShortText
    new_password: ShortText


class DeleteAccountIn(Strict):
    password: ShortText


RequestId = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_no_nul)] | None
REQUEST_ID = Field(
    default=None,
    description="Chosen by the client (a UUID): a retry with the same id returns the "
    "interview the first request created (200), never a second one.",
)


class StartIn(Strict):
    id: RequestId = REQUEST_ID
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    topics: list[Annotated[str, Field(max_length=64), AfterValidator(_no_nul)]] = Field(
        default_factory=list, max_length=32
    )
    questions: int | None = Field(default=None, ge=1, le=30)
    language: Annotated[str, Field(max_length=32), AfterValidator(_no_nul)] | None = None
    length_minutes: int | None = Field(default=None, ge=1, le=240)
    job_description: Annotated[str, Field(max_length=20_000), AfterValidator(_no_nul)] | None = None
    resume: Annotated[str, Field(max_length=20_000), AfterValidator(_no_nul)] | None = Field(
        default=None, description="The candidate's résumé as text: questions on its projects."
    )
    offline: bool = Field(default=False, description="Use the offline interviewer.")


class PracticeIn(Strict):
    id: RequestId = REQUEST_ID
    count: int = Field(default=5, ge=1, le=30, description="How many due points to practise.")
    ahead_days: int = Field(default=0, ge=0, le=365, description="Also take points due this soon.")
    offline: bool = Field(default=False, description="Use the offline interviewer.")


class RetryIn(Strict):
    id: RequestId = REQUEST_ID
    question_number: int = Field(ge=1, le=30, description="The question to answer again.")
    offline: bool = Field(
        default=False, description="Grade with the offline interviewer (else the original's)."
    )


class RegradeIn(Strict):
    offline: bool = Field(default=True, description="Grade again with the offline interviewer.")
    model: Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_nul)] | None = (
        Field(default=None, description="Or with this model of the server's endpoint.")
    )


class AnswerIn(Strict):
    id: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_no_nul)] = Field(
        description="Chosen by the client (a UUID): a retry with the same id returns the stored "
        "answer and what followed it, never a second answer."
    )
    text: Annotated[str, Field(max_length=40_000), AfterValidator(_no_nul)]


# -- responses ----------------------------------------------------------------------------------


class ErrorOut(BaseModel):
    error: str


class MessageOut(BaseModel):
    message: str


class UserOut(BaseModel):
    id: int
    username: str
    email: str
    created_at: datetime


class TokensOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime
    session_id: str
    user: UserOut


class WhoAmIOut(BaseModel):
    user: UserOut
    session_id: str
    access_expires_at: datetime


class SessionOut(BaseModel):
    id: str
    host: str
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    current: bool


class SummaryOut(BaseModel):
    id: int
    status: str
    difficulty: str
    topics: list[str]
    number_questions: int
    answered: int
    score: int | None
    provider: str
    model: str
    created_at: datetime
    updated_at: datetime


class InterviewListOut(BaseModel):
    items: list[SummaryOut]
    offset: int
    limit: int
    next_offset: int | None


class OptionsOut(BaseModel):
    difficulty: str
    topics: list[str]
    questions: int | None
    language: str | None
    length_minutes: int | None
    job_description: str | None


class QuestionOut(BaseModel):
    number: int
    topic: str
    question: str
    score: int | None
    feedback: str | None
    covered: list[str]
    missed: list[str]
    skipped: bool


class ReportOut(BaseModel):
    overall_percent: int | None
    answered: int
    per_topic: dict[str, int]
    questions: list[QuestionOut]
    summary: str
    strengths: list[str]
    improvements: list[str]
    suggested_topics: list[str]
    provider: str
    model: str


class DetailOut(BaseModel):
    summary: SummaryOut
    options: OptionsOut
    questions: list[QuestionOut]
    report: ReportOut | None


class TranscriptMessageOut(BaseModel):
    seq: int
    author: str
    kind: str
    content: str
    score: int | None
    question_number: int | None
    created_at: datetime


class TranscriptOut(BaseModel):
    interview_id: int
    messages: list[TranscriptMessageOut]


class TopicOut(BaseModel):
    id: str
    title: str
    description: str
    group: str


class TopicScoreOut(BaseModel):
    topic: str
    percent: int


class UsageOut(BaseModel):
    interviews_today: int
    interviews_left: int
    tokens_today: int
    tokens_left: int


class DashboardOut(BaseModel):
    unfinished: SummaryOut | None
    recent: list[SummaryOut]
    trend: list[int]
    weakest_topics: list[TopicScoreOut]
    usage: UsageOut


def out(model: type[BaseModel], value: Any) -> Any:
    """A read model (frozen dataclass) as its wire model."""
    return model.model_validate(value, from_attributes=True)


SSE_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-Sent Events in the vocabulary of `--json` (README, JSON events); "
        "the id of each event is the sequence number of the stored message: reconnect with "
        "`Last-Event-ID` to resume.",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}
