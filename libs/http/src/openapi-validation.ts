import type { OpenAPIObject } from '@nestjs/swagger';
import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_URL, IS_UUID, MAX, MIN } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type Schema = SchemaObject & Record<string, unknown>;

/**
 * Where the library's reading of a validator is looser or other than what the
 * validator does: Min/Max would turn an `@IsInt()` into `number`; `@IsUUID()`
 * takes version 1-8 UUIDs only (validator.js), `@IsUrl()` the protocols we
 * allow; the newsroom's own validators are named here by the name they
 * register under.
 */
const HTTP_URL = {
  type: 'string',
  format: 'uri',
  // narrower than the validators (which take any host a URL parser takes): what the document promises is always accepted
  pattern: '^https?://[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)*(:[1-9][0-9]{1,3})?(/[A-Za-z0-9_~-]+)*/?$',
};

const CONVERTERS = {
  [MIN]: (meta: { constraints: number[] }) => ({ minimum: meta.constraints[0] }),
  [MAX]: (meta: { constraints: number[] }) => ({ maximum: meta.constraints[0] }),
  [IS_UUID]: { type: 'string', format: 'uuid', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$' },
  [IS_URL]: HTTP_URL,
  isHttpUrl: HTTP_URL,
  isIsoTimeInNewsroomYears: { type: 'string', format: 'date-time' },
};

/** The JSON Schema keywords a class-validator decorator stands for, which the document must state too. */
const CONSTRAINTS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'minItems', 'maxItems', 'uniqueItems'] as const;

/**
 * Makes the OpenAPI document say what validation enforces. `@ApiProperty`
 * is written by hand beside the class-validator decorators and drifts from
 * them (a `@Min(1)` the document never mentions, a `string | null` it calls
 * an object); the schema-driven fuzz run (test/schema-fuzz) sends what the
 * document allows and found both. So the constraints are read from the
 * validators themselves (class-validator-jsonschema) and written into the
 * document: request bodies by their class's schema, query and path
 * parameters by the class whose fields they are. Bodies also say
 * `additionalProperties: false`, since the validation pipe refuses unknown
 * fields (newsroomValidationPipe).
 */
export function describeValidation(document: OpenAPIObject): void {
  const validated = validationMetadatasToSchemas({ additionalConverters: CONVERTERS as never }) as Record<string, Schema>;
  const components = (document.components?.schemas ?? {}) as Record<string, Schema | ReferenceObject>;
  for (const [name, schema] of Object.entries(components)) {
    const rules = validated[name];
    if (rules && !('$ref' in schema)) mergeObject(schema, rules);
  }
  for (const name of requestBodyComponents(document)) {
    const schema = components[name];
    if (schema && !('$ref' in schema) && validated[name]) schema.additionalProperties = false;
  }
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete]) {
      for (const place of ['path', 'query'] as const) {
        const parameters = (operation?.parameters ?? []).filter((p): p is ParameterObject => !('$ref' in p) && p.in === place);
        const rules = parameters.length ? parameterClassOf(parameters, validated) : undefined;
        if (rules) mergeParameters(parameters, rules);
      }
    }
  }
}

function mergeParameters(parameters: ParameterObject[], rules: Schema): void {
  for (const parameter of parameters) {
    const property = rules.properties?.[parameter.name] as Schema | undefined;
    if (property && parameter.schema && !('$ref' in parameter.schema)) mergeProperty(parameter.schema as Schema, property);
    if ((rules.required as string[] | undefined)?.includes(parameter.name)) parameter.required = true;
  }
}

function mergeObject(schema: Schema, rules: Schema): void {
  const properties = (schema.properties ?? {}) as Record<string, Schema | ReferenceObject>;
  for (const [key, rule] of Object.entries((rules.properties ?? {}) as Record<string, Schema>)) {
    const property = properties[key];
    if (property && !('$ref' in property)) mergeProperty(property, rule);
  }
  // a field the validators require is required, whatever the decorator said
  const required = new Set([...(schema.required ?? []), ...((rules.required as string[] | undefined) ?? []).filter((key) => key in properties)]);
  if (required.size) schema.required = [...required];
}

/** Fills in what the validators enforce on one property; what the document says already wins only where they agree. */
function mergeProperty(property: Schema, rule: Schema): void {
  if (property.allOf || property.oneOf) return;
  // `string | null` reflects as Object: the validator knows it is a string
  if (rule.type && rule.type !== 'object' && (!property.type || (property.type === 'object' && !property.properties))) property.type = rule.type;
  if (rule.type === 'integer' && property.type === 'number') property.type = 'integer';
  for (const keyword of CONSTRAINTS) {
    if (rule[keyword] !== undefined && (keyword !== 'format' || property.format === undefined)) (property as Record<string, unknown>)[keyword] = rule[keyword];
  }
  if (property.type === 'array' && rule.items && property.items && !('$ref' in property.items) && !('$ref' in rule.items)) {
    mergeProperty(property.items as Schema, rule.items as Schema);
  }
}

/** Every component schema an operation takes as its JSON body, and those they hold. */
function requestBodyComponents(document: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const components = document.components?.schemas ?? {};
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
      const name = ref.slice('#/components/schemas/'.length);
      if (names.has(name)) return;
      names.add(name);
      return visit(components[name]);
    }
    Object.values(value).forEach(visit);
  };
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.post, item.put, item.patch, item.delete, item.get]) {
      const body = operation?.requestBody;
      if (body && !('$ref' in body)) visit(body.content['application/json']?.schema);
    }
  }
  return names;
}

/**
 * The class an operation's query (or path) parameters come from: Nest spreads
 * a `@Query()` or `@Param()` class into its fields, so the class is the
 * validated one with exactly those fields. None when no class, or more than
 * one, fits.
 */
function parameterClassOf(query: ParameterObject[], validated: Record<string, Schema>): Schema | undefined {
  const names = query.map((p) => p.name).sort().join(',');
  const fits = Object.values(validated).filter((schema) => Object.keys(schema.properties ?? {}).sort().join(',') === names);
  return fits.length === 1 ? fits[0] : undefined;
}
