"""The event stages in the order of the data, over one article.

For each sentence: triggers -> arguments -> attribution (speakers, the sentence's
source, quotes) -> location -> time -> modality. Each stage takes what the earlier ones
gave and returns a value; nothing is filled in later. The syntax view is chosen once
per article from its label scheme (or none without a parse).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from transforms.entities.canonical import Entity
from transforms.events import (
    arguments,
    attribution,
    location,
    modality,
    timex,
    triggers,
)
from transforms.events.lexicon import Lexicon
from transforms.events.linking import Linker
from transforms.events.mention import EventMention, tokens_of
from transforms.extract.deadline import check as check_deadline
from transforms.nlp.syntax import for_doc


def events(doc: Doc, entities: list[Entity], lexicon: Lexicon, scheme: str | None,
           has_parse: bool) -> list[EventMention]:
    linker = Linker(doc, entities, for_doc(scheme, has_parse))
    out = []
    for index, sent in enumerate(doc.sents):
        check_deadline()
        found = triggers.find(sent, linker, lexicon)
        if not found:
            continue
        speakers = attribution.speakers(found, sent, linker)
        sentence_source = attribution.sentence_source(sent, found, speakers, linker)
        times = timex.find(sent.text, sent.start_char)
        for trigger in found:
            check_deadline()  # one sentence can hold thousands of triggers
            roles = arguments.find(trigger, sent, linker, has_parse)
            quote = None
            if trigger.type.speech_act:
                speaker = speakers[trigger.token.i]
                if speaker is not None:
                    roles = replace(roles, actor1=speaker, fallback=False)
                quote = attribution.quote(trigger, sent, linker)
                source = roles.actor1
            elif sentence_source is not None and not attribution.is_actor(sentence_source,
                                                                          roles.actor1):
                source = sentence_source
            else:
                source = None
            place = location.find(trigger, sent, tokens_of(roles.actor1, roles.actor2, source),
                                  linker)
            out.append(EventMention(
                trigger=trigger, roles=roles, source=source, quote=quote, location=place,
                time=timex.nearest(times, trigger.token.idx),
                modality=modality.find(trigger, source, linker, has_parse),
                sentence=sent, sentence_index=index))
    return out
