"""The pure core: dataclasses and rules. Standard library only."""
