"""Reading a résumé file for `--resume`: plain text, Markdown, or PDF (text layer via pypdf).

pypdf is imported only for PDFs. A scanned PDF has no text layer: that is said plainly rather than
tailoring to nothing.
"""

from __future__ import annotations

from pathlib import Path

from interviewer_tui.errors import UsageError

MAX_RESUME_BYTES = 5_000_000


def read_resume(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the résumé {path}: {exc.strerror}") from None
    if len(data) > MAX_RESUME_BYTES:
        raise UsageError(f"the résumé {path} is too large ({len(data):,} bytes)")
    if data.startswith(b"%PDF-") or path.suffix.lower() == ".pdf":
        text = _pdf_text(path, data)
    else:
        text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise UsageError(
            f"the résumé {path} holds no text (a scanned PDF has none): use a text or Markdown copy"
        )
    return text


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"cannot read the PDF {path}: {str(exc).splitlines()[0]}") from None
