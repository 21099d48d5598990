"""Interviewer models behind one small protocol: OpenAI (any compatible server) and offline."""
