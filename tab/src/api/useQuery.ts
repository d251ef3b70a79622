// Loads what a view shows from an endpoint of the contract; reloads when the input (or the language
// of the server's messages) changes. `null` as input waits (nothing to load yet).
import { useCallback, useEffect, useState } from "react";
import type { EndpointDefinition, ResultOf } from "@goal-forecast/core/contract";
import { ApiError, type CallInput } from "./client";
import { useSession } from "./session";

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
}

export function useQuery<E extends EndpointDefinition>(
  endpoint: E,
  input: CallInput<E> | null,
): Loaded<ResultOf<E>> {
  const { api } = useSession();
  const key = input === null ? null : `${endpoint.method} ${endpoint.path} ${JSON.stringify(input)}`;
  const [state, setState] = useState<{
    key: string | null;
    data?: ResultOf<E>;
    error?: ApiError;
    loading: boolean;
  }>({ key, loading: key !== null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    if (key === null || input === null) {
      setState({ key, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...(s.key === key ? s : { key }), loading: true }));
    api
      .call(endpoint, { ...input, signal: controller.signal })
      .then((data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false });
      })
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        const e = error instanceof ApiError ? error : new ApiError(0, "network", "");
        setState({ key, error: e, loading: false });
      });
    return () => controller.abort();
    // The key stands for the endpoint and the input.
  }, [api, key, tick]);

  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !current || state.loading,
    reload,
  };
}
