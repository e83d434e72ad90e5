// Generated from openapi.yaml by trading-server codegen. Do not edit.

export * from "./types";
export * from "./client";
export * from "./ws";
