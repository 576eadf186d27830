"""The public submission portal: FastAPI app factory, thin routes, templates, static files and UI catalogues."""
