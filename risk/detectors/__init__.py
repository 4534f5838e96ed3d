"""Detectors, each a module with a versioned name; ``DETECTORS`` lists the ones that run."""

from risk.detectors.repeat_infringement import RepeatInfringement

DETECTORS = {detector.name: detector for detector in (RepeatInfringement(),)}

__all__ = ["DETECTORS", "RepeatInfringement"]
