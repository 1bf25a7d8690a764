-- Stripe payments for videos (issue 7, DESIGN.md §8).
--
-- The webhook records every verified Stripe event here exactly once (the event id is the primary
-- key, inserted with `on conflict do nothing` in the same transaction that acts on it), so a
-- redelivered event changes nothing. `outcome` says what the event did; `detail` why an event was
-- ignored (owner or intent mismatch, amount mismatch, unknown video, already paid, unhandled type).
--
-- PaymentIntent client secrets are not stored: a repeated create call retrieves the intent from
-- Stripe with the secret key, so a database leak does not hand out live client secrets. The video's
-- payment columns (payment_intent_id, payment_amount_cents, currency, payment_status, paid_at) are
-- in public.videos already, writable by the service alone: users have no UPDATE grant there.

create table private.stripe_events (
  id text primary key check (id ~ '^evt_[A-Za-z0-9_]+$' and char_length(id) <= 255),
  type text not null check (char_length(type) between 1 and 100),
  payment_intent_id text check (payment_intent_id is null or char_length(payment_intent_id) <= 255),
  video_id uuid,
  livemode boolean not null default false,
  -- 'received' exists only inside the transaction that handles the event; it commits settled,
  -- marked_failed or ignored.
  outcome text not null check (outcome in ('received', 'settled', 'marked_failed', 'ignored')),
  detail text check (detail is null or char_length(detail) <= 200),
  received_at timestamptz not null default now()
);

comment on table private.stripe_events is
  'Each verified Stripe webhook event, once; see supabase/functions/_shared/payments/stripe-webhook.ts.';

-- Support and reconciliation look events up by intent and by video.
create index stripe_events_payment_intent_id_idx on private.stripe_events (payment_intent_id);
create index stripe_events_video_id_idx on private.stripe_events (video_id);

alter table private.stripe_events enable row level security;

revoke all on table private.stripe_events from public, anon, authenticated;
grant select, insert, update on table private.stripe_events to service_role;
