"""The synthetic province: registrations, filings and documents in the inbox formats, with
planted ground truth beside them (docs/SYNTHETIC.md). Entry point: ``province.generate``."""
