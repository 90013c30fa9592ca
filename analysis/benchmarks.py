"""Published reference numbers, each with its source and caveat — context, never a target.

These are survey estimates, not measured rates, and no one's job search has to match them.
Show them next to a person's own numbers only with their caveat.

Examples
--------
>>> b = BENCHMARKS["thank_you_rate"]
>>> b.value, b.source.startswith("Accountemps")
(0.24, True)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Benchmark", "BENCHMARKS", "benchmark"]


@dataclass(frozen=True)
class Benchmark:
    """One published figure: ``value`` (a share 0–1), what it measures, ``source``, ``caveat``.

    Examples
    --------
    >>> BENCHMARKS["thank_you_rate"].touchpoint
    'after_interview'
    """

    key: str
    touchpoint: str
    value: float
    description: str
    source: str
    caveat: str

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready).

        Examples
        --------
        >>> BENCHMARKS["thank_you_rate"].to_dict()["key"]
        'thank_you_rate'
        """
        return asdict(self)


_ALL: tuple[Benchmark, ...] = (
    Benchmark(
        key="thank_you_rate",
        touchpoint="after_interview",
        value=0.24,
        description="share of candidates who send a thank-you note after an interview",
        source="Accountemps survey of HR managers, 2017",
        caveat=(
            "An estimate by HR managers in a survey, not a measured rate; it describes other "
            "people's candidates, not a target for you."
        ),
    ),
    Benchmark(
        key="managers_want_followup_2_weeks",
        touchpoint="after_applying",
        value=0.81,
        description=(
            "share of hiring managers who say they want to hear from candidates within two "
            "weeks of applying"
        ),
        source="Robert Half survey of hiring managers",
        caveat=(
            "What surveyed managers said they prefer, not evidence that following up changes "
            "outcomes; not a target."
        ),
    ),
)

#: key -> :class:`Benchmark` (``"thank_you_rate"``, ``"managers_want_followup_2_weeks"``).
BENCHMARKS: dict[str, Benchmark] = {b.key: b for b in _ALL}


def benchmark(key: str) -> Benchmark:
    """The benchmark with this ``key`` (ValueError naming the known keys otherwise).

    Examples
    --------
    >>> benchmark("managers_want_followup_2_weeks").value
    0.81
    """
    if key in BENCHMARKS:
        return BENCHMARKS[key]
    raise ValueError(f"unknown benchmark {key!r} (known: {', '.join(BENCHMARKS)})")
