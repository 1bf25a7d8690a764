import clsx from "clsx";
import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/text-field";
import { PlusIcon } from "@/components/ui/icons";
import { TokenChip } from "@/features/ai-image/components/token-chip";
import { isValidTokenName, normalizeTokenName } from "@domain/personalization-tokens";

/** The tokens on offer, and a field to make a new one (which goes into the prompt at once). */
export function TokenPalette({
  names,
  onInsert,
  onAddToken,
}: {
  names: string[];
  onInsert: (name: string) => void;
  onAddToken: (name: string) => void;
}) {
  const hintId = useId();
  return (
    <div className="space-y-3">
      <p id={hintId} className="text-sm text-muted">
        Drag a token into your prompt, or press it to insert it at the cursor.
      </p>
      <ul aria-label="Tokens" aria-describedby={hintId} className="flex flex-wrap gap-2">
        {names.map((name) => (
          <li key={name}>
            <TokenChip name={name} onInsert={onInsert} />
          </li>
        ))}
      </ul>
      <NewTokenField onAdd={onAddToken} />
    </div>
  );
}

function NewTokenField({ onAdd }: { onAdd: (name: string) => void }) {
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!isValidTokenName(name)) {
      setError("Use letters, digits and _, starting with a letter (up to 64).");
      return;
    }
    onAdd(normalizeTokenName(name));
    setName("");
    setError(null);
  };

  return (
    <form onSubmit={add} noValidate className="space-y-1.5">
      <label htmlFor={id} className="text-sm font-medium text-ink">
        Your own token
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="e.g. PRODUCT"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={clsx(
            inputClasses,
            "h-9 max-w-56 font-mono uppercase placeholder:normal-case",
            error
              ? "border-rose-400 focus:ring-rose-500/20"
              : "border-line focus:border-violet-500 focus:ring-violet-500/20",
          )}
        />
        <Button type="submit" variant="secondary" size="sm">
          <PlusIcon className="size-4" />
          Add
        </Button>
      </div>
      {error
        ? (
          <p id={`${id}-error`} className="text-sm font-medium text-rose-700 dark:text-rose-300">
            {error}
          </p>
        )
        : null}
    </form>
  );
}
