import type { Settings } from "./types";
import { useCachedApi } from "./useApi";

/** The organization's analytics settings (bands, small-sample threshold…), fetched once per page load. */
export function useSettings(): Settings | null {
  return useCachedApi<Settings>("/settings").data;
}
