"""NLP: ``articles`` rows in; annotated rows (schema ``ANNOTATED``) and ``errors`` rows out.

One spaCy pass per article, whatever extractors run after it:

* ``model``: which pipeline runs (``--model``, ``NEWSBEAM_MODEL``, the best installed
  German package, else the rule-based one), how it is prepared, its ``name==version``;
* ``handler``: the ``ModelHandler`` for Beam's ``RunInference`` and ``AnnotateArticles``;
* ``annotated``: a ``Doc`` to a plain annotated row and back (only plain rows cross a
  transform);
* ``syntax``: a label-scheme-neutral view of the parse (TIGER, UD, or none) that the
  extractors ask for roles;
* ``gazetteer``, ``news_patterns``, ``rule_pipeline``: newsbeam's own spaCy
  components, added after every model's NER, and the pipeline used without a model.

Everything but ``handler`` is pure spaCy, no Beam.
"""
