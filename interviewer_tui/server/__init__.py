"""`interviewer serve`: the HTTP shell over the services (FastAPI on uvicorn).

Like the CLI and the TUI, it only parses, calls a use case with the caller's identity, and renders.
It never imports `store/`; every request reaches the services through `server/port.py`.
"""
