"""Entities: an article's Doc in; its canonical entities and ``entities`` rows out.

* ``canonical``: mentions of one thing in one article resolved to one canonical name
  and one label ("Putins" -> "Wladimir Putin", "Russlands" -> "Russland");
* ``rows``: one ``entities`` row per canonical entity.

Pure Python and spaCy, no Beam: the Beam step that runs it is ``transforms.extract``.
"""
