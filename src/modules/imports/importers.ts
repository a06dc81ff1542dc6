import { createContactsImporter } from "./contacts.importer.js";
import type { Importer, ImportKind } from "./import.js";
import { createMetricsImporter } from "./metrics.importer.js";
import { createPartnersImporter } from "./partners.importer.js";
import { createResponsesImporter } from "./responses.importer.js";

/** A fresh importer per run: importers keep per-file caches (partners, the --partner target). */
export function importerFor(kind: ImportKind, organizationId: string): Importer<unknown> {
  switch (kind) {
    case "partners":
      return createPartnersImporter(organizationId) as Importer<unknown>;
    case "contacts":
      return createContactsImporter(organizationId) as Importer<unknown>;
    case "responses":
      return createResponsesImporter(organizationId) as Importer<unknown>;
    case "metrics":
      return createMetricsImporter(organizationId) as Importer<unknown>;
  }
}
