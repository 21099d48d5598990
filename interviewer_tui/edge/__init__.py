"""The shells' edge: what the shells (commands, the TUI, line mode) hold on this computer that the
use cases never see. `login.py` keeps the login's tokens in the session store and turns them into
the explicit identity every port call takes (issue 13)."""
