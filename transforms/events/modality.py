"""Stage 6, modality: how certain the text is that the event happened.

The first that applies: negated > conditional > generic > planned > speculative >
reported > asserted (the gold's order, ``eval/gold/GUIDELINES.md``). Read from the verb
group (modals and their mood, future "werden"), negation on the verb group or a core
argument ("nicht nur" is none), "falls"/"wenn" clauses, questions, quantifiers over
every case and habitual adverbs, planning and demanding verbs and words, hedges, hearsay
words and attribution. A speech act's modality is that of the act (what was said may be a
plan; that it was said is asserted).

Scope: a verb's cues are those of its own group and its dependents, and a planning verb
governs only the verb it takes as complement ("begrüßte ..., fordert aber" is no plan of
the welcome). A nominal trigger shares its clause's cues only as an argument of the
clause's verb (``scope``): in a PP of time or cause it is presupposed ("Nach den
Anschlägen haben die Ermittler keine Gewissheit" negates nothing of the attacks), in one
of the same time it shares the clause's plan and hedge, not its negation ("bei ihrem
Gespräch wollen sie ... sprechen": planned), inside
another noun phrase it takes what that noun says ("Verhandlungen über die Freilassung":
planned; "Debatte über die Abschiebung": generic) and its clause's hedge (it is part of
what is hedged), and, a crime named as the charge of an
investigation, is alleged ("ermitteln wegen Mordes": speculative). "sollen" is hearsay
with a perfect infinitive ("soll ... getötet haben") and a plan without one ("soll ...
abgeschoben werden"); "werden" with a participle is a passive, not a future.

Takes a trigger, its source and the syntax view; gives the modality.
"""

from __future__ import annotations

from spacy.tokens import Token

from transforms.coref.linking import Argument, Linker
from transforms.events import scope
from transforms.events.mention import Trigger
from transforms.lang import de
from transforms.nlp.syntax import CLAUSE, DAT, MARK, NEG, OBJ, PASS_SUBJ, SUBJ, verb_lemma

_ARGUMENTS = (OBJ, SUBJ, PASS_SUBJ, DAT)
_PLANNING_STEMS = {de.verb_stem(v) for v in de.PLANNING_VERBS}
_PARTICIPLE = de.TAGS["participle"]
_PLANNING_NOUNS = tuple(de.words("planning_nouns"))
_GENERIC_NOUNS = tuple(de.words("generic_nouns"))
_ALLEGATIONS = tuple(de.words("allegation_words"))
_ALLEGATION_PREPOSITIONS = de.words("allegation_prepositions")
_SPECULATION_VERBS = de.words("speculation_verbs")
_SPECULATION_STEMS = tuple(_SPECULATION_VERBS)  # "legen ... einen Angriff nahe"
_PERFECT_AUXILIARIES = de.words("perfect_auxiliaries")
_NEGATING_PREPOSITIONS = de.words("negating_prepositions")  # "ohne Anklage"
_FUTURE_AUXILIARIES = de.words("future_auxiliaries")
_KONJUNKTIV_II = tuple(de.words("konjunktiv_ii_endings"))  # "könnte"; "könne" is reported


def find(trigger: Trigger, source: Argument | None, linker: Linker, has_parse: bool) -> str:
    s, token = linker.syntax, trigger.token
    attached = None
    group = clause = s.verb_group(token) if trigger.verbal else []
    if trigger.verbal and has_parse:
        group = clause = group + _governing_group(token, s)
    if not trigger.verbal and has_parse:
        attached = scope.attachment(token, s)
        verb = attached.governor if attached.kind != scope.NESTED else s.clause_verb(token)
        clause = s.verb_group(verb) if verb is not None else []
        # presupposed in a PP of time or cause, on its own inside another noun phrase
        group = clause if attached.kind in (scope.CORE, scope.SIMULTANEOUS) else []
    scoped = [token, *group]
    near = [c for h in scoped for c in h.children] + scoped
    negation_scope = scoped if attached is None or attached.kind == scope.CORE else [token]
    if not has_parse:
        near = list(linker.doc[max(token.sent.start, token.i - 5):
                               min(token.sent.end, token.i + 4)])
    # Cue words count as modifiers, not as arguments ("kritisierte die Pläne")
    lowers = {t.lower_ for t in near if s.role(t) not in _ARGUMENTS}
    lemmas = {verb_lemma(t) for t in group}

    negatable = [c for h in negation_scope for c in h.children] + negation_scope \
        if has_parse else near
    negated = any((s.role(t) == NEG or t.lower_ in de.NEGATORS) and not _undone(t)
                  for t in negatable if t.head in negation_scope or not has_parse)
    negated |= any(t.lower_ in de.NEGATIVE_DETERMINERS for t in negatable)
    # "keine Waffen wurden geliefert", "kein Land hat ... geliefert"
    core = s.dependents(group or [token], OBJ, SUBJ, PASS_SUBJ) if has_parse else []
    negated |= negation_scope is scoped and any(
        c.lower_ in de.NEGATIVE_DETERMINERS for o in core for c in o.children)
    negated |= attached is not None and attached.preposition in _NEGATING_PREPOSITIONS
    if negated:
        return "negated"
    markers = {c.lower_ for h in scoped for c in h.children if s.role(c) == MARK}
    if markers & de.CONDITIONAL_MARKERS or (attached is None or attached.kind != scope.BACKGROUND) \
            and _in_conditional(token, linker):
        return "conditional"
    speech_act = trigger.type.speech_act
    governors = scope.governing_words(token, attached) if attached is not None else []
    if not speech_act and (_generic(token, near, core, linker)
                           or any(g.endswith(_GENERIC_NOUNS) for g in governors)):
        return "generic"  # that somebody spoke is one real event, whatever was said
    planned = bool(lemmas & de.PLANNING_MODALS) or bool(lowers & de.PLANNING_WORDS)
    planned |= any(_planning_verb(t) for t in _governors(trigger, group, attached, s))
    planned |= _future(group, trigger) or _intended(group, trigger)
    planned |= attached is not None and attached.kind != scope.BACKGROUND and \
        any(g.endswith(_PLANNING_NOUNS) for g in governors)
    if planned and not speech_act:
        return "planned"
    # a noun inside another noun phrase is part of what a hedged clause hedges ("könnten
    # ... zu Waffenlieferungen für Russlands Offensive führen")
    hedged = clause if attached is not None and attached.kind == scope.NESTED else group
    subjunctive = [t for t in hedged if de.is_subjunctive(t)]
    if any(verb_lemma(t) in de.SPECULATIVE_MODALS and t.lower_.endswith(_KONJUNKTIV_II)
           for t in subjunctive) or lowers & de.HEDGES or \
            hedged is clause and {c.lower_ for h in clause for c in h.children} & de.HEDGES or \
            trigger.type.chargeable and _alleged(token, attached, governors) or \
            _expected(group, s) or \
            any(g.endswith(_SPECULATION_STEMS) for g in governors[:1]):
        return "speculative"
    if speech_act:
        return "asserted"
    # hearsay holds for what the clause presupposes too ("soll wegen Mordes im Gefängnis
    # gewesen sein")
    hearsay = [t for t in clause if de.is_subjunctive(t)
               or verb_lemma(t) in de.REPORTED_MODALS]
    if hearsay or lowers & de.HEARSAY:
        return "reported"
    if source is not None:
        return "reported"
    return "asserted"


def _governing_group(verb: Token, s) -> list[Token]:
    """The verb group an infinitive clause depends on ("könnte versuchen, die Kinder zu
    entführen": könnte): its modals and mood hold for the clause."""
    if s.role(verb) != CLAUSE or verb.head.i == verb.i or \
            any("Fin" in t.morph.get("VerbForm") for t in s.verb_group(verb)):
        return []
    return [t for t in s.verb_group(verb.head) if t.pos_ == "AUX" or t.tag_.startswith("VM")]


def _governors(trigger: Trigger, group: list[Token], attached, s) -> list[Token]:
    """The words whose planning or demanding governs the trigger: its own group, and the
    verb or noun it is the complement of (not the verb it is co-ordinated with:
    "begrüßte ..., fordert aber"; not the verb of a PP it is presupposed in)."""
    token = trigger.token
    out = [t for t in group if t.i != token.i]
    if token.head.i == token.i:
        return out
    if trigger.verbal and s.role(token) == CLAUSE or \
            attached is not None and attached.kind != scope.BACKGROUND:
        out.append(token.head)
    return out


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
    particle = "".join(c.lower_ for c in token.children if c.tag_ == de.TAGS["particle"])
    for word in (token.lemma_.lower(), token.lower_, particle + token.lemma_.lower()):
        if word in de.PLANNING_VERBS or any(word.startswith(stem) and len(word) - len(stem) <= 3
                                            for stem in _PLANNING_STEMS):
            return True
    return False


def _future(group: list[Token], trigger: Trigger) -> bool:
    """A present "werden" with an infinitive (or Konjunktiv I "werde" in indirect
    speech): a plan or announcement, not a fact ("wird ... besuchen"; for a noun, its
    clause: "wird ein Treffen zeigen"). "werden" with a participle is a passive, and
    "wurde", "worden", "würde" are no future."""
    token = trigger.token
    verbs = [token] if trigger.verbal else [t for t in group if t.pos_ == "VERB"]
    return any("Inf" in v.morph.get("VerbForm") and v.tag_ != _PARTICIPLE for v in verbs) \
        and any(t.lower_ in _FUTURE_AUXILIARIES and t.i != token.i for t in group)


def _intended(group: list[Token], trigger: Trigger) -> bool:
    """"sollen" without a perfect infinitive: what is to happen ("soll ... abgeschoben
    werden", "soll im Mai stattfinden"); with one it is hearsay ("soll ... getötet
    haben", "sollen ... getötet worden sein")."""
    if not any(verb_lemma(t) in de.REPORTED_MODALS for t in group):
        return False
    return not any(verb_lemma(t) in _PERFECT_AUXILIARIES and "Inf" in t.morph.get("VerbForm")
                   or t.lower_ in _PERFECT_AUXILIARIES for t in group if t.i != trigger.token.i)


def _alleged(token: Token, attached, governors: list[str]) -> bool:
    """A crime named as the charge of an investigation, a trial or an arrest ("ermitteln
    wegen Mordes", "Verfahren wegen Totschlags", "Verdacht des Betrugs"): a charge
    preposition with a word of investigation in its sentence ("Ermittelt wurde gegen 54
    Personen: wegen Untreue, ..., Bestechung"), or a governing such noun."""
    if attached is None:
        return False
    if attached.kind == scope.NESTED and any(g.endswith(_ALLEGATIONS) for g in governors):
        return True
    return attached.preposition in _ALLEGATION_PREPOSITIONS and any(
        (t.lemma_ or t.text).lower().endswith(_ALLEGATIONS) for t in token.sent)


def _expected(group: list[Token], s) -> bool:
    """A clause that somebody expects or fears ("Beobachter erwarten, dass ...")."""
    for verb in group:
        if s.role(verb) == CLAUSE and verb.head.i != verb.i and \
                verb_lemma(verb.head) in _SPECULATION_VERBS:
            return True
    return False
