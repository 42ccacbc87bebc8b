"""Tests of junk cleaning: the seeds, one junk class at a time, repeats, offsets, quality gate."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from types import ModuleType

import pytest

from storydesk import clean as clean_module
from storydesk import junk_rules
from storydesk.clean import (
    classify_line,
    classify_lines,
    clean,
    clean_with_rules,
    learn_boilerplate,
    line_spans,
)
from storydesk.ingest import read_paths
from storydesk.models import Article
from storydesk.registry import names
from storydesk.sentences import split_sentences
from storydesk.settings import Settings
from tests.conftest import ROOT, SEEDS, SHARED, make_article

# Every line a reader drops from the seeds (whole lines unless noted), by outlet.
SEED_JUNK = {
    "ITV News": {
        "Ken Livingstone defended his comments on LBC Credit: LBC": "caption",
        "Mr Livingstone discussed the issue with host David Mellor and political journalist"
        " Michael Crick. Credit: LBC": "caption",
        'However, Mr Livingstone insisted that he was "really sorry to Jeremy and to the Labour'
        " Party while they're campaigning, I got caught up in all of this\".": "repeated-sentence",
        # Only the credit goes: the inquiry is news told nowhere else in the article.
        "Credit: PA": "photo-credit",
    },
    "i24NEWS": {
        "Former London Mayor Ken Livingstone Reuters": "headline-repeat",
        "Listen -\xa0Angry MP interrupts Ken Livingstone interview:": "call-to-action",
        "Click below to watch:": "call-to-action",
        "Join our official WhatsApp group": "call-to-action",
    },
}

SEED_NEWS = (
    "Jeremy Corbyn is to hold an independent inquiry into anti-Semitism and other forms of"
    " racism in the Labour Party.",
    "Insisting that he is not anti-Semetic, Mr Livingstone said:",
    'Mr Livingstone has been suspended by Labour for "bringing the party into disrepute".',
    "Livingstone clashed with critics later in the day on BBC, and doubled-down on his comments:",
    "Part of it was caught on film by\xa0senior ITV News editor Chris Ship.",
    "He has previously come under fire for anti-Semitic comments",
)


@pytest.fixture
def seeds(seed_paths: list[str]) -> dict[str, Article]:
    """The seed articles as ingested and cleaned, keyed by outlet."""
    articles = read_paths(seed_paths, settings=Settings()).articles
    return {a.outlet: a for a in clean(articles, settings=Settings())}


@pytest.mark.parametrize("outlet", sorted(SEED_JUNK))
def test_seed_junk_is_exactly_the_junk_a_reader_drops(
    seeds: dict[str, Article], outlet: str
) -> None:
    article = seeds[outlet]
    dropped = {article.text[j.start : j.end]: j.reason for j in article.junk}
    assert dropped == SEED_JUNK[outlet]


@pytest.mark.parametrize("outlet", sorted(SEED_JUNK))
def test_seed_news_lines_all_survive(seeds: dict[str, Article], outlet: str) -> None:
    article = seeds[outlet]
    junk = set(SEED_JUNK[outlet])
    for line in article.text.splitlines():
        if line.strip() and line.strip() not in junk:
            kept = line.replace(" Credit: PA", "").strip()
            assert kept in (article.clean_text or "")


@pytest.mark.parametrize("sentence", SEED_NEWS)
def test_key_seed_sentences_remain(seeds: dict[str, Article], sentence: str) -> None:
    assert any(sentence in (a.clean_text or "") for a in seeds.values())


def test_repeated_however_sentence_is_kept_once(seeds: dict[str, Article]) -> None:
    article = seeds["ITV News"]
    assert (article.clean_text or "").count("really sorry to Jeremy") == 1
    assert [j.reason for j in article.junk].count("repeated-sentence") == 1
    sentences = [s.text for s in split_sentences(article)]
    assert not any(s.startswith("However, Mr Livingstone insisted") for s in sentences)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Click here to watch the full interview", "call-to-action"),
        ("Follow us on Twitter and Facebook for the latest", "call-to-action"),
        ("Join our official Telegram channel", "call-to-action"),
        ("Listen to the full interview below:", "call-to-action"),
        ("Watch - Minister walks out of studio:", "call-to-action"),
        ("Read or Share this story: https://example.com/x1", "call-to-action"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Get breaking news delivered straight to your inbox.", "newsletter"),
        ("Never miss a story. Sign up today for full access. SUBSCRIBE NOW", "newsletter"),
        ("The mayor at the quay on Monday. (Ann Lee/Getty Images)", "caption"),
        ("Ann Lee may be reached at ann@example.com. Follow her on Twitter @annlee.", "byline"),
        ("EMBED More News Videos Ferry strikes the quay at Port Ardel.", "widget"),
        ("Related: Council approves harbour budget", "related-links"),
        ("Read more: Mayor resigns after tram vote", "related-links"),
        ("[Ferry operator fined over crew hours]", "related-links"),
        ("Copyright 2026 Harbour Gazette. All rights reserved.", "copyright"),
        ("© 2026 Eastgate Courier", "copyright"),
        ("Jane Doe/Reuters", "photo-credit"),
        ("Getty Images", "photo-credit"),
        ("(Image: Getty)", "photo-credit"),
        ("Photograph by Tom Marsh", "photo-credit"),
        ("The mayor speaks at the quay on Monday. (AP Photo/Ann Lee)", "caption"),
        ("Image caption Firefighters at the scene on Tuesday", "caption"),
        ("Photo: Crews work at the harbour wall early on Monday after the crash", "caption"),
        ("FTSE 7,512.3 +0.4% DOW 38,100 -0.2%", "ticker"),
        ("HARBOUR ALL-SHARE 4,218.6 ▼0.3%", "ticker"),
        ("Listen again: Morning Tide, Wednesday 15 April", "call-to-action"),
        ("Top of Page", "navigation"),
        ("___", "navigation"),
        ("By Jane Smith and Tom Jones", "byline"),
        ("Reporting by Jane Smith; Editing by Tom Jones", "byline"),
        ("Ann Lee contributed to this report.", "byline"),
        ("JUST WATCHED Ferry hits quay Replay More Videos", "widget"),
        ("Sorry, the page you requested could not be found.", "widget"),
        ("The page you're looking for might have been removed.", "widget"),
        ("Oops! Page not found", "widget"),
        ("Facebook Twitter Pinterest The quay at dawn Photograph: Ann Lee", "share-buttons"),
        ("Share Tweet Post Email", "share-buttons"),
        ("The opinions expressed are her own.", "byline"),
        ("The author is a Harbour Gazette columnist.", "byline"),
        ("An expanded version of this report appears on gazette.example", "byline"),
        ("Analysis: Ann Lee, Harbour Gazette business editor", "byline"),
        ("To reach Ann Lee, call 555-0100 or email ann@example.com.", "byline"),
        ("Read Ann's full blog here.", "call-to-action"),
        ("Video", "navigation"),
        ("CORRECTION (May 2): An earlier version misstated the ferry's tonnage.", "correction"),
        ("An earlier version of this story gave the wrong date for the vote.", "correction"),
        ("SOURCE Port Ardel Ferries", "press-release"),
        ("For further information: Press Office, +1 555 0100", "press-release"),
        ("The mayor at the quay on Monday. REUTERS/Ann Lee/File Photo", "caption"),
        ("The mayor at the quay on Monday. (Ann Lee/for the Harbour Gazette)", "caption"),
        ("The mayor at the quay on Monday. | Getty The vote that changed the port", "caption"),
        ("The mayor at the quay on Monday. 1 / 12 Back to Gallery", "caption"),
        ("Newsletter Sign Up Continue reading the main story Please verify", "newsletter"),
        ("To contact the reporter on this story: Ann Lee at ann@example.com.", "byline"),
        ("Posted at 11:43 AM on Nov. 24, 2026", "byline"),
        ("Check out the complete list of winners:", "call-to-action"),
        ("See the full story about this year's results.", "call-to-action"),
        ("See the judges' comments on every winner.", "call-to-action"),
        ("Learn how ferries are inspected after a collision.", "call-to-action"),
        (
            "Editor's note: for more on the crash, check out this story by Ann Lee.",
            "call-to-action",
        ),
        (
            "Get The Gazette In Your Inbox! Morning Tide Start your day with the top stories. "
            + "By clicking Subscribe, you agree to the Terms of Use. " * 8,
            "newsletter",
        ),
        ("View Graphic Countdown to the tram vote", "caption"),
        ("Enlarge image Ferry strikes quay Ann Lee/AFP The ferry at dawn.", "caption"),
        ("The ferry at dawn on Monday. (Published Friday, Feb. 27, 2026)", "caption"),
        ("Ann Lee, right, and Tom Jones, left, at the harbour gala.", "caption"),
        ("Ann Lee (2nd L) and Tom Jones (3rd R) sit on the quay in Port Ardel.", "caption"),
        ("Listing image by Ann Lee", "photo-credit"),
        ("This story has been corrected to show that the ferry weighs 9,000 tons.", "correction"),
        ("Ferry strikes quay: what went wrong? Read more", "related-links"),
        ("A post shared by Ann Lee (@annlee) on May 4, 2026 at 5:57pm PDT", "widget"),
        ("A version of this article appeared May 2, 2026, on page A1 of the Gazette.", "byline"),
        ("Please check the URL for proper spelling and capitalization.", "widget"),
        ("Listen to the 999 call", "call-to-action"),
        ("Warning: Contains spoilers for the final episode.", "call-to-action"),
        ("Have something to add to this story? Share it in the comments.", "call-to-action"),
        ("(This version CORRECTS the ferry's tonnage in paragraph 3)", "correction"),
        ("BF1T7M0neXB", "widget"),
        ("They should have closed the quay years ago Prof Ann Lee, Harbour College", "pull-quote"),
        ("Crews worked through the night. Tom Jones has the latest from Port Ardel.", "caption"),
        ("A ferry test at the quay on Sept. 9? 9:04 PM ET | 02:51", "caption"),
        ("The quay after the ferry crash on Monday. Ann Lee/Handout via REUTERS", "caption"),
        ("The quay at dawn. (Ann Lee,Tom Jones/The Harbour Gazette)", "caption"),
        ("• For confidential support call the Samaritans on 08457 90 90 90", "call-to-action"),
        (
            "Watch Local 6 News and stay with Gazette.example for more on this story.",
            "call-to-action",
        ),
        ("What do you think of the new ferry timetable?", "call-to-action"),
        ("Listen to the show on Radio 4, or download the free podcast", "call-to-action"),
        ("PORT ARDEL, Fla. -", "byline"),
        ("(Additional reporting by Ann Lee; Editing by Tom Jones)", "byline"),
        (
            "Ann Lee also sits on the board of Harbour Media, the publisher of this report.",
            "byline",
        ),
        ("twitter.com/annlee", "navigation"),
        ("(202) 555-0176", "byline"),
        ("For more from Ann, follow her on Twitter @annlee.", "byline"),
        ("For the top stories, follow us on Twitter at @gazette.", "call-to-action"),
        ("That's all for today, do check back tomorrow for more!", "call-to-action"),
        ("http://www.gazette.example", "navigation"),
        ("Lee reported from Port Ardel.", "byline"),
        ("The ferry that struck the quay.[Photo/Harbour Gazette]", "caption"),
        ("We've detected that JavaScript is disabled in your browser.", "widget"),
        ("7 PHOTOS Ferry hits the quay See Gallery The ferry hit the quay at dawn.", "caption"),
        ("For more news, you can sign up for our weekly newsletter here.", "newsletter"),
        ("ADVERTISEMENT ADVERTISEMENT", "advertisement"),
        ("Click for more from Gazette.example", "call-to-action"),
        ("Follow Harbour 7 for the latest on air and online.", "call-to-action"),
        ("Help spread the word! Share Tweet 3k shares", "call-to-action"),
        ("Stay tuned …", "navigation"),
        ("Slideshow (4 Images)", "navigation"),
        ("Article Tools", "navigation"),
        ("Fig. 2 Photographs of the ferry's hull. a Bow; b stern.", "caption"),
        ("Figure 3 The quay before and after the crash.", "caption"),
        ("(In this photo, Ann Lee is seen on the left.)", "caption"),
        ("This image provided by Port Ardel police shows the ferry on Monday.", "caption"),
        (
            "HARBOUR WATCH: Why do ferries keep hitting the quay? (story continues below)",
            "related-links",
        ),
        ("Ann Lee contributed reporting.", "byline"),
        ("This is an expanded version of the report that ran in Monday's Gazette.", "byline"),
        ("Ferry hits quay Posted: Monday, June 23, 2026 11:03 PM EDT", "byline"),
        ("WPAR – Port Ardel, Fla.", "byline"),
        ("Gazette transcripts are created on a rush deadline by a contractor.", "widget"),
        ("Download the Harbour Ferries Brochure", "call-to-action"),
        ("Vote on readers' tips. Click here to read more about this tool.", "call-to-action"),
        ("annlee@gazette.example or 555-356-4543", "byline"),
        ("Quay drama: With the captain on the bridge, the ferry strikes the wall", "caption"),
        ("Scroll down for video", "call-to-action"),
        ("@annlee", "navigation"),
        ("• 356-4543", "byline"),
        ("This interview has been edited for length and clarity.", "byline"),
        ("The ferry operator, pick up 4th graf pvs", "wire-note"),
        ("(pvs/al/tj)", "wire-note"),
        ("(ht-sf-fd)", "wire-note"),
        ("9:15 a.m.", "byline"),
        ("February 2, 2026", "byline"),
        ("Ferry groundings: what we know May 4, 2026 at 2:54 PM ET", "byline"),
        ("Citations: Ferry strikes the quay (Harbour Gazette)", "byline"),
        ("Courtesy Ann Lee", "photo-credit"),
        ("Harbour Radio via YouTube", "widget"),
        ("Instagram", "widget"),
        ("Divers on the quay at Wrayford. May 4, 2026 (Civic Radio)", "caption"),
        ("1)", "navigation"),
        ("r; .r", "navigation"),
        ("Harbour Gazette / Civic Radio / iStock", "photo-credit"),
        ("Best Ferry Routes 1.2k votes 300 voters 18K views 25 items Follow", "widget"),
        (
            "So, what are you waiting for? Run down to your local newsagents to pick up this "
            "week's issue now.",
            "call-to-action",
        ),
        (
            "Remember, you can buy the digital edition of Quay magazine for your tablet.",
            "call-to-action",
        ),
        ("And don't forget to rate us on iTunes!", "call-to-action"),
    ],
)
def test_each_junk_class_is_recognised(line: str, reason: str) -> None:
    body = ["The ferry struck the quay at dawn, the harbour master said.", line, "Nobody was hurt."]
    assert classify_lines(body) == [None, reason, None]


@pytest.mark.parametrize(
    "line",
    [
        "Police said the man was taken to hospital on Monday.",
        "By the time police arrived, the crowd had left the square.",
        "Click Energy said prices would rise to record levels next year.",
        "Share prices fell 3% on Monday after the results.",
        "Follow-up inspections found no faults in the hull.",
        "Reuters reported that the talks had stalled.",
        "AP Moller-Maersk said on Tuesday it would cut 10,000 jobs.",
        "Rex Tillerson said he would not resign.",
        "Photo-sharing app Instagram said it would review the policy.",
        "More than 600 volunteers searched the fields around the town.",
        "Watch manufacturers reported a fall in sales.",
        "WHOSE STREET? OUR STREET!",
        "Lawyers to decide",
        "Police could not reach him at home, and millions follow her on Instagram.",
        "Police said the page you see on the council website is not found in its records.",
        "Seeing the damage, the crew learned how to patch the hull in under an hour.",
        "Get rid of the scam emails that land in your inbox, the harbour police said.",
        "Inspectors will check out the hull of the ferry on Monday, the harbour master said.",
        "Readers who subscribe to the paper will see prices rise by 5% from next month, the"
        " publisher said on Tuesday in a note to shareholders and staff.",
        "Facebook, Twitter and Google were fined on Monday.",
        "The correction came after three days of falling prices.",
        "Speeds fell to 40 km (25 mi/h) in the storm, the coastguard said.",
        "Anyone with information should call 555-0100 or email tips@police.example.",
        "Updated figures show a 5% rise since 2010.",
        "The tram turned right, and hit the barrier.",
        "Fans bought shirts, hats and more.",
        "It then required the approval of the Attorney General, Deputy Attorney",
        "Watch manufacturers in the valley reported a fall in sales.",
        "What do you think happened, the coroner asked the jury.",
        "The ferry left the port and sailed to Bransholm.",
        "Lee reported from the quay that the ferry had been holed below the waterline.",
        "Ann Lee wrote: Thank you all pic.twitter.com/abc123 (@annlee) May 4, 2026",
        "PLAYER RATINGS: Brankovic 8, Marsh 8, Reis 6",
        'THE FACTS: Did he just say the ferry was "perfectly safe"?',
        "Rating: PG-13 for mature thematic material and some language",
        "Her message was simple: The ferry must not sail again until it is safe.",
        "UPDATE: Police said the ferry's captain had been arrested.",
        "In this case, the photo shows the ferry was already holed, the court heard.",
        "A photo released by police shows the suspect carrying a bag.",
        "Figures released on Monday show a 5% rise.",
        "Follow-up inspections are planned for the latest ferries.",
        "Lee contributed $5,000 to the campaign.",
        "Pupils in the 4th grade pick up reading faster than in the 3rd grade.",
        "The inquiry will open on May 4, 2026 (the harbour board said)",
        "The crew were rescued at 9:15 a.m. by the coastguard.",
        "Life on Instagram",
        "No. 10",
        "The bill had 115 votes in favour and 98 against, with 12 items left to debate.",
        "Shoppers queued to buy the print edition of the final issue on Monday.",
        "Pupils sold 300 items to 40 voters, with 2,000 views of the stall video.",
    ],
)
def test_news_lines_are_not_junk(line: str) -> None:
    assert classify_lines([line]) == [None]


def test_headline_repeated_as_caption_is_junk() -> None:
    lines = ["Tram extension approved by council Getty Images", "The council voted 30-12."]
    reasons = classify_lines(lines, title="Tram extension approved by council")
    assert reasons == ["headline-repeat", None]


def test_links_under_a_related_header_are_junk() -> None:
    lines = ["The vote passed.", "RELATED:", "Council debates tram fares", "Next story headline"]
    assert classify_lines(lines) == [None, "related-links", "related-links", "related-links"]


def test_links_stop_at_the_next_sentence() -> None:
    lines = ["RELATED:", "Council debates tram fares", "The vote passed on Monday."]
    assert classify_lines(lines) == ["related-links", "related-links", None]


def test_a_section_label_opening_the_body_is_navigation() -> None:
    lines = ["Cybersecurity", "Hackers hit the hospital network on Monday, the trust said."]
    assert classify_lines(lines) == ["navigation", None]


def test_trailing_colon_lines_introduce_lost_media() -> None:
    lines = ["The minister resigned on Friday.", "Here is her statement in full:"]
    assert classify_lines(lines) == [None, "embed"]


def test_caption_credit_drops_whole_caption_when_told_elsewhere() -> None:
    text = (
        "The minister resigned on Friday after the tram vote in Bransholm.\n\n"
        "The minister resigned on Friday after the tram vote. Credit: PA\n\n"
        "She will stay on as an MP."
    )
    article = clean([make_article(text)], settings=Settings())[0]
    assert [j.reason for j in article.junk] == ["caption"]
    assert "Credit" not in (article.clean_text or "")


def test_a_live_blogs_time_stamp_goes_and_its_entry_stays() -> None:
    text = (
        "Updates from the quay.\n\n12:55 A.M. Harbour Board says the ferry will sail.\n\n"
        "9:15 on Monday."
    )
    article = clean([make_article(text)], settings=Settings())[0]
    assert [(text[j.start : j.end], j.reason) for j in article.junk] == [
        ("12:55 A.M. ", "timestamp")
    ]
    assert "Harbour Board says the ferry will sail." in (article.clean_text or "")
    assert "12:55" not in (article.clean_text or "") and "9:15 on Monday." in (
        article.clean_text or ""
    )


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Rocket alerts sound in Port Ardel. (Ann Lee and John Roe)", " (Ann Lee and John Roe)"),
        ('"We will sail," the captain said. (Reuters, DPA)', " (Reuters, DPA)"),
        ("Here is the quay in happier times. (Almost.)", None),  # an aside, not a credit
        ("Crew members joined the Seafarers Union (SU)", None),  # no sentence ends before it
    ],
)
def test_a_credit_after_an_entrys_last_sentence_goes(line: str, credit: str | None) -> None:
    text = f"The ferry struck the quay on Monday.\n\n{line}\n\nNobody was hurt."
    article = clean([make_article(text)], settings=Settings())[0]
    assert [text[j.start : j.end] for j in article.junk] == ([credit] if credit else [])


def test_a_caption_credited_with_by_goes_like_one_with_a_colon() -> None:
    text = (
        "The ferry struck the quay on Monday.\n\nThe quay at dawn. Photo by Ann Lee\n\n"
        "Nobody was hurt."
    )
    article = clean([make_article(text)], settings=Settings())[0]
    assert [j.reason for j in article.junk] == ["caption"]


@pytest.mark.parametrize(
    ("caption", "dropped"),
    [
        # A short description of the picture goes whole, even when its words are new.
        ("The quay seen from Wrayford Hill. Credit: Civic Radio 4", "caption"),
        # A caption tells its picture in the present tense, however long and new its words.
        (
            "Gail Pennock speaks to reporters outside the ferry company's head"
            " offices on the Wrayford quayside. Credit: Civic Radio 4",
            "caption",
        ),
        # A present-tense verb of saying opens news ("says he will not apologise").
        (
            "Harbourmaster Rosalind Teague says an independent inquiry into crew training and"
            " overtime rules will begin within weeks. Credit: PA",
            "photo-credit",
        ),
        # A long sentence with news told nowhere else keeps its text; only the credit goes.
        (
            "The harbour board is to hold an independent inquiry into crew training and"
            " overtime rules on every ferry. Credit: PA",
            "photo-credit",
        ),
    ],
)
def test_caption_with_credit_keeps_only_news_told_nowhere_else(caption: str, dropped: str) -> None:
    text = f"The ferry struck the quay on Monday.\n\n{caption}\n\nNobody was hurt."
    article = clean([make_article(text)], settings=Settings())[0]
    assert [j.reason for j in article.junk] == [dropped]
    assert "Credit" not in (article.clean_text or "")


def test_lines_recurring_across_an_outlet_are_boilerplate() -> None:
    stories = ["tram vote", "ferry crash", "museum theft", "court case"]
    articles = [
        make_article(
            f"A long report about the {s} in Bransholm today.\n\nThe Gazette is reader funded.",
            title=s,
            outlet="Harbour Gazette",
        )
        for s in stories
    ]
    learnt = learn_boilerplate(articles)
    assert learnt == {"Harbour Gazette": frozenset({"the gazette is reader funded"})}
    cleaned = clean(articles[:1], settings=Settings(), corpus=articles[1:])[0]
    assert [j.reason for j in cleaned.junk] == ["corpus-boilerplate"]


def test_unknown_outlets_learn_no_boilerplate() -> None:
    articles = [make_article(f"Report {i}.\n\nShared line.", outlet="unknown") for i in range(4)]
    assert learn_boilerplate(articles) == {}


@pytest.fixture
def messy() -> Article:
    text = (
        "Photo: Jane Doe/Reuters\n\n"
        "The ferry Ardel Star struck the quay at Port Ardel on Monday, the operator said.\n\n"
        "Advertisement\n\n"
        "Twelve passengers were treated for minor injuries, the coastguard said.\n"
        "Moreover, twelve passengers were treated for minor injuries, the coastguard said.\n\n"
        "Follow us on Twitter for updates\n"
    )
    return make_article(text, title="Ferry strikes quay")


def test_cleaning_twice_gives_the_same_result(messy: Article) -> None:
    once = clean([messy], settings=Settings())[0]
    twice = clean(clean([messy], settings=Settings()), settings=Settings())[0]
    assert once == twice
    assert len(once.junk) == 4


def test_junk_spans_are_offsets_into_the_raw_text(messy: Article) -> None:
    article = clean([messy], settings=Settings())[0]
    spans = sorted((j.start, j.end) for j in article.junk)
    bounds = [start for start, _ in spans[1:]] + [len(messy.text)]
    for (start, end), next_start in zip(spans, bounds, strict=True):
        piece = messy.text[start:end]
        assert 0 <= start < end <= next_start
        assert piece == piece.strip() and "\n" not in piece
    assert article.text == messy.text


def test_clean_text_is_the_kept_paragraphs(messy: Article) -> None:
    article = clean([messy], settings=Settings())[0]
    kept = [article.text[s:e] for s, e in article.kept_spans()]
    assert article.clean_text == "\n\n".join(kept)
    assert kept == [
        "The ferry Ardel Star struck the quay at Port Ardel on Monday, the operator said.",
        "Twelve passengers were treated for minor injuries, the coastguard said.",
    ]


def test_keep_everything_backend_drops_nothing(messy: Article) -> None:
    settings = replace(Settings(), cleaner="none.v1")
    article = clean([messy], settings=settings)[0]
    assert article.junk == () and "Advertisement" in (article.clean_text or "")
    assert {"rules.v1", "none.v1"} <= set(names("cleaner"))


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "clean.py"
    spec = importlib.util.spec_from_file_location("storydesk_bench_clean", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# Measured (benchmarks/clean.py): F1 0.981 tune, 0.894 held-out, 0.879 held-out-2; content
# kept 1.000 on each.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("split", "min_f1"), [("tune", 0.95), ("held-out", 0.86), ("held-out-2", 0.85)]
)
def test_quality_gate_on_labelled_lines(split: str, min_f1: float) -> None:
    if not (SHARED / "eval" / "summarization" / "multinews_dev.jsonl").exists():
        pytest.skip("../shared/eval is not available")
    bench = _benchmark()
    rows = [r for r in bench.load_labels() if r.split == split]
    scores = bench.score(rows, bench.load_documents(), lambda a: clean(a, settings=Settings()))
    assert scores.f1 >= min_f1
    assert scores.precision >= 0.97
    assert scores.content_kept >= 0.99


def test_updated_versions_of_one_story_keep_their_news() -> None:
    body = [
        "The ferry struck the quay at Port Ardel on Monday morning.",
        "Twelve passengers were treated for minor injuries.",
        "The operator said the crew had followed procedure.",
    ]
    versions = [
        make_article("\n\n".join([*body, f"Update {i}: the harbour reopened."]), outlet="Gazette")
        for i in range(4)
    ]
    assert learn_boilerplate(versions) == {"Gazette": frozenset()}


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\u2028"])
def test_lines_are_split_like_kept_spans(newline: str) -> None:
    text = newline.join(["The ferry struck the quay.", "  Advertisement  ", "Nobody was hurt."])
    article = clean([make_article(text)], settings=Settings())[0]
    assert [article.text[j.start : j.end] for j in article.junk] == ["Advertisement"]
    assert article.clean_text == "The ferry struck the quay.\n\nNobody was hurt."


# Patterns use possessive quantifiers; with backtracking ones these lines would hang the test.
@pytest.mark.parametrize(
    "line",
    ["BY " + "A" * 3000 + "!", "Ab Cd / " * 400 + "x.", "(" + "a/" * 3000, "ABC " * 100 + "!"],
)
def test_pathological_lines_are_content(line: str) -> None:
    news = "The ferry struck the quay."
    assert classify_lines([news, line, news]) == [None, None, None]


def _seed_articles() -> list[Article]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    return list(read_paths([str(SEEDS)], settings=Settings()).articles)


def test_cleaning_in_processes_matches_one_process(messy: Article) -> None:
    seeds = _seed_articles()
    batch = [replace(a, id=f"{a.id}-{k}") for k in range(3) for a in [*seeds, messy]]
    one = clean_with_rules(batch, settings=Settings(), workers=1)
    assert clean_with_rules(batch, settings=Settings(), workers=2) == one
    assert clean(batch, settings=Settings()) == one


def _every_rule(line: str) -> str | None:
    """Classify a line by trying every rule, without the gates."""
    words, lower = line.count(" ") + 1, line.lower()
    for rule in junk_rules.RULES:
        if words <= rule.max_words and rule.matches(line, lower):
            return rule.reason
    return None


def test_gates_pass_every_line_a_rule_matches(messy: Article) -> None:
    lines = [a.text[s:e] for a in [*_seed_articles(), messy] for s, e in line_spans(a.text)]
    lines += [f"{line} " + "word " * n + "Credit: PA" for line in lines[:20] for n in (5, 50)]
    assert [classify_line(line) for line in lines] == [_every_rule(line) for line in lines]
    assert any(_every_rule(line) for line in lines)


@pytest.mark.parametrize(
    ("count", "load", "expected"),
    [(10, 0.0, 1), (5000, 1.0, 2), (5000, 1.4, 2), (5000, 1.6, 1), (5000, 9.0, 1)],
)
def test_workers_only_for_big_batches_on_a_machine_with_idle_cores(
    monkeypatch: pytest.MonkeyPatch, count: int, load: float, expected: int
) -> None:
    monkeypatch.setattr(clean_module.os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    monkeypatch.setattr(clean_module.os, "getloadavg", lambda: (load, load, load))
    assert clean_module._default_workers(count) == expected
