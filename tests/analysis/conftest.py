"""Analysis services wired on a migrated database, with the deterministic hashing embedder."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from inputdesk.bootstrap_analysis import build_analysis
from inputdesk.config import Settings
from inputdesk.pipeline.analysis.embedders import CachingEmbedder, HashingEmbedder

from .world import build_world


@pytest.fixture
def world(engine, tmp_path):
    calls, audit, subs = build_world(engine)
    app = SimpleNamespace(settings=Settings(data_dir=tmp_path), engine=engine, calls=calls, audit=audit,
                          submissions=subs)
    services = build_analysis(app, embedder=CachingEmbedder(HashingEmbedder()))
    return SimpleNamespace(app=app, services=services, submissions=subs)
