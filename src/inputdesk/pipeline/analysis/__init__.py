"""Analysis stages, importable without the web app or a database: map passages to questions, tag, find
recommendations, near-duplicates and themes. Each stage is an object with one small contract (contracts.py)."""
