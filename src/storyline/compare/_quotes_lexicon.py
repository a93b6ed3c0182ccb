"""Hand lexicons for quotes: speech verbs, pronouns, role nouns, words that are not names.

Verbs are lowercase word prefixes per language (an entry of four letters or fewer must match a
whole word). Unknown languages use the union, which is noisier but better than nothing.
"""

from __future__ import annotations

# fmt: off
SPEECH_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("said", "says", "told", "tells", "added", "adds", "stated", "declared", "announced",
           "explained", "noted", "stressed", "warned", "insisted", "argued", "asked", "replied",
           "wrote", "recalled", "mentioned", "highlighted", "commented", "continued",
           "concluded", "admitted", "acknowledged", "urged", "vowed", "claimed", "speaking"),
    "de": ("sagte", "sagt", "sagten", "erklärte", "erklärt", "betonte", "betont", "fügte",
           "meinte", "sprach", "teilte", "warnte", "ergänzte", "kritisierte", "versicherte",
           "räumte", "stellte", "berichtete", "erzählte", "mahnte"),
    "fr": ("a déclaré", "déclare", "a dit", "dit", "a ajouté", "ajoute", "a-t-il", "a-t-elle",
           "a estimé", "estime", "a martelé", "martèle", "a assuré", "assure", "raconte",
           "a raconté", "explique", "a expliqué", "souligne", "a souligné", "affirme",
           "a affirmé", "a indiqué", "indique", "précise", "a précisé", "poursuit", "a déploré",
           "déplore", "a confié", "confie", "a lancé", "a insisté", "insiste"),
    "es": ("dijo", "ha dicho", "declaró", "ha declarado", "afirmó", "ha afirmado", "añadió",
           "ha añadido", "señaló", "ha señalado", "aseguró", "ha asegurado", "asegura",
           "explicó", "ha explicado", "explica", "dice", "indicó", "ha indicado", "subrayó",
           "advirtió", "sostuvo", "relata", "cuenta", "lamentó", "ha lamentado", "insistió"),
    "it": ("ha detto", "detto", "dice", "ha dichiarato", "dichiara", "ha affermato", "afferma",
           "ha aggiunto", "aggiunge", "ha spiegato", "spiega", "ha sottolineato", "sottolinea",
           "ha commentato", "commenta", "racconta", "ha raccontato", "ha assicurato",
           "ha ribadito", "ribadisce", "ha avvertito"),
    "pt": ("disse", "diz", "afirmou", "afirma", "acrescentou", "declarou", "explicou",
           "contou", "conta", "sublinhou", "referiu", "garantiu", "frisou", "adiantou",
           "salientou", "lamentou", "defendeu"),
    "ru": ("сказал", "заявил", "добавил", "отметил", "сообщил", "подчеркнул", "пояснил",
           "рассказал", "говорит", "признал", "уточнил", "заверил", "предупредил",
           "по словам"),
    "uk": ("сказав", "сказала", "заявив", "заявила", "додав", "додала", "зазначив", "зазначила",
           "повідомив", "повідомила", "розповів", "розповіла", "наголосив", "наголосила",
           "пояснив", "пояснила", "каже", "за словами"),
    "pl": ("powiedział", "dodał", "stwierdził", "podkreślił", "zaznaczył", "mówi",
           "oświadczył", "poinformował", "wyjaśnił", "przekazał", "relacjonuje", "relacjonował",
           "zapowiedział", "ocenił", "przyznał"),
    "cs": ("řekl", "uvedl", "dodal", "prohlásil", "sdělil", "zdůraznil", "podotkl",
           "vysvětlil", "říká", "uvádí", "konstatoval", "napsal"),
    "tr": ("dedi", "diye", "söyledi", "açıkladı", "belirtti", "ifade etti", "vurguladı",
           "kaydetti", "konuştu", "ekledi"),
    "nl": ("zei", "zegt", "voegde", "verklaarde", "aldus", "stelde", "benadrukte", "liet weten",
           "vertelde", "waarschuwde"),
}

# Pronouns that stand for the last named person; the attribution then has no name of its own.
PRONOUNS = frozenset(
    [
        "he", "she", "they", "him", "her", "er", "sie", "il", "elle", "ils", "elles", "él",
        "ella", "lui", "lei", "ele", "ela", "он", "она", "они", "він", "вона", "on", "ona", "oni",
        "ono",
    ]
)

# Role nouns a later attribution uses for a person named earlier ("the minister said").
ROLE_STEMS = (
    "minist", "governor", "gouverneur", "valisi", "vali", "mayor", "alcald", "sindac",
    "maire", "bürgermeist", "oberbürgermeist", "burmistrz", "starost", "premi", "chancell",
    "kanzler", "president", "präsident", "président", "presiden", "prezydent", "президент",
    "министр", "міністр", "spokes", "sprecher", "porte-parole", "portavoz", "portavoce",
    "porta-voz", "rzeczni", "mluvčí", "пресс-секретар", "речни", "investigador", "researcher",
    "forscher", "chercheu", "judge", "richter", "juge", "juez", "giudice", "director",
    "direktor", "directeur", "директор", "ředitel", "dyrektor", "wojewod", "consul",
    "konsul", "консул", "chief", "chef", "jefe", "capo", "leader", "líder", "head", "голова",
    "глава", "expert", "experte", "analyst", "economist", "ökonom", "ekonom", "lawyer",
    "anwalt", "verteidiger", "avocat", "abogado", "avvocato", "adwokat", "obhájce",
    "чоловік", "мужчина", "man", "woman", "frau", "mann", "homme", "femme", "hombre",
    "mujer", "uomo", "donna", "homem", "mulher", "kobieta", "mężczyzna", "жінка", "женщина",
)

# Capitalised words that start sentences or titles but are never a speaker's name.
NOT_NAMES = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "there", "it", "its", "he", "she",
        "we", "they", "you", "i", "his", "her", "our", "their", "in", "on", "at", "of", "for",
        "from", "by", "with", "to", "but", "and", "or", "as", "after", "before", "when", "while",
        "however", "also", "according", "then", "so", "mr", "mrs", "ms", "dr", "sir", "der",
        "die", "das", "den", "dem", "des", "ein", "eine", "einen", "er", "sie", "es", "wir",
        "ich", "am", "im", "zum", "zur", "vom", "von", "laut", "nach", "und", "le", "la", "les",
        "un", "une", "des", "du", "au", "il", "elle", "ils", "nous", "je", "ce", "cette", "selon",
        "mais", "et", "el", "los", "las", "una", "unos", "uno", "lo", "al", "del", "con", "por",
        "para", "según", "pero", "y", "este", "esta", "il", "lo", "gli", "i", "una", "uno", "dei",
        "della", "nel", "nella", "con", "per", "secondo", "ma", "e", "questo", "questa", "o",
        "os", "as", "um", "uma", "dos", "das", "no", "na", "nos", "nas", "pelo", "pela",
        "segundo", "mas", "este", "esta", "de", "het", "een", "en", "van", "op", "met", "voor",
        "door", "maar", "dit", "deze", "он", "она", "они", "это", "в", "на", "по", "для", "при",
        "как", "но", "и", "а", "также", "він", "вона", "вони", "це", "у", "в", "на", "за", "для",
        "але", "і", "та", "також", "on", "ona", "oni", "to", "w", "na", "po", "dla", "przy",
        "jak", "ale", "i", "oraz", "także", "on", "ona", "oni", "to", "v", "na", "po", "pro",
        "při", "jak", "ale", "a", "také", "bu", "şu", "o", "bir", "ve", "ile", "için", "ama",
        "da", "de", "kremlin", "governor", "minister", "president", "deputy", "prime",
        "chancellor", "mayor", "spokesman", "spokeswoman", "secretary", "director", "chief",
        "general", "emergencies", "official", "officials", "police",
    ]
)

# Lowercase words that may sit inside a name: "Willem de Groot", "Pieter de Graaf".
NAME_PARTICLES = frozenset({"de", "van", "der", "den", "al", "bin", "ter", "ten"})

# Words before a capitalised run that make it a place or an organisation, not a person:
# "alcaldesa de Benifarró", "в Любліні", "at the gate of the Maasvlakte Container Terminal".
NOT_BEFORE_PERSON = frozenset(
    [
        "the", "of", "at", "in", "from", "to", "by", "for", "with", "on", "into", "near",
        "outside", "inside", "de", "del", "da", "do", "dos", "das", "di", "della", "dei", "delle",
        "degli", "von", "vom", "zum", "zur", "im", "am", "beim", "aus", "bei", "mit", "nach",
        "für", "à", "au", "aux", "en", "dans", "par", "pour", "sur", "avec", "chez", "na", "w",
        "we", "z", "ze", "od", "według", "przez", "dla", "u", "przy", "в", "у", "з", "из", "на",
        "от", "до", "для", "по", "із", "під", "при", "van", "voor", "bij", "uit", "op", "met",
        "naar", "v", "ve", "k", "ke", "ku", "pro",
    ]
)

# Word stems that make a capitalised run an organisation or a place, never a person.
ORG_STEMS = tuple(
    [
        "trybuna", "dyrekc", "terminal", "zone", "fault", "univers", "komir", "provinz",
        "ministr", "ministe", "court", "gericht", "council", "agenc", "compan", "bank", "party",
        "partei", "union", "forum", "state", "city", "hall", "journal", "wire", "news", "times",
        "press", "office", "depart", "service", "police", "polic", "army", "group", "fund",
        "institut", "centre", "center", "associa", "federa", "alliance", "commission",
        "committee", "authorit", "министерств", "міністерств", "суд", "sąd", "soud", "chamber",
        "kammer", "parliament", "parlament", "assembl", "government", "regierung", "gouvernement",
        "gobierno", "governo", "правительств", "уряд", "rząd", "vláda", "hükümet", "crescent",
        "cross", "kreuz", "airport", "flughafen", "station", "hospital", "klinik",
    ]
)

# Abbreviations whose full stop does not end a sentence ("mł. bryg. Tomasz Wrona").
ABBREVIATIONS = frozenset(
    [
        "mł", "bryg", "dr", "hab", "inż", "gen", "płk", "st", "kpt", "prof", "mgr", "ks", "nr",
        "ul", "jr", "sr", "mr", "mrs", "ms", "dipl", "ing", "sen", "gov", "lt", "col", "sgt",
        "doc", "mjr", "ppłk", "asp", "kom", "insp", "np", "tj", "tzw", "wg", "ca", "bzw", "vgl",
        "etc", "vs", "ген", "им", "г", "ст", "акад", "ул", "пл", "sra", "dña", "sig", "dott",
        "avv",
    ]
)

# Words that introduce the content of reported speech: "Peskov stated that …".
THAT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("that",), "de": ("dass", "daß"), "fr": ("que", "qu'"), "es": ("que",),
    "it": ("che",), "pt": ("que",), "ru": ("что",), "uk": ("що",), "pl": ("że",),
    "cs": ("že",), "nl": ("dat",), "tr": (),
}
# fmt: on
