"""Naming a guide that has no front matter: its title, role id and aliases.

Guides written for a career site rather than for careerbot title themselves "Data Architect:
Career Guide" and live in files such as ``data-architect-career-guide.md``. A person asks
about "data architects", never about "data architect career guide", so the words that only
say *this is a guide* are dropped from the title and from the role id, and the names a reader
would use (the guide's own abbreviation, "BI developer" for "Business Intelligence (BI)
Developer") become aliases. Kept apart from ``ingest.load``, which parses files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# "...: Career Guide", "... - A Comprehensive Career Guide", "... Career Profile",
# "...: The Complete Guide". A bare trailing "Guide" needs a separator before it, so a
# title like "Tour Guide" keeps its last word.
_ADJECTIVES = r"(?:comprehensive|complete|ultimate|practical|definitive|full|quick|short|essential)"
_GUIDE_SUFFIX = re.compile(
    rf"(?:\s*[:|,\-–—]\s*(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?(?:career\s+)?"
    rf"(?:guide|profile|overview)"
    rf"|\s+(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?career\s+(?:guide|profile))\s*$",
    re.IGNORECASE,
)
# "Career Guide: Data Architect", "Career profile - BI Developer".
_GUIDE_PREFIX = re.compile(
    rf"^(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?career\s+(?:guide|profile)\s*"
    rf"(?:to|for|[:|\-–—])\s*(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
# Titles that address the reader before they name the job: "So you want to be a
# statistician?", "Careers in Actuarial Science", "A Guide to Becoming an OR Analyst",
# "How to become a data steward", "Working as a geographer".
_LEAD_IN = re.compile(
    r"^(?:(?:so\s+)?(?:you\s+)?want\s+to\s+(?:be|become|work\s+as)"
    r"|(?:how\s+to\s+)?(?:be|become|becoming)"
    r"|(?:working|life|a\s+day|a\s+career|careers?|jobs?|work)\s+(?:as|in)"
    rf"|(?:(?:a|an|the|your)\s+)?(?:{_ADJECTIVES}\s+)?(?:career\s+)?guide\s+to(?:\s+becoming)?"
    r"|(?:an\s+)?introduction\s+to(?:\s+becoming)?)"
    r"\s+(?:(?:a|an|the)\s+)?",
    re.IGNORECASE,
)
# "Epidemiologists : Occupational Outlook Handbook", "Analyst | Careers at Larkspur": a
# page title names the page first and the site after a spaced separator.
_SITE_SUFFIX = re.compile(r"\s+[|:·•]\s+.*$")
_EMPHASIS = re.compile(r"^([*_`]+)(.+?)\1$")
_ACRONYM_IN_TITLE = re.compile(r"\(([A-Z][A-Za-z]{1,5})\)")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#]*")
# Words that do not give a letter to an acronym ("Head of Data" -> "HD").
_MINOR = {"of", "and", "the", "for", "in", "a", "an", "to", "&"}


def clean_title(title: str) -> str:
    """A heading without markdown emphasis and without words that only say "guide"."""
    text = " ".join(title.split())
    emphasised = _EMPHASIS.match(text)
    if emphasised:
        text = emphasised.group(2).strip()
    text = _SITE_SUFFIX.sub("", text).rstrip("?!. ")
    stripped = _GUIDE_PREFIX.sub("", _GUIDE_SUFFIX.sub("", text)).strip(" :-–—|,")
    stripped = _LEAD_IN.sub("", stripped).strip(" :-–—|,")
    # A title that is nothing but "Career Guide" keeps its words rather than becoming empty.
    return _capitalised(stripped) if stripped else text


def _capitalised(title: str) -> str:
    """ "statistician" (from "So you want to be a statistician?") -> "Statistician"."""
    return title[:1].upper() + title[1:]


def title_from_stem(stem: str) -> str:
    return " ".join(w if w.isupper() else w.capitalize() for w in stem_words(stem).split())


def stem_words(stem: str) -> str:
    """The words of a file name that name the role: ``data-architect-career-guide`` ->
    "data architect" (the role id is their slug)."""
    # A file name has lost its punctuation, so a bare trailing "guide" goes too:
    # "bi-developer-guide" names the guide to a BI developer.
    words = clean_title(stem.replace("_", " ").replace("-", " "))
    words = _STEM_CAREERS.sub("", _STEM_GUIDE.sub("", words)).strip() or words
    return words[:1].lower() + words[1:] if words[1:2].islower() else words


_STEM_GUIDE = re.compile(r"\s+guide$", re.IGNORECASE)
# "careers-information-security-analyst", "statistician-careers": a page's file name.
_STEM_CAREERS = re.compile(r"^(?:careers?|jobs?)\s+|\s+(?:careers?|jobs?)$", re.IGNORECASE)


def derived_aliases(title: str, body: str) -> list[str]:
    """Names for the role that neither its title nor its id spell out.

    - "Business Intelligence (BI) Developer" -> "BI Developer" (the bare title without the
      bracket is already a name, see ``bot.core.roles.Role.names``);
    - the abbreviation the guide itself introduces: "database administrators (DBAs)" -> "DBA";
    - "BI Developer" whose text says "business intelligence (BI)" -> "Business Intelligence
      Developer";
    - otherwise the initials of a two- or three-word title, only when the guide defines them
      ("... (GA)" or "GA (...)"): initials a guide never writes are no name its readers use,
      and short ones spell other things ("QA" is quality assurance to most people, "GA"
      Google Analytics). Guesses may still belong to another role: ``drop_collisions``
      removes them then.
    """
    out: list[str] = []
    bracket = _ACRONYM_IN_TITLE.search(title)
    if bracket:
        out.append(_with_acronym(title, bracket))
    bare = re.sub(r"\s*\(.*?\)\s*", " ", title).strip()
    out.extend(_expansions(bare, body))
    introduced = _introduced_acronym(bare, body)
    if introduced:
        out.append(introduced)
    elif not bracket:
        initials = _initials(bare)
        if initials and _defines(initials, body):
            out.append(initials)
    lowered = {title.lower(), bare.lower()}
    return [a for a in dict.fromkeys(out) if a.lower() not in lowered]


def _with_acronym(title: str, bracket: re.Match[str]) -> str:
    """ "Business Intelligence (BI) Developer" -> "BI Developer": the acronym replaces the
    words it abbreviates, the ones just before the bracket."""
    acronym = bracket.group(1)
    before = title[: bracket.start()].split()
    n = len(acronym)
    if len(before) >= n and _initials_of(before[-n:]) == acronym.upper():
        before = before[:-n]
    return " ".join([*before, acronym, *title[bracket.end() :].split()])


def _expansions(title: str, body: str) -> list[str]:
    """Each capitalised abbreviation in the title spelt out, when the guide spells it out."""
    out = []
    for word in title.split():
        if not (word.isupper() and 2 <= len(word) <= 5):
            continue
        words = r"\s+".join([r"([A-Za-z]+)"] * len(word))
        match = re.search(rf"\b{words}\s+\({re.escape(word)}s?\)", body)
        if match and _initials_of(list(match.groups())) == word:
            spelt = " ".join(g.capitalize() for g in match.groups())
            out.append(" ".join(spelt if w == word else w for w in title.split()))
    return out


def _introduced_acronym(title: str, body: str) -> str | None:
    """The abbreviation a guide introduces for its own role, e.g. "(DBAs)" after the title."""
    words = [re.escape(w) for w in title.split()]
    if not words:
        return None
    # The last word may stand in the plural: "Database Administrators (DBAs)".
    words[-1] += r"(?:s|es)?"
    pattern = r"\s+".join(words) + r"\s+\(([A-Z][A-Za-z]{1,5}?)s?\)"
    match = re.search(pattern, body, re.IGNORECASE)
    if match and match.group(1)[0].isupper() and match.group(1).upper() == match.group(1):
        return match.group(1)
    return None


def _defines(acronym: str, body: str) -> bool:
    """The text defines ``acronym``: "(QA)" after its words, or "QA (...)" before them."""
    word = re.escape(acronym) + "s?"
    return bool(re.search(rf"\(\s*{word}\s*\)|\b{word}\s+\(", body))


def _initials(title: str) -> str | None:
    words = [w for w in _WORD.findall(title) if w.lower() not in _MINOR]
    # "BI Developer" -> "BD" would be an abbreviation nobody uses.
    if not 2 <= len(words) <= 3 or any(w.isupper() and len(w) > 1 for w in words):
        return None
    return _initials_of(words)


def _initials_of(words: Sequence[str]) -> str:
    return "".join(w[0].upper() for w in words if w)


@dataclass(frozen=True)
class Named:
    """The names a guide answers to; ``guessed`` are derived aliases that may be dropped."""

    role: str
    title: str
    aliases: tuple[str, ...]
    guessed: tuple[str, ...] = ()


def drop_collisions(guides: Iterable[Named]) -> dict[str, tuple[str, ...]]:
    """Each role's guessed aliases minus those another role also answers to, and minus
    those too generic to name this role (``names_this_role``).

    "DA" guessed for "Data Architect" means the data analyst as much: a name two roles share
    would make a question ambiguous, so the guess goes; a name the author chose stays.
    """
    chosen = list(guides)
    owners: dict[str, set[str]] = {}
    for guide in chosen:
        names = [guide.role.replace("-", " "), guide.title, *guide.aliases, *guide.guessed]
        for name in names:
            owners.setdefault(_key(name), set()).add(guide.role)
    return {
        g.role: tuple(
            a
            for a in g.guessed
            if owners.get(_key(a), set()) <= {g.role}
            and names_this_role(a, _title_words(o for o in chosen if o.role != g.role))
        )
        for g in chosen
    }


# A word in this many other roles' titles is the corpus's common stock ("data"), not a
# word that names one job: "research" in one other title ("Market research analyst") does
# not make "Operations Research" generic.
SHARED_BY = 2


def _title_words(others: Iterable[Named]) -> frozenset[str]:
    """The words of at least ``SHARED_BY`` other roles' own names (titles and ids, not their
    aliases)."""
    counts: dict[str, int] = {}
    for guide in others:
        words = _WORD.findall(f"{guide.title} {guide.role.replace('-', ' ')}")
        for word in {singular(w).lower() for w in words}:
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= SHARED_BY)


def names_this_role(alias: str, others: frozenset[str]) -> bool:
    """A guessed alias is a name for this role only if its form says so, against the words
    ``others`` (the words other roles' titles share) use:

    - a name for people ("Security Analyst", "GIS analyst") keeps a word of its own before
      the head: "Data Manager" out of "Clinical Data Manager" is any data role's manager;
    - any other name ends in a word of its own: "Operations Research" is a field, "Clinical
      Data" (what the text says of its trials' data) is data, a word every data role uses.

    Abbreviations are judged by ``derived_aliases`` and ``drop_collisions`` instead.
    """
    words = [singular(w).lower() for w in _WORD.findall(alias)]
    if len(words) < 2 or (alias.isupper() and len(alias.replace(" ", "")) <= 5):
        return True
    *modifiers, head = words
    if _AGENT.search(head):
        return any(w not in others for w in modifiers)
    return head not in others


def _key(name: str) -> str:
    """Short abbreviations compare case-sensitively, as ``bot.core.roles`` matches them."""
    compact = name.replace(" ", "")
    return name if name.isupper() and len(compact) <= 5 else " ".join(name.lower().split())


# ---- the guide's own word for its people ------------------------------------------------
# "Careers in Actuarial Science" is about actuaries, "Epidemiologists" about an
# epidemiologist: a person asks about the people, in the singular or the plural. The guide's
# own text shows which words it uses for them.

# Nouns for people who do a kind of work: actuary, scientist, statistician, researcher.
_AGENT = re.compile(r"(?:ist|yst|ian|ary|er|or|ant)$")
# The fields such people work in: epidemiology, statistics, economics.
_FIELD = re.compile(r"(?:ology|ics|try|omy)$")
_STEM_MIN = 5


def singular(word: str) -> str:
    """ "actuaries" -> "actuary", "analysts" -> "analyst", "boxes" -> "box"."""
    lower = word.lower()
    if lower.endswith("ies") and len(word) > 4:
        return word[:-3] + ("Y" if word[-3:].isupper() else "y")
    if lower.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ics")):
        return word[:-1]
    return word


def people_name(title: str, body: str) -> tuple[str, list[str]]:
    """The title as the name of the guide's people, and the names it stands in for.

    - "Epidemiologists", whose text says "an epidemiologist": "Epidemiologist";
    - "Actuarial Science", a field its text never calls a person, whose text speaks of
      actuaries: "Actuary", with "Actuarial Science" kept as a name;
    - otherwise the title as it is ("Data Architect" is what its text calls its people).
    """
    words = title.split()
    if not words or "(" in title:
        return title, []
    one = singular_name(title, body)
    if one != title:
        return one, []
    if _names_people(title, body):
        return title, []
    noun = _agent_noun(words, body)
    return (noun, [title]) if noun else (title, [])


def singular_name(name: str, body: str) -> str:
    """ "Epidemiologists" -> "Epidemiologist" when the text says "an epidemiologist"; any
    other name as it is."""
    words = name.split()
    if not words:
        return name
    one = " ".join([*words[:-1], singular(words[-1])])
    if one != name and re.search(rf"\b(?:a|an)\s+{re.escape(one)}\b", body, re.IGNORECASE):
        return one
    return name


def _names_people(title: str, body: str) -> bool:
    """The text speaks of its title as of people: "data architects", "a statistician"."""
    phrase = re.escape(title).replace(r"\ ", r"\s+")
    plural = re.search(rf"\b{phrase}(?:s|es)\b", body, re.IGNORECASE)
    single = re.search(rf"\b(?:a|an)\s+{phrase}\b", body, re.IGNORECASE)
    return bool(plural or single) or bool(
        _AGENT.search(singular(title.rsplit(maxsplit=1)[-1]).lower())
    )


def _agent_noun(words: list[str], body: str) -> str | None:
    """The person-noun the text uses most that shares its stem with a word of the title:
    "Actuarial Science" -> "Actuary" (the text says "actuaries" a dozen times), "Data
    Science" -> "Data Scientist"."""
    best: tuple[int, int, str] | None = None
    tokens = re.findall(r"[A-Za-z]+", body)
    for index, word in enumerate(words):
        if len(word) < _STEM_MIN + 1 or word.lower() in _MINOR:
            continue
        stem = word.lower()[: max(_STEM_MIN, min(len(word) - 3, 7))]
        counts: dict[str, int] = {}
        for token in tokens:
            noun = singular(token).lower()
            if noun.startswith(stem) and _AGENT.search(noun) and noun != word.lower():
                counts[noun] = counts.get(noun, 0) + 1
        for noun, n in counts.items():
            if n >= 2 and (best is None or n > best[0]):
                best = (n, index, noun)
    if best is None:
        return None
    _, index, noun = best
    return " ".join([*words[:index], noun.capitalize()])


def text_aliases(title: str, body: str, topic_words: frozenset[str] = frozenset()) -> list[str]:
    """Names for the role that its text uses besides the title (guesses: see
    ``drop_collisions``):

    - a shorter name the text uses on its own: "security analysts" in a guide titled
      "Information Security Analyst" (never only as part of the full title);
    - an abbreviation the text introduces for the title's first words: "operations research
      (OR) analysts" -> "OR Analyst";
    - the field named by the words before the head noun, when the text names it alone:
      "a master's degree in operations research" -> "Operations Research";
    - the field of a one-word role, from the text: "Epidemiologist" -> "epidemiology"
      (not a word every guide uses, such as "statistics": ``topic_words``).
    """
    words = title.split()
    if not words or "(" in title:
        return []
    out: list[str] = []
    for start in range(1, len(words) - 1):
        shorter = words[start:]
        before = re.escape(words[start - 1])
        pattern = r"\s+".join(re.escape(w) for w in shorter) + r"(?:s|es)?\b"
        alone = [
            m
            for m in re.finditer(rf"\b{pattern}", body, re.IGNORECASE)
            if not re.search(rf"{before}\s+$", body[: m.start()], re.IGNORECASE)
        ]
        if alone:
            out.append(" ".join(shorter))
            break
    for split in range(1, len(words)):
        lead = r"\s+".join(re.escape(w) for w in words[:split])
        rest = r"\s+".join(re.escape(w) for w in words[split:])
        match = re.search(rf"\b{lead}\s+\(([A-Z]{{2,5}})\)\s+{rest}", body, re.IGNORECASE)
        if match and _initials_of(words[:split]) == match.group(1):
            out.append(" ".join([match.group(1), *words[split:]]))
            break
    if len(words) >= 3:
        field = " ".join(words[:-1])
        head = re.escape(singular(words[-1]))
        phrase = r"\s+".join(re.escape(w) for w in words[:-1])
        found = re.finditer(rf"\b{phrase}\b(?!\s+(?:\([A-Z]+\)\s+)?{head})", body, re.IGNORECASE)
        if any(True for _ in found):
            out.append(field)
    if len(words) == 1:
        out += _field_words(words[0], body, topic_words)
    return out


def _field_words(noun: str, body: str, topic_words: frozenset[str]) -> list[str]:
    stem = noun.lower()[: max(_STEM_MIN, len(noun) - 3)]
    found = {
        token.lower()
        for token in re.findall(r"[A-Za-z]+", body)
        if token.lower().startswith(stem) and _FIELD.search(token.lower())
    }
    return sorted(w for w in found if w not in topic_words and w != noun.lower())


# ---- a title that is not the role's name --------------------------------------------------
# "A Day in the Life of a Clinical Data Manager", "Thinking about a career as a quant?",
# "What is a data steward?": a title written to draw the reader in names the job somewhere
# inside it. Which words are the name is shown by the guide's text, which keeps using them
# ("clinical data managers", "most quants"), while the rest of the title ("a day in the life
# of") never comes back. So a cleaned title that the text never uses is replaced by its
# longest stretch that the text uses for people.

_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#'’-]*")
# Words of a reader-addressed title that never start or end the job's name.
_FILLER = _MINOR | {
    "so",
    "you",
    "want",
    "be",
    "become",
    "is",
    "what",
    "who",
    "why",
    "how",
    "it",
    "like",
    "life",
    "day",
    "career",
    "careers",
    "job",
    "jobs",
    "work",
    "working",
    "about",
    "thinking",
    "meet",
    "our",
    "your",
    "my",
    "right",
    "could",
    "should",
    "would",
    "inside",
    "as",
    "with",
    "on",
    "at",
    "from",
}
_SPAN_WORDS = 4
_HEADING_LINE = re.compile(r"^#.*$", re.M)
# "a quant", "most quants", "as an epidemiologist": determiners that come before people.
_BEFORE_PEOPLE = r"(?:a|an|every|each|most|many|some|our|their|senior|junior|new|as\s+an?)"


def mentions(phrase: str, body: str) -> int:
    """How often ``body`` uses ``phrase``, its last word in the singular or the plural."""
    words = phrase.split()
    if not words:
        return 0
    head = singular(words[-1])
    last = re.escape(head[:-1]) + r"(?:y|ies)" if head.endswith("y") else re.escape(head)
    pattern = r"\s+".join([*(re.escape(w) for w in words[:-1]), last + r"(?:s|es)?"])
    return len(re.findall(rf"(?<![A-Za-z]){pattern}(?![A-Za-z])", body, re.IGNORECASE))


def names_people(word: str, body: str) -> bool:
    """``word`` is a noun for people: an agent noun (analyst, manager, statistician), or a
    word the text twice puts where people go ("a quant", "most quants")."""
    one = singular(word).lower()
    if _AGENT.search(one):
        return True
    stem = re.escape(one[:-1]) + r"(?:y|ies)" if one.endswith("y") else re.escape(one)
    # "a quant", "most data stewards": up to two words of the name between.
    pattern = rf"\b{_BEFORE_PEOPLE}\s+(?:[A-Za-z-]+\s+){{0,2}}?{stem}(?:s|es)?\b"
    return len(re.findall(pattern, body, re.IGNORECASE)) >= 2


def name_in_title(title: str, body: str) -> str:
    """``title`` if the text uses it; else the longest stretch of it that the text uses at
    least twice and that ends in a noun for people; else ``title`` unchanged."""
    # The headings hold the title itself; the running text shows which words name people.
    body = _HEADING_LINE.sub("", body)
    if not body.strip() or mentions(title, body) or "(" in title:
        return title
    words = _TITLE_WORD.findall(title)
    best: tuple[int, int, str] | None = None
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + _SPAN_WORDS) + 1):
            span = words[start:end]
            if span[0].lower() in _FILLER or span[-1].lower() in _FILLER:
                continue
            if not names_people(span[-1], body):
                continue
            phrase = " ".join([*span[:-1], singular(span[-1])])
            n = mentions(phrase, body)
            if n >= 2 and (best is None or (len(span), n) > best[:2]):
                best = (len(span), n, phrase)
    return _capitalised(best[2]) if best else title


# ---- the name people use, from the text -----------------------------------------------------
# Guides introduce the short name beside the long one: "Quantitative analysts, known on every
# trading floor as "quants"", "geospatial analysts, or GIS analysts as most people call
# them", "clinical data managers (CDMs)". Either side of such a pair is a name for the role.

_PHRASE = r"[A-Za-z][A-Za-z0-9+#-]*(?:\s+[A-Za-z][A-Za-z0-9+#-]*){0,3}"
_APPOSITION = re.compile(
    rf"(?P<long>{_PHRASE})\s*,?\s*"
    r"(?:\(\s*|(?:or|also\s+called|also\s+known\s+as|known\b[^.;:()\"“”]{0,40}?\bas|called|aka)"
    r"\s+[\"“‘']?|[\"“‘])"
    rf"(?P<short>{_PHRASE}?)(?=[\"”’')]|[,.;:]|\s+(?:as|who|that|which)\b)",
    re.IGNORECASE,
)
# "quants" or "GIS analysts as most people call them": the name ends where the sentence's
# other words begin.
_NAME_STOP = {"as", "who", "that", "which", "in", "on", "at", "for", "is", "are", "and"}


def apposition_names(name: str, body: str) -> tuple[str, list[str]]:
    """``name`` and the names the text gives it in apposition, as (name, aliases). A one-word
    name that is the short form of a longer one (``quant`` of "quantitative analyst",
    ``CDM`` of "clinical data manager") gives way to it, and becomes an alias."""
    key = _people_key(name)
    found: list[str] = []
    longer: str | None = None
    for match in _APPOSITION.finditer(body):
        long_words = _trim(match.group("long").split(), from_left=True)
        short_words = _trim(match.group("short").split(), from_left=False)
        if not long_words or not short_words:
            continue
        long_name, short_name = _as_name(long_words), _as_name(short_words)
        if _people_key(short_name) == key or _people_key(long_name).endswith(key):
            pass
        else:
            continue
        if _people_key(short_name) == key and _shortens(short_name, long_name):
            longer = longer or long_name
        elif _people_key(long_name).endswith(key) and names_people(short_words[-1], body):
            found.append(short_name)
    if longer and " " not in name:
        titled = longer.title() if longer.islower() or longer[1:].islower() else longer
        return titled, [name, *found]
    return name, found


def _trim(words: list[str], *, from_left: bool) -> list[str]:
    """The words of a name out of a phrase cut from a sentence: before an apposition only the
    last few words can be the name ("traders call <quantitative analysts>"), after it the
    first ("<GIS analysts> as most people call them")."""
    if from_left:
        kept: list[str] = []
        for word in reversed(words):
            if word.lower() in _FILLER | _NAME_STOP:
                break
            kept.insert(0, word)
        return kept[-3:]
    out: list[str] = []
    for word in words:
        if word.lower() in _NAME_STOP:
            break
        out.append(word)
    return out[:3]


def _as_name(words: list[str]) -> str:
    return " ".join([*words[:-1], singular(words[-1])])


def _people_key(name: str) -> str:
    words = name.lower().split()
    return " ".join([*words[:-1], singular(words[-1])]) if words else ""


def _shortens(short: str, long: str) -> bool:
    """``short`` is a clipped or initialled form of ``long``: "quant" of "quantitative
    analyst", "CDM" of "clinical data manager"."""
    words = long.split()
    if len(words) < 2:
        return False
    if short.isupper():
        return _initials_of(words) == short.removesuffix("s")
    return words[0].lower().startswith(short.lower()[:4]) and len(short) >= 4


def acronym_head_aliases(title: str, body: str) -> list[str]:
    """The title's head noun after an abbreviation the text keeps using, e.g. "GIS analyst"
    (five times) in a guide titled "Geospatial Analyst": people name the job that way."""
    words = title.split()
    if len(words) < 2:
        return []
    head = singular(words[-1])
    found: dict[str, int] = {}
    pattern = rf"\b([A-Z]{{2,5}})\s+(?i:{re.escape(head)})(?:s|es)?\b"
    for match in re.finditer(pattern, body):
        phrase = f"{match.group(1)} {head.lower()}"
        found[phrase] = found.get(phrase, 0) + 1
    return [p for p, n in found.items() if n >= 3]
