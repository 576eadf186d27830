"""Running the portal: build the App for a data directory and serve it with uvicorn until interrupted."""

from __future__ import annotations

from pathlib import Path

import uvicorn

from inputdesk.bootstrap import build_app
from inputdesk.config import Settings
from inputdesk.web.app import create_app


def serve_forever(data_dir: Path, host: str = "127.0.0.1", port: int = 8000, *,
                  database_url: str | None = None) -> None:
    overrides = {"data_dir": Path(data_dir)}
    if database_url:
        overrides["database_url"] = database_url
    with build_app(Settings(**overrides)) as application:
        if not application.calls.list_calls():
            print("No call is registered yet: run 'inputdesk init' (seed call) or 'inputdesk call add FILE'.")
        application.warm_up()  # load models and start the extraction worker before the first visitor
        shown = f"[{host}]" if ":" in host else host
        print(f"InputDesk portal: http://{shown}:{port}/  (Ctrl-C to stop)", flush=True)
        print(f"Staff console:    http://{shown}:{port}/staff/  (accounts: 'inputdesk user add')", flush=True)
        # proxy_headers: behind a reverse proxy listed in --forwarded-allow-ips / FORWARDED_ALLOW_IPS the client
        # address (used for rate limiting) comes from X-Forwarded-For; direct clients cannot spoof it.
        uvicorn.run(create_app(application), host=host, port=port, proxy_headers=True, log_level="info",
                    server_header=False)
