import type { Queryable } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import {
  citedSources, contractsWhere, deployersInCountry, deploymentsWhere, findDeployment, findOrganisation, findOrganisationById,
  findTechnology, findTechnologyById, relationsWhere, sourcesOfDeployment,
} from './store/records.ts';

// Use cases behind the public record pages and their API twins: gather one record with what
// it links to and the sources for every claim shown.

/** A deployment with its technology, deployer, vendors, funders, contracts and sources (two round trips). */
export async function viewDeployment(db: Queryable, slug: string) {
  const deployment = await findDeployment(db, slug);
  if (!deployment) throw notFound('deployment');
  const [technology, deployer, relations, contracts, sources] = await Promise.all([
    findTechnologyById(db, deployment.technology_id),
    findOrganisationById(db, deployment.deployer_id),
    relationsWhere(db, { technologyId: deployment.technology_id, deploymentIds: [deployment.id] }),
    contractsWhere(db, { technologyId: deployment.technology_id, deploymentId: deployment.id }),
    sourcesOfDeployment(db, deployment.id, deployment.technology_id),
  ]);
  return { deployment, technology, deployer, relations, contracts, sources };
}

/** A technology with its deployments, the organisations around it, contracts and sources. */
export async function viewTechnology(db: Queryable, slug: string) {
  const technology = await findTechnology(db, slug);
  if (!technology) throw notFound('technology');
  const [deployments, relations, contracts] = await Promise.all([
    deploymentsWhere(db, { technologyId: technology.id }),
    relationsWhere(db, { technologyId: technology.id }),
    contractsWhere(db, { technologyId: technology.id }),
  ]);
  const sources = await citedSources(db, [technology.id, ...relations.map((r) => r.id), ...contracts.map((c) => c.id)]);
  return { technology, deployments, relations, contracts, sources };
}

/** An organisation with what it deploys, supplies and funds, and sources. */
export async function viewOrganisation(db: Queryable, slug: string) {
  const organisation = await findOrganisation(db, slug);
  if (!organisation) throw notFound('organisation');
  const [deployments, relations, contracts] = await Promise.all([
    deploymentsWhere(db, { deployerId: organisation.id }),
    relationsWhere(db, { organisationId: organisation.id }),
    contractsWhere(db, { organisationId: organisation.id }),
  ]);
  const sources = await citedSources(db, [organisation.id, ...relations.map((r) => r.id), ...contracts.map((c) => c.id)]);
  return { organisation, deployments, relations, contracts, sources };
}

/** A country or region: the deployments there and who deploys them. */
export async function viewCountry(db: Queryable, code: string) {
  if (!/^[A-Z]{2}$/.test(code)) throw notFound('country');
  const [deployments, deployers] = await Promise.all([deploymentsWhere(db, { country: code }), deployersInCountry(db, code)]);
  if (!deployments.total) throw notFound('country');
  return { code, deployments, deployers };
}
