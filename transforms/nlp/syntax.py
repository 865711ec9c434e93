"""A scheme-neutral view of a German dependency parse, for the event extractor.

The extractor asks for roles (subject, object, dative, agent, PP with preposition P)
and this module answers for both label schemes (see ``german.UD_ROLES`` and
``german.TIGER_ROLES``). The two differ in structure as well as in labels: in TIGER the
finite auxiliary or modal heads the clause (the main verb is its ``oc``) and a PP is
headed by its preposition; in UD the content verb and the noun are the heads. On a Doc
without a parse every question has an empty answer.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms import german


class Syntax:
    def __init__(self, scheme: str | None):
        self.scheme = scheme
        self._roles = german.TIGER_ROLES if scheme == "tiger" else german.UD_ROLES

    def role(self, token: Token) -> str | None:
        if self.scheme is None:
            return None
        dep = token.dep_
        role = self._roles.get(dep) or self._roles.get(dep.split(":")[0])
        if self.scheme == "tiger" and role == german.OBL and token.pos_ not in ("ADP",):
            return german.ADV if token.pos_ in ("ADV", "PART") else german.OBL
        return role

    # --- verbs -----------------------------------------------------------------------

    def verb_group(self, verb: Token) -> list[Token]:
        """The main verb with its auxiliaries and modals (in clause order)."""
        group = [verb]
        if self.scheme == "tiger":
            token = verb
            while (token.dep_ == "oc" and token.head.i != token.i
                   and verb_lemma(token.head) in german.AUXILIARIES | german.MODALS):
                token = token.head
                group.append(token)
        elif self.scheme == "ud":
            group += [c for c in verb.children if self.role(c) in (german.AUX, german.AUX_PASS)]
            # "will ... reisen" parsed as a modal head with the verb as its complement
            if (self.role(verb) == german.CLAUSE and verb.head.i != verb.i
                    and verb_lemma(verb.head) in german.MODALS):
                group.append(verb.head)
        return sorted(group, key=lambda t: t.i)

    def dependents(self, heads: list[Token], *roles: str) -> list[Token]:
        return [c for h in heads for c in h.children
                if self.role(c) in roles and not (c.is_space or c.is_punct)]

    def is_passive(self, group: list[Token]) -> bool:
        if self.scheme == "ud":
            return bool(self.dependents(group, german.PASS_SUBJ)) or any(
                t.dep_ == "aux:pass" for h in group for t in h.children)
        if self.scheme == "tiger":
            return (any(verb_lemma(t) == "werden" for t in group)
                    and any(t.tag_ == "VVPP" for t in group))
        return False

    def conjuncts(self, token: Token) -> list[Token]:
        """Coordinated tokens: "Putin und Kim" -> [Kim] for Putin."""
        out, todo = [], [token]
        while todo:
            t = todo.pop()
            for c in t.children:
                if self.role(c) == german.CONJ:
                    out.append(c)
                    todo.append(c)
                elif self.scheme == "tiger" and self.role(c) == german.CC:
                    todo.append(c)  # TIGER: "und" heads the next conjunct (cd -> cj)
        return sorted(out, key=lambda t: t.i)

    # --- prepositional phrases -------------------------------------------------------------

    def prepositional(self, heads: list[Token]) -> list[tuple[str, Token]]:
        """(preposition, noun) of the PPs attached to ``heads``; postpositions too
        ("Washington zufolge" -> ("zufolge", Washington))."""
        out = []
        for head in heads:
            for child in head.children:
                if self.scheme == "tiger":
                    if child.pos_ == "ADP" and self.role(child) in (german.OBL, german.NMOD,
                                                                    german.AGENT):
                        noun = next((g for g in child.children if g.dep_ == "nk"
                                     and g.pos_ in ("NOUN", "PROPN", "PRON", "NUM")), None)
                        if noun is not None:
                            out.append((preposition(child), noun))
                elif self.scheme == "ud":
                    if self.role(child) in (german.OBL, german.NMOD, german.AGENT):
                        case = next((g for g in child.children if self.role(g) == german.CASE
                                     and g.pos_ in ("ADP", "SCONJ")), None)
                        if case is not None:
                            out.append((preposition(case), child))
        return out

    def preposition_of(self, noun: Token) -> str | None:
        """The preposition a noun stands in a PP with, if any."""
        if self.scheme == "tiger":
            return preposition(noun.head) if noun.dep_ == "nk" and noun.head.pos_ == "ADP" else None
        if self.scheme == "ud":
            case = next((c for c in noun.children if self.role(c) == german.CASE), None)
            return preposition(case) if case is not None else None
        previous = noun.doc[noun.i - 1] if noun.i else None
        return preposition(previous) if previous is not None and previous.pos_ == "ADP" else None

    def clause_verb(self, token: Token) -> Token | None:
        """The nearest verb above a token (for a nominal trigger, the verb whose
        modality and source it shares)."""
        node = token
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return node
        return None


def verb_lemma(token: Token) -> str:
    """The lemma, with modal and auxiliary forms a weak lemmatizer misses mapped."""
    return german.MODAL_FORMS.get(token.lower_) or token.lemma_.lower()


def preposition(token: Token) -> str:
    word = token.lower_
    return german.CONTRACTIONS.get(word, word)


def noun_phrase(token: Token) -> Span:
    """The compact noun phrase of a head noun: its left modifiers, the noun and its
    appositions and name parts, without clauses or PPs."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].head == token and doc[start - 1].pos_ in (
            "DET", "ADJ", "NUM", "PROPN", "NOUN", "PRON"):
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].pos_ in ("PROPN",) and doc[end].head.i in range(start, end):
        end += 1
    return doc[start:end]
