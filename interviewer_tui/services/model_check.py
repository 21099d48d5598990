"""`interviewer model check`: probe the configured endpoint before an interview needs it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interviewer_tui.errors import UsageError

if TYPE_CHECKING:
    from interviewer_tui.llm.probe import ProbeResult
    from interviewer_tui.services.context import AppContext


def check_model(ctx: AppContext, *, model: str | None = None) -> ProbeResult:
    """Run the probes against OPENAI_BASE_URL with OPENAI_API_KEY (UsageError without a key)."""
    settings = ctx.settings
    if settings.openai_api_key is None:
        raise UsageError(
            "no API key: set OPENAI_API_KEY (and OPENAI_BASE_URL for a compatible server);"
            " the offline interviewer needs no check"
        )
    from interviewer_tui.llm.probe import EndpointProbe

    probe = EndpointProbe(
        api_key=settings.openai_api_key.get_secret_value(),
        model=model or settings.model,
        base_url=settings.openai_base_url,
        timeout=settings.openai_timeout,
    )
    try:
        return probe.run()
    finally:
        probe.close()
