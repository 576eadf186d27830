"""Use cases: the one core that the web app, the CLI and background jobs call."""
