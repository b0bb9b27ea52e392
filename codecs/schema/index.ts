/**
 * hcldec specs -> JSON Schema (draft 2020-12) and TypeScript declarations of the JSON syntax of
 * a template block body (`.pkr.json`), following what Go's decoder accepts. README.md.
 */
export { specToJsonSchema, valueSchema, typeText, JSON_SCHEMA_DRAFT, NUMBER_STRING_PATTERN, BOOL_STRING_PATTERN, TEMPLATE_PATTERN } from './json-schema.js';
export type { JsonSchema, JsonSchemaOptions } from './json-schema.js';
export { specToTypeScript } from './typescript.js';
export type { TypeScriptOptions } from './typescript.js';
export { knownLimit, KNOWN_LIMITS } from './limits.js';
