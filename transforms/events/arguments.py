"""Stage 2, arguments: who acts (actor1) and on whom or with whom (actor2).

From the parse, through the scheme-neutral syntax view: the subject, or a passive's
agent, is actor1; the dative or object (an entity preferred), a partner PP ("mit",
"gegen") or a passive's subject is actor2. A verb without a subject of its own takes that
of the verb it is co-ordinated with ("bekennt sich ... und unterstützt"), and an
infinitive clause that of its controller ("forderte X auf, sich zurückzuziehen": X). A
relative pronoun stands for the noun its clause modifies. A nominal trigger takes its
genitive, a name right before it ("Kims Reise"), its possessive ("seiner Reise", through
coreference), "zwischen X und Y", an agent PP, or the subject of a support verb it is
the object of ("übte Kritik"; not "wies die Kritik zurück"); a genitive that cannot act
names what is done, not who does it ("Untersuchung des Vorfalls"), and for nouns whose
lexicon row says ``patient-gen`` the genitive is the patient ("Freilassung von X").
Types with a recipient or an origin (``event_types.tsv``) read those PPs too, and
reciprocal types take the second of co-ordinated subjects. actor2 is never what is said
or wanted ("wies den Vorwurf zurück"), never actor1 again, and a partner PP names one only
if it can act (unless the type acts on things: ``thing_target``). Each argument is linked to the entity it is or
contains. What the parse does not give stays empty, but for the stand-ins of
``guesses`` (without a parse: the nearest names; with one: a finite verb's lost subject
or patient).

Takes a trigger, its sentence and the article context; gives :class:`Roles`, or None
when the trigger's row needs a named doer (``named-doer``) and the parse gives a doer
that is none, or a verb none at all (a noun without any doer stays: "warnte vor Reisen
in die Region").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.coref.linking import Argument, Linker
from transforms.events import guesses, scope, senses
from transforms.events.mention import Roles, Trigger
from transforms.events.tokens import is_reflexive, is_time_word, is_verb
from transforms.lang import de
from transforms.nlp.syntax import (
    AGENT, CC, CLAUSE, CONJ, DAT, GEN, NMOD, OBJ, OBL, PARTICLE, PASS_SUBJ, SUBJ, Syntax,
    verb_lemma)

_SUPPORT_VERBS = de.words("support_verbs")
_OFFICIAL_NOUNS = tuple(de.words("person_titles") | de.words("official_nouns"))
_GOAL_PREPOSITIONS = de.words("goal_prepositions")


def find(trigger: Trigger, sent: Span, article) -> Roles | None:
    linker, has_parse = article.linker, article.has_parse
    s = linker.syntax
    verbal = trigger.verbal
    actor1, actor2, passive = (_verbal if verbal else _nominal)(trigger, article)
    actor1 = _nameable([_referent(t, s) for t in actor1], linker)
    actor2 = _nameable([_referent(t, s) for t in actor2], linker)
    if len(actor1) > 1 and verbal:
        # two subjects are a weak parse's error: the one that can act acts, the other is
        # what it acts on ("Die Kritik wies die Regierung zurück")
        actor1 = sorted(actor1, key=lambda t: (not senses.is_actor(t, article), t.i))
        actor2 = actor2 or actor1[1:]
    elif verbal and "subj:actor" in trigger.constraints and not passive and \
            not (actor1 and senses.is_actor(actor1[0], article)):
        # a verb that needs an actor as subject, and the parse's subject is none: German
        # puts the object first as freely ("Den Vorwurf weist die Kammer zurück", "das
        # unterstützen wir"); a subject that names no actor is none ("Sobotkas Wunsch ...
        # wies Wolff zurück": the stand-in below looks for one)
        swap = next((t for t in actor2 if senses.is_actor(t, article)
                     and (actor1 or "Nom" in t.morph.get("Case"))), None)
        if swap is not None:
            actor1, actor2 = [swap], [t for t in actor2 if t is not swap] + actor1
        elif actor1 and senses.is_content(actor1[0], article):
            actor1 = []
    if actor1 and not actor2 and trigger.type.reciprocal:
        actor2 = s.conjuncts(actor1[0])
    # what is said, done or wanted is no target ("wies den Vorwurf zurück")
    actor2 = [t for t in actor2 if not senses.is_content(t, article)]
    first = _link(actor1[0], article) if actor1 else None
    second = next((a for a in (_link(t, article) for t in actor2) if not _same(a, first)),
                  None)
    roles = Roles(first, second)
    if has_parse and "named-doer" in trigger.constraints and not _named(first, linker) and (
            first is not None or verbal or _has_possessive(trigger.token)):
        return None  # "die Reise der Flüchtlinge", "Züge kamen an": no visit of state
    if not has_parse:
        if roles.actor1 is None or roles.actor1.entity is None:
            roles = guesses.nearest(trigger, sent, linker, Roles(None, roles.actor2))
    elif verbal and not passive and roles.actor1 is None and guesses.finite_active(trigger, s):
        roles = guesses.nearest(trigger, scope.clause_span(trigger.token), linker, roles,
                                actor2=False, free=True)
    elif verbal and passive and roles.actor2 is None and guesses.passive(trigger, s):
        roles = guesses.nearest(trigger, sent, linker, roles, actor1=False, free=True,
                                people=lambda t: senses.is_actor(t, article, strict=True))
    return roles


def _link(token: Token, article) -> Argument:
    """The argument a word names; a possessive ("seiner Reise") its possessor."""
    coref = article.linker.coref
    if "Yes" in token.morph.get("Poss") and coref is not None:
        possessor = coref.possessor(token)
        if possessor is not None:
            return Argument.of_span(token.doc[token.i:token.i + 1], possessor)
    return article.linker.link(token)


def _referent(token: Token, s: Syntax) -> Token:
    """A relative pronoun's noun ("Syrer, die abgeschoben werden" -> Syrer)."""
    return s.relative_antecedent(token) or token


def _same(arg, other) -> bool:
    return other is not None and (arg.tokens & other.tokens or (
        arg.entity is not None and arg.entity is other.entity))


def _named(arg, linker: Linker) -> bool:
    """An entity (or a word that links to one) or an office ("der Außenminister")."""
    if arg is None:
        return False
    if arg.entity is not None:
        return True
    head = linker.doc[max(arg.tokens)] if arg.tokens else None
    return head is not None and (head.lower_.endswith(_OFFICIAL_NOUNS)
                                 or head.lemma_.lower().endswith(_OFFICIAL_NOUNS))


def _nameable(tokens: list[Token], linker: Linker) -> list[Token]:
    """Leaves out what a weak parse makes a subject or object but names nobody: an
    adverb ("Erstmals dauert die Konferenz"), a number, a time ("Anfang August"). An
    entity stays, however the tagger tagged it ("Nordkorea" as an adverb)."""
    return [t for t in tokens if not guesses.dateline(t, linker) and (
        t.i in linker.entity_at or _crowd(t) or (
            t.pos_ not in de.NO_ARGUMENT_POS and not is_time_word(t)
            and not any(is_time_word(c) for c in t.children if c.pos_ in ("NOUN", "PROPN"))))]


def _crowd(token: Token) -> bool:
    """"Tausende", "Hunderttausende" (a tagger's numbers): a crowd that acts."""
    return token.pos_ == "NUM" and token.text[:1].isupper() and token.text.isalpha()


def _verbal(trigger: Trigger, article) -> tuple[list[Token], list[Token], bool]:
    linker = article.linker
    s = linker.syntax
    group = s.verb_group(trigger.token)
    agents = [n for p, n in _pps(group, linker) if p in de.AGENT_PREPOSITIONS]
    passive = s.is_passive(group) or _participle_with_agent(group, agents, s, article) or \
        _conjunct_of_passive(trigger.token, s)
    if passive:
        actor1 = [t for t in s.dependents(group, AGENT) if t.pos_ != "ADP"] + agents
        # the patient, or whom it is done to ("denen vorgeworfen wurde")
        actor2 = s.dependents(group, PASS_SUBJ, SUBJ) + s.dependents(group, DAT) + \
            _bare_datives(group, s)
    else:
        actor1 = s.dependents(group, SUBJ) or _borrowed_subject(trigger.token, s, article)
        actor2 = [t for t in s.dependents(group, DAT, OBJ) + _bare_datives(group, s)
                  if not is_reflexive(t)]
        actor2.sort(key=lambda t: (t.i not in linker.entity_at, t.i))
    # a partner PP names a partner only if it can act ("mit dem Tod bedroht" is none)
    actor2 += [n for p, n in _pps(group, linker) if p in de.PARTNER_PREPOSITIONS
               and (trigger.type.thing_target or senses.is_actor(n, article, strict=True))]
    return actor1, actor2, passive


def _participle_with_agent(group: list[Token], agents: list[Token], s: Syntax,
                           article) -> bool:
    """"FPÖ und ÖVP, unterstützt von Neos, ...": a verb without an auxiliary or a subject,
    with an agent ("von" an actor): a participle clause, passive."""
    return len(group) == 1 and not s.dependents(group, SUBJ) and \
        any(senses.is_actor(a, article) for a in agents)


def _conjunct_of_passive(verb: Token, s: Syntax) -> bool:
    """"ist ... festgenommen und eingeliefert worden": a participle co-ordinated with a
    passive one shares its voice."""
    if verb.tag_ != de.TAGS["participle"]:
        return False
    others = [verb.head] if s.role(verb) == CONJ else []
    others += [c for c in verb.children if s.role(c) == CONJ]
    return any(o.tag_ == de.TAGS["participle"] and s.is_passive(s.verb_group(o))
               for o in others)


def _bare_datives(group: list[Token], s: Syntax) -> list[Token]:
    """A dative the parse attached as an oblique without a preposition ("warf der Türkei
    vor" with "der Türkei" as obl:arg)."""
    return [t for t in s.dependents(group, OBL) if "Dat" in t.morph.get("Case")
            and t.pos_ in ("NOUN", "PROPN") and not any(c.pos_ == "ADP" for c in t.children)]


def _borrowed_subject(verb: Token, s: Syntax, article) -> list[Token]:
    """The subject a verb shares: that of the verb it is co-ordinated with ("Die Regierung
    bekennt sich ... und unterstützt diese"), or of the verb whose infinitive clause it
    heads: its object when that can act ("forderte die Seite auf, sich zurückzuziehen"),
    else its subject ("plant, Kim zu treffen")."""
    role, head = s.role(verb), verb.head
    if head.i == verb.i:
        return []
    if role == CONJ:
        if s.role(head) == CC:  # TIGER: "und" heads the second conjunct
            head = head.head
        if not is_verb(head):
            return []
        group = s.verb_group(head)
        return [] if s.is_passive(group) else s.dependents(group, SUBJ)
    if role == CLAUSE and is_verb(head) and "Fin" not in verb.morph.get("VerbForm"):
        group = s.verb_group(head)
        if s.is_passive(group):
            return []
        controllers = [t for t in s.dependents(group, OBJ, DAT)
                       if not is_reflexive(t) and senses.is_actor(t, article)]
        return controllers[:1] or s.dependents(group, SUBJ)
    return []


def _nominal(trigger: Trigger, article) -> tuple[list[Token], list[Token], bool]:
    linker = article.linker
    s = linker.syntax
    token, kind = trigger.token, trigger.type
    patient_genitive = "patient-gen" in trigger.constraints
    genitives = s.dependents([token], GEN) + _prenominal_genitive(token, linker) + [
        c for c in s.dependents([token], NMOD) if _genitive(c)]  # "Kritik des Ministers"
    # a genitive that cannot act is what is done ("Untersuchung des Vorfalls")
    genitives = [t for t in genitives if senses.is_actor(_referent(t, s), article)]
    actor1: list[Token] = [] if patient_genitive else genitives
    actor2: list[Token] = list(genitives) if patient_genitive else []
    for prep, noun in _pps([token], linker):
        if prep in de.BETWEEN_PREPOSITIONS:
            actor1.append(noun)
            actor2 += s.conjuncts(noun)
        elif patient_genitive and prep in de.AGENT_PREPOSITIONS:
            actor2.append(noun)  # "die Freilassung von Jürgen Chrobog"
        elif (prep in de.AGENT_PREPOSITIONS
              or (kind.origin_actor and prep in de.ORIGIN_PREPOSITIONS)) and \
                linker.names_entity(noun):  # "Lieferung von Waffen": a theme, no actor
            actor1.append(noun)
        elif prep in de.PARTNER_PREPOSITIONS or (kind.recipient
                                                 and prep in de.RECIPIENT_PREPOSITIONS):
            actor2.append(noun)
    if patient_genitive and not actor2:
        actor2 = _possessor(token, article)  # "seine Festnahme": whom
    if not actor1:
        actor1 = _conjunct_genitive(token, s, article) or _support_verb_subject(token, s) \
            or _called_to(token, s, article) \
            or ([] if patient_genitive else _possessor(token, article))
    return actor1, actor2, False


def _called_to(token: Token, s: Syntax, article) -> list[Token]:
    """"rufen die Beschäftigten zu Warnstreiks auf": who is called to an act does it (the
    object of a demanding verb the noun is the goal of)."""
    verb = token.head
    if not is_verb(verb) or s.preposition_of(token) not in _GOAL_PREPOSITIONS:
        return []
    particle = "".join(c.lower_ for c in verb.children if s.role(c) == PARTICLE)
    if particle + verb_lemma(verb) not in de.PLANNING_VERBS and \
            verb_lemma(verb) not in de.PLANNING_VERBS:
        return []
    return [t for t in s.dependents(s.verb_group(verb), OBJ) if senses.is_actor(t, article)][:1]


def _conjunct_genitive(token: Token, s: Syntax, article) -> list[Token]:
    """"Kundgebungen und Demonstrationen der Thaksin-Anhänger": a genitive that follows
    the last of co-ordinated nouns belongs to each."""
    for other in s.conjuncts(token):
        found = [c for c in s.dependents([other], GEN) + s.dependents([other], NMOD)
                 if _genitive(c) and senses.is_actor(c, article)]
        if found:
            return found
    return []


def _has_possessive(token: Token) -> bool:
    return any(c.i < token.i and "Yes" in c.morph.get("Poss") for c in token.children)


def _possessor(token: Token, article) -> list[Token]:
    """"ihre Angriffe", "seiner Reise": whom the possessive points to. In the object or a
    PP of a clause, its subject ("Die Gruppe Ansar Dine konzentrierte ihre Angriffe"):
    a possessive there mostly binds to it, unless the verb is an event that answers the
    noun's ("wies ihre Kritik zurück"); a subject without a name yields to the person
    coreference finds ("US-Außenminister John Kerry hat bei seinem Besuch")."""
    s = article.linker.syntax
    possessive = next((c for c in token.children if c.i < token.i
                       and "Yes" in c.morph.get("Poss")), None)
    if possessive is None:
        return []
    verb = s.clause_verb(token) if s.role(token) != SUBJ else None
    # an event verb answers somebody else's act ("wies ihre Kritik zurück")
    particle = "".join(c.lower_ for c in verb.children if s.role(c) == PARTICLE) \
        if verb is not None else ""
    answers = verb is not None and article.lexicon.verb_lemma(verb.lemma_, verb.text, particle)
    subjects = s.dependents(s.verb_group(verb), SUBJ) if verb is not None else []
    bound = subjects[:1] if subjects and not answers and \
        not s.is_passive(s.verb_group(verb)) and senses.is_actor(subjects[0], article) else []
    if bound and article.linker.names_entity(bound[0]):
        return bound
    coref = article.linker.coref
    return [possessive] if coref is not None and coref.possessor(possessive) else bound


def _support_verb_subject(token: Token, s: Syntax) -> list[Token]:
    """"übte Kritik", "verübten einen Anschlag": the subject of a support verb the noun
    is the object of; not of any verb ("Die Kritik wies die Regierung zurück")."""
    governor = token.head if s.role(token) == OBJ else None
    if governor is None or not is_verb(governor) or s.is_passive(s.verb_group(governor)):
        return []
    particle = "".join(c.lower_ for c in governor.children if c.tag_ == de.TAGS["particle"])
    if not {verb_lemma(governor), particle + verb_lemma(governor)} & _SUPPORT_VERBS:
        return []
    return s.dependents(s.verb_group(governor), SUBJ)


def _genitive(noun: Token) -> bool:
    """A noun attribute without a preposition, in the genitive ("des Ministers")."""
    if any(c.pos_ == "ADP" for c in noun.children):
        return False
    return "Gen" in noun.morph.get("Case") or any(
        c.lower_ in de.GENITIVE_ARTICLES or "Gen" in c.morph.get("Case")
        for c in noun.children if c.pos_ == "DET")


def _pps(heads: list[Token], linker: Linker) -> list[tuple[str, Token]]:
    """PPs of ``heads`` that are not time expressions ("am Dienstag", "im Juli")."""
    return [(p, n) for p, n in linker.syntax.prepositional(heads) if not is_time_word(n)]


def _prenominal_genitive(token: Token, linker: Linker) -> list[Token]:
    """"Kims Reise": a name right before a noun trigger, in the genitive."""
    if token.i == 0:
        return []
    previous = linker.doc[token.i - 1]
    if previous.i in linker.entity_at and (de.looks_genitive(previous.text)
                                           or "Gen" in previous.morph.get("Case")):
        return [previous]
    return []
