"""Sentences that are never claims: questions, greetings, prayers, first-person opinion, page furniture.

Extraction is recall-first (every declarative sentence and headline is a claim, slots or not), so the
lines a reviewer should never see are turned away here: «هل …؟» and "Why …?", «صباح الخير», «اللهم …»,
«في رأيي …» / "I think …", and the furniture of news pages that sits on a line of its own: «رابط الخبر»
("link to the story"), «اقرأ أيضا», bylines («كتب: …», «بقلم …», "By …", "Reporting by …"), photo
captions («صورة أرشيفية», «تصوير: …», "Photo: …"), share and comment prompts. The test looks at the
first words and the last mark of a sentence only, so it costs next to nothing per sentence.
"""

from __future__ import annotations

import re

from factcheck.extraction.lexicon import END, IS_NUM, KEY, START, Token, fold, words
from factcheck.extraction.segment import Sentence

__all__ = ["not_a_claim"]

# Sentences opening with these words (folded, after an optional «و»/"and") are not claims.
_OPENINGS: tuple[str, ...] = tuple(
    fold(line)
    for line in """
    هل
    لماذا
    ماذا
    متى
    صباح الخير
    مساء الخير
    السلام عليكم
    مرحبا
    اللهم
    داعيا الله
    داعين الله
    سائلا الله
    سائلين الله
    نسال الله
    اسال الله
    يا رب
    يارب
    ربنا
    انك انت
    الحمد لله
    سبحان الله
    انا لله
    رحمه الله
    رحم الله
    جمعه مباركه
    عيد مبارك
    رمضان كريم
    كل عام وانتم بخير
    في رايي
    برايي
    اعتقد
    اظن
    مقالات اخرى
    رابط الخبر
    رابط المقال
    رابط التقرير
    للمزيد
    اقرا ايضا
    اقرا المزيد
    شاهد ايضا
    شاهد الفيديو
    اضغط هنا
    انقر هنا
    تابعونا
    اضف تعليق
    يمكن تحميل التطبيق
    لتحميل التطبيق
    حمل التطبيق
    صمم الموقع
    للتواصل مع الكاتب
    المزيد
    next previous
    بسم الله الرحمن الرحيم
    خدمه
    خاص ب
    بقلم
    كتب
    كتبت
    تصوير
    بعدسه
    الصوره
    صوره ارشيفيه
    صوره من
    المصدر
    مصدر الصوره
    good morning
    good evening
    thank you
    thanks
    happy
    god bless
    rip
    may god
    i think
    i believe
    i feel
    in my opinion
    imo
    link to the story
    read more
    read also
    see also
    by
    reporting by
    editing by
    writing by
    photo
    photograph
    picture
    image
    file photo
    credit
    source
    click here
    subscribe
    follow us
    سمات
    الكلمات الدلاليه
    كلمات مفتاحيه
    كلمات دلاليه
    وسوم
    tags
    keywords
    """.strip().splitlines()
)
_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in _OPENINGS:
    _parts = tuple(_phrase.split())
    _BY_FIRST.setdefault(_parts[0], []).append(_parts)
# Furniture openings that also begin real sentences («كتب الرئيس رسالة …», "By 2030 …", "Source code …"):
# furniture only on a short line, with a colon or dash after the first word where the set says so.
_SHORT_ONLY = frozenset({"by", "photo", "photograph", "picture", "image", "credit", "source", "happy", "كتب", "كتبت",
                         "تصوير", "الصوره", "المصدر", "صوره", "بقلم", "بعدسه", "خدمه", "خاص", "المزيد",
                         "سمات", "tags", "keywords"})  # fmt: skip
_NEEDS_MARK = frozenset({"كتب", "كتبت", "المصدر", "source", "credit", "photo", "image", "picture", "photograph"})
_SHORT = 7  # words
_DATELINE_WORDS = 4
_DASHES = (" – ", " - ", " — ")
_MARKS = frozenset(":-–—|")
_QUESTION_MARKS = frozenset("?؟")
_KITCHEN_MEASURES = words("""
    ملعقه ملعقتان ملعقتين ملاعق كوب كوبان كوبين اكواب فنجان فناجين رشه حبه حبتان حبتين حبات فص فصوص
    teaspoon teaspoons tablespoon tablespoons tsp tbsp cup cups pinch clove cloves
    """)
_AMOUNT_WORDS = words("ربع نصف ثلث ثلثي ثلاثه ارباع واحد واحده اثنان اثنين half quarter third one two three")
_MEASURE_WITHIN = 4  # «3 / 4 ملعقة»: the measure within the first words, after the amount
_INGREDIENT_WORDS = 10
_AND = frozenset({"و", "and"})
# «* أستاذ العلوم السياسية في جامعة …» under an opinion piece: who the writer is, not a claim.
_WRITER_NOTES = words("""أستاذ أستاذة كاتب كاتبة باحث باحثة محلل محللة صحفي صحفية صحافي صحافية إعلامي إعلامية
    أكاديمي أكاديمية مستشار مستشارة خبير خبيرة writer author professor analyst researcher journalist columnist""")
_LEAD_IN = ":"
# Page code and contact lines that reach article bodies: «float: left; width:260px», an e-mail address
# glued to «للتواصل مع الكاتب ارسل رسالة SMS …».
_CSS_RE = re.compile(r"[a-z-]+\s*:\s*[^:;]{1,40}(?:;|\dpx\b)", re.IGNORECASE)
_SCRIPT_RE = re.compile(r"\bjQuery\b|\bfunction\s*\(|\b(?:document|window)\.\w+|\bvar\s+\w+\s*=")
# A serial's episode title, repeated under every episode as a list of the others: «مذكرات فاتن حمامة (3): …».
_SERIAL_RE = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*\(\d{1,3}\)\s*:")
# «وقالت لورا إيه» cut at an initial's full stop: who speaks, with nothing said.
_SPEECH_VERBS = words("قال قالت اضاف اضافت اكد اكدت said says added")
_CONTACT_RE = re.compile(r"^\S*@\S+\.[a-z]{2,}|للتواصل مع الكاتب", re.IGNORECASE)
# «للتواصل أرسل sms إلى 88548», «للاستفسار يمكن الاتصال على هاتف رقم / 0115488469»: how to reach the
# paper or an office. A phone number (seven digits or more, or a leading zero) with a contact word, or a
# short code after «للتواصل» or "SMS".
_REACH_RE = re.compile(
    r"للتواصل|للاستفسار|للاستعلام|الاتصال (?:على|ب)|(?:هاتف|جوال|فاكس)\s*(?:رقم|:)|رقم (?:الهاتف|الجوال)|واتساب"
    r"|\bsms\b|whatsapp|\b(?:call|phone|tel)\b\W*\d",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(?<!\d)(?:\d{7,}|0\d{4,})(?!\d)")
_SHORT_CODE_RE = re.compile(r"(?:للتواصل|\bsms\b).*(?<!\d)\d{4,}(?!\d)", re.IGNORECASE)
_CLOSERS = "\"'”’»)]} \t\n"
# Scripture and verse are quoted fully vowelled («أُوْلَئِكَ يُسَارِعُونَ فِي الْخَيْرَاتِ»); news prose carries a
# shadda or a tanween here and there. A sentence with this share of its words vowelled is a quotation.
_HARAKAT_RE = re.compile("[\u064b-\u0652]")
_VOWELLED_SHARE = 0.5


def not_a_claim(body: str, sentence: Sentence, tokens: list[Token]) -> bool:
    """Whether a sentence is a question, a greeting or prayer, an opinion line or page furniture."""
    if not tokens:
        return True
    if body[max(sentence.start, sentence.end - 8) : sentence.end].rstrip(_CLOSERS)[-1:] in _QUESTION_MARKS:
        return True
    if len(tokens) <= _DATELINE_WORDS and _dateline(body, sentence):
        return True
    if len(tokens) <= _DATELINE_WORDS and _lead_in(body, sentence, tokens):
        return True
    line = body[sentence.start : sentence.end]
    if _page_code(line, tokens) or _serial_title(body, sentence, line) or _vowelled(line):
        return True
    if len(tokens) <= 3 and _speaker_only(tokens):
        return True
    if len(tokens) <= _INGREDIENT_WORDS and _ingredient(tokens):
        return True
    first = tokens[0][KEY]
    if first in _WRITER_NOTES and "*" in body[_line_start(body, tokens[0][START]) : tokens[0][START]]:
        return True
    if first not in _BY_FIRST and first not in _AND and not (first[:1] == "و" and first[1:] in _BY_FIRST):
        return False  # the usual case, decided on the first word
    keys = [tok[KEY] for tok in tokens[:6]]
    if first in _AND and len(keys) > 1:
        keys = keys[1:]
    elif first.startswith("و") and first[1:] in _BY_FIRST:
        keys = [first[1:], *keys[1:]]
    phrases = _BY_FIRST.get(keys[0])
    if not phrases:
        return False
    for phrase in phrases:
        if tuple(keys[: len(phrase)]) == phrase:
            if phrase[0] in _SHORT_ONLY and len(tokens) > _SHORT:
                continue
            if phrase[0] in _NEEDS_MARK and not _mark_after_first(body, tokens, first != keys[0]):
                continue
            return True
    return False


def _serial_title(body: str, sentence: Sentence, text: str) -> bool:
    """Whether the sentence (``text``) is (a piece of) a serial's episode title on a line of its own."""
    if "\n" in text:
        return False
    return _SERIAL_RE.match(body, _line_start(body, sentence.start), sentence.end) is not None


def _vowelled(text: str) -> bool:
    """Whether most words of ``text`` carry two vowel marks or more: a verse or scripture quoted."""
    words = text.split()
    marked = sum(1 for w in words if len(_HARAKAT_RE.findall(w)) >= 2)
    return len(words) >= 3 and marked >= _VOWELLED_SHARE * len(words)


def _ingredient(tokens: list[Token]) -> bool:
    """A recipe's line: an amount and a kitchen measure first («1/4 ملعقة صغيرة من الملح», «ربع كوب من
    اللبن», "2 cups flour"). Recipes in the lifestyle pages are lists, not claims."""
    for tok in tokens[:_MEASURE_WITHIN]:
        if tok[KEY] in _KITCHEN_MEASURES:
            return True
        if not (tok[IS_NUM] or tok[KEY] in _AMOUNT_WORDS):
            return False
    return False


def _speaker_only(tokens: list[Token]) -> bool:
    """A speech verb and a name, and no more: the sentence was cut before what was said."""
    first = tokens[0][KEY]
    verb = first if first in _SPEECH_VERBS else first[1:] if first[:1] == "و" else ""
    return verb in _SPEECH_VERBS and len(tokens) > 1


def _mark_after_first(body: str, tokens: list[Token], skipped_and: bool) -> bool:
    """A colon or dash right after the opening word («كتب: …», "Photo: …", «المصدر - …»)."""
    k = 1 if skipped_and and len(tokens) > 1 and tokens[0][KEY] in ("و", "and") else 0
    if k + 1 >= len(tokens):
        return body[tokens[k][END] : tokens[k][END] + 2].strip()[:1] in _MARKS
    return any(ch in _MARKS for ch in body[tokens[k][END] : tokens[k + 1][START]])


def _page_code(line: str, tokens: list[Token]) -> bool:
    """CSS («z-webkit-border-radius: 5px»), script («jQuery('#vote_area2').html(data)») or a writer's
    contact line, not news."""
    if tokens[0][KEY].isascii() and (_CSS_RE.search(line) or _SCRIPT_RE.search(line)):
        return True
    if ("@" in line and _CONTACT_RE.search(line.strip()) is not None) or "للتواصل مع الكاتب" in line:
        return True
    if _SHORT_CODE_RE.search(line) is not None:
        return True
    return _PHONE_RE.search(line) is not None and _REACH_RE.search(line) is not None


def _lead_in(body: str, sentence: Sentence, tokens: list[Token]) -> bool:
    """A few words on a line of their own before a colon («تكساس وفلوريدا أيضا:»): a subheading.
    A longer lead-in («من المتوقع أن يكون للمركز دور محوري في:») still states something."""
    return body[tokens[-1][END] : sentence.end + 2].strip(_CLOSERS)[:1] == _LEAD_IN and _own_line(body, sentence)


def _line_start(body: str, at: int) -> int:
    return body.rfind("\n", 0, at) + 1


def _own_line(body: str, sentence: Sentence) -> bool:
    """Whether the sentence is a line by itself (a subheading), not the end of a paragraph's sentence."""
    before = body[_line_start(body, sentence.start) : sentence.start]
    after = body[sentence.end : body.find("\n", sentence.end) if "\n" in body[sentence.end :] else len(body)]
    return not before.strip(" *-•\t") and not after.strip(" :\t")


def _dateline(body: str, sentence: Sentence) -> bool:
    """A byline or dateline: «عين اليوم – الرياض», «عمر إبراهيم – عين اليوم», "Staff - Reuters"."""
    line = body[sentence.start : sentence.end]
    if ":" in line or any(ch.isdigit() for ch in line):
        return False  # «مصر – السعودية: 5 اتفاقيات» is a headline
    for dash in _DASHES:
        if dash in line:
            left, _, right = line.partition(dash)
            return min(len(left.split()), len(right.split())) <= 2
    return False
