import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { ResponseRecord } from "../../api/types";

// Ids per request: keeps the query string short whatever the board's size.
const BATCH = 100;

export interface ResponsesState {
  byId: Map<string, ResponseRecord>;
  error: unknown;
  loading: boolean;
}

/** The responses behind cases (score, comment, contact as the caller may see it), by id. */
export function useResponses(ids: string[]): ResponsesState {
  const unique = [...new Set(ids)].sort();
  const key = unique.join(",");
  const [state, setState] = useState<ResponsesState>({ byId: new Map(), error: null, loading: false });

  // biome-ignore lint/correctness/useExhaustiveDependencies: key captures the ids by value
  useEffect(() => {
    if (unique.length === 0) {
      setState({ byId: new Map(), error: null, loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, error: null, loading: true }));
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += BATCH) batches.push(unique.slice(i, i + BATCH));
    Promise.all(
      batches.map((batch) =>
        api.get<{ items: ResponseRecord[] }>("/responses", { ids: batch.join(","), pageSize: batch.length }),
      ),
    )
      .then((pages) => {
        if (!current) return;
        const byId = new Map<string, ResponseRecord>();
        for (const page of pages) for (const item of page.items) byId.set(item.responseId, item);
        setState({ byId, error: null, loading: false });
      })
      .catch((error: unknown) => {
        if (current) setState((previous) => ({ ...previous, error, loading: false }));
      });
    return () => {
      current = false;
    };
  }, [key]);

  return state;
}
