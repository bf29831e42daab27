"""Content terms and sentence vectors: the shared vocabulary of matching and fact-check retrieval."""

from __future__ import annotations

from factcheck.text.encoder import cosine, encode, from_bytes, to_bytes
from factcheck.text.terms import content_terms


def test_paraphrased_arabic_headlines_share_their_stems() -> None:
    a = set(content_terms("أسعار الذهب تنخفض مع صعود الدولار"))
    b = set(content_terms("الذهب يتراجع مع صعود للدولار"))
    assert {"ذهب", "صعود", "دولار"} <= a & b


def test_stop_words_and_particles_never_become_terms() -> None:
    assert content_terms("وأن في من على that was said") == []
    assert "9" in content_terms("held on 9 March")


def test_definite_article_and_spelling_variants_fold_to_one_term() -> None:
    assert content_terms("الأردن") == content_terms("بالاردن") == content_terms("للأردن")


def test_sentence_vectors_bridge_arabic_and_english() -> None:
    vectors = encode(
        [
            "عقد اجتماع وزاري في الأردن يوم 9 مارس",
            "A ministerial meeting was held in Jordan on 9 March",
            "Gold prices fell as the dollar rose",
        ]
    )
    same = cosine(vectors[0], vectors[1])
    other = cosine(vectors[0], vectors[2])
    assert same > 0.7 > other + 0.2
    assert cosine(from_bytes(to_bytes(vectors[0])), vectors[1]) == same
