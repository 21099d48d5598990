"""The interview as pure logic: no I/O, no Textual, no SQL, no HTTP."""
