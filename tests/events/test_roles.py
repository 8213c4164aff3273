"""find_roles: actor and recipient head tokens read from hand-built dependency parses (no spaCy model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from legation.events.roles import Roles, find_roles, obligation_speakers, with_conjuncts

VOCAB = spacy.blank("en").vocab


def make_doc(table: str) -> Doc:
    """One token per line, `word head dep pos tag lemma`; `head` is the absolute index of the head token."""
    rows = [line.split() for line in table.strip().splitlines()]
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows, strict=True))
    return Doc(
        VOCAB, words=words, heads=[int(head) for head in heads], deps=deps, pos=pos, tags=tags, lemmas=lemmas
    )


def roles_at(
    doc: Doc,
    token: int,
    trigger: tuple[int, ...] | None = None,
    *,
    recipient_preps: tuple[str, ...] | None = None,
) -> Roles:
    return find_roles(doc[token], trigger or (token,), recipient_preps=recipient_preps)


ACTIVE = """
Arnor 1 nsubj PROPN NNP Arnor
criticized 1 ROOT VERB VBD criticize
Gondor 1 dobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Masks were donated by Arnor to Gondor."
PASSIVE_DONATION = """
Masks 2 nsubjpass NOUN NNS mask
were 2 auxpass AUX VBD be
donated 2 ROOT VERB VBN donate
by 2 agent ADP IN by
Arnor 3 pobj PROPN NNP Arnor
to 2 prep ADP IN to
Gondor 5 pobj PROPN NNP Gondor
. 2 punct PUNCT . .
"""

PASSIVE_ATTACK = """
Gondor 2 nsubjpass PROPN NNP Gondor
was 2 auxpass AUX VBD be
attacked 2 ROOT VERB VBN attack
by 2 agent ADP IN by
Arnor 3 pobj PROPN NNP Arnor
. 2 punct PUNCT . .
"""

LIGHT_VERB = """
Arnor 1 nsubj PROPN NNP Arnor
held 1 ROOT VERB VBD hold
talks 1 dobj NOUN NNS talk
with 2 prep ADP IN with
Gondor 3 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Talks between Arnor and Gondor ended."
BETWEEN_NOUN = """
Talks 5 nsubj NOUN NNS talk
between 0 prep ADP IN between
Arnor 1 pobj PROPN NNP Arnor
and 2 cc CCONJ CC and
Gondor 2 conj PROPN NNP Gondor
ended 5 ROOT VERB VBD end
. 5 punct PUNCT . .
"""

# "Talks were held between Arnor and Gondor."
BETWEEN_VERB = """
Talks 2 nsubjpass NOUN NNS talk
were 2 auxpass AUX VBD be
held 2 ROOT VERB VBN hold
between 2 prep ADP IN between
Arnor 3 pobj PROPN NNP Arnor
and 4 cc CCONJ CC and
Gondor 4 conj PROPN NNP Gondor
. 2 punct PUNCT . .
"""

COORDINATED_SUBJECT = """
Arnor 3 nsubj PROPN NNP Arnor
and 0 cc CCONJ CC and
Gondor 0 conj PROPN NNP Gondor
signed 3 ROOT VERB VBD sign
the 5 det DET DT the
treaty 3 dobj NOUN NN treaty
. 3 punct PUNCT . .
"""

# "Arnor invited Gondor to visit Rohan."
OBJECT_CONTROL = """
Arnor 1 nsubj PROPN NNP Arnor
invited 1 ROOT VERB VBD invite
Gondor 1 dobj PROPN NNP Gondor
to 4 aux PART TO to
visit 1 xcomp VERB VB visit
Rohan 4 dobj PROPN NNP Rohan
. 1 punct PUNCT . .
"""

# "Arnor agreed to organize a summit."
SUBJECT_CONTROL = """
Arnor 1 nsubj PROPN NNP Arnor
agreed 1 ROOT VERB VBD agree
to 3 aux PART TO to
organize 1 xcomp VERB VB organize
a 5 det DET DT a
summit 3 dobj NOUN NN summit
. 1 punct PUNCT . .
"""

# "The envoy who met Gondor left."
RELATIVE_CLAUSE = """
The 1 det DET DT the
envoy 5 nsubj NOUN NN envoy
who 3 nsubj PRON WP who
met 1 relcl VERB VBD meet
Gondor 3 dobj PROPN NNP Gondor
left 5 ROOT VERB VBD leave
. 5 punct PUNCT . .
"""

# "Arnor's visit to Gondor ended."
POSSESSIVE_VISIT = """
Arnor 2 poss PROPN NNP Arnor
's 0 case PART POS 's
visit 5 nsubj NOUN NN visit
to 2 prep ADP IN to
Gondor 3 pobj PROPN NNP Gondor
ended 5 ROOT VERB VBD end
. 5 punct PUNCT . .
"""

# "The visit of Arnor to Gondor ended."
OF_VISIT = """
The 1 det DET DT the
visit 6 nsubj NOUN NN visit
of 1 prep ADP IN of
Arnor 2 pobj PROPN NNP Arnor
to 1 prep ADP IN to
Gondor 4 pobj PROPN NNP Gondor
ended 6 ROOT VERB VBD end
. 6 punct PUNCT . .
"""

# "Arnor paid a visit to Gondor." (the event noun is the object of a verb that is no trigger)
OBJECT_NOUN_VISIT = """
Arnor 1 nsubj PROPN NNP Arnor
paid 1 ROOT VERB VBD pay
a 3 det DET DT a
visit 1 dobj NOUN NN visit
to 3 prep ADP IN to
Gondor 4 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnor criticized Gondor and Rohan."
CONJOINED_OBJECTS = """
Arnor 1 nsubj PROPN NNP Arnor
criticized 1 ROOT VERB VBD criticize
Gondor 1 dobj PROPN NNP Gondor
and 2 cc CCONJ CC and
Rohan 2 conj PROPN NNP Rohan
. 1 punct PUNCT . .
"""

# "Arnor met Gondor and signed a treaty."
CONJOINED_VERBS = """
Arnor 1 nsubj PROPN NNP Arnor
met 1 ROOT VERB VBD meet
Gondor 1 dobj PROPN NNP Gondor
and 1 cc CCONJ CC and
signed 1 conj VERB VBD sign
a 6 det DET DT a
treaty 4 dobj NOUN NN treaty
. 1 punct PUNCT . .
"""

# "Arnor protested against Gondor."
PROTEST_AGAINST = """
Arnor 1 nsubj PROPN NNP Arnor
protested 1 ROOT VERB VBD protest
against 1 prep ADP IN against
Gondor 2 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnor prevailed over Gondor."
PREVAIL_OVER = """
Arnor 1 nsubj PROPN NNP Arnor
prevailed 1 ROOT VERB VBD prevail
over 1 prep ADP IN over
Gondor 2 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnor met Gondor after signing a treaty."
AFTER_SIGNING = """
Arnor 1 nsubj PROPN NNP Arnor
met 1 ROOT VERB VBD meet
Gondor 1 dobj PROPN NNP Gondor
after 1 prep ADP IN after
signing 3 pcomp VERB VBG sign
a 6 det DET DT a
treaty 4 dobj NOUN NN treaty
. 1 punct PUNCT . .
"""


def test_find_roles_active_subject_and_object() -> None:
    assert roles_at(make_doc(ACTIVE), 1) == Roles(actors=(0,), recipients=(2,), joint=False, passive=False)


def test_find_roles_passive_agent_is_the_actor() -> None:
    roles = roles_at(make_doc(PASSIVE_DONATION), 2)
    assert roles.actors == (4,)
    assert 6 in roles.recipients
    assert 4 not in roles.recipients
    assert roles.passive


def test_find_roles_passive_subject_is_the_recipient() -> None:
    expected = Roles(actors=(4,), recipients=(0,), joint=False, passive=True)
    assert roles_at(make_doc(PASSIVE_ATTACK), 2) == expected


def test_find_roles_light_verb_partner_on_event_noun() -> None:
    roles = roles_at(make_doc(LIGHT_VERB), 1, (1, 2))
    assert roles.actors == (0,)
    assert roles.recipients == (4,)  # the trigger's own noun ("talks") is never a recipient


def test_find_roles_between_on_noun_trigger_is_joint() -> None:
    expected = Roles(actors=(2,), recipients=(4,), joint=True, passive=False)
    assert roles_at(make_doc(BETWEEN_NOUN), 0) == expected


def test_find_roles_between_on_passive_verb_is_joint() -> None:
    roles = roles_at(make_doc(BETWEEN_VERB), 2, (0, 2))
    assert (roles.actors, roles.recipients, roles.joint, roles.passive) == ((4,), (6,), True, True)


def test_find_roles_coordinated_subject_gives_both_actors() -> None:
    roles = roles_at(make_doc(COORDINATED_SUBJECT), 3, (3, 5))
    assert roles.actors == (0, 2)
    assert roles.recipients == ()


def test_find_roles_coordinated_subject_alone_is_not_joint() -> None:
    # "Arnor and Gondor protested" is two protesters, not a dyad: only symmetric triggers are split by the
    # coder.
    roles = roles_at(make_doc(COORDINATED_SUBJECT), 3, (3, 5))
    assert not roles.joint
    assert len(roles.actors) == 2


def test_find_roles_object_control_object_becomes_subject() -> None:
    roles = roles_at(make_doc(OBJECT_CONTROL), 4)
    assert roles.actors == (2,)
    assert roles.recipients == (5,)


def test_find_roles_subject_control_inherits_governor_subject() -> None:
    roles = roles_at(make_doc(SUBJECT_CONTROL), 3)
    assert roles.actors == (0,)
    assert roles.recipients == (5,)


def test_find_roles_relative_pronoun_resolves_to_modified_noun() -> None:
    roles = roles_at(make_doc(RELATIVE_CLAUSE), 3)
    assert roles.actors == (1,)
    assert roles.recipients == (4,)


@pytest.mark.parametrize(
    ("table", "trigger", "expected"),
    [
        (POSSESSIVE_VISIT, 2, Roles(actors=(0,), recipients=(4,))),
        (OF_VISIT, 1, Roles(actors=(3,), recipients=(5,))),
        (OBJECT_NOUN_VISIT, 3, Roles(actors=(0,), recipients=(5,))),
    ],
    ids=["possessive", "of_phrase", "object_of_verb"],
)
def test_find_roles_nominal_trigger(table: str, trigger: int, expected: Roles) -> None:
    assert roles_at(make_doc(table), trigger) == expected


def test_find_roles_conjoined_objects_are_all_recipients() -> None:
    assert roles_at(make_doc(CONJOINED_OBJECTS), 1).recipients == (2, 4)


def test_find_roles_conjoined_verb_inherits_subject() -> None:
    roles = roles_at(make_doc(CONJOINED_VERBS), 4, (4, 6))
    assert roles.actors == (0,)
    assert roles.recipients == ()


@pytest.mark.parametrize(
    ("table", "preps", "expected"),
    [
        (PROTEST_AGAINST, None, (3,)),
        (PROTEST_AGAINST, ("with",), ()),
        (PREVAIL_OVER, None, ()),
        (PREVAIL_OVER, ("over",), (3,)),
    ],
    ids=["default_against", "against_not_listed", "default_over", "over_listed"],
)
def test_find_roles_recipient_preps_honoured(
    table: str, preps: tuple[str, ...] | None, expected: tuple[int, ...]
) -> None:
    assert roles_at(make_doc(table), 1, recipient_preps=preps).recipients == expected


def test_find_roles_prepositional_clause_inherits_subject() -> None:
    assert roles_at(make_doc(AFTER_SIGNING), 4, (4, 6)).actors == (0,)


def test_with_conjuncts_expands_nouns_and_skips_clauses() -> None:
    nouns = make_doc(CONJOINED_OBJECTS)
    verbs = make_doc(CONJOINED_VERBS)
    assert [token.i for token in with_conjuncts([nouns[2]])] == [2, 4]
    assert [token.i for token in with_conjuncts([verbs[2], verbs[2]])] == [2]
    assert with_conjuncts([verbs[1]]) == []  # a verb and its verb conjunct are no actor phrases


# "Arnor threatened on Monday to break relations with Gondor."
THREAT_CLAUSE = """
Arnor 1 nsubj PROPN NNP Arnor
threatened 1 ROOT VERB VBD threaten
on 1 prep ADP IN on
Monday 2 pobj PROPN NNP Monday
to 5 aux PART TO to
break 1 xcomp VERB VB break
relations 5 dobj NOUN NNS relation
with 6 prep ADP IN with
Gondor 7 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnor demanded a truce with Gondor."
OBJECT_PARTNER = """
Arnor 1 nsubj PROPN NNP Arnor
demanded 1 ROOT VERB VBD demand
a 3 det DET DT a
truce 1 dobj NOUN NN truce
with 3 prep ADP IN with
Gondor 4 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnor rejected calls by Gondor." (trigger: rejected + calls)
NOUN_AGENT = """
Arnor 1 nsubj PROPN NNP Arnor
rejected 1 ROOT VERB VBD reject
calls 1 dobj NOUN NNS call
by 2 prep ADP IN by
Gondor 3 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnor expelled two Gondorian diplomats." (trigger: expelled + diplomats)
NAMED_OBJECT = """
Arnor 1 nsubj PROPN NNP Arnor
expelled 1 ROOT VERB VBD expel
two 4 nummod NUM CD two
Gondorian 4 amod ADJ JJ Gondorian
diplomats 1 dobj NOUN NNS diplomat
. 1 punct PUNCT . .
"""

# "Thousands of Rohirrim converged for a rally." (trigger: rally)
GOVERNED_NOUN = """
Thousands 3 nsubj NOUN NNS thousand
of 0 prep ADP IN of
Rohirrim 1 pobj PROPN NNPS Rohirrim
converged 3 ROOT VERB VBD converge
for 3 prep ADP IN for
a 6 det DET DT a
rally 4 pobj NOUN NN rally
. 3 punct PUNCT . .
"""


def test_find_roles_date_after_preposition_is_never_a_recipient() -> None:
    doc = make_doc(THREAT_CLAUSE)
    doc.ents = [doc.char_span(doc[3].idx, doc[3].idx + len("Monday"), label="DATE")]
    assert 3 not in roles_at(doc, 1).recipients


def test_find_roles_infinitive_clause_partner_is_the_recipient() -> None:
    doc = make_doc(THREAT_CLAUSE)
    doc.ents = [doc.char_span(doc[3].idx, doc[3].idx + len("Monday"), label="DATE")]
    assert roles_at(doc, 1) == Roles(actors=(0,), recipients=(6, 8))


def test_find_roles_partner_of_the_object_is_a_recipient() -> None:
    assert roles_at(make_doc(OBJECT_PARTNER), 1) == Roles(actors=(0,), recipients=(3, 5))


def test_find_roles_agent_of_the_trigger_noun_is_the_recipient() -> None:
    assert roles_at(make_doc(NOUN_AGENT), 1, (1, 2)) == Roles(actors=(0,), recipients=(4,))


def test_find_roles_trigger_object_with_a_nationality_is_the_recipient() -> None:
    assert roles_at(make_doc(NAMED_OBJECT), 1, (1, 4)) == Roles(actors=(0,), recipients=(4,))


def test_find_roles_nominal_trigger_takes_the_subject_of_its_governing_verb() -> None:
    assert roles_at(make_doc(GOVERNED_NOUN), 6).actors == (0,)


# "Arnor said Gondor must withdraw." / "Gondor must withdraw."
REPORTED_OBLIGATION = """
Arnor 1 nsubj PROPN NNP Arnor
said 1 ROOT VERB VBD say
Gondor 4 nsubj PROPN NNP Gondor
must 4 aux AUX MD must
withdraw 1 ccomp VERB VB withdraw
. 1 punct PUNCT . .
"""

BARE_OBLIGATION = """
Gondor 2 nsubj PROPN NNP Gondor
must 2 aux AUX MD must
withdraw 2 ROOT VERB VB withdraw
. 2 punct PUNCT . .
"""


def test_obligation_speakers_reported_must_clause_names_the_speaker() -> None:
    assert obligation_speakers(make_doc(REPORTED_OBLIGATION)[4]) == (0,)


@pytest.mark.parametrize(
    ("table", "token"),
    [
        (BARE_OBLIGATION, 2),
        (ACTIVE, 1),
        (REPORTED_OBLIGATION.replace("must 4 aux AUX MD must", "will 4 aux AUX MD will"), 4),
    ],
)
def test_obligation_speakers_none_without_a_reported_must(table: str, token: int) -> None:
    assert obligation_speakers(make_doc(table)[token]) == ()


# "Masks delivered by Arnor to Gondor arrived." (trigger: delivered, a participle modifying "Masks")
PARTICIPLE_AGENT = """
Masks 5 nsubj NOUN NNS mask
delivered 0 acl VERB VBN deliver
by 1 agent ADP IN by
Arnor 2 pobj PROPN NNP Arnor
to 1 prep ADP IN to
arrived 5 ROOT VERB VBD arrive
Gondor 4 pobj PROPN NNP Gondor
"""


def test_find_roles_agent_of_a_participle_is_the_actor() -> None:
    assert roles_at(make_doc(PARTICIPLE_AGENT), 1) == Roles(actors=(3,), recipients=(6,))


# "Arnor seized weapons from Gondor."
SEIZED_FROM = """
Arnor 1 nsubj PROPN NNP Arnor
seized 1 ROOT VERB VBD seize
weapons 1 dobj NOUN NNS weapon
from 1 prep ADP IN from
Gondor 3 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""


def test_find_roles_usual_prepositions_are_a_fallback_beyond_the_entrys_own() -> None:
    roles = roles_at(make_doc(SEIZED_FROM), 1, recipient_preps=("to",))
    assert (roles.recipients, roles.fallback_recipients) == ((2,), (4,))
    assert roles_at(make_doc(SEIZED_FROM), 1).fallback_recipients == ()


# "Arnor reiterated its demand." (trigger: reiterated + demand)
OWN_DEMAND = """
Arnor 1 nsubj PROPN NNP Arnor
reiterated 1 ROOT VERB VBD reiterate
its 3 poss PRON PRP$ its
demand 1 dobj NOUN NN demand
. 1 punct PUNCT . .
"""


def test_find_roles_possessive_pronoun_of_the_trigger_noun_is_the_subject_not_a_recipient() -> None:
    assert roles_at(make_doc(OWN_DEMAND), 1, (1, 3)).recipients == ()


# "Arnor said they will free Gondor."
REPORTED_THEY = """
Arnor 1 nsubj PROPN NNP Arnor
said 1 ROOT VERB VBD say
they 4 nsubj PRON PRP they
will 4 aux AUX MD will
free 1 ccomp VERB VB free
Gondor 4 dobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""

# "Arnorian forces were engaged in ethnic cleansing." (trigger: cleansing)
AGENTLESS_PASSIVE = """
Arnorian 1 amod ADJ JJ Arnorian
forces 3 nsubjpass NOUN NNS force
were 3 auxpass AUX VBD be
engaged 3 ROOT VERB VBN engage
in 3 prep ADP IN in
ethnic 6 amod ADJ JJ ethnic
cleansing 4 pobj NOUN NN cleansing
. 3 punct PUNCT . .
"""


def test_find_roles_pronoun_of_a_reported_clause_is_the_speaker() -> None:
    assert roles_at(make_doc(REPORTED_THEY), 4) == Roles(actors=(0,), recipients=(5,))


def test_find_roles_nominal_trigger_under_an_agentless_passive_takes_its_subject() -> None:
    assert roles_at(make_doc(AGENTLESS_PASSIVE), 6).actors == (1,)


# "the invasion of Gondor by Arnor"
INVASION_OF = """
the 1 det DET DT the
invasion 1 ROOT NOUN NN invasion
of 1 prep ADP IN of
Gondor 2 pobj PROPN NNP Gondor
by 1 prep ADP IN by
Arnor 4 pobj PROPN NNP Arnor
"""


def test_find_roles_of_is_the_recipient_where_the_entry_says_so() -> None:
    assert roles_at(make_doc(INVASION_OF), 1, recipient_preps=("of",)) == Roles(actors=(5,), recipients=(3,))
    assert roles_at(make_doc(INVASION_OF), 1).actors == (3, 5)


# "Arnor condemned Gondor over the detention." (trigger: detention)
ADJUNCT_OF_TRANSITIVE = """
Arnor 1 nsubj PROPN NNP Arnor
condemned 1 ROOT VERB VBD condemn
Gondor 1 dobj PROPN NNP Gondor
over 1 prep ADP IN over
the 5 det DET DT the
detention 3 pobj NOUN NN detention
. 1 punct PUNCT . .
"""


def test_find_roles_event_noun_in_an_adjunct_of_a_transitive_verb_has_no_inherited_actor() -> None:
    assert roles_at(make_doc(ADJUNCT_OF_TRANSITIVE), 5).actors == ()


# "Arnor demanded support from Gondor."
SUPPORT_FROM = """
Arnor 1 nsubj PROPN NNP Arnor
demanded 1 ROOT VERB VBD demand
support 1 dobj NOUN NN support
from 2 prep ADP IN from
Gondor 3 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""


def test_find_roles_partner_of_the_object_after_any_usual_preposition_is_a_fallback() -> None:
    roles = roles_at(make_doc(SUPPORT_FROM), 1, recipient_preps=("to",))
    assert (roles.recipients, roles.fallback_recipients) == ((2,), (4,))


# "Arnor congratulated Gondor on hosting the summit." (trigger: hosting)
CONGRATULATED_ON = """
Arnor 1 nsubj PROPN NNP Arnor
congratulated 1 ROOT VERB VBD congratulate
Gondor 1 dobj PROPN NNP Gondor
on 1 prep ADP IN on
hosting 3 pcomp VERB VBG host
the 6 det DET DT the
summit 4 dobj NOUN NN summit
. 1 punct PUNCT . .
"""

# "Arnor refused a demand from Gondor." (trigger: refused)
DEMAND_FROM = """
Arnor 1 nsubj PROPN NNP Arnor
refused 1 ROOT VERB VBD refuse
a 3 det DET DT a
demand 1 dobj NOUN NN demand
from 3 prep ADP IN from
Gondor 4 pobj PROPN NNP Gondor
. 1 punct PUNCT . .
"""


def test_find_roles_object_of_the_governor_performs_an_on_clause() -> None:
    assert roles_at(make_doc(CONGRATULATED_ON), 4).actors == (2,)


def test_find_roles_owner_of_the_refused_thing_is_a_fallback_recipient() -> None:
    roles = roles_at(make_doc(DEMAND_FROM), 1, recipient_preps=("to",))
    assert roles.recipients == (3,) and 5 in roles.fallback_recipients
