"""Extract: annotated rows in; ``entities`` and ``events`` rows (and ``errors`` rows) out.

* ``context``: what every extractor of an article shares, built once: the spaCy Doc
  rebuilt from the annotated row and the article's resolved entities (pure Python);
* ``transform``: ``ExtractArticles``, one Beam step that builds the context and runs
  every extractor on it. Each extractor's rows go to its table's output; an extractor
  that fails on an article gives an ``errors`` row for that article and that
  extractor, and the others still run.

The extractors are plain functions (context -> rows) injected by name, so one can be
replaced or added without touching the Beam step.
"""
