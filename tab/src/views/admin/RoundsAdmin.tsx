// Rounds: every round with its state and due date, and a new round (in preparation until opened).
import { contract } from "@goal-forecast/core/contract";
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { useEffect, useMemo, useState } from "react";
import { defaultRoundName } from "@goal-forecast/core/domain/rounds";
import { helsinkiYear } from "@goal-forecast/core/domain/deadline";
import { useSession } from "../../api/session";
import type { Round } from "@goal-forecast/core/domain/model";
import { useQuery } from "../../api/useQuery";
import { href, navigate } from "../../app/router";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { ErrorMessage, Loading, NotAvailable } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { useI18n } from "../../i18n/i18n";
import { newestFirst } from "../rounds";
import { DueFields, dueAtOf, useDueText } from "./DueFields";
import { FormDialog } from "./FormDialog";
import { useFormStyles } from "./formStyles";
import { fieldError, useAction } from "./shared";
import { ColumnHeaders } from "../../components/tables";

const useStyles = makeStyles({
  goals: { maxHeight: "14rem", overflowY: "auto", display: "flex", flexDirection: "column" },
});

export function RoundsAdmin() {
  const f = useI18n();
  const { t } = f;
  const { capabilities } = useSession();
  const rounds = useQuery(contract.rounds.list, {});
  const sorted = useMemo(() => newestFirst(rounds.data ?? []), [rounds.data]);
  const canCreate = capabilities.has(contract.rounds.create);
  return (
    <>
      <PageHeader
        title={t("admin.roundsTitle")}
        actions={canCreate ? <NewRoundDialog rounds={rounds.data ?? []} /> : undefined}
      />
      {!canCreate && <NotAvailable>{t("admin.roundsApiMissing")}</NotAvailable>}
      {rounds.error && <ErrorMessage error={rounds.error} onRetry={rounds.reload} />}
      {!rounds.data && !rounds.error && <Loading />}
      {rounds.data && (
        <Section title={t("admin.allRounds")}>
          <Table size="small" aria-label={t("admin.allRounds")}>
            <ColumnHeaders
              columns={[
                t("common:field.name"),
                t("common:field.state"),
                t("common:field.dueAt"),
                t("common:field.goalIds"),
              ]}
            />
            <TableBody>
              {sorted.map((r) => (
                <TableRow key={r.id} data-round={r.id}>
                  <TableCell>
                    <Link href={href.adminRound(r.id)}>{f.text(r.name)}</Link>
                  </TableCell>
                  <TableCell>
                    <Badge appearance="outline" color={r.state === "open" ? "brand" : "informative"}>
                      {t(`common:roundState.${r.state}`)}
                    </Badge>
                  </TableCell>
                  <TableCell>{f.dateTime(r.dueAt)}</TableCell>
                  <TableCell>{f.number(r.goalIds.length)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
    </>
  );
}

/** The fields the new-round dialog shows errors at. */
const FIELDS = ["year", "number", "name", "dueAt", "goalIds", "reminderDays"];

function NewRoundDialog({ rounds }: { rounds: Round[] }) {
  const styles = useStyles();
  const form = useFormStyles();
  const f = useI18n();
  const { t } = f;
  const { api } = useSession();
  const thisYear = helsinkiYear();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(String(thisYear));
  const nextNumber = (y: number) =>
    Math.max(0, ...rounds.filter((r) => r.year === y).map((r) => r.number)) + 1;
  const [number, setNumber] = useState(String(nextNumber(thisYear)));
  const [names, setNames] = useState(defaultRoundName(thisYear, nextNumber(thisYear)));
  const [due, setDue] = useDueText();
  const [reminders, setReminders] = useState("7, 2, 0");
  const [goalIds, setGoalIds] = useState<Set<string>>(new Set());
  const yearNumber = Number(year);
  const goals = useQuery(
    contract.register.goals,
    open && Number.isInteger(yearNumber) && yearNumber > 1999 ? { query: { year: yearNumber } } : null,
  );
  const action = useAction();

  useEffect(() => {
    setGoalIds(new Set((goals.data ?? []).filter((g) => g.active).map((g) => g.id)));
  }, [goals.data]);

  const changeYearOrNumber = (y: string, n: string) => {
    setYear(y);
    setNumber(n);
    if (/^\d{4}$/.test(y) && /^\d{1,2}$/.test(n)) setNames(defaultRoundName(Number(y), Number(n)));
  };

  const submit = async () => {
    const ok = await action.run(async () => {
      const round = await api.call(contract.rounds.create, {
        body: {
          year: Number(year),
          number: Number(number),
          name: {
            fi: names.fi,
            ...(names.sv ? { sv: names.sv } : {}),
            ...(names.en ? { en: names.en } : {}),
          },
          dueAt: dueAtOf(due),
          goalIds: [...goalIds],
          reminderDays: reminders
            .split(/[,\s]+/)
            .filter(Boolean)
            .map(Number),
        },
      });
      navigate(href.adminRound(round.id));
      return undefined;
    });
    if (ok) setOpen(false);
  };

  const err = (field: string) => fieldError(action.error, field);

  return (
    <FormDialog
      title={t("admin.newRound")}
      open={open}
      trigger={
        <Button appearance="primary" icon={<Add20Regular />}>
          {t("admin.newRound")}
        </Button>
      }
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      submitLabel={t("admin.create")}
      onSubmit={() => void submit()}
      busy={action.busy}
      error={action.error}
      fields={FIELDS}
      wide
    >
      <div className={form.grid}>
        <Field label={t("common:field.year")} required validationMessage={err("year")}>
          <Input type="number" value={year} onChange={(_, d) => changeYearOrNumber(d.value, number)} />
        </Field>
        <Field label={t("common:field.number")} required validationMessage={err("number")}>
          <Input type="number" value={number} onChange={(_, d) => changeYearOrNumber(year, d.value)} />
        </Field>
      </div>
      <div className={form.grid}>
        {(["fi", "sv", "en"] as const).map((l) => (
          <Field
            key={l}
            label={t("admin.nameIn", { language: t(`settings.languageName.${l}`) })}
            required={l === "fi"}
            validationMessage={err(`name.${l}`)}
          >
            <Input
              value={names[l] ?? ""}
              onChange={(_, d) => setNames({ ...names, [l]: d.value })}
              lang={l}
            />
          </Field>
        ))}
      </div>
      <div className={form.grid}>
        <DueFields value={due} onChange={setDue} error={err("dueAt")} />
        <Field
          label={t("admin.reminderDays")}
          hint={t("admin.reminderDaysHint")}
          validationMessage={err("reminderDays")}
        >
          <Input value={reminders} onChange={(_, d) => setReminders(d.value)} />
        </Field>
      </div>
      <CheckboxGroup legend={t("admin.roundGoals")} error={err("goalIds")} className={styles.goals}>
        {goals.loading && <Loading />}
        {(goals.data ?? []).map((g) => (
          <Checkbox
            key={g.id}
            label={g.title}
            checked={goalIds.has(g.id)}
            onChange={(_, d) => {
              const next = new Set(goalIds);
              if (d.checked) next.add(g.id);
              else next.delete(g.id);
              setGoalIds(next);
            }}
          />
        ))}
        {goals.data && goals.data.length === 0 && t("admin.noGoalsForYear")}
      </CheckboxGroup>
    </FormDialog>
  );
}
