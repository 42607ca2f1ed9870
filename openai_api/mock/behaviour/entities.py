"""Values a model would take from the conversation: places, person names, numbers, dates, times, ids, emails
and links in the user's words, matched to the parameters of a tool or a structured-output schema.

Why: client libraries and their users' tests check that the arguments of a tool call come from what the user
asked ("the weather in Tokyo" gives ``{"city": "Tokyo"}``), and that an extraction schema is filled with the
person the text names. Without a model, the mock reads entities with patterns and a small gazetteer
(``data/language.yaml``) and gives each parameter the entity its name, type, enum or description asks for:
deterministic for a given request, and validated against the schema by ``schema_values`` before use.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from openai_api.mock.content.cues import cue_pattern, normalised
from openai_api.mock.content.schema_values import MISSING, fits
from openai_api.mock.content.sentences import sentences
from openai_api.mock.data import language

__all__ = ["Conversation", "fold", "name_words", "option_cued", "words_of"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Accented Latin letters (Zürich, São, estás), by case, so the patterns below read them as the letters they are.
_ACCENTED = [chr(c) for c in range(0x00C0, 0x0250)]
_UPPER = "A-Z" + "".join(c for c in _ACCENTED if c.isupper())
_LOWER = "a-z" + "".join(c for c in _ACCENTED if c.islower())
_WORD = re.compile(rf"[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}']*|\d+|[{_CJK}]+")
_NAME_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W\d_]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://[^\s\"'<>)]+")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ZH_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]")
_TIME = re.compile(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?|\b(\d{1,2})\s*([ap]m)\b", re.IGNORECASE)
_ID = re.compile(r"#\d+|\b[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*\b")
_UNIT_SUFFIX = re.compile(r"\d+(?:st|nd|rd|th|am|pm|s|[a-z])$", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![A-Za-z0-9_.\-])-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![A-Za-z0-9_\-]|\.\d)")
_CAPS = re.compile(rf"\b[{_UPPER}][{_LOWER}][\w'-]*(?:\s+[{_UPPER}][{_LOWER}][\w'-]*){{0,2}}")
# What joins two places of one list ("Oslo and Lima", "Paris, Rome or Madrid").
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&|vs\.?|versus)\s+)\s*", re.IGNORECASE)
_IANA = re.compile(r"\b(?:[A-Z][A-Za-z_]+/)+[A-Z][A-Za-z_+-]+|\bUTC\b")
_INTRO = re.compile(
    r"(?:my name is|name is|i am|i'm|named|called|name:)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})", re.IGNORECASE
)
_HEADING = re.compile(r"^\*\*[^*\n]+\*\*\s*")  # a reasoning summary's bold heading, for a plain-text field
_QUESTION = re.compile(
    r"[?？]|^\s*(?:what|how|why|when|where|which|who|whose|is|are|can|could|does|do|did|solve|calculate|compute)\b"
    r"|吗|什么|怎么|如何|为什么|哪|几|多少",
    re.IGNORECASE,
)
_ZH_INTRO = re.compile(rf"(?:我叫|名叫|叫做|名字是|姓名是|姓名[:：])\s*([{_CJK}]{{2,3}}?)(?=[^{_CJK}]|是|，|$|今年|的)")


def words_of(text: str) -> list[str]:
    """Lower-cased words of a text (runs of CJK characters count as one word)."""
    return [w.lower().strip("'") for w in _WORD.findall(text)]


def fold(text: str) -> str:
    """Lower case without accents, one character for each of ``text``'s (so a match's span is the same in both):
    "São Paulo" and "sao paulo" fold alike."""
    return "".join((unicodedata.normalize("NFKD", ch)[:1] or ch).lower()[:1] or ch for ch in text)


def name_words(name: str) -> list[str]:
    """The words of an identifier: ``get_weather`` -> get, weather; ``lookupOrderID`` -> lookup, order, id."""
    return [w.lower() for w in _NAME_PART.findall(name)]


@functools.cache
def _data() -> dict[str, Any]:
    raw = language()
    families = {
        kind: (set(spec.get("words") or []), set(map(str, spec.get("number_words") or [])))
        for kind, spec in raw["families"].items()
    }
    places = sorted((str(p) for p in raw["places"]), key=len, reverse=True)
    canonical = {fold(p): p for p in reversed(places)}  # the first spelling listed wins
    months = "|".join(str(m) for m in raw["months"])
    days = sorted((str(d) for d in raw["day_words"]), key=len, reverse=True)
    numbers = {str(k): int(v) for k, v in raw["number_words"].items()}
    cjk_digits = "".join(w for w in numbers if not w.isascii())
    surnames = str(raw["surnames"])
    stops = "是|今年|的|，|,|。|岁|说|在|和|与|住|从|去|来|要|想|有|买|卖|给|把|被|让|问|写|看|了|也|都"
    patterns = {
        "month_dates": re.compile(
            rf"\b({months})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+"
            rf"(?:of\s+)?({months})(?:,?\s+(\d{{4}}))?",
            re.IGNORECASE,
        ),
        "days": re.compile(
            "|".join(re.escape(d) if re.search(rf"[{_CJK}]", d) else rf"\b{re.escape(d)}\b" for d in days),
            re.IGNORECASE,
        ),
        # matched on the folded text: any case, with or without accents
        "places": re.compile(
            rf"(?<![a-z])(?:{'|'.join(re.escape(fold(p)) for p in places if fold(p).isascii())})(?![a-z])"
            rf"|{'|'.join(re.escape(fold(p)) for p in places if not fold(p).isascii())}"
        ),
        "number_words": re.compile(rf"\b({'|'.join(re.escape(w) for w in numbers if w.isascii())})\b", re.IGNORECASE),
        "cjk_numbers": re.compile(rf"([{cjk_digits}])(?=[本个件张杯位只次瓶台份天晚人岁])"),
        "surname_names": re.compile(rf"[{surnames}][{_CJK}]{{1,2}}?(?={stops}|[^{_CJK}]|$)"),
        "small_names": re.compile(rf"[小老阿][{_CJK}]"),
    }
    return {
        "patterns": patterns,
        "canonical": canonical,
        "countries": {fold(str(k)): str(v) for k, v in raw["countries"].items()},
        "time_zones": {fold(str(k)): str(v) for k, v in raw["time_zones"].items()},
        "time_zone_words": set(raw["time_zone_words"]),
        "families": families,
        "prepositions": set(raw["place_prepositions"]),
        "not_names": set(raw["not_names"]),
        "not_names_bare": {str(w).rstrip("'s") for w in raw["not_names"]} | set(raw["not_names"]),
        "months": [str(m) for m in raw["months"]],
        "number_words": {str(k): int(v) for k, v in raw["number_words"].items()},
        "enum_cues": {
            str(option).lower(): [cue_pattern(str(cue)) for cue in cues]
            for option, cues in (raw.get("enum_cues") or {}).items()
        },
    }


@dataclass
class _Found:
    kind: str
    value: Any
    start: int
    end: int
    before: str = ""
    context: set[str] = field(default_factory=set)


class Conversation:
    """The entities of a conversation, handed out to parameters one at a time (a value goes to one parameter).

    ``texts`` are read in order of preference: the latest user message first, then the tool results of the
    latest turn, then earlier messages. JSON objects in tool results give their keys' values directly.
    """

    def __init__(self, texts: list[str], answer: str = "") -> None:
        self.texts = [t for t in texts if t]
        self.answer = answer  # the latest tool results, for the fields that report them (summary, result...)
        self.prompt = self.texts[0] if self.texts else ""
        self.found: list[_Found] = []
        self.known: dict[str, Any] = {}
        self.in_prompt = 0  # how many of ``found`` the latest user message holds (they come first)
        for index, text in enumerate(self.texts):
            self.found += _entities(text)
            self._read_json(text)
            if index == 0:
                self.in_prompt = len(self.found)
        self.used: set[int] = set()
        self.given: set[tuple[str, str]] = set()  # values handed out, so a repeated text does not repeat them
        self.taken: set[str] = set()  # the kinds of entity handed out (places, people...)
        self.call_places: list[Any] = []  # the places handed out to the call being filled
        self.subject: set[str] = set()  # the words of the object being filled (CityInfo: city, info)

    def begin_call(self) -> None:
        """A new call's arguments are filled from here on (its time zone follows its own city)."""
        self.call_places = []

    def _read_json(self, text: str) -> None:
        try:
            parsed = json.loads(text)
        except ValueError:
            return
        stack = [parsed]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(value, dict | list):
                        stack.append(value)
                    else:
                        self.known.setdefault(str(key).lower(), value)
            elif isinstance(node, list):
                stack.extend(node)

    def __call__(self, name: str, schema: dict[str, Any], description: str) -> Any:
        """A value for the parameter ``name`` of this ``schema`` from the conversation, or ``MISSING``."""
        known = self.known.get(name.lower(), MISSING)
        if known is not MISSING and schema.get("type") != "array" and fits(known, schema):
            return known
        words = set(name_words(name))
        if not words & _all_family_words():
            words |= set(words_of(description))
        if schema.get("enum"):
            option = self._enum(schema["enum"])
            return self._zone(schema) if option is MISSING and words & _data()["time_zone_words"] else option
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        if kind == "array":
            return self._many(name, schema.get("items") or {}, words)
        if kind in {"integer", "number"}:
            if words & _data()["families"]["confidence"][0]:
                return _confidence(schema, integer=kind == "integer")
            return self._number(words, schema)
        if kind == "boolean":
            return self._flag(name)
        if kind == "string" or kind is None:
            return self._string(name, words, schema)
        return MISSING

    def _take(
        self,
        kinds: set[str],
        prefer: set[str] | None = None,
        schema: dict[str, Any] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> Any:
        """The first entity of these kinds not handed out yet (those after ``prefer`` words first)."""
        candidates = [
            (i, f)
            for i, f in enumerate(self.found)
            if f.kind in kinds and f.value not in skip and (schema is None or fits(f.value, schema))
        ]
        if prefer:
            preferred = [(i, f) for i, f in candidates if f.before in prefer]
            candidates = preferred + [c for c in candidates if c not in preferred]
        pool = [(i, f) for i, f in candidates if i not in self.used and (f.kind, str(f.value)) not in self.given]
        if not pool:
            return MISSING
        index, found = pool[0]
        self.used.add(index)
        self.given.add((found.kind, str(found.value)))
        self.taken.add(found.kind)
        if found.kind == "place":
            self.call_places.append(found.value)
        return found.value

    def fit(self, schema: dict[str, Any], words: set[str]) -> int:
        """How well an object schema fits the conversation, to choose among output types as a model does (a question
        about a person gets PersonInfo, one about a city CityInfo): two for each kind of entity the schema's own
        ``words`` (its tool's or title's) ask for and the conversation names, one for each property it fills."""
        families = _data()["families"]
        kinds = {f.kind for f in self.found}
        score = sum(
            2
            for kind in ("place", "person", "email", "url", "date", "time", "id")
            if words & families[kind][0] and kind in kinds
        )
        probe = Conversation(self.texts, self.answer)
        probe.subject = words
        for name, prop in (schema.get("properties") or {}).items():
            if isinstance(prop, dict) and probe(str(name), prop, str(prop.get("description") or "")) is not MISSING:
                score += 1
        return score

    def has_more(self) -> bool:
        """Whether the user's message names another entity of a kind already handed out ("the weather in
        Tokyo and Paris"): a model then calls the tool once more, for it."""
        return any(
            found.kind in self.taken and index not in self.used and (found.kind, str(found.value)) not in self.given
            for index, found in enumerate(self.found[: self.in_prompt])
        )

    def _enum(self, options: list[Any]) -> Any:
        """The option the conversation says: as a whole word, else (three letters or more, or Chinese) inside
        the text; a number option when the text has that number."""
        joined = " ".join(self.texts)
        said = " " + " ".join(words_of(joined)) + " "
        for option in options:
            if isinstance(option, str) and f" {option.lower()} " in said:
                return option
        for option in options:
            long_enough = isinstance(option, str) and (len(option) >= 3 or not option.isascii())
            if long_enough and str(option).lower() in joined.lower():
                return option
        numbers = {f.value for f in self.found if f.kind == "number"}
        for option in options:
            if isinstance(option, int | float) and not isinstance(option, bool) and option in numbers:
                return option
        return option_cued(options, joined)

    def _flag(self, name: str) -> bool:
        meaningful = [w for w in name_words(name) if w not in {"is", "has", "include", "use", "with", "enable"}]
        said = set(words_of(self.prompt))
        return bool(meaningful) and any(w in said or w.rstrip("s") in said for w in meaningful)

    def _number(self, words: set[str], schema: dict[str, Any]) -> Any:
        families = _data()["families"]
        cues: set[str] = set(words)
        for family in ("age", "count", "money", "temperature"):
            names, numbers = families[family]
            if words & names:
                cues |= numbers
        integer = schema.get("type") == "integer"
        best: tuple[int, int] | None = None
        for index, found in enumerate(self.found):
            if found.kind != "number" or (integer and not float(found.value).is_integer()):
                continue
            value = int(found.value) if integer else found.value
            if not fits(value, schema):
                continue
            score = len(found.context & cues) * 2 + (0 if index in self.used else 1)
            if best is None or score > best[0]:
                best = (score, index)
        if best is None:
            return MISSING
        self.used.add(best[1])
        value = self.found[best[1]].value
        return int(value) if integer else value

    def _string(self, name: str, words: set[str], schema: dict[str, Any]) -> Any:
        families = _data()["families"]
        fmt = schema.get("format")
        last = name_words(name)[-1] if name_words(name) else ""
        if fmt == "email" or words & families["email"][0]:
            return self._take({"email"}, schema=schema)
        if fmt in {"uri", "url"} or words & families["url"][0]:
            return self._take({"url"}, schema=schema)
        if fmt == "date-time":
            return self._datetime(schema)
        if fmt == "date" or (words & families["date"][0] and fmt is None):
            return self._take({"date"}, schema=schema)
        if words & _data()["time_zone_words"]:
            return self._zone(schema)
        if fmt == "time" or words & families["time"][0]:
            return self._take({"time"}, schema=schema)
        if words & {"country", "nation", "国家"}:
            country = self._country(schema)
            if country is not MISSING or self.call_places:
                return country  # not the next city: that one is the next call's
        if last == "name" and self.subject & families["place"][0]:
            words = words | {"city"}  # the name of a CityInfo is its city's
        if words & families["place"][0]:
            prefer = {"from"} if words & {"origin", "from", "departure", "source", "start"} else None
            prefer = {"to"} if words & {"destination", "to", "arrival", "target"} else prefer
            if words & {"city", "town", "城市"}:  # a city, not the country also named
                city = self._take({"place"}, prefer, schema, skip=_country_names())
                if city is not MISSING:
                    return city
            return self._take({"place"}, prefer, schema)
        if last in families["id"][0] or (words & families["id"][0] and not words & families["person"][0]):
            taken = self._take({"id"}, schema=schema)
            return taken if taken is not MISSING else self._number_text(schema)
        if words & families["person"][0]:
            taken = self._take({"person"}, schema=schema)
            if taken is not MISSING and words & {"first", "given"}:
                return str(taken).split()[0]
            if taken is not MISSING and words & {"last", "family", "surname"}:
                return str(taken).split()[-1]
            return taken
        if self.answer and words & families["answer"][0] and fits(self.answer, schema):
            return self.answer
        if words & families["query"][0]:
            text = self.prompt.strip()
            return text if text and fits(text, schema) else MISSING
        if words & families["gist"][0]:
            return self._gist(words, schema)
        if words & (families["answer"][0] | families["reasoning"][0]) and self.prompt:
            # a structured answer says what the plain one would; its reasoning, how a model gets there
            from openai_api.mock.content.replies import fallback_text, is_chinese, reply_text

            if words & families["answer"][0]:
                text = reply_text(self.prompt)
            else:
                text = _HEADING.sub("", fallback_text("reasoning", "zh" if is_chinese(self.prompt) else "en"))
            return text if text and fits(text, schema) else MISSING
        return MISSING

    def _gist(self, words: set[str], schema: dict[str, Any]) -> Any:
        """A summary or title of what the user wrote: its first sentence, a title's first eight words of it."""
        first = next(iter(sentences(self.prompt, 1)), "")
        if words & {"title", "headline", "caption", "标题"}:
            first = " ".join(first.rstrip(".!?。！？").split()[:8])
        text = first[:1].upper() + first[1:]
        return text if text and fits(text, schema) else MISSING

    def _labels(self) -> list[str]:
        """Tags for what the user wrote: its first three words that carry meaning (four letters or more, or Chinese),
        as a model tags a ticket ("login", "page", "crashes")."""
        stops = set(language().get("stop_words") or []) | set(language().get("generic_words") or [])
        found = [w for w in words_of(self.prompt) if w not in stops and (len(w) >= 4 or not w.isascii())]
        return list(dict.fromkeys(found))[:3]

    def _zone(self, schema: dict[str, Any]) -> Any:
        """The IANA time zone asked for: one the user wrote out, else the zone of this call's city, else of the
        next place named (``time_zones`` in ``language.yaml``), so two cities give two zones."""
        written = self._take({"zone"}, schema=schema)
        if written is not MISSING:
            return written
        zones = _data()["time_zones"]
        for place in self.call_places:
            zone = zones.get(fold(str(place)))
            if zone and fits(zone, schema):
                return zone
        for index, found in enumerate(self.found):
            zone = zones.get(fold(str(found.value))) if found.kind == "place" else None
            if zone and fits(zone, schema) and index not in self.used and ("place", str(found.value)) not in self.given:
                self.used.add(index)
                self.given.add(("place", str(found.value)))
                self.taken.add("place")
                self.call_places.append(found.value)
                return zone
        return MISSING

    def _country(self, schema: dict[str, Any]) -> Any:
        """The country of a city named in the conversation (``countries`` in ``language.yaml``)."""
        countries = _data()["countries"]
        for found in self.found:
            fresh = ("place", found.value) not in self.given or found.value in self.call_places
            if found.kind == "place" and found.value in _country_names() and fresh:
                self.given.add(("place", found.value))
                return found.value
        for found in self.found:
            country = countries.get(fold(str(found.value))) if found.kind == "place" else None
            if country and fits(country, schema) and ("place", country) not in self.given:
                self.given.add(("place", country))
                return country
        return MISSING

    def _number_text(self, schema: dict[str, Any]) -> Any:
        for found in self.found:
            if found.kind == "number" and float(found.value).is_integer():
                text = str(int(found.value))
                if fits(text, schema):
                    return text
        return MISSING

    def _datetime(self, schema: dict[str, Any]) -> Any:
        date = self._take({"date"}, schema={"type": "string", "format": "date"})
        if date is MISSING:
            return MISSING
        time = self._take({"time"})
        value = f"{date}T{time if time is not MISSING else '00:00:00'}Z"
        return value if fits(value, schema) else MISSING

    def _many(self, name: str, items: dict[str, Any], words: set[str]) -> Any:
        """A list as long as the entities of the item's kind (the generator fills each item in turn)."""
        families = _data()["families"]
        if items.get("type") == "object" or "properties" in items or "$ref" in items:
            props = items.get("properties") or {}
            if any(set(name_words(p)) & families["person"][0] for p in props):
                people = [f for f in self.found if f.kind == "person"]
                return people or MISSING
            return MISSING
        singular = {w[:-1] if w.endswith("s") else w for w in words} | words
        for family, kind in (("place", "place"), ("person", "person"), ("email", "email"), ("id", "id")):
            if singular & families[family][0]:
                return list(dict.fromkeys(f.value for f in self.found if f.kind == kind)) or MISSING
        if items.get("type") in {"integer", "number"}:
            return [f.value for f in self.found if f.kind == "number"] or MISSING
        asks = _QUESTION.search(self.prompt)  # the steps of answering a question; a plan's steps, the mock cannot know
        if singular & families["steps"][0] and asks and items.get("type") in {"string", None} and not items.get("enum"):
            from openai_api.mock.content.replies import fallback_options, is_chinese

            steps = fallback_options("steps", "zh" if is_chinese(self.prompt) else "en")
            return [step for step in steps if fits(step, items)] or MISSING
        if singular & families["label"][0] and items.get("type") in {"string", None} and not items.get("enum"):
            return [label for label in self._labels() if fits(label, items)] or MISSING
        return MISSING


def _confidence(schema: dict[str, Any], *, integer: bool) -> float | int:
    """How sure a model says it is: nine tenths of the scale the schema gives (0–1 unless it says 0–100 or 1–10)."""
    top = schema.get("maximum", schema.get("exclusiveMaximum"))
    scale = float(top) if isinstance(top, int | float) and not isinstance(top, bool) else (100.0 if integer else 1.0)
    value = scale * 0.9
    return round(value) if integer else round(value, 2)


def option_cued(options: list[Any], text: str) -> Any:
    """The option whose cues (``enum_cues``) the text shows most: "urgent" for ``high``, "crashes" for ``bug``; or
    ``MISSING`` when it shows none."""
    cues, text = _data()["enum_cues"], normalised(text)
    scored = [
        (sum(1 for cue in cues.get(option.lower(), []) if cue.search(text)), -index, option)
        for index, option in enumerate(options)
        if isinstance(option, str)
    ]
    best = max(scored, default=(0, 0, MISSING))
    return best[2] if best[0] > 0 else MISSING


@functools.cache
def _country_names() -> frozenset[str]:
    raw = language()
    return frozenset(map(str, raw["countries"].values())) | frozenset(map(str, raw["country_names"]))


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _all_family_words() -> frozenset[str]:
    return frozenset(w for names, _ in _data()["families"].values() for w in names)


_MAX_TEXT = 8000  # characters of one message read for entities: a long tool result is read from its start


def _entities(text: str) -> list[_Found]:
    """Every entity of one text, in reading order within each kind; a span belongs to the first kind that
    claims it (an email is not also an id, a place not also a name)."""
    data = _data()
    patterns = data["patterns"]
    text = text[:_MAX_TEXT]
    found: list[_Found] = []
    covered = bytearray(len(text) + 1)

    def add(kind: str, value: Any, start: int, end: int) -> bool:
        if any(covered[start:end]):
            return False
        covered[start:end] = b"\x01" * (end - start)
        before = words_of(text[max(0, start - 12) : start])
        after = text[end : end + 14]
        context = set(words_of(text[max(0, start - 24) : start])[-3:]) | set(words_of(after)[:2])
        context |= {after.lstrip()[:1]} | {text[max(0, start - 1) : start]}
        found.append(_Found(kind, value, start, end, before[-1] if before else "", context))
        return True

    for match in _EMAIL.finditer(text):
        add("email", match.group(0), *match.span())
    for match in _IANA.finditer(text):
        if match.group(0) in _known_zones():
            add("zone", match.group(0), *match.span())
    for match in _URL.finditer(text):
        add("url", match.group(0).rstrip(".,;"), *match.span())
    for match in _ISO_DATE.finditer(text):
        add("date", match.group(0), *match.span())
    for match in _ZH_DATE.finditer(text):
        year = match.group(1) or "2026"
        add("date", f"{year}-{int(match.group(2)):02d}-{int(match.group(3)):02d}", *match.span())
    for match in patterns["month_dates"].finditer(text):
        month = (match.group(1) or match.group(5)).lower()
        day = int(match.group(2) or match.group(4))
        year = match.group(3) or match.group(6) or "2026"
        if 1 <= day <= 31:
            add("date", f"{year}-{data['months'].index(month) + 1:02d}-{day:02d}", *match.span())
    for match in _TIME.finditer(text):
        hour = int(match.group(1) or match.group(5))
        minute = int(match.group(2) or 0)
        second = int(match.group(3) or 0)
        half = (match.group(4) or match.group(6) or "").lower().replace(".", "")
        hour = hour % 12 + (12 if half == "pm" else 0) if half else hour
        if hour < 24 and minute < 60 and second < 60:
            add("time", f"{hour:02d}:{minute:02d}:{second:02d}", *match.span())
    for match in _ID.finditer(text):
        token = match.group(0)
        if token.startswith("#"):
            add("id", token[1:], *match.span())
        elif (
            re.search(r"\d", token)
            and re.search(r"[A-Za-z]", token)
            and len(token) >= 3
            and not _UNIT_SUFFIX.fullmatch(token)
        ):
            add("id", token, *match.span())
    for match in patterns["days"].finditer(text):
        add("date", match.group(0), *match.span())
    _places(text, add, data)
    _people(text, add, data)
    for match in _NUMBER.finditer(text):
        raw = match.group(0).replace(",", "")
        value: Any = float(raw) if "." in raw else int(raw)
        add("number", value, *match.span())
    for match in patterns["number_words"].finditer(text):
        add("number", data["number_words"][match.group(1).lower()], *match.span())
    for match in patterns["cjk_numbers"].finditer(text):
        add("number", data["number_words"][match.group(1)], *match.span())
    return sorted(found, key=lambda f: (f.kind, f.start))


def _places(text: str, add: Any, data: dict[str, Any]) -> None:
    """Places of the gazetteer in any case or accents (as listed when the user wrote them all in one case, else as
    written), capitalised words after a place preposition ("in Lima"), and those listed with a place ("Oslo and
    Lima": a model takes the second for a place too)."""
    ends: set[int] = set()
    for match in data["patterns"]["places"].finditer(fold(text)):
        written = text[match.start() : match.end()]
        one_case = written == written.lower() or written == written.upper()
        value = data["canonical"].get(match.group(0), written) if one_case else written
        if add("place", value, *match.span()):
            ends.add(match.end())
    for match in _CAPS.finditer(text):
        words = match.group(0).split()
        if words[0] in data["not_names"]:
            continue
        before = words_of(text[max(0, match.start() - 12) : match.start()])
        listed = any(_JOINED.fullmatch(text[end : match.start()]) for end in ends if end < match.start())
        listed = listed and not set(words_of(text[match.end() : match.end() + 6])[:1]) & data["prepositions"]
        if listed and add("place", match.group(0), *match.span()):
            ends.add(match.end())
            continue
        of_place = len(before) > 1 and before[-1] == "of" and before[-2] in data["families"]["place"][0]
        if not of_place and (not before or before[-1] not in data["prepositions"]):
            continue  # a place follows a preposition, or "the city of"
        if before[-1] in {"to", "from", "for"} and len(words) > 1:
            continue  # "to Mary Jones": a person
        if add("place", match.group(0), *match.span()):
            ends.add(match.end())
    for match in re.finditer(rf"([{_CJK}]{{2,3}}?)(?:市|省|县)", text):
        add("place", match.group(1), *match.span(1))


def _people(text: str, add: Any, data: dict[str, Any]) -> None:
    for match in _INTRO.finditer(text):
        words = [w for w in match.group(1).split() if w not in data["not_names"]]
        if words:
            add("person", " ".join(words), match.start(1), match.start(1) + len(" ".join(words)))
    for match in _ZH_INTRO.finditer(text):
        add("person", match.group(1), *match.span(1))
    for match in data["patterns"]["surname_names"].finditer(text):
        if match.group(0) not in data["not_names"]:
            add("person", match.group(0), *match.span())
    for match in data["patterns"]["small_names"].finditer(text):
        if match.group(0) not in data["not_names"]:
            add("person", match.group(0), *match.span())
    for match in _CAPS.finditer(text):
        words = match.group(0).split()
        start = match.start()
        while words and words[0].rstrip("'s") in data["not_names_bare"]:
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        add("person", name, start, start + len(name))
