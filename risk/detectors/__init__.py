"""Detectors, each a module with a versioned name; ``DETECTORS`` lists the ones that run."""

from risk.detectors.repeat_infringement import RepeatInfringement
from risk.detectors.shell_network import ShellNetwork
from risk.detectors.source_tracing import SourceTracing

DETECTORS = {detector.name: detector
             for detector in (RepeatInfringement(), ShellNetwork(), SourceTracing())}

__all__ = ["DETECTORS", "RepeatInfringement", "ShellNetwork", "SourceTracing"]
