"""The OpenAPI 3 description of the read-only API, written by hand (it is small)."""

from __future__ import annotations

from olympiad.operations.backup import app_version

_NULLABLE_STRING = {"type": ["string", "null"]}
_STATUS = {"type": "string", "enum": ["winner", "prize_winner", "participant", "undecided"]}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _ok(schema: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        "additionalProperties": False,
    }


_OLYMPIAD_ID = {
    "name": "olympiad_id",
    "in": "path",
    "required": True,
    "schema": {"type": "integer", "minimum": 0},
}

SCHEMAS = {
    "Error": _object({"error": {"type": "string"}}),
    "Olympiad": _object(
        {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "academic_year": {"type": "string", "examples": ["2020-2021"]},
            "stage": {"type": "string"},
            "held_on": {**_NULLABLE_STRING, "format": "date"},
            "grades": {"type": "array", "items": {"type": "integer"}},
            "final_order": _NULLABLE_STRING,
            "final_order_date": {**_NULLABLE_STRING, "format": "date"},
            "published_at": {**_NULLABLE_STRING, "format": "date-time"},
        }
    ),
    "OlympiadList": _object(
        {"olympiads": {"type": "array", "items": {"$ref": "#/components/schemas/Olympiad"}}}
    ),
    "TableSummary": _object(
        {
            "unit": {"type": "string", "description": "a grade ('9') or a grade group ('9–11')"},
            "grades": {"type": "array", "items": {"type": "integer"}},
            "max_total": {"type": "number"},
            "participants": {"type": "integer"},
        }
    ),
    "OlympiadResults": _object(
        {
            "olympiad": {"$ref": "#/components/schemas/Olympiad"},
            "tables": {"type": "array", "items": {"$ref": "#/components/schemas/TableSummary"}},
        }
    ),
    "Line": _object(
        {
            "place": {"type": "integer"},
            "name": {
                "type": "string",
                "description": "the name as the parents consented, or the cipher",
            },
            "name_is_public": {"type": "boolean"},
            "school": {**_NULLABLE_STRING, "description": "only next to a public name"},
            "total": {"type": "number"},
            "percent": {"type": "number"},
            "status": _STATUS,
        }
    ),
    "RatingTable": _object(
        {
            "olympiad_id": {"type": "integer"},
            "unit": {"type": "string"},
            "grades": {"type": "array", "items": {"type": "integer"}},
            "max_total": {"type": "number"},
            "participants": {"type": "integer"},
            "lines": {"type": "array", "items": {"$ref": "#/components/schemas/Line"}},
        }
    ),
    "Certificate": _object(
        {
            "state": {"type": "string", "enum": ["valid", "revoked"]},
            "replaced": {"type": "boolean", "description": "a revoked one has a valid successor"},
            "kind": {"type": "string"},
            "serial": {"type": "string"},
            "issued_on": {"type": "string", "format": "date"},
            "name": {
                **_NULLABLE_STRING,
                "description": "the holder as consented (the cipher if no name may be shown); "
                "null once the olympiad's personal data is purged",
            },
            "name_is_public": {"type": "boolean"},
            "participant": {
                **_NULLABLE_STRING,
                "description": "a mentor's letter: the participant as consented",
            },
            "status": _STATUS,
            "olympiad": _object(
                {
                    "id": {"type": "integer"},
                    "title": {"type": "string"},
                    "academic_year": {"type": "string"},
                }
            ),
        }
    ),
}


def spec() -> dict:
    not_found = _error("no such published olympiad, table or document")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Olympiad: published results",
            "version": app_version(),
            "description": "Read-only. Only published results; names only as the parents "
            "consented to their publication.",
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/olympiads": {
                "get": {
                    "operationId": "listOlympiads",
                    "summary": "Olympiads with published results",
                    "responses": {"200": _ok("OlympiadList", "the list, newest first")},
                }
            },
            "/olympiads/{olympiad_id}": {
                "get": {
                    "operationId": "getOlympiad",
                    "summary": "An olympiad and its rating tables (grades or grade groups)",
                    "parameters": [_OLYMPIAD_ID],
                    "responses": {"200": _ok("OlympiadResults", "found"), "404": not_found},
                }
            },
            "/olympiads/{olympiad_id}/tables/{unit}": {
                "get": {
                    "operationId": "getRatingTable",
                    "summary": "One rating table",
                    "parameters": [
                        _OLYMPIAD_ID,
                        {
                            "name": "unit",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {"200": _ok("RatingTable", "found"), "404": not_found},
                }
            },
            "/certificates/{code}": {
                "get": {
                    "operationId": "verifyCertificate",
                    "summary": "Check a diploma or certificate by the code in its QR address",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _ok("Certificate", "the document exists"),
                        "404": not_found,
                        "429": _error("too many checks from this address; wait a minute"),
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
