// Round overview: what managers open before a management-team or committee meeting. Goals grouped by
// strategy theme with verdict, progress, response status and owners; verdict distribution and response
// rate first; filters and search; a marker where something changed since the previous round.
import { contract } from "@goal-forecast/core/contract";
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Field,
  Link,
  makeStyles,
  ProgressBar,
  SearchBox,
  Select,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowSwap16Regular } from "@fluentui/react-icons";
import { useEffect, useMemo, useState } from "react";
import { useQuery } from "../../api/useQuery";
import type { Verdict } from "@goal-forecast/core/domain/model";
import { href, navigate } from "../../app/router";
import { StatusBadge, VerdictBadge, type ResponseStatus } from "../../components/badges";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage, Loading, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { usePeople } from "../../components/people";
import { useI18n } from "../../i18n/i18n";
import { newestFirst, startedNewestFirst } from "../rounds";
import { useSession } from "../../api/session";
import { filterRows, groupByTheme, NO_FILTERS, rowsOf, type Filters } from "./filter";
import { ColumnHeaders } from "../../components/tables";

const VERDICT_ORDER: (Verdict | "none")[] = ["achieved", "onTrack", "atRisk", "notAchieved", "none"];
const STATUSES: ResponseStatus[] = ["missing", "draft", "submitted"];

const useStyles = makeStyles({
  summary: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(18rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  figure: { fontSize: tokens.fontSizeHero800, fontWeight: tokens.fontWeightSemibold, lineHeight: 1.1 },
  counts: {
    listStyleType: "none",
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0 0`,
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
  },
  count: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  filters: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(11rem, 1fr))",
    gap: tokens.spacingHorizontalM,
    alignItems: "end",
  },
  resultLine: {
    display: "flex",
    justifyContent: "space-between",
    alignItems: "center",
    marginTop: tokens.spacingVerticalS,
  },
  table: { tableLayout: "auto" },
  titleCell: { display: "flex", flexDirection: "column", paddingBlock: tokens.spacingVerticalXS },
  goalTitle: { color: tokens.colorNeutralForeground2 },
  progress: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: "8rem" },
  progressBar: { flexGrow: 1 },
  changed: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalXXS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** "#/": the newest round that has started (or the newest at all). */
export function HomeRedirect() {
  const { t } = useI18n();
  const { isAdmin } = useSession();
  const rounds = useQuery(contract.rounds.list, {});
  useEffect(() => {
    const list = rounds.data;
    if (!list || list.length === 0) return;
    const pick = startedNewestFirst(list)[0] ?? newestFirst(list)[0];
    if (pick) navigate(href.overview(pick.id), true);
  }, [rounds.data]);
  if (rounds.error) return <ErrorMessage error={rounds.error} onRetry={rounds.reload} />;
  if (rounds.data && rounds.data.length === 0)
    return (
      <>
        <PageHeader title={t("overview.title")} />
        <Notice>
          {t("overview.noRounds")}{" "}
          {isAdmin && <Link href={href.adminRounds()}>{t("overview.createRound")}</Link>}
        </Notice>
      </>
    );
  return <Loading />;
}

export function OverviewPage({ roundId }: { roundId: string }) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t } = i18n;
  const rounds = useQuery(contract.rounds.list, {});
  const overview = useQuery(contract.rounds.overview, { params: { roundId } });
  const people = usePeople();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  const rows = useMemo(() => (overview.data ? rowsOf(overview.data) : []), [overview.data]);
  const shown = useMemo(() => filterRows(rows, filters, people.names), [rows, filters, people.names]);
  const groups = useMemo(() => groupByTheme(shown), [shown]);
  const themes = useMemo(() => groupByTheme(rows).map((g) => g.theme), [rows]);
  const owners = useMemo(() => {
    const ids = [...new Set(rows.flatMap((r) => r.subject.ownerIds))];
    return ids
      .map((id) => ({ id, name: people.name(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, i18n.lang));
  }, [rows, people, i18n.lang]);

  const sortedRounds = useMemo(() => newestFirst(rounds.data ?? []), [rounds.data]);
  const data = overview.data;
  const round = data?.round;
  const previous = data?.previousRoundId
    ? rounds.data?.find((r) => r.id === data.previousRoundId)
    : undefined;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  return (
    <>
      <PageHeader
        title={t("overview.title")}
        context={
          round
            ? t("overview.context", {
                round: i18n.text(round.name),
                state: t(`common:roundState.${round.state}`),
                due: i18n.date(round.dueAt),
              })
            : undefined
        }
        actions={
          <>
            <Field label={t("overview.round")}>
              <Select value={roundId} onChange={(_, d) => navigate(href.overview(d.value))}>
                {sortedRounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {i18n.text(r.name)}
                  </option>
                ))}
                {!sortedRounds.some((r) => r.id === roundId) && <option value={roundId}>{roundId}</option>}
              </Select>
            </Field>
            {data && (
              <Downloads
                roundId={roundId}
                exports={[
                  { file: "summary.xlsx", query: { theme: filters.theme || undefined } },
                  { file: "summary.csv", query: { theme: filters.theme || undefined } },
                  { file: "summary.json", query: { theme: filters.theme || undefined } },
                  { file: "deck.pptx", query: { theme: filters.theme || undefined } },
                ]}
                json={data}
                jsonName={`overview-${roundId}.json`}
              />
            )}
          </>
        }
      />
      {overview.error && <ErrorMessage error={overview.error} onRetry={overview.reload} />}
      {!data && !overview.error && <Loading />}
      {data && (
        <>
          <div className={styles.summary}>
            <Section title={t("overview.responses")}>
              <div className={styles.figure}>{i18n.ratio(data.summary.responseRate)}</div>
              <Text>
                {t("overview.responseRate", {
                  submitted: i18n.number(data.summary.counts.submitted),
                  total: i18n.number(data.summary.total),
                })}
              </Text>
              <ProgressBar
                value={data.summary.responseRate}
                max={1}
                thickness="large"
                aria-label={t("overview.responses")}
                aria-valuetext={i18n.ratio(data.summary.responseRate)}
              />
              <ul className={styles.counts} aria-label={t("overview.responseCounts")}>
                {STATUSES.map((s) => (
                  <li key={s} className={styles.count}>
                    <StatusBadge status={s} />{" "}
                    <Text weight="semibold">{i18n.number(data.summary.counts[s])}</Text>
                  </li>
                ))}
              </ul>
            </Section>
            <Section title={t("overview.verdicts")}>
              <ul
                className={styles.counts}
                aria-label={t("overview.verdicts")}
                data-testid="verdict-distribution"
              >
                {VERDICT_ORDER.map((v) => (
                  <li key={v} className={styles.count} data-verdict-count={v}>
                    <VerdictBadge verdict={v === "none" ? undefined : v} />
                    <Text weight="semibold">{i18n.number(data.summary.verdicts[v])}</Text>
                  </li>
                ))}
              </ul>
              {previous && (
                <Caption1 as="p" className={styles.muted}>
                  {t("overview.comparedWith", { round: i18n.text(previous.name) })}{" "}
                  <Link href={href.compare(roundId, previous.id)}>{t("overview.openComparison")}</Link>
                </Caption1>
              )}
            </Section>
          </div>

          <Section title={t("overview.filters")}>
            <div className={styles.filters}>
              <Field label={t("overview.search")}>
                <SearchBox value={filters.search} onChange={(_, d) => set("search", d.value)} />
              </Field>
              <Field label={t("overview.theme")}>
                <Select value={filters.theme} onChange={(_, d) => set("theme", d.value)}>
                  <option value="">{t("overview.all")}</option>
                  {themes.map((th) => (
                    <option key={th.id} value={th.id}>
                      {i18n.text(th.name)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("overview.verdict")}>
                <Select
                  value={filters.verdict}
                  onChange={(_, d) => set("verdict", d.value as Filters["verdict"])}
                >
                  <option value="">{t("overview.all")}</option>
                  {VERDICT_ORDER.map((v) => (
                    <option key={v} value={v}>
                      {t(`common:verdict.${v}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("overview.status")}>
                <Select
                  value={filters.status}
                  onChange={(_, d) => set("status", d.value as Filters["status"])}
                >
                  <option value="">{t("overview.all")}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`common:responseStatus.${s}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t("overview.owner")}>
                <Select value={filters.owner} onChange={(_, d) => set("owner", d.value)}>
                  <option value="">{t("overview.all")}</option>
                  {owners.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Checkbox
                checked={filters.changedOnly}
                onChange={(_, d) => set("changedOnly", d.checked === true)}
                label={t("overview.changedOnly")}
                disabled={!data.previousRoundId}
              />
            </div>
            <div className={styles.resultLine}>
              <Text role="status" data-testid="result-count">
                {t("overview.showing", { shown: i18n.number(shown.length), total: i18n.number(rows.length) })}
              </Text>
              {filtered && (
                <Button appearance="subtle" onClick={() => setFilters(NO_FILTERS)}>
                  {t("overview.clearFilters")}
                </Button>
              )}
            </div>
          </Section>

          {rows.length === 0 && <Notice>{t("overview.nothingToShow")}</Notice>}
          {groups.map((g) => (
            <Section key={g.theme.id} title={i18n.text(g.theme.name)}>
              <Table className={styles.table} aria-label={i18n.text(g.theme.name)} size="small">
                <ColumnHeaders
                  columns={[
                    t("overview.col.goal"),
                    t("overview.col.owners"),
                    t("overview.col.status"),
                    t("overview.col.verdict"),
                    t("overview.col.progress"),
                    t("overview.col.change"),
                  ]}
                />
                <TableBody>
                  {g.rows.map((r) => (
                    <TableRow key={r.subject.id} data-subject={r.subject.id}>
                      <TableCell>
                        <div className={styles.titleCell}>
                          {r.subject.projectId && (
                            <Caption1 className={styles.goalTitle}>{r.subject.goalTitle}</Caption1>
                          )}
                          <Link href={href.goal(roundId, r.subject.goalId, r.subject.id)}>
                            {r.subject.title}
                          </Link>
                        </div>
                      </TableCell>
                      <TableCell>{people.names(r.subject.ownerIds)}</TableCell>
                      <TableCell>
                        <StatusBadge status={r.status} />
                      </TableCell>
                      <TableCell>
                        {r.status === "submitted" ? (
                          <VerdictBadge verdict={r.verdict} />
                        ) : r.status === "draft" && r.verdict ? (
                          <span className={styles.changed}>
                            <VerdictBadge verdict={r.verdict} />
                            <Caption1 className={styles.muted}>{t("overview.draftVerdict")}</Caption1>
                          </span>
                        ) : (
                          <Text className={styles.muted}>–</Text>
                        )}
                      </TableCell>
                      <TableCell>
                        {r.progress !== undefined ? (
                          <div className={styles.progress}>
                            <Text>{i18n.percent(r.progress)}</Text>
                            <ProgressBar
                              className={styles.progressBar}
                              value={r.progress}
                              max={100}
                              aria-hidden
                            />
                          </div>
                        ) : (
                          <Text className={styles.muted}>–</Text>
                        )}
                      </TableCell>
                      <TableCell>
                        {r.changed ? (
                          <span className={styles.changed} data-changed="true">
                            <Badge
                              appearance="outline"
                              color="informative"
                              icon={<ArrowSwap16Regular />}
                              shape="rounded"
                            >
                              {t("overview.changed")}
                            </Badge>
                            {r.previousVerdict && (
                              <Caption1 className={styles.muted}>
                                {t("overview.previously", {
                                  verdict: t(`common:verdict.${r.previousVerdict}`),
                                })}
                              </Caption1>
                            )}
                          </span>
                        ) : (
                          <Text className={styles.muted}>
                            {r.status === "submitted" && r.previousVerdict ? t("overview.unchanged") : "–"}
                          </Text>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Section>
          ))}
        </>
      )}
    </>
  );
}
