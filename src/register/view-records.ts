import { profileOfDeployment, UNKNOWN_DEPLOYMENT_PROFILE } from '../redlines/domain/profile.ts';
import { screenProfile } from '../redlines/domain/screen-profile.ts';
import type { Queryable } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import {
  citedSources, contractsWhere, deployersInCountry, deploymentsWhere, findDeploymentPage, findOrganisation, findTechnology,
  relationsWhere,
} from './store/records.ts';

// Use cases behind the public record pages and their API twins: gather one record with what
// it links to and the sources for every claim shown.

/** A deployment with its technology, deployer, vendors, funders, contracts and sources (one round trip). */
export async function viewDeployment(db: Queryable, slug: string) {
  const data = await findDeploymentPage(db, slug);
  if (!data) throw notFound('deployment');
  // Screened as the page is read, with the rules of this version (the stored verdict serves lists and facets).
  const profile = profileOfDeployment({ ...UNKNOWN_DEPLOYMENT_PROFILE, ...data.deployment.profile }, data.deployment.decision_role);
  return { ...data, profile, screening: screenProfile(profile) };
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
