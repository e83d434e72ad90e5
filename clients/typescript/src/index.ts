// Generated from openapi.yaml by trading-server codegen. Do not edit.

export * from "./types.js";
export * from "./client.js";
export * from "./ws.js";
