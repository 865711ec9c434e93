"""German linguistics in one place: cue words, name patterns and dependency label schemes.

Everything language-specific that the extractors and the rule-based pipeline rely on
lives here, so that adapting newsbeam to another model or a new label scheme means
reading one module. Lexical data too large to be code (the event trigger lexicon, the
gazetteer additions) lives in ``transforms/data/``.
"""

from __future__ import annotations

import re

# --- names in news text -------------------------------------------------------------

# Role nouns that introduce a person's name ("Präsident Wladimir Putin",
# "Kreml-Sprecher Dmitri Peskow", "Verteidigungsminister Schoigu"). Matched as the end
# of the (lower-cased) token, so compounds are covered.
PERSON_TITLE_SUFFIX = re.compile(
    r"(?:präsident|präsidentin|kanzler|kanzlerin|minister|ministerin|machthaber|"
    r"machthaberin|staatschef|staatschefin|regierungschef|regierungschefin|"
    r"parteichef|parteichefin|sprecher|sprecherin|professor|professorin|rektor|"
    r"rektorin|direktor|direktorin|bürgermeister|bürgermeisterin|senator|senatorin|"
    r"abgeordnete|abgeordneter|general|generalin|botschafter|botschafterin|"
    r"vorsitzende|vorsitzender|könig|königin|papst|premier|premierministerin|"
    r"diktator|oppositionsführer|oppositionsführerin|anführer|anführerin|herr|frau)"
    r"(?:en|n|s)?$"  # inflected: "dem Präsidenten Wladimir Putin", "des Kanzlers"
)

# Nouns that introduce an organisation's name ("Nachrichtenagentur RIA Nowosti").
ORGANISATION_INTRODUCER = re.compile(r"(?:nachrichtenagentur|presseagentur|agentur)$")

# "<Org>-Sprecher": the part before the hyphen is an organisation ("Kreml-Sprecher").
SPOKESPERSON_NOUN = re.compile(r"^(?:sprecher|sprecherin)$")

# A token that can be part of a personal or organisation name: capitalised (or an
# acronym), letters with optional inner hyphens or apostrophes ("Moo-jin", "O'Neill").
NAME_TOKEN = re.compile(r"^(?:[A-ZÄÖÜ][a-zäöüßàáâãçèéêëìíîïñòóôõùúûýćčđęłńőřśšźżž]+"
                        r"(?:[-'][A-Za-zäöüß]+)*|[A-ZÄÖÜ]{2,6})$")

# Capitalised words that end like abstract nouns are not names, whatever precedes them
# ("Präsident Regierung" is not a person).
COMMON_NOUN_SUFFIX = re.compile(
    r"(?:ung|heit|keit|schaft|tion|sion|tät|ismus|ium|ment|nis|tum|ling|ei|ik|ur)$")

WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag",
            "Sonnabend", "Sonntag")
MONTHS = ("Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
          "September", "Oktober", "November", "Dezember")

# Capitalised tokens that never start or continue a name after a title.
NOT_NAME_WORDS = frozenset({
    *WEEKDAYS, *MONTHS, "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen",
    "Einem", "Einer", "Im", "Am", "Um", "Zum", "Zur", "Beim", "Vom", "Auch", "Aber",
    "Und", "Oder", "Sie", "Er", "Es", "Wir", "Ihr", "Ich", "Dies", "Diese", "Dieser",
    "Nach", "Laut", "Wie", "Als", "Bei", "Mit", "Von", "Für", "Ende", "Anfang", "Mitte",
})

# Place names in gazetteers that are far more often common German words in news text;
# the gazetteer never tags these.
GAZETTEER_EXCLUDE = frozenset({
    "Essen", "Halle", "Hof", "Mark", "Bergen", "Union", "Weil", "Wetter", "Zug", "Stand",
    "Leer", "Rain", "Laufen", "Kali", "Mission", "Victoria",
    "Ende", "Bad", "Grund", "Brand", "Mainburg", "Berg", "Burg", "Dorf", "Stadt", "See",
    "Lage", "Nord", "Süd", "Ost", "West", "Mitte", "Kurz", "Lange", "Wolf", "Bock",
    "Reading", "Split", "Nice", "Mobile", "Orange", "Vista", "Chance", "Marathon",
    "Santa", "Center", "Villa", "Mode", "Kirche", "Sport", "Parade", "Energie",
})

# Articles: a capitalised word after one is a noun phrase, not a person's name.
ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen",
                      "einem", "einer", "eines"})

# Genitive -s is stripped from a name when the bare form is known ("Putins" -> "Putin").
GENITIVE_SUFFIXES = ("s", "'")


# --- dependency label schemes --------------------------------------------------------
# The official spaCy German models parse with TIGER labels, models trained on UD German
# with Universal Dependencies labels. Both map onto one small set of roles that the
# event extractor reads; the structural difference that matters (in TIGER the finite
# auxiliary heads the clause and a PP is headed by its preposition, in UD the content
# word heads both) is handled in transforms/syntax.py.

SUBJ, PASS_SUBJ, OBJ, DAT, AGENT = "subj", "pass_subj", "obj", "dat", "agent"
OBL, NMOD, GEN, NEG, PARTICLE = "obl", "nmod", "gen", "neg", "particle"
AUX, AUX_PASS, CONJ, CC, MARK = "aux", "aux_pass", "conj", "cc", "mark"
CLAUSE, APPOS, FLAT, CASE, DET, ADV, RELCL = (
    "clause", "appos", "flat", "case", "det", "adv", "relcl")

UD_ROLES = {
    "nsubj": SUBJ, "csubj": SUBJ, "nsubj:pass": PASS_SUBJ, "csubj:pass": PASS_SUBJ,
    "obj": OBJ, "iobj": DAT, "obl:agent": AGENT, "obl": OBL, "obl:arg": OBL,
    "obl:tmod": OBL, "nmod": NMOD, "nmod:poss": GEN, "compound:prt": PARTICLE,
    "aux": AUX, "aux:pass": AUX_PASS, "cop": AUX, "conj": CONJ, "cc": CC, "mark": MARK,
    "ccomp": CLAUSE, "xcomp": CLAUSE, "parataxis": CLAUSE, "advcl": CLAUSE,
    "appos": APPOS, "flat": FLAT, "flat:name": FLAT, "case": CASE, "det": DET,
    "advmod": ADV, "acl": RELCL, "acl:relcl": RELCL,
}
TIGER_ROLES = {
    "sb": SUBJ, "oa": OBJ, "da": DAT, "sbp": AGENT, "mo": OBL, "op": OBL, "mnr": NMOD,
    "pg": NMOD, "ag": GEN, "ng": NEG, "svp": PARTICLE, "cj": CONJ, "cd": CC, "cp": MARK,
    "oc": CLAUSE, "par": CLAUSE, "app": APPOS, "pnc": FLAT, "ac": CASE, "nk": DET,
    "rc": RELCL,
}

# --- verbs and their company -----------------------------------------------------------

AUXILIARIES = frozenset({"haben", "sein", "werden"})
MODALS = frozenset({"können", "dürfen", "müssen", "sollen", "wollen", "mögen", "möchten"})
# Subjunctive of these is a hedge ("könnte", "dürfte", "müsste"), not reported speech.
SPECULATIVE_MODALS = frozenset({"können", "dürfen", "müssen", "mögen"})
REPORTED_MODALS = frozenset({"sollen"})  # "soll ... haben": hearsay
PLANNING_MODALS = frozenset({"wollen", "möchten"})
PLANNING_VERBS = frozenset({"planen", "beabsichtigen", "vorhaben", "ankündigen",
                            "vorbereiten", "erwägen", "anstreben", "vereinbaren"})

# Separable verb particles (STTS PTKVZ): "feuerte ... ab" -> "abfeuern".
PARTICLE_TAG = "PTKVZ"
# The same particles as prefixes; the participle puts "ge" after them ("abgefeuert",
# "festgenommen", "zurückgezogen").
SEPARABLE_PREFIXES = ("zurück", "bekannt", "statt", "fest", "fort", "teil", "nach", "weg",
                      "auf", "aus", "bei", "ein", "mit", "vor", "los", "her", "hin", "dar",
                      "ab", "an", "zu")

# Modal forms, for lemmatizers that miss them ("will" -> wollen).
MODAL_FORMS = {
    **{f: "wollen" for f in ("will", "willst", "wollen", "wollt", "wollte", "wollten",
                             "wolle", "wollest")},
    **{f: "möchten" for f in ("möchte", "möchten", "möchtest")},
    **{f: "können" for f in ("kann", "kannst", "können", "könnt", "konnte", "konnten",
                             "könnte", "könnten", "könne")},
    **{f: "dürfen" for f in ("darf", "dürfen", "durfte", "durften", "dürfte", "dürften",
                             "dürfe")},
    **{f: "müssen" for f in ("muss", "müssen", "musste", "mussten", "müsste", "müssten",
                             "müsse")},
    **{f: "sollen" for f in ("soll", "sollen", "sollte", "sollten", "solle")},
    **{f: "werden" for f in ("wird", "werden", "werde", "wirst", "würde", "würden")},
}

# Contracted prepositions, as the tokenizer leaves them.
CONTRACTIONS = {"im": "in", "ins": "in", "am": "an", "ans": "an", "zum": "zu", "zur": "zu",
                "beim": "bei", "vom": "von", "aufs": "auf", "übers": "über", "durchs": "durch"}

# --- factuality cues --------------------------------------------------------------------

NEGATORS = frozenset({"nicht", "nie", "niemals", "keineswegs", "nirgends"})
NEGATIVE_DETERMINERS = frozenset({"kein", "keine", "keinen", "keinem", "keiner", "keines"})
CONDITIONAL_MARKERS = frozenset({"falls", "wenn", "sofern", "sollte", "sollten"})
HEDGES = frozenset({"vermutlich", "womöglich", "möglicherweise", "wahrscheinlich",
                    "eventuell", "vielleicht", "mutmaßlich", "offenbar", "anscheinend",
                    "voraussichtlich", "denkbar", "möglich", "mögliche", "möglichen",
                    "möglicher", "mögliches"})
HEARSAY = frozenset({"angeblich", "offiziell", "demnach"})
PLANNING_WORDS = frozenset({"geplant", "geplante", "geplanten", "geplanter", "geplantes",
                            "demnächst", "künftig", "bald", "planen", "plant", "planten",
                            "pläne", "plan", "vorgesehen", "angekündigt", "angekündigte"})

# --- attribution cues --------------------------------------------------------------------

# "X zufolge", "laut X", "nach Angaben von X", "nach südkoreanischen Angaben".
SOURCE_POSTPOSITIONS = frozenset({"zufolge"})
SOURCE_PREPOSITIONS = frozenset({"laut", "gemäß"})
SOURCE_NOUNS = frozenset({"angaben", "angabe", "informationen", "berichten", "bericht",
                          "darstellung", "einschätzung", "erkenntnissen", "aussagen",
                          "schätzungen", "worten", "meldungen"})
# Speech and report verbs: their subject is who claims what the clause says, and with a
# quote or a clause they are STATEMENT events themselves.
SPEECH_VERBS = frozenset({
    "sagen", "erklären", "mitteilen", "berichten", "melden", "betonen", "verkünden",
    "ergänzen", "äußern", "bestätigen", "bekanntgeben", "behaupten", "ankündigen",
    "versichern", "unterstreichen", "hinzufügen", "schreiben", "meinen", "erinnern",
    "dementieren", "zitieren",
})
QUOTE_PAIRS = (("„", "“"), ("»", "«"), ("«", "»"), ('"', '"'), ("‚", "‘"))
INDIRECT_MARKERS = frozenset({"dass", "ob"})

# --- time ---------------------------------------------------------------------------------

MONTH_NUMBERS = {name.lower(): i + 1 for i, name in enumerate(
    ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
     "Oktober", "November", "Dezember"))}
MONTH_NUMBERS["jänner"] = 1
WEEKDAY_NUMBERS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3,
                   "freitag": 4, "samstag": 5, "sonnabend": 5, "sonntag": 6}
RELATIVE_DAYS = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1}
