"""Read: article files in; ``articles`` rows, ``errors`` rows and ``ledger`` rows out.

* ``listing``: what a run's ``--input`` matches, local or gs:// (Beam's filesystems);
* ``feed``: the feed file format, bytes to one canonical article or one reason code
  (pure Python: the policy for malformed files lives there and nowhere else);
* ``rows``: the ``articles`` and ``ledger`` rows of a parsed or rejected file;
* ``transform``: ``ReadArticles`` (a batch run's listed files) and ``ParseFiles`` (any
  PCollection of files, batch or streaming), one ``ledger`` row per file;
* ``stream_sources``: where a streaming run's files come from.
"""
