"""The event stages in the order of the data, over one article.

For each sentence: triggers (with their senses) -> arguments -> attribution (the
article's quotations: speech acts, claims) -> location -> time -> modality. Each stage
takes what the earlier ones gave and returns a value; nothing is filled in later.
"""

from __future__ import annotations

from transforms.events import (
    arguments,
    attribution,
    location,
    modality,
    timex,
    triggers,
)
from transforms.events.mention import EventMention, tokens_of
from transforms.extract.deadline import check as check_deadline


def events(article) -> list[EventMention]:
    out = []
    for index, sent in enumerate(article.doc.sents):
        check_deadline()
        found = triggers.find(sent, article)
        if not found:
            continue
        times = timex.find(sent.text, sent.start_char)
        for trigger in found:
            check_deadline()  # one sentence can hold thousands of triggers
            roles = arguments.find(trigger, sent, article)
            if roles is None:
                continue  # a sense that needs a doer the sentence does not name
            roles, source, quote = attribution.attribute(trigger, roles, article)
            place = location.find(trigger, sent, tokens_of(roles.actor1, roles.actor2, source),
                                  article.linker)
            out.append(EventMention(
                trigger=trigger, roles=roles, source=source, quote=quote, location=place,
                time=timex.nearest(times, trigger.token.idx),
                modality=modality.find(trigger, source, article.linker, article.has_parse),
                sentence=sent, sentence_index=index))
    return out
