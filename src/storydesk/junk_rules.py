"""Line rules of the junk cleaner: what scraping leaves behind, by kind, as regular expressions.

A line (already stripped) with at most `max_words` words is junk for a rule's reason when
its `start` pattern matches at the beginning, its `end` pattern is found in its last
characters, or, only if the lower-cased line contains one of the rule's `triggers`, its
`anywhere` pattern is found. Anchoring and the cheap substring gate keep cleaning fast:
an ordinary paragraph is rejected by every rule in a few microseconds. Rules are ordered
from the most specific to the most general; the first match wins.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_I = re.IGNORECASE
# How many characters at the end of a line the `end` patterns look at.
TAIL = 120
# Agencies and picture desks that appear alone, or at the end of a caption, as a credit.
AGENCY = (
    r"(?:AP|AFP|Reuters|Getty(?:\s+Images)?|EPA|PA(?:\s+Wire)?|Shutterstock|Rex|REX"
    r"|Bloomberg|Xinhua|Corbis|Alamy|Splash News|WireImage|NurPhoto|Anadolu|TASS|UPI|ANSA"
    r"|SIPA|Sipa|iStock(?:photo)?|Associated Press|The Associated Press|Via \S+)"
)
# A label separator: a colon, or a dash with spaces around it ("Listen - ...", not "Photo-sharing").
_SEP = r"\s*(?:[:»>|]|\s[\-–—]\s)"
# Credits that start a caption ("Getty Images House Speaker John Boehner"): only names no
# sentence starts with, unlike "AP Moller-Maersk said" or "Rex Tillerson said".
CAPTION_CREDIT = (
    r"(?:Getty Images|Associated Press|AFP(?:/Getty(?: Images)?)?|Shutterstock|Alamy|EPA-EFE)"
)
_PICTURE = r"(?:image|photo|picture|pic|photograph|illustration|graphic|source|credit|courtesy)"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
CLOCK = r"\d{1,2}:\d{2}\s*[ap]\.?\s?m\.?"  # "9:15 a.m.", "2:54 PM" (read case-insensitively)


class Rule(NamedTuple):
    """One kind of junk line and the patterns that find it."""

    reason: str
    max_words: int
    start: re.Pattern[str] | None = None
    end: re.Pattern[str] | None = None
    anywhere: re.Pattern[str] | None = None
    triggers: tuple[str, ...] = ()

    def matches(
        self, line: str, lower: str, *, started: bool = True, tail_marked: bool = True
    ) -> bool:
        """Tell whether the line (and its lower-cased form) is junk of this kind.

        `started` False says no start pattern matches the line, `tail_marked` False that
        its tail has no `END_MARKS` (no end pattern can match): the caller's gate knows.
        """
        if started and self.start is not None and self.start.match(line):
            return True
        if tail_marked and self.end is not None and self.end.search(line[-TAIL:]):
            return True
        return (
            self.anywhere is not None
            and any(map(lower.__contains__, self.triggers))
            and bool(self.anywhere.search(line))
        )


def _any_of(triggers: str) -> tuple[str, ...]:
    """Return the triggers written as one string, "|" between them."""
    return tuple(triggers.split("|"))


def _start(pattern: str, flags: int = _I) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern})", flags)


# Share buttons scraped as text: "Share Tweet Post Email", "Facebook Twitter Pinterest ...".
_SHARE_WORD = (
    r"(?:facebook|twitter|pinterest|whatsapp|linkedin|reddit|e-?mail|messenger|share|tweet|post)"
)

RULES: tuple[Rule, ...] = (
    Rule("navigation", 6, start=_start(r"[\W_]+$")),
    # Wire desks' notes to editors: "Turkey amassed troops, pick up 4th graf pvs", "(pvs/ih/kk)".
    Rule(
        "wire-note",
        12,
        # ... and their initials: "(bh/jt)", "(ht-sf-fd)".
        start=_start(r"\(pvs[/-]|(?-i:\((?:[a-z]{2,3}[/-]){0,4}[a-z]{2,3}\))$"),
        anywhere=re.compile(r"\b(?:\d+(?:st|nd|rd|th) grafs?|grafs? \d+)\b", _I),
        triggers=("graf",),
    ),
    Rule("share-buttons", 60, start=_start(_SHARE_WORD + r"(?:\s+" + _SHARE_WORD + r"){2,}\b")),
    Rule(
        "advertisement",
        8,
        start=_start(
            r"(?:photo\s+)?(?:advertisement|advertising|sponsored(?: content)?|ad)\b"
            r"(?:\s*continue reading the main story|\s+advertisement)*\W*$"
            r"|story continue[sd]? below(?: advertisement)?\W*$"
            r"|(?:article|story) continues? (?:below|after)\b"
        ),
    ),
    Rule(
        "copyright",
        60,
        start=_start(r"copyright\b|©|\(c\)\s*\d{4}|dow jones reprints"),
        anywhere=re.compile(
            r"all rights reserved|may not be (?:published|re-?distributed|rewritten|reproduced)"
            r"|for your personal,? non-commercial use",
            _I,
        ),
        triggers=("rights reserved", "may not be", "non-commercial"),
    ),
    Rule(
        "newsletter",
        60,
        start=_start(r"sign up\b"),
        anywhere=re.compile(
            r"\bnewsletters?\b.*\b(?:sign|subscribe|inbox|email)|get (?:e-?mail|news) alerts"
            r"|thanks? (?:you )?for subscribing|could not subscribe|breaking news e-?mails"
            r"|subscribe now|sign up (?:today|now|here)"
            r"|sign up for (?:our|the) [\w ]{0,30}newsletter"
            r"|(?:delivered|directly|straight) (?:right |straight |directly )?to your inbox",
            _I,
        ),
        triggers=("newsletter", "subscri", "alerts", "e-mails", "emails", "inbox", "sign up"),
    ),
    # A sign-up box scraped whole: "Get The Beast In Your Inbox! Daily Digest Start and ...".
    Rule(
        "newsletter",
        150,
        start=_start(r"newsletter sign[ -]?up\b|get [^.!?,]{1,40} in your inbox!"),
    ),
    Rule(
        "newsletter",
        12,
        anywhere=re.compile(r"\bsubscribe\b", _I),
        triggers=("subscribe",),
    ),
    Rule(
        "related-links",
        30,
        start=_start(
            r"[\[(]?(?:related(?: \w+){0,2}|"
            r"more from\b.*|read more|see also|also on \w+|full coverage|more on this|"
            r"recommended|you may also like|most (?:read|popular|viewed)|more stories|"
            r"more|top stories|trending|opinion)"
            + _SEP
            + r"|(?:related|more from [\w .]+|read more|more|see also|recommended)\W*$"
            r"|\[[^\]]{8,}\]$|\((?:photos?|watch|video|also on [^:)]*)\s*:[^)]*\)$"
            r"|\([^)]*\bfull coverage\)$|>>\s*read more\b"
        ),
    ),
    Rule(
        "call-to-action",
        40,
        start=_start(
            r"(?:click|tap)\s+(?:here|below|above|on|to|the|this|for more)\b|(?:watch|listen)\b"
            r".*(?::|below|above|here)\W*$|(?:watch|listen|audio|now playing)(?: again| live| now)?"
            + _SEP
            + r"|(?:join|follow|share|subscribe to|sign up|download)\b[^.]*\b(?:us|our|"
            r"twitter|facebook|instagram|whatsapp|telegram|youtube|app|newsletter|podcast|brochure)\b"
            r"|(?:see|find) (?:all|more|pictures|photos|our|the|how|what|why|which|who)\b"
            r"|learn (?:how|more|why|what|about)\b"
            r"|get (?:the|our|breaking|daily|email|news)\b.*\b(?:app|alerts|newsletter)\b"
            r"|read (?:more|the full|our|the latest)\b|(?:email|contact) us\b"
            r"|read\b[^.!?]{0,80}\bhere\W*$|check out\b"
            r"|(?:see|view|read) (?:the )?(?:full|complete|entire|whole)\b"
            r"|(?:follow|find) [\w .@'’-]+ on (?:twitter|facebook|instagram)\b"
            r"|on a mobile device\?|read or share this story|share (?:on|this)\b"
            r"|interested in [^?]+\? add\b|(?:please )?(?:try again later|enable javascript)"
            r"|(?:stay with|stay tuned|check back)\b.*\b(?:for|updates?|developments)\b"
            r"|help spread the word\b|scroll down for (?:video|more)\b"
            r"|follow [\w .@'’-]{1,40} for (?:the latest|more|updates)\b"
        ),
        anywhere=re.compile(
            r"tweet with a location|add a location to your|\bfollow (?:us )?(?:on )?@\w+"
            r"|(?:^|[.!?,;]\s*)follow us on (?:twitter|facebook|instagram)\b"
            r"|\bcheck back (?:tomorrow|later|soon)\b|\bcheck out (?:this|our)\b"
            r"|\blike us on (?:facebook|twitter|instagram)|like to hear from you"
            r"|\bsend us (?:a |your )?(?:secure )?tips?\b|\bclick here to\b"
            # a magazine's own promotion: "run down to your local newsagents to pick up ..."
            r"|\byour local newsagents?\b|\byou can (?:buy|download|get) the digital edition\b"
            r"|\brate (?:it|us) (?:in|on) itunes\b",
            _I,
        ),
        triggers=_any_of(
            "location|follow|like us|hear from you|send us|check back|check out|click here"
            "|newsagent|edition|itunes"
        ),
    ),
    Rule(
        "navigation",
        8,
        start=_start(
            r"(?:text size|top of page|next|previous|prev|back to top|skip to\b.*|"
            r"updated|first posted|print|email|share|comments?|loading\W*|show more|"
            r"hide caption|toggle caption|enlarge this image|image \d+ of \d+|"
            r"\d+ of \d+|reset|exclusive|breaking(?: news)?|update|developing|home|menu|"
            r"videos?|audio|gallery|slideshow(?:\s*\(\d+ images?)?|article tools|stay tuned|"
            r"search|sections?|log ?in|sign in|register)\b\W*$|\W*share on \w+(?: \w+)?$"
        ),
    ),
    Rule(
        "widget",
        60,
        start=_start(
            r"(?:just watched|must watch)\b|a post shared by\b|media playback is unsupported"
            r"|embed more news videos|video loading\b|video unavailable\b"
            # Error pages: "Please check the URL for proper spelling and capitalization."
            r"|please check the url\b|search the web\b.*\badvanced search\b"
            r"|\w+ transcripts? (?:are|is) (?:created|produced)\b"
        ),
        anywhere=re.compile(
            r"interactive transcript could not be loaded|rating is available when the video"
            r"|this feature is not available right now|\bpage not found\b|\berror 404\b"
            r"|\bpage (?:you (?:requested|are looking for|were looking for)|you.re looking for)"
            r"\b.{0,30}\b(?:not (?:be )?found|does(?: not|n.t) exist|been (?:re)?moved|no longer)"
            r"|replay more videos|you can add location information to your tweets"
            r"|donating their crawl data|these crawls are part of an effort to archive"
            r"|report abuse\W+button|keep your comments smart and civil"
            r"|don.t attack other readers personally|\bview slideshow\b"
            # a ranked list's counters: "115k votes 18k voters 9.8M views 25 items"
            r"|(?:\b\d[\d.,]*[km]? (?:votes|voters|views|items|comments|shares)\b\s*){3}",
            _I,
        ),
        triggers=_any_of(
            "view slideshow|transcript|rating is|not available|not found|404|page you|replay"
            "|location|crawl|abuse|comments smart|readers personally|votes|views|items"
        ),
    ),
    Rule(
        "correction",
        80,
        start=_start(r"(?:correction|clarification)s?\b[^:]{0,60}:"),
        anywhere=re.compile(r"\ban earlier version of this (?:article|story|report|post)\b", _I),
        triggers=("earlier version",),
    ),
    Rule(
        "press-release",
        80,
        start=_start(
            r"(?-i:SOURCE)\s+(?-i:[A-Z])[\w .,&'’-]{1,60}$|safe harbou?r statement\b"
            r"|(?:for (?:further|more) information|media (?:contacts?|inquiries|relations)"
            r"|press contacts?|investor relations)\s*:|#{3}\s*$"
        ),
        anywhere=re.compile(r"forward-looking statements?\b.*\bsecurities litigation", _I),
        triggers=("forward-looking",),
    ),
    Rule(
        "correction",
        60,
        start=_start(
            r"\W*(?:this (?:story|article|report|post) (?:has been|was)"
            r" (?:corrected|updated|amended)\b)"
        ),
    ),
    Rule(
        "byline",
        12,
        # "Posted at 11:43 AM on Nov. 24, 2010", "Updated: 5 May 2017 14:02"
        start=_start(
            r"(?:posted|published|last updated|updated)(?:\s+(?:at|on))?\s*:?\s*"
            r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
            r"[a-z]*\.?\s).*[^.]$"
        ),
    ),
    Rule(
        "related-links",
        30,
        # A teaser closing on its link: "... found life? Read more", "... several... More."
        end=re.compile(
            r"(?:\bread more|\.\.\.\s*more\.?|…\s*more\.?|click here\W*"
            r"|\(story continues below\))$",
            _I,
        ),
    ),
    Rule(
        "widget",
        300,
        # Not embedded tweets: what a tweet says is often the story itself.
        start=_start(r"\W*a post shared by\b|\d+ of \d+ full screen autoplay close\b"),
    ),
    # "Jane Doe, right, and John Roe, left, at the gala": a caption's positions.
    Rule(
        "caption",
        120,
        anywhere=re.compile(
            r"\b[A-Z][\w'’-]+, (?:left|right), |\((?:left|right|center|centre)\)"
            r"|\(\d(?:st|nd|rd|th) [LR]\)|\((?:L to R|L-R|from left)\)",
        ),
        triggers=(
            ", left, ",
            ", right, ",
            "(left)",
            "(right)",
            "(cent",
            " l)",
            " r)",
            "(l-r",
            "(l to",
        ),
    ),
    Rule(
        "call-to-action",
        12,
        start=_start(
            r"(?:watch|listen to) (?:the|this|our|a|an)\b[^.!?]*$"
            r"|spoiler alert\b|(?:spoiler )?warning:? (?:this \w+ )?contains spoilers\b"
            r"|about the (?:movie|film|book|show|album)\b"
        ),
    ),
    Rule(
        "call-to-action",
        30,
        start=_start(
            r"have something to add\b|(?:leave|post) a comment\b"
            r"|join the (?:conversation|discussion)\b"
        ),
        anywhere=re.compile(
            r"\b(?:share|tell us) (?:it|them|yours|your \w+) in the comments\b", _I
        ),
        triggers=("in the comments",),
    ),
    Rule(
        "correction",
        60,
        start=_start(
            r"\(this version (?:of [\w ]+ )?(?:corrects|updates)\b"
            r"|\((?:updates|corrects) (?:with|to)\b"
        ),
    ),
    Rule(
        "call-to-action",
        40,
        start=_start(
            r"[•·*-]?\s*for (?:confidential )?support,? (?:call|contact)\b"
            r"|what do you think\b[^.!]*\?$"
        ),
        anywhere=re.compile(
            r"\bstay (?:with|tuned to) .{0,40}?\bfor (?:more|updates|the latest)\b"
            r"|\bdownload the (?:free )?[\w ]{0,30}podcast\b",
            _I,
        ),
        triggers=("stay with", "stay tuned", "podcast"),
    ),
    Rule(
        "byline",
        40,
        anywhere=re.compile(
            r"\b(?:the )?(?:publisher|owner|parent company) of this (?:report|article|story|site"
            r"|website|newspaper)\b",
            _I,
        ),
        triggers=("publisher of", "owner of", "company of"),
    ),
    # Notices a scraper got instead of the page: web archives, script blockers, help desks.
    Rule(
        "widget",
        150,
        start=_start(
            r"these crawls are part of an effort\b|warczone is a collection\b"
            r"|starting in \d{4}, alexa internet has been donating\b"
            r"|we.ve detected that javascript is disabled\b|please try [\w!]+ help central\b"
        ),
    ),
    # A phone number alone, the end of a contact block: "(202) 555-0100", "• 766-2194".
    Rule(
        "byline",
        4,
        start=_start(r"[•·*-]?\s*(?:(?:\+?\d{1,3}[ .-]?)?\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}$"),
    ),
    # A time or a date alone, a live blog's or a letter's stamp: "9:15 a.m.", "February 2, 2018".
    Rule(
        "byline",
        5,
        start=_start(
            r"\d{1,2}(?::\d{2})?\s*(?:[ap]\.m\.|[ap]m)(?:\s+[A-Z]{2,4})?\W*$"
            r"|(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
            + _MONTH
            + r"\s+\d{1,2},?\s+\d{4}\W*$"
        ),
    ),
    # A headline or kicker stamped with its time: "... July 15, 2014 at 2:54 PM ET".
    Rule(
        "byline",
        25,
        end=re.compile(r"\b\d{4},? at " + CLOCK + r"(?:\s+[A-Z]{2,4})?$", _I),
    ),
    # An embed's source: "Instagram", "Radio via YouTube" (not "X on YouTube": a subhead).
    Rule(
        "widget",
        5,
        start=_start(
            r"(?:[\w.'’@-]+(?: [\w.'’@-]+){0,3} via )?"
            r"(?:instagram|youtube|twitter|facebook|vimeo|snapchat|tiktok)\W*$"
        ),
    ),
    # A handle alone: "@annlee".
    Rule("navigation", 1, start=_start(r"@\w+$")),
    # A bare link: "twitter.com/jane", "https://example.com/page".
    Rule(
        "navigation",
        1,
        start=_start(r"(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)+/\S*|online:)$"),
    ),
    # An agency's note of where the reporting was done: "Barzak reported from Gaza City."
    Rule("byline", 12, start=_start(r"(?-i:[A-Z])[\w'’-]+(?: and [A-Z][\w'’-]+)? reported from\b")),
    # An embed's id left alone on a line: "BF1T7M0neXB".
    Rule("widget", 1, start=_start(r"(?=\S*\d)(?=\S*[A-Z])(?=\S*[a-z])[\w-]{8,}$", 0)),
    # A video teaser: "... Charles Levinson has the latest.", "... | 02:51".
    Rule(
        "caption",
        80,
        end=re.compile(
            r"\b(?:has|have) the (?:latest|details)\b[^.]{0,60}\.?$"
            r"|\bvideo (?:by|courtesy of)\b[^.]{0,60}\.?$|\|\s*\d{1,2}:\d{2}$",
            _I,
        ),
    ),
    # A caption and its credit run into the headline: "... on Thursday. | Getty All the ...".
    Rule(
        "caption",
        120,
        anywhere=re.compile(r"[.!?]\s+\|\s*(?:Getty(?: Images)?|AP|AFP|Reuters|EPA)\b"),
        triggers=("| ",),
    ),
    # A journal's figure caption, however long: "Fig. 2 Photographs of the vertebral column".
    Rule(
        "caption",
        300,
        start=_start(r"(?-i:Fig\.|FIG\.|Figure)\s*\d+[a-z]?(?:[.:]\s|\s+(?=(?-i:[A-Z])))", 0),
    ),
    # A promoted headline under its column's name in capitals: "TODAY IN THE SKY: Would ...?"
    # (a headline has words in lower case: "PLAYER RATINGS: Reis 6, Ekwall 7" is no headline;
    # "THE FACTS: ...", "THE LATEST: ..." are an agency's fact-check and update labels).
    Rule(
        "related-links",
        30,
        start=_start(r"(?!THE )[A-Z]{2,}(?:\s+[A-Z'’]{2,})+:\s+(?=[^.!]*?\b[a-z]{2,}\b)[^.!]*$", 0),
    ),
    # A long line in capitals without a full stop: a promoted headline, not a crosshead.
    Rule("related-links", 30, start=_start(r"(?:[^a-z.!?\s]++\s++){7,}+[^a-z.!?\s]++$", 0)),
    Rule(
        "ticker",
        40,
        start=_start(
            r"(?:[A-Z&.^]{1,8}\s+[-+]?[\d.,]+%?\s*(?:[-+][\d.,]+%?\s*)*){2,}$"
            # One index: "FTSE 100 7,512.3 ▲0.4%", "ARDEL ALL-SHARE 4,218.6 -0.3%".
            r"|[A-Z][A-Z0-9&.\- ]{1,30}\s+\d[\d,]*(?:\.\d+)?\s*[▲▼+\-−]\s?\d[\d.]*%\W*$",
            0,
        ),
    ),
    Rule(
        "byline",
        60,
        start=_start(
            r"(?-i:By|BY)\s+(?:(?-i:[A-Z])[\w.'’-]*+|and|&|,|\s)++$"
            r"|(?:--|—|–)\s*(?-i:[A-Z])[^.!?]{0,80}$"
            r"|contributing:|citations?:|\(?additional reporting by\b"
            r"|this (?:interview|conversation|transcript) has been (?:edited|condensed)\b"
            r"|\(?(?:writing|reporting|editing) by\b"
            # A dateline alone: "CASSELBERRY, Fla. -"
            r"|(?-i:[A-Z][A-Z .'’-]{2,30})(?:,\s*(?-i:[A-Z])[\w.]{1,10}\.?)?\s*[-—–]+$"
            # A station's dateline: "WFTV – Orlando, Fla."
            r"|(?-i:[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?)\s*[-–—]\s*(?-i:[A-Z])[\w .'’-]+,"
            r"\s*(?-i:[A-Z])[a-z]{1,4}\.?$"
            r"|write to\b.*\bat\b|\S+@\S+\.\w+(?: or [\d() -]{7,})?$|twitter:?\s*@\w+$"
            r"|follow\b.*\bon twitter\b|originally published (?:on|in|by)\b"
            r"|to reach (?-i:[A-Z])[^.]{0,60}\b(?:call|e-?mail|write)\b"
            r"|to contact the (?:reporters?|editors?|writers?|authors?)\b"
            # Notes on the piece itself: its author, its other versions, its opinions.
            r"|the (?:author|writer) is an?\b[^.]{0,80}\b(?:columnist|writer|editor|correspondent"
            r"|contributor|professor|fellow|author)\b"
            r"|(?:this is )?an? (?:(?:expanded|earlier|longer|shorter|edited|different|print) )?"
            r"version\b"
            r"[^.]{0,40}\b(?:appears?|appeared|was published|ran)\b"
            r"|this (?:article|story|report|piece|post)\b[^.]{0,30}\b(?:originally |first )?"
            r"(?:appeared|was published|ran) (?:on|in)\b"
            # A byline with a role: "Analysis: Simon Jack, BBC business editor".
            r"|(?:[A-Z][\w ]{0,20}:\s*)?(?-i:[A-Z])[\w.'’-]+(?:\s+(?-i:[A-Z])[\w.'’-]+){1,3},"
            r"\s+[^.!?,]{0,60}\b(?:editor|correspondent|reporter|writer|columnist|contributor"
            r"|analyst|producer)$"
        ),
        anywhere=re.compile(
            r"\b(?:contributed|contributing) (?:to )?(?:this|the) (?:report|story|article)"
            r"|\bcontributed reporting\b"
            r"|\b(?:posted|updated|published):\s*(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb"
            r"|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s,])"
            r"|(?:can|may) be reached at\b"
            # Imperatives opening a sentence ("... Journal. Reach her at ..."), not reports
            # ("police could not reach him at home", "millions follow her on Instagram").
            r"|(?:^|[.!?,]\s+)(?:reach|follow) (?:him|her|them|me) (?:at|on)\b"
            r"|\b(?:opinions|views) expressed (?:here |in this \w+ )?are (?:his|her|their|the"
            r" author.s|solely|those)\b",
            _I,
        ),
        triggers=(
            "contribut",
            "reached at",
            "reach ",
            "follow ",
            "expressed",
            "posted:",
            "updated:",
            "published:",
        ),
    ),
    Rule(
        "photo-credit",
        9,
        start=_start(
            r"\(?(?:(?:listing|lead|header|top|featured|main|hero)\s+)?"
            + _PICTURE
            + r"s?(?:\s*(?:by|of|credit|copyright)\b|\s*:)[^.]{0,60}\)?$"
            r"|\(?" + _PICTURE + r"s?\)?$|" + AGENCY + r"(?:\s*/\s*[\w .'’-]+)*(?:\s*\(\d+\))?$"
            r"|(?-i:[A-Z])[\w .'’-]{1,40}+(?:/\s*+(?-i:[A-Z]|i[A-Z])[\w .'’-]{1,40}+)++$"
            r"|image copyright\b|\((?:[\w .&'’-]+/)+[\w .&'’-]+\)$"
            r"|courtesy\s+(?-i:[A-Z])[\w .'’-]{1,40}$"
        ),
    ),
    Rule(
        "caption",
        120,
        start=_start(
            r"(?:photos?|images?|pictures?|caption|image caption|view images?|pictured|video|"
            r"gallery|slideshow|above|top|left|right|file photo)"
            + _SEP
            + r"|(?:image |media )?caption\b|view (?:images?|photos|graphic|gallery|video)\b"
            r"|\d+ (?:photos|pictures|images)\b.*\bsee gallery\b"
            r"|\d+ of \d+\.\s|enlarge (?:this )?image\b"
            r"|image copyright\b.*\bimage caption\b|(?-i:CLOSE)\s+(?=(?-i:[A-Z]))"
            # Agency and journal captions: "This image provided by ... shows", "Fig. 2 ..."
            r"|\(?in this (?:[\w.,]+ ){0,6}(?:photo|image|picture|photograph)"
            r"(?:,| (?:taken|released|provided|made|obtained|from)\b)"
            r"|this (?:[\w-]+ )?(?:image|photo|photograph|picture) (?:provided|released|taken"
            r"|made available|obtained|posted)\b[^.]{0,120}\bshows?\b"
            r"|" + CAPTION_CREDIT + r"\s+(?=(?-i:[A-Z]))[^.]{0,120}\.?$"
        ),
        # "Gerard Julien / AFP / Getty Images Pope John Paul II prays ...": only lines with
        # a slash are tried, as the pattern backtracks over every capitalised line otherwise.
        anywhere=re.compile(
            r"^(?-i:[A-Z])[\w .'’-]{1,40}+/\s*+" + AGENCY + r"(?:\s*/\s*[\w ]{1,30}?){0,3}"
            r"\s+(?=(?-i:[A-Z]))",
            _I,
        ),
        triggers=("/",),
        end=re.compile(
            r"\((?:AP|AFP|Reuters|Getty Images)?\s*(?:photo|pictures?)?\s*/[^)]*\)$"
            r"|\(associated press\)$|\bAP Photo/[\w .'’-]+\)?$|\(photo[^)]*\)$"
            r"|\([^()/]{2,60}/\s*" + AGENCY + r"(?:\s*/\s*[^()/]{2,30})?\)$"
            r"|\([\w .'’-]+/\s*staff photographer\)$|\bPic:? [A-Z][\w .'’-]+$"
            # "(RW3/Rachel Worth / WENN)", "(Delgado Carlos/for New York Daily News)"
            r"|\((?=[^)]*[A-Z])[\w .,'’-]{2,60}(?:/\s*[\w .,'’-]{2,60})+\)$"
            r"|\b(?-i:REUTERS|AFP|EPA|AP)/[\w .'’-]+(?:/[\w .'’-]+)*$|\bback to gallery$"
            r"|\bvia (?-i:REUTERS|AFP|AP|EPA|Getty Images)$"
            r"|\((?:published|posted|updated)\b[^()]{0,60}\)$|\[(?:photo|image)s?/[^\]]*\]$"
            # A dated credit, not a date in a sentence: "... Kiryat Gat. July 31, 2014 (Reuters)"
            r"|(?<!\bon )(?<!\bof )(?<!\bsince )(?<!\buntil )\b"
            + _MONTH
            + r"\s+\d{1,2},?\s*\d{4}\.?\s*\([^()]{2,40}\)$",
            _I,
        ),
    ),
    # A tabloid caption, tried last: a label, a colon and an unpunctuated description of the
    # picture ("Gun drama: With Pippa in the front seat, the driver had produced a pistol");
    # not a fact box's field ("Rating: PG-13 for ...", "Subject: ...").
    Rule(
        "caption",
        80,
        start=_start(
            r"(?!(?:Rating|Rated|Stars|Starring|Cast|Director|Subject|Date|Time|Location|Venue"
            r"|Price|Tickets|Runtime|Genre|Re|Update|Note)\b)"
            r"(?-i:[A-Z])[\w'’-]*(?: [\w'’-]+){0,2}: (?-i:[A-Z])(?:\S+ ){5,}\S*[^\W\d]$",
            0,
        ),
    ),
    # A line that lost all its words (scanned-page debris, list numbers): "1)", "r; .r";
    # tried last, so that a named kind wins ("AP" alone is a credit).
    Rule("navigation", 4, start=_start(r"(?!.*[^\W\d_]{3})(?!no\.\s*\d)\S.{0,24}$")),
)


def trailing_credit(line: str) -> re.Match[str] | None:
    """Return the match of a photo credit at the end of a line, if it has one."""
    start = max(0, len(line) - TAIL)
    # Every credit has a colon or "Photo by": most lines pass without running the pattern.
    if line.find(":", start) < 0 and (
        line.find(" by ", start) < 0 or not _CREDITED_BY.search(line, start)
    ):
        return None
    return TRAILING_CREDIT.search(line, start)


_CREDITED_BY = re.compile(r"(?:oto|aph|ure|age)s? by ")  # "Photo by", "Photographs by", ...
# A trailing photo credit inside a line: "... on LBC Credit: LBC", "... Photo: Pete Brook".
TRAILING_CREDIT = re.compile(
    r"\s+(?:[Pp]hoto |[Ii]mage )?(?:[Cc]redit|CREDIT|[Pp]hoto(?:graph)?|[Ii]mage|[Pp]ic)s?\s*:"
    r"\s*[A-Z][^.!?:]{0,60}$"
    r"|(?<=[.!?])\s+(?:[Pp]hoto(?:graph)?|[Pp]icture|[Ii]mage)s?\s+by\s+[A-Z][^.!?:]{0,60}$"
)
