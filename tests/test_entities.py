"""Entities: one canonical name per person or organisation across a story's outlets."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.entities import Names, build_names, combine_entities, extract_entities
from storydesk.entity_lists import fullest_roles, roles_in_sentence_case, variants_folded
from storydesk.mentions import DISABLE, article_mentions
from storydesk.models import Article, Entity, content_id
from storydesk.nlp import load_nlp
from storydesk.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings().spacy_model, disable=DISABLE)


def make(text: str, outlet: str) -> Article:
    return Article(id=content_id(outlet, text), title="t", text=text, outlet=outlet)


def entities_of(articles: list[Article], nlp) -> dict[str, Entity]:
    found = combine_entities(articles, [article_mentions(a, nlp) for a in articles])
    return {e.name: e for e in found}


def test_surname_and_honorific_join_the_full_name(nlp) -> None:
    articles = [
        make("Former London Mayor Ken Livingstone spoke on Friday.", "Herald"),
        make("Mr Livingstone said nothing more. Livingstone left at noon.", "Courier"),
    ]
    entities = entities_of(articles, nlp)
    ken = entities["Ken Livingstone"]
    assert ken.label == "PERSON"
    assert ken.outlets == ("Herald", "Courier")
    assert ken.mentions == 3
    assert "Mr Livingstone" in ken.aliases
    assert "Former London Mayor" in ken.roles
    assert "Livingstone" not in entities


def test_description_linked_by_the_text_is_an_alias(nlp) -> None:
    articles = [
        make(
            "Former London Mayor Ken Livingstone spoke on Friday.\n\n"
            "The former London mayor said he regretted the row.",
            "Herald",
        )
    ]
    ken = entities_of(articles, nlp)["Ken Livingstone"]
    assert any(a.lower() == "the former london mayor" for a in ken.aliases)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The vote was called by MP John Mann on Monday.", "John Mann", "MP"),
        ("Mark Bell, spokesman for the council, declined to comment.", "Mark Bell", "spokesman"),
        ("Ann Lee discussed the issue with host David Mellor.", "David Mellor", "host"),
        ("He was confronted by the Labour MP John Mann on Thursday.", "John Mann", "Labour MP"),
        (
            "Doyle took off the holding midfielder Rasmus Kade, who had tired.",
            "Rasmus Kade",
            "holding",
        ),
        (  # a hyphened compound is the role whole, written as it was
            "Bransholm led after Swedish-born striker Jonas Ekwall headed in the opener.",
            "Jonas Ekwall",
            "Swedish-born striker",
        ),
        (  # an apposition up to the relative clause that goes on about it
            "Orla Fenwick, a threat researcher at the security firm Brightmoor Labs who has "
            "tracked Nightjar since it emerged last year, said the group was fast.",
            "Orla Fenwick",
            "a threat researcher at the security firm Brightmoor Labs",
        ),
    ],
)
def test_roles(nlp, text: str, name: str, role: str) -> None:
    entity = entities_of([make(text, "Herald")], nlp)[name]
    assert any(r.startswith(role) for r in entity.roles)
    assert not any("who" in r.split() for r in entity.roles)


def test_the_tail_of_a_hyphened_compound_before_a_name_is_no_role(nlp) -> None:
    text = "She wore waist-length Ann Lee hair and a natural look on Monday."
    assert entities_of([make(text, "Herald")], nlp)["Ann Lee"].roles == ()


def test_names_keep_different_people_apart() -> None:
    names = build_names(
        [
            {"article_id": "a", "entities": [[0, 1, "PERSON", "Jeremy Corbyn"]]},
            {"article_id": "b", "entities": [[0, 1, "PERSON", "Piers Corbyn"]]},
        ]
    )
    assert names.canonical("Corbyn", "a") == "Jeremy Corbyn"
    assert names.canonical("Corbyn", "b") == "Piers Corbyn"
    assert names.canonical("Mr Jeremy Corbyn") == "Jeremy Corbyn"


def test_a_nickname_form_is_the_same_person() -> None:
    names = Names()
    names.persons.update({"Mike Brown": 5, "Michael Brown": 3, "Bill Roe": 1, "William Roe": 1})
    assert names.canonical("Michael Brown") == names.canonical("Mike Brown") == "Mike Brown"
    assert names.canonical("Brown") == "Mike Brown"
    # On a tie the formal form names the person.
    assert names.canonical("Bill Roe") == names.canonical("William Roe") == "William Roe"


def test_a_name_in_capitals_is_the_persons_usual_form() -> None:
    names = Names()
    names.persons.update({"Ann Lee": 3, "ANN LEE": 1})
    assert names.canonical("ANN LEE") == names.canonical("LEE") == "Ann Lee"
    assert names.canonical("MAYOR ANN LEE") == "Ann Lee"
    assert names.canonical("NASA", label="ORG") == "NASA"


def test_a_nickname_shared_by_two_given_names_joins_neither() -> None:
    names = Names()
    names.persons.update({"Chris Lee": 4, "Christine Lee": 1, "Christopher Lee": 1, "Ann Day": 1})
    assert names.canonical("Christine Lee") == "Christine Lee"
    assert names.canonical("Christopher Lee") == "Christopher Lee"
    assert names.canonical("Chris Lee") == "Chris Lee"
    names.persons.update({"Ben Day": 2})  # not a nickname of Ann
    assert names.canonical("Ann Day") == "Ann Day"


def test_organisation_short_form_joins_the_long_one() -> None:
    names = Names()
    names.orgs.update({"Labour Party": 2})
    assert names.canonical("Labour", label="ORG") == "Labour Party"


def test_a_two_word_organisation_joins_its_long_form() -> None:
    # Two capitalised words read like a person's name; tagged ORG, they are a body's start.
    names = Names()
    names.orgs.update({"Kessmoor Royal Infirmary": 2, "Kessmoor Royal": 1})
    assert names.canonical("Kessmoor Royal", label="ORG") == "Kessmoor Royal Infirmary"


@pytest.mark.parametrize(
    ("orgs", "expected"),
    [
        ({"Dunmere Borough Council": 2}, "Dunmere Borough Council"),
        ({"Dunmere Borough Council": 2, "Kessmoor Borough Council": 1}, "Borough Council"),
        ({"Ardel General and Lowmarsh Borough Council": 1}, "Borough Council"),
    ],
)
def test_a_bodys_generic_name_joins_the_one_the_story_names(orgs, expected) -> None:
    names = Names()
    names.orgs.update({**orgs, "Borough Council": 1})
    assert names.canonical("Borough Council", label="ORG") == expected


def test_seed_story_entities() -> None:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds are absent")
    from storydesk.ingest import read_paths

    articles = read_paths([str(SEEDS)], settings=Settings()).articles
    entities = {e.name: e for e in extract_entities(articles, settings=Settings())}
    ken = entities["Ken Livingstone"]
    assert {"Mr Livingstone", "Livingstone"} <= set(ken.aliases)
    assert "the former london mayor" in {a.lower() for a in ken.aliases}
    assert set(ken.outlets) == {"ITV News", "i24NEWS"}
    assert "MP" in entities["John Mann"].roles
    assert "Livingstone" not in entities and "Mr Livingstone" not in entities


def test_page_furniture_is_not_a_role(nlp) -> None:
    text = (
        "Media caption Dana Frost spoke to reporters.\n\nDana Frost, the club captain, left early."
    )
    frost = entities_of([make(text, "Herald")], nlp)["Dana Frost"]
    assert not any("caption" in role for role in frost.roles)


def test_a_time_set_beside_a_name_is_not_a_role(nlp) -> None:
    text = (
        "The mayor said the city would grant the club the freedom of Port Ardel, the first "
        "time the honour has been given to a sports team."
    )
    found = entities_of([make(text, "Herald")], nlp)
    assert not any("time" in role for e in found.values() for role in e.roles)


def test_a_date_before_a_name_is_not_a_role(nlp) -> None:
    text = (
        "Mayor Dana Frost said on Monday the quay would reopen.\n\n"
        "On Thursday Dana Frost visited the divers, and 2019 harbour master Tom Vale joined her."
    )
    people = entities_of([make(text, "Herald")], nlp)
    roles = [role for entity in people.values() for role in entity.roles]
    assert not any("Thursday" in role or "2019" in role for role in roles)
    assert "Mayor" in people["Dana Frost"].roles


def test_a_us_state_in_ap_style_is_the_state(nlp) -> None:
    first = make("The ferry line moved its offices to Redmond, Wash., in May.", "Herald")
    second = make("The ferry line, based in Washington, opened a route on Tuesday.", "Post")
    places = entities_of([first, second], nlp)
    assert "Wash" not in places and "Wash." not in places
    assert places["Washington"].outlets == ("Herald", "Post")


def test_an_abbreviated_title_before_a_name_is_no_state(nlp) -> None:
    text = "Del. Eleanor Holmes Norton said the ferry bill would pass, and Ohio agreed."
    names = entities_of([make(text, "Herald")], nlp)
    assert "Delaware" not in names


def test_place_does_not_join_an_organisation_named_after_it() -> None:
    names = Names()
    names.orgs.update({"Boston College": 1})
    assert names.canonical("Boston", label="GPE") == "Boston"
    assert names.canonical("Boston", label="ORG") == "Boston College"


def test_cached_mentions_are_used_and_stale_ones_ignored(nlp) -> None:
    from storydesk.entities import load_mentions
    from storydesk.mentions import VERSION

    article = make("Ken Dowd opened the meeting.", "Herald")
    fake = {
        "article_id": article.id,
        "version": VERSION,
        "entities": [],
        "roles": [],
        "descriptions": [],
        "quotes": [],
    }
    assert load_mentions([article], settings=Settings(), cached={article.id: fake}) == [fake]
    stale = {**fake, "version": VERSION - 1}
    fresh = load_mentions([article], settings=Settings(), cached={article.id: stale})
    assert fresh[0]["entities"] and fresh[0]["version"] == VERSION


def test_a_stray_person_tag_does_not_outvote_the_rest() -> None:
    def item(article_id: str, entities: list, roles: list) -> dict:
        return {"article_id": article_id, "entities": entities, "roles": roles,
                "descriptions": [], "quotes": []}  # fmt: skip

    articles = [make("x", "Daily A"), make("y", "Daily B")]
    ferry = [[0, 1, "ORG", "Corrow Line"]] * 3 + [[0, 1, "PERSON", "Corrow Line"]]
    minister = [[0, 1, "ORG", "Tobias Reinholt"]] * 3 + [[0, 1, "PERSON", "Tobias Reinholt"]]
    items = [
        item(articles[0].id, ferry, []),
        item(articles[1].id, minister, [["Tobias Reinholt", "minister"]]),
    ]
    found = {e.name: e.label for e in combine_entities(articles, items)}
    assert found["Corrow Line"] == "ORG"
    assert found["Tobias Reinholt"] == "PERSON"  # a role makes a person


def test_police_ranks_are_titles_not_names() -> None:
    names = Names()
    names.persons.update({"Omar Sandoval": 2})
    for written in ("DCI Sandoval", "Det Supt Sandoval", "PC Sandoval"):
        assert names.canonical(written, label="PERSON") == "Omar Sandoval"


def test_a_titled_surname_the_model_tags_otherwise_is_the_person() -> None:
    text = "Omar Sandoval leads the inquiry. DCI Sandoval said the van was found. Aldwick Hall."
    found = _labels(
        text,
        [("Omar Sandoval", "PERSON"), ("DCI Sandoval", "WORK_OF_ART"), ("Aldwick Hall", "FAC")],
    )
    assert found == {"Omar Sandoval": "PERSON", "Aldwick Hall": "FAC"}


def _labels(text: str, tagged: list[tuple[str, str]]) -> dict[str, str]:
    """Combine hand-tagged mentions of one article (name, spaCy label) found in its text."""
    article = make(text, "Daily A")
    return {e.name: e.label for e in combine_entities([article], [_tagged(article, tagged)])}


def test_places_the_model_takes_for_people_or_organisations() -> None:
    text = (
        "Crews on Carrow Fell were joined by firefighters from Port Ardel. "
        "Residents in Upper Selvane were told to leave, and Niamh Garrow said the fire moved."
    )
    tagged = [
        ("Carrow Fell", "ORG"),
        ("Port Ardel", "PERSON"),
        ("Upper Selvane", "PERSON"),
        ("Niamh Garrow", "PERSON"),
    ]
    assert _labels(text, tagged) == {
        "Carrow Fell": "GPE",  # "... Fell"
        "Port Ardel": "GPE",  # "Port ..."
        "Upper Selvane": "GPE",  # "Upper ..." and "in Upper Selvane"
        "Niamh Garrow": "PERSON",
    }


def test_an_organisation_named_after_a_place_stays_one() -> None:
    text = "Port Ardel City Council met Ardel Rovers and Brightmoor Labs on Monday."
    tagged = [
        ("Port Ardel City Council", "ORG"),
        ("Ardel Rovers", "PERSON"),
        ("Brightmoor Labs", "PERSON"),
    ]
    assert set(_labels(text, tagged).values()) == {"ORG"}


def test_a_person_mostly_after_in_is_a_place_and_capitals_fold() -> None:
    text = "KENDRY CROSS, July 6 - Families in Harrowfield and Kendry Cross waited with Ann Lee."
    tagged = [
        ("KENDRY CROSS", "ORG"),
        ("Kendry Cross", "GPE"),
        ("Harrowfield", "PERSON"),
        ("Ann Lee", "PERSON"),
    ]
    found = _labels(text, tagged)
    assert "KENDRY CROSS" not in found  # merged into Kendry Cross
    assert found["Harrowfield"] == "GPE"
    assert found["Ann Lee"] == "PERSON"


def test_a_name_with_and_without_accents_is_one_entity() -> None:
    text = "Nestlé lost the case. Nestlé will appeal, and Nestle staff were told on Monday."
    found = _labels(text, [("Nestlé", "ORG"), ("Nestle", "GPE")])
    assert found == {"Nestlé": "ORG"}


def test_a_name_with_either_apostrophe_is_one_entity() -> None:
    text = "He left Kessmoor Magistrates' Court. Kessmoor Magistrates’ Court sat again."
    tagged = [("Kessmoor Magistrates' Court", "ORG"), ("Kessmoor Magistrates’ Court", "ORG")]
    assert len(_labels(text, tagged)) == 1


def test_a_score_after_a_name_is_not_part_of_it() -> None:
    text = "Rovers beat Bransholm City 2-1 in the final. Bransholm City had led."
    found = _labels(text, [("Bransholm City 2-1", "ORG"), ("Bransholm City", "ORG")])
    assert found == {"Bransholm City": "ORG"}


def test_a_rating_after_a_persons_name_is_not_part_of_it() -> None:
    text = "Kofi Amankwah-Lowe scored. PLAYER RATINGS: Amankwah-Lowe 7. Apollo 11 flew in 1969."
    tagged = [
        ("Kofi Amankwah-Lowe", "PERSON"),
        ("Amankwah-Lowe 7", "ORG"),
        ("Apollo 11", "ORG"),
    ]
    found = _labels(text, tagged)
    assert "Amankwah-Lowe 7" not in found and found["Kofi Amankwah-Lowe"] == "PERSON"
    assert found["Apollo 11"] == "ORG"


def test_a_mention_is_cut_at_a_spaced_dash() -> None:
    text = "Kit Kat - originally called Crisp - hit the market first. Kit Kat sold well."
    found = _labels(text, [("Kit Kat - originally", "PERSON"), ("Kit Kat", "ORG")])
    assert "Kit Kat - originally" not in found and "Kit Kat" in found


def test_a_possessive_typed_with_an_opening_quote_mark_is_the_name() -> None:
    text = "The Harbour Board‘s finale aired. Then the Harbour Board voted."
    found = _labels(text, [("Harbour Board‘s", "ORG"), ("Harbour Board", "ORG")])
    assert found == {"Harbour Board": "ORG"}


def test_social_platforms_are_organisations() -> None:
    text = "Ann Lee posted on Instagram on Monday, and later on Snapchat."
    found = _labels(text, [("Ann Lee", "PERSON"), ("Instagram", "PERSON"), ("Snapchat", "GPE")])
    assert found == {"Ann Lee": "PERSON", "Instagram": "ORG", "Snapchat": "ORG"}


def _tagged(article: Article, tagged: list[tuple[str, str]]) -> dict:
    """Return an article's mentions record with hand-tagged entities (name, spaCy label)."""
    entities = []
    for name, label in tagged:
        start = article.text.index(name)
        entities.append([start, start + len(name), label, name])
    return {"article_id": article.id, "entities": entities, "roles": [],
            "descriptions": [], "quotes": []}  # fmt: skip


def test_an_outlet_named_only_in_its_own_articles_is_not_an_entity() -> None:
    own = make("It cancelled 210 operations, figures shared with the Capital Observer show.",
               "Capital Observer")  # fmt: skip
    wire = make("PORT ARDEL (Wirepoint) - The trust met the Data Protection Authority.",
                "Wirepoint Wire Service")  # fmt: skip
    items = [
        _tagged(own, [("Capital Observer", "ORG")]),
        _tagged(wire, [("Wirepoint", "ORG"), ("Data Protection Authority", "ORG")]),
    ]
    names = {e.name for e in combine_entities([own, wire], items)}
    assert names == {"Data Protection Authority"}


def test_an_outlet_that_other_outlets_name_stays() -> None:
    own = make("It cancelled 210 operations, figures shared with the Capital Observer show.",
               "Capital Observer")  # fmt: skip
    other = make("The Capital Observer first reported the cancelled operations on Tuesday.",
                 "Harbour Gazette")  # fmt: skip
    items = [_tagged(own, [("Capital Observer", "ORG")]),
             _tagged(other, [("Capital Observer", "ORG")])]  # fmt: skip
    assert {e.name for e in combine_entities([own, other], items)} == {"Capital Observer"}


def test_two_people_tagged_as_one_organisation_are_the_two_people() -> None:
    first = make("Ilya Marsh crossed and referee Gareth Molloy watched. Marsh scored.", "Daily A")
    second = make("Then Ferrandi slid in on Marsh and Molloy blew up at once.", "Daily B")
    items = [
        _tagged(first, [("Ilya Marsh", "PERSON"), ("Gareth Molloy", "PERSON"), ("Marsh", "ORG")]),
        _tagged(second, [("Marsh and Molloy", "ORG")]),
    ]
    found = {e.name: (e.label, e.mentions) for e in combine_entities([first, second], items)}
    assert found == {"Ilya Marsh": ("PERSON", 3), "Gareth Molloy": ("PERSON", 2)}


def test_two_people_tagged_as_one_work_with_a_comma_are_the_two_people() -> None:
    first = make("Bryan Singer and Gary Goddard deny it. Singer, Goddard and others.", "Daily A")
    tagged = [("Bryan Singer", "PERSON"), ("Gary Goddard", "PERSON"),
              ("Singer, Goddard", "WORK_OF_ART")]  # fmt: skip
    found = {e.name: e.mentions for e in combine_entities([first], [_in_order(first, tagged)])}
    assert found == {"Bryan Singer": 2, "Gary Goddard": 2}


def test_a_one_word_person_that_opens_the_names_of_bodies_is_what_they_are() -> None:
    text = (
        "Bransholm were beaten. Bransholm City Council met and Bransholm City Museum shut. "
        "Bransholm fans left. Ann Lee, the mayor, spoke."
    )
    tagged = [
        ("Bransholm", "PERSON"),
        ("Bransholm City Council", "ORG"),
        ("Bransholm City Museum", "ORG"),
        ("Ann Lee", "PERSON"),
    ]
    found = _labels(text, tagged)
    assert found["Bransholm"] == "ORG" and found["Ann Lee"] == "PERSON"


def test_a_two_word_person_that_opens_a_companys_name_is_the_company() -> None:
    text = (
        "Hallam Vey Systems won the bid. Hallam Vey is chaired by Conrad Vey. "
        "Hallam Vey Systems denied wrongdoing."
    )
    tagged = [
        ("Hallam Vey Systems", "ORG"),
        ("Hallam Vey", "PERSON"),
        ("Conrad Vey", "PERSON"),
        ("Hallam Vey Systems", "ORG"),
    ]
    found = _labels(text, tagged)
    # an organisation, and the firm's short name: one entity with the full name
    assert "Hallam Vey" not in found
    assert found["Hallam Vey Systems"] == "ORG" and found["Conrad Vey"] == "PERSON"


def test_a_town_named_for_its_team_is_the_team() -> None:
    text = (
        "Bransholm had led early on. Rovers beat Bransholm City 2-1, and the visitors were "
        "left fuming. Ferrandi will miss Bransholm's next match."
    )
    tagged = [
        ("Bransholm", "PERSON"),
        ("Bransholm City", "GPE"),
        ("miss Bransholm", "PERSON"),  # "miss" is the verb here, not a title
    ]
    article = make(text, "Daily A")
    found = {e.name: e for e in combine_entities([article], [_tagged(article, tagged)])}
    assert list(found) == ["Bransholm City"]
    assert found["Bransholm City"].label == "ORG"
    assert set(found["Bransholm City"].aliases) == {"Bransholm"}


def test_things_the_model_takes_for_people_are_not_people() -> None:
    text = (
        "The ferry hit Quay 3 at 7.40am (0740 GMT), Ann Lee said. Corrow Line "
        "apologised, and Corrow Line Ferries said the ferry was insured."
    )
    tagged = [
        ("Quay 3", "PERSON"),  # a number in a name: a berth, not a person
        ("GMT", "ORG"),  # a time zone: no entity at all
        ("Ann Lee", "PERSON"),
        ("Corrow Line", "PERSON"),
        ("Corrow Line Ferries", "ORG"),
    ]
    found = _labels(text, tagged)
    assert found == {
        "Quay 3": "FAC",
        "Ann Lee": "PERSON",
        "Corrow Line Ferries": "ORG",
    }


def test_a_known_surname_under_another_label_is_the_person() -> None:
    text = (
        "Tobias Reinholt resigned. Reinholt later spoke. Lowther Island waited, and "
        "Lowther Island's shop shut."
    )
    tagged = [
        ("Tobias Reinholt", "PERSON"),
        ("Reinholt", "WORK_OF_ART"),
        ("Lowther Island", "LOC"),
        ("Lowther Island's", "LOC"),
    ]
    found = _labels(text, tagged)
    assert found == {"Tobias Reinholt": "PERSON", "Lowther Island": "LOC"}


def test_letters_after_a_name_are_not_part_of_it() -> None:
    text = "Julian Ferrant KC spoke for the defence. Ferrant said his client regretted it."
    tagged = [("Julian Ferrant KC", "PERSON"), ("Ferrant", "PERSON")]
    assert _labels(text, tagged) == {"Julian Ferrant": "PERSON"}


def test_two_bodies_the_model_tags_as_one_are_two() -> None:
    text = (
        "Ardel General Hospital and Lowmarsh Community Hospital cancelled operations. "
        "Marks and Spencer shut early."
    )
    tagged = [
        ("Ardel General Hospital and Lowmarsh Community Hospital", "ORG"),
        ("Marks and Spencer", "ORG"),
    ]
    assert _labels(text, tagged) == {
        "Ardel General Hospital": "ORG",
        "Lowmarsh Community Hospital": "ORG",
        "Marks and Spencer": "ORG",
    }


def test_a_surname_takes_the_one_given_name_written_before_it() -> None:
    # the model tagged no full name: "Marsh" alone, and "New York Jets" is no "York Jets"
    text = (
        "Ferrandi slid in on Ilya Marsh. Marsh scored later. The Jets lost in New York Jets "
        "colours, and the judges said Bill Lee and Ann Lee had won."
    )
    tagged = [("Marsh", "PERSON"), ("Marsh", "PERSON"), ("Jets", "PERSON"), ("Lee", "PERSON")]
    found = _labels(text, tagged)
    assert found == {"Ilya Marsh": "PERSON", "Jets": "PERSON", "Lee": "PERSON"}


def test_a_name_after_a_job_and_at_is_an_employer() -> None:
    """ "a solicitor at Ashcroft Lyle" names a firm, though the model tags a person; "sat at
    Vance's side" and "shouted at Teodora Vance" name people."""
    text = (
        "“Patients are entitled to ask,” said Teodora Vance, a data protection solicitor at "
        "Ashcroft Lyle. A nurse sat at Vance's side. A man shouted at Teodora Vance."
    )
    tagged = [
        ("Teodora Vance", "PERSON"),
        ("Ashcroft Lyle", "PERSON"),
        ("Vance", "PERSON"),
        ("Teodora Vance", "PERSON"),
    ]
    assert _labels(text, tagged) == {"Teodora Vance": "PERSON", "Ashcroft Lyle": "ORG"}


def test_a_role_another_role_ends_with_is_dropped() -> None:
    """ "Manager" beside "Rovers manager" says nothing more; "Rovers boss" stays."""
    assert fullest_roles(["Rovers manager", "Manager", "Rovers boss", "rovers manager"]) == (
        "Rovers manager",
        "Rovers boss",
    )
    assert fullest_roles(["minister", "Health minister"]) == ("Health minister",)
    assert fullest_roles(["chief executive", "executive director"]) == (
        "chief executive",
        "executive director",
    )
    assert fullest_roles(["the Palestinian leader", "Palestinian leader"]) == (
        "Palestinian leader",
    )


def test_an_outlets_judgement_is_no_part_of_a_role() -> None:
    """ "Disgraced", "defiant", "famous" judge (they are framing); "former", "top" describe."""
    assert fullest_roles(["Disgraced infrastructure minister"]) == ("infrastructure minister",)
    assert fullest_roles(["defiant Mayor", "Mayor"]) == ("Mayor",)
    assert fullest_roles(["famous actor"]) == ("actor",)
    assert fullest_roles(["Former cabinet minister", "top aide"]) == (
        "Former cabinet minister",
        "top aide",
    )
    assert fullest_roles(["defiant"]) == ("defiant",)  # nothing left to call the role


def test_a_capital_that_only_opens_a_sentence_is_no_part_of_a_role() -> None:
    text = (
        "Former cabinet minister Tobias Reinholt spoke. Passenger Lena Asquith, 58, said a "
        "former passenger had warned NPR. The mayor and the Rovers manager met."
    )
    roles = ("Former cabinet minister", "Passenger", "Prime Minister", "Mayor",
             "NPR national correspondent", "Rovers manager", "Sheep farmer")  # fmt: skip
    (found,) = roles_in_sentence_case([Entity("Ann Lee", "PERSON", roles=roles)], [text])
    assert found.roles == (
        "former cabinet minister",
        "passenger",
        "Prime Minister",  # the rest of the role is capitalised
        "Mayor",  # a title
        "NPR national correspondent",  # an acronym
        "Rovers manager",  # a name: never written in lower case
        "Sheep farmer",  # "sheep" is never written in lower case here
    )


def test_a_role_another_opens_with_or_a_pronoun_before_a_role_says_nothing_more() -> None:
    roles = ["its regional secretary", "regional secretary of the union", "Kestrel’s chief",
             "Kestrel's chief since 2023", "actor", "an actor on Star Trek"]  # fmt: skip
    assert fullest_roles(roles) == (
        "regional secretary of the union",
        "Kestrel's chief since 2023",
        "an actor on Star Trek",
    )


def test_what_a_group_calls_itself_is_an_organisation() -> None:
    """ "a ransomware gang known as Nightjar" and "the group, which calls itself Nightjar" name
    an organisation, whatever the model's tag; "a man known as Sandoval" stays a person."""
    text = (
        "A ransomware gang known as Nightjar claimed the attack. The group, which calls itself "
        "Nightjar, posted screenshots. Police said Nightjar usually gained access by phishing. "
        "A man known as Sandoval was arrested in Port Ardel."
    )
    tagged = [
        ("Nightjar", "GPE"),
        ("Nightjar", "GPE"),
        ("Nightjar", "PERSON"),
        ("Sandoval", "PERSON"),
        ("Port Ardel", "GPE"),
    ]
    assert _labels(text, tagged) == {"Nightjar": "ORG", "Sandoval": "PERSON", "Port Ardel": "GPE"}


def _in_order(article: Article, tagged: list[tuple[str, str]]) -> dict:
    """Like `_tagged`, each mention found after the one before it (a name said twice)."""
    entities, at = [], 0
    for name, label in tagged:
        start = article.text.index(name, at)
        entities.append([start, start + len(name), label, name])
        at = start + len(name)
    return {"article_id": article.id, "entities": entities, "roles": [],
            "descriptions": [], "quotes": []}  # fmt: skip


def _ordered_labels(text: str, tagged: list[tuple[str, str]], outlet: str = "Daily A") -> dict:
    article = make(text, outlet)
    return {e.name: e.label for e in combine_entities([article], [_in_order(article, tagged)])}


def test_a_team_named_after_its_town_is_an_organisation() -> None:
    """A plural verb or a score after "Bransholm City" makes it the team; "Mexico City" with
    neither stays a place."""
    text = (
        "Ardel Rovers beat Bransholm City 2-1 in the final. Bransholm City were left fuming. "
        "Fans of Bransholm City travelled from Mexico City, and Mexico City was quiet."
    )
    tagged = [("Ardel Rovers", "ORG"), ("Bransholm City 2-1", "GPE")]
    tagged += [("Bransholm City", "GPE")] * 2 + [("Mexico City", "GPE")] * 2
    found = _ordered_labels(text, tagged)
    assert found == {"Ardel Rovers": "ORG", "Bransholm City": "ORG", "Mexico City": "GPE"}


def test_a_ship_the_model_takes_for_a_person_or_a_body_is_neither() -> None:
    """A person takes no article: "on the Saltmarsh Belle had" is a thing, and so is "a fast
    boat, the Kittiwake"; "the Rev. Al Sharpton" and "Ann Lee had" are people."""
    text = (
        "Crew members on the Saltmarsh Belle had raised concerns. The firm chartered a fast "
        "boat, the Kittiwake, for islanders. Ann Lee had a ticket, said the Rev. Al Sharpton, "
        "who met the Rev. Al Sharpton's friends."
    )
    tagged = [("Saltmarsh Belle", "PERSON"), ("Kittiwake", "ORG"), ("Ann Lee", "PERSON"),
              ("Rev. Al Sharpton", "PERSON"), ("Rev. Al Sharpton", "PERSON")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found["Saltmarsh Belle"] == found["Kittiwake"] == "PRODUCT"
    assert found["Ann Lee"] == "PERSON"
    assert "PERSON" in {found.get("Al Sharpton"), found.get("Rev. Al Sharpton")}


def test_a_name_paired_with_a_place_after_a_preposition_is_a_place() -> None:
    """ "between Port Ardel and Bransholm" pairs two places whatever the tags; "Harry Reid of
    Nevada and Ernest Hollings" lists people with their states."""
    text = (
        "The line runs between Port Ardel and Bransholm. Senators like Harry Reid of Nevada "
        "and Ernest Hollings of South Carolina objected."
    )
    tagged = [("Port Ardel", "PERSON"), ("Bransholm", "PERSON"), ("Harry Reid", "PERSON")]
    tagged += [("Nevada", "GPE"), ("Ernest Hollings", "PERSON"), ("South Carolina", "GPE")]
    found = _ordered_labels(text, tagged)
    assert found["Bransholm"] == found["Port Ardel"] == "GPE"
    assert found["Ernest Hollings"] == found["Harry Reid"] == "PERSON"


def test_a_home_town_and_a_seat_are_places() -> None:
    """ "Reinholt, 51, of Wrayford", "Wrayford, near Kessmoor", "the Assembly member for
    Kessmoor West" and "his Kessmoor West seat" are places, though tagged as bodies; a body
    with one such cue among its mentions stays one."""
    text = (
        "Tobias Reinholt, 51, of Wrayford, near Kessmoor, appeared in court. He is the Assembly "
        "member for Kessmoor West. Voters in his Kessmoor West seat were angry. The road "
        "between Wrayford and Kessmoor is closed. Kestrel, near the river, said Kestrel would "
        "appeal."
    )
    tagged = [("Tobias Reinholt", "PERSON"), ("Wrayford", "ORG"), ("Kessmoor", "GPE"),
              ("Kessmoor West", "ORG"), ("Kessmoor West", "ORG"), ("Wrayford", "ORG"),
              ("Kessmoor", "GPE"), ("Kestrel", "ORG"), ("Kestrel", "ORG")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found["Wrayford"] == found["Kessmoor West"] == "GPE"
    assert found["Kestrel"] == "ORG"


def test_a_name_after_its_kind_of_firm_is_a_firm() -> None:
    text = "Hamza Lindell, a healthcare analyst at the broker Corbury Sands, said it was no shock."
    found = _ordered_labels(text, [("Hamza Lindell", "PERSON"), ("Corbury Sands", "FAC")])
    assert found == {"Hamza Lindell": "PERSON", "Corbury Sands": "ORG"}


def test_a_campaign_named_after_a_road_is_an_organisation() -> None:
    """ "the Save Wexley Road campaign" ends like a road but is a campaign; the road stays one."""
    text = (
        "Irene Coyle, who chairs the Save Wexley Road campaign, said 38 homes on Wexley Road "
        "would lose their gardens. Members of the Save Wexley Road campaign watched."
    )
    tagged = [("Irene Coyle", "PERSON"), ("the Save Wexley Road", "ORG"), ("Wexley Road", "GPE"),
              ("the Save Wexley Road", "ORG")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found == {"Irene Coyle": "PERSON", "Save Wexley Road": "ORG", "Wexley Road": "GPE"}


def test_a_dateline_town_before_its_country_is_a_place() -> None:
    """ "ZURICH, Switzerland (AP)" opens a line; "the LAPD, Los Angeles firefighters" does not."""
    text = (
        "ZURICH, Switzerland (AP) — Police trained with the LAPD, Los Angeles firefighters and "
        "the bank."
    )
    tagged = [("ZURICH", "ORG"), ("Switzerland", "GPE"), ("LAPD", "ORG"), ("Los Angeles", "GPE")]
    found = _ordered_labels(text, tagged)
    assert found["ZURICH"] == "GPE"
    assert found["LAPD"] == "ORG"


def test_a_town_tagged_as_a_product_beside_a_place_is_a_place() -> None:
    text = (
        "The tram will run to Fennick Green and Oakhollow. Shops in Fennick Green and Oakhollow "
        "welcomed it."
    )
    tagged = [("Fennick Green", "LOC"), ("Oakhollow", "PRODUCT"), ("Fennick Green", "LOC"),
              ("Oakhollow", "PRODUCT")]  # fmt: skip
    assert _ordered_labels(text, tagged) == {"Fennick Green": "LOC", "Oakhollow": "GPE"}


def test_a_body_named_with_apostrophes_is_one_body() -> None:
    """The model splits "the Seafarers' and Dockworkers' Union" at its first apostrophe."""
    text = "Gail Pennock, regional organiser of the Seafarers' and Dockworkers' Union, spoke."
    tagged = [("Gail Pennock", "PERSON"), ("Seafarers", "PERSON"), ("Dockworkers' Union", "ORG")]
    found = _ordered_labels(text, tagged)
    assert found == {"Gail Pennock": "PERSON", "Seafarers' and Dockworkers' Union": "ORG"}


def test_a_programme_of_the_outlet_itself_is_not_an_entity() -> None:
    """ "told Civic Radio 4's Morning Tide" in Civic Radio 4's own report names the reporter;
    in another outlet's report it names a programme of the story."""
    own_text = (
        "Gail Pennock told Civic Radio 4's Morning Tide programme that crews were worried, as "
        "Stuart Maddox told Civic Radio 4's Drive at Five."
    )
    own = make(own_text, "Civic Radio 4")
    other = make("Rosalind Teague told Northline Today that it was too early.", "Harbour Gazette")
    items = [
        _in_order(own, [("Gail Pennock", "PERSON"), ("Morning Tide", "WORK_OF_ART"),
                        ("Stuart Maddox", "PERSON"), ("Civic Radio 4's Drive at Five", "ORG")]),
        _in_order(other, [("Rosalind Teague", "PERSON"), ("Northline Today", "WORK_OF_ART")]),
    ]  # fmt: skip
    names = {e.name for e in combine_entities([own, other], items)}
    assert names == {"Gail Pennock", "Stuart Maddox", "Rosalind Teague", "Northline Today"}


def test_a_name_owned_by_a_person_is_what_it_names() -> None:
    """ "Spacey's London" is London, "Sementilli's Twitter" Twitter; "the Humboldt County
    Sheriff's Office" stays whole though the story says "Office" alone."""
    text = (
        "Kevin Spacey left London. Spacey's London home was sold. Fabio posted on Sementilli's "
        "Twitter. The Humboldt County Sheriff's Office said the Office would reopen."
    )
    tagged = [("Kevin Spacey", "PERSON"), ("London", "GPE"), ("Spacey's London", "ORG"),
              ("Fabio", "PERSON"), ("Sementilli's Twitter", "PERSON"),
              ("Humboldt County Sheriff's Office", "ORG"), ("Office", "ORG")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found["London"] == "GPE"
    assert found["Twitter"] == "ORG"
    assert "Humboldt County Sheriff's Office" in found
    assert not {"Spacey's London", "Sementilli's Twitter"} & found.keys()


def test_page_furniture_after_a_name_is_not_part_of_it() -> None:
    text = "WOODLAND HILLS >> Police found the car. Vicomte Soultrait Provocative: a dancer."
    tagged = [("WOODLAND HILLS >>", "PERSON"), ("Vicomte Soultrait Provocative:", "ORG")]
    assert set(_ordered_labels(text, tagged)) == {"WOODLAND HILLS", "Vicomte Soultrait Provocative"}


def test_a_name_described_as_a_person_is_a_person() -> None:
    """ "Tester, a two-term Democratic senator," is a person the model took for a place;
    "Russia, a permanent member of the council," once among other mentions stays a place."""
    text = (
        "Trump attacked Tester, a two-term Democratic senator, in Montana. Tester, a moderate "
        "Democrat, leads. Voters like Tester. Russia, a permanent member, objected. Russia and "
        "China met. Russia left. Russia stayed."
    )
    tagged = [("Trump", "PERSON"), ("Tester", "GPE"), ("Montana", "GPE"), ("Tester", "GPE"),
              ("Tester", "GPE"), ("Russia", "GPE"), ("Russia", "GPE"), ("China", "GPE"),
              ("Russia", "GPE"), ("Russia", "GPE")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found["Tester"] == "PERSON"
    assert found["Russia"] == found["Montana"] == "GPE"


def test_works_papers_firms_and_car_models_are_what_their_kind_says() -> None:
    """ "the 2017 film Baby Driver" is a work, "London tabloid The Sun" and "the law firm Finn"
    are bodies, "a black Porsche 911 Carrera" is a product, and Netflix a platform; "Doan Van
    Thanh, father of Doan Thi Huong, 28" keeps his role."""
    text = (
        "They worked on the 2017 film Baby Driver. Daniel Beal told London tabloid The Sun. "
        "Andrew Calamari, a partner at the law firm Finn Dixon, spoke. His black Porsche 911 "
        "Carrera was taken. Netflix parted ways with him."
    )
    tagged = [("Baby Driver", "PERSON"), ("Daniel Beal", "PERSON"), ("Sun", "LOC"),
              ("Andrew Calamari", "PERSON"), ("Finn", "PERSON"), ("Carrera", "PERSON"),
              ("Netflix", "GPE")]  # fmt: skip
    article = make(text, "Daily A")
    item = _in_order(article, tagged)
    item["roles"] = [["Carrera", "black Porsche 911"]]
    found = {e.name: e for e in combine_entities([article], [item])}
    assert found["Baby Driver"].label == "WORK_OF_ART"
    assert found["Sun"].label == found["Finn"].label == found["Netflix"].label == "ORG"
    assert (found["Carrera"].label, found["Carrera"].roles) == ("PRODUCT", ())
    assert found["Daniel Beal"].label == "PERSON"


def test_a_name_spelt_with_other_hyphens_stops_or_case_is_one_entity() -> None:
    text = (
        "WASHINGTON - Kim Jong-nam died. Kim Jong Nam was 45. Kim-Jong-nam flew often. The "
        "U.S. and the US Treasury... Officials in Washington said."
    )
    tagged = [("WASHINGTON", "GPE"), ("Kim Jong-nam", "PERSON"), ("Kim Jong Nam", "PERSON"),
              ("Kim-Jong-nam", "PERSON"), ("U.S", "GPE"), ("US", "GPE"),
              ("Washington", "GPE")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert len(found) == 3  # one Kim Jong-nam, one United States, one Washington
    assert {"Washington", "Kim Jong-nam"} <= found.keys()  # not the dateline's capitals


def test_a_bare_title_is_no_entity_and_a_party_state_is_the_state() -> None:
    """ "Sgt" or a transcript's "HOST" alone names nobody; "Justice" (the department) stays;
    "Trent Lott, R-Miss." names Mississippi, as "Jackson, Miss." does."""
    text = (
        "HOST: Welcome. Sgt said nothing. Justice said it would appeal. Trent Lott, R-Miss., "
        "and Ann Lee met."
    )
    tagged = [("HOST", "ORG"), ("Sgt", "PERSON"), ("Justice", "ORG"), ("Trent Lott", "PERSON"),
              ("Miss.", "GPE"), ("Ann Lee", "PERSON")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found == {"Justice": "ORG", "Trent Lott": "PERSON", "Mississippi": "GPE",
                     "Ann Lee": "PERSON"}  # fmt: skip


def test_a_name_ending_as_a_street_does_is_a_place() -> None:
    text = "Deputies closed Mayberry Drive and Oak Boulevard after the shooting, Ann Lee said."
    tagged = [("Mayberry Drive", "PERSON"), ("Oak Boulevard", "ORG"), ("Ann Lee", "PERSON")]
    found = _ordered_labels(text, tagged)
    assert found == {"Mayberry Drive": "GPE", "Oak Boulevard": "GPE", "Ann Lee": "PERSON"}


def test_a_rank_tagged_at_the_end_of_a_body_is_not_part_of_it() -> None:
    text = "New York Police Department Sgt. Ann Lee said the New York Police Department would act."
    tagged = [("New York Police Department Sgt", "ORG"), ("Ann Lee", "PERSON"),
              ("New York Police Department", "ORG")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found == {"New York Police Department": "ORG", "Ann Lee": "PERSON"}


def test_a_name_before_a_kind_of_vehicle_is_a_product() -> None:
    """ "his Range Tourer four-by-four" names a car, though tagged as a body; Kestrel Motors,
    named on its own too, stays a body."""
    text = (
        "His Range Tourer four-by-four struck her. Kestrel Motors said the Kestrel Motors van "
        "was insured, and Kestrel Motors declined to comment."
    )
    tagged = [("Range Tourer", "ORG"), ("Kestrel Motors", "ORG"), ("Kestrel Motors", "ORG"),
              ("Kestrel Motors", "ORG")]  # fmt: skip
    assert _ordered_labels(text, tagged) == {"Range Tourer": "PRODUCT", "Kestrel Motors": "ORG"}


def test_a_body_tagged_with_its_seat_is_the_body() -> None:
    """ "the Assembly for Kessmoor West" is the Assembly when the story names Kessmoor West as
    a place; "the Department for Transport" stays whole."""
    text = (
        "He sits in the Assembly for Kessmoor West. Voters in Kessmoor West are angry. The "
        "Department for Transport said little."
    )
    tagged = [("Assembly for Kessmoor West", "ORG"), ("Kessmoor West", "GPE"),
              ("Department for Transport", "ORG")]  # fmt: skip
    found = _ordered_labels(text, tagged)
    assert found == {"Assembly": "ORG", "Kessmoor West": "GPE", "Department for Transport": "ORG"}


def test_a_bracket_a_name_or_role_never_closes_is_cut() -> None:
    """ "Federal Bureau of Investigation (FBI" tagged without its ")" is the bureau; a role
    "wife Abigail (Rachel Weisz" is "wife Abigail"."""
    text = "The Federal Bureau of Investigation (FBI) said Jack Salmon, his wife Abigail (Rachel."
    article = make(text, "Daily A")
    item = _in_order(article, [("Federal Bureau of Investigation (FBI", "ORG"),
                               ("Jack Salmon", "PERSON")])  # fmt: skip
    item["roles"] = [["Jack Salmon", "his wife Abigail (Rachel Weisz"]]
    found = {e.name: e for e in combine_entities([article], [item])}
    assert set(found) == {"Federal Bureau of Investigation", "Jack Salmon"}
    assert found["Jack Salmon"].roles == ("wife Abigail",)


def test_a_newspaper_named_by_its_masthead_word_is_the_one_paper_it_ends() -> None:
    text = (
        "The mayor told the Harbour Post that the plan would go ahead. "
        "A spokesman told the Post on Friday that the Tribune had it wrong. "
        "The Dunmore Tribune and the Kessmoor Tribune both ran the story."
    )
    tagged = [
        ("Harbour Post", "ORG"),
        ("Post", "ORG"),
        ("Tribune", "ORG"),
        ("Dunmore Tribune", "ORG"),
        ("Kessmoor Tribune", "ORG"),
    ]
    found = _labels(text, tagged)
    assert "Post" not in found and found["Harbour Post"] == "ORG"
    assert "Tribune" in found  # two papers end with it: which one is not known


def test_a_person_whose_surname_is_a_place_word_stays_a_person() -> None:
    text = (
        "Jim Green cautioned that there could be other explanations. "
        "Residents of Fennick Green were told to wait. Erica Hill reported from the scene. "
        "Cary Joseph Heath was arrested."
    )
    tagged = [("Jim Green", "PERSON"), ("Fennick Green", "PERSON"), ("Erica Hill", "PERSON"),
              ("Cary Joseph Heath", "PERSON")]  # fmt: skip
    assert _labels(text, tagged) == {
        "Jim Green": "PERSON",
        "Fennick Green": "GPE",  # no given name before it: "... Green" is a place
        "Erica Hill": "PERSON",
        "Cary Joseph Heath": "PERSON",  # "Joseph"
    }


def test_a_paper_named_beside_its_kind_is_an_organisation() -> None:
    """ "the daily Gazetta", "Daily Vremya" and "the Kurier newspaper" are papers whatever the
    tags; in "the London newspaper" and "an Arabic daily" the name says whose paper it is."""
    text = (
        "The daily Gazetta reported the raid. Daily Vremya said so too, and the Kurier "
        "newspaper agreed. The London newspaper and an Arabic daily ran it on Monday."
    )
    tagged = [("Gazetta", "PERSON"), ("Vremya", "NORP"), ("Kurier", "PERSON")]
    tagged += [("London", "GPE"), ("Arabic", "NORP")]
    found = _ordered_labels(text, tagged)
    assert found == {
        "Gazetta": "ORG",
        "Vremya": "ORG",
        "Kurier": "ORG",
        "London": "GPE",
        "Arabic": "NORP",
    }


def test_a_name_after_a_kind_of_place_and_of_is_a_place() -> None:
    """ "the border town of Velmora" and "a suburb of Hamilton" name places; "a friend of Ann
    Lee" names a person."""
    text = (
        "Troops massed near the border town of Velmora. He lived in a suburb of Hamilton. "
        "She was a friend of Ann Lee."
    )
    tagged = [("Velmora", "PERSON"), ("Hamilton", "PERSON"), ("Ann Lee", "PERSON")]
    found = _ordered_labels(text, tagged)
    assert found == {"Velmora": "GPE", "Hamilton": "GPE", "Ann Lee": "PERSON"}


def test_a_papers_kind_before_its_name_is_no_persons_role(nlp) -> None:
    """ "daily Radikal reported" names a paper (tagged as a person), not a person titled
    "daily"; "Defense Minister Ismet Sezgin" keeps his title."""
    text = (
        "In a show of force, jets buzzed the border on Friday, daily Radikal reported Saturday. "
        "Defense Minister Ismet Sezgin said talks would go on."
    )
    found = entities_of([make(text, "Daily A")], nlp)
    assert found["Radikal"].label == "ORG" and found["Radikal"].roles == ()
    assert found["Ismet Sezgin"].roles == ("Defense Minister",)


def test_a_name_described_as_a_kind_of_body_is_an_organisation() -> None:
    """ "Granger Telecom, a British telephone company" (tagged a person) is a company and has
    no role; "Hamza Lindell, a broadcaster" and "the head of the company" stay people."""
    text = (
        "Three engineers of Granger Telecom, a British telephone company, were freed. Hamza "
        "Lindell, a broadcaster, and Ann Lee, the head of the company, spoke."
    )
    tagged = [("Granger Telecom", "PERSON"), ("Hamza Lindell", "PERSON"), ("Ann Lee", "PERSON")]
    article = make(text, "Daily A")
    item = _in_order(article, tagged)
    item["roles"] = [
        ["Granger Telecom", "a British telephone company"],
        ["Hamza Lindell", "a broadcaster"],
        ["Ann Lee", "the head of the company"],
    ]
    found = {e.name: e for e in combine_entities([article], [item])}
    assert (found["Granger Telecom"].label, found["Granger Telecom"].roles) == ("ORG", ())
    assert found["Hamza Lindell"].label == found["Ann Lee"].label == "PERSON"
    assert found["Ann Lee"].roles == ("the head of the company",)


def test_a_newspaper_run_by_someone_is_a_body_and_no_one_is_their_own_role() -> None:
    text = (
        "Chosun Shinbo, a newspaper run by residents in Japan, reported it. Andreessen "
        "Horowitz, the cofounder of the firm Andreessen Horowitz, invested."
    )
    article = make(text, "Daily A")
    item = _in_order(article, [("Chosun Shinbo", "PERSON"), ("Andreessen Horowitz", "PERSON")])
    item["roles"] = [
        ["Chosun Shinbo", "a newspaper run by residents in Japan"],
        ["Andreessen Horowitz", "the cofounder of the firm Andreessen Horowitz"],
    ]
    found = {e.name: e for e in combine_entities([article], [item])}
    assert found["Chosun Shinbo"].label == "ORG"
    assert found["Andreessen Horowitz"].roles == ()


@pytest.mark.parametrize(
    "role",
    [
        "a University of Chicago professor",  # a capital opens a name, not the head noun
        "a power broker",  # a firm's kind that is a person's too
        "an adviser to the overseas committee of the party",  # the head comes before "to"
    ],
)
def test_a_persons_role_naming_a_body_keeps_them_a_person(role: str) -> None:
    article = make(f"Ann Lee, {role}, spoke on Monday.", "Daily A")
    item = _in_order(article, [("Ann Lee", "PERSON")])
    item["roles"] = [["Ann Lee", role]]
    (found,) = combine_entities([article], [item])
    assert (found.label, found.roles) == ("PERSON", (role,))


def test_a_person_with_a_middle_name_tagged_as_a_body_is_the_person() -> None:
    """ "Darren Eamonn Hickey", tagged ORG, is the "Darren Hickey" the story names."""
    text = (
        "The embassy named the hostages as Darren Eamonn Hickey and Peter Kennedy. Darren "
        "Hickey had worked in the region for a year."
    )
    tagged = [("Darren Eamonn Hickey", "ORG"), ("Peter Kennedy", "PERSON")]
    tagged += [("Darren Hickey", "PERSON")]
    found = _ordered_labels(text, tagged)
    assert found == {"Darren Eamonn Hickey": "PERSON", "Peter Kennedy": "PERSON"}


def test_a_surname_with_and_without_its_arabic_article_is_one_person() -> None:
    """ "Hafez al-Assad" and "Hafez Assad" are one person; "Al Gore" keeps his "Al"."""
    text = (
        "Hafez Assad met the envoy on Sunday. Hafez Assad said little. Later, Hafez al-Assad "
        "flew home, and Al Gore called."
    )
    tagged = [("Hafez Assad", "PERSON"), ("Hafez Assad", "PERSON"), ("Hafez al-Assad", "PERSON")]
    tagged += [("Al Gore", "PERSON")]
    found = _ordered_labels(text, tagged)
    assert found == {"Hafez Assad": "PERSON", "Al Gore": "PERSON"}


def _person(name: str, mentions: int, role: str = "") -> Entity:
    roles = (role,) if role else ()
    return Entity(name, "PERSON", mentions=mentions, outlets=(f"{name} Post",), roles=roles)


@pytest.mark.parametrize(
    ("variant", "main"),
    [
        ("SSP Francis Manana Nabugyere", "Francis Manana Nabugyere"),  # a rank in capitals
        ("Abdel Basset Megrahi", "Abdel Basset Ali al-Megrahi"),  # no middle name
        ("Carl XVI Gustav", "Carl XVI Gustaf"),  # one letter changed
        ("Leona Helmsey", "Leona Helmsley"),  # one letter left out
        ("Elena Marchetti", "Eleni Marchetti"),
    ],
)
def test_a_persons_variant_spelling_folds_into_the_main_form(variant: str, main: str) -> None:
    entities = [_person(main, 5, "cyclist"), _person(variant, 2, "pharmacist")]
    (folded,) = variants_folded(entities)
    assert folded.name == main and variant in folded.aliases
    assert folded.mentions == 7 and set(folded.outlets) == {f"{main} Post", f"{variant} Post"}
    assert set(folded.roles) == {"cyclist", "pharmacist"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Hans Carlsson", "Hand Carlsson"),  # a word under five letters
        ("Kim Jong-un", "Kim Jong-nam"),  # two letters apart
        ("Bill Clinton", "Hillary Clinton"),
        ("Eleni Marchetti", "Eleni Marchant"),  # the last word two letters apart
        ("Jack Salmon", "Susie Salmon"),
    ],
)
def test_different_people_and_slips_in_short_words_stay_apart(first: str, second: str) -> None:
    entities = [_person(first, 5), _person(second, 2)]
    assert [e.name for e in variants_folded(entities)] == [first, second]


def test_of_two_equally_mentioned_spellings_the_longer_is_kept() -> None:
    entities = [_person("Edgaro Henriquez", 2), _person("Edgardo Henriquez", 2)]
    assert [e.name for e in variants_folded(entities)] == ["Edgardo Henriquez"]


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        (
            "The Lowmarsh and Ardel Hospitals Trust said it had detected unusual activity.",
            {"Lowmarsh and Ardel Hospitals Trust"},
        ),
        (
            "The grant came from the Bill and Melinda Gates Foundation last year.",
            {"Bill and Melinda Gates Foundation"},
        ),
        (  # two bodies, each with its own "the"
            "Brazil asked the International Monetary Fund and the World Bank for help.",
            {"International Monetary Fund", "World Bank"},
        ),
    ],
)
def test_a_bodys_name_joined_by_and_is_one_organisation(nlp, text: str, bodies: set) -> None:
    found = entities_of([make(text, "Herald")], nlp)
    assert {name for name, e in found.items() if e.label == "ORG"} == bodies
