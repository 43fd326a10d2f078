/// The OpenAPI 3 description of the JSON API, served at /api/openapi.json.
/// A test keeps it true: every API route is in it and every path in it is a route.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "Conduit API",
        "version": "1.0.0",
        "description": "The JSON API of Conduit, for partner systems. Authenticate with a personal token created under Your account → API tokens, sent as 'Authorization: Bearer <token>'. A token acts with its owner's memberships: records of other partnerships are never returned. Errors are application/problem+json (RFC 9457)."
      },
      "servers": [{ "url": "/" }],
      "security": [{ "bearer": [] }],
      "paths": {
        "/api/openapi.json": {
          "get": {
            "operationId": "getOpenAPI",
            "summary": "This document",
            "security": [],
            "responses": {
              "200": { "description": "The OpenAPI document", "content": { "application/json": { "schema": { "type": "object" } } } }
            }
          }
        },
        "/api/v1/me": {
          "get": {
            "operationId": "getMe",
            "summary": "The token's owner and their memberships",
            "responses": {
              "200": { "description": "The person", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Me" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" }
            }
          }
        },
        "/api/v1/partnerships": {
          "get": {
            "operationId": "listPartnerships",
            "summary": "The partnerships and regions the token's owner belongs to",
            "responses": {
              "200": { "description": "The partnerships", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PartnershipList" } } } },
              "401": { "$ref": "#/components/responses/Unauthorized" },
              "403": { "$ref": "#/components/responses/Forbidden" }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": { "type": "http", "scheme": "bearer", "description": "A personal API token (cdt_…)" }
        },
        "responses": {
          "Unauthorized": { "description": "No valid token", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
          "Forbidden": { "description": "The token's owner may not do this", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "required": ["type", "title", "status"],
            "properties": {
              "type": { "type": "string" },
              "title": { "type": "string" },
              "status": { "type": "integer" },
              "detail": { "type": "string" },
              "errors": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["field", "message"],
                  "properties": { "field": { "type": "string" }, "message": { "type": "string" } }
                }
              }
            }
          },
          "Membership": {
            "type": "object",
            "required": ["partnershipId", "partnershipName", "role"],
            "properties": {
              "partnershipId": { "type": "string", "format": "uuid" },
              "partnershipName": { "type": "string" },
              "role": { "type": "string", "enum": ["administrator", "coordinator", "adviser", "auditor", "analyst", "submitter", "viewer"] }
            }
          },
          "Me": {
            "type": "object",
            "required": ["id", "email", "displayName", "memberships"],
            "properties": {
              "id": { "type": "string", "format": "uuid" },
              "email": { "type": "string" },
              "displayName": { "type": "string" },
              "memberships": { "type": "array", "items": { "$ref": "#/components/schemas/Membership" } }
            }
          },
          "Partnership": {
            "type": "object",
            "required": ["id", "name", "code", "kind"],
            "properties": {
              "id": { "type": "string", "format": "uuid" },
              "name": { "type": "string" },
              "code": { "type": "string" },
              "kind": { "type": "string", "enum": ["region", "partnership"] },
              "parentId": { "type": "string", "format": "uuid", "nullable": true }
            }
          },
          "PartnershipList": {
            "type": "object",
            "required": ["items", "total"],
            "properties": {
              "items": { "type": "array", "items": { "$ref": "#/components/schemas/Partnership" } },
              "total": { "type": "integer", "minimum": 0 }
            }
          }
        }
      }
    }
    """#
}
