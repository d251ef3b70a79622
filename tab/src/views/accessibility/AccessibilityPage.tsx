// The accessibility statement the Act on the Provision of Digital Services (306/2019) requires, in the
// order of the supervising authority's model statement (saavutettavuusvaatimukset.fi): status, content
// that is not accessible, how it was assessed and when, feedback (answered within 14 days) and the
// supervising authority. The organisation's own name and address come from the server's configuration.
import { contract } from "@goal-forecast/core/contract";
import type { FeedbackReceipt } from "@goal-forecast/core/contract/system";
import { FEEDBACK_TOPICS, type FeedbackTopic } from "@goal-forecast/core/domain/feedback";
import { LIMITS } from "@goal-forecast/core/domain/limits";
import { dateFieldText } from "@goal-forecast/core/i18n/format";
import {
  Button,
  Checkbox,
  Field,
  Input,
  Link,
  makeStyles,
  Radio,
  RadioGroup,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useSession } from "../../api/session";
import { ErrorMessage, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { useI18n } from "../../i18n/i18n";
import { useFormStyles } from "../admin/formStyles";
import { fieldError, useAction } from "../admin/shared";

/**
 * The last assessment (the checks listed on the page) and when this statement was first prepared.
 * Update ASSESSED_ON after each new assessment; the statement is to be reviewed at least yearly.
 */
const STATEMENT_PREPARED_ON = "2026-12-08T12:00:00+02:00";
const ASSESSED_ON = "2026-12-08T12:00:00+02:00";

const GAPS = ["language", "exports", "cards", "screenReaders"] as const;
const CHECKS = ["axe", "keyboard", "tree", "cards"] as const;

const useStyles = makeStyles({
  text: { maxWidth: "48rem", lineHeight: tokens.lineHeightBase400 },
  form: { maxWidth: "48rem" },
  actions: { display: "flex", gap: tokens.spacingHorizontalM },
});

export function AccessibilityPage() {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { organisation } = useSession();
  const app = t("common:appName");
  const org = f.text(organisation.name);
  return (
    <>
      <PageHeader title={t("accessibility.title")} />
      <div className={styles.text}>
        <p>{t("accessibility.intro", { org, app })}</p>
        <Section title={t("accessibility.status.title")}>
          <p>{t("accessibility.status.text", { app })}</p>
        </Section>
        <Section title={t("accessibility.gaps.title")}>
          <p>{t("accessibility.gaps.intro")}</p>
          <ul>
            {GAPS.map((g) => (
              <li key={g}>{t(`accessibility.gaps.${g}`)}</li>
            ))}
          </ul>
        </Section>
        <Section title={t("accessibility.assessed.title")}>
          <p>{t("accessibility.assessed.text", { date: f.date(ASSESSED_ON) })}</p>
          <ul>
            {CHECKS.map((c) => (
              <li key={c}>{t(`accessibility.assessed.${c}`)}</li>
            ))}
          </ul>
          <p>
            {t("accessibility.assessed.dates", {
              prepared: f.date(STATEMENT_PREPARED_ON),
              updated: f.date(ASSESSED_ON),
            })}
          </p>
        </Section>
        <Section title={t("accessibility.feedback.title")} id="feedback">
          <p>{t("accessibility.feedback.text")}</p>
          {organisation.feedbackEmail && (
            <p>
              {t("accessibility.feedback.email")}{" "}
              <Link href={`mailto:${organisation.feedbackEmail}`}>{organisation.feedbackEmail}</Link>
            </p>
          )}
          <FeedbackForm />
        </Section>
        <Section title={t("accessibility.authority.title")}>
          <p>{t("accessibility.authority.text")}</p>
          <address>
            {t("accessibility.authority.name")}
            <br />
            <Link href={t("accessibility.authority.url")}>{t("accessibility.authority.web")}</Link>
            <br />
            {t("accessibility.authority.phone")}
          </address>
        </Section>
      </div>
    </>
  );
}

function FeedbackForm() {
  const styles = useStyles();
  const form = useFormStyles();
  const f = useI18n();
  const { t } = f;
  const { api, me } = useSession();
  const [topic, setTopic] = useState<FeedbackTopic>("accessibility");
  const [message, setMessage] = useState("");
  const [where, setWhere] = useState("");
  const [wantsAnswer, setWantsAnswer] = useState(true);
  const [receipt, setReceipt] = useState<FeedbackReceipt>();
  const action = useAction();

  const send = () =>
    action.run(async () => {
      setReceipt(undefined);
      const answer = await api.call(contract.system.feedback, {
        body: { topic, message, wantsAnswer, ...(where.trim() ? { where } : {}) },
      });
      setReceipt(answer);
      setMessage("");
      setWhere("");
      return undefined;
    });

  return (
    // noValidate: the browser's own bubble speaks the browser's language; the server's message is in
    // the person's, next to the field.
    <form
      noValidate
      className={`${form.stack} ${styles.form}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <Field label={t("accessibility.feedback.topic")}>
        <RadioGroup value={topic} onChange={(_, d) => setTopic(d.value as FeedbackTopic)} layout="horizontal">
          {FEEDBACK_TOPICS.map((k) => (
            <Radio key={k} value={k} label={t(`accessibility.feedback.topicName.${k}`)} />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={t("accessibility.feedback.message")}
        hint={t("accessibility.feedback.messageHint")}
        required
        validationMessage={fieldError(action.error, "message")}
      >
        <Textarea
          value={message}
          onChange={(_, d) => setMessage(d.value)}
          maxLength={LIMITS.feedback}
          rows={5}
          resize="vertical"
        />
      </Field>
      <Field label={t("accessibility.feedback.where")} validationMessage={fieldError(action.error, "where")}>
        <Input value={where} onChange={(_, d) => setWhere(d.value)} maxLength={LIMITS.title} />
      </Field>
      <Checkbox
        checked={wantsAnswer}
        onChange={(_, d) => setWantsAnswer(d.checked === true)}
        label={t("accessibility.feedback.wantsAnswer", { upn: me.upn })}
      />
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={action.busy}>
          {t("accessibility.feedback.send")}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {receipt && (
          <Notice intent="success">
            <span data-testid="feedback-receipt">
              {t("accessibility.feedback.receipt", {
                id: receipt.id,
                date: f.date(receipt.receivedAt),
                answerBy: dateFieldText(receipt.answerBy, f.lang),
              })}
            </span>
          </Notice>
        )}
      </div>
      {action.error !== undefined && !fieldError(action.error, "message") && (
        <ErrorMessage error={action.error} />
      )}
    </form>
  );
}
