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
import { contract } from "@goal-forecast/core/contract";
import type { ExportQuery } from "@goal-forecast/core/contract/exports";
import { saveJson } from "../api/client";
import { useSession } from "../api/session";
import { useI18n } from "../i18n/i18n";
import { ErrorMessage } from "./feedback";

const FILES = {
  "summary.xlsx": contract.exports.summaryXlsx,
  "summary.csv": contract.exports.summaryCsv,
  "summary.json": contract.exports.summaryJson,
  "deck.pptx": contract.exports.deck,
} as const;

export interface ExportFile {
  file: keyof typeof FILES;
  query?: Omit<ExportQuery, "lang">;
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
    try {
      await api.download(
        FILES[file.file],
        { params: { roundId }, query: { ...file.query, lang } },
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
                const available = capabilities.has(FILES[f.file]);
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
