/** A JSON Schema document as a plain value (draft 2020-12 or 07; ajv checks it). */
/** A JSON Schema fragment (draft 2020-12 / ajv). */
export type JsonSchema = Record<string, unknown>;
