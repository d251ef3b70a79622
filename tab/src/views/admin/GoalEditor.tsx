// Editing one goal of the register: its wording, theme, owners and preparers, milestones with their
// targets (MilestonesEditor), and its projects (ProjectEditor). The server validates the whole goal again and answers per field.
import { contract } from "@goal-forecast/core/contract";
import {
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  Select,
  Switch,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { Save20Regular } from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import { useSession } from "../../api/session";
import type { Goal } from "@goal-forecast/core/domain/model";
import { useQuery } from "../../api/useQuery";
import { href } from "../../app/router";
import { ErrorMessage, Loading, NotAvailable, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { usePeople } from "../../components/people";
import { useI18n } from "../../i18n/i18n";
import { useFormStyles } from "./formStyles";
import { MilestonesEditor } from "./MilestonesEditor";
import { PeoplePicker } from "./PeoplePicker";
import { ProjectEditor } from "./ProjectEditor";
import { fieldError, useAction } from "./shared";

const useStyles = makeStyles({
  saveBar: {
    display: "flex",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    marginBottom: tokens.spacingVerticalL,
  },
});

const lines = (value: string): string[] =>
  value
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

export function GoalEditor({ goalId }: { goalId: string }) {
  const styles = useStyles();
  const form = useFormStyles();
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const goal = useQuery(contract.register.goal, { params: { goalId } });
  const themes = useQuery(contract.register.themes, {});
  const people = usePeople();
  const [draft, setDraft] = useState<Goal>();
  const action = useAction();
  const canSave = capabilities.has(contract.register.saveGoal);

  useEffect(() => {
    if (goal.data) setDraft(structuredClone(goal.data));
  }, [goal.data]);

  if (goal.error) return <ErrorMessage error={goal.error} onRetry={goal.reload} />;
  if (!draft) return <Loading />;
  const set = (patch: Partial<Goal>) => setDraft({ ...draft, ...patch });
  const err = (field: string) => fieldError(action.error, field);

  const save = () =>
    action.run(async () => {
      const saved = await api.call(contract.register.saveGoal, { params: { goalId }, body: draft });
      setDraft(structuredClone(saved));
      return t("admin.goalSaved", { title: saved.title });
    });

  return (
    <>
      <PageHeader title={draft.title || goalId} context={t("admin.editGoal", { year: draft.year })} />
      <p>
        <Link href={href.adminGoals(draft.year)}>{t("admin.backToGoals")}</Link>
      </p>
      {!canSave && <NotAvailable>{t("admin.goalEditMissing")}</NotAvailable>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className={styles.saveBar}>
          <Button
            appearance="primary"
            type="submit"
            icon={<Save20Regular />}
            disabled={!canSave || action.busy}
          >
            {t("save")}
          </Button>
          <div role="status" aria-live="polite">
            {action.done && <Notice intent="success">{action.done}</Notice>}
          </div>
        </div>
        {action.error !== undefined && <ErrorMessage error={action.error} />}
        <Section title={t("goal.goalSection")}>
          <div className={form.stack}>
            <div className={form.grid}>
              <Field label={t("admin.field.title")} required validationMessage={err("title")}>
                <Input value={draft.title} onChange={(_, d) => set({ title: d.value })} />
              </Field>
              <Field label={t("overview.theme")} validationMessage={err("themeId")}>
                <Select value={draft.themeId} onChange={(_, d) => set({ themeId: d.value })}>
                  {(themes.data ?? []).map((th) => (
                    <option key={th.id} value={th.id}>
                      {f.text(th.name)}
                    </option>
                  ))}
                  {!themes.data?.some((th) => th.id === draft.themeId) && (
                    <option value={draft.themeId}>{draft.themeId}</option>
                  )}
                </Select>
              </Field>
              <Field label={t("admin.field.order")} validationMessage={err("order")}>
                <Input
                  type="number"
                  value={String(draft.order)}
                  onChange={(_, d) => set({ order: Number(d.value) })}
                />
              </Field>
            </div>
            <Field label={t("goal.bindingGoal")} required validationMessage={err("text")}>
              <Textarea value={draft.text} onChange={(_, d) => set({ text: d.value })} resize="vertical" />
            </Field>
            <Field label={t("goal.subGoal")} validationMessage={err("subGoal")}>
              <Textarea
                value={draft.subGoal ?? ""}
                onChange={(_, d) => {
                  const { subGoal: _old, ...rest } = draft;
                  setDraft(d.value ? { ...rest, subGoal: d.value } : rest);
                }}
                resize="vertical"
              />
            </Field>
            <div className={form.grid}>
              <PeoplePicker
                label={t("goal.owners")}
                ids={draft.ownerIds}
                people={people}
                onChange={(ids) => set({ ownerIds: ids })}
                error={err("ownerIds")}
              />
              <PeoplePicker
                label={t("goal.preparers")}
                ids={draft.preparerIds}
                people={people}
                onChange={(ids) => set({ preparerIds: ids })}
                error={err("preparerIds")}
              />
            </div>
            <div className={form.grid}>
              <Field
                label={t("admin.field.actions")}
                hint={t("admin.onePerLine")}
                validationMessage={err("actions")}
              >
                <Textarea
                  value={draft.actions.join("\n")}
                  onChange={(_, d) => set({ actions: lines(d.value) })}
                  resize="vertical"
                />
              </Field>
              <Field
                label={t("admin.field.indicators")}
                hint={t("admin.onePerLine")}
                validationMessage={err("indicators")}
              >
                <Textarea
                  value={draft.indicators.join("\n")}
                  onChange={(_, d) => set({ indicators: lines(d.value) })}
                  resize="vertical"
                />
              </Field>
              <Field
                label={t("admin.field.crossThemes")}
                hint={t("admin.onePerLine")}
                validationMessage={err("crossThemes")}
              >
                <Textarea
                  value={draft.crossThemes.join("\n")}
                  onChange={(_, d) => set({ crossThemes: lines(d.value) })}
                  resize="vertical"
                />
              </Field>
            </div>
            <div className={form.grid}>
              <Switch
                checked={draft.active}
                onChange={(_, d) => set({ active: d.checked })}
                label={t("admin.field.active")}
              />
              <Switch
                checked={draft.recoveryIndicator}
                onChange={(_, d) => set({ recoveryIndicator: d.checked })}
                label={t("admin.field.recoveryIndicator")}
              />
            </div>
          </div>
        </Section>

        {draft.projects.length === 0 && (
          <Section title={t("goal.milestones")}>
            <MilestonesEditor
              milestones={draft.milestones}
              onChange={(milestones) => set({ milestones })}
              errorPrefix="milestones"
              error={action.error}
            />
          </Section>
        )}

        {draft.projects.length > 0 && (
          <Section title={t("goal.projects", { count: draft.projects.length })}>
            <div className={form.stack}>
              {draft.projects.map((p, i) => (
                <ProjectEditor
                  key={p.id}
                  project={p}
                  people={people}
                  error={action.error}
                  errorPrefix={`projects.${i}`}
                  onChange={(next) => set({ projects: draft.projects.map((q, j) => (j === i ? next : q)) })}
                />
              ))}
            </div>
          </Section>
        )}
      </form>
    </>
  );
}
