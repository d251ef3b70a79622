// Development servers only: sign in as one of the demo people, so roles work exactly as in production
// (the server issues a real token and checks it on every request). In Teams, sign-in is single sign-on.
import { Button, Caption1, makeStyles, tokens, Title1, Body1 } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { DevPerson } from "@goal-forecast/core/contract/system";
import { contract } from "@goal-forecast/core/contract";
import { callPublic } from "../api/client";
import { devSignIn } from "../auth/tokens";
import { ErrorMessage, Loading, Notice } from "../components/feedback";
import { useI18n } from "../i18n/i18n";

const useStyles = makeStyles({
  page: { maxWidth: "48rem", margin: "0 auto", padding: tokens.spacingHorizontalXXL },
  list: { listStyleType: "none", padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  person: { width: "100%", justifyContent: "flex-start", textAlign: "start" },
  who: { display: "flex", flexDirection: "column", alignItems: "flex-start" },
});

export function SignInPage({ onSignedIn, expired }: { onSignedIn: () => void; expired: boolean }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [people, setPeople] = useState<DevPerson[]>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  useEffect(() => {
    callPublic(contract.development.people, {})
      .then(setPeople)
      .catch((e: unknown) => setError(e));
  }, []);

  const signIn = async (personId: string) => {
    setBusy(personId);
    setError(undefined);
    try {
      await devSignIn(personId);
      onSignedIn();
    } catch (e) {
      setError(e);
      setBusy(undefined);
    }
  };

  const roleText = (p: DevPerson) =>
    p.roles.length > 0 ? p.roles.map((r) => t(`common:role.${r}`)).join(", ") : t("signIn.ownerOrPreparer");

  return (
    <main className={styles.page} id="main">
      <Title1 as="h1" block>
        {t("signIn.title")}
      </Title1>
      <Body1 as="p" block>
        {t("signIn.intro")}
      </Body1>
      {expired && <Notice intent="warning">{t("signIn.expired")}</Notice>}
      {error !== undefined && <ErrorMessage error={error} />}
      {!people && error === undefined && <Loading />}
      {people && (
        <ul className={styles.list} aria-label={t("signIn.people")}>
          {people.map((p) => (
            <li key={p.id}>
              <Button
                className={styles.person}
                appearance={p.roles.length > 0 ? "primary" : "secondary"}
                disabled={busy !== undefined}
                onClick={() => void signIn(p.id)}
                data-person={p.id}
              >
                <span className={styles.who}>
                  <span>{p.displayName}</span>
                  <Caption1>{roleText(p)}</Caption1>
                </span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
