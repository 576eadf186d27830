"""InputDesk's own patterns: children's ages, dates of birth, schools and street addresses, per language.

Written for the `regex` module (Presidio's engine): variable-length look-behinds keep durations ("il y a 12 ans",
"hace 12 años"), ranges ("aged 8 to 12") and policy thresholds ("under the age of 13", "menores de 13 años") out.
Each entry is (name, regex, score, case_sensitive). Scores below the standard threshold (0.5) only become
proposals under the stricter child profile. Fictional examples are in tests/personal_data/test_patterns.py.
"""

from __future__ import annotations

from inputdesk.pipeline.personal_data.entities import CHILD_AGE, DATE_OF_BIRTH, PERSON, SCHOOL, STREET_ADDRESS

Rule = tuple[str, str, float, bool]

_AGE = r"(?:1[0-7]|[1-9])"  # a child's age in years
_NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                 r"sixteen|seventeen)")
# "8 to 12", "8-12", "8 et 12", "8 a 12": a range describes a group, not a child
_NOT_RANGE_BEFORE = r"(?<!\d\s*(?:-|–|to|and|or|à|a|et|ou|y|o)\s*)"
_NOT_RANGE_AFTER = r"(?!\s*(?:-|–|to|and|or|à|a|et|ou|y|o)\s*\d)"
# one capitalised word of a proper name (not a capitalised function word starting a sentence)
_NAME = (r"(?!(?:The|A|An|At|In|On|To|From|Our|My|His|Her|Their|This|That|And|But|For|With|By|Le|La|Les|El|Los|"
         r"Las|Un|Une|Una|Mon|Ma|Mes|Mi|Su|Sa|Ses)\b)\p{Lu}[\p{L}'’\-]*(?:\.(?=\s+\p{Lu}))?")
_NAME_SEQ = rf"{_NAME}(?:\s+(?:(?:of|de|del|de\s+la|du|des|la|le|y|d['’])\s*)?{_NAME}){{0,4}}"

_MONTHS_EN = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
             r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_MONTHS_FR = r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|" \
             r"décembre|decembre)"
_MONTHS_ES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|" \
             r"diciembre)"
_NUMERIC_DATE = r"(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})"
_DATE_EN = rf"(?:{_NUMERIC_DATE}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS_EN},?\s+(?:19|20)\d{{2}}|" \
           rf"{_MONTHS_EN}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}})"
_DATE_FR = rf"(?:{_NUMERIC_DATE}|(?:1er|\d{{1,2}})\s+{_MONTHS_FR}\s+(?:19|20)\d{{2}})"
_DATE_ES = rf"(?:{_NUMERIC_DATE}|\d{{1,2}}\s+de\s+{_MONTHS_ES}\s+(?:de|del)\s+(?:19|20)\d{{2}})"
_YEAR = r"(?:19|20)\d{2}\b"

# "the minimum age of 13", "under the age of 13": rules about children in general
_NOT_POLICY_AGE = (r"(?<!(?:minimum|legal|digital|consent|same|"
                   r"(?:under|over|above|below|from|before|after|until|to)\s+the)\s+)")
CHILD_AGE_RULES: dict[str, list[Rule]] = {
    "en": [
        ("aged N", rf"{_NOT_POLICY_AGE}\b(?:aged|age)\s+(?:of\s+)?{_AGE}\b{_NOT_RANGE_AFTER}"
                   r"(?!\s*(?:%|per\s*cent|and\s+(?:over|under|above|below)))", 0.6, False),
        ("N-year-old", rf"{_NOT_RANGE_BEFORE}\b(?:{_AGE}|{_NUMBER_WORDS})[\s-](?:year|yr)s?[\s-]old\b", 0.65, False),
        ("N-month-old", r"\b(?:[1-9]|1\d|2[0-4])[\s-]months?[\s-]old\b", 0.6, False),
        ("I am N", rf"\b(?:I\s+am|I'm|I’m)\s+{_AGE}\b(?!\s*(?:%|years?\s+(?:ago|later)))", 0.4, False),
    ],
    "fr": [
        ("âgé de N ans", rf"\b(?:âgée?s?|agée?s?)\s+de\s+{_AGE}\s+ans\b", 0.65, False),
        ("N ans", rf"{_NOT_RANGE_BEFORE}(?<!(?:depuis|pendant|durant|il\s+y\s+a|y\s+a|dans|en|après|apres|avant|"
                  rf"tous\s+les|les|ces|des|plus\s+de|moins\s+de|de\s+plus\s+de|de\s+moins\s+de|dès|dès\s+l'âge\s+de|"
                  rf"jusqu'à|à\s+partir\s+de|environ|près\s+de)\s+(?:\w+\s+)?)\b{_AGE}\s+ans\b"
                  rf"(?!\s+(?:plus\s+tard|auparavant|après|d['’]))", 0.55, False),
    ],
    "es": [
        ("N años", rf"{_NOT_RANGE_BEFORE}(?<!(?:hace|durante|desde|en|por|cada|más\s+de|mas\s+de|menos\s+de|"
                   rf"menores\s+de|mayores\s+de|unos|los|últimos|ultimos|próximos|proximos|a\s+partir\s+de|"
                   rf"hasta\s+los|desde\s+los|a\s+los|casi|alrededor\s+de)\s+(?:\w+\s+)?)\b{_AGE}\s+a[ñn]os\b"
                   r"(?!\s+(?:después|despues|antes|atrás|atras))", 0.55, False),
    ],
    "ru": [("N лет", rf"(?<!(?:назад|течение|через|последние|старше|младше|до|от)\s+)\b{_AGE}\s*-?\s*"
                     rf"(?:лет(?:н(?:ий|яя|его|ей))?|год(?:а)?)\b(?!\s+назад)", 0.5, False)],
    "zh": [("N岁", rf"(?<![\d以下上])(?:{_AGE})\s*(?:岁|周岁)(?![以下上])", 0.6, False)],
    "ar": [("عمره N", rf"(?:عمره|عمرها|البالغ|البالغة|يبلغ|تبلغ)\s+(?:من\s+العمر\s+)?{_AGE}\s+(?:عاما|عامًا|سنة|سنوات)",
            0.6, False)],
}

DATE_OF_BIRTH_RULES: dict[str, list[Rule]] = {
    "en": [
        ("born on DATE", rf"(?<=\b(?:born(?:\s+on)?|date\s+of\s+birth|birth\s*date|DOB|d\.o\.b\.)\s*:?\s*){_DATE_EN}",
         0.7, False),
        ("born in YEAR", rf"(?<=\bborn\s+in\s+){_YEAR}", 0.4, False),
    ],
    "fr": [
        ("né le DATE", rf"(?<=\b(?:née?\s+le|date\s+de\s+naissance)\s*:?\s*){_DATE_FR}", 0.7, False),
        ("né en YEAR", rf"(?<=\bnée?\s+en\s+){_YEAR}", 0.4, False),
    ],
    "es": [
        ("nacido el DATE", rf"(?<=\b(?:nacid[oa]\s+el|fecha\s+de\s+nacimiento)\s*:?\s*){_DATE_ES}", 0.7, False),
        ("nacido en YEAR", rf"(?<=\bnacid[oa]\s+en\s+){_YEAR}", 0.4, False),
    ],
    "ru": [("дата рождения", rf"(?<=(?:родил(?:ся|ась)|дата\s+рождения)\s*:?\s*){_NUMERIC_DATE}", 0.7, False)],
    "zh": [("出生日期", r"(?<=出生日期\s*[:：]?\s*)(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{2}-\d{2}-\d{2})",
            0.7, False),
           ("出生", r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日(?=出生|生)", 0.7, False)],
    "ar": [("تاريخ الميلاد", rf"(?<=(?:تاريخ\s+الميلاد|مواليد|ولد|ولدت)\s*:?\s*(?:في\s+)?){_NUMERIC_DATE}",
            0.7, False)],
}

_ES_SCHOOL_NAME = (r"(?:\s+(?i:público|publico|privado|concertado|primaria|secundaria|de\s+educación\s+primaria))?"
                   rf"\s+(?:(?:de\s+la|de\s+los|del|de)\s+)?{_NAME_SEQ}")
SCHOOL_RULES: dict[str, list[Rule]] = {
    "en": [
        ("X Primary School", rf"\b{_NAME_SEQ}\s+(?:(?:Primary|Secondary|High|Junior|Infant|Infants|Middle|"
                             rf"Elementary|Grammar|Community|Preparatory|Prep|Catholic|Church\s+of\s+England|"
                             rf"C\s+of\s+E|Special)\s+)+School\b", 0.65, True),
        ("X Academy", rf"\b{_NAME_SEQ}\s+Academy\b(?!\s+of\b)", 0.55, True),
        ("X School", rf"\b{_NAME_SEQ}\s+School\b(?!\s+of\b)", 0.4, True),
    ],
    "fr": [("école X", rf"(?i:école|ecole|collège|college|lycée|lycee|groupe\s+scolaire)"
                       rf"(?:\s+(?i:primaire|élémentaire|elementaire|maternelle|publique|privée|privee))?"
                       rf"\s+(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?{_NAME_SEQ}", 0.6, True)],
    "es": [("colegio X", rf"(?i:colegio|escuela|liceo|CEIP|IES|unidad\s+educativa){_ES_SCHOOL_NAME}", 0.6, True),
           # "Instituto Nacional de Estadística" is not a school: lower score, child profile only
           ("instituto X", rf"(?i:instituto){_ES_SCHOOL_NAME}", 0.45, True)],
}

_STREET_EN = (r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Way|Court|Crescent|Terrace|Gardens|"
              r"Grove|Square|Boulevard|Blvd\.?|Row|Mews|Place")
ADDRESS_RULES: dict[str, list[Rule]] = {
    "en": [
        ("12 Acacia Avenue", rf"\b\d{{1,4}}[A-Za-z]?,?\s+{_NAME}(?:\s+{_NAME}){{0,2}}\s+(?:{_STREET_EN})(?!\w)",
         0.6, True),
        ("UK postcode", r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[A-Z]{2}\b", 0.5, True),
    ],
    "fr": [
        ("12 rue des Lilas", r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?i:rue|avenue|av\.|boulevard|bd|place|chemin|impasse|"
                             rf"allée|allee|quai|route|cours|square|passage|résidence|residence)\s+"
                             rf"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[\p{{L}}'’\-]+(?:\s+{_NAME}){{0,3}}",
         0.6, True),
        ("75011 Paris", rf"\b\d{{5}}\s+{_NAME}(?:[\s\-]{_NAME}){{0,2}}(?=\s*(?:$|[,.;\n]))", 0.4, True),
    ],
    "es": [("calle Mayor 12", rf"(?i:calle|c/|avenida|avda\.?|av\.|plaza|pza\.?|paseo|camino|carrera|travesía|"
                              rf"travesia|ronda|glorieta)\s+(?:(?:de\s+la|de\s+los|del|de)\s+)?{_NAME_SEQ},?\s*"
                              r"(?:n[º°o]\.?\s*)?\d{1,4}\b", 0.6, True)],
}

# A name after a title ("Dr Helena Marsh", "Mme Léa Martin", "Sra. Lucía Romero"): signatures and contact lines,
# which small name models often miss. The title itself stays. Works without any model.
_TITLES = {
    "en": r"Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Rev|Judge|Justice|Inspector|Sergeant|Officer",
    "fr": r"M\.|MM\.|Mme|Mmes|Mlle|Dr|Docteur|Docteure|Pr|Professeur|Professeure|Me|Maître|Monsieur|Madame|"
          r"Mademoiselle",
    "es": r"Sr\.|Sra\.|Srta\.|Dr\.|Dra\.|Don|Doña|Dña\.|Lic\.|Prof\.|Profa\.|Señor|Señora|Señorita",
}
TITLED_NAME_RULES: dict[str, list[Rule]] = {
    lang: [("title Name", rf"(?<=\b(?:{titles})\.?\s+){_NAME}(?:[\s\-]+{_NAME}){{0,2}}", 0.7, True)]
    for lang, titles in _TITLES.items()
}

RULES_BY_ENTITY: dict[str, dict[str, list[Rule]]] = {
    PERSON: TITLED_NAME_RULES, CHILD_AGE: CHILD_AGE_RULES, DATE_OF_BIRTH: DATE_OF_BIRTH_RULES, SCHOOL: SCHOOL_RULES,
    STREET_ADDRESS: ADDRESS_RULES,
}

LANGUAGES_WITH_PATTERNS = ("en", "fr", "es")  # every kind; ar/ru/zh have ages and dates of birth only


def rules_for(language: str) -> dict[str, list[Rule]]:
    """The pattern rules that apply to one language, by entity type (empty types left out)."""
    return {entity: rules[language] for entity, rules in RULES_BY_ENTITY.items() if rules.get(language)}
