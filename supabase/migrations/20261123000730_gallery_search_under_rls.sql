-- Prompt search that keeps the gallery's reads under RLS.
--
-- Behind a policy, Postgres applies a non-leakproof operator such as ilike only after the policy's
-- own filter, so the trigram index cannot serve it and a search reads all of a user's rows (over
-- 100 ms at 100,000 images). These functions run the match themselves, limited to the caller
-- (auth.uid() from the request's claims, never a parameter); the listings that use them still run
-- as `authenticated` with the images policies applied.

-- Every match of the caller's: for album views, which are small.
create function private.own_image_ids_matching(pattern text)
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.id
    from public.images i
   where i.user_id = (select auth.uid())
     and i.resolved_prompt ilike pattern;
$$;

revoke execute on function private.own_image_ids_matching(text) from public;
grant execute on function private.own_image_ids_matching(text) to authenticated;

-- One timeline page of the caller's matches. Planned per call with the actual values (execute ...
-- using), so that a common word walks the timeline index and stops at the page's end while a rare
-- one takes the trigram index: a generic plan can only be right for one of the two.
create function private.own_timeline_page_matching(
  pattern text,
  only_model text,
  only_feature text,
  only_favorites boolean,
  created_from timestamptz,
  created_before timestamptz,
  after_created_at timestamptz,
  after_id uuid,
  page_size integer
)
returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query execute
    'select i.id from public.images i
      where i.user_id = $1 and i.resolved_prompt ilike $2'
    || case when only_model is null then '' else ' and i.model = $3' end
    || case when only_feature is null then '' else ' and i.feature = $4' end
    || case when only_favorites then ' and i.is_favorite' else '' end
    || case when created_from is null then '' else ' and i.created_at >= $6' end
    || case when created_before is null then '' else ' and i.created_at < $7' end
    || case when after_created_at is null then '' else ' and (i.created_at, i.id) < ($8, $9)' end
    || ' order by i.created_at desc, i.id desc limit $10'
    using auth.uid(), pattern, only_model, only_feature, only_favorites, created_from, created_before,
      after_created_at, after_id, page_size;
end;
$$;

revoke execute on function private.own_timeline_page_matching(
  text, text, text, boolean, timestamptz, timestamptz, timestamptz, uuid, integer
) from public;
grant execute on function private.own_timeline_page_matching(
  text, text, text, boolean, timestamptz, timestamptz, timestamptz, uuid, integer
) to authenticated;
