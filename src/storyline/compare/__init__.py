"""Compare: inside one story, which facts the sources agree on, who said what, which claims rest
on a single source.

Public:

* ``numeric_facts(article)`` -> ``NumericFact`` list (numbers, qualifiers as intervals, keys).
"""

from storyline.compare.numbers import numeric_facts, parse_digits

__all__ = ["numeric_facts", "parse_digits"]
