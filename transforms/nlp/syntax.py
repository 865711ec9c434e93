"""A scheme-neutral view of a dependency parse, for the extractors.

Extractors ask for roles (subject, object, dative, agent, PP with preposition P) and
the view answers for the label scheme of the model: :class:`UdSyntax` (Universal
Dependencies), :class:`TigerSyntax` (TIGER, the official German models) or
:class:`Syntax` itself when there is no parse, where every question about structure has
an empty answer. The scheme is chosen once per article (:func:`for_doc`). The schemes
differ in structure as well as in labels: in TIGER the finite auxiliary or modal heads
the clause (the main verb is its ``oc``) and a PP is headed by its preposition; in UD
the content verb and the noun are the heads. Label to role maps are language data
(``lang/de/schemes.tsv``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from transforms.lang import de

# The roles every scheme maps onto.
SUBJ, PASS_SUBJ, OBJ, DAT, AGENT = "subj", "pass_subj", "obj", "dat", "agent"
OBL, NMOD, GEN, NEG, PARTICLE = "obl", "nmod", "gen", "neg", "particle"
AUX, AUX_PASS, CONJ, CC, MARK = "aux", "aux_pass", "conj", "cc", "mark"
CLAUSE, APPOS, FLAT, CASE, DET, ADV, RELCL = (
    "clause", "appos", "flat", "case", "det", "adv", "relcl")
_RELATIVE_TAG = de.TAGS["relative"]
_PARTICIPLE_TAG = de.TAGS["participle"]


class Syntax:
    """No parse: no roles, a verb is its own group, no PPs but what the words show."""

    scheme: str | None = None
    _roles: dict[str, str] = {}

    def role(self, token: Token) -> str | None:
        dep = token.dep_
        return self._roles.get(dep) or self._roles.get(dep.split(":")[0])

    def verb_group(self, verb: Token) -> list[Token]:
        """The main verb with its auxiliaries and modals (in clause order)."""
        return [verb]

    def dependents(self, heads: list[Token], *roles: str) -> list[Token]:
        return [c for h in heads for c in h.children
                if self.role(c) in roles and not (c.is_space or c.is_punct)]

    def is_passive(self, group: list[Token]) -> bool:
        return False

    def conjuncts(self, token: Token) -> list[Token]:
        """Coordinated tokens: "Putin und Kim" -> [Kim] for Putin."""
        out, todo = [], [token]
        while todo:
            t = todo.pop()
            for c in t.children:
                if self.role(c) == CONJ:
                    out.append(c)
                    todo.append(c)
                elif self._conjunction_heads_conjunct(c):
                    todo.append(c)
        return sorted(out, key=lambda t: t.i)

    def _conjunction_heads_conjunct(self, token: Token) -> bool:
        return False

    def prepositional(self, heads: list[Token]) -> list[tuple[str, Token]]:
        """(preposition, noun) of the PPs attached to ``heads``; postpositions too
        ("Washington zufolge" -> ("zufolge", Washington))."""
        return []

    def preposition_of(self, noun: Token) -> str | None:
        """The preposition a noun stands in a PP with, if any: without a parse, the
        word before it."""
        previous = noun.doc[noun.i - 1] if noun.i else None
        return preposition(previous) if previous is not None and previous.pos_ == "ADP" else None

    def relative_antecedent(self, token: Token) -> Token | None:
        """The noun a relative pronoun stands for ("Syrer, die abgeschoben werden" ->
        Syrer): the head of the relative clause it opens. None for any other word, and
        without a parse."""
        if "Rel" not in token.morph.get("PronType") and token.tag_ != _RELATIVE_TAG:
            return None
        node = token
        for _ in range(4):  # the pronoun, a PP around it, the clause's verb (and aux)
            if node.head.i == node.i:
                return None
            if self.role(node) == RELCL:
                return node.head
            node = node.head
        return None

    def clause_verb(self, token: Token) -> Token | None:
        """The nearest verb above a token (for a nominal trigger, the verb whose
        modality and source it shares)."""
        node = token
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return node
        return None


class UdSyntax(Syntax):
    scheme = "ud"
    _roles = de.SCHEMES["ud"]

    def verb_group(self, verb: Token) -> list[Token]:
        group = [verb] + [c for c in verb.children if self.role(c) in (AUX, AUX_PASS)]
        # "will ... reisen" parsed as a modal head with the verb as its complement
        if (self.role(verb) == CLAUSE and verb.head.i != verb.i
                and verb_lemma(verb.head) in de.MODALS):
            group.append(verb.head)
        return sorted(group, key=lambda t: t.i)

    def is_passive(self, group: list[Token]) -> bool:
        """A passive subject or auxiliary, or (a weak parse labels "worden" plain
        ``aux``) "werden" with a past participle: "getötet worden", "abgeschoben
        werden" (the future takes an infinitive)."""
        return bool(self.dependents(group, PASS_SUBJ)) or any(
            t.dep_ == "aux:pass" for h in group for t in h.children) or (
            any(t.tag_ == _PARTICIPLE_TAG for t in group)
            and any(verb_lemma(t) == "werden" for t in group if t.tag_ != _PARTICIPLE_TAG))

    def prepositional(self, heads: list[Token]) -> list[tuple[str, Token]]:
        out = []
        for head in heads:
            for child in head.children:
                if self.role(child) in (OBL, NMOD, AGENT):
                    case = next((g for g in child.children if self.role(g) == CASE
                                 and g.pos_ in ("ADP", "SCONJ")), None)
                    if case is not None:
                        out.append((preposition(case), child))
        return out

    def preposition_of(self, noun: Token) -> str | None:
        case = next((c for c in noun.children if self.role(c) == CASE), None)
        return preposition(case) if case is not None else None


class TigerSyntax(Syntax):
    scheme = "tiger"
    _roles = de.SCHEMES["tiger"]

    def role(self, token: Token) -> str | None:
        role = super().role(token)
        if role == OBL and token.pos_ not in ("ADP",):  # "mo" of an adverb, not a PP
            return ADV if token.pos_ in ("ADV", "PART") else OBL
        return role

    def verb_group(self, verb: Token) -> list[Token]:
        group, token = [verb], verb
        while (token.dep_ == "oc" and token.head.i != token.i
               and verb_lemma(token.head) in de.AUXILIARIES | de.MODALS):
            token = token.head
            group.append(token)
        return sorted(group, key=lambda t: t.i)

    def is_passive(self, group: list[Token]) -> bool:
        return (any(verb_lemma(t) == "werden" for t in group)
                and any(t.tag_ == de.TAGS["participle"] for t in group))

    def _conjunction_heads_conjunct(self, token: Token) -> bool:
        return self.role(token) == CC  # "und" heads the next conjunct (cd -> cj)

    def prepositional(self, heads: list[Token]) -> list[tuple[str, Token]]:
        out = []
        for head in heads:
            for child in head.children:
                if child.pos_ == "ADP" and self.role(child) in (OBL, NMOD, AGENT):
                    noun = next((g for g in child.children if g.dep_ == "nk"
                                 and g.pos_ in ("NOUN", "PROPN", "PRON", "NUM")), None)
                    if noun is not None:
                        out.append((preposition(child), noun))
        return out

    def preposition_of(self, noun: Token) -> str | None:
        return preposition(noun.head) if noun.dep_ == "nk" and noun.head.pos_ == "ADP" else None


_BY_SCHEME = {cls.scheme: cls for cls in (UdSyntax, TigerSyntax)}


def for_doc(scheme: str | None, has_parse: bool) -> Syntax:
    """The view for a Doc annotated with ``scheme`` (``ud``, ``tiger`` or None)."""
    return _BY_SCHEME.get(scheme, Syntax)() if has_parse else Syntax()


def verb_lemma(token: Token) -> str:
    """The lemma, with modal and auxiliary forms a weak lemmatizer misses mapped."""
    return de.MODAL_FORMS.get(token.lower_) or token.lemma_.lower()


def preposition(token: Token) -> str:
    word = token.lower_
    return de.CONTRACTIONS.get(word, word)


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
