"""Profile: what a person has said about themselves, across the whole conversation.

"I'm a backend developer", "I know SQL and Python", "I hate coding but love talking to
people", "I live in the UK and have no degree": the answer should use all of it. Clauses are
sorted into background, skills, likes, dislikes and constraints by the words that open
them. Pure functions over text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.understand.opinion import (
    Polarity,
    is_question,
    opinion_of,
    said_by_relative,
    sides,
    thing_of,
)
from bot.understand.question import plain_apostrophes

_CLAUSE_SPLIT = re.compile(
    r"(?<=[.;!?])\s+|,\s*(?:and |but )?(?=I\b)|\s+(?:but|and|while|whereas)\s+(?=I\b)"
)
_I = r"(?:I|i)"
_BACKGROUND = re.compile(
    rf"(?:\b{_I}(?:'m| am| have been| was| used to be)|\b(?:{_I}|and|currently) work(?:ed|ing)? as)"
    r"\s+(?:currently\s+)?(?:a|an)\s+"
    r"(?P<what>[^,.;!?]{3,60}?)(?=\s+(?:and|but|with|who|for|at|in)\b|[,.;!?]|$)"
    r"|\bmy background is (?:in )?(?P<bg>[^,.;!?]{3,60})"
    r"|\b(?:coming|moving|switching) from (?:a |an )?(?P<from>[^,.;!?]{3,50}?)"
    r"(?=\s+(?:to|into|and|but)\b|[,.;!?]|$)",
)
_SKILLS = re.compile(
    rf"\b{_I}(?: already)? (?:know|use|can use|have experience (?:with|in)|am good at|'m good at|"
    r"have worked with|code in|write|studied|have a degree in|have)\s+(?P<what>[^.;!?]{2,120}?)"
    r"(?=\s+(?:but|and I|so|;)\b|[.;!?]|$)",
)
# "a web developer who knows JavaScript and APIs"
_SKILLS_WHO = re.compile(
    r"\bwho (?:knows?|uses?|has experience (?:with|in)|codes? in|works? with)\s+"
    r"(?P<what>[^.;!?]{2,120}?)(?=\s+(?:but|and I|so|;)\b|[.;!?]|$)",
    re.IGNORECASE,
)
# "I have a physics PhD", "I have an economics degree"
_DEGREE = re.compile(
    r"\bI (?:have|hold|did|earned)\s+(?:a|an)\s+(?P<what>[A-Za-z ]{2,40}?)\s+"
    r"(?:PhD|degree|master'?s|masters|bachelor'?s|MSc|BSc|doctorate)\b",
    re.IGNORECASE,
)
_LIKES = re.compile(
    rf"(?:\b{_I}|\b(?:but|and|yet))(?: really| truly)? (?:love|like|enjoy|prefer"
    r"|am passionate about|'m passionate about|"
    r"am interested in|'m interested in|care about|want to work on)\s+(?P<what>[^.;!?]{2,120}?)"
    r"(?=\s+(?:but|and I|so|while|though)\b|[.;!?]|$)",
)
_DISLIKES = re.compile(
    rf"\b{_I}(?: really)? (?:hate|dislike|don'?t like|do not like|can'?t stand|cannot stand|"
    r"don'?t enjoy|do not enjoy|don'?t want to|do not want to|avoid|am not good at|'m not good at|"
    r"struggle with)\s+(?P<what>[^.;!?]{2,120}?)(?=\s+(?:but|and I|so|while|though)\b|[.;!?]|$)",
)
# A preference stated as a contrast: "I'd rather ship products than write reports", "give me
# tested models over charts", "I want to design experiments, not babysit pipelines",
# "building software appeals to me far more than producing reports". The first side is
# liked, the second disliked.
_RATHER = re.compile(
    rf"\b{_I}(?:'d| would|'d much| would much)? (?:much |far )?rather (?P<like>[^.;!?]{{2,120}}?)"
    r"\s+(?:than|over|instead of)\s+(?P<dislike>[^.;!?]{2,120})",
    re.IGNORECASE,
)
_OVER = re.compile(
    r"^(?P<like>[^.;!?]{2,120}?)\s*,?\s+(?:rather than|instead of|over|"
    r"(?:appeals? to me |interests? me )?(?:far |much |a lot )?more than)\s+"
    r"(?P<dislike>[^.;!?]{2,120}?)(?:\s+any day)?[.!?]*$",
    re.IGNORECASE,
)
_NOT = re.compile(
    rf"(?:\b{_I} (?:want to|like to|love to|prefer to|enjoy)|^(?:give|let|show) me)"
    r" (?P<like>[^.;!?]{2,120}?),?\s+"
    r"(?:not|and not|rather than|instead of)\s+(?P<dislike>[^.;!?]{2,120})",
    re.IGNORECASE,
)
# Something disliked by what is said of it: "statistics bores me", "writing code all day
# sounds awful to me", "reporting is tedious".
_DISLIKED = re.compile(
    r"^(?P<what>[^.;!?]{2,80}?)\s+(?:bores? me|is boring|sounds? (?:awful|boring|dull|terrible"
    r"|tedious|horrible|miserable)|(?:is|are|seems?) (?:awful|dull|tedious|terrible|horrible"
    r"|not for me)|(?:drains?|exhausts?) me)\b",
    re.IGNORECASE,
)
_CONSTRAINTS = re.compile(
    r"\b(?P<what>(?:I (?:have|got) )?no (?:degree|university degree|college degree|cs degree)"
    r"|without a degree|I (?:don'?t|do not) have a degree"
    r"|I(?:'m| am) (?:\d{2}|over \d{2}|in my (?:forties|fifties|thirties|sixties))(?: years old)?"
    r"|I live in (?:the )?(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)*)"
    r"|I(?:'m| am) (?:based )?in (?:the )?(?-i:[A-Z][A-Za-z]+(?: [A-Z][a-z]+)*)"
    r"|part[- ]time|only remote|remote only|fully remote|can'?t relocate|cannot relocate"
    r"|I have kids|single parent|career break|no experience)",
    re.IGNORECASE,
)


_QUALIFIER = re.compile(r"^(?:some|a bit of|basic|a little|good|strong)\s+")


@dataclass(frozen=True)
class Profile:
    background: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    likes: list[str] = field(default_factory=list)
    dislikes: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.background, self.skills, self.likes, self.dislikes, self.constraints))

    def skill_words(self) -> list[str]:
        """Single skills ("SQL", "Python", "Excel") named in the skills clauses."""
        out: list[str] = []
        for clause in self.skills:
            for raw in re.split(r",\s*|\s+and\s+|\s+or\s+|/", clause):
                piece = _QUALIFIER.sub("", raw.strip())
                if piece and len(piece.split()) <= 3:
                    out.append(piece)
        return list(dict.fromkeys(out))

    def describe(self) -> str:
        """One line for a prompt or a log: what the person said, by kind."""
        parts = []
        for name, items in (
            ("background", self.background),
            ("knows", self.skills),
            ("likes", self.likes),
            ("dislikes", self.dislikes),
            ("constraints", self.constraints),
        ):
            if items:
                parts.append(f"{name}: {'; '.join(items)}")
        return " | ".join(parts)


def profile_from(texts: Sequence[str]) -> Profile:
    """The profile in ``texts`` (the person's own messages, oldest first)."""
    found: dict[str, list[str]] = {k: [] for k in ("bg", "skills", "likes", "dislikes", "cons")}
    for text in texts:
        # The opinion said last: "X thrills me; Y does not" turns it round for Y.
        before: Polarity = "neutral"
        for clause in clauses(plain_apostrophes(text)):
            before = _collect(clause, found, before)
    return Profile(
        background=_unique(found["bg"]),
        skills=_unique(found["skills"]),
        likes=_unique(found["likes"]),
        dislikes=_unique(found["dislikes"]),
        constraints=_unique(found["cons"]),
    )


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SPLIT.split(text) if c and c.strip()]


def _collect(clause: str, found: dict[str, list[str]], before: Polarity = "neutral") -> Polarity:
    """Sorts ``clause`` into ``found``; returns the last opinion it held (else ``before``)."""
    contrast = _RATHER.search(clause) or _NOT.search(clause) or _over(clause)
    if contrast:
        found["likes"].append(_tidy(_wanted(contrast.group("like"))))
        found["dislikes"].append(_tidy(_wanted(contrast.group("dislike"))))
        return "dislike"
    # Each side of "X, though Y" / "X but Y" is read on its own: "I enjoy deploying models,
    # though writing reports bores me" is a like and a dislike, not one long dislike.
    parts = sides(clause)
    if not parts:  # a question alone: no opinion in it, maybe a skill or a constraint
        _collect_side(clause, found)
        return before
    for side in parts:
        likes, dislikes = len(found["likes"]), len(found["dislikes"])
        if not said_by_relative(side):  # "what I enjoy is X": no "I enjoy ..." opening
            _collect_side(side, found)
        if len(found["likes"]) + len(found["dislikes"]) == likes + dislikes:
            # No opening the phrasings know ("not into meetings", "anything but coding all
            # day", "Kubernetes gets me going", "... does not"): the opinion reader decides.
            opinion = opinion_of(side, before)
            if opinion.polarity != "neutral":
                found[f"{opinion.polarity}s"].append(_tidy(opinion.thing))
                before = opinion.polarity
        elif len(found["dislikes"]) > dislikes:
            before = "dislike"
        elif len(found["likes"]) > likes:
            before = "like"
    return before


# "over six months", "over the years": a span of time, not the thing passed over.
_SPAN = re.compile(
    r"^(?:the |a |an |about |around )?(?:next |coming |past |last )?(?:\w+ )?"
    r"(?:days?|weeks?|months?|years?|decades?|summer|winter|weekend)\b",
    re.IGNORECASE,
)


def _over(clause: str) -> re.Match[str] | None:
    """ "X over Y" as a preference: not in a question ("how does it change over the
    years?"), and not over a span of time."""
    if clause.rstrip().endswith("?") or is_question(clause):
        return None
    found = _OVER.search(clause)
    return None if found is None or _SPAN.match(found.group("dislike")) else found


def _collect_side(clause: str, found: dict[str, list[str]]) -> None:
    if disliked := _DISLIKED.search(clause):
        found["dislikes"].append(_tidy(disliked.group("what")))
        return
    for match in _DISLIKES.finditer(clause):
        found["dislikes"].append(_tidy(match.group("what")))
    # A dislike clause ("I don't like coding") must not also count as a like.
    liked = _DISLIKES.sub("", clause)
    for match in _LIKES.finditer(liked):
        found["likes"].append(_tidy(match.group("what")))
    for match in _SKILLS_WHO.finditer(clause):
        found["skills"].append(_tidy(match.group("what")))
    for match in _DEGREE.finditer(clause):
        found["bg"].append(_tidy(match.group("what")) + " degree")
    for match in _SKILLS.finditer(clause):
        what = _tidy(match.group("what"))
        if not re.match(r"(?:no|a degree|kids|to)\b", what, re.IGNORECASE):
            found["skills"].append(what)
    for match in _BACKGROUND.finditer(clause):
        what = match.group("what") or match.group("bg") or match.group("from") or ""
        if what and not re.search(r"\b(?:fan|person who|bit)\b", what):
            found["bg"].append(_tidy(what))
    for match in _CONSTRAINTS.finditer(clause):
        found["cons"].append(_tidy(match.group("what")))


def _wanted(text: str) -> str:
    """A side of a contrast without the request around it: "give me clean SQL models" ->
    "clean SQL models"."""
    text = re.sub(r"^(?:give me|let me|I(?:'d| would) (?:like|love) to|to)\s+", "", text.strip(),
                  flags=re.IGNORECASE)  # fmt: skip
    text = re.split(r"\.\s|\?|\b(?:which|what) (?:role|job|data job|career)\b", text)[0]
    return thing_of(text)  # "I'd take designing experiments" -> "designing experiments"


def _tidy(text: str) -> str:
    return " ".join(text.strip(" ,;:").split())


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
