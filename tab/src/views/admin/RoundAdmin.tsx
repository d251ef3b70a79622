// One round as the planning office runs it: open, remind, extend, close, reopen, freeze; the
// check-ins' delivery as it happens (sent / failed / unreachable with reasons, resend), and who has
// answered (chasing: remind, or name a substitute who may submit in the owner's place).
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Link,
  makeStyles,
  ProgressBar,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import {
  AlertUrgent20Regular,
  ArrowRepeatAll20Regular,
  CalendarEdit20Regular,
  LockClosed20Regular,
  Play20Regular,
  Send20Regular,
  Stop20Regular,
} from "@fluentui/react-icons";
import { useMemo, useState, type ReactElement } from "react";
import { useSession } from "../../api/session";
import {
  DELIVERY_STATES,
  type DeliveryState,
  type Round,
  type RoundOverview,
  type RoundProgress,
} from "../../api/types";
import { useApi } from "../../api/useApi";
import { href } from "../../app/router";
import { StatusBadge } from "../../components/badges";
import { ErrorMessage, Loading, NotAvailable, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { usePeople } from "../../components/people";
import { useI18n } from "../../i18n/i18n";
import { toIso } from "./RoundsAdmin";
import { fieldError, useAction, usePolling } from "./shared";
import { ColumnHeaders } from "../../components/tables";

const useStyles = makeStyles({
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  counts: {
    listStyleType: "none",
    padding: 0,
    margin: `${tokens.spacingVerticalS} 0`,
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(8rem, 1fr))",
    gap: tokens.spacingHorizontalM,
  },
  count: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  figure: { fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  resend: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalM,
    marginTop: tokens.spacingVerticalM,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: "grid", gap: tokens.spacingVerticalM },
});

type LifecycleAction = "open" | "close" | "reopen" | "freeze";

const ACTION_FROM: Record<LifecycleAction, Round["state"][]> = {
  open: ["draft"],
  close: ["open"],
  reopen: ["closed"],
  freeze: ["closed"],
};

const ACTION_ICON: Record<LifecycleAction, ReactElement> = {
  open: <Play20Regular />,
  close: <Stop20Regular />,
  reopen: <ArrowRepeatAll20Regular />,
  freeze: <LockClosed20Regular />,
};

export function RoundAdmin({ roundId }: { roundId: string }) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const base = `/api/rounds/${encodeURIComponent(roundId)}`;
  const round = useApi<Round>(base);
  const hasProgress = capabilities.has("get", "/api/rounds/{roundId}/progress");
  const progress = useApi<RoundProgress>(hasProgress ? `${base}/progress` : null);
  // Without the progress route, the responses still come from the overview.
  const overview = useApi<RoundOverview>(hasProgress ? null : `${base}/overview`);
  const people = usePeople();
  const action = useAction();
  const [confirm, setConfirm] = useState<LifecycleAction>();
  const [extendOpen, setExtendOpen] = useState(false);

  const r = progress.data?.round ?? round.data;
  const delivery = progress.data?.delivery;
  const sending = delivery ? delivery.counts.queued + delivery.counts.sending > 0 : false;
  // Live: every 2 s while check-ins are on their way, every 10 s while the round is open.
  usePolling(progress.reload, sending ? 2000 : 10_000, hasProgress && (r?.state === "open" || sending));

  const refresh = () => {
    round.reload();
    progress.reload();
    overview.reload();
  };

  const lifecycle = (a: LifecycleAction) =>
    action.run(async () => {
      await api.request<Round>(`${base}/${a}`, { method: "POST" });
      refresh();
      return t(`admin.done.${a}`);
    });

  const remind = () =>
    action.run(async () => {
      const { queued } = await api.request<{ queued: number }>(`${base}/remind`, { method: "POST" });
      progress.reload();
      return t("admin.done.remind", { count: queued });
    });

  const responses = useMemo(() => {
    if (progress.data) return progress.data.responses;
    if (!overview.data) return undefined;
    const subjects = overview.data.summary.themes.flatMap((g) =>
      g.subjects.map((s) => ({
        subjectId: s.subject.id,
        title: s.subject.projectId ? `${s.subject.goalTitle}: ${s.subject.title}` : s.subject.title,
        status: s.status,
        ownerIds: s.subject.ownerIds,
      })),
    );
    return { counts: overview.data.summary.counts, subjects };
  }, [progress.data, overview.data]);

  if (round.error) return <ErrorMessage error={round.error} onRetry={round.reload} />;
  if (!r) return <Loading />;

  const can = (path: string) => capabilities.has("post", `/api/rounds/{roundId}/${path}`);
  const lifecycleButtons = (Object.keys(ACTION_FROM) as LifecycleAction[]).filter((a) =>
    ACTION_FROM[a].includes(r.state),
  );
  const anyAdminRoute = ["open", "close", "remind", "extend"].some(can);

  return (
    <>
      <PageHeader
        title={f.text(r.name)}
        context={t("admin.roundContext", {
          state: t(`common:roundState.${r.state}`),
          due: f.dateTime(r.dueAt),
          goals: f.number(r.goalIds.length),
        })}
        actions={<Link href={href.overview(r.id)}>{t("admin.openOverview")}</Link>}
      />
      <Section title={t("admin.actions")}>
        {!anyAdminRoute && <NotAvailable>{t("admin.roundsApiMissing")}</NotAvailable>}
        <div className={styles.actions}>
          {lifecycleButtons.map((a) => (
            <Button
              key={a}
              appearance={a === "open" ? "primary" : "secondary"}
              icon={ACTION_ICON[a]}
              disabled={action.busy || !can(a)}
              onClick={() => (a === "reopen" ? void lifecycle(a) : setConfirm(a))}
            >
              {t(`admin.action.${a}`)}
            </Button>
          ))}
          {r.state === "open" && (
            <Button
              icon={<AlertUrgent20Regular />}
              disabled={action.busy || !can("remind")}
              onClick={() => void remind()}
            >
              {t("admin.action.remind")}
            </Button>
          )}
          {(r.state === "open" || r.state === "draft") && (
            <Button
              icon={<CalendarEdit20Regular />}
              disabled={action.busy || !can("extend")}
              onClick={() => setExtendOpen(true)}
            >
              {t("admin.action.extend")}
            </Button>
          )}
          {r.state === "frozen" && <Text className={styles.muted}>{t("admin.frozenNote")}</Text>}
        </div>
        <div role="status" aria-live="polite">
          {action.done && <Notice intent="success">{action.done}</Notice>}
        </div>
        {action.error !== undefined && <ErrorMessage error={action.error} />}
      </Section>

      <Section title={t("admin.delivery")}>
        {!hasProgress && <NotAvailable>{t("admin.progressMissing")}</NotAvailable>}
        {progress.error && <ErrorMessage error={progress.error} onRetry={progress.reload} />}
        {hasProgress && !delivery && !progress.error && <Loading />}
        {delivery && (
          <Delivery roundId={roundId} delivery={delivery} onResent={progress.reload} live={sending} />
        )}
      </Section>

      <Section title={t("admin.responses")}>
        {!responses && <Loading />}
        {responses && (
          <>
            <ul className={styles.counts} aria-label={t("admin.responses")}>
              {(["missing", "draft", "submitted"] as const).map((s) => (
                <li key={s} className={styles.count}>
                  <StatusBadge status={s} />
                  <span className={styles.figure}>{f.number(responses.counts[s])}</span>
                </li>
              ))}
            </ul>
            <Chasing round={r} subjects={responses.subjects} peopleNames={people} onChanged={refresh} />
          </>
        )}
      </Section>

      {confirm && (
        <Dialog open onOpenChange={(_, d) => !d.open && setConfirm(undefined)}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>
                {confirm ? t(`admin.confirm.${confirm}.title`, { round: f.text(r.name) }) : ""}
              </DialogTitle>
              <DialogContent>{confirm ? t(`admin.confirm.${confirm}.text`) : ""}</DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setConfirm(undefined)}>
                  {t("cancel")}
                </Button>
                <Button
                  appearance="primary"
                  onClick={() => {
                    const a = confirm;
                    setConfirm(undefined);
                    if (a) void lifecycle(a);
                  }}
                >
                  {confirm ? t(`admin.action.${confirm}`) : ""}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
      {extendOpen && (
        <ExtendDialog
          round={r}
          onClose={() => setExtendOpen(false)}
          onDone={(message) => {
            setExtendOpen(false);
            refresh();
            void action.run(async () => message);
          }}
        />
      )}
    </>
  );
}

/** Why a message did not arrive, in words: "http503" → "Teams answered with an error (503)". */
function reasonText(reason: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  const http = /^http(\d{3})$/.exec(reason);
  if (http) return t("admin.reason.http", { status: http[1] });
  return t(`admin.reason.${reason}`, { defaultValue: reason });
}

function Delivery({
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
  const [states, setStates] = useState<Set<"failed" | "unreachable" | "inDoubt">>(
    new Set(["failed", "inDoubt"]),
  );
  const total = DELIVERY_STATES.reduce((sum, s) => sum + delivery.counts[s], 0);
  const settled =
    delivery.counts.sent + delivery.counts.failed + delivery.counts.unreachable + delivery.counts.inDoubt;
  const canResend = capabilities.has("post", "/api/rounds/{roundId}/resend");

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
          value={total === 0 ? 0 : settled / total}
          max={1}
          thickness="large"
          aria-label={t("admin.delivery")}
          aria-valuetext={f.ratio(total === 0 ? 0 : settled / total)}
        />
      )}
      <ul className={styles.counts} aria-label={t("admin.deliveryCounts")}>
        {DELIVERY_STATES.map((s: DeliveryState) => (
          <li key={s} className={styles.count} data-delivery={s}>
            <Text>{t(`admin.deliveryState.${s}`)}</Text>
            <span className={styles.figure}>{f.number(delivery.counts[s])}</span>
          </li>
        ))}
      </ul>
      {(delivery.batches ?? []).length > 0 && (
        <Table size="small" aria-label={t("admin.batches")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t("admin.col.message")}</TableHeaderCell>
              {DELIVERY_STATES.map((s) => (
                <TableHeaderCell key={s} scope="col">
                  {t(`admin.deliveryState.${s}`)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
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
                      {t(`admin.deliveryState.${p.state}`, { defaultValue: p.state })}
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
            {(["failed", "unreachable", "inDoubt"] as const).map((s) => (
              <Checkbox
                key={s}
                label={t(`admin.deliveryState.${s}`)}
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
                  const { queued } = await api.request<{ queued: number }>(
                    `/api/rounds/${encodeURIComponent(roundId)}/resend`,
                    { method: "POST", body: { states: [...states] } },
                  );
                  onResent();
                  return t("admin.done.resend", { count: queued });
                })
              }
            >
              {t("admin.action.resend")}
            </Button>
          </div>
          <div role="status" aria-live="polite">
            {action.done && <Notice intent="success">{action.done}</Notice>}
          </div>
          {action.error !== undefined && <ErrorMessage error={action.error} />}
        </>
      )}
    </div>
  );
}

function Chasing({
  round,
  subjects,
  peopleNames,
  onChanged,
}: {
  round: Round;
  subjects: RoundProgress["responses"]["subjects"];
  peopleNames: ReturnType<typeof usePeople>;
  onChanged: () => void;
}) {
  const f = useI18n();
  const { t } = f;
  const { api, capabilities } = useSession();
  const action = useAction();
  const canSubstitute = capabilities.has("put", "/api/rounds/{roundId}/substitutes/{subjectId}");
  const open = round.state === "open" || round.state === "draft";
  const order = { missing: 0, draft: 1, submitted: 2 } as const;
  const sorted = [...subjects].sort(
    (a, b) => order[a.status] - order[b.status] || a.title.localeCompare(b.title, f.lang),
  );
  return (
    <>
      <Table size="small" aria-label={t("admin.chasing")}>
        <ColumnHeaders
          columns={[
            t("overview.col.goal"),
            t("overview.col.status"),
            t("overview.col.owners"),
            t("admin.col.substitute"),
          ]}
        />
        <TableBody>
          {sorted.map((s) => (
            <TableRow key={s.subjectId} data-subject={s.subjectId}>
              <TableCell>{s.title}</TableCell>
              <TableCell>
                <StatusBadge status={s.status} />
              </TableCell>
              <TableCell>{peopleNames.names(s.ownerIds)}</TableCell>
              <TableCell>
                {canSubstitute && open && s.status !== "submitted" ? (
                  <Select
                    aria-label={t("admin.substituteFor", { title: s.title })}
                    value={round.substitutes[s.subjectId] ?? ""}
                    disabled={action.busy}
                    onChange={(_, d) =>
                      void action.run(async () => {
                        await api.request(
                          `/api/rounds/${encodeURIComponent(round.id)}/substitutes/${encodeURIComponent(s.subjectId)}`,
                          { method: "PUT", body: { personId: d.value || null } },
                        );
                        onChanged();
                        return d.value
                          ? t("admin.done.substitute", { name: peopleNames.name(d.value), title: s.title })
                          : t("admin.done.substituteCleared", { title: s.title });
                      })
                    }
                  >
                    <option value="">{t("admin.noSubstitute")}</option>
                    {peopleNames.list.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.displayName}
                      </option>
                    ))}
                  </Select>
                ) : (
                  <Caption1>
                    {round.substitutes[s.subjectId] ? peopleNames.name(round.substitutes[s.subjectId]) : "–"}
                  </Caption1>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div role="status" aria-live="polite">
        {action.done && <Notice intent="success">{action.done}</Notice>}
      </div>
      {action.error !== undefined && <ErrorMessage error={action.error} />}
    </>
  );
}

function ExtendDialog({
  round,
  onClose,
  onDone,
}: {
  round: Round;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { api } = useSession();
  const [date, setDate] = useState("");
  const [time, setTime] = useState("16:00");
  const action = useAction();
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(async () => {
              const updated = await api.request<Round>(`/api/rounds/${encodeURIComponent(round.id)}/extend`, {
                method: "POST",
                body: { dueAt: toIso(date, time) ?? date },
              });
              onDone(t("admin.done.extend", { due: f.dateTime(updated.dueAt) }));
              return undefined;
            });
          }}
        >
          <DialogBody>
            <DialogTitle>{t("admin.action.extend")}</DialogTitle>
            <DialogContent className={styles.form}>
              <Text>{t("admin.currentDue", { due: f.dateTime(round.dueAt) })}</Text>
              <Field
                label={t("admin.dueDate")}
                required
                validationMessage={fieldError(action.error, "dueAt")}
              >
                <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
              </Field>
              <Field label={t("admin.dueTime")}>
                <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} />
              </Field>
              {action.error !== undefined && !fieldError(action.error, "dueAt") && (
                <ErrorMessage error={action.error} />
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onClose}>
                {t("cancel")}
              </Button>
              <Button appearance="primary" type="submit" disabled={action.busy}>
                {t("admin.action.extend")}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
