"""Typer commands, one module per area. Each imports only `typer` at module level."""
