/// <reference types="@fastify/static" />
// The server code this benchmark imports calls reply.sendFile (platform/errors.ts), which @fastify/static declares
// by augmenting Fastify's types; only app.ts imports that package, and app.ts is not in tools' program, so its
// declarations are referenced here. See docs/PERFORMANCE.md ("Type-checking").
export {};
