// Administration (admins only, enforced by the server): rounds, the goal register, people and roles.
import { makeStyles, tokens } from "@fluentui/react-components";
import { useSession } from "../../api/session";
import { href, type Route } from "../../app/router";
import { Notice } from "../../components/feedback";
import { useI18n } from "../../i18n/i18n";
import { GoalEditor } from "./GoalEditor";
import { GoalsAdmin } from "./GoalsAdmin";
import { PeopleAdmin } from "./PeopleAdmin";
import { RoundAdmin } from "./RoundAdmin";
import { RoundsAdmin } from "./RoundsAdmin";

const useStyles = makeStyles({
  tabs: {
    display: "flex",
    gap: tokens.spacingHorizontalS,
    listStyleType: "none",
    margin: `0 0 ${tokens.spacingVerticalL}`,
    padding: 0,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  tab: {
    display: "inline-block",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: "none",
    ":hover": { textDecorationLine: "underline" },
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  current: {
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 0 -3px 0 ${tokens.colorCompoundBrandStroke}`,
  },
});

type AdminRoute = Extract<
  Route,
  { name: "adminRounds" | "adminRound" | "adminGoals" | "adminGoal" | "adminPeople" }
>;

export function AdminPage({ route }: { route: AdminRoute }) {
  const styles = useStyles();
  const { t } = useI18n();
  const { isAdmin } = useSession();
  if (!isAdmin) return <Notice intent="warning">{t("admin.onlyAdmins")}</Notice>;
  const tab =
    route.name === "adminRounds" || route.name === "adminRound"
      ? "rounds"
      : route.name === "adminPeople"
        ? "people"
        : "goals";
  return (
    <>
      {/* Sections are pages with their own address, so links (not ARIA tabs) lead to them. */}
      <nav aria-label={t("admin.sections")}>
        <ul className={styles.tabs}>
          {(
            [
              ["rounds", href.adminRounds(), t("admin.rounds")],
              ["goals", href.adminGoals(), t("admin.goals")],
              ["people", href.adminPeople(), t("admin.people")],
            ] as const
          ).map(([key, link, label]) => (
            <li key={key}>
              <a
                href={link}
                className={`${styles.tab} ${tab === key ? styles.current : ""}`}
                aria-current={tab === key ? "page" : undefined}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {route.name === "adminRounds" && <RoundsAdmin />}
      {route.name === "adminRound" && <RoundAdmin roundId={route.roundId} />}
      {route.name === "adminGoals" && <GoalsAdmin year={route.year} />}
      {route.name === "adminGoal" && <GoalEditor goalId={route.goalId} />}
      {route.name === "adminPeople" && <PeopleAdmin />}
    </>
  );
}
