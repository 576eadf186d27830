"""Screening received files before any person sees them: hashing every picture and file inside them for
hash-list matching, and making sanitised derivatives for publication. Importable without web or database.

Kept free of imports here so the screening worker process can set its limits before loading numpy.
"""
