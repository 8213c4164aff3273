"""Phrase-level cues for actor resolution: a Doc's tokens, PlaceMatch and SectorMatch lists → spans and
decisions.

Noun phrases and names (where an actor phrase starts and ends, which words are a name), and which place or
title in a phrase is the actor's: stances ("pro-Iranian"), ethnicities, envoys ("ambassador of X to Y"),
coordinated nationalities ("U.S. and Russian negotiators"), descriptions before a name and titles after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from legation.actors.gazetteer import PlaceMatch, SectorMatch
from legation.actors.mentions import LINK_PARTICIPLES
from legation.model import ActorRef, Region

# "pro-Iranian group", "anti-Syria journalist": a stance towards a country, not the actor's nationality.
STANCE_PREFIXES = ("pro-", "anti-", "pro–", "anti–")
ETHNIC_WORDS = frozenset({"ethnic"})
# Titles of a state's representative abroad: "X's ambassador to Y" belongs to X, the sending state.
ENVOY_WORDS = frozenset(
    {"ambassador", "ambassadors", "envoy", "envoys", "consul", "emissary", "representative"}
)
ENVOY_WINDOW = 8
# Tokens that may stand between coordinated nationalities and their shared noun.
CHAIN_WORDS = frozenset({"and", ",", "or", "-", "–"})
NATIONALITY_KINDS = frozenset({"country", "alias", "demonym"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Dependencies that stay inside an actor's noun phrase
# ("South Korea's Foreign Affairs Minister Kang Kyung Wha",
# "the minister of foreign affairs of Kazakhstan, Mukhtar Tleuberdi"); clauses and other prepositions do not.
PHRASE_DEPS = frozenset(
    {"compound", "amod", "poss", "case", "det", "nmod", "appos", "nummod", "flat", "punct", "quantmod"}
)
PHRASE_PREPS = frozenset({"of"})
NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
# Prepositions a description before a name may hold
# ("Deputy Chairman of the State Agency on Health Insurance").
DESCRIPTION_PREPS = frozenset({"of", "on", "for"})
DESCRIPTION_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
# Titles that say "who heads it", not what it is: the president of an importers' association is BUS, the
# chairman of a state agency GOV (seeds 002, 004); their sector is the sector of the body they head.
HEAD_TITLE_WORDS = frozenset(
    {
        "president",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "head",
        "director",
        "chief",
        "leader",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officials",
        "representative",
        "executive",
        "manager",
        "member",
        "members",
        "presidents",
        "chairmen",
        "heads",
        "directors",
        "chiefs",
        "leaders",
        "representatives",
        "executives",
    }
)
# "in Baghdad", "near Jericho": a city named as where something happens is its population (PLOVER CVL), not
# its government ("Rabat welcomed ..." is GOV).
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "across", "throughout", "around", "inside", "within", "outside"}
)
BODY_KINDS = frozenset({"group", "organization", "suffix"})
# Words an acronym may leave out ("Organization of the Petroleum Exporting Countries").
ACRONYM_SKIPPED = frozenset(
    {
        "the",
        "of",
        "for",
        "and",
        "on",
        "in",
        "de",
        "des",
        "du",
        "la",
        "le",
        "et",
        "limited",
        "ltd",
        "inc",
        "plc",
        "llc",
    }
)


@dataclass(frozen=True, slots=True)
class Coordination:
    """Nationalities that share one noun: place start → the shared sector word, sector start → nearest
    place."""

    shared: Mapping[int, SectorMatch]
    modifier: Mapping[int, PlaceMatch]


def is_stance(match: PlaceMatch, doc: Doc) -> bool:
    """True for "pro-Iranian", "anti-Syria": the place follows a stance prefix."""
    token = doc[match.start]
    if token.lower_.startswith(STANCE_PREFIXES) and match.text != token.text:
        return True  # one token: "anti-Syria"
    before = doc.text[max(0, token.idx - 5) : token.idx].lower()
    return before.endswith(STANCE_PREFIXES)


def is_ethnic(match: PlaceMatch, doc: Doc) -> bool:
    """True for "ethnic Albanians": the demonym names an ethnicity, not a state (PLOVER codes where they
    live)."""
    return match.kind == "demonym" and match.start > 0 and doc[match.start - 1].lower_ in ETHNIC_WORDS


def envoy_before(match: PlaceMatch, doc: Doc, sectors: Sequence[SectorMatch]) -> SectorMatch | None:
    """The envoy title of "ambassador (of X) to <match>", when `match` is the host state; else None."""
    to_index = match.start - 1
    if to_index < 1 or doc[to_index].lower_ != "to":
        return None
    sentence_start = doc[to_index].sent.start
    window = max(sentence_start, to_index - ENVOY_WINDOW)
    envoys = [
        sector
        for sector in sectors
        if window <= sector.start < to_index and doc[sector.end - 1].lower_ in ENVOY_WORDS
    ]
    return envoys[-1] if envoys else None


def sender_of(envoy: SectorMatch, to_index: int, places: Sequence[PlaceMatch]) -> PlaceMatch | None:
    """The sending state: a place between the envoy title and "to" ("Ambassador of South Korea to"), else the
    place just before the title ("the Korean ambassador to")."""
    between = [place for place in places if envoy.end <= place.start < to_index]
    if between:
        return between[-1]
    before = [place for place in places if envoy.start - 3 <= place.start < envoy.start]
    return before[-1] if before else None


def coordination(places: Sequence[PlaceMatch], sectors: Sequence[SectorMatch], doc: Doc) -> Coordination:
    """ "U.S. and Russian negotiators": each nationality of the list gets the shared noun's sector, and the
    noun the nearest nationality."""
    place_at = {index: place for place in places for index in range(place.start, place.end)}
    sector_at = {sector.start: sector for sector in sectors}
    shared: dict[int, SectorMatch] = {}
    modifier: dict[int, PlaceMatch] = {}
    for place in places:
        if place.kind not in NATIONALITY_KINDS or doc[place.end - 1].tag_ in PLURAL_TAGS:
            continue
        if is_stance(place, doc) or is_ethnic(place, doc):
            continue
        index = place.end
        while index < len(doc) and (index in place_at or doc[index].lower_ in CHAIN_WORDS):
            if index in place_at and doc[place_at[index].end - 1].tag_ in PLURAL_TAGS:
                break  # "Bosnian Serbs and U.S. negotiators": "Serbs" is a noun of its own
            index += 1
        sector = sector_at.get(index)
        if sector is None:
            continue
        shared[place.start] = sector
        nearest = place_at.get(index - 1)
        if nearest is not None:
            modifier[sector.start] = nearest
    return Coordination(shared, modifier)


def excluded_tokens(doc: Doc, regions: Iterable[Region]) -> frozenset[int]:
    """Indices of tokens that fall in a boilerplate region."""
    indices: set[int] = set()
    for region in regions:
        span = doc.char_span(region.start, region.end, alignment_mode="expand")
        if span is not None:
            indices.update(range(span.start, span.end))
    return frozenset(indices)


def noun_phrase(head: Token) -> Span:
    """The smallest span covering `head` and its phrase-internal dependents (no clauses, no conjuncts)."""
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            inside = child.dep_ in PHRASE_DEPS or (child.dep_ == "prep" and child.lower_ in PHRASE_PREPS)
            inside = inside or (child.dep_ == "npadvmod" and token.lower_ in LINK_PARTICIPLES)  # "U.S.-led"
            inside = inside or (child.dep_ == "pobj" and token.dep_ == "prep")
            if inside and child.i not in keep:
                keep.add(child.i)
                stack.append(child)
    doc = head.doc
    start, end = _contiguous(keep, head.i, doc)
    return trimmed(doc, start, end)


def trimmed(doc: Doc, start: int, end: int) -> Span:
    """doc[start:end] without punctuation or spaces at its edges (a closing bracket after an acronym
    stays)."""
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text == ")" and end - 3 >= start and doc[end - 3].text == "(":
            break  # "... Development (AMDIE)"
        end -= 1
    return doc[start:end]


def _contiguous(keep: set[int], index: int, doc: Doc) -> tuple[int, int]:
    """The run of kept tokens around `index` (a hyphen between kept tokens counts): conjuncts stay outside."""
    start, end = index, index + 1
    while start - 1 in keep or (start - 2 in keep and doc[start - 1].tag_ == "HYPH"):
        start -= 1
    while end in keep or (end + 1 in keep and doc[end].tag_ == "HYPH"):
        end += 1
    return start, end


def name_tokens(span: Span | Iterable[Token]) -> list[str]:
    """The words of a span that can be part of a name: capitalised, no stop word, no digit ("COVID-19" is
    none); a hyphenated part stays with its word ("Kang Kyung-wha")."""
    words: list[str] = []
    kept: Token | None = None
    tokens = list(span)
    for index, token in enumerate(tokens):
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.text == "-"
            and kept is not None
            and kept.i == token.i - 1
            and not kept.whitespace_
            and not token.whitespace_
            and after is not None
            and after.is_alpha
        ):
            words[-1] += "-" + after.text
            kept = after
            continue
        if kept is not None and token.i == kept.i and words[-1].endswith("-" + token.text):
            continue  # the part just glued on
        if (
            NAME_TOKEN.match(token.text)
            and not token.is_stop
            and not any(char.isdigit() for char in token.text)
        ):
            words.append(token.text)
            kept = token
    return words


def name_keys(name: str) -> list[str]:
    """Every contiguous part of a name ("Kang Kyung Wha" → "kyung wha", "wha", ...): later mentions use any
    of them."""
    parts = name.lower().replace("-", " ").split()
    return [" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


def without_places(entity: Span, place_at: Mapping[int, PlaceMatch]) -> Span | None:
    """A PERSON entity with place names trimmed off its edges ("Azerbaijan Kim Tong Op" → "Kim Tong Op")."""
    start, end = entity.start, entity.end
    while start < end and start in place_at:
        start += 1
    while end > start and end - 1 in place_at:
        end -= 1
    if start == end:
        return None
    return entity.doc[start:end] if (start, end) != (entity.start, entity.end) else entity


def acronym_after(entity: Span) -> str | None:
    """ "Agency for Investment and Export Development (AMDIE)" → "AMDIE"."""
    doc = entity.doc
    if entity.end + 2 < len(doc) and doc[entity.end].text == "(" and doc[entity.end + 2].text == ")":
        candidate = doc[entity.end + 1].text
        if candidate.isupper() and 2 <= len(candidate) <= 10:
            return candidate
    return None


def with_entity(phrase: Span, entity: Span) -> Span:
    """A phrase grown to cover the whole organisation it names, with its acronym: "the Moroccan Agency for
    Investment and Export Development (AMDIE)" is one actor, not "the Moroccan Agency" (seed 004)."""
    start, end = min(phrase.start, entity.start), max(phrase.end, entity.end)
    if acronym_after(entity) and entity.end >= phrase.end:
        end = entity.end + 3
    return trimmed(phrase.doc, start, end)


def is_name_word(token: Token, common_words: frozenset[str]) -> bool:
    """A capitalised proper noun that is no common word, stop word or number."""
    return token.pos_ == "PROPN" and bool(name_tokens([token])) and token.lower_ not in common_words


def person_tail(entity: Span, common_words: frozenset[str]) -> Span | None:
    """The person's name an organisation entity ends with: "the State Agency on Mandatory Health Insurance
    Nigar Bayramova" (seed 002). A surname is used alone elsewhere in the article; the last word of a body's
    name is not."""
    if len(entity) < 3 or not is_name_word(entity[-1], common_words):
        return None
    last, before = entity[-1], entity[-2]
    doc = entity.doc
    alone = any(
        token.text == last.text
        and token.i != last.i
        and (token.i == 0 or doc[token.i - 1].text != before.text)
        for token in doc
    )
    if not alone:
        return None
    start = before.i if is_name_word(before, common_words) and before.i > entity.start + 1 else last.i
    return doc[start : entity.end]


def described(name: Span) -> Span:
    """A name with the description written before it: "South Korean medical supply manufacturer and
    distributor Osang Healthcare", "Deputy Chairman of the State Agency on Health Insurance Nigar
    Bayramova"."""
    doc = name.doc
    start = name.start
    index = name.start - 1
    while index >= name.sent.start:
        token = doc[index]
        if (
            token.pos_ in DESCRIPTION_POS
            or token.tag_ in {"HYPH", "POS"}
            or token.lower_ in DESCRIPTION_PREPS
        ):
            start = index
        elif token.pos_ == "DET" and index > 0 and doc[index - 1].lower_ in DESCRIPTION_PREPS:
            start = index  # "of the State Agency": the description goes on before the article
        elif (
            token.lower_ == "and"
            and 0 < index < name.start - 1
            and doc[index - 1].pos_ == doc[index + 1].pos_ == "NOUN"
        ):
            start = index  # "manufacturer and distributor"; "the government and South Korean ..." stops
        else:
            break
        index -= 1
    while start < name.start and (
        doc[start].lower_ in DESCRIPTION_PREPS or doc[start].pos_ in {"CCONJ", "PART"}
    ):
        start += 1
    return doc[start : name.end]


def title_after(name: Span, sectors: Sequence[SectorMatch]) -> SectorMatch | None:
    """A title in a comma apposition after a name: "Omar Hajjira, the Minister Delegate in charge of ..."
    (seed 004)."""
    doc = name.doc
    index = name.end
    if index >= len(doc) or doc[index].text != ",":
        return None
    index += 1
    if index < len(doc) and doc[index].pos_ == "DET":
        index += 1
    return next((match for match in sectors if match.start == index and match.kind == "title"), None)


def title_before(phrase: Span, sectors: Sequence[SectorMatch]) -> SectorMatch | None:
    """The nearest title before a phrase in its sentence: "her counterpart" has the title of the other
    side."""
    sentence_start = phrase.sent.start
    before = [
        match
        for match in sectors
        if match.kind == "title" and sentence_start <= match.start and match.end <= phrase.start
    ]
    return before[-1] if before else None


def heads_a_body(title: str | None) -> bool:
    """ "president", "deputy chairman": a title that heads a body rather than naming one."""
    if not title or not title.split():
        return False
    return title.lower().split()[-1] in HEAD_TITLE_WORDS


def headed_body(title: SectorMatch, phrase: Span, sectors: Sequence[SectorMatch]) -> SectorMatch:
    """A head title takes the sector of the body it heads: "chairman of the State Agency" → GOV, "president of
    the Importers Association" → BUS; "President of the People's Republic" keeps its own."""
    if title.kind not in {"title", "group"} or not heads_a_body(title.text):
        return title
    doc = phrase.doc
    heads = [child for child in doc[title.end - 1].children if child.dep_ == "prep" and child.lower_ == "of"]
    bodies = [
        grand.i
        for child in heads
        for grand in child.children
        if grand.dep_ == "pobj" and grand.i < phrase.end
    ]
    for match in sectors:
        if match.kind in BODY_KINDS and any(match.start <= index < match.end for index in bodies):
            return replace(title, sector=match.sector)
    return title


def in_name(match: SectorMatch, entity: Span | None) -> bool:
    """A sector word inside an organisation's name that is not its head: "National" in "China National Biotec
    Group" says nothing of the sector (seed 001); "Association" in "Korea Importers Association" does."""
    if (
        entity is None
        or entity.label_ != "ORG"
        or not (entity.start <= match.start and match.end <= entity.end)
    ):
        return False
    return match.end != entity.end and not (match.start <= entity.root.i < match.end)


def abbreviates(acronym: str, name: str) -> bool:
    """True when an acronym is built from the starts of a name's words, in order, each word giving at least
    its first letter: "KOIMA" is "KOrea IMporters Association" (seed 004), "CNBG" "China National Biotec
    Group"."""
    words = [word for word in name.lower().split() if word not in ACRONYM_SKIPPED]
    return len(words) >= 2 and _abbreviates(acronym.lower(), words)


def _abbreviates(letters: str, words: list[str]) -> bool:
    if not words:
        return not letters
    if not letters:
        return False
    first = words[0]
    return any(
        letters[:size] == first[:size] and _abbreviates(letters[size:], words[1:])
        for size in range(1, min(len(first), len(letters)) + 1)
    )


def is_location(root: Token) -> bool:
    """True for a place named as where something happens: "curfew in Algiers", "battles in central
    Baghdad"."""
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPS


def coordinated(
    places: Sequence[PlaceMatch], shared: Coordination, excluded: frozenset[int], doc: Doc
) -> list[ActorRef]:
    """ "U.S. and Russian negotiators": one mention per nationality, each with the shared noun's sector."""
    found = []
    for place in places:
        sector = shared.shared.get(place.start)
        if sector is None or place.start in excluded:
            continue
        span = doc[place.start : sector.end]
        found.append(
            ActorRef(
                text=span.text,
                title=sector.text if sector.kind == "title" else None,
                country=place.code,
                sector=sector.sector,
                start=span.start_char,
                end=span.end_char,
                resolved_by="gazetteer",
                confidence=0.9,
            )
        )
    return found
