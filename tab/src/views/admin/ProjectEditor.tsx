// One project of a goal in the goal editor: its title, owners and preparers, and its milestones.
import { Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Project } from "@goal-forecast/core/domain/model";
import type { PeopleIndex } from "../../components/people";
import { useI18n } from "../../i18n/i18n";
import { useFormStyles } from "./formStyles";
import { MilestonesEditor } from "./MilestonesEditor";
import { PeoplePicker } from "./PeoplePicker";
import { fieldError } from "./shared";

const useStyles = makeStyles({
  project: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
  },
});

export function ProjectEditor({
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
  const form = useFormStyles();
  const { t } = useI18n();
  const err = (field: string) => fieldError(error, `${errorPrefix}.${field}`);
  return (
    <fieldset className={styles.project}>
      <legend>
        <Text weight="semibold">{project.title}</Text>
      </legend>
      <div className={form.stack}>
        <Field label={t("admin.field.title")} required validationMessage={err("title")}>
          <Input value={project.title} onChange={(_, d) => onChange({ ...project, title: d.value })} />
        </Field>
        <div className={form.grid}>
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
