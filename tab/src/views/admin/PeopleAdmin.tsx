// People and roles: who is in the register, their language and organisation-wide roles (admin,
// manager), whose manager they report to, and which goals they answer for. Add and edit.
import { contract } from "@goal-forecast/core/contract";
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  SearchBox,
  Select,
  Table,
  TableBody,
  TableCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular, Edit20Regular } from "@fluentui/react-icons";
import { useMemo, useState } from "react";
import { helsinkiYear } from "@goal-forecast/core/domain/deadline";
import { useSession } from "../../api/session";
import { LANGUAGES, type Person } from "@goal-forecast/core/domain/model";
import { useQuery } from "../../api/useQuery";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { Downloads } from "../../components/Downloads";
import { ErrorMessage, Loading, NotAvailable, Notice } from "../../components/feedback";
import { PageHeader, Section } from "../../components/layout";
import { useI18n } from "../../i18n/i18n";
import { ColumnHeaders } from "../../components/tables";
import { FormDialog, useDialogState } from "./FormDialog";
import { fieldError, useAction } from "./shared";

const useStyles = makeStyles({
  roles: { display: "flex", gap: tokens.spacingHorizontalM },
  badges: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  search: { maxWidth: "24rem", marginBottom: tokens.spacingVerticalM },
});

export function PeopleAdmin() {
  const styles = useStyles();
  const f = useI18n();
  const { t } = f;
  const { capabilities } = useSession();
  const views = useQuery(contract.register.people, {});
  // An admin's view of a person is the whole record (contract/register.ts: personViewSchema).
  const people = { ...views, data: views.data as Person[] | undefined };
  const rounds = useQuery(contract.rounds.list, {});
  const latestYear = Math.max(helsinkiYear() - 10, ...(rounds.data ?? []).map((r) => r.year));
  const goals = useQuery(contract.register.goals, rounds.data ? { query: { year: latestYear } } : null);
  const editing = useDialogState<Person | "new">();
  const [search, setSearch] = useState("");
  const action = useAction();
  const canEdit = capabilities.has(contract.register.savePerson);
  const canAdd = capabilities.has(contract.register.createPerson);

  const answersFor = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const g of goals.data ?? []) {
      const ids = new Set([
        ...g.ownerIds,
        ...g.preparerIds,
        ...g.projects.flatMap((p) => [...p.ownerIds, ...p.preparerIds]),
      ]);
      for (const id of ids) map.set(id, [...(map.get(id) ?? []), g.title]);
    }
    return map;
  }, [goals.data]);
  const names = useMemo(() => new Map((people.data ?? []).map((p) => [p.id, p.displayName])), [people.data]);
  const shown = (people.data ?? [])
    .filter((p) => `${p.displayName} ${p.upn} ${p.email ?? ""}`.toLowerCase().includes(search.toLowerCase()))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, f.lang));

  return (
    <>
      <PageHeader
        title={t("admin.peopleTitle")}
        actions={
          <>
            {canAdd && (
              <Button appearance="primary" icon={<Add20Regular />} onClick={() => editing.show("new")}>
                {t("admin.addPerson")}
              </Button>
            )}
            {people.data && <Downloads exports={[]} json={people.data} jsonName="people.json" />}
          </>
        }
      />
      {!canEdit && <NotAvailable>{t("admin.peopleEditMissing")}</NotAvailable>}
      <div role="status" aria-live="polite">
        {action.done && <Notice intent="success">{action.done}</Notice>}
      </div>
      {people.error && <ErrorMessage error={people.error} onRetry={people.reload} />}
      {!people.data && !people.error && <Loading />}
      {people.data && (
        <Section title={t("admin.peopleCount", { count: people.data.length })}>
          <Field label={t("overview.search")} className={styles.search}>
            <SearchBox value={search} onChange={(_, d) => setSearch(d.value)} />
          </Field>
          <Table size="small" aria-label={t("admin.peopleTitle")}>
            <ColumnHeaders
              columns={[
                t("admin.col.person"),
                t("admin.field.upn"),
                t("settings.language"),
                t("admin.col.roles"),
                t("admin.field.manager"),
                t("admin.col.answersFor", { year: latestYear }),
                <span key="edit" className="visually-hidden">
                  {t("admin.edit")}
                </span>,
              ]}
            />
            <TableBody>
              {shown.map((p) => (
                <TableRow key={p.id} data-person={p.id}>
                  <TableCell>{p.displayName}</TableCell>
                  <TableCell>{p.upn}</TableCell>
                  <TableCell>{p.language ? t(`settings.languageName.${p.language}`) : "–"}</TableCell>
                  <TableCell>
                    <div className={styles.badges}>
                      {(p.roles ?? []).map((r) => (
                        <Badge key={r} appearance="tint" color={r === "admin" ? "important" : "brand"}>
                          {t(`common:role.${r}`)}
                        </Badge>
                      ))}
                      {(p.roles ?? []).length === 0 && "–"}
                    </div>
                  </TableCell>
                  <TableCell>{p.managerId ? (names.get(p.managerId) ?? p.managerId) : "–"}</TableCell>
                  <TableCell>{(answersFor.get(p.id) ?? []).join(", ") || "–"}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      icon={<Edit20Regular />}
                      disabled={!canEdit}
                      onClick={() => editing.show(p)}
                      aria-label={t("admin.editPerson", { name: p.displayName })}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
      {editing.value && (
        <PersonDialog
          key={editing.key}
          open={editing.open}
          person={editing.value === "new" ? undefined : editing.value}
          people={people.data ?? []}
          onClose={editing.close}
          onSaved={(saved) => {
            editing.close();
            people.reload();
            void action.run(async () => t("admin.personSaved", { name: saved.displayName }));
          }}
        />
      )}
    </>
  );
}

/** The fields the person dialog shows errors at. */
const FIELDS = ["id", "displayName", "upn", "email", "language", "roles", "managerId"];

function PersonDialog({
  open,
  person,
  people,
  onClose,
  onSaved,
}: {
  open: boolean;
  person: Person | undefined;
  people: Person[];
  onClose: () => void;
  onSaved: (p: Person) => void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const { api } = useSession();
  const [draft, setDraft] = useState<Person>(person ?? { id: "", upn: "", displayName: "" });
  const action = useAction();
  const err = (field: string) => fieldError(action.error, field);
  const set = (patch: Partial<Person>) => setDraft({ ...draft, ...patch });
  const toggleRole = (role: "admin" | "manager", on: boolean) => {
    const roles = new Set(draft.roles ?? []);
    if (on) roles.add(role);
    else roles.delete(role);
    set({ roles: [...roles] });
  };

  const save = () =>
    action.run(async () => {
      // PUT takes the changes (null clears a field); POST the new person without empty fields.
      const saved = person
        ? await api.call(contract.register.savePerson, {
            params: { personId: person.id },
            body: {
              displayName: draft.displayName,
              upn: draft.upn,
              email: draft.email || null,
              language: draft.language ?? null,
              roles: draft.roles ?? [],
              managerId: draft.managerId || null,
            },
          })
        : await api.call(contract.register.createPerson, {
            body: {
              ...(draft.id ? { id: draft.id } : {}),
              displayName: draft.displayName,
              upn: draft.upn,
              ...(draft.email ? { email: draft.email } : {}),
              ...(draft.language ? { language: draft.language } : {}),
              ...(draft.roles?.length ? { roles: draft.roles } : {}),
              ...(draft.managerId ? { managerId: draft.managerId } : {}),
            },
          });
      onSaved(saved);
      return undefined;
    });

  return (
    <FormDialog
      open={open}
      title={person ? t("admin.editPerson", { name: person.displayName }) : t("admin.addPerson")}
      submitLabel={t("save")}
      onClose={onClose}
      onSubmit={() => void save()}
      busy={action.busy}
      error={action.error}
      fields={FIELDS}
    >
      {!person && (
        <Field label={t("admin.field.id")} required hint={t("admin.idHint")} validationMessage={err("id")}>
          <Input value={draft.id} onChange={(_, d) => set({ id: d.value })} />
        </Field>
      )}
      <Field label={t("admin.field.displayName")} required validationMessage={err("displayName")}>
        <Input value={draft.displayName} onChange={(_, d) => set({ displayName: d.value })} />
      </Field>
      <Field label={t("admin.field.upn")} required validationMessage={err("upn")}>
        <Input type="email" value={draft.upn} onChange={(_, d) => set({ upn: d.value })} />
      </Field>
      <Field label={t("admin.field.email")} validationMessage={err("email")}>
        <Input type="email" value={draft.email ?? ""} onChange={(_, d) => set({ email: d.value })} />
      </Field>
      <Field label={t("settings.language")} validationMessage={err("language")}>
        <Select
          value={draft.language ?? ""}
          onChange={(_, d) => set({ language: (d.value || undefined) as Person["language"] })}
        >
          <option value="">–</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`settings.languageName.${l}`)}
            </option>
          ))}
        </Select>
      </Field>
      <CheckboxGroup legend={t("admin.col.roles")} error={err("roles")} className={styles.roles}>
        <Checkbox
          label={t("common:role.admin")}
          checked={(draft.roles ?? []).includes("admin")}
          onChange={(_, d) => toggleRole("admin", d.checked === true)}
        />
        <Checkbox
          label={t("common:role.manager")}
          checked={(draft.roles ?? []).includes("manager")}
          onChange={(_, d) => toggleRole("manager", d.checked === true)}
        />
      </CheckboxGroup>
      <Field label={t("admin.field.manager")} validationMessage={err("managerId")}>
        <Select value={draft.managerId ?? ""} onChange={(_, d) => set({ managerId: d.value || undefined })}>
          <option value="">–</option>
          {people
            .filter((p) => p.id !== draft.id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
        </Select>
      </Field>
    </FormDialog>
  );
}
