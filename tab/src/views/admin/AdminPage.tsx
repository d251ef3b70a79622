// Administration (admins only, enforced by the server): rounds, the goal register, people and roles.
import { makeStyles, Tab, TabList, tokens } from "@fluentui/react-components";
import { useSession } from "../../api/session";
import { href, navigate, type Route } from "../../app/router";
import { Notice } from "../../components/feedback";
import { useI18n } from "../../i18n/i18n";
import { GoalEditor } from "./GoalEditor";
import { GoalsAdmin } from "./GoalsAdmin";
import { PeopleAdmin } from "./PeopleAdmin";
import { RoundAdmin } from "./RoundAdmin";
import { RoundsAdmin } from "./RoundsAdmin";

const useStyles = makeStyles({ tabs: { marginBottom: tokens.spacingVerticalL } });

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
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        aria-label={t("admin.sections")}
        onTabSelect={(_, d) => {
          if (d.value === "rounds") navigate(href.adminRounds());
          if (d.value === "goals") navigate(href.adminGoals());
          if (d.value === "people") navigate(href.adminPeople());
        }}
      >
        <Tab value="rounds">{t("admin.rounds")}</Tab>
        <Tab value="goals">{t("admin.goals")}</Tab>
        <Tab value="people">{t("admin.people")}</Tab>
      </TabList>
      {route.name === "adminRounds" && <RoundsAdmin />}
      {route.name === "adminRound" && <RoundAdmin roundId={route.roundId} />}
      {route.name === "adminGoals" && <GoalsAdmin year={route.year} />}
      {route.name === "adminGoal" && <GoalEditor goalId={route.goalId} />}
      {route.name === "adminPeople" && <PeopleAdmin />}
    </>
  );
}
