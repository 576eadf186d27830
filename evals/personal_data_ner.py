"""How well each installed spaCy model finds names and places in submission-like text (fictional sentences).

    python evals/personal_data_ner.py                 # every installed candidate model
    python evals/personal_data_ner.py fr_core_news_md # just these packages

Reports, per model: recall of the names (PERSON) and places (LOCATION) written into the sentences, how many
one-word and multi-word PERSON findings appear in policy sentences that name nobody (noise a reviewer must reject),
load time and speed. Results of the run that chose the pinned models are in docs/personal-data.md.
"""

from __future__ import annotations

import sys
import time

from inputdesk.pipeline.personal_data.models import KNOWN_MODELS, find_model, load_pipeline

# (sentence, names, places): every name and place is invented
SENTENCES = {
    "en": [
        ("Contact: Dr Helena Marsh, Director-General of the Directorate.", ["Helena Marsh"], []),
        ("My daughter Amy Carter, aged 12, was contacted by a stranger in Millbrook.", ["Amy Carter"], ["Millbrook"]),
        ("Yours sincerely, Margaret Hollis, on behalf of the Riverside Parents Group.", ["Margaret Hollis"], []),
        ("Detective Inspector Daniel Okoro leads the unit in Northbridge.", ["Daniel Okoro"], ["Northbridge"]),
        ("Jayden told his teacher, Mrs Patel, about the messages.", ["Jayden", "Patel"], []),
        ("The survey was run in Kestrel Bay and Eastvale by Tomasz Rehn.", ["Tomasz Rehn"],
         ["Kestrel Bay", "Eastvale"]),
        ("Samira Haddad, 15, from Port Alba, spoke at the youth council.", ["Samira Haddad"], ["Port Alba"]),
        ("We met Naledi Brooks and Grace Atieno in Nairobi last year.", ["Naledi Brooks", "Grace Atieno"], ["Nairobi"]),
    ],
    "fr": [
        ("Contact : Aminata Diallo-Ferrand, secrétaire exécutive.", ["Aminata Diallo-Ferrand"], []),
        ("Ma fille Léa Martin, 12 ans, a été contactée par un inconnu à Valclair.", ["Léa Martin"],
         ["Valclair"]),
        ("Vous pouvez joindre Claire Moreau, coordinatrice du réseau à Lyon.", ["Claire Moreau"], ["Lyon"]),
        ("Le signalement a été transmis par Sophie Garnier depuis Marseille.", ["Sophie Garnier"], ["Marseille"]),
        ("Pierre Lambert et Nadia Benali animent les ateliers à Rennes.", ["Pierre Lambert", "Nadia Benali"],
         ["Rennes"]),
        ("Selon Hugo Petit, les élèves de Saint-Aubin utilisent ces applications.", ["Hugo Petit"], ["Saint-Aubin"]),
    ],
    "es": [
        ("Contacto: Dr. Andrés Olmedo, director del Observatorio.", ["Andrés Olmedo"], []),
        ("Mi hija Lucía Romero, de 13 años, fue contactada por un desconocido en Sierra Clara.",
         ["Lucía Romero"], ["Sierra Clara"]),
        ("Atentamente, Lucía Ferrer, directora de investigación en Sevilla.", ["Lucía Ferrer"], ["Sevilla"]),
        ("El caso fue denunciado por Javier Morales en Valparaíso.", ["Javier Morales"], ["Valparaíso"]),
        ("Carmen Ruiz y Diego Torres coordinan los talleres en Quito.", ["Carmen Ruiz", "Diego Torres"], ["Quito"]),
        ("Según Marta Gil, los alumnos de Puerto Alba usan estas aplicaciones.", ["Marta Gil"], ["Puerto Alba"]),
    ],
}
# Policy sentences naming nobody: every PERSON found here is noise.
NO_NAMES = {
    "en": ["Generative AI tools are being used to create sexualised images of children.",
           "The Online Child Protection Bill is currently before Parliament.",
           "Victim identification specialists report a growing burden.",
           "Platforms should publish transparency reports every six months.",
           "Reports to the hotline rose by a third between 2022 and 2023."],
    "fr": ["Les outils d’IA générative servent à créer des images sexualisées d’enfants.",
           "Document fictif généré pour le corpus de démonstration.",
           "Les adolescents concernés n’osaient rien dire, de peur d’être punis.",
           "Nous recommandons une obligation de signalement pour les plateformes.",
           "Madame la Rapporteuse spéciale, nous vous remercions de cette consultation."],
    "es": ["Respuestas al cuestionario de la Relatora Especial.",
           "También registramos los primeros casos de extorsión sexual.",
           "Además, los datos oficiales son incompletos.",
           "Las plataformas deben publicar informes de transparencia cada seis meses.",
           "Recomendamos una obligación de denuncia para los proveedores de servicios."],
}
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION"}


def _found(nlp, text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"PERSON": [], "LOCATION": []}
    for ent in nlp(text).ents:
        if ent.label_ in LABELS:
            out[LABELS[ent.label_]].append(ent.text)
    return out


def _hit(expected: str, found: list[str]) -> bool:
    return any(expected in f or f in expected for f in found if len(f) > 2)


def evaluate(language: str, package: str) -> dict | None:
    info, problems = find_model(language, (package,))
    if info is None:
        return {"model": package, "problems": problems or ["not installed"]}
    started = time.perf_counter()
    nlp = load_pipeline(info)
    loaded = time.perf_counter() - started
    names = places = names_hit = places_hit = 0
    for text, expected_names, expected_places in SENTENCES[language]:
        found = _found(nlp, text)
        names += len(expected_names)
        places += len(expected_places)
        names_hit += sum(_hit(n, found["PERSON"]) for n in expected_names)
        places_hit += sum(_hit(p, found["LOCATION"]) for p in expected_places)
    noise = [p for text in NO_NAMES[language] for p in _found(nlp, text)["PERSON"]]
    corpus = " ".join(t for t, _, _ in SENTENCES[language]) * 20
    started = time.perf_counter()
    nlp(corpus)
    speed = len(corpus.split()) / (time.perf_counter() - started)
    return {"model": info.label, "licence": info.licence, "load_s": round(loaded, 2),
            "names": f"{names_hit}/{names}", "places": f"{places_hit}/{places}",
            "noise_one_word": sum(1 for n in noise if " " not in n.strip()),
            "noise_multi_word": sum(1 for n in noise if " " in n.strip()), "words_per_s": round(speed)}


def main(packages: list[str]) -> None:
    for language, candidates in KNOWN_MODELS.items():
        for package in candidates:
            if packages and package not in packages:
                continue
            result = evaluate(language, package)
            if result and "problems" not in result:
                print(language, result)


if __name__ == "__main__":
    main(sys.argv[1:])
