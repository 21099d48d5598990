"""The application port over HTTP: the terminal app as a client of `interviewer serve`.

`app.RemoteApplication` and `running.RemoteInterview` implement `services/port.py` over the `/v1`
API and its Server-Sent Events, decoding with the same wire codec as the server
(`services/wire.py`). `outbox.Outbox` is the small local store that keeps answers (until the
server confirms them) and drafts on this computer. Nothing here imports the database layer:
the client holds no database, no signing key and no model key (an import-linter contract says so).
"""
