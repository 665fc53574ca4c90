"""Hard-coded locale facts: number words, magnitudes, months, percent and currency words.

Everything is lower case. Atom types used by the word parser:

* ``n``  a value 0..99 (units, teens, tens)
* ``c``  a complete hundreds value (pl "dwieście" = 200, es "doscientos")
* ``h``  the multiplier 100 ("hundred", "cent", "cento"); alone it means 100
* ``m``  a magnitude (1000, 10**6, ...) that may stand alone ("million" = 10**6)
* ``p``  a plural magnitude that is not a number alone ("millions", "Millionen")
* ``a``  an article that is 1 only inside a compound ("un" in "vingt et un")
* ``j``  a connector inside one token (de "und" in "fünfundzwanzig")
"""

from __future__ import annotations

from typing import Final

Atom = tuple[str, int]


def _forms(spec: str, kind: str, value: int) -> dict[str, Atom]:
    return dict.fromkeys(spec.split(), (kind, value))


def _table(rows: list[tuple[str, str, int]]) -> dict[str, Atom]:
    out: dict[str, Atom] = {}
    for spec, kind, value in rows:
        out.update(_forms(spec, kind, value))
    return out


_EN = _table(
    [
        ("zero nought nil", "n", 0),
        ("one", "n", 1),
        ("two", "n", 2),
        ("three", "n", 3),
        ("four", "n", 4),
        ("five", "n", 5),
        ("six", "n", 6),
        ("seven", "n", 7),
        ("eight", "n", 8),
        ("nine", "n", 9),
        ("ten", "n", 10),
        ("eleven", "n", 11),
        ("twelve", "n", 12),
        ("thirteen", "n", 13),
        ("fourteen", "n", 14),
        ("fifteen", "n", 15),
        ("sixteen", "n", 16),
        ("seventeen", "n", 17),
        ("eighteen", "n", 18),
        ("nineteen", "n", 19),
        ("twenty", "n", 20),
        ("thirty", "n", 30),
        ("forty fourty", "n", 40),
        ("fifty", "n", 50),
        ("sixty", "n", 60),
        ("seventy", "n", 70),
        ("eighty", "n", 80),
        ("ninety", "n", 90),
        ("hundred", "h", 100),
        ("thousand", "m", 1000),
        ("million", "m", 10**6),
        ("billion", "m", 10**9),
        ("trillion", "m", 10**12),
        ("dozen", "m", 12),
        ("hundreds", "p", 100),
        ("thousands", "p", 1000),
        ("millions", "p", 10**6),
        ("billions", "p", 10**9),
    ]
)

_DE = _table(
    [
        ("null", "n", 0),
        ("eins", "n", 1),
        ("ein eine einen einem einer eines", "a", 1),
        ("zwei zwo", "n", 2),
        ("drei", "n", 3),
        ("vier", "n", 4),
        ("fünf", "n", 5),
        ("sechs", "n", 6),
        ("sieben", "n", 7),
        ("acht", "n", 8),
        ("neun", "n", 9),
        ("zehn", "n", 10),
        ("elf", "n", 11),
        ("zwölf", "n", 12),
        ("dreizehn", "n", 13),
        ("vierzehn", "n", 14),
        ("fünfzehn", "n", 15),
        ("sechzehn", "n", 16),
        ("siebzehn", "n", 17),
        ("achtzehn", "n", 18),
        ("neunzehn", "n", 19),
        ("zwanzig", "n", 20),
        ("dreißig dreissig", "n", 30),
        ("vierzig", "n", 40),
        ("fünfzig", "n", 50),
        ("sechzig", "n", 60),
        ("siebzig", "n", 70),
        ("achtzig", "n", 80),
        ("neunzig", "n", 90),
        ("hundert", "h", 100),
        ("tausend", "m", 1000),
        ("million", "m", 10**6),
        ("milliarde", "m", 10**9),
        ("billion", "m", 10**12),
        ("dutzend", "m", 12),
        ("hunderte", "p", 100),
        ("tausende", "p", 1000),
        ("millionen", "p", 10**6),
        ("milliarden", "p", 10**9),
        ("billionen", "p", 10**12),
        ("und", "j", 0),
    ]
)

_FR = _table(
    [
        ("zéro", "n", 0),
        ("un une", "a", 1),
        ("deux", "n", 2),
        ("trois", "n", 3),
        ("quatre", "n", 4),
        ("cinq", "n", 5),
        ("six", "n", 6),
        ("sept", "n", 7),
        ("huit", "n", 8),
        ("neuf", "n", 9),
        ("dix", "n", 10),
        ("onze", "n", 11),
        ("douze", "n", 12),
        ("treize", "n", 13),
        ("quatorze", "n", 14),
        ("quinze", "n", 15),
        ("seize", "n", 16),
        ("vingt vingts", "n", 20),
        ("trente", "n", 30),
        ("quarante", "n", 40),
        ("cinquante", "n", 50),
        ("soixante", "n", 60),
        ("septante", "n", 70),
        ("huitante octante", "n", 80),
        ("nonante", "n", 90),
        ("quatre-vingt quatre-vingts", "n", 80),
        ("cent cents", "h", 100),
        ("mille mil", "m", 1000),
        ("million", "m", 10**6),
        ("milliard", "m", 10**9),
        ("billion", "m", 10**12),
        ("douzaine", "m", 12),
        ("millions", "p", 10**6),
        ("milliards", "p", 10**9),
        ("milliers", "p", 1000),
        ("centaines", "p", 100),
    ]
)

_ES = _table(
    [
        ("cero", "n", 0),
        ("uno una un", "a", 1),
        ("dos", "n", 2),
        ("tres", "n", 3),
        ("cuatro", "n", 4),
        ("cinco", "n", 5),
        ("seis", "n", 6),
        ("siete", "n", 7),
        ("ocho", "n", 8),
        ("nueve", "n", 9),
        ("diez", "n", 10),
        ("once", "n", 11),
        ("doce", "n", 12),
        ("trece", "n", 13),
        ("catorce", "n", 14),
        ("quince", "n", 15),
        ("dieciséis dieciseis", "n", 16),
        ("diecisiete", "n", 17),
        ("dieciocho", "n", 18),
        ("diecinueve", "n", 19),
        ("veinte", "n", 20),
        ("veintiuno veintiún veintiuna", "n", 21),
        ("veintidós veintidos", "n", 22),
        ("veintitrés veintitres", "n", 23),
        ("veinticuatro", "n", 24),
        ("veinticinco", "n", 25),
        ("veintiséis veintiseis", "n", 26),
        ("veintisiete", "n", 27),
        ("veintiocho", "n", 28),
        ("veintinueve", "n", 29),
        ("treinta", "n", 30),
        ("cuarenta", "n", 40),
        ("cincuenta", "n", 50),
        ("sesenta", "n", 60),
        ("setenta", "n", 70),
        ("ochenta", "n", 80),
        ("noventa", "n", 90),
        ("cien ciento", "c", 100),
        ("doscientos doscientas", "c", 200),
        ("trescientos trescientas", "c", 300),
        ("cuatrocientos cuatrocientas", "c", 400),
        ("quinientos quinientas", "c", 500),
        ("seiscientos seiscientas", "c", 600),
        ("setecientos setecientas", "c", 700),
        ("ochocientos ochocientas", "c", 800),
        ("novecientos novecientas", "c", 900),
        ("mil", "m", 1000),
        ("millón millon", "m", 10**6),
        ("billón billon", "m", 10**12),
        ("docena", "m", 12),
        ("millones", "p", 10**6),
        ("billones", "p", 10**12),
        ("cientos", "p", 100),
        ("miles", "p", 1000),
    ]
)

_IT = _table(
    [
        ("zero", "n", 0),
        ("uno una un", "a", 1),
        ("due", "n", 2),
        ("tre tré", "n", 3),
        ("quattro", "n", 4),
        ("cinque", "n", 5),
        ("sei", "n", 6),
        ("sette", "n", 7),
        ("otto", "n", 8),
        ("nove", "n", 9),
        ("dieci", "n", 10),
        ("undici", "n", 11),
        ("dodici", "n", 12),
        ("tredici", "n", 13),
        ("quattordici", "n", 14),
        ("quindici", "n", 15),
        ("sedici", "n", 16),
        ("diciassette", "n", 17),
        ("diciotto", "n", 18),
        ("diciannove", "n", 19),
        ("venti vent", "n", 20),
        ("trenta trent", "n", 30),
        ("quaranta quarant", "n", 40),
        ("cinquanta cinquant", "n", 50),
        ("sessanta sessant", "n", 60),
        ("settanta settant", "n", 70),
        ("ottanta ottant", "n", 80),
        ("novanta novant", "n", 90),
        ("cento", "h", 100),
        ("mille", "m", 1000),
        ("mila", "m", 1000),
        ("milione", "m", 10**6),
        ("miliardo", "m", 10**9),
        ("dozzina", "m", 12),
        ("milioni", "p", 10**6),
        ("miliardi", "p", 10**9),
        ("migliaia", "p", 1000),
        ("centinaia", "p", 100),
    ]
)

_PL = _table(
    [
        ("zero", "n", 0),
        ("jeden jedna jedno jednego jednej jednemu jednym jedną", "n", 1),
        ("dwa dwie dwóch dwoje dwóm dwoma dwu", "n", 2),
        ("trzy trzech trzem trzema troje", "n", 3),
        ("cztery czterech czterem czterema czworo", "n", 4),
        ("pięć pięciu pięcioma", "n", 5),
        ("sześć sześciu sześcioma", "n", 6),
        ("siedem siedmiu siedmioma", "n", 7),
        ("osiem ośmiu ośmioma", "n", 8),
        ("dziewięć dziewięciu dziewięcioma", "n", 9),
        ("dziesięć dziesięciu dziesięcioma", "n", 10),
        ("jedenaście jedenastu", "n", 11),
        ("dwanaście dwunastu", "n", 12),
        ("trzynaście trzynastu", "n", 13),
        ("czternaście czternastu", "n", 14),
        ("piętnaście piętnastu", "n", 15),
        ("szesnaście szesnastu", "n", 16),
        ("siedemnaście siedemnastu", "n", 17),
        ("osiemnaście osiemnastu", "n", 18),
        ("dziewiętnaście dziewiętnastu", "n", 19),
        ("dwadzieścia dwudziestu", "n", 20),
        ("trzydzieści trzydziestu", "n", 30),
        ("czterdzieści czterdziestu", "n", 40),
        ("pięćdziesiąt pięćdziesięciu", "n", 50),
        ("sześćdziesiąt sześćdziesięciu", "n", 60),
        ("siedemdziesiąt siedemdziesięciu", "n", 70),
        ("osiemdziesiąt osiemdziesięciu", "n", 80),
        ("dziewięćdziesiąt dziewięćdziesięciu", "n", 90),
        ("sto stu", "c", 100),
        ("dwieście dwustu", "c", 200),
        ("trzysta trzystu", "c", 300),
        ("czterysta czterystu", "c", 400),
        ("pięćset pięciuset", "c", 500),
        ("sześćset sześciuset", "c", 600),
        ("siedemset siedmiuset", "c", 700),
        ("osiemset ośmiuset", "c", 800),
        ("dziewięćset dziewięciuset", "c", 900),
        ("tysiąc tysiąca tysiącu", "m", 1000),
        ("tysiące tysięcy", "p", 1000),
        ("milion miliona milionie", "m", 10**6),
        ("miliony milionów", "p", 10**6),
        ("miliard miliarda", "m", 10**9),
        ("miliardy miliardów", "p", 10**9),
        ("tuzin", "m", 12),
    ]
)

_RU = _table(
    [
        ("ноль нуль", "n", 0),
        ("один одна одно одного одной одному одним одном одну", "n", 1),
        ("два две двух двум двумя", "n", 2),
        ("три трёх трех трём трем тремя", "n", 3),
        ("четыре четырёх четырех четырём четырем четырьмя", "n", 4),
        ("пять пяти пятью", "n", 5),
        ("шесть шести шестью", "n", 6),
        ("семь семи", "n", 7),
        ("восемь восьми восемью", "n", 8),
        ("девять девяти девятью", "n", 9),
        ("десять десяти десятью", "n", 10),
        ("одиннадцать одиннадцати", "n", 11),
        ("двенадцать двенадцати", "n", 12),
        ("тринадцать тринадцати", "n", 13),
        ("четырнадцать четырнадцати", "n", 14),
        ("пятнадцать пятнадцати", "n", 15),
        ("шестнадцать шестнадцати", "n", 16),
        ("семнадцать семнадцати", "n", 17),
        ("восемнадцать восемнадцати", "n", 18),
        ("девятнадцать девятнадцати", "n", 19),
        ("двадцать двадцати", "n", 20),
        ("тридцать тридцати", "n", 30),
        ("сорок сорока", "n", 40),
        ("пятьдесят пятидесяти", "n", 50),
        ("шестьдесят шестидесяти", "n", 60),
        ("семьдесят семидесяти", "n", 70),
        ("восемьдесят восьмидесяти", "n", 80),
        ("девяносто девяноста", "n", 90),
        ("сто ста", "c", 100),
        ("двести двухсот", "c", 200),
        ("триста трёхсот трехсот", "c", 300),
        ("четыреста четырёхсот четырехсот", "c", 400),
        ("пятьсот пятисот", "c", 500),
        ("шестьсот шестисот", "c", 600),
        ("семьсот семисот", "c", 700),
        ("восемьсот восьмисот", "c", 800),
        ("девятьсот девятисот", "c", 900),
        ("тысяча тысячу тысячей", "m", 1000),
        ("тысячи тысяч", "p", 1000),
        ("миллион миллионе", "m", 10**6),
        ("миллиона миллионов", "p", 10**6),
        ("миллиард", "m", 10**9),
        ("миллиарда миллиардов", "p", 10**9),
        ("дюжина", "m", 12),
    ]
)

_CS = _table(
    [
        ("nula", "n", 0),
        ("jeden jedna jedno jednoho jedné jednomu jedním", "n", 1),
        ("dva dvě dvou dvěma", "n", 2),
        ("tři tří třech třem třemi", "n", 3),
        ("čtyři čtyř čtyřech čtyřem čtyřmi", "n", 4),
        ("pět pěti", "n", 5),
        ("šest šesti", "n", 6),
        ("sedm sedmi", "n", 7),
        ("osm osmi", "n", 8),
        ("devět devíti", "n", 9),
        ("deset deseti", "n", 10),
        ("jedenáct jedenácti", "n", 11),
        ("dvanáct dvanácti", "n", 12),
        ("třináct třinácti", "n", 13),
        ("čtrnáct čtrnácti", "n", 14),
        ("patnáct patnácti", "n", 15),
        ("šestnáct šestnácti", "n", 16),
        ("sedmnáct sedmnácti", "n", 17),
        ("osmnáct osmnácti", "n", 18),
        ("devatenáct devatenácti", "n", 19),
        ("dvacet dvaceti", "n", 20),
        ("třicet třiceti", "n", 30),
        ("čtyřicet čtyřiceti", "n", 40),
        ("padesát padesáti", "n", 50),
        ("šedesát šedesáti", "n", 60),
        ("sedmdesát sedmdesáti", "n", 70),
        ("osmdesát osmdesáti", "n", 80),
        ("devadesát devadesáti", "n", 90),
        ("sto", "c", 100),
        ("stě sta set stech", "h", 100),
        ("tisíc tisíci", "m", 1000),
        ("tisíce", "p", 1000),
        ("milion milionu", "m", 10**6),
        ("milionů miliony", "p", 10**6),
        ("miliarda", "m", 10**9),
        ("miliardy miliard", "p", 10**9),
    ]
)

# Hindi: the common words only (1..99 are irregular; the rest are written in digits).
_HI = _table(
    [
        ("शून्य", "n", 0),
        ("एक", "n", 1),
        ("दो", "n", 2),
        ("तीन", "n", 3),
        ("चार", "n", 4),
        ("पांच पाँच", "n", 5),
        ("छह छः", "n", 6),
        ("सात", "n", 7),
        ("आठ", "n", 8),
        ("नौ", "n", 9),
        ("दस", "n", 10),
        ("ग्यारह", "n", 11),
        ("बारह", "n", 12),
        ("तेरह", "n", 13),
        ("चौदह", "n", 14),
        ("पंद्रह पन्द्रह", "n", 15),
        ("सोलह", "n", 16),
        ("सत्रह", "n", 17),
        ("अठारह", "n", 18),
        ("उन्नीस", "n", 19),
        ("बीस", "n", 20),
        ("पच्चीस", "n", 25),
        ("तीस", "n", 30),
        ("चालीस", "n", 40),
        ("पचास", "n", 50),
        ("साठ", "n", 60),
        ("सत्तर", "n", 70),
        ("अस्सी", "n", 80),
        ("नब्बे", "n", 90),
        ("सौ", "h", 100),
        ("हज़ार हजार", "m", 1000),
        ("लाख", "m", 100_000),
        ("करोड़", "m", 10**7),
    ]
)

WORD_ATOMS: Final[dict[str, dict[str, Atom]]] = {
    "en": _EN,
    "de": _DE,
    "fr": _FR,
    "es": _ES,
    "it": _IT,
    "pl": _PL,
    "ru": _RU,
    "cs": _CS,
    "hi": _HI,
}
# Languages whose number words are read (CJK numerals are read as weak mentions).
WORD_LANGS: Final[frozenset[str]] = frozenset(WORD_ATOMS) | {"zh", "ja"}

# Words that turn the preceding number into a multiplier ("nine times", "neun Mal").
TIMES_WORDS: Final[str] = (
    r"times|fold|mal|fach(?:e[nmrs]?)?|fois|veces|volte|razy|raza|раза|раз|krát|krotnie|बार"
)
# Whole-word multipliers: value, weak (lexical doubling words are not reliable counts).
MULTIPLIER_WORDS: Final[dict[str, tuple[int, bool]]] = {
    "twice": (2, False),
    "thrice": (3, False),
    "double": (2, True),
    "doubled": (2, True),
    "triple": (3, True),
    "tripled": (3, True),
    "quadruple": (4, True),
    "quadrupled": (4, True),
    "zweimal": (2, False),
    "dreimal": (3, False),
    "doppelt": (2, True),
    "doppelte": (2, True),
    "verdoppelt": (2, True),
    "verdreifacht": (3, True),
    "doble": (2, True),
    "doppio": (2, True),
    "triplo": (3, True),
    "raddoppiato": (2, True),
    "dwukrotnie": (2, False),
    "trzykrotnie": (3, False),
    "czterokrotnie": (4, False),
    "pięciokrotnie": (5, False),
    "dziesięciokrotnie": (10, False),
    "podwójny": (2, True),
    "podwójnie": (2, True),
    "дважды": (2, False),
    "трижды": (3, False),
    "вдвое": (2, False),
    "втрое": (3, False),
    "вчетверо": (4, False),
    "впятеро": (5, False),
    "вдесятеро": (10, False),
    "dvakrát": (2, False),
    "třikrát": (3, False),
    "dvojnásobek": (2, True),
    "dvojnásobně": (2, True),
}

# Magnitudes written after a digit number. Value None: language dependent "billion".
_MAG_ROWS: list[tuple[str, int]] = [
    (
        "thousand thousands tausend mille mil mila tys. tys tysiąc tysiące tysięcy tysiąca "
        "тыс. тыс тысяча тысячи тысяч tis. tisíc tisíce k K",
        1000,
    ),
    (
        "million millions mio. mio mln. mln million millionen mill. millón millones milione "
        "milioni milion miliony milionów miliona млн. млн миллион миллиона миллионов "
        "milionů m mn M Mn",
        10**6,
    ),
    (
        "billion_en bn bn. mrd. mrd md mds milliarde milliarden milliard milliards miliardo "
        "miliardi miliard miliardy miliardów miliarda mld. mld млрд. млрд миллиард миллиарда "
        "миллиардов b B",
        10**9,
    ),
    (
        "trillion trillions billionen billones billón bilione bilioni bilion biliony trillion_en",
        10**12,
    ),
]
DIGIT_MAGNITUDES: Final[dict[str, int]] = {
    w: v for spec, v in _MAG_ROWS for w in spec.split() if not w.endswith("_en")
}
# "billion" is 10**9 in English, 10**12 in most of continental Europe.
DIGIT_MAGNITUDES["billion"] = 10**9
DIGIT_MAGNITUDES["billions"] = 10**9
LONG_SCALE_LANGS: Final[frozenset[str]] = frozenset({"de", "fr", "es", "it", "pl", "cs", "nl"})
# Single letters are only magnitudes when glued to the number ("1.5m", "$2bn").
GLUED_ONLY_MAGNITUDES: Final[frozenset[str]] = frozenset({"k", "K", "m", "M", "b", "B", "mn", "Mn"})

CJK_MAGNITUDES: Final[dict[str, int]] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CJK_DIGITS: Final[dict[str, int]] = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CJK_UNITS: Final[dict[str, int]] = {"十": 10, "百": 100, "千": 1000}

PERCENT_WORDS: Final[str] = (
    r"%|％|‰|percent(?:age\s+points?)?|per\s+cent|pct\.?|prozent(?:punkte?n?)?|"
    r"pour\s+cent|points?\s+de\s+pourcentage|por\s+ciento|puntos?\s+porcentuales?|"
    r"per\s+cento|punti\s+percentuali|proc\.?|procent(?:a|u|y|ów|owy|owe|owych|ní)?|"
    r"punkt(?:y|ów)?\s+procentow(?:e|ych)|процент(?:а|ов|ы|ам|ами)?|п\.\s?п\.|"
    r"процентн(?:ых|ые|ого)\s+пункт(?:а|ов)?"
)

# Currency before the number: symbol or code -> ISO code.
CURRENCY_PREFIX: Final[dict[str, str]] = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "¥": "JPY",
    "JPY": "JPY",
    "CNY": "CNY",
    "RMB": "CNY",
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "INR": "INR",
    "₽": "RUB",
    "RUB": "RUB",
    "PLN": "PLN",
    "CHF": "CHF",
    "Fr.": "CHF",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "HK$": "HKD",
    "HKD": "HKD",
    "R$": "BRL",
    "CZK": "CZK",
}
# Currency after the number (after an optional magnitude).
CURRENCY_SUFFIX: Final[dict[str, str]] = {
    "$": "USD",
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "us-dollar": "USD",
    "us-dollars": "USD",
    "dólares": "USD",
    "dólar": "USD",
    "dollari": "USD",
    "dolarów": "USD",
    "dolary": "USD",
    "долларов": "USD",
    "доллара": "USD",
    "dolarů": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "евро": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "pounds": "GBP",
    "pfund": "GBP",
    "livres": "GBP",
    "sterline": "GBP",
    "zł": "PLN",
    "zł.": "PLN",
    "złotych": "PLN",
    "złote": "PLN",
    "pln": "PLN",
    "руб.": "RUB",
    "руб": "RUB",
    "рублей": "RUB",
    "рубля": "RUB",
    "₽": "RUB",
    "rub": "RUB",
    "rubles": "RUB",
    "roubles": "RUB",
    "kč": "CZK",
    "korun": "CZK",
    "czk": "CZK",
    "chf": "CHF",
    "franken": "CHF",
    "francs": "CHF",
    "yuan": "CNY",
    "元": "CNY",
    "yen": "JPY",
    "円": "JPY",
    "rupees": "INR",
    "रुपये": "INR",
}

_MONTH_ROWS: list[str] = [
    "january jan januar jänner janvier janv enero gennaio styczeń stycznia styczniu "
    "январь января январе leden ledna lednu",
    "february feb februar feber février févr fév febrero febbraio luty lutego lutym "
    "февраль февраля феврале únor února únoru",
    "march mar märz mär mars marzo marzec marca marcu март марта марте březen března březnu",
    "april apr avril avr abril aprile kwiecień kwietnia kwietniu апрель апреля апреле "
    "duben dubna dubnu",
    "may mai mayo maggio maj maja maju май мая мае květen května květnu",
    "june jun juni juin junio giugno czerwiec czerwca czerwcu июнь июня июне červen června červnu",
    "july jul juli juillet juil julio luglio lipiec lipca lipcu июль июля июле červenec "
    "července červenci",
    "august aug août agosto sierpień sierpnia sierpniu август августа августе srpen srpna srpnu",
    "september sep sept septembre septiembre setiembre settembre wrzesień września "
    "wrześniu сентябрь сентября сентябре září",
    "october oct oktober okt octobre ottobre octubre październik października październiku "
    "октябрь октября октябре říjen října říjnu",
    "november nov novembre noviembre listopad listopada listopadzie ноябрь ноября ноябре listopadu",
    "december dec dezember dez décembre déc diciembre dicembre grudzień grudnia grudniu "
    "декабрь декабря декабре prosinec prosince prosinci",
]
MONTHS: Final[dict[str, int]] = {w: i + 1 for i, row in enumerate(_MONTH_ROWS) for w in row.split()}


def _stems(rows: list[tuple[str, int]], suffixes: str) -> dict[str, int]:
    sufs = suffixes.split()
    return {stem + suf: v for spec, v in rows for stem in spec.split() for suf in sufs}


_EN_ORD = {
    w: v
    for v, w in enumerate(
        "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
    if v
}
_EN_ORD.update(
    {
        "thirtieth": 30,
        "fortieth": 40,
        "fiftieth": 50,
        "sixtieth": 60,
        "seventieth": 70,
        "eightieth": 80,
        "ninetieth": 90,
        "hundredth": 100,
        "thousandth": 1000,
    }
)
_TENS_ORD = [
    ("zwanzig", 20),
    ("dreißig", 30),
    ("vierzig", 40),
    ("fünfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
]
_DE_ORD = _stems(
    [
        ("erst", 1),
        ("zweit", 2),
        ("dritt", 3),
        ("viert", 4),
        ("fünft", 5),
        ("sechst", 6),
        ("siebt siebent", 7),
        ("acht", 8),
        ("neunt", 9),
        ("zehnt", 10),
        ("elft", 11),
        ("zwölft", 12),
        ("dreizehnt", 13),
        ("vierzehnt", 14),
        ("fünfzehnt", 15),
        ("sechzehnt", 16),
        ("siebzehnt", 17),
        ("achtzehnt", 18),
        ("neunzehnt", 19),
        ("hundertst", 100),
        ("tausendst", 1000),
    ]
    + [(t + "st", v) for t, v in _TENS_ORD],
    "e en er es em",
)
_FR_ORD = _stems(
    [
        ("premier première", 1),
        ("second seconde deuxième", 2),
        ("troisième", 3),
        ("quatrième", 4),
        ("cinquième", 5),
        ("sixième", 6),
        ("septième", 7),
        ("huitième", 8),
        ("neuvième", 9),
        ("dixième", 10),
        ("onzième", 11),
        ("douzième", 12),
        ("treizième", 13),
        ("quatorzième", 14),
        ("quinzième", 15),
        ("seizième", 16),
        ("vingtième", 20),
        ("trentième", 30),
        ("centième", 100),
        ("millième", 1000),
    ],
    "_ s",
)
_ES_ORD = _stems(
    [
        ("primer", 1),
        ("segund", 2),
        ("tercer", 3),
        ("cuart", 4),
        ("quint", 5),
        ("sext", 6),
        ("séptim", 7),
        ("octav", 8),
        ("noven", 9),
        ("décim", 10),
        ("undécim", 11),
        ("duodécim", 12),
        ("vigésim", 20),
        ("trigésim", 30),
        ("centésim", 100),
    ],
    "o a os as",
)
_ES_ORD.update({"primer": 1, "tercer": 3})
_IT_ORD = _stems(
    [
        ("prim", 1),
        ("second", 2),
        ("terz", 3),
        ("quart", 4),
        ("quint", 5),
        ("sest", 6),
        ("settim", 7),
        ("ottav", 8),
        ("non", 9),
        ("decim", 10),
        ("undicesim", 11),
        ("dodicesim", 12),
        ("ventesim", 20),
        ("trentesim", 30),
        ("centesim", 100),
    ],
    "o a i e",
)
_PL_ORD = _stems(
    [
        ("pierwsz", 1),
        ("drug", 2),
        ("trzeci", 3),
        ("czwart", 4),
        ("piąt", 5),
        ("szóst", 6),
        ("siódm", 7),
        ("ósm", 8),
        ("dziewiąt", 9),
        ("dziesiąt", 10),
        ("jedenast", 11),
        ("dwunast", 12),
        ("trzynast", 13),
        ("czternast", 14),
        ("piętnast", 15),
        ("szesnast", 16),
        ("siedemnast", 17),
        ("osiemnast", 18),
        ("dziewiętnast", 19),
        ("dwudziest", 20),
        ("trzydziest", 30),
        ("czterdziest", 40),
        ("pięćdziesiąt", 50),
        ("setn", 100),
        ("tysięczn", 1000),
    ],
    "y a e ego ej ym ą ych emu i ie iego iej im ich",
)
_RU_ORD = _stems(
    [
        ("перв", 1),
        ("втор", 2),
        ("трет", 3),
        ("четвёрт четверт", 4),
        ("пят", 5),
        ("шест", 6),
        ("седьм", 7),
        ("восьм", 8),
        ("девят", 9),
        ("десят", 10),
        ("одиннадцат", 11),
        ("двенадцат", 12),
        ("тринадцат", 13),
        ("четырнадцат", 14),
        ("пятнадцат", 15),
        ("шестнадцат", 16),
        ("семнадцат", 17),
        ("восемнадцат", 18),
        ("девятнадцат", 19),
        ("двадцат", 20),
        ("тридцат", 30),
        ("сорок", 40),
        ("сот", 100),
        ("тысячн", 1000),
    ],
    "ый ая ое ого ой ом ому ые ых ым ую ий ья ье ьего ьей ьем ьи ьим ьих",
)
_CS_ORD = _stems(
    [
        ("prvn", 1),
        ("druh", 2),
        ("třet", 3),
        ("čtvrt", 4),
        ("pát", 5),
        ("šest", 6),
        ("sedm", 7),
        ("osm", 8),
        ("devát", 9),
        ("desát", 10),
        ("jedenáct", 11),
        ("dvanáct", 12),
        ("dvacát", 20),
        ("třicát", 30),
        ("stý", 100),
    ],
    "ý á é ého ém ým ou ých í ího ím ému",
)

# Weak words: they can match a number on the other side but are never reported
# alone (ordinal words, "both", decades, noon/midnight).
_BOTH: dict[str, str] = {
    # "either" and "neither" speak of two ("su due lati" / "on either side")
    "en": "both either neither",
    "de": "beide beiden beider beides",
    "fr": "",
    "es": "ambos ambas",
    "it": "entrambi entrambe ambedue",
    "pl": "oba obie obaj obu obydwa obydwie obydwu",
    "ru": "оба обе обоих обеих обоим",
    "cs": "oba obě obou oběma",
    "hi": "दोनों",
}
_DECADES: dict[str, dict[str, int]] = {
    "en": dict(
        zip(
            "twenties thirties forties fifties sixties seventies eighties nineties".split(),
            range(20, 100, 10),
            strict=True,
        )
    ),
    "de": {t + "er" + suf: v for t, v in _TENS_ORD for suf in ("", "n", "jahre", "jahren")},
}
_TIMEWORDS: dict[str, dict[str, tuple[int, ...]]] = {
    "en": {"midnight": (0, 24), "noon": (12,), "midday": (12,)},
    "de": {"mitternacht": (0, 24), "mittag": (12,)},
    "fr": {"minuit": (0, 24), "midi": (12,)},
    "es": {"medianoche": (0, 24), "mediodía": (12,)},
    "it": {"mezzanotte": (0, 24), "mezzogiorno": (12,)},
    "pl": {"północ": (0, 24), "południe": (12,)},
    "ru": {"полночь": (0, 24), "полдень": (12,)},
}
_HI_ORD = _stems([("पहल", 1), ("दूसर", 2), ("तीसर", 3), ("चौथ", 4), ("छठ", 6)], "ा े ी")
_HI_ORD.update(_stems([("पांचव पाँचव", 5), ("सातव", 7), ("आठव", 8), ("नौव", 9), ("दसव", 10)], "ां ें ीं"))
_ORDS: dict[str, dict[str, int]] = {
    "hi": _HI_ORD,
    "en": _EN_ORD,
    "de": _DE_ORD,
    "fr": _FR_ORD,
    "es": _ES_ORD,
    "it": _IT_ORD,
    "pl": _PL_ORD,
    "ru": _RU_ORD,
    "cs": _CS_ORD,
}

# Set phrases whose number words count nothing, so a translation renders them without a
# number ("trois fois rien" / "next to nothing"); mentions inside them are left out.
IDIOMS: Final[dict[str, tuple[str, ...]]] = {
    "en": ("at sixes and sevens", "on cloud nine", "dressed to the nines", "the whole nine yards"),
    "fr": (
        "trois fois rien",
        "en deux temps,? trois mouvements",
        "à deux doigts d(?:e|['’])",  # "à deux doigts de la victoire": all but
        # "se mettre en quatre", "s'est mis en quatre" (not "mis en quatre parts")
        "s(?:e|['’](?:est|était|sont|étaient)) (?:mettre|met|mettent|mis|mise|mises) en quatre",
        "cheveux en quatre",
        "à quatre épingles",
        "entre quatre yeux",
        "les quatre cents coups",
        "deux poids,? deux mesures",
    ),
    "de": ("unter vier augen", "auf allen vieren", "fünf gerade sein"),
    "es": ("cuatro gatos", "en un dos por tres"),
    "it": ("in quattro e quattr['’]otto", "a quattr['’]occhi"),
}

# word -> (values, kind, weak)
Special = tuple[tuple[int, ...], str, bool]


def _special(lang: str) -> dict[str, Special]:
    out: dict[str, Special] = {}
    for w, v in _ORDS.get(lang, {}).items():
        out[w.replace("_", "")] = ((v,), "ordinal", True)
    for w in _BOTH.get(lang, "").split():
        out[w] = ((2,), "word", True)
    for w, v in _DECADES.get(lang, {}).items():
        out[w] = ((v,), "year", True)
    for w, vs in _TIMEWORDS.get(lang, {}).items():
        out[w] = (vs, "time", True)
    for w, (v, weak) in MULTIPLIER_WORDS.items():
        out[w] = ((v,), "multiplier", weak)
    return out


SPECIAL_WORDS: Final[dict[str, dict[str, Special]]] = {lang: _special(lang) for lang in WORD_ATOMS}

# Every magnitude word of every language also scales a digit number ("3,5 milionu").
for _atoms in WORD_ATOMS.values():
    for _w, (_k, _v) in _atoms.items():
        if _k in ("m", "p") and _v >= 1000 and _w not in DIGIT_MAGNITUDES:
            DIGIT_MAGNITUDES[_w] = _v
for _w in ("mil.", "mld.", "tis.", "mln.", "млн.", "млрд.", "тыс."):
    DIGIT_MAGNITUDES.setdefault(
        _w,
        {
            "mil.": 10**6,
            "mld.": 10**9,
            "tis.": 1000,
            "mln.": 10**6,
            "млн.": 10**6,
            "млрд.": 10**9,
            "тыс.": 1000,
        }[_w],
    )

# Short month names that are only safe to read in their own language ("set", "mag", "sie").
_ABBR: dict[str, str] = {
    "pl": "sty lut mar kwi maj cze lip sie wrz paź lis gru",
    "ru": "янв февр мар апр мая июн июл авг сент окт нояб дек",
    "es": "ene feb mar abr may jun jul ago sept oct nov dic",
    "it": "gen feb mar apr mag giu lug ago set ott nov dic",
    "cs": "led úno bře dub kvě čvn čvc srp zář říj lis pro",
    "fr": "janv févr mars avr mai juin juil août sept oct nov déc",
}
MONTHS_BY_LANG: Final[dict[str, dict[str, int]]] = {
    lang: {**MONTHS, **{w: i + 1 for i, w in enumerate(spec.split())}}
    for lang, spec in _ABBR.items()
}
