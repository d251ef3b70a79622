// Where a channel tab starts (Teams shows this page when the tab is added to a channel): the newest
// round's overview or the comparison of rounds. Needs no sign-in; the tab itself signs in.
import { Body1, makeStyles, Radio, RadioGroup, Field, Title1, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { Notice } from "../components/feedback";
import { useI18n } from "../i18n/i18n";
import { configureChannelTab, type HostInfo } from "../teams/host";

const useStyles = makeStyles({
  page: { maxWidth: "40rem", margin: "0 auto", padding: tokens.spacingHorizontalXXL },
});

export function ConfigPage({ host }: { host: HostInfo }) {
  const styles = useStyles();
  const { t } = useI18n();
  const [start, setStart] = useState<"overview" | "compare">("overview");

  useEffect(() => {
    const base = `${window.location.origin}/index.html`;
    configureChannelTab(host, {
      contentUrl: start === "compare" ? `${base}#/compare` : `${base}#/`,
      suggestedDisplayName: t("common:appName"),
    });
  }, [host, start, t]);

  return (
    <main className={styles.page} id="main">
      <Title1 as="h1" block>
        {t("config.title")}
      </Title1>
      <Body1 as="p" block>
        {t("config.intro")}
      </Body1>
      <Field label={t("config.start")}>
        <RadioGroup value={start} onChange={(_, d) => setStart(d.value as "overview" | "compare")}>
          <Radio value="overview" label={t("nav.overview")} />
          <Radio value="compare" label={t("nav.compare")} />
        </RadioGroup>
      </Field>
      {!host.inTeams && <Notice>{t("config.outsideTeams")}</Notice>}
    </main>
  );
}
