import { type Clock, isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError, ValidationError } from "../../core/errors.js";
import { newId, newSecret } from "../../core/ids.js";
import { defaultSettings, type OrganizationSettings, parseSettings } from "../../core/settings.js";
import {
  type Executor,
  findOrganization,
  findOrganizationBySlug,
  insertOrganization,
  listOrganizations,
  type Organization,
} from "./organization.repository.js";

export interface NewOrganization {
  name: string;
  slug?: string;
  companyName?: string;
  settings?: Partial<OrganizationSettings>;
}

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug || "organization";
}

export async function createOrganization(
  db: Executor,
  input: NewOrganization,
  clock: Clock = systemClock,
): Promise<Organization> {
  const name = input.name.trim();
  if (!name)
    throw new ValidationError("Organization name is required", [{ field: "name", message: "required" }]);
  const slug = input.slug ?? slugify(name);
  if (await findOrganizationBySlug(db, slug)) {
    throw new ValidationError(`An organization with slug "${slug}" already exists`, [
      { field: "slug", message: "already taken" },
    ]);
  }
  const settings = parseSettings(JSON.stringify({ ...defaultSettings, ...input.settings }));
  const organization: Organization = {
    organization_id: newId(clock.now().getTime()),
    name,
    slug,
    company_name: input.companyName?.trim() || name,
    settings: JSON.stringify(settings),
    invitation_secret: newSecret(32),
    created_at: isoNow(clock),
  };
  await insertOrganization(db, organization);
  return organization;
}

/**
 * The organization a CLI command acts on: the one named by slug, or the only one there is.
 * With `createIfMissing`, an empty database gets a "Default" organization so a first import just works.
 */
export async function resolveOrganization(
  db: Executor,
  slug: string | undefined,
  options: { createIfMissing?: boolean; clock?: Clock } = {},
): Promise<Organization> {
  if (slug) {
    const found = await findOrganizationBySlug(db, slug);
    if (found) return found;
    if (options.createIfMissing) return createOrganization(db, { name: slug, slug }, options.clock);
    throw new NotFoundError("Organization", slug);
  }
  const all = await listOrganizations(db);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    if (options.createIfMissing)
      return createOrganization(db, { name: "Default", slug: "default" }, options.clock);
    throw new NotFoundError("Organization", "(none yet: run `partner-nps demo` or an import first)");
  }
  throw new ValidationError(
    `This database holds ${all.length} organizations; choose one with --org (${all.map((o) => o.slug).join(", ")})`,
  );
}

export async function getOrganizationSettings(
  db: Executor,
  organizationId: string,
): Promise<OrganizationSettings> {
  const organization = await findOrganization(db, organizationId);
  if (!organization) throw new NotFoundError("Organization", organizationId);
  return parseSettings(organization.settings);
}
