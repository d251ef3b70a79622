// Goal detail: the per-goal deck of the seeds as a page. Goal and sub-goal text, owners and
// preparers, milestones on a progress bar and in three columns with values against targets, the
// verdict and its reasoning, risks and how they are met, and the goal's history across rounds.
import { contract } from "@goal-forecast/core/contract";
import {
  Caption1,
  Field,
  Link,
  makeStyles,
  Select,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useMemo } from "react";
import type { HistoryEntry, SubjectHistory } from "@goal-forecast/core/contract/reports";
import type { ReportDiff } from "@goal-forecast/core/domain/diff";
import { useQuery } from "../../api/useQuery";
import { href, navigate } from "../../app/router";
import { StatusBadge, VerdictBadge } from "../../components/badges";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage, Loading, Notice } from "../../components/feedback";
import { PageHeader, Section, useTableStyles } from "../../components/layout";
import { usePeople, type PeopleIndex } from "../../components/people";
import { ColumnHeaders } from "../../components/tables";
import { useI18n, type Formatters } from "../../i18n/i18n";
import { MilestoneBar, MilestoneColumns } from "./milestones";

const useStyles = makeStyles({
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0 },
  quote: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  projects: { listStyleType: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalXS },
  current: { fontWeight: tokens.fontWeightSemibold },
  verdictLine: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
  narrative: { whiteSpace: "pre-wrap", maxWidth: "70rem" },
  muted: { color: tokens.colorNeutralForeground2 },
  plainList: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  cellList: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export function GoalPage({
  roundId,
  goalId,
  subjectId,
}: {
  roundId: string;
  goalId: string;
  subjectId: string;
}) {
  const styles = useStyles();
  const tables = useTableStyles();
  const f = useI18n();
  const { t } = f;
  const goal = useQuery(contract.register.goal, { params: { goalId } });
  const history = useQuery(contract.reports.history, { params: { goalId, subjectId } });
  const themes = useQuery(contract.register.themes, {});
  const people = usePeople();

  const entry = history.data?.entries.find((e) => e.round.id === roundId);
  const report = entry?.report;
  const subject = history.data?.subject;
  const project = goal.data?.projects.find((p) => p.id === subjectId);
  const theme = themes.data?.find((th) => th.id === goal.data?.themeId);
  const milestoneReports = useMemo(
    () => new Map((report?.milestones ?? []).map((m) => [m.milestoneId, m])),
    [report],
  );
  const error = goal.error ?? history.error;

  if (error) return <ErrorMessage error={error} onRetry={() => (goal.reload(), history.reload())} />;
  if (!goal.data || !history.data || !subject) return <Loading />;
  const g = goal.data;
  const reporter = report ? (report.submittedBy ?? report.updatedBy) : undefined;
  const reportedAt = report ? (report.submittedAt ?? report.updatedAt) : undefined;

  return (
    <>
      <PageHeader
        title={g.title}
        context={[
          t("goal.bindingGoal"),
          theme ? f.text(theme.name) : undefined,
          entry ? f.text(entry.round.name) : roundId,
        ]
          .filter(Boolean)
          .join(" · ")}
        actions={
          <>
            <Field label={t("overview.round")}>
              <Select value={roundId} onChange={(_, d) => navigate(href.goal(d.value, goalId, subjectId))}>
                {[...history.data.entries].reverse().map((e) => (
                  <option key={e.round.id} value={e.round.id}>
                    {f.text(e.round.name)}
                  </option>
                ))}
                {!entry && <option value={roundId}>{roundId}</option>}
              </Select>
            </Field>
            <Downloads
              roundId={roundId}
              exports={[{ file: "deck.pptx", query: { goal: goalId } }]}
              json={{ goal: g, history: history.data }}
              jsonName={`${subjectId}-${roundId}.json`}
            />
          </>
        }
      />
      <p>
        <Link href={href.overview(roundId)}>{t("goal.backToOverview")}</Link>
      </p>

      <Section title={t("goal.goalSection")}>
        <dl className={styles.facts}>
          <dt className={styles.term}>{t("goal.bindingGoal")}</dt>
          <dd className={styles.detail}>
            <blockquote className={styles.quote}>{g.text}</blockquote>
          </dd>
          {g.subGoal && (
            <>
              <dt className={styles.term}>{t("goal.subGoal")}</dt>
              <dd className={styles.detail}>{g.subGoal}</dd>
            </>
          )}
          {project && (
            <>
              <dt className={styles.term}>{t("goal.project")}</dt>
              <dd className={styles.detail}>
                <Text weight="semibold">{project.title}</Text>
                {project.text && <div>{project.text}</div>}
              </dd>
            </>
          )}
          <dt className={styles.term}>{t("goal.owners")}</dt>
          <dd className={styles.detail} data-testid="owners">
            {people.names(subject.ownerIds)}
          </dd>
          <dt className={styles.term}>{t("goal.preparers")}</dt>
          <dd className={styles.detail}>{people.names(subject.preparerIds)}</dd>
        </dl>
      </Section>

      {g.projects.length > 0 && (
        <Section title={t("goal.projects", { count: g.projects.length })}>
          <nav aria-label={t("goal.projectsNav")}>
            <ul className={styles.projects} data-testid="projects">
              {[...g.projects]
                .sort((a, b) => a.order - b.order)
                .map((p) => (
                  <li key={p.id}>
                    {p.id === subjectId ? (
                      <span className={styles.current} aria-current="page">
                        {p.title}
                      </span>
                    ) : (
                      <Link href={href.goal(roundId, goalId, p.id)}>{p.title}</Link>
                    )}
                  </li>
                ))}
            </ul>
          </nav>
        </Section>
      )}

      <Section title={t("goal.milestones")}>
        {report ? (
          <>
            <MilestoneBar
              milestones={subject.milestones}
              reports={milestoneReports}
              progress={report.progress}
            />
            <MilestoneColumns milestones={subject.milestones} reports={milestoneReports} />
          </>
        ) : (
          <>
            <Notice>{t("goal.noReport")}</Notice>
            <ol className={styles.plainList}>
              {subject.milestones.map((m) => (
                <li key={m.id}>{m.text}</li>
              ))}
            </ol>
          </>
        )}
      </Section>

      <Section title={t("goal.forecast")}>
        {report ? (
          <>
            <div className={styles.verdictLine}>
              <VerdictBadge verdict={report.verdict} />
              <StatusBadge status={report.state} />
              <Text>{t("goal.progressValue", { value: f.percent(report.progress) })}</Text>
            </div>
            <p className={styles.narrative}>{report.narrative || t("goal.noNarrative")}</p>
            <Caption1 className={styles.muted}>
              {t(report.state === "submitted" ? "goal.reportedBy" : "goal.draftBy", {
                name: people.name(reporter),
                date: f.date(reportedAt),
              })}
            </Caption1>
          </>
        ) : (
          <Text className={styles.muted}>{t("goal.noReport")}</Text>
        )}
      </Section>

      <Section title={t("goal.risks")}>
        {report && report.risks.length > 0 ? (
          <Table className={tables.table} size="small" aria-label={t("goal.risks")}>
            <ColumnHeaders
              columns={[t("common:field.risk"), t("common:field.mitigation")]}
              classNames={[tables.w40, tables.w40]}
            />
            <TableBody>
              {report.risks.map((r, i) => (
                <TableRow key={i}>
                  <TableCell className={styles.narrative}>{r.risk}</TableCell>
                  <TableCell className={styles.narrative}>{r.mitigation}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Text className={styles.muted}>{t("goal.noRisks")}</Text>
        )}
      </Section>

      <Section title={t("goal.history")}>
        <HistoryTable history={history.data} people={people} currentRoundId={roundId} goalId={goalId} f={f} />
      </Section>
    </>
  );
}

function changesText(
  diff: ReportDiff | undefined,
  entry: HistoryEntry,
  history: SubjectHistory,
  f: Formatters,
): string[] {
  const { t } = f;
  if (!diff) return [];
  const lines: string[] = [];
  const verdict = (v: string | undefined) => t(`common:verdict.${v ?? "none"}`);
  if (diff.verdict)
    lines.push(t("goal.change.verdict", { from: verdict(diff.verdict.from), to: verdict(diff.verdict.to) }));
  if (diff.progress)
    lines.push(
      t("goal.change.progress", { from: f.percent(diff.progress.from), to: f.percent(diff.progress.to) }),
    );
  const milestones = new Map(history.subject.milestones.map((m) => [m.id, m]));
  for (const move of diff.milestonesMoved) {
    const m = milestones.get(move.milestoneId);
    lines.push(
      t("goal.change.milestone", {
        milestone: m?.label ?? m?.text ?? move.milestoneId,
        from: t(`common:milestoneStatus.${move.from}`),
        to: t(`common:milestoneStatus.${move.to}`),
      }),
    );
  }
  for (const r of diff.newRisks) lines.push(t("goal.change.newRisk", { risk: r.risk }));
  if (diff.closedRisks.length > 0)
    lines.push(t("goal.change.closedRisks", { count: diff.closedRisks.length }));
  if (lines.length === 0 && entry.report) lines.push(t("goal.change.none"));
  return lines;
}

function HistoryTable({
  history,
  people,
  currentRoundId,
  goalId,
  f,
}: {
  history: SubjectHistory;
  people: PeopleIndex;
  currentRoundId: string;
  goalId: string;
  f: Formatters;
}) {
  const styles = useStyles();
  const tables = useTableStyles();
  const { t } = f;
  const entries = [...history.entries].reverse();
  if (entries.length === 0) return <Text className={styles.muted}>{t("goal.noHistory")}</Text>;
  return (
    <Table className={tables.table} size="small" aria-label={t("goal.history")} data-testid="history">
      <ColumnHeaders
        columns={[
          t("goal.col.round"),
          t("goal.col.verdict"),
          t("goal.col.progress"),
          t("goal.col.changes"),
          t("goal.col.reported"),
        ]}
        classNames={[tables.w12, tables.w20, tables.w8, tables.w35, tables.w25]}
      />
      <TableBody>
        {entries.map((e) => {
          const changes = changesText(e.diff, e, history, f);
          return (
            <TableRow key={e.round.id} data-round={e.round.id}>
              <TableCell>
                {e.round.id === currentRoundId ? (
                  <Text weight="semibold">{f.text(e.round.name)}</Text>
                ) : (
                  <Link href={href.goal(e.round.id, goalId, history.subject.id)}>{f.text(e.round.name)}</Link>
                )}
              </TableCell>
              <TableCell>{e.report ? <VerdictBadge verdict={e.report.verdict} /> : "–"}</TableCell>
              <TableCell>{e.report ? f.percent(e.report.progress) : "–"}</TableCell>
              <TableCell>
                {changes.length > 0 ? (
                  <ul className={styles.cellList}>
                    {changes.map((c, i) => (
                      <li key={i}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  "–"
                )}
              </TableCell>
              <TableCell>
                {e.events.length > 0 ? (
                  <ul className={styles.cellList}>
                    {e.events.map((ev, i) => (
                      <li key={i}>
                        {t("goal.event", {
                          action: t(`goal.action.${ev.action}`),
                          name: people.name(ev.by),
                          date: f.dateTime(ev.at),
                        })}
                      </li>
                    ))}
                  </ul>
                ) : e.report ? (
                  t("goal.event", {
                    action: t(`goal.action.${e.report.state === "submitted" ? "submit" : "draft"}`),
                    name: people.name(e.report.submittedBy ?? e.report.updatedBy),
                    date: f.dateTime(e.report.submittedAt ?? e.report.updatedAt),
                  })
                ) : (
                  "–"
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
