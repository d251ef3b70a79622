// The frame of every view: skip link, header with the navigation, language (and, outside Teams, theme)
// and the signed-in person; the current route's view in <main>.
import { Button, Caption1, makeStyles, Select, Text, tokens, useId } from "@fluentui/react-components";
import { SignOut20Regular } from "@fluentui/react-icons";
import { useEffect, useRef } from "react";
import { useSession } from "../api/session";
import { LANGUAGES, type Language } from "@goal-forecast/core/domain/model";
import { useI18n } from "../i18n/i18n";
import type { HostTheme } from "../teams/host";
import { THEMES } from "../theme/themes";
import { AccessibilityPage } from "../views/accessibility/AccessibilityPage";
import { AdminPage } from "../views/admin/AdminPage";
import { ComparePage } from "../views/compare/ComparePage";
import { GoalPage } from "../views/goal/GoalPage";
import { HomeRedirect, OverviewPage } from "../views/overview/OverviewPage";
import { href, useRoute, type Route } from "./router";

const useStyles = makeStyles({
  skip: {
    position: "absolute",
    left: "-10000px",
    top: "auto",
    ":focus": {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorBrandForegroundLink,
    },
  },
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { flexGrow: 1 },
  navList: { display: "flex", gap: tokens.spacingHorizontalS, listStyleType: "none", margin: 0, padding: 0 },
  navLink: {
    display: "inline-block",
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: "none",
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover, textDecorationLine: "underline" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 0 -3px 0 ${tokens.colorCompoundBrandStroke}`,
  },
  tools: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  field: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  who: { display: "flex", flexDirection: "column", textAlign: "end" },
  main: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    maxWidth: "90rem",
    margin: "0 auto",
    ":focus": { outline: "none" },
  },
  footer: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    maxWidth: "90rem",
    margin: "0 auto",
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  footerLink: { color: tokens.colorBrandForegroundLink },
});

type Section = "overview" | "compare" | "admin";

function sectionOf(route: Route): Section | undefined {
  switch (route.name) {
    case "home":
    case "overview":
    case "goal":
      return "overview";
    case "compare":
      return "compare";
    case "adminRounds":
    case "adminRound":
    case "adminGoals":
    case "adminGoal":
    case "adminPeople":
      return "admin";
    default:
      return undefined;
  }
}

export function Shell({
  theme,
  onLanguage,
  onTheme,
}: {
  theme: HostTheme;
  onLanguage: (l: Language) => void;
  onTheme: (t: HostTheme) => void;
}) {
  const styles = useStyles();
  const { t, lang } = useI18n();
  const session = useSession();
  const route = useRoute();
  const section = sectionOf(route);
  const mainRef = useRef<HTMLElement>(null);

  // A new view: move focus to <main> so keyboard and screen-reader users start at its content.
  const routeKey = JSON.stringify(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [routeKey]);

  const links: { section: Section; href: string; label: string }[] = [
    { section: "overview", href: "#/", label: t("nav.overview") },
    { section: "compare", href: href.compare(), label: t("nav.compare") },
  ];
  if (session.isAdmin) links.push({ section: "admin", href: href.adminRounds(), label: t("nav.admin") });

  return (
    <>
      <a
        className={styles.skip}
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t("nav.skipToContent")}
      </a>
      <header className={styles.header}>
        <Text className={styles.brand}>{t("common:appName")}</Text>
        <nav className={styles.nav} aria-label={t("nav.label")}>
          <ul className={styles.navList}>
            {links.map((l) => (
              <li key={l.section}>
                <a
                  className={`${styles.navLink} ${section === l.section ? styles.current : ""}`}
                  href={l.href}
                  aria-current={section === l.section ? "page" : undefined}
                >
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className={styles.tools}>
          <Setting
            label={t("settings.language")}
            value={lang}
            options={LANGUAGES.map((l) => ({ value: l, text: t(`settings.languageName.${l}`), lang: l }))}
            onChange={(v) => onLanguage(v as Language)}
          />
          {!session.host.inTeams && (
            <Setting
              label={t("settings.theme")}
              value={theme}
              options={THEMES.map((th) => ({ value: th, text: t(`settings.themeName.${th}`) }))}
              onChange={(v) => onTheme(v as HostTheme)}
            />
          )}
          <div className={styles.who}>
            <Text weight="semibold" data-testid="signed-in-as">
              {session.me.name}
            </Text>
            <Caption1>
              {session.me.roles.length > 0
                ? session.me.roles.map((r) => t(`common:role.${r}`)).join(", ")
                : t("signIn.ownerOrPreparer")}
            </Caption1>
          </div>
          {session.authMode === "development" && (
            <Button icon={<SignOut20Regular />} appearance="subtle" onClick={session.signOut}>
              {t("signIn.switchPerson")}
            </Button>
          )}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
        <View route={route} />
      </main>
      <footer className={styles.footer}>
        <a
          className={styles.footerLink}
          href={href.accessibility()}
          aria-current={route.name === "accessibility" ? "page" : undefined}
        >
          {t("accessibility.link")}
        </a>
      </footer>
    </>
  );
}

function View({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.name) {
    case "home":
      return <HomeRedirect />;
    case "overview":
      return <OverviewPage roundId={route.roundId} />;
    case "goal":
      return <GoalPage roundId={route.roundId} goalId={route.goalId} subjectId={route.subjectId} />;
    case "compare":
      return <ComparePage laterId={route.laterId} earlierId={route.earlierId} />;
    case "adminRounds":
    case "adminRound":
    case "adminGoals":
    case "adminGoal":
    case "adminPeople":
      return <AdminPage route={route} />;
    case "accessibility":
      return <AccessibilityPage />;
    default:
      return (
        <>
          <h1>{t("notFound.title")}</h1>
          <p>
            <a href="#/">{t("notFound.back")}</a>
          </p>
        </>
      );
  }
}

/** A labelled choice in the header (language, theme). */
function Setting(props: {
  label: string;
  value: string;
  options: { value: string; text: string; lang?: string }[];
  onChange: (value: string) => void;
}) {
  const styles = useStyles();
  const id = useId("setting");
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{props.label}</label>
      <Select id={id} value={props.value} onChange={(_, d) => props.onChange(d.value)} size="small">
        {props.options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.text}
          </option>
        ))}
      </Select>
    </div>
  );
}
