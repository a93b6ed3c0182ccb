"""Cluster: group articles that report the same real-world event into stories.

Public: ``StoryClusterer`` (online, ``partial_fit`` + ``refine``), ``OrderedFeed`` (feed it
while articles arrive, in its canonical order), ``ScoringWeights``,
``TimeWindow`` / ``event_window`` (when an event happened), ``bcubed`` (evaluation),
``story_id_for``.
"""

from storyline.cluster.metrics import BCubed, bcubed
from storyline.cluster.online import OrderedFeed, StoryClusterer, story_id_for
from storyline.cluster.scoring import FEATURES, ScoringWeights, pair_features
from storyline.cluster.timing import TimeWindow, combined_window, event_window

__all__ = [
    "FEATURES",
    "BCubed",
    "OrderedFeed",
    "ScoringWeights",
    "StoryClusterer",
    "TimeWindow",
    "bcubed",
    "combined_window",
    "event_window",
    "pair_features",
    "story_id_for",
]
