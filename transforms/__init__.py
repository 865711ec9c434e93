"""newsbeam's steps, one package per stage, in the order of the data:

    read  ->  nlp  ->  extract (entities ∥ events)  ->  write

* ``read``: article files -> ``articles``, ``errors`` and ``ledger`` rows;
* ``nlp``: ``articles`` rows -> annotated rows (one spaCy pass per article);
* ``extract``: annotated rows -> one context per article -> every extractor on it:
  ``entities`` and ``events`` (pure Python packages) -> their rows;
* ``write``: rows -> Parquet under the run's staging folder;
* ``lang/de``: every German word list, morphology rule, label scheme and the time
  grammar, as data.

``errors`` builds the ``errors`` rows every stage routes failures to; ``provenance``
the run id and version columns. Only the ``transform`` / ``handler`` / ``listing`` /
``stream_sources`` / ``parquet`` modules import Beam.
"""
