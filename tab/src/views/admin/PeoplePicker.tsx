// Choosing several people of the register by name (owners, preparers).
import { Dropdown, Field, Option } from "@fluentui/react-components";
import type { PeopleIndex } from "../../components/people";
import { useI18n } from "../../i18n/i18n";

export function PeoplePicker({
  label,
  ids,
  people,
  onChange,
  error,
}: {
  label: string;
  ids: string[];
  people: PeopleIndex;
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Field label={label} validationMessage={error}>
      <Dropdown
        multiselect
        selectedOptions={ids}
        value={ids.map((id) => people.name(id)).join(", ")}
        placeholder={t("admin.choosePeople")}
        onOptionSelect={(_, d) => onChange(d.selectedOptions)}
      >
        {people.list.map((p) => (
          <Option key={p.id} value={p.id}>
            {p.displayName}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
