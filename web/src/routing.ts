/** A small history router: the URL is the state, so every view (filters included) is shareable. */
import {
  type AnchorHTMLAttributes,
  createElement,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useSyncExternalStore,
} from "react";

export const BASE = "/app";

const listeners = new Set<() => void>();
function notify(): void {
  for (const listener of listeners) listener();
}
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Accepts app paths ("/partners") or full ones ("/app/partners"). */
export function toHref(path: string): string {
  if (path.startsWith(`${BASE}/`) || path === BASE) return path;
  return `${BASE}${path.startsWith("/") ? "" : "/"}${path}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const href = toHref(path);
  if (href === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  notify();
  if (!options.replace) window.scrollTo(0, 0);
}

export interface AppLocation {
  /** Path inside the app, always starting with "/" ("/partners/p1"). */
  path: string;
  search: string;
}

const snapshot = (): string => window.location.pathname + window.location.search;

export function useLocation(): AppLocation {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const [pathname = "/", search = ""] = href.split("?");
  const inner = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  return { path: inner === "" ? "/" : inner.replace(/\/+$/, "") || "/", search: search ? `?${search}` : "" };
}

export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useLocation().search);
}

/** Matches "/partners/:id" against a path; returns the params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split("/").filter(Boolean);
  const pathParts = path.split("/").filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i]!;
    const actual = pathParts[i]!;
    if (expected.startsWith(":")) params[expected.slice(1)] = decodeURIComponent(actual);
    else if (expected !== actual) return null;
  }
  return params;
}

export const FILTER_KEYS = ["from", "to", "tier", "type", "region", "survey", "wave"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The dashboard filters live in the URL search params; setting one keeps the others. */
export function useFilters(): [Filters, (next: Filters) => void] {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const setFilters = useCallback(
    (next: Filters) => {
      const updated = new URLSearchParams(location.search);
      for (const key of FILTER_KEYS) {
        if (!(key in next)) continue;
        const value = next[key];
        if (value) updated.set(key, value);
        else updated.delete(key);
      }
      // A new selection starts again at its first page.
      updated.delete("page");
      const search = updated.toString();
      navigate(`${location.path}${search ? `?${search}` : ""}`, { replace: true });
    },
    [location.path, location.search],
  );
  return [filters, setFilters];
}

/** Only the filter params, ready to append to another link so a filter survives navigation. */
export function filterSearch(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  const search = params.toString();
  return search ? `?${search}` : "";
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { to: string; children?: ReactNode };

/** An ordinary anchor (middle-click, copy link work) that navigates in-app on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const href = toHref(to);
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    if (rest.target && rest.target !== "_self") return;
    event.preventDefault();
    navigate(href);
  };
  return createElement("a", { ...rest, href, onClick: handleClick }, children);
}
