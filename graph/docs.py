"""docs/GRAPH.md is generated from the schema, so the documentation cannot drift from the model."""

from __future__ import annotations

from graph.model import KEY, GraphModel


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(model: GraphModel) -> str:
    lines = [
        "# The graph model",
        "",
        "Generated from `graph/schema.yaml` by `ipcredit schema` (a test keeps this page in step).",
        f"Schema version {model.version}. Every node is keyed by `{KEY}` (unique per label); "
        "`unique` properties get uniqueness constraints, `fulltext` ones the `cjk` full-text index.",
        "",
        "## Nodes",
        "",
        "| label | key | unique | full-text | properties | meaning |",
        "|---|---|---|---|---|---|",
    ]
    for spec in model.labels.values():
        lines.append(
            f"| `{spec.name}` | `{KEY}` | {', '.join(spec.unique) or '—'} | "
            f"{', '.join(spec.fulltext) or '—'} | {', '.join(spec.properties)} | {_cell(spec.description)} |"
        )
    lines += ["", "## Relationships", "", "| type | from | to | properties | meaning |",
              "|---|---|---|---|---|"]
    for rel in model.relationships.values():
        lines.append(
            f"| `{rel.name}` | {', '.join(rel.sources)} | {', '.join(rel.targets)} | "
            f"{', '.join(rel.properties) or '—'} | {_cell(rel.description)} |"
        )
    lines += ["", "Every node and relationship also carries `sources` (the documents and positions "
              "it came from, `sha256@position`) and `loaded_at` (its first load).", ""]
    return "\n".join(lines)
