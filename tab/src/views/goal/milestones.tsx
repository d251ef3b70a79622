// The deck's middle: the progress bar with the milestones placed on it, and the milestones in three
// columns (not started / in progress / done) with their values against their targets.
import { Caption1, makeStyles, Text, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, Circle16Regular, CircleHalfFill16Regular } from "@fluentui/react-icons";
import type { ReactElement } from "react";
import type { Milestone, MilestoneReport, MilestoneStatus } from "@goal-forecast/core/domain/model";
import type { Formatters } from "../../i18n/i18n";
import { useI18n } from "../../i18n/i18n";

export const STATUS_ORDER: MilestoneStatus[] = ["notStarted", "inProgress", "done"];

const STATUS_ICON: Record<MilestoneStatus, ReactElement> = {
  notStarted: <Circle16Regular />,
  inProgress: <CircleHalfFill16Regular />,
  done: <CheckmarkCircle16Filled />,
};

const useStyles = makeStyles({
  barWrap: { position: "relative", margin: `${tokens.spacingVerticalXXL} 0 ${tokens.spacingVerticalXXXL}` },
  track: {
    height: "14px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground5,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    overflow: "hidden",
  },
  fill: { height: "100%", backgroundColor: tokens.colorCompoundBrandBackground },
  markers: { listStyleType: "none", margin: 0, padding: 0 },
  marker: {
    position: "absolute",
    top: "-22px",
    transform: "translateX(-50%)",
    display: "flex",
    flexDirection: "column",
    alignItems: "center",
    color: tokens.colorNeutralForeground1,
  },
  markerNumber: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  scale: { display: "flex", justifyContent: "space-between", marginTop: tokens.spacingVerticalXS },
  columns: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(15rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  column: {
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
  },
  columnTitle: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "grid", gap: tokens.spacingVerticalS },
  card: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
  },
  number: { fontWeight: tokens.fontWeightSemibold },
  value: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  empty: { color: tokens.colorNeutralForeground2, fontStyle: "italic" },
});

/** "2 / 7 tilaa", "82 % / 80 %", or just the target when nothing is reported yet. */
export function valueText(m: Milestone, r: MilestoneReport | undefined, f: Formatters): string | undefined {
  if (!m.target) return r?.actual !== undefined ? f.number(r.actual) : undefined;
  const unit = m.target.unit ? ` ${m.target.unit}` : "";
  const fmt = (v: number) => (m.target?.kind === "percent" ? f.percent(v) : f.number(v));
  const target = `${fmt(m.target.value)}${unit}`;
  if (r?.actual === undefined) return f.t("goal.target", { target });
  return f.t("goal.actualOfTarget", { actual: fmt(r.actual), target });
}

export function MilestoneBar({
  milestones,
  reports,
  progress,
}: {
  milestones: Milestone[];
  reports: Map<string, MilestoneReport>;
  progress: number | undefined;
}) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const n = milestones.length;
  return (
    <div className={styles.barWrap}>
      <div
        className={styles.track}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress ?? 0}
        aria-valuetext={progress === undefined ? t("goal.noProgress") : f.percent(progress)}
        aria-label={t("goal.progress")}
      >
        <div className={styles.fill} style={{ width: `${Math.max(0, Math.min(100, progress ?? 0))}%` }} />
      </div>
      {/* Milestones in the deck's order, evenly along the bar; the columns below list the same numbers. */}
      <ol className={styles.markers} aria-label={t("goal.milestonesOnBar")}>
        {milestones.map((m, i) => {
          const status = reports.get(m.id)?.status ?? "notStarted";
          return (
            <li
              key={m.id}
              className={styles.marker}
              style={{ left: `${((i + 1) / (n + 1)) * 100}%` }}
              title={`${i + 1}. ${m.label ?? m.text} – ${t(`common:milestoneStatus.${status}`)}`}
            >
              <span className={styles.markerNumber} aria-hidden>
                {i + 1}
              </span>
              <span aria-hidden>{STATUS_ICON[status]}</span>
              <span className="visually-hidden">
                {`${i + 1}. ${m.label ?? m.text}: ${t(`common:milestoneStatus.${status}`)}`}
              </span>
            </li>
          );
        })}
      </ol>
      <div className={styles.scale} aria-hidden>
        <Caption1>{f.percent(0)}</Caption1>
        <Caption1>
          {progress !== undefined ? t("goal.progressNow", { value: f.percent(progress) }) : ""}
        </Caption1>
        <Caption1>{f.percent(100)}</Caption1>
      </div>
    </div>
  );
}

export function MilestoneColumns({
  milestones,
  reports,
}: {
  milestones: Milestone[];
  reports: Map<string, MilestoneReport>;
}) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const numbered = milestones.map((m, i) => ({ m, n: i + 1, r: reports.get(m.id) }));
  return (
    <div className={styles.columns}>
      {STATUS_ORDER.map((status) => {
        const items = numbered.filter(({ r }) => (r?.status ?? "notStarted") === status);
        return (
          <div key={status} className={styles.column} data-column={status}>
            <h3 className={styles.columnTitle}>
              {STATUS_ICON[status]}
              {t(`common:milestoneStatus.${status}`)} ({f.number(items.length)})
            </h3>
            {items.length === 0 ? (
              <Text className={styles.empty}>{t("goal.noMilestones")}</Text>
            ) : (
              <ul className={styles.list}>
                {items.map(({ m, n, r }) => {
                  const value = valueText(m, r, f);
                  return (
                    <li key={m.id} className={styles.card} data-milestone={m.id}>
                      <Text>
                        <span className={styles.number}>{n}. </span>
                        {m.text}
                      </Text>
                      {m.group && <Caption1 className={styles.muted}>{m.group}</Caption1>}
                      {value && <Text className={styles.value}>{value}</Text>}
                      {r?.note && <Caption1>{r.note}</Caption1>}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
