import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type JsonSchema = Record<string, unknown> & {
  type?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
};

/** What a validator already enforces and a reader of the document should be told. */
const CONSTRAINTS = [
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'minimum',
  'maximum',
  'format',
  'pattern',
];

/** Our own validators, in JSON Schema's words. */
const OWN_VALIDATORS: Record<string, { type: 'string'; format: string }> = {
  isCalendarDate: { type: 'string', format: 'date' },
};

/** The constraints class-validator holds for every DTO, by class name. */
function validatorSchemas(): Record<string, JsonSchema> {
  return validationMetadatasToSchemas({
    additionalConverters: {
      [ValidationTypes.CUSTOM_VALIDATION]: (meta) => {
        const [constraint] = getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls);
        return OWN_VALIDATORS[constraint?.name ?? ''] ?? {};
      },
    },
  }) as Record<string, JsonSchema>;
}

/** Copies the validator's limits into one property of the document; the document's own words win. */
function withLimits(documented: JsonSchema, validated: JsonSchema | undefined): JsonSchema {
  if (!validated || '$ref' in documented) return documented;
  const merged: JsonSchema = { ...documented };
  for (const keyword of CONSTRAINTS)
    if (validated[keyword] !== undefined && merged[keyword] === undefined)
      merged[keyword] = validated[keyword];
  // Swagger cannot see an array's element type (number[] is documented as strings): trust the validator.
  if (validated.type === 'integer' && (merged.type === 'number' || merged.type === 'string'))
    merged.type = 'integer';
  if (documented.items && validated.items) merged.items = withLimits(documented.items, validated.items);
  return merged;
}

type QueryParameter = { name: string; in: string; schema?: JsonSchema };

/**
 * Swagger flattens a query DTO into parameters and forgets its name: the DTO is the validated
 * class with exactly these properties, and its limits go onto each parameter.
 */
function withQueryLimits(parameters: QueryParameter[], validated: Record<string, JsonSchema>): void {
  const query = parameters.filter((parameter) => parameter.in === 'query');
  const names = query.map((parameter) => parameter.name).sort();
  if (names.length === 0) return;
  const dto = Object.values(validated).find(
    (schema) => JSON.stringify(Object.keys(schema.properties ?? {}).sort()) === JSON.stringify(names),
  );
  if (!dto) return;
  for (const parameter of query)
    if (parameter.schema) parameter.schema = withLimits(parameter.schema, dto.properties?.[parameter.name]);
}

/**
 * The OpenAPI document, telling the truth about what the validation pipe accepts: each property's
 * length and size limits come from its validators (Swagger's reflection cannot see them), and the
 * Idempotency-Key header is offered only where a retry could write twice.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Governance engine')
      .setDescription(
        'Actions, decisions and board outcomes of public bodies, as an event-sourced system of record.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  const validated = validatorSchemas();
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const own = schema as JsonSchema;
    if (!own.properties || !validated[name]?.properties) continue;
    for (const [property, documented] of Object.entries(own.properties))
      own.properties[property] = withLimits(documented, validated[name].properties?.[property]);
  }
  for (const operations of Object.values(document.paths)) {
    const read = operations.get;
    if (read?.parameters) {
      read.parameters = read.parameters.filter(
        (parameter) => !('name' in parameter) || parameter.name !== 'Idempotency-Key',
      );
      withQueryLimits(read.parameters as QueryParameter[], validated);
    }
  }
  return document;
}
