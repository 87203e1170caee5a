import { z } from 'zod';
import { auditReportSchema } from '../../audits/domain/report-schema.ts';
import { API_LISTS, deploymentItem, deploymentsQuery, pageSchema } from './api-schemas.ts';

type Param = { name: string; in: 'query' | 'path'; required: boolean; description?: string; schema: unknown };

const jsonSchema = (s: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function queryParams(schema: z.ZodObject): Param[] {
  return Object.entries(schema.shape).map(([name, s]) => {
    const js = jsonSchema(s as z.ZodType, 'input');
    const isArray = js.type === 'array';
    return { name, in: 'query', required: false, schema: isArray ? js : js, ...(isArray ? { explode: true, description: 'repeat the parameter for several values' } : {}) };
  });
}

const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const listOf = (ref: string) => ({
  type: 'object',
  required: ['total', 'limit', 'offset', 'items'],
  properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: { $ref: ref } } },
});
const withId = (s: z.ZodType) => {
  const js = jsonSchema(s);
  return { ...js, properties: { id: { type: 'string', format: 'uuid' }, ...(js.properties as object) }, required: ['id', ...((js.required as string[]) ?? [])] };
};

/** The OpenAPI 3.1 description of the read-only API, generated from the same zod schemas that validate requests. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } },
    Deployment: withId(deploymentItem),
  };
  const errors = { '400': problem, '404': problem, '429': problem };
  paths['/api/deployments'] = {
    get: {
      summary: 'Deployments: a technology used by a deployer somewhere for a purpose. Full-text search and facets as on the register page.',
      parameters: [...queryParams(deploymentsQuery), ...queryParams(pageSchema)],
      responses: {
        '200': { description: 'A page of deployments with facet counts', content: { 'application/json': { schema: { ...listOf('#/components/schemas/Deployment'), properties: { ...listOf('#/components/schemas/Deployment').properties, facets: { type: 'object' } } } } } },
        ...errors,
      },
    },
  };
  paths['/api/deployments/{slug}'] = {
    get: { summary: 'One deployment', parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The deployment', content: { 'application/json': { schema: { $ref: '#/components/schemas/Deployment' } } } }, ...errors } },
  };
  for (const [name, spec] of Object.entries(API_LISTS)) {
    const schemaName = name[0]!.toUpperCase() + name.slice(1, name.endsWith('ies') ? -3 : -1) + (name.endsWith('ies') ? 'y' : '');
    schemas[schemaName] = withId(spec.item);
    paths[`/api/${name}`] = {
      get: {
        summary: spec.summary,
        parameters: [...queryParams(spec.query), ...queryParams(pageSchema)],
        responses: { '200': { description: `A page of ${name}`, content: { 'application/json': { schema: listOf(`#/components/schemas/${schemaName}`) } } }, ...errors },
      },
    };
    if (name !== 'relations') {
      paths[`/api/${name}/{slug}`] = {
        get: { summary: `One of the ${name}`, parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'The record', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } } }, ...errors } },
      };
    }
  }
  paths['/api/changes'] = {
    get: { summary: 'Recent public changes, newest first', parameters: [queryParams(pageSchema)[0]], responses: { '200': { description: 'Changes', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors } },
  };
  schemas.AuditSummary = {
    type: 'object',
    required: ['id', 'deployment', 'publishedAt', 'rowsCounted', 'protected', 'findings', 'report'],
    properties: {
      id: { type: 'string', format: 'uuid' }, deployment: { type: 'string', description: 'the deployment\'s slug' }, publishedAt: { type: 'string', format: 'date-time' },
      rowsCounted: { type: ['integer', 'null'], description: 'decisions counted (rounded when the report rounds)' }, protected: { type: 'array', items: { type: 'string' } },
      findings: { type: 'integer', description: 'flagged findings' }, report: { type: 'string', description: 'the path of the full report' },
    },
  };
  schemas.AuditReport = { ...jsonSchema(auditReportSchema), description: 'A published discrimination audit (safeguard.audit/1): small counts suppressed, and every rate and test computed from the published counts.' };
  paths['/api/audits'] = {
    get: {
      summary: 'Published discrimination audits of deployments, newest first',
      parameters: [{ name: 'deployment', in: 'query', required: false, description: 'a deployment\'s slug', schema: { type: 'string' } }, ...queryParams(pageSchema)],
      responses: { '200': { description: 'A page of published audits', content: { 'application/json': { schema: listOf('#/components/schemas/AuditSummary') } } }, ...errors },
    },
  };
  paths['/api/audits/{id}'] = {
    get: {
      summary: 'One published audit report (schema safeguard.audit/1)',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: { '200': { description: 'The report', content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditReport' } } } }, ...errors },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Safeguard register API',
      version: '1',
      description: 'Read-only access to the public register of digital technologies used on refugees, asylum seekers and migrants. Open data under CC BY 4.0.',
      license: { name: 'CC-BY-4.0', identifier: 'CC-BY-4.0' },
    },
    servers: [{ url: serverUrl }],
    paths,
    components: { schemas },
  };
}
