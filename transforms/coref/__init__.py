"""Coreference: pronouns and role nouns in; the entity they refer to out.

A small rule-based resolver, shared by the event arguments and the quotation speakers:
"er", "sie" (singular) and definite role nouns ("der Präsident", "das Unternehmen",
"die Stadt") link to the nearest compatible antecedent among the article's entity
mentions before them: compatible in label (a person noun wants a person), gender and
number (from the morphology: "die Kanzlerin" is no antecedent for "er"). A role noun
prefers the entity the article introduced with that very noun ("Präsident Wladimir
Putin" ... "der Präsident"). Subjects are more salient than other mentions; nearer
sentences win over farther ones. What cannot be resolved stays unresolved: a wrong
antecedent is worse than none.

Pure Python and spaCy, no Beam. The word lists are language data (``coref_*`` and
``referring_pronouns`` in ``lang/de/words.tsv``, ``pronoun_features`` in ``maps.tsv``).
"""

from transforms.coref.resolver import Coreference

__all__ = ["Coreference"]
