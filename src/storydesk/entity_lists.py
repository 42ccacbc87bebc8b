"""The story's entity list after grouping: names corrected against one another.

spaCy's small model names a thing in pieces or under the wrong label, and the story's other
names show it: a one-word "person" that opens organisations' names is one of them, a firm's
short name is its full name ("Corrow Line" of "Corrow Line Ferries"), and a surname the model
never saw in full takes the one given name the articles write before it ("Ilya Marsh"), and a
name written another way is its person's ("Carl XVI Gustav" of "Carl XVI Gustaf").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from storydesk.compare import MONTHS, WEEKDAYS
from storydesk.entity_cues import FIRMS, TEAM_LAST
from storydesk.framing import judges
from storydesk.lexicon import HONORIFICS, PERSON_NOUNS, TITLES, unclosed
from storydesk.models import Entity
from storydesk.sentences import STOP_WORDS
from storydesk.settings import Settings


def heads_of_names(entities: list[Entity]) -> list[Entity]:
    """Relabel a "person" with no role that begins the story's names of bodies or places
    ("Bransholm" of "Bransholm City", "Bransholm City Museum"; "Hallam Vey" of "Hallam Vey
    Systems") as what those are: a person's name seldom opens an organisation's, a town's or
    a company's often does."""
    fixed = []
    for entity in entities:
        if entity.label == "PERSON" and not entity.roles:
            led = Counter(
                e.label
                for e in entities
                if e.label != "PERSON" and e.name.startswith(entity.name + " ")
            )
            if led:
                entity = replace(entity, label=led.most_common(1)[0][0])
        fixed.append(entity)
    return fixed


# The last word of a firm's full name, which its short name leaves off ("Corrow Line Ferries").
FIRM_LAST = frozenset(
    """ferries systems biologics holdings group ltd inc plc corp company labs line airlines
    airways technologies industries limited corporation llc""".split()  # noqa: SIM905
)


# A newspaper's name written alone, as a story does after naming it in full ("the Post").
MASTHEADS = frozenset(
    """post times journal tribune herald guardian telegraph gazette chronicle courier observer
    examiner inquirer globe star mail mirror express independent standard""".split()  # noqa: SIM905
)


def short_forms_folded(entities: list[Entity]) -> list[Entity]:
    """Fold an organisation into the firm whose full name it begins ("Corrow Line" into
    "Corrow Line Ferries", "Hallam Vey" into "Hallam Vey Systems"), as `Names` does for
    mentions tagged as organisations; here for names that only their shape or the story's
    other names made organisations; a town's name made a body is its team ("Bransholm" into
    "Bransholm City"). "Bransholm" is not "Bransholm City Council". A newspaper's masthead
    word ("told the Post") is the one paper of the story that it ends ("Kampala Post")."""
    orgs = [e for e in entities if e.label == "ORG"]
    into: dict[str, Entity] = {}
    for short in orgs:
        longer = [
            e
            for e in orgs
            if e.name.startswith(short.name + " ")
            and e.name[len(short.name) + 1 :].lower() in FIRM_LAST | TEAM_LAST
        ]
        papers = [e for e in orgs if e.name.endswith(" " + short.name)]
        if short.name.lower() in MASTHEADS and len(papers) == 1:
            longer = papers
        if longer:
            into[short.name] = max(longer, key=lambda e: (e.mentions, len(e.name)))
    return _folded(entities, into)


def variants_folded(entities: list[Entity]) -> list[Entity]:
    """Fold a person written another way into the story's main form of the name: with a rank
    in capitals before it ("SSP Francis Manana Nabugyere"), without a middle name ("Abdel
    Basset Megrahi" of "Abdel Basset Ali al-Megrahi"), or one letter apart in a word of five
    letters or more ("Carl XVI Gustav", "Leona Helmsey"; "Hans" and "Hand" stay apart)."""
    people = [e for e in entities if e.label == "PERSON" and " " in e.name]
    into: dict[str, Entity] = {}
    for short in people:
        alike = [e for e in people if e is not short and _variant_of(short, e)]
        if alike:
            into[short.name] = max(alike, key=lambda e: (e.mentions, len(e.name)))
    return _folded(entities, into)


def _variant_of(name: Entity, main: Entity) -> bool:
    """Tell whether a person's name is another form of a main one (see `variants_folded`)."""
    short, full = _name_words(name.name), _name_words(main.name)
    ranked = name.name.split()[0]
    if ranked.isalpha() and ranked.isupper() and short[1:] == full:
        return True
    if len(full) > len(short) and short[0] == full[0] and short[-1] == full[-1]:
        return set(short) <= set(full)
    apart = [(a, b) for a, b in zip(short, full, strict=False) if a != b]
    if len(short) != len(full) or len(apart) != 1 or _weight(main) < _weight(name):
        return False
    return _one_edit(*apart[0])


def _weight(entity: Entity) -> tuple[int, int, str]:
    """Rank two spellings of a name: the more mentioned, then the longer (a slip more often
    leaves a letter out than adds one)."""
    return entity.mentions, len(entity.name), entity.name


def _name_words(name: str) -> list[str]:
    """Return a name's words in lower case, without an Arabic article ("al-Megrahi")."""
    return ARABIC_ARTICLE.sub("", name).lower().split()


# The article a surname is written with or without ("Hafez al-Assad", "Hafez Assad").
ARABIC_ARTICLE = re.compile(r"(?<=\s)(?:al|el)-(?=[A-Z])")


def _one_edit(a: str, b: str) -> bool:
    """Tell whether two words of five letters or more, with one first letter, differ by one
    letter changed, added or left out."""
    if min(len(a), len(b)) < 5 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:k] + longer[k + 1 :] == shorter for k in range(len(longer)))


def _folded(entities: list[Entity], into: dict[str, Entity]) -> list[Entity]:
    """Merge each entity named in `into` (its aliases, mentions, outlets and roles) into the
    entity it maps to, following chains ("A" into "A B" into "A B C")."""
    if not into:
        return entities
    folded = {e.name: e for e in entities if e.name not in into}
    for name, target in into.items():
        while target.name in into:
            target = into[target.name]
        short = next(e for e in entities if e.name == name)
        kept = folded[target.name]
        folded[target.name] = replace(
            kept,
            aliases=unique([*kept.aliases, short.name, *short.aliases]),
            mentions=kept.mentions + short.mentions,
            outlets=unique([*kept.outlets, *short.outlets]),
            roles=unique([*kept.roles, *short.roles], fold=True),
        )
    return [folded[e.name] for e in entities if e.name in folded]


_GIVEN_BEFORE = r"(?<![.!?:;“\"] )(?<!^)\b([A-Z][a-z]{2,}) "  # not a sentence's first word
_NOT_GIVEN = HONORIFICS | TITLES | PERSON_NOUNS | STOP_WORDS | MONTHS | WEEKDAYS


def given_names_found(entities: list[Entity], texts: list[str]) -> list[Entity]:
    """Give a person known only by surname ("Marsh") the one given name the articles write
    before it ("on Ilya Marsh"), where the model tagged no full name; two given names ("Bill
    Clinton", "Hillary Clinton") are two people, so neither is taken."""
    taken = {e.name for e in entities}
    lower = {w for text in texts for w in re.findall(r"\b[a-z]+\b", text)}  # "data", "judges"
    out = []
    for entity in entities:
        if entity.label == "PERSON" and " " not in entity.name:
            pattern = re.compile(_GIVEN_BEFORE + re.escape(entity.name) + r"\b", re.MULTILINE)
            given = {
                m.group(1)
                for text in texts
                for m in pattern.finditer(text)
                if m.group(1).lower() not in _NOT_GIVEN | lower
                and m.group(1) not in taken
                and not _inside_a_name(text, m.start())
            }
            full = f"{given.pop()} {entity.name}" if len(given) == 1 else ""
            if full and full not in taken:
                entity = replace(entity, name=full, aliases=unique([entity.name, *entity.aliases]))
        out.append(entity)
    return out


def _inside_a_name(text: str, start: int) -> bool:
    """Tell whether a capitalised word runs on from the one before it ("New York Jets"), not
    from a title ("President Barack Obama")."""
    before = text[max(0, start - 30) : start].split()
    if not before or not before[-1][:1].isupper() or not before[-1][-1:].isalpha():
        return False
    return before[-1].lower() not in HONORIFICS | TITLES  # "President Barack Obama"


def unique(items: Iterable[str], fold: bool = False) -> tuple[str, ...]:
    """Return items without repeats (case-insensitively if fold), in first-seen order."""
    seen: dict[str, str] = {}
    for item in items:
        key = item.lower() if fold else item
        seen.setdefault(key, item)
    return tuple(seen.values())


def fullest_roles(roles: Iterable[str]) -> tuple[str, ...]:
    """Drop a role that another role ends or opens with ("Manager" beside "Rovers manager",
    "regional secretary" beside "regional secretary of the union"): the longer one says it and
    more. Of two roles that differ only by an article ("the Palestinian leader", "Palestinian
    leader"), the one without stays; a pronoun before a role says nothing out of its sentence
    ("its regional secretary" is "regional secretary"), nor does the apostrophe's form, nor
    an outlet's judgement before it ("Disgraced infrastructure minister", "defiant Mayor")."""
    by_key: dict[str, str] = {}
    for role in map(_unjudged, map(_unowned, roles)):  # one entry per apostrophe and case
        by_key.setdefault(role.lower().replace("’", "'"), role)
    listed = tuple(by_key.values())
    cores = [_role_core(role) for role in listed]

    def covered(role: str, own: list[str]) -> bool:
        for other, theirs in zip(listed, cores, strict=True):
            longer = len(theirs) > len(own)
            if longer and (theirs[-len(own) :] == own or theirs[: len(own)] == own):
                return True
            if other != role and theirs == own and _role_core(other, keep=True) == theirs:
                return True  # the same role written without "the"
        return False

    return tuple(
        role for role, own in zip(listed, cores, strict=True) if own and not covered(role, own)
    )


def _unjudged(role: str) -> str:
    """Return a role without the loaded or evaluative words that open it ("defiant Mayor" is
    "Mayor"): one outlet's judgement, which the briefing shows under framing, not as a role."""
    words, threshold = role.split(), Settings().framing_subjectivity
    while len(words) > 1 and judges(words[0], threshold):
        words = words[1:]
    return " ".join(words)


def _unowned(role: str) -> str:
    """Return a role without a leading possessive pronoun ("its regional secretary")."""
    words = unclosed(role).lstrip("(").split()  # "wife Abigail (Rachel Weisz", "(Steele dossier"
    return " ".join(words[1:] if len(words) > 1 and words[0].lower() in _PRONOUNS else words)


_PRONOUNS = frozenset(["its", "his", "her", "their", "our", "my", "your"])


# Kinds of body a role can name: a firm's kinds, less those a person's role or an event's
# name may end with too ("broadcaster", "fancy dress party", "rock group", "memorial service",
# "a power broker", "the publisher of a weekly newsletter", "a property developer").
BODY_KINDS = FIRMS - {
    "party",
    "group",
    "team",
    "broadcaster",
    "service",
    "campaign",
    "board",
    "broker",
    "publisher",
    "developer",
} | {"corporation", "newspaper"}
_ROLE_HEAD_END = re.compile(
    r"\s(?:of|for|to|at|in|from|with|who|that|which|based|run|owned|operated)\b|[,;(]"
)


def is_body_role(role: str) -> bool:
    """Tell whether a role describes an organisation, not a person: its head noun (the last
    word before "of", "for", a comma ...) is a kind of body ("a British telephone company",
    "the country's biggest airline"; not "head of the regional department")."""
    head = _ROLE_HEAD_END.split(role, maxsplit=1)[0].split()
    if not head or not head[-1][:1].islower():
        return False  # "a University of Chicago professor": a name's word, not the head
    return head[-1].strip(".,'’") in BODY_KINDS


def _role_core(role: str, keep: bool = False) -> list[str]:
    """Return a role's words in lower case, without a leading article unless keep."""
    words = role.lower().replace("’", "'").split()
    return words if keep or words[:1] not in (["the"], ["a"], ["an"]) else words[1:]


def roles_in_sentence_case(entities: list[Entity], texts: Iterable[str]) -> list[Entity]:
    """Write a role's first word in lower case when only the start of a sentence gave it a
    capital ("Former cabinet minister", "Passenger Lena Asquith said"): the story writes that
    word in lower case elsewhere, it is no title ("Mayor", "Inspector") and the rest of the
    role is in lower case ("Prime Minister" and "Rovers manager" stay)."""
    lower = {word for text in texts for word in re.findall(r"\b[a-z][a-z-]*\b", text)}

    def cased(role: str) -> str:
        first, _, rest = role.partition(" ")
        word = first.lower()
        capitalised = first[:1].isupper() and first[1:] == first[1:].lower()  # not "NPR"
        if capitalised and word in lower and word not in TITLES and rest == rest.lower():
            return word + role[len(first) :]
        return role

    return [replace(e, roles=tuple(map(cased, e.roles))) if e.roles else e for e in entities]
