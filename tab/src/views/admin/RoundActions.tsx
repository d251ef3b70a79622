// A round's actions panel: the lifecycle step its state allows (open, close, reopen, freeze; all
// but reopen confirmed first), reminders and a new deadline, each with its outcome.
import { contract } from "@goal-forecast/core/contract";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import {
  AlertUrgent20Regular,
  ArrowRepeatAll20Regular,
  CalendarEdit20Regular,
  LockClosed20Regular,
  Play20Regular,
  Stop20Regular,
} from "@fluentui/react-icons";
import type { ReactElement } from "react";
import { useSession } from "../../api/session";
import type { Round } from "@goal-forecast/core/domain/model";
import {
  allowedActions,
  isLifecycleAction,
  type LifecycleAction,
} from "@goal-forecast/core/domain/round-actions";
import { NotAvailable } from "../../components/feedback";
import { Section } from "../../components/layout";
import { useI18n } from "../../i18n/i18n";
import { ExtendDialog } from "./ExtendDialog";
import { FormDialog, useDialogState } from "./FormDialog";
import { ActionOutcome, useAction } from "./shared";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

const ACTION_ICON: Record<LifecycleAction, ReactElement> = {
  open: <Play20Regular />,
  close: <Stop20Regular />,
  reopen: <ArrowRepeatAll20Regular />,
  freeze: <LockClosed20Regular />,
};

export function RoundActions({
  round: r,
  onChanged,
  onReminded,
}: {
  round: Round;
  /** The round changed: reload it and what depends on it. */
  onChanged: () => void;
  /** Reminders were queued: their delivery shows in the progress. */
  onReminded: () => void;
}) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const action = useAction();
  const confirm = useDialogState<LifecycleAction>();
  const extend = useDialogState<true>();

  const lifecycle = (a: LifecycleAction) =>
    action.run(async () => {
      await api.call(contract.rounds[a], { params: { roundId: r.id } });
      onChanged();
      return t(`admin.done.${a}`);
    });

  const remind = () =>
    action.run(async () => {
      const { queued } = await api.call(contract.rounds.remind, { params: { roundId: r.id } });
      onReminded();
      return t("admin.done.remind", { count: queued });
    });

  const can = (a: "open" | "close" | "reopen" | "freeze" | "remind" | "extend") =>
    capabilities.has(contract.rounds[a]);
  // What the state allows is the domain's rule (the server checks the same).
  const allowed = allowedActions(r.state);
  const lifecycleButtons = allowed.filter(isLifecycleAction);
  const anyAdminRoute = (["open", "close", "remind", "extend"] as const).some(can);

  return (
    <Section title={t("admin.actions")}>
      {!anyAdminRoute && <NotAvailable>{t("admin.roundsApiMissing")}</NotAvailable>}
      <div className={styles.actions}>
        {lifecycleButtons.map((a) => (
          <Button
            key={a}
            appearance={a === "open" ? "primary" : "secondary"}
            icon={ACTION_ICON[a]}
            disabled={action.busy || !can(a)}
            onClick={() => (a === "reopen" ? void lifecycle(a) : confirm.show(a))}
          >
            {t(`admin.action.${a}`)}
          </Button>
        ))}
        {allowed.includes("remind") && (
          <Button
            icon={<AlertUrgent20Regular />}
            disabled={action.busy || !can("remind")}
            onClick={() => void remind()}
          >
            {t("admin.action.remind")}
          </Button>
        )}
        {allowed.includes("extend") && (
          <Button
            icon={<CalendarEdit20Regular />}
            disabled={action.busy || !can("extend")}
            onClick={() => extend.show(true)}
          >
            {t("admin.action.extend")}
          </Button>
        )}
        {r.state === "frozen" && <Text className={styles.muted}>{t("admin.frozenNote")}</Text>}
      </div>
      <ActionOutcome action={action} />

      {confirm.value && (
        <FormDialog
          key={confirm.key}
          open={confirm.open}
          title={t(`admin.confirm.${confirm.value}.title`, { round: f.text(r.name) })}
          description={t(`admin.confirm.${confirm.value}.text`)}
          submitLabel={t(`admin.action.${confirm.value}`)}
          onClose={confirm.close}
          onSubmit={() => {
            confirm.close();
            if (confirm.value) void lifecycle(confirm.value);
          }}
        />
      )}
      {extend.value && (
        <ExtendDialog
          key={extend.key}
          open={extend.open}
          round={r}
          onClose={extend.close}
          onDone={(message) => {
            extend.close();
            onChanged();
            void action.run(async () => message);
          }}
        />
      )}
    </Section>
  );
}
