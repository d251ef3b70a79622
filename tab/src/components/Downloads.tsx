// "Download" menu of a view: the board's exports (produced by the server) and the JSON behind the view.
import {
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MenuDivider,
} from "@fluentui/react-components";
import { ArrowDownload20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { saveJson } from "../api/client";
import { useSession } from "../api/session";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "./feedback";

export interface ExportFile {
  /** e.g. "summary.xlsx" */
  file: "summary.xlsx" | "summary.csv" | "summary.json" | "deck.pptx";
  query?: Record<string, string | undefined>;
}

export function Downloads({
  roundId,
  exports,
  json,
  jsonName,
}: {
  roundId?: string;
  exports: ExportFile[];
  json: unknown;
  jsonName: string;
}) {
  const { api, capabilities } = useSession();
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = async (file: ExportFile) => {
    if (!roundId) return;
    setError(undefined);
    setBusy(true);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(file.query ?? {})) if (v) params.set(k, v);
    params.set("lang", lang);
    try {
      await api.download(
        `/api/rounds/${encodeURIComponent(roundId)}/export/${file.file}?${params.toString()}`,
        `${roundId}-${file.file}`,
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <MenuButton icon={<ArrowDownload20Regular />} disabled={busy}>
            {busy ? t("downloads.preparing") : t("downloads.button")}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            {roundId &&
              exports.map((f) => {
                const available = capabilities.has("get", `/api/rounds/{roundId}/export/${f.file}`);
                return (
                  <MenuItem key={f.file} onClick={() => void run(f)} disabled={!available}>
                    {t(`downloads.${f.file.replace(".", "_")}`)}
                    {!available ? ` (${t("downloads.notYet")})` : ""}
                  </MenuItem>
                );
              })}
            {roundId && exports.length > 0 && <MenuDivider />}
            <MenuItem onClick={() => saveJson(json, jsonName)}>{t("downloads.viewJson")}</MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {error !== undefined && <ErrorMessage error={error} />}
    </div>
  );
}
