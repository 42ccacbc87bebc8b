"""A briefing as titled sections of lines, written out as plain text or Markdown."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storydesk.models import (
    Article,
    Briefing,
    Comparison,
    Disagreement,
    Entity,
    Fact,
    Quote,
    day_only,
)


@dataclass(frozen=True, slots=True)
class Section:
    """A titled list of lines of a briefing."""

    title: str
    lines: tuple[str, ...]


# What a briefing says in place of a summary when cleaning left no text to summarise.
NO_SUMMARY = "No summary: the articles have no text left after cleaning."


def briefing_sections(briefing: Briefing, *, summary: bool = True) -> list[Section]:
    """Return the sections of a briefing, empty ones left out (and the summary's if not
    `summary`: a page that lays the summary out itself)."""
    sections = [
        Section("Summary", tuple(_summary_lines(briefing)) if summary else ()),
        Section("Who said what", tuple(_quote_lines(briefing.quotes))),
        Section("People, organisations and places", tuple(_entity_lines(briefing))),
        Section("Timeline", tuple(_timeline_lines(briefing))),
        *_comparison_sections(briefing.comparison, briefing.outlets),
    ]
    return [section for section in sections if section.lines]


def _outlets(outlets: Sequence[str]) -> str:
    return "[" + ", ".join(outlets) + "]"


def _summary_lines(briefing: Briefing) -> list[str]:
    return [f"{s.text} {_outlets(s.outlets)}" for s in briefing.summary] or [NO_SUMMARY]


def plural(count: int, noun: str, nouns: str = "") -> str:
    """Return "1 article", "2 articles" ("1 story", "2 stories" when `nouns` is given)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """The quotes of one speaker ("Unattributed" when none was found)."""

    speaker: str
    quotes: tuple[Quote, ...]


def group_quotes(quotes: Sequence[Quote]) -> tuple[SpeakerQuotes, ...]:
    """Group quotes by speaker, the most quoted first, unattributed ones last."""
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        by_speaker[quote.speaker or ""].append(quote)
    order = sorted(by_speaker.items(), key=lambda item: (not item[0], -len(item[1]), item[0]))
    return tuple(SpeakerQuotes(name or "Unattributed", tuple(said)) for name, said in order)


def _quote_lines(quotes: Sequence[Quote]) -> list[str]:
    lines = []
    for group in group_quotes(quotes):
        speaker = group.speaker
        for quote in group.quotes:
            kind = "" if quote.kind == "direct" else " (reported speech)"
            line = f"{speaker}{kind}: “{quote.text}” {_outlets(quote.outlets)}"
            others = [s for s in quote.conflicting_speakers if s != quote.speaker]
            if others:
                line += " — also attributed to " + ", ".join(others)
            lines.append(line)
    return lines


# The groups entities are listed in, in every output; any other label is "Other", except
# nationalities, religions and political leanings ("Swedish", "Democrats"), which describe
# the story's people rather than name a party to it (the JSON keeps them, labelled NORP).
ENTITY_GROUPS = (
    ("People", ("PERSON",)),
    ("Organisations", ("ORG",)),
    ("Places", ("GPE", "LOC", "FAC")),
)
UNLISTED = frozenset({"NORP"})


def entity_groups(entities: Sequence[Entity]) -> list[tuple[str, list[Entity]]]:
    """Return (title, entities) of each group that has any, in `ENTITY_GROUPS` order."""
    groups = []
    known = {label for _, labels in ENTITY_GROUPS for label in labels} | UNLISTED
    for title, labels in ENTITY_GROUPS:
        members = [e for e in entities if e.label in labels]
        if members:
            groups.append((title, members))
    other = [e for e in entities if e.label not in known]
    if other:
        groups.append(("Other", other))
    return groups


def _entity_lines(briefing: Briefing) -> list[str]:
    return [
        f"{title}: "
        + "; ".join(e.name + (f" ({', '.join(e.roles)})" if e.roles else "") for e in members)
        for title, members in entity_groups(briefing.entities)
    ]


def when_label(when: str) -> str:
    """Return a resolved date as a reader reads it: ISO "2016-W17" as "week of 2016-04-25"."""
    if "-W" not in when:
        return when
    monday = datetime.strptime(when + "-1", "%G-W%V-%u").date()
    return f"week of {monday.isoformat()}"


def _timeline_lines(briefing: Briefing) -> list[str]:
    return [
        (f"{event.bound} " if event.bound else "")
        + f"{when_label(event.when) if event.resolved else event.when + ' (relative)'}: "
        f"{event.text} "
        f"{_outlets(event.outlets)}"
        for event in briefing.timeline
    ]


def _comparison_sections(comparison: Comparison, outlets: Sequence[str]) -> list[Section]:
    everyone = set(outlets)
    agreed = [
        (f"{_said(fact)} {_outlets(fact.outlets)}", everyone <= set(fact.outlets))
        for fact in comparison.agreed
    ]
    single = tuple(f"Only in {fact.outlets[0]}: {_said(fact)}" for fact in comparison.single_source)
    disagreements = tuple(
        f"{d.topic} ({d.kind}): "
        + " vs ".join(
            f"“{v.value}” {_outlets(v.outlets)}"
            + (f" ({when_shown(v.published)})" if dated else "")
            for v in d.versions
        )
        for d in comparison.disagreements
        for dated in [reported_apart(d)]
    )
    framing: dict[str, list[str]] = defaultdict(list)
    for item in comparison.framing:
        framing[item.outlet].append(f"“{item.term}”")
    framing_lines = tuple(f"{outlet}: {', '.join(terms)}" for outlet, terms in framing.items())
    coverage = tuple(
        f"{c.outlet}: {plural(c.articles, 'article')}, {plural(c.words, 'word')},"
        f" {when_shown(c.first)}" + (f" — “{c.headlines[0]}”" if c.headlines else "")
        for c in comparison.coverage
    )
    return [
        Section("Reported by every outlet", tuple(line for line, by_all in agreed if by_all)),
        Section(
            "Reported by several outlets", tuple(line for line, by_all in agreed if not by_all)
        ),
        Section("Reported by only one outlet", single),
        Section("Where the outlets disagree", disagreements),
        Section("Framing and loaded language", framing_lines),
        Section("Coverage", coverage),
    ]


def _said(fact: Fact) -> str:
    """Return a fact's text, with its speaker when it is a quotation that names none."""
    return f"{fact.text} — {fact.speaker}" if fact.speaker else fact.text


def reported_apart(disagreement: Disagreement) -> bool:
    """Tell whether a disagreement's versions were published at different times (known): the
    reader is shown when, as the later figure may be an update."""
    times = {v.published for v in disagreement.versions}
    return len(times) > 1 and None not in times


def when_shown(value: datetime | None) -> str:
    """Show a publication time; midnight is a date given without a time, shown as the day."""
    if value is None:
        return "date unknown"
    if day_only(value):
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M")


def _header(briefing: Briefing) -> tuple[str, str]:
    span = f"{when_shown(briefing.first_seen)} – {when_shown(briefing.last_seen)}"
    meta = f"Story {briefing.story_id} · {plural(len(briefing.article_ids), 'article')} · {span}"
    return meta, "Outlets: " + ", ".join(briefing.outlets)


def render_text(briefing: Briefing) -> str:
    """Return a briefing as plain text for a terminal."""
    meta, outlets = _header(briefing)
    out = [briefing.headline, "=" * min(len(briefing.headline), 78), meta, outlets, ""]
    for section in briefing_sections(briefing):
        out += [section.title.upper(), *(f"  • {line}" for line in section.lines), ""]
    return "\n".join(out).rstrip() + "\n"


def render_markdown(briefing: Briefing) -> str:
    """Return a briefing as Markdown."""
    meta, outlets = _header(briefing)
    out = [f"# {md_escape(briefing.headline)}", "", f"*{meta}*  ", outlets, ""]
    for section in briefing_sections(briefing):
        out += [f"## {section.title}", "", *(f"- {md_escape(line)}" for line in section.lines), ""]
    return "\n".join(out).rstrip() + "\n"


def md_escape(text: str) -> str:
    """Escape the Markdown characters that would change how article text renders."""
    for char in ("\\", "*", "_", "`", "<", ">", "#"):
        text = text.replace(char, "\\" + char)
    return text


def render_junk(article: Article, *, show_junk: bool = False) -> str:
    """Return an article as text; with show_junk, the dropped spans too, marked with why."""
    head = [
        article.title,
        f"{article.outlet} · {article.published or 'date unknown'} · {article.id}",
    ]
    if article.copy_of:
        head.append(f"(a copy of article {article.copy_of})")
    if not show_junk:
        body = [article.text[start:end] for start, end in article.kept_spans()]
        return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"
    lines, pos = [], 0
    for junk in sorted(article.junk, key=lambda j: j.start):
        lines.append(article.text[pos : junk.start])
        dropped = article.text[junk.start : junk.end]
        lines.append(f"[-- dropped ({junk.reason}): {dropped} --]")
        pos = junk.end
    lines.append(article.text[pos:])
    return "\n".join(head) + "\n\n" + "".join(lines).rstrip() + "\n"
