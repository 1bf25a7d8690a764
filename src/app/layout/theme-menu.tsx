import clsx from "clsx";
import { DropdownMenu, menuItemClasses } from "@/components/ui/dropdown-menu";
import { CheckIcon, MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { setThemeChoice, type ThemeChoice, useTheme } from "@/lib/theme";

const choices: { value: ThemeChoice; label: string; Icon: typeof SunIcon }[] = [
  { value: "system", label: "Match system", Icon: MonitorIcon },
  { value: "light", label: "Light", Icon: SunIcon },
  { value: "dark", label: "Dark", Icon: MoonIcon },
];

/** Light, dark, or following the system (the default). */
export function ThemeMenu() {
  const { choice, resolved } = useTheme();
  const CurrentIcon = resolved === "dark" ? MoonIcon : SunIcon;
  return (
    <DropdownMenu
      label={`Colour theme: ${choices.find((option) => option.value === choice)?.label ?? ""}`}
      buttonContent={<CurrentIcon className="size-5" />}
      buttonClassName="grid size-10 place-items-center rounded-xl text-muted hover:bg-sunken hover:text-ink"
    >
      {(close) =>
        choices.map(({ value, label, Icon }) => (
          <button
            key={value}
            type="button"
            role="menuitemradio"
            aria-checked={choice === value}
            tabIndex={-1}
            className={clsx(menuItemClasses, choice === value && "text-violet-700 dark:text-violet-300")}
            onClick={() => {
              setThemeChoice(value);
              close();
            }}
          >
            <Icon className="size-4" />
            <span className="flex-1">{label}</span>
            {choice === value ? <CheckIcon className="size-4" /> : null}
          </button>
        ))}
    </DropdownMenu>
  );
}
