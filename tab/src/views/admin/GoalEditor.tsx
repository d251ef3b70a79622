// Editing one goal of the register: its wording, theme, owners and preparers, milestones with their
// targets, and its projects. The server validates the whole goal again and answers per field.
import {
  Button,
  Dropdown,
  Field,
  Input,
  Link,
  makeStyles,
  Option,
  Select,
  Switch,
  Textarea,
  tokens,
  Text,
} from "@fluentui/react-components";
import {
  Add20Regular,
  ArrowDown20Regular,
  ArrowUp20Regular,
  Delete20Regular,
  Save20Regular,
} from "@fluentui/react-icons";
import { useEffect, useState } from "react";
import type { Milestone, Project } from "@goal-forecast/core/domain/model";
import { useSession } from "../../api/session";
import type { Goal, Theme } from "../../api/types";
import { useApi } from "../../api/useApi";
import { href } from "../../app/router";
import { ErrorMessage, Loading, NotAvailable, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { usePeople, type PeopleIndex } from "../../components/people";
import { useI18n } from "../../i18n/i18n";
import { fieldError, useAction } from "./shared";

const useStyles = makeStyles({
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(16rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  stack: { display: "grid", gap: tokens.spacingVerticalM },
  milestone: {
    display: "grid",
    gridTemplateColumns:
      "minmax(14rem, 3fr) minmax(8rem, 1fr) minmax(8rem, 1fr) minmax(7rem, 1fr) minmax(6rem, 1fr) minmax(6rem, 1fr) auto",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
    paddingBlock: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  buttons: { display: "flex", gap: tokens.spacingHorizontalXXS },
  wide: { flex: "3 1 20rem" },
  narrow: { flex: "1 1 8rem" },
  project: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
  },
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
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const goal = useApi<Goal>(`/api/goals/${encodeURIComponent(goalId)}`);
  const themes = useApi<Theme[]>("/api/themes");
  const people = usePeople();
  const [draft, setDraft] = useState<Goal>();
  const action = useAction();
  const canSave = capabilities.has("put", "/api/goals/{goalId}");

  useEffect(() => {
    if (goal.data) setDraft(structuredClone(goal.data));
  }, [goal.data]);

  if (goal.error) return <ErrorMessage error={goal.error} onRetry={goal.reload} />;
  if (!draft) return <Loading />;
  const set = (patch: Partial<Goal>) => setDraft({ ...draft, ...patch });
  const err = (field: string) => fieldError(action.error, field);

  const save = () =>
    action.run(async () => {
      const saved = await api.request<Goal>(`/api/goals/${encodeURIComponent(goalId)}`, {
        method: "PUT",
        body: draft,
      });
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
          <div className={styles.stack}>
            <div className={styles.grid}>
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
            <div className={styles.grid}>
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
            <div className={styles.grid}>
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
            <div className={styles.grid}>
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
            <div className={styles.stack}>
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

function PeoplePicker({
  label,
  ids,
  people,
  onChange,
  error,
}: {
  label: string;
  ids: string[];
  people: PeopleIndex;
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Field label={label} validationMessage={error}>
      <Dropdown
        multiselect
        selectedOptions={ids}
        value={ids.map((id) => people.name(id)).join(", ")}
        placeholder={t("admin.choosePeople")}
        onOptionSelect={(_, d) => onChange(d.selectedOptions)}
      >
        {people.list.map((p) => (
          <Option key={p.id} value={p.id}>
            {p.displayName}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

function ProjectEditor({
  project,
  people,
  onChange,
  error,
  errorPrefix,
}: {
  project: Project;
  people: PeopleIndex;
  onChange: (p: Project) => void;
  error: unknown;
  errorPrefix: string;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const err = (field: string) => fieldError(error, `${errorPrefix}.${field}`);
  return (
    <fieldset className={styles.project}>
      <legend>
        <Text weight="semibold">{project.title}</Text>
      </legend>
      <div className={styles.stack}>
        <Field label={t("admin.field.title")} required validationMessage={err("title")}>
          <Input value={project.title} onChange={(_, d) => onChange({ ...project, title: d.value })} />
        </Field>
        <div className={styles.grid}>
          <PeoplePicker
            label={t("goal.owners")}
            ids={project.ownerIds}
            people={people}
            onChange={(ids) => onChange({ ...project, ownerIds: ids })}
            error={err("ownerIds")}
          />
          <PeoplePicker
            label={t("goal.preparers")}
            ids={project.preparerIds}
            people={people}
            onChange={(ids) => onChange({ ...project, preparerIds: ids })}
            error={err("preparerIds")}
          />
        </div>
        <MilestonesEditor
          milestones={project.milestones}
          onChange={(milestones) => onChange({ ...project, milestones })}
          error={error}
          errorPrefix={`${errorPrefix}.milestones`}
        />
      </div>
    </fieldset>
  );
}

function MilestonesEditor({
  milestones,
  onChange,
  error,
  errorPrefix,
}: {
  milestones: Milestone[];
  onChange: (m: Milestone[]) => void;
  error: unknown;
  errorPrefix: string;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const sorted = [...milestones].sort((a, b) => a.order - b.order);
  const renumber = (list: Milestone[]) => list.map((m, i) => ({ ...m, order: i + 1 }));
  const update = (i: number, patch: Partial<Milestone>) =>
    onChange(renumber(sorted.map((m, j) => (j === i ? { ...m, ...patch } : m))));
  const move = (i: number, by: number) => {
    const next = [...sorted];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + by, 0, item);
    onChange(renumber(next));
  };
  const add = () => {
    const used = new Set(sorted.map((m) => m.id));
    let n = sorted.length + 1;
    while (used.has(`m${n}`)) n++;
    onChange(renumber([...sorted, { id: `m${n}`, text: "", order: sorted.length + 1 }]));
  };
  return (
    <div>
      {sorted.map((m, i) => {
        const err = (field: string) => fieldError(error, `${errorPrefix}.${i}.${field}`);
        const n = i + 1;
        return (
          <div key={m.id} className={styles.milestone} role="group" aria-label={t("admin.milestoneN", { n })}>
            <Field
              className={styles.wide}
              label={t("admin.milestoneText", { n })}
              required
              validationMessage={err("text")}
            >
              <Input value={m.text} onChange={(_, d) => update(i, { text: d.value })} />
            </Field>
            <Field className={styles.narrow} label={t("admin.field.label")} validationMessage={err("label")}>
              <Input value={m.label ?? ""} onChange={(_, d) => update(i, { label: d.value || undefined })} />
            </Field>
            <Field className={styles.narrow} label={t("admin.field.group")} validationMessage={err("group")}>
              <Input value={m.group ?? ""} onChange={(_, d) => update(i, { group: d.value || undefined })} />
            </Field>
            <Field className={styles.narrow} label={t("admin.field.targetKind")}>
              <Select
                value={m.target?.kind ?? ""}
                onChange={(_, d) =>
                  update(i, {
                    target: d.value
                      ? {
                          kind: d.value as "count" | "percent",
                          value: m.target?.value ?? 100,
                          ...(m.target?.unit ? { unit: m.target.unit } : {}),
                        }
                      : undefined,
                  })
                }
              >
                <option value="">{t("admin.noTarget")}</option>
                <option value="count">{t("admin.targetCount")}</option>
                <option value="percent">{t("admin.targetPercent")}</option>
              </Select>
            </Field>
            <Field
              className={styles.narrow}
              label={t("admin.field.targetValue")}
              validationMessage={err("target")}
            >
              <Input
                type="number"
                disabled={!m.target}
                value={m.target ? String(m.target.value) : ""}
                onChange={(_, d) =>
                  m.target && update(i, { target: { ...m.target, value: Number(d.value) } })
                }
              />
            </Field>
            <Field className={styles.narrow} label={t("admin.field.unit")}>
              <Input
                disabled={m.target?.kind !== "count"}
                value={m.target?.unit ?? ""}
                onChange={(_, d) =>
                  m.target && update(i, { target: { ...m.target, unit: d.value || undefined } })
                }
              />
            </Field>
            <div className={styles.buttons}>
              <Button
                icon={<ArrowUp20Regular />}
                aria-label={t("admin.moveUp", { n })}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              />
              <Button
                icon={<ArrowDown20Regular />}
                aria-label={t("admin.moveDown", { n })}
                disabled={i === sorted.length - 1}
                onClick={() => move(i, 1)}
              />
              <Button
                icon={<Delete20Regular />}
                aria-label={t("admin.remove", { n })}
                onClick={() => onChange(renumber(sorted.filter((_, j) => j !== i)))}
              />
            </div>
          </div>
        );
      })}
      <Button icon={<Add20Regular />} onClick={add}>
        {t("admin.addMilestone")}
      </Button>
    </div>
  );
}
