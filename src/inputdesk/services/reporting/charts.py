"""Charts of the digest (matplotlib, Agg, no network): stakeholder mix, coverage matrix, tags per question, countries.

Readable in grayscale: bars carry their value, heatmap cells their number. Each chart comes with a text
alternative (a sentence) and the table of every value it shows. matplotlib is imported on first use only (it takes
about a second), never at module import."""

from __future__ import annotations

import io
from dataclasses import dataclass

from inputdesk.services.reporting.model import Digest

TOP_COUNTRIES = 15
TOP_TAG_ROWS = 12


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    alt: str  # one or two sentences for a reader who cannot see the picture
    headers: tuple[str, ...]
    rows: tuple[tuple, ...]  # the values shown, as a table
    svg: str
    png: bytes


def digest_charts(digest: Digest) -> list[Chart]:
    """The charts worth drawing for this digest (none when nothing is included)."""
    if not digest.overview.submissions:
        return []
    charts = [stakeholder_mix(digest), coverage(digest), countries(digest)]
    tags = tags_per_question(digest)
    if tags is not None:
        charts.insert(2, tags)
    return charts


def stakeholder_mix(digest: Digest) -> Chart:
    rows = [(s.label, s.count) for s in digest.overview.by_category]
    alt = ("Bar chart of included submissions by stakeholder category (confidential ones counted): "
           + "; ".join(f"{label} {n}" for label, n in rows) + ".")
    return _bars("stakeholder-mix", "Submissions by stakeholder category", rows, alt, ("Stakeholder category",
                                                                                       "Submissions"))


def countries(digest: Digest) -> Chart:
    shares = digest.overview.by_country
    named = [s for s in shares if s.key][:TOP_COUNTRIES]
    rest = sum(s.count for s in shares if s.key) - sum(s.count for s in named)
    rows = [(s.label, s.count) for s in named]
    if rest:
        rows.append(("Other countries", rest))
    rows += [(s.label, s.count) for s in shares if not s.key]
    alt = ("Bar chart of included submissions by country: " + "; ".join(f"{label} {n}" for label, n in rows) + ".")
    return _bars("countries", "Submissions by country", rows, alt, ("Country", "Submissions"))


def coverage(digest: Digest) -> Chart:
    cats = [(s.label, row) for s, row in zip(digest.overview.by_category, digest.overview.coverage) if s.count]
    columns = [f"Q{q.number}" for q in digest.questions]
    alt = (f"Heatmap of how many submissions of each stakeholder category ({len(cats)} rows) address each of the "
           f"{len(columns)} questions; darker cells mean more submissions, and every cell shows its number. "
           "The table gives every value.")
    return _heatmap("coverage", "Coverage: stakeholder categories by question", cats, columns, alt,
                    ("Stakeholder category", *columns))


def tags_per_question(digest: Digest) -> Chart | None:
    totals: dict[tuple[str, str], int] = {}
    per_question: dict[tuple[str, str], dict[str, int]] = {}
    for q in digest.questions:
        for kind, figures in q.tags.items():
            if kind.lower().startswith(("legal", "instrument")):
                continue
            for f in figures:
                key = (kind, f.label)
                per_question.setdefault(key, {})[q.id] = f.evidence.count
                totals[key] = totals.get(key, 0) + f.evidence.count
    if not totals:
        return None
    top = sorted(totals, key=lambda k: (-totals[k], k[1]))[:TOP_TAG_ROWS]
    rows = [(label, [per_question[(kind, label)].get(q.id, 0) for q in digest.questions]) for kind, label in top]
    columns = [f"Q{q.number}" for q in digest.questions]
    alt = (f"Heatmap of the {len(rows)} most mentioned technologies, harms and measures by question: each cell is "
           "the number of submissions mentioning it in answers to that question. The table gives every value.")
    return _heatmap("tags", "Technologies, harms and measures by question", rows, columns, alt, ("Tag", *columns))


# --- drawing -------------------------------------------------------------------------------------
def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _bars(key: str, title: str, rows: list[tuple[str, int]], alt: str, headers) -> Chart:
    labels = [_wrap(label) for label, _ in rows][::-1]
    values = [n for _, n in rows][::-1]
    fig = _figure(7.0, 0.9 + 0.34 * len(rows))
    ax = fig.add_subplot()
    # one series: a light hatch on grey, and every bar's value written beside it (no meaning rests on colour)
    bars = ax.barh(labels, values, color="#c8c8c8", edgecolor="black", linewidth=0.6, hatch="//")
    ax.bar_label(bars, padding=3, fontsize=8)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("Submissions")
    _finish(ax, title)
    return _chart(fig, key, title, alt, headers, tuple(rows))


def _heatmap(key: str, title: str, rows: list[tuple[str, list[int]]], columns: list[str], alt: str, headers) -> Chart:
    import numpy as np

    data = np.array([values for _, values in rows] or [[0] * len(columns)], dtype=float)
    fig = _figure(1.9 + 0.55 * len(columns) + 1.6, 0.9 + 0.36 * max(1, len(rows)))
    ax = fig.add_subplot()
    top = max(1.0, float(data.max()))
    ax.imshow(data, cmap="Greys", vmin=0, vmax=top * 1.25, aspect="auto")
    for (i, j), value in np.ndenumerate(data):
        ax.text(j, i, f"{int(value)}" if value else "·", ha="center", va="center", fontsize=8,
                color="white" if value > top * 0.6 else "black")
    ax.set_xticks(range(len(columns)), columns, fontsize=8)
    ax.set_yticks(range(len(rows)), [_wrap(label) for label, _ in rows], fontsize=8)
    ax.tick_params(length=0)
    _finish(ax, title, grid=False)
    return _chart(fig, key, title, alt, headers, tuple((label, *values) for label, values in rows))


def _finish(ax, title: str, grid: bool = True) -> None:
    ax.set_title(title, fontsize=10, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if grid:
        ax.tick_params(axis="y", labelsize=8)
    ax.figure.tight_layout()


def _chart(fig, key, title, alt, headers, rows) -> Chart:
    import matplotlib

    # text stays text in the SVG (searchable, smaller); fixed ids and no dates: the same digest, the same bytes
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "inputdesk"}):
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None})
        fig.savefig(png, format="png", metadata={"Software": None})
    text = svg.getvalue().decode("utf-8")
    return Chart(key, title, alt, tuple(headers), rows, text[text.index("<svg"):], png.getvalue())


def _wrap(label: str, width: int = 34) -> str:
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width)
    return label[:cut] + "\n" + _wrap(label[cut + 1:], width) if cut > 0 else label
