"""Where the PDF path's time goes, stage by stage, against bare PDFium text extraction.

Run:  python bench/ingest_stages.py [--runs 9] [--samples DIR] [--out bench/results/ingest_stages.json]

`bench/ingest.py` says whether our path reaches 0.9x the baseline; this one says why or why not.
Each row adds one stage to the row above it, so the difference between two rows is what that
stage costs, measured on the same files in the same run (best of N, interleaved, each after a
warm-up pass, as in ingest.py):

  PDFium pages and text      FPDF_LoadPage, FPDFText_LoadPage and the page's text through raw
                             handles: the work no reader can skip
  + paragraphs               page_paragraphs: lines, list items, the run-on test, PDFium's box of
                             each doubtful line and the breaks they show, joining
  + document checks          extract_document: active-content scan of the bytes, metadata,
                             needs-OCR and image flags, text blocks (the "extract only" row)
  + passages                 segment() without languages
  + languages                segment() as it runs (the "full path" row)

The baseline, raw pypdfium2 (`get_textpage().get_text_range()` per page), and the budget the
0.9x target leaves above it are printed with each corpus.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import (  # noqa: E402 - the sibling script, run from anywhere
    DEFAULT_SAMPLES,
    TARGET_RATIO,
    load_corpora,
    machine,
    read_pdfium_handles,
    read_raw_pypdfium2,
    write_results,
)

BASELINE = "raw pypdfium2 (baseline)"


def read_paragraphs(data: bytes) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from inputdesk.pipeline.extract.pdf_layout import page_paragraphs

    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdfium_c.FPDF_LoadPage(pdf.raw, index)
        textpage = pdfium_c.FPDFText_LoadPage(page)
        page_paragraphs(textpage)
        pdfium_c.FPDFText_ClosePage(textpage)
        pdfium_c.FPDF_ClosePage(page)
    pdf.close()


def stages() -> dict:
    from inputdesk.domain.extraction import ExtractionLimits
    from inputdesk.pipeline.extract import extract_document
    from inputdesk.pipeline.segment import segment

    limits = ExtractionLimits()
    return {
        BASELINE: read_raw_pypdfium2,
        "PDFium pages and text": read_pdfium_handles,
        "+ paragraphs": read_paragraphs,
        "+ document checks": lambda data: extract_document(data, "bench.pdf", limits),
        "+ passages": lambda data: segment(extract_document(data, "bench.pdf", limits), detect=lambda text: None),
        "+ languages": lambda data: segment(extract_document(data, "bench.pdf", limits)),
    }


def best_times(readers: dict, files: list[bytes], runs: int) -> dict[str, float]:
    import gc

    def read_all(read) -> None:
        for data in files:
            read(data)

    best = {name: float("inf") for name in readers}
    for run in range(runs):
        for name in readers if run % 2 == 0 else reversed(list(readers)):
            read_all(readers[name])  # warm-up, as in ingest.py
            gc.collect()
            started = time.perf_counter()
            read_all(readers[name])
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def report(corpus: str, pages: int, best: dict[str, float]) -> dict:
    baseline = best[BASELINE]
    budget = baseline / TARGET_RATIO
    print(f"\n{corpus}: {pages} pages; the {TARGET_RATIO}x target allows {budget * 1000:.1f} ms "
          f"({(budget - baseline) * 1000:.1f} ms above the baseline's {baseline * 1000:.1f} ms)")
    print(f"{'stage':<26}{'ms':>9}{'stage ms':>10}{'ratio':>8}")
    rows, before = {}, None
    for name, seconds in best.items():
        step = None if before is None or name == BASELINE else seconds - before
        ratio = baseline / seconds
        rows[name] = {"ms": round(seconds * 1000, 2), "stage_ms": None if step is None else round(step * 1000, 2),
                      "ratio_to_baseline": round(ratio, 3)}
        shown = "" if step is None else f"{step * 1000:+.1f}"
        print(f"{name:<26}{seconds * 1000:>9.1f}{shown:>10}{ratio:>7.2f}x")
        if name != BASELINE:
            before = seconds
    return {"pages": pages, "budget_ms": round(budget * 1000, 2), "stages": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="best of this many runs (default 9)")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results" / "ingest_stages.json")
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    corpora, _ = load_corpora(args.samples)
    readers = stages()
    results = {}
    for corpus, files in corpora.items():
        pages = sum(p for _, _, p in files)
        results[corpus] = report(corpus, pages, best_times(readers, [data for _, data, _ in files], args.runs))

    summary = {
        "benchmark": "ingest_stages",
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "runs": args.runs,
        "baseline": BASELINE + ": get_textpage().get_text_range() per page",
        "machine": machine(),
        "corpora": results,
    }
    write_results(args.out, summary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
