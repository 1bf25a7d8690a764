import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { RefreshIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/text-field";
import { useCreateTokenSet } from "@/features/ai-image/api/create-token-set";
import { useDeleteTokenSet } from "@/features/ai-image/api/delete-token-set";
import { useTokenSets } from "@/features/ai-image/api/get-token-sets";
import type { TokenSet } from "@domain/contracts/personalization-tokens";
import { useUpdateTokenSet } from "@/features/ai-image/api/update-token-set";
import { SelectField } from "@/features/ai-image/components/select-field";
import { sanitizeTokenValue } from "@domain/personalization-tokens";
import { showErrorToast } from "@/lib/error-toast";
import { ConflictError, ValidationError } from "@/lib/function-errors";

/** The server keeps at most this many values in a set. */
const maxTokensPerSet = 100;

/** The values worth saving: non-empty, cleaned as the server will store them. */
function tokensToSave(values: Record<string, string>): Record<string, string> {
  const entries = Object.entries(values)
    .map(([name, value]) => [name, sanitizeTokenValue(value)] as const)
    .filter(([, value]) => value !== "");
  return Object.fromEntries(entries.slice(0, maxTokensPerSet));
}

function sameTokens(a: Record<string, string>, b: Record<string, string>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

type Mode = { kind: "idle" } | { kind: "create" } | { kind: "rename" } | { kind: "confirm-delete" };

/**
 * Picks a saved token set and saves, renames or deletes sets. `onSelect` hears a set chosen from
 * the list or just created (its values become the page's), or null when the chosen one is gone.
 * `values` are the values on the page, which "Save" writes.
 */
export function TokenSetManager({
  selectedId,
  onSelect,
  values,
}: {
  selectedId: string | null;
  onSelect: (tokenSet: TokenSet | null) => void;
  values: Record<string, string>;
}) {
  const tokenSets = useTokenSets();
  const updateTokenSet = useUpdateTokenSet();
  const deleteTokenSet = useDeleteTokenSet();
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const sets = tokenSets.data ?? [];
  const selected = sets.find((tokenSet) => tokenSet.id === selectedId) ?? null;
  const unsaved = selected !== null && !sameTokens(tokensToSave(values), selected.tokens);

  const saveChanges = (tokenSet: TokenSet) =>
    updateTokenSet.mutate(
      { id: tokenSet.id, tokens: tokensToSave(values) },
      {
        onSuccess: (updated) => toast.success(`Saved “${updated.name}”`),
        onError: (error) => showErrorToast(error, { retry: () => saveChanges(tokenSet) }),
      },
    );

  const remove = (tokenSet: TokenSet) =>
    deleteTokenSet.mutate(tokenSet.id, {
      onSuccess: () => {
        setMode({ kind: "idle" });
        onSelect(null);
        toast.success(`Deleted “${tokenSet.name}”`);
      },
      onError: (error) => showErrorToast(error, { retry: () => remove(tokenSet) }),
    });

  return (
    <div className="space-y-3 rounded-xl border border-line p-4">
      {tokenSets.isError && !tokenSets.data
        ? (
          <div role="alert" className="flex flex-wrap items-center justify-between gap-3 text-sm">
            <span className="text-rose-700 dark:text-rose-300">Couldn't load your saved token sets.</span>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => void tokenSets.refetch()}
              loading={tokenSets.isFetching}
            >
              {tokenSets.isFetching ? null : <RefreshIcon className="size-4" />}
              Try again
            </Button>
          </div>
        )
        : (
          <SelectField
            label="Saved token set"
            value={selected?.id ?? ""}
            disabled={tokenSets.isPending}
            onChange={(event) => {
              setMode({ kind: "idle" });
              onSelect(sets.find((tokenSet) => tokenSet.id === event.target.value) ?? null);
            }}
            hint={tokenSets.isPending
              ? "Loading your saved sets…"
              : sets.length === 0
              ? "No saved sets yet. Fill in values, then save them to reuse them later."
              : unsaved
              ? "You changed values since this set was saved."
              : "Choosing a set fills in its values."}
          >
            <option value="">None</option>
            {sets.map((tokenSet) => (
              <option key={tokenSet.id} value={tokenSet.id}>
                {tokenSet.name}
              </option>
            ))}
          </SelectField>
        )}

      {mode.kind === "create" || (mode.kind === "rename" && selected)
        ? (
          <TokenSetNameForm
            key={mode.kind}
            tokenSet={mode.kind === "rename" ? selected : null}
            values={values}
            onDone={(created) => {
              setMode({ kind: "idle" });
              if (created) onSelect(created);
            }}
          />
        )
        : mode.kind === "confirm-delete" && selected
        ? (
          <div
            role="group"
            aria-label={`Delete “${selected.name}”`}
            className="space-y-3 rounded-lg bg-sunken p-3"
          >
            <p className="text-sm text-ink">
              Delete “{selected.name}”? The values stay on this page; the saved set is gone for good.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="danger"
                size="sm"
                onClick={() => remove(selected)}
                loading={deleteTokenSet.isPending}
              >
                Delete set
              </Button>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setMode({ kind: "idle" })}
                disabled={deleteTokenSet.isPending}
              >
                Cancel
              </Button>
            </div>
          </div>
        )
        : (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setMode({ kind: "create" })}
              disabled={tokenSets.isPending}
            >
              Save as new set
            </Button>
            {selected
              ? (
                <>
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => saveChanges(selected)}
                    disabled={!unsaved}
                    loading={updateTokenSet.isPending}
                  >
                    Save changes
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => setMode({ kind: "rename" })}>
                    Rename
                  </Button>
                  <Button variant="ghost" size="sm" onClick={() => setMode({ kind: "confirm-delete" })}>
                    Delete
                  </Button>
                </>
              )
              : null}
          </div>
        )}
    </div>
  );
}

/** Names a new set (saving the current values) or renames `tokenSet`; `onDone` gets the set it created. */
function TokenSetNameForm({
  tokenSet,
  values,
  onDone,
}: {
  tokenSet: TokenSet | null;
  values: Record<string, string>;
  onDone: (created: TokenSet | null) => void;
}) {
  const createTokenSet = useCreateTokenSet();
  const updateTokenSet = useUpdateTokenSet();
  const [name, setName] = useState(tokenSet?.name ?? "");
  const [error, setError] = useState<string>();
  const saving = createTokenSet.isPending || updateTokenSet.isPending;

  const save = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = name.trim();
    if (trimmed === "") {
      setError("Give the set a name.");
      return;
    }
    const callbacks = {
      onSuccess: (saved: TokenSet) => {
        toast.success(tokenSet ? `Renamed to “${saved.name}”` : `Saved “${saved.name}”`);
        onDone(tokenSet ? null : saved);
      },
      onError: (failure: Error) => {
        if (failure instanceof ConflictError || failure instanceof ValidationError) setError(failure.message);
        else showErrorToast(failure, { retry: () => save() });
      },
    };
    if (tokenSet) updateTokenSet.mutate({ id: tokenSet.id, name: trimmed }, callbacks);
    else createTokenSet.mutate({ name: trimmed, tokens: tokensToSave(values) }, callbacks);
  };

  return (
    <form onSubmit={save} noValidate className="space-y-3 rounded-lg bg-sunken p-3">
      <TextField
        label={tokenSet ? "New name" : "Name for the new set"}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          setError(undefined);
        }}
        error={error}
        maxLength={100}
        autoFocus
        hint={tokenSet
          ? undefined
          : `Saves the ${Object.keys(tokensToSave(values)).length} values filled in now.`}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" loading={saving}>
          {tokenSet ? "Rename" : "Save set"}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onDone(null)} disabled={saving}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
