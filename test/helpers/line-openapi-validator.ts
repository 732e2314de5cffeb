import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const SPEC_PATH = path.resolve(__dirname, '../vendor/line-openapi/messaging-api.yml');
const REF_PREFIX = '#/components/schemas/';

// The spec is untyped YAML.
type Schema = Record<string, any>;
interface Discriminator {
  propertyName: string;
  mapping: Record<string, string>;
}

const schemaName = (ref: string): string => ref.slice(REF_PREFIX.length);

/**
 * Turns OpenAPI `components.schemas` into JSON Schemas Ajv can compile, keyed by name (used as `$id`).
 *
 * Subtypes are `allOf: [{$ref: Base}, ...]` while Base names them in its discriminator mapping, so a
 * naive translation recurses forever. Each discriminated `X` is therefore split into `XBase` (the
 * shared properties, which subtypes extend) and `X` (dispatches on the discriminator value).
 */
function toJsonSchemas(openApiSchemas: Schema): Record<string, Schema> {
  // Deep copy while pointing refs at the `$id`s we register below.
  const schemas: Record<string, Schema> = JSON.parse(JSON.stringify(openApiSchemas), (key, value) =>
    key === '$ref' ? schemaName(value) : value,
  );

  for (const [name, schema] of Object.entries(schemas)) {
    const { discriminator, ...base } = schema as Schema & { discriminator?: Discriminator };
    if (!discriminator) continue;
    const prop = discriminator.propertyName;
    const mapping = Object.entries(discriminator.mapping).map(([value, ref]) => [value, schemaName(ref)] as const);

    schemas[`${name}Base`] = base;
    schemas[name] = {
      type: 'object',
      // An unmapped or missing value would otherwise match no `if` and silently pass.
      required: [prop],
      properties: { [prop]: { enum: mapping.map(([value]) => value) } },
      // No `$ref: XBase` here: every subtype already includes it, and checking it twice doubles errors.
      allOf: mapping.map(([value, subtype]) => ({
        if: { properties: { [prop]: { const: value } }, required: [prop] },
        then: { $ref: subtype },
      })),
    };
    for (const [value, subtype] of mapping) {
      const sub = schemas[subtype]!;
      sub.allOf = sub.allOf.map((part: Schema) => (part.$ref === name ? { $ref: `${name}Base` } : part));
      // Subtypes are also referenced directly (e.g. carousel contents are FlexBubble), where the
      // discriminator must still name that subtype.
      sub.allOf.push({ properties: { [prop]: { const: value } } });
    }
  }
  return schemas;
}

let ajv: Ajv | undefined;

/** The spec's schemas, compiled once per test process. */
function specValidator(name: string): ValidateFunction {
  if (!ajv) {
    const spec = parse(fs.readFileSync(SPEC_PATH, 'utf8'));
    // strictTypes off: the spec often omits `type: object` next to `properties`, which is harmless.
    ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    // OpenAPI annotations with no validation meaning; `nullable` is understood by Ajv natively.
    ajv.addVocabulary(['example', 'externalDocs', 'x-enum-varnames', 'x-enum-descriptions']);
    for (const [schemaId, schema] of Object.entries(toJsonSchemas(spec.components.schemas))) {
      ajv.addSchema(schema, schemaId);
    }
  }
  const validate = ajv.getSchema(name);
  if (!validate) throw new Error(`no schema ${name} in ${SPEC_PATH}`);
  return validate;
}

function formatError({ instancePath, keyword, message, params }: ErrorObject): string {
  const allowed: unknown[] | undefined =
    keyword === 'enum' ? params.allowedValues : keyword === 'const' ? [params.allowedValue] : undefined;
  return `${instancePath || '/'}: ${message}${allowed ? ` (${allowed.join(', ')})` : ''}`;
}

/** Errors of `body` against the spec's schema `name` (JSON path + message); empty when valid. */
function validateAgainst(name: string, body: unknown): string[] {
  const validate = specValidator(name);
  if (validate(body)) return [];
  // A failed `then` also reports 'must match "then" schema' on the parent; the nested errors say why.
  return (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(formatError);
}

/** Validates a reply request body ({replyToken, messages}) against the ReplyMessageRequest schema. */
export function validateReplyRequest(body: unknown): string[] {
  return validateAgainst('ReplyMessageRequest', body);
}

/** Validates a rich menu object against the RichMenuRequest schema. */
export function validateRichMenuRequest(body: unknown): string[] {
  return validateAgainst('RichMenuRequest', body);
}
