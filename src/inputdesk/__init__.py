"""InputDesk: run a UN-style call for input end to end."""

__version__ = "0.1.0"
