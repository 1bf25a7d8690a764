import { Button } from "@/components/ui/button";
import { fieldClasses } from "@/features/batch/components/field-classes";
import type { GlobalToken } from "@/features/batch/lib/column-mapping";

export function GlobalTokens(
  { globals, onChange }: { globals: GlobalToken[]; onChange: (globals: GlobalToken[]) => void },
) {
  const update = (index: number, change: Partial<GlobalToken>) =>
    onChange(globals.map((token, position) => (position === index ? { ...token, ...change } : token)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-ink">Global tokens (the same for every row)</legend>
      {globals.map((token, index) => (
        <div key={index} className="flex flex-wrap items-end gap-2">
          <label className="min-w-32 flex-1 space-y-1 text-sm">
            <span className="text-muted">Global token {index + 1} name</span>
            <input
              className={fieldClasses}
              value={token.name}
              onChange={(event) => update(index, { name: event.target.value.toUpperCase() })}
            />
          </label>
          <label className="min-w-40 flex-[2] space-y-1 text-sm">
            <span className="text-muted">Global token {index + 1} value</span>
            <input
              className={fieldClasses}
              value={token.value}
              onChange={(event) => update(index, { value: event.target.value })}
            />
          </label>
          <Button
            variant="ghost"
            onClick={() => onChange(globals.filter((_, position) => position !== index))}
          >
            Remove<span className="sr-only">{` global token ${index + 1}`}</span>
          </Button>
        </div>
      ))}
      <Button variant="secondary" size="sm" onClick={() => onChange([...globals, { name: "", value: "" }])}>
        Add global token
      </Button>
    </fieldset>
  );
}
