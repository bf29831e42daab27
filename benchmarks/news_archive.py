"""A generated news archive in the shape of real news, for the import benchmark.

Articles of 300–800 words, about 70 % Arabic and 30 % English, from several outlets. Each article tells
one story (who, where, when, how many: the sentences claims and matches are made of) amid background
sentences built from the sample corpus's own vocabulary and sentences. Stories are repeated: most are
reported by two to four outlets, in either language, in another order, sometimes with a number or a day
that disagrees, as archives of real wires do. Deterministic for a seed; written as JSONL line by line.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["archive_records", "write_archive"]

_CORPUS = Path(__file__).resolve().parent.parent / "sources" / "sample_corpus"
OUTLETS = ["Al-Rai Wire", "صوت كوردستان", "الشرق اليوم", "Levant Daily", "Gulf Monitor", "المدى نيوز", "Amman Post"]
CITIES = [
    ("عمّان", "Amman"), ("دمشق", "Damascus"), ("أنقرة", "Ankara"), ("بغداد", "Baghdad"), ("بيروت", "Beirut"),
    ("القاهرة", "Cairo"), ("الرياض", "Riyadh"), ("الدوحة", "Doha"), ("تونس", "Tunis"), ("الرباط", "Rabat"),
    ("مسقط", "Muscat"), ("الكويت", "Kuwait"), ("المنامة", "Manama"), ("الخرطوم", "Khartoum"), ("إسطنبول", "Istanbul"),
    ("حلب", "Aleppo"), ("الموصل", "Mosul"), ("البصرة", "Basra"), ("حمص", "Homs"), ("إربد", "Irbid"),
    ("جدة", "Jeddah"), ("الإسكندرية", "Alexandria"), ("طرابلس", "Tripoli"), ("أربيل", "Erbil"),
]  # fmt: skip
FIRST = [
    ("محمد", "Mohammed"), ("أحمد", "Ahmed"), ("خالد", "Khaled"), ("سامي", "Sami"), ("ليلى", "Laila"), ("رنا", "Rana"),
    ("يوسف", "Youssef"), ("عمر", "Omar"), ("فادي", "Fadi"), ("هالة", "Hala"), ("ناصر", "Nasser"), ("طارق", "Tarek"),
    ("سلمى", "Salma"), ("كريم", "Karim"), ("زياد", "Ziad"), ("منى", "Mona"),
]  # fmt: skip
FAMILY = [
    ("الحسن", "al-Hassan"), ("العمري", "al-Omari"), ("النجار", "al-Najjar"), ("الخطيب", "al-Khatib"),
    ("حداد", "Haddad"), ("منصور", "Mansour"), ("السعدي", "al-Saadi"), ("الزعبي", "al-Zoubi"), ("القاسم", "al-Qasim"),
    ("عبيد", "Obeid"), ("الشامي", "al-Shami"), ("الرفاعي", "al-Rifai"), ("البزاز", "al-Bazzaz"), ("يونس", "Younes"),
]  # fmt: skip
ROLES = [
    ("وزير الخارجية", "Foreign Minister"), ("وزير الدفاع", "Defence Minister"), ("وزير الداخلية", "Interior Minister"),
    ("رئيس الوزراء", "Prime Minister"), ("وزير الاقتصاد", "Economy Minister"), ("وزير الطاقة", "Energy Minister"),
]  # fmt: skip
TOPICS = [
    ("أمن الحدود", "border security"), ("عودة اللاجئين", "the return of refugees"),
    ("مكافحة الإرهاب", "counter-terrorism"), ("التعاون الاقتصادي", "economic cooperation"),
    ("إمدادات الطاقة", "energy supplies"), ("إعادة الإعمار", "reconstruction"),
]  # fmt: skip
UNITS = [("جنديا", "soldiers"), ("شاحنة", "trucks"), ("لاجئا", "refugees"), ("مليون دولار", "million dollars")]
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
             "ديسمبر"]  # fmt: skip
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]  # fmt: skip


_ENGLISH_BACKGROUND = (
    "officials said the government would review plans for regional trade and security while analysts "
    "expected further talks between parties after weeks of negotiations over budgets prices wages "
    "schools hospitals roads water electricity farmers workers students families companies markets "
    "investors reporters observers committee council parliament opposition coalition reform policy "
    "statement announcement decision proposal project programme funding support concerns criticism "
    "pressure growth decline recovery crisis stability cooperation development infrastructure"
)


@dataclass(frozen=True, slots=True)
class Story:
    host: tuple[str, str]
    guest: tuple[str, str]
    host_role: tuple[str, str]
    guest_role: tuple[str, str]
    city: tuple[str, str]
    day: date
    count: int
    unit: tuple[str, str]
    topic: tuple[str, str]
    other_topic: tuple[str, str]


def _person(rng: random.Random) -> tuple[str, str]:
    first, family = rng.choice(FIRST), rng.choice(FAMILY)
    return f"{first[0]} {family[0]}", f"{first[1]} {family[1]}"


def _story(rng: random.Random) -> Story:
    topic, other = rng.sample(TOPICS, 2)
    host_role, guest_role = rng.sample(ROLES, 2)
    return Story(
        host=_person(rng),
        guest=_person(rng),
        host_role=host_role,
        guest_role=guest_role,
        city=rng.choice(CITIES),
        day=date(2024, 1, 1) + timedelta(days=rng.randrange(700)),
        count=rng.randrange(3, 900),
        unit=rng.choice(UNITS),
        topic=topic,
        other_topic=other,
    )


def _facts(s: Story, lang: int) -> list[str]:
    """The story's own sentences: 0 for Arabic, 1 for English."""
    day = f"{s.day.day} {AR_MONTHS[s.day.month - 1]}" if lang == 0 else f"{s.day.day} {EN_MONTHS[s.day.month - 1]}"
    if lang == 0:
        return [
            f"استقبل {s.host_role[0]} {s.host[0]} في {s.city[0]} يوم {day} {s.guest_role[0]} {s.guest[0]}.",
            f"وبحث المسؤولون خلال الاجتماع في {s.city[0]} {s.topic[0]} و{s.other_topic[0]}.",
            f"وأعلنت الوزارة أن {s.count} {s.unit[0]} وصلوا إلى {s.city[0]} يوم {day}.",
            f"وقال {s.host[0]} إن {s.topic[0]} ستبقى أولوية في المرحلة المقبلة.",
            f"ولم يتم الاتفاق على {s.other_topic[0]}، بحسب مصدر دبلوماسي حضر الاجتماع في {s.city[0]}.",
            f"وكان {s.guest[0]} قد زار {s.city[0]} قبل أسبوع من الاجتماع.",
        ]
    return [
        f"{s.host_role[1]} {s.host[1]} received {s.guest_role[1]} {s.guest[1]} in {s.city[1]} on {day}.",
        f"Officials discussed {s.topic[1]} and {s.other_topic[1]} during the meeting in {s.city[1]}.",
        f"The ministry said {s.count} {s.unit[1]} arrived in {s.city[1]} on {day}.",
        f"{s.host[1]} said {s.topic[1]} would remain a priority in the coming period.",
        f"No agreement was reached on {s.other_topic[1]}, according to a diplomatic source in {s.city[1]}.",
        f"{s.guest[1]} had visited {s.city[1]} a week before the meeting.",
    ]


def _slot_words(text: str, language: str) -> set[str]:
    """Words of the text that extraction takes as a date, number, place or actor."""
    from factcheck.extraction import extract_claims
    from factcheck.model import ArticleText

    out: set[str] = set()
    for claim in extract_claims(ArticleText(body=text, language=language)):
        slots = claim.slots
        surfaces = [s.surface for s in slots.dates] + [s.surface for s in slots.numbers]
        surfaces += [s.surface for s in slots.places] + [s.surface for s in slots.actors]
        for surface in surfaces:
            out.update(re.findall(r"\w+", surface))
    return out


def _corpus_material() -> tuple[list[list[str]], list[list[str]]]:
    """Sentences of the sample corpus and its words without digits, per language (0 Arabic, 1 English).

    Background words are the corpus words that are not dates, numbers, places or people: random
    sentences of those read like news to the extractor without tying unrelated articles together
    (real background sentences name other people and places than every other article's)."""
    manifest = json.loads((_CORPUS / "manifest.json").read_text(encoding="utf-8"))
    sentences: list[list[str]] = [[], []]
    words: list[list[str]] = [[], []]
    for entry in manifest:
        lang = 0 if entry["language"] == "ar" else 1
        text = (_CORPUS / entry["file"]).read_text(encoding="utf-8")
        for sentence in re.split(r"(?<=[.!?؟])\s+", " ".join(text.split())):
            if 40 < len(sentence) < 400:
                sentences[lang].append(sentence)
        words[lang].extend(re.findall(r"[^\W\d_]{3,}", text))
    words[1].extend(_ENGLISH_BACKGROUND.split())
    for lang, language in ((0, "ar"), (1, "en")):
        vocabulary = sorted(set(words[lang]))
        carrier = "قال المسؤول إن {} مهم." if lang == 0 else "The official said {} matters."
        skip = _slot_words("\n\n".join(carrier.format(w) for w in vocabulary), language) | {"the", "and"}
        words[lang] = [w for w in words[lang] if not {w, w.lower(), w[1:]} & skip]
    return sentences, words


def _background(rng: random.Random, lang: int, sentences: list[list[str]], words: list[list[str]]) -> str:
    if rng.random() < 0.01:  # boilerplate that many articles repeat word for word
        return rng.choice(sentences[lang])
    salad = rng.choices(words[lang], k=rng.randrange(10, 22))
    if lang == 0 and not salad[0].startswith("و") and rng.random() < 0.5:
        salad[0] = "و" + salad[0]
    return " ".join(salad) + "."


def archive_records(count: int, *, seed: int = 14) -> Iterator[dict[str, str]]:
    """``count`` JSONL records, each one article: text, title, outlet, published, language."""
    rng = random.Random(seed)
    sentences, words = _corpus_material()
    stories: list[Story] = []
    for _ in range(count):
        if not stories or rng.random() < 0.4:  # a new story; otherwise one already told is retold
            stories.append(_story(rng))
        story = rng.choice(stories[-50:])
        lang = 0 if rng.random() < 0.7 else 1
        if rng.random() < 0.1:  # a disagreeing report
            story = Story(**{**{f: getattr(story, f) for f in Story.__slots__}, "count": story.count + 5})
        facts = _facts(story, lang)
        rng.shuffle(facts)
        target = rng.randrange(300, 800)
        paragraphs: list[str] = [facts.pop()]
        length = len(paragraphs[0].split())
        while length < target:
            sentence = facts.pop() if facts and rng.random() < 0.3 else _background(rng, lang, sentences, words)
            paragraphs.append(sentence)
            length += len(sentence.split())
        title = f"{story.host[lang]} — {story.city[lang]}"
        yield {
            "title": title,
            "text": "\n\n".join(" ".join(paragraphs[i : i + 3]) for i in range(0, len(paragraphs), 3)),
            "outlet": rng.choice(OUTLETS),
            "published": (story.day + timedelta(days=rng.randrange(0, 3))).isoformat(),
            "language": "ar" if lang == 0 else "en",
        }


def write_archive(path: Path, count: int, *, seed: int = 14) -> int:
    """Write ``count`` articles to ``path`` as JSONL; returns the bytes written."""
    with path.open("w", encoding="utf-8") as out:
        for record in archive_records(count, seed=seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size
