"""The event coder: ParsedArticle → CodedArticle (events in the contract's shape, and the drops with reasons).

Per sentence: find triggers, read roles from the parse, resolve actors, apply modality (PLOVER: a future
CONSULT/SUPPORT/COOPERATE/AID is an AGREE), date the event from the text, and keep what passes the guards.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from legation import __version__
from legation.actors.resolve import ActorResolver, ArticleContext
from legation.events.dates import DateRules, infer_publication_date, resolve_event_date
from legation.events.modality import find_modality
from legation.events.roles import Roles, find_roles, obligation_speakers
from legation.events.triggers import TriggerFinder, TriggerMatch
from legation.lexicons import Lexicons
from legation.model import (
    ActorRef,
    CodedArticle,
    Drop,
    Event,
    EventDate,
    Evidence,
    Modality,
    ParsedArticle,
    PloverCoding,
    Quantity,
)
from legation.settings import Settings

QUANTITY_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
NUMBER = re.compile(r"[\d][\d,]*(?:\.\d+)?")
LOCATION_PREPS = frozenset({"in", "at", "near", "inside", "outside"})
# Material conflict whose target names no one is coded against the place it hits (as ICEWS and POLECAT do).
PLACED_TARGETS = frozenset({"ASSAULT", "COERCE", "PROTEST"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
DEMAND_CAMEO = "100"  # CAMEO "demand, unspecified": a reported obligation ("X said Y must ...")
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event before its id is assigned: kept or dropped by the sentence-level guards."""

    match: TriggerMatch
    event: Event


class EventCoder:
    """Codes one parsed article at a time; holds only immutable lexicons and settings."""

    def __init__(self, lexicons: Lexicons, resolver: ActorResolver, settings: Settings) -> None:
        self.lexicons = lexicons
        self.finder = TriggerFinder(lexicons.triggers)
        self.resolver = resolver
        self.settings = settings
        self.version = f"{__version__}+{lexicons.version}"
        self.states = frozenset(country.iso3 for country in lexicons.world.countries)

    def __call__(self, parsed: ParsedArticle) -> CodedArticle:
        article = parsed.article
        context = self.resolver.prepare(parsed)
        reference = publication_reference(parsed, self.lexicons.dates)
        events: list[Event] = []
        drops: list[Drop] = []
        for sentence_index, sentence in enumerate(parsed.doc.sents):
            if sentence.root.i in context.excluded or not sentence.text.strip():
                continue
            if len(sentence.text) > self.settings.max_sentence_chars:
                drops.append(
                    Drop(
                        "code",
                        "sentence_too_long",
                        f"sentence {sentence_index}: {len(sentence.text)} "
                        f"characters > max_sentence_chars ({self.settings.max_sentence_chars:,})",
                        article.article_id,
                    )
                )
                continue
            kept, dropped = self._code_sentence(
                sentence, sentence_index, context, reference, article.article_id
            )
            drops.extend(dropped)
            for number, candidate in enumerate(kept):
                events.append(
                    replace(candidate.event, event_id=f"{article.article_id}:{sentence_index}:{number}")
                )
        return CodedArticle(article=article, events=tuple(events), drops=tuple(drops))

    def _code_sentence(
        self,
        sentence: Span,
        index: int,
        context: ArticleContext,
        reference: EventDate | None,
        article_id: str,
    ) -> tuple[list[Candidate], list[Drop]]:
        candidates: list[Candidate] = []
        drops: list[Drop] = []
        for match in self.finder(sentence):
            if match.token in context.excluded:
                continue
            candidate = self._candidate(match, sentence, index, context, reference, article_id)
            if isinstance(candidate, Drop):
                drops.append(candidate)
            else:
                candidates.append(candidate)
        return select(candidates, main_first=sentence.doc), drops

    def _candidate(
        self,
        match: TriggerMatch,
        sentence: Span,
        index: int,
        context: ArticleContext,
        reference: EventDate | None,
        article_id: str,
    ) -> Candidate | Drop:
        doc = sentence.doc
        token = doc[match.token]
        entry = match.entry
        roles = find_roles(token, match.tokens, recipient_preps=entry.recipient_preps)
        actors, recipients = self._actors(
            roles, context, symmetric=entry.symmetric, plover_event=entry.plover, trigger_tokens=match.tokens
        )
        # "X said that Y must V": what is reported is X's demand on Y, not Y's act.
        speakers = [
            actor for i in obligation_speakers(token) for actor in self.resolver.resolve(doc[i], context)
        ]
        demand = bool(speakers) and {a.country for a in speakers} != {a.country for a in actors}
        if demand:
            actors, recipients = speakers, [actor for actor in actors if actor.country] or recipients
        where = f"sentence {index}, trigger {token.text!r}"
        if self.settings.require_dyad and not (actors and recipients):
            return Drop(
                "code",
                "no_dyad",
                f"{where}: {entry.cameo} without an actor and a recipient country",
                article_id,
            )
        if not recipients:
            recipients = implied_recipients(
                actors, entry.plover, self.lexicons.implicit_recipients, self.states
            )
        modality, tense = find_modality(token, self.lexicons.modality)
        plover_event, cameo_code = entry.plover, entry.cameo
        contexts = tuple(entry.contexts) or self.lexicons.ontology.plover_for_cameo(cameo_code).contexts
        # What would happen only under a condition ("if it is attacked") is neither promised nor threatened.
        intended = (modality.future or tense == "future") and not modality.hypothetical
        if modality.negated and plover_event in self.lexicons.negated_reject:
            plover_event = (
                "REJECT"  # not yielding is refusing to yield (CAMEO 124): an act, not a negated one
            )
            cameo_code = self.lexicons.negated_reject_code(entry.plover, contexts)
            modality = replace(modality, negated=False)
        elif intended and plover_event in self.lexicons.future_agree:
            plover_event = "AGREE"
            cameo_code = self.lexicons.future_agree_code(entry.plover, contexts)
        elif intended and plover_event in self.lexicons.future_threaten and not modality.negated:
            plover_event = "THREATEN"  # an announced coercion, sanction or attack is a threat (CAMEO 13)
            cameo_code = self.lexicons.future_threaten_code(entry.plover, contexts)
        if demand:
            plover_event, cameo_code = "REQUEST", DEMAND_CAMEO
        mode = entry.mode if plover_event == entry.plover else None
        cameo = self.lexicons.ontology.cameo(cameo_code)
        plover = PloverCoding(
            event=plover_event,
            mode=mode,
            contexts=contexts,
            intensity=self.lexicons.ontology.intensity(plover_event, mode),
        )
        focus = doc[min(match.tokens)].idx - sentence.start_char
        date = resolve_event_date(
            sentence.text, reference, tense=tense, focus=focus, rules=self.lexicons.dates
        )
        symmetric = bool(entry.symmetric or roles.joint) and not demand
        event = Event(
            event_id="",
            article_id=article_id,
            sentence_index=index,
            date=date,
            plover=plover,
            cameo=cameo,
            actor=tuple(actors),
            recipient=tuple(recipients),
            evidence=evidence_of(sentence, context.excluded),
            symmetric=symmetric,
            modality=modality,
            quantities=tuple(find_quantities(token, match.tokens)),
            confidence=confidence(match, actors, recipients, modality),
            trigger=" ".join(doc[i].text for i in sorted(match.tokens)),
            coder_version=self.version,
        )
        return Candidate(match=match, event=event)

    def _actors(
        self,
        roles: Roles,
        context: ArticleContext,
        *,
        symmetric: bool,
        plover_event: str = "",
        trigger_tokens: Sequence[int] = (),
    ) -> tuple[list[ActorRef], list[ActorRef]]:
        doc = context.doc
        actors = [actor for index in roles.actors for actor in self.resolver.resolve(doc[index], context)]
        if not actors:
            actors = [
                actor
                for index in roles.fallback_actors
                for actor in self.resolver.resolve(doc[index], context)
            ]
        recipients = [
            actor for index in roles.recipients for actor in self.resolver.resolve(doc[index], context)
        ]
        if not recipients:
            recipients = [
                a for index in roles.fallback_recipients for a in self.resolver.resolve(doc[index], context)
            ]
        if not recipients and (plover_event in PLACED_TARGETS or roles.recipients):
            # What the act falls on names no one but a place ("fired at targets in Jericho", "a centre in
            # Tokyo"), or material conflict names only where it happened ("ethnic cleansing in Montenegro"):
            # the place.
            own = [doc[index] for index in trigger_tokens]
            # a nominal trigger's place may hang on its verb ("were engaged in ethnic cleansing in
            # Montenegro")
            own += [
                token.head.head
                for token in own
                if token.dep_ == "pobj" and token.head.head.pos_ in {"VERB", "AUX"}
            ]
            for heads in ([doc[index] for index in roles.recipients], own):
                recipients = [
                    replace(
                        actor,
                        resolved_by="place",
                        confidence=min(actor.confidence, 0.6),
                        sector="GOV" if plover_event == "PROTEST" else actor.sector,
                    )  # protests address rulers
                    for head in heads
                    for place in _placed_in(head)
                    for actor in self.resolver.resolve(place, context)
                    if actor.country
                ]
                if recipients or plover_event not in PLACED_TARGETS:
                    break
        if not recipients and (symmetric or roles.joint) and len({a.country for a in actors}) >= 2:
            # "Morocco and China signed ...", "the two countries agreed ...": one side each.
            first = actors[0].country
            recipients = [actor for actor in actors if actor.country != first]
            actors = [actor for actor in actors if actor.country == first]
        # A recipient that is the actor again (same country and sector, or the actor's country with no sector
        # of its own: "it", "the country", "conveyed Morocco's congratulations") is no dyad; government →
        # rebels of the same country is.
        sides = {(actor.country, actor.sector) for actor in actors}
        countries = {actor.country for actor in actors}
        recipients = [
            actor
            for actor in recipients
            if (actor.country, actor.sector) not in sides
            and not (actor.country in countries and actor.sector is None)
        ]
        return _fill_counterparts(actors, recipients)


def _fill_counterparts(
    actors: list[ActorRef], recipients: list[ActorRef]
) -> tuple[list[ActorRef], list[ActorRef]]:
    """ "her Moroccan counterpart": same title and sector as the other side, other country."""

    def fill(side: list[ActorRef], other: list[ActorRef]) -> list[ActorRef]:
        model = next((actor for actor in other if actor.title), None)
        if model is None:
            return side
        return [
            replace(actor, title=model.title, sector=actor.sector or model.sector)
            if "counterpart" in actor.text.lower() and not actor.title
            else actor
            for actor in side
        ]

    return fill(actors, recipients), fill(recipients, actors)


def _placed_in(token: Token, depth: int = 2) -> list[Token]:
    """The places a word is said to be in, at or near ("targets in Jericho"), also through one unnamed place
    ("rioted at a jail in northern Israel")."""
    places: list[Token] = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATION_PREPS:
            continue
        for item in prep.children:
            if item.dep_ != "pobj":
                continue
            if item.ent_type_ in PLACE_ENTITIES:
                places.append(item)
            elif depth > 1:
                places.extend(_placed_in(item, depth - 1))
    return places


def implied_recipients(
    actors: Sequence[ActorRef],
    plover_event: str,
    table: dict[str, tuple[tuple[frozenset[str], str], ...]],
    states: frozenset[str] | None = None,
) -> list[ActorRef]:
    """PLOVER's domestic convention: protesters, opposition or rebels who name no target act on their own
    government ("Demonstrators in Jakarta demanded ..." → IDN CVL → IDN GOV).

    Only reached when the text names no recipient, so never under require_dyad, which wants a named one.
    With `states`, only actors of those countries (an organisation has no own government or population).
    """
    implied = {
        (actor.country, recipient_sector): None
        for sectors, recipient_sector in table.get(plover_event, ())
        for actor in actors
        if actor.country and actor.sector in sectors and (states is None or actor.country in states)
    }
    return [
        ActorRef(text="", country=country, sector=sector, resolved_by="implied", confidence=0.5)
        for country, sector in implied
    ]


def select(candidates: list[Candidate], *, main_first: Doc | None = None) -> list[Candidate]:
    """Sentence guards: one event per dyad and type, statements only when nothing more specific was said.

    The kept events come in trigger order; with `main_first` (the parsed Doc), the sentence's main event
    comes first: the trigger nearest the root of the parse ("condemned the attack": the condemnation, not the
    attack;
    "forces backed by Russia pounded ...": the pounding, not the backing), then by position.
    """
    substantive = [c for c in candidates if c.event.cameo.root != "01"]
    pool = substantive or candidates
    best: dict[tuple[str, frozenset[str | None], frozenset[str | None]], Candidate] = {}
    for candidate in pool:
        event = candidate.event
        key = (
            event.plover.event,
            frozenset(actor.country for actor in event.actor),
            frozenset(actor.country for actor in event.recipient),
        )
        current = best.get(key)
        if current is None or candidate.match.specificity > current.match.specificity:
            best[key] = candidate
    if main_first is None:
        return sorted(best.values(), key=lambda c: min(c.match.tokens))
    return sorted(best.values(), key=lambda c: (_depth(main_first[c.match.token]), min(c.match.tokens)))


def _depth(token: Token) -> int:
    """Hops from a token up to the root of its sentence."""
    hops = 0
    while token.head.i != token.i and hops < 50:
        token, hops = token.head, hops + 1
    return hops


def publication_reference(parsed: ParsedArticle, rules: DateRules) -> EventDate | None:
    """The date events are resolved against: the article's own date, else one inferred from its text."""
    article = parsed.article
    if article.published is not None:
        return EventDate(article.published.isoformat(), "day", article.published_basis or "metadata")
    return infer_publication_date(article.text, rules=rules)


def evidence_of(sentence: Span, excluded: frozenset[int] = frozenset()) -> Evidence:
    """The sentence as evidence, without surrounding space or the dateline/byline tokens glued to its
    start."""
    start, end = sentence.start, sentence.end
    while start < end and (start in excluded or sentence.doc[start].is_space or sentence.doc[start].is_punct):
        start += 1
    while end > start and (end - 1 in excluded or sentence.doc[end - 1].is_space):
        end -= 1
    if start == end:
        start, end = sentence.start, sentence.end
    span = sentence.doc[start:end]
    text = span.text.strip()
    begin = span.start_char + (len(span.text) - len(span.text.lstrip()))
    return Evidence(text=text, start=begin, end=begin + len(text))


def confidence(
    match: TriggerMatch, actors: Sequence[ActorRef], recipients: Sequence[ActorRef], modality: Modality
) -> float:
    """A 0-1 score: specific wording and directly named actors score high; inferred actors and modality
    lower it."""
    score = 0.75 + 0.05 * min(match.specificity, 3)
    sides = [*actors, *recipients]
    if sides:
        score *= min(actor.confidence for actor in sides) ** 0.5
    if not recipients:
        score *= 0.7
    if modality.negated:
        score *= 0.4
    if modality.hypothetical:
        score *= 0.6
    return max(0.0, min(1.0, score))


def find_quantities(token: Token, trigger_tokens: Sequence[int]) -> Iterator[Quantity]:
    """Numbers and amounts in the trigger's object phrases ("100,000 test kits", "$5 million")."""
    doc = token.doc
    heads = [doc[index] for index in trigger_tokens]
    heads.extend(child for child in token.children if child.dep_ in {"dobj", "nsubjpass", "prep", "dative"})
    seen: set[int] = set()
    for head in heads:
        for item in head.subtree:
            if item.i in seen or item.ent_type_ not in QUANTITY_LABELS or item.ent_iob_ != "B":
                continue
            entity = next(ent for ent in doc.ents if ent.start == item.i)
            seen.update(range(entity.start, entity.end))
            goods = entity.root.head if entity.root.dep_ in {"nummod", "quantmod"} else None
            text = (
                doc[entity.start : goods.i + 1].text
                if goods is not None and goods.i >= entity.end
                else entity.text
            )
            yield Quantity(
                text=text, value=parse_number(entity.text), unit=goods.lemma_ if goods is not None else None
            )


def parse_number(text: str) -> float | None:
    match = NUMBER.search(text)
    if match is None:
        return None
    value = float(match.group().replace(",", ""))
    for word, scale in SCALE_WORDS.items():
        if word in text.lower():
            value *= scale
    return value
