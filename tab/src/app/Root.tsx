// Start-up: find the host (Teams or a plain browser), the language and theme, how people sign in on
// this server, then the signed-in person and the routes the server offers. Renders the sign-in page
// (development servers) or the app.
import { FluentProvider, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { contract } from "@goal-forecast/core/contract";
import { ApiClient, callPublic } from "../api/client";
import { capabilitiesOf, SessionProvider, type Session } from "../api/session";
import type { Language } from "@goal-forecast/core/domain/model";
import type { Me } from "@goal-forecast/core/contract/register";
import type { TabConfig } from "@goal-forecast/core/contract/system";
import { ConsentPrompt } from "../auth/ConsentPrompt";
import {
  ConsentRequiredError,
  devSession,
  devTokenSource,
  teamsSsoTokenSource,
  type AuthMode,
  type TokenSource,
} from "../auth/tokens";
import { ErrorMessage, Loading, Notice } from "../components/feedback";
import { languageOf } from "@goal-forecast/core/i18n/format";
import { I18nProvider, storedLanguage, storeLanguage, useI18n } from "../i18n/i18n";
import { connectToHost, notifyLoaded, onHostThemeChange, type HostInfo, type HostTheme } from "../teams/host";
import { browserTheme, fluentTheme, storeTheme } from "../theme/themes";
import { ConfigPage } from "./ConfigPage";
import { Shell } from "./Shell";
import { SignInPage } from "./SignInPage";

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  boot: { padding: tokens.spacingHorizontalXXL },
});

interface Boot {
  host: HostInfo;
  authMode: AuthMode;
  organisation: TabConfig["organisation"];
}

export function Root() {
  const styles = useStyles();
  const [boot, setBoot] = useState<Boot>();
  const [bootError, setBootError] = useState<unknown>();
  const [theme, setTheme] = useState<HostTheme>(() => browserTheme(window.location.search));
  const [lang, setLang] = useState<Language>(
    () => storedLanguage() ?? languageOf(navigator.language) ?? "fi",
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const host = await connectToHost();
      if (host.theme) setTheme(host.theme);
      onHostThemeChange(host, setTheme);
      const hostLang = languageOf(host.locale);
      if (!storedLanguage() && hostLang) setLang(hostLang);
      const config = await callPublic(contract.system.tabConfig, {});
      if (!cancelled) setBoot({ host, authMode: config.authMode, organisation: config.organisation });
    })().catch((e: unknown) => {
      if (!cancelled) setBootError(e);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const chooseLanguage = useCallback((l: Language) => {
    storeLanguage(l);
    setLang(l);
  }, []);
  const chooseTheme = useCallback((th: HostTheme) => {
    storeTheme(th);
    setTheme(th);
  }, []);

  return (
    <FluentProvider theme={fluentTheme(theme)} className={styles.root} data-theme={theme}>
      <I18nProvider lang={lang}>
        {bootError !== undefined ? (
          <div className={styles.boot}>
            <ErrorMessage error={bootError} />
          </div>
        ) : !boot ? (
          <div className={styles.boot}>
            <Loading />
          </div>
        ) : window.location.hash.startsWith("#/config") ? (
          <ConfigPage host={boot.host} />
        ) : (
          <SignedIn
            boot={boot}
            theme={theme}
            onLanguage={chooseLanguage}
            onTheme={chooseTheme}
            languageChosen={(personLang) => {
              if (!storedLanguage() && !languageOf(boot.host.locale) && personLang) setLang(personLang);
            }}
          />
        )}
      </I18nProvider>
    </FluentProvider>
  );
}

function SignedIn({
  boot,
  theme,
  onLanguage,
  onTheme,
  languageChosen,
}: {
  boot: Boot;
  theme: HostTheme;
  onLanguage: (l: Language) => void;
  onTheme: (t: HostTheme) => void;
  languageChosen: (l: Language | null) => void;
}) {
  const { t, lang } = useI18n();
  const styles = useStyles();
  const tokensSource: TokenSource = useMemo(
    () => (boot.authMode === "development" ? devTokenSource() : teamsSsoTokenSource()),
    [boot.authMode],
  );
  const [signedIn, setSignedIn] = useState(
    () => boot.authMode !== "development" || devSession() !== undefined,
  );
  const [expired, setExpired] = useState(false);
  const [me, setMe] = useState<Me>();
  const [openApi, setOpenApi] = useState<{ paths?: Record<string, Record<string, unknown>> }>();
  const [error, setError] = useState<unknown>();
  const [consentNeeded, setConsentNeeded] = useState(false);
  /** Counts sign-in attempts: a granted consent signs in again. */
  const [attempt, setAttempt] = useState(0);

  const onUnauthorized = useCallback(() => {
    if (boot.authMode === "development") {
      setExpired(true);
      setSignedIn(false);
      setMe(undefined);
    }
  }, [boot.authMode]);
  const api = useMemo(
    () => new ApiClient(tokensSource, lang, onUnauthorized),
    [tokensSource, lang, onUnauthorized],
  );

  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    // With Teams SSO, ask for the token first: "consent needed" gets its own answer, not an error.
    const consented = boot.authMode === "entra" ? tokensSource.token() : Promise.resolve(undefined);
    consented
      .then(() => Promise.all([api.call(contract.register.me, {}), api.call(contract.system.openApi, {})]))
      .then(([person, doc]) => {
        if (cancelled) return;
        setMe(person);
        setOpenApi(doc);
        languageChosen(person.language);
        notifyLoaded(boot.host);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        if (e instanceof ConsentRequiredError) {
          setConsentNeeded(true);
          return;
        }
        setError(e);
        notifyLoaded(boot.host, "sign-in failed");
      });
    return () => {
      cancelled = true;
    };
    // Not on a language change: the language only changes the messages, the person stays the same.
  }, [signedIn, boot, attempt]);

  const session: Session | undefined = useMemo(
    () =>
      me && {
        api,
        me,
        authMode: boot.authMode,
        host: boot.host,
        organisation: boot.organisation,
        capabilities: capabilitiesOf(openApi),
        isAdmin: me.roles.includes("admin"),
        isManager: me.roles.includes("manager") || me.roles.includes("admin"),
        signOut: () => {
          tokensSource.forget();
          setExpired(false);
          setSignedIn(false);
          setMe(undefined);
          window.location.hash = "";
        },
      },
    [api, me, openApi, boot, tokensSource],
  );

  if (!signedIn) {
    return (
      <SignInPage
        expired={expired}
        onSignedIn={() => {
          setError(undefined);
          setSignedIn(true);
        }}
      />
    );
  }
  if (consentNeeded) {
    return (
      <main className={styles.boot} id="main">
        <ConsentPrompt
          onGranted={() => {
            tokensSource.forget();
            setConsentNeeded(false);
            setAttempt((n) => n + 1);
          }}
        />
      </main>
    );
  }
  if (error !== undefined) {
    return (
      <main className={styles.boot} id="main">
        {boot.authMode === "entra" && !boot.host.inTeams ? (
          <Notice intent="warning">{t("signIn.openInTeams")}</Notice>
        ) : (
          <ErrorMessage error={error} onRetry={() => window.location.reload()} />
        )}
      </main>
    );
  }
  if (!session) {
    return (
      <div className={styles.boot}>
        <Loading />
      </div>
    );
  }
  return (
    <SessionProvider session={session}>
      <Shell theme={theme} onLanguage={onLanguage} onTheme={onTheme} />
    </SessionProvider>
  );
}
