"""The words actor slots are found by: role and organisation heads, names of groups, English titles.

Kept apart from ``actors`` (which reads text with them) so the lists can be read and extended on their own.
"""

from __future__ import annotations

import re

from factcheck.extraction.lexicon import words

__all__ = [
    "CALENDAR",
    "COMPLEMENT_STOP",
    "EN_ORG_HEADS",
    "EN_PARTICLES",
    "EN_STOP",
    "EN_TITLES",
    "NAMED_GROUPS",
    "NAME_LINKS",
    "NOT_NAMES",
    "ORG_HEADS",
    "PARTICLE_INITIALS",
    "PARTICLE_RE",
    "PREPOSITIONAL",
    "QUOTED_NAME_HEADS",
    "ROLE_HEADS",
    "RUN_RE",
]

ROLE_HEADS = words("""
    وزير الوزير رييس الرييس مدير المدير سفير السفير قايد القايد الامين المتحدث الناطق نايب النايب الملك
    الامير ولي الشيخ اللواء العميد العقيد الفريق المشير الجنرال الدكتور المبعوث مبعوث مستشار المستشار
    رييسه وزيره الوزيره السيد السيده عضو زعيم الزعيم المرشد الرييسه المديره مديره القاضي محافظ المحافظ
    """)
ORG_HEADS = words("""
    وزاره هييه جهاز منظمه مجلس جامعه كليه قناه وكاله حزب حركه قوات جيش الجيش حكومه الحكومه
    مديريه اداره محكمه شركه مصرف بنك البنك صندوق موسسه سفاره قياده البرلمان برلمان الكنيست الرياسه
    الوزاره الهييه المجلس القوات الحركه الجبهه جبهه تحالف التحالف اتحاد الاتحاد مفوضيه المفوضيه لجنه
    اللجنه صحيفه الصحيفه وكاله الوكاله
    """)
# «بالعاصمة»: bi-/fa-/ka- glued to the article never continue an organisation's name. «لل» (li-) often
# does («الوكالة الدولية للطاقة الذرية», «الهيئة العامة للاستثمار»), so it is not in this list.
PREPOSITIONAL = ("بال", "فال", "كال")
QUOTED_NAME_HEADS = frozenset({"قناه", "صحيفه", "وكاله", "منصه", "موقع", "حزب", "حركه"})
# Definite words that end an organisation's name rather than belong to it.
COMPLEMENT_STOP = words(
    "التابعه التابع الذي التي الذين ذاتها نفسها نفسه الجديد الجديده المعنيه المشترك المشتركه الاخيره"
)
# Words that follow a role but are not names (verbs of reporting, common nouns).
NOT_NAMES = words("""
    قال اكد اعلن اشار ذكر استقبل التقى زار بحث اجرى وصل غادر دعا طالب شدد اوضح صرح اعرب كشف نفى
    تصريحات تصريح بيان مقابله حديث كلمه اجتماع لقاء خلال امس اليوم يوم عن مع نظيره
    """)
NAME_LINKS = frozenset({"ابو", "ابي", "ابا", "بن", "ابن", "بنت", "عبد", "ال"})
NAMED_GROUPS: tuple[tuple[str, str], ...] = (
    ("داعش", "group"),
    ("تنظيم الدولة الإسلامية", "group"),
    ("حزب الله", "group"),
    ("حماس", "group"),
    ("حركة حماس", "group"),
    ("قسد", "group"),
    ("قوات سوريا الديمقراطية", "group"),
    ("حزب العمال الكردستاني", "group"),
    ("هيئة تحرير الشام", "group"),
    ("الناتو", "organisation"),
    ("حلف شمال الأطلسي", "organisation"),
    ("الأمم المتحدة", "organisation"),
    ("مجلس الأمن", "organisation"),
    ("الاتحاد الأوروبي", "organisation"),
    ("جامعة الدول العربية", "organisation"),
    ("ISIS", "group"),
    ("ISIL", "group"),
    ("Islamic State", "group"),
    ("Daesh", "group"),
    ("Hezbollah", "group"),
    ("Hamas", "group"),
    ("SDF", "group"),
    ("PKK", "group"),
    ("HTS", "group"),
    ("NATO", "organisation"),
    ("United Nations", "organisation"),
    ("European Union", "organisation"),
    ("Arab League", "organisation"),
)
EN_TITLES = words("""
    minister defence defense foreign interior prime president vice deputy director general chief secretary
    ambassador spokesman spokeswoman spokesperson commander king prince sheikh emir mr mrs ms dr gen col lt
    sen rep head leader envoy adviser advisor intelligence security military army air force staff chairman
    governor mayor crown affairs justice finance economy energy health trade state counterpart lieutenant
    colonel major captain sergeant admiral marshal brigadier judge senator representative officials official
    """)
EN_ORG_HEADS = words("""
    university ministry council army forces agency organization organisation party front committee bank
    company corporation court parliament academy commission union league office government authority
    institute center centre school college department fund group brigade news channel agency
    """)
EN_STOP = words("""
    the in on a an at by for from his her its their this that it he she they we i and but or as after
    before during while when since x on also however meanwhile
    """)
EN_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "van", "von", "der", "da", "di", "le", "la"})
PARTICLE_RE = "|".join(sorted(EN_PARTICLES))
PARTICLE_INITIALS = "".join(sorted({particle[0] for particle in EN_PARTICLES}))
# A name: capitalised words joined by spaces, with "al-", "bin" and the like inside ("Asaad al-Shaibani").
# The word boundary is checked behind the first capital: a pattern that opens with a character class
# lets the regex engine skip to the next capital, twice as fast as one that opens with ``\b``. Words
# never give letters back (``*+``), and after a space only a capital or a particle's first letter goes on.
RUN_RE = re.compile(
    rf"[A-Z](?<=\b[A-Z])[A-Za-z]*+(?: (?=[A-Z{PARTICLE_INITIALS}])(?:(?:{PARTICLE_RE})[ -])?[A-Z][A-Za-z]*+)+"
)
CALENDAR = words("""
    january february march april may june july august september october november december monday tuesday
    wednesday thursday friday saturday sunday
    """)
