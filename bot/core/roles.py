"""The role catalog (id, title, aliases) and finding which roles a question talks about.

Built by ingest from the guides' front matter and stored with the index, so the bot knows
exactly the roles it can answer for, including the ones users add.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process

from bot.core.name_match import NameMatch, NameTable, is_english_word

# Separators allowed between the words of a role name: "data-engineer", "ML/AI", "(Data Science)".
_JOIN = r"[\s\-_()/,.]+"
# Field names people use for a role: "data engineering" means the data engineer's work.
# The field a role's people work in, as questions name it: "data science", "data analytics".
_FIELD_FORMS = {
    "engineer": ("engineering",),
    "scientist": ("science",),
    "analyst": ("analysis", "analytics"),
}
_WORD = re.compile(r"[A-Za-z0-9+#]+")
# The most roles one question sets side by side (a table wider than four is unreadable).
MAX_COMPARED = 4
# Words of career questions that typos are corrected towards, besides the roles' names.
TOPIC_WORDS = (
    "skills",
    "skill",
    "salary",
    "salaries",
    "tools",
    "education",
    "certification",
    "certifications",
    "career",
    "outlook",
    "remote",
    "interview",
    "typical",
    "engineering",
    "science",
    "analysis",
    "analytics",
    "statistics",
    "degree",
    "experience",
    "programming",
    "python",
    "responsibilities",
    "progression",
    "become",
    "transition",
    "difference",
    "compare",
    "between",
    "earn",
    "earns",
    "demand",
    "future",
    "machine",
    "learning",
)


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    aliases: tuple[str, ...] = ()
    source: str = ""

    def names(self) -> list[str]:
        """Every way of naming this role that a question may use."""
        base = [self.title, self.id.replace("-", " "), *self.aliases]
        bare_title = re.sub(r"\s*\(.*?\)\s*", " ", self.title).strip()
        if bare_title and bare_title != self.title:
            base.append(bare_title)
        out: list[str] = []
        for name in base:
            out.append(name)
            words = name.split()
            for form in _FIELD_FORMS.get(words[-1].lower(), ()) if words else ():
                out.append(" ".join([*words[:-1], form]))
        return list(dict.fromkeys(n for n in out if n.strip()))

    def short_forms(self) -> list[str]:
        """The coined term a two-word name is made of, which people use alone for the job:
        "MLOps" for "MLOps Engineer", "GenAI" for "GenAI engineer". Only a term with
        capitals inside it (a coinage, not a word: "Data", "Analytics" never stand alone)."""
        forms = []
        for name in [self.title, *self.aliases]:
            words = name.split()
            if len(words) == 2 and _COINED.fullmatch(words[0]):
                forms.append(words[0])
        return list(dict.fromkeys(forms))


# A coined term: capitals inside a word of four letters or more ("MLOps", "DevOps", "GenAI").
_COINED = re.compile(r"(?=[A-Za-z]{4,}$)[A-Za-z]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])[A-Za-z]*")


@dataclass(frozen=True)
class _Pattern:
    role: str
    regex: re.Pattern[str]
    first_word: str  # lowercased; the key the catalog files this pattern under
    # 0: the role's own title or id; 1: an alias. A user's guide titled "Quantitative
    # Analyst" owns that name even when a bundled guide lists it among its aliases.
    rank: int = 1
    # An alias that names the field, not its people ("Market research", "Data Protection",
    # "epidemiology"): beside a role named by its people, it is that role's topic.
    field: bool = False


MAX_RESOLVED = 4096  # texts whose roles a catalog remembers


@dataclass
class RoleCatalog:
    roles: dict[str, Role] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Patterns are filed under the first word of the name they match, so a question only
        # runs the patterns of names that share a word with it: resolving stays cheap with
        # thousands of user guides (2,008 roles cost ~8,000 regex scans per question before).
        self._words: list[str] | None = None
        self._names: NameTable | None = None
        self._by_first_word: dict[str, list[_Pattern]] = {}
        # Where each text names roles, found once: passages and guide sentences come back for
        # question after question (``resolve`` reads its roles from here too).
        self._spans: dict[str, list[tuple[int, int, str]]] = {}
        for role in self.roles.values():
            for pattern in _patterns_for(role):
                self._by_first_word.setdefault(pattern.first_word, []).append(pattern)
        for role_id, form in self._short_forms():
            # People use it for the field and its work alike: "get into MLOps", "MLOps pay".
            regex = re.compile(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", re.I)
            pattern = _Pattern(role_id, regex, form.lower(), rank=2)
            self._by_first_word.setdefault(pattern.first_word, []).append(pattern)

    def _short_forms(self) -> list[tuple[str, str]]:
        """Each role's short forms that no other role claims, as a name or a short form."""
        owners: dict[str, set[str]] = {}
        for role in self.roles.values():
            for form in role.short_forms():
                owners.setdefault(form.lower(), set()).add(role.id)
            for name in role.names():
                if len(name.split()) == 1:
                    owners.setdefault(name.lower(), set()).add(role.id)
        return [
            (role.id, form)
            for role in self.roles.values()
            for form in role.short_forms()
            if owners[form.lower()] == {role.id}
        ]

    @classmethod
    def from_roles(cls, roles: Iterable[Role]) -> RoleCatalog:
        return cls({r.id: r for r in sorted(roles, key=lambda r: r.id)})

    def __len__(self) -> int:
        return len(self.roles)

    def __contains__(self, role_id: object) -> bool:
        return role_id in self.roles

    def title(self, role_id: str) -> str:
        role = self.roles.get(role_id)
        return role.title if role else role_id

    def resolve(self, text: str) -> list[str]:
        """Role ids mentioned in ``text``, in order of first mention.

        Longest match wins, so "Software Engineer (Data Science)" is one role, not
        "software engineer" plus "data science".
        """
        return list(dict.fromkeys(role for _, _, role in self.spans(text)))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Where ``text`` names a role: (start, end, role id) in reading order, the longest
        name winning where two overlap (as ``resolve``)."""
        known = self._spans.get(text)
        if known is None:
            if len(self._spans) >= MAX_RESOLVED:
                self._spans.clear()
            known = self._spans[text] = self._spans_of(text)
        return list(known)

    def _spans_of(self, text: str) -> list[tuple[int, int, str]]:
        hits: list[tuple[int, int, int, str]] = []
        fields: set[tuple[int, int, str]] = set()
        for pattern in self._candidates(text):
            found = [
                (m.start(), m.end(), pattern.rank, pattern.role)
                for m in pattern.regex.finditer(text)
            ]
            hits.extend(found)
            if pattern.field:
                fields.update((h[0], h[1], h[3]) for h in found)
        # "Do data analysts do market research?" asks about data analysts: a field beside a
        # role named by its people is what they do, not a second role to answer for.
        if any((h[0], h[1], h[3]) not in fields for h in hits):
            hits = [h for h in hits if (h[0], h[1], h[3]) not in fields]
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[2]))
        taken: list[tuple[int, int, str]] = []
        for start, end, _, role in hits:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, role))
        taken.sort()
        return taken

    def read_names(self, text: str) -> tuple[str, list[NameMatch]]:
        """``text`` with each phrase that stands for a role's name without spelling it
        ("BI devs", "clinical data management", "a GIS person") replaced by that role's
        title, and the matches, to say what was read. Only for what people type: passages
        are matched on exact names (``resolve``)."""
        matches = self.fuzzy_names(text)
        for match in reversed(matches):
            title = self.title(match.role)
            text = text[: match.start] + title + text[match.end :]
        return text, matches

    def fuzzy_names(self, text: str) -> list[NameMatch]:
        """The fuzzy matches of ``read_names``, outside the spans exact names match."""
        if self._names is None:
            self._names = NameTable((r.id, n) for r in self.roles.values() for n in r.names())
        taken = [m.span() for p in self._candidates(text) for m in p.regex.finditer(text)]
        return self._names.mentions(text, taken)

    def _candidates(self, text: str) -> list[_Pattern]:
        found: dict[int, _Pattern] = {}
        for word in {w.lower() for w in _WORD.findall(text)}:
            # A one-word name may stand in the plural ("MLEs", "analysts").
            keys = {word, word.removesuffix("s"), word.removesuffix("es")}
            if word.endswith("ies"):  # "actuaries" is filed under "actuary"
                keys.add(word[:-3] + "y")
            for key in keys:
                for pattern in self._by_first_word.get(key, ()):
                    found[id(pattern)] = pattern
        return list(found.values())

    def correct(self, text: str) -> str:
        """``text`` with misspelt role and topic words put right ("analitics engineer
        skils" -> "analytics engineer skills"), for finding roles and intents. Only words
        that are not known already and are close to a known one change."""
        vocabulary = self._vocabulary()
        known = set(vocabulary)

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            if len(lower) < 5 or lower in known or lower.removesuffix("s") in known:
                return word
            # One slip in a word ("analist", "enginer") scores 85 or more; 80 also turned
            # ordinary words into role names ("actually" -> "actuary").
            cutoff = 85
            best = process.extractOne(lower, vocabulary, scorer=fuzz.ratio, score_cutoff=cutoff)
            # A real English word is no typo, however close it is to a known one: "learn"
            # is one letter from "earn", and "what should I learn first?" is no pay question.
            return str(best[0]) if best and not is_english_word(lower) else word

        return _WORD.sub(fix, text)

    def _vocabulary(self) -> list[str]:
        if self._words is None:
            words = {
                w.lower()
                for role in self.roles.values()
                for n in role.names()
                for w in _WORD.findall(n)
                if len(w) >= 3
            }
            self._words = sorted(words | set(TOPIC_WORDS))
        return self._words

    def by_fields_only(self, text: str) -> bool:
        """``text`` names roles, each only by its field ("software engineering", "machine
        learning"), none by its people ("software engineers")."""
        spans = self.spans(text)
        return bool(spans) and all(names_a_field(text[a:b]) for a, b, _ in spans)

    def without_roles(self, text: str, keep_fields: bool = False) -> str:
        """``text`` with every mention of a role taken out (longest names first);
        ``keep_fields``: those that name a field are kept, when every mention does (what the
        roles are weighed on: "which career involves the most software engineering?")."""
        if keep_fields and self.by_fields_only(text):
            return " ".join(text.split())
        spans: list[tuple[int, int]] = []
        for pattern in self._candidates(text):
            spans += [m.span() for m in pattern.regex.finditer(text)]
        for start, end in sorted(spans, key=lambda s: s[0] - s[1]):
            text = text[:start] + " " * (end - start) + text[end:]
        text = re.sub(r"\b(?:a|an|the)\s+(?=\s|or\b|and\b|$)", " ", text)
        return " ".join(re.sub(r"\b(?:or|and)\s+(?=or\b|and\b|$)", " ", text).split())

    def lookup(self, name: str) -> str | None:
        """A role id for an id, title or alias typed by a user (CLI, compare picker)."""
        key = name.strip()
        if key in self.roles:
            return key
        found = self.resolve(key)
        return found[0] if len(found) == 1 else None

    def suggest(self, name: str) -> str | None:
        """The closest known role id, for "did you mean ...?" messages."""
        candidates: dict[str, str] = {}
        for role in self.roles.values():
            for n in [role.id, *role.names()]:
                candidates[n.lower()] = role.id
        best = process.extractOne(
            name.lower().strip(), list(candidates), scorer=fuzz.WRatio, score_cutoff=60
        )
        return candidates[str(best[0])] if best else None

    def to_json(self) -> str:
        return json.dumps([asdict(r) for r in self.roles.values()])

    @classmethod
    def from_json(cls, raw: str) -> RoleCatalog:
        items = json.loads(raw) if raw else []
        return cls.from_roles(
            Role(i["id"], i["title"], tuple(i.get("aliases", ())), i.get("source", ""))
            for i in items
        )


def _patterns_for(role: Role) -> list[_Pattern]:
    patterns = []
    for name in role.names():
        own = name in (role.title, role.id.replace("-", " "))
        field_name = not own and name in role.aliases and names_a_field(name)
        pattern = _name_pattern(role.id, name, 0 if own else 1, field_name)
        if pattern is not None:
            patterns.append(pattern)
    return patterns


def _name_pattern(role_id: str, name: str, rank: int, field: bool = False) -> _Pattern | None:
    """The pattern that finds ``name`` in a question (plurals, separators, capitals kept
    where an abbreviation spells a word); ``rank`` 0 for the role's own title or id, 1 for
    an alias, 2 for a short form; ``field`` for an alias that names the work
    (``_names_a_field``)."""
    words = _WORD.findall(name)
    if not words:
        return None
    # Short all-caps abbreviations (DE, DS, MLE) only match in capitals: "de" is a word.
    is_abbrev = name.isupper() and len(name.replace(" ", "")) <= 5
    flags = 0 if is_abbrev else re.IGNORECASE
    pieces = [
        # "Software engineers in data science": the plural is on the people noun a
        # qualifier follows, not on the name's last word.
        _word_pattern(w) + ("(?:s|es)?" if _qualified(name, w, words[i + 1]) else "")
        for i, w in enumerate(words[:-1])
    ]
    last = words[-1]
    if is_abbrev:
        pieces.append(re.escape(last) + "s?")
    elif re.search(r"[^aeiouAEIOU]y$", last):
        # "actuary" -> "actuaries"
        pieces.append(_word_pattern(last[:-1]) + "(?:y|ies)")
    else:
        pieces.append(_word_pattern(last) + "(?:s|es)?")
    body = _JOIN.join(pieces)
    regex = re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", flags)
    return _Pattern(role_id, regex, words[0].lower(), rank, field)


def _qualified(name: str, word: str, following: str) -> bool:
    """``word`` is a noun for people that a qualifier follows: "engineer" in "software
    engineer in data science", "Software Engineer (Data Science)", "engineer for data
    products"."""
    if not _PEOPLE_NOUN.search(word) or word.lower().endswith("s"):
        return False
    after = re.search(rf"\b{re.escape(word)}\s*(\(|-\s|\w+)", name)
    return after is not None and (
        after.group(1) in ("(", "- ") or following.lower() in _QUALIFIER_WORDS
    )


_QUALIFIER_WORDS = frozenset({"in", "for", "of", "at", "on", "with"})


# The endings of nouns for people: analyst, engineer, developer, scientist, statistician.
_PEOPLE_NOUN = re.compile(r"(?:ist|yst|ian|ary|er|or|ant|ee|ive)s?$", re.IGNORECASE)


def names_a_field(name: str) -> bool:
    """An alias for the work rather than the people: "Operations Research", "epidemiology"
    (not an abbreviation, nor a bracketed name such as "SWE (Data Science)")."""
    words = _WORD.findall(name)
    if not words or "(" in name or (name.isupper() and len(name.replace(" ", "")) <= 5):
        return False
    # The head noun comes before a preposition or a dash: "software engineer in data
    # science", "software engineer - data science" name people, not a field.
    head = _WORD.findall(_HEAD_ENDS.split(name, maxsplit=1)[0]) or words
    return not _PEOPLE_NOUN.search(head[-1])


_HEAD_ENDS = re.compile(r"\s+(?:in|for|of|at|on|with)\s+|\s+[-–—]\s+", re.IGNORECASE)


# Short English words that an abbreviation can spell ("OR", "IT", "AS").
_ORDINARY_WORDS = frozenset(
    [
        "a",
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
    ]
)


def _word_pattern(word: str) -> str:
    """An abbreviation that spells an ordinary word keeps its capitals inside a longer name:
    "OR analyst" is not the "or analyst" of "a data engineer or analyst". Any other one
    matches in any case, as people type it ("ml engineer")."""
    if word.isupper() and word.lower() in _ORDINARY_WORDS:
        return f"(?-i:{re.escape(word)})"
    return re.escape(word)


def name_of(title: str) -> str:
    """A role's title as it reads inside a sentence: "Data Engineer" -> "data engineer";
    acronyms keep their capitals ("AI engineer", "BI developer")."""
    return " ".join(
        w if (w.isupper() and len(w) > 1) or re.match(r"\(?[A-Z]{2,}", w) else w.lower()
        for w in title.split()
    )


def plural_of(title: str) -> str:
    """How to name the people in a role: "Data Engineer" -> "data engineers", "BI Developer"
    -> "BI developers", "Software Engineer (Data Science)" -> "software engineers (data
    science)"."""
    words = name_of(title).split()
    if not words:
        return title
    head = next((i for i, w in enumerate(words) if w.startswith("(")), len(words)) - 1
    noun = words[head]
    if re.search(r"[^aeiouAEIOU]y$", noun):
        words[head] = noun[:-1] + "ies"  # "Actuary" -> "actuaries"
    elif not noun.endswith("s"):
        words[head] = noun + ("es" if noun.endswith(("sh", "ch", "x")) else "s")
    return " ".join(words)


def with_article(text: str) -> str:
    """ "a" before a consonant sound, "an" before a vowel sound, acronyms included: "an AI
    engineer", "an MLOps engineer", "a data engineer"."""

    def article(match: re.Match[str]) -> str:
        word = match.group(2)
        vowel = word[0].lower() in "aeiou" or (word[:2].isupper() and word[0] in "AEFHILMNORSX")
        an = "an" if vowel else "a"
        return (an.capitalize() if match.group(1)[0].isupper() else an) + " " + word

    return re.sub(r"\b([Aa]n?) ([A-Za-z]+)", article, text)
