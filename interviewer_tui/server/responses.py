"""JSON responses whose bytes can never drive a terminal: C1 and bidi controls in text from the
model or a user are `\\u`-escaped (JSON escapes C0 already), as in the CLI's `--json`; someone
reading the API with curl sees the characters, never their effect."""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

from interviewer_tui.core.text import escape_json_text


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return escape_json_text(text).encode("utf-8")
