"""Events: an article's Doc and entities in; ``events`` rows out.

The stages, in the order of the data (``extract.events`` runs them):

1. ``triggers``: lexicon words that name an event (``lexicon``: the trigger lexicon,
   language data; ``types``: what each event type does, ``event_types.tsv``);
2. ``arguments``: actor1 and actor2, linked to entities (``linking``);
3. ``attribution``: speakers, the sentence's source, quotes;
4. ``location``;
5. ``timex``: time expressions resolved against the article date;
6. ``modality``;
7. ``rows``: ``events`` rows.

``mention`` holds what the stages hand each other. Pure Python and spaCy, no Beam: the
Beam step that runs it is ``transforms.extract``.
"""
