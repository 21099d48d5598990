"""The Textual TUI: screens, widgets and the app shell. Only `launch.run_tui` is public."""
