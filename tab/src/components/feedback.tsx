// Loading, empty and error states, the same on every view. An error shows the server's message in
// the person's language, or says plainly that this server does not offer the feature yet.
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner, Button } from "@fluentui/react-components";
import type { ReactNode } from "react";
import { ApiError } from "../api/client";
import { useI18n } from "../i18n/i18n";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return <Spinner size="small" label={label ?? t("loading")} labelPosition="after" />;
}

export function errorText(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    if (error.unknownRoute) return t("errors.notAvailable");
    if (error.status === 0) return t("errors.network");
    if (error.message) return error.message;
    return t(`common:error.${error.code}`);
  }
  return t("common:error.internal");
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const notAvailable = error instanceof ApiError && error.unknownRoute;
  return (
    <MessageBar intent={notAvailable ? "info" : "error"} role="alert">
      <MessageBarBody>
        <MessageBarTitle>{notAvailable ? t("errors.notAvailableTitle") : t("errors.title")}</MessageBarTitle>
        {errorText(error, t)}
        {onRetry && !notAvailable && (
          <>
            {" "}
            <Button size="small" appearance="transparent" onClick={onRetry}>
              {t("retry")}
            </Button>
          </>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

export function NotAvailable({ children }: { children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        <MessageBarTitle>{t("errors.notAvailableTitle")}</MessageBarTitle>
        {children ?? t("errors.notAvailable")}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Notice({
  children,
  intent = "info",
}: {
  children: ReactNode;
  intent?: "info" | "success" | "warning";
}) {
  return (
    <MessageBar intent={intent}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
