"""The script-independent name key: Arabic spellings meet their Latin transliterations."""

from __future__ import annotations

import pytest

from factcheck.text.translit import name_keys, translit_key, translit_word


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("أبو قصرة", "Abu Qasra"),
        ("الشيباني", "al-Shaibani"),
        ("غولر", "Guler"),
        ("غولر", "Güler"),
        ("آلتينداج", "Altindag"),
        ("آلتينداج", "Altındağ"),
        ("مرهف أبو قصرة", "Murhaf Abu Qasra"),
        ("حسين السلامة", "Hussein al-Salama"),
        ("هاكان فيدان", "Hakan Fidan"),
        ("إبراهيم قالن", "Ibrahim Kalin"),
        ("يشار غولر", "Yaşar Güler"),
        ("أردوغان", "Erdoğan"),
        ("بشار الأسد", "Bashar al-Assad"),
    ],
)
def test_arabic_and_latin_spellings_share_a_key(arabic: str, latin: str) -> None:
    assert translit_key(arabic) == translit_key(latin) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [("أبو قصرة", "Abu Qatada"), ("الشيباني", "al-Shami"), ("غولر", "Gul"), ("Hakan Fidan", "Hakan Fuat")],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert translit_key(a) != translit_key(b)


def test_harakat_and_article_do_not_change_the_key() -> None:
    assert translit_word("الشَّيْبانِيّ") == translit_word("شيباني") == translit_word("Shaybani")


def test_surname_key_only_for_long_family_names() -> None:
    assert "KSR" in name_keys("Murhaf Abu Qasra")
    assert set(name_keys("مرهف أبو قصرة")) & set(name_keys("Abu Qasra"))
    assert name_keys("Abu Ali") == ("B L",)  # "Ali" alone would match far too many people
    assert name_keys("...") == ()
