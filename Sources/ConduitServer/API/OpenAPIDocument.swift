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
      "servers": [
        {
          "url": "/"
        }
      ],
      "security": [
        {
          "bearer": []
        }
      ],
      "paths": {
        "/api/openapi.json": {
          "get": {
            "operationId": "getOpenAPI",
            "summary": "This document",
            "security": [],
            "responses": {
              "200": {
                "description": "The OpenAPI document",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/me": {
          "get": {
            "operationId": "getMe",
            "summary": "The token's owner and their memberships",
            "responses": {
              "200": {
                "description": "The person",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Me"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              }
            }
          }
        },
        "/api/v1/partnerships": {
          "get": {
            "operationId": "listPartnerships",
            "summary": "The partnerships and regions the token's owner belongs to",
            "responses": {
              "200": {
                "description": "The partnerships",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PartnershipList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/groups": {
          "get": {
            "operationId": "listGroups",
            "summary": "Groups serving the partnerships the token's owner reads, filtered and paginated",
            "parameters": [
              {
                "name": "q",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "Part of the name (case and accents ignored)"
              },
              {
                "name": "type",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "community_group",
                    "faith_group",
                    "place_of_worship",
                    "supplementary_school",
                    "voluntary_agency",
                    "youth_group",
                    "statutory_service"
                  ]
                },
                "description": "Type of group"
              },
              {
                "name": "faith",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "not_faith_based",
                    "christian",
                    "muslim",
                    "hindu",
                    "sikh",
                    "jewish",
                    "buddhist",
                    "rastafarian",
                    "multi_faith",
                    "other"
                  ]
                },
                "description": "Faith"
              },
              {
                "name": "language",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "A language the group uses"
              },
              {
                "name": "community",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "A community of origin"
              },
              {
                "name": "partnership",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Only groups serving this partnership"
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "active",
                    "dormant",
                    "moved",
                    "no_longer_exists",
                    "unknown"
                  ]
                },
                "description": "Status"
              },
              {
                "name": "gap",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "child_protection_policy",
                    "safeguarding_lead",
                    "dbs_checks",
                    "safer_recruitment",
                    "training",
                    "policy_when_worried",
                    "policy_what_is_harmful",
                    "policy_safe_practice",
                    "policy_spiritual_practice",
                    "policy_adults_risk",
                    "any"
                  ]
                },
                "description": "A readiness item not in place (or 'any')"
              },
              {
                "name": "not-contacted",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 120
                },
                "description": "Not contacted for this many months"
              },
              {
                "name": "page",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1
                },
                "description": "Page number, from 1"
              },
              {
                "name": "perPage",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 200
                },
                "description": "Items per page, 1 to 200 (default 50)"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of groups",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/GroupList"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "422": {
                "description": "A query parameter cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          },
          "post": {
            "operationId": "createGroup",
            "summary": "Add a group (answered 409 with the likely duplicates unless confirmNotDuplicate is true)",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/GroupBody"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new group",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Group"
                    }
                  }
                }
              },
              "409": {
                "description": "Likely duplicates already in the directory",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Duplicates"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/groups/{groupID}": {
          "get": {
            "operationId": "getGroup",
            "summary": "One group",
            "parameters": [
              {
                "name": "groupID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The group"
              }
            ],
            "responses": {
              "200": {
                "description": "The group",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Group"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "put": {
            "operationId": "updateGroup",
            "summary": "Replace a group's details (send the version read)",
            "parameters": [
              {
                "name": "groupID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The group"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/GroupBody"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The group as saved",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Group"
                    }
                  }
                }
              },
              "409": {
                "description": "The record changed since the version sent: read it again and resend",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/groups/{groupID}/contacts": {
          "get": {
            "operationId": "listContacts",
            "summary": "The group's contacts (each read is in the audit trail)",
            "parameters": [
              {
                "name": "groupID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The group"
              }
            ],
            "responses": {
              "200": {
                "description": "The contacts",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ContactList"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createContact",
            "summary": "Add a contact to the group",
            "parameters": [
              {
                "name": "groupID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The group"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ContactBody"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new contact",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Contact"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/groups/{groupID}/readiness": {
          "get": {
            "operationId": "getReadiness",
            "summary": "The group's safeguarding readiness",
            "parameters": [
              {
                "name": "groupID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The group"
              }
            ],
            "responses": {
              "200": {
                "description": "The readiness",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Readiness"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "put": {
            "operationId": "updateReadiness",
            "summary": "Record readiness items (items not sent stay as they are)",
            "parameters": [
              {
                "name": "groupID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The group"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ReadinessBody"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The readiness as saved",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Readiness"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "409": {
                "description": "The readiness changed since the version sent",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/contacts/{contactID}": {
          "get": {
            "operationId": "getContact",
            "summary": "One contact (the read is in the audit trail)",
            "parameters": [
              {
                "name": "contactID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The contact"
              }
            ],
            "responses": {
              "200": {
                "description": "The contact",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Contact"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "put": {
            "operationId": "updateContact",
            "summary": "Replace a contact's details (send the version read)",
            "parameters": [
              {
                "name": "contactID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The contact"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ContactBody"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The contact as saved",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Contact"
                    }
                  }
                }
              },
              "409": {
                "description": "The record changed since the version sent: read it again and resend",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/engagements": {
          "get": {
            "operationId": "listEngagements",
            "summary": "Engagements of the partnerships the token's owner reads, newest first",
            "parameters": [
              {
                "name": "group",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Only engagements with this group"
              },
              {
                "name": "from",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "date"
                },
                "description": "On or after (YYYY-MM-DD)"
              },
              {
                "name": "to",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "date"
                },
                "description": "On or before (YYYY-MM-DD)"
              },
              {
                "name": "page",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1
                },
                "description": "Page number, from 1"
              },
              {
                "name": "perPage",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 200
                },
                "description": "Items per page, 1 to 200 (default 50)"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of engagements",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EngagementList"
                    }
                  }
                }
              },
              "422": {
                "description": "A query parameter cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createEngagement",
            "summary": "Log an engagement",
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/EngagementBody"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The engagement",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Engagement"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        },
        "/api/v1/engagements/{engagementID}": {
          "get": {
            "operationId": "getEngagement",
            "summary": "One engagement",
            "parameters": [
              {
                "name": "engagementID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The engagement"
              }
            ],
            "responses": {
              "200": {
                "description": "The engagement",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Engagement"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "put": {
            "operationId": "updateEngagement",
            "summary": "Replace an engagement (send the version read)",
            "parameters": [
              {
                "name": "engagementID",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The engagement"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/EngagementBody"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The engagement as saved",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Engagement"
                    }
                  }
                }
              },
              "409": {
                "description": "The record changed since the version sent: read it again and resend",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "422": {
                "description": "The body has problems, one per field",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "400": {
                "description": "The body cannot be read",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "404": {
                "description": "No such record, or not one you may see",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "415": {
                "description": "The body is not JSON (send Content-Type: application/json)",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token (cdt_…)"
          }
        },
        "responses": {
          "Unauthorized": {
            "description": "No valid token",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Forbidden": {
            "description": "The token's owner may not do this",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "required": [
              "type",
              "title",
              "status"
            ],
            "properties": {
              "type": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "status": {
                "type": "integer"
              },
              "detail": {
                "type": "string"
              },
              "errors": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "field",
                    "message"
                  ],
                  "properties": {
                    "field": {
                      "type": "string"
                    },
                    "message": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          },
          "Membership": {
            "type": "object",
            "required": [
              "partnershipId",
              "partnershipName",
              "role"
            ],
            "properties": {
              "partnershipId": {
                "type": "string",
                "format": "uuid"
              },
              "partnershipName": {
                "type": "string"
              },
              "role": {
                "type": "string",
                "enum": [
                  "administrator",
                  "coordinator",
                  "adviser",
                  "auditor",
                  "analyst",
                  "submitter",
                  "viewer"
                ]
              }
            }
          },
          "Me": {
            "type": "object",
            "required": [
              "id",
              "email",
              "displayName",
              "memberships"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "email": {
                "type": "string"
              },
              "displayName": {
                "type": "string"
              },
              "memberships": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Membership"
                }
              }
            }
          },
          "Partnership": {
            "type": "object",
            "required": [
              "id",
              "name",
              "code",
              "kind"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              },
              "code": {
                "type": "string"
              },
              "kind": {
                "type": "string",
                "enum": [
                  "region",
                  "partnership"
                ]
              },
              "parentId": {
                "type": "string",
                "format": "uuid",
                "nullable": true
              }
            }
          },
          "PartnershipList": {
            "type": "object",
            "required": [
              "items",
              "total"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Partnership"
                }
              },
              "total": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "PartnershipRef": {
            "type": "object",
            "required": [
              "id",
              "name"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              }
            }
          },
          "ReadinessSummary": {
            "type": "object",
            "required": [
              "met",
              "total",
              "missing",
              "expired",
              "dueSoon"
            ],
            "properties": {
              "met": {
                "type": "integer"
              },
              "total": {
                "type": "integer"
              },
              "missing": {
                "type": "array",
                "items": {
                  "type": "string",
                  "enum": [
                    "child_protection_policy",
                    "safeguarding_lead",
                    "dbs_checks",
                    "safer_recruitment",
                    "training",
                    "policy_when_worried",
                    "policy_what_is_harmful",
                    "policy_safe_practice",
                    "policy_spiritual_practice",
                    "policy_adults_risk"
                  ]
                }
              },
              "expired": {
                "type": "array",
                "items": {
                  "type": "string",
                  "enum": [
                    "child_protection_policy",
                    "safeguarding_lead",
                    "dbs_checks",
                    "safer_recruitment",
                    "training",
                    "policy_when_worried",
                    "policy_what_is_harmful",
                    "policy_safe_practice",
                    "policy_spiritual_practice",
                    "policy_adults_risk"
                  ]
                }
              },
              "dueSoon": {
                "type": "array",
                "items": {
                  "type": "string",
                  "enum": [
                    "child_protection_policy",
                    "safeguarding_lead",
                    "dbs_checks",
                    "safer_recruitment",
                    "training",
                    "policy_when_worried",
                    "policy_what_is_harmful",
                    "policy_safe_practice",
                    "policy_spiritual_practice",
                    "policy_adults_risk"
                  ]
                }
              }
            }
          },
          "GroupBody": {
            "type": "object",
            "required": [
              "name",
              "type"
            ],
            "properties": {
              "name": {
                "type": "string",
                "maxLength": 200
              },
              "type": {
                "type": "string",
                "enum": [
                  "community_group",
                  "faith_group",
                  "place_of_worship",
                  "supplementary_school",
                  "voluntary_agency",
                  "youth_group",
                  "statutory_service"
                ]
              },
              "faith": {
                "type": "string",
                "enum": [
                  "not_faith_based",
                  "christian",
                  "muslim",
                  "hindu",
                  "sikh",
                  "jewish",
                  "buddhist",
                  "rastafarian",
                  "multi_faith",
                  "other"
                ]
              },
              "denomination": {
                "type": "string"
              },
              "communities": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "languages": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "address": {
                "type": "string"
              },
              "postcode": {
                "type": "string",
                "description": "A UK postcode"
              },
              "phone": {
                "type": "string"
              },
              "email": {
                "type": "string"
              },
              "meetingTimes": {
                "type": "string"
              },
              "status": {
                "type": "string",
                "enum": [
                  "active",
                  "dormant",
                  "moved",
                  "no_longer_exists",
                  "unknown"
                ]
              },
              "statusConfirmedOn": {
                "type": "string",
                "format": "date"
              },
              "howFound": {
                "type": "string"
              },
              "notes": {
                "type": "string"
              },
              "keptBy": {
                "type": "string",
                "format": "uuid"
              },
              "partnershipsServed": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                }
              },
              "version": {
                "type": "integer",
                "description": "Required to update: the version read"
              },
              "confirmNotDuplicate": {
                "type": "boolean"
              }
            }
          },
          "Group": {
            "type": "object",
            "required": [
              "id",
              "version",
              "name",
              "type",
              "denomination",
              "communities",
              "languages",
              "address",
              "email",
              "meetingTimes",
              "status",
              "howFound",
              "notes",
              "keptBy",
              "partnershipsServed",
              "readiness"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "version": {
                "type": "integer"
              },
              "name": {
                "type": "string"
              },
              "type": {
                "type": "string",
                "enum": [
                  "community_group",
                  "faith_group",
                  "place_of_worship",
                  "supplementary_school",
                  "voluntary_agency",
                  "youth_group",
                  "statutory_service"
                ]
              },
              "faith": {
                "type": "string",
                "enum": [
                  "not_faith_based",
                  "christian",
                  "muslim",
                  "hindu",
                  "sikh",
                  "jewish",
                  "buddhist",
                  "rastafarian",
                  "multi_faith",
                  "other"
                ]
              },
              "denomination": {
                "type": "string"
              },
              "communities": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "languages": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "address": {
                "type": "string"
              },
              "postcode": {
                "type": "string"
              },
              "phone": {
                "type": "string"
              },
              "email": {
                "type": "string"
              },
              "meetingTimes": {
                "type": "string"
              },
              "status": {
                "type": "string",
                "enum": [
                  "active",
                  "dormant",
                  "moved",
                  "no_longer_exists",
                  "unknown"
                ]
              },
              "statusConfirmedOn": {
                "type": "string",
                "format": "date"
              },
              "howFound": {
                "type": "string"
              },
              "notes": {
                "type": "string"
              },
              "keptBy": {
                "$ref": "#/components/schemas/PartnershipRef"
              },
              "partnershipsServed": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/PartnershipRef"
                }
              },
              "mergedInto": {
                "type": "string",
                "format": "uuid"
              },
              "readiness": {
                "$ref": "#/components/schemas/ReadinessSummary"
              }
            }
          },
          "GroupSummary": {
            "type": "object",
            "required": [
              "id",
              "name",
              "type",
              "status",
              "keptByName",
              "readinessMet"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              },
              "type": {
                "type": "string"
              },
              "status": {
                "type": "string"
              },
              "postcode": {
                "type": "string"
              },
              "keptByName": {
                "type": "string"
              },
              "readinessMet": {
                "type": "integer"
              },
              "lastContactOn": {
                "type": "string",
                "format": "date"
              }
            }
          },
          "GroupList": {
            "type": "object",
            "required": [
              "items",
              "total",
              "page",
              "perPage"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/GroupSummary"
                }
              },
              "total": {
                "type": "integer"
              },
              "page": {
                "type": "integer"
              },
              "perPage": {
                "type": "integer"
              }
            }
          },
          "Duplicates": {
            "type": "object",
            "required": [
              "title",
              "status",
              "duplicates"
            ],
            "properties": {
              "type": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "status": {
                "type": "integer"
              },
              "detail": {
                "type": "string"
              },
              "duplicates": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "id",
                    "name",
                    "keptByName",
                    "reasons"
                  ],
                  "properties": {
                    "id": {
                      "type": "string",
                      "format": "uuid"
                    },
                    "name": {
                      "type": "string"
                    },
                    "postcode": {
                      "type": "string"
                    },
                    "keptByName": {
                      "type": "string"
                    },
                    "reasons": {
                      "type": "array",
                      "items": {
                        "type": "string",
                        "enum": [
                          "similar_name",
                          "same_postcode",
                          "same_phone"
                        ]
                      }
                    }
                  }
                }
              }
            }
          },
          "ContactBody": {
            "type": "object",
            "required": [
              "name",
              "role"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "role": {
                "type": "string",
                "enum": [
                  "pastor",
                  "imam",
                  "priest",
                  "faith_leader",
                  "chair",
                  "secretary",
                  "trustee",
                  "designated_safeguarding_lead",
                  "youth_leader",
                  "teacher",
                  "coordinator",
                  "other"
                ]
              },
              "roleDetail": {
                "type": "string"
              },
              "phone": {
                "type": "string"
              },
              "email": {
                "type": "string"
              },
              "preferredLanguage": {
                "type": "string"
              },
              "notes": {
                "type": "string"
              },
              "version": {
                "type": "integer"
              }
            }
          },
          "Contact": {
            "type": "object",
            "required": [
              "id",
              "groupId",
              "version",
              "name",
              "role",
              "roleDetail",
              "phone",
              "email",
              "preferredLanguage",
              "notes"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "groupId": {
                "type": "string",
                "format": "uuid"
              },
              "version": {
                "type": "integer"
              },
              "name": {
                "type": "string"
              },
              "role": {
                "type": "string"
              },
              "roleDetail": {
                "type": "string"
              },
              "phone": {
                "type": "string"
              },
              "email": {
                "type": "string"
              },
              "preferredLanguage": {
                "type": "string"
              },
              "notes": {
                "type": "string"
              }
            }
          },
          "ContactList": {
            "type": "object",
            "required": [
              "items",
              "total"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Contact"
                }
              },
              "total": {
                "type": "integer"
              }
            }
          },
          "ReadinessItem": {
            "type": "object",
            "required": [
              "item",
              "status"
            ],
            "properties": {
              "item": {
                "type": "string",
                "enum": [
                  "child_protection_policy",
                  "safeguarding_lead",
                  "dbs_checks",
                  "safer_recruitment",
                  "training",
                  "policy_when_worried",
                  "policy_what_is_harmful",
                  "policy_safe_practice",
                  "policy_spiritual_practice",
                  "policy_adults_risk"
                ]
              },
              "status": {
                "type": "string",
                "enum": [
                  "met",
                  "partly",
                  "not_met",
                  "unknown"
                ]
              },
              "evidence": {
                "type": "string"
              },
              "lastReviewed": {
                "type": "string",
                "format": "date"
              },
              "reviewDue": {
                "type": "string",
                "format": "date"
              },
              "checkedCount": {
                "type": "integer",
                "minimum": 0
              },
              "totalCount": {
                "type": "integer",
                "minimum": 0
              },
              "dueOn": {
                "type": "string",
                "format": "date",
                "readOnly": true
              }
            }
          },
          "Readiness": {
            "type": "object",
            "required": [
              "groupId",
              "summary",
              "items",
              "version"
            ],
            "properties": {
              "groupId": {
                "type": "string",
                "format": "uuid"
              },
              "summary": {
                "$ref": "#/components/schemas/ReadinessSummary"
              },
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ReadinessItem"
                }
              },
              "version": {
                "type": "string",
                "description": "Send back with an update to have it refused (409) if someone saved since"
              }
            }
          },
          "ReadinessBody": {
            "type": "object",
            "required": [
              "items"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ReadinessItem"
                }
              },
              "version": {
                "type": "string",
                "description": "The version read; optional"
              }
            }
          },
          "EngagementBody": {
            "type": "object",
            "required": [
              "occurredOn",
              "channel",
              "outcome",
              "groupIds"
            ],
            "properties": {
              "occurredOn": {
                "type": "string",
                "format": "date"
              },
              "time": {
                "type": "string",
                "description": "HH:MM or 7pm"
              },
              "channel": {
                "type": "string",
                "enum": [
                  "phone",
                  "email",
                  "letter",
                  "visit",
                  "meeting",
                  "forum",
                  "conference",
                  "training"
                ]
              },
              "outcome": {
                "type": "string",
                "enum": [
                  "no_answer",
                  "no_reply",
                  "declined",
                  "did_not_attend",
                  "met",
                  "agreed_next_step",
                  "training_booked"
                ]
              },
              "groupIds": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "minItems": 1
              },
              "peopleMet": {
                "type": "string"
              },
              "topics": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "notes": {
                "type": "string"
              },
              "followUpOn": {
                "type": "string",
                "format": "date"
              },
              "partnershipId": {
                "type": "string",
                "format": "uuid"
              },
              "version": {
                "type": "integer"
              }
            }
          },
          "Engagement": {
            "type": "object",
            "required": [
              "id",
              "version",
              "occurredOn",
              "channel",
              "outcome",
              "groupIds",
              "peopleMet",
              "topics",
              "notes",
              "followUpDone",
              "partnershipId",
              "adviserId"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "version": {
                "type": "integer"
              },
              "occurredOn": {
                "type": "string",
                "format": "date"
              },
              "time": {
                "type": "string"
              },
              "channel": {
                "type": "string"
              },
              "outcome": {
                "type": "string"
              },
              "groupIds": {
                "type": "array",
                "items": {
                  "type": "string",
                  "format": "uuid"
                }
              },
              "peopleMet": {
                "type": "string"
              },
              "topics": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "notes": {
                "type": "string"
              },
              "followUpOn": {
                "type": "string",
                "format": "date"
              },
              "followUpDone": {
                "type": "boolean"
              },
              "partnershipId": {
                "type": "string",
                "format": "uuid"
              },
              "adviserId": {
                "type": "string",
                "format": "uuid"
              }
            }
          },
          "EngagementList": {
            "type": "object",
            "required": [
              "items",
              "total",
              "page",
              "perPage"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Engagement"
                }
              },
              "total": {
                "type": "integer"
              },
              "page": {
                "type": "integer"
              },
              "perPage": {
                "type": "integer"
              }
            }
          }
        }
      }
    }
    """#
}
