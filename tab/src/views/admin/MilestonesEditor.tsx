// The milestones of a goal or project in the goal editor: text, label, group and target per row,
// moved up and down, added and removed; renumbered so their order is always 1…n.
import { Button, Field, Input, makeStyles, Select, tokens } from "@fluentui/react-components";
import { Add20Regular, ArrowDown20Regular, ArrowUp20Regular, Delete20Regular } from "@fluentui/react-icons";
import type { Milestone } from "@goal-forecast/core/domain/model";
import { useI18n } from "../../i18n/i18n";
import { fieldError } from "./shared";

const useStyles = makeStyles({
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
});

export function MilestonesEditor({
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
