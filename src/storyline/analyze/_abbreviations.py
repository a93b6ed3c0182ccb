"""Abbreviations that end in a period but do not end a sentence, per language.

Two kinds, written lower-case without the final period:

* ``BEFORE_NAME`` — titles and prefixes that always have something after them ("Dr. Müller",
  "Nr. 5", "ul. Marszałkowska"); a period after them never ends a sentence.
* ``MAY_END`` — abbreviations that often close a sentence too ("etc.", "usw.", "2021 r.",
  "в 2003 г."); they end one only when a capitalised word follows and the sentence so far has
  a few words (so "В 2003 г. Верховный суд…" stays whole).

Single letters ("J. Smith", "z. B.", "т. е.") and dotted acronyms ("U.S.") are handled by rule in
sentences.py, so they are not listed. ``ORDINAL_LANGS`` write ordinals with a period ("2. April",
"14. bis 19. Mai"); ``ORDINAL_CUES`` are the words after which such a number is an ordinal.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


COMMON_BEFORE_NAME = _words("dr prof vs ca cca")

BEFORE_NAME: dict[str, frozenset[str]] = {
    "en": _words(
        "mr mrs ms messrs mmes dr prof st gen lt col sgt capt cpt maj adm cmdr gov sen rep rev "
        "hon pres supt insp mt ft fig vol approx dept est pp"
    ),
    "de": _words(
        "hr hrn fr frl dr prof st nr bzw ca vgl ggf evtl sog abs art bd dipl ing inkl mio mrd "
        "tel ff gem gez jh jhd kap lt mind phil vorm zzgl bspw insb allg sen hl"
    ),
    "fr": _words("m mm mme mmes mlle mlles dr pr me st ste av bd cf env éd vol ex gén col lt mgr"),
    "es": _words(
        "sr sra srta sres dr dra dña lic ing arq prof gral gob pdte av avda pág núm art vol "
        "ud uds vd vds ee uu aa dto sto sta"
    ),
    "it": _words("sig sigg dott dr prof ing avv arch on sen gen col magg cap ten art pag"),
    "pt": _words("sr sra srta dr dra prof eng av arq gen cel cap ten pág art sto sta exmo exma"),
    "ru": _words("тов проф акад им ул пр просп кв корп стр см рис ст ген гр пос обл св"),
    "uk": _words("ст вул просп проф акад ім зв пп див обл пор напр ген гр св"),
    "pl": _words(
        "dr prof mgr inż hab płk gen ks ul al pl os nr tel tj np tzw ok ds im św wg godz pkt "
        "ust art zob por tzn ww jw ppłk mjr kpt red mł bryg asp kom nadkom podkom insp "
        "nadinsp sierż szer kpr ppor kmdr kadm"
    ),
    "tr": _words("dr prof doç yrd av sn müh dt st no sok cad mah apt bkz örn"),
    "nl": _words("dhr mevr mw dr prof mr ir ing drs st nr bijv bv blz ca jl resp vgl zgn"),
    "cs": _words(
        "např tzv tj mj resp př str čj ing mgr bc phdr judr mudr rndr doc prof dr gen plk pplk "
        "mjr kpt ul nám tel pozn viz srov sv"
    ),
}

MAY_END: dict[str, frozenset[str]] = {
    "en": _words(
        "etc inc ltd co corp jr sr bros no jan feb apr jun jul aug sep sept oct nov dec "
        "mon tue tues wed thu thur thurs fri sat sun"
    ),
    "de": _words("usw etc jan feb mär apr jun jul aug sep sept okt nov dez chr str"),
    "fr": _words("etc janv févr avr juil sept oct nov déc cie"),
    "es": _words("etc ene feb abr jun jul ago sep sept oct nov dic cía"),
    "it": _words("ecc etc"),
    "pt": _words("etc jan fev abr jun jul ago set out nov dez"),
    "ru": _words("г гг др тыс млн млрд руб коп долл янв февр апр авг сент окт нояб дек"),
    "uk": _words("р рр тис млн млрд грн дол тощо"),
    "pl": _words("r itd itp tys mln mld zł gr wsp sty lut kwi cze lip sie wrz paź lis gru br"),
    "tr": _words("vb vs vd ltd şti oca şub nis haz tem ağu eyl eki kas ara"),
    "nl": _words("enz etc jan feb mrt apr jun jul aug sep sept okt nov dec"),
    "cs": _words("atd apod aj r tis mil mld kč"),
}

# Two-token abbreviations whose last letter would otherwise count as an initial: "и т. д."
MAY_END_PAIRS: dict[str, frozenset[str]] = {
    "ru": frozenset({"т. д", "т. п", "т.д", "т.п"}),
    "uk": frozenset({"т. д", "т. ін", "т.д"}),
    "pl": frozenset({"i in"}),
}

ORDINAL_LANGS = _words("de pl cs sk sl hr sr bs hu fi da no nb nn et lv lt is tr")

ORDINAL_CUES: dict[str, frozenset[str]] = {
    "de": _words(
        "am vom zum bis im der die das den dem des zur ab seit beim ins ans und bzw oder "
        "zwischen jeden jedem ihr ihrem sein seinem zu"
    ),
    "pl": _words("w we do od z na i lub"),
    "cs": _words("v ve do od z na a nebo k"),
    "tr": frozenset(),
}
