"""One screen per step of the app: auth, home, setup, interview, report, history, transcript."""
