// The check-ins' delivery as it happens: how many are sent, paused sending, counts per message, the
// people a message did not reach with the reason in words, and resending to them.
import { contract } from "@goal-forecast/core/contract";
import {
  Badge,
  Button,
  Checkbox,
  makeStyles,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Send20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { useSession } from "../../api/session";
import { DELIVERY_STATES, FINAL_STATES, RESENDABLE } from "@goal-forecast/core/domain/delivery";
import type { RoundProgress } from "@goal-forecast/core/contract/rounds";
import { Notice } from "../../components/feedback";
import { ColumnHeaders } from "../../components/tables";
import { useI18n } from "../../i18n/i18n";
import { Counts } from "./Counts";
import { ActionOutcome, useAction } from "./shared";

const useStyles = makeStyles({
  resend: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
  },
});

type ResendState = (typeof RESENDABLE)[number];

/** Why a message did not arrive, in words: "http503" → "Teams answered with an error (503)". */
function reasonText(reason: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const http = /^http(\d{3})$/.exec(reason);
  if (http) return t("admin.reason.http", { status: http[1] });
  return t(`admin.reason.${reason}`, { defaultValue: reason });
}

export function DeliveryPanel({
  roundId,
  delivery,
  onResent,
  live,
}: {
  roundId: string;
  delivery: RoundProgress["delivery"];
  onResent: () => void;
  live: boolean;
}) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const action = useAction();
  const [states, setStates] = useState<Set<ResendState>>(new Set(["failed", "inDoubt"]));
  const total = DELIVERY_STATES.reduce((sum, s) => sum + delivery.counts[s], 0);
  const settled = DELIVERY_STATES.filter((s) => FINAL_STATES.has(s)).reduce(
    (sum, s) => sum + delivery.counts[s],
    0,
  );
  const canResend = capabilities.has(contract.rounds.resend);
  const stateName = (s: string) => t(`admin.deliveryState.${s}`, { defaultValue: s });

  return (
    <div data-testid="delivery">
      <Text role="status" aria-live="polite">
        {total === 0
          ? t("admin.deliveryNone")
          : t("admin.deliverySummary", {
              sent: f.number(delivery.counts.sent),
              total: f.number(total),
            })}
        {live ? ` ${t("admin.deliveryLive")}` : ""}
      </Text>
      {delivery.paused && (
        <Notice intent="warning">
          {t("admin.paused", {
            until: f.dateTime(delivery.paused.until),
            reason: t(`admin.pauseReason.${delivery.paused.reason}`, {
              defaultValue: delivery.paused.reason,
            }),
          })}
        </Notice>
      )}
      {total > 0 && (
        <ProgressBar
          value={settled / total}
          max={1}
          thickness="large"
          aria-label={t("admin.delivery")}
          aria-valuetext={f.ratio(settled / total)}
        />
      )}
      <Counts
        label={t("admin.deliveryCounts")}
        counts={DELIVERY_STATES.map((s) => ({
          key: s,
          label: <Text>{stateName(s)}</Text>,
          value: delivery.counts[s],
        }))}
      />
      {(delivery.batches ?? []).length > 0 && (
        <Table size="small" aria-label={t("admin.batches")}>
          <ColumnHeaders columns={[t("admin.col.message"), ...DELIVERY_STATES.map(stateName)]} />
          <TableBody>
            {(delivery.batches ?? []).map((b) => (
              <TableRow key={b.batchId}>
                <TableCell>{t(`admin.messageKind.${b.kind}`, { defaultValue: b.kind })}</TableCell>
                {DELIVERY_STATES.map((s) => (
                  <TableCell key={s}>{f.number(b.counts[s] ?? 0)}</TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {delivery.problems.length > 0 && (
        <>
          <Table size="small" aria-label={t("admin.problems")}>
            <ColumnHeaders
              columns={[
                t("admin.col.person"),
                t("admin.col.message"),
                t("admin.col.state"),
                t("admin.col.reason"),
                t("admin.col.attempts"),
                t("admin.col.updated"),
              ]}
            />
            <TableBody>
              {delivery.problems.map((p) => (
                <TableRow key={`${p.personId}-${p.kind ?? ""}-${p.state}`} data-problem={p.personId}>
                  <TableCell>{p.displayName}</TableCell>
                  <TableCell>
                    {p.kind ? t(`admin.messageKind.${p.kind}`, { defaultValue: p.kind }) : "–"}
                  </TableCell>
                  <TableCell>
                    <Badge appearance="outline" color={p.state === "unreachable" ? "danger" : "warning"}>
                      {stateName(p.state)}
                    </Badge>
                  </TableCell>
                  <TableCell>{p.reason ? reasonText(p.reason, t) : "–"}</TableCell>
                  <TableCell>{f.number(p.attempts)}</TableCell>
                  <TableCell>{f.dateTime(p.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={styles.resend} role="group" aria-label={t("admin.resendTo")}>
            {RESENDABLE.map((s) => (
              <Checkbox
                key={s}
                label={stateName(s)}
                checked={states.has(s)}
                onChange={(_, d) => {
                  const next = new Set(states);
                  if (d.checked) next.add(s);
                  else next.delete(s);
                  setStates(next);
                }}
              />
            ))}
            <Button
              icon={<Send20Regular />}
              disabled={action.busy || states.size === 0 || !canResend}
              onClick={() =>
                void action.run(async () => {
                  const { queued } = await api.call(contract.rounds.resend, {
                    params: { roundId },
                    body: { states: [...states] },
                  });
                  onResent();
                  return t("admin.done.resend", { count: queued });
                })
              }
            >
              {t("admin.action.resend")}
            </Button>
          </div>
          <ActionOutcome action={action} />
        </>
      )}
    </div>
  );
}
