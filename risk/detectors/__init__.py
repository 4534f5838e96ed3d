"""Detectors, each a module with a versioned name; ``DETECTORS`` lists the ones that run."""

from risk.detectors.abnormal_patent import AbnormalPatent
from risk.detectors.agency_risk import AgencyRisk
from risk.detectors.bad_faith_trademark import BadFaithTrademark
from risk.detectors.filing_anomaly import FilingAnomaly
from risk.detectors.intentional_infringement import IntentionalInfringement
from risk.detectors.malicious_litigation import MaliciousLitigation
from risk.detectors.repeat_infringement import RepeatInfringement
from risk.detectors.shell_network import ShellNetwork
from risk.detectors.source_tracing import SourceTracing

DETECTORS = {detector.name: detector
             for detector in (RepeatInfringement(), ShellNetwork(), SourceTracing(),
                              BadFaithTrademark(), AgencyRisk(), MaliciousLitigation(),
                              AbnormalPatent(), FilingAnomaly(), IntentionalInfringement())}

__all__ = ["DETECTORS", "AbnormalPatent", "AgencyRisk", "BadFaithTrademark", "FilingAnomaly",
           "IntentionalInfringement", "MaliciousLitigation", "RepeatInfringement", "ShellNetwork",
           "SourceTracing"]
