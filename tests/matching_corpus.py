"""Hand-made claims over the sample corpus, for testing matching without the extractor.

Each claim is a piece of an article (found in the whitespace-folded body, as the fixtures do) with
the slots a careful reader gives it. Decoys from the two real articles that share countries, places
and event words with the others are included on purpose: they must not be flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from db.models import Article, Claim
from factcheck.matching import MatchClaim
from factcheck.matching.context import ClaimSpan, sentence_contexts
from factcheck.model import ActorSlot, DateSlot, NumberSlot, PlaceSlot, Slots
from factcheck.text import normalize_for_matching

__all__ = ["ARTICLE_IDS", "HandClaim", "corpus_claims", "locate", "overlapping", "store_hand_claims"]

ARTICLE_IDS = {
    "000_f1042223d0777276.txt": 1,
    "004_0960fe732d95aff5.txt": 2,
    "ar_jordan_meeting_report.txt": 3,
    "en_defence_delegation.txt": 4,
}


def locate(body: str, text: str) -> tuple[int, int]:
    """Offsets in ``body`` of ``text`` compared with whitespace folded on both sides."""
    pattern = r"\s+".join(re.escape(part) for part in text.split())
    match = re.search(pattern, body)
    if match is None:
        raise AssertionError(f"not in the article: {text!r}")
    return match.start(), match.end()


@dataclass
class HandClaim:
    file: str
    text: str
    dates: list[tuple[str, str]] = field(default_factory=list)  # (surface, ISO value)
    places: list[tuple[str, str, str, str]] = field(default_factory=list)  # surface, name, country, kind
    numbers: list[tuple[str, float, str | None]] = field(default_factory=list)
    actors: list[tuple[str, str]] = field(default_factory=list)  # surface, kind
    participants: list[str] = field(default_factory=list)
    negated: bool = False


def _slots(c: HandClaim, start: int, end: int) -> Slots:
    return Slots(
        dates=tuple(DateSlot(s, v, {10: "day", 7: "month"}.get(len(v), "year"), start, end) for s, v in c.dates),
        numbers=tuple(NumberSlot(s, v, u, start, end) for s, v, u in c.numbers),
        places=tuple(PlaceSlot(s, n, cc, k, start, end) for s, n, cc, k in c.places),
        actors=tuple(ActorSlot(s, s, k, start, end) for s, k in c.actors),
        participants=tuple(c.participants),
    )


JO = ("الأردن", "Jordan", "JO", "country")
TR = ("تركيا", "Turkey", "TR", "country")
SY = ("سوريا", "Syria", "SY", "country")
IQ = ("العراق", "Iraq", "IQ", "country")
LB = ("لبنان", "Lebanon", "LB", "country")
DAMASCUS = ("دمشق", "دمشق", "SY", "city")

HAND_CLAIMS = [
    # 000: the joint operations centre (real article, April 2025)
    HandClaim(
        "000_f1042223d0777276.txt",
        "كشفت وزارة الدفاع التركية، اليوم الخميس، عن إنشاء مركز عمليات مشترك بالتعاون مع دمشق",
        dates=[("اليوم الخميس", "2025-04-03")],
        places=[DAMASCUS],
        actors=[("وزارة الدفاع التركية", "ministry")],
    ),
    HandClaim("000_f1042223d0777276.txt", "الموارد والإمكانات الموجودة في سوريا هي ملك للشعب السوري", places=[SY]),
    HandClaim(
        "000_f1042223d0777276.txt",
        "عُقد في 9 مارس الماضي اجتماع وزاري في الأردن",
        dates=[("9 مارس الماضي", "2025-03-09")],
        places=[JO],
    ),
    HandClaim(
        "000_f1042223d0777276.txt",
        "ضم تركيا والعراق وسوريا ولبنان والأردن",
        places=[TR, IQ, SY, LB, JO],
        participants=["TR", "IQ", "SY", "LB", "JO"],
    ),
    HandClaim(
        "000_f1042223d0777276.txt",
        "تم الاتفاق بين الدول الخمس على تقديم الدعم الكامل لدمشق في مواجهة الإرهاب",
        numbers=[("الدول الخمس", 5, "دول")],
        places=[("لدمشق", "دمشق", "SY", "city")],
    ),
    HandClaim("000_f1042223d0777276.txt", "تم الاتفاق على إنشاء مركز العمليات المشترك"),
    HandClaim(
        "000_f1042223d0777276.txt",
        "تأتي هذه الخطوة في ظل التقارب الملحوظ بين أنقرة ودمشق منذ تغيير النظام السياسي في سوريا",
        places=[("أنقرة", "أنقرة", "TR", "city"), DAMASCUS, SY],
    ),
    # 004: the Turkish delegation in Damascus (real article, October 2025)
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "استقبل وزير الدفاع السوري مرهف أبو قصرة، اليوم الجمعة، وفدًا عسكريًا تركيًا رفيع المستوى",
        dates=[("اليوم الجمعة", "2025-10-17")],
        actors=[("مرهف أبو قصرة", "person")],
    ),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "برئاسة المدير العام للدفاع والأمن في وزارة الدفاع التركية إلكاي آلتينداج",
        actors=[("وزارة الدفاع التركية", "ministry"), ("إلكاي آلتينداج", "person")],
    ),
    HandClaim("004_0960fe732d95aff5.txt", "في مقر وزارة الدفاع بالعاصمة دمشق", places=[DAMASCUS]),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "زيارة الوزير أبو قصرة إلى تركيا في 12 أكتوبر/تشرين الأول الجاري",
        dates=[("12 أكتوبر/تشرين الأول الجاري", "2025-10-12")],
        places=[TR],
        actors=[("أبو قصرة", "person")],
    ),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "ضم وزير الخارجية والمغتربين أسعد الشيباني، ورئيس جهاز الاستخبارات العامة حسين السلامة",
        actors=[("أسعد الشيباني", "person"), ("حسين السلامة", "person")],
    ),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "أعرب أبو قصرة عن شكره وتقديره لنظيره التركي يشار غولر",
        actors=[("أبو قصرة", "person"), ("يشار غولر", "person")],
    ),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "خلال شهر أغسطس/آب الماضي، زار وفد من وزارة الدفاع السورية تركيا مرتين",
        dates=[("أغسطس/آب الماضي", "2025-08")],
        places=[TR],
        numbers=[("مرتين", 2, None)],
    ),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "تسعى دول عدة، بينها تركيا وسوريا، إلى تخفيف التوترات القديمة",
        places=[TR, SY],
        participants=["TR", "SY"],
    ),
    HandClaim(
        "004_0960fe732d95aff5.txt",
        "بدعم من روسيا وإيران",
        places=[("روسيا", "Russia", "RU", "country"), ("إيران", "Iran", "IR", "country")],
    ),
    # The Jordan meeting, told differently (test fixture)
    HandClaim(
        "ar_jordan_meeting_report.txt",
        "اجتماع عمّان: أربع دول تتفق على دعم دمشق في مواجهة داعش",
        places=[("عمّان", "عمان", "JO", "city"), DAMASCUS],
        numbers=[("أربع دول", 4, "دول")],
        actors=[("داعش", "group")],
    ),
    HandClaim(
        "ar_jordan_meeting_report.txt",
        "اجتماعًا وزاريًا عُقد في العاصمة عمّان يوم 10 مارس",
        dates=[("يوم 10 مارس", "2025-03-10")],
        places=[("عمّان", "عمان", "JO", "city")],
    ),
    HandClaim(
        "ar_jordan_meeting_report.txt",
        "بمشاركة أربع دول هي تركيا والعراق وسوريا والأردن",
        numbers=[("أربع دول", 4, "دول")],
        places=[TR, IQ, SY, JO],
        participants=["TR", "IQ", "SY", "JO"],
    ),
    HandClaim(
        "ar_jordan_meeting_report.txt",
        "اتفقت الدول المشاركة على دعم الحكومة السورية في مواجهة تنظيم داعش",
        places=[("السورية", "Syria", "SY", "country")],
        actors=[("داعش", "group")],
    ),
    HandClaim(
        "ar_jordan_meeting_report.txt",
        "ولم يتم الاتفاق على إنشاء مركز عمليات مشترك، بحسب مصدر دبلوماسي حضر الاجتماع",
        negated=True,
    ),
    HandClaim(
        "ar_jordan_meeting_report.txt",
        "قال وزير الخارجية الأردني أيمن الصفدي إن الاجتماع بحث أمن الحدود ومكافحة الإرهاب وعودة اللاجئين",
        actors=[("أيمن الصفدي", "person")],
        places=[JO],
    ),
    # The delegation, in English (test fixture)
    HandClaim(
        "en_defence_delegation.txt",
        "Syria's Defence Minister Murhaf Abu Qasra received a high-level Turkish military delegation in "
        "Damascus on Friday",
        dates=[("on Friday", "2025-10-17")],
        places=[("Damascus", "Damascus", "SY", "city")],
        actors=[("Murhaf Abu Qasra", "person")],
    ),
    HandClaim(
        "en_defence_delegation.txt",
        "Abu Qasra visited Ankara on October 13 alongside Foreign Minister Asaad al-Shaibani and "
        "intelligence chief Hussein al-Salama",
        dates=[("October 13", "2025-10-13")],
        places=[("Ankara", "Ankara", "TR", "city")],
        actors=[("Abu Qasra", "person"), ("Asaad al-Shaibani", "person"), ("Hussein al-Salama", "person")],
    ),
    HandClaim(
        "en_defence_delegation.txt",
        "In August, a delegation from the Syrian defence ministry visited Turkey three times",
        dates=[("In August", "2025-08")],
        places=[("Turkey", "Turkey", "TR", "country")],
        numbers=[("three times", 3, "times")],
    ),
    HandClaim(
        "en_defence_delegation.txt",
        "Abu Qasra thanked his Turkish counterpart Yasar Guler on X",
        actors=[("Abu Qasra", "person"), ("Yasar Guler", "person")],
    ),
]


def corpus_claims(corpus_dir: Path, manifest: dict[str, dict[str, Any]]) -> list[MatchClaim]:
    """The hand-made claims as ``MatchClaim`` objects with ids in list order and sentence context."""
    bodies = {name: (corpus_dir / name).read_text(encoding="utf-8") for name in ARTICLE_IDS}
    spans: dict[str, list[ClaimSpan]] = {name: [] for name in ARTICLE_IDS}
    placed: list[tuple[int, HandClaim, int, int, Slots]] = []
    for claim_id, hand in enumerate(HAND_CLAIMS, start=1):
        start, end = locate(bodies[hand.file], hand.text)
        slots = _slots(hand, start, end)
        spans[hand.file].append(ClaimSpan(claim_id, start, end, slots))
        placed.append((claim_id, hand, start, end, slots))
    contexts = {
        claim_id: ctx
        for name, claim_spans in spans.items()
        for claim_id, ctx in sentence_contexts(bodies[name], claim_spans).items()
    }
    return [
        MatchClaim(
            id=claim_id,
            article_id=ARTICLE_IDS[hand.file],
            text=bodies[hand.file][start:end],
            language=manifest[hand.file]["language"],
            slots=slots,
            negated=hand.negated,
            context=contexts[claim_id][0],
            context_slots=contexts[claim_id][1],
        )
        for claim_id, hand, start, end, slots in placed
    ]


def overlapping(claims: list[MatchClaim], corpus_dir: Path, ref: list[str]) -> set[int]:
    """Ids of the claims whose spans overlap a fixture reference ``[file, text]``."""
    name, text = ref
    body = (corpus_dir / name).read_text(encoding="utf-8")
    start, end = locate(body, text)
    article = ARTICLE_IDS[name]
    return {
        c.id
        for c in claims
        if c.article_id == article and (span := locate(body, c.text)) and span[0] < end and start < span[1]
    }


def store_hand_claims(
    session: Session, corpus_dir: Path, manifest: dict[str, dict[str, Any]], files: list[str]
) -> list[int]:
    """Store the hand-made claims of ``files`` as a plain import would, returning the new claim ids."""
    claims = [c for c in corpus_claims(corpus_dir, manifest) if c.article_id in {ARTICLE_IDS[f] for f in files}]
    ids: list[int] = []
    for name in files:
        entry = manifest[name]
        body = (corpus_dir / name).read_text(encoding="utf-8")
        session.add(
            Article(
                id=ARTICLE_IDS[name],
                title=name,
                outlet=entry["outlet"],
                language=entry["language"],
                published=entry["published"],
                body=body,
                content_hash=name,
            )
        )
        session.flush()
        for claim in (c for c in claims if c.article_id == ARTICLE_IDS[name]):
            start = body.index(claim.text)
            row = Claim(
                id=claim.id,
                article_id=claim.article_id,
                text=claim.text,
                norm_text=normalize_for_matching(claim.text),
                start=start,
                end=start + len(claim.text),
                negated=claim.negated,
                slots=claim.slots.to_dict(),
            )
            session.add(row)
            ids.append(claim.id)
    session.flush()
    return ids


def candidate_ids(claims: list[MatchClaim]) -> set[tuple[int, int]]:
    """The claim-id pairs (lower, higher) that candidate generation proposes to the model."""
    from factcheck.matching import features_of
    from factcheck.matching.blocking import candidate_pairs

    left, right = candidate_pairs([features_of(c) for c in claims])
    ids = [c.id for c in claims]
    return {(min(ids[a], ids[b]), max(ids[a], ids[b])) for a, b in zip(left.tolist(), right.tolist(), strict=True)}
