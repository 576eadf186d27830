"""Agreement between the machine and analysts on question mappings: precision, recall, F1 and Cohen's kappa,
over every (passage, question) decision an analyst made."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Agreement:
    decisions: int  # (passage, question) pairs an analyst decided
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @property
    def precision(self) -> float | None:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else None

    @property
    def recall(self) -> float | None:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa: agreement beyond what the two raters' yes-rates would give by chance."""
        n = self.decisions
        if not n:
            return None
        observed = (self.true_positive + self.true_negative) / n
        machine_yes = (self.true_positive + self.false_positive) / n
        person_yes = (self.true_positive + self.false_negative) / n
        chance = machine_yes * person_yes + (1 - machine_yes) * (1 - person_yes)
        return (observed - chance) / (1 - chance) if chance < 1 else 1.0


def agreement(pairs: Iterable[tuple[bool, bool]]) -> Agreement:
    """`pairs`: (machine said yes, analyst said yes) for each decided (passage, question)."""
    tp = fp = fn = tn = 0
    for machine, person in pairs:
        if machine and person:
            tp += 1
        elif machine:
            fp += 1
        elif person:
            fn += 1
        else:
            tn += 1
    return Agreement(tp + fp + fn + tn, tp, fp, fn, tn)


def precision_recall_f1(predicted: set, actual: set) -> tuple[float, float, float]:
    """Set-based scores for evaluations; empty sets score 1.0 (nothing to find, nothing claimed)."""
    tp = len(predicted & actual)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(actual) if actual else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
