"""The line-oriented interview for scripts, pipes, CI and bare SSH sessions (no Textual)."""
