"""The JSON API for other systems, on the dashboard's own Flask server (SPEC §6), under /api/v1/.

The restriction check and the public list are the only anonymous reads (SPEC §9). Every other
route needs a token whose role the route allows. Tokens come from ``IPCREDIT_API_TOKENS``:
``token=role`` pairs separated by commas (or a JSON object ``{"token": "role"}``); a client
sends ``Authorization: Bearer <token>`` or ``X-Api-Token: <token>``. Errors map to HTTP status
in one place (``_error``); every JSON body passes through the ID-number mask. The OpenAPI 3
document at /api/openapi.json is written by hand below, next to the routes it describes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date
from typing import Any

from dash import Dash
from flask import Blueprint, Response, request

from graph.records import NodeRef
from graph.store import GraphStore
from ipcredit.errors import ConfigError, IpcreditError
from risk.audit import ROLES, TransitionRefused, verify
from risk.documents import mask_deep
from risk.grades import grade_ref
from risk.leads import queue
from risk.lists import ENTITY_LABELS, STATE_NAMES, entries, load_entry, replay
from risk.policy import Policy, load_policy
from risk.publish import FORMATS, export
from risk.restrictions import check

PREFIX = "/api/v1"
TOKENS_ENV = "IPCREDIT_API_TOKENS"
READERS = ROLES  # any signed-in role may look entities and grades up
_MEDIA = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def parse_tokens(raw: str | None) -> dict[str, str]:
    """``a=credit_officer,b=admin`` or ``{"a": "credit_officer"}`` → token → role (roles checked)."""
    raw = (raw or "").strip()
    if not raw:
        return {}
    pairs: Mapping[str, str] = json.loads(raw) if raw.startswith("{") else dict(
        item.split("=", 1) for item in raw.split(",") if "=" in item)
    tokens = {k.strip(): v.strip() for k, v in pairs.items() if k.strip()}
    unknown = sorted(set(tokens.values()) - set(ROLES))
    if unknown:
        raise ConfigError(f"{TOKENS_ENV}: unknown role(s) {', '.join(unknown)}; roles are {', '.join(ROLES)}")
    return tokens


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(mask_deep(data), ensure_ascii=False, indent=1)
    return Response(body, status=status, mimetype="application/json")


def _as_of() -> date:
    value = request.args.get("as_of")
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise ApiError(400, "bad_date", f"as_of must be YYYY-MM-DD, got {value!r}") from None


def register_api(app: Dash, store: GraphStore, policy: Policy | None = None,
                 tokens: Mapping[str, str] | None = None) -> None:
    """Add the API routes to ``app.server``; tokens default to ``$IPCREDIT_API_TOKENS``."""
    policy = policy or load_policy()
    known = dict(tokens) if tokens is not None else parse_tokens(os.environ.get(TOKENS_ENV))
    api = Blueprint("ipcredit_api", __name__)

    def require(*roles: str) -> str:
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else \
            request.headers.get("X-Api-Token", "").strip()
        if not token:
            raise ApiError(401, "unauthenticated", "this route needs a token (Authorization: Bearer …)")
        role = known.get(token)
        if role is None:
            raise ApiError(401, "unauthenticated", "unknown token")
        if role not in roles:
            raise ApiError(403, "forbidden", f"role {role} may not use this route ({', '.join(roles)})")
        return role

    @api.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        return _error(exc.status, exc.code, exc.message)

    @api.errorhandler(IpcreditError)
    def _domain_error(exc: IpcreditError) -> Response:
        status = 404 if isinstance(exc, TransitionRefused) and exc.rule == "unknown" else 400
        return _error(status, exc.code, str(exc))

    @api.get("/api/openapi.json")
    def openapi() -> Response:
        return _json(openapi_document())

    @api.get(f"{PREFIX}/restrictions")
    def restrictions() -> Response:
        uscc, name = request.args.get("uscc"), request.args.get("name")
        if not (uscc or name) or (uscc and name):
            raise ApiError(400, "bad_query", "give exactly one of uscc= or name=")
        result = check(store, _as_of(), policy, uscc=uscc, name=name)
        if not result["found"]:
            raise ApiError(404, "not_found", f"no company, person or agency matches {uscc or name!r}")
        return _json(result)

    @api.get(f"{PREFIX}/public-list")
    def public_list() -> Response:
        fmt = request.args.get("format", "json")
        if fmt not in FORMATS:
            raise ApiError(400, "bad_format", f"format must be one of {', '.join(FORMATS)}")
        body = export(store, _as_of(), policy, fmt)
        return Response(body, mimetype=_MEDIA[fmt], content_type=f"{_MEDIA[fmt]}; charset=utf-8")

    @api.get(f"{PREFIX}/entities")
    def search_entities() -> Response:
        require(*READERS)
        query = request.args.get("q", "").strip()
        if not query:
            raise ApiError(400, "bad_query", "q= is required")
        hits = store.search(query, limit=int(request.args.get("limit", 20)))
        return _json({"query": query, "results": [
            {"label": n.label, "id": n.id, "caption": n.caption(store.model.label(n.label).caption),
             "url": f"{PREFIX}/entities/{n.label}/{n.id}"} for n in hits]})

    @api.get(f"{PREFIX}/entities/<label>/<path:node_id>")
    def entity(label: str, node_id: str) -> Response:
        require(*READERS)
        node = store.get(NodeRef(label, node_id))
        if node is None:
            raise ApiError(404, "not_found", f"no {label} {node_id!r}")
        grade = store.get(grade_ref(node.ref)) if label in ENTITY_LABELS else None
        as_of = _as_of()
        listings = [{"entry_id": e.id, "status": replay(chain, as_of).state}
                    for e, chain in entries(store, node.ref)] if label in ENTITY_LABELS else []
        return _json({"label": node.label, "id": node.id, "properties": node.props,
                      "sources": node.sources, "loaded_at": node.loaded_at,
                      "grade": grade.props.get("grade") if grade else None,
                      "score": grade.props.get("score") if grade else None, "listings": listings})

    @api.get(f"{PREFIX}/grades/<label>/<path:node_id>")
    def grade(label: str, node_id: str) -> Response:
        require(*READERS)
        node = store.get(grade_ref(NodeRef(label, node_id)))
        if node is None:
            raise ApiError(404, "not_found", f"{label} {node_id!r} has no grade")
        p = node.props
        return _json({"entity": {"label": label, "id": node_id}, "grade": p.get("grade"),
                      "score": p.get("score"), "candidate": bool(p.get("candidate")),
                      "policy_version": p.get("policy_version"), "as_of": p.get("as_of"),
                      "factors": json.loads(str(p.get("factors") or "[]"))})

    @api.get(f"{PREFIX}/lists/<path:entry_id>")
    def list_entry(entry_id: str) -> Response:
        require("credit_officer", "admin")
        node, chain = load_entry(store, entry_id)
        st = replay(chain, _as_of())
        return _json({"entry_id": node.id, "status": st.state, "status_name": STATE_NAMES[st.state],
                      "facts": st.facts, "transitions": [r.as_dict() for r in chain]})

    @api.get(f"{PREFIX}/leads")
    def leads() -> Response:
        require("investigator", "admin")
        closed = request.args.get("include_closed") in ("1", "true")
        return _json({"as_of": _as_of().isoformat(),
                      "leads": [v.as_dict() for v in queue(store, _as_of(), closed)]})

    @api.get(f"{PREFIX}/audit/verify")
    def audit_verify() -> Response:
        require("admin")
        problems = verify(store)
        return _json({"intact": not problems, "problems": [p.as_dict() for p in problems]})

    @api.route(f"{PREFIX}/<path:rest>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    def unknown(rest: str) -> Response:
        raise ApiError(404, "not_found", f"no API route {PREFIX}/{rest}")

    app.server.register_blueprint(api)


def _error(status: int, code: str, message: str) -> Response:
    return _json({"error": {"status": status, "code": code, "message": message}}, status)


# OpenAPI 3 ----------------------------------------------------------------------------------
def _param(name: str, where: str, description: str, required: bool = False,
           enum: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    return {"name": name, "in": where, "required": required or where == "path",
            "description": description, "schema": schema}


def _ok(description: str, schema: str | None = None, media: str = "application/json",
        errors: tuple[int, ...] = (400,)) -> dict[str, Any]:
    content = {media: {"schema": {"$ref": f"#/components/schemas/{schema}"} if schema
                       else {"type": "string"}}}
    out: dict[str, Any] = {"200": {"description": description, "content": content}}
    for status in errors:
        out[str(status)] = {"description": _STATUS[status], "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Error"}}}}
    return out


_STATUS = {400: "bad request", 401: "no or unknown token", 403: "role not allowed",
           404: "not found"}
_AS_OF = _param("as_of", "query", "Evaluate the rules as of this date (YYYY-MM-DD; default today)")
_LABEL = _param("label", "path", "Company, Person or Agency (any label for entities)")
_ID = _param("node_id", "path", "The node id (percent-encoded)")
_AUTH = [{"bearer": []}, {"apiToken": []}]


def _get(summary: str, params: list[dict[str, Any]], responses: dict[str, Any],
         secured: bool = True, tag: str = "internal") -> dict[str, Any]:
    op: dict[str, Any] = {"summary": summary, "tags": [tag], "parameters": params,
                          "responses": responses}
    op["security"] = _AUTH if secured else []
    return {"get": op}


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {
        k: v if isinstance(v, dict) else {"type": v} for k, v in props.items()}}


def openapi_document() -> dict[str, Any]:
    """The API as OpenAPI 3.0: paths, parameters, schemas and the two token schemes."""
    arr = {"type": "array", "items": {"type": "string"}}
    secured = (400, 401, 403, 404)
    schemas = {
        "Error": _obj(error=_obj(status="integer", code="string", message="string")),
        "Measure": _obj(key="string", name="string", basis="string", verified="boolean",
                        policy_entry="string", starts="string", ends="string", entry_id="string"),
        "Restrictions": _obj(query=_obj(uscc="string", name="string"), as_of="string",
                             policy_version="string", found="boolean", results={
                                 "type": "array", "items": _obj(
                                     entity=_obj(label="string", id="string", name="string",
                                                 uscc="string"),
                                     restricted="boolean",
                                     measures={"type": "array",
                                               "items": {"$ref": "#/components/schemas/Measure"}},
                                     listings={"type": "array", "items": {"type": "object"}})}),
        "PublicEntry": _obj(name="string", uscc="string", grounds="string", penalty="string",
                            authority="string", decision_no="string", listed_on="string",
                            expires_on="string", measures=arr, status="string"),
        "PublicList": _obj(title="string", as_of="string", policy_version="string",
                           count="integer", entries={"type": "array", "items": {
                               "$ref": "#/components/schemas/PublicEntry"}}),
        "Entity": _obj(label="string", id="string", properties="object", sources=arr,
                       grade="string", score="integer", listings={"type": "array",
                                                                  "items": {"type": "object"}}),
        "SearchResults": _obj(query="string", results={"type": "array", "items": _obj(
            label="string", id="string", caption="string", url="string")}),
        "Grade": _obj(entity=_obj(label="string", id="string"), grade="string", score="integer",
                      candidate="boolean", policy_version="string", as_of="string",
                      factors={"type": "array", "items": _obj(
                          name="string", points="integer", detail="string",
                          policy_entry="string", basis="string", documents=arr)}),
        "ListEntry": _obj(entry_id="string", status="string", status_name="string",
                          facts="object", transitions={"type": "array", "items": {"type": "object"}}),
        "Leads": _obj(as_of="string", leads={"type": "array", "items": {"type": "object"}}),
        "AuditReport": _obj(intact="boolean", problems={"type": "array", "items": {"type": "object"}}),
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "ipcredit API", "version": "1",
                 "description": "知识产权信用监管：联合惩戒查询、严重违法失信名单公示、主体与信用等级查询。"
                                f"Tokens: ${TOKENS_ENV} (token=role, …); roles {', '.join(ROLES)}."},
        "paths": {
            f"{PREFIX}/restrictions": _get(
                "Measures in force (联合惩戒) for a USCC or a name, with basis and end dates",
                [_param("uscc", "query", "统一社会信用代码 (exactly one of uscc, name)"),
                 _param("name", "query", "Name (exact first, else containing)"), _AS_OF],
                _ok("restrictions", "Restrictions", errors=(400, 404)), secured=False, tag="public"),
            f"{PREFIX}/public-list": _get(
                "The published serious-dishonesty list (ID numbers masked)",
                [_AS_OF, _param("format", "query", "json (default), csv or html",
                                enum=list(FORMATS))],
                {**_ok("the list", "PublicList"),
                 "200": {"description": "the list", "content": {
                     "application/json": {"schema": {"$ref": "#/components/schemas/PublicList"}},
                     "text/csv": {"schema": {"type": "string"}},
                     "text/html": {"schema": {"type": "string"}}}}}, secured=False, tag="public"),
            f"{PREFIX}/entities": _get("Search entities by name or identifier",
                                       [_param("q", "query", "Name, USCC, number", True)],
                                       _ok("hits", "SearchResults", errors=secured)),
            f"{PREFIX}/entities/{{label}}/{{node_id}}": _get(
                "One entity with its sources, grade and listings", [_LABEL, _ID, _AS_OF],
                _ok("the entity", "Entity", errors=secured)),
            f"{PREFIX}/grades/{{label}}/{{node_id}}": _get(
                "The credit grade with its factors, rules and documents", [_LABEL, _ID],
                _ok("the grade", "Grade", errors=secured)),
            f"{PREFIX}/lists/{{entry_id}}": _get(
                "A list entry with its whole transition chain (credit_officer, admin)",
                [_param("entry_id", "path", "list:<Label>:<id>:<n>"), _AS_OF],
                _ok("the entry", "ListEntry", errors=secured)),
            f"{PREFIX}/leads": _get("The ranked lead queue (investigator, admin)",
                                    [_AS_OF, _param("include_closed", "query", "1 to include closed")],
                                    _ok("the queue", "Leads", errors=secured)),
            f"{PREFIX}/audit/verify": _get("Verify every hash chain (admin)", [],
                                           _ok("the report", "AuditReport", errors=secured)),
        },
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"},
            "apiToken": {"type": "apiKey", "in": "header", "name": "X-Api-Token"}}},
    }


