// Two rounds side by side: where the forecast got worse first, then new risks, then the rest.
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
import { ArrowDown16Regular, ArrowUp16Regular } from "@fluentui/react-icons";
import { useEffect, useMemo } from "react";
import type { ComparedSubject } from "@goal-forecast/core/contract/rounds";
import type { LocalizedText } from "@goal-forecast/core/domain/model";
import { useQuery } from "../../api/useQuery";
import { href, navigate } from "../../app/router";
import { VerdictBadge } from "../../components/badges";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage, Loading, Notice } from "../../components/feedback";
import { PageHeader, Section, useTableStyles } from "../../components/layout";
import { ColumnHeaders } from "../../components/tables";
import { useI18n } from "../../i18n/i18n";
import { newestFirst, startedNewestFirst } from "../rounds";

const useStyles = makeStyles({
  pickers: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  verdicts: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalXS },
  drift: { display: "inline-flex", alignItems: "center", gap: tokens.spacingHorizontalXXS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2 },
  titleCell: { display: "flex", flexDirection: "column" },
});

type Group = "worse" | "newRisks" | "better" | "otherChanges" | "unchanged";
const GROUPS: Group[] = ["worse", "newRisks", "better", "otherChanges", "unchanged"];

function groupOf(row: ComparedSubject): Group {
  if (row.drift > 0) return "worse";
  if (row.diff.newRisks.length > 0) return "newRisks";
  if (row.drift < 0) return "better";
  if (row.diff.changed) return "otherChanges";
  return "unchanged";
}

export function ComparePage({ laterId, earlierId }: { laterId?: string; earlierId?: string }) {
  const styles = useStyles();
  const tables = useTableStyles();
  const f = useI18n();
  const { t } = f;
  const rounds = useQuery(contract.rounds.list, {});
  const sorted = useMemo(() => newestFirst(rounds.data ?? []), [rounds.data]);

  // Defaults: the newest round that has started, against the one before it.
  useEffect(() => {
    if (laterId && earlierId) return;
    const started = startedNewestFirst(sorted);
    const later = laterId ?? started[0]?.id;
    const earlier = earlierId ?? started.find((r) => r.id !== later)?.id;
    if (later && earlier) navigate(href.compare(later, earlier), true);
  }, [sorted, laterId, earlierId]);

  const comparison = useQuery(
    contract.rounds.compare,
    laterId && earlierId ? { params: { roundId: laterId, otherRoundId: earlierId } } : null,
  );
  const grouped = useMemo(() => {
    const map = new Map<Group, ComparedSubject[]>(GROUPS.map((g) => [g, []]));
    for (const row of comparison.data?.rows ?? []) map.get(groupOf(row))?.push(row);
    return map;
  }, [comparison.data]);

  const data = comparison.data;
  return (
    <>
      <PageHeader
        title={t("compare.title")}
        context={
          data
            ? t("compare.context", { earlier: f.text(data.earlier.name), later: f.text(data.later.name) })
            : undefined
        }
        actions={
          <>
            <div className={styles.pickers}>
              <RoundChoice
                label={t("compare.earlier")}
                rounds={sorted}
                value={earlierId}
                onChange={(id) => laterId && navigate(href.compare(laterId, id))}
              />
              <RoundChoice
                label={t("compare.later")}
                rounds={sorted}
                value={laterId}
                onChange={(id) => navigate(href.compare(id, earlierId))}
              />
            </div>
            {data && (
              <Downloads
                roundId={laterId}
                exports={[]}
                json={data}
                jsonName={`compare-${laterId ?? ""}-${earlierId ?? ""}.json`}
              />
            )}
          </>
        }
      />
      {(rounds.error ?? comparison.error) && (
        <ErrorMessage error={rounds.error ?? comparison.error} onRetry={comparison.reload} />
      )}
      {rounds.data && sorted.length < 2 && <Notice>{t("compare.needTwo")}</Notice>}
      {!data && !comparison.error && sorted.length >= 2 && <Loading />}
      {data && data.rows.length === 0 && <Notice>{t("compare.nothing")}</Notice>}
      {data &&
        GROUPS.map((g) => {
          const rows = grouped.get(g) ?? [];
          if (rows.length === 0) return null;
          return (
            <Section key={g} title={`${t(`compare.group.${g}`)} (${f.number(rows.length)})`}>
              <div data-group={g}>
                <Table className={tables.table} size="small" aria-label={t(`compare.group.${g}`)}>
                  <ColumnHeaders
                    columns={[
                      t("overview.col.goal"),
                      t("compare.col.verdicts"),
                      t("compare.col.progress"),
                      t("compare.col.newRisks"),
                      t("compare.col.other"),
                    ]}
                    classNames={[tables.w25, tables.w20, tables.w12, tables.w30, tables.w15]}
                  />
                  <TableBody>
                    {rows.map((row) => (
                      <CompareRow key={row.subject.id} row={row} laterId={data.later.id} />
                    ))}
                  </TableBody>
                </Table>
              </div>
            </Section>
          );
        })}
    </>
  );
}

function CompareRow({ row, laterId }: { row: ComparedSubject; laterId: string }) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { diff } = row;
  return (
    <TableRow data-subject={row.subject.id}>
      <TableCell>
        <div className={styles.titleCell}>
          {row.subject.projectId && <Caption1 className={styles.muted}>{row.subject.goalTitle}</Caption1>}
          <Link href={href.goal(laterId, row.subject.goalId, row.subject.id)}>{row.subject.title}</Link>
        </div>
      </TableCell>
      <TableCell>
        <div className={styles.verdicts}>
          <VerdictBadge verdict={row.earlier?.verdict} />
          <span aria-hidden>→</span>
          <span className="visually-hidden">{t("compare.to")}</span>
          <VerdictBadge verdict={row.later?.verdict} />
          {row.drift !== 0 && (
            <span className={styles.drift}>
              {row.drift > 0 ? <ArrowDown16Regular /> : <ArrowUp16Regular />}
              <Text weight="semibold">
                {t(row.drift > 0 ? "compare.worse" : "compare.better", { count: Math.abs(row.drift) })}
              </Text>
            </span>
          )}
        </div>
      </TableCell>
      <TableCell>
        {row.earlier && row.later
          ? t("compare.progressChange", {
              from: f.percent(row.earlier.progress),
              to: f.percent(row.later.progress),
            })
          : row.later
            ? f.percent(row.later.progress)
            : "–"}
      </TableCell>
      <TableCell>
        {diff.newRisks.length > 0 ? (
          <ul className={styles.list}>
            {diff.newRisks.map((r, i) => (
              <li key={i}>{r.risk}</li>
            ))}
          </ul>
        ) : (
          "–"
        )}
      </TableCell>
      <TableCell>
        {[
          diff.milestonesMoved.length > 0
            ? t("compare.milestonesMoved", { count: diff.milestonesMoved.length })
            : "",
          diff.closedRisks.length > 0 ? t("compare.closedRisks", { count: diff.closedRisks.length }) : "",
          !row.earlier ? t("compare.noEarlier") : "",
          !row.later ? t("compare.noLater") : "",
        ]
          .filter(Boolean)
          .join("; ") || "–"}
      </TableCell>
    </TableRow>
  );
}

function RoundChoice(props: {
  label: string;
  rounds: readonly { id: string; name: LocalizedText }[];
  value: string | undefined;
  onChange: (roundId: string) => void;
}) {
  const f = useI18n();
  return (
    <Field label={props.label}>
      <Select value={props.value ?? ""} onChange={(_, d) => props.onChange(d.value)}>
        {props.rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {f.text(r.name)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
