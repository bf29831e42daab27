"""Negation and opposite predicates on hand-written pairs: they fire on one statement said two ways and
stay quiet on paraphrases, on different events and on antonyms that stand in unrelated places."""

from __future__ import annotations

import pytest

from factcheck.contradictions import ContradictionKind, findings
from factcheck.contradictions.kinds import KINDS
from factcheck.contradictions.pair import Pair
from factcheck.contradictions.polarity import opposite_conflict
from factcheck.extraction import extract_claims
from factcheck.matching import MatchClaim, features_of, match_all
from factcheck.model import ArticleText, Slots


def _claim(claim_id: int, text: str, language: str) -> MatchClaim:
    return MatchClaim(id=claim_id, article_id=claim_id, text=text, language=language, slots=Slots())


def _checked(a: str, b: str, language: str) -> dict[str, tuple[object, object]]:
    """Every kind's check run on the pair as if the matcher had judged it one event (the gate open)."""
    pair = Pair(features_of(_claim(1, a, language)), features_of(_claim(2, b, language)), True, True)
    return {str(rule.kind): (c.value_a, c.value_b) for rule in KINDS for c in rule.check(pair)}


CONFLICTS = [
    # (kind, language, a, b, the words each side is quoted with)
    (
        "negation",
        "ar",
        "تم الاتفاق على إنشاء مركز عمليات مشترك في عمّان",
        "لم يتم الاتفاق على إنشاء مركز عمليات مشترك في عمّان",
        ("تم الاتفاق", "لم يتم"),
    ),
    (
        "negation",
        "ar",
        "يوجد رجل يعزف على الجيتار في الحديقة",
        "لا يوجد رجل يعزف على الجيتار في الحديقة",
        ("يوجد رجل", "لا يوجد رجل"),
    ),
    (
        "negation",
        "en",
        "The talks between the two delegations were held in Geneva",
        "The talks between the two delegations were not held in Geneva",
        ("were held", "not held"),
    ),
    (
        "negation",
        "en",
        "There is no man playing a guitar on the stage",
        "A man is playing a guitar on the stage",
        ("no man", "A man"),
    ),
    (
        "negation",
        "ar",
        "يوجد مستشفى متخصص لعلاج الصقور في الدوحة",
        "ما فيه مستشفى متخصص لعلاج الصقور في الدوحة",
        ("يوجد مستشفى", "ما فيه مستشفى"),
    ),
    (
        "opposite",
        "ar",
        "ارتفعت أسعار النفط في الأسواق العالمية",
        "انخفضت أسعار النفط في الأسواق العالمية",
        ("ارتفعت", "انخفضت"),
    ),
    (
        "opposite",
        "ar",
        "استمرت المفاوضات في الدوحة بين الوفدين",
        "توقفت المفاوضات في الدوحة بين الوفدين",
        ("استمرت", "توقفت"),
    ),
    (
        "opposite",
        "ar",
        "الذهب يرتفع لأعلى مستوى منذ 12 أسبوعا",
        "هبوط الذهب لأدنى مستوى منذ 12 أسبوعا",
        ("يرتفع", "هبوط"),
    ),
    (
        "opposite",
        "en",
        "Oil prices rose sharply in Asian trading",
        "Oil prices fell sharply in Asian trading",
        ("rose", "fell"),
    ),
    (
        "opposite",
        "en",
        "The match was postponed because of the storm",
        "The match started despite the storm",
        ("postponed", "started"),
    ),
]


@pytest.mark.parametrize(("kind", "language", "a", "b", "values"), CONFLICTS)
def test_a_statement_said_two_ways_is_flagged_with_both_spans(
    kind: str, language: str, a: str, b: str, values: tuple[str, str]
) -> None:
    found = _checked(a, b, language)
    assert set(found) == {kind}
    assert found[kind] == values


@pytest.mark.parametrize(("kind", "language", "a", "b", "values"), [CONFLICTS[0], CONFLICTS[2], CONFLICTS[7]])
def test_the_pipeline_flags_what_the_matcher_links(
    kind: str, language: str, a: str, b: str, values: tuple[str, str]
) -> None:
    """Through today's matcher (the gate): pairs it links get the flag, on a link a reviewer can reject."""
    flags = findings(match_all([_claim(1, a, language), _claim(2, b, language)])).flags
    polarity = [f for f in flags if f.kind in (ContradictionKind.NEGATION, ContradictionKind.OPPOSITE)]
    assert [(str(f.kind), f.value_a, f.value_b) for f in polarity] == [(kind, *values)]
    explanation = polarity[0].explanation
    assert explanation.split()[0].isascii() and explanation.split()[-1].isascii()  # English around quoted words
    assert f'"{values[0]}"' in explanation and f'"{values[1]}"' in explanation


QUIET = [
    # paraphrases: the same side of a scale, or a negation that says what an opposite says
    ("ar", "ارتفعت أسعار الذهب في التعاملات المبكرة", "صعود أسعار الذهب في التعاملات المبكرة"),
    ("en", "Gold prices rose in early trading", "Gold prices climbed in early trading"),
    ("ar", "الوزير لم يقبل العرض المقدم من الشركة", "الوزير رفض العرض المقدم من الشركة"),
    (
        "en",
        "The minister did not accept the offer from the company",
        "The minister rejected the offer from the company",
    ),
    ("en", "Nobody is riding a horse on the beach", "There is no person riding a horse on the beach"),
    # «بلا حدود» in an organisation's name («أطباء بلا حدود») negates nothing
    ("ar", "أطباء بلا حدود: العشرات يغرقون قبالة السواحل الليبية", "غرق العشرات قبالة السواحل الليبية"),
    # a text that names both sides compares two things and takes neither
    ("ar", "الذهب يرتفع مع تراجع الدولار", "الذهب يرتفع مع تراجع النفط"),
    # different events
    ("en", "Oil prices rose in Asian trading", "Football fans fell silent in the stadium"),
    ("ar", "ارتفعت أسعار النفط في آسيا", "لم يحضر الجمهور مباراة كرة القدم"),
    # antonyms in unrelated places: the rest agrees, but the opposite words describe different things
    (
        "en",
        "The ministry opened a new school in Jeddah and said oil exports would continue through the summer",
        "The ministry opened a new school in Jeddah and said the bus service to the old port would stop",
    ),
    (
        "ar",
        "افتتحت الوزارة مدرسة جديدة في جدة وقالت إن صادرات النفط تستمر طوال الصيف",
        "افتتحت الوزارة مدرسة جديدة في جدة وقالت إن خدمة الحافلات إلى الميناء القديم تتوقف",
    ),
    # two ways of saying no: a denying verb against a negation cue
    ("ar", "رفض رئيس الحكومة أن تكون بلاده دعمت التنظيم", "نفى رئيس الحكومة أن تكون بلاده دعمت التنظيم"),
    # cues that do not negate: «لا يقل عن» (at least), «غير العادية» (extraordinary), «لا سيما»
    ("ar", "يشترط ألا يقل عمر المتقدم عن 25 عاما", "يشترط أن يكون عمر المتقدم 25 عاما"),
    ("ar", "تجتمع اللجنة لتحديد موعد الجمعية العمومية غير العادية", "تجتمع اللجنة لتحديد موعد الجمعية العمومية"),
    # a negation about something the other text does not say
    (
        "ar",
        "أرجع المتحدث انقطاع الكهرباء عن الجسر إلى عطل بالشبكة الداخلية ولا علاقة للشركة به",
        "أرجع المتحدث انقطاع الكهرباء عن الجسر إلى عطل بالشبكة الداخلية",
    ),
    ("en", "The ministers agreed to open a joint operations centre", "The ministers did not agree on refugees"),
    # Gulf «ما فيه» (there is no) says what «لم يوجد» says; «على ما فيه مصلحة» negates nothing
    ("ar", "فإذا لم يوجد مستشفى وعناية يخسر الصقار هوايته", "فإذا ما فيه مستشفى وعناية يخسر الصقار هوايته"),
    ("ar", "يعمل المجلس على ما فيه مصلحة المواطنين", "يعمل المجلس على مصلحة المواطنين"),
    ("ar", "وأجبت: مش بطال", "فقال بلا حماس: «مش بطالة»"),  # Egyptian «مش» (not) on both sides
    # two moments of one trading day, each true
    (
        "ar",
        "زاد المؤشر فايننشال تايمز 100 البريطاني 0.1 بالمئة عند الفتح",
        "نزل المؤشر فايننشال تايمز 100 البريطاني 0.3 بالمئة عند الإغلاق",
    ),
    ("en", "The index rose 0.1 percent at the open in London", "The index fell 0.3 percent at the close in London"),
    # a damaged text (mojibake ate «أنه لن») cannot be read for its negation
    ("ar", "أكد بلاتر في اجتماع åيكون مرشحا لرئاسة الاتحاد", "أكد بلاتر في اجتماع أنه لن يكون مرشحا لرئاسة الاتحاد"),
    # «بلا ضمير» (without conscience) says what «المعدوم الضمير» (lacking conscience) says
    (
        "ar",
        "وقال المتحدث إن استغلال الجماعة المعدوم الضمير للأطفال كمفجرين انتحاريين يبرز همجيتها",
        "وقال المتحدث إن استغلال الجماعة بلا ضمير للأطفال كمفجرين انتحاريين يبرز همجيتها",
    ),
    # «قلة الحركة» (little movement) says what «عدم الحركة» (no movement) says
    (
        "ar",
        "وأوضح الطبيب أن عدم الحركة يؤدي إلى توقف الدم في الأوردة",
        "وأوضح الطبيب أن قلة الحركة تؤدي إلى توقف الدم في الأوردة",
    ),
    # one clause of a longer sentence quoted: the sentence's negation is in its other clause
    (
        "ar",
        "يمكن أن يتغير لون الشعر المصبوغ إلى الأخضر بعد السباحة في حوض فيه كلور"
        " ولكن اللون لا يتغير بسبب الكلور نفسه بحسب الطبيب",
        "يمكن أن يتغير لون الشعر المصبوغ إلى الأخضر بعد السباحة في حوض فيه كلور",
    ),
    (
        "ar",
        "واعتبرت الأمانة العامة أن هذه التصريحات غير مسؤولة، خصوصا أنها تصدر عن مسؤول يتولى منصبا رفيعا في الحكومة",
        "خاصة أنها تصدر عن مسؤول يتولى منصبا رفيعا في الحكومة",
    ),
    # «يعوض بعض خسائره» (recovers some of its losses) is a rise, not a fall
    ("ar", "النفط يعوض بعض خسائره بعد إعلان ترامب", "إعلان ترامب يرفع النفط"),
    # «على الأقل» (at least) bounds a count; it says no "less" against «أكثر من» (more than)
    ("ar", "وأكدت مصادر طبية مقتل عشرين شخصا على الأقل", "فقتل أكثر من عشرين شخصا"),
    # the condition quoted from "will not be considered until the conditions are met", a word apart
    (
        "ar",
        "ولن ينظر في وضعها حتى تتوافر الاشتراطات اللازمة فيها، وحصولهم على رخص مزاولة الأنشطة السياحية",
        "حتى تتوافر الاشتراطات اللازمة فيها، ويتم حصولهم على رخص مزاولة الأنشطة السياحية",
    ),
    # a quoted hadith, vowelled: its «لَا» answers a question, it does not deny the news
    (
        "ar",
        "قَالَتْ: لَا كَانَ عَمَلُهُ دِيمَةً، وأيكم يستطيع ما كان رسول الله صلى الله عليه وسلم يستطيع",
        "كان النبي صلى الله عليه وسلم عمله ديمة",
    ),
    # how one quantity moves another, stated both ways: both true
    (
        "ar",
        "ويجعل تراجع الدولار الخام المقوم بالعملة الأمريكية أقل تكلفة على حائزي العملات الأخرى",
        "ويجعل صعود الدولار الخام المقوم بالعملة الأمريكية أعلى تكلفة على حائزي العملات الأخرى",
    ),
    ("ar", "تشير قراءة المؤشر لأكثر من 50 نقطة إلى نمو النشاط", "وتشير قراءة المؤشر لأقل من 50 نقطة إلى انكماش النشاط"),
    (
        "en",
        "A falling dollar makes oil priced in dollars less expensive for holders of other currencies",
        "A rising dollar makes oil priced in dollars more expensive for holders of other currencies",
    ),
]


@pytest.mark.parametrize(("language", "a", "b"), QUIET)
def test_paraphrases_other_events_and_unrelated_antonyms_stay_quiet(language: str, a: str, b: str) -> None:
    found = _checked(a, b, language)
    assert not {"negation", "opposite"} & set(found), found


def _extracted(claim_id: int, text: str) -> MatchClaim:
    """The sentence as one claim with the slots the extractor reads in it (numbers among them)."""
    slots = extract_claims(ArticleText(body=text, language="ar"))[0].slots
    return MatchClaim(id=claim_id, article_id=claim_id, text=text, language="ar", slots=slots)


def test_a_rise_and_a_fall_of_two_sizes_are_two_readings_of_one_size_a_contradiction() -> None:
    """Two sessions of one market report two measurements; one statistic reported rising by one paper
    and falling by the other, by the same 29.7 %, is what a reviewer should see."""
    rose = _extracted(1, "وبحسب التقرير ارتفع مؤشر البورصة الأردنية بنسبة 0.09% ليغلق عند مستوى 2134 نقطة")
    fell = _extracted(2, "وبحسب التقرير تراجع مؤشر البورصة الأردنية بنسبة 0.33% ليغلق عند مستوى 2127 نقطة")
    assert opposite_conflict(Pair(features_of(rose), features_of(fell), True, True)) == []
    # the same units written with another case ending or as a plural («دولارا»/«دولار», «سنتا»/«سنتات»)
    fell = _extracted(5, "وهبط سعر خام برنت عند التسوية 52 سنتا أو 0.9 بالمئة إلى 57.10 دولارا للبرميل")
    grew = _extracted(6, "وزاد سعر خام برنت عند التسوية ثمانية سنتات إلى 57.70 دولار للبرميل")
    assert opposite_conflict(Pair(features_of(fell), features_of(grew), True, True)) == []
    down = _extracted(3, "وبلغت تسديدات القروض خلال العام الماضي 18 مليار ريال بانخفاض 29.7% مقارنة بالعام السابق")
    up = _extracted(4, "وبلغت تسديدات القروض خلال العام الماضي 18 مليار ريال بارتفاع 29.7% مقارنة بالعام السابق")
    found = opposite_conflict(Pair(features_of(down), features_of(up), True, True))
    assert [(c.value_a, c.value_b) for c in found] == [("بانخفاض", "بارتفاع")]
