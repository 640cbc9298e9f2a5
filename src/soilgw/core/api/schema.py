"""OpenAPI schema post-processing: the error answers every API operation can give are documented, and CSV
answers as text.

drf-spectacular documents only the success answer; DRF also answers 400 (invalid body or filter), 401 (no or
bad token), 403 (the department policy refuses) and 404 (no such record, or outside the account's scope,
or a page past the end). Documenting them lets clients (and the schemathesis run in the tests) tell an
expected refusal from an undocumented answer.
"""

from __future__ import annotations

#: DRF's error body: ``{"detail": "..."}`` or ``{"field": ["message", ...], ...}``.
ERROR_SCHEMA = {"type": "object", "additionalProperties": True,
                "description": "DRF error body: {\"detail\": message} or {field: [messages]}"}
ERRORS = {
    "400": "Invalid request body or filter value",
    "401": "Not authenticated",
    "403": "Refused by the department policy",
    "404": "No such record (or outside the account's scope), or no such page",
}


def add_error_responses(result, generator, request, public):  # noqa: ARG001  drf-spectacular's hook signature
    """POSTPROCESSING_HOOK: add the 400/401/403/404 answers to every operation that does not name them."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(code, {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                })
    return result


#: What a ``text/csv`` answer holds (``soilgw.core.api.renderers``): text, not the JSON body's schema.
CSV_SCHEMA = {"type": "string", "description": "CSV, UTF-8 with a byte-order mark: the rows of the JSON answer "
              "(a page's results, not its envelope), headed by the fields' labels in the request's language"}


def document_csv(result, generator, request, public):  # noqa: ARG001  drf-spectacular's hook signature
    """POSTPROCESSING_HOOK: ``text/csv`` is documented, as text, on the 200 answer of list operations only
    (``renderers.ListCSVNegotiation`` offers it nowhere else); drf-spectacular lists it on every answer, with
    the JSON schema."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for response in operation.get("responses", {}).values():
                response.get("content", {}).pop("text/csv", None)
            ok = operation.get("responses", {}).get("200", {})
            if method == "get" and operation.get("operationId", "").endswith("_list") and "content" in ok:
                ok["content"]["text/csv"] = {"schema": CSV_SCHEMA}
    return result
