import type { OpenAPIObject } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { describeValidation } from './openapi-validation';
import { IsIsoTimeInNewsroomYears } from './newsroom-input.validators';

class ProbeImageDto {
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url: string;
}

class ProbeBodyDto {
  @IsInt()
  @Min(1)
  @Max(9)
  version: number;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  @Matches(/\S/)
  note?: string | null;

  @IsOptional()
  image?: ProbeImageDto;
}

class ProbeListQuery {
  @IsString()
  q: string;

  @IsOptional()
  @IsUUID()
  after?: string;

  @IsOptional()
  @IsIsoTimeInNewsroomYears()
  from?: string;
}

/** What @nestjs/swagger makes of the probes from their @ApiProperty alone: types, and nothing the validators say. */
function document(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'probe', version: '1' },
    paths: {
      '/probes': {
        post: {
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/ProbeBodyDto' } } } },
          responses: {},
        },
        get: {
          parameters: [
            { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'after', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'from', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: {},
        },
      },
    },
    components: {
      schemas: {
        ProbeBodyDto: {
          type: 'object',
          properties: {
            version: { type: 'number' },
            note: { type: 'object', nullable: true },
            image: { allOf: [{ $ref: '#/components/schemas/ProbeImageDto' }] },
          },
          required: ['version'],
        },
        ProbeImageDto: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
      },
    },
  };
}

describe('describeValidation', () => {
  const doc = document();
  describeValidation(doc);
  const schemas = doc.components!.schemas as Record<string, any>;

  it("writes the validators' bounds into a body's schema, and an integer stays an integer", () => {
    expect(schemas.ProbeBodyDto.properties.version).toEqual({ type: 'integer', minimum: 1, maximum: 9 });
  });

  it('names the type a nullable field really has, with its length and pattern', () => {
    expect(schemas.ProbeBodyDto.properties.note).toMatchObject({ type: 'string', nullable: true, maxLength: 20, pattern: '\\S' });
  });

  it('says that bodies, and the objects in them, take no other fields', () => {
    expect(schemas.ProbeBodyDto.additionalProperties).toBe(false);
    expect(schemas.ProbeImageDto.additionalProperties).toBe(false);
  });

  it('gives a URL a pattern the validator always accepts', () => {
    const url = schemas.ProbeImageDto.properties.url;
    expect(url).toMatchObject({ type: 'string', format: 'uri' });
    const pattern = new RegExp(url.pattern);
    expect(pattern.test('https://img.newsroom.test/2024/12/kim-putin')).toBe(true);
    expect(pattern.test('javascript:alert(1)')).toBe(false);
    expect(pattern.test('http://user:pw@host/')).toBe(false);
  });

  it("reads a query's rules from the class whose fields the parameters are, required ones included", () => {
    const [q, after, from] = doc.paths['/probes'].get!.parameters as any[];
    expect(q.required).toBe(true);
    expect(after.required).toBe(false);
    expect(after.schema).toMatchObject({ format: 'uuid', pattern: expect.stringContaining('[1-8]') });
    expect(from.schema).toMatchObject({ type: 'string', format: 'date-time' });
  });
});
