"""Disagreements between reworded reports: counts, values, event dates and first names."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storydesk.compare import normalize, tokens
from storydesk.disagree_amounts import quantities_in
from storydesk.disagreements import find_disagreements
from storydesk.models import Article, content_id
from storydesk.settings import Settings
from storydesk.slots import neighbour_slots

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILLER = "Rescue teams and police officers worked through the afternoon near the harbour office.\n"


def article(text: str, outlet: str) -> Article:
    """Build an article as ingest would (content-hash id, known publication date)."""
    return Article(
        id=content_id(outlet, "Story", text),
        title="Story",
        text=text + "\n" + FILLER,
        outlet=outlet,
        published=datetime(2026, 3, 6, 9, 0, tzinfo=UTC),
    )


def found(first: str, second: str) -> set[frozenset[str]]:
    """Return the value pairs the detector reports between two outlets' texts."""
    articles = [article(first, "Outlet A"), article(second, "Outlet B")]
    return {
        frozenset(_norm(v.value) for v in d.versions)
        for d in find_disagreements(articles, settings=Settings())
    }


def _norm(value: str) -> str:
    return " ".join(normalize(t.group()) for t in tokens(value))


def pair(x: str, y: str) -> frozenset[str]:
    return frozenset((_norm(x), _norm(y)))


@pytest.mark.parametrize(
    ("first", "second", "values"),
    [
        pytest.param(  # number words, reworded around the count
            "Fourteen people were injured on Wednesday when the ferry struck the quay wall.",
            "The collision at the quay left 17 people injured and the island without a ferry.",
            ("Fourteen", "17"),
            id="injured-number-words",
        ),
        pytest.param(  # two spans of years with one end: their starts differ
            "Garzon is looking into disappearances in Argentina during the 1977-83 junta rule.",
            "Garzon is looking into disappearances in Argentina during the 1976-83 junta rule.",
            ("1977", "1976"),
            id="span-starts",
        ),
        pytest.param(  # a verb before the count gives its kind: "killed 12 people"
            "The blast at the fuel depot in Carrow killed 12 people on Monday morning.",
            "Officials said 15 people died in the blast at the fuel depot in Carrow on Monday.",
            ("12", "15"),
            id="killed-before-count",
        ),
        pytest.param(  # the other sentence's weekday of report is not the event's day moved
            "The ferry's first sailing on Friday followed two days of repairs at the yard, the "
            "Harbour Gazette said Saturday.",
            "The ferry's first sailing on Saturday followed two days of repairs at the yard, the "
            "Harbour Gazette said.",
            ("Friday", "Saturday"),
            id="weekday-of-report-is-no-moved-date",
        ),
        pytest.param(  # the same head noun, otherwise different wording
            "Kestrel is to close its Dunmere factory with the loss of 420 jobs, staff were told.",
            "Kestrel plans to shut the plant in Dunmere, putting 380 jobs at risk.",
            ("420", "380"),
            id="jobs-head-noun",
        ),
        pytest.param(  # a value: "valued" and "worth" with the same currency
            "The stolen casket was last valued for insurance purposes at £4 million.",
            "The casket is worth an estimated £2.5 million, according to an art expert.",
            ("£4 million", "£2.5 million"),
            id="value-currency",
        ),
        pytest.param(  # a crowd: "in front of" and "a crowd of"
            "Rovers beat City 2-1 in the cup final in front of 61,420 at Crestfield Arena.",
            "Fans packed into Crestfield Arena, where a crowd of 58,900 saw the Rovers win.",
            ("61,420", "58,900"),
            id="crowd",
        ),
        pytest.param(  # one event, two days
            "Tobias Reinholt resigned as minister on Tuesday, hours after the emails leaked.",
            "Disgraced minister Tobias Reinholt finally quit on Wednesday 18 March.",
            ("Tuesday", "Wednesday 18 March"),
            id="event-date",
        ),
        pytest.param(  # leaving hospital is an event, "discharged" too
            "The former minister, who turns 83 next month, left Kessmoor General Hospital on "
            "Saturday.",
            "The former minister, 82, who had back surgery a week ago at Kessmoor General "
            "Hospital, was discharged on Wednesday.",
            ("Saturday", "Wednesday"),
            id="left-hospital",
        ),
        pytest.param(  # each outlet names the other's day, but for another event
            "Tobias Reinholt resigned as minister on Tuesday, hours after the emails leaked.\n"
            "His deputy was elected party leader on Friday.",
            "On Tuesday the emails were published by the Kessmoor Courier.\n"
            "Disgraced minister Tobias Reinholt finally quit on Friday, a day late.",
            ("Tuesday", "Friday"),
            id="event-date-known-for-another-event",
        ),
        pytest.param(  # one charge, two months, worded apart
            "The mayor, who was charged in March with fraud, denies wrongdoing and will fight "
            "the case.",
            "Prosecutors in Kessmoor charged the city's mayor in June over contracts worth "
            "millions.",
            ("March", "June"),
            id="event-month",
        ),
        pytest.param(  # a round figure with "-odd" is a figure
            "Every one of the 800-odd satellites orbiting the Earth for communications and "
            "weather monitoring will be hit by meteor dust.",
            "None of the roughly 600 satellites orbiting the Earth for communications and weather "
            "monitoring was damaged by the dust.",
            ("800-odd", "600"),
            id="odd-figure",
        ),
        pytest.param(  # "470-odd" runs to 480, short of "roughly 600" (540 to 660)
            "Every one of the 470-odd satellites orbiting the Earth for communications and "
            "weather monitoring will be hit by meteor dust.",
            "None of the roughly 600 satellites orbiting the Earth for communications and weather "
            "monitoring was damaged by the dust.",
            ("470-odd", "600"),
            id="odd-figure-ends-at-its-last-digit",
        ),
        pytest.param(  # the date opening a sentence is its one event's
            "In April, a former student he had dated was granted a protection order against him.",
            "A protection order was filed and granted in March 2017, court records show.",
            ("April", "March"),
            id="opening-date-of-the-event",
        ),
        pytest.param(  # one person, first names a letter apart
            "The car struck Eleni Marchetti, 52, as she cycled home from a club ride.",
            "He is accused of causing serious injury to Elena Marchetti when his car hit her.",
            ("Eleni Marchetti", "Elena Marchetti"),
            id="first-name-variant",
        ),
        pytest.param(  # each outlet names someone the other never does, after the same words
            "The shroud, long considered by some to be the burial cloth of Jesus, has "
            "inconsistent bloodstains that suggest it is a fake, an investigation found.",
            "The shroud, which has been revered by some as the burial cloth of Ingersoll, "
            "could be a fake, according to an investigation.",
            ("Jesus", "Ingersoll"),
            id="same-person-slot",
        ),
        pytest.param(  # a list of names fills a slot too
            "Officials urged that Xu and Qin be released immediately, the ministry said.",
            "Officials urged that Hawthorne be released immediately, the ministry said.",
            ("Xu and Qin", "Hawthorne"),
            id="names-list",
        ),
        pytest.param(  # one statement, reworded, given to a speaker the other never names
            "Asked about the nurse's family, Grieve said she had wanted to reach out to them "
            "and give them a big hug.\nPresenter Mel Grieve spoke to the network on Monday.",
            'In a separate interview with the Nine Network, Kowalczyk added: "I just wanted '
            'to reach out to the family, give them a big hug and say sorry."\n'
            "Presenter Mel Grieve spoke to the network on Monday.",
            ("Grieve", "Kowalczyk"),
            id="speaker-slot",
        ),
        pytest.param(  # a quotation's speaker after a hyphened description
            '"We must work together to confront these acts that aim to destroy the talks," '
            "Ortega said after the attack on the market.",
            '"We must work together to confront these acts that aim to destroy the talks," '
            "said a grim-faced Lena Varga, adding that she would track down those involved.",
            ("Ortega", "Lena Varga"),
            id="speaker-hyphened-description",
        ),
        pytest.param(  # one part, added the same way, given two values
            "Under the accord, Israel agreed to hand over a further 13 percent of the West Bank.",
            "Under the Wye accord, Prime Minister Benjamin Netanyahu agreed to hand over a "
            "further 9 percent of the West Bank to the Palestinians.",
            ("13 percent", "9 percent"),
            id="same-increment",
        ),
        pytest.param(  # nearly one wording: a count of a kind another sentence counts too
            "Human rights activists claim at least 296 people were killed.\n"
            "Two soldiers were killed in an ambush near the border on Friday.",
            "Human rights activists say about 200 people were killed.",
            ("296", "200"),
            id="strongly-aligned-count",
        ),
        pytest.param(  # a year that opens each sentence frames the same event
            "In 1985, protesters taunted the doctor outside his home on Hanukkah.",
            "In 1988, Halvorsen had clashed with protesters outside his home.",
            ("1985", "1988"),
            id="opening-year",
        ),
        pytest.param(  # one first name in two forms, two surnames
            "The campaign announced Stephen Thornbury, the head of Larkspur News, would be "
            "its chief executive, and Marta Quill would be campaign manager.",
            "The campaign added two officials, including Larkspur News chairman Steve Vance, "
            "and Marta Quill, now campaign manager.",
            ("Thornbury", "Vance"),
            id="first-name-forms",
        ),
        pytest.param(  # a surname that is also a word the story writes ("town hall")
            "Officer Ben Hall was hurt outside the town hall on Sunday.\n"
            "The gunman later confronted Hall outside the apartment and shot him.",
            "Officer Ben Hall was hurt on Sunday.\n"
            "The gunman later confronted Marsh outside the apartment and shot him.",
            ("Hall", "Marsh"),
            id="surname-also-a-word",
        ),
        pytest.param(  # two differences measured from one base
            "Police say the number of cold-related deaths this month is 18 more than the "
            "number for all of last winter.",
            "Police say cold-related deaths this month are already 29 more than the number "
            "for all of last winter.",
            ("18", "29"),
            id="same-difference",
        ),
        pytest.param(  # "nearly" stays near its figure
            "Close to 29,000 people have died in the conflict since it began.",
            "Nearly 37,000 people have died in the conflict since it began.",
            ("29,000", "37,000"),
            id="nearly-is-near",
        ),
        pytest.param(  # a people's name counted ("40,000 Haitians"), worded otherwise
            "The provisions would block amnesty for the 55,000 Haitians, require health plans "
            "to cover contraceptives and weaken the Federal Election Commission.",
            "The provisions sought to weaken the Federal Election Commission, to block amnesty "
            "for 40,000 Haitians living in the United States and to cover contraceptives.",
            ("55,000", "40,000"),
            id="people-counted",
        ),
    ],
)
def test_paraphrased_disagreement_is_found(first: str, second: str, values: tuple[str, str]):
    assert pair(*values) in found(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(  # a vague count holds the precise one
            "More than a dozen people were hurt when the ferry hit the berth at Quay 3.",
            "The ferry collision at Quay 3 left 17 people injured on Wednesday.",
            id="vague-holds-precise",
        ),
        pytest.param(  # "more than a thousand" holds "about 1,100"
            "The trust has postponed 140 planned operations and more than a thousand outpatient "
            "appointments.",
            "The trust said 140 planned operations and about 1,100 outpatient appointments had "
            "been postponed.",
            id="hedged-ranges-overlap",
        ),
        pytest.param(  # a part of a count is not the count
            "The oil company has announced plans to cut 7,000 jobs since the start of the year.",
            "The oil company is axing another 3,000 jobs on top of earlier cuts.",
            id="increment",
        ),
        pytest.param(  # a difference is not the count it is measured from
            "Police say 40 people have died of the cold this month.",
            "Police say 18 more people have died of the cold this month than in all of last "
            "winter.",
            id="difference-and-count",
        ),
        pytest.param(  # "nearly 37,000" holds 35,500
            "Some 35,500 people have died in the conflict since it began.",
            "Nearly 37,000 people have died in the conflict since it began.",
            id="nearly-holds-close-figure",
        ),
        pytest.param(  # "more than 10 years" holds 12 years
            "Xu Lin spent 12 years in jail, much of it in solitary confinement.",
            "Xu Lin has already spent more than 10 years in jail.",
            id="hedged-years",
        ),
        pytest.param(  # a count and an age are two things
            "Dr. Barnett Lisle returned home on Friday night with his wife and greeted his "
            "four sons in the kitchen.",
            "Dr. Barnett Lisle was at home on Friday night with his wife and his 15-year-old "
            "son in the kitchen.",
            id="count-and-age",
        ),
        pytest.param(  # a report with two counts of a kind gives no one figure to compare
            "Union leaders say 380 jobs will go at the plant and 40 jobs at its depot in Dunmere.",
            "Kestrel Biologics told staff on Tuesday it will close the Dunmere factory with the "
            "loss of 420 jobs, citing new sterile manufacturing rules.",
            id="not-sole-count",
        ),
        pytest.param(  # counts paired on an adjective only are different things
            "Divers from the navy have so far found four big parts of the plane off Java.",
            "An oil slick and two big objects confirm the crash site, the agency chief said.",
            id="adjective-no-head",
        ),
        pytest.param(  # places named so elsewhere in the story ("in Nova Scotia")
            "The airliner crashed on Wednesday off the coast of Canada, killing all 229 people "
            "aboard.",
            "The airliner crashed on Wednesday off the coast of Nova Scotia, killing all 229 "
            "people on board.\nDivers worked in Nova Scotia all week.",
            id="place-elsewhere",
        ),
        pytest.param(  # a name before a kind of place is a place
            "The fatalities included children buried by landslides in central Arvela province "
            "and a fireman crushed when his van overturned.",
            "The fatalities included people who drowned or died in landslides in nearby "
            "Camarenas Sur province and a fireman crushed when his van overturned.",
            id="place-before-province",
        ),
        pytest.param(  # two places after "in" are no people
            "A man fell to his death while climbing the Four Seasons Hotel in Manhattan.",
            "A man trying to descend the Four Seasons Hotel in Midtown after taking photos "
            "plunged to his death.",
            id="place-slot",
        ),
        pytest.param(  # two places at two scales ("in Maravia and Tolonde", "in Ardelia")
            "Investigators said the bombs that hit the ferry offices in Maravia and Tolonde "
            "were built by one man.\nThe ferry company is based in Ardelia.",
            "Investigators said the bombs that hit the ferry offices in Ardelia were built by "
            "one man.",
            id="places-at-two-scales",
        ),
        pytest.param(  # a name suffix and a party tag are no names
            "Rep. Alan Corwin Jr. of Ohio, the committee's senior Democrat, said the hearing "
            "was a farce.",
            "Rep. Alan Corwin, D-Ohio, the senior Democrat on the committee, said the hearing "
            "was a farce.",
            id="suffix-and-party-tag",
        ),
        pytest.param(  # "Harbour City-based" is an adjective, no name
            "It accepted an offer from Harbour City's Lantau Air, and the two airlines are "
            "drawing up a rescue plan.",
            "Officials accepted an offer from the Harbour City-based carrier, and the two "
            "companies are drawing up a rescue plan.",
            id="hyphened-adjective",
        ),
        pytest.param(  # "said Moreno did not": Moreno is the subject, Ardelia the speaker
            "But Ardelia said Moreno did not have diplomatic immunity.\n"
            "Judge Ana Kessler heard the case.",
            '"Ardelia does not have to give him diplomatic immunity," Kessler said.',
            id="name-after-said-is-subject",
        ),
        pytest.param(  # two days that share only "night" are two events
            "Congress adopted a temporary spending measure that expires Friday night at "
            "midnight, officials in the capital confirmed.",
            "With three days until the temporary spending measure expires, party leaders met "
            "Wednesday night with officials in the capital.",
            id="part-of-day-only",
        ),
        pytest.param(  # a span of years holds its last year
            "Kidnappings for ransom have become common in Varna since the end of its "
            "two-year war for independence in 1996.",
            "Varna, where rebels fought a bloody war for independence in 1994-96, has seen a "
            "sharp rise in kidnappings for ransom.",
            id="span-of-years",
        ),
        pytest.param(  # a name inside a hyphened one is given there ("al-Rashidi")
            "Prosecutors accused Karim Nabil Omar al-Rashidi and Sami Haddad of planting the "
            "suitcase bomb on the ferry.",
            "Two men, Karim Nabil Rashidi and Sami Haddad, are accused of planting the "
            "suitcase bomb on the ferry.",
            id="name-in-hyphened-name",
        ),
        pytest.param(  # two people saying things about one matter: "said" alone is no slot
            "But in this case, the elder Qin said, the lawyers the family approached were "
            "warned off by security agents.\nHis wife, Lian Hu, was not in court.",
            "Since all the lawyers the family approached were warned off by security agents, "
            "Ms. Hu said, Wang tried to mount his own defence.",
            id="said-alone",
        ),
        pytest.param(  # a difference between two times is no date of the fact
            "The feathered dinosaur lived 161 million years ago in what is now China.",
            "Archaeopteryx has similar feathers, but it lived ten million years later.",
            id="difference",
        ),
        pytest.param(  # one rank, two people
            "Captain Anders Holloway, the ferry's master, was stood down after the collision.",
            "Captain Rosalind Teague, the harbourmaster, said the quay would stay closed.",
            id="title-shared",
        ),
        pytest.param(  # a shortened first name is the same person
            "Michael Flynn resigned as national security adviser after the calls emerged.",
            "Mike Flynn stepped down as national security adviser after the calls emerged.",
            id="short-first-name",
        ),
        pytest.param(  # an outlet that writes both spellings knows two people
            "Eleni Marchetti and her sister Elena Marchetti were cycling home together.",
            "Elena Marchetti was struck by a car as she cycled home from a club ride.",
            id="relatives",
        ),
        pytest.param(  # the day of the report is not the day of the event
            "Tobias Reinholt resigned as minister on Tuesday, hours after the emails leaked.",
            "Tobias Reinholt, who resigned this week, said on Wednesday he acted in good faith.",
            id="reporting-day",
        ),
        pytest.param(  # two sources of one fact, each with a role
            "The hospital received four patients with gunshot wounds on Sunday, said "
            "spokeswoman Kristin Mears.\nDr. Raymond Fang leads the trauma team.",
            "Four gunshot victims were taken by ambulance to the hospital on Sunday, trauma "
            "director Dr. Raymond Fang said.\nDr. Raymond Fang leads the trauma team.",
            id="speakers-with-roles",
        ),
        pytest.param(  # two opening years that both outlets give are two events
            "In 1985, protesters taunted the doctor outside his home.\n"
            "He had moved to the town in 1988.",
            "In 1988, Halvorsen had clashed with protesters outside his home.\n"
            "The protests began in 1985.",
            id="opening-years-both-known",
        ),
        pytest.param(  # two people with like first names, each named by both outlets
            "The campaign announced Stephen Thornbury, the head of Larkspur News, would be "
            "its chief executive, and Marta Quill would be campaign manager.\n"
            "Steve Vance had joined in August.",
            "The campaign added two officials, including Larkspur News chairman Steve Vance, "
            "and Marta Quill, now campaign manager.\nStephen Thornbury had joined in August.",
            id="first-name-forms-two-people",
        ),
        pytest.param(  # a part of a count after a comma is no count of its own
            "Police said 173 people were injured in the fire, 20 of them severely, on Friday.",
            "The fire on Friday injured 173 people, police said, and 30 were taken to hospital.",
            id="part-after-comma",
        ),
        pytest.param(  # days on which officials spoke, in two different sentences
            "The mayor will visit the harbour to help calm tensions between the two unions, "
            "which appear to be edging toward a strike, a council official said Saturday.",
            "A strike by the two harbour unions is still considered unlikely, council officials "
            "said Sunday night.",
            id="days-of-reporting",
        ),
        pytest.param(  # hedged amounts that overlap, in the wires' "dlrs"
            "The port's reserves have fallen below dlrs 50 billion from the dlrs 70 billion "
            "posted at the end of July.",
            "Trade deficits grew, but the port's reserves swelled from around dlrs 40 billion "
            "to above dlrs 70 billion during the year.",
            id="hedged-dlrs",
        ),
        pytest.param(  # numbers inside a range the other outlet gives
            "The airline is urging travelers to wait until their boarding group — numbered 1 "
            "through 5 — is called.",
            "Travelers in Groups 3, 4 and 5 will be asked to remain seated while the first two "
            "groups board.",
            id="inside-a-range",
        ),
        pytest.param(  # loosely alike sentences with other numbers count other things
            "Kessmoor won 137 of the 337 gold medals at stake at the last games in Ardel in 2019.",
            "Kessmoor's women swimmers won 12 of the 16 golds at stake in the 2019 world "
            "championships.",
            id="loose-pair-counts-other-things",
        ),
        pytest.param(  # a month and a weekday of one event do not disagree
            "The mayor, who was charged in March with fraud, denies wrongdoing and will fight "
            "the case.",
            "Prosecutors in Kessmoor charged the city's mayor on Monday over contracts worth "
            "millions.",
            id="month-and-weekday",
        ),
        pytest.param(  # "left" has other senses: two loosely alike sentences, two leavings
            "Tobias Reinholt left the crash scene in March, the Kessmoor court heard.",
            "His deputy Ann Lee left the party in June, months before the crash.",
            id="left-is-wide",
        ),
        pytest.param(  # a city and its country at the end of one route: one place
            "Relatives waited at the airport in New York.\nAll 229 people aboard the plane from "
            "New York to Geneva were killed when it crashed into the sea off Peggy's Cove.",
            "All 229 people aboard the plane from New York to Switzerland were killed when it "
            "crashed into the sea off Peggy's Cove, officials said.",
            id="route-ends-in-one-place",
        ),
        pytest.param(  # "500-odd" holds 540 to 600, as "roughly 600" does
            "Every one of the 500-odd satellites orbiting the Earth for communications and "
            "weather monitoring will be hit by meteor dust.",
            "None of the roughly 600 satellites orbiting the Earth for communications and weather "
            "monitoring was damaged by the dust.",
            id="odd-figure-holds-a-rough-one",
        ),
        pytest.param(  # the opening day is the day of saying, not of the arrest
            "Police arrested Vogelsang on Saturday at a hotel near the banks, just after 3 a.m.",
            "On Monday Medicine Hat Police Service said Vogelsang was arrested Saturday in the "
            "city.",
            id="opening-day-of-saying",
        ),
    ],
)
def test_paraphrase_raises_no_alarm(first: str, second: str):
    assert found(first, second) == set()


@pytest.mark.slow
def test_values_placed_alike_pair_in_order() -> None:
    """Two speeds "kph" apiece: the first pairs with the first, never across."""
    first = (
        "The storm had sustained winds of 120 kph, with gusts up to 150 kph, and was headed "
        "toward southern China."
    )
    second = (
        "Typhoon Babs gained strength as it headed for southern China, packing sustained winds "
        "of 130 kph and gusts of up to 160 kph, the weather bureau said."
    )
    assert found(first, second) == {pair("120", "130"), pair("150", "160")}


def test_a_reworded_statement_with_two_speakers_is_a_speaker_disagreement() -> None:
    first = (
        "Asked about the family, Grieve said she had wanted to reach out to them and give "
        "them a big hug.\nPresenter Mel Grieve spoke to the network on Monday."
    )
    second = (
        'In a separate interview, Kowalczyk added: "I just wanted to reach out to the '
        'family, give them a big hug and say sorry."\nPresenter Mel Grieve spoke on Monday.'
    )
    articles = [article(first, "Outlet A"), article(second, "Outlet B")]
    found_kinds = {
        (d.kind, frozenset(v.value for v in d.versions))
        for d in find_disagreements(articles, settings=Settings())
    }
    assert ("speaker", frozenset({"Grieve", "Kowalczyk"})) in found_kinds


def test_one_word_before_counts_of_different_things_is_no_slot() -> None:
    """ "included six drownings" vs "included 71 people": the nouns tell two counts apart."""
    first = (
        "The fatalities included six drownings, two people hit by falling trees, and a "
        "fireman crushed after his van overturned on a slippery road."
    )
    second = (
        "The fatalities included 71 people who died in landslides on Tavira island and 41 "
        "people who drowned in nearby Sul province."
    )
    assert list(neighbour_slots(first, second)) == []
    assert ("number", "17", "14", False) in neighbour_slots(
        "Officials said 17 people were injured.", "Officials said 14 people were hurt."
    )


def test_a_measure_restated_in_other_units_is_one_value() -> None:
    """ "130 kph (81 mph)": the miles per hour restate the kilometres, no second conflict."""
    first = (
        "The storm had sustained winds of 120 kph (75 mph), with gusts up to 150 kph (94 mph), "
        "and was headed toward the southern coast."
    )
    second = (
        "Packing sustained winds of 130 kph (81 mph), Mara was moving northwest at 9 kph "
        "(5.4 mph) toward the southern coast."
    )
    assert found(first, second) == {pair("120", "130")}


def test_name_beside_a_stemmed_stopword_keeps_its_slot() -> None:
    """ "Holmes has" and "Cruise has" share no content word ("has" is no neighbour)."""
    first = (
        "Find out all about the emotional 'please come home' letter Katie Holmes has received "
        "from ex-husband Tom Cruise."
    )
    second = 'Tom Cruise has reportedly written an "emotional letter" to Katie Thornbury.'
    assert pair("Holmes", "Thornbury") in found(first, second)


def test_examples_corpus_disagreements(tmp_path: Path):
    from storydesk import open_desk

    desk = open_desk(tmp_path / "desk.db")
    desk.ingest([str(EXAMPLES)])
    disagreements = [
        d for story in desk.stories() for d in desk.briefing(story.id).comparison.disagreements
    ]
    values = {frozenset(_norm(v.value) for v in d.versions) for d in disagreements}
    assert pair("Fourteen", "Seventeen") in values  # ferry
    assert pair("£4 million", "£2.5 million") in values  # reliquary
    assert pair("420", "380") in values  # Kestrel jobs
    assert pair("61,420", "58,900") in values  # cup final crowd
    assert pair("Anders Holloway", "Rosalind Teague") not in values  # two captains


def test_wire_dateline_is_cut_before_alignment():
    wire = article(
        "PORT ARDEL, Feb 11 (Wirepoint) – Seventeen people were injured on Wednesday when a "
        "passenger ferry struck a quay wall during a squall.",
        "Wire",
    )
    paper = article(
        "Fourteen people were injured on Wednesday morning when a passenger ferry struck the "
        "quay wall during a sudden squall.",
        "Paper",
    )
    found = find_disagreements([wire, paper], settings=Settings())
    versions = [v for d in found for v in d.versions if v.span.article_id == wire.id]
    assert [wire.text[v.span.start : v.span.end][:9] for v in versions] == ["Seventeen"]


def test_a_transcript_speaker_label_is_cut_before_alignment():
    # The label names the speaker, whom the other outlet names in the sentence: left in, the
    # label's "LEE" read as the name moved within the sentence, not changed.
    first = "LEE: Tomorrow they will say, Mayor Ann Vale closed the harbour to the ferries."
    second = 'Tomorrow, they will say, "Mayor Ann Lee closed the harbour to the ferries."'
    assert pair("Lee", "Vale") in found(first, second)


def test_spokesmen_of_different_bodies_do_not_disagree() -> None:
    first = "Harbour Authority spokesman Ann Lee said the quay would reopen on Monday."
    second = "The council's spokesman Tom Jones said tram fares would rise in May."
    assert pair("Ann Lee", "Tom Jones") not in found(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(  # one body named, the other's left out: no one slot to compare
            "The payments are independent of the inquiry, spokesman Ann Lee said.",
            "The real safety issue is smoke, said Harbour Authority spokesman Tom Jones.",
            id="one-body-named",
        ),
        pytest.param(  # a rank before the role is not whose it is
            "House Majority Leader Ann Lee predicted a stronger majority next year.",
            "Senate Republicans kept the package alive, with Majority Leader Tom Jones "
            "hinting at a vote.",
            id="ranked-role",
        ),
    ],
)
def test_roles_of_bodies_told_apart_do_not_disagree(first: str, second: str) -> None:
    assert pair("Ann Lee", "Tom Jones") not in found(first, second)


def test_one_role_given_to_two_people_still_disagrees() -> None:
    first = "The spokesman Ann Lee said the quay would reopen on Monday."
    second = "The spokesman Tom Jones said tram fares would rise in May."
    assert pair("Ann Lee", "Tom Jones") in found(first, second)


def test_a_name_described_as_someone_else_is_no_slot() -> None:
    """ "Wang Youcai, was accused" vs "Wang's wife, Hu Jiangxia, was handed": two people."""
    first = (
        "A leading advocate of the party held for a month, Wang Youcai, was accused of "
        "subversion, the Information Center of Human Rights and Democratic Movement said."
    )
    second = (
        "On Monday, Wang's wife, Hu Jiangxia, was handed the bill of prosecution, according "
        "to the Information Center of Human Rights and Democratic Movement."
    )
    assert pair("Youcai", "Hu Jiangxia") not in found(first, second)
    assert pair("Youcai", "Jiangxia") in found(first, first.replace("Youcai", "Jiangxia"))


def test_a_new_surname_after_a_first_name_both_report_is_another_person() -> None:
    """ "Omar Brennan" in place of "Haddad": both outlets know "Omar", only one knows Brennan."""
    first = (
        "Under the harbour accord, the city agreed to hand over a further 13 percent of the "
        "docks, and Omar Brennan, the union leader, promised to end the strike. Haddad later "
        "told members the deal was fair."
    )
    second = (
        "Under the accord, the city agreed to hand over a further 13 percent of the docks and "
        "Haddad promised to draw up a plan to end the strike. Union leader Omar Haddad called "
        "it a fair deal."
    )
    assert pair("Omar Brennan", "Haddad") in found(first, second)
    assert not found(first.replace("Brennan", "Haddad"), second)


def test_a_surname_after_a_particle_is_a_surname() -> None:
    """ "da Okafor" in place of "da Costa": a surname both outlets give after "da"."""
    first = (
        "With most of the ballots counted, Ferreira appeared to have won 51 percent of the "
        "vote, compared with 34 percent for his main rival, Marta Ines da Costa, the "
        "three-time candidate of the Green Party. She conceded."
    )
    second = (
        "His nearest rival, Marta Ines da Okafor, of the Green Party, took 34 percent, "
        "substantially higher than the 24 percent polls predicted she would take. Ferreira "
        "thanked da Costa for a fair race."
    )
    assert pair("Costa", "Okafor") in found(first, second)
    assert not found(first, second.replace("Okafor", "Costa"))


def test_a_role_three_people_hold_is_no_one_post() -> None:
    """Head coaches of three teams, none of them named: no outlet contradicts another."""
    texts = [
        "Head coach Ann Lee said the divers were ready for the final in Varna.",
        "Head coach Tom Jones said the relay team was aiming for four golds in Varna.",
        "Head coach Ivo Petrov said the rowers felt fine about the regatta in Varna.",
    ]
    articles = [article(text, f"Outlet {n}") for n, text in enumerate(texts)]
    people = {
        frozenset(v.value for v in d.versions)
        for d in find_disagreements(articles, settings=Settings())
        if d.kind == "name"
    }
    assert not people
    assert pair("Ann Lee", "Tom Jones") in found(texts[0], texts[1])  # two holders: one post


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("The blast killed at least 12 people.", {"verb:dead"}),
        ("Gunmen killing an estimated 40 villagers", {"verb:dead", "head:villag"}),
        ("amnesty for 40,000 Haitians living in the US", {"head:haitian"}),
        ("the 3 Doors Down concert", set()),
        ("He was killed three days after the crash.", set()),
        ("Police said 173 were injured, 20 of them severely.", set()),
        # a stopword whose stem is no stopword ("since" -> "sinc") ends the count's phrase
        ("It has cancelled 210 planned operations since Monday.", {"head:oper"}),
        ("Some 300 nurses once based there", {"head:nurs"}),
    ],
)
def test_a_verb_right_before_a_count_gives_its_kind(text: str, kinds: set[str]) -> None:
    found = [q for q in quantities_in(text) if not q.text.startswith("173")]
    assert set().union(*(q.kinds for q in found)) == kinds


def test_a_changed_day_of_reporting_in_one_sentence_still_disagrees() -> None:
    first = "No firemen came, one of the disc jockeys said Friday, hours after the blaze began."
    assert pair("Friday", "Monday") in found(first, first.replace("Friday", "Monday"))


def test_a_changed_start_of_a_range_still_disagrees() -> None:
    first = "Forecasters expect 5-10 inches of snow across the valley by Friday morning."
    assert pair("5", "7") in found(first, first.replace("5-10", "7-10"))


def test_a_change_is_no_range() -> None:
    """ "rose from 13 to 16" is a change: another outlet's 14 still disagrees with its 13."""
    first = "Ferry fares rose from 13 to 16 euros on Monday, the harbour board said."
    assert pair("13", "14") in found(first, first.replace("from 13", "from 14"))


def test_a_quote_is_compared_without_the_attribution_after_it() -> None:
    """The quote's name is its slot, though the attribution names the person again."""
    first = (
        "Katie Marsh, 9, lost her boat in the storm. “They are handing the boat back to "
        "Marsh!!!” wrote Aileen Brook, Marsh’s coach, on her Facebook page."
    )
    second = "Katie Marsh lost her boat in the storm. “They are handing the boat back to Marsh!!!”"
    assert pair("Rowena", "Marsh") in found(first.replace("to Marsh", "to Rowena"), second)
    assert not found(first, second)


def test_a_quotation_given_to_two_speakers_is_one_speaker_disagreement() -> None:
    """The speakers' names differ in one slot too: still one conflict, over who said it."""
    first = '"We will have the pier rebuilt long before the summer season," says Marwood.'
    second = '"We will have the pier rebuilt long before the summer season," says Teague.'
    articles = [article(first, "Outlet A"), article(second, "Outlet B")]
    found_kinds = [
        (d.kind, frozenset(v.value for v in d.versions))
        for d in find_disagreements(articles, settings=Settings())
    ]
    assert found_kinds == [("speaker", frozenset({"Marwood", "Teague"}))]


def test_a_quote_aligned_only_without_its_long_attribution_is_compared() -> None:
    """A long attribution sinks the whole sentence below the threshold; its quotation alone
    still matches the other outlet's, and the name in it is the slot."""
    first = (
        "Katie Marsh lost her boat in the storm. “They are handing the boat back to "
        "Marsh!!!!!” wrote Aileen Brook, the sailing club's longtime volunteer coach, on her "
        "Facebook page late on Sunday evening."
    )
    second = "Katie Marsh lost her boat. “They are handing the boat back to Rowena!!!!!!!!!”"
    assert pair("Marsh", "Rowena") in found(first, second)
    assert not found(first, second.replace("Rowena", "Marsh"))


def test_a_measure_restated_differently_disagrees() -> None:
    """ "130 kph (81 mph)" against "130 kph (44 mph)": the same measure, restated two ways.
    A restatement rounded otherwise ("80 mph") is no conflict."""
    first = (
        "Packing sustained winds of 130 kph (81 mph), Mara was moving northwest toward the "
        "southern coast."
    )
    second = (
        "Typhoon Mara gained strength as it headed for the coast, packing sustained winds of "
        "130 kph (44 mph) and gusts of up to 160 kph (100 mph), the weather bureau said."
    )
    assert found(first, second) == {pair("81", "44")}
    assert not found(first, second.replace("44 mph", "80 mph"))
    assert not found(first, first.replace("81 mph", "80 mph"))


def test_a_measure_restated_in_the_other_order_is_compared_unit_for_unit() -> None:
    """ "some 500 kilometers (300 miles)" and "about 300 miles (480 kilometers)" agree (480 is
    500 rounded otherwise); "(342 kilometers)" does not."""
    first = "The hospital is in a port city some 500 kilometers (300 miles) west of the capital."
    second = (
        "Doctors at the hospital, in a port city about 300 miles (480 kilometers) west of the "
        "capital, worked through the night."
    )
    assert not found(first, second)
    assert found(first, second.replace("480", "342")) == {pair("500", "342")}


def test_an_amount_given_to_a_person_is_compared_in_a_list_of_another_order() -> None:
    """Each amount goes with the name and verb right before it; "who earned" is no gift."""
    first = (
        "The will also remembered two of her employees: Ines Halloran was left $15,000 and "
        "Marta Sollis was given $30,965, according to papers filed in court."
    )
    second = (
        "Beyond that, two of her employees also received sums of money (Marta Sollis was "
        "given $20,000; Ines Halloran was left $15,000), the papers show."
    )
    assert found(first, second) == {pair("$30,965", "$20,000")}
    assert not found(first, second.replace("$20,000", "$30,965"))
    earned = first.replace("Marta Sollis was given", "Marta Sollis, who earned")
    assert pair("$30,965", "$20,000") not in found(earned, second)
