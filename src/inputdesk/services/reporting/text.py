"""The digest's sentences, shared by every format so that DOCX, HTML and Markdown say the same thing."""

from __future__ import annotations

from inputdesk.services.reporting.model import (
    Digest, Evidence, QuestionDigest, RecommendationGroup, Share, ThemeDigest)

GENERATED_MARK = "Machine-drafted summary (check it against the cited passages)"


def plural(n: int, noun: str = "submission") -> str:
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def categories(items: list[Share]) -> int:
    """How many stakeholder categories stand behind a figure ('Category not given' is not one)."""
    return sum(1 for s in items if s.key and s.count)


def shares(items: list[Share], limit: int | None = None) -> str:
    shown = [s for s in items if s.count][:limit]
    text = ", ".join(f"{s.label} ({s.count})" for s in shown)
    rest = len([s for s in items if s.count]) - len(shown)
    return text + (f" and {rest} more" if rest > 0 else "")


def confidential_phrase(n: int) -> str:
    return f"{n} confidential submission" + ("" if n == 1 else "s")


def unlisted_sentence(n: int) -> str:
    """The annex's closing sentence on confidential submissions."""
    return (f"In addition, {confidential_phrase(n)} {'was' if n == 1 else 'were'} received; "
            f"{'it is' if n == 1 else 'they are'} counted in this digest but not listed.")


def annex_entry(s) -> str:
    """A submitter as the annex lists it: the label (a joint submission's label already names every author), its
    country where the label is not the country itself, and whether it was joint."""
    country = f", {s.country_name}" if s.country_name and s.label != s.country_name else ""
    return f"{s.label}{country}{' (joint submission)' if s.joint_authors else ''}"


def evidence_note(ev: Evidence) -> str:
    """The submissions behind a figure, as a footnote says them."""
    named = [f"{c.source} ({c.reference}{', not yet reviewed' if c.unreviewed else ''})" for c in ev.cited]
    if ev.confidential:
        named.append(("and " if named else "") + confidential_phrase(ev.confidential))
    return ("Submissions: " + "; ".join(named) + ".") if named else "No submission."


def overview_sentences(digest: Digest) -> list[str]:
    o = digest.overview
    if not o.submissions:
        return ["No submission is included in this digest yet."]
    present = [s for s in o.by_category if s.count]
    named = [s for s in present if s.key]  # "Category not given" is not a category
    countries = [s for s in o.by_country if s.key]
    out = [f"This digest rests on {plural(o.submissions)} from {plural(len(named), 'stakeholder category')}"
           + (f" and {plural(len(countries), 'country')}" if countries else "")
           + (f", {confidential_phrase(o.confidential)} among them, which are counted but never quoted, named or "
              "cited" if o.confidential else "") + "."]
    out.append(f"By stakeholder category: {shares(present)}.")
    if countries:
        out.append(f"By region: {shares(o.by_region)}. By country: {shares(o.by_country, 12)}.")
    out.append(f"By language: {shares(o.by_language)}.")
    out.append(f"{plural(o.on_time)} arrived by the deadline ({o.deadline:%d %B %Y}) and {o.late} after it.")
    silent = [s.label for s in o.by_category if not s.count]
    if silent:
        out.append("No submission came from: " + ", ".join(silent) + ".")
    if o.unreviewed:
        out.append(f"{plural(o.unreviewed)} not yet reviewed are included and marked as such.")
    return out


def excluded_sentence(digest: Digest) -> str | None:
    excluded = digest.overview.excluded
    if not excluded:
        return None
    return ("Left out of every figure: " + "; ".join(f"{plural(s.count)} {s.label}" for s in excluded) + ".")


def question_sentence(q: QuestionDigest) -> str:
    if not q.evidence.count:
        return "No included submission addressed this question."
    return f"{plural(q.evidence.count)} addressed this question {from_categories(q.by_category)}."


def from_categories(items: list[Share]) -> str:
    n = categories(items)
    if not n:
        return "(stakeholder category not given)"
    return f"from {plural(n, 'stakeholder category')} ({shares(items)})"


def group_sentence(g: RecommendationGroup) -> str:
    who = "No addressee named" if g.addressee == "unspecified" else f"Addressed to {g.label}"
    measures = f" Measures: {', '.join(m.label for m in g.measures[:5])}." if g.measures else ""
    return f"{who}: {plural(g.evidence.count)}.{measures}"


def theme_sentence(t: ThemeDigest) -> str:
    keywords = f" Distinctive words: {', '.join(t.keywords[:6])}." if t.keywords and not t.is_other else ""
    edited = " Named or edited by an analyst." if t.edited else ""
    return f"Raised in {plural(t.evidence.count)} {from_categories(t.by_category)}.{keywords}{edited}"


def gap_sentences(q: QuestionDigest) -> list[str]:
    out = []
    if q.silent_categories:
        out.append("Not addressed by any submission from: " + ", ".join(s.label for s in q.silent_categories) + ".")
    single = q.single_source_themes
    if single:
        out.append("Themes resting on a single submission: " + "; ".join(t.title for t in single) + ".")
    return out or ["Every stakeholder category that made a submission addressed this question."]


def tag_sentences(q: QuestionDigest) -> list[str]:
    return [f"{kind}: " + ", ".join(f"{f.label} ({f.evidence.count})" for f in figures) + "."
            for kind, figures in q.top_tags().items()]


def method_notes(digest: Digest) -> list[str]:
    analysed = f" (last run {digest.analysed_at:%d %B %Y %H:%M} UTC)" if digest.analysed_at else ""
    notes = [
        f"Passages were mapped to the call's questions, tagged and grouped into themes by InputDesk's offline "
        f"analysis{analysed}; analysts' corrections take precedence. Figures count distinct submissions.",
        "Approved and confidential submissions are included. Confidential submissions count in every figure but "
        "are never quoted, named or cited. Quarantined, rejected, withdrawn and unreadable submissions are left out"
        + (", and submissions not yet reviewed are included only where marked." if digest.include_unreviewed else
           ", and so are submissions not yet reviewed."),
        "Quotes are verbatim from the submissions' text with personal data removed ('[redacted]'), including "
        "redactions still awaiting a reviewer's decision; long passages are shortened at a sentence end ('[…]').",
        "Submissions are cited by State, organisation or 'Individual submission', with their reference, document "
        "and page; the annex lists every submitter that may be named.",
    ]
    return notes + list(digest.notes)
