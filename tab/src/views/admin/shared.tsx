// Helpers the admin pages share: running an action with its outcome shown, polling, field errors.
import { useCallback, useEffect, useState } from "react";
import { ApiError, type FieldProblem } from "../../api/client";
import { ErrorMessage, Notice } from "../../components/feedback";

export interface ActionState {
  busy: boolean;
  error: unknown;
  done: string | undefined;
  run(fn: () => Promise<string | undefined>): Promise<boolean>;
  clear(): void;
}

/** Runs one action at a time and keeps its outcome (a message to show, or the error). */
export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const run = useCallback(async (fn: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await fn());
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(undefined);
    setDone(undefined);
  }, []);
  return { busy, error, done, run, clear };
}

/** An action's outcome where it was started: success announced politely, an error as an alert. */
export function ActionOutcome({ action }: { action: ActionState }) {
  return (
    <>
      <div role="status" aria-live="polite">
        {action.done && <Notice intent="success">{action.done}</Notice>}
      </div>
      {action.error !== undefined && <ErrorMessage error={action.error} />}
    </>
  );
}

/** Calls `tick` every `ms` while `active` and the page is visible. */
export function usePolling(tick: () => void, ms: number, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible") tick();
    }, ms);
    return () => window.clearInterval(id);
  }, [tick, ms, active]);
}

/** The server's message for one field (or any field under it), for a Field's validationMessage. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const match = error.fields.find((f: FieldProblem) => f.field === field || f.field.startsWith(`${field}.`));
  return match?.message;
}

/** Field errors that no input shows on its own, so none is lost. */
export function otherFieldErrors(error: unknown, shown: readonly string[]): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.filter((f) => !shown.some((s) => f.field === s || f.field.startsWith(`${s}.`)));
}
