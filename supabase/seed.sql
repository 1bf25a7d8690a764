-- Demo data for local runs; applied by the local platform (and supabase db reset) on a fresh database.
-- It needs no user: system templates (user_id null) are readable by every signed-in user.

insert into public.templates (user_id, name, description, category, prompt, model, settings)
values
  (
    null,
    'Executive portrait',
    'A polished headshot for a sales outreach or a LinkedIn message.',
    'portrait',
    'Professional studio portrait of [FIRSTNAME|a business leader] from [COMPANY], soft key light, '
      || 'neutral grey backdrop, confident friendly expression, shallow depth of field, 85mm lens',
    'local',
    '{"aspectRatio": "1:1", "style": "photography", "quality": "high"}'
  ),
  (
    null,
    'Welcome aboard billboard',
    'A city billboard greeting a new customer by name.',
    'marketing',
    'A giant billboard in a busy city square at dusk that reads "Welcome aboard, [FIRSTNAME]!" '
      || 'with the [COMPANY] logo in the corner, people looking up and smiling, cinematic lighting',
    'local',
    '{"aspectRatio": "16:9", "style": "photography", "quality": "high"}'
  ),
  (
    null,
    'Coffee cup latte art',
    'A cosy thank-you image: the contact''s name drawn in the milk foam.',
    'social',
    'Overhead shot of a cappuccino on a wooden cafe table, the latte art spells "[FIRSTNAME]", '
      || 'a small card beside it says "Thanks from [COMPANY]", warm morning light',
    'local',
    '{"aspectRatio": "1:1", "style": "photography", "quality": "standard"}'
  ),
  (
    null,
    'Conference badge',
    'An event invitation with a personalised attendee badge.',
    'event',
    'Close-up of a lanyard conference badge printed with "[FIRSTNAME] [LASTNAME|]" and "[COMPANY]", '
      || 'blurred keynote stage and audience in the background, vibrant stage lights',
    'local',
    '{"aspectRatio": "4:3", "style": "photography", "quality": "high"}'
  ),
  (
    null,
    'Action figure box',
    'The contact as a collectible action figure, still in its blister pack.',
    'fun',
    'A collectible action figure of [FIRSTNAME] in a retail blister pack, the box art says '
      || '"[FIRSTNAME]: [JOBTITLE|Deal Closer] Edition" with [COMPANY] accessories, studio product shot',
    'local',
    '{"aspectRatio": "3:4", "style": "3d-render", "quality": "high"}'
  ),
  (
    null,
    'Storybook watercolour',
    'A gentle hand-painted scene in a Ghibli-like storybook style.',
    'illustration',
    'Hand-painted watercolour storybook illustration of [FIRSTNAME] walking through a sunlit meadow '
      || 'towards a cosy cottage with a sign reading "[COMPANY]", soft pastel palette, whimsical clouds',
    'local',
    '{"aspectRatio": "16:9", "style": "illustration", "quality": "standard"}'
  );
