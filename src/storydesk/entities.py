"""People, organisations and places of a story, each under one canonical name.

Names are canonicalised across the whole story: "Mr Livingstone", "Livingstone" and
"Ken Livingstone" all become the longest full form, "Ken Livingstone", and a name written with
a nickname ("Mike Brown", "Michael Brown") joins the form the story uses most, through the
`nicknames` package's table of English given names. A description the text
links to a person ("the former London mayor") becomes one of its aliases. spaCy's small
model takes many names it has never seen for the wrong kind of thing ("Upper Selvane",
"Carrow Fell" for people): a name's shape ("Port ...", "... Fell") and the words around its
mentions ("in", "near", "between Port Ardel and", "were left fuming") correct the label
(`entity_cues`), unless a role marks the name as a person's. A dateline
in capitals ("KENDRY CROSS") is the same name as "Kendry Cross", and a US state abbreviated in
AP style ("Berkeley, Calif.") is the state ("California", from the `us` package's table).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import us

from storydesk.entity_cues import (
    ORG_LAST,
    corrected_label,
    joined_spans,
    mention_cues,
    nicknamer,
    owned_by,
)
from storydesk.entity_lists import (
    ARABIC_ARTICLE,
    fullest_roles,
    given_names_found,
    heads_of_names,
    is_body_role,
    roles_in_sentence_case,
    short_forms_folded,
    unique,
    variants_folded,
)
from storydesk.lexicon import HONORIFICS, ORG_NOUNS, PERSON_NOUNS, POSSESSIVE, TITLES, clean_name
from storydesk.mentions import DISABLE, VERSION, mentions_many
from storydesk.models import Article, Entity
from storydesk.nlp import load_nlp
from storydesk.settings import Settings

Mentions = Mapping[str, Any]

# Social and streaming platforms, which the model takes for people or places ("posted on
# Instagram", "Netflix parted ways with him").
PLATFORMS = frozenset(
    """instagram twitter facebook youtube snapchat tiktok whatsapp telegram reddit linkedin
    pinterest weibo wechat threads bluesky netflix hulu spotify twitch""".split()  # noqa: SIM905
)
# Time zones the model tags as organisations ("at 7.40 a.m. (0740 GMT)"): no entity.
TIME_ZONES = frozenset("GMT UTC BST CET CEST EST EDT CST CDT MST MDT PST PDT ET PT".split())  # noqa: SIM905


def load_mentions(
    articles: Sequence[Article], *, settings: Settings, cached: Mapping[str, Mentions] | None = None
) -> list[Mentions]:
    """Return each article's mentions, parsing (in one nlp.pipe batch) only the uncached ones.

    Args:
        articles: the story's articles.
        settings: storydesk settings (spacy_model).
        cached: article id -> an earlier `mentions.article_mentions` result (results of
            another VERSION are ignored; key the cache by article id and junk spans).

    Returns:
        One mentions dict per article, in order.
    """
    cached = {k: v for k, v in (cached or {}).items() if v.get("version") == VERSION}
    todo = [a for a in articles if a.id not in cached]
    fresh: dict[str, Mentions] = {}
    if todo:
        nlp = load_nlp(settings.spacy_model, disable=DISABLE)
        fresh = {m["article_id"]: m for m in mentions_many(todo, nlp)}
    return [cached.get(a.id) or fresh[a.id] for a in articles]


@dataclass
class Names:
    """Canonical names of one story: persons by surname and full form, organisations by prefix."""

    persons: Counter[str] = field(default_factory=Counter)
    by_article: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    orgs: Counter[str] = field(default_factory=Counter)

    def canonical(self, surface: str, article_id: str | None = None, label: str = "") -> str:
        """Return the canonical form of a name as written in one article (label if known)."""
        name = clean_name(surface)
        if name.isupper():  # a transcript's label or a dateline: "TRUMP", "DONALD TRUMP"
            name = self._usual_case(name)
        words = name.split()
        if not words:
            return surface.strip()
        if len(words) == 1:
            found = self._single(words[0], article_id, label)
            return found or (self._org(name) if label in ("", "ORG") else name)
        if name in self.persons or (looks_personal(words) and label != "ORG"):
            return self._full(name)
        return self._org(name)  # "Kessmoor Royal" tagged ORG: "Kessmoor Royal Infirmary"

    def _usual_case(self, name: str) -> str:
        """Return a name in capitals as the story's persons write it, when one does."""
        folded = name.casefold()
        for person in self.persons:
            if person.isupper():
                continue
            if person.casefold() == folded:
                return person
            if " " not in name and person.split()[-1].casefold() == folded:
                return person.split()[-1]
        return name

    def is_person(self, name: str) -> bool:
        """Tell whether a canonical name is a person's."""
        return name in self.persons

    def _single(self, word: str, article_id: str | None, label: str) -> str | None:
        """Resolve a lone surname (or a person's first name) to the full name it abbreviates."""
        fulls = [n for n in self.persons if len(n.split()) > 1]
        picks = [lambda n: n.split()[-1] == word]
        if label in ("", "PERSON"):
            picks.append(lambda n: n.split()[0] == word)
        for pick in picks:
            matches = [n for n in fulls if pick(n)]
            local = [n for n in matches if article_id and n in self.by_article.get(article_id, ())]
            chosen = local or matches
            if chosen:
                best = max(chosen, key=lambda n: (self.persons[n], len(n)))
                return self._full(best)
        return None

    def _full(self, name: str) -> str:
        """Return the longest full form with the same first and last word ("John A. Smith").

        A form with a nickname for the first name ("Mike Brown" for "Michael Brown") is the
        same person: the group's most used form is the name, the formal one on a tie.
        """
        words = name.split()
        longer = [
            n
            for n in self.persons
            if len(n) > len(name) and n.split()[0] == words[0] and n.split()[-1] == words[-1]
        ]
        full = max(longer, key=lambda n: (len(n), self.persons[n])) if longer else name
        twins = self._nickname_twins(full)
        if not twins:
            return full
        return max([full, *twins], key=lambda n: (self.persons[n], is_formal(n), len(n)))

    def _nickname_twins(self, name: str) -> list[str]:
        """Return the forms of this name with a nickname (or formal) first name, if unambiguous.

        "Chris Brown" beside both "Christine Brown" and "Christopher Brown" is neither's twin.
        """
        words = name.split()
        if len(words) < 2:
            return []
        first, last = words[0], words[-1]
        others = self._given_variants(first, last)
        if len(others) != 1:
            return []
        (other,) = others
        if self._given_variants(other, last) != {first}:
            return []
        return [n for n in self.persons if n.split()[0] == other and n.split()[-1] == last]

    def _given_variants(self, first: str, last: str) -> set[str]:
        """Return the other first names, nicknames or formal, that go with this surname."""
        return {
            n.split()[0]
            for n in self.persons
            if len(n.split()) > 1
            and n.split()[-1] == last
            and n.split()[0] != first
            and same_given_name(n.split()[0], first)
        }

    def _org(self, name: str) -> str:
        """Return the longest organisation name that begins with this one ("Labour Party"),
        or the one that ends with this body's name ("Borough Council").

        Only a capitalised name is a name's start: "council" is a description, and the
        parser's lowercase "council raised council" (of "the council raised council tax")
        no organisation.
        """
        if not name[:1].isupper():
            return name
        longer = [n for n in self.orgs if n.startswith(name + " ") and n[:1].isupper()]
        if longer:
            return max(longer, key=lambda n: (self.orgs[n], len(n)))
        if len(name.split()) <= 2:  # a body's generic name: "Borough Council"
            return named_body(name, self.orgs) or name
        return name


_JOINED = re.compile(r" (?:and|&) ")


def named_body(generic: str, names: Iterable[str]) -> str | None:
    """Return the one name among `names` that a body's generic name or description stands
    for: its noun ends the name and its other words are the name's ("Borough Council",
    "Dunmere Borough Council"; "investigation office", "Maritime Accident Investigation
    Office"). "fire service's union" stands for none, nor does a name that joins two bodies
    ("X and Y Hospital")."""
    words = generic.lower().split()
    if not words or words[-1] not in ORG_NOUNS or not all(w.isalpha() for w in words):
        return None
    found = [
        name
        for name in names
        if name[:1].isupper()
        and name.lower() != generic.lower()
        and name.lower().split()[-1] == words[-1]
        and set(words) <= set(name.lower().split())
        and not _JOINED.search(name)
    ]
    return found[0] if len(found) == 1 else None


def build_names(mentions: Iterable[Mentions]) -> Names:
    """Learn a story's person and organisation names from its articles' mentions."""
    names = Names()
    for item in mentions:
        for _start, _end, label, text in item["entities"]:
            name = clean_name(_name_part(text))
            if not name:
                continue
            if label == "PERSON":
                names.persons[name] += 1
                names.by_article[item["article_id"]].add(name)
            elif label == "ORG":
                names.orgs[name] += 1
    for org in [o for o in names.orgs if _two_people(names, o, None)]:
        del names.orgs[org]  # "Marsh and Molloy" is two people, and no name's long form
    for org in [o for o in names.orgs if _middle_named(o, names.persons)]:
        names.persons[org] += names.orgs.pop(org)  # "Darren Eamonn Hickey" tagged ORG
    for org in [o for o in names.orgs if _two_bodies(o)]:
        count = names.orgs.pop(org)  # two bodies: each side is a name, the whole is none
        for side in _two_bodies(org):
            names.orgs[side] += count
    return names


def _middle_named(name: str, persons: Iterable[str]) -> bool:
    """Tell whether a name is a person's with a middle name the story also leaves out: its
    first and last words are a person's ("Darren Eamonn Hickey" beside "Darren Hickey")."""
    words = name.split()
    if len(words) < 3:
        return False
    return any(p.split()[0] == words[0] and p.split()[-1] == words[-1] for p in persons)


@lru_cache(maxsize=4096)
def same_given_name(a: str, b: str) -> bool:
    """Tell whether one given name is a nickname of the other ("Mike", "Michael")."""
    table = nicknamer()
    return b.lower() in table.nicknames_of(a) or a.lower() in table.nicknames_of(b)


def is_formal(name: str) -> bool:
    """Tell whether a name's first word is a formal given name (one that has nicknames)."""
    return bool(nicknamer().nicknames_of(name.split()[0]))


def looks_personal(words: list[str]) -> bool:
    """Tell whether a multi-word name reads like a person's (capitalised, 2-4 words)."""
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def extract_entities(
    articles: Sequence[Article],
    *,
    settings: Settings,
    mentions: Mapping[str, Mentions] | None = None,
) -> tuple[Entity, ...]:
    """Return the story's people, organisations and places under canonical names.

    Args:
        articles: the story's articles (cleaned; junk spans are skipped).
        settings: storydesk settings (spacy_model).
        mentions: optional cache, article id -> `mentions.article_mentions` result.

    Returns:
        Entities, most mentioned first, each with aliases, mention count, outlets and roles.
    """
    items = load_mentions(articles, settings=settings, cached=mentions)
    return combine_entities(articles, items)


def combine_entities(articles: Sequence[Article], items: Sequence[Mentions]) -> tuple[Entity, ...]:
    """Group every article's entity mentions under the story's canonical names."""
    names = build_names(items)
    outlet = {a.id: a.outlet for a in articles}
    texts = {a.id: a.text for a in articles}
    groups: dict[str, _Group] = defaultdict(_Group)
    for item in items:
        article_id = item["article_id"]
        text_of = texts.get(article_id, "")
        spans = joined_spans(text_of, item["entities"])
        for i, (start, end, label, tagged) in enumerate(spans):
            text, label = _unrated(names, _name_part(tagged), label, article_id)
            pair = _two_people(names, text, article_id)
            if pair:  # "Marsh and Molloy", tagged as one organisation
                for person in pair:
                    groups[person].add(person, "PERSON", outlet.get(article_id, ""))
                continue
            bodies = _two_bodies(text)
            if bodies:  # "Ardel General Hospital and Lowmarsh Community Hospital"
                for body in bodies:
                    name = names.canonical(body, article_id, "ORG")
                    groups[name].add(body, "ORG", outlet.get(article_id, ""))
                continue
            name = _canonical(names, text, article_id, label)
            if label in ("GPE", "LOC") and _ap_state(tagged, text_of, start, end):
                name = _us_states().get(name.rstrip("."), name)  # "Berkeley, Calif."
            if not name[:1].isupper() or name in TIME_ZONES or _bare_title(name, label):
                continue  # "anti-Semitism" tagged NORP, "Sgt" alone: not a named entity
            groups[name].add(text, label, outlet.get(article_id, ""))
            groups[name].cues.update(mention_cues(text_of, spans, i))
            groups[name].cues["own_outlet"] += owned_by(text_of, start, outlet.get(article_id, ""))
        for who, role in item["roles"]:
            owner = names.canonical(who, article_id)
            if owner not in role:  # "the cofounder of ... Andreessen Horowitz": not the firm's
                groups[owner].roles.append(role)
        for text, who in item["descriptions"]:
            groups[names.canonical(who, article_id)].aliases.append(text)
    _fold_spellings(groups)
    _fold_possessed(groups, names)
    _fold_seats(groups)
    _link_roles(groups, articles)
    kept = {n: g for n, g in groups.items() if g.mentions and g.cues["own_outlet"] < g.mentions}
    entities = heads_of_names([g.entity(name, names) for name, g in kept.items()])
    entities = variants_folded(short_forms_folded(entities))
    entities = given_names_found(entities, list(texts.values()))
    entities = roles_in_sentence_case(entities, texts.values())
    own = {a.outlet for a in articles}
    entities = [e for e in entities if not _self_reference(e, own)]
    return tuple(sorted(entities, key=lambda e: (-e.mentions, e.name)))


def _bare_title(name: str, label: str) -> bool:
    """Tell whether a mention is a title or a person noun alone ("Sgt", "Det", "Miss", a
    transcript's "HOST"): a body may be named so ("Justice" for the department), a person not."""
    word = name.lower().rstrip(".")
    person_like = label not in ("ORG", "WORK_OF_ART") or name.isupper()
    return " " not in name and person_like and word in HONORIFICS | TITLES | PERSON_NOUNS


def _two_people(names: Names, text: str, article_id: str | None) -> list[str]:
    """Return the two persons of a mention like "Marsh and Molloy" or "Singer, Goddard" (each
    side a person the story names), or [] for anything else ("Marks and Spencer" is one
    company)."""
    sides = text.split(" and ")
    if len(sides) != 2:
        sides = text.split(", ")  # "Singer, Goddard"
    if len(sides) != 2:
        return []
    people = [names.canonical(side, article_id, "PERSON") for side in sides]
    return people if all(names.is_person(p) for p in people) else []


def _two_bodies(text: str) -> list[str]:
    """Return the two bodies of a mention like "Ardel General Hospital and Lowmarsh Community
    Hospital" (each side a name that ends as a body's does), or [] ("Marks and Spencer",
    "Department for Business and Trade" are one body each)."""
    sides = text.split(" and ")
    if len(sides) != 2 or not all(len(side.split()) >= 2 for side in sides):
        return []
    if not all(side.split()[-1].lower() in ORG_LAST for side in sides):
        return []
    return sides


def _self_reference(entity: Entity, outlets: set[str]) -> bool:
    """Tell whether an entity is an outlet of the story named only in its own articles
    ("figures shared with the Capital Observer", "(Wirepoint)"), or a programme of its own
    ("Civic Radio 4's Morning Tide"): the reporter, not the story. An outlet that other outlets
    name ("as first reported by the Capital Observer") stays."""
    if len(entity.outlets) != 1 or entity.outlets[0] not in outlets:
        return False
    name, outlet = _outlet_key(entity.name), _outlet_key(entity.outlets[0])
    programme = entity.name.replace("’", "'").lower().startswith(f"{outlet}'s ")
    return bool(name) and (name == outlet or outlet.startswith(name + " ") or programme)


def _outlet_key(name: str) -> str:
    words = POSSESSIVE.sub("", name.strip()).lower().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


_NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _canonical(names: Names, text: str, article_id: str, label: str) -> str:
    """Return a mention's canonical name; a known person's name or surname under another label
    ("DCI Sandoval", "Reinholt", which the model may tag as anything) is that person's."""
    if label in _NAMED:
        return names.canonical(text, article_id, label)
    person = names.canonical(text, article_id, "PERSON")
    if names.is_person(person) and (" " in person or clean_name(text) != text.strip()):
        return person  # "Reinholt" tagged as a work of art is Tobias Reinholt
    return clean_name(text) or text  # "Lowther Island's" is Lowther Island


@dataclass
class _Group:
    """What the story says about one canonical entity."""

    labels: Counter[str] = field(default_factory=Counter)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    mentions: int = 0
    cues: Counter[str] = field(default_factory=Counter)  # `entity_cues.mention_cues` counts

    def add(self, text: str, label: str, outlet: str) -> None:
        self.labels[label] += 1
        self.aliases.append(_alias(text))
        self.outlets.append(outlet)
        self.mentions += 1

    def merge(self, other: _Group) -> None:
        """Take in another group's mentions (the same name written otherwise)."""
        self.labels.update(other.labels)
        self.aliases += other.aliases
        self.roles += other.roles
        self.outlets += other.outlets
        self.mentions += other.mentions
        self.cues.update(other.cues)

    def entity(self, name: str, names: Names) -> Entity:
        """Build the Entity: a person if the story knows the name as one, else its top label.

        A person needs a role ("the referee") or half as many PERSON tags as its top label:
        spaCy's small model tags a company as a person now and then ("Corrow Line" ORG 3,
        PERSON 1 is an organisation), and a surname alone as an organisation.
        """
        label, top = self.labels.most_common(1)[0]
        if name.lower() in PLATFORMS:
            label = "ORG"
        roles = [r for r in self.roles if not _MODEL.search(r)]  # "black Porsche 911"
        bodies = [r for r in roles if is_body_role(r)]  # "Granger Telecom, a telephone company"
        roles = [r for r in roles if r not in bodies]
        personal = roles or 2 * self.labels["PERSON"] >= top
        if names.is_person(name) and " " in name and personal and not bodies:
            label = "PERSON"
        if bodies and not roles:
            label = "ORG"
        elif not roles:
            label = corrected_label(name, label, self.cues, self.mentions)
        return Entity(
            name=name,
            label=label,
            aliases=unique(a for a in self.aliases if a != name),
            mentions=self.mentions,
            outlets=unique(o for o in self.outlets if o),
            roles=fullest_roles(roles),
        )


def _fold_seats(groups: dict[str, _Group]) -> None:
    """Merge a body tagged with the seat after it into the body, when the seat is a place the
    story names on its own: "the Assembly for Kessmoor West" is the Assembly ("the Department
    for Transport" stays whole)."""
    for name in [n for n in groups if " for " in n]:
        body, _, seat = name.partition(" for ")
        place = seat in groups and groups[seat].labels.most_common(1)[0][0] in ("GPE", "LOC")
        tagged_body = groups[name].labels.most_common(1)[0][0] == "ORG"
        if place and tagged_body and body[:1].isupper():
            groups[body].merge(groups.pop(name))


_MODEL = re.compile(r"\b[A-Z][a-z]+ \d+$")  # a make and model: "Porsche 911", no role
_POSSESSED = re.compile(r"(.+?)['’]s ([A-Z].*)")


def _fold_possessed(groups: dict[str, _Group], names: Names) -> None:
    """Merge a mention tagged with its owner's possessive into what it names, when the story
    names that on its own, or it is a person or a platform: "KCAL9's Jeff Nguyen" is Jeff
    Nguyen, "Spacey's London" London (one word: only after a person), "Sementilli's Twitter"
    Twitter; "Gus O'Connor's Pub" and "Humboldt County Sheriff's Office" stay whole."""
    for name in [n for n in groups if _POSSESSED.fullmatch(n)]:
        owned = _POSSESSED.fullmatch(name)
        owner, thing = owned.groups() if owned else ("", "")
        personal = names.is_person(names.canonical(owner, None, "PERSON"))
        known = thing in groups and (" " in thing or personal)  # not "Office"
        if known or thing.lower() in PLATFORMS or names.is_person(thing):
            groups[thing].merge(groups.pop(name))


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    """Map the AP style's abbreviations of US states ("Calif", "N.Y") to their names."""
    return {
        state.ap_abbr.rstrip("."): state.name
        for state in us.states.STATES_AND_TERRITORIES
        if state.ap_abbr and state.ap_abbr.endswith(".")
    }


_PARTY = re.compile(r"\b[RDI]-$")  # "Trent Lott, R-Miss."


def _ap_state(tagged: str, text: str, start: int, end: int) -> bool:
    """Tell whether a mention is abbreviated after a city or a party, as AP writes states
    ("Berkeley, Calif.", "Trent Lott, R-Miss."): it ends in a full stop (as tagged, or "Calif"
    then ".") and follows a comma or a party's letter, so "Del. Eleanor Holmes Norton" is a
    delegate, not Delaware."""
    abbreviated = tagged.endswith(".") or text[end : end + 1] == "."
    before = text[max(0, start - 4) : start]
    return abbreviated and (before.rstrip().endswith(",") or bool(_PARTY.search(before)))


def _fold_spellings(groups: dict[str, _Group]) -> None:
    """Merge names written with and without accents ("Nestlé", "Nestle"), with another
    apostrophe ("Magistrates’ Court", "Magistrates' Court"), hyphen, full stops or case ("Kim
    Jong-nam", "Kim Jong Nam"; "U.S", "US"; a dateline's "KENDRY CROSS") under the more
    mentioned form, one not in capitals if there is one."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in groups:
        by_key[_plain(name)].append(name)
    for forms in by_key.values():
        if len(forms) > 1:
            keep = max(forms, key=lambda n: (not n.isupper(), groups[n].mentions))
            for other in forms:
                if other != keep:
                    groups[keep].merge(groups.pop(other))


def _plain(name: str) -> str:
    """Return a name's spelling key: no accents, one apostrophe, hyphens as spaces, no full
    stops, any case ("Kim Jong-nam", "Kim Jong Nam", "Kim-Jong-nam"; "U.S", "US"), and no
    Arabic article a surname is written with or without ("Hafez al-Assad", "Hafez Assad")."""
    name = ARABIC_ARTICLE.sub("", name)
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace(".", "").casefold().split())


def _name_part(text: str) -> str:
    """Cut a tagged mention at a spaced dash: no name holds one ("Kit Kat - originally"); nor
    does a name end in a score ("beat Bransholm City 2-1")."""
    return _SCORE.sub("", re.split(r"\s[-–—]\s", text, maxsplit=1)[0])


_SCORE = re.compile(r"\s+\d{1,2}[-–]\d{1,2}$")
_RATED = re.compile(r"(.+?)\s+\d{1,2}$")


def _unrated(names: Names, text: str, label: str, article_id: str | None) -> tuple[str, str]:
    """Return a mention without a player rating after a person's name ("Amankwah-Lowe 7" of
    "PLAYER RATINGS: Brankovic 8, ..."), which the model tags as an organisation; a number after
    any other name stays ("Apollo 11")."""
    rated = _RATED.fullmatch(text)
    if rated is None:
        return text, label
    person = names.canonical(rated.group(1), article_id, "PERSON")
    return (rated.group(1), "PERSON") if names.is_person(person) else (text, label)


def _alias(text: str) -> str:
    """Return a surface form without possessive or stray punctuation ("Naz Shah's"), or a
    verb the model took for a title ("will miss Bransholm's next three matches")."""
    words = POSSESSIVE.sub("", " ".join(text.split())).split(" ")
    if len(words) > 1 and words[0] in HONORIFICS:  # lower case: no title
        words = words[1:]
    return " ".join(words).strip(" ,.;:-–—\"'“”‘’")


def _link_roles(groups: Mapping[str, _Group], articles: Sequence[Article]) -> None:
    """Add "the <role>" as an alias where an article refers to a person by a known role."""
    for group in groups.values():
        for role in set(group.roles):
            pattern = re.compile(rf"\bthe {re.escape(role)}\b", re.IGNORECASE)
            for article in articles:
                for match in pattern.finditer(article.text):
                    group.aliases.append(match.group(0))
