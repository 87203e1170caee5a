import { z } from 'zod';
import { contractSchema, deploymentSchema, organisationSchema, relationSchema, sourceSchema, technologySchema } from '../domain/dataset.ts';
import { registerScreeningSchema } from '../../redlines/domain/screening-schema.ts';
import { searchParamsSchema } from '../domain/search-query.ts';
import { ORGANISATION_KINDS, RELATION_KINDS } from '../domain/vocabulary.ts';

// The API's schemas: the same zod schemas validate requests and generate /api/openapi.json.

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v) || undefined;
export const pageSchema = z.object({
  limit: z.preprocess(first, z.coerce.number({ message: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit is at least 1').max(100, 'limit is at most 100').default(20)),
  offset: z.preprocess(first, z.coerce.number({ message: 'offset must be a number' }).int('offset must be a whole number').min(0, 'offset is at least 0').max(1_000_000, 'offset is at most 1000000').default(0)),
});
const text = (max: number) => z.preprocess(first, z.string().max(max).optional());

export const API_LISTS = {
  organisations: {
    summary: 'Organisations: public bodies, companies, international organisations, NGOs, research institutions, funders',
    query: z.object({ kind: z.preprocess(first, z.enum(ORGANISATION_KINDS).optional()), country: z.preprocess(first, z.string().regex(/^[A-Z]{2}$/, 'country is a two-letter code').optional()), q: text(200) }),
    item: organisationSchema,
  },
  technologies: {
    summary: 'Technologies (products and systems)',
    query: z.object({ technique: text(100), q: text(200) }),
    item: technologySchema,
  },
  relations: {
    summary: 'Relations between organisations and technologies or deployments (develops, sells, funds, operates, receives data, shares data with)',
    query: z.object({ kind: z.preprocess(first, z.enum(RELATION_KINDS).optional()), organisation: text(100) }),
    item: relationSchema,
  },
  contracts: {
    summary: 'Contracts and funding',
    query: z.object({ currency: z.preprocess(first, z.string().regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code').optional()) }),
    item: contractSchema,
  },
  sources: {
    summary: 'Sources that support the register’s claims',
    query: z.object({ publisher: text(200) }),
    item: sourceSchema,
  },
} as const;

export const deploymentsQuery = searchParamsSchema.omit({ page: true });
export const deploymentItem = deploymentSchema.extend({
  redLineScreening: registerScreeningSchema.describe('The red-line screening of the profile: computed by Safeguard, never edited; ignored on import.'),
});
