"""Hand lexicons for claims: what a sentence says that is not a claim of the story.

Four kinds, each in the languages of part 4 (en, de, fr, es, it, pt, ru, uk, pl, cs, tr, nl):

* ``COMMENTARY``: the writer evaluating or framing ("sparked speculation", "remains to be seen");
* ``NO_DETAILS``: a statement that nothing was said ("did not elaborate", "не уточнил");
* ``HEDGES``: the writer guessing ("may", "könnte", "semble", "wydaje się"); a hedged sentence
  is still a claim when it is attributed (``ATTRIBUTION``: "according to", "laut", "według"),
  because then a source, not the writer, is guessing;
* ``BOILERPLATE``: site furniture that survived cleaning ("Read more", "Czytaj także").

Every entry is lowercase and matched at word boundaries. Hedges are listed per language: a short
hedge of one language is an ordinary word of another (Polish "chyba" is Czech for "error").
"""

from __future__ import annotations

# fmt: off
COMMENTARY = (
    "sparked speculation", "underscore", "remains to be seen", "time will tell",
    "closely monitor", "raises questions", "raise questions", "the implications",
    "broader implications", "it seems", "faces the challenge", "the outcome of",
    "marks a significant", "mark a significant", "some view it", "others caution",
    "suggests a willingness", "pragmatic reality", "the complexities", "landscape",
    "paves the way", "it is worth noting",
    "spekulationen", "bleibt abzuwarten", "unterstreicht",
    "reste à voir", "spéculations", "souligne la",
    "queda por ver", "especulaci", "subraya la",
    "resta da vedere", "speculazioni",
    "resta saber", "especulaç",
    "остается только", "спекуляци",
    "залишається лише",
    "spekulacj", "pozostaje pytaniem",
    "spekulace",
    "zaman gösterecek", "spekülasyon",
)

NO_DETAILS = (
    "did not elaborate", "didn't elaborate", "declined to elaborate", "without elaborating",
    "did not specify", "didn't specify", "without specifying", "gave no details",
    "gave no further details", "did not give details", "did not provide details",
    "declined to comment", "could not be reached for comment",
    "nannte keine details", "nannte keine einzelheiten", "ohne details zu nennen",
    "ohne einzelheiten zu nennen", "wollte sich nicht äußern", "ließ offen",
    "sans préciser", "n'a pas précisé", "sans donner de détails", "n'a pas donné de détails",
    "n'a pas souhaité commenter",
    "sin precisar", "no precisó", "sin dar detalles", "no detalló", "no especificó",
    "sin especificar",
    "senza precisare", "non ha precisato", "senza fornire dettagli", "non ha specificato",
    "senza specificare",
    "sem precisar", "não precisou", "sem dar detalhes", "não detalhou", "não especificou",
    "sem especificar",
    "не уточнил", "не уточнила", "не уточнили", "не уточнив", "не стал уточнять", "не пояснил",
    "без подробностей", "не стал комментировать",
    "не пояснив", "без подробиць", "не став коментувати",
    "nie sprecyzował", "nie sprecyzowała", "nie podał szczegółów", "nie podała szczegółów",
    "bez podawania szczegółów", "odmówił komentarza",
    "neupřesnil", "neupřesnila", "bez podrobností", "odmítl komentovat",
    "ayrıntı vermedi", "detay vermedi",
    "gaf geen details", "wilde niet zeggen", "wilde geen commentaar geven",
)

# "may" before a number is the month ("May 5"), sentence-initial or not.
HEDGES: dict[str, tuple[str, ...]] = {
    "en": ("may(?!\\s+\\d)", "might", "appears? to", "appeared to", "seems?", "seemed",
           "perhaps", "possibly", "presumably"),
    "de": ("könnte", "könnten", "dürfte", "dürften", "scheint", "scheinen", "schien",
           "vielleicht", "möglicherweise", "vermutlich"),
    "fr": ("pourrait", "pourraient", "semble", "semblent", "semblait", "paraît", "peut-être"),
    "es": ("podría", "podrían", "parece", "parecen", "parecía", "quizá", "quizás", "tal vez",
           "posiblemente"),
    "it": ("potrebbe", "potrebbero", "sembra", "sembrano", "sembrava", "forse"),
    "pt": ("poderia", "poderiam", "poderá", "poderão", "parece", "parecem", "parecia", "talvez",
           "possivelmente"),
    "ru": ("мог бы", "могла бы", "могли бы", "возможно", "кажется", "похоже", "видимо"),
    "uk": ("міг би", "могла б", "могли б", "можливо", "здається", "схоже", "мабуть"),
    "pl": ("mógłby", "mogłaby", "mogłoby", "mogłyby", "mogliby", "być może", "wydaje się",
           "wydają się", "chyba"),
    "cs": ("mohl by", "mohla by", "mohlo by", "mohly by", "možná", "zdá se"),
    "tr": ("olabilir", "görünüyor", "belki"),
    "nl": ("zou kunnen", "zouden kunnen", "lijkt", "lijken", "misschien"),
}

ATTRIBUTION = (
    "according to", "laut", "zufolge", "nach angaben", "selon", "d'après", "según", "secondo",
    "segundo", "de acordo com", "по данным", "по словам", "за даними", "за словами", "według",
    "zdaniem", "podle", "göre", "volgens",
)

# At the start of a sentence: links and calls to action.
BOILERPLATE_START = (
    "read more", "read also", "see also", "related:", "subscribe", "sign up", "click here",
    "follow us", "weiterlesen", "lesen sie auch", "mehr zum thema", "lire aussi",
    "à lire aussi", "voir aussi", "lea también", "leer más", "ver también", "leggi anche",
    "leia também", "leia mais", "veja também", "читайте также", "читайте також",
    "czytaj także", "czytaj też", "przeczytaj też", "čtěte také", "devamını oku",
    "ayrıca bakınız", "lees ook", "lees meer",
)
# Anywhere in a sentence.
BOILERPLATE = (
    "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
    "todos los derechos reservados", "tutti i diritti riservati", "todos os direitos reservados",
    "все права защищены", "всі права захищені", "wszelkie prawa zastrzeżone",
    "všechna práva vyhrazena", "tüm hakları saklıdır", "alle rechten voorbehouden",
)
# fmt: on
