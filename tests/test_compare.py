"""Tests of the cross-source comparison: facts, single-source facts, disagreements, framing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storydesk.compare import compare, coverage, group_voices, split_units
from storydesk.models import Article, Comparison, Fact, Quote, Span, content_id
from storydesk.quotemarks import whole_quotation
from storydesk.settings import Settings
from storydesk.slots import sole_amounts, value_kind

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ITV, I24 = "000_20f44b7216833a59.txt", "004_94fe197347326299.txt"

FIRE = (
    "A fire at the Arlen textile factory killed {dead} workers on {day}, the regional governor "
    "said in a statement.\n"
    "Firefighters from three nearby towns fought the blaze for most of the night before "
    "bringing it under control.\n"
    "The factory's owner, {owner}, told reporters that the building had passed its last "
    "safety inspection.\n"
)
OTHER = (
    "Rescue teams searched the burned warehouse at dawn while relatives waited outside the "
    "police cordon for news.\n"
    "The regional governor declared three days of mourning and promised an independent inquiry "
    "into the fire safety rules.\n"
)


def article(text: str, outlet: str, *, title: str = "Factory fire", **extra: object) -> Article:
    """Build an article as ingest would (content-hash id, known publication date)."""
    published = extra.pop("published", datetime(2026, 3, 6, 9, 0, tzinfo=UTC))
    return Article(
        id=content_id(outlet, title, text),
        title=title,
        text=text,
        outlet=outlet,
        published=published,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def fire(
    outlet: str, dead: str = "12", day: str = "Tuesday", owner: str = "Mark Ellison"
) -> Article:
    return article(FIRE.format(dead=dead, day=day, owner=owner) + OTHER, outlet)


def texts(fact: Fact, articles: list[Article]) -> list[str]:
    """Return the text of every span supporting a fact."""
    by_id = {a.id: a for a in articles}
    return [by_id[s.article_id].text[s.start : s.end] for s in (fact.span, *fact.support)]


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], Comparison]:
    """The two seed reports, read and cleaned like the pipeline does, and their comparison."""
    if not (SEEDS / ITV).exists() or not (SEEDS / I24).exists():
        pytest.skip("../shared/seeds is not available")
    settings = Settings()
    paths = [str(SEEDS / ITV), str(SEEDS / I24)]
    try:
        from storydesk.ingest import read_paths

        articles = list(read_paths(paths, settings=settings).articles)
    except ImportError:
        articles = [_read_seed(Path(p)) for p in paths]
    try:
        from storydesk.clean import clean

        articles = clean(articles, settings=settings)
    except ImportError:
        pass
    return articles, compare(articles, settings=settings)


def _read_seed(path: Path) -> Article:
    import json

    meta = json.loads(path.with_suffix(".json").read_text())
    title, _, body = path.read_text().partition("\n")
    published = datetime.fromisoformat(meta["published"]).replace(tzinfo=UTC)
    return article(body.strip("\n"), meta["outlet"], title=title, published=published)


def _outlet(articles: list[Article], name: str) -> str:
    return (
        next(a.outlet for a in articles if a.source and a.source.endswith(name))
        if any(a.source for a in articles)
        else {"000": "ITV News", "004": "i24NEWS"}[name[:3]]
    )


@pytest.mark.slow
@pytest.mark.parametrize("needle", ["upport", "defend"])
def test_seed_facts_reported_by_both_outlets(seeds, needle: str) -> None:
    articles, result = seeds
    words = {"upport": ("Hitler", "Zionism"), "defend": ("defend", "MP")}[needle]
    both = [f for f in result.agreed if len(f.outlets) == 2]
    assert any(all(any(w in t for t in texts(f, articles)) for w in words) for f in both), [
        f.text for f in result.agreed
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "needle"),
    [(I24, "John Mann"), (ITV, "independent inquiry"), (ITV, "code of conduct")],
)
def test_seed_single_source_facts(seeds, seed: str, needle: str) -> None:
    articles, result = seeds
    outlet = _outlet(articles, seed)
    hits = [f for f in result.single_source if needle in f.text]
    assert hits and all(f.outlets == (outlet,) for f in hits)
    assert not any(needle in f.text for f in result.agreed)


@pytest.mark.slow
@pytest.mark.parametrize("term", ["tame interview", "relatively easy time"])
def test_seed_framing(seeds, term: str) -> None:
    articles, result = seeds
    outlet = _outlet(articles, I24)
    found = [f for f in result.framing if f.term == term]
    assert found and found[0].outlet == outlet
    by_id = {a.id: a for a in articles}
    span = found[0].span
    assert by_id[span.article_id].text[span.start : span.end] == term


@pytest.mark.slow
def test_seed_host_disagreement(seeds) -> None:
    _, result = seeds
    hosts = [d for d in result.disagreements if d.topic == "host"]
    assert len(hosts) == 1
    assert {v.value for v in hosts[0].versions} == {"David Mellor", "James O'Brian"}


@pytest.mark.parametrize(
    ("change", "kind", "values"),
    [
        ({"dead": "15"}, "number", {"12", "15"}),
        ({"day": "Wednesday"}, "date", {"Tuesday", "Wednesday"}),
        ({"owner": "Paul Hadley"}, "name", {"Mark Ellison", "Paul Hadley"}),
    ],
)
def test_changed_value_is_a_disagreement(
    change: dict[str, str], kind: str, values: set[str]
) -> None:
    articles = [fire("Daily A"), fire("Daily B", **change)]
    result = compare(articles, settings=Settings())
    assert [d.kind for d in result.disagreements] == [kind]
    versions = result.disagreements[0].versions
    assert {v.value for v in versions} == values
    assert {v.outlets for v in versions} == {("Daily A",), ("Daily B",)}
    for version in versions:
        owner = next(a for a in articles if a.outlet == version.outlets[0])
        assert version.value in owner.text[version.span.start : version.span.end]


def test_same_report_agrees_without_disagreement() -> None:
    result = compare([fire("Daily A"), fire("Daily B")], settings=Settings())
    assert not result.disagreements
    assert len(result.agreed) >= 4 and all(
        f.outlets == ("Daily A", "Daily B") for f in result.agreed
    )
    assert not result.single_source


def test_single_source_fact_names_its_outlet_and_copies() -> None:
    a = article(FIRE.format(dead="12", day="Tuesday", owner="Mark Ellison"), "Daily A")
    copy = dataclasses.replace(article(a.text, "Wire C"), copy_of=a.id)
    b = article(FIRE.format(dead="12", day="Tuesday", owner="Mark Ellison") + OTHER, "Daily B")
    result = compare([a, copy, b], settings=Settings())
    assert all(f.outlets == ("Daily A", "Daily B", "Wire C") for f in result.agreed)
    assert {f.outlets for f in result.single_source} == {("Daily B",)}
    assert any("mourning" in f.text for f in result.single_source)


def test_a_copy_does_not_corroborate_its_original() -> None:
    a = fire("Daily A")
    copy = dataclasses.replace(article(a.text, "Wire C"), copy_of=a.id)
    result = compare([a, copy], settings=Settings())
    assert not result.agreed and not result.single_source
    assert [v.outlets for v in group_voices([a, copy])] == [("Daily A", "Wire C")]


def test_quote_with_conflicting_speakers_is_a_disagreement() -> None:
    a = article('"We will rebuild," the governor, Ann Porter, said.\n', "Daily A")
    b = article('"We will rebuild," said the owner, Mark Ellison.\n', "Daily B")
    quote = Quote(
        text="We will rebuild",
        speaker="Ann Porter",
        kind="direct",
        span=Span(a.id, 1, 16),
        outlets=("Daily A", "Daily B"),
        occurrences=(Span(a.id, 1, 16), Span(b.id, 1, 16)),
        conflicting_speakers=("Mark Ellison",),
    )
    result = compare([a, b], settings=Settings(), quotes=[quote])
    (found,) = [d for d in result.disagreements if d.kind == "speaker"]
    assert [(v.value, v.outlets) for v in found.versions] == [
        ("Ann Porter", ("Daily A",)),
        ("Mark Ellison", ("Daily B",)),
    ]


def _speakers_quote(
    a: Article, b: Article, first: str, *others: str, kind: str = "direct"
) -> Quote:
    """The quote "We will rebuild" at the start of both articles, given to several speakers."""
    return Quote(
        text="We will rebuild",
        speaker=first,
        kind=kind,
        span=Span(a.id, 1, 16),
        outlets=(a.outlet, b.outlet),
        occurrences=(Span(a.id, 1, 16), Span(b.id, 1, 16)),
        conflicting_speakers=others,
    )


def speaker_values(articles: list[Article], quote: Quote) -> list[set[str]]:
    result = compare(articles, settings=Settings(), quotes=[quote])
    return [{v.value for v in d.versions} for d in result.disagreements if d.kind == "speaker"]


def test_two_forms_of_one_speakers_name_are_no_disagreement() -> None:
    a = article('"We will rebuild," said Pete Strella, the fire chief.\n', "Daily A")
    b = article('"We will rebuild," said Peter Strella, the fire chief.\n', "Daily B")
    assert speaker_values([a, b], _speakers_quote(a, b, "Pete Strella", "Peter Strella")) == []
    c = article('"We will rebuild," said Mark Ellison, the owner.\n', "Daily B")
    assert speaker_values([a, c], _speakers_quote(a, c, "Pete Strella", "Mark Ellison")) == [
        {"Pete Strella", "Mark Ellison"}
    ]


def test_one_speaker_conflict_under_surnames_and_full_names_is_one_entry() -> None:
    """Two quotes, each given to Ellison by one outlet and to Porter by the other: one
    conflict over who speaks, shown under the full names."""
    a = article(
        '"We will rebuild," said Mark Ellison, the owner.\n'
        "Asked about the cost, \u201cit will take years to pay off the loans,\u201d says "
        "Ellison.\n",
        "Daily A",
    )
    b = article(
        '"We will rebuild," said Mark Porter, the owner.\n'
        "Asked about the cost, \u201cit will take years to pay off the loans,\u201d says "
        "Porter.\n",
        "Daily B",
    )
    assert speaker_values([a, b], _speakers_quote(a, b, "Mark Ellison", "Mark Porter")) == [
        {"Mark Ellison", "Mark Porter"}
    ]


def test_an_outlet_naming_both_speakers_takes_no_side() -> None:
    """An interview: the host and the guest are both named around the guest's answer."""
    a = article(
        '"We will rebuild," Mark Ellison told Ann Porter, who asked about the plant.\n', "Daily A"
    )
    b = article('"We will rebuild," said the owner, Mark Ellison.\n', "Daily B")
    assert speaker_values([a, b], _speakers_quote(a, b, "Mark Ellison", "Ann Porter")) == []


def test_reported_speech_and_stock_phrases_are_no_speaker_disagreement() -> None:
    """Two sources may report one claim; words three people say are a stock phrase."""
    a = article('"We will rebuild," said Pete Strella, the fire chief.\n', "Daily A")
    b = article('"We will rebuild," said Mark Ellison, the owner, and Ann Porter.\n', "Daily B")
    quote = _speakers_quote(a, b, "Pete Strella", "Mark Ellison")
    assert speaker_values([a, b], quote) == [{"Pete Strella", "Mark Ellison"}]
    reported = dataclasses.replace(quote, kind="indirect")
    assert speaker_values([a, b], reported) == []
    three = _speakers_quote(a, b, "Pete Strella", "Mark Ellison", "Ann Porter")
    assert speaker_values([a, b], three) == []


def test_coverage_per_outlet() -> None:
    early = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
    a1 = article("One two three four.", "Daily A", title="First", published=early)
    a2 = article("Five six.", "Daily A", title="Second")
    b = article("Seven eight nine.", "Daily B", title="Other", published=None)
    result = coverage([a1, a2, b])
    assert [(c.outlet, c.articles, c.words, c.headlines) for c in result] == [
        ("Daily A", 2, 6, ("First", "Second")),
        ("Daily B", 1, 3, ("Other",)),
    ]
    assert result[0].first == early and result[0].last == a2.published
    assert result[1].first is None


def test_coverage_counts_no_words_for_a_page_that_was_all_junk() -> None:
    page = article("Tweet with a location. Learn more.", "Daily A")
    cleaned = dataclasses.replace(page, clean_text="")  # cleaning dropped every line
    assert [c.words for c in coverage([cleaned])] == [0]


@pytest.mark.parametrize(
    ("token", "first", "kind"),
    [("12", False, "number"), ("twelve", False, "number"), ("Tuesday", False, "date"),
     ("2016", False, "date"), ("Nov.", False, "date"), ("Ellison", False, "name"),
     ("The", True, None), ("President", False, None), ("workers", False, None)],
)  # fmt: skip
def test_value_kind(token: str, first: bool, kind: str | None) -> None:
    assert value_kind(token, first) == kind


def test_empty_story() -> None:
    assert compare([], settings=Settings()) == Comparison()


def test_articles_without_text() -> None:
    result = compare([article("", "Daily A"), article("  \n", "Daily B")], settings=Settings())
    assert (result.agreed, result.single_source, result.disagreements) == ((), (), ())
    assert [c.words for c in result.coverage] == [0, 0]


def pair(first: str, second: str) -> list[Article]:
    """Two outlets' one-line reports."""
    return [article(first + "\n", "Daily A"), article(second + "\n", "Daily B")]


@pytest.mark.parametrize(
    ("first", "second", "kind", "values"),
    [
        (
            "Cary Joseph Heath, 51, was arrested at the school on Monday, police said.",
            "Police said 35-year-old Cary Joseph Heath was arrested at the school.",
            "number",
            {"51", "35"},
        ),
        (
            '"We will rebuild every single home in this town," said Ann Porter on Monday.',
            '"We will rebuild every single home in this town," the mayor, Mark Ellison, told us.',
            "speaker",
            {"Ann Porter", "Mark Ellison"},
        ),
        (
            "The record jackpot of $656 million was shared by three tickets in March 2012.",
            "The record jackpot of $656 million was shared by three tickets in April 2012.",
            "date",
            {"March", "April"},
        ),
        (
            "The jackpot is near the state record, which was a $325 million Lotto Max prize, "
            "shared by three winning tickets in 2012.",
            "The buying spree pushed the prize closer to the record state jackpot of $656 "
            "million, won in 2012 in a Lotto Max drawing.",
            "number",
            {"$325 million", "$656 million"},
        ),
        (
            "In 1992 he made his first visit to the country, which is mostly Catholic and lost a "
            "third of its land after it broke away in a 1991 war.",
            "In 1994, when the pope made his first papal visit to the country, it was still at "
            "war after it broke away in 1991 and lost a third of its land.",
            "date",
            {"1992", "1994"},
        ),
        (
            "Watch Mayor Ann Porter Question Harbor Bank Chief Executive Tom Reyes",
            "Mayor Ann Lee questioned Harbor Bank chief executive Tom Reyes on Tuesday.",
            "name",
            {"Porter", "Lee"},
        ),
        (
            "Rosa Lima Vieira, a 27-year-old nurse, said she would vote for the mayor.",
            "Rosa Lima Vieira, 48, a nurse, said she would vote for the mayor.",
            "number",
            {"27", "48"},
        ),
        (
            "The storm hit the coast 16 days ago and killed two fishermen and 13 others.",
            "The storm hit the coast 16 days ago and killed two fishermen and 16 others.",
            "number",
            {"13", "16"},
        ),
    ],
    ids=[
        "age",
        "speaker",
        "tight-date",
        "sole-amount",
        "sole-year",
        "headline",
        "age-apposition",
        "value-also-elsewhere",
    ],
)
def test_detectors(first: str, second: str, kind: str, values: set) -> None:
    found = compare(pair(first, second), settings=Settings()).disagreements
    assert [(d.kind, {v.value for v in d.versions}) for d in found] == [(kind, values)]


def test_span_of_time_known_to_the_other_outlet_only_as_a_bare_number() -> None:
    # Daily B gives a "20" elsewhere, but never "20 months": the spans still conflict.
    first = (
        "The men were seized two weeks after rebels freed two Danish aid workers who had been "
        "held for 20 months.\n"
    )
    second = (
        "Some 20 aid agencies had called for their release.\n"
        "The kidnapping came just two weeks after rebels freed two Danish aid workers, ending "
        "their 14 months of captivity in the mountains.\n"
    )
    articles = [article(first, "Daily A"), article(second, "Daily B")]
    found = compare(articles, settings=Settings()).disagreements
    assert [(d.kind, {v.value for v in d.versions}) for d in found] == [("number", {"20", "14"})]


@pytest.mark.parametrize(
    ("first", "second", "found"),
    [
        ("rebels who had held them for 20 months", "their 14 months of captivity", {"20", "14"}),
        ("rebels who had held them for 20 months", "their 14 years of captivity", None),
        ("talks resume with 4 days until the budget runs out", "3 days until the budget", None),
        ("the attack 2 days ago", "the attack 3 days ago", None),
    ],
    ids=["same-unit", "other-unit", "until", "ago"],
)
def test_spans_of_time_are_a_sort_of_amount(first: str, second: str, found: set | None) -> None:
    slots = [(kind, {a, b}) for kind, a, b, _ in sole_amounts(first, second)]
    assert slots == ([("number", found)] if found else [])


CAST = "Mel Greig and Michael Christian hosted the morning show for two years.\n"
BRAWL = "Jayden Cole and Brian Austin had been drinking at the bar that night.\n"
JAILED = "The dissidents Xu Wenli and Qin Yongmin were detained last month.\n"


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        (
            CAST + "The station axed the show Greig and Christian presented every morning.",
            CAST + "The station said Rowe and Christian, whose morning show was axed, have left.",
            {"Greig", "Rowe"},
        ),
        (
            BRAWL + "Cole and Austin had been in a fight outside the bar in town earlier that "
            "morning, police said.",
            BRAWL + "Hall said that Cole and Quinn knew each other and were in a fight outside the "
            "bar on Main Street before the shooting.",
            {"Austin", "Quinn"},
        ),
        (
            JAILED + "Officials raised their concerns with the ministry and urged that Xu be "
            "released at once.",
            JAILED + "Officials raised their concerns with the ministry and urged that Hale and "
            "Qin be released at once.",
            {"Xu", "Hale and Qin"},
        ),
    ],
    ids=["partner", "loose-slot", "one-of-two"],
)
def test_name_put_in_place_of_a_person_both_outlets_name(
    first: str, second: str, values: set
) -> None:
    articles = [article(first + "\n", "Daily A"), article(second + "\n", "Daily B")]
    found = compare(articles, settings=Settings()).disagreements
    assert [(d.kind, {v.value for v in d.versions}) for d in found] == [("name", values)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "The company said sales rose to $5.6 million in the last quarter of the year.",
            "The company said sales rose to $5.58 million in the last quarter of the year.",
        ),
        (
            "The scientist works at Liverpool John Moores University in the UK, he said.",
            "The scientist works at Liverpool John Moores University in the United Kingdom.",
        ),
        (
            "Other tenants of the building include Zenith Global Logistics, a trucking firm.",
            "Other tenants of the building include Zenith Freight Logistics, a trucking firm.",
        ),
        (
            "Former adviser Michael Flynn resigned on Monday night after the report.",
            "Former adviser Mike Flynn resigned on Monday night after the report.",
        ),
        (
            "The girl, 7-year-old Lena Marsh, vanished from the street outside her home in 1957.",
            "Her brother, 70-year-old Carl Marsh, still lives in the town where she vanished.",
        ),
        (
            "He cited a poll showing his approval rating north of 50 percent before talking trade.",
            "He cited the latest poll, which found 55 percent of voters approving of his work.",
        ),
        (
            "The two men fought outside the bar on Main Street early Sunday morning, police said.",
            "Police said Monday that the two men fought outside the bar on Main Street.",
        ),
        (
            "Cole and Austin had been in a fight outside the bar in town earlier that morning, "
            "police said. The two men later drove to Geneva.",
            "Hall said that Cole and Geneva knew each other and were in a fight outside the bar "
            "on Main Street before the shooting. The two men later drove to Geneva.",
        ),
    ],
    ids=[
        "rounding",
        "abbreviation",
        "organisation",
        "first-name",
        "relatives",
        "hedged-amount",
        "day-of-report",
        "place-for-person",
    ],
)
def test_not_a_disagreement(first: str, second: str) -> None:
    assert compare(pair(first, second), settings=Settings()).disagreements == ()


@pytest.mark.slow
def test_framing_is_the_outlets_own_uncommon_wording() -> None:
    articles = pair(
        'The defiant mayor gave a "disgusting" speech to an angry crowd, a relatively easy task.',
        "The mayor gave a speech to an angry crowd at the town hall on Monday evening.",
    )
    framing = compare(articles, settings=Settings()).framing
    terms = {(f.outlet, f.term, f.category) for f in framing}
    assert ("Daily A", "defiant mayor", "loaded") in terms
    assert ("Daily A", "relatively easy task", "evaluative") in terms
    assert not any("disgusting" in f.term or "angry" in f.term for f in framing)


@pytest.mark.slow
def test_quality_gate_on_perturbed_multinews() -> None:
    """Pin measured floors (first 20 stories: recall 0.86, 0.00 alarms per story)."""
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "compare.py"
    spec = importlib.util.spec_from_file_location("bench_compare", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up while it loads
    spec.loader.exec_module(bench)
    if not bench.DATA.exists():
        pytest.skip("../shared/eval is not available")
    settings, hits, alarms = Settings(), [], []
    for story_id, documents in bench.load(20):
        articles = bench.prepare(documents, settings, story_id)
        alarms.append(len(bench.ours(articles, settings)))
        for trial in bench.perturb(story_id, articles, settings):
            hits.append(bench.score(bench.ours(list(trial.articles), settings), trial))
    assert len(hits) >= 15
    assert sum(hits) / len(hits) >= 0.75
    assert sum(alarms) / len(alarms) <= 0.15


def test_coverage_sorts_naive_and_aware_times_together() -> None:
    naive = article("One two.", "Daily A", title="Late", published=datetime(2026, 3, 7, 9, 0))
    aware = article("Three.", "Daily A", title="Early")
    (result,) = coverage([naive, aware])
    assert (result.first, result.last) == (aware.published, naive.published)


def test_reports_with_other_figures_are_no_agreed_fact() -> None:
    articles = pair(
        "Councillors voted 31 to 24 in favour of the tram extension, with two abstentions, "
        "after a debate that ran for more than five hours on Thursday.",
        "Councillors voted 31 to 22 in favour of the tram extension, with four abstentions, "
        "after a debate that ran for more than five hours on Thursday.",
    )
    result = compare(articles, settings=Settings())
    assert not any("31 to" in fact.text for fact in result.agreed)


def test_only_in_lists_sentences_a_reader_can_follow() -> None:
    shared = "The council approved the new harbour wall on Monday after a long debate."
    articles = pair(
        shared + " Professor Ada Quill, who teaches coastal engineering at the University of "
        "Dunmore, said the design would protect the old town from storms for fifty years, and "
        "the mayor, who opposed it for years, said she was now content with the plan.",
        shared,
    )
    single = compare(articles, settings=Settings()).single_source
    texts = [fact.text for fact in single]
    assert any(text.startswith("Professor Ada Quill") and text.endswith("plan.") for text in texts)
    assert not any(text.startswith(("who", "said")) for text in texts)


def test_a_quotation_split_into_sentences_is_one_single_source_fact() -> None:
    quote = (
        '"You are in full kit, it is 33 degrees and the ground under your boots is smoking. '
        'Everybody looked after each other, and everybody came home."\n'
    )
    a = fire("Daily A")
    b = article(fire("Daily B").text + quote, "Daily B")
    result = compare([a, b], settings=Settings())
    texts_b = [f.text for f in result.single_source if f.outlets == ("Daily B",)]
    assert any("full kit" in t and "everybody came home" in t for t in texts_b)
    assert not any(t.startswith("Everybody looked after") for t in texts_b)


def test_an_agreed_clause_cut_mid_sentence_is_shown_as_cut() -> None:
    shared = "The mayor called the theft of the reliquary a crime against the whole city"
    a = article(
        f"{shared}, after police confirmed that the museum alarm had been switched off for"
        " weeks.\n",
        "Daily A",
    )
    b = article(
        f"{shared}, after the insurers offered a reward of fifty thousand pounds for its"
        " safe return.\n",
        "Daily B",
    )
    result = compare([a, b], settings=Settings())
    fact = next(f for f in result.agreed if "reliquary" in f.text)
    assert fact.text.endswith("the whole city …")
    source = a if fact.span.article_id == a.id else b
    assert fact.text == source.text[fact.span.start : fact.span.end] + " …"


def test_an_agreed_clause_from_mid_sentence_is_shown_as_such() -> None:
    shared = "after police confirmed that the museum alarm had been switched off for weeks"
    a = article(f"The mayor called the theft of the reliquary a disgrace on Friday, {shared}.\n",
                "Daily A")  # fmt: skip
    b = article(f"Insurers offered a reward of fifty thousand pounds for its return, {shared}.\n",
                "Daily B")  # fmt: skip
    result = compare([a, b], settings=Settings())
    fact = next(f for f in result.agreed if "alarm" in f.text)
    assert fact.text.startswith("… after police confirmed")
    source = a if fact.span.article_id == a.id else b
    assert fact.text == "… " + source.text[fact.span.start : fact.span.end]


def test_a_relative_clause_between_commas_is_not_cut_from_its_verb() -> None:
    text = (
        "The mayor told reporters outside the town hall on Friday that the council, which owns"
        " the museum on the quay, would order an"
        " independent review of its alarms, after the insurers offered a reward of fifty"
        " thousand pounds for its safe return to the city.\n"
    )
    (voice,) = group_voices([article(text, "Daily A")])
    units = [u.text for u in split_units(voice, 0)]
    assert units[0].endswith("independent review of its alarms")
    assert units[1].startswith("after the insurers")


def test_a_quotation_with_a_short_sentence_between_is_one_fact() -> None:
    quote = (
        'The director said: "This casket has been in the care of the city for sixty years.'
        " Schoolchildren draw it. Couples have their wedding photographs taken beside it,"
        '" she said outside the museum.\n'
    )
    a = fire("Daily A")
    b = article(a.text + quote, "Daily B")
    result = compare([a, b], settings=Settings())
    (fact,) = [f for f in result.single_source if "sixty years" in f.text]
    assert fact.text == quote.strip()
    assert b.text[fact.span.start : fact.span.end] == fact.text


def test_whole_quotation_widens_only_to_its_own_quotation() -> None:
    text = (
        'He said: "We were lucky. Nobody was hurt," he said. The road reopened.\n'
        '"It was frightening," a driver said.'
    )
    cut = text.index("Nobody")
    assert text[slice(*whole_quotation(text, cut, text.index(" The road")))] == (
        'He said: "We were lucky. Nobody was hurt," he said.'
    )
    road = text.index("The road")
    assert whole_quotation(text, road, road + len("The road reopened.")) == (
        road,
        road + len("The road reopened."),
    )


def test_an_agreed_fact_is_shown_from_a_whole_quotation_when_one_outlet_has_it() -> None:
    a = article(
        FIRE.format(dead="12", day="Tuesday", owner="Mark Ellison")
        + '"It is not a cheap place to run. It cannot be sold, and I appeal to whoever has the'
        ' keys to bring them back to the factory owner," the governor said.\n',
        "Daily A",
    )
    b = article(
        FIRE.format(dead="12", day="Tuesday", owner="Mark Ellison")
        + '"I appeal to whoever has the keys to bring them back to the factory owner," the'
        " governor said.\n",
        "Daily B",
    )
    result = compare([a, b], settings=Settings())
    (fact,) = [f for f in result.agreed if "keys" in f.text]
    assert fact.text.startswith('"I appeal') and fact.span.article_id == b.id


def test_a_disagreement_lists_every_outlet_giving_each_value() -> None:
    articles = [fire("Daily A", dead="17"), fire("Daily B", dead="seventeen"), fire("Wire C")]
    result = compare(articles, settings=Settings())
    (found,) = [d for d in result.disagreements if d.kind == "number"]
    sides = {v.value.lower(): v.outlets for v in found.versions}
    assert sorted(sides) == ["12", "17"] or sorted(sides) == ["12", "seventeen"]
    assert set(next(o for v, o in sides.items() if v != "12")) == {"Daily A", "Daily B"}
    assert sides["12"] == ("Wire C",)


def test_an_outlet_backs_a_fact_only_by_matching_the_sentence_shown() -> None:
    # Wire ~ Northline ~ Gazette chain through the ferry striking the quay; the wire gives
    # another count, so it backs neither the Gazette's "Fourteen" nor its own in the other.
    articles = [
        article(
            "Seventeen people were injured on Wednesday when a passenger ferry struck a quay "
            "wall in Port Ardel during a squall, the regional ambulance service said.",
            "Wire",
        ),
        article(
            "Investigators from the maritime office were at the port on Thursday morning, after "
            "a passenger ferry struck a quay wall in Port Ardel during a squall on Wednesday.",
            "Northline",
        ),
        article(
            "Fourteen people were injured on Wednesday morning when a passenger ferry struck "
            "the quay wall at Port Ardel during a sudden squall, the harbour authority said.",
            "Gazette",
        ),
    ]
    agreed = compare(articles, settings=Settings()).agreed
    assert [fact.outlets for fact in agreed if "Fourteen" in fact.text] == [
        ("Gazette", "Northline")
    ]
    assert not any("Seventeen" in fact.text and "Gazette" in fact.outlets for fact in agreed)


def test_each_version_carries_when_its_outlets_first_published_it() -> None:
    at = [datetime(2026, 3, 6, hour, 0, tzinfo=UTC) for hour in (9, 7, 12)]
    articles = [
        dataclasses.replace(fire("Daily A", dead="17"), published=at[0]),
        dataclasses.replace(fire("Daily B", dead="17"), published=at[1]),
        dataclasses.replace(fire("Wire C"), published=at[2]),
    ]
    (found,) = compare(articles, settings=Settings()).disagreements
    assert {v.value: v.published for v in found.versions} == {"17": at[1], "12": at[2]}
    undated = [*articles[:2], dataclasses.replace(articles[2], published=None)]
    (found,) = compare(undated, settings=Settings()).disagreements
    assert {v.value: v.published for v in found.versions} == {"17": at[1], "12": None}


@pytest.mark.slow
def test_a_quotation_that_names_no_one_is_shown_with_its_speaker() -> None:
    from storydesk.quotes import extract_quotes

    shared = "The council approved the new harbour wall on Monday after a long debate. "
    first = article(
        shared + '"We have waited thirty years for this wall," said Ada Quill, who chairs '
        'the harbour board. "Now we can plan for storms every winter."',
        "Daily A",
    )
    second = article(shared + "The wall will cost £12 million and open next spring.", "Daily B")
    quotes = extract_quotes([first, second], settings=Settings())
    result = compare([first, second], settings=Settings(), quotes=quotes)
    speakers = {fact.text: fact.speaker for fact in result.single_source}
    assert speakers['"Now we can plan for storms every winter."'] == "Ada Quill"
    assert not any(s for t, s in speakers.items() if "Ada Quill" in t)


@pytest.mark.slow
def test_quotations_of_two_speakers_are_no_shared_fact() -> None:
    from storydesk.quotes import extract_quotes

    first = article(
        "The council approved the tram line on Thursday. Speaking on Friday, the mayor, Ilse "
        'Brandvold, defended the vote. "We have found our share of the money, we have taken '
        'the difficult decisions and we have taken the flak for them," she said.',
        "Daily A",
    )
    second = article(
        "Residents of Wexley Road will lose their gardens. Irene Coyle, who chairs the "
        "residents' campaign, was angry. \"They have taken a decision about my home without "
        'once coming to look at it," she said.',
        "Daily B",
    )
    quotes = extract_quotes([first, second], settings=Settings())
    result = compare([first, second], settings=Settings(), quotes=quotes)
    assert not any("decision" in fact.text for fact in result.agreed)
    assert any("decision about my home" in fact.text for fact in result.single_source)


def test_a_clause_without_figures_is_held_to_its_sentences() -> None:
    gazette = article(
        "Fourteen people were injured on Wednesday morning when a passenger ferry struck the "
        "quay wall at Port Ardel's Quay 3 during a sudden squall, the harbour authority said.",
        "Gazette",
    )
    northline = article(
        "The master of the ferry that struck a quay wall in Port Ardel on Wednesday has been "
        "stood down from duty while investigators examine the collision, which left 17 people "
        "injured and the island without its only link to the mainland.",
        "Northline",
    )
    # the clause is cut from ", which left 17 people injured": not the Gazette's fourteen
    assert compare([gazette, northline], settings=Settings()).agreed == ()


def test_an_outlet_naming_what_a_fact_counts_without_the_count_does_not_back_it() -> None:
    counted = "The trust said on Tuesday that 140 planned operations had been postponed."
    wire = article(f"{counted} Staff were working on paper.", "Wire")
    gazette = article(
        "The trust has postponed 140 planned operations and more than a thousand appointments.",
        "Gazette",
    )
    observer = article(
        "The trust said on Wednesday that its emergency department had resumed taking "
        "ambulances, but that planned operations would be postponed until at least Friday.",
        "Observer",
    )
    agreed = compare([wire, gazette, observer], settings=Settings()).agreed
    outlets = [fact.outlets for fact in agreed if "140" in fact.text]
    assert outlets == [("Gazette", "Wire")]
    # the same clause backs a fact that counts nothing it names
    plain = article("The trust said on Tuesday that operations had been postponed.", "Wire")
    agreed = compare([plain, observer], settings=Settings()).agreed
    assert [fact.outlets for fact in agreed] == [("Observer", "Wire")]


def test_one_persons_two_quotations_are_no_shared_fact() -> None:
    post = article(
        "The trust's chief executive, Dr Amara Quist, said in a letter to staff on Tuesday "
        'night that the trust would "not be drawn into negotiating with criminals".',
        "Post",
    )
    gazette = article(
        "Dr Amara Quist, the trust's chief executive, thanked staff on Tuesday for what she "
        'called "an extraordinary effort".',
        "Gazette",
    )
    wire = article(
        "The trust's chief executive, Dr Amara Quist, said on Tuesday night that the trust "
        'would "not be drawn into negotiating with criminals", in a letter to staff.',
        "Wire",
    )
    assert compare([post, gazette], settings=Settings()).agreed == ()
    agreed = compare([post, gazette, wire], settings=Settings()).agreed
    assert [fact.outlets for fact in agreed] == [("Post", "Wire")]


def test_a_sentence_near_another_outlets_with_other_figures_is_not_only_in_one() -> None:
    wire = article(
        "Wind speeds at the harbour entrance reached 52 knots shortly before 8 a.m., according "
        "to readings from the harbour authority's weather station.",
        "Wire",
    )
    paper = article(
        "Readings from the harbour authority's weather station show gusts of more than 50 "
        "knots at the time of the crash.",
        "Paper",
    )
    result = compare([wire, paper], settings=Settings())
    assert not any("knots" in fact.text for fact in result.single_source)


def test_a_wire_dateline_is_no_part_of_a_fact() -> None:
    lead = "Seventeen people were injured on Wednesday when a ferry struck a quay wall in a squall."
    wire = article(f"PORT ARDEL, Feb 11 (Wirepoint) – {lead}", "Wire")
    paper = article(
        "Seventeen people were injured on Wednesday when a ferry hit a quay wall.", "Paper"
    )
    texts = [fact.text for fact in compare([wire, paper], settings=Settings()).agreed]
    assert texts and not any("Wirepoint" in text for text in texts)


def test_an_outlet_sharing_only_a_name_with_a_fact_does_not_back_it() -> None:
    said = "The National Cyber Resilience Centre said it was aware of the claim and was "
    a = article(FIRE.format(dead="12", day="Tuesday", owner="Mark Ellison") + said
                + "supporting the hospital trust.\n", "Daily A")  # fmt: skip
    b = article(OTHER + said + "helping the hospital trust.\n", "Daily B")
    c = article(
        OTHER + "Officials at the National Cyber Resilience Centre believe Nightjar struck.\n",
        "Daily C",
    )
    result = compare([a, b, c], settings=Settings())
    fact = next(f for f in result.agreed if "aware of the claim" in f.text)
    assert fact.outlets == ("Daily A", "Daily B")


@pytest.mark.parametrize(
    ("shown", "other", "more"),
    [
        (
            "The museum's director, Henrietta Lammas, appealed for the reliquary's return.",
            "The museum's director, Dr Henrietta Lammas, said staff were heartbroken.",
            " and appealed for its return",
        ),
        (
            "Council leader Hamish Ellery said evacuees would not be allowed home before Tuesday.",
            "Council leader Hamish Ellery thanked volunteers who arrived with food and bedding.",
            " and said evacuees would wait",
        ),
    ],
)
def test_an_outlet_sharing_only_a_person_and_post_with_a_fact_does_not_back_it(
    shown: str, other: str, more: str
) -> None:
    agreed = compare([article(shown, "Wire"), article(other, "Gazette")], settings=Settings())
    assert agreed.agreed == ()
    # a word of the fact beyond the person's post is enough
    backed = article(other.replace(".", f"{more}.", 1), "Gazette")
    agreed = compare([article(shown, "Wire"), backed], settings=Settings())
    assert [fact.outlets for fact in agreed.agreed] == [("Gazette", "Wire")]
