// fast-check arbitraries for the JSON Schema that zod writes of a contract
// request (z.toJSONSchema), so the fuzz test follows the contract as it grows.
// Only the keywords zod emits for this contract are known; any other one
// fails loudly instead of generating something the contract never said.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $schema?: string;
}

const KNOWN = new Set(['type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items', 'anyOf', 'enum', 'const', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'minItems', 'maxItems', 'default', '$schema']);

/** Generation stays small (long strings come from the mutations), but always within the schema's bounds. */
const MAX_GENERATED_LENGTH = 40;
const MAX_GENERATED_ITEMS = 4;

export type Overrides = Record<string, fc.Arbitrary<unknown>>;

export function arbitraryFor(schema: JsonSchema, overrides: Overrides = {}, name = ''): fc.Arbitrary<unknown> {
  for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`The fuzz generator does not know the JSON Schema keyword “${key}” (at ${name || 'the request'}).`);
  const override = overrides[name];
  if (override) return override;
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => arbitraryFor(s, overrides)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => arbitraryFor({ ...schema, type }, overrides)));
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'string': {
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      const minLength = schema.minLength ?? 0;
      return fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(schema.maxLength ?? MAX_GENERATED_LENGTH, Math.max(minLength, MAX_GENERATED_LENGTH)) });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(arbitraryFor(schema.items ?? {}, overrides, `${name}[]`), { minLength, maxLength: Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, Math.max(minLength, MAX_GENERATED_ITEMS)) });
    }
    case 'object': {
      // A record (z.record / z.partialRecord): keys from propertyNames, values from additionalProperties.
      if (schema.propertyNames && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(arbitraryFor(schema.propertyNames, overrides) as fc.Arbitrary<string>, arbitraryFor(schema.additionalProperties, overrides, `${name}{}`), { maxKeys: MAX_GENERATED_ITEMS });
      }
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, arbitraryFor(s, overrides, key)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      throw new Error(`The fuzz generator cannot make a value of type ${String(schema.type)} (at ${name || 'the request'}).`);
  }
}
