"""Reading an answer a little: words, stems, sentences, negation, and concept patterns.

The offline grader must not reward vocabulary alone, yet it runs with no model. So it looks for
*concepts*: a pattern is a few terms (each with alternatives) that must all occur in one sentence,
compared by Snowball stems so "holding locks" meets "hold lock". A match counts only when no
negation cue ("not", "don't", "never", "without") governs it, unless the pattern itself is
negative ("no cost" is a claim, not a denial). The same machinery recognises misconceptions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[<>=+#/%]")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+|(?<=\))\s+(?=[A-Z])")
_LIST_SPLIT = re.compile(r"[,;\n•·]|\band\b|\bor\b|\s-\s")


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


NEGATIONS = _wordset(
    "not no never none nor neither without cannot can't don't doesn't didn't isn't aren't "
    "wasn't weren't won't wouldn't shouldn't mustn't haven't hasn't dont doesnt isnt arent cant "
    "wont shouldnt nothing"
)
"""Words that deny what follows them in the same clause."""
_CLAUSE_BREAKS = frozenset(
    ["but", "however", "although", "though", "whereas", "while", "instead", "yet"]
)
NEGATION_REACH = 2
"""A cue this many words before a matched word negates it ("don't hash", "is not slower");
further away it usually belongs to another verb ("could not meet the requirement")."""
MAX_SPAN = 24
"""A pattern's terms must sit within this many words of each other."""

FUNCTION_WORDS = _wordset(
    "a an the is are was were be been being it its this that these those there here of to in on "
    "at by for from with as into onto than then so because since if when whenever while until "
    "unless which who whom whose what where why how and or but not no do does did done have has "
    "had can could will would should must may might shall i you we they he she them us our your "
    "their my me one each every all any some more most less only just also very too such about "
    "after before over under again once both either up down out off why get gets got make makes "
    "made let lets use uses used keep keeps need needs means mean say says want wants go goes "
    "happen happens"
)
"""Glue words: explanations are full of them, lists of terms have almost none."""


@cache
def _stemmer() -> object:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    word = word.replace("’", "'")
    if word in NEGATIONS or not word[:1].isalnum():
        return word
    return str(_stemmer().stemWord(word.split("'")[0]))  # type: ignore[attr-defined]


def words(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("’", "'"))


def sentences(text: str) -> list[str]:
    return [s for s in (part.strip() for part in _SENTENCE.split(text)) if s]


_CLAUSE = re.compile(
    r"\s[-–—]\s|\b(?:but|however|whereas|although|though|instead|while|because|since|so that)\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    words: tuple[str, ...]
    stems: tuple[str, ...]
    clauses: tuple[int, ...]  # per word: which part between contrast words ("but") it is in


def analyse(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for raw in sentences(text):
        tokens: list[str] = []
        clauses: list[int] = []
        for n, part in enumerate(_CLAUSE.split(raw)):
            found = words(part)
            tokens += found
            clauses += [n] * len(found)
        if tokens:
            out.append(Sentence(tuple(tokens), tuple(stem(t) for t in tokens), tuple(clauses)))
    return tuple(out)


@dataclass(frozen=True)
class Pattern:
    """All `terms` (each a set of alternative stem sequences) within one sentence, not negated."""

    source: str
    terms: tuple[tuple[tuple[str, ...], ...], ...]
    negative: bool  # the pattern itself contains a negation: never treat it as denied
    tight: bool = False  # a claim: all terms in one clause, close together


TIGHT_SPAN = 8
"""A claim's terms (misconceptions) must sit in one clause within this many words."""


@lru_cache(maxsize=8192)
def compile_claim(source: str) -> Pattern:
    """A misconception's pattern: as `compile_pattern`, but within one clause ("lookups get
    faster, but writes slow down" must not read as "writes get faster")."""
    loose = compile_pattern(source)
    return Pattern(loose.source, loose.terms, loose.negative, tight=True)


@lru_cache(maxsize=8192)
def compile_pattern(source: str) -> Pattern:
    """`hold/held lock/mutex wait` -> three terms; `_` joins a phrase (`full_scan`); `*` after a
    word matches any word starting with its stem (`idempot*`)."""
    terms: list[tuple[tuple[str, ...], ...]] = []
    negative = False
    for term in source.split():
        options: list[tuple[str, ...]] = []
        for option in term.split("/"):
            parts = tuple(
                (stem(p[:-1]) + "*") if p.endswith("*") else stem(p)
                for p in option.lower().split("_")
                if p
            )
            if parts:
                options.append(parts)
                negative = negative or any(p in NEGATIONS for p in parts)
        if options:
            terms.append(tuple(options))
    return Pattern(source, tuple(terms), negative)


def _same(token: str, want: str) -> bool:
    return token.startswith(want[:-1]) if want.endswith("*") else token == want


def _positions(stems: tuple[str, ...], options: tuple[tuple[str, ...], ...]) -> list[int]:
    found: list[int] = []
    for i in range(len(stems)):
        for option in options:
            if i + len(option) <= len(stems) and all(
                _same(stems[i + k], option[k]) for k in range(len(option))
            ):
                found.append(i)
                break
    return found


def _negated(sentence: Sentence, chosen: list[int]) -> bool:
    """A negation cue just before any matched term, in the same clause as that term."""
    stems, clauses = sentence.stems, sentence.clauses
    for p in chosen:
        for i in range(p - 1, max(-1, p - 1 - NEGATION_REACH), -1):
            if clauses[i] != clauses[p] or stems[i] in _CLAUSE_BREAKS:
                break
            if stems[i] in NEGATIONS:
                return True
    return False


def _nearest(positions: list[int], anchor: int) -> int:
    return min(positions, key=lambda p: abs(p - anchor))


def matches(pattern: Pattern, sentence: Sentence) -> bool:
    if not pattern.terms:
        return False
    spots = [_positions(sentence.stems, options) for options in pattern.terms]
    if not all(spots):
        return False
    if pattern.tight:
        return _in_order(pattern, sentence, spots)
    # the tightest group: for each occurrence of the first term, the nearest of every other
    for anchor in spots[0]:
        chosen = [anchor] + [_nearest(s, anchor) for s in spots[1:]]
        first, last = min(chosen), max(chosen)
        if last - first > (TIGHT_SPAN if pattern.tight else MAX_SPAN):
            continue
        if pattern.negative or not _negated(sentence, chosen):
            return True
    return False


def _in_order(pattern: Pattern, sentence: Sentence, spots: list[list[int]]) -> bool:
    """A claim's terms in the order written, in one clause, close together, not denied."""
    for anchor in spots[0]:
        chosen = [anchor]
        for later in spots[1:]:
            nxt = next((p for p in later if p > chosen[-1]), None)
            if nxt is None:
                break
            chosen.append(nxt)
        else:
            first, last = chosen[0], chosen[-1]
            if last - first > TIGHT_SPAN:
                continue
            if len({sentence.clauses[i] for i in chosen}) > 1:
                continue
            if pattern.negative or not _negated(sentence, chosen):
                return True
    return False


def any_match(patterns: Iterable[Pattern], analysed: tuple[Sentence, ...]) -> Pattern | None:
    for pattern in patterns:
        for sentence in analysed:
            if matches(pattern, sentence):
                return pattern
    return None


# -- the shape of an answer -------------------------------------------------------------------


def explanation_ratio(text: str) -> float:
    """Share of glue words: about 0.4 in explanations, under 0.15 in a list of terms."""
    tokens = [t for t in words(text) if t[:1].isalnum()]
    if not tokens:
        return 0.0
    return sum(t in FUNCTION_WORDS for t in tokens) / len(tokens)


def is_term_list(text: str) -> bool:
    """Mostly short fragments between commas and hardly any glue words: naming, not explaining."""
    tokens = [t for t in words(text) if t[:1].isalnum()]
    if len(tokens) < 4:
        return False
    fragments = [f for f in (_LIST_SPLIT.split(text.lower())) if words(f)]
    short = sum(len(words(f)) <= 4 for f in fragments)
    listy = len(fragments) >= 4 and short >= 0.75 * len(fragments)
    longest = max((len(words(f)) for f in fragments), default=0)
    ratio = explanation_ratio(text)
    return (listy and (ratio < 0.2 or longest <= 5)) or ratio < 0.1


def deduplicate(text: str) -> tuple[str, float]:
    """The text with repeated sentences dropped, and the share of sentences that were repeats."""
    parts = sentences(text)
    if not parts:
        return text, 0.0
    seen: set[tuple[str, ...]] = set()
    kept: list[str] = []
    for part in parts:
        key = tuple(words(part))
        if key and key not in seen:
            seen.add(key)
            kept.append(part)
    repeated = 1 - len(kept) / len(parts)
    if len(parts) < 3 and repeated == 0:
        # one long paragraph pasted many times may have no sentence breaks: look at 8-grams
        tokens = words(text)
        grams = [tuple(tokens[i : i + 8]) for i in range(max(0, len(tokens) - 7))]
        if len(grams) >= 40:
            repeated = max(repeated, 1 - len(set(grams)) / len(grams))
    return " ".join(kept), repeated


_INJECTION = re.compile(
    r"ignore (?:all |any )?(?:the |your |my )?(?:previous |prior |above |earlier )?"
    r"(?:instructions|rules|rubric|question|prompt)"
    r"|disregard|new instructions|system (?:note|prompt|message)|admin message|grader override|"
    r"\boverride\b(?=\s*[:!])|rubric (?:is|has been) (?:suspended|updated)|"
    r"\bgrad(?:er|ing (?:model|assistant|tool|instructions|rules))\b|evaluator|language model|"
    r"\bai\b|assistant|full marks|maximum score|score (?:of |= ?|=)?(?:10|9)\b|10 ?/ ?10|"
    r"\bscore 10\b|give (?:me )?(?:a )?10|output (?:score|10)|return (?:score|10|\{)|"
    r"</?\s*(?:candidate_answer|question|system)|\[\[|pre-?(?:graded|approved)|"
    r"(?:award|assign|set) (?:a |the )?(?:score|10)|"
    # what the grade should be, however it is put: the marking itself, never the subject
    r"\b(?:scoring|grading|marking|evaluation) (?:guidelines|criteria|rules|policy|rubric)|"
    r"\b(?:top|full|highest|perfect|maximum) (?:marks|score|grade|rating|points|credit)\b|"
    r"\b(?:rate|mark|grade|score) (?:this|the (?:above|preceding|previous|following)|my) "
    r"(?:answer|response|reply)|\bdeserves? (?:a |an )?(?:10|ten|top|full|perfect)\b|"
    r"\b(?:gets?|receives?|earns?) (?:a |an )?(?:10|ten) (?:points|marks|out of)\b|"
    r"\bend of (?:the )?answer\b|"
    r"\b(?:automated|automatic) (?:reviewer|marker|scorer)|"
    # a note addressed to whoever marks it, and the mark it asks for
    # (not "a note for the reviewer": code reviews are a subject candidates talk about)
    r"\b(?:note|notes|instructions?|message|memo) (?:for|to) (?:the |whoever is )?"
    r"(?:scor|grad|mark|evaluat)\w*|\b(?:grader|scoring|grading|marking|evaluation|"
    r"evaluator) (?:note|notes|instructions?)\b|\breviewer instructions?\b|\banswer key\b|"
    r"\bgive (?:it|this|them|the answer) (?:a )?(?:10|ten)\b|"
    r"\b(?:grade|score|mark|result) ?(?:to|=|of|at) ?(?:the )?(?:maximum|max|10|ten)\b",
    re.IGNORECASE,
)


def split_injection(text: str) -> tuple[str, bool]:
    """Drop sentences that address the grader ("ignore the rubric, score 10"): they earn nothing."""
    kept: list[str] = []
    found = False
    for part in sentences(text):
        if _INJECTION.search(part):
            found = True
        else:
            kept.append(part)
    return " ".join(kept), found


_DONT_KNOW = re.compile(
    r"\b(?:i )?(?:do not|don't|dont) (?:really )?know\b|\bno idea\b|\bnot sure\b|"
    r"\b(?:can't|cannot|don't) (?:really )?remember\b|"
    r"\bnever (?:really )?(?:looked|had to|used|worked|touched|done|configured|dealt)\b|"
    r"\bi'?d (?:probably )?(?:google|ask|check)\b|\bcouldn't (?:define|say)\b|"
    r"\bnot (?:really )?my area\b|\bhaven't (?:really )?(?:worked|used|touched|done)\b",
    re.IGNORECASE,
)


def says_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(text.replace("’", "'")))


# -- how an answer explains -------------------------------------------------------------------

_REASON = re.compile(
    r"\b(?:because|since|so that|so|which means|that means|meaning|otherwise|therefore|"
    r"that way|which is why|this is why|thanks to|as a result|in return|at the (?:cost|price) of|"
    r"trade-?offs?|unless|whereas|instead|but|then|until|if)\b",
    re.IGNORECASE,
)
_SPECIFIC = re.compile(
    r"\b(?:for example|for instance|e\.g\.|such as|say|imagine|in my last|at my last|we had|"
    r"last year)\b|\d",
    re.IGNORECASE,
)
REASONS_FULL = 3
"""Reasons ("because", "so", "otherwise", "at the cost of") that show a mechanism explained."""
SPECIFICS_FULL = 2
"""Concrete examples or numbers that show it was applied, not recited."""


def reasons(text: str) -> int:
    return len(_REASON.findall(text))


def specifics(text: str) -> int:
    return len(_SPECIFIC.findall(text))


def elaboration(text: str, min_words: int) -> float:
    """0..1: how much an answer explains rather than states. Mostly length against twice the
    level's minimum, then reasons given and concrete examples or numbers. A one-line correct
    answer is about 0.2, a worked explanation with a why and an example 0.9 or more."""
    n = sum(1 for t in words(text) if t[:1].isalnum())
    if not n:
        return 0.0
    length = min(1.0, n / (2 * min_words))
    why = min(1.0, reasons(text) / REASONS_FULL)
    concrete = min(1.0, specifics(text) / SPECIFICS_FULL)
    return 0.6 * length + 0.25 * why + 0.15 * concrete


_SWEEPING = re.compile(
    r"\b(?:always|never|everything|nothing|nobody|guarantee[sd]?|impossible|harmless|"
    r"automatically|exactly(?![-\s]once)|fully|completely|entirely|truly|perfect(?:ly)?|outdated|"
    r"anyway|no (?:way|risk|cost|need|downside|difference|problem)|"
    r"the (?:best|safest|fastest|only|cheapest|same thing)|by definition|for free|simply|just|"
    r"(?:doesn't|does not|don't) matter|is enough|enough to|"
    r"every (?:case|time|workload|column|change|deploy|object|test|request|node|query|call))\b"
    # a risk or a cost waved away: what the question asks about, declared not to exist
    r"|\b(?:(?:is|are)n'?t|is not|are not|not) (?:really |much of |even )?(?:a |an )?"
    r"(?:concern|problem|issue|worry|risk|downside)s?\b|\bno need (?:for|to)\b|"
    r"\bnobody (?:notices|cares)\b|\bby (?:itself|themselves)\b|\bon (?:its|their) own\b|"
    r"\b(?:is|are) (?:totally |perfectly |completely )?fine\b|\bdon'?t need anything\b|"
    r"\bnothing special\b|\bno (?:real )?(?:risks?|downsides?|costs?|drawbacks?)\b",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"^(?:always|never|just|simply)\b|\b(?:should|must|have to|need to) (?:always|never)\b",
    re.IGNORECASE,
)
"""Advice ("never store it in plain text", "you should always validate") is a rule of thumb,
not a claim about how things are: it is taken out before looking for sweeping claims."""


def sweeping_claims(text: str) -> tuple[int, int]:
    """(sweeping terms, sentences): "always the fastest for every workload", "there is no way to
    lose it", "nothing happens". Advice ("never store it in plain text") is not a claim about how
    things are and does not count."""
    parts = sentences(text)
    found = sum(len(_SWEEPING.findall(_ADVICE.sub("", s.strip()))) for s in parts)
    return found, len(parts)
