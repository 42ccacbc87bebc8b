"""Tests of the attributed extractive summarizer and its similarity helpers."""

from __future__ import annotations

import json
import os
import re
import statistics
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from storydesk import registry
from storydesk.errors import StorydeskError
from storydesk.models import Article, content_id
from storydesk.sentences import split_sentences
from storydesk.settings import Settings
from storydesk.similarity import similarity, stem, terms
from storydesk.summarize import build_pool, summarize

from .conftest import SEEDS, SHARED, make_article

BACKENDS = ["ilp.v1", "greedy.v1", "lexrank.v1", "lead.v1"]
DAY = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
DUC = SHARED / "eval" / "summarization" / "duc2003_task2.jsonl"
QUALITY_FLOOR = 9.0  # ROUGE-2 recall x100 of ilp.v1, first 8 DUC clusters (measured 10.08)

# An invented story: three outlets report a bridge closure in the town of Dunmore.
HARBOUR = "\n".join(
    [
        "Engineers closed the Dunmore river bridge on Monday after inspectors found deep "
        "cracks in two of its steel supports.",
        "Chief engineer Tom Hale said the cracks were found during a routine inspection "
        "of the bridge.",
        "He said the repairs would take at least six weeks.",
        "The bridge carries about 40,000 vehicles a day between the harbour district and "
        "the city centre.",
        "Credit: Harbour Post",
        "Mayor Alice Brennan said the council would run free shuttle buses across the "
        "river while the bridge stays closed.",
        '"We will not reopen it until every support is safe," she said.',
        "Traffic.",
    ]
)
COURIER = "\n".join(
    [
        "Inspectors found deep cracks in two steel supports of the Dunmore river bridge, "
        "and engineers closed it on Monday.",
        "However, the council said no one had been hurt.",
        "Local shop owners in the harbour district said they feared losing customers "
        "during the six weeks of repairs.",
        "The council will run free shuttle buses across the river, Mayor Alice Brennan "
        "said on Monday.",
        "Join our official WhatsApp group",
        "The city last repaired the bridge in 2009, when a flood damaged its eastern ramp.",
    ]
)
GAZETTE = "\n".join(
    [
        "Commuters faced long queues on Tuesday, a day after the Dunmore river bridge was"
        " closed because of cracked steel supports.",
        "Free shuttle buses ran every ten minutes between the harbour district and the "
        "city centre, the council said.",
        "The repairs to the two damaged supports are expected to cost about 3 million "
        "euros, according to council documents.",
        "Click below to watch:",
        "Some drivers said the detour through the northern ring road added forty minutes "
        "to their journey.",
    ]
)


def story() -> list[Article]:
    """Return the invented three-outlet story, published on consecutive days."""
    return [
        make_article(HARBOUR, title="Bridge shut", outlet="Harbour Post", published=DAY),
        make_article(COURIER, title="Cracks close bridge", outlet="Courier", published=DAY),
        make_article(GAZETTE, title="Queues", outlet="Gazette", published=DAY + timedelta(1)),
    ]


def words_of(summary: tuple) -> int:
    return sum(len(s.text.split()) for s in summary)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_sentence_maps_to_a_source_span_and_names_outlets(backend: str) -> None:
    articles = {a.id: a for a in story()}
    summary = summarize(list(articles.values()), settings=Settings(summarizer=backend), words=80)
    assert summary
    for sentence in summary:
        article = articles[sentence.span.article_id]
        assert article.text[sentence.span.start : sentence.span.end] == sentence.text
        assert article.outlet in sentence.outlets
        assert list(sentence.outlets) == sorted(set(sentence.outlets))
        for span in sentence.support:
            assert articles[span.article_id].outlet in sentence.outlets


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("budget", [12, 25, 60, 200])
def test_word_budget_is_respected(backend: str, budget: int) -> None:
    summary = summarize(story(), settings=Settings(summarizer=backend), words=budget)
    assert words_of(summary) <= budget


def test_budget_defaults_to_the_setting() -> None:
    settings = Settings(summary_words=30)
    summary = summarize(story(), settings=settings)
    assert 0 < words_of(summary) <= 30


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_junk_short_lines_or_captions(backend: str) -> None:
    summary = summarize(story(), settings=Settings(summarizer=backend), words=1000)
    texts = " ".join(s.text for s in summary)
    for junk in ("Credit: Harbour Post", "WhatsApp", "Click below", "Traffic."):
        assert junk not in texts


@pytest.mark.parametrize("backend", BACKENDS)
def test_pronoun_or_connective_opener_follows_its_antecedent(backend: str) -> None:
    articles = {a.id: a for a in story()}
    index = {
        (s.article_id, s.start): s.index for a in articles.values() for s in split_sentences(a)
    }
    summary = summarize(list(articles.values()), settings=Settings(summarizer=backend), words=1000)
    for before, sentence in zip(summary, summary[1:], strict=False):
        if re.match(r"(He|She|However,)\b", sentence.text):
            assert before.span.article_id == sentence.span.article_id
            position = index[(sentence.span.article_id, sentence.span.start)]
            assert index[(before.span.article_id, before.span.start)] == position - 1
    assert not re.match(r"(He|She|However,)\b", summary[0].text)


def test_opener_is_kept_with_its_antecedent() -> None:
    summary = summarize(story(), settings=Settings(summarizer="lead.v1"), words=1000)
    texts = [s.text for s in summary]
    opener = texts.index("He said the repairs would take at least six weeks.")
    assert texts[opener - 1].startswith("Chief engineer Tom Hale said")


def summary_texts(text: str) -> list[str]:
    """Return the texts of the default summary of one article."""
    return [s.text for s in summarize([make_article(text)], settings=Settings(), words=1000)]


# Each text leans on a line that can never be selected (a caption), so it cannot be either.
LEANING = [
    # "However, ..." follows a caption.
    (
        "Photo: the quay at dawn\nHowever, the ferry company cancelled all crossings to the "
        "island of Inish Mor on Friday because of the storm.",
        "However",
    ),
    # A bare quote after a caption: nobody would know who spoke.
    (
        "Photo: the quay at dawn\n\u201cWe will reopen the ferry crossings to the island as "
        "soon as the storm has passed and the quay is safe.\u201d",
        "\u201c",
    ),
    # "..., he said." after a caption: nobody would know who said it.
    (
        "Photo: the quay at dawn\nThe ferry company will resume all crossings to the island of "
        "Inish Mor on Monday, he said.",
        "The ferry company will resume",
    ),
    # "Twelve others" whose first count only a caption gives.
    (
        "Photo: two hurt as the ferry hit the quay\nTwelve others were hurt when the ferry "
        "struck the quay wall at Inish Mor on Friday.",
        "Twelve others",
    ),
    # "Mr Aberline" whose full name only a caption gives.
    (
        "Photo: Transport minister Colm Aberline at the quay\n"
        "Mr Aberline will visit the island of Inish Mor on Saturday to meet the ferry crews.",
        "Mr Aberline",
    ),
]


@pytest.mark.parametrize(("text", "opening"), LEANING)
def test_a_sentence_leaning_on_an_unselectable_line_is_never_chosen(
    text: str, opening: str
) -> None:
    other = "The ferry company said crossings to the island of Inish Mor would resume on Saturday."
    texts = summary_texts(f"{text}\n{other}")
    assert texts and not any(t.startswith(opening) for t in texts)


def test_a_titled_surname_leans_on_the_sentence_with_the_full_name() -> None:
    text = (
        "Transport minister Colm Aberline said the ferry service to the island of Inish Mor"
        " would resume on Saturday morning.\n"
        "The ferry company said the island's only year-round link had been cut for three days.\n"
        "Mr Aberline will visit the island of Inish Mor on Saturday to meet the ferry crews."
    )
    pool = build_pool([make_article(text)], budget=100)
    first, _, titled = pool.candidates
    assert titled.text.startswith("Mr Aberline") and titled.needs_prev
    assert pool.candidates[titled.prev or 0] is first and first.prev is None


def test_a_sentence_two_outlets_carry_lists_both() -> None:
    summary = summarize(story(), settings=Settings(), words=1000)
    shared = [s for s in summary if "cracks" in s.text and "supports" in s.text]
    assert shared, "the cracked-supports sentence is the story's core and should be selected"
    assert {"Harbour Post", "Courier"} <= set(shared[0].outlets)
    supporters = {a.id for a in story() if a.outlet != shared[0].outlets[0]}
    assert any(span.article_id in supporters for span in shared[0].support)


def test_a_copy_is_one_voice_but_its_outlet_supports() -> None:
    original, courier, gazette = story()
    copy = make_article(HARBOUR, title="Bridge shut", outlet="Wire Copy", published=DAY)
    copy = replace(copy, id="copy-of-harbour", copy_of=original.id)
    summary = summarize([original, copy, courier, gazette], settings=Settings(), words=1000)
    assert all(s.span.article_id != copy.id for s in summary)
    from_original = [s for s in summary if s.span.article_id == original.id]
    assert from_original and all("Wire Copy" in s.outlets for s in from_original)
    assert len({s.text for s in summary}) == len(summary)


def test_sentences_are_ordered_by_when_the_story_first_carried_them() -> None:
    articles = {a.id: a for a in story()}
    summary = summarize(list(articles.values()), settings=Settings(summarizer="lead.v1"), words=500)
    times = [min(articles[x.article_id].published for x in (s.span, *s.support)) for s in summary]
    assert times == sorted(times)  # type: ignore[type-var]
    assert len({articles[s.span.article_id].outlet for s in summary}) == 3


DETAIL = "Shop owners in the harbour district said they feared losing customers for weeks."
LATE_LEDE = (
    "Engineers shut the Dunmore river bridge on Monday after inspectors found deep cracks"
    " in two of its steel supports."
)


@registry.register("summarizer", "test-lede-and-detail.v1")
def _lede_and_detail(pool, *, settings):  # type: ignore[no-untyped-def]
    """Choose the early outlet's detail and the late outlet's lede, nothing else."""
    return [i for i, c in enumerate(pool.candidates) if c.text in (DETAIL, LATE_LEDE)]


def test_a_lede_carried_first_by_the_early_outlet_leads_its_details() -> None:
    early = make_article(
        "Engineers closed the Dunmore river bridge on Monday after inspectors found deep cracks"
        " in two of its steel supports.\n" + DETAIL,
        title="Bridge",
        outlet="Early Post",
        published=DAY,
    )
    late = make_article(LATE_LEDE, title="Bridge shut", outlet="Late Courier",
                        published=DAY + timedelta(hours=5))  # fmt: skip
    settings = Settings(summarizer="test-lede-and-detail.v1")
    summary = summarize([early, late], settings=settings, words=500)
    assert [s.text for s in summary] == [LATE_LEDE, DETAIL]
    assert summary[0].outlets == ("Early Post", "Late Courier")


def test_summary_is_deterministic_and_independent_of_input_order() -> None:
    articles = story()
    articles[1] = replace(articles[1], published=DAY + timedelta(hours=2))
    first = summarize(articles, settings=Settings(), words=70)
    assert first == summarize(articles, settings=Settings(), words=70)
    assert first == summarize(articles[::-1], settings=Settings(), words=70)


@pytest.mark.parametrize("backend", ["lead.v1", "lexrank.v1"])
def test_backends_are_selected_by_the_setting(backend: str) -> None:
    assert backend in registry.names("summarizer")
    summary = summarize(story(), settings=Settings(summarizer=backend), words=40)
    assert summary


def test_lead_takes_each_articles_first_sentence() -> None:
    summary = summarize(story(), settings=Settings(summarizer="lead.v1"), words=30)
    assert summary[0].text.startswith("Engineers closed the Dunmore river bridge")


def test_unknown_backend_is_a_clear_error() -> None:
    with pytest.raises(StorydeskError, match="Unknown summarizer backend 'nope.v1'"):
        summarize(story(), settings=Settings(summarizer="nope.v1"))


@pytest.mark.parametrize("articles", [[], [make_article("Too short. Far too short.\nTiny.")]])
def test_nothing_to_summarise_gives_an_empty_summary(articles: list[Article]) -> None:
    assert summarize(articles, settings=Settings()) == ()


@pytest.mark.parametrize(
    "dateline", ["DUNMORE (AP) _ ", "PORT DUNMORE, Feb 11 (Wirepoint) – ", "DUNMORE, Ireland -- "]
)
def test_datelines_are_left_out_of_the_sentence(dateline: str) -> None:
    text = (
        f"{dateline}Engineers closed the river bridge on Monday after inspectors found "
        "cracks in two of its steel supports."
    )
    summary = summarize([make_article(text)], settings=Settings(), words=50)
    assert summary[0].text.startswith("Engineers closed")


def test_similarity_helpers() -> None:
    assert stem("supports") == stem("supported") == stem("supporting") == "support"
    assert "the" not in terms("The bridge closed")
    assert similarity("Engineers closed the bridge.", "The bridge was closed by engineers.") > 0.9
    assert similarity("Engineers closed the bridge.", "Shuttle buses ran all day.") == 0.0


def seed_articles() -> list[Article]:
    """Read the two seed articles and their sidecars, cleaned (skip when unavailable)."""
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) != 2:
        pytest.skip("../shared/seeds is not available")
    clean = pytest.importorskip("storydesk.clean", reason="storydesk.clean not available yet")
    articles = []
    for path in paths:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        published = datetime.fromisoformat(meta["published"]).replace(tzinfo=UTC)
        articles.append(
            Article(id=content_id(meta["outlet"], title, body), title=title.strip(),
                    text=body.strip("\n"), outlet=meta["outlet"], published=published)
        )  # fmt: skip
    return clean.clean(articles, settings=Settings())


@pytest.mark.parametrize("backend", BACKENDS)
def test_seed_summary_has_no_junk_and_no_repeats(backend: str) -> None:
    articles = seed_articles()
    summary = summarize(articles, settings=Settings(summarizer=backend), words=250)
    text = "\n".join(s.text for s in summary)
    for junk in ("Join our official WhatsApp group", "Click below to watch:", "Credit: LBC"):
        assert junk not in text
    assert len({s.text for s in summary}) == len(summary)
    assert len({s.span for s in summary}) == len(summary)


@pytest.mark.slow
def test_quality_gate_on_duc_subset() -> None:
    """ROUGE-2 recall of ilp.v1 on the first 8 DUC 2003 clusters stays above a measured floor."""
    if not DUC.exists():
        pytest.skip("../shared/eval is not available")
    scorer = pytest.importorskip("rouge_score.rouge_scorer").RougeScorer(
        ["rouge2"], use_stemmer=True
    )
    rows = [json.loads(line) for line in DUC.read_text(encoding="utf-8").splitlines()[:8]]
    scores = []
    for row in rows:
        articles = [
            Article(id=content_id(d["id"]), title="", text=d["text"], outlet=d["source"],
                    published=datetime.fromisoformat(d["date"]).replace(tzinfo=UTC))
            for d in row["documents"]
        ]  # fmt: skip
        text = "\n".join(s.text for s in summarize(articles, settings=Settings(), words=100))
        scores.append(
            statistics.mean(scorer.score(r, text)["rouge2"].recall for r in row["references"])
        )
    assert 100 * statistics.mean(scores) >= QUALITY_FLOOR


def test_a_paraphrase_with_other_figures_is_no_support() -> None:
    when = DAY
    first = make_article(
        "Councillors voted 31 to 24 in favour of the tram extension, with two abstentions, "
        "after a debate that ran for more than five hours.",
        outlet="Herald",
        published=when,
    )
    second = make_article(
        "Councillors voted 31 to 22 in favour of the tram extension, with four abstentions, "
        "after a debate that ran for more than five hours.",
        outlet="Courier",
        published=when + timedelta(hours=1),
    )
    summary = summarize([first, second], settings=Settings(), words=30)
    assert len(summary) == 1 and len(summary[0].outlets) == 1


def test_figures_in_words_and_digits() -> None:
    from storydesk.similarity import numbers, numbers_conflict

    assert numbers("Fourteen people, 1,800 hectares and £2.5 million") == {14, 1800, 2.5}
    assert numbers("one of the ferries") == frozenset()
    assert numbers_conflict("Fourteen people were hurt.", "17 people were hurt.")
    assert not numbers_conflict("A £290 million scheme.", "The £290 million scheme, in 2026.")
    assert not numbers_conflict("The scheme was approved.", "Approved 31 to 24.")


def test_native_writes_to_stdout_are_kept_out_of_the_output(capfd) -> None:
    # HiGHS prints a debug line straight to descriptor 1 now and then, even when silent.
    from storydesk.native import quiet_stdout

    print("before", flush=True)
    with quiet_stdout():
        os.write(1, b"HighsMipSolverData::transformNewIntegerFeasibleSolution\n")
    print("after", flush=True)
    out = capfd.readouterr().out
    assert out == "before\nafter\n"


def test_a_scoreline_alike_in_names_does_not_support_a_sentence() -> None:
    radio = make_article(
        "Tens of thousands of Ardel Rovers supporters packed Port Ardel's streets on Monday to "
        "welcome home the National Cup, two days after the club's 2-1 win over Bransholm City.\n\n"
        "Schools across the city closed early for the parade.",
        title="Parade",
        outlet="Radio",
        published=DAY,
    )
    paper = make_article(
        "Ardel Rovers 2 Bransholm City 1\n\n"
        "The referee's penalty decision on the hour turned the final on its head.\n\n"
        "The striker was sent off in stoppage time for dissent.",
        title="Final",
        outlet="Paper",
        published=DAY,
    )
    summary = summarize([radio, paper], settings=Settings(), words=1000)
    parade = [s for s in summary if "Tens of thousands" in s.text]
    assert parade and parade[0].outlets == ("Radio",) and not parade[0].support


def test_a_sentence_sharing_only_a_side_detail_does_not_support() -> None:
    first = make_article(
        "Reinholt, 51, the Assembly member for Kessmoor West, is accused of causing a collision "
        "on the Kessmoor Ridge Road on Saturday 4 July in which cyclist Eleni Marchetti was "
        "seriously injured.",
        title="Trial",
        outlet="Times",
        published=DAY,
    )
    other = make_article(
        "Mr Reinholt remains the Assembly member for Kessmoor West.\n\n"
        "He resigned from the cabinet in March after a row over a rail contract.",
        title="Hearing",
        outlet="Radio",
        published=DAY,
    )
    summary = summarize([first, other], settings=Settings(), words=1000)
    accused = [s for s in summary if "accused" in s.text]
    assert accused and accused[0].outlets == ("Times",)


def _first_report_story(first_published: datetime) -> list[Article]:
    feature = (
        "Porters carrying blood samples by hand and nurses writing drug charts on paper kept "
        "Ardel General Hospital running after a cyberattack shut down its computer systems.\n\n"
        "Staff at Ardel General Hospital said the computer systems had been down all day."
    )
    return [
        make_article(
            "A cyberattack forced the hospital trust to cancel operations and divert "
            "ambulances on Monday.\n\nThe trust said it was working with investigators.",
            title="Cyberattack",
            outlet="Wire",
            published=first_published,
        ),
        make_article(feature, title="Inside", outlet="Gazette", published=DAY + timedelta(1)),
        make_article(
            feature.replace("Porters", "Hospital porters"),
            title="Paper",
            outlet="Post",
            published=DAY + timedelta(1, hours=2),
        ),
    ]


def test_the_summary_opens_with_the_lead_of_the_first_report_known_to_the_minute() -> None:
    summary = summarize(_first_report_story(DAY), settings=Settings(), words=40)
    assert summary[0].text.startswith("A cyberattack forced")
    # a first report dated to the day only is no sure first: coverage decides
    midnight = DAY.replace(hour=0)
    texts = [
        s.text for s in summarize(_first_report_story(midnight), settings=Settings(), words=40)
    ]
    assert not any(text.startswith("A cyberattack forced") for text in texts)


def test_two_outlets_leading_with_one_fact_in_other_words_give_it_once() -> None:
    """Two leads that restate one fact (content-word cosine 0.53) are never both chosen."""
    first = (
        "The former minister Tobias Reinholt has denied a charge of dangerous driving and will "
        "stand trial in January over a crash on a country road in which a cyclist suffered "
        "serious injuries.\n\nThe court heard the cyclist suffered a fractured skull."
    )
    second = (
        "The former minister Tobias Reinholt has pleaded not guilty to dangerous driving after "
        "a collision on a rural road in July that left a cyclist with life-changing "
        "injuries.\n\nCycling groups renewed calls for a lower speed limit on the ridge road."
    )
    articles = [
        make_article(first, outlet="Daily A", published=DAY),
        make_article(second, outlet="Daily B", published=DAY + timedelta(hours=1)),
    ]
    summary = summarize(articles, settings=Settings(), words=1000)
    assert sum(s.text.startswith("The former minister") for s in summary) == 1
