"""Who: an event's argument and its article in; the actor's country (ISO 3166-1
alpha-3), type and identity out. Beam-free.

What the text says, in this order:

1. the entity's own attributes, found at any of its mentions in the article: a country
   adjective or a country's genitive before a role noun before the name ("der
   russische Präsident Wladimir Putin", "Nordkoreas Machthaber Kim Jong Un"), so every
   other mention ("Putin") carries them too;
2. the argument's own words: a country adjective with a role noun ("südkoreanisches
   Militär"), a place's or organisation's name as the first part of a compound
   ("Kreml-Sprecher"), a role noun alone for the type ("die Polizei");
3. the entity itself: an organisation of ``lang/de/actors.tsv`` ("KCNA": PRK, media), a
   place (a country or city acting: "Russland", "Washington" give their country).

The types (CAMEO's role codes, in words) are those of ``actors.tsv``: government,
military, police, judiciary, party, media, business, igo, ngo, rebels, religious,
education, sports, civilians.
"""

from transforms.who.actors import Actors, describe

__all__ = ["Actors", "describe"]
