import { useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ShieldIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/text-field";
import type { Profile } from "@domain/contracts/account";
import { profileChangesSchema, useUpdateProfile } from "@/features/account/api/update-profile";
import { showErrorToast } from "@/lib/error-toast";
import { formatDate } from "@/lib/format";
import { ValidationError } from "@/lib/function-errors";
import { useValidatedForm } from "@/lib/use-validated-form";

const roleLabels: Record<string, string> = { user: "Member", admin: "Admin", evaluator: "Evaluator" };

export function roleLabel(role: string): string {
  return roleLabels[role] ?? role.charAt(0).toUpperCase() + role.slice(1);
}

export function profileName(profile: Profile): string {
  return profile.displayName?.trim() || profile.email.split("@")[0] || profile.email;
}

export function ProfileCard({ profile }: { profile: Profile }) {
  const [editing, setEditing] = useState(false);
  const name = profileName(profile);

  return (
    <Card className="p-5 sm:p-6">
      <h2 className="text-sm font-semibold uppercase tracking-wider text-muted">Profile</h2>
      <div className="mt-4 flex items-center gap-4">
        <Avatar name={name} imageUrl={profile.avatarUrl} size="lg" />
        <div className="min-w-0">
          <p className="truncate text-lg font-semibold text-ink">{name}</p>
          <p className="truncate text-sm text-muted">{profile.email}</p>
        </div>
      </div>
      <dl className="mt-5 grid grid-cols-2 gap-4 text-sm">
        <div>
          <dt className="text-muted">Role</dt>
          <dd className="mt-1">
            <Badge tone={profile.role === "user" ? "neutral" : "brand"}>
              {profile.role === "user" ? null : <ShieldIcon className="size-3.5" />}
              {roleLabel(profile.role)}
            </Badge>
          </dd>
        </div>
        <div>
          <dt className="text-muted">Member since</dt>
          <dd className="mt-1 font-medium text-ink">
            <time dateTime={profile.createdAt}>{formatDate(profile.createdAt)}</time>
          </dd>
        </div>
      </dl>
      <div className="mt-5 border-t border-line pt-5">
        {editing
          ? <DisplayNameForm current={profile.displayName ?? ""} onDone={() => setEditing(false)} />
          : (
            <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
              Change display name
            </Button>
          )}
      </div>
    </Card>
  );
}

function DisplayNameForm({ current, onDone }: { current: string; onDone: () => void }) {
  const updateProfile = useUpdateProfile();
  const form = useValidatedForm(profileChangesSchema, { displayName: current });

  const save = (changes: { displayName: string }) =>
    updateProfile.mutate(changes, {
      onSuccess: onDone,
      onError: (error) => {
        if (error instanceof ValidationError && error.fieldErrors.displayName) {
          form.setErrors({ displayName: error.fieldErrors.displayName });
        } else {
          showErrorToast(error, { retry: () => save(changes) });
        }
      },
    });

  return (
    <form noValidate onSubmit={form.handleSubmit(save)} className="space-y-3">
      <TextField label="Display name" autoComplete="nickname" autoFocus {...form.field("displayName")} />
      <div className="flex gap-2">
        <Button type="submit" size="sm" loading={updateProfile.isPending}>
          Save
        </Button>
        <Button variant="ghost" size="sm" onClick={onDone} disabled={updateProfile.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
