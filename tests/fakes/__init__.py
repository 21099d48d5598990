"""Test doubles: a local OpenAI-compatible server (see openai_server.py)."""
