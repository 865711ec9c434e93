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
