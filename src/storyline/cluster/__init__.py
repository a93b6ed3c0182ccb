"""Cluster: group articles that report the same real-world event into stories.

Public: ``StoryClusterer`` (online, ``partial_fit`` + ``refine``), ``ScoringWeights``,
``TimeWindow`` / ``event_window`` (when an event happened), ``bcubed`` (evaluation),
``story_id_for``.
"""

from storyline.cluster.metrics import BCubed, bcubed
from storyline.cluster.online import StoryClusterer, story_id_for
from storyline.cluster.scoring import FEATURES, ScoringWeights, pair_features
from storyline.cluster.timing import TimeWindow, combined_window, event_window

__all__ = [
    "FEATURES",
    "BCubed",
    "ScoringWeights",
    "StoryClusterer",
    "TimeWindow",
    "bcubed",
    "combined_window",
    "event_window",
    "pair_features",
    "story_id_for",
]
