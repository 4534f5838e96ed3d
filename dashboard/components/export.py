"""A neighbourhood as one standalone HTML case file: pyvis picture plus the facts behind it.

Scripts are inlined, so the file opens without network access or this server and can be
attached to a case; every edge drawn is listed below the picture with its source documents.
"""

from __future__ import annotations

import re
from html import escape

from pyvis.network import Network

from dashboard.components.common import caption_of, fmt_value
from dashboard.components.network import Neighbourhood, element_id
from dashboard.components.provenance import DocumentIndex
from dashboard.vocab import label_colour, label_name, property_name, rel_name
from graph.model import GraphModel
from graph.store import GraphStore

_STYLE = """<style>
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Microsoft YaHei", sans-serif;
       margin: 16px; color: #1d2733; }
h1 { font-size: 20px; margin: 0 0 8px; }
.legend span { display: inline-block; color: #fff; border-radius: 3px; padding: 0 6px;
               margin-right: 6px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 16px; }
th, td { border-bottom: 1px solid #e3e7ec; padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: #f0f3f7; }
.meta { color: #6b7785; font-size: 11px; }
</style>"""


def _tooltip(label: str, caption: str, node_id: str, props: dict) -> str:
    lines = [f"{label_name(label)}：{caption}", f"编号：{node_id}"]
    lines += [f"{property_name(k)}：{fmt_value(v, 60)}" for k, v in list(props.items())[:6]]
    return "\n".join(lines)


def _network(hood: Neighbourhood, model: GraphModel) -> Network:
    net = Network(height="680px", width="100%", directed=True, cdn_resources="in_line")
    for node in hood.nodes:
        caption = caption_of(model, node)
        focus = node.ref == hood.focus
        net.add_node(element_id(node.ref), label=caption, color=label_colour(node.label),
                     title=_tooltip(node.label, caption, node.id, node.props),
                     size=26 if focus else 14, borderWidth=3 if focus else 1,
                     font={"size": 14 if focus else 12})
    for edge in hood.edges:
        net.add_edge(element_id(edge.start), element_id(edge.end), label=rel_name(edge.type),
                     title=edge.type, arrows="to", color="#9aa5b1", font={"size": 10})
    return net


def _facts_table(hood: Neighbourhood, store: GraphStore) -> str:
    captions = {n.ref: caption_of(store.model, n) for n in hood.nodes}
    docs = DocumentIndex(store)
    rows = []
    for edge in hood.edges:
        sources = "<br>".join(
            f"{escape(d.title)}{escape(' @' + d.position) if d.position else ''}"
            f"<div class='meta'>{escape(d.path or d.sha256)}</div>"
            for d in docs.resolve_all(edge.sources)) or "—"
        props = "；".join(f"{property_name(k)}：{fmt_value(v, 80)}" for k, v in edge.props.items())
        rows.append(
            f"<tr><td>{escape(label_name(edge.start.label))}：{escape(captions[edge.start])}</td>"
            f"<td>{escape(rel_name(edge.type))}<div class='meta'>{edge.type}</div></td>"
            f"<td>{escape(label_name(edge.end.label))}：{escape(captions[edge.end])}</td>"
            f"<td>{escape(props) or '—'}</td><td>{sources}</td>"
            f"<td>{escape(edge.loaded_at or '—')}</td></tr>")
    columns = ("起点", "关系", "终点", "属性", "来源文件", "载入时间")
    head = "".join(f"<th>{h}</th>" for h in columns)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def pyvis_html(hood: Neighbourhood, store: GraphStore, title: str) -> str:
    """The same nodes and edges as the cytoscape view, coloured by label, with a facts table."""
    page = _network(hood, store.model).generate_html()
    labels = sorted({n.label for n in hood.nodes})
    legend = "".join(f"<span style='background:{label_colour(label)}'>"
                     f"{escape(label_name(label))}</span>" for label in labels)
    top = (f"<h1>{escape(title)}</h1><div class='legend'>{legend}</div>"
           f"<div class='meta'>{len(hood.nodes)} 个节点 · {len(hood.edges)} 条关系</div>")
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)  # pyvis' empty headings
    page = page.replace("<html>", '<html lang="zh-CN">', 1)
    page = page.replace("</head>", f"<title>{escape(title)}</title>{_STYLE}</head>", 1)
    page = page.replace("<body>", f"<body>{top}", 1)
    return page.replace("</body>", f"{_facts_table(hood, store)}</body>", 1)


def export_filename(caption: str, node_id: str) -> str:
    """A file name that is safe on every OS but still readable (Chinese kept)."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", caption or node_id).strip("_") or "network"
    return f"network_{stem[:60]}.html"
