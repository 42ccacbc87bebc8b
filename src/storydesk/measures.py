"""Measures restated in other units: "130 kph (81 mph)", "500 kilometers (300 miles)".

Wires restate a measure in a second unit. The restatement is no second value: slot detectors
compare sentences with it cut (`CONVERSION`). What is left to compare here is the measure unit
for unit: the same "130 kph" restated as "(81 mph)" and "(44 mph)" disagree, and "500
kilometers (300 miles)" agrees with "300 miles (480 kilometers)" (rounded otherwise).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# "130 kph (81 mph)": a measure restated in other units is no second value
CONVERSION = re.compile(
    r" \((?:minus |about |some )?[\d.,]+[- ]?(?:mph|kph|km/h|kilomet(?:er|re)s?|km|miles?|feet|"
    r"ft|met(?:er|re)s?|degrees(?: [A-Z]\w*)?|[CF]|Fahrenheit|Celsius|pounds|lbs?|kg|"
    r"kilograms?|tons?|tonnes?|acres|hectares|sq\.? \w+|square \w+)\)"
)
RESTATED_ROUNDING = 0.05  # restatements this close are one value rounded two ways
# A measure and its restatement in other units: value, unit, restatement ("130 kph (81 mph)").
RESTATED = re.compile(r"(\d[\d.,]*)[- ]?([A-Za-z/]+(?: [A-Z][a-z]+)?)(" + CONVERSION.pattern + ")")
UNIT_NAMES = {
    **dict.fromkeys(["kilometer", "kilometre", "km"], "km"),
    **dict.fromkeys(["meter", "metre", "m"], "m"),
    **dict.fromkeys(["foot", "feet", "ft"], "ft"),
    **dict.fromkeys(["mile", "mi"], "mi"),
    **dict.fromkeys(["km/h", "kph"], "kph"),
    **dict.fromkeys(["celsius", "c"], "c"),
    **dict.fromkeys(["fahrenheit", "f"], "f"),
    **dict.fromkeys(["pound", "lb", "lbs"], "lb"),
    **dict.fromkeys(["kilogram", "kg"], "kg"),
    **dict.fromkeys(["ton", "tonne"], "t"),
}


def restated_slots(text_a: str, text_b: str) -> Iterator[tuple[str, str, str, bool]]:
    """Yield the one unit in which two sentences give a restated measure differently.

    `CONVERSION` cuts "(81 mph)" from both sentences, so that "120 kph (75 mph)" against
    "130 kph (81 mph)" is one conflict, not two. Where both give the same "130 kph", a
    restatement of "(81 mph)" against "(44 mph)" is the conflict left; the units may come in
    either order ("300 miles (342 km)" against "500 kilometers (300 miles)").
    """
    for measure_a, measure_b in _measure_pairs(text_a, text_b):
        apart = [u for u in measure_a if not _within_rounding(measure_a[u], measure_b[u])]
        if len(apart) == 1:
            yield "number", measure_a[apart[0]], measure_b[apart[0]], True


def across_units(text_a: str, text_b: str) -> set[tuple[str, str]]:
    """Return the value pairs that set one measure's own units against each other.

    With their restatements cut, "some 500 kilometers (300 miles) west" and "about 300 miles
    (480 kilometers) west" fill one slot with 500 and 300: kilometres against miles, no
    conflict (`restated_slots` compares them unit for unit).
    """
    found = set()
    for measure_a, measure_b in _measure_pairs(text_a, text_b):
        (unit_a, value_a), (unit_b, value_b) = (
            next(iter(measure_a.items())),
            next(iter(measure_b.items())),
        )
        if unit_a != unit_b:
            found.add((value_a, value_b))
    return found


def _measure_pairs(text_a: str, text_b: str) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
    """Yield every two restated measures, one per sentence, given in the same two units."""
    measures_b = _measures(text_b)
    for measure_a in _measures(text_a):
        for measure_b in measures_b:
            if measure_a.keys() == measure_b.keys():
                yield measure_a, measure_b


def _measures(text: str) -> list[dict[str, str]]:
    """Return a text's restated measures, each as unit -> value, its own unit first."""
    found = []
    for match in RESTATED.finditer(text):
        main, restated = _unit_key(match.group(2)), _unit_key(match.group(3))
        value = re.search(r"\d[\d.,]*\d|\d", match.group(3))
        if main != restated and value is not None:
            found.append({main: match.group(1), restated: value.group()})
    return found


def _unit_key(text: str) -> str:
    """Return one name for a unit however written ("kilometres", "km" and "kilometers")."""
    words = re.sub(r"[\d.,()-]", " ", text).lower().split()
    words = [w for w in words if w not in ("minus", "about", "some", "degrees")]
    return " ".join(UNIT_NAMES.get(w, UNIT_NAMES.get(w.removesuffix("s"), w)) for w in words)


def _within_rounding(value_a: str, value_b: str) -> bool:
    """Tell whether two values of a measure differ by no more than rounding ("81", "80")."""
    a, b = _number(value_a), _number(value_b)
    if a is None or b is None:
        return True  # no number to compare: no conflict
    return abs(a - b) <= RESTATED_ROUNDING * max(abs(a), abs(b))


def _number(value: str) -> float | None:
    try:
        return float(value.replace(",", "").rstrip("."))
    except ValueError:  # "1.2.3"
        return None
