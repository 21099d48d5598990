"""One factory for what tests build: contexts, the application port, CLI runners (in-process and
subprocess), users, free ports and the shared passwords (STYLE.md 17).

Fixtures in the conftest files are thin wrappers over these functions, so a flow written against
them can run unchanged against a second implementation of the port.
"""
