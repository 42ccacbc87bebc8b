"""Tests of the junk that a line's place shows: link runs, opening headlines, press releases."""

from __future__ import annotations

from storydesk.clean import classify_lines

PARAGRAPH = "The ferry struck the quay at dawn on Monday, the harbour master said."
LATER = "Divers inspected the hull for two hours before the ship was cleared to sail."


def test_links_between_paragraphs_above_a_subhead_are_junk() -> None:
    lines = [PARAGRAPH, "Ferry operator fined over crew hours", "What happened next?", LATER]
    assert classify_lines(lines) == [None, "related-links", None, None]


def test_a_lone_subhead_between_paragraphs_is_content() -> None:
    lines = [PARAGRAPH, "What happened next?", LATER, "The inquiry", LATER]
    assert classify_lines(lines) == [None] * 5


def test_a_run_of_short_lines_closing_the_article_is_links() -> None:
    links = ["Ferry operator fined over crew hours", "Port Ardel tram vote delayed"]
    lines = [PARAGRAPH, LATER, *links]
    assert classify_lines(lines) == [None, None, "related-links", "related-links"]


def test_a_junk_line_breaks_a_run_of_fact_box_bullets() -> None:
    lines = [PARAGRAPH, "Banned by the 1993 convention", "Read more about VX", "Who did it?", LATER]
    assert classify_lines(lines) == [None, None, "call-to-action", None, None]


def test_hard_wrapped_lines_are_not_links() -> None:
    lines = [
        PARAGRAPH,
        "Committee voted to disclose publicly a memorandum containing",
        "classified information (the Memorandum?",
        LATER,
    ]
    assert classify_lines(lines) == [None] * 4


def test_headlines_above_the_first_sentence_are_dropped_without_a_title() -> None:
    lines = ["World news", "Ferry Strikes Quay As Storm Hits Port!", "Ferry hits quay", PARAGRAPH]
    assert classify_lines(lines) == ["navigation", "headline", "headline", None]


def test_a_headline_ending_in_a_quoted_title_is_a_headline() -> None:
    lines = ["Mayor says sorry after row on 'Morning Tide'", PARAGRAPH]
    assert classify_lines(lines) == ["headline", None]


def test_a_standfirst_and_a_score_line_are_kept() -> None:
    standfirst = (
        "The harbour master tells the council the port will reopen on Friday, as divers"
        " finish checking the quay wall after the crash"
    )
    assert classify_lines([standfirst, PARAGRAPH]) == [None, None]
    assert classify_lines(["Ardel Rovers 2 Bransholm City 1", PARAGRAPH]) == [None, None]


def test_an_opening_question_is_a_sentence() -> None:
    lines = ["Does the port have a crowding problem?", PARAGRAPH]
    assert classify_lines(lines) == [None, None]


def test_a_text_of_short_lines_keeps_them() -> None:
    lines = ["Directed by Ann Lee", "Opens on Friday"]
    assert classify_lines(lines) == [None, None]


def test_a_press_release_about_section_is_boilerplate() -> None:
    lines = [PARAGRAPH, "About Port Ardel Ferries", LATER, "SOURCE Port Ardel Ferries"]
    assert classify_lines(lines) == [None, "press-release", "press-release", "press-release"]


def test_an_about_subhead_in_a_story_is_content() -> None:
    lines = [PARAGRAPH, "About Face", LATER, PARAGRAPH]
    assert classify_lines(lines) == [None] * 4


def test_a_lone_link_after_closing_junk_is_junk_but_a_lone_last_line_is_kept() -> None:
    lines = [PARAGRAPH, LATER, "Permalink: https://gazette.example/1", "Ferry operator fined"]
    assert classify_lines(lines)[3] == "related-links"
    assert classify_lines([PARAGRAPH, LATER, "Ferry operator fined"]) == [None, None, None]


def test_pull_quotes_with_their_speaker_are_junk() -> None:
    pull = "We will never find the ship, I am sorry to say Ann Lee"
    lines = [PARAGRAPH, pull, LATER]
    assert classify_lines(lines) == [None, "pull-quote", None]
    headline_like = "Couple Killed in Port Ardel Harbour Neighborhood Near Fort Worth"
    assert classify_lines([PARAGRAPH, headline_like, LATER]) == [None, None, None]


def test_closing_headlines_may_be_long_or_end_in_a_quoted_name() -> None:
    links = [
        'Flashback to 2004: astronomers discover "Sedna"',
        "Why the harbour master is sure that the port will reopen before the end of the year",
    ]
    assert classify_lines([PARAGRAPH, LATER, *links]) == [None, None, *["related-links"] * 2]


def test_a_closing_quote_that_lost_its_full_stop_is_kept() -> None:
    quote = "\u201cIt is unsettling when it happens this close to home,\u201d he said"
    lines = [PARAGRAPH, LATER, quote, "Ann Lee contributed to this report."]
    assert classify_lines(lines) == [None, None, None, "byline"]


def test_a_letters_head_salutation_and_signature_are_meta_and_its_body_kept() -> None:
    head = ["HARBOUR BOARD", "PORT ARDEL", "May 4, 2026", "The Honourable Ann Lee", "Dear Ms Lee:"]
    signature = ["Sincerely,", "John Roe", "Chair of the Harbour Board", "cc: The Mayor"]
    lines = [PARAGRAPH, *head, LATER, *signature, LATER]
    reasons = classify_lines(lines)
    assert reasons[0] is None and reasons[6] is None and reasons[-1] is None
    assert all(reasons[1:6]) and all(reasons[7:11])


def test_a_letter_quoted_in_a_story_keeps_the_line_that_introduces_it() -> None:
    lines = [PARAGRAPH, "In the letter, the chair wrote:", "Dear Ms Lee,", LATER]
    assert classify_lines(lines) == [None, None, "byline", None]


def test_memo_fields_in_a_row_are_meta_but_one_alone_is_kept() -> None:
    memo = ["To: Harbour Board members", "From: Board staff"]
    assert classify_lines([PARAGRAPH, *memo, LATER]) == [None, "byline", "byline", None]
    assert classify_lines([PARAGRAPH, "To: the crew, with thanks", LATER]) == [None] * 3


def test_a_line_in_capitals_repeated_on_every_page_is_a_stamp() -> None:
    stamp = "PROPERTY OF THE HARBOUR BOARD"
    lines = [PARAGRAPH, stamp, LATER, "PROPERTY OF THE HARBOUR BOARD.", PARAGRAPH]
    assert classify_lines(lines) == [None, "page-stamp", None, "page-stamp", None]


def test_repeated_transcript_labels_in_capitals_are_kept() -> None:
    lines = [PARAGRAPH, "ANN LEE, HOST:", LATER, "ANN LEE, HOST:", PARAGRAPH, "WHAT WE KNOW", LATER]
    assert classify_lines(lines) == [None] * 7


def test_a_lone_name_the_text_names_elsewhere_is_a_pictures_credit() -> None:
    lines = ["Harbour master Ann Lee said the ferry struck the quay at dawn.", "Ann Lee", LATER]
    assert classify_lines(lines) == [None, "photo-credit", None]
    # The same credit under two pictures, in capitals.
    credits = [PARAGRAPH, "HBO", LATER, "HBO", PARAGRAPH]
    assert classify_lines(credits) == [None, "photo-credit", None, "photo-credit", None]
    # A name the text does not use elsewhere is a subhead ("Port Ardel" is not "Ann Lee").
    assert classify_lines([PARAGRAPH, "Port Ardel", LATER]) == [None] * 3


def test_a_name_heading_a_section_about_it_is_kept() -> None:
    section = "Lee, 52, has run the harbour since 2019 and ordered the inquiry."
    lines = ["Harbour master Ann Lee said the ferry struck the quay at dawn.", "Ann Lee", section]
    assert classify_lines(lines) == [None] * 3
    # Several name lines are a series of section heads, even when the text names them.
    heads = ["Ann Lee", LATER, "John Roe", LATER, "Port Ardel", LATER]
    intro = "Ann Lee and John Roe spoke in Port Ardel on Monday, the harbour board said."
    assert classify_lines([intro, *heads]) == [None] * 7


def test_a_link_above_a_later_numbered_section_head_is_junk() -> None:
    lines = [
        PARAGRAPH,
        "1. Sign the ticket",
        LATER,
        "Why lottery winners go broke",
        "2. Call a lawyer before you call your family",
        LATER,
    ]
    assert classify_lines(lines) == [None, None, None, "related-links", None, None]
    # The line above the first item of a numbered list is its heading.
    items = [PARAGRAPH, "What to pack", "1. A coat", "2. A torch", LATER]
    assert classify_lines(items) == [None] * 5


def test_a_question_headline_in_a_link_list_is_a_link_but_not_a_subhead_after_it() -> None:
    links = ["Read more:", "Ferry operator fined over crew hours", "Is the quay safe?"]
    assert classify_lines([PARAGRAPH, *links]) == [None, *["related-links"] * 3]
    middle = ["Read more:", "Is the quay safe?", "Ferry operator fined over crew hours", LATER]
    assert classify_lines([PARAGRAPH, *middle]) == [None, *["related-links"] * 3, None]
    subhead = ["Read more:", "Ferry operator fined over crew hours", "What happens next?", LATER]
    assert classify_lines([PARAGRAPH, *subhead]) == [
        None,
        "related-links",
        "related-links",
        None,
        None,
    ]


def test_a_question_with_only_a_link_under_it_is_a_link_too() -> None:
    links = ["Who could have sunk the ferry?", "The port's history of groundings"]
    lines = [PARAGRAPH, *links, "Does the port have a tug?", LATER]
    assert classify_lines(lines) == [None, "related-links", "related-links", None, None]
    # a question heading a section of its own stays
    lines = [PARAGRAPH, "Who could have sunk the ferry?", LATER, "Does the port have a tug?", LATER]
    assert classify_lines(lines) == [None] * 5


def test_three_title_case_headlines_between_paragraphs_are_links() -> None:
    cover = [
        "Harbour Master Warns: 'The Quay Is In Danger!'",
        "Cyber Spies: Are Hackers Watching Your Ferry Ticket?",
        "The Port's Top Chef Reveals His Secrets",
    ]
    assert classify_lines([PARAGRAPH, *cover, LATER]) == [None, *["related-links"] * 3, None]
    # two are kept (subheads may be in Title Case), and so is a list the line before introduces
    assert classify_lines([PARAGRAPH, *cover[:2], LATER]) == [None] * 4
    intro = "The three films on the shortlist are:"
    assert classify_lines([PARAGRAPH, intro, *cover, LATER]) == [None] * 6


def test_a_long_unpunctuated_lone_last_line_is_a_link() -> None:
    link = "Ferry operator sued by union linked to harbour strike for using its name"
    assert classify_lines([PARAGRAPH, LATER, link]) == [None, None, "related-links"]
    lost_stop = "The ferry will sail again on Friday, the harbour master said"
    assert classify_lines([PARAGRAPH, LATER, lost_stop]) == [None, None, None]
