"""Hand lexicons for number extraction: qualifiers, number words text2num lacks, quantity keys.

text2num parses number words in en/de/fr/es/it/pt/nl; Russian, Ukrainian, Polish, Czech and
Turkish number words are listed here because no maintained library parses them. Every key is
lowercase. Quantity words are matched as word prefixes ("fatalit" matches "fatalities"); an entry
of three letters or fewer must match a whole word so "ans" never matches "answer".
"""

from __future__ import annotations

# fmt: off


def _invert(lists: dict[str, list[str]]) -> dict[str, str]:
    return {phrase: kind for kind, phrases in lists.items() for phrase in phrases}


# Qualifier phrases right before the number. "gt" = more than, "min" = at least, "lt" = less
# than, "max" = up to; "about" gives ±10 %, "nearly" gives [90 %, value).
QUALIFIERS_BEFORE: dict[str, str] = _invert(
    {
        "gt": [
            "more than", "over", "upwards of", "in excess of", "well over", "mehr als", "über",
            "plus de", "más de", "oltre", "più di", "mais de", "более", "больше", "свыше", "понад",
            "більше", "більш ніж", "ponad", "więcej niż", "ruim", "meer dan", "více než", "přes",
            "the more than", "superato", "ha superato", "exceeded", "surpassed", "topped",
            "überschritten", "übertraf", "dépassé", "a dépassé", "superó", "ha superado",
            "superou", "превысило", "превысил", "превысила", "перевищила", "перевищив",
            "przekroczyła", "przekroczył", "overschreed",
        ],
        "min": [
            "at least", "mindestens", "wenigstens", "au moins", "al menos", "por lo menos",
            "almeno", "pelo menos", "no mínimo", "не менее", "не меньше", "по меньшей мере",
            "как минимум", "щонайменше", "не менше", "принаймні", "co najmniej", "przynajmniej",
            "minimálně", "nejméně", "alespoň", "en az", "minstens", "ten minste",
        ],
        "about": [
            "about", "around", "some", "roughly", "approximately", "an estimated", "circa", "rund",
            "etwa", "ungefähr", "zirka", "environ", "quelque", "unos", "unas", "cerca de",
            "alrededor de", "aproximadamente", "intorno a", "около", "примерно", "порядка",
            "близько", "приблизно", "około", "zo'n", "zo’n", "ongeveer", "rond de", "zhruba",
            "přibližně", "asi", "kolem", "yaklaşık", "approximativement",
        ],
        "nearly": [
            "nearly", "almost", "close to", "knapp", "beinahe", "fast", "presque", "près de",
            "casi", "quase", "quasi", "почти", "майже", "prawie", "niemal", "blisko", "bijna",
            "téměř", "skoro", "neredeyse",
        ],
        "max": ["up to", "as many as", "bis zu", "jusqu'à", "jusqu’à", "hasta", "fino a", "até"],
        "lt": [
            "less than", "fewer than", "under", "weniger als", "unter", "moins de", "menos de",
            "meno di", "менее", "меньше", "менше ніж", "менш ніж", "mniej niż", "minder dan",
            "méně než",
        ],
    }
)
# Articles between a qualifier and its number: "oltre il 90%", "más del 50 %".
ARTICLES = frozenset(["il", "el", "la", "the", "le", "lo", "los", "las", "o", "os", "del", "dei"])
# "over five years" is a span of time, not "more than five".
TIME_NOUNS = frozenset(["years", "months", "hours"])
# Turkish puts the hedge after the number and its case suffix: "120'den fazla", "100'e kadar".
QUALIFIERS_AFTER: dict[str, str] = {
    "fazla": "gt",
    "aşkın": "gt",
    "az": "lt",
    "kadar": "max",
    "civarında": "about",
    "dolayında": "about",
    "plus": "gt",
}

# Number words of the languages text2num does not parse. Inflected forms are listed, not
# guessed: a stem rule would read "сотрудник" as "сто".
WORDS: dict[str, dict[str, float]] = {
    "ru": {
        "один": 1, "одна": 1, "одного": 1, "одной": 1, "два": 2, "две": 2, "двух": 2, "двое": 2,
        "двоих": 2, "три": 3, "трех": 3, "трёх": 3, "трое": 3, "троих": 3, "четыре": 4,
        "четырех": 4, "четырёх": 4, "четверо": 4, "пять": 5, "пяти": 5, "пятеро": 5, "шесть": 6,
        "шести": 6, "шестеро": 6, "семь": 7, "семи": 7, "семеро": 7, "восемь": 8, "восьми": 8,
        "девять": 9, "девяти": 9, "девятеро": 9, "десять": 10, "десяти": 10, "одиннадцать": 11,
        "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30,
        "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "сто": 100, "ста": 100,
        "двести": 200, "триста": 300, "тысяча": 1000, "тысячи": 1000,
    },
    "uk": {
        "один": 1, "одна": 1, "одного": 1, "два": 2, "дві": 2, "двоє": 2, "двох": 2, "три": 3,
        "троє": 3, "трьох": 3, "чотири": 4, "четверо": 4, "чотирьох": 4, "п'ять": 5, "п’ять": 5,
        "п'ятеро": 5, "п’ятеро": 5, "п'яти": 5, "п’яти": 5, "шість": 6, "шестеро": 6, "сім": 7,
        "семеро": 7, "вісім": 8, "восьми": 8, "дев'ять": 9, "дев’ять": 9, "дев'ятеро": 9,
        "дев’ятеро": 9, "десять": 10, "десятеро": 10, "двадцять": 20, "тридцять": 30, "сорок": 40,
        "п'ятдесят": 50, "п’ятдесят": 50, "сто": 100, "двісті": 200, "тисяча": 1000,
        "тисячі": 1000,
    },
    "pl": {
        "jeden": 1, "jedna": 1, "jednego": 1, "dwa": 2, "dwie": 2, "dwóch": 2, "dwoje": 2,
        "trzy": 3, "trzech": 3, "troje": 3, "cztery": 4, "czterech": 4, "czworo": 4, "pięć": 5,
        "pięciu": 5, "sześć": 6, "sześciu": 6, "siedem": 7, "siedmiu": 7, "osiem": 8, "ośmiu": 8,
        "dziewięć": 9, "dziewięciu": 9, "dziesięć": 10, "dziesięciu": 10, "dwadzieścia": 20,
        "trzydzieści": 30, "czterdzieści": 40, "pięćdziesiąt": 50, "sto": 100, "dwieście": 200,
        "tysiąc": 1000, "tysiące": 1000,
    },
    "cs": {
        "jeden": 1, "jedna": 1, "dva": 2, "dvě": 2, "dvou": 2, "tři": 3, "tří": 3, "čtyři": 4,
        "pět": 5, "šest": 6, "sedm": 7, "osm": 8, "devět": 9, "deset": 10, "dvacet": 20,
        "třicet": 30, "čtyřicet": 40, "padesát": 50, "sto": 100, "tisíc": 1000,
    },
    "tr": {
        "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9,
        "on": 10, "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "yüz": 100, "bin": 1000,
    },
}

# The words a number word of text2num's languages starts with: a cheap filter so text2num is
# asked only about words that may be numbers ("dreiundzwanzig" starts with "drei").
TEXT2NUM_STARTS: dict[str, tuple[str, ...]] = {
    "en": (
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
        "thousand", "million", "billion",
    ),
    "de": (
        "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieb", "acht", "neun", "zehn", "elf",
        "zwölf", "zwanzig", "dreißig", "hundert", "tausend", "million", "milliard",
    ),
    "fr": (
        "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
        "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante",
        "cinquante", "soixante", "cent", "mille", "million", "milliard",
    ),
    "es": (
        "uno", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
        "once", "doce", "trece", "catorce", "quince", "dieci", "veint", "treinta", "cuarenta",
        "cincuenta", "sesenta", "setenta", "ochenta", "noventa", "cien", "doscient", "trescient",
        "cuatrocient", "quinient", "seiscient", "setecient", "ochocient", "novecient", "mil",
    ),
    "it": (
        "uno", "una", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci",
        "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "dicia", "venti",
        "ventu", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta",
        "cento", "mille", "mila", "milion", "miliard",
    ),
    "pt": (
        "um", "uma", "dois", "duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove",
        "dez", "onze", "doze", "treze", "catorze", "quatorze", "quinze", "dezas", "dezes",
        "dezoito", "dezanove", "dezenove", "vinte", "trinta", "quarenta", "cinquenta", "sessenta",
        "setenta", "oitenta", "noventa", "cem", "cento", "duzent", "trezent", "quatrocent",
        "quinhent", "mil",
    ),
    "nl": (
        "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
        "twaalf", "dertien", "veertien", "twintig", "dertig", "veertig", "vijftig", "zestig",
        "zeventig", "tachtig", "negentig", "honderd", "duizend", "miljoen", "miljard",
    ),
}

# "two dozen"; "dozens"/"сотни" are vague plurals read as "at least" the listed value
# (the corpus convention: "hundreds" -> 200..None).
DOZEN_WORDS = frozenset({"dozen", "dutzend", "douzaine", "docena", "dozzina", "dúzia", "dozijn"})
VAGUE_PLURALS: dict[str, float] = {
    "dozens": 24, "dutzende": 24, "dizaines": 20, "decenas": 20, "decine": 20, "dezenas": 20,
    "десятки": 20, "десятков": 20, "десятки́": 20, "десятків": 20, "dziesiątki": 20, "desítky": 20,
    "onlarca": 20, "tientallen": 20, "hundreds": 200, "hunderte": 200, "centaines": 200,
    "cientos": 200, "centinaia": 200, "centenas": 200, "сотни": 200, "сотен": 200, "сотні": 200,
    "сотень": 200, "setki": 200, "stovky": 200, "yüzlerce": 200, "honderden": 200,
    "thousands": 2000, "tausende": 2000, "milliers": 2000, "miles": 2000, "migliaia": 2000,
    "milhares": 2000, "тысячи": 2000, "тысяч": 2000, "тисячі": 2000, "тисяч": 2000,
    "tysiące": 2000, "tisíce": 2000, "binlerce": 2000, "duizenden": 2000,
}
# Indefinite articles that mean "one" only before a word saying what is counted.
ONE_WORDS_BY_LANG: dict[str, frozenset[str]] = {
    "en": frozenset({"a", "an", "one"}), "de": frozenset({"ein", "eine", "einen", "einem"}),
    "fr": frozenset({"un", "une"}), "es": frozenset({"un", "una", "uno"}),
    "it": frozenset({"un", "una", "uno"}), "pt": frozenset({"um", "uma"}),
    "nl": frozenset({"een"}),
}
ONE_WORDS = frozenset().union(*ONE_WORDS_BY_LANG.values())
ONE_NOUNS = (
    "percentage point", "prozentpunkt", "point de pourcentage", "punto porcentual",
    "punto percentuale", "ponto percentual", "man", "woman", "hombre", "mujer", "automobiliste",
    "homme", "femme", "uomo", "donna", "homem", "mulher", "person", "persona", "personne",
    "pessoa", "mann", "frau",
)
HALF_AFTER: dict[str, float] = {
    "and a half": 0.5, "i pół": 0.5, "e mezzo": 0.5, "y medio": 0.5, "et demi": 0.5, "e meio": 0.5,
    "en een half": 0.5, "с половиной": 0.5, "з половиною": 0.5, "buçuk": 0.5, "a půl": 0.5,
}
# German glues the half on: "viereinhalb".
GLUED_HALF = "einhalb"

MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3, "tausend": 1e3, "mille": 1e3, "mil": 1e3, "тыс": 1e3, "тис": 1e3, "tys": 1e3,
    "bin": 1e3, "duizend": 1e3, "tisíc": 1e3, "million": 1e6, "millions": 1e6, "millionen": 1e6,
    "mio": 1e6, "millones": 1e6, "millón": 1e6, "milioni": 1e6, "milione": 1e6, "milhões": 1e6,
    "milhão": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млн": 1e6, "мільйон": 1e6,
    "мільйона": 1e6, "мільйонів": 1e6, "milion": 1e6, "miliony": 1e6, "milionów": 1e6, "mln": 1e6,
    "milyon": 1e6, "miljoen": 1e6, "milionu": 1e6, "milionů": 1e6, "billion": 1e9, "billions": 1e9,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "milliard": 1e9, "milliards": 1e9,
    "miliardo": 1e9, "miliardi": 1e9, "bilhão": 1e9, "bilhões": 1e9, "миллиард": 1e9,
    "миллиарда": 1e9, "миллиардов": 1e9, "млрд": 1e9, "мільярд": 1e9, "мільярда": 1e9,
    "мільярдів": 1e9, "miliard": 1e9, "miliardy": 1e9, "miliardů": 1e9, "miliardów": 1e9,
    "mld": 1e9, "milyar": 1e9, "miljard": 1e9, "mil millones": 1e9,
}

# Month words: a number right before or after one is a date, not a quantity.
MONTHS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "januar", "februar", "märz", "mai", "juni", "juli",
        "oktober", "dezember", "jänner", "janvier", "février", "mars", "avril", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre", "enero", "febrero",
        "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
        "noviembre", "diciembre", "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio",
        "settembre", "ottobre", "dicembre", "janeiro", "fevereiro", "março", "maio", "junho",
        "julho", "setembro", "outubro", "dezembro", "января", "февраля", "марта", "апреля",
        "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "січня",
        "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
        "жовтня", "листопада", "грудня", "stycznia", "lutego", "marca", "kwietnia", "maja",
        "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
        "ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září",
        "října", "listopadu", "prosince", "ocak", "şubat", "mart", "nisan", "mayıs", "haziran",
        "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık", "januari", "februari", "maart",
        "mei", "augustus",
    ]
)
# Words after a number that make it a clock time or a code, never a count.
NOT_A_COUNT_AFTER = frozenset({"uhr", "godz", "a.m", "p.m", "am", "pm"})

# Verbs that say a running toll went up; a later, higher value next to one is an update.
RISE_WORDS = (
    "rose", "risen", "climbed", "increased", "jumped", "reached", "stieg", "gestiegen", "erhöht",
    "a augmenté", "s'élève désormais", "est passé", "passé à", "aumentado", "ascendido",
    "ascendió", "subido", "salito", "salita", "aumentato", "subiu", "aumentou", "выросл",
    "возросл", "увеличил", "достигл", "зросл", "збільшил", "wzrosł", "wzrosła", "yükseldi",
    "çıktı", "steeg", "gestegen", "vzrostl", "stoupl",
)

# What a number counts. EVENT keys say what happened to the counted people; they win over a
# noun key and may stand anywhere in the clause ("погибли не менее пяти горняков").
EVENT_KEYS: dict[str, list[str]] = {
    "killed": [
        "killed", "killing", "kill", "dead", "death", "deaths", "died", "fatalit", "lives",
        "bodies", "toll", "tote", "toten", "getötet", "ums leben", "starben", "gestorben", "mort",
        "morts", "morte", "mortes", "tués", "tué", "décès", "décéd", "muert", "fallec", "murieron",
        "víctimas mortales", "morti", "vittime", "decedut", "mortos", "morreram", "óbitos",
        "погиб", "умер", "жертв", "загин", "загибл", "помер", "zginę", "zginął", "zginęł", "zmarł",
        "nie żyje", "ofiar", "zabit", "öldü", "hayatını kaybet", "hayatını kaybed", "can kaybı",
        "ölü", "doden", "omgekomen", "dood", "zemřel", "mrtv", "obět", "zahynul",
        "lost their lives", "trouvé la mort",
    ],
    "injured": [
        "injur", "wound", "hurt", "verletz", "blessé", "herid", "ferit", "ferid", "ранен",
        "пострадав", "поранен", "травм", "rann", "yaralan", "yaralı", "gewond", "zraněn",
        "hospital", "госпитализ", "szpital",
    ],
    "missing": [
        "missing", "vermisst", "disparu", "desaparecid", "dispers", "пропавш", "зник", "zaginion",
        "kayıp", "vermist", "pohřešov",
    ],
    "evacuated": [
        "evacu", "évacu", "эвакуир", "эвакуиров", "евакуйов", "евакуйов", "ewakuow", "tahliye",
        "evakuov", "geëvacueerd", "evakuiert", "desaloj", "retirada", "brought to",
        "quitter leur domicile", "leave their homes", "left their homes",
        "ihre häuser verlassen", "hun huis verlaten", "dejar sus casas", "abandonar sus casas",
        "lasciare le loro case", "вывести",
        "вывед",
    ],
}
NOUN_KEYS: dict[str, list[str]] = {
    "percent": [
        "%", "percent", "per cent", "prozent", "pour cent", "por ciento", "per cento", "por cento",
        "процент", "відсот", "procent", "yüzde", "procento",
    ],
    "percentage_point": [
        "percentage point", "prozentpunkt", "point de pourcentage", "процентн пункт",
        "процентний пункт", "відсотков пункт", "punkt procentow", "punto porcentual",
        "punto percentuale", "ponto percentual", "procentní bod", "procentpunt",
    ],
    "money:eur": ["€", "euro", "eur"],
    "money:usd": ["$", "dollar", "доллар", "долар", "dolar", "usd"],
    "money:gbp": ["£", "pound", "pfund"],
    "money:rub": ["рубл"],
    "money:uah": ["гривн", "гривен", "грн"],
    "money:pln": ["zł", "złot"],
    "money:czk": ["kč", "korun", "crown", "kronen", "couronnes", "coronas"],
    "money:try": ["lira", "tl"],
    "speed": [
        "km/h", "kilómetros por hora", "kilometer per uur", "kilometres per hour",
        "kilometers per hour", "km per hour", "stundenkilometer", "kilomètres par heure",
        "chilometri orari", "quilómetros por hora", "км/ч", "км/год", "km/godz",
    ],
    "hectares": ["hectar", "hectár", "hectá", "hektar", "ettar", "гектар"],
    "rainfall_mm": [
        "litres per square", "liters per square", "litros por metro", "litri per metro",
        "millimètres", "millimetres", "millimeters", "millimeter", "mm", "litres of rain", "l/m",
        "литр", "літр",
    ],
    "magnitude": ["magnitude", "büyüklüğünde", "stärke", "magnitud", "magnitudo", "магнитуд"],
    "years": [
        "year", "jahr", "ans", "año", "anni", "anno", "anos", "ano", "лет", "года", "год", "рок",
        "років", "lat", "lata", "roku", "yıl", "jaar", "jaren", "let", "roky",
    ],
    "hours": [
        "hour", "stunde", "heure", "hora", "ore", "час", "годин", "godzin", "saat", "uur", "hodin",
    ],
    "months": [
        "month", "monat", "mois", "mes", "meses", "mesi", "mese", "месяц", "місяц", "miesi", "ay",
        "maand", "měsíc",
    ],
    "votes": [
        "vote", "stimm", "voix", "voto", "голос", "głos", "oy", "stem", "en contra",
        "a favor", "against", "in favour", "dagegen", "contro", "против", "проти",
    ],
    "seats": [
        "seat", "sitz", "siège", "escaño", "seggi", "deputad", "мест", "місц", "mandat",
        "sandalye", "zetel",
    ],
    "aircraft": [
        "aircraft", "plane", "helicopter", "flugzeug", "avion", "aviones", "aerei", "aviões",
        "medios aéreos", "самолет", "літак", "samolot", "uçak", "vliegtu", "blusvliegtu", "letad",
        "hubschrauber", "śmigłow",
    ],
    "ships": [
        "ship", "vessel", "schiff", "navire", "barco", "buque", "navi", "navios", "судов", "судна",
        "кораб", "statk", "gemi", "schepen", "lodí",
    ],
    "buildings": [
        "building", "gebäude", "bâtiment", "edificio", "edifici", "edifício", "здани", "будин",
        "budyn", "bina", "gebouw", "budov", "houses", "häuser", "maisons", "casas",
    ],
    "jobs": ["jobs", "stellen", "postes", "empleos", "posti", "esuberi", "banen", "arbeitsplätz"],
    "fire_crews": ["fire crew", "zastęp", "löschzug", "brigades", "dotaciones"],
    "rescuers": [
        "rescuer", "rescue worker", "retter", "rettungskräfte", "sauveteur", "rescatist",
        "soccorritor", "socorrist", "спасател", "рятувальник", "ratownik", "kurtarma", "redder",
        "záchranář", "search and rescue",
    ],
    "miners": [
        "miner", "bergleute", "bergmann", "kumpel", "mineur", "minero", "minator", "mineiro",
        "шахтер", "шахтар", "горняк", "гірник", "górnik", "madenci", "mijnwerker", "horník",
    ],
    "workers": [
        "worker", "employee", "beschäftigt", "arbeiter", "mitarbeiter", "salarié", "travailleur",
        "trabajador", "lavorator", "dipendent", "trabalhador", "рабоч", "працівник", "pracownik",
        "işçi", "werknemer", "medewerker", "zaměstnan", "sjorder", "lasher", "efectivos",
        "brandweerlieden", "ground crew", "firefighter", "personel", "militar", "soldier",
    ],
    "investors": ["investor", "anleger", "inwestor", "investisseur", "inversor", "investitor"],
    "residents": [
        "resident", "einwohner", "bewohner", "anwohner", "habitant", "vecino", "residente",
        "abitant", "morador", "жител", "мешкан", "mieszkańc", "sakin", "bewoner", "obyvatel",
    ],
    "people": [
        "people", "person", "menschen", "personen", "personnes", "personas", "persone", "pessoas",
        "человек", "людей", "люди", "осіб", "особ", "людин", "osób", "osoby", "kişi", "mensen",
        "lidí", "passenger", "passagier", "pasażer", "пассажир", "пасажир", "yolcu", "citizens",
        "громадян", "граждан", "obywatel", "civil",
    ],
}
# Counted-noun keys that name people: they align with an event key or with "people".
PEOPLE_NOUNS = frozenset(
    {"people", "workers", "miners", "rescuers", "residents", "investors", "fire_crews"}
)
# Keys too common to say two articles mean the same number just because each states one.
GENERIC_KEYS = frozenset({"years", "months", "hours", "percent", "people"})
# Running tolls: a later, higher figure from another origin is an update, not a conflict.
TOLL_KEYS = frozenset({"killed", "injured", "missing"})

# Nouns that come before their number: "magnitude 5.9", "der Stärke 5,9".
NOUNS_BEFORE: dict[str, str] = {
    "magnitude": "magnitude", "stärke": "magnitude", "magnitud": "magnitude",
    "magnitudo": "magnitude", "магнитудой": "magnitude", "магнітудою": "magnitude",
    "magnitudą": "magnitude", "síle": "magnitude",
}
# Coordinating conjunctions: an event word before one belongs to another statement.
CONJUNCTIONS = frozenset(
    ["and", "und", "et", "y", "e", "и", "і", "та", "i", "oraz", "ve", "en", "while"]
)
# A number right after one of these modifies another noun ("de siete parroquias"): it takes an
# event key only when a counted noun follows it.
OF_WORDS = frozenset(
    ["de", "del", "of", "from", "aus", "von", "z", "ze", "из", "з", "із", "od", "van", "uit",
     "dei", "degli", "delle", "des", "du"]
)
# Connectors that let a bare number borrow the noun before it: "312 votes to 189".
BORROW_CONNECTORS = frozenset(
    {"to", "contre", "against", "contra", "gegen", "против", "проти", "przeciw", "tegen"}
)
# fmt: on
