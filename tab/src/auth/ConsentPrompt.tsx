// Shown instead of an error when Teams cannot sign the person in before they consent to the tab's
// app: one button opens the consent pop-up, and once it reports success the tab signs in again.
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from "@fluentui/react-components";
import { useState } from "react";
import { useI18n } from "../i18n/i18n";
import { grantConsent } from "./tokens";

export function ConsentPrompt({ onGranted }: { onGranted: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const grant = (): void => {
    setBusy(true);
    setFailed(false);
    grantConsent().then(onGranted, () => {
      setBusy(false);
      setFailed(true);
    });
  };
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{t("consent.title")}</MessageBarTitle>
        {failed ? t("consent.failed") : t("consent.body")}
      </MessageBarBody>
      <MessageBarActions>
        <Button appearance="primary" disabled={busy} onClick={grant}>
          {t("consent.grant")}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
