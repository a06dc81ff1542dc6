import { useCallback, useEffect, useState } from "react";
import { api, type Query } from "./client";

export interface ApiState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** GETs a path whenever it or its query changes; stale answers from earlier requests are dropped. */
export function useApi<T>(path: string | null, query?: Query): ApiState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [attempt, setAttempt] = useState(0);
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key captures path and query by value
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    setError(null);
    api
      .get<T>(path, query)
      .then((answer) => {
        if (current) setData(answer);
      })
      .catch((caught: unknown) => {
        if (current) setError(caught);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, error, loading, reload };
}

const memo = new Map<string, Promise<unknown>>();

/** Reference data (settings, filter options) fetched once per page load and shared by every widget. */
export function useCachedApi<T>(path: string, query?: Query): ApiState<T> {
  const key = `${path}?${JSON.stringify(query ?? {})}`;
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key captures path and query by value
  useEffect(() => {
    let current = true;
    let promise = memo.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = api.get<T>(path, query);
      memo.set(key, promise);
      promise.catch(() => memo.delete(key));
    }
    promise.then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: unknown) => current && setState({ data: null, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}

/** Forget cached reference data (after settings change). */
export function clearApiCache(): void {
  memo.clear();
}
