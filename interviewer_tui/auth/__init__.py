"""Password hashing, tokens and the local session store: no database access, no user interface."""
