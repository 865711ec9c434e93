"""Quotes: an article's context in; its quotations (who said what) and ``quotes`` rows out.

The steps, in the order of the data (``find.quotations`` runs them):

1. ``marks``: quotation marks in each paragraph, balanced and nested, across sentences;
2. ``cues``: what introduces a quotation: speech verbs and nouns from the language's one
   list of speech cues (``lang/de/speech_cues.tsv``, shared with the event lexicon), and
   attribution phrases ("laut X", "X zufolge", "nach Angaben von X", "so X", "heißt es",
   "demnach", a name and a colon);
3. ``content``: what a cue introduces: a direct quote next to it, a dass/ob clause, a bare
   clause after "sagte,", the clause before ", sagte X", the main clause after "Wie X
   mitteilte,", the rest of a sentence an attribution phrase stands in;
4. ``speakers``: who speaks: the cue's subject or the attribution's noun phrase, a name in
   apposition preferred, a pronoun or role noun resolved through coreference; never a
   date, a place in a PP or a word of the quote;
5. ``continuation``: reported speech carried on over the next sentences (Konjunktiv I,
   "soll"-hearsay) keeps its speaker;
6. ``rows``: one ``quotes`` row per quotation.

``model`` holds what the steps hand each other. Pure Python and spaCy, no Beam: the Beam
step that runs it is ``transforms.extract``, and the events of an article read the same
quotations (a speech event names its quote; an event told inside a quotation is claimed by
its speaker).
"""
