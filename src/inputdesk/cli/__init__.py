"""Command-line interface: parses arguments and calls services, nothing more."""
