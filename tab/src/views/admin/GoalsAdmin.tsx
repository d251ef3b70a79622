// The goal register of a year: goals with their owners, preparers, projects and milestones; editing
// one goal; importing the register from CSV, XLSX or JSON with a row-by-row report of what is wrong.
import { contract } from "@goal-forecast/core/contract";
import {
  IMPORT_CONTENT_TYPES,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportResult,
} from "@goal-forecast/core/contract/imports";
import {
  Badge,
  Button,
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
import {
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  CheckmarkCircle20Regular,
} from "@fluentui/react-icons";
import { useMemo, useRef, useState } from "react";
import { helsinkiYear } from "@goal-forecast/core/domain/deadline";
import { ApiError } from "../../api/client";
import { useSession } from "../../api/session";
import { useQuery } from "../../api/useQuery";
import { href, navigate } from "../../app/router";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage, Loading, NotAvailable, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { usePeople } from "../../components/people";
import { useI18n } from "../../i18n/i18n";
import { useAction } from "./shared";
import { ColumnHeaders } from "../../components/tables";

const useStyles = makeStyles({
  importRow: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "flex-end" },
  fileInput: {
    padding: tokens.spacingHorizontalXS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  counts: { margin: `${tokens.spacingVerticalS} 0`, paddingInlineStart: tokens.spacingHorizontalL },
});

export function GoalsAdmin({ year }: { year?: number }) {
  const f = useI18n();
  const { t } = f;
  const rounds = useQuery(contract.rounds.list, {});
  const years = useMemo(() => {
    const set = new Set((rounds.data ?? []).map((r) => r.year));
    set.add(helsinkiYear());
    return [...set].sort((a, b) => b - a);
  }, [rounds.data]);
  const chosen = year ?? years.find((y) => (rounds.data ?? []).some((r) => r.year === y)) ?? years[0];
  const goals = useQuery(contract.register.goals, chosen ? { query: { year: chosen } } : null);
  const themes = useQuery(contract.register.themes, {});
  const people = usePeople();
  const themeName = (id: string) => f.text(themes.data?.find((th) => th.id === id)?.name) || id;

  return (
    <>
      <PageHeader
        title={t("admin.goalsTitle")}
        actions={
          <>
            <Field label={t("common:field.year")}>
              <Select
                value={String(chosen ?? "")}
                onChange={(_, d) => navigate(href.adminGoals(Number(d.value)))}
              >
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </Select>
            </Field>
            {chosen && <RegisterWorkbook year={chosen} />}
            {goals.data && (
              <Downloads exports={[]} json={goals.data} jsonName={`goals-${chosen ?? ""}.json`} />
            )}
          </>
        }
      />
      <ImportPanel onImported={goals.reload} />
      {goals.error && <ErrorMessage error={goals.error} onRetry={goals.reload} />}
      {!goals.data && !goals.error && <Loading />}
      {goals.data && (
        <Section title={t("admin.goalsOfYear", { year: chosen })}>
          {goals.data.length === 0 ? (
            <Text>{t("admin.noGoalsForYear")}</Text>
          ) : (
            <Table size="small" aria-label={t("admin.goalsOfYear", { year: chosen })}>
              <ColumnHeaders
                columns={[
                  t("admin.col.goal"),
                  t("overview.theme"),
                  t("goal.owners"),
                  t("goal.preparers"),
                  t("admin.col.contents"),
                  t("admin.col.active"),
                ]}
              />
              <TableBody>
                {[...goals.data]
                  .sort((a, b) => a.order - b.order)
                  .map((g) => (
                    <TableRow key={g.id} data-goal={g.id}>
                      <TableCell>
                        <Link href={href.adminGoal(g.id)}>{g.title}</Link>
                      </TableCell>
                      <TableCell>{themeName(g.themeId)}</TableCell>
                      <TableCell>{people.names(g.ownerIds)}</TableCell>
                      <TableCell>{people.names(g.preparerIds)}</TableCell>
                      <TableCell>
                        {g.projects.length > 0
                          ? t("admin.projectsCount", { count: g.projects.length })
                          : t("admin.milestonesCount", { count: g.milestones.length })}
                      </TableCell>
                      <TableCell>
                        <Badge appearance="outline" color={g.active ? "success" : "informative"}>
                          {g.active ? t("admin.active") : t("admin.inactive")}
                        </Badge>
                      </TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          )}
        </Section>
      )}
    </>
  );
}

function formatOf(name: string): ImportFormat | undefined {
  const ext = name.toLowerCase().split(".").pop();
  return IMPORT_FORMATS.find((f) => f === ext);
}

/** The register of a year as the import workbook: edit in Excel and import it again. */
function RegisterWorkbook({ year }: { year: number }) {
  const { t, lang } = useI18n();
  const { api, capabilities } = useSession();
  const action = useAction();
  if (!capabilities.has(contract.imports.workbook)) return null;
  return (
    <div>
      <Button
        icon={<ArrowDownload20Regular />}
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            await api.download(
              contract.imports.workbook,
              { query: { year, headers: lang } },
              `register-${year}.xlsx`,
            );
            return undefined;
          })
        }
      >
        {t("admin.registerWorkbook")}
      </Button>
      {action.error !== undefined && <ErrorMessage error={action.error} />}
    </div>
  );
}

function ImportPanel({ onImported }: { onImported: () => void }) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File>();
  const [checked, setChecked] = useState<ImportResult>();
  const [imported, setImported] = useState<ImportResult>();
  const action = useAction();
  const available = capabilities.has(contract.imports.register);
  const format = file ? formatOf(file.name) : undefined;

  const send = (dryRun: boolean) =>
    action.run(async () => {
      if (!file || !format) return undefined;
      const result = await api.call(contract.imports.register, {
        query: { format, dryRun: String(dryRun) as "true" | "false" },
        upload: { data: file, type: IMPORT_CONTENT_TYPES[format] },
      });
      if (dryRun) setChecked(result);
      else {
        setImported(result);
        setChecked(undefined);
        onImported();
      }
      return undefined;
    });

  const rows = action.error instanceof ApiError ? action.error.rows : [];
  const outcome = (result: ImportResult, title: string) => (
    <>
      {result.message ?? title}
      <ul className={styles.counts}>
        {Object.entries(result.imported).map(([k, v]) => (
          <li key={k}>{t(`admin.importCount.${k}`, { count: v, defaultValue: `${k}: ${v}` })}</li>
        ))}
      </ul>
      {(result.warnings ?? []).length > 0 && (
        <ul className={styles.counts} aria-label={t("admin.importWarnings")}>
          {(result.warnings ?? []).map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
    </>
  );

  return (
    <Section title={t("admin.import")}>
      {!available ? (
        <NotAvailable>{t("admin.importMissing")}</NotAvailable>
      ) : (
        <>
          <Text as="p">{t("admin.importIntro")}</Text>
          <div className={styles.importRow}>
            <Field label={t("admin.importFile")} hint={t("admin.importFormats")}>
              {(fieldProps) => (
                <input
                  {...fieldProps}
                  ref={input}
                  className={styles.fileInput}
                  type="file"
                  accept=".csv,.xlsx,.json"
                  onChange={(e) => {
                    setFile(e.target.files?.[0]);
                    setChecked(undefined);
                    setImported(undefined);
                    action.clear();
                  }}
                />
              )}
            </Field>
            <Button
              icon={<CheckmarkCircle20Regular />}
              disabled={!format || action.busy}
              onClick={() => void send(true)}
            >
              {t("admin.importCheck")}
            </Button>
            <Button
              appearance="primary"
              icon={<ArrowUpload20Regular />}
              disabled={!checked || action.busy}
              onClick={() => void send(false)}
            >
              {t("admin.importRun")}
            </Button>
          </div>
          {file && !format && <Notice intent="warning">{t("admin.importUnknownFormat")}</Notice>}
          <div role="status" aria-live="polite">
            {checked && <Notice intent="success">{outcome(checked, t("admin.importChecked"))}</Notice>}
            {imported && (
              <div data-testid="import-done">
                <Notice intent="success">{outcome(imported, t("admin.importDone"))}</Notice>
              </div>
            )}
          </div>
          {action.error !== undefined && <ErrorMessage error={action.error} />}
          {rows.length > 0 && (
            <Table size="small" aria-label={t("admin.importErrors")} data-testid="import-errors">
              <ColumnHeaders columns={[t("admin.col.row"), t("admin.col.column"), t("admin.col.problem")]} />
              <TableBody>
                {rows.map((r, i) => (
                  <TableRow key={i}>
                    <TableCell>
                      {[r.table, r.row !== undefined ? f.number(r.row) : undefined]
                        .filter(Boolean)
                        .join(" · ") || "–"}
                    </TableCell>
                    <TableCell>{r.column ?? "–"}</TableCell>
                    <TableCell>{r.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </Section>
  );
}
