"""Stage 3, attribution: who claims an event, and what a speech act said.

The article's quotations (``transforms.quotes``) already know who said what, across
sentences ("Wie X mitteilte, ... Demnach ...", reported speech carried on, "X zufolge").
A speech act (a type the type table marks ``speech_act``) takes the speaker of the
quotation it introduces as its actor and its source, and names that quotation. A speech
verb typed as another event ("kritisierte", "forderte") names its quotation too and keeps
its own arguments. Any other event told inside a quotation is that speaker's claim: its
source, even when the speaker is also its actor ("Putin sagte, er werde Kim treffen").

Takes a trigger, its roles and the article context; gives the roles, the source and the
quotation.
"""

from __future__ import annotations

from dataclasses import replace

from transforms.coref.linking import Argument
from transforms.events import scope
from transforms.events.mention import Roles, Trigger
from transforms.quotes.model import REPORTED, Quotation


def attribute(trigger: Trigger, roles: Roles, article
              ) -> tuple[Roles, Argument | None, Quotation | None]:
    quote = article.quote_cues.get(trigger.token.i)
    if trigger.type.speech_act:
        speaker = quote.speaker if quote is not None else None
        if speaker is not None:
            roles = replace(roles, actor1=speaker, fallback=False)
        return roles, roles.actor1, quote
    return roles, _claimed_by(trigger, roles.actor1, article, quote), quote


def _claimed_by(trigger: Trigger, actor: Argument | None, article,
                own: Quotation | None) -> Argument | None:
    """The speaker of the innermost quotation the word is told in (not the one the word
    itself introduces: "Brüssel kritisierte die Pläne" asserts the criticism; nor a
    speech act told as an event, whose circumstance in a PP of time or cause the word is:
    "rief nach den Anschlägen zu Toleranz auf" claims the call, not the attacks; nor a
    speech act told as an event whose speaker does the verb's act too: the article tells
    both, "Oxfam begrüßte die Entscheidung, fordert mehr")."""
    covering = [q for q in article.quotes_covering(trigger.token.i)
                if q.speaker is not None and q is not own]
    if any(q.kind == REPORTED for q in covering):
        background = not trigger.verbal and article.has_parse and \
            scope.attachment(trigger.token, article.syntax).kind in (scope.BACKGROUND,
                                                                     scope.SIMULTANEOUS)
        covering = [q for q in covering if not (q.kind == REPORTED and (
            background or trigger.verbal and _same(actor, q.speaker)))]
    if not covering:
        return None
    return min(covering, key=lambda q: sum(e - s for s, e in q.spans)).speaker


def _same(a: Argument | None, b: Argument) -> bool:
    """Whether two arguments name the same one: the same entity, else the same words."""
    if a is None:
        return False
    if a.entity is not None and b.entity is not None:
        return a.entity.key == b.entity.key
    return (a.start, a.end) == (b.start, b.end)
