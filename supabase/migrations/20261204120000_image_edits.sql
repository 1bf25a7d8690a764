-- An editor version keeps the edit list that made it from its parent (crop, rotate, filters, text
-- layers as typed, tokens included; or the instruction of an AI edit), so the edit can be replayed
-- on the parent or on other images. Written with the row by the one images writer; users cannot
-- update it (the column grant on images stays is_favorite only).

alter table public.images
  add column edits jsonb;

alter table public.images
  add constraint images_edits_is_object check (edits is null or jsonb_typeof(edits) = 'object');

comment on column public.images.edits is 'The edit list that made this image from parent_image_id, if it was edited.';
