// This target has no hand-written code. At build time Plugins/CodegenPlugin runs the generator
// (Sources/CodegenCore) on openapi.yaml and compiles its output into this module: the DTOs,
// `ErrorCode`, the operation table with roles, one handler protocol per tag, the WebSocket
// message types and the embedded spec. The runtime they call is Sources/APIRuntime.
//
// SwiftPM only treats a folder with at least one Swift file as a target, hence this file.
