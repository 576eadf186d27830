"""Countries and languages in the words a report uses: country names (pycountry), UN M49 regions, language names."""

from __future__ import annotations

import functools

# UN M49 geographic regions (unstats.un.org/unsd/methodology/m49), by ISO 3166-1 alpha-2 code.
_M49 = {
    "Africa": "DZ EG LY MA SD TN EH BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ "
              "GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG IO TF",
    "Americas": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX "
                "NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US",
    "Asia": "KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ "
            "BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    "Europe": "BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT "
              "MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH",
    "Oceania": "AU NZ NF HM CX CC FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF",
}
REGION_OF = {code: region for region, codes in _M49.items() for code in codes.split()}
NO_COUNTRY = "No country given"


def region(code: str | None) -> str:
    return REGION_OF.get((code or "").upper(), NO_COUNTRY if not code else "Other")


@functools.lru_cache(maxsize=512)
def country_name(code: str | None) -> str:
    if not code:
        return NO_COUNTRY
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


@functools.lru_cache(maxsize=256)
def language_name(code: str | None) -> str:
    if not code:
        return "Not detected"
    from babel import Locale, UnknownLocaleError

    try:
        return Locale("en").languages.get(code.split("-")[0], code)
    except (UnknownLocaleError, ValueError):
        return code
