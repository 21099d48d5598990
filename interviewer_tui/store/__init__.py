"""Persistence: SQLModel tables, engine setup, repository functions and the migration runner."""
