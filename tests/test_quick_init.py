"""The faster ``__init__`` of the model's frozen dataclasses builds the same objects as dataclasses does."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

from factcheck.model import ActorSlot, Attribution, ClaimKind, DateSlot, ExtractedClaim, PlaceSlot, Slots
from factcheck.quick_init import quick_init


@dataclass(frozen=True, slots=True)
class _Plain:
    name: str
    count: int = 3
    tags: tuple[str, ...] = ()
    items: list[int] = field(default_factory=list)


@quick_init
@dataclass(frozen=True, slots=True)
class _Quick:
    name: str
    count: int = 3
    tags: tuple[str, ...] = ()
    items: list[int] = field(default_factory=list)


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [(("a",), {}), (("a", 5), {}), (("a",), {"tags": ("x",)}), ((), {"name": "b", "items": [1]})],
)
def test_same_fields_as_the_generated_init(args: tuple[object, ...], kwargs: dict[str, object]) -> None:
    plain, quick = _Plain(*args, **kwargs), _Quick(*args, **kwargs)  # type: ignore[arg-type]
    assert dataclasses.astuple(quick) == dataclasses.astuple(plain)
    assert repr(quick).replace("_Quick", "_Plain") == repr(plain)


def test_factory_defaults_are_fresh_and_arguments_are_checked() -> None:
    first, second = _Quick("a"), _Quick("b")
    assert first.items == [] and first.items is not second.items
    with pytest.raises(TypeError):
        _Quick()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _Quick("a", nonsense=1)  # type: ignore[call-arg]


def test_model_objects_stay_frozen_equal_hashable_and_picklable() -> None:
    place = PlaceSlot("دمشق", "Damascus", "SY", "city", 3, 7)
    claim = ExtractedClaim("text", 0, 4, ClaimKind.EVENT, 0.5)
    assert claim.slots == Slots() and claim.negated is False
    with pytest.raises(FrozenInstanceError):
        place.country = "TR"  # type: ignore[misc]
    assert place == PlaceSlot(surface="دمشق", name="Damascus", country="SY", kind="city", start=3, end=7)
    assert hash(place) == hash(PlaceSlot("دمشق", "Damascus", "SY", "city", 3, 7))
    full = ExtractedClaim(
        "text",
        0,
        4,
        ClaimKind.QUOTE,
        0.7,
        True,
        Slots(
            dates=(DateSlot("9 مارس", "2025-03-09", "day", 0, 6, True),),
            places=(place,),
            actors=(ActorSlot("Abu Qasra", "abu qasra", "person", 8, 17),),
            attribution=Attribution("Abu Qasra", "said"),
        ),
    )
    assert ExtractedClaim.from_dict(full.to_dict()) == full
    assert pickle.loads(pickle.dumps(full)) == full


def test_refuses_classes_it_cannot_speed_up() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        name: str

    @dataclass(frozen=True, slots=True)
    class PostInit:
        name: str

        def __post_init__(self) -> None:
            pass

    for cls in (NoSlots, PostInit):
        with pytest.raises(TypeError):
            quick_init(cls)
