"""Junk that only a line's place reveals: link lists, opening headlines, pull quotes.

`junk_rules` judges one line at a time. These rules look at where a line sits and what it
lacks: under a "Related:" header, in a run of short unpunctuated lines between paragraphs
or after the last one (linked headlines of other stories), above the first sentence of
the article (its headline or a kicker), at the very end introducing media the scraper
lost, in a press release's "About ..." section, around a letter or memo printed whole (its
letterhead, salutation and signature), repeated in capitals on every page of a scanned
document, a lone name between paragraphs that the text names elsewhere (a picture's credit),
or a quote left unpunctuated before its speaker's name (a pull quote). Each rule
fills in the reasons of lines still judged content (None) and leaves the others alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from storydesk import junk_rules as rules
from storydesk.lexicon import POSSESSIVE
from storydesk.sentences import SENTENCE_END

# The last characters of a line ending like a sentence, a quotation or a parenthesis.
END_CHARS = frozenset(".!?…\"'”’)]")
# Lines that introduce a list of links or headlines that follows them.
LIST_HEADER = re.compile(
    r"^(?:related|read more|more from .*|see also|more on this|recommended|"
    r"you may also like|more stories|most (?:read|popular)|full coverage.*|more)\s*:?\s*$",
    re.IGNORECASE,
)

# Story highlights / key points boxes (short bullets without a full stop follow).
HIGHLIGHTS = re.compile(r"^(?:story highlights|key points|highlights)\b", re.IGNORECASE)

# Linked headlines are short; a longer unpunctuated line is a paragraph missing its stop.
LINK_MAX_WORDS = 12
LINK_MAX_CHARS = 160  # no line of LINK_MAX_WORDS words is longer, in practice
# A quotation with its speaker, its full stop lost: '"It is unsettling," he said'.
SAID = re.compile(r"[”\"’'],?\s+(?:he|she|they|[A-Z][\w'’-]+) (?:said|says|added|told)\b")
# After the last paragraph, linked headlines may be longer.
CLOSING_LINK_MAX_WORDS = 20
CLOSING_LINK_MAX_CHARS = 200
LONE_LINK_MIN_WORDS = 6  # a lone closing line this long and unpunctuated is a link
# An opening headline has at least this many words (shorter ones are kickers) and at most...
# A numbered section head after the first ("3. Figure out if you can stay anonymous").
LATER_SECTION = re.compile(r"^(?:[2-9]|[1-9]\d)[.)] +[A-Z]")
LIST_ITEM = re.compile(r"^\d{1,2}[.)] ")
HEADLINE_MIN_WORDS = 3
# A standfirst ("dek") is longer, and news the reader keeps.
HEADLINE_MAX_WORDS = 16
# The "About <Company>" heading of a press release's boilerplate section.
ABOUT_HEADING = re.compile(r"^About (?:[A-Z][\w.&'’-]*\s?){1,5}$")
# A score line is a result, not a headline: "Ardel Rovers 2 Bransholm City 1".
_TEAM = r"(?:[A-Z][\w.'’&-]*\s+){1,4}"
SCORE_LINE = re.compile(rf"^{_TEAM}\d+\s*[-–,]?\s+{_TEAM}\d+$")
# ... and, when it ends like a sentence ("... Left Me Broke!"), this share of its words of
# four letters or more are capitalised (Title Case), which body sentences never are.
HEADLINE_TITLE_CASE = 0.7
# Title Case headlines this many in a row between paragraphs are a box of links.
HEADLINE_RUN = 3

# A pull quote and its speaker, unpunctuated: "... not a planet Prof Mike Brown, Caltech",
# "... never find it, sadly Colleen Keller".
# The quote's last word is lower case and no article or preposition ("of the Attorney
# General, Deputy Attorney" is a hard-wrapped line of a document, "Couple Killed in Fort
# Worth" a headline).
PULL_QUOTE = re.compile(
    r"\s(?!(?:the|an?|of|to|by|for|with|and|in|on|at|from|as|or)\b)[a-z][a-z'’,]*"
    r"\s+(?:(?:Prof|Dr|Sir|Mr|Mrs|Ms)\.?\s+)?[A-Z][a-z]+\s+[A-Z][\w'’-]+"
    r"(?:,\s+[A-Z][\w &'’-]{1,40})?$"
)
PULL_QUOTE_MIN_WORDS = 8
PULL_QUOTE_MAX_WORDS = 60

# A letter printed whole: its salutation, and its sign-off above the signature block.
SALUTATION = re.compile(r"^Dear [A-Z][^!?]{0,60}[:,]$")
SIGN_OFF = re.compile(
    r"^(?:sincerely(?: yours)?|yours (?:truly|sincerely|faithfully)|respectfully(?: yours)?"
    r"|(?:best|kind|warm) regards|regards|cordially)[,.]?$",
    re.IGNORECASE,
)
# A memo's header fields, two or more in a row: "To: Majority Members", "From: Staff".
MEMO_FIELD = re.compile(r"^(?:to|from|cc|bcc|date)\s*:\s*\S", re.IGNORECASE)
# The letterhead, date and address above a salutation, and the name, title and copies
# below a sign-off, are short lines without a sentence's end; at most this many.
LETTER_HEAD_MAX_LINES = 8
SIGNATURE_MAX_LINES = 6
LETTER_LINE_MAX_WORDS = 10
LETTER_LINE_MAX_CHARS = 100  # no salutation, sign-off or memo field is longer
# A line in capitals repeated on a scanned document's every page: "PROPERTY OF THE ...".
PAGE_STAMP_MIN_WORDS = 3
# A line that is only a name: "Microsoft", "Dallas Swonger", "National Weather Service".
NAME_LINE = re.compile(r"[A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|of|on|and|&|/)){0,4}")
NAME_LINE_MAX_CHARS = 60
SUBHEAD_SERIES = 3  # this many different name lines in one text are its section heads


def mark_layout_junk(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Fill in the reasons of content lines that their place shows to be junk."""
    _mark_pull_quotes(lines, reasons)
    _mark_lists(lines, reasons)
    _mark_link_runs(lines, reasons)
    _mark_headline_runs(lines, reasons)
    _mark_trailing_embeds(lines, reasons)
    _mark_opening(lines, reasons)
    _mark_press_release_tail(lines, reasons)
    _mark_letters(lines, reasons)
    _mark_page_stamps(lines, reasons)
    _mark_name_credits(lines, reasons)


def _mark_pull_quotes(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark pull quotes: a quote ending, unpunctuated, in its speaker's name and place."""
    for i, line in enumerate(lines):
        if (
            reasons[i] is None
            and line[-1:] not in END_CHARS
            and PULL_QUOTE_MIN_WORDS <= line.count(" ") + 1 <= PULL_QUOTE_MAX_WORDS
            and PULL_QUOTE.search(line, max(0, len(line) - rules.TAIL))
        ):
            reasons[i] = "pull-quote"


def _mark_lists(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark the headline-like lines under a "Related:" or "Story highlights" header.

    A headline that asks a question ends the list only where the text goes on after it: a
    question in the list's middle or at the text's end is a link, one before a paragraph may
    be the story's subhead ("What happens next?").
    """
    mode: str | None = None
    for i, line in enumerate(lines):
        if LIST_HEADER.match(line) or (
            reasons[i] == "related-links" and line.rstrip().endswith(":")
        ):
            reasons[i], mode = "related-links", "related-links"
        elif HIGHLIGHTS.match(line) and len(line.split()) <= 25:
            reasons[i], mode = "navigation", "navigation"
        elif mode and reasons[i] is None and (looks_like_link(line) or _listed_question(lines, i)):
            reasons[i] = mode
        elif reasons[i] is None:
            mode = None


def _listed_question(lines: Sequence[str], i: int) -> bool:
    """Tell whether a question headline sits inside a list: last in the text, or before a link."""
    if not _question_headline(lines[i]):
        return False
    return i == len(lines) - 1 or looks_like_link(lines[i + 1])


def looks_like_link(line: str) -> bool:
    """Tell whether a line reads like a linked headline (short, no closing punctuation)."""
    stripped = line.strip().lstrip("·•*-–— ")
    return len(stripped.split()) <= 20 and stripped[-1:] not in END_CHARS


def _is_link(line: str) -> bool:
    """Tell whether a line reads like a linked headline: short, with no closing mark."""
    return _starts_like_heading(line) and line.rstrip()[-1:] not in END_CHARS


def _is_subhead(line: str) -> bool:
    """Tell whether a line reads like a subhead: short, unpunctuated or a question."""
    stripped = line.rstrip()
    return _starts_like_heading(line) and (stripped.endswith("?") or stripped[-1:] not in END_CHARS)


def _starts_like_heading(
    line: str, max_words: int = LINK_MAX_WORDS, max_chars: int = LINK_MAX_CHARS
) -> bool:
    """Tell whether a line is short and starts as headings do (not a hard-wrapped line)."""
    if len(line) > max_chars:  # most paragraphs stop here
        return False
    first = line.lstrip("'‘\"“·•▪► ")[:1]  # a bulleted link list: "· The Top 10 ..."
    return (first.isupper() or first.isdigit()) and line.count(" ") < max_words


def _mark_link_runs(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark linked headlines that sit in the body between paragraphs, or close it.

    Sites put links to their other stories between paragraphs, right above a subhead:
    "Main players in mysterious killing" / "Who did it?". After the first paragraph, the
    link-like lines directly above a subhead are links (then see `_mark_closing_links`).
    A junk line breaks a run: fact boxes of short unpunctuated statements end with a
    "Read more" link, and the subheads after it are the story's. A numbered section head after
    the first ("3. Plan a trip") is a subhead, not a link, though it reads like one, unless
    the run holds numbered lines too (then they are a list's items).
    """
    run: list[int] = []
    seen_paragraph = False
    for i, line in enumerate(lines):
        if reasons[i] is not None:
            run = []
        elif (_is_link(line) or _question_above_link(lines, i)) and not _numbered_head(
            line, [lines[j] for j in run]
        ):
            run.append(i)
        else:
            subhead = _is_subhead(line)
            if seen_paragraph and subhead:
                for j in run:
                    reasons[j] = "related-links"
            seen_paragraph = seen_paragraph or not subhead
            run = []
    _mark_closing_links(lines, reasons)


def _question_above_link(lines: Sequence[str], i: int) -> bool:
    """Tell whether a question headline sits right above a link: a link too, not a subhead.

    A subhead heads a section; one with only a link under it heads none ("Who could organise
    a VX murder?" / "North Korea's history of assassinations" / "Does North Korea have VX?").
    """
    return _question_headline(lines[i]) and i + 1 < len(lines) and _is_link(lines[i + 1])


def _question_headline(line: str) -> bool:
    """Tell whether a line is a headline that asks a question ("Does North Korea have VX?")."""
    return line.rstrip().endswith("?") and _starts_like_heading(line)


def _numbered_head(line: str, run: Sequence[str]) -> bool:
    """Tell whether a line heads a later numbered section, below lines that are not items."""
    return LATER_SECTION.match(line) is not None and not any(LIST_ITEM.match(x) for x in run)


def _mark_closing_links(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark the link-like lines after the last paragraph, when two or more lines follow it.

    What follows the last paragraph of an article is its furniture: contact lines, a
    permalink, links to other stories. A lone short line closing the text is kept (it may
    be the story's last word), but not among other junk or other links, nor when it is long
    and has no punctuation at all (`_lone_headline`).
    """
    tail: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if reasons[i] is None and not _is_closing_link(lines[i]):
            break
        tail.append(i)
    else:
        return  # no paragraph at all
    links = [i for i in tail if reasons[i] is None]
    if links and (len(tail) >= 2 or _lone_headline(lines[links[0]])):
        for j in links:
            reasons[j] = "related-links"


def _lone_headline(line: str) -> bool:
    """Tell whether a lone closing line is a linked headline all the same: long, and without a
    single mark of punctuation ("ZBT Fraternity suing group linked to hazing deaths for using
    its name"), which a story's last words never are."""
    return len(line.split()) >= LONE_LINK_MIN_WORDS and not re.search(r"[,.;:!?\"“”()]", line)


def _is_closing_link(line: str) -> bool:
    """Tell whether a line after the last paragraph reads like a linked headline.

    Headlines there run longer than links between paragraphs, and may end in a quoted
    name ('... discovers "Sedna"'), but not in a sentence's full stop.
    """
    if SENTENCE_END.search(line) or SAID.search(line):
        return False
    return _starts_like_heading(line, CLOSING_LINK_MAX_WORDS, CLOSING_LINK_MAX_CHARS)


def _mark_trailing_embeds(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark lines ending in ":" at the very end, which introduced media the scraper lost."""
    for i in range(len(lines) - 1, -1, -1):
        if reasons[i] is not None:
            continue
        if not lines[i].rstrip().endswith(":") or len(lines[i].split()) > 30:
            return
        reasons[i] = "embed"


def _mark_headline_runs(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark runs of HEADLINE_RUN or more Title Case headlines between two paragraphs.

    A magazine's cover lines or a "more stories" box keep their stops ("Cyber Spies: Are
    'Ratters' Watching You?"), so the link rules miss them; body text is never in Title
    Case for three lines running. A run the line before introduces ("The nominees:") is a list.
    """
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and reasons[i] is None and _title_case_headline(lines[i]):
            run.append(i)
            continue
        if len(run) >= HEADLINE_RUN and _between_paragraphs(lines, reasons, run[0], i):
            for j in run:
                reasons[j] = "related-links"
        run = []


def _title_case_headline(line: str) -> bool:
    """Tell whether a line reads as a Title Case headline (it may end in "?", "!" or a quote)."""
    words = line.split()
    if len(words) < HEADLINE_MIN_WORDS or line.endswith("."):
        return False
    if not _starts_like_heading(line, CLOSING_LINK_MAX_WORDS, CLOSING_LINK_MAX_CHARS):
        return False
    return _title_case(words)


def _title_case(words: Sequence[str]) -> bool:
    """Tell whether most words of four letters or more are capitalised, as in a headline."""
    long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in long_words)
    return bool(long_words) and capitalised >= HEADLINE_TITLE_CASE * len(long_words)


def _between_paragraphs(
    lines: Sequence[str], reasons: list[str | None], start: int, end: int
) -> bool:
    """Tell whether kept paragraphs stand before lines[start] and after lines[end - 1]."""
    before = [lines[j] for j in range(start) if reasons[j] is None]
    after = [lines[j] for j in range(end, len(lines)) if reasons[j] is None]
    return (
        bool(before and after)
        and SENTENCE_END.search(before[-1]) is not None
        and any(SENTENCE_END.search(x) for x in after)
    )


def _mark_opening(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark the kicker and headline lines above the first sentence of the article.

    A scraped page often starts with a section label ("World news") and the headline,
    alone or in two versions, before the first paragraph. Nothing is marked unless a
    sentence follows, so a text that is only short lines keeps them.
    """
    opening = []
    for i, reason in enumerate(reasons):
        if reason is not None:
            continue
        if not _is_heading(lines[i]):
            break
        opening.append(i)
    else:
        return  # no sentence follows
    for i in opening:
        if len(lines[i].split()) < HEADLINE_MIN_WORDS:
            if not lines[i][:1].isdigit():
                reasons[i] = "navigation"
        elif not rules.trailing_credit(lines[i]):
            reasons[i] = "headline"


def _is_heading(line: str) -> bool:
    """Tell whether a line reads as a headline or kicker rather than a sentence."""
    words = line.split()
    if len(words) > HEADLINE_MAX_WORDS or line.rstrip().endswith(":") or SCORE_LINE.match(line):
        return False
    if not SENTENCE_END.search(line):
        return True
    if len(words) < HEADLINE_MIN_WORDS or line.rstrip()[-1] not in "!?":
        return False
    return _title_case(words)


def _mark_press_release_tail(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark a press release's closing "About <Company>" section as boilerplate.

    Only when press-release boilerplate (a "SOURCE" line, a media contact, a safe-harbor
    statement) follows the heading: a story's own "About ..." subhead is left alone.
    """
    for i, line in enumerate(lines):
        if reasons[i] is None and line.startswith("About ") and ABOUT_HEADING.match(line):
            if any(reason == "press-release" for reason in reasons[i + 1 :]):
                for j in range(i, len(lines)):
                    reasons[j] = reasons[j] or "press-release"
            return


def _mark_letters(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark the frame of a letter or memo printed whole: head, salutation, signature.

    The letterhead, date and address above "Dear ...:" and the name, title and copies
    under "Sincerely," are meta, as a byline is; the letter's body is kept.
    """
    for i, line in enumerate(lines):
        if len(line) > LETTER_LINE_MAX_CHARS:  # every paragraph stops here
            continue
        if SALUTATION.match(line):
            reasons[i] = reasons[i] or "byline"
            _mark_letter_lines(
                lines, reasons, range(i - 1, max(-1, i - 1 - LETTER_HEAD_MAX_LINES), -1)
            )
        elif SIGN_OFF.match(line):
            reasons[i] = reasons[i] or "byline"
            _mark_letter_lines(
                lines, reasons, range(i + 1, min(len(lines), i + 1 + SIGNATURE_MAX_LINES))
            )
        elif (
            MEMO_FIELD.match(line)
            and _is_letter_line(line)
            and (_memo_field(lines, i - 1) or _memo_field(lines, i + 1))
        ):
            reasons[i] = reasons[i] or "byline"


def _mark_letter_lines(lines: Sequence[str], reasons: list[str | None], indexes: range) -> None:
    """Mark lines in order of `indexes` as a letter's frame, up to the first sentence."""
    for j in indexes:
        if not _is_letter_line(lines[j]):
            return
        reasons[j] = reasons[j] or "byline"


def _is_letter_line(line: str) -> bool:
    """Tell whether a line may be part of a letter's frame: short, no sentence's end."""
    return len(line.split()) <= LETTER_LINE_MAX_WORDS and line.rstrip()[-1:] not in '.!?:"”'


def _memo_field(lines: Sequence[str], i: int) -> bool:
    return 0 <= i < len(lines) and bool(MEMO_FIELD.match(lines[i]))


def _mark_page_stamps(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark lines in capitals that recur in a text: a scanned document's page stamp."""
    keys = [_stamp_key(line) for line in lines]
    counts = Counter(key for key in keys if key)
    for i, key in enumerate(keys):
        if key and counts[key] >= 2:
            reasons[i] = reasons[i] or "page-stamp"


def _stamp_key(line: str) -> str:
    """Return the letters of a line in capitals (not a speaker's label), else ''."""
    if (
        not line.isupper()  # some letter in lower case: most lines stop here
        or not line[:1].isalpha()
        or line.rstrip().endswith(":")
        or len(line.split()) < PAGE_STAMP_MIN_WORDS
    ):
        return ""
    return "".join(c for c in line if c.isalpha())


def _mark_name_credits(lines: Sequence[str], reasons: list[str | None]) -> None:
    """Mark a lone name between paragraphs that the text also names: a lost picture's credit.

    "Dallas Swonger" or "Microsoft" on a line of its own credits a picture of them. A subhead
    names a topic the text does not spell the same way. A name that opens the next paragraph
    heads a section about it, and a text with several name lines has a series of section
    heads: neither is marked.
    """
    names = [i for i in range(1, len(lines) - 1) if _is_name_line(lines[i])]
    if not names or len({lines[i] for i in names}) >= SUBHEAD_SERIES:
        return
    for i in names:
        name = lines[i]
        first = POSSESSIVE.sub("", lines[i + 1].split(maxsplit=1)[0].rstrip(",.:;"))
        if reasons[i] is not None or first in name.split():
            continue
        named = re.compile(rf"\b{re.escape(name)}\b")
        if any(named.search(line) for k, line in enumerate(lines) if k != i):
            reasons[i] = "photo-credit"


def _is_name_line(line: str) -> bool:
    """Tell whether a line is a name and nothing else."""
    return len(line) <= NAME_LINE_MAX_CHARS and NAME_LINE.fullmatch(line) is not None
