// A new deadline for a round in preparation or open; the server's objection shows at the date.
import { contract } from "@goal-forecast/core/contract";
import { useSession } from "../../api/session";
import type { Round } from "@goal-forecast/core/domain/model";
import { useI18n } from "../../i18n/i18n";
import { DueFields, dueAtOf, useDueText } from "./DueFields";
import { FormDialog } from "./FormDialog";
import { fieldError, useAction } from "./shared";

export function ExtendDialog({
  open,
  round,
  onClose,
  onDone,
}: {
  open: boolean;
  round: Round;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const f = useI18n();
  const { t } = f;
  const { api } = useSession();
  const [due, setDue] = useDueText();
  const action = useAction();
  const submit = () =>
    action.run(async () => {
      const updated = await api.call(contract.rounds.extend, {
        params: { roundId: round.id },
        body: { dueAt: dueAtOf(due) },
      });
      onDone(t("admin.done.extend", { due: f.dateTime(updated.dueAt) }));
      return undefined;
    });
  return (
    <FormDialog
      open={open}
      title={t("admin.action.extend")}
      description={t("admin.currentDue", { due: f.dateTime(round.dueAt) })}
      submitLabel={t("admin.action.extend")}
      onClose={onClose}
      onSubmit={() => void submit()}
      busy={action.busy}
      error={action.error}
      fields={["dueAt"]}
    >
      <DueFields value={due} onChange={setDue} error={fieldError(action.error, "dueAt")} />
    </FormDialog>
  );
}
