"""The HTTP API and the web pages, through FastAPI's test client (the browser test is test_web)."""

from __future__ import annotations

import html
import json
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from storydesk.models import (
    Article,
    Briefing,
    Comparison,
    Coverage,
    Disagreement,
    Entity,
    Fact,
    Framing,
    Junk,
    Quote,
    Span,
    Story,
    SummarySentence,
    TimelineEvent,
    Version,
)
from storydesk.settings import Settings
from storydesk.store import Store
from tests.conftest import make_article

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

testclient = pytest.importorskip("fastapi.testclient")
EVIL = "<script>alert(1)</script>"
FIXED_LATER = datetime(2026, 3, 11, 18, 30, tzinfo=UTC)  # a version published a week on
LEAD_NORTH = "The Kestrel bridge will close for repairs on Monday."
LEAD_SOUTH = "Engineers said the Kestrel bridge closes on Monday for repairs."
NORTH_TEXT = (
    f"{LEAD_NORTH} Mayor Ada Lorne said the work was overdue.\n"
    "Subscribe to our newsletter for more local news!\n"
    f'"We cannot wait any longer," Lorne said. {EVIL}\n'
)
SOUTH_TEXT = f"{LEAD_SOUTH} The closure will last 12 days, officials said.\n"
OTHER_TEXT = "A ferry collided with a pier at Port Ardel. Nobody was hurt, the coastguard said.\n"


def _articles() -> list[Article]:
    junk_start = NORTH_TEXT.index("Subscribe")
    north = make_article(
        NORTH_TEXT,
        title=f"Bridge to close {EVIL}",
        outlet=f"North Post {EVIL}",
        published=datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
    )
    north = replace(
        north,
        url="javascript:alert(1)",
        junk=(Junk(junk_start, NORTH_TEXT.index("\n", junk_start), "call-to-action"),),
    )
    south = make_article(
        SOUTH_TEXT,
        title="Kestrel bridge closure",
        outlet="South Herald",
        published=datetime(2026, 3, 3, 9, 30, tzinfo=UTC),
    )
    south = replace(south, url="https://south.example/bridge")
    other = make_article(
        OTHER_TEXT,
        title="Ferry hits pier",
        outlet="Coast News",
        published=datetime(2026, 1, 10, 7, 0, tzinfo=UTC),
    )
    return [north, south, other]


def _stories(articles: Sequence[Article]) -> list[Story]:
    north, south, other = articles
    return [
        Story(
            id="s_bridge0000000001",
            article_ids=(north.id, south.id),
            headline=north.title,
            outlets=(north.outlet, south.outlet),
            first_seen=north.published,
            last_seen=south.published,
        ),
        Story(
            id="s_ferry00000000002",
            article_ids=(other.id,),
            headline=other.title,
            outlets=(other.outlet,),
            first_seen=other.published,
            last_seen=other.published,
        ),
    ]


def _span(article: Article, passage: str) -> Span:
    start = article.text.index(passage)
    return Span(article.id, start, start + len(passage))


def fake_briefing(
    story: Story, articles: Sequence[Article], *, settings: Settings, mentions: object = None
) -> Briefing:
    """A briefing with every section filled, pointing at real passages (no NLP needed)."""
    first, *rest = articles
    lead = first.text.split("\n")[0].split(". ")[0] + "."
    support = tuple(_span(a, a.text.split(".")[0] + ".") for a in rest)
    said = '"We cannot wait any longer,"' if "wait any" in first.text else lead
    return Briefing(
        story_id=story.id,
        headline=story.headline,
        summary=(SummarySentence(lead, _span(first, lead), story.outlets, support),),
        outlets=story.outlets,
        article_ids=story.article_ids,
        quotes=(
            Quote(said, EVIL, "direct", _span(first, said), (first.outlet,)),
            Quote(lead, None, "indirect", _span(first, lead), (first.outlet,)),
        ),
        entities=(Entity(f"Ada Lorne {EVIL}", "PERSON", mentions=2, roles=("mayor",)),),
        timeline=(
            TimelineEvent(lead, _span(first, lead), "2026-03-09", True, (first.outlet,)),
            TimelineEvent(lead, _span(first, lead), "2026-W11", True, (first.outlet,), "until"),
        ),
        comparison=Comparison(
            agreed=(Fact(lead, _span(first, lead), story.outlets, support),),
            single_source=(Fact(EVIL, _span(first, lead), (first.outlet,), speaker=EVIL),),
            disagreements=(
                Disagreement(
                    "number",
                    "closure length",
                    (
                        Version(EVIL, (first.outlet,), _span(first, lead), first.published),
                        Version("12", ("Other Wire",), _span(first, lead), FIXED_LATER),
                    ),
                ),
            ),
            framing=(Framing(first.outlet, EVIL, _span(first, lead)),),
            coverage=(Coverage(first.outlet, 1, 20, first.published, first.published, (EVIL,)),),
        ),
        first_seen=story.first_seen,
        last_seen=story.last_seen,
    )


@pytest.fixture
def corpus(settings: Settings) -> list[Article]:
    """Store three hand-made articles in two stories (no pipeline stage runs)."""
    articles = _articles()
    with Store(settings.db) as store, store.transaction():
        store.add_articles(articles)
        store.save_stories(_stories(articles))
    return articles


@pytest.fixture
def client(settings: Settings, corpus: list[Article], monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """A test client over the corpus, with briefings faked (the NLP stages are tested elsewhere)."""
    from storydesk import pipeline
    from storydesk.api import create_app

    monkeypatch.setattr(pipeline, "build_briefing", fake_briefing)
    with testclient.TestClient(create_app(settings, workers=0)) as test_client:
        yield test_client


def _chips(page: str) -> list[tuple[str, str]]:
    """Return (outlet, href) of every outlet chip link of a page."""
    found = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    return [(html.unescape(name), html.unescape(href)) for href, name in found]


def _marked(page: str) -> str:
    match = re.search(r'<mark id="passage">(.*?)</mark>', page, re.S)
    assert match, "no highlighted passage on the page"
    return html.unescape(match.group(1))


def test_list_page_and_its_json_twin_show_the_same_stories(client) -> None:
    listed = client.get("/api/stories").json()
    page = client.get("/").text
    linked = re.findall(r'href="/stories/([^"]+)"', page)
    assert (
        [row["id"] for row in listed["stories"]]
        == linked
        == ["s_bridge0000000001", "s_ferry00000000002"]
    )
    assert listed["total"] == 2
    assert listed["outlets"] == sorted(["Coast News", "South Herald", f"North Post {EVIL}"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "kestrel"}, ["s_bridge0000000001"]),
        ({"q": "ferry pier"}, ["s_ferry00000000002"]),
        ({"q": "kestrel ferry"}, []),
        ({"outlet": "coast news"}, ["s_ferry00000000002"]),
        ({"person": "ada   lorne"}, ["s_bridge0000000001"]),
        ({"person": "Lor"}, []),
        ({"since": "2026-03-03"}, ["s_bridge0000000001"]),
        ({"until": "2026-02-01"}, ["s_ferry00000000002"]),
        ({"since": "2026-01-01", "until": "2026-01-31", "q": "ferry"}, ["s_ferry00000000002"]),
        ({"limit": 1, "offset": 1}, ["s_ferry00000000002"]),
    ],
)
def test_story_list_filters(client, query: dict, expected: list[str]) -> None:
    listed = client.get("/api/stories", params=query).json()
    assert [row["id"] for row in listed["stories"]] == expected
    page = client.get("/", params=query).text
    assert re.findall(r'href="/stories/([^"]+)"', page) == expected


@pytest.mark.parametrize(
    "query", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"since": "yesterday"}]
)
def test_bad_filters_are_refused(client, query: dict) -> None:
    assert client.get("/api/stories", params=query).status_code == 422


def test_each_outlet_chip_links_to_that_outlets_own_passage(client, corpus) -> None:
    page = client.get("/stories/s_bridge0000000001").text
    summary = page.split('id="summary"')[1].split("</section>")[0]
    chips = _chips(summary)
    assert [name for name, _ in chips] == [f"North Post {EVIL}", "South Herald"]
    by_outlet = {article.outlet: article for article in corpus}
    for outlet, href in chips:
        article_page = client.get(href.split("#")[0]).text
        wanted = LEAD_NORTH if outlet.startswith("North") else LEAD_SOUTH
        assert _marked(article_page) == wanted
        assert f"/articles/{by_outlet[outlet].id}?" in href and href.endswith("#passage")


def test_story_page_shows_every_section(client) -> None:
    page = client.get("/stories/s_bridge0000000001").text
    for section in (
        "summary",
        "coverage-chart",
        "quotes",
        "entities",
        "timeline",
        "comparison",
        "articles",
    ):
        assert f'id="{section}"' in page
    assert page.count("<circle") == 2  # one outlet-day dot per article
    assert "Unattributed" in page.split('id="quotes"')[1].split("</section>")[0]
    comparison = page.split('id="comparison"')[1].split("</section>")[0]
    assert "11 Mar 2026, 18:30" in comparison  # versions published apart show when
    assert "— &lt;script&gt;" in comparison  # a quotation's speaker, escaped
    timeline = page.split('id="timeline"')[1].split("</section>")[0]
    assert "2026-03-09" in timeline and "until week of 2026-03-09" in timeline
    assert "W11" not in timeline


def test_story_json_twin_carries_the_briefing_and_chart(client, corpus) -> None:
    data = client.get("/api/stories/s_bridge0000000001").json()
    assert data["briefing"]["summary"][0]["span"]["article_id"] == corpus[0].id
    assert [a["id"] for a in data["articles"]] == [corpus[0].id, corpus[1].id]
    assert data["chart"]["starts"] == ["2026-03-02", "2026-03-03"]
    assert [s["counts"] for s in data["chart"]["series"]] == [[1, 0], [0, 1]]
    assert data["speakers"][0]["speaker"] == EVIL


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=bridge",
        "/stories/s_bridge0000000001",
        "/articles/{north}",
        "/articles/{north}?junk=1",
    ],
)
def test_untrusted_text_is_escaped(client, corpus, path: str) -> None:
    page = client.get(path.format(north=corpus[0].id)).text
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in page


def test_pages_forbid_scripts(client) -> None:
    response = client.get("/")
    assert "script-src" not in response.headers["content-security-policy"]
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/style.css").status_code == 200


def test_article_page_hides_junk_until_asked(client, corpus) -> None:
    north = corpus[0]
    page = client.get(f"/articles/{north.id}").text
    text = page.split('<div class="text')[1].split("</div>")[0]
    assert "Subscribe to our newsletter" not in text
    assert "<details" in page and "call-to-action" in page
    shown = client.get(f"/articles/{north.id}?junk=1").text
    text = shown.split('<div class="text')[1].split("</div>")[0]
    assert '<del class="junk" title="dropped: call-to-action">Subscribe' in text
    assert 'href="/stories/s_bridge0000000001"' in page


def test_article_json_twin(client, corpus) -> None:
    north = corpus[0]
    data = client.get(f"/api/articles/{north.id}", params={"start": 0, "end": 4}).json()
    assert data["article"]["text"] == north.text
    assert data["article"]["junk"][0]["reason"] == "call-to-action"
    assert data["story_id"] == "s_bridge0000000001"
    assert data["highlight"] == {"article_id": north.id, "start": 0, "end": 4}
    beyond = client.get(f"/api/articles/{north.id}", params={"start": 5, "end": 10**6}).json()
    assert beyond["highlight"] is None


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/stories/nope", "text/html"),
        ("/articles/nope", "text/html"),
        ("/api/stories/nope", "application/json"),
        ("/api/articles/nope", "application/json"),
    ],
)
def test_unknown_ids_are_404(client, path: str, kind: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith(kind)
    assert "nope" in response.text


def test_story_prefix_redirects_to_its_page(client) -> None:
    response = client.get("/stories/s_bridge", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/stories/s_bridge0000000001"


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Times</title>
<item><title>Wildfire reaches Selvane valley</title><link>https://valley.example/fire</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
<description>A wildfire reached the Selvane valley on Tuesday, firefighters said.</description>
</item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("body", "content_type", "params"),
    [
        (
            json.dumps(
                {"title": "Tram vote", "text": "Bransholm voted for a tram.", "outlet": "A"}
            ),
            "application/json",
            {},
        ),
        (
            json.dumps({"title": "Tram vote", "text": "Bransholm voted for a tram."})
            + "\n"
            + json.dumps({"title": "Tram cost", "text": "The tram will cost a lot."}),
            "application/x-ndjson",
            {"outlet": "B"},
        ),
        (RSS, "application/rss+xml", {}),
        (RSS, "application/octet-stream", {"format": "feed"}),
    ],
)
def test_post_articles_ingests_json_jsonl_and_feeds(client, body, content_type, params) -> None:
    before = client.get("/api/stories").json()["total"]
    response = client.post(
        "/api/articles", content=body, headers={"content-type": content_type}, params=params
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == report["read"] >= 1 and report["errors"] == []
    assert client.get("/api/stories").json()["total"] > before
    again = client.post(
        "/api/articles", content=body, headers={"content-type": content_type}, params=params
    )
    assert again.json()["added"] == 0 and again.json()["already_stored"] == report["read"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b'{"title": "no body"}', "has no text"),
        (b"   ", "body is empty"),
        (b"[]", "No articles found"),
    ],
)
def test_malformed_bodies_are_400_with_a_reason(client, body: bytes, message: str) -> None:
    response = client.post(
        "/api/articles", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_partly_bad_jsonl_stores_the_good_records(client) -> None:
    body = b'{"title": "Good", "text": "A good record about the harbour."}\n{oops\n'
    response = client.post("/api/articles", content=body, params={"format": "jsonl"})
    assert response.status_code == 200
    assert response.json()["added"] == 1
    assert "line 2" in response.json()["errors"][0]


def test_large_bodies_are_413(settings, corpus) -> None:
    from storydesk.api import create_app

    small = testclient.TestClient(create_app(settings, max_body_bytes=100, workers=0))
    body = json.dumps({"title": "Big", "text": "word " * 100})
    assert small.post("/api/articles", content=body).status_code == 413

    def chunked() -> Iterator[bytes]:  # no Content-Length: the limit must hold while reading
        yield body.encode()

    assert small.post("/api/articles", content=chunked()).status_code == 413


def test_read_only_refuses_ingest_but_serves_pages(settings, corpus) -> None:
    from storydesk.api import create_app

    read_only = testclient.TestClient(create_app(settings, read_only=True, workers=0))
    response = read_only.post("/api/articles", json={"title": "x", "text": "y"})
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert read_only.get("/api/stories").json()["total"] == 2


def test_openapi_schema_documents_every_route(client) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {
        "/",
        "/stories/{story_id}",
        "/articles/{article_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles/{article_id}",
        "/api/articles",
    }
    body = schema["paths"]["/api/articles"]["post"]["requestBody"]["content"]
    assert {"application/json", "application/x-ndjson", "application/rss+xml"} <= set(body)


def test_coverage_chart_counts_outlets_per_day() -> None:
    from storydesk.web.svg import coverage_chart, render_chart

    articles = _articles()
    late = replace(articles[1], id="x", published=datetime(2026, 3, 3, 23, 0, tzinfo=UTC))
    undated = replace(articles[2], id="y", published=None)
    chart = coverage_chart([*articles[:2], late, undated])
    assert chart.starts == (date(2026, 3, 2), date(2026, 3, 3))
    assert [(s.outlet, s.counts) for s in chart.series] == [
        (f"North Post {EVIL}", (1, 0)),
        ("South Herald", (0, 2)),
    ]
    assert chart.undated == 1
    svg = str(render_chart(chart))
    assert svg.count("<circle") == 2 and EVIL not in svg


def test_long_stories_are_charted_in_buckets() -> None:
    from storydesk.web.svg import MAX_COLUMNS, coverage_chart

    articles = [
        replace(
            a,
            id=str(day),
            published=datetime(2026, 1, 1, tzinfo=UTC).replace(
                day=1 + day % 28, month=1 + day // 28
            ),
        )
        for day, a in enumerate(_articles() * 40)
    ]
    chart = coverage_chart(articles)
    assert len(chart.starts) <= MAX_COLUMNS and chart.days > 1
    assert sum(sum(s.counts) for s in chart.series) == len(articles)


def test_changed_story_shows_its_last_briefing_while_a_new_one_is_written(
    settings, corpus, monkeypatch
) -> None:
    from storydesk import pipeline
    from storydesk.desk import Desk
    from storydesk.web import pages
    from storydesk.web.briefer import Briefer, remember

    class Recording(Briefer):  # records what it would hand to a worker process
        started: list[str] = []

        def _job(self, story_id: str, *, only_if_idle: bool = False) -> None:
            self.started.append(story_id)

    monkeypatch.setattr(pipeline, "build_briefing", fake_briefing)
    briefer = Recording(settings, workers=1)
    ferry = _stories(corpus)[1]
    later = make_article("Divers inspected the pier on Tuesday.", title="Pier", outlet="Coast News")
    with Desk(settings.db, settings=settings) as desk:
        remember(desk, desk.briefing(ferry.id))
        assert not briefer.view(desk, ferry.id).stale and briefer.started == []
        with desk.store.transaction():
            desk.store.add_articles([later])
            desk.store.save_stories([replace(ferry, article_ids=(*ferry.article_ids, later.id))])
        view = briefer.view(desk, ferry.id)
    assert view.stale and briefer.started == [ferry.id]
    assert view.briefing.article_ids == ferry.article_ids and len(view.articles) == 2
    assert 'id="stale"' in pages.render_story(view)


def test_page_stops_waiting_for_a_slow_first_briefing(settings, corpus) -> None:
    from concurrent.futures import Future

    from storydesk.desk import Desk
    from storydesk.web import pages
    from storydesk.web.briefer import Briefer

    class Slow(Briefer):  # a worker job that never finishes
        def _job(self, story_id: str, *, only_if_idle: bool = False) -> Future[None]:
            return Future()

    with Desk(settings.db, settings=settings) as desk:
        view = Slow(settings, workers=1).view(desk, "s_ferry00000000002", wait=0.05)
    assert view.pending and view.briefing.summary == () and len(view.articles) == 1
    page = pages.render_story(view)
    assert '<meta http-equiv="refresh"' in page and 'id="pending"' in page
    assert 'id="coverage-chart"' in page and 'id="summary"' not in page


def test_pending_story_is_202_with_retry_after(settings, corpus, monkeypatch) -> None:
    from concurrent.futures import Future

    from storydesk import api
    from storydesk.web.briefer import Briefer

    class Slow(Briefer):
        def _job(self, story_id: str, *, only_if_idle: bool = False) -> Future[None]:
            return Future()

    monkeypatch.setattr(api, "PAGE_WAIT_SECONDS", 0.05)
    app = api.create_app(settings, workers=1)
    app.state.storydesk = replace(app.state.storydesk, briefer=Slow(settings, workers=1))
    with testclient.TestClient(app) as client:
        response = client.get("/api/stories/s_ferry00000000002")
        assert response.status_code == 202 and response.headers["retry-after"] == "5"
        assert response.json()["pending"] is True
        page = client.get("/stories/s_ferry00000000002")
        assert page.status_code == 200 and 'http-equiv="refresh"' in page.text


def _when_written(client, path: str, seconds: float = 120) -> dict:
    """GET a story's JSON, again while its briefing is being written (202)."""
    deadline = time.monotonic() + seconds
    response = client.get(path)
    while response.status_code == 202 and time.monotonic() < deadline:
        time.sleep(1)
        response = client.get(path)
    assert response.status_code == 200, response.text
    return dict(response.json())


@pytest.mark.slow
def test_seeds_through_the_real_pipeline_and_briefing_worker(settings, seed_paths) -> None:
    """POST the seeds, then read their stories: every summary chip points at its sentence."""
    from storydesk.api import create_app

    records = []
    for path in map(Path, seed_paths):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        sidecar = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        records.append(json.dumps({"title": title, "text": body, **sidecar}))
    with testclient.TestClient(create_app(settings, workers=1)) as client:
        report = client.post("/api/articles", content="\n".join(records)).json()
        assert report["added"] == 2
        for row in client.get("/api/stories").json()["stories"]:
            view = _when_written(client, f"/api/stories/{row['id']}")
            page = client.get(f"/stories/{row['id']}").text
            summary = view["briefing"]["summary"]
            assert summary and len(_chips(page.split('id="summary"')[1])) >= len(summary)
            for sentence in summary:
                span = sentence["span"]
                shown = client.get(f"/articles/{span['article_id']}", params=span).text
                assert " ".join(_marked(shown).split()) == " ".join(sentence["text"].split())


schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx: object, value: object) -> bytes:
    return value.encode() if isinstance(value, str) else json.dumps(value).encode()


class DeferredApp:
    """An ASGI app that forwards to the app a fixture sets (the schema is read at import)."""

    def __init__(self, app: object) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: object, send: object) -> None:
        await self.app(scope, receive, send)  # type: ignore[operator]


def _schema_app() -> DeferredApp:
    from storydesk.api import create_app

    return DeferredApp(create_app(Settings(db=":memory:"), workers=0))


fuzzed_app = _schema_app()
fuzzed = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)


@pytest.fixture
def fuzz_target(settings: Settings, corpus: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the fuzzed app at the corpus, with briefings faked."""
    from storydesk import pipeline
    from storydesk.api import create_app

    monkeypatch.setattr(pipeline, "build_briefing", fake_briefing)
    monkeypatch.setattr(fuzzed_app, "app", create_app(settings, workers=0))


@pytest.mark.slow
@fuzzed.parametrize()
@hypothesis.settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_no_server_errors_for_any_request(case, fuzz_target) -> None:
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(checks=[not_a_server_error])
