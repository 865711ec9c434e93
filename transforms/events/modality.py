"""Stage 6, modality: how certain the text is that the event happened.

The first that applies: negated > conditional > generic > planned > speculative >
reported > asserted (the gold's order, ``eval/gold/GUIDELINES.md``). Read from the verb
group (modals and their mood, future "werden"), negation on the verb group or a core
argument ("nicht nur" is none), "falls"/"wenn" clauses, questions, quantifiers over
every case and habitual adverbs, planning and demanding verbs and words, hedges, hearsay
words and attribution. A speech act's modality is that of the act (what
was said may be a plan; that it was said is asserted).

Takes a trigger, its source and the syntax view; gives the modality.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coref.linking import Argument, Linker
from transforms.events.mention import Trigger
from transforms.events.tokens import is_verb
from transforms.lang import de
from transforms.nlp.syntax import DAT, MARK, NEG, OBJ, PASS_SUBJ, SUBJ, verb_lemma

_ARGUMENTS = (OBJ, SUBJ, PASS_SUBJ, DAT)
_PLANNING_STEMS = {de.verb_stem(v) for v in de.PLANNING_VERBS}


def find(trigger: Trigger, source: Argument | None, linker: Linker, has_parse: bool) -> str:
    s, token = linker.syntax, trigger.token
    if trigger.verbal:
        group = s.verb_group(token)
    else:
        verb = s.clause_verb(token) if has_parse else None
        group = s.verb_group(verb) if verb is not None else []
    scope = [token, *group]
    near = [c for h in scope for c in h.children] + scope
    if not has_parse:
        near = list(linker.doc[max(token.sent.start, token.i - 5):
                               min(token.sent.end, token.i + 4)])
    # Cue words count as modifiers, not as arguments ("kritisierte die Pläne")
    lowers = {t.lower_ for t in near if s.role(t) not in _ARGUMENTS}
    lemmas = {verb_lemma(t) for t in group}

    negated = any((s.role(t) == NEG or t.lower_ in de.NEGATORS) and not _undone(t)
                  for t in near if t.head in scope or not has_parse)
    negated |= any(t.lower_ in de.NEGATIVE_DETERMINERS for t in near)
    # "keine Waffen wurden geliefert", "kein Land hat ... geliefert"
    core = s.dependents(group or [token], OBJ, SUBJ, PASS_SUBJ) if has_parse else []
    negated |= any(c.lower_ in de.NEGATIVE_DETERMINERS for o in core for c in o.children)
    if negated:
        return "negated"
    markers = {c.lower_ for h in scope for c in h.children if s.role(c) == MARK}
    if markers & de.CONDITIONAL_MARKERS or _in_conditional(token, linker):
        return "conditional"
    speech_act = trigger.type.speech_act
    if not speech_act and _generic(token, near, core, linker):
        return "generic"  # that somebody spoke is one real event, whatever was said
    planned = bool(lemmas & de.PLANNING_MODALS) or bool(lowers & de.PLANNING_WORDS)
    planned |= any(_planning_verb(t) for t in [token.head, *group]
                   if t.i != token.i or not is_verb(token))
    planned |= _future(group, token)
    if planned and not speech_act:
        return "planned"
    subjunctive = [t for t in group if "Sub" in t.morph.get("Mood")]
    if any(verb_lemma(t) in de.SPECULATIVE_MODALS for t in subjunctive) or \
            lowers & de.HEDGES:
        return "speculative"
    if speech_act:
        return "asserted"
    if subjunctive or lemmas & de.REPORTED_MODALS or lowers & de.HEARSAY:
        return "reported"
    if source is not None:
        return "reported"
    return "asserted"


def _undone(negator: Token) -> bool:
    """"nicht nur ... sondern auch": no negation."""
    following = negator.nbor(1) if negator.i + 1 < len(negator.doc) else None
    return following is not None and following.lower_ in de.NEGATION_BREAKERS


def _generic(token: Token, near: list[Token], core: list[Token], linker: Linker) -> bool:
    """Not one real event: asked about, said of every case, or habitual."""
    sent = token.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in "\"“”»«'"),
                None)
    if last is not None and last.text in de.QUESTION_MARKS:
        return True
    # "jede Demonstration ist verboten", "jeder Angriff": the event itself or its doer
    # quantified (not what it is done to: "lehnen jede Gewalt ab" is one rejection)
    quantified = [token, *(c for c in core if linker.syntax.role(c) == SUBJ)]
    if any(c.lower_ in de.GENERIC_DETERMINERS for q in quantified for c in q.children):
        return True
    return any(t.lower_ in de.HABITUAL_ADVERBS for t in near)


def _in_conditional(token: Token, linker: Linker) -> bool:
    """Inside a clause opened by "falls"/"wenn" (the words before it up to the last
    comma)."""
    for t in reversed(linker.doc[token.sent.start:token.i]):
        if t.text in ",;":
            return False
        if t.lower_ in de.CONDITIONAL_CONJUNCTIONS:
            return True
    return False


def _planning_verb(token: Token) -> bool:
    for word in (token.lemma_.lower(), token.lower_):
        if word in de.PLANNING_VERBS or any(word.startswith(stem) and len(word) - len(stem) <= 3
                                            for stem in _PLANNING_STEMS):
            return True
    return False


def _future(group: list[Token], trigger: Token) -> bool:
    """"werden" + infinitive in the indicative (or Konjunktiv I "werde" in indirect
    speech): a plan or announcement, not a fact."""
    return is_verb(trigger) and "Inf" in trigger.morph.get("VerbForm") and any(
        verb_lemma(t) == "werden" and t.i != trigger.i for t in group)
