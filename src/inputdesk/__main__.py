"""`python -m inputdesk ...`: the same commands as the `inputdesk` script."""

from inputdesk.cli.main import app

app(prog_name="inputdesk")
