"""Building the evidence digest of a call from its analysis: overview, then each question in the call's order."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, datetime

from inputdesk.domain.call import Question
from inputdesk.services.analysis_ports import theme_title
from inputdesk.services.analysis_themes import readable_keywords
from inputdesk.services.reporting.corpus import Corpus, is_confidential
from inputdesk.services.reporting.model import (
    Digest, Overview, QuestionDigest, RecommendationGroup, Share, TagFigure, ThemeDigest)
from inputdesk.services.reporting.regions import country_name, language_name, region
from inputdesk.services.reporting.text import categories

TAG_KINDS = ("technology", "harm", "measure", "instrument")  # what a question's section lists, in this order
RECOMMENDATION_QUOTES = 3
EXAMPLES = 5
# A passage offers a practical example when it tells of something done or in place (EN/FR/ES cues), or when it
# also answers a question that asks for examples.
EXAMPLE_CUES = re.compile(
    r"\b(for example|for instance|e\.g\.|such as the|in practice|pilot(?:ed|s)?|(?:we|it|they) (?:have |has )?"
    r"(?:launched|established|set up|introduced|created|developed|trained|adopted)|par exemple|à titre d'exemple|"
    r"nous avons (?:mis en place|lancé|créé|formé|adopté)|a été (?:mis en place|lancé|créé)|por ejemplo|"
    r"hemos (?:creado|lanzado|puesto en marcha|desarrollado|adoptado)|se ha (?:creado|puesto en marcha))\b",
    re.IGNORECASE)
KEYWORDS = 6
# The title of a machine-made theme none of whose passages may be quoted (all confidential, say): its words stay out.
UNQUOTABLE_THEME = "Theme without quotable passages"
EXAMPLE_MIN_WORDS = 40  # a passage that answers an examples question counts when it says something of substance


def asks_for_examples(q: Question) -> bool:
    return bool(re.search(r"\bexamples?\b", q.text, re.IGNORECASE))


class DigestBuilder:
    def __init__(self, corpus: Corpus, themes, recommendations, tags, *, addressee_labels: dict[str, str],
                 tag_labels: dict[tuple[str, str], str], kind_labels: dict[str, str], quotes_per_theme: int = 3):
        """`themes`: AnalysisReports.questions(...) output; `recommendations`: RecommendationView list;
        `tags`: passage id -> [TagHit]."""
        self.c = corpus
        self.themes = {q.question_id: q.themes for q in themes}
        self.recommendations = recommendations
        self.tags = tags
        self.addressee_labels = addressee_labels
        self.tag_labels = tag_labels
        self.kind_labels = kind_labels
        self.quotes_per_theme = max(2, min(5, quotes_per_theme))

    def build(self, *, include_unreviewed: bool, analysed_at: datetime | None, now: datetime | None = None) -> Digest:
        call = self.c.call
        by_question = {q.id: self.c.sort(p for p, qs in self.c.questions_of.items() if q.id in qs)
                       for q in call.questions}
        overview = self.overview(by_question)
        present = [s for s in overview.by_category if s.count]
        questions = [self.question(q, by_question[q.id], present) for q in call.questions]
        digest = Digest(call.id, call.title, call.mandate, now or datetime.now(UTC), include_unreviewed, analysed_at,
                        overview, questions, dict(sorted(self.c.sources.items())))
        digest.notes = self.notes(digest)
        return digest

    # --- overview -------------------------------------------------------------------------------
    def overview(self, by_question: dict[str, list[int]]) -> Overview:
        call, subs = self.c.call, list(self.c.included.values())
        cats = Counter(s.details.stakeholder_category for s in subs)
        by_category = [Share(c.id, c.label, cats.pop(c.id, 0)) for c in call.stakeholder_categories]
        by_category += [Share(k or "", self.c.category_label(k), n) for k, n in sorted(cats.items(), key=str)]
        countries = Counter(s.details.country for s in subs)
        languages = Counter(s.language or s.details.language for s in subs)
        regions = Counter(region(s.details.country) for s in subs)
        per_question = [self.c.by_category(by_question[q.id]) for q in call.questions]
        coverage = [[counts.get(share.key or None, 0) for counts in per_question] for share in by_category]
        late = sum(call.is_late(s.received_at) for s in subs)
        return Overview(
            submissions=len(subs), confidential=len(self.c.confidential),
            unreviewed=sum(s.unreviewed for s in self.c.sources.values()), on_time=len(subs) - late, late=late,
            deadline=call.deadline, by_category=by_category,
            by_country=_ranked(countries, country_name), by_region=_ranked(regions, str),
            by_language=_ranked(languages, language_name), coverage=coverage,
            excluded=[Share(k, k, n) for k, n in self.c.excluded.most_common()],
            not_quotable=[(s.reference, s.not_quotable_reason or "") for s in self.c.sources.values()
                          if not s.quotable])

    # --- one question ---------------------------------------------------------------------------
    def question(self, q: Question, pids: list[int], present: list[Share]) -> QuestionDigest:
        counts = self.c.by_category(pids)
        digest = QuestionDigest(q.id, q.number, q.label, q.text, self.c.evidence(pids), self._shares(counts))
        digest.silent_categories = [s for s in present if s.key and not counts.get(s.key)]
        digest.themes = self._themes(q.id)
        digest.recommendations = self._recommendations(set(pids))
        digest.tags = self._tags(pids)
        digest.examples = self._examples(q, pids)
        return digest

    def _shares(self, counts: Counter) -> list[Share]:
        order = {c.id: i for i, c in enumerate(self.c.call.stakeholder_categories)}
        return [Share(k or "", self.c.category_label(k), n)
                for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], order.get(kv[0], 99), str(kv[0])))]

    def _themes(self, question_id: str) -> list[ThemeDigest]:
        # AnalysisReports.questions lists only the members that answer the question now (corrections count at once)
        found = [(t, members) for t in self.themes.get(question_id, []) if (members := self.c.sort(t.passage_ids))]
        keywords = self._keywords([members for _, members in found])
        out = []
        for (t, members), words in zip(found, keywords):
            reps = [p for p, _, _ in t.representatives]
            counts = self.c.by_category(members)
            words = [] if t.is_other else words
            quotable = any(p in self.c.texts for p in members)
            title = theme_title(t.name, t.is_other, words, t.id,
                                untitled=f"Theme {t.id}" if quotable else UNQUOTABLE_THEME)
            out.append(ThemeDigest(t.id, title, words, t.is_other, t.edited, self.c.evidence(members),
                                   self._shares(counts), self.c.quotes(reps + members, self.quotes_per_theme)))
        # ranked by distinct submissions, then by how many stakeholder categories stand behind them; Other last
        return sorted(out, key=lambda t: (t.is_other, -t.evidence.count, -categories(t.by_category),
                                          t.title.casefold()))

    def _keywords(self, themes: list[list[int]]) -> list[list[str]]:
        """Each theme's distinctive words, from the redacted text of its members that may be quoted: the words the
        last run stored came from every passage, confidential ones, those left out of the report and personal
        data among them, and a report must not show any of those."""
        return readable_keywords(themes, {pid: text for pid, text in self.c.texts.items() if pid in self.c.contexts},
                                 KEYWORDS)

    def _recommendations(self, pids: set[int]) -> list[RecommendationGroup]:
        groups: dict[str, list] = defaultdict(list)
        for r in self.recommendations:
            if r.passage_id in pids:
                for a in r.addressees or ("unspecified",):
                    groups[a].append(r)
        out = []
        for key, recs in groups.items():
            measures: dict[str, set[int]] = defaultdict(set)
            for r in recs:
                for m in r.measures:
                    measures[m].add(self.c.contexts[r.passage_id].passage.submission_id)
            label = self.addressee_labels.get(key, "Addressee not named" if key == "unspecified" else key)
            out.append(RecommendationGroup(
                key, label, self.c.evidence(r.passage_id for r in recs),
                [Share(m, self.tag_labels.get(("measure", m), m), len(s))
                 for m, s in sorted(measures.items(), key=lambda kv: (-len(kv[1]), kv[0]))],
                self.c.quotes([(r.passage_id, r.text) for r in sorted(recs, key=lambda r: -r.confidence)],
                              RECOMMENDATION_QUOTES)))
        return sorted(out, key=lambda g: (g.addressee == "unspecified", -g.evidence.count, g.label))

    def _tags(self, pids: list[int]) -> dict[str, list[TagFigure]]:
        found: dict[tuple[str, str], list[int]] = defaultdict(list)
        for pid in pids:
            for hit in self.tags.get(pid, ()):
                if hit.kind in TAG_KINDS:
                    found[(hit.kind, hit.key)].append(pid)
        out = {}
        for kind in TAG_KINDS:
            figures = [TagFigure(kind, key, self.tag_labels.get((kind, key), key), self.c.evidence(ps))
                       for (k, key), ps in found.items() if k == kind]
            figures.sort(key=lambda f: (-f.evidence.count, f.label.casefold()))
            if figures:  # every tag, most mentioned first: exporters list the top ones, charts use all
                out[self.kind_labels.get(kind, kind)] = figures
        return out

    def _examples(self, q: Question, pids: list[int]) -> list:
        example_questions = {x.id for x in self.c.call.questions if asks_for_examples(x)} - {q.id}
        scored = []
        for pid in pids:
            text = self.c.texts.get(pid)
            if text is None:
                continue
            also = self.c.questions_of[pid] & example_questions and len(text.split()) >= EXAMPLE_MIN_WORDS
            cues = len(EXAMPLE_CUES.findall(text)) + (1 if also else 0)
            if cues:
                scored.append((-cues, self.c.order[pid], pid))
        return self.c.quotes([pid for *_, pid in sorted(scored)], EXAMPLES)

    # --- what a reader must know -----------------------------------------------------------------
    def notes(self, digest: Digest) -> list[str]:
        o, notes = digest.overview, []
        if digest.analysed_at is None:
            notes.append(f"The call has not been analysed yet: run 'inputdesk analyse {digest.call_id}' so that "
                         "passages are mapped to questions and themes.")
        if not o.submissions:
            notes.append("No submission is included yet." + (
                " Those awaiting review are left out: review them, or include them (the console's 'Include "
                "submissions not reviewed yet', or --include-unreviewed)."
                if any(s.key.startswith("not yet reviewed") for s in o.excluded) else ""))
        if o.unreviewed:
            notes.append(f"{o.unreviewed} submission(s) not yet reviewed are included and marked "
                         "'(not yet reviewed)' wherever they are cited.")
        copies = sorted(s.reference for s in self.c.copies if not is_confidential(s))
        if copies:
            notes.append(f"Left out as copies of a submission that is counted (marked by a reviewer as sent twice): "
                         f"{', '.join(copies)}.")
        for ref, why in o.not_quotable:
            notes.append(f"{ref} is counted and cited but not quoted: {why}")
        return notes


def _ranked(counts: Counter, name) -> list[Share]:
    return [Share(k or "", name(k) if k else name(None), n)
            for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], name(kv[0]) if kv[0] else "~"))]
