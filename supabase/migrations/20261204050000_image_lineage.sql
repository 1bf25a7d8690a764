-- Images made from another image (an upscale, an editor save, an instruction edit) point at it, so
-- the gallery can show an image's versions and the original is always kept.

alter table public.images
  add column parent_image_id uuid references public.images (id) on delete set null;

comment on column public.images.parent_image_id is 'The image this one was made from, if any.';

create index images_parent_image_id_idx on public.images (parent_image_id) where parent_image_id is not null;

-- The foreign key only proves the parent exists; this proves it is the same owner's, so no row can
-- link to (and so reveal the id of) someone else's image.
create function private.images_parent_same_owner() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.parent_image_id is not null and not exists (
    select 1 from public.images p where p.id = new.parent_image_id and p.user_id = new.user_id
  ) then
    raise exception 'parent image % is not one of this user''s images', new.parent_image_id
      using errcode = '23503';
  end if;
  return new;
end;
$$;

create trigger images_parent_same_owner
  before insert or update of parent_image_id on public.images
  for each row execute function private.images_parent_same_owner();

revoke execute on function private.images_parent_same_owner() from public;
