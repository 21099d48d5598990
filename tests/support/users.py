"""The passwords and the one way tests make users."""

from __future__ import annotations

from typing import Any

PASSWORD = "plum-kettle-orbit-42"
OTHER_PASSWORD = "velvet-harbour-sketch-7"
NEW_PASSWORD = "lantern-meadow-copper-19"
WRONG_PASSWORD = "definitely-not-it-3141"


def make_user(ctx: Any, name: str = "alice", password: str = PASSWORD) -> Any:
    """A registered user (a UserPublic), through the real use case on `ctx`'s database."""
    from interviewer_tui.services.local import LocalApplication

    return LocalApplication(ctx).register(
        username=name, email=f"{name}@example.com", password=password
    )
