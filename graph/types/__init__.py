"""Value types: clean, validate and compare the identifiers and names the graph is keyed on."""
